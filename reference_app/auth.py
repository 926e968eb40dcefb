"""Log in and out: password check, bearer sessions, audit of every attempt."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from fastapi import Request

from reference_app.problems import UnauthenticatedError
from seikatsu_std.model import StaffMember
from seikatsu_std.services.audit import AuditAction, next_entry
from seikatsu_std.services.ports import Clock, UnitOfWorkFactory


class Accounts(Protocol):
    """Login ids, password hashes and sessions (SQL or in memory)."""

    def verify(self, login_id: str, password: str) -> str | None:
        """The staff id of the account if the password is right."""

    def open_session(self, staff_id: str, now: datetime) -> tuple[str, datetime]:
        """A new session token and its expiry."""

    def resolve(self, token: str, now: datetime) -> str | None:
        """The staff id of a live session."""

    def revoke(self, token: str) -> None:
        """End a session."""


class SessionService:
    """Login and logout with audit records."""

    def __init__(self, uow: UnitOfWorkFactory, accounts: Accounts, clock: Clock) -> None:
        self._uow = uow
        self._accounts = accounts
        self._clock = clock

    def login(self, login_id: str, password: str) -> tuple[str, datetime, StaffMember]:
        """Open a session; raises UnauthenticatedError (and audits the failure) if refused."""
        now = self._clock()
        staff_id = self._accounts.verify(login_id, password)
        with self._uow() as uow:
            staff = uow.staff.get(staff_id) if staff_id else None
            active = staff is not None and staff.record.active.contains(now.date())
            uow.audit.append(
                next_entry(
                    uow.audit.last(),
                    at=now,
                    actor_id=staff_id if active and staff_id else login_id[:64],
                    action=AuditAction.LOGIN if active else AuditAction.LOGIN_FAILED,
                    record_type="session",
                    record_id=login_id[:64],
                )
            )
            uow.commit()
        if not active or staff is None or staff_id is None:
            raise UnauthenticatedError
        token, expires = self._accounts.open_session(staff_id, now)
        return token, expires, staff.record

    def staff_id(self, request: Request) -> str:
        """The staff id of the request's bearer token (UnauthenticatedError if none)."""
        token = bearer_token(request)
        staff_id = self._accounts.resolve(token, self._clock()) if token else None
        if staff_id is None:
            raise UnauthenticatedError
        return staff_id

    def logout(self, request: Request) -> None:
        """Revoke the request's session."""
        token = bearer_token(request)
        if not token or self._accounts.resolve(token, self._clock()) is None:
            raise UnauthenticatedError
        self._accounts.revoke(token)


def bearer_token(request: Request) -> str | None:
    """The bearer token of the Authorization header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None
