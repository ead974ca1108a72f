"""Alembic migrations (installed as reception_app.migrations)."""
