"""Settings > This computer > Texts and e-mails: checking a key and its templates with Notify, and a test message.

Nothing is saved until Notify has accepted the key and both templates are what Reception
needs: a text template whose whole content is ``((body))``, an e-mail template with
``((subject))`` and ``((body))``. Each refusal names the field it belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications import Channel, check_template_id, parse_api_key
from reception_app.services.notifications.config import NotifyConfig
from reception_app.services.notifications.gateway import Gateway, NotifyRefused, NotifyTemplate

GatewayFor = Callable[[NotifyConfig], Gateway]

_NEEDS = {
    Channel.SMS: ("sms", "a text message", ("((body))",)),
    Channel.EMAIL: ("email", "an email", ("((body))", "((subject))")),
}


@dataclass(frozen=True, slots=True)
class CheckedSetup:
    config: NotifyConfig
    templates: dict[Channel, NotifyTemplate]


def _check_template(gateway: Gateway, channel: Channel, template_id: str) -> NotifyTemplate:
    field = f"{channel.value}_template"
    kind, name, placeholders = _NEEDS[channel]
    try:
        template = gateway.template(template_id)
    except NotifyRefused as exc:
        if exc.status in (400, 404):
            raise ValidationError(
                f"Notify has no template with the id {template_id} for this service: copy the "
                "ID shown under the template in Notify.",
                field,
            ) from None
        raise
    if template.type != kind:
        raise ValidationError(
            f"'{template.name}' is {'an email' if template.type == 'email' else 'a ' + template.type} "
            f"template in Notify; this one must be {name} template.",
            field,
        )
    text = template.body + template.subject
    missing = [p for p in placeholders if p not in text]
    if missing:
        raise ValidationError(
            f"'{template.name}' needs {' and '.join(missing)} in Notify (Reception writes the "
            f"words itself): make its {'subject ((subject)) and ' if channel is Channel.EMAIL else ''}"
            "message ((body)).",
            field,
        )
    return template


def check_setup(
    key_text: str,
    sms_template: str,
    email_template: str,
    gateway_for: GatewayFor,
    base_url: str = "",
) -> CheckedSetup:
    """The key's shape, then Notify's word on the key and each template given."""
    key = parse_api_key(key_text)
    config = NotifyConfig(
        api_key=key.text,
        sms_template=check_template_id(sms_template, "sms_template"),
        email_template=check_template_id(email_template, "email_template"),
        base_url=base_url,
    )
    if not config.sms_template and not config.email_template:
        raise ValidationError(
            "Give the id of a text message template, an e-mail template, or both.", "sms_template"
        )
    gateway = gateway_for(config)
    templates = {}
    try:
        for channel in (Channel.SMS, Channel.EMAIL):
            template_id = config.template_for(channel)
            if template_id:
                templates[channel] = _check_template(gateway, channel, template_id)
    except NotifyRefused as exc:
        if exc.status == 403:
            raise ValidationError(
                "Notify refused this API key: check it is the whole key, and that it has not "
                "been revoked (Notify > API integration > API keys).",
                "api_key",
            ) from None
        raise ValidationError(f"Could not check the key with Notify: {exc}", "api_key") from None
    return CheckedSetup(config, templates)
