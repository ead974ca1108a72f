"""Helpers for the screen-reader test: the desk run for real on the accessibility bus."""
