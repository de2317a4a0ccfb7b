"""The campaign dashboard on the admin home, checked against known data."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from advocacy.dashboard import campaign_dashboard
from core.selectors import organization_get
from guides.models import GuideReport, Platform
from letters.models import LetterCount, RosterImport
from letters.services import letter_count_campaign
from petitions import selectors as petitions_selectors
from petitions.models import Petition, Signature
from states.models import State
from tests.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")
TODAY = datetime.date(2026, 11, 20)


def at(day, hour=12, minute=0, tz=NY):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)


def make_petition(slug, *, launched, **fields):
    return PetitionFactory(slug=slug, text="Please.", launched=launched, **fields)


_emails = iter(range(10**6))


def sign(petition, created_at, *, confirmed=True, state="CA", n=1):
    rows = [
        SignatureFactory.build(
            petition=petition,
            email=f"s{next(_emails)}@example.com",
            zip_code="94110",
            state=state,
            created_at=created_at,
            confirmed_at=created_at + datetime.timedelta(minutes=5)
            if confirmed
            else None,
        )
        for _ in range(n)
    ]
    Signature.objects.bulk_create(rows)


def staff(username, *perms):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label=app_label)
        )
    return User.objects.get(pk=user.pk)  # fresh permission cache


SIGNATURE_PERMS = ("petitions.view_signature", "petitions.export_signatures")


@pytest.fixture
def superuser():
    return User.objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture
def campaign():
    """One open petition launched 40 days before TODAY, with signatures on
    known days, plus a closed petition whose signatures must not show."""
    petition = make_petition("main", launched=at(TODAY - datetime.timedelta(40)))
    sign(petition, at(TODAY, 9), n=3)
    sign(petition, at(TODAY, 10), confirmed=False, n=2)
    sign(petition, at(datetime.date(2026, 11, 18)), state="TX", n=4)
    # 03:30 UTC on Nov 10 is 22:30 on Nov 9 in New York: it counts on Nov 9.
    sign(
        petition,
        datetime.datetime(2026, 11, 10, 3, 30, tzinfo=datetime.UTC),
        state="NY",
    )
    # 35 days ago: outside the 30-day chart, inside the totals.
    sign(petition, at(TODAY - datetime.timedelta(35)), state="WA", n=2)
    sign(petition, at(TODAY - datetime.timedelta(35)), confirmed=False)
    closed = make_petition(
        "closed", launched=at(TODAY - datetime.timedelta(10)), is_open=False
    )
    sign(closed, at(TODAY), n=7)
    return petition


def day_row(rows, day):
    return next(row for row in rows if row["day"] == day)


# --- petitions selectors -----------------------------------------------------


def test_signatures_per_day_in_the_site_time_zone(campaign, django_assert_num_queries):
    with django_assert_num_queries(1):
        series = petitions_selectors.signatures_per_day(
            petitions=[campaign], days=30, today=TODAY
        )
    rows = series[campaign.pk]
    assert len(rows) == 30
    assert rows[0]["day"] == datetime.date(2026, 10, 22)
    assert rows[-1]["day"] == TODAY
    assert day_row(rows, TODAY) == {"day": TODAY, "confirmed": 3, "unconfirmed": 2}
    assert day_row(rows, datetime.date(2026, 11, 18))["confirmed"] == 4
    assert day_row(rows, datetime.date(2026, 11, 9))["confirmed"] == 1
    assert day_row(rows, datetime.date(2026, 11, 10))["confirmed"] == 0
    assert sum(r["confirmed"] for r in rows) == 8
    assert sum(r["unconfirmed"] for r in rows) == 2


def test_signatures_per_day_starts_at_launch_when_shorter():
    petition = make_petition("young", launched=at(TODAY - datetime.timedelta(5), 8))
    sign(petition, at(TODAY - datetime.timedelta(5), 9), n=2)
    rows = petitions_selectors.signatures_per_day(
        petitions=[petition], days=30, today=TODAY
    )[petition.pk]
    assert [r["day"] for r in rows] == [
        TODAY - datetime.timedelta(d) for d in range(5, -1, -1)
    ]
    assert rows[0]["confirmed"] == 2


def test_signatures_per_day_refuses_a_bad_span():
    with pytest.raises(ValueError, match="at least 1"):
        petitions_selectors.signatures_per_day(petitions=[], days=0)


def test_totals_and_top_states_count_confirmed_only(django_assert_num_queries):
    petition = make_petition("states", launched=at(TODAY - datetime.timedelta(3)))
    states = ["CA", "TX", "NY", "FL", "WA", "OR", "IL", "OH", "PA", "MI", "GA", "VA"]
    for rank, state in enumerate(states):
        sign(petition, at(TODAY), state=state, n=12 - rank)
    # Many unconfirmed in a state with few confirmed: it must not climb.
    sign(petition, at(TODAY), state="VA", confirmed=False, n=50)
    with django_assert_num_queries(2):
        totals = petitions_selectors.signature_totals(petitions=[petition])
        top = petitions_selectors.signatures_top_states(petitions=[petition])
    assert totals[petition.pk] == {"confirmed": sum(range(1, 13)), "unconfirmed": 50}
    assert [(s["state"], s["count"]) for s in top[petition.pk]] == [
        (state, 12 - rank) for rank, state in enumerate(states[:10])
    ]
    assert top[petition.pk][0]["name"] == "California"


# --- the dashboard's data ----------------------------------------------------


def test_dashboard_petitions_section(campaign, superuser):
    dashboard = campaign_dashboard(user=superuser, today=TODAY)
    panels = dashboard["petitions"]["panels"]
    assert [p["petition"].slug for p in panels] == ["main"]  # closed one left out
    panel = panels[0]
    assert panel["totals"] == {"confirmed": 10, "unconfirmed": 3}
    assert panel["in_range"] == {"confirmed": 8, "unconfirmed": 2, "total": 10}
    assert panel["peak"]["day"] == TODAY
    assert [(s["state"], s["count"]) for s in panel["top_states"]] == [
        ("TX", 4),
        ("CA", 3),
        ("WA", 2),
        ("NY", 1),
    ]
    assert panel["per_day_url"] == f"/admin/petitions/petition/{campaign.pk}/per-day/"
    # Three days with signatures: today (confirmed + unconfirmed), Nov 18, Nov 9.
    assert len(panel["chart"].bars) == 4


def test_dashboard_letters_section(superuser):
    va = State.objects.create(abbr="VA", name="Virginia")
    ne = State.objects.create(abbr="NE", name="Nebraska", unicameral=True)
    ak = State.objects.create(abbr="AK", name="Alaska")
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=va, chamber="upper", count=3
    )
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=va, chamber="lower", count=5
    )
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=ne, chamber="legislature", count=9
    )
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=ak, chamber="upper", count=0
    )
    section = campaign_dashboard(user=superuser, today=TODAY)["letters"]
    assert section["total"] == 17
    assert [key for key, _ in section["columns"]] == ["upper", "lower", "legislature"]
    assert [(e["state"].abbr, e["cells"], e["total"]) for e in section["states"]] == [
        ("NE", [None, None, 9], 9),
        ("VA", [3, 5, None], 8),
    ]


def test_dashboard_guides_sections(superuser, settings):
    settings.GUIDES_STALE_DAYS = 120

    def guide(slug, days_ago, **fields):
        return Platform.objects.create(
            name=slug.title(),
            slug=slug,
            summary="s",
            last_verified=None
            if days_ago is None
            else TODAY - datetime.timedelta(days_ago),
            **fields,
        )

    old = guide("old", 121)
    guide("recent", 89)
    guide("edge", 120)  # checked exactly 120 days ago: not stale yet
    never = guide("never", None)
    guide("draft", 400, is_published=False)  # unpublished: not listed
    GuideReport.objects.create(platform=old, description="step 2 moved")
    GuideReport.objects.create(platform=old, description="gone")
    GuideReport.objects.create(platform=never, description="fixed", is_resolved=True)

    dashboard = campaign_dashboard(user=superuser, today=TODAY)
    assert dashboard["reports"]["waiting"] == 2
    assert (
        dashboard["reports"]["changelist_url"]
        == "/admin/guides/guidereport/?is_resolved__exact=0"
    )
    section = dashboard["stale_guides"]
    listed = section["guides"]
    # Every published guide, the longest unchecked first (never checked first).
    assert [
        (g["platform"].slug, g["days_ago"], g["is_stale"], g["open_reports"])
        for g in listed
    ] == [
        ("never", None, True, 0),
        ("old", 121, True, 2),
        ("edge", 120, False, 0),
        ("recent", 89, False, 0),
    ]
    assert section["days"] == 120 and section["stale_count"] == 2
    assert listed[1]["last_verified"] == TODAY - datetime.timedelta(121)
    assert listed[1]["change_url"] == f"/admin/guides/platform/{old.pk}/change/"
    assert listed[1]["check_url"] == f"/admin/guides/platform/{old.pk}/check/"
    assert listed[1]["reports_url"] == (
        f"/admin/guides/guidereport/?is_resolved__exact=0&platform__id__exact={old.pk}"
    )
    # Without the right to see reports: the count, but no link to them.
    viewer = staff("viewer", "guides.view_platform")
    rows = campaign_dashboard(user=viewer, today=TODAY)["stale_guides"]["guides"]
    assert rows[1]["open_reports"] == 2 and rows[1]["reports_url"] is None


def test_the_guides_list_costs_the_same_queries_however_many_guides(superuser):
    def guides_section_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            section = campaign_dashboard(user=superuser, today=TODAY)["stale_guides"]
        return len(queries.captured_queries), section

    Platform.objects.create(name="First", slug="first", summary="s")
    organization_get()  # read once, then cached (tests/core/test_organization.py)
    few, _ = guides_section_queries()
    for i in range(8):
        platform = Platform.objects.create(
            name=f"G{i}",
            slug=f"g{i}",
            summary="s",
            last_verified=TODAY - datetime.timedelta(i * 30),
        )
        GuideReport.objects.create(platform=platform, description="moved")
    many, section = guides_section_queries()
    assert many == few
    assert len(section["guides"]) == 9
    assert sum(g["open_reports"] for g in section["guides"]) == 8


def test_dashboard_costs_ten_queries_however_many_petitions(
    superuser, django_assert_num_queries
):
    for i in range(5):
        petition = make_petition(f"p{i}", launched=at(TODAY - datetime.timedelta(9)))
        sign(petition, at(TODAY - datetime.timedelta(i)), state="CA", n=i + 1)
    organization_get()  # the organization prompt reads it from the cache after this
    # 7 + the latest link-check run (none yet) + the legislator imports, + the
    # sources (live campaigns and source names: none live here, so no counts)
    # + the districts (open petitions, signers per ZIP, the ZIP table)
    # + letters sent by email and their replies (issue 18)
    # + the petitions without Spanish (issue 19: one query for all)
    # + the campaigns whose Spanish is missing
    # + the state pages without their Spanish (issue 19).
    with django_assert_num_queries(18):
        dashboard = campaign_dashboard(user=superuser, today=TODAY)
    assert len(dashboard["petitions"]["panels"]) == 5


def test_sections_follow_permissions():
    assert campaign_dashboard(user=staff("plain")) is None
    only_petitions = staff("petitions", "petitions.view_petition")
    assert campaign_dashboard(user=only_petitions) is None
    # Viewing signatures without the export right is not enough (same rule as
    # the per-day view and the signature list).
    assert campaign_dashboard(user=staff("half", "petitions.view_signature")) is None
    assert set(campaign_dashboard(user=staff("org", *SIGNATURE_PERMS))) == {
        "petitions",
        "districts",
    }
    assert set(
        campaign_dashboard(user=staff("letters", "letters.view_lettercount"))
    ) == {"letters"}
    editor = staff("editor", "guides.view_guidereport", "guides.view_platform")
    assert set(campaign_dashboard(user=editor)) == {"reports", "stale_guides"}


# --- the admin home page -----------------------------------------------------


def dashboard_html(content):
    html = content.decode()
    start = html.index('<section id="campaign-dashboard"')
    end = html.index('<div id="content-related"')
    return html[start:end]


def test_admin_home_shows_the_dashboard(client, superuser, campaign):
    old = Platform.objects.create(
        name="Oldbook",
        slug="oldbook",
        summary="s",
        last_verified=timezone.localdate() - datetime.timedelta(91),
    )
    GuideReport.objects.create(platform=old, description="moved")
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = dashboard_html(response.content)
    assert "Campaign dashboard" in html
    assert 'data-total="confirmed">10<' in html
    assert 'data-total="unconfirmed">3<' in html
    assert '<th scope="row">Texas</th><td>4</td>' in html
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "<details" in html and "Show these numbers as a table" in html
    assert "Confirmed (solid blue, bottom)" in html
    assert "Not confirmed yet (striped orange, on top)" in html
    assert f'href="/admin/petitions/petition/{campaign.pk}/change/"' in html
    assert 'href="/admin/guides/guidereport/?is_resolved__exact=0"' in html
    assert f'href="/admin/guides/platform/{old.pk}/change/"' in html
    assert "(91 days ago)" in html
    # Above Django's own app list.
    page = response.content.decode()
    assert page.index('id="campaign-dashboard"') < page.index('class="app-petitions')


def test_svg_bars_match_the_counts(client, superuser):
    today = timezone.localdate()
    petition = make_petition("bars", launched=at(today - datetime.timedelta(6)))
    counts = {6: (2, 0), 4: (8, 4), 1: (0, 3), 0: (5, 1)}  # days ago: (conf, unconf)
    for days_ago, (confirmed, unconfirmed) in counts.items():
        day = today - datetime.timedelta(days_ago)
        if confirmed:
            sign(petition, at(day, 11), n=confirmed)
        if unconfirmed:
            sign(petition, at(day, 11), confirmed=False, n=unconfirmed)
    client.force_login(superuser)
    html = dashboard_html(client.get("/admin/").content)
    svg = re.search(r'<svg class="cd-chart".*?</svg>', html, re.S).group(0)
    bars = re.findall(
        r'<rect class="cd-bar cd-bar--(\w+)" data-kind="\w+" data-count="(\d+)" '
        r'x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"',
        svg,
    )
    nonzero = sum(1 for pair in counts.values() for n in pair if n)
    assert len(bars) == nonzero == 6
    assert sorted(int(b[1]) for b in bars) == sorted(
        n for pair in counts.values() for n in pair if n
    )
    # Heights proportional to counts: the same pixels per signature for all.
    ratios = {round(float(b[5]) / int(b[1]), 3) for b in bars}
    assert len(ratios) == 1
    # 12 on the busiest day: the axis goes to 15 in steps of 5, plot 180 high.
    assert ratios == {12.0}
    # Confirmed are solid, unconfirmed hatched with an outline: not colour alone.
    assert svg.count('fill="#1d4f91"') == 3
    assert svg.count(f'fill="url(#cd-hatch-{petition.pk})"') == 3
    # The table holds the same numbers, one row per day (7 days since launch).
    table = re.search(r"<details.*?</details>", html, re.S).group(0)
    assert table.count('<th scope="row">') == 7 + 1  # and the total row
    assert "<td>8</td><td>4</td><td>12</td>" in table


def test_friendly_empty_states(client, superuser):
    make_petition("quiet", launched=at(timezone.localdate()))
    client.force_login(superuser)
    html = dashboard_html(client.get("/admin/").content)
    assert "No signatures yet." in html
    assert "Signatures today, " in html  # launched today: one day, not "to"
    assert "No confirmed signatures yet." in html
    assert "No letters generated yet." in html
    assert "No reader reports waiting." in html
    assert "No published guides yet." in html
    assert '<svg class="cd-chart"' not in html

    Petition.objects.update(is_open=False)
    html = dashboard_html(client.get("/admin/").content)
    assert "No petitions are open right now." in html


def test_staff_without_signature_permission_see_no_signature_numbers(client, campaign):
    user = staff(
        "viewer",
        "petitions.view_petition",
        "petitions.view_signature",
        "letters.view_lettercount",
    )
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="campaign-dashboard"' in html  # the letters section
    assert "Open petitions" not in html
    assert 'data-total="confirmed"' not in html
    assert "cd-chart" not in html
    assert "Texas" not in html

    # Signature figures without the right to open petitions: no dead link.
    client.force_login(staff("counter", *SIGNATURE_PERMS))
    html = dashboard_html(client.get("/admin/").content)
    assert 'data-total="confirmed">10<' in html
    assert f"/admin/petitions/petition/{campaign.pk}/change/" not in html
    assert f"/admin/petitions/petition/{campaign.pk}/per-day/" in html

    client.force_login(staff("nothing"))
    html = client.get("/admin/").content.decode()
    assert 'id="campaign-dashboard"' not in html


def test_admin_home_is_csp_compatible(client, superuser, campaign):
    client.force_login(superuser)
    response = client.get("/admin/")
    html = response.content.decode()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline script: {tag}"
    fragment = dashboard_html(response.content)
    assert "<script" not in fragment
    assert "<style" not in fragment
    assert not re.search(r"\sstyle\s*=", fragment)
    assert not re.search(r"\son\w+\s*=", fragment)  # no inline event handlers
    assert "/static/css/campaign_dashboard.css" in html


def test_admin_home_queries_do_not_grow_with_petitions(
    client, superuser, django_assert_max_num_queries
):
    today = timezone.localdate()
    make_petition("first", launched=at(today - datetime.timedelta(3)))
    client.force_login(superuser)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/admin/")
    for i in range(6):
        petition = make_petition(f"more{i}", launched=at(today - datetime.timedelta(9)))
        sign(petition, at(today), state="NY", n=i + 1)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/admin/")
    assert response.content.decode().count('class="cd-petition"') == 7


# --- in a real browser -------------------------------------------------------

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_in_chromium_axe_and_screenshot(page, live_server, screenshot_dir):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    today = timezone.localdate()
    petition = make_petition(
        "browser",
        title="Keep our data out of AI training",
        launched=at(today - datetime.timedelta(45)),
    )
    states = ["CA", "TX", "NY", "FL", "WA", "OR", "IL", "OH", "PA", "MI", "GA"]
    for days_ago in range(30):
        day = today - datetime.timedelta(days_ago)
        sign(petition, at(day, 10), state=states[days_ago % 11], n=(days_ago * 7) % 13)
        sign(petition, at(day, 11), confirmed=False, n=days_ago % 4)
    make_petition("fresh", title="A brand-new petition", launched=at(today, 0, 5))
    va = State.objects.create(abbr="VA", name="Virginia")
    ne = State.objects.create(abbr="NE", name="Nebraska", unicameral=True)
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=va, chamber="upper", count=12
    )
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=va, chamber="lower", count=30
    )
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=ne, chamber="legislature", count=4
    )
    stale = Platform.objects.create(
        name="Oldbook",
        slug="oldbook",
        summary="s",
        last_verified=today - datetime.timedelta(120),
    )
    Platform.objects.create(name="Neverchecked", slug="never", summary="s")
    GuideReport.objects.create(platform=stale, description="The menu moved.")
    User.objects.create_superuser("organizer", "o@example.com", "pw-12345")

    csp_errors = []
    page.on(
        "console",
        lambda msg: (
            csp_errors.append(msg.text)
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("organizer")
    page.get_by_label("Password").fill("pw-12345")
    page.get_by_role("button", name="Log in").click()

    dashboard = page.locator("#campaign-dashboard")
    expect(dashboard).to_be_visible()
    chart = dashboard.get_by_role("img", name=re.compile("Signatures per day for"))
    expect(chart).to_have_count(1)
    # One rect per day and kind with signatures.
    segments = sum(1 for d in range(30) if (d * 7) % 13) + sum(
        1 for d in range(30) if d % 4
    )
    expect(chart.locator("rect.cd-bar")).to_have_count(segments)
    expect(dashboard.get_by_text("No signatures yet.")).to_be_visible()  # the new one
    # The CSS file styles the chart (no inline styles needed).
    assert chart.evaluate("e => getComputedStyle(e).backgroundColor") == (
        "rgb(255, 255, 255)"
    )
    page.screenshot(path=str(screenshot_dir / "admin-dashboard-1280.png"))

    # The table alternative, opened, is part of the check too.
    dashboard.locator("summary").first.click()
    expect(
        dashboard.get_by_role("table", name=re.compile("per day for"))
    ).to_be_visible()
    results = Axe().run(
        page,
        context={"include": [["#campaign-dashboard"]]},
        options={"runOnly": AXE_RULES},
    )
    assert results.violations_count == 0, results.generate_report()
    assert csp_errors == []
    page.screenshot(
        path=str(screenshot_dir / "admin-dashboard-1280-full.png"), full_page=True
    )

    # Django's admin follows the system's dark mode; the dashboard must too.
    page.emulate_media(color_scheme="dark")
    page.reload()
    dashboard.locator("summary").first.click()
    results = Axe().run(
        page,
        context={"include": [["#campaign-dashboard"]]},
        options={"runOnly": AXE_RULES},
    )
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=str(screenshot_dir / "admin-dashboard-1280-dark.png"))

    # On a phone the sections stack and nothing sticks out sideways.
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    overflow = dashboard.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 0
    box = chart.bounding_box()
    assert box["width"] <= 390
    results = Axe().run(
        page,
        context={"include": [["#campaign-dashboard"]]},
        options={"runOnly": AXE_RULES},
    )
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(
        path=str(screenshot_dir / "admin-dashboard-390.png"), full_page=True
    )


# --- where and when the legislators came from ----------------------------------


def roster(abbrs, as_of, **fields):
    return RosterImport.objects.create(
        source=fields.get("source", "Open States"),
        kind=fields.get("kind", "snapshot"),
        as_of=as_of,
        states="," + ",".join(abbrs) + ",",
        legislators=len(abbrs) * 10,
    )


def test_admin_home_warns_once_an_election_has_passed_since_the_roster(
    client, superuser
):
    today = timezone.localdate()
    as_of = today - datetime.timedelta(days=800)  # always before an even-year election
    roster(["WA", "VA"], as_of)
    client.force_login(superuser)
    html = dashboard_html(client.get("/admin/").content)
    section = html[html.index('data-section="roster"') :]
    assert (
        f"Legislators of 2 jurisdictions as of {as_of:%B} {as_of.day}, {as_of.year}"
        in section
    )
    assert "(Open States)" in section
    assert (
        "Out of date" in section
        and "These lists are from before the election" in section
    )
    assert "<code>manage.py import_legislators --download</code>" in section
    assert "After an election" in section


def test_no_warning_for_a_roster_newer_than_the_last_election(client, superuser):
    roster(["WA"], timezone.localdate())
    client.force_login(superuser)
    html = dashboard_html(client.get("/admin/").content)
    section = html[html.index('data-section="roster"') :]
    assert "Legislators of 1 jurisdiction as of" in section
    assert "Out of date" not in section


def test_the_2026_election_makes_the_august_snapshot_out_of_date(superuser):
    roster(["WA", "VA", "PR"], datetime.date(2026, 8, 5))
    before = campaign_dashboard(user=superuser, today=datetime.date(2026, 11, 3))
    assert before["roster"]["stale"] is None
    after = campaign_dashboard(user=superuser, today=datetime.date(2026, 12, 1))
    stale = after["roster"]["stale"]
    assert stale["election"] == datetime.date(2026, 11, 3)
    # Puerto Rico elects every four years (2028 next).
    assert stale["states"] == ["VA", "WA"] and not stale["all_states"]


def test_odd_years_warn_only_for_the_states_that_vote_then(superuser):
    roster(["WA", "VA", "NJ"], datetime.date(2026, 12, 1))
    section = campaign_dashboard(user=superuser, today=datetime.date(2027, 11, 10))[
        "roster"
    ]
    assert section["stale"]["states"] == ["NJ", "VA"]
    assert section["stale"]["election"] == datetime.date(2027, 11, 2)


def test_a_later_import_for_some_states_is_what_counts_for_them(superuser):
    roster(["WA", "VA"], datetime.date(2026, 8, 5))
    roster(["WA"], datetime.date(2026, 11, 25), kind="download")
    section = campaign_dashboard(user=superuser, today=datetime.date(2026, 12, 1))[
        "roster"
    ]
    assert section["stale"]["states"] == ["VA"]
    assert section["as_of"] == datetime.date(2026, 8, 5)
    assert section["until"] == datetime.date(2026, 11, 25)


def test_the_roster_section_needs_the_legislator_view_permission():
    roster(["WA"], datetime.date(2026, 8, 5))
    assert set(campaign_dashboard(user=staff("lookup", "letters.view_legislator"))) == {
        "roster"
    }


def test_dashboard_letters_section_counts_letters_to_a_campaigns_own_office(
    superuser,
):
    from campaigns.models import Campaign

    va = State.objects.create(abbr="VA", name="Virginia")
    governor = Campaign.objects.create(
        slug="governor", title="Governor", status="live", target="custom"
    )
    LetterCount.objects.create(campaign=governor, state=va, chamber="custom", count=4)
    LetterCount.objects.create(
        campaign=letter_count_campaign(), state=va, chamber="upper", count=1
    )
    section = campaign_dashboard(user=superuser, today=TODAY)["letters"]
    assert section["columns"] == [
        ("upper", "Upper chamber"),
        ("custom", "Another office"),
    ]
    assert [(e["state"].abbr, e["cells"]) for e in section["states"]] == [
        ("VA", [1, 4])
    ]
