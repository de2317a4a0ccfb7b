# State and PrivacyLaw move here from the letters app. Their tables stay as
# they are (letters_state, letters_privacylaw): this migration only tells
# Django's model state where they live now, so an existing database keeps
# every row and every foreign key. Content types and permissions move along.

import django.db.models.deletion
from django.db import migrations, models


def content_types_forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("state", "privacylaw"):
        if not ContentType.objects.filter(app_label="states", model=model).exists():
            ContentType.objects.filter(app_label="letters", model=model).update(
                app_label="states"
            )


def content_types_backward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("state", "privacylaw"):
        if not ContentType.objects.filter(app_label="letters", model=model).exists():
            ContentType.objects.filter(app_label="states", model=model).update(
                app_label="letters"
            )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('letters', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='State',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('abbr', models.CharField(max_length=2, unique=True, verbose_name='USPS code')),
                    ('name', models.CharField(max_length=64)),
                    ('fips', models.CharField(blank=True, max_length=2)),
                    ('legislature_name', models.CharField(blank=True, max_length=128)),
                    ('legislature_url', models.URLField(blank=True)),
                    ('find_legislator_url', models.URLField(blank=True, help_text="The legislature's own lookup page for readers who do not know their district.", verbose_name='“Find my legislator” page')),
                    ('unicameral', models.BooleanField(default=False)),
                ],
                options={
                    'db_table': 'letters_state',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='PrivacyLaw',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('has_comprehensive_law', models.BooleanField(default=False, help_text='A broad consumer privacy statute has been enacted.')),
                    ('law_name', models.CharField(blank=True, max_length=200)),
                    ('short_name', models.CharField(blank=True, max_length=40)),
                    ('citation', models.CharField(blank=True, max_length=200)),
                    ('signed_date', models.DateField(blank=True, null=True)),
                    ('signed_year', models.PositiveSmallIntegerField(blank=True, help_text='Year enacted, when the exact day is uncertain.', null=True)),
                    ('effective_date', models.DateField(blank=True, null=True)),
                    ('opt_out_of_sale', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('unknown', 'Not verified'), ('na', 'No law')], default='na', max_length=8)),
                    ('opt_out_of_targeted_ads', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('unknown', 'Not verified'), ('na', 'No law')], default='na', max_length=8)),
                    ('opt_out_of_profiling', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('unknown', 'Not verified'), ('na', 'No law')], default='na', max_length=8)),
                    ('sensitive_data_opt_in', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('unknown', 'Not verified'), ('na', 'No law')], default='na', max_length=8)),
                    ('private_right_of_action', models.CharField(choices=[('yes', 'Yes'), ('limited', 'Limited (data breaches only)'), ('no', 'No (attorney general only)'), ('unknown', 'Not verified'), ('na', 'No law')], default='na', max_length=8)),
                    ('epic_pirg_grade', models.CharField(blank=True, max_length=4, verbose_name='EPIC/U.S. PIRG grade (2025)')),
                    ('ai_specific_law', models.TextField(blank=True)),
                    ('training_data_disclosure', models.TextField(blank=True, help_text='Any duty to disclose whether personal data trains AI models.')),
                    ('notes', models.TextField(blank=True)),
                    ('uncertain', models.TextField(blank=True, help_text='Facts that sources disagree on or that are unverified.')),
                    ('sources', models.TextField(blank=True, help_text='One URL per line.')),
                    ('as_of', models.DateField(help_text='The date these facts are current to.')),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('state', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='privacy_law', to='states.state')),
                ],
                options={
                    'db_table': 'letters_privacylaw',
                    'ordering': ['state__name'],
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
