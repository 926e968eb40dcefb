"""Legal clocks: the 14/30-day deadline of an application, and where each application stands;
the 50/70-day deadline of the ruling on a request for review.

The days come from the dated table ``application_decision_deadline``
(生活保護法24条5項・7項・9項), counted from the day after the application was
received (初日不算入): received on 2023-09-01 → notice due 2023-09-15, extended
limit 2023-10-01. Change applications follow the same rule (法24条9項).

A request for review (審査請求) must be ruled on within the days of the table
``review_ruling_deadline`` (生活保護法65条: 50 days, 70 with a consultation of
the review board), also counted from the day after the request.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from seikatsu_std.model.base import LabelledEnum
from seikatsu_std.standards import Standards

TABLE = "application_decision_deadline"
RULING_TABLE = "review_ruling_deadline"


class ClockState(LabelledEnum):
    """申請の処理期限に対する状況。"""

    __title__ = "処理期限の状況"

    WITHIN = "within", "期限内"
    DUE_SOON = "due_soon", "期限間近"
    EXTENDED = "extended", "延長中（理由記録済み）"
    OVERDUE = "overdue", "14日を経過（延長の理由なし）"
    DEEMED_REJECTABLE = "deemed_rejectable", "30日を経過（却下とみなされうる）"
    DECIDED = "decided", "決定済"


@attrs.frozen
class DecisionClock:
    """An application's deadlines, from the table in force on the day it was received."""

    received_on: date
    notice_due_on: date
    extended_due_on: date
    warning_from: date
    edition: str

    def state(self, today: date, *, extension_reason: str | None, decided: bool) -> ClockState:
        """Where the application stands on ``today``."""
        if decided:
            return ClockState.DECIDED
        if today > self.extended_due_on:
            return ClockState.DEEMED_REJECTABLE
        if extension_reason:
            return ClockState.EXTENDED
        if today > self.notice_due_on:
            return ClockState.OVERDUE
        if today >= self.warning_from:
            return ClockState.DUE_SOON
        return ClockState.WITHIN

    def days_left(self, today: date, *, extended: bool) -> int:
        """Days until the deadline that applies (negative once it has passed)."""
        due = self.extended_due_on if extended else self.notice_due_on
        return (due - today).days


def decision_clock(standards: Standards, received_on: date) -> DecisionClock:
    """The clock of an application received on ``received_on``."""
    rule = deadline_rule(standards, received_on)
    due = received_on + timedelta(days=rule.notice_days)
    return DecisionClock(
        received_on=received_on,
        notice_due_on=due,
        extended_due_on=received_on + timedelta(days=rule.extended_days),
        warning_from=due - timedelta(days=rule.warning_days),
        edition=rule.edition,
    )


@attrs.frozen
class RulingDeadline:
    """When the ruling on a request for review is due, and the table edition that says so."""

    due_on: date
    edition: str


def ruling_deadline(
    standards: Standards, requested_on: date, *, consults_board: bool
) -> RulingDeadline:
    """The ruling deadline of a request for review made on ``requested_on`` (初日不算入)."""
    table = standards.compiled(RULING_TABLE, requested_on)
    days = int(table.scalar("days_with_consultation" if consults_board else "days"))
    return RulingDeadline(requested_on + timedelta(days=days), table.edition.edition_id)


@attrs.frozen
class DeadlineRule:
    """The days of the application deadline in force on a day, and the edition that sets them."""

    notice_days: int
    extended_days: int
    warning_days: int
    valid_from: date
    edition: str


def deadline_rule(standards: Standards, on: date) -> DeadlineRule:
    """The rule applied to an application received on ``on``."""
    table = standards.compiled(TABLE, on)
    return DeadlineRule(
        notice_days=int(table.scalar("notice_days")),
        extended_days=int(table.scalar("extended_days")),
        warning_days=int(table.scalar("warning_days")),
        valid_from=table.edition.valid_from,
        edition=table.edition.edition_id,
    )
