"""Documents submitted online (REQ-APP-031) over the standard HTTP API.

The app runs over in-memory ports with the 25-case demo office and the API tests' fixed
clock (2023-09-20); the online service forwards each submission with a staff account.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from tests.api.test_lifecycle_api import API, _ok, _problem

CASE = "case-00003"
CONTENT = "給与明細（架空）".encode()


def _case(client, headers: dict[str, str], case_id: str = CASE) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return _ok(client.get(f"{API}/cases/{case_id}?purpose=casework", headers=headers))


def _body(member_id: str, **changes: object) -> dict[str, object]:
    return {
        "submitted_by": member_id,
        "kind": "pay_slip",
        "file_name": "2023-08給与明細.pdf",
        "media_type": "application/pdf",
        "content": base64.b64encode(CONTENT).decode("ascii"),
        "submitted_at": "2023-09-05T21:00:00+09:00",
        **changes,
    }


def test_a_submission_waits_on_the_caseworkers_list_until_confirmed(client, login):
    cw = login("cw-01")
    detail = _case(client, cw)
    head = detail["household"]["members"][0]["id"]
    caseworker = detail["case"]["caseworker_id"]
    made = _ok(
        client.post(f"{API}/cases/{CASE}/online-submissions", json=_body(head), headers=cw), 201
    )
    document = made["submission"]
    assert document["submitted_at"] == "2023-09-05T21:00:00+09:00"
    assert document["submitted_on"] == "2023-09-05"
    assert document["effect"] == "same_as_paper"
    assert document["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    assert (document["size"], document["review"]) == (len(CONTENT), "pending")
    assert made["caseworker_id"] == caseworker
    assert made["effect_basis"][0]["status"] == "unverified"

    in_charge = login(caseworker)
    listed = _ok(client.get(f"{API}/me/pending-submissions", headers=in_charge))
    assert [row["submission"]["id"] for row in listed["items"]] == [document["id"]]
    confirm = f"{API}/online-submissions/{document['id']}/confirmation"
    confirmed = _ok(client.post(confirm, json={"version": made["version"]}, headers=in_charge))
    assert (confirmed["submission"]["review"], confirmed["submission"]["reviewed_by"]) == (
        "confirmed",
        caseworker,
    )
    _problem(
        client.post(confirm, json={"version": confirmed["version"]}, headers=login("sv-01")),
        409,
        "invalid-transition",
    )
    assert _ok(client.get(f"{API}/me/pending-submissions", headers=in_charge))["items"] == []


def test_bad_submissions_are_refused_with_the_rule_named(client, login):
    cw = login("cw-01")
    head = _case(client, cw)["household"]["members"][0]["id"]
    path = f"{API}/cases/{CASE}/online-submissions"
    _problem(
        client.post(f"{API}/cases/case-99999/online-submissions", json=_body(head), headers=cw),
        404,
        "not-found",
    )
    wrong = _body("member-unknown", content="", submitted_at="2023-09-21T09:00:00+09:00")
    body = _problem(client.post(path, json=wrong, headers=cw), 422, "rule-violation")
    assert "member-unknown" in body["detail"]
    assert "ファイルの内容が空です" in body["detail"]
    assert "現在より後" in body["detail"]
    assert client.post(path, json=_body(head, content="***"), headers=cw).status_code == 422
    _problem(client.post(path, json=_body(head), headers=login("out-01")), 403, "forbidden")
    assert client.post(path, json=_body(head)).status_code == 401
