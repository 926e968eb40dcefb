"""The columnar batch form: one JSON document of column arrays.

For large batches (a whole caseload) the columnar form avoids one JSON object
per household: households, members, incomes and one-off needs are each a set
of equal-length columns; categorical columns are dictionary-encoded
(``{"labels": [...], "codes": [...]}``), as in Apache Arrow. Published as
``schemas/calculation-columns.schema.json``.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Generic, Literal, TypeVar

import numpy as np
from pydantic import ConfigDict, Field

from seikatsu_std.calc.frame import Frame, IntArray, codes_of
from seikatsu_std.calc.inputs import IncomeKind, OneOffKind, PregnancyStage, RadiationStatus
from seikatsu_std.model.base import LabelledEnum, StdModel
from seikatsu_std.model.common import YearMonth
from seikatsu_std.model.household import (
    CareInsuranceStatus,
    HousingTenure,
    Relationship,
    Residence,
    SchoolStatus,
)

FORMAT_NAME = "seikatsu-std/calculation-columns"


class ColumnarError(ValueError):
    """The columnar document is inconsistent (lengths, codes, references)."""


E = TypeVar("E", bound=LabelledEnum)


class Categorical(StdModel, Generic[E]):
    """辞書符号化の列: 使う値の一覧（labels）と、行ごとのその位置（codes）。"""

    model_config = ConfigDict(title="辞書符号化の列")

    labels: list[E] = Field(
        title="ラベル", description="この列で使う値の一覧（辞書）。", min_length=1
    )
    codes: list[int] = Field(title="コード", description="行ごとの、ラベルの位置（0始まり）。")


class HouseholdColumns(StdModel):
    """世帯の列（1行が1世帯・1か月）。"""

    model_config = ConfigDict(title="世帯の列")

    id: list[str] = Field(title="計算ID", description="行ごとの計算ID。")
    month: list[YearMonth] = Field(title="対象年月", description="行ごとの対象年月（YYYY-MM）。")
    municipality_code: list[str] = Field(
        title="居住地の団体コード", description="全国地方公共団体コード（6桁）。"
    )
    tenure: Categorical[HousingTenure] = Field(title="住居の形態", description="住居の形態。")
    monthly_rent: list[int] = Field(
        title="家賃（月額）", description="家賃の月額（借家でなければ0）。"
    )
    medical: list[int] = Field(title="医療扶助の見込額", description="医療扶助の見込月額。")
    care: list[int] = Field(title="介護扶助の見込額", description="介護扶助の見込月額。")
    covered_from: list[date | None] = Field(
        title="保護の開始日（月の途中）", description="日割計算の開始日（なければ null）。"
    )
    covered_to: list[date | None] = Field(
        title="保護の終了日（月の途中）", description="日割計算の終了日（なければ null）。"
    )


class MemberColumns(StdModel):
    """世帯員の列（1行が1世帯員）。"""

    model_config = ConfigDict(title="世帯員の列")

    household: list[int] = Field(title="世帯の行", description="属する世帯の行番号（0始まり）。")
    id: list[str] = Field(title="世帯員ID", description="世帯員ID。")
    birth_date: list[date] = Field(title="生年月日", description="生年月日。")
    relationship: Categorical[Relationship] = Field(title="続柄", description="世帯主との続柄。")
    residence: Categorical[Residence] = Field(
        title="居所の状況", description="居宅・入院・施設の別。"
    )
    separated: list[bool] = Field(title="世帯分離", description="世帯分離されているか。")
    school: Categorical[SchoolStatus] = Field(title="就学の状況", description="就学の状況。")
    physical_certificate_grade: list[int] = Field(
        title="身体障害者手帳の等級", description="等級（なければ0）。"
    )
    mental_certificate_grade: list[int] = Field(
        title="精神障害者保健福祉手帳の等級", description="等級（なければ0）。"
    )
    disability_pension_grade: list[int] = Field(
        title="障害年金の等級", description="等級（なければ0）。"
    )
    needs_constant_care: list[bool] = Field(
        title="常時介護を要する", description="常時の介護を要するか。"
    )
    care_insurance: Categorical[CareInsuranceStatus] = Field(
        title="介護保険の区分", description="介護保険の被保険者区分。"
    )
    lone_parent: list[bool] = Field(
        title="ひとり親", description="ひとり親として児童を養育しているか。"
    )
    pregnancy: Categorical[PregnancyStage] = Field(
        title="妊娠・出産の区分", description="妊産婦加算の区分。"
    )
    home_patient: list[bool] = Field(title="在宅患者", description="在宅患者加算の対象か。")
    homebound: list[bool] = Field(title="常時在宅", description="冬季加算の特別基準の対象か。")
    radiation: Categorical[RadiationStatus] = Field(
        title="放射線障害の区分", description="放射線障害者加算の区分。"
    )
    care_premium: list[int] = Field(
        title="介護保険料（月額）", description="第1号被保険者の介護保険料の月額。"
    )
    school_lunch: list[int] = Field(title="学校給食費", description="学校給食費の月額。")
    materials: list[int] = Field(title="教材代", description="教材代の月額。")
    transport: list[int] = Field(title="通学交通費", description="通学交通費の月額。")


class IncomeColumns(StdModel):
    """収入の列（1行が1件の収入）。"""

    model_config = ConfigDict(title="収入の列")

    member: list[int] = Field(
        title="世帯員の行", description="収入を得た世帯員の行番号（0始まり）。"
    )
    kind: Categorical[IncomeKind] = Field(title="収入の種類", description="収入の種類。")
    amount: list[int] = Field(title="収入額", description="収入額（月額）。")
    necessary_expenses: list[int] = Field(title="必要経費", description="必要経費の実額。")
    new_job_started_on: list[date | None] = Field(
        title="新規就労の開始日",
        description="新規就労控除の対象となる就労の開始日（なければ null）。",
    )


class OneOffColumns(StdModel):
    """一時的な扶助の列（1行が1件）。"""

    model_config = ConfigDict(title="一時的な扶助の列")

    member: list[int] = Field(title="世帯員の行", description="対象の世帯員の行番号。")
    kind: Categorical[OneOffKind] = Field(title="種類", description="出産・葬祭・生業の別。")
    amount: list[int] = Field(title="実費の見込額", description="必要な費用の額。")


class ColumnarBatch(StdModel):
    """保護費計算の入力（列形式）。多数の世帯を一度に計算するための形式。"""

    model_config = ConfigDict(title="保護費計算の入力（列形式）")

    format: Literal["seikatsu-std/calculation-columns"] = Field(
        title="形式", description="この文書の形式を示す固定値。"
    )
    households: HouseholdColumns = Field(title="世帯", description="世帯の列。")
    members: MemberColumns = Field(title="世帯員", description="世帯員の列。")
    incomes: IncomeColumns = Field(title="収入", description="収入の列。")
    one_off: OneOffColumns = Field(title="一時的な扶助", description="一時的な扶助の列。")


# -------------------------------------------------------------------- decoding


def _array(column: Sequence[Any], dtype: Any = np.int64) -> Any:
    return np.asarray(column, dtype=dtype)


def _recode(column: Mapping[str, Any], enum: type[LabelledEnum], where: str) -> IntArray:
    """Dictionary-encoded column → the frame's codes for ``enum``."""
    mapping = codes_of(enum)
    labels = column["labels"]
    try:
        translate = np.array([mapping[label] for label in labels], dtype=np.int64)
    except KeyError as exc:
        raise ColumnarError(f"{where}: 未知のラベル {exc.args[0]!r} (unknown label)") from None
    codes = _array(column["codes"])
    if codes.size and (codes.min() < 0 or codes.max() >= len(labels)):
        raise ColumnarError(f"{where}: ラベルの範囲外のコードがあります (code out of range)")
    result: IntArray = translate[codes]
    return result


def _digits(column: Sequence[str | None], width: int) -> Any:
    """ISO dates (or months) as a matrix of digit values, vectorised; None → zeros."""
    text = np.array(
        ["0" * width if d is None else d for d in column] if None in column else column,
        dtype=f"S{width}",
    )
    if text.size == 0:
        return np.zeros((0, width), dtype=np.int64)
    return text.view(np.uint8).reshape(-1, width).astype(np.int64) - ord("0")


def _dates(column: Sequence[str | None]) -> tuple[IntArray, IntArray, IntArray]:
    d = _digits(column, 10)
    year = d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]
    return year, d[:, 5] * 10 + d[:, 6], d[:, 8] * 10 + d[:, 9]


def _days_in_month(years: IntArray, months: IntArray) -> IntArray:
    """Calendar days of each (year, month), vectorised over the distinct months."""
    keys = years * 100 + months
    distinct, inverse = np.unique(keys, return_inverse=True)
    lengths = np.array(
        [calendar.monthrange(int(k) // 100, int(k) % 100)[1] for k in distinct.tolist()],
        dtype=np.int64,
    )
    result: IntArray = lengths[inverse]
    return result


def _same_length(group: str, columns: Mapping[str, Any]) -> int:
    lengths = {
        name: len(value["codes"]) if isinstance(value, dict) else len(value)
        for name, value in columns.items()
    }
    distinct = set(lengths.values())
    if len(distinct) > 1:
        raise ColumnarError(
            f"{group}: 列の長さが揃っていません {lengths} (columns of unequal length)"
        )
    return distinct.pop() if distinct else 0


def frame_from_columns(document: Mapping[str, Any]) -> Frame:
    """Build a frame from a columnar document (already schema-validated)."""
    h, m, i, o = (document[k] for k in ("households", "members", "incomes", "one_off"))
    households = _same_length("households", h)
    members = _same_length("members", m)
    incomes = _same_length("incomes", i)
    _same_length("one_off", o)
    member_household = _array(m["household"])
    if members and (member_household.min() < 0 or member_household.max() >= households):
        raise ColumnarError(
            "members.household: 世帯の行番号が範囲外です (household index out of range)"
        )
    for group, refs in (("incomes", i["member"]), ("one_off", o["member"])):
        array = _array(refs)
        if array.size and (array.min() < 0 or array.max() >= members):
            raise ColumnarError(
                f"{group}.member: 世帯員の行番号が範囲外です (member index out of range)"
            )
    month_digits = _digits(h["month"], 7)
    years = (
        month_digits[:, 0] * 1000
        + month_digits[:, 1] * 100
        + month_digits[:, 2] * 10
        + month_digits[:, 3]
    )
    months = month_digits[:, 5] * 10 + month_digits[:, 6]
    days = _days_in_month(years, months)
    from_days = _dates(h["covered_from"])[2]
    to_days = _dates(h["covered_to"])[2]
    birth = _dates(m["birth_date"])
    started = _dates(i["new_job_started_on"])
    del incomes
    return Frame(
        h_id=_array(h["id"], object),
        h_year=years,
        h_month=months,
        h_days_in_month=days,
        h_municipality=_array(h["municipality_code"], object),
        h_tenure=_recode(h["tenure"], HousingTenure, "households.tenure"),
        h_rent=_array(h["monthly_rent"]),
        h_medical=_array(h["medical"]),
        h_care=_array(h["care"]),
        h_covered_from_day=np.where(from_days == 0, 1, from_days),
        h_covered_to_day=np.where(to_days == 0, days, to_days),
        m_household=member_household,
        m_id=_array(m["id"], object),
        m_birth_year=birth[0],
        m_birth_month=birth[1],
        m_birth_day=birth[2],
        m_relationship=_recode(m["relationship"], Relationship, "members.relationship"),
        m_residence=_recode(m["residence"], Residence, "members.residence"),
        m_separated=_array(m["separated"], bool),
        m_school=_recode(m["school"], SchoolStatus, "members.school"),
        m_physical_grade=_array(m["physical_certificate_grade"]),
        m_mental_grade=_array(m["mental_certificate_grade"]),
        m_pension_grade=_array(m["disability_pension_grade"]),
        m_constant_care=_array(m["needs_constant_care"], bool),
        m_care_insurance=_recode(
            m["care_insurance"], CareInsuranceStatus, "members.care_insurance"
        ),
        m_lone_parent=_array(m["lone_parent"], bool),
        m_pregnancy=_recode(m["pregnancy"], PregnancyStage, "members.pregnancy"),
        m_home_patient=_array(m["home_patient"], bool),
        m_homebound=_array(m["homebound"], bool),
        m_radiation=_recode(m["radiation"], RadiationStatus, "members.radiation"),
        m_care_premium=_array(m["care_premium"]),
        m_school_lunch=_array(m["school_lunch"]),
        m_materials=_array(m["materials"]),
        m_transport=_array(m["transport"]),
        i_member=_array(i["member"]),
        i_kind=_recode(i["kind"], IncomeKind, "incomes.kind"),
        i_amount=_array(i["amount"]),
        i_expenses=_array(i["necessary_expenses"]),
        i_new_job_year=started[0],
        i_new_job_month=started[1],
        o_member=_array(o["member"]),
        o_kind=_recode(o["kind"], OneOffKind, "one_off.kind"),
        o_amount=_array(o["amount"]),
    )


def columns_from_records(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Convert JSON-shaped calculation inputs to the columnar form (for tools and tests)."""
    from seikatsu_std.calc.frame import frame_from_records

    frame = frame_from_records(list(records))

    def categorical(codes: IntArray, enum: type[LabelledEnum]) -> dict[str, Any]:
        return {"labels": [m.value for m in enum], "codes": codes.tolist()}

    def iso(values: Sequence[str | None]) -> list[str | None]:
        return list(values)

    members = [m for r in records for m in r["household"]["members"]]
    incomes = [x for r in records for x in r.get("incomes", ())]
    return {
        "format": FORMAT_NAME,
        "households": {
            "id": frame.h_id.tolist(),
            "month": [r["month"] for r in records],
            "municipality_code": frame.h_municipality.tolist(),
            "tenure": categorical(frame.h_tenure, HousingTenure),
            "monthly_rent": frame.h_rent.tolist(),
            "medical": frame.h_medical.tolist(),
            "care": frame.h_care.tolist(),
            "covered_from": iso([r.get("covered_from") for r in records]),
            "covered_to": iso([r.get("covered_to") for r in records]),
        },
        "members": {
            "household": frame.m_household.tolist(),
            "id": frame.m_id.tolist(),
            "birth_date": [m["birth_date"] for m in members],
            "relationship": categorical(frame.m_relationship, Relationship),
            "residence": categorical(frame.m_residence, Residence),
            "separated": frame.m_separated.tolist(),
            "school": categorical(frame.m_school, SchoolStatus),
            "physical_certificate_grade": frame.m_physical_grade.tolist(),
            "mental_certificate_grade": frame.m_mental_grade.tolist(),
            "disability_pension_grade": frame.m_pension_grade.tolist(),
            "needs_constant_care": frame.m_constant_care.tolist(),
            "care_insurance": categorical(frame.m_care_insurance, CareInsuranceStatus),
            "lone_parent": frame.m_lone_parent.tolist(),
            "pregnancy": categorical(frame.m_pregnancy, PregnancyStage),
            "home_patient": frame.m_home_patient.tolist(),
            "homebound": frame.m_homebound.tolist(),
            "radiation": categorical(frame.m_radiation, RadiationStatus),
            "care_premium": frame.m_care_premium.tolist(),
            "school_lunch": frame.m_school_lunch.tolist(),
            "materials": frame.m_materials.tolist(),
            "transport": frame.m_transport.tolist(),
        },
        "incomes": {
            "member": frame.i_member.tolist(),
            "kind": categorical(frame.i_kind, IncomeKind),
            "amount": frame.i_amount.tolist(),
            "necessary_expenses": frame.i_expenses.tolist(),
            "new_job_started_on": [x.get("new_job_started_on") for x in incomes],
        },
        "one_off": {
            "member": frame.o_member.tolist(),
            "kind": categorical(frame.o_kind, OneOffKind),
            "amount": frame.o_amount.tolist(),
        },
    }
