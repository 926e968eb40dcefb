"""Proof that the conformance kit can fail: deliberately broken builds are caught.

Each mutant breaks one behaviour of the in-process implementation (a rule of
the calculation, an authority rule, the audit trail, locking …) the way a
faulty vendor build might. The kit, run on the mutant with the scenarios of
one requirement, must report that requirement as failed (不適合) with evidence
a reader can follow. The kill rate (mutants caught / mutants) is recorded in
docs/conformance.md; every mutant here must be caught.

The lifecycle mutants break the case lifecycle (consultation, application
deadline, decision and its approval) through the same module attributes and
workflow objects the services use. Mutants of payments and of consent before a
disclosure join this list when those operations exist in the standard API.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import attrs
import numpy as np
import pytest

from seikatsu_std import authority
from seikatsu_std.api import contract
from seikatsu_std.calc import Calculator, engine
from seikatsu_std.calc.context import Context, Outcome
from seikatsu_std.calc.rules import income, living
from seikatsu_std.conformance.report import Status
from seikatsu_std.conformance.runner import run_on
from seikatsu_std.conformance.targets import InProcessTarget
from seikatsu_std.model import ClaimDecision, Consultation, Decision
from seikatsu_std.model import decision as decisions
from seikatsu_std.model.decision import AssistanceAmounts
from seikatsu_std.model.intake import (
    ApplicationChannel,
    ConsultationOutcome,
    FormHanding,
    WishToApply,
)
from seikatsu_std.model.office import StaffRole
from seikatsu_std.requirements import RequirementLevel
from seikatsu_std.services import (
    administration,
    appeals,
    audit,
    base,
    benefits,
    cases,
    claims,
    consultation_wish,
    deadlines,
    determination,
    ex_officio,
    investigations,
    lifecycle,
    memory,
    submissions,
    transfers,
)
from seikatsu_std.services.errors import InvalidRequestError
from seikatsu_std.services.investigation_models import SkipReason
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.standards.loader import shipped_standards_copy
from seikatsu_std.workflows import approvals as approval_stages
from seikatsu_std.workflows import clocks
from seikatsu_std.workflows import lifecycle as workflows
from seikatsu_std.workflows.engine import Workflow
from tests.support import ROOT

Patch = Callable[[pytest.MonkeyPatch], None]
W = TypeVar("W", bound=Workflow[Any, Any])


@dataclasses.dataclass(frozen=True)
class Mutant:
    """One broken build: what is broken, and the requirement that must fail."""

    name: str
    requirement: str
    apply: Patch
    target: Callable[[], InProcessTarget] = InProcessTarget


def _rule(code: str, compute: Callable[[Callable[[Context], Outcome], Context], Outcome]) -> Patch:
    """Replace the calculation rule ``code`` with ``compute(original, ctx)``."""

    def apply(monkeypatch: pytest.MonkeyPatch) -> None:
        rules = tuple(
            dataclasses.replace(r, compute=lambda ctx, r=r: compute(r.compute, ctx))
            if r.code == code
            else r
            for r in engine.RULES
        )
        assert any(r.code == code for r in rules), f"no rule {code}"
        monkeypatch.setattr(engine, "RULES", rules)

    return apply


def _zero(original: Callable[[Context], Outcome], ctx: Context) -> Outcome:
    out = original(ctx)
    return dataclasses.replace(out, amount=np.zeros_like(out.amount))


def _rent_uncapped(original: Callable[[Context], Outcome], ctx: Context) -> Outcome:
    out = original(ctx)
    return dataclasses.replace(out, amount=np.where(out.applies, ctx.frame.h_rent, 0))


def _occasional_in_full(original: Callable[[Context], Outcome], ctx: Context) -> Outcome:
    out = original(ctx)
    total = np.asarray(out.inputs["臨時的な収入（世帯合計）"])
    return dataclasses.replace(out, amount=np.where(out.applies, total, 0))


def _nothing(original: Callable[[Context], Outcome], ctx: Context) -> Outcome:
    applies = np.zeros(ctx.households, dtype=bool)
    return Outcome(np.zeros(ctx.households, dtype=np.int64), applies)


def _rule_gone(code: str) -> Patch:
    return _rule(code, _nothing)


def _authority(action: authority.Action, roles: tuple[StaffRole, ...], *requires: str) -> Patch:
    def apply(monkeypatch: pytest.MonkeyPatch) -> None:
        rules = dict(authority.RULES)
        rules[action] = authority.Rule(frozenset(roles), frozenset(requires), ())
        monkeypatch.setattr(authority, "RULES", rules)

    return apply


def _any_office(monkeypatch: pytest.MonkeyPatch) -> None:
    original = base.authorize

    def authorize(staff, action, *, office_id, on, drafted_by=None):  # type: ignore[no-untyped-def]
        return original(staff, action, office_id=staff.office_id, on=on, drafted_by=drafted_by)

    monkeypatch.setattr(base, "authorize", authorize)


def _denials_unlogged(monkeypatch: pytest.MonkeyPatch) -> None:
    def require(
        self, uow, actor, action, office_id, *, record=("office", ""), case_id=None, drafted_by=None
    ):  # type: ignore[no-untyped-def]
        verdict = authority.authorize(
            actor, action, office_id=office_id, on=self._today(), drafted_by=drafted_by
        )
        if not verdict.allowed:
            raise base.ForbiddenError(verdict)

    monkeypatch.setattr(base.ServiceBase, "_require", require)


def _unmasked(monkeypatch: pytest.MonkeyPatch) -> None:
    original = contract.PersonalNumberView.of.__func__  # type: ignore[attr-defined]

    def of(cls, member_id, number, revealed):  # type: ignore[no-untyped-def]
        return original(cls, member_id, number, True)

    monkeypatch.setattr(contract.PersonalNumberView, "of", classmethod(of))


def _chain_unlinked(monkeypatch: pytest.MonkeyPatch) -> None:
    original = base.next_entry

    def next_entry(previous, **fields):  # type: ignore[no-untyped-def]
        entry = original(previous, **fields)
        return attrs.evolve(entry, previous_hash=audit.GENESIS) if previous else entry

    monkeypatch.setattr(base, "next_entry", next_entry)


def _purposes_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    original = base.ServiceBase._audit

    def audit_without_purpose(self, uow, actor, action, record, case_id, purpose, detail=""):  # type: ignore[no-untyped-def]
        original(self, uow, actor, action, record, case_id, None, detail)

    monkeypatch.setattr(base.ServiceBase, "_audit", audit_without_purpose)


def _last_write_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    original = memory.MemoryStore.replace

    def replace(self, record, expected_version):  # type: ignore[no-untyped-def]
        current = self._rows.get(record.id)
        return original(self, record, current[1] if current else expected_version)

    monkeypatch.setattr(memory.MemoryStore, "replace", replace)


def _anyone_assignable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base.ServiceBase, "_assignable", lambda *args, **kwargs: None)


def _search_ignores_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit.AuditQuery, "matches", lambda self, entry: True)


def _town_standard(monkeypatch: pytest.MonkeyPatch) -> None:
    original = cases.CaseService.caseload

    def caseload(self, actor_id, office_id):  # type: ignore[no-untyped-def]
        found = original(self, actor_id, office_id)
        rows = [row.model_copy(update={"standard": 65}) for row in found.rows]
        return found.model_copy(update={"rows": rows})

    monkeypatch.setattr(cases.CaseService, "caseload", caseload)


def _no_rounding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(living, "ceil_to", lambda values, unit: np.asarray(values, dtype=np.int64))


def _everyone_first_earner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(income, "first_earner", lambda ctx, gross: np.asarray(gross) > 0)


def _provisional_always() -> InProcessTarget:
    target = InProcessTarget()
    target.calculator = Calculator(target.calculator.standards, allow_provisional=True)
    original = target.calculate
    target.calculate = lambda calculation, allow_provisional=False: original(  # type: ignore[method-assign]
        calculation, True
    )
    return target


def _no_proration_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_proration", lambda ctx, j, days: None)


# ---------------------------------------------------------------- the case lifecycle


def _fifteen_day_deadline() -> InProcessTarget:
    """The 14-day notice deadline read as 15 days (a wrong value in the deadline table)."""
    standards = shipped_standards_copy()
    standards.editions[clocks.TABLE] = [
        edition.model_copy(
            update={
                "rows": [
                    row.model_copy(update={"values": [15, *row.values[1:]]}) for row in edition.rows
                ]
            }
        )
        for edition in standards.editions[clocks.TABLE]
    ]
    target = InProcessTarget()
    target.calculator = Calculator(standards)
    target.lifecycle = LifecycleService(
        target.database.unit_of_work, target._clock, target.calculator
    )
    return target


def _approval_rule(*, add: tuple[StaffRole, ...] = (), waive: tuple[str, ...] = ()) -> Patch:
    """Who may approve, with roles added to or requirements waived from the rule."""

    def apply(monkeypatch: pytest.MonkeyPatch) -> None:
        rule = authority.RULES[authority.Action.APPROVE_DECISION]
        roles = tuple(rule.roles | set(add))
        _authority(authority.Action.APPROVE_DECISION, roles, *(rule.requires - set(waive)))(
            monkeypatch
        )

    return apply


def _outsourced_approve(monkeypatch: pytest.MonkeyPatch) -> None:
    """Support staff are among the approvers, public official or not, at any stage."""
    _approval_rule(add=(R.SUPPORT_STAFF,), waive=(authority._PUBLIC, authority._CERTIFIED))(
        monkeypatch
    )

    def any_role(stages, approvals, approver):  # type: ignore[no-untyped-def]
        return approval_stages.NextApproval(
            len(approvals) + 1, approver.roles[0], decisions.ApprovalKind.FINAL
        )

    monkeypatch.setattr(lifecycle, "next_approval", any_role)


def _drafter_approves(monkeypatch: pytest.MonkeyPatch) -> None:
    _approval_rule(waive=(authority._NOT_DRAFTER,))(monkeypatch)
    check = Decision._check_approval

    def approval_by_anyone(self: Decision) -> None:
        if self.approved_by is None or self.approved_by != self.drafted_by:
            check(self)

    monkeypatch.setattr(Decision, "_check_approval", approval_by_anyone)


def _drafter_approves_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """Repayment and collection decisions are approved without asking who drafted them."""
    require = claims.ClaimDecisionService._require

    def drafter_unknown(self, uow, actor, action, office_id, **named):  # type: ignore[no-untyped-def]
        return require(self, uow, actor, action, office_id, **{**named, "drafted_by": None})

    monkeypatch.setattr(claims.ClaimDecisionService, "_require", drafter_unknown)
    check = ClaimDecision._check_approval

    def approval_by_anyone(self: ClaimDecision) -> None:
        if self.approved_by is None or self.approved_by != self.drafted_by:
            check(self)

    monkeypatch.setattr(ClaimDecision, "_check_approval", approval_by_anyone)


def _without_guard(workflow: W, transitions: tuple[str, ...], guard: str) -> W:
    """``workflow`` whose ``transitions`` no longer check the guard ``guard``."""
    return attrs.evolve(
        workflow,
        transitions=tuple(
            attrs.evolve(t, guards=tuple(g for g in t.guards if g.code != guard))
            if t.name in transitions
            else t
            for t in workflow.transitions
        ),
    )


def _wish_ends_as_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ending without an application is allowed, and silently rewrites the wish to "no"."""
    consultation = _without_guard(
        workflows.CONSULTATION, ("advise_only", "refer"), "no_wish_to_apply"
    )
    monkeypatch.setattr(lifecycle, "CONSULTATION", consultation)
    build = lifecycle.LifecycleService._build
    without_application = (
        ConsultationOutcome.ADVICE_ONLY.value,
        ConsultationOutcome.REFERRED_TO_OTHER_MEASURES.value,
    )

    def wish_dropped(model, data):  # type: ignore[no-untyped-def]
        if model is Consultation and data.get("outcome") in without_application:
            data = {**data, "wishes_to_apply": WishToApply.NO, "wish_expressed_on": None}
        return build(model, data)

    monkeypatch.setattr(lifecycle.LifecycleService, "_build", staticmethod(wish_dropped))


def _late_without_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    decision = _without_guard(workflows.DECISION, ("approve", "notify"), "extension_reason")
    monkeypatch.setattr(lifecycle, "DECISION", decision)


def _amounts_in_thousands(monkeypatch: pytest.MonkeyPatch) -> None:
    """The decision records amounts rounded to the thousand, not the engine's result."""
    original = lifecycle._amounts_of

    def rounded(result):  # type: ignore[no-untyped-def]
        amounts = original(result)
        if amounts is None:
            return None
        return AssistanceAmounts.model_validate(
            {kind: value // 1000 * 1000 for kind, value in amounts.model_dump().items()}
        )

    monkeypatch.setattr(lifecycle, "_amounts_of", rounded)


def _ruling_always_fifty_days(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ruling deadline ignores the consultation of the review board (always 50 days)."""
    original = appeals.ruling_deadline

    def fifty(standards, requested_on, *, consults_board):  # type: ignore[no-untyped-def]
        return original(standards, requested_on, consults_board=False)

    monkeypatch.setattr(appeals, "ruling_deadline", fifty)


def _consultation_stored(change: Callable[[dict[str, Any]], dict[str, Any]]) -> Patch:
    """The service stores a consultation as ``change`` rewrites it (a build that fills in or
    drops items the way a careless form would)."""

    def apply(monkeypatch: pytest.MonkeyPatch) -> None:
        build = lifecycle.LifecycleService._build

        def rewritten(model, data):  # type: ignore[no-untyped-def]
            return build(model, change(dict(data)) if model is Consultation else data)

        monkeypatch.setattr(lifecycle.LifecycleService, "_build", staticmethod(rewritten))

    return apply


def _debts_dropped(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "debts_summary": None}


def _unconfirmed_without_why(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("wishes_to_apply") == WishToApply.UNCONFIRMED:
        data.setdefault("wish_unconfirmed_reason", None)
        data["wish_unconfirmed_reason"] = data["wish_unconfirmed_reason"] or "（記載なし）"
    return data


def _no_form_without_why(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("application_form") == FormHanding.NOT_HANDED:
        data["form_not_handed_reason"] = data.get("form_not_handed_reason") or "（記載なし）"
    return data


def _any_receipt_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """An application from a consultation may take any day, with no reason recorded."""
    monkeypatch.setattr(lifecycle, "_received_as_wished", lambda consultation, draft: None)


def _written_form_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only an application on the form (or an electronic one) is registered."""
    receive = lifecycle.LifecycleService.receive_application

    def form_required(self, actor_id, draft):  # type: ignore[no-untyped-def]
        if draft.channel in (ApplicationChannel.ORAL, ApplicationChannel.OTHER_WRITING):
            raise InvalidRequestError("申請書がありません", "no application form")
        return receive(self, actor_id, draft)

    monkeypatch.setattr(lifecycle.LifecycleService, "receive_application", form_required)


def _pending_without_staff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of pending applications leaves out who is in charge."""
    row = deadlines.PendingApplication

    def anonymous(**fields):  # type: ignore[no-untyped-def]
        return row(**{**fields, "caseworker_id": None, "supervisor_id": None})

    monkeypatch.setattr(deadlines, "PendingApplication", anonymous)


def _withdrawn_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """An application is withdrawn on the staff's word: no document, signature or why."""
    application = workflows.APPLICATION
    for guard in ("withdrawal_document", "withdrawal_signed", "withdrawal_circumstances"):
        application = _without_guard(application, ("withdraw",), guard)
    monkeypatch.setattr(lifecycle, "APPLICATION", application)
    monkeypatch.setattr(
        lifecycle.LifecycleService, "_withdrawal", lambda self, actor, application, facts: None
    )


def _clock_stops_at_approval(monkeypatch: pytest.MonkeyPatch) -> None:
    """An approved decision takes the application off the 30-day list before its notice."""
    store = memory.MemoryApplicationStore
    monkeypatch.setattr(store, "unnotified", store.undecided)


def _after_hours_next_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """An electronic application received after office hours takes the next day as its day."""
    original = lifecycle.received_on_of

    def next_morning(received_at):  # type: ignore[no-untyped-def]
        day = original(received_at)
        local = received_at.astimezone(lifecycle.JAPAN)
        return day + timedelta(days=1) if local.hour >= 17 else day

    monkeypatch.setattr(lifecycle, "received_on_of", next_morning)


def _income_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """The need determination measures the household as if it had no income."""
    calculate = determination.DeterminationService._calculate

    def without_income(self, request):  # type: ignore[no-untyped-def]
        situation = request.calculation.model_copy(update={"incomes": []})
        return calculate(self, request.model_copy(update={"calculation": situation}))

    monkeypatch.setattr(determination.DeterminationService, "_calculate", without_income)


def _boilerplate_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifecycle, "boilerplate_only", lambda reasons: False)


def _withdrawal_rules(lenient: Callable[..., list[str]]) -> Patch:
    """Both the service's rules and the record's check read the gaps ``lenient`` finds."""

    def apply(monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(lifecycle, "withdrawal_gaps", lenient)
        monkeypatch.setattr(decisions, "withdrawal_gaps", lenient)

    return apply


#: The rules as the standard has them (the mutants below patch the module attribute).
_GAPS = decisions.withdrawal_gaps


def _induced_accepted(declaration, check):  # type: ignore[no-untyped-def]
    """A withdrawal the staff talked the person into counts as free will."""
    return [gap for gap in _GAPS(declaration, check) if not gap.startswith("本人の自由な意思")]


def _phone_call_accepted(declaration, check):  # type: ignore[no-untyped-def]
    """Without a declaration on file, a call (or silence) is taken as the withdrawal."""
    return [] if declaration is None else _GAPS(declaration, check)


def _ex_officio_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Missing items of an ex officio record are filled in silently instead of refused."""
    record = ex_officio.ExOfficioService._record

    def filled(self, uow, office_id, draft):  # type: ignore[no-untyped-def]
        defaults = {
            "urgent_facts": draft.urgent_facts or "急迫",
            "judged_on": draft.judged_on or date(2023, 9, 1),
            "judged_by": draft.judged_by or "cw-01",
        }
        return record(self, uow, office_id, draft.model_copy(update=defaults))

    monkeypatch.setattr(ex_officio.ExOfficioService, "_record", filled)


# ---------------------------------------------------------------- investigations


def _answers_mixed_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The answer's emotional support is recorded as its financial support."""
    original = investigations.InvestigationService.record_answer

    def record_answer(self, actor_id, obligor_id, request):  # type: ignore[no-untyped-def]
        answer = request.answer.model_copy(
            update={"emotional_support": request.answer.financial_support}
        )
        return original(self, actor_id, obligor_id, request.model_copy(update={"answer": answer}))

    monkeypatch.setattr(investigations.InvestigationService, "record_answer", record_answer)


def _any_skip_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    """A support inquiry is skipped for any reason, or none (the list is not checked)."""

    def chosen(reasons, code):  # type: ignore[no-untyped-def]
        return SkipReason(code=code or "none", label=code or "（理由なし）")

    monkeypatch.setattr(investigations.InvestigationService, "_chosen_reason", staticmethod(chosen))


def _applicant_not_heard(monkeypatch: pytest.MonkeyPatch) -> None:
    """The letter is issued whatever the applicant said (or if nothing was recorded)."""
    monkeypatch.setattr(
        investigations.InvestigationService, "_override", lambda self, uow, obligor, request: None
    )


def _benefits_on_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every decision counts as approved when a ticket or a payment is given on it.
    monkeypatch.setattr(benefits, "decision_is_final", lambda _decision: True)


def _tickets_past_ending(monkeypatch: pytest.MonkeyPatch) -> None:
    """A final suspension or termination stops no ticket on or after its effective date."""
    monkeypatch.setattr(benefits, "_ended", lambda case, ended, what, grants: [])


def _answered_still_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of unanswered asset inquiries also shows those answered."""

    def every_inquiry(self):  # type: ignore[no-untyped-def]
        return [base.Versioned(record, version) for record, version in self.values()]

    monkeypatch.setattr(memory.MemoryAssetInquiryStore, "unanswered", every_inquiry)


def _age_counted_from_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ages counted the traditional way (数え年: one at birth), not in full years."""
    original = investigations.age_on
    monkeypatch.setattr(investigations, "age_on", lambda born, day: original(born, day) + 1)


def _unconfirmed_measures_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    """Items of other measures left unconfirmed raise no warning when a decision is drafted."""
    original = lifecycle.decision_warnings

    def warnings(uow, standards, application, on):  # type: ignore[no-untyped-def]
        found = original(uow, standards, application, on)
        return [w for w in found if w.code != "other_measures_unconfirmed"]

    monkeypatch.setattr(lifecycle, "decision_warnings", warnings)


def _wish_given_up_unconfirmed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wish to apply is given up on a recorded change of mind that no supervisor confirmed."""
    original = consultation_wish._check_change_of_mind

    def recorded_is_enough(consultation):  # type: ignore[no-untyped-def]
        if consultation.wish_changes:
            return
        original(consultation)

    monkeypatch.setattr(consultation_wish, "_check_change_of_mind", recorded_is_enough)


def _default_destination(monkeypatch: pytest.MonkeyPatch) -> None:
    """A transfer without the destination's code is registered to a default one (杉並区)."""
    monkeypatch.setattr(transfers, "_destination", lambda code: code or "131156")


def _claims_left_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """The handover data leaves out the case's claims."""
    original = transfers.TransferService._case_records

    def without_claims(self, uow, case):  # type: ignore[no-untyped-def]
        return [r for r in original(self, uow, case) if r.record_type_name() != "claim"]

    monkeypatch.setattr(transfers.TransferService, "_case_records", without_claims)


R = StaffRole


def _one_stage_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever stages the office set, the first approval makes the decision final."""

    def final_at_once(stages, approvals, approver):  # type: ignore[no-untyped-def]
        found = approval_stages.next_approval(stages[-1:], approvals, approver)
        if isinstance(found, approval_stages.StageRefusal):
            found = approval_stages.next_approval(stages[:1], approvals, approver)
        return found

    monkeypatch.setattr(lifecycle, "next_approval", final_at_once)


def _drafter_approval_setting_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request to let drafters approve is silently accepted (the flag is dropped)."""
    change = administration.AdministrationService.change_office_settings

    def accepting(self, actor_id, office_id, request):  # type: ignore[no-untyped-def]
        return change(
            self, actor_id, office_id, request.model_copy(update={"drafter_may_approve": None})
        )

    monkeypatch.setattr(administration.AdministrationService, "change_office_settings", accepting)


def _approving_roles_to_anyone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The grant forgets its rule: only the staff record's own check remains."""
    monkeypatch.setattr(administration, "_grant_violations", lambda member, role: [])


def _notice_layout_unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The notice is recorded as issued whatever items the office's layout lacks."""
    monkeypatch.setattr(lifecycle, "missing_notice_items", lambda settings, kind: [])


def _submission_time_of_recording(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's 提出日時 is when staff recorded it, not when the recipient sent it."""
    submit = submissions.SubmissionService.submit

    def recorded_now(self, actor_id, case_id, received):  # type: ignore[no-untyped-def]
        return submit(
            self, actor_id, case_id, received.model_copy(update={"submitted_at": self._clock()})
        )

    monkeypatch.setattr(submissions.SubmissionService, "submit", recorded_now)


def _listed_for_recorder_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pending list shows a staff member only the documents they recorded themselves."""
    pending = submissions.SubmissionService.pending_for_me

    def own_only(self, actor_id):  # type: ignore[no-untyped-def]
        found = pending(self, actor_id)
        mine = [v for v in found.items if v.submission.recorded_by == actor_id]
        return found.model_copy(update={"items": mine})

    monkeypatch.setattr(submissions.SubmissionService, "pending_for_me", own_only)


MUTANTS: tuple[Mutant, ...] = (
    Mutant("10円未満の端数処理をしない", "REQ-CAL-006", _no_rounding),
    Mutant("住宅扶助に限度額を適用しない", "REQ-CAL-015", _rule("housing.rent", _rent_uncapped)),
    Mutant(
        "同一人の母子加算と障害者加算を両方算定する",
        "REQ-CAL-012",
        _rule("addition.disability_forgone", _zero),
    ),
    Mutant("全員に1人目の基礎控除の表を使う", "REQ-CAL-019", _everyone_first_earner),
    Mutant(
        "臨時的な収入の8,000円を差し引かない",
        "REQ-CAL-022",
        _rule("income.occasional", _occasional_in_full),
    ),
    Mutant(
        "冬季加算の規則がない（冬季の月も加算しない）", "REQ-CAL-007", _rule_gone("living.winter")
    ),
    Mutant("期末一時扶助の規則がない", "REQ-CAL-009", _rule_gone("living.year_end")),
    Mutant("児童養育加算を算定しない", "REQ-CAL-013", _rule("addition.child_rearing", _zero)),
    Mutant(
        "暫定版の基準表を許可なく使う",
        "REQ-CAL-001",
        lambda monkeypatch: None,
        _provisional_always,
    ),
    Mutant("日割りの日数を明細に示さない", "REQ-CAL-026", _no_proration_shown),
    Mutant(
        "現業員がケースの担当・格付けを変更できる",
        "REQ-SEC-001",
        _authority(authority.Action.UPDATE_CASE, (R.CASEWORKER, R.SUPERVISOR, R.SECTION_CHIEF)),
    ),
    Mutant("権限による拒否を監査ログに残さない", "REQ-SEC-001", _denials_unlogged),
    Mutant("他の福祉事務所のケースを扱える", "REQ-SEC-002", _any_office),
    Mutant("参照の利用目的を監査ログに残さない", "REQ-SEC-004", _purposes_dropped),
    Mutant("監査ログのハッシュ連鎖がつながっていない", "REQ-SEC-006", _chain_unlinked),
    Mutant("監査ログの検索が条件を無視する", "REQ-SEC-008", _search_ignores_filters),
    Mutant("個人番号を既定で全桁表示する", "REQ-SEC-010", _unmasked),
    Mutant(
        "医療事務・委託事業者の職員も個人番号を表示できる",
        "REQ-SEC-010",
        _authority(authority.Action.READ_MY_NUMBER, tuple(StaffRole)),
    ),
    Mutant(
        "委託事業者の職員に個人番号の権限を付与できる",
        "REQ-SEC-021",
        _authority(authority.Action.READ_MY_NUMBER, tuple(StaffRole)),
    ),
    Mutant("古い版での更新が上書きする（排他制御なし）", "REQ-VIS-003", _last_write_wins),
    Mutant("委託事業者の職員を主担当にできる", "REQ-VIS-018", _anyone_assignable),
    Mutant("現業員1人当たりの標準を町村の65世帯で示す", "REQ-VIS-015", _town_standard),
    Mutant(
        "申請の処理期限を15日目とする",
        "REQ-APP-008",
        lambda monkeypatch: None,
        _fifteen_day_deadline,
    ),
    Mutant("委託事業者の職員が決定を決裁できる", "REQ-APP-025", _outsourced_approve),
    Mutant("起案者が自ら起案した決定を決裁できる", "REQ-APP-024", _drafter_approves),
    Mutant(
        "起案者が自ら起案した返還金・徴収金の決定を決裁できる",
        "REQ-APP-024",
        _drafter_approves_claims,
    ),
    Mutant("申請の意思を示した相談を助言のみで終結できる", "REQ-APP-004", _wish_ends_as_advice),
    Mutant("14日を過ぎた決定を延長の理由なしに決裁できる", "REQ-APP-010", _late_without_reason),
    Mutant("相談記録の負債の状況を保存しない", "REQ-APP-001", _consultation_stored(_debts_dropped)),
    Mutant(
        "申請の意思「確認できず」の事情を空欄のまま埋める",
        "REQ-APP-002",
        _consultation_stored(_unconfirmed_without_why),
    ),
    Mutant("相談からの申請の受付日を理由なしに変えられる", "REQ-APP-003", _any_receipt_day),
    Mutant(
        "申請の意思「あり」で様式を交付しなかった理由を空欄のまま埋める",
        "REQ-APP-005",
        _consultation_stored(_no_form_without_why),
    ),
    Mutant("口頭・その他の書面による申請を登録しない", "REQ-APP-006", _written_form_only),
    Mutant("処理中の申請の一覧に担当者を示さない", "REQ-APP-009", _pending_without_staff),
    Mutant("閉庁後に受信した電子申請の申請日を翌日にする", "REQ-APP-007", _after_hours_next_day),
    Mutant(
        "決裁しただけで通知前の申請を30日経過の警告一覧から外す",
        "REQ-APP-011",
        _clock_stops_at_approval,
    ),
    Mutant(
        "取下書・本人の署名・事情なしに申請を取り下げられる", "REQ-APP-030", _withdrawn_on_request
    ),
    Mutant(
        "決定の扶助別の額が計算の結果と違う（千円単位に丸める）",
        "REQ-APP-021",
        _amounts_in_thousands,
    ),
    Mutant(
        "審査請求の裁決の期限を諮問の有無にかかわらず50日とする",
        "REQ-APP-033",
        _ruling_always_fifty_days,
    ),
    Mutant(
        "査察指導員の確認なしに申請の意思「あり」を「なし」に改められる",
        "REQ-APP-004",
        _wish_given_up_unconfirmed,
    ),
    Mutant("職権保護の記録の欠けを既定値で埋めて登録する", "REQ-APP-013", _ex_officio_defaults),
    Mutant("要否判定で収入を認定しない（常に「要」になる）", "REQ-APP-020", _income_ignored),
    Mutant("却下の理由が定型文だけでも警告しない", "REQ-APP-027", _boilerplate_accepted),
    Mutant(
        "職員の勧奨による辞退でも辞退による廃止を起案できる",
        "REQ-APP-028",
        _withdrawal_rules(_induced_accepted),
    ),
    Mutant(
        "電話の申出だけで辞退による廃止を起案できる（辞退届なし）",
        "REQ-APP-029",
        _withdrawal_rules(_phone_call_accepted),
    ),
    Mutant("稼働年齢を数え年で判定する", "REQ-APP-018", _age_counted_from_one),
    Mutant(
        "他法他施策の未確認の項目を起案時に警告しない", "REQ-APP-019", _unconfirmed_measures_silent
    ),
    Mutant(
        "回答を登録した資産の照会も回答のない照会の一覧に出る",
        "REQ-APP-014",
        _answered_still_listed,
    ),
    Mutant(
        "扶養照会の回答の精神的支援を金銭的援助の可否で記録する", "REQ-APP-015", _answers_mixed_up
    ),
    Mutant("一覧にない理由や理由なしで扶養照会を省略できる", "REQ-APP-016", _any_skip_reason),
    Mutant("申請者の意向を確かめずに扶養照会の文書を作成する", "REQ-APP-017", _applicant_not_heard),
    Mutant("決裁の段階の設定にかかわらず最初の決裁で確定する", "REQ-APP-022", _one_stage_always),
    Mutant(
        "起案者による決裁を許可する設定の要求を黙って受け付ける",
        "REQ-APP-024",
        _drafter_approval_setting_accepted,
    ),
    Mutant(
        "委託事業者の職員への決裁権限の付与を業務の規則として拒否しない",
        "REQ-APP-025",
        _approving_roles_to_anyone,
    ),
    Mutant(
        "審査請求の教示を欠く様式でも通知書の発行を記録する",
        "REQ-APP-026",
        _notice_layout_unchecked,
    ),
    Mutant(
        "決裁されていない決定に基づいて医療券・介護券を発行し随時支給を作成できる",
        "REQ-APP-022",
        _benefits_on_drafts,
    ),
    Mutant(
        "保護の廃止・停止の決定が確定しても適用日以降の医療券・介護券を発行できる",
        "REQ-MED-015",
        _tickets_past_ending,
    ),
    Mutant(
        "オンラインで提出された書類の提出日時を受信を記録した時刻にする",
        "REQ-APP-031",
        _submission_time_of_recording,
    ),
    Mutant(
        "確認待ちの一覧に、担当現業員ではなく受信を記録した職員の書類だけが出る",
        "REQ-APP-031",
        _listed_for_recorder_only,
    ),
    Mutant(
        "移管先の団体コードがなくても既定の団体で移管を登録する",
        "REQ-APP-032",
        _default_destination,
    ),
    Mutant("移管の引継ぎデータに債権を含めない", "REQ-APP-032", _claims_left_behind),
)


def test_there_are_at_least_fifteen_mutants() -> None:
    assert len(MUTANTS) >= 15
    assert len({m.name for m in MUTANTS}) == len(MUTANTS)


def test_the_kit_page_states_how_many_mutants_there_are() -> None:
    page = (ROOT / "docs" / "conformance-kit.md").read_text(encoding="utf-8")
    assert f"ライブラリを意図的に壊した {len(MUTANTS)} 通りの版" in page
    assert f"| 検出（正しい要件が不適合） | {len(MUTANTS)} |" in page


@pytest.mark.parametrize("mutant", MUTANTS, ids=[f"{m.requirement}:{m.name}" for m in MUTANTS])
def test_the_kit_reports_the_broken_requirement(
    mutant: Mutant, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mutant.apply(monkeypatch)
    report = run_on(
        mutant.target(),
        label=f"mutant: {mutant.name}",
        tags=mutant.requirement,
        report_dir=tmp_path,
    )
    results = {r.id: r for r in report.requirements}
    assert results[mutant.requirement].status is Status.FAILED, results[mutant.requirement]
    # A failed optional requirement is reported as failed but does not decide conformance.
    optional = results[mutant.requirement].level is RequirementLevel.OPTIONAL
    assert optional or not report.conforms
    failed = [s for s in results[mutant.requirement].scenarios if s.status is Status.FAILED]
    # Readable evidence: the failing step, what it expected, and the exchanges.
    assert failed[0].failed_step
    assert failed[0].expected
    assert failed[0].evidence
    assert mutant.requirement in (tmp_path / "conformance-report.html").read_text(encoding="utf-8")
