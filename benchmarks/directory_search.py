"""Directory search, API and page, under concurrent load, beside a trivial endpoint of the same server.

    .venv/bin/python benchmarks/directory_search.py [--quick] [--database-url URL] [...]

1. A fresh COMITY_HOME in a temporary folder (SQLite in WAL mode), or --database-url (PostgreSQL;
   give an empty, throwaway database: the benchmark writes 20,000 entries into it).
2. migrate, load_reference, collectstatic; 20,000 synthetic authorities through the real import
   path (benchmarks/synthetic.py); a viewer with an API token and a browser session, an officer
   with an API token.
3. The query mix (benchmarks/queries.py): 2,400 distinct searches drawn from States, kinds,
   competences, instruments, languages, channels, words and parts of words in five scripts, pages
   further down; the same filters as 25-entry pages of /directory/.
4. Twice, on the same data: gunicorn comity.wsgi as `make run` starts it (3 sync workers,
   DEBUG=0), once with the answer cache off (COMITY_ANSWER_CACHE=0, what the targets judge) and
   once with it on. In each, a load generator in its own process (wrk when installed, else
   benchmarks/loadgen.py), 16 concurrent clients: warm-up, then rounds of fixed-duration phases
   trivial / search API / search page, then the search API and the page again while an officer
   saves a draft every second (an audited write). Any response other than 200 is an error.
5. Results as JSON in benchmarks/results/<timestamp>-directory_search.json, tables on stdout.

gunicorn and the temporary folder are removed in every case (try/finally).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import queries

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PY = sys.executable
TRIVIAL = "/api/v1/health"
SEARCH = "/api/v1/authorities"
PAGE = "/directory/"
TARGET_RATIO = 0.25
TARGET_P95_MS = 30.0
TARGET_PAGE_P95_MS = 60.0
MAKE_RUN_WORKERS = 3  # `make run`: gunicorn comity.wsgi --workers 3 (sync worker class)

WRK_SCRIPT = """
local paths = %(paths)s
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  counter = (tid or 1) * 7
  non200 = 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get("non200") or 0) end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON{"requests":%%d,"duration_us":%%d,"non200":%%d,"connect":%%d,"read":%%d,' ..
    '"write":%%d,"timeout":%%d,"p50":%%d,"p95":%%d,"p99":%%d,"max":%%d}\\n',
    summary.requests, summary.duration, n, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


# --- Machine --------------------------------------------------------------------------------
def machine_info(db_vendor: str) -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {
        name: metadata.version(name) for name in ("django", "django-ninja", "pydantic", "gunicorn")
    }
    memory = ""
    with contextlib.suppress(OSError, IndexError):
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    return {
        "cpu_model": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": versions["django"],
        "django_ninja": versions["django-ninja"],
        "pydantic": versions["pydantic"],
        "gunicorn": versions["gunicorn"],
        "db_vendor": db_vendor,
    }


def server_env(*, prefix: str, database_url: str, no_cache: bool) -> tuple[Path, dict]:
    """A fresh temporary COMITY_HOME and the environment a benchmarked server runs with."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(
        COMITY_HOME=str(home),
        DJANGO_SETTINGS_MODULE="comity.settings",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        COMITY_ENV="local",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if no_cache:
        env["COMITY_ANSWER_CACHE"] = "0"
    return home, env


# --- Processes ------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children that are still alive (gunicorn workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    pids.append(int(entry.name))
    total = 0.0
    for p in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if get(port, TRIVIAL)[0] == 200:
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /api/v1/health within 60 s")


def stop(server: subprocess.Popen | None) -> None:
    """Stop gunicorn (master and workers: its own process group) and wait for it."""
    if server is None or server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


# --- Load -----------------------------------------------------------------------------------
def load_phase(
    tool: str,
    *,
    port: int,
    paths: list[str],
    headers: dict,
    clients: int,
    duration: float,
    workdir: Path,
) -> dict:
    """One fixed-duration phase in a separate process; returns requests/s, percentiles, errors."""
    limit = duration + 30  # the subprocess is bounded in time, whatever happens
    if tool == "wrk":
        script = workdir / "rotate.lua"
        lua_paths = "{" + ", ".join(json.dumps(p) for p in paths) + "}"
        script.write_text(WRK_SCRIPT % {"paths": lua_paths})
        cmd = [
            "wrk",
            f"-t{min(2, clients)}",
            f"-c{clients}",
            f"-d{max(1, round(duration))}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
        ]
        for name, value in headers.items():
            cmd += ["-H", f"{name}: {value}"]
        cmd.append(f"http://127.0.0.1:{port}")
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit)
        line = next((x for x in done.stdout.splitlines() if x.startswith("WRKJSON")), None)
        if done.returncode != 0 or line is None:
            raise SystemExit(f"wrk failed:\n{done.stdout}\n{done.stderr}")
        raw = json.loads(line[len("WRKJSON") :])
        seconds = raw["duration_us"] / 1e6
        socket_errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
        return {
            "tool": "wrk",
            "requests": raw["requests"],
            "seconds": round(seconds, 3),
            "rps": round(raw["requests"] / seconds, 1),
            "errors": raw["non200"] + socket_errors,
            "errors_by_kind": {
                "non_200": raw["non200"],
                **{k: raw[k] for k in ("connect", "read", "write", "timeout") if raw[k]},
            },
            "p50_ms": round(raw["p50"] / 1000, 2),
            "p95_ms": round(raw["p95"] / 1000, 2),
            "p99_ms": round(raw["p99"] / 1000, 2),
            "max_ms": round(raw["max"] / 1000, 2),
        }
    paths_file = workdir / "paths.json"
    paths_file.write_text(json.dumps(paths))
    cmd = [
        PY,
        str(BENCH / "loadgen.py"),
        "--port",
        str(port),
        "--paths-file",
        str(paths_file),
        "--clients",
        str(clients),
        "--duration",
        str(duration),
    ]
    for name, value in headers.items():
        cmd += ["--header", f"{name}: {value}"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit)
    if done.returncode != 0:
        raise SystemExit(f"loadgen failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout)


def measured_phase(tool: str, server, name: str, **load) -> dict:
    """One load phase (see load_phase) with the server's CPU time, printed as it ends."""
    cpu_before = process_cpu_seconds(server.pid)
    result = load_phase(tool, **load)
    result["server_cpu_s"] = round(process_cpu_seconds(server.pid) - cpu_before, 3)
    result["endpoint"] = name
    print(
        f"    {name:12} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:6.1f}  "
        f"p95 {result['p95_ms']:6.1f}  p99 {result['p99_ms']:6.1f} ms  "
        f"errors {result['errors']}",
        flush=True,
    )
    return result


def start_server(home: Path, env: dict, *, workers: int, threads: int = 0):
    """gunicorn comity.wsgi on a free loopback port, as `make run` starts it: (process, port, log)."""
    port = free_port()
    cmd = [
        str(Path(PY).parent / "gunicorn"),
        "comity.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    if threads:
        cmd += ["--threads", str(threads)]
    print(f"==> {' '.join(cmd[1:])}", flush=True)
    log = (home / "gunicorn.log").open("w")
    server = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    wait_until_up(port, server)
    return server, port, log


def summarise(phases: list[dict]) -> dict:
    """Throughput over all phases of an endpoint; the worst phase's percentiles (conservative)."""
    requests = sum(p["requests"] for p in phases)
    seconds = sum(p["seconds"] for p in phases)
    cpu = sum(p["server_cpu_s"] for p in phases)
    return {
        "requests": requests,
        "seconds": round(seconds, 3),
        "rps": round(requests / seconds, 1) if seconds else 0.0,
        "p50_ms": max(p["p50_ms"] for p in phases),
        "p95_ms": max(p["p95_ms"] for p in phases),
        "p99_ms": max(p["p99_ms"] for p in phases),
        "errors": sum(p["errors"] for p in phases),
        "server_cpu_ms_per_request": round(cpu / requests * 1000, 3) if requests else None,
    }


class Writer:
    """One audited write per second while a phase runs: an officer saves a draft (PATCH), as
    officers do all day. Each save is a change in the audit log; it must not slow the searches."""

    def __init__(self, port: int, token: str):
        self.port, self.token = port, token
        self.statuses: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.draft = ""

    def _call(self, method: str, path: str, body: dict) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
            conn.request(method, path, body=json.dumps(body).encode(), headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            return 0, b""
        finally:
            conn.close()

    def start(self) -> None:
        status, body = self._call(
            "POST", "/api/v1/requests", {"kind": "mla", "requested_state": "DEU", "reference": "B"}
        )
        if status != 201:
            raise SystemExit(f"creating the writer's draft answered {status}: {body[:300]!r}")
        self.draft = json.loads(body)["id"]
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        n = 0
        while not self._stop.wait(1.0):
            n += 1
            status, _ = self._call("PATCH", f"/api/v1/requests/{self.draft}", {"facts": f"w{n}"})
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1

    def stop(self) -> dict:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
        return dict(self.statuses)


def save_result(result: dict, name: str, args, started_at) -> Path:
    """Write a benchmark's result JSON (and run.py's summary file), print its tables; the path."""
    out_dir = Path(args.results_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{started_at:%Y%m%dT%H%M%SZ}-{name}.json"
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    if args.summary_file:
        Path(args.summary_file).write_text(json.dumps(result, ensure_ascii=False))
    print()
    print(result["markdown"])
    print(f"\nresults: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return out


def leave_home(home: Path, keep: bool) -> None:
    """Remove a benchmark's COMITY_HOME, or say where it is kept (--keep-home)."""
    if keep:
        print(f"kept {home} (remove it when done)")
    else:
        shutil.rmtree(home, ignore_errors=True)


def page_paths(countries: list[str], *, count: int, seed: int) -> list[str]:
    """The directory search page for a query mix: the same filters, pages of 25."""
    out = []
    for path in queries.directory_paths(countries, count=count, seed=seed):
        params = dict(parse_qsl(urlsplit(path).query))
        offset = int(params.pop("offset", 0))
        params.pop("limit", None)
        if params.pop("stale", None):
            params["stale"] = "1"
        if offset:
            params["page"] = str(offset // 25 + 1)
        out.append(f"{PAGE}?{urlencode(params)}")
    return list(dict.fromkeys(out))


ROWS = [
    ("trivial", f"trivial `GET {TRIVIAL}`"),
    ("search", f"search `GET {SEARCH}?…`"),
    ("page", f"search page `GET {PAGE}?…`"),
    ("search_writes", "search API, one draft saved per second"),
    ("page_writes", "search page, one draft saved per second"),
]


def table(endpoints: dict, rows_of=None) -> list[str]:
    """A markdown table of `endpoints` (name -> summarise()), in the order and with the labels
    of `rows_of` (default ROWS), each with its throughput ratio to the trivial endpoint."""
    trivial = endpoints["trivial"]["rps"]
    rows = [
        "| endpoint | requests/s | ratio to trivial | p50 ms | p95 ms | p99 ms | errors "
        "| server CPU ms/request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in rows_of or ROWS:
        e = endpoints.get(key)
        if e is None:
            continue
        ratio = e["rps"] / trivial if trivial else 0.0
        rows.append(
            f"| {label} | {e['rps']:.0f} | {ratio:.2f} | {e['p50_ms']:.1f} | {e['p95_ms']:.1f} | "
            f"{e['p99_ms']:.1f} | {e['errors']} | {e['server_cpu_ms_per_request']:.2f} |"
        )
    return rows


def verdict_of(endpoints: dict) -> dict:
    """The targets, judged on the answers computed without the cache."""
    trivial, search, page = endpoints["trivial"], endpoints["search"], endpoints["page"]
    ratio = search["rps"] / trivial["rps"] if trivial["rps"] else 0.0
    v = {
        "ratio": round(ratio, 3),
        "ratio_ok": ratio >= TARGET_RATIO,
        "p95_ok": search["p95_ms"] < TARGET_P95_MS,
        "page_p95_ok": page["p95_ms"] < TARGET_PAGE_P95_MS,
        "errors_ok": all(e["errors"] == 0 for e in endpoints.values()),
    }
    v["pass"] = all(v[k] for k in ("ratio_ok", "p95_ok", "page_p95_ok", "errors_ok"))
    return v


def markdown(result: dict) -> str:
    rows = []
    for mode in ("cache_off", "cache_on"):
        rows += [
            f"**{'answer cache off' if mode == 'cache_off' else 'answer cache on'}**",
            "",
            *table(result["modes"][mode]["endpoints"]),
            "",
        ]
    v = result["verdict"]
    off = result["modes"]["cache_off"]["endpoints"]
    rows += [
        f"cache off: search/trivial throughput ratio **{v['ratio']:.2f}** "
        f"(target ≥ {TARGET_RATIO:.2f}: {'PASS' if v['ratio_ok'] else 'FAIL'}); "
        f"search p95 **{off['search']['p95_ms']:.1f} ms** "
        f"(target < {TARGET_P95_MS:.0f} ms: {'PASS' if v['p95_ok'] else 'FAIL'}); "
        f"page p95 **{off['page']['p95_ms']:.1f} ms** "
        f"(target < {TARGET_PAGE_P95_MS:.0f} ms: {'PASS' if v['page_p95_ok'] else 'FAIL'}); "
        f"errors: {'none' if v['errors_ok'] else 'SOME (FAIL)'}",
        f"query mix: {result['settings']['queries']} distinct searches, "
        f"{result['settings']['pages']} distinct pages (benchmarks/queries.py, seed "
        f"{result['settings']['query_seed']})",
    ]
    return "\n".join(rows)


def run_mode(mode: str, *, args, tool, home, env, endpoints: dict, writer_token: str) -> dict:
    """Start gunicorn with the answer cache on or off and measure every phase against it.

    `endpoints`: name -> (paths, headers), "trivial" first. Each is measured in args.rounds
    phases; every endpoint but the trivial one once more while a Writer saves a draft each
    second (phase "<name>_writes")."""
    run_env = {**env, "COMITY_ANSWER_CACHE": "1" if mode == "cache_on" else "0"}
    server, port, log = start_server(home, run_env, workers=args.workers, threads=args.threads)
    try:
        if mode == "cache_off":  # every question answers 200 (not in cache_on: it would fill it)
            for endpoint_paths, headers in endpoints.values():
                for path in endpoint_paths:
                    status, body = get(port, path, headers)
                    if status != 200:
                        raise SystemExit(f"{path} answered {status}: {body[:300]!r}")

        def phase(name: str, seconds: float, endpoint: str | None = None) -> dict:
            endpoint_paths, headers = endpoints[endpoint or name]
            return measured_phase(
                tool,
                server,
                f"{mode}:{name}",
                port=port,
                paths=endpoint_paths,
                headers=headers,
                clients=args.clients,
                duration=seconds,
                workdir=home,
            )

        print(f"==> {mode}: warm-up {args.warmup_s:.0f} s per endpoint", flush=True)
        for name in endpoints:
            phase(name, args.warmup_s)
        phases: dict[str, list[dict]] = {name: [] for name in endpoints}
        for _ in range(args.rounds):
            for name in endpoints:
                phases[name].append(phase(name, args.duration_s))
        writer = Writer(port, writer_token)
        writer.start()
        for name in endpoints:
            if name != "trivial":
                phases[f"{name}_writes"] = [phase(f"{name}_writes", args.duration_s, name)]
        writes = writer.stop()
        if server.poll() is not None:
            raise SystemExit("gunicorn died during the run")
        if set(writes) != {"200"}:
            raise SystemExit(f"the saves during the load answered {writes}")
        return {
            "phases": phases,
            "endpoints": {name: summarise(ps) for name, ps in phases.items()},
            "writes": writes,
        }
    finally:
        stop(server)
        log.close()


# --- Main -----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="5 s phases, 2 s warm-up")
    parser.add_argument("--duration", type=float, help="seconds per phase (default 15; quick 5)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per endpoint (3; quick 2)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of phases (default 2)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=2_400, help="distinct searches (2,400)")
    parser.add_argument("--query-seed", type=int, default=2026, help="seed of the query mix")
    parser.add_argument("--workers", type=int, default=MAKE_RUN_WORKERS)
    parser.add_argument("--threads", type=int, default=0, help="gunicorn --threads (0: sync)")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--database-url", default="", help="PostgreSQL; an empty throwaway DB")
    parser.add_argument("--results-dir", default=str(BENCH / "results"))
    parser.add_argument(
        "--keep-home", action="store_true", help="keep the loaded COMITY_HOME (for profiling)"
    )
    parser.add_argument(
        "--only", choices=("cache_on", "cache_off"), help="measure one mode only (profiling)"
    )
    parser.add_argument(
        "--home", help="measure a home kept by an earlier --keep-home run (no loading; profiling)"
    )
    parser.add_argument("--summary-file", help="also write the result JSON here (for run.py)")
    args = parser.parse_args(argv)
    args.duration_s = args.duration or (5.0 if args.quick else 15.0)
    args.warmup_s = args.warmup if args.warmup is not None else (2.0 if args.quick else 3.0)
    tool = args.client
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "python"
    if tool == "wrk" and not shutil.which("wrk"):
        raise SystemExit("--client wrk: wrk is not installed")

    home, env = server_env(prefix="comity-bench-", database_url=args.database_url, no_cache=False)
    if args.home:
        shutil.rmtree(home)
        home = Path(args.home)
        env["COMITY_HOME"] = str(home)
        args.keep_home = True
    started_at = datetime.datetime.now(datetime.UTC)
    try:
        print(f"==> COMITY_HOME {home}", flush=True)
        if args.home:
            load = json.loads((home / "load.json").read_text())
            return measure(args, tool, home, env, load, started_at)
        manage(env, "migrate", "--noinput")
        manage(env, "load_reference")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        print(f"==> loading {args.rows} synthetic authorities (import path)", flush=True)
        info_file = home / "load.json"
        done = subprocess.run(
            [
                PY,
                str(BENCH / "synthetic.py"),
                "--rows",
                str(args.rows),
                "--seed",
                str(args.seed),
                "--out",
                str(info_file),
            ],
            cwd=ROOT,
            env=env,
            timeout=1800,
        )
        if done.returncode != 0:
            raise SystemExit("synthetic data load failed")
        load = json.loads(info_file.read_text())
        print(
            f"    {load['method']}: sample {load['import_sample']['rows_per_s']:.0f} rows/s, "
            f"total {load['total_s']:.0f} s",
            flush=True,
        )
        return measure(args, tool, home, env, load, started_at)
    finally:
        if args.keep_home:
            print(f"kept {home} (remove it when done)")
        else:
            shutil.rmtree(home, ignore_errors=True)


def measure(args, tool: str, home: Path, env: dict, load: dict, started_at) -> int:
    """Both modes against a loaded home; the result JSON and tables."""
    credentials = load.pop("credentials")
    countries = load["values"]["countries"]
    paths = queries.directory_paths(countries, count=args.queries, seed=args.query_seed)
    pages = page_paths(countries, count=args.queries, seed=args.query_seed + 1)
    print(f"==> {len(paths)} searches, {len(pages)} pages; load: {tool}", flush=True)
    api = {"Authorization": f"Bearer {credentials['token']}"}
    browser = {"Cookie": f"sessionid={credentials['session']}"}
    endpoints = {"trivial": ([TRIVIAL], {}), "search": (paths, api), "page": (pages, browser)}
    modes = {}
    for mode in ("cache_off", "cache_on"):
        if args.only and mode != args.only:
            continue
        modes[mode] = run_mode(
            mode,
            args=args,
            tool=tool,
            home=home,
            env=env,
            endpoints=endpoints,
            writer_token=credentials["officer_token"],
        )
    gunicorn = f"comity.wsgi --workers {args.workers}" + (
        f" --threads {args.threads}" if args.threads else " (sync)"
    )
    result = {
        "benchmark": "directory_search",
        "started_at": started_at.isoformat(timespec="seconds"),
        "machine": machine_info(load["db_vendor"]),
        "settings": {
            "clients": args.clients,
            "phase_seconds": args.duration_s,
            "warmup_seconds": args.warmup_s,
            "rounds": args.rounds,
            "load_tool": tool,
            "gunicorn": gunicorn,
            "debug": False,
            "quick": args.quick,
            "queries": len(paths),
            "pages": len(pages),
            "query_seed": args.query_seed,
        },
        "targets": {
            "ratio_min": TARGET_RATIO,
            "search_p95_ms_max": TARGET_P95_MS,
            "page_p95_ms_max": TARGET_PAGE_P95_MS,
        },
        "data": load,
        "modes": modes,
    }
    if "cache_off" in modes:
        result["verdict"] = verdict_of(modes["cache_off"]["endpoints"])
    else:
        result["verdict"] = {"pass": False, "note": "cache_off not measured (--only)"}
    if len(modes) == 2:
        result["markdown"] = markdown(result)
    else:
        result["markdown"] = "\n".join(table(next(iter(modes.values()))["endpoints"]))
    save_result(result, "directory_search", args, started_at)
    return 0


if __name__ == "__main__":
    sys.exit(main())
