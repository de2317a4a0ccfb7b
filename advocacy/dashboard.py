"""The campaign dashboard on the admin home page: plain data for a template.

Each section calls its app's selectors and appears only for staff who may see
it: signature figures need the same right as the per-day view
(`signer_data_access_allowed`), letter counts `letters.view_lettercount`,
guide reports `guides.view_guidereport`, the guides by age of their last check
`guides.view_platform`, the latest link check `guides.view_linkcheckrun`,
where and when the legislators came from `letters.view_legislator`, letters
sent by email and how often offices replied `letters.view_letterdelivery`, and a
prompt to replace the placeholder organization `core.change_organization`
(one more query until the organization is cached).
Actions per source code and day (per live campaign: confirmed signatures and
letters) need both the signature right and `letters.view_lettercount`;
signatures per legislative district the signature right; letters sent
by email and their replies `letters.view_letterdelivery`.
A full dashboard costs twenty-one queries however many signatures and
campaigns there are (eighteen while no campaign is live; one more once a link
check has run).
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from campaigns import selectors as campaigns_selectors
from campaigns.models import Campaign
from core.charts import bar_chart
from core.selectors import organization_get
from guides import selectors as guides_selectors
from letters import selectors as letters_selectors
from letters.sending import selectors as sending_selectors
from petitions import selectors as petitions_selectors
from petitions.permissions import signer_data_access_allowed
from states.selectors import states_spanish_to_do

CHART_DAYS = 30
TOP_STATES = 10
# Stacked bottom-up: confirmed signatures are the solid base of each bar.
SIGNATURE_KINDS = ("confirmed", "unconfirmed")


def campaign_dashboard(*, user, today=None):
    """The sections `user` may see, or None when there is none."""
    if not (user.is_active and user.is_staff):
        return None
    today = today or timezone.localdate()
    dashboard = {}
    if user.has_perm("core.change_organization"):
        organization = organization_section()
        if organization:
            dashboard["organization"] = organization
    if signer_data_access_allowed(user):
        dashboard["petitions"] = petitions_section(
            today=today, link_petitions=user.has_perm("petitions.view_petition")
        )
    if user.has_perm("petitions.view_petition"):
        # Petitions whose Spanish page shows the English (none: no section).
        spanish = spanish_petitions_section()
        if spanish["petitions"]:
            dashboard["spanish_petitions"] = spanish
    if user.has_perm("letters.view_lettercount"):
        dashboard["letters"] = letters_section()
    if signer_data_access_allowed(user) and user.has_perm("letters.view_lettercount"):
        dashboard["sources"] = sources_section(today=today)
    if signer_data_access_allowed(user):
        dashboard["districts"] = districts_section()
    if user.has_perm("letters.view_letterdelivery"):
        dashboard["letters_sent"] = letters_sent_section()
    if user.has_perm("letters.view_legislator"):
        dashboard["roster"] = roster_section(today=today)
    if user.has_perm("guides.view_guidereport"):
        dashboard["reports"] = reports_section()
    if user.has_perm("guides.view_platform"):
        platforms = guides_selectors.guides_by_check_age()
        dashboard["stale_guides"] = stale_guides_section(
            today=today,
            link_reports=user.has_perm("guides.view_guidereport"),
            platforms=platforms,
        )
        # Guides whose Spanish page shows the English: listed with the guides.
        dashboard["stale_guides"]["spanish"] = spanish_guides_section(
            platforms=platforms
        )
    spanish = spanish_campaigns_section(
        campaigns=user.has_perm("campaigns.view_campaign"),
        organization=user.has_perm("core.change_organization"),
    )
    if spanish:
        dashboard["spanish_campaigns"] = spanish
    if user.has_perm("states.view_privacylaw"):
        dashboard["states_spanish"] = states_spanish_section()
    if user.has_perm("guides.view_linkcheckrun"):
        dashboard["links"] = {"run": guides_selectors.link_check_latest()}
    return dashboard or None


def organization_section():
    """What is left to fill in about the organization, or None when nothing is."""
    organization = organization_get()
    if organization is not None and not organization.is_placeholder:
        return None
    return {
        "missing": organization is None,
        "fields": organization.placeholder_fields if organization else [],
        "change_url": reverse("admin:core_organization_changelist"),
    }


def _day_label(day):
    return date_format(day, "M j")


def petitions_section(*, today, days=CHART_DAYS, link_petitions=True):
    """Per open petition: totals, a signatures-per-day chart, the same numbers
    as table rows, and the top states by confirmed signatures. Titles link to
    the petition's admin page when `link_petitions` (the user may view it)."""
    petitions = list(petitions_selectors.petitions_open())
    per_day = petitions_selectors.signatures_per_day(
        petitions=petitions, days=days, today=today
    )
    totals = petitions_selectors.signature_totals(petitions=petitions)
    top_states = petitions_selectors.signatures_top_states(
        petitions=petitions, limit=TOP_STATES
    )
    panels = []
    for petition in petitions:
        rows = [
            {**row, "total": sum(row[kind] for kind in SIGNATURE_KINDS)}
            for row in per_day[petition.pk]
        ]
        in_range = {
            kind: sum(row[kind] for row in rows) for kind in (*SIGNATURE_KINDS, "total")
        }
        chart = bar_chart(
            [
                (_day_label(row["day"]), [(k, row[k]) for k in SIGNATURE_KINDS])
                for row in rows
            ]
        )
        panels.append(
            {
                "petition": petition,
                "change_url": reverse(
                    "admin:petitions_petition_change", args=[petition.pk]
                )
                if link_petitions
                else None,
                "per_day_url": reverse(
                    "admin:petitions_petition_per_day", args=[petition.pk]
                ),
                "totals": totals[petition.pk],
                "first_day": rows[0]["day"],
                "last_day": rows[-1]["day"],
                "days": len(rows),
                "rows": rows,
                "in_range": in_range,
                # The busiest day (the latest of equals), for the chart's description.
                "peak": max(reversed(rows), key=lambda row: row["total"]),
                "chart": chart if any(in_range.values()) else None,
                "top_states": top_states[petition.pk],
            }
        )
    return {"panels": panels, "days": days, "top_limit": TOP_STATES}


def letters_section():
    """Letters generated per state and chamber, busiest state first."""
    chambers = dict(letters_selectors.LETTER_COUNT_CHAMBERS)
    by_state = {}
    used = set()
    for row in letters_selectors.letter_counts():
        entry = by_state.setdefault(
            row.state_id, {"state": row.state, "counts": {}, "total": 0}
        )
        entry["counts"][row.chamber] = entry["counts"].get(row.chamber, 0) + row.count
        entry["total"] += row.count
        used.add(row.chamber)
    columns = [(key, label) for key, label in chambers.items() if key in used]
    states = sorted(by_state.values(), key=lambda e: (-e["total"], e["state"].name))
    for entry in states:
        entry["cells"] = [entry["counts"].get(key) for key, _ in columns]
    return {
        "columns": columns,
        "states": [e for e in states if e["total"]],
        "total": sum(e["total"] for e in states),
        "changelist_url": reverse("admin:letters_lettercount_changelist"),
    }


NO_SOURCE = "No source"


def sources_section(*, today, days=CHART_DAYS):
    """Per live campaign, over the last `days` days: actions per source code
    (confirmed signatures by day of confirmation, letters by day generated),
    "no source" as its own row, and the same per day. Four queries."""
    campaigns = campaigns_selectors.campaigns_live()
    first = today - timedelta(days=days - 1)
    names = campaigns_selectors.source_names()
    petitions = petitions_selectors.petitions_for_campaigns(campaigns=campaigns)
    signed = petitions_selectors.signatures_by_source_day(
        petitions=list(petitions.values()), days=days, today=today
    )
    letters = letters_selectors.letter_counts_by_source_day(
        campaigns=campaigns, since=first
    )
    panels = []
    for campaign in campaigns:
        petition = petitions.get(campaign.pk)
        sig = signed.get(petition.pk, {}) if petition else {}
        let = letters.get(campaign.pk, {})
        by_source = {}
        for (source, _day), n in sig.items():
            by_source.setdefault(source, [0, 0])[0] += n
        for (source, _day), n in let.items():
            by_source.setdefault(source, [0, 0])[1] += n
        by_source.setdefault("", [0, 0])  # "no source" always has its row

        def label(code):
            if not code:
                return NO_SOURCE
            return names.get(code) or f"{code} (no longer registered)"

        sources = sorted(
            (
                {
                    "code": code,
                    "name": label(code),
                    "signatures": counts[0],
                    "letters": counts[1],
                    "total": sum(counts),
                }
                for code, counts in by_source.items()
            ),
            key=lambda row: (row["code"] == "", -row["total"], row["code"]),
        )
        day_rows = []
        for key in sorted(
            set(sig) | set(let), key=lambda k: (k[1], k[0]), reverse=True
        ):
            source, day = key
            day_rows.append(
                {
                    "day": day,
                    "code": source,
                    "name": label(source),
                    "signatures": sig.get(key, 0),
                    "letters": let.get(key, 0),
                }
            )
        panels.append(
            {
                "campaign": campaign,
                "has_petition": petition is not None,
                "sources": sources,
                "days": day_rows,
                "total": sum(row["total"] for row in sources),
            }
        )
    return {
        "panels": panels,
        "days": days,
        "first_day": first,
        "last_day": today,
        "codes_url": reverse("admin:campaigns_sourcecode_changelist"),
    }


TOP_DISTRICTS = 3


def districts_section(*, top=TOP_DISTRICTS):
    """Per open petition: signatures per legislative district (from each
    signer's ZIP code), the `top` districts of each chamber per state, most
    first, with a link to every district (a page and a CSV). Three queries
    however many petitions."""
    panels = []
    petitions = list(petitions_selectors.petitions_open())
    counts = petitions_selectors.petitions_district_counts(petitions=petitions)
    for petition in petitions:
        rows = counts[petition.pk]
        states = {}
        for row in rows:
            entry = states.setdefault(
                row["state"], {"name": row["state_name"], "chambers": {}}
            )
            entry["chambers"].setdefault(row["chamber_name"], []).append(row)
        for entry in states.values():
            entry["chambers"] = [
                {
                    "name": name,
                    "top": sorted(
                        (r for r in chamber_rows if r["district"] is not None),
                        key=lambda r: -r["count"],
                    )[:top],
                    "unknown": sum(
                        r["count"] for r in chamber_rows if r["district"] is None
                    ),
                    "districts": sum(
                        1 for r in chamber_rows if r["district"] is not None
                    ),
                }
                for name, chamber_rows in entry["chambers"].items()
            ]
        url = reverse("admin:petitions_petition_districts", args=[petition.pk])
        panels.append(
            {
                "petition": petition,
                "states": sorted(states.values(), key=lambda e: e["name"]),
                "url": url,
                "csv_url": f"{url}?format=csv",
            }
        )
    return {"panels": panels, "top": top}


def letters_sent_section():
    """Letters sent by email per state and chamber, and what the writers said
    when asked whether the office replied (one query)."""
    chambers = dict(letters_selectors.LETTER_COUNT_CHAMBERS)
    rows = sending_selectors.response_rates_by_chamber_state()
    for row in rows:
        row["chamber_label"] = chambers.get(row["chamber"], row["chamber"])
    return {
        "rows": rows,
        "sent": sum(r["sent"] for r in rows),
        "answers": sum(r["answers"] for r in rows),
        "public_min": sending_selectors.PUBLIC_MIN_ANSWERS,
        "public_url": reverse("letters:sending-responses"),
    }


REFRESH_COMMAND = "manage.py import_legislators --download"


def roster_section(*, today):
    """Where and when the legislators came from, and a warning with the refresh
    command once an election has passed since (one query)."""
    rosters = letters_selectors.rosters_by_state()
    dates = sorted({r.as_of for r in rosters.values()})
    stale = letters_selectors.rosters_before_election(today=today, rosters=rosters)
    if stale:
        stale["all_states"] = len(stale["states"]) == len(rosters)
    return {
        "states": len(rosters),
        "as_of": dates[0] if dates else None,
        "until": dates[-1] if len(dates) > 1 else None,
        "sources": ", ".join(sorted({r.source for r in rosters.values()})),
        "stale": stale,
        "command": REFRESH_COMMAND,
    }


def reports_section():
    """Unresolved reader reports, with a link to exactly those."""
    return {
        "waiting": guides_selectors.guide_reports_waiting_count(),
        "changelist_url": reverse("admin:guides_guidereport_changelist")
        + "?is_resolved__exact=0",
    }


def spanish_petitions_section():
    """Public petitions with no Spanish title and text, each linked to its admin
    page (English and Spanish side by side)."""
    return {
        "petitions": [
            {
                "petition": petition,
                "change_url": reverse(
                    "admin:petitions_petition_change", args=[petition.pk]
                ),
            }
            for petition in petitions_selectors.petitions_missing_spanish()
        ]
    }


def states_spanish_section():
    """State pages whose Spanish shows the English research notes, each linked
    to the law's admin page (English and Spanish side by side)."""
    return {
        "laws": [
            {
                "name": law.state.name,
                "abbr": law.state.abbr,
                "state": state,
                "change_url": reverse("admin:states_privacylaw_change", args=[law.pk]),
            }
            for law, state in states_spanish_to_do()
        ]
    }


def spanish_guides_section(*, platforms=None):
    """Published guides whose Spanish is missing or out of date, each linked to
    its admin page (English and Spanish side by side). `platforms`: the
    published guides already read for the stale list (no second query)."""
    return {
        "guides": [
            {
                "platform": platform,
                "state": platform.spanish_state,
                "change_url": reverse(
                    "admin:guides_platform_change", args=[platform.pk]
                ),
            }
            for platform in guides_selectors.guides_spanish_to_do(platforms)
        ]
    }


def spanish_campaigns_section(*, campaigns=True, organization=True):
    """Campaigns (not closed) whose Spanish title or summary is missing, and
    the organization's description without its Spanish (/es/about/ shows the
    English with a note): each linked to its admin page, where the English
    and Spanish fields sit side by side. None when the viewer may see
    neither."""
    if not (campaigns or organization):
        return None
    section = {"campaigns": [], "organization": None}
    if campaigns:
        for campaign in Campaign.objects.exclude(status=Campaign.Status.CLOSED):
            missing = campaign.spanish_missing
            if missing:
                section["campaigns"].append(
                    {
                        "campaign": campaign,
                        "missing": missing,
                        "change_url": reverse(
                            "admin:campaigns_campaign_change", args=[campaign.pk]
                        ),
                    }
                )
    if organization:
        org = organization_get()
        if org is not None and org.description_spanish_missing:
            section["organization"] = {
                "change_url": reverse("admin:core_organization_changelist")
            }
    return section


def stale_guides_section(*, today, link_reports=True, platforms=None):
    """Every published guide, the longest unchecked first, with the date and age
    of its latest check, whether that is older than settings.GUIDES_STALE_DAYS,
    and its open reader reports (linked to exactly those when `link_reports`)."""
    stale_days = settings.GUIDES_STALE_DAYS
    reports_url = reverse("admin:guides_guidereport_changelist")
    rows = []
    if platforms is None:
        platforms = guides_selectors.guides_by_check_age()
    for platform in platforms:
        checked = platform.last_verified
        days_ago = (today - checked).days if checked else None
        rows.append(
            {
                "platform": platform,
                "last_verified": checked,
                "days_ago": days_ago,
                "is_stale": days_ago is None or days_ago > stale_days,
                "open_reports": platform.open_report_count,
                "reports_url": f"{reports_url}?is_resolved__exact=0"
                f"&platform__id__exact={platform.pk}"
                if link_reports
                else None,
                "change_url": reverse(
                    "admin:guides_platform_change", args=[platform.pk]
                ),
                "check_url": reverse("admin:guides_platform_check", args=[platform.pk]),
            }
        )
    return {
        "days": stale_days,
        "guides": rows,
        "stale_count": sum(1 for row in rows if row["is_stale"]),
    }
