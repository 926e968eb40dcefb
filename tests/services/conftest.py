"""What the service tests share: the demo office in memory, a clock the test moves, the services."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from seikatsu_std.calc import Calculator
from seikatsu_std.conformance.steps import vectors
from seikatsu_std.services.demo import JST, demo_office
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.memory import MemoryDatabase


class Clock:
    """A clock the test moves."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 10, 0, tzinfo=JST)


@pytest.fixture(scope="module")
def calculator():
    return Calculator()


@pytest.fixture(scope="module")
def vector_input():
    return vectors()["place-nakano-family-of-4"]


@pytest.fixture
def clock():
    return Clock(date(2023, 6, 1))


@pytest.fixture
def database(calculator):
    return MemoryDatabase.loaded(demo_office(8, calculator=calculator).load)


@pytest.fixture
def service(database, clock, calculator):
    return LifecycleService(database.unit_of_work, clock, calculator)
