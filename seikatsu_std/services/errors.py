"""Errors the services raise; the application maps each to an HTTP problem."""

from __future__ import annotations

from collections.abc import Sequence

from seikatsu_std.authority import Verdict
from seikatsu_std.workflows.engine import Violation, violations_text


class ServiceError(Exception):
    """Base of the errors a use case reports to its caller."""

    #: Short Japanese title (the problem's ``title``).
    title = "処理できません"

    def __init__(self, detail_ja: str, detail_en: str) -> None:
        super().__init__(detail_en)
        self.detail_ja = detail_ja
        self.detail_en = detail_en


class NotFoundError(ServiceError):
    """The record does not exist (or is not visible to the caller)."""

    title = "見つかりません"


class ForbiddenError(ServiceError):
    """The authority rules refuse the action."""

    title = "権限がありません"

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.reason_ja, verdict.reason_en)
        self.verdict = verdict


class VersionConflictError(ServiceError):
    """The record changed since the caller read it (optimistic locking)."""

    title = "更新が競合しました"

    def __init__(self, record: str, expected: int, current: int) -> None:
        super().__init__(
            f"{record} は他の職員によって更新されています（指定された版 {expected}、現在の版 {current}）。"
            "最新の内容を読み込んでからやり直してください",
            f"{record} was updated by someone else (expected version {expected}, current {current})",
        )
        self.current = current


class InvalidRequestError(ServiceError):
    """The request is well-formed but breaks a rule (names the rule)."""

    title = "内容が正しくありません"


class RuleViolationError(ServiceError):
    """The request breaks rules of the workflow (every violated rule is listed)."""

    title = "業務の規則に反します"

    def __init__(self, violations: Sequence[Violation]) -> None:
        detail_ja, detail_en = violations_text(violations)
        super().__init__(detail_ja, detail_en)
        self.violations = tuple(violations)


class TransitionNotAllowedError(RuleViolationError):
    """The record's current state does not allow the operation."""

    title = "現在の状態ではできません"
