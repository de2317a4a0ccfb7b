"""Delivery packets: one PDF per state in a private ZIP, built by a task, watched in the admin.

Contents are checked from the text poppler (pdftotext) extracts from each PDF:
the right signers in the right state's file, nothing but name, city, ZIP and
comment (never an email), any name printed, user text never read as markup.
"""

import re
import subprocess

import pytest
from django.utils import timezone

from petitions import delivery
from petitions.delivery import packets
from petitions.models import DeliveryBuild, Signature

from .conftest import ORGANIZATION
from .helpers import HOSTILE, NAMES, build_now, pdftotext, signer, words, zip_members

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------
# Packet contents
# --------------------------------------------------------------------------


def test_each_state_gets_its_own_signers_and_nothing_else(
    make_petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
):
    petition = make_petition(
        title="Keep our data out of AI", text="First paragraph.\n\nSecond paragraph."
    )
    other = make_petition(slug="other", title="Another petition")
    Signature.objects.bulk_create(
        [
            signer(
                petition,
                "CA",
                "Carmen",
                "Alvarez",
                city="San Francisco",
                zip_code="94110",
                comment="For my kids.",
            ),
            signer(
                petition, "CA", "Calvin", "Brooks", city="Oakland", zip_code="94607"
            ),
            signer(
                petition,
                "NY",
                "Nadia",
                "Kowalski",
                city="Brooklyn",
                zip_code="11201",
                comment="Privacy is a right.",
            ),
            signer(petition, "TX", "Tomas", "Reyes", city="Austin", zip_code="73301"),
            # Not delivered: unconfirmed, or signed another petition.
            signer(
                petition, "CA", "Unconfirmed", "Person", city="Fresno", confirmed=False
            ),
            signer(other, "CA", "Otherpetition", "Signer", city="Sacramento"),
        ]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.status == DeliveryBuild.DONE, build.message
    assert (build.progress_done, build.progress_total) == (4, 4)
    assert (build.states_done, build.states_total) == (3, 3)
    assert re.fullmatch(
        r"3 PDFs for 4 signers in 3 states, built in \d+ s\.", build.message
    )
    members = zip_members(build)
    assert sorted(members) == ["CA-california.pdf", "NY-new-york.pdf", "TX-texas.pdf"]
    texts = {
        name: words(pdftotext(poppler, data, tmp_path))
        for name, data in members.items()
    }

    ca = texts["CA-california.pdf"]
    for expected in (
        "Carmen Alvarez",
        "San Francisco",
        "94110",
        "For my kids.",
        "Calvin Brooks",
        "Oakland",
        "94607",
    ):
        assert expected in ca
    for absent in (
        "Nadia",
        "Tomas",
        "Unconfirmed",
        "Fresno",
        "Otherpetition",
        "Sacramento",
    ):
        assert absent not in ca
    assert "Nadia Kowalski" in texts["NY-new-york.pdf"]
    assert "Privacy is a right." in texts["NY-new-york.pdf"]
    assert "Carmen" not in texts["NY-new-york.pdf"]
    assert (
        "Tomas Reyes" in texts["TX-texas.pdf"] and "Nadia" not in texts["TX-texas.pdf"]
    )

    # The cover letter: addressed to that state's legislators, counts, date, the text.
    assert "To the members of the California State Legislature" in ca
    assert "Senate (40 members) and Assembly (80 members)" in ca
    assert "2 people in California signed the petition" in ca
    assert "In all, 4 people signed it across 3 states." in ca
    assert "1 person in New York signed" in texts["NY-new-york.pdf"]
    today = timezone.localdate()
    assert f"{today:%B} {today.day}, {today.year}" in ca
    assert "Petition: Keep our data out of AI" in ca
    assert "First paragraph." in ca and "Second paragraph." in ca
    # No ZIP table loaded: the signers are numbered in the order they signed.
    assert "No. Name City ZIP Comment 1 Carmen Alvarez" in ca
    assert "2 Calvin Brooks Oakland 94607" in ca
    # Running header and page numbers.
    assert "Petition: Keep our data out of AI · California · 2 signers" in ca
    assert "Page 1 of 2" in ca and "Page 2 of 2" in ca


def test_packets_never_contain_an_email_or_other_contact_data(
    make_petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
):
    petition = make_petition()
    Signature.objects.bulk_create(
        [
            signer(
                petition,
                state,
                f"Person{i}",
                city=f"Town{i}",
                email=f"secret.mailbox{i}@hidden-domain{i}.example",
            )
            for i, state in enumerate(["CA", "CA", "NY", "WA", "DC", "NE"])
        ]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    archive_bytes = delivery.delivery_build_file(build=build).read_bytes()
    assert (
        b"secret.mailbox" not in archive_bytes and b"hidden-domain" not in archive_bytes
    )
    members = zip_members(build)
    assert len(members) == 5
    for name, data in members.items():
        text = pdftotext(poppler, data, tmp_path)
        assert "secret.mailbox" not in text and "hidden-domain" not in text
        # The one address printed is the organization's, in the letterhead.
        assert text.count("@") == 1, name
        assert "@" not in text.replace(ORGANIZATION["email"], ""), name
        # The document metadata says nothing about signers either.
        info = subprocess.run(
            [poppler["pdfinfo"], "-"], input=data, capture_output=True
        )
        assert b"@" not in info.stdout
    # What the rows give the PDF at all: name, city, ZIP, comment (+ state to group by).
    assert packets.SIGNER_FIELDS == (
        "first_name",
        "last_name",
        "city",
        "zip_code",
        "comment",
    )
    assert packets.signer_row(
        {
            "first_name": "A",
            "last_name": "B",
            "city": "C",
            "zip_code": "1",
            "comment": "D",
            "email": "x@example.com",
        }
    ) == ["A B", "C", "1", "D"]
    # Unicameral bodies: addressed once, with their size.
    ne = words(pdftotext(poppler, members["NE-nebraska.pdf"], tmp_path))
    assert "To the members of the Nebraska Legislature 49 members" in ne
    dc = words(pdftotext(poppler, members["DC-district-of-columbia.pdf"], tmp_path))
    assert "To the members of the Council of the District of Columbia" in dc


def test_any_name_prints_and_user_text_is_never_markup(
    make_petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
):
    petition = make_petition(title="Title with <i>tags</i> & ampersands")
    rows = [
        signer(petition, "WA", first, last, city="Olympia") for first, last in NAMES
    ]
    rows.append(signer(petition, "WA", "Sam", "Lee 🙂", city="Tacoma"))
    rows.append(
        signer(petition, "WA", "Marked", "Up", city="<i>Seattle</i>", comment=HOSTILE)
    )
    Signature.objects.bulk_create(rows)
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.status == DeliveryBuild.DONE, build.message
    data = zip_members(build)["WA-washington.pdf"]
    text = words(pdftotext(poppler, data, tmp_path))
    for first, last in NAMES:
        assert f"{first} {last}" in text
    assert "Sam Lee" in text  # the emoji has no font here; the name still prints
    assert "<i>Seattle</i>" in text
    # Printed literally (a long comment wraps under its row, and pdftotext drops
    # the space at a line break, so compare without spaces).
    assert HOSTILE.replace(" ", "") in text.replace(" ", "")
    assert "Title with <i>tags</i> & ampersands" in text
    fonts = subprocess.run(
        [poppler["pdffonts"], "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # every font embedded
    assert "Helvetica" not in fonts
    assert any("NotoSansSC" in row[0] for row in rows)


def test_long_lists_run_over_pages_with_headers_and_numbers(
    make_petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
):
    petition = make_petition(title="Long list")
    Signature.objects.bulk_create(
        [
            signer(
                petition,
                "OR",
                f"Signer{i:04d}",
                city="Portland",
                comment=("A longer comment that has to wrap over several lines. " * 3)
                if i % 10 == 0
                else "",
            )
            for i in range(700)
        ]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    data = zip_members(build)["OR-oregon.pdf"]
    path = tmp_path / "or.pdf"
    path.write_bytes(data)
    pages = [
        words(page)
        for page in pdftotext(poppler, data, tmp_path).split("\f")
        if page.strip()
    ]
    total = len(pages)
    assert total >= 12
    laid_out = [
        words(page)
        for page in pdftotext(poppler, data, tmp_path, layout=True).split("\f")
        if page.strip()
    ]
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        if number > 1:
            assert "Petition: Long list · Oregon · 700 signers" in page
            # The header row on every page.
            assert laid_out[number - 1].count("No. Name City ZIP Comment") == 1
    text = " ".join(pages)
    # Every signer exactly once, in the order they signed, numbered 1 to 700.
    found = [
        int(w[6:10])
        for w in text.split()
        if w.startswith("Signer") and w[6:10].isdigit()
    ]
    assert found == list(range(700))
    numbers = [int(n) for n in re.findall(r"(\d+) Signer\d{4} Signer", text)]
    assert numbers == list(range(1, 701))
    assert subprocess.run([poppler["qpdf"], "--check", str(path)]).returncode == 0


def test_a_big_state_is_delivered_in_parts(
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
    monkeypatch,
):
    monkeypatch.setattr(packets, "SIGNERS_PER_PDF", 10)
    petition = make_petition(title="Parts")
    Signature.objects.bulk_create(
        [signer(petition, "CA", f"Signer{i:03d}", city="Fresno") for i in range(25)]
        + [signer(petition, "NY", "Nadia", city="Albany")]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.message.startswith("4 PDFs for 26 signers in 2 states")
    members = zip_members(build)
    assert sorted(members) == [
        "CA-california-part-1-of-3.pdf",
        "CA-california-part-2-of-3.pdf",
        "CA-california-part-3-of-3.pdf",
        "NY-new-york.pdf",
    ]
    found, numbers = [], []
    for part in (1, 2, 3):
        text = words(
            pdftotext(poppler, members[f"CA-california-part-{part}-of-3.pdf"], tmp_path)
        )
        assert ("To the members of the California State Legislature" in text) == (
            part == 1
        )
        assert "25 people in California signed" in text or part > 1
        first, last = (part - 1) * 10 + 1, min(part * 10, 25)
        assert (
            f"Signers in California, part {part} of 3: {first} to {last} of 25" in text
        )
        found += [int(w[6:9]) for w in text.split() if re.fullmatch(r"Signer\d{3}", w)]
        numbers += [int(n) for n in re.findall(r"(\d+) Signer\d{3} Signer", text)]
    assert found == list(range(25))  # each signer once, in order, across the parts
    assert numbers == list(range(1, 26))  # numbered on from part to part
    assert "Nadia" in words(pdftotext(poppler, members["NY-new-york.pdf"], tmp_path))
