"""Share links: plain links, their text encoded for each app, no tracking."""

from urllib.parse import parse_qs, unquote, urlsplit

from core.share import og_tags, share_links

URL = "https://example.org/campaigns/kids/"
TEXT = "Sign: kids' photos & AI — 100% consent?"


def links():
    return share_links(url=URL, text=TEXT, subject="Kids & AI")


def test_email_link_has_subject_and_body_percent_encoded():
    email = links()["email"]
    assert email.startswith("mailto:?")
    assert "+" not in email  # mail apps show a "+" literally: spaces are %20
    query = parse_qs(email.removeprefix("mailto:?"))
    assert query == {"subject": ["Kids & AI"], "body": [f"{TEXT} {URL}"]}


def test_sms_link_opens_the_messages_app_with_the_text():
    sms = links()["sms"]
    assert sms.startswith("sms:?&body=")
    body = sms.removeprefix("sms:?&body=")
    assert " " not in body and "&" not in body and "+" not in body
    assert unquote(body) == f"{TEXT} {URL}"


def test_whatsapp_link_carries_the_text_and_address():
    whatsapp = links()["whatsapp"]
    parts = urlsplit(whatsapp)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/")
    assert "+" not in parts.query
    assert parse_qs(parts.query) == {"text": [f"{TEXT} {URL}"]}


def test_existing_links_stay():
    result = links()
    assert result["url"] == URL
    assert result["x"].startswith("https://x.com/intent/post?")
    assert result["facebook"].startswith(
        "https://www.facebook.com/sharer/sharer.php?u="
    )
    assert result["bluesky"].startswith("https://bsky.app/intent/compose?")


def test_links_add_no_tracking_parameters():
    for name, link in links().items():
        assert "utm_" not in link and "source=" not in link, name


def test_og_tags_are_absolute(settings):
    settings.SITE_URL = "https://act.example.org"
    og = og_tags(title="T", description="", path="/x/", image_path="/x/preview.png")
    assert og["url"] == "https://act.example.org/x/"
    assert og["image"] == "https://act.example.org/x/preview.png"
    assert og["description"] == "T" and og["type"] == "website"
