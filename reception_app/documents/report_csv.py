"""A report as CSV: the summary, and the per-visit rows behind it; written whole or not at all.

``summary.csv`` gets (section, figure, breakdown, value as shown, its numbers in columns with
the unit in the header, the compared periods' values) lines; the visits go beside it in
``summary-visits.csv``. Both are written to temporary files in the same folder and renamed into
place only when both are complete, so a failure never leaves a partial file.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from reception_app.domain.errors import ReceptionError, ValidationError, write_problem
from reception_app.domain.reports import (
    VISIT_HEADERS,
    Report,
    summary_rows,
    visit_cells,
)
from reception_app.domain.reports.csv_numbers import NUMBER_HEADERS, number_cells

SUMMARY_HEADERS = (
    "Section",
    "Figure",
    "Breakdown",
    "Value (as shown)",
    *NUMBER_HEADERS,
    "Previous period (as shown)",
    "A year earlier (as shown)",
)
"""The figure as the report words it, then its numbers in columns with the unit in the header
(``csv_numbers``), then the same figure for the periods it is compared with (issue 13 point 15)."""


def visits_path(path: Path) -> Path:
    """Where the per-visit rows go beside a summary CSV: 'summary.csv' -> 'summary-visits.csv'."""
    return path.with_name(f"{path.stem}-visits{path.suffix}")


def check_output(path: Path, suffixes: Sequence[str]) -> None:
    """Refuse a path that cannot be written, before any work is done (ValidationError 'out')."""
    if path.is_dir():
        raise ValidationError(
            f"{path} is a folder; give a file name ending {' or '.join(suffixes)}, for example "
            f"{path / ('report' + suffixes[0])}.",
            "out",
        )
    if path.suffix.lower() not in suffixes:
        raise ValidationError(
            f"'{path.name or path}' must end with {' or '.join(suffixes)}.", "out"
        )
    folder = path.parent
    if not folder.is_dir():
        raise ValidationError(
            f"The folder {folder} does not exist, so {path.name} cannot be saved there. "
            "Choose an existing folder.",
            "out",
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValidationError(
            f"Reception cannot write to {path} (no permission). Choose another folder, such as "
            "your Documents folder.",
            "out",
        )


def write_atomically(targets: Sequence[tuple[Path, Callable[[IO[bytes]], object]]]) -> None:
    """Write every target through its writer into a temporary file beside it, then rename them
    all into place; on any failure every temporary file is removed and no target is touched."""
    temps: list[tuple[str, Path]] = []
    try:
        for target, writer in targets:
            handle = tempfile.NamedTemporaryFile(
                dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
            )
            temps.append((handle.name, target))
            with handle:
                writer(handle)
                handle.flush()
                os.fsync(handle.fileno())
        for temp, target in temps:
            os.replace(temp, target)
    except BaseException as exc:
        for temp, _target in temps:
            Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ReceptionError(
                f"The report could not be saved to {targets[0][0]} and nothing was written: "
                f"{write_problem(exc)}"
            ) from None
        raise


def _csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    # UTF-8 with a byte-order mark: Excel on Windows then reads Zoë and Łukasz correctly.
    return text.getvalue().encode("utf-8-sig")


def summary_csv(report: Report) -> bytes:
    compared = report.compared
    figures = {(s.title, f.label): (s.key, f.key) for s in report.sections for f in s.figures}
    rows: list[tuple[str, ...]] = []
    if compared.present:
        rows.append(
            (
                "Report",
                "Compared with",
                "",
                "",
                *[""] * 5,
                compared.previous_label,
                compared.year_label,
            )
        )
    for section, figure, breakdown, value in summary_rows(report):
        keys = figures.get((section, figure)) if not breakdown else None
        others = compared.of(*keys) if keys and compared.present else ("", "")
        rows.append((section, figure, breakdown, value, *number_cells(value), *others))
    return _csv_bytes(SUMMARY_HEADERS, rows)


def visits_csv(report: Report) -> bytes:
    rows = [visit_cells(o, report.calendar) for o in report.outcomes]
    return _csv_bytes(VISIT_HEADERS, rows)


def write_report_csv(report: Report, path: Path) -> list[Path]:
    """Write the summary to ``path`` and the visits beside it; returns both paths."""
    check_output(path, (".csv",))
    visits = visits_path(path)
    summary_data, visits_data = summary_csv(report), visits_csv(report)
    write_atomically(
        [
            (path, lambda f: f.write(summary_data)),
            (visits, lambda f: f.write(visits_data)),
        ]
    )
    return [path, visits]
