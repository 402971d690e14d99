"""Foreign keys whose own index repeats the first column of a composite index: the
index is dropped (each index slows every row saved). The index is dropped by name, not
by Django's AlterField, which on SQLite would copy the whole table once per field."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ('org', '0003_library_path'),
        ('patrons', '0004_fill_search_words'),
    
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
            migrations.RunSQL('DROP INDEX IF EXISTS "patrons_patron_library_id_e331d054"',
                              'CREATE INDEX "patrons_patron_library_id_e331d054" ON "patrons_patron" ("library_id")'),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="patron", name="library",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="patrons", to="org.library",
                                            verbose_name="registered at")),
            ],
        ),
    ]
