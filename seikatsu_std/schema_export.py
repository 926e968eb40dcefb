"""Generate the published JSON Schemas from the models.

The models are the source of truth; ``schemas/`` holds what this module
generates (``seikatsu-std schemas generate``). The test suite regenerates in
memory and fails when the committed files differ.

Layout under the output directory::

    records/<record_type>.schema.json      one per top-level record
    seikatsu-std.bundle.schema.json        every record, chosen by record_type
    requirement-catalogue.schema.json      the requirement catalogue file

Each schema is Draft 2020-12 with a stable ``$id``
(``urn:seikatsu-std:<standard version>:schema:<name>``) and carries the
standard's version in ``x-standard-version``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from seikatsu_std import STANDARD_VERSION
from seikatsu_std.api.contract import openapi_document
from seikatsu_std.calc.columnar import ColumnarBatch
from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.calc.results import CalculationFailure, CalculationResult
from seikatsu_std.conformance.profile import ConformanceProfile
from seikatsu_std.conformance.report import ConformanceReport
from seikatsu_std.model import RECORD_MODELS, Record
from seikatsu_std.requirements import RequirementCatalogue
from seikatsu_std.standards.model import Edition, TableSpec

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
GENERATED_NOTE = (
    "Generated from the seikatsu_std models by `seikatsu-std schemas generate`; do not edit."
)
BUNDLE_NAME = "seikatsu-std.bundle"
CATALOGUE_NAME = "requirement-catalogue"

Schema = dict[str, Any]

#: Every record with a published schema: the standard's data model and the
#: calculation's input and result.
PUBLISHED_RECORDS: tuple[type[Record], ...] = (
    *RECORD_MODELS,
    CalculationInput,
    CalculationResult,
    CalculationFailure,
)

#: Schemas of documents that are not records, by file name (``<name>.schema.json``).
DOCUMENT_MODELS: dict[str, type[BaseModel]] = {
    CATALOGUE_NAME: RequirementCatalogue,
    "calculation-columns": ColumnarBatch,
    "standards-table": TableSpec,
    "standards-edition": Edition,
    "conformance-report": ConformanceReport,
    "conformance-profile": ConformanceProfile,
}


def published_record_types() -> list[str]:
    """``record_type`` of every published record."""
    return [model.record_type_name() for model in PUBLISHED_RECORDS]


def schema_id(name: str) -> str:
    """The stable ``$id`` of the schema called ``name`` in this standard version."""
    return f"urn:seikatsu-std:{STANDARD_VERSION}:schema:{name}"


def _model_schema(model: type[BaseModel], name: str) -> Schema:
    body = model.model_json_schema(schema_generator=GenerateJsonSchema, mode="validation")
    return {
        "$schema": DRAFT_2020_12,
        "$id": schema_id(name),
        "$comment": GENERATED_NOTE,
        "x-standard-version": STANDARD_VERSION,
        **body,
    }


@cache
def record_schemas() -> Mapping[str, Schema]:
    """Schema of every top-level record, keyed by ``record_type``."""
    return {
        model.record_type_name(): _model_schema(model, model.record_type_name())
        for model in PUBLISHED_RECORDS
    }


def bundle_schema() -> Schema:
    """One schema accepting any record, dispatched on ``record_type``.

    Dispatch uses ``if``/``then`` rather than ``oneOf`` so that a record is
    checked only against its own schema and errors name the real problem.
    """
    schemas = record_schemas()
    return {
        "$schema": DRAFT_2020_12,
        "$id": schema_id(BUNDLE_NAME),
        "$comment": GENERATED_NOTE,
        "x-standard-version": STANDARD_VERSION,
        "title": "生活保護システム標準仕様 データレコード",
        "description": "標準仕様のいずれかのレコード。record_type により該当するレコードの定義で検査する。",
        "type": "object",
        "required": ["record_type"],
        "properties": {
            "record_type": {"title": "レコード種別", "enum": sorted(schemas)},
        },
        "allOf": [
            {
                "if": {"properties": {"record_type": {"const": record_type}}},
                "then": {"$ref": schema["$id"]},
            }
            for record_type, schema in sorted(schemas.items())
        ],
        "$defs": dict(sorted(schemas.items())),
    }


def document_schema(name: str) -> Schema:
    """Schema of a non-record document (catalogue, columnar batch, standards files)."""
    return _document_schemas()[name]


@cache
def _document_schemas() -> Mapping[str, Schema]:
    return {name: _model_schema(model, name) for name, model in DOCUMENT_MODELS.items()}


def catalogue_schema() -> Schema:
    """Schema of the requirement catalogue file."""
    return document_schema(CATALOGUE_NAME)


def render(schema: Schema) -> str:
    """The canonical text of a schema file (stable key order, UTF-8, newline at end)."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def expected_files() -> dict[str, str]:
    """Every generated file, keyed by its path relative to the schemas directory."""
    files = {
        f"records/{record_type}.schema.json": render(schema)
        for record_type, schema in record_schemas().items()
    }
    files[f"{BUNDLE_NAME}.schema.json"] = render(bundle_schema())
    for name in DOCUMENT_MODELS:
        files[f"{name}.schema.json"] = render(document_schema(name))
    files["openapi.json"] = render(openapi_document())
    return files


def generated_paths(out_dir: Path) -> set[str]:
    """Record schema files present in ``out_dir`` (to find stale ones after a rename)."""
    return {p.relative_to(out_dir).as_posix() for p in out_dir.glob("records/*.schema.json")}


def write_schemas(out_dir: Path) -> list[str]:
    """Write every schema into ``out_dir``; remove stale generated files. Returns changed paths."""
    changed: list[str] = []
    expected = expected_files()
    for stale in sorted(generated_paths(out_dir) - expected.keys()):
        (out_dir / stale).unlink()
        changed.append(stale)
    for relative, text in expected.items():
        target = out_dir / relative
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(relative)
    return changed


def drift(out_dir: Path) -> list[str]:
    """Paths whose committed content differs from what the models generate."""
    expected = expected_files()
    problems = [f"stale: {p}" for p in sorted(generated_paths(out_dir) - expected.keys())]
    for relative, text in expected.items():
        target = out_dir / relative
        if not target.exists():
            problems.append(f"missing: {relative}")
        elif target.read_text(encoding="utf-8") != text:
            problems.append(f"differs: {relative}")
    return problems
