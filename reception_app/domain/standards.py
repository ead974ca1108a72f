"""Service standards: which clocks each contact channel has and how each clock is counted."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ClockKind(StrEnum):
    """How a deadline is counted (DOMAIN.md section 2)."""

    WORKING_DAYS = "working_days"
    """End of the Nth office working day after the day of receipt (day 0)."""
    STATUTORY_WORKING_DAYS = "statutory_working_days"
    """As WORKING_DAYS, but on the FOI/EIR statutory calendar (any UK bank holiday excluded)."""
    HOURS_MON_FRI = "hours_mon_fri"
    """N hours that run only on office working days, each counting 24 hours from 00:00."""
    CALENDAR_MONTHS = "calendar_months"
    """Same date N months later (last day of a short month), moved to the next working day."""
    AGREED = "agreed"
    """No fixed clock: a target date is agreed with the customer."""


CLOCK_NAMES = ("acknowledge", "respond", "final")

KIND_WORDS: dict[ClockKind, str] = {
    ClockKind.WORKING_DAYS: "working days",
    ClockKind.STATUTORY_WORKING_DAYS: "statutory working days",
    ClockKind.HOURS_MON_FRI: "hours (Monday to Friday)",
    ClockKind.CALENDAR_MONTHS: "calendar months",
    ClockKind.AGREED: "a target date agreed with the customer",
}
"""What each kind counts, in the words used in messages (the enum values are file keys)."""

CHANNELS: dict[str, str] = {
    "email": "Email",
    "online_form": "Online form",
    "social_media": "Social media",
    "letter": "Letter",
    "voicemail": "Voicemail",
    "callback": "Call-back (message for a colleague)",
    "phone_unresolved": "Phone enquiry not resolved",
    "web_chat_unresolved": "Web chat not resolved",
    "foi": "Freedom of Information request",
    "eir": "Environmental Information request",
    "sar": "Subject access request",
    "complaint": "Complaint",
}
"""Every channel key of DOMAIN.md section 3, with the name shown at the desk."""


@dataclass(frozen=True, slots=True)
class ClockRule:
    """One clock: its kind and amount (days, hours or months; ignored for AGREED)."""

    kind: ClockKind
    amount: int = 0

    def __post_init__(self) -> None:
        if self.kind is not ClockKind.AGREED and self.amount <= 0:
            # No full stop: callers embed this after a "where:" prefix and end the sentence.
            raise ValueError(
                f"the amount for a clock counted in {KIND_WORDS[self.kind]} must be a positive "
                f"whole number, not {self.amount}"
            )

    def describe(self) -> str:
        """Plain-English wording, e.g. '5 working days'."""
        n = self.amount
        match self.kind:
            case ClockKind.WORKING_DAYS:
                return "end of the next working day" if n == 1 else f"{n} working days"
            case ClockKind.STATUTORY_WORKING_DAYS:
                return f"{n} statutory working day{'' if n == 1 else 's'}"
            case ClockKind.HOURS_MON_FRI:
                return f"{n} hour{'' if n == 1 else 's'} (Monday to Friday)"
            case ClockKind.CALENDAR_MONTHS:
                return "one calendar month" if n == 1 else f"{n} calendar months"
            case ClockKind.AGREED:
                return "target date agreed with the customer"
        raise AssertionError(self.kind)  # pragma: no cover

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "amount": self.amount}

    @classmethod
    def from_dict(cls, data: object) -> ClockRule:
        """Read ``{"kind": ..., "amount": ...}``; ValueError names what is wrong."""
        if not isinstance(data, dict):
            raise ValueError(f"a clock must be a table with 'kind' and 'amount', not {data!r}")
        kind_text = str(data.get("kind"))
        try:
            kind = ClockKind(kind_text)
        except ValueError:
            valid = ", ".join(k.value for k in ClockKind)
            raise ValueError(f"unknown clock kind {kind_text!r}; valid kinds: {valid}") from None
        amount = data.get("amount", 0)
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise ValueError(f"clock amount must be a whole number, not {amount!r}")
        return cls(kind, amount)


@dataclass(frozen=True, slots=True)
class ChannelStandard:
    """The published standard for one channel: up to three clocks."""

    channel: str
    acknowledge: ClockRule | None = None
    respond: ClockRule | None = None
    final: ClockRule | None = None

    def clocks(self) -> dict[str, ClockRule]:
        """The clocks this channel has, in order acknowledge, respond, final."""
        out: dict[str, ClockRule] = {}
        for name in CLOCK_NAMES:
            rule = getattr(self, name)
            if rule is not None:
                out[name] = rule
        return out

    def to_dict(self) -> dict[str, object]:
        return {name: rule.to_dict() for name, rule in self.clocks().items()}

    @classmethod
    def from_dict(cls, channel: str, data: object) -> ChannelStandard:
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}; valid channels: {', '.join(CHANNELS)}")
        if not isinstance(data, dict):
            raise ValueError(f"standard for {channel!r} must be a table of clocks")
        unknown = set(data) - set(CLOCK_NAMES)
        if unknown:
            raise ValueError(
                f"standard for {channel!r} has unknown clock(s) {', '.join(sorted(unknown))}; "
                f"valid clocks: {', '.join(CLOCK_NAMES)}"
            )
        rules = {name: ClockRule.from_dict(data[name]) for name in CLOCK_NAMES if name in data}
        return cls(channel, **rules)
