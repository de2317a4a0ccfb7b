"""The state privacy-law tile map as HTML (inline SVG and legend), cached with the facts."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import selectors, tilemap


def state_map_html(*, today, compact=False):
    """The map partial (SVG tiles and legend) as HTML, cached with the facts."""
    variant = "compact" if compact else "full"
    key = selectors.states_cache_key(f"map:{variant}", today=today)
    html = cache.get(key)
    if html is None:
        rows = selectors.state_rows(today=today)
        counts = selectors.state_status_counts(rows)
        html = render_to_string(
            "includes/state_map.html",
            {
                "tiles": tilemap.tiles(rows),
                "legend": [
                    {
                        "status": status,
                        "label": tilemap.STATUS_LABELS[status],
                        "description": tilemap.STATUS_DESCRIPTIONS[status],
                        "count": counts[status],
                    }
                    for status in tilemap.STATUS_ORDER
                ],
                "compact": compact,
                "skip_href": "#home-states-link" if compact else "#states-table",
                "prefix": variant,
                "width": tilemap.COLUMNS * tilemap.CELL,
                "height": tilemap.ROWS * tilemap.CELL,
                "tile": tilemap.TILE,
                "half": tilemap.TILE // 2,
            },
        )
        cache.set(key, html, selectors.TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template
