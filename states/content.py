"""Seeded states content: the 50 states, DC and Puerto Rico, and their law facts.

The privacy-law facts live in one YAML file per jurisdiction under `states/data/`
(see the README there); `law_files()` reads and checks them.

`load()` is idempotent: it creates what is missing and never overwrites what an
organizer may have edited (a State's fields are only filled when blank; an
existing PrivacyLaw is left alone).
"""

import datetime
import hashlib
import json
import re
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from . import legislatures
from .models import PrivacyLaw, RightToSue, State, Tristate

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


# The keys every states/data/<abbr>.yaml file has, in the order they are written.
LAW_FILE_KEYS = (
    "abbr",
    "as_of",
    "researched",
    "has_law",
    "law_name",
    "short_name",
    "citation",
    "signed",
    "effective",
    "sale",
    "targeted_ads",
    "profiling",
    "sensitive_opt_in",
    "right_to_sue",
    "enforced_by",
    "grade",
    "ai",
    "training",
    "letter_note",
    "notes",
    "uncertain",
    "sources",
)
TEXT_KEYS = (
    "law_name",
    "short_name",
    "citation",
    "enforced_by",
    "grade",
    "ai",
    "training",
    "letter_note",
    "notes",
    "uncertain",
)
# Allowed codes per key: the model's own choices.
CODE_KEYS = {
    "sale": Tristate.values,
    "targeted_ads": Tristate.values,
    "profiling": Tristate.values,
    "sensitive_opt_in": Tristate.values,
    "right_to_sue": RightToSue.values,
}
_YEAR = re.compile(r"\d{4}")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def law_folder() -> Path:
    """Where the per-jurisdiction privacy-law files are: states/data/."""
    return Path(settings.BASE_DIR) / "states" / "data"


def law_files(folder=None) -> dict[str, dict]:
    """Read and check every `<abbr>.yaml` in `folder` (default: states/data/).

    Returns {abbr: facts}, the facts keyed as in the files, with `as_of` and
    `effective` as dates (or None), `signed` as a date, a year (int, when only
    the year is known) or None, text stripped ("" when empty), and codes as
    strings. Raises ValueError naming the file and key when a file is not valid.
    """
    folder = Path(folder) if folder is not None else law_folder()
    if not folder.is_dir():
        raise ValueError(f"{folder}: no such folder of privacy-law files")
    laws = {}
    for path in sorted(folder.glob("*.yaml")):
        facts = _read_law_file(path)
        laws[facts["abbr"]] = facts
    return laws


def _read_law_file(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of keys to values")
    for key in LAW_FILE_KEYS:
        if key not in data:
            raise ValueError(f"{path}: missing required key {key!r}")
    unknown = sorted(str(key) for key in data if key not in LAW_FILE_KEYS)
    if unknown:
        raise ValueError(f"{path}: unknown key {unknown[0]!r}")

    def bad(key, expected):
        return ValueError(f"{path}: {key!r} is {data[key]!r}; expected {expected}")

    def date(key, expected):
        try:
            return _to_date(data[key])
        except ValueError:
            raise bad(key, expected) from None

    abbr = data["abbr"]
    if not isinstance(abbr, str) or abbr not in legislatures.STATE_ABBRS:
        raise bad("abbr", "the USPS code of a state, DC or PR, e.g. VA")
    if path.name != f"{abbr.lower()}.yaml":
        raise bad("abbr", f"the file name's code, {path.stem.upper()}")
    facts = {"abbr": abbr, "as_of": date("as_of", "a date, YYYY-MM-DD")}
    if facts["as_of"] is None:
        raise bad("as_of", "a date, YYYY-MM-DD")
    if not isinstance(data["researched"], bool):
        raise bad("researched", "true or false")
    facts["researched"] = data["researched"]
    if not isinstance(data["has_law"], bool):
        raise bad("has_law", "true or false")
    facts["has_law"] = data["has_law"]
    for key in TEXT_KEYS:
        value = "" if data[key] is None else data[key]
        if not isinstance(value, str):
            raise bad(key, "text")
        facts[key] = value.strip()

    # `signed` is a date, or only a year ("2024") when the day is uncertain.
    signed = data["signed"]
    if isinstance(signed, int | str) and _YEAR.fullmatch(str(signed).strip()):
        facts["signed"] = int(signed)
    else:
        facts["signed"] = date("signed", "YYYY-MM-DD, YYYY or ''")
    facts["effective"] = date("effective", "YYYY-MM-DD or ''")

    for key, codes in CODE_KEYS.items():
        value = data[key]
        if isinstance(value, bool):  # an unquoted yes/no is a YAML boolean
            value = "yes" if value else "no"
        if value not in codes:
            raise bad(key, "one of " + ", ".join(codes))
        facts[key] = value

    sources = data["sources"] if data["sources"] is not None else []
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise bad("sources", "a list of URLs")
    facts["sources"] = [s.strip() for s in sources if s.strip()]
    return {key: facts[key] for key in LAW_FILE_KEYS}


def _to_date(value) -> datetime.date | None:
    """A YAML date or YYYY-MM-DD text as a date; None when empty; else ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value.strip())
    raise ValueError(value)


def law_defaults(facts: dict) -> dict:
    """PrivacyLaw field values from one jurisdiction's facts (see law_files)."""
    signed = facts["signed"]
    return {
        "researched": facts["researched"],
        "has_comprehensive_law": facts["has_law"],
        "law_name": facts["law_name"],
        "short_name": facts["short_name"],
        "citation": facts["citation"],
        "signed_date": signed if isinstance(signed, datetime.date) else None,
        "signed_year": signed.year if isinstance(signed, datetime.date) else signed,
        "effective_date": facts["effective"],
        "opt_out_of_sale": facts["sale"],
        "opt_out_of_targeted_ads": facts["targeted_ads"],
        "opt_out_of_profiling": facts["profiling"],
        "sensitive_data_opt_in": facts["sensitive_opt_in"],
        "private_right_of_action": facts["right_to_sue"],
        "epic_pirg_grade": facts["grade"],
        "ai_specific_law": facts["ai"],
        "training_data_disclosure": facts["training"],
        "enforced_by": facts["enforced_by"],
        "letter_note": facts["letter_note"],
        "notes": facts["notes"],
        "uncertain": facts["uncertain"],
        "sources": "\n".join(facts["sources"]),
        "as_of": facts["as_of"],
    }


# A running site keeps the law rows it was seeded with. A row that still holds
# a previous shipped version of its file, field for field (nobody edited it),
# is brought up to the current file; an edited one is left alone and named.
# states/data/previous.json has, per jurisdiction, SHA-256 digests of the
# earlier versions over the fields those versions had (PREVIOUS_FIELDS).
PREVIOUS_FILE = "previous.json"


def _value_text(value) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").strip()


def law_digest(values: dict, fields) -> str:
    """SHA-256 over `fields` of `values` (a row's or law_defaults'), in order."""
    text = "\x1f".join(f"{field}={_value_text(values[field])}" for field in fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def law_previous_versions(folder=None) -> tuple[list, dict]:
    """(fields, {abbr: set of digests}) of earlier shipped versions of the files."""
    path = (Path(folder) if folder is not None else law_folder()) / PREVIOUS_FILE
    if not path.exists():
        return [], {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["fields"], {abbr: set(d) for abbr, d in data["digests"].items()}


def _row_values(law, fields) -> dict:
    return {field: getattr(law, field) for field in fields}


def laws_update_unedited(laws: dict, rows: dict) -> tuple[list, list]:
    """Bring unedited law rows up to their files; return (updated, edited) codes.

    `laws` is law_files(); `rows` is {abbr: PrivacyLaw}. A row equal to its
    file is neither. A row that differs is updated when it equals a previous
    shipped version (previous.json), else reported as edited and left alone.
    """
    previous_fields, previous = law_previous_versions()
    updated, edited = [], []
    for abbr, law in sorted(rows.items()):
        if abbr not in laws:
            continue
        current = law_defaults(laws[abbr])
        if _row_values(law, current) == current:
            continue
        digest = law_digest(_row_values(law, previous_fields), previous_fields)
        if previous_fields and digest in previous.get(abbr, ()):
            for field, value in current.items():
                setattr(law, field, value)
            law.full_clean()
            law.save()
            updated.append(abbr)
        else:
            edited.append(abbr)
    return updated, edited


# The Spanish texts of a state page: states/data/es/<abbr>.yaml key -> field.
SPANISH_FIELDS = {
    "ai": "ai_specific_law_es",
    "training": "training_data_disclosure_es",
    "notes": "notes_es",
    "uncertain": "uncertain_es",
    "translated_from": "es_translated_from",
}


def spanish_values(data: dict) -> dict:
    """PrivacyLaw Spanish field values from one states/data/es/<abbr>.yaml."""
    values = {}
    for key, field in SPANISH_FIELDS.items():
        value = data.get(key)
        if key == "translated_from":
            values[field] = _to_date(value)
        else:
            values[field] = "" if value is None else str(value).strip()
    return values


def spanish_files(folder=None) -> dict[str, dict]:
    """{abbr: Spanish field values} of every states/data/es/<abbr>.yaml."""
    folder = Path(folder) if folder is not None else law_folder() / "es"
    files = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
        files[str(data.get("abbr") or path.stem).upper()] = spanish_values(data)
    return files


def laws_load_spanish(rows: dict, folder=None) -> tuple[list, list]:
    """Bring the Spanish files to the law rows; return (written, edited) codes.

    Like the English (laws_update_unedited), an organizer's edit wins: a row
    whose Spanish was changed in the admin since it was last loaded (its
    Spanish no longer matches `es_file_digest`) is left alone and named. A row
    never loaded (no digest, no Spanish) or unchanged since is written.
    """
    fields = list(SPANISH_FIELDS.values())
    written, edited = [], []
    for abbr, values in sorted(spanish_files(folder).items()):
        law = rows.get(abbr)
        if law is None:
            continue
        file_digest = law_digest(values, fields)
        if file_digest == law.es_file_digest:
            continue
        current = _row_values(law, fields)
        never_loaded = not law.es_file_digest and not any(current.values())
        if never_loaded or law_digest(current, fields) == law.es_file_digest:
            for field, value in values.items():
                setattr(law, field, value)
            law.es_file_digest = file_digest
            law.save(update_fields=[*fields, "es_file_digest", "updated_at"])
            written.append(abbr)
        else:
            edited.append(abbr)
    return written, edited


@transaction.atomic
def load(result=None):
    """Create missing states (50 + DC + PR) and their law facts.

    Returns (states created, privacy-law records created). Fills a blank
    State field from openstates-metadata; never changes an edited one.
    Law rows nobody edited are brought up to their files (laws_update_unedited);
    pass a dict as `result` to get the codes under "laws_updated" and
    "laws_edited".
    """
    created_states = created_laws = 0
    laws = law_files()
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
            if abbr not in laws:
                raise ValueError(
                    f"{law_folder() / (abbr.lower() + '.yaml')}: missing; "
                    f"every state, DC and PR needs a privacy-law file"
                )
            law = PrivacyLaw(state=state, **law_defaults(laws[abbr]))
            law.full_clean()
            law.save()
            created_laws += 1
    rows = {
        law.state.abbr: law
        for law in PrivacyLaw.objects.select_related("state").order_by()
    }
    updated, edited = laws_update_unedited(laws, rows)
    es_written, es_edited = laws_load_spanish(rows)
    if result is not None:
        result["laws_updated"], result["laws_edited"] = updated, edited
        result["laws_es_written"], result["laws_es_edited"] = es_written, es_edited
    return created_states, created_laws
