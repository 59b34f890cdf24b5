"""Contracts shared by every docrelay service: names, messages, models, configuration and stores."""
