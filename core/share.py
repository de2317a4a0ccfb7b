"""Plain share links and link-preview tags for a page.

`share_links()`: the page's address with email, SMS, WhatsApp, X, Facebook and
Bluesky links. Links only: nothing from those sites loads on our pages, and
the links carry no tracking parameters. The campaign and petition pages and
/act/'s share step use it (templates/includes/share.html, which also offers
the phone's own share sheet where the browser has one: static/js/share.js).

`og_tags()`: the Open Graph and Twitter-card values a page puts in its head
(templates/includes/og_tags.html), every address absolute (SITE_URL).
"""

from urllib.parse import quote, urlencode

from django.conf import settings


def share_links(*, url, text, subject):
    """{"url", "text", "subject", "email", "sms", "whatsapp", "x", "facebook",
    "bluesky"} for sharing `url` with `text`."""
    message = f"{text} {url}"
    return {
        "url": url,
        "text": text,
        "subject": subject,
        "email": "mailto:?"
        + urlencode({"subject": subject, "body": message}, quote_via=quote),
        # "sms:?&body=" is the form both iOS and Android open with the text filled in.
        "sms": "sms:?&" + urlencode({"body": message}, quote_via=quote),
        "whatsapp": "https://wa.me/?" + urlencode({"text": message}, quote_via=quote),
        "x": "https://x.com/intent/post?" + urlencode({"text": text, "url": url}),
        "facebook": "https://www.facebook.com/sharer/sharer.php?"
        + urlencode({"u": url}),
        "bluesky": "https://bsky.app/intent/compose?" + urlencode({"text": message}),
    }


def absolute(path):
    """`path` ("/campaigns/x/") on this site: SITE_URL + path."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def og_tags(*, title, description, path, image_path, image_alt="", kind="website"):
    """The link-preview values of a page (Open Graph, Twitter card), absolute."""
    return {
        "title": title,
        "description": description or title,
        "url": absolute(path),
        "image": absolute(image_path),
        "image_alt": image_alt or title,
        "type": kind,
    }
