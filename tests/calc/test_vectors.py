"""The language-neutral calculation test vectors (``schemas/vectors/``).

The vector file must be valid against its published schema, identical to what
``tools/build_vectors.py`` generates now, cover every group the standard
promises, and replay: every vector run through :class:`Calculator` gives every
expected field (or the expected error).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from functools import cache
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from seikatsu_std import STANDARD_VERSION
from seikatsu_std.calc import CalculationError, Calculator
from seikatsu_std.calc.vectors import HAND_SOURCE, ExpectedError, VectorFile, VectorValues
from seikatsu_std.model.base import StdModel
from seikatsu_std.schema_export import DRAFT_2020_12, schema_id
from seikatsu_std.standards import load_standards
from tests.support import ROOT, SCHEMAS

VECTORS_DIR = SCHEMAS / "vectors"
VECTORS = VECTORS_DIR / "calculation-vectors.json"
SCHEMA = VECTORS_DIR / "calculation-vectors.schema.json"
REGENERATE = "run python tools/build_vectors.py"

#: Minimum number of vectors per tag (a tag group, or a group:value tag).
REQUIRED_TAGS: dict[str, int] = {
    "age_band": 60,
    "age_boundary": 30,
    "household_size": 10,
    "size_5_plus_row": 6,
    "kyuchi": 10,
    "basis_choice": 6,
    "wins:basis1": 3,
    "wins:basis2": 3,
    "rounding": 10,
    "rounding:exact": 3,
    "rounding:just_above": 3,
    "transitional": 5,
    "single_parent": 8,
    "same_person": 4,
    "disabled_child": 2,
    "child_18": 6,
    "child_rearing_transitional": 5,
    "pregnancy": 6,
    "home_patient": 3,
    "radiation": 2,
    "care_premium": 2,
    "housing": 30,
    "housing:city": 10,
    "housing:prefecture": 10,
    "rent:over-limit": 10,
    "rent:under-limit": 4,
    "education": 3,
    "high_school": 2,
    "in_kind": 4,
    "own_payment": 2,
    "one_off": 6,
    "childbirth": 3,
    "funeral": 4,
    "basic_deduction": 15,
    "earner:first": 8,
    "earner:second": 5,
    "new_job": 4,
    "minor_deduction": 4,
    "occasional_income": 3,
    "excluded_income": 1,
    "proration": 8,
    "winter_error": 20,
    "non_winter_month": 6,
    "year_end": 6,
    "provisional": 20,
    "special_addition": 5,
    "unknown_municipality": 1,
    "facility_error": 4,
    "inpatient": 4,
    "error": 30,
    "hand_derived": 40,
}
#: Every value of these must appear (each 級地, region, size, size band, month length).
REQUIRED_VALUES: dict[str, set[str]] = {
    "kyuchi": {"1-1", "1-2", "2-1", "2-2", "3-1", "3-2"},
    "region": {"I", "II", "III", "IV", "V", "VI"},
    "size": {str(n) for n in range(1, 11)},
    "housing_band": {"1", "2", "3-5", "6", "7plus"},
    "days_in_month": {"28", "29", "30", "31"},
    "children": {"1", "2", "3", "4"},
    "boundary": {"3", "6", "12", "18", "20", "41", "60", "65", "70", "75"},
}


@cache
def _tool() -> ModuleType:
    """``tools/build_vectors.py`` as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "seikatsu_tools_build_vectors", ROOT / "tools" / "build_vectors.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(VECTORS.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def vector_file(raw: dict[str, Any]) -> VectorFile:
    return VectorFile.model_validate(raw)


def test_the_file_is_valid_against_its_published_schema(raw):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["$id"] == schema_id("calculation-vectors")
    assert schema["x-standard-version"] == STANDARD_VERSION
    errors = sorted(Draft202012Validator(schema).iter_errors(raw), key=lambda e: e.json_path)
    assert [f"{e.json_path}: {e.message}" for e in errors[:5]] == []
    assert raw["standard_version"] == STANDARD_VERSION


def test_the_committed_files_are_what_the_tool_generates_now():
    tool = _tool()
    try:
        expected = tool.render_files()
    except tool.BuildError as exc:
        pytest.fail(
            f"the engine no longer agrees with the vectors' expectations ({REGENERATE}):\n{exc}"
        )
    for name, text in expected.items():
        path = VECTORS_DIR / name
        assert path.exists(), f"schemas/vectors/{name} is missing: {REGENERATE}"
        assert path.read_text(encoding="utf-8") == text, (
            f"schemas/vectors/{name} is stale: {REGENERATE}"
        )


def test_there_are_enough_vectors_in_every_required_group(vector_file):
    vectors = vector_file.vectors
    assert len(vectors) >= 300
    counts: Counter[str] = Counter()
    values: dict[str, set[str]] = {}
    for vector in vectors:
        tags = set(vector.tags)
        groups = {tag.partition(":")[0] for tag in tags}
        counts.update(tags | groups)
        for tag in tags:
            group, _, value = tag.partition(":")
            if value:
                values.setdefault(group, set()).add(value)
    short = {tag: (counts[tag], need) for tag, need in REQUIRED_TAGS.items() if counts[tag] < need}
    assert short == {}
    missing = {
        group: sorted(need - values.get(group, set())) for group, need in REQUIRED_VALUES.items()
    }
    assert {group: gap for group, gap in missing.items() if gap} == {}


def test_hand_derived_vectors_are_at_least_forty_and_agree_with_the_hand_arithmetic(vector_file):
    tool = _tool()
    hand = [v for v in vector_file.vectors if v.source == HAND_SOURCE]
    assert len(hand) >= 40
    for vector in hand:
        assert "hand_derived" in vector.tags
        assert "手計算" in vector.derivation
        values, _ = tool.hand_calculate(vector.input.model_dump(mode="json", exclude_none=True))
        assert VectorValues.model_validate(values) == vector.expected, vector.id


def test_every_vector_replays_through_the_calculator(vector_file):
    standards = load_standards(use_environment=False)
    calculators = {flag: Calculator(standards, allow_provisional=flag) for flag in (False, True)}
    failures: list[str] = []
    for vector in vector_file.vectors:
        calculator = calculators[vector.allow_provisional]
        expected = vector.expected
        try:
            result = calculator.calculate(vector.input, explain=True)
        except CalculationError as exc:
            if not isinstance(expected, ExpectedError):
                failures.append(f"{vector.id}: unexpected error {exc}")
            elif expected.error.contains not in str(exc):
                failures.append(f"{vector.id}: error {exc!s} lacks {expected.error.contains!r}")
            continue
        if isinstance(expected, ExpectedError):
            failures.append(
                f"{vector.id}: expected an error containing {expected.error.contains!r}"
            )
            continue
        observed = VectorValues.from_result(result).model_dump()
        wanted = expected.model_dump()
        for field, value in wanted.items():
            if observed[field] != value:
                failures.append(f"{vector.id}: {field} = {observed[field]!r}, expected {value!r}")
    assert failures == []


def test_components_add_up_to_the_needs_of_every_full_month_vector(vector_file):
    kinds = (
        "living",
        "education",
        "housing",
        "medical",
        "care",
        "childbirth",
        "occupational",
        "funeral",
    )
    for vector in vector_file.vectors:
        expected = vector.expected
        if (
            isinstance(expected, ExpectedError)
            or vector.input.covered_from
            or vector.input.covered_to
        ):
            continue
        totals = dict.fromkeys(kinds, 0)
        for code, amount in expected.components.items():
            prefix = code.split(".")[0]
            totals["living" if prefix == "addition" else prefix] += amount
        assert totals == expected.needs.model_dump(), vector.id
        assert expected.minimum_living_cost == sum(totals.values()), vector.id


def test_ids_are_stable_and_match_the_calculation_ids(vector_file):
    for vector in vector_file.vectors:
        assert vector.input.id == vector.id
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", vector.id)


def test_vector_models_have_japanese_titles_and_descriptions():
    japanese = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
    from seikatsu_std.calc import vectors as module

    models = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, StdModel)
        and value.__module__ == module.__name__
    ]
    assert len(models) >= 4
    for model in models:
        assert japanese.search(str(model.model_config.get("title", ""))), model.__name__
        assert model.__doc__, model.__name__
        for name, field in model.model_fields.items():
            assert japanese.search(field.title or ""), f"{model.__name__}.{name}"
            assert field.description, f"{model.__name__}.{name}"
