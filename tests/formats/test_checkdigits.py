"""Check digits: the worked examples of FORMATS.md plus properties over all inputs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seikatsu_std.formats.checkdigits import (
    corporate_number_check_digit,
    local_government_code_check_digit,
    mod10_21_check_digit,
    my_number_check_digit,
)
from seikatsu_std.model.identifiers import (
    IDENTIFIER_SCHEMES,
    LOCAL_GOVERNMENT_CODE,
    MEDICAL_INSTITUTION_CODE,
    MY_NUMBER,
    PUBLIC_PAYER_NUMBER,
)


@pytest.mark.parametrize(
    ("function", "base", "expected"),
    [
        (my_number_check_digit, "98320567321", "4"),
        (corporate_number_check_digit, "123456789012", "7"),
        (corporate_number_check_digit, "011001098993", "4"),
        (local_government_code_check_digit, "13101", "6"),  # 千代田区
        (local_government_code_check_digit, "01100", "2"),  # 札幌市
        (local_government_code_check_digit, "27140", "3"),  # 堺市
        (mod10_21_check_digit, "3312001", "5"),
        (mod10_21_check_digit, "8813445", "7"),
        (mod10_21_check_digit, "011011371", "9"),  # 医療機関コード
    ],
)
def test_worked_examples_from_formats_md(function, base, expected):
    assert function(base) == expected


def test_local_government_code_remainder_edge_cases():
    # r = 0 gives check digit 1 and r = 1 gives 0 (FORMATS.md).
    # 01001: 0*6+1*5+0*4+0*3+1*2 = 7 → r 7 → 4; search the space for r = 0 and r = 1.
    by_remainder: dict[int, str] = {}
    for n in range(1000, 48000):
        base = f"{n:05d}"
        total = sum(int(d) * w for d, w in zip(base, (6, 5, 4, 3, 2), strict=True))
        by_remainder.setdefault(total % 11, base)
    assert local_government_code_check_digit(by_remainder[0]) == "1"
    assert local_government_code_check_digit(by_remainder[1]) == "0"


@pytest.mark.parametrize("bad", ["", "1234", "12a45", "１２３４５", "123456"])
def test_malformed_bases_are_rejected(bad):
    with pytest.raises(ValueError, match="ASCII digits"):
        local_government_code_check_digit(bad)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_any_single_digit_change_of_a_my_number_is_detected(base):
    number = base + my_number_check_digit(base)
    assert MY_NUMBER.is_valid(number)
    for position in range(12):
        for digit in "0123456789":
            if digit == number[position]:
                continue
            mutated = number[:position] + digit + number[position + 1 :]
            # Weighted mod 11 catches every single substitution except where the
            # check-digit mapping collapses r=0 and r=1 to 0.
            if MY_NUMBER.is_valid(mutated):
                assert position < 11
                assert number[11] == "0"


@given(st.integers(min_value=1, max_value=47), st.integers(min_value=0, max_value=999))
def test_generated_local_government_codes_validate(prefecture, municipality):
    base = f"{prefecture:02d}{municipality:03d}"
    code = base + local_government_code_check_digit(base)
    assert LOCAL_GOVERNMENT_CODE.is_valid(code)
    wrong = code[:5] + str((int(code[5]) + 1) % 10)
    assert not LOCAL_GOVERNMENT_CODE.is_valid(wrong)
    assert "check digit should be" in LOCAL_GOVERNMENT_CODE.explain(wrong)


def test_prefecture_outside_01_47_is_invalid_even_with_a_right_check_digit():
    base = "48001"
    code = base + local_government_code_check_digit(base)
    assert not LOCAL_GOVERNMENT_CODE.is_valid(code)
    assert LOCAL_GOVERNMENT_CODE.explain(code).endswith("invalid structure")


def test_medical_institution_code_needs_a_known_fee_schedule_digit():
    assert MEDICAL_INSTITUTION_CODE.is_valid("0110113719")
    base = "012011371"  # 点数表 2 does not exist
    assert not MEDICAL_INSTITUTION_CODE.is_valid(base + mod10_21_check_digit(base))


def test_payer_number_check_digit_over_seven_digits():
    assert PUBLIC_PAYER_NUMBER.is_valid("12131140")
    assert not PUBLIC_PAYER_NUMBER.is_valid("12131141")


def test_every_scheme_is_registered_under_its_format_name():
    assert all(name == scheme.format_name for name, scheme in IDENTIFIER_SCHEMES.items())
    assert set(IDENTIFIER_SCHEMES) == {
        "jp-my-number",
        "jp-corporate-number",
        "jp-local-government-code",
        "jp-public-payer-number",
        "jp-recipient-number",
        "jp-medical-institution-code",
    }


def test_unverified_recipient_number_rule_is_marked_as_such():
    assert IDENTIFIER_SCHEMES["jp-recipient-number"].reference.status.value == "unverified"
