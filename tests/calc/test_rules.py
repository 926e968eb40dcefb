"""Rules of the calculation, each checked by hand against the shipped tables.

Expected figures are derived in the comments from the table cells, so a wrong
table, a wrong rule or a wrong rounding each makes a test fail.
"""

from __future__ import annotations

from typing import Any

import pytest

from seikatsu_std.calc import CalculationError, CalculationInput, Calculator, frame_from_records
from seikatsu_std.calc.synthetic import SAMPLE_MUNICIPALITIES, calculation_input, member
from seikatsu_std.formats.checkdigits import local_government_code_check_digit

TOKYO = SAMPLE_MUNICIPALITIES[0]  # 中野区: 1級地-1, winter region VI


@pytest.fixture(scope="module")
def calculator() -> Calculator:
    return Calculator()


def _run(calculator: Calculator, data: dict[str, Any], **options: Any):  # type: ignore[no-untyped-def]
    return calculator.calculate(CalculationInput.model_validate(data), **options)


def _line(result, code: str, member_id: str | None = None):  # type: ignore[no-untyped-def]
    matches = [
        line
        for line in result.lines
        if line.code == code and (member_id is None or line.member_id == member_id)
    ]
    assert len(matches) == 1, [line.code for line in result.lines]
    return matches[0]


def _single(month: str = "2023-06", **kwargs: Any) -> dict[str, Any]:
    return calculation_input(
        "t1",
        month,
        [member("p", "1953-05-10")],
        municipality=TOKYO,
        rent=kwargs.pop("rent", 60_000),
        **kwargs,
    )


def test_elderly_single_in_tokyo(calculator):
    result = _run(calculator, _single())
    # 第1類① 70–74歳 1級地-1 33,750 ×1.0 + 第2類① 1人 45,320 = 79,070
    assert _line(result, "living.basis1").amount == 79_070
    # 第1類② 45,330 ×1.0 + 第2類② 28,890 = 74,220
    assert _line(result, "living.basis2").amount == 74_220
    # 79,070 × 0.855 = 67,604.85 → 67,610 (10円未満切上げ) < 74,220 → 基準額②
    main = _line(result, "living.main")
    assert main.amount == 74_220
    assert main.inputs["基準額①×率（10円未満切上げ）"] == 67_610
    assert main.note == "基準額②を採用（基準額①×率より多い）"
    # 家賃 60,000 > 東京都 1級地 1人 53,700
    assert _line(result, "housing.rent").amount == 53_700
    assert result.needs.living == 74_220
    assert result.minimum_living_cost == 74_220 + 53_700
    assert result.cash_benefit == result.minimum_living_cost
    assert result.need_test.in_need


def test_reduction_rate_product_is_rounded_up_to_ten_yen(calculator):
    # Three adults aged 30: 第1類② 47,420 × 3 = 142,260 × 0.7151 = 101,730.126 → 101,740
    people = [
        member(f"a{i}", "1993-01-01", relationship="head" if i == 0 else "sibling")
        for i in range(3)
    ]
    result = _run(calculator, calculation_input("t", "2023-06", people, municipality=TOKYO))
    basis2 = _line(result, "living.basis2")
    assert basis2.inputs["第1類費×逓減率（10円未満切上げ）"] == 101_740
    assert basis2.amount == 101_740 + 47_060


def _lone_parent(
    parent_disability: dict[str, int] | None, child_disability: dict[str, int] | None = None
):
    members = [
        member("parent", "1990-04-01", disability=parent_disability),
        member(
            "child",
            "2015-04-01",
            relationship="child",
            school="elementary",
            disability=child_disability,
        ),
    ]
    return calculation_input(
        "lp",
        "2023-06",
        members,
        municipality=TOKYO,
        facts=[{"member_id": "parent", "lone_parent": True}],
    )


def test_single_parent_addition_for_one_child(calculator):
    result = _run(calculator, _lone_parent(None))
    assert _line(result, "addition.single_parent").amount == 18_800  # 1級地 児童1人
    assert _line(result, "addition.child_rearing", "child").amount == 10_190


def test_same_person_rule_keeps_the_higher_disability_addition(calculator):
    # The parent holds a grade-1 certificate: 26,810 > 18,800 → no 母子加算.
    result = _run(calculator, _lone_parent({"physical_certificate_grade": 1}))
    single_parent = _line(result, "addition.single_parent")
    assert single_parent.amount == 0
    assert "障害者加算の方が高い" in (single_parent.note or "")
    assert _line(result, "addition.disability", "parent").amount == 26_810
    assert not [line for line in result.lines if line.code == "addition.disability_forgone"]


def test_same_person_rule_keeps_the_higher_single_parent_addition(calculator):
    # Grade 3: 17,870 < 18,800 → 母子加算, and the parent's disability addition is taken back.
    result = _run(calculator, _lone_parent({"physical_certificate_grade": 3}))
    assert _line(result, "addition.single_parent").amount == 18_800
    assert _line(result, "addition.disability_forgone", "parent").amount == -17_870
    disability_total = sum(
        line.amount for line in result.lines if line.code.startswith("addition.disability")
    )
    assert disability_total == 0


def test_a_disabled_child_does_not_cancel_the_parents_single_parent_addition(calculator):
    result = _run(calculator, _lone_parent(None, {"physical_certificate_grade": 1}))
    assert _line(result, "addition.single_parent").amount == 18_800
    assert _line(result, "addition.disability", "child").amount == 26_810


@pytest.mark.parametrize(
    ("birth", "month", "is_child"),
    [
        ("2004-05-01", "2022-10", True),  # 18 on 2022-05-01 → child until 2023-03-31
        ("2004-05-01", "2023-04", False),
        ("2005-02-15", "2022-10", True),  # 18 on 2023-02-15 → child until 2023-03-31
        ("2005-02-15", "2023-04", False),
        ("2005-04-02", "2023-06", True),  # 18 on 2023-04-02 → child until 2024-03-31
    ],
)
def test_child_until_the_first_march_after_eighteen(calculator, birth, month, is_child):
    members = [
        member("p", "1975-01-01"),
        member("c", birth, relationship="child", school="high_school"),
    ]
    result = _run(calculator, calculation_input("c18", month, members, municipality=TOKYO))
    codes = {(line.code, line.member_id) for line in result.lines}
    assert (("addition.child_rearing", "c") in codes) is is_child


def test_winter_month_without_an_official_winter_table_is_an_error(calculator):
    with pytest.raises(CalculationError, match="winter_addition"):
        _run(calculator, _single("2022-12"))


def test_winter_months_depend_on_the_region(calculator):
    # October is a winter month in regions I–II (北海道) but not in region VI (東京都).
    _run(calculator, _single("2022-10"))
    sapporo = calculation_input(
        "s", "2022-10", [member("p", "1953-05-10")], municipality=SAMPLE_MUNICIPALITIES[1]
    )
    with pytest.raises(CalculationError, match="winter_addition"):
        _run(calculator, sapporo)


def test_provisional_editions_need_explicit_permission():
    data = _single("2023-10")
    with pytest.raises(CalculationError, match="暫定版があります"):
        _run(Calculator(), data)
    result = _run(Calculator(allow_provisional=True), data)
    assert any("暫定" in w for w in result.warnings)
    # 特例加算 exists from 2023-10 (provisional value 1,000 per person).
    assert _line(result, "living.special", "p").amount == 1_000


def test_unknown_municipality_is_an_error_not_a_default_grade(calculator):
    base = "13999"
    code = base + local_government_code_check_digit(base)
    data = calculation_input(
        "x", "2023-06", [member("p", "1953-05-10")], municipality=(code, "東京都", "架空区")
    )
    with pytest.raises(CalculationError, match="級地を推定することはしません"):
        _run(calculator, data)


@pytest.mark.parametrize(
    ("gross", "expected"),
    [
        (10_000, 10_000),
        (15_199, 15_199),
        (15_200, 15_200),
        (18_999, 15_200),
        (19_000, 15_600),
        (227_000, 36_400),
    ],
)
def test_basic_deduction_of_the_first_earner(calculator, gross, expected):
    data = _single(incomes=[{"member_id": "p", "kind": "earned", "amount": gross}])
    assert (
        _line(
            calculator.calculate(CalculationInput.model_validate(data)), "deduction.basic", "p"
        ).amount
        == expected
    )


def test_second_earner_gets_the_second_table(calculator):
    members = [member("a", "1980-01-01"), member("b", "1982-01-01", relationship="spouse")]
    incomes = [
        {"member_id": "a", "kind": "earned", "amount": 100_000},
        {"member_id": "b", "kind": "earned", "amount": 43_000},
    ]
    result = _run(
        calculator, calculation_input("e2", "2023-06", members, municipality=TOKYO, incomes=incomes)
    )
    # First earner 100,000: band (100,000−19,000)//4,000+1 = 21 → 15,600 + 400×20 = 23,600
    assert _line(result, "deduction.basic", "a").amount == 23_600
    assert _line(result, "deduction.basic", "b").amount == 15_300


def test_occasional_income_counts_only_above_the_threshold(calculator):
    data = _single(incomes=[{"member_id": "p", "kind": "occasional", "amount": 10_000}])
    result = _run(calculator, data)
    assert _line(result, "income.occasional").amount == 2_000
    assert result.recognised_income == 2_000


def test_new_job_deduction_lasts_six_months(calculator):
    def deduction(month: str) -> int:
        income = {
            "member_id": "p",
            "kind": "earned",
            "amount": 80_000,
            "new_job_started_on": "2023-01-10",
        }
        result = _run(calculator, _single(month, incomes=[income]))
        lines = [line for line in result.lines if line.code == "deduction.new_job"]
        return lines[0].amount if lines else 0

    assert deduction("2023-06") == 11_700  # sixth month (conflicting sources: the 2020-10 edition)
    assert deduction("2023-07") == 0


def test_minor_deduction_only_for_a_dependent_minor(calculator):
    members = [
        member("p", "1975-01-01"),
        member("k", "2006-01-01", relationship="child", school="not_in_school"),
    ]
    incomes = [{"member_id": "k", "kind": "earned", "amount": 60_000}]
    result = _run(
        calculator, calculation_input("m", "2023-06", members, municipality=TOKYO, incomes=incomes)
    )
    assert _line(result, "deduction.minor", "k").amount == 11_600


def test_income_above_the_cash_part_becomes_own_payment(calculator):
    pension = {"member_id": "p", "kind": "pension", "amount": 200_000}
    result = _run(calculator, _single(incomes=[pension], in_kind={"medical": 90_000, "care": 0}))
    cash_part = result.minimum_living_cost - 90_000
    assert result.cash_benefit == 0
    assert result.own_payment == 200_000 - cash_part
    assert result.amounts.medical == 90_000 - result.own_payment


def test_a_partial_month_is_prorated_by_day(calculator):
    full = _run(calculator, _single())
    half = _run(calculator, _single(covered_from="2023-06-16"))  # 15 of 30 days
    assert half.proration is not None
    assert half.proration.days == 15
    assert half.needs.living == -(-full.needs.living * 15 // 30)
    assert half.needs.housing == -(-full.needs.housing * 15 // 30)


def test_batch_isolates_failures_and_matches_the_scalar_api(calculator):
    base = "13999"
    unknown = (base + local_government_code_check_digit(base), "東京都", "架空区")
    records = [
        _single(),
        calculation_input("bad", "2023-06", [member("p", "1953-05-10")], municipality=unknown),
        _lone_parent({"physical_certificate_grade": 3}),
    ]
    batch = calculator.run(frame_from_records(records))
    assert list(batch.errors) == [1]
    results = list(calculator.results(batch))
    assert results[1]["record_type"] == "calculation_failure"
    for index in (0, 2):
        scalar = _run(calculator, records[index])
        assert results[index]["needs"] == scalar.needs.model_dump()
        assert results[index]["cash_benefit"] == scalar.cash_benefit


def test_explanation_adds_up_to_the_needs(calculator):
    from seikatsu_std.calc.synthetic import random_inputs

    for data in random_inputs(40, "2023-06", seed=7):
        result = _run(calculator, data)
        for kind, need in result.needs.model_dump().items():
            components = sum(
                line.amount
                for line in result.lines
                if line.role == "component" and line.kind is not None and line.kind.value == kind
            )
            assert components == need, (data["id"], kind)


def test_a_separated_members_income_is_not_the_households(calculator):
    members = [
        member("p", "1953-05-10"),
        member("s", "1980-01-01", relationship="child", separated=True),
    ]
    incomes = [{"member_id": "s", "kind": "earned", "amount": 200_000}]
    result = _run(
        calculator,
        calculation_input("sep", "2023-06", members, municipality=TOKYO, incomes=incomes),
    )
    assert result.recognised_income == 0
    assert result.needs.living == _run(calculator, _single()).needs.living


def test_age_is_reached_on_the_day_before_the_birthday(calculator):
    # Born 1948-06-02: 75 on 2023-06-01 (年齢計算ニ関スル法律) → 75+ band from June.
    result = _run(
        calculator,
        calculation_input("a", "2023-06", [member("p", "1948-06-02")], municipality=TOKYO),
    )
    assert _line(result, "living.class1_basis2", "p").inputs["年齢"] == 75
    born_third = _run(
        calculator,
        calculation_input("b", "2023-06", [member("p", "1948-06-03")], municipality=TOKYO),
    )
    assert _line(born_third, "living.class1_basis2", "p").inputs["年齢"] == 74


def test_a_child_born_on_1_april_leaves_with_the_older_school_year(calculator):
    # Born 2005-04-01 → 18 on 2023-03-31 → a 児童 until 2023-03-31 only.
    members = [
        member("p", "1975-01-01"),
        member("c", "2005-04-01", relationship="child", school="not_in_school"),
    ]
    result = _run(calculator, calculation_input("c", "2023-04", members, municipality=TOKYO))
    assert ("addition.child_rearing", "c") not in {
        (line.code, line.member_id) for line in result.lines
    }


def test_minor_deduction_for_a_young_head_living_with_a_sibling(calculator):
    members = [
        member("h", "2004-01-01"),
        member("s", "2008-01-01", relationship="sibling", school="high_school"),
    ]
    incomes = [{"member_id": "h", "kind": "earned", "amount": 60_000}]
    result = _run(
        calculator, calculation_input("m", "2023-06", members, municipality=TOKYO, incomes=incomes)
    )
    assert _line(result, "deduction.minor", "h").amount == 11_600
    own_child = [
        member("h", "2004-01-01"),
        member("k", "2022-01-01", relationship="child", school="preschool"),
    ]
    result = _run(
        calculator,
        calculation_input("m2", "2023-06", own_child, municipality=TOKYO, incomes=incomes),
    )
    assert "deduction.minor" not in {line.code for line in result.lines}


def test_transitional_child_case_ends_with_elementary_school_age(calculator):
    members = [member("p", "1980-01-01")] + [
        member(f"c{i}", birth, relationship="child", school="not_in_school")
        for i, birth in enumerate(("2005-06-01", "2006-06-01", "2008-06-01"))
    ]
    result = _run(calculator, calculation_input("t", "2021-06", members, municipality=TOKYO))
    # The third child is 13: past the first 31 March after reaching 12.
    assert "addition.child_rearing_transitional" not in {line.code for line in result.lines}


def test_a_lone_parent_in_hospital_needs_a_table_we_do_not_have(calculator):
    members = [
        member("p", "1990-04-01", residence="hospital"),
        member("c", "2015-04-01", relationship="child", school="elementary"),
    ]
    data = calculation_input(
        "h", "2023-06", members, municipality=TOKYO, facts=[{"member_id": "p", "lone_parent": True}]
    )
    with pytest.raises(CalculationError, match="single_parent_addition_inpatient"):
        _run(Calculator(allow_provisional=True), data)


@pytest.mark.parametrize(
    ("birth", "month", "school"),
    [
        ("2007-03-15", "2025-06", "not_in_school"),  # finished high school in March 2025
        ("2007-04-02", "2025-03", "high_school"),
        ("2017-04-01", "2023-06", "elementary"),  # 1 April births join the older year
        ("2017-04-02", "2023-06", "preschool"),
    ],
)
def test_synthetic_children_attend_the_school_of_their_school_year(birth, month, school):
    from seikatsu_std.calc.synthetic import school_for

    assert school_for(birth, month) == school
