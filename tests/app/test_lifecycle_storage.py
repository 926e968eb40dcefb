"""The lifecycle service tests again, on the SQL stores (SQLite and PostgreSQL).

Every test of ``tests/services/test_lifecycle.py`` and ``test_determination.py`` is collected here a second
time and runs with the fixtures of this module: ``database`` is a view of a
migrated SQL database loaded with the same demo office (what those tests read
of a ``MemoryDatabase``: tables, audit trail, case events), and ``service`` is
the lifecycle service over the SQL unit of work.
"""

from __future__ import annotations

import pytest

from reference_app.db.stores import unit_of_work_factory
from seikatsu_std.services.demo import DemoOffice, demo_office
from seikatsu_std.services.determination import DeterminationService
from seikatsu_std.services.ex_officio import ExOfficioService
from seikatsu_std.services.lifecycle import LifecycleService
from tests.app.sql_database import SqlDatabaseView, load, service_tests
from tests.services import conftest as service_fixtures
from tests.services import test_determination as determination_tests
from tests.services import test_lifecycle as memory_tests

#: The tests of tests/services/test_lifecycle.py and test_determination.py, collected here as well.
SERVICE_TESTS = service_tests(memory_tests, determination_tests)
globals().update(SERVICE_TESTS)

# The fixtures those tests share with the memory run (module-scoped ones are
# computed once per module).
calculator = service_fixtures.calculator
vector_input = service_fixtures.vector_input
clock = service_fixtures.clock


def test_the_service_tests_are_collected_here():
    assert len(SERVICE_TESTS) >= 10
    assert all(globals()[name] is test for name, test in SERVICE_TESTS.items())


@pytest.fixture(scope="module")
def lifecycle_demo(calculator) -> DemoOffice:
    """The demo office of the memory run (8 cases)."""
    return demo_office(8, calculator=calculator)


@pytest.fixture
def database(engine, lifecycle_demo):
    load(engine, lifecycle_demo)
    return SqlDatabaseView(engine)


@pytest.fixture
def service(engine, database, clock, calculator):
    return LifecycleService(unit_of_work_factory(engine), clock, calculator)


@pytest.fixture
def determination(engine, database, clock, calculator):
    return DeterminationService(unit_of_work_factory(engine), clock, calculator)


@pytest.fixture
def ex_officio(engine, database, clock, calculator):
    return ExOfficioService(unit_of_work_factory(engine), clock, calculator)
