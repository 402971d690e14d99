"""Patrons' months and years whose entries were all cancelled are deleted from now on
(distinct patrons are then counted from the index alone); delete those kept so far."""

from django.db import migrations


def delete_empty(apps, schema_editor):
    apps.get_model("journal", "PatronPeriod").objects.filter(n__lte=0).delete()


class Migration(migrations.Migration):
    dependencies = [("journal", "0002_tallies")]
    operations = [migrations.RunPython(delete_empty, migrations.RunPython.noop)]
