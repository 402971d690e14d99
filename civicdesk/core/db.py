"""Writing many rows at once, faster than the ORM can: for bulk loads and index builds."""

from collections.abc import Iterable, Sequence

from django.db import connection


def write_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert rows of values the database takes as they are (on SQLite, as Django would
    store them: see connection.ops.adapt_*): COPY on PostgreSQL, one prepared INSERT run
    for every row on SQLite (whose triggers run as for any insert). Sends no signals, so
    writes no audit-log rows: only for rows derived from audited ones or loaded in bulk."""
    q = connection.ops.quote_name
    cols = ", ".join(q(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {q(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {q(table)} ({cols}) VALUES ({marks})", rows)
