"""Guichet: an FAQ and help-center platform."""
