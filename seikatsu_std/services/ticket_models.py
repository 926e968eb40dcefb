"""Requests of the benefits given on a decision: medical and care tickets, ad-hoc payments.

The records themselves are :class:`~seikatsu_std.model.medical.MedicalTicket`,
:class:`~seikatsu_std.model.care.CareTicket` and
:class:`~seikatsu_std.model.payments.Payment`; these are what the standard API
receives to make them. Each names the decision it rests on: only a decision
that has been approved (決裁) grounds a ticket or a payment (REQ-APP-022).
What the office knows already (its 公費負担者番号, the member's insurance status,
the 本人支払額 of the decision, the kind of ticket an institution takes) is not
asked for: the service takes it from the records.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import ConfigDict, Field

from seikatsu_std.model.base import StdModel
from seikatsu_std.model.care import CARE_PROVIDER_NUMBER_PATTERN, CareServiceKind
from seikatsu_std.model.common import RecordId, YearMonth
from seikatsu_std.model.decision import DecisionKind
from seikatsu_std.model.medical import ProviderContactMethod, TreatmentSetting
from seikatsu_std.model.payments import BankAccount, IdempotencyKey, PaymentLine, PaymentMethod


class TicketRequest(StdModel):
    """医療券・介護券の発行の要求に共通の項目。"""

    decision_id: RecordId = Field(
        title="根拠となる決定ID",
        description="医療扶助・介護扶助を認めた、決裁済みのケースの保護決定。",
    )
    member_id: RecordId = Field(title="世帯員ID", description="給付を受ける世帯員。")
    month: YearMonth = Field(title="対象年月", description="券が有効な暦月（YYYY-MM）。")
    valid_from_day: int = Field(
        default=1,
        title="有効期間の開始日",
        description="対象年月のうち券が有効になる日（省略時は1日）。",
        ge=1,
        le=31,
    )
    valid_to_day: int | None = Field(
        default=None,
        title="有効期間の終了日",
        description="対象年月のうち券が有効な最後の日（省略時は月末）。",
        ge=1,
        le=31,
    )


class MedicalTicketRequest(TicketRequest):
    """医療券・調剤券の発行の要求。券の種類は指定医療機関の種別で決まる（薬局は調剤券）。"""

    model_config = ConfigDict(title="医療券・調剤券の発行")

    institution_id: RecordId = Field(
        title="指定医療機関ID", description="券を使用する指定医療機関（薬局なら調剤券）。"
    )
    setting: TreatmentSetting | None = Field(
        default=None,
        title="入院外・入院の別",
        description="医療券の診療区分（医療券は必須、調剤券は省略）。",
    )
    opinion_id: RecordId | None = Field(
        default=None,
        title="医療要否意見書ID",
        description="発行の根拠となった医療要否意見書。",
    )


class CareTicketRequest(TicketRequest):
    """介護券の発行の要求。介護保険の区分と介護扶助の負担割合は世帯員の記録から定まる。"""

    model_config = ConfigDict(title="介護券の発行")

    provider_number: str = Field(
        title="介護保険事業所番号",
        description="サービスを提供する介護事業所の事業所番号（10桁）。",
        pattern=CARE_PROVIDER_NUMBER_PATTERN,
    )
    provider_name: str = Field(
        title="介護事業所名",
        description="サービスを提供する介護事業所の名称。",
        min_length=1,
        max_length=100,
    )
    service_kind: CareServiceKind = Field(
        title="介護扶助の種類", description="居宅介護・施設介護・介護予防等の別。"
    )
    insured_number: str | None = Field(
        default=None,
        title="介護保険被保険者番号",
        description="介護保険の被保険者番号（10桁）。第1号・第2号被保険者は必須。",
        pattern=r"^[0-9]{10}$",
    )


class AdHocPaymentRequest(StdModel):
    """随時支給の作成の要求（一時的な需要等への支給）。"""

    model_config = ConfigDict(title="随時支給の作成")

    decision_id: RecordId = Field(
        title="根拠となる決定ID", description="支給の額のもとになった、決裁済みのケースの保護決定。"
    )
    month: YearMonth = Field(title="対象年月", description="支給の対象となる月（YYYY-MM）。")
    lines: list[PaymentLine] = Field(
        title="支給内訳", description="扶助の種類ごとの額と算定根拠。", min_length=1
    )
    method: PaymentMethod = Field(
        title="支給方法", description="口座振込・窓口払の別（代理納付は随時支給では扱わない）。"
    )
    bank_account: BankAccount | None = Field(
        default=None, title="振込先口座", description="口座振込の場合の振込先。"
    )
    scheduled_on: date = Field(title="支給予定日", description="支給（振込）を予定する日。")
    idempotency_key: IdempotencyKey = Field(
        title="冪等キー",
        description="同じ支給を二重に作らないためのキー。同じケースに同じキーの支給があればそれを返す。",
    )


class TicketValidityChangeRequest(StdModel):
    """保護の停止・廃止の適用日をまたぐ券の有効期間の短縮と、券を使う機関への連絡の記録の要求。"""

    model_config = ConfigDict(title="券の有効期間の変更")

    version: int = Field(title="版", description="読み込んだ券の版（一覧の行に示される）。", ge=1)
    valid_to: date = Field(
        title="有効期間の終了日",
        description="短縮後の有効期間の最後の日（開始日以後、停止・廃止の適用日の前日以前）。",
    )
    contacted_on: date = Field(
        title="医療機関・事業者への連絡日",
        description="有効期間の変更を券を使う医療機関・事業者に連絡した日（今日以前）。",
    )
    contact_method: ProviderContactMethod = Field(
        title="連絡の方法", description="電話・文書・ファクシミリ・訪問の別。"
    )
    contacted_by: RecordId | None = Field(
        default=None,
        title="連絡した職員ID",
        description="医療機関・事業者に連絡した職員（省略時は変更を記録する職員）。",
    )
    contact_note: str | None = Field(
        default=None,
        title="連絡の内容",
        description="連絡の相手・伝えた内容など（任意）。",
        min_length=1,
        max_length=1000,
    )


class TicketPastEnding(StdModel):
    """保護の停止・廃止の適用日以降も有効な券（一覧の行）。"""

    model_config = ConfigDict(title="適用日をまたぐ有効な券")

    ticket_type: Literal["medical_ticket", "care_ticket"] = Field(
        title="券の種別", description="医療券・調剤券（medical_ticket）か介護券（care_ticket）か。"
    )
    ticket_id: RecordId = Field(title="券ID", description="有効期間の変更が必要な券。")
    version: int = Field(title="版", description="券の版（有効期間の変更に使う）。", ge=1)
    case_id: RecordId = Field(title="ケースID", description="券を発行したケース。")
    member_id: RecordId = Field(title="世帯員ID", description="券を使う世帯員。")
    month: YearMonth = Field(title="対象年月", description="券が有効な暦月（YYYY-MM）。")
    valid_from: date = Field(title="有効期間の開始日", description="券が有効になる日。")
    valid_to: date = Field(title="有効期間の終了日", description="券が有効な最後の日（現在）。")
    provider: str = Field(
        title="券を使う機関",
        description="医療券は指定医療機関ID、介護券は介護保険事業所番号。",
    )
    ending_decision_id: RecordId = Field(
        title="停止・廃止の決定ID", description="確定した保護の停止・廃止の決定。"
    )
    ending_kind: DecisionKind = Field(title="停止・廃止の別", description="停止か廃止か。")
    effective_on: date = Field(title="停止・廃止の適用日", description="停止・廃止の決定の適用日。")
    end_by: date = Field(
        title="変更後の有効期間の終了日の上限",
        description="券の有効期間を短縮すべき最後の日（適用日の前日）。",
    )


class TicketsPastEnding(StdModel):
    """福祉事務所の、保護の停止・廃止の適用日をまたぐ有効な券の一覧。"""

    model_config = ConfigDict(title="適用日をまたぐ有効な券の一覧")

    office_id: RecordId = Field(title="福祉事務所ID", description="福祉事務所。")
    items: list[TicketPastEnding] = Field(
        title="券", description="適用日以降も有効な券（ケース・対象年月・券IDの順）。"
    )
