"""Every record module, imported in one place so every table is on ``Base.metadata``.

The persistence package imports this module first (``persistence/__init__.py``), so whichever
record module a caller imports, the tables and relationships of all the others exist too. A new
``*_records.py`` module is added here (tests/persistence/test_record_registration.py checks).
"""

from __future__ import annotations

from sqlalchemy import MetaData

from reception_app.persistence import (
    access_records,
    appointment_records,
    change_records,
    correspondence_records,
    letter_records,
    notification_records,
    records,
)
from reception_app.persistence.base import Base

RECORD_MODULES = (
    records,
    access_records,
    appointment_records,
    change_records,
    correspondence_records,
    letter_records,
    notification_records,
)

metadata: MetaData = Base.metadata
"""Every table of the app (what Alembic compares the migrations with)."""
