"""Owner-only files and folders (core/files.py, core/beat.py), under umask 022.

The outbox and the delivery packets are tested through their flows
(tests/petitions/test_file_modes.py, tests/petitions/delivery/test_file_modes.py);
the fresh-copy test (tests/advocacy/test_readme_commands.py) checks every file
under var/ after the README's commands.
"""

import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings

from core.files import private_dir, private_open


@pytest.fixture(autouse=True)
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_private_dir_makes_missing_folders_0700_and_leaves_existing_parents(tmp_path):
    os.chmod(tmp_path, 0o755)
    target = private_dir(tmp_path / "var" / "private" / "deliveries")
    assert target.is_dir()
    assert mode(target) == mode(target.parent) == mode(target.parent.parent) == 0o700
    assert mode(tmp_path) == 0o755  # not ours to change (it may be /srv or /tmp)


def test_private_open_creates_0600_and_tightens_an_existing_file(tmp_path):
    new = tmp_path / "new.log"
    with private_open(new, "ab") as handle:
        handle.write(b"a")
    assert mode(new) == 0o600
    old = tmp_path / "old.log"
    old.write_bytes(b"x")
    assert mode(old) == 0o644  # the umask at work
    with private_open(old, "ab") as handle:
        handle.write(b"y")
    assert mode(old) == 0o600 and old.read_bytes() == b"xy"


def test_the_sqlite_database_file_is_0600(tmp_path):
    """A new embedded database, created by a real process started with umask 022."""
    db = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "advocacy.settings.test",
        "DATABASE_URL": f"sqlite:///{db}",
    }
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('CREATE TABLE t (x integer)')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    assert mode(db) == 0o600
    assert list(tmp_path.iterdir()) == [db]  # no journal left beside it


def test_beat_schedule_file_is_0600(tmp_path):
    from advocacy.celery import app

    assert app.conf.beat_scheduler == "core.beat:PrivatePersistentScheduler"
    from celery.utils.imports import symbol_by_name

    scheduler_cls = symbol_by_name(app.conf.beat_scheduler)
    path = tmp_path / "celerybeat-schedule"
    scheduler = scheduler_cls(app=app, schedule_filename=str(path), lazy=False)
    scheduler.sync()
    scheduler.close()
    files = [p for p in tmp_path.iterdir() if p.name.startswith(path.name)]
    assert files, "beat wrote no schedule file"
    assert {mode(p) for p in files} == {0o600}
