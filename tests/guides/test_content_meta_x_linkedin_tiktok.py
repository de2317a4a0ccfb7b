"""Content of the Meta, X, LinkedIn and TikTok guides, as researched on 2026-12-01.

Each test loads the seeded guides and checks that the reader's page shows the
current setting labels and the dated facts from the December 2026 research,
and that the guide's "What changed" lines (checked through the model) say
what changed.
"""

import datetime
from html import unescape

import pytest

from guides import content
from guides.models import AppliesTo, OptOutStatus, Platform

pytestmark = pytest.mark.django_db

RESEARCHED = datetime.date(2026, 12, 1)


@pytest.fixture
def loaded():
    content.load()


def page(client, slug):
    response = client.get(f"/guides/{slug}/")
    assert response.status_code == 200
    return unescape(response.content.decode())


def kinds(slug):
    return set(
        Platform.objects.get(slug=slug).steps.values_list("applies_to", flat=True)
    )


def changes(slug):
    platform = Platform.objects.get(slug=slug)
    return [(change.date, change.text) for change in platform.changes.all()]


def assert_changes_newest_first_with_a_research_entry(slug):
    entries = changes(slug)
    dates = [date for date, _ in entries]
    assert dates == sorted(dates, reverse=True), slug
    assert dates[0] == RESEARCHED, slug


@pytest.mark.parametrize(
    "slug", ["instagram", "facebook", "x", "linkedin", "tiktok", "whatsapp", "threads"]
)
def test_every_guide_was_researched_in_december_2026_and_has_phone_steps(loaded, slug):
    platform = Platform.objects.get(slug=slug)
    assert platform.last_verified == RESEARCHED
    assert platform.is_published
    # Most readers are on phones: every guide has steps for the app.
    assert kinds(slug) & {AppliesTo.APP, AppliesTo.IOS, AppliesTo.ANDROID}, slug
    assert_changes_newest_first_with_a_research_entry(slug)


def test_instagram_private_account_objection_and_meta_ai_ads(loaded, client):
    text = page(client, "instagram")
    assert "“Account privacy”" in text
    assert "“Private account”" in text
    assert "“Right to Object”" in text
    # Meta AI chats feed ads from 16 December 2025, with no opt-out.
    assert "Since 16 December 2025" in text
    assert "except not using Meta AI" in "\n".join(t for _, t in changes("instagram"))
    # EU training began 27 May 2025: objecting now only protects future posts.
    assert "since 27 May 2025" in text
    assert "protects only what you post from here on" in text
    assert "EU, the UK and South Korea" in text
    assert {AppliesTo.APP, AppliesTo.WEB} <= kinds("instagram")
    assert Platform.objects.get(slug="instagram").status == OptOutStatus.PRIVATE
    dates = [date for date, _ in changes("instagram")]
    assert datetime.date(2025, 12, 16) in dates
    assert datetime.date(2025, 5, 27) in dates


def test_facebook_audience_camera_roll_and_meta_ai(loaded, client):
    text = page(client, "facebook")
    assert "“Who can see your future posts?”" in text
    assert "“Allow comment summaries on your posts”" in text
    assert "“Allow visual search on your posts”" in text
    # The camera-roll cloud processing feature: both toggles off.
    assert "“Camera roll sharing suggestions”" in text
    assert "“Preferences”" in text
    assert "Turn off both toggles" in text
    assert "Since 16 December 2025" in text
    assert "since 27 May 2025" in text
    facebook = Platform.objects.get(slug="facebook")
    # Audience steps both in the app and on the website.
    audience = facebook.steps.filter(text__contains="Who can see your future posts?")
    assert set(audience.values_list("applies_to", flat=True)) == {
        AppliesTo.APP,
        AppliesTo.WEB,
    }
    camera = facebook.steps.get(text__contains="Camera roll sharing suggestions")
    assert camera.applies_to == AppliesTo.APP and not camera.is_unverified
    # The Posts page labels were not re-checked: flagged on the page.
    assert facebook.unverified_note
    assert any("Camera roll" in t for _, t in changes("facebook"))


def test_x_grok_setting_terms_of_15_january_2026_and_protected_accounts(loaded, client):
    text = page(client, "x")
    assert "“Grok & Third-party Collaborators”" in text
    assert "“Data sharing and personalization”" in text
    assert "15 January 2026" in text
    assert "Protect your posts" in text
    assert "according to X" in text
    x = Platform.objects.get(slug="x")
    assert x.status == OptOutStatus.SETTING
    grok = x.steps.filter(text__contains="Grok & Third-party Collaborators")
    assert set(grok.values_list("applies_to", flat=True)) == {
        AppliesTo.APP,
        AppliesTo.WEB,
    }
    assert datetime.date(2026, 1, 15) in [date for date, _ in changes("x")]
    # The old summary cited the 2024 terms; the current one cites 2026.
    assert "15 November 2024" not in x.summary


def test_linkedin_toggle_and_region_note_since_3_november_2025(loaded, client):
    text = page(client, "linkedin")
    assert "“Data for Generative AI Improvement”" in text
    assert "“Use my data for training content creation AI models”" in text
    assert "since 3 November 2025" in text
    assert "EU, EEA, UK and Switzerland" in text
    assert "on by default" in text
    assert "group messages" in text
    assert "Private messages" in text and "under 18" in text
    linkedin = Platform.objects.get(slug="linkedin")
    # The old note (no training in the EU/UK, no setting there) is gone.
    assert "you will not see this setting" not in linkedin.region_notes
    toggle = linkedin.steps.filter(text__contains="Use my data for training")
    assert set(toggle.values_list("applies_to", flat=True)) == {
        AppliesTo.APP,
        AppliesTo.WEB,
    }
    assert datetime.date(2025, 11, 3) in [date for date, _ in changes("linkedin")]


def test_tiktok_us_terms_of_22_january_2026_and_private_account(loaded, client):
    text = page(client, "tiktok")
    assert "22 January 2026" in text
    assert "TikTok USDS Joint Venture" in text
    assert "There is no opt-out" in text
    assert "“Private account”" in text
    assert "“Settings and privacy”" in text
    tiktok = Platform.objects.get(slug="tiktok")
    assert tiktok.status == OptOutStatus.NONE
    # TikTok has now said AI-feature inputs and outputs may train models.
    assert "has not said whether it trains" not in tiktok.summary
    assert tiktok.steps.get(text__contains="Private account").applies_to == (
        AppliesTo.APP
    )
    assert datetime.date(2026, 1, 22) in [date for date, _ in changes("tiktok")]


def test_whatsapp_advanced_chat_privacy(loaded, client):
    text = page(client, "whatsapp")
    assert "“Advanced chat privacy”" in text
    assert "@Meta AI" in text
    assert "not end-to-end encrypted" in text
    assert "16 December 2025" in text
    whatsapp = Platform.objects.get(slug="whatsapp")
    assert (whatsapp.company, whatsapp.position) == ("Meta", 200)
    assert changes("whatsapp")[0] == (RESEARCHED, "Guide added.")


def test_threads_and_the_meta_ai_app(loaded, client):
    text = page(client, "threads")
    assert "Threads and the Meta AI app" in text
    assert "“Private profile”" in text
    assert "16 December 2025" in text
    assert "27 May 2025" in text
    threads = Platform.objects.get(slug="threads")
    assert (threads.company, threads.position) == ("Meta", 210)
    assert threads.status == OptOutStatus.PRIVATE
    # The Threads menu names were not confirmed: flagged on the page.
    assert threads.unverified_note
    assert threads.steps.filter(is_unverified=True).exists()
    assert changes("threads")[0] == (RESEARCHED, "Guide added.")
