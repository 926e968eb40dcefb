"""Check-digit algorithms of the identifiers the standard uses (pure functions).

My Number (個人番号) and the corporate number (法人番号) use python-stdnum; the
other schemes are not covered by a library and follow
../shared/domain/FORMATS.md (worked examples there are our test vectors).
The identifier types built on these, with their legal status, are in
:mod:`seikatsu_std.model.identifiers`.
"""

from __future__ import annotations

from stdnum.jp import cn as stdnum_corporate_number
from stdnum.jp import in_ as stdnum_my_number


def is_digits(value: str, length: int) -> bool:
    """True when ``value`` is exactly ``length`` ASCII digits."""
    return len(value) == length and value.isascii() and value.isdigit()


def my_number_check_digit(first11: str) -> str:
    """Check digit of a 12-digit 個人番号 (総務省令第85号 第5条)."""
    if not is_digits(first11, 11):
        raise ValueError("My Number base must be 11 ASCII digits")
    return str(stdnum_my_number.calc_check_digit(first11))


def corporate_number_check_digit(base12: str) -> str:
    """Check digit (the FIRST digit) of a 13-digit 法人番号 (財務省令第70号 第2条)."""
    if not is_digits(base12, 12):
        raise ValueError("corporate number base must be 12 ASCII digits")
    return str(stdnum_corporate_number.calc_check_digit(base12))


def local_government_code_check_digit(first5: str) -> str:
    """Check digit of a 6-digit 全国地方公共団体コード: weights 6..2, mod 11."""
    if not is_digits(first5, 5):
        raise ValueError("local government code base must be 5 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def mod10_21_check_digit(body: str) -> str:
    """The 2-1 (Luhn-style) mod-10 check digit used by 保険者番号-type numbers.

    Multiply the digits by 2, 1, 2, 1, … starting from the RIGHTMOST digit,
    add the digits of each product, check = (10 − Σ mod 10) mod 10.
    """
    if not body or not body.isascii() or not body.isdigit():
        raise ValueError("mod-10 (2-1) body must be ASCII digits")
    total = 0
    for position, char in enumerate(reversed(body)):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)
