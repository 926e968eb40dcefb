"""Value types shared across the records: ids, money, periods, names, 級地."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, StdModel


def repeated_values(items: Iterable[str]) -> list[str]:
    """The values that occur more than once in ``items``, in first-seen order."""
    seen: set[str] = set()
    repeated: list[str] = []
    for item in items:
        if item in seen and item not in repeated:
            repeated.append(item)
        seen.add(item)
    return repeated


RecordId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
        description="レコードの識別子（英数字と . _ : - 、64文字以内）。実施機関内で一意。",
    ),
]
"""Identifier of a record, unique within the implementing agency."""

Yen = Annotated[int, Field(ge=0, description="金額（円、0以上の整数）。")]
"""A non-negative amount of money in yen."""

SignedYen = Annotated[int, Field(description="金額（円、整数。減額・戻入は負）。")]
"""An amount of money in yen that may be negative (adjustments)."""

KanaName = Annotated[
    str,
    Field(
        pattern=r"^[\u30A0-\u30FF\u3000 ]+$",
        min_length=1,
        max_length=100,
        description="全角カタカナ（長音・中黒・空白を含む）。",
    ),
]
"""A name in full-width katakana (フリガナ)."""


YearMonth = Annotated[
    str,
    Field(
        pattern=r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$",
        description="対象年月（YYYY-MM 形式、1900〜2999年。例: 2025-06）。",
    ),
]
"""A calendar month, ``YYYY-MM`` (対象年月), in the years 1900–2999 (no year 0)."""


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of ``month`` (``YYYY-MM``)."""
    year, mon = (int(part) for part in month.split("-"))
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def check_days_within_month(month: str, first_day: int, last_day: int) -> None:
    """Raise ValueError unless ``first_day``–``last_day`` is a valid range inside ``month``."""
    days = month_bounds(month)[1].day
    if first_day > last_day:
        raise ValueError(
            f"有効期間の開始日（{first_day}日）が終了日（{last_day}日）より後です "
            "(valid period starts after it ends)"
        )
    if last_day > days:
        raise ValueError(
            f"有効期間の終了日（{last_day}日）が {month} の日数（{days}日）を超えています "
            f"(valid period ends after the last day of {month})"
        )


class Kyuchi(LabelledEnum):
    """級地: 生活扶助基準等の地域差を表す6区分（市町村ごとに告示で定める）。"""

    __title__ = "級地"

    GRADE_1_1 = "1-1", "1級地-1"
    GRADE_1_2 = "1-2", "1級地-2"
    GRADE_2_1 = "2-1", "2級地-1"
    GRADE_2_2 = "2-2", "2級地-2"
    GRADE_3_1 = "3-1", "3級地-1"
    GRADE_3_2 = "3-2", "3級地-2"


class AssistanceKind(LabelledEnum):
    """扶助の種類（生活保護法11条の8種類）。医療扶助・介護扶助は現物給付、その他は金銭給付が原則。"""

    __title__ = "扶助の種類"

    LIVING = "living", "生活扶助"
    EDUCATION = "education", "教育扶助"
    HOUSING = "housing", "住宅扶助"
    MEDICAL = "medical", "医療扶助"
    CARE = "care", "介護扶助"
    CHILDBIRTH = "childbirth", "出産扶助"
    OCCUPATIONAL = "occupational", "生業扶助"
    FUNERAL = "funeral", "葬祭扶助"


class Period(StdModel):
    """期間（開始日から終了日まで、両端を含む）。終了日がなければ継続中。"""

    model_config = ConfigDict(title="期間")

    start: date = Field(title="開始日", description="期間の初日（ISO 8601）。")
    end: date | None = Field(
        default=None,
        title="終了日",
        description="期間の末日（ISO 8601、この日を含む）。継続中なら省略。",
    )

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError(
                f"終了日 {self.end.isoformat()} が開始日 {self.start.isoformat()} より前です "
                "(period end before start)"
            )
        return self

    def contains(self, day: date) -> bool:
        """True when ``day`` falls within the period."""
        return self.start <= day and (self.end is None or day <= self.end)


class Address(StdModel):
    """住所。"""

    model_config = ConfigDict(title="住所")

    postal_code: str | None = Field(
        default=None,
        title="郵便番号",
        description="7桁の郵便番号（ハイフンなし）。",
        pattern=r"^[0-9]{7}$",
    )
    prefecture: str = Field(
        title="都道府県",
        description="都道府県名（例: 東京都）。",
        min_length=2,
        max_length=4,
        pattern=r"^.+[都道府県]$",
    )
    municipality: str = Field(
        title="市区町村",
        description="市区町村名（政令市は区まで。例: 横浜市中区）。",
        min_length=1,
        max_length=40,
    )
    street: str = Field(
        title="町名番地等",
        description="町名・番地・建物名・部屋番号。",
        min_length=1,
        max_length=200,
    )
