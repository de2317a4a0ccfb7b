"""`make serve-prod` really starts the production shape (issue 6, Deployment).

Runs deploy/serve_prod.py (what the Makefile target runs) against a database
it must create itself, and checks that gunicorn answers /healthz and the
home page, and that the Celery worker and beat came up, all under honcho.
"""

import json
import subprocess
import sys
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from . import harness

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]


def test_serve_prod_starts_web_worker_and_beat(stack, tmp_path):
    name = f"serve_prod_{uuid.uuid4().hex[:8]}"
    database_url = urlunsplit(urlsplit(stack.database_url)._replace(path=f"/{name}"))
    port = harness.free_port()
    env = stack.env(
        DATABASE_URL=database_url,
        PORT=port,
        CELERY_BEAT_SCHEDULE_FILE=tmp_path / "celerybeat-schedule",
    )
    del env["DJANGO_SETTINGS_MODULE"]  # serve-prod must choose production itself
    log_path = tmp_path / "serve-prod.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "deploy/serve_prod.py"],
            cwd=harness.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:

        def up():
            assert proc.poll() is None, log_path.read_text(errors="replace")
            try:
                return harness.request(f"http://127.0.0.1:{port}/healthz", timeout=2)
            except OSError:
                return None

        health = harness.wait_for(up, timeout=240, interval=1, message="serve-prod")
        assert health.status == 200 and health.text == "ok\n"
        home = harness.request(f"http://127.0.0.1:{port}/")
        assert home.status == 200
        assert "strict-transport-security" not in home.headers  # plain local http
        harness.wait_for(
            lambda: (
                " ready." in log_path.read_text(errors="replace")
                and "beat: Starting" in log_path.read_text(errors="replace")
            ),
            timeout=60,
            message="the worker and beat",
        )
        text = log_path.read_text(errors="replace")
        assert f"created database {name}" in text
        assert "Content loaded." in text
        web_lines = [
            line.split("| ", 1)[1]
            for line in text.splitlines()
            if line[9:15] == "web.1 " and "| {" in line
        ]
        assert web_lines and all(json.loads(line)["time"] for line in web_lines)
    finally:
        harness.kill_group(proc)
        harness.database_drop(database_url)
