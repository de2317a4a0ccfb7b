import pytest
from django.urls import reverse

from letters import content
from letters.models import Legislator, LetterCount, LetterTemplate
from letters.services import letter_count_campaign
from states.models import PrivacyLaw, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    content.load()
    va = State.objects.get(abbr="VA")
    Legislator.objects.create(
        openstates_id="ocd-person/x1",
        state=va,
        chamber="lower",
        district="12",
        name="Patrick O'Brien",
        family_name="O'Brien",
    )
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=va, chamber="lower", count=7
    )
    return va


def test_changelists_load(admin_client, seeded):
    for name in [
        "states_state",
        "states_privacylaw",
        "letters_legislator",
        "letters_lettercount",
        "letters_lettertemplate",
    ]:
        response = admin_client.get(reverse(f"admin:{name}_changelist"))
        assert response.status_code == 200, name
    page = admin_client.get(
        reverse("admin:letters_lettercount_changelist")
    ).content.decode()
    assert "Letters generated (7 in all)" in page


def test_legislator_filters_and_search(admin_client, seeded):
    url = reverse("admin:letters_legislator_changelist")
    page = admin_client.get(url, {"q": "brien"}).content.decode()
    assert "Patrick O&#x27;Brien" in page
    page = admin_client.get(url, {"active__exact": "0"}).content.decode()
    assert "Patrick O&#x27;Brien" not in page
    page = admin_client.get(
        url, {"chamber__exact": "lower", "state__id__exact": seeded.pk}
    )
    assert page.status_code == 200


def test_letter_counts_are_read_only(admin_client, seeded):
    count = LetterCount.objects.get()
    assert admin_client.get(reverse("admin:letters_lettercount_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:letters_lettercount_change", args=[count.pk]), {"count": 999}
    )
    assert response.status_code == 403
    count.refresh_from_db()
    assert count.count == 7


def test_organizer_edits_privacy_law_facts(admin_client, seeded):
    law = PrivacyLaw.objects.get(state__abbr="VA")
    url = reverse("admin:states_privacylaw_change", args=[law.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "has_comprehensive_law": "on",
        "law_name": law.law_name,
        "short_name": law.short_name,
        "citation": law.citation,
        "signed_date": "2021-03-02",
        "signed_year": "2021",
        "effective_date": "2023-01-01",
        "opt_out_of_sale": "yes",
        "opt_out_of_targeted_ads": "yes",
        "opt_out_of_profiling": "yes",
        "sensitive_data_opt_in": "yes",
        "private_right_of_action": "yes",
        "epic_pirg_grade": "F",
        "ai_specific_law": "",
        "training_data_disclosure": "",
        "notes": "Amended to allow private suits.",
        "uncertain": "",
        "sources": "https://example.org/a",
        "as_of": "2026-11-01",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    law.refresh_from_db()
    assert law.private_right_of_action == "yes"
    assert law.notes == "Amended to allow private suits."


def test_state_page_shows_law_inline(admin_client, seeded):
    page = admin_client.get(reverse("admin:states_state_change", args=[seeded.pk]))
    assert b"Virginia Consumer Data Protection Act" in page.content


def test_template_with_unknown_placeholder_is_rejected(admin_client, seeded):
    template = LetterTemplate.objects.get(kind="no_law")
    url = reverse("admin:letters_lettertemplate_change", args=[template.pk])
    page = admin_client.get(url).content.decode()
    assert "{state_name}" in page
    response = admin_client.post(
        url, {"subject": "Hi {nope}", "body": "Text {state_name}"}
    )
    assert response.status_code == 200
    assert "unknown placeholder" in response.content.decode()
    response = admin_client.post(
        url, {"subject": "Privacy for {state_name}", "body": "Text"}
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.subject == "Privacy for {state_name}"
