"""What a calculation returns: amounts by kind, totals, and the explanation.

Published as ``schemas/records/calculation_result.schema.json``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from seikatsu_std.model.base import Record, StdModel, record_type_field
from seikatsu_std.model.common import AssistanceKind, RecordId, SignedYen, YearMonth, Yen
from seikatsu_std.model.decision import AssistanceAmounts
from seikatsu_std.model.legal import LegalRef
from seikatsu_std.standards.model import EditionStatus


class CellRef(StdModel):
    """計算に使った基準表の欄。"""

    model_config = ConfigDict(title="基準表の参照")

    table: str = Field(title="表ID", description="基準表の識別子。")
    title: str = Field(title="表の名称", description="基準表の日本語名。")
    edition: str = Field(title="版", description="適用した版（表ID@適用開始日）。")
    status: EditionStatus = Field(title="確認状況", description="その版の確認状況。")
    row: str = Field(title="行", description="引いた行（例: 年齢 20-40）。")
    column: str = Field(title="列", description="引いた列（例: 1級地-1）。")
    value: int | float | str = Field(title="値", description="表の値（率は小数）。")


class TraceLine(StdModel):
    """計算の説明の1行: 規則の名前、額、入力、使った表の欄、根拠。"""

    model_config = ConfigDict(title="計算の説明の行")

    code: str = Field(title="規則コード", description="規則の識別子（例: living.main）。")
    title: str = Field(title="規則の名前", description="規則の日本語名。")
    kind: AssistanceKind | None = Field(
        default=None, title="扶助の種類", description="この行が属する扶助（収入・合計の行は省略）。"
    )
    role: Literal["component", "step", "income", "total"] = Field(
        title="行の役割",
        description="最低生活費の構成要素・途中の計算・収入・合計の別。",
    )
    member_id: RecordId | None = Field(
        default=None, title="世帯員ID", description="世帯員ごとの行の場合の世帯員。"
    )
    amount: SignedYen = Field(title="額", description="この行の額（円）。")
    formula: str = Field(title="計算方法", description="この額の求め方（日本語）。")
    inputs: dict[str, int | float | str] = Field(
        default_factory=dict, title="入力", description="この行の計算に使った値。"
    )
    cells: list[CellRef] = Field(
        default_factory=list, title="基準表の参照", description="引いた表の欄。"
    )
    legal: list[LegalRef] = Field(
        default_factory=list, title="根拠", description="根拠の告示・通知等。"
    )
    note: str | None = Field(default=None, title="補足", description="選択の理由などの補足。")


class TableUse(StdModel):
    """計算で使った基準表の版。"""

    model_config = ConfigDict(title="使用した基準表の版")

    edition: str = Field(title="版", description="表ID@適用開始日。")
    title: str = Field(title="表の名称", description="基準表の日本語名。")
    status: EditionStatus = Field(title="確認状況", description="その版の確認状況。")
    source: str = Field(title="出典", description="値の出典。")


class NeedTest(StdModel):
    """要否判定（保護を要するかどうか）。"""

    model_config = ConfigDict(title="要否判定")

    recognised_income: Yen = Field(
        title="要否判定上の収入認定額",
        description="要否判定のための収入認定額（基礎控除のみ適用）。",
    )
    in_need: bool = Field(title="要保護", description="最低生活費が収入を上回り、保護を要するか。")
    margin: SignedYen = Field(title="差額", description="最低生活費 − 要否判定上の収入認定額。")


class Proration(StdModel):
    """日割計算。"""

    model_config = ConfigDict(title="日割計算")

    days: int = Field(
        title="保護の日数", description="その月のうち保護の対象となる日数。", ge=1, le=31
    )
    days_in_month: int = Field(title="その月の日数", description="その月の暦日数。", ge=28, le=31)


class CalculationResult(Record):
    """1世帯・1か月の保護費の計算結果と、その説明。"""

    model_config = ConfigDict(title="保護費計算の結果")

    record_type: Literal["calculation_result"] = record_type_field("calculation_result")
    id: RecordId = Field(title="計算ID", description="入力の計算ID。")
    month: YearMonth = Field(title="対象年月", description="計算した月。")
    needs: AssistanceAmounts = Field(
        title="最低生活費の内訳", description="扶助の種類ごとの最低生活費（収入を充てる前）。"
    )
    minimum_living_cost: Yen = Field(title="最低生活費", description="最低生活費の合計。")
    recognised_income: Yen = Field(title="収入充当額", description="収入として認定した額の合計。")
    amounts: AssistanceAmounts = Field(
        title="扶助別の支給額",
        description="収入を充てた後の扶助の種類ごとの額（医療・介護は現物給付）。",
    )
    cash_benefit: Yen = Field(
        title="金銭給付額", description="金銭で支給する額（医療・介護以外の合計）。"
    )
    own_payment: Yen = Field(
        title="本人支払額",
        description="収入が金銭給付分を超え、医療・介護の費用に充てる本人負担額。",
    )
    need_test: NeedTest = Field(title="要否判定", description="保護を要するかどうかの判定。")
    proration: Proration | None = Field(
        default=None,
        title="日割計算",
        description="月の途中の開始・終了による日割計算（該当時のみ）。",
    )
    tables: list[TableUse] = Field(title="使用した基準表", description="計算で引いた表の版。")
    warnings: list[str] = Field(
        default_factory=list,
        title="注意",
        description="未確認・暫定・資料間で相違の値を使った等の注意。",
    )
    lines: list[TraceLine] = Field(
        default_factory=list,
        title="計算の説明",
        description="規則ごとの額・入力・表・根拠（説明を求めた場合）。",
    )


class CalculationFailure(Record):
    """計算できなかった入力1件（一括計算の出力で、その入力の位置に置く）。"""

    model_config = ConfigDict(title="保護費計算の失敗")

    record_type: Literal["calculation_failure"] = record_type_field("calculation_failure")
    id: str | None = Field(
        default=None, title="計算ID", description="入力の計算ID（読み取れた場合）。"
    )
    month: YearMonth | None = Field(
        default=None, title="対象年月", description="入力の対象年月（読み取れた場合）。"
    )
    line: int | None = Field(
        default=None,
        title="行番号",
        description="JSON Lines 入力の行番号（1始まり、列形式では省略）。",
        ge=1,
    )
    error: str = Field(
        title="理由", description="計算できなかった理由（日本語と英語）。", min_length=1
    )
