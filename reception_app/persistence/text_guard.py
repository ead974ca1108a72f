"""The text rule (domain/text_rules.py) as the last line at the service boundary: no row is
flushed with a string (in a text column, or inside a JSON one such as an address) that is not
text. Services check their fields first with a label of their own; this catches any field that
was missed, with the column's name as the field, so nothing that is not text is ever stored
(PostgreSQL would refuse a NUL with a DataError, SQLite would keep it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String, event, inspect
from sqlalchemy.orm import Mapper, Session

from reception_app.domain.errors import ValidationError
from reception_app.domain.text_rules import check_text, field_label


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


_TEXT_KEYS: dict[type, tuple[str, ...]] = {}


def _text_keys(model: type) -> tuple[str, ...]:
    """The attributes of ``model`` that hold text (string and JSON columns), found once."""
    keys = _TEXT_KEYS.get(model)
    if keys is None:
        mapper: Mapper[Any] = inspect(model)
        keys = tuple(
            mapper.get_property_by_column(column).key
            for column in mapper.columns
            if isinstance(column.type, String | JSON)
        )
        _TEXT_KEYS[model] = keys
    return keys


def check_row(obj: object) -> None:
    loaded = vars(obj)  # only what the row holds in memory: nothing is loaded to check it
    for key in _text_keys(type(obj)):
        value = loaded.get(key)
        if value is None:
            continue
        if isinstance(value, str) and value.isascii() and value.isprintable():
            continue  # the common case, checked at C speed
        for text in _strings(value):
            if text.isascii() and text.isprintable():
                continue
            try:
                check_text(text, key, field_label(key))
            except ValidationError as exc:
                raise ValidationError(str(exc), key) from None


@event.listens_for(Session, "before_flush")
def _refuse_what_is_not_text(session: Session, _context: object, _instances: object) -> None:
    for obj in session.new:
        check_row(obj)
    for obj in session.dirty:
        check_row(obj)
