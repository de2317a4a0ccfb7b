"""`load_content` on a running site: new and changed guide files arrive, and
organizer edits made in the admin are never overwritten (they are reported)."""

import datetime
import io
import re

import pytest
import yaml
from django.core.management import call_command

from guides import content
from guides.cache import guides_cache_version
from guides.models import GuideChange, GuideCheck, GuideReport, Platform, Source, Step

pytestmark = pytest.mark.django_db

RESEARCHED = datetime.date(2025, 6, 30)


def guide(slug="example", **changes):
    data = {
        "slug": slug,
        "name": slug.title(),
        "company": "Example Inc.",
        "status": "setting",
        "difficulty": "easy",
        "position": 10,
        "researched": RESEARCHED,
        "summary": f"{slug.title()} trains AI on your posts.",
        "opt_out_does": "Stops future training.",
        "opt_out_does_not": "Does not undo past training.",
        "region_notes": "",
        "steps": [
            {"text": "Open Settings.", "applies_to": "all"},
            {
                "text": "Turn off training.",
                "applies_to": "web",
                "deep_link": "https://example.com/settings",
                "unverified": True,
            },
        ],
        "sources": [
            {
                "title": "Help page",
                "url": "https://example.com/help",
                "date": datetime.date(2025, 5, 1),
            }
        ],
        "changes": [{"date": datetime.date(2025, 6, 1), "text": "First written."}],
    }
    data.update(changes)
    return data


def changed_file(slug="example"):
    """The same guide, revised: a new summary, a reworded and an added step,
    a new "What changed" line and a newer research date."""
    data = guide(slug)
    data["summary"] = "Changed in the file."
    data["steps"] = [
        {"text": "Open Settings and Privacy.", "applies_to": "all"},
        data["steps"][1],
        {"text": "Save.", "applies_to": "all"},
    ]
    data["changes"] = [
        {"date": datetime.date(2025, 9, 1), "text": "The setting moved."},
        *data["changes"],
    ]
    data["researched"] = datetime.date(2025, 9, 2)
    return data


def write(folder, data):
    path = folder / f"{data['slug']}.yaml"
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return path


def load(folder, **kwargs):
    out = io.StringIO()
    created = content.load(stdout=out, folder=folder, **kwargs)
    return created, out.getvalue()


def db_digest(platform):
    return content.content_digest(content.content_of_platform(platform))


def snapshot():
    """Everything the loader may write, to prove a dry run wrote nothing."""
    return (
        list(Platform.objects.order_by("pk").values()),
        list(Step.objects.order_by("pk").values()),
        list(Source.objects.order_by("pk").values()),
        list(GuideChange.objects.order_by("pk").values()),
        list(GuideCheck.objects.order_by("pk").values()),
    )


def organizer_edit(platform):
    platform.summary = "Edited by an organizer."
    platform.save()
    step = platform.steps.get(order=10)
    step.text = "Open the app's Settings."
    step.save()


def test_a_new_file_is_created_with_matching_digests(tmp_path):
    write(tmp_path, guide())
    assert load(tmp_path) == (1, "Guides: 1 created, 0 already present.")
    platform = Platform.objects.get(slug="example")
    file_digest = content.content_digest(
        content.content_of_file(content.read_guide_file(tmp_path / "example.yaml"))
    )
    # One digest function: the freshly loaded guide is exactly its file.
    assert platform.content_file_digest == file_digest
    assert platform.content_db_digest == db_digest(platform) == file_digest
    assert platform.sources.get().published_on == datetime.date(2025, 5, 1)
    assert list(platform.checks.values_list("kind", "checked_on")) == [
        ("research", RESEARCHED)
    ]
    assert platform.last_verified == RESEARCHED


def test_a_changed_file_updates_an_unedited_guide(tmp_path, client):
    write(tmp_path, guide())
    load(tmp_path)
    platform = Platform.objects.get(slug="example")
    kept = platform.steps.get(order=20)
    report = GuideReport.objects.create(
        platform=platform, step=kept, description="Turned off already."
    )
    client.get("/guides/example/")  # cached with the old words
    version = guides_cache_version()

    write(tmp_path, changed_file())
    created, out = load(tmp_path)

    assert created == 0
    assert out.splitlines() == [
        "Guide example: updated from example.yaml (changed: summary, steps; "
        "1 new 'What changed' line(s); research check of 2025-09-02).",
        "Guides: 0 created, 1 already present. "
        "Of those: 1 updated, 0 left alone (edited in the admin), 0 unchanged.",
    ]
    platform.refresh_from_db()
    assert platform.summary == "Changed in the file."
    assert list(platform.steps.values_list("order", "text")) == [
        (10, "Open Settings and Privacy."),
        (20, "Turn off training."),
        (30, "Save."),
    ]
    # Steps are updated in place: the report still points at the same step.
    report.refresh_from_db()
    assert report.step_id == kept.pk
    assert list(platform.changes.values_list("date", "text")) == [
        (datetime.date(2025, 9, 1), "The setting moved."),
        (datetime.date(2025, 6, 1), "First written."),
    ]
    assert list(platform.checks.values_list("kind", "checked_on")) == [
        ("research", datetime.date(2025, 9, 2)),
        ("research", RESEARCHED),
    ]
    assert platform.last_verified == datetime.date(2025, 9, 2)
    assert platform.content_db_digest == db_digest(platform)
    assert platform.content_file_digest == platform.content_db_digest
    assert guides_cache_version() != version
    assert "Changed in the file." in client.get("/guides/example/").content.decode()

    # Running again changes nothing.
    version = guides_cache_version()
    before = snapshot()
    assert load(tmp_path) == (0, "Guides: 0 created, 1 already present.")
    assert snapshot() == before
    assert guides_cache_version() == version


def test_an_edited_guide_is_left_alone_and_the_diff_reported(tmp_path):
    write(tmp_path, guide())
    load(tmp_path)
    platform = Platform.objects.get(slug="example")
    organizer_edit(platform)
    before = snapshot()

    write(tmp_path, changed_file())
    created, out = load(tmp_path)

    assert created == 0
    assert snapshot() == before
    lines = out.splitlines()
    assert lines[0] == (
        "Guide example: left alone: edited in the admin since it was loaded, and "
        "example.yaml changed. Merge by hand (summary, steps differ):"
    )
    assert lines[-1] == (
        "Guides: 0 created, 1 already present. "
        "Of those: 0 updated, 1 left alone (edited in the admin), 0 unchanged."
    )
    # A unified diff per field, from the database to the file.
    assert "--- example summary (database)" in lines
    assert "+++ example summary (example.yaml)" in lines
    assert "-Edited by an organizer." in lines
    assert "+Changed in the file." in lines
    assert "--- example steps (database)" in lines
    assert "-[all] Open the app's Settings." in lines
    assert "+[all] Open Settings and Privacy." in lines
    assert "+[all] Save." in lines
    assert " [web] Turn off training. <https://example.com/settings> (unverified)" in (
        lines
    )
    assert "sources (database)" not in out  # the same on both sides

    # Still reported on the next run, and still left alone.
    assert "left alone" in load(tmp_path)[1]
    assert snapshot() == before


def test_an_edit_without_a_file_change_is_kept_quietly(tmp_path):
    write(tmp_path, guide())
    load(tmp_path)
    organizer_edit(Platform.objects.get(slug="example"))
    before = snapshot()
    assert load(tmp_path) == (0, "Guides: 0 created, 1 already present.")
    assert snapshot() == before


def test_dry_run_says_what_would_happen_and_writes_nothing(tmp_path):
    write(tmp_path, guide("unedited"))
    write(tmp_path, guide("edited"))
    write(tmp_path, guide("same"))
    load(tmp_path)
    organizer_edit(Platform.objects.get(slug="edited"))
    write(tmp_path, changed_file("unedited"))
    write(tmp_path, changed_file("edited"))
    write(tmp_path, guide("newcomer"))
    before = snapshot()
    version = guides_cache_version()

    created, out = load(tmp_path, dry_run=True)

    assert created == 1  # would be created
    assert snapshot() == before
    assert guides_cache_version() == version
    assert "Guide unedited: would be updated from unedited.yaml" in out
    assert "Guide edited: would be left alone" in out
    assert "-Edited by an organizer." in out and "+Changed in the file." in out
    assert "Guide same" not in out and "Guide newcomer" not in out
    assert out.splitlines()[-1] == (
        "Guides (dry run, nothing written): 1 would be created, 3 already present. "
        "Of those: 1 would be updated, 1 left alone (edited in the admin), "
        "1 unchanged."
    )


def test_load_content_dry_run_command_writes_nothing(tmp_path, monkeypatch):
    write(tmp_path, guide("unedited"))
    write(tmp_path, guide("edited"))
    load(tmp_path)
    organizer_edit(Platform.objects.get(slug="edited"))
    write(tmp_path, changed_file("unedited"))
    write(tmp_path, changed_file("edited"))
    write(tmp_path, guide("newcomer"))
    monkeypatch.setattr(content, "FOLDER", tmp_path)
    before = snapshot()

    out = io.StringIO()
    call_command("load_content", "--dry-run", stdout=out)

    assert snapshot() == before
    text = out.getvalue()
    assert "1 would be created" in text
    assert "Guide unedited: would be updated" in text
    assert "Guide edited: would be left alone" in text
    # Loaders without a dry run are skipped, not run for real.
    assert "petitions.content: skipped (no dry run)." in text
    assert text.rstrip().endswith("Dry run: nothing was written.")

    # Then for real: created, updated and left alone as announced.
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert Platform.objects.filter(slug="newcomer").exists()
    assert Platform.objects.get(slug="unedited").summary == "Changed in the file."
    assert Platform.objects.get(slug="edited").summary == "Edited by an organizer."


def old_loader_guides(tmp_path, *slugs):
    """Guides as the loader before digests left them: no digests stored."""
    for slug in slugs:
        write(tmp_path, guide(slug))
    load(tmp_path)
    Platform.objects.update(content_file_digest="", content_db_digest="")
    return {p.slug: p for p in Platform.objects.all()}


def write_previous(tmp_path, digests):
    (tmp_path / content.PREVIOUS_FILE).write_text(
        yaml.safe_dump({slug: [digest] for slug, digest in digests.items()})
    )


def test_an_old_loader_guide_matching_a_shipped_version_is_updated(tmp_path):
    platforms = old_loader_guides(tmp_path, "shipped", "edited")
    shipped_digest = db_digest(platforms["shipped"])
    edited_digest = db_digest(platforms["edited"])
    write_previous(tmp_path, {"shipped": shipped_digest, "edited": edited_digest})
    organizer_edit(platforms["edited"])
    write(tmp_path, changed_file("shipped"))
    write(tmp_path, changed_file("edited"))

    _, out = load(tmp_path)

    assert "Guide shipped: updated from shipped.yaml" in out
    assert "Guide edited: left alone" in out
    shipped = Platform.objects.get(slug="shipped")
    assert shipped.summary == "Changed in the file."
    assert shipped.content_db_digest == db_digest(shipped)
    assert shipped.last_verified == datetime.date(2025, 9, 2)
    edited = Platform.objects.get(slug="edited")
    assert edited.summary == "Edited by an organizer."
    assert edited.content_db_digest == ""


def test_an_old_loader_guide_already_like_its_file_just_gets_digests(tmp_path):
    old_loader_guides(tmp_path, "example")  # no _previous.yaml at all
    assert load(tmp_path) == (0, "Guides: 0 created, 1 already present.")
    platform = Platform.objects.get(slug="example")
    assert platform.content_db_digest == db_digest(platform)
    assert platform.content_file_digest == platform.content_db_digest
    # From now on a file change updates it.
    write(tmp_path, changed_file())
    assert "Guide example: updated" in load(tmp_path)[1]


def test_the_shipped_previous_digests_file_is_well_formed():
    previous = content.previous_digests()
    assert len(previous) >= 15
    for digests in previous.values():
        assert digests and all(re.fullmatch(r"[0-9a-f]{64}", d) for d in digests)
    # The loader's file scan ignores it.
    assert content.PREVIOUS_FILE not in {
        f"{g['slug']}.yaml" for g in content.guide_files()
    }
