"""The letter flow at /letters/: state → legislator → write and preview → download.

What the reader types is held only in their session while they go through the
steps, and removed from it when they download the PDF. The only thing stored
is an anonymous count per state and chamber. The session handling and the
assembly of the letters are in letters.services; each view validates its
form, calls a service or selector and renders or redirects.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from campaigns.selectors import SEEDED_SLUG, source_clean
from core.notices import Notice, notice_get, notice_url
from states import legislatures, us

from . import selectors, services
from .forms import STORY_MAX, DistrictForm, LetterForm, StateForm, recipients_from_post
from .zip_views import zip_lookup_context
from .zipdistricts import zip_candidates

# Said on the page a redirect lands on (core.notices): a flash message would
# need a session, and a visitor who has not started a letter gets none.
NOTICES = {
    "choose-first": Notice(_("First choose who you are writing to.")),
    "start-here": Notice(_("Start here to write a letter.")),
    "letter-gone": Notice(
        _(
            "Your letter is no longer here: we delete what you typed once the PDF "
            "is downloaded (or after two hours). Please start again."
        )
    ),
}


def _state_or_404(abbr):
    state = selectors.state_get(abbr)
    if state is None:
        raise Http404("No such state")
    return state


# --------------------------------------------------------------------------
# The campaign a letter is for, and where the reader came from (?source=)
#
# `?campaign=<slug>&source=<code>` starts the flow for a campaign; hidden
# fields carry both through steps 1 and 2, and step 2 keeps them in the
# session flow ("campaign", "source") with the rest of the letter. No cookie
# of their own. No campaign: the standard letter (the seeded campaign).


def _campaign_params(data) -> tuple[str, str]:
    """(campaign slug, cleaned source code) from a query or a form."""
    slug = " ".join((data.get("campaign") or "").split())[:80]
    return slug, source_clean(data.get("source"))


def _campaign_resolve(request, slug):
    """(campaign or None, response or None) for a campaign slug.

    No slug: the standard letter (None). Unknown, or a draft to the public:
    404 (staff may try a draft). Closed: a plain message instead of a letter.
    """
    if not slug:
        return None, None
    campaign = selectors.letter_campaign_get(
        slug=slug, staff=request.user.is_active and request.user.is_staff
    )
    if campaign is None:
        raise Http404("No such campaign")
    if campaign.is_closed:
        response = render(
            request,
            "letters/campaign_closed.html",
            {"campaign": campaign},
        )
        return campaign, response
    return campaign, None


def _campaign_context(campaign, source: str) -> dict:
    """What the flow's pages show and carry of the campaign: its title (not
    for the seeded campaign, whose letter is the standard one), the hidden
    fields and the query that keep it."""
    slug = campaign.slug if campaign is not None else ""
    carry = [
        (name, value)
        for name, value in (("campaign", slug), ("source", source))
        if value
    ]
    return {
        "campaign": campaign if slug and slug != SEEDED_SLUG else None,
        "campaign_custom": campaign is not None and not campaign.targets_legislators,
        "campaign_all_chambers": campaign is None
        or campaign.target == campaign.Target.LEGISLATURE,
        "campaign_carry": carry,
        "campaign_query": urlencode(carry),
        # The forms' hidden fields always name the campaign, "" for the
        # standard letter, so a letter started afresh never inherits the
        # campaign of an unfinished one still in the session.
        "campaign_fields": [("campaign", slug), *carry[1 if slug else 0 :]],
    }


def _flow_campaign(request, flow):
    """(campaign, response) for the campaign stored in a flow."""
    return _campaign_resolve(request, (flow or {}).get("campaign", ""))


@require_safe
def campaign_start(request, slug):
    """`/letters/campaign/<slug>/`: the letter flow for a campaign (step 1),
    keeping `?source=` (and `?state=`, `?zip=`)."""
    query = {"campaign": slug}
    for name in ("source", "state", "zip"):
        if request.GET.get(name):
            query[name] = request.GET[name][:80]
    return redirect(reverse("letters:start") + "?" + urlencode(query))


@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    """Step 1: choose your state (prefilled by ?state=VA from the petition).

    A `?zip=` (from the petition) is carried to step 2's ZIP lookup, and gives
    the state when none is given; it is not stored. `?campaign=&source=`: the
    letter is for that campaign (see above); for a campaign addressed to its
    own office, the state is POSTed here and step 2 (legislators) is skipped.
    """
    data = request.POST if request.method == "POST" else request.GET
    campaign, response = _campaign_resolve(request, _campaign_params(data)[0])
    if response:
        return response
    source = _campaign_params(data)[1]
    custom = campaign is not None and not campaign.targets_legislators
    carry = _campaign_context(campaign, source)
    zip_code = us.zip5(data.get("zip"))
    if request.method == "POST":
        if not custom:
            return redirect(
                reverse("letters:start")
                + (f"?{carry['campaign_query']}" if carry["campaign_query"] else "")
            )
        form = StateForm(request.POST)
        if form.is_valid():
            state = _state_or_404(form.cleaned_data["state"])
            services.letter_custom_start(
                request=request, state=state, campaign=campaign, source=source
            )
            return redirect("letters:write", abbr=state.abbr.lower())
    elif request.GET.get("step") == "2" and not custom:
        form = StateForm(request.GET)
        if form.is_valid():
            url = reverse(
                "letters:recipients",
                kwargs={"abbr": form.cleaned_data["state"].lower()},
            )
            params = ([("zip", zip_code)] if zip_code else []) + carry["campaign_carry"]
            if campaign is None and services.letter_flow_get(request=request).get(
                "campaign"
            ):
                # The standard letter, with another campaign's unfinished
                # letter in the session: say so, or step 2 would resume it.
                params.append(("campaign", ""))
            query = urlencode(params)
            return redirect(f"{url}?{query}" if query else url)
    else:
        wanted = (
            request.GET.get("state")
            or services.letter_flow_get(request=request).get("state")
            or ""
        ).upper()
        if not wanted and zip_code:
            wanted = zip_candidates(zip_code)["state"] or ""
        form = StateForm(initial={"state": wanted})
    context = {
        "form": form,
        "step": 1,
        "zip_code": zip_code,
        "roster": selectors.roster_get(),
        "notice": notice_get(request, NOTICES),
        **carry,
    }
    return render(
        request,
        "letters/state_choose.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def recipients(request, abbr):
    """Step 2: choose legislators by district (one list per chamber) or by name."""
    state = _state_or_404(abbr)
    if abbr != state.abbr.lower():
        return redirect("letters:recipients", abbr=state.abbr.lower())
    flow = services.letter_flow_get(request=request, state=state)
    data = request.POST if request.method == "POST" else request.GET
    # The campaign comes with the page's own links and forms, else from the flow.
    if "campaign" in data:
        slug, source = _campaign_params(data)
    else:
        slug, source = flow.get("campaign", ""), flow.get("source", "")
    campaign, response = _campaign_resolve(request, slug)
    if response:
        return response
    carry = _campaign_context(campaign, source)
    if carry["campaign_custom"]:
        # Addressed to the campaign's own office: no legislators to choose.
        query = urlencode([*carry["campaign_carry"], ("state", state.abbr)])
        return redirect(reverse("letters:start") + "?" + query)
    chamber_infos = [
        info
        for info in legislatures.chambers(state.abbr)
        if campaign is None or info.chamber in campaign.target_chambers
    ]
    chamber_codes = [c.chamber for c in chamber_infos]
    errors = []
    if request.method == "POST":
        choices, errors = recipients_from_post(
            state=state, data=request.POST, chambers=chamber_codes
        )
        if not errors:
            services.letter_recipients_choose(
                request=request,
                state=state,
                choices=choices,
                campaign=campaign,
                source=source,
            )
            return redirect("letters:write", abbr=state.abbr.lower())

    if any(data.get(c) for c in chamber_codes):
        district_form = DistrictForm(
            {c: data.get(c, "") for c in chamber_codes},
            state=state,
            chambers=chamber_codes,
        )
    elif flow.get("districts"):
        district_form = DistrictForm(
            {c: d for c, d in flow["districts"].items() if c in chamber_codes},
            state=state,
            chambers=chamber_codes,
        )
    else:
        district_form = DistrictForm(state=state, chambers=chamber_codes)
    seats = (
        selectors.seats_for_districts(state=state, districts=district_form.districts)
        if district_form.is_bound
        else []
    )
    query = " ".join((data.get("q") or "").split())[:100]
    search_results = [
        legislator
        for legislator in (
            selectors.legislator_search_titled(state=state, query=query)
            if query
            else []
        )
        if legislator.chamber in chamber_codes
    ]
    chosen = {
        str(r.get("legislator"))
        for r in flow.get("recipients", [])
        if r.get("legislator")
    }
    if request.method == "POST":
        chosen = set(request.POST.getlist("pick"))
    counts = selectors.state_legislator_counts(state)
    context = {
        "state": state,
        "step": 2,
        "chambers": chamber_infos,
        "district_form": district_form,
        "seats": seats,
        "query": query,
        "search_results": search_results,
        "chosen": chosen,
        "errors": errors,
        "has_legislators": bool(counts),
        "find_url": selectors.state_find_legislator_url(state),
        "roster": selectors.roster_get(abbr=state.abbr),
        "notice": notice_get(request, NOTICES),
        **carry,
    }
    # Issue 9: "Enter your ZIP code" (looked up, never stored).
    context.update(
        zip_lookup_context(
            request,
            state=state,
            flow=flow,
            chambers=chamber_codes,
            carry=carry["campaign_carry"],
        )
    )
    return render(
        request,
        "letters/legislator_choose.html",
        context,
        status=400 if errors else 200,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def write(request, abbr):
    """Step 3: the reader's name, address, story and points."""
    state = _state_or_404(abbr)
    flow = services.letter_flow_chosen_get(request=request, state=state)
    if flow is None:
        url = reverse("letters:recipients", kwargs={"abbr": state.abbr.lower()})
        return redirect(notice_url(url, "choose-first"))
    campaign, response = _flow_campaign(request, flow)
    if response:
        return response
    if request.method == "POST":
        form = LetterForm(request.POST)
        if form.is_valid():
            services.letter_details_save(
                request=request, flow=flow, details=form.cleaned_data
            )
            return redirect("letters:preview", abbr=state.abbr.lower())
    else:
        form = LetterForm(initial=flow.get("letter") or None)
    context = {
        "state": state,
        "step": 3,
        "form": form,
        "story_max": STORY_MAX,
        "recipients": services.letter_recipients_get(
            state=state, flow=flow, campaign=campaign
        ),
        "roster": selectors.roster_get(abbr=state.abbr),
        **_campaign_context(campaign, flow.get("source", "")),
    }
    return render(request, "letters/letter_form.html", context)


def _ready_flow(request, state):
    """(flow, None) when the letter is ready, else (None, redirect to the missing step)."""
    flow = services.letter_flow_chosen_get(request=request, state=state)
    if flow is None:
        return None, redirect("letters:recipients", abbr=state.abbr.lower())
    if not flow.get("letter"):
        return None, redirect("letters:write", abbr=state.abbr.lower())
    return flow, None


@never_cache
@require_safe
def preview(request, abbr):
    """Step 3, continued: the composed letter(s) as a page."""
    state = _state_or_404(abbr)
    flow, response = _ready_flow(request, state)
    if response:
        if not services.letter_flow_get(request=request):
            return redirect(notice_url(response["Location"], "start-here"))
        return response
    campaign, response = _flow_campaign(request, flow)
    if response:
        return response
    letters = services.letters_display_get(state=state, flow=flow, campaign=campaign)
    return render(
        request,
        "letters/letter_preview.html",
        {
            "state": state,
            "step": 3,
            "letters": letters,
            "roster": selectors.roster_get(abbr=state.abbr),
            **_campaign_context(campaign, flow.get("source", "")),
        },
    )


@never_cache
@require_safe
def send(request, abbr):
    """Step 4: download the PDF, copy the text, or email the legislator."""
    state = _state_or_404(abbr)
    flow, response = _ready_flow(request, state)
    if response:
        return response
    campaign, response = _flow_campaign(request, flow)
    if response:
        return response
    letters = services.letters_display_get(state=state, flow=flow, campaign=campaign)
    from .sending_views import sending_context  # issue 18: "send it for me"

    return render(
        request,
        "letters/letter_send.html",
        {
            "state": state,
            "step": 4,
            "letters": letters,
            "roster": selectors.roster_get(abbr=state.abbr),
            **_campaign_context(campaign, flow.get("source", "")),
            **sending_context(state=state, flow=flow, campaign=campaign),
        },
    )


@never_cache
@require_POST
def download(request, abbr):
    """The PDF (one letter per chosen legislator). Counts it, then forgets the details."""
    state = _state_or_404(abbr)
    flow = services.letter_flow_chosen_get(request=request, state=state)
    if flow is None or not flow.get("letter"):
        url = reverse("letters:start") + f"?state={state.abbr}"
        return redirect(notice_url(url, "letter-gone"))
    campaign, response = _flow_campaign(request, flow)
    if response:
        return response
    body, filename = services.letters_download(
        request=request, state=state, flow=flow, campaign=campaign
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
