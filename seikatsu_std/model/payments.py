"""Payments (経理・支給): bank accounts, payments, payment runs and proxy payments.

Every payment traces back to the decisions it derives from, carries an
idempotency key so that re-running never pays twice, and reconciles to the
yen: net amount = Σ lines − Σ deductions. A payment run records its own count
and total; checking them against the run's payments (separate records) is the
payment service's job, as is writing the 全銀 transfer file from
:class:`BankAccount` data.

References: 生活保護法31条 (生活扶助の方法), 37条の2 (代理納付), 78条の2 (保護費と
徴収金の調整); ../shared/domain/GUIDE.md §3.5; ../shared/domain/FORMATS.md
(全銀 総合振込 file: field widths and allowed characters).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import AssistanceKind, Period, RecordId, SignedYen, YearMonth, Yen

#: Characters allowed in a 全銀 name field (FORMATS.md): half-width katakana
#: ｱ–ﾝ with separate ﾞ ﾟ (no ｦ, no small kana ｧ–ｯ, no ｰ or ･), digits, A–Z,
#: space and ( ) - . — the first character may not be a space.
ZENGIN_KANA_PATTERN = r"^[ｱ-ﾝﾞﾟ0-9A-Z()\-.][ｱ-ﾝﾞﾟ0-9A-Z ()\-.]*$"

ZenginKana = Annotated[
    str,
    Field(
        pattern=ZENGIN_KANA_PATTERN,
        min_length=1,
        description="全銀フォーマットで使える半角カナ等（ｱ-ﾝ ﾞ ﾟ 数字 A-Z 空白 ( ) - .）。",
    ),
]
"""A name as the 全銀 file carries it (half-width katakana, FORMATS.md)."""

IdempotencyKey = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$",
        description="冪等キー（英数字と . _ : / - 、128文字以内）。同じキーの処理は二度行わない。",
    ),
]
"""A key that makes a payment operation idempotent."""


class PaymentMethod(LabelledEnum):
    """保護費の支給方法。"""

    __title__ = "支給方法"

    BANK_TRANSFER = "bank_transfer", "口座振込"
    COUNTER_CASH = "counter_cash", "窓口払（現金）"
    PROXY = "proxy", "代理納付（家主等への直接支払）"


class AccountKind(LabelledEnum):
    """預金種目（全銀フォーマットのコードを値とする）。"""

    __title__ = "預金種目"

    ORDINARY = "1", "普通"
    CURRENT = "2", "当座"
    SAVINGS = "4", "貯蓄"
    OTHER = "9", "その他"


class PaymentKind(LabelledEnum):
    """支給の種類。定例支給は毎月の保護費、随時支給は一時的な需要等への支給。"""

    __title__ = "支給の種類"

    REGULAR = "regular", "定例支給"
    AD_HOC = "ad_hoc", "随時支給"


class PaymentStatus(LabelledEnum):
    """個々の支給の状態。"""

    __title__ = "支給の状態"

    SCHEDULED = "scheduled", "支給予定"
    PAID = "paid", "支給済"
    RETURNED = "returned", "口座不能（振込返却）"
    CANCELLED = "cancelled", "取消"


class DeductionKind(LabelledEnum):
    """支給額からの控除の種類。"""

    __title__ = "控除の種類"

    PROXY_PAYMENT = "proxy_payment", "代理納付"
    BENEFIT_OFFSET = "benefit_offset", "保護費との調整（法78条の2）"


class PaymentRunStatus(LabelledEnum):
    """定例支給等の一括処理の状態。"""

    __title__ = "支給処理の状態"

    DRAFT = "draft", "作成中"
    APPROVED = "approved", "決裁済"
    EXPORTED = "exported", "振込データ作成済"
    COMPLETED = "completed", "完了"
    FAILED = "failed", "異常終了"


class ProxyPayeeKind(LabelledEnum):
    """代理納付の対象となる費用（生活保護法37条の2・同法施行令3条。範囲の詳細は未確認）。"""

    __title__ = "代理納付の対象"

    RENT = "rent", "家賃・間代・地代"
    COMMON_SERVICE_FEE = "common_service_fee", "共益費"
    CARE_INSURANCE_PREMIUM = "care_insurance_premium", "介護保険料"
    WATER = "water", "水道料金"
    OTHER = "other", "その他"


class BankAccount(StdModel):
    """振込先口座。全銀フォーマットの振込データに必要な項目を持つ。"""

    model_config = ConfigDict(title="振込先口座")

    bank_code: str = Field(
        title="金融機関コード", description="統一金融機関コード（4桁）。", pattern=r"^[0-9]{4}$"
    )
    bank_name_kana: ZenginKana | None = Field(
        default=None,
        title="金融機関名（半角カナ）",
        description="振込データに記載する金融機関名（半角カナ15文字以内）。",
        max_length=15,
    )
    branch_code: str = Field(
        title="支店コード", description="支店コード（3桁）。", pattern=r"^[0-9]{3}$"
    )
    branch_name_kana: ZenginKana | None = Field(
        default=None,
        title="支店名（半角カナ）",
        description="振込データに記載する支店名（半角カナ15文字以内）。",
        max_length=15,
    )
    account_kind: AccountKind = Field(
        title="預金種目", description="普通・当座・貯蓄・その他の別（全銀コード）。"
    )
    account_number: str = Field(
        title="口座番号", description="口座番号（7桁、右詰めゼロ埋め）。", pattern=r"^[0-9]{7}$"
    )
    holder_name_kana: ZenginKana = Field(
        title="口座名義（半角カナ）",
        description="口座名義人名（半角カナ30文字以内。小書き文字は大書きし、長音・中黒・読点は使わない）。",
        max_length=30,
    )


class PaymentLine(StdModel):
    """支給額の内訳1行（扶助の種類ごとの額と算定根拠）。"""

    model_config = ConfigDict(title="支給内訳")

    assistance_kind: AssistanceKind = Field(title="扶助の種類", description="この額の扶助の種類。")
    amount: SignedYen = Field(
        title="金額",
        description="この行の金額（円）。過払いの戻入・日割による減額等は負の額。",
    )
    basis: str = Field(
        title="算定根拠",
        description="金額の根拠（決定の内容、日割計算の式等）。",
        min_length=1,
        max_length=1000,
    )


class PaymentDeduction(StdModel):
    """支給額からの控除1件（代理納付分・法78条の2による徴収金との調整）。"""

    model_config = ConfigDict(title="控除")

    kind: DeductionKind = Field(title="控除の種類", description="代理納付か徴収金との調整か。")
    amount: Yen = Field(title="控除額", description="控除する額（円、1以上）。", gt=0)
    proxy_payment_id: RecordId | None = Field(
        default=None,
        title="代理納付ID",
        description="代理納付による控除の場合の代理納付の登録。",
    )
    claim_id: RecordId | None = Field(
        default=None,
        title="債権ID",
        description="法78条の2による調整の場合に充当する債権。",
    )

    @model_validator(mode="after")
    def _reference_matches_kind(self) -> Self:
        if self.kind is DeductionKind.PROXY_PAYMENT:
            if self.proxy_payment_id is None or self.claim_id is not None:
                raise ValueError(
                    "代理納付の控除には代理納付IDのみを指定します "
                    "(proxy deduction requires proxy_payment_id and no claim_id)"
                )
        elif self.claim_id is None or self.proxy_payment_id is not None:
            raise ValueError(
                "保護費との調整（法78条の2）の控除には債権IDのみを指定します "
                "(benefit offset requires claim_id and no proxy_payment_id)"
            )
        return self


class Payment(Record):
    """1世帯への1回の支給（定例支給の1か月分、または随時支給）。

    支給額（差引支給額）は 内訳の合計 − 控除の合計 に一致し、負にならない。
    口座振込のときに限り振込先口座を持ち、代理納付のときは代理納付の登録を指す。
    定例支給は必ず支給処理（PaymentRun）に属する。
    """

    model_config = ConfigDict(title="支給")

    record_type: Literal["payment"] = record_type_field("payment")
    id: RecordId = Field(title="支給ID", description="支給の識別子。")
    case_id: RecordId = Field(title="ケースID", description="支給を受ける世帯のケース。")
    decision_ids: list[RecordId] = Field(
        title="根拠となる決定ID",
        description="この支給の額のもとになった保護決定（1つ以上）。",
        min_length=1,
    )
    payment_run_id: RecordId | None = Field(
        default=None,
        title="支給処理ID",
        description="この支給を含む一括の支給処理（定例支給は必須）。",
    )
    kind: PaymentKind = Field(title="支給の種類", description="定例支給か随時支給か。")
    month: YearMonth = Field(title="対象年月", description="支給の対象となる月（YYYY-MM）。")
    lines: list[PaymentLine] = Field(
        title="支給内訳", description="扶助の種類ごとの額と算定根拠。", min_length=1
    )
    deductions: list[PaymentDeduction] = Field(
        default_factory=list,
        title="控除",
        description="代理納付・徴収金との調整による控除。",
    )
    net_amount: Yen = Field(
        title="差引支給額",
        description="世帯に支払う額（内訳の合計から控除の合計を引いた額）。",
    )
    method: PaymentMethod = Field(title="支給方法", description="口座振込・窓口払・代理納付の別。")
    bank_account: BankAccount | None = Field(
        default=None,
        title="振込先口座",
        description="口座振込の場合の振込先（口座振込のときのみ）。",
    )
    proxy_payment_id: RecordId | None = Field(
        default=None,
        title="代理納付ID",
        description="支給方法が代理納付の場合の支払先の登録。",
    )
    scheduled_on: date = Field(title="支給予定日", description="支給（振込）を予定する日。")
    paid_on: date | None = Field(
        default=None,
        title="支給日",
        description="実際に支給した日（支給済のときのみ）。",
    )
    status: PaymentStatus = Field(
        title="状態", description="支給予定・支給済・口座不能・取消の別。"
    )
    return_reason: str | None = Field(
        default=None,
        title="口座不能の理由",
        description="振込が返却された理由（口座解約・名義相違等。口座不能のときのみ）。",
        min_length=1,
        max_length=200,
    )
    idempotency_key: IdempotencyKey = Field(
        title="冪等キー",
        description=(
            "同じ支給を二重に行わないためのキー"
            "（例: regular/office-nakano/2025-06/case-2025-0001）。"
        ),
    )

    @property
    def gross_amount(self) -> int:
        """Σ lines (may be negative only when the payment is inconsistent)."""
        return sum(line.amount for line in self.lines)

    @property
    def deducted_amount(self) -> int:
        """Σ deductions."""
        return sum(deduction.amount for deduction in self.deductions)

    @model_validator(mode="after")
    def _amounts_reconcile(self) -> Self:
        expected = self.gross_amount - self.deducted_amount
        if expected < 0:
            raise ValueError(
                f"控除の合計 {self.deducted_amount} 円が内訳の合計 {self.gross_amount} 円を"
                "超えています (deductions exceed the gross amount; net would be negative)"
            )
        if self.net_amount != expected:
            raise ValueError(
                f"差引支給額 {self.net_amount} 円が 内訳の合計 − 控除の合計 = {expected} 円と"
                f"一致しません (net_amount must equal sum(lines) - sum(deductions) = {expected})"
            )
        return self

    @model_validator(mode="after")
    def _method_and_status(self) -> Self:
        transfer = self.method is PaymentMethod.BANK_TRANSFER
        if transfer and self.bank_account is None:
            raise ValueError(
                "口座振込には振込先口座が必要です (bank_account required for bank transfer)"
            )
        if not transfer and self.bank_account is not None:
            raise ValueError(
                f"支給方法「{self.method.label}」に振込先口座は記録できません "
                "(bank_account only for bank transfer)"
            )
        if (self.method is PaymentMethod.PROXY) != (self.proxy_payment_id is not None):
            raise ValueError(
                "代理納付IDは支給方法が代理納付のとき（のみ）必要です "
                "(proxy_payment_id required iff method is proxy)"
            )
        if self.kind is PaymentKind.REGULAR and self.payment_run_id is None:
            raise ValueError(
                "定例支給は支給処理に属さなければなりません "
                "(regular payment requires payment_run_id)"
            )
        if (self.status is PaymentStatus.PAID) != (self.paid_on is not None):
            raise ValueError(
                "支給日は状態が支給済のとき（のみ）必要です (paid_on required iff status is paid)"
            )
        if (self.status is PaymentStatus.RETURNED) != (self.return_reason is not None):
            raise ValueError(
                "口座不能の理由は状態が口座不能のとき（のみ）必要です "
                "(return_reason required iff status is returned)"
            )
        if self.status is PaymentStatus.RETURNED and not transfer:
            raise ValueError(
                "口座不能は口座振込の支給にのみ生じます (only bank transfers can be returned)"
            )
        return self


def payment_run_key(office_id: str, month: str, kind: PaymentKind) -> str:
    """The idempotency key of a payment run: ``{office_id}/{month}/{kind}``."""
    return f"{office_id}/{month}/{kind.value}"


class PaymentRun(Record):
    """支給処理: 定例支給（または随時支給の一括処理）の1回の実行。

    実行キー（福祉事務所・対象年月・支給の種類）は一意であり、同じキーで再実行しても
    二重に支給しない。件数・合計額を記録する（個々の支給との突合は支給処理の
    サービスが行う）。決裁後の状態には決裁者と決裁日時が必要。
    """

    model_config = ConfigDict(title="支給処理")

    record_type: Literal["payment_run"] = record_type_field("payment_run")
    id: RecordId = Field(title="支給処理ID", description="支給処理の識別子。")
    office_id: RecordId = Field(title="福祉事務所ID", description="支給を行う福祉事務所。")
    month: YearMonth = Field(title="対象年月", description="支給の対象となる月（YYYY-MM）。")
    kind: PaymentKind = Field(title="支給の種類", description="定例支給か随時支給か。")
    run_key: str = Field(
        title="実行キー",
        description=(
            "冪等性のためのキー。「福祉事務所ID/対象年月/支給の種類」"
            "（例: office-nakano/2025-06/regular）。"
        ),
        min_length=1,
        max_length=128,
    )
    payment_date: date = Field(
        title="支給日", description="支給（振込指定）日。金融機関休業日の場合は繰り上げた日。"
    )
    status: PaymentRunStatus = Field(title="状態", description="作成中・決裁済・出力済等の別。")
    payment_count: int = Field(title="支給件数", description="この処理に含まれる支給の件数。", ge=0)
    total_amount: Yen = Field(
        title="支給総額", description="この処理に含まれる支給の差引支給額の合計（円）。"
    )
    approved_by: RecordId | None = Field(
        default=None,
        title="決裁者の職員ID",
        description="支給処理を決裁した職員（決裁後に必須）。",
    )
    approved_at: AwareDatetime | None = Field(
        default=None,
        title="決裁日時",
        description="決裁した日時（タイムゾーン付き、決裁後に必須）。",
    )
    file_checksum: str | None = Field(
        default=None,
        title="振込データのチェックサム",
        description="出力した全銀振込データの SHA-256（16進小文字64桁）。振込がなければ省略。",
        pattern=r"^[0-9a-f]{64}$",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        expected_key = payment_run_key(self.office_id, self.month, self.kind)
        if self.run_key != expected_key:
            raise ValueError(
                f"実行キーは「{expected_key}」でなければなりません "
                f"(run_key must be {expected_key!r})"
            )
        if (self.approved_by is None) != (self.approved_at is None):
            raise ValueError(
                "決裁者と決裁日時は両方記録するか両方省略します "
                "(approved_by and approved_at go together)"
            )
        approved_states = (
            PaymentRunStatus.APPROVED,
            PaymentRunStatus.EXPORTED,
            PaymentRunStatus.COMPLETED,
        )
        if self.status in approved_states and self.approved_by is None:
            raise ValueError(
                f"状態「{self.status.label}」には決裁者と決裁日時が必要です "
                f"(status {self.status.value} requires approval)"
            )
        if self.status is PaymentRunStatus.DRAFT and self.approved_by is not None:
            raise ValueError(
                "作成中の支給処理に決裁は記録できません (a draft run cannot be approved)"
            )
        if self.payment_count == 0 and self.total_amount != 0:
            raise ValueError(
                "支給件数が0件なら支給総額は0円です "
                "(total_amount must be 0 when payment_count is 0)"
            )
        return self


class ProxyPayment(Record):
    """代理納付: 家賃・介護保険料等を世帯に代わって支払先に直接支払う登録（生活保護法37条の2）。

    毎月の支給から月額を控除し、支払先に支払う。
    """

    model_config = ConfigDict(title="代理納付")

    record_type: Literal["proxy_payment"] = record_type_field("proxy_payment")
    id: RecordId = Field(title="代理納付ID", description="代理納付の登録の識別子。")
    case_id: RecordId = Field(title="ケースID", description="代理納付を行う世帯のケース。")
    payee_kind: ProxyPayeeKind = Field(
        title="代理納付の対象", description="家賃・共益費・介護保険料等の別。"
    )
    payee_name: str = Field(
        title="支払先", description="家主・管理会社・保険者等の名称。", min_length=1, max_length=100
    )
    payee_account: BankAccount | None = Field(
        default=None,
        title="支払先口座",
        description="支払先の振込先口座（公金振替等で口座を要しない場合は省略）。",
    )
    monthly_amount: Yen = Field(title="月額", description="毎月代理納付する額（円、1以上）。", gt=0)
    period: Period = Field(title="期間", description="代理納付を行う期間。")
    legal_basis: str = Field(
        title="根拠",
        description="代理納付の根拠（例: 生活保護法37条の2、同法施行令3条）。",
        min_length=1,
        max_length=500,
    )
