"""Seeded opt-out guides: one YAML file per guide in this folder, and their loader.

Each `<slug>.yaml` beside this module holds one guide as the project's research
found it: the platform's fields, its steps and its sources, plus `researched`,
the date its facts were checked (stored as the guide's `last_verified`). Files
whose name starts with `_` are ignored. Facts the research could not confirm
are flagged as unverified on the page (`unverified_note`, a step's
`unverified: true`).

`load()`, run by `manage.py load_content` (and so by `make run`), is
idempotent: it creates the guides whose slug is missing, with their steps and
sources, and never touches a guide that already exists, so organizer edits in
the admin survive. Editing a file therefore changes nothing for a guide that
is already in the database.

Every file is checked before anything is written: a file that is not valid
YAML, lacks a required key, has an unknown key or an unknown status,
difficulty or applies_to value raises `ContentError` naming the file and the
key. No file is skipped silently.
"""

import datetime
from pathlib import Path

import yaml
from django.db import transaction

from guides.models import (
    AppliesTo,
    Difficulty,
    GuideChange,
    GuideCheck,
    OptOutStatus,
    Platform,
    Source,
    Step,
)

FOLDER = Path(__file__).resolve().parent

# The keys of a guide file and the Python type each value must have.
REQUIRED_KEYS = {
    "slug": str,
    "name": str,
    "company": str,
    "status": str,
    "difficulty": str,
    "position": int,
    "researched": datetime.date,
    "summary": str,
    "opt_out_does": str,
    "opt_out_does_not": str,
    "region_notes": str,
    "steps": list,
    "sources": list,
}
# Optional keys and the value used when a file leaves them out.
OPTIONAL_KEYS = {
    "unverified_note": "",
    "email_to": "",
    "email_subject": "",
    "email_body": "",
    "changes": [],
}
STEP_REQUIRED_KEYS = {"text": str, "applies_to": str}
STEP_OPTIONAL_KEYS = {"deep_link": "", "unverified": False}
SOURCE_REQUIRED_KEYS = {"title": str, "url": str}
# `date`: the date printed on the source (or of the event it reports), if any.
SOURCE_OPTIONAL_KEYS = {"date": None}
# "What changed": dated lines, newest first, e.g. the day a region note changed.
CHANGE_REQUIRED_KEYS = {"date": datetime.date, "text": str}

# Allowed values, as stored in the database. A guide may leave difficulty empty.
CHOICES = {
    "status": OptOutStatus.values,
    "difficulty": ["", *Difficulty.values],
    "applies_to": AppliesTo.values,
}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(ValueError):
    """A guide file that cannot be loaded. The message names the file and the key."""


def _type_name(kind):
    return {
        str: "text (write '' for none)",
        int: "a whole number",
        bool: "true or false",
        list: "a list",
        datetime.date: "a date (YYYY-MM-DD)",
    }[kind]


def _has_type(value, kind):
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is datetime.date:
        # A YAML timestamp with a time of day is a datetime (a date subclass).
        return type(value) is datetime.date
    return isinstance(value, kind)


def _check_mapping(where, data, required, optional):
    """Check one mapping's keys and types; return it with optional keys filled in."""
    if not isinstance(data, dict):
        raise ContentError(f"{where}: expected a mapping of keys to values")
    unknown = sorted(set(data) - set(required) - set(optional), key=str)
    if unknown:
        raise ContentError(f"{where}: unknown key {unknown[0]!r}")
    for key in required:
        if key not in data:
            raise ContentError(f"{where}: missing required key {key!r}")
    checked = {**optional, **data}
    kinds = {**required, **{key: type(value) for key, value in optional.items()}}
    for key, kind in kinds.items():
        if kind is type(None):  # an optional date: None, or a date when given
            if checked[key] is not None and not _has_type(checked[key], datetime.date):
                raise ContentError(
                    f"{where}: key {key!r} must be {_type_name(datetime.date)}, "
                    f"not {checked[key]!r}"
                )
            continue
        if not _has_type(checked[key], kind):
            raise ContentError(
                f"{where}: key {key!r} must be {_type_name(kind)}, not {checked[key]!r}"
            )
        if key in CHOICES and checked[key] not in CHOICES[key]:
            allowed = ", ".join(repr(value) for value in CHOICES[key])
            raise ContentError(
                f"{where}: key {key!r} has unknown value {checked[key]!r} "
                f"(expected one of {allowed})"
            )
    return checked


def read_guide_file(path):
    """Parse and check one guide file; return its guide as a dict.

    Optional keys are filled in with their defaults, so every returned guide has
    the same keys; steps and sources are lists of dicts. Raises ContentError.
    """
    path = Path(path)
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ContentError(f"{name}: not valid YAML: {exc}") from exc
    guide = _check_mapping(name, data, REQUIRED_KEYS, OPTIONAL_KEYS)
    if guide["slug"] != path.stem:
        raise ContentError(
            f"{name}: key 'slug' is {guide['slug']!r} but must match the file name "
            f"({path.stem!r})"
        )
    guide["steps"] = [
        _check_mapping(
            f"{name}: steps[{index}]", step, STEP_REQUIRED_KEYS, STEP_OPTIONAL_KEYS
        )
        for index, step in enumerate(guide["steps"])
    ]
    guide["sources"] = [
        _check_mapping(
            f"{name}: sources[{index}]",
            source,
            SOURCE_REQUIRED_KEYS,
            SOURCE_OPTIONAL_KEYS,
        )
        for index, source in enumerate(guide["sources"])
    ]
    guide["changes"] = [
        _check_mapping(f"{name}: changes[{index}]", change, CHANGE_REQUIRED_KEYS, {})
        for index, change in enumerate(guide["changes"])
    ]
    dates = [change["date"] for change in guide["changes"]]
    if dates != sorted(dates, reverse=True):
        raise ContentError(f"{name}: key 'changes' must list the newest entry first")
    return guide


def guide_files(folder=None):
    """Every guide in `folder` (default: this package's folder), parsed and checked.

    Reads the `*.yaml` files in name order, skipping names that start with `_`,
    and returns the guides ordered by position (then slug), the order the guides
    page shows them in. Reads files only; raises ContentError for a bad file or
    a folder with no guide files.
    """
    folder = FOLDER if folder is None else Path(folder)
    paths = sorted(
        path for path in folder.glob("*.yaml") if not path.name.startswith("_")
    )
    if not paths:
        raise ContentError(f"{folder}: no guide files (*.yaml) found")
    guides = [read_guide_file(path) for path in paths]
    return sorted(guides, key=lambda guide: (guide["position"], guide["slug"]))


def __getattr__(name):
    # `PLATFORMS`: the parsed guides, read from the files when asked for.
    if name == "PLATFORMS":
        return guide_files()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


@transaction.atomic
def load(stdout=None, folder=None):
    """Create every seeded guide that does not exist yet; return how many were created.

    Reads and checks all guide files in `folder` (default: this package's folder)
    first, so a bad file raises ContentError before anything is written. Then, in
    one transaction, creates each guide whose slug is not in the database yet
    (published, `last_verified` set to its `researched` date) with its steps
    (order 10, 20, ...) and sources (order 1, 2, ...). Existing guides, whatever
    organizers changed in them, are left alone. When anything was created, the
    guides page cache is bumped. Writes one summary line to `stdout` if given.
    """
    guides = guide_files(folder)
    existing = set(Platform.objects.values_list("slug", flat=True))
    created = 0
    for data in guides:
        if data["slug"] in existing:
            continue
        platform = Platform.objects.create(
            slug=data["slug"],
            name=data["name"],
            company=data["company"],
            status=data["status"],
            difficulty=data["difficulty"],
            position=data["position"],
            summary=data["summary"],
            opt_out_does=data["opt_out_does"],
            opt_out_does_not=data["opt_out_does_not"],
            region_notes=data["region_notes"],
            unverified_note=data["unverified_note"],
            email_to=data["email_to"],
            email_subject=data["email_subject"],
            email_body=data["email_body"],
            last_verified=data["researched"],
            is_published=True,
        )
        Step.objects.bulk_create(
            Step(
                platform=platform,
                order=number * 10,
                text=step["text"],
                applies_to=step["applies_to"],
                deep_link=step["deep_link"],
                is_unverified=step["unverified"],
            )
            for number, step in enumerate(data["steps"], start=1)
        )
        Source.objects.bulk_create(
            Source(
                platform=platform,
                title=source["title"],
                url=source["url"],
                published_on=source["date"],
                order=number,
            )
            for number, source in enumerate(data["sources"], start=1)
        )
        GuideChange.objects.bulk_create(
            GuideChange(platform=platform, date=change["date"], text=change["text"])
            for change in data["changes"]
        )
        # The file's research date counts as the guide's first check.
        GuideCheck.objects.create(
            platform=platform,
            checked_on=data["researched"],
            kind=GuideCheck.Kind.RESEARCH,
            steps_checked=True,
            status_checked=True,
            sources_checked=True,
            note=f"Researched for guides/content/{data['slug']}.yaml.",
        )
        created += 1
    if created:
        # bulk_create sends no signals: drop cached guide pages ourselves.
        from guides.cache import guides_cache_bump

        guides_cache_bump()
    _say(
        stdout,
        f"Guides: {created} created, {len(guides) - created} already present.",
    )
    return created
