"""Listens to Celery events and keeps the jobs table up to date."""
