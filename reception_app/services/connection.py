"""What the screens need to know about a lost database connection (the UI does not import the
persistence layer itself)."""

from reception_app.persistence.engine import LOST_CONNECTION, DatabaseUnavailable

__all__ = ["LOST_CONNECTION", "DatabaseUnavailable"]
