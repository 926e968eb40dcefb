"""Tests for seikatsu_std.model.medical: institutions, opinions, tickets, oversight records."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from seikatsu_std.formats.checkdigits import mod10_21_check_digit
from seikatsu_std.model.base import Record
from seikatsu_std.model.medical import (
    FrequentVisitFlag,
    IllnessReport,
    LongStayReview,
    MedicalInstitution,
    MedicalOpinion,
    MedicalTicket,
    check_days_within_month,
    month_bounds,
)
from tests.support import EXAMPLES, load_example

RECORDS: list[type[Record]] = [
    MedicalInstitution,
    IllnessReport,
    MedicalOpinion,
    MedicalTicket,
    LongStayReview,
    FrequentVisitFlag,
]


def rejects(model: type[Record], data: dict[str, Any], *fragments: str) -> None:
    """Assert that ``data`` is rejected with an error mentioning every fragment."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.record_type_name())
def test_example_file_validates(model: type[Record]) -> None:
    path = EXAMPLES / f"{model.record_type_name()}.example.json"
    record = model.model_validate_json(path.read_text(encoding="utf-8"))
    assert record.record_type == model.record_type_name()  # type: ignore[attr-defined]


# --- months -------------------------------------------------------------------


def test_month_bounds_handles_leap_years() -> None:
    assert month_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert month_bounds("2025-02") == (date(2025, 2, 1), date(2025, 2, 28))
    assert month_bounds("2025-12") == (date(2025, 12, 1), date(2025, 12, 31))


def test_check_days_within_month() -> None:
    check_days_within_month("2025-06", 1, 30)
    with pytest.raises(ValueError, match="last day of 2025-06"):
        check_days_within_month("2025-06", 1, 31)
    with pytest.raises(ValueError, match="starts after it ends"):
        check_days_within_month("2025-06", 20, 10)


@pytest.mark.parametrize("month", ["2025-13", "2025-00", "2025-6", "202506", "2025/06"])
def test_year_month_pattern(month: str) -> None:
    data = load_example("medical_ticket")
    data["month"] = month
    rejects(MedicalTicket, data, "month")


# --- MedicalInstitution -------------------------------------------------------


def test_institution_code_must_match_kind() -> None:
    data = load_example("medical_institution")
    data["kind"] = "pharmacy"  # the example code has 点数表 digit 1 (医科)
    rejects(MedicalInstitution, data, "fee-schedule digit 1", "薬局")


def test_pharmacy_with_dispensing_code_is_valid() -> None:
    data = load_example("medical_institution")
    body = "134101234"
    data.update(kind="pharmacy", institution_code=body + mod10_21_check_digit(body))
    assert MedicalInstitution.model_validate(data).kind.label == "薬局"


def test_hospital_may_hold_a_dental_code() -> None:
    data = load_example("medical_institution")
    body = "133101234"
    data.update(kind="hospital", institution_code=body + mod10_21_check_digit(body))
    MedicalInstitution.model_validate(data)
    data["kind"] = "clinic"
    rejects(MedicalInstitution, data, "fee-schedule digit 3")


def test_institution_code_check_digit() -> None:
    data = load_example("medical_institution")
    data["institution_code"] = "1311012347"
    rejects(MedicalInstitution, data, "check digit should be 6")


# --- MedicalOpinion -----------------------------------------------------------


def test_opinion_returned_before_requested() -> None:
    data = load_example("medical_opinion")
    data["returned_on"] = "2025-05-11"
    rejects(MedicalOpinion, data, "returned_on before requested_on")


def test_opinion_returned_same_day_is_valid() -> None:
    data = load_example("medical_opinion")
    data["returned_on"] = data["requested_on"]
    data["review"]["reviewed_on"] = data["requested_on"]
    MedicalOpinion.model_validate(data)


def test_opinion_reviewed_before_returned() -> None:
    data = load_example("medical_opinion")
    data["review"]["reviewed_on"] = "2025-05-18"
    rejects(MedicalOpinion, data, "reviewed_on before returned_on")


def test_returned_opinion_needs_contents() -> None:
    data = load_example("medical_opinion")
    data["diagnoses"] = []
    rejects(MedicalOpinion, data, "requires diagnoses, setting and necessity")
    data = load_example("medical_opinion")
    del data["necessity"]
    rejects(MedicalOpinion, data, "requires diagnoses, setting and necessity")


def test_pending_opinion_is_valid_without_contents() -> None:
    data = load_example("medical_opinion")
    for key in ("returned_on", "diagnoses", "setting", "expected_period", "necessity", "review"):
        del data[key]
    opinion = MedicalOpinion.model_validate(data)
    assert opinion.returned_on is None


def test_pending_opinion_cannot_carry_contents_or_review() -> None:
    data = load_example("medical_opinion")
    del data["returned_on"]
    del data["review"]
    rejects(MedicalOpinion, data, "contents recorded without returned_on")
    data = load_example("medical_opinion")
    for key in ("returned_on", "diagnoses", "setting", "expected_period", "necessity"):
        del data[key]
    rejects(MedicalOpinion, data, "review recorded before the opinion was returned")


# --- MedicalTicket ------------------------------------------------------------


def test_ticket_valid_period_must_lie_within_the_month() -> None:
    data = load_example("medical_ticket")
    data["valid_to_day"] = 31  # June has 30 days
    rejects(MedicalTicket, data, "valid period ends after the last day of 2025-06")


def _days_only(record_type: str) -> dict[str, Any]:
    """The example ticket without the dates of its validity (they follow from the days)."""
    data = load_example(record_type)
    del data["valid_from"], data["valid_to"]
    return data


def test_ticket_february_leap_year() -> None:
    data = _days_only("medical_ticket")
    data.update(month="2024-02", valid_to_day=29)
    MedicalTicket.model_validate(data)
    data["month"] = "2025-02"
    rejects(MedicalTicket, data, "last day of 2025-02")


def test_ticket_start_after_end() -> None:
    data = load_example("medical_ticket")
    data.update(valid_from_day=15, valid_to_day=14)
    rejects(MedicalTicket, data, "valid period starts after it ends")


def test_ticket_valid_dates() -> None:
    data = _days_only("medical_ticket")
    data.update(valid_from_day=10, valid_to_day=20)
    ticket = MedicalTicket.model_validate(data)
    assert (ticket.valid_from, ticket.valid_to) == (date(2025, 6, 10), date(2025, 6, 20))
    # Dates that disagree with the month and its days are refused.
    rejects(MedicalTicket, data | {"valid_to": "2025-06-21"}, "disagree with month and days")


def test_medical_ticket_needs_setting_and_dispensing_ticket_has_none() -> None:
    data = load_example("medical_ticket")
    del data["setting"]
    rejects(MedicalTicket, data, "medical ticket requires setting")
    data["ticket_kind"] = "dispensing"
    MedicalTicket.model_validate(data)
    data["setting"] = "outpatient"
    rejects(MedicalTicket, data, "dispensing ticket has no setting")


def test_brand_name_drugs_need_a_reason() -> None:
    data = load_example("medical_ticket")
    data["generic_drugs"] = False
    rejects(MedicalTicket, data, "brand_name_reason required", "34条3項")
    data["brand_name_reason"] = "後発医薬品で薬疹が出たため、主治医が先発医薬品を必要と判断した。"
    assert MedicalTicket.model_validate(data).generic_drugs is False


def test_brand_name_reason_only_without_generics() -> None:
    data = load_example("medical_ticket")
    data["brand_name_reason"] = "理由"
    rejects(MedicalTicket, data, "brand_name_reason only when generic_drugs is false")


def test_generic_drugs_are_the_default() -> None:
    data = load_example("medical_ticket")
    del data["generic_drugs"]
    assert MedicalTicket.model_validate(data).generic_drugs is True


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("payer_number", "12131141", "check digit should be 0"),
        ("payer_number", "13131140", "payer_number"),
        ("recipient_number", "1234567", "check digit should be 6"),
    ],
)
def test_ticket_identifiers_are_checked(field: str, value: str, fragment: str) -> None:
    data = load_example("medical_ticket")
    data[field] = value
    rejects(MedicalTicket, data, fragment)


def test_ticket_rejects_unknown_keys() -> None:
    data = load_example("medical_ticket")
    data["surprise"] = 1
    rejects(MedicalTicket, data, "surprise")


# --- LongStayReview -----------------------------------------------------------


def test_long_stay_reviewed_before_admission() -> None:
    data = load_example("long_stay_review")
    data["reviewed_on"] = "2024-11-04"
    rejects(LongStayReview, data, "reviewed_on before admitted_on")


def test_long_stay_next_review_after_review() -> None:
    data = load_example("long_stay_review")
    data["next_review_on"] = data["reviewed_on"]
    rejects(LongStayReview, data, "next_review_on must be after reviewed_on")


def test_long_stay_days_in_hospital() -> None:
    review = LongStayReview.model_validate(load_example("long_stay_review"))
    assert review.days_in_hospital == (date(2025, 5, 9) - date(2024, 11, 5)).days + 1


# --- FrequentVisitFlag --------------------------------------------------------


def test_visit_days_cannot_exceed_the_month() -> None:
    data = load_example("frequent_visit_flag")
    data.update(month="2025-02", days_of_visits=29)
    rejects(FrequentVisitFlag, data, "days_of_visits exceeds the days in the month")
    data["days_of_visits"] = 28
    FrequentVisitFlag.model_validate(data)


def test_guidance_date_iff_guidance_given() -> None:
    data = load_example("frequent_visit_flag")
    del data["guidance_on"]
    rejects(FrequentVisitFlag, data, "guidance_on required")
    data = load_example("frequent_visit_flag")
    data["guidance_given"] = False
    rejects(FrequentVisitFlag, data, "guidance_on only when guidance_given")
    del data["guidance_on"]
    FrequentVisitFlag.model_validate(data)
