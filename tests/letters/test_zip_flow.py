"""Step 2 of the letter flow starts with "Enter your ZIP code" (test client, no JS)."""

import io
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command

from letters import content
from letters.models import Legislator
from states.models import State

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "zip"


@pytest.fixture
def people():
    content.load(stdout=io.StringIO())
    call_command("import_zip_districts", str(FIXTURES), stdout=io.StringIO())
    states = State.objects.in_bulk(field_name="abbr")
    made = {}
    for i, (abbr, chamber, district, name) in enumerate(
        [
            ("WA", "upper", "22", "Sam Hunt"),
            ("WA", "upper", "35", "Drew MacEwen"),
            ("WA", "lower", "22", "Beth Doglio"),
            ("WA", "lower", "22", "Jessica Bateman"),
            ("NH", "lower", "Belknap 4", "Juliet Harvey-Bolia"),
        ]
    ):
        made[name] = Legislator.objects.create(
            openstates_id=f"ocd-person/flow-{i}",
            state=states[abbr],
            chamber=chamber,
            district=district,
            name=name,
            family_name=name.split()[-1],
            party="Democratic",
        )
    return made


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_step_two_starts_with_the_zip_form(client, people):
    html = page(client, "/letters/wa/")
    assert "Enter your ZIP code" in html
    assert 'name="zip"' in html and 'autocomplete="postal-code"' in html
    assert html.index("Enter your ZIP code") < html.index("By district")
    assert "js/zip_lookup.js" in html


def test_zip_to_candidates_to_chosen_legislator_to_step_three(client, people):
    html = page(client, "/letters/wa/", zip="98501-1234")
    # Senate: two candidates, the larger share first, and how to be sure.
    assert "Your ZIP code spans several districts" in html
    assert "https://app.leg.wa.gov/districtfinder/" in html
    assert html.index("District 22") < html.index("District 35")
    assert "about 93% of the ZIP code’s area" in html
    assert "Senator Sam Hunt" in html and "Senator Drew MacEwen" in html
    # House: one district, so its members are shown (and ticked) straight away.
    assert "Representative Beth Doglio" in html
    doglio = people["Beth Doglio"].pk
    assert f'value="{doglio}" id="zip-pick-{doglio}" checked' in html
    hunt = people["Sam Hunt"].pk
    assert f'value="{hunt}" id="zip-pick-{hunt}">' in html  # several: not ticked

    response = client.post("/letters/wa/", {"pick": [hunt, doglio], "zip": "98501"})
    assert response.status_code == 302
    assert response["Location"] == "/letters/wa/write/"
    step3 = page(client, "/letters/wa/write/")
    assert "Sam Hunt" in step3 and "Beth Doglio" in step3


def test_typed_name_for_a_district_without_a_legislator(client, people):
    html = page(client, "/letters/wa/", zip="98502")
    assert "No senator on file for this district" in html
    assert 'name="typed:upper:99"' in html


def test_zip_in_another_state(client, people):
    html = page(client, "/letters/or/", zip="98501")
    assert "ZIP code 98501 is in Washington, not in the state you chose." in html
    assert 'href="/letters/wa/?zip=98501"' in html
    assert "By district" in html  # the manual path is still there
    assert 'name="pick"' not in html.split("By district")[0]


def test_zip_not_in_the_table_and_not_a_zip(client, people):
    html = page(client, "/letters/wa/", zip="00000")
    assert "We could not find ZIP code 00000." in html
    assert "Choose your district below instead" in html
    assert "By district" in html
    assert "<title>Error:" not in html
    html = page(client, "/letters/wa/", zip="98")
    assert "is not a ZIP code" in html
    assert 'aria-invalid="true" aria-describedby="zip-error zip-input-help"' in html
    assert "<title>Error: Step 2 of 4" in html
    assert "Please fix the following" in html


def test_new_hampshire_says_floterials_are_not_covered(client, people):
    html = page(client, "/letters/nh/", zip="03220")
    assert "floterial" in html
    assert "Representative Juliet Harvey-Bolia" in html


def test_zip_prefilled_from_the_letter_already_written(client, people):
    client.post("/letters/wa/", {"pick": [people["Sam Hunt"].pk]})
    client.post(
        "/letters/wa/write/",
        {
            "name": "Ada Lovelace",
            "street": "1 Main St",
            "city": "Olympia",
            "zip_code": "98501",
            "points": ["consent"],
        },
    )
    html = page(client, "/letters/wa/")
    assert 'value="98501"' in html
    assert "Your legislators for ZIP code 98501" in html


def test_lookup_stores_nothing(client, people):
    page(client, "/letters/wa/", zip="98501")
    page(client, "/letters/zip/98501.json", state="WA", fragment="1", choose="1")
    assert not Session.objects.exists()


def test_zip_from_the_petition_goes_through_step_one(client, people):
    # Only the ZIP: step 1 suggests its state.
    html = page(client, "/letters/", zip="98501")
    assert '<option value="WA" selected>' in html
    assert '<input type="hidden" name="zip" value="98501">' in html
    response = client.get(
        "/letters/", {"state": "WA", "zip": "98501-1234", "step": "2"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/letters/wa/?zip=98501"
    html = page(client, response["Location"])
    assert "Your legislators for ZIP code 98501" in html


def test_no_zip_box_when_no_table_is_imported(client):
    content.load(stdout=io.StringIO())
    html = page(client, "/letters/wa/")
    assert "Enter your ZIP code" not in html
    assert "By district" in html
