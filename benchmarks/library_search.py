"""Library search on a million documents: the engine alone, comity's layer, and HTTP, side by side.

    .venv/bin/python benchmarks/library_search.py [--quick] [--database-url URL] [...]

1. A fresh COMITY_HOME in a temporary folder (SQLite, the embedded Tantivy engine), or
   --database-url (an empty, throwaway PostgreSQL database, the postgresql engine: tsvector and
   GIN in the database). migrate, load_reference, collectstatic.
2. 1,000,000 synthetic documents (--quick: 50,000; comity.library.synthetic: ~150 words each in
   seven languages, example data) written in bulk, then indexed (library.indexing.reindex). The
   row loading and the indexing are timed apart; the index's size on disk (embedded) or the
   engine table's size with its indexes (PostgreSQL) is reported. On PostgreSQL the two tables are
   then vacuumed and analysed, as after any bulk load (timed too).
3. A fixed query set (QUERIES below, 315 queries from one seed): single words, 2–4 words,
   "phrases", prefix*, a word and -excluded words, in the seven languages, with words drawn from
   the vocabularies' common, medium and rare ranks; about a third narrowed by type, State, crime,
   language or a range of years. Every query asks for 10 results with facets and snippets.
4. In one process (no server running), each query `--repeat` times, the measures interleaved
   (which runs first rotates):
   (a)  the raw engine: embedded, `Engine.search(parsed, filters, ["public"], limit=10,
        facets=True)` (top 10, count, facets; one PendingIndex.exists() check); PostgreSQL, the
        statement that Engine.search runs, executed alone on the same connection;
   (a') embedded: the same without the PendingIndex check (searcher, compile, search,
        facet_counts called directly); PostgreSQL: Engine.search itself (SQL built and answered);
   (b)  comity's layer: selectors.search(AnonymousUser(), Params(q, filters, limit=10)): parsing,
        access keys, the engine, the 10 documents read from the database, snippets, labels;
        between the request signals' handlers of comity.core.generations, as a served request
        (outside a request, every country label would read the data generations again).
   And, once per query, where the engine's time goes (embedded: compiling the query, the top 10,
   the count, the facet aggregation; PostgreSQL: the statement without and with its facets).
5. HTTP through gunicorn as `make run` starts it (3 sync workers, DEBUG=0, answer cache off):
   every query once (each must answer 200), a warm-up with 8 clients, then 1 client and 8
   clients, each rotating through the query set (wrk, or benchmarks/loadgen.py). A phase lasts
   --duration seconds, or longer when one rotation of the set needs longer (estimated from (b)).
6. Results: benchmarks/results/<timestamp>-library_search.json; tables on stdout.

Targets: HTTP with 8 clients p95 ≤ 50 ms with the embedded engine, ≤ 200 ms with PostgreSQL;
comity's layer adds under 30% to the raw engine ((b)/(a) < 1.3 at p50 and at p95).

gunicorn and the temporary folder are removed in every case (try/finally).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode

from directory_search import (
    BENCH,
    MAKE_RUN_WORKERS,
    PY,
    ROOT,
    get,
    leave_home,
    machine_info,
    manage,
    measured_phase,
    save_result,
    server_env,
    start_server,
    stop,
)
from loadgen import percentile

SEARCH = "/api/v1/library/search"
DOCUMENTS = 1_000_000
QUICK_DOCUMENTS = 50_000
DATA_SEED = 1
QUERY_SEED = 2026
LIMIT = 10
TARGET_HTTP_P95_MS = {"embedded": 50.0, "postgresql": 200.0}
TARGET_LAYER_RATIO = 1.3
CLIENTS = (1, 8)
VOCABULARY = ROOT / "comity" / "library" / "synthetic" / "vocabulary"

# --- The query set ------------------------------------------------------------------------------
LANGUAGES = ("en", "fr", "es", "ru", "uk", "ar", "zh")
KINDS = ("word", "words", "phrase", "prefix", "exclude")
# Ranks (0 = the most frequent word) of each frequency band of the vocabularies.
BANDS = {"common": (0, 30), "medium": (30, 300), "rare": (300, None)}
PER_CELL = 3  # queries per language, kind and band: 7 * 5 * 3 * 3 = 315
FILTERED_SHARE = 1 / 3
TYPES = ("legislation", "case", "publication")
CRIMES = (
    "corruption",
    "cybercrime",
    "drug_offences",
    "money_laundering",
    "organized_criminal_group",
    "smuggling_of_migrants",
    "firearms",
    "trafficking_in_persons",
    "terrorism",
    "wildlife_crime",
)


def vocabulary(language: str) -> list[str]:
    text = (VOCABULARY / f"{language}.txt").read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip()]


def query_set(seed: int = QUERY_SEED) -> list[dict]:
    """The fixed, deterministic query set: {q, language, kind, band, filters, year_from, year_to}."""
    from comity.library.synthetic import LANGUAGE_STATES, STATES

    rng = random.Random(seed)
    out = []
    for language in LANGUAGES:
        words = vocabulary(language)
        for kind in KINDS:
            for band, (low, high) in BANDS.items():
                pool = words[low:high]
                for _ in range(PER_CELL):
                    query = {
                        "q": _query_text(rng, kind, pool, language),
                        "language": language,
                        "kind": kind,
                        "band": band,
                        "filters": {},
                        "year_from": None,
                        "year_to": None,
                    }
                    if rng.random() < FILTERED_SHARE:
                        _add_filters(rng, query, [*LANGUAGE_STATES[language], *STATES[:10]])
                    out.append(query)
    return out


def _query_text(rng: random.Random, kind: str, pool: list[str], language: str) -> str:
    joiner = "" if language == "zh" else " "
    if kind == "word":
        return rng.choice(pool)
    if kind == "words":
        return " ".join(rng.sample(pool, rng.randint(2, 4)))
    if kind == "phrase":
        return '"' + joiner.join(rng.sample(pool, rng.randint(2, 3))) + '"'
    if kind == "prefix":
        word = rng.choice([w for w in pool if len(w) >= 2])
        keep = 2 if language == "zh" else max(3, round(len(word) * 0.6))
        return word[: min(keep, len(word))] + "*"
    first, *excluded = rng.sample(pool, rng.randint(2, 3))
    return " ".join([first, *(f"-{w}" for w in excluded)])


def _add_filters(rng: random.Random, query: dict, states: list[str]) -> None:
    for name in rng.sample(("type", "country", "crime", "language", "years"), rng.randint(1, 2)):
        if name == "type":
            query["filters"]["type"] = [rng.choice(TYPES)]
        elif name == "country":
            query["filters"]["country"] = [rng.choice(states)]
        elif name == "crime":
            query["filters"]["crime"] = [rng.choice(CRIMES)]
        elif name == "language":
            same = rng.random() < 0.75
            query["filters"]["language"] = [query["language"] if same else rng.choice(LANGUAGES)]
        else:
            start = rng.randint(1990, 2022)
            query["year_from"], query["year_to"] = start, min(2026, start + rng.randint(2, 10))


def http_path(query: dict) -> str:
    params = [("q", query["q"])]
    for name, values in query["filters"].items():
        params += [(name, value) for value in values]
    for name in ("year_from", "year_to"):
        if query[name]:
            params.append((name, query[name]))
    params.append(("limit", LIMIT))
    return f"{SEARCH}?{urlencode(params)}"


def label(query: dict) -> str:
    parts = [query["q"]]
    parts += [f"{n}={','.join(v)}" for n, v in query["filters"].items()]
    if query["year_from"]:
        parts.append(f"years={query['year_from']}-{query['year_to']}")
    return " ".join(parts)


# --- Child: loading (in a Django process) ------------------------------------------------------
def child_load(home: Path, *, documents: int, seed: int) -> None:
    """Write load.json: the load's and the indexing's times, sizes, versions."""
    import django

    django.setup()
    from django.db import connection

    from comity.library import indexing, synthetic
    from comity.library.search import engine_name

    engine = engine_name()
    print(f"==> {documents:,} synthetic documents ({engine} engine)", flush=True)
    started = time.perf_counter()

    def progress(done):
        if done % 100_000 == 0 or done == documents:
            took = time.perf_counter() - started
            print(f"    {done:>9,} rows  {took:7.1f} s", flush=True)

    loaded = synthetic.load(documents, seed=seed, index=False, progress=progress)
    print(f"    rows loaded in {loaded['load_s']:.1f} s; indexing", flush=True)
    started = time.perf_counter()

    def indexed(done):
        if done % 100_000 == 0:
            took = time.perf_counter() - started
            print(f"    {done:>9,} indexed  {took:7.1f} s", flush=True)

    counts = indexing.reindex(progress=indexed)
    index_s = time.perf_counter() - started
    print(f"    indexed in {index_s:.1f} s: {counts}", flush=True)
    info = {
        "documents": loaded["documents"],
        "seed": seed,
        "engine": engine,
        "db_vendor": connection.vendor,
        "load_s": loaded["load_s"],
        "load_docs_per_s": round(loaded["documents"] / loaded["load_s"], 1),
        "index_s": round(index_s, 3),
        "index_docs_per_s": round(loaded["documents"] / index_s, 1),
        "indexed": counts,
    }
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE library_document")
            cursor.execute("VACUUM ANALYZE library_searchrow")
        info["vacuum_analyze_s"] = round(time.perf_counter() - started, 3)
        info["sizes"] = postgres_sizes()
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["database_version"] = "PostgreSQL " + cursor.fetchone()[0]
    else:
        from django.conf import settings

        index_dir = Path(settings.COMITY_LIBRARY_INDEX)
        database = Path(settings.DATABASES["default"]["NAME"])
        info["sizes"] = {
            "index_bytes": folder_size(index_dir),
            "index_files": sum(1 for p in index_dir.rglob("*") if p.is_file()),
            "database_bytes": sum(
                p.stat().st_size for p in database.parent.glob(database.name + "*") if p.is_file()
            ),
        }
        info["database_version"] = "SQLite " + sqlite3.sqlite_version
    info["tantivy"] = metadata.version("tantivy")
    (home / "load.json").write_text(json.dumps(info, indent=1))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def postgres_sizes() -> dict:
    from django.db import connection

    sql = {
        "searchrow_total_bytes": "pg_total_relation_size('library_searchrow')",
        "searchrow_table_bytes": "pg_table_size('library_searchrow')",
        "searchrow_indexes_bytes": "pg_indexes_size('library_searchrow')",
        "searchrow_vector_gin_bytes": "pg_relation_size('library_searchrow_vector')",
        "searchrow_facets_gin_bytes": "pg_relation_size('library_searchrow_facets')",
        "document_total_bytes": "pg_total_relation_size('library_document')",
        "database_bytes": "pg_database_size(current_database())",
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(sql.values()))
        return dict(zip(sql, cursor.fetchone(), strict=True))


# --- Child: in-process measures ------------------------------------------------------------------
def child_measure(home: Path, *, repeat: int, seed: int) -> None:
    """Write inprocess.json: (a), (a') and (b) per query, interleaved, and the breakdown."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.utils import translation

    from comity.library import query as query_module
    from comity.library import search as engines_module
    from comity.library import selectors
    from comity.library.rules import access_keys
    from comity.library.search import Filters, engine_name

    translation.activate("en")
    engine_kind = engine_name()
    sampling = getattr(engines_module, "facet_sample", None)

    def sampled(count: int) -> tuple:
        """The engine's facet sample for `count` results, as facet_counts takes it (none in a
        version of comity that counts every result)."""
        k = sampling(count) if sampling else 1
        return (k,) if k > 1 else ()

    user = AnonymousUser()
    keys = access_keys(user)
    queries = query_set(seed)
    prepared = []
    for q in queries:
        values = {name: tuple(v) for name, v in q["filters"].items()}
        filters = Filters(values, year_from=q["year_from"], year_to=q["year_to"])
        prepared.append((q, query_module.parse(q["q"]), filters))

    if engine_kind == "embedded":
        from comity.library.search import embedded

        engine = embedded.default()

        def raw(parsed, filters):
            return engine.search(parsed, filters, keys, limit=LIMIT, facets=True)

        def raw_bare(parsed, filters):
            searcher = engine.searcher()
            compiled = engine.compile(parsed, filters, keys)
            result = searcher.search(compiled, LIMIT, count=True)
            [searcher.doc(address)["id"][0] for _, address in result.hits]
            engine.facet_counts(searcher, compiled, *sampled(result.count or 0))

        def breakdown(parsed, filters) -> dict:
            from comity.library.models import PendingIndex

            out = {}
            with timer(out, "pending_check_ms"):
                PendingIndex.objects.exists()
            with timer(out, "searcher_ms"):
                searcher = engine.searcher()
            with timer(out, "compile_ms"):
                compiled = engine.compile(parsed, filters, keys)
            with timer(out, "top10_ms"):
                result = searcher.search(compiled, LIMIT, count=False)
                [searcher.doc(address)["id"][0] for _, address in result.hits]
            with timer(out, "top10_count_ms"):
                result = searcher.search(compiled, LIMIT, count=True)
                [searcher.doc(address)["id"][0] for _, address in result.hits]
            with timer(out, "facets_ms"):
                engine.facet_counts(searcher, compiled, *sampled(result.count or 0))
            if sampled(result.count or 0):
                with timer(out, "facets_exact_ms"):
                    engine.facet_counts(searcher, compiled)
            return out

        names = {"a": "engine (Engine.search)", "a_bare": "engine without the pending check"}
    else:
        from comity.library.search import postgres

        engine = postgres.Engine()

        def captured(parsed, filters, facets=True) -> tuple[str, list]:
            seen = []

            def wrapper(execute, sql, params, many, context):
                seen.append((sql, params))
                return execute(sql, params, many, context)

            with connection.execute_wrapper(wrapper):
                engine.search(parsed, filters, keys, limit=LIMIT, facets=facets)
            return seen[-1]

        statements = {id(parsed): captured(parsed, filters) for _, parsed, filters in prepared}
        bare = {id(parsed): captured(parsed, filters, False) for _, parsed, filters in prepared}

        def run_sql(sql, params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        def raw(parsed, filters):
            run_sql(*statements[id(parsed)])

        def raw_bare(parsed, filters):
            engine.search(parsed, filters, keys, limit=LIMIT, facets=True)

        def breakdown(parsed, filters) -> dict:
            out = {}
            with timer(out, "sql_without_facets_ms"):
                run_sql(*bare[id(parsed)])
            with timer(out, "sql_with_facets_ms"):
                run_sql(*statements[id(parsed)])
            return out

        names = {"a": "engine SQL alone", "a_bare": "engine (Engine.search)"}

    def layer(q, filters):
        with in_request():
            return selectors.search(user, selectors.Params(q=q["q"], filters=filters, limit=LIMIT))

    # Warm-up: every query once through the whole layer (and its count, for the report).
    counts = []
    started = time.perf_counter()
    for q, _parsed, filters in prepared:
        counts.append(layer(q, filters).count)
    samples_k = [sampled(n)[0] if sampled(n) else 1 for n in counts]
    warmup_s = time.perf_counter() - started
    print(f"    warm-up: {len(prepared)} queries in {warmup_s:.1f} s", flush=True)

    samples = {m: [[] for _ in prepared] for m in ("a", "a_bare", "b")}
    started = time.perf_counter()
    for round_ in range(repeat):
        for i, (q, parsed, filters) in enumerate(prepared):
            calls = [
                ("a", lambda p=parsed, f=filters: raw(p, f)),
                ("a_bare", lambda p=parsed, f=filters: raw_bare(p, f)),
                ("b", lambda q=q, f=filters: layer(q, f)),
            ]
            # Which measure runs first changes from query to query and round to round: the first
            # run of a query reads its pages into the caches (PostgreSQL's shared buffers above
            # all), and that cost must not fall on one measure.
            turn = (i + round_) % len(calls)
            for measure, call in calls[turn:] + calls[:turn]:
                t0 = time.perf_counter()
                call()
                samples[measure][i].append((time.perf_counter() - t0) * 1000)
        print(f"    round {round_ + 1}/{repeat}: {time.perf_counter() - started:.1f} s", flush=True)
    parts = []
    for _q, parsed, filters in prepared:
        parts.append(breakdown(parsed, filters))

    # comity's layer, part by part, for the slowest queries of (b) (one run each).
    per_query = []
    for i, (q, _parsed, _filters) in enumerate(prepared):
        per_query.append(
            {
                "label": label(q),
                "kind": q["kind"],
                "band": q["band"],
                "language": q["language"],
                "filtered": bool(q["filters"] or q["year_from"]),
                "count": counts[i],
                "facet_sample": samples_k[i],
                **{f"{m}_ms": round(statistics.median(samples[m][i]), 3) for m in samples},
                "parts": {k: round(v, 3) for k, v in parts[i].items()},
            }
        )
    slowest_b = sorted(range(len(prepared)), key=lambda i: -per_query[i]["b_ms"])[:10]
    for i in slowest_b:
        q, parsed, filters = prepared[i]
        per_query[i]["layer_parts"] = layer_parts(user, keys, q, parsed, filters)

    result = {
        "engine": engine_kind,
        "repeat": repeat,
        "queries": len(prepared),
        "warmup_s": round(warmup_s, 3),
        "names": {"a": names["a"], "a_bare": names["a_bare"], "b": "comity (selectors.search)"},
        "measures": {m: stats([x for xs in samples[m] for x in xs]) for m in samples},
        "per_query": per_query,
        "rotation_s": round(sum(p["b_ms"] for p in per_query) / 1000, 3),
        "facet_exact_limit": getattr(settings, "COMITY_LIBRARY_FACET_EXACT_LIMIT", None),
        "facet_sampled_queries": sum(1 for k in samples_k if k > 1),
    }
    (home / "inprocess.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))


def layer_parts(user, keys, q, parsed, filters) -> dict:
    """selectors.search, part by part, in one request: parsing, the engine, the documents with
    their snippets, the facet labels (its private steps, called in its order)."""
    from comity.library import query as query_module
    from comity.library import search as engines
    from comity.library import selectors

    out = {}
    with in_request():
        with timer(out, "parse_ms"):
            query_module.parse(q["q"])
        with timer(out, "engine_ms"):
            found = engines.run(parsed, filters, keys, limit=LIMIT, facets=True)
        with timer(out, "documents_snippets_ms"):
            selectors._results(user, found.hits, parsed)
        with timer(out, "facet_labels_ms"):
            selectors._labelled(found.facets, filters)
    return {k: round(v, 3) for k, v in out.items()}


@contextlib.contextmanager
def in_request():
    """What comity does around every request it serves: the data generations (which say whether
    the country names and other derived values a process keeps are still current) are read once
    for the request, not at every use (comity.core.generations, via Django's request signals)."""
    from comity.core import generations

    generations.request_started()
    try:
        yield
    finally:
        generations.request_finished()


@contextlib.contextmanager
def timer(out: dict, name: str):
    """Adds the milliseconds spent in the block to out[name]."""
    started = time.perf_counter()
    try:
        yield
    finally:
        took = (time.perf_counter() - started) * 1000
        out[name] = out.get(name, 0.0) + took


def stats(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "samples": len(ordered),
        "p50_ms": round(percentile(ordered, 50), 2),
        "p95_ms": round(percentile(ordered, 95), 2),
        "p99_ms": round(percentile(ordered, 99), 2),
        "mean_ms": round(statistics.fmean(ordered), 2) if ordered else 0.0,
        "max_ms": round(ordered[-1], 2) if ordered else 0.0,
    }


# --- The run ---------------------------------------------------------------------------------------
def child(env: dict, *args: str, timeout: float) -> None:
    cmd = [PY, str(BENCH / "library_search.py"), *args]
    done = subprocess.run(cmd, cwd=ROOT, env=env, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed (exit status {done.returncode})")


def measure_http(args, tool: str, home: Path, env: dict, paths: list[str], rotation_s: float):
    server, port, log = start_server(home, env, workers=MAKE_RUN_WORKERS)
    try:
        started = time.perf_counter()
        for path in paths:  # each answers 200 (wrk counts any other status as an error)
            status, body = get(port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}: {body[:300]!r}")
        print(f"    every query answered 200 ({time.perf_counter() - started:.1f} s)", flush=True)
        load = {"port": port, "paths": paths, "headers": {}, "workdir": home}
        cores = max(1, min(os.cpu_count() or 1, MAKE_RUN_WORKERS))
        durations = {
            1: max(args.duration_s, min(args.max_phase_s, 1.1 * rotation_s)),
            8: max(args.duration_s, min(args.max_phase_s, 1.1 * rotation_s / cores)),
        }
        measured_phase(tool, server, "warm-up", clients=8, duration=args.warmup_s, **load)
        phases = {}
        for clients in CLIENTS:
            phases[clients] = measured_phase(
                tool,
                server,
                f"{clients} client{'s' if clients > 1 else ''}",
                clients=clients,
                duration=durations[clients],
                **load,
            )
        if server.poll() is not None:
            raise SystemExit("gunicorn died during the run")
        return phases
    finally:
        stop(server)
        log.close()


def verdict_of(load: dict, inprocess: dict, http: dict) -> dict:
    engine = load["engine"]
    m = inprocess["measures"]
    ratio_p50 = m["b"]["p50_ms"] / m["a"]["p50_ms"] if m["a"]["p50_ms"] else 0.0
    ratio_p95 = m["b"]["p95_ms"] / m["a"]["p95_ms"] if m["a"]["p95_ms"] else 0.0
    p95 = http[8]["p95_ms"]
    v = {
        "engine": engine,
        "http8_p95_ms": p95,
        "http8_p95_target_ms": TARGET_HTTP_P95_MS[engine],
        "http8_p95_ok": p95 <= TARGET_HTTP_P95_MS[engine],
        "layer_ratio_p50": round(ratio_p50, 3),
        "layer_ratio_p95": round(ratio_p95, 3),
        "layer_ok": ratio_p50 < TARGET_LAYER_RATIO and ratio_p95 < TARGET_LAYER_RATIO,
        "errors_ok": all(p["errors"] == 0 for p in http.values()),
    }
    v["pass"] = v["http8_p95_ok"] and v["layer_ok"] and v["errors_ok"]
    return v


def mb(n: float) -> str:
    return f"{n / 1_048_576:,.0f} MB"


def markdown(load: dict, inprocess: dict, http: dict, verdict: dict) -> str:
    engine = load["engine"]
    sizes = load["sizes"]
    rows = [
        f"**Data: {load['documents']:,} synthetic documents, {load['database_version']}, "
        f"{engine} engine**",
        "",
        "| step | seconds | documents/s |",
        "|---|---:|---:|",
        f"| rows loaded (bulk_create) | {load['load_s']:.1f} | {load['load_docs_per_s']:,.0f} |",
        f"| indexing (reindex) | {load['index_s']:.1f} | {load['index_docs_per_s']:,.0f} |",
    ]
    if "vacuum_analyze_s" in load:
        rows.append(f"| VACUUM ANALYZE (both tables) | {load['vacuum_analyze_s']:.1f} | |")
    rows.append("")
    if engine == "embedded":
        rows.append(
            f"Index on disk: **{mb(sizes['index_bytes'])}** ({sizes['index_files']} files); "
            f"SQLite database {mb(sizes['database_bytes'])}."
        )
    else:
        rows.append(
            f"library_searchrow: **{mb(sizes['searchrow_total_bytes'])}** in all (table "
            f"{mb(sizes['searchrow_table_bytes'])}, indexes "
            f"{mb(sizes['searchrow_indexes_bytes'])}: GIN on the vector "
            f"{mb(sizes['searchrow_vector_gin_bytes'])}, GIN on the facets "
            f"{mb(sizes['searchrow_facets_gin_bytes'])}); library_document "
            f"{mb(sizes['document_total_bytes'])}; database {mb(sizes['database_bytes'])}."
        )
    m, names = inprocess["measures"], inprocess["names"]
    a = m["a"]
    rows += [
        "",
        f"**Latency, {inprocess['queries']} queries (limit {LIMIT}, facets, snippets); "
        f"in-process: each query {inprocess['repeat']} times**",
        "",
        "| measure | p50 ms | p95 ms | p99 ms | ÷ (a) at p50 | ÷ (a) at p95 | requests/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]

    def line(title, s, rps=""):
        r50 = s["p50_ms"] / a["p50_ms"] if a["p50_ms"] else 0.0
        r95 = s["p95_ms"] / a["p95_ms"] if a["p95_ms"] else 0.0
        return (
            f"| {title} | {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['p99_ms']:.1f} | "
            f"{r50:.2f} | {r95:.2f} | {rps} |"
        )

    rows.append(line(f"(a) {names['a']}", a))
    rows.append(line(f"(a') {names['a_bare']}", m["a_bare"]))
    rows.append(line(f"(b) {names['b']}", m["b"]))
    for clients, phase in http.items():
        title = f"HTTP, {clients} client{'s' if clients > 1 else ''}"
        rows.append(line(title, phase, f"{phase['rps']:.1f}"))
    if inprocess.get("facet_exact_limit"):
        rows += [
            "",
            f"Facet counts exact up to {inprocess['facet_exact_limit']:,} results, sampled "
            f"beyond (COMITY_LIBRARY_FACET_EXACT_LIMIT): {inprocess['facet_sampled_queries']} "
            f"of the {inprocess['queries']} queries sampled.",
        ]
    rows += ["", *by_group(inprocess), "", *slowest(inprocess, engine)]
    target = TARGET_HTTP_P95_MS[engine]
    rows += [
        "",
        f"HTTP 8 clients p95 **{verdict['http8_p95_ms']:.1f} ms** (target ≤ {target:.0f} ms, "
        f"{engine}: {'PASS' if verdict['http8_p95_ok'] else 'FAIL'}); comity's layer (b)/(a) "
        f"**{verdict['layer_ratio_p50']:.2f}** at p50, **{verdict['layer_ratio_p95']:.2f}** at "
        f"p95 (target < {TARGET_LAYER_RATIO:.2f}: {'PASS' if verdict['layer_ok'] else 'FAIL'}); "
        f"HTTP errors: {'none' if verdict['errors_ok'] else 'SOME (FAIL)'}",
    ]
    return "\n".join(rows)


def by_group(inprocess: dict) -> list[str]:
    """(a) and (b) medians per kind of query, frequency band and filtering."""
    per = inprocess["per_query"]
    groups = [("kind", k) for k in KINDS] + [("band", b) for b in BANDS]
    groups += [("filtered", True), ("filtered", False)]
    rows = [
        "| queries | n | median matches | (a) p50 ms | (a) p95 ms | (b) p50 ms | (b) p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for field, value in groups:
        chosen = [p for p in per if p[field] == value]
        if not chosen:
            continue
        a = sorted(p["a_ms"] for p in chosen)
        b = sorted(p["b_ms"] for p in chosen)
        name = {True: "with filters", False: "without filters"}.get(value, value)
        rows.append(
            f"| {name} | {len(chosen)} | {statistics.median(p['count'] for p in chosen):,.0f} | "
            f"{percentile(a, 50):.1f} | {percentile(a, 95):.1f} | {percentile(b, 50):.1f} | "
            f"{percentile(b, 95):.1f} |"
        )
    return rows


def slowest(inprocess: dict, engine: str, n: int = 10) -> list[str]:
    """The slowest queries of (a), with where the engine's time goes."""
    per = sorted(inprocess["per_query"], key=lambda p: -p["a_ms"])[:n]
    if engine == "embedded":
        head = (
            "| query | matches | facet sample | (a) ms | (b) ms | compile | top 10 "
            "| top 10 + count | facets | facets exact |"
        )
        keys = ("compile_ms", "top10_ms", "top10_count_ms", "facets_ms", "facets_exact_ms")
    else:
        head = (
            "| query | matches | facet sample | (a) ms | (b) ms | SQL without facets "
            "| SQL with facets |"
        )
        keys = ("sql_without_facets_ms", "sql_with_facets_ms")
    rows = [
        f"**The {n} slowest queries of (a), one more run each, ms**",
        "",
        head,
        "|---|" + "---:|" * (4 + len(keys)),
    ]
    for p in per:
        text = p["label"].replace("|", "\\|")
        cells = " | ".join(f"{p['parts'][k]:.1f}" if k in p["parts"] else "–" for k in keys)
        k = p.get("facet_sample", 1)
        rows.append(
            f"| `{text}` | {p['count']:,} | {f'1 in {k}' if k > 1 else 'all'} | "
            f"{p['a_ms']:.1f} | {p['b_ms']:.1f} | {cells} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="50,000 documents, 10 s phases")
    parser.add_argument(
        "--documents", type=int, help="synthetic documents (1,000,000; quick 50,000)"
    )
    parser.add_argument("--seed", type=int, default=DATA_SEED, help="seed of the documents")
    parser.add_argument("--query-seed", type=int, default=QUERY_SEED, help="seed of the query set")
    parser.add_argument("--repeat", type=int, help="in-process runs of each query (3; quick 2)")
    parser.add_argument(
        "--duration", type=float, help="least seconds per HTTP phase (30; quick 10)"
    )
    parser.add_argument("--max-phase", type=float, default=600.0, help="most seconds per phase")
    parser.add_argument("--warmup", type=float, help="seconds of HTTP warm-up (10; quick 3)")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--database-url", default="", help="PostgreSQL; an empty throwaway DB")
    parser.add_argument("--results-dir", default=str(BENCH / "results"))
    parser.add_argument("--keep-home", action="store_true", help="keep the loaded COMITY_HOME")
    parser.add_argument("--home", help="a home kept by --keep-home: measure it without loading")
    parser.add_argument("--child", choices=("load", "measure"), help=argparse.SUPPRESS)
    parser.add_argument("--summary-file", help="also write the result JSON here (for run.py)")
    args, _unknown = parser.parse_known_args(argv)
    documents = args.documents or (QUICK_DOCUMENTS if args.quick else DOCUMENTS)
    repeat = args.repeat or (2 if args.quick else 3)
    args.duration_s = args.duration or (10.0 if args.quick else 30.0)
    args.warmup_s = args.warmup if args.warmup is not None else (3.0 if args.quick else 10.0)
    args.max_phase_s = args.max_phase
    if args.child == "load":
        child_load(Path(args.home), documents=documents, seed=args.seed)
        return 0
    if args.child == "measure":
        child_measure(Path(args.home), repeat=repeat, seed=args.query_seed)
        return 0
    tool = args.client if args.client != "auto" else ("wrk" if shutil.which("wrk") else "python")
    home, env = server_env(
        prefix="comity-bench-library-", database_url=args.database_url, no_cache=True
    )
    env["COMITY_LIBRARY_ENGINE"] = "postgresql" if args.database_url else "embedded"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    if args.home:
        shutil.rmtree(home)
        home = Path(args.home)
        env["COMITY_HOME"] = str(home)
        args.keep_home = True
    started_at = datetime.datetime.now(datetime.UTC)
    try:
        print(f"==> COMITY_HOME {home}", flush=True)
        if not args.home:
            steps = {}
            for step in (
                ("migrate", "--noinput"),
                ("load_reference",),
                ("collectstatic", "--noinput", "-v", "0"),
            ):
                t0 = time.perf_counter()
                manage(env, *step)
                steps[step[0]] = round(time.perf_counter() - t0, 1)
            print(f"    {', '.join(f'{k} {v} s' for k, v in steps.items())}", flush=True)
            child(
                env,
                "--child",
                "load",
                "--home",
                str(home),
                "--documents",
                str(documents),
                "--seed",
                str(args.seed),
                timeout=6 * 3600,
            )
        load = json.loads((home / "load.json").read_text())
        print(f"==> in-process measures, each query {repeat} times", flush=True)
        child(
            env,
            "--child",
            "measure",
            "--home",
            str(home),
            "--repeat",
            str(repeat),
            "--query-seed",
            str(args.query_seed),
            timeout=4 * 3600,
        )
        inprocess = json.loads((home / "inprocess.json").read_text())
        paths = [http_path(q) for q in query_set(args.query_seed)]
        print(f"==> HTTP: {len(paths)} queries; load: {tool}", flush=True)
        http = measure_http(args, tool, home, env, paths, inprocess["rotation_s"])
        verdict = verdict_of(load, inprocess, http)
        machine = machine_info(load["db_vendor"])
        machine.update(database=load["database_version"], tantivy=load["tantivy"])
        result = {
            "benchmark": "library_search",
            "started_at": started_at.isoformat(timespec="seconds"),
            "machine": machine,
            "settings": {
                "clients": max(CLIENTS),
                "client_counts": list(CLIENTS),
                "documents": documents,
                "seed": args.seed,
                "query_seed": args.query_seed,
                "repeat": repeat,
                "limit": LIMIT,
                "phase_seconds": {str(c): p["seconds"] for c, p in http.items()},
                "warmup_seconds": args.warmup_s,
                "load_tool": tool,
                "gunicorn": f"comity.wsgi --workers {MAKE_RUN_WORKERS} (sync)",
                "engine": load["engine"],
                "answer_cache": False,
                "debug": False,
                "quick": args.quick,
            },
            "targets": {
                "http8_p95_ms_max": TARGET_HTTP_P95_MS[load["engine"]],
                "layer_ratio_max": TARGET_LAYER_RATIO,
            },
            "data": load,
            "inprocess": inprocess,
            "http": {str(c): p for c, p in http.items()},
            "verdict": verdict,
            "markdown": markdown(load, inprocess, http, verdict),
        }
        save_result(result, "library_search", args, started_at)
        return 0
    finally:
        leave_home(home, args.keep_home)


if __name__ == "__main__":
    sys.exit(main())
