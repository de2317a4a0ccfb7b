"""The real ZIP → district table from ../shared/data/zcta_sld (never copied here).

Counts are those of ../shared/data/zcta_sld/README.md.
"""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from letters import content
from letters.zipdistricts import zip_candidates
from states.models import ZipDistrict

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_shared_zcta_file_imports_with_its_counts(shared_data):
    path = shared_data / "zcta_sld" / "zcta_sld.csv"
    content.load(stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_zip_districts", str(path), stdout=out)
    output = out.getvalue()

    assert "Read 104,648 rows from 1 file(s) (1 csv)." in output
    assert (
        "Imported 104,648 ZIP–district rows for 33,642 ZIP codes in 51 states" in output
    )
    assert "Districts that match no known district: none." in output
    # Open States districts no row reaches: NH's 39 floterials, ME's 2 tribal seats.
    assert "Known districts that no ZIP reaches: 41." in output
    assert "  NH lower: 39 (Belknap 8, Carroll 7, Carroll 8," in output

    assert ZipDistrict.objects.count() == 104_648
    assert ZipDistrict.objects.values("zcta").distinct().count() == 33_642
    upper_or_unicameral = ZipDistrict.objects.exclude(chamber="lower")
    assert upper_or_unicameral.values("zcta").distinct().count() == 33_642
    lower = ZipDistrict.objects.filter(chamber="lower")
    assert lower.values("zcta").distinct().count() == 33_012
    assert (
        ZipDistrict.objects.values("state", "chamber", "district").distinct().count()
        == 6_818
    )
    # NE and DC are stored under Open States' chamber "legislature".
    assert set(
        ZipDistrict.objects.filter(state__abbr__in=["NE", "DC"])
        .values_list("chamber", flat=True)
        .distinct()
    ) == {"legislature"}
    crossing = (
        ZipDistrict.objects.values("zcta")
        .annotate(states=Count("state", distinct=True))
        .filter(states__gt=1)
    )
    assert crossing.count() == 137

    # Downtown Anchorage: 4 Senate and 5 House candidates.
    anchorage = zip_candidates("99501", "AK")
    counts = {c["chamber"]: len(c["districts"]) for c in anchorage["chambers"]}
    assert counts == {"upper": 4, "lower": 5}
