"""Load benchmark: wrk against gunicorn (production settings) on PostgreSQL + Redis.

Run (PostgreSQL and Redis on this machine; makes and drops its own database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_load \\
    REDIS_URL=redis://127.0.0.1:6379/5 CELERY_BROKER_URL=redis://127.0.0.1:6379/6 \\
    .venv/bin/python bench/load.py [--duration 4] [--rounds 5] [--connections 8] [--workers 2]

Starts gunicorn (gunicorn.conf.py, 2 sync workers) on a free 127.0.0.1 port
against a fresh database (`<name>_<random>` on DATABASE_URL's server, migrated,
content loaded, dropped at the end), then runs wrk against each endpoint in
ENDPOINTS, all in one run so the ratios to /healthz hold on a noisy machine:
`--rounds` rounds, each giving every endpoint (/healthz included) `--duration`
seconds, the order rotated from round to round. Each endpoint's numbers add up
its rounds, so a burst of other work on the machine weighs on every endpoint
about equally instead of on whichever ran at that moment; the spread of the
per-round ratios shows how noisy the run was. Prints requests/s, p50 (median
of the rounds) and p99 (worst round) latency, errors (connection errors,
timeouts and any status other than the expected one), the ratio to /healthz
and the peak RSS of each gunicorn worker, and checks that every signature
wrk saw accepted is in the database. Traffic goes to 127.0.0.1 only.

To add an endpoint, append an Endpoint to ENDPOINTS (a GET needs only a path;
a POST gives a Lua body builder, see SIGN_LUA).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.reliability import harness  # noqa: E402

WRK = shutil.which("wrk") or "/usr/bin/wrk"
SLUG = "state-privacy-law"
CSRF = harness.CSRF_SECRET

# Per-thread counters of responses by status, reported as one JSON line.
LUA_COMMON = r"""
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end
function init(args)
  statuses = {}
  n = 0
  sessions = {}
  if args[1] then
    for line in io.lines(args[1]) do table.insert(sessions, line) end
    nthreads = tonumber(args[2])
  end
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local merged = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do merged[tostring(k)] = (merged[tostring(k)] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, string.format('"%s": %d', k, v)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.timeout,
    table.concat(parts, ", ")))
end
"""

# A valid signature per request: a fixed CSRF secret in cookie and field (as a
# browser sends them), a unique email, and a unique client address in
# X-Real-IP, as nginx passes it (rate limits count per address).
SIGN_LUA = r"""
function request()
  n = n + 1
  local tid = tid or 0
  local body = "csrfmiddlewaretoken=CSRF&first_name=Load&last_name=Tester" ..
    "&email=bench-" .. tid .. "-" .. n .. "-RUN%40example.test" ..
    "&zip_code=94103&state=CA&comment=&website="
  local headers = {}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = "csrftoken=CSRF"
  headers["X-Real-IP"] = "10." .. ((ROUND * 16 + tid) % 250) .. "." ..
    (math.floor(n / 250) % 250) .. "." .. (n % 250)
  return wrk.format("POST", "PATH", headers, body)
end
"""

# Each PDF download (a POST, like the page's button) uses up one prepared
# letter session: the download clears it.
SESSION_LUA = r"""
function request()
  n = n + 1
  -- each wrk thread uses its own slice, so no session is downloaded twice
  local chunk = math.floor(#sessions / nthreads)
  local idx = (tid - 1) * chunk + (n - 1) % chunk + 1
  local headers = {}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = "csrftoken=CSRF; sessionid=" .. sessions[idx]
  return wrk.format("POST", "PATH", headers, "csrfmiddlewaretoken=CSRF")
end
"""


@dataclass
class Endpoint:
    name: str
    path: str
    expect: int = 200
    lua: str = ""  # request() builder; empty for a plain GET
    sessions: bool = False  # needs prepared letter sessions
    target: float | None = None  # issue 6 target, as a ratio to /healthz


ENDPOINTS = [
    Endpoint("healthz", "/healthz"),
    Endpoint("guide page", "/guides/instagram/", target=0.8),
    Endpoint("petition page", f"/petitions/{SLUG}/", target=0.6),
    Endpoint("count.json", f"/petitions/{SLUG}/count.json", target=0.8),
    Endpoint(
        "sign (POST)", f"/petitions/{SLUG}/sign/", expect=302, lua=SIGN_LUA, target=0.3
    ),
    Endpoint(
        "letter PDF",
        "/letters/ca/download/",
        lua=SESSION_LUA,
        sessions=True,
        target=0.3,
    ),
]


def wrk(
    url,
    endpoint,
    *,
    duration,
    connections,
    threads,
    work_dir,
    sessions_file,
    run_id,
    round_number=0,
):
    script = LUA_COMMON + (endpoint.lua or "")
    script = (
        script.replace("CSRF", CSRF)
        .replace("PATH", endpoint.path)
        .replace("ROUND", str(round_number))
        .replace("RUN", f"{run_id}r{round_number}")
    )
    slug = re.sub(r"\W+", "_", endpoint.name) + f"_{round_number}"
    lua_path = work_dir / f"{slug}.lua"
    lua_path.write_text(script)
    args = [
        WRK,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={lua_path}",
        url + endpoint.path,
    ]
    if endpoint.sessions:
        args += ["--", str(sessions_file), str(threads)]
    out = subprocess.run(args, capture_output=True, text=True, timeout=duration + 60)
    match = re.search(r"^BENCH_JSON (.*)$", out.stdout, re.M)
    if not match:
        raise RuntimeError(
            f"wrk failed for {endpoint.name}:\n{out.stdout}\n{out.stderr}"
        )
    result = json.loads(match.group(1))
    statuses = {int(k): v for k, v in result["statuses"].items()}
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["bad_status"] = sum(v for k, v in statuses.items() if k != endpoint.expect)
    result["ok"] = statuses.get(endpoint.expect, 0)
    result["errors"] = result["bad_status"] + sum(
        result[k] for k in ("connect", "read", "write", "timeout")
    )
    return result


class RssSampler(threading.Thread):
    """Peak resident memory of every gunicorn worker (VmRSS sampled + VmHWM)."""

    def __init__(self, master_pid):
        super().__init__(daemon=True)
        self.master = master_pid
        self.peak = {}
        self.stop = threading.Event()

    def sample(self):
        for pid in harness.child_pids(self.master):
            kib = rss_peak_kib(pid)
            self.peak[pid] = max(self.peak.get(pid, 0), kib)

    def run(self):
        while not self.stop.is_set():
            self.sample()
            time.sleep(0.25)


def rss_peak_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return harness.rss_kib(pid)


def letter_sessions(stack, server, count):
    """`count` session keys, each holding a finished letter ready to download.

    One letter is written through the real pages (state, typed legislator,
    the letter form); its session row is then copied `count` times.
    """
    cookies = {"csrftoken": CSRF}

    def post(path, data):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        response = harness.request(
            server.url + path,
            method="POST",
            data={"csrfmiddlewaretoken": CSRF, **data},
            headers=headers,
        )
        cookies.update(response.cookies)
        return response

    first = post(
        "/letters/ca/", {"typed:lower:1": "Jane Example", "typed:upper:1": "Sam Sample"}
    )
    assert first.status == 302, (first.status, first.text[:2000])
    second = post(
        "/letters/ca/write/",
        {
            "name": "Load Tester",
            "street": "1 Main St",
            "city": "San Francisco",
            "zip_code": "94103",
            "story": "My photos were used to train a model without my consent.",
        },
    )
    assert second.status == 302, (second.status, second.text[:2000])
    key = cookies["sessionid"]
    data, expire = stack.sql(
        "SELECT session_data, expire_date FROM django_session WHERE session_key = %s",
        [key],
    )[0]
    keys = [secrets.token_hex(16) for _ in range(count)]
    import psycopg

    with psycopg.connect(stack.database_url, autocommit=True) as conn:
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO django_session (session_key, session_data, expire_date) "
                "VALUES (%s, %s, %s)",
                [(k, data, expire) for k in keys],
            )
    check = harness.request(
        server.url + "/letters/ca/download/",
        method="POST",
        data={"csrfmiddlewaretoken": CSRF},
        headers={"Cookie": f"csrftoken={CSRF}; sessionid={keys[0]}"},
    )
    assert check.status == 200 and check.body.startswith(b"%PDF"), check.status
    return keys[1:]


def merge_rounds(runs):
    """One endpoint's rounds added up: requests/s over all of them, the median
    of the rounds' p50 and the worst round's p99."""
    requests = sum(r["requests"] for r in runs)
    seconds = sum(r["duration_us"] for r in runs) / 1e6
    p50s = sorted(r["p50_us"] for r in runs)
    return {
        "requests": requests,
        "rps": requests / seconds,
        "p50_us": p50s[len(p50s) // 2],
        "p99_us": max(r["p99_us"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "ok": sum(r["ok"] for r in runs),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=int, default=4, help="seconds per endpoint per round"
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds (see above)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--gunicorn-threads",
        type=int,
        default=1,
        help="threads per gunicorn worker (GUNICORN_THREADS; above 1: gthread workers)",
    )
    parser.add_argument("--only", default="", help="comma-separated endpoint names")
    args = parser.parse_args()
    if args.rounds < 1 or args.duration < 1:
        sys.exit("--rounds and --duration must be at least 1")

    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not (database_url.startswith("postgres") and redis_url and broker_url):
        sys.exit("set DATABASE_URL=postgres://..., REDIS_URL and CELERY_BROKER_URL")
    for url in (database_url, redis_url, broker_url):
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            sys.exit(f"refusing to benchmark against a non-local service: {url}")

    name = (
        f"{urlsplit(database_url).path.lstrip('/') or 'bench'}_{uuid.uuid4().hex[:8]}"
    )
    db_url = urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
    work_dir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    stack = harness.ProdStack(
        database_url=db_url,
        redis_url=redis_url,
        broker_url=broker_url,
        static_root=work_dir / "static",
        work_dir=work_dir,
    )
    endpoints = [
        e for e in ENDPOINTS if not args.only or e.name in args.only.split(",")
    ]
    harness.database_create(db_url)
    try:
        print(
            f"preparing database {name} (migrate, collectstatic, load_content)...",
            flush=True,
        )
        stack.manage("migrate", "--noinput")
        stack.manage("collectstatic", "--noinput", "--verbosity", "0")
        stack.manage("load_content")
        # No worker recycling mid-run, so the RSS peaks belong to one process each.
        server = stack.start_web(
            workers=args.workers,
            GUNICORN_MAX_REQUESTS=0,
            GUNICORN_THREADS=str(args.gunicorn_threads),
        )
        # Every round gets its own slice of prepared letter sessions, since a
        # download uses its session up.
        sessions_files = [work_dir / f"sessions_{i}.txt" for i in range(args.rounds)]
        if any(e.sessions for e in endpoints):
            keys = letter_sessions(stack, server, 20000)
            per_round = len(keys) // args.rounds
            for i, path in enumerate(sessions_files):
                chunk = keys[i * per_round : (i + 1) * per_round]
                path.write_text("\n".join(chunk) + "\n")
        for endpoint in endpoints:  # warm caches and imports
            if not endpoint.lua:
                harness.request(server.url + endpoint.path)
        signatures_before = stack.sql("SELECT count(*) FROM petitions_signature")[0][0]
        sampler = RssSampler(server.pid)
        sampler.start()
        run_id = uuid.uuid4().hex[:6]
        runs = {e.name: [] for e in endpoints}
        for round_number in range(args.rounds):
            shift = round_number % len(endpoints)
            for endpoint in endpoints[shift:] + endpoints[:shift]:
                print(
                    f"round {round_number + 1}/{args.rounds}: wrk {endpoint.name} "
                    f"{endpoint.path} ...",
                    flush=True,
                )
                runs[endpoint.name].append(
                    wrk(
                        server.url,
                        endpoint,
                        duration=args.duration,
                        connections=args.connections,
                        threads=args.threads,
                        work_dir=work_dir,
                        sessions_file=sessions_files[round_number],
                        run_id=run_id,
                        round_number=round_number,
                    )
                )
        sampler.stop.set()
        sampler.join()
        sampler.sample()
        signatures_after = stack.sql("SELECT count(*) FROM petitions_signature")[0][0]
    finally:
        stack.stop_all()
        harness.redis_flush(broker_url)  # confirmation tasks nobody will run
        harness.database_drop(db_url)
        shutil.rmtree(work_dir, ignore_errors=True)

    results = {name: merge_rounds(r) for name, r in runs.items()}
    baseline = results["healthz"]["rps"] if "healthz" in results else None
    print()
    print(
        f"wrk: {args.rounds} rounds x {args.duration}s per endpoint, "
        f"{args.connections} connections, {args.threads} threads; "
        f"gunicorn {args.workers} "
        + (
            f"gthread workers x {args.gunicorn_threads} threads"
            if args.gunicorn_threads > 1
            else "sync workers"
        )
    )
    print(
        "| endpoint | req/s | p50 ms | p99 ms | errors | ratio to /healthz "
        "| per-round ratios | target |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for endpoint in endpoints:
        result = results[endpoint.name]
        ratio = result["rps"] / baseline if baseline else float("nan")
        spread = ""
        if baseline and endpoint.name != "healthz":
            per_round = [
                r["rps"] / h["rps"]
                for r, h in zip(runs[endpoint.name], runs["healthz"], strict=True)
            ]
            spread = f"{min(per_round):.2f}–{max(per_round):.2f}"
        target = ""
        if endpoint.target:
            target = f">= {endpoint.target} {'met' if ratio >= endpoint.target else 'MISSED'}"
        print(
            f"| {endpoint.name} `{endpoint.path}` | {result['rps']:.0f} | "
            f"{result['p50_us'] / 1000:.1f} | {result['p99_us'] / 1000:.1f} | "
            f"{result['errors']} | {ratio:.2f} | {spread} | {target} |"
        )
    if "healthz" in runs:
        rates = ", ".join(f"{r['rps']:.0f}" for r in runs["healthz"])
        print(f"\n/healthz req/s by round: {rates}")
    print()
    for pid, kib in sorted(sampler.peak.items()):
        print(f"gunicorn worker {pid}: peak RSS {kib / 1024:.1f} MB")
    if "sign (POST)" in results:
        accepted = results["sign (POST)"]["ok"]
        stored = signatures_after - signatures_before
        # Requests still in flight when wrk stops are stored but not counted.
        lost = max(0, accepted - stored)
        print(
            f"signatures: {accepted} accepted (302) as wrk counted, {stored} stored "
            f"({stored - accepted} more were in flight when wrk stopped), lost: {lost}"
        )
        if lost:
            sys.exit(1)


if __name__ == "__main__":
    main()
