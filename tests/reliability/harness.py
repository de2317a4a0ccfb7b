"""Run the production shape for reliability tests: real processes, real services.

`ProdStack` owns one PostgreSQL database created for the test session
(migrated, static files collected, content loaded) and the environment every
subprocess gets: production settings, Redis cache and broker, the file email
backend in a per-test folder. `start_web()` starts gunicorn on a free port,
`start_worker()` a Celery worker; every process runs in its own process group
and is killed with it at teardown.

Nothing here talks to anything but 127.0.0.1.
"""

import contextlib
import email
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_VERSION = (
    next(iter(sorted(os.listdir("/etc/postgresql"))), "")
    if os.path.isdir("/etc/postgresql")
    else ""
)
# A fixed CSRF secret: Django accepts a request whose csrftoken cookie and
# csrfmiddlewaretoken field carry the same 32-character secret.
CSRF_SECRET = "reliabilityCsrfSecret0123456789a"
assert len(CSRF_SECRET) == 32


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kill_group(proc, *, timeout=15):
    """SIGTERM the process group, then SIGKILL what is left after `timeout`."""
    if proc.poll() is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)


def child_pids(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return sorted(int(p) for p in text.split())


def rss_kib(pid):
    """Resident set size of one process in KiB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    elapsed: float
    cookies: dict = field(default_factory=dict)  # from every Set-Cookie header

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def request(url, *, method="GET", data=None, headers=None, timeout=10):
    """One HTTP request on a fresh connection. Raises on connection errors/timeouts."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    body = urlencode(data).encode() if isinstance(data, dict) else data
    all_headers = {"Host": parts.netloc, "Connection": "close", **(headers or {})}
    if body is not None:
        all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    start = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=all_headers)
        resp = conn.getresponse()
        content = resp.read()
    finally:
        conn.close()
    cookies = {}
    for name, value in resp.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]
    return Response(
        status=resp.status,
        headers={k.lower(): v for k, v in resp.getheaders()},
        body=content,
        elapsed=time.monotonic() - start,
        cookies=cookies,
    )


def post_form(url, data, *, client_ip=None, timeout=20):
    """POST a form the way a browser does, with a valid CSRF cookie and token.

    `client_ip` is sent as X-Real-IP, as nginx does (gunicorn's peer is the
    trusted 127.0.0.1), so rate limits see one address per simulated person.
    """
    headers = {"Cookie": f"csrftoken={CSRF_SECRET}"}
    if client_ip:
        headers["X-Real-IP"] = client_ip
    return request(
        url,
        method="POST",
        data={"csrfmiddlewaretoken": CSRF_SECRET, **data},
        headers=headers,
        timeout=timeout,
    )


def wait_for(predicate, *, timeout, interval=0.2, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


# --- PostgreSQL -----------------------------------------------------------


def pg_is_ready():
    result = subprocess.run(
        ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=False
    )
    return result.returncode == 0


def pg_ctl(action, *extra):
    """Stop/start/restart the machine's PostgreSQL cluster (shared by everyone!)."""
    subprocess.run(
        [
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            PG_VERSION,
            "main",
            action,
            *extra,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def pg_ensure_running():
    if not pg_is_ready():
        with contextlib.suppress(subprocess.CalledProcessError):
            pg_ctl("start")
    wait_for(pg_is_ready, timeout=60, message="PostgreSQL to accept connections")


def _admin_url(url):
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def database_create(url):
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_admin_url(url), autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_drop(url):
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_admin_url(url), autocommit=True, connect_timeout=5) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def redis_flush(url):
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


# --- processes ------------------------------------------------------------


@dataclass
class Process:
    name: str
    proc: subprocess.Popen
    log_path: Path

    @property
    def pid(self):
        return self.proc.pid

    def log(self):
        return (
            self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        )

    def alive(self):
        return self.proc.poll() is None


@dataclass
class WebServer(Process):
    url: str = ""

    def worker_pids(self):
        return child_pids(self.pid)

    def get(self, path, **kwargs):
        return request(self.url + path, **kwargs)

    def post_form(self, path, data, **kwargs):
        return post_form(self.url + path, data, **kwargs)


@dataclass
class ProdStack:
    """One migrated database plus the environment for production subprocesses."""

    database_url: str
    redis_url: str
    broker_url: str
    static_root: Path
    work_dir: Path
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(64))
    cache_prefix: str = field(default_factory=lambda: f"rel-{uuid.uuid4().hex[:8]}")
    outbox_dir: Path | None = None
    processes: list = field(default_factory=list)

    def env(self, **extra):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "EMAIL_", "CELERY_", "GUNICORN_", "PYTEST"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="advocacy.settings.production",
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_SESSION_COOKIE_SECURE="false",
            DJANGO_CSRF_COOKIE_SECURE="false",
            DJANGO_STATIC_ROOT=str(self.static_root),
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=self.cache_prefix,
            CELERY_BROKER_URL=self.broker_url,
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_OUTBOX_DIR=str(self.outbox_dir or self.work_dir / "outbox"),
            PRIVATE_STORAGE_ROOT=str(self.work_dir / "private"),
            SITE_URL="http://127.0.0.1:8000",
            # The tests play nginx on this host: their X-Real-IP is believed.
            TRUSTED_PROXY_IPS="127.0.0.1,::1",
            LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def manage(self, *args, timeout=300, **env):
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def sql(self, query, params=None):
        """Run one statement on the stack's database; rows for a SELECT."""
        import psycopg

        with psycopg.connect(
            self.database_url, autocommit=True, connect_timeout=5
        ) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else cursor.rowcount

    def _spawn(self, name, args, env):
        log_path = self.work_dir / f"{name}-{uuid.uuid4().hex[:6]}.log"
        log = log_path.open("wb")
        proc = subprocess.Popen(
            args,
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: killed as a whole
        )
        log.close()
        return proc, log_path

    def start_web(self, *, workers=2, timeout=30, **env):
        """gunicorn with gunicorn.conf.py on a free port; waits for /healthz."""
        port = free_port()
        proc, log_path = self._spawn(
            "web",
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "advocacy.wsgi"],
            self.env(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=workers, **env),
        )
        server = WebServer(
            name="web", proc=proc, log_path=log_path, url=f"http://127.0.0.1:{port}"
        )
        self.processes.append(server)

        def healthy():
            if not server.alive():
                raise AssertionError(f"gunicorn exited:\n{server.log()}")
            try:
                return server.get("/healthz", timeout=2).status == 200
            except OSError:
                return False

        wait_for(healthy, timeout=timeout, message=f"gunicorn on port {port}")
        wait_for(
            lambda: len(server.worker_pids()) == workers,
            timeout=timeout,
            message="gunicorn workers",
        )
        return server

    def start_worker(
        self, *, name=None, concurrency=1, timeout=30, extra_args=(), **env
    ):
        """A Celery worker (prefork) on the stack's broker; waits until ready."""
        name = name or f"w{uuid.uuid4().hex[:6]}"
        proc, log_path = self._spawn(
            f"worker-{name}",
            [
                str(BIN / "celery"),
                "--app",
                "advocacy",
                "worker",
                "--loglevel",
                "INFO",
                "--pool",
                "prefork",
                "--concurrency",
                str(concurrency),
                "--hostname",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                *extra_args,
            ],
            self.env(**env),
        )
        worker = Process(name=name, proc=proc, log_path=log_path)
        self.processes.append(worker)

        def ready():
            if not worker.alive():
                raise AssertionError(f"celery worker exited:\n{worker.log()}")
            return " ready." in worker.log()

        wait_for(ready, timeout=timeout, message=f"celery worker {name}")
        return worker

    def stop_all(self):
        for process in reversed(self.processes):
            kill_group(process.proc)
        self.processes.clear()

    # --- email outbox (file backend) ---

    def emails(self):
        """Every email the processes wrote to the outbox, parsed."""
        folder = Path(self.env()["EMAIL_OUTBOX_DIR"])
        messages = []
        if not folder.is_dir():
            return messages
        separator = b"\n" + b"-" * 79 + b"\n"
        for path in sorted(folder.glob("*.log")):
            for chunk in path.read_bytes().split(separator):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk.strip() + b"\n"))
        return messages


class RedisServer:
    """A private redis-server on a free port, so a test can stop and restart
    "Redis" without touching the machine's shared instance."""

    def __init__(self, work_dir):
        self.port = free_port()
        self.work_dir = work_dir
        self.proc = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.work_dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

        def ready():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        wait_for(ready, timeout=20, message=f"redis-server on port {self.port}")
        return self

    def stop(self):
        if self.proc is not None:
            kill_group(self.proc, timeout=5)
            self.proc = None
