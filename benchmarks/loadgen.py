"""A small HTTP load generator, used when `wrk` is not installed. Loopback only.

    python benchmarks/loadgen.py --port 8123 --paths-file paths.json --clients 16 --duration 15

Runs in its own process (so it shares no GIL with the server or the orchestrator). Each client is
a thread with its own keep-alive connection (http.client); it reconnects when the server closes
the connection, as gunicorn's sync workers do after every response. Every loop is bounded by the
duration and by --max-requests. Prints one JSON object: requests, errors, seconds, latencies.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list (0 when empty)."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), round(p / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def run(
    *,
    port: int,
    paths: list[str],
    headers: dict,
    clients: int,
    duration: float,
    max_requests: int,
    timeout: float,
) -> dict:
    deadline = time.perf_counter() + duration
    lock = threading.Lock()
    budget = [max_requests]
    results: list[dict] = []

    def take() -> bool:
        with lock:
            if budget[0] <= 0:
                return False
            budget[0] -= 1
            return True

    def client(index: int) -> None:
        latencies: list[float] = []
        errors: dict[str, int] = {}
        conn: http.client.HTTPConnection | None = None
        n = index * 7  # each client starts at another place in the rotation
        while time.perf_counter() < deadline and take():
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                if conn is not None:
                    conn.close()
                conn = None
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors[str(status)] = errors.get(str(status), 0) + 1
        if conn is not None:
            conn.close()
        with lock:
            results.append({"latencies": latencies, "errors": errors})

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + timeout + 5)
    seconds = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r["latencies"])
    errors: dict[str, int] = {}
    for r in results:
        for key, count in r["errors"].items():
            errors[key] = errors.get(key, 0) + count
    return {
        "tool": "python http.client",
        "requests": len(latencies),
        "seconds": round(seconds, 3),
        "rps": round(len(latencies) / seconds, 1) if seconds else 0.0,
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "p50_ms": round(percentile(latencies, 50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 99) * 1000, 2),
        "max_ms": round((latencies[-1] if latencies else 0) * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--paths-file", required=True, help="JSON list of paths to rotate over")
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()
    with open(args.paths_file) as f:
        paths = json.load(f)
    headers = dict(h.split(": ", 1) for h in args.header)
    print(
        json.dumps(
            run(
                port=args.port,
                paths=paths,
                headers=headers,
                clients=args.clients,
                duration=args.duration,
                max_requests=args.max_requests,
                timeout=args.timeout,
            )
        )
    )


if __name__ == "__main__":
    main()
