"""Per-computer choices kept in a small JSON file: which database, which desk, how it looks.

Office facts live in the database so every desk shares them; these are for this PC only.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from reception_app.file_modes import write_private

log = logging.getLogger(__name__)


@dataclass
class MachineSettings:
    database_url: str = ""
    """The database this computer uses (without its password: private_settings.py); empty for
    the file in the user data folder."""
    office_key: str = ""
    """The office this computer works for when a server holds several; empty: the database's
    running office."""
    desk_key: str = ""
    high_contrast: bool = False
    large_text: bool = False
    last_username: str = ""
    """Who signed in last at this computer: the sign-in list starts on them."""

    @classmethod
    def load(cls, path: Path) -> MachineSettings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            # A damaged settings file must not stop the desk: fall back to defaults, keep the file.
            log.warning("ignoring unreadable machine settings %s: %s", path, exc)
            return cls()
        if not isinstance(data, dict):
            log.warning("ignoring machine settings %s: not a JSON object", path)
            return cls()
        defaults = cls()
        values = {}
        for f in fields(cls):
            value = data.get(f.name, getattr(defaults, f.name))
            if not isinstance(value, type(getattr(defaults, f.name))):
                log.warning("ignoring %s in %s: %r is the wrong type", f.name, path, value)
                continue
            values[f.name] = value
        return cls(**values)

    def save(self, path: Path) -> None:
        write_private(path, json.dumps(asdict(self), indent=2))
