"""Logins and sessions: scrypt password hashes, opaque session tokens stored as SHA-256.

:class:`AccountStore` keeps them in the database (tables ``accounts`` and
``sessions``); :class:`MemoryAccountStore` in memory, for tests of the app on
the in-memory ports. Both use the functions of this module for hashing, so
they accept the same passwords and tokens.

Passwords: ``hashlib.scrypt`` with a random 16-byte salt per account; the
stored string names the parameters (``scrypt$n$r$p$salt$hash``, base64), so
they can be raised later without breaking old hashes. Checks compare in
constant time and take as long for an unknown login as for a wrong password.

Sessions: the client gets ``secrets.token_urlsafe(32)``; only its SHA-256 is
kept, so a copy of the database does not let anyone in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import sessionmaker

from reference_app.db.tables import AccountRow, SessionRow

#: scrypt cost parameters for new hashes (about 16 MiB and a few tens of ms).
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_SALT_BYTES = 16
_KEY_BYTES = 32
_MAXMEM = 64 * 1024 * 1024


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=_MAXMEM
    )


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$key`` for ``password`` with a new random salt."""
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, _KEY_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


#: Checked when the login is unknown, so that case takes as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def check_password(password: str, stored: str | None) -> bool:
    """True if ``password`` matches the ``stored`` hash (None: unknown login, always False)."""
    candidate = _DUMMY_HASH if stored is None else stored
    try:
        scheme, n, r, p, salt, key = candidate.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _scrypt(
            password, base64.b64decode(salt, validate=True), int(n), int(r), int(p), len(expected)
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected) and stored is not None


def new_token() -> str:
    """A new session token for the client (never stored as is)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What is stored for a session token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- SQL


class AccountStore:
    """Accounts and sessions in the ``accounts`` and ``sessions`` tables.

    Each call is its own short transaction.
    """

    def __init__(self, engine: Engine, *, session_hours: int = 8) -> None:
        self._sessions = sessionmaker(engine, autoflush=False, expire_on_commit=False)
        self._lifetime = timedelta(hours=session_hours)

    def create(self, login_id: str, staff_id: str, password: str) -> None:
        """Add a login for ``staff_id`` (ValueError if ``login_id`` is taken)."""
        password_hash = hash_password(password)
        with self._sessions.begin() as session:
            if session.get(AccountRow, login_id) is not None:
                raise ValueError(f"login {login_id} already exists")
            session.add(
                AccountRow(login_id=login_id, staff_id=staff_id, password_hash=password_hash)
            )

    def exists(self, login_id: str) -> bool:
        """True if ``login_id`` is an account."""
        with self._sessions() as session:
            return session.get(AccountRow, login_id) is not None

    def verify(self, login_id: str, password: str) -> str | None:
        """The staff id of the account if ``password`` is right, else None."""
        with self._sessions() as session:
            row = session.execute(
                select(AccountRow.staff_id, AccountRow.password_hash).where(
                    AccountRow.login_id == login_id
                )
            ).one_or_none()
        if not check_password(password, None if row is None else row.password_hash):
            return None
        return None if row is None else row.staff_id

    def open_session(self, staff_id: str, now: datetime) -> tuple[str, datetime]:
        """A new session for ``staff_id``: the token for the client and its expiry."""
        token, expires_at = new_token(), now + self._lifetime
        with self._sessions.begin() as session:
            session.add(
                SessionRow(
                    token_hash=token_hash(token),
                    staff_id=staff_id,
                    created_at=now,
                    expires_at=expires_at,
                    revoked=False,
                )
            )
        return token, expires_at

    def resolve(self, token: str, now: datetime) -> str | None:
        """The staff id of a live session (not expired, not revoked), else None."""
        with self._sessions() as session:
            row = session.execute(
                select(SessionRow.staff_id, SessionRow.expires_at, SessionRow.revoked).where(
                    SessionRow.token_hash == token_hash(token)
                )
            ).one_or_none()
        if row is None:
            return None
        staff_id, expires_at, revoked = row
        return None if revoked or now >= expires_at else staff_id

    def revoke(self, token: str) -> None:
        """End the session of ``token`` (no error if there is none)."""
        with self._sessions.begin() as session:
            session.execute(
                update(SessionRow)
                .where(SessionRow.token_hash == token_hash(token))
                .values(revoked=True)
                .execution_options(synchronize_session=False)
            )


# ---------------------------------------------------------------- memory


@dataclass
class _MemorySession:
    staff_id: str
    expires_at: datetime
    revoked: bool = False


class MemoryAccountStore:
    """The same as :class:`AccountStore`, in memory (for tests of the app on memory ports)."""

    def __init__(self, *, session_hours: int = 8) -> None:
        self._lifetime = timedelta(hours=session_hours)
        self._accounts: dict[str, tuple[str, str]] = {}
        self._sessions: dict[str, _MemorySession] = {}
        self._lock = threading.Lock()

    def create(self, login_id: str, staff_id: str, password: str) -> None:
        """Add a login for ``staff_id`` (ValueError if ``login_id`` is taken)."""
        password_hash = hash_password(password)
        with self._lock:
            if login_id in self._accounts:
                raise ValueError(f"login {login_id} already exists")
            self._accounts[login_id] = (staff_id, password_hash)

    def exists(self, login_id: str) -> bool:
        """True if ``login_id`` is an account."""
        return login_id in self._accounts

    def verify(self, login_id: str, password: str) -> str | None:
        """The staff id of the account if ``password`` is right, else None."""
        staff_id, stored = self._accounts.get(login_id, (None, None))
        return staff_id if check_password(password, stored) else None

    def open_session(self, staff_id: str, now: datetime) -> tuple[str, datetime]:
        """A new session for ``staff_id``: the token for the client and its expiry."""
        token, expires_at = new_token(), now + self._lifetime
        with self._lock:
            self._sessions[token_hash(token)] = _MemorySession(staff_id, expires_at)
        return token, expires_at

    def resolve(self, token: str, now: datetime) -> str | None:
        """The staff id of a live session (not expired, not revoked), else None."""
        found = self._sessions.get(token_hash(token))
        if found is None or found.revoked or now >= found.expires_at:
            return None
        return found.staff_id

    def revoke(self, token: str) -> None:
        """End the session of ``token`` (no error if there is none)."""
        with self._lock:
            found = self._sessions.get(token_hash(token))
            if found is not None:
                found.revoked = True
