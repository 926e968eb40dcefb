"""Concurrent units of work: optimistic locking picks one writer, the audit chain stays one chain."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from reference_app.db.stores import unit_of_work_factory
from seikatsu_std.calc import Calculator
from seikatsu_std.model import CaseStatus
from seikatsu_std.model.decision import DecisionStatus
from seikatsu_std.model.intake import ApplicationStatus
from seikatsu_std.services.audit import AccessPurpose, AuditAction, verify_chain
from seikatsu_std.services.cases import CaseService
from seikatsu_std.services.errors import TransitionNotAllowedError, VersionConflictError
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.models import CaseChanges
from tests.app.sql_database import load
from tests.services import conftest as service_fixtures
from tests.services import test_lifecycle as lifecycle_tests
from tests.services.test_cases import NOW

THREADS = 20
#: Approvers of one drafted decision at the same time (the same supervisor, the same version).
APPROVERS = 10

# The calculation input of a family of four (the service tests' fixture).
vector_input = service_fixtures.vector_input


def _service(engine, demo) -> CaseService:
    uow_factory = unit_of_work_factory(engine)
    with uow_factory() as uow:
        demo.load(uow)
        uow.commit()
    return CaseService(uow_factory, lambda: NOW, Calculator())


def test_one_of_twenty_concurrent_updates_wins_and_the_rest_conflict(postgres_engine, demo):
    service = _service(postgres_engine, demo)
    uow_factory = unit_of_work_factory(postgres_engine)
    case_id = demo.cases[0].id
    start = threading.Barrier(THREADS)

    def update(grade: str) -> str:
        with uow_factory() as uow:
            version = uow.cases.get(case_id).version
        assert version == 1
        start.wait()
        try:
            service.update_case(
                "sv-01", case_id, CaseChanges(version=version, visit_grade_code=grade)
            )
        except VersionConflictError as exc:
            return f"conflict at version {exc.current}"
        return "updated"

    grades = [f"G{n:02d}" for n in range(THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(update, grades))

    assert sorted(outcomes) == ["conflict at version 2"] * (THREADS - 1) + ["updated"]
    with uow_factory() as uow:
        stored = uow.cases.get(case_id)
        entries = list(uow.audit.entries())
        history = uow.events.for_case(case_id)
    assert stored.version == 2
    assert stored.record.visit_grade_code == grades[outcomes.index("updated")]
    assert verify_chain(entries).ok
    assert [e.action.value for e in entries] == ["update"]
    assert history[-1].summary.endswith(stored.record.visit_grade_code)


def test_concurrent_audited_reads_make_one_unbroken_chain(engine, demo):
    service = _service(engine, demo)
    cases = [case.id for case in demo.cases[:10]]

    def read(case_id: str) -> None:
        for _ in range(3):
            service.case_detail("cw-01", case_id, purpose=AccessPurpose.CASEWORK)

    with ThreadPoolExecutor(len(cases)) as pool:
        list(pool.map(read, cases))

    with unit_of_work_factory(engine)() as uow:
        entries = list(uow.audit.entries())
    assert [e.sequence for e in entries] == list(range(1, 3 * len(cases) + 1))
    assert verify_chain(entries).ok


def _lifecycle(engine, demo) -> LifecycleService:
    load(engine, demo)
    clock = service_fixtures.Clock(date(2023, 6, 1))
    return LifecycleService(unit_of_work_factory(engine), clock, Calculator())


def test_one_of_ten_concurrent_approvals_wins_and_nothing_is_half_written(
    postgres_engine, demo, vector_input
):
    service = _lifecycle(postgres_engine, demo)
    uow_factory = unit_of_work_factory(postgres_engine)
    application = service.receive_application("cw-01", lifecycle_tests._application(vector_input))
    drafted = lifecycle_tests._start(service, vector_input, application)
    decision_id, case_id = drafted.decision.id, application.case_id
    with uow_factory() as uow:
        audited_before = len(list(uow.audit.entries()))
        history_before = len(uow.events.for_case(case_id))
    start = threading.Barrier(APPROVERS)

    def approve(_: int) -> str:
        start.wait()
        try:
            service.approve_decision("sv-01", decision_id, drafted.version)
        except VersionConflictError as exc:
            return f"conflict at version {exc.current}"
        except TransitionNotAllowedError as exc:
            # Read after the winner committed: the decision is no longer a draft.
            codes = {v.code for v in exc.violations}
            return "refused" if codes == {"state"} else f"refused for {sorted(codes)}"
        return "approved"

    with ThreadPoolExecutor(APPROVERS) as pool:
        outcomes = list(pool.map(approve, range(APPROVERS)))

    assert outcomes.count("approved") == 1, outcomes
    assert set(outcomes) <= {"approved", "conflict at version 2", "refused"}, outcomes
    with uow_factory() as uow:
        decision = uow.decisions.get(decision_id)
        case = uow.cases.get(case_id)
        decided = uow.applications.get(application.application.id)
        entries = list(uow.audit.entries())
        history = uow.events.for_case(case_id)
    assert (decision.version, decision.record.status) == (2, DecisionStatus.APPROVED)
    assert decision.record.approved_by == "sv-01"
    # The case moved once (申請中 → 保護中), the application was decided once.
    assert (case.version, case.record.status) == (2, CaseStatus.ACTIVE)
    assert (decided.version, decided.record.status) == (2, ApplicationStatus.DECIDED)
    assert verify_chain(entries).ok
    new_entries = entries[audited_before:]
    assert [(e.action, e.record_id) for e in new_entries] == [(AuditAction.UPDATE, decision_id)]
    assert new_entries[0].detail.startswith("approved (start)")
    approvals = [e for e in history[history_before:] if "決裁" in e.summary]
    assert len(history) - history_before == len(approvals) == 1


def test_concurrent_start_applications_get_distinct_case_numbers(engine, demo, vector_input):
    service = _lifecycle(engine, demo)
    start = threading.Barrier(APPROVERS)

    def receive(number: int) -> str:
        household = vector_input.input.household.model_copy(update={"id": f"hh-new-{number}"})
        draft = lifecycle_tests._application(vector_input, household=household)
        start.wait()
        return service.receive_application("cw-01", draft).case_id

    with ThreadPoolExecutor(APPROVERS) as pool:
        case_ids = list(pool.map(receive, range(APPROVERS)))

    with unit_of_work_factory(engine)() as uow:
        numbers = sorted(uow.cases.get(case_id).record.case_number for case_id in case_ids)
    assert numbers == [f"2023-{n:05d}" for n in range(1, APPROVERS + 1)]
