"""The case lifecycle over the standard HTTP API: consultation → application → decision.

The app runs over in-memory ports with the 25-case demo office and the fixed
clock of the API tests (2023-09-20). Lateness is tested with applications
received in the past (``received_on``) and lists with ``as_of``, never by
moving the clock.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from seikatsu_std.api.problems import PROBLEM_MEDIA_TYPE
from seikatsu_std.model.decision import DecisionKind
from seikatsu_std.notices import DecisionNotice
from tests.api.lifecycle_bodies import (
    RECEIVED,
    application,
    consultation,
    start_decision,
    vector_case,
)

API = "/api/v1"


@pytest.fixture(scope="module")
def vector() -> dict[str, Any]:
    return vector_case()


def _problem(response, status: int, kind: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
    body: dict[str, Any] = response.json()
    assert body["type"] == f"urn:seikatsu-std:problem:{kind}"
    assert body["status"] == status
    return body


def _ok(response, status: int = 200) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    return body


def test_the_whole_path_from_consultation_to_notice(client, login, vector):
    cw, sv = login("cw-01"), login("sv-01")
    opened = _ok(client.post(f"{API}/consultations", json=consultation(True), headers=cw), 201)
    assert opened["consultation"]["outcome"] == "continuing"
    assert opened["consultation"]["interviewer_id"] == "cw-01"
    consultation_id = opened["consultation"]["id"]

    received = _ok(
        client.post(
            f"{API}/applications",
            json=application(vector, consultation_id=consultation_id),
            headers=cw,
        ),
        201,
    )
    assert received["application"]["status"] == "received"
    assert received["clock"]["notice_due_on"] == "2023-09-29"
    assert received["clock"]["state"] == "within"
    application_id = received["application"]["id"]

    closed = _ok(
        client.post(
            f"{API}/consultations/{consultation_id}/closing",
            json={
                "version": opened["version"],
                "outcome": "application_taken",
                "application_id": application_id,
            },
            headers=cw,
        )
    )
    assert closed["consultation"]["outcome"] == "application_taken"
    assert closed["version"] == opened["version"] + 1

    investigating = _ok(
        client.post(
            f"{API}/applications/{application_id}/investigation",
            json={"version": received["version"]},
            headers=cw,
        )
    )
    assert investigating["application"]["status"] == "investigating"
    inquiry = _ok(
        client.post(
            f"{API}/applications/{application_id}/support-inquiries",
            json={
                "obligor": {"name": "高橋 一郎", "degree": "lineal", "relationship": "父"},
                "status": "skipped",
                "skip_reason": "dv_or_abuse",
                "skip_reason_detail": "父からの暴力で20年前に家を出た",
                "applicant_view": "連絡を取らないでほしい",
            },
            headers=cw,
        ),
        201,
    )
    assert inquiry["record_type"] == "support_inquiry"
    assert inquiry["application_id"] == application_id

    drafted = _ok(
        client.post(f"{API}/decisions", json=start_decision(vector, received), headers=cw), 201
    )
    decision = drafted["decision"]
    assert decision["status"] == "draft"
    assert decision["drafted_by"] == "cw-01"
    assert decision["amounts"] == vector["expected"]["amounts"]
    assert drafted["calculation"]["amounts"] == vector["expected"]["amounts"]
    assert drafted["calculation"]["lines"], "the draft comes with the explanation of its amounts"

    approved = _ok(
        client.post(
            f"{API}/decisions/{decision['id']}/approval",
            json={"version": drafted["version"]},
            headers=sv,
        )
    )
    assert approved["decision"]["status"] == "approved"
    assert approved["decision"]["approved_by"] == "sv-01"
    assert approved["decision"]["decided_on"] == "2023-09-20"

    notified = _ok(
        client.post(
            f"{API}/decisions/{decision['id']}/notification",
            json={"version": approved["version"]},
            headers=cw,
        )
    )
    assert notified["decision"]["status"] == "notified"
    assert notified["decision"]["notified_on"] == "2023-09-20"

    read = _ok(client.get(f"{API}/decisions/{decision['id']}", headers=sv))
    assert read["version"] == notified["version"]
    assert read["calculation"]["amounts"] == vector["expected"]["amounts"]
    decided = _ok(client.get(f"{API}/applications/{application_id}", headers=sv))
    assert decided["application"]["status"] == "decided"
    assert decided["clock"]["state"] == "decided"
    case = _ok(
        client.get(f"{API}/cases/{received['case_id']}", params={"purpose": "casework"}, headers=sv)
    )
    assert case["case"]["status"] == "active"
    assert case["case"]["opened_on"] == RECEIVED
    pending = _ok(client.get(f"{API}/offices/office-nakano/pending-applications", headers=sv))
    assert application_id not in [row["application_id"] for row in pending["items"]]


def test_the_drafter_and_outsourced_staff_cannot_act(client, login, vector):
    sv = login("sv-01")
    draft = application(vector, caseworker_id="cw-02")  # sv-01 is no caseworker
    received = _ok(client.post(f"{API}/applications", json=draft, headers=sv), 201)
    drafted = _ok(
        client.post(f"{API}/decisions", json=start_decision(vector, received), headers=sv), 201
    )
    body = _problem(
        client.post(
            f"{API}/decisions/{drafted['decision']['id']}/approval",
            json={"version": drafted["version"]},
            headers=sv,
        ),
        403,
        "forbidden",
    )
    assert "起案者" in body["detail"]
    assert "起案した" in body["detail"]
    outsourced = login("out-01")
    for response in (
        client.post(f"{API}/consultations", json=consultation(False), headers=outsourced),
        client.post(
            f"{API}/decisions/{drafted['decision']['id']}/approval",
            json={"version": drafted["version"]},
            headers=outsourced,
        ),
    ):
        _problem(response, 403, "forbidden")
    still = _ok(client.get(f"{API}/decisions/{drafted['decision']['id']}", headers=sv))
    assert still["decision"]["status"] == "draft"


def test_approving_twice_is_an_invalid_transition(client, login, vector):
    cw, sv = login("cw-01"), login("sv-01")
    received = _ok(client.post(f"{API}/applications", json=application(vector), headers=cw), 201)
    drafted = _ok(
        client.post(f"{API}/decisions", json=start_decision(vector, received), headers=cw), 201
    )
    url = f"{API}/decisions/{drafted['decision']['id']}/approval"
    approved = _ok(client.post(url, json={"version": drafted["version"]}, headers=sv))
    chief = login("chief-01")
    body = _problem(
        client.post(url, json={"version": approved["version"]}, headers=chief),
        409,
        "invalid-transition",
    )
    # The decision, its case and its application are all past that step: each is named.
    assert {v["rule"] for v in body["violations"]} == {"state"}
    assert len(body["violations"]) == 3
    stale = _problem(
        client.post(
            f"{API}/decisions/{drafted['decision']['id']}/notification",
            json={"version": drafted["version"]},
            headers=cw,
        ),
        409,
        "version-conflict",
    )
    assert stale["current_version"] == approved["version"]


def test_a_wish_to_apply_cannot_end_as_advice_only(client, login):
    cw = login("cw-01")
    opened = _ok(client.post(f"{API}/consultations", json=consultation(True), headers=cw), 201)
    body = _problem(
        client.post(
            f"{API}/consultations/{opened['consultation']['id']}/closing",
            json={"version": opened["version"], "outcome": "advice_only"},
            headers=cw,
        ),
        422,
        "rule-violation",
    )
    assert [v["rule"] for v in body["violations"]] == ["no_wish_to_apply"]
    assert body["violations"][0]["legal"] == ["生活保護法第7条"]
    assert body["violations"][0]["message_ja"]


def test_a_decision_after_14_days_needs_the_extension_reason(client, login, vector):
    cw, sv = login("cw-01"), login("sv-01")
    late = application(vector, received_on="2023-09-01")  # notice due 2023-09-15
    received = _ok(client.post(f"{API}/applications", json=late, headers=cw), 201)
    assert received["clock"]["state"] == "overdue"
    application_id = received["application"]["id"]
    listed = _ok(
        client.get(
            f"{API}/offices/office-nakano/pending-applications",
            params={"as_of": "2023-09-10", "within_days": 5},
            headers=sv,
        )
    )
    assert listed["as_of"] == "2023-09-10"
    [row] = [r for r in listed["items"] if r["application_id"] == application_id]
    assert row["clock"]["days_left"] == 5
    drafted = _ok(
        client.post(f"{API}/decisions", json=start_decision(vector, received), headers=cw), 201
    )
    url = f"{API}/decisions/{drafted['decision']['id']}/approval"
    body = _problem(
        client.post(url, json={"version": drafted["version"]}, headers=sv),
        422,
        "rule-violation",
    )
    assert [v["rule"] for v in body["violations"]] == ["extension_reason"]
    assert "生活保護法第24条第5項" in body["violations"][0]["legal"]

    reason = "扶養義務者の資産調査に日時を要するため"
    extended = _ok(
        client.post(
            f"{API}/applications/{application_id}/extension",
            json={"version": received["version"], "reason": reason},
            headers=cw,
        )
    )
    assert extended["clock"]["state"] == "extended"
    approved = _ok(client.post(url, json={"version": drafted["version"]}, headers=sv))
    assert approved["decision"]["deadline_extension_reason"] == reason


def test_a_withdrawal_needs_the_applicants_signed_document(client, login, vector):
    cw = login("cw-01")
    received = _ok(client.post(f"{API}/applications", json=application(vector), headers=cw), 201)
    url = f"{API}/applications/{received['application']['id']}/withdrawal"
    document = {
        "document_received_on": "2023-09-18",
        "signed_by_applicant": True,
        "circumstances": "本人が来所し、就職が決まったので申請を取り下げると申し出た",
    }
    unsigned = {**document, "signed_by_applicant": False, "version": received["version"]}
    body = _problem(client.post(url, json=unsigned, headers=cw), 422, "rule-violation")
    assert [v["rule"] for v in body["violations"]] == ["withdrawal_signed"]
    withdrawn = _ok(client.post(url, json={**document, "version": received["version"]}, headers=cw))
    assert withdrawn["application"]["status"] == "withdrawn"
    assert withdrawn["application"]["withdrawal"]["recorded_by"] == "cw-01"
    again = _problem(
        client.post(url, json={**document, "version": withdrawn["version"]}, headers=cw),
        409,
        "invalid-transition",
    )
    assert again["violations"][0]["rule"] == "state"


def test_malformed_and_invalid_bodies(client, login):
    headers = {**login("cw-01"), "content-type": "application/json"}
    _problem(
        client.post(f"{API}/consultations", content=b"{not json", headers=headers),
        400,
        "bad-request",
    )
    body = _problem(
        client.post(
            f"{API}/consultations",
            json={**consultation(True), "wishes_to_apply": "maybe", "extra": 1},
            headers=headers,
        ),
        422,
        "invalid-request",
    )
    assert sorted(e["path"] for e in body["errors"]) == ["$.extra", "$.wishes_to_apply"]
    body = _problem(
        client.post(f"{API}/decisions/dec-00001/approval", json={"version": 0}, headers=headers),
        422,
        "invalid-request",
    )
    assert [e["path"] for e in body["errors"]] == ["$.version"]
    body = _problem(
        client.get(
            f"{API}/offices/office-nakano/pending-applications",
            params={"within_days": -1},
            headers=headers,
        ),
        422,
        "invalid-request",
    )
    assert [e["path"] for e in body["errors"]] == ["within_days"]


def test_an_application_before_any_deadline_table_is_refused_before_anything_is_stored(
    client, login, vector
):
    cw = login("cw-01")
    body = _problem(
        client.post(
            f"{API}/applications", json=application(vector, received_on="1900-01-01"), headers=cw
        ),
        422,
        "invalid-request",
    )
    assert "処理期限を求められません" in body["detail"]
    # Nothing was kept: the same household can apply on a day the table covers.
    _ok(client.post(f"{API}/applications", json=application(vector), headers=cw), 201)


def test_unknown_records_are_404(client, login):
    headers = login("sv-01")
    for response in (
        client.get(f"{API}/applications/application-nothing", headers=headers),
        client.get(f"{API}/decisions/decision-nothing", headers=headers),
        client.post(
            f"{API}/consultations/consultation-nothing/closing",
            json={"version": 1, "outcome": "advice_only"},
            headers=headers,
        ),
        client.post(
            f"{API}/applications/application-nothing/investigation",
            json={"version": 1},
            headers=headers,
        ),
        client.post(
            f"{API}/decisions/decision-nothing/notification", json={"version": 1}, headers=headers
        ),
    ):
        _problem(response, 404, "not-found")


def test_lifecycle_operations_need_a_login(client):
    _problem(client.post(f"{API}/consultations", json=consultation(True)), 401, "unauthenticated")
    _problem(client.get(f"{API}/decisions/dec-00001"), 401, "unauthenticated")


def test_the_decision_notice_states_the_decision_and_the_appeal(client, login, vector):
    """GET /decisions/{id}/notice: what the notice prints, only once the decision is approved."""
    cw, sv = login("cw-01"), login("sv-01")
    late = application(vector, received_on="2023-09-01")  # notice due 2023-09-15
    received = _ok(client.post(f"{API}/applications", json=late, headers=cw), 201)
    reason = "扶養義務者の資産及び収入の状況の調査に日時を要したため"
    _ok(
        client.post(
            f"{API}/applications/{received['application']['id']}/extension",
            json={"version": received["version"], "reason": reason},
            headers=cw,
        )
    )
    drafted = _ok(
        client.post(f"{API}/decisions", json=start_decision(vector, received), headers=cw), 201
    )
    decision_id = drafted["decision"]["id"]
    notice_url = f"{API}/decisions/{decision_id}/notice"
    body = _problem(client.get(notice_url, headers=cw), 422, "rule-violation")
    assert "決裁" in body["detail"]
    assert [v["rule"] for v in body["violations"]] == ["notice"]

    _ok(
        client.post(
            f"{API}/decisions/{decision_id}/approval",
            json={"version": drafted["version"]},
            headers=sv,
        )
    )
    notice = DecisionNotice.model_validate(_ok(client.get(notice_url, headers=cw)))
    assert notice.kind is DecisionKind.START
    assert notice.decided_on == notice.notice_date == date(2023, 9, 20)
    assert notice.application_received_on == date(2023, 9, 1)
    assert notice.effective_on == date(2023, 9, 1)
    assert notice.reasons == ["収入が最低生活費に満たないため"]
    assert notice.amounts is not None
    by_kind = {line.kind.value: line.amount for line in notice.amounts.lines}
    assert by_kind == vector["expected"]["amounts"]
    assert notice.deadline_extension is not None
    assert notice.deadline_extension.reason == reason
    assert notice.deadline_extension.due_on == date(2023, 9, 15)
    assert notice.appeal.authority == "東京都知事"
    assert (notice.appeal.months_after_learning, notice.appeal.years_after_decision) == (3, 1)

    # Reading the notice is audited, like any read of the decision.
    auditor = login("aud-01")
    entries = _ok(
        client.get(f"{API}/audit/entries", params={"case_id": received["case_id"]}, headers=auditor)
    )
    assert any(
        e["record_type"] == "decision_notice" and e["record_id"] == decision_id
        for e in entries["items"]
    )
    _problem(client.get(f"{API}/decisions/decision-nothing/notice", headers=cw), 404, "not-found")
    _problem(client.get(notice_url), 401, "unauthenticated")


def test_an_application_past_30_days_without_notice_is_listed_and_alerted(client, login, vector):
    cw = login("cw-01")
    late = application(vector, received_on="2023-08-15")  # limit 2023-09-14 passed
    received = _ok(client.post(f"{API}/applications", json=late, headers=cw), 201)
    application_id = received["application"]["id"]
    overdue = _ok(client.get(f"{API}/offices/office-nakano/overdue-applications", headers=cw))
    assert [row["application_id"] for row in overdue["items"]] == [application_id]
    assert overdue["items"][0]["clock"]["state"] == "deemed_rejectable"
    before = _ok(
        client.get(
            f"{API}/offices/office-nakano/overdue-applications",
            params={"as_of": "2023-09-14"},
            headers=cw,
        )
    )
    assert before["items"] == []
    for staff_id in ("sv-01", "chief-01"):
        alerts = _ok(client.get(f"{API}/me/alerts", headers=login(staff_id)))
        assert [(a["application_id"], a["since"]) for a in alerts["items"]] == [
            (application_id, "2023-09-15")
        ]
    assert _ok(client.get(f"{API}/me/alerts", headers=cw))["items"] == []


def test_an_electronic_application_is_received_on_the_day_it_arrived(client, login, vector):
    cw = login("cw-01")
    body = {
        key: value
        for key, value in application(vector).items()
        if key not in ("received_on", "channel", "place")
    }
    late_night = {
        **body,
        "received_at": "2023-09-18T23:40:00+09:00",
        "attachments": [{"file_name": "通帳の写し.pdf", "media_type": "application/pdf"}],
    }
    received = _ok(client.post(f"{API}/electronic-applications", json=late_night, headers=cw), 201)
    stored = received["application"]
    assert (stored["channel"], stored["received_on"]) == ("electronic", "2023-09-18")
    assert stored["attachments"][0]["file_name"] == "通帳の写し.pdf"
    assert stored["place"] is None
    future = {**body, "received_at": "2023-09-21T09:00:00+09:00"}
    _problem(
        client.post(f"{API}/electronic-applications", json=future, headers=cw),
        422,
        "invalid-request",
    )
    keyed = application(
        vector, channel="electronic", place=None, received_at="2023-09-18T08:00:00Z"
    )
    _problem(client.post(f"{API}/applications", json=keyed, headers=cw), 422, "invalid-request")


def test_a_withdrawal_waits_for_the_supervisors_confirmation(client, login, vector):
    cw, sv = login("cw-01"), login("sv-01")
    received = _ok(client.post(f"{API}/applications", json=application(vector), headers=cw), 201)
    application_id = received["application"]["id"]
    withdrawal = {
        "version": received["version"],
        "document_received_on": "2023-09-18",
        "signed_by_applicant": True,
        "circumstances": "就職が決まり、当面の生活費の見通しが立った",
    }
    withdrawn = _ok(
        client.post(f"{API}/applications/{application_id}/withdrawal", json=withdrawal, headers=cw)
    )
    queue_url = f"{API}/offices/office-nakano/review-queue"
    [item] = _ok(client.get(queue_url, headers=sv))["items"]
    assert (item["application_id"], item["kind"], item["received_on"]) == (
        application_id,
        "withdrawal",
        RECEIVED,
    )
    review_url = f"{API}/applications/{application_id}/withdrawal-review"
    body = {"version": withdrawn["version"]}
    _problem(client.post(review_url, json=body, headers=cw), 403, "forbidden")
    confirmed = _ok(client.post(review_url, json=body, headers=sv))
    assert confirmed["application"]["withdrawal"]["reviewed_by"] == "sv-01"
    assert confirmed["application"]["received_on"] == RECEIVED
    assert _ok(client.get(queue_url, headers=sv))["items"] == []
    again = {"version": confirmed["version"]}
    _problem(client.post(review_url, json=again, headers=sv), 409, "invalid-transition")
