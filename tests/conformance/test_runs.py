"""The kit end to end: in-process and against the reference app, with its three reports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from seikatsu_std.cli import app
from seikatsu_std.conformance.profile import ConformanceProfile
from seikatsu_std.conformance.report import ConformanceReport, Status
from seikatsu_std.conformance.runner import run, run_on
from seikatsu_std.conformance.targets import InProcessTarget
from seikatsu_std.requirements import RequirementLevel, load_catalogue
from tests.support import SCHEMAS


def _check_reports(report: ConformanceReport, directory: Path) -> None:
    document = json.loads((directory / "conformance-report.json").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "conformance-report.schema.json").read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(document))
    assert not errors, errors[:3]
    assert ConformanceReport.model_validate(document) == report
    html = (directory / "conformance-report.html").read_text(encoding="utf-8")
    assert "適合性確認の報告" in html
    assert "業務領域・機能の区分ごとの集計" in html
    junit = ET.parse(directory / "conformance-junit.xml").getroot()
    assert int(junit.find("testsuite").get("tests")) > 0  # type: ignore[union-attr,arg-type]


def _assert_implemented_requirements_pass(report: ConformanceReport) -> None:
    assert report.conforms
    by_status = {r.id: r.status for r in report.requirements}
    assert len(by_status) == len(load_catalogue().requirements)
    bad = [r.id for r in report.requirements if r.status in (Status.FAILED, Status.ERROR)]
    assert bad == []
    # What the standard API already offers is verified, not merely "unverified".
    for requirement in ("REQ-CAL-005", "REQ-CAL-019", "REQ-SEC-002", "REQ-SEC-006", "REQ-DAT-001"):
        assert by_status[requirement] is Status.PASSED, requirement


def test_inprocess_run_passes_every_implemented_requirement(tmp_path: Path) -> None:
    report = run("inprocess", report_dir=tmp_path)
    _assert_implemented_requirements_pass(report)
    _check_reports(report, tmp_path)
    passed = sum(1 for r in report.requirements if r.status is Status.PASSED)
    assert passed >= 45


def test_reference_app_run_passes_every_implemented_requirement(tmp_path: Path) -> None:
    """The reference app (SQLite, started by the runner) over HTTP, the way a vendor is checked."""
    report = run("reference", report_dir=tmp_path)
    _assert_implemented_requirements_pass(report)
    _check_reports(report, tmp_path)
    inprocess = run("inprocess", tags="REQ-SEC-010 or REQ-CAL-012")
    reference = {r.id: r.status for r in report.requirements}
    for requirement in inprocess.requirements:
        if requirement.id in ("REQ-SEC-010", "REQ-CAL-012"):
            assert reference[requirement.id] is requirement.status
    # Scenarios set on another day (今日は …) run too: the kit moves the app's test clock.
    for requirement in ("REQ-APP-009", "REQ-APP-011", "REQ-APP-014"):
        assert reference[requirement] is Status.PASSED, requirement


def test_a_profile_marks_unclaimed_optional_requirements_not_implemented(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "vendor: 例示ベンダー\nproduct: 例示システム\nversion: '1.0'\n"
        "implements_optional: [REQ-SEC-003]\n",
        encoding="utf-8",
    )
    optional = [r.id for r in load_catalogue().requirements if r.level is RequirementLevel.OPTIONAL]
    tags = " or ".join(optional)
    report = run("inprocess", profile_path=profile, tags=tags)
    by_id = {r.id: r.status for r in report.requirements}
    assert by_id["REQ-SEC-003"] is not Status.NOT_IMPLEMENTED
    unclaimed = [r for r in optional if r != "REQ-SEC-003"]
    assert all(by_id[r] is Status.NOT_IMPLEMENTED for r in unclaimed)
    assert report.profile == str(profile)


def test_a_profile_claiming_a_mandatory_or_unknown_requirement_is_rejected() -> None:
    with pytest.raises(ValueError, match="REQ-CAL-005（標準オプション機能ではない）"):
        ConformanceProfile.model_validate(
            {"vendor": "v", "product": "p", "version": "1", "implements_optional": ["REQ-CAL-005"]}
        )
    with pytest.raises(ValueError, match="REQ-XYZ-001（未知の要件）"):
        ConformanceProfile.model_validate(
            {"vendor": "v", "product": "p", "version": "1", "implements_optional": ["REQ-XYZ-001"]}
        )


def test_tag_selection_runs_only_the_selected_requirements() -> None:
    report = run_on(InProcessTarget(), label="inprocess", tags="REQ-SEC-010")
    assert [r.id for r in report.requirements] == ["REQ-SEC-010"]
    assert report.requirements[0].status is Status.PASSED


def test_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        app,
        [
            "conformance",
            "--target",
            "inprocess",
            "--tags",
            "REQ-DAT-015",
            "--report-dir",
            str(tmp_path),
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert "適合: inprocess" in ok.output
    assert (tmp_path / "conformance-report.html").is_file()
    wrong = runner.invoke(app, ["conformance", "--target", "ftp://example"])
    assert wrong.exit_code == 2
    missing = runner.invoke(app, ["conformance", "--profile", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2
