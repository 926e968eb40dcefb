"""Tests for seikatsu_std.model.claims: claims, instalments, collections, reminders."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from seikatsu_std.model.base import Record
from seikatsu_std.model.claims import (
    Claim,
    ClaimDecision,
    Collection,
    InstalmentPlan,
    Reminder,
    claim_of,
)
from tests.support import EXAMPLES, load_example

RECORDS: list[type[Record]] = [ClaimDecision, Claim, InstalmentPlan, Collection, Reminder]


def rejects(model: type[Record], data: dict[str, Any], *fragments: str) -> None:
    """Assert that ``data`` is rejected with an error mentioning every fragment."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text


def fraud_claim(principal: int, surcharge: int) -> dict[str, Any]:
    """A 法78条 claim derived from the example."""
    data = load_example("claim")
    for key in ("means_source", "means_amount", "self_reliance_deduction"):
        del data[key]
    data.update(
        basis="art78",
        principal=principal,
        surcharge=surcharge,
        savings_from_benefits_checked=False,
        legal_basis_note="就労収入を申告せず保護を受けた（2024年4月〜2025年3月）。",
    )
    return data


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.record_type_name())
def test_example_file_validates(model: type[Record]) -> None:
    path = EXAMPLES / f"{model.record_type_name()}.example.json"
    record = model.model_validate_json(path.read_text(encoding="utf-8"))
    assert record.record_type == model.record_type_name()  # type: ignore[attr-defined]


# --- Claim: surcharge (法78条1項) -----------------------------------------------


def test_surcharge_up_to_forty_percent_for_article_78() -> None:
    claim = Claim.model_validate(fraud_claim(principal=100000, surcharge=40000))
    assert claim.total == 140000


def test_surcharge_above_forty_percent_is_rejected() -> None:
    rejects(
        Claim,
        fraud_claim(principal=100000, surcharge=40001),
        "surcharge exceeds 40% of principal",
        "法78条1項",
    )


def test_surcharge_ceiling_rounds_down() -> None:
    Claim.model_validate(fraud_claim(principal=101, surcharge=40))
    rejects(Claim, fraud_claim(principal=101, surcharge=41), "surcharge exceeds 40%")


@pytest.mark.parametrize("basis", ["art63", "art77_2", "other"])
def test_surcharge_only_for_article_78(basis: str) -> None:
    data = load_example("claim")
    data.update(basis=basis, surcharge=1000)
    rejects(Claim, data, "surcharge only for Article 78 claims")


# --- Claim: means-based claims (法63条・77条の2) ---------------------------------


def test_self_reliance_deduction_only_for_means_based_claims() -> None:
    data = fraud_claim(principal=100000, surcharge=0)
    data["self_reliance_deduction"] = 5000
    rejects(Claim, data, "self_reliance_deduction and means_source only for means-based claims")
    data = fraud_claim(principal=100000, surcharge=0)
    data["means_source"] = "savings"
    rejects(Claim, data, "only for means-based claims")


def test_article_77_2_is_means_based() -> None:
    data = load_example("claim")
    data["basis"] = "art77_2"
    Claim.model_validate(data)
    del data["means_amount"]
    rejects(Claim, data, "means-based claims require means_source, means_amount")


@pytest.mark.parametrize("missing", ["means_source", "means_amount", "assistance_paid"])
def test_means_based_claim_records_the_means(missing: str) -> None:
    data = load_example("claim")
    del data[missing]
    rejects(Claim, data, "means-based claims require")


def test_principal_at_most_the_assistance_paid() -> None:
    data = load_example("claim")
    data["assistance_paid"] = 149999
    rejects(Claim, data, "principal exceeds the assistance paid")
    data = fraud_claim(principal=100000, surcharge=0)
    data["assistance_paid"] = 99999
    rejects(Claim, data, "principal exceeds the assistance paid")


def test_principal_at_most_means_minus_deduction() -> None:
    data = load_example("claim")
    data["self_reliance_deduction"] = 36001
    rejects(Claim, data, "principal exceeds means minus self-reliance deduction")


def test_deduction_at_most_the_means() -> None:
    data = load_example("claim")
    data["self_reliance_deduction"] = 186001
    rejects(Claim, data, "self_reliance_deduction exceeds means_amount")


# --- Claim: the Nakano guardrail (最高裁 2004-03-16) --------------------------------


def savings_claim(checked: bool) -> dict[str, Any]:
    data = load_example("claim")
    data.update(
        means_source="savings",
        self_reliance_deduction=0,
        means_amount=150000,
        savings_from_benefits_checked=checked,
    )
    return data


def test_claim_on_savings_requires_the_origin_check() -> None:
    rejects(
        Claim,
        savings_claim(checked=False),
        "savings claimed as means must be checked not to be savings from benefits",
        "最高裁平成16年3月16日判決",
    )


def test_claim_on_checked_savings_is_valid() -> None:
    claim = Claim.model_validate(savings_claim(checked=True))
    assert claim.savings_from_benefits_checked


def test_savings_check_is_required_field() -> None:
    data = load_example("claim")
    del data["savings_from_benefits_checked"]
    rejects(Claim, data, "savings_from_benefits_checked")


def test_legal_basis_note_is_required() -> None:
    data = load_example("claim")
    data["legal_basis_note"] = ""
    rejects(Claim, data, "legal_basis_note")


# --- Claim: dates and status ----------------------------------------------------------


def test_notice_not_before_assessment() -> None:
    data = load_example("claim")
    data["notice_issued_on"] = "2025-07-09"
    rejects(Claim, data, "notice before assessment")


def test_due_date_needs_and_follows_notice() -> None:
    data = load_example("claim")
    data["due_on"] = "2025-07-13"
    rejects(Claim, data, "due_on requires notice_issued_on and must not precede it")
    data = load_example("claim")
    del data["notice_issued_on"]
    data["status"] = "assessed"
    rejects(Claim, data, "due_on requires notice_issued_on")


@pytest.mark.parametrize("status", ["notified", "instalments", "overdue"])
def test_notified_states_require_notice(status: str) -> None:
    data = load_example("claim")
    del data["notice_issued_on"]
    del data["due_on"]
    data["status"] = status
    rejects(Claim, data, f"status {status} requires notice_issued_on")
    data["status"] = "assessed"
    Claim.model_validate(data)


def test_write_off_date_iff_written_off() -> None:
    data = load_example("claim")
    data["status"] = "written_off"
    rejects(Claim, data, "written_off_on required iff status is written_off")
    data["written_off_on"] = "2030-08-01"
    Claim.model_validate(data)
    data["status"] = "paid"
    rejects(Claim, data, "written_off_on required iff status is written_off")


def test_write_off_not_before_assessment() -> None:
    data = load_example("claim")
    data.update(status="written_off", written_off_on="2025-07-09")
    rejects(Claim, data, "written_off_on before assessed_on")


def test_principal_is_positive() -> None:
    data = load_example("claim")
    data["principal"] = 0
    rejects(Claim, data, "principal")


# --- InstalmentPlan -----------------------------------------------------------------


def test_instalments_sum_to_total() -> None:
    data = load_example("instalment_plan")
    data["instalments"][-1]["amount"] = 29999
    rejects(InstalmentPlan, data, "instalment amounts must sum to total_amount")


def test_instalment_due_dates_strictly_increase() -> None:
    data = load_example("instalment_plan")
    data["instalments"][2]["due_on"] = data["instalments"][1]["due_on"]
    rejects(InstalmentPlan, data, "due dates must be strictly increasing")
    data = load_example("instalment_plan")
    data["instalments"][1], data["instalments"][2] = (
        data["instalments"][2],
        data["instalments"][1],
    )
    rejects(InstalmentPlan, data, "due dates must be strictly increasing")


def test_first_instalment_not_before_agreement() -> None:
    data = load_example("instalment_plan")
    data["instalments"][0]["due_on"] = "2025-07-24"
    rejects(InstalmentPlan, data, "first instalment due before agreed_on")


def test_single_instalment_plan() -> None:
    data = load_example("instalment_plan")
    data["instalments"] = [{"due_on": "2025-08-29", "amount": 150000}]
    InstalmentPlan.model_validate(data)
    data["instalments"] = []
    rejects(InstalmentPlan, data, "instalments")


# --- Collection ----------------------------------------------------------------------


def offset_collection() -> dict[str, Any]:
    data = load_example("collection")
    data.update(
        method="offset",
        written_request_id="request-2025-0001",
        written_request_on="2025-08-01",
        payment_id="payment-2025-09-case-2025-0001",
    )
    return data


def test_offset_with_written_request_is_valid() -> None:
    collection = Collection.model_validate(offset_collection())
    assert collection.written_request_id == "request-2025-0001"


@pytest.mark.parametrize("missing", ["written_request_id", "written_request_on"])
def test_offset_requires_the_written_request(missing: str) -> None:
    data = offset_collection()
    del data[missing]
    rejects(Collection, data, "offset requires written_request_id and written_request_on")


def test_written_request_only_for_offsets() -> None:
    data = load_example("collection")
    data["written_request_id"] = "request-2025-0001"
    rejects(Collection, data, "written request and payment_id only for offsets")
    data = load_example("collection")
    data["payment_id"] = "payment-1"
    rejects(Collection, data, "written request and payment_id only for offsets")


def test_written_request_precedes_collection() -> None:
    data = offset_collection()
    data["written_request_on"] = "2025-08-28"
    rejects(Collection, data, "written request after collection")


# --- Reminder -------------------------------------------------------------------------


def test_reminder_due_after_issue() -> None:
    data = load_example("reminder")
    data["due_on"] = data["issued_on"]
    rejects(Reminder, data, "due_on must be after issued_on")


# ---------------------------------------------------------------- repayment and collection decisions


def test_an_approved_decision_assesses_the_published_claim() -> None:
    decision = ClaimDecision.model_validate(load_example("claim_decision"))
    claim = claim_of(decision)
    example = load_example("claim")
    assert claim.decision_id == decision.id == example["decision_id"]
    for key in ("id", "case_id", "principal", "means_amount", "self_reliance_deduction"):
        assert claim.model_dump(mode="json")[key] == example[key]
    assert (claim.assessed_on, claim.decided_by) == (decision.approved_on, decision.approved_by)


def test_the_drafter_is_never_the_approver_of_a_claim_decision() -> None:
    data = load_example("claim_decision")
    rejects(ClaimDecision, data | {"approved_by": data["drafted_by"]}, "起案者")


def test_a_drafted_claim_decision_has_no_approval_and_assesses_nothing() -> None:
    data = load_example("claim_decision") | {"status": "drafted"}
    rejects(ClaimDecision, data, "決裁済の決定にのみ")
    drafted = ClaimDecision.model_validate(
        data | {"approved_by": None, "approved_on": None, "claim_id": None}
    )
    with pytest.raises(ValueError, match="決裁されていない"):
        claim_of(drafted)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"principal": 150_001}, "元金"),
        ({"surcharge_percent": 10}, "法78条"),
        ({"basis": "other"}, "その他"),
        ({"means_fact": None}, "資力が生じた事実"),
        ({"period_from": "2025-06"}, "対象期間"),
    ],
)
def test_claim_decision_rules(changes: dict[str, Any], fragment: str) -> None:
    rejects(ClaimDecision, load_example("claim_decision") | changes, fragment)


def test_an_article_78_decision_needs_the_fraud_and_computes_the_surcharge() -> None:
    data = load_example("claim_decision")
    for key in ("means_source", "means_fact", "means_arose_on", "means_amount"):
        del data[key]
    data |= {"basis": "art78", "requested_amount": 300_000, "self_reliance_deduction": 0}
    data |= {"principal": 300_000, "surcharge_percent": 40, "surcharge": 120_000}
    rejects(ClaimDecision, data, "不正の事実")
    decision = ClaimDecision.model_validate(data | {"fraud_fact": "就労収入を申告しなかった"})
    assert decision.total == 420_000
    rejects(ClaimDecision, data | {"fraud_fact": "x", "surcharge": 119_999}, "加算する額")
