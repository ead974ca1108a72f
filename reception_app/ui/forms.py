"""Form helpers, as imported before they moved to ``reception_app.ui.widgets.field_errors``.

New code imports FieldErrors from there; this name keeps the existing imports working."""

from reception_app.ui.widgets.field_errors import FieldErrors

__all__ = ["FieldErrors"]
