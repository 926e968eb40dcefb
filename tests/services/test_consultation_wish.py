"""Giving up a wish to apply recorded in a consultation (REQ-APP-004), over the memory ports."""

from __future__ import annotations

from datetime import datetime

import pytest

from seikatsu_std.calc import Calculator
from seikatsu_std.model.intake import WishToApply
from seikatsu_std.services.consultation_wish import ConsultationWishService
from seikatsu_std.services.demo import JST, demo_office
from seikatsu_std.services.errors import (
    ForbiddenError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.memory import MemoryDatabase
from seikatsu_std.services.models import (
    ConsultationClosing,
    ConsultationDraft,
    WishAmendment,
    WishChangeRecord,
)

NOW = datetime(2023, 9, 20, 10, 0, tzinfo=JST)
ACCOUNT = "2023-09-02 本人から電話。親族の援助が決まり申請しないとのこと"


@pytest.fixture
def services() -> tuple[LifecycleService, ConsultationWishService, MemoryDatabase]:
    calculator = Calculator()
    database = MemoryDatabase.loaded(demo_office(4, calculator=calculator).load)
    return (
        LifecycleService(database.unit_of_work, lambda: NOW, calculator),
        ConsultationWishService(database.unit_of_work, lambda: NOW, calculator),
        database,
    )


def _consultation(lifecycle: LifecycleService) -> tuple[str, int]:
    draft = ConsultationDraft.model_validate(
        {
            "started_at": "2023-09-01T10:00:00+09:00",
            "person_name": "中野 一郎",
            "interviewer_id": "cw-01",
            "situation": "生活費の相談",
            "guidance_given": "保護の制度と申請の手続を説明した",
            "wishes_to_apply": "yes",
            "wish_expressed_on": "2023-09-01",
            "application_form": "handed",
            "form_handed_on": "2023-09-01",
        }
    )
    view = lifecycle.open_consultation("cw-01", draft)
    return view.consultation.id, view.version


def test_a_wish_is_given_up_only_on_a_confirmed_change_of_mind(services) -> None:
    lifecycle, wishes, database = services
    consultation_id, version = _consultation(lifecycle)
    give_up = {"wishes_to_apply": WishToApply.NO}
    with pytest.raises(RuleViolationError) as refused:
        wishes.amend_wish("cw-01", consultation_id, WishAmendment(version=version, **give_up))
    assert [v.code for v in refused.value.violations] == [
        "wish_change_recorded",
        "wish_change_confirmed",
    ]
    recorded = wishes.record_change_of_mind(
        "cw-01", consultation_id, WishChangeRecord(version=version, account=ACCOUNT)
    )
    assert recorded.consultation.wish_changes[0].recorded_by == "cw-01"
    with pytest.raises(RuleViolationError, match="not confirmed"):
        wishes.amend_wish(
            "cw-01", consultation_id, WishAmendment(version=recorded.version, **give_up)
        )
    with pytest.raises(ForbiddenError):  # a caseworker is not the supervisor
        wishes.confirm_change_of_mind("cw-01", consultation_id, recorded.version)
    confirmed = wishes.confirm_change_of_mind("sv-01", consultation_id, recorded.version)
    assert confirmed.consultation.wish_changes[0].confirmed_by == "sv-01"
    with pytest.raises(TransitionNotAllowedError):  # nothing left to confirm
        wishes.confirm_change_of_mind("sv-01", consultation_id, confirmed.version)
    amended = wishes.amend_wish(
        "cw-01", consultation_id, WishAmendment(version=confirmed.version, **give_up)
    )
    assert amended.consultation.wishes_to_apply is WishToApply.NO
    assert amended.consultation.wish_expressed_on is None
    closed = lifecycle.close_consultation(
        "cw-01",
        consultation_id,
        ConsultationClosing.model_validate({"version": amended.version, "outcome": "advice_only"}),
    )
    assert closed.consultation.outcome.value == "advice_only"
    with pytest.raises(TransitionNotAllowedError):  # an ended consultation keeps its record
        wishes.record_change_of_mind(
            "cw-01", consultation_id, WishChangeRecord(version=closed.version, account=ACCOUNT)
        )
    details = [e.detail for e in database.audit if e.record_id == consultation_id]
    assert "wish: wish yes → no" in details


def test_whoever_recorded_the_change_of_mind_cannot_confirm_it(services) -> None:
    lifecycle, wishes, _ = services
    consultation_id, version = _consultation(lifecycle)
    recorded = wishes.record_change_of_mind(
        "sv-01", consultation_id, WishChangeRecord(version=version, account=ACCOUNT)
    )
    with pytest.raises(RuleViolationError) as refused:
        wishes.confirm_change_of_mind("sv-01", consultation_id, recorded.version)
    assert [v.code for v in refused.value.violations] == ["confirmer_not_recorder"]
