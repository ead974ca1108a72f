"""No widget in reception_app.ui hides one of its Qt base class's own methods or attributes.

`self.find = QLineEdit()` on a QDialog replaces QWidget.find() for everyone, Qt's own code included,
and mypy then sees a method where a line edit is meant. Overriding a C++ virtual (paintEvent,
rowCount, ...) is how Qt is meant to be extended, so those overrides are allowed, but only as
methods and only for the names listed here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Iterator

from shiboken6 import Shiboken

import reception_app.ui

# C++ virtual functions of Qt that classes here override on purpose. Add a name only after checking
# that it is virtual in Qt's documentation ("[virtual]"): overriding a non-virtual does nothing
# when Qt itself calls it.
QT_VIRTUALS_OVERRIDDEN = frozenset(
    {
        # QObject
        "eventFilter",
        # QWidget
        "closeEvent",
        "resizeEvent",
        "focusInEvent",
        "focusOutEvent",
        "hideEvent",
        "keyPressEvent",
        "minimumSizeHint",
        "mouseDoubleClickEvent",
        "mousePressEvent",
        "paintEvent",
        "showEvent",
        "sizeHint",
        # QRunnable (the thread pool's jobs)
        "run",
        # QLayout (ui/widgets/flow_layout.py: a layout is made by overriding these)
        "addItem",
        "count",
        "expandingDirections",
        "hasHeightForWidth",
        "heightForWidth",
        "itemAt",
        "minimumSize",
        "setGeometry",
        "takeAt",
        # QAbstractItemModel
        "columnCount",
        "data",
        "headerData",
        "rowCount",
        "sort",
    }
)

# PySide6 writes this onto every Python subclass itself.
SET_BY_PYSIDE = frozenset({"staticMetaObject"})


def _is_qt(cls: type) -> bool:
    return cls.__module__.startswith("PySide6.")


def _is_ours(cls: type) -> bool:
    """Defined in the application (or in this test), not in Qt, Shiboken or typing."""
    return cls.__module__.startswith(("reception_app.", __name__))


def _ui_classes() -> Iterator[type]:
    """Every class defined in reception_app.ui that wraps a Qt (Shiboken) object."""
    for info in pkgutil.walk_packages(reception_app.ui.__path__, "reception_app.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, Shiboken.Object):
                yield cls


def _nearest_qt_base(cls: type) -> type:
    return next(base for base in cls.__mro__ if _is_qt(base))


def _instance_attributes(cls: type) -> set[str]:
    """Names the class's own source assigns as `self.NAME = ...` (instance attributes)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        else:
            continue
        for target in targets:
            for part in ast.walk(target):
                if (
                    isinstance(part, ast.Attribute)
                    and isinstance(part.value, ast.Name)
                    and part.value.id == "self"
                ):
                    names.add(part.attr)
    return names


def _shadowings(cls: type) -> list[str]:
    """`Class.name (where)` for each name the class or its Python bases take from Qt."""
    qt_names = set(dir(_nearest_qt_base(cls))) - SET_BY_PYSIDE
    found: list[str] = []
    for own in cls.__mro__:
        if not _is_ours(own):
            continue
        for name in sorted(set(vars(own)) & qt_names):
            is_override = name in QT_VIRTUALS_OVERRIDDEN and inspect.isfunction(vars(own)[name])
            if not is_override and not name.startswith("__"):
                found.append(f"{cls.__qualname__}.{name} (defined in {own.__qualname__})")
        for name in sorted(_instance_attributes(own) & qt_names):
            found.append(f"{cls.__qualname__}.{name} (self.{name} in {own.__qualname__})")
    return found


def test_the_walk_finds_the_widgets() -> None:
    names = {cls.__qualname__ for cls in _ui_classes()}
    # Guards against a walk that silently finds nothing: the three widgets that once shadowed Qt.
    assert {"LetterDialog", "ArrivalDialog", "MessagesPage", "MainWindow"} <= names


def test_no_class_in_the_ui_shadows_its_qt_base() -> None:
    shadowed = sorted({line for cls in _ui_classes() for line in _shadowings(cls)})
    assert shadowed == [], "rename these, they hide Qt's own: " + ", ".join(shadowed)


def test_the_check_catches_a_shadowing_widget() -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit

    class Shadowing(QDialog):
        def __init__(self) -> None:
            super().__init__()
            self.find = QLineEdit()  # type: ignore[assignment,method-assign]

        def size(self) -> int:  # type: ignore[override]
            return 0

    shadowed = _shadowings(Shadowing)
    assert len(shadowed) == 2
    assert shadowed[0].startswith(
        "test_the_check_catches_a_shadowing_widget.<locals>.Shadowing.size"
    )
    assert "(self.find in " in shadowed[1]
