"""Which requirements the feature files cover: scenarios per requirement, tags checked.

Reads the shipped feature files with the Gherkin parser pytest-bdd uses. A
scenario outline counts once per example row (that is how it runs). Used by
the test suite (every requirement has a scenario, every tag is known, the
level tag matches the catalogue) and by the documentation's coverage table.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import attrs
from gherkin.parser import Parser

from seikatsu_std.conformance.locations import FEATURES_DIR
from seikatsu_std.requirements import REQUIREMENT_ID_PATTERN, RequirementLevel, load_catalogue

LEVEL_TAGS = frozenset(level.value for level in RequirementLevel)


@attrs.frozen
class ScenarioEntry:
    """One scenario (or outline) of a feature file, with its tags."""

    file: str
    feature: str
    name: str
    line: int
    tags: frozenset[str]
    runs: int
    #: The steps as written (a data table's rows follow its step, indented).
    steps: tuple[str, ...]
    #: The example rows of an outline (column → value), empty for a plain scenario.
    examples: tuple[dict[str, str], ...] = ()

    @property
    def requirements(self) -> frozenset[str]:
        """The requirement IDs it is tagged with."""
        return frozenset(t for t in self.tags if REQUIREMENT_ID_PATTERN.match(t))

    @property
    def levels(self) -> frozenset[str]:
        """Its level tags (mandatory / optional / not_allowed)."""
        return self.tags & LEVEL_TAGS


def _children(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for child in node.get("children", []):
        if "scenario" in child:
            yield child["scenario"]
        elif "rule" in child:
            yield from _children(child["rule"])


def _step_lines(step: dict[str, Any]) -> list[str]:
    """A step as written: its keyword and text, then its data table's rows (indented)."""
    lines = [f"{step['keyword'].strip()} {step['text']}"]
    for row in step.get("dataTable", {}).get("rows", []):
        lines.append("  | " + " | ".join(cell["value"] for cell in row["cells"]) + " |")
    return lines


@cache
def scenarios(root: Path = FEATURES_DIR) -> tuple[ScenarioEntry, ...]:
    """Every scenario of every ``*.feature`` under ``root`` (sorted by file and line)."""
    parser = Parser()
    found = []
    for path in sorted(root.rglob("*.feature")):
        document: Any = parser.parse(path.read_text(encoding="utf-8"))
        feature: dict[str, Any] = document["feature"]
        feature_tags = {t["name"].lstrip("@") for t in feature.get("tags", [])}
        for scenario in _children(feature):
            examples = tuple(
                {
                    head["value"]: cell["value"]
                    for head, cell in zip(table["tableHeader"]["cells"], row["cells"], strict=True)
                }
                for table in scenario.get("examples", [])
                if table.get("tableHeader")
                for row in table.get("tableBody", [])
            )
            found.append(
                ScenarioEntry(
                    file=str(path.relative_to(root)),
                    feature=feature["name"],
                    name=scenario["name"],
                    line=scenario["location"]["line"],
                    tags=frozenset(
                        feature_tags | {t["name"].lstrip("@") for t in scenario["tags"]}
                    ),
                    runs=len(examples) or 1,
                    steps=tuple(
                        line for step in scenario.get("steps", []) for line in _step_lines(step)
                    ),
                    examples=examples,
                )
            )
    return tuple(found)


def scenarios_by_requirement(root: Path = FEATURES_DIR) -> dict[str, list[ScenarioEntry]]:
    """Requirement ID → its scenarios (every catalogue requirement is a key)."""
    table: dict[str, list[ScenarioEntry]] = {r.id: [] for r in load_catalogue().requirements}
    for entry in scenarios(root):
        for requirement_id in entry.requirements:
            table.setdefault(requirement_id, []).append(entry)
    return table


def tagging_problems(root: Path = FEATURES_DIR) -> list[str]:
    """Everything wrong with the tags: unknown IDs, missing or wrong level, untagged scenarios."""
    catalogue = load_catalogue().by_id()
    problems = []
    for entry in scenarios(root):
        where = f"{entry.file}:{entry.line} {entry.name}"
        if not entry.requirements:
            problems.append(f"{where}: no requirement tag")
        unknown = sorted(r for r in entry.requirements if r not in catalogue)
        if unknown:
            problems.append(f"{where}: unknown requirement(s) {', '.join(unknown)}")
        if len(entry.levels) != 1:
            problems.append(f"{where}: needs exactly one level tag, has {sorted(entry.levels)}")
        expected = {catalogue[r].level.value for r in entry.requirements if r in catalogue}
        if entry.levels and expected and entry.levels != expected:
            problems.append(
                f"{where}: level tag {sorted(entry.levels)} but the catalogue says {sorted(expected)}"
            )
        for tag in entry.tags - entry.requirements - LEVEL_TAGS:
            problems.append(f"{where}: unknown tag @{tag}")
    return problems
