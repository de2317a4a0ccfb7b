"""Public petition pages: read, sign, thanks, confirm, withdraw, count, embed.

Views validate, call one service, then render or redirect. Confirm and
withdraw links only show a button on GET: email scanners open links before
people do, so nothing changes until the POST.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.selectors import source_clean
from core import pagecache, ratelimit
from core.i18n import current_language
from core.middleware import DATABASE_ERRORS, frame_ancestors_allowed
from core.share import og_tags, share_links
from states import us

from . import outbox, selectors, services, tokens
from .cache import petition_count_json as count_json_body
from .cache import petition_count_json_body, petition_public, petition_public_counting
from .forms import SignatureForm
from .models import Petition, Signature
from .updates import services as update_services
from .updates import tokens as update_tokens


def _staff(request):
    user = getattr(request, "user", None)
    return bool(user and user.is_staff)


def _visible_or_404(request, petition):
    """A draft campaign's petition exists only for staff."""
    if petition.is_draft and not _staff(request):
        raise Http404("No such petition")
    return petition


def _petition_or_404(slug, request=None):
    try:
        petition = selectors.petition_get(slug=slug)
    except Petition.DoesNotExist as exc:
        raise Http404("No such petition") from exc
    return petition if request is None else _visible_or_404(request, petition)


def _public_or_404(slug, request):
    """The petition with its confirmed count and version, from the cache."""
    try:
        public = petition_public(slug=slug)
    except Petition.DoesNotExist as exc:
        raise Http404("No such petition") from exc
    _visible_or_404(request, public.petition)
    return public


def _share_links(petition):
    return share_links(
        url=f"{settings.SITE_URL}{petition.get_absolute_url()}",
        text=_("Sign the petition: %(title)s") % {"title": petition.title},
        subject=petition.title,
    )


def _og(petition):
    """Link-preview tags: the campaign's picture (title and count) if any."""
    if petition.campaign_id:
        image = reverse("campaigns:preview", kwargs={"slug": petition.campaign.slug})
    else:
        image = reverse("share-image")
    return og_tags(
        title=petition.title,
        description=petition.summary,
        path=petition.get_absolute_url(),
        image_path=image,
    )


# A process keeps its copy of a petition page at most this long (the version
# also changes at least this often): bounds what changes with time alone.
PAGE_MAX_AGE = 5


def _detail_context(petition, form, source=""):
    petition = selectors.petition_in_language(petition)
    return {
        "petition": petition,
        "form": form,
        # A registered ?source= code, carried into the sign form (hidden field).
        "source": source,
        "progress": selectors.petition_progress(petition=petition),
        "recent_signers": selectors.petition_recent_public_signers(petition=petition),
        # Where people have signed, "fewer than 10" for small counts: the
        # page never shows an exact small number for a state.
        "signers_map": selectors.petition_signers_map(petition=petition),
        "share": _share_links(petition),
        "og": _og(petition),
        "campaign_closed": bool(petition.campaign_id and petition.campaign.is_closed),
    }


@require_safe
def petition_index(request):
    """One open petition: go straight to it. Otherwise list the open ones."""
    petitions = list(selectors.petitions_open()[:50])
    if len(petitions) == 1:
        return redirect(petitions[0])
    petitions = [selectors.petition_in_language(p) for p in petitions]
    return render(request, "petitions/petition_list.html", {"petitions": petitions})


@require_safe
def petition_detail(request, slug):
    public = _public_or_404(slug, request)
    # Only registered codes survive (anything else is dropped), so the copies
    # below are bounded: one per registered code at most, plus the plain page.
    source = source_clean(request.GET.get("source"))

    def render_page(extra):
        context = _detail_context(public.petition, SignatureForm(), source)
        return render(request, "petitions/petition_detail.html", {**context, **extra})

    # The same page for every anonymous visitor until the next confirmation or
    # edit (the version changes), apart from the CSRF token. The sign form's
    # hidden source field differs per code, so each code has its own copy: a
    # visitor never gets a page carrying the source of someone else's link.
    return pagecache.cached_page(
        request,
        key=f"petitions:detail:{slug}:{source}",
        version=public.version,
        render=render_page,
        max_age=PAGE_MAX_AGE,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def signature_create(request, slug):
    if request.method != "POST":  # a bookmarked or reloaded form address
        return redirect(
            _public_or_404(slug, request).petition.get_absolute_url() + "#sign"
        )
    # The petition's cached entry and this address's attempt count (the rate
    # limit) come in one cache round trip, so every POST counts, even one to a
    # closed or missing petition.
    counter, window = services.sign_attempt_counter(
        ip_address=ratelimit.client_ip(request)
    )
    try:
        public, attempts = petition_public_counting(
            slug=slug, counter=counter, window=window
        )
    except Petition.DoesNotExist as exc:
        raise Http404("No such petition") from exc
    petition = _visible_or_404(request, public.petition)
    if not petition.accepts_signatures:
        return redirect(petition)
    source = source_clean(request.POST.get("source"))
    if not services.sign_attempt_allowed(attempts):
        context = _detail_context(petition, SignatureForm(request.POST), source)
        context["rate_limited"] = True
        return render(request, "petitions/petition_detail.html", context, status=429)
    form = SignatureForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "petitions/petition_detail.html",
            _detail_context(petition, form, source),
        )
    state, zip5 = form.cleaned_data["state"], form.cleaned_data["zip_code"][:5]
    if not form.is_bot:
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        services.signature_create(
            petition=petition, language=current_language(), **data
        )
    # The same page whatever happened: new signer, repeat signer, or a bot.
    # State and ZIP ride along (never stored) so the letter starts prefilled,
    # and the source code so the letter counts where the signer came from.
    thanks = reverse("petitions:sign-thanks", kwargs={"slug": petition.slug})
    params = {"state": state, "zip": zip5}
    if form.cleaned_data["source"]:
        params["source"] = form.cleaned_data["source"]
    return redirect(f"{thanks}?{urlencode(params)}")


def _letters_url(state, zip_code="", source=""):
    """The letter flow, prefilled with the signer's state (and ZIP when valid),
    carrying the registered source code the signer came with, if any."""
    params = {}
    if state in us.STATES:
        params["state"] = state
        zip5 = (zip_code or "")[:5]
        if us.zip_is_valid(zip5) and us.zip_in_state(zip5, state):
            params["zip"] = zip5
    if source:
        params["source"] = source
    url = reverse("letters:start")
    return f"{url}?{urlencode(params)}" if params else url


def _source_or_none(query):
    """The query's registered source code; "" while the database is down (the
    thanks page must still answer, and a lost source only costs a report row)."""
    try:
        return source_clean(query.get("source"))
    except DATABASE_ERRORS:
        return ""


@require_safe
def signature_thanks(request, slug):
    """Where signing lands. Works while the database is down.

    The signature is stored before the redirect here, so an outage that
    begins in between must not show the 503 page to someone who has signed:
    the petition comes from the cache (warm, since signing just read it),
    and if the cache cannot give it either, the page says "check your email"
    without the petition's details.
    """
    state = request.GET.get("state", "").upper()
    if state not in us.STATES:
        state = ""
    context = {
        "state": state,
        "state_name": us.state_name(state),
        "letters_url": _letters_url(
            state, request.GET.get("zip", ""), _source_or_none(request.GET)
        ),
        "max_age_days": settings.PETITION_CONFIRM_MAX_AGE_DAYS,
    }
    try:
        petition = _public_or_404(slug, request).petition
    except DATABASE_ERRORS:
        context["petition"] = None
    else:
        petition = selectors.petition_in_language(petition)
        context["petition"] = petition
        context["share"] = _share_links(petition)
    return render(request, "petitions/signature_thanks.html", context)


def _token_view(request, slug, token, purpose, template):
    """Shared GET/POST handling for confirm and withdraw links."""
    petition = _petition_or_404(slug)
    context = {"petition": selectors.petition_in_language(petition), "token": token}
    try:
        signature = services.signature_get_for_token(
            petition=petition, token=token, purpose=purpose
        )
    except tokens.TokenExpired:
        context["problem"] = "expired"
        return None, render(request, template, context, status=410)
    except tokens.TokenInvalid:
        context["problem"] = "invalid"
        return None, render(request, template, context, status=400)
    except Signature.DoesNotExist:
        context["problem"] = "missing"
        return None, render(request, template, context, status=404)
    context["signature"] = signature
    if purpose == tokens.CONFIRM:
        context["withdraw_token"] = tokens.token_make(
            signature=signature, purpose=tokens.WITHDRAW
        )
    return context, None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signature_confirm(request, slug, token):
    template = "petitions/signature_confirm.html"
    context, response = _token_view(request, slug, token, tokens.CONFIRM, template)
    if response:
        return response
    signature = context["signature"]
    if request.method == "POST":
        services.signature_confirm(signature=signature)
        context["done"] = True
        context["progress"] = selectors.petition_progress(petition=context["petition"])
        context["share"] = _share_links(context["petition"])
        context["letters_url"] = _letters_url(
            signature.state, signature.zip_code, signature.source
        )
        context["state_name"] = us.state_name(signature.state)
    else:
        context["already"] = signature.is_confirmed
    return render(request, template, context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signature_withdraw(request, slug, token):
    template = "petitions/signature_withdraw.html"
    context, response = _token_view(request, slug, token, tokens.WITHDRAW, template)
    if response:
        # Includes a second withdrawal: the data is already gone ("missing").
        return response
    if request.method == "POST":
        services.signature_withdraw(signature=context.pop("signature"))
        context["done"] = True
    return render(request, template, context)


@csrf_exempt  # the signed token authenticates: see the docstring
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def update_unsubscribe(request, token):
    """Stop campaign updates to the address in the link.

    GET shows a button and changes nothing (mail scanners open links). A POST
    unsubscribes: the page's own button, or a mail app's one-click POST
    (RFC 8058, body `List-Unsubscribe=One-Click`), which carries no CSRF
    token. That is safe here because the token in the URL is signed and only
    ever sent to the address itself: a forged request cannot name an address
    without it, and one who holds it may unsubscribe anyway. No cookie is set.
    """
    template = "petitions/update_unsubscribe.html"
    try:
        address_hash = update_tokens.unsubscribe_token_read(token=token)
    except update_tokens.TokenInvalid:
        return render(request, template, {"problem": "invalid"}, status=400)
    context = {}
    if request.method == "POST":
        update_services.unsubscribe(address_hash=address_hash)
        context["done"] = True
    return render(request, template, context)


@require_safe
def petition_count_json(request, slug):
    """`{"signatures": <confirmed>, "goal": <goal>}` for other sites."""
    try:
        body = count_json_body(slug=slug)  # one cache read while warm: no query
    except Petition.DoesNotExist as exc:
        raise Http404("No such petition") from exc
    draft = body is None  # a draft campaign's petition: staff only
    if draft:
        body = petition_count_json_body(_public_or_404(slug, request))
    response = HttpResponse(body, content_type="application/json")
    if draft:
        response["Cache-Control"] = "private, no-store"
    else:
        response["Cache-Control"] = "public, max-age=10"
        response["Access-Control-Allow-Origin"] = "*"
    return response


@frame_ancestors_allowed
@require_safe
def petition_embed(request, slug):
    """A small page other sites may put in an iframe: count, bar, link to sign."""
    petition = selectors.petition_in_language(_petition_or_404(slug, request))
    response = render(
        request,
        "petitions/petition_embed.html",
        {
            "petition": petition,
            "progress": selectors.petition_progress(petition=petition),
            "petition_url": f"{settings.SITE_URL}{petition.get_absolute_url()}",
        },
    )
    # A draft's embed (staff only) must not sit in a shared cache.
    response["Cache-Control"] = (
        "private, no-store" if petition.is_draft else "public, max-age=10"
    )
    return response


@never_cache
@require_safe
def dev_outbox(request):
    """DEBUG only: the emails the file backend wrote, newest first."""
    if not settings.DEBUG:
        raise Http404("The outbox exists only while DEBUG is on.")
    return render(
        request,
        "petitions/outbox_list.html",
        {"messages_list": outbox.outbox_messages()},
    )


@never_cache
@require_safe
def dev_outbox_message(request, key):
    if not settings.DEBUG:
        raise Http404("The outbox exists only while DEBUG is on.")
    message = outbox.outbox_message(key)
    if message is None:
        raise Http404("No such email")
    return render(request, "petitions/outbox_detail.html", {"message": message})
