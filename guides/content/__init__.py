"""Seeded opt-out guides: one YAML file per guide in this folder, and their loader.

Each `<slug>.yaml` beside this module holds one guide as the project's research
found it: the platform's fields, its steps and its sources, plus `researched`,
the date its facts were checked (recorded as a research check, so the
guide's `last_verified`). Files
whose name starts with `_` are ignored. Facts the research could not confirm
are flagged as unverified on the page (`unverified_note`, a step's
`unverified: true`).

`load()`, run by `manage.py load_content` (and so by every deploy), brings
the files to a running site without losing organizer work: a new slug is
created; a guide whose file changed since it was last loaded is updated from
the file, unless an organizer edited it in the admin since, in which case it
is left alone and reported with a diff to merge by hand. Whether a guide was
edited is told by digests (`content_digest`) stored on the guide at each load;
`_previous.yaml` lists the digests of the versions shipped before digests
were stored, so guides loaded by the old loader can be updated too. Re-running
is harmless; `load(dry_run=True)` (`load_content --dry-run`) writes nothing.

Every file is checked before anything is written: a file that is not valid
YAML, lacks a required key, has an unknown key or an unknown status,
difficulty or applies_to value raises `ContentError` naming the file and the
key. No file is skipped silently.
"""

import datetime
import difflib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Prefetch

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
# Spanish texts of the guides: es/<slug>.yaml (format in es/README.md).
SPANISH_FOLDER = "es"

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


def _yaml_read(path, name):
    """The YAML in `path`; ContentError naming the file (`name`) if it is not
    valid YAML."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ContentError(f"{name}: not valid YAML: {exc}") from exc


def read_guide_file(path):
    """Parse and check one guide file; return its guide as a dict.

    Optional keys are filled in with their defaults, so every returned guide has
    the same keys; steps and sources are lists of dicts. Raises ContentError.
    """
    path = Path(path)
    name = path.name
    data = _yaml_read(path, name)
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


# --- digests: what was loaded, and whether an organizer edited it since -------

# The guide fields a file sets (besides the slug, which names the guide).
CONTENT_FIELDS = [
    "name",
    "company",
    "status",
    "difficulty",
    "position",
    "summary",
    "opt_out_does",
    "opt_out_does_not",
    "region_notes",
    "unverified_note",
    "email_to",
    "email_subject",
    "email_body",
]
PREVIOUS_FILE = "_previous.yaml"


def content_of_file(data):
    """The canonical content of a parsed guide file (see `content_digest`)."""
    return {
        "fields": {name: data[name] for name in CONTENT_FIELDS},
        "steps": [
            {
                "text": step["text"],
                "applies_to": step["applies_to"],
                "deep_link": step["deep_link"],
                "unverified": step["unverified"],
            }
            for step in data["steps"]
        ],
        "sources": [
            {
                "title": source["title"],
                "url": source["url"],
                "date": source["date"].isoformat() if source["date"] else None,
            }
            for source in data["sources"]
        ],
    }


def content_of_platform(platform, steps=None, sources=None):
    """The same canonical content, read from a guide in the database.

    `steps` and `sources` default to the platform's own, in page order.
    """
    if steps is None:
        steps = platform.steps.order_by("order", "id")
    if sources is None:
        sources = platform.sources.order_by("order", "id")
    return {
        "fields": {name: getattr(platform, name) for name in CONTENT_FIELDS},
        "steps": [
            {
                "text": step.text,
                "applies_to": step.applies_to,
                "deep_link": step.deep_link,
                "unverified": step.is_unverified,
            }
            for step in steps
        ],
        "sources": [
            {
                "title": source.title,
                "url": source.url,
                "date": source.published_on.isoformat()
                if source.published_on
                else None,
            }
            for source in sources
        ],
    }


def content_digest(content):
    """sha256 of a canonical JSON of `content_of_file(...)`/`content_of_platform(...)`.

    One function for both, so a guide loaded from a file and not edited since
    has the file's digest.
    """
    text = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def previous_digests(folder=None):
    """{slug: set of digests} of the guide versions shipped before digests were
    stored (`_previous.yaml` in `folder`; empty when there is no such file)."""
    folder = FOLDER if folder is None else Path(folder)
    path = folder / PREVIOUS_FILE
    if not path.exists():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise ContentError(f"{PREVIOUS_FILE}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not all(
        isinstance(digests, list) for digests in data.values()
    ):
        raise ContentError(f"{PREVIOUS_FILE}: expected slug: [digest, ...] entries")
    return {slug: set(digests) for slug, digests in data.items()}


# --- comparing a guide with its file ------------------------------------------


def _step_line(step):
    line = f"[{step['applies_to']}] {step['text']}"
    if step["deep_link"]:
        line += f" <{step['deep_link']}>"
    if step["unverified"]:
        line += " (unverified)"
    return line


def _source_line(source):
    line = f"{source['title']} <{source['url']}>"
    if source["date"]:
        line += f" ({source['date']})"
    return line


def _lines(value):
    return str(value).splitlines() or [""]


def content_diff(slug, database, file):
    """A unified diff per field, then of the steps and of the sources, from the
    guide as it is in the database to its file. "" when they are the same."""
    parts = []

    def diff(name, old, new):
        if old != new:
            parts.extend(
                difflib.unified_diff(
                    old,
                    new,
                    fromfile=f"{slug} {name} (database)",
                    tofile=f"{slug} {name} ({slug}.yaml)",
                    lineterm="",
                )
            )

    for name in CONTENT_FIELDS:
        diff(name, _lines(database["fields"][name]), _lines(file["fields"][name]))
    diff(
        "steps",
        [_step_line(step) for step in database["steps"]],
        [_step_line(step) for step in file["steps"]],
    )
    diff(
        "sources",
        [_source_line(source) for source in database["sources"]],
        [_source_line(source) for source in file["sources"]],
    )
    return "\n".join(parts)


def _changed_parts(database, file):
    parts = [
        name
        for name in CONTENT_FIELDS
        if database["fields"][name] != file["fields"][name]
    ]
    parts += [name for name in ("steps", "sources") if database[name] != file[name]]
    return parts


# --- the plan: what loading would do, computed without writing ----------------


@dataclass
class GuidePlan:
    """What `load` does with one guide file."""

    CREATE = "created"
    UPDATE = "updated"
    LEAVE = "left alone"
    UNCHANGED = "unchanged"

    action: str
    data: dict
    file_digest: str
    platform: Platform | None = None
    changed: list = field(default_factory=list)  # fields, "steps", "sources"
    new_changes: list = field(default_factory=list)  # (date, text)
    new_check: datetime.date | None = None  # a research check to add
    diff: str = ""
    # Only the stored digests need writing (content already matches the file).
    adopt: bool = False

    @property
    def slug(self):
        return self.data["slug"]


@dataclass
class LoadReport:
    plans: list
    dry_run: bool = False

    def count(self, action):
        return sum(1 for plan in self.plans if plan.action == action)

    @property
    def created(self):
        return self.count(GuidePlan.CREATE)

    @property
    def updated(self):
        return self.count(GuidePlan.UPDATE)

    @property
    def left_alone(self):
        return self.count(GuidePlan.LEAVE)

    @property
    def unchanged(self):
        return self.count(GuidePlan.UNCHANGED)

    def lines(self):
        """One line per updated or left-alone guide (the latter with its diff),
        then the summary line."""
        would = "would be " if self.dry_run else ""
        out = []
        for plan in self.plans:
            if plan.action == GuidePlan.UPDATE:
                what = []
                if plan.changed:
                    what.append("changed: " + ", ".join(plan.changed))
                if plan.new_changes:
                    what.append(f"{len(plan.new_changes)} new 'What changed' line(s)")
                if plan.new_check:
                    what.append(f"research check of {plan.new_check.isoformat()}")
                out.append(
                    f"Guide {plan.slug}: {would}updated from {plan.slug}.yaml "
                    f"({'; '.join(what)})."
                )
            elif plan.action == GuidePlan.LEAVE:
                out.append(
                    f"Guide {plan.slug}: {would}left alone: edited in the admin since "
                    f"it was loaded, and {plan.slug}.yaml changed. Merge by hand "
                    f"({', '.join(plan.changed)} differ):"
                )
                out.append(plan.diff)
        present = len(self.plans) - self.created
        summary = f"Guides: {self.created} created, {present} already present."
        if self.dry_run:
            summary = (
                f"Guides (dry run, nothing written): {self.created} would be "
                f"created, {present} already present."
            )
        if self.updated or self.left_alone:
            summary += (
                f" Of those: {self.updated} {would}updated, {self.left_alone} left "
                f"alone (edited in the admin), {self.unchanged} unchanged."
            )
        out.append(summary)
        return out


def _plan_existing(data, platform, file_digest, previous):
    file = content_of_file(data)
    database = content_of_platform(
        platform, list(platform.steps.all()), list(platform.sources.all())
    )
    db_digest = content_digest(database)
    if platform.content_db_digest:
        edited = db_digest != platform.content_db_digest
        file_changed = file_digest != platform.content_file_digest
    else:
        # Loaded before digests were stored: unedited if it is exactly one of
        # the versions the project shipped then (_previous.yaml).
        edited = db_digest not in previous.get(data["slug"], ())
        file_changed = True
    plan = GuidePlan(
        action=GuidePlan.UNCHANGED,
        data=data,
        file_digest=file_digest,
        platform=platform,
        changed=_changed_parts(database, file),
    )
    if not file_changed:
        return plan  # organizer edits, if any, stay; nothing new in the file
    if db_digest == file_digest:
        # Already what the file says (edited to match, or an old load of the
        # same words): nothing to lose; remember the digests from now on.
        plan.adopt = True
        edited = False
    if edited:
        plan.action = GuidePlan.LEAVE
        plan.diff = content_diff(data["slug"], database, file)
        return plan
    known = {(change.date, change.text) for change in platform.changes.all()}
    plan.new_changes = [
        (change["date"], change["text"])
        for change in reversed(data["changes"])
        if (change["date"], change["text"]) not in known
    ]
    latest = max((check.checked_on for check in platform.checks.all()), default=None)
    if latest is None or data["researched"] > latest:
        plan.new_check = data["researched"]
    if plan.changed or plan.new_changes or plan.new_check:
        plan.action = GuidePlan.UPDATE
    return plan


def plan(folder=None):
    """What `load` would do with every guide file in `folder`, writing nothing.

    Reads and checks all files first (ContentError for a bad one). Per file:
    created (a new slug); updated (the file changed since it was loaded and
    nobody edited the guide in the admin since); left alone with a diff (both
    changed: merge by hand); unchanged. Returns a LoadReport.
    """
    guides = guide_files(folder)
    previous = previous_digests(folder)
    platforms = {
        platform.slug: platform
        for platform in Platform.objects.filter(
            slug__in=[data["slug"] for data in guides]
        ).prefetch_related(
            Prefetch("steps", queryset=Step.objects.order_by("order", "id")),
            Prefetch("sources", queryset=Source.objects.order_by("order", "id")),
            "changes",
            "checks",
        )
    }
    plans = []
    for data in guides:
        file_digest = content_digest(content_of_file(data))
        platform = platforms.get(data["slug"])
        if platform is None:
            plans.append(GuidePlan(GuidePlan.CREATE, data, file_digest))
        else:
            plans.append(_plan_existing(data, platform, file_digest, previous))
    return LoadReport(plans)


# --- Spanish texts (es/<slug>.yaml) ------------------------------------------

ES_REQUIRED_KEYS = {
    "slug": str,
    "translated_from": datetime.date,
    "summary": str,
    "opt_out_does": str,
    "opt_out_does_not": str,
    "region_notes": str,
    "steps": list,
    "changes": list,
}
ES_OPTIONAL_KEYS = {"unverified_note": "", "email_note": ""}
# Spanish file key -> Platform field.
ES_FIELDS = {
    "summary": "summary_es",
    "opt_out_does": "opt_out_does_es",
    "opt_out_does_not": "opt_out_does_not_es",
    "region_notes": "region_notes_es",
    "unverified_note": "unverified_note_es",
    "email_note": "email_note_es",
}


def read_spanish_file(path, english):
    """Parse and check one es/<slug>.yaml against its English guide (a dict
    from read_guide_file); return it as a dict. Raises ContentError when a key
    is missing or unknown, or the steps or changes do not match the English
    in number (the Spanish is read by position)."""
    path = Path(path)
    name = f"es/{path.name}"
    data = _yaml_read(path, name)
    spanish = _check_mapping(name, data, ES_REQUIRED_KEYS, ES_OPTIONAL_KEYS)
    if spanish["slug"] != path.stem:
        raise ContentError(f"{name}: key 'slug' must match the file name")
    for key in ("steps", "changes"):
        items = [
            _check_mapping(f"{name}: {key}[{index}]", item, {"text": str}, {})
            for index, item in enumerate(spanish[key])
        ]
        if len(items) != len(english[key]):
            raise ContentError(
                f"{name}: key {key!r} has {len(items)} entries but the English "
                f"guide has {len(english[key])}"
            )
        spanish[key] = [item["text"] for item in items]
    return spanish


def spanish_files(guides, folder=None):
    """{slug: Spanish dict} for the guides that have an es/<slug>.yaml."""
    folder = (FOLDER if folder is None else Path(folder)) / SPANISH_FOLDER
    out = {}
    for english in guides:
        path = folder / f"{english['slug']}.yaml"
        if path.exists():
            out[english["slug"]] = read_spanish_file(path, english)
    return out


def spanish_of_file(spanish):
    """The canonical Spanish content of a file (see `spanish_of_platform`)."""
    return {
        "fields": {field: spanish[key] for key, field in ES_FIELDS.items()},
        "translated_from": spanish["translated_from"].isoformat(),
        "steps": list(spanish["steps"]),
        "changes": list(spanish["changes"]),
    }


def spanish_of_platform(platform, steps, changes):
    """The Spanish content of a guide in the database: its Spanish fields, the
    Spanish of its steps in page order and of its "What changed" lines in the
    order of the English file (`changes`: GuideChange rows in that order)."""
    day = platform.es_translated_from
    return {
        "fields": {field: getattr(platform, field) for field in ES_FIELDS.values()},
        "translated_from": day.isoformat() if day else None,
        "steps": [step.text_es for step in steps],
        "changes": [change.text_es if change else "" for change in changes],
    }


def _changes_in_file_order(platform, english):
    rows = {(row.date, row.text): row for row in platform.changes.all()}
    return [rows.get((change["date"], change["text"])) for change in english["changes"]]


def load_spanish(guides, folder=None, dry_run=False, stale=()):
    """Bring es/<slug>.yaml to the guides (after the English is loaded).

    A Spanish file that changed since it was last loaded is written (the
    Spanish fields, `es_translated_from`, each step's and "What changed"
    line's `text_es`, by position) unless an organizer edited the Spanish in
    the admin since: then it is left alone and reported. Also records each
    guide's English `researched` date (`researched_on`), which tells whether
    the Spanish is out of date; not for the slugs in `stale`, guides whose
    English was left alone (edited in the admin). Returns how many guides' Spanish was written
    and the lines to print (none when nothing was written or left alone).
    """
    spanish = spanish_files(guides, folder)
    platforms = {
        platform.slug: platform
        for platform in Platform.objects.filter(
            slug__in=[data["slug"] for data in guides]
        ).prefetch_related(
            Prefetch("steps", queryset=Step.objects.order_by("order", "id")),
            "changes",
        )
    }
    written, left = 0, []
    for english in guides:
        platform = platforms.get(english["slug"])
        if platform is None:  # a dry run's new guide
            continue
        current = english["slug"] not in stale
        if current and platform.researched_on != english["researched"] and not dry_run:
            platform.researched_on = english["researched"]
            platform.save(update_fields=["researched_on"])
        data = spanish.get(english["slug"])
        if data is None:
            continue
        steps = list(platform.steps.all())
        changes = _changes_in_file_order(platform, english)
        file_content = spanish_of_file(data)
        file_digest = content_digest(file_content)
        if file_digest == platform.content_es_file_digest:
            continue
        db_content = spanish_of_platform(platform, steps, changes)
        db_digest = content_digest(db_content)
        edited = (
            bool(platform.content_es_db_digest)
            and db_digest != platform.content_es_db_digest
            and db_digest != file_digest
        )
        if edited:
            left.append(english["slug"])
            continue
        written += 1
        if dry_run:
            continue
        for key, name in ES_FIELDS.items():
            setattr(platform, name, data[key])
        platform.es_translated_from = data["translated_from"]
        if len(steps) == len(data["steps"]):
            for step, text in zip(steps, data["steps"], strict=True):
                step.text_es = text
            Step.objects.bulk_update(steps, ["text_es"])
        present = [
            (row, text)
            for row, text in zip(changes, data["changes"], strict=True)
            if row is not None
        ]
        for row, text in present:
            row.text_es = text
        GuideChange.objects.bulk_update([row for row, _ in present], ["text_es"])
        platform.content_es_file_digest = file_digest
        platform.content_es_db_digest = content_digest(
            spanish_of_platform(platform, steps, changes)
        )
        platform.save(
            update_fields=[
                *ES_FIELDS.values(),
                "es_translated_from",
                "content_es_file_digest",
                "content_es_db_digest",
            ]
        )
    would = "would be " if dry_run else ""
    lines = [
        f"Guide {slug}: Spanish {would}left alone: edited in the admin since "
        f"it was loaded, and es/{slug}.yaml changed. Merge by hand."
        for slug in left
    ]
    if written or left:
        lines.append(
            f"Spanish guide texts: {written} {would}written, {len(left)} left alone, "
            f"{len(guides) - len(spanish)} without a Spanish file."
        )
    return written, lines


# --- writing -----------------------------------------------------------------


def _set_fields(platform, data):
    for name in CONTENT_FIELDS:
        setattr(platform, name, data[name])


def _write_steps(platform, data, existing):
    """Make the guide's steps the file's, reusing rows in order (so reader
    reports and progress keep pointing at the same step ids where they can)."""
    _write_rows(
        Step,
        platform,
        existing,
        [
            {
                "order": number * 10,
                "text": step["text"],
                "applies_to": step["applies_to"],
                "deep_link": step["deep_link"],
                "is_unverified": step["unverified"],
            }
            for number, step in enumerate(data["steps"], start=1)
        ],
    )


def _write_sources(platform, data, existing):
    _write_rows(
        Source,
        platform,
        existing,
        [
            {
                "order": number,
                "title": source["title"],
                "url": source["url"],
                "published_on": source["date"],
            }
            for number, source in enumerate(data["sources"], start=1)
        ],
    )


def _write_rows(model, platform, existing, rows):
    """Rewrite `existing` rows in place with `rows` (dicts of field values), then
    create the extra ones or delete the rows left over, in three queries at most."""
    keep = existing[: len(rows)]
    for row, values in zip(keep, rows, strict=False):
        for name, value in values.items():
            setattr(row, name, value)
    if keep:
        model.objects.bulk_update(keep, list(rows[0]))
    model.objects.bulk_create(
        model(platform=platform, **values) for values in rows[len(keep) :]
    )
    model.objects.filter(pk__in=[row.pk for row in existing[len(rows) :]]).delete()


def _research_check(platform, data, day):
    # Through the shared helper, so last_verified stays the latest check's date.
    from guides.services import guide_check_add

    guide_check_add(
        check=GuideCheck(
            platform=platform,
            checked_on=day,
            kind=GuideCheck.Kind.RESEARCH,
            steps_checked=True,
            status_checked=True,
            sources_checked=True,
            note=f"Researched for guides/content/{data['slug']}.yaml.",
        )
    )


def _store_digests(platform, file_digest):
    platform.content_file_digest = file_digest
    platform.content_db_digest = content_digest(content_of_platform(platform))
    platform.save(update_fields=["content_file_digest", "content_db_digest"])


def _create(plan):
    data = plan.data
    platform = Platform(slug=data["slug"], is_published=True)
    _set_fields(platform, data)
    platform.save()
    _write_steps(platform, data, [])
    _write_sources(platform, data, [])
    GuideChange.objects.bulk_create(
        GuideChange(platform=platform, date=change["date"], text=change["text"])
        for change in data["changes"]
    )
    # The file's research date counts as the guide's first check.
    _research_check(platform, data, data["researched"])
    _store_digests(platform, plan.file_digest)


def _update(plan):
    platform, data = plan.platform, plan.data
    if plan.changed:
        _set_fields(platform, data)
        platform.save()
        _write_steps(platform, data, list(platform.steps.all()))
        _write_sources(platform, data, list(platform.sources.all()))
    GuideChange.objects.bulk_create(
        GuideChange(platform=platform, date=day, text=text)
        for day, text in plan.new_changes
    )
    if plan.new_check:
        _research_check(platform, data, plan.new_check)
    _store_digests(platform, plan.file_digest)


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def load(stdout=None, folder=None, dry_run=False):
    """Bring the guide files in `folder` (default: this package's folder) to the
    database; return how many guides were created.

    Reads and checks all files first, so a bad file raises ContentError before
    anything is written. Then, in one transaction:

    - a new slug is created (published) with its steps (order 10, 20, ...),
      sources (order 1, 2, ...), "What changed" lines and its `researched`
      date as the first check;
    - a guide whose file changed since it was loaded, and that nobody edited in
      the admin since, is updated from the file (fields, steps and sources; new
      "What changed" lines; a research check when `researched` is newer than
      the latest check);
    - a guide edited in the admin since it was loaded, whose file changed too,
      is left alone and reported with a diff, to merge by hand;
    - the rest is unchanged.

    "Edited since" compares the guide's digest with the one stored when it was
    last loaded (`content_db_digest`); guides loaded before digests were
    stored count as unedited when they match a version in `_previous.yaml`.
    With `dry_run`, says what would happen and writes nothing. Writes one line
    per updated or left-alone guide and a summary line to `stdout` if given.
    """
    report = plan(folder)
    report.dry_run = dry_run
    left = {item.slug for item in report.plans if item.action == GuidePlan.LEAVE}
    if not dry_run:
        with transaction.atomic():
            for item in report.plans:
                if item.action == GuidePlan.CREATE:
                    _create(item)
                elif item.action == GuidePlan.UPDATE:
                    _update(item)
                elif item.adopt:
                    _store_digests(item.platform, item.file_digest)
            spanish_written, spanish_lines = load_spanish(
                [item.data for item in report.plans], folder=folder, stale=left
            )
        if report.created or report.updated or spanish_written:
            # bulk writes send no signals: drop cached guide pages ourselves.
            from guides.cache import guides_cache_bump

            guides_cache_bump()
    else:
        _written, spanish_lines = load_spanish(
            [item.data for item in report.plans], folder=folder, dry_run=True
        )
    _say(stdout, "\n".join(report.lines() + spanish_lines))
    return report.created
