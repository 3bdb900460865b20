"""The case register under concurrent load, each endpoint beside the raw SQL it runs.

    .venv/bin/python benchmarks/case_register.py [--quick] [--database-url URL] [...]

1. A fresh COMITY_HOME (SQLite in WAL mode), or --database-url (an empty, throwaway PostgreSQL
   database); migrate, load_reference, collectstatic; 100,000 synthetic cases with about
   1,000,000 events loaded through comity.casework.transfer.import_register
   (benchmarks/case_synthetic.py; 60% in the register of one central authority, whose viewer is
   the measured user, the rest spread over 40 other authorities). The load is timed.
2. The query mixes (benchmarks/queries.py, one seed): the register list with its filters and
   pages, searches by a person's name in five scripts (with and without diacritics, a Latin
   spelling of a Cyrillic name, the start of a name, whole names), pages of the overdue list,
   statistics over periods grouped by kind, State or status.
3. Capture: for a sample of each mix (every n-th question), the endpoint is called in-process
   through django.test.Client with the same token, and every SQL statement it runs is recorded
   with its parameters (a connection execute_wrapper). The token check (accounts_apitoken,
   accounts_user) is kept apart; writes (the token's last-used time) are left out.
4. gunicorn as `make run` starts it (3 sync workers, DEBUG=0), answer cache off. For each
   endpoint, in rounds: a phase of 16 HTTP clients (wrk, or benchmarks/loadgen.py) rotating the
   whole mix; then a raw phase: 16 processes, each with its own database connection (the same
   settings, the same WAL file or PostgreSQL server), each "request" being the captured
   statements of one sampled question executed in order with their rows fetched. Also one raw
   phase of the token check alone. Results: benchmarks/results/<timestamp>-case_register.json.

Targets: p95 under 60 ms for the list, the search and the overdue list, under 200 ms for the
statistics; each endpoint's p95 at most 1.5 times the p95 of its raw SQL in the same run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from directory_search import (
    BENCH,
    MAKE_RUN_WORKERS,
    PY,
    ROOT,
    TRIVIAL,
    get,
    leave_home,
    machine_info,
    manage,
    measured_phase,
    save_result,
    server_env,
    start_server,
    stop,
    summarise,
)
from loadgen import percentile

ENDPOINTS = {
    "list": ("register list `GET /api/v1/cases?…`", 60.0),
    "search": ("search by name `GET /api/v1/cases?q=…`", 60.0),
    "overdue": ("overdue list `GET /api/v1/cases/overdue?…`", 60.0),
    "stats": ("statistics `GET /api/v1/cases/stats?…`", 200.0),
}
TARGET_RAW_RATIO = 1.5
AUTH_TABLES = re.compile(r"accounts_apitoken|accounts_user|django_session")
NOT_READS = re.compile(r"^\s*(UPDATE|INSERT|DELETE|SAVEPOINT|RELEASE|ROLLBACK)", re.IGNORECASE)


# --- In a Django process: the mixes and the statements of each sampled question --------------------
def prepare(home: Path, *, token: str, authority: str, count: int, sample: int, seed: int) -> None:
    """Write mixes.json (the paths of each endpoint) and captured.pickle (the statements)."""
    import django

    django.setup()
    import queries
    from django.db import connection
    from django.test import Client

    from comity.casework.models import Case

    states = list(
        Case.objects.filter(owner_id=authority)
        .values_list("counterpart_state_id", flat=True)
        .distinct()
        .order_by("counterpart_state_id")
    )
    mixes = {
        "list": queries.case_list_paths(states, count=count, seed=seed),
        "search": queries.case_search_paths(count=count, seed=seed + 1),
        "overdue": queries.case_overdue_paths(count=min(count, 200), seed=seed + 2),
        "stats": queries.case_stats_paths(count=count, seed=seed + 3),
    }
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="127.0.0.1")
    captured: dict = {"auth": [], "available": {}}
    for name, paths in mixes.items():
        step = max(1, len(paths) // sample)
        requests = []
        for path in paths[::step][:sample]:
            statements: list = []

            def recorder(execute, sql, params, many, context, statements=statements):
                statements.append((sql, params))
                return execute(sql, params, many, context)

            with connection.execute_wrapper(recorder):
                response = client.get(path)
            if response.status_code != 200 and not requests and name == "stats":
                break  # the endpoint does not exist in this version
            if response.status_code != 200:
                raise SystemExit(
                    f"{path} answered {response.status_code}: {response.content[:300]}"
                )
            auth = [s for s in statements if AUTH_TABLES.search(s[0])]
            own = [s for s in statements if not AUTH_TABLES.search(s[0])]
            reads = [s for s in own if not NOT_READS.match(s[0])]
            requests.append({"path": path, "statements": reads, "left_out": len(own) - len(reads)})
            captured["auth"] = captured["auth"] or [s for s in auth if not NOT_READS.match(s[0])]
        captured["available"][name] = bool(requests)
        captured[name] = requests
    (home / "mixes.json").write_text(json.dumps(mixes, ensure_ascii=False))
    (home / "captured.pickle").write_bytes(pickle.dumps(captured))


# --- In a Django process: the captured statements under the same concurrency ---------------------
def _raw_client(requests: list, index: int, barrier, warmup: float, duration: float, out) -> None:
    from django.db import connection

    cursor = connection.cursor()  # this process's own connection, with the server's settings

    def run(statements) -> None:
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()

    barrier.wait()
    n = index * 7
    start = time.perf_counter()
    while time.perf_counter() < start + warmup:
        run(requests[n % len(requests)])
        n += 1
    latencies = []
    start = time.perf_counter()
    end = start + duration
    while time.perf_counter() < end:
        began = time.perf_counter()
        run(requests[n % len(requests)])
        latencies.append(time.perf_counter() - began)
        n += 1
    out.put((latencies, time.perf_counter() - start))


def raw_phase(captured: Path, name: str, *, clients: int, warmup: float, duration: float) -> dict:
    """`clients` processes (forked after django.setup, before any connection is opened)."""
    import multiprocessing

    import django

    django.setup()
    from django.db import connections

    data = pickle.loads(captured.read_bytes())  # noqa: S301 (written by prepare() above)
    requests = [data["auth"]] if name == "auth" else [r["statements"] for r in data[name]]
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(clients), ctx.Queue()
    workers = [
        ctx.Process(target=_raw_client, args=(requests, i, barrier, warmup, duration, out))
        for i in range(clients)
    ]
    for w in workers:
        w.start()
    results = [out.get(timeout=warmup + duration + 120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
    latencies = sorted(x * 1000 for lat, _ in results for x in lat)
    seconds = max(s for _, s in results)
    return {
        "endpoint": f"raw:{name}",
        "requests": len(latencies),
        "seconds": round(seconds, 3),
        "rps": round(len(latencies) / seconds, 1),
        "errors": 0,
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "max_ms": round(latencies[-1], 2) if latencies else 0.0,
        "statements_per_request": round(sum(len(r) for r in requests) / len(requests), 2),
        "distinct_requests": len(requests),
    }


def run_raw(env: dict, home: Path, name: str, args) -> dict:
    cmd = [PY, str(BENCH / "case_register.py"), "--raw", name, "--home", str(home)]
    cmd += ["--clients", str(args.clients), "--duration", str(args.duration_s)]
    cmd += ["--warmup", str(args.warmup_s)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"raw phase {name} failed:\n{done.stdout}\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["server_cpu_s"] = 0.0
    print(
        f"    {result['endpoint']:14} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:6.1f}  "
        f"p95 {result['p95_ms']:6.1f}  p99 {result['p99_ms']:6.1f} ms",
        flush=True,
    )
    return result


# --- The run ---------------------------------------------------------------------------------------
def measure(args, tool: str, home: Path, env: dict, load: dict) -> dict:
    credentials = load["credentials"]
    print("==> capturing the statements of a sample of each mix", flush=True)
    script = (
        "import sys; sys.path.insert(0, 'benchmarks'); import case_register as c; "
        f"c.prepare(__import__('pathlib').Path({str(home)!r}), token={credentials['token']!r}, "
        f"authority={load['measured_authority']!r}, count={args.queries}, sample={args.sample}, "
        f"seed={args.query_seed})"
    )
    done = subprocess.run([PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"capture failed:\n{done.stdout}\n{done.stderr}")
    mixes = json.loads((home / "mixes.json").read_text())
    captured = pickle.loads((home / "captured.pickle").read_bytes())  # noqa: S301
    names = [n for n in ENDPOINTS if captured["available"][n]]
    missing = [n for n in ENDPOINTS if n not in names]
    if missing:
        print(f"    not in this version (skipped): {', '.join(missing)}", flush=True)
    headers = {"Authorization": f"Bearer {credentials['token']}"}
    run_env = {**env, "COMITY_ANSWER_CACHE": "0"}
    server, port, log = start_server(home, run_env, workers=MAKE_RUN_WORKERS)
    phases: dict[str, list[dict]] = {"trivial": [], "raw:auth": []}
    for name in names:
        phases[name], phases[f"raw:{name}"] = [], []
    try:
        for name in names:  # the server answers as the capture did (wrk counts any other)
            for path in mixes[name][:50]:
                status, body = get(port, path, headers)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}: {body[:300]!r}")

        def http(name: str, paths: list[str], seconds: float) -> dict:
            return measured_phase(
                tool, server, name, port=port, paths=paths, headers=headers,
                clients=args.clients, duration=seconds, workdir=home,
            )  # fmt: skip

        print(f"==> warm-up {args.warmup_s:.0f} s per endpoint", flush=True)
        for name in names:
            http(name, mixes[name], args.warmup_s)
        for _ in range(args.rounds):
            phases["trivial"].append(http("trivial", [TRIVIAL], args.duration_s))
            for name in names:
                phases[name].append(http(name, mixes[name], args.duration_s))
                phases[f"raw:{name}"].append(run_raw(env, home, name, args))
        phases["raw:auth"].append(run_raw(env, home, "auth", args))
        if server.poll() is not None:
            raise SystemExit("gunicorn died during the run")
    finally:
        stop(server)
        log.close()
    endpoints = {name: summarise(ps) for name, ps in phases.items()}
    for name in names:
        raw = phases[f"raw:{name}"]
        endpoints[f"raw:{name}"]["statements_per_request"] = raw[0]["statements_per_request"]
        endpoints[f"raw:{name}"]["distinct_requests"] = raw[0]["distinct_requests"]
    endpoints["raw:auth"]["statements_per_request"] = len(captured["auth"])
    return {
        "names": names,
        "skipped": missing,
        "mixes": {n: len(mixes[n]) for n in mixes},
        "phases": phases,
        "endpoints": endpoints,
        "left_out_writes": sum(r["left_out"] for n in names for r in captured[n]),
    }


def verdict_of(measured: dict) -> dict:
    out: dict = {}
    for name in measured["names"]:
        endpoint, raw = measured["endpoints"][name], measured["endpoints"][f"raw:{name}"]
        ratio = endpoint["p95_ms"] / raw["p95_ms"] if raw["p95_ms"] else float("inf")
        out[name] = {
            "p95_ms": endpoint["p95_ms"],
            "p95_ok": endpoint["p95_ms"] < ENDPOINTS[name][1],
            "raw_p95_ms": raw["p95_ms"],
            "ratio": round(ratio, 2),
            "ratio_ok": ratio <= TARGET_RAW_RATIO,
            "errors_ok": endpoint["errors"] == 0,
        }
    out["pass"] = not measured["skipped"] and all(
        v["p95_ok"] and v["ratio_ok"] and v["errors_ok"] for v in out.values()
    )
    return out


def markdown(measured: dict, verdict: dict, load: dict) -> str:
    rows = [
        "| endpoint (cache off, 16 clients) | requests/s | p50 ms | p95 ms | p99 ms | errors "
        "| server CPU ms/request | raw SQL: statements | raw p50 ms | raw p95 ms | raw req/s "
        "| p95 ÷ raw p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    e = measured["endpoints"]
    t = e["trivial"]
    rows.append(
        f"| trivial `GET {TRIVIAL}` | {t['rps']:.0f} | {t['p50_ms']:.1f} | {t['p95_ms']:.1f} | "
        f"{t['p99_ms']:.1f} | {t['errors']} | {t['server_cpu_ms_per_request']:.2f} | | | | | |"
    )
    for name in measured["names"]:
        x, r = e[name], e[f"raw:{name}"]
        rows.append(
            f"| {ENDPOINTS[name][0]} | {x['rps']:.0f} | {x['p50_ms']:.1f} | {x['p95_ms']:.1f} | "
            f"{x['p99_ms']:.1f} | {x['errors']} | {x['server_cpu_ms_per_request']:.2f} | "
            f"{r['statements_per_request']:.1f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | "
            f"{r['rps']:.0f} | **{verdict[name]['ratio']:.2f}** |"
        )
    a = e["raw:auth"]
    rows.append(
        f"| (the token check alone, raw) | | | | | | | {a['statements_per_request']} | "
        f"{a['p50_ms']:.2f} | {a['p95_ms']:.2f} | {a['rps']:.0f} | |"
    )
    rows.append("")
    for name in measured["names"]:
        v = verdict[name]
        rows.append(
            f"- {name}: p95 **{v['p95_ms']:.1f} ms** (target < {ENDPOINTS[name][1]:.0f} ms: "
            f"{'PASS' if v['p95_ok'] else 'FAIL'}); {v['ratio']:.2f}× the raw SQL p95 of "
            f"{v['raw_p95_ms']:.2f} ms (target ≤ {TARGET_RAW_RATIO}: "
            f"{'PASS' if v['ratio_ok'] else 'FAIL'})"
        )
    if measured["skipped"]:
        rows.append(f"- not measured (no such endpoint yet): {', '.join(measured['skipped'])}")
    rows.append(
        f"- data: {load['cases']:,} cases, {load['events']:,} events; "
        f"{load['measured_authority_cases']:,} in the measured user's register; loaded in "
        f"{load['import_s']:.0f} s ({load['cases_per_s']:.0f} cases/s); mixes "
        + ", ".join(f"{n} {c}" for n, c in measured["mixes"].items())
    )
    return "\n".join(rows)


def load_cases(env: dict, home: Path, cases: int, seed: int) -> dict:
    manage(env, "migrate", "--noinput")
    manage(env, "load_reference")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    print(f"==> loading {cases:,} synthetic cases (casework.transfer.import_register)", flush=True)
    info = home / "load.json"
    cmd = [PY, str(BENCH / "case_synthetic.py"), "--cases", str(cases), "--seed", str(seed)]
    done = subprocess.run([*cmd, "--out", str(info)], cwd=ROOT, env=env, timeout=7200)
    if done.returncode != 0:
        raise SystemExit("synthetic case load failed")
    load = json.loads(info.read_text())
    print(
        f"    {load['cases']:,} cases, {load['events']:,} events: import {load['import_s']:.0f} s "
        f"({load['cases_per_s']:.0f} cases/s)",
        flush=True,
    )
    return load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="10,000 cases, 5 s phases, 1 round")
    parser.add_argument("--cases", type=int, help="synthetic cases (100,000; quick 10,000)")
    parser.add_argument("--seed", type=int, default=100_000)
    parser.add_argument("--duration", type=float, help="seconds per phase (15; quick 5)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up (3; quick 2)")
    parser.add_argument("--rounds", type=int, help="rounds of phases (2; quick 1)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--queries", type=int, default=2_400, help="distinct questions per mix")
    parser.add_argument("--sample", type=int, default=300, help="questions captured per mix")
    parser.add_argument("--query-seed", type=int, default=2026)
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--database-url", default="", help="PostgreSQL; an empty throwaway DB")
    parser.add_argument("--results-dir", default=str(BENCH / "results"))
    parser.add_argument("--keep-home", action="store_true", help="keep the loaded COMITY_HOME")
    parser.add_argument("--home", help="a home kept by --keep-home: measure it without loading")
    parser.add_argument("--raw", help=argparse.SUPPRESS)
    parser.add_argument("--summary-file")
    args, _unknown = parser.parse_known_args(argv)
    args.duration_s = args.duration or (5.0 if args.quick else 15.0)
    args.warmup_s = args.warmup if args.warmup is not None else (2.0 if args.quick else 3.0)
    args.rounds = args.rounds or (1 if args.quick else 2)
    cases = args.cases or (10_000 if args.quick else 100_000)
    if args.raw:  # a child process: one raw phase against the home's database
        result = raw_phase(
            Path(args.home) / "captured.pickle",
            args.raw,
            clients=args.clients,
            warmup=args.warmup_s,
            duration=args.duration_s,
        )
        print(json.dumps(result))
        return 0
    tool = args.client if args.client != "auto" else ("wrk" if shutil.which("wrk") else "python")
    home, env = server_env(
        prefix="comity-bench-cases-", database_url=args.database_url, no_cache=True
    )
    if args.home:
        shutil.rmtree(home)
        home = Path(args.home)
        env["COMITY_HOME"] = str(home)
        args.keep_home = True
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    started_at = datetime.datetime.now(datetime.UTC)
    try:
        print(f"==> COMITY_HOME {home}", flush=True)
        if args.home:
            manage(env, "migrate", "--noinput")
            load = json.loads((home / "load.json").read_text())
        else:
            load = load_cases(env, home, cases, args.seed)
        measured = measure(args, tool, home, env, load)
        verdict = verdict_of(measured)
        result = {
            "benchmark": "case_register",
            "started_at": started_at.isoformat(timespec="seconds"),
            "machine": machine_info(load["db_vendor"]),
            "settings": {
                "clients": args.clients,
                "phase_seconds": args.duration_s,
                "warmup_seconds": args.warmup_s,
                "rounds": args.rounds,
                "load_tool": tool,
                "gunicorn": f"comity.wsgi --workers {MAKE_RUN_WORKERS} (sync)",
                "answer_cache": False,
                "quick": args.quick,
                "queries": args.queries,
                "sample": args.sample,
                "query_seed": args.query_seed,
            },
            "data": {k: v for k, v in load.items() if k != "credentials"},
            "measured": measured,
            "verdict": verdict,
            "markdown": markdown(measured, verdict, load),
        }
        save_result(result, "case_register", args, started_at)
        return 0
    finally:
        leave_home(home, args.keep_home)


if __name__ == "__main__":
    sys.exit(main())
