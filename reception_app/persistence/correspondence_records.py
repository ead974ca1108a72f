"""Phone messages, correspondence, follow-ups, feedback and incidents (issue 5).

Imported at the end of records.py so every table is registered on Base.metadata."""

from __future__ import annotations
