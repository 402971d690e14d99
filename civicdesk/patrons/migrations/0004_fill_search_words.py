"""Search words and reversed phone keys for the patrons registered before they existed."""

from django.db import migrations

from civicdesk.patrons.normalize import key_words, name_key, phone_reversed

BATCH = 2000


def fill(apps, schema_editor):
    Patron = apps.get_model("patrons", "Patron")
    PatronWord = apps.get_model("patrons", "PatronWord")
    db = schema_editor.connection.alias
    table = schema_editor.quote_name(Patron._meta.db_table)
    last = 0
    while True:
        rows = list(Patron.objects.using(db).filter(pk__gt=last).order_by("pk").values_list(
            "pk", "surname", "given_name", "patronymic", "phone_key")[:BATCH])
        if not rows:
            break
        last = rows[-1][0]
        PatronWord.objects.using(db).bulk_create(
            PatronWord(patron_id=pk, word=w) for pk, *names, _phone in rows
            for w in key_words(name_key(*names)))
        phones = [(phone_reversed(key), pk) for pk, *_names, key in rows if key]
        if phones:
            with schema_editor.connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {table} SET phone_reversed = %s WHERE id = %s",
                                   phones)


class Migration(migrations.Migration):

    dependencies = [
        ("patrons", "0003_search_words"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
