"""The seeded guides as data files: guides/content/<slug>.yaml and their loader."""

import io

import pytest
import yaml

from guides import content
from guides.cache import guides_cache_version
from guides.content import FOLDER, REQUIRED_KEYS, ContentError
from guides.models import AppliesTo, Difficulty, OptOutStatus, Platform

GUIDE_PATHS = sorted(
    path for path in FOLDER.glob("*.yaml") if not path.name.startswith("_")
)


def guide(slug="example", **changes):
    """A valid guide file's contents, as a dict."""
    data = {
        "slug": slug,
        "name": slug.title(),
        "company": "Example Inc.",
        "status": "setting",
        "difficulty": "easy",
        "position": 10,
        "researched": "2025-06-30",
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
        "sources": [{"title": "Help page", "url": "https://example.com/help"}],
    }
    data.update(changes)
    return data


def write(folder, data, name=None):
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    # Dates stay YAML dates (unquoted), as in the real files.
    text = text.replace("'2025-06-30'", "2025-06-30")
    path = folder / (name or f"{data['slug']}.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def test_there_are_guide_files_and_the_loader_reads_all_of_them():
    assert len(GUIDE_PATHS) >= 15
    assert len(content.guide_files()) == len(GUIDE_PATHS)
    assert [g["slug"] for g in content.PLATFORMS] == [
        g["slug"] for g in content.guide_files()
    ]


@pytest.mark.parametrize("path", GUIDE_PATHS, ids=lambda path: path.name)
def test_every_guide_file_parses_and_has_the_required_keys(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    missing = set(REQUIRED_KEYS) - set(data)
    assert not missing, missing
    assert data["status"] in OptOutStatus.values
    assert data["difficulty"] in ["", *Difficulty.values]
    assert data["steps"] and data["sources"]
    for step in data["steps"]:
        assert step["text"] and step["applies_to"] in AppliesTo.values
    for source in data["sources"]:
        assert source["title"] and source["url"].startswith("https://")
    # And the loader's own checks accept it.
    assert content.read_guide_file(path)["slug"] == path.stem


def test_slugs_are_unique_and_match_the_file_names():
    slugs = [
        yaml.safe_load(path.read_text(encoding="utf-8"))["slug"] for path in GUIDE_PATHS
    ]
    assert len(slugs) == len(set(slugs))
    assert slugs == [path.stem for path in GUIDE_PATHS]


def test_read_guide_file_fills_in_the_optional_keys(tmp_path):
    data = content.read_guide_file(write(tmp_path, guide()))
    assert data["unverified_note"] == data["email_to"] == ""
    assert data["steps"][0] == {
        "text": "Open Settings.",
        "applies_to": "all",
        "deep_link": "",
        "unverified": False,
    }
    assert data["researched"].isoformat() == "2025-06-30"


def without(key):
    data = guide()
    del data[key]
    return data


def with_step(**step):
    return guide(steps=[step])


MALFORMED = {
    "missing summary": (without("summary"), "'summary'"),
    "missing researched": (without("researched"), "'researched'"),
    "unknown status": (guide(status="maybe"), "'status'"),
    "unknown difficulty": (guide(difficulty="tricky"), "'difficulty'"),
    "unknown applies_to": (
        with_step(text="Open Settings.", applies_to="mobile"),
        "steps[0]: key 'applies_to'",
    ),
    "step without text": (with_step(applies_to="all"), "steps[0]: missing"),
    "source without url": (guide(sources=[{"title": "Help"}]), "sources[0]"),
    "misspelt key": (guide(unverifed_note="Thin source."), "'unverifed_note'"),
    "empty value": (guide(region_notes=None), "'region_notes'"),
    "position as text": (guide(position="ten"), "'position'"),
    "slug not the file name": (guide(slug="other"), "'slug'"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_file_raises_a_clear_error_and_loads_nothing(tmp_path, case):
    data, key_in_message = MALFORMED[case]
    write(tmp_path, guide("aardvark"))
    write(tmp_path, data, name="example.yaml")

    with pytest.raises(ContentError) as error:
        content.load(folder=tmp_path)

    message = str(error.value)
    assert message.startswith("example.yaml: "), message
    assert key_in_message in message, message
    assert not Platform.objects.exists()


def test_a_file_that_is_not_yaml_names_the_file(tmp_path):
    (tmp_path / "broken.yaml").write_text("slug: broken\nsteps: [unclosed\n")
    with pytest.raises(ContentError, match=r"^broken\.yaml: not valid YAML"):
        content.guide_files(tmp_path)


def test_a_folder_without_guide_files_is_an_error(tmp_path):
    (tmp_path / "_shared.yaml").write_text("anything: here\n")
    with pytest.raises(ContentError, match="no guide files"):
        content.guide_files(tmp_path)


@pytest.mark.django_db
def test_files_starting_with_an_underscore_are_skipped(tmp_path):
    write(tmp_path, guide())
    (tmp_path / "_notes.yaml").write_text("not: a guide\n")
    assert content.load(folder=tmp_path) == 1
    assert list(Platform.objects.values_list("slug", flat=True)) == ["example"]


@pytest.mark.django_db
def test_load_creates_the_guides_of_the_folder(tmp_path):
    write(tmp_path, guide("example", position=20))
    write(tmp_path, guide("zebra", position=10, difficulty="", status="none"))
    version = guides_cache_version()

    assert content.load(folder=tmp_path) == 2

    example = Platform.objects.get(slug="example")
    assert example.is_published
    assert example.last_verified.isoformat() == "2025-06-30"
    assert list(example.steps.values_list("order", "applies_to", "is_unverified")) == [
        (10, "all", False),
        (20, "web", True),
    ]
    assert example.steps.get(order=20).deep_link == "https://example.com/settings"
    assert list(example.sources.values_list("order", "title")) == [(1, "Help page")]
    zebra = Platform.objects.get(slug="zebra")
    assert (zebra.status, zebra.difficulty) == ("none", "")
    # Created in the guides page's order, and cached pages were dropped.
    assert list(Platform.objects.order_by("id").values_list("slug", flat=True)) == [
        "zebra",
        "example",
    ]
    assert guides_cache_version() != version


@pytest.mark.django_db
def test_loading_twice_creates_nothing_the_second_time(tmp_path):
    write(tmp_path, guide("example"))
    write(tmp_path, guide("other"))
    first, second = io.StringIO(), io.StringIO()

    assert content.load(stdout=first, folder=tmp_path) == 2
    version = guides_cache_version()
    assert content.load(stdout=second, folder=tmp_path) == 0

    assert first.getvalue() == "Guides: 2 created, 0 already present."
    assert second.getvalue() == "Guides: 0 created, 2 already present."
    assert Platform.objects.count() == 2
    assert Platform.objects.get(slug="example").steps.count() == 2
    assert guides_cache_version() == version


@pytest.mark.django_db
def test_an_organizer_edit_survives_a_reload(tmp_path):
    write(tmp_path, guide("example"))
    content.load(folder=tmp_path)
    platform = Platform.objects.get(slug="example")
    platform.summary = "Edited by an organizer"
    platform.is_published = False
    platform.save()
    platform.steps.get(order=10).delete()
    platform.sources.update(title="Renamed source")

    # The file changes too, and a new guide appears: only the new one is created.
    write(tmp_path, guide("example", summary="Changed in the file"))
    write(tmp_path, guide("newcomer"))
    assert content.load(folder=tmp_path) == 1

    platform.refresh_from_db()
    assert platform.summary == "Edited by an organizer"
    assert not platform.is_published
    assert list(platform.steps.values_list("order", flat=True)) == [20]
    assert list(platform.sources.values_list("title", flat=True)) == ["Renamed source"]
    assert Platform.objects.filter(slug="newcomer").exists()
