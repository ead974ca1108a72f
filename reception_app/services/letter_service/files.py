"""Letter files on disk: written whole (through a temporary name) or not at all, named so no
earlier letter is overwritten, and removed again when they could not be recorded."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from reception_app.domain.errors import ValidationError
from reception_app.file_modes import write_file_private
from reception_app.output_paths import check_output_path
from reception_app.paths import AppPaths
from reception_app.services.letter_service.requests import ProducedLetter

log = logging.getLogger(__name__)


def write_files(letter: ProducedLetter, pdf_path: Path, database: Path | None = None) -> list[Path]:
    """Write the PDF, and the BRF beside it (same name, .brf); returns the files written.
    Never over ``database`` (the SQLite file in use, wherever --db put it) or the app's own files.

    Written to a temporary name first, so a failure never leaves half a letter. The folder
    must exist (a mistyped folder is not made); OSError when it cannot be written."""
    written: list[Path] = []
    outputs: list[tuple[Path, bytes]] = [(pdf_path, letter.pdf)]
    if letter.brf is not None:
        outputs.append((pdf_path.with_suffix(".brf"), letter.brf.encode("ascii")))
    for path, _data in outputs:  # never over the database, its backups, logs or settings
        check_output_path(path, AppPaths.from_environment(), database)
    try:
        for path, data in outputs:
            partial = path.with_name(path.name + ".part")
            try:
                write_file_private(partial, data)  # letters hold personal data
                partial.replace(path)
            finally:
                discard(partial)
            written.append(path)
    except BaseException:
        # The PDF without its BRF is not the letter asked for: take it away again.
        for path in written:
            discard(path)
        raise
    return written


def discard_files(paths: Sequence[Path]) -> None:
    """Remove files this service wrote (a letter that could not be recorded as sent)."""
    for path in paths:
        discard(path)


def batch_file_name(letter: ProducedLetter, folder: Path, taken: set[str]) -> Path:
    """``R-00012-acknowledgement.pdf`` in ``folder``; never a name already there or already
    given in this batch (``-2``, ``-3`` ... added), so no earlier letter is overwritten."""
    d = letter.draft
    ref = "".join(c if c.isalnum() or c in "-_" else "-" for c in d.content.reference)
    stem = f"{ref or 'letter'}-{d.template.key}"
    number = 1
    while True:
        name = f"{stem}.pdf" if number == 1 else f"{stem}-{number}.pdf"
        path = folder / name
        if name not in taken and not path.exists() and not path.with_suffix(".brf").exists():
            taken.add(name)
            return path
        number += 1


def save_braille(letter: ProducedLetter, folder: Path) -> Path | None:
    """Keep the BRF of a printed braille letter in ``folder`` for the embosser."""
    if letter.brf is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    d = letter.draft
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in d.content.reference)
    path = folder / f"{stem or 'letter'}-{d.template.key}.brf"
    partial = path.with_name(path.name + ".part")
    try:
        write_file_private(partial, letter.brf.encode("ascii"))
        partial.replace(path)
    finally:
        discard(partial)  # gone once renamed; removed if the write failed
    return path


def check_out_path(out: Path) -> None:
    """Refuse, in plain words, a file name that cannot be a new letter: a folder that does not
    exist (it is not made: it is most likely mistyped), a folder, or a place not writable."""
    folder = out.parent
    if out.is_dir():
        raise ValidationError(f"{out} is a folder. Give the name of the PDF to write.", "out")
    if not folder.is_dir():
        raise ValidationError(
            f"The folder {folder} does not exist. Check the name, or make the folder first.",
            "out",
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ValidationError(f"{out} cannot be written here (no permission).", "out")


def discard(path: Path) -> None:
    """Remove a file this service wrote (never a folder someone else put there)."""
    try:
        if path.is_file() or path.is_symlink():
            path.unlink()
    except OSError as exc:
        # The caller reports the first problem; this one is only written to the log.
        log.warning("Could not remove %s after a failed letter: %s", path, exc)
