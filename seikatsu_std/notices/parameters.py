"""The legal periods a notice prints, read from the dated standards tables.

Nothing here is a constant: the 14-day notice deadline comes from the table
``application_decision_deadline`` (edition in force on the day the application
was received; the same table drives the workflow clocks) and the appeal periods
from ``appeal_request_period`` and the court-challenge periods from
``court_challenge_period`` (editions in force on the day of the decision).
The citations printed beside them are taken from the tables' legal bases, so a
notice cites what the table cites.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import attrs
import numpy as np

from seikatsu_std.model.legal import LegalRef
from seikatsu_std.standards import Standards, StandardsError, load_standards
from seikatsu_std.standards.loader import text_column

DEADLINE_TABLE = "application_decision_deadline"
APPEAL_TABLE = "appeal_request_period"
COURT_TABLE = "court_challenge_period"


@cache
def default_standards() -> Standards:
    """The shipped tables plus any overlay named in the environment (loaded once)."""
    return load_standards()


def _citation(standards: Standards, table: str, law: str, article: str) -> LegalRef:
    for ref in standards.spec(table).legal_basis:
        if ref.law == law and ref.article == article:
            return ref
    raise StandardsError(
        f"基準表「{table}」の根拠に {law}{article} がありません "
        f"(table {table!r} does not cite {law} {article})"
    )


@attrs.frozen
class NoticeDeadline:
    """The notice deadline of an application (法24条5項, 9項)."""

    received_on: date
    notice_days: int
    due_on: date
    citation: LegalRef
    edition: str

    def exceeded_by(self, notice_date: date) -> bool:
        """True when a notice dated ``notice_date`` is later than the deadline."""
        return notice_date > self.due_on


def notice_deadline(standards: Standards, received_on: date) -> NoticeDeadline:
    """The deadline for an application received on ``received_on``.

    Days are counted from the day after receipt (初日不算入): received on
    2025-03-18 with 14 days → due on 2025-04-01.
    """
    table = standards.compiled(DEADLINE_TABLE, received_on)
    days = int(table.scalar("notice_days"))
    return NoticeDeadline(
        received_on=received_on,
        notice_days=days,
        due_on=received_on + timedelta(days=days),
        citation=_citation(standards, DEADLINE_TABLE, "生活保護法", "第24条第5項"),
        edition=table.edition.edition_id,
    )


@attrs.frozen
class AppealPeriods:
    """審査請求の期間 and the provisions that set it and name the authority."""

    months_after_learning: int
    years_after_decision: int
    authority_basis: LegalRef
    period_basis: LegalRef
    limit_basis: LegalRef
    edition: str


def appeal_periods(standards: Standards, decided_on: date) -> AppealPeriods:
    """The appeal periods for a decision made on ``decided_on``."""
    table = standards.compiled(APPEAL_TABLE, decided_on)
    return AppealPeriods(
        months_after_learning=int(table.scalar("months_after_learning")),
        years_after_decision=int(table.scalar("years_after_decision")),
        authority_basis=_citation(standards, APPEAL_TABLE, "生活保護法", "第64条"),
        period_basis=_citation(standards, APPEAL_TABLE, "行政不服審査法", "第18条第1項"),
        limit_basis=_citation(standards, APPEAL_TABLE, "行政不服審査法", "第18条第2項"),
        edition=table.edition.edition_id,
    )


@attrs.frozen
class CourtChallengePeriods:
    """取消訴訟の出訴期間, after the ruling on a request for review (法69条: 審査請求前置)."""

    months_after_learning: int
    years_after_ruling: int
    review_first_basis: LegalRef
    period_basis: LegalRef
    limit_basis: LegalRef
    defendant_basis: LegalRef
    instruction_basis: LegalRef
    edition: str


def local_government_name(standards: Standards, code: str, on: date, prefecture: str) -> str:
    """The name of the local government with the 団体コード ``code`` (a court challenge's defendant).

    A prefecture's own code (``PP000`` and the check digit) names the
    prefecture; any other code must be in the municipality table, whose
    ``city`` column names the city for the wards of a designated city (a ward
    is not a local government; 特別区 are).
    """
    if code[2:5] == "000":
        return prefecture
    table = standards.compiled("municipalities", on)
    rows = table.find_rows(code=np.array([code]))
    if rows[0] < 0:
        raise StandardsError(
            f"団体コード {code} が市区町村の表にありません "
            f"(local government code {code} is not in the municipality table)"
        )
    return str(text_column(table, rows, "city").label_at(0))


def court_challenge_periods(standards: Standards, decided_on: date) -> CourtChallengePeriods:
    """The periods for suing to annul a decision made on ``decided_on``."""
    table = standards.compiled(COURT_TABLE, decided_on)
    return CourtChallengePeriods(
        months_after_learning=int(table.scalar("months_after_learning")),
        years_after_ruling=int(table.scalar("years_after_ruling")),
        review_first_basis=_citation(standards, COURT_TABLE, "生活保護法", "第69条"),
        period_basis=_citation(standards, COURT_TABLE, "行政事件訴訟法", "第14条第1項"),
        limit_basis=_citation(standards, COURT_TABLE, "行政事件訴訟法", "第14条第2項"),
        defendant_basis=_citation(standards, COURT_TABLE, "行政事件訴訟法", "第11条第1項"),
        instruction_basis=_citation(standards, COURT_TABLE, "行政事件訴訟法", "第46条第1項"),
        edition=table.edition.edition_id,
    )
