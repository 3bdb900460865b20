"""The legal-basis engine: the full matrix in one process, and the HTTP endpoint under load.

    .venv/bin/python benchmarks/legal_basis.py [--quick] [--database-url URL]

1. A fresh COMITY_HOME (SQLite), migrate, load_reference, a demo user with an API token.
2. Matrix: in a separate process pinned to one core (taskset when present), every ordered pair
   of States (about 250 x 249) x every request kind answered by treaties.legal_basis.legal_basis,
   full answers with reasons; the wall time and the per-answer time are reported.
3. HTTP: gunicorn as `make run` starts it; 16 clients request GET /api/v1/legal-basis for a
   rotating mix of pairs, kinds, offences and dates, beside GET /api/v1/health.
Targets (issue, part 2): matrix under 30 s on one core; p95 under 30 ms per query over HTTP.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

from directory_search import (
    BENCH,
    MAKE_RUN_WORKERS,
    PY,
    ROOT,
    TRIVIAL,
    get,
    machine_info,
    manage,
    measured_phase,
    server_env,
    start_server,
    stop,
    summarise,
)

ENDPOINT = "/api/v1/legal-basis"
TARGET_MATRIX_S = 30.0
TARGET_P95_MS = 30.0

MATRIX_SCRIPT = """
import json, os, sys, time
import django
django.setup()
from comity.geo.models import Country
from comity.treaties.legal_basis import legal_basis
from comity.treaties.snapshot import snapshot
from comity.treaties.vocabulary import RequestKind
codes = list(Country.objects.order_by("iso3").values_list("iso3", flat=True))
started = time.perf_counter()
snap = snapshot()
answers = bases = 0
for kind in RequestKind.values:
    for a in codes:
        for b in codes:
            if a != b:
                answer = legal_basis(requesting=a, requested=b, kind=kind, snap=snap)
                answers += 1
                bases += len(answer.bases)
seconds = time.perf_counter() - started
print(json.dumps({"states": len(codes), "kinds": len(RequestKind.values), "answers": answers,
                  "bases": bases, "seconds": round(seconds, 2),
                  "us_per_answer": round(seconds / answers * 1e6, 1)}))
"""

PAIRS = [
    ("UKR", "DEU"),
    ("NGA", "GHA"),
    ("USA", "GBR"),
    ("JPN", "FRA"),
    ("FRA", "DEU"),
    ("ZAF", "LSO"),
    ("BRA", "ARG"),
    ("IND", "SGP"),
    ("KEN", "UGA"),
    ("MEX", "USA"),
    ("LTU", "LVA"),
    ("CAN", "ESP"),
]
KINDS = ["mla", "extradition", "confiscation", "preservation", "transfer_sentenced", "jit"]
OFFENCES = ["", "money_laundering", "corruption", "drug_trafficking", "cybercrime"]


def query_paths() -> list[str]:
    paths = []
    for i, (a, b) in enumerate(PAIRS * 3):
        q = {"requesting": a, "requested": b, "kind": KINDS[i % len(KINDS)]}
        if OFFENCES[i % len(OFFENCES)]:
            q["offence"] = OFFENCES[i % len(OFFENCES)]
        if i % 4 == 0:
            q["date"] = "2012-06-30"
        paths.append(f"{ENDPOINT}?{urlencode(q)}")
    return paths


def run_matrix(env: dict) -> dict:
    cmd = [PY, "-c", MATRIX_SCRIPT]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"matrix run failed:\n{done.stdout}\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["one_core"] = cmd[0] == "taskset"
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="5 s phases")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--results-dir", default=str(BENCH / "results"))
    parser.add_argument(
        "--no-cache", action="store_true", help="COMITY_ANSWER_CACHE=0: measure the uncached path"
    )
    parser.add_argument("--summary-file")
    args, _unknown = parser.parse_known_args(argv)
    duration = 5.0 if args.quick else 15.0
    tool = args.client if args.client != "auto" else ("wrk" if shutil.which("wrk") else "python")

    home, env = server_env(
        prefix="comity-bench-lb-", database_url=args.database_url, no_cache=args.no_cache
    )
    server = None
    log = None
    started_at = datetime.datetime.now(datetime.UTC)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_reference")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "demo")
        token = (
            manage(env, "token", "create", "demo", "--name", "benchmark").strip().splitlines()[-1]
        )
        print("==> full matrix in one process", flush=True)
        matrix = run_matrix(env)
        print(
            f"    {matrix['answers']} answers in {matrix['seconds']} s "
            f"({matrix['us_per_answer']} µs each, one core: {matrix['one_core']})",
            flush=True,
        )

        server, port, log = start_server(home, env, workers=MAKE_RUN_WORKERS)
        headers = {"Authorization": f"Bearer {token}"}
        paths = query_paths()
        for path in paths:
            status, body = get(port, path, headers)
            if status != 200:
                raise SystemExit(f"{path} answered {status}: {body[:300]!r}")

        def phase(name, endpoint_paths, endpoint_headers, seconds):
            return measured_phase(
                tool,
                server,
                name,
                port=port,
                paths=endpoint_paths,
                headers=endpoint_headers,
                clients=args.clients,
                duration=seconds,
                workdir=home,
            )

        phase("warm-up", paths, headers, 2.0)
        phases = {"trivial": [], "legal_basis": []}
        for _ in range(2):
            phases["trivial"].append(phase("trivial", [TRIVIAL], {}, duration))
            phases["legal_basis"].append(phase("legal_basis", paths, headers, duration))
        trivial, lb = summarise(phases["trivial"]), summarise(phases["legal_basis"])
        verdict = {
            "matrix_ok": matrix["seconds"] < TARGET_MATRIX_S,
            "p95_ok": lb["p95_ms"] < TARGET_P95_MS,
            "errors_ok": lb["errors"] == 0 and trivial["errors"] == 0,
            "ratio": round(lb["rps"] / trivial["rps"], 3) if trivial["rps"] else 0.0,
        }
        verdict["pass"] = verdict["matrix_ok"] and verdict["p95_ok"] and verdict["errors_ok"]
        table = "\n".join(
            [
                f"full matrix: {matrix['answers']:,} answers ({matrix['states']} States x "
                f"{matrix['states'] - 1} x {matrix['kinds']} kinds) in **{matrix['seconds']} s** on one core "
                f"({matrix['us_per_answer']} µs per answer; target < {TARGET_MATRIX_S:.0f} s: "
                f"{'PASS' if verdict['matrix_ok'] else 'FAIL'})",
                "",
                "| endpoint | requests/s | p50 ms | p95 ms | p99 ms | errors |",
                "|---|---:|---:|---:|---:|---:|",
                *[
                    f"| {label} | {e['rps']:.0f} | {e['p50_ms']:.1f} | {e['p95_ms']:.1f} | "
                    f"{e['p99_ms']:.1f} | {e['errors']} |"
                    for label, e in (
                        (f"trivial `GET {TRIVIAL}`", trivial),
                        (f"`GET {ENDPOINT}?…`", lb),
                    )
                ],
                "",
                f"legal-basis p95: **{lb['p95_ms']:.1f} ms** (target < {TARGET_P95_MS:.0f} ms: "
                f"{'PASS' if verdict['p95_ok'] else 'FAIL'}); throughput ratio to trivial "
                f"{verdict['ratio']:.2f}",
            ]
        )
        result = {
            "benchmark": "legal_basis",
            "started_at": started_at.isoformat(timespec="seconds"),
            "machine": machine_info("postgresql" if args.database_url else "sqlite"),
            "settings": {
                "clients": args.clients,
                "phase_seconds": duration,
                "load_tool": tool,
                "gunicorn": f"--workers {MAKE_RUN_WORKERS} (sync)",
            },
            "matrix": matrix,
            "endpoints": {"trivial": trivial, "legal_basis": lb},
            "verdict": verdict,
            "markdown": table,
        }
        out_dir = Path(args.results_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        stamp = started_at.strftime("%Y%m%dT%H%M%SZ")
        (out_dir / f"{stamp}-legal_basis.json").write_text(json.dumps(result, indent=2))
        if args.summary_file:
            Path(args.summary_file).write_text(json.dumps(result))
        print(table)
        return 0
    finally:
        stop(server)
        if log:
            log.close()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
