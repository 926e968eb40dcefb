"""The record of a need determination (要否判定): is the household in need of assistance?

The minimum cost of living measured by the standards valid on the day of the
determination is compared with the income recognised for the test; the result
(要・否) is kept with both explanations and the editions of the tables used, so
that a rejection can state the figures it rests on.

It lives beside the services (not in :mod:`seikatsu_std.model`) because it keeps
the calculation engine's explanation lines and table editions.

References: 生活保護法8条1項 (基準及び程度の原則), 24条 (申請による保護の開始).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.calc.results import TableUse, TraceLine
from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import RecordId, SignedYen, Yen


class NeedResult(LabelledEnum):
    """要否判定の結果。"""

    __title__ = "判定結果"

    IN_NEED = "in_need", "要"
    NOT_IN_NEED = "not_in_need", "否"


class NeedDetermination(Record):
    """要否判定1件。判定日に有効な基準で算定した最低生活費と認定した収入の比較とその明細。"""

    model_config = ConfigDict(title="要否判定")

    record_type: Literal["need_determination"] = record_type_field("need_determination")
    id: RecordId = Field(title="要否判定ID", description="要否判定の識別子。")
    case_id: RecordId = Field(title="ケースID", description="判定したケース。")
    application_id: RecordId = Field(title="申請ID", description="判定した申請。")
    determined_on: date = Field(title="判定日", description="要否を判定した日。")
    standards_as_of: date = Field(
        title="基準日",
        description="最低生活費の算定に用いた基準表の版が有効な日（判定日と同じ日）。",
    )
    determined_by: RecordId = Field(title="判定した職員", description="判定を行った職員の職員ID。")
    result: NeedResult = Field(title="判定結果", description="保護を要する（要）か否か（否）。")
    minimum_living_cost: Yen = Field(
        title="最低生活費", description="判定日に有効な基準で算定した最低生活費の月額。"
    )
    recognised_income: Yen = Field(
        title="認定した収入", description="要否判定のために認定した収入の月額（基礎控除のみ適用）。"
    )
    margin: SignedYen = Field(title="差額", description="最低生活費 − 認定した収入。")
    calculation_id: RecordId = Field(
        title="計算ID", description="判定に用いた計算の入力（世帯・月・収入）の識別子。"
    )
    living_cost_lines: list[TraceLine] = Field(
        title="最低生活費の計算明細",
        description="最低生活費を求めた規則ごとの額・入力・表・根拠。",
        min_length=1,
    )
    income_lines: list[TraceLine] = Field(
        title="収入の計算明細",
        description="収入の認定の規則ごとの額・入力・根拠（収入がなければ空）。",
    )
    tables: list[TableUse] = Field(
        title="使用した基準表", description="算定で引いた基準表の版と確認状況。", min_length=1
    )
    warnings: list[str] = Field(
        default_factory=list,
        title="注意",
        description="暫定版の基準表を使った等、判定について注意すべきこと。",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.standards_as_of != self.determined_on:
            raise ValueError(
                "要否判定は判定日に有効な基準で行います（基準日は判定日と同じ日） "
                "(standards_as_of must be the day of the determination)"
            )
        if self.margin != self.minimum_living_cost - self.recognised_income:
            raise ValueError("差額が最低生活費と収入の差と一致しません (margin mismatch)")
        in_need = self.margin > 0
        if (self.result is NeedResult.IN_NEED) != in_need:
            raise ValueError(
                "判定結果が最低生活費と収入の比較と一致しません（収入が最低生活費に満たなければ要） "
                "(result must follow the comparison)"
            )
        return self


class NeedDeterminationRequest(StdModel):
    """要否判定の要求。判定日の月の世帯の状況（世帯員・住居・収入）を計算の入力として送る。"""

    model_config = ConfigDict(title="要否判定の要求")

    determined_on: date = Field(title="判定日", description="要否を判定する日（今日以前）。")
    calculation: CalculationInput = Field(
        title="計算の入力",
        description="判定日の月の世帯の状況（申請の世帯。対象年月は判定日の月）。",
    )
    allow_provisional: bool = Field(
        default=False,
        title="暫定版の使用を許可",
        description="判定日に有効な基準表の版が暫定版でも判定するか（判定には注意として記録される）。",
    )
