"""Migration 0004 fills the two new law facts of existing rows from states/data."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(sorted(loader.applied_migrations)).apps


@pytest.mark.django_db(transaction=True)
def test_existing_rows_get_enforced_by_and_letter_note_from_the_files():
    old = _migrate([("states", "0003_zipdistrict")])
    State = old.get_model("states", "State")
    PrivacyLaw = old.get_model("states", "PrivacyLaw")
    ca = State.objects.create(abbr="CA", name="California", fips="06")
    wa = State.objects.create(abbr="WA", name="Washington", fips="53")
    for state in (ca, wa):
        PrivacyLaw.objects.create(state=state, as_of=datetime.date(2026, 7, 2))

    new = _migrate([("states", "0004_privacylaw_enforced_by_letter_note")])
    PrivacyLaw = new.get_model("states", "PrivacyLaw")
    ca_law = PrivacyLaw.objects.get(state__abbr="CA")
    assert ca_law.enforced_by == (
        "the California Privacy Protection Agency and the attorney general"
    )
    assert "AB 2013" in ca_law.letter_note
    wa_law = PrivacyLaw.objects.get(state__abbr="WA")
    assert wa_law.enforced_by == ""
    assert "My Health My Data Act" in wa_law.letter_note
    # The rest of an existing row is the organizers' and is not touched.
    assert wa_law.as_of == datetime.date(2026, 7, 2)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
