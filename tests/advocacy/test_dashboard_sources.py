"""The dashboard's attribution and district sections against known data:
actions per source code and day (confirmed signatures, letter counts) per
campaign, and signatures per legislative district from a ZIP table built
here, so every expected number is known by construction."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from advocacy.dashboard import campaign_dashboard
from campaigns.models import Campaign, SourceCode
from letters.models import LetterCount
from petitions import selectors
from petitions.models import Signature
from states.models import State, ZipDistrict
from tests.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")
# Today in the site's time zone: the admin home counts the last 30 days from it.
TODAY = datetime.datetime.now(NY).date()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def at(day, hour=12):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=NY)


@pytest.fixture
def superuser():
    return User.objects.create_superuser("root", "root@example.org", "pw")


def signatures(petition, n, *, source="", day=TODAY, confirmed=True, **fields):
    rows = [
        SignatureFactory.build(
            petition=petition,
            source=source,
            created_at=at(day, 9),
            confirmed_at=at(day, 10) if confirmed else None,
            **fields,
        )
        for _ in range(n)
    ]
    for i, row in enumerate(rows):
        row.email = f"{source or 'none'}-{day}-{row.zip_code}-{i}-{id(row)}@example.com"
    Signature.objects.bulk_create(rows)


@pytest.fixture
def attributed():
    va = State.objects.create(abbr="VA", name="Virginia")
    campaign = Campaign.objects.create(slug="drive", title="The drive", status="live")
    other = Campaign.objects.create(slug="other", title="Other", status="live")
    petition = PetitionFactory(slug="drive-petition", campaign=campaign)
    SourceCode.objects.create(code="news", name="Newsletter")
    SourceCode.objects.create(code="partner", name="Partner org")
    signatures(petition, 4, source="news")
    signatures(petition, 2, source="news", day=YESTERDAY)
    signatures(petition, 3, source="partner", day=YESTERDAY)
    signatures(petition, 5)  # no source
    signatures(petition, 7, source="news", confirmed=False)  # not confirmed
    signatures(petition, 6, source="news", day=TODAY - datetime.timedelta(40))
    signatures(petition, 1, source="gone")  # a code since deleted
    for source, day, count in [
        ("news", TODAY, 10),
        ("", TODAY, 2),
        ("partner", YESTERDAY, 8),
        ("news", TODAY - datetime.timedelta(31), 50),  # outside the 30 days
    ]:
        for chamber in ("upper", "lower"):
            LetterCount.objects.create(
                campaign=campaign,
                state=va,
                chamber=chamber,
                source=source,
                day=day,
                count=count,
            )
    LetterCount.objects.create(
        campaign=other, state=va, chamber="upper", source="news", day=TODAY, count=99
    )
    return campaign


def test_actions_per_source_over_the_last_thirty_days(attributed, superuser):
    section = campaign_dashboard(user=superuser, today=TODAY)["sources"]
    panel = next(p for p in section["panels"] if p["campaign"] == attributed)
    rows = {row["code"]: row for row in panel["sources"]}
    assert {k: (r["name"], r["signatures"], r["letters"]) for k, r in rows.items()} == {
        "news": ("Newsletter", 6, 20),
        "partner": ("Partner org", 3, 16),
        "gone": ("gone (no longer registered)", 1, 0),
        "": ("No source", 5, 4),
    }
    # Most actions first, "no source" last.
    assert [row["code"] for row in panel["sources"]] == ["news", "partner", "gone", ""]
    days = {
        (r["day"], r["code"]): (r["signatures"], r["letters"]) for r in panel["days"]
    }
    assert days == {
        (TODAY, "news"): (4, 20),
        (TODAY, ""): (5, 4),
        (TODAY, "gone"): (1, 0),
        (YESTERDAY, "news"): (2, 0),
        (YESTERDAY, "partner"): (3, 16),
    }
    other = next(p for p in section["panels"] if p["campaign"].slug == "other")
    assert other["has_petition"] is False
    assert {r["code"]: r["letters"] for r in other["sources"]} == {"news": 99, "": 0}


def test_the_sources_section_on_the_admin_home(client, attributed, superuser):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "Where actions came from" in html
    table = html.split('data-campaign="drive"', 1)[1].split("</table>", 1)[0]
    assert (
        '<tr data-source="news"><th scope="row">Newsletter <code>news</code></th>'
        "<td>6</td><td>20</td><td>26</td></tr>"
    ) in table
    assert '<tr data-source="-"><th scope="row">No source</th><td>5</td><td>4</td>' in (
        table
    )
    per_day = html.split('data-campaign-days="drive"', 1)[1].split("</table>", 1)[0]
    row = f'<tr data-day="{YESTERDAY:%Y-%m-%d}" data-source="partner">'
    assert row in per_day
    assert "<td>Partner org</td><td>3</td><td>16</td>" in per_day.split(row, 1)[1]


def test_sources_need_signature_and_letter_rights(attributed):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("org", password="pw", is_staff=True)
    for codename in ("view_signature", "export_signatures"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    user = User.objects.get(pk=user.pk)
    assert "sources" not in campaign_dashboard(user=user, today=TODAY)
    user.user_permissions.add(Permission.objects.get(codename="view_lettercount"))
    user = User.objects.get(pk=user.pk)
    assert "sources" in campaign_dashboard(user=user, today=TODAY)


# --- signatures per legislative district ------------------------------------


@pytest.fixture
def districts():
    """California's ZIP table, built here:

    94110: Senate 11 and Assembly 17, whole.
    94103: spans Senate 11 (70 % of its land) and 13 (30 %); Assembly 17 whole.
    94301: Senate 13, Assembly 23.
    Signers: 3 in 94110, 2 in 94103, 4 in 94301, 1 in 94999 (not in the table),
    1 unconfirmed in 94301; 2 in Texas, whose ZIPs the table lacks.
    """
    ca = State.objects.create(abbr="CA", name="California")
    State.objects.create(abbr="TX", name="Texas")
    for zcta, chamber, district, share in [
        ("94110", "upper", "11", 1.0),
        ("94110", "lower", "17", 1.0),
        ("94103", "upper", "11", 0.7),
        ("94103", "upper", "13", 0.3),
        ("94103", "lower", "17", 1.0),
        ("94301", "upper", "13", 1.0),
        ("94301", "lower", "23", 1.0),
    ]:
        ZipDistrict.objects.create(
            zcta=zcta, state=ca, chamber=chamber, district=district, land_share=share
        )
    petition = PetitionFactory(slug="districts")
    signatures(petition, 3, zip_code="94110", state="CA")
    signatures(petition, 2, zip_code="94103-1234", state="CA")
    signatures(petition, 4, zip_code="94301", state="CA")
    signatures(petition, 1, zip_code="94999", state="CA")
    signatures(petition, 1, zip_code="94301", state="CA", confirmed=False)
    signatures(petition, 2, zip_code="73301", state="TX")
    return petition


def test_district_counts_against_the_table(districts, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = selectors.petition_district_counts(petition=districts)
    got = [
        (r["state"], r["chamber_name"], r["district"], r["count"], r["shared"])
        for r in rows
    ]
    assert got == [
        # The ZIP spanning Senate 11 and 13 counts once, in 11 (most of its land).
        ("CA", "Senate", "11", 5, 2),
        ("CA", "Senate", "13", 4, 0),
        ("CA", "Senate", None, 1, 0),
        ("CA", "Assembly", "17", 5, 0),
        ("CA", "Assembly", "23", 4, 0),
        ("CA", "Assembly", None, 1, 0),
    ]
    # Every confirmed Californian counted exactly once per chamber.
    for chamber in ("upper", "lower"):
        assert sum(r["count"] for r in rows if r["chamber"] == chamber) == 10


def test_the_districts_section_and_its_page_and_csv(client, districts, superuser):
    section = campaign_dashboard(user=superuser, today=TODAY)["districts"]
    panel = next(p for p in section["panels"] if p["petition"] == districts)
    (california,) = panel["states"]
    senate, assembly = california["chambers"]
    assert [(r["district"], r["count"]) for r in senate["top"]] == [
        ("11", 5),
        ("13", 4),
    ]
    assert senate["unknown"] == 1
    assert [(r["district"], r["count"]) for r in assembly["top"]] == [
        ("17", 5),
        ("23", 4),
    ]

    client.force_login(superuser)
    home = client.get("/admin/").content.decode()
    assert '<span data-district="CA-upper-11">11: 5</span>' in home
    page = client.get(panel["url"])
    assert page.status_code == 200
    assert "spans several districts is counted once" in page.content.decode()
    response = client.get(panel["csv_url"])
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == [
        "state",
        "chamber",
        "chamber_name",
        "district",
        "confirmed_signatures",
    ]
    assert ["CA", "upper", "Senate", "11", "5", "2"] in rows
    assert ["CA", "lower", "Assembly", "unknown", "1", "0"] in rows
    assert not any("@" in cell for row in rows for cell in row)  # counts only


def test_the_district_page_needs_the_signer_data_right(client, districts):
    User.objects.create_user("plain", password="pw", is_staff=True)
    client.login(username="plain", password="pw")
    url = f"/admin/petitions/petition/{districts.pk}/districts/"
    assert client.get(url).status_code == 403
    assert client.get(url + "?format=csv").status_code == 403
