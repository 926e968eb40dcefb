"""Fields of the standard named the way scenarios name them: by their Japanese title.

A scenario says 応答の "処理期限" or puts 決定の種類 in a table; the standard
gives every field a ``title`` (the published JSON Schemas carry the same
titles). These helpers find the field with that title in a request or response
model of the standard API (nested records included, the nearest first, plain
values before records), and convert between the scenario's words and the JSON
value: the labels of enumerations, あり／なし for yes-or-no fields, amounts
written with commas.

A title the model does not have means that the standard does not define the
item; the step then cannot verify the scenario on any target, and says so
(:class:`~seikatsu_std.conformance.targets.UnsupportedStepError`) instead of
blaming the target.
"""

from __future__ import annotations

import types
from collections import deque
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from seikatsu_std.api.contract import API_PREFIX, operation_at
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.targets import UnsupportedStepError
from seikatsu_std.model.base import LabelledEnum

#: How scenarios write a yes-or-no value.
YES_NO = {"あり": True, "なし": False}
#: How deep nested records are searched for a title (a reply nests a record in a view).
_MAX_DEPTH = 3


def yen(text: str) -> int:
    """An amount as scenarios write it (``"128,450"``, ``"128,450円"``)."""
    return int(text.replace(",", "").replace("円", "").strip())


def _kinds(annotation: Any) -> tuple[Any, ...]:
    """The types an annotation allows, without ``None`` and ``Annotated`` metadata."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kinds(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return tuple(k for a in get_args(annotation) if a is not type(None) for k in _kinds(a))
    return (annotation,)


def _is_record(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def model_title(model: type[BaseModel]) -> str:
    """The Japanese title of a model of the standard."""
    return str(model.model_config.get("title") or model.__name__)


@dataclass(frozen=True)
class FieldAt:
    """A field of a model, where it sits in the JSON document and what it holds."""

    path: tuple[str, ...]
    title: str
    kinds: tuple[Any, ...]

    @property
    def json_path(self) -> str:
        """The field's JSONPath (as problems name fields: ``$.amounts.living``)."""
        return "$." + ".".join(self.path)

    @property
    def record(self) -> type[BaseModel] | None:
        """The nested record type, if the field holds a record."""
        found = [k for k in self.kinds if _is_record(k)]
        return found[0] if found else None

    @property
    def enum(self) -> type[LabelledEnum] | None:
        """The enumeration, if the field holds one of its members."""
        found = [k for k in self.kinds if isinstance(k, type) and issubclass(k, LabelledEnum)]
        return found[0] if found else None

    def holds(self, kind: type) -> bool:
        """Whether the field holds values of exactly ``kind`` (a ``bool`` is no ``int``)."""
        return any(k is kind for k in self.kinds)

    @property
    def is_list(self) -> bool:
        """Whether the field holds a list."""
        return any(get_origin(k) is list for k in self.kinds)


@cache
def fields_of(model: type[BaseModel]) -> tuple[FieldAt, ...]:
    """Every field of ``model`` and of the records it nests (breadth first)."""
    found: list[FieldAt] = []
    queue: deque[tuple[type[BaseModel], tuple[str, ...]]] = deque([(model, ())])
    while queue:
        current, prefix = queue.popleft()
        for name, info in current.model_fields.items():
            field = FieldAt((*prefix, name), info.title or name, _kinds(info.annotation))
            found.append(field)
            nested = field.record
            if nested is not None and len(field.path) < _MAX_DEPTH:
                queue.append((nested, field.path))
    return tuple(found)


def field_titled(model: type[BaseModel], title: str) -> FieldAt:
    """The field of ``model`` titled ``title``: a plain value before a record, the nearest first.

    A title no field has may be the title of the enumeration a field holds.

    Raises :class:`UnsupportedStepError` if the standard's model has no such field.
    """
    matches = [f for f in fields_of(model) if f.title == title]
    if not matches:
        # An enumeration's own title names its field too (廃止の理由 → 廃止の理由の区分).
        matches = [f for f in fields_of(model) if f.enum is not None and _enum_title(f) == title]
    if not matches:
        raise UnsupportedStepError(f"標準の「{model_title(model)}」に「{title}」の項目はありません")
    plain = [f for f in matches if f.record is None] or matches
    nearest = min(len(f.path) for f in plain)
    candidates = [f for f in plain if len(f.path) == nearest]
    if len(candidates) > 1:
        paths = ", ".join(f.json_path for f in candidates)
        raise ValueError(f"「{title}」 is ambiguous in {model.__name__}: {paths}")
    return candidates[0]


def _enum_title(field: FieldAt) -> str | None:
    enum = field.enum
    title = getattr(enum, "__title__", None)
    return title if isinstance(title, str) else None


def value_at(document: Any, field: FieldAt) -> Any:
    """The value of ``field`` in a JSON document (``None`` if absent)."""
    value = document
    for name in field.path:
        if not isinstance(value, dict):
            return None
        value = value.get(name)
    return value


def shown(value: Any, field: FieldAt) -> str:
    """A JSON value the way a scenario writes it (labels for enumerations, あり／なし)."""
    enum = field.enum
    if enum is not None and isinstance(value, str):
        member = next((m for m in enum if m.value == value), None)
        return member.label if member is not None else value
    if isinstance(value, bool):
        return next(text for text, flag in YES_NO.items() if flag is value)
    return "" if value is None else str(value)


def same(value: Any, field: FieldAt, expected: str) -> bool:
    """Whether a JSON value is what the scenario wrote."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value == yen(expected)
    return shown(value, field) == expected


def json_value(field: FieldAt, text: str) -> Any:
    """The JSON value for what a scenario wrote in a field of a request.

    A label that the standard's enumeration (or yes-or-no field) does not have
    cannot be sent as the standard defines it: :class:`UnsupportedStepError`.
    """
    enum = field.enum
    if enum is not None:
        member = next((m for m in enum if m.label == text), None)
        if member is None:
            labels = "・".join(m.label for m in enum)
            raise UnsupportedStepError(
                f"標準の「{field.title}」に「{text}」はありません（定められているのは {labels}）"
            )
        return member.value
    if field.holds(bool):
        if text not in YES_NO:
            raise UnsupportedStepError(
                f"標準の「{field.title}」は あり／なし で記録します（「{text}」は記録できません）"
            )
        return YES_NO[text]
    if field.holds(int):
        return yen(text)
    if field.is_list:
        return [text]
    return text


def body_from_rows(model: type[BaseModel], rows: list[list[str]]) -> dict[str, Any]:
    """A request body of ``model`` from a two-column table of titles and values.

    A blank value means the item was not entered (it is left out of the body).
    """
    body: dict[str, Any] = {}
    for title, text in rows:
        if not text.strip():
            continue
        field = field_titled(model, title.strip())
        put(body, field, json_value(field, text.strip()))
    return body


def put(body: dict[str, Any], field: FieldAt, value: Any) -> None:
    """Set ``field`` in a JSON document, making the records on its path."""
    target = body
    for name in field.path[:-1]:
        target = target.setdefault(name, {})
    target[field.path[-1]] = value


def drop(body: dict[str, Any], field: FieldAt) -> None:
    """Leave ``field`` out of a JSON document."""
    target = body
    for name in field.path[:-1]:
        target = target.get(name, {})
    target.pop(field.path[-1], None)


def reply_model(state: ScenarioState) -> type[BaseModel]:
    """The standard's model of the last reply (from the operation that gave it)."""
    reply = state.last()
    exchange = next((x for x in reversed(state.target.exchanges) if x.response is reply.body), None)
    if exchange is None:
        raise LookupError("the last reply is not among the target's exchanges")
    operation = operation_at(exchange.method, exchange.path.removeprefix(API_PREFIX))
    model = operation.responses.get(exchange.status) if operation is not None else None
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise AssertionError(
            f"{exchange.method} {exchange.path} → {exchange.status}: the standard defines no record "
            "for this reply"
        )
    return model
