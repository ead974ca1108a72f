"""The typed queue snapshot and its JSON form say the same thing both ways round."""

from __future__ import annotations

import json
from datetime import datetime

from reception_app.domain.waits import (
    CurrentService,
    Desk,
    QueueSnapshot,
    WaitingTicket,
    estimate,
    estimate_waits,
    merge_shifts,
    parse_snapshot,
    snapshot_to_json,
)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, 15, hour, minute)


def test_merge_shifts_sorts_and_joins_overlapping_or_touching_shifts() -> None:
    shifts = [(at(13), at(16)), (at(9), at(11)), (at(10), at(12)), (at(12), at(12, 30))]
    assert merge_shifts(shifts) == ((at(9), at(12, 30)), (at(13), at(16)))
    assert merge_shifts([]) == ()


def test_a_typed_snapshot_survives_its_json_form_and_gives_the_same_estimate() -> None:
    snapshot = QueueSnapshot(
        now=at(10),
        waiting=(WaitingTicket("G001", "general", at(9, 50)), WaitingTicket("B001", "x", at(10))),
        desks=(
            Desk("R1", CurrentService("general", at(9, 55), 20.0), ((at(9), at(16)),)),
            Desk("CL", None, ((at(9, 30), at(12, 30)),), frozenset({"x", "general"})),
        ),
        history={"general": (6.0, 9.5)},
    )
    data = json.loads(json.dumps(snapshot_to_json(snapshot)))
    assert data["desks"][1]["services"] == ["general", "x"]
    again = parse_snapshot(data)
    assert again == QueueSnapshot(
        snapshot.now, snapshot.waiting, snapshot.desks, (), again.history
    ) and dict(again.history) == {"general": (6.0, 9.5)}
    assert estimate_waits(data) == estimate(snapshot)
