"""Decisions (保護決定): start, rejection, change, suspension, termination.

References: 生活保護法24条 (申請による保護の開始及び変更), 25条 (職権による保護の開始
及び変更), 26条 (保護の停止及び廃止), 64条 (審査請求).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.case import ExOfficioRecord, StartBasis
from seikatsu_std.model.common import AssistanceKind, RecordId, Yen
from seikatsu_std.model.office import StaffRole


class DecisionKind(LabelledEnum):
    """保護決定の種類。"""

    __title__ = "決定の種類"

    START = "start", "開始"
    REJECTION = "rejection", "却下"
    CHANGE = "change", "変更"
    SUSPENSION = "suspension", "停止"
    TERMINATION = "termination", "廃止"


class DecisionStatus(LabelledEnum):
    """決定の事務処理の状況（起案→決裁に回付→段階ごとの決裁→通知）。"""

    __title__ = "決定の処理状況"

    DRAFT = "draft", "起案中"
    SUBMITTED = "submitted", "決裁待ち"
    IN_APPROVAL = "in_approval", "決裁中"
    APPROVED = "approved", "決裁済"
    NOTIFIED = "notified", "通知済"


#: The statuses of a decision that is final (決裁済・通知済): only these may be notified or
#: ground a ticket or a payment (REQ-APP-022).
FINAL_STATUSES = frozenset({DecisionStatus.APPROVED, DecisionStatus.NOTIFIED})


def decision_is_final(decision: Decision) -> bool:
    """Has every approval stage approved ``decision`` (決裁済・通知済)?

    Only a final decision grounds a notice, a medical or care ticket or a payment
    (REQ-APP-022). The one place that says which statuses are final.
    """
    return decision.status in FINAL_STATUSES


class ApprovalKind(LabelledEnum):
    """決裁の区分: 途中の段階の決裁か、決定を確定させる最後の段階の決裁か。"""

    __title__ = "決裁区分"

    INTERMEDIATE = "intermediate", "中間決裁"
    FINAL = "final", "最終決裁"


class ApprovalEntry(StdModel):
    """決裁の記録1件: どの段階を、誰が、いつ、どの区分で決裁したか。"""

    model_config = ConfigDict(title="決裁の記録")

    stage: int = Field(
        title="決裁の段階", description="福祉事務所の決裁の段階の順番（1から）。", ge=1
    )
    role: StaffRole = Field(
        title="決裁した役割", description="決裁した職員がこの段階で務めた役割。"
    )
    kind: ApprovalKind = Field(title="決裁区分", description="中間決裁・最終決裁の別。")
    approved_by: RecordId = Field(title="決裁者ID", description="この段階を決裁した職員。")
    approved_at: AwareDatetime = Field(
        title="決裁日時", description="この段階を決裁した日時（タイムゾーン付き）。"
    )


class RejectionReason(LabelledEnum):
    """却下の理由の区分。"""

    __title__ = "却下の理由"

    INCOME_SUFFICIENT = "income_sufficient", "収入が最低生活費を上回る"
    ASSETS_AVAILABLE = "assets_available", "活用できる資産がある"
    OTHER_MEASURES = "other_measures", "他法他施策により最低生活が可能"
    NOT_IN_JURISDICTION = "not_in_jurisdiction", "実施責任がない"
    OTHER = "other", "その他"


#: The standard phrases (定型文) a system may offer for the reasons of a rejection. A
#: rejection whose reasons are only such phrases states no specific fact: the drafter is
#: warned before the decision is approved (REQ-APP-027).
REJECTION_PHRASES: dict[RejectionReason, tuple[str, ...]] = {
    RejectionReason.INCOME_SUFFICIENT: (
        "最低生活費を上回る収入があるため",
        "収入が最低生活費を上回るため",
    ),
    RejectionReason.ASSETS_AVAILABLE: ("活用できる資産があるため",),
    RejectionReason.OTHER_MEASURES: ("他法他施策の活用により最低生活が可能なため",),
    RejectionReason.NOT_IN_JURISDICTION: ("当福祉事務所に保護の実施責任がないため",),
    RejectionReason.OTHER: (),
}
#: The warning given when a rejection's reasons are standard phrases only.
BOILERPLATE_WARNING = (
    "却下の理由に具体的な事実を記載してください（定型文の選択だけでは、"
    "どのような事実から却下するのかが申請者に分かりません）"
)


def boilerplate_only(reasons: list[str]) -> bool:
    """Whether ``reasons`` are nothing but standard phrases or the labels of the categories."""
    standard = {phrase for phrases in REJECTION_PHRASES.values() for phrase in phrases}
    standard |= {reason.label for reason in RejectionReason}
    written = [reason.strip().rstrip("。") for reason in reasons if reason.strip()]
    return all(reason in standard for reason in written)


class TerminationReason(LabelledEnum):
    """廃止の理由の区分（被保護者調査の区分に対応づけられるもの）。"""

    __title__ = "廃止の理由"

    EARNINGS_INCREASE = "earnings_increase", "働きによる収入の増加"
    OTHER_INCOME = "other_income", "年金・手当等の収入の増加"
    DEATH = "death", "死亡"
    TRANSFER = "transfer", "管外転出（移管）"
    LOST_CONTACT = "lost_contact", "失そう"
    WITHDRAWAL = "withdrawal", "辞退"
    NON_COMPLIANCE = "non_compliance", "指導指示違反（法62条）"
    OTHER = "other", "その他"


class AssistanceAmounts(StdModel):
    """扶助の種類ごとの月額（円）。医療扶助・介護扶助は現物給付の見込額。"""

    model_config = ConfigDict(title="扶助別の額")

    living: Yen = Field(title="生活扶助", description="生活扶助の月額。")
    education: Yen = Field(title="教育扶助", description="教育扶助の月額。")
    housing: Yen = Field(title="住宅扶助", description="住宅扶助の月額。")
    medical: Yen = Field(title="医療扶助", description="医療扶助（現物給付）の見込月額。")
    care: Yen = Field(title="介護扶助", description="介護扶助（現物給付）の見込月額。")
    childbirth: Yen = Field(title="出産扶助", description="出産扶助の額。")
    occupational: Yen = Field(
        title="生業扶助", description="生業扶助の額（高等学校等就学費を含む）。"
    )
    funeral: Yen = Field(title="葬祭扶助", description="葬祭扶助の額。")

    def amount(self, kind: AssistanceKind) -> int:
        """The amount for one kind of assistance."""
        value: int = getattr(self, kind.value)
        return value

    def total(self) -> int:
        """Sum over the eight kinds."""
        return sum(self.amount(kind) for kind in AssistanceKind)


class WithdrawalDeclaration(StdModel):
    """辞退届の受領記録。本人が署名した辞退届を、誰がいつ受け取り、原本をどこに保管したか。

    起案の要求では欠けた項目も送れる（欠けは業務の規則違反として項目ごとに示される）。
    記録された決定では、辞退による廃止に限り、すべての項目がそろっている。
    """

    model_config = ConfigDict(title="辞退届の受領記録")

    received_on: date | None = Field(
        default=None, title="受領日", description="本人が署名した辞退届を受け取った日。"
    )
    received_by: RecordId | None = Field(
        default=None, title="受領者", description="辞退届を受け取った職員の職員ID。"
    )
    signed_by_person: bool | None = Field(
        default=None,
        title="本人の署名",
        description="辞退届が本人の自署によるものか（代筆・職員が用意した文案への署名のみは不可）。",
    )
    original_kept_at: str | None = Field(
        default=None,
        title="原本の保管場所",
        description="辞退届の原本を保管している場所（例: ケースファイルの分冊）。",
        min_length=1,
    )


class FreeWillCheck(StdModel):
    """辞退の任意性の確認記録。辞退が職員の指導・勧奨によらず本人の自由な意思によることの確認。"""

    model_config = ConfigDict(title="辞退の任意性の確認")

    confirmed_by: RecordId | None = Field(
        default=None, title="確認者", description="任意性を確認した職員の職員ID。"
    )
    confirmed_on: date | None = Field(default=None, title="確認日", description="確認した日。")
    staff_guidance: bool | None = Field(
        default=None,
        title="職員の指導・勧奨の有無",
        description="辞退が職員の指導・指示・勧奨を受けてのものか（ありなら辞退による廃止はできない）。",
    )
    livelihood_prospect: str | None = Field(
        default=None,
        title="辞退後の生活の見通し",
        description="辞退後の収入・生活の見通し（本人から聴き取った内容）。",
        min_length=1,
    )


def withdrawal_gaps(
    declaration: WithdrawalDeclaration | None, check: FreeWillCheck | None
) -> list[str]:
    """The items a termination by withdrawal lacks (empty: the records are complete)."""
    gaps: list[str] = []
    if declaration is None or declaration.signed_by_person is not True:
        gaps.append("本人が署名した辞退届")
    if declaration is not None:
        gaps += [
            title
            for title, value in (
                ("受領日", declaration.received_on),
                ("受領者", declaration.received_by),
                ("原本の保管場所", declaration.original_kept_at),
            )
            if value is None
        ]
    if check is None:
        gaps.append("任意性の確認")
        return gaps
    gaps += [
        title
        for title, value in (
            ("確認者", check.confirmed_by),
            ("確認日", check.confirmed_on),
            ("職員の指導・勧奨の有無", check.staff_guidance),
            ("辞退後の生活の見通し", check.livelihood_prospect),
        )
        if value is None
    ]
    if check.staff_guidance is True:
        gaps.append("本人の自由な意思（職員の指導・勧奨によらないこと）")
    return gaps


#: The kinds whose amounts the calculation engine computes from the standards (開始・変更).
PRICED_KINDS = frozenset({DecisionKind.START, DecisionKind.CHANGE})
#: The kinds of decision that record amounts by kind of assistance (REQ-APP-021: all but
#: 却下・廃止). A suspension records what is still paid while suspended (0 for a full one).
KINDS_WITH_AMOUNTS = PRICED_KINDS | {DecisionKind.SUSPENSION}


class Decision(Record):
    """保護決定1件。理由・扶助別の額・決裁者を記録し、通知書の基になる。

    References: 生活保護法24条3項・4項 (書面・理由の付記), 24条5項 (30日延長時の理由),
    26条 (停止・廃止), 64条 (審査請求).
    """

    model_config = ConfigDict(title="保護決定")

    record_type: Literal["decision"] = record_type_field("decision")
    id: RecordId = Field(title="決定ID", description="決定の識別子。")
    case_id: RecordId = Field(title="ケースID", description="決定の対象のケース。")
    application_id: RecordId | None = Field(
        default=None,
        title="申請ID",
        description="申請に対する決定の場合の申請（開始・却下では必須）。",
    )
    kind: DecisionKind = Field(title="決定の種類", description="開始・却下・変更・停止・廃止の別。")
    start_basis: StartBasis | None = Field(
        default=None,
        title="開始の区分",
        description="開始の決定の場合の、申請による開始か職権による開始か（職権なら申請IDはない）。",
    )
    ex_officio: ExOfficioRecord | None = Field(
        default=None,
        title="職権による保護の記録",
        description="職権による開始の決定が引き継いだ、急迫と判断した事実・判断日・判断した職員。",
    )
    status: DecisionStatus = Field(title="処理状況", description="起案・決裁・通知の状況。")
    decided_on: date | None = Field(
        default=None, title="決定日", description="決裁により決定した日（起案中は省略）。"
    )
    effective_on: date = Field(
        title="適用日",
        description="決定の効力が生じる日（開始決定では保護の開始日）。",
    )
    reasons: list[str] = Field(
        title="決定の理由",
        description="通知書に記載する決定の理由（具体的に）。",
        min_length=1,
    )
    rejection_reason: RejectionReason | None = Field(
        default=None, title="却下の理由の区分", description="却下の場合の理由の区分。"
    )
    termination_reason: TerminationReason | None = Field(
        default=None, title="廃止の理由の区分", description="廃止の場合の理由の区分。"
    )
    withdrawal: WithdrawalDeclaration | None = Field(
        default=None,
        title="辞退届の受領記録",
        description="辞退による廃止の場合の、本人が署名した辞退届の受領記録。",
    )
    free_will_check: FreeWillCheck | None = Field(
        default=None,
        title="辞退の任意性の確認",
        description="辞退による廃止の場合の、辞退が本人の自由な意思によることの確認記録。",
    )
    need_determination_id: RecordId | None = Field(
        default=None,
        title="要否判定ID",
        description="却下の根拠とした要否判定（要否判定による却下の場合）。",
    )
    amounts: AssistanceAmounts | None = Field(
        default=None,
        title="扶助別の額",
        description=(
            "開始・変更決定後の扶助別の月額（計算エンジンの結果）。停止の決定では停止の間も支給する額"
            "（すべて停止するなら0）。"
        ),
    )
    minimum_living_cost: Yen | None = Field(
        default=None, title="最低生活費", description="判定に用いた最低生活費の月額。"
    )
    recognised_income: Yen | None = Field(
        default=None, title="収入充当額", description="認定した収入の月額。"
    )
    own_payment: Yen = Field(
        default=0,
        title="本人支払額",
        description="収入が金銭給付分を上回る場合に医療・介護費用に充てる本人負担額。",
    )
    calculation_id: RecordId | None = Field(
        default=None,
        title="計算ID",
        description="額の根拠となった計算（説明つき）の識別子。",
    )
    transferred_to: RecordId | None = Field(
        default=None,
        title="移管先福祉事務所ID",
        description="移管による廃止の場合の、ケースを引き継ぐ福祉事務所。",
    )
    deadline_extension_reason: str | None = Field(
        default=None,
        title="決定が14日を超えた理由",
        description="申請から14日を超えて決定した場合に通知書に記載する理由（法24条5項）。",
        min_length=1,
    )
    drafted_by: RecordId = Field(title="起案者ID", description="決定を起案した職員。")
    drafted_on: date = Field(title="起案日", description="起案した日。")
    approved_by: RecordId | None = Field(
        default=None, title="決裁者ID", description="決定を決裁した職員（査察指導員・課長等）。"
    )
    approved_on: date | None = Field(
        default=None, title="決裁日", description="最後の段階の決裁をした日。"
    )
    submitted_on: date | None = Field(
        default=None, title="回付日", description="起案者が決定を決裁に回した日。"
    )
    approvals: list[ApprovalEntry] = Field(
        default_factory=list,
        title="決裁の記録",
        description="段階ごとの決裁の記録（決裁者・決裁日時・決裁区分）。最後の記録が最終決裁。",
    )
    notified_on: date | None = Field(
        default=None, title="通知日", description="決定通知書を発した日。"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        self._check_kind_fields()
        self._check_approval()
        return self

    def _check_kind_fields(self) -> None:
        kind = self.kind
        ex_officio = self.start_basis is StartBasis.EX_OFFICIO
        if self.start_basis is not None and kind is not DecisionKind.START:
            raise ValueError("開始の区分は開始の決定に限り記録します (start_basis only on a start)")
        if ex_officio != (self.ex_officio is not None) or (ex_officio and self.application_id):
            raise ValueError(
                "職権による開始には職権による保護の記録が必要で、申請IDはありません "
                "(an ex officio start carries its record and no application)"
            )
        needs_application = kind is DecisionKind.REJECTION or (
            kind is DecisionKind.START and not ex_officio
        )
        if needs_application and self.application_id is None:
            raise ValueError(
                f"{kind.label}の決定には申請IDが必要です (application_id required for {kind.value})"
            )
        if (kind is DecisionKind.REJECTION) != (self.rejection_reason is not None):
            raise ValueError(
                "却下の理由の区分は却下の決定に限り、かつ必ず記録します "
                "(rejection_reason iff kind is rejection)"
            )
        if (kind is DecisionKind.TERMINATION) != (self.termination_reason is not None):
            raise ValueError(
                "廃止の理由の区分は廃止の決定に限り、かつ必ず記録します "
                "(termination_reason iff kind is termination)"
            )
        by_transfer = self.termination_reason is TerminationReason.TRANSFER
        if by_transfer != (self.transferred_to is not None):
            raise ValueError(
                "移管による廃止には移管先の福祉事務所を記録します（移管以外には記録しない） "
                "(transferred_to iff terminated by transfer)"
            )
        by_withdrawal = self.termination_reason is TerminationReason.WITHDRAWAL
        recorded = self.withdrawal is not None or self.free_will_check is not None
        if not by_withdrawal and recorded:
            raise ValueError(
                "辞退届の受領記録と任意性の確認は辞退による廃止に限り記録します "
                "(withdrawal records only on a termination by withdrawal)"
            )
        gaps = withdrawal_gaps(self.withdrawal, self.free_will_check) if by_withdrawal else []
        if gaps:
            raise ValueError(
                f"辞退による廃止の記録に欠けがあります: {'・'.join(gaps)} "
                "(termination by withdrawal without complete declaration and free-will check)"
            )
        if (kind in KINDS_WITH_AMOUNTS) != (self.amounts is not None):
            raise ValueError(
                "扶助別の額は開始・変更・停止の決定に限り、かつ必ず記録します "
                "(amounts iff kind is start, change or suspension)"
            )

    def _check_approvals(self, approved: bool) -> None:
        """The approval entries: stages in order, the drafter in none, one final entry last."""
        entries = self.approvals
        if [entry.stage for entry in entries] != list(range(1, len(entries) + 1)):
            raise ValueError("決裁の記録の段階が1から順になっていません (stages out of order)")
        if any(entry.approved_by == self.drafted_by for entry in entries):
            raise ValueError(
                "起案者が自らの起案を決裁することはできません (the drafter cannot approve)"
            )
        kinds = [entry.kind for entry in entries]
        expected_final = [ApprovalKind.FINAL] if approved else []
        if kinds[len(kinds) - len(expected_final) :] != expected_final or (
            ApprovalKind.FINAL in kinds[: len(kinds) - len(expected_final)]
        ):
            raise ValueError(
                "最終決裁の記録は決裁済・通知済の決定の最後の記録に限ります "
                "(exactly one final approval, last, once approved)"
            )
        if (self.status is DecisionStatus.IN_APPROVAL) != (not approved and bool(entries)):
            raise ValueError(
                "決裁中の決定には途中の段階の決裁の記録が必要です（起案中・決裁待ちには記録できません） "
                "(intermediate approvals iff in approval)"
            )
        if approved and entries and entries[-1].approved_by != self.approved_by:
            raise ValueError(
                "最終決裁の決裁者が決定の決裁者と一致しません (final approver differs)"
            )

    def _check_approval(self) -> None:
        approved = decision_is_final(self)
        recorded = (self.approved_by, self.approved_on, self.decided_on)
        if approved and any(value is None for value in recorded):
            raise ValueError(
                "決裁済・通知済の決定には決裁者・決裁日・決定日が必要です "
                "(approved_by, approved_on and decided_on required once approved)"
            )
        if not approved and any(value is not None for value in recorded):
            raise ValueError(
                "起案中の決定に決裁者・決裁日・決定日は記録できません (no approval data on a draft)"
            )
        if self.approved_by is not None and self.approved_by == self.drafted_by:
            raise ValueError(
                "起案者が自らの起案を決裁することはできません (the drafter cannot approve)"
            )
        if self.submitted_on is not None and self.submitted_on < self.drafted_on:
            raise ValueError("回付日が起案日より前です (submitted_on before drafted_on)")
        if self.approved_on is not None and self.approved_on < self.drafted_on:
            raise ValueError("決裁日が起案日より前です (approved_on before drafted_on)")
        notified = self.status is DecisionStatus.NOTIFIED
        if notified != (self.notified_on is not None):
            raise ValueError("通知日は通知済の決定に限り記録します (notified_on iff notified)")
        if self.notified_on and self.approved_on and self.notified_on < self.approved_on:
            raise ValueError("通知日が決裁日より前です (notified_on before approved_on)")
        self._check_approvals(approved)


def current_decision(decisions: Iterable[Decision]) -> Decision | None:
    """The final start/change decision in force: the latest one, unless a later final
    suspension or termination ended it."""
    current = None
    for decision in sorted(
        (d for d in decisions if decision_is_final(d)),
        key=lambda d: (d.effective_on, d.decided_on or d.effective_on),
    ):
        current = decision if decision.kind in PRICED_KINDS else None
    return current


def amounts_in_force(decisions: Iterable[Decision]) -> AssistanceAmounts | None:
    """The amounts by kind the case's decisions put in force (``None``: none in force)."""
    current = current_decision(decisions)
    return None if current is None else current.amounts
