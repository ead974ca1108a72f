"""Alembic migrations (installed as reception_app.migrations)."""

HEAD_REVISION = "0011"
"""The newest revision in versions/. Start-up compares the database with this before importing
Alembic, which is only needed when there is something to upgrade (a test keeps it true)."""
