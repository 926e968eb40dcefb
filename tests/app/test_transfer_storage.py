"""The transfer service tests again, on the SQL stores (SQLite and PostgreSQL).

Every test of ``tests/services/test_transfers.py`` is collected here a second time
and runs with the fixtures of this module: ``database`` is a view of a migrated SQL
database loaded with the same demo office (claims, assistance policies and
transfers included), ``service`` the lifecycle service over the SQL unit of work.
"""

from __future__ import annotations

import pytest

from reference_app.db.stores import unit_of_work_factory
from seikatsu_std.services.demo import DemoOffice, demo_office
from seikatsu_std.services.lifecycle import LifecycleService
from tests.app.sql_database import SqlDatabaseView, load, service_tests
from tests.services import conftest as service_fixtures
from tests.services import test_transfers as memory_tests

#: The tests of tests/services/test_transfers.py, collected here as well.
SERVICE_TESTS = service_tests(memory_tests)
globals().update(SERVICE_TESTS)

calculator = service_fixtures.calculator
clock = service_fixtures.clock
transfers = memory_tests.transfers


def test_the_service_tests_are_collected_here():
    assert len(SERVICE_TESTS) >= 8
    assert all(globals()[name] is test for name, test in SERVICE_TESTS.items())


@pytest.fixture(scope="module")
def transfer_demo(calculator) -> DemoOffice:
    """The demo office of the memory run (8 cases)."""
    return demo_office(8, calculator=calculator)


@pytest.fixture
def database(engine, transfer_demo):
    load(engine, transfer_demo)
    return SqlDatabaseView(engine)


@pytest.fixture
def service(engine, database, clock, calculator):
    return LifecycleService(unit_of_work_factory(engine), clock, calculator)


def test_claims_and_policies_are_stored_per_case(database, transfer_demo):
    with database.unit_of_work() as uow:
        for policy in transfer_demo.assistance_policies:
            assert [v.record for v in uow.assistance_policies.for_case(policy.case_id)] == [policy]
        (claim,) = transfer_demo.claims
        assert uow.claims.for_case(claim.case_id)[0].record == claim
        assert uow.claims.get(claim.id).version == 1
        assert uow.claims.for_case("case-00001") == []
