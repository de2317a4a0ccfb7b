"""ZIP code → legislators lookup: the JSON endpoint for progressive enhancement.

Privacy: the lookup reads this server's database only (no outside service),
stores nothing (no session, no cache, no table) and logs nothing: it always
answers 200, because Django writes the path of every 4xx response, ZIP and
all, to its "django.request" log.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from states.models import ZipDistrict

from .zipdistricts import zip_candidates

ZIP_ERROR = "ZIP code: enter the 5 digits of your ZIP code, like 98501, or ZIP+4."


def _recipients_url(abbr):
    return reverse("letters:recipients", kwargs={"abbr": abbr.lower()})


def zip_switch_url(result):
    """Step 2 for the ZIP's own state, when the reader chose another one."""
    other = result.get("other_state")
    if not other:
        return ""
    query = urlencode({"zip": result["zip"]})
    return f"{_recipients_url(other['abbr'])}?{query}"


def zip_results_context(result, *, choose):
    """Template context of includes/zip_results.html for one lookup."""
    found = bool(result and result["found"])
    return {
        "zip_lookup": result,
        "zip_choose": bool(choose and found),
        "zip_post_url": _recipients_url(result["state"]) if found else "",
        "zip_switch_url": zip_switch_url(result) if result else "",
    }


def zip_lookup_context(request, *, state, flow=None):
    """Context for step 2's "Enter your ZIP code" (includes/zip_lookup.html).

    The ZIP comes from `?zip=` (the form itself, or a link from the petition),
    from the POST that re-renders step 2 with errors, or from the letter the
    reader already filled in this session. It is looked up, not kept. When no
    ZIP table has been imported (`import_zip_districts`), the section is left out.
    """
    if not ZipDistrict.objects.exists():
        # No table imported on this site: asking for a ZIP would only fail.
        return {"zip_available": False}
    flow = flow or {}
    typed = (
        request.GET.get("zip")
        or request.POST.get("zip")
        or (flow.get("letter") or {}).get("zip_code")
        or ""
    ).strip()[:20]
    result = zip_candidates(typed, state.abbr) if typed else None
    return {
        "zip_form_action": _recipients_url(state.abbr),
        "zip_hidden": [],
        "zip_value": typed,
        "zip_state": state.abbr,
        "zip_available": True,
        "zip_pick": True,
        "zip_errors": [ZIP_ERROR] if result and not result["valid"] else [],
        **zip_results_context(result, choose=True),
    }


@never_cache
@require_safe
def zip_json(request, zip_code):
    """`GET /letters/zip/<zip>.json[?state=WA][&fragment=1]`: a ZIP's candidate districts.

    `<zip>` is 5 digits or ZIP+4 (`98501-1234`; the first five are used).
    `state` is the state the reader chose, if any. The answer:

        {"zip": "98501", "valid": true, "found": true,
         "state": "WA", "state_name": "Washington", "chosen_state": "WA",
         "other_state": null,            // {"abbr", "name"} of the ZIP's state
                                         // when it is not the chosen one
         "also_in": [],                  // other states the ZIP crosses into
         "multiple": true,               // some chamber has several candidates
         "shares_known": true,           // ordered by share of the ZIP's land
         "find_legislator_url": "https://app.leg.wa.gov/districtfinder/",
         "notes": [],                    // plain sentences: NH floterials, …
         "chambers": [
           {"chamber": "upper", "chamber_name": "Senate", "title": "Senator",
            "multiple": true, "areas": 2,  // Idaho's seats A/B count once
            "shares_known": true,
            "districts": [             // largest land share first
              {"district": "22", "label": "District 22", "land_share": 0.93,
               "legislators": [{"id": 12, "name": "…", "title": "Senator",
                                "party": "…", "district": "22",
                                "chamber": "upper"}]},
              …],
            "at_large": []}]}         // members elected by the whole state/city

    `found` is false (and `chambers` empty) for a ZIP the table does not
    know, except in a jurisdiction the table has no rows for at all (Puerto
    Rico): there `found` is true, `districts_unknown` true, every chamber's
    `districts` empty and its `at_large` members listed, with the
    legislature's `find_legislator_url`; `valid` is false for input that is not a ZIP code. With
    `fragment=1` the answer also has `html`: the candidate list as the step-2
    page renders it (with `choose=1`, as the form that picks legislators), so
    the page's script shows exactly what the no-JS form shows.
    Sent with `Cache-Control: no-store`.
    """
    result = zip_candidates(zip_code, request.GET.get("state"))
    if request.GET.get("fragment") == "1":
        result["html"] = render_to_string(
            "letters/includes/zip_results.html",
            zip_results_context(result, choose=request.GET.get("choose") == "1"),
            request=request,
        )
    response = JsonResponse(result)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
