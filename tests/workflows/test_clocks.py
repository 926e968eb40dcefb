"""The application's legal clock (生活保護法24条5項・7項) from the dated table."""

from __future__ import annotations

from datetime import date

import pytest

from seikatsu_std.standards import load_standards
from seikatsu_std.workflows.clocks import ClockState, decision_clock


@pytest.fixture(scope="module")
def standards():
    return load_standards(use_environment=False)


def test_days_are_counted_from_the_day_after_receipt(standards) -> None:
    clock = decision_clock(standards, date(2023, 9, 1))
    assert clock.notice_due_on == date(2023, 9, 15)
    assert clock.extended_due_on == date(2023, 10, 1)
    assert clock.warning_from == date(2023, 9, 12)
    assert clock.edition == "application_decision_deadline@1950-05-04"


@pytest.mark.parametrize(
    ("today", "reason", "decided", "state"),
    [
        (date(2023, 9, 5), None, False, ClockState.WITHIN),
        (date(2023, 9, 12), None, False, ClockState.DUE_SOON),
        (date(2023, 9, 15), None, False, ClockState.DUE_SOON),
        (date(2023, 9, 16), None, False, ClockState.OVERDUE),
        (date(2023, 9, 16), "扶養義務者の資産調査", False, ClockState.EXTENDED),
        (date(2023, 10, 1), "扶養義務者の資産調査", False, ClockState.EXTENDED),
        (date(2023, 10, 2), "扶養義務者の資産調査", False, ClockState.DEEMED_REJECTABLE),
        (date(2023, 10, 2), None, True, ClockState.DECIDED),
    ],
)
def test_state_over_time(standards, today, reason, decided, state) -> None:
    clock = decision_clock(standards, date(2023, 9, 1))
    assert clock.state(today, extension_reason=reason, decided=decided) is state


def test_days_left_against_the_deadline_that_applies(standards) -> None:
    clock = decision_clock(standards, date(2023, 9, 1))
    assert clock.days_left(date(2023, 9, 10), extended=False) == 5
    assert clock.days_left(date(2023, 9, 20), extended=False) == -5
    assert clock.days_left(date(2023, 9, 20), extended=True) == 11


def test_month_ends_and_leap_years(standards) -> None:
    assert decision_clock(standards, date(2024, 2, 20)).notice_due_on == date(2024, 3, 5)
    assert decision_clock(standards, date(2023, 12, 25)).extended_due_on == date(2024, 1, 24)
