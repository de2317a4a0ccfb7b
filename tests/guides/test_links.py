"""check_guide_links against a local HTTP server (never the internet)."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import (
    CommandError,
    call_command,
    execute_from_command_line,
)

from guides import links
from guides.models import LinkCheckRun, Platform, Source, Step
from guides.tasks import guide_links_check

pytestmark = pytest.mark.django_db

TIMEOUT = 1.0
SLOW_AFTER = 0.3
HANGS = 2.5  # longer than TIMEOUT
SLUGGISH = 0.6  # between SLOW_AFTER and TIMEOUT


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen = []  # (method, path, user agent)

    def log_message(self, *args):
        pass

    def answer(self, status, headers=(), body=b"hello"):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def route(self):
        Handler.seen.append((self.command, self.path, self.headers["User-Agent"]))
        path = self.path.split("?")[0]
        if path in ("/ok", "/ok/", "/ok-elsewhere", "/ok2"):
            return self.answer(200)
        if path == "/moved":
            return self.answer(301, [("Location", "/ok-elsewhere")])
        if path == "/slash":  # only a trailing slash and a query: not a move
            return self.answer(302, [("Location", "/slash/?lang=en")])
        if path == "/slash/":
            return self.answer(200)
        if path == "/gone":
            return self.answer(404)
        if path == "/slow":
            time.sleep(HANGS)
            return self.answer(200)
        if path == "/sluggish":
            time.sleep(SLUGGISH)
            return self.answer(200)
        if path == "/nohead":
            return self.answer(405 if self.command == "HEAD" else 200)
        if path == "/forbidden":
            return self.answer(403)
        if path == "/loop":
            return self.answer(302, [("Location", "/loop")])
        return self.answer(404)

    do_GET = do_HEAD = route


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fast(settings):
    settings.GUIDES_LINK_TIMEOUT_SECONDS = TIMEOUT
    settings.GUIDES_LINK_DELAY_SECONDS = 0
    settings.GUIDES_LINK_SLOW_SECONDS = SLOW_AFTER
    settings.SITE_URL = "https://example.org"


def guide(slug, *, sources=(), deep_links=(), published=True):
    platform = Platform.objects.create(
        name=slug.title(), slug=slug, summary="s", is_published=published
    )
    for i, url in enumerate(sources):
        Source.objects.create(platform=platform, title=f"s{i}", url=url, order=i)
    for i, url in enumerate(deep_links):
        Step.objects.create(platform=platform, order=i, text="t", deep_link=url)
    Step.objects.create(platform=platform, order=99, text="no link")
    return platform


def check(**kwargs):
    kwargs.setdefault("timeout", TIMEOUT)
    kwargs.setdefault("delay", 0)
    kwargs.setdefault("slow_after", SLOW_AFTER)
    return links.links_check(**kwargs)


# --- fetching one link --------------------------------------------------------


@pytest.mark.parametrize(
    "path, outcome, status",
    [
        ("/ok", "ok", 200),
        ("/moved", "moved", 200),
        ("/slash", "ok", 200),
        ("/gone", "dead", 404),
        ("/slow", "dead", None),
        ("/sluggish", "slow", 200),
        ("/nohead", "ok", 200),
        ("/forbidden", "dead", 403),
        ("/loop", "dead", None),
    ],
)
def test_link_fetch_outcomes(server, path, outcome, status):
    answer = links.link_fetch(server + path, timeout=TIMEOUT, slow_after=SLOW_AFTER)
    assert (answer.outcome, answer.status_code) == (outcome, status)


def test_redirect_is_followed_and_reported(server):
    answer = links.link_fetch(server + "/moved", timeout=TIMEOUT, slow_after=5)
    assert answer.final_url == server + "/ok-elsewhere"
    assert answer.detail == f"redirected to {server}/ok-elsewhere"
    # HEAD all the way: the redirect keeps the method.
    assert [(m, p) for m, p, _ in Handler.seen] == [
        ("HEAD", "/moved"),
        ("HEAD", "/ok-elsewhere"),
    ]


def test_head_refused_falls_back_to_get_once(server):
    links.link_fetch(server + "/nohead", timeout=TIMEOUT, slow_after=5)
    forbidden = links.link_fetch(server + "/forbidden", timeout=TIMEOUT, slow_after=5)
    assert [(m, p) for m, p, _ in Handler.seen] == [
        ("HEAD", "/nohead"),
        ("GET", "/nohead"),
        ("HEAD", "/forbidden"),
        ("GET", "/forbidden"),
    ]
    assert forbidden.method == "GET"
    assert forbidden.detail == (
        "HTTP 403 Forbidden (the site may be blocking automated checks)"
    )


def test_errors_name_the_cause(server):
    timed_out = links.link_fetch(server + "/slow", timeout=TIMEOUT, slow_after=5)
    assert timed_out.detail == f"timed out after {TIMEOUT:g}s"
    assert timed_out.seconds < HANGS
    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    refused = links.link_fetch(
        f"http://127.0.0.1:{port}/x", timeout=TIMEOUT, slow_after=5
    )
    assert (refused.outcome, refused.detail) == ("dead", "connection refused")


def test_dns_failure_is_dead_without_asking_a_resolver():
    class NoDNS:
        def open(self, request, timeout):
            raise urllib.error.URLError(
                socket.gaierror(-2, "Name or service not known")
            )

    answer = links.link_fetch(
        "https://gone.example/", timeout=TIMEOUT, slow_after=5, opener=NoDNS()
    )
    assert (answer.outcome, answer.detail) == (
        "dead",
        "DNS lookup failed (Name or service not known)",
    )


def test_user_agent_names_the_project(server):
    links.link_fetch(server + "/ok", timeout=TIMEOUT, slow_after=5)
    assert Handler.seen[0][2] == (
        "KeepYourDataOutOfAI-linkcheck/1.0 (+https://example.org)"
    )


@pytest.mark.parametrize(
    "original, final, moved",
    [
        ("http://a.org/help", "https://a.org/help", False),
        ("https://a.org/help", "https://www.a.org/help/", False),
        ("https://a.org/help", "https://a.org/help?hl=en#top", False),
        ("https://a.org/help", "https://a.org:443/help", False),
        ("https://a.org/help", "https://b.org/help", True),
        ("https://a.org/help", "https://a.org/en/help", True),
        ("https://a.org/help", "https://help.a.org/help", True),
    ],
)
def test_moved_rule(original, final, moved):
    assert links.is_moved(original, final) is moved


# --- a run ----------------------------------------------------------------------


def test_run_records_counts_and_problems(server):
    news = guide(
        "news",
        sources=[server + "/ok", server + "/gone", server + "/ok"],
        deep_links=[server + "/moved", server + "/ok"],  # /ok again: once per guide
    )
    chat = guide(
        "chat",
        sources=[server + "/sluggish", server + "/nohead"],
        deep_links=[server + "/slow", server + "/gone"],
    )
    guide("hidden", sources=[server + "/gone"], published=False)

    run = check()

    assert LinkCheckRun.objects.get() == run
    assert run.finished_at >= run.started_at
    assert (run.links, run.dead, run.moved, run.slow) == (7, 3, 1, 1)
    rows = sorted(
        (r.platform.slug, r.url.rsplit("/", 1)[1], r.outcome, r.status_code)
        for r in run.results.all()
    )
    assert rows == [
        ("chat", "gone", "dead", 404),
        ("chat", "slow", "dead", None),
        ("chat", "sluggish", "slow", 200),
        ("news", "gone", "dead", 404),
        ("news", "moved", "moved", 200),
    ]
    moved = run.results.get(outcome="moved")
    assert moved.final_url == server + "/ok-elsewhere"
    assert moved.platform == news
    timed_out = run.results.get(url=server + "/slow")
    assert timed_out.detail == f"timed out after {TIMEOUT:g}s"
    assert timed_out.platform == chat
    sluggish = run.results.get(outcome="slow")
    assert SLOW_AFTER < sluggish.seconds < TIMEOUT
    assert sluggish.final_url == ""
    # /gone is in both guides but fetched once; the unpublished guide is skipped.
    assert [p for m, p, _ in Handler.seen].count("/gone") == 1


def test_one_guide(server):
    guide("news", sources=[server + "/gone"])
    guide("chat", sources=[server + "/ok"])
    run = check(slug="chat")
    assert (run.links, run.dead) == (1, 0)
    assert [p for _, p, _ in Handler.seen] == ["/ok"]


def test_delay_between_requests_to_the_same_host(server, monkeypatch, settings):
    settings.GUIDES_LINK_DELAY_SECONDS = 0.7
    pauses = []
    monkeypatch.setattr(links, "sleep", pauses.append)
    guide("news", sources=[server + "/ok", server + "/ok2", server + "/moved"])
    links.links_check()  # settings give timeout, delay and slow_after
    # Four requests to one host (/moved redirects): three pauses of up to 0.7s.
    assert len(pauses) == 3
    assert all(0 < pause <= 0.7 for pause in pauses)


def test_no_delay_for_the_first_request_to_a_host():
    pauses = []
    pacer = links._Pacer(1.0)
    original = links.sleep
    links.sleep = pauses.append
    try:
        pacer.wait("https://a.org/1")
        pacer.wait("https://b.org/1")
        pacer.wait("https://www.a.org/2")
    finally:
        links.sleep = original
    assert len(pauses) == 1  # only the second a.org request waits


# --- the command --------------------------------------------------------------


def run_command(*args):
    out = StringIO()
    try:
        call_command("check_guide_links", *args, stdout=out)
    except CommandError as exc:
        return 1, out.getvalue(), str(exc)
    return 0, out.getvalue(), ""


def test_command_reports_per_guide_and_fails_on_dead(server):
    guide(
        "news",
        sources=[server + "/ok", server + "/gone"],
        deep_links=[server + "/moved"],
    )
    guide("chat", sources=[server + "/nohead"])
    status, out, error = run_command()
    assert status == 1
    assert error == "1 dead link; see above."
    lines = out.splitlines()
    assert lines[0] == "Chat (chat): 1 link, all fine"
    assert lines[1] == "News (news): 3 links, 2 to look at"
    assert lines[2].startswith(f"  DEAD  {server}/gone [404] ")
    assert lines[2].endswith(": HTTP 404 Not Found")
    assert lines[3].startswith(f"  MOVED {server}/moved [200] ")
    assert lines[3].endswith(f"s -> {server}/ok-elsewhere")
    assert lines[4] == "4 links checked: 1 dead, 1 moved, 0 slow."


def test_command_exits_zero_without_dead_links(server):
    guide("news", sources=[server + "/ok", server + "/sluggish"])
    status, out, _ = run_command()
    assert status == 0
    assert "SLOW  " in out
    assert out.splitlines()[-1] == "2 links checked: 0 dead, 0 moved, 1 slow."


def test_exit_status_as_from_manage_py(server, capsys, monkeypatch):
    # A command run from the command line closes every database connection when
    # it ends; here that would be the test's own (it holds the test transaction).
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)
    guide("news", sources=[server + "/ok"])
    execute_from_command_line(["manage.py", "check_guide_links"])  # no SystemExit: 0
    guide("chat", sources=[server + "/gone"])
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "check_guide_links"])
    assert exited.value.code == 1
    assert "CommandError: 1 dead link; see above." in capsys.readouterr().err


def test_command_unknown_guide_fails():
    status, _, error = run_command("--guide", "nope")
    assert status == 1
    assert error == "No published guide with the slug 'nope'."


def test_command_one_guide(server):
    guide("news", sources=[server + "/gone"])
    guide("chat", sources=[server + "/ok"])
    status, out, _ = run_command("--guide", "chat")
    assert status == 0
    assert out.splitlines() == [
        "Chat (chat): 1 link, all fine",
        "1 link checked: 0 dead, 0 moved, 0 slow.",
    ]


def test_task_runs_the_check(server):
    guide("news", sources=[server + "/gone"])
    result = guide_links_check.delay().get()
    run = LinkCheckRun.objects.get()
    assert result == {"run": run.pk, "links": 1, "dead": 1, "moved": 0, "slow": 0}


# --- the dashboard ------------------------------------------------------------


def test_dashboard_shows_the_last_run(client, server):
    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "No link check has run yet" in html

    news = guide("news", sources=[server + "/gone", server + "/moved"])
    check()  # an older run
    news.sources.filter(url=server + "/moved").delete()
    guide("chat", sources=[server + "/sluggish"])
    latest = check()
    LinkCheckRun.objects.create()  # unfinished: not shown

    html = client.get("/admin/").content.decode()
    assert f'data-run="{latest.pk}"' in html
    assert '<strong data-total="links">2</strong> links' in html
    assert '<strong data-total="dead">1</strong> dead' in html
    assert '<strong data-total="moved">0</strong> moved' in html
    assert '<strong data-total="slow">1</strong> slow' in html
    assert 'data-dead="news"' in html
    assert f'href="/admin/guides/platform/{news.pk}/change/">News</a>' in html
    assert f'<span class="cd-url">{server}/gone</span> (HTTP 404 Not Found)' in html
    assert 'data-dead="chat"' not in html


def test_dashboard_links_need_the_permission(client):
    from django.contrib.auth.models import Permission

    from advocacy.dashboard import campaign_dashboard

    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_platform"))
    assert "links" not in campaign_dashboard(user=User.objects.get(pk=user.pk))
    user.user_permissions.add(Permission.objects.get(codename="view_linkcheckrun"))
    dashboard = campaign_dashboard(user=User.objects.get(pk=user.pk))
    assert dashboard["links"] == {"run": None}
    outsider = User.objects.create_user("outsider", password="pw")
    assert campaign_dashboard(user=outsider) is None


def test_no_dead_links_message(client, server):
    guide("news", sources=[server + "/ok"])
    check()
    client.force_login(User.objects.create_superuser("root", "r@example.org", "pw"))
    html = client.get("/admin/").content.decode()
    assert "No dead links in the last check." in html


# --- beat ---------------------------------------------------------------------


def beat_schedule(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(env, DJANGO_SECRET_KEY="x")
    code = (
        "import advocacy.settings.base as s; "
        "e = s.CELERY_BEAT_SCHEDULE.get('guides-check-links'); "
        "print(e['task'], e['schedule']) if e else print('none')"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_weekly_beat_entry_only_with_a_broker():
    assert beat_schedule() == "none"
    assert beat_schedule(CELERY_BROKER_URL="") == "none"
    assert beat_schedule(CELERY_BROKER_URL="redis://127.0.0.1:6379/1") == (
        "guides.tasks.guide_links_check <crontab: 0 4 * * 1 (m/h/dM/MY/d)>"
    )
