"""The seed of the library (data/library/seed.jsonl): metadata of real public documents, loaded
with the reference data. A seed document already in the library is left as it is (a maintainer
may have corrected it); only the missing ones are added."""

import json
from pathlib import Path

from django.conf import settings

from comity.library.models import Document
from comity.library.transfer import import_documents

SEED_FILE = Path(settings.BASE_DIR) / "data" / "library" / "seed.jsonl"


def load_seed(path: Path = SEED_FILE) -> dict:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    present = set(
        Document.objects.filter(key__in=[r["key"] for r in rows]).values_list("key", flat=True)
    )
    missing = [row for row in rows if row["key"] not in present]
    if not missing:
        return {"added": 0, "kept": len(present)}
    result = import_documents(actor=None, rows=missing)
    return {"added": result["created"], "kept": len(present)}
