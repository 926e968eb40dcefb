"""Fuzz the reference app against the whole published contract (schemas/openapi.json).

Schemathesis generates requests for every operation of the document and sends
them in-process (ASGI transport, no network) to the app over in-memory ports
with 25 demo cases (plus an open consultation and an undecided application for
the lifecycle operations), authenticated as a supervisor. Every response must: not be
a 5xx, have a status code the document declares for the operation, the
declared content type, and a body that conforms to the declared schema.
Generation is derandomized so a failure reproduces.
"""

from __future__ import annotations

import zlib
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from reference_app.app import create_app
from seikatsu_std.calc import Calculator
from seikatsu_std.services.demo import DEMO_STAFF, demo_office
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.memory import MemoryDatabase
from seikatsu_std.services.models import ApplicationDraft, ConsultationDraft
from tests.api.conftest import NOW, PASSWORD, FakeAccounts
from tests.api.lifecycle_bodies import application, consultation, vector_case
from tests.support import SCHEMAS

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: Real ids, so that generated requests also reach records that exist.
KNOWN = {
    "office_id": "office-nakano",
    "case_id": "case-00001",
    "member_id": None,  # filled in from the demo household
    "decision_id": "dec-00001",
    "consultation_id": None,  # filled in from the records made for the run
    "application_id": None,
}


class LazyApp:
    """The ASGI app, built on first use (not at collection time)."""

    def __init__(self) -> None:
        self._app: FastAPI | None = None

    def get(self) -> FastAPI:
        if self._app is None:
            demo = demo_office(25, calculator=Calculator())
            database = MemoryDatabase()
            uow = database.unit_of_work()
            demo.load(uow)
            uow.commit()
            KNOWN["member_id"] = demo.households[0].head.id
            accounts = FakeAccounts([s[0] for s in DEMO_STAFF])
            self._app = create_app(database.unit_of_work, accounts, clock=lambda: NOW, pages=False)
            _lifecycle_records(self._app.state.lifecycle)
        return self._app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.get()(scope, receive, send)


def _lifecycle_records(service: LifecycleService) -> None:
    """An open consultation and an undecided application, for the lifecycle operations."""
    vector = vector_case()
    opened = service.open_consultation(
        "cw-01", ConsultationDraft.model_validate(consultation(True))
    )
    received = service.receive_application(
        "cw-01",
        ApplicationDraft.model_validate(
            application(vector, consultation_id=opened.consultation.id)
        ),
    )
    KNOWN["consultation_id"] = opened.consultation.id
    KNOWN["application_id"] = received.application.id


APP = LazyApp()


def _login(staff_id: str = "sv-01") -> dict[str, str]:
    with TestClient(APP.get()) as client:
        response = client.post(
            "/api/v1/sessions", json={"login_id": staff_id, "password": PASSWORD}
        )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture(scope="module")
def supervisor() -> dict[str, str]:
    return _login()


schema = schemathesis.openapi.from_path(SCHEMAS / "openapi.json")
schema.app = APP  # in-process: requests go to the ASGI app, never to the network


@schema.hook("map_path_parameters")
def known_ids(ctx, path_parameters):  # type: ignore[no-untyped-def]
    """Replace about half of the generated ids by ids of the demo data."""
    if path_parameters:
        for name in path_parameters:
            # crc32, not hash(): the choice must not depend on the process's hash seed.
            if KNOWN.get(name) and zlib.crc32(str(path_parameters[name]).encode()) % 2 == 0:
                path_parameters[name] = KNOWN[name]
    return path_parameters


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_response_conforms_to_the_contract(case, supervisor):  # type: ignore[no-untyped-def]
    # Logging out must not end the session the other operations use.
    logout = case.operation.method.upper() == "DELETE" and case.path.endswith("/sessions/current")
    headers = _login() if logout else supervisor
    case.call_and_validate(headers=headers, checks=CHECKS)
