"""A subject access export as one zip: a readable PDF (large print when the person's record
asks for it), ``data.json``, one CSV per kind of record, and the letter files still kept."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reception_app.documents.fonts import register_fonts
from reception_app.documents.report_csv import check_output, write_atomically
from reception_app.documents.report_style import CLEAR, PrintSize, Styles, m
from reception_app.domain.person_data import PersonData, RecordSet

MARGIN = 18 * mm
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def person_pdf_bytes(data: PersonData) -> bytes:
    register_fonts()
    if data.large_print_size:
        body = float(data.large_print_size)
        size = PrintSize(body=body, small=body, heading=body + 4, title=body + 10)
    else:
        size = CLEAR
    styles = Styles(size)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Personal data held about {data.full_name}",
        author=data.office_name,
        subject="Subject access request",
        creator="Reception",
        lang="en-GB",
    )
    story: list[object] = [
        Paragraph(m(f"Personal data held about {data.full_name}"), styles.title),
        styles.para(
            f"Everything {data.office_name} holds about you in its reception system, as it was "
            f"on {data.produced_at:%d %B %Y at %H:%M} (UTC). Each section lists one kind of "
            "record; the last shows who looked at or changed these records and when. The same "
            "data is in data.json and the CSV files beside this document."
        ),
    ]
    for record_set in data.sets:
        story.extend(_section(record_set, styles, doc.width))
    if data.files:
        story.append(Paragraph("Letters sent to you", styles.heading))
        story.append(styles.para("Copies of these letters are in the letters folder:"))
        story.extend(
            styles.para(letter_name(number, name))
            for number, name in enumerate(data.files, start=1)
        )
    doc.build(story)
    return buffer.getvalue()


def _section(record_set: RecordSet, styles: Styles, width: float) -> list[object]:
    out: list[object] = [
        Paragraph(m(f"{record_set.title} ({len(record_set.rows)})"), styles.heading)
    ]
    if not record_set.rows:
        out.append(styles.para("None held."))
        return out
    for number, row in enumerate(record_set.rows, start=1):
        cells = [
            [
                Paragraph(m(name.replace("_", " ")), styles.head_cell),
                Paragraph(m(value).replace("\n", "<br/>"), styles.cell),
            ]
            for name, value in zip(record_set.headers, row, strict=True)
            if value not in ("", "no")
        ]
        table = Table(cells, colWidths=[width * 0.32, width * 0.68])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.5, "#777777"),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        heading = Paragraph(m(f"{record_set.title}: {number}"), styles.subheading)
        out.append(KeepTogether([heading, table]) if len(cells) < 12 else heading)
        if len(cells) >= 12:
            out.append(table)
        out.append(Spacer(1, styles.size.body * 0.4))
    return out


def letter_name(number: int, name: str) -> str:
    return f"letters/{number:03d}-{Path(name).name}"


def _cell(value: str) -> str:
    """A spreadsheet must not run a formula a person typed."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv(record_set: RecordSet) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(record_set.headers)
    writer.writerows([[_cell(v) for v in row] for row in record_set.rows])
    return text.getvalue().encode("utf-8-sig")


def _json(data: PersonData) -> bytes:
    document = {
        "contact_id": data.contact_id,
        "office": data.office_name,
        "produced_at": data.produced_at.isoformat(),
        "records": {
            s.key: [dict(zip(s.headers, row, strict=True)) for row in s.rows] for s in data.sets
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def write_person_export(data: PersonData, path: Path) -> Path:
    """Write the zip to ``path`` (checked first; renamed into place only when complete)."""
    check_output(path, (".zip",))
    pdf = person_pdf_bytes(data)

    def write(handle: IO[bytes]) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("personal-data.pdf", pdf)
            archive.writestr("data.json", _json(data))
            for record_set in data.sets:
                archive.writestr(f"csv/{record_set.key}.csv", _csv(record_set))
            for number, name in enumerate(data.files, start=1):
                source = Path(name)
                if source.is_file():
                    archive.write(source, letter_name(number, name))

    write_atomically([(path, write)])
    return path
