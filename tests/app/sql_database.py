"""A SQL database seen as the memory service tests see a ``MemoryDatabase``.

The service tests of ``tests/services`` read the committed state through
``database.tables[name]``, ``database.audit`` and ``database.events`` and open
units of work with ``database.unit_of_work()``; :class:`SqlDatabaseView` offers
the same over a SQL database, read afresh at every access, so those tests run
unchanged on the SQL stores (``test_storage.py``, ``test_lifecycle_storage.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, select, text, update

from reference_app.db.stores import SqlUnitOfWork, unit_of_work_factory
from reference_app.db.tables import (
    ApplicationRow,
    AuditRow,
    CalculationRow,
    CareTicketRow,
    CaseEventRow,
    CaseRow,
    ClaimDecisionRow,
    ClaimRow,
    ConsultationRow,
    DecisionRow,
    HouseholdRow,
    MedicalInstitutionRow,
    MedicalTicketRow,
    OfficeRow,
    PaymentRow,
    StaffRow,
    SupportInquiryRow,
    TransferRow,
)
from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.model import (
    Application,
    Case,
    ClaimDecision,
    Consultation,
    Decision,
    Household,
    StaffMember,
    SupportInquiry,
    Transfer,
    WelfareOffice,
)
from seikatsu_std.model.care import CareTicket
from seikatsu_std.model.claims import Claim
from seikatsu_std.model.medical import MedicalInstitution, MedicalTicket
from seikatsu_std.model.payments import Payment
from seikatsu_std.services.audit import AuditEntry
from seikatsu_std.services.models import CaseEvent

#: The record tables of a ``MemoryDatabase`` (the same names) and their rows and models.
TABLES: dict[str, tuple[Any, type[Any]]] = {
    "offices": (OfficeRow, WelfareOffice),
    "staff": (StaffRow, StaffMember),
    "households": (HouseholdRow, Household),
    "cases": (CaseRow, Case),
    "consultations": (ConsultationRow, Consultation),
    "applications": (ApplicationRow, Application),
    "support_inquiries": (SupportInquiryRow, SupportInquiry),
    "decisions": (DecisionRow, Decision),
    "claim_decisions": (ClaimDecisionRow, ClaimDecision),
    "calculations": (CalculationRow, CalculationInput),
    "medical_institutions": (MedicalInstitutionRow, MedicalInstitution),
    "medical_tickets": (MedicalTicketRow, MedicalTicket),
    "care_tickets": (CareTicketRow, CareTicket),
    "payments": (PaymentRow, Payment),
    "transfers": (TransferRow, Transfer),
    "claims": (ClaimRow, Claim),
}


def load(engine: Engine, loader: Any) -> None:
    """Add what ``loader.load(uow)`` adds (e.g. a ``DemoOffice``) and commit."""
    with unit_of_work_factory(engine)() as uow:
        loader.load(uow)
        uow.commit()


def tamper(engine: Engine, sequence: int, /, **values: Any) -> None:
    """Change an audit row directly in SQL, as someone with access to the database could.

    On PostgreSQL the trigger refuses that even to the owner; a superuser can
    still switch triggers off for the session (``session_replication_role``),
    which is what this does there, so the hash chain is the last line.
    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(update(AuditRow).where(AuditRow.sequence == sequence).values(**values))


class AuditView:
    """The audit trail in SQL, as a list (``database.audit`` of the memory tests)."""

    def __init__(self, engine: Engine) -> None:
        self._uow = unit_of_work_factory(engine)
        self._engine = engine

    def _entries(self) -> list[AuditEntry]:
        with self._uow() as uow:
            return list(uow.audit.entries())

    def __iter__(self) -> Iterator[AuditEntry]:
        return iter(self._entries())

    def __len__(self) -> int:
        return len(self._entries())

    def __getitem__(self, index: int) -> AuditEntry:
        return self._entries()[index]

    def __setitem__(self, index: int, entry: AuditEntry) -> None:
        content = entry.content()
        sequence = self._entries()[index].sequence
        tamper(self._engine, sequence, **{**content, "hash": entry.hash})


class SqlDatabaseView:
    """What the memory service tests read of a ``MemoryDatabase``, read from SQL."""

    def __init__(self, engine: Engine) -> None:
        self.audit = AuditView(engine)
        self._engine = engine

    @property
    def tables(self) -> Mapping[str, dict[str, tuple[Any, int]]]:
        return _TableView(self._engine)

    @property
    def events(self) -> list[CaseEvent]:
        """Every case event, in the order they were added (``MemoryDatabase.events``)."""
        with self._engine.connect() as connection:
            rows = connection.scalars(select(CaseEventRow.data).order_by(CaseEventRow.seq))
            return [CaseEvent.model_validate(data) for data in rows]

    def unit_of_work(self) -> SqlUnitOfWork:
        """A unit of work over the same database (as ``MemoryDatabase.unit_of_work``)."""
        return unit_of_work_factory(self._engine)()


class _TableView(Mapping[str, dict[str, tuple[Any, int]]]):
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __getitem__(self, name: str) -> dict[str, tuple[Any, int]]:
        table, model = TABLES[name]
        with self._engine.connect() as connection:
            rows = connection.execute(select(table.id, table.data, table.version))
            return {row.id: (model.model_validate(row.data), row.version) for row in rows}

    def __iter__(self) -> Iterator[str]:
        return iter(TABLES)

    def __len__(self) -> int:
        return len(TABLES)


def service_tests(*modules: ModuleType) -> dict[str, Callable[..., Any]]:
    """The test functions of memory service-test modules, to be collected again in a storage
    test module (``globals().update(...)``) and run there over the SQL stores."""
    return {
        name: test
        for module in modules
        for name, test in vars(module).items()
        if name.startswith("test_") and callable(test)
    }
