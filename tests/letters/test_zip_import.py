"""`import_zip_districts`: both file formats, name mapping, shares, report, re-import."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from letters import content
from letters.models import Legislator
from letters.zipdistricts import census_district_names, zip_districts_import
from states.models import State, ZipDistrict

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "zip"
SLDU = FIXTURES / "tab20_sldu202420_zcta520_natl.txt"
SLDL = FIXTURES / "tab20_sldl202420_zcta520_natl.txt"
SIMPLE = FIXTURES / "zcta_sld.csv"


@pytest.fixture
def states():
    content.load(stdout=io.StringIO())
    return State.objects.in_bulk(field_name="abbr")


def run(*args, fails=False):
    """The command's output; with `fails` it must exit non-zero (CommandError)."""
    out = io.StringIO()
    if not fails:
        call_command("import_zip_districts", *map(str, args), stdout=out)
        return out.getvalue()
    with pytest.raises(CommandError) as info:
        call_command("import_zip_districts", *map(str, args), stdout=out)
    return out.getvalue() + str(info.value)


def rows(zcta, state=None, chamber=None):
    """{district: land_share} for one ZIP (and state and chamber)."""
    qs = ZipDistrict.objects.filter(zcta=zcta)
    if state:
        qs = qs.filter(state__abbr=state)
    if chamber:
        qs = qs.filter(chamber=chamber)
    return dict(qs.values_list("district", "land_share"))


def test_census_files_names_shares_and_skips(states):
    output = run(SLDU, SLDL)

    # Land share: 50 + 43 of 100 km² (two rows summed), 7 of 100.
    assert rows("98501", "WA", "upper") == {"22": 0.93, "35": 0.07}
    assert rows("98501", "WA", "lower") == {"22": 1.0}
    # District 2 touches 98501 over water only; the ZZZ row is no district.
    assert "2" not in rows("98501", "WA", "upper")
    assert not ZipDistrict.objects.filter(district__contains="ZZZ").exists()
    # A ZIP across the Massachusetts / Rhode Island line.
    assert rows("02861", "RI", "upper") == {"8": 0.55, "18": 0.3}
    assert rows("02861", "MA", "upper") == {"Bristol and Norfolk": 0.15}
    # Massachusetts names come from NAMELSAD, hyphen lists become "A, B and C".
    assert rows("01002", "MA", "upper") == {"Hampshire, Franklin and Worcester": 1.0}
    assert set(rows("01002", "MA", "lower")) == {"3rd Hampshire", "7th Hampden"}
    assert rows("02554", "MA", "lower") == {"Barnstable, Dukes and Nantucket": 1.0}
    # New Hampshire: "State House District Belknap 04" is "Belknap 4".
    assert rows("03220", "NH", "lower") == {"Belknap 4": 0.625, "Merrimack 2": 0.375}
    # Idaho: one Census district, two House seats, each covering all of it.
    assert rows("83814", "ID", "lower") == {"4A": 1.0, "4B": 1.0}
    assert rows("83814", "ID", "upper") == {"4": 1.0}
    # Vermont names from NAMELSAD, with Open States' "Southeast".
    assert set(rows("05401", "VT", "upper")) == {
        "Chittenden Central",
        "Chittenden Southeast",
    }
    assert rows("05401", "VT", "lower") == {"Chittenden-15": 1.0}
    # Nebraska and DC are Open States' chamber "legislature".
    assert rows("68508", "NE") == {"46": 0.6, "28": 0.4}
    assert set(
        ZipDistrict.objects.filter(zcta="68508").values_list("chamber", flat=True)
    ) == {"legislature"}
    assert rows("20001", "DC", "legislature") == {"Ward 1": 0.3333, "Ward 6": 0.6667}
    # An all-water ZCTA gets its share from the water area.
    assert rows("98999", "WA", "upper") == {"24": 1.0}

    assert "Read 32 rows from 2 file(s) (2 census)." in output
    assert "Skipped 2 rows: ZZZ (no district, water)." in output
    assert "Skipped 1 rows: water-only overlap." in output
    assert "Skipped 1 rows: no ZCTA (district area outside any ZIP)." in output
    assert "states: DC ID MA NE NH RI VT WA." in output


def test_unmatched_districts_are_reported_grouped(states):
    output = run(SLDU, SLDL)
    assert "Districts that match no known district: 1." in output
    assert "  WA upper: 1 (99) in 1 rows" in output
    # Rows are imported anyway: a newer map may know the district.
    assert rows("98502", "WA", "upper") == {"99": 1.0}


def test_report_districts_without_a_legislator(states):
    Legislator.objects.create(
        openstates_id="ocd-person/wa-22",
        state=states["WA"],
        chamber="upper",
        district="22",
        name="Sam Hunt",
    )
    Legislator.objects.create(
        openstates_id="ocd-person/wa-35",
        state=states["WA"],
        chamber="upper",
        district="35",
        name="Retired Person",
        active=False,
    )
    report = zip_districts_import(paths=[SLDU], dry_run=True)
    assert report.without_legislator[("WA", "upper")] == ["24", "35"]
    # States with no legislators imported at all are not listed seat by seat.
    assert ("RI", "upper") not in report.without_legislator
    assert "  WA upper: 24, 35" in "\n".join(report.lines())


def test_simple_csv_format(states):
    output = run(SIMPLE)
    assert "Read 27 rows from 1 file(s) (1 csv)." in output
    # NE and DC are "upper" in the file, "legislature" in Open States.
    assert rows("68508", "NE", "legislature") == {"27": None, "46": None}
    assert rows("20001", "DC", "legislature") == {"Ward 1": None, "Ward 6": None}
    assert not ZipDistrict.objects.filter(
        state__abbr__in=["NE", "DC"], chamber="upper"
    ).exists()
    # A ZIP in two states, a quoted Massachusetts name, shares when given.
    assert set(
        ZipDistrict.objects.filter(zcta="19973").values_list("state__abbr", flat=True)
    ) == {
        "DE",
        "MD",
    }
    assert rows("01002", "MA", "upper") == {"Hampshire, Franklin and Worcester": None}
    assert rows("98501", "WA", "upper") == {"22": 0.93, "35": 0.07}
    assert rows("83814", "ID", "lower") == {"4A": None, "4B": None}
    assert "  WA upper: 1 (99) in 1 rows" in output
    assert ZipDistrict.objects.count() == 27


def test_reimport_is_idempotent_and_replaces_only_its_states_and_chambers(states):
    run(SIMPLE)
    before = sorted(
        ZipDistrict.objects.values_list("zcta", "state__abbr", "chamber", "district")
    )
    output = run(SIMPLE)
    after = sorted(
        ZipDistrict.objects.values_list("zcta", "state__abbr", "chamber", "district")
    )
    assert before == after
    assert "Replaced 27 earlier rows" in output

    # The Census files cover WA upper and lower (among others) but not Alaska:
    # WA's rows are replaced, AK's kept, and MD's too.
    run(SLDU, SLDL)
    assert rows("99501", "AK") == {"G": None, "H": None, "14": None}
    assert rows("19973", "MD") == {"37": None, "37B": None}
    assert rows("98501", "WA", "upper") == {"22": 0.93, "35": 0.07}
    assert not ZipDistrict.objects.filter(
        state__abbr="WA", zcta="98502", land_share=None
    ).exists()


def test_dry_run_writes_nothing(states):
    output = run(SLDU, SLDL, "--dry-run")
    assert ZipDistrict.objects.count() == 0
    assert "Would import" in output
    assert "Dry run: nothing written." in output


def test_folder_argument_reads_every_file(states):
    run(FIXTURES)
    assert ZipDistrict.objects.filter(zcta="99501").exists()  # from the CSV
    assert ZipDistrict.objects.filter(zcta="98999").exists()  # from the Census file


def test_unknown_format_and_missing_file_are_errors(states, tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text("id,name\n1,x\n")
    with pytest.raises(CommandError, match="unknown format"):
        run(bad)
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.txt")
    assert ZipDistrict.objects.count() == 0


def test_states_missing_from_the_database_are_skipped_and_reported(states):
    State.objects.filter(abbr="NE").delete()
    output = run(SIMPLE, fails=True)
    assert "Skipped 2 rows for NE: no such state in the database" in output
    assert "2 row(s) could not be imported" in output
    assert ZipDistrict.objects.count() == 25


def test_malformed_rows_exit_non_zero_after_importing_the_rest(states, tmp_path):
    bad = tmp_path / "zips.csv"
    bad.write_text(
        "zcta,state,chamber,district,land_share\n"
        "98501,WA,upper,22,\n"
        "9850,WA,upper,22,\n"  # four digits
        "98501,WA,senate,22,\n"  # no such chamber
        "98501,WA,lower,22,lots\n"  # not a number
    )
    output = run(bad, fails=True)
    assert "Skipped 2 rows: malformed row." in output
    assert "Skipped 1 rows: unknown chamber." in output
    assert "3 row(s) could not be imported" in output
    assert rows("98501", "WA") == {"22": None}


def test_rows_with_nothing_to_import_are_not_failures(states):
    """Water and areas outside any ZIP are skipped, and the command exits 0."""
    output = run(SLDU, SLDL)
    assert "ZZZ (no district, water)" in output
    assert "Done." in output


def test_gzipped_csv_is_read_like_the_plain_one(states, tmp_path):
    import gzip

    packed = tmp_path / "zcta_sld.csv.gz"
    packed.write_bytes(gzip.compress(SIMPLE.read_bytes()))
    run(packed)
    assert ZipDistrict.objects.count() == 27
    assert rows("01002", "MA", "upper") == {"Hampshire, Franklin and Worcester": None}


@pytest.mark.parametrize(
    ("abbr", "chamber", "code", "namelsad", "expected"),
    [
        (
            "MA",
            "upper",
            "D01",
            "Berkshire-Hampden-Franklin-Hampshire District",
            ("upper", ["Berkshire, Hampden, Franklin and Hampshire"]),
        ),
        (
            "MA",
            "upper",
            "D08",
            "Second Worcester District",
            ("upper", ["Second Worcester"]),
        ),
        (
            "MA",
            "upper",
            "D02",
            "Hampden and Hampshire District",
            ("upper", ["Hampden and Hampshire"]),
        ),
        (
            "MA",
            "lower",
            "001",
            "1st Barnstable District",
            ("lower", ["1st Barnstable"]),
        ),
        (
            "VT",
            "upper",
            "CHS",
            "Chittenden South East Senatorial District",
            ("upper", ["Chittenden Southeast"]),
        ),
        (
            "VT",
            "lower",
            "A-1",
            "Addison-1 State House District",
            ("lower", ["Addison-1"]),
        ),
        (
            "VT",
            "lower",
            "W-O",
            "Windsor-Orange-2 State House District",
            ("lower", ["Windsor-Orange-2"]),
        ),
        (
            "NH",
            "lower",
            "001",
            "State House District Belknap 01",
            ("lower", ["Belknap 1"]),
        ),
        (
            "NH",
            "lower",
            "530",
            "State House District Rockingham 30",
            ("lower", ["Rockingham 30"]),
        ),
        (
            "ID",
            "lower",
            "012",
            "State Legislative District 12",
            ("lower", ["12A", "12B"]),
        ),
        ("DC", "upper", "003", "Ward 3", ("legislature", ["Ward 3"])),
        ("NE", "upper", "049", "Legislative District 49", ("legislature", ["49"])),
        ("AK", "upper", "00A", "State Senate District A", ("upper", ["A"])),
        ("MN", "lower", "01A", "State House District 1A", ("lower", ["1A"])),
        ("MD", "lower", "003", "State Legislative District 3", ("lower", ["3"])),
        ("WA", "upper", "022", "State Senate District 22", ("upper", ["22"])),
    ],
)
def test_census_district_names(abbr, chamber, code, namelsad, expected):
    assert census_district_names(abbr, chamber, code, namelsad) == expected


def test_other_vintages_are_found_by_column_prefix(states, tmp_path):
    text = SLDL.read_text(encoding="utf-8-sig").replace("SLDL2024", "SLDL2032")
    newer = tmp_path / "tab20_sldl203220_zcta520_natl.txt"
    newer.write_text(text, encoding="utf-8-sig")
    run(newer)
    assert rows("03220", "NH", "lower") == {"Belknap 4": 0.625, "Merrimack 2": 0.375}


def test_file_name_and_district_column_must_agree(states, tmp_path):
    wrong = tmp_path / "tab20_sldu202420_zcta520_natl.txt"
    wrong.write_text(SLDL.read_text(encoding="utf-8-sig"), encoding="utf-8-sig")
    with pytest.raises(CommandError, match="disagree"):
        run(wrong)
