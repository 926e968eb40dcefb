"""Validate data files (JSON, JSON Lines) against the standard's schemas.

Bulk validation uses jsonschema-rs (Draft 2020-12, compiled once per record
type). The identifier check digits are registered as custom ``format``
checkers, so a file is checked exactly as the models check it. Errors carry
the file, the line, the JSON path and a message in Japanese (for the people
fixing the data) and English (for logs). Values are never echoed in messages:
data files hold personal information.

Problems with the file itself (wrong encoding, a malformed line, an unknown
record type) are reported as errors of the record they affect; the rest of
the file is still checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import jsonschema_rs

from seikatsu_std.model.identifiers import IDENTIFIER_SCHEMES
from seikatsu_std.schema_export import document_schema, record_schemas

#: File name suffixes read as JSON Lines (one record per line).
JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: File name suffixes read as one JSON document (a record or an array of records).
JSON_SUFFIXES = frozenset({".json"})


@attrs.frozen
class ValidationIssue:
    """One problem found in a data file."""

    file: str
    #: 1-based line where the problem is (the record's first line if unknown).
    line: int
    #: 0-based index of the record in the file (None for file-level problems).
    record_index: int | None
    record_type: str | None
    #: JSONPath of the offending value within the record (``$`` = the record).
    path: str
    #: Machine-readable code (``required``, ``format``, ``malformed_json``, …).
    code: str
    message_ja: str
    message_en: str

    def as_dict(self) -> dict[str, Any]:
        """The issue as a JSON-serialisable dict."""
        return attrs.asdict(self)


@attrs.define
class ValidationSummary:
    """Counts over everything validated."""

    files: int = 0
    records: int = 0
    invalid_records: int = 0
    issues: int = 0

    @property
    def ok(self) -> bool:
        """True when no issue was found."""
        return self.issues == 0


class UsageError(ValueError):
    """The caller asked for something impossible (unknown type, unreadable path)."""


def format_checkers() -> dict[str, Callable[[str], bool]]:
    """Checkers for the custom identifier formats, by format name."""
    return {name: scheme.is_valid for name, scheme in IDENTIFIER_SCHEMES.items()}


def _compile(schema: dict[str, Any]) -> Any:
    return jsonschema_rs.Draft202012Validator(
        schema, formats=format_checkers(), validate_formats=True
    )


@cache
def _validator(record_type: str) -> Any:
    return _compile(record_schemas()[record_type])


@cache
def _document_validator(name: str) -> Any:
    return _compile(document_schema(name))


Problem = tuple[str, str, str, str]


def _problems(validator: Any, schema: dict[str, Any], value: object) -> list[Problem]:
    if validator.is_valid(value):
        return []
    return [entry for error in validator.iter_errors(value) for entry in _describe(error, schema)]


def known_record_types() -> list[str]:
    """Record types that data files may contain."""
    return list(record_schemas())


@cache
def _structural_validator(record_type: str) -> Any:
    # Only the built-in formats (dates): for bulk calculation, where identifiers
    # are checked by the lookups that use them (an unknown municipality code is
    # an error of its own), the Python check-digit callbacks would cost a third
    # of the validation time.
    return jsonschema_rs.Draft202012Validator(record_schemas()[record_type], validate_formats=True)


class RecordChecker:
    """Checks decoded records; chooses the schema by ``record_type`` or a fixed type.

    ``check_digits=False`` skips the identifier check-digit formats (see
    :func:`_structural_validator`); everything else is validated the same way.
    """

    def __init__(self, fixed_type: str | None = None, *, check_digits: bool = True) -> None:
        self.check_digits = check_digits
        if fixed_type is not None and fixed_type not in record_schemas():
            raise UsageError(
                f"unknown record type {fixed_type!r}; known: {', '.join(known_record_types())}"
            )
        self.fixed_type = fixed_type

    @staticmethod
    def for_schema(name: str) -> DocumentChecker:
        """A checker for a non-record document schema (e.g. ``calculation-columns``)."""
        return DocumentChecker(name)

    def check(self, record: object) -> tuple[str | None, list[tuple[str, str, str, str]]]:
        """Validate one decoded record.

        Returns the record type used and a list of ``(path, code, ja, en)``.
        """
        record_type, problem = self._record_type(record)
        if problem is not None:
            return record_type, [problem]
        assert record_type is not None
        return record_type, _problems(
            _validator(record_type), record_schemas()[record_type], record
        )

    def _record_type(self, record: object) -> tuple[str | None, tuple[str, str, str, str] | None]:
        if not isinstance(record, dict):
            return None, (
                "$",
                "not_an_object",
                "レコードはJSONオブジェクトでなければなりません",
                "a record must be a JSON object",
            )
        declared = record.get("record_type")
        if self.fixed_type is not None:
            if declared is not None and declared != self.fixed_type:
                return self.fixed_type, (
                    "$.record_type",
                    "record_type_mismatch",
                    f"レコード種別が指定の「{self.fixed_type}」と異なります",
                    f"record_type does not match the requested type {self.fixed_type!r}",
                )
            return self.fixed_type, None
        if declared is None:
            return None, (
                "$.record_type",
                "record_type_missing",
                "レコード種別（record_type）がありません。--type で種別を指定するか、各レコードに記載してください",
                "record_type is missing; pass --type or add record_type to each record",
            )
        if not isinstance(declared, str) or declared not in record_schemas():
            return None, (
                "$.record_type",
                "record_type_unknown",
                f"標準仕様に定義のないレコード種別です（定義済み: {', '.join(known_record_types())}）",
                "unknown record_type; known: " + ", ".join(known_record_types()),
            )
        return declared, None


class DocumentChecker:
    """Checks a whole document against a named (non-record) schema."""

    def __init__(self, name: str) -> None:
        self.name = name

    def check(self, document: object) -> tuple[str, list[Problem]]:
        """Validate ``document``; returns the schema name and ``(path, code, ja, en)`` problems."""
        return self.name, _problems(
            _document_validator(self.name), document_schema(self.name), document
        )


def validate_paths(
    paths: Sequence[Path], record_type: str | None = None
) -> tuple[ValidationSummary, Iterator[ValidationIssue]]:
    """Validate files; returns a summary (filled as the iterator is consumed) and the issues."""
    checker = RecordChecker(record_type)
    for path in paths:
        if not path.is_file():
            raise UsageError(f"not a readable file: {path}")
        if path.suffix.lower() not in JSON_LINES_SUFFIXES | JSON_SUFFIXES:
            raise UsageError(
                f"{path}: unsupported file type {path.suffix!r} (use .json, .jsonl or .ndjson)"
            )
    summary = ValidationSummary()

    def run() -> Iterator[ValidationIssue]:
        for path in paths:
            summary.files += 1
            reader = _read_json_lines if path.suffix.lower() in JSON_LINES_SUFFIXES else _read_json
            for issue in reader(path, checker, summary):
                summary.issues += 1
                yield issue

    return summary, run()


# ---------------------------------------------------------------- readers


def _read_json_lines(
    path: Path, checker: RecordChecker, summary: ValidationSummary
) -> Iterator[ValidationIssue]:
    name = str(path)
    with path.open("rb") as handle:
        index = -1
        for line_number, raw in enumerate(handle, start=1):
            if line_number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                yield _bom_issue(name)
                raw = raw[3:]
            if not raw.strip():
                continue
            index += 1
            summary.records += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                summary.invalid_records += 1
                yield _encoding_issue(name, line_number, index, exc)
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                summary.invalid_records += 1
                yield _malformed_issue(name, line_number, index, exc)
                continue
            record_type, problems = checker.check(record)
            if problems:
                summary.invalid_records += 1
            for pointer, code, ja, en in problems:
                yield ValidationIssue(name, line_number, index, record_type, pointer, code, ja, en)


def _read_json(
    path: Path, checker: RecordChecker, summary: ValidationSummary
) -> Iterator[ValidationIssue]:
    name = str(path)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        yield _bom_issue(name)
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        yield _encoding_issue(name, line, None, exc)
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _malformed_issue(name, exc.lineno, None, exc)
        return
    if isinstance(document, list):
        starts = _element_offsets(text)
        records: Iterable[tuple[int, object, int]] = (
            (i, record, starts[i]) for i, record in enumerate(document)
        )
        prefix: list[str | int] = []
    else:
        records = [(0, document, 0)]
        prefix = []
    for index, record, start in records:
        summary.records += 1
        record_type, problems = checker.check(record)
        if problems:
            summary.invalid_records += 1
        for pointer, code, ja, en in problems:
            offset = _locate(text, start, _pointer_segments(pointer, prefix))
            line = text.count("\n", 0, offset) + 1
            yield ValidationIssue(name, line, index, record_type, pointer, code, ja, en)


def _bom_issue(name: str) -> ValidationIssue:
    return ValidationIssue(
        name,
        1,
        None,
        None,
        "$",
        "bom",
        "ファイル先頭にBOMがあります。BOMなしのUTF-8で保存してください",
        "the file starts with a byte-order mark; save as UTF-8 without BOM",
    )


def _encoding_issue(
    name: str, line: int, index: int | None, exc: UnicodeDecodeError
) -> ValidationIssue:
    return ValidationIssue(
        name,
        line,
        index,
        None,
        "$",
        "encoding",
        "文字コードがUTF-8ではありません（Shift_JIS等で保存されていないか確認してください）",
        f"not valid UTF-8 ({exc.reason} at byte {exc.start} of the line/file)",
    )


def _malformed_issue(
    name: str, line: int, index: int | None, exc: json.JSONDecodeError
) -> ValidationIssue:
    return ValidationIssue(
        name,
        line,
        index,
        None,
        "$",
        "malformed_json",
        f"JSONとして読めません（{exc.colno}文字目付近）",
        f"malformed JSON: {exc.msg} (column {exc.colno})",
    )


# ---------------------------------------------------------------- locating values


_DECODER = json.JSONDecoder()


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _element_offsets(text: str) -> list[int]:
    """Offsets of the elements of the top-level JSON array in ``text``."""
    pos = _skip_ws(text, 0) + 1  # past '['
    offsets: list[int] = []
    while True:
        pos = _skip_ws(text, pos)
        if text[pos] == "]":
            return offsets
        offsets.append(pos)
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if text[pos] == ",":
            pos += 1


def _locate(text: str, start: int, segments: Sequence[str | int]) -> int:
    """Offset of the value at ``segments`` inside the JSON value starting at ``start``.

    Stops at the deepest segment that exists (e.g. the object missing a key).
    """
    pos = _skip_ws(text, start)
    for segment in segments:
        found = _child_offset(text, pos, segment)
        if found is None:
            return pos
        pos = found
    return pos


def _child_offset(text: str, pos: int, segment: str | int) -> int | None:
    opener = text[pos]
    pos += 1
    index = 0
    while True:
        pos = _skip_ws(text, pos)
        if text[pos] in "}]":
            return None
        if opener == "{":
            key, pos = _DECODER.raw_decode(text, pos)
            pos = _skip_ws(text, pos) + 1  # past ':'
            pos = _skip_ws(text, pos)
            if key == segment:
                return pos
        else:
            if index == segment:
                return pos
            index += 1
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if text[pos] == ",":
            pos += 1


def _pointer_segments(path: str, prefix: list[str | int]) -> list[str | int]:
    segments: list[str | int] = list(prefix)
    for part in _split_path(path):
        segments.append(part)
    return segments


def _split_path(path: str) -> Iterator[str | int]:
    """Inverse of :func:`_json_path` for the paths it produces."""
    body = path[1:]
    while body:
        if body.startswith("["):
            end = body.index("]")
            token = body[1:end]
            yield int(token) if token.isdigit() else json.loads(token)
            body = body[end + 1 :]
        else:  # ".name"
            body = body[1:]
            end = min((i for i in (body.find("."), body.find("[")) if i >= 0), default=len(body))
            yield body[:end]
            body = body[end:]


def _json_path(segments: Iterable[str | int]) -> str:
    out = "$"
    for segment in segments:
        if isinstance(segment, int):
            out += f"[{segment}]"
        elif segment.isidentifier():
            out += f".{segment}"
        else:
            out += f"[{json.dumps(segment, ensure_ascii=False)}]"
    return out


# ---------------------------------------------------------------- messages


def _resolve(schema: dict[str, Any], schema_path: Sequence[str | int]) -> tuple[Any, str | None]:
    """The schema node at ``schema_path`` (following local ``$ref``s) and the
    nearest ``title`` on the way (an optional field's title sits above its ``anyOf``)."""
    node: Any = schema
    title: str | None = None
    for segment in schema_path:
        if segment == "$ref" and isinstance(node, dict) and "$ref" in node:
            node = _follow(schema, node["$ref"])
        else:
            node = node[segment]
        if isinstance(node, dict) and isinstance(node.get("title"), str):
            title = node["title"]
    if isinstance(node, dict) and set(node) == {"$ref"}:
        node = _follow(schema, node["$ref"])
    return node, title


def _follow(schema: dict[str, Any], ref: str) -> Any:
    node: Any = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _describe(error: Any, schema: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Turn one jsonschema-rs error into ``(path, code, ja, en)`` entries.

    For ``anyOf``/``oneOf`` (optional fields are ``anyOf [T, null]``) the
    branch that matches the value's type is described instead, so the user
    reads "below the minimum 0" rather than "matches none of the forms".
    """
    kind = error.kind
    name = kind.name
    params = kind.as_dict()
    if name in ("anyOf", "oneOf"):
        branch = _only_relevant_branch(error, params.get("context") or [])
        if branch is not None:
            return [entry for inner in branch for entry in _describe(inner, schema)]
    try:
        parent, title = _resolve(schema, list(error.schema_path)[:-1])
    except (KeyError, IndexError, TypeError):
        parent, title = {}, None
    where = f"「{title}」" if title else "値"
    ja, en = _messages(name, params, where, parent)
    return [(_json_path(list(error.instance_path)), name, ja, en)]


def _only_relevant_branch(error: Any, branches: list[list[Any]]) -> list[Any] | None:
    """The one branch whose failure is not merely 'wrong type here', if exactly one."""
    here = list(error.instance_path)
    relevant = [
        branch
        for branch in branches
        if not all(e.kind.name == "type" and list(e.instance_path) == here for e in branch)
    ]
    return relevant[0] if len(relevant) == 1 else None


def _messages(name: str, params: dict[str, Any], where: str, parent: Any) -> tuple[str, str]:
    match name:
        case "required":
            prop = params.get("property")
            return f"必須項目「{prop}」がありません", f"required property {prop!r} is missing"
        case "additionalProperties":
            extra = ", ".join(str(p) for p in params.get("unexpected", []))
            return (
                f"標準仕様に定義のない項目があります: {extra}",
                f"properties not defined by the standard: {extra}",
            )
        case "type":
            expected = params.get("types") or params.get("type")
            return (
                f"{where}の型が正しくありません（期待: {expected}）",
                f"wrong type (expected {expected})",
            )
        case "format":
            fmt = params.get("format", "")
            scheme = IDENTIFIER_SCHEMES.get(fmt)
            if scheme is not None:
                return (
                    f"{where}: {scheme.title}の形式または検査数字が正しくありません",
                    f"invalid {fmt} (shape or check digit)",
                )
            expected = _FORMAT_HINTS.get(fmt, fmt)
            return (
                f"{where}の形式が正しくありません（{expected}）",
                f"value does not match format {fmt!r}",
            )
        case "pattern":
            return f"{where}の書式が正しくありません", "value does not match the required pattern"
        case "minLength" | "minItems":
            return (
                f"{where}が短すぎます（最小 {params.get('limit')}）",
                f"too short (minimum {params.get('limit')})",
            )
        case "maxLength" | "maxItems":
            return (
                f"{where}が長すぎます（最大 {params.get('limit')}）",
                f"too long (maximum {params.get('limit')})",
            )
        case "minimum" | "exclusiveMinimum":
            return (
                f"{where}が小さすぎます（下限 {params.get('limit')}）",
                f"below the minimum {params.get('limit')}",
            )
        case "maximum" | "exclusiveMaximum":
            return (
                f"{where}が大きすぎます（上限 {params.get('limit')}）",
                f"above the maximum {params.get('limit')}",
            )
        case "const":
            expected = params.get("expected_value")
            return f"{where}は {expected!r} でなければなりません", f"value must be {expected!r}"
        case "oneOf" | "anyOf" | "enum":
            choices = _choices(parent)
            if choices:
                listed = "、".join(f"{value}（{label}）" for value, label in choices)
                values = ", ".join(value for value, _ in choices)
                return (
                    f"{where}は次のいずれかでなければなりません: {listed}",
                    f"value must be one of: {values}",
                )
            return (
                f"{where}がどの定義にも当てはまりません",
                f"value matches none of the allowed forms ({name})",
            )
        case _:
            return f"{where}が制約「{name}」を満たしません", f"value violates {name!r}"


_FORMAT_HINTS = {
    "date": "日付は YYYY-MM-DD",
    "date-time": "日時は YYYY-MM-DDThh:mm:ss+09:00 のようにタイムゾーン付き",
    "time": "時刻は hh:mm:ss",
}


def _choices(node: Any) -> list[tuple[str, str]]:
    if not isinstance(node, dict):
        return []
    options = node.get("oneOf") or node.get("anyOf") or []
    consts = [
        (str(o["const"]), str(o.get("title", o["const"])))
        for o in options
        if isinstance(o, dict) and "const" in o
    ]
    if consts:
        return consts
    return [(str(v), str(v)) for v in node.get("enum", [])]
