"""Tests for seikatsu_std.model.casework: visits, case records, assistance policies."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from seikatsu_std.model.base import Record
from seikatsu_std.model.casework import (
    AssistancePolicy,
    CaseRecord,
    PersonMet,
    PlannedVisit,
    PlannedVisitStatus,
    VisitGrade,
    VisitPlan,
    VisitPurpose,
    VisitRecord,
)
from tests.support import EXAMPLES
from tests.support import load_example as example

RECORDS: list[type[Record]] = [VisitGrade, VisitPlan, VisitRecord, CaseRecord, AssistancePolicy]


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.record_type_name())
def test_example_file_validates(model: type[Record]) -> None:
    path = EXAMPLES / f"{model.record_type_name()}.example.json"
    record = model.model_validate_json(path.read_text(encoding="utf-8"))
    assert record.model_dump(mode="json")["record_type"] == model.record_type_name()


# --- VisitGrade -------------------------------------------------------------


def test_visit_grade_rejects_duplicate_residence() -> None:
    data = example("visit_grade")
    data["applies_to"] = ["at_home", "hospital", "at_home"]
    with pytest.raises(ValidationError, match="duplicate residence kind") as info:
        VisitGrade.model_validate(data)
    assert "対象の居所が重複しています: at_home" in str(info.value)


def test_visit_grade_accepts_several_residences() -> None:
    data = example("visit_grade")
    data["applies_to"] = ["hospital", "care_facility", "other_facility"]
    assert len(VisitGrade.model_validate(data).applies_to) == 3


def test_visit_grade_interval_must_be_positive() -> None:
    data = example("visit_grade")
    data["interval_months"] = 0
    with pytest.raises(ValidationError, match="interval_months"):
        VisitGrade.model_validate(data)


# --- PlannedVisit / VisitPlan -------------------------------------------------


@pytest.mark.parametrize("status", [PlannedVisitStatus.VISITED, PlannedVisitStatus.ABSENT])
def test_done_visit_needs_visit_record(status: PlannedVisitStatus) -> None:
    with pytest.raises(ValidationError, match="visit_record_id required once visited") as info:
        PlannedVisit(planned_on=date(2025, 5, 20), purpose=VisitPurpose.REGULAR, status=status)
    assert f"状況「{status.label}」には訪問記録IDが必要です" in str(info.value)


@pytest.mark.parametrize(
    "status",
    [PlannedVisitStatus.PLANNED, PlannedVisitStatus.RESCHEDULED, PlannedVisitStatus.CANCELLED],
)
def test_not_done_visit_cannot_have_visit_record(status: PlannedVisitStatus) -> None:
    with pytest.raises(ValidationError, match="visit_record_id only for visited or absent"):
        PlannedVisit(
            planned_on=date(2025, 5, 20),
            purpose=VisitPurpose.REGULAR,
            status=status,
            visit_record_id="visit-2025-0001-01",
        )


def test_planned_visit_valid_both_ways() -> None:
    done = PlannedVisit(
        planned_on=date(2025, 5, 20),
        purpose=VisitPurpose.REGULAR,
        status=PlannedVisitStatus.ABSENT,
        visit_record_id="v-1",
    )
    pending = PlannedVisit(
        planned_on=date(2025, 5, 20),
        purpose=VisitPurpose.FOLLOW_UP,
        status=PlannedVisitStatus.PLANNED,
    )
    assert done.visit_record_id == "v-1"
    assert pending.visit_record_id is None


def test_visit_plan_rejects_visit_outside_period() -> None:
    data = example("visit_plan")
    data["visits"].append({"planned_on": "2026-04-14", "purpose": "regular", "status": "planned"})
    with pytest.raises(ValidationError, match="outside the plan period") as info:
        VisitPlan.model_validate(data)
    assert "計画期間外の訪問予定があります: 2026-04-14" in str(info.value)


def test_visit_plan_accepts_visits_on_period_bounds() -> None:
    data = example("visit_plan")
    data["visits"] = [
        {"planned_on": "2025-04-01", "purpose": "regular", "status": "planned"},
        {"planned_on": "2026-03-31", "purpose": "regular", "status": "planned"},
    ]
    assert len(VisitPlan.model_validate(data).visits) == 2


# --- PersonMet / VisitRecord ------------------------------------------------


def test_person_met_needs_member_or_name() -> None:
    with pytest.raises(ValidationError, match="exactly one of member_id or name") as info:
        PersonMet(role="家主")
    assert "世帯員IDか氏名のどちらか一方" in str(info.value)


def test_person_met_cannot_be_both_member_and_name() -> None:
    with pytest.raises(ValidationError, match="exactly one of member_id or name"):
        PersonMet(member_id="member-2025-0001-01", name="鈴木 一郎")


def test_person_met_non_member() -> None:
    person = PersonMet(name="中野 花子", role="病棟看護師")
    assert person.member_id is None


def test_visit_record_rejects_duplicate_visitor() -> None:
    data = example("visit_record")
    data["visitor_staff_ids"] = ["staff-cw-01", "staff-sv-01", "staff-cw-01"]
    with pytest.raises(ValidationError, match="duplicate visitor") as info:
        VisitRecord.model_validate(data)
    assert "訪問者職員IDが重複しています: staff-cw-01" in str(info.value)


def test_visit_record_present_needs_persons_met() -> None:
    data = example("visit_record")
    data["persons_met"] = []
    with pytest.raises(ValidationError, match="persons_met required unless absent") as info:
        VisitRecord.model_validate(data)
    assert "面接した人の記録が必要です" in str(info.value)


def test_visit_record_absent_without_persons_met() -> None:
    data = example("visit_record")
    data.update(
        absent=True,
        persons_met=[],
        checklist=[],
        absence_action="不在連絡票を投函した。",
        observations="不在のため面接できず。",
    )
    record = VisitRecord.model_validate(data)
    assert record.absent
    assert record.absence_action == "不在連絡票を投函した。"


def test_visit_record_absence_action_only_when_absent() -> None:
    data = example("visit_record")
    data["absence_action"] = "不在連絡票を投函した。"
    with pytest.raises(ValidationError, match="absence_action only when absent") as info:
        VisitRecord.model_validate(data)
    assert "不在時の対応は記録できません" in str(info.value)


def test_visit_record_next_visit_not_before_visit() -> None:
    data = example("visit_record")
    data["next_visit_on"] = "2025-07-14"
    with pytest.raises(ValidationError, match="next_visit_on before visited_on") as info:
        VisitRecord.model_validate(data)
    assert "次回訪問予定日が訪問日より前です" in str(info.value)


def test_visit_record_next_visit_same_day_allowed() -> None:
    data = example("visit_record")
    data["next_visit_on"] = data["visited_on"]
    record = VisitRecord.model_validate(data)
    assert record.next_visit_on == record.visited_on


# --- CaseRecord -------------------------------------------------------------


def test_case_record_cannot_reuse_itself() -> None:
    data = example("case_record")
    data["reused_from_id"] = data["id"]
    with pytest.raises(ValidationError, match="reused_from_id equals id") as info:
        CaseRecord.model_validate(data)
    assert "自分自身を再利用元にできません" in str(info.value)


def test_case_record_review_before_entry_rejected() -> None:
    data = example("case_record")
    data["review"]["reviewed_at"] = "2025-07-14T17:00:00+09:00"
    with pytest.raises(ValidationError, match="review before the entry") as info:
        CaseRecord.model_validate(data)
    assert "が記録日 2025-07-15 より前です" in str(info.value)


def test_case_record_review_on_entry_day_allowed() -> None:
    data = example("case_record")
    data["review"]["reviewed_at"] = "2025-07-15T18:00:00+09:00"
    record = CaseRecord.model_validate(data)
    assert record.review is not None
    assert record.review.reviewed_at.isoformat() == "2025-07-15T18:00:00+09:00"


def test_case_record_unreviewed_allowed() -> None:
    data = example("case_record")
    del data["review"]
    assert CaseRecord.model_validate(data).review is None


def test_case_record_review_needs_timezone() -> None:
    data = example("case_record")
    data["review"]["reviewed_at"] = "2025-07-17T10:30:00"
    with pytest.raises(ValidationError, match="timezone"):
        CaseRecord.model_validate(data)


# --- AssistancePolicy -------------------------------------------------------


@pytest.mark.parametrize("missing", ["approved_by_staff_id", "approved_on"])
def test_policy_approval_fields_go_together(missing: str) -> None:
    data = example("assistance_policy")
    del data[missing]
    with pytest.raises(ValidationError, match="approved_by_staff_id and approved_on") as info:
        AssistancePolicy.model_validate(data)
    assert "承認者と承認日は両方記録するか両方省略" in str(info.value)


def test_policy_unapproved_allowed() -> None:
    data = example("assistance_policy")
    del data["approved_by_staff_id"], data["approved_on"]
    assert AssistancePolicy.model_validate(data).approved_on is None


def test_policy_approval_not_before_decision() -> None:
    data = example("assistance_policy")
    data["approved_on"] = "2025-04-09"
    with pytest.raises(ValidationError, match="approved_on before decided_on") as info:
        AssistancePolicy.model_validate(data)
    assert "承認日が策定日より前です" in str(info.value)


def test_policy_next_review_not_before_start() -> None:
    data = example("assistance_policy")
    data["next_review_on"] = "2025-03-31"
    with pytest.raises(ValidationError, match="next_review_on before effective start") as info:
        AssistancePolicy.model_validate(data)
    assert "次回見直し予定日が適用開始日より前です" in str(info.value)


def test_policy_goal_due_not_before_start() -> None:
    data = example("assistance_policy")
    data["goals"][1]["due_on"] = "2025-03-01"
    with pytest.raises(ValidationError, match="goal due before the policy takes effect") as info:
        AssistancePolicy.model_validate(data)
    assert "世帯主が通院と服薬を自己管理する。" in str(info.value)


def test_policy_needs_goals_and_problems() -> None:
    for field in ("goals", "problems", "planned_help"):
        data = example("assistance_policy")
        data[field] = []
        with pytest.raises(ValidationError, match=field):
            AssistancePolicy.model_validate(data)
