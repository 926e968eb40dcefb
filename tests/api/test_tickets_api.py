"""Tickets and ad-hoc payments over the standard HTTP API (REQ-APP-022, REQ-MED-004, REQ-CAR-003).

The app runs over in-memory ports with the 25-case demo office and the fixed
clock of the API tests (2023-09-20). case-00003's notified change decision
dec-00003 grants medical assistance; a decision the test drafts has not been
approved.
"""

from __future__ import annotations

from typing import Any

from seikatsu_std.conformance.steps_lifecycle import calculation_for
from seikatsu_std.services.demo import DEMO_CLINIC_ID, DEMO_MONTH
from tests.api.test_lifecycle_api import API, _ok, _problem

CASE, DECISION, HEAD = "case-00003", "dec-00003", "syn-0000002-1"


def _medical(**changes: Any) -> dict[str, Any]:
    body = {
        "decision_id": DECISION,
        "member_id": HEAD,
        "month": DEMO_MONTH,
        "institution_id": DEMO_CLINIC_ID,
        "setting": "outpatient",
    }
    return body | changes


def _payment(**changes: Any) -> dict[str, Any]:
    body = {
        "decision_id": DECISION,
        "month": DEMO_MONTH,
        "lines": [{"assistance_kind": "living", "amount": 5000, "basis": "被服費"}],
        "method": "counter_cash",
        "scheduled_on": "2023-09-25",
        "idempotency_key": "ad-hoc/api-test/1",
    }
    return body | changes


def _drafted_change(client, login) -> str:  # type: ignore[no-untyped-def]
    """A change decision of case-00003 drafted by its caseworker (not approved)."""
    cw = login("cw-01")
    detail = _ok(client.get(f"{API}/cases/{CASE}", params={"purpose": "decision"}, headers=cw))
    effective_on = f"{DEMO_MONTH}-01"
    body = {
        "case_id": CASE,
        "kind": "change",
        "effective_on": effective_on,
        "reasons": ["世帯の状況の変化により扶助の額を改めるため"],
        "calculation": calculation_for(detail["household"], effective_on),
    }
    return str(_ok(client.post(f"{API}/decisions", json=body, headers=cw), 201)["decision"]["id"])


def test_a_medical_ticket_and_a_payment_on_an_approved_decision(client, login):
    med, acc = login("med-01"), login("acc-01")
    ticket = _ok(
        client.post(f"{API}/cases/{CASE}/medical-tickets", json=_medical(), headers=med), 201
    )
    assert ticket["record_type"] == "medical_ticket"
    assert ticket["payer_number"] == "12131140"
    assert ticket["decision_id"] == DECISION
    assert (ticket["valid_from_day"], ticket["valid_to_day"]) == (1, 30)
    again = client.post(f"{API}/cases/{CASE}/medical-tickets", json=_medical(), headers=med)
    assert "重複" in _problem(again, 422, "rule-violation")["detail"]
    payment = _ok(
        client.post(f"{API}/cases/{CASE}/ad-hoc-payments", json=_payment(), headers=acc), 201
    )
    assert (payment["kind"], payment["status"], payment["net_amount"]) == (
        "ad_hoc",
        "scheduled",
        5000,
    )


def test_nothing_is_given_on_a_drafted_decision(client, login):
    drafted = _drafted_change(client, login)
    med, acc = login("med-01"), login("acc-01")
    care = {
        "decision_id": drafted,
        "member_id": HEAD,
        "month": DEMO_MONTH,
        "provider_number": "1370100011",
        "provider_name": "なかの訪問介護ステーション",
        "service_kind": "home_care",
        "insured_number": "0000123456",
    }
    for path, body, headers in (
        ("medical-tickets", _medical(decision_id=drafted), med),
        ("care-tickets", care, med),
        ("ad-hoc-payments", _payment(decision_id=drafted), acc),
    ):
        response = client.post(f"{API}/cases/{CASE}/{path}", json=body, headers=headers)
        problem = _problem(response, 422, "rule-violation")
        assert "決裁" in problem["detail"]
        assert "decision_approved" in [v["rule"] for v in problem["violations"]]


def test_the_offices_division_of_work_is_kept(client, login):
    med, acc = login("med-01"), login("acc-01")
    refused = client.post(f"{API}/cases/{CASE}/ad-hoc-payments", json=_payment(), headers=med)
    _problem(refused, 403, "forbidden")
    refused = client.post(f"{API}/cases/{CASE}/medical-tickets", json=_medical(), headers=acc)
    _problem(refused, 403, "forbidden")
    unread = client.post(f"{API}/cases/{CASE}/medical-tickets", json={"month": "9月"}, headers=med)
    assert unread.status_code in (400, 422)
    assert client.post(f"{API}/cases/{CASE}/medical-tickets", json=_medical()).status_code == 401
