"""Settings of the reference app, read from ``SEIKATSU_APP_*`` environment variables."""

from __future__ import annotations

from typing import Self

from pydantic import AwareDatetime, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the data lives and how the app behaves.

    Every field can be set from the environment with the ``SEIKATSU_APP_``
    prefix, e.g. ``SEIKATSU_APP_DATABASE_URL=postgresql://user@host/db``.
    """

    model_config = SettingsConfigDict(env_prefix="SEIKATSU_APP_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///var/seikatsu-ref.db",
        description=(
            "SQLAlchemy URL of the database. The default is an SQLite file under var/ "
            "relative to the current directory (its folder is created on first use); "
            "a postgresql:// URL uses PostgreSQL through psycopg 3."
        ),
    )
    session_hours: int = Field(
        default=8, ge=1, le=24, description="Hours a login session stays valid."
    )
    allow_provisional: bool = Field(
        default=False,
        description="Let the calculator use provisional (not yet verified) standards tables.",
    )
    demo_password: str = Field(
        default="demo-pass-2025",
        description=(
            "Password given to every demo account by `python -m reference_app.demo`. "
            "For the synthetic demo only: never use demo accounts or this default "
            "password with real data."
        ),
    )
    test_clock: bool = Field(
        default=False,
        description=(
            "Let the conformance kit move the business date (PUT/DELETE /test-support/clock) "
            "for scenarios set on another day. Needs fixed_now. Never set it in production."
        ),
    )
    fixed_now: AwareDatetime | None = Field(
        default=None,
        description=(
            "Run the app at this fixed instant instead of the system clock (ISO 8601 with "
            "an offset). For conformance runs and reproducible demos: the conformance "
            "kit's dataset is dated, so its reference target starts the app at the "
            "kit's date. Never set it in production."
        ),
    )

    @model_validator(mode="after")
    def _test_clock_needs_fixed_now(self) -> Self:
        if self.test_clock and self.fixed_now is None:
            raise ValueError(
                "SEIKATSU_APP_TEST_CLOCK needs SEIKATSU_APP_FIXED_NOW (a test clock moves a "
                "fixed instant, never the system clock)"
            )
        return self
