"""The tables of the reference app (SQLAlchemy 2, typed declarative).

Each record of the standard is stored whole as JSON in ``data`` (the record's
``model_dump(mode="json")``), beside the few columns the stores query on and a
``version`` for optimistic locking. The queried columns are copies taken from
the record on every write; ``data`` is the truth.

My Numbers live only in ``personal_numbers`` (特定個人情報 is kept apart from
case data); ``audit_log`` is append-only (no code updates or deletes it, and on
PostgreSQL a trigger refuses it, see the first migration); ``sessions`` keep the
SHA-256 of each token, never the token.

The migrations (``migrations/versions/``: ``0001_initial.py`` for the first
tables, ``0002_lifecycle.py`` for consultations, applications and support
inquiries, ``0003_review_requests.py`` for requests for review,
``0004_determination.py`` for need determinations, ``0005_intake.py`` for the
intake items, ``0006_investigations.py`` for the records of the investigations,
``0008_online_submissions.py`` for documents submitted online and their files,
``0009_transfers.py`` for claims, assistance policies and transfers,
``0010_tickets_payments.py`` for the designated medical institutions, the medical
and care tickets and the payments, ``0011_claim_decisions.py`` for the decisions on
repayments and collections)
create exactly these tables; a test compares the two.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

#: Constraint names (Alembic needs stable names to alter constraints later).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: JSON everywhere, JSONB on PostgreSQL.
JsonDocument = JSON().with_variant(JSONB(), "postgresql")

#: Text compared and sorted by code point, as Python compares ``str`` (the
#: memory store's order). SQLite's default collation already does; PostgreSQL
#: needs the "C" collation whatever the database's locale is.
SortableText = String().with_variant(String(collation="C"), "postgresql")

#: Record ids of the standard (``RecordId``: at most 64 characters).
RecordIdType = String(64)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware instant, stored in UTC, returned aware (UTC).

    SQLite has no timezone support (SQLAlchemy would drop the offset), so the
    value is converted to UTC before it is stored and marked UTC when read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware instants only")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordRow(Base):
    """Columns every stored record has: id, the record as JSON, its version."""

    __abstract__ = True

    id: Mapped[str] = mapped_column(RecordIdType, primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    version: Mapped[int] = mapped_column(Integer)


class OfficeRow(RecordRow):
    """福祉事務所 (WelfareOffice)."""

    __tablename__ = "offices"


class StaffRow(RecordRow):
    """職員 (StaffMember)."""

    __tablename__ = "staff"

    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"), index=True)


class HouseholdRow(RecordRow):
    """世帯 (Household); the head's name and kana are copied for the case search."""

    __tablename__ = "households"

    head_name: Mapped[str] = mapped_column(Text)
    head_kana: Mapped[str] = mapped_column(Text)


class CaseRow(RecordRow):
    """ケース (Case)."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("office_id", "case_number"),
        Index("ix_cases_office_caseworker_status", "office_id", "caseworker_id", "status"),
    )

    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    case_number: Mapped[str] = mapped_column(SortableText)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    status: Mapped[str] = mapped_column(String(32))
    caseworker_id: Mapped[str] = mapped_column(RecordIdType)


class ConsultationRow(RecordRow):
    """面接相談 (Consultation)."""

    __tablename__ = "consultations"


class ApplicationRow(RecordRow):
    """保護申請 (Application); office, status and date copied for the list of undecided ones."""

    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_office_status_received", "office_id", "status", "received_on"),
    )

    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    status: Mapped[str] = mapped_column(String(32))
    received_on: Mapped[date] = mapped_column(Date)
    notified_on: Mapped[date | None] = mapped_column(Date)


class SupportInquiryRow(RecordRow):
    """扶養照会 (SupportInquiry); ``application_id`` is empty for inquiries about a running case."""

    __tablename__ = "support_inquiries"

    application_id: Mapped[str | None] = mapped_column(ForeignKey("applications.id"), index=True)


class ApplicationRecordRow(RecordRow):
    """A record of an application's investigation, found by its application."""

    __abstract__ = True

    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)


class SupportObligorRow(ApplicationRecordRow):
    """扶養義務者の記録 (SupportObligorRecord)."""

    __tablename__ = "support_obligors"


class AssetInquiryRow(ApplicationRecordRow):
    """資産の照会 (AssetInquiry); the answer's date is copied for the list of unanswered ones."""

    __tablename__ = "asset_inquiries"

    answered_on: Mapped[date | None] = mapped_column(Date, index=True)


class WorkCapacityRow(ApplicationRecordRow):
    """稼働能力の調査 (WorkCapacityAssessment)."""

    __tablename__ = "work_capacity_assessments"


class OtherMeasureChecklistRow(ApplicationRecordRow):
    """他法他施策のチェックリスト (OtherMeasureChecklist)."""

    __tablename__ = "other_measure_checklists"


class DecisionRow(RecordRow):
    """保護決定 (Decision)."""

    __tablename__ = "decisions"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    drafted_on: Mapped[date] = mapped_column(Date)


class ReviewRequestRow(RecordRow):
    """審査請求 (ReviewRequest); office and ruling deadline copied for the office's list."""

    __tablename__ = "review_requests"
    __table_args__ = (Index("ix_review_requests_office_due", "office_id", "ruling_due_on"),)

    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    ruling_due_on: Mapped[date] = mapped_column(Date)


class MedicalInstitutionRow(RecordRow):
    """指定医療機関 (MedicalInstitution)."""

    __tablename__ = "medical_institutions"


class CaseRecordRow(RecordRow):
    """A record of a running case (a ticket, a payment …), found by its case."""

    __abstract__ = True

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)


class MedicalTicketRow(CaseRecordRow):
    """医療券・調剤券 (MedicalTicket)."""

    __tablename__ = "medical_tickets"


class CareTicketRow(CaseRecordRow):
    """介護券 (CareTicket)."""

    __tablename__ = "care_tickets"


class PaymentRow(CaseRecordRow):
    """支給 (Payment)."""

    __tablename__ = "payments"


class SubmittedDocumentRow(RecordRow):
    """電子的に提出された書類 (SubmittedDocument); office, case, review and time copied for the
    lists of those awaiting review."""

    __tablename__ = "submitted_documents"
    __table_args__ = (
        Index("ix_submitted_documents_office_review", "office_id", "review", "submitted_at_utc"),
    )

    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    review: Mapped[str] = mapped_column(String(32))
    submitted_at_utc: Mapped[datetime] = mapped_column(UtcDateTime)


class SubmittedFileRow(Base):
    """The content of a submitted document's file, apart from its record (which has its SHA-256)."""

    __tablename__ = "submitted_files"

    document_id: Mapped[str] = mapped_column(ForeignKey("submitted_documents.id"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ClaimDecisionRow(RecordRow):
    """返還金・徴収金の決定 (ClaimDecision), by case; office and status copied for lists."""

    __tablename__ = "claim_decisions"

    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    status: Mapped[str] = mapped_column(String(32))


class ClaimRow(CaseRecordRow):
    """債権 (Claim)."""

    __tablename__ = "claims"


class AssistancePolicyRow(CaseRecordRow):
    """援助方針 (AssistancePolicy)."""

    __tablename__ = "assistance_policies"


class TransferRow(CaseRecordRow):
    """移管 (Transfer)."""

    __tablename__ = "transfers"


class NeedDeterminationRow(RecordRow):
    """要否判定 (NeedDetermination), by application."""

    __tablename__ = "need_determinations"

    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    determined_on: Mapped[date] = mapped_column(Date)


class CalculationRow(RecordRow):
    """保護費計算の入力 (CalculationInput)."""

    __tablename__ = "calculations"


class PersonalNumberRow(Base):
    """個人番号 (PersonalNumberRecord), apart from every case table.

    ``digits`` holds the 12 digits; ``data`` the rest of the record (without
    the number).
    """

    __tablename__ = "personal_numbers"

    member_id: Mapped[str] = mapped_column(RecordIdType, primary_key=True)
    id: Mapped[str] = mapped_column(RecordIdType, unique=True)
    digits: Mapped[str] = mapped_column(String(12))
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)


class AuditRow(Base):
    """監査ログ: one :class:`~seikatsu_std.services.audit.AuditEntry` per row, append-only.

    ``at`` is the entry's ``at.isoformat()`` (the text the hash covers, offset
    included), so an entry reads back exactly as it was hashed; ``at_utc`` is
    the same instant, indexed, for searches by period.
    """

    __tablename__ = "audit_log"

    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    at_utc: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor_id: Mapped[str] = mapped_column(RecordIdType, index=True)
    action: Mapped[str] = mapped_column(String(32))
    record_type: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(Text)
    case_id: Mapped[str | None] = mapped_column(RecordIdType, index=True)
    purpose: Mapped[str | None] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class CaseEventRow(Base):
    """ケースの履歴 (CaseEvent); ``seq`` keeps the order of events at the same instant."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case_at", "case_id", "at_utc"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    at_utc: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)


class AccountRow(Base):
    """A login: the staff member it belongs to and the scrypt hash of its password."""

    __tablename__ = "accounts"

    login_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))


class SessionRow(Base):
    """A login session, found by the SHA-256 of its token (the token itself is never stored)."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
