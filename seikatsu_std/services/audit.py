"""The audit trail: every read of personal data and every change, hash-chained.

Each entry carries the hash of the previous entry; the hash of an entry covers
its content and that link, so changing or removing any entry breaks the chain
from there on. :func:`verify_chain` finds the first broken link.

References: 個人情報の保護に関する法律 (安全管理措置; article UNVERIFIED);
requirement catalogue REQ-SEC (audit log, tamper evidence).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs
import orjson

from seikatsu_std.model.base import LabelledEnum

GENESIS = "0" * 64


class AuditAction(LabelledEnum):
    """監査ログに記録する操作の種類。"""

    __title__ = "操作の種類"

    READ = "read", "閲覧"
    CREATE = "create", "登録"
    UPDATE = "update", "更新"
    READ_MY_NUMBER = "read_my_number", "個人番号の閲覧"
    LOGIN = "login", "ログイン"
    LOGIN_FAILED = "login_failed", "ログイン失敗"
    DENIED = "denied", "権限による拒否"


class AccessPurpose(LabelledEnum):
    """個人情報を閲覧・利用する目的（監査ログに記録する）。"""

    __title__ = "利用目的"

    CASEWORK = "casework", "ケース処理（訪問・記録・援助）"
    SUPERVISION = "supervision", "査察指導"
    DECISION = "decision", "保護の決定事務"
    MEDICAL = "medical", "医療扶助・介護扶助の事務"
    PAYMENT = "payment", "経理・支給の事務"
    AUDIT = "audit", "監査"
    TRANSFER = "transfer", "移管先の実施機関への引継ぎ"


@attrs.frozen
class AuditEntry:
    """One line of the audit trail."""

    sequence: int
    at: datetime
    actor_id: str
    action: AuditAction
    record_type: str
    record_id: str
    case_id: str | None
    purpose: AccessPurpose | None
    detail: str
    previous_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        """Everything the hash covers (all fields except the hash itself)."""
        return {
            "sequence": self.sequence,
            "at": self.at.isoformat(),
            "actor_id": self.actor_id,
            "action": self.action.value,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "case_id": self.case_id,
            "purpose": self.purpose.value if self.purpose else None,
            "detail": self.detail,
            "previous_hash": self.previous_hash,
        }


def entry_hash(content: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of an entry's content."""
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()


def next_entry(
    previous: AuditEntry | None,
    *,
    at: datetime,
    actor_id: str,
    action: AuditAction,
    record_type: str,
    record_id: str,
    case_id: str | None = None,
    purpose: AccessPurpose | None = None,
    detail: str = "",
) -> AuditEntry:
    """The entry that follows ``previous`` (the first entry when None)."""
    sequence = 1 if previous is None else previous.sequence + 1
    link = GENESIS if previous is None else previous.hash
    draft = AuditEntry(
        sequence, at, actor_id, action, record_type, record_id, case_id, purpose, detail, link, ""
    )
    return attrs.evolve(draft, hash=entry_hash(draft.content()))


@attrs.frozen
class AuditQuery:
    """A search of the audit trail (REQ-SEC-008): every given condition must hold.

    Results are newest first; ``before`` (a sequence number) pages backwards.
    """

    actor_id: str | None = None
    case_id: str | None = None
    action: AuditAction | None = None
    purpose: AccessPurpose | None = None
    since: datetime | None = None
    until: datetime | None = None
    before: int | None = None
    limit: int = 100

    def __attrs_post_init__(self) -> None:
        for name in ("since", "until"):
            moment = getattr(self, name)
            if moment is not None and moment.tzinfo is None:
                raise ValueError(f"{name} must carry a UTC offset: {moment.isoformat()}")
        if not 1 <= self.limit <= MAX_AUDIT_PAGE:
            raise ValueError(f"limit must be between 1 and {MAX_AUDIT_PAGE}, not {self.limit}")

    def matches(self, entry: AuditEntry) -> bool:
        """Whether ``entry`` meets every condition (the in-memory form of the search)."""
        return (
            (self.actor_id is None or entry.actor_id == self.actor_id)
            and (self.case_id is None or entry.case_id == self.case_id)
            and (self.action is None or entry.action is self.action)
            and (self.purpose is None or entry.purpose is self.purpose)
            and (self.since is None or entry.at >= self.since)
            and (self.until is None or entry.at < self.until)
            and (self.before is None or entry.sequence < self.before)
        )

    def describe(self) -> str:
        """The conditions, for the audit entry that records the search itself."""
        parts = {
            "actor_id": self.actor_id,
            "case_id": self.case_id,
            "action": self.action.value if self.action else None,
            "purpose": self.purpose.value if self.purpose else None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "before": self.before,
        }
        return "search " + " ".join(f"{k}={v}" for k, v in parts.items() if v is not None)


#: The most entries one audit search returns.
MAX_AUDIT_PAGE = 200


@attrs.frozen
class ChainReport:
    """Result of verifying the chain."""

    checked: int
    first_broken: int | None
    reason_ja: str
    reason_en: str

    @property
    def ok(self) -> bool:
        """True when every link holds."""
        return self.first_broken is None


def verify_chain(entries: Iterable[AuditEntry]) -> ChainReport:
    """Check every link; report the first entry (sequence number) that breaks it."""
    previous_hash = GENESIS
    expected_sequence = 1
    checked = 0
    for entry in entries:
        checked += 1
        if entry.sequence != expected_sequence:
            return ChainReport(
                checked,
                entry.sequence,
                f"連番が {expected_sequence} であるべきところ {entry.sequence} です（記録の削除・挿入）",
                f"sequence {entry.sequence} where {expected_sequence} was expected (entry removed or inserted)",
            )
        if entry.previous_hash != previous_hash:
            return ChainReport(
                checked,
                entry.sequence,
                "前の記録のハッシュと一致しません（前の記録の改ざん・削除）",
                "link to the previous entry does not match (previous entry altered or removed)",
            )
        if entry_hash(entry.content()) != entry.hash:
            return ChainReport(
                checked,
                entry.sequence,
                "記録の内容がハッシュと一致しません（この記録の改ざん）",
                "entry content does not match its hash (entry altered)",
            )
        previous_hash = entry.hash
        expected_sequence += 1
    return ChainReport(checked, None, "改ざんは見つかりませんでした", "chain intact")
