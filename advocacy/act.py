"""The take-action journey at /act/: protect your accounts, sign, write, share.

Four steps that join the apps: (1) pick the platforms you use and get a
checklist of their opt-out guides, (2) sign the featured campaign's petition
(advocacy.featured), (3) write your state legislator, (4) share. Every step
can be skipped, nothing needs an account, and it all works with JavaScript
off.

What the visitor chose travels in the query string only (`?platforms=x,tiktok
&state=CA&zip=94110`): no session, no cookie of our own. So does a registered
source code (`&source=newsletter-dec`, campaigns.selectors.source_clean): it
is carried step to step and into the sign form (a hidden field), and stored
with the signature; unknown or malformed codes are dropped. The sign form sets
Django's csrftoken cookie, like every form on the site. Signing goes through
the petitions app's own form and services, so validation, the rate limit, the
honeypot and the confirmation email are exactly those of the petition page.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.selectors import source_clean
from core import ratelimit
from core.middleware import DATABASE_ERRORS
from core.share import share_links
from guides.selectors import guide_list
from letters.selectors import state_get
from petitions.forms import SignatureForm
from petitions.selectors import petition_in_language
from petitions.services import sign_attempt_register, signature_create
from states import us

from .featured import featured_action

STEPS = [
    ("act:start", _("Protect your accounts")),
    ("act:sign", _("Sign the petition")),
    ("act:write", _("Write your legislator")),
    ("act:share", _("Share")),
]
MAX_PLATFORMS = 40
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def journey_from_query(query, *, known_slugs):
    """The visitor's choices from a query string, cleaned; anything unknown is dropped.

    Returns {"platforms": [slugs in the order given], "state": "CA" or "",
    "zip": "94110" or "", "source": a registered source code or ""}. Platforms come as `platforms=a,b` (what our links
    carry) and/or `platform=a&platform=b` (what the checkbox form sends).
    """
    raw = []
    for value in query.getlist("platforms"):
        raw.extend(value.split(","))
    raw.extend(query.getlist("platform"))
    platforms = []
    for slug in raw:
        slug = slug.strip().lower()
        if SLUG_RE.match(slug) and slug in known_slugs and slug not in platforms:
            platforms.append(slug)
    state = query.get("state", "").strip().upper()
    if state not in us.STATES:
        state = ""
    zip5 = query.get("zip", "").strip()[:5]
    if not (us.zip_is_valid(zip5) and (not state or us.zip_in_state(zip5, state))):
        zip5 = ""
    return {
        "platforms": platforms[:MAX_PLATFORMS],
        "state": state,
        "zip": zip5,
        "source": source_clean(query.get("source")),
    }


def journey_query(journey, **extra):
    """The query string ("?...") that carries `journey` to the next page."""
    params = {}
    if journey["platforms"]:
        params["platforms"] = ",".join(journey["platforms"])
    if journey["state"]:
        params["state"] = journey["state"]
    if journey["zip"]:
        params["zip"] = journey["zip"]
    if journey.get("source"):
        params["source"] = journey["source"]
    params.update({k: v for k, v in extra.items() if v})
    return "?" + urlencode(params, safe=",") if params else ""


def _url(name, journey, **extra):
    return reverse(name) + journey_query(journey, **extra)


def _journey(request):
    guides = guide_list()
    known = {guide.platform.slug for guide in guides}
    return guides, journey_from_query(request.GET, known_slugs=known)


def _context(number, journey, **extra):
    """What every step's template needs: the step indicator, next and skip links."""
    steps = [
        {
            "number": i,
            "title": str(title),
            "url": _url(name, journey),
            "current": i == number,
        }
        for i, (name, title) in enumerate(STEPS, start=1)
    ]
    next_url = steps[number]["url"] if number < len(steps) else reverse("home")
    return {
        "steps": steps,
        "step": steps[number - 1],
        "step_count": len(steps),
        "journey": journey,
        "next_url": next_url,
        "next_title": steps[number]["title"] if number < len(steps) else "",
        **extra,
    }


@require_safe
def start(request):
    """Step 1: "Which of these do you use?" (a GET form of checkboxes)."""
    guides, journey = _journey(request)
    context = _context(1, journey, guides=guides, chosen=set(journey["platforms"]))
    return render(request, "advocacy/act_start.html", context)


@require_safe
def checklist(request):
    """Step 1, answered: the opt-out guides of the chosen platforms, in the order chosen.

    The checkbox form arrives as ?platform=a&platform=b; it is redirected once
    to the short, shareable ?platforms=a,b so the address stays readable.
    """
    guides, journey = _journey(request)
    if "platform" in request.GET:
        return redirect(_url("act:checklist", journey))
    by_slug = {guide.platform.slug: guide for guide in guides}
    chosen = [by_slug[slug] for slug in journey["platforms"]]
    context = _context(
        1,
        journey,
        chosen_guides=chosen,
        change_url=_url("act:start", journey),
    )
    return render(request, "advocacy/act_checklist.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def sign(request):
    """Step 2: the featured campaign's petition's sign form, the petition page's rules.

    POST: rate limit, validate, then petitions.services.signature_create
    (which queues the confirmation email after commit). A filled honeypot is
    treated like a success without saving anything. Then on to step 3 with
    the signer's state and ZIP in the address (never stored for the letter).
    """
    guides, journey = _journey(request)
    if request.method == "POST":
        known = {guide.platform.slug for guide in guides}
        journey = journey_from_query(request.POST, known_slugs=known)
        # The carried platforms only; state and ZIP come from the form itself.
        journey["state"] = journey["zip"] = ""
    featured = featured_action()
    petition = featured.petition
    context = _context(
        2, journey, petition=petition_in_language(petition), featured=featured
    )
    if petition is None or not petition.accepts_signatures:
        context["petition"] = None
        return render(request, "advocacy/act_sign.html", context)
    if request.method != "POST":
        initial = {"state": journey["state"], "zip_code": journey["zip"]}
        context["form"] = SignatureForm(initial={k: v for k, v in initial.items() if v})
        return render(request, "advocacy/act_sign.html", context)

    form = SignatureForm(request.POST)
    context["form"] = form
    if not sign_attempt_register(ip_address=ratelimit.client_ip(request)):
        context["rate_limited"] = True
        return render(request, "advocacy/act_sign.html", context, status=429)
    if not form.is_valid():
        return render(request, "advocacy/act_sign.html", context)
    if not form.is_bot:
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        signature_create(petition=petition, **data)
    # The same answer whatever happened: new signer, repeat signer or a bot.
    journey["state"] = form.cleaned_data["state"]
    journey["zip"] = form.cleaned_data["zip_code"][:5]
    return redirect(_url("act:write", journey, signed="1"))


def letters_url(journey):
    """Where step 3 sends the visitor: their state's legislators when we know
    the state (with the ZIP for the district lookup), else the state chooser."""
    state = journey["state"]
    source = journey.get("source", "")
    if state and state_get(state) is not None:
        params = {k: v for k, v in (("zip", journey["zip"]), ("source", source)) if v}
        url = reverse("letters:recipients", kwargs={"abbr": state.lower()})
        return f"{url}?{urlencode(params)}" if params else url
    params = {
        k: v
        for k, v in (("state", state), ("zip", journey["zip"]), ("source", source))
        if v
    }
    start_url = reverse("letters:start")
    return f"{start_url}?{urlencode(params)}" if params else start_url


@require_safe
def write(request):
    """Step 3: a link into the letters flow, prefilled with the state and ZIP.

    Signing lands here with `signed=1` after the signature is stored; if the
    database went away in between, the signer gets the petition's "check your
    email" page (which needs no database) instead of the 503 page.
    """
    try:
        return _write(request)
    except DATABASE_ERRORS:
        if request.GET.get("signed") != "1":
            raise
        return _signed_during_outage(request)


def _signed_during_outage(request):
    state = request.GET.get("state", "").upper()
    state = state if state in us.STATES else ""
    zip5 = us.zip5(request.GET.get("zip"))
    params = {k: v for k, v in (("state", state), ("zip", zip5)) if v}
    start_url = reverse("letters:start")
    context = {
        "petition": None,
        "state_name": us.state_name(state),
        "letters_url": f"{start_url}?{urlencode(params)}" if params else start_url,
        "max_age_days": settings.PETITION_CONFIRM_MAX_AGE_DAYS,
    }
    return render(request, "petitions/signature_thanks.html", context)


def _write(request):
    _, journey = _journey(request)
    featured = featured_action()
    petition = featured.petition if request.GET.get("signed") == "1" else None
    url = letters_url(journey)
    if featured.letter_campaign:  # the featured campaign's letter, not the standard
        url += ("&" if "?" in url else "?") + urlencode(
            {"campaign": featured.letter_campaign}
        )
    context = _context(
        3,
        journey,
        signed=request.GET.get("signed") == "1",
        requires_confirmation=petition.requires_confirmation if petition else True,
        state_name=us.state_name(journey["state"]),
        letters_url=url,
    )
    return render(request, "advocacy/act_write.html", context)


def act_share_links():
    """Plain links to share the journey (no tracking parameters, no widgets)."""
    return share_links(
        url=f"{settings.SITE_URL}{reverse('act:start')}",
        text="Keep your posts out of AI training: protect your accounts, sign, write.",
        subject="Keep your posts out of AI training",
    )


@require_safe
def share(request):
    """Step 4: share the journey; a summary with links back to earlier steps."""
    _, journey = _journey(request)
    context = _context(4, journey, share=act_share_links())
    return render(request, "advocacy/act_share.html", context)


app_name = "act"
urlpatterns = [
    path("", start, name="start"),
    path("checklist/", checklist, name="checklist"),
    path("sign/", sign, name="sign"),
    path("write/", write, name="write"),
    path("share/", share, name="share"),
]
