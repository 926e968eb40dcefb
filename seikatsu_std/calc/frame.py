"""Columnar form of many calculation inputs: one array per fact.

The engine computes on whole columns at once (numpy), so one household and a
million households go through the same rule code. :func:`frame_from_records`
builds a :class:`Frame` from JSON-shaped calculation inputs (as produced by
``CalculationInput.model_dump(mode="json")`` or read from a JSON Lines file
already validated against the schema).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from seikatsu_std.calc.inputs import IncomeKind, OneOffKind, PregnancyStage, RadiationStatus
from seikatsu_std.model.base import LabelledEnum
from seikatsu_std.model.household import (
    CareInsuranceStatus,
    HousingTenure,
    Relationship,
    Residence,
    SchoolStatus,
)

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]

E = TypeVar("E", bound=LabelledEnum)


def codes_of(enum: type[E]) -> dict[str, int]:
    """Enum value → its integer code in frames (its position in the enum)."""
    return {member.value: position for position, member in enumerate(enum)}


def code(member: LabelledEnum) -> int:
    """The integer code of one enum member in frames."""
    return list(type(member)).index(member)


@dataclass
class Frame:
    """Columns of households (h_*), members (m_*), incomes (i_*) and one-off needs (o_*)."""

    h_id: ObjArray
    h_year: IntArray
    h_month: IntArray
    h_days_in_month: IntArray
    h_municipality: ObjArray
    h_tenure: IntArray
    h_rent: IntArray
    h_medical: IntArray
    h_care: IntArray
    h_covered_from_day: IntArray
    h_covered_to_day: IntArray
    m_household: IntArray
    m_id: ObjArray
    m_birth_year: IntArray
    m_birth_month: IntArray
    m_birth_day: IntArray
    m_relationship: IntArray
    m_residence: IntArray
    m_separated: BoolArray
    m_school: IntArray
    m_physical_grade: IntArray
    m_mental_grade: IntArray
    m_pension_grade: IntArray
    m_constant_care: BoolArray
    m_care_insurance: IntArray
    m_lone_parent: BoolArray
    m_pregnancy: IntArray
    m_home_patient: BoolArray
    m_homebound: BoolArray
    m_radiation: IntArray
    m_care_premium: IntArray
    m_school_lunch: IntArray
    m_materials: IntArray
    m_transport: IntArray
    i_member: IntArray
    i_kind: IntArray
    i_amount: IntArray
    i_expenses: IntArray
    i_new_job_year: IntArray
    i_new_job_month: IntArray
    o_member: IntArray
    o_kind: IntArray
    o_amount: IntArray

    @property
    def households(self) -> int:
        """Number of households."""
        return len(self.h_id)

    def take(self, households: IntArray) -> Frame:
        """A frame with only the given households (in the given order)."""
        remap = np.full(self.households, -1, dtype=np.int64)
        remap[households] = np.arange(len(households))
        member_keep = np.flatnonzero(remap[self.m_household] >= 0)
        member_remap = np.full(len(self.m_id), -1, dtype=np.int64)
        member_remap[member_keep] = np.arange(len(member_keep))
        income_keep = np.flatnonzero(member_remap[self.i_member] >= 0)
        oneoff_keep = np.flatnonzero(member_remap[self.o_member] >= 0)
        values: dict[str, Any] = {}
        for f in fields(self):
            column = getattr(self, f.name)
            prefix = f.name[:2]
            if prefix == "h_":
                values[f.name] = column[households]
            elif prefix == "m_":
                values[f.name] = column[member_keep]
            elif prefix == "i_":
                values[f.name] = column[income_keep]
            else:
                values[f.name] = column[oneoff_keep]
        values["m_household"] = remap[self.m_household[member_keep]]
        values["i_member"] = member_remap[self.i_member[income_keep]]
        values["o_member"] = member_remap[self.o_member[oneoff_keep]]
        return Frame(**values)


_RELATIONSHIP = codes_of(Relationship)
_RESIDENCE = codes_of(Residence)
_SCHOOL = codes_of(SchoolStatus)
_CARE_INSURANCE = codes_of(CareInsuranceStatus)
_TENURE = codes_of(HousingTenure)
_PREGNANCY = codes_of(PregnancyStage)
_RADIATION = codes_of(RadiationStatus)
_INCOME = codes_of(IncomeKind)
_ONE_OFF = codes_of(OneOffKind)


def _codes(values: list[str], mapping: Mapping[str, int]) -> IntArray:
    return np.array([mapping[v] for v in values], dtype=np.int64)


def frame_from_records(records: Iterable[Mapping[str, Any]]) -> Frame:
    """Build a frame from JSON-shaped calculation inputs (already validated).

    Column by column rather than record by record: each column is one list
    comprehension over the households, members or incomes.
    """
    rows = records if isinstance(records, list) else list(records)
    households = [r["household"] for r in rows]
    months = [r["month"] for r in rows]
    years = np.array([int(m[:4]) for m in months], dtype=np.int64)
    month_numbers = np.array([int(m[5:7]) for m in months], dtype=np.int64)
    days = np.array(
        [
            calendar.monthrange(int(y), int(m))[1]
            for y, m in zip(years.tolist(), month_numbers.tolist(), strict=True)
        ],
        dtype=np.int64,
    )
    housing = [h["housing"] for h in households]
    in_kind = [r.get("in_kind") or {} for r in rows]
    covered_from = [r.get("covered_from") for r in rows]
    covered_to = [r.get("covered_to") for r in rows]

    members_per_household = [h["members"] for h in households]
    counts = np.array([len(m) for m in members_per_household], dtype=np.int64)
    members = [m for group in members_per_household for m in group]
    member_household = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    position: dict[tuple[int, str], int] = {
        (int(h), m["id"]): i
        for i, (h, m) in enumerate(zip(member_household.tolist(), members, strict=True))
    }
    facts_by_member: dict[tuple[int, str], Mapping[str, Any]] = {
        (index, f["member_id"]): f
        for index, r in enumerate(rows)
        for f in r.get("member_facts", ())
    }
    facts = [
        facts_by_member.get((int(h), m["id"]), _NO_FACTS)
        for h, m in zip(member_household.tolist(), members, strict=True)
    ]
    disability = [m.get("disability") or _NO_FACTS for m in members]
    education = [f.get("education") or _NO_FACTS for f in facts]
    births = [m["birth_date"] for m in members]

    income_rows = [
        (index, income) for index, r in enumerate(rows) for income in r.get("incomes", ())
    ]
    incomes = [income for _, income in income_rows]
    started = [income.get("new_job_started_on") or "0000-00-00" for income in incomes]
    one_off_rows = [(index, need) for index, r in enumerate(rows) for need in r.get("one_off", ())]
    needs = [need for _, need in one_off_rows]

    return Frame(
        h_id=np.array([r["id"] for r in rows], dtype=object),
        h_year=years,
        h_month=month_numbers,
        h_days_in_month=days,
        h_municipality=np.array([h["municipality_code"] for h in households], dtype=object),
        h_tenure=_codes([x["tenure"] for x in housing], _TENURE),
        h_rent=np.array([x.get("monthly_rent") or 0 for x in housing], dtype=np.int64),
        h_medical=np.array([k.get("medical", 0) for k in in_kind], dtype=np.int64),
        h_care=np.array([k.get("care", 0) for k in in_kind], dtype=np.int64),
        h_covered_from_day=np.array(
            [int(c[8:10]) if c else 1 for c in covered_from], dtype=np.int64
        ),
        h_covered_to_day=np.where(
            np.array([c is None for c in covered_to], dtype=bool),
            days,
            np.array([int(c[8:10]) if c else 0 for c in covered_to], dtype=np.int64),
        ),
        m_household=member_household,
        m_id=np.array([m["id"] for m in members], dtype=object),
        m_birth_year=np.array([int(b[:4]) for b in births], dtype=np.int64),
        m_birth_month=np.array([int(b[5:7]) for b in births], dtype=np.int64),
        m_birth_day=np.array([int(b[8:10]) for b in births], dtype=np.int64),
        m_relationship=_codes([m["relationship"] for m in members], _RELATIONSHIP),
        m_residence=_codes([m.get("residence", "at_home") for m in members], _RESIDENCE),
        m_separated=np.array([bool(m.get("separated", False)) for m in members], dtype=bool),
        m_school=_codes([m["school"] for m in members], _SCHOOL),
        m_physical_grade=np.array(
            [d.get("physical_certificate_grade") or 0 for d in disability], dtype=np.int64
        ),
        m_mental_grade=np.array(
            [d.get("mental_certificate_grade") or 0 for d in disability], dtype=np.int64
        ),
        m_pension_grade=np.array(
            [d.get("disability_pension_grade") or 0 for d in disability], dtype=np.int64
        ),
        m_constant_care=np.array(
            [bool(d.get("needs_constant_care", False)) for d in disability], dtype=bool
        ),
        m_care_insurance=_codes([m["care_insurance"] for m in members], _CARE_INSURANCE),
        m_lone_parent=np.array([bool(f.get("lone_parent", False)) for f in facts], dtype=bool),
        m_pregnancy=_codes([f.get("pregnancy", "none") for f in facts], _PREGNANCY),
        m_home_patient=np.array([bool(f.get("home_patient", False)) for f in facts], dtype=bool),
        m_homebound=np.array([bool(f.get("homebound", False)) for f in facts], dtype=bool),
        m_radiation=_codes([f.get("radiation", "none") for f in facts], _RADIATION),
        m_care_premium=np.array([f.get("care_premium", 0) for f in facts], dtype=np.int64),
        m_school_lunch=np.array([e.get("school_lunch", 0) for e in education], dtype=np.int64),
        m_materials=np.array([e.get("materials", 0) for e in education], dtype=np.int64),
        m_transport=np.array([e.get("transport", 0) for e in education], dtype=np.int64),
        i_member=np.array(
            [position[(index, x["member_id"])] for index, x in income_rows], dtype=np.int64
        ),
        i_kind=_codes([x["kind"] for x in incomes], _INCOME),
        i_amount=np.array([x["amount"] for x in incomes], dtype=np.int64),
        i_expenses=np.array([x.get("necessary_expenses", 0) for x in incomes], dtype=np.int64),
        i_new_job_year=np.array([int(s[:4]) for s in started], dtype=np.int64),
        i_new_job_month=np.array([int(s[5:7]) for s in started], dtype=np.int64),
        o_member=np.array(
            [position[(index, x["member_id"])] for index, x in one_off_rows], dtype=np.int64
        ),
        o_kind=_codes([x["kind"] for x in needs], _ONE_OFF),
        o_amount=np.array([x["amount"] for x in needs], dtype=np.int64),
    )


_NO_FACTS: Mapping[str, Any] = {}


def month_start(frame: Frame) -> date:
    """The first day of the (single) month of ``frame``."""
    months = set(zip(frame.h_year.tolist(), frame.h_month.tolist(), strict=True))
    if len(months) != 1:
        raise ValueError("a frame passed to the rules must hold exactly one month")
    year, month = months.pop()
    return date(year, month, 1)
