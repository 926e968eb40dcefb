"""The tests of documents submitted online again, on the SQL stores (SQLite and PostgreSQL).

Every test of ``tests/services/test_submissions.py`` is collected here a second time and
runs over a migrated SQL database loaded with the same demo office: the records, the
files kept apart from them, the list of those awaiting review and the audit trail.
"""

from __future__ import annotations

import pytest

from seikatsu_std.services.demo import DemoOffice, demo_office
from tests.app.sql_database import SqlDatabaseView, load, service_tests
from tests.services import conftest as service_fixtures
from tests.services import test_submissions as memory_tests

SERVICE_TESTS = service_tests(memory_tests)
globals().update(SERVICE_TESTS)

calculator = service_fixtures.calculator
clock = service_fixtures.clock
submissions = memory_tests.submissions


def test_the_submission_tests_are_collected_here():
    assert len(SERVICE_TESTS) >= 8
    assert all(globals()[name] is test for name, test in SERVICE_TESTS.items())


@pytest.fixture(scope="module")
def submission_demo(calculator) -> DemoOffice:
    """The demo office of the memory run (8 cases)."""
    return demo_office(8, calculator=calculator)


@pytest.fixture
def database(engine, submission_demo):
    load(engine, submission_demo)
    return SqlDatabaseView(engine)
