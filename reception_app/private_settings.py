"""This computer's secrets: the database server's password (and later the Notify API key).

Kept out of machine.json in their own file, ``private.json`` beside it, written readable by
this computer's user only (file_modes.py), so the database address can be shown and copied
without the password travelling with it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from reception_app.file_modes import write_private

log = logging.getLogger(__name__)


@dataclass
class PrivateSettings:
    path: Path

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable private settings %s: %s", self.path, exc)
            return {}
        return (
            {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
        )

    def get(self, key: str) -> str:
        return self._read().get(key, "")

    def put(self, key: str, value: str) -> None:
        """Save ``value`` (an empty one removes the key)."""
        data = self._read()
        if value:
            data[key] = value
        else:
            data.pop(key, None)
        write_private(self.path, json.dumps(data, indent=2))


DATABASE_PASSWORD = "database_password"
