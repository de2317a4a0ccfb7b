"""`manage.py render_letter` end to end: arguments in, a valid PDF file out."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from letters.models import Legislator, LetterCount
from tests.letters.letter_helpers import (
    VA_LAW,
    make_state,
    pdf_fonts,
    pdf_info,
    pdf_pages,
    pdftotext,
    qpdf_check,
)

pytestmark = pytest.mark.django_db

BASE = [
    "--name",
    "Дмитрий Ελένη 李小龙",
    "--address",
    "12 Elm St.",
    "--city",
    "Olympia",
    "--zip",
    "98501",
]


def render(tmp_path, *args):
    out = tmp_path / "letter.pdf"
    stdout = io.StringIO()
    call_command("render_letter", *args, *BASE, "--out", str(out), stdout=stdout)
    return out, stdout.getvalue()


def text_of(path):
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(path).pages
    )


def test_seat_with_an_imported_legislator(tmp_path, poppler):
    wa = make_state("WA")
    make_state(
        "OR", VA_LAW | {"law_name": "Oregon Consumer Privacy Act", "short_name": "OCPA"}
    )
    Legislator.objects.create(
        openstates_id="ocd-person/wa-12",
        state=wa,
        chamber="upper",
        district="12",
        name="Brad Hawkins",
        family_name="Hawkins",
        capitol_address="Room 418, John L. O'Brien Building P.O. Box 40600, Olympia, WA 98504",
    )
    story = tmp_path / "story.txt"
    story.write_text("My <b>story</b> & <font size=80>more</font> <", encoding="utf-8")
    out, stdout = render(
        tmp_path,
        "--state",
        "wa",
        "--chamber",
        "upper",
        "--district",
        "12",
        "--story-file",
        str(story),
        "--points",
        "consent,delete",
        "--email",
        "d@example.org",
        "--date",
        "2026-11-29",
    )
    assert "Wrote" in stdout and "Senator Hawkins" in stdout
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join(pdftotext(poppler, out).split())
    for expected in (
        "Дмитрий Ελένη 李小龙",
        "Dear Senator Hawkins:",
        "The Honorable Brad Hawkins",
        "Senator, District 12",
        "P.O. Box 40600",
        "Olympia, WA 98504",
        "November 29, 2026",
        "Washington has no comprehensive consumer privacy law",
        "Neighboring Oregon already has one",
        "My <b>story</b> & <font size=80>more</font> <",
        "Consent first: companies should have to ask",
        "A right to delete",
        "d@example.org",
    ):
        assert expected in text, expected
    assert all(font["emb"] == "yes" for font in pdf_fonts(poppler, out))
    assert qpdf_check(poppler, out).returncode == 0
    assert pdf_pages(poppler, out) == 1
    assert pdf_info(poppler, out)["Author"] == "Дмитрий Ελένη 李小龙"
    assert not LetterCount.objects.exists()  # command-line renders are not counted


def test_no_imported_legislator_gives_a_generic_senator(tmp_path):
    make_state("WA")
    out, _ = render(tmp_path, "--state", "WA", "--chamber", "upper", "--district", "12")
    text = text_of(out)
    assert "Dear Senator:" in text
    assert "Senator, District 12" in text
    # No legislator to take an address from: the chamber's official one.
    assert "Washington State Senate Legislative Building Olympia, WA 98504" in text


def test_retired_legislators_are_not_addressed(tmp_path):
    wa = make_state("WA")
    Legislator.objects.create(
        openstates_id="ocd-person/old",
        state=wa,
        chamber="upper",
        district="12",
        name="Old Timer",
        family_name="Timer",
        active=False,
    )
    out, _ = render(tmp_path, "--state", "WA", "--chamber", "upper", "--district", "12")
    assert "Timer" not in text_of(out)


def test_typed_legislator_name(tmp_path):
    make_state("WA")
    out, _ = render(
        tmp_path,
        "--state",
        "WA",
        "--chamber",
        "lower",
        "--district",
        "12",
        "--legislator-name",
        "Rep. Mike Steele",
    )
    text = text_of(out)
    assert "Dear Representative Steele:" in text


def test_multi_member_district_writes_one_letter_each(tmp_path, poppler):
    wa = make_state("WA")
    for pk, (name, family) in enumerate(
        [("Mike Steele", "Steele"), ("Keith Goehner", "Goehner")]
    ):
        Legislator.objects.create(
            openstates_id=f"ocd-person/{pk}",
            state=wa,
            chamber="lower",
            district="12",
            name=name,
            family_name=family,
        )
    out, stdout = render(
        tmp_path, "--state", "WA", "--chamber", "lower", "--district", "12"
    )
    assert pdf_pages(poppler, out) == 2
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert "Dear Representative Goehner:" in pages[0]
    assert "Dear Representative Steele:" in pages[1]
    # --legislator-name picks one of them.
    out, _ = render(
        tmp_path,
        "--state",
        "WA",
        "--chamber",
        "lower",
        "--district",
        "12",
        "--legislator-name",
        "steele",
    )
    assert pdf_pages(poppler, out) == 1
    assert "Dear Representative Steele:" in text_of(out)


def test_default_output_name(tmp_path, monkeypatch):
    make_state("WA")
    monkeypatch.chdir(tmp_path)
    call_command(
        "render_letter",
        "--state",
        "WA",
        "--chamber",
        "upper",
        "--district",
        "12",
        "--legislator-name",
        "Zoë Ñúñez",
        *BASE,
        stdout=io.StringIO(),
    )
    assert (tmp_path / "letter-wa-senator-nunez.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--state", "ZZ", "--chamber", "upper", "--district", "1"],
            "Unknown state 'ZZ'",
        ),
        (["--state", "OR", "--chamber", "upper", "--district", "1"], "not loaded yet"),
        (
            ["--state", "WA", "--chamber", "middle", "--district", "1"],
            "has no 'middle' chamber; choose one of: upper, lower",
        ),
        (
            ["--state", "WA", "--chamber", "upper", "--district", "99"],
            "has no district '99'",
        ),
        (
            [
                "--state",
                "WA",
                "--chamber",
                "upper",
                "--district",
                "1",
                "--points",
                "consent,free",
            ],
            "Unknown point(s) free",
        ),
        (
            [
                "--state",
                "WA",
                "--chamber",
                "upper",
                "--district",
                "1",
                "--date",
                "tomorrow",
            ],
            "--date must be YYYY-MM-DD",
        ),
        (
            [
                "--state",
                "WA",
                "--chamber",
                "upper",
                "--district",
                "1",
                "--story-file",
                "/nope",
            ],
            "Cannot read the story file",
        ),
    ],
)
def test_clear_errors(args, message, tmp_path):
    make_state("WA")
    with pytest.raises(CommandError) as excinfo:
        render(tmp_path, *args)
    assert message in str(excinfo.value)
    assert not (tmp_path / "letter.pdf").exists()


def test_story_over_the_limit_is_refused(tmp_path):
    make_state("WA")
    story = tmp_path / "story.txt"
    story.write_text("x" * 1001, encoding="utf-8")
    with pytest.raises(CommandError, match="limit is 1,000"):
        render(
            tmp_path,
            "--state",
            "WA",
            "--chamber",
            "upper",
            "--district",
            "1",
            "--story-file",
            str(story),
        )
