"""Tone rules, one small module per language: each maps a tone to the rewrites that produce it."""
