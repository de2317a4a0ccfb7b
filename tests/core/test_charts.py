"""The SVG bar chart geometry (pure functions, no database)."""

import pytest

from core.charts import bar_chart, nice_step


@pytest.mark.parametrize(
    ("value", "step"),
    [(0, 1), (1, 1), (3, 1), (4, 1), (5, 2), (8, 2), (9, 5), (37, 10), (100, 50)],
)
def test_nice_step(value, step):
    assert nice_step(value) == step


def test_bars_are_stacked_and_proportional():
    series = [
        ("Nov 1", [("confirmed", 4), ("unconfirmed", 2)]),
        ("Nov 2", [("confirmed", 0), ("unconfirmed", 0)]),
        ("Nov 3", [("confirmed", 10), ("unconfirmed", 0)]),
        ("Nov 4", [("confirmed", 0), ("unconfirmed", 5)]),
    ]
    chart = bar_chart(series, width=440, height=240, margin_top=20, margin_bottom=20)
    plot_height = chart.bottom - chart.top  # 200
    assert plot_height == 200
    # Tallest stack is 10: 1-2-5 steps of 5 up to 10.
    assert chart.axis_max == 10
    assert [t.value for t in chart.y_ticks] == [0, 5, 10]
    assert [t.y for t in chart.y_ticks] == [220, 120, 20]

    # One rect per non-zero segment: 2 + 0 + 1 + 1.
    assert [(b.index, b.kind, b.count) for b in chart.bars] == [
        (0, "confirmed", 4),
        (0, "unconfirmed", 2),
        (2, "confirmed", 10),
        (3, "unconfirmed", 5),
    ]
    for bar in chart.bars:
        assert bar.height == pytest.approx(bar.count * 20)
    first, stacked = chart.bars[0], chart.bars[1]
    assert first.y + first.height == pytest.approx(chart.bottom)
    assert stacked.y + stacked.height == pytest.approx(first.y)  # on top
    assert chart.bars[2].y == pytest.approx(chart.top)  # the tallest fills the plot
    # Bars sit in equal slots, centred, never wider than the slot.
    slot = (chart.right - chart.left) / 4
    assert chart.bars[2].x - chart.bars[0].x == pytest.approx(2 * slot)
    assert first.width < slot


def test_labels_thin_out_but_keep_the_last_day():
    series = [(f"d{i}", [("confirmed", i)]) for i in range(30)]
    chart = bar_chart(series, max_labels=8)
    texts = [label.text for label in chart.x_labels]
    assert len(texts) <= 8
    assert texts[-1] == "d29"
    assert texts == ["d1", "d5", "d9", "d13", "d17", "d21", "d25", "d29"]


def test_one_bar_is_not_a_wall():
    chart = bar_chart([("Nov 29", [("confirmed", 3)])], width=640, max_bar_width=40)
    assert chart.bars[0].width == 40
    assert [label.text for label in chart.x_labels] == ["Nov 29"]


def test_all_zero_and_empty_series_draw_an_axis_without_bars():
    chart = bar_chart([("a", [("confirmed", 0)]), ("b", [("confirmed", 0)])])
    assert chart.bars == []
    assert chart.axis_max == 1
    assert bar_chart([]).bars == []


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError, match="negative count -1 for confirmed at a"):
        bar_chart([("a", [("confirmed", -1)])])
    with pytest.raises(ValueError, match="too small"):
        bar_chart([("a", [("confirmed", 1)])], width=40, height=30)
