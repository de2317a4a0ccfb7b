"""import_legislators: good files, bad rows, re-import, retirement, download, real data."""

import datetime
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from letters.models import Legislator, RosterImport
from states.models import State

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "openstates"


def run(*args, fails=False):
    """(stdout, stderr) of the command; with `fails`, it must exit non-zero
    (CommandError, status 1), and its message ends stderr."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    argv = [str(a) for a in args]
    if not fails:
        call_command("import_legislators", *argv, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()
    with pytest.raises(CommandError) as info:
        call_command("import_legislators", *argv, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue() + str(info.value)


def test_import_folder_creates_legislators_and_states():
    out, err = run(FIXTURES / "first")
    assert Legislator.objects.count() == 4
    assert State.objects.filter(abbr__in=["VA", "NE"]).count() == 2
    obrien = Legislator.objects.get(family_name="O'Brien")
    assert obrien.state.abbr == "VA"
    assert (obrien.chamber, obrien.district) == ("lower", "12")
    assert obrien.capitol_address.startswith("Pocahontas Building")
    assert "VA (va.csv): 3 rows, 3 added, 0 changed, 0 retired" in out
    assert "Total: 2 files, 4 rows, 4 added" in out
    assert err == ""


def test_empty_capitol_columns_fall_back_to_the_district_office():
    run(FIXTURES / "first" / "va.csv")
    tobin = Legislator.objects.get(family_name="Tobin")
    assert tobin.name == "Löki Tobin"
    assert tobin.capitol_address == "P.O. Box 396, Richmond, VA 23218"
    assert tobin.district_address == "P.O. Box 396, Richmond, VA 23218"
    smith = Legislator.objects.get(family_name="Smith")
    assert smith.capitol_address == ""
    assert smith.name == "Mary Smith"  # zero-width space removed
    assert smith.email == ""  # malformed address dropped with a warning


def test_unicameral_chamber():
    run(FIXTURES / "first" / "ne.csv")
    assert Legislator.objects.get().chamber == "legislature"


def test_reimport_is_idempotent():
    run(FIXTURES / "first")
    before = {leg.openstates_id: leg.updated_at for leg in Legislator.objects.all()}
    out, _ = run(FIXTURES / "first")
    assert "4 rows, 0 added, 0 changed, 0 retired, 4 unchanged" in out
    after = {leg.openstates_id: leg.updated_at for leg in Legislator.objects.all()}
    assert before == after


def test_changed_rows_new_rows_and_retirement():
    run(FIXTURES / "first")
    out, _ = run(FIXTURES / "second" / "va.csv")
    assert "VA (va.csv): 3 rows, 1 added, 1 changed, 1 retired, 1 unchanged" in out
    assert (
        Legislator.objects.get(family_name="O'Brien").email
        == "obrien@house.virginia.gov"
    )
    smith = Legislator.objects.get(family_name="Smith")
    assert not smith.active
    assert Legislator.objects.get(family_name="Chen").active
    # Nebraska was not in this import: its legislator stays active.
    assert Legislator.objects.get(state__abbr="NE").active
    # Back again: Smith returns to active duty.
    out, _ = run(FIXTURES / "first" / "va.csv")
    assert Legislator.objects.get(family_name="Smith").active
    assert not Legislator.objects.get(family_name="Chen").active


def test_bad_rows_are_reported_by_file_and_line_and_the_rest_imports():
    out, err = run(FIXTURES / "bad" / "md.csv", fails=True)
    assert set(Legislator.objects.values_list("name", flat=True)) == {
        "Good Person",
        "Also Good",
    }
    assert "md.csv line 3: missing id" in err
    assert "md.csv line 4: unknown chamber 'house' for MD" in err
    assert "md.csv line 6: expected 26 columns, found 5" in err
    assert "3 bad rows" in out
    assert "3 error(s): some files or rows were not imported" in err
    assert "Import finished." not in out


def test_dry_run_writes_nothing():
    out, _ = run(FIXTURES / "first", "--dry-run")
    assert "4 added" in out and "dry run" in out
    assert Legislator.objects.count() == 0
    assert State.objects.count() == 0
    run(FIXTURES / "first")
    run(FIXTURES / "second" / "va.csv", "--dry-run")
    assert Legislator.objects.get(family_name="Smith").active
    assert not Legislator.objects.filter(family_name="Chen").exists()


def test_file_name_must_name_a_state(tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text((FIXTURES / "first" / "ne.csv").read_text())
    with pytest.raises(CommandError):
        run(bad)
    _, err = run(bad, FIXTURES / "first" / "ne.csv", fails=True)
    assert "people.csv: cannot tell the state" in err
    assert "1 error(s)" in err
    assert Legislator.objects.count() == 1


def test_missing_columns_rejects_the_file_without_retiring(tmp_path):
    run(FIXTURES / "first")
    broken = tmp_path / "va.csv"
    broken.write_text("id,name\nocd-person/x,Someone\n")
    with pytest.raises(CommandError):
        run(broken)
    assert Legislator.objects.filter(state__abbr="VA", active=True).count() == 3


def test_arguments_are_required():
    with pytest.raises(CommandError):
        run()


@pytest.fixture
def fixture_server():
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(FIXTURES / "first")
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_download_fetches_state_files_from_the_configured_address(
    fixture_server, settings, tmp_path
):
    settings.OPENSTATES_DOWNLOAD_URL = fixture_server
    settings.OPENSTATES_DOWNLOAD_TIMEOUT = 5
    out, err = run("--download", "--states", "va,ne,md", "--keep", tmp_path, fails=True)
    assert "Downloaded 2 of 3 files." in out
    assert "md.csv: download failed" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ne.csv", "va.csv"]
    assert Legislator.objects.count() == 4
    # A missing file is a failure: the exit status says so after the summary.
    assert "Total: 2 files" in out
    assert "1 error(s)" in err
    roster = RosterImport.objects.get()
    assert roster.kind == "download"
    assert roster.as_of == timezone.localdate()
    assert roster.state_codes == ["NE", "VA"]


def test_download_of_every_file_asked_for_exits_zero(
    fixture_server, settings, tmp_path
):
    settings.OPENSTATES_DOWNLOAD_URL = fixture_server
    settings.OPENSTATES_DOWNLOAD_TIMEOUT = 5
    out, _ = run("--download", "--states", "va,ne", "--as-of", "2026-11-20")
    assert "Import finished." in out
    assert RosterImport.objects.get().as_of == datetime.date(2026, 11, 20)


def test_download_rejects_unknown_states(settings):
    with pytest.raises(CommandError):
        run("--download", "--states", "zz")


def test_real_open_states_folder_imports_with_its_counts(shared_data):
    people = shared_data / "openstates" / "people"
    out, err = run(people)
    assert "Total: 52 files, 7451 rows, 7451 added" in out
    assert "0 errors" in out
    assert Legislator.objects.count() == 7451
    assert State.objects.count() == 52
    assert Legislator.objects.filter(chamber="upper").count() == 1949
    assert Legislator.objects.filter(chamber="lower").count() == 5441
    assert Legislator.objects.filter(chamber="legislature").count() == 61
    assert Legislator.objects.filter(state__abbr="NH").count() == 415
    assert (
        Legislator.objects.filter(state__abbr="NH", district="Rockingham 30").count()
        > 1
    )
    assert Legislator.objects.filter(state__abbr="DC", capitol_address="").count() == 0
    assert Legislator.objects.filter(state__abbr="WI", capitol_address="").count() == 66
    out, _ = run(people)
    assert "0 added, 0 changed, 0 retired, 7451 unchanged" in out


def test_a_truncated_file_retires_nobody(tmp_path):
    run(FIXTURES / "first")
    lines = (FIXTURES / "first" / "va.csv").read_text(encoding="utf-8").splitlines()
    truncated = tmp_path / "va.csv"
    truncated.write_text(
        "\n".join(lines[:2]) + "\n", encoding="utf-8"
    )  # header + 1 of 3
    out, _ = run(truncated)
    assert "nobody retired" in out
    assert Legislator.objects.filter(state__abbr="VA", active=True).count() == 3


def test_good_files_exit_zero_and_record_where_they_came_from():
    out, err = run(FIXTURES / "first", "--as-of", "2026-08-05")
    assert "Import finished." in out and not err
    roster = RosterImport.objects.get()
    assert (roster.source, roster.kind) == ("Open States", "files")
    assert roster.as_of == datetime.date(2026, 8, 5)
    assert roster.state_codes == ["NE", "VA"]
    assert roster.legislators == 4
    assert "Legislators as of 2026-08-05." in out


def test_as_of_defaults_to_the_files_date(tmp_path):
    copy = tmp_path / "va.csv"
    copy.write_bytes((FIXTURES / "first" / "va.csv").read_bytes())
    stamp = datetime.datetime(2026, 3, 4, 12, tzinfo=datetime.UTC).timestamp()
    os.utime(copy, (stamp, stamp))
    out, _ = run(copy)
    assert RosterImport.objects.get().as_of == datetime.date(2026, 3, 4)
    assert "as of 2026-03-04 (the files' date: give --as-of" in out


def test_bad_as_of_is_refused_before_anything_is_read():
    _, err = run(FIXTURES / "first", "--as-of", "5 August", fails=True)
    assert "--as-of must be YYYY-MM-DD" in err
    assert not Legislator.objects.exists() and not RosterImport.objects.exists()


def test_dry_run_records_no_roster():
    run(FIXTURES / "first", "--dry-run")
    assert not RosterImport.objects.exists()


@pytest.mark.parametrize(
    ("path", "status"),
    [(FIXTURES / "first", 0), (FIXTURES / "bad" / "md.csv", 1)],
)
def test_exit_status_in_a_real_process(path, status, tmp_path):
    """As a shell or cron job sees it: status 1 on a bad row, summary printed."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "advocacy.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(django_settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    done = subprocess.run(
        [*manage, "import_legislators", str(path)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == status, done.stderr
    assert "Total:" in done.stdout
    if status:
        assert "error(s)" in done.stderr
