"""The layering of STYLE.md, checked by import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_domain_imports_nothing_beyond_the_standard_library_and_pure_data_packages() -> None:
    # dateutil: Easter and calendar months (issue 15); pure Python, and holidays' own dependency.
    allowed_third_party = {"holidays", "phonenumbers", "dateutil"}
    stdlib = set(sys.stdlib_module_names)
    # rglob: the domain's packages (appointments/, letters/, offices/, reports/) are checked too.
    for path in (ROOT / "reception_app" / "domain").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] in ("import", "from") and not line.startswith(" "):
                top = words[1].split(".")[0]
                assert (
                    top in stdlib
                    or top in allowed_third_party
                    or top in ("reception_app", "__future__")
                ), f"{path.name} imports {top}"
