"""The repayment and collection decision tests again, on the SQL stores (SQLite and PostgreSQL).

Every test of ``tests/services/test_claims.py`` is collected here a second time and
runs with ``database`` a view of a migrated SQL database (migration
``0011_claim_decisions``) loaded with the same demo office, and ``service`` the
claim decision service over the SQL unit of work.
"""

from __future__ import annotations

import pytest

from reference_app.db.stores import unit_of_work_factory
from seikatsu_std.services.claims import ClaimDecisionService
from seikatsu_std.services.demo import DemoOffice, demo_office
from seikatsu_std.services.ports import Versioned
from tests.app.sql_database import SqlDatabaseView, load, service_tests
from tests.services import test_claims as memory_tests

SERVICE_TESTS = service_tests(memory_tests)
globals().update(SERVICE_TESTS)

calculator = memory_tests.calculator


def test_the_service_tests_are_collected_here():
    assert len(SERVICE_TESTS) >= 8
    assert all(globals()[name] is test for name, test in SERVICE_TESTS.items())


@pytest.fixture(scope="module")
def claims_demo(calculator) -> DemoOffice:
    """The demo office of the memory run (8 cases)."""
    return demo_office(8, calculator=calculator)


@pytest.fixture
def database(engine, claims_demo):
    load(engine, claims_demo)
    return SqlDatabaseView(engine)


@pytest.fixture
def service(engine, database, calculator):
    return ClaimDecisionService(
        unit_of_work_factory(engine), memory_tests.on_dataset_day, calculator
    )


def test_decisions_are_found_by_case_in_id_order(engine, database, service):
    first = service.draft("cw-01", memory_tests.draft(memory_tests.REPAYMENT))
    second = service.draft("cw-01", memory_tests.draft(memory_tests.COLLECTION))
    with unit_of_work_factory(engine)() as uow:
        found = uow.claim_decisions.for_case(memory_tests.CASE)
        assert uow.claim_decisions.for_case("case-00001") == []
    expected = sorted(
        (Versioned(v.claim_decision, v.version) for v in (first, second)),
        key=lambda v: v.record.id,
    )
    assert found == expected
