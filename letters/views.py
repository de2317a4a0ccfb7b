"""The letter flow at /letters/: state → legislator → write and preview → download.

What the reader types is held only in their session while they go through the
steps, and removed from it when they download the PDF. The only thing stored
is an anonymous count per state and chamber. The session handling and the
assembly of the letters are in letters.services; each view validates its
form, calls a service or selector and renders or redirects.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from core.notices import Notice, notice_get, notice_url
from states import legislatures, us

from . import selectors, services
from .forms import STORY_MAX, DistrictForm, LetterForm, StateForm, recipients_from_post
from .zip_views import zip_lookup_context
from .zipdistricts import zip_candidates

# Said on the page a redirect lands on (core.notices): a flash message would
# need a session, and a visitor who has not started a letter gets none.
NOTICES = {
    "choose-first": Notice("First choose who you are writing to."),
    "start-here": Notice("Start here to write a letter."),
    "letter-gone": Notice(
        "Your letter is no longer here: we delete what you typed once the PDF is "
        "downloaded (or after two hours). Please start again."
    ),
}


def _state_or_404(abbr):
    state = selectors.state_get(abbr)
    if state is None:
        raise Http404("No such state")
    return state


@require_safe
def start(request):
    """Step 1: choose your state (prefilled by ?state=VA from the petition).

    A `?zip=` (from the petition) is carried to step 2's ZIP lookup, and gives
    the state when none is given; it is not stored.
    """
    zip_code = us.zip5(request.GET.get("zip"))
    if request.GET.get("step") == "2":
        form = StateForm(request.GET)
        if form.is_valid():
            url = reverse(
                "letters:recipients",
                kwargs={"abbr": form.cleaned_data["state"].lower()},
            )
            return redirect(f"{url}?zip={zip_code}" if zip_code else url)
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
    }
    return render(request, "letters/state_choose.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def recipients(request, abbr):
    """Step 2: choose legislators by district (one list per chamber) or by name."""
    state = _state_or_404(abbr)
    if abbr != state.abbr.lower():
        return redirect("letters:recipients", abbr=state.abbr.lower())
    flow = services.letter_flow_get(request=request, state=state)
    errors = []
    if request.method == "POST":
        choices, errors = recipients_from_post(state=state, data=request.POST)
        if not errors:
            services.letter_recipients_choose(
                request=request, state=state, choices=choices
            )
            return redirect("letters:write", abbr=state.abbr.lower())
        data = request.POST
    else:
        data = request.GET

    chamber_infos = legislatures.chambers(state.abbr)
    chamber_codes = [c.chamber for c in chamber_infos]
    if any(data.get(c) for c in chamber_codes):
        district_form = DistrictForm(
            {c: data.get(c, "") for c in chamber_codes}, state=state
        )
    elif flow.get("districts"):
        district_form = DistrictForm(flow["districts"], state=state)
    else:
        district_form = DistrictForm(state=state)
    seats = (
        selectors.seats_for_districts(state=state, districts=district_form.districts)
        if district_form.is_bound
        else []
    )
    query = " ".join((data.get("q") or "").split())[:100]
    search_results = (
        selectors.legislator_search_titled(state=state, query=query) if query else []
    )
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
    }
    # Issue 9: "Enter your ZIP code" (looked up, never stored).
    context.update(zip_lookup_context(request, state=state, flow=flow))
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
        "recipients": services.letter_recipients_get(state=state, flow=flow),
        "roster": selectors.roster_get(abbr=state.abbr),
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
    letters = services.letters_display_get(state=state, flow=flow)
    return render(
        request,
        "letters/letter_preview.html",
        {
            "state": state,
            "step": 3,
            "letters": letters,
            "roster": selectors.roster_get(abbr=state.abbr),
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
    letters = services.letters_display_get(state=state, flow=flow)
    from .sending_views import sending_context  # issue 18: "send it for me"

    return render(
        request,
        "letters/letter_send.html",
        {
            "state": state,
            "step": 4,
            "letters": letters,
            "roster": selectors.roster_get(abbr=state.abbr),
            **sending_context(state=state, flow=flow),
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
    body, filename = services.letters_download(request=request, state=state, flow=flow)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
