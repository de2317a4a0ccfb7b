"""The per-jurisdiction privacy-law files in states/data/ and how they are loaded."""

import datetime
import io
import shutil

import pytest
import yaml
from django.core.management import call_command

from states import content, legislatures
from states.models import PrivacyLaw, RightToSue, State, Tristate

FOLDER = content.law_folder()
FILES = sorted(FOLDER.glob("*.yaml"))


def raw(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_one_file_per_state_dc_and_pr_and_all_parse():
    assert len(FILES) == 52
    laws = content.law_files()
    assert set(laws) == set(legislatures.STATE_ABBRS)
    assert laws["WA"]["law_name"] == ""
    assert laws["VA"]["law_name"] == "Virginia Consumer Data Protection Act"
    assert laws["RI"]["signed"] == 2024
    assert laws["VA"]["signed"] == datetime.date(2021, 3, 2)
    assert "not researched" in laws["PR"]["notes"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_name_is_its_code_and_keys_are_complete(path):
    data = raw(path)
    assert path.name == f"{data['abbr'].lower()}.yaml"
    assert list(data) == list(content.LAW_FILE_KEYS)
    assert isinstance(data["as_of"], datetime.date)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_codes_are_valid_and_match_has_law(path):
    facts = content.law_files()[path.stem.upper()]
    for key in ("sale", "targeted_ads", "profiling", "sensitive_opt_in"):
        assert facts[key] in Tristate.values, key
    assert facts["right_to_sue"] in RightToSue.values
    codes = [facts[key] for key in content.CODE_KEYS]
    if facts["has_law"]:
        assert "na" not in codes
    else:
        assert set(codes) == {"na"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sources_listed_once(path):
    sources = raw(path)["sources"]
    assert len(sources) == len(set(sources))
    assert all(url.startswith(("https://", "http://")) for url in sources)
    if path.stem != "pr":  # Puerto Rico was not researched
        assert sources


def write_va(folder, change):
    data = raw(FOLDER / "va.yaml")
    change(data)
    path = folder / "va.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change, key",
    [
        (lambda d: d.pop("short_name"), "short_name"),
        (lambda d: d.update(sale="maybe"), "sale"),
        (lambda d: d.update(right_to_sue="sometimes"), "right_to_sue"),
        (lambda d: d.update(profiling="limited"), "profiling"),
        (lambda d: d.update(targetted_ads="yes"), "targetted_ads"),
        (lambda d: d.update(signed="March 2021"), "signed"),
        (lambda d: d.update(as_of=""), "as_of"),
        (lambda d: d.update(abbr="VT"), "abbr"),
        (lambda d: d.update(sources="https://example.org/"), "sources"),
    ],
)
def test_malformed_file_names_the_file_and_key(tmp_path, change, key):
    path = write_va(tmp_path, change)
    with pytest.raises(ValueError) as excinfo:
        content.law_files(tmp_path)
    message = str(excinfo.value)
    assert str(path) in message
    assert repr(key) in message


def test_not_yaml_names_the_file(tmp_path):
    path = tmp_path / "va.yaml"
    path.write_text("abbr: VA\nnotes: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="va.yaml: not valid YAML"):
        content.law_files(tmp_path)


def test_bare_yes_no_and_an_unquoted_year_read_as_written(tmp_path):
    path = write_va(tmp_path, lambda d: d.update(signed="2021"))
    text = path.read_text(encoding="utf-8")
    text = text.replace("sale: 'yes'", "sale: yes")
    text = text.replace("right_to_sue: 'no'", "right_to_sue: no")
    text = text.replace("signed: '2021'", "signed: 2021")
    path.write_text(text, encoding="utf-8")
    facts = content.law_files(tmp_path)["VA"]
    assert facts["sale"] == "yes"
    assert facts["right_to_sue"] == "no"
    assert facts["signed"] == 2021
    defaults = content.law_defaults(facts)
    assert defaults["signed_date"] is None and defaults["signed_year"] == 2021


@pytest.mark.django_db
def test_a_missing_file_stops_the_load(tmp_path, settings):
    folder = tmp_path / "states" / "data"
    shutil.copytree(FOLDER, folder)
    (folder / "pr.yaml").unlink()
    settings.BASE_DIR = tmp_path
    with pytest.raises(ValueError, match=r"pr\.yaml: missing"):
        content.load()
    assert not PrivacyLaw.objects.exists()


@pytest.mark.django_db
def test_load_content_twice_creates_nothing_new_and_keeps_edits():
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert "Letters: 52 states, 52 privacy-law records" in out.getvalue()
    va = PrivacyLaw.objects.get(state__abbr="VA")
    assert va.sources.splitlines() == content.law_files()["VA"]["sources"]
    va.notes = "Edited by an organizer"
    va.opt_out_of_sale = Tristate.UNKNOWN
    va.save()

    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert "Letters: 0 states, 0 privacy-law records, 0 letter templates" in (
        out.getvalue()
    )
    assert State.objects.count() == 52
    assert PrivacyLaw.objects.count() == 52
    va.refresh_from_db()
    assert va.notes == "Edited by an organizer"
    assert va.opt_out_of_sale == Tristate.UNKNOWN
