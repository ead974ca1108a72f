"""Alembic environment: configured in code by reception_app.persistence.migrations.

The caller passes an open connection in ``config.attributes["connection"]``; the command-line
``alembic`` tool is not used, so the app and the tests migrate exactly the same way.
"""

from __future__ import annotations

from alembic import context

from reception_app.persistence.all_records import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through reception_app.persistence.migrations.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table.
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
