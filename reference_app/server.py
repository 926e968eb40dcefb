"""Run the reference app in a subprocess (uvicorn) for as long as a ``with`` block lasts.

Used by the conformance kit's ``reference`` target, the browser test and the
latency benchmark: one way to start the app on a free loopback port, wait
until ``/api/v1/health`` answers, and stop it again.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class RunningApp:
    """The base URL of a running app and its process id."""

    base_url: str
    pid: int


@contextlib.contextmanager
def running_app(
    database_url: str,
    *,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
    timeout: float = 60.0,
) -> Iterator[RunningApp]:
    """The app served by uvicorn over ``database_url`` (which must already be loaded)."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "reference_app.app:app_from_settings",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {}), "SEIKATSU_APP_DATABASE_URL": database_url},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, timeout)
        yield RunningApp(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the reference app stopped (exit {process.returncode})")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the reference app did not answer at {base} within {timeout:.0f} s")
