from __future__ import annotations

from datetime import date

import pytest

from seikatsu_std.formats.wareki import format_wareki, to_wareki


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        (date(2025, 4, 1), "令和7年4月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1873, 1, 1), "明治6年1月1日"),
    ],
)
def test_era_boundaries(iso, expected):
    assert format_wareki(iso) == expected


def test_parts_are_exposed_for_forms_that_print_them_in_boxes():
    parts = to_wareki(date(2026, 11, 22))
    assert (parts.era, parts.year, parts.month, parts.day) == ("令和", 8, 11, 22)


def test_dates_before_the_gregorian_switch_are_refused():
    with pytest.raises(ValueError, match="before 1873-01-01"):
        to_wareki(date(1872, 12, 31))
