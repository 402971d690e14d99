"""Foreign keys whose own index repeats the first column of a composite index: the
index is dropped (each index slows every row saved). The index is dropped by name, not
by Django's AlterField, which on SQLite would copy the whole table once per field."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ('journal', '0005_patron_periods_in_patron_order'),
        ('org', '0003_library_path'),
        ('patrons', '0004_fill_search_words'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
            migrations.RunSQL('DROP INDEX IF EXISTS "journal_journalentry_library_id_9d5810c7"',
                              'CREATE INDEX "journal_journalentry_library_id_9d5810c7" ON "journal_journalentry" ("library_id")'),
            migrations.RunSQL('DROP INDEX IF EXISTS "journal_journalentry_patron_id_7e3f5954"',
                              'CREATE INDEX "journal_journalentry_patron_id_7e3f5954" ON "journal_journalentry" ("patron_id")'),
            migrations.RunSQL('DROP INDEX IF EXISTS "journal_journalentry_staff_id_10bfb531"',
                              'CREATE INDEX "journal_journalentry_staff_id_10bfb531" ON "journal_journalentry" ("staff_id")'),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="journalentry", name="library",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="journal_entries", to="org.library",
                                            verbose_name="library")),
                migrations.AlterField(
                    model_name="journalentry", name="patron",
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.PROTECT,
                                            related_name="journal_entries", to="patrons.patron",
                                            verbose_name="patron")),
                migrations.AlterField(
                    model_name="journalentry", name="staff",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="journal_entries",
                                            to=settings.AUTH_USER_MODEL, verbose_name="staff member")),
            ],
        ),
    ]
