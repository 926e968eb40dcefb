"""The conformance report: per requirement, its status, scenarios and evidence.

Published as ``schemas/conformance-report.schema.json``. Statuses:

- ``passed`` — every scenario of the requirement passed on the target;
- ``failed`` — a scenario failed (the target's behaviour contradicts the requirement);
- ``error`` — a scenario could not run (the target was unreachable, a step crashed);
- ``not_implemented`` — an optional requirement the vendor's profile does not claim;
- ``unverified`` — the kit has no automated steps for it yet (the scenarios are
  the acceptance criteria, to be checked by other means until then).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field

from seikatsu_std.model.base import LabelledEnum, StdModel
from seikatsu_std.requirements import RequirementArea, RequirementLevel


class Status(LabelledEnum):
    """要件・シナリオの判定。"""

    __title__ = "判定"

    PASSED = "passed", "適合"
    FAILED = "failed", "不適合"
    ERROR = "error", "実行できず"
    NOT_IMPLEMENTED = "not_implemented", "未実装（標準オプション）"
    UNVERIFIED = "unverified", "未検証（自動化されたステップなし）"


class EvidenceExchange(StdModel):
    """シナリオ中の要求と応答1組。"""

    model_config = ConfigDict(title="要求と応答")

    method: str = Field(title="メソッド", description="HTTP メソッド。")
    path: str = Field(title="パス", description="要求のパス。")
    request: Any = Field(default=None, title="要求", description="要求のパラメータ・本文。")
    status: int = Field(title="ステータス", description="応答の HTTP ステータス。")
    response: Any = Field(default=None, title="応答", description="応答の本文（長いものは省略）。")


class ScenarioResult(StdModel):
    """シナリオ1件の結果。"""

    model_config = ConfigDict(title="シナリオの結果")

    feature: str = Field(title="機能", description="feature ファイルの機能名。")
    name: str = Field(title="シナリオ", description="シナリオ名（例の行があればその値を含む）。")
    requirements: list[str] = Field(title="要件", description="シナリオが確かめる要件ID。")
    status: Status = Field(title="判定", description="このシナリオの判定。")
    failed_step: str | None = Field(
        default=None, title="失敗したステップ", description="失敗・未検証の原因となったステップ。"
    )
    message: str | None = Field(default=None, title="内容", description="失敗の内容。")
    expected: list[str] = Field(
        default_factory=list, title="期待", description="確かめようとした内容。"
    )
    evidence: list[EvidenceExchange] = Field(
        default_factory=list, title="証跡", description="シナリオ中の要求と応答。"
    )


class RequirementResult(StdModel):
    """要件1件の判定。"""

    model_config = ConfigDict(title="要件の判定")

    id: str = Field(title="要件ID", description="要件ID。")
    title: str = Field(title="要件名", description="要件名。")
    area: RequirementArea = Field(title="業務領域", description="業務領域。")
    level: RequirementLevel = Field(
        title="機能の区分", description="実装必須・標準オプション・実装不可の別。"
    )
    status: Status = Field(title="判定", description="要件の判定（シナリオの判定をまとめたもの）。")
    scenarios: list[ScenarioResult] = Field(
        title="シナリオ", description="この要件のシナリオの結果。"
    )


class ConformanceReport(StdModel):
    """適合性確認の報告。"""

    model_config = ConfigDict(title="適合性確認の報告")

    format: Literal["seikatsu-std/conformance-report"] = Field(
        title="形式", description="この文書の形式を示す固定値。"
    )
    standard_version: str = Field(title="標準仕様の版", description="確認に用いた標準仕様の版。")
    kit_version: str = Field(title="確認キットの版", description="seikatsu_std の版。")
    target: str = Field(title="確認の対象", description="inprocess、reference、又は確認した URL。")
    profile: str | None = Field(
        default=None,
        title="プロファイル",
        description="ベンダーの実装宣言（標準オプションの実装状況）。",
    )
    started_at: AwareDatetime = Field(title="開始日時", description="確認を始めた日時。")
    seconds: float = Field(title="所要時間（秒）", description="確認に要した時間。", ge=0)
    summary: dict[str, int] = Field(title="集計", description="判定ごとの要件の数。")
    conforms: bool = Field(
        title="適合", description="実装必須・実装不可の要件に不適合・実行できずが一つもないか。"
    )
    requirements: list[RequirementResult] = Field(
        title="要件ごとの判定", description="全要件の判定（ID順）。"
    )


def combine(statuses: list[Status]) -> Status:
    """A requirement's status from its scenarios' statuses."""
    for worst in (Status.FAILED, Status.ERROR, Status.UNVERIFIED):
        if worst in statuses:
            return worst
    if statuses and all(s is Status.NOT_IMPLEMENTED for s in statuses):
        return Status.NOT_IMPLEMENTED
    return Status.PASSED if statuses else Status.UNVERIFIED


def conforms(requirements: list[RequirementResult]) -> bool:
    """True when no mandatory or not-allowed requirement failed or could not run."""
    return not any(
        r.status in (Status.FAILED, Status.ERROR) and r.level is not RequirementLevel.OPTIONAL
        for r in requirements
    )


def summary(requirements: list[RequirementResult]) -> dict[str, int]:
    """Requirements per status."""
    counts = Counter(r.status.value for r in requirements)
    return {status.value: counts.get(status.value, 0) for status in Status}


# -------------------------------------------------------------------- HTML


def render_html(report: ConformanceReport) -> str:
    """A report a non-programmer can read (Japanese; summary by area and level first)."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("seikatsu_std.conformance", "."),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["short"] = _short
    table = [
        (
            area,
            [
                Counter(
                    r.status for r in report.requirements if r.area is area and r.level is level
                )
                for level in RequirementLevel
            ],
        )
        for area in RequirementArea
    ]
    return environment.get_template("report.html.j2").render(
        report=report,
        table=table,
        levels=list(RequirementLevel),
        statuses=list(Status),
        Status=Status,
    )


def _short(value: Any, limit: int = 4000) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=1, default=str)
    return text if len(text) <= limit else text[:limit] + "\n…（省略）"


def now() -> datetime:
    """The current time (aware), for the report header."""
    return datetime.now(UTC)
