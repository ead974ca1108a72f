"""Handling times: how long each service takes, learnt robustly from its recent timings."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reception_app.domain.waits.json_form import check_timings
from reception_app.domain.waits.snapshot import DEFAULT_SETTINGS, WaitSettings

_FLOOR_MINUTES = 0.25  # a recorded 0 (a ticket closed at once) must not break the log scale
_MAD_TO_SIGMA = 1.4826
_CLIP_SIGMAS = 3.0


@dataclass(frozen=True, slots=True)
class Handling:
    """A service's handling time as a lognormal: its mean in minutes and its log-scale sigma."""

    mean: float
    spread: float

    @property
    def variance(self) -> float:
        return self.mean * self.mean * math.expm1(self.spread * self.spread)


@dataclass(frozen=True, slots=True)
class Fit:
    """What the timings alone say, and how many observations they are worth after weighting."""

    handling: Handling
    weight: float


def fit(values: Sequence[float], settings: WaitSettings) -> Fit | None:
    """Robust, recency-weighted lognormal fit of a service's timings (oldest first).

    Logs are clipped at 3 robust sigmas around the weighted median, so one 90-minute visit
    among 7-minute ones moves the estimate little, then weighted so that a timing
    ``half_life`` completions old counts half.
    """
    recent = values[-settings.max_history :] if settings.max_history > 0 else values
    n = len(recent)
    if n == 0:
        return None
    decay = 0.5 ** (1.0 / settings.half_life)
    weights = [decay ** (n - 1 - i) for i in range(n)]
    logs = [math.log(max(v, _FLOOR_MINUTES)) for v in recent]
    centre = _weighted_median(logs, weights)
    mad = _weighted_median([abs(x - centre) for x in logs], weights) * _MAD_TO_SIGMA
    # Even identical timings get some room: a handful of equal values is not a certainty.
    half_width = _CLIP_SIGMAS * max(mad, 0.1)
    low, high = centre - half_width, centre + half_width
    total = sum(weights)
    clipped = [min(max(x, low), high) for x in logs]
    mu = sum(w * x for w, x in zip(weights, clipped, strict=True)) / total
    var = sum(w * (x - mu) ** 2 for w, x in zip(weights, clipped, strict=True)) / total
    n_eff = total * total / sum(w * w for w in weights)
    return Fit(Handling(math.exp(mu + 0.5 * var), math.sqrt(var)), n_eff)


def shrink(fit: Fit | None, prior: Handling, prior_weight: float) -> Handling:
    """The fit pulled toward ``prior`` as if the prior were ``prior_weight`` more timings."""
    if fit is None:
        return prior
    n, k = fit.weight, prior_weight
    return Handling(
        (n * fit.handling.mean + k * prior.mean) / (n + k),
        math.sqrt((n * fit.handling.spread**2 + k * prior.spread**2) / (n + k)),
    )


def _weighted_median(values: Sequence[float], weights: Sequence[float]) -> float:
    pairs = sorted(zip(values, weights, strict=True))
    half = 0.5 * sum(weights)
    running = 0.0
    for value, weight in pairs:
        running += weight
        if running >= half:
            return value
    return pairs[-1][0]


def handling_time(history: Sequence[float], default: float) -> float:
    """Expected handling minutes of a service from its recent timings (oldest first).

    Robust to outliers, weighted toward recent timings and shrunk toward ``default`` when there
    are few (``default`` itself when there are none). ValueError for a negative or non-finite
    timing or a default that is not positive.
    """
    if isinstance(default, bool) or not math.isfinite(default) or default <= 0:
        raise ValueError(f"default: must be a positive number of minutes ({default!r})")
    values = check_timings(list(history), "history")
    prior = Handling(default, DEFAULT_SETTINGS.default_spread)
    return shrink(fit(values, DEFAULT_SETTINGS), prior, DEFAULT_SETTINGS.prior_weight).mean


def handling_by_service(
    history: Mapping[str, Sequence[float]], settings: WaitSettings
) -> tuple[dict[str, Handling], Handling]:
    """Each service's handling time, and the office-wide one used for services never seen.

    A service with few timings leans on the office's other services (which lean on
    ``default_minutes`` only when the office has little history at all).
    """
    default = Handling(settings.default_minutes, settings.default_spread)
    fits = {s: f for s, f in ((s, fit(v, settings)) for s, v in history.items()) if f}
    weight = sum(f.weight for f in fits.values())
    if weight == 0:
        return {}, default
    pooled = Fit(
        Handling(
            sum(f.handling.mean * f.weight for f in fits.values()) / weight,
            math.sqrt(sum(f.handling.spread**2 * f.weight for f in fits.values()) / weight),
        ),
        weight,
    )
    office = shrink(pooled, default, settings.prior_weight)
    return {s: shrink(f, office, settings.prior_weight) for s, f in fits.items()}, office


def remaining_after(handling: Handling, elapsed: float) -> tuple[float, float]:
    """Mean and variance of the minutes left of a lognormal service that has already run
    ``elapsed`` minutes (a long-running visit is expected to run on, not to end now)."""
    s = max(handling.spread, 1e-3)
    if elapsed <= 0:
        return handling.mean, handling.variance
    mu = math.log(handling.mean) - 0.5 * s * s
    z = (math.log(elapsed) - mu) / s
    survival = 0.5 * math.erfc(z / _SQRT2)
    if survival < 1e-300:
        # Far past anything the timings allow: the lognormal mean residual life tends to
        # s^2 e / (ln e - mu), with a spread of the same size.
        left = elapsed * s * s / max(z * s, 1e-9)
        return left, left * left
    # Partial moments E[T^k; T > elapsed] of the lognormal, over the survival probability.
    first = handling.mean * 0.5 * math.erfc((z - s) / _SQRT2) / survival
    second = math.exp(2 * mu + 2 * s * s) * 0.5 * math.erfc((z - 2 * s) / _SQRT2) / survival
    return max(first - elapsed, 0.0), max(second - first * first, 0.0)


_SQRT2 = math.sqrt(2.0)
