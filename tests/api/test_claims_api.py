"""Repayment and collection decisions over the standard HTTP API: draft, read, approve."""

from __future__ import annotations

from typing import Any

from seikatsu_std.api.problems import PROBLEM_MEDIA_TYPE
from tests.services.test_claims import COLLECTION, REPAYMENT

API = "/api/v1"


def _json(response, status: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_repayment_is_drafted_approved_by_another_official_and_assessed(client, login):
    cw, sv = login("cw-01"), login("sv-01")
    drafted = _json(client.post(f"{API}/claim-decisions", json=REPAYMENT, headers=cw), 201)
    decision_id = drafted["claim_decision"]["id"]
    assert drafted["claim_decision"]["status"] == "drafted"
    assert drafted["claim"] is None
    approval = {"version": drafted["version"]}
    approved = _json(
        client.post(f"{API}/claim-decisions/{decision_id}/approval", json=approval, headers=sv),
        200,
    )
    assert approved["claim_decision"]["approved_by"] == "sv-01"
    assert approved["claim"]["status"] == "assessed"
    assert approved["claim"]["principal"] == 390_000
    read = _json(client.get(f"{API}/claim-decisions/{decision_id}", headers=cw), 200)
    assert read["claim"] == approved["claim"]


def test_the_drafter_is_refused_with_a_reason_naming_the_drafter(client, login):
    chief = login("chief-01")
    drafted = _json(client.post(f"{API}/claim-decisions", json=COLLECTION, headers=chief), 201)
    decision_id = drafted["claim_decision"]["id"]
    refused = client.post(
        f"{API}/claim-decisions/{decision_id}/approval",
        json={"version": drafted["version"]},
        headers=chief,
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
    assert "起案者" in refused.json()["detail"]


def test_a_surcharge_above_the_ceiling_is_a_rule_violation(client, login):
    body = {**COLLECTION, "surcharge_percent": 41}
    refused = client.post(f"{API}/claim-decisions", json=body, headers=login("cw-01"))
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["type"] == "urn:seikatsu-std:problem:rule-violation"
    assert [v["rule"] for v in problem["violations"]] == ["surcharge_ceiling"]
