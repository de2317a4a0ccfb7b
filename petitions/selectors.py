"""Reads for petitions: counts, public signers, per-state and per-day figures.

Counts are COUNT(*) queries over confirmed rows, so they are exact however
many people sign at once; they are cached for a few seconds only, and every
confirmation or withdrawal starts a new "generation" for the petition: cached
entries of an older generation are never read again (`petition_cached`).
"""

import copy
import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Substr, TruncDate
from django.urls import reverse
from django.utils import timezone

from core.i18n import current_language
from core.versioning import CacheVersion
from states.us import STATES

from .models import Petition, Signature

COUNT_CACHE_SECONDS = 5

# The seeded petition (petitions/content.py) that other pages send people to.
# Its address, /petitions/state-privacy-law/, is a contract: links to it are
# printed and shared, so the slug never changes.
FEATURED_SLUG = "state-privacy-law"


# English field -> its Spanish twin on Petition.
SPANISH_FIELDS = {
    "title": "title_es",
    "summary": "summary_es",
    "text": "text_es",
    "target": "target_es",
}


def petition_in_language(petition, language=None):
    """The petition as a page in `language` (default: the active one) shows it.

    In Spanish, a copy with the Spanish title, summary, text and target (a
    Spanish field left empty keeps the English one); a petition with no Spanish
    title and text stays English with `translation_missing` set, and the page
    says so. The copy is for display only: never save it.
    """
    language = language or current_language()
    if language != "es" or petition is None:
        return petition
    shown = copy.copy(petition)
    shown.translation_missing = not petition.has_spanish
    if not shown.translation_missing:
        for english, spanish in SPANISH_FIELDS.items():
            value = getattr(petition, spanish)
            if value.strip():
                setattr(shown, english, value)
    return shown


def petitions_missing_spanish():
    """Public petitions whose Spanish page shows the English (for the dashboard)."""
    return [p for p in Petition.objects.public().order_by("title") if not p.has_spanish]


def _count_key(petition_id):
    return f"petitions:count:{petition_id}"


def _states_key(petition_id):
    return f"petitions:states:{petition_id}"


def _generation(slug):
    """The petition's generation: its cache version (core.versioning)."""
    return CacheVersion("petitions", key=f"petitions:generation:{slug}")


def petition_cached(*, slug, key, compute):
    """(value, generation): `key`'s cached value if it belongs to the petition's
    current generation, else `compute()` stored under it. One cache round trip
    while warm (the generation and the value are read together).

    Why generations rather than deleting entries: a reader that counted just
    before a confirmation committed could store its count just after the
    confirmation deleted the entry, and that stale count would be served until
    it expired. Here the reader reads the generation before it counts and tags
    what it stores with it; the confirmation, once committed, starts a new
    generation, so the stale entry is never read. A lost generation key starts
    again above every generation used before (core.versioning), so a Redis
    restart cannot bring an old one back.
    """
    return _generation(slug).cached(key, compute, timeout=COUNT_CACHE_SECONDS)


def petition_cached_counting(*, slug, key, compute, counter, window):
    """petition_cached(), also counting one more under the rate-limit key `counter`
    (core.ratelimit.hit) in the same cache round trip: (value, generation, total).
    """
    return _generation(slug).cached_counting(
        key, compute, timeout=COUNT_CACHE_SECONDS, counter=counter, window=window
    )


def petition_generation_new(*, slug):
    """Start a new generation: every cached count, page and entry of the petition
    is recomputed on its next read. Call after the change has committed."""
    _generation(slug).bump()


def petition_counts_forget(*, petition_id, slug=None):
    if slug is None:
        slug = (
            Petition.objects.filter(pk=petition_id)
            .values_list("slug", flat=True)
            .first()
        )
    if slug:
        petition_generation_new(slug=slug)
        # Inside a transaction, again once it commits: a reader in between could
        # have counted without the change and tagged that with the new generation.
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: petition_generation_new(slug=slug))


def petitions_open():
    return Petition.objects.open().order_by("-created_at")


def petition_featured():
    """The petition to send people to from other pages: the seeded one while
    it takes signatures, else the newest open one, else None."""
    open_petitions = Petition.objects.open()
    return (
        open_petitions.filter(slug=FEATURED_SLUG).first()
        or open_petitions.order_by("-created_at").first()
    )


def petition_featured_url():
    """The seeded petition's address, "/petitions/state-privacy-law/" (no query)."""
    return reverse("petitions:detail", kwargs={"slug": FEATURED_SLUG})


def petition_get(*, slug):
    """The petition with this slug (and its campaign), or Petition.DoesNotExist."""
    return Petition.objects.select_related("campaign").get(slug=slug)


def petition_confirmed_count(*, petition):
    """Exact number of confirmed signatures (cached a few seconds)."""
    count, _ = petition_cached(
        slug=petition.slug,
        key=_count_key(petition.pk),
        compute=Signature.objects.filter(petition=petition).confirmed().count,
    )
    return count


def petition_milestone(*, count, goal):
    """The target the progress bar shows: the goal, or once it is passed the
    next round number after it (1-2-5 steps: 10,000 → 20,000 → 50,000 → ...)."""
    goal = max(int(goal or 0), 1)
    if count < goal:
        return goal
    magnitude = 1
    while magnitude * 10 <= goal:
        magnitude *= 10
    steps = (1, 2, 5)
    while True:
        for step in steps:
            target = step * magnitude
            if target > count and target > goal:
                return target
        magnitude *= 10


def petition_progress(*, petition):
    """Everything a count display needs: count, goal, target, percent."""
    count = petition_confirmed_count(petition=petition)
    target = petition_milestone(count=count, goal=petition.goal)
    return {
        "count": count,
        "goal": petition.goal,
        "target": target,
        "goal_reached": count >= petition.goal,
        "percent": min(100, round(count * 100 / target)) if target else 0,
    }


def petition_recent_public_signers(*, petition, limit=10):
    """Recent confirmed signers who chose to be listed: first name, last
    initial and state only (never email, ZIP or comment)."""
    rows = (
        Signature.objects.filter(petition=petition, list_publicly=True)
        .confirmed()
        .order_by("-confirmed_at")
        .values_list("first_name", "last_name", "state")[:limit]
    )
    signers = []
    for first, last, state in rows:
        initial = last.strip()[:1].upper()
        signers.append(
            {
                "name": f"{first.strip()} {initial}." if initial else first.strip(),
                "state": state,
                "state_name": STATES.get(state, state),
            }
        )
    return signers


def petition_state_counts(*, petition):
    """Confirmed signatures per state, most first: [{state, name, count}]."""

    def compute():
        return [
            {
                "state": row["state"],
                "name": STATES.get(row["state"], row["state"]),
                "count": row["n"],
            }
            for row in Signature.objects.filter(petition=petition)
            .confirmed()
            .values("state")
            .annotate(n=Count("pk"))
            .order_by("-n", "state")
        ]

    rows, _ = petition_cached(
        slug=petition.slug, key=_states_key(petition.pk), compute=compute
    )
    return rows


def signatures_confirmed_by_state(*, petition=None, confirmed_before=None):
    """{USPS code: confirmed signatures} across all petitions or one; for pages
    such as a state's page. States without signatures are absent.
    `confirmed_before` counts a snapshot (as
    petitions.delivery.selectors.petition_signatures_for_delivery)."""
    qs = Signature.objects.confirmed()
    if petition is not None:
        qs = qs.filter(petition=petition)
    if confirmed_before is not None:
        qs = qs.filter(confirmed_at__lte=confirmed_before)
    return {
        row["state"]: row["n"]
        for row in qs.values("state").annotate(n=Count("pk")).order_by()
    }


def petition_signatures_by_day(*, petition):
    """Per day (site time zone): signatures made and signatures confirmed."""
    tz = timezone.get_current_timezone()
    made = dict(
        Signature.objects.filter(petition=petition)
        .annotate(day=TruncDate("created_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    confirmed = dict(
        Signature.objects.filter(petition=petition)
        .confirmed()
        .annotate(day=TruncDate("confirmed_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    days = sorted(set(made) | set(confirmed), reverse=True)
    return [
        {"day": day, "signed": made.get(day, 0), "confirmed": confirmed.get(day, 0)}
        for day in days
    ]


def _local_midnight(day):
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def signatures_per_day(*, petitions, days=30, today=None):
    """Signatures made per day (site time zone) over the last `days` days, or
    since each petition's launch if that is shorter, split into confirmed and
    not (yet) confirmed: {petition id: [{day, confirmed, unconfirmed}]}, oldest
    day first, days without signatures included as zeros.

    One aggregated query for all the petitions (TruncDate on created_at).
    """
    petitions = list(petitions)
    if days < 1:
        raise ValueError("days must be at least 1")
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    starts = {
        p.pk: max(first, min(timezone.localdate(p.created_at), today))
        if p.created_at
        else first
        for p in petitions
    }
    result = {pk: {} for pk in starts}
    if petitions:
        tz = timezone.get_current_timezone()
        rows = (
            Signature.objects.filter(
                petition__in=list(starts),
                created_at__gte=_local_midnight(min(starts.values())),
                created_at__lt=_local_midnight(today + datetime.timedelta(days=1)),
            )
            .annotate(day=TruncDate("created_at", tzinfo=tz))
            .values("petition_id", "day")
            .annotate(
                confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
                unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
            )
            .order_by()
        )
        for row in rows:
            result[row["petition_id"]][row["day"]] = row
    series = {}
    for pk, start in starts.items():
        by_day = result[pk]
        span = max((today - start).days + 1, 1)
        series[pk] = [
            {
                "day": day,
                "confirmed": by_day.get(day, {}).get("confirmed", 0),
                "unconfirmed": by_day.get(day, {}).get("unconfirmed", 0),
            }
            for day in (start + datetime.timedelta(days=i) for i in range(span))
        ]
    return series


def signature_totals(*, petitions):
    """{petition id: {"confirmed": n, "unconfirmed": n}} in one query; petitions
    without signatures get zeros."""
    ids = [p.pk for p in petitions]
    totals = {pk: {"confirmed": 0, "unconfirmed": 0} for pk in ids}
    rows = (
        Signature.objects.filter(petition__in=ids)
        .values("petition_id")
        .annotate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        )
        .order_by()
    )
    for row in rows:
        totals[row["petition_id"]] = {
            "confirmed": row["confirmed"],
            "unconfirmed": row["unconfirmed"],
        }
    return totals


def signatures_top_states(*, petitions, limit=10):
    """The states with the most confirmed signatures, per petition, in one
    query: {petition id: [{state, name, count}]}, most first (ties by code)."""
    ids = [p.pk for p in petitions]
    top = {pk: [] for pk in ids}
    rows = (
        Signature.objects.filter(petition__in=ids)
        .confirmed()
        .values("petition_id", "state")
        .annotate(n=Count("pk"))
        .order_by("petition_id", "-n", "state")
    )
    for row in rows:
        states = top[row["petition_id"]]
        if len(states) < limit:
            states.append(
                {
                    "state": row["state"],
                    "name": STATES.get(row["state"], row["state"]),
                    "count": row["n"],
                }
            )
    return top


def signatures_by_source_day(*, petitions, days=30, today=None):
    """Confirmed signatures per source code and day of confirmation (site time
    zone) over the last `days` days, in one query:
    {petition id: {(source, day): n}}; "" is "no source"."""
    ids = [p.pk for p in petitions]
    result = {pk: {} for pk in ids}
    if not ids:
        return result
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    tz = timezone.get_current_timezone()
    rows = (
        Signature.objects.filter(
            petition__in=ids,
            confirmed_at__gte=_local_midnight(first),
            confirmed_at__lt=_local_midnight(today + datetime.timedelta(days=1)),
        )
        .annotate(day=TruncDate("confirmed_at", tzinfo=tz))
        .values("petition_id", "source", "day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        result[row["petition_id"]][(row["source"], row["day"])] = row["n"]
    return result


def _chamber_label(state, chamber):
    from states import legislatures

    try:
        return legislatures.chamber_name(state, chamber)
    except Exception:  # a code or chamber the metadata lacks
        return {"upper": "Senate", "lower": "House"}.get(chamber, "Legislature")


def petition_district_counts(*, petition, confirmed_before=None):
    """Confirmed signatures per (state, chamber, district), from each signer's
    ZIP code: [{state, state_name, chamber, chamber_name, district, count,
    shared}], by state, then chamber (upper first), then district in natural
    order, "not known" (district None) last in each chamber.

    A ZIP code can overlap several districts. Each signer counts once per
    chamber, in the likeliest district of their ZIP (the one covering most of
    its land: states.selectors.zip_districts_likeliest, the rule the delivery
    packets use), never split between districts; `shared` says how many of a
    district's signers have such a ZIP. Signers whose ZIP is not in the
    district table count as district None in each chamber the table knows for
    their state; a state the table has no rows for is left out. Two queries:
    the signers per (state, ZIP) and the ZIP table for those states.
    """
    return petitions_district_counts(
        petitions=[petition], confirmed_before=confirmed_before
    )[petition.pk]


def petitions_district_counts(*, petitions, confirmed_before=None):
    """petition_district_counts() for several petitions in two queries:
    {petition id: rows}."""
    from states.legislatures import CHAMBER_ORDER, district_sort_key
    from states.selectors import zip_districts_likeliest_states

    ids = [p.pk for p in petitions]
    qs = Signature.objects.filter(petition__in=ids).confirmed()
    if confirmed_before is not None:
        qs = qs.filter(confirmed_at__lte=confirmed_before)
    per_zip = [
        (row["petition_id"], row["state"], row["zip5"], row["n"])
        for row in qs.annotate(zip5=Substr("zip_code", 1, 5))
        .values("petition_id", "state", "zip5")
        .annotate(n=Count("pk"))
        .order_by()
    ]
    lookup = zip_districts_likeliest_states(states={row[1] for row in per_zip})
    chambers_of = {
        state: sorted(
            {chamber for guesses in zips.values() for chamber in guesses},
            key=lambda c: CHAMBER_ORDER.get(c, 9),
        )
        for state, zips in lookup.items()
    }
    counts: dict[tuple, list[int]] = {}
    for pk, state, zip5, n in per_zip:
        guesses = lookup.get(state, {}).get(zip5, {})
        for chamber in chambers_of.get(state, ()):
            guess = guesses.get(chamber)
            key = (pk, state, chamber, guess.district if guess else None)
            entry = counts.setdefault(key, [0, 0])
            entry[0] += n
            if guess and guess.spans > 1:
                entry[1] += n
    result = {pk: [] for pk in ids}
    for (pk, state, chamber, district), (count, shared) in counts.items():
        result[pk].append(
            {
                "state": state,
                "state_name": STATES.get(state, state),
                "chamber": chamber,
                "chamber_name": _chamber_label(state, chamber),
                "district": district,
                "count": count,
                "shared": shared,
            }
        )
    for rows in result.values():
        rows.sort(
            key=lambda r: (
                r["state_name"],
                CHAMBER_ORDER.get(r["chamber"], 9),
                r["district"] is None,
                district_sort_key(r["district"] or ""),
            )
        )
    return result


def petitions_for_campaigns(*, campaigns):
    """{campaign id: its petition} in one query (campaigns without one absent)."""
    ids = [c.pk for c in campaigns]
    return {p.campaign_id: p for p in Petition.objects.filter(campaign__in=ids)}


def petition_signers_map(*, petition):
    """The public "where people have signed" map of `petition`
    (states.tilemap.signers_map: "fewer than 10" for 1 to 9 signers), or None
    before anyone has confirmed. From the cached per-state counts: no query
    while warm."""
    from states.tilemap import signers_map

    rows = petition_state_counts(petition=petition)
    return signers_map(
        counts={row["state"]: row["count"] for row in rows}, names=STATES
    )
