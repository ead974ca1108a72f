"""Letters produced and sent (issue 6).

Imported at the end of records.py so every table is registered on Base.metadata."""

from __future__ import annotations
