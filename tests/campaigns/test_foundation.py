"""Campaigns: the seeded campaign, existing petitions and letter counts migrate
into campaigns, one featured campaign, and source codes are checked."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns.models import Campaign, SourceCode
from campaigns.selectors import campaign_featured, source_clean
from letters.models import LetterCount
from letters.services import letter_counts_increment
from petitions.models import Petition
from states.models import State


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_petitions_and_counts_become_campaigns():
    old = _migrate(
        [
            ("petitions", "0003_signature_public_id"),
            ("letters", "0004_roster_import"),
            ("campaigns", "0001_initial"),
        ]
    )
    old.get_model("petitions", "Petition").objects.create(
        slug="state-privacy-law", title="Seeded", text="Ask.", target="Legislators"
    )
    old.get_model("petitions", "Petition").objects.create(
        slug="old-one", title="An old one", text="Ask.", target="X", is_open=False
    )
    state = old.get_model("states", "State").objects.create(abbr="VA", name="Virginia")
    old.get_model("letters", "LetterCount").objects.create(
        state=state, chamber="lower", count=7
    )
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    seeded = Petition.objects.get(slug="state-privacy-law").campaign
    assert (seeded.slug, seeded.status, seeded.featured) == (
        "state-privacy-law",
        "live",
        True,
    )
    closed = Petition.objects.get(slug="old-one").campaign
    assert (closed.title, closed.status, closed.featured) == (
        "An old one",
        "closed",
        False,
    )
    count = LetterCount.objects.get()
    assert (count.campaign, count.chamber, count.count, count.source) == (
        seeded,
        "lower",
        7,
        "",
    )


@pytest.mark.django_db
def test_load_content_seeds_the_first_campaign_with_the_petition():
    call_command("load_content", stdout=open("/dev/null", "w"))
    campaign = Campaign.objects.get(slug="state-privacy-law")
    assert campaign.is_live and campaign.featured
    assert campaign.petition.slug == "state-privacy-law"
    assert campaign_featured() == campaign
    call_command("load_content", stdout=open("/dev/null", "w"))  # again: no change
    assert Campaign.objects.count() == 1


@pytest.mark.django_db
def test_featuring_one_campaign_unfeatures_the_other():
    first = Campaign.objects.create(slug="a", title="A", status="live", featured=True)
    second = Campaign.objects.create(slug="b", title="B", status="live", featured=True)
    first.refresh_from_db()
    assert not first.featured and second.featured
    assert campaign_featured() == second


@pytest.mark.django_db
def test_a_draft_cannot_be_featured_and_a_custom_target_needs_an_address():
    with pytest.raises(ValidationError) as info:
        Campaign(slug="d", title="D", status="draft", featured=True).full_clean()
    assert "featured" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        Campaign(
            slug="g", title="G", status="live", target="custom", target_address="x"
        ).full_clean()
    assert set(info.value.message_dict) >= {"target_name", "target_address"}


@pytest.mark.django_db
def test_a_closed_campaigns_petition_takes_no_signatures():
    campaign = Campaign.objects.create(slug="c", title="C", status="live")
    petition = Petition.objects.create(
        slug="c", title="C", text="Ask.", target="X", campaign=campaign
    )
    assert petition.accepts_signatures
    assert Petition.objects.open().filter(pk=petition.pk).exists()
    campaign.status = "closed"
    campaign.save()
    petition.refresh_from_db()
    assert not petition.accepts_signatures
    assert not Petition.objects.open().filter(pk=petition.pk).exists()
    campaign.status = "draft"
    campaign.save()
    assert petition.__class__.objects.public().filter(pk=petition.pk).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw, kept",
    [
        ("newsletter-dec", "newsletter-dec"),
        ("NEWSLETTER-DEC", "newsletter-dec"),
        (" newsletter-dec ", "newsletter-dec"),
        ("unknown-code", ""),
        ("bad code", ""),
        ("<script>", ""),
        ("a" * 60, ""),
        ("", ""),
        (None, ""),
    ],
)
def test_only_registered_well_formed_source_codes_are_kept(raw, kept):
    SourceCode.objects.create(code="newsletter-dec", name="December newsletter")
    assert source_clean(raw) == kept


@pytest.mark.django_db
def test_a_source_code_must_be_well_formed():
    with pytest.raises(ValidationError):
        SourceCode(code="Has Spaces", name="x").full_clean()


@pytest.mark.django_db
def test_letters_are_counted_per_campaign_source_and_day():
    va = State.objects.create(abbr="VA", name="Virginia")
    other = Campaign.objects.create(slug="bill", title="Bill", status="live")
    letter_counts_increment(state=va, chambers=["lower", "upper"])
    letter_counts_increment(state=va, chambers=["lower"], campaign=other, source="x")
    letter_counts_increment(state=va, chambers=["lower"], campaign=other, source="x")
    rows = {
        (r.campaign.slug, r.chamber, r.source): r.count
        for r in LetterCount.objects.select_related("campaign")
    }
    assert rows == {
        ("state-privacy-law", "lower", ""): 1,
        ("state-privacy-law", "upper", ""): 1,
        ("bill", "lower", "x"): 2,
    }
