"""Logging to a rotating file in the user log folder (and stderr when the folder is unusable)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reception_app.file_modes import make_private, private_dir


def configure_logging(log_file: Path, level: int = logging.INFO) -> Path | None:
    """Returns the log file in use, or None when only stderr could be used."""
    root = logging.getLogger()
    root.setLevel(level)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        private_dir(log_file.parent)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        make_private(log_file)  # logs name people and records
        used: Path | None = log_file
    except OSError:
        handler = logging.StreamHandler()
        used = None
    handler.setFormatter(formatter)
    root.handlers[:] = [handler]
    return used
