"""The letter flow at /letters/: state → legislator → write and preview → download.

What the reader types is held only in their session while they go through the
steps, and removed from it when they download the PDF. The only thing stored
is an anonymous count per state and chamber (services.letter_counts_increment).
"""

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.dates import date_text
from states import legislatures

from . import compose, pdf, selectors
from .forms import STORY_MAX, DistrictForm, LetterForm, StateForm, recipients_from_post
from .models import Legislator
from .services import letter_counts_increment
from .zip_views import zip_lookup_context
from .zipdistricts import zip_candidates, zip_normalize

SESSION_KEY = "letters_flow"
# Unfinished letters do not linger: the session ends two hours after the last step.
FLOW_MAX_AGE = 2 * 60 * 60


def _flow(request) -> dict:
    return request.session.get(SESSION_KEY) or {}


def _flow_save(request, flow: dict) -> None:
    request.session[SESSION_KEY] = flow
    if not request.user.is_authenticated:
        request.session.set_expiry(FLOW_MAX_AGE)


def _flow_clear(request) -> None:
    request.session.pop(SESSION_KEY, None)
    # The expiry the flow set is not worth keeping a session for.
    left = [k for k in request.session.keys() if k != "_session_expiry"]
    if not request.user.is_authenticated and not left:
        # Nothing else in the session: delete its row and cookie altogether.
        request.session.flush()


def _state_or_404(abbr):
    state = selectors.state_get(abbr)
    if state is None:
        raise Http404("No such state")
    return state


def _flow_for_state(request, state) -> dict | None:
    flow = _flow(request)
    if flow.get("state") != state.abbr or not flow.get("recipients"):
        return None
    return flow


def _recipients(state, flow) -> list[compose.Recipient]:
    """Recipients for the chosen seats, re-reading imported legislators each time."""
    ids = [r["legislator"] for r in flow["recipients"] if r.get("legislator")]
    legislators = Legislator.objects.in_bulk(ids)
    result = []
    for choice in flow["recipients"]:
        legislator = legislators.get(choice.get("legislator"))
        result.append(
            compose.recipient_for(
                state=state,
                chamber=choice["chamber"],
                district=choice["district"],
                legislator=legislator,
                typed_name=choice.get("typed_name", "") if legislator is None else "",
            )
        )
    return result


def _letters(state, flow) -> list[compose.Letter]:
    data = flow["letter"]
    sender = compose.Sender(
        name=data["name"],
        street=data["street"],
        city=data["city"],
        zip_code=data["zip_code"],
        state_abbr=state.abbr,
        email=data.get("email", ""),
        phone=data.get("phone", ""),
    )
    facts = {}  # the state's law, neighbours and templates, read once for all
    return [
        compose.letter_compose(
            state=state,
            sender=sender,
            recipient=recipient,
            story=data.get("story", ""),
            points=data.get("points", []),
            facts=facts,
        )
        for recipient in _recipients(state, flow)
    ]


def _letter_context(letter: compose.Letter) -> dict:
    """What the HTML preview and step 4 show for one letter."""
    text = compose.letter_text(letter)
    mailto = ""
    if letter.recipient.email:
        mailto = (
            f"mailto:{quote(letter.recipient.email, safe='@')}"
            f"?subject={quote(letter.subject)}&body={quote(text)}"
        )
    contact = [p for p in (letter.sender.email, letter.sender.phone) if p]
    return {
        "letter": letter,
        "sender_lines": compose.sender_lines(letter.sender) + contact,
        "date": date_text(letter.date),
        "recipient_lines": compose.recipient_lines(letter.recipient),
        "text": text,
        "mailto": mailto,
        "addressee": " ".join(
            p for p in (letter.recipient.title, letter.recipient.name) if p
        )
        or letter.recipient.title,
    }


@require_GET
def start(request):
    """Step 1: choose your state (prefilled by ?state=VA from the petition).

    A `?zip=` (from the petition) is carried to step 2's ZIP lookup, and gives
    the state when none is given; it is not stored.
    """
    zip_code = zip_normalize(request.GET.get("zip"))
    if request.GET.get("step") == "2":
        form = StateForm(request.GET)
        if form.is_valid():
            url = reverse(
                "letters:recipients",
                kwargs={"abbr": form.cleaned_data["state"].lower()},
            )
            return redirect(f"{url}?zip={zip_code}" if zip_code else url)
    else:
        wanted = (request.GET.get("state") or _flow(request).get("state") or "").upper()
        if not wanted and zip_code:
            wanted = zip_candidates(zip_code)["state"] or ""
        form = StateForm(initial={"state": wanted})
    context = {"form": form, "step": 1, "zip_code": zip_code}
    return render(request, "letters/state_choose.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def recipients(request, abbr):
    """Step 2: choose legislators by district (one list per chamber) or by name."""
    state = _state_or_404(abbr)
    if abbr != state.abbr.lower():
        return redirect("letters:recipients", abbr=state.abbr.lower())
    flow = _flow(request) if _flow(request).get("state") == state.abbr else {}
    errors = []
    if request.method == "POST":
        choices, errors = recipients_from_post(state=state, data=request.POST)
        if not errors:
            _flow_save(
                request,
                {
                    "state": state.abbr,
                    "districts": {c.chamber: c.district for c in choices},
                    "recipients": [c.as_session() for c in choices],
                    "letter": flow.get("letter", {}),
                },
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
        selectors.legislator_search(state=state, query=query) if query else []
    )
    for legislator in search_results:
        legislator.title_for_letter = legislatures.member_title(
            state.abbr, legislator.chamber, legislator.district
        )
        legislator.chamber_name_for_letter = legislatures.chamber_name(
            state.abbr, legislator.chamber
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
@require_http_methods(["GET", "POST"])
def write(request, abbr):
    """Step 3: the reader's name, address, story and points."""
    state = _state_or_404(abbr)
    flow = _flow_for_state(request, state)
    if flow is None:
        messages.info(request, "First choose who you are writing to.")
        return redirect("letters:recipients", abbr=state.abbr.lower())
    if request.method == "POST":
        form = LetterForm(request.POST)
        if form.is_valid():
            flow["letter"] = form.cleaned_data
            _flow_save(request, flow)
            return redirect("letters:preview", abbr=state.abbr.lower())
    else:
        form = LetterForm(initial=flow.get("letter") or None)
    context = {
        "state": state,
        "step": 3,
        "form": form,
        "story_max": STORY_MAX,
        "recipients": _recipients(state, flow),
    }
    return render(request, "letters/letter_form.html", context)


def _ready_flow(request, state):
    flow = _flow_for_state(request, state)
    if flow is None:
        return None, redirect("letters:recipients", abbr=state.abbr.lower())
    if not flow.get("letter"):
        return None, redirect("letters:write", abbr=state.abbr.lower())
    return flow, None


@never_cache
@require_GET
def preview(request, abbr):
    """Step 3, continued: the composed letter(s) as a page."""
    state = _state_or_404(abbr)
    flow, response = _ready_flow(request, state)
    if response:
        if not _flow(request):
            messages.info(request, "Start here to write a letter.")
        return response
    letters = [_letter_context(letter) for letter in _letters(state, flow)]
    return render(
        request,
        "letters/letter_preview.html",
        {"state": state, "step": 3, "letters": letters},
    )


@never_cache
@require_GET
def send(request, abbr):
    """Step 4: download the PDF, copy the text, or email the legislator."""
    state = _state_or_404(abbr)
    flow, response = _ready_flow(request, state)
    if response:
        return response
    letters = [_letter_context(letter) for letter in _letters(state, flow)]
    return render(
        request,
        "letters/letter_send.html",
        {"state": state, "step": 4, "letters": letters},
    )


@never_cache
@require_POST
def download(request, abbr):
    """The PDF (one letter per chosen legislator). Counts it, then forgets the details."""
    state = _state_or_404(abbr)
    flow = _flow_for_state(request, state)
    if flow is None or not flow.get("letter"):
        messages.info(
            request,
            "Your letter is no longer here: we delete what you typed once the PDF is "
            "downloaded (or after two hours). Please start again.",
        )
        return redirect(reverse("letters:start") + f"?state={state.abbr}")
    letters = _letters(state, flow)
    body = pdf.letter_pdf(letters)
    filename = pdf.letter_filename(letters)
    letter_counts_increment(
        state=state, chambers=[letter.recipient.chamber for letter in letters]
    )
    _flow_clear(request)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
