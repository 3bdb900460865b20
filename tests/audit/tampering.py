"""Changing or removing audit rows behind the model's back, as an attacker with database access would.

The model refuses updates and deletes, so these use raw SQL. Values go through the field's own
database preparation, so the same helper works on SQLite and PostgreSQL.
"""

from django.db import connection

from comity.audit.models import AuditEntry

TABLE = AuditEntry._meta.db_table


def tamper(entry_id: int, **values) -> None:
    assignments, params = [], []
    for name, value in values.items():
        field = AuditEntry._meta.get_field(name)
        assignments.append(f"{connection.ops.quote_name(field.column)} = %s")
        params.append(field.get_db_prep_save(value, connection))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET {', '.join(assignments)} WHERE id = %s",  # noqa: S608
            [*params, entry_id],
        )
        assert cursor.rowcount == 1


def delete_row(entry_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry_id])  # noqa: S608
        assert cursor.rowcount == 1
