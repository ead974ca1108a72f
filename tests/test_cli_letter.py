"""`reception-app letter TEMPLATE --record KIND:ID ... --out FILE`: headless letters."""

from __future__ import annotations

from pathlib import Path

import pytest

from reception_app.cli import main
from reception_app.domain.people import PreferredFormat, StaffMember
from reception_app.services.container import AppServices
from reception_app.services.letter_service import LetterSource, letters_for
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.letter_fixtures import EXTRA, add_contact


def sets(*names: str) -> list[str]:
    out = []
    for name in names:
        out += ["--set", f"{name}={EXTRA[name]}"]
    return out


def test_letter_in_large_print_18_is_written_and_recorded(
    services: AppServices, manager: StaffMember, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contact = add_contact(services, manager)
    out = tmp_path / "ack.pdf"
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
        ]
    )
    assert code == 0, capsys.readouterr().err
    facts = read_pdf(out.read_bytes())
    assert 18.0 in facts.font_sizes and facts.font_sizes <= {18.0, 22.5}
    text = squash(" ".join(facts.pages))
    assert "Zoë Łukasz Siobhán O'Neill" in text and "Tuesday 22 December 2026" in text
    assert "Please ask for: Margaret Clerk" in text
    [sent] = letters_for(services).sent_letters(LetterSource("contact", contact.id or 0))
    assert (sent.font_size, sent.staff_name, sent.delivery) == (18, "Margaret Clerk", "pdf")
    assert "Recorded 'Acknowledgement' (Large print, 18 pt)" in capsys.readouterr().out


def test_braille_without_liblouis_says_so(
    services: AppServices,
    manager: StaffMember,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    contact = add_contact(services, manager, fmt=PreferredFormat.BRAILLE)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # the real look-up finds nothing
    out = tmp_path / "b.pdf"
    code = main(
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
) -> None:
    add_contact(services, manager)
    out = tmp_path / "x.pdf"
    assert main(["letter", "acknowledgement", *args, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_a_missing_value_names_it(
    services: AppServices, manager: StaffMember, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contact = add_contact(services, manager)
    assert (
        main(
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
