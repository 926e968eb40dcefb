"""A clock the conformance kit may set, for scenarios that happen on another day (今日は …).

Not part of the standard API and off unless ``SEIKATSU_APP_TEST_CLOCK`` is set together
with ``SEIKATSU_APP_FIXED_NOW`` (the kit does both when it starts the reference app).
``PUT /test-support/clock`` moves the business date (the time of day stays the fixed
instant's); ``DELETE`` puts it back. Logins keep the fixed instant, so a session opened
before the date moved stays valid. Any implementation may offer the same two requests in
a test environment; the kit treats their absence (404) as a target whose date it cannot
set, and reports such scenarios as unverified.
"""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Response
from pydantic import ConfigDict, Field

from seikatsu_std.conformance.targets import TEST_CLOCK_PATH
from seikatsu_std.model.base import StdModel


class SettableClock:
    """The fixed instant of a test run, whose date a test may move."""

    def __init__(self, fixed: datetime) -> None:
        self.fixed = fixed
        self.now = fixed

    def __call__(self) -> datetime:
        return self.now

    def set_today(self, day: date) -> None:
        """Run at the fixed instant's time of day on ``day``."""
        self.now = datetime.combine(day, self.fixed.timetz())

    def reset(self) -> None:
        """Back to the fixed instant."""
        self.now = self.fixed


class TestDay(StdModel):
    """試験のための日付の設定（標準の API ではない）。"""

    __test__ = False
    model_config = ConfigDict(title="試験のための日付")

    today: date = Field(
        title="今日", description="業務の日付として使う日（時刻は固定の時刻のまま）。"
    )


def test_clock_routes(clock: SettableClock) -> APIRouter:
    """``PUT``/``DELETE`` of :data:`TEST_CLOCK_PATH` over ``clock``."""
    router = APIRouter(include_in_schema=False)

    @router.put(TEST_CLOCK_PATH)
    def set_today(body: TestDay) -> Response:
        clock.set_today(body.today)
        return Response(status_code=204)

    @router.delete(TEST_CLOCK_PATH)
    def reset() -> Response:
        clock.reset()
        return Response(status_code=204)

    return router


test_clock_routes.__test__ = False  # type: ignore[attr-defined]
