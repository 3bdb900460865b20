"""The PostgreSQL engine's table (library/search/postgres.py), on PostgreSQL only."""

from django.db import migrations

CREATE = [
    """CREATE TABLE IF NOT EXISTS library_searchrow (
        document_id bigint PRIMARY KEY
            REFERENCES library_document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        vector tsvector NOT NULL,
        facets text[] NOT NULL,
        access_key text NOT NULL,
        year integer,
        day integer NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS library_searchrow_vector ON library_searchrow USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS library_searchrow_facets ON library_searchrow USING gin (facets)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS library_searchrow")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
