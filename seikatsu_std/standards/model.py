"""The file format of the benefit standards: tables, their dated editions, rows.

A *table* (``<table>/table.yaml``) declares what is looked up: its keys (an
age range, a household size, a prefecture…), its value columns (the six 級地,
household-size bands…), the unit, and the legal basis. An *edition*
(``<table>/<valid_from>.yaml``) holds the values in force from ``valid_from``
to ``valid_to`` with their source and verification status. Adding the official
October revision is adding one edition file: no code changes.

The JSON Schemas of both files are published as
``schemas/standards-table.schema.json`` and ``schemas/standards-edition.schema.json``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, StdModel
from seikatsu_std.model.legal import LegalRef

TABLE_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_RANGE = re.compile(r"^(?P<low>-?[0-9]+)(?P<dash>-)?(?P<high>[0-9]+)?$")


class EditionStatus(LabelledEnum):
    """版の確認状況。暫定版は、公式の表が未収録の期間を埋めるために明示的に許可した場合だけ使う。"""

    __title__ = "版の確認状況"

    VERIFIED = "verified", "確認済み"
    UNVERIFIED = "unverified", "未確認"
    CONFLICT = "conflict", "資料間で相違"
    PROVISIONAL = "provisional", "暫定（公式の表が未収録）"


class KeyKind(LabelledEnum):
    """表の検索キーの種類。"""

    __title__ = "キーの種類"

    RANGE = "range", "範囲（下限〜上限、両端を含む）"
    EXACT = "exact", "完全一致"


class Unit(LabelledEnum):
    """表の値の単位。"""

    __title__ = "単位"

    YEN = "yen", "円"
    RATE = "rate", "率"
    COUNT = "count", "数"
    TEXT = "text", "文字列"


class KeySpec(StdModel):
    """表の検索キー1つ。"""

    model_config = ConfigDict(title="検索キー")

    name: str = Field(
        title="キー名", description="キーの識別子（英小文字）。", pattern=TABLE_ID_PATTERN
    )
    title: str = Field(title="キーの名称", description="キーの日本語名（例: 年齢）。", min_length=1)
    kind: KeyKind = Field(title="キーの種類", description="範囲か完全一致か。")


class ColumnSpec(StdModel):
    """表の値の列1つ。"""

    model_config = ConfigDict(title="値の列")

    name: str = Field(title="列名", description="列の識別子（例: 1-1、value）。", min_length=1)
    title: str = Field(title="列の名称", description="列の日本語名（例: 1級地-1）。", min_length=1)


class TableSpec(StdModel):
    """基準表の定義（何をどのキーで引くか）。版ごとの値は別ファイルに置く。"""

    model_config = ConfigDict(title="基準表の定義")

    id: str = Field(
        title="表ID", description="表の識別子。ディレクトリ名と一致する。", pattern=TABLE_ID_PATTERN
    )
    title: str = Field(title="表の名称", description="表の日本語名。", min_length=1)
    description: str = Field(title="説明", description="表の内容と使い方の説明。", min_length=1)
    unit: Unit = Field(title="単位", description="値の単位。")
    keys: list[KeySpec] = Field(
        default_factory=list, title="検索キー", description="行を選ぶキー（スカラーの表は空）。"
    )
    columns: list[ColumnSpec] = Field(title="値の列", description="値の列。", min_length=1)
    legal_basis: list[LegalRef] = Field(
        title="根拠", description="表の根拠となる告示・通知等。", min_length=1
    )
    applies_from: date | None = Field(
        default=None,
        title="制度の開始日",
        description="この表が属する規則が始まった日。これより前の月には表を引かず、額は0（規則が存在しない）。",
    )
    applies_to: date | None = Field(
        default=None,
        title="制度の終了日",
        description="この表が属する規則が終わった日。これより後の月には表を引かず、額は0。",
    )
    open_ended: bool = Field(
        default=True,
        title="範囲キーの上限なし",
        description="範囲キーの最後の範囲が「以上」（上限なし）で終わることを要求するか（範囲の隙間・重なりは常にエラー）。",
    )

    def in_force(self, day: date) -> bool:
        """True when the rule this table belongs to exists on ``day``."""
        started = self.applies_from is None or self.applies_from <= day
        return started and (self.applies_to is None or day <= self.applies_to)

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        names = [k.name for k in self.keys] + [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(
                f"表 {self.id}: キー名・列名が重複しています (duplicate key/column names)"
            )
        return self


Cell = int | Decimal | str | None


class Row(StdModel):
    """表の1行: キーの値と、列ごとの値（値のない欄は null）。"""

    model_config = ConfigDict(title="行")

    key: dict[str, str | int] = Field(
        default_factory=dict,
        title="キー",
        description="キー名→値。範囲キーは「0-2」「75-」「3」のように書く。",
    )
    values: list[int | Decimal | str | None] = Field(
        title="値", description="列の順に並べた値。表にない欄は null（引こうとするとエラー）。"
    )


class Edition(StdModel):
    """基準表の1つの版（適用期間・出典・確認状況つきの値）。"""

    model_config = ConfigDict(title="基準表の版")

    table: str = Field(title="表ID", description="この版が属する表。", pattern=TABLE_ID_PATTERN)
    valid_from: date = Field(title="適用開始日", description="この版を適用する最初の日。")
    valid_to: date | None = Field(
        default=None,
        title="適用終了日",
        description="この版を適用する最後の日（改定が未定なら省略）。",
    )
    status: EditionStatus = Field(title="確認状況", description="値を出典で確認できたか。")
    source: str = Field(title="出典", description="値の出典（資料名、転記元）。", min_length=1)
    notes: str | None = Field(
        default=None, title="注記", description="既知の問題、日付の根拠、未確認の点など。"
    )
    legal_basis: list[LegalRef] = Field(
        default_factory=list,
        title="根拠（版固有）",
        description="この版の根拠となる改正告示等（表の根拠に追加される）。",
    )
    rows: list[Row] = Field(title="行", description="表の行。", min_length=1)

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(
                f"{self.table}: 適用終了日 {self.valid_to} が適用開始日 {self.valid_from} より前です "
                "(valid_to before valid_from)"
            )
        return self

    def covers(self, day: date) -> bool:
        """True when this edition applies on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def edition_id(self) -> str:
        """``<table>@<valid_from>`` — how traces and docs name this edition."""
        return f"{self.table}@{self.valid_from.isoformat()}"


def parse_range(text: str | int) -> tuple[int, int | None]:
    """``"0-2"`` → (0, 2); ``"75-"`` → (75, None); ``"3"`` or 3 → (3, 3)."""
    if isinstance(text, int):
        return text, text
    match = _RANGE.match(text.strip())
    if match is None:
        raise ValueError(f"範囲の書き方が正しくありません: {text!r} (expected '0-2', '75-' or '3')")
    low = int(match["low"])
    if match["dash"] is None:
        return low, low
    high = int(match["high"]) if match["high"] is not None else None
    if high is not None and high < low:
        raise ValueError(f"範囲の上限が下限より小さい: {text!r} (range upper below lower)")
    return low, high


StatusName = Literal["verified", "unverified", "conflict", "provisional"]
