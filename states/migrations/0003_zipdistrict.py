# ZipDistrict moves here from the letters app (districts belong with the
# states; petitions need them too). Its table keeps its name
# (letters_zipdistrict): this only tells Django's model state where the model
# lives now, so every row stays. The content type and permissions move along.

import django.db.models.deletion
from django.db import migrations, models


def content_type_forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="states", model="zipdistrict").exists():
        ContentType.objects.filter(app_label="letters", model="zipdistrict").update(
            app_label="states"
        )


def content_type_backward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="letters", model="zipdistrict").exists():
        ContentType.objects.filter(app_label="states", model="zipdistrict").update(
            app_label="letters"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("letters", "0002_move_state_privacylaw_to_states"),
        ("states", "0002_privacylaw_researched"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ZipDistrict",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("zcta", models.CharField(db_index=True, max_length=5, verbose_name="ZIP (ZCTA)")),
                        ("chamber", models.CharField(choices=[("upper", "Upper chamber"), ("lower", "Lower chamber"), ("legislature", "Unicameral legislature")], max_length=12)),
                        ("district", models.CharField(max_length=100)),
                        ("land_share", models.FloatField(blank=True, null=True)),
                        ("state", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="zip_districts", to="states.state")),
                    ],
                    options={
                        "db_table": "letters_zipdistrict",
                        "ordering": ["zcta", "state__abbr", "chamber", "-land_share", "district"],
                        "constraints": [models.UniqueConstraint(fields=("zcta", "state", "chamber", "district"), name="zip_district_unique")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_forward, content_type_backward),
    ]
