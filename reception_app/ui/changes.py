"""What changed, for every screen of this process: the desk's own commits and other desks'.

Anki's OpChanges, for several processes: every unit of work that wrote says what kinds of data
it touched (``domain.changes.Topic``). The hub hears this process's own commits at once (they
may come from a worker thread) and other processes' through a ``ChangeFeed``, drops a change it
has already heard, merges what arrives together, and tells the screens on the GUI thread, once:
each screen then reloads only if it shows one of those topics. It also says when the database
stops and starts answering (the banner, the kiosk's "ask at the desk").
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from reception_app.domain.changes import Change, Topic, everything

if TYPE_CHECKING:
    from reception_app.services.container import AppServices


class _Feed(Protocol):
    last_id: int | None

    def start(self) -> None: ...
    def stop(self) -> None: ...


MERGE_MS = 30
"""Changes heard within this long of each other reach the screens as one."""
DRAIN_MS = 50
"""How often the GUI thread takes what the feed's thread has heard (an in-memory list, no
database). A signal posted from the feed's thread would be quicker, but Qt's glib event loop
can hold such signals back for as long as a timer of 100 ms or less keeps firing (measured
with benchmarks/live.py), so the hub does not depend on them."""


class ChangeHub(QObject):
    changed = Signal(object)
    """frozenset[Topic]: what the screens should re-read (after a merge of what arrived)."""
    connection_changed = Signal(bool)
    """True: the database answers again; False: it stopped answering."""
    _arrived = Signal(object)
    _connection = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen: deque[int] = deque(maxlen=2000)
        self._seen_set: set[int] = set()
        self._pending: set[Topic] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(MERGE_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._arrived.connect(self._take)
        self._connection.connect(self._connection_seen)
        self._heard: list[Change] = []
        self._heard_up: bool | None = None
        self._lock = threading.Lock()
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(DRAIN_MS)
        self._drain_timer.timeout.connect(self._drain)
        self._stop_local: Callable[[], None] | None = None
        self._feed: _Feed | None = None
        self.connected = True

    def start(self, services: AppServices, *, listen: bool = True) -> None:
        """Hear ``services``' own commits, and (``listen``) other processes' changes too."""
        self.stop()
        self._stop_local = services.listen_for_commits(self._local)
        if listen:
            feed = services.change_feed(self._from_feed, self._connection_from_feed)
            feed.start()
            self._feed = feed
            self._drain_timer.start()

    def _local(self, change: Change) -> None:
        """This process committed: on the GUI thread at once, from a worker at the next drain."""
        if threading.current_thread() is threading.main_thread():
            self._take([change])
        elif self._feed is not None:
            self._from_feed([change])
        else:  # not listening to other desks: no drain runs, the signal is all there is
            self._arrived.emit([change])

    def _from_feed(self, changes: list[Change]) -> None:
        """On the feed's thread: keep them for the GUI thread's next drain."""
        with self._lock:
            self._heard.extend(changes)

    def _connection_from_feed(self, up: bool) -> None:
        with self._lock:
            self._heard_up = up

    def _drain(self) -> None:
        with self._lock:
            changes, self._heard = self._heard, []
            up, self._heard_up = self._heard_up, None
        if changes:
            self._take(changes)
        if up is not None:
            self._connection_seen(up)

    def stop(self) -> None:
        if self._stop_local is not None:
            self._stop_local()
            self._stop_local = None
        if self._feed is not None:
            self._feed.stop()
            self._feed = None
        self._drain_timer.stop()

    def heard_up_to(self, change_id: int) -> bool:
        """True once every change up to ``change_id`` has been told: the feed has read that far
        (when listening), the GUI thread has taken what it heard and nothing waits to be merged.
        A screen's re-read for it has then started, so a test can check that a change was told
        once without waiting a while for a second notice that should not come."""
        with self._lock:
            waiting = bool(self._heard)
        feed = self._feed
        read_that_far = feed is None or (feed.last_id or 0) >= change_id
        return (
            read_that_far and not waiting and not self._pending and not self._flush_timer.isActive()
        )

    def announce(self, topics: frozenset[Topic]) -> None:
        """Tell the screens directly (e.g. after signing in, everything)."""
        self._pending.update(topics)
        self._flush_timer.start()

    def _take(self, changes: list[Change]) -> None:
        for change in changes:
            if change.id in self._seen_set:
                continue
            if len(self._seen) == self._seen.maxlen:
                self._seen_set.discard(self._seen[0])
            self._seen.append(change.id)
            self._seen_set.add(change.id)
            self._pending.update(change.topics)
        if self._pending and not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        topics, self._pending = frozenset(self._pending), set()
        if topics:
            self.changed.emit(topics)

    def _connection_seen(self, up: bool) -> None:
        if up == self.connected:
            return
        self.connected = up
        self.connection_changed.emit(up)
        if up:  # what happened meanwhile is caught up by the feed; reload everything anyway
            self.announce(everything())
