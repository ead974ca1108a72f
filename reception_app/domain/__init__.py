"""Pure-Python domain rules: calendars, deadlines, office profiles. Standard library only."""
