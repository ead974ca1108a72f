"""Keep the garbage collector's full passes short once the app has started.

CPython's oldest-generation collection walks every tracked object, and stops every thread while
it does: with SQLAlchemy, Qt wrappers and the imported modules that is tens to hundreds of
milliseconds, felt as a stall of the GUI thread and a late text (benchmarks/notify.py).
``gc.freeze()`` moves everything alive after start-up into a permanent generation the
collector no longer walks; what is made afterwards is collected as before.
"""

from __future__ import annotations

import gc


def freeze_start_up_objects() -> None:
    """Collect once (so start-up's garbage is not kept for ever), then freeze what remains."""
    gc.collect()
    gc.freeze()
