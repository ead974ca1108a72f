"""Issue 13 point 15: the report's words read back as numbers for the summary CSV."""

from __future__ import annotations

from reception_app.domain.reports.csv_numbers import number_cells


def test_each_kind_of_figure_gives_its_numbers() -> None:
    assert number_cells("4.4 min") == ("", "4.4", "", "", "")
    assert number_cells("+1.5 min") == ("", "+1.5", "", "", "")
    assert number_cells("15 minutes") == ("", "15", "", "", "")
    assert number_cells("88% (14 of 16)") == ("", "", "88", "14", "16")
    assert number_cells("5%") == ("", "", "5", "", "")
    assert number_cells("54") == ("54", "", "", "", "")
    assert number_cells("none to count") == ("", "", "", "", "")
    assert number_cells("3 call-backs, 2 correspondence") == ("", "", "", "", "")
