"""Profile directory searches in-process (Django test client): where the time of a request goes.

    COMITY_HOME=<a home loaded by synthetic.py> COMITY_ANSWER_CACHE=0 ALLOWED_HOSTS=testserver \
        .venv/bin/python benchmarks/profile_search.py [--page] [--count 300] [--seed 77] \
        [--explain] [--cprofile out.prof] [--index]

Asks --count questions of the query mix (benchmarks/queries.py; a seed other than the measured
one) of the search API, or with --page of the search page, and prints the mean and the slowest;
with --explain the SQL each runs and SQLite's EXPLAIN QUERY PLAN; with --cprofile, a cProfile of
all requests; with --index, the time to build the finder's index and the memory it keeps.
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
    parser.add_argument("--page", action="store_true", help="the search page, not the API")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--cprofile", help="write a cProfile of all requests here")
    parser.add_argument("--explain", action="store_true", help="print SQL and query plans")
    parser.add_argument(
        "--index", action="store_true", help="time the finder's index build and measure its size"
    )
    args = parser.parse_args()
    import django

    django.setup()
    if args.index:
        index_build()
        return
    from directory_search import page_paths
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from queries import directory_paths
    from synthetic import sample_values

    from comity.accounts.models import User
    from comity.accounts.services import create_token

    user = User.objects.get(username="bench-viewer")
    countries = sample_values()["countries"]
    if args.page:
        client = Client()
        client.force_login(user)
        paths = page_paths(countries, count=args.count, seed=args.seed)
    else:
        _token, plain = create_token(user=user, name="profile", actor=None)
        client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
        paths = directory_paths(countries, count=args.count, seed=args.seed)
    client.get(paths[0])  # the finder's index is built once, before the clock starts
    profiler = cProfile.Profile() if args.cprofile else None
    timings = []
    cpu = 0.0
    for path in paths:
        if args.explain:
            with CaptureQueriesContext(connection) as ctx:
                client.get(path)
            print(f"\n## {path}")
            for q in ctx.captured_queries:
                print(f"  {q['time']}s  {q['sql'][:600]}")
                if connection.vendor == "sqlite" and q["sql"].startswith("SELECT"):
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN QUERY PLAN " + q["sql"].replace("%", "%%"))
                        for row in cursor.fetchall():
                            print(f"      plan: {row[-1]}")
        if profiler:
            profiler.enable()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings.append((time.perf_counter() - started, path))
        cpu += time.process_time() - started_cpu
        if profiler:
            profiler.disable()
        if response.status_code != 200:
            print(f"{response.status_code} {path}")
    timings.sort()
    mean = sum(t for t, _ in timings) / len(timings)
    p95 = timings[int(0.95 * len(timings))][0]
    cpu_mean = cpu / len(timings)
    print(
        f"{len(timings)} requests: mean {mean * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, "
        f"CPU of this process {cpu_mean * 1000:.2f} ms a request"
    )
    for took, path in timings[-8:]:
        print(f"  {took * 1000:7.2f} ms  {path}")
    health = Client()
    started, started_cpu = time.perf_counter(), time.process_time()
    for _ in range(500):
        health.get("/api/v1/health")
    health_cpu = (time.process_time() - started_cpu) / 500
    print(
        f"health {(time.perf_counter() - started) / 500 * 1000:.2f} ms, CPU "
        f"{health_cpu * 1000:.2f} ms; CPU ratio of a request to health {cpu_mean / health_cpu:.1f}"
    )
    if profiler:
        profiler.dump_stats(args.cprofile)
        pstats.Stats(args.cprofile).sort_stats("cumulative").print_stats(45)


def index_build(runs: int = 5) -> None:
    """What a worker pays after each directory change: the build time and the memory it keeps."""
    import gc
    import tracemalloc

    from comity.directory import finder

    seconds = []
    for _ in range(runs):
        finder.forget()
        gc.collect()
        started = time.perf_counter()
        finder.index()
        seconds.append(time.perf_counter() - started)
    finder.forget()
    gc.collect()
    tracemalloc.start()
    built = finder.index()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    seconds.sort()
    print(
        f"index of {built.size:,} entries ({len(built.tokens):,} tokens, {len(built.sets):,} "
        f"facet sets): build median {seconds[len(seconds) // 2]:.3f} s (min {seconds[0]:.3f}, "
        f"max {seconds[-1]:.3f}); kept {kept / 2**20:.1f} MiB, peak while building "
        f"{peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
