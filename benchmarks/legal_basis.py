"""The legal-basis engine: the full matrix in one process, and the API and page under load.

    .venv/bin/python benchmarks/legal_basis.py [--quick] [--database-url URL]

1. A fresh COMITY_HOME (SQLite), or --database-url (an empty, throwaway PostgreSQL database);
   migrate, load_reference, the demo data, the demo user with an API token and a browser session.
2. Matrix: in a separate process pinned to one core (taskset when present), every ordered pair
   of States (about 250 x 249) x every request kind answered by treaties.legal_basis.legal_basis,
   full answers with reasons; the wall time and the per-answer time are reported.
3. HTTP, twice on the same data: gunicorn as `make run` starts it, with the answer cache off
   (what the targets judge) and on. 16 clients ask 2,400 distinct questions (benchmarks/queries.py:
   pairs of States, kinds, offences, days) of GET /api/v1/legal-basis and of the /legal-basis/
   page, beside GET /api/v1/health, then again while the demo officer saves a draft every second.
Targets (issue, part 5): matrix under 8 s on one core; cache off, the API at least 0.35 of the
trivial endpoint's throughput with p95 under 20 ms.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import subprocess
from pathlib import Path

import queries
from directory_search import (
    BENCH,
    MAKE_RUN_WORKERS,
    PY,
    ROOT,
    TRIVIAL,
    machine_info,
    manage,
    run_mode,
    server_env,
    table,
)

STATES_SCRIPT = (
    "from comity.geo.models import Country; "
    "print(' '.join(Country.objects.states().values_list('iso3', flat=True)))"
)

ENDPOINT = "/api/v1/legal-basis"
PAGE = "/legal-basis/"
TARGET_MATRIX_S = 8.0
TARGET_RATIO = 0.35
TARGET_P95_MS = 20.0
ROWS = [
    ("trivial", f"trivial `GET {TRIVIAL}`"),
    ("legal_basis", f"legal basis `GET {ENDPOINT}?…`"),
    ("page", f"legal-basis page `GET {PAGE}?…`"),
    ("legal_basis_writes", "legal basis API, one draft saved per second"),
    ("page_writes", "legal-basis page, one draft saved per second"),
]
SESSION_SCRIPT = """
import django
django.setup()
from django.test import Client
from comity.accounts.models import User
browser = Client()
browser.force_login(User.objects.get(username="demo"))
print(browser.cookies["sessionid"].value)
"""

MATRIX_SCRIPT = """
import json, os, sys, time
import django
django.setup()
from comity.geo.models import Country
from comity.treaties.legal_basis import legal_basis
from comity.treaties.snapshot import snapshot
from comity.treaties.vocabulary import RequestKind
from django.utils import timezone
codes = list(Country.objects.order_by("iso3").values_list("iso3", flat=True))
started = time.perf_counter()
snap = snapshot()
on, language = timezone.localdate(), "en"  # read once, as selectors.matrix does
answers = bases = 0
for kind in RequestKind.values:
    for a in codes:
        for b in codes:
            if a != b:
                answer = legal_basis(
                    requesting=a, requested=b, kind=kind, snap=snap, on=on, language=language
                )
                answers += 1
                bases += len(answer.bases)
seconds = time.perf_counter() - started
print(json.dumps({"states": len(codes), "kinds": len(RequestKind.values), "answers": answers,
                  "bases": bases, "seconds": round(seconds, 2),
                  "us_per_answer": round(seconds / answers * 1e6, 1)}))
"""


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
    parser.add_argument("--quick", action="store_true", help="5 s phases, 2 s warm-up")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--queries", type=int, default=2_400, help="distinct questions (2,400)")
    parser.add_argument("--query-seed", type=int, default=2026)
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--results-dir", default=str(BENCH / "results"))
    parser.add_argument("--summary-file")
    args, _unknown = parser.parse_known_args(argv)
    args.duration_s = 5.0 if args.quick else 15.0
    args.warmup_s = 2.0 if args.quick else 3.0
    args.workers, args.threads = MAKE_RUN_WORKERS, 0
    tool = args.client if args.client != "auto" else ("wrk" if shutil.which("wrk") else "python")

    home, env = server_env(
        prefix="comity-bench-lb-", database_url=args.database_url, no_cache=False
    )
    started_at = datetime.datetime.now(datetime.UTC)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_reference")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "demo")
        token = (
            manage(env, "token", "create", "demo", "--name", "benchmark").strip().splitlines()[-1]
        )
        session = subprocess.run(
            [PY, "-c", SESSION_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
        ).stdout.strip()
        states = [
            code
            for code in manage(env, "shell", "-c", STATES_SCRIPT).split()
            if len(code) == 3 and code.isalpha() and code.isupper()
        ]
        print("==> full matrix in one process", flush=True)
        matrix = run_matrix(env)
        print(
            f"    {matrix['answers']} answers in {matrix['seconds']} s "
            f"({matrix['us_per_answer']} µs each, one core: {matrix['one_core']})",
            flush=True,
        )
        paths = queries.legal_basis_paths(states, count=args.queries, seed=args.query_seed)
        pages = [
            f"{PAGE}?{path.split('?', 1)[1]}"
            for path in queries.legal_basis_paths(
                states, count=args.queries, seed=args.query_seed + 1
            )
        ]
        endpoints = {
            "trivial": ([TRIVIAL], {}),
            "legal_basis": (paths, {"Authorization": f"Bearer {token}"}),
            "page": (pages, {"Cookie": f"sessionid={session}"}),
        }
        modes = {
            mode: run_mode(
                mode,
                args=args,
                tool=tool,
                home=home,
                env=env,
                endpoints=endpoints,
                writer_token=token,
            )
            for mode in ("cache_off", "cache_on")
        }
        off = modes["cache_off"]["endpoints"]
        ratio = off["legal_basis"]["rps"] / off["trivial"]["rps"] if off["trivial"]["rps"] else 0
        verdict = {
            "matrix_ok": matrix["seconds"] < TARGET_MATRIX_S,
            "ratio": round(ratio, 3),
            "ratio_ok": ratio >= TARGET_RATIO,
            "p95_ok": off["legal_basis"]["p95_ms"] < TARGET_P95_MS,
            "errors_ok": all(
                e["errors"] == 0 for m in modes.values() for e in m["endpoints"].values()
            ),
        }
        verdict["pass"] = all(verdict[k] for k in ("matrix_ok", "ratio_ok", "p95_ok", "errors_ok"))
        lines = [
            f"full matrix: {matrix['answers']:,} answers ({matrix['states']} States x "
            f"{matrix['states'] - 1} x {matrix['kinds']} kinds) in **{matrix['seconds']} s** on "
            f"one core ({matrix['us_per_answer']} µs per answer; target < {TARGET_MATRIX_S:.0f} s: "
            f"{'PASS' if verdict['matrix_ok'] else 'FAIL'})",
            "",
        ]
        for mode in ("cache_off", "cache_on"):
            lines += [
                f"**{'answer cache off' if mode == 'cache_off' else 'answer cache on'}**",
                "",
                *table(modes[mode]["endpoints"], ROWS),
                "",
            ]
        lines.append(
            f"cache off: legal basis/trivial throughput ratio **{ratio:.2f}** (target ≥ "
            f"{TARGET_RATIO:.2f}: {'PASS' if verdict['ratio_ok'] else 'FAIL'}); p95 "
            f"**{off['legal_basis']['p95_ms']:.1f} ms** (target < {TARGET_P95_MS:.0f} ms: "
            f"{'PASS' if verdict['p95_ok'] else 'FAIL'}); errors: "
            f"{'none' if verdict['errors_ok'] else 'SOME (FAIL)'}; {len(paths)} distinct "
            f"questions, {len(pages)} distinct pages (seed {args.query_seed})"
        )
        result = {
            "benchmark": "legal_basis",
            "started_at": started_at.isoformat(timespec="seconds"),
            "machine": machine_info("postgresql" if args.database_url else "sqlite"),
            "settings": {
                "clients": args.clients,
                "phase_seconds": args.duration_s,
                "load_tool": tool,
                "gunicorn": f"--workers {MAKE_RUN_WORKERS} (sync)",
                "queries": len(paths),
                "query_seed": args.query_seed,
            },
            "matrix": matrix,
            "modes": modes,
            "verdict": verdict,
            "markdown": "\n".join(lines),
        }
        out_dir = Path(args.results_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        stamp = started_at.strftime("%Y%m%dT%H%M%SZ")
        (out_dir / f"{stamp}-legal_basis.json").write_text(json.dumps(result, indent=2))
        if args.summary_file:
            Path(args.summary_file).write_text(json.dumps(result))
        print(result["markdown"])
        return 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
