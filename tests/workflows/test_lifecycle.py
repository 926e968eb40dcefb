"""The lifecycle workflows: shape, guards, the case transition of each decision, diagrams."""

from __future__ import annotations

from datetime import date

import pytest

from seikatsu_std.authority import RULES
from seikatsu_std.model import CaseStatus, DecisionKind
from seikatsu_std.model.decision import DecisionStatus, TerminationReason
from seikatsu_std.model.intake import ApplicationStatus, ConsultationOutcome
from seikatsu_std.workflows.lifecycle import (
    APPLICATION,
    CASE,
    CONSULTATION,
    DECISION,
    WORKFLOWS,
    ApplicationFacts,
    CaseFacts,
    ConsultationFacts,
    DecisionFacts,
    case_transition,
)


@pytest.mark.parametrize("workflow", WORKFLOWS.values(), ids=list(WORKFLOWS))
def test_every_state_is_reachable_and_every_action_has_an_authority_rule(workflow) -> None:
    assert workflow.reachable() == set(workflow.states)
    for transition in workflow.transitions:
        assert transition.action in RULES
        assert transition.label
        for state in workflow.final:
            assert state not in transition.sources


@pytest.mark.parametrize("workflow", WORKFLOWS.values(), ids=list(WORKFLOWS))
def test_the_diagram_draws_every_transition_with_its_conditions(workflow) -> None:
    diagram = workflow.mermaid()
    assert diagram.startswith("stateDiagram-v2")
    for transition in workflow.transitions:
        for source in transition.sources:
            assert f"{source.value} --> {transition.target.value} : {transition.label}" in diagram
        for guard in transition.guards:
            assert guard.label in diagram


def test_a_wish_to_apply_forbids_closing_without_an_application() -> None:
    wished = ConsultationFacts(wishes_to_apply=True, application_registered=False)
    for name in ("advise_only", "refer"):
        [violation] = CONSULTATION.check(name, ConsultationOutcome.CONTINUING, wished)
        assert violation.code == "no_wish_to_apply"
        assert "申請の意思" in violation.message_ja
        assert violation.legal[0].article == "第7条"
    [missing] = CONSULTATION.check("take_application", ConsultationOutcome.CONTINUING, wished)
    assert missing.code == "application_registered"
    taken = ConsultationFacts(wishes_to_apply=True, application_registered=True)
    assert CONSULTATION.check("take_application", ConsultationOutcome.CONTINUING, taken) == []
    no_wish = ConsultationFacts(wishes_to_apply=False, application_registered=False)
    assert CONSULTATION.check("advise_only", ConsultationOutcome.CONTINUING, no_wish) == []


def test_a_closed_consultation_cannot_move_again() -> None:
    facts = ConsultationFacts(wishes_to_apply=False, application_registered=False)
    [violation] = CONSULTATION.check("refer", ConsultationOutcome.ADVICE_ONLY, facts)
    assert violation.code == "state"
    assert "助言のみで終了" in violation.message_ja


def test_withdrawing_an_application_needs_the_signed_document_and_why() -> None:
    missing = APPLICATION.check("withdraw", ApplicationStatus.RECEIVED, ApplicationFacts())
    assert [v.code for v in missing] == [
        "withdrawal_document",
        "withdrawal_signed",
        "withdrawal_circumstances",
    ]
    unsigned = ApplicationFacts(date(2023, 9, 8), False, "就職が決まった")
    [violation] = APPLICATION.check("withdraw", ApplicationStatus.RECEIVED, unsigned)
    assert "本人の署名" in violation.message_ja
    complete = ApplicationFacts(date(2023, 9, 8), True, "就職が決まった")
    assert not APPLICATION.check("withdraw", ApplicationStatus.RECEIVED, complete)
    [state] = APPLICATION.check("withdraw", ApplicationStatus.DECIDED, complete)
    assert state.code == "state"


def _decision(**changes: object) -> DecisionFacts:
    facts = {
        "kind": DecisionKind.START,
        "drafted_on": date(2023, 9, 10),
        "effective_on": date(2023, 9, 1),
        "today": date(2023, 9, 12),
        "received_on": date(2023, 9, 1),
        "notice_due_on": date(2023, 9, 15),
        "extension_reason": None,
        "amounts_match_engine": True,
        "reasons_given": True,
    }
    return DecisionFacts(**{**facts, **changes})  # type: ignore[arg-type]


def _codes(facts: DecisionFacts) -> list[str]:
    return [v.code for v in DECISION.check("approve", DecisionStatus.DRAFT, facts)]


def test_approval_guards() -> None:
    assert _codes(_decision()) == []
    assert _codes(_decision(today=date(2023, 9, 15))) == [], "the 14th day is still in time"
    assert _codes(_decision(today=date(2023, 9, 16))) == ["extension_reason"]
    assert (
        _codes(
            _decision(
                today=date(2023, 9, 16), extension_reason="扶養義務者の資産調査に日時を要する"
            )
        )
        == []
    )
    assert _codes(_decision(effective_on=date(2023, 8, 31))) == ["not_before_application"]
    assert _codes(_decision(amounts_match_engine=False)) == ["amounts_from_engine"]
    assert _codes(_decision(kind=DecisionKind.REJECTION, amounts_match_engine=False)) == []
    assert _codes(_decision(reasons_given=False)) == ["reasons_given"]
    several = _codes(_decision(reasons_given=False, amounts_match_engine=False))
    assert several == ["amounts_from_engine", "reasons_given"], "every violation is reported"


def test_each_decision_moves_the_case() -> None:
    assert case_transition(DecisionKind.START, CaseStatus.APPLYING, None) == "start"
    assert case_transition(DecisionKind.REJECTION, CaseStatus.APPLYING, None) == "reject"
    assert case_transition(DecisionKind.CHANGE, CaseStatus.ACTIVE, None) == "change"
    assert case_transition(DecisionKind.CHANGE, CaseStatus.SUSPENDED, None) == "resume"
    assert case_transition(DecisionKind.SUSPENSION, CaseStatus.ACTIVE, None) == "suspend"
    terminate = case_transition(
        DecisionKind.TERMINATION, CaseStatus.ACTIVE, TerminationReason.DEATH
    )
    assert terminate == "terminate"
    transfer = case_transition(
        DecisionKind.TERMINATION, CaseStatus.ACTIVE, TerminationReason.TRANSFER
    )
    assert transfer == "transfer"
    facts = CaseFacts(TerminationReason.TRANSFER, None, "office-nakano")
    [missing] = CASE.check("transfer", CaseStatus.ACTIVE, facts)
    assert missing.code == "receiving_office"
    same = CaseFacts(TerminationReason.TRANSFER, "office-nakano", "office-nakano")
    assert CASE.check("transfer", CaseStatus.ACTIVE, same)
    other = CaseFacts(TerminationReason.TRANSFER, "office-suginami", "office-nakano")
    assert CASE.check("transfer", CaseStatus.ACTIVE, other) == []
    [started] = CASE.check("start", CaseStatus.ACTIVE, CaseFacts())
    assert started.code == "state"


def test_unknown_transition_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="approve, notify"):
        DECISION.transition("publish")
