"""Read-only queries for the letter flow and for other apps.

Other apps (the states map, the ZIP lookup, the take-action journey) call
these rather than querying letters' models directly.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from campaigns.selectors import campaign_get
from core.dates import date_text
from states import elections, legislatures
from states.models import PrivacyLaw, State

from .compose import campaign_template, default_templates, letter_kind
from .models import (
    COUNT_CHAMBER_CHOICES,
    Legislator,
    LetterCampaign,
    LetterCount,
    LetterTemplate,
    RosterImport,
)


@dataclass
class Seat:
    """One district of one chamber, with the imported legislators who hold it."""

    state_abbr: str
    chamber: str
    chamber_name: str
    title: str
    district: str
    seats: int
    legislators: list = field(default_factory=list)
    land_share: float | None = None  # for the ZIP lookup: share of the ZIP in it

    @property
    def key(self) -> str:
        """Form value for typing a name for this seat: "<chamber>:<district>"."""
        return f"{self.chamber}:{self.district}"

    @property
    def is_multi_member(self) -> bool:
        return self.seats > 1

    @property
    def preselect(self) -> bool:
        """One member holds the seat: tick them by default."""
        return len(self.legislators) == 1

    @property
    def vacancies(self) -> int:
        return max(self.seats - len(self.legislators), 0)


def state_list():
    """All states (50 + DC + PR) ordered by name, with their privacy law (select_related)."""
    return State.objects.select_related("privacy_law").order_by("name")


def state_get(abbr: str) -> State | None:
    """The state for a USPS code (any case), or None."""
    if not abbr or len(abbr) != 2:
        return None
    return State.objects.select_related("privacy_law").filter(abbr=abbr.upper()).first()


def state_find_legislator_url(state: State) -> str:
    """The legislature's own "find my legislator" page (else its home page)."""
    return state.find_legislator_url or state.legislature_url


def state_legislator_counts(state: State) -> dict[str, int]:
    """Active imported legislators per chamber: {"upper": 40, "lower": 99}."""
    rows = (
        Legislator.objects.active()
        .filter(state=state)
        .values("chamber")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["chamber"]: row["n"] for row in rows}


def legislators_for_seat(
    *, state: State, chamber: str, district: str
) -> list[Legislator]:
    """Active imported legislators of one district (several in multi-member districts)."""
    return list(
        Legislator.objects.active()
        .filter(state=state, chamber=chamber, district=district)
        .order_by("family_name", "name")
    )


def seat_get(*, state: State, chamber: str, district: str) -> Seat | None:
    """The seat with its legislators; None if the chamber or district does not exist."""
    if not legislatures.has_chamber(state.abbr, chamber):
        return None
    seats = legislatures.district_seats(state.abbr, chamber, district)
    if not seats:
        return None
    return Seat(
        state_abbr=state.abbr,
        chamber=chamber,
        chamber_name=legislatures.chamber_name(state.abbr, chamber),
        title=legislatures.member_title(state.abbr, chamber, district),
        district=district,
        seats=seats,
        legislators=legislators_for_seat(
            state=state, chamber=chamber, district=district
        ),
    )


def seats_for_districts(*, state: State, districts: dict[str, str]) -> list[Seat]:
    """Seats for {chamber: district} (unknown ones skipped), upper chamber first."""
    result = []
    for info in legislatures.chambers(state.abbr):
        district = districts.get(info.chamber)
        if district:
            seat = seat_get(state=state, chamber=info.chamber, district=district)
            if seat:
                result.append(seat)
    return result


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def legislator_search(*, state: State, query: str, limit: int = 20) -> list[Legislator]:
    """Active legislators of a state whose name contains every word of `query`.

    Accents and case are ignored ("loki" finds "Löki Tobin"); done in Python so
    it behaves the same on SQLite and PostgreSQL (a state has at most ~420).
    """
    words = _fold(query).split()
    if not words:
        return []
    candidates = (
        Legislator.objects.active().filter(state=state).order_by("family_name", "name")
    )
    found = []
    for legislator in candidates:
        haystack = _fold(f"{legislator.name} {legislator.family_name}")
        if all(word in haystack for word in words):
            found.append(legislator)
            if len(found) >= limit:
                break
    return found


def legislator_search_titled(*, state: State, query: str) -> list[Legislator]:
    """`legislator_search` results, each with `title_for_letter` ("Delegate")
    and `chamber_name_for_letter` set for step 2's list."""
    found = legislator_search(state=state, query=query)
    for legislator in found:
        legislator.title_for_letter = legislatures.member_title(
            state.abbr, legislator.chamber, legislator.district
        )
        legislator.chamber_name_for_letter = legislatures.chamber_name(
            state.abbr, legislator.chamber
        )
    return found


def legislator_get(*, state: State, pk) -> Legislator | None:
    try:
        return Legislator.objects.active().filter(state=state, pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


# LetterCount.chamber: the Open States chambers, and "custom" for letters to a
# campaign's own office (compose.CUSTOM_CHAMBER).
LETTER_COUNT_CHAMBERS = COUNT_CHAMBER_CHOICES


def letter_counts(state: State | None = None):
    """LetterCount rows (per state and chamber), optionally for one state."""
    rows = LetterCount.objects.select_related("state")
    if state is not None:
        rows = rows.filter(state=state)
    return rows.order_by("state__name", "chamber")


def letter_count_total(state: State | None = None) -> int:
    rows = LetterCount.objects.all()
    if state is not None:
        rows = rows.filter(state=state)
    return rows.aggregate(total=Sum("count"))["total"] or 0


def states_with_law():
    return State.objects.filter(Q(privacy_law__has_comprehensive_law=True)).order_by(
        "name"
    )


# --------------------------------------------------------------------------
# What a letter needs from the database (letters.compose is pure)
# --------------------------------------------------------------------------


def letter_law_get(*, state: State) -> PrivacyLaw | None:
    """The state's PrivacyLaw row (with its state), or None."""
    return PrivacyLaw.objects.select_related("state").filter(state=state).first()


def letter_template_get(kind: str) -> dict[str, str]:
    """{"subject", "body"} for a LetterTemplate kind: the organizers' row, else
    the shipped default (templates/letters/defaults/)."""
    row = LetterTemplate.objects.filter(kind=kind).first()
    if row is None:
        return default_templates()[kind]
    return {"subject": row.subject, "body": row.body}


def states_with_law_by_signing() -> list[tuple[str, str]]:
    """(abbr, name) of the states with a comprehensive law, earliest signed first."""
    return list(
        State.objects.with_law()
        .order_by(
            F("privacy_law__signed_date").asc(nulls_last=True),
            F("privacy_law__signed_year").asc(nulls_last=True),
            "name",
        )
        .values_list("abbr", "name")
    )


def letter_campaign_letter_get(campaign) -> LetterCampaign | None:
    """The campaign's own letter (LetterCampaign), or None: the standard letter."""
    if campaign is None:
        return None
    return LetterCampaign.objects.filter(campaign=campaign).first()


def letter_facts_get(*, state: State, campaign=None, language: str = "en") -> dict:
    """What `compose.letter_compose` needs about `state`, read once (three or
    four queries): the law, the template and the states with a law, as keyword
    arguments: `letter_compose(state=state, **facts, sender=..., recipient=...)`.

    The template is the campaign's own letter (LetterCampaign: subject,
    opening, the writer's story and points, asks, closing) when `campaign` has
    one, else the standard letter for the law's kind (LetterTemplate).

    `language` "es" (the writer chose the fixed text in Spanish): the shipped
    Spanish wording of the standard letter (templates/letters/defaults/es/;
    organizers' LetterTemplate rows are English). A campaign's own letter stays
    in the language its organizer wrote it: the facts then say "en"."""
    law = letter_law_get(state=state)
    own = letter_campaign_letter_get(campaign)
    if own is not None:
        template = campaign_template(
            subject=own.subject,
            opening=own.opening,
            asks=own.asks,
            closing=own.closing,
        )
        language = "en"
    elif language == "es":
        template = default_templates("es")[letter_kind(law)]
    else:
        template = letter_template_get(letter_kind(law))
    return {
        "law": law,
        "template": template,
        "states_with_law": states_with_law_by_signing(),
        "language": language,
    }


def letter_campaign_get(*, slug: str, staff: bool = False):
    """The campaign a letter is written for (by its slug), as the viewer may
    see it (drafts only for staff), or None: campaigns.selectors.campaign_get."""
    if not slug:
        return None
    return campaign_get(slug=slug, staff=staff)


PREVIEW_STANDINGS = ("strong", "weak", "none")


def letter_preview_states() -> list[tuple[str, State]]:
    """Sample states for the admin's letter preview: (standing, state) for the
    first state (by name) with a strong law, a weak law and none
    (PrivacyLaw.standing); a standing no state has is left out."""
    found: dict[str, State] = {}
    laws = PrivacyLaw.objects.select_related("state").order_by("state__name")
    for law in laws:
        found.setdefault(law.standing, law.state)
    return [
        (standing, found[standing])
        for standing in PREVIEW_STANDINGS
        if standing in found
    ]


def letter_preview_legislator(*, state: State, chambers) -> Legislator | None:
    """An active legislator of `state` in one of `chambers` for the preview
    (the first by chamber, district and name), or None."""
    return (
        Legislator.objects.active()
        .filter(state=state, chamber__in=list(chambers))
        .order_by("chamber", "district", "family_name")
        .first()
    )


# --------------------------------------------------------------------------
# Where the legislators came from, and when


@dataclass
class Roster:
    """The dated source of a state's legislators, as the pages say it."""

    source: str
    as_of: datetime.date
    until: datetime.date | None = None  # several dates: the newest
    election: datetime.date | None = None  # an election passed since as_of

    @property
    def text(self) -> str:
        """ "Legislators as of August 5, 2026 (Open States)"."""
        if self.until and self.until != self.as_of:
            when = f"from {date_text(self.as_of)} to {date_text(self.until)}"
        else:
            when = f"as of {date_text(self.as_of)}"
        return f"Legislators {when} ({self.source})"

    @property
    def election_text(self) -> str:
        return date_text(self.election) if self.election else ""


def rosters_by_state() -> dict[str, RosterImport]:
    """The latest RosterImport of each state that has one (one query)."""
    latest = {}
    for roster in RosterImport.objects.order_by("-loaded_at", "-pk"):
        for abbr in roster.state_codes:
            latest.setdefault(abbr, roster)
    return latest


def roster_get(*, abbr: str | None = None, today=None) -> Roster | None:
    """The dated source of one state's legislators, or of all of them (abbr None).

    For all states, the range of their dates; `election` is the latest general
    election held since the oldest of them (states.elections). None when no
    import was recorded.
    """
    today = today or timezone.localdate()
    if abbr:
        latest = (
            RosterImport.objects.covering(abbr).order_by("-loaded_at", "-pk").first()
        )
        rows = {abbr.upper(): latest} if latest else {}
    else:
        rows = rosters_by_state()
    if not rows:
        return None
    dates = sorted(r.as_of for r in rows.values())
    sources = sorted({r.source for r in rows.values()})
    passed = [
        day
        for a, r in rows.items()
        if (day := elections.election_since(a, r.as_of, today)) is not None
    ]
    return Roster(
        source=", ".join(sources),
        as_of=dates[0],
        until=dates[-1],
        election=max(passed) if passed else None,
    )


def rosters_before_election(*, today=None, rosters=None) -> dict | None:
    """For the organizers' dashboard: states whose roster predates an election.

    {"election": date, "states": ["AK", …], "as_of": oldest date, "source": …}
    with the latest election passed, or None when every roster is newer.
    `rosters` is rosters_by_state() when the caller has it already.
    """
    today = today or timezone.localdate()
    rosters = rosters_by_state() if rosters is None else rosters
    stale = {}
    for abbr, roster in rosters.items():
        day = elections.election_since(abbr, roster.as_of, today)
        if day is not None:
            stale[abbr] = (day, roster)
    if not stale:
        return None
    return {
        "election": max(day for day, _ in stale.values()),
        "states": sorted(stale),
        "as_of": min(r.as_of for _, r in stale.values()),
        "source": ", ".join(sorted({r.source for _, r in stale.values()})),
    }


def letter_counts_by_source_day(*, campaigns, since):
    """Letters generated per campaign, source code and day since `since` (a
    date), in one query: {campaign id: {(source, day): n}}; "" is "no source"."""
    ids = [c.pk for c in campaigns]
    result = {pk: {} for pk in ids}
    rows = (
        LetterCount.objects.filter(campaign__in=ids, day__gte=since)
        .values("campaign_id", "source", "day")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in rows:
        result[row["campaign_id"]][(row["source"], row["day"])] = row["n"]
    return result
