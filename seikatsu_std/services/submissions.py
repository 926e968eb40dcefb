"""Documents recipients submit online (REQ-APP-031): receipt, the caseworker's queue, review.

The online channel. A recipient uploads a pay slip or an income declaration on
the municipality's online service; that service is not a staff member and the
standard has no logins for residents. As with electronic applications
(``receiveElectronicApplication``), the receiving system forwards what it
received with a staff account of the office (authority ``record_intake``: a
public official of the office) and records the submission on the recipient's
behalf. The record says who submitted the document (a member of the case's
household, checked against the household), when the online service received it
(提出日時, as the service says; not later than now) and which staff account
recorded it, so the two are never confused.

What is kept. The record holds the file's name, media type, size and SHA-256
digest; the content itself is kept by the system apart from the record
(:class:`~seikatsu_std.services.ports.DocumentFileStore`), because a document
that counts as handed in on paper must be there to read later: a digest alone
would prove what was sent but not let anyone read it. The digest lets anyone
check that the kept content is the submitted one.

Effect. A document submitted online counts as one handed in on paper
(:data:`~seikatsu_std.model.submission.ONLINE_EQUIVALENCE`, UNVERIFIED article);
the day it counts for is the day in Japan it was received, whatever the hour
(:func:`~seikatsu_std.services.lifecycle.received_on_of`, the rule of electronic
applications). Receipt is never refused for the state of the case: a paper
document would be taken at the counter too.

Review. Each submission waits on the list of the staff in charge of its case
(the caseworker and the case's supervisor) until a caseworker or supervisor of
the office confirms it (authority ``review_submission``); a second confirmation
is refused (409). Every read and change is audited and the receipt enters the
case's history.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid

from seikatsu_std.authority import Action
from seikatsu_std.model import Case, Household, SubmittedDocument
from seikatsu_std.model.household import HouseholdMember
from seikatsu_std.model.submission import (
    INCOME_NOTIFICATION,
    ONLINE_EQUIVALENCE,
    DocumentEffect,
    SubmissionReview,
)
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import (
    InvalidRequestError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.lifecycle import received_on_of
from seikatsu_std.services.models import CaseEventKind
from seikatsu_std.services.ports import Versioned
from seikatsu_std.services.submission_models import (
    OnlineSubmission,
    PendingSubmissions,
    SubmittedDocumentView,
)
from seikatsu_std.workflows.engine import Violation

#: The largest file the API takes (bytes): a technical limit of this implementation (a request
#: carries the file in Base64), not a value of the law.
MAX_FILE_BYTES = 10 * 1024 * 1024
_BASIS = (ONLINE_EQUIVALENCE, INCOME_NOTIFICATION)


def _new_id() -> str:
    return f"submission-{uuid.uuid4().hex[:16]}"


def _content_of(received: OnlineSubmission) -> bytes:
    """The bytes of the file (the request model already checked the Base64 alphabet)."""
    try:
        return base64.b64decode(received.content, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidRequestError(
            "ファイルの内容が Base64 として読めません", "content is not valid Base64"
        ) from exc


class SubmissionService(ServiceBase):
    """Receive documents submitted online, list those awaiting review, confirm them."""

    def submit(
        self, actor_id: str, case_id: str, received: OnlineSubmission
    ) -> SubmittedDocumentView:
        """Record a document a member of ``case_id``'s household submitted online."""
        content = _content_of(received)
        with self._uow() as uow:
            actor, found = self._open_case(
                uow, actor_id, case_id, Action.RECORD_INTAKE, record_type="submitted_document"
            )
            case = found.record
            household = self._household(uow, case)
            self._check(received, content, household)
            document = self._build(
                SubmittedDocument,
                {
                    "id": _new_id(),
                    "case_id": case.id,
                    "office_id": case.office_id,
                    "submitted_by": received.submitted_by,
                    "kind": received.kind,
                    "file_name": received.file_name,
                    "media_type": received.media_type,
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "submitted_at": received.submitted_at,
                    "submitted_on": received_on_of(received.submitted_at),
                    "effect": DocumentEffect.SAME_AS_PAPER,
                    "recorded_by": actor.id,
                    "review": SubmissionReview.PENDING,
                },
            )
            stored = uow.submitted_documents.add(document)
            uow.document_files.add(document.id, content)
            self._audit(
                uow,
                actor,
                AuditAction.CREATE,
                ("submitted_document", document.id),
                case.id,
                AccessPurpose.CASEWORK,
                f"{document.kind.value} size={document.size} sha256={document.sha256}",
            )
            self._event(
                uow,
                case.id,
                CaseEventKind.SUBMISSION,
                actor,
                f"{document.kind.label}をオンラインで受信（提出日 {document.submitted_on.isoformat()}）",
            )
            uow.commit()
        return _view(stored, case, household)

    def pending_for_me(self, actor_id: str) -> PendingSubmissions:
        """The documents awaiting review on the cases the actor is in charge of (as the
        caseworker or the case's supervisor), the oldest submission first."""
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(
                uow,
                actor,
                Action.READ_CASE,
                actor.office_id,
                record=("submitted_document_list", ""),
            )
            views: list[SubmittedDocumentView] = []
            for found in uow.submitted_documents.awaiting_review(actor.office_id):
                case = self._case(uow, found.record.case_id).record
                if actor.id in (case.caseworker_id, case.supervisor_id):
                    views.append(_view(found, case, self._household(uow, case)))
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("submitted_document_list", actor.id),
                None,
                AccessPurpose.CASEWORK,
                f"{len(views)} submissions awaiting review: "
                + ", ".join(v.submission.id for v in views),
            )
            uow.commit()
        return PendingSubmissions(staff_id=actor.id, as_of=self._today(), items=views)

    def confirm(self, actor_id: str, document_id: str, version: int) -> SubmittedDocumentView:
        """Record that a caseworker or supervisor of the office has looked at the document."""
        with self._uow() as uow:
            found = self._get(
                uow.submitted_documents.get(document_id), "提出された書類", document_id
            )
            document = found.record
            actor, case_found = self._open_case(
                uow,
                actor_id,
                document.case_id,
                Action.REVIEW_SUBMISSION,
                record_type="submitted_document",
            )
            if document.review is SubmissionReview.CONFIRMED:
                raise TransitionNotAllowedError(
                    [
                        Violation(
                            "not_yet_confirmed",
                            f"この書類は確認済です（{document.reviewed_by} が確認）",
                            f"the document was already confirmed by {document.reviewed_by}",
                        )
                    ]
                )
            updated = self._build(
                SubmittedDocument,
                {
                    **document.model_dump(),
                    "review": SubmissionReview.CONFIRMED,
                    "reviewed_by": actor.id,
                    "reviewed_at": self._clock(),
                },
            )
            stored = uow.submitted_documents.replace(updated, version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("submitted_document", document.id),
                document.case_id,
                AccessPurpose.CASEWORK,
                "review=confirmed",
            )
            uow.commit()
            case = case_found.record
            household = self._household(uow, case)
        return _view(stored, case, household)

    # ------------------------------------------------------------ rules

    def _check(self, received: OnlineSubmission, content: bytes, household: Household) -> None:
        """Every rule the submission breaks, at once (422 rule-violation; nothing written)."""
        violations: list[Violation] = []
        if _member(household, received.submitted_by) is None:
            violations.append(
                Violation(
                    "submitter_in_household",
                    f"提出者 {received.submitted_by} はこのケースの世帯の世帯員ではありません",
                    f"submitter {received.submitted_by} is not a member of the case's household",
                )
            )
        if received.submitted_at > self._clock():
            violations.append(
                Violation(
                    "not_in_future",
                    f"提出日時 {received.submitted_at.isoformat()} が現在より後です",
                    "submitted_at is in the future",
                )
            )
        if not content:
            violations.append(
                Violation("file_not_empty", "ファイルの内容が空です", "the file is empty")
            )
        elif len(content) > MAX_FILE_BYTES:
            violations.append(
                Violation(
                    "file_size",
                    f"ファイルが大きすぎます（{len(content)} バイト。上限は {MAX_FILE_BYTES} バイト）",
                    f"the file has {len(content)} bytes, more than {MAX_FILE_BYTES}",
                )
            )
        if violations:
            raise RuleViolationError(violations)


def _member(household: Household, member_id: str) -> HouseholdMember | None:
    return next((m for m in household.members if m.id == member_id), None)


def _view(
    found: Versioned[SubmittedDocument], case: Case, household: Household
) -> SubmittedDocumentView:
    member = _member(household, found.record.submitted_by)
    return SubmittedDocumentView(
        submission=found.record,
        version=found.version,
        submitter_name=member.name if member is not None else found.record.submitted_by,
        caseworker_id=case.caseworker_id,
        effect_basis=list(_BASIS),
    )
