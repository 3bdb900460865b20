"""`comity library generate N [--seed S] [--jsonl FILE]`: synthetic example documents."""

import json

from django.core.management.base import BaseCommand, CommandError

from comity.library import synthetic


class Command(BaseCommand):
    help = (
        "Add N synthetic documents to the library: invented example data (random words, "
        "marked as example, keyed synthetic-<n>), not real law, for trying comity out and for "
        "benchmarks. They are written in bulk and the search index is rebuilt. With --jsonl, the "
        "documents are written to FILE as import lines instead (comity library import FILE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many synthetic documents.")
        parser.add_argument(
            "--seed", type=int, default=1, help="The random seed (the same seed, the same data)."
        )
        parser.add_argument(
            "--jsonl",
            metavar="FILE",
            help="Write the synthetic documents to FILE as JSON lines; load nothing.",
        )
        parser.add_argument(
            "--batch", type=int, default=5000, help="Documents per insert (default 5000)."
        )

    def handle(self, *args, count, seed=1, jsonl=None, batch=5000, **options):
        if count < 1:
            raise CommandError("Give a number of documents of at least 1.")
        if jsonl:
            try:
                with open(jsonl, "w", encoding="utf-8") as out:
                    for data in synthetic.documents(count, seed=seed):
                        out.write(json.dumps(data, ensure_ascii=False) + "\n")
            except OSError as exc:
                raise CommandError(f"{jsonl}: {exc}") from exc
            self.stdout.write(f"Wrote {count} synthetic example documents to {jsonl}.")
            return

        def progress(done):
            if done % 100_000 == 0:
                self.stdout.write(f"  {done} documents")

        result = synthetic.load(count, seed=seed, batch=batch, progress=progress)
        self.stdout.write(
            f"Added {result['documents']} synthetic example documents "
            f"({result['first_key']} to {result['last_key']}) in {result['load_s']:.1f} s; "
            f"indexed in {result['index_s']:.1f} s."
        )
