"""The GIN indexes of the PostgreSQL engine's table (search/postgres.py), on PostgreSQL only."""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS library_searchrow_vector ON library_searchrow USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS library_searchrow_facets ON library_searchrow USING gin (facets)",
]
DROP = [
    "DROP INDEX IF EXISTS library_searchrow_vector",
    "DROP INDEX IF EXISTS library_searchrow_facets",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
