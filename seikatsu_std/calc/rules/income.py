"""収入認定 (recognised income): earned income with its deductions, other income,
occasional income above the threshold.
"""

from __future__ import annotations

import numpy as np

from seikatsu_std.calc import citations as law
from seikatsu_std.calc.context import Context, Level, Outcome, Role, Rule, outcome
from seikatsu_std.calc.frame import IntArray, code
from seikatsu_std.calc.inputs import IncomeKind
from seikatsu_std.model.household import Relationship
from seikatsu_std.standards.loader import Coded

_EARNED = code(IncomeKind.EARNED)
_OCCASIONAL = code(IncomeKind.OCCASIONAL)
_UNEARNED = tuple(
    code(k)
    for k in (IncomeKind.PENSION, IncomeKind.ALLOWANCE, IncomeKind.FAMILY_SUPPORT, IncomeKind.OTHER)
)


def _per_member(ctx: Context, values: IntArray, rows: np.ndarray) -> IntArray:
    """Sum income rows per member; a separated member's income is not the household's."""
    counted = rows & ctx.in_household[ctx.frame.i_member]
    return np.bincount(
        ctx.frame.i_member,
        weights=np.where(counted, values, 0).astype(np.float64),
        minlength=ctx.members,
    ).astype(np.int64)


def earned_gross(ctx: Context) -> IntArray:
    """Earned income before expenses, per member."""
    return _per_member(ctx, ctx.frame.i_amount, ctx.frame.i_kind == _EARNED)


def earned_expenses(ctx: Context) -> IntArray:
    """Necessary expenses of earned income, per member."""
    return _per_member(ctx, ctx.frame.i_expenses, ctx.frame.i_kind == _EARNED)


def first_earner(ctx: Context, gross: IntArray) -> np.ndarray:
    """True for the member with the highest earned income in each household (ties: first listed)."""
    earners = np.flatnonzero(gross > 0)
    first = np.zeros(ctx.members, dtype=bool)
    if earners.size:
        order = np.lexsort((earners, -gross[earners], ctx.hh[earners]))
        ranked = earners[order]
        leaders = np.r_[True, ctx.hh[ranked][1:] != ctx.hh[ranked][:-1]]
        first[ranked[leaders]] = True
    return first


def _basic_deduction(ctx: Context) -> Outcome:
    gross = earned_gross(ctx)
    earning = gross > 0
    first = first_earner(ctx, gross)
    position = Coded(("first", "second"), np.where(first, 0, 1).astype(np.int64))
    parameters = {}
    lookups = []
    for column in (
        "full_up_to",
        "base_amount",
        "first_band_upper",
        "band_width",
        "band1_amount",
        "step",
    ):
        parameters[column], used = ctx.lookup("basic_deduction", earning, column, earner=position)
        lookups.append(used)
    p = parameters
    band = np.maximum((gross - p["first_band_upper"] - 1) // np.maximum(p["band_width"], 1) + 1, 1)
    deduction = np.select(
        [gross <= p["full_up_to"], gross <= p["first_band_upper"]],
        [gross, p["base_amount"]],
        default=p["band1_amount"] + p["step"] * (band - 1),
    )
    labels = Coded(("1人目（世帯で最も収入の多い者）", "2人目以降"), position.codes)
    return outcome(
        np.where(earning, deduction, 0),
        earning,
        {"就労収入（総額）": gross, "就労者の区分": labels},
        lookups,
    )


def _months_since_new_job(ctx: Context) -> IntArray:
    f = ctx.frame
    started = f.i_new_job_year * 12 + f.i_new_job_month
    now = ctx.day.year * 12 + ctx.day.month
    return np.where(f.i_new_job_year > 0, now - started, -1)


def _new_job(ctx: Context) -> Outcome:
    f = ctx.frame
    eligible_rows = (f.i_kind == _EARNED) & (f.i_new_job_year > 0)
    member_eligible = np.zeros(ctx.members, dtype=bool)
    if eligible_rows.any():
        months = ctx.scalar("new_job_deduction_months")
        since = _months_since_new_job(ctx)
        in_period = eligible_rows & (since >= 0) & (since < months)
        member_eligible[f.i_member[in_period]] = True
    values, used = ctx.lookup("new_job_deduction", member_eligible, "value")
    gross = earned_gross(ctx)
    return outcome(np.minimum(values, gross), member_eligible, {"就労収入（総額）": gross}, [used])


def _minor(ctx: Context) -> Outcome:
    """未成年者控除, except for minors living alone or only with their spouse and own children."""
    gross = earned_gross(ctx)
    candidates = (gross > 0) & ctx.in_household
    if not candidates.any():
        return outcome(np.zeros(ctx.members), candidates)
    limit = ctx.scalar("minor_deduction_age_limit")
    alone = ctx.to_members(ctx.size_in_household) <= 1
    others = ctx.in_household & ~(
        ctx.head_or_spouse | (ctx.frame.m_relationship == code(Relationship.CHILD))
    )
    couple_and_children_only = ctx.to_members(ctx.per_household(others) == 0)
    own_family_only = ctx.head_or_spouse & couple_and_children_only
    eligible = candidates & (ctx.age < limit) & ~alone & ~own_family_only
    values, used = ctx.lookup("minor_deduction", eligible, "value")
    return outcome(np.minimum(values, gross), eligible, {"年齢": ctx.age}, [used])


def _earned_recognised(ctx: Context) -> Outcome:
    gross = earned_gross(ctx)
    expenses = earned_expenses(ctx)
    deductions = (
        ctx.amount("deduction.basic")
        + ctx.amount("deduction.new_job")
        + ctx.amount("deduction.minor")
    )
    recognised = np.maximum(gross - expenses - deductions, 0)
    return outcome(
        recognised,
        gross > 0,
        {"就労収入（総額）": gross, "必要経費": expenses, "勤労控除の合計": deductions},
    )


def _unearned(ctx: Context) -> Outcome:
    f = ctx.frame
    rows = np.isin(f.i_kind, _UNEARNED)
    net = np.maximum(f.i_amount - f.i_expenses, 0)
    per_member = _per_member(ctx, net, rows)
    return outcome(per_member, per_member > 0, {"年金・手当・仕送り等（経費控除後）": per_member})


def _occasional(ctx: Context) -> Outcome:
    f = ctx.frame
    rows = f.i_kind == _OCCASIONAL
    net = np.maximum(f.i_amount - f.i_expenses, 0)
    per_household = ctx.per_household(_per_member(ctx, net, rows))
    applies = per_household > 0
    threshold, used = ctx.lookup("occasional_income_threshold", applies, "value")
    return outcome(
        np.maximum(per_household - threshold, 0),
        applies,
        {"臨時的な収入（世帯合計）": per_household, "認定しない額": threshold},
        [used],
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "deduction.basic",
        "基礎控除",
        Level.MEMBER,
        Role.STEP,
        None,
        "就労収入の総額により表から求める（世帯で最も収入の多い者は1人目、その他は2人目以降の額）",
        (law.BASIC_DEDUCTION, law.FIRST_EARNER),
        _basic_deduction,
    ),
    Rule(
        "deduction.new_job",
        "新規就労控除",
        Level.MEMBER,
        Role.STEP,
        None,
        "新たに就労を始めた月から所定の月数の間、控除する（就労収入を上限）",
        (law.NEW_JOB,),
        _new_job,
    ),
    Rule(
        "deduction.minor",
        "未成年者控除",
        Level.MEMBER,
        Role.STEP,
        None,
        "所定の年齢未満の就労者（単身の者、配偶者・自らの子のみと暮らす者を除く）について控除する（就労収入を上限）",
        (law.MINOR,),
        _minor,
    ),
    Rule(
        "income.earned",
        "就労収入の認定額",
        Level.MEMBER,
        Role.INCOME,
        None,
        "就労収入の総額 − 必要経費 − 勤労控除（0未満にはしない）",
        (law.NECESSARY_EXPENSES, law.BASIC_DEDUCTION),
        _earned_recognised,
    ),
    Rule(
        "income.unearned",
        "年金・手当・仕送り等の認定額",
        Level.MEMBER,
        Role.INCOME,
        None,
        "実際の受給額（必要経費を控除）",
        (law.UNEARNED,),
        _unearned,
    ),
    Rule(
        "income.occasional",
        "臨時的な収入の認定額",
        Level.HOUSEHOLD,
        Role.INCOME,
        None,
        "世帯の臨時的な収入の合計のうち、所定の額を超える部分",
        (law.OCCASIONAL,),
        _occasional,
    ),
)
