"""This computer's Notify set-up: the API key and the two templates, kept in private.json.

The key is a secret, so it lives with the database password in the owner-only private.json
(``reception_app.private_settings``), never in the database or machine.json. The office's
database only records that texts and e-mails are set up (``notify_channels``), so every desk,
the kiosk included, knows whether to offer them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications import (
    WHERE_TO_SET_UP,
    Channel,
    NotifyKey,
    parse_api_key,
)
from reception_app.private_settings import PrivateSettings
from reception_app.services.notifications.gateway import NOTIFY_API

NOTIFY_SETTINGS = "notify"
"""The private.json entry (a JSON text: key, templates, and the API address if not Notify's)."""
BASE_URL_VARIABLE = "RECEPTION_NOTIFY_URL"
"""Points the client at another Notify API address (the tests' and benchmark's stand-in)."""
__all__ = ["BASE_URL_VARIABLE", "NOTIFY_SETTINGS", "WHERE_TO_SET_UP", "NotifyConfig"]


@dataclass(frozen=True, slots=True)
class NotifyConfig:
    api_key: str = ""
    sms_template: str = ""
    email_template: str = ""
    base_url: str = ""

    @property
    def key(self) -> NotifyKey | None:
        if not self.api_key:
            return None
        try:
            return parse_api_key(self.api_key)
        except ValidationError:
            return None

    @property
    def channels(self) -> frozenset[Channel]:
        if self.key is None:
            return frozenset()
        found = set()
        if self.sms_template:
            found.add(Channel.SMS)
        if self.email_template:
            found.add(Channel.EMAIL)
        return frozenset(found)

    def template_for(self, channel: Channel) -> str:
        return self.sms_template if channel is Channel.SMS else self.email_template

    @property
    def api_url(self) -> str:
        return self.base_url or os.environ.get(BASE_URL_VARIABLE, "") or NOTIFY_API


def load_config(private: PrivateSettings) -> NotifyConfig:
    text = private.get(NOTIFY_SETTINGS)
    if not text:
        return NotifyConfig()
    try:
        data = json.loads(text)
    except ValueError:
        return NotifyConfig()
    if not isinstance(data, dict):
        return NotifyConfig()
    return NotifyConfig(
        api_key=str(data.get("api_key", "")),
        sms_template=str(data.get("sms_template", "")),
        email_template=str(data.get("email_template", "")),
        base_url=str(data.get("base_url", "")),
    )


def store_config(private: PrivateSettings, config: NotifyConfig) -> None:
    """Save (owner-only); a config without a key removes the entry."""
    if not config.api_key:
        private.put(NOTIFY_SETTINGS, "")
        return
    data = {
        "api_key": config.api_key,
        "sms_template": config.sms_template,
        "email_template": config.email_template,
    }
    if config.base_url:
        data["base_url"] = config.base_url
    private.put(NOTIFY_SETTINGS, json.dumps(data))
