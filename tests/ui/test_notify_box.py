"""Settings > This computer > Texts and e-mails: a manager sets up Notify, checked off the GUI thread."""

from __future__ import annotations

import pytest

from reception_app.domain.notifications import Channel
from reception_app.services.notifications.config import BASE_URL_VARIABLE
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.settings.notify_box import NotifyBox
from tests.notify_standin import SMS_TEMPLATE, TEST_KEY, WRONG_SECRET_KEY, NotifyStandIn


@pytest.fixture
def box(
    qtbot, state: DeskState, notify_standin: NotifyStandIn, monkeypatch: pytest.MonkeyPatch
) -> NotifyBox:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(BASE_URL_VARIABLE, notify_standin.base_url)
    widget = NotifyBox(state)
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


def test_with_no_key_nothing_is_offered_and_the_box_says_so(box: NotifyBox) -> None:
    assert "Not set up" in box.state_line.text()
    assert not box.test_button.isEnabled() and not box.off_button.isEnabled()


def test_a_refused_key_is_shown_against_the_key(qtbot, box: NotifyBox) -> None:  # type: ignore[no-untyped-def]
    box.api_key.setText(WRONG_SECRET_KEY)
    box.sms_template.setText(SMS_TEMPLATE)
    box.save_button.click()
    qtbot.waitUntil(lambda: bool(box.errors.message_for("api_key")), timeout=10_000)
    assert "Notify refused this API key" in box.errors.message_for("api_key")


def test_a_good_key_is_saved_and_a_test_text_sent(
    qtbot, box: NotifyBox, notify_standin: NotifyStandIn, state: DeskState
) -> None:  # type: ignore[no-untyped-def]
    box.api_key.setText(TEST_KEY)
    box.sms_template.setText(SMS_TEMPLATE)
    box.save_button.click()
    qtbot.waitUntil(lambda: "Saved" in box.result.text(), timeout=10_000)
    assert state.services.notifications().channels() == {Channel.SMS}
    assert "text messages with the key reception_test-" in box.state_line.text()
    assert box.api_key.text() == "", "the secret does not stay on screen"
    box.test_address.setText("01603 301751")
    box.test_button.click()
    qtbot.waitUntil(lambda: bool(box.errors.message_for("test")), timeout=10_000)
    assert "not a mobile number" in box.errors.message_for("test")
    box.test_address.setText("07700 900123")
    box.test_button.click()
    qtbot.waitUntil(lambda: "accepted the test" in box.result.text(), timeout=10_000)
    assert notify_standin.received[-1].recipient == "+447700900123"
    box.grab().save("/tmp/notify_box.png")
