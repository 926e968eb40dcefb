"""SQL implementations of the ports of :mod:`seikatsu_std.services.ports`.

One :class:`SqlUnitOfWork` is one database transaction (one SQLAlchemy
``Session``): ``commit()`` makes its writes permanent, leaving the ``with``
block without committing rolls them back. The stores behave as the in-memory
reference (:mod:`seikatsu_std.services.memory`) does; the service tests run on
both.

Optimistic locking: ``replace`` is ``UPDATE … SET version = v + 1 WHERE id = ?
AND version = v``; if no row changed, someone else wrote first and
:class:`~seikatsu_std.services.errors.VersionConflictError` is raised (nothing
is overwritten). On PostgreSQL a concurrent writer of the same row waits for
the first to finish, then finds the version changed.

The audit chain needs a single predecessor for every entry, so appends are
serialised: on PostgreSQL ``audit.last()`` and ``audit.append()`` first take a
transaction-level advisory lock (held to commit or rollback); on SQLite every
transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time; others wait
up to the busy timeout). New cases are numbered by ``cases.next_case_number``,
which on PostgreSQL takes a second advisory lock, per office, for the same
reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Engine,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, Connection, RowMapping, make_url
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from reference_app.db.tables import (
    ApplicationRecordRow,
    ApplicationRow,
    AssetInquiryRow,
    AssistancePolicyRow,
    AuditRow,
    CalculationRow,
    CareTicketRow,
    CaseEventRow,
    CaseRecordRow,
    CaseRow,
    ClaimDecisionRow,
    ClaimRow,
    ConsultationRow,
    DecisionRow,
    HouseholdRow,
    MedicalInstitutionRow,
    MedicalTicketRow,
    NeedDeterminationRow,
    OfficeRow,
    OtherMeasureChecklistRow,
    PaymentRow,
    PersonalNumberRow,
    RecordRow,
    ReviewRequestRow,
    StaffRow,
    SubmittedDocumentRow,
    SubmittedFileRow,
    SupportInquiryRow,
    SupportObligorRow,
    TransferRow,
    WorkCapacityRow,
)
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
from seikatsu_std.model.base import Record
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
from seikatsu_std.services.audit import AccessPurpose, AuditAction, AuditEntry, AuditQuery
from seikatsu_std.services.determination_records import NeedDetermination
from seikatsu_std.services.errors import VersionConflictError
from seikatsu_std.services.models import CaseEvent
from seikatsu_std.services.ports import (
    ApplicationRecordStore,
    ApplicationStore,
    AssetInquiryStore,
    AuditStore,
    CaseRecordStore,
    CaseStore,
    ClaimDecisionStore,
    DecisionStore,
    DocumentFileStore,
    EventStore,
    NeedDeterminationStore,
    PersonalNumberStore,
    RecordStore,
    ReviewRequestStore,
    StaffStore,
    SubmittedDocumentStore,
    SupportInquiryStore,
    Versioned,
)

R = TypeVar("R", bound=Record)

#: How long an SQLite connection waits for the write lock (seconds).
SQLITE_BUSY_TIMEOUT = 30.0

#: Entries read per query when iterating the audit trail.
_AUDIT_PAGE = 1000

#: Applications still to be decided (``ApplicationStore.undecided``).
_UNDECIDED = (ApplicationStatus.RECEIVED.value, ApplicationStatus.INVESTIGATING.value)
#: Applications whose decision may still be unnotified (``ApplicationStore.unnotified``).
_UNNOTIFIED = (*_UNDECIDED, ApplicationStatus.DECIDED.value)


# ---------------------------------------------------------------- engine


def database_url(url: str | URL) -> URL:
    """``url`` with PostgreSQL URLs pointed at psycopg 3 (``postgresql+psycopg``)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``url`` (SQLite file or PostgreSQL), set up for the stores.

    SQLite: the file's folder is created, connections may cross threads, WAL
    journal, foreign keys enforced, and every transaction begins ``IMMEDIATE``
    (it takes the write lock at once, so two transactions never read the same
    audit predecessor). PostgreSQL: ``postgresql://`` URLs use psycopg 3.
    ``kwargs`` go to :func:`sqlalchemy.create_engine` (e.g. ``pool_size``).
    """
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, **kwargs)
    return create_engine(parsed, pool_pre_ping=True, json_serializer=_json_dumps, **kwargs)


def _json_dumps(value: Any) -> str:
    # Keep Japanese readable in the stored JSON (SQLite stores the text as is).
    return json.dumps(value, ensure_ascii=False)


def _sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    if in_memory:
        # One shared connection, so every thread sees the same database: for
        # tests only (its units of work must not run at the same time).
        kwargs.setdefault("poolclass", StaticPool)
    else:
        if not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # Every transaction takes the write lock (BEGIN IMMEDIATE), so only one
        # runs at a time anyway. One pooled connection makes the others wait in
        # the pool's queue, first come first served, instead of retrying the
        # lock in SQLite's busy handler (which lets late comers overtake and
        # gave a p95 several times the mean under 20 clients; docs/benchmarks.md).
        kwargs.setdefault("pool_size", 1)
        kwargs.setdefault("max_overflow", 0)
        kwargs.setdefault("pool_timeout", SQLITE_BUSY_TIMEOUT)
    connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT}
    connect_args.update(kwargs.pop("connect_args", {}))
    engine = create_engine(url, connect_args=connect_args, json_serializer=_json_dumps, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Take transaction control from the sqlite3 module (it would BEGIN
        # lazily and DEFERRED); SQLAlchemy's "begin" event below emits it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT * 1000)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# ---------------------------------------------------------------- record stores


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class _OfApplication(Protocol):
    @property
    def application_id(self) -> str: ...


class _OfCase(Protocol):
    @property
    def case_id(self) -> str: ...


def _id(record: Record) -> str:
    """The record's id (every record of the standard has one; the base class does not say so)."""
    return cast(_Identified, record).id


def _dump(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json")
    return data


class SqlRecordStore(Generic[R]):
    """Get, add and replace records of one type in one table (optimistic locking)."""

    def __init__(
        self,
        session: Session,
        table: type[RecordRow],
        model: type[R],
        kind: str,
        columns: Callable[[R], Mapping[str, Any]] = lambda _record: {},
    ) -> None:
        self._session = session
        self._table = table
        self._model = model
        self._kind = kind
        self._columns = columns

    def get(self, record_id: str) -> Versioned[R] | None:
        row = self._session.execute(
            select(self._table.data, self._table.version).where(self._table.id == record_id)
        ).one_or_none()
        return None if row is None else Versioned(self._model.model_validate(row[0]), row[1])

    def add(self, record: R) -> Versioned[R]:
        if self._current_version(_id(record)) is not None:
            raise ValueError(f"{self._kind} {_id(record)} already exists")
        self._session.execute(
            insert(self._table).values(
                id=_id(record), data=_dump(record), version=1, **self._columns(record)
            )
        )
        return Versioned(record, 1)

    def replace(self, record: R, expected_version: int) -> Versioned[R]:
        result = self._session.execute(
            update(self._table)
            .where(self._table.id == _id(record), self._table.version == expected_version)
            .values(data=_dump(record), version=expected_version + 1, **self._columns(record))
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            current = self._current_version(_id(record))
            if current is None:
                raise KeyError(_id(record))
            raise VersionConflictError(f"{self._kind} {_id(record)}", expected_version, current)
        return Versioned(record, expected_version + 1)

    def _current_version(self, record_id: str) -> int | None:
        version: int | None = self._session.scalar(
            select(self._table.version).where(self._table.id == record_id)
        )
        return version

    def _records(self, condition: ColumnElement[bool], *order: Any) -> list[R]:
        rows = self._session.scalars(select(self._table.data).where(condition).order_by(*order))
        return [self._model.model_validate(data) for data in rows]

    def _versioned(self, condition: ColumnElement[bool], *order: Any) -> list[Versioned[R]]:
        rows = self._session.execute(
            select(self._table.data, self._table.version).where(condition).order_by(*order)
        )
        return [Versioned(self._model.model_validate(data), version) for data, version in rows]

    def _id_order(self) -> ColumnElement[str]:
        """The id column sorted by code point, as Python sorts ``str`` (the memory store's order).

        Ids are plain strings in the table (collated by the database's locale on
        PostgreSQL), so the "C" collation is asked for in the ORDER BY there.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            return self._table.id.collate("C")
        return self._table.id.expression


def _household_columns(household: Household) -> dict[str, Any]:
    head = household.head
    return {"head_name": head.name, "head_kana": head.name_kana}


def _case_columns(case: Case) -> dict[str, Any]:
    return {
        "office_id": case.office_id,
        "case_number": case.case_number,
        "household_id": case.household_id,
        "status": case.status.value,
        "caseworker_id": case.caseworker_id,
    }


class SqlCaseStore(SqlRecordStore[Case]):
    """Cases, searchable within an office."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, CaseRow, Case, "case", _case_columns)

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
        query = (
            select(CaseRow.data, CaseRow.version)
            .join(HouseholdRow, HouseholdRow.id == CaseRow.household_id, isouter=True)
            .where(CaseRow.office_id == office_id)
        )
        if after is not None:
            query = query.where(CaseRow.case_number > after)
        if status is not None:
            query = query.where(CaseRow.status == status.value)
        if caseworker_id is not None:
            query = query.where(CaseRow.caseworker_id == caseworker_id)
        if text:
            query = query.where(
                or_(
                    *(
                        self._contains(column, text)
                        for column in (
                            CaseRow.case_number,
                            HouseholdRow.head_name,
                            HouseholdRow.head_kana,
                        )
                    )
                )
            )
        if limit < 1:
            return []
        query = query.order_by(CaseRow.case_number).limit(limit)
        return [
            Versioned(Case.model_validate(data), version)
            for data, version in self._session.execute(query)
        ]

    def _contains(self, column: InstrumentedAttribute[str], needle: str) -> ColumnElement[bool]:
        """Case-sensitive substring test (``needle in column``), as Python's ``in``.

        LIKE would be case-insensitive on SQLite and needs escaping; the
        position functions are exact on both databases.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            return func.strpos(column, needle) > 0
        return func.instr(column, needle) > 0

    def next_case_number(self, office_id: str, prefix: str) -> str:
        """The next number with ``prefix``; it holds until this transaction ends.

        Two transactions must never get the same number: on PostgreSQL a
        transaction-level advisory lock per office (and schema) is taken first,
        in a statement of its own, so the count sees every case committed by the
        previous holder; later numberers of the office wait for this transaction
        to end. On SQLite the ``BEGIN IMMEDIATE`` of every transaction already
        serialises them.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(
                text(
                    "SELECT pg_advisory_xact_lock(hashtextextended("
                    "'seikatsu_std.case_number:' || current_schema() || ':' || :office_id, 0))"
                ),
                {"office_id": office_id},
            )
        taken = self._session.scalar(
            select(func.count())
            .select_from(CaseRow)
            .where(CaseRow.office_id == office_id, CaseRow.case_number.startswith(prefix))
        )
        return f"{prefix}{int(taken or 0) + 1:05d}"

    def count_by_caseworker(self, office_id: str, statuses: Sequence[CaseStatus]) -> dict[str, int]:
        rows = self._session.execute(
            select(CaseRow.caseworker_id, func.count())
            .where(
                CaseRow.office_id == office_id,
                CaseRow.status.in_([status.value for status in statuses]),
            )
            .group_by(CaseRow.caseworker_id)
        )
        return {str(caseworker_id): int(count) for caseworker_id, count in rows}


def _application_columns(application: Application) -> dict[str, Any]:
    return {
        "office_id": application.office_id,
        "status": application.status.value,
        "received_on": application.received_on,
        "notified_on": application.notified_on,
    }


class SqlApplicationStore(SqlRecordStore[Application]):
    """Applications, with the undecided ones of an office."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, ApplicationRow, Application, "application", _application_columns)

    def undecided(self, office_id: str) -> list[Versioned[Application]]:
        """Received or investigating applications of the office, by date received, then id."""
        return self._versioned(
            (ApplicationRow.office_id == office_id) & ApplicationRow.status.in_(_UNDECIDED),
            ApplicationRow.received_on,
            self._id_order(),
        )

    def withdrawn(self, office_id: str) -> list[Versioned[Application]]:
        """Withdrawn applications of the office, by date received, then id."""
        return self._versioned(
            (ApplicationRow.office_id == office_id)
            & (ApplicationRow.status == ApplicationStatus.WITHDRAWN.value),
            ApplicationRow.received_on,
            self._id_order(),
        )

    def unnotified(self, office_id: str) -> list[Versioned[Application]]:
        """Applications of the office whose decision is not notified, by date received, then id."""
        return self._versioned(
            (ApplicationRow.office_id == office_id)
            & ApplicationRow.status.in_(_UNNOTIFIED)
            & ApplicationRow.notified_on.is_(None),
            ApplicationRow.received_on,
            self._id_order(),
        )


class SqlApplicationRecordStore(SqlRecordStore[R]):
    """Records of an application's investigation, in a table with an ``application_id`` column."""

    def __init__(
        self,
        session: Session,
        table: type[ApplicationRecordRow],
        model: type[R],
        kind: str,
        columns: Callable[[R], Mapping[str, Any]] = lambda _record: {},
    ) -> None:
        super().__init__(
            session,
            table,
            model,
            kind,
            lambda r: {"application_id": cast(_OfApplication, r).application_id, **columns(r)},
        )
        self._by_application = table.application_id

    def for_application(self, application_id: str) -> list[Versioned[R]]:
        """Every record of the application, in id order."""
        return self._versioned(self._by_application == application_id, self._id_order())


class SqlCaseRecordStore(SqlRecordStore[R]):
    """Records of a running case, in a table with a ``case_id`` column."""

    def __init__(
        self, session: Session, table: type[CaseRecordRow], model: type[R], kind: str
    ) -> None:
        super().__init__(
            session, table, model, kind, lambda r: {"case_id": cast(_OfCase, r).case_id}
        )
        self._by_case = table.case_id

    def for_case(self, case_id: str) -> list[Versioned[R]]:
        """Every record of the case, in id order."""
        return self._versioned(self._by_case == case_id, self._id_order())


class SqlAssetInquiryStore(SqlApplicationRecordStore[AssetInquiry]):
    """Asset inquiries, with those still unanswered."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            AssetInquiryRow,
            AssetInquiry,
            "asset inquiry",
            lambda i: {"answered_on": i.answered_on},
        )

    def unanswered(self) -> list[Versioned[AssetInquiry]]:
        """Every inquiry without an answer, the oldest first (then by id)."""
        found = self._versioned(AssetInquiryRow.answered_on.is_(None), self._id_order())
        return sorted(found, key=lambda v: v.record.sent_on)


class SqlSupportInquiryStore(SqlRecordStore[SupportInquiry]):
    """Support inquiries by application."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            SupportInquiryRow,
            SupportInquiry,
            "support inquiry",
            lambda i: {"application_id": i.application_id},
        )

    def for_application(self, application_id: str) -> list[SupportInquiry]:
        """Every support inquiry of the application, in id order."""
        return self._records(SupportInquiryRow.application_id == application_id, self._id_order())


class SqlReviewRequestStore(SqlRecordStore[ReviewRequest]):
    """Requests for review by office."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            ReviewRequestRow,
            ReviewRequest,
            "review request",
            lambda r: {
                "office_id": r.office_id,
                "case_id": r.case_id,
                "ruling_due_on": r.ruling_due_on,
            },
        )

    def for_office(self, office_id: str) -> list[Versioned[ReviewRequest]]:
        """Every request for review of the office, in id order."""
        return self._versioned(ReviewRequestRow.office_id == office_id, self._id_order())


class SqlSubmittedDocumentStore(SqlRecordStore[SubmittedDocument]):
    """Submitted documents, with those awaiting review."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            SubmittedDocumentRow,
            SubmittedDocument,
            "submitted document",
            lambda d: {
                "office_id": d.office_id,
                "case_id": d.case_id,
                "review": d.review.value,
                "submitted_at_utc": d.submitted_at,
            },
        )

    def awaiting_review(self, office_id: str) -> list[Versioned[SubmittedDocument]]:
        """The office's documents not yet confirmed, oldest submission first, then id."""
        return self._versioned(
            (SubmittedDocumentRow.office_id == office_id)
            & (SubmittedDocumentRow.review == SubmissionReview.PENDING.value),
            SubmittedDocumentRow.submitted_at_utc,
            self._id_order(),
        )


class SqlDocumentFileStore:
    """The content of submitted files, one row per document."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, document_id: str) -> bytes | None:
        content: bytes | None = self._session.scalar(
            select(SubmittedFileRow.content).where(SubmittedFileRow.document_id == document_id)
        )
        return content

    def add(self, document_id: str, content: bytes) -> None:
        if self.get(document_id) is not None:
            raise ValueError(f"file of {document_id} already exists")
        self._session.execute(
            insert(SubmittedFileRow).values(document_id=document_id, content=content)
        )


class SqlClaimDecisionStore(SqlRecordStore[ClaimDecision]):
    """Repayment and collection decisions by case."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            ClaimDecisionRow,
            ClaimDecision,
            "claim decision",
            lambda d: {"office_id": d.office_id, "case_id": d.case_id, "status": d.status.value},
        )

    def for_case(self, case_id: str) -> list[Versioned[ClaimDecision]]:
        """Every decision of the case, in id order."""
        return self._versioned(ClaimDecisionRow.case_id == case_id, self._id_order())


class SqlDecisionStore(SqlRecordStore[Decision]):
    """Decisions by case."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            DecisionRow,
            Decision,
            "decision",
            lambda d: {"case_id": d.case_id, "drafted_on": d.drafted_on},
        )

    def for_case(self, case_id: str) -> list[Decision]:
        """Oldest (drafted) first; decisions drafted the same day in id order."""
        return self._records(DecisionRow.case_id == case_id, DecisionRow.drafted_on, DecisionRow.id)


class SqlNeedDeterminationStore(SqlRecordStore[NeedDetermination]):
    """Need determinations by application."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            NeedDeterminationRow,
            NeedDetermination,
            "need determination",
            lambda n: {"application_id": n.application_id, "determined_on": n.determined_on},
        )

    def for_application(self, application_id: str) -> list[NeedDetermination]:
        """Oldest first; determinations of the same day in id order."""
        return self._records(
            NeedDeterminationRow.application_id == application_id,
            NeedDeterminationRow.determined_on,
            NeedDeterminationRow.id,
        )


class SqlStaffStore(SqlRecordStore[StaffMember]):
    """Staff by office."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session, StaffRow, StaffMember, "staff", lambda s: {"office_id": s.office_id}
        )

    def for_office(self, office_id: str) -> list[StaffMember]:
        """Every staff member of the office, in id order."""
        return self._records(StaffRow.office_id == office_id, StaffRow.id)


# ---------------------------------------------------------------- other stores


class SqlPersonalNumberStore:
    """My Numbers, in their own table (the digits in ``digits``, never in case data)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def for_member(self, member_id: str) -> PersonalNumberRecord | None:
        row = self._session.execute(
            select(PersonalNumberRow.digits, PersonalNumberRow.data).where(
                PersonalNumberRow.member_id == member_id
            )
        ).one_or_none()
        if row is None:
            return None
        digits, data = row
        return PersonalNumberRecord.model_validate({**data, "my_number": digits})

    def add(self, record: PersonalNumberRecord) -> None:
        """Store the record (replacing the member's previous one, as the memory store does)."""
        data: dict[str, Any] = record.model_dump(mode="json", context={"reveal_my_number": True})
        digits = data.pop("my_number")
        values = {"id": record.id, "digits": digits, "data": data}
        exists = self._session.scalar(
            select(PersonalNumberRow.member_id).where(
                PersonalNumberRow.member_id == record.member_id
            )
        )
        if exists is None:
            self._session.execute(
                insert(PersonalNumberRow).values(member_id=record.member_id, **values)
            )
        else:
            self._session.execute(
                update(PersonalNumberRow)
                .where(PersonalNumberRow.member_id == record.member_id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )


class SqlAuditStore:
    """The append-only audit trail (only INSERT and SELECT, never UPDATE or DELETE)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        # The last entry as this transaction knows it: once read under the lock,
        # no other transaction can append until this one ends.
        self._last: AuditEntry | None = None
        self._last_known = False

    def transaction_ended(self) -> None:
        """Forget the last entry: after a commit or rollback others may append."""
        self._last, self._last_known = None, False

    def _lock(self) -> None:
        """Serialise appenders until this transaction ends (PostgreSQL).

        A separate statement before the read: under READ COMMITTED the next
        SELECT then sees every entry committed by the previous lock holder.
        The key is per schema, so separate deployments in one database do not
        wait for each other. On SQLite the ``BEGIN IMMEDIATE`` of every
        transaction already holds the (database-wide) write lock.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(
                text(
                    "SELECT pg_advisory_xact_lock("
                    "hashtextextended('seikatsu_std.audit_log:' || current_schema(), 0))"
                )
            )

    def last(self) -> AuditEntry | None:
        if self._last_known:
            return self._last
        self._lock()
        row = (
            self._session.execute(
                select(*_AUDIT_COLUMNS).order_by(AuditRow.sequence.desc()).limit(1)
            )
            .mappings()
            .one_or_none()
        )
        self._last, self._last_known = (None if row is None else _entry(row)), True
        return self._last

    def append(self, entry: AuditEntry) -> None:
        previous = self.last()
        expected = 1 if previous is None else previous.sequence + 1
        link = None if previous is None else previous.hash
        if entry.sequence != expected or (link is not None and entry.previous_hash != link):
            raise ValueError(
                f"audit entry {entry.sequence} does not follow the last entry "
                f"({expected - 1}); build it with next_entry(audit.last(), …)"
            )
        self._session.execute(
            insert(AuditRow).values(
                sequence=entry.sequence,
                at=entry.at.isoformat(),
                at_utc=entry.at,
                actor_id=entry.actor_id,
                action=entry.action.value,
                record_type=entry.record_type,
                record_id=entry.record_id,
                case_id=entry.case_id,
                purpose=entry.purpose.value if entry.purpose else None,
                detail=entry.detail,
                previous_hash=entry.previous_hash,
                hash=entry.hash,
            )
        )
        self._last = entry

    def entries(self) -> Iterator[AuditEntry]:
        """Every entry, oldest first (read a page at a time)."""
        after = 0
        while True:
            rows = (
                self._session.execute(
                    select(*_AUDIT_COLUMNS)
                    .where(AuditRow.sequence > after)
                    .order_by(AuditRow.sequence)
                    .limit(_AUDIT_PAGE)
                )
                .mappings()
                .all()
            )
            for row in rows:
                yield _entry(row)
            if len(rows) < _AUDIT_PAGE:
                return
            after = rows[-1]["sequence"]

    def search(self, query: AuditQuery) -> list[AuditEntry]:
        """The entries meeting ``query``, newest first (indexed by actor, case and time)."""
        conditions = [
            column == value
            for column, value in (
                (AuditRow.actor_id, query.actor_id),
                (AuditRow.case_id, query.case_id),
                (AuditRow.action, query.action.value if query.action else None),
                (AuditRow.purpose, query.purpose.value if query.purpose else None),
            )
            if value is not None
        ]
        if query.since is not None:
            conditions.append(AuditRow.at_utc >= query.since)
        if query.until is not None:
            conditions.append(AuditRow.at_utc < query.until)
        if query.before is not None:
            conditions.append(AuditRow.sequence < query.before)
        rows = (
            self._session.execute(
                select(*_AUDIT_COLUMNS)
                .where(*conditions)
                .order_by(AuditRow.sequence.desc())
                .limit(query.limit)
            )
            .mappings()
            .all()
        )
        return [_entry(row) for row in rows]


_AUDIT_COLUMNS = tuple(c for c in AuditRow.__table__.columns if c.name != "at_utc")
_ACTIONS = {action.value: action for action in AuditAction}
_PURPOSES = {purpose.value: purpose for purpose in AccessPurpose}


def _entry(row: RowMapping) -> AuditEntry:
    """The entry of a row: ``at`` parsed from its ISO text, enums from their values."""
    return AuditEntry(
        sequence=row["sequence"],
        at=datetime.fromisoformat(row["at"]),
        actor_id=row["actor_id"],
        action=_ACTIONS[row["action"]],
        record_type=row["record_type"],
        record_id=row["record_id"],
        case_id=row["case_id"],
        purpose=_PURPOSES[row["purpose"]] if row["purpose"] is not None else None,
        detail=row["detail"],
        previous_hash=row["previous_hash"],
        hash=row["hash"],
    )


class SqlEventStore:
    """The history of each case."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def for_case(self, case_id: str) -> list[CaseEvent]:
        rows = self._session.scalars(
            select(CaseEventRow.data)
            .where(CaseEventRow.case_id == case_id)
            .order_by(CaseEventRow.at_utc, CaseEventRow.seq)
        )
        return [CaseEvent.model_validate(data) for data in rows]

    def add(self, event: CaseEvent) -> None:
        self._session.execute(
            insert(CaseEventRow).values(
                case_id=event.case_id, at_utc=event.at, data=event.model_dump(mode="json")
            )
        )


# ---------------------------------------------------------------- unit of work


class SqlUnitOfWork:
    """One transaction over every store (the UnitOfWork port)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        # Typed as the ports, so that SqlUnitOfWork is a UnitOfWork (protocol
        # attributes are invariant).
        self.offices: RecordStore[WelfareOffice] = SqlRecordStore(
            session, OfficeRow, WelfareOffice, "office"
        )
        self.staff: StaffStore = SqlStaffStore(session)
        self.households: RecordStore[Household] = SqlRecordStore(
            session, HouseholdRow, Household, "household", _household_columns
        )
        self.cases: CaseStore = SqlCaseStore(session)
        self.consultations: RecordStore[Consultation] = SqlRecordStore(
            session, ConsultationRow, Consultation, "consultation"
        )
        self.applications: ApplicationStore = SqlApplicationStore(session)
        self.support_inquiries: SupportInquiryStore = SqlSupportInquiryStore(session)
        self.support_obligors: ApplicationRecordStore[SupportObligorRecord] = (
            SqlApplicationRecordStore(
                session, SupportObligorRow, SupportObligorRecord, "support obligor"
            )
        )
        self.asset_inquiries: AssetInquiryStore = SqlAssetInquiryStore(session)
        self.work_capacity: ApplicationRecordStore[WorkCapacityAssessment] = (
            SqlApplicationRecordStore(
                session, WorkCapacityRow, WorkCapacityAssessment, "work capacity"
            )
        )
        self.other_measures: ApplicationRecordStore[OtherMeasureChecklist] = (
            SqlApplicationRecordStore(
                session, OtherMeasureChecklistRow, OtherMeasureChecklist, "other measures"
            )
        )
        self.decisions: DecisionStore = SqlDecisionStore(session)
        self.review_requests: ReviewRequestStore = SqlReviewRequestStore(session)
        self.claim_decisions: ClaimDecisionStore = SqlClaimDecisionStore(session)
        self.need_determinations: NeedDeterminationStore = SqlNeedDeterminationStore(session)
        self.medical_institutions: RecordStore[MedicalInstitution] = SqlRecordStore(
            session, MedicalInstitutionRow, MedicalInstitution, "medical institution"
        )
        self.medical_tickets: CaseRecordStore[MedicalTicket] = SqlCaseRecordStore(
            session, MedicalTicketRow, MedicalTicket, "medical ticket"
        )
        self.care_tickets: CaseRecordStore[CareTicket] = SqlCaseRecordStore(
            session, CareTicketRow, CareTicket, "care ticket"
        )
        self.payments: CaseRecordStore[Payment] = SqlCaseRecordStore(
            session, PaymentRow, Payment, "payment"
        )
        self.submitted_documents: SubmittedDocumentStore = SqlSubmittedDocumentStore(session)
        self.document_files: DocumentFileStore = SqlDocumentFileStore(session)
        self.claims: CaseRecordStore[Claim] = SqlCaseRecordStore(session, ClaimRow, Claim, "claim")
        self.assistance_policies: CaseRecordStore[AssistancePolicy] = SqlCaseRecordStore(
            session, AssistancePolicyRow, AssistancePolicy, "assistance policy"
        )
        self.transfers: CaseRecordStore[Transfer] = SqlCaseRecordStore(
            session, TransferRow, Transfer, "transfer"
        )
        self.calculations: RecordStore[CalculationInput] = SqlRecordStore(
            session, CalculationRow, CalculationInput, "calculation"
        )
        self.personal_numbers: PersonalNumberStore = SqlPersonalNumberStore(session)
        self._audit = SqlAuditStore(session)
        self.audit: AuditStore = self._audit
        self.events: EventStore = SqlEventStore(session)

    def __enter__(self) -> SqlUnitOfWork:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed and release the connection."""
        try:
            self._session.rollback()
        finally:
            self._audit.transaction_ended()
            self._session.close()

    def commit(self) -> None:
        """Make every write since the last commit permanent."""
        try:
            self._session.commit()
        finally:
            self._audit.transaction_ended()

    def rollback(self) -> None:
        """Discard every write since the last commit."""
        try:
            self._session.rollback()
        finally:
            self._audit.transaction_ended()


def unit_of_work_factory(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    """Opens a new :class:`SqlUnitOfWork` on ``engine`` at each call."""
    sessions = sessionmaker(engine, autoflush=False, expire_on_commit=False)

    def open_unit_of_work() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions())

    return open_unit_of_work
