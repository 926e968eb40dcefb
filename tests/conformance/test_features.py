"""The feature files as acceptance criteria: every requirement covered, every tag right."""

from __future__ import annotations

import json
import re

from seikatsu_std.conformance.coverage import scenarios, scenarios_by_requirement, tagging_problems
from seikatsu_std.conformance.steps import vectors
from seikatsu_std.requirements import load_catalogue
from tests.support import ROOT


def test_every_requirement_has_a_scenario() -> None:
    uncovered = [r for r, found in scenarios_by_requirement().items() if not found]
    assert not uncovered, f"requirements without a scenario: {uncovered}"


def test_every_scenario_names_known_requirements_and_their_level() -> None:
    assert tagging_problems() == []


def test_no_scenario_names_a_requirement_outside_the_catalogue() -> None:
    known = {r.id for r in load_catalogue().requirements}
    assert set(scenarios_by_requirement()) == known


def test_every_feature_file_is_japanese_gherkin() -> None:
    for path in (ROOT / "features").rglob("*.feature"):
        assert path.read_text(encoding="utf-8").startswith("# language: ja\n"), path


def test_every_calculation_vector_runs_in_a_scenario() -> None:
    """The 520 hand-derived vectors are all exercised by the calculation features."""
    used = set()
    for entry in scenarios():
        used |= {row["vector"] for row in entry.examples if "vector" in row}
        used |= {m for s in entry.steps for m in re.findall(r'計算ベクトル "([^"<]+)"', s)}
    shipped = set(vectors())
    assert used <= shipped, f"unknown vectors: {sorted(used - shipped)}"
    assert shipped <= used, f"vectors no scenario runs: {sorted(shipped - used)[:10]}"


def test_the_kit_ships_the_published_vectors_and_schemas() -> None:
    """The package data are the repository's files (symlinks), not copies that could drift."""
    published = json.loads(
        (ROOT / "schemas" / "vectors" / "calculation-vectors.json").read_text(encoding="utf-8")
    )
    assert len(vectors()) == len(published["vectors"])
    kit = ROOT / "seikatsu_std" / "conformance" / "data"
    assert (kit / "records").resolve() == (ROOT / "schemas" / "records").resolve()
    assert (kit / "calculation-vectors.json").resolve() == (
        ROOT / "schemas" / "vectors" / "calculation-vectors.json"
    ).resolve()
