"""Transfers over the standard HTTP API: register, refuse, hand the case's data over.

The app runs over in-memory ports with the demo office of the API tests and
their fixed clock (2023-09-20); case-00007 is active, has a claim and an
assistance policy.
"""

from __future__ import annotations

from typing import Any

from seikatsu_std.api.problems import PROBLEM_MEDIA_TYPE

API = "/api/v1"
CASE = "case-00007"
BODY = {
    "transferred_on": "2023-09-30",
    "destination_code": "131156",
    "handover_notes": "通院中（中野区内の病院）。転居先の家賃は限度額内",
}


def _problem(response, status: int, kind: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
    body: dict[str, Any] = response.json()
    assert body["type"] == f"urn:seikatsu-std:problem:{kind}"
    return body


def test_a_transfer_is_registered_and_its_case_handed_over(client, login):
    cw = login("cw-01")
    created = client.post(f"{API}/cases/{CASE}/transfers", json=BODY, headers=cw)
    assert created.status_code == 201, created.text
    transfer = created.json()["transfer"]
    assert (transfer["destination_code"], transfer["transferred_on"]) == ("131156", "2023-09-30")

    handover = client.get(f"{API}/transfers/{transfer['id']}/handover", headers=cw)
    assert handover.status_code == 200, handover.text
    body = handover.json()
    assert body["format"] == "seikatsu-std/records"
    counts = {f["record_type"]: f["count"] for f in body["files"]}
    assert {"household", "case", "decision", "assistance_policy", "claim", "transfer"} <= set(
        counts
    )
    assert "personal_number" not in counts


def test_bad_registrations_are_refused_with_the_rule(client, login):
    cw = login("cw-01")
    without = {k: v for k, v in BODY.items() if k != "destination_code"}
    missing = _problem(
        client.post(f"{API}/cases/{CASE}/transfers", json=without, headers=cw),
        422,
        "invalid-request",
    )
    assert "全国地方公共団体コード" in missing["detail"]
    early = _problem(
        client.post(
            f"{API}/cases/{CASE}/transfers",
            json={**BODY, "transferred_on": "2000-01-01"},
            headers=cw,
        ),
        422,
        "rule-violation",
    )
    assert [v["rule"] for v in early["violations"]] == ["transfer_after_opening"]
    _problem(
        client.post(f"{API}/cases/{CASE}/transfers", json=BODY, headers=login("out-01")),
        403,
        "forbidden",
    )
    _problem(client.get(f"{API}/transfers/transfer-none/handover", headers=cw), 404, "not-found")
