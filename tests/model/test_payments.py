"""Tests for seikatsu_std.model.payments: bank accounts, payments, runs, proxy payments."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from seikatsu_std.model.base import Record, StdModel
from seikatsu_std.model.payments import (
    AccountKind,
    BankAccount,
    Payment,
    PaymentKind,
    PaymentRun,
    ProxyPayment,
    payment_run_key,
)
from tests.support import EXAMPLES, load_example

RECORDS: list[type[Record]] = [Payment, PaymentRun, ProxyPayment]


def rejects(model: type[StdModel], data: dict[str, Any], *fragments: str) -> None:
    """Assert that ``data`` is rejected with an error mentioning every fragment."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text


def account() -> dict[str, Any]:
    bank: dict[str, Any] = load_example("payment")["bank_account"]
    return bank


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.record_type_name())
def test_example_file_validates(model: type[Record]) -> None:
    path = EXAMPLES / f"{model.record_type_name()}.example.json"
    record = model.model_validate_json(path.read_text(encoding="utf-8"))
    assert record.record_type == model.record_type_name()  # type: ignore[attr-defined]


# --- BankAccount --------------------------------------------------------------


@pytest.mark.parametrize("name", ["ｽｽﾞｷ ﾕﾐ", "ﾅｶﾉﾊｳｼﾞﾝｸﾞ(ｶ", "ｷﾕｳﾖ ﾊﾟﾝ", "ABC-1.(2)", "ﾔﾏﾀﾞ ﾀﾛｳ"])
def test_holder_name_accepts_zengin_characters(name: str) -> None:
    data = dict(account(), holder_name_kana=name)
    assert BankAccount.model_validate(data).holder_name_kana == name


@pytest.mark.parametrize(
    "name",
    [
        "ｷｭｳﾖ",  # small kana must be written large
        "ｦｶ",  # ｦ is not allowed
        "ｽｽﾞｷ･ﾕﾐ",  # half-width middle dot
        "ｽｽﾞｷ ﾕﾐｰ",  # half-width long vowel mark
        "ｽｽﾞｷ,ﾕﾐ",  # comma
        "スズキ ユミ",  # full-width katakana
        "suzuki",  # lower case
        " ｽｽﾞｷ",  # leading space
        "",
    ],
)
def test_holder_name_rejects_other_characters(name: str) -> None:
    rejects(BankAccount, dict(account(), holder_name_kana=name), "holder_name_kana")


def test_holder_name_at_most_thirty_characters() -> None:
    BankAccount.model_validate(dict(account(), holder_name_kana="ｱ" * 30))
    rejects(BankAccount, dict(account(), holder_name_kana="ｱ" * 31), "at most 30")


@pytest.mark.parametrize(
    ("field", "value"),
    [("bank_code", "001"), ("branch_code", "1234"), ("account_number", "456789")],
)
def test_account_numeric_fields_have_fixed_width(field: str, value: str) -> None:
    rejects(BankAccount, dict(account(), **{field: value}), field)


def test_account_kind_uses_zengin_codes() -> None:
    assert [kind.value for kind in AccountKind] == ["1", "2", "4", "9"]
    rejects(BankAccount, dict(account(), account_kind="3"), "account_kind")


# --- Payment: amounts -------------------------------------------------------------


def test_net_must_equal_lines_minus_deductions() -> None:
    data = load_example("payment")
    data["net_amount"] += 1
    rejects(Payment, data, "net_amount must equal sum(lines) - sum(deductions) = 196420")


def test_deductions_may_not_exceed_the_lines() -> None:
    data = load_example("payment")
    data["deductions"][0]["amount"] = 300000
    data["net_amount"] = 0
    rejects(Payment, data, "deductions exceed the gross amount")


def test_negative_adjustment_lines_reconcile() -> None:
    data = load_example("payment")
    data["lines"].append(
        {"assistance_kind": "living", "amount": -6244, "basis": "4月分の過払い戻入（日割）"}
    )
    data["net_amount"] = 196420 - 6244
    payment = Payment.model_validate(data)
    assert payment.gross_amount - payment.deducted_amount == payment.net_amount


def test_deduction_references_match_their_kind() -> None:
    data = load_example("payment")
    data["deductions"][0]["claim_id"] = "claim-2025-0001"
    rejects(Payment, data, "proxy deduction requires proxy_payment_id and no claim_id")
    data = load_example("payment")
    data["deductions"][0]["kind"] = "benefit_offset"
    rejects(Payment, data, "benefit offset requires claim_id and no proxy_payment_id")
    data["deductions"][0] = {"kind": "benefit_offset", "amount": 64000, "claim_id": "claim-1"}
    Payment.model_validate(data)


def test_deduction_amount_is_positive() -> None:
    data = load_example("payment")
    data["deductions"][0]["amount"] = 0
    data["net_amount"] = 260420
    rejects(Payment, data, "greater than 0")


# --- Payment: method and status ---------------------------------------------------


def test_bank_transfer_requires_an_account() -> None:
    data = load_example("payment")
    del data["bank_account"]
    rejects(Payment, data, "bank_account required for bank transfer")


def test_cash_payment_has_no_account() -> None:
    data = load_example("payment")
    data["method"] = "counter_cash"
    rejects(Payment, data, "bank_account only for bank transfer", "窓口払")
    del data["bank_account"]
    Payment.model_validate(data)


def test_proxy_method_requires_proxy_payment_id() -> None:
    data = load_example("payment")
    del data["bank_account"]
    data["method"] = "proxy"
    rejects(Payment, data, "proxy_payment_id required iff method is proxy")
    data["proxy_payment_id"] = "proxy-2025-0001"
    Payment.model_validate(data)
    data["method"] = "counter_cash"
    rejects(Payment, data, "proxy_payment_id required iff method is proxy")


def test_regular_payment_belongs_to_a_run() -> None:
    data = load_example("payment")
    del data["payment_run_id"]
    rejects(Payment, data, "regular payment requires payment_run_id")
    data["kind"] = "ad_hoc"
    data["idempotency_key"] = "ad_hoc/office-nakano/2025-06/case-2025-0001/1"
    Payment.model_validate(data)


def test_payment_traces_to_a_decision() -> None:
    data = load_example("payment")
    data["decision_ids"] = []
    rejects(Payment, data, "decision_ids")


def test_paid_on_iff_paid() -> None:
    data = load_example("payment")
    del data["paid_on"]
    rejects(Payment, data, "paid_on required iff status is paid")
    data = load_example("payment")
    data["status"] = "scheduled"
    rejects(Payment, data, "paid_on required iff status is paid")
    del data["paid_on"]
    Payment.model_validate(data)


def test_returned_transfer_needs_a_reason() -> None:
    data = load_example("payment")
    del data["paid_on"]
    data["status"] = "returned"
    rejects(Payment, data, "return_reason required iff status is returned")
    data["return_reason"] = "口座解約済み"
    Payment.model_validate(data)
    data["status"] = "cancelled"
    rejects(Payment, data, "return_reason required iff status is returned")


def test_only_transfers_can_be_returned() -> None:
    data = load_example("payment")
    del data["paid_on"]
    del data["bank_account"]
    data.update(status="returned", return_reason="不明", method="counter_cash")
    rejects(Payment, data, "only bank transfers can be returned")


def test_idempotency_key_pattern() -> None:
    data = load_example("payment")
    data["idempotency_key"] = "regular 2025-06"
    rejects(Payment, data, "idempotency_key")


# --- PaymentRun ---------------------------------------------------------------


def test_run_key_is_office_month_kind() -> None:
    assert payment_run_key("office-nakano", "2025-06", PaymentKind.REGULAR) == (
        "office-nakano/2025-06/regular"
    )
    data = load_example("payment_run")
    data["run_key"] = "office-nakano/2025-07/regular"
    rejects(PaymentRun, data, "run_key must be 'office-nakano/2025-06/regular'")
    data["kind"] = "ad_hoc"
    data["run_key"] = "office-nakano/2025-06/ad_hoc"
    PaymentRun.model_validate(data)


def test_approval_fields_go_together() -> None:
    data = load_example("payment_run")
    del data["approved_at"]
    rejects(PaymentRun, data, "approved_by and approved_at go together")


@pytest.mark.parametrize("status", ["approved", "exported", "completed"])
def test_approved_states_require_approval(status: str) -> None:
    data = load_example("payment_run")
    data["status"] = status
    PaymentRun.model_validate(data)
    del data["approved_by"]
    del data["approved_at"]
    rejects(PaymentRun, data, f"status {status} requires approval")


def test_draft_run_is_not_approved() -> None:
    data = load_example("payment_run")
    data["status"] = "draft"
    rejects(PaymentRun, data, "a draft run cannot be approved")
    del data["approved_by"]
    del data["approved_at"]
    PaymentRun.model_validate(data)


def test_approved_at_must_carry_a_time_zone() -> None:
    data = load_example("payment_run")
    data["approved_at"] = "2025-05-26T15:42:10"
    rejects(PaymentRun, data, "timezone")


def test_empty_run_has_zero_total() -> None:
    data = load_example("payment_run")
    data["payment_count"] = 0
    rejects(PaymentRun, data, "total_amount must be 0 when payment_count is 0")
    data["total_amount"] = 0
    PaymentRun.model_validate(data)


def test_file_checksum_is_sha256_hex() -> None:
    data = load_example("payment_run")
    data["file_checksum"] = "ABC"
    rejects(PaymentRun, data, "file_checksum")


# --- ProxyPayment ---------------------------------------------------------------


def test_proxy_payment_amount_and_period() -> None:
    data = load_example("proxy_payment")
    data["monthly_amount"] = 0
    rejects(ProxyPayment, data, "monthly_amount")
    data = load_example("proxy_payment")
    data["period"] = {"start": "2025-04-01", "end": "2025-03-31"}
    rejects(ProxyPayment, data, "period end before start")


def test_proxy_payee_account_is_optional() -> None:
    data = load_example("proxy_payment")
    del data["payee_account"]
    data.update(payee_kind="care_insurance_premium", payee_name="中野区（介護保険料）")
    assert ProxyPayment.model_validate(data).payee_account is None
