"""Attribute every difference between our engine and OpenFisca-Japan to a named cause.

Method (a reconciliation, not a guess): for each household we take OUR
engine's intermediate values (the rule outcomes of a second, untimed run) and
apply to them, one by one, the simplifications OpenFisca-Japan is known to make
(``shared/reference-data/OPENFISCA-JAPAN-NOTES.md``), each re-derived from OUR
standards tables and the household's facts — never from OpenFisca's output.
Each simplification that changes the household's amount is a cause with a
signed amount (OpenFisca − ours). What remains after all of them,

    residual = (OpenFisca − ours) − Σ cause amounts,

must be zero up to float32 noise; a household with a non-zero residual, or a
difference no cause accounts for, is counted as "unexplained" and listed for
investigation. Causes that cannot be re-derived cheaply (they do not occur in
the generated caseload, see :data:`NOT_QUANTIFIED`) are recognised by their
condition; their households are not counted as unexplained but reported under
the cause's name ("条件のみ", condition only).

Run from /work/main with the project venv after ``compare.py`` (which calls it),
or standalone::

    python bench/openfisca/classify.py INPUT.jsonl OURS.jsonl OPENFISCA.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from seikatsu_std.calc.context import CalculationError, Context
from seikatsu_std.calc.engine import Calculator, MonthRun
from seikatsu_std.calc.frame import code, frame_from_records
from seikatsu_std.calc.inputs import IncomeKind
from seikatsu_std.calc.rules.additions import is_child
from seikatsu_std.calc.rules.income import earned_expenses, earned_gross
from seikatsu_std.model.household import Relationship, Residence, SchoolStatus

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

#: Components compared, in table order: key → (Japanese label, English label).
COMPONENTS: dict[str, tuple[str, str]] = {
    "living": ("生活扶助（加算を含む）", "living incl. additions"),
    "housing": ("住宅扶助", "housing"),
    "education": ("教育扶助", "education"),
    "high_school": ("高等学校等就学費", "high-school costs"),
    "minimum_living_cost": (
        "最低生活費（医療・介護を除く）",
        "minimum cost of living (cash kinds)",
    ),
    "recognised_income": ("収入充当額", "recognised income"),
    "benefit": ("支給額（金銭給付）", "benefit (cash)"),
}

#: Causes: code → (Japanese name, which side follows the rule).
CAUSES: dict[str, tuple[str, str]] = {
    "age_reference": (
        "年齢: 月の初日が誕生日の前日の者（2日生まれ）を加齢するか（第1類・経過的加算の年齢区分）",
        "未確認",
    ),
    "special_addition": (
        "特例加算（1人1,000円・2025-10から1,500円）がない",
        "ours (provisional value)",
    ),
    "no_rounding": ("第1類×逓減率等の10円未満切上げをしない（float32）", "ours"),
    "class1_counts_inpatients": ("第1類に入院・入所者を含め、逓減率・第2類は除く", "ours"),
    "size_clipped_at_5": ("逓減率・第2類・経過的加算が5人の行で打切り", "ours"),
    "institution_living": ("入院患者日用品費・施設の基準生活費がない", "ours"),
    "disability_pension_or_mental": ("障害者加算: 障害年金・精神手帳の等級を見ない", "ours"),
    "disability_inpatient": ("障害者加算: 入院・入所中も在宅の額", "ours"),
    "severe_disability": ("重度障害者加算がない", "ours"),
    "same_person_rule": ("障害者加算と母子加算を世帯単位で比べる（同一人の原則でない）", "ours"),
    "lone_parent_definition": ("母子加算: 「親」が1人なら対象（ひとり親の認定を見ない）", "ours"),
    "child_18": ("18歳の高校生を4〜12月は児童としない（母子加算・児童養育加算）", "ours"),
    "our_child_april_1": ("4月1日生まれの児童の終期を1年遅く判定（当方の誤り）", "OpenFisca"),
    "grade_from_birth_date": ("学年を生年月日から推定（就学状況の入力を使わない）", "ours (input)"),
    "child_rearing_transitional_order": (
        "児童養育加算の経過的加算: 第3子を「子」の中で数える（18歳以上の子も数える）",
        "ours",
    ),
    "single_parent_transitional": (
        "母子世帯等に係る経過的加算: 児童でなく「子」の人数で判定（18歳以上の子も数える）",
        "ours",
    ),
    "flat_additions": ("妊産婦・在宅患者・放射線・介護施設入所者加算が級地によらず一定", "ours"),
    "care_premium": ("介護保険料加算がない", "ours"),
    "year_end_size": ("期末一時扶助の世帯人員に入院者を含む", "ours"),
    "school_actual_costs": ("教育扶助・高校就学費の実費（給食費・教材代・通学費）がない", "ours"),
    "one_off_kinds": ("出産・生業・葬祭扶助がない", "ours"),
    "housing_limit_not_rent": ("住宅扶助: 実際の家賃でなく上限額", "ours"),
    "housing_without_rent": ("住宅扶助: 家賃のない世帯（持家等）にも上限額", "ours"),
    "housing_size_counts_inpatients": ("住宅扶助: 世帯人員に入院・入所者を含む", "ours"),
    "income_expenses_ignored": ("必要経費（社会保険料・税・通勤費）を控除しない", "ours"),
    "basic_deduction_linear": ("基礎控除を一次式で近似（表の額でない）", "ours"),
    "unearned_as_earned": ("年金等も就労収入として基礎控除を適用", "ours"),
    "occasional_income": ("臨時収入の8,000円控除がない", "ours"),
    "allowances_deemed": ("児童手当・児童扶養手当・児童育成手当を自ら算定して差し引く", "input"),
    "other_deductions": ("新規就労控除・未成年者控除の要件を見ない", "ours"),
    "second_earner_deduction": ("2人目以降の基礎控除（近似式）", "ours"),
    "follows_minimum_living_cost": ("最低生活費の差（上の各原因）", "—"),
    "follows_income": ("収入充当額の差（上の各原因）", "—"),
}

#: Causes recognised by their condition but not re-derived (their amount is not checked).
NOT_QUANTIFIED = frozenset(
    {
        "class1_counts_inpatients",
        "size_clipped_at_5",
        "disability_inpatient",
        "flat_additions",
        "year_end_size",
        "other_deductions",
        "second_earner_deduction",
        "one_off_kinds",
        "occasional_income",
    }
)


def tolerance(values: F64) -> F64:
    """float32 noise allowed on OpenFisca's side (its variables are float32)."""
    return 0.05 + 2e-7 * np.abs(values)


# --------------------------------------------------------------------- loading


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def our_headline(results: Sequence[Mapping[str, Any]]) -> dict[str, F64]:
    """Headline amounts from our timed results file (compact calculation_result records)."""
    n = len(results)
    out = {key: np.full(n, np.nan) for key in COMPONENTS}
    for i, r in enumerate(results):
        if r.get("record_type") != "calculation_result":
            continue
        needs = r["needs"]
        out["living"][i] = needs["living"]
        out["housing"][i] = needs["housing"]
        out["education"][i] = needs["education"]
        out["high_school"][i] = needs["occupational"]
        cash = sum(v for k, v in needs.items() if k not in ("medical", "care"))
        out["minimum_living_cost"][i] = cash
        out["recognised_income"][i] = r["recognised_income"]
        out["benefit"][i] = r["cash_benefit"]
    return out


def openfisca_headline(rows: Sequence[Mapping[str, Any]]) -> dict[str, F64]:
    """The same components from the OpenFisca adapter's output."""
    return {
        key: np.array([r[key] for r in rows], dtype=np.float64)
        for key in (*COMPONENTS, "allowances")
    }


# --------------------------------------------------------------------- our side


@dataclass
class Derivation:
    """Per household: signed cause amounts (OpenFisca − ours) for each component."""

    households: int
    amounts: dict[str, dict[str, F64]] = field(default_factory=dict)
    #: Per household: causes present without a re-derived amount, per component.
    flags: dict[str, dict[str, B]] = field(default_factory=dict)

    def add(self, component: str, cause: str, amount: npt.ArrayLike) -> None:
        values = np.asarray(amount, dtype=np.float64)
        bucket = self.amounts.setdefault(component, {})
        bucket[cause] = bucket.get(cause, np.zeros(self.households)) + values

    def flag(self, component: str, cause: str, mask: npt.ArrayLike) -> None:
        bucket = self.flags.setdefault(component, {})
        bucket[cause] = bucket.get(cause, np.zeros(self.households, dtype=bool)) | np.asarray(
            mask, dtype=bool
        )

    def total(self, component: str) -> F64:
        return sum(self.amounts.get(component, {}).values(), np.zeros(self.households))


def school_grade(ctx: Context) -> I64:
    """School grade implied by the birth date (1–6 elementary, 7–9 junior high, 10–12 high).

    学校教育法17条: a child starts school at the first school year (April) after
    the day before its 6th birthday, so children born 2 April Y … 1 April Y+1
    start in April Y+7.
    """
    f = ctx.frame
    day = ctx.day
    fiscal_year = day.year - (day.month < 4)
    early = (f.m_birth_month < 4) | ((f.m_birth_month == 4) & (f.m_birth_day == 1))
    entry = f.m_birth_year + 7 - early.astype(np.int64)
    return np.asarray(fiscal_year - entry + 1, dtype=np.int64)


def openfisca_age(ctx: Context) -> I64:
    """Age on the 1st of the month as OpenFisca counts it (older only from the birthday itself)."""
    f = ctx.frame
    day = ctx.day
    later = (f.m_birth_month > day.month) | ((f.m_birth_month == day.month) & (f.m_birth_day > 1))
    return np.asarray(np.clip(day.year - f.m_birth_year - later.astype(np.int64), 0, None))


def legal_child_status(ctx: Context) -> B:
    """児童 as the rule words it: until the first 31 March on or after the day one reaches 18.

    One "reaches" an age on the day before the birthday (年齢計算ニ関スル法律,
    民法143条), so a child born on 1 April reaches 18 on 31 March and stops
    being a child that same day — the same cut-off as the school year.
    """
    f = ctx.frame
    early = (f.m_birth_month < 4) | ((f.m_birth_month == 4) & (f.m_birth_day == 1))
    cutoff_year = f.m_birth_year + 18 + (~early).astype(np.int64)
    day = ctx.day
    return np.asarray((day.year < cutoff_year) | ((day.year == cutoff_year) & (day.month <= 3)))


def _level(grade: I64) -> npt.NDArray[np.object_]:
    return np.select(
        [(grade >= 1) & (grade <= 6), (grade >= 7) & (grade <= 9), (grade >= 10) & (grade <= 12)],
        ["elementary", "junior_high", "high_school"],
        default="none",
    ).astype(object)


def derive(run: MonthRun) -> tuple[Derivation, dict[str, F64]]:
    """Cause amounts for every household of one month run, and a few facts for the report."""
    ctx = run.ctx
    f = ctx.frame
    o = ctx.outcomes
    n = ctx.households
    d = Derivation(n)
    ph = ctx.per_household

    def amount(rule: str) -> I64:
        return o[rule].amount

    members_in = ctx.in_household
    of_age = openfisca_age(ctx)
    hospital_or_care = ctx.in_household & (
        (f.m_residence == code(Residence.HOSPITAL))
        | (f.m_residence == code(Residence.CARE_FACILITY))
    )
    away = members_in & ~ctx.at_home
    size_all = ph(members_in)
    size_home = ctx.size_at_home
    size_no_hospital = ph(members_in & ~hospital_or_care)
    all_home = ph(away) == 0

    # ------------------------------------------------------------ living: main
    special = ph(amount("living.special"))
    d.add("living", "special_addition", -special)
    b1, b2 = o["living.basis1"].inputs, o["living.basis2"].inputs
    multiplier = o["living.main"].inputs["率"].astype(np.float64)
    raw1 = b1["第1類費の合計"] * b1["逓減率"].astype(np.float64) + b1["第2類費"]
    raw2 = b2["第1類費の合計"] * b2["逓減率"].astype(np.float64) + b2["第2類費"]
    unrounded = np.maximum(raw1 * multiplier, raw2)
    comparable = all_home & (size_home <= 5) & (size_home > 0)
    main = amount("living.main")
    d.add("living", "no_rounding", np.where(comparable, unrounded - main, 0))
    # The same with OpenFisca's ages (it does not count the day before the birthday).
    of_class1 = {
        basis: ph(
            ctx.lookup(f"living_class1_{basis}", ctx.at_home, ctx.kyuchi_column(True), age=of_age)[
                0
            ]
        )
        for basis in ("basis1", "basis2")
    }
    of_raw1 = raw1 + (of_class1["basis1"] - b1["第1類費の合計"]) * b1["逓減率"].astype(np.float64)
    of_raw2 = raw2 + (of_class1["basis2"] - b2["第1類費の合計"]) * b2["逓減率"].astype(np.float64)
    of_unrounded = np.maximum(of_raw1 * multiplier, of_raw2)
    d.add("living", "age_reference", np.where(comparable, of_unrounded - unrounded, 0))
    of_transitional, _ = ctx.lookup(
        "living_transitional_addition",
        ctx.at_home,
        ctx.kyuchi_column(True),
        size=ctx.to_members(size_home),
        age=of_age,
    )
    d.add(
        "living",
        "age_reference",
        np.where(all_home, ph(of_transitional) - ph(amount("living.transitional")), 0),
    )
    d.flag("living", "class1_counts_inpatients", ~all_home)
    d.flag("living", "size_clipped_at_5", size_no_hospital > 5)
    institution = ph(
        amount("living.inpatient")
        + amount("living.care_facility")
        + amount("living.other_facility")
    )
    d.add("living", "institution_living", -institution)

    # ------------------------------------------------------------ additions
    physical = f.m_physical_grade
    of_category = np.select(
        [(physical >= 1) & (physical <= 2), physical == 3], ["high", "low"], default=None
    ).astype(object)
    of_disabled = members_in & (of_category != None)  # noqa: E711 (object array)
    of_disability_m, _ = ctx.lookup(
        "disability_addition", of_disabled, ctx.kyuchi_major_column(True), category=of_category
    )
    of_disability = ph(of_disability_m)
    our_disability_m = amount("addition.disability") + amount("addition.disability_forgone")
    our_child = is_child(ctx)
    of_child = members_in & ((of_age < 18) | ((of_age == 18) & (ctx.day.month <= 3)))
    parent_role = members_in & ctx.head_or_spouse
    one_parent = ph(parent_role) == 1
    of_children = ph(of_child)
    sp_applies = one_parent & (of_children > 0)
    one, _ = ctx.lookup(
        "single_parent_addition", sp_applies, "one_child", kyuchi_major=ctx.kyuchi_major
    )
    two, _ = ctx.lookup(
        "single_parent_addition",
        sp_applies & (of_children >= 2),
        "two_children",
        kyuchi_major=ctx.kyuchi_major,
    )
    extra, _ = ctx.lookup(
        "single_parent_addition",
        sp_applies & (of_children >= 3),
        "per_additional_child",
        kyuchi_major=ctx.kyuchi_major,
    )
    of_single_parent = np.where(
        sp_applies,
        np.where(of_children >= 2, two + (np.maximum(of_children, 2) - 2) * extra, one),
        0,
    )
    of_block = np.maximum(of_disability, of_single_parent)
    our_block = ph(our_disability_m) + amount("addition.single_parent")
    block_delta = of_block - our_block
    pension_or_mental = members_in & (our_disability_m > 0) & (of_category == None)  # noqa: E711
    lone_parent = members_in & f.m_lone_parent & ~our_child
    other_disabled = ph(of_disabled & ~lone_parent) > 0
    both = (of_disability > 0) & (of_single_parent > 0) & other_disabled
    legal_child = members_in & legal_child_status(ctx)
    child18 = ph(legal_child & ~of_child) > 0
    april_1 = ph(our_child != legal_child) > 0
    has_children = ph(our_child | legal_child | of_child) > 0
    definition = has_children & (one_parent != (ph(members_in & f.m_lone_parent) > 0))
    disabled_away = ph(away & (our_disability_m > 0)) > 0
    block_causes = {
        "disability_pension_or_mental": ph(pension_or_mental) > 0,
        "same_person_rule": both,
        "child_18": child18,
        "our_child_april_1": april_1,
        "lone_parent_definition": definition,
        "disability_inpatient": disabled_away,
    }
    _split(d, "living", block_delta, block_causes)

    rearing_value = _scalar(ctx, "child_rearing_addition", of_child.any() or our_child.any())
    of_rearing = rearing_value * ph(of_child)
    legal_rearing = rearing_value * ph(legal_child)
    d.add("living", "child_18", of_rearing - legal_rearing)
    d.add("living", "our_child_april_1", legal_rearing - ph(amount("addition.child_rearing")))

    grade = school_grade(ctx)
    level = _level(grade)
    under3 = members_in & (of_age < 3)
    case_a = under3 & (f.m_residence == code(Residence.HOSPITAL)) & ctx.to_members(size_all <= 3)
    case_b = under3 & ctx.to_members(size_all >= 4)
    child_role = members_in & np.isin(
        f.m_relationship, [code(Relationship.CHILD), code(Relationship.GRANDCHILD)]
    )
    rank = _rank_by_age(ctx, child_role)
    case_c = child_role & (rank >= 2) & (of_age >= 3) & (grade <= 6)
    our_rank = _rank_by_age(ctx, our_child)
    stated_before_secondary = np.isin(
        f.m_school,
        [
            code(SchoolStatus.PRESCHOOL),
            code(SchoolStatus.ELEMENTARY),
            code(SchoolStatus.NOT_IN_SCHOOL),
        ],
    )
    before_secondary_mismatch = (
        child_role & (of_age >= 3) & ((grade <= 6) != stated_before_secondary)
    )
    order_differs = ph((our_rank >= 2) != (rank >= 2)) > 0
    transitional_value = _scalar(
        ctx, "child_rearing_transitional_addition", bool((case_a | case_b | case_c).any())
    )
    of_crt = transitional_value * ph(case_a | case_b | case_c)
    crt_delta = of_crt - ph(amount("addition.child_rearing_transitional"))
    _split(
        d,
        "living",
        crt_delta,
        {
            "child_rearing_transitional_order": order_differs,
            "grade_from_birth_date": ph(before_secondary_mismatch) > 0,
            "child_18": child18,
            "our_child_april_1": april_1,
        },
    )
    # 母子世帯等に係る経過的加算: OpenFisca counts members in the role 子 (any age < 20),
    # with every member in the household size; ours counts 児童 and members at home.
    of_spt_members = child_role & ctx.to_members(
        (ph(child_role) == 1) & one_parent & (size_all >= 3)
    )
    of_spt_members &= of_age < 20
    of_spt_values, _ = ctx.lookup(
        "single_parent_transitional_addition",
        of_spt_members,
        ctx.kyuchi_column(True),
        size=ctx.to_members(np.minimum(size_all, 5)),
        age=of_age,
    )
    spt_delta = ph(of_spt_values) - ph(amount("addition.single_parent_transitional"))
    _split(
        d,
        "living",
        spt_delta,
        {
            "single_parent_transitional": (ph(child_role) != ph(legal_child & child_role))
            | (size_all != size_home),
            "child_18": child18,
            "lone_parent_definition": definition,
        },
    )
    d.add("living", "severe_disability", -ph(amount("addition.severe_disability")))
    d.add("living", "care_premium", -ph(amount("addition.care_premium")))
    flat = (
        amount("addition.pregnancy")
        + amount("addition.home_patient")
        + amount("addition.radiation")
        + amount("addition.care_facility")
    )
    d.flag("living", "flat_additions", (ph(flat) > 0) & (ctx.kyuchi_major != 1))
    d.flag("living", "year_end_size", (amount("living.year_end") > 0) & (size_all != size_home))

    # ------------------------------------------------------------ housing
    our_limit = o["housing.rent"].inputs["上限額"]
    limit_all = housing_limit(ctx, size_all)
    paid = amount("housing.rent")
    applied = o["housing.rent"].applies
    d.add("housing", "housing_limit_not_rent", np.where(applied, our_limit - paid, 0))
    d.add("housing", "housing_without_rent", np.where(applied, 0, limit_all))
    size_effect = np.where(applied, limit_all - our_limit, 0)
    d.add("housing", "housing_size_counts_inpatients", size_effect)

    # ------------------------------------------------------------ education / high school
    base_elem = _lookup_education(ctx, members_in & (level == "elementary"), "elementary")
    base_junior = _lookup_education(ctx, members_in & (level == "junior_high"), "junior_high")
    of_education = ph(base_elem + base_junior)
    our_edu_base = ph(amount("education.base"))
    d.add("education", "grade_from_birth_date", of_education - our_edu_base)
    d.add("education", "school_actual_costs", -ph(amount("education.actual")))
    hs_value = _scalar(ctx, "high_school_base", bool((level == "high_school").any()))
    of_high = hs_value * ph(members_in & (level == "high_school"))
    d.add(
        "high_school",
        "grade_from_birth_date",
        of_high - ph(amount("occupational.high_school_base")),
    )
    d.add("high_school", "school_actual_costs", -ph(amount("occupational.high_school_actual")))

    # ------------------------------------------------------------ minimum cost of living
    for component in ("living", "housing", "education", "high_school"):
        for cause, values in d.amounts.get(component, {}).items():
            d.add("minimum_living_cost", cause, values)
        for cause, mask in d.flags.get(component, {}).items():
            d.flag("minimum_living_cost", cause, mask)
    d.add("minimum_living_cost", "one_off_kinds", -_one_off(run))

    # ------------------------------------------------------------ income
    income_causes(ctx, d)
    return d, {"allowance_input": ph(_income_of(ctx, (IncomeKind.ALLOWANCE,)))}


def _income_of(ctx: Context, kinds: Iterable[IncomeKind]) -> F64:
    """Per member: the month's income of the given kinds (before expenses)."""
    f = ctx.frame
    rows = np.isin(f.i_kind, [code(k) for k in kinds])
    return np.bincount(
        f.i_member, weights=np.where(rows, f.i_amount, 0).astype(np.float64), minlength=ctx.members
    )


def income_causes(ctx: Context, d: Derivation) -> None:
    """Recognised income: OpenFisca takes 収入 (all kinds) /12 minus its own deductions.

    Re-derived for households with one income-receiving member of one kind
    (earned only, or unearned only); anything else is flagged by condition.
    """
    o = ctx.outcomes
    ph = ctx.per_household
    counted_kinds = [k for k in IncomeKind if k not in (IncomeKind.ALLOWANCE, IncomeKind.EXCLUDED)]
    total = _income_of(ctx, counted_kinds)
    gross = earned_gross(ctx).astype(np.float64)
    expenses = earned_expenses(ctx).astype(np.float64)
    occasional = _income_of(ctx, (IncomeKind.OCCASIONAL,))
    first = _first_by_income(ctx, total)
    # OpenFisca's first-earner deduction as documented (NOTES §4): 15,000 + 10% above 15,000.
    of_deduction = np.where(first, np.clip((total - 15_000) * 0.1 + 15_000, 0, total), 0.0)
    basic = o["deduction.basic"].amount.astype(np.float64)
    other = (o["deduction.new_job"].amount + o["deduction.minor"].amount).astype(np.float64)
    earned_only = (gross > 0) & (total == gross)
    unearned_only = (gross == 0) & (total > 0) & (occasional == 0)
    receivers = ph(total > 0)
    unclipped = (gross - expenses - basic - other) >= 0
    simple = (receivers <= 1) & (ph(other) == 0) & (ph(occasional) == 0)
    simple &= ph((total > 0) & ~(earned_only | unearned_only)) == 0
    simple &= ph(earned_only & ~unclipped) == 0
    d.add(
        "recognised_income",
        "income_expenses_ignored",
        np.where(simple, ph(np.where(earned_only, expenses, 0)), 0),
    )
    d.add(
        "recognised_income",
        "basic_deduction_linear",
        np.where(simple, ph(np.where(earned_only, basic - of_deduction, 0)), 0),
    )
    d.add(
        "recognised_income",
        "unearned_as_earned",
        np.where(simple, ph(np.where(unearned_only, -of_deduction, 0)), 0),
    )
    d.flag("recognised_income", "second_earner_deduction", receivers > 1)
    minor_of = (ctx.age < 18) & (total > 0)
    d.flag("recognised_income", "other_deductions", (ph(other) > 0) | (ph(minor_of) > 0))
    d.flag("recognised_income", "occasional_income", ph(occasional) > 0)
    mixed = (receivers <= 1) & (ph((total > 0) & ~(earned_only | unearned_only)) > 0)
    d.flag("recognised_income", "unearned_as_earned", mixed)
    d.flag("recognised_income", "income_expenses_ignored", ph(earned_only & ~unclipped) > 0)


def _split(d: Derivation, component: str, delta: F64, causes: Mapping[str, B]) -> None:
    """Give a joint amount to the first cause whose condition holds; flag the others."""
    remaining = np.asarray(delta, dtype=np.float64).copy()
    taken = np.zeros(len(remaining), dtype=bool)
    for cause, mask in causes.items():
        take = mask & (remaining != 0) & ~taken
        d.add(component, cause, np.where(take, remaining, 0))
        d.flag(component, f"{cause}", mask & (remaining != 0) & taken)
        taken |= take


def _scalar(ctx: Context, table: str, needed: bool) -> int:
    if not needed or not ctx.in_force(table):
        return 0
    return ctx.scalar(table)


def _lookup_education(ctx: Context, mask: B, school: str) -> I64:
    level = np.full(ctx.members, school, dtype=object)
    values, _ = ctx.lookup("education_base", mask, "value", school=level)
    return values


def _rank_by_age(ctx: Context, mask: B) -> I64:
    """0 for the oldest member in ``mask`` of each household, 1 for the next, … (−1 elsewhere)."""
    f = ctx.frame
    key = f.m_birth_year * 10_000 + f.m_birth_month * 100 + f.m_birth_day
    rank = np.full(ctx.members, -1, dtype=np.int64)
    idx = np.flatnonzero(mask)
    if idx.size:
        order = idx[np.lexsort((key[idx], ctx.hh[idx]))]
        households = ctx.hh[order]
        starts = np.r_[0, np.flatnonzero(np.diff(households)) + 1]
        lengths = np.diff(np.r_[starts, order.size])
        rank[order] = np.arange(order.size) - np.repeat(starts, lengths)
    return rank


def _first_by_income(ctx: Context, income: F64) -> B:
    earners = np.flatnonzero(income > 0)
    first = np.zeros(ctx.members, dtype=bool)
    if earners.size:
        order = earners[np.lexsort((earners, -income[earners], ctx.hh[earners]))]
        lead = np.r_[True, ctx.hh[order][1:] != ctx.hh[order][:-1]]
        first[order[lead]] = True
    return first


def housing_limit(ctx: Context, size: I64) -> F64:
    """Our housing limit for every household (as if it rented), by household size."""
    band = np.select(
        [size <= 1, size == 2, size <= 5, size == 6], ["1", "2", "3-5", "6"], default="7-"
    ).astype(object)
    everyone = np.ones(ctx.households, dtype=bool)
    try:
        city_rows = ctx.table("housing_limit_city").find_rows(
            prefecture=ctx.prefecture, city=ctx.city
        )
        by_city = everyone & (city_rows >= 0)
        city, _ = ctx.lookup(
            "housing_limit_city", by_city, band, prefecture=ctx.prefecture, city=ctx.city
        )
        prefecture, _ = ctx.lookup(
            "housing_limit_prefecture",
            ~by_city,
            band,
            prefecture=ctx.prefecture,
            kyuchi_major=ctx.kyuchi_major,
        )
    except CalculationError:
        return np.full(ctx.households, np.nan)
    return (city + prefecture).astype(np.float64)


def _one_off(run: MonthRun) -> F64:
    from seikatsu_std.calc.engine import KINDS
    from seikatsu_std.model.common import AssistanceKind

    ctx = run.ctx
    index = {kind: i for i, kind in enumerate(KINDS)}
    needs = run.needs
    high_school = ctx.per_household(
        ctx.amount("occupational.high_school_base") + ctx.amount("occupational.high_school_actual")
    )
    return (
        needs[:, index[AssistanceKind.CHILDBIRTH]]
        + needs[:, index[AssistanceKind.FUNERAL]]
        + needs[:, index[AssistanceKind.OCCUPATIONAL]]
        - high_school
    ).astype(np.float64)


# --------------------------------------------------------------------- classification


@dataclass
class ComponentReport:
    """Agreement and the causes of the differences for one component."""

    key: str
    compared: int
    exact: int
    within_10: int
    mean_abs: float
    max_abs: float
    causes: Counter[str]
    cause_amounts: dict[str, float]
    unexplained: list[int]
    flagged_only: Counter[str]


@dataclass
class Report:
    components: list[ComponentReport]
    excluded: int
    examples: dict[str, list[dict[str, Any]]]


def derive_all(
    records: Sequence[Mapping[str, Any]],
    ours: Mapping[str, F64],
    theirs: Mapping[str, F64],
    calculator: Calculator | None = None,
) -> Derivation:
    """Cause amounts and conditions for every household and component."""
    calculator = calculator or Calculator(allow_provisional=True)
    frame = frame_from_records(records)
    batch = calculator.run(frame)
    n = frame.households
    derivation = Derivation(n)
    fact_arrays: dict[str, F64] = {}
    for run_index, run in enumerate(batch.runs):
        positions = np.array(
            [i for i, p in enumerate(batch.positions) if p is not None and p[0] == run_index],
            dtype=np.int64,
        )
        order = np.array([batch.positions[i][1] for i in positions], dtype=np.int64)  # type: ignore[index]
        part, facts = derive(run)
        for component, causes in part.amounts.items():
            for cause, values in causes.items():
                target = derivation.amounts.setdefault(component, {}).setdefault(cause, np.zeros(n))
                target[positions] += values[order]
        for component, causes in part.flags.items():
            for cause, mask in causes.items():
                target_mask = derivation.flags.setdefault(component, {}).setdefault(
                    cause, np.zeros(n, dtype=bool)
                )
                target_mask[positions] |= mask[order]
        for name, values in facts.items():
            fact_arrays.setdefault(name, np.full(n, np.nan))[positions] = values[order]

    allowances = theirs.get("allowances", np.zeros(n))
    # Income: OpenFisca also deducts the child allowances it derives itself.
    income_amounts = derivation.amounts.setdefault("recognised_income", {})
    income_amounts["allowances_deemed"] = allowances - fact_arrays.get("allowance_input", 0)
    # Benefit: follows from the minimum cost of living and income, clipped at 0.
    mlc_expected = ours["minimum_living_cost"] + derivation.total("minimum_living_cost")
    income_expected = ours["recognised_income"] + derivation.total("recognised_income")
    benefit_expected = np.maximum(mlc_expected - income_expected, 0)
    benefit_delta = benefit_expected - ours["benefit"]
    mlc_part = np.maximum(mlc_expected - ours["recognised_income"], 0) - ours["benefit"]
    derivation.amounts["benefit"] = {
        "follows_minimum_living_cost": mlc_part,
        "follows_income": benefit_delta - mlc_part,
    }
    derivation.flags["benefit"] = {}
    for component in ("minimum_living_cost", "recognised_income"):
        for cause, mask in derivation.flags.get(component, {}).items():
            derivation.flags["benefit"][cause] = (
                derivation.flags["benefit"].get(cause, np.zeros(n, dtype=bool)) | mask
            )
    return derivation


def classify(
    records: Sequence[Mapping[str, Any]],
    ours: Mapping[str, F64],
    theirs: Mapping[str, F64],
    calculator: Calculator | None = None,
) -> Report:
    """Compare and attribute every difference (see the module docstring)."""
    derivation = derive_all(records, ours, theirs, calculator)
    valid = np.isfinite(ours["living"]) & np.isfinite(theirs["living"])
    reports = []
    examples: dict[str, list[dict[str, Any]]] = {}
    for key in COMPONENTS:
        a = ours[key][valid]
        b = theirs[key][valid]
        diff = b - a
        tol = tolerance(b)
        differs = np.abs(diff) > tol
        amounts = {c: v[valid] for c, v in derivation.amounts.get(key, {}).items()}
        flags = {c: v[valid] for c, v in derivation.flags.get(key, {}).items()}
        explained = sum(amounts.values(), np.zeros(diff.size))
        residual = diff - explained
        residual_bad = np.abs(residual) > tol
        any_flag = np.zeros(diff.size, dtype=bool)
        for mask in flags.values():
            any_flag |= mask
        causes: Counter[str] = Counter()
        cause_amounts: dict[str, float] = {}
        for cause, values in amounts.items():
            hit = differs & (np.abs(values) > 0.005)
            if hit.any():
                causes[cause] = int(hit.sum())
                cause_amounts[cause] = float(values[hit].sum())
        if key == "benefit":
            causes, cause_amounts = _root_causes(derivation, valid, differs)
        flagged_only: Counter[str] = Counter()
        for cause, mask in flags.items():
            hit = differs & mask
            if hit.any():
                flagged_only[cause] = int(hit.sum())
        unexplained_mask = differs & residual_bad & ~any_flag
        unexplained = np.flatnonzero(valid)[unexplained_mask].tolist()
        reports.append(
            ComponentReport(
                key=key,
                compared=int(valid.sum()),
                exact=int((~differs).sum()),
                within_10=int((np.abs(diff) <= 10 + tol).sum()),
                mean_abs=float(np.abs(diff).mean()) if diff.size else 0.0,
                max_abs=float(np.abs(diff).max()) if diff.size else 0.0,
                causes=causes,
                cause_amounts=cause_amounts,
                unexplained=unexplained,
                flagged_only=flagged_only,
            )
        )
        examples[key] = [
            {
                "index": int(i),
                "id": records[int(i)]["id"],
                "ours": float(ours[key][i]),
                "openfisca": float(theirs[key][i]),
                "explained": {
                    c: round(float(v[i]), 2)
                    for c, v in derivation.amounts.get(key, {}).items()
                    if abs(v[i]) > 0.005
                },
            }
            for i in unexplained[:5]
        ]
    return Report(reports, excluded=int((~valid).sum()), examples=examples)


def household_rows(
    records: Sequence[Mapping[str, Any]],
    ours: Mapping[str, F64],
    theirs: Mapping[str, F64],
    calculator: Calculator | None = None,
) -> list[dict[str, Any]]:
    """Per household and component: both amounts, the causes and the residual."""
    derivation = derive_all(records, ours, theirs, calculator)
    rows = []
    for i, record in enumerate(records):
        components = {}
        for key in COMPONENTS:
            a, b = float(ours[key][i]), float(theirs[key][i])
            diff = b - a
            tol = float(tolerance(np.array([b]))[0])
            causes = {
                c: round(float(v[i]), 2)
                for c, v in derivation.amounts.get(key, {}).items()
                if abs(v[i]) > 0.005
            }
            flagged = sorted(c for c, m in derivation.flags.get(key, {}).items() if m[i])
            residual = diff - sum(causes.values())
            if abs(diff) > tol or causes or flagged:
                components[key] = {
                    "ours": a,
                    "openfisca": round(b, 2),
                    "causes": causes if abs(diff) > tol else {},
                    "condition_only": flagged,
                    "residual": round(residual, 2) if abs(diff) > tol else 0.0,
                }
        rows.append({"id": record["id"], "components": components})
    return rows


# --------------------------------------------------------------------- printing


def _root_causes(
    derivation: Derivation, valid: B, differs: B
) -> tuple[Counter[str], dict[str, float]]:
    """Benefit: the causes behind the minimum-cost and income differences (counts only).

    Their effect on the benefit is not additive (the benefit is clipped at 0),
    so no amounts are given.
    """
    counts: Counter[str] = Counter()
    for component in ("minimum_living_cost", "recognised_income"):
        for cause, values in derivation.amounts.get(component, {}).items():
            hit = differs & (np.abs(values[valid]) > 0.005)
            if hit.any():
                counts[cause] = max(counts[cause], 0) + int(hit.sum())
    return counts, {cause: float("nan") for cause in counts}


def agreement_table(report: Report) -> list[str]:
    lines = [
        "| 項目 (component) | 比較世帯数 | 完全一致 | 10円以内 | 平均絶対差 | 最大絶対差 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for c in report.components:
        ja, en = COMPONENTS[c.key]
        lines.append(
            f"| {ja} ({en}) | {c.compared:,} | {100 * c.exact / max(c.compared, 1):.2f}% "
            f"| {100 * c.within_10 / max(c.compared, 1):.2f}% | {c.mean_abs:,.2f} | {c.max_abs:,.2f} |"
        )
    return lines


def cause_table(report: Report) -> list[str]:
    lines = [
        "| 項目 | 原因 (cause) | 世帯数 | 差の合計 (OpenFisca − ours, 円) |",
        "|---|---|---:|---:|",
    ]
    for c in report.components:
        ja = COMPONENTS[c.key][0]
        for cause, count in c.causes.most_common():
            total = c.cause_amounts[cause]
            shown = "—" if np.isnan(total) else f"{total:,.0f}"
            lines.append(f"| {ja} | {CAUSES[cause][0]} (`{cause}`) | {count:,} | {shown} |")
        for cause, count in c.flagged_only.most_common():
            lines.append(f"| {ja} | {CAUSES[cause][0]} (`{cause}`, 条件のみ) | {count:,} | — |")
        lines.append(f"| {ja} | **説明できない差 (unexplained)** | {len(c.unexplained):,} | |")
    return lines


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "excluded": report.excluded,
        "components": [
            {
                "key": c.key,
                "label": COMPONENTS[c.key][0],
                "compared": c.compared,
                "exact": c.exact,
                "within_10": c.within_10,
                "mean_abs": c.mean_abs,
                "max_abs": c.max_abs,
                "causes": dict(c.causes),
                "cause_amounts": {
                    k: (None if np.isnan(v) else v) for k, v in c.cause_amounts.items()
                },
                "flagged_only": dict(c.flagged_only),
                "unexplained": len(c.unexplained),
            }
            for c in report.components
        ],
        "unexplained_examples": report.examples,
    }


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("ours", type=Path)
    parser.add_argument("openfisca", type=Path)
    args = parser.parse_args(list(argv) if argv is not None else None)
    records = read_jsonl(args.input)
    report = classify(
        records,
        our_headline(read_jsonl(args.ours)),
        openfisca_headline(read_jsonl(args.openfisca)),
    )
    print("\n".join(agreement_table(report)))
    print()
    print("\n".join(cause_table(report)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
