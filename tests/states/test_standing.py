"""Where each jurisdiction's law stands (PrivacyLaw.standing), from the shipped facts."""

import pytest

from states import content
from states.models import LawStanding, PrivacyLaw

pytestmark = pytest.mark.django_db


@pytest.fixture
def laws():
    content.load()
    return {law.state.abbr: law for law in PrivacyLaw.objects.select_related("state")}


def test_standing_follows_the_facts(laws):
    assert laws["CA"].standing == LawStanding.STRONG  # graded B+
    assert laws["MD"].standing == LawStanding.STRONG  # graded B-
    assert laws["TX"].standing == LawStanding.WEAK  # graded F
    assert laws["CO"].standing == LawStanding.WEAK  # graded C+
    assert laws["WA"].standing == LawStanding.NONE
    assert laws["PR"].standing == LawStanding.UNRESEARCHED
    assert laws["PR"].researched is False


def test_every_jurisdiction_but_puerto_rico_was_researched(laws):
    assert len(laws) == 52
    assert [abbr for abbr, law in laws.items() if not law.researched] == ["PR"]


def test_an_organizer_unticking_researched_makes_no_claim(laws):
    law = laws["TX"]
    law.researched = False
    assert law.standing == LawStanding.UNRESEARCHED
