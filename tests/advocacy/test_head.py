"""Every public GET page answers HEAD: same status as GET, same headers, no body.

Monitors and link checkers (ours too: `check_guide_links`) ask with HEAD
first. The walk visits each page of tests/advocacy/public_pages.py as a
visitor does and, for every GET the visit makes (token links, letter steps
with their session, error pages), asks HEAD for the same address with the
same cookies. A second test asks a real HTTP server (the live server) over a
socket, so "no body" is what goes over the wire, not what the test client
trims.
"""

import socket
from urllib.parse import urlsplit

import pytest

from .public_pages import (
    PAGE_IDS,
    PAGES,
    PETITION,
    ClientAgent,
    seed_site,
    use_error_urls,
)

pytestmark = pytest.mark.django_db

# Headers that must say the same for HEAD as for GET (RFC 9110 9.3.2).
SAME_HEADERS = ["Content-Type", "Content-Security-Policy", "Cache-Control", "Vary"]


class HeadAgent(ClientAgent):
    """A visitor who asks HEAD before every GET, with the same cookies."""

    def __init__(self):
        super().__init__()
        self.heads = []  # (path, HEAD response, GET response)

    def get(self, path):
        head = self.client.head(path)
        response = super().get(path)
        first = response.redirect_chain[0][1] if response.redirect_chain else None
        get_status = first or response.status_code
        self.heads.append((path, head, get_status, response))
        return response


@pytest.fixture
def world(settings):
    use_error_urls(settings)
    return seed_site()


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_every_get_of_a_public_page_answers_head(world, spec):
    agent = HeadAgent()
    spec.visit(agent, world)
    assert agent.heads, f"{spec.name} made no GET"
    for path, head, get_status, get in agent.heads:
        assert head.status_code != 405, f"HEAD {path}: 405 {head.get('Allow')}"
        assert head.status_code == get_status, (
            f"HEAD {path}: {head.status_code}, GET: {get_status}"
        )
        assert head.content == b"", f"HEAD {path} has a body"
        if not get.redirect_chain:
            for name in SAME_HEADERS:
                assert head.get(name) == get.get(name), f"HEAD {path}: {name}"


def test_petition_answers_head_with_200(world, client):
    """The page the attack found (405 before): HEAD like a link checker."""
    response = client.head(PETITION)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def raw_head(base_url, path):
    """HEAD over a plain socket: (status line, headers, every byte after them)."""
    host, port = urlsplit(base_url).hostname, urlsplit(base_url).port
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(
            f"HEAD {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status, *headers = head.decode("latin-1").split("\r\n")
    return status, headers, rest


# The pages a visitor reaches with a plain GET (no form, no session first).
GET_PATHS = [
    "/",
    "/guides/",
    "/guides/instagram/",
    PETITION,
    PETITION + "thanks/?state=VA",
    PETITION + "count.json",
    PETITION + "embed/",
    "/letters/?state=VA",
    "/letters/va/",
    "/letters/zip/23219.json?state=VA",
    "/states/",
    "/states/va/",
    "/privacy/",
    "/campaigns/",
    "/campaigns/state-privacy-law/",
    "/campaigns/state-privacy-law/preview.png",
    "/share.png",
    "/act/",
    "/healthz",
]


@pytest.mark.django_db(transaction=True)
def test_head_sends_no_body_over_the_wire(live_server):
    seed_site()
    for path in GET_PATHS:
        status, headers, rest = raw_head(live_server.url, path)
        assert status.split()[1] == "200", f"HEAD {path}: {status}"
        assert rest == b"", f"HEAD {path} sent {len(rest)} bytes of body"
