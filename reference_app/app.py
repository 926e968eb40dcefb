"""The reference app: the standard API and the caseworker pages over the library.

:func:`create_app` wires the services to whatever implements the ports (SQL
in production, memory in tests); :func:`app_from_settings` builds the SQL
wiring from :class:`reference_app.settings.Settings`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI

from reference_app import problems
from reference_app.api import router as api_router
from reference_app.auth import Accounts, SessionService
from reference_app.test_clock import SettableClock, test_clock_routes
from seikatsu_std import STANDARD_VERSION
from seikatsu_std.api.contract import openapi_document
from seikatsu_std.calc import Calculator
from seikatsu_std.services.administration import AdministrationService
from seikatsu_std.services.appeals import AppealService
from seikatsu_std.services.cases import CaseService
from seikatsu_std.services.claims import ClaimDecisionService
from seikatsu_std.services.consultation_wish import ConsultationWishService
from seikatsu_std.services.determination import DeterminationService
from seikatsu_std.services.ex_officio import ExOfficioService
from seikatsu_std.services.investigations import InvestigationService
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.payments import PaymentService
from seikatsu_std.services.ports import Clock, UnitOfWorkFactory
from seikatsu_std.services.submissions import SubmissionService
from seikatsu_std.services.tickets import TicketService
from seikatsu_std.services.transfers import TransferService


def system_clock() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


def create_app(
    uow: UnitOfWorkFactory,
    accounts: Accounts,
    *,
    clock: Clock = system_clock,
    session_clock: Clock | None = None,
    calculator: Calculator | None = None,
    pages: bool = True,
) -> FastAPI:
    """The app over the given ports (``session_clock``: the clock of logins, if not ``clock``)."""
    calculator = calculator or Calculator()
    app = FastAPI(
        title="生活保護システム 参照実装",
        version=STANDARD_VERSION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.calculator = calculator
    app.state.cases = CaseService(uow, clock, calculator)
    app.state.lifecycle = LifecycleService(uow, clock, calculator)
    app.state.appeals = AppealService(uow, clock, calculator)
    app.state.administration = AdministrationService(uow, clock, calculator)
    app.state.claim_decisions = ClaimDecisionService(uow, clock, calculator)
    app.state.transfers = TransferService(uow, clock, calculator)
    app.state.consultation_wish = ConsultationWishService(uow, clock, calculator)
    app.state.determination = DeterminationService(uow, clock, calculator)
    app.state.ex_officio = ExOfficioService(uow, clock, calculator)
    app.state.investigations = InvestigationService(uow, clock, calculator)
    app.state.tickets = TicketService(uow, clock, calculator)
    app.state.payments = PaymentService(uow, clock, calculator)
    app.state.submissions = SubmissionService(uow, clock, calculator)
    app.state.sessions = SessionService(uow, accounts, session_clock or clock)
    app.state.clock = clock
    app.state.accounts = accounts
    app.include_router(api_router)
    if pages:
        from reference_app.web import install_pages

        install_pages(app)
    problems.install(app)

    def contract() -> dict[str, Any]:
        return openapi_document()

    app.openapi = contract  # type: ignore[method-assign]
    return app


def app_from_settings() -> FastAPI:
    """The production wiring: SQL storage from the environment's settings."""
    from reference_app.db.accounts import AccountStore
    from reference_app.db.migrate import upgrade
    from reference_app.db.stores import make_engine, unit_of_work_factory
    from reference_app.settings import Settings
    from seikatsu_std.standards import load_standards

    settings = Settings()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    calculator = Calculator(load_standards(), allow_provisional=settings.allow_provisional)
    fixed = settings.fixed_now
    accounts = AccountStore(engine, session_hours=settings.session_hours)
    if fixed is not None and settings.test_clock:
        clock = SettableClock(fixed)
        # Logins stay on the fixed instant: moving the date must not expire a session.
        app = create_app(
            unit_of_work_factory(engine),
            accounts,
            calculator=calculator,
            clock=clock,
            session_clock=lambda: fixed,
        )
        app.include_router(test_clock_routes(clock))
        return app
    return create_app(
        unit_of_work_factory(engine),
        accounts,
        calculator=calculator,
        clock=system_clock if fixed is None else (lambda: fixed),
    )
