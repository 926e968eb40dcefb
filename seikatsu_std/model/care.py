"""Long-term-care assistance (介護扶助): the care ticket (介護券).

介護扶助 pays what 介護保険 does not: for insured recipients (第1号・第2号被保険者)
the 10% co-payment, for uninsured 40–64-year-olds (みなし2号) the whole cost.
Care tickets are issued per calendar month per provider, tied to the care plan.

References: 生活保護法15条の2 (介護扶助), 34条の2 (介護扶助の方法), 54条の2
(介護機関の指定); ../shared/domain/GUIDE.md §3.4. The 10%/100% split by insurance
status is UNVERIFIED (third-party sources only, see FACTS.md "Medical and care").
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, StdModel, record_type_field
from seikatsu_std.model.household import CareInsuranceStatus
from seikatsu_std.model.medical import PublicAssistanceTicket, TicketValidityChange

#: Pattern of a 介護保険事業所番号 (10 digits; no check-digit rule is known to us).
CARE_PROVIDER_NUMBER_PATTERN = r"^[0-9]{10}$"

#: 介護扶助 share of the cost by insurance status (UNVERIFIED, third-party: FACTS.md).
_SHARE_BY_STATUS: dict[CareInsuranceStatus, int] = {
    CareInsuranceStatus.FIRST_INSURED: 10,
    CareInsuranceStatus.SECOND_INSURED: 10,
    CareInsuranceStatus.DEEMED_SECOND: 100,
}


def care_assistance_share(status: CareInsuranceStatus) -> int | None:
    """The share (%) of the cost 介護扶助 bears for ``status`` (None: no care ticket at all)."""
    return _SHARE_BY_STATUS.get(status)


class CareServiceKind(LabelledEnum):
    """介護券の対象となる介護扶助の種類（生活保護法15条の2）。福祉用具・住宅改修は金銭給付のため介護券の対象外。"""

    __title__ = "介護扶助の種類"

    HOME_CARE = "home_care", "居宅介護"
    HOME_CARE_SUPPORT = "home_care_support", "居宅介護支援（ケアプラン作成）"
    FACILITY_CARE = "facility_care", "施設介護"
    PREVENTIVE_CARE = "preventive_care", "介護予防"
    PREVENTIVE_CARE_SUPPORT = "preventive_care_support", "介護予防支援（介護予防ケアプラン作成）"
    DAILY_LIVING_SUPPORT = "daily_living_support", "介護予防・日常生活支援"


class CarePlanReference(StdModel):
    """介護券が基づく居宅サービス計画・介護予防サービス計画・施設サービス計画の参照。"""

    model_config = ConfigDict(title="ケアプランの参照")

    planner_provider_number: str | None = Field(
        default=None,
        title="計画作成事業所番号",
        description="計画を作成した居宅介護支援事業所等の介護保険事業所番号（10桁）。自己作成なら省略。",
        pattern=CARE_PROVIDER_NUMBER_PATTERN,
    )
    created_on: date = Field(title="計画作成日", description="計画を作成（変更）した日。")
    self_made: bool = Field(
        default=False,
        title="自己作成",
        description="本人が作成した計画（自己作成プラン）か。",
    )


class CareTicketValidityChange(TicketValidityChange):
    """介護券の有効期間の短縮と、介護事業所への連絡の記録。"""

    model_config = ConfigDict(title="介護券の有効期間の変更")

    contacted_on: date = Field(
        title="事業者への連絡日", description="有効期間の変更を介護事業所に連絡した日。"
    )


class CareTicket(PublicAssistanceTicket):
    """介護券: 1か月・1介護事業所ごとに発行する介護扶助の券。

    介護扶助の負担割合は被保険者区分と整合しなければならない: 第1号・第2号
    被保険者は10%（介護保険が90%を給付）、みなし2号（40〜64歳で医療保険未加入の
    ため介護保険の被保険者でない者）は100%。この対応は第三者の資料のみによる
    未確認の規則（UNVERIFIED、FACTS.md）であり、確認されしだい見直す。
    介護保険の対象外（40歳未満）の者には介護券を発行しない。
    """

    model_config = ConfigDict(title="介護券")

    record_type: Literal["care_ticket"] = record_type_field("care_ticket")
    provider_number: str = Field(
        title="介護保険事業所番号",
        description="サービスを提供する介護事業所の事業所番号（10桁。検査数字の規則は未確認のため形式のみ検査）。",
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
    care_insurance: CareInsuranceStatus = Field(
        title="介護保険の区分",
        description="対象年月における被保険者区分（第1号・第2号・みなし2号）。",
    )
    insured_number: str | None = Field(
        default=None,
        title="介護保険被保険者番号",
        description="介護保険の被保険者番号（10桁）。第1号・第2号被保険者は必須、みなし2号は記録しない。",
        pattern=r"^[0-9]{10}$",
    )
    assistance_share_percent: Literal[10, 100] = Field(
        title="介護扶助の負担割合（%）",
        description="介護費用のうち介護扶助が負担する割合。被保険者は10、みなし2号は100（未確認の規則）。",
    )
    validity_change: CareTicketValidityChange | None = Field(
        default=None,
        title="有効期間の変更",
        description="保護の停止・廃止に伴い有効期間を短縮した記録（短縮していなければ なし）。",
    )
    care_plan: CarePlanReference | None = Field(
        default=None,
        title="ケアプラン",
        description="介護券が基づく居宅サービス計画等。施設介護で施設が計画を持つ場合等は省略可。",
    )

    @model_validator(mode="after")
    def _ticket_consistent(self) -> Self:
        expected = care_assistance_share(self.care_insurance)
        if expected is None:
            raise ValueError(
                f"介護保険の区分「{self.care_insurance.label}」の者には介護券を発行できません "
                "(no care ticket for members outside long-term-care insurance)"
            )
        if self.assistance_share_percent != expected:
            raise ValueError(
                f"介護保険の区分「{self.care_insurance.label}」の介護扶助の負担割合は"
                f"{expected}%です（{self.assistance_share_percent}%が記録されています） "
                f"(assistance share must be {expected}% for {self.care_insurance.value})"
            )
        insured = self.care_insurance is not CareInsuranceStatus.DEEMED_SECOND
        if insured and self.insured_number is None:
            raise ValueError(
                "介護保険の被保険者には被保険者番号が必要です "
                "(insured_number required for insured members)"
            )
        if not insured and self.insured_number is not None:
            raise ValueError(
                "みなし2号は介護保険の被保険者ではないため被保険者番号を記録できません "
                "(deemed category-2 members have no insured_number)"
            )
        return self
