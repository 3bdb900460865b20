"""The request writer: checks, DOCX and PDF for a typical request and for a 10-page one.

    .venv/bin/python benchmarks/request_writer.py [--quick]

In one process, in-memory SQLite with the reference data loaded: the typical request is the
complete MLA body of the tests (Ukraine to Germany, bank records and a witness hearing); the long
one repeats its facts, persons and measures until the PDF has at least 10 pages. Each operation
is timed over repeated runs after a warm-up; the median and p95 are reported, beside a trivial
operation (rendering the same body's JSON) as a yardstick of the machine's speed.

The `…_download` rows time what a user waits for: `rendering.render`, as the download view and
the API call it (the addressee read from the database, then the document made in a forked child
that sends it back through a pipe). They run first, before anything in this process has loaded
the renderers, as in a web worker; a worker's first document is reported apart
(`first_…_download`), the rows after it are the documents that follow.
Targets (issue, part 3): checks under 20 ms; DOCX under 300 ms; PDF under 2 s for a 10-page request.
Part 7: a 10-page request in DOCX under 150 ms and in PDF under 0.6 s (p95), downloads included.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Part 3's targets, and part 7's for a 10-page request (in-process and as downloaded), which
# replace part 3's 2 s for the PDF.
TARGETS_MS = {
    "checks": 20.0,
    "docx": 300.0,
    "docx_10_pages": 150.0,
    "pdf_10_pages": 600.0,
    "docx_10_pages_download": 150.0,
    "pdf_10_pages_download": 600.0,
}


def _long(body: dict) -> dict:
    long = copy.deepcopy(body)
    long["facts"] = "\n\n".join([body["facts"]] * 20)
    long["persons"] = body["persons"] * 8
    long["measures"] = body["measures"] * 7
    return long


def _largest(body: dict) -> dict:
    """A request as large as the API lets through: the longest facts and 50 long measures, just
    under the 1 MB body limit."""
    big = copy.deepcopy(body)
    sentence = "The accounts were used to move the proceeds of the fraud through Berlin. "
    big["facts"] = (sentence * 900)[:60_000]
    big["measures"] = [
        {
            "type": "information_and_evidence",
            "id": f"m{i}",
            "information": (sentence * 180)[:12_000],
        }
        for i in range(1, 51)
    ]
    while len(json.dumps(big).encode()) > 1_000_000:
        big["measures"].pop()
    return big


def _time(fn, runs: int) -> dict:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "runs": runs,
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 2),
    }


def _first(fn) -> dict:
    started = time.perf_counter()
    fn()
    took = round((time.perf_counter() - started) * 1000, 2)
    return {"runs": 1, "median_ms": took, "p95_ms": took}


def _downloads(body: dict, long: dict, requesting, runs: int, pdf_runs: int) -> dict:
    """The documents as a web worker makes them (rendering.render: fork, render, pipe), the
    first of each format apart."""
    from comity.drafting import rendering
    from comity.drafting.models import Request

    def download(data: dict, fmt: str, language: str = "en"):
        request = Request(
            owner=requesting,
            kind=data["kind"],
            requesting_state_id=data["requesting_state"],
            requested_state_id=data["requested_state"],
            data=data,
        )
        return lambda: rendering.render(request, fmt=fmt, language=language)

    return {
        "renderers_loaded_before": "docx" in sys.modules or "weasyprint" in sys.modules,
        "first_docx_download": _first(download(body, "docx")),
        "docx_download": _time(download(body, "docx"), runs),
        "docx_10_pages_download": _time(download(long, "docx"), max(5, runs // 5)),
        "first_pdf_download": _first(download(body, "pdf")),
        "pdf_download": _time(download(body, "pdf"), pdf_runs),
        "pdf_10_pages_download": _time(download(long, "pdf"), pdf_runs),
        "pdf_10_pages_arabic_download": _time(download(long, "pdf", "ar"), pdf_runs),
    }


def _pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=False)
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--summary-file")
    args, _unknown = parser.parse_known_args(argv)
    home = tempfile.mkdtemp(prefix="comity-bench-rw-")
    os.environ.update(COMITY_HOME=home, DJANGO_SETTINGS_MODULE="comity.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from comity.directory.models import Authority
    from tests.drafting.conftest import BODIES

    body = copy.deepcopy(BODIES["mla"])
    long = _long(body)
    requesting = Authority.objects.filter(country_id="UKR").first()
    runs = 20 if args.quick else 100
    pdf_runs = 5 if args.quick else 15
    downloads = _downloads(body, long, requesting, runs, pdf_runs)
    loaded_before = downloads.pop("renderers_loaded_before")

    from comity.core.deadline import run_with_deadline
    from comity.drafting.documents.context import resolve_names
    from comity.drafting.documents.docx import render_docx
    from comity.drafting.documents.pdf import render_pdf
    from comity.drafting.rules import context_for, run_checks

    pages = _pages(render_pdf(long, language="en", requesting_authority=requesting))
    results = {
        "trivial_json": _time(lambda: json.dumps(body), runs * 10),
        "checks": _time(lambda: run_checks(body, context=context_for(body)), runs),
        "docx": _time(
            lambda: render_docx(body, language="en", requesting_authority=requesting), runs
        ),
        "docx_10_pages": _time(
            lambda: render_docx(long, language="en", requesting_authority=requesting),
            max(5, runs // 5),
        ),
        "pdf": _time(
            lambda: render_pdf(body, language="en", requesting_authority=requesting), pdf_runs
        ),
        "pdf_10_pages": _time(
            lambda: render_pdf(long, language="en", requesting_authority=requesting), pdf_runs
        ),
        "pdf_10_pages_arabic": _time(
            lambda: render_pdf(long, language="ar", requesting_authority=requesting), pdf_runs
        ),
        # What a download costs: the same rendering in the time-bounded child process.
        "docx_in_child": _time(
            lambda: run_with_deadline(
                render_docx,
                body,
                language="en",
                requesting_authority=requesting,
                names=resolve_names(body),
                seconds=60,
            ),
            runs,
        ),
        "pdf_10_pages_in_child": _time(
            lambda: run_with_deadline(
                render_pdf,
                long,
                language="en",
                requesting_authority=requesting,
                names=resolve_names(long),
                seconds=60,
            ),
            pdf_runs,
        ),
        **downloads,
    }
    largest = _largest(body)
    size = len(json.dumps(largest).encode())
    started = time.perf_counter()
    largest_pdf = run_with_deadline(
        render_pdf,
        largest,
        language="en",
        requesting_authority=requesting,
        names=resolve_names(largest),
        seconds=120,
    )
    results["pdf_largest_body"] = {
        "runs": 1,
        "median_ms": round((time.perf_counter() - started) * 1000, 1),
        "p95_ms": round((time.perf_counter() - started) * 1000, 1),
        "body_bytes": size,
        "pages": _pages(largest_pdf),
    }
    verdict = {key: results[key]["p95_ms"] < target for key, target in TARGETS_MS.items()}
    verdict["pass"] = all(verdict.values())
    lines = ["| operation | runs | median ms | p95 ms | target |", "|---|---:|---:|---:|---|"]
    for key, value in results.items():
        target = TARGETS_MS.get(key)
        mark = f"< {target:.0f} ms: {'PASS' if verdict[key] else 'FAIL'}" if target else ""
        lines.append(
            f"| {key} | {value['runs']} | {value['median_ms']} | {value['p95_ms']} | {mark} |"
        )
    lines.append(f"\nthe long request renders to **{pages} pages** of PDF")
    if loaded_before:
        lines.append("the renderers were loaded before the download rows: they are not a worker's")
    big = results["pdf_largest_body"]
    lines.append(
        f"the largest body the API accepts in practice ({big['body_bytes'] / 1e6:.2f} MB, under "
        f"COMITY_MAX_BODY_BYTES) renders to **{big['pages']} pages** of PDF in "
        f"**{big['median_ms'] / 1000:.1f} s** (COMITY_RENDER_TIMEOUT: 20 s)"
    )
    table = "\n".join(lines)
    print(table)
    from directory_search import machine_info

    result = {
        "benchmark": "request_writer",
        "machine": machine_info("sqlite"),
        "settings": {"clients": 1, "load_tool": "in-process", "gunicorn": "none"},
        "results": results,
        "pages": pages,
        "verdict": verdict,
        "markdown": table,
    }
    if args.summary_file:
        Path(args.summary_file).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
