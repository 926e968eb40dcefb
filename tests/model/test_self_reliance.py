"""Tests for seikatsu_std.model.self_reliance: assessments, programmes, plans, grants."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from seikatsu_std.model.base import Record
from seikatsu_std.model.self_reliance import (
    EnrolmentOutcome,
    GrantPayment,
    IndependenceType,
    ProgrammeEnrolment,
    SelfRelianceAssessment,
    SupportPlan,
    SupportProgramme,
    WorkCapacity,
)
from tests.support import EXAMPLES
from tests.support import load_example as example

RECORDS: list[type[Record]] = [
    SelfRelianceAssessment,
    SupportProgramme,
    ProgrammeEnrolment,
    SupportPlan,
    GrantPayment,
]


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.record_type_name())
def test_example_file_validates(model: type[Record]) -> None:
    path = EXAMPLES / f"{model.record_type_name()}.example.json"
    record = model.model_validate_json(path.read_text(encoding="utf-8"))
    assert record.model_dump(mode="json")["record_type"] == model.record_type_name()


def test_enum_labels() -> None:
    assert IndependenceType.from_label("社会生活自立") is IndependenceType.SOCIAL_LIFE
    assert WorkCapacity.POTENTIAL.value == "potential"
    assert "稼働余地" in WorkCapacity.POTENTIAL.label


# --- SelfRelianceAssessment ---------------------------------------------------


@pytest.mark.parametrize(
    "capacity",
    [WorkCapacity.NEEDS_SUPPORT, WorkCapacity.POTENTIAL, WorkCapacity.NO_CAPACITY],
)
def test_assessment_needs_barriers_unless_can_job_hunt_alone(capacity: WorkCapacity) -> None:
    data = example("self_reliance_assessment")
    data.update(work_capacity=capacity.value, barriers=[])
    with pytest.raises(ValidationError, match="barriers required") as info:
        SelfRelianceAssessment.model_validate(data)
    assert f"稼働能力の区分「{capacity.label}」には阻害要因の記録が必要です" in str(info.value)


def test_assessment_can_job_hunt_alone_without_barriers() -> None:
    data = example("self_reliance_assessment")
    data.update(work_capacity="can_job_hunt_alone", barriers=[])
    record = SelfRelianceAssessment.model_validate(data)
    assert record.work_capacity is WorkCapacity.CAN_JOB_HUNT_ALONE


def test_assessment_rejects_duplicate_independence_type() -> None:
    data = example("self_reliance_assessment")
    data["recommended_independence"] = ["economic", "social_life", "economic"]
    with pytest.raises(ValidationError, match="duplicate recommended independence") as info:
        SelfRelianceAssessment.model_validate(data)
    assert "推奨する自立の種類が重複しています: economic" in str(info.value)


def test_assessment_needs_a_recommendation() -> None:
    data = example("self_reliance_assessment")
    data["recommended_independence"] = []
    with pytest.raises(ValidationError, match="recommended_independence"):
        SelfRelianceAssessment.model_validate(data)


def test_assessment_next_not_before_assessed() -> None:
    data = example("self_reliance_assessment")
    data["next_assessment_on"] = "2025-05-19"
    with pytest.raises(ValidationError, match="next_assessment_on before assessed_on") as info:
        SelfRelianceAssessment.model_validate(data)
    assert "次回評価予定日が評価日より前です" in str(info.value)


# --- SupportProgramme ---------------------------------------------------------


def test_programme_needs_measurable_goal() -> None:
    data = example("support_programme")
    data["goals"] = []
    with pytest.raises(ValidationError, match="goals"):
        SupportProgramme.model_validate(data)


def test_programme_without_partner() -> None:
    data = example("support_programme")
    del data["partner"]
    assert SupportProgramme.model_validate(data).partner is None


# --- ProgrammeEnrolment -------------------------------------------------------


def test_enrolment_requires_consent() -> None:
    data = example("programme_enrolment")
    del data["consent_id"]
    with pytest.raises(ValidationError, match="consent_id"):
        ProgrammeEnrolment.model_validate(data)


@pytest.mark.parametrize(
    "outcome",
    [EnrolmentOutcome.ACHIEVED, EnrolmentOutcome.NOT_ACHIEVED, EnrolmentOutcome.WITHDRAWN],
)
def test_enrolment_finished_outcome_needs_date(outcome: EnrolmentOutcome) -> None:
    data = example("programme_enrolment")
    data["outcome"] = outcome.value
    del data["outcome_on"]
    with pytest.raises(ValidationError, match="outcome_on required unless ongoing") as info:
        ProgrammeEnrolment.model_validate(data)
    assert f"結果「{outcome.label}」には結果確定日が必要です" in str(info.value)


def test_enrolment_ongoing_cannot_have_outcome_date() -> None:
    data = example("programme_enrolment")
    data["outcome"] = "ongoing"
    with pytest.raises(ValidationError, match="outcome_on only when not ongoing") as info:
        ProgrammeEnrolment.model_validate(data)
    assert "継続中の参加に結果確定日は記録できません" in str(info.value)


def test_enrolment_ongoing_without_date() -> None:
    data = example("programme_enrolment")
    data["outcome"] = "ongoing"
    del data["outcome_on"]
    assert ProgrammeEnrolment.model_validate(data).outcome_on is None


def test_enrolment_outcome_not_before_start() -> None:
    data = example("programme_enrolment")
    data["outcome"] = "withdrawn"
    data["outcome_on"] = "2025-05-31"
    data["activities"] = []
    with pytest.raises(ValidationError, match="outcome_on before enrolment start") as info:
        ProgrammeEnrolment.model_validate(data)
    assert "結果確定日 2025-05-31 が参加開始日 2025-06-01 より前です" in str(info.value)


@pytest.mark.parametrize("outcome_on", ["2025-06-01", "2025-12-15"])
def test_enrolment_outcome_on_or_after_start(outcome_on: str) -> None:
    data = example("programme_enrolment")
    data["outcome"] = "withdrawn"
    data["outcome_on"] = outcome_on
    data["activities"] = []
    assert ProgrammeEnrolment.model_validate(data).outcome_on is not None


def test_enrolment_activity_not_before_start() -> None:
    data = example("programme_enrolment")
    data["activities"].append({"on": "2025-05-28", "content": "事前説明"})
    with pytest.raises(ValidationError, match="activity before enrolment start") as info:
        ProgrammeEnrolment.model_validate(data)
    assert "参加開始日より前の活動があります: 2025-05-28" in str(info.value)


def test_enrolment_needs_goals() -> None:
    data = example("programme_enrolment")
    data["goals"] = []
    with pytest.raises(ValidationError, match="goals"):
        ProgrammeEnrolment.model_validate(data)


# --- SupportPlan --------------------------------------------------------------


def test_support_plan_review_not_before_creation() -> None:
    data = example("support_plan")
    data["review_on"] = "2025-06-09"
    with pytest.raises(ValidationError, match="review_on before created_on") as info:
        SupportPlan.model_validate(data)
    assert "見直し予定日が作成日より前です" in str(info.value)


def test_support_plan_goal_due_not_before_creation() -> None:
    data = example("support_plan")
    data["goals"][0]["due_on"] = "2025-06-01"
    with pytest.raises(ValidationError, match="goal due before the plan was created") as info:
        SupportPlan.model_validate(data)
    assert "世帯主が職業訓練または就職に移行する。" in str(info.value)


def test_support_plan_review_on_creation_day_allowed() -> None:
    data = example("support_plan")
    data["review_on"] = data["created_on"]
    plan = SupportPlan.model_validate(data)
    assert plan.review_on == plan.created_on


def test_support_plan_needs_agencies() -> None:
    data = example("support_plan")
    data["agencies"] = []
    with pytest.raises(ValidationError, match="agencies"):
        SupportPlan.model_validate(data)


# --- GrantPayment -------------------------------------------------------------


def test_grant_paid_not_before_decision() -> None:
    data = example("grant_payment")
    data["paid_on"] = "2026-03-09"
    with pytest.raises(ValidationError, match="paid_on before decided_on") as info:
        GrantPayment.model_validate(data)
    assert "支給日が決定日より前です" in str(info.value)


def test_grant_not_yet_paid() -> None:
    data = example("grant_payment")
    del data["paid_on"]
    assert GrantPayment.model_validate(data).paid_on is None


def test_grant_amount_positive() -> None:
    data = example("grant_payment")
    data["amount"] = 0
    with pytest.raises(ValidationError, match="amount"):
        GrantPayment.model_validate(data)
