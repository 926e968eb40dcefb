"""The ticket and payment service tests again, on the SQL stores (SQLite and PostgreSQL).

Every test of ``tests/services/test_tickets.py`` and
``tests/services/test_ticket_endings.py`` is collected here a second time and runs with this module's ``database``: a view of a migrated SQL
database loaded with the same demo office (its tables, its audit trail, its
units of work), so the rules, the stores of the tickets and payments and the
designated medical institutions are checked on both databases.
"""

from __future__ import annotations

import pytest

from seikatsu_std.services.demo import DemoOffice, demo_office
from tests.app.sql_database import SqlDatabaseView, load, service_tests
from tests.services import test_ticket_endings as ending_tests
from tests.services import test_tickets as memory_tests

#: The tests of tests/services/test_tickets.py and test_ticket_endings.py, collected here too.
SERVICE_TESTS = service_tests(memory_tests, ending_tests)
globals().update(SERVICE_TESTS)

calculator = memory_tests.calculator
tickets = memory_tests.tickets
payments = memory_tests.payments
lifecycle = ending_tests.lifecycle


def test_the_service_tests_are_collected_here() -> None:
    assert len(SERVICE_TESTS) >= 15
    assert all(globals()[name] is test for name, test in SERVICE_TESTS.items())


@pytest.fixture(scope="module")
def tickets_demo(calculator) -> DemoOffice:
    """The demo office of the memory run (8 cases)."""
    return demo_office(8, calculator=calculator)


@pytest.fixture
def database(engine, tickets_demo):
    load(engine, tickets_demo)
    return SqlDatabaseView(engine)
