"""Every table is on Base.metadata whichever record module a fresh interpreter imports first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reception_app.persistence import all_records

PERSISTENCE = Path(all_records.__file__).parent
RECORD_MODULES = sorted(
    p.stem
    for p in PERSISTENCE.glob("*.py")
    if p.stem == "records" or (p.stem.endswith("_records") and p.stem != "all_records")
)

# Run in a fresh interpreter: in this one every module is already imported.
PROBE = """
import importlib, json, sys
from sqlalchemy.orm import configure_mappers
importlib.import_module("reception_app.persistence." + sys.argv[1])
from reception_app.persistence.base import Base
configure_mappers()  # every relationship finds the class it names
print(json.dumps(sorted(Base.metadata.tables)))
"""


def tables_after_importing(module: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, module], capture_output=True, text=True, check=True
    )
    tables: list[str] = json.loads(done.stdout)
    return tables


def test_every_record_module_is_registered_in_all_records() -> None:
    registered = sorted(m.__name__.rsplit(".", 1)[1] for m in all_records.RECORD_MODULES)
    assert registered == RECORD_MODULES


@pytest.mark.parametrize("module", RECORD_MODULES)
def test_importing_one_record_module_registers_every_table(module: str) -> None:
    every_table = sorted(all_records.metadata.tables)
    assert {"offices", "visits", "appointments", "correspondence", "letters_sent"} <= set(
        every_table
    )
    assert tables_after_importing(module) == every_table
