"""The ZIP → candidates selector and its JSON endpoint `/letters/zip/<zip>.json`."""

import io
import logging
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse

from letters import content
from letters.models import Legislator
from letters.zipdistricts import zip_candidates
from states.models import State, ZipDistrict
from states.us import zip5 as zip_normalize

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "zip"


@pytest.fixture
def zip_table():
    content.load(stdout=io.StringIO())
    call_command(
        "import_zip_districts",
        str(FIXTURES / "tab20_sldu202420_zcta520_natl.txt"),
        str(FIXTURES / "tab20_sldl202420_zcta520_natl.txt"),
        stdout=io.StringIO(),
    )
    states = State.objects.in_bulk(field_name="abbr")
    people = [
        ("WA", "upper", "22", "Sam Hunt", "Democratic"),
        ("WA", "upper", "35", "Drew MacEwen", "Republican"),
        ("WA", "lower", "22", "Beth Doglio", "Democratic"),
        ("WA", "lower", "22", "Jessica Bateman", "Democratic"),
        ("ID", "lower", "4A", "Joe Alfieri", "Republican"),
        ("ID", "lower", "4B", "Elaine Price", "Republican"),
        ("DC", "legislature", "Ward 1", "Brianne Nadeau", "Democratic"),
        ("DC", "legislature", "At-Large", "Robert White", "Democratic"),
        ("DC", "legislature", "Chairman", "Phil Mendelson", "Democratic"),
        ("NH", "lower", "Belknap 4", "Juliet Harvey-Bolia", "Republican"),
    ]
    made = {}
    for i, (abbr, chamber, district, name, party) in enumerate(people):
        made[name] = Legislator.objects.create(
            openstates_id=f"ocd-person/test-{i}",
            state=states[abbr],
            chamber=chamber,
            district=district,
            name=name,
            family_name=name.split()[-1],
            party=party,
        )
    Legislator.objects.create(
        openstates_id="ocd-person/test-retired",
        state=states["WA"],
        chamber="upper",
        district="22",
        name="Karen Fraser",
        active=False,
    )
    return made


def chamber(result, code):
    return next(c for c in result["chambers"] if c["chamber"] == code)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("98501", "98501"),
        ("98501-1234", "98501"),
        (" 98501 1234 ", "98501"),
        ("985011234", "98501"),
        ("9850", None),
        ("98501-12", None),
        ("abcde", None),
        ("", None),
        (None, None),
    ],
)
def test_zip_normalize(value, expected):
    assert zip_normalize(value) == expected


def test_one_chamber_one_district_other_several_by_land_share(zip_table):
    result = zip_candidates("98501-1234", "WA")
    assert result["found"] and result["valid"]
    assert (result["zip"], result["state"], result["other_state"]) == (
        "98501",
        "WA",
        None,
    )
    assert result["find_legislator_url"] == "https://app.leg.wa.gov/districtfinder/"

    upper = chamber(result, "upper")
    assert (upper["chamber_name"], upper["title"], upper["multiple"]) == (
        "Senate",
        "Senator",
        True,
    )
    assert [(d["district"], d["land_share"]) for d in upper["districts"]] == [
        ("22", 0.93),
        ("35", 0.07),
    ]
    # Only active legislators; each with the chamber's title.
    assert upper["districts"][0]["legislators"] == [
        {
            "id": zip_table["Sam Hunt"].pk,
            "name": "Sam Hunt",
            "title": "Senator",
            "party": "Democratic",
            "district": "22",
            "chamber": "upper",
        }
    ]
    lower = chamber(result, "lower")
    assert lower["multiple"] is False
    assert [leg["name"] for leg in lower["districts"][0]["legislators"]] == [
        "Jessica Bateman",
        "Beth Doglio",
    ]
    assert result["multiple"] is True


def test_zip_in_another_state_names_it(zip_table):
    result = zip_candidates("98501", "OR")
    assert result["found"] is True
    assert result["other_state"] == {"abbr": "WA", "name": "Washington"}
    assert result["chosen_state"] == "OR"


def test_zip_across_a_state_line_answers_for_the_chosen_state(zip_table):
    ri = zip_candidates("02861", "RI")
    assert ri["state"] == "RI" and ri["other_state"] is None
    assert ri["also_in"] == [{"abbr": "MA", "name": "Massachusetts"}]
    assert [d["district"] for d in chamber(ri, "upper")["districts"]] == ["8", "18"]
    assert "Part of ZIP code 02861 lies in Massachusetts." in ri["notes"]

    ma = zip_candidates("02861", "MA")
    assert ma["state"] == "MA" and ma["also_in"] == [
        {"abbr": "RI", "name": "Rhode Island"}
    ]
    assert [d["district"] for d in chamber(ma, "upper")["districts"]] == [
        "Bristol and Norfolk"
    ]

    # Without a chosen state: the state with most of the ZIP's land.
    assert zip_candidates("02861")["state"] == "RI"


def test_not_found_and_invalid(zip_table):
    missing = zip_candidates("00000", "WA")
    assert (missing["valid"], missing["found"], missing["chambers"]) == (
        True,
        False,
        [],
    )
    assert missing["find_legislator_url"] == "https://app.leg.wa.gov/districtfinder/"
    invalid = zip_candidates("hello")
    assert (invalid["valid"], invalid["found"]) == (False, False)


def test_idaho_seats_a_and_b_are_one_area(zip_table):
    result = zip_candidates("83814", "ID")
    lower = chamber(result, "lower")
    assert [d["district"] for d in lower["districts"]] == ["4A", "4B"]
    assert (lower["multiple"], lower["areas"]) == (False, 1)
    assert any("two State Representatives" in note for note in result["notes"])


def test_new_hampshire_says_floterials_are_missing(zip_table):
    result = zip_candidates("03220", "NH")
    assert [d["district"] for d in chamber(result, "lower")["districts"]] == [
        "Belknap 4",
        "Merrimack 2",
    ]
    assert any("floterial" in note for note in result["notes"])


def test_dc_adds_chairman_and_at_large_members(zip_table):
    result = zip_candidates("20001", "DC")
    council = chamber(result, "legislature")
    assert council["title"] == "Councilmember"
    assert [d["district"] for d in council["districts"]] == ["Ward 6", "Ward 1"]
    assert [d["district"] for d in council["at_large"]] == ["Chairman", "At-Large"]
    assert [leg["name"] for d in council["at_large"] for leg in d["legislators"]] == [
        "Phil Mendelson",
        "Robert White",
    ]
    assert any("the District of Columbia" in note for note in result["notes"])


def test_shares_unknown_keep_natural_order(zip_table):
    ZipDistrict.objects.filter(zcta="98501").update(land_share=None)
    upper = chamber(zip_candidates("98501", "WA"), "upper")
    assert [d["district"] for d in upper["districts"]] == ["22", "35"]
    assert upper["shares_known"] is False


def test_json_endpoint(client, zip_table):
    url = reverse("letters:zip-json", kwargs={"zip_code": "98501-1234"})
    assert url == "/letters/zip/98501-1234.json"
    response = client.get(url, {"state": "WA"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=3600"  # public data
    data = response.json()
    assert data["zip"] == "98501" and data["state"] == "WA" and data["found"] is True
    assert data["chambers"][0]["districts"][0]["legislators"][0]["name"] == "Sam Hunt"
    assert data["chambers"][0]["districts"][0]["land_share"] == 0.93
    assert "html" not in data
    # Nothing stored: no session, no cookie.
    assert not response.cookies
    assert not Session.objects.exists()


def test_json_endpoint_fragment_renders_the_candidate_list(client, zip_table):
    response = client.get("/letters/zip/98501.json", {"state": "WA", "fragment": "1"})
    html = response.json()["html"]
    assert "Sam Hunt" in html and "District 35" in html
    assert "spans several districts" in html


def test_json_endpoint_never_errors_so_no_zip_is_logged(client, zip_table, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        for bad in ("00000", "abc", "12"):
            response = client.get(f"/letters/zip/{bad}.json")
            assert response.status_code == 200
    assert caplog.records == []
    assert client.get("/letters/zip/abc.json").json()["valid"] is False
    assert client.get("/letters/zip/00000.json").json()["found"] is False


def test_access_log_lines_do_not_keep_the_zip():
    """gunicorn logs request paths; the JSON log keeps the lookup's shape only."""
    from core.jsonlog import JsonFormatter

    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(U)s", None, None
    )
    record.args = {
        "m": "GET",
        "U": "/letters/zip/98501-1234.json",
        "s": "200",
        "B": "9",
    }
    line = JsonFormatter().format(record)
    assert "98501" not in line
    assert '"path": "/letters/zip/[zip].json"' in line


@pytest.mark.parametrize("typed", ["٩٨٥٠١", "９８５０１", "98501-١٢٣٤"])
def test_zip_in_other_digits_is_an_invalid_lookup(client, zip_table, typed):
    assert zip_normalize(typed) is None
    assert zip_candidates(typed, "WA")["valid"] is False
    data = client.get(f"/letters/zip/{typed}.json", {"state": "WA"}).json()
    assert data["valid"] is False and data["found"] is False
    page = client.get("/letters/wa/", {"zip": typed}).content.decode()
    assert "enter the 5 digits of your ZIP code" in page


def test_dc_labels_the_ward_the_at_large_seats_and_the_chairman(zip_table, client):
    council = chamber(zip_candidates("20001", "DC"), "legislature")
    labels = [d["label"] for d in council["districts"] + council["at_large"]]
    assert labels == ["Ward 6", "Ward 1", "Chairman", "At-large"]
    chairman = council["at_large"][0]["legislators"][0]
    assert (chairman["name"], chairman["title"]) == ("Phil Mendelson", "Chairman")
    html = client.get(
        "/letters/zip/20001.json", {"state": "DC", "fragment": "1", "choose": "1"}
    ).json()["html"]
    assert "<strong>Chairman Phil Mendelson</strong>" in html
    assert "<strong>Councilmember Robert White</strong>" in html
    assert "<strong>At-large</strong>" in html and "<strong>Ward 1</strong>" in html
    # The at-large members are offered, not ticked for the reader.
    assert f'value="{zip_table["Robert White"].pk}" id=' in html
    assert (
        f'value="{zip_table["Robert White"].pk}" id="zip-pick-{zip_table["Robert White"].pk}" checked'
        not in html
    )


@pytest.fixture
def puerto_rico(zip_table):
    pr = State.objects.get(abbr="PR")
    people = [
        ("upper", "At-Large", "Thomas Rivera Schatz"),
        ("upper", "1", "Nitza Morán"),
        ("lower", "At-Large", "Denis Márquez"),
        ("lower", "1", "Eddie Charbonier"),
    ]
    for i, (chamber_code, district, name) in enumerate(people):
        Legislator.objects.create(
            openstates_id=f"ocd-person/pr-{i}",
            state=pr,
            chamber=chamber_code,
            district=district,
            name=name,
            family_name=name.split()[-1],
        )
    return pr


def test_puerto_rico_without_zip_rows_offers_the_at_large_members(puerto_rico):
    assert not ZipDistrict.objects.filter(state__abbr="PR").exists()
    result = zip_candidates("00901")
    assert result["found"] and result["districts_unknown"]
    assert result["state"] == "PR" and result["state_name"] == "Puerto Rico"
    assert result["find_legislator_url"] == puerto_rico.find_legislator_url
    assert [c["chamber"] for c in result["chambers"]] == ["upper", "lower"]
    senate, house = result["chambers"]
    assert senate["districts"] == [] and house["districts"] == []
    assert [leg["name"] for leg in senate["at_large"][0]["legislators"]] == [
        "Thomas Rivera Schatz"
    ]
    assert senate["at_large"][0]["label"] == "At-large"
    assert senate["at_large"][0]["legislators"][0]["title"] == "Senator"
    assert [leg["name"] for leg in house["at_large"][0]["legislators"]] == [
        "Denis Márquez"
    ]
    # District members are not guessed.
    names = {
        leg["name"]
        for c in result["chambers"]
        for d in c["at_large"]
        for leg in d["legislators"]
    }
    assert "Nitza Morán" not in names and "Eddie Charbonier" not in names


def test_puerto_rico_step_two_explains_and_links_the_legislature(client, puerto_rico):
    response = client.get("/letters/pr/", {"zip": "00926"})
    html = response.content.decode()
    assert "We cannot tell your district from a ZIP code in Puerto Rico" in html
    assert f'href="{puerto_rico.find_legislator_url}"' in html
    assert "Senator Thomas Rivera Schatz" in html
    assert "Representative Denis Márquez" in html


def test_puerto_rico_zip_typed_in_another_state_points_there(puerto_rico):
    result = zip_candidates("00901", "WA")
    assert result["other_state"] == {"abbr": "PR", "name": "Puerto Rico"}


def test_puerto_rico_rows_in_the_table_are_used_like_any_state(puerto_rico):
    ZipDistrict.objects.create(
        zcta="00901", state=puerto_rico, chamber="upper", district="1"
    )
    result = zip_candidates("00901", "PR")
    assert not result["districts_unknown"]
    senate = chamber(result, "upper")
    assert [leg["name"] for leg in senate["districts"][0]["legislators"]] == [
        "Nitza Morán"
    ]
    assert [leg["name"] for leg in senate["at_large"][0]["legislators"]] == [
        "Thomas Rivera Schatz"
    ]
    # A PR ZIP missing from a table that covers PR is simply not found.
    assert not zip_candidates("00926", "PR")["found"]


def test_a_zip_outside_the_table_elsewhere_is_still_not_found(zip_table):
    result = zip_candidates("00801")  # Virgin Islands: not a jurisdiction here
    assert not result["found"] and not result["districts_unknown"]
