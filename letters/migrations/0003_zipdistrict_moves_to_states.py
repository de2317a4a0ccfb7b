# The other half of moving ZipDistrict to the states app: letters forgets the
# model. Nothing changes in the database (the table keeps its name).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0002_move_state_privacylaw_to_states"),
        ("states", "0003_zipdistrict"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ZipDistrict")],
            database_operations=[],
        ),
    ]
