"""A running site's law rows follow corrected files unless an organizer edited them.

The fixtures are the shipped files as of 2026-07-02 (before the December 2026
corrections) for five jurisdictions, with the keys added since filled in as
migrations fill them.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from states import content
from states.models import PrivacyLaw

pytestmark = pytest.mark.django_db

OLD = Path(__file__).parent / "fixtures" / "laws-2026-07"


def _site_seeded_in_july():
    """The rows a site seeded from the July files has (new keys as migrated)."""
    content.load()
    old = content.law_files(OLD)
    current = content.law_files()
    for abbr, facts in old.items():
        values = content.law_defaults(facts)
        # Migrations fill the fields added since from the current files.
        for field in ("researched", "enforced_by", "letter_note"):
            values[field] = content.law_defaults(current[abbr])[field]
        PrivacyLaw.objects.filter(state__abbr=abbr).update(**values)


def _row(abbr):
    return PrivacyLaw.objects.get(state__abbr=abbr)


def test_unedited_rows_take_the_corrected_facts_and_edited_ones_stay():
    _site_seeded_in_july()
    assert _row("FL").has_comprehensive_law is False  # the July fact
    edited = _row("CO")
    edited.notes = "An organizer's own note."
    edited.save()

    out = StringIO()
    call_command("load_content", stdout=out)

    current = content.law_files()
    florida = _row("FL")
    assert florida.has_comprehensive_law is True
    assert florida.law_name == current["FL"]["law_name"]
    assert "Digital Bill of Rights" in florida.law_name
    for abbr in ("CA", "PR", "WA"):
        row = _row(abbr)
        assert row.notes == current[abbr]["notes"]
        assert row.as_of == current[abbr]["as_of"]
    assert _row("CO").notes == "An organizer's own note."
    text = out.getvalue()
    assert "brought up to states/data (nobody had edited them): CA, FL, PR, WA." in text
    assert "left alone: CO." in text


def test_a_second_run_changes_nothing_and_a_fresh_site_reports_nothing():
    content.load()
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "Privacy-law facts" not in out.getvalue()
    result = {}
    content.load(result=result)
    assert result == {
        "laws_updated": [],
        "laws_edited": [],
        "laws_es_written": [],
        "laws_es_edited": [],
    }


def test_previous_versions_cover_every_jurisdiction():
    fields, digests = content.law_previous_versions()
    assert "notes" in fields and "enforced_by" not in fields
    assert len(digests) == 52
    # The July Florida file is one of Florida's previous versions.
    july = content.law_defaults(content.law_files(OLD)["FL"])
    assert content.law_digest(july, fields) in digests["FL"]
