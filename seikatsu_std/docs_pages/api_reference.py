"""標準API: the standard HTTP API for readers, from the same contract as ``schemas/openapi.json``.

Every operation with its method and path, who may call it, its parameters, its
request body (fields with their Japanese titles, or a link to the data
dictionary for a standard record) and every status it can return.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from seikatsu_std.api.contract import API_PREFIX, OPERATIONS, Operation, openapi_document
from seikatsu_std.api.problems import PROBLEM_TYPES
from seikatsu_std.docs_pages import DocsError, _generated_header, cell, code, md_escape, table
from seikatsu_std.model.base import Record

#: Japanese headings of the contract's tags (a new tag needs its heading here).
TAG_TITLES = {
    "system": "稼働状況",
    "session": "ログイン",
    "cases": "ケース",
    "personal-number": "個人番号",
    "oversight": "査察指導",
    "audit": "監査ログ",
    "calculation": "保護費の計算",
    "consultations": "面接相談",
    "applications": "保護の申請",
    "investigations": "申請後の調査（扶養照会・資産調査）",
    "decisions": "保護の決定",
    "appeals": "審査請求",
    "administration": "福祉事務所の設定と職員の役割",
    "medical": "医療扶助（医療券・調剤券）",
    "care": "介護扶助（介護券）",
    "payments": "支給",
    "submissions": "電子的に提出された書類",
    "claims": "返還金・徴収金",
    "transfers": "移管",
}


def _model_link(annotation: Any) -> str:
    """A body or response type as text: records link to the data dictionary."""
    if annotation is None:
        return "（本文なし）"
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return f"{_model_link(item)} の配列"
    if isinstance(annotation, type) and issubclass(annotation, Record):
        name = annotation.record_type_name()
        title = annotation.model_config.get("title") or name
        return f"[{md_escape(str(title))}](data-dictionary.md#record-{name})"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return md_escape(str(annotation.model_config.get("title") or annotation.__name__))
    return md_escape(str(annotation))


def _fields(model: type[BaseModel]) -> list[str]:
    rows = [
        [
            code(name),
            cell(field.title),
            "必須" if field.is_required() else "任意",
            cell(field.description),
        ]
        for name, field in model.model_fields.items()
    ]
    return table(["項目", "名前", "必須", "説明"], rows)


def _operation(operation: Operation, described: dict[str, Any]) -> list[str]:
    out = [
        f"### {md_escape(operation.summary)} {{#{operation.operation_id}}}",
        "",
        f"`{operation.method.upper()} {API_PREFIX}{operation.path}`（`{operation.operation_id}`）",
        "",
        md_escape(operation.description),
        "",
        "認証: " + ("Bearer トークンが必要" if operation.auth else "不要"),
        "",
    ]
    if operation.parameters:
        out += ["パラメータ:", ""]
        out += table(
            ["名前", "場所", "必須", "説明"],
            (
                [
                    code(p.name),
                    "パス" if p.location == "path" else "クエリ",
                    "必須" if p.required or p.location == "path" else "任意",
                    cell(p.description),
                ]
                for p in operation.parameters
            ),
        )
    if operation.body is not None:
        out += [f"要求の本文: {_model_link(operation.body)}", ""]
        if not issubclass(operation.body, Record):
            out += _fields(operation.body)
    out += ["応答:", ""]
    out += table(
        ["ステータス", "意味", "本文"],
        (
            [str(status), cell(described[str(status)]["description"]), _model_link(body)]
            for status, body in sorted(operation.responses.items())
        ),
    )
    return out


def api_page(operations: Sequence[Operation] = OPERATIONS) -> str:
    """標準API: every operation of the contract, grouped by tag."""
    out = _generated_header(
        "標準API",
        [
            "標準仕様が定める HTTP API です。機械が読む定義は [openapi.json](openapi.json)"
            "（OpenAPI 3.1、`schemas/openapi.json` と同じもの）で、ベンダーのシステムはこれを実装し、"
            "適合性確認キットで確かめます。誤りの応答はすべて `application/problem+json` です（下表）。",
        ],
    )
    out += ["## 誤りの種類", ""]
    out += table(
        ["種類（type）", "ステータス", "見出し（title）"],
        ([code(kind.uri), str(kind.status), cell(kind.title)] for kind in PROBLEM_TYPES),
    )
    paths = openapi_document()["paths"]
    tags: dict[str, list[Operation]] = {}
    for operation in operations:
        tags.setdefault(operation.tag, []).append(operation)
    for tag, members in tags.items():
        if tag not in TAG_TITLES:
            raise DocsError(f"API tag {tag!r} has no Japanese heading in TAG_TITLES")
        out += [f"## {TAG_TITLES[tag]} {{#tag-{tag}}}", ""]
        for operation in members:
            responses = paths[API_PREFIX + operation.path][operation.method]["responses"]
            out += _operation(operation, responses)
    return "\n".join(out)
