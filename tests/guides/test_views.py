import pytest
from django.conf import settings
from django.core.cache import cache

from guides.models import GuideReport, OptOutStatus, Step

from .conftest import make_platform

pytestmark = pytest.mark.django_db


def test_index_lists_every_published_guide_with_its_status_in_words(client):
    make_platform(slug="alpha", status=OptOutStatus.SETTING)
    make_platform(slug="beta", status=OptOutStatus.NONE)
    make_platform(slug="hidden", is_published=False)
    html = client.get("/guides/").content.decode()
    assert 'href="/guides/alpha/"' in html and 'href="/guides/beta/"' in html
    assert "/guides/hidden/" not in html
    assert "Setting available" in html and "No opt-out" in html
    assert "status--ok" in html and "status--bad" in html
    assert "Showing all 2 guides." in html


def test_index_search_works_without_javascript(client):
    make_platform(slug="alpha", company="Meta")
    make_platform(slug="beta", company="Other")
    html = client.get("/guides/", {"q": "meta"}).content.decode()
    assert "Showing 1 of 2 guides." in html
    # Non-matching cards are in the page (for live filtering) but hidden.
    assert 'data-slug="beta" data-status="setting"' in html
    beta_card = html.split('data-slug="beta"')[1].split(">")[0]
    assert "hidden" in beta_card
    alpha_card = html.split('data-slug="alpha"')[1].split(">")[0]
    assert "hidden" not in alpha_card


def test_index_filters_by_status(client):
    make_platform(slug="alpha", status=OptOutStatus.SETTING)
    make_platform(slug="beta", status=OptOutStatus.NONE)
    html = client.get("/guides/", {"status": "none"}).content.decode()
    assert "Showing 1 of 2 guides." in html
    assert '<option value="none" selected>' in html


def test_index_ignores_an_unknown_status(client):
    make_platform(slug="alpha")
    html = client.get("/guides/", {"status": "bogus"}).content.decode()
    assert "Showing all 1 guides." in html


def test_detail_shows_status_caveats_steps_and_sources(client, platform):
    response = client.get("/guides/example/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Example" in html and "Keep your data out of AI training" in html
    assert "Setting available" in html
    assert "only covers future training" in html
    assert "already used to train a model stay" in html
    assert "EU and UK" in html and "EU users can object." in html
    assert "Last verified" in html and "30 June 2025" in html
    for number in (1, 2, 3):
        assert f"example step number {number}" in html
        assert f"Mark step {number} done" in html
    assert 'href="https://example.com/help"' in html
    assert "Report a step that no longer matches" in html


def test_detail_checkboxes_are_labelled_and_tied_to_step_text(client, platform):
    html = client.get("/guides/example/").content.decode()
    step = platform.steps.first()
    assert f'<label class="form-check-label" for="step-done-{step.pk}">' in html
    assert f'aria-describedby="step-text-{step.pk}"' in html
    assert f'id="step-text-{step.pk}"' in html


def test_detail_labels_where_a_step_applies(client, platform):
    Step.objects.create(platform=platform, order=99, text="Tap it", applies_to="ios")
    html = client.get("/guides/example/").content.decode()
    assert "Applies to: </span>iPhone app" in html
    assert html.count("Applies to:") == 1  # steps for any device carry no tag


def test_unverified_facts_are_flagged(client):
    platform = make_platform(unverified_note="We could not confirm this.")
    platform.steps.update(is_unverified=True)
    html = client.get("/guides/example/").content.decode()
    assert "We could not confirm this." in html
    assert html.count("Unverified") >= 2


def test_email_template_with_mailto_link(client):
    make_platform(
        slug="slack",
        status=OptOutStatus.REQUEST,
        email_to="feedback@slack.com",
        email_subject="Slack Global model opt-out request",
        email_body="Hello,\nplease opt out example.slack.com",
    )
    html = client.get("/guides/slack/").content.decode()
    assert (
        'href="mailto:feedback@slack.com?subject=Slack%20Global%20model%20opt-out%20request'
        "&amp;body=Hello%2C%0Aplease%20opt%20out%20example.slack.com" in html
    )


def test_unknown_and_unpublished_guides_are_404(client, admin_client):
    make_platform(slug="draft", is_published=False)
    assert client.get("/guides/nope/").status_code == 404
    assert client.get("/guides/draft/").status_code == 404
    # Organizers can preview a draft.
    response = admin_client.get("/guides/draft/")
    assert response.status_code == 200
    assert "Preview: this guide is not published yet" in response.content.decode()


def test_pages_send_no_inline_script_or_style(client, platform):
    for url in ("/guides/", "/guides/example/"):
        response = client.get(url)
        html = response.content.decode()
        assert "<script>" not in html and "style=" not in html and "<style" not in html
        assert "script-src 'self'" in response["Content-Security-Policy"]


# ---- Report form -----------------------------------------------------------


def test_report_valid_is_stored_without_personal_data(client, platform):
    step = platform.steps.last()
    response = client.post(
        "/guides/example/report/",
        {"step": step.pk, "description": "The menu is now called Privacy Center."},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    assert response["Location"] == "/guides/example/?notice=reported"
    report = GuideReport.objects.get()
    assert report.platform == platform and report.step == step
    assert report.description == "The menu is now called Privacy Center."
    # The IP is nowhere in the database row.
    assert "203.0.113.9" not in str(GuideReport.objects.values().get())
    page = client.get(response["Location"]).content.decode()
    assert "Thank you! Your report was sent" in page


def test_report_step_is_optional(client, platform):
    response = client.post(
        "/guides/example/report/", {"step": "", "description": "Whole thing moved"}
    )
    assert response.status_code == 302
    assert GuideReport.objects.get().step is None


def test_report_invalid_shows_errors_tied_to_fields(client, platform):
    response = client.post("/guides/example/report/", {"description": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Example: opt-out guide" in html
    assert "There is a problem with your report" in html
    assert 'href="#id_description"' in html
    assert 'aria-invalid="true"' in html
    assert "id_description-error-1" in html
    assert not GuideReport.objects.exists()


def test_report_rejects_a_step_from_another_guide(client, platform):
    other = make_platform(slug="other")
    response = client.post(
        "/guides/example/report/",
        {"step": other.steps.first().pk, "description": "Something moved"},
    )
    assert response.status_code == 400
    assert not GuideReport.objects.exists()


def test_report_is_rate_limited_per_client_by_hashed_ip(client, platform):
    data = {"description": "The toggle moved again"}
    for _ in range(settings.GUIDES_REPORT_LIMIT):
        assert (
            client.post(
                "/guides/example/report/", data, REMOTE_ADDR="198.51.100.7"
            ).status_code
            == 302
        )
    response = client.post("/guides/example/report/", data, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert "our limit" in response.content.decode()
    assert GuideReport.objects.count() == settings.GUIDES_REPORT_LIMIT
    # Another client is not affected.
    assert (
        client.post(
            "/guides/example/report/", data, REMOTE_ADDR="198.51.100.8"
        ).status_code
        == 302
    )
    # The cache holds only salted hashes, never the address.
    assert not any("198.51.100.7" in key for key in cache_keys())
    assert any("report-rate" in key for key in cache_keys())


def cache_keys():
    if settings.REDIS_URL:
        import redis

        return [k.decode() for k in redis.Redis.from_url(settings.REDIS_URL).keys("*")]
    return [str(key) for key in cache._cache]


def test_report_requires_post(client, platform):
    assert client.get("/guides/example/report/").status_code == 405


def test_report_refuses_links_and_markup_and_keeps_the_text(client, platform):
    """Issue 16, item 3: the same rule as names, for several lines of text."""
    text = 'It now says <a href="http://evil.example">click here</a>'
    response = client.post("/guides/example/report/", {"description": text})
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "Please enter what you see without HTML tags. "
        "Name the menu, button or page instead." in page
    )
    assert "It now says &lt;a href=" in page  # kept in the textarea, escaped
    response = client.post(
        "/guides/example/report/", {"description": "The setting moved to evil.com"}
    )
    assert response.status_code == 400
    assert "without links or web addresses" in response.content.decode()
    assert not GuideReport.objects.exists()
    # Line breaks and menu paths are fine in a report.
    response = client.post(
        "/guides/example/report/",
        {"description": "Settings > Privacy is gone.\r\nIt is under Account now."},
    )
    assert response.status_code == 302
    assert GuideReport.objects.count() == 1
