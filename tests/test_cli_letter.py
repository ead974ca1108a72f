"""`reception-app letter TEMPLATE --record KIND:ID ... --out FILE`: headless letters."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reception_app.cli import main
from reception_app.domain.people import PreferredFormat, StaffMember
from reception_app.persistence.correspondence_records import CorrespondenceRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.office_repository import get_office
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from reception_app.services.letter_service import LetterSource
from tests.conftest import CLI, MANAGER_PASSWORD
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.letter_fixtures import EXTRA, add_contact


def sets(*names: str) -> list[str]:
    out = []
    for name in names:
        out += ["--set", f"{name}={EXTRA[name]}"]
    return out


def test_letter_in_large_print_18_is_written_and_recorded(
    services: AppServices,
    manager: StaffMember,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    seams: Seams,
) -> None:
    """--staff: the password is asked (typed through the seam here; on a terminal for real)."""
    contact = add_contact(services, manager)
    out = tmp_path / "ack.pdf"
    asked: list[str] = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return MANAGER_PASSWORD

    code = main(
        [
            "letter",
            "acknowledgement",
            "--record",
            f"contact:{contact.id}",
            "--format",
            "large",
            "--size",
            "18",
            "--out",
            str(out),
            "--staff",
            "mclerk",
            *sets("about", "received_date", "response_date"),
        ],
        replace(seams, ask_password=typed),
    )
    assert code == 0, capsys.readouterr().err
    assert asked == ["Password for mclerk: "]
    facts = read_pdf(out.read_bytes())
    assert 18.0 in facts.font_sizes and facts.font_sizes <= {18.0, 22.5}
    text = squash(" ".join(facts.pages))
    assert "Zoë Łukasz Siobhán O'Neill" in text and "Tuesday 22 December 2026" in text
    assert "Please ask for: Margaret Clerk" in text
    [sent] = services.letters().sent_letters(LetterSource("contact", contact.id or 0))
    assert (sent.font_size, sent.staff_name, sent.delivery) == (18, "Margaret Clerk", "pdf")
    assert "Recorded 'Acknowledgement' (Large print, 18 pt)" in capsys.readouterr().out


def test_braille_without_liblouis_says_so(
    services: AppServices,
    manager: StaffMember,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cli: CLI,
) -> None:
    contact = add_contact(services, manager, fmt=PreferredFormat.BRAILLE)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # the real look-up finds nothing
    out = tmp_path / "b.pdf"
    code = cli(
        [
            "letter",
            "not_satisfied",
            "--record",
            f"contact:{contact.id}",
            "--out",
            str(out),
            *sets("about"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "awaiting braille transcription" in capsys.readouterr().out
    assert out.exists() and not out.with_suffix(".brf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--record", "contact:1", "--size", "17", "--format", "large"], "not 17"),
        (["--record", "contact"], "does not name a record"),
        (["--record", "contact:999"], "no contact number 999"),
        (["--record", "contact:1", "--set", "oops"], "NAME=VALUE"),
    ],
)
def test_bad_input_is_one_plain_line_and_no_file(
    services: AppServices,
    manager: StaffMember,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
    cli: CLI,
) -> None:
    add_contact(services, manager)
    out = tmp_path / "x.pdf"
    assert cli(["letter", "acknowledgement", *args, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_a_missing_value_names_it(
    services: AppServices,
    manager: StaffMember,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli: CLI,
) -> None:
    contact = add_contact(services, manager)
    assert (
        cli(
            [
                "letter",
                "holding_response",
                "--record",
                f"contact:{contact.id}",
                "--out",
                str(tmp_path / "h.pdf"),
            ]
        )
        == 1
    )
    assert "why the full reply is delayed" in capsys.readouterr().err


def _ack_args(contact_id: int, out: str) -> list[str]:
    return [
        "letter",
        "acknowledgement",
        "--record",
        f"contact:{contact_id}",
        "--out",
        out,
        *sets("about", "received_date", "response_date"),
    ]


@pytest.mark.parametrize("where", ["proc", "folder", "missing-folder"])
def test_an_out_that_cannot_be_written_is_one_plain_line(
    services: AppServices,
    manager: StaffMember,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    where: str,
    cli: CLI,
) -> None:
    """It ended in a bare OSError traceback; a mistyped folder was made."""
    if where == "proc" and not Path("/proc/self").exists():
        pytest.skip("needs Linux /proc")
    contact = add_contact(services, manager)
    out = {
        "proc": Path("/proc/x.pdf"),
        "folder": tmp_path,
        "missing-folder": tmp_path / "mistyped" / "x.pdf",
    }[where]
    before = sorted(tmp_path.iterdir())
    assert cli(_ack_args(contact.id or 0, str(out))) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert str(out if where != "missing-folder" else out.parent) in err
    assert not Path("/proc/x.pdf").exists() and not (tmp_path / "mistyped").exists()
    assert sorted(tmp_path.iterdir()) == before  # no file (nor .part) left, no folder made
    assert services.letters().sent_letters(LetterSource("contact", contact.id or 0)) == []


def _correspondence(services: AppServices, manager: StaffMember, respond: date) -> int:
    contact = add_contact(services, manager)
    received = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    with transaction(services.context.session_factory) as session:
        office = get_office(session, "hellesdon")
        item = CorrespondenceRecord(
            office_id=office.id,
            channel="email",
            received_at=received,
            logged_at=received,
            contact_id=contact.id,
            from_name=contact.full_name,
            subject="Grass cutting & litter 🌳",
            owner_id=manager.id,
            acknowledge_due_on=date(2026, 10, 6),
            respond_due_on=respond,
        )
        session.add(item)
        session.flush()
        return item.id


def test_a_promised_date_already_past_is_refused_unless_set(
    services: AppServices,
    manager: StaffMember,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli: CLI,
) -> None:
    """An acknowledgement of 23 November promised a reply 'by Wednesday 21 October 2026'."""
    item = _correspondence(services, manager, date(2026, 10, 21))
    out = tmp_path / "ack.pdf"
    args = ["letter", "acknowledgement", "--record", f"correspondence:{item}", "--out", str(out)]
    assert cli(args) == 1
    err = capsys.readouterr().err
    assert "Wednesday 21 October 2026, is before the letter's date" in err
    assert "--set response_date=" in err and "Traceback" not in err
    assert not out.exists()
    assert cli([*args, "--set", "response_date=Friday 4 December 2026"]) == 0
    printed = capsys.readouterr().out
    text = squash(" ".join(read_pdf(out.read_bytes()).pages))
    assert "We will reply in full by Friday 4 December 2026" in text
    # The emoji in the subject is left out of the letter, and the command says so.
    assert "Grass cutting & litter." in text and "🌳" not in text
    assert "cannot be printed in the letter's typeface" in printed and "🌳" in printed


def test_a_promised_date_still_to_come_is_not_questioned(
    services: AppServices, manager: StaffMember, tmp_path: Path, cli: CLI
) -> None:
    item = _correspondence(services, manager, date(2026, 11, 24))  # the letter's own date
    out = tmp_path / "ack.pdf"
    assert (
        cli(["letter", "acknowledgement", "--record", f"correspondence:{item}", "--out", str(out)])
        == 0
    )


def test_missing_values_name_the_set_keys_and_no_one_signed_in_reads_well(
    services: AppServices,
    manager: StaffMember,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli: CLI,
) -> None:
    """Issue 13 point 16: the refusal names the --set keys; "please call the reception team"."""
    contact = add_contact(services, manager)
    out = tmp_path / "ack.pdf"
    args = ["letter", "acknowledgement", "--record", f"contact:{contact.id}", "--out", str(out)]
    assert cli(args) == 1
    err = capsys.readouterr().err
    assert "the date we will reply by (response_date)" in err
    assert '--set about="..." --set received_date="..." --set response_date="..."' in err
    assert not out.exists()
    assert cli([*args, *sets("about", "received_date", "response_date")]) == 0
    text = squash(" ".join(read_pdf(out.read_bytes()).pages))
    assert "please call the reception team on" in text
    assert "The reception team" in text  # the signature starts with a capital
