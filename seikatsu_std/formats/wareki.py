"""和暦 (Japanese era) rendering of ISO dates, for notices.

Data files carry ISO 8601 dates; official notices print 和暦
(``令和7年4月1日``). The first year of an era is written 元年.

Dates before 1873-01-01 are refused: Japan used the lunisolar calendar until
明治5年12月2日, so a Gregorian date before the switch has no 和暦 day that a
notice could print (and libraries disagree on the start day of 明治).

References: 元号法 (昭和54年法律第43号) and the 政令 naming 平成 and 令和; dates as listed in
../shared/domain/FORMATS.md (VERIFIED, third-party).
"""

from __future__ import annotations

from datetime import date

import attrs


@attrs.frozen
class Era:
    """One era (元号) and the first Gregorian day it applies to."""

    name: str
    first_day: date


#: Eras in order. 明治 is listed from the Gregorian-calendar switch only.
ERAS: tuple[Era, ...] = (
    Era("明治", date(1873, 1, 1)),
    Era("大正", date(1912, 7, 30)),
    Era("昭和", date(1926, 12, 25)),
    Era("平成", date(1989, 1, 8)),
    Era("令和", date(2019, 5, 1)),
)

#: 明治 years are counted from 1868 even though ERAS starts it in 1873.
_ERA_YEAR_ONE = {"明治": 1868}


@attrs.frozen
class WarekiDate:
    """A date expressed in an era: 令和 7 年 4 月 1 日."""

    era: str
    year: int
    month: int
    day: int

    def year_text(self) -> str:
        """The year as printed: ``元`` for the first year, digits otherwise."""
        return "元" if self.year == 1 else str(self.year)

    def __str__(self) -> str:
        return f"{self.era}{self.year_text()}年{self.month}月{self.day}日"


def to_wareki(value: date) -> WarekiDate:
    """Convert an ISO (Gregorian) date to its era date.

    Raises ValueError for dates before 1873-01-01 (see module docstring).
    """
    era = None
    for candidate in ERAS:
        if value >= candidate.first_day:
            era = candidate
    if era is None:
        raise ValueError(
            f"{value.isoformat()} is before {ERAS[0].first_day.isoformat()}: "
            "no 和暦 rendering for dates before the Gregorian calendar was adopted"
        )
    first_year = _ERA_YEAR_ONE.get(era.name, era.first_day.year)
    return WarekiDate(era.name, value.year - first_year + 1, value.month, value.day)


def format_wareki(value: date) -> str:
    """``令和7年4月1日`` — the form printed on notices."""
    return str(to_wareki(value))
