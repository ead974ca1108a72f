"""The correspondence log, the Log tab of the Correspondence page.

The items by view, owner and channel with their deadlines, the chosen item in full, its next
steps, and the letters about it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.correspondence import CorrespondenceItem, available_steps
from reception_app.domain.errors import ReceptionError
from reception_app.domain.standards import CHANNELS
from reception_app.domain.wording import counted
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.correspondence_action_dialog import (
    CLOSE,
    EXTEND,
    HOLDING,
    PAUSE,
    REASSIGN,
    RESPOND,
    RESUME,
    CorrespondenceActionDialog,
)
from reception_app.ui.dialogs.correspondence_dialog import CorrespondenceDialog
from reception_app.ui.dialogs.letter_dialog import LetterDialog, letter_dialog_for
from reception_app.ui.models.correspondence_list_model import PreparedRows
from reception_app.ui.models.correspondence_table_model import CorrespondenceTableModel
from reception_app.ui.notify_words import on_its_way
from reception_app.ui.panels.correspondence_context import CorrespondenceContext
from reception_app.ui.panels.correspondence_details import item_details
from reception_app.ui.panels.correspondence_steps import step_dialog
from reception_app.ui.panels.panel import Panel
from reception_app.ui.widgets.contact_lookup import ContactLookup
from reception_app.ui.widgets.row_views import current_value, detail_box, select_where, table_view
from reception_app.ui.widgets.simple_fields import buddy_label, named_combo
from reception_app.ui.workers import start_job

LIVE_RESIZE_ROWS = 40
"""A live re-read fits the columns to their text only while the log is this short."""

LOG_VIEWS = [
    ("open", "Open"),
    ("due_soon", "Due soon"),
    ("overdue", "Overdue"),
    ("paused", "Clock paused"),
    ("closed", "Closed (last 90 days)"),
    ("all", "All"),
]
STEP_BUTTONS = (
    ("acknowledge", "&Acknowledged"),
    (HOLDING, "Holding res&ponse"),
    (RESPOND, "&Responded"),
    (CLOSE, "Clos&e"),
    (PAUSE, "Pa&use clock"),
    (RESUME, "Resu&me clock"),
    (EXTEND, "E&xtend"),
    (REASSIGN, "Pass &to..."),
)
ShowLetter = Callable[[LetterDialog], None]


class CorrespondenceLogPanel(Panel):
    """``show_letter`` shows a letter dialog until it is closed (the page's, which tests
    replace)."""

    LOG_SYNC_ROWS = 2000
    """A view of up to this many items is re-read at once (a few milliseconds); a longer one
    (or 'Closed' / 'All', not counted beforehand) on a worker thread, the rows shown staying
    until the new ones are ready."""
    LOADING = "Loading..."

    def __init__(
        self,
        state: DeskState,
        context: CorrespondenceContext,
        show_letter: ShowLetter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(state, parent)
        self.context = context
        self._show_letter = show_letter
        self._log_request = 0
        self._fresh: CorrespondenceItem | None = None
        """The chosen item as the live reload read it (on a worker), while its rows go in."""
        self._log_job: object | None = None
        """The worker re-reading a long log; kept referenced until it reports back."""
        self._offer_id: int | None = None
        self._shown_item: CorrespondenceItem | None = None

        self.log_button = QPushButton("Log correspondence (Ctrl+N)")
        bar = self._build_bar()
        self.log_model = CorrespondenceTableModel(self)
        self.log_table = table_view("Correspondence", self.log_model, CorrespondenceTableModel.DUE)
        self.log_detail = detail_box("The chosen correspondence", "Choose an item to see it here.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.log_table)
        splitter.addWidget(self.log_detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        actions = self._build_actions()
        self.log_status = QLabel()
        self.log_status.setWordWrap(True)
        self.log_status.setTextFormat(Qt.TextFormat.PlainText)
        letters_row = self._build_letters()
        # The batch's outcome stays here: the log's own status line is rewritten by each reload.
        self.batch_result = QLabel()
        self.batch_result.setWordWrap(True)
        self.batch_result.setTextFormat(Qt.TextFormat.PlainText)
        self.batch_result.setAccessibleName("Letters due today: result")
        self.batch_result.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addLayout(letters_row)
        layout.addWidget(self.batch_result)
        layout.addWidget(self.log_status)
        self.log_button.clicked.connect(self.log_new)
        for box in (self.log_view, self.owner_filter, self.channel_filter):
            box.activated.connect(lambda _i: self.refresh_log())
        self.log_find.textChanged.connect(self._log_find_changed)
        self.log_table.selectionModel().currentRowChanged.connect(self._show_item)

    # --- building -------------------------------------------------------------------------------

    def _build_bar(self) -> QHBoxLayout:
        self.log_view = named_combo("Show", [(k, t) for k, t in LOG_VIEWS])
        self.owner_filter = named_combo("Owner", [(None, "Everyone")])
        self.channel_filter = named_combo("Channel", [(None, "Every channel"), *CHANNELS.items()])
        self.log_find = QLineEdit()
        self.log_find.setClearButtonEnabled(True)
        self.log_find.setPlaceholderText("Reference, name, subject...")
        self.log_find.setAccessibleName("Find correspondence")
        bar = QHBoxLayout()
        bar.addWidget(self.log_button)
        bar.addSpacing(12)
        for text, widget in (
            ("&Show:", self.log_view),
            ("&Owner:", self.owner_filter),
            ("Cha&nnel:", self.channel_filter),
            ("Fin&d:", self.log_find),
        ):
            bar.addWidget(buddy_label(text, widget))
            bar.addWidget(widget, 1 if widget is self.log_find else 0)
        return bar

    def _build_actions(self) -> QHBoxLayout:
        self.log_actions: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text in STEP_BUTTONS:
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=key: self.log_action(k))
            self.log_actions[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    def _build_letters(self) -> QHBoxLayout:
        """Letters: for the chosen item, the day's batch, and the offer after a holding
        response."""
        self.letter_button = QPushButton("Write a letter... (Ctrl+Shift+W)")
        self.letter_button.setToolTip(
            "A letter about the chosen item, in the customer's preferred format"
        )
        self.batch_button = QPushButton("Letters due toda&y...")
        self.batch_button.setToolTip(
            "Every acknowledgement due today: print them as one job or save them as PDFs"
        )
        self.letter_offer = QPushButton("Print the holding response letter... (Ctrl+Shift+W)")
        self.letter_offer.setAccessibleName("Holding response letter")
        self.letter_offer.hide()
        letters_row = QHBoxLayout()
        letters_row.addWidget(self.letter_button)
        letters_row.addWidget(self.batch_button)
        letters_row.addWidget(self.letter_offer)
        letters_row.addStretch(1)
        self.letter_button.clicked.connect(self.write_letter)
        self.batch_button.clicked.connect(lambda: self.print_letters_due())
        self.letter_offer.clicked.connect(self.write_letter)
        return letters_row

    # --- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.fill_owner_filter()
        self.refresh_log()

    def fill_owner_filter(self) -> None:
        current = self.owner_filter.currentData()
        self.owner_filter.clear()
        self.owner_filter.addItem("Everyone", None)
        for member in self.context.staff:
            self.owner_filter.addItem(member.full_name, member.id)
        self.owner_filter.setCurrentIndex(max(0, self.owner_filter.findData(current)))

    def refresh_log(self, select_id: int | None = None) -> None:
        """Re-read the log for the view and filters chosen, keeping the chosen item."""
        self._log_request += 1
        request = self._log_request
        context = self.context
        try:
            log = self.state.services.correspondence()
            context.engine = log.deadline_engine()
            counts = log.counts()
        except ReceptionError as exc:
            self.log_status.setText(str(exc))
            return
        self.show_counts(counts)
        view = str(self.log_view.currentData())
        owner, channel = self.owner_filter.currentData(), self.channel_filter.currentData()
        self.log_model.set_context(context.engine, context.today, context.zone, context.now)
        model = self.log_model

        def read(_progress: object = None) -> PreparedRows[CorrespondenceItem]:
            # Worker-safe: the services open their own sessions; prepare() touches no widget.
            return model.prepare(log.list_items(view, owner, channel))

        if counts.get(view, self.LOG_SYNC_ROWS + 1) <= self.LOG_SYNC_ROWS:
            self._log_job = None
            try:
                prepared = read()
            except ReceptionError as exc:
                self.log_status.setText(str(exc))
                return
            self._swap_log_rows(prepared, select_id)
            return

        def done(prepared: PreparedRows[CorrespondenceItem]) -> None:
            if request == self._log_request:
                self._log_job = None
                # A message set meanwhile (e.g. "... recorded as sent") stays.
                count = self.log_status.text() == self.LOADING
                self._swap_log_rows(prepared, select_id, count)

        def failed(exc: BaseException) -> None:
            if request == self._log_request:
                self._log_job = None
                self.log_status.setText(
                    str(exc) if isinstance(exc, ReceptionError) else "The log could not be read."
                )

        self.log_status.setText(self.LOADING)
        self._log_job = start_job(read, done, failed)

    def show_counts(self, counts: dict[str, int]) -> None:
        for index, (key, text) in enumerate(LOG_VIEWS):
            if key in counts:
                self.log_view.setItemText(index, f"{text} ({counts[key]})")

    def show_live(
        self,
        counts: dict[str, int],
        prepared: PreparedRows[CorrespondenceItem],
        chosen: CorrespondenceItem | None,
    ) -> None:
        """Rows read on a worker by the live reload (pages/correspondence_reading.py), with
        the chosen item in full (shown without reading it again here)."""
        self._log_request += 1  # a slower read started before this one is dropped
        self._log_job, self._fresh = None, chosen
        self.show_counts(counts)
        try:  # the columns keep their widths (fitting 200 rows to their text takes 35 ms)
            self._swap_log_rows(prepared, None, resize=self.log_model.rowCount() < LIVE_RESIZE_ROWS)
        finally:
            self._fresh = None

    def log_loading(self) -> bool:
        """A re-read of the log is under way on a worker thread."""
        return self._log_job is not None

    def _swap_log_rows(
        self,
        prepared: PreparedRows[CorrespondenceItem],
        select_id: int | None,
        count: bool = True,
        resize: bool = True,
    ) -> None:
        # The item chosen now (the person may have moved while the log was loading).
        keep = select_id if select_id is not None else self._current_item_id()
        self.log_model.set_prepared(prepared)
        if resize:
            self.log_table.resizeColumnsToContents()
        select_where(self.log_table, self.log_model, lambda i: i.id == keep)
        self._show_item()
        if count:
            self._log_count()

    def _log_count(self) -> None:
        shown, total = self.log_model.rowCount(), self.log_model.total
        view = LOG_VIEWS[self.log_view.currentIndex()][1].lower()
        if total == 0:
            self.log_status.setText(f"Nothing in '{view}'.")
        elif shown == total:
            self.log_status.setText(f"{counted(total, 'item')} in '{view}'.")
        else:
            self.log_status.setText(
                f"{shown} of {total} in '{view}' match '{self.log_find.text().strip()}'."
            )

    def _log_find_changed(self, text: str) -> None:
        keep = self._current_item_id()
        self.log_model.set_filter(text)
        select_where(self.log_table, self.log_model, lambda i: i.id == keep)
        self._show_item()
        self._log_count()

    def focus_find(self) -> None:
        self.log_find.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.log_find.selectAll()

    # --- the chosen item ------------------------------------------------------------------------

    def current_item(self) -> CorrespondenceItem | None:
        value = current_value(self.log_table)
        return value if isinstance(value, CorrespondenceItem) else None

    def _current_item_id(self) -> int | None:
        item = self.current_item()
        return item.id if item else None

    def _show_item(self, *_args: object) -> None:
        chosen = self.current_item()
        item, fresh = None, self._fresh
        if chosen is not None and fresh is not None and fresh.id == chosen.id:
            item = fresh
        elif chosen is not None:
            try:
                item = self.state.services.correspondence().get(chosen.id)
            except ReceptionError as exc:
                self.log_status.setText(str(exc))
        self._shown_item = item
        self.letter_offer.setVisible(item is not None and item.id == self._offer_id)
        self.letter_button.setEnabled(item is not None)
        engine = self.context.engine
        if item is None or engine is None:
            self.log_detail.setPlainText("")
            for button in self.log_actions.values():
                button.setEnabled(False)
            return
        context = self.context
        now = context.now or datetime.combine(context.today, time(0), context.zone)
        self.log_detail.setPlainText(item_details(item, engine, now, context.zone))
        steps = available_steps(item)
        for key, button in self.log_actions.items():
            button.setEnabled(key in steps)

    # --- steps ----------------------------------------------------------------------------------

    def log_dialog(self) -> CorrespondenceDialog:
        services = self.state.services
        log = services.correspondence()
        engine = log.deadline_engine()
        now = services.office.status().local_now
        actor, staff = self.state.actor, self.context.staff
        owner = actor.id if actor is not None and any(s.id == actor.id for s in staff) else None
        return CorrespondenceDialog(
            engine,
            now,
            staff,
            owner,
            log.preview,
            lambda draft: log.log(actor, draft),
            parent=self,
            contacts=ContactLookup.from_state(self.state),
        )

    def log_new(self) -> None:
        try:
            dialog = self.log_dialog()
        except ReceptionError as exc:
            self.log_status.setText(str(exc))
            return
        if dialog.exec() and dialog.item is not None:
            self._changed(dialog.item.id)
            self.log_status.setText(f"{dialog.item.reference} logged.")

    def action_dialog(self, mode: str, item: CorrespondenceItem) -> CorrespondenceActionDialog:
        log = self.state.services.correspondence()
        return step_dialog(mode, item, log, self.state.actor, self.context, parent=self)

    def log_action(self, key: str) -> None:
        item = self._shown_item
        if item is None:
            self.log_status.setText("Choose an item first.")
            return
        if key == "acknowledge":
            try:
                self.state.services.correspondence().acknowledge(self.state.actor, item.id)
            except ReceptionError as exc:
                self.log_status.setText(str(exc))
                return
            self._changed(item.id)
            told = on_its_way(self.state.services, "correspondence", item.id)
            if told:
                self.log_status.setText(f"{item.reference} acknowledged.{told}")
            return
        dialog = self.action_dialog(key, item)
        if dialog.exec() and dialog.result_value is not None:
            if key == HOLDING:
                self._offer_id = item.id
            self._changed(item.id)
            if key == HOLDING:
                self.log_status.setText(
                    f"Holding response recorded for {item.reference}."
                    + on_its_way(self.state.services, "correspondence", item.id)
                    + " Print the letter about it now? (Ctrl+Shift+W)"
                )
                self.letter_offer.setFocus(Qt.FocusReason.OtherFocusReason)

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh_log(select_id)
        self.state.data_changed.emit()

    # --- letters --------------------------------------------------------------------------------

    def letter_key(self, item: CorrespondenceItem) -> str:
        """The letter for the item as it stands (channel and state)."""
        from reception_app.services.letter_service import correspondence_letter

        return correspondence_letter(
            item.channel,
            held=bool(item.holding_responses),
            answered=item.responded_at is not None or item.closed_at is not None,
        )

    def letter_dialog(self, item: CorrespondenceItem) -> LetterDialog:
        from reception_app.services.letter_service import LetterSource

        return letter_dialog_for(
            self.state, LetterSource("correspondence", item.id), self.letter_key(item), self
        )

    def write_letter(self) -> None:
        item = self._shown_item
        if item is None:
            self.log_status.setText("Choose an item first, then write the letter.")
            return
        try:
            dialog = self.letter_dialog(item)
        except ReceptionError as exc:
            self.log_status.setText(str(exc))
            return
        dialog.finished.connect(lambda _result: self._letter_closed(dialog, item))
        self._show_letter(dialog)

    def _letter_closed(self, dialog: LetterDialog, item: CorrespondenceItem) -> None:
        if not dialog.sent:
            return
        title = dialog.produced.draft.template.title if dialog.produced else "Letter"
        if self._offer_id == item.id:
            self._offer_id = None
            self.letter_offer.hide()
        self.log_status.setText(f"'{title}' for {item.reference} recorded as sent.")
        self.state.data_changed.emit()

    def print_letters_due(self, how: str | None = None, folder: Path | None = None) -> object:
        """Every acknowledgement due today: printed as one job or saved as PDFs to a folder,
        off the UI thread with progress and Cancel (``how``/``folder`` skip the questions)."""
        from reception_app.ui.letter_batch import print_batch

        try:
            letters = self.state.services.letters()
            requests = letters.due_today()
        except ReceptionError as exc:
            self.log_status.setText(str(exc))
            return None

        def report(text: str) -> None:
            self.batch_result.setText(text)
            self.batch_result.show()
            self.refresh_log()
            self.state.data_changed.emit()

        return print_batch(
            self,
            letters,
            requests,
            self.state.actor,
            self.state.paths.data_dir / "braille",
            how=how,
            folder=folder,
            report=report,
        )
