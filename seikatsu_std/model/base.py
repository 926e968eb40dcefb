"""Building blocks shared by every record of the standard.

- :class:`StdModel` — frozen, strict-about-extra-keys pydantic model; every
  field must carry a Japanese ``title`` and a ``description`` (a test walks
  all models to hold this).
- :class:`Record` — a top-level record of the standard: it has a
  ``record_type`` discriminator and gets its own JSON Schema.
- :class:`LabelledEnum` — an enum whose members carry the official Japanese
  label; the JSON Schema renders it as ``oneOf`` of ``const`` + ``title``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema


class LabelledEnum(StrEnum):
    """A string enum whose members carry their official Japanese label.

    Members are declared as ``NAME = "ascii_value", "日本語ラベル"``. The ASCII
    value is what data files carry; the label is what people read.
    """

    _value_: str
    label: str

    #: Japanese title of the whole enumeration (set on each subclass).
    __title__: ClassVar[str] = ""

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema: dict[str, Any] = {
            "type": "string",
            "title": cls.__title__ or cls.__name__,
            "oneOf": [{"const": member.value, "title": member.label} for member in cls],
        }
        if cls.__doc__:
            schema["description"] = " ".join(cls.__doc__.split())
        return schema

    @classmethod
    def parse(cls, value: str) -> Self:
        """The member whose value is ``value`` (ValueError naming the allowed values)."""
        for member in cls:
            if member.value == value:
                return member
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(f"{cls.__name__}: unknown value {value!r} (allowed: {allowed})")

    @classmethod
    def from_label(cls, label: str) -> LabelledEnum:
        """Return the member whose Japanese label is ``label`` (ValueError if none)."""
        for member in cls:
            if member.label == label:
                return member
        allowed = "、".join(m.label for m in cls)
        raise ValueError(f"{cls.__name__}: unknown label {label!r} (allowed: {allowed})")


class StdModel(BaseModel):
    """Base of every structure in the standard's data model."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_default=True,
        # Records hold personal data; a validation error that reaches a log
        # must not carry the offending value (names, My Number, addresses).
        hide_input_in_errors=True,
    )


def _require_record_type(schema: dict[str, Any]) -> None:
    """Make ``record_type`` required in the published schema.

    Python callers need not pass it (it has a default), but a data file must
    say what each record is, so the interchange schema requires it.
    """
    required = [name for name in schema.get("required", []) if name != "record_type"]
    schema["required"] = ["record_type", *required]


class Record(StdModel):
    """A top-level record of the standard (one JSON Schema, one example each).

    Each subclass declares ``record_type: Literal["…"] = record_type_field("…")``.
    """

    model_config = ConfigDict(json_schema_extra=_require_record_type)

    @classmethod
    def record_type_name(cls) -> str:
        """The value of ``record_type`` that identifies this record in data files."""
        value = cls.model_fields["record_type"].default
        if not isinstance(value, str):  # a subclass forgot record_type_field()
            raise TypeError(f"{cls.__name__} does not declare record_type")
        return value


def record_type_field(value: str) -> Any:
    """The ``record_type`` field of a top-level record (a constant discriminator)."""
    return Field(
        value,
        title="レコード種別",
        description="データファイル中でこのレコードの種類を示す固定値。",
    )
