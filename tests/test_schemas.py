"""The published JSON Schemas: generated, current, valid, and agreeing with the models.

jsonschema (Python) is the reference validator here; jsonschema-rs, used for
bulk validation, must agree with it on every example and on broken variants.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from referencing import Registry, Resource

from seikatsu_std import STANDARD_VERSION
from seikatsu_std.schema_export import (
    PUBLISHED_RECORDS,
    bundle_schema,
    catalogue_schema,
    drift,
    published_record_types,
    schema_id,
)
from seikatsu_std.validation import format_checkers
from tests.support import SCHEMAS, load_example


def _model(record_type: str) -> Any:
    return next(m for m in PUBLISHED_RECORDS if m.record_type_name() == record_type)


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()
    for name, function in format_checkers().items():
        checker.checks(name)(function)
    return checker


def _record_schema(record_type: str) -> dict[str, Any]:
    path = SCHEMAS / "records" / f"{record_type}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _reference(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=_format_checker())


def _fast(schema: dict[str, Any]) -> Any:
    return jsonschema_rs.Draft202012Validator(
        schema, formats=format_checkers(), validate_formats=True
    )


def test_committed_schemas_match_the_models():
    assert drift(SCHEMAS) == [], "run `seikatsu-std schemas generate`"


@pytest.mark.parametrize("record_type", published_record_types())
def test_record_schema_is_valid_draft_2020_12_with_a_stable_id(record_type):
    schema = _record_schema(record_type)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:seikatsu-std:{STANDARD_VERSION}:schema:{record_type}"
    assert schema["x-standard-version"] == STANDARD_VERSION
    assert "record_type" in schema["required"]


@pytest.mark.parametrize("record_type", published_record_types())
def test_example_is_valid_for_every_validator(record_type):
    example = load_example(record_type)
    schema = _record_schema(record_type)
    assert list(_reference(schema).iter_errors(example)) == []
    assert _fast(schema).is_valid(example)
    _model(record_type).model_validate(example)


def _first_required(schema: dict[str, Any]) -> str:
    return next(name for name in schema["required"] if name != "record_type")


def _mutations(example: dict[str, Any], schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    variants = []
    missing = copy.deepcopy(example)
    del missing[_first_required(schema)]
    variants.append(("missing required property", missing))
    extra = copy.deepcopy(example)
    extra["not_in_the_standard"] = True
    variants.append(("extra property", extra))
    wrong_type = copy.deepcopy(example)
    wrong_type["record_type"] = "something_else"
    variants.append(("wrong record_type", wrong_type))
    return variants


@pytest.mark.parametrize("record_type", published_record_types())
def test_validators_agree_on_broken_examples(record_type):
    schema = _record_schema(record_type)
    reference, fast = _reference(schema), _fast(schema)
    for label, broken in _mutations(load_example(record_type), schema):
        assert not reference.is_valid(broken), label
        assert not fast.is_valid(broken), label


@pytest.mark.parametrize(
    ("record_type", "path", "value"),
    [
        ("household", ("municipality_code",), "131149"),
        ("welfare_office", ("payer_number",), "12131141"),
        ("personal_number", ("my_number",), "983205673215"),
    ],
)
def test_check_digits_are_enforced_by_both_validators(record_type, path, value):
    example = load_example(record_type)
    target = example
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    schema = _record_schema(record_type)
    assert not _reference(schema).is_valid(example)
    assert not _fast(schema).is_valid(example)


def test_bundle_accepts_every_example_and_dispatches_on_record_type():
    bundle = bundle_schema()
    jsonschema.Draft202012Validator.check_schema(bundle)
    registry: Registry[Any] = Registry().with_resource(
        bundle["$id"], Resource.from_contents(bundle)
    )
    reference = jsonschema.Draft202012Validator(
        bundle, registry=registry, format_checker=_format_checker()
    )
    fast = _fast(bundle)
    for record_type in published_record_types():
        example = load_example(record_type)
        assert list(reference.iter_errors(example)) == [], record_type
        assert fast.is_valid(example), record_type
        broken = copy.deepcopy(example)
        del broken[_first_required(_record_schema(record_type))]
        assert not reference.is_valid(broken), record_type
        assert not fast.is_valid(broken), record_type
    assert not fast.is_valid({"record_type": "unicorn"})
    assert not fast.is_valid({"id": "x"})


def test_enums_render_with_official_labels():
    schema = _record_schema("decision")
    kinds = schema["$defs"]["DecisionKind"]
    assert kinds["title"] == "決定の種類"
    assert {o["const"]: o["title"] for o in kinds["oneOf"]} == {
        "start": "開始",
        "rejection": "却下",
        "change": "変更",
        "suspension": "停止",
        "termination": "廃止",
    }


def test_my_number_schema_never_has_an_example_or_default():
    schema = _record_schema("personal_number")["properties"]["my_number"]
    assert schema["format"] == "jp-my-number"
    assert "examples" not in schema
    assert "default" not in schema


def test_catalogue_schema_is_published():
    schema = catalogue_schema()
    assert schema["$id"] == schema_id("requirement-catalogue")
    jsonschema.Draft202012Validator.check_schema(schema)
