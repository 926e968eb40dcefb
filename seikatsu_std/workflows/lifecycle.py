"""The case lifecycle: consultation → application → decision → case, declared once.

Four workflows share the facts objects below:

- :data:`CONSULTATION` — a consultation ends with an application whenever the
  person wished to apply (生活保護法7条; seeds 000/003: no 水際作戦);
- :data:`APPLICATION` — received, investigated, decided or withdrawn by the
  applicant, with the 14/30-day clock (法24条5項・7項・9項);
- :data:`DECISION` — drafted by a caseworker, approved by a qualified public
  official who did not draft it (authority rules), then notified;
- :data:`CASE` — the states a decision moves a case through (開始・却下・変更・
  停止・廃止, 移管 as a termination to another office).

Guards are pure functions of the facts; the services gather the facts, call
:meth:`Workflow.check`, and refuse with every violation before writing anything.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from seikatsu_std.authority import Action
from seikatsu_std.model import CaseStatus, DecisionKind
from seikatsu_std.model.decision import DecisionStatus, TerminationReason
from seikatsu_std.model.intake import ApplicationStatus, ConsultationOutcome
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.workflows.claims import CLAIM_DECISION
from seikatsu_std.workflows.engine import Deadline, Guard, Transition, Workflow

_ART7 = LegalRef(
    law="生活保護法",
    article="第7条",
    summary="保護は要保護者等の申請に基づいて開始する（申請権）",
    status=Verification.VERIFIED,
    source="生活保護法; ../shared/domain/GUIDE.md §3.1",
)
_ART24_5 = LegalRef(
    law="生活保護法",
    article="第24条第5項",
    summary="決定の通知は申請から14日以内。扶養義務者の資産調査に日時を要する等の特別な理由があれば30日まで延ばせるが、その理由を通知書に明示する",
    status=Verification.VERIFIED,
    source="生活保護法24条（2024-06-12施行の版）; ../shared/domain/FACTS.md",
)
_ART24_7 = LegalRef(
    law="生活保護法",
    article="第24条第7項",
    summary="申請から30日以内に通知がないときは、申請者は却下されたものとみなすことができる",
    status=Verification.VERIFIED,
    source="生活保護法24条; ../shared/domain/FACTS.md",
)
_ART24_9 = LegalRef(
    law="生活保護法",
    article="第24条第9項",
    summary="変更の申請にも第5項・第7項を準用する",
    status=Verification.VERIFIED,
    source="生活保護法24条; ../shared/domain/FACTS.md",
)
_ART24_3 = LegalRef(
    law="生活保護法",
    article="第24条第3項・第4項",
    summary="保護の要否・種類・程度・方法を決定し、理由を付した書面で通知する",
    status=Verification.VERIFIED,
    source="生活保護法24条; ../shared/domain/FACTS.md",
)
_ART8 = LegalRef(
    law="生活保護法",
    article="第8条",
    summary="保護は厚生労働大臣の定める基準により測定した需要のうち、その者の金銭・物品で満たせない不足分を補う程度で行う",
    status=Verification.VERIFIED,
    source="生活保護法8条",
)
_WITHDRAWAL = LegalRef(
    law="生活保護法",
    article="第26条",
    summary="保護を必要としなくなったときは廃止する。辞退による廃止は本人の自由な意思による申出と、その確認の記録による",
    status=Verification.UNVERIFIED,
    source="一般的な理解（辞退の任意性の確認は裁判例・監査の指摘による。条文との対応は未照合）; seed 000",
)
_ART24_4 = LegalRef(
    law="生活保護法",
    article="第24条第4項",
    summary="決定の通知書には理由を付す。要否判定による却下では算定した最低生活費と認定した収入の額を示す",
    status=Verification.VERIFIED,
    source="生活保護法（2024-06-12施行版）; REQ-APP-027",
)
#: What a need determination (要否判定) rests on: the standards measure the need (法8条).
NEED_DETERMINATION_LEGAL = (_ART8,)
_ART19_TRANSFER = LegalRef(
    law="生活保護法",
    article="第19条",
    summary="保護の実施責任は居住地（現在地）を所管する福祉事務所にある。転居先の実施機関へ移管する",
    status=Verification.UNVERIFIED,
    source="一般的な理解（移管の手続は条文未照合）",
)


# ==================================================================== facts


@attrs.frozen
class ConsultationFacts:
    """What a consultation's transitions depend on."""

    wishes_to_apply: bool
    application_registered: bool


@attrs.frozen
class ApplicationFacts:
    """What an application's transitions depend on (a withdrawal: the applicant's document)."""

    document_received_on: date | None = None
    signed_by_applicant: bool | None = None
    circumstances: str | None = None


@attrs.frozen
class DecisionFacts:
    """What approving or notifying a decision depends on."""

    kind: DecisionKind
    drafted_on: date
    effective_on: date
    today: date
    received_on: date | None
    notice_due_on: date | None
    extension_reason: str | None
    amounts_match_engine: bool
    reasons_given: bool
    opened_on: date | None = None
    #: For a rejection because income covers the minimum cost of living: the result of the
    #: need determination it rests on (``None``: none recorded).
    need_result: str | None = None
    rejection_by_need_test: bool = False
    #: The items the decision's notice must carry that the office's notice layout lacks.
    notice_items_missing: tuple[str, ...] = ()


@attrs.frozen
class CaseFacts:
    """What a decision's effect on the case depends on."""

    termination_reason: TerminationReason | None = None
    receiving_office_id: str | None = None
    office_id: str = ""
    #: For a termination by withdrawal: the items its records lack
    #: (:func:`~seikatsu_std.model.decision.withdrawal_gaps`).
    withdrawal_gaps: tuple[str, ...] = ()


# ==================================================================== guards


def _no_wish(facts: ConsultationFacts) -> bool:
    return not facts.wishes_to_apply


def _registered(facts: ConsultationFacts) -> bool:
    return facts.application_registered


NO_WISH_TO_APPLY = Guard[ConsultationFacts](
    "no_wish_to_apply",
    "申請の意思がない",
    "申請の意思を示した相談は、申請を受け付けずに終えられません（助言のみ・他法他施策の案内で終結できません）",
    "a consultation in which the person wished to apply cannot end without an application",
    _no_wish,
    (_ART7,),
)
APPLICATION_REGISTERED = Guard[ConsultationFacts](
    "application_registered",
    "申請を登録済み",
    "申請受付で終える相談には、登録した申請が必要です",
    "ending a consultation with an application needs the registered application",
    _registered,
    (_ART7,),
)
WITHDRAWAL_DOCUMENT = Guard[ApplicationFacts](
    "withdrawal_document",
    "取下書の受領",
    "申請の取下げには、本人の取下書を受け取った日の記録が必要です",
    "withdrawing an application needs the day the applicant's withdrawal document was received",
    lambda facts: facts.document_received_on is not None,
    (_ART7,),
)
WITHDRAWAL_SIGNED = Guard[ApplicationFacts](
    "withdrawal_signed",
    "本人の署名",
    "申請の取下げには、取下書に本人の署名があることが必要です",
    "withdrawing an application needs the applicant's signature on the document",
    lambda facts: facts.signed_by_applicant is True,
    (_ART7,),
)
WITHDRAWAL_CIRCUMSTANCES = Guard[ApplicationFacts](
    "withdrawal_circumstances",
    "取下げの事情",
    "申請の取下げには、本人が取り下げるに至った取下げの事情の記録が必要です",
    "withdrawing an application needs the circumstances that led the applicant to withdraw",
    lambda facts: bool(facts.circumstances and facts.circumstances.strip()),
    (_ART7,),
)
NOT_BEFORE_APPLICATION = Guard[DecisionFacts](
    "not_before_application",
    "申請日より前でない",
    "決定の日・適用日を申請の受付日より前にはできません",
    "a decision (its date and effective date) cannot precede the application",
    lambda f: (
        f.received_on is None or (f.today >= f.received_on and f.effective_on >= f.received_on)
    ),
    (_ART24_3,),
)
NOT_BEFORE_OPENING = Guard[DecisionFacts](
    "not_before_opening",
    "保護開始日より前でない",
    "変更・停止・廃止の適用日を保護の開始日より前にはできません",
    "a change, suspension or termination cannot take effect before the case was opened",
    lambda f: (
        f.kind in (DecisionKind.START, DecisionKind.REJECTION)
        or f.opened_on is None
        or f.effective_on >= f.opened_on
    ),
    (_ART24_3,),
)
EXTENSION_REASON = Guard[DecisionFacts](
    "extension_reason",
    "14日を過ぎれば延長の理由",
    "申請から14日を過ぎた決定には、延長の理由（通知書に記載する）の記録が必要です",
    "a decision later than the 14-day notice deadline needs the recorded reason for the extension",
    lambda f: f.notice_due_on is None or f.today <= f.notice_due_on or bool(f.extension_reason),
    (_ART24_5, _ART24_9),
)
AMOUNTS_FROM_ENGINE = Guard[DecisionFacts](
    "amounts_from_engine",
    "額が基準による計算と一致",
    "扶助別の額が計算の結果（基準表による算定）と一致しません。根拠のない額では決定できません",
    "the amounts by kind of assistance do not match the calculation engine's result",
    lambda f: f.kind not in (DecisionKind.START, DecisionKind.CHANGE) or f.amounts_match_engine,
    (_ART8,),
)
REASONS_GIVEN = Guard[DecisionFacts](
    "reasons_given",
    "理由の記載",
    "決定には理由の記載が必要です（却下・停止・廃止は特に具体的に）",
    "a decision needs its reasons",
    lambda f: f.reasons_given,
    (_ART24_3,),
)
NEED_TEST_RECORDED = Guard[DecisionFacts](
    "need_test_recorded",
    "要否判定「否」の記録",
    "収入が最低生活費を上回ることによる却下には、「否」の要否判定（最低生活費と認定した収入の額）の記録が必要です",
    "a rejection because income covers the need rests on a recorded need determination of 否",
    lambda f: not f.rejection_by_need_test or f.need_result == "not_in_need",
    (_ART8, _ART24_4),
)

_APPEAL_INSTRUCTION = LegalRef(
    law="行政不服審査法",
    article="第82条",
    summary="審査請求ができる処分を書面でするときは、審査請求ができる旨・審査請求先・期間を教示する",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）; REQ-APP-026",
)
_LAWSUIT_INSTRUCTION = LegalRef(
    law="行政事件訴訟法",
    article="第46条",
    summary="取消訴訟を提起できる処分を書面でするときは、被告・出訴期間・審査請求前置を教示する",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）; REQ-APP-026",
)
NOTICE_COMPLETE = Guard[DecisionFacts](
    "notice_complete",
    "通知書の様式に必要な記載事項",
    "決定通知書の様式に必要な記載事項（決定の内容・理由・扶助別の額・審査請求の教示・取消訴訟の教示）が"
    "欠けていれば、通知書を発行できません",
    "the office's notice layout lacks an item the notice must carry (reasons, amounts, instructions)",
    lambda f: not f.notice_items_missing,
    (_ART24_4, _APPEAL_INSTRUCTION, _LAWSUIT_INSTRUCTION),
)
#: What every approval stage checks (a broken rule is caught at the first stage, not the last).
APPROVAL_GUARDS = (
    NOT_BEFORE_APPLICATION,
    NOT_BEFORE_OPENING,
    EXTENSION_REASON,
    AMOUNTS_FROM_ENGINE,
    REASONS_GIVEN,
    NEED_TEST_RECORDED,
)


def _withdrawal_guard(
    code: str, item: str, label: str, rule_ja: str, rule_en: str
) -> Guard[CaseFacts]:
    """A rule of a termination by withdrawal: its records do not lack ``item``."""

    def holds(facts: CaseFacts) -> bool:
        return (
            facts.termination_reason is not TerminationReason.WITHDRAWAL
            or item not in facts.withdrawal_gaps
        )

    return Guard[CaseFacts](code, label, rule_ja, rule_en, holds, (_WITHDRAWAL,))


#: A termination by withdrawal (辞退) needs the person's signed declaration, its receipt and a
#: check, recorded, that the person withdrew of their own free will (REQ-APP-028/029).
WITHDRAWAL_GUARDS = (
    _withdrawal_guard(
        "withdrawal_declaration",
        "本人が署名した辞退届",
        "本人が署名した辞退届",
        "辞退による廃止には、本人が署名した辞退届の受領の記録が必要です"
        "（電話・口頭の申出、職員の聞き取り、連絡不通は辞退届に代わりません）",
        "a termination by withdrawal needs the person's own signed declaration, received and recorded",
    ),
    _withdrawal_guard(
        "declaration_received_on",
        "受領日",
        "辞退届の受領日",
        "辞退届の受領日を記録してください",
        "the day the declaration was received is missing",
    ),
    _withdrawal_guard(
        "declaration_received_by",
        "受領者",
        "辞退届の受領者",
        "辞退届の受領者（受け取った職員）を記録してください",
        "who received the declaration is missing",
    ),
    _withdrawal_guard(
        "declaration_original_kept_at",
        "原本の保管場所",
        "辞退届の原本の保管場所",
        "辞退届の原本の保管場所を記録してください",
        "where the original declaration is kept is missing",
    ),
    _withdrawal_guard(
        "free_will_checked",
        "任意性の確認",
        "任意性の確認の記録",
        "辞退による廃止には、辞退の任意性の確認の記録が必要です",
        "a termination by withdrawal needs the recorded check of the person's free will",
    ),
    _withdrawal_guard(
        "free_will_confirmed_by",
        "確認者",
        "任意性の確認者",
        "辞退について確認した職員（確認者）を記録してください",
        "who checked the person's free will is missing",
    ),
    _withdrawal_guard(
        "free_will_confirmed_on",
        "確認日",
        "任意性の確認日",
        "辞退について確認した日（確認日）を記録してください",
        "the day of the free-will check is missing",
    ),
    _withdrawal_guard(
        "staff_guidance_recorded",
        "職員の指導・勧奨の有無",
        "職員の指導・勧奨の有無",
        "辞退が職員の指導・勧奨によるものかどうか（職員の指導・勧奨の有無）を記録してください",
        "whether staff guided the person to withdraw is not recorded",
    ),
    _withdrawal_guard(
        "livelihood_prospect",
        "辞退後の生活の見通し",
        "辞退後の生活の見通し",
        "辞退後の生活の見通しを記録してください",
        "the person's livelihood after the withdrawal is not recorded",
    ),
    _withdrawal_guard(
        "not_induced",
        "本人の自由な意思（職員の指導・勧奨によらないこと）",
        "職員の勧奨によらない",
        "職員の指導・勧奨による辞退は、本人の自由な意思による辞退として廃止できません",
        "a withdrawal induced by staff guidance is not the person's free will",
    ),
)

TRANSFER_OFFICE = Guard[CaseFacts](
    "receiving_office",
    "移管先の記録",
    "移管による廃止には、移管先の（他の）福祉事務所の記録が必要です",
    "a termination by transfer needs the receiving office (another office)",
    lambda f: (
        f.termination_reason is not TerminationReason.TRANSFER
        or bool(f.receiving_office_id and f.receiving_office_id != f.office_id)
    ),
    (_ART19_TRANSFER,),
)


# ==================================================================== workflows

C = ConsultationOutcome
CONSULTATION = Workflow[ConsultationOutcome, ConsultationFacts](
    name="consultation",
    label="面接相談",
    states=ConsultationOutcome,
    initial=C.CONTINUING,
    final=frozenset({C.APPLICATION_TAKEN, C.REFERRED_TO_OTHER_MEASURES, C.ADVICE_ONLY}),
    transitions=(
        Transition(
            "take_application",
            "申請を受け付けて終える",
            (C.CONTINUING,),
            C.APPLICATION_TAKEN,
            Action.RECORD_INTAKE,
            "consultation_closed",
            (APPLICATION_REGISTERED,),
        ),
        Transition(
            "refer",
            "他法他施策を案内して終える",
            (C.CONTINUING,),
            C.REFERRED_TO_OTHER_MEASURES,
            Action.RECORD_INTAKE,
            "consultation_closed",
            (NO_WISH_TO_APPLY,),
        ),
        Transition(
            "advise_only",
            "助言のみで終える",
            (C.CONTINUING,),
            C.ADVICE_ONLY,
            Action.RECORD_INTAKE,
            "consultation_closed",
            (NO_WISH_TO_APPLY,),
        ),
    ),
)

A = ApplicationStatus
APPLICATION = Workflow[ApplicationStatus, ApplicationFacts](
    name="application",
    label="保護の申請",
    states=ApplicationStatus,
    initial=A.RECEIVED,
    final=frozenset({A.DECIDED, A.WITHDRAWN}),
    transitions=(
        Transition(
            "investigate",
            "調査を始める",
            (A.RECEIVED,),
            A.INVESTIGATING,
            Action.RECORD_INTAKE,
            "application_investigating",
        ),
        Transition(
            "decide",
            "決定する（決定の決裁による）",
            (A.RECEIVED, A.INVESTIGATING),
            A.DECIDED,
            Action.APPROVE_DECISION,
            "application_decided",
        ),
        Transition(
            "withdraw",
            "申請者の申出により取り下げる",
            (A.RECEIVED, A.INVESTIGATING),
            A.WITHDRAWN,
            Action.RECORD_INTAKE,
            "application_withdrawn",
            (WITHDRAWAL_DOCUMENT, WITHDRAWAL_SIGNED, WITHDRAWAL_CIRCUMSTANCES),
        ),
    ),
    deadlines=(
        Deadline(
            "notice",
            "決定の通知の期限（原則14日、特別な理由があれば理由を付して30日）",
            "application_decision_deadline",
            "申請の受付日の翌日から数える",
            (_ART24_5, _ART24_7, _ART24_9),
        ),
    ),
)

D = DecisionStatus
DECISION = Workflow[DecisionStatus, DecisionFacts](
    name="decision",
    label="保護の決定",
    states=DecisionStatus,
    initial=D.DRAFT,
    final=frozenset({D.NOTIFIED}),
    transitions=(
        Transition(
            "submit",
            "決裁に回す",
            (D.DRAFT,),
            D.SUBMITTED,
            Action.DRAFT_DECISION,
            "decision_submitted",
            (),
            "起案した決定を、福祉事務所の決裁の段階に回付する（公務員の現業員・査察指導員）",
        ),
        Transition(
            "approve_stage",
            "途中の段階を決裁する",
            (D.DRAFT, D.SUBMITTED, D.IN_APPROVAL),
            D.IN_APPROVAL,
            Action.APPROVE_DECISION,
            "decision_stage_approved",
            APPROVAL_GUARDS,
            "決裁の段階が複数の事務所で、最後でない段階の役割の職員（起案者・前の段階の決裁者以外）が決裁する",
        ),
        Transition(
            "approve",
            "決裁する",
            (D.DRAFT, D.SUBMITTED, D.IN_APPROVAL),
            D.APPROVED,
            Action.APPROVE_DECISION,
            "decision_approved",
            APPROVAL_GUARDS,
            "最後の段階の役割の、起案者以外の社会福祉主事の資格のある公務員（査察指導員・課長）が決裁し、決定が確定する",
        ),
        Transition(
            "notify",
            "決定通知書を発する",
            (D.APPROVED,),
            D.NOTIFIED,
            Action.ISSUE_NOTICE,
            "decision_notified",
            (EXTENSION_REASON, NOTICE_COMPLETE),
            "申請から14日を過ぎて通知するときは延長の理由を記載する。様式に必要な記載事項を欠けば発行できない",
        ),
    ),
)

K = CaseStatus
CASE = Workflow[CaseStatus, CaseFacts](
    name="case",
    label="ケース",
    states=CaseStatus,
    initial=K.APPLYING,
    final=frozenset({K.REJECTED, K.TERMINATED, K.TRANSFERRED, K.WITHDRAWN}),
    transitions=(
        Transition(
            "withdraw",
            "申請の取下げ",
            (K.APPLYING,),
            K.WITHDRAWN,
            Action.RECORD_INTAKE,
            "case_withdrawn",
        ),
        Transition(
            "start", "開始", (K.APPLYING,), K.ACTIVE, Action.APPROVE_DECISION, "case_started"
        ),
        Transition(
            "reject", "却下", (K.APPLYING,), K.REJECTED, Action.APPROVE_DECISION, "case_rejected"
        ),
        Transition(
            "change", "変更", (K.ACTIVE,), K.ACTIVE, Action.APPROVE_DECISION, "case_changed"
        ),
        Transition(
            "reject_change",
            "変更申請の却下",
            (K.ACTIVE,),
            K.ACTIVE,
            Action.APPROVE_DECISION,
            "change_rejected",
            (),
            "変更の申請も決定で応える（法24条9項）。ケースの状態は変わらない",
        ),
        Transition(
            "reject_change_while_suspended",
            "変更申請の却下（停止中）",
            (K.SUSPENDED,),
            K.SUSPENDED,
            Action.APPROVE_DECISION,
            "change_rejected",
        ),
        Transition(
            "suspend", "停止", (K.ACTIVE,), K.SUSPENDED, Action.APPROVE_DECISION, "case_suspended"
        ),
        Transition(
            "resume",
            "停止の解除（変更）",
            (K.SUSPENDED,),
            K.ACTIVE,
            Action.APPROVE_DECISION,
            "case_resumed",
        ),
        Transition(
            "terminate",
            "廃止",
            (K.ACTIVE, K.SUSPENDED),
            K.TERMINATED,
            Action.APPROVE_DECISION,
            "case_terminated",
            WITHDRAWAL_GUARDS,
            "医療扶助・介護扶助もあわせて終了する（医療券・介護券の事務へ通知する）",
        ),
        Transition(
            "transfer",
            "移管による廃止",
            (K.ACTIVE, K.SUSPENDED),
            K.TRANSFERRED,
            Action.APPROVE_DECISION,
            "case_transferred",
            (TRANSFER_OFFICE,),
        ),
    ),
)

#: Every workflow of the standard, by name (the docs draw each one).
WORKFLOWS: dict[str, Workflow[Any, Any]] = {
    w.name: w for w in (CONSULTATION, APPLICATION, DECISION, CASE, CLAIM_DECISION)
}


def case_transition(
    kind: DecisionKind, status: CaseStatus, reason: TerminationReason | None
) -> str:
    """The case transition an approved decision of ``kind`` makes from ``status``."""
    if kind is DecisionKind.START:
        return "start"
    if kind is DecisionKind.REJECTION:
        if status is CaseStatus.ACTIVE:
            return "reject_change"
        if status is CaseStatus.SUSPENDED:
            return "reject_change_while_suspended"
        return "reject"
    if kind is DecisionKind.SUSPENSION:
        return "suspend"
    if kind is DecisionKind.TERMINATION:
        return "transfer" if reason is TerminationReason.TRANSFER else "terminate"
    return "resume" if status is CaseStatus.SUSPENDED else "change"
