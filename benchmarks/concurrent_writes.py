"""Concurrent writes to requests, and a backup taken while they go on.

    .venv/bin/python benchmarks/concurrent_writes.py [--quick] [--database-url URL] [...]

1. A fresh COMITY_HOME (SQLite in WAL mode), or --database-url (an empty, throwaway PostgreSQL
   database); migrate, load_reference, collectstatic, the demo officer and an API token.
2. gunicorn comity.wsgi as `make run` starts it (3 sync workers).
3. Phase "trivial": 16 clients GET /api/v1/health (the baseline of this machine, this run).
4. Phase "same draft": 16 clients PATCH one draft at once, each sending the ETag it last saw
   (If-Match); an answer is 200 (saved) or 409 (someone else saved first: the client reads the new
   ETag from the answer and tries again). Anything else (a 5xx, another 4xx, a dropped connection)
   is an error.
5. Phase "own drafts": 16 clients PATCH a draft each, and create new drafts, for --load-seconds
   (60). --backup-at seconds in, `comity backup` runs beside them. Every acknowledged write is
   noted with the moment its answer arrived.
6. `comity restore` of that backup into a new COMITY_HOME (or a new PostgreSQL database), then, in
   the restored installation: every write acknowledged before the backup started is there (the
   version it was given, with its text), and `comity audit verify` says the chain is intact.
7. Results as JSON in benchmarks/results/ and a markdown summary on stdout.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from directory_search import (
    BENCH,
    MAKE_RUN_WORKERS,
    PY,
    ROOT,
    machine_info,
    manage,
    server_env,
    start_server,
    stop,
)

TRIVIAL = "/api/v1/health"


def python(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Our interpreter in the project folder with `env`, output captured."""
    return subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=True, text=True)


class Client:
    """One keep-alive connection; reconnects when the server closes it (sync gunicorn does)."""

    def __init__(self, port: int, token: str):
        self.port, self.token = port, token
        self.conn: http.client.HTTPConnection | None = None

    def call(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        all_headers = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.conn.request(method, path, body=data, headers=all_headers)
                response = self.conn.getresponse()
                payload = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, response.getheader("ETag"), payload
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt:
                    return 0, None, b""
        return 0, None, b""

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _percentiles(latencies: list[float]) -> dict:
    ordered = sorted(latencies)

    def at(p):
        if not ordered:
            return 0.0
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000, 2)

    return {"p50_ms": at(50), "p95_ms": at(95), "p99_ms": at(99)}


def run_clients(clients: int, seconds: float, work) -> dict:
    """`work(index, deadline, record)` in `clients` threads; the answers they recorded."""
    deadline = time.monotonic() + seconds
    records: list[list] = [[] for _ in range(clients)]
    threads = [
        threading.Thread(target=work, args=(i, deadline, records[i].append)) for i in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    flat = [r for rs in records for r in rs]
    statuses: dict[str, int] = {}
    for r in flat:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    return {"records": flat, "seconds": round(took, 2), "statuses": statuses}


def summary(name: str, result: dict, ok_statuses: set[int]) -> dict:
    records = result["records"]
    errors = sum(1 for r in records if r["status"] not in ok_statuses)
    return {
        "phase": name,
        "requests": len(records),
        "seconds": result["seconds"],
        "rps": round(len(records) / result["seconds"], 1) if result["seconds"] else 0.0,
        **_percentiles([r["latency"] for r in records]),
        "statuses": result["statuses"],
        "errors": errors,
    }


def new_draft(client: Client, reference: str) -> tuple[str, str]:
    status, tag, payload = client.call(
        "POST",
        "/api/v1/requests",
        {"kind": "mla", "requested_state": "DEU", "reference": reference},
    )
    if status != 201:
        raise SystemExit(f"creating a draft answered {status}: {payload[:300]!r}")
    return json.loads(payload)["id"], tag


# --- Phases ----------------------------------------------------------------------------------------
def trivial_phase(port, token, clients, seconds):
    def work(index, deadline, record):
        client = Client(port, token)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _tag, _ = client.call("GET", TRIVIAL)
            record({"status": status, "latency": time.perf_counter() - started})
        client.close()

    return summary("trivial GET /api/v1/health", run_clients(clients, seconds, work), {200})


def same_draft_phase(port, token, clients, seconds):
    setup = Client(port, token)
    draft, first_tag = new_draft(setup, "BENCH-SAME")
    setup.close()

    def work(index, deadline, record):
        client = Client(port, token)
        tag, n = first_tag, 0
        while time.monotonic() < deadline:
            n += 1
            started = time.perf_counter()
            status, new_tag, _payload = client.call(
                "PATCH",
                f"/api/v1/requests/{draft}",
                {"facts": f"client {index} write {n}"},
                {"If-Match": tag},
            )
            record({"status": status, "latency": time.perf_counter() - started})
            if status in (200, 409) and new_tag:
                tag = new_tag  # saved, or refused with the current version: go on from there
        client.close()

    return summary(
        "PATCH one draft, If-Match", run_clients(clients, seconds, work), {200, 409}
    ), draft


def load_with_backup(port, token, clients, seconds, backup_at, env, archive):
    """Writes for `seconds`; a backup starts `backup_at` seconds in. Returns what was acknowledged."""
    setup = Client(port, token)
    drafts = [new_draft(setup, f"BENCH-{i}")[0] for i in range(clients)]
    setup.close()
    backup: dict = {}

    def take_backup():
        time.sleep(backup_at)
        backup["started"] = time.time()
        done = python(env, "manage.py", "backup", str(archive))
        backup["finished"] = time.time()
        backup["returncode"] = done.returncode
        backup["output"] = (done.stdout + done.stderr)[-2000:]

    def work(index, deadline, record):
        client = Client(port, token)
        n = 0
        while time.monotonic() < deadline:
            n += 1
            started = time.perf_counter()
            if n % 10 == 0:  # now and then a new draft too
                reference = f"BENCH-{index}-{n}-{uuid.uuid4().hex[:6]}"
                status, _tag, payload = client.call(
                    "POST",
                    "/api/v1/requests",
                    {"kind": "mla", "requested_state": "DEU", "reference": reference},
                )
                entry = {"kind": "create", "reference": reference}
            else:
                text = f"client {index} write {n}"
                status, _tag, payload = client.call(
                    "PATCH", f"/api/v1/requests/{drafts[index]}", {"facts": text}
                )
                entry = {"kind": "patch", "request": drafts[index], "facts": text}
            record(
                {
                    **entry,
                    "status": status,
                    "latency": time.perf_counter() - started,
                    "acknowledged_at": time.time(),
                    "version": json.loads(payload)["version"] if status in (200, 201) else None,
                }
            )
        client.close()

    backup_thread = threading.Thread(target=take_backup)
    backup_thread.start()
    result = run_clients(clients, seconds, work)
    backup_thread.join()
    return summary("PATCH own drafts + new drafts", result, {200, 201}), result, backup


CHECK = """
import json, sys, django
django.setup()
from comity.audit.services import verify_chain
from comity.drafting.models import Request, RequestVersion
wanted = json.load(open(sys.argv[1]))
versions = {
    (str(r), n): data.get("facts", "")
    for r, n, data in RequestVersion.objects.values_list("request_id", "number", "data")
}
references = set(Request.objects.values_list("reference", flat=True))
missing = [w for w in wanted["patches"] if versions.get((w["request"], w["version"])) != w["facts"]]
missing += [c for c in wanted["creates"] if c["reference"] not in references]
report = verify_chain()
print(json.dumps({"missing": missing[:20], "missing_count": len(missing),
                  "requests": len(references), "versions": len(versions),
                  "audit_intact": report.intact, "audit_entries": report.checked,
                  "audit_problem": report.problem}))
"""


def restore_and_check(env, archive, acknowledged, database_url):
    home = Path(env["COMITY_HOME"]).parent / f"{Path(env['COMITY_HOME']).name}-restored"
    restored_env = {**env, "COMITY_HOME": str(home)}
    if database_url:
        restored_env["DATABASE_URL"] = database_url
    started = time.monotonic()
    done = python(restored_env, "manage.py", "restore", str(archive))
    took = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"restore failed:\n{done.stdout}\n{done.stderr}")
    wanted_file = home / "acknowledged.json"
    wanted_file.write_text(json.dumps(acknowledged))
    check = python(restored_env, "-c", CHECK, str(wanted_file))
    if check.returncode != 0:
        raise SystemExit(f"checking the restored installation failed:\n{check.stderr}")
    found = json.loads(check.stdout.strip().splitlines()[-1])
    verify = python(restored_env, "manage.py", "audit", "verify")
    found["restore_seconds"] = round(took, 1)
    found["audit_verify_exit"] = verify.returncode
    found["audit_verify"] = (verify.stdout + verify.stderr).strip()
    return found


def markdown(result: dict) -> str:
    rows = [
        "| phase, 16 clients | requests/s | p50 ms | p95 ms | p99 ms | answers | errors |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for p in result["phases"]:
        answers = ", ".join(f"{k}: {v}" for k, v in sorted(p["statuses"].items()))
        rows.append(
            f"| {p['phase']} | {p['rps']:.0f} | {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | "
            f"{p['p99_ms']:.1f} | {answers} | {p['errors']} |"
        )
    b, r = result["backup"], result["restored"]
    rows += [
        "",
        f"PATCH throughput ratio to the trivial endpoint: one draft {result['ratios']['same']:.2f}, "
        f"own drafts {result['ratios']['own']:.2f}",
        f"backup: {b['seconds']:.1f} s while the writes went on ({b['size_mb']:.1f} MB); "
        f"{b['acknowledged_before']} writes acknowledged before it started, "
        f"{b['during']} while it ran",
        f"restore: {r['restore_seconds']:.1f} s; writes acknowledged before the backup missing "
        f"from it: **{r['missing_count']}**; audit verify: "
        f"{'intact' if r['audit_verify_exit'] == 0 else 'BROKEN'} ({r['audit_entries']} entries)",
        f"verdict: {'PASS' if result['verdict']['pass'] else 'FAIL'} "
        "(0 errors under concurrent PATCH, nothing acknowledged missing, chain intact)",
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="10 s phases, 20 s of load")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--phase-seconds", type=float, help="trivial and one-draft phases (20)")
    parser.add_argument("--load-seconds", type=float, help="writes around the backup (60)")
    parser.add_argument("--backup-at", type=float, help="seconds into the load (20)")
    parser.add_argument("--workers", type=int, default=MAKE_RUN_WORKERS)
    parser.add_argument("--database-url", default="", help="PostgreSQL; an empty throwaway DB")
    parser.add_argument(
        "--restore-database-url", default="", help="PostgreSQL: an empty DB to restore into"
    )
    parser.add_argument("--results-dir", default=str(BENCH / "results"))
    parser.add_argument("--summary-file", help="also write the result JSON here (for run.py)")
    args = parser.parse_args(argv)
    phase_seconds = args.phase_seconds or (10.0 if args.quick else 20.0)
    load_seconds = args.load_seconds or (20.0 if args.quick else 60.0)
    backup_at = args.backup_at or (5.0 if args.quick else 20.0)
    if args.database_url and not args.restore_database_url:
        raise SystemExit("--database-url needs --restore-database-url (an empty database)")

    home, env = server_env(
        prefix="comity-bench-writes-", database_url=args.database_url, no_cache=False
    )
    env["SECRET_KEY"] = "bench-" + uuid.uuid4().hex * 2  # the restored home uses the same one
    server = log = None
    try:
        print(f"==> temporary COMITY_HOME {home}", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_reference")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "demo")
        token = next(
            word
            for word in manage(env, "token", "create", "demo", "--name", "bench").split()
            if word.startswith("cmt_")
        )
        server, port, log = start_server(home, env, workers=args.workers)

        print(f"==> {args.clients} clients", flush=True)
        trivial = trivial_phase(port, token, args.clients, phase_seconds)
        print(f"    {trivial}", flush=True)
        same, _draft = same_draft_phase(port, token, args.clients, phase_seconds)
        print(f"    {same}", flush=True)
        archive = home.parent / f"{home.name}-backup.tar.gz"
        own, raw, backup = load_with_backup(
            port, token, args.clients, load_seconds, backup_at, env, archive
        )
        print(f"    {own}", flush=True)
        if backup.get("returncode") != 0:
            raise SystemExit(f"comity backup failed:\n{backup.get('output')}")
        before = [
            r for r in raw["records"] if r["acknowledged_at"] < backup["started"] and r["version"]
        ]
        during = [
            r
            for r in raw["records"]
            if backup["started"] <= r["acknowledged_at"] <= backup["finished"]
        ]
        acknowledged = {
            "patches": [
                {"request": r["request"], "version": r["version"], "facts": r["facts"]}
                for r in before
                if r["kind"] == "patch"
            ],
            "creates": [{"reference": r["reference"]} for r in before if r["kind"] == "create"],
        }
        stop(server)
        server = None
        print("==> restoring the backup into a new home", flush=True)
        restored = restore_and_check(env, archive, acknowledged, args.restore_database_url)
        result = {
            "benchmark": "concurrent_writes",
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": machine_info("postgresql" if args.database_url else "sqlite"),
            "settings": {
                "clients": args.clients,
                "load_tool": "threads in benchmarks/concurrent_writes.py",
                "gunicorn": f"comity.wsgi --workers {args.workers} (sync)",
                "phase_seconds": phase_seconds,
                "load_seconds": load_seconds,
                "backup_at": backup_at,
            },
            "phases": [trivial, same, own],
            "ratios": {
                "same": round(same["rps"] / trivial["rps"], 3),
                "own": round(own["rps"] / trivial["rps"], 3),
            },
            "backup": {
                "seconds": round(backup["finished"] - backup["started"], 2),
                "size_mb": round(archive.stat().st_size / 1e6, 2),
                "acknowledged_before": len(before),
                "during": len(during),
            },
            "restored": restored,
        }
        result["verdict"] = {
            "pass": same["errors"] == 0
            and own["errors"] == 0
            and trivial["errors"] == 0
            and restored["missing_count"] == 0
            and restored["audit_verify_exit"] == 0
        }
        result["markdown"] = markdown(result)
        results = Path(args.results_dir)
        results.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        (results / f"{stamp}-concurrent_writes.json").write_text(json.dumps(result, indent=2))
        if args.summary_file:
            Path(args.summary_file).write_text(json.dumps(result))
        print("\n" + result["markdown"])
        return 0 if result["verdict"]["pass"] else 1
    finally:
        stop(server)
        if log is not None:
            log.close()
        for leftover in (home, home.parent / f"{home.name}-restored"):
            shutil.rmtree(leftover, ignore_errors=True)
        (home.parent / f"{home.name}-backup.tar.gz").unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
