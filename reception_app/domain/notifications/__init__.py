"""Keeping people informed by text and e-mail (GOV.UK Notify): kinds, wording, keys, outcomes."""

from reception_app.domain.notifications.keys import NotifyKey, check_template_id, parse_api_key
from reception_app.domain.notifications.kinds import (
    OPEN_STATUSES,
    WHERE_TO_SET_UP,
    Channel,
    NotificationKind,
    OutboxStatus,
)
from reception_app.domain.notifications.outbox import Notification, NotificationCounts
from reception_app.domain.notifications.outcomes import (
    MAX_ATTEMPTS,
    Outcome,
    backoff,
    from_delivery_status,
    from_http_error,
)
from reception_app.domain.notifications.wording import (
    PLACEHOLDERS,
    FilledMessage,
    Wording,
    WordingError,
    fill,
    fill_to_fit,
    parse_wording,
    sms_fragments,
)

__all__ = [
    "MAX_ATTEMPTS",
    "OPEN_STATUSES",
    "PLACEHOLDERS",
    "WHERE_TO_SET_UP",
    "Channel",
    "FilledMessage",
    "Notification",
    "NotificationCounts",
    "NotificationKind",
    "NotifyKey",
    "Outcome",
    "OutboxStatus",
    "Wording",
    "WordingError",
    "backoff",
    "check_template_id",
    "fill",
    "fill_to_fit",
    "from_delivery_status",
    "from_http_error",
    "parse_api_key",
    "parse_wording",
    "sms_fragments",
]
