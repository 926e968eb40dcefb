"""Errors as ``application/problem+json`` (RFC 9457), with Japanese titles.

Each problem type has a stable URI (``urn:seikatsu-std:problem:<name>``), a
Japanese ``title`` for people, and a status code. ``detail`` is Japanese;
``detail_en`` is English for logs; ``errors`` lists field-level problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ConfigDict, Field

from seikatsu_std.model.base import StdModel
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    RuleViolationError,
    ServiceError,
    TransitionNotAllowedError,
    VersionConflictError,
)

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldProblem(StdModel):
    """項目ごとの誤り。"""

    model_config = ConfigDict(title="項目の誤り")

    path: str = Field(
        title="場所", description="誤りのある項目の JSONPath（例: $.version）またはパラメータ名。"
    )
    message_ja: str = Field(title="内容", description="誤りの内容（日本語）。")
    message_en: str = Field(title="内容（英語）", description="誤りの内容（英語、ログ用）。")


class RuleProblem(StdModel):
    """反した業務の規則1件。"""

    model_config = ConfigDict(title="反した規則")

    rule: str = Field(title="規則", description="規則の識別子（例: extension_reason、state）。")
    message_ja: str = Field(title="内容", description="規則の内容と反した点（日本語）。")
    message_en: str = Field(title="内容（英語）", description="規則の内容（英語、ログ用）。")
    legal: list[str] = Field(
        default_factory=list, title="根拠", description="規則の根拠（法令名と条項）。"
    )


class Problem(StdModel):
    """エラーの応答（RFC 9457 problem details）。"""

    model_config = ConfigDict(title="エラー")

    type: str = Field(
        title="種類", description="問題の種類を示す URI（urn:seikatsu-std:problem:…）。"
    )
    title: str = Field(title="見出し", description="問題の種類の短い説明（日本語）。")
    status: int = Field(
        title="HTTP ステータス", description="HTTP のステータスコード。", ge=400, le=599
    )
    detail: str = Field(title="詳細", description="この問題の具体的な説明（日本語）。")
    detail_en: str = Field(
        title="詳細（英語）", description="この問題の具体的な説明（英語、ログ用）。"
    )
    instance: str | None = Field(default=None, title="対象", description="問題が起きた要求のパス。")
    errors: list[FieldProblem] = Field(
        default_factory=list, title="項目の誤り", description="項目ごとの誤り（入力の検査の場合）。"
    )
    current_version: int | None = Field(
        default=None, title="現在の版", description="更新の競合の場合の、記録の現在の版。"
    )
    violations: list[RuleProblem] = Field(
        default_factory=list,
        title="反した規則",
        description="業務の規則に反した場合の、反した規則ごとの内容と根拠。",
    )


class ProblemType(StdModel):
    """問題の種類の定義。"""

    model_config = ConfigDict(title="問題の種類")

    name: str = Field(title="名前", description="URI の最後の部分。")
    status: int = Field(title="HTTP ステータス", description="この種類の問題のステータスコード。")
    title: str = Field(title="見出し", description="日本語の見出し。")

    @property
    def uri(self) -> str:
        """The problem type URI."""
        return f"urn:seikatsu-std:problem:{self.name}"


BAD_REQUEST = ProblemType(name="bad-request", status=400, title="要求を読み取れません")
UNAUTHENTICATED = ProblemType(name="unauthenticated", status=401, title="ログインが必要です")
FORBIDDEN = ProblemType(name="forbidden", status=403, title="権限がありません")
NOT_FOUND = ProblemType(name="not-found", status=404, title="見つかりません")
CONFLICT = ProblemType(name="version-conflict", status=409, title="更新が競合しました")
INVALID = ProblemType(name="invalid-request", status=422, title="内容が正しくありません")
NOT_CALCULABLE = ProblemType(name="not-calculable", status=422, title="計算できません")
RULE_VIOLATION = ProblemType(name="rule-violation", status=422, title="業務の規則に反します")
INVALID_TRANSITION = ProblemType(
    name="invalid-transition", status=409, title="現在の状態ではできません"
)
INTERNAL = ProblemType(name="internal-error", status=500, title="システムの内部で問題が起きました")

PROBLEM_TYPES: tuple[ProblemType, ...] = (
    BAD_REQUEST,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    INVALID,
    NOT_CALCULABLE,
    RULE_VIOLATION,
    INVALID_TRANSITION,
    INTERNAL,
)


def problem(
    kind: ProblemType,
    detail: str,
    detail_en: str,
    *,
    instance: str | None = None,
    errors: list[FieldProblem] | None = None,
    current_version: int | None = None,
    violations: list[RuleProblem] | None = None,
) -> Problem:
    """A problem of ``kind``."""
    return Problem(
        type=kind.uri,
        title=kind.title,
        status=kind.status,
        detail=detail,
        detail_en=detail_en,
        instance=instance,
        errors=errors or [],
        current_version=current_version,
        violations=violations or [],
    )


SERVICE_PROBLEMS: dict[type[ServiceError], ProblemType] = {
    TransitionNotAllowedError: INVALID_TRANSITION,
    RuleViolationError: RULE_VIOLATION,
    NotFoundError: NOT_FOUND,
    ForbiddenError: FORBIDDEN,
    VersionConflictError: CONFLICT,
    InvalidRequestError: INVALID,
}


def service_problem(error: ServiceError, *, instance: str | None = None) -> Problem:
    """The problem a service error becomes (one mapping for every implementation)."""
    kind = next((k for t, k in SERVICE_PROBLEMS.items() if isinstance(error, t)), INVALID)
    current = error.current if isinstance(error, VersionConflictError) else None
    broken = (
        [
            RuleProblem(
                rule=v.code,
                message_ja=v.message_ja,
                message_en=v.message_en,
                legal=[f"{ref.law}{ref.article or ''}" for ref in v.legal],
            )
            for v in error.violations
        ]
        if isinstance(error, RuleViolationError)
        else None
    )
    return problem(
        kind,
        error.detail_ja,
        error.detail_en,
        instance=instance,
        current_version=current,
        violations=broken,
    )


def _location(loc: Sequence[int | str]) -> str:
    """Where an error is: ``$.a.b[0]`` in the body, the parameter's name elsewhere."""
    where, *rest = loc or ("body",)
    if where == "body":
        return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest)
    return ".".join(str(p) for p in rest) or str(where)


#: Japanese messages for pydantic's error types.
_JA = {
    "missing": "必須です",
    "extra_forbidden": "標準仕様に定義のない項目です",
    "enum": "許された値ではありません",
    "literal_error": "許された値ではありません",
    "int_parsing": "整数でなければなりません",
    "bool_parsing": "真偽値（true / false）でなければなりません",
    "string_too_short": "短すぎます",
    "string_too_long": "長すぎます",
    "greater_than_equal": "小さすぎます",
    "less_than_equal": "大きすぎます",
    "date_from_datetime_parsing": "日付は YYYY-MM-DD で書いてください",
    "date_parsing": "日付は YYYY-MM-DD で書いてください",
    "datetime_parsing": "日時は UTC オフセット付きの ISO 8601 で書いてください",
    "timezone_aware": "日時には UTC オフセットが必要です",
    "string_pattern_mismatch": "書式が正しくありません",
    "json_invalid": "JSON として読めません",
    "model_attributes_type": "オブジェクトでなければなりません",
    "dict_type": "オブジェクトでなければなりません",
    "string_type": "文字列でなければなりません",
    "int_type": "整数でなければなりません",
    "list_type": "配列でなければなりません",
    "value_error": "値が規則に合いません",
}


def field_problems(errors: Iterable[Mapping[str, Any]]) -> list[FieldProblem]:
    """pydantic validation errors as field problems (where, Japanese, English).

    ``loc`` starting with ``body`` (FastAPI) or a model's own locations give a
    JSONPath (``$.household.members[0].birth_date``); ``query``/``path`` give
    the parameter's name.
    """
    problems = []
    for error in errors:
        kind = str(error.get("type", ""))
        message = str(error.get("msg", ""))
        ja = _JA.get(kind, "値が正しくありません")
        if kind == "value_error" and " (" in message:
            # Our validators write "日本語 (english)"; keep the Japanese part.
            ja = message.removeprefix("Value error, ").split(" (")[0]
        problems.append(
            FieldProblem(
                path=_location(tuple(error.get("loc", ()))), message_ja=ja, message_en=message
            )
        )
    return problems


def validation_problem(
    errors: Iterable[Mapping[str, Any]], *, body: bool = False, instance: str | None = None
) -> Problem:
    """The 422 problem for invalid input; ``body=True`` when ``loc`` is relative to the body."""
    listed = [
        {**error, "loc": ("body", *error.get("loc", ()))} if body else error for error in errors
    ]
    return problem(
        INVALID,
        "入力に誤りがあります（errors を確認してください）",
        "request validation failed",
        instance=instance,
        errors=field_problems(listed),
    )
