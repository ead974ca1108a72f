"""Reception: front-of-house desktop application for UK council offices."""

__version__ = "0.1.0"
