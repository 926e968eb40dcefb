"""Documents submitted online (REQ-APP-031): receipt, the caseworker's list, confirmation.

Written against ``database.unit_of_work()``, the audit trail and the case events only, so
that ``tests/app/test_submission_storage.py`` runs the same tests on the SQL stores.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from seikatsu_std.model.submission import DocumentEffect, SubmissionReview, SubmittedDocumentKind
from seikatsu_std.services import submissions as submission_rules
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.errors import (
    ForbiddenError,
    NotFoundError,
    RuleViolationError,
    TransitionNotAllowedError,
    VersionConflictError,
)
from seikatsu_std.services.models import CaseEventKind
from seikatsu_std.services.submission_models import OnlineSubmission
from seikatsu_std.services.submissions import SubmissionService

#: case-00003 of the demo office (8 cases): caseworker cw-04, supervisor sv-01, one member.
CASE, HEAD, CASEWORKER = "case-00003", "syn-0000002-1", "cw-04"
#: case-00004: caseworker cw-01.
OTHER_CASE, OTHER_HEAD = "case-00004", "syn-0000003-1"
PAY_SLIP = b"%PDF-1.4 synthetic pay slip for the tests"


@pytest.fixture
def submissions(database: Any, clock: Any, calculator: Any) -> SubmissionService:
    clock.day = date(2023, 9, 20)
    return SubmissionService(database.unit_of_work, clock, calculator)


def sent(file: bytes = PAY_SLIP, **changes: object) -> OnlineSubmission:
    data: dict[str, object] = {
        "submitted_by": HEAD,
        "kind": SubmittedDocumentKind.PAY_SLIP,
        "file_name": "2023-08給与明細.pdf",
        "media_type": "application/pdf",
        "content": base64.b64encode(file).decode("ascii"),
        "submitted_at": "2023-09-05T21:00:00+09:00",
    }
    return OnlineSubmission.model_validate(data | changes)


def pending_of(database: Any) -> list[str]:
    with database.unit_of_work() as uow:
        return [
            found.record.id for found in uow.submitted_documents.awaiting_review("office-nakano")
        ]


def test_a_submission_is_recorded_with_its_file_digest_and_the_effect_of_paper(
    submissions: SubmissionService, database: Any
) -> None:
    view = submissions.submit("cw-01", CASE, sent())
    document = view.submission
    assert (document.case_id, document.submitted_by, document.kind) == (
        CASE,
        HEAD,
        SubmittedDocumentKind.PAY_SLIP,
    )
    assert document.size == len(PAY_SLIP)
    assert document.sha256 == hashlib.sha256(PAY_SLIP).hexdigest()
    assert document.submitted_at.isoformat() == "2023-09-05T21:00:00+09:00"
    assert document.effect is DocumentEffect.SAME_AS_PAPER
    assert (document.review, document.reviewed_by) == (SubmissionReview.PENDING, None)
    assert document.recorded_by == "cw-01"
    assert (view.caseworker_id, view.version) == (CASEWORKER, 1)
    assert view.submitter_name
    assert [ref.article for ref in view.effect_basis] == ["第6条", "第61条"]
    with database.unit_of_work() as uow:
        assert uow.submitted_documents.get(document.id).record == document
        assert uow.document_files.get(document.id) == PAY_SLIP
    last = database.audit[-1]
    assert (last.action, last.record_id, last.case_id) == (AuditAction.CREATE, document.id, CASE)
    assert document.sha256 in last.detail
    event = database.events[-1]
    assert (event.case_id, event.kind) == (CASE, CaseEventKind.SUBMISSION)
    assert "給与明細" in event.summary


def test_the_day_of_a_submission_is_the_day_in_japan_it_was_received(
    submissions: SubmissionService,
) -> None:
    late = submissions.submit("cw-01", CASE, sent(submitted_at="2023-09-05T23:30:00+09:00"))
    utc = submissions.submit("cw-01", CASE, sent(submitted_at="2023-09-05T15:30:00Z"))
    assert late.submission.submitted_on == date(2023, 9, 5)
    assert utc.submission.submitted_on == date(2023, 9, 6)


def test_every_broken_rule_is_named_and_nothing_is_stored(
    submissions: SubmissionService, database: Any
) -> None:
    audited = len(database.audit)
    wrong = sent(b"", submitted_by=OTHER_HEAD, submitted_at="2023-09-21T09:00:00+09:00")
    with pytest.raises(RuleViolationError) as refused:
        submissions.submit("cw-01", CASE, wrong)
    assert [v.code for v in refused.value.violations] == [
        "submitter_in_household",
        "not_in_future",
        "file_not_empty",
    ]
    assert OTHER_HEAD in refused.value.detail_ja
    assert pending_of(database) == []
    assert len(database.audit) == audited


def test_a_file_over_the_limit_is_refused(
    submissions: SubmissionService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(submission_rules, "MAX_FILE_BYTES", 10)
    with pytest.raises(RuleViolationError) as refused:
        submissions.submit("cw-01", CASE, sent(b"more than ten bytes"))
    assert [v.code for v in refused.value.violations] == ["file_size"]


def test_content_that_is_not_base64_is_refused_by_the_request_model() -> None:
    with pytest.raises(ValidationError):
        sent(content="not base64!")


def test_an_unknown_case_is_not_found_and_outsourced_staff_may_not_record(
    submissions: SubmissionService, database: Any
) -> None:
    with pytest.raises(NotFoundError, match="case-99999"):
        submissions.submit("cw-01", "case-99999", sent())
    with pytest.raises(ForbiddenError):
        submissions.submit("out-01", CASE, sent())
    assert database.audit[-1].action is AuditAction.DENIED


def test_the_list_shows_the_cases_of_the_staff_in_charge_oldest_first(
    submissions: SubmissionService, database: Any
) -> None:
    later = submissions.submit("cw-01", CASE, sent(submitted_at="2023-09-10T08:00:00+09:00"))
    earlier = submissions.submit("cw-01", CASE, sent(kind=SubmittedDocumentKind.INCOME_DECLARATION))
    others = submissions.submit(
        "cw-01",
        OTHER_CASE,
        sent(submitted_by=OTHER_HEAD, submitted_at="2023-09-07T12:00:00+09:00"),
    )

    def listed(staff_id: str) -> list[str]:
        return [v.submission.id for v in submissions.pending_for_me(staff_id).items]

    assert listed(CASEWORKER) == [earlier.submission.id, later.submission.id]
    assert listed("cw-01") == [others.submission.id]
    assert listed("sv-01") == [earlier.submission.id, others.submission.id, later.submission.id]
    assert listed("cw-02") == []
    assert database.audit[-1].action is AuditAction.READ
    mine = submissions.pending_for_me(CASEWORKER)
    assert (mine.staff_id, mine.as_of) == (CASEWORKER, date(2023, 9, 20))
    assert mine.items[0].submission.kind is SubmittedDocumentKind.INCOME_DECLARATION


def test_a_document_is_confirmed_once_and_leaves_the_list(
    submissions: SubmissionService, database: Any
) -> None:
    view = submissions.submit("cw-01", CASE, sent())
    document_id = view.submission.id
    confirmed = submissions.confirm(CASEWORKER, document_id, view.version)
    assert confirmed.submission.review is SubmissionReview.CONFIRMED
    assert confirmed.submission.reviewed_by == CASEWORKER
    assert confirmed.submission.reviewed_at == datetime.fromisoformat("2023-09-20T10:00:00+09:00")
    assert confirmed.version == 2
    assert pending_of(database) == []
    assert submissions.pending_for_me(CASEWORKER).items == []
    with pytest.raises(TransitionNotAllowedError, match="already confirmed"):
        submissions.confirm("sv-01", document_id, confirmed.version)
    with pytest.raises(TransitionNotAllowedError):
        submissions.confirm("sv-01", document_id, view.version)


def test_confirming_needs_the_version_read_and_a_caseworker_or_supervisor(
    submissions: SubmissionService, database: Any
) -> None:
    view = submissions.submit("cw-01", CASE, sent())
    document_id = view.submission.id
    for staff_id in ("out-01", "med-01", "chief-01"):
        with pytest.raises(ForbiddenError):
            submissions.confirm(staff_id, document_id, view.version)
    with pytest.raises(VersionConflictError):
        submissions.confirm(CASEWORKER, document_id, view.version + 1)
    with pytest.raises(NotFoundError):
        submissions.confirm(CASEWORKER, "submission-missing", 1)
    assert pending_of(database) == [document_id]
