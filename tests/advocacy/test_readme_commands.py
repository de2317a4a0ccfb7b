"""The README's commands work as printed after `make run`, on a fresh copy.

The working tree is copied (what `git clone` would give, plus uncommitted
changes; no .env, no var/) into a temporary folder beside a link to the
shared data, so `../shared/data/...` resolves as on a developer's machine,
with this test run's virtualenv as `.venv`. Nothing of the environment that
.env.example lists is passed on: a fresh shell. Then:

1. `make run` on another port (`PORT=...`), as a visitor's machine would: it
   migrates, loads the content and serves. A signature over HTTP gets an
   email whose confirm link, like the petition's share links, uses that port.
2. Every `.venv/bin/python manage.py ...` line the README prints (code blocks
   and inline), run as printed, exits 0: no DJANGO_SECRET_KEY is needed.
   `createsuperuser` gets `--noinput` and DJANGO_SUPERUSER_*; `PATH` is the
   file its section names; `--download` fetches from a local copy of the
   Open States files (OPENSTATES_DOWNLOAD_URL); the Census files are the
   samples in tests/letters/fixtures/zip/.
3. Everything written under var/ is owner-only, though the umask was 022.
"""

import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.request
from functools import partial
from http.cookiejar import CookieJar
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings

from .public_pages import PETITION, SIGNER

pytestmark = pytest.mark.slow

BASE_DIR = Path(settings.BASE_DIR)
CENSUS_SAMPLES = BASE_DIR / "tests" / "letters" / "fixtures" / "zip"
COMMAND = ".venv/bin/python manage.py"


def readme_commands():
    """Every `.venv/bin/python manage.py ...` the README prints, in order."""
    text = (BASE_DIR / "README.md").read_text()
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith(COMMAND + " "):
                commands.append(line)
    outside = re.sub(r"```.*?```", "", text, flags=re.S)
    for span in re.findall(r"`([^`\n]+)`", outside):
        # A span that only names the prefix (as the README's Tests section does) is no command.
        if span.startswith(COMMAND + " ") and span not in commands:
            commands.append(span)
    return commands


def test_the_readme_commands_are_found():
    """The list below is real: the commands the issue names are in it."""
    commands = readme_commands()
    for name in ("createsuperuser", "import_legislators", "import_zip_districts"):
        assert any(f"manage.py {name}" in command for command in commands), name
    assert all("\\" not in command and "#" not in command for command in commands)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_env(**extra):
    """A fresh shell: none of the variables .env.example lists, nor test ones."""
    listed = set(
        re.findall(
            r"^([A-Z][A-Z0-9_]*)=", (BASE_DIR / ".env.example").read_text(), re.M
        )
    )
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in listed
        and not name.startswith(("DJANGO_", "PYTEST", "CELERY_", "EMAIL_"))
        and name not in ("HOST", "PORT", "SITE_URL", "MAKEFLAGS", "MAKELEVEL")
    }
    env.update(extra)
    return env


def copy_working_tree(dest):
    """The files a clone would have (tracked or new, minus what .gitignore ignores)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=BASE_DIR,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = BASE_DIR / os.fsdecode(name)
        if source.is_file():
            target = dest / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory, shared_data):
    if not shutil.which("make") or not shutil.which("git"):
        pytest.skip("needs make and git")
    root = tmp_path_factory.mktemp("fresh")
    repo = root / "repo"
    repo.mkdir()
    copy_working_tree(repo)
    (root / "shared").symlink_to(Path(shared_data).resolve().parent)
    (repo / ".venv").symlink_to(Path(sys.prefix))
    for sample in CENSUS_SAMPLES.glob("tab20_*.txt"):
        shutil.copy2(sample, repo / sample.name)  # "downloaded" beside manage.py
    assert not (repo / ".env").exists() and not (repo / "var").exists()
    return repo


def umask_022():
    os.umask(0o022)


class Browser:
    """urllib with cookies: a visitor who reads pages and sends the sign form."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path, data, referer):
        request = urllib.request.Request(
            self.base_url + path,
            data=urlencode(data).encode(),
            headers={"Referer": self.base_url + referer},
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.geturl()


def wait_until_up(base_url, process, log, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make run exited {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"make run did not serve within {timeout}s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def after_make_run(fresh_copy):
    """`PORT=<port> make run` in the fresh copy; a signature while it serves."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = fresh_copy / "make-run.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            # The venv is this test run's: never reinstall into it.
            ["make", "-o", ".venv/.installed-stamp", "run"],
            cwd=fresh_copy,
            env=fresh_env(PORT=str(port)),
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=umask_022,
            start_new_session=True,
        )
    try:
        wait_until_up(base_url, process, log)
        browser = Browser(base_url)
        status, petition_html = browser.get(PETITION)
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', petition_html)
        assert token, "the sign form has no CSRF token"
        status, landed = browser.post(
            PETITION + "sign/",
            {**SIGNER, "csrfmiddlewaretoken": token.group(1)},
            referer=PETITION,
        )
        assert status == 200 and "/thanks/" in landed, landed
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return {"base_url": base_url, "petition_html": petition_html, "log": log}


def test_make_run_links_follow_its_port(fresh_copy, after_make_run):
    base_url = after_make_run["base_url"]
    emails = "".join(
        path.read_text(errors="replace")
        for path in (fresh_copy / "var" / "outbox").glob("*.log")
    )
    assert SIGNER["email"] in emails, "no confirmation email in var/outbox/"
    assert f"{base_url}{PETITION}confirm/" in emails
    assert "127.0.0.1:8000" not in emails
    # Share links carry the page's address, quoted.
    assert quote(f"{base_url}{PETITION}", safe="") in after_make_run["petition_html"]


def test_make_run_writes_a_private_local_env_once(fresh_copy, after_make_run):
    env_file = fresh_copy / ".env"
    assert "DJANGO_DEBUG=true" in env_file.read_text().splitlines()
    assert "DJANGO_SECRET_KEY" not in env_file.read_text()
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    # Idempotent: a second `make run` leaves it alone.
    question = subprocess.run(
        ["make", "-q", ".env"], cwd=fresh_copy, env=fresh_env(), capture_output=True
    )
    assert question.returncode == 0, "make would rewrite .env"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class OpenStatesCopy:
    """A local stand-in for data.openstates.org/people/current/ (no network)."""

    def __init__(self, folder):
        handler = partial(QuietHandler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def as_run(command, paths):
    """The printed command, with PATH as its section's file and --noinput added."""
    words = command.split()
    if "PATH" in words:
        words[words.index("PATH")] = paths[words[2]]
    if words[2] == "createsuperuser":
        words.append("--noinput")
    return words


def test_every_readme_command_works_as_printed(fresh_copy, after_make_run, shared_data):
    commands = readme_commands()
    # The file each section's first command names, for its "PATH" line.
    paths = {}
    for command in commands:
        words = command.split()
        if len(words) > 3 and not words[3].startswith("-") and words[3] != "PATH":
            paths.setdefault(words[2], words[3])
    people = Path(shared_data) / "openstates" / "people"
    with OpenStatesCopy(people) as openstates:
        env = fresh_env(
            OPENSTATES_DOWNLOAD_URL=openstates.url,
            DJANGO_SUPERUSER_USERNAME="organizer",
            DJANGO_SUPERUSER_EMAIL="organizer@example.org",
            DJANGO_SUPERUSER_PASSWORD="a long local password 7f3e",
        )
        failures = []
        for command in commands:
            result = subprocess.run(
                as_run(command, paths),
                cwd=fresh_copy,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
                preexec_fn=umask_022,
            )
            if result.returncode != 0:
                failures.append(f"{command}\n{result.stdout[-1500:]}{result.stderr}")
    assert failures == [], "\n\n".join(failures)


def test_what_the_app_wrote_under_var_is_owner_only(fresh_copy, after_make_run):
    var = fresh_copy / "var"
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    written = list(var.rglob("*"))
    assert any(p.name == "db.sqlite3" for p in written)
    assert any(p.suffix == ".log" for p in written)  # the outbox
    wrong = [
        (str(p.relative_to(var)), oct(stat.S_IMODE(p.stat().st_mode)))
        for p in written
        if stat.S_IMODE(p.stat().st_mode) != (0o700 if p.is_dir() else 0o600)
    ]
    assert wrong == []


def production_check(fresh_copy, *args, **env):
    from .test_production import PROD_ENV

    return subprocess.run(
        [".venv/bin/python", "manage.py", "check", *args],
        cwd=fresh_copy,
        env=fresh_env(**PROD_ENV, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_still_needs_a_real_key_beside_the_local_env(
    fresh_copy, after_make_run
):
    """The .env `make run` wrote turns debug on; production ignores that."""
    from advocacy.settings.base import DEVELOPMENT_SECRET_KEY

    assert (fresh_copy / ".env").exists()
    for key in ({}, {"DJANGO_SECRET_KEY": DEVELOPMENT_SECRET_KEY}):
        result = production_check(fresh_copy, **key)
        assert result.returncode != 0, key
        assert "DJANGO_SECRET_KEY" in result.stderr, result.stderr
    import secrets

    result = production_check(
        fresh_copy, "--deploy", DJANGO_SECRET_KEY=secrets.token_urlsafe(64)
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout
