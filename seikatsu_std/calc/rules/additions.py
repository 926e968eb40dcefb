"""加算 (additions): disability, single parent (with the same-person rule),
child rearing, pregnancy, home patient, radiation, care facility, care premium.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from seikatsu_std.calc import citations as law
from seikatsu_std.calc.context import Context, Level, Outcome, Role, Rule, outcome, remarks
from seikatsu_std.calc.frame import code
from seikatsu_std.calc.inputs import PregnancyStage, RadiationStatus
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.household import CareInsuranceStatus
from seikatsu_std.model.legal import LegalRef
from seikatsu_std.standards.loader import Coded

LIVING = AssistanceKind.LIVING
_HIGH, _NO_DISABILITY = 0, 2


def is_child(ctx: Context) -> np.ndarray:
    """児童: until the first 31 March after reaching ``child_age_limit``."""
    return ctx.in_household & ctx.before_school_year_end(ctx.scalar("child_age_limit"))


def disability_category(ctx: Context) -> Coded:
    """``high`` / ``low`` / ``none`` per member, from the certificate and pension grades."""
    f = ctx.frame
    high = (
        ((f.m_physical_grade >= 1) & (f.m_physical_grade <= 2))
        | (f.m_pension_grade == 1)
        | (f.m_mental_grade == 1)
    )
    low = (f.m_physical_grade == 3) | (f.m_pension_grade == 2) | (f.m_mental_grade == 2)
    return Coded(
        ("high", "low", "none"), np.select([high, low], [0, 1], default=2).astype(np.int64)
    )


def _disability(ctx: Context) -> Outcome:
    category = disability_category(ctx)
    eligible = ctx.in_household & (category.codes != _NO_DISABILITY)
    at_home = eligible & ctx.at_home
    home_values, home_used = ctx.lookup(
        "disability_addition", at_home, ctx.kyuchi_major_column(True), category=category
    )
    away = eligible & ~ctx.at_home
    away_values, away_used = ctx.lookup(
        "disability_addition_inpatient", away, ctx.kyuchi_major_column(True), category=category
    )
    return outcome(
        home_values + away_values,
        eligible,
        {"障害の程度": category, "級地": ctx.kyuchi_major_column(True)},
        [home_used, away_used],
    )


def _severe_disability(ctx: Context) -> Outcome:
    eligible = (
        ctx.in_household & ctx.frame.m_constant_care & (disability_category(ctx).codes == _HIGH)
    )
    values, used = ctx.lookup("severe_disability_addition", eligible, "value")
    return outcome(values, eligible, {}, [used])


def _single_parent(ctx: Context) -> Outcome:
    """母子加算 by number of children, with the same-person comparison against 障害者加算."""
    child = is_child(ctx)
    parent = ctx.in_household & ctx.frame.m_lone_parent & ~child
    children = ctx.per_household(child & ~parent)
    away = ctx.any_per_household(parent & ~ctx.at_home) & (children > 0)
    # The amount for a lone parent in hospital or a facility is not in our tables.
    ctx.lookup("single_parent_addition_inpatient", away, "value")
    applies = ctx.any_per_household(parent & ctx.at_home) & (children > 0)
    one, one_used = ctx.lookup(
        "single_parent_addition", applies, "one_child", kyuchi_major=ctx.kyuchi_major
    )
    two, two_used = ctx.lookup(
        "single_parent_addition",
        applies & (children >= 2),
        "two_children",
        kyuchi_major=ctx.kyuchi_major,
    )
    extra, extra_used = ctx.lookup(
        "single_parent_addition",
        applies & (children >= 3),
        "per_additional_child",
        kyuchi_major=ctx.kyuchi_major,
    )
    amount = np.where(children >= 2, two + (np.maximum(children, 2) - 2) * extra, one)
    amount = np.where(applies, amount, 0)
    # Same-person rule: the lone parent's own disability addition competes with it.
    parent_disability = ctx.per_household(np.where(parent, ctx.amount("addition.disability"), 0))
    disability_wins = applies & (parent_disability >= amount) & (parent_disability > 0)
    notes = remarks(
        ctx.households,
        (disability_wins, "同一人（ひとり親本人）の障害者加算の方が高いため母子加算は算定しない"),
        (
            applies & (parent_disability > 0),
            "同一人の障害者加算より高いため母子加算を算定し、その障害者加算は算定しない",
        ),
    )
    return outcome(
        np.where(disability_wins, 0, amount),
        applies,
        {"児童数": children, "母子加算の額": amount, "ひとり親本人の障害者加算": parent_disability},
        [one_used, two_used, extra_used],
        notes,
    )


def _disability_forgone(ctx: Context) -> Outcome:
    """Removes the lone parent's disability addition where 母子加算 was chosen instead."""
    chosen = ctx.amount("addition.single_parent") > 0
    parent = ctx.in_household & ctx.frame.m_lone_parent & ~is_child(ctx)
    disability = ctx.amount("addition.disability")
    forgone = parent & ctx.to_members(chosen) & (disability > 0)
    return outcome(np.where(forgone, -disability, 0), forgone, {"障害者加算": disability})


def _single_parent_transitional(ctx: Context) -> Outcome:
    child = is_child(ctx)
    parent = ctx.in_household & ctx.frame.m_lone_parent & ~child
    children = ctx.per_household(child & ~parent)
    # Follows the 母子加算 actually computed (not where the same person's
    # 障害者加算 was chosen instead): UNVERIFIED, see the open questions.
    eligible = (
        (ctx.amount("addition.single_parent") > 0) & (children == 1) & (ctx.size_at_home >= 3)
    )
    member_mask = child & ~parent & ctx.to_members(eligible)
    values, used = ctx.lookup(
        "single_parent_transitional_addition",
        member_mask,
        ctx.kyuchi_column(True),
        size=ctx.to_members(ctx.size_at_home),
        age=ctx.age,
    )
    return outcome(
        values,
        member_mask & (values > 0),
        {"居宅の世帯人員": ctx.to_members(ctx.size_at_home), "児童の年齢": ctx.age},
        [used],
    )


def _child_rearing(ctx: Context) -> Outcome:
    child = is_child(ctx)
    values, used = ctx.lookup("child_rearing_addition", child, "value")
    return outcome(values, child, {"年齢": ctx.age}, [used])


def _child_rearing_transitional(ctx: Context) -> Outcome:
    """Three cases (per qualifying child) of the transitional child-rearing addition."""
    if not ctx.in_force("child_rearing_transitional_addition"):
        return outcome(np.zeros(ctx.members), np.zeros(ctx.members, dtype=bool))
    child = is_child(ctx)
    size = ctx.to_members(ctx.size_in_household)
    under_three = child & (ctx.age < 3)
    case_a = under_three & ctx.in_hospital & (size <= 3)
    case_b = under_three & (size >= 4)
    before_secondary = (ctx.age >= 3) & ctx.before_school_year_end(
        ctx.scalar("elementary_completion_age")
    )
    order = _child_order(ctx, child)
    case_c = child & before_secondary & (order >= 3)
    eligible = case_a | case_b | case_c
    values, used = ctx.lookup("child_rearing_transitional_addition", eligible, "value")
    reason = remarks(
        ctx.members,
        (case_a, "3人以下の世帯で3歳未満の児童が入院"),
        (case_b, "4人以上の世帯の3歳未満の児童"),
        (case_c, "第3子以降の3歳から小学校修了前の児童"),
    )
    return outcome(values, eligible, {"年齢": ctx.age, "第何子": order}, [used], reason)


def _child_order(ctx: Context, child: np.ndarray) -> np.ndarray:
    """1 for the oldest child of the household, 2 for the next, … (0 for non-children)."""
    f = ctx.frame
    birth_key = f.m_birth_year * 10_000 + f.m_birth_month * 100 + f.m_birth_day
    order = np.zeros(ctx.members, dtype=np.int64)
    indices = np.flatnonzero(child)
    if indices.size:
        sort = np.lexsort((birth_key[indices], ctx.hh[indices]))
        ranked = indices[sort]
        households = ctx.hh[ranked]
        starts = np.r_[0, np.flatnonzero(np.diff(households)) + 1]
        positions = np.arange(ranked.size) - np.repeat(starts, np.diff(np.r_[starts, ranked.size]))
        order[ranked] = positions + 1
    return order


_STAGES = tuple(stage.value for stage in PregnancyStage)


def _pregnancy(ctx: Context) -> Outcome:
    stage_code = ctx.frame.m_pregnancy
    eligible = ctx.in_household & (stage_code != code(PregnancyStage.NONE))
    stage = Coded(_STAGES, stage_code)
    values, used = ctx.lookup(
        "pregnancy_addition", eligible, ctx.kyuchi_major_column(True), stage=stage
    )
    return outcome(values, eligible, {"区分": stage, "級地": ctx.kyuchi_major_column(True)}, [used])


def _home_patient(ctx: Context) -> Outcome:
    eligible = ctx.at_home & ctx.frame.m_home_patient
    values, used = ctx.lookup("home_patient_addition", eligible, ctx.kyuchi_major_column(True))
    return outcome(values, eligible, {"級地": ctx.kyuchi_major_column(True)}, [used])


def _radiation(ctx: Context) -> Outcome:
    status = ctx.frame.m_radiation
    current = ctx.in_household & (status == code(RadiationStatus.CURRENT))
    former = ctx.in_household & (status == code(RadiationStatus.FORMER))
    current_values, current_used = ctx.lookup("radiation_addition", current, "current")
    former_values, former_used = ctx.lookup("radiation_addition", former, "former")
    return outcome(
        current_values + former_values, current | former, {}, [current_used, former_used]
    )


def _care_facility(ctx: Context) -> Outcome:
    eligible = ctx.in_care_facility
    values, used = ctx.lookup("care_facility_addition", eligible, ctx.kyuchi_major_column(True))
    return outcome(values, eligible, {"級地": ctx.kyuchi_major_column(True)}, [used])


def _care_premium(ctx: Context) -> Outcome:
    f = ctx.frame
    eligible = (
        ctx.in_household
        & (f.m_care_premium > 0)
        & (f.m_care_insurance == code(CareInsuranceStatus.FIRST_INSURED))
    )
    return outcome(
        np.where(eligible, f.m_care_premium, 0), eligible, {"介護保険料（実費）": f.m_care_premium}
    )


def _rule(
    code_: str,
    title: str,
    level: Level,
    formula: str,
    legal: tuple[LegalRef, ...],
    compute: Callable[[Context], Outcome],
) -> Rule:
    return Rule(
        code=code_,
        title=title,
        level=level,
        role=Role.COMPONENT,
        kind=LIVING,
        formula=formula,
        legal=legal,
        compute=compute,
    )


RULES: tuple[Rule, ...] = (
    _rule(
        "addition.disability",
        "障害者加算",
        Level.MEMBER,
        "障害の程度（1・2級相当 / 3級相当）と級地により表から引く（入院・入所中は別の表）",
        (law.DISABILITY,),
        _disability,
    ),
    _rule(
        "addition.severe_disability",
        "重度障害者加算",
        Level.MEMBER,
        "常時介護を要する1・2級相当の障害者に加える額",
        (law.SEVERE_DISABILITY,),
        _severe_disability,
    ),
    _rule(
        "addition.single_parent",
        "母子加算",
        Level.HOUSEHOLD,
        "児童1人・2人の額、3人以上は1人増すごとの額を加える。ひとり親本人の障害者加算と比べ高い方のみ",
        (law.SINGLE_PARENT, law.SAME_PERSON),
        _single_parent,
    ),
    _rule(
        "addition.disability_forgone",
        "障害者加算（母子加算との併給調整）",
        Level.MEMBER,
        "母子加算を算定したひとり親本人の障害者加算を差し引く",
        (law.SAME_PERSON,),
        _disability_forgone,
    ),
    _rule(
        "addition.single_parent_transitional",
        "母子世帯等に係る経過的加算",
        Level.MEMBER,
        "児童が1人の母子加算世帯（3人以上）で、世帯人員・児童の年齢・級地により表から引く",
        (law.TRANSITIONAL,),
        _single_parent_transitional,
    ),
    _rule(
        "addition.child_rearing",
        "児童養育加算",
        Level.MEMBER,
        "児童（18歳に達した日以後の最初の3月31日まで）1人につき",
        (law.CHILD_REARING,),
        _child_rearing,
    ),
    _rule(
        "addition.child_rearing_transitional",
        "児童養育加算に係る経過的加算",
        Level.MEMBER,
        "3つの場合のいずれかに当たる児童1人につき",
        (law.CHILD_REARING_TRANSITIONAL,),
        _child_rearing_transitional,
    ),
    _rule(
        "addition.pregnancy",
        "妊産婦加算",
        Level.MEMBER,
        "妊娠6か月未満・6か月以上・産後の区分と級地により表から引く",
        (law.PREGNANCY,),
        _pregnancy,
    ),
    _rule(
        "addition.home_patient",
        "在宅患者加算",
        Level.MEMBER,
        "在宅で療養に専念する患者に、級地により表から引く",
        (law.HOME_PATIENT,),
        _home_patient,
    ),
    _rule(
        "addition.radiation",
        "放射線障害者加算",
        Level.MEMBER,
        "現に障害の状態にある者 / 治った者の額",
        (law.RADIATION,),
        _radiation,
    ),
    _rule(
        "addition.care_facility",
        "介護施設入所者加算",
        Level.MEMBER,
        "介護施設に入所している世帯員に、級地により表から引く",
        (law.CARE_FACILITY_ADDITION,),
        _care_facility,
    ),
    _rule(
        "addition.care_premium",
        "介護保険料加算",
        Level.MEMBER,
        "第1号被保険者の介護保険料の実費",
        (law.CARE_PREMIUM,),
        _care_premium,
    ),
)
