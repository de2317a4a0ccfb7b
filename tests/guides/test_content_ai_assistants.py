"""Content of the AI-assistant and publishing guides, as researched in December 2026.

Covers the rewritten ChatGPT, Gemini, Copilot, Claude, Perplexity, Slack and
Tumblr guides and the new YouTube, Google Photos, Grammarly, Substack and
Medium guides: the current setting labels and dated facts appear on each guide
page, statuses match the research, and each guide's "What changed" lines are
stored (checked through the model: the page may not show them yet).
"""

import datetime

import pytest

from guides import content
from guides.models import Difficulty, OptOutStatus, Platform
from tests.guides.pages import guide_page

pytestmark = pytest.mark.django_db

RESEARCHED = datetime.date(2026, 12, 1)

EXISTING = ["chatgpt", "gemini", "copilot", "claude", "perplexity", "slack", "tumblr"]
NEW = {
    "youtube": 300,
    "google-photos": 310,
    "grammarly": 320,
    "substack": 330,
    "medium": 340,
}

# What the reader must see on each guide page: current labels and dated facts.
ON_THE_PAGE = {
    "chatgpt": [
        "“Data Controls”",
        "“Improve the model for everyone”",
        "every device",
        "deleted after 30 days",
        "26 September 2025",
        "“Temporary Chat”",
    ],
    "gemini": [
        "“Keep Activity”",
        "“Gemini Apps Activity”",
        "“Personal context”",
        "“Your past chats with Gemini”",
        "audio and Gemini Live recordings",
        "72 hours",
        "three years",
        "36 hours",
    ],
    "copilot": [
        "“Model training on text”",
        "“Model training on voice”",
        "“Data Control”",
        "“Microsoft usage data”",
        "18 months",
    ],
    "claude": [
        "“Help improve Claude”",
        "“Settings”",
        "“Privacy”",
        "five years instead of 30 days",
        "Claude Code",
    ],
    "perplexity": [
        "“All settings”",
        "“Preferences”",
        "“AI data retention”",
        "“AI Data Usage”",
    ],
    "slack": [
        "Slack Global model opt-out request",
        "feedback@slack.com",
        "does not train large language models or other generative AI",
        "Primary Owner",
    ],
    "tumblr": [
        "“Visibility”",
        "“Prevent third-party sharing”",
        "“Prevent third-party sharing for …”",
        "February 2024",
        "subscriber-only posts",
    ],
    "youtube": [
        "“Third-party training”",
        "“Allow third-party companies to train AI models using my content”",
        "“Advanced settings”",
        "December 2024",
        "no opt-out",
    ],
    "google-photos": [
        "“Photos settings”",
        "“Preferences”",
        "“Gemini features in Photos”",
        "“Use Gemini in Photos”",
        "“Keep Activity”",
        "April 2026",
        "EU, UK and Japan",
    ],
    "grammarly": [
        "“Product Improvement and Training”",
        "“Data Settings”",
        "Multi-user Pro",
    ],
    "substack": [
        "“Opt out of AI training”",
        "“Block AI training”",
        "only tools that respect the request",
    ],
    "medium": [
        "“Third-party AI and your stories”",
        "“Minimize third-party training”",
        "“Prioritize maximum reach”",
        "19 March 2026",
    ],
}

# Facts the December research contradicts: they must be gone from the page.
NOT_ON_THE_PAGE = {
    "chatgpt": ["each app and browser"],
    "claude": ["data-privacy-controls", "Unverified: its exact name may differ"],
    "perplexity": ["/settings/account", "Open Settings, then “Account”"],
}

STATUS = {
    "chatgpt": (OptOutStatus.SETTING, Difficulty.EASY),
    "gemini": (OptOutStatus.SETTING, Difficulty.EASY),
    "copilot": (OptOutStatus.SETTING, Difficulty.EASY),
    "claude": (OptOutStatus.SETTING, Difficulty.EASY),
    "perplexity": (OptOutStatus.SETTING, Difficulty.EASY),
    "slack": (OptOutStatus.REQUEST, Difficulty.HARD),
    "tumblr": (OptOutStatus.SETTING, Difficulty.MEDIUM),
    "youtube": (OptOutStatus.SETTING, Difficulty.LIMITED),
    "google-photos": (OptOutStatus.SETTING, Difficulty.MEDIUM),
    "grammarly": (OptOutStatus.SETTING, Difficulty.EASY),
    "substack": (OptOutStatus.SETTING, Difficulty.EASY),
    "medium": (OptOutStatus.SETTING, Difficulty.EASY),
}

# Dated events each guide lists under "What changed", besides the research date.
DATED_CHANGES = {
    "chatgpt": [datetime.date(2025, 9, 26)],
    "gemini": [datetime.date(2026, 3, 27), datetime.date(2025, 8, 13)],
    "claude": [datetime.date(2025, 10, 8), datetime.date(2025, 8, 28)],
    "tumblr": [datetime.date(2024, 2, 27)],
    "youtube": [datetime.date(2024, 12, 16)],
    "medium": [datetime.date(2026, 3, 19)],
}


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
    for slug, position in NEW.items():
        assert positions[slug] == position, slug
    assert [positions[slug] for slug in EXISTING] == [60, 70, 80, 90, 100, 110, 120]


def test_claude_is_confirmed_and_the_unconfirmed_labels_are_flagged():
    content.load()
    claude = Platform.objects.get(slug="claude")
    assert not claude.unverified_note
    assert not claude.steps.filter(is_unverified=True).exists()
    assert claude.steps.filter(text__contains="“Help improve Claude”").exists()
    # Perplexity's label and Copilot's extra switches could not be confirmed.
    for slug in ["perplexity", "copilot"]:
        platform = Platform.objects.get(slug=slug)
        assert platform.unverified_note, slug
        assert platform.steps.filter(is_unverified=True).exists(), slug
    # Gemini: 72 or 36 hours after turning activity off is unsettled.
    assert "36 hours" in Platform.objects.get(slug="gemini").unverified_note
    # The rest is confirmed.
    for slug in ["chatgpt", "slack", "tumblr", *NEW]:
        platform = Platform.objects.get(slug=slug)
        assert not platform.unverified_note, slug
        assert not platform.steps.filter(is_unverified=True).exists(), slug


def test_app_and_website_steps_are_given_where_they_differ():
    content.load()
    for slug in ["copilot", "tumblr"]:
        kinds = set(
            Platform.objects.get(slug=slug).steps.values_list("applies_to", flat=True)
        )
        assert {"web", "app"} <= kinds, slug
    photos = Platform.objects.get(slug="google-photos")
    assert photos.steps.filter(applies_to="app", text__contains="Photos settings")


def test_existing_guides_say_what_changed_in_december_2026():
    content.load()
    for slug in EXISTING:
        changes = list(Platform.objects.get(slug=slug).changes.all())
        assert changes and changes[0].date == RESEARCHED, slug
        dates = [change.date for change in changes]
        assert dates == sorted(dates, reverse=True), slug
        assert "Guide added." not in [change.text for change in changes], slug
    chatgpt = Platform.objects.get(slug="chatgpt").changes.filter(date=RESEARCHED)
    assert any("every" in change.text for change in chatgpt)
    claude = Platform.objects.get(slug="claude").changes.filter(date=RESEARCHED)
    assert any("“Help improve Claude”" in change.text for change in claude)
    perplexity = Platform.objects.get(slug="perplexity").changes.get(date=RESEARCHED)
    assert "“Preferences”" in perplexity.text


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


def test_sources_carry_their_dates():
    content.load()
    claude = Platform.objects.get(slug="claude").sources
    assert claude.filter(published_on=datetime.date(2025, 9, 17)).exists()
    assert claude.filter(url__contains="privacy.anthropic.com/en/articles").exists()
    youtube = Platform.objects.get(slug="youtube").sources
    assert youtube.filter(published_on=datetime.date(2024, 12, 16)).exists()
    assert youtube.filter(url="https://support.google.com/youtube/answer/15509944")
    substack = Platform.objects.get(slug="substack").sources
    assert substack.filter(published_on=datetime.date(2026, 5, 10)).exists()
