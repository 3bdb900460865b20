"""Endpoints under concurrent load, each beside the raw SQL it runs: the run that the case
register's and the informal channel's benchmarks share.

A benchmark (a `Bench`) gives its endpoints and targets, the synthetic load of its data, the
capture of its question mixes (`prepare`, run in a Django process: it writes mixes.json and
captured.pickle into the home, with `record_get` and `split`), its verdict and its Markdown. This
module does the rest: the command line, the throwaway home, the capture, gunicorn with the answer
cache off, the HTTP phases (wrk or loadgen.py), the raw phases (the captured statements replayed
by as many processes as there are clients, each with its own connection) and the result file.
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
from collections.abc import Callable
from dataclasses import dataclass, field
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

AUTH_TABLES = re.compile(r"accounts_apitoken|accounts_user|django_session")
NOT_READS = re.compile(r"^\s*(UPDATE|INSERT|DELETE|SAVEPOINT|RELEASE|ROLLBACK)", re.IGNORECASE)


@dataclass(frozen=True)
class Bench:
    name: str  # the script's name, and the results file's
    endpoints: dict  # name -> (label, p95 target in ms)
    unit: str  # what the load counts ("cases"): the option --<unit>
    full: int  # how many by default
    quick: int  # how many with --quick
    seed: int
    load: Callable  # (env, home, count, seed) -> the load's facts (load.json)
    capture: Callable  # (home, args) -> the Python code that runs the script's prepare()
    headers: Callable  # (credentials) -> {endpoint name (and "trivial"): request headers}
    verdict_of: Callable  # (measured) -> verdict
    markdown: Callable  # (measured, verdict, load) -> str
    extras: Callable = field(default=lambda captured: {})  # more facts of the capture


# --- In a Django process: one question and its statements ---------------------------------------
def record_get(client, path: str):
    """(response, statements, seconds) of one GET through django.test.Client."""
    from django.db import connection

    statements: list = []

    def recorder(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(recorder):
        response = client.get(path)
    return response, statements, time.perf_counter() - started


def split(statements: list) -> tuple[list, list, int]:
    """(the token check's reads, the endpoint's own reads, how many writes were left out)."""
    auth = [s for s in statements if AUTH_TABLES.search(s[0])]
    own = [s for s in statements if not AUTH_TABLES.search(s[0])]
    reads = [s for s in own if not NOT_READS.match(s[0])]
    return [s for s in auth if not NOT_READS.match(s[0])], reads, len(own) - len(reads)


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

    data = pickle.loads(captured.read_bytes())  # noqa: S301 (written by the benchmark's prepare)
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


def run_raw(bench: Bench, env: dict, home: Path, name: str, args) -> dict:
    cmd = [PY, str(BENCH / f"{bench.name}.py"), "--raw", name, "--home", str(home)]
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


def endpoint_table(measured: dict, verdict: dict, endpoints: dict) -> list[str]:
    """The Markdown table of a run: each endpoint beside its raw SQL, the trivial endpoint and
    the token check alone."""
    rows = [
        "| endpoint (cache off, 16 clients) | requests/s | p50 ms | p95 ms | p99 ms | errors "
        "| server CPU ms/request | raw SQL: statements | raw p50 ms | raw p95 ms | raw p99 ms "
        "| raw req/s | p95 ÷ raw p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    e = measured["endpoints"]
    t = e["trivial"]
    rows.append(
        f"| trivial `GET {TRIVIAL}` | {t['rps']:.0f} | {t['p50_ms']:.1f} | {t['p95_ms']:.1f} | "
        f"{t['p99_ms']:.1f} | {t['errors']} | {t['server_cpu_ms_per_request']:.2f} | | | | | | |"
    )
    for name in measured["names"]:
        x, r = e[name], e[f"raw:{name}"]
        rows.append(
            f"| {endpoints[name][0]} | {x['rps']:.0f} | {x['p50_ms']:.1f} | {x['p95_ms']:.1f} | "
            f"{x['p99_ms']:.1f} | {x['errors']} | {x['server_cpu_ms_per_request']:.2f} | "
            f"{r['statements_per_request']:.1f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['rps']:.0f} | **{verdict[name]['ratio']:.2f}** |"
        )
    a = e["raw:auth"]
    rows.append(
        f"| (the token check alone, raw) | | | | | | | {a['statements_per_request']} | "
        f"{a['p50_ms']:.2f} | {a['p95_ms']:.2f} | {a['p99_ms']:.2f} | {a['rps']:.0f} | |"
    )
    return [*rows, ""]


# --- The run ---------------------------------------------------------------------------------------
def load_synthetic(env: dict, home: Path, cmd: list[str], what: str) -> dict:
    """A migrated installation with the reference data, then the synthetic load (`cmd`, which
    writes its facts to --out): those facts."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_reference")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    print(f"==> loading {what}", flush=True)
    info = home / "load.json"
    done = subprocess.run([*cmd, "--out", str(info)], cwd=ROOT, env=env, timeout=7200)
    if done.returncode != 0:
        raise SystemExit(f"the synthetic load failed: {what}")
    return json.loads(info.read_text())


def measure(bench: Bench, args, tool: str, home: Path, env: dict, load: dict) -> dict:
    print("==> capturing the statements of a sample of each mix", flush=True)
    done = subprocess.run(
        [PY, "-c", bench.capture(home, args)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"capture failed:\n{done.stdout}\n{done.stderr}")
    mixes = json.loads((home / "mixes.json").read_text())
    captured = pickle.loads((home / "captured.pickle").read_bytes())  # noqa: S301
    names = [n for n in bench.endpoints if captured["available"][n]]
    missing = [n for n in bench.endpoints if n not in names]
    if missing:
        print(f"    not in this version (skipped): {', '.join(missing)}", flush=True)
    headers = bench.headers(load["credentials"])
    run_env = {**env, "COMITY_ANSWER_CACHE": "0"}
    server, port, log = start_server(home, run_env, workers=MAKE_RUN_WORKERS)
    phases: dict[str, list[dict]] = {"trivial": [], "raw:auth": []}
    for name in names:
        phases[name], phases[f"raw:{name}"] = [], []
    try:
        for name in names:  # the server answers as the capture did (wrk counts any other)
            for path in mixes[name][:50]:
                status, body = get(port, path, headers[name])
                if status != 200:
                    raise SystemExit(f"{path} answered {status}: {body[:300]!r}")

        def http(name: str, paths: list[str], seconds: float) -> dict:
            return measured_phase(
                tool, server, name, port=port, paths=paths, headers=headers[name],
                clients=args.clients, duration=seconds, workdir=home,
            )  # fmt: skip

        print(f"==> warm-up {args.warmup_s:.0f} s per endpoint", flush=True)
        for name in names:
            http(name, mixes[name], args.warmup_s)
        for _ in range(args.rounds):
            phases["trivial"].append(http("trivial", [TRIVIAL], args.duration_s))
            for name in names:
                phases[name].append(http(name, mixes[name], args.duration_s))
                phases[f"raw:{name}"].append(run_raw(bench, env, home, name, args))
        phases["raw:auth"].append(run_raw(bench, env, home, "auth", args))
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
        **bench.extras(captured),
    }


def parse(bench: Bench, argv: list[str] | None, description: str):
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"{bench.quick:,} {bench.unit}, 5 s phases, 1 round"
    )
    parser.add_argument(
        f"--{bench.unit}",
        dest="count",
        type=int,
        help=f"synthetic {bench.unit} ({bench.full:,}; quick {bench.quick:,})",
    )
    parser.add_argument("--seed", type=int, default=bench.seed)
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
    args.count = args.count or (bench.quick if args.quick else bench.full)
    return args


def main(bench: Bench, argv: list[str] | None, description: str) -> int:
    args = parse(bench, argv, description)
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
        prefix=f"comity-bench-{bench.name}-", database_url=args.database_url, no_cache=True
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
            load = bench.load(env, home, args.count, args.seed)
        measured = measure(bench, args, tool, home, env, load)
        verdict = bench.verdict_of(measured)
        result = {
            "benchmark": bench.name,
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
            "markdown": bench.markdown(measured, verdict, load),
        }
        save_result(result, bench.name, args, started_at)
        return 0
    finally:
        leave_home(home, args.keep_home)


# --- In the synthetic load's process ---------------------------------------------------------------
def credentials(user) -> dict:
    """The measured user's API token and browser session."""
    from django.test import Client

    from comity.accounts import services as account_services

    _token, secret = account_services.create_token(user=user, name="benchmark", actor=None)
    browser = Client()
    browser.force_login(user)
    return {
        "username": user.username,
        "token": secret,
        "session": browser.cookies["sessionid"].value,
    }


def synthetic_main(
    description: str, *, unit: str, default: int, load: Callable, measured_user: Callable
) -> None:
    """The command line of a synthetic load: `load(count, seed)` gives its facts (with the
    measured authority), `measured_user(authority id)` the user the benchmark measures as. The
    facts, the user's credentials and the database's vendor go to --out."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(f"--{unit}", dest="count", type=int, default=default)
    parser.add_argument("--seed", type=int, default=default)
    parser.add_argument("--out", required=True, help="JSON file for the load report and token")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comity.settings")
    import django

    django.setup()
    from django.db import connection

    info = load(args.count, args.seed)
    info["credentials"] = credentials(measured_user(info["measured_authority"]))
    info["db_vendor"] = connection.vendor
    Path(args.out).write_text(json.dumps(info, indent=1, ensure_ascii=False))
