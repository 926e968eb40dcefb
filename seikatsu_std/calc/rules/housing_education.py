"""住宅扶助, 教育扶助, 高等学校等就学費, 医療・介護 (in kind), and the one-off kinds
(出産・葬祭・生業) capped by their limits.
"""

from __future__ import annotations

import numpy as np

from seikatsu_std.calc import citations as law
from seikatsu_std.calc.context import Context, Level, Outcome, Role, Rule, outcome, remarks
from seikatsu_std.calc.frame import BoolArray, IntArray, code
from seikatsu_std.calc.inputs import OneOffKind
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.household import HousingTenure, SchoolStatus
from seikatsu_std.standards.loader import Coded

_RENTED = (code(HousingTenure.PRIVATE_RENTAL), code(HousingTenure.PUBLIC_RENTAL))


_SIZE_BANDS = ("1", "2", "3-5", "6", "7-")


def _size_band(size: IntArray) -> Coded:
    """Household size → the housing table's column (1, 2, 3-5, 6, 7-)."""
    codes = np.select([size <= 1, size == 2, size <= 5, size == 6], [0, 1, 2, 3], default=4)
    return Coded(_SIZE_BANDS, codes.astype(np.int64))


def _housing(ctx: Context) -> Outcome:
    f = ctx.frame
    rented = np.isin(f.h_tenure, _RENTED) & (f.h_rent > 0)
    away = rented & (ctx.size_at_home == 0)
    # A rent kept while every member is in hospital follows another rule, not in our tables.
    _, away_used = ctx.lookup("housing_while_all_away", away, "value")
    applies = rented & ~away
    band = _size_band(ctx.size_at_home)
    if applies.any():
        city_rows = ctx.table("housing_limit_city").find_rows(
            prefecture=ctx.prefecture, city=ctx.city
        )
    else:
        city_rows = np.full(ctx.households, -1, dtype=np.int64)
    by_city = applies & (city_rows >= 0)
    city_limit, city_used = ctx.lookup(
        "housing_limit_city", by_city, band, prefecture=ctx.prefecture, city=ctx.city
    )
    by_prefecture = applies & ~by_city
    prefecture_limit, prefecture_used = ctx.lookup(
        "housing_limit_prefecture",
        by_prefecture,
        band,
        prefecture=ctx.prefecture,
        kyuchi_major=ctx.kyuchi_major,
    )
    limit = city_limit + prefecture_limit
    amount = np.where(applies, np.minimum(f.h_rent, limit), 0)
    notes = remarks(
        ctx.households, (applies & (f.h_rent > limit), "家賃が上限額を超えるため上限額まで")
    )
    return outcome(
        amount,
        applies,
        {"家賃（実額）": f.h_rent, "上限額": limit, "世帯人員": ctx.size_at_home},
        [city_used, prefecture_used, away_used],
        notes,
    )


_COMPULSORY = {
    code(SchoolStatus.ELEMENTARY): "elementary",
    code(SchoolStatus.JUNIOR_HIGH): "junior_high",
}


def _education_base(ctx: Context) -> Outcome:
    school = ctx.frame.m_school
    eligible = ctx.in_household & np.isin(school, list(_COMPULSORY))
    level = Coded(
        ("elementary", "junior_high", ""),
        np.select(
            [school == code(SchoolStatus.ELEMENTARY), school == code(SchoolStatus.JUNIOR_HIGH)],
            [0, 1],
            default=2,
        ).astype(np.int64),
    )
    values, used = ctx.lookup("education_base", eligible, "value", school=level)
    return outcome(values, eligible, {"学校": level}, [used])


def _school_costs(ctx: Context, schools: tuple[int, ...]) -> Outcome:
    f = ctx.frame
    eligible = ctx.in_household & np.isin(f.m_school, schools)
    actual = f.m_school_lunch + f.m_materials + f.m_transport
    applies = eligible & (actual > 0)
    return outcome(
        np.where(applies, actual, 0),
        applies,
        {"学校給食費": f.m_school_lunch, "教材代": f.m_materials, "通学交通費": f.m_transport},
    )


def _education_actual(ctx: Context) -> Outcome:
    return _school_costs(ctx, tuple(_COMPULSORY))


def _high_school_base(ctx: Context) -> Outcome:
    eligible = ctx.in_household & (ctx.frame.m_school == code(SchoolStatus.HIGH_SCHOOL))
    values, used = ctx.lookup("high_school_base", eligible, "value")
    return outcome(values, eligible, {}, [used])


def _high_school_actual(ctx: Context) -> Outcome:
    return _school_costs(ctx, (code(SchoolStatus.HIGH_SCHOOL),))


def _in_kind(column: str) -> Rule:
    kind = AssistanceKind.MEDICAL if column == "h_medical" else AssistanceKind.CARE

    def compute(ctx: Context) -> Outcome:
        values = getattr(ctx.frame, column)
        return outcome(values, values > 0, {"見込額": values})

    return Rule(
        code=f"{kind.value}.in_kind",
        title=f"{kind.label}（現物給付の見込額）",
        level=Level.HOUSEHOLD,
        role=Role.COMPONENT,
        kind=kind,
        formula="医療機関・介護事業者に支払う見込額（現物給付）",
        legal=(law.MEDICAL if kind is AssistanceKind.MEDICAL else law.CARE,),
        compute=compute,
    )


def _one_off_rows(ctx: Context, kind: OneOffKind) -> BoolArray:
    rows: BoolArray = ctx.frame.o_kind == code(kind)
    return rows


def _capped(ctx: Context, kind: OneOffKind, limit_table: str) -> Outcome:
    """A one-off need paid at cost up to the limit in ``limit_table``."""
    rows = _one_off_rows(ctx, kind)
    limit, used = ctx.lookup(limit_table, rows, "value")
    requested = ctx.frame.o_amount
    return outcome(
        np.where(rows, np.minimum(requested, limit), 0),
        rows,
        {"実費": requested, "上限額": limit},
        [used],
    )


def _childbirth(ctx: Context) -> Outcome:
    return _capped(ctx, OneOffKind.CHILDBIRTH, "childbirth_assistance_limit")


def _funeral(ctx: Context) -> Outcome:
    rows = _one_off_rows(ctx, OneOffKind.FUNERAL)
    member = ctx.frame.o_member
    child_limit = ctx.scalar("funeral_child_age_limit") if rows.any() else 0
    age = ctx.age[member] if member.size else np.zeros(0, dtype=np.int64)
    group = Coded(("child", "adult"), np.where(age < child_limit, 0, 1).astype(np.int64))
    major = Coded(
        ("1", "2", "3"),
        (ctx.kyuchi_major[ctx.hh[member]] - 1) if member.size else np.zeros(0, dtype=np.int64),
    )
    limit, used = ctx.lookup("funeral_assistance_limit", rows, major, age_group=group)
    requested = ctx.frame.o_amount
    return outcome(
        np.where(rows, np.minimum(requested, limit), 0),
        rows,
        {"実費": requested, "上限額": limit, "区分": group},
        [used],
    )


def _occupational_one_off(ctx: Context) -> Outcome:
    return _capped(ctx, OneOffKind.OCCUPATIONAL, "occupational_assistance_limit")


RULES: tuple[Rule, ...] = (
    Rule(
        code="housing.rent",
        title="住宅扶助（家賃・間代）",
        level=Level.HOUSEHOLD,
        role=Role.COMPONENT,
        kind=AssistanceKind.HOUSING,
        formula="実際の家賃と、都道府県（指定都市等は市）・級地・世帯人員別の上限額のいずれか低い額",
        legal=(law.HOUSING,),
        compute=_housing,
    ),
    Rule(
        code="education.base",
        title="教育扶助（基準額）",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=AssistanceKind.EDUCATION,
        formula="小学校・中学校の児童生徒ごとの基準額",
        legal=(law.EDUCATION,),
        compute=_education_base,
    ),
    Rule(
        code="education.actual",
        title="教育扶助（学校給食費・教材代・通学交通費の実費）",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=AssistanceKind.EDUCATION,
        formula="学校給食費＋教材代＋通学交通費（実費）",
        legal=(law.EDUCATION,),
        compute=_education_actual,
    ),
    Rule(
        code="occupational.high_school_base",
        title="高等学校等就学費（基本額）",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=AssistanceKind.OCCUPATIONAL,
        formula="高等学校等に在学する者ごとの基本額（生業扶助）",
        legal=(law.HIGH_SCHOOL,),
        compute=_high_school_base,
    ),
    Rule(
        code="occupational.high_school_actual",
        title="高等学校等就学費（実費）",
        level=Level.MEMBER,
        role=Role.COMPONENT,
        kind=AssistanceKind.OCCUPATIONAL,
        formula="学校給食費＋教材代＋通学交通費（実費）",
        legal=(law.HIGH_SCHOOL,),
        compute=_high_school_actual,
    ),
    _in_kind("h_medical"),
    _in_kind("h_care"),
    Rule(
        code="childbirth.one_off",
        title="出産扶助",
        level=Level.ONE_OFF,
        role=Role.COMPONENT,
        kind=AssistanceKind.CHILDBIRTH,
        formula="実費と上限額のいずれか低い額",
        legal=(law.CHILDBIRTH,),
        compute=_childbirth,
    ),
    Rule(
        code="funeral.one_off",
        title="葬祭扶助",
        level=Level.ONE_OFF,
        role=Role.COMPONENT,
        kind=AssistanceKind.FUNERAL,
        formula="実費と、大人・小人と級地別の上限額のいずれか低い額",
        legal=(law.FUNERAL,),
        compute=_funeral,
    ),
    Rule(
        code="occupational.one_off",
        title="生業扶助（技能修得費等）",
        level=Level.ONE_OFF,
        role=Role.COMPONENT,
        kind=AssistanceKind.OCCUPATIONAL,
        formula="実費と上限額のいずれか低い額",
        legal=(law.OCCUPATIONAL,),
        compute=_occupational_one_off,
    ),
)
