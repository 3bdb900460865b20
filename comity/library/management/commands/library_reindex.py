"""`comity library reindex [--if-needed]`: rebuild the search index from the database."""

from django.core.management.base import BaseCommand

from comity.library.indexing import needs_rebuild, reindex


class Command(BaseCommand):
    help = "Rebuild the library's search index (embedded and/or PostgreSQL) from the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-needed",
            action="store_true",
            help="Only when the embedded index is empty while the library has documents "
            "(a new installation of comity with another index schema, a lost index folder).",
        )

    def handle(self, *args, if_needed=False, **options):
        if if_needed and not needs_rebuild():
            return

        def progress(done):
            if done % 50_000 == 0:
                self.stdout.write(f"  {done} documents")

        done = reindex(progress=progress, postgresql=not if_needed)
        for engine, count in done.items():
            self.stdout.write(f"Indexed {count} documents ({engine}).")
