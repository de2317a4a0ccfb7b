"""Geometry for small server-rendered SVG charts (no Django, no I/O).

`bar_chart` turns a series of stacked counts into rectangles, axis ticks and
labels in SVG user units; a template draws them. Heights are proportional to
the counts (the axis starts at zero), so the picture never exaggerates.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    index: int  # position in the series
    kind: str  # the segment's kind, e.g. "confirmed"
    count: int
    label: str  # the series label, e.g. "Nov 3"
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class XLabel:
    text: str
    x: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: float  # plot area edges
    top: float
    right: float
    bottom: float
    axis_max: int
    bars: list
    y_ticks: list
    x_labels: list


def nice_step(value, ticks=4):
    """The smallest 1-2-5 step (an integer >= 1) that covers `value` in at most
    `ticks` steps: nice_step(37) == 10, nice_step(8) == 2, nice_step(0) == 1."""
    if value <= 0:
        return 1
    raw = value / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def bar_chart(
    series,
    *,
    width=640,
    height=220,
    margin_top=12,
    margin_right=24,
    margin_bottom=28,
    margin_left=44,
    max_labels=8,
    max_bar_width=40,
):
    """Stacked bars for `series`: a sequence of (label, [(kind, count), ...]),
    segments stacked bottom-up in the order given.

    Returns a BarChart whose bars (one per non-zero segment) have heights of
    count * plot height / axis_max; axis_max is the tallest stack rounded up to
    a 1-2-5 step, with ticks at every step. At most `max_labels` x labels are
    kept, always including the last bar (today, on a timeline).
    """
    series = [(str(label), list(segments)) for label, segments in series]
    for label, segments in series:
        for kind, count in segments:
            if count < 0:
                raise ValueError(f"negative count {count} for {kind} at {label}")
    left, top = float(margin_left), float(margin_top)
    right, bottom = float(width - margin_right), float(height - margin_bottom)
    if right <= left or bottom <= top:
        raise ValueError("the chart is too small for its margins")
    plot_width, plot_height = right - left, bottom - top

    tallest = max((sum(c for _, c in segments) for _, segments in series), default=0)
    step = nice_step(tallest)
    axis_max = max(step * math.ceil(tallest / step), step)
    scale = plot_height / axis_max

    n = len(series)
    slot = plot_width / n if n else plot_width
    bar_width = min(slot * 0.7, max_bar_width)
    bars = []
    for index, (label, segments) in enumerate(series):
        x = left + slot * index + (slot - bar_width) / 2
        base = bottom
        for kind, count in segments:
            if not count:
                continue
            h = count * scale
            base -= h
            bars.append(
                Bar(
                    index=index,
                    kind=kind,
                    count=count,
                    label=label,
                    x=round(x, 2),
                    y=round(base, 2),
                    width=round(bar_width, 2),
                    height=round(h, 2),
                )
            )

    y_ticks = [
        Tick(value=value, y=round(bottom - value * scale, 2))
        for value in range(0, axis_max + 1, step)
    ]
    every = max(math.ceil(n / max_labels), 1) if n else 1
    x_labels = [
        XLabel(text=label, x=round(left + slot * index + slot / 2, 2))
        for index, (label, _) in enumerate(series)
        if (n - 1 - index) % every == 0
    ]
    return BarChart(
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        axis_max=axis_max,
        bars=bars,
        y_ticks=y_ticks,
        x_labels=x_labels,
    )
