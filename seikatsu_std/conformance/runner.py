"""Run the conformance kit against a target and write its reports.

``seikatsu-std conformance --target inprocess|reference|URL`` calls :func:`run`.
The reference target starts the reference app (SQLite, the conformance
dataset) in a subprocess for the duration of the run.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from seikatsu_std import STANDARD_VERSION, __version__
from seikatsu_std.conformance.plugin import Collector
from seikatsu_std.conformance.profile import ConformanceProfile
from seikatsu_std.conformance.report import (
    ConformanceReport,
    RequirementResult,
    ScenarioResult,
    combine,
    conforms,
    now,
    render_html,
    summary,
)
from seikatsu_std.conformance.targets import (
    DATASET_CASES,
    INPROCESS_NOW,
    Credentials,
    HttpTarget,
    InProcessTarget,
    Target,
)
from seikatsu_std.requirements import load_catalogue

HERE = Path(__file__).resolve().parent
#: The step libraries, loaded as pytest plugins (one module per area of the business).
STEP_MODULES = (
    "seikatsu_std.conformance.steps",
    "seikatsu_std.conformance.steps_lifecycle",
    "seikatsu_std.conformance.steps_appeals",
    "seikatsu_std.conformance.steps_determination",
    "seikatsu_std.conformance.steps_investigation",
    "seikatsu_std.conformance.steps_approvals",
    "seikatsu_std.conformance.steps_tickets",
    "seikatsu_std.conformance.steps_submissions",
    "seikatsu_std.conformance.steps_claims",
    "seikatsu_std.conformance.steps_transfer",
    "seikatsu_std.conformance.steps_ticket_endings",
)
#: Password of the reference app's demo accounts during a reference run (throw-away).
REFERENCE_PASSWORD = "conformance-run"


def _checkout() -> Path:
    """The repository checkout the kit is installed from, importable (it holds ``reference_app``)."""
    root = HERE.parents[1]
    if not (root / "reference_app" / "app.py").is_file():
        raise ValueError(
            "参照実装（reference_app）が見つかりません。--target reference はリポジトリの"
            f"チェックアウトから導入したキットで使えます ({root} has no reference_app: "
            "install the kit from a checkout of the repository)"
        )
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return root


@contextlib.contextmanager
def reference_server() -> Iterator[str]:
    """Start the reference app on a fresh SQLite database with the conformance dataset.

    Works from a checkout of the repository (the reference app is not part of
    the installed library), whatever the current directory.
    """
    root = _checkout()
    from reference_app.server import running_app

    with tempfile.TemporaryDirectory(prefix="seikatsu-conformance-") as tmp:
        url = f"sqlite:///{tmp}/reference.db"
        # The dataset is dated: the app runs at the kit's instant, as the in-process target does.
        env = {
            "SEIKATSU_APP_DEMO_PASSWORD": REFERENCE_PASSWORD,
            "SEIKATSU_APP_FIXED_NOW": INPROCESS_NOW.isoformat(),
            # Scenarios set on another day (今日は …) move the app's business date.
            "SEIKATSU_APP_TEST_CLOCK": "true",
        }
        subprocess.run(
            [sys.executable, "-m", "reference_app.demo", "--cases", str(DATASET_CASES)],
            env={**os.environ, **env, "SEIKATSU_APP_DATABASE_URL": url},
            cwd=root,
            check=True,
            capture_output=True,
            text=True,
        )
        with running_app(url, env=env) as app:
            yield app.base_url


def build_report(
    results: list[ScenarioResult],
    target: str,
    profile: str | None,
    started: float,
    started_at: datetime,
) -> ConformanceReport:
    """Combine scenario results into per-requirement results."""
    by_requirement: dict[str, list[ScenarioResult]] = {}
    for result in results:
        for requirement_id in result.requirements:
            by_requirement.setdefault(requirement_id, []).append(result)
    requirements = [
        RequirementResult(
            id=r.id,
            title=r.title,
            area=r.area,
            level=r.level,
            status=combine([s.status for s in by_requirement[r.id]]),
            scenarios=by_requirement[r.id],
        )
        for r in load_catalogue().requirements
        if r.id in by_requirement
    ]
    return ConformanceReport(
        format="seikatsu-std/conformance-report",
        standard_version=STANDARD_VERSION,
        kit_version=__version__,
        target=target,
        profile=profile,
        started_at=started_at,
        seconds=time.monotonic() - started,
        summary=summary(requirements),
        conforms=conforms(requirements),
        requirements=requirements,
    )


def run_on(
    target: Target,
    *,
    label: str,
    profile: ConformanceProfile | None = None,
    profile_name: str | None = None,
    tags: str | None = None,
    report_dir: Path | None = None,
    extra_args: tuple[str, ...] = (),
) -> ConformanceReport:
    """Run the scenarios (selected by ``tags``) on ``target``; write reports into ``report_dir``."""
    started, started_at = time.monotonic(), now()
    claimed = set(profile.implements_optional) if profile is not None else None
    collector = Collector(target, claimed)
    args = [
        str(HERE / "suite.py"),
        "-c",
        str(HERE / "pytest.ini"),
        "--rootdir",
        str(HERE),
        *(arg for module in STEP_MODULES for arg in ("-p", module)),
        "--strict-markers",
        "-p",
        "no:terminal",
        "-W",
        "ignore::DeprecationWarning",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
        *extra_args,
    ]
    if tags:
        args += ["-m", tags]
    if report_dir is not None:
        report_dir.mkdir(parents=True, exist_ok=True)
        args += ["--junitxml", str(report_dir / "conformance-junit.xml")]
    code = pytest.main(args, plugins=[collector])
    if code not in (
        pytest.ExitCode.OK,
        pytest.ExitCode.TESTS_FAILED,
        pytest.ExitCode.NO_TESTS_COLLECTED,
    ):
        raise RuntimeError(f"the conformance run could not complete (pytest exit code {int(code)})")
    report = build_report(collector.results, label, profile_name, started, started_at)
    if report_dir is not None:
        (report_dir / "conformance-report.json").write_text(
            report.model_dump_json(indent=2), encoding="utf-8"
        )
        (report_dir / "conformance-report.html").write_text(render_html(report), encoding="utf-8")
    return report


def run(
    target: str,
    *,
    profile_path: Path | None = None,
    tags: str | None = None,
    report_dir: Path | None = None,
    credentials: str | None = None,
) -> ConformanceReport:
    """Run the kit against ``inprocess``, ``reference`` or a base URL."""
    profile = ConformanceProfile.load(profile_path) if profile_path else None
    profile_name = str(profile_path) if profile_path else None

    def go(on: Target, label: str) -> ConformanceReport:
        return run_on(
            on,
            label=label,
            profile=profile,
            profile_name=profile_name,
            tags=tags,
            report_dir=report_dir,
        )

    def over_http(base: str, logins: Credentials, label: str) -> ConformanceReport:
        http = HttpTarget(base, logins, name=label)
        try:
            return go(http, label)
        finally:
            http.close()

    if target == "inprocess":
        return go(InProcessTarget(), "inprocess")
    if target == "reference":
        with reference_server() as base:
            logins = (
                Credentials.from_environment(credentials)
                if credentials
                else _reference_credentials()
            )
            return over_http(base, logins, "reference")
    if target.startswith(("http://", "https://")):
        return over_http(target, Credentials.from_environment(credentials), target)
    raise ValueError(f"unknown target {target!r}: use inprocess, reference or an http(s) URL")


def _reference_credentials() -> Credentials:
    from seikatsu_std.services.demo import DEMO_STAFF

    return Credentials({staff_id: (staff_id, REFERENCE_PASSWORD) for staff_id, *_ in DEMO_STAFF})
