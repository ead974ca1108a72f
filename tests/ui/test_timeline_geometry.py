"""Where the timeline grid puts things: pure arithmetic, checked without a window."""

from __future__ import annotations

from reception_app.ui.timeline.geometry import (
    Box,
    TimelineBlock,
    TimelineColumn,
    TimelineGeometry,
    fit_rows,
    lanes_of,
    row_bounds,
)

OPEN = ((9 * 60 + 30, 16 * 60),)
COLUMNS = (TimelineColumn("a", "Priya", OPEN), TimelineColumn("b", "Tom", OPEN))


def _geometry(*blocks: TimelineBlock, width: int = 362) -> TimelineGeometry:
    return TimelineGeometry(COLUMNS, blocks, first=9 * 60, last=17 * 60, step=15, width=width)


def test_columns_share_the_width_after_the_time_gutter() -> None:
    geo = _geometry()
    assert geo.row_count() == 32
    assert geo.column_width() == 150  # (362 - 60 - 2) // 2
    assert (geo.x(0), geo.x(1)) == (60, 210)
    assert geo.y(9 * 60) == 40 and geo.y(9 * 60 + 15) == 64 and geo.bottom() == 40 + 32 * 24
    assert _geometry(width=100).column_width() == 80  # never narrower than 80
    assert geo.size_hint() == (60 + 150 * 2 + 2, 40 + 24 * 32 + 2)


def test_overlapping_blocks_get_side_by_side_lanes_and_buffers_none() -> None:
    blocks = (
        TimelineBlock(1, "a", 600, 660, "One"),
        TimelineBlock(2, "a", 630, 690, "Two"),
        TimelineBlock(3, "a", 700, 720, "Three"),
        TimelineBlock(4, "a", 590, 600, "Set-up", kind="buffer"),
    )
    assert lanes_of(blocks, "a") == {1: (0, 2), 2: (1, 2), 3: (0, 1)}
    geo = _geometry(*blocks)
    one, two = geo.block_box(1), geo.block_box(2)
    assert one == Box(64, geo.y(600) + 1, 69, geo.y(660) - geo.y(600) - 2)
    assert two is not None and two.x == 64 + 71
    assert geo.block_box(99) is None


def test_hit_finds_the_block_then_the_free_cell() -> None:
    block = TimelineBlock(1, "b", 600, 630, "One")
    geo = _geometry(block)
    box = geo.block_box(1)
    assert box is not None
    assert geo.hit(box.x + 2, box.y + 2) == (block, 1, geo.row_of(600))
    x, y = geo.cell_centre("a", 9 * 60 + 40)
    assert geo.hit(x, y) == (None, 0, 2)
    assert geo.hit(10, 100) == (None, None, None)  # the time gutter
    assert geo.hit(x, 40 + 24 * 32 + 5) == (None, None, None)  # below the last row
    assert geo.block_at(1, geo.row_of(615)) == block and geo.block_at(0, 4) is None


def test_boxes_contain_their_edges_as_qrect_does() -> None:
    box = Box(10, 10, 5, 5)
    assert box.contains(10, 10) and box.contains(14, 14)
    assert not box.contains(15, 12) and not Box(10, 10, 0, 5).contains(10, 12)


def test_rows_grow_to_whole_steps_around_blocks() -> None:
    late = TimelineBlock(1, "a", 16 * 60 + 50, 17 * 60 + 5, "Late")
    assert fit_rows([late], 9 * 60, 17 * 60, 15) == (9 * 60, 17 * 60 + 15)
    assert fit_rows([], 600, 600, 15) == (600, 615)
    assert row_bounds(COLUMNS) == (9 * 60, 16 * 60)
    assert row_bounds([TimelineColumn("c", "Closed")]) == (9 * 60, 17 * 60)


def test_open_time_of_a_column() -> None:
    geo = _geometry()
    assert geo.is_open("a", 9 * 60 + 30) and not geo.is_open("a", 16 * 60)
    assert not geo.is_open("missing", 600)
