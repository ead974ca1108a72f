"""Walk-in wait estimates on simulated office days, against two baselines measured in the same run.

A discrete-event simulation of front-desk days (09:00-17:00): walk-ins arrive at a time-varying
rate with a lunchtime peak, desks work shifts with breaks, some desks handle only some services,
booked appointments take desks, and service times are lognormal with a different mean for each
service. A desk calls the first ticket in the queue whose service it handles, only while on
shift, and never within 5 minutes of its next appointment; an appointment starts at its time, or
when the desk's current visitor leaves, and lasts about 0.9 of its booked time (lognormal, sigma
0.25; the estimator only knows the booking). Visitors still waiting when the last shift ends are
sent away: their "wait" is until then.

At each check-in the script builds the snapshot the app would build (history: walk-in service
times completed that day and on the previous ``--history-days`` simulated days, oldest first;
appointments are not in it) and records:

- ours: ``estimate_waits`` for the new ticket;
- QL:   (n_ahead + 1) * mean service time (same history) / desks with a shift covering now
        (at least 1, so a lunchtime closure does not divide by zero);
- LES:  the wait of the last visitor called that day (0 if none);

and, once the visitor is called, the actual wait. Prints the mean absolute error of each, the
ratios ours/QL and ours/LES per scenario and overall (goal: at most 0.70 and 0.60 on every
scenario), and the median time of one ``estimate_waits`` call for a queue of 30 at 4 desks.

    .venv/bin/python benchmarks/wait_estimates.py [--seeds 1-10] [--days 15] [--history-days 3]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reception_app.domain.waits import estimate_waits  # noqa: E402

OPEN, LAST_ARRIVAL = 9 * 60.0, 16 * 60.0 + 30
GAP = 5.0
DAY_ZERO = datetime(2027, 3, 15)

# Service: (mean minutes, log-scale sigma).
SERVICES: dict[str, tuple[float, float]] = {
    "council_tax": (8.0, 0.5),
    "benefits": (14.0, 0.55),
    "housing": (22.0, 0.6),
    "parking": (5.0, 0.45),
    "waste": (4.0, 0.5),
    "planning": (16.0, 0.6),
}

# Relative arrival rate by half hour from 09:00 (last walk-in at 16:30): a morning rise and a
# lunchtime peak when people come in on their break.
PROFILE = [0.7, 0.9, 1.0, 1.0, 1.0, 1.0, 1.3, 1.6, 1.7, 1.6, 1.2, 0.9, 0.8, 0.8, 0.7]


def hm(text: str) -> float:
    hours, minutes = text.split(":")
    return int(hours) * 60.0 + int(minutes)


@dataclass(frozen=True)
class DeskPlan:
    name: str
    shifts: tuple[tuple[float, float], ...]
    services: tuple[str, ...] | None = None
    appointments: int = 0  # booked per day
    appointment_minutes: float = 30.0
    appointment_service: str = "housing"


@dataclass(frozen=True)
class Scenario:
    name: str
    desks: tuple[DeskPlan, ...]
    per_hour: float  # mean walk-ins per hour at a relative rate of 1
    mix: dict[str, float]


def shifts(*pairs: tuple[str, str]) -> tuple[tuple[float, float], ...]:
    return tuple((hm(a), hm(b)) for a, b in pairs)


GENERAL_MIX = {"council_tax": 0.35, "parking": 0.2, "waste": 0.25, "benefits": 0.1, "housing": 0.1}
SCENARIOS = [
    Scenario(
        "quiet, 1 desk",
        (DeskPlan("D1", shifts(("09:00", "17:00"))),),
        per_hour=3.0,
        mix=GENERAL_MIX,
    ),
    Scenario(
        "busy, 2 desks with breaks",
        (
            DeskPlan("D1", shifts(("09:00", "10:30"), ("10:45", "12:00"), ("12:30", "17:00"))),
            DeskPlan("D2", shifts(("09:00", "11:15"), ("11:30", "14:00"), ("14:30", "17:00"))),
        ),
        per_hour=9.5,
        mix=GENERAL_MIX,
    ),
    Scenario(
        "4 desks, specialised, appointments",
        (
            DeskPlan(
                "D1",
                shifts(("09:00", "12:00"), ("12:45", "17:00")),
                appointments=2,
                appointment_minutes=20.0,
                appointment_service="council_tax",
            ),
            DeskPlan("D2", shifts(("09:00", "13:00"), ("13:45", "17:00"))),
            DeskPlan(
                "D3",
                shifts(("09:00", "11:30"), ("12:00", "17:00")),
                services=("housing", "benefits", "planning"),
                appointments=4,
                appointment_minutes=30.0,
            ),
            DeskPlan(
                "D4",
                shifts(("09:30", "13:30"), ("14:15", "17:00")),
                services=("council_tax", "parking", "waste"),
            ),
        ),
        per_hour=11.0,
        mix={
            "council_tax": 0.3,
            "parking": 0.1,
            "waste": 0.15,
            "benefits": 0.15,
            "housing": 0.2,
            "planning": 0.1,
        },
    ),
]


# --- one simulated day -------------------------------------------------------------------------


@dataclass
class Visitor:
    ticket: str
    service: str
    arrived: float
    called: float | None = None


@dataclass
class DeskState:
    plan: DeskPlan
    appointments: list[tuple[float, float, float, str]]  # start, booked, actual, service
    busy_until: float | None = None
    current: tuple[str, float, float | None] | None = None  # service, started, booked minutes

    def on_shift(self, t: float) -> bool:
        return any(s <= t < e for s, e in self.plan.shifts)

    def handles(self, service: str) -> bool:
        return self.plan.services is None or service in self.plan.services


@dataclass
class Record:
    ours: float
    ql: float
    les: float
    visitor: Visitor
    close: float
    seed: int = 0

    @property
    def actual(self) -> float:
        end = self.visitor.called if self.visitor.called is not None else self.close
        return end - self.visitor.arrived


@dataclass
class Day:
    scenario: Scenario
    rng: random.Random
    past: dict[str, list[float]]  # walk-in service times of the previous days, oldest first
    estimate: bool
    today: dict[str, list[float]] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)

    def run(self, date: datetime) -> None:
        rng = self.rng
        desks = [DeskState(p, self._appointments(p)) for p in self.scenario.desks]
        arrivals = self._arrivals()
        close = max(e for d in desks for _, e in d.plan.shifts)
        queue: list[Visitor] = []
        last_called_wait = 0.0

        def complete(t: float) -> None:
            for d in desks:
                if d.busy_until is not None and d.busy_until <= t:
                    assert d.current is not None
                    service, started, booked = d.current
                    if booked is None:
                        minutes = round(d.busy_until - started, 2)
                        self.today.setdefault(service, []).append(minutes)
                    d.busy_until, d.current = None, None

        def dispatch(t: float) -> None:
            nonlocal last_called_wait
            for d in desks:
                if d.busy_until is not None:
                    continue
                if d.appointments and d.appointments[0][0] <= t:
                    start, booked, actual, service = d.appointments.pop(0)
                    d.busy_until, d.current = t + actual, (service, t, booked)
                    continue
                if not d.on_shift(t) or (d.appointments and d.appointments[0][0] - t < GAP):
                    continue
                for i, v in enumerate(queue):
                    if d.handles(v.service):
                        queue.pop(i)
                        v.called = t
                        last_called_wait = t - v.arrived
                        mean, sigma = SERVICES[v.service]
                        d.busy_until = t + lognormal(rng, mean, sigma)
                        d.current = (v.service, t, None)
                        break

        t = OPEN
        next_arrival = 0
        while True:
            complete(t)
            dispatch(t)
            while next_arrival < len(arrivals) and arrivals[next_arrival][0] <= t:
                arrived, service = arrivals[next_arrival]
                next_arrival += 1
                visitor = Visitor(f"T{next_arrival:03d}", service, arrived)
                queue.append(visitor)
                if self.estimate:
                    self._record(date, t, queue, desks, last_called_wait, close)
                dispatch(t)
            candidates = [d.busy_until for d in desks if d.busy_until is not None]
            if next_arrival < len(arrivals):
                candidates.append(arrivals[next_arrival][0])
            for d in desks:
                if d.busy_until is None:
                    candidates += [s for s, _ in d.plan.shifts if s > t]
                    candidates += [a[0] for a in d.appointments if a[0] > t]
            if t < close:
                candidates.append(close)
            if not candidates:
                break
            t = min(candidates)
        complete(math.inf)  # the day's last visitors finish after close

    def _arrivals(self) -> list[tuple[float, str]]:
        rng, scenario = self.rng, self.scenario
        peak = scenario.per_hour * max(PROFILE) / 60.0
        services, weights = list(scenario.mix), list(scenario.mix.values())
        out: list[tuple[float, str]] = []
        t = OPEN
        while True:
            # Thinning: candidates at the peak rate, kept in proportion to the rate at the time.
            t += rng.expovariate(peak)
            if t >= LAST_ARRIVAL:
                return out
            rate = scenario.per_hour * PROFILE[int((t - OPEN) // 30)] / 60.0
            if rng.random() < rate / peak:
                out.append((t, rng.choices(services, weights)[0]))

    def _appointments(self, plan: DeskPlan) -> list[tuple[float, float, float, str]]:
        if not plan.appointments:
            return []
        length = plan.appointment_minutes
        slots = [
            t
            for t in (OPEN + 30 * k for k in range(1, 16))
            if any(s <= t and t + length <= e for s, e in plan.shifts)
        ]
        chosen = sorted(self.rng.sample(slots, min(plan.appointments, len(slots))))
        # Appointments run a little short on average, and vary.
        return [
            (t, length, lognormal(self.rng, 0.9 * length, 0.25), plan.appointment_service)
            for t in chosen
        ]

    def _record(
        self,
        date: datetime,
        now: float,
        queue: Sequence[Visitor],
        desks: Sequence[DeskState],
        last_called_wait: float,
        close: float,
    ) -> None:
        def iso(minutes: float) -> str:
            return (date + timedelta(minutes=minutes)).isoformat()

        history = {s: v + self.today.get(s, []) for s, v in self.past.items()}
        history.update((s, list(v)) for s, v in self.today.items() if s not in self.past)
        snapshot = {
            "now": iso(now),
            "waiting": [
                {"ticket": v.ticket, "service": v.service, "checked_in": iso(v.arrived)}
                for v in queue
            ],
            "desks": [
                {
                    "desk": d.plan.name,
                    "busy": None
                    if d.current is None
                    else {
                        "service": d.current[0],
                        "started": iso(d.current[1]),
                        "booked_minutes": d.current[2],
                    },
                    "shifts": [[iso(s), iso(e)] for s, e in d.plan.shifts],
                    "services": None if d.plan.services is None else list(d.plan.services),
                }
                for d in desks
            ],
            "appointments": [
                {"desk": d.plan.name, "start": iso(a[0]), "minutes": a[1]}
                for d in desks
                for a in d.appointments
            ],
            "history": history,
        }
        visitor = queue[-1]
        ours = estimate_waits(snapshot)[visitor.ticket]
        all_times = [x for v in history.values() for x in v]
        mean_service = statistics.fmean(all_times) if all_times else 10.0
        on_duty = sum(1 for d in desks if d.on_shift(now))
        ql = len(queue) * mean_service / max(on_duty, 1)
        self.records.append(Record(ours, ql, last_called_wait, visitor, close))


def lognormal(rng: random.Random, mean: float, sigma: float) -> float:
    return rng.lognormvariate(math.log(mean) - 0.5 * sigma * sigma, sigma)


# --- running and reporting ---------------------------------------------------------------------


def run_scenario(
    scenario: Scenario, seeds: Sequence[int], days: int, history_days: int
) -> list[Record]:
    records: list[Record] = []
    for seed in seeds:
        rng = random.Random(f"{scenario.name}/{seed}")
        finished: list[dict[str, list[float]]] = []
        for k in range(history_days + days):
            # Each day sees the previous `history_days` days and itself so far; the first
            # `history_days` days only build that history.
            past: dict[str, list[float]] = {}
            for earlier in finished[-history_days:] if history_days else []:
                for service, values in earlier.items():
                    past.setdefault(service, []).extend(values)
            day = Day(scenario, rng, past, estimate=k >= history_days)
            day.run(DAY_ZERO + timedelta(days=k))
            finished.append(day.today)
            for record in day.records:
                record.seed = seed
            records += day.records
    return records


def mae(records: Sequence[Record], pick: str) -> float:
    return statistics.fmean(abs(getattr(r, pick) - r.actual) for r in records)


def time_one_call(repeats: int) -> float:
    rng = random.Random(7)
    now = DAY_ZERO + timedelta(hours=12, minutes=10)
    services = list(SERVICES)

    def iso(minutes: float) -> str:
        return (now + timedelta(minutes=minutes)).isoformat()

    snapshot = {
        "now": now.isoformat(),
        "waiting": [
            {"ticket": f"T{i:03d}", "service": rng.choice(services), "checked_in": iso(-60 + 2 * i)}
            for i in range(30)
        ],
        "desks": [
            {
                "desk": f"D{k + 1}",
                "busy": None
                if k == 3
                else {
                    "service": rng.choice(services),
                    "started": iso(-3 * k - 1),
                    "booked_minutes": None,
                },
                "shifts": [[iso(-190), iso(20 * k)], [iso(20 * k + 45), iso(290)]],
                "services": None if k < 2 else services[2 * (k - 2) : 2 * (k - 2) + 3],
            }
            for k in range(4)
        ],
        "appointments": [
            {"desk": "D1", "start": iso(50), "minutes": 20},
            {"desk": "D3", "start": iso(80), "minutes": 30},
            {"desk": "D3", "start": iso(140), "minutes": 30},
        ],
        "history": {
            s: [lognormal(rng, m, sd) for _ in range(60)] for s, (m, sd) in SERVICES.items()
        },
    }
    assert len(estimate_waits(snapshot)) == 30
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        estimate_waits(snapshot)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000.0


def parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        seeds += range(int(low), int(high or low) + 1)
    return seeds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-10", help="e.g. 1-10 or 1,4,9 (default 1-10)")
    parser.add_argument("--days", type=int, default=15, help="simulated days per seed")
    parser.add_argument("--history-days", type=int, default=3, help="previous days in history")
    parser.add_argument("--repeats", type=int, default=2000, help="timed calls")
    args = parser.parse_args()
    seeds = parse_seeds(args.seeds)

    print(f"seeds {args.seeds}, {args.days} days each, history of {args.history_days} days")
    header = (
        f"{'scenario':36} {'n':>6} {'ours':>6} {'QL':>6} {'LES':>6} {'/QL':>6} {'/LES':>6}"
        f"   worst seed: {'/QL':>5} {'/LES':>5}"
    )
    print(header)
    print("-" * len(header))
    everything: list[Record] = []
    met = True
    for scenario in SCENARIOS:
        records = run_scenario(scenario, seeds, args.days, args.history_days)
        everything += records
        ours, ql, les = mae(records, "ours"), mae(records, "ql"), mae(records, "les")
        met &= ours / ql <= 0.70 and ours / les <= 0.60
        by_seed = [[r for r in records if r.seed == seed] for seed in seeds]
        worst_ql = max(mae(rs, "ours") / mae(rs, "ql") for rs in by_seed if rs)
        worst_les = max(mae(rs, "ours") / mae(rs, "les") for rs in by_seed if rs)
        print(
            f"{scenario.name:36} {len(records):6d} {ours:6.2f} {ql:6.2f} {les:6.2f} "
            f"{ours / ql:6.2f} {ours / les:6.2f}   {'':11} {worst_ql:5.2f} {worst_les:5.2f}"
        )
    ours, ql, les = mae(everything, "ours"), mae(everything, "ql"), mae(everything, "les")
    print(
        f"{'overall':36} {len(everything):6d} {ours:6.2f} {ql:6.2f} {les:6.2f} "
        f"{ours / ql:6.2f} {ours / les:6.2f}"
    )
    sent_away = sum(1 for r in everything if r.visitor.called is None)
    print(f"(mean absolute error in minutes; {sent_away} visitors still waiting at close)")
    print(
        f"goal (ours/QL <= 0.70 and ours/LES <= 0.60 in every scenario): {'met' if met else 'NOT met'}"
    )
    one_call = time_one_call(args.repeats)
    fast = one_call < 5.0
    print(
        f"estimate_waits, queue of 30 at 4 desks: {one_call:.3f} ms (median; "
        f"goal under 5 ms: {'met' if fast else 'NOT met'})"
    )
    return 0 if met and fast else 1


if __name__ == "__main__":
    raise SystemExit(main())
