"""Requests for review (審査請求) over the in-memory ports: deadline, ruling, overdue list."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from seikatsu_std.calc import Calculator
from seikatsu_std.model import ReviewRuling
from seikatsu_std.services.appeals import AppealService
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.demo import JST, demo_office
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    RuleViolationError,
    TransitionNotAllowedError,
    VersionConflictError,
)
from seikatsu_std.services.memory import MemoryDatabase
from seikatsu_std.services.models import ReviewRequestDraft, RulingRecord

#: case-00003 of the demo office: its change decision dec-00003 was decided on 2023-08-12.
CASE, DECISION = "case-00003", "dec-00003"


@pytest.fixture(scope="module")
def calculator() -> Calculator:
    return Calculator()


@pytest.fixture
def database(calculator: Calculator) -> MemoryDatabase:
    return MemoryDatabase.loaded(demo_office(8, calculator=calculator).load)


@pytest.fixture
def today() -> list[date]:
    return [date(2023, 9, 20)]


@pytest.fixture
def service(database: MemoryDatabase, today: list[date], calculator: Calculator) -> AppealService:
    def clock() -> datetime:
        return datetime(today[0].year, today[0].month, today[0].day, 10, 0, tzinfo=JST)

    return AppealService(database.unit_of_work, clock, calculator)


def draft(**changes: object) -> ReviewRequestDraft:
    data: dict[str, object] = {
        "decision_id": DECISION,
        "requested_on": date(2023, 8, 21),
        "reviewing_authority": "東京都知事",
        "consults_board": False,
    }
    return ReviewRequestDraft.model_validate(data | changes)


def stored(database: MemoryDatabase) -> dict[str, object]:
    return dict(database.tables.get("review_requests", {}))


@pytest.mark.parametrize(
    ("consults", "due"), [(False, date(2023, 10, 10)), (True, date(2023, 10, 30))]
)
def test_the_ruling_is_due_50_or_70_days_after_the_request(
    service: AppealService, consults: bool, due: date
) -> None:
    view = service.register("sv-01", CASE, draft(consults_board=consults))
    assert view.review_request.ruling_due_on == due
    assert view.deadline_edition == "review_ruling_deadline@2016-04-01"
    assert view.review_request.office_id == "office-nakano"
    assert view.review_request.recorded_by == "sv-01"
    assert not view.overdue


def test_every_broken_rule_is_named_and_nothing_is_stored(
    service: AppealService, database: MemoryDatabase
) -> None:
    wrong = draft(requested_on=date(2023, 8, 1), reviewing_authority="中野区長")
    with pytest.raises(RuleViolationError) as refused:
        service.register("sv-01", CASE, wrong)
    assert [v.code for v in refused.value.violations] == [
        "requested_after_decision",
        "reviewing_authority",
    ]
    assert "東京都知事" in refused.value.detail_ja
    with pytest.raises(RuleViolationError, match="after today"):
        service.register("sv-01", CASE, draft(requested_on=date(2023, 9, 21)))
    assert stored(database) == {}


def test_a_decision_of_another_case_or_none_is_not_found(service: AppealService) -> None:
    with pytest.raises(NotFoundError, match="dec-00004"):
        service.register("sv-01", CASE, draft(decision_id="dec-00004"))
    with pytest.raises(NotFoundError):
        service.register("sv-01", "case-99999", draft())


def test_outsourced_staff_may_not_record_and_the_refusal_is_audited(
    service: AppealService, database: MemoryDatabase
) -> None:
    with pytest.raises(ForbiddenError) as refused:
        service.register("out-01", CASE, draft())
    assert "審査請求の進行管理" in refused.value.detail_ja
    assert database.audit[-1].action is AuditAction.DENIED
    assert database.audit[-1].actor_id == "out-01"
    assert stored(database) == {}


def test_the_ruling_is_recorded_once_and_ends_the_overdue_state(
    service: AppealService, database: MemoryDatabase, today: list[date]
) -> None:
    review = service.register("sv-01", CASE, draft()).review_request
    later = date(2023, 10, 11)
    overdue = service.list_for_office("sv-01", "office-nakano", as_of=later, overdue_only=True)
    assert [v.review_request.id for v in overdue.items] == [review.id]
    on_the_day = service.list_for_office(
        "sv-01", "office-nakano", as_of=date(2023, 10, 10), overdue_only=True
    )
    assert on_the_day.items == []

    ruling = RulingRecord(
        version=1, ruled_on=date(2023, 9, 15), ruling=ReviewRuling.DISMISSED, further_review=True
    )
    ruled = service.record_ruling("sv-01", review.id, ruling)
    assert ruled.review_request.ruling is ReviewRuling.DISMISSED
    assert ruled.review_request.further_review is True
    assert ruled.version == 2
    assert (
        service.list_for_office("sv-01", "office-nakano", as_of=later, overdue_only=True).items
        == []
    )
    every = service.list_for_office("sv-01", "office-nakano", as_of=later, overdue_only=False)
    assert [v.review_request.id for v in every.items] == [review.id]

    with pytest.raises(TransitionNotAllowedError):
        service.record_ruling("sv-01", review.id, ruling.model_copy(update={"version": 2}))
    other = service.register("sv-01", CASE, draft()).review_request
    with pytest.raises(VersionConflictError):
        service.record_ruling("sv-01", other.id, ruling.model_copy(update={"version": 7}))


def test_a_ruling_before_the_request_or_after_today_is_refused(service: AppealService) -> None:
    review = service.register("sv-01", CASE, draft()).review_request
    before = RulingRecord(
        version=1, ruled_on=date(2023, 8, 20), ruling=ReviewRuling.GRANTED, further_review=False
    )
    with pytest.raises(InvalidRequestError, match="請求日より前"):
        service.record_ruling("sv-01", review.id, before)
    with pytest.raises(InvalidRequestError) as refused:
        service.record_ruling(
            "sv-01", review.id, before.model_copy(update={"ruled_on": date(2023, 9, 21)})
        )
    assert "今日より後" in refused.value.detail_ja


def test_every_change_and_read_is_audited(service: AppealService, database: MemoryDatabase) -> None:
    review = service.register("cw-01", CASE, draft()).review_request
    service.list_for_office("cw-01", "office-nakano", overdue_only=False)
    entries = [(e.action, e.record_type, e.record_id) for e in database.audit[-2:]]
    assert entries == [
        (AuditAction.CREATE, "review_request", review.id),
        (AuditAction.READ, "review_request_list", "office-nakano"),
    ]
