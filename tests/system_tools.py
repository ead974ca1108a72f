"""System programs some tests run for real (installed by tools/test-system-packages.sh).

On a developer's machine without one, the tests that need it skip; CI sets
RECEPTION_REQUIRE_SYSTEM_TOOLS=1 (.ci/run) and there a missing program fails instead.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require_program(name: str) -> str:
    """The path of ``name``; skips the test (fails in CI) when it is not installed."""
    path = shutil.which(name)
    if path is not None:
        return path
    message = f"{name} is not installed (tools/test-system-packages.sh installs it as root)"
    if os.environ.get("RECEPTION_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail(message + " but RECEPTION_REQUIRE_SYSTEM_TOOLS=1 requires it")
    pytest.skip(message)
