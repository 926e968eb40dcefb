"""The in-process target answers the lifecycle operations exactly like the HTTP API.

Each scenario runs twice on the conformance dataset at the same instant: on
:class:`InProcessTarget` (the services called directly) and on
:class:`HttpTarget` talking to the reference app (through the TestClient, no
network). Both must give the same status codes, problem types, violated rules
and field paths — and the ones the standard expects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from reference_app.app import create_app
from seikatsu_std.calc import Calculator
from seikatsu_std.conformance.targets import (
    DATASET_CASES,
    INPROCESS_NOW,
    Credentials,
    HttpTarget,
    InProcessTarget,
    Reply,
    Target,
)
from seikatsu_std.services.demo import DEMO_STAFF, demo_office
from seikatsu_std.services.memory import MemoryDatabase
from tests.api.conftest import PASSWORD, FakeAccounts
from tests.api.lifecycle_bodies import application, consultation, start_decision, vector_case


@pytest.fixture(scope="module")
def vector() -> dict[str, Any]:
    return vector_case()


def _http_target() -> HttpTarget:
    """The reference app over the in-process target's dataset and clock, behind HTTP."""
    calculator = Calculator()
    database = MemoryDatabase.loaded(demo_office(DATASET_CASES, calculator=calculator).load)
    accounts = FakeAccounts([s[0] for s in DEMO_STAFF])
    app = create_app(
        database.unit_of_work,
        accounts,
        clock=lambda: INPROCESS_NOW,
        calculator=calculator,
        pages=False,
    )
    target = HttpTarget(
        "http://testserver",
        Credentials({s[0]: (s[0], PASSWORD) for s in DEMO_STAFF}),
        name="reference",
    )
    target.client.close()
    target.client = TestClient(app, raise_server_exceptions=False)
    return target


@pytest.fixture
def targets() -> Iterator[tuple[InProcessTarget, HttpTarget]]:
    http = _http_target()
    yield InProcessTarget(), http
    http.close()


def _seen(reply: Reply) -> tuple[Any, ...]:
    """What must agree: status, problem type, violated rules and erroneous fields."""
    body = reply.body if isinstance(reply.body, dict) else {}
    rules = tuple(v["rule"] for v in body.get("violations", [])) if reply.problem_type else ()
    fields = tuple(sorted(e["path"] for e in body.get("errors", []))) if reply.problem_type else ()
    return reply.status, reply.problem_type, rules, fields


def _wish_closed_as_advice_only(target: Target, vector: dict[str, Any]) -> list[Reply]:
    target.login("cw-01")
    opened = target.open_consultation(consultation(True))
    closing = {"version": opened.body["version"], "outcome": "advice_only"}
    return [opened, target.close_consultation(opened.body["consultation"]["id"], closing)]


def _approved_twice(target: Target, vector: dict[str, Any]) -> list[Reply]:
    target.login("cw-01")
    received = target.receive_application(application(vector))
    drafted = target.draft_decision(start_decision(vector, received.body))
    decision_id = drafted.body["decision"]["id"]
    target.login("sv-01")
    approved = target.approve_decision(decision_id, drafted.body["version"])
    target.login("chief-01")
    again = target.approve_decision(decision_id, approved.body["version"])
    return [received, drafted, approved, again]


def _drafter_approves(target: Target, vector: dict[str, Any]) -> list[Reply]:
    target.login("sv-01")
    received = target.receive_application(application(vector, caseworker_id="cw-02"))
    drafted = target.draft_decision(start_decision(vector, received.body))
    approved = target.approve_decision(drafted.body["decision"]["id"], drafted.body["version"])
    return [received, drafted, approved]


def _late_without_extension(target: Target, vector: dict[str, Any]) -> list[Reply]:
    target.login("cw-01")
    received = target.receive_application(application(vector, received_on="2023-09-01"))
    drafted = target.draft_decision(start_decision(vector, received.body))
    target.login("sv-01")
    pending = target.pending_applications("office-nakano", as_of="2023-09-10", within_days=5)
    approved = target.approve_decision(drafted.body["decision"]["id"], drafted.body["version"])
    return [received, drafted, pending, approved]


def _notice_before_and_after_approval(target: Target, vector: dict[str, Any]) -> list[Reply]:
    target.login("cw-01")
    received = target.receive_application(application(vector))
    drafted = target.draft_decision(start_decision(vector, received.body))
    decision_id = drafted.body["decision"]["id"]
    early = target.decision_notice(decision_id)
    target.login("sv-01")
    approved = target.approve_decision(decision_id, drafted.body["version"])
    target.login("cw-01")
    return [
        received,
        drafted,
        early,
        approved,
        target.decision_notice(decision_id),
        target.decision_notice("decision-nothing"),
    ]


def _invalid_input(target: Target, vector: dict[str, Any]) -> list[Reply]:
    target.login("cw-01")
    return [
        target.open_consultation({**consultation(True), "wishes_to_apply": "maybe", "extra": 1}),
        target.approve_decision("dec-00001", 0),
        target.pending_applications("office-nakano", within_days=-1),
        target.pending_applications("office-nakano", as_of="2023-13-01"),
        target.receive_application(application(vector, received_on="1900-01-01")),
    ]


def _unknown_records(target: Target, vector: dict[str, Any]) -> list[Reply]:
    target.login("sv-01")
    return [
        target.get_application("application-nothing"),
        target.get_decision("decision-nothing"),
        target.start_investigation("application-nothing", 1),
        target.notify_decision("decision-nothing", 1),
    ]


def _review_request(target: Target, vector: dict[str, Any]) -> list[Reply]:
    """A request for review of case-00003's decision (decided 2023-08-12): rules, ruling, list."""
    request = {
        "decision_id": "dec-00003",
        "requested_on": "2023-08-21",
        "reviewing_authority": "東京都知事",
        "consults_board": False,
    }
    target.login("out-01")
    outsourced = target.register_review_request("case-00003", request)
    target.login("sv-01")
    wrong = {**request, "requested_on": "2023-08-01", "reviewing_authority": "中野区長"}
    refused = target.register_review_request("case-00003", wrong)
    registered = target.register_review_request("case-00003", request)
    review_id = registered.body["review_request"]["id"]
    overdue = target.review_requests("office-nakano", as_of="2023-10-11", overdue=True)
    ruling = {"ruled_on": "2023-09-15", "ruling": "dismissed", "further_review": True}
    ruled = target.record_review_ruling(review_id, {**ruling, "version": 1})
    again = target.record_review_ruling(review_id, {**ruling, "version": 2})
    return [
        outsourced,
        refused,
        registered,
        overdue,
        ruled,
        again,
        target.review_requests("office-nakano", as_of="2023-10-11", overdue=True),
        target.review_requests("office-nakano", as_of="2023-13-01"),
    ]


def _not_logged_in(target: Target, vector: dict[str, Any]) -> list[Reply]:
    return [target.open_consultation(consultation(False)), target.get_decision("dec-00001")]


Scenario = Callable[[Target, dict[str, Any]], list[Reply]]
RULE = "urn:seikatsu-std:problem:rule-violation"
INVALID = "urn:seikatsu-std:problem:invalid-request"
TRANSITION = "urn:seikatsu-std:problem:invalid-transition"
FORBIDDEN = "urn:seikatsu-std:problem:forbidden"
NOT_FOUND = "urn:seikatsu-std:problem:not-found"
UNAUTHENTICATED = "urn:seikatsu-std:problem:unauthenticated"
SCENARIOS: dict[str, tuple[Scenario, list[tuple[Any, ...]]]] = {
    "wish-closed-as-advice-only": (
        _wish_closed_as_advice_only,
        [(201, None, (), ()), (422, RULE, ("no_wish_to_apply",), ())],
    ),
    "approved-twice": (
        _approved_twice,
        [
            (201, None, (), ()),
            (201, None, (), ()),
            (200, None, (), ()),
            (409, TRANSITION, ("state", "state", "state"), ()),
        ],
    ),
    "drafter-approves": (
        _drafter_approves,
        [(201, None, (), ()), (201, None, (), ()), (403, FORBIDDEN, (), ())],
    ),
    "late-without-extension": (
        _late_without_extension,
        [
            (201, None, (), ()),
            (201, None, (), ()),
            (200, None, (), ()),
            (422, RULE, ("extension_reason",), ()),
        ],
    ),
    "notice-before-and-after-approval": (
        _notice_before_and_after_approval,
        [
            (201, None, (), ()),
            (201, None, (), ()),
            (422, RULE, ("notice",), ()),
            (200, None, (), ()),
            (200, None, (), ()),
            (404, NOT_FOUND, (), ()),
        ],
    ),
    "invalid-input": (
        _invalid_input,
        [
            (422, INVALID, (), ("$.extra", "$.wishes_to_apply")),
            (422, INVALID, (), ("$.version",)),
            (422, INVALID, (), ("within_days",)),
            (422, INVALID, (), ("as_of",)),
            (422, INVALID, (), ()),
        ],
    ),
    "review-request": (
        _review_request,
        [
            (403, FORBIDDEN, (), ()),
            (422, RULE, ("requested_after_decision", "reviewing_authority"), ()),
            (201, None, (), ()),
            (200, None, (), ()),
            (200, None, (), ()),
            (409, TRANSITION, ("not_yet_ruled",), ()),
            (200, None, (), ()),
            (422, INVALID, (), ("as_of",)),
        ],
    ),
    "unknown-records": (_unknown_records, [(404, NOT_FOUND, (), ())] * 4),
    "not-logged-in": (_not_logged_in, [(401, UNAUTHENTICATED, (), ())] * 2),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_inprocess_and_http_answer_alike(name, targets, vector):
    scenario, expected = SCENARIOS[name]
    inprocess, http = targets
    seen = {t.name: [_seen(reply) for reply in scenario(t, vector)] for t in (inprocess, http)}
    assert seen["inprocess"] == seen["reference"]
    assert seen["inprocess"] == expected


def test_both_targets_record_the_same_evidence_paths(targets, vector):
    for target in targets:
        _late_without_extension(target, vector)
    inprocess, http = targets
    lifecycle = [
        (e.method, e.path.split("/")[3]) for e in inprocess.exchanges if "/sessions" not in e.path
    ]
    over_http = [
        (e.method, e.path.split("/")[3]) for e in http.exchanges if "/sessions" not in e.path
    ]
    assert (
        lifecycle
        == over_http
        == [
            ("POST", "applications"),
            ("POST", "decisions"),
            ("GET", "offices"),
            ("POST", "decisions"),
        ]
    )
