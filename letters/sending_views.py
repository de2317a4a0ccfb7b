"""Pages of "send my letter for me" (issue 18).

/letters/<abbr>/send/email/   the writer's email and their word (POST creates)
/letters/sent/<token>/        the writer's page: each letter's state
/letters/sent/<token>/confirm/  a POST button sends (scanners only GET)
/letters/reply/<token>/       "Did they reply?": four POST buttons
/letters/responses/           public response rates (offices with 5+ answers)
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import ratelimit

from .models import LetterDelivery, LetterRequest
from .sending import messages, selectors, services, tokens
from .sending.forms import SendForm
from .views import _ready_flow, _state_or_404

ANSWERS = [
    (LetterDelivery.Answer.REAL, _("Yes, a real answer")),
    (LetterDelivery.Answer.FORM, _("Yes, but a form letter")),
    (LetterDelivery.Answer.NO_REPLY, _("No reply")),
    (LetterDelivery.Answer.NOT_YET, _("Not yet")),
]


def sending_context(*, state, flow, campaign=None) -> dict:
    """What step 4's "Send it by email for me" section needs."""
    offices = services.offices_for_flow(state=state, flow=flow, campaign=campaign)
    return {
        "send_offices": offices,
        "send_possible": any(o.sendable for o in offices),
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def send_email(request, abbr):
    """The writer's email and "I live at this address"; POST records the
    request (nothing is sent yet) and shows its page."""
    state = _state_or_404(abbr)
    flow, response = _ready_flow(request, state)
    if response:
        return response
    campaign, response = _flow_campaign(request, flow)
    if response:
        return response
    offices = services.offices_for_flow(state=state, flow=flow, campaign=campaign)
    status = 200
    problem = ""
    if request.method == "POST":
        form = SendForm(request.POST, offices=offices)
        if form.is_valid():
            try:
                letter_request = services.letter_request_create(
                    state=state,
                    flow=flow,
                    email=form.cleaned_data["email"],
                    ip_address=ratelimit.client_ip(request),
                    district_confirmed=form.district_confirmed(),
                    campaign=campaign,
                )
            except services.LimitReached as exc:
                problem = exc.which
                status = 429
            else:
                token = tokens.token_make(
                    public_id=letter_request.public_id, purpose=tokens.STATUS
                )
                return redirect("letters:sending-status", token=token)
        else:
            status = 400
    else:
        form = SendForm(
            initial={"email": flow["letter"].get("email", "")}, offices=offices
        )
    return render(
        request,
        "letters/sending/send_form.html",
        {
            "state": state,
            "step": 4,
            "form": form,
            "offices": offices,
            "send_possible": any(o.sendable for o in offices),
            "problem": problem,
            "organization": messages.organization_name(),
            "limits": {
                "email": settings.LETTERS_SEND_PER_EMAIL_PER_DAY,
                "network": settings.LETTERS_SEND_PER_NETWORK_PER_DAY,
            },
        },
        status=status,
    )


def _flow_campaign(request, flow):
    """(campaign, response) for the campaign a flow carries (issue 17's
    letters.views._flow_campaign once campaigns are merged; (None, None) before)."""
    from . import views

    resolve = getattr(views, "_flow_campaign", None)
    if resolve is None:
        return None, None
    return resolve(request, flow)


def _token_request(request, token, purpose, template):
    try:
        letter_request = selectors.request_for_token(token=token, purpose=purpose)
    except tokens.TokenExpired:
        return None, render(request, template, {"problem": "expired"}, status=410)
    except tokens.TokenInvalid:
        return None, render(request, template, {"problem": "invalid"}, status=400)
    except LetterRequest.DoesNotExist:
        return None, render(request, template, {"problem": "missing"}, status=404)
    return letter_request, None


def _status_context(letter_request):
    deliveries = selectors.request_deliveries(letter_request)
    return {
        "letter_request": letter_request,
        "deliveries": deliveries,
        "awaiting": any(d.status == LetterDelivery.Status.AWAITING for d in deliveries),
        "status_token": tokens.token_make(
            public_id=letter_request.public_id, purpose=tokens.STATUS
        ),
        "keep_days": settings.LETTERS_KEEP_DAYS,
        "unconfirmed_days": settings.LETTERS_UNCONFIRMED_KEEP_DAYS,
        "followup_days": settings.LETTERS_FOLLOWUP_DAYS,
        "Status": LetterDelivery.Status,
        # A development site with no mail server: "sent" means the outbox.
        "outbox_only": services.sending_is_outbox_only(),
    }


@never_cache
@require_safe
def request_status(request, token):
    """The writer's page: waiting, queued, sent (when), failed (why)."""
    template = "letters/sending/request_status.html"
    letter_request, response = _token_request(request, token, tokens.STATUS, template)
    if response:
        return response
    return render(request, template, _status_context(letter_request))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_confirm(request, token):
    """GET shows what will be sent and a button; only the POST sends."""
    template = "letters/sending/request_confirm.html"
    letter_request, response = _token_request(request, token, tokens.CONFIRM, template)
    if response:
        return response
    if request.method == "POST":
        services.letter_request_confirm(letter_request=letter_request)
        status_token = tokens.token_make(
            public_id=letter_request.public_id, purpose=tokens.STATUS
        )
        return redirect("letters:sending-status", token=status_token)
    return render(request, template, _status_context(letter_request))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def followup_reply(request, token):
    """ "Did <legislator> reply?": four buttons; the POST records the answer."""
    template = "letters/sending/followup_reply.html"
    try:
        delivery = selectors.delivery_for_token(token=token)
    except tokens.TokenExpired:
        return render(request, template, {"problem": "expired"}, status=410)
    except tokens.TokenInvalid:
        return render(request, template, {"problem": "invalid"}, status=400)
    except LetterDelivery.DoesNotExist:
        return render(request, template, {"problem": "missing"}, status=404)
    context = {"delivery": delivery, "answers": ANSWERS, "done": False}
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        if answer not in dict(ANSWERS):
            context["error"] = _("Please choose one of the answers.")
            return render(request, template, context, status=400)
        services.letter_followup_answer(delivery=delivery, answer=answer)
        delivery.refresh_from_db()
        context.update(
            done=True,
            answer=answer,
            again_days=settings.LETTERS_FOLLOWUP_AGAIN_DAYS,
            asks_again=delivery.followup_again_at is not None,
        )
    return render(request, template, context)


@require_safe
def responses(request):
    """Public: how often offices answered, only for offices with 5+ answers."""
    return render(
        request,
        "letters/sending/responses.html",
        {
            "rows": selectors.response_rates_by_office(),
            "min_answers": selectors.PUBLIC_MIN_ANSWERS,
            "followup_days": settings.LETTERS_FOLLOWUP_DAYS,
        },
    )
