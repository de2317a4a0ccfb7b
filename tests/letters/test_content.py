import datetime
import io

import pytest

from letters import content
from letters.models import LetterTemplate
from states.models import PrivacyLaw, RightToSue, State, Tristate

pytestmark = pytest.mark.django_db


def test_load_creates_states_dc_pr_with_laws_and_templates():
    out = io.StringIO()
    content.load(stdout=out)
    assert State.objects.count() == 52
    assert PrivacyLaw.objects.count() == 52
    assert "52 states" in out.getvalue()
    # 23 comprehensive laws plus Florida's narrow Digital Bill of Rights (December 2026).
    assert State.objects.with_law().count() == 24
    va = State.objects.get(abbr="VA")
    assert va.name == "Virginia"
    assert va.fips == "51"
    assert va.find_legislator_url.startswith("https://")
    law = va.privacy_law
    assert law.has_comprehensive_law
    assert law.law_name == "Virginia Consumer Data Protection Act"
    assert law.short_name == "VCDPA"
    assert law.effective_date == datetime.date(2023, 1, 1)
    assert law.private_right_of_action == RightToSue.NO
    assert law.as_of == datetime.date(2026, 7, 2)
    assert len(law.source_list) >= 2
    assert State.objects.get(abbr="NE").unicameral
    assert State.objects.get(abbr="DC").find_legislator_url


def test_facts_for_special_cases():
    content.load()
    fl = PrivacyLaw.objects.get(state__abbr="FL")
    # Florida has a law, narrow in reach (corrections of December 2026).
    assert fl.has_comprehensive_law
    assert fl.law_name == "Florida Digital Bill of Rights"
    assert "only very large companies" in fl.letter_note
    assert fl.as_of == datetime.date(2026, 12, 1)
    ca = PrivacyLaw.objects.get(state__abbr="CA")
    assert ca.private_right_of_action == RightToSue.LIMITED
    assert ca.epic_pirg_grade == "B+"
    assert ca.enforced_by == (
        "the California Privacy Protection Agency and the attorney general"
    )
    co = PrivacyLaw.objects.get(state__abbr="CO")
    assert co.enforced_by == "the attorney general and district attorneys"
    wa = PrivacyLaw.objects.get(state__abbr="WA")
    assert not wa.has_comprehensive_law
    assert "My Health My Data Act" in wa.letter_note
    ia = PrivacyLaw.objects.get(state__abbr="IA")
    assert ia.opt_out_of_targeted_ads == Tristate.UNKNOWN
    assert "targeted" in ia.uncertain.lower()
    ri = PrivacyLaw.objects.get(state__abbr="RI")
    assert ri.signed_date is None and ri.signed_year == 2024
    vt = PrivacyLaw.objects.get(state__abbr="VT")
    assert vt.effective_date == datetime.date(2028, 1, 1)
    assert "large language models" in vt.training_data_disclosure
    pr = PrivacyLaw.objects.get(state__abbr="PR")
    assert not pr.has_comprehensive_law
    assert "not researched" in pr.notes
    ak = PrivacyLaw.objects.get(state__abbr="AK")
    assert ak.opt_out_of_sale == Tristate.NOT_APPLICABLE


def test_load_is_idempotent_and_keeps_organizer_edits():
    content.load()
    law = PrivacyLaw.objects.get(state__abbr="VA")
    law.notes = "Edited by an organizer"
    law.save()
    va = State.objects.get(abbr="VA")
    va.find_legislator_url = "https://example.org/find"
    va.save()
    template = LetterTemplate.objects.first()
    if template:
        template.subject = "Organizer subject"
        template.save()
    content.load()
    assert State.objects.count() == 52
    assert PrivacyLaw.objects.get(state__abbr="VA").notes == "Edited by an organizer"
    assert (
        State.objects.get(abbr="VA").find_legislator_url == "https://example.org/find"
    )
    if template:
        template.refresh_from_db()
        assert template.subject == "Organizer subject"


def test_default_templates_seeded():
    content.load()
    assert set(LetterTemplate.objects.values_list("kind", flat=True)) == {
        "no_law",
        "has_law",
    }


def test_unedited_old_default_templates_are_brought_up_to_date(settings):
    """A running site seeded with the November 2026 wording (2024 events, two
    pages) gets the current wording; an organizer's edit is left alone."""
    from pathlib import Path

    from letters.compose import default_templates

    old = Path(__file__).parent / "fixtures" / "letter_defaults_2026_11"
    LetterTemplate.objects.create(
        kind="has_law",
        subject=(old / "has_law_subject.txt").read_text(encoding="utf-8").strip(),
        # As the admin stores it: Windows line endings.
        body=(old / "has_law_body.txt")
        .read_text(encoding="utf-8")
        .removesuffix("\n")
        .replace("\n", "\r\n"),
    )
    edited = (old / "no_law_body.txt").read_text(encoding="utf-8") + "\n\nEdited."
    LetterTemplate.objects.create(kind="no_law", subject="Ours", body=edited)
    out = io.StringIO()
    content.load(stdout=out)
    assert "1 unedited ones brought up to the current wording" in out.getvalue()
    has_law = LetterTemplate.objects.get(kind="has_law")
    assert has_law.body == default_templates()["has_law"]["body"]
    assert "2024" not in has_law.body
    no_law = LetterTemplate.objects.get(kind="no_law")
    assert (no_law.subject, no_law.body) == ("Ours", edited)
