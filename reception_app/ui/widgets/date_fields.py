"""Date and date-time fields in the office's wall-clock time, and their values as Python dates.

A QDateTimeEdit here is kept in UTC so Qt never shifts the time shown; the office's zone is
applied when the value is read.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def local_to_qt(moment: datetime, zone: tzinfo) -> QDateTime:
    """An office wall-clock time for a QDateTimeEdit kept in UTC (so Qt never shifts it)."""
    local = moment.astimezone(zone)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone.utc()
    )


def qt_to_local(value: QDateTime, zone: tzinfo) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone)


def date_time_edit(value: QDateTime | None = None) -> QDateTimeEdit:
    """A day and time field with a calendar, e.g. 'Tue 24 Nov 2026   10:30'."""
    edit = QDateTimeEdit(value) if value is not None else QDateTimeEdit()
    edit.setTimeZone(QTimeZone.utc())
    edit.setDisplayFormat("ddd d MMM yyyy   HH:mm")
    edit.setCalendarPopup(True)
    return edit


def date_edit(value: date, name: str) -> QDateEdit:
    """A day field with a calendar, e.g. 'Tue 24 Nov 2026'."""
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


def date_of(edit: QDateEdit) -> date:
    return pydate(edit.date())
