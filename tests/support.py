"""Helpers shared by the test suite (import as ``tests.support``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
EXAMPLES = SCHEMAS / "examples"


def load_example(record_type: str) -> dict[str, Any]:
    """The published example of ``record_type`` as a dict (a fresh copy each call)."""
    data: dict[str, Any] = json.loads(
        (EXAMPLES / f"{record_type}.example.json").read_text(encoding="utf-8")
    )
    return data


#: Debian's chromium, driven by Playwright for Python in the browser tests (``.ci/run`` installs it).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
#: Where the browser tests keep their screenshots (an artifact of the run, not committed).
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
