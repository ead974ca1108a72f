"""Walk one application's accessibility tree on the AT-SPI bus, as a screen reader reads it,
and print (JSON) every control a person can reach with the keyboard that has no name, and
every table without column headers.

Run by Debian's /usr/bin/python3 (python3-pyatspi exists only for it), not the venv: the test
starts it in a subprocess against the desk running under Xvfb.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi

SKIP_INSIDE = {pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_MENU_ITEM}
LEAVES = {pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST, pyatspi.ROLE_MENU}
"""Their rows and items are the data: their own names and headers are checked, not each cell."""


def find_app(name: str, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    end = time.time() + seconds
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == name:
                return app
        time.sleep(0.3)
    raise SystemExit(f"{name} is not on the accessibility bus")


def walk(node, path, found, depth=0):  # type: ignore[no-untyped-def]
    if node is None or depth > 60:
        return
    try:
        states = node.getState()
        role = node.getRole()
    except Exception:  # noqa: BLE001 - a node gone while walking
        return
    if not states.contains(pyatspi.STATE_SHOWING):
        return
    where = f"{path} > {node.getRoleName()}"
    if states.contains(pyatspi.STATE_FOCUSABLE) and role not in SKIP_INSIDE:
        if not (node.name or "").strip():
            found.append({"problem": "no name", "role": node.getRoleName(), "where": where})
    if role in (pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE):
        table = node.queryTable()
        headers = [table.getColumnDescription(c) for c in range(table.nColumns)]
        if table.nColumns and not all(h.strip() for h in headers):
            found.append({"problem": "column without header", "role": "table", "where": where})
    if role in LEAVES:
        return
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        label = (node.name or "").strip()[:30]
        walk(child, f"{where}({label})" if label else where, found, depth + 1)


def main() -> None:
    app = find_app(sys.argv[1])
    found: list[dict[str, str]] = []
    for i in range(app.childCount):
        walk(app.getChildAtIndex(i), sys.argv[2], found)
    print(json.dumps(found))


if __name__ == "__main__":
    main()
