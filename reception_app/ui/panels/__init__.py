"""The parts of a screen: one panel per tab, board or list; the pages lay them out."""
