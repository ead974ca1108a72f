"""The wording each office sends: the shipped files, and any the office replaced.

An office replaces a message by putting a file of the same name in
``<data folder>/notifications/<office key>/`` (docs/notify.md); a file there that cannot be
used is logged and the shipped wording is sent instead, so nobody misses a message over a typo.
"""

from __future__ import annotations

import logging
import threading
from importlib import resources
from pathlib import Path

from reception_app.domain.notifications import NotificationKind, Wording, WordingError
from reception_app.domain.notifications.wording import parse_wording
from reception_app.paths import AppPaths

log = logging.getLogger(__name__)

_lock = threading.Lock()
_shipped: dict[NotificationKind, Wording] | None = None
_offices: dict[str, tuple[tuple[tuple[str, float], ...], dict[NotificationKind, Wording]]] = {}


def shipped_texts() -> dict[str, str]:
    """Kind -> file text, from resources/notifications/*.toml."""
    folder = resources.files("reception_app.resources").joinpath("notifications")
    return {
        item.name.removesuffix(".toml"): item.read_text(encoding="utf-8")
        for item in folder.iterdir()
        if item.name.endswith(".toml")
    }


def shipped() -> dict[NotificationKind, Wording]:
    global _shipped
    with _lock:
        if _shipped is None:
            _shipped = {
                NotificationKind(key): parse_wording(key, text)
                for key, text in shipped_texts().items()
            }
        return _shipped


def office_folder(office_key: str) -> Path:
    return AppPaths.from_environment().data_dir / "notifications" / office_key


def for_office(office_key: str, folder: Path | None = None) -> dict[NotificationKind, Wording]:
    """The shipped wording with the office's own files in place of any it replaced."""
    base = shipped()
    folder = folder if folder is not None else office_folder(office_key)
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    stamp = tuple((p.name, p.stat().st_mtime) for p in files)
    with _lock:
        cached = _offices.get(str(folder))
        if cached is not None and cached[0] == stamp:
            return cached[1]
    book = dict(base)
    for path in files:
        try:
            wording = parse_wording(path.stem, path.read_text(encoding="utf-8"))
        except (WordingError, OSError, UnicodeDecodeError) as exc:
            log.warning("office wording %s not used: %s", path, exc)
            continue
        book[wording.kind] = wording
    with _lock:
        _offices[str(folder)] = (stamp, book)
    return book
