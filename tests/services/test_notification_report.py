"""The daily report counts the texts and e-mails sent, delivered and failed; the CSV has them."""

from __future__ import annotations

import csv
from datetime import timedelta

import pdfplumber

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from tests.conftest import FixedClock
from tests.notify_fixtures import NotifyOffice


def test_sent_delivered_and_failed_in_the_daily_report_and_its_csv(
    services: AppServices, manager: StaffMember, notify: NotifyOffice, clock: FixedClock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    queue = services.queue()
    queue.check_in(None, CheckInRequest("general", "Ann"))
    queue.check_in(None, CheckInRequest("general", "Ben", mobile="07700 900123"))
    queue.check_in(None, CheckInRequest("general", "Cat", mobile="07700 900002"))  # fails for good
    queue.call_next(manager, "R1")  # Ben and Cat are nearly up
    sender = services.notifications().sender(per_second=0)
    assert sender.step().sent == 2
    clock.now += timedelta(seconds=6)
    sender.step()  # the delivery reports
    reports = services.reports(manager)
    report = reports.daily(reports.today())
    section = report.section("notifications")
    figures = {f.key: f.text for f in section.figures}
    assert figures["notifications_sent"] == "2"
    assert figures["notifications_delivered"] == "1"
    assert figures["notifications_failed"] == "1"
    assert section.tables[0].rows == (("Nearly your turn", "2", "1", "1"),)
    failed = report.extra_rows["notifications:failed"]
    assert len(failed) == 1 and failed[0][0] == "Nearly your turn"
    assert all("07700" not in cell for row in failed for cell in row), "no numbers in the report"
    summary, _visits = reports.export(report, tmp_path / "day.csv")
    with summary.open(encoding="utf-8") as handle:
        lines = [tuple(r) for r in csv.reader(handle)]
    assert ("Texts and e-mails", "Delivered", "", "1") in lines
    assert ("Texts and e-mails", "Failed (wrong number, bounced, refused)", "", "1") in lines
    assert ("Texts and e-mails", "By message: Sent", "Nearly your turn", "2") in lines
    (pdf,) = reports.export(report, tmp_path / "day.pdf")
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "Texts and e-mails" in text and "Failed (wrong number, bounced, refused) 1" in text
