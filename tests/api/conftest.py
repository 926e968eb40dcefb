from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from reference_app.app import create_app
from seikatsu_std.calc import Calculator
from seikatsu_std.services.demo import DEMO_STAFF, JST, demo_office
from seikatsu_std.services.memory import MemoryDatabase

NOW = datetime(2023, 9, 20, 10, 0, tzinfo=JST)
PASSWORD = "test-pass"


class FakeAccounts:
    """Accounts for API tests over in-memory ports (the SQL store has its own tests)."""

    def __init__(self, staff_ids: list[str]) -> None:
        self.passwords = dict.fromkeys(staff_ids, PASSWORD)
        self.sessions: dict[str, tuple[str, datetime]] = {}

    def verify(self, login_id: str, password: str) -> str | None:
        return login_id if self.passwords.get(login_id) == password else None

    def open_session(self, staff_id: str, now: datetime) -> tuple[str, datetime]:
        token = secrets.token_urlsafe(16)
        self.sessions[token] = (staff_id, now + timedelta(hours=8))
        return token, now + timedelta(hours=8)

    def resolve(self, token: str, now: datetime) -> str | None:
        found = self.sessions.get(token)
        return found[0] if found and found[1] > now else None

    def revoke(self, token: str) -> None:
        self.sessions.pop(token, None)


@pytest.fixture(scope="session")
def demo():
    return demo_office(25, calculator=Calculator())


@pytest.fixture
def database(demo):
    return MemoryDatabase.loaded(demo.load)


@pytest.fixture
def client(database):
    accounts = FakeAccounts([s[0] for s in DEMO_STAFF])
    app = create_app(database.unit_of_work, accounts, clock=lambda: NOW, pages=False)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def login(client):
    def as_staff(staff_id: str) -> dict[str, str]:
        response = client.post(
            "/api/v1/sessions", json={"login_id": staff_id, "password": PASSWORD}
        )
        assert response.status_code == 201, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    return as_staff
