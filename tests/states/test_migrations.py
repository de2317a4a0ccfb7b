"""Moving State, PrivacyLaw and ZipDistrict from letters to states keeps every row.

The database is first put at the schema from before the move (letters 0001,
no states app), filled through that schema's models, then migrated forward.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("letters", "0001_initial"), ("states", None)]


def _migrate(targets):
    """Migrate to `targets`; return the models as that schema has them."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(sorted(loader.applied_migrations)).apps


@pytest.mark.django_db(transaction=True)
def test_rows_and_permissions_survive_the_move():
    old = _migrate(BEFORE)
    State = old.get_model("letters", "State")
    PrivacyLaw = old.get_model("letters", "PrivacyLaw")
    Legislator = old.get_model("letters", "Legislator")
    LetterCount = old.get_model("letters", "LetterCount")
    ZipDistrict = old.get_model("letters", "ZipDistrict")
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")

    wa = State.objects.create(abbr="WA", name="Washington", fips="53")
    vt = State.objects.create(abbr="VT", name="Vermont", fips="50")
    PrivacyLaw.objects.create(
        state=vt,
        has_comprehensive_law=True,
        law_name="Vermont Data Privacy and Online Surveillance Act",
        effective_date=datetime.date(2028, 1, 1),
        as_of=datetime.date(2026, 12, 1),
    )
    PrivacyLaw.objects.create(state=wa, as_of=datetime.date(2026, 12, 1))
    Legislator.objects.create(
        openstates_id="ocd-person/1",
        state=wa,
        chamber="upper",
        district="22",
        name="Ann Lee",
    )
    LetterCount.objects.create(state=wa, chamber="upper", count=12)
    ZipDistrict.objects.create(zcta="98501", state=wa, chamber="upper", district="22")
    state_type, _ = ContentType.objects.get_or_create(
        app_label="letters", model="state"
    )
    change_state, _ = Permission.objects.get_or_create(
        content_type=state_type,
        codename="change_state",
        defaults={"name": "Can change"},
    )
    zip_type, _ = ContentType.objects.get_or_create(
        app_label="letters", model="zipdistrict"
    )
    view_zip, _ = Permission.objects.get_or_create(
        content_type=zip_type,
        codename="view_zipdistrict",
        defaults={"name": "Can view"},
    )
    editors = Group.objects.create(name="State editors")
    editors.permissions.add(change_state, view_zip)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from django.contrib.auth.models import Group as NewGroup

    from letters.models import Legislator as NewLegislator
    from letters.models import LetterCount as NewLetterCount
    from states.models import PrivacyLaw as NewLaw
    from states.models import State as NewState
    from states.models import ZipDistrict as NewZipDistrict

    assert sorted(NewState.objects.values_list("abbr", "name", "fips")) == [
        ("VT", "Vermont", "50"),
        ("WA", "Washington", "53"),
    ]
    vermont = NewLaw.objects.get(state__abbr="VT")
    assert vermont.law_name == "Vermont Data Privacy and Online Surveillance Act"
    assert vermont.effective_date == datetime.date(2028, 1, 1)
    assert NewLaw.objects.count() == 2
    legislator = NewLegislator.objects.get(openstates_id="ocd-person/1")
    assert legislator.state.abbr == "WA" and legislator.name == "Ann Lee"
    assert NewLetterCount.objects.get(state__abbr="WA").count == 12
    assert NewZipDistrict.objects.get(zcta="98501").state.abbr == "WA"
    # The foreign keys still hold in the database: a legislator is reached
    # from its state through the reverse relation.
    assert list(
        NewState.objects.get(abbr="WA").legislators.values_list("name", flat=True)
    ) == ["Ann Lee"]
    # Organizers who could edit states still can.
    group = NewGroup.objects.get(name="State editors")
    assert [
        (p.content_type.app_label, p.codename) for p in group.permissions.all()
    ] == [("states", "change_state"), ("states", "view_zipdistrict")]
