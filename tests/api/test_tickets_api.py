"""Tickets and ad-hoc payments over the standard HTTP API (REQ-APP-022, MED-004, MED-015, CAR-003).

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


def test_a_ticket_past_a_termination_is_listed_and_shortened(client, login):
    """REQ-MED-015: once the termination is final, the ticket is refused from its effective
    date, listed if issued before, and shortened with the contact recorded (not silently)."""
    med, cw, sv = login("med-01"), login("cw-01"), login("sv-01")
    ticket = _ok(
        client.post(f"{API}/cases/{CASE}/medical-tickets", json=_medical(), headers=med), 201
    )
    body = {
        "case_id": CASE,
        "kind": "termination",
        "effective_on": f"{DEMO_MONTH}-16",
        "reasons": ["年金の受給により最低生活費を上回るため"],
        "termination_reason": "other_income",
    }
    drafted = _ok(client.post(f"{API}/decisions", json=body, headers=cw), 201)
    decision_id = drafted["decision"]["id"]
    approve = {"version": drafted["version"]}
    _ok(client.post(f"{API}/decisions/{decision_id}/approval", json=approve, headers=sv))
    refused = client.post(
        f"{API}/cases/{CASE}/medical-tickets",
        json=_medical(institution_id="inst-dental-01", valid_from_day=16),
        headers=med,
    )
    problem = _problem(refused, 422, "rule-violation")
    assert "廃止" in problem["detail"]
    assert decision_id in problem["detail"]
    listed = _ok(
        client.get(
            f"{API}/offices/office-nakano/tickets-past-ending",
            params={"ticket_type": "medical_ticket", "ending_kind": "termination"},
            headers=med,
        )
    )
    (row,) = [r for r in listed["items"] if r["ticket_id"] == ticket["id"]]
    assert (row["end_by"], row["valid_to"]) == (f"{DEMO_MONTH}-15", f"{DEMO_MONTH}-30")
    change = {
        "version": row["version"],
        "valid_to": f"{DEMO_MONTH}-15",
        "contacted_on": f"{DEMO_MONTH}-20",
        "contact_method": "fax",
    }
    path = f"{API}/medical-tickets/{ticket['id']}/validity-change"
    late = client.post(path, json=change | {"valid_to": f"{DEMO_MONTH}-16"}, headers=med)
    assert "validity_ends_before_ending" in [
        v["rule"] for v in _problem(late, 422, "rule-violation")["violations"]
    ]
    shortened = _ok(client.post(path, json=change, headers=med))
    assert (shortened["valid_to"], shortened["valid_to_day"]) == (f"{DEMO_MONTH}-15", 15)
    assert shortened["validity_change"]["contacted_on"] == f"{DEMO_MONTH}-20"
    assert shortened["validity_change"]["ending_decision_id"] == decision_id
    # Shortened, it no longer runs past the termination: a second change is refused.
    again = _problem(client.post(path, json=change, headers=med), 422, "rule-violation")
    assert [v["rule"] for v in again["violations"]] == ["ticket_past_ending"]
