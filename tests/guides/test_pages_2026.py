"""Guide pages, 2026: the stale banner, "What changed", app/website step groups."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from core import pagecache
from guides import content
from guides.models import GuideChange, GuideCheck, Platform, Source, Step

from .conftest import make_platform

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
STALE = datetime.timedelta(days=settings.GUIDES_STALE_DAYS + 1)


def set_today(monkeypatch, day):
    """Move the site's clock (Platform.is_stale reads timezone.localdate)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    pagecache.clear()  # a process's copy would keep yesterday's banner


def text_of(html):
    """The page's text: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def banner_of(html):
    match = re.search(r"<p [^>]*data-stale-banner[^>]*>(.*?)</p>", html, re.S)
    return match and text_of(match.group(1)).strip()


# ---- Stale banner -------------------------------------------------------------


def test_stale_guide_shows_the_banner_with_a_link_to_the_report_form(
    client, monkeypatch
):
    set_today(monkeypatch, TODAY)
    make_platform(last_verified=TODAY - STALE)
    html = client.get("/guides/example/").content.decode()
    checked = (TODAY - STALE).strftime("%-d %B %Y")
    assert banner_of(html) == (
        f"⚠ This guide may be out of date: last checked on {checked}. "
        "If a step no longer matches, tell us."
    )
    assert '<a href="#report">tell us</a>' in html
    assert 'id="report"' in html and '<form method="post"' in html
    assert "Menus change often" not in html
    # Near the top: in the header, before the caveats and the steps.
    assert html.index("data-stale-banner") < html.index('id="caveats-title"')
    header = html.split('<header class="guide__header">')[1].split("</header>")[0]
    assert "data-stale-banner" in header


def test_banner_only_past_the_limit(client, monkeypatch):
    set_today(monkeypatch, TODAY)
    limit = datetime.timedelta(days=settings.GUIDES_STALE_DAYS)
    platform = make_platform(last_verified=TODAY - limit)  # exactly the limit: fresh
    assert banner_of(client.get("/guides/example/").content.decode()) is None
    set_today(monkeypatch, TODAY + datetime.timedelta(days=1))
    assert "last checked on" in banner_of(
        client.get("/guides/example/").content.decode()
    )
    platform.last_verified = None
    platform.save()
    assert banner_of(client.get("/guides/example/").content.decode()) == (
        "⚠ This guide may be out of date: we have not checked it yet. "
        "If a step no longer matches, tell us."
    )


def test_last_verified_shows_the_guides_latest_check_date(client, monkeypatch):
    set_today(monkeypatch, TODAY)
    make_platform(last_verified=datetime.date(2026, 11, 20))
    html = client.get("/guides/example/").content.decode()
    assert "Last verified: on 20 November 2026" in text_of(html)
    assert banner_of(html) is None


def test_index_marks_stale_guides_in_words(client, monkeypatch):
    set_today(monkeypatch, TODAY)
    make_platform(slug="old", last_verified=TODAY - STALE)
    make_platform(slug="fresh", last_verified=TODAY)
    html = client.get("/guides/").content.decode()
    old = html.split('data-slug="old"')[1].split("</li>")[0]
    fresh = html.split('data-slug="fresh"')[1].split("</li>")[0]
    assert "May be out of date" in old
    assert "May be out of date" not in fresh


# ---- What changed -----------------------------------------------------------


def test_what_changed_lists_entries_newest_first_by_month(client):
    platform = make_platform()
    GuideChange.objects.create(
        platform=platform, date=datetime.date(2026, 3, 4), text="Older change."
    )
    GuideChange.objects.create(
        platform=platform, date=datetime.date(2026, 12, 1), text="Newest change."
    )
    GuideChange.objects.create(
        platform=platform, date=datetime.date(2026, 7, 9), text="Middle change."
    )
    html = client.get("/guides/example/").content.decode()
    section = html.split('id="changes-title"')[1].split("</section>")[0]
    items = [text_of(li).strip() for li in re.findall(r"<li>(.*?)</li>", section)]
    assert items == [
        "December 2026: Newest change.",
        "July 2026: Middle change.",
        "March 2026: Older change.",
    ]
    assert '<time class="changes__when" datetime="2026-12">' in section


def test_no_what_changed_section_without_entries(client):
    make_platform()
    assert "What changed" not in client.get("/guides/example/").content.decode()


def test_sources_show_their_date_when_they_have_one(client):
    platform = make_platform()
    Source.objects.create(
        platform=platform,
        title="Dated post",
        url="https://example.com/post",
        published_on=datetime.date(2026, 9, 15),
    )
    html = client.get("/guides/example/").content.decode()
    assert "Dated post</a>, <time" in html and "15 September 2026" in html
    assert "Help page</a></li>" in html  # the undated source: no date


def test_home_shows_the_three_latest_changes_with_links(client):
    alpha = make_platform(slug="alpha")
    beta = make_platform(slug="beta")
    hidden = make_platform(slug="hidden", is_published=False)
    for platform, day, text in [
        (alpha, datetime.date(2026, 1, 5), "Alpha oldest."),
        (beta, datetime.date(2026, 6, 5), "Beta middle."),
        (alpha, datetime.date(2026, 9, 5), "Alpha newer."),
        (hidden, datetime.date(2026, 11, 5), "Hidden draft change."),
        (beta, datetime.date(2026, 10, 5), "Beta newest."),
    ]:
        GuideChange.objects.create(platform=platform, date=day, text=text)
    html = client.get("/").content.decode()
    section = html.split('id="home-changes-title"')[1].split("</section>")[0]
    assert "What changed lately" in html
    items = [text_of(li).strip() for li in re.findall(r"<li>(.*?)</li>", section, re.S)]
    assert items == [
        "October 2026: Beta newest. Open the Beta guide",
        "September 2026: Alpha newer. Open the Alpha guide",
        "June 2026: Beta middle. Open the Beta guide",
    ]
    assert section.count('href="/guides/beta/"') == 2
    assert "Hidden draft" not in html

    # An edit shows at once: the cached list is versioned with the guides.
    GuideChange.objects.create(
        platform=alpha, date=datetime.date(2026, 12, 1), text="Brand new."
    )
    assert "December 2026</time>: Brand new." in client.get("/").content.decode()
    GuideChange.objects.filter(text="Brand new.").delete()
    assert "Brand new." not in client.get("/").content.decode()


def test_home_shows_one_line_per_guide_and_day_most_used_guides_first(client):
    """On a day many guides changed, the home page names three guides."""
    first = make_platform(slug="first", position=10)
    second = make_platform(slug="second", position=20)
    third = make_platform(slug="third", position=30)
    day = datetime.date(2026, 12, 1)
    for platform, text in [
        (third, "Third changed."),
        (first, "First, line one."),
        (first, "First, line two."),
        (second, "Second changed."),
    ]:
        GuideChange.objects.create(platform=platform, date=day, text=text)
    section = client.get("/").content.decode().split('id="home-changes-title"')[1]
    section = section.split("</section>")[0]
    items = [text_of(li).strip() for li in re.findall(r"<li>(.*?)</li>", section, re.S)]
    assert items == [
        "December 2026: First, line one. Open the First guide",
        "December 2026: Second changed. Open the Second guide",
        "December 2026: Third changed. Open the Third guide",
    ]


def test_home_without_changes_has_no_section(client):
    make_platform()
    assert "What changed lately" not in client.get("/").content.decode()


def test_home_changes_cost_no_query_when_warm(client, django_assert_num_queries):
    from guides.selectors import guide_changes_latest

    platform = make_platform()
    GuideChange.objects.create(platform=platform, date=TODAY, text="A change.")
    with django_assert_num_queries(1):
        assert len(guide_changes_latest()) == 1
    with django_assert_num_queries(0):
        guide_changes_latest()


def test_a_recorded_check_refreshes_the_cached_page(client, monkeypatch):
    set_today(monkeypatch, TODAY)
    platform = make_platform(last_verified=TODAY - STALE)
    assert banner_of(client.get("/guides/example/").content.decode())
    GuideCheck.objects.create(platform=platform, checked_on=TODAY, note="Checked.")
    Platform.objects.filter(pk=platform.pk).update(last_verified=TODAY)
    assert banner_of(client.get("/guides/example/").content.decode()) is None


# ---- App and website steps ------------------------------------------------------


def split_platform():
    platform = make_platform(steps=0)
    for order, applies_to, text in [
        (10, "all", "Shared first step"),
        (20, "app", "Tap the menu in the app"),
        (30, "ios", "Allow on iPhone"),
        (40, "android", "Allow on Android"),
        (50, "web", "Click Settings on the website"),
        (60, "all", "Shared last step"),
    ]:
        Step.objects.create(
            platform=platform, order=order, applies_to=applies_to, text=text
        )
    return platform


def group_of(html, kind):
    return html.split(f'data-step-group="{kind}"')[1].split("</ol>")[0]


def test_app_group_comes_first_with_shared_steps_in_both(client):
    split_platform()
    html = client.get("/guides/example/").content.decode()
    assert html.index("In the app (iPhone and Android)") < html.index("On the website")
    assert "step-groups--split" in html and "step-group--web" in html
    app, web = group_of(html, "app"), group_of(html, "web")
    assert re.findall(r"step__text[^>]*>([^<]+)<", app) == [
        "Shared first step",
        "Tap the menu in the app",
        "Allow on iPhone",
        "Allow on Android",
        "Shared last step",
    ]
    assert re.findall(r"step__text[^>]*>([^<]+)<", web) == [
        "Shared first step",
        "Click Settings on the website",
        "Shared last step",
    ]
    assert "Applies to: </span>iPhone only" in app
    assert "Applies to: </span>Android only" in app
    assert "Applies to:" not in web
    assert "Mark app step 5 done" in app and "Mark website step 3 done" in web
    # Headings in order: h2 Steps, then the two groups as h3.
    assert re.findall(r"<h3[^>]*step-group__title[^>]*>", html) and (
        html.index('id="steps-title"') < html.index('id="steps-app-title"')
    )


def test_shared_steps_count_once(client):
    platform = split_platform()
    html = client.get("/guides/example/").content.decode()
    ids = re.search(r'data-step-ids="([^"]+)"', html).group(1).split(",")
    assert len(ids) == len(set(ids)) == platform.steps.count() == 6
    assert "Go to the 6 steps" in html
    # Two boxes for a shared step, each with its own id, the same value.
    shared = platform.steps.get(text="Shared first step")
    assert html.count(f'data-step-checkbox value="{shared.pk}"') == 2
    assert f'id="step-done-app-{shared.pk}"' in html
    assert f'id="step-done-web-{shared.pk}"' in html
    element_ids = re.findall(r' id="([^"]+)"', html)
    assert len(element_ids) == len(set(element_ids))


def test_report_form_names_steps_as_the_page_numbers_them(client):
    split_platform()
    html = client.get("/guides/example/").content.decode()
    assert ">App step 1, website step 1: Shared first step</option>" in html
    assert ">App step 3: Allow on iPhone</option>" in html
    assert ">Website step 2: Click Settings on the website</option>" in html


def test_a_guide_with_one_path_keeps_one_list(client):
    platform = make_platform(steps=2)
    Step.objects.create(platform=platform, order=99, text="Web only", applies_to="web")
    html = client.get("/guides/example/").content.decode()
    assert "step-groups--split" not in html
    assert "In the app (iPhone and Android)" not in html
    assert "Mark step 3 done" in html and "Applies to: </span>Website" in html
    assert ">Step 3: Web only</option>" in html


def test_css_puts_the_website_group_first_on_wide_screens_only():
    css = (settings.BASE_DIR / "static/css/guides.css").read_text()
    rule = re.search(
        r"@media \(min-width: 769px\) \{\s*\.step-groups--split \.step-group--web "
        r"\{ order: -1; \}",
        css,
    )
    assert rule, "wide screens (> 768px) show the website group first"


# ---- Every guide content file ---------------------------------------------------


def test_no_freshly_loaded_guide_is_stale_until_the_limit(client, monkeypatch):
    files = {data["slug"]: data for data in content.guide_files()}
    researched_last = max(data["researched"] for data in files.values())
    set_today(monkeypatch, researched_last)
    content.load()
    platforms = list(Platform.objects.all())
    assert {p.slug for p in platforms} == set(files)
    for platform in platforms:
        researched = files[platform.slug]["researched"]
        assert platform.last_verified is not None
        assert platform.last_verified >= researched, platform.slug
        assert platform.checks.exists()
        assert platform.last_verified == platform.checks.latest().checked_on
    # "Today" is the newest research date: a guide researched on an older date
    # than the others may already be stale, and then its page must say so.
    for platform in platforms:
        html = client.get(platform.get_absolute_url()).content.decode()
        expected = (researched_last - platform.last_verified) > datetime.timedelta(
            days=settings.GUIDES_STALE_DAYS
        )
        assert (banner_of(html) is not None) == expected == platform.is_stale, (
            platform.slug
        )
    # Once every file says the same research date (the guides being rewritten
    # do), none is stale on a fresh load.
    if len({data["researched"] for data in files.values()}) == 1:
        assert not any(p.is_stale for p in platforms)

    set_today(monkeypatch, researched_last + STALE)
    for platform in Platform.objects.all():
        assert platform.is_stale, platform.slug
        html = client.get(platform.get_absolute_url()).content.decode()
        assert banner_of(html).startswith("⚠ This guide may be out of date:"), (
            platform.slug
        )
    index = client.get("/guides/").content.decode()
    assert index.count("May be out of date") == len(files)
