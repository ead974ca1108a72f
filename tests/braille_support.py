"""Whether the real braille path can be tested here.

Braille letters need liblouis (`lou_translate`), which `make test` installs when run as root.
A developer without it still gets a green run of everything else, so those tests skip; CI sets
RECEPTION_REQUIRE_LIBLOUIS=1 (.ci/run), and there a missing liblouis fails instead of skipping,
so the braille path is always tested for real where it matters.
"""

from __future__ import annotations

import os

import pytest

from reception_app.documents.braille import find_translator

LIBLOUIS_MISSING = find_translator() is None

if LIBLOUIS_MISSING and os.environ.get("RECEPTION_REQUIRE_LIBLOUIS") == "1":
    raise RuntimeError(
        "liblouis is required here (RECEPTION_REQUIRE_LIBLOUIS=1) but lou_translate was not "
        "found: install liblouis-bin (tools/letter-system-libs.sh)."
    )

needs_liblouis = pytest.mark.skipif(
    LIBLOUIS_MISSING, reason="liblouis is not installed (make test installs it as root)"
)
