"""Schema migrations with Alembic, configured in code; backups are taken by the caller first."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from reception_app.domain.errors import ReceptionError


class NewerDatabaseError(ReceptionError):
    """The database was written by a newer version of Reception."""


def script_location() -> Path:
    return Path(str(resources.files("reception_app.migrations")))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location()))
    # Date-prefixed file names keep the versions folder in the order the changes were made.
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    has_tables: bool

    @property
    def is_empty(self) -> bool:
        return self.current is None and not self.has_tables

    @property
    def is_current(self) -> bool:
        return self.current == self.head

    @property
    def is_newer(self) -> bool:
        return self.current is not None and self.current not in known_revisions()


def schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
    return SchemaState(current=current, head=head_revision(), has_tables=bool(tables))


def upgrade(engine: Engine) -> SchemaState:
    """Bring the schema to the newest revision; refuse a database from a newer app."""
    state = schema_state(engine)
    if state.is_newer:
        raise NewerDatabaseError(
            f"This database was last used by a newer version of Reception (schema {state.current}). "
            "Install the newer version to open it; nothing has been changed."
        )
    if state.current is None and state.has_tables:
        raise ReceptionError(
            "This database has tables but no Reception version stamp, so it is not a Reception "
            "database. Choose another file with --db; nothing has been changed."
        )
    if not state.is_current:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return schema_state(engine)
