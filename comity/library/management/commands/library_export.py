"""`comity library export [FILE]`: every document, one JSON line each (imports again unchanged)."""

import sys

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand

from comity.library.models import Document
from comity.library.transfer import exported


class Command(BaseCommand):
    help = "Export the library as JSON lines (to FILE, or to standard output)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write; standard output without it.")
        parser.add_argument(
            "--public-only",
            action="store_true",
            help="Only documents everyone may read (leave out restricted ones).",
        )

    def handle(self, *args, file=None, public_only=False, **options):
        documents = Document.objects.order_by("key").prefetch_related("articles")
        if public_only:
            documents = documents.restrict(AnonymousUser())
        import json

        out = open(file, "w", encoding="utf-8") if file else sys.stdout  # noqa: SIM115
        count = 0
        try:
            for document in documents.iterator(chunk_size=1000):
                out.write(json.dumps(exported(document), ensure_ascii=False) + "\n")
                count += 1
        finally:
            if file:
                out.close()
        if file:
            self.stdout.write(f"Exported {count} documents to {file}.")
