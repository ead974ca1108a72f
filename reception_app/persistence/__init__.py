"""Database records, engine set-up, migrations and backups (SQLAlchemy 2)."""
