"""The data snapshot in the repository: built from the sources, loaded by `make run`.

The first test is the acceptance test of a fresh install: nothing beside the
repository (no ../shared), `load_content` plus `load_snapshot`, then ZIP 98501
→ Washington districts → a legislator → a one-page PDF with their name and
capitol address.
"""

import builtins
import datetime
import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from letters import snapshot
from letters.models import Legislator, RosterImport
from states.models import ZipDistrict
from tests.letters.letter_helpers import pdf_info, pdf_pages, pdftotext

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
PEOPLE = FIXTURES / "openstates" / "first"
ZIPS = FIXTURES / "zip" / "zcta_sld.csv"
SHARED = settings.BASE_DIR.parent / "shared"
AS_OF = "Legislators as of August 5, 2026 (Open States)"


def run(name, *args):
    out = io.StringIO()
    call_command(name, *[str(a) for a in args], stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def no_shared(monkeypatch, tmp_path):
    """Point the shared-data folder at an empty one, and fail any read under ../shared."""
    empty = tmp_path / "no-shared"
    empty.mkdir()
    monkeypatch.setenv("SHARED_DATA_DIR", str(empty))
    read = []
    real_open = builtins.open

    def watched_open(file, *args, **kwargs):
        if isinstance(file, (str, Path)):
            path = Path(file).resolve()
            if path.is_relative_to(SHARED.resolve()):
                read.append(path)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(io, "open", watched_open)
    yield read
    assert not read, f"read from ../shared: {read}"


def test_first_time_journey_without_shared_data(client, no_shared, tmp_path, poppler):
    run("load_content")
    out = run("load_snapshot")
    assert "Legislators: 7,451 loaded for 52 states" in out
    assert "ZIP table: 104,648 rows loaded." in out

    # The ZIP finds Washington's districts and their legislators.
    data = client.get("/letters/zip/98501.json").json()
    assert data["found"] and data["state"] == "WA"
    assert {c["chamber"] for c in data["chambers"]} == {"upper", "lower"}
    senate = next(c for c in data["chambers"] if c["chamber"] == "upper")
    senator = senate["districts"][0]["legislators"][0]
    legislator = Legislator.objects.get(pk=senator["id"])
    assert legislator.capitol_address and legislator.state.abbr == "WA"

    # Step 2 for that ZIP offers them; choosing one goes on to step 3.
    step2 = client.get("/letters/wa/", {"zip": "98501"}).content.decode()
    assert f"Senator {legislator.name}" in step2
    assert AS_OF in step2
    assert "We do not have a list" not in step2
    response = client.post("/letters/wa/", {"pick": [legislator.pk], "zip": "98501"})
    assert response.status_code == 302 and response["Location"] == "/letters/wa/write/"
    response = client.post(
        "/letters/wa/write/",
        {
            "name": "Ada Lovelace",
            "street": "1 Main St",
            "city": "Olympia",
            "zip_code": "98501",
            "story": "I want a say before my posts train a model.",
            "points": ["consent"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get("/letters/wa/preview/").content.decode()
    assert legislator.name in preview and AS_OF in preview

    # The PDF: one page, their name and their capitol address, the dated roster.
    response = client.post("/letters/wa/download/")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.content)
    assert pdf_pages(poppler, path) == 1
    text = " ".join(pdftotext(poppler, path).split())
    assert legislator.name in text
    street, *rest = (part.strip() for part in legislator.capitol_address.split(","))
    assert street in text and "Olympia" in text
    assert AS_OF in pdf_info(poppler, path)["Keywords"]


def test_after_make_run_the_act_step_and_the_district_page_know_the_legislators(
    client, no_shared
):
    run("load_content")
    run("load_snapshot")
    act = client.get("/act/write/", {"state": "WA", "zip": "98501"}).content.decode()
    assert "so we can look up your districts" in act
    district = client.get("/letters/wa/", {"upper": "22", "lower": "22"})
    html = district.content.decode()
    assert district.status_code == 200
    assert "We do not have a list of Washington" not in html
    held = Legislator.objects.filter(state__abbr="WA", district="22", active=True)
    assert held.count() == 3
    for member in held:
        assert member.name in html
    state_page = client.get("/states/wa/").content.decode()
    assert AS_OF in state_page
    assert "current legislators" not in state_page


def small_snapshot(folder, out):
    """A snapshot of the Open States fixtures (as of 2026-08-05) and the ZIP fixture."""
    run(
        "make_snapshot",
        "--people",
        PEOPLE.parent / folder,
        "--zips",
        ZIPS,
        "--as-of",
        "2026-08-05",
        "--zip-source",
        "test",
        "--out",
        out,
    )
    return out


def va_people():
    return dict(
        Legislator.objects.filter(state__abbr="VA").values_list("name", "active")
    )


def test_load_is_idempotent_and_keeps_fresher_imports(tmp_path):
    snap = small_snapshot("second", tmp_path / "snap")
    run("load_content")
    run("import_legislators", PEOPLE / "va.csv", "--as-of", "2026-11-20")
    fresh = va_people()
    out = run("load_snapshot", "--dir", snap)
    assert "kept as they are in 1 states" in out and "VA." in out
    assert va_people() == fresh  # not the snapshot's older roster (no Chen Wei)
    assert "Chen Wei" not in fresh
    assert ZipDistrict.objects.count() == 27
    counts = (Legislator.objects.count(), ZipDistrict.objects.count())
    rosters = RosterImport.objects.count()
    out = run("load_snapshot", "--dir", snap)
    assert (Legislator.objects.count(), ZipDistrict.objects.count()) == counts
    assert RosterImport.objects.count() == rosters  # nothing loaded, nothing recorded
    assert "ZIP table: kept as it is" in out


def test_an_older_import_is_replaced(tmp_path):
    snap = small_snapshot("second", tmp_path / "snap")
    run("load_content")
    run("import_legislators", PEOPLE / "va.csv", "--as-of", "2025-01-10")
    assert va_people()["Mary Smith"] is True
    out = run("load_snapshot", "--dir", snap)
    assert "Legislators: 3 loaded for 1 states (Open States as of 2026-08-05)." in out
    # The snapshot's roster: Chen Wei in, Mary Smith retired.
    assert va_people() == {
        "Patrick O'Brien": True,
        "Löki Tobin": True,
        "Chen Wei": True,
        "Mary Smith": False,
    }
    latest = RosterImport.objects.covering("VA").latest()
    assert (latest.kind, latest.as_of) == ("snapshot", datetime.date(2026, 8, 5))


def test_an_undated_import_is_kept(tmp_path):
    snap = small_snapshot("first", tmp_path / "snap")
    run("load_content")
    run("import_legislators", PEOPLE / "ne.csv")
    RosterImport.objects.all().delete()  # as if imported before records were kept
    Legislator.objects.filter(state__abbr="NE").update(name="Edited Name")
    out = run("load_snapshot", "--dir", snap)
    assert "kept as they are in 1 states (imported already" in out
    assert list(
        Legislator.objects.filter(state__abbr="NE").values_list("name", flat=True)
    ) == ["Edited Name"]
    assert Legislator.objects.filter(state__abbr="VA").count() == 3
    assert RosterImport.objects.get().state_codes == ["VA"]


def test_load_needs_the_states_and_refuses_a_damaged_file(tmp_path):
    with pytest.raises(CommandError, match="run `manage.py load_content` first"):
        run("load_snapshot")
    run("load_content")
    copy = tmp_path / "snapshot"
    shutil.copytree(snapshot.SNAPSHOT_DIR, copy)
    data = bytearray((copy / "zip_districts.csv.gz").read_bytes())
    data[-9] ^= 0xFF
    (copy / "zip_districts.csv.gz").write_bytes(bytes(data))
    with pytest.raises(CommandError, match="does not match snapshot.json"):
        run("load_snapshot", "--dir", copy)
    assert not Legislator.objects.exists() and not ZipDistrict.objects.exists()


def test_the_committed_snapshot_is_small_and_matches_its_manifest():
    manifest = json.loads((snapshot.SNAPSHOT_DIR / "snapshot.json").read_text())
    total = sum(p.stat().st_size for p in snapshot.SNAPSHOT_DIR.iterdir())
    assert total < 2_000_000
    people = manifest["legislators"]
    assert (people["source"], people["as_of"], people["rows"]) == (
        "Open States",
        "2026-08-05",
        7451,
    )
    header = (
        gzip.decompress((snapshot.SNAPSHOT_DIR / people["file"]).read_bytes())
        .decode()
        .splitlines()[0]
    )
    assert header.split(",") == ["state", *snapshot.LEGISLATOR_COLUMNS]
    readme = (snapshot.SNAPSHOT_DIR / "README.md").read_text()
    assert "5 August 2026" in readme and "make_snapshot" in readme


def test_make_snapshot_is_deterministic_and_loads_like_an_import(tmp_path):
    args = [
        "--people",
        PEOPLE,
        "--zips",
        ZIPS,
        "--as-of",
        "2026-08-05",
        "--zip-source",
        "test",
    ]
    run("make_snapshot", *args, "--out", tmp_path / "a")
    run("make_snapshot", *args, "--out", tmp_path / "b")
    for name in ("legislators.csv.gz", "zip_districts.csv.gz", "snapshot.json"):
        assert (tmp_path / "a" / name).read_bytes() == (
            tmp_path / "b" / name
        ).read_bytes()
    packed = (tmp_path / "a" / "legislators.csv.gz").read_bytes()
    assert packed[4:8] == b"\0\0\0\0"  # gzip mtime 0

    # Loading the snapshot gives the rows a direct import of the files gives.
    fields = ["openstates_id", "state__abbr", "chamber", "district", "name"]
    fields += ["email", "capitol_address", "district_address", "party", "active"]
    run("load_content")
    run("import_legislators", PEOPLE)
    direct = sorted(Legislator.objects.values_list(*fields))
    Legislator.objects.all().delete()
    RosterImport.objects.all().delete()
    run("load_snapshot", "--dir", tmp_path / "a")
    assert sorted(Legislator.objects.values_list(*fields)) == direct
    assert ZipDistrict.objects.count() == 27
    assert RosterImport.objects.get().kind == "snapshot"


def test_make_snapshot_refuses_bad_rows(tmp_path):
    with pytest.raises(CommandError, match="md.csv line 3: missing id"):
        run(
            "make_snapshot",
            "--people",
            FIXTURES / "openstates" / "bad",
            "--zips",
            ZIPS,
            "--as-of",
            "2026-08-05",
            "--zip-source",
            "test",
            "--out",
            tmp_path,
        )
    assert not list(tmp_path.iterdir())


def test_the_committed_snapshot_is_what_the_shared_sources_give(shared_data, tmp_path):
    """Rebuilt from ../shared/data with the README's command: the same bytes."""
    manifest = json.loads((snapshot.SNAPSHOT_DIR / "snapshot.json").read_text())
    run(
        "make_snapshot",
        "--people",
        shared_data / "openstates" / "people",
        "--zips",
        shared_data / "zcta_sld" / "zcta_sld.csv",
        "--as-of",
        manifest["legislators"]["as_of"],
        "--zip-source",
        manifest["zip_districts"]["source"],
        "--out",
        tmp_path,
    )
    for name in ("legislators.csv.gz", "zip_districts.csv.gz", "snapshot.json"):
        assert (tmp_path / name).read_bytes() == (
            snapshot.SNAPSHOT_DIR / name
        ).read_bytes()


def test_the_shipped_zip_table_rebuilds_to_the_same_bytes(tmp_path):
    """After an election only the roster changes: the README rebuilds the snapshot
    with --zips pointing at the shipped ZIP file, which must come out unchanged."""
    shipped = snapshot.SNAPSHOT_DIR / snapshot.ZIP_FILE
    small_snapshot("first", tmp_path)  # writes the fixture's ZIP table: replace it
    run(
        "make_snapshot",
        "--people",
        PEOPLE,
        "--zips",
        shipped,
        "--as-of",
        "2026-12-01",
        "--zip-source",
        "test",
        "--out",
        tmp_path,
    )
    assert (tmp_path / snapshot.ZIP_FILE).read_bytes() == shipped.read_bytes()
