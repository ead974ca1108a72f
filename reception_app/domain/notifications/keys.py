"""A GOV.UK Notify API key, checked for shape before anything is sent with it.

Notify's keys are ``<key name>-<service id>-<secret>``: the service id and the secret are both
UUIDs (36 characters each), the name is whatever the service's team called the key. The client
signs every request with the secret (a JWT whose issuer is the service id).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from reception_app.domain.errors import ValidationError

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_KEY = re.compile(rf"^(?P<name>.+)-(?P<service>{_UUID})-(?P<secret>{_UUID})$")


@dataclass(frozen=True, slots=True)
class NotifyKey:
    name: str
    service_id: str
    secret: str

    @property
    def text(self) -> str:
        return f"{self.name}-{self.service_id}-{self.secret}"

    @property
    def masked(self) -> str:
        """What a screen may show: the name and the service, never the secret."""
        return f"{self.name}-{self.service_id}-…{self.secret[-4:]}"


def parse_api_key(text: str, field: str = "api_key") -> NotifyKey:
    """The key typed or pasted in Settings; ValidationError says what is wrong with it."""
    value = "".join(text.split()).strip("'\"")
    if not value:
        raise ValidationError("Paste the API key from GOV.UK Notify's API integration page.", field)
    match = _KEY.match(value.lower())
    if match is None:
        if re.match(rf"^{_UUID}-{_UUID}$", value.lower()):
            raise ValidationError(
                "The key's name is missing from the front: copy the whole key as Notify showed "
                "it, starting with the name you gave it.",
                field,
            )
        if len(value) < 74:
            raise ValidationError(
                f"That API key is too short ({len(value)} characters). A Notify key is the key's "
                "name, then the service id and the secret: two long codes like "
                "26785a09-ab16-4eb0-8407-a37497a57506. Copy the whole key.",
                field,
            )
        raise ValidationError(
            "That is not a Notify API key: it should end with the service id and the secret, "
            "two codes like 26785a09-ab16-4eb0-8407-a37497a57506 joined by a hyphen.",
            field,
        )
    # The name keeps the case it was typed in; the two ids are lower case.
    name = value[: len(match.group("name"))]
    return NotifyKey(name, match.group("service"), match.group("secret"))


def check_template_id(text: str, field: str) -> str:
    """A Notify template id (a UUID), or empty."""
    value = text.strip().lower()
    if not value:
        return ""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValidationError(
            f"'{text.strip()}' is not a template id: copy the ID shown under the template in "
            "Notify (it looks like f33517ff-2a88-4f6e-b855-c550268ce08a).",
            field,
        ) from None
