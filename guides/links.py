"""Check the links of published guides: sources and step deep links.

`links_check()` fetches every link once per run (a link shared by two guides is
fetched once and reported for both), politely: a pause of `delay` seconds
between two requests to the same host, a clear User-Agent, HEAD first.

What counts as what:
- dead: a final 4xx/5xx answer (or any code of 400 and above, like LinkedIn's
  999), a DNS failure, a refused connection, a TLS error, a timeout, too many
  redirects. HEAD answered 403, 405 or 501 is retried once with GET (many sites
  refuse HEAD or treat it as a bot), and only the GET answer counts; a final 403
  or 429 is still dead, with a note that the site may be blocking automated checks.
- moved: redirects ended on another host or another path. http -> https, a
  "www." added or dropped, a trailing slash, another query string or fragment
  are not a move.
- slow: answered fine (or moved) but took longer than `slow_after` seconds in
  all (every redirect hop and the GET retry included). A moved link is
  reported as moved, with its time.

Only problems are stored (LinkCheckResult); the run (LinkCheckRun) keeps the
counts.
"""

import http.client
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from time import monotonic, sleep

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from .models import LinkCheckResult, LinkCheckRun, Platform, Step

Outcome = LinkCheckResult.Outcome
OK = "ok"
MAX_REDIRECTS = 10
# HEAD answers that say "ask me with GET" rather than "this page is gone".
HEAD_REFUSED = {403, 405, 501}
# Bytes read from a GET answer: enough to know the server sends a body.
READ_BYTES = 1024
BLOCKING_CODES = {403, 429}


def user_agent():
    return f"KeepYourDataOutOfAI-linkcheck/1.0 (+{settings.SITE_URL})"


@dataclass
class LinkAnswer:
    """What one URL answered, and what that means."""

    url: str
    outcome: str = OK
    status_code: int | None = None
    final_url: str = ""
    seconds: float = 0.0
    detail: str = ""
    method: str = "HEAD"

    @property
    def is_problem(self):
        return self.outcome != OK


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers so every hop is timed, paced and kept."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def opener_build():
    """The default opener: no automatic redirects, the environment's proxies."""
    return urllib.request.build_opener(_NoRedirect)


def _host_key(netloc):
    host = netloc.lower().rsplit("@", 1)[-1]
    if host.startswith("www."):
        host = host[4:]
    for default in (":80", ":443"):
        if host.endswith(default):
            host = host[: -len(default)]
    return host


def _path_key(path):
    return urllib.parse.unquote(path).rstrip("/") or "/"


def is_moved(original, final):
    """Another host or another path (scheme, www., trailing slash, query and
    fragment do not count)."""
    a, b = urllib.parse.urlsplit(original), urllib.parse.urlsplit(final)
    return (_host_key(a.netloc), _path_key(a.path)) != (
        _host_key(b.netloc),
        _path_key(b.path),
    )


def _error_detail(exc, timeout):
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"timed out after {timeout:g}s"
    if isinstance(reason, socket.gaierror):
        return f"DNS lookup failed ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({getattr(reason, 'reason', None) or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"network error ({reason.strerror})"
    return f"error ({reason})"[:300]


class _Pacer:
    """Waits `delay` seconds between two requests to the same host."""

    def __init__(self, delay):
        self.delay = delay
        self.last = {}

    def wait(self, url):
        host = _host_key(urllib.parse.urlsplit(url).netloc)
        if self.delay > 0 and host in self.last:
            remaining = self.delay - (monotonic() - self.last[host])
            if remaining > 0:
                sleep(remaining)
        self.last[host] = monotonic()


def _request(opener, url, method, timeout):
    """One request: (status, location or None). Raises URLError/OSError on
    network failures. The GET body is read only a little."""
    request = urllib.request.Request(
        url,
        method=method,
        headers={"User-Agent": user_agent(), "Accept": "*/*"},
    )
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, exc.headers.get("Location"), None
        finally:
            exc.close()
    with response:
        if method == "GET":
            response.read(READ_BYTES)
        # An opener that follows redirects itself reports where it ended.
        return response.status, None, response.geturl()


def link_fetch(url, *, timeout, slow_after, opener=None, pacer=None):
    """Fetch one URL (HEAD, then GET when HEAD is refused), following and
    recording redirects; returns a classified LinkAnswer."""
    opener = opener or opener_build()
    pacer = pacer or _Pacer(0)
    answer = LinkAnswer(url=url, final_url=url)
    started = monotonic()
    method = "HEAD"
    current = url
    hops = 0
    try:
        while True:
            pacer.wait(current)
            status, location, ended_at = _request(opener, current, method, timeout)
            current = ended_at or current
            if 300 <= status < 400 and status != 304:
                if not location:
                    answer.outcome = Outcome.DEAD
                    answer.detail = f"HTTP {status} redirect without a Location"
                    break
                hops += 1
                if hops > MAX_REDIRECTS:
                    answer.outcome = Outcome.DEAD
                    answer.detail = f"more than {MAX_REDIRECTS} redirects"
                    break
                current = urllib.parse.urljoin(current, location)
                continue
            if method == "HEAD" and status in HEAD_REFUSED:
                # Ask again with GET, from the original URL.
                method, current, hops = "GET", url, 0
                continue
            answer.status_code = status
            if status >= 400:
                answer.outcome = Outcome.DEAD
                reason = http.client.responses.get(status, "")
                answer.detail = f"HTTP {status} {reason}".strip()
                if status in BLOCKING_CODES:
                    answer.detail += " (the site may be blocking automated checks)"
            break
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        answer.outcome = Outcome.DEAD
        answer.detail = _error_detail(exc, timeout)
    except ValueError as exc:  # a URL urllib cannot open (no scheme, bad port)
        answer.outcome = Outcome.DEAD
        answer.detail = f"bad URL ({exc})"[:300]
    answer.seconds = round(monotonic() - started, 3)
    answer.method = method
    answer.final_url = current
    if answer.outcome == OK:
        if is_moved(url, current):
            answer.outcome = Outcome.MOVED
            answer.detail = f"redirected to {current}"[:300]
        elif answer.seconds > slow_after:
            answer.outcome = Outcome.SLOW
            answer.detail = f"took {answer.seconds:.1f}s"
    return answer


def guide_links(platform):
    """The guide's links, each once: sources first, then step deep links."""
    urls = [source.url for source in platform.sources.all()]
    urls += [step.deep_link for step in platform.steps.all()]
    return list(dict.fromkeys(url.strip() for url in urls if url and url.strip()))


def guides_to_check(*, slug=None):
    guides = Platform.objects.published().prefetch_related(
        "sources",
        Prefetch("steps", queryset=Step.objects.exclude(deep_link="")),
    )
    if slug:
        guides = guides.filter(slug=slug)
    return list(guides)


def links_check(
    *,
    timeout=None,
    delay=None,
    slow_after=None,
    opener=None,
    slug=None,
    report=None,
):
    """Check every link of every published guide (or the guide `slug`) and
    record the run. `report(platform, answers)` is called after each guide.
    Settings give the defaults: GUIDES_LINK_TIMEOUT_SECONDS,
    GUIDES_LINK_DELAY_SECONDS, GUIDES_LINK_SLOW_SECONDS."""
    timeout = settings.GUIDES_LINK_TIMEOUT_SECONDS if timeout is None else timeout
    delay = settings.GUIDES_LINK_DELAY_SECONDS if delay is None else delay
    if slow_after is None:
        slow_after = settings.GUIDES_LINK_SLOW_SECONDS
    opener = opener or opener_build()
    pacer = _Pacer(delay)
    run = LinkCheckRun.objects.create(started_at=timezone.now())
    fetched = {}
    problems = []
    for platform in guides_to_check(slug=slug):
        answers = []
        for url in guide_links(platform):
            if url not in fetched:
                fetched[url] = link_fetch(
                    url,
                    timeout=timeout,
                    slow_after=slow_after,
                    opener=opener,
                    pacer=pacer,
                )
            answer = fetched[url]
            answers.append(answer)
            run.links += 1
            if answer.is_problem:
                setattr(run, answer.outcome, getattr(run, answer.outcome) + 1)
                problems.append(
                    LinkCheckResult(
                        run=run,
                        platform=platform,
                        url=url[:500],
                        outcome=answer.outcome,
                        status_code=answer.status_code,
                        final_url=answer.final_url[:500]
                        if answer.final_url != url
                        else "",
                        seconds=answer.seconds,
                        detail=answer.detail[:300],
                    )
                )
        if report:
            report(platform, answers)
    LinkCheckResult.objects.bulk_create(problems)
    run.finished_at = timezone.now()
    run.save()
    return run
