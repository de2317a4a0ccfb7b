"""The state privacy-law map (/states/) and a page per state (/states/va/).

The map is inline SVG drawn by the server from the project's own facts; the
same facts follow as a table that sorts with ?sort= links (no JavaScript
needed; static/js/states.js only saves the page reload).
"""

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from letters.selectors import roster_get
from petitions.selectors import petition_featured_url
from states import selectors as state_selectors
from states import tilemap
from states.maps import state_map_html

from . import selectors

TABLE_COLUMNS = [
    ("state", _("State")),
    ("status", _("Status")),
    ("law", _("Law")),
    ("effective", _("In effect from")),
    ("grade", _("EPIC/PIRG grade")),
]


def _sort_links(field, descending):
    """Header links: clicking the sorted column flips its direction."""
    links = []
    for key, title in TABLE_COLUMNS:
        current = key == field
        next_desc = current and not descending
        links.append(
            {
                "key": key,
                "title": str(title),
                "href": f"?sort={'-' if next_desc else ''}{key}#states-table",
                "aria_sort": ("descending" if descending else "ascending")
                if current
                else "",
            }
        )
    return links


def state_table_html(*, rows, today, field, descending, as_of):
    """The sorted table as HTML, cached per sort order with the facts."""
    order = f"{'-' if descending else ''}{field}"
    key = state_selectors.states_cache_key(f"table:{order}", today=today)
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "advocacy/state_table.html",
            {
                "rows": tilemap.sort_rows(rows, field=field, descending=descending),
                "columns": _sort_links(field, descending),
                "as_of": as_of,
            },
        )
        cache.set(key, html, state_selectors.TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template


def states_index(request):
    today = timezone.localdate()
    all_rows = state_selectors.state_rows(today=today)
    # The "Go to your state" form (works without JavaScript).
    chosen = (request.GET.get("state") or "").strip().upper()
    if chosen and any(r.abbr == chosen for r in all_rows):
        return redirect("states:detail", abbr=chosen.lower())
    rows = [r for r in all_rows if r.abbr in tilemap.TILE_POSITIONS]
    field, descending = tilemap.parse_sort(request.GET.get("sort"))
    counts = state_selectors.state_status_counts(rows)
    as_of = state_selectors.states_as_of()
    return render(
        request,
        "advocacy/state_list.html",
        {
            "map_html": state_map_html(today=today),
            "table_html": state_table_html(
                rows=rows, today=today, field=field, descending=descending, as_of=as_of
            ),
            "columns": _sort_links(field, descending),
            "sort_field": field,
            "sort_descending": descending,
            "counts": {key.replace("-", "_"): n for key, n in counts.items()},
            "total": sum(counts.values()),
            "today": today,
            "as_of": as_of,
            "choices": sorted(all_rows, key=lambda r: r.name),
            "florida_none": any(
                r.abbr == "FL" and r.status == tilemap.NO_LAW for r in rows
            ),
            "elsewhere": [r for r in all_rows if r.abbr not in tilemap.TILE_POSITIONS],
        },
    )


def state_detail(request, abbr):
    if abbr != abbr.lower():
        return redirect("states:detail", abbr=abbr.lower(), permanent=True)
    today = timezone.localdate()
    facts = state_selectors.state_facts(abbr=abbr, today=today)
    if facts is None:
        raise Http404("No such state")
    return render(
        request,
        "advocacy/state_detail.html",
        {
            "facts": facts,
            "row": facts.row,
            "today": today,
            "legislators": selectors.state_legislators_known(
                state_id=facts.state_id, abbr=facts.row.abbr
            ),
            "roster": roster_get(abbr=facts.row.abbr, today=today),
            "find_url": facts.find_legislator_url,
            "signature_count": selectors.state_signature_count(abbr=facts.row.abbr),
            "letter_url": f"{reverse('letters:start')}?state={facts.row.abbr}",
            "petition_url": petition_featured_url(),
        },
    )


app_name = "states"
urlpatterns = [
    path("", states_index, name="index"),
    path("<str:abbr>/", state_detail, name="detail"),
]
