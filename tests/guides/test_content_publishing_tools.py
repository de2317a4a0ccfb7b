"""Content of the publishing, social and tools guides, as researched in December 2026.

Covers the rewritten WordPress.com, Squarespace, Pinterest, Reddit, Quora, Adobe
and Snapchat guides and the new DeviantArt, Discord, Zoom, Dropbox, Amazon
Alexa, Bluesky and Wix guides: the current setting labels and dated facts
appear on each guide page, statuses match the research, unconfirmed labels are
flagged, and each guide's "What changed" lines are stored (checked through the
model: the page may not show them yet).
"""

import datetime

import pytest

from guides import content
from guides.models import Difficulty, OptOutStatus, Platform
from tests.guides.pages import guide_page

pytestmark = pytest.mark.django_db

RESEARCHED = datetime.date(2026, 12, 1)

EXISTING = {
    "wordpress-com": 130,
    "squarespace": 140,
    "pinterest": 150,
    "reddit": 160,
    "quora": 170,
    "adobe": 180,
    "snapchat": 190,
}
NEW = {
    "deviantart": 400,
    "discord": 410,
    "zoom": 420,
    "dropbox": 430,
    "amazon-alexa": 440,
    "bluesky": 450,
    "wix": 460,
}

# What the reader must see on each guide page: current labels and dated facts.
ON_THE_PAGE = {
    "wordpress-com": [
        "“Prevent third-party data sharing”",
        "“Privacy”",
        "“General”",
        "https://wordpress.com/settings/general",
        "February 2024",
    ],
    "squarespace": [
        "“Crawlers”",
        "“Block known artificial intelligence crawlers”",
        "26 named bots",
        "AI search tools",
    ],
    "pinterest": [
        "“Privacy and data”",
        "“Use your data to train Pinterest Canvas”",
        "“Manage GenAI settings”",
        "March 2025",
        "16 October 2025",
        "30 April 2025",
        "“Refine your recommendations”",
    ],
    "reddit": ["Google", "OpenAI", "$60", "no way for users to opt out"],
    "quora": [
        "“Privacy”",
        "“Allow large language models to be trained on your content”",
        "Hindi",
        "does not use your answers",
        "Poe",
    ],
    "adobe": [
        "“Content analysis”",
        "“Privacy and personal data”",
        "Adobe Stock",
        "Firefly",
        "Adobe's servers",
    ],
    "snapchat": [
        "“Privacy Controls”",
        "“Clear Data”",
        "“Clear My AI Data”",
        "“Account Actions”",
        "up to 30 days",
        "“See My Selfie in Ads”",
        "“Generative AI Settings”",
        "“My Privacy & Data”",
    ],
    "deviantart": ["“noai”", "“noimageai”", "“Studio”", "bulk edit"],
    "discord": [
        "“Data & Privacy”",
        "“Use my data to improve Discord”",
        "“Use my Discord activity to personalize Sponsored Content”",
        "“Use third-party data to personalize Sponsored Content”",
        "“Use data to personalize my Discord experience”",
        "“Allow my voice to be recorded in Clips”",
        "moderation systems",
    ],
    "zoom": ["August 2023", "section 10.4", "AI Companion", "Nothing to switch off"],
    "dropbox": [
        "“Third-party AI”",
        "“Use artificial intelligence (AI) from third-party partners…”",
        "December 2023",
        "EU, UK and Canada",
        "within 30 days",
    ],
    "amazon-alexa": [
        "“Alexa Privacy”",
        "“Manage How Your Data Improves Alexa”",
        "“Help Improve Amazon Services and Develop New Features”",
        "“Don't save recordings”",
        "“Do Not Send Voice Recordings”",
        "28 March 2025",
        "Voice ID",
        "US English",
    ],
    "bluesky": ["November 2024", "March 2025", "generative AI, bulk datasets"],
    "wix": [
        "“Marketing & SEO”",
        "“SEO Tools”",
        "“Robots.txt Editor”",
        "GPTBot",
        "ClaudeBot",
        "Google-Extended",
        "CCBot",
        "only four bots",
    ],
}

# Facts the December research contradicts: they must be gone from the page.
NOT_ON_THE_PAGE = {
    "quora": ["Nothing to switch off today"],
    "wordpress-com": ["“Prevent third-party sharing”"],
    "snapchat": ["find the option to clear My AI data"],
}

STATUS = {
    "wordpress-com": (OptOutStatus.SETTING, Difficulty.EASY),
    "squarespace": (OptOutStatus.SETTING, Difficulty.EASY),
    "pinterest": (OptOutStatus.SETTING, Difficulty.EASY),
    "reddit": (OptOutStatus.NONE, Difficulty.IMPOSSIBLE),
    "quora": (OptOutStatus.SETTING, Difficulty.EASY),
    "adobe": (OptOutStatus.SETTING, Difficulty.EASY),
    "snapchat": (OptOutStatus.NONE, Difficulty.LIMITED),
    "deviantart": (OptOutStatus.SETTING, Difficulty.EASY),
    "discord": (OptOutStatus.SETTING, Difficulty.LIMITED),
    "zoom": (OptOutStatus.NOT_USED, ""),
    "dropbox": (OptOutStatus.SETTING, Difficulty.EASY),
    "amazon-alexa": (OptOutStatus.SETTING, Difficulty.LIMITED),
    "bluesky": (OptOutStatus.NOT_USED, Difficulty.LIMITED),
    "wix": (OptOutStatus.SETTING, Difficulty.HARD),
}

# Dated events each guide lists under "What changed", besides the research date.
DATED_CHANGES = {
    "wordpress-com": [datetime.date(2024, 2, 27)],
    "pinterest": [datetime.date(2025, 10, 16)],
    "reddit": [datetime.date(2025, 10, 22)],
    "dropbox": [datetime.date(2023, 12, 13)],
    "amazon-alexa": [datetime.date(2025, 3, 28)],
}

# Guides with a label or fact the research could not confirm.
UNVERIFIED = ["quora", "snapchat", "bluesky"]
NOTE_ONLY = ["dropbox"]  # an unconfirmed default, not an unconfirmed step


@pytest.mark.parametrize("slug", sorted(ON_THE_PAGE))
def test_the_guide_page_shows_the_current_labels_and_dates(client, slug):
    content.load()
    page = guide_page(client, slug)
    for text in ON_THE_PAGE[slug]:
        assert text in page, (slug, text)
    for text in NOT_ON_THE_PAGE.get(slug, []):
        assert text not in page, (slug, text)


def test_statuses_difficulties_and_research_dates_match_the_research():
    content.load()
    for slug, (status, difficulty) in STATUS.items():
        platform = Platform.objects.get(slug=slug)
        assert (platform.status, platform.difficulty) == (status, difficulty), slug
        assert platform.last_verified == RESEARCHED, slug
        assert platform.is_published, slug


def test_new_guides_have_their_positions_and_the_old_ones_keep_theirs():
    content.load()
    positions = dict(Platform.objects.values_list("slug", "position"))
    for slug, position in {**EXISTING, **NEW}.items():
        assert positions[slug] == position, slug
    assert Platform.objects.get(slug="amazon-alexa").name == "Amazon Alexa"


def test_quora_now_has_a_setting_whose_label_is_flagged():
    content.load()
    quora = Platform.objects.get(slug="quora")
    assert quora.status == OptOutStatus.SETTING
    step = quora.steps.get(is_unverified=True)
    assert "“Allow large language models to be trained on your content”" in step.text
    assert "Hindi" in quora.unverified_note
    assert "Check this in the app" in quora.unverified_note


def test_snapchat_my_ai_steps_are_confirmed_and_per_platform():
    content.load()
    snapchat = Platform.objects.get(slug="snapchat")
    ios = snapchat.steps.filter(applies_to="ios")
    android = snapchat.steps.filter(applies_to="android")
    assert ios.filter(text__contains="“Privacy Controls”", is_unverified=False)
    assert ios.filter(text__contains="“Clear My AI Data”", is_unverified=False)
    assert android.filter(text__contains="“Account Actions”", is_unverified=False)
    # Only the reported Generative AI switch is unconfirmed.
    unverified = snapchat.steps.filter(is_unverified=True)
    assert [step.text for step in unverified] == [
        step.text for step in snapchat.steps.filter(text__contains="Generative AI")
    ]
    assert "Generative AI Settings" in snapchat.unverified_note


def test_unconfirmed_facts_are_flagged_and_the_rest_is_not():
    content.load()
    for slug in UNVERIFIED:
        platform = Platform.objects.get(slug=slug)
        assert platform.unverified_note, slug
        assert platform.steps.filter(is_unverified=True).exists(), slug
    for slug in NOTE_ONLY:
        platform = Platform.objects.get(slug=slug)
        assert platform.unverified_note, slug
        assert not platform.steps.filter(is_unverified=True).exists(), slug
    for slug in set(STATUS) - set(UNVERIFIED) - set(NOTE_ONLY):
        platform = Platform.objects.get(slug=slug)
        assert not platform.unverified_note, slug
        assert not platform.steps.filter(is_unverified=True).exists(), slug


def test_app_steps_are_given_where_people_use_the_app():
    content.load()
    for slug in ["amazon-alexa", "snapchat"]:
        kinds = set(
            Platform.objects.get(slug=slug).steps.values_list("applies_to", flat=True)
        )
        assert kinds & {"app", "ios", "android"}, slug
        assert "web" not in kinds, slug


def test_existing_guides_say_what_changed_in_december_2026():
    content.load()
    for slug in EXISTING:
        changes = list(Platform.objects.get(slug=slug).changes.all())
        assert changes and changes[0].date == RESEARCHED, slug
        dates = [change.date for change in changes]
        assert dates == sorted(dates, reverse=True), slug
        assert "Guide added." not in [change.text for change in changes], slug
    quora = Platform.objects.get(slug="quora").changes.filter(date=RESEARCHED)
    assert any("nothing to switch off" in change.text for change in quora)
    pinterest = Platform.objects.get(slug="pinterest").changes.filter(date=RESEARCHED)
    assert any("“Use your data to train Pinterest Canvas”" in c.text for c in pinterest)
    wordpress = Platform.objects.get(slug="wordpress-com").changes
    assert wordpress.filter(text__contains="“Prevent third-party data sharing”")


def test_new_guides_say_guide_added():
    content.load()
    for slug in NEW:
        changes = Platform.objects.get(slug=slug).changes.all()
        assert changes[0].date == RESEARCHED and changes[0].text == "Guide added.", slug


def test_dated_events_are_listed_under_what_changed():
    content.load()
    for slug, dates in DATED_CHANGES.items():
        listed = set(
            Platform.objects.get(slug=slug).changes.values_list("date", flat=True)
        )
        assert set(dates) <= listed, slug
    alexa = Platform.objects.get(slug="amazon-alexa").changes
    assert "“Do Not Send Voice Recordings”" in alexa.get(date="2025-03-28").text


def test_sources_carry_their_dates():
    content.load()
    expected = {
        "squarespace": (
            datetime.date(2024, 7, 25),
            "https://support.squarespace.com/hc/en-us/articles/360022347072",
        ),
        "pinterest": (
            datetime.date(2025, 4, 30),
            "https://newsroom.pinterest.com/en-au/news/introducing-gen-ai-labels/",
        ),
        "reddit": (datetime.date(2025, 10, 24), "semafor.com"),
        "snapchat": (datetime.date(2024, 9, 19), "socialsamosa.com"),
        "amazon-alexa": (datetime.date(2025, 3, 18), "businesstoday.in"),
        "wix": (datetime.date(2026, 5, 24), "imakemvps.com"),
    }
    for slug, (date, url) in expected.items():
        sources = Platform.objects.get(slug=slug).sources
        assert sources.filter(published_on=date, url__contains=url).exists(), slug
    quora = Platform.objects.get(slug="quora").sources
    assert quora.filter(url="https://help.quora.com/hc/hi/articles/15205064557844")
    snapchat = Platform.objects.get(slug="snapchat").sources
    assert snapchat.filter(url__contains="help.snapchat.com").exists()
