"""Investigations after an application: assets, support from relatives.

References: 生活保護法4条 (補足性), 28条 (報告・調査), 29条 (資料の提供等); 扶養照会の
取扱い (保護の実施要領 課長通知).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import Address, RecordId, Yen


class InquiryTarget(LabelledEnum):
    """資産調査（法29条）の照会先の種類。"""

    __title__ = "照会先の種類"

    BANK = "bank", "金融機関（預貯金）"
    INSURER = "insurer", "生命保険会社"
    SECURITIES = "securities", "証券会社"
    EMPLOYER = "employer", "勤務先（給与）"
    PENSION_SERVICE = "pension_service", "日本年金機構（年金）"
    TAX_OFFICE = "tax_office", "税務担当（課税状況）"
    LAND_REGISTRY = "land_registry", "登記所（不動産）"
    VEHICLE_REGISTRY = "vehicle_registry", "運輸支局（自動車）"
    OTHER = "other", "その他"


class AssetInquiry(Record):
    """資産・収入の調査照会（法29条調査）1件。"""

    model_config = ConfigDict(title="資産調査照会")

    record_type: Literal["asset_inquiry"] = record_type_field("asset_inquiry")
    id: RecordId = Field(title="照会ID", description="照会の識別子。")
    application_id: RecordId | None = Field(
        default=None, title="申請ID", description="申請に伴う調査の場合の申請。"
    )
    case_id: RecordId | None = Field(
        default=None, title="ケースID", description="保護中の調査の場合のケース。"
    )
    member_id: RecordId = Field(title="対象世帯員ID", description="調査の対象となる世帯員。")
    target: InquiryTarget | None = Field(
        default=None, title="照会先の種類", description="照会先の種類（分類した場合）。"
    )
    institution_name: str = Field(
        title="照会先", description="照会先の名称（例: ○○銀行 中野支店）。", min_length=1
    )
    sent_on: date = Field(title="照会日", description="照会書を発送した日。")
    matters: str = Field(
        title="照会事項",
        description="回答を求める事項（例: 預金の有無、残高及び過去6か月の取引）。",
        min_length=1,
        max_length=2000,
    )
    answered_on: date | None = Field(
        default=None, title="回答日", description="回答を受け取った日（未回答なら省略）。"
    )
    balance_found: Yen | None = Field(
        default=None,
        title="判明した残高・金額",
        description="回答で判明した預貯金残高・保険解約返戻金等の金額。",
    )
    result_note: str | None = Field(
        default=None, title="回答内容", description="回答の要点。", max_length=2000
    )

    @model_validator(mode="after")
    def _linked_and_dated(self) -> Self:
        if self.application_id is None and self.case_id is None:
            raise ValueError(
                "申請IDかケースIDのどちらかが必要です (application_id or case_id required)"
            )
        if self.answered_on is not None and self.answered_on < self.sent_on:
            raise ValueError("回答日が照会日より前です (answered_on before sent_on)")
        if self.answered_on is None and (
            self.balance_found is not None or self.result_note is not None
        ):
            raise ValueError(
                "回答日のない照会に回答内容は記録できません (answer recorded without answered_on)"
            )
        return self


class ObligorDegree(LabelledEnum):
    """扶養義務者の区分。"""

    __title__ = "扶養義務者の区分"

    SPOUSE = "spouse", "配偶者"
    PARENT_OF_MINOR = "parent_of_minor", "未成熟の子に対する親"
    LINEAL = "lineal", "直系血族"
    SIBLING = "sibling", "兄弟姉妹"
    RELATIVE_WITHIN_THIRD = "relative_within_third", "三親等内の親族（家庭裁判所の審判による）"


class SupportObligor(StdModel):
    """扶養義務者1人。"""

    model_config = ConfigDict(title="扶養義務者")

    name: str = Field(title="氏名", description="扶養義務者の氏名。", min_length=1, max_length=100)
    degree: ObligorDegree = Field(title="区分", description="扶養義務者の区分。")
    relationship: str = Field(
        title="続柄", description="要保護者から見た続柄（例: 長男）。", min_length=1, max_length=40
    )
    address: Address | None = Field(
        default=None, title="住所", description="扶養義務者の住所（判明している場合）。"
    )


class SupportInquirySkipReason(LabelledEnum):
    """扶養照会を行わない理由（扶養義務の履行が期待できない、または照会が適当でない場合）。"""

    __title__ = "扶養照会を行わない理由"

    DV_OR_ABUSE = "dv_or_abuse", "DV・虐待等"
    LONG_ESTRANGEMENT = "long_estrangement", "長期間（おおむね10年程度）音信不通"
    OBLIGOR_ON_ASSISTANCE = "obligor_on_assistance", "扶養義務者が被保護者・社会福祉施設入所者"
    OBLIGOR_ELDERLY_OR_MINOR = "obligor_elderly_or_minor", "扶養義務者が高齢者・未成年者等"
    OBLIGOR_HOSPITALISED = "obligor_hospitalised", "扶養義務者が長期入院中"
    NOT_WORKING_RELATIONSHIP = "not_working_relationship", "扶養義務者が主たる生計維持者でない等"
    HARM_TO_SELF_RELIANCE = "harm_to_self_reliance", "照会により自立が阻害されるおそれ"


class SupportInquiryStatus(LabelledEnum):
    """扶養照会の状況。"""

    __title__ = "扶養照会の状況"

    PLANNED = "planned", "照会予定"
    SENT = "sent", "照会済"
    ANSWERED = "answered", "回答あり"
    SKIPPED = "skipped", "照会しない"


class SupportInquiry(Record):
    """扶養照会（扶養義務者への照会）1件。照会しない場合は理由と申請者の意向を記録する。

    References: 生活保護法4条2項; 扶養義務履行が期待できない者の判断基準
    （保護の実施要領 課長通知、令和3年改正。条番号の確認は UNVERIFIED）。
    """

    model_config = ConfigDict(title="扶養照会")

    record_type: Literal["support_inquiry"] = record_type_field("support_inquiry")
    id: RecordId = Field(title="扶養照会ID", description="扶養照会の識別子。")
    application_id: RecordId | None = Field(
        default=None, title="申請ID", description="申請に伴う照会の場合の申請。"
    )
    case_id: RecordId | None = Field(
        default=None, title="ケースID", description="保護中の照会の場合のケース。"
    )
    obligor: SupportObligor = Field(title="扶養義務者", description="照会の相手。")
    status: SupportInquiryStatus = Field(title="照会の状況", description="照会の状況。")
    applicant_view: str | None = Field(
        default=None,
        title="申請者の意向",
        description="照会について申請者から聴き取った意向（照会しない場合は必須）。",
        min_length=1,
    )
    skip_reason: SupportInquirySkipReason | None = Field(
        default=None,
        title="照会しない理由",
        description="照会しない場合の理由（許された区分から選ぶ）。",
    )
    skip_reason_detail: str | None = Field(
        default=None,
        title="照会しない理由の具体的内容",
        description="照会しない理由を裏づける具体的な事情。",
        min_length=1,
    )
    sent_on: date | None = Field(default=None, title="照会日", description="照会書を送付した日。")
    answered_on: date | None = Field(
        default=None, title="回答日", description="回答を受け取った日。"
    )
    answer_summary: str | None = Field(
        default=None,
        title="回答の内容",
        description="援助の可否・金額等の回答の要点。",
    )
    monthly_support: Yen | None = Field(
        default=None,
        title="仕送り等の月額",
        description="回答により見込まれる金銭的援助の月額（収入として認定する額の基礎）。",
    )

    @model_validator(mode="after")
    def _status_fields(self) -> Self:
        if self.application_id is None and self.case_id is None:
            raise ValueError(
                "申請IDかケースIDのどちらかが必要です (application_id or case_id required)"
            )
        skipped = self.status is SupportInquiryStatus.SKIPPED
        if skipped:
            missing = [
                label
                for label, value in (
                    ("照会しない理由", self.skip_reason),
                    ("照会しない理由の具体的内容", self.skip_reason_detail),
                    ("申請者の意向", self.applicant_view),
                )
                if value is None
            ]
            if missing:
                raise ValueError(
                    f"照会しない場合は {'・'.join(missing)} の記録が必要です "
                    "(a skipped support inquiry needs a reason, its detail and the applicant's view)"
                )
            if self.sent_on is not None:
                raise ValueError("照会しない扶養照会に照会日は記録できません (skipped but sent_on)")
        elif self.skip_reason is not None:
            raise ValueError(
                "照会する場合に照会しない理由は記録できません (skip_reason only when skipped)"
            )
        sent = self.status in (SupportInquiryStatus.SENT, SupportInquiryStatus.ANSWERED)
        if sent and self.sent_on is None:
            raise ValueError("照会済・回答ありには照会日が必要です (sent_on required)")
        answered = self.status is SupportInquiryStatus.ANSWERED
        if answered != (self.answered_on is not None):
            raise ValueError(
                "回答日は「回答あり」の場合に限り記録します (answered_on iff status answered)"
            )
        if self.answered_on and self.sent_on and self.answered_on < self.sent_on:
            raise ValueError("回答日が照会日より前です (answered_on before sent_on)")
        return self


# ---------------------------------------------------------------- support obligors (REQ-APP-015..017)


class ApplicantWish(LabelledEnum):
    """扶養照会についての申請者の意向。

    扶養照会の要否は、申請者から扶養義務者との関係や照会についての意向を丁寧に
    聴き取って判断する（保護の実施要領の取扱いについて 課長通知。問番号は未確認）。
    """

    __title__ = "照会についての申請者の意向"

    AGREES = "agrees", "照会してよい"
    DECLINES = "declines", "照会を望まない"
    NOT_STATED = "not_stated", "意向の表明なし（事情の聴取のみ）"


class ApplicantView(StdModel):
    """扶養義務者への照会について申請者から聴き取った意向と事情。"""

    model_config = ConfigDict(title="申請者の意向の記録")

    wish: ApplicantWish = Field(
        title="照会についての意向", description="照会してよいか、望まないか。"
    )
    statement: str = Field(
        title="申請者の意向",
        description="申請者が述べた意向と、扶養義務者との関係・照会を望まない事情。",
        min_length=1,
        max_length=2000,
    )
    heard_on: date = Field(title="聴取日", description="意向を聴き取った日。")
    heard_by: RecordId = Field(title="聴取者", description="意向を聴き取った職員。")


class SupportObligorStatus(LabelledEnum):
    """扶養義務者への照会の進み具合。"""

    __title__ = "扶養照会の進み具合"

    NOT_YET = "not_yet", "未照会"
    DOCUMENT_ISSUED = "document_issued", "照会文書作成済"
    SENT = "sent", "照会済"
    ANSWERED = "answered", "回答あり"
    SKIPPED = "skipped", "照会を省略"


class InquiryOverride(StdModel):
    """照会を望まない申請者について、なお照会すると判断した理由と判断者。"""

    model_config = ConfigDict(title="意向に反する照会の判断")

    reason: str = Field(
        title="判断理由",
        description="申請者が望まないにもかかわらず照会する理由（扶養が期待できる具体的な事情）。",
        min_length=1,
        max_length=2000,
    )
    decided_by: RecordId = Field(title="判断者", description="照会すると判断した職員。")


class SupportPossibility(LabelledEnum):
    """扶養照会の回答にある援助の可否。"""

    __title__ = "援助の可否"

    CAN = "can", "できる"
    CANNOT = "cannot", "できない"


class SupportAnswer(StdModel):
    """扶養照会への扶養義務者の回答。"""

    model_config = ConfigDict(title="扶養照会の回答")

    answered_on: date = Field(title="回答日", description="回答を受け取った日。")
    financial_support: SupportPossibility = Field(
        title="金銭的援助", description="仕送り等の金銭的な援助ができるか。"
    )
    emotional_support: SupportPossibility = Field(
        title="精神的支援", description="訪問・連絡等の精神的な支援ができるか。"
    )
    monthly_amount: Yen | None = Field(
        default=None,
        title="金銭的援助の月額",
        description="金銭的援助ができる場合に回答された月額（収入として認定する額の基礎）。",
    )
    note: str | None = Field(
        default=None, title="回答の内容", description="回答の要点。", max_length=2000
    )


class InquirySkip(StdModel):
    """扶養照会を省略した理由（省略理由の一覧から選んだもの）。"""

    model_config = ConfigDict(title="扶養照会の省略")

    reason_code: str = Field(
        title="省略理由のコード", description="省略理由の一覧の区分のコード。", min_length=1
    )
    reason: str = Field(title="省略理由", description="省略理由の一覧の区分の名称。", min_length=1)
    edition: str = Field(
        title="省略理由の一覧の版", description="理由を選んだ省略理由の一覧の版。", min_length=1
    )
    detail: str | None = Field(
        default=None,
        title="省略理由の具体的な事情",
        description="省略の理由を裏づける具体的な事情。",
        max_length=2000,
    )
    recorded_on: date = Field(title="省略の記録日", description="省略を記録した日。")


class SupportObligorRecord(Record):
    """申請に伴い把握した扶養義務者1人と、その人への扶養照会の経過。

    照会文書の作成・省略の前には申請者の意向の記録が必要で、申請者が照会を
    望まないのに照会するときは判断理由と判断者を記録する（REQ-APP-017）。
    References: 生活保護法4条2項; 保護の実施要領の取扱いについて（課長通知、問番号未確認）。
    """

    model_config = ConfigDict(title="扶養義務者の記録")

    record_type: Literal["support_obligor_record"] = record_type_field("support_obligor_record")
    id: RecordId = Field(title="扶養義務者ID", description="扶養義務者の記録の識別子。")
    application_id: RecordId = Field(title="申請ID", description="扶養義務者を把握した申請。")
    case_id: RecordId | None = Field(
        default=None, title="ケースID", description="申請のケース（あれば）。"
    )
    name: str = Field(title="氏名", description="扶養義務者の氏名。", min_length=1, max_length=100)
    relationship: str = Field(
        title="申請者との続柄",
        description="申請者から見た続柄（例: 姉、長男）。",
        min_length=1,
        max_length=40,
    )
    address: str | None = Field(
        default=None,
        title="住所",
        description="扶養義務者の住所（判明している場合）。",
        min_length=1,
        max_length=200,
    )
    support_prospect: str | None = Field(
        default=None,
        title="扶養の可能性の見込み",
        description="把握した事情から見込まれる扶養（金銭的援助・精神的支援）の可能性。",
        min_length=1,
        max_length=2000,
    )
    status: SupportObligorStatus = Field(
        title="扶養照会の進み具合", description="この扶養義務者への照会の進み具合。"
    )
    applicant_view: ApplicantView | None = Field(
        default=None,
        title="申請者の意向の記録",
        description="照会について申請者から聴き取った意向（照会文書の作成・省略の前に必須）。",
    )
    override: InquiryOverride | None = Field(
        default=None,
        title="意向に反する照会の判断",
        description="照会を望まない申請者についてなお照会する場合の判断理由と判断者。",
    )
    document_issued_on: date | None = Field(
        default=None, title="照会文書の作成日", description="扶養照会の文書を作成した日。"
    )
    sent_on: date | None = Field(default=None, title="送付日", description="照会文書を送付した日。")
    answer: SupportAnswer | None = Field(
        default=None, title="扶養照会の回答", description="扶養義務者からの回答。"
    )
    skip: InquirySkip | None = Field(
        default=None, title="扶養照会の省略", description="照会を省略した場合の理由。"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        status = SupportObligorStatus
        issued = self.status in (status.DOCUMENT_ISSUED, status.SENT, status.ANSWERED)
        checks = (
            (issued, self.document_issued_on is not None, "照会文書の作成日", "document_issued_on"),
            (
                self.status in (status.SENT, status.ANSWERED),
                self.sent_on is not None,
                "送付日",
                "sent_on",
            ),
            (self.status is status.ANSWERED, self.answer is not None, "回答", "answer"),
            (self.status is status.SKIPPED, self.skip is not None, "省略理由", "skip"),
        )
        for expected, present, label, name in checks:
            if expected != present:
                raise ValueError(
                    f"扶養照会の進み具合「{self.status.label}」と{label}の記録が合いません "
                    f"({name} does not match status {self.status.value})"
                )
        if (issued or self.skip is not None) and self.applicant_view is None:
            raise ValueError(
                "照会文書の作成・省略には申請者の意向の記録が必要です "
                "(applicant_view required before an inquiry is issued or skipped)"
            )
        declined = (
            self.applicant_view is not None and self.applicant_view.wish is ApplicantWish.DECLINES
        )
        if issued and declined and self.override is None:
            raise ValueError(
                "照会を望まない申請者について照会するには判断理由と判断者の記録が必要です "
                "(override required when the applicant declined)"
            )
        if self.answer is not None and self.sent_on and self.answer.answered_on < self.sent_on:
            raise ValueError("回答日が送付日より前です (answered_on before sent_on)")
        return self


# ---------------------------------------------------------------- ability to work (REQ-APP-018)


class WorkCapacityAssessment(Record):
    """世帯員1人の稼働能力の調査（稼働能力・活用する意思・就労の場と、それぞれの判断根拠）。

    References: 生活保護法4条1項（利用し得る能力の活用）; 稼働能力の活用の判断（保護の実施要領、
    課長通知。問番号は未確認）。
    """

    model_config = ConfigDict(title="稼働能力の調査")

    record_type: Literal["work_capacity_assessment"] = record_type_field("work_capacity_assessment")
    id: RecordId = Field(title="稼働能力の調査ID", description="調査の記録の識別子。")
    application_id: RecordId = Field(title="申請ID", description="調査をした申請。")
    case_id: RecordId | None = Field(
        default=None, title="ケースID", description="申請のケース（あれば）。"
    )
    member_id: RecordId = Field(title="世帯員ID", description="調査の対象の世帯員。")
    has_capacity: bool = Field(title="稼働能力", description="稼働能力があるか。")
    capacity_basis: str = Field(
        title="稼働能力の判断根拠",
        description="稼働能力の判断の根拠（医師の意見・年齢・健康状態等）。",
        min_length=1,
        max_length=2000,
    )
    willing: bool | None = Field(
        default=None,
        title="活用する意思",
        description="稼働能力を活用する意思があるか（稼働能力がない場合は省略できる）。",
    )
    willing_basis: str | None = Field(
        default=None,
        title="活用する意思の判断根拠",
        description="活用する意思の判断の根拠（求職活動の状況等）。",
        min_length=1,
        max_length=2000,
    )
    has_workplace: bool | None = Field(
        default=None,
        title="就労の場",
        description="稼働能力を活用する就労の場を得られるか（稼働能力がない場合は省略できる）。",
    )
    workplace_basis: str | None = Field(
        default=None,
        title="就労の場の判断根拠",
        description="就労の場の判断の根拠（求人の状況等）。",
        min_length=1,
        max_length=2000,
    )
    assessed_on: date = Field(title="調査日", description="調査を記録した日。")
    assessed_by: RecordId = Field(title="調査者", description="調査を記録した職員。")

    @model_validator(mode="after")
    def _judged_with_basis(self) -> Self:
        for label, value, basis in (
            ("活用する意思", self.willing, self.willing_basis),
            ("就労の場", self.has_workplace, self.workplace_basis),
        ):
            if (value is None) != (basis is None):
                raise ValueError(
                    f"{label}とその判断根拠は両方を記録します "
                    "(a judgment and its basis are recorded together)"
                )
            if self.has_capacity and value is None:
                raise ValueError(
                    f"稼働能力がある場合は{label}とその判断根拠が必要です "
                    "(willingness and workplace required when able to work)"
                )
        return self


# ---------------------------------------------------------------- other measures (REQ-APP-019)


class OtherMeasure(LabelledEnum):
    """他法他施策（保護に優先して活用する他の法律による給付等）。

    References: 生活保護法4条2項（他の法律に定める扶助は保護に優先して行われる）。
    """

    __title__ = "他法他施策"

    OLD_AGE_PENSION = "old_age_pension", "老齢年金"
    DISABILITY_PENSION = "disability_pension", "障害年金"
    SURVIVORS_PENSION = "survivors_pension", "遺族年金"
    CHILD_REARING_ALLOWANCE = "child_rearing_allowance", "児童扶養手当"
    CHILD_ALLOWANCE = "child_allowance", "児童手当"
    SPECIAL_CHILD_ALLOWANCE = "special_child_allowance", "特別児童扶養手当"
    DISABILITY_ALLOWANCE = "disability_allowance", "障害者手当（特別障害者手当等）"
    EMPLOYMENT_INSURANCE = "employment_insurance", "雇用保険"
    WORKERS_COMPENSATION = "workers_compensation", "労災保険"
    SICKNESS_ALLOWANCE = "sickness_allowance", "傷病手当金"
    OTHER = "other", "その他"


class MeasureApplication(LabelledEnum):
    """他法他施策の申請の状況。"""

    __title__ = "申請状況"

    NOT_APPLICABLE = "not_applicable", "該当なし"
    TO_APPLY = "to_apply", "申請予定"
    APPLIED = "applied", "申請中"
    RECEIVING = "receiving", "受給中"
    REJECTED = "rejected", "却下"


class MeasureCheckResult(LabelledEnum):
    """他法他施策の確認の結果。"""

    __title__ = "確認の結果"

    CONFIRMED = "confirmed", "確認済み"
    UNCONFIRMED = "unconfirmed", "未確認"


class OtherMeasureCheck(StdModel):
    """他法他施策のチェックリストの1項目（世帯員と施策ごと）。"""

    model_config = ConfigDict(title="他法他施策の確認")

    member_id: RecordId = Field(title="世帯員ID", description="確認の対象の世帯員。")
    measure: OtherMeasure = Field(title="施策", description="確認する他法他施策。")
    eligible: bool | None = Field(
        default=None,
        title="受給の可能性",
        description="受給の可能性があるか（未確認なら省略）。",
    )
    application: MeasureApplication | None = Field(
        default=None, title="申請状況", description="申請の状況（未確認なら省略）。"
    )
    result: MeasureCheckResult = Field(title="結果", description="確認済みか未確認か。")
    note: str | None = Field(
        default=None, title="備考", description="確認の内容の補足。", max_length=2000
    )

    @model_validator(mode="after")
    def _confirmed_in_full(self) -> Self:
        if self.result is MeasureCheckResult.CONFIRMED and (
            self.eligible is None or self.application is None
        ):
            raise ValueError(
                "確認済みの項目には受給の可能性と申請状況が必要です "
                "(a confirmed item needs eligibility and application status)"
            )
        return self


class OtherMeasureChecklist(Record):
    """申請の世帯の他法他施策のチェックリスト（世帯員と施策ごとの確認結果）。

    References: 生活保護法4条2項。
    """

    model_config = ConfigDict(title="他法他施策のチェックリスト")

    record_type: Literal["other_measure_checklist"] = record_type_field("other_measure_checklist")
    id: RecordId = Field(title="チェックリストID", description="チェックリストの識別子。")
    application_id: RecordId = Field(title="申請ID", description="確認をした申請。")
    case_id: RecordId | None = Field(
        default=None, title="ケースID", description="申請のケース（あれば）。"
    )
    items: list[OtherMeasureCheck] = Field(
        title="確認結果", description="世帯員と施策ごとの確認結果。"
    )
    updated_on: date = Field(title="更新日", description="最後に確認結果を記録した日。")

    @model_validator(mode="after")
    def _one_row_per_member_and_measure(self) -> Self:
        keys = [(item.member_id, item.measure) for item in self.items]
        if len(set(keys)) != len(keys):
            raise ValueError(
                "同じ世帯員・施策の確認結果が重複しています (duplicate member and measure)"
            )
        return self
