"""`comity library reindex`: rebuild the search index from the database."""

from django.core.management.base import BaseCommand

from comity.library.indexing import reindex


class Command(BaseCommand):
    help = "Rebuild the library's search index (embedded and/or PostgreSQL) from the database."

    def handle(self, *args, **options):
        def progress(done):
            if done % 50_000 == 0:
                self.stdout.write(f"  {done} documents")

        done = reindex(progress=progress)
        for engine, count in done.items():
            self.stdout.write(f"Indexed {count} documents ({engine}).")
