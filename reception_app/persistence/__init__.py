"""Database records, engine set-up, migrations and backups (SQLAlchemy 2).

Importing anything here first registers every record module (``all_records``), so every table
and relationship exists on ``Base.metadata`` whatever a caller imported first.
"""

from reception_app.persistence import all_records as all_records
from reception_app.persistence import text_guard as text_guard
