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

import json
import pickle
import sys
from pathlib import Path

import captured as captured_run
from directory_search import BENCH, PY

ENDPOINTS = {
    "list": ("register list `GET /api/v1/cases?…`", 60.0),
    "search": ("search by name `GET /api/v1/cases?q=…`", 60.0),
    "overdue": ("overdue list `GET /api/v1/cases/overdue?…`", 60.0),
    "stats": ("statistics `GET /api/v1/cases/stats?…`", 200.0),
}
TARGET_RAW_RATIO = 1.5


# --- In a Django process: the mixes and the statements of each sampled question --------------------
def prepare(home: Path, *, token: str, authority: str, count: int, sample: int, seed: int) -> None:
    """Write mixes.json (the paths of each endpoint) and captured.pickle (the statements)."""
    import django

    django.setup()
    import queries
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
            response, statements, _seconds = captured_run.record_get(client, path)
            if response.status_code != 200 and not requests and name == "stats":
                break  # the endpoint does not exist in this version
            if response.status_code != 200:
                raise SystemExit(
                    f"{path} answered {response.status_code}: {response.content[:300]}"
                )
            auth, reads, left_out = captured_run.split(statements)
            requests.append({"path": path, "statements": reads, "left_out": left_out})
            captured["auth"] = captured["auth"] or auth
        captured["available"][name] = bool(requests)
        captured[name] = requests
    (home / "mixes.json").write_text(json.dumps(mixes, ensure_ascii=False))
    (home / "captured.pickle").write_bytes(pickle.dumps(captured))


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
    rows = captured_run.endpoint_table(measured, verdict, ENDPOINTS)
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
    cmd = [PY, str(BENCH / "case_synthetic.py"), "--cases", str(cases), "--seed", str(seed)]
    what = f"{cases:,} synthetic cases (casework.transfer.import_register)"
    load = captured_run.load_synthetic(env, home, cmd, what)
    print(
        f"    {load['cases']:,} cases, {load['events']:,} events: import {load['import_s']:.0f} s "
        f"({load['cases_per_s']:.0f} cases/s)",
        flush=True,
    )
    return load


def _capture(home: Path, args) -> str:
    load = json.loads((home / "load.json").read_text())
    return (
        "import sys, pathlib; sys.path.insert(0, 'benchmarks'); import case_register as c; "
        f"c.prepare(pathlib.Path({str(home)!r}), token={load['credentials']['token']!r}, "
        f"authority={load['measured_authority']!r}, count={args.queries}, "
        f"sample={args.sample}, seed={args.query_seed})"
    )


def _headers(credentials: dict) -> dict:
    token = {"Authorization": f"Bearer {credentials['token']}"}
    return dict.fromkeys(("trivial", *ENDPOINTS), token)


BENCHMARK = captured_run.Bench(
    name="case_register",
    endpoints=ENDPOINTS,
    unit="cases",
    full=100_000,
    quick=10_000,
    seed=100_000,
    load=load_cases,
    capture=_capture,
    headers=_headers,
    verdict_of=verdict_of,
    markdown=markdown,
)


if __name__ == "__main__":
    sys.exit(captured_run.main(BENCHMARK, None, __doc__))
