"""Writes and flow logic for the letter flow.

The only thing recorded in the database is an anonymous count per state and
chamber. What the reader types is held in their session (under SESSION_KEY)
while they go through the steps, and removed from it when they download the
PDF (or after FLOW_MAX_AGE).
"""

from collections import Counter
from urllib.parse import quote

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from campaigns.selectors import campaign_seeded
from core.dates import date_text

from . import compose, pdf, selectors
from .models import Legislator, LetterCount

SESSION_KEY = "letters_flow"
# Unfinished letters do not linger: the session ends two hours after the last step.
FLOW_MAX_AGE = 2 * 60 * 60


def letter_count_campaign(campaign=None):
    """The campaign a letter is counted for: `campaign`, else the seeded one
    (the standard letter at /letters/), created if load_content has not run."""
    if campaign is not None:
        return campaign
    from campaigns import content as campaigns_content

    return campaign_seeded() or campaigns_content.load()


def letter_count_increment(
    *, state, chamber: str, by: int = 1, campaign=None, source: str = "", day=None
) -> None:
    """Add `by` letters to today's count for the campaign, state, chamber and
    source code (race-safe).

    An atomic UPDATE with F(); the row is created on first use. Two first
    requests racing on the unique constraint retry the update.
    """
    row = {
        "campaign": letter_count_campaign(campaign),
        "state": state,
        "chamber": chamber,
        "source": source or "",
        "day": day or timezone.localdate(),
    }
    updated = LetterCount.objects.filter(**row).update(count=F("count") + by)
    if updated:
        return
    try:
        with transaction.atomic():
            LetterCount.objects.create(**row, count=by)
    except IntegrityError:
        LetterCount.objects.filter(**row).update(count=F("count") + by)


def letter_counts_increment(*, state, chambers, campaign=None, source="") -> None:
    """Count the letters of one download (a chamber per letter) in one
    transaction: one commit for the PDF, however many legislators it holds."""
    campaign = letter_count_campaign(campaign)
    with transaction.atomic():
        for chamber, by in Counter(chambers).items():
            letter_count_increment(
                state=state, chamber=chamber, by=by, campaign=campaign, source=source
            )


def sessions_expired_clear() -> int:
    """Delete expired sessions, including unfinished letters (names, addresses, stories).

    Django never loads an expired session, but its row stays in the database
    until removed; the letter flow promises deletion after two hours.
    Returns how many sessions were deleted.
    """
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


# --------------------------------------------------------------------------
# The reader's letter in their session
# --------------------------------------------------------------------------


def letter_flow_get(*, request, state=None) -> dict:
    """The letter flow held in the session ({} if none; {} too if `state` is
    given and the flow is for another state). Reads only."""
    flow = request.session.get(SESSION_KEY) or {}
    if state is not None and flow.get("state") != state.abbr:
        return {}
    return flow


def letter_flow_chosen_get(*, request, state) -> dict | None:
    """The flow for `state` once legislators are chosen, else None. Reads only."""
    flow = letter_flow_get(request=request, state=state)
    if not flow.get("recipients"):
        return None
    return flow


def letter_flow_save(*, request, flow: dict) -> None:
    """Write `flow` to the session. Side effects: the session is written and,
    for an anonymous reader, set to expire FLOW_MAX_AGE after this step."""
    request.session[SESSION_KEY] = flow
    if not request.user.is_authenticated:
        request.session.set_expiry(FLOW_MAX_AGE)


def letter_flow_clear(*, request) -> None:
    """Remove the flow from the session. Side effects: the session key is
    deleted; an anonymous session left with nothing else is flushed (its row
    deleted and its cookie dropped)."""
    request.session.pop(SESSION_KEY, None)
    # The expiry the flow set is not worth keeping a session for.
    left = [k for k in request.session.keys() if k != "_session_expiry"]
    if not request.user.is_authenticated and not left:
        # Nothing else in the session: delete its row and cookie altogether.
        request.session.flush()


def letter_recipients_choose(*, request, state, choices) -> dict:
    """Step 2: store the chosen seats (forms.RecipientChoice) for `state`.

    Keeps what the reader already wrote when the flow was for the same state.
    Side effects: the session is written (see letter_flow_save). Returns the flow.
    """
    previous = letter_flow_get(request=request, state=state)
    flow = {
        "state": state.abbr,
        "districts": {c.chamber: c.district for c in choices},
        "recipients": [c.as_session() for c in choices],
        "letter": previous.get("letter", {}),
    }
    letter_flow_save(request=request, flow=flow)
    return flow


def letter_details_save(*, request, flow: dict, details: dict) -> None:
    """Step 3: store the reader's name, address, story and points in `flow`.

    Side effects: `flow` is updated in place and the session written."""
    flow["letter"] = details
    letter_flow_save(request=request, flow=flow)


# --------------------------------------------------------------------------
# Assembling the letters of a flow
# --------------------------------------------------------------------------


def letter_recipients_get(*, state, flow: dict) -> list[compose.Recipient]:
    """Recipients for the chosen seats, re-reading imported legislators each
    time (one query). Writes nothing."""
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


def letter_sender_build(*, state, details: dict) -> compose.Sender:
    """The Sender from the step-3 details stored in the flow."""
    return compose.Sender(
        name=details["name"],
        street=details["street"],
        city=details["city"],
        zip_code=details["zip_code"],
        state_abbr=state.abbr,
        email=details.get("email", ""),
        phone=details.get("phone", ""),
    )


def letters_assemble(*, state, flow: dict, today=None) -> list[compose.Letter]:
    """One composed letter per chosen legislator. Reads the state's facts
    (law, template, states with a law) once for all; writes nothing."""
    details = flow["letter"]
    sender = letter_sender_build(state=state, details=details)
    facts = selectors.letter_facts_get(state=state)
    return [
        compose.letter_compose(
            state=state,
            **facts,
            sender=sender,
            recipient=recipient,
            story=details.get("story", ""),
            points=details.get("points", []),
            today=today,
        )
        for recipient in letter_recipients_get(state=state, flow=flow)
    ]


def letter_display_build(*, letter: compose.Letter) -> dict:
    """What the HTML preview and step 4 show for one letter (pure)."""
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
        # No postal address at all (neither the member's nor the chamber's):
        # the pages say so and offer email or phone instead.
        "mailable": bool(letter.recipient.address_lines),
        "chamber_address": letter.recipient.address_source == "chamber",
        "phone": letter.recipient.phone,
        "addressee": " ".join(
            p for p in (letter.recipient.title, letter.recipient.name) if p
        )
        or letter.recipient.title,
    }


def letters_display_get(*, state, flow: dict) -> list[dict]:
    """The letters of a ready flow as the preview and step 4 show them.
    Writes nothing."""
    return [
        letter_display_build(letter=letter)
        for letter in letters_assemble(state=state, flow=flow)
    ]


def letters_download(*, request, state, flow: dict) -> tuple[bytes, str]:
    """The PDF of a ready flow (one letter per chosen legislator) and its filename.

    Side effects: the letters are counted per chamber (letter_counts_increment,
    one transaction) and the flow is removed from the session
    (letter_flow_clear: an anonymous session with nothing else is flushed).
    """
    letters = letters_assemble(state=state, flow=flow)
    roster = selectors.roster_get(abbr=state.abbr)
    body = pdf.letter_pdf(letters, roster=roster.text if roster else "")
    filename = pdf.letter_filename(letters)
    letter_counts_increment(
        state=state, chambers=[letter.recipient.chamber for letter in letters]
    )
    letter_flow_clear(request=request)
    return body, filename
