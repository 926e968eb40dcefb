"""In-memory implementations of the ports, for tests and the in-process conformance target.

A :class:`MemoryDatabase` holds the data; each :class:`MemoryUnitOfWork` works
on a copy and writes it back on commit, so an exception leaves the database
as it was (the same contract as a database transaction).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Generic, TypeVar

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
from seikatsu_std.model.intake import ApplicationStatus
from seikatsu_std.model.investigation import (
    AssetInquiry,
    OtherMeasureChecklist,
    SupportObligorRecord,
    WorkCapacityAssessment,
)
from seikatsu_std.model.medical import MedicalInstitution, MedicalTicket
from seikatsu_std.model.payments import Payment
from seikatsu_std.model.submission import SubmissionReview
from seikatsu_std.services.audit import AuditEntry, AuditQuery
from seikatsu_std.services.determination_records import NeedDetermination
from seikatsu_std.services.errors import VersionConflictError
from seikatsu_std.services.models import CaseEvent
from seikatsu_std.services.ports import UnitOfWork, Versioned

T = TypeVar("T", bound=Any)


@dataclass
class MemoryDatabase:
    """The committed state."""

    tables: dict[str, dict[str, tuple[Any, int]]] = field(default_factory=dict)
    personal_numbers: dict[str, PersonalNumberRecord] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)

    def unit_of_work(self) -> MemoryUnitOfWork:
        """A new unit of work over this database."""
        return MemoryUnitOfWork(self)

    @classmethod
    def loaded(cls, load: Callable[[UnitOfWork], None]) -> MemoryDatabase:
        """A database holding what ``load`` adds (e.g. ``demo_office(60).load``), committed."""
        database = cls()
        uow = database.unit_of_work()
        load(uow)
        uow.commit()
        return database


class MemoryStore(Generic[T]):
    """A record store over one table of a unit of work's working copy."""

    def __init__(self, rows: dict[str, tuple[T, int]], kind: str) -> None:
        self._rows = rows
        self._kind = kind

    def get(self, record_id: str) -> Versioned[T] | None:
        found = self._rows.get(record_id)
        return None if found is None else Versioned(found[0], found[1])

    def add(self, record: T) -> Versioned[T]:
        if record.id in self._rows:
            raise ValueError(f"{self._kind} {record.id} already exists")
        self._rows[record.id] = (record, 1)
        return Versioned(record, 1)

    def replace(self, record: T, expected_version: int) -> Versioned[T]:
        current = self._rows.get(record.id)
        if current is None:
            raise KeyError(record.id)
        if current[1] != expected_version:
            raise VersionConflictError(f"{self._kind} {record.id}", expected_version, current[1])
        self._rows[record.id] = (record, expected_version + 1)
        return Versioned(record, expected_version + 1)

    def values(self) -> list[tuple[T, int]]:
        return list(self._rows.values())

    def _owned_by(self, owner: str, owner_id: str) -> list[Versioned[T]]:
        """The records whose field ``owner`` (``application_id``, ``case_id``) is ``owner_id``,
        in id order."""
        return [
            Versioned(record, version)
            for record, version in sorted(self.values(), key=lambda row: str(row[0].id))
            if getattr(record, owner) == owner_id
        ]


class MemoryCaseStore(MemoryStore[Case]):
    """Cases, with the search of :class:`~seikatsu_std.services.ports.CaseStore`."""

    def __init__(
        self, rows: dict[str, tuple[Case, int]], households: MemoryStore[Household]
    ) -> None:
        super().__init__(rows, "case")
        self._households = households

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
        found: list[Versioned[Case]] = []
        if limit < 1:
            return found
        for case, version in sorted(self.values(), key=lambda row: row[0].case_number):
            if case.office_id != office_id or (after is not None and case.case_number <= after):
                continue
            if status is not None and case.status is not status:
                continue
            if caseworker_id is not None and case.caseworker_id != caseworker_id:
                continue
            if text and not self._matches(case, text):
                continue
            found.append(Versioned(case, version))
            if len(found) >= limit:
                break
        return found

    def _matches(self, case: Case, text: str) -> bool:
        if text in case.case_number:
            return True
        household = self._households.get(case.household_id)
        head = household.record.head if household else None
        return head is not None and (text in head.name or text in head.name_kana)

    def next_case_number(self, office_id: str, prefix: str) -> str:
        taken = sum(
            1
            for case, _ in self.values()
            if case.office_id == office_id and case.case_number.startswith(prefix)
        )
        return f"{prefix}{taken + 1:05d}"

    def count_by_caseworker(self, office_id: str, statuses: Sequence[CaseStatus]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for case, _ in self.values():
            if case.office_id == office_id and case.status in statuses:
                counts[case.caseworker_id] = counts.get(case.caseworker_id, 0) + 1
        return counts


class MemoryApplicationStore(MemoryStore[Application]):
    """Applications, with the undecided ones of an office."""

    def undecided(self, office_id: str) -> list[Versioned[Application]]:
        return [
            Versioned(a, v)
            for a, v in sorted(self.values(), key=lambda row: (row[0].received_on, row[0].id))
            if a.office_id == office_id and a.status in _UNDECIDED
        ]

    def withdrawn(self, office_id: str) -> list[Versioned[Application]]:
        return [
            Versioned(a, v)
            for a, v in sorted(self.values(), key=lambda row: (row[0].received_on, row[0].id))
            if a.office_id == office_id and a.status is ApplicationStatus.WITHDRAWN
        ]

    def unnotified(self, office_id: str) -> list[Versioned[Application]]:
        return [
            Versioned(a, v)
            for a, v in sorted(self.values(), key=lambda row: (row[0].received_on, row[0].id))
            if a.office_id == office_id and a.status in _UNNOTIFIED and a.notified_on is None
        ]


class MemorySupportInquiryStore(MemoryStore[SupportInquiry]):
    """Support inquiries by application."""

    def for_application(self, application_id: str) -> list[SupportInquiry]:
        return sorted(
            (i for i, _ in self.values() if i.application_id == application_id),
            key=lambda i: i.id,
        )


class MemoryApplicationRecordStore(MemoryStore[T]):
    """Records of an application's investigation (each has ``application_id``)."""

    def for_application(self, application_id: str) -> list[Versioned[T]]:
        return self._owned_by("application_id", application_id)


class MemoryCaseRecordStore(MemoryStore[T]):
    """Records kept per case (each has ``case_id``): tickets, payments, claims, transfers …"""

    def for_case(self, case_id: str) -> list[Versioned[T]]:
        return self._owned_by("case_id", case_id)


class MemoryAssetInquiryStore(MemoryApplicationRecordStore[AssetInquiry]):
    """Asset inquiries, with those still unanswered."""

    def unanswered(self) -> list[Versioned[AssetInquiry]]:
        return [
            Versioned(record, version)
            for record, version in sorted(
                self.values(), key=lambda row: (row[0].sent_on, row[0].id)
            )
            if record.answered_on is None
        ]


class MemoryDecisionStore(MemoryStore[Decision]):
    """Decisions by case."""

    def for_case(self, case_id: str) -> list[Decision]:
        return sorted(
            (d for d, _ in self.values() if d.case_id == case_id), key=lambda d: d.drafted_on
        )


class MemoryReviewRequestStore(MemoryStore[ReviewRequest]):
    """Requests for review by office."""

    def for_office(self, office_id: str) -> list[Versioned[ReviewRequest]]:
        return [
            Versioned(r, v)
            for r, v in sorted(self.values(), key=lambda row: row[0].id)
            if r.office_id == office_id
        ]


class MemorySubmittedDocumentStore(MemoryStore[SubmittedDocument]):
    """Submitted documents, with those awaiting review."""

    def awaiting_review(self, office_id: str) -> list[Versioned[SubmittedDocument]]:
        return [
            Versioned(d, v)
            for d, v in sorted(self.values(), key=lambda row: (row[0].submitted_at, row[0].id))
            if d.office_id == office_id and d.review is SubmissionReview.PENDING
        ]


class _Files:
    def __init__(self, rows: dict[str, bytes]) -> None:
        self._rows = rows

    def get(self, document_id: str) -> bytes | None:
        return self._rows.get(document_id)

    def add(self, document_id: str, content: bytes) -> None:
        if document_id in self._rows:
            raise ValueError(f"file of {document_id} already exists")
        self._rows[document_id] = content


class MemoryClaimDecisionStore(MemoryStore[ClaimDecision]):
    """Repayment and collection decisions by case."""

    def for_case(self, case_id: str) -> list[Versioned[ClaimDecision]]:
        return [
            Versioned(d, v)
            for d, v in sorted(self.values(), key=lambda row: row[0].id)
            if d.case_id == case_id
        ]


class MemoryNeedDeterminationStore(MemoryStore[NeedDetermination]):
    """Need determinations by application."""

    def for_application(self, application_id: str) -> list[NeedDetermination]:
        return sorted(
            (n for n, _ in self.values() if n.application_id == application_id),
            key=lambda n: (n.determined_on, n.id),
        )


class MemoryStaffStore(MemoryStore[StaffMember]):
    """Staff by office."""

    def for_office(self, office_id: str) -> list[StaffMember]:
        return [s for s, _ in self.values() if s.office_id == office_id]


class _PersonalNumbers:
    def __init__(self, rows: dict[str, PersonalNumberRecord]) -> None:
        self._rows = rows

    def for_member(self, member_id: str) -> PersonalNumberRecord | None:
        return self._rows.get(member_id)

    def add(self, record: PersonalNumberRecord) -> None:
        self._rows[record.member_id] = record


class _Audit:
    def __init__(self, entries: list[AuditEntry]) -> None:
        self._entries = entries

    def last(self) -> AuditEntry | None:
        return self._entries[-1] if self._entries else None

    def append(self, entry: AuditEntry) -> None:
        self._entries.append(entry)

    def entries(self) -> Iterator[AuditEntry]:
        return iter(list(self._entries))

    def search(self, query: AuditQuery) -> list[AuditEntry]:
        found = (entry for entry in reversed(self._entries) if query.matches(entry))
        return list(itertools.islice(found, query.limit))


class _Events:
    def __init__(self, events: list[CaseEvent]) -> None:
        self._events = events

    def for_case(self, case_id: str) -> list[CaseEvent]:
        return sorted((e for e in self._events if e.case_id == case_id), key=lambda e: e.at)

    def add(self, event: CaseEvent) -> None:
        self._events.append(event)


_TABLES = (
    "offices",
    "staff",
    "households",
    "cases",
    "consultations",
    "applications",
    "support_inquiries",
    "support_obligors",
    "asset_inquiries",
    "work_capacity",
    "other_measures",
    "decisions",
    "review_requests",
    "medical_institutions",
    "medical_tickets",
    "care_tickets",
    "payments",
    "claim_decisions",
    "calculations",
    "need_determinations",
    "submitted_documents",
    "claims",
    "assistance_policies",
    "transfers",
)
_UNDECIDED = (ApplicationStatus.RECEIVED, ApplicationStatus.INVESTIGATING)
_UNNOTIFIED = (*_UNDECIDED, ApplicationStatus.DECIDED)


class MemoryUnitOfWork:
    """A unit of work on a working copy of a :class:`MemoryDatabase`."""

    def __init__(self, database: MemoryDatabase) -> None:
        self._database = database
        self._tables = {name: dict(rows) for name, rows in database.tables.items()}
        for name in _TABLES:
            self._tables.setdefault(name, {})
        self._personal_numbers = dict(database.personal_numbers)
        self._audit = list(database.audit)
        self._events = list(database.events)
        self._files = dict(database.files)
        self.offices: MemoryStore[WelfareOffice] = MemoryStore(self._tables["offices"], "office")
        self.staff = MemoryStaffStore(self._tables["staff"], "staff")
        self.households: MemoryStore[Household] = MemoryStore(
            self._tables["households"], "household"
        )
        self.cases = MemoryCaseStore(self._tables["cases"], self.households)
        self.consultations: MemoryStore[Consultation] = MemoryStore(
            self._tables["consultations"], "consultation"
        )
        self.applications = MemoryApplicationStore(self._tables["applications"], "application")
        self.support_inquiries = MemorySupportInquiryStore(
            self._tables["support_inquiries"], "support inquiry"
        )
        self.support_obligors: MemoryApplicationRecordStore[SupportObligorRecord] = (
            MemoryApplicationRecordStore(self._tables["support_obligors"], "support obligor")
        )
        self.asset_inquiries = MemoryAssetInquiryStore(
            self._tables["asset_inquiries"], "asset inquiry"
        )
        self.work_capacity: MemoryApplicationRecordStore[WorkCapacityAssessment] = (
            MemoryApplicationRecordStore(self._tables["work_capacity"], "work capacity")
        )
        self.other_measures: MemoryApplicationRecordStore[OtherMeasureChecklist] = (
            MemoryApplicationRecordStore(self._tables["other_measures"], "other measures")
        )
        self.decisions = MemoryDecisionStore(self._tables["decisions"], "decision")
        self.review_requests = MemoryReviewRequestStore(
            self._tables["review_requests"], "review request"
        )
        self.medical_institutions: MemoryStore[MedicalInstitution] = MemoryStore(
            self._tables["medical_institutions"], "medical institution"
        )
        self.medical_tickets: MemoryCaseRecordStore[MedicalTicket] = MemoryCaseRecordStore(
            self._tables["medical_tickets"], "medical ticket"
        )
        self.care_tickets: MemoryCaseRecordStore[CareTicket] = MemoryCaseRecordStore(
            self._tables["care_tickets"], "care ticket"
        )
        self.payments: MemoryCaseRecordStore[Payment] = MemoryCaseRecordStore(
            self._tables["payments"], "payment"
        )
        self.claim_decisions = MemoryClaimDecisionStore(
            self._tables["claim_decisions"], "claim decision"
        )
        self.need_determinations = MemoryNeedDeterminationStore(
            self._tables["need_determinations"], "need determination"
        )
        self.submitted_documents = MemorySubmittedDocumentStore(
            self._tables["submitted_documents"], "submitted document"
        )
        self.document_files = _Files(self._files)
        self.claims: MemoryCaseRecordStore[Claim] = MemoryCaseRecordStore(
            self._tables["claims"], "claim"
        )
        self.assistance_policies: MemoryCaseRecordStore[AssistancePolicy] = MemoryCaseRecordStore(
            self._tables["assistance_policies"], "assistance policy"
        )
        self.transfers: MemoryCaseRecordStore[Transfer] = MemoryCaseRecordStore(
            self._tables["transfers"], "transfer"
        )
        self.calculations: MemoryStore[CalculationInput] = MemoryStore(
            self._tables["calculations"], "calculation"
        )
        self.personal_numbers = _PersonalNumbers(self._personal_numbers)
        self.audit = _Audit(self._audit)
        self.events = _Events(self._events)
        self._committed = False

    def __enter__(self) -> MemoryUnitOfWork:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._committed = False

    def commit(self) -> None:
        """Write the working copy back to the database."""
        self._database.tables = {name: dict(rows) for name, rows in self._tables.items()}
        self._database.personal_numbers = dict(self._personal_numbers)
        self._database.audit = list(self._audit)
        self._database.events = list(self._events)
        self._database.files = dict(self._files)
        self._committed = True
