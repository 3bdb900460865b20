"""Profile the directory search view in-process (Django test client), query by query.

    COMITY_HOME=<a home loaded by synthetic.py> .venv/bin/python benchmarks/profile_search.py \
        [--repeat 20] [--explain] [--cprofile out.prof]

Prints the mean time per request for each query of the benchmark mix; with --explain the SQL
each runs and SQLite's EXPLAIN QUERY PLAN; with --cprofile, a cProfile of all requests.
Keep a loaded home with `benchmarks/directory_search.py --keep-home`.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comity.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cprofile", help="write a cProfile of all requests here")
    parser.add_argument("--explain", action="store_true", help="print SQL and query plans")
    args = parser.parse_args()
    import django

    django.setup()
    from directory_search import search_paths
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from synthetic import sample_values

    from comity.accounts.models import User
    from comity.accounts.services import create_token

    user = User.objects.get(username="bench-viewer")
    _token, plain = create_token(user=user, name="profile", actor=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    paths = search_paths(sample_values())
    profiler = cProfile.Profile() if args.cprofile else None
    total = 0.0
    for path in paths:
        client.get(path)  # warm
        if args.explain:
            with CaptureQueriesContext(connection) as ctx:
                body = client.get(path).json()
            print(f"\n## {path}  count={body['count']}")
            for q in ctx.captured_queries:
                print(f"  {q['time']}s  {q['sql'][:600]}")
                if connection.vendor == "sqlite" and q["sql"].startswith("SELECT"):
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN QUERY PLAN " + q["sql"].replace("%", "%%"))
                        for row in cursor.fetchall():
                            print(f"      plan: {row[-1]}")
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        for _ in range(args.repeat):
            response = client.get(path)
        took = (time.perf_counter() - started) / args.repeat
        if profiler:
            profiler.disable()
        total += took
        print(f"{took * 1000:7.2f} ms  {response.status_code}  {path}")
    print(f"mean {total / len(paths) * 1000:.2f} ms per search request")
    health = Client()
    started = time.perf_counter()
    for _ in range(args.repeat * 10):
        health.get("/api/v1/health")
    print(f"health {(time.perf_counter() - started) / (args.repeat * 10) * 1000:.2f} ms")
    if profiler:
        profiler.dump_stats(args.cprofile)
        pstats.Stats(args.cprofile).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
