"""The reference app's test clock: off by default, and when on it moves the business date only."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from reference_app.app import create_app
from reference_app.settings import Settings
from reference_app.test_clock import SettableClock, test_clock_routes
from seikatsu_std.conformance.targets import INPROCESS_NOW, TEST_CLOCK_PATH
from seikatsu_std.services.memory import MemoryDatabase
from tests.api.conftest import FakeAccounts


def test_the_test_clock_needs_a_fixed_instant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEIKATSU_APP_TEST_CLOCK", "true")
    monkeypatch.delenv("SEIKATSU_APP_FIXED_NOW", raising=False)
    with pytest.raises(ValidationError, match="SEIKATSU_APP_FIXED_NOW"):
        Settings()


def test_an_app_without_it_has_no_such_route() -> None:
    app = create_app(MemoryDatabase().unit_of_work, FakeAccounts(["cw-01"]), pages=False)
    client = TestClient(app)
    assert client.put(TEST_CLOCK_PATH, json={"today": "2023-12-28"}).status_code in (404, 405)


def test_the_date_moves_and_comes_back_at_the_fixed_time_of_day() -> None:
    clock = SettableClock(INPROCESS_NOW)
    app = create_app(
        MemoryDatabase().unit_of_work,
        FakeAccounts(["cw-01"]),
        clock=clock,
        session_clock=lambda: INPROCESS_NOW,
        pages=False,
    )
    app.include_router(test_clock_routes(clock))
    client = TestClient(app)
    assert client.put(TEST_CLOCK_PATH, json={"today": "2023-12-28"}).status_code == 204
    assert app.state.clock() == datetime.combine(date(2023, 12, 28), INPROCESS_NOW.timetz())
    assert client.put(TEST_CLOCK_PATH, json={"today": "not a day"}).status_code == 422
    assert client.delete(TEST_CLOCK_PATH).status_code == 204
    assert app.state.clock() == INPROCESS_NOW
