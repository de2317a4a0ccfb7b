# The other half of moving State and PrivacyLaw to the states app: the
# letters models point their foreign keys at states.State, and letters forgets
# the two models. Nothing changes in the database (the tables kept their names).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('letters', '0001_initial'),
        ('states', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='legislator',
                    name='state',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='legislators', to='states.state'),
                ),
                migrations.AlterField(
                    model_name='lettercount',
                    name='state',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='letter_counts', to='states.state'),
                ),
                migrations.AlterField(
                    model_name='zipdistrict',
                    name='state',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='zip_districts', to='states.state'),
                ),
                migrations.DeleteModel(name='PrivacyLaw'),
                migrations.DeleteModel(name='State'),
            ],
            database_operations=[],
        ),
    ]
