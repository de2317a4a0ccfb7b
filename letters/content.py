"""Seeded letters content: states, their privacy-law facts, default letter templates.

`load()` is idempotent: it creates what is missing and never overwrites what an
organizer may have edited (a State's fields are only filled when blank; an
existing PrivacyLaw or LetterTemplate is left alone).
"""

import datetime

from django.db import transaction

from states import legislatures
from states.models import PrivacyLaw, State

from .data.privacy_laws import AS_OF, LAWS, PUERTO_RICO_NOTE

# The legislature's own "find my legislator" page, where we know it. Elsewhere
from .models import LetterTemplate

# The legislature's own "find my legislator" page, where we know it. Elsewhere
# the legislature's home page is used; organizers can correct both in the admin.
FIND_LEGISLATOR_URLS = {
    "AZ": "https://www.azleg.gov/findmylegislator/",
    "CA": "https://findyourrep.legislature.ca.gov/",
    "CO": "https://leg.colorado.gov/find-my-legislator",
    "CT": "https://www.cga.ct.gov/asp/menu/cgafindleg.asp",
    "DC": "https://dccouncil.gov/councilmembers/",
    "ID": "https://legislature.idaho.gov/legislators/whosmylegislator/",
    "IN": "https://iga.in.gov/legislative/find-legislators",
    "KY": "https://apps.legislature.ky.gov/findyourlegislator/findyourlegislator.html",
    "LA": "https://www.legis.la.gov/legis/FindMyLegislators.aspx",
    "MA": "https://malegislature.gov/Search/FindMyLegislator",
    "MD": "https://mgaleg.maryland.gov/mgawebsite/Members/District",
    "MN": "https://www.gis.lcc.mn.gov/iMaps/districts/",
    "NC": "https://www.ncleg.gov/FindYourLegislators",
    "NE": "https://nebraskalegislature.gov/senators/senator_find.php",
    "NM": "https://www.nmlegis.gov/Members/Find_My_Legislator",
    "OK": "https://www.oklegislature.gov/FindMyLegislature.aspx",
    "OR": "https://www.oregonlegislature.gov/FindYourLegislator/leg-districts.html",
    "PA": "https://www.palegis.us/find-my-legislator",
    "SC": "https://www.scstatehouse.gov/legislatorssearch.php",
    "TX": "https://wrm.capitol.texas.gov/home",
    "UT": "https://le.utah.gov/GIS/findDistrict.jsp",
    "VA": "https://whosmy.virginiageneralassembly.gov/",
    "WA": "https://app.leg.wa.gov/districtfinder/",
    "WI": "https://maps.legis.wisconsin.gov/",
}

# Where the metadata's site is not the legislature's own (DC's is the city's portal).
LEGISLATURE_URLS = {"DC": "https://dccouncil.gov/"}


def _date(value: str):
    if value and len(value) == 10:
        return datetime.date.fromisoformat(value)
    return None


def _year(value: str):
    if value:
        return int(value[:4])
    return None


def law_defaults(abbr: str) -> dict:
    """PrivacyLaw field values for a state from letters/data/privacy_laws.py."""
    facts = LAWS.get(abbr)
    if facts is None:  # Puerto Rico: not researched
        return {
            "has_comprehensive_law": False,
            "notes": PUERTO_RICO_NOTE,
            "uncertain": PUERTO_RICO_NOTE,
            "as_of": AS_OF,
        }
    return {
        "has_comprehensive_law": facts["has_law"],
        "law_name": facts["law_name"],
        "short_name": facts["short_name"],
        "citation": facts["citation"],
        "signed_date": _date(facts["signed"]),
        "signed_year": _year(facts["signed"]),
        "effective_date": _date(facts["effective"]),
        "opt_out_of_sale": facts["sale"],
        "opt_out_of_targeted_ads": facts["targeted_ads"],
        "opt_out_of_profiling": facts["profiling"],
        "sensitive_data_opt_in": facts["sensitive_opt_in"],
        "private_right_of_action": facts["right_to_sue"],
        "epic_pirg_grade": facts["grade"],
        "ai_specific_law": facts["ai"],
        "training_data_disclosure": facts["training"],
        "notes": facts["notes"],
        "uncertain": facts["uncertain"],
        "sources": "\n".join(facts["sources"]),
        "as_of": AS_OF,
    }


def _echo(stdout, message):
    if stdout is not None:
        stdout.write(message)


@transaction.atomic
def load(stdout=None):
    """Create missing states (50 + DC + PR), their law facts and the default templates."""
    created_states = created_laws = created_templates = 0
    existing = {s.abbr: s for s in State.objects.all()}
    for abbr in legislatures.STATE_ABBRS:
        info = legislatures.jurisdiction(abbr)
        state = existing.get(abbr)
        if state is None:
            state = State.objects.create(
                abbr=abbr,
                name=info.name,
                fips=info.fips,
                legislature_name=info.legislature_name,
                legislature_url=LEGISLATURE_URLS.get(abbr, info.url),
                find_legislator_url=FIND_LEGISLATOR_URLS.get(
                    abbr, LEGISLATURE_URLS.get(abbr, info.url)
                ),
                unicameral=info.unicameral,
            )
            created_states += 1
        else:
            # Fill blanks only: organizer edits win.
            changed = []
            for field, value in (
                ("fips", info.fips),
                ("legislature_name", info.legislature_name),
                ("legislature_url", LEGISLATURE_URLS.get(abbr, info.url)),
                (
                    "find_legislator_url",
                    FIND_LEGISLATOR_URLS.get(
                        abbr, LEGISLATURE_URLS.get(abbr, info.url)
                    ),
                ),
            ):
                if not getattr(state, field) and value:
                    setattr(state, field, value)
                    changed.append(field)
            if changed:
                state.save(update_fields=changed)
        if not PrivacyLaw.objects.filter(state=state).exists():
            law = PrivacyLaw(state=state, **law_defaults(abbr))
            law.full_clean()
            law.save()
            created_laws += 1

    try:
        from .compose import default_templates
    except ImportError:  # the composer is not there yet
        default_templates = dict
    for kind, fields in default_templates().items():
        _, made = LetterTemplate.objects.get_or_create(kind=kind, defaults=fields)
        created_templates += int(made)

    _echo(
        stdout,
        f"Letters: {created_states} states, {created_laws} privacy-law records, "
        f"{created_templates} letter templates created.",
    )
