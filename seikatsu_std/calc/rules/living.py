"""生活扶助 (living assistance): 第1類・第2類, the two bases, transitional and
special additions, winter and year-end amounts, hospital and facility members.
"""

from __future__ import annotations

import numpy as np

from seikatsu_std.calc import citations as law
from seikatsu_std.calc.context import (
    Context,
    Level,
    Outcome,
    Role,
    Rule,
    ceil_div,
    ceil_to,
    outcome,
    remarks,
)
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.standards import RATE_SCALE
from seikatsu_std.standards.loader import Coded

LIVING = AssistanceKind.LIVING
#: Rounding unit of the living-assistance products (10円未満切り上げ).
ROUND_UNIT = 10
_NINE = 9  # the 冬季加算/期末一時扶助 tables list sizes 1–9, then a per-person increment


def _class1(basis: str) -> Rule:
    table = f"living_class1_{basis}"

    def compute(ctx: Context) -> Outcome:
        values, used = ctx.lookup(table, ctx.at_home, ctx.kyuchi_column(True), age=ctx.age)
        return outcome(
            values, ctx.at_home, {"年齢": ctx.age, "級地": ctx.kyuchi_column(True)}, [used]
        )

    number = "①" if basis == "basis1" else "②"
    return Rule(
        code=f"living.class1_{basis}",
        title=f"第1類費（基準額{number}）",
        level=Level.MEMBER,
        role=Role.STEP,
        kind=LIVING,
        formula=f"居宅の世帯員ごとに、年齢と級地により第1類費の基準額{number}を表から引く",
        legal=(law.LIVING_CLASS1,),
        compute=compute,
    )


def _basis(basis: str) -> Rule:
    number = "①" if basis == "basis1" else "②"

    def compute(ctx: Context) -> Outcome:
        applies = ctx.size_at_home > 0
        class1_sum = ctx.per_household(ctx.amount(f"living.class1_{basis}"))
        rate, rate_used = ctx.lookup(
            f"living_reduction_{basis}", applies, ctx.kyuchi_column(False), size=ctx.size_at_home
        )
        reduced = ceil_to(ceil_div(class1_sum * rate, RATE_SCALE), ROUND_UNIT)
        class2, class2_used = ctx.lookup(
            f"living_class2_{basis}", applies, ctx.kyuchi_column(False), size=ctx.size_at_home
        )
        total = np.where(applies, reduced + class2, 0)
        return outcome(
            total,
            applies,
            {
                "居宅の世帯人員": ctx.size_at_home,
                "第1類費の合計": class1_sum,
                "逓減率": rate / RATE_SCALE,
                "第1類費×逓減率（10円未満切上げ）": reduced,
                "第2類費": class2,
            },
            [rate_used, class2_used],
        )

    return Rule(
        code=f"living.{basis}",
        title=f"生活扶助基準額{number}（第1類＋第2類）",
        level=Level.HOUSEHOLD,
        role=Role.STEP,
        kind=LIVING,
        formula=f"第1類費{number}の合計×逓減率{number}（10円未満切上げ）＋第2類費{number}",
        legal=(law.LIVING_REDUCTION, law.LIVING_CLASS2, law.LIVING_ROUNDING),
        compute=compute,
    )


def _main(ctx: Context) -> Outcome:
    applies = ctx.size_at_home > 0
    basis1 = ctx.amount("living.basis1")
    basis2 = ctx.amount("living.basis2")
    multiplier, used = ctx.lookup("living_basis1_multiplier", applies, "value")
    adjusted = ceil_to(ceil_div(basis1 * multiplier, RATE_SCALE), ROUND_UNIT)
    chosen = np.where(adjusted >= basis2, adjusted, basis2)
    notes = remarks(
        ctx.households,
        (applies & (adjusted >= basis2), "基準額①×率を採用（基準額②以上）"),
        (applies & (adjusted < basis2), "基準額②を採用（基準額①×率より多い）"),
    )
    return outcome(
        np.where(applies, chosen, 0),
        applies,
        {
            "基準額①": basis1,
            "率": multiplier / RATE_SCALE,
            "基準額①×率（10円未満切上げ）": adjusted,
            "基準額②": basis2,
        },
        [used],
        notes,
    )


def _transitional(ctx: Context) -> Outcome:
    size = ctx.to_members(ctx.size_at_home)
    values, used = ctx.lookup(
        "living_transitional_addition", ctx.at_home, ctx.kyuchi_column(True), size=size, age=ctx.age
    )
    return outcome(
        values, ctx.at_home & (values > 0), {"居宅の世帯人員": size, "年齢": ctx.age}, [used]
    )


def _special(ctx: Context) -> Outcome:
    if not ctx.in_force("special_addition"):
        return outcome(np.zeros(ctx.members), np.zeros(ctx.members, dtype=bool))
    values, used = ctx.lookup("special_addition", ctx.at_home, "value")
    return outcome(values, ctx.at_home, {}, [used])


def _winter(ctx: Context) -> Outcome:
    households = ctx.households
    region, region_used = ctx.lookup(
        "winter_region", np.ones(households, dtype=bool), "region", prefecture=ctx.prefecture
    )
    month_column = Coded((str(ctx.day.month),), np.zeros(households, dtype=np.int64))
    winter_month, months_used = ctx.lookup(
        "winter_months", np.ones(households, dtype=bool), month_column, region=region
    )
    applies = (winter_month == 1) & (ctx.size_at_home > 0)
    if not applies.any():
        return outcome(
            np.zeros(households),
            applies,
            {"地区": region, "冬季の月": winter_month},
            [region_used, months_used],
        )
    capped = np.minimum(ctx.size_at_home, _NINE)
    base, base_used = ctx.lookup(
        "winter_addition", applies, ctx.kyuchi_column(False), region=region, size=capped
    )
    beyond = np.maximum(ctx.size_at_home - _NINE, 0)
    increment, increment_used = ctx.lookup(
        "winter_addition_increment", applies & (beyond > 0), ctx.kyuchi_column(False), region=region
    )
    standard = base + beyond * increment
    infant = ctx.any_per_household(ctx.at_home & (ctx.age == 0))
    homebound = ctx.any_per_household(ctx.at_home & ctx.frame.m_homebound)
    special = applies & (infant | homebound)
    rate, rate_used = ctx.lookup("winter_special_rate", special, "value")
    amount = np.where(special, ceil_to(ceil_div(standard * rate, RATE_SCALE), ROUND_UNIT), standard)
    notes = remarks(households, (special, "特別基準（乳児又は常時在宅の者がいる世帯）"))
    return outcome(
        np.where(applies, amount, 0),
        applies,
        {
            "地区": region,
            "居宅の世帯人員": ctx.size_at_home,
            "基準額": standard,
            "特別基準の率": rate / RATE_SCALE,
        },
        [region_used, months_used, base_used, increment_used, rate_used],
        notes,
    )


def _year_end(ctx: Context) -> Outcome:
    december = ctx.day.month == 12
    # Members in hospital or a facility get their own amount, not in our tables.
    away = ctx.in_household & ~ctx.at_home & december
    ctx.lookup("year_end_assistance_inpatient", away, "value")
    applies = (ctx.size_at_home > 0) & december
    if not applies.any():
        return outcome(np.zeros(ctx.households), applies)
    capped = np.minimum(ctx.size_at_home, _NINE)
    base, base_used = ctx.lookup(
        "year_end_assistance", applies, ctx.kyuchi_column(False), size=capped
    )
    beyond = np.maximum(ctx.size_at_home - _NINE, 0)
    increment, increment_used = ctx.lookup(
        "year_end_assistance_increment", applies & (beyond > 0), ctx.kyuchi_column(False)
    )
    return outcome(
        base + beyond * increment,
        applies,
        {"居宅の世帯人員": ctx.size_at_home},
        [base_used, increment_used],
    )


def _inpatient(ctx: Context) -> Outcome:
    values, used = ctx.lookup("inpatient_allowance", ctx.in_hospital, "value")
    return outcome(values, ctx.in_hospital, {}, [used])


def _care_facility_living(ctx: Context) -> Outcome:
    values, used = ctx.lookup(
        "care_facility_basic_living", ctx.in_care_facility, ctx.kyuchi_column(True)
    )
    return outcome(values, ctx.in_care_facility, {}, [used])


def _other_facility(ctx: Context) -> Outcome:
    values, used = ctx.lookup(
        "other_facility_living", ctx.in_other_facility, ctx.kyuchi_column(True)
    )
    return outcome(values, ctx.in_other_facility, {}, [used])


RULES: tuple[Rule, ...] = (
    _class1("basis1"),
    _class1("basis2"),
    _basis("basis1"),
    _basis("basis2"),
    Rule(
        code="living.main",
        title="生活扶助本体（第1類＋第2類）",
        level=Level.HOUSEHOLD,
        role=Role.COMPONENT,
        kind=LIVING,
        formula="基準額①×率（10円未満切上げ）と基準額②のいずれか多い額",
        legal=(law.LIVING_BASIS_CHOICE, law.LIVING_ROUNDING),
        compute=_main,
    ),
    Rule(
        code="living.transitional",
        title="生活扶助本体に係る経過的加算",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=LIVING,
        formula="居宅の世帯員ごとに、世帯人員・年齢・級地により表から引く",
        legal=(law.TRANSITIONAL,),
        compute=_transitional,
    ),
    Rule(
        code="living.special",
        title="特例加算",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=LIVING,
        formula="居宅の世帯員1人当たりの額（制度のある月のみ）",
        legal=(law.SPECIAL_ADDITION,),
        compute=_special,
    ),
    Rule(
        code="living.winter",
        title="冬季加算",
        level=Level.HOUSEHOLD,
        role=Role.COMPONENT,
        kind=LIVING,
        formula="冬季の月に、地区・世帯人員・級地により表から引く（10人以上は9人の額＋超える1人ごとの額）。特別基準は1.3倍（10円未満切上げ）",
        legal=(law.WINTER, law.WINTER_SPECIAL),
        compute=_winter,
    ),
    Rule(
        code="living.year_end",
        title="期末一時扶助",
        level=Level.HOUSEHOLD,
        role=Role.COMPONENT,
        kind=LIVING,
        formula="12月に、世帯人員・級地により表から引く（10人以上は9人の額＋超える1人ごとの額）",
        legal=(law.YEAR_END,),
        compute=_year_end,
    ),
    Rule(
        code="living.inpatient",
        title="入院患者日用品費",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=LIVING,
        formula="入院している世帯員ごとの額（居宅の第1類・第2類に代わる）",
        legal=(law.INPATIENT,),
        compute=_inpatient,
    ),
    Rule(
        code="living.care_facility",
        title="介護施設入所者基本生活費",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=LIVING,
        formula="介護施設に入所している世帯員ごとに、級地により表から引く",
        legal=(law.CARE_FACILITY_LIVING,),
        compute=_care_facility_living,
    ),
    Rule(
        code="living.other_facility",
        title="施設入所者の基準生活費",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=LIVING,
        formula="その他の施設に入所している世帯員ごとに、級地により表から引く",
        legal=(law.OTHER_FACILITY,),
        compute=_other_facility,
    ),
)
