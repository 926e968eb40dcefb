"""Ports: what the services need from storage, independent of any database.

The reference app implements them with SQLAlchemy; :mod:`seikatsu_std.services.memory`
implements them in memory for tests and the conformance kit's in-process
target. Every aggregate carries a version: a write names the version it read
and fails with :class:`~seikatsu_std.services.errors.VersionConflictError` if
someone else wrote first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import Generic, Protocol, TypeVar

import attrs

from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.model import (
    Application,
    AssistancePolicy,
    Case,
    CaseStatus,
    Claim,
    ClaimDecision,
    Consultation,
    Decision,
    Household,
    PersonalNumberRecord,
    ReviewRequest,
    StaffMember,
    SubmittedDocument,
    SupportInquiry,
    Transfer,
    WelfareOffice,
)
from seikatsu_std.model.care import CareTicket
from seikatsu_std.model.investigation import (
    AssetInquiry,
    OtherMeasureChecklist,
    SupportObligorRecord,
    WorkCapacityAssessment,
)
from seikatsu_std.model.medical import MedicalInstitution, MedicalTicket
from seikatsu_std.model.payments import Payment
from seikatsu_std.services.audit import AuditEntry, AuditQuery
from seikatsu_std.services.determination_records import NeedDetermination
from seikatsu_std.services.models import CaseEvent

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: Returns the current time (timezone-aware); injected so services never read the clock.
Clock = Callable[[], datetime]


@attrs.frozen
class Versioned(Generic[T]):
    """A stored record and the version it has in storage."""

    record: T
    version: int


class RecordStore(Protocol[T]):
    """Get, add and replace records of one type, with optimistic locking."""

    def get(self, record_id: str) -> Versioned[T] | None:
        """The record with ``record_id``, or None."""

    def add(self, record: T) -> Versioned[T]:
        """Store a new record (version 1). Raises ValueError if the id exists."""

    def replace(self, record: T, expected_version: int) -> Versioned[T]:
        """Replace the record if it still has ``expected_version`` (else VersionConflictError)."""


class CaseStore(RecordStore[Case], Protocol):
    """Cases, searchable within an office."""

    def search(
        self,
        office_id: str,
        *,
        text: str | None = None,
        status: CaseStatus | None = None,
        caseworker_id: str | None = None,
        limit: int = 50,
        after: str | None = None,
    ) -> list[Versioned[Case]]:
        """Cases of ``office_id`` ordered by case number, after the case number ``after``.

        ``text`` matches the case number or the household head's name or kana.
        """

    def count_by_caseworker(self, office_id: str, statuses: Sequence[CaseStatus]) -> dict[str, int]:
        """Number of cases in ``statuses`` per caseworker of ``office_id``."""

    def next_case_number(self, office_id: str, prefix: str) -> str:
        """The next case number of ``office_id`` that starts with ``prefix`` (``2023-00001``, …).

        The number holds until the unit of work ends: two units of work never
        get the same one (implementations serialise numbering per office).
        """


class ApplicationStore(RecordStore[Application], Protocol):
    """Applications for assistance, by office."""

    def undecided(self, office_id: str) -> list[Versioned[Application]]:
        """The applications of ``office_id`` still to be decided (received or investigating)."""

    def withdrawn(self, office_id: str) -> list[Versioned[Application]]:
        """The withdrawn applications of ``office_id``, by date received."""

    def unnotified(self, office_id: str) -> list[Versioned[Application]]:
        """The applications of ``office_id`` whose decision is not notified yet (received,
        investigating, or decided without the notice sent), by date received."""


class SupportInquiryStore(RecordStore[SupportInquiry], Protocol):
    """Support inquiries (扶養照会), by application."""

    def for_application(self, application_id: str) -> list[SupportInquiry]:
        """Every support inquiry of ``application_id``."""


class ReviewRequestStore(RecordStore[ReviewRequest], Protocol):
    """Requests for review (審査請求), by office."""

    def for_office(self, office_id: str) -> list[Versioned[ReviewRequest]]:
        """Every request for review of a decision of ``office_id``."""


class SubmittedDocumentStore(RecordStore[SubmittedDocument], Protocol):
    """Documents recipients submitted online, with those awaiting review."""

    def awaiting_review(self, office_id: str) -> list[Versioned[SubmittedDocument]]:
        """The documents of ``office_id`` not yet confirmed, oldest submission first (then id)."""


class DocumentFileStore(Protocol):
    """The content of submitted files, kept apart from the records (which hold the digest)."""

    def get(self, document_id: str) -> bytes | None:
        """The content of the file of ``document_id``, or None."""

    def add(self, document_id: str, content: bytes) -> None:
        """Keep the content of the file of ``document_id`` (ValueError if it exists)."""


class NeedDeterminationStore(RecordStore[NeedDetermination], Protocol):
    """Need determinations (要否判定), by application."""

    def for_application(self, application_id: str) -> list[NeedDetermination]:
        """Every need determination of ``application_id``, oldest first."""


class ApplicationRecordStore(RecordStore[T], Protocol):
    """Records made while investigating an application (obligors, inquiries …), by application."""

    def for_application(self, application_id: str) -> list[Versioned[T]]:
        """Every record of ``application_id``, in id order."""


class AssetInquiryStore(ApplicationRecordStore[AssetInquiry], Protocol):
    """Asset inquiries (法29条調査), with those still unanswered."""

    def unanswered(self) -> list[Versioned[AssetInquiry]]:
        """Every inquiry without an answer, the oldest first (then by id)."""


class CaseRecordStore(RecordStore[T], Protocol):
    """Records of a running case (tickets, payments …), by case."""

    def for_case(self, case_id: str) -> list[Versioned[T]]:
        """Every record of ``case_id``, in id order."""


class DecisionStore(RecordStore[Decision], Protocol):
    """Decisions, by case."""

    def for_case(self, case_id: str) -> list[Decision]:
        """Every decision of ``case_id``, oldest first."""


class ClaimDecisionStore(RecordStore[ClaimDecision], Protocol):
    """Decisions on repayments and collections (返還金・徴収金の決定), by case."""

    def for_case(self, case_id: str) -> list[Versioned[ClaimDecision]]:
        """Every repayment or collection decision of ``case_id``, in id order."""


class StaffStore(RecordStore[StaffMember], Protocol):
    """Staff members, by office."""

    def for_office(self, office_id: str) -> list[StaffMember]:
        """Every staff member of ``office_id``."""


class PersonalNumberStore(Protocol):
    """My Numbers, stored apart from case data."""

    def for_member(self, member_id: str) -> PersonalNumberRecord | None:
        """The My Number record of a household member, or None."""

    def add(self, record: PersonalNumberRecord) -> None:
        """Store a My Number record."""


class AuditStore(Protocol):
    """The append-only audit trail."""

    def last(self) -> AuditEntry | None:
        """The newest entry (None if the trail is empty)."""

    def append(self, entry: AuditEntry) -> None:
        """Add an entry after the current last one."""

    def entries(self) -> Iterator[AuditEntry]:
        """Every entry, oldest first."""

    def search(self, query: AuditQuery) -> list[AuditEntry]:
        """The entries meeting ``query``, newest first, at most ``query.limit``."""


class EventStore(Protocol):
    """The history of each case."""

    def for_case(self, case_id: str) -> list[CaseEvent]:
        """The events of ``case_id``, oldest first."""

    def add(self, event: CaseEvent) -> None:
        """Record an event."""


class UnitOfWork(Protocol):
    """One transaction over every store: all writes commit together or not at all."""

    @property
    def offices(self) -> RecordStore[WelfareOffice]: ...
    @property
    def staff(self) -> StaffStore: ...
    @property
    def households(self) -> RecordStore[Household]: ...
    @property
    def cases(self) -> CaseStore: ...
    @property
    def consultations(self) -> RecordStore[Consultation]: ...
    @property
    def applications(self) -> ApplicationStore: ...
    @property
    def support_inquiries(self) -> SupportInquiryStore: ...
    @property
    def support_obligors(self) -> ApplicationRecordStore[SupportObligorRecord]: ...
    @property
    def asset_inquiries(self) -> AssetInquiryStore: ...
    @property
    def work_capacity(self) -> ApplicationRecordStore[WorkCapacityAssessment]: ...
    @property
    def other_measures(self) -> ApplicationRecordStore[OtherMeasureChecklist]: ...
    @property
    def decisions(self) -> DecisionStore: ...
    @property
    def review_requests(self) -> ReviewRequestStore: ...
    @property
    def medical_institutions(self) -> RecordStore[MedicalInstitution]: ...
    @property
    def medical_tickets(self) -> CaseRecordStore[MedicalTicket]: ...
    @property
    def care_tickets(self) -> CaseRecordStore[CareTicket]: ...
    @property
    def payments(self) -> CaseRecordStore[Payment]: ...
    @property
    def claim_decisions(self) -> ClaimDecisionStore: ...
    @property
    def need_determinations(self) -> NeedDeterminationStore: ...
    @property
    def submitted_documents(self) -> SubmittedDocumentStore: ...
    @property
    def document_files(self) -> DocumentFileStore: ...
    @property
    def claims(self) -> CaseRecordStore[Claim]: ...
    @property
    def assistance_policies(self) -> CaseRecordStore[AssistancePolicy]: ...
    @property
    def transfers(self) -> CaseRecordStore[Transfer]: ...
    @property
    def calculations(self) -> RecordStore[CalculationInput]: ...
    @property
    def personal_numbers(self) -> PersonalNumberStore: ...
    @property
    def audit(self) -> AuditStore: ...
    @property
    def events(self) -> EventStore: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Roll back unless committed."""

    def commit(self) -> None:
        """Make every write of this unit permanent."""


#: Opens a new unit of work.
UnitOfWorkFactory = Callable[[], UnitOfWork]
