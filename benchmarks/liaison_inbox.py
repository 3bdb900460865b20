"""The informal channel's inbox and its search under concurrent load, beside the raw SQL they run.

    .venv/bin/python benchmarks/liaison_inbox.py [--quick] [--database-url URL] [...]

1. A fresh COMITY_HOME (SQLite in WAL mode, and the vault's key file), or --database-url (an
   empty, throwaway PostgreSQL database); migrate, load_reference, collectstatic; 1,000,000
   synthetic messages with 1-3 entities each, encrypted by the vault, written with bulk_create
   (benchmarks/liaison_synthetic.py; 60% sent to one FIU, whose reader is the measured user, the
   rest between 40 other police, FIU and asset-recovery contact points). The load is timed.
2. The query mixes (benchmarks/queries.py, one seed): inbox pages (newest first, offsets mostly
   in the first pages), and inbox searches by an account, a name, a company, a telephone number
   or a number plate, spelt as people type them (with and without spaces, in lower and upper
   case, without diacritics, in five scripts), values in thousands of messages, in a few, and in
   none. The inbox page (/liaison/?page=, the same pages) and its search (/liaison/?q=, the
   same values), when the installation has them.
3. Capture: for a sample of each mix (every n-th question), the endpoint is called in-process
   through django.test.Client with the same token (the pages: the same session), and every SQL
   statement it runs is recorded with its parameters (a connection execute_wrapper). The token
   check is kept apart; writes are left out. The plans of the inbox's and the search's main
   statements are kept (EXPLAIN QUERY PLAN; EXPLAIN ANALYZE on PostgreSQL).
4. gunicorn as `make run` starts it (3 sync workers, DEBUG=0), answer cache off. For each
   endpoint, in rounds: a phase of 16 HTTP clients (wrk, or benchmarks/loadgen.py) rotating the
   whole mix; then a raw phase: 16 processes, each with its own database connection, each
   "request" being the captured statements of one sampled question executed in order with their
   rows fetched. Results: benchmarks/results/<timestamp>-liaison_inbox.json.

Target: p95 under 60 ms for the inbox and the search at 16 clients, beside the raw query time
(the pages are measured beside them, with no target of their own).
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import captured as captured_run
from directory_search import BENCH, PY
from loadgen import percentile

ENDPOINTS = {
    "inbox": ("inbox `GET /api/v1/messages?box=inbox&offset=…`", 60.0),
    "search": ("search by account or name `GET /api/v1/messages?box=inbox&q=…`", 60.0),
    "page_inbox": ("inbox page `GET /liaison/?page=…`", 60.0),
    "page_search": ("search page `GET /liaison/?q=…`", 60.0),
}
TARGETED = ("inbox", "search")  # the targets; the pages are measured beside them
PAGE = "/liaison/"
PAGE_SIZE = 50  # comity.liaison.views.boxes
MESSAGE_TABLE = "liaison_message"


# --- In a Django process: the mixes, the statements of each sampled question, the plans --------
def prepare(home: Path, *, load: dict, count: int, sample: int, seed: int) -> None:
    """Write mixes.json (the paths of each endpoint, the kind of each search) and
    captured.pickle (the statements, the in-process time and the matches of each sample)."""
    import django

    django.setup()
    import queries
    from django.test import Client

    from comity.accounts.models import User
    from comity.liaison import selectors

    credentials = load["credentials"]
    user = User.objects.get(username=credentials["username"])
    searches = queries.liaison_searches(count=count, seed=seed + 1, data_seed=load["seed"])
    values = [parse_qs(urlsplit(p).query)["q"][0] for p in searches]
    inbox = queries.liaison_inbox_paths(count=min(count, 200), seed=seed)
    offsets = [int(parse_qs(urlsplit(p).query).get("offset", ["0"])[0]) for p in inbox]
    pages = dict.fromkeys(offset // PAGE_SIZE + 1 for offset in offsets)
    mixes = {
        "inbox": inbox,
        "search": list(searches),
        "page_inbox": [PAGE if n == 1 else f"{PAGE}?page={n}" for n in pages],
        "page_search": [f"{PAGE}?{urlencode({'q': v})}" for v in dict.fromkeys(values)],
    }
    clients = {
        "api": Client(HTTP_AUTHORIZATION=f"Bearer {credentials['token']}", HTTP_HOST="127.0.0.1"),
        "page": Client(HTTP_HOST="127.0.0.1"),
    }
    clients["page"].cookies["sessionid"] = credentials["session"]
    captured: dict = {"auth": [], "available": {}}
    for name, paths in mixes.items():
        page = name.startswith("page")
        client = clients["page" if page else "api"]
        step = max(1, len(paths) // sample)
        requests = []
        for path in paths[::step][:sample]:
            response, statements, took = captured_run.record_get(client, path)
            if response.status_code == 404 and not requests and page:
                break  # no inbox page in this version
            if response.status_code != 200:
                raise SystemExit(
                    f"{path} answered {response.status_code}: {response.content[:300]}"
                )
            auth, reads, left_out = captured_run.split(statements)
            q = parse_qs(urlsplit(path).query).get("q", [""])[0]
            requests.append(
                {
                    "path": path,
                    "statements": reads,
                    "left_out": left_out,
                    "in_process_ms": round(took * 1000, 2),
                    "kind": name if page else searches.get(path, "inbox"),
                    "matches": selectors.messages(user, box="inbox", q=q).count() if q else None,
                }
            )
            if not page:
                captured["auth"] = captured["auth"] or auth
        captured["available"][name] = bool(requests)
        captured[name] = requests
    captured["plans"] = plans(captured)
    (home / "mixes.json").write_text(json.dumps(mixes, ensure_ascii=False))
    (home / "kinds.json").write_text(json.dumps(searches, ensure_ascii=False))
    (home / "captured.pickle").write_bytes(pickle.dumps(captured))


def _main_statement(request: dict) -> tuple | None:
    """The statement that picks the page's messages (FROM liaison_message ... ORDER BY)."""
    for sql, params in request["statements"]:
        if f'FROM "{MESSAGE_TABLE}"' in sql and "ORDER BY" in sql:
            return sql, params
    return None


def plans(captured: dict) -> list[dict]:
    """EXPLAIN of the main statement of a few telling questions: the first and the deepest inbox
    page, the search with the most matches, one with a few, one with none."""
    from django.db import connection

    picked: list[tuple[str, dict]] = []
    inbox = captured.get("inbox") or []
    if inbox:
        offset = lambda r: int(parse_qs(urlsplit(r["path"]).query).get("offset", ["0"])[0])  # noqa: E731
        picked.append(("inbox, first page", min(inbox, key=offset)))
        picked.append(("inbox, deepest page", max(inbox, key=offset)))
    search = [r for r in captured.get("search") or [] if r["matches"] is not None]
    if search:
        by_matches = sorted(search, key=lambda r: r["matches"])
        picked.append(("search, most matches", by_matches[-1]))
        few = [r for r in by_matches if 0 < r["matches"] <= 20]
        if few:
            picked.append(("search, a few matches", few[len(few) // 2]))
        picked.append(("search, no match", by_matches[0]))
    out = []
    for label, request in picked:
        statement = _main_statement(request)
        if statement is None:
            continue
        sql, params = statement
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = [row[0] for row in cursor.fetchall()]
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                plan = [row[-1] for row in cursor.fetchall()]
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            took = time.perf_counter() - started
        out.append(
            {
                "question": label,
                "path": request["path"],
                "matches": request["matches"],
                "statement_ms": round(took * 1000, 2),
                "plan": plan,
            }
        )
    return out


def by_kind(captured: dict) -> list[dict]:
    """The sampled questions of each kind, one at a time in-process: matches and time."""
    groups: dict[str, list[dict]] = {}
    for name in ENDPOINTS:
        for request in captured.get(name) or []:
            groups.setdefault(request["kind"], []).append(request)
    out = []
    for kind, requests in sorted(groups.items()):
        times = sorted(r["in_process_ms"] for r in requests)
        matches = sorted(r["matches"] for r in requests if r["matches"] is not None)
        out.append(
            {
                "kind": kind,
                "questions": len(requests),
                "matches_median": percentile(matches, 50) if matches else None,
                "matches_max": matches[-1] if matches else None,
                "statements": round(sum(len(r["statements"]) for r in requests) / len(requests), 1),
                "in_process_p50_ms": round(percentile(times, 50), 1),
                "in_process_p95_ms": round(percentile(times, 95), 1),
                "in_process_max_ms": round(times[-1], 1),
            }
        )
    return out


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
            "errors_ok": endpoint["errors"] == 0,
        }
    out["pass"] = all(
        name in measured["names"] and out[name]["p95_ok"] and out[name]["errors_ok"]
        for name in TARGETED
    )
    return out


def markdown(measured: dict, verdict: dict, load: dict) -> str:
    rows = captured_run.endpoint_table(measured, verdict, ENDPOINTS)
    for name in measured["names"]:
        v = verdict[name]
        target = "" if name in TARGETED else " (no target of its own)"
        rows.append(
            f"- {name}: p95 **{v['p95_ms']:.1f} ms** (target < {ENDPOINTS[name][1]:.0f} ms"
            f"{target}: {'PASS' if v['p95_ok'] else 'FAIL'}); {v['ratio']:.2f}× the raw SQL p95 "
            f"of {v['raw_p95_ms']:.2f} ms"
        )
    if measured["skipped"]:
        rows.append(f"- not measured (not in this version): {', '.join(measured['skipped'])}")
    rows.append(
        f"- data: {load['messages']:,} messages, {load['entities']:,} entities, "
        f"{load['measured_inbox']:,} in the measured inbox; loaded in {load['load_s']:.0f} s "
        f"({load['messages_per_s']:.0f} messages/s; generating {load['generate_s']:.0f} s, "
        f"encrypting and writing {load['insert_s']:.0f} s, of which encrypting "
        f"{load['values_encrypted']:,} values about {load['encryption_share_s']:.0f} s); "
        f"database {load['database_mb']:,.0f} MB; "
        "mixes " + ", ".join(f"{n} {c}" for n, c in measured["mixes"].items())
    )
    rows += [
        "",
        "| question (sampled, one at a time, in-process) | questions | inbox matches median / max "
        "| statements | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for k in measured["by_kind"]:
        matches = (
            f"{k['matches_median']:,} / {k['matches_max']:,}"
            if k["matches_max"] is not None
            else ""
        )
        rows.append(
            f"| {k['kind']} | {k['questions']} | {matches} | {k['statements']} | "
            f"{k['in_process_p50_ms']} | {k['in_process_p95_ms']} | {k['in_process_max_ms']} |"
        )
    for plan in measured["plans"]:
        rows += [
            "",
            f"{plan['question']} ({plan['matches'] if plan['matches'] is not None else '–'} "
            f"matches; the statement alone {plan['statement_ms']} ms): `{plan['path']}`",
            "",
            *[f"    {line}" for line in plan["plan"]],
        ]
    return "\n".join(rows)


def load_messages(env: dict, home: Path, messages: int, seed: int) -> dict:
    cmd = [PY, str(BENCH / "liaison_synthetic.py"), "--messages", str(messages)]
    what = f"{messages:,} synthetic messages (encrypted, bulk_create)"
    load = captured_run.load_synthetic(env, home, [*cmd, "--seed", str(seed)], what)
    print(
        f"    {load['messages']:,} messages, {load['entities']:,} entities: {load['load_s']:.0f} s "
        f"({load['messages_per_s']:.0f} messages/s), database {load['database_mb']:,.0f} MB",
        flush=True,
    )
    return load


def _capture(home: Path, args) -> str:
    return (
        "import sys, json, pathlib; sys.path.insert(0, 'benchmarks'); import liaison_inbox as c; "
        f"home = pathlib.Path({str(home)!r}); "
        "c.prepare(home, load=json.loads((home / 'load.json').read_text()), "
        f"count={args.queries}, sample={args.sample}, seed={args.query_seed})"
    )


def _headers(credentials: dict) -> dict:
    """The API's endpoints with the token, the site's pages with the session."""
    api = {"Authorization": f"Bearer {credentials['token']}"}
    page = {"Cookie": f"sessionid={credentials['session']}"}
    return {"trivial": api} | {n: page if n.startswith("page") else api for n in ENDPOINTS}


def _extras(captured: dict) -> dict:
    return {"by_kind": by_kind(captured), "plans": captured["plans"]}


BENCHMARK = captured_run.Bench(
    name="liaison_inbox",
    endpoints=ENDPOINTS,
    unit="messages",
    full=1_000_000,
    quick=50_000,
    seed=1_000_000,
    load=load_messages,
    capture=_capture,
    headers=_headers,
    verdict_of=verdict_of,
    markdown=markdown,
    extras=_extras,
)


if __name__ == "__main__":
    sys.exit(captured_run.main(BENCHMARK, None, __doc__))
