"""Page 1 of the managers' report: the key figures, each standard met or missed, one chart.

A manager reads it at a glance; the detail pages follow it.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from reception_app.documents.fonts import REGULAR
from reception_app.documents.report_charts import Bar, BarChart
from reception_app.documents.report_style import LARGE, Styles
from reception_app.documents.report_tables import table
from reception_app.domain.reports import DayStatus, Figure, Report, Share, long_date, minutes_text
from reception_app.domain.reports.standards import verdict
from reception_app.domain.wording import counted

TITLE = "Walk-in waits and service standards"


def _figure(report: Report, section: str, key: str) -> Figure | None:
    found = [s for s in report.sections if s.key == section and s.available]
    return next((f for f in found[0].figures if f.key == key), None) if found else None


def key_figures(report: Report) -> list[tuple[str, ...]]:
    """The figures on the summary page, as (what, value) rows; with (previous period, a year
    earlier) after them when the report is compared."""
    walk = report.walk_ins
    rows: list[tuple[str, str, tuple[tuple[str, str], ...]]] = [
        (
            "Wait: mean, 90th percentile",
            f"{minutes_text(walk.waits.mean)}, {minutes_text(walk.waits.p90)}",
            (("walk_ins", "mean_wait"), ("walk_ins", "p90_wait")),
        ),
        (
            "Resolved at first contact",
            walk.first_contact.text(),
            (("first_contact", "first_contact"),),
        ),
    ]
    for section, key, label in (
        ("correspondence", "received", "Call-backs and letters received"),
        ("correspondence", "overdue_now", "Call-backs and letters overdue now"),
    ):
        figure = _figure(report, section, key)
        if figure is not None:
            rows.append((label, figure.text, ((section, key),)))
    compared = report.compared
    if not compared.present:
        return [(label, value) for label, value, _keys in rows]
    out: list[tuple[str, ...]] = []
    for label, value, keys in rows:
        others = [compared.of(*k) for k in keys]
        previous, earlier = (_joined([o[i] for o in others if o[i]]) for i in (0, 1))
        out.append((label, value, previous, earlier))
    return out


def _joined(texts: list[str]) -> str:
    """'1.7 min, 1.5 min'; one '-' when none of them is known."""
    return "-" if texts and all(t == "-" for t in texts) else ", ".join(texts)


def standards_at_a_glance(report: Report) -> str:
    """One line: each channel with something due, its standard met or missed ('' when no
    channel had anything due). The "Service standards" table on the detail pages has the
    figures behind it."""
    lines = [c for c in report.channels if c.answered.total or c.overdue_now]
    met = [c.name for c in lines if verdict(c.answered, c.overdue_now) == "Met"]
    missed = [
        f"{c.name} ({verdict(c.answered, c.overdue_now).removeprefix('Missed: ')})"
        for c in lines
        if c.name not in met
    ]
    parts = ([f"met: {', '.join(met)}"] if met else []) + (
        [f"missed: {', '.join(missed)}"] if missed else []
    )
    return f"Standards {'; '.join(parts)}." if parts else ""


def _pct(share: Share) -> float | None:
    return _pct_of(share.fraction)


def _bar(label: str, share: Share) -> Bar:
    return Bar(label, _pct(share), share.text() if share.total else "none to count")


def summary_bars(report: Report) -> list[Bar]:
    """The standards at a glance: walk-ins called within the target wait, appointments seen on
    time, call-backs and letters answered within their standards (all channels together)."""
    bars = [_bar("Walk-ins within the target wait", report.walk_ins.within_target)]
    on_time = _figure(report, "appointments", "on_time")
    if on_time is not None:
        bars.append(Bar("Appointments on time", _pct_of(on_time.value), on_time.text))
    answered = _figure(report, "correspondence", "within_standard")
    if answered is not None:
        label = "Call-backs and letters within standard"
        bars.append(Bar(label, _pct_of(answered.value), answered.text))
    return [Bar(b.label, b.value, b.text if b.value is not None else "none to count") for b in bars]


def _pct_of(fraction: float | None) -> float | None:
    return None if fraction is None else round(fraction * 100, 1)


def channel_bars(report: Report) -> list[Bar]:
    """Each channel with items to count, answered within its standard; without any yet, the
    walk-in target by service (for the detail pages)."""
    with_results = [c for c in report.channels if c.answered.total]
    if with_results:
        return [_bar(c.name, c.answered) for c in with_results]
    return [_bar(g.label, g.within_target) for g in report.walk_ins.by_service]


def _made(report: Report) -> str:
    local = report.calendar.to_local(report.generated_at)
    days = report.open_days
    return (
        f"Made {long_date(local.date())} at {local:%H:%M} (UK time). "
        f"Target wait {report.target_wait_minutes} minutes. "
        f"{days} day{'s' if days != 1 else ''} with office hours."
        + (" The period includes today: figures so far." if report.partial else "")
    )


def _closed_days(closed: list[DayStatus]) -> str:
    """'No office hours on 8 weekend days and Fri 25 Dec: Christmas Day (bank holiday).'"""
    weekends = sum(1 for d in closed if d.reason == "weekend")
    others = [d for d in closed if d.reason != "weekend"]
    parts = [counted(weekends, "weekend day")] if weekends else []
    if len(others) <= 6:
        parts += [f"{d.day:%a} {d.day.day} {d.day:%b}: {d.reason}" for d in others]
    else:
        parts.append(f"{len(others)} other days (bank holidays and closure days)")
    return "No office hours on " + "; ".join(parts) + "."


def summary_page(report: Report, styles: Styles, width: float) -> list[Flowable]:
    """The summary: title, period, notes, the walk-ins, the key figures, the standards chart."""
    story: list[Flowable] = [
        styles.para(TITLE, styles.title),
        styles.para(f"{report.office_name}: {report.period_text}", styles.subheading),
    ]
    closed = [d for d in report.days if not d.open]
    if report.no_office_hours:
        return [
            *story,
            styles.para(_made(report)),
            styles.para(report.closed_reason(), styles.subheading),
        ]
    note = ""
    if report.single_day and closed:
        note = f" {report.closed_reason()} Visits recorded that day are shown."
    elif closed:
        note = " " + _closed_days(closed)
    story.append(styles.para(_made(report) + note))
    walk = report.walk_ins
    story.append(
        styles.para(
            f"{walk.arrivals} walk-in visitor{'s' if walk.arrivals != 1 else ''}; "
            f"{walk.served} served, {walk.left} left without being seen.",
            styles.subheading,
        )
    )
    compared = report.compared
    # In large print page 1 has no room for the comparison: the detail pages carry it.
    if compared.present and styles.size is not LARGE:
        story.append(
            styles.para(
                f"Compared with the previous period ({compared.previous_label}) and a year "
                f"earlier ({compared.year_label}); '-' where there are no records."
            )
        )
        rows = [("Key figure", "Value", "Previous period", "A year earlier"), *key_figures(report)]
        left = width * 0.6
        figures = table(rows, styles, [left * 0.34, left * 0.22, left * 0.22, left * 0.22])
    else:
        rows = [("Key figure", "Value"), *[r[:2] for r in key_figures(report)]]
        left = width * 0.5
        figures = table(rows, styles, [left * 0.55, left * 0.45])
    chart = BarChart(
        "Standards met: the share within each standard (met of all counted)",
        summary_bars(report),
        styles.size,
        value_max=100,
    )
    side = Table([[figures, chart]], colWidths=[left + 8 * mm, width - left - 8 * mm])
    side.hAlign = "LEFT"
    side.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 8 * mm),
            ]
        )
    )
    story += [Spacer(1, styles.size.body * 0.3), side]
    # Large print fills page 1 already: there the Service standards table's "Standard" column
    # (met or missed) is the glance.
    glance = standards_at_a_glance(report) if styles.size is not LARGE else ""
    if glance:
        story.insert(-1, styles.para(glance, styles.subheading))
    return story
