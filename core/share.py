"""Plain share links: a page's address with mailto, X, Facebook and Bluesky links.

Links only: nothing from those sites loads on our pages, and the links carry
no tracking parameters. The petition pages and /act/'s share step use it.
"""

from urllib.parse import quote, urlencode


def share_links(*, url, text, subject):
    """{"url", "email", "x", "facebook", "bluesky"} for sharing `url` with `text`."""
    return {
        "url": url,
        "email": "mailto:?"
        + urlencode({"subject": subject, "body": f"{text} {url}"}, quote_via=quote),
        "x": "https://x.com/intent/post?" + urlencode({"text": text, "url": url}),
        "facebook": "https://www.facebook.com/sharer/sharer.php?"
        + urlencode({"u": url}),
        "bluesky": "https://bsky.app/intent/compose?"
        + urlencode({"text": f"{text} {url}"}),
    }
