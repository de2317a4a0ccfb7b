"""Short notices after a redirect, carried in the address instead of a session.

Django's flash messages live in the session (MESSAGE_STORAGE), so a flash
before a redirect gave every anonymous visitor a session row and a session
cookie (and took them out of the page cache). A notice instead rides along
as `?notice=<code>`: the page it lands on looks the code up in its own table
and shows the text. Only known codes show, so nobody can put words on our
page through a link; a code says nothing about the visitor.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

PARAM = "notice"


@dataclass(frozen=True)
class Notice:
    """One notice a page can show: its text and alert level (info, success)."""

    text: str
    level: str = "info"


def notice_url(url, code):
    """`url` with `?notice=<code>` (or `&notice=...`) added."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{urlencode({PARAM: code})}"


def notice_get(request, notices):
    """The Notice `request` asks for from `notices` ({code: Notice}), or None."""
    return notices.get(request.GET.get(PARAM, ""))
