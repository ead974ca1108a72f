"""Tests for the walk-in wait estimator: hand-worked queues, handling times, field errors, JSON."""

from __future__ import annotations

import copy
import json
import re
import statistics
from datetime import datetime
from typing import Any

import pytest

from reception_app.domain.waits import (
    Appointment,
    CurrentService,
    Desk,
    QueueSnapshot,
    WaitingTicket,
    WaitSettings,
    estimate,
    estimate_waits,
    forecast,
    handling_time,
    parse_snapshot,
)

DAY = "2027-03-15"
ALL_DAY = [[f"{DAY}T09:00:00", f"{DAY}T17:00:00"]]
# Hand-worked cases: no spread in handling times and no shrinkage toward the office mean, so
# each service takes exactly its history's value, a visit in progress has exactly
# (handling - elapsed) left, and the estimate is that sum.
EXACT = WaitSettings(default_spread=1e-9, appointment_spread=0.0, prior_weight=1e-9)
TIMINGS = {"council_tax": [10.0] * 20, "housing": [25.0] * 20}


def at(hhmm: str) -> str:
    return f"{DAY}T{hhmm}:00"


def ticket(name: str, service: str = "council_tax", checked_in: str = "09:55") -> dict[str, Any]:
    return {"ticket": name, "service": service, "checked_in": at(checked_in)}


def desk(
    name: str = "D1",
    busy: tuple[str, str] | None = None,
    shifts: list[list[str]] | None = None,
    services: list[str] | None = None,
    booked: float | None = None,
) -> dict[str, Any]:
    return {
        "desk": name,
        "busy": None
        if busy is None
        else {"service": busy[0], "started": at(busy[1]), "booked_minutes": booked},
        "shifts": ALL_DAY if shifts is None else shifts,
        "services": services,
    }


def snapshot(
    waiting: list[dict[str, Any]],
    desks: list[dict[str, Any]],
    now: str = "10:00",
    appointments: list[dict[str, Any]] | None = None,
    history: dict[str, list[float]] | None = None,
) -> dict[str, Any]:
    return {
        "now": at(now),
        "waiting": waiting,
        "desks": desks,
        "appointments": appointments or [],
        "history": TIMINGS if history is None else history,
    }


def exact(data: dict[str, Any]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in estimate_waits(data, EXACT).items()}


# --- hand-worked queues ------------------------------------------------------------------------


def test_single_idle_desk_with_one_ahead() -> None:
    data = snapshot([ticket("A"), ticket("B")], [desk()])
    assert exact(data) == {"A": 0.0, "B": 10.0}


def test_busy_desk_counts_the_time_already_spent() -> None:
    # Housing takes 25 minutes and started 10 minutes ago: 15 left, then A's 10.
    data = snapshot([ticket("A"), ticket("B")], [desk(busy=("housing", "09:50"))])
    assert exact(data) == {"A": 15.0, "B": 25.0}


def test_a_visit_that_has_run_long_is_expected_to_run_on() -> None:
    history = {"housing": [18.0, 25.0, 31.0, 22.0, 40.0, 27.0, 20.0, 24.0, 35.0, 19.0]}
    just_started = snapshot([ticket("A")], [desk(busy=("housing", "10:00"))], history=history)
    overdue = snapshot([ticket("A")], [desk(busy=("housing", "09:15"))], history=history)
    typical = estimate_waits(just_started)["A"]
    left = estimate_waits(overdue)["A"]
    # 45 minutes in is well past the average, yet the visit is not about to end for certain.
    assert 20 < typical < 30
    assert 0 < left < typical


def test_two_desks_each_call_the_next_ticket_when_free() -> None:
    # D1 frees at 10:06 (council tax since 09:56), D2 at 10:20 (housing since 09:55).
    desks = [desk("D1", busy=("council_tax", "09:56")), desk("D2", busy=("housing", "09:55"))]
    data = snapshot([ticket("A"), ticket("B"), ticket("C"), ticket("D")], desks)
    # A at 10:06 (D1, free 10:16), B at 10:16 (D1, free 10:26), C at 10:20 (D2), D at 10:26.
    assert exact(data) == {"A": 6.0, "B": 16.0, "C": 20.0, "D": 26.0}
    desks_called = [f.desk for f in forecast(parse_snapshot(data), EXACT)]
    assert desks_called == ["D1", "D1", "D2", "D1"]


def test_a_desk_that_handles_only_some_services() -> None:
    desks = [
        desk("D1", services=["housing"]),
        desk("D2", busy=("council_tax", "09:56"), services=["council_tax", "housing"]),
    ]
    waiting = [ticket("A"), ticket("B", "housing"), ticket("C", "planning")]
    data = snapshot(waiting, desks)
    result = exact(data)
    # D1 cannot take A, so A waits for D2 (10:06) while B goes straight to the housing desk.
    assert result["A"] == 6.0
    assert result["B"] == 0.0
    # No desk handles planning: the estimate runs to the end of the last shift (17:00).
    assert result["C"] == 420.0
    planning = forecast(parse_snapshot(data), EXACT)[2]
    assert planning.desk is None and planning.called_at is None


def test_a_break_in_the_shift() -> None:
    shifts = [[at("09:00"), at("10:30")], [at("11:00"), at("17:00")]]
    data = snapshot(
        [ticket(name) for name in "ABCD"], [desk(busy=("council_tax", "09:53"), shifts=shifts)]
    )
    # Free at 10:03, 10:13, 10:23; then 10:33 is inside the break, so D waits for 11:00.
    assert exact(data) == {"A": 3.0, "B": 13.0, "C": 23.0, "D": 60.0}


def test_an_appointment_blocks_a_walk_in_within_five_minutes() -> None:
    waiting = [ticket("A"), ticket("B"), ticket("C")]
    busy = [desk(busy=("council_tax", "09:56"))]
    at_1030 = [{"desk": "D1", "start": at("10:30"), "minutes": 20}]
    # Free at 10:06 and 10:16, then at 10:26: too close to 10:30, so C waits for 10:50.
    assert exact(snapshot(waiting, busy, appointments=at_1030)) == {"A": 6, "B": 16, "C": 50}
    assert exact(snapshot(waiting, busy))["C"] == 26.0
    # Exactly five minutes before is allowed: the rule is "less than five minutes away".
    at_1031 = [{"desk": "D1", "start": at("10:31"), "minutes": 20}]
    assert exact(snapshot(waiting, busy, appointments=at_1031))["C"] == 26.0


def test_an_appointment_that_overruns_pushes_the_queue_back() -> None:
    # The desk is 10 minutes into a 30-minute booking, then has a walk-in-free gap after it.
    data = snapshot([ticket("A")], [desk(busy=("housing", "09:50"), booked=30)])
    assert exact(data) == {"A": 20.0}
    # The next appointment is due before the current visitor leaves: it goes first.
    data["appointments"] = [{"desk": "D1", "start": at("10:15"), "minutes": 20}]
    assert exact(data) == {"A": 40.0}


def test_no_history_uses_the_default_handling_time() -> None:
    data = snapshot([ticket("A"), ticket("B"), ticket("C")], [desk()], history={})
    assert exact(data) == {"A": 0.0, "B": 10.0, "C": 20.0}
    six = WaitSettings(default_minutes=6.0, default_spread=1e-9)
    assert estimate_waits(data, six) == pytest.approx({"A": 0.0, "B": 6.0, "C": 12.0})
    assert handling_time([], 10.0) == 10.0


def test_a_service_never_seen_leans_on_the_office_history() -> None:
    history = {"council_tax": [8.0] * 40}
    data = snapshot([ticket("A", "planning"), ticket("B")], [desk()], history=history)
    # 40 timings of 8 minutes outweigh the 10-minute default (2 pseudo-timings).
    no_spread = WaitSettings(default_spread=1e-9)
    assert estimate_waits(data, no_spread)["B"] == pytest.approx(8.1, abs=0.05)


def test_an_outlier_does_not_dominate() -> None:
    timings = [7.0, 6.0, 8.0, 7.5, 95.0, 6.5, 7.0, 8.0, 6.0, 7.0]
    assert statistics.fmean(timings) > 15
    assert 6.5 < handling_time(timings, 10.0) < 8.5


def test_recent_timings_weigh_more_and_few_timings_are_shrunk() -> None:
    slower_lately = [5.0] * 30 + [10.0] * 30
    faster_lately = [10.0] * 30 + [5.0] * 30
    assert handling_time(slower_lately, 7.5) > 7.5 > handling_time(faster_lately, 7.5)
    # One 20-minute timing is evidence, not proof.
    assert 10.0 < handling_time([20.0], 10.0) < 20.0
    assert handling_time([8.0] * 60, 10.0) == pytest.approx(8.0, abs=0.1)


def test_a_closed_desk_waits_for_its_next_shift() -> None:
    shifts = [[at("09:30"), at("12:30")], [at("13:15"), at("16:00")]]
    data = snapshot([ticket("A"), ticket("B")], [desk(shifts=shifts)], now="12:45")
    assert exact(data) == {"A": 30.0, "B": 40.0}


def test_visitors_after_the_last_shift_get_the_time_to_its_end() -> None:
    # The desk closes at 10:30: A at 10:00, B at 10:10, C at 10:20, and D would be 10:30.
    shifts = [[at("09:00"), at("10:30")]]
    data = snapshot([ticket(name) for name in "ABCD"], [desk(shifts=shifts)])
    assert exact(data) == {"A": 0.0, "B": 10.0, "C": 20.0, "D": 30.0}
    assert forecast(parse_snapshot(data), EXACT)[3].desk is None
    # Once every shift has ended there is nothing to wait for: 0, and no desk.
    late = snapshot([ticket("A")], [desk(shifts=shifts)], now="11:00")
    assert exact(late) == {"A": 0.0}


def test_the_estimate_is_the_median_not_the_mean_behind_one_long_visit() -> None:
    # A visit that has just started has its whole handling time ahead, and skewed timings end
    # before their mean more often than after: the estimate is the lognormal median, which
    # for equally weighted, unshrunk timings is their geometric mean.
    timings = [12.0, 40.0, 18.0, 30.0, 22.0, 15.0, 45.0, 20.0, 28.0, 20.0]
    busy = [desk(busy=("housing", "10:00"))]
    data = snapshot([ticket("A")], busy, history={"housing": timings})
    plain = WaitSettings(default_spread=1e-9, prior_weight=1e-9, half_life=1e9)
    assert estimate_waits(data, plain)["A"] == pytest.approx(statistics.geometric_mean(timings))
    assert estimate_waits(data, plain)["A"] < statistics.fmean(timings)
    assert estimate_waits(data)["A"] < statistics.fmean(timings)


# --- the typed API ----------------------------------------------------------------------------


def test_typed_snapshot_without_json() -> None:
    now = datetime(2027, 3, 15, 10, 0)
    shift = ((datetime(2027, 3, 15, 9, 0), datetime(2027, 3, 15, 17, 0)),)
    snap = QueueSnapshot(
        now=now,
        waiting=(
            WaitingTicket("A", "council_tax", datetime(2027, 3, 15, 9, 55)),
            WaitingTicket("B", "council_tax", datetime(2027, 3, 15, 9, 58)),
        ),
        desks=(Desk("D1", CurrentService("council_tax", datetime(2027, 3, 15, 9, 55)), shift),),
        appointments=(Appointment("D1", datetime(2027, 3, 15, 10, 30), 20.0),),
        history={"council_tax": (10.0,) * 20},
    )
    assert estimate(snap, EXACT) == pytest.approx({"A": 5.0, "B": 15.0}, abs=1e-3)
    first = forecast(snap, EXACT)[0]
    assert first.desk == "D1"
    assert first.called_at is not None
    assert abs((first.called_at - datetime(2027, 3, 15, 10, 5)).total_seconds()) < 1


def test_parse_snapshot_accepts_datetimes_and_optional_fields() -> None:
    data = {
        "now": datetime(2027, 3, 15, 10, 0),
        "waiting": [{"ticket": "A", "service": "x", "checked_in": datetime(2027, 3, 15, 9, 0)}],
        "desks": [{"desk": "D1", "shifts": ALL_DAY}],
    }
    snap = parse_snapshot(data)
    assert snap.desks[0].busy is None and snap.desks[0].services is None
    assert snap.appointments == () and dict(snap.history) == {}
    assert estimate(snap) == {"A": 0.0}


# --- errors ------------------------------------------------------------------------------------


def _broken(change: Any) -> dict[str, Any]:
    data = snapshot(
        [ticket("A"), ticket("B"), ticket("C")],
        [desk(busy=("housing", "09:50"))],
        appointments=[{"desk": "D1", "start": at("10:30"), "minutes": 20}],
    )
    data = copy.deepcopy(data)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("now"), "now: missing"),
        (lambda d: d.update(now="yesterday"), "now: not an ISO date-time"),
        (lambda d: d.update(now="2027-03-15T10:00:00+00:00"), "now: expected a local date-time"),
        (lambda d: d.pop("waiting"), "waiting: missing"),
        (lambda d: d.update(waiting={"A": 1}), "waiting: expected a list"),
        (lambda d: d["waiting"][1].pop("service"), "waiting[1].service: missing"),
        (
            lambda d: d["waiting"][2].update(checked_in="10 past 10"),
            "waiting[2].checked_in: not an ISO date-time",
        ),
        (lambda d: d["waiting"][2].update(ticket="A"), "waiting[2].ticket: ticket 'A' is listed"),
        (lambda d: d["waiting"][0].update(ticket=14), "waiting[0].ticket: expected a non-empty"),
        (lambda d: d["waiting"].append("C015"), "waiting[3]: expected an object"),
        (lambda d: d.pop("desks"), "desks: missing"),
        (lambda d: d["desks"][0].pop("shifts"), "desks[0].shifts: missing"),
        (
            lambda d: d["desks"][0].update(shifts=[[at("12:00"), at("09:00")]]),
            "desks[0].shifts[0]: the shift ends before it starts",
        ),
        (
            lambda d: d["desks"][0].update(shifts=[[at("09:00")]]),
            "desks[0].shifts[0]: expected [start, end]",
        ),
        (
            lambda d: d["desks"][0].update(shifts=[[at("09:00"), "noon"]]),
            "desks[0].shifts[0][1]: not an ISO date-time",
        ),
        (lambda d: d["desks"][0].update(services="housing"), "desks[0].services: expected a list"),
        (lambda d: d["desks"][0]["busy"].pop("started"), "desks[0].busy.started: missing"),
        (
            lambda d: d["desks"][0]["busy"].update(booked_minutes="half an hour"),
            "desks[0].busy.booked_minutes: expected a number",
        ),
        (
            lambda d: d["desks"][0]["busy"].update(booked_minutes=0),
            "desks[0].busy.booked_minutes: must be more than 0",
        ),
        (lambda d: d["desks"].append(desk("D1")), "desks[1].desk: desk 'D1' is listed twice"),
        (lambda d: d["appointments"][0].update(desk="D9"), "appointments[0].desk: no desk 'D9'"),
        (lambda d: d["appointments"][0].update(minutes=True), "appointments[0].minutes: expected"),
        (lambda d: d.update(history=[1, 2]), "history: expected an object"),
        (
            lambda d: d["history"].update(housing=[20.0, -3.0]),
            "history['housing'][1]: must be at least 0",
        ),
        (
            lambda d: d["history"].update(housing=[20.0, float("nan")]),
            "history['housing'][1]: expected a number",
        ),
        (lambda d: d["history"].update(housing="25"), "history['housing']: expected a list"),
    ],
)
def test_malformed_fields_are_named(change: Any, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        estimate_waits(_broken(change))


def test_not_an_object_and_bad_settings() -> None:
    with pytest.raises(ValueError, match="^snapshot: expected an object"):
        estimate_waits([])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="^default_minutes"):
        WaitSettings(default_minutes=0)
    with pytest.raises(ValueError, match="^default"):
        handling_time([5.0], 0.0)
    with pytest.raises(ValueError, match=re.escape("history[1]: expected a number")):
        handling_time([5.0, "6"], 10.0)  # type: ignore[list-item]


# --- the JSON entry point ----------------------------------------------------------------------


def _busy_morning() -> dict[str, Any]:
    services = ["council_tax", "housing", "benefits", "parking"]
    return snapshot(
        [ticket(f"C{i:03d}", services[i % 4], f"09:{20 + i:02d}") for i in range(30)],
        [
            desk("D1", busy=("housing", "09:40")),
            desk("D2", busy=("benefits", "09:52"), shifts=[[at("09:00"), at("10:30")]]),
            desk("D3", services=["council_tax", "parking"]),
            desk("D4", busy=("housing", "09:45"), booked=30),
        ],
        appointments=[
            {"desk": "D1", "start": at("10:30"), "minutes": 20},
            {"desk": "D3", "start": at("11:00"), "minutes": 30},
        ],
        history={
            "council_tax": [7.5, 6.0, 9.2, 8.1, 30.0, 7.7],
            "housing": [25.0, 18.5, 22.0],
            "parking": [4.0, 5.5],
        },
    )


def test_json_round_trip() -> None:
    data = json.loads(json.dumps(_busy_morning()))
    result = json.loads(json.dumps(estimate_waits(data)))
    assert list(result) == [t["ticket"] for t in data["waiting"]]
    assert all(isinstance(v, float) and v >= 0 for v in result.values())
    # Calling order holds for tickets of one service at the same desks.
    council_tax = [result[t["ticket"]] for t in data["waiting"] if t["service"] == "council_tax"]
    assert council_tax == sorted(council_tax)


def test_the_estimate_is_deterministic_and_leaves_the_snapshot_alone() -> None:
    data = _busy_morning()
    before = copy.deepcopy(data)
    first = estimate_waits(data)
    assert all(estimate_waits(data) == first for _ in range(5))
    assert estimate(parse_snapshot(data)) == first
    assert data == before


# How fast one estimate is (a queue of 30 at four desks, goal under 5 ms) is measured by
# benchmarks/wait_estimates.py, not asserted here: a timed assert fails on a busy machine.
