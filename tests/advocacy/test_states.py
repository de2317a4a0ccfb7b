"""The state map (/states/) and state pages (/states/va/) through their URLs,
with the project's own seeded facts (letters.content.load)."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.utils import timezone

from letters import content as letters_content
from letters.models import Legislator, RosterImport
from states.models import PrivacyLaw, State

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)
FIFTY_AND_DC = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT "
    "NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)


@pytest.fixture
def today(monkeypatch):
    """Pin "today" so classes that depend on dates stay testable over time."""
    day = {"value": TODAY}
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day["value"])
    return day


@pytest.fixture
def seeded(db, today):
    letters_content.load()
    return State.objects.count()


class MapParser(HTMLParser):
    """Collects the map's tile links and the table's rows from a page."""

    def __init__(self):
        super().__init__()
        self.tiles = []  # dicts: href, label, status, abbr, title, text
        self.rows = []  # dicts: abbr, status, cells
        self._tile = None
        self._in_title = False
        self._row = None
        self._cell = None
        self._in_svg = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and "tilemap__svg" in (a.get("class") or ""):
            self._in_svg += 1
        if tag == "a" and self._in_svg:
            self._tile = {
                "href": a.get("href"),
                "label": a.get("aria-label"),
                "status": a.get("data-status"),
                "abbr": a.get("data-abbr"),
                "class": a.get("class", ""),
                "title": "",
                "text": "",
                "rect_fill": None,
            }
        elif tag == "title" and self._tile is not None:
            self._in_title = True
        elif tag == "rect" and self._tile is not None:
            self._tile["rect_fill"] = a.get("fill")
        elif tag == "tr" and a.get("data-abbr"):
            self._row = {
                "abbr": a["data-abbr"],
                "status": a.get("data-status"),
                "cells": [],
            }
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif tag == "a" and self._row is not None and self._cell is not None:
            self._row["href"] = a.get("href")

    def handle_endtag(self, tag):
        if tag == "svg" and self._in_svg and self._tile is None:
            self._in_svg -= 1
        if tag == "a" and self._tile is not None:
            self.tiles.append(self._tile)
            self._tile = None
        elif tag == "title":
            self._in_title = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row["cells"].append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._tile is not None:
            if self._in_title:
                self._tile["title"] += data
            else:
                self._tile["text"] += data
        if self._cell is not None:
            self._cell += data


def parse(html):
    parser = MapParser()
    parser.feed(html)
    return parser


def get_map(client, url="/states/"):
    response = client.get(url)
    assert response.status_code == 200
    return response, parse(response.content.decode())


def test_known_states_are_classed_from_the_seeded_data(client, seeded):
    _, page = get_map(client)
    by_abbr = {t["abbr"]: t for t in page.tiles}
    assert by_abbr["VA"]["status"] == "in-effect"
    assert by_abbr["VA"]["label"] == "Virginia: law in effect since 2023"
    assert by_abbr["CA"]["status"] == "in-effect"
    # Signed in 2026, not in force on 2026-11-29.
    assert by_abbr["VT"]["status"] == "enacted"
    assert (
        by_abbr["VT"]["label"] == "Vermont: law enacted, takes effect January 1, 2028"
    )
    assert by_abbr["OK"]["status"] == "enacted"
    assert (
        by_abbr["OK"]["label"] == "Oklahoma: law enacted, takes effect January 1, 2027"
    )
    assert by_abbr["AL"]["status"] == "enacted"
    assert by_abbr["AK"]["status"] == "none"
    assert by_abbr["AK"]["label"] == "Alaska: no comprehensive privacy law"
    # Florida's FDBR is counted as a law since the December 2026 corrections
    # (its narrow reach is said wherever it is named).
    assert by_abbr["FL"]["status"] == "in-effect"
    counts = {
        s: sum(t["status"] == s for t in page.tiles)
        for s in ("in-effect", "enacted", "none")
    }
    assert counts == {"in-effect": 20, "enacted": 4, "none": 27}


def test_classes_move_with_the_date(client, seeded, today):
    today["value"] = datetime.date(2027, 1, 1)  # OK and LA start that day
    _, page = get_map(client)
    by_abbr = {t["abbr"]: t["status"] for t in page.tiles}
    assert by_abbr["OK"] == "in-effect"
    assert by_abbr["LA"] == "in-effect"
    assert by_abbr["AL"] == "enacted"  # 2027-05-01
    assert by_abbr["VT"] == "enacted"


def test_every_state_and_dc_is_one_linked_named_tile(client, seeded):
    response, page = get_map(client)
    abbrs = [t["abbr"] for t in page.tiles]
    assert len(abbrs) == 51
    assert set(abbrs) == FIFTY_AND_DC
    for tile in page.tiles:
        assert tile["href"] == f"/states/{tile['abbr'].lower()}/"
        name = State.objects.get(abbr=tile["abbr"]).name
        assert tile["label"].startswith(f"{name}: ")
        assert tile["title"] == tile["label"]
        # The abbreviation is written on the tile, not only coloured.
        assert tile["abbr"] in tile["text"]
        assert f"tilemap__tile--{tile['status']}" in tile["class"]
        # Enacted tiles are hatched, the others are not.
        assert (tile["rect_fill"] or "").startswith("url(#") == (
            tile["status"] == "enacted"
        )
    html = response.content.decode()
    # The legend names all three classes in words.
    for words in (
        "Law in effect",
        "Enacted, not yet in effect",
        "No comprehensive law",
    ):
        assert words in html
    assert "Puerto Rico" in html  # linked below the table, not on the map
    assert "20 of 51 (the 50 states and DC) have a comprehensive" in html
    assert "4 more have passed one" in html
    assert "27 have none" in html
    # Florida counts as a law since the December 2026 corrections; the map
    # page still says how narrow it is.
    assert "not counted as comprehensive" not in html
    assert (
        "Florida's Digital Bill of Rights is counted, though it covers only a few "
        "very large companies." in html
    )


def test_the_table_matches_the_map(client, seeded):
    _, page = get_map(client)
    tiles = {t["abbr"]: t for t in page.tiles}
    rows = {r["abbr"]: r for r in page.rows}
    assert set(rows) == set(tiles)
    labels = {
        "in-effect": "Law in effect",
        "enacted": "Enacted, not yet in effect",
        "none": "No comprehensive law",
    }
    for abbr, row in rows.items():
        assert row["status"] == tiles[abbr]["status"]
        assert row["href"] == tiles[abbr]["href"]
        assert labels[row["status"]] in row["cells"][1]
    va = rows["VA"]["cells"]
    assert va[0] == "Virginia"
    assert "Consumer Data Protection Act" in va[2]
    assert va[3] == "January 1, 2023"
    assert va[4] == "F"
    assert rows["VT"]["cells"][3] == "January 1, 2028"
    assert rows["AK"]["cells"][2] == "None"
    assert rows["AK"]["cells"][4] == "Not graded"
    # Default order: by state name.
    names = [r["cells"][0] for r in page.rows]
    assert names == sorted(names)


def test_the_table_sorts_without_javascript(client, seeded):
    response, page = get_map(client, "/states/?sort=grade")
    grades = [r["cells"][4] for r in page.rows]
    assert grades[0] == "B+"  # California, the best graded
    assert grades[-1] == "Not graded"
    assert grades.index("Not graded") == 19  # 19 graded laws first
    html = response.content.decode()
    assert re.search(r'aria-sort="ascending" data-sort-key="grade"', html)
    # The sorted column's link flips the direction.
    assert 'href="?sort=-grade#states-table"' in html

    _, page = get_map(client, "/states/?sort=-effective")
    first = [r["abbr"] for r in page.rows[:2]]
    assert first == ["VT", "AL"]  # the latest start dates first
    _, page = get_map(client, "/states/?sort=status")
    statuses = [r["status"] for r in page.rows]
    assert statuses == sorted(statuses, key=["in-effect", "enacted", "none"].index)
    # Nonsense falls back to the state name.
    assert get_map(client, "/states/?sort=%3Cscript%3E")[0].status_code == 200


def test_state_page_with_a_law_in_effect(client, seeded):
    response = client.get("/states/va/")
    assert response.status_code == 200
    html = response.content.decode()
    law = PrivacyLaw.objects.get(state__abbr="VA")
    assert "<h1>Virginia has a privacy law in effect</h1>" in html
    assert law.law_name in html
    assert "January 1, 2023" in html
    assert "<strong>F</strong>" in html  # EPIC/PIRG grade
    assert "Stop the sale of your personal data" in html
    assert "you cannot sue a company that breaks it" in html  # AG-only enforcement
    for url in law.source_list:
        assert f'href="{url}"' in html
    assert "July 2, 2026" in html  # as of
    assert 'href="/letters/?state=VA"' in html
    assert 'href="/petitions/state-privacy-law/"' in html
    assert "What a stronger law would add" in html
    state = State.objects.get(abbr="VA")
    assert f'href="{state.find_legislator_url}"' in html
    assert "the Virginia General Assembly's own lookup" in html


def test_state_page_of_an_enacted_law_and_its_training_data_duty(client, seeded):
    html = client.get("/states/vt/").content.decode()
    assert "Vermont has passed a privacy law that is not in effect yet" in html
    assert "January 1, 2028" in html
    assert "Until then it gives you no rights." in html
    law = PrivacyLaw.objects.get(state__abbr="VT")
    assert law.training_data_disclosure
    assert "Training-data disclosure" in html
    assert "Not graded" in html


def test_state_page_without_a_law_says_so_and_what_a_good_law_does(client, seeded):
    html = client.get("/states/ak/").content.decode()
    assert "<h1>Alaska has no comprehensive privacy law</h1>" in html
    assert "What a good privacy law would do" in html
    assert "Ask before training AI" in html
    assert "The rights it gives, or lacks" not in html
    assert 'href="/letters/?state=AK"' in html

    html = client.get("/states/fl/").content.decode()
    assert "Florida Digital Bill of Rights" in html
    assert "only very large for-profit" in html  # the note says how narrow it is


def test_unverified_rights_say_not_verified(client, seeded):
    # Iowa's targeted-ads opt-out is blank in the research (sources disagree).
    html = client.get("/states/ia/").content.decode()
    assert "Opt out of targeted advertising" in html
    assert "Not verified" in html


def test_unknown_states_404_and_capitals_redirect(client, seeded):
    assert client.get("/states/zz/").status_code == 404
    assert client.get("/states/virginia/").status_code == 404
    response = client.get("/states/VA/")
    assert response.status_code == 301
    assert response["Location"] == "/states/va/"


def test_counts_on_a_state_page(client, seeded):
    from petitions import content as petitions_content
    from petitions.models import Signature

    va = State.objects.get(abbr="VA")
    md = State.objects.get(abbr="MD")
    for i in range(3):
        Legislator.objects.create(
            openstates_id=f"ocd-person/va-{i}",
            state=va,
            chamber="lower",
            district=str(i),
            name=f"Del {i}",
        )
    Legislator.objects.create(
        openstates_id="ocd-person/va-old",
        state=va,
        chamber="upper",
        district="9",
        name="Gone",
        active=False,
    )
    Legislator.objects.create(
        openstates_id="ocd-person/md-1",
        state=md,
        chamber="upper",
        district="1",
        name="Sen",
    )

    petition = petitions_content.load()
    assert petition.slug == "state-privacy-law"
    now = timezone.now()

    def sign(n, state, confirmed, petition=petition):
        for i in range(n):
            Signature.objects.create(
                petition=petition,
                first_name="A",
                last_name="B",
                email=f"{state}-{confirmed}-{petition.slug}-{i}@example.com",
                zip_code="23219" if state == "VA" else "21201",
                state=state,
                confirmed_at=now if confirmed else None,
            )

    sign(4, "VA", True)
    sign(2, "VA", False)  # never confirmed: not counted
    sign(5, "MD", True)

    html = client.get("/states/va/").content.decode()
    assert (
        "we have the names and addresses of <strong>3</strong> of Virginia's legislators"
        in html
    )
    assert "(Senate: 0 of 40 seats; House: 3 of 100 seats)" in html
    assert "<strong>4</strong> people from Virginia have signed the petition" in html
    html = client.get("/states/md/").content.decode()
    assert (
        "we have the names and addresses of <strong>1</strong> of Maryland's legislators"
        in html
    )
    assert "<strong>5</strong> people from Maryland have signed" in html
    html = client.get("/states/ak/").content.decode()
    assert "We do not have the list of Alaska's legislators yet" in html
    assert "No one from Alaska has signed the petition" in html
    sign(1, "DE", True)
    cache.clear()  # the per-state counts are cached for a minute
    html = client.get("/states/de/").content.decode()
    assert "<strong>1</strong> person from Delaware has signed" in html


def test_the_map_and_pages_refresh_when_an_organizer_edits_the_facts(
    client, seeded, django_assert_max_num_queries
):
    client.get("/states/")
    client.get("/states/ak/")
    # Cached: the law facts cost no query the second time.
    with django_assert_max_num_queries(0):
        from states import selectors

        selectors.state_rows(today=TODAY)
        selectors.state_facts(abbr="AK", today=TODAY)

    law = PrivacyLaw.objects.get(state__abbr="AK")
    law.has_comprehensive_law = True
    law.law_name = "Alaska Consumer Data Privacy Act"
    law.effective_date = datetime.date(2026, 7, 1)
    law.save()

    _, page = get_map(client)
    ak = next(t for t in page.tiles if t["abbr"] == "AK")
    assert ak["status"] == "in-effect"
    assert ak["label"] == "Alaska: law in effect since 2026"
    html = client.get("/states/ak/").content.decode()
    assert "Alaska has a privacy law in effect" in html
    assert "Alaska Consumer Data Privacy Act" in html
    # The home page's small map too.
    assert (
        'aria-label="Alaska: law in effect since 2026"'
        in client.get("/").content.decode()
    )

    # Renaming a state (a State edit) and deleting the facts invalidate as well.
    state = State.objects.get(abbr="AK")
    state.name = "Alaska (edited)"
    state.save()
    assert (
        'aria-label="Alaska (edited): law in effect since 2026"'
        in client.get("/states/").content.decode()
    )
    law.delete()
    html = client.get("/states/ak/").content.decode()
    assert "We have not researched" in html


def test_home_shows_the_small_map_linking_to_states(client, seeded):
    html = client.get("/").content.decode()
    page = parse(html)
    assert len(page.tiles) == 51
    assert 'href="/states/"' in html
    assert "tilemap--compact" in html
    assert "https://" not in html  # nothing from elsewhere


def test_states_page_loads_nothing_from_elsewhere_and_has_no_inline_code(
    client, seeded
):
    html = client.get("/states/").content.decode()
    assert "<script>" not in html
    assert "<style" not in html
    assert " style=" not in html
    assert re.search(r"<script[^>]+src=\"/static/js/states\.js\"", html)
    # hreflang alternates name this page's own address in each language
    # (absolute, on SITE_URL); nothing is loaded from them.
    html = re.sub(r'<link rel="alternate" hreflang="[^"]+" href="[^"]+">', "", html)
    assert not re.search(r'(src|href)="https?://', html)


def test_pages_without_seeded_facts_still_work(client, db):
    response = client.get("/states/")
    assert response.status_code == 200
    assert "have not been loaded yet" in response.content.decode()
    assert client.get("/").status_code == 200


def test_go_to_your_state_form_works_without_javascript(client, seeded):
    html = client.get("/states/").content.decode()
    assert '<option value="va">Virginia</option>' in html
    response = client.get("/states/", {"state": "va"})
    assert response.status_code == 302
    assert response["Location"] == "/states/va/"
    # Unknown values just show the map.
    assert client.get("/states/", {"state": "zz"}).status_code == 200


def test_puerto_rico_has_a_page_but_no_square(client, seeded):
    _, page = get_map(client)
    assert "PR" not in {t["abbr"] for t in page.tiles}
    assert "PR" not in {r["abbr"] for r in page.rows}
    assert 'href="/states/pr/"' in client.get("/states/").content.decode()
    html = client.get("/states/pr/").content.decode()
    assert "Puerto Rico: no privacy law recorded" in html
    assert "We have not researched Puerto Rico" in html
    assert 'href="/letters/?state=PR"' in html


def test_bulk_updates_need_an_explicit_bump(client, seeded):
    """QuerySet.update sends no signals: importers must call states_cache_bump()."""
    from states.selectors import states_cache_bump

    assert "<strong>F</strong>" in client.get("/states/va/").content.decode()
    PrivacyLaw.objects.filter(state__abbr="VA").update(epic_pirg_grade="B")
    assert "<strong>F</strong>" in client.get("/states/va/").content.decode()  # cached
    states_cache_bump()
    assert "<strong>B</strong>" in client.get("/states/va/").content.decode()


def test_an_edit_bumps_the_cache_again_after_commit(
    seeded, django_capture_on_commit_callbacks
):
    """A page rendered between save and commit must not keep the old facts."""
    from states.selectors import states_cache_version

    before = states_cache_version()
    law = PrivacyLaw.objects.get(state__abbr="VA")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        law.save()
        assert states_cache_version() == before + 1
    for callback in callbacks:
        callback()
    assert states_cache_version() == before + 2


def test_state_page_dates_the_legislators_and_warns_after_an_election(client, seeded):
    html = client.get("/states/wa/").content.decode()
    assert "Legislators as of" not in html  # nothing imported: nothing to date
    as_of = timezone.localdate() - datetime.timedelta(days=800)
    RosterImport.objects.create(
        source="Open States", kind="snapshot", as_of=as_of, states=",WA,VA,"
    )
    html = client.get("/states/wa/").content.decode()
    assert (
        f"Legislators as of {as_of:%B} {as_of.day}, {as_of.year} (Open States)." in html
    )
    assert re.search(r"Members elected on \w+ \d+, \d{4} may not be listed yet", html)
    assert "the legislature’s own website" in html
    # Another state's import does not date this one.
    assert "Legislators as of" not in client.get("/states/or/").content.decode()
