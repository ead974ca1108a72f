"""Settings every desk shares, with their defaults and limits (stored in the database)."""

from __future__ import annotations

from dataclasses import dataclass

from reception_app.domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    per_office: bool = True
    unit: str = "minutes"

    def check(self, value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError(f"{self.label} must be a whole number.", self.key)
        if not self.minimum <= value <= self.maximum:
            raise ValidationError(
                f"{self.label} must be between {self.minimum} and {self.maximum} {self.unit}.",
                self.key,
            )
        return value


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("idle_lock_minutes", "Lock the desk after no use for", 5, 1, 120),
        SettingSpec("target_wait_minutes", "Target wait for walk-in visitors", 15, 1, 240),
        SettingSpec(
            "appointment_late_prompt_minutes", "Prompt when an appointment is late by", 5, 1, 60
        ),
        SettingSpec(
            "minimum_notice_minutes", "Minimum notice for a new appointment", 60, 0, 7 * 24 * 60
        ),
        SettingSpec(
            "room_release_grace_minutes",
            "Release a room when the customer has not arrived after",
            15,
            5,
            120,
        ),
    )
}

ACTIVE_OFFICE_KEY = "active_office"
