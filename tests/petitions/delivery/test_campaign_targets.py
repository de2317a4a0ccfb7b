"""Delivery packets follow the campaign's target: one packet to a custom
office (its name and postal address on the cover, every signer grouped by
state then district), and for a campaign addressed to one chamber, packets
"To the members of the Virginia Senate" counting that chamber's districts.

Checked in the text pdftotext extracts from the PDFs a build writes.
"""

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from petitions.models import DeliveryBuild, Signature

from .helpers import build_now, signer, zip_members
from .test_districts import CA_ZIPS, layout_lines, pages_of, states, zip_rows

pytestmark = pytest.mark.django_db

__all__ = ["states"]  # the fixture, imported for these tests

GOVERNOR = "Office of the Governor of Virginia"
ADDRESS = "P.O. Box 1475\nRichmond, VA 23218"


def campaign(target, **fields):
    return Campaign.objects.create(
        slug=f"c-{target}", title=f"A {target} campaign", status="live",
        target=target, **fields,
    )  # fmt: skip


def spread(petition):
    """Signers in three states, oldest first; the name says where they land."""
    now = timezone.now()
    plan = [
        ("VA", "Val", "VA-SD12", "23219", "Richmond"),
        ("CA", "Cal", "CA-SD35-Spans", "90001", "Los Angeles"),
        ("CA", "Ben", "CA-SD11", "94110", "San Francisco"),
        ("TX", "Tex", "TX-NotInTable", "73301", "Austin"),
        ("CA", "Cleo", "CA-Unknown", "95999", "Sacramento"),
        ("CA", "Fay", "CA-SD11-Too", "94110", "San Francisco"),
        ("VA", "Vic", "VA-SD12-Too", "23219", "Richmond"),
    ]
    rows = []
    for minutes, (state, first, last, zip_code, city) in enumerate(plan):
        row = signer(petition, state, first, last, city=city, zip_code=zip_code)
        row.confirmed_at = now - timezone.timedelta(minutes=60 - minutes)
        rows.append(row)
    Signature.objects.bulk_create(rows)


VA_ZIPS = [
    ("23219", "VA", "upper", "12", 1.0),
    ("23219", "VA", "lower", "78", 1.0),
]


def test_a_custom_target_gets_one_packet_with_every_signer(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    zip_rows(states, CA_ZIPS + VA_ZIPS)
    petition = make_petition(
        title="Veto the data broker bill",
        target=GOVERNOR,
        campaign=campaign(
            "custom",
            target_name=GOVERNOR,
            target_salutation="Dear Governor Spanberger",
            target_address=ADDRESS,
        ),
    )
    spread(petition)
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert build.status == DeliveryBuild.DONE, build.message
    members = zip_members(build)
    # One packet, to the office: no per-state legislature packets.
    assert list(members) == ["office-of-the-governor-of-virginia.pdf"]
    data = members["office-of-the-governor-of-virginia.pdf"]
    pages = pages_of(poppler, data, tmp_path)
    cover = pages[0]
    # The office's name and postal address, as on an envelope, then its salutation.
    assert (
        f"{GOVERNOR} P.O. Box 1475 Richmond, VA 23218 "
        "Petition: Veto the data broker bill Dear Governor Spanberger,"
    ) in cover
    assert "To the members of" not in cover
    assert "Legislature" not in cover
    assert "7 people in 3 states signed the petition below" in cover
    assert "listed by state, then by their district" in cover
    # No state's law to fit the ask to: the ask for another office.
    assert "We ask you to act on what these people ask" in cover
    assert "privacy law for" not in cover
    assert cover.endswith("Sincerely, Data Dignity Coalition Page 1 of 2")

    # The count per state and district, then every signer in those groups:
    # states in order of their code, districts in natural order, unknown last.
    lines = layout_lines(poppler, data, tmp_path, 2)
    start = lines.index("Signers by state and district")
    assert lines[start : start + 9] == [
        "Signers by state and district",
        "State and district Signers Of them, ZIP spans several districts *",
        "California: Senate District 11 2",
        "California: Senate District 35 1 1",
        "California: District not known 1",
        "Texas: District not known 1",
        "Virginia: Senate District 12 2",
        "All 7",
        "The petition",
    ]
    start = lines.index("Signers in 3 states (7), by state, then by their district")
    assert lines[start + 1 : start + 17] == [
        "No. Name City ZIP Comment",
        "California: Senate District 11 · 2 signers",
        "1 Ben CA-SD11 San Francisco 94110",
        "2 Fay CA-SD11-Too San Francisco 94110",
        "California: Senate District 35 · 1 signer",
        "3 Cal CA-SD35-Spans Los Angeles 90001*",
        "California: District not known · 1 signer",
        "4 Cleo CA-Unknown Sacramento 95999",
        "Texas: District not known · 1 signer",
        "5 Tex TX-NotInTable Austin 73301",
        "Virginia: Senate District 12 · 2 signers",
        "6 Val VA-SD12 Richmond 23219",
        "7 Vic VA-SD12-Too Richmond 23219",
        "* The ZIP code spans several districts: listed in the likeliest (most of "
        "the ZIP's land, where known); the signer may live in another.",
        "Page 2 of 2",
    ]
    build.refresh_from_db()
    assert (build.progress_done, build.states_done) == (7, 3)


@pytest.mark.parametrize(
    ("target", "address", "salutation", "tally", "not_there"),
    [
        (
            "upper",
            "To the members of the Virginia Senate 40 members",
            "Dear Members of the Virginia Senate,",
            "Signers by Senate district",
            "House district",
        ),
        (
            "lower",
            # The chamber's name as states.legislatures (Open States) has it.
            "To the members of the Virginia House 100 members",
            "Dear Members of the Virginia House,",
            "Signers by House district",
            "Senate",
        ),
    ],
)
def test_a_chamber_only_campaign_addresses_that_chamber(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
    target,
    address,
    salutation,
    tally,
    not_there,
):
    zip_rows(states, VA_ZIPS)
    petition = make_petition(title="One chamber", campaign=campaign(target))
    Signature.objects.bulk_create(
        [
            signer(petition, "VA", "Val", city="Richmond", zip_code="23219"),
            signer(petition, "VA", "Vic", city="Richmond", zip_code="23219"),
        ]
    )
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    data = zip_members(build)["VA-virginia.pdf"]
    pages = pages_of(poppler, data, tmp_path)
    assert address in pages[0]
    assert salutation in pages[0]
    assert "General Assembly" not in pages[0]
    text = " ".join(pages[1:])
    assert tally in text
    assert not_there not in " ".join(pages)
    district = "12" if target == "upper" else "78"
    lines = layout_lines(poppler, data, tmp_path, 2)
    assert f"{district} 2" in lines


def test_a_campaign_for_the_whole_legislature_keeps_both_chambers(
    states,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
    poppler,
    tmp_path,
):
    zip_rows(states, VA_ZIPS)
    petition = make_petition(title="Both", campaign=campaign("legislature"))
    Signature.objects.bulk_create([signer(petition, "VA", "Val", zip_code="23219")])
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    pages = pages_of(poppler, zip_members(build)["VA-virginia.pdf"], tmp_path)
    assert "To the members of the Virginia General Assembly" in pages[0]
    assert "Signers by Senate district" in pages[1]
    assert "Signers by House district" in pages[1]
