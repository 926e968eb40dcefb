"""Repayments and claims (返還金・徴収金・債権管理).

A claim (債権) is assessed (調定), notified (納入通知), possibly paid by
instalments (分割納付) or by deduction from benefits (法78条の2), reminded
(督促), paid in full or written off (不納欠損).

Guardrail (seed 000, 中野区): savings built up from the benefits themselves for
purposes consistent with the Act are not "means" (最高裁第三小法廷 2004-03-16,
平成11(行ツ)38), so a 63条 claim on such savings is improper. A means-based
claim therefore records where the means came from, and a claim on savings must
record that this origin was checked.

References: 生活保護法63条 (費用返還義務), 77条の2 (急迫の場合等の費用の徴収),
78条 (不正受給の費用等の徴収; 1項: 100分の40を乗じた額以下の金額を加算),
78条の2 (保護金品等を徴収金の納入に充てる旨の申出); 課長通知 問第3の18
(預貯金の取扱い); ../shared/domain/FACTS.md "Repayments and claims" (all VERIFIED
except the 5-year limitation period, which is not modelled here).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import RecordId, YearMonth, Yen


class ClaimBasis(LabelledEnum):
    """債権の法的根拠。"""

    __title__ = "債権の根拠"

    ART63 = "art63", "法63条 返還金"
    ART77_2 = "art77_2", "法77条の2 徴収金（急迫の場合等）"
    ART78 = "art78", "法78条 徴収金（不正受給）"
    OTHER = "other", "その他"


#: Bases that rest on the recipient having had means (資力): 63条 and 77条の2.
MEANS_BASED = frozenset({ClaimBasis.ART63, ClaimBasis.ART77_2})


class MeansSource(LabelledEnum):
    """返還の対象となった資力の発生源（法63条・77条の2）。"""

    __title__ = "資力の内容"

    RETROACTIVE_BENEFIT = "retroactive_benefit", "年金・手当等の遡及受給"
    SAVINGS = "savings", "預貯金等"
    INSURANCE_PAYOUT = "insurance_payout", "保険金・給付金"
    COMPENSATION = "compensation", "損害賠償金・補償金"
    ASSET_SALE = "asset_sale", "資産の売却"
    OTHER = "other", "その他"


class ClaimStatus(LabelledEnum):
    """債権の状態。"""

    __title__ = "債権の状態"

    ASSESSED = "assessed", "調定"
    NOTIFIED = "notified", "納入通知済"
    INSTALMENTS = "instalments", "分割納付中"
    OVERDUE = "overdue", "督促中"
    PAID = "paid", "完納"
    WRITTEN_OFF = "written_off", "不納欠損"


class CollectionMethod(LabelledEnum):
    """収納の方法。"""

    __title__ = "収納方法"

    CASH = "cash", "現金（窓口）"
    TRANSFER = "transfer", "振込・納付書"
    OFFSET = "offset", "保護費との調整（法78条の2）"


class Claim(Record):
    """債権: 法63条返還金・法77条の2徴収金・法78条徴収金等の調定。

    データの整合性として次を検査する:

    - 加算金は法78条の債権のみ、かつ元金の100分の40以下（法78条1項、FACTS.md で VERIFIED）。
    - 自立更生費の控除・資力の内容は資力に基づく債権（法63条・77条の2）のみ。
      資力に基づく債権は、資力の額と対象期間の保護費の額を記録し、元金は
      保護費の額以下かつ 資力の額 − 自立更生費 以下。
    - 資力が預貯金等の場合、その預貯金が法の趣旨目的に沿った保護費のやり繰りに
      よるものでないことを確認した旨（savings_from_benefits_checked = true）が必要
      （最高裁 2004-03-16）。確認の内容は根拠の記載に書く。
    - 納入通知日は調定日以後、状態と日付が対応すること。
    """

    model_config = ConfigDict(title="債権")

    record_type: Literal["claim"] = record_type_field("claim")
    id: RecordId = Field(title="債権ID", description="債権の識別子。")
    case_id: RecordId = Field(
        title="ケースID", description="債務者である被保護者（世帯）のケース。"
    )
    basis: ClaimBasis = Field(title="根拠", description="法63条・77条の2・78条等の別。")
    assessed_on: date = Field(title="調定日", description="債権の額を調定した日。")
    principal: Yen = Field(
        title="元金（返還・徴収額）",
        description="返還または徴収を求める額（自立更生費を控除した後の額、円、1以上）。",
        gt=0,
    )
    surcharge: Yen = Field(
        default=0,
        title="加算金",
        description="法78条1項により加算する額（元金の100分の40以下。78条以外は0）。",
    )
    means_source: MeansSource | None = Field(
        default=None,
        title="資力の内容",
        description="返還の対象となった資力の発生源（法63条・77条の2では必須）。",
    )
    means_amount: Yen | None = Field(
        default=None,
        title="資力の額",
        description="保護を受けた者が有していた資力の額（法63条・77条の2では必須）。",
    )
    assistance_paid: Yen | None = Field(
        default=None,
        title="対象期間に支給した保護費",
        description="資力の発生以降（不正受給の期間）に支給した保護費の額。返還額の上限となる。",
    )
    self_reliance_deduction: Yen = Field(
        default=0,
        title="自立更生費",
        description="返還額の決定にあたり資力から控除した自立更生のための費用（法63条・77条の2のみ）。",
    )
    savings_from_benefits_checked: bool = Field(
        title="保護費のやり繰りによる預貯金でないことの確認",
        description=(
            "資力とした預貯金等が、法の趣旨目的に沿った保護費のやり繰りによる蓄えで"
            "ないことを確認したか（最高裁平成16年3月16日判決）。資力が預貯金等なら true が必要。"
        ),
    )
    legal_basis_note: str = Field(
        title="根拠の記載",
        description="資力があったと判断した理由・不正の事実・金額の算定根拠等。預貯金等の場合はその原資の確認内容を含む。",
        min_length=1,
        max_length=4000,
    )
    decided_by: RecordId = Field(title="決定した職員ID", description="返還・徴収額を決定した職員。")
    decision_id: RecordId | None = Field(
        default=None,
        title="返還金・徴収金の決定ID",
        description="この債権を調定した返還金・徴収金の決定（決裁を経た決定から調定したとき）。",
    )
    notice_issued_on: date | None = Field(
        default=None,
        title="納入通知日",
        description="納入通知書を発した日（通知前なら省略）。",
    )
    due_on: date | None = Field(
        default=None,
        title="納期限",
        description="納入通知書に記載した納期限。",
    )
    status: ClaimStatus = Field(title="状態", description="調定から完納・不納欠損までの状態。")
    written_off_on: date | None = Field(
        default=None,
        title="不納欠損日",
        description="不納欠損として処理した日（不納欠損のときのみ）。",
    )

    @property
    def total(self) -> int:
        """Principal plus surcharge: the whole amount due."""
        return self.principal + self.surcharge

    @model_validator(mode="after")
    def _amounts(self) -> Self:
        if self.surcharge and self.basis is not ClaimBasis.ART78:
            raise ValueError(
                f"加算金は法78条の債権にのみ付けられます（根拠: {self.basis.label}） "
                "(surcharge only for Article 78 claims)"
            )
        ceiling = self.principal * 40 // 100
        if self.surcharge > ceiling:
            raise ValueError(
                f"加算金 {self.surcharge} 円が元金の100分の40（{ceiling} 円）を超えています"
                "（法78条1項） (surcharge exceeds 40% of principal, Article 78(1))"
            )
        means_based = self.basis in MEANS_BASED
        if not means_based and (self.self_reliance_deduction or self.means_source is not None):
            raise ValueError(
                "自立更生費の控除と資力の内容は法63条・77条の2の債権にのみ記録できます "
                "(self_reliance_deduction and means_source only for means-based claims)"
            )
        if self.assistance_paid is not None and self.principal > self.assistance_paid:
            raise ValueError(
                f"元金 {self.principal} 円が対象期間に支給した保護費 {self.assistance_paid} 円を"
                "超えています (principal exceeds the assistance paid)"
            )
        if means_based:
            if (
                self.means_source is None
                or self.means_amount is None
                or self.assistance_paid is None
            ):
                raise ValueError(
                    "資力に基づく債権には資力の内容・資力の額・対象期間の保護費が必要です "
                    "(means-based claims require means_source, means_amount, assistance_paid)"
                )
            available = self.means_amount - self.self_reliance_deduction
            if available < 0:
                raise ValueError(
                    "自立更生費が資力の額を超えています "
                    "(self_reliance_deduction exceeds means_amount)"
                )
            if self.principal > available:
                raise ValueError(
                    f"元金 {self.principal} 円が 資力の額 − 自立更生費 = {available} 円を"
                    "超えています (principal exceeds means minus self-reliance deduction)"
                )
        return self

    @model_validator(mode="after")
    def _savings_guardrail(self) -> Self:
        if self.means_source is MeansSource.SAVINGS and not self.savings_from_benefits_checked:
            raise ValueError(
                "預貯金等を資力とする場合は、それが法の趣旨目的に沿った保護費のやり繰りによる"
                "蓄えでないことの確認が必要です（最高裁平成16年3月16日判決） "
                "(savings claimed as means must be checked not to be savings from benefits)"
            )
        return self

    @model_validator(mode="after")
    def _dates_and_status(self) -> Self:
        if self.notice_issued_on is not None and self.notice_issued_on < self.assessed_on:
            raise ValueError(
                f"納入通知日 {self.notice_issued_on.isoformat()} が調定日 "
                f"{self.assessed_on.isoformat()} より前です (notice before assessment)"
            )
        if self.due_on is not None and (
            self.notice_issued_on is None or self.due_on < self.notice_issued_on
        ):
            raise ValueError(
                "納期限は納入通知日以後の日で、納入通知日とともに記録します "
                "(due_on requires notice_issued_on and must not precede it)"
            )
        notified_states = (ClaimStatus.NOTIFIED, ClaimStatus.INSTALMENTS, ClaimStatus.OVERDUE)
        if self.status in notified_states and self.notice_issued_on is None:
            raise ValueError(
                f"状態「{self.status.label}」には納入通知日が必要です "
                f"(status {self.status.value} requires notice_issued_on)"
            )
        if (self.status is ClaimStatus.WRITTEN_OFF) != (self.written_off_on is not None):
            raise ValueError(
                "不納欠損日は状態が不納欠損のとき（のみ）必要です "
                "(written_off_on required iff status is written_off)"
            )
        if self.written_off_on is not None and self.written_off_on < self.assessed_on:
            raise ValueError("不納欠損日が調定日より前です (written_off_on before assessed_on)")
        return self


class ClaimDecisionStatus(LabelledEnum):
    """返還金・徴収金の決定の処理状況。"""

    __title__ = "返還金・徴収金の決定の処理状況"

    DRAFTED = "drafted", "起案中"
    APPROVED = "approved", "決裁済"


#: The bases a 返還金・徴収金の決定 may rest on (the Act's articles; "other" claims are not
#: decided through this workflow).
DECIDABLE = frozenset({ClaimBasis.ART63, ClaimBasis.ART77_2, ClaimBasis.ART78})


class ClaimDecision(Record):
    """返還金・徴収金の決定: 法63条返還金・法77条の2徴収金・法78条徴収金の起案と決裁。

    起案者が事実・対象期間・金額を起案し、起案者以外の社会福祉主事の資格を持つ公務員
    （査察指導員・課長）が決裁する。決裁した決定から債権（Claim）を調定する。

    データの整合性として次を検査する:

    - 資力に基づく決定（法63条・77条の2）は資力の内容・事実・日付・額と対象期間の保護費の額が必要。
      控除前の額は対象期間の保護費の額と資力の額を超えず、自立更生費は控除前の額未満。
    - 法78条の決定は不正の事実が必要で、自立更生費・資力は記録しない。加算の率は法78条のみ。
    - 元金は 控除前の額 − 自立更生費、加算する額は 元金 × 加算の率 ÷ 100（1円未満切捨て）。
    - 決裁者・決裁日は決裁済のときだけ記録し、決裁者は起案者と別の職員、決裁日は起案日以後。
    """

    model_config = ConfigDict(title="返還金・徴収金の決定")

    record_type: Literal["claim_decision"] = record_type_field("claim_decision")
    id: RecordId = Field(title="返還金・徴収金の決定ID", description="決定の識別子。")
    case_id: RecordId = Field(
        title="ケースID", description="返還・徴収を求める被保護者（世帯）のケース。"
    )
    office_id: RecordId = Field(title="福祉事務所ID", description="決定する福祉事務所。")
    basis: ClaimBasis = Field(
        title="根拠", description="法63条・77条の2・78条の別（その他は不可）。"
    )
    status: ClaimDecisionStatus = Field(title="処理状況", description="起案中・決裁済の別。")
    period_from: YearMonth = Field(
        title="対象期間の初月", description="返還・徴収の対象となる保護を支給した期間の最初の月。"
    )
    period_to: YearMonth = Field(
        title="対象期間の末月", description="返還・徴収の対象となる保護を支給した期間の最後の月。"
    )
    means_source: MeansSource | None = Field(
        default=None,
        title="資力の内容",
        description="返還の対象となった資力の発生源（法63条・77条の2では必須）。",
    )
    means_fact: str | None = Field(
        default=None,
        title="資力が生じた事実",
        description="資力が生じた事実（法63条・77条の2では必須）。",
        min_length=1,
        max_length=2000,
    )
    means_arose_on: date | None = Field(
        default=None,
        title="資力が生じた日",
        description="資力が生じた日（法63条・77条の2では必須）。",
    )
    means_amount: Yen | None = Field(
        default=None,
        title="資力の額",
        description="保護を受けた者が有していた資力の額（法63条・77条の2では必須）。",
    )
    savings_from_benefits_checked: bool = Field(
        default=False,
        title="保護費のやり繰りによる預貯金でないことの確認",
        description=(
            "資力とした預貯金等が、法の趣旨目的に沿った保護費のやり繰りによる蓄えでないことを"
            "確認したか（最高裁平成16年3月16日判決）。資力が預貯金等なら true が必要。"
        ),
    )
    fraud_fact: str | None = Field(
        default=None,
        title="不正の事実",
        description="不実の申請その他不正な手段により保護を受けた事実（法78条では必須）。",
        min_length=1,
        max_length=2000,
    )
    assistance_paid: Yen | None = Field(
        default=None,
        title="対象期間の保護費の額",
        description="対象期間に支給した保護費の額。返還額の上限となる（法63条・77条の2では必須）。",
    )
    requested_amount: Yen = Field(
        title="控除前の額",
        description=(
            "返還・徴収を求める額（法63条・77条の2では自立更生費を控除する前の返還額、"
            "法78条では徴収する保護費の額。円、1以上）。"
        ),
        gt=0,
    )
    self_reliance_deduction: Yen = Field(
        default=0,
        title="自立更生費の控除額",
        description="返還額から控除した自立更生のための費用（法63条・77条の2のみ）。",
    )
    principal: Yen = Field(
        title="元金（返還・徴収額）",
        description="返還・徴収を求める額: 控除前の額 − 自立更生費の控除額（円、1以上）。",
        gt=0,
    )
    surcharge_percent: int = Field(
        default=0,
        title="加算の率",
        description="法78条1項により元金に加算する率（百分率。上限は基準表 art78_surcharge_ceiling）。",
        ge=0,
        le=100,
    )
    surcharge: Yen = Field(
        default=0,
        title="加算する額",
        description="元金 × 加算の率 ÷ 100（1円未満切捨て。法78条のみ）。",
    )
    legal_basis_note: str | None = Field(
        default=None,
        title="根拠の記載",
        description="返還額・徴収額の算定根拠、預貯金等の原資の確認内容などの補足。",
        min_length=1,
        max_length=4000,
    )
    drafted_by: RecordId = Field(title="起案者ID", description="決定を起案した職員。")
    drafted_on: date = Field(title="起案日", description="決定を起案した日。")
    approved_by: RecordId | None = Field(
        default=None,
        title="決裁者ID",
        description="決定を決裁した職員（起案者とは別の職員。決裁済のときのみ）。",
    )
    approved_on: date | None = Field(
        default=None, title="決裁日", description="決定を決裁した日（決裁済のときのみ）。"
    )
    claim_id: RecordId | None = Field(
        default=None,
        title="債権ID",
        description="決裁により調定した債権（決裁済のときのみ）。",
    )

    @property
    def total(self) -> int:
        """Principal plus surcharge: the whole amount the decision demands."""
        return self.principal + self.surcharge

    @model_validator(mode="after")
    def _basis_and_facts(self) -> Self:
        if self.basis not in DECIDABLE:
            raise ValueError(
                f"返還金・徴収金の決定の根拠は法63条・77条の2・78条です（{self.basis.label}は不可） "
                "(a claim decision rests on Article 63, 77-2 or 78)"
            )
        if self.period_to < self.period_from:
            raise ValueError(
                f"対象期間の末月 {self.period_to} が初月 {self.period_from} より前です "
                "(period_to before period_from)"
            )
        if self.basis in MEANS_BASED:
            means = {
                "資力の内容": self.means_source,
                "資力が生じた事実": self.means_fact,
                "資力が生じた日": self.means_arose_on,
                "資力の額": self.means_amount,
                "対象期間の保護費の額": self.assistance_paid,
            }
            missing = [title for title, value in means.items() if value is None]
            if missing:
                raise ValueError(
                    f"{self.basis.label}の決定には{'・'.join(missing)}が必要です "
                    "(means-based decisions require the means and the assistance paid)"
                )
            if self.fraud_fact is not None or self.surcharge_percent:
                raise ValueError(
                    "不正の事実と加算の率は法78条の決定にのみ記録できます "
                    "(fraud_fact and surcharge_percent only for Article 78)"
                )
        else:
            if self.fraud_fact is None:
                raise ValueError(
                    "法78条の決定には不正の事実が必要です (Article 78 decisions require fraud_fact)"
                )
            if self.means_source is not None or self.self_reliance_deduction:
                raise ValueError(
                    "資力の内容と自立更生費の控除は法63条・77条の2の決定にのみ記録できます "
                    "(means_source and self_reliance_deduction only for means-based decisions)"
                )
        return self

    @model_validator(mode="after")
    def _amounts(self) -> Self:
        if self.principal != self.requested_amount - self.self_reliance_deduction:
            raise ValueError(
                f"元金 {self.principal} 円が 控除前の額 {self.requested_amount} 円 − 自立更生費 "
                f"{self.self_reliance_deduction} 円と一致しません "
                "(principal must equal requested_amount minus self_reliance_deduction)"
            )
        if self.surcharge != self.principal * self.surcharge_percent // 100:
            raise ValueError(
                f"加算する額 {self.surcharge} 円が 元金 × 加算の率（{self.surcharge_percent}%）と"
                "一致しません (surcharge must equal principal × surcharge_percent / 100)"
            )
        return self

    @model_validator(mode="after")
    def _approval(self) -> Self:
        self._check_approval()
        return self

    def _check_approval(self) -> None:
        approved = self.status is ClaimDecisionStatus.APPROVED
        approval = (self.approved_by, self.approved_on, self.claim_id)
        if approved and None in approval:
            raise ValueError(
                "決裁済の決定には決裁者・決裁日・債権IDが必要です "
                "(an approved decision records approved_by, approved_on and claim_id)"
            )
        if not approved and any(value is not None for value in approval):
            raise ValueError(
                "決裁者・決裁日・債権IDは決裁済の決定にのみ記録します "
                "(approved_by, approved_on and claim_id only once approved)"
            )
        if self.approved_by is not None and self.approved_by == self.drafted_by:
            raise ValueError(
                "起案者が自ら起案した決定を決裁することはできません "
                "(the drafter of a decision cannot approve it)"
            )
        if self.approved_on is not None and self.approved_on < self.drafted_on:
            raise ValueError("決裁日が起案日より前です (approved_on before drafted_on)")


def assessed_claim(
    decision: ClaimDecision, *, claim_id: str, decided_by: str, assessed_on: date
) -> Claim:
    """The claim (債権) that ``decision`` assesses (調定) as ``claim_id`` on ``assessed_on``.

    The claim's own rules apply (surcharge ceiling, principal within the means and the
    assistance paid, the savings guardrail): a decision that breaks them cannot be assessed.
    """
    fact = decision.means_fact if decision.basis in MEANS_BASED else decision.fraud_fact
    note = (
        f"{decision.basis.label}（決定 {decision.id}、対象期間 {decision.period_from}〜"
        f"{decision.period_to}）: {fact}"
    )
    if decision.legal_basis_note:
        note += f"。{decision.legal_basis_note}"
    return Claim(
        id=claim_id,
        case_id=decision.case_id,
        basis=decision.basis,
        assessed_on=assessed_on,
        principal=decision.principal,
        surcharge=decision.surcharge,
        means_source=decision.means_source,
        means_amount=decision.means_amount,
        assistance_paid=decision.assistance_paid,
        self_reliance_deduction=decision.self_reliance_deduction,
        savings_from_benefits_checked=decision.savings_from_benefits_checked,
        legal_basis_note=note[:4000],
        decided_by=decided_by,
        decision_id=decision.id,
        status=ClaimStatus.ASSESSED,
    )


def claim_of(decision: ClaimDecision) -> Claim:
    """The claim an approved decision assessed on the day it was approved."""
    if decision.approved_on is None or decision.approved_by is None or decision.claim_id is None:
        raise ValueError(
            f"決定 {decision.id} は決裁されていないため調定していません "
            "(only an approved decision has assessed a claim)"
        )
    return assessed_claim(
        decision,
        claim_id=decision.claim_id,
        decided_by=decision.approved_by,
        assessed_on=decision.approved_on,
    )


class Instalment(StdModel):
    """分割納付の1回分。"""

    model_config = ConfigDict(title="分割納付の回")

    due_on: date = Field(title="納期限", description="この回の納期限。")
    amount: Yen = Field(title="納付額", description="この回に納付する額（円、1以上）。", gt=0)


class InstalmentPlan(Record):
    """分割納付計画: 債権を分割して納付する約定。

    各回の納付額の合計は計画の総額に一致し、納期限は約定日以後で厳密に昇順。
    """

    model_config = ConfigDict(title="分割納付計画")

    record_type: Literal["instalment_plan"] = record_type_field("instalment_plan")
    id: RecordId = Field(title="分割納付計画ID", description="分割納付計画の識別子。")
    claim_id: RecordId = Field(title="債権ID", description="分割して納付する債権。")
    agreed_on: date = Field(title="約定日", description="債務者と分割納付を約した日。")
    total_amount: Yen = Field(
        title="計画の総額", description="この計画で納付する額の合計（円、1以上）。", gt=0
    )
    instalments: list[Instalment] = Field(
        title="納付の各回", description="各回の納期限と納付額（納期限の順）。", min_length=1
    )

    @model_validator(mode="after")
    def _schedule(self) -> Self:
        scheduled = sum(instalment.amount for instalment in self.instalments)
        if scheduled != self.total_amount:
            raise ValueError(
                f"各回の納付額の合計 {scheduled} 円が計画の総額 {self.total_amount} 円と"
                "一致しません (instalment amounts must sum to total_amount)"
            )
        if self.instalments[0].due_on < self.agreed_on:
            raise ValueError(
                "最初の納期限が約定日より前です (first instalment due before agreed_on)"
            )
        for earlier, later in zip(self.instalments, self.instalments[1:], strict=False):
            if later.due_on <= earlier.due_on:
                raise ValueError(
                    f"納期限は厳密に昇順でなければなりません（{earlier.due_on.isoformat()} の次に "
                    f"{later.due_on.isoformat()}） (due dates must be strictly increasing)"
                )
        return self


class Collection(Record):
    """収納: 債権に対する1回の納付・充当。

    保護費との調整（法78条の2）による充当は、本人の書面による申出に基づく
    場合に限るため、申出の記録と申出日が必要（申出日は収納日以前）。
    """

    model_config = ConfigDict(title="収納")

    record_type: Literal["collection"] = record_type_field("collection")
    id: RecordId = Field(title="収納ID", description="収納の識別子。")
    claim_id: RecordId = Field(title="債権ID", description="収納を充てる債権。")
    received_on: date = Field(title="収納日", description="納付を受けた（充当した）日。")
    amount: Yen = Field(title="収納額", description="収納した額（円、1以上）。", gt=0)
    method: CollectionMethod = Field(
        title="収納方法", description="現金・振込・保護費との調整の別。"
    )
    written_request_id: RecordId | None = Field(
        default=None,
        title="申出書ID",
        description="法78条の2による本人の書面の申出の記録（保護費との調整のときのみ）。",
    )
    written_request_on: date | None = Field(
        default=None,
        title="申出日",
        description="本人が書面で申し出た日（保護費との調整のときのみ）。",
    )
    payment_id: RecordId | None = Field(
        default=None,
        title="支給ID",
        description="保護費との調整の場合に控除した支給。",
    )

    @model_validator(mode="after")
    def _offset_needs_written_request(self) -> Self:
        offset = self.method is CollectionMethod.OFFSET
        request_fields = (self.written_request_id, self.written_request_on)
        if offset and None in request_fields:
            raise ValueError(
                "保護費との調整には本人の書面による申出（申出書IDと申出日）が必要です（法78条の2） "
                "(offset requires written_request_id and written_request_on)"
            )
        if not offset and (
            any(value is not None for value in request_fields) or self.payment_id is not None
        ):
            raise ValueError(
                "申出書・申出日・支給IDは保護費との調整のときのみ記録します "
                "(written request and payment_id only for offsets)"
            )
        if self.written_request_on is not None and self.written_request_on > self.received_on:
            raise ValueError(
                f"申出日 {self.written_request_on.isoformat()} が収納日 "
                f"{self.received_on.isoformat()} より後です (written request after collection)"
            )
        return self


class Reminder(Record):
    """督促: 納期限までに納付がない債権についての督促状の発出。指定期限は発出日より後。"""

    model_config = ConfigDict(title="督促")

    record_type: Literal["reminder"] = record_type_field("reminder")
    id: RecordId = Field(title="督促ID", description="督促の識別子。")
    claim_id: RecordId = Field(title="債権ID", description="督促する債権。")
    issued_on: date = Field(title="発出日", description="督促状を発した日。")
    due_on: date = Field(title="指定期限", description="督促状で指定した納付の期限。")
    issued_by: RecordId | None = Field(
        default=None,
        title="発出職員ID",
        description="督促状を発した職員。",
    )

    @model_validator(mode="after")
    def _due_after_issue(self) -> Self:
        if self.due_on <= self.issued_on:
            raise ValueError(
                f"指定期限 {self.due_on.isoformat()} は発出日 {self.issued_on.isoformat()} "
                "より後でなければなりません (due_on must be after issued_on)"
            )
        return self
