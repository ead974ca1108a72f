"""The parts of the pages: one panel per tab, board or list, laid out by a thin page."""
