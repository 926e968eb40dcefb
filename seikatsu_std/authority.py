"""Who may do what: authority rules, decided in one place.

Every service asks :func:`authorize` before it reads or changes anything, and
the application turns a refusal into a 403 that carries the reason. The rules
follow the users' guardrails (seeds 000 and 003): decisions, approvals and
repayment demands only by public officials; approvals only by qualified
(社会福祉主事) supervisors who did not draft; outsourced staff limited to
recording visits and support; staff see only their own office's cases.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import attrs

from seikatsu_std.model.base import LabelledEnum
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.model.office import APPROVER_ROLES, StaffMember, StaffRole


class Action(LabelledEnum):
    """権限の判定の対象となる操作。"""

    __title__ = "操作"

    READ_CASE = "read_case", "ケースの閲覧"
    RECORD_INTAKE = "record_intake", "相談・申請の受付と調査の記録"
    CONFIRM_WISH_CHANGE = "confirm_wish_change", "申請の意思の変化の確認"
    UPDATE_CASE = "update_case", "ケースの担当・格付けの変更"
    RECORD_VISIT = "record_visit", "訪問・支援の記録"
    JUDGE_SUPPORT_INQUIRY = "judge_support_inquiry", "申請者の意向に反する扶養照会の判断"
    DRAFT_DECISION = "draft_decision", "保護決定の起案"
    APPROVE_DECISION = "approve_decision", "保護決定の決裁"
    ISSUE_NOTICE = "issue_notice", "決定通知書の発行"
    RECORD_APPEAL = "record_appeal", "審査請求の進行管理"
    REVIEW_SUBMISSION = "review_submission", "提出された書類の確認"
    RECORD_TRANSFER = "record_transfer", "他の実施機関への移管と引継ぎ"
    DEMAND_REPAYMENT = "demand_repayment", "返還金・徴収金の決定"
    READ_MY_NUMBER = "read_my_number", "個人番号の閲覧"
    READ_AUDIT_LOG = "read_audit_log", "監査ログの閲覧・検証"
    MANAGE_MEDICAL = "manage_medical", "医療扶助・介護扶助の事務"
    MANAGE_PAYMENTS = "manage_payments", "経理・支給の事務"
    ADMINISTER_OFFICE = "administer_office", "福祉事務所の設定と職員の役割の管理"


_DECIDE = LegalRef(
    law="生活保護法",
    article="第19条",
    summary="保護の決定・実施は実施機関（福祉事務所を管理する長）が行う。委託事業者の職員は決定できない",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）; seed 000（中野区の委託問題）",
)
_QUALIFIED = LegalRef(
    law="社会福祉法",
    article="第15条第6項",
    summary="査察指導員・現業員は社会福祉主事でなければならない",
    status=Verification.VERIFIED,
    source="../shared/domain/FACTS.md",
)
_PRIVACY = LegalRef(
    law="個人情報の保護に関する法律",
    article="第69条",
    summary="保有個人情報は利用目的の範囲内で、必要な職員だけが利用する",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）",
)
_MY_NUMBER = LegalRef(
    law="行政手続における特定の個人を識別するための番号の利用等に関する法律",
    article="第9条・第19条",
    summary="個人番号は法定の事務の範囲で、必要な職員だけが利用する",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）",
)

_PUBLIC = "public_official"
_CERTIFIED = "certified"
_NOT_DRAFTER = "not_drafter"


@attrs.frozen
class Rule:
    """The roles that may take an action, and what else they must be."""

    roles: frozenset[StaffRole]
    requires: frozenset[str]
    legal: tuple[LegalRef, ...]


def _rule(roles: Collection[StaffRole], *requires: str, legal: tuple[LegalRef, ...]) -> Rule:
    return Rule(frozenset(roles), frozenset(requires), legal)


R = StaffRole
#: Who may take each action. Read this table to know the authority model.
RULES: dict[Action, Rule] = {
    Action.READ_CASE: _rule(
        (
            R.CASEWORKER,
            R.SUPERVISOR,
            R.SECTION_CHIEF,
            R.INTAKE_INTERVIEWER,
            R.MEDICAL_CLERK,
            R.ACCOUNTING_CLERK,
            R.SUPPORT_STAFF,
            R.AUDITOR,
        ),
        legal=(_PRIVACY,),
    ),
    Action.UPDATE_CASE: _rule((R.SUPERVISOR, R.SECTION_CHIEF), _PUBLIC, legal=(_DECIDE,)),
    Action.RECORD_INTAKE: _rule(
        (R.INTAKE_INTERVIEWER, R.CASEWORKER, R.SUPERVISOR, R.SECTION_CHIEF),
        _PUBLIC,
        legal=(_DECIDE,),
    ),
    Action.CONFIRM_WISH_CHANGE: _rule((R.SUPERVISOR, R.SECTION_CHIEF), _PUBLIC, legal=(_DECIDE,)),
    Action.RECORD_VISIT: _rule((R.CASEWORKER, R.SUPERVISOR, R.SUPPORT_STAFF), legal=(_PRIVACY,)),
    # Inquiring of a relative the applicant asked us not to contact is the office's judgment,
    # taken by a supervisor or the chief (never by outsourced staff).
    Action.JUDGE_SUPPORT_INQUIRY: _rule((R.SUPERVISOR, R.SECTION_CHIEF), _PUBLIC, legal=(_DECIDE,)),
    Action.DRAFT_DECISION: _rule(
        (R.CASEWORKER, R.SUPERVISOR), _PUBLIC, _CERTIFIED, legal=(_DECIDE, _QUALIFIED)
    ),
    Action.APPROVE_DECISION: _rule(
        APPROVER_ROLES,
        _PUBLIC,
        _CERTIFIED,
        _NOT_DRAFTER,
        legal=(_DECIDE, _QUALIFIED),
    ),
    Action.ISSUE_NOTICE: _rule(
        (R.CASEWORKER, R.SUPERVISOR, R.SECTION_CHIEF), _PUBLIC, legal=(_DECIDE,)
    ),
    Action.RECORD_APPEAL: _rule(
        (R.CASEWORKER, R.SUPERVISOR, R.SECTION_CHIEF), _PUBLIC, legal=(_DECIDE,)
    ),
    # A document the recipient submitted is looked at by the staff in charge of the case.
    Action.REVIEW_SUBMISSION: _rule((R.CASEWORKER, R.SUPERVISOR), _PUBLIC, legal=(_DECIDE,)),
    # Handing a case (and its data) over to another implementing body is the office's act.
    Action.RECORD_TRANSFER: _rule(
        (R.CASEWORKER, R.SUPERVISOR, R.SECTION_CHIEF), _PUBLIC, legal=(_DECIDE, _PRIVACY)
    ),
    Action.DEMAND_REPAYMENT: _rule(
        (R.CASEWORKER, R.SUPERVISOR, R.SECTION_CHIEF), _PUBLIC, legal=(_DECIDE,)
    ),
    Action.READ_MY_NUMBER: _rule(
        (R.CASEWORKER, R.SUPERVISOR, R.SECTION_CHIEF), _PUBLIC, legal=(_MY_NUMBER,)
    ),
    Action.READ_AUDIT_LOG: _rule((R.AUDITOR, R.SECTION_CHIEF), _PUBLIC, legal=(_PRIVACY,)),
    Action.MANAGE_MEDICAL: _rule(
        (R.MEDICAL_CLERK, R.CASEWORKER, R.CONTRACTED_PHYSICIAN), legal=(_PRIVACY,)
    ),
    Action.MANAGE_PAYMENTS: _rule((R.ACCOUNTING_CLERK,), _PUBLIC, legal=(_DECIDE,)),
    # The approval stages, the notice layout and who holds which role are the office's own
    # organisation: set by the section chief (課長・所長), never by outsourced staff.
    Action.ADMINISTER_OFFICE: _rule((R.SECTION_CHIEF,), _PUBLIC, legal=(_DECIDE,)),
}


@attrs.frozen
class Verdict:
    """The outcome of an authority check, with the reason in Japanese and English."""

    allowed: bool
    reason_ja: str
    reason_en: str
    legal: tuple[LegalRef, ...] = ()


def authorize(
    staff: StaffMember,
    action: Action,
    *,
    office_id: str,
    on: date,
    drafted_by: str | None = None,
) -> Verdict:
    """May ``staff`` take ``action`` on a record of ``office_id`` on day ``on``?

    ``drafted_by`` names the drafter of the decision being approved.
    """
    rule = RULES[action]
    if not staff.active.contains(on):
        return Verdict(
            False, f"{on.isoformat()} は在職期間外です", f"staff {staff.id} is not active on {on}"
        )
    if staff.office_id != office_id:
        return Verdict(
            False,
            "他の福祉事務所のケースは扱えません",
            f"staff {staff.id} belongs to office {staff.office_id}, not {office_id}",
            (_PRIVACY,),
        )
    if not rule.roles.intersection(staff.roles):
        allowed = "・".join(sorted(r.label for r in rule.roles))
        return Verdict(
            False,
            f"「{action.label}」は {allowed} の役割の職員だけが行えます",
            f"{action.value} requires one of the roles {sorted(r.value for r in rule.roles)}",
            rule.legal,
        )
    if _PUBLIC in rule.requires and not staff.is_public_official:
        return Verdict(
            False,
            f"「{action.label}」は公務員である職員だけが行えます（委託事業者の職員は行えません）",
            f"{action.value} is reserved to public officials; outsourced staff may not",
            rule.legal,
        )
    if _CERTIFIED in rule.requires and not staff.is_certified_welfare_officer:
        return Verdict(
            False,
            f"「{action.label}」は社会福祉主事の資格のある職員だけが行えます",
            f"{action.value} requires the 社会福祉主事 qualification",
            rule.legal,
        )
    if _NOT_DRAFTER in rule.requires and drafted_by == staff.id:
        return Verdict(
            False,
            "起案者は自ら起案した決定を決裁できません（どの設定・権限によってもできません）",
            "the drafter of a decision cannot approve it",
            rule.legal,
        )
    return Verdict(True, "許可", "allowed", rule.legal)
