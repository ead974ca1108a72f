"""What reading one of the later sections gives: the section, its records, per-channel results."""

from __future__ import annotations

from reception_app.domain.reports import Section, Share

Rows = dict[str, tuple[tuple[str, ...], ...]]
"""The records behind a section's figures, by selector."""

Part = tuple[Section, Rows, dict[str, tuple[Share, int]]]
"""A section, the records behind its figures by selector, and per-channel results."""
