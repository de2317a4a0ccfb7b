"""Delivery packets as a legislative mailroom reads them: the one-page cover
from the organization, the count per district, the signers grouped by district
with row numbers, the ask fitted to the state's law, and the plurals.

Everything is checked in the text poppler (pdftotext) extracts from the PDFs
that a build writes, page by page ("\\f" separates pages).
"""

import re
import subprocess

import pytest
from django.utils import timezone

from petitions.models import DeliveryBuild, Signature
from states import content as states_content
from states.models import State, ZipDistrict

from .helpers import build_now, pdftotext, signer, words, zip_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def states():
    """The 50 states, DC and Puerto Rico with their law facts (states/data)."""
    states_content.load()
    return State.objects.in_bulk(field_name="abbr")


def zip_rows(states, rows):
    ZipDistrict.objects.bulk_create(
        ZipDistrict(
            zcta=zcta,
            state=states[abbr],
            chamber=chamber,
            district=district,
            land_share=share,
        )
        for zcta, abbr, chamber, district, share in rows
    )


def pages_of(poppler, data, tmp_path):
    return [
        words(page)
        for page in pdftotext(poppler, data, tmp_path).split("\f")
        if page.strip()
    ]


def layout_lines(poppler, data, tmp_path, page):
    """Page `page`'s lines as laid out (pdftotext -layout), blanks squeezed."""
    text = pdftotext(poppler, data, tmp_path, layout=True).split("\f")[page - 1]
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def build_texts(petition, organizer, callbacks, poppler, tmp_path):
    build = build_now(petition, organizer, callbacks)
    assert build.status == DeliveryBuild.DONE, build.message
    return {
        name: pages_of(poppler, data, tmp_path)
        for name, data in zip_members(build).items()
    }


# ZIPs in California: 94110 lies in one Senate and one Assembly district;
# 94112 in one Senate district but two Assembly districts; 90001 spans three
# Senate districts (35 has most of its land); 95999 is not in the table.
CA_ZIPS = [
    ("94110", "CA", "upper", "11", 1.0),
    ("94110", "CA", "lower", "17", 1.0),
    ("94112", "CA", "upper", "11", 1.0),
    ("94112", "CA", "lower", "19", 0.4),
    ("94112", "CA", "lower", "17", 0.6),
    ("90001", "CA", "upper", "33", 0.2),
    ("90001", "CA", "upper", "35", 0.7),
    ("90001", "CA", "upper", "30", 0.1),
    ("90001", "CA", "lower", "64", 1.0),
    # A district the signers do not reach: absent from the counts.
    ("94999", "CA", "upper", "3", 1.0),
]


def ca_signers(petition):
    """Six signers, oldest first; the name says where they should land."""
    now = timezone.now()
    plan = [
        ("Una", "SD35-Spans", "90001", "Los Angeles"),
        ("Ben", "SD11-OneDistrict", "94110", "San Francisco"),
        ("Cleo", "Unknown-Zip", "95999", "Sacramento"),
        ("Dan", "SD11-TwoAssembly", "94112", "San Francisco"),
        ("Eve", "SD35-SpansToo", "90001-1234", "Los Angeles"),
        ("Fay", "SD11-Third", "94110", "San Francisco"),
    ]
    rows = []
    for minutes, (first, last, zip_code, city) in enumerate(plan):
        row = signer(petition, "CA", first, last, city=city, zip_code=zip_code)
        row.confirmed_at = now - timezone.timedelta(minutes=60 - minutes)
        rows.append(row)
    Signature.objects.bulk_create(rows)


def test_signers_are_counted_and_grouped_by_district_with_row_numbers(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    zip_rows(states, CA_ZIPS)
    petition = make_petition(title="Keep our data out of AI")
    ca_signers(petition)
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    data = zip_members(build)["CA-california.pdf"]
    pages = pages_of(poppler, data, tmp_path)
    text = " ".join(pages)

    # The count per district comes first on page 2: Senate, then Assembly.
    assert pages[1].startswith(
        "Petition: Keep our data out of AI · California · 6 signers "
        "Signers by Senate district Senate district Signers"
    )
    lines = layout_lines(poppler, data, tmp_path, 2)
    start = lines.index("Signers by Senate district")
    assert lines[start : start + 12] == [
        "Signers by Senate district",
        "Senate district Signers Of them, ZIP spans several districts *",
        "11 3",
        "35 2 2",
        "District not known (ZIP code not in the table) 1",
        "All 6",
        "Signers by Assembly district",
        "Assembly district Signers Of them, ZIP spans several districts *",
        "17 3 1",
        "64 2",
        "District not known (ZIP code not in the table) 1",
        "All 6",
    ]
    assert "Senate District 3 " not in text  # no signer there: no group, no row

    # Then the signers, by Senate district in natural order, oldest first in
    # each, numbered on across the groups; the Assembly district in a column.
    start = lines.index(
        "Signers in California (6), by Senate district with their Assembly district"
    )
    assert lines[start + 1 : start + 14] == [
        "No. Name City ZIP Assembly Comment",
        "district",
        "Senate District 11 · 3 signers",
        "1 Ben SD11-OneDistrict San Francisco 94110 17",
        "2 Dan SD11-TwoAssembly San Francisco 94112 17*",
        "3 Fay SD11-Third San Francisco 94110 17",
        "Senate District 35 · 2 signers",
        "4 Una SD35-Spans Los Angeles 90001* 64",
        "5 Eve SD35-SpansToo Los Angeles 90001-1234* 64",
        "District not known · 1 signer, ZIP code not in the district table",
        "6 Cleo Unknown-Zip Sacramento 95999",
        "* The ZIP code spans several districts: listed in the likeliest (most of "
        "the ZIP's land, where known); the signer may live in another.",
        "Page 2 of 2",
    ]
    # The mark is explained at the foot of every page after the cover.
    legend = "* The ZIP code spans several districts: listed in the likeliest"
    assert legend not in pages[0]
    assert all(legend in page for page in pages[1:])


def test_a_group_that_runs_over_a_page_starts_the_next_one_with_its_heading(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    zip_rows(states, CA_ZIPS)
    petition = make_petition(title="Many")
    Signature.objects.bulk_create(
        [
            signer(petition, "CA", f"North{i:03d}", city="SF", zip_code="94110")
            for i in range(120)
        ]
        + [
            signer(petition, "CA", f"South{i:03d}", city="LA", zip_code="90001")
            for i in range(40)
        ]
    )
    pages = build_texts(
        petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
    )["CA-california.pdf"]
    continued = [page for page in pages if "Senate District 11 (continued)" in page]
    assert continued, pages
    for page in continued:  # the heading, then the next row right away
        assert re.search(r"Senate District 11 \(continued\) \d+ North\d{3}", page)
    numbers = [
        int(n)
        for n in re.findall(r"(\d+) (?:North|South)\d{3} Signer", " ".join(pages))
    ]
    assert numbers == list(range(1, 161))
    for page in pages[1:]:  # a heading never ends a page
        assert not re.search(r"signers (Page|\* The ZIP)", page), page


def test_the_cover_is_one_page_from_the_organization_and_ends_with_the_sign_off(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    zip_rows(states, CA_ZIPS)
    # The longest title and summary the admin accepts, and a long petition.
    petition = make_petition(
        title=("Pass a strong privacy law " * 8)[:200],
        summary=("Ask for consent before AI training. " * 10)[:300],
        text="\n\n".join(["To our state legislators:"] + ["A paragraph. " * 40] * 5),
    )
    ca_signers(petition)
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    data = zip_members(build)["CA-california.pdf"]
    path = tmp_path / "ca.pdf"
    path.write_bytes(data)
    cover = words(
        subprocess.run(
            [poppler["pdftotext"], "-f", "1", "-l", "1", "-enc", "UTF-8", path, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    # The letterhead: the organization's name, postal address and contact.
    assert cover.startswith(
        "Data Dignity Coalition 1200 K Street NW, Suite 800 Washington, DC 20005 "
        "office@datadignity.org · (202) 555-0142 · datadignity.org"
    )
    today = timezone.localdate()
    assert f"{today:%B} {today.day}, {today.year}" in cover
    assert "To the members of the California State Legislature" in cover
    assert "Senate (40 members) and Assembly (80 members)" in cover
    assert "Dear Members of the Senate and the Assembly," in cover
    # The sign-off closes page 1; nothing of the tables is on it.
    assert cover.endswith("Sincerely, Data Dignity Coalition Page 1 of 3")
    assert "Signers by" not in cover and "No. Name" not in cover
    page2 = pages_of(poppler, data, tmp_path)[1]
    assert " Signers by Senate district " in page2[:200]
    assert "Sincerely" not in page2


@pytest.mark.parametrize(
    "abbr, expected",
    [
        (
            "CA",
            "The California Consumer Privacy Act (as amended by the California "
            "Privacy Rights Act) is among the stronger privacy laws in the country. "
            "We ask you to close the gap it leaves for AI training: require "
            "people's consent, or at the very least a clear opt-out, before their "
            "personal data is used to train AI.",
        ),
        (
            "MD",
            "The Maryland Online Data Privacy Act of 2024 is among the stronger "
            "privacy laws in the country. We ask you to close the gap it leaves "
            "for AI training",
        ),
        (
            "TX",
            "We ask you to strengthen the Texas Data Privacy and Security Act: "
            "limit what companies collect to what a service needs (data "
            "minimization), give its enforcement real means, give people the right "
            "to sue",
        ),
        (
            "WA",
            "We ask you to pass a comprehensive consumer privacy law for "
            "Washington that requires consent before personal data is used to "
            "train AI",
        ),
        (
            "PR",
            "We ask you to give the people of Puerto Rico strong protections for "
            "their personal data: consent before it is used to train AI",
        ),
    ],
)
def test_the_ask_fits_where_the_state_law_stands(
    abbr,
    expected,
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    petition = make_petition()
    Signature.objects.bulk_create(
        [signer(petition, abbr, "Alex", zip_code="00000", city="Capital")]
    )
    member = next(
        name
        for name in zip_members(
            build_now(petition, organizer, django_capture_on_commit_callbacks)
        )
        if name.startswith(abbr)
    )
    build = DeliveryBuild.objects.get(petition=petition)
    cover = pages_of(poppler, zip_members(build)[member], tmp_path)[0]
    assert expected in cover
    others = {
        "strong": "among the stronger privacy laws",
        "weak": "We ask you to strengthen",
        "none": "We ask you to pass a comprehensive",
        "unresearched": "We ask you to give the people of",
    }
    standing = {
        "CA": "strong",
        "MD": "strong",
        "TX": "weak",
        "WA": "none",
        "PR": "unresearched",
    }[abbr]
    for other, phrase in others.items():
        assert (phrase in cover) == (other == standing), (abbr, other)
    if abbr == "PR":  # nothing claimed about a law that was not researched
        for claim in ("no comprehensive", "privacy law,", "has a privacy law", "its "):
            assert claim not in cover.split("We ask you")[1].split(".")[0]


def test_plurals_for_one_signer_in_one_state(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    petition = make_petition(title="Alone")
    Signature.objects.bulk_create([signer(petition, "NY", "Nadia", city="Albany")])
    pages = build_texts(
        petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
    )["NY-new-york.pdf"]
    assert (
        "1 person in New York signed the petition below and confirmed their "
        "signature by email. In all, 1 person signed it across 1 state." in pages[0]
    )
    assert "Petition: Alone · New York · 1 signer" in pages[1]
    assert "1 people" not in " ".join(pages) and "1 states" not in pages[0]


def test_plurals_for_two_signers_in_two_states_and_jurisdictions_with_dc(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    petition = make_petition(title="Two")
    Signature.objects.bulk_create(
        [
            signer(petition, "NY", "Nadia", city="Albany"),
            signer(petition, "NY", "Noor", city="Albany"),
            signer(petition, "TX", "Tomas", city="Austin"),
            signer(petition, "TX", "Tess", city="Austin"),
        ]
    )
    pages = build_texts(
        petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
    )["NY-new-york.pdf"]
    assert (
        "2 people in New York signed the petition below and confirmed their "
        "signature by email. In all, 4 people signed it across 2 states." in pages[0]
    )
    assert "Petition: Two · New York · 2 signers" in pages[1]

    other = make_petition(slug="with-dc", title="With DC")
    Signature.objects.bulk_create(
        [
            signer(other, "NY", "Nadia", city="Albany"),
            signer(other, "DC", "Dara", city="Washington", zip_code="20001"),
        ]
    )
    texts = build_texts(
        other, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
    )
    for name in ("NY-new-york.pdf", "DC-district-of-columbia.pdf"):
        assert "In all, 2 people signed it across 2 jurisdictions." in texts[name][0]
        assert "states" not in texts[name][0]


def test_unicameral_bodies_group_by_their_one_district_or_ward(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    zip_rows(
        states,
        [
            ("68508", "NE", "legislature", "46", None),
            ("68508", "NE", "legislature", "26", None),
            ("68102", "NE", "legislature", "7", None),
            # DC: a ward, plus the citywide seats every DC ZIP has.
            ("20003", "DC", "legislature", "Ward 6", None),
            ("20003", "DC", "legislature", "At-Large", None),
            ("20003", "DC", "legislature", "Chairman", None),
        ],
    )
    petition = make_petition(title="One house")
    Signature.objects.bulk_create(
        [
            signer(petition, "NE", "Lin", city="Lincoln", zip_code="68508"),
            signer(petition, "NE", "Omar", city="Omaha", zip_code="68102"),
            signer(petition, "DC", "Dee", city="Washington", zip_code="20003"),
        ]
    )
    texts = build_texts(
        petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
    )
    ne = " ".join(texts["NE-nebraska.pdf"])
    assert "Dear Members of the Nebraska Legislature," in ne
    data = zip_members(DeliveryBuild.objects.get(petition=petition))["NE-nebraska.pdf"]
    lines = layout_lines(poppler, data, tmp_path, 2)
    start = lines.index("Signers by district")
    assert lines[start : start + 5] == [
        "Signers by district",
        "District Signers Of them, ZIP spans several districts *",
        "7 1",
        "26 1 1",
        "All 2",
    ]
    start = lines.index("Signers in Nebraska (2), by district")
    assert lines[start + 1 : start + 6] == [
        "No. Name City ZIP Comment",
        "Legislative District 7 · 1 signer",
        "1 Omar Signer Omaha 68102",
        "Legislative District 26 · 1 signer",
        "2 Lin Signer Lincoln 68508*",
    ]
    dc = " ".join(texts["DC-district-of-columbia.pdf"])
    assert "Dear Members of the Council of the District of Columbia," in dc
    assert "Signers by ward Ward Signers" in dc
    # The citywide seats say nothing about where Dee lives: one ward, unmarked.
    data = zip_members(DeliveryBuild.objects.get(petition=petition))[
        "DC-district-of-columbia.pdf"
    ]
    lines = layout_lines(poppler, data, tmp_path, 2)
    start = lines.index("Signers in District of Columbia (1), by ward")
    assert lines[start + 1 : start + 4] == [
        "No. Name City ZIP Comment",
        "Ward 6 · 1 signer",
        "1 Dee Signer Washington 20003",
    ]
    assert "20003*" not in dc


def test_district_lookups_cost_the_same_queries_however_many_signers(
    states, make_petition, organizer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.selectors import organization_get
    from petitions import delivery

    zip_rows(states, CA_ZIPS)

    def build_queries(slug, per_zip):
        petition = make_petition(slug=slug)
        zips = ["94110", "94112", "90001", "95999"]
        Signature.objects.bulk_create(
            [
                signer(petition, "CA", f"P{i}", zip_code=zips[i % 4])
                for i in range(4 * per_zip)
            ]
            + [
                signer(petition, "NY", f"N{i}", zip_code="10001")
                for i in range(per_zip)
            ]
        )
        build = DeliveryBuild.objects.create(petition=petition, progress_total=1)
        with CaptureQueriesContext(connection) as queries:
            assert delivery.delivery_build_run(build_id=build.pk) == "done"
        return len(queries.captured_queries)

    organization_get()  # cached from here on, as in a running worker
    few = build_queries("few", 2)
    assert build_queries("many", 40) == few
    # Per state: the ZIP table, the count per ZIP, the signers; plus the build's
    # own reads and writes (claim, counts, progress, done).
    assert few <= 16


def test_the_cover_quotes_the_petition_in_brief(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    from petitions.content import PETITION

    petition = make_petition(
        title=PETITION["title"], text=PETITION["text"], summary=PETITION["summary"]
    )
    Signature.objects.bulk_create([signer(petition, "CA", "Carmen")])
    cover = build_texts(
        petition, organizer, django_capture_on_commit_callbacks, poppler, tmp_path
    )["CA-california.pdf"][0]
    assert (
        "The petition, in brief: Companies are using what we post, write and "
        "photograph to train artificial intelligence systems" in cover
    )
    assert (
        "Its points: 1. Requires consent before personal data trains AI. 2. Limits "
        "collection to what is needed (data minimization). 3. Lets people enforce "
        "their rights (a private right of action)." in cover
    )
    # Its own ask to pass a law is left to the full text on page 2: California
    # has one, and the cover asks to close its AI-training gap instead.
    assert "pass a comprehensive" not in cover
    assert "close the gap it leaves for AI training" in cover
