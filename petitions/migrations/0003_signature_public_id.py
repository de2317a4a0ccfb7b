"""Signatures get a random public id for their confirm and withdraw links.

Existing rows get one each (in batches); links already emailed carry the
primary key and keep working (petitions.tokens reads both). Names and cities
get the plain-text rule (core.validators), which changes no row.
"""

import core.validators
import petitions.models
from django.db import migrations, models

BATCH = 2000


def fill_public_ids(apps, schema_editor):
    Signature = apps.get_model("petitions", "Signature")
    while True:
        batch = list(
            Signature.objects.filter(public_id__isnull=True).only("pk")[:BATCH]
        )
        if not batch:
            return
        for signature in batch:
            signature.public_id = petitions.models.signature_public_id()
        Signature.objects.bulk_update(batch, ["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0002_signature_city_deliverybuild"),
    ]

    operations = [
        migrations.AddField(
            model_name="signature",
            name="public_id",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="signature",
            name="public_id",
            field=models.CharField(
                default=petitions.models.signature_public_id,
                editable=False,
                max_length=32,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="signature",
            name="first_name",
            field=models.CharField(
                max_length=100,
                validators=[core.validators.PlainTextValidator("your first name")],
            ),
        ),
        migrations.AlterField(
            model_name="signature",
            name="last_name",
            field=models.CharField(
                max_length=100,
                validators=[core.validators.PlainTextValidator("your last name")],
            ),
        ),
        migrations.AlterField(
            model_name="signature",
            name="city",
            field=models.CharField(
                blank=True,
                max_length=100,
                validators=[core.validators.PlainTextValidator("your city")],
            ),
        ),
    ]
