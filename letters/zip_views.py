"""ZIP code → legislators lookup: the JSON endpoint for progressive enhancement.

Privacy: the lookup reads this server's database only (no outside service),
stores nothing (no session, no table; the cache holds only the per-network
count, by a salted hash) and logs nothing: it answers 200 even for input that
is not a ZIP code, because Django writes the path of every 4xx response, ZIP
and all, to its "django.request" log; the one 4xx, a 429 when one network
asks too often, is marked as already logged so Django does not write it.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from campaigns.selectors import campaign_get, source_clean
from core import ratelimit
from states.models import ZipDistrict

from .zipdistricts import zip_candidates

ZIP_ERROR = _("ZIP code: enter the 5 digits of your ZIP code, like 98501, or ZIP+4.")
ZIP_RATE_LIMITED = _(
    "Too many ZIP code lookups from your network just now. Try again in "
    "{seconds} seconds, or press “Find my legislators” to look it up on the page."
)


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


def zip_chambers_keep(result, chambers):
    """`result` with only the chambers a campaign writes to (None: all)."""
    if chambers is None or not result.get("chambers"):
        return result
    return {
        **result,
        "chambers": [c for c in result["chambers"] if c["chamber"] in chambers],
    }


def zip_carry_get(request) -> tuple[list[tuple[str, str]], tuple | None]:
    """The campaign and source a ZIP fragment's form carries (`?campaign=`,
    `?source=`), and the chambers that campaign writes to (None: all)."""
    slug = (request.GET.get("campaign") or "").strip()[:80]
    campaign = campaign_get(slug=slug, staff=request.user.is_staff) if slug else None
    source = source_clean(request.GET.get("source"))
    carry = [
        (k, v)
        for k, v in (
            ("campaign", campaign.slug if campaign else ""),
            ("source", source),
        )
        if v
    ]
    return carry, (campaign.target_chambers if campaign else None)


def zip_lookup_context(request, *, state, flow=None, chambers=None, carry=()):
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
    if result is not None:
        result = zip_chambers_keep(result, chambers)
    carry = list(carry)
    return {
        "zip_form_action": _recipients_url(state.abbr),
        "zip_hidden": carry,
        "zip_carry": carry,
        "zip_carry_query": urlencode(carry),
        "zip_value": typed,
        "zip_state": state.abbr,
        "zip_available": True,
        "zip_pick": True,
        "zip_errors": [ZIP_ERROR] if result and not result["valid"] else [],
        **zip_results_context(result, choose=True),
    }


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

    Public data, so browsers and shared caches may keep the answer for
    ZIP_LOOKUP_MAX_AGE_SECONDS (`Cache-Control: public, max-age=…`), except
    the `choose=1` fragment, which carries the reader's CSRF token in its
    form: `private`, the reader's own browser only. One network (an IPv4
    address or an IPv6 /64) may ask ZIP_LOOKUP_RATE_LIMIT times per
    ZIP_LOOKUP_RATE_WINDOW_SECONDS; past that the answer is a 429 with
    `Retry-After` and `{"error": "…", "retry_after": seconds}`, and the page's
    script says so and leaves the form to the no-JS path.
    """
    total, retry_after = ratelimit.hit_aligned(
        f"letters:zip-rate:{ratelimit.client_ip_hash(request)[:40]}",
        window=settings.ZIP_LOOKUP_RATE_WINDOW_SECONDS,
    )
    if total > settings.ZIP_LOOKUP_RATE_LIMIT:
        return zip_rate_limited_response(retry_after)
    result = zip_candidates(zip_code, request.GET.get("state"))
    with_token = False
    if request.GET.get("fragment") == "1":
        with_token = request.GET.get("choose") == "1"
        carry, chambers = zip_carry_get(request)
        shown = zip_chambers_keep(result, chambers)
        result["html"] = render_to_string(
            "letters/includes/zip_results.html",
            {**zip_results_context(shown, choose=with_token), "zip_carry": carry},
            request=request,
        )
    response = JsonResponse(result)
    scope = "private" if with_token else "public"
    response["Cache-Control"] = (
        f"{scope}, max-age={settings.ZIP_LOOKUP_MAX_AGE_SECONDS}"
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def zip_rate_limited_response(retry_after):
    """The 429 for a network over the lookup limit, kept out of Django's log."""
    response = JsonResponse(
        {
            "error": ZIP_RATE_LIMITED.format(seconds=retry_after),
            "retry_after": retry_after,
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    # django.utils.log.log_response skips a response marked as logged: the
    # path holds the reader's ZIP code.
    response._has_been_logged = True
    return response
