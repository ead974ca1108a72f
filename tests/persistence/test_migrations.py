"""The schema built by the migrations is exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import URL

from reception_app.persistence import migrations
from reception_app.persistence.base import Base
from reception_app.persistence.engine import make_engine


def test_migrations_build_the_schema_the_models_describe(fresh_database_url: URL) -> None:
    engine = make_engine(fresh_database_url)
    migrations.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_revision_chain_is_linear_and_dated() -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert sum(1 for r in revisions if r.down_revision is None) == 1
    for revision in revisions:
        assert Path(revision.path).name[:4].isdigit(), "file names start with the date"


def test_downgrade_to_nothing_and_back(fresh_database_url: URL) -> None:
    engine = make_engine(fresh_database_url)
    migrations.upgrade(engine)
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    migrations.upgrade(engine)
    assert migrations.schema_state(engine).is_current
    engine.dispose()


def test_the_head_constant_used_at_start_up_matches_the_migrations() -> None:
    from reception_app.migrations import HEAD_REVISION

    assert HEAD_REVISION == migrations.head_revision()
