"""Writes and flow logic for the letter flow.

The only thing recorded in the database is an anonymous count per state and
chamber. What the reader types is held in their session (under SESSION_KEY)
while they go through the steps, and removed from it when they download the
PDF (or after FLOW_MAX_AGE).
"""

from collections import Counter
from pathlib import Path
from urllib.parse import quote

import yaml
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from campaigns.selectors import campaign_seeded
from states import legislatures

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


def letter_recipients_choose(
    *, request, state, choices, campaign=None, source: str = ""
) -> dict:
    """Step 2: store the chosen seats (forms.RecipientChoice) for `state`, and
    the campaign (its slug, "" for the standard letter) and source code the
    letter is for.

    Keeps what the reader already wrote when the flow was for the same state.
    Side effects: the session is written (see letter_flow_save). Returns the flow.
    """
    previous = letter_flow_get(request=request, state=state)
    flow = {
        "state": state.abbr,
        "districts": {c.chamber: c.district for c in choices},
        "recipients": [c.as_session() for c in choices],
        "letter": previous.get("letter", {}),
        "campaign": campaign.slug if campaign is not None else "",
        "source": source or "",
    }
    letter_flow_save(request=request, flow=flow)
    return flow


def letter_custom_start(*, request, state, campaign, source: str = "") -> dict:
    """Steps 1-2 of a campaign addressed to its own office (not legislators):
    the reader's state (for the law's facts) and the office as the one
    recipient, with the campaign and source code.

    Side effects: the session is written (see letter_flow_save). Returns the flow.
    """
    previous = letter_flow_get(request=request, state=state)
    flow = {
        "state": state.abbr,
        "districts": {},
        "recipients": [
            {
                "chamber": compose.CUSTOM_CHAMBER,
                "district": "",
                "legislator": None,
                "typed_name": "",
            }
        ],
        "letter": previous.get("letter", {}),
        "campaign": campaign.slug,
        "source": source or "",
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


def letter_custom_recipient(*, campaign, state) -> compose.Recipient:
    """The office a custom-target campaign writes to, as the letter addresses it."""
    return compose.custom_recipient_for(
        name=campaign.target_name,
        address_lines=campaign.target_address_lines,
        salutation=campaign.target_salutation,
        state_abbr=state.abbr,
    )


def letter_recipients_get(
    *, state, flow: dict, campaign=None
) -> list[compose.Recipient]:
    """Recipients for the chosen seats, re-reading imported legislators each
    time (one query); for a campaign addressed to its own office, that office
    (as the campaign says it now). Writes nothing."""
    if campaign is not None and not campaign.targets_legislators:
        return [letter_custom_recipient(campaign=campaign, state=state)]
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


def letters_assemble(
    *, state, flow: dict, campaign=None, today=None
) -> list[compose.Letter]:
    """One composed letter per chosen legislator (or the campaign's office).
    Reads the state's facts (law, the campaign's or the standard template,
    states with a law) once for all; writes nothing."""
    details = flow["letter"]
    sender = letter_sender_build(state=state, details=details)
    facts = selectors.letter_facts_get(
        state=state,
        campaign=campaign,
        language=details.get("letter_language") or "en",
    )
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
        for recipient in letter_recipients_get(
            state=state, flow=flow, campaign=campaign
        )
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
        "date": compose.letter_date(letter),
        "subject_line": compose.letter_subject_line(letter),
        "recipient_lines": compose.recipient_lines(letter.recipient, letter.language),
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


def letters_display_get(*, state, flow: dict, campaign=None) -> list[dict]:
    """The letters of a ready flow as the preview and step 4 show them.
    Writes nothing."""
    return [
        letter_display_build(letter=letter)
        for letter in letters_assemble(state=state, flow=flow, campaign=campaign)
    ]


def letters_download(*, request, state, flow: dict, campaign=None) -> tuple[bytes, str]:
    """The PDF of a ready flow (one letter per chosen legislator) and its filename.

    Side effects: the letters are counted per chamber for the campaign and the
    flow's source code (letter_counts_increment, one transaction; None: the
    seeded campaign; a draft campaign that staff are trying is not counted)
    and the flow is removed from the session (letter_flow_clear: an anonymous
    session with nothing else is flushed).
    """
    letters = letters_assemble(state=state, flow=flow, campaign=campaign)
    roster = selectors.roster_get(abbr=state.abbr)
    body = pdf.letter_pdf(letters, roster=roster.text if roster else "")
    filename = pdf.letter_filename(letters)
    if campaign is None or campaign.is_live:
        letter_counts_increment(
            state=state,
            chambers=[letter.recipient.chamber for letter in letters],
            campaign=campaign,
            source=flow.get("source", ""),
        )
    letter_flow_clear(request=request)
    return body, filename


# --------------------------------------------------------------------------
# The organizers' preview of a campaign's letter (admin)
# --------------------------------------------------------------------------

PREVIEW_WRITER = Path(__file__).resolve().parent / "data" / "preview_writer.yaml"


def letter_preview_writer() -> dict:
    """The sample writer's step-3 details (letters/data/preview_writer.yaml)."""
    data = yaml.safe_load(PREVIEW_WRITER.read_text(encoding="utf-8")) or {}
    return {
        key: data.get(key, default)
        for key, default in (
            ("name", "Sam Sample"),
            ("street", ""),
            ("city", ""),
            ("zip_code", ""),
            ("email", ""),
            ("phone", ""),
            ("story", ""),
            ("points", []),
        )
    }


def letter_preview_recipient(*, campaign, state) -> compose.Recipient:
    """Who the preview writes to in `state`: the campaign's office, else an
    imported legislator of a chamber it targets, else the first district's
    seat of its first chamber (no name)."""
    if campaign is not None and not campaign.targets_legislators:
        return letter_custom_recipient(campaign=campaign, state=state)
    chambers = campaign.target_chambers if campaign is not None else ()
    infos = [
        info
        for info in legislatures.chambers(state.abbr)
        if not chambers or info.chamber in chambers
    ]
    legislator = selectors.letter_preview_legislator(
        state=state, chambers=[info.chamber for info in infos]
    )
    if legislator is not None:
        return compose.recipient_for(
            state=state,
            chamber=legislator.chamber,
            district=legislator.district,
            legislator=legislator,
        )
    info = infos[0]
    districts = legislatures.district_names(state.abbr, info.chamber)
    return compose.recipient_for(
        state=state, chamber=info.chamber, district=districts[0] if districts else ""
    )


def letter_preview_get(*, campaign, standing: str = "", today=None) -> list[dict]:
    """The campaign's letter for three sample states (a strong law, a weak law,
    none: selectors.letter_preview_states) written by the sample writer, as
    the letter flow's preview shows it: [{"standing", "state", "item"}].
    `standing` keeps only that sample. Reads only; nothing is counted."""
    details = letter_preview_writer()
    result = []
    for sample_standing, state in selectors.letter_preview_states():
        if standing and sample_standing != standing:
            continue
        sender = letter_sender_build(state=state, details=details)
        facts = selectors.letter_facts_get(state=state, campaign=campaign)
        letter = compose.letter_compose(
            state=state,
            **facts,
            sender=sender,
            recipient=letter_preview_recipient(campaign=campaign, state=state),
            story=details["story"],
            points=details["points"],
            today=today,
        )
        result.append(
            {
                "standing": sample_standing,
                "state": state,
                "item": letter_display_build(letter=letter),
            }
        )
    return result


def letter_preview_pdf(*, campaign, standing: str) -> bytes | None:
    """The PDF of one sample of the preview (None when no state has that standing)."""
    samples = letter_preview_get(campaign=campaign, standing=standing)
    if not samples:
        return None
    return pdf.letter_pdf([samples[0]["item"]["letter"]])
