"""Run every benchmark and print a summary: `make bench`, or

    .venv/bin/python benchmarks/run.py [--quick] [--strict] [--only a,b] [other options, passed to each script]

`make bench` runs them all on SQLite, then (when PostgreSQL is installed) directory_search,
legal_basis, case_register, library_search and liaison_inbox again on a throwaway PostgreSQL
cluster (scripts/with-postgres, --database-url).

Each benchmark is a script in this folder run in its own process; its full results go to
benchmarks/results/<timestamp>-<name>.json (git-ignored). Exit status: non-zero when a benchmark
could not run, or (with --strict) when one misses its targets. See docs/PERFORMANCE.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BENCHMARKS = [
    "directory_search",
    "legal_basis",
    "request_writer",
    "concurrent_writes",
    "case_register",
    "library_search",
    "liaison_inbox",
]


def main() -> int:
    args = sys.argv[1:]
    strict = "--strict" in args
    args = [a for a in args if a != "--strict"]
    names = BENCHMARKS
    if "--only" in args:
        at = args.index("--only")
        names = [n for n in args[at + 1].split(",") if n]
        unknown = set(names) - set(BENCHMARKS)
        if unknown:
            print(f"unknown benchmark(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        args = args[:at] + args[at + 2 :]
    if "-h" in args or "--help" in args:
        print(__doc__)
        subprocess.run([sys.executable, str(BENCH / "directory_search.py"), "--help"], check=False)
        return 0
    outcomes: list[tuple[str, str, dict | None, float]] = []
    for name in names:
        print(f"\n######## {name}", flush=True)
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="comity-bench-summary-") as tmp:
            summary_file = Path(tmp) / "summary.json"
            done = subprocess.run(
                [
                    sys.executable,
                    str(BENCH / f"{name}.py"),
                    *args,
                    "--summary-file",
                    str(summary_file),
                ],
                check=False,
            )
            result = json.loads(summary_file.read_text()) if summary_file.exists() else None
        took = time.monotonic() - started
        if done.returncode != 0 or result is None:
            outcomes.append((name, "ERROR", None, took))
        else:
            outcomes.append((name, "PASS" if result["verdict"]["pass"] else "FAIL", result, took))

    print("\n======== summary")
    for name, status, result, took in outcomes:
        print(f"\n{name}: {status} ({took:.0f} s)")
        if result is not None:
            machine = result["machine"]
            print(
                f"{machine['cpu_model']}, {machine['cores']} cores, Python {machine['python']}, "
                f"Django {machine['django']}, {machine['db_vendor']}, load by {result['settings']['load_tool']}, "
                f"{result['settings']['clients']} clients, {result['settings']['gunicorn']}\n"
            )
            print(result["markdown"])
    if any(status == "ERROR" for _, status, _, _ in outcomes):
        return 2
    if strict and any(status == "FAIL" for _, status, _, _ in outcomes):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
