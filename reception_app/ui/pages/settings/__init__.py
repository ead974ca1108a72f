"""The tabs of the Settings page, one module each, and what they share."""
