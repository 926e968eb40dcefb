"""Need determination, rejection reasons, withdrawal (辞退) and ex officio starts, over memory ports."""

from __future__ import annotations

from datetime import date

import pytest

from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.model import CaseStatus, DecisionKind
from seikatsu_std.model.case import StartBasis
from seikatsu_std.model.decision import BOILERPLATE_WARNING, TerminationReason
from seikatsu_std.services.determination import DeterminationService
from seikatsu_std.services.determination_records import NeedDeterminationRequest, NeedResult
from seikatsu_std.services.errors import InvalidRequestError, RuleViolationError
from seikatsu_std.services.ex_officio import ExOfficioService
from seikatsu_std.services.models import DecisionDraft, ExOfficioDraft
from tests.services import test_lifecycle as lifecycle_tests

_application = lifecycle_tests._application


@pytest.fixture
def determination(database, clock, calculator):
    return DeterminationService(database.unit_of_work, clock, calculator)


def _situation(vector, *, pension: int = 0) -> CalculationInput:
    head = vector.input.household.head.id
    incomes = [{"member_id": head, "kind": "pension", "amount": pension}] if pension else []
    data = vector.input.model_dump()
    return CalculationInput.model_validate({**data, "incomes": incomes})


def _determine(determination, application, vector, **changes):
    request = {
        "determined_on": date(2023, 6, 1),
        "calculation": _situation(vector, pension=changes.pop("pension", 0)),
        **changes,
    }
    return determination.determine_need(
        "cw-01", application.application.id, NeedDeterminationRequest.model_validate(request)
    )


def test_a_determination_keeps_both_explanations_and_the_editions(
    service, determination, vector_input, database
) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    found = _determine(determination, application, vector_input)
    assert found.result is NeedResult.IN_NEED
    assert found.standards_as_of == found.determined_on == date(2023, 6, 1)
    assert found.living_cost_lines
    assert found.tables
    assert found.margin == found.minimum_living_cost - found.recognised_income
    rich = _determine(determination, application, vector_input, pension=1_000_000)
    assert (rich.result, rich.recognised_income) == (NeedResult.NOT_IN_NEED, 1_000_000)
    assert rich.income_lines
    listed = determination.need_determinations("sv-01", application.application.id)
    assert [d.id for d in listed] == [found.id, rich.id]


def test_a_determination_cannot_precede_the_application(
    service, determination, vector_input, clock
) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    with pytest.raises(RuleViolationError) as refused:
        _determine(determination, application, vector_input, determined_on=date(2023, 5, 31))
    assert refused.value.violations[0].code == "not_before_application"
    with pytest.raises(InvalidRequestError):
        _determine(determination, application, vector_input, determined_on=date(2023, 6, 2))


def _rejection(application, reasons: list[str]) -> DecisionDraft:
    return DecisionDraft(
        case_id=application.case_id,
        application_id=application.application.id,
        kind=DecisionKind.REJECTION,
        effective_on=date(2023, 6, 1),
        reasons=reasons,
        rejection_reason="income_sufficient",
    )


def test_a_rejection_for_income_rests_on_a_determination_of_no_need(
    service, determination, vector_input
) -> None:
    application = service.receive_application("cw-01", _application(vector_input))
    boilerplate = service.draft_decision(
        "cw-01", _rejection(application, ["最低生活費を上回る収入があるため"])
    )
    assert BOILERPLATE_WARNING in [w.message for w in boilerplate.warnings]
    with pytest.raises(RuleViolationError) as refused:
        service.approve_decision("sv-01", boilerplate.decision.id, boilerplate.version)
    assert [v.code for v in refused.value.violations] == ["need_test_recorded"]
    rich = _determine(determination, application, vector_input, pension=1_000_000)
    drafted = service.draft_decision(
        "cw-01", _rejection(application, ["年金（月額1,000,000円）が最低生活費を上回るため"])
    )
    # Only the investigations may still be open; the rejection's own reasons are in order.
    assert {w.code for w in drafted.warnings}.isdisjoint(
        {"boilerplate_reasons", "need_test_missing"}
    )
    assert drafted.decision.need_determination_id == rich.id
    assert drafted.decision.recognised_income == 1_000_000
    service.approve_decision("sv-01", drafted.decision.id, drafted.version)


def _withdrawal(**changes) -> DecisionDraft:
    data = {
        "case_id": "case-00001",
        "kind": DecisionKind.TERMINATION,
        "effective_on": date(2023, 6, 1),
        "reasons": ["本人から署名した辞退届の提出があったため"],
        "termination_reason": TerminationReason.WITHDRAWAL,
        "withdrawal": {
            "received_on": date(2023, 5, 29),
            "received_by": "cw-02",
            "signed_by_person": True,
            "original_kept_at": "ケースファイル 第1分冊",
        },
        "free_will_check": {
            "confirmed_by": "sv-01",
            "confirmed_on": date(2023, 5, 30),
            "staff_guidance": False,
            "livelihood_prospect": "6月から常勤で就職し月給22万円の見込み",
        },
    }
    return DecisionDraft.model_validate({**data, **changes})


def test_a_withdrawal_needs_the_signed_declaration_and_the_free_will_check(service) -> None:
    with pytest.raises(RuleViolationError) as refused:
        service.draft_decision("cw-02", _withdrawal(withdrawal=None, free_will_check=None))
    codes = [v.code for v in refused.value.violations]
    assert codes == ["withdrawal_declaration", "free_will_checked"]
    induced = _withdrawal().free_will_check.model_copy(update={"staff_guidance": True})
    with pytest.raises(RuleViolationError) as refused:
        service.draft_decision("cw-02", _withdrawal(free_will_check=induced))
    assert [v.code for v in refused.value.violations] == ["not_induced"]
    early = _withdrawal().free_will_check.model_copy(update={"confirmed_on": date(2023, 5, 1)})
    with pytest.raises(InvalidRequestError):
        service.draft_decision("cw-02", _withdrawal(free_will_check=early))
    drafted = service.draft_decision("cw-02", _withdrawal())
    service.approve_decision("sv-01", drafted.decision.id, drafted.version)


@pytest.fixture
def ex_officio(database, clock, calculator):
    return ExOfficioService(database.unit_of_work, clock, calculator)


def _ex_officio(vector, **changes) -> ExOfficioDraft:
    data = {
        "person_name": vector.input.household.head.name,
        "urgent_facts": "路上で倒れて救急搬送され、所持金がない",
        "judged_on": date(2023, 6, 1),
        "judged_by": "cw-01",
        "household": vector.input.household,
        **changes,
    }
    return ExOfficioDraft.model_validate(data)


def test_an_ex_officio_start_is_recorded_and_carried_into_the_decision(
    ex_officio, vector_input, database
) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        ex_officio.register_ex_officio("cw-01", _ex_officio(vector_input, urgent_facts=" "))
    assert "急迫と判断した事実" in refused.value.detail_ja
    with pytest.raises(InvalidRequestError):
        ex_officio.register_ex_officio("cw-01", _ex_officio(vector_input, judged_by="out-01"))
    registered = ex_officio.register_ex_officio("cw-01", _ex_officio(vector_input))
    assert registered.start_basis is StartBasis.EX_OFFICIO
    drafted = ex_officio.draft_decision(
        "cw-01",
        DecisionDraft(
            case_id=registered.case_id,
            kind=DecisionKind.START,
            effective_on=date(2023, 6, 1),
            reasons=["急迫した状況にあるため職権により保護を開始する"],
            calculation=vector_input.input,
        ),
    )
    assert drafted.decision.start_basis is StartBasis.EX_OFFICIO
    assert drafted.decision.ex_officio == registered.record
    assert drafted.decision.application_id is None
    ex_officio.approve_decision("sv-01", drafted.decision.id, drafted.version)
    assert database.tables["cases"][registered.case_id][0].status is CaseStatus.ACTIVE
