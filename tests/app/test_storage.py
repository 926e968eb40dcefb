"""The SQL stores: the service tests again, the audit chain, My Number apart, accounts.

Every test of ``tests/services/test_cases.py`` runs here a second time, on the
SQL unit of work over SQLite and over PostgreSQL: they are collected from that
module and use the fixtures of this one (``database`` here is a view of the
SQL database with what those tests read of a ``MemoryDatabase``, see
``sql_database.py``).
"""

from __future__ import annotations

import hashlib
import inspect as pyinspect
import typing
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import inspect, select, text, update

from reference_app.db.accounts import AccountStore, MemoryAccountStore, token_hash
from reference_app.db.stores import unit_of_work_factory
from reference_app.db.tables import AuditRow, PersonalNumberRow
from seikatsu_std.calc import Calculator
from seikatsu_std.model import Application, Consultation, SupportInquiry
from seikatsu_std.model.intake import ApplicationStatus
from seikatsu_std.model.personal_number import IdentityDocument
from seikatsu_std.services.audit import (
    AccessPurpose,
    AuditAction,
    AuditEntry,
    next_entry,
    verify_chain,
)
from seikatsu_std.services.cases import CaseService
from seikatsu_std.services.demo import JST
from seikatsu_std.services.errors import VersionConflictError
from seikatsu_std.services.memory import MemoryDatabase
from seikatsu_std.services.ports import UnitOfWork, Versioned
from tests.app.sql_database import SqlDatabaseView, load, service_tests, tamper
from tests.services import test_cases as memory_tests
from tests.support import load_example

NOW = memory_tests.NOW

# ---------------------------------------------------------------- the service tests, on SQL

#: The tests of tests/services/test_cases.py, collected here as well.
SERVICE_TESTS = service_tests(memory_tests)
globals().update(SERVICE_TESTS)


def test_the_service_tests_are_collected_here():
    assert len(SERVICE_TESTS) >= 10
    assert all(globals()[name] is test for name, test in SERVICE_TESTS.items())


@pytest.fixture
def database(engine, demo):
    load(engine, demo)
    return SqlDatabaseView(engine)


@pytest.fixture
def service(engine, database):
    return CaseService(unit_of_work_factory(engine), lambda: NOW, Calculator())


# ---------------------------------------------------------------- stores


def _port_stores() -> dict[str, type[Any]]:
    """Each store of the UnitOfWork port and its protocol (``RecordStore[X]`` → RecordStore)."""
    stores = {}
    for name, member in vars(UnitOfWork).items():
        if isinstance(member, property) and member.fget is not None:
            returned = typing.get_type_hints(member.fget)["return"]
            stores[name] = typing.get_origin(returned) or returned
    return stores


def test_the_sql_unit_of_work_has_every_store_and_method_of_the_port(engine):
    stores = _port_stores()
    assert {"consultations", "applications", "support_inquiries", "cases"} <= set(stores)
    with unit_of_work_factory(engine)() as uow:
        for name, protocol in stores.items():
            store = getattr(uow, name)
            wanted = {
                method
                for method, _ in pyinspect.getmembers(protocol, pyinspect.isfunction)
                if not method.startswith("_")
            }
            missing = {method for method in wanted if not callable(getattr(store, method, None))}
            assert not missing, f"uow.{name} lacks {sorted(missing)}"


def test_records_round_trip_and_stale_writes_never_overwrite(engine, demo):
    load(engine, demo)
    uow_factory = unit_of_work_factory(engine)
    case = demo.cases[0]
    with uow_factory() as uow:
        assert uow.cases.get(case.id).record == case
        assert uow.households.get(demo.households[0].id).record == demo.households[0]
        assert uow.calculations.get(demo.calculations[0].id).record == demo.calculations[0]
        assert uow.decisions.for_case(case.id) == [demo.decisions[0]]
        assert uow.events.for_case(case.id) == [e for e in demo.events if e.case_id == case.id]
        with pytest.raises(ValueError, match="already exists"):
            uow.cases.add(case)
        with pytest.raises(KeyError):
            uow.cases.replace(case.model_copy(update={"id": "case-nope"}), 1)
        moved = case.model_copy(update={"caseworker_id": "cw-04"})
        assert uow.cases.replace(moved, 1).version == 2
        uow.commit()
    with uow_factory() as uow:
        with pytest.raises(VersionConflictError) as excinfo:
            uow.cases.replace(case, 1)
        assert excinfo.value.current == 2
        assert uow.cases.get(case.id).record.caseworker_id == "cw-04"
        # The queried columns follow the record.
        mine = uow.cases.search("office-nakano", caseworker_id="cw-04", limit=100)
        assert case.id in {found.record.id for found in mine}


def test_uncommitted_writes_are_rolled_back(engine, demo):
    load(engine, demo)
    uow_factory = unit_of_work_factory(engine)
    case = demo.cases[0]
    with uow_factory() as uow:
        uow.cases.replace(case.model_copy(update={"visit_grade_code": "Z"}), 1)

    def fail_half_way() -> None:
        with uow_factory() as uow:
            uow.cases.replace(case.model_copy(update={"visit_grade_code": "Z"}), 1)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fail_half_way()
    with uow_factory() as uow:
        stored = uow.cases.get(case.id)
        assert (stored.version, stored.record.visit_grade_code) == (1, case.visit_grade_code)


def test_search_matches_the_memory_store(engine, demo):
    from seikatsu_std.services.memory import MemoryDatabase

    load(engine, demo)
    memory = MemoryDatabase()
    with memory.unit_of_work() as uow:
        demo.load(uow)
        uow.commit()
    head = demo.households[5].head
    queries: list[dict[str, Any]] = [
        {},
        {"limit": 7},
        {"limit": 0},
        {"after": "N-00012", "limit": 5},
        {"text": "N-0001"},
        {"text": "n-0001"},  # case-sensitive, as Python's "in"
        {"text": head.name},
        {"text": head.name_kana[1:3]},
        {"text": ""},
        {"text": "%"},
        {"caseworker_id": "cw-03", "status": demo.cases[0].status},
    ]
    with memory.unit_of_work() as expected, unit_of_work_factory(engine)() as actual:
        for query in queries:
            want = [
                (v.record.id, v.version) for v in expected.cases.search("office-nakano", **query)
            ]
            got = [(v.record.id, v.version) for v in actual.cases.search("office-nakano", **query)]
            assert got == want, query
        assert actual.cases.search("office-other") == []
        statuses = [demo.cases[0].status]
        assert actual.cases.count_by_caseworker(
            "office-nakano", statuses
        ) == expected.cases.count_by_caseworker("office-nakano", statuses)
        assert sorted(s.id for s in actual.staff.for_office("office-nakano")) == sorted(
            s.id for s in expected.staff.for_office("office-nakano")
        )


def _lifecycle_records(
    case_id: str,
) -> tuple[list[Consultation], list[Application], list[SupportInquiry]]:
    """Consultations, applications of two offices and support inquiries, ids in awkward orders."""
    consultation = {**load_example("consultation"), "outcome": "continuing"}
    consultations = [
        Consultation.model_validate({**consultation, "id": record_id, "application_id": None})
        for record_id in ("cons-1", "cons-2")
    ]
    application = load_example("application")
    received = ApplicationStatus.RECEIVED
    rows = [
        ("app-9", "office-nakano", date(2025, 3, 18), received),
        ("app-10", "office-nakano", date(2025, 3, 18), received),
        ("app-B", "office-nakano", date(2025, 3, 18), received),
        ("app-_", "office-nakano", date(2025, 3, 18), received),
        ("app-a", "office-nakano", date(2025, 3, 17), received),
        ("app-c", "office-nakano", date(2025, 3, 19), ApplicationStatus.INVESTIGATING),
        ("app-d", "office-nakano", date(2025, 3, 1), ApplicationStatus.DECIDED),
        ("app-e", "office-nakano", date(2025, 3, 2), ApplicationStatus.WITHDRAWN),
        ("app-f", "office-other", date(2025, 3, 3), received),
    ]
    applications = [
        Application.model_validate(
            {
                **application,
                "id": record_id,
                "office_id": office,
                "received_on": day.isoformat(),
                "status": status.value,
            }
        )
        for record_id, office, day, status in rows
    ]
    inquiry = load_example("support_inquiry")
    inquiries = [
        SupportInquiry.model_validate({**inquiry, "id": record_id, "application_id": app})
        for record_id, app in (
            ("sup-2", "app-9"),
            ("sup-10", "app-9"),
            ("sup-1", "app-9"),
            ("sup-3", "app-10"),
        )
    ]
    inquiries.append(
        SupportInquiry.model_validate(
            {**inquiry, "id": "sup-0", "application_id": None, "case_id": case_id}
        )
    )
    return consultations, applications, inquiries


def test_the_lifecycle_stores_match_the_memory_stores(engine, demo):
    load(engine, demo)
    memory = MemoryDatabase.loaded(demo.load)
    other_office = demo.office.model_copy(update={"id": "office-other"})
    consultations, applications, inquiries = _lifecycle_records(demo.cases[0].id)
    with memory.unit_of_work() as expected, unit_of_work_factory(engine)() as actual:
        for uow in (expected, actual):
            uow.offices.add(other_office)
            for consultation in consultations:
                uow.consultations.add(consultation)
            for application in applications:
                uow.applications.add(application)
            for inquiry in inquiries:
                uow.support_inquiries.add(inquiry)
            # The queried columns follow the record: one leaves the list, one moves in it.
            decided = applications[0].model_copy(update={"status": ApplicationStatus.DECIDED})
            assert uow.applications.replace(decided, 1).version == 2
            later = applications[1].model_copy(update={"received_on": date(2025, 3, 20)})
            assert uow.applications.replace(later, 1).version == 2

        def undecided(uow: Any, office: str) -> list[tuple[str, int]]:
            return [(v.record.id, v.version) for v in uow.applications.undecided(office)]

        assert undecided(actual, "office-nakano") == undecided(expected, "office-nakano")
        assert [record_id for record_id, _ in undecided(actual, "office-nakano")] == [
            "app-a",
            "app-B",
            "app-_",
            "app-c",
            "app-10",
        ]
        assert undecided(actual, "office-other") == undecided(expected, "office-other")
        assert undecided(actual, "office-nowhere") == []
        for application_id in ("app-9", "app-10", "app-a"):
            got = actual.support_inquiries.for_application(application_id)
            assert got == expected.support_inquiries.for_application(application_id)
        assert [i.id for i in actual.support_inquiries.for_application("app-9")] == [
            "sup-1",
            "sup-10",
            "sup-2",
        ]
        assert actual.support_inquiries.get("sup-0").record == inquiries[-1]
        assert actual.consultations.get("cons-2").record == consultations[1]
        for office in ("office-nakano", "office-other", "office-nowhere"):
            for prefix in ("N-", "2023-", "N-0000"):
                number = actual.cases.next_case_number(office, prefix)
                assert number == expected.cases.next_case_number(office, prefix)
        assert (
            actual.cases.next_case_number("office-nakano", "N-") == f"N-{len(demo.cases) + 1:05d}"
        )
        with pytest.raises(ValueError, match="already exists"):
            actual.applications.add(applications[2])
        actual.commit()
    with unit_of_work_factory(engine)() as uow:
        assert uow.consultations.replace(consultations[0], 1).version == 2
        assert uow.support_inquiries.replace(inquiries[0], 1).version == 2
        for store, record in (
            (uow.consultations, consultations[0]),
            (uow.applications, applications[0]),
            (uow.support_inquiries, inquiries[0]),
        ):
            with pytest.raises(VersionConflictError) as excinfo:
                store.replace(record, 1)
            assert excinfo.value.current == 2
        assert uow.applications.get("app-9") == Versioned(
            applications[0].model_copy(update={"status": ApplicationStatus.DECIDED}), 2
        )


# ---------------------------------------------------------------- audit


def _chain(previous: AuditEntry | None, count: int) -> list[AuditEntry]:
    moments = [
        datetime(2023, 9, 20, 10, 0, 0, 123456, tzinfo=JST),
        datetime(2023, 9, 20, 1, 0, tzinfo=UTC),
        datetime(2023, 9, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
        datetime(2023, 9, 19, 20, 30, 5, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
    ]
    entries = []
    for number in range(count):
        previous = next_entry(
            previous,
            at=moments[number % len(moments)],
            actor_id="cw-01",
            action=list(AuditAction)[number % len(AuditAction)],
            record_type="case",
            record_id=f"case-{number:05d}/世帯",
            case_id=None if number % 3 else f"case-{number:05d}",
            purpose=None if number % 2 else list(AccessPurpose)[number % len(AccessPurpose)],
            detail=f"閲覧 {number} «detail» \u3000",
        )
        entries.append(previous)
    return entries


def test_the_audit_chain_round_trips_exactly(engine):
    uow_factory = unit_of_work_factory(engine)
    with uow_factory() as uow:
        assert uow.audit.last() is None
        first = _chain(None, 9)
        for entry in first:
            uow.audit.append(entry)
        uow.commit()
    with uow_factory() as uow:
        second = _chain(uow.audit.last(), 8)
        for entry in second:
            uow.audit.append(entry)
        uow.commit()
    with uow_factory() as uow:
        stored = list(uow.audit.entries())
        assert uow.audit.last() == second[-1]
    assert stored == first + second
    assert [e.at.isoformat() for e in stored] == [e.at.isoformat() for e in first + second]
    assert verify_chain(stored).ok


def test_append_refuses_an_entry_that_does_not_follow_the_last(engine):
    uow_factory = unit_of_work_factory(engine)
    with uow_factory() as uow:
        first = _chain(None, 1)[0]
        uow.audit.append(first)
        with pytest.raises(ValueError, match="does not follow"):
            uow.audit.append(first)
        with pytest.raises(ValueError, match="does not follow"):
            uow.audit.append(_chain(None, 3)[2])


def test_audit_entries_are_read_a_page_at_a_time(engine, monkeypatch):
    monkeypatch.setattr("reference_app.db.stores._AUDIT_PAGE", 4)
    entries = _chain(None, 10)
    with unit_of_work_factory(engine)() as uow:
        for entry in entries:
            uow.audit.append(entry)
        assert list(uow.audit.entries()) == entries


def test_an_update_made_directly_in_sqlite_breaks_the_chain(sqlite_engine):
    uow_factory = unit_of_work_factory(sqlite_engine)
    with uow_factory() as uow:
        for entry in _chain(None, 5):
            uow.audit.append(entry)
        uow.commit()
    with sqlite_engine.begin() as connection:
        connection.execute(update(AuditRow).where(AuditRow.sequence == 3).values(detail="改ざん"))
    with uow_factory() as uow:
        report = verify_chain(uow.audit.entries())
    assert (report.ok, report.first_broken) == (False, 3)


def test_postgres_refuses_to_change_or_remove_audit_entries(postgres_engine):
    from sqlalchemy.exc import DBAPIError

    uow_factory = unit_of_work_factory(postgres_engine)
    with uow_factory() as uow:
        for entry in _chain(None, 5):
            uow.audit.append(entry)
        uow.commit()
    for statement in (
        update(AuditRow).where(AuditRow.sequence == 3).values(detail="改ざん"),
        AuditRow.__table__.delete().where(AuditRow.sequence == 5),
        text("TRUNCATE audit_log"),
    ):
        with (
            pytest.raises(DBAPIError, match="audit_log is append-only"),
            postgres_engine.begin() as connection,
        ):
            connection.execute(statement)
    with uow_factory() as uow:
        assert verify_chain(uow.audit.entries()).ok
    # A superuser can switch the trigger off; the chain still shows the change.
    tamper(postgres_engine, 3, detail="改ざん")
    with uow_factory() as uow:
        assert verify_chain(uow.audit.entries()).first_broken == 3


# ---------------------------------------------------------------- My Number


def test_my_number_digits_are_kept_only_in_their_own_table(engine, demo):
    load(engine, demo)
    digits = {record.my_number.reveal() for record in demo.personal_numbers}
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            if table == PersonalNumberRow.__tablename__:
                continue
            dump = " ".join(
                str(value)
                for row in connection.execute(text(f"SELECT * FROM {table}"))
                for value in row
            )
            assert not any(number in dump for number in digits), table
        stored = connection.execute(select(PersonalNumberRow.digits, PersonalNumberRow.data)).all()
    assert {row.digits for row in stored} == digits
    assert all("my_number" not in row.data for row in stored)
    record = demo.personal_numbers[0]
    with unit_of_work_factory(engine)() as uow:
        found = uow.personal_numbers.for_member(record.member_id)
        assert found == record
        assert found.my_number.reveal() == record.my_number.reveal()
        assert uow.personal_numbers.for_member("nobody") is None
        # Adding again for the same member replaces the record (as the memory store does).
        changed = record.model_copy(update={"identity_document": IdentityDocument.RESIDENT_RECORD})
        uow.personal_numbers.add(changed)
        assert uow.personal_numbers.for_member(record.member_id) == changed


# ---------------------------------------------------------------- accounts and sessions


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def accounts(request, demo):
    if request.param == "memory":
        return MemoryAccountStore(session_hours=8)
    engine = request.getfixturevalue(f"{request.param}_engine")
    with unit_of_work_factory(engine)() as uow:
        uow.offices.add(demo.office)
        for member in demo.staff:
            uow.staff.add(member)
        uow.commit()
    return AccountStore(engine, session_hours=8)


def test_a_login_needs_the_right_password(accounts):
    accounts.create("cw-01", "cw-01", "correct horse")
    accounts.create("sv-01", "sv-01", "correct horse")
    assert accounts.verify("cw-01", "correct horse") == "cw-01"
    assert accounts.verify("sv-01", "correct horse") == "sv-01"
    assert accounts.verify("cw-01", "correct horse ") is None
    assert accounts.verify("cw-01", "") is None
    assert accounts.verify("nobody", "correct horse") is None
    with pytest.raises(ValueError, match="already exists"):
        accounts.create("cw-01", "cw-02", "other")
    assert accounts.verify("cw-01", "correct horse") == "cw-01"


def test_sessions_expire_and_can_be_revoked(accounts):
    accounts.create("cw-01", "cw-01", "pw")
    token, expires_at = accounts.open_session("cw-01", NOW)
    assert expires_at == NOW + timedelta(hours=8)
    assert accounts.resolve(token, NOW) == "cw-01"
    assert accounts.resolve(token, (expires_at - timedelta(seconds=1)).astimezone(UTC)) == "cw-01"
    assert accounts.resolve(token, expires_at) is None
    assert accounts.resolve(token + "x", NOW) is None
    other, _ = accounts.open_session("cw-01", NOW)
    accounts.revoke(token)
    assert accounts.resolve(token, NOW) is None
    assert accounts.resolve(other, NOW) == "cw-01"
    accounts.revoke("no-such-token")


def test_neither_passwords_nor_tokens_are_stored_in_clear(engine, demo):
    with unit_of_work_factory(engine)() as uow:
        uow.offices.add(demo.office)
        uow.staff.add(demo.staff[0])
        uow.commit()
    accounts = AccountStore(engine)
    accounts.create("cw-01", "cw-01", "s3cret-pass")
    accounts.create("cw-01b", "cw-01", "s3cret-pass")
    token, _ = accounts.open_session("cw-01", NOW)
    with engine.connect() as connection:
        hashes = [row[0] for row in connection.execute(text("SELECT password_hash FROM accounts"))]
        sessions = [
            tuple(row)
            for row in connection.execute(
                text("SELECT token_hash, staff_id, expires_at FROM sessions")
            )
        ]
    assert all(h.startswith("scrypt$16384$8$1$") and "s3cret" not in h for h in hashes)
    assert hashes[0] != hashes[1]  # a salt of its own per account
    assert len(sessions) == 1
    assert token not in " ".join(str(value) for value in sessions[0])
    assert sessions[0][0] == token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
