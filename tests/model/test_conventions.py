"""Conventions every record of the standard keeps (so schemas and docs are complete)."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from seikatsu_std.model import LabelledEnum
from seikatsu_std.model.base import StdModel
from seikatsu_std.schema_export import PUBLISHED_RECORDS, published_record_types
from tests.support import EXAMPLES, load_example


def _model(record_type: str) -> type[BaseModel]:
    return next(m for m in PUBLISHED_RECORDS if m.record_type_name() == record_type)


JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _walk_types(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is None:
        return [annotation]
    found: list[Any] = []
    for arg in get_args(annotation):
        found.extend(_walk_types(arg))
    return found


def _reachable() -> tuple[set[type[BaseModel]], set[type[Enum]]]:
    models: set[type[BaseModel]] = set()
    enums: set[type[Enum]] = set()
    todo: list[type[BaseModel]] = list(PUBLISHED_RECORDS)
    while todo:
        model = todo.pop()
        if model in models:
            continue
        models.add(model)
        for field in model.model_fields.values():
            for kind in _walk_types(field.annotation):
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    todo.append(kind)
                elif isinstance(kind, type) and issubclass(kind, Enum):
                    enums.add(kind)
    return models, enums


def test_every_field_has_a_japanese_title_and_a_description():
    models, _ = _reachable()
    missing = [
        f"{model.__name__}.{name}"
        for model in models
        for name, field in model.model_fields.items()
        if not (field.title and JAPANESE.search(field.title) and field.description)
    ]
    assert missing == []


def test_every_model_has_a_japanese_title_and_docstring():
    models, _ = _reachable()
    untitled = [
        m.__name__
        for m in models
        if not (JAPANESE.search(str(m.model_config.get("title", ""))) and m.__doc__)
    ]
    assert untitled == []


def test_every_model_is_a_frozen_std_model():
    models, _ = _reachable()
    assert [m.__name__ for m in models if not issubclass(m, StdModel)] == []


def test_every_enum_carries_japanese_labels():
    _, enums = _reachable()
    assert enums, "the walk found no enums: the test would be vacuous"
    problems = []
    for enum in enums:
        if not issubclass(enum, LabelledEnum):
            problems.append(f"{enum.__name__} is not a LabelledEnum")
            continue
        if not JAPANESE.search(enum.__title__):
            problems.append(f"{enum.__name__} has no Japanese __title__")
        problems += [f"{enum.__name__}.{m.name}" for m in enum if not JAPANESE.search(m.label)]
        labels = [m.label for m in enum]
        if len(set(labels)) != len(labels):
            problems.append(f"{enum.__name__} repeats a label")
    assert problems == []


def test_every_record_type_has_a_valid_example():
    published = sorted(p.name.removesuffix(".example.json") for p in EXAMPLES.glob("*.json"))
    assert published == sorted(published_record_types())
    for record_type in published_record_types():
        record = _model(record_type).model_validate(load_example(record_type))
        assert record.record_type == record_type  # type: ignore[attr-defined]


def test_record_types_are_unique_snake_case():
    names = published_record_types()
    assert len(names) == len(set(names)) == len(PUBLISHED_RECORDS)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names)
