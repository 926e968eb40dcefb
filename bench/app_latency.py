"""Latency of the reference app's case-detail API under concurrent load (results: docs/benchmarks.md).

For each database (an SQLite file; PostgreSQL when one answers at
``postgresql://postgres@127.0.0.1:5432/test``, in a fresh database dropped
afterwards): load the demo office with ``reference_app.demo.load_demo``, start
uvicorn serving ``reference_app.app:app_from_settings`` on a free loopback
port, log in as a supervisor, warm up, then send a fixed number of
``GET /api/v1/cases/{id}?purpose=supervision`` requests for random case ids from
20 concurrent clients (httpx, asyncio) and print p50/p95/p99 and throughput.
Every request is a real read: it authorises, reads the case, household and
decision, recomputes the explanation of the amounts and appends an audit
entry (a write) in one transaction.

Run:  python bench/app_latency.py [--requests 2000] [--clients 20] [--cases 300]
                                   [--workers 1] [--postgres URL | --no-postgres]

Only loopback addresses are used; the request loop is bounded by --requests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reference_app.demo import load_demo  # noqa: E402
from reference_app.server import running_app  # noqa: E402

PASSWORD = "bench-" + secrets.token_hex(4)
POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


@dataclass
class Result:
    database: str
    requests: int
    errors: int
    wall: float
    p50: float
    p95: float
    p99: float
    mean: float
    server_cpu_ms: float

    def line(self) -> str:
        return (
            f"{self.database:<10} {self.requests} requests, {self.errors} errors, "
            f"{self.requests / self.wall:,.0f} req/s, "
            f"p50 {self.p50:.1f} ms, p95 {self.p95:.1f} ms, p99 {self.p99:.1f} ms "
            f"(mean {self.mean:.1f} ms); app server CPU {self.server_cpu_ms:.1f} ms/request"
        )


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its direct children (Linux /proc)."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        pids.extend(int(child) for child in task.read_text().split())
    total = 0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def _load(
    base: str, token: str, case_ids: list[str], total: int, clients: int
) -> tuple[list[float], int, float]:
    """``total`` requests from ``clients`` concurrent clients: latencies (ms), errors, wall (s)."""
    rng = random.Random(2025)
    targets = [rng.choice(case_ids) for _ in range(total)]
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=30
    ) as client:
        queue = iter(targets)

        async def worker() -> None:
            nonlocal errors
            for case_id in queue:
                started = time.perf_counter()
                response = await client.get(
                    f"/api/v1/cases/{case_id}", params={"purpose": "supervision"}
                )
                await response.aread()
                latencies.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - started
    return latencies, errors, wall


def measure(name: str, url: str, args: argparse.Namespace) -> Result:
    print(f"== {name}: loading {args.cases} demo cases", flush=True)
    load_demo(url, cases=args.cases, password=PASSWORD)
    case_ids = [f"case-{n:05d}" for n in range(1, args.cases + 1)]
    with running_app(url, workers=args.workers) as app:
        base, pid = app.base_url, app.pid
        login = httpx.post(
            f"{base}/api/v1/sessions", json={"login_id": "sv-01", "password": PASSWORD}
        )
        login.raise_for_status()
        token = login.json()["token"]
        asyncio.run(_load(base, token, case_ids, args.warmup, args.clients))
        cpu_before = _cpu_seconds(pid)
        latencies, errors, wall = asyncio.run(
            _load(base, token, case_ids, args.requests, args.clients)
        )
        server_cpu = _cpu_seconds(pid) - cpu_before
    ordered = sorted(latencies)
    result = Result(
        database=name,
        requests=len(latencies),
        errors=errors,
        wall=wall,
        p50=_percentile(ordered, 0.50),
        p95=_percentile(ordered, 0.95),
        p99=_percentile(ordered, 0.99),
        mean=statistics.fmean(ordered),
        server_cpu_ms=server_cpu * 1000 / max(len(latencies), 1),
    )
    print(result.line(), flush=True)
    return result


@contextmanager
def fresh_postgres(admin_url: str) -> Iterator[str | None]:
    """A new, empty database on the server of ``admin_url`` (dropped afterwards), or None."""
    import psycopg
    from sqlalchemy.engine import make_url

    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        print(f"== postgresql: not reachable ({exc.__class__.__name__}); skipped")
        yield None
        return
    name = f"seikatsu_bench_{secrets.token_hex(4)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--postgres", default=POSTGRES, help="admin URL of a PostgreSQL server")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or '?'}, "
        f"CPython {platform.python_version()}; {args.clients} clients, {args.requests} requests "
        f"after {args.warmup} warm-up, uvicorn workers {args.workers}"
    )
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(measure("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}", args))
    if not args.no_postgres:
        with fresh_postgres(args.postgres) as url:
            if url is not None:
                results.append(measure("postgresql", url, args))
    print()
    for result in results:
        print(result.line())
    return 0 if all(r.errors == 0 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
