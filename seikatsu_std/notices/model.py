"""What a decision notice (保護決定通知書) prints, as one frozen record.

:class:`DecisionNotice` holds every word and number that the HTML and PDF
renderings show, so both say the same thing and a vendor writing in another
language can fill it from its own data. It is made from the library's records
by :func:`seikatsu_std.notices.build.build_decision_notice`, which refuses
records that may not be notified.

References: 生活保護法24条3項・4項 (書面・理由), 24条5項 (14日を超える場合の理由),
26条 (停止・廃止の通知), 64条 (審査請求); 行政不服審査法18条 (審査請求期間).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import StdModel
from seikatsu_std.model.common import Address, AssistanceKind, YearMonth, Yen
from seikatsu_std.model.decision import (
    KINDS_WITH_AMOUNTS,
    DecisionKind,
    RejectionReason,
    TerminationReason,
)
from seikatsu_std.model.legal import LegalRef


class NoticeParty(StdModel):
    """通知書の宛先（世帯主）または発信者（福祉事務所）。"""

    model_config = ConfigDict(title="通知書の宛先・発信者")

    name: str = Field(
        title="氏名・名称",
        description="宛先の世帯主の氏名、または発信する福祉事務所の名称。",
        min_length=1,
        max_length=100,
    )
    address: Address = Field(title="住所・所在地", description="宛先の住所、または発信者の所在地。")


class AmountLine(StdModel):
    """扶助の種類ごとの額の1行。"""

    model_config = ConfigDict(title="扶助別の額の行")

    kind: AssistanceKind = Field(title="扶助の種類", description="生活保護法11条の扶助の種類。")
    amount: Yen = Field(title="額", description="月額（円）。現物給付の扶助は見込額。")
    in_kind: bool = Field(
        title="現物給付",
        description="医療機関・介護事業者へ支払う現物給付か（金銭給付でないか）。",
    )


def _check_lines(lines: list[AmountLine]) -> None:
    kinds = [line.kind for line in lines]
    if len(set(kinds)) != len(kinds):
        raise ValueError("扶助の種類が重複しています (duplicate assistance kind)")


class NoticeAmounts(StdModel):
    """決定後の扶助別の額（開始・変更の決定）。"""

    model_config = ConfigDict(title="保護の種類と程度")

    lines: list[AmountLine] = Field(
        title="扶助別の額",
        description="扶助の種類ごとの月額（法11条の順、8種類すべて）。",
        min_length=1,
    )
    cash_total: Yen = Field(title="金銭給付の合計", description="金銭で支給する扶助の月額の合計。")
    in_kind_total: Yen = Field(
        title="現物給付の見込額の合計",
        description="医療扶助・介護扶助など現物給付の見込月額の合計。",
    )

    @model_validator(mode="after")
    def _totals(self) -> Self:
        _check_lines(self.lines)
        cash = sum(line.amount for line in self.lines if not line.in_kind)
        in_kind = sum(line.amount for line in self.lines if line.in_kind)
        if (cash, in_kind) != (self.cash_total, self.in_kind_total):
            raise ValueError(
                "合計が扶助別の額の和と一致しません (totals differ from the sum of the lines)"
            )
        return self


class LivingCostBreakdown(StdModel):
    """最低生活費の内訳（決定の根拠となった計算の結果から）。"""

    model_config = ConfigDict(title="最低生活費の内訳")

    month: YearMonth = Field(title="計算の対象月", description="内訳を計算した月。")
    lines: list[AmountLine] = Field(
        title="扶助別の最低生活費",
        description="扶助の種類ごとの最低生活費（収入を充てる前）。額が0の扶助は省く。",
    )
    total: Yen = Field(title="最低生活費の合計", description="内訳の合計。")
    prorated: bool = Field(
        title="日割計算",
        description="月の途中の開始・終了による日割計算をした額か。",
    )

    @model_validator(mode="after")
    def _total(self) -> Self:
        _check_lines(self.lines)
        if sum(line.amount for line in self.lines) != self.total:
            raise ValueError("内訳の合計が一致しません (breakdown total differs)")
        return self


class DeadlineExtension(StdModel):
    """申請から所定の日数を超えて通知する理由（生活保護法24条5項）。"""

    model_config = ConfigDict(title="通知が14日を超えた理由")

    received_on: date = Field(title="申請日", description="申請を受け付けた日（期限の起算日）。")
    notice_days: int = Field(
        title="通知の期限の日数",
        description="申請日の翌日から数えた通知の期限の日数（基準表 application_decision_deadline）。",
        ge=1,
    )
    due_on: date = Field(title="通知の期限", description="申請日に通知の期限の日数を加えた日。")
    reason: str = Field(
        title="理由",
        description="期限を超えて通知する理由（決定の記録 deadline_extension_reason）。",
        min_length=1,
    )
    citation: str = Field(
        title="根拠",
        description="理由の記載を求める規定（例: 生活保護法第24条第5項）。",
        min_length=1,
    )

    @model_validator(mode="after")
    def _due(self) -> Self:
        if self.received_on + timedelta(days=self.notice_days) != self.due_on:
            raise ValueError(
                "通知の期限が申請日と日数に合いません (due_on differs from received_on + notice_days)"
            )
        return self


class AppealInstructions(StdModel):
    """審査請求の教示（不服申立ての方法）。"""

    model_config = ConfigDict(title="審査請求の教示")

    authority: str = Field(
        title="審査請求先",
        description="審査請求をする行政庁（都道府県知事。例: 東京都知事）。",
        min_length=1,
    )
    months_after_learning: int = Field(
        title="審査請求の期間（月）",
        description="決定があったことを知った日の翌日から起算した月数（基準表 appeal_request_period）。",
        ge=1,
    )
    years_after_decision: int = Field(
        title="審査請求ができなくなるまでの年数",
        description="決定の日の翌日から起算した年数（基準表 appeal_request_period）。",
        ge=1,
    )
    text: list[str] = Field(
        title="教示の文",
        description="通知書に印字する教示の文（期間・審査請求先・根拠条項を含む）。",
        min_length=1,
    )
    legal_basis: list[LegalRef] = Field(
        title="根拠",
        description="審査請求先と期間の根拠（生活保護法64条、行政不服審査法18条）。",
        min_length=1,
    )
    lawsuit_defendant: str = Field(
        title="取消訴訟の被告",
        description="決定の取消しを求める訴訟で被告とする地方公共団体（福祉事務所を設置する自治体。行政事件訴訟法11条）。",
        min_length=1,
    )
    lawsuit_months_after_learning: int = Field(
        title="取消訴訟の出訴期間（月）",
        description="審査請求の裁決があったことを知った日から起算した月数（基準表 court_challenge_period）。",
        ge=1,
    )
    lawsuit_years_after_ruling: int = Field(
        title="取消訴訟を提起できなくなるまでの年数",
        description="裁決の日から起算した年数（基準表 court_challenge_period）。",
        ge=1,
    )
    lawsuit_text: list[str] = Field(
        title="取消訴訟の教示の文",
        description="通知書に印字する取消訴訟の教示の文（審査請求前置・被告・出訴期間。行政事件訴訟法46条）。",
        min_length=1,
    )
    lawsuit_legal_basis: list[LegalRef] = Field(
        title="取消訴訟の教示の根拠",
        description="審査請求前置・出訴期間・被告・教示の根拠（生活保護法69条、行政事件訴訟法11条・14条・46条）。",
        min_length=1,
    )


class DecisionNotice(StdModel):
    """保護決定通知書1通に印字するすべての事項。

    References: 生活保護法24条3項・4項・5項, 26条, 64条; 行政不服審査法18条.
    """

    model_config = ConfigDict(title="保護決定通知書")

    notice_number: str = Field(
        title="文書番号",
        description="福祉事務所が付す通知書の文書番号（例: 中福保第1234号）。",
        min_length=1,
        max_length=50,
    )
    notice_date: date = Field(title="通知日", description="通知書の日付（発する日）。")
    kind: DecisionKind = Field(title="決定の種類", description="開始・却下・変更・停止・廃止の別。")
    title: str = Field(
        title="表題", description="通知書の表題（例: 保護開始決定通知書）。", min_length=1
    )
    lead: str = Field(
        title="本文の書き出し",
        description="何について、どう決定したかを述べる本文の冒頭の文。",
        min_length=1,
    )
    issuer: NoticeParty = Field(title="発信者", description="決定した福祉事務所の名称と所在地。")
    addressee: NoticeParty = Field(title="宛先", description="世帯主の氏名と住所。")
    case_number: str = Field(
        title="ケース番号", description="福祉事務所が付すケース番号。", min_length=1
    )
    application_received_on: date | None = Field(
        default=None,
        title="申請日",
        description="申請に対する決定の場合の申請日（職権による決定では省略）。",
    )
    decided_on: date = Field(title="決定日", description="決裁により決定した日。")
    effective_on: date | None = Field(
        default=None,
        title="適用日",
        description="保護を開始・変更・停止・廃止する日（却下では省略）。",
    )
    effective_label: str | None = Field(
        default=None,
        title="適用日の項目名",
        description="適用日の見出し（例: 保護を開始する日）。適用日と対で記録する。",
        min_length=1,
    )
    rejection_reason: RejectionReason | None = Field(
        default=None, title="却下の理由の区分", description="却下の場合の理由の区分。"
    )
    termination_reason: TerminationReason | None = Field(
        default=None, title="廃止の理由の区分", description="廃止の場合の理由の区分。"
    )
    withdrawal_declared_on: date | None = Field(
        default=None,
        title="辞退の申出日",
        description="辞退による廃止の場合に、本人が署名した辞退届を受け取った日。",
    )
    reasons: list[str] = Field(
        title="決定の理由",
        description="通知書に記載する決定の理由（具体的に）。",
        min_length=1,
    )
    amounts: NoticeAmounts | None = Field(
        default=None,
        title="保護の種類と程度",
        description="開始・変更の決定後の扶助別の月額（開始・変更に限り、かつ必ず記載）。",
    )
    minimum_living_cost: Yen | None = Field(
        default=None,
        title="最低生活費",
        description="判定に用いた最低生活費の月額（記録があれば）。",
    )
    recognised_income: Yen | None = Field(
        default=None, title="収入充当額", description="認定した収入の月額（記録があれば）。"
    )
    own_payment: Yen | None = Field(
        default=None,
        title="本人支払額",
        description="医療・介護の費用に充てる本人負担の月額（開始・変更の決定で記載）。",
    )
    living_cost_breakdown: LivingCostBreakdown | None = Field(
        default=None,
        title="最低生活費の内訳",
        description="決定の根拠となった計算の結果による最低生活費の内訳（計算結果を渡した場合）。",
    )
    deadline_extension: DeadlineExtension | None = Field(
        default=None,
        title="通知が14日を超えた理由",
        description="申請から所定の日数を超えて通知する場合に限り記載する理由（法24条5項）。",
    )
    appeal: AppealInstructions = Field(
        title="審査請求の教示", description="不服がある場合の審査請求の方法と期間。"
    )
    contact_person: str | None = Field(
        default=None,
        title="担当者",
        description="問い合わせ先の担当現業員の氏名（職員の記録を渡した場合）。",
        max_length=100,
    )
    parameter_editions: list[str] = Field(
        title="使用した基準表の版",
        description="期間・期限の文言に用いた基準表の版（表ID@適用開始日）。監査用で、通知書には印字しない。",
        min_length=1,
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        kind = self.kind
        if (kind in KINDS_WITH_AMOUNTS) != (self.amounts is not None):
            raise ValueError(
                "扶助別の額は開始・変更・停止の通知書に限り、かつ必ず記載します "
                "(amounts iff kind is start, change or suspension)"
            )
        if (kind is DecisionKind.REJECTION) != (self.rejection_reason is not None):
            raise ValueError(
                "却下の理由の区分は却下の通知書に限り記載します (rejection_reason iff rejection)"
            )
        if (kind is DecisionKind.TERMINATION) != (self.termination_reason is not None):
            raise ValueError(
                "廃止の理由の区分は廃止の通知書に限り記載します (termination_reason iff termination)"
            )
        by_withdrawal = self.termination_reason is TerminationReason.WITHDRAWAL
        if by_withdrawal != (self.withdrawal_declared_on is not None):
            raise ValueError(
                "辞退の申出日は辞退による廃止に限り、かつ必ず記載します "
                "(withdrawal_declared_on iff terminated by withdrawal)"
            )
        if (self.effective_on is None) != (self.effective_label is None):
            raise ValueError(
                "適用日とその項目名は対で記載します (effective_on and effective_label together)"
            )
        if (kind is DecisionKind.REJECTION) != (self.effective_on is None):
            raise ValueError(
                "適用日は却下以外の通知書に記載します (effective_on iff not a rejection)"
            )
        if any(not reason.strip() for reason in self.reasons):
            raise ValueError("空の理由があります (blank reason)")
        if self.notice_date < self.decided_on:
            raise ValueError("通知日が決定日より前です (notice_date before decided_on)")
        return self
