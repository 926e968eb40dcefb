"""The feature files as acceptance criteria: every requirement covered, every tag right."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from pathlib import Path

from seikatsu_std.conformance.coverage import scenarios, scenarios_by_requirement, tagging_problems
from seikatsu_std.conformance.runner import STEP_MODULES
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


def _step_texts(module: str) -> list[tuple[str, str, str]]:
    """(keyword, step text, function) of every step the module defines."""
    path = Path(importlib.util.find_spec(module).origin)  # type: ignore[union-attr,arg-type]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name)):
                continue
            if decorator.func.id not in ("given", "when", "then") or not decorator.args:
                continue
            text = decorator.args[0]
            if isinstance(text, ast.Call):  # parsers.parse("…") / parsers.re("…")
                text = text.args[0]
            assert isinstance(text, ast.Constant), f"{module}.{node.name}: step text not literal"
            found.append((decorator.func.id, str(text.value), f"{module}.{node.name}"))
    return found


def test_every_step_is_defined_once_across_the_step_libraries() -> None:
    """Two libraries defining the same step would silently shadow one another."""
    places: dict[tuple[str, str], list[str]] = {}
    for module in STEP_MODULES:
        for keyword, text, where in _step_texts(module):
            places.setdefault((keyword, text), []).append(where)
    assert len(places) > 150
    assert {step: where for step, where in places.items() if len(where) > 1} == {}
