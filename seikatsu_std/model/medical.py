"""Medical assistance (医療扶助): providers, illness reports, opinions, tickets, oversight.

The flow: the recipient reports illness (傷病届) → the office asks the provider
for a medical necessity opinion (医療要否意見書) → the contracted physician
(嘱託医) reviews it → the office issues a medical ticket (医療券, 調剤券 for
pharmacies) per calendar month per provider. Long hospital stays and frequent
outpatient visits are flagged for review.

References: 生活保護法15条 (医療扶助), 34条 (医療扶助の方法; 3項 後発医薬品の原則),
49条 (医療機関の指定); 生活保護法による医療扶助運営要領; 平成14年3月22日
社援保発第0322001号 (頻回受診); 平成14年3月27日 社援発第0327028号 (長期入院患者);
社援保第41号 (受給者番号). Verification statuses: ../shared/domain/FACTS.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import (
    Address,
    Period,
    RecordId,
    YearMonth,
    Yen,
    check_days_within_month,
    month_bounds,
)
from seikatsu_std.model.identifiers import (
    MedicalInstitutionCode,
    PublicPayerNumber,
    RecipientNumber,
)


class InstitutionKind(LabelledEnum):
    """指定医療機関等の種別（生活保護法49条等）。

    医療機関コードの点数表区分（1 医科・3 歯科・4 調剤）と対応する。
    """

    __title__ = "指定医療機関の種別"

    HOSPITAL = "hospital", "病院"
    CLINIC = "clinic", "診療所（医科）"
    DENTAL_CLINIC = "dental_clinic", "歯科診療所"
    PHARMACY = "pharmacy", "薬局"
    VISITING_NURSING = "visiting_nursing", "指定訪問看護事業者（訪問看護ステーション）"


#: 点数表 digit (3rd digit of the 10-digit code) each kind may carry. A hospital
#: may hold a separate 歯科 code for its dental department. Visiting-nursing
#: stations are not checked (their code form is an open question).
_FEE_SCHEDULE_DIGITS_BY_KIND: dict[InstitutionKind, frozenset[str]] = {
    InstitutionKind.HOSPITAL: frozenset("13"),
    InstitutionKind.CLINIC: frozenset("1"),
    InstitutionKind.DENTAL_CLINIC: frozenset("3"),
    InstitutionKind.PHARMACY: frozenset("4"),
}


class TreatmentSetting(LabelledEnum):
    """診療の区分（入院・入院外）。医療要否意見書と医療券に記載する。"""

    __title__ = "入院外・入院の別"

    OUTPATIENT = "outpatient", "入院外"
    INPATIENT = "inpatient", "入院"


class MedicalNecessity(LabelledEnum):
    """医療要否意見書における主治医の意見（医療の要否）。"""

    __title__ = "医療の要否"

    NECESSARY = "necessary", "要"
    NOT_NECESSARY = "not_necessary", "否"


class ReviewConclusion(LabelledEnum):
    """嘱託医による医療要否意見書の検討結果。"""

    __title__ = "嘱託医の検討結果"

    NECESSARY = "necessary", "医療の必要を認める"
    NOT_NECESSARY = "not_necessary", "医療の必要を認めない"
    FURTHER_INQUIRY = "further_inquiry", "主治医への再照会・検診命令等を要する"


class TicketKind(LabelledEnum):
    """医療扶助の券の種類。薬局には調剤券、その他の指定医療機関には医療券を発行する。"""

    __title__ = "券の種類"

    MEDICAL = "medical", "医療券"
    DISPENSING = "dispensing", "調剤券"


class LongStayOutcome(LabelledEnum):
    """180日を超える入院（長期入院患者）の検討結果。"""

    __title__ = "長期入院の検討結果"

    CONTINUE = "continue", "入院の継続が必要"
    DISCHARGE_SUPPORT = "discharge_support", "退院に向けた指導・支援を行う"
    TRANSFER = "transfer", "転院・施設入所等を調整する"
    DISCHARGED = "discharged", "退院済み"


class MedicalInstitution(Record):
    """指定医療機関（生活保護法49条の指定を受けた病院・診療所・薬局等）。

    医療機関コードの点数表区分（3桁目）が種別と矛盾しないことを検査する
    （薬局は4、歯科診療所は3、診療所は1、病院は1または3）。
    """

    model_config = ConfigDict(title="指定医療機関")

    record_type: Literal["medical_institution"] = record_type_field("medical_institution")
    id: RecordId = Field(title="指定医療機関ID", description="指定医療機関の識別子。")
    institution_code: MedicalInstitutionCode = Field(
        title="医療機関コード",
        description="地方厚生局が付番する10桁の医療機関コード（都道府県2桁＋点数表1桁＋郡市区2桁＋番号4桁＋検査数字）。",
    )
    name: str = Field(
        title="名称",
        description="医療機関の名称（例: 中野中央クリニック）。",
        min_length=1,
        max_length=100,
    )
    kind: InstitutionKind = Field(
        title="種別",
        description="病院・診療所・歯科診療所・薬局・訪問看護事業者の別。",
    )
    designation: Period = Field(
        title="指定期間",
        description="生活保護法による指定の有効期間（指定日から。廃止・辞退があれば終了日）。",
    )
    address: Address = Field(title="所在地", description="医療機関の所在地。")
    online_eligibility_check: bool = Field(
        default=False,
        title="オンライン資格確認対応",
        description="医療扶助のオンライン資格確認（2024年3月開始）に対応しているか。",
    )

    @model_validator(mode="after")
    def _code_matches_kind(self) -> Self:
        allowed = _FEE_SCHEDULE_DIGITS_BY_KIND.get(self.kind)
        digit = self.institution_code[2]
        if allowed is not None and digit not in allowed:
            raise ValueError(
                f"医療機関コードの点数表区分「{digit}」は種別「{self.kind.label}」と一致しません "
                f"(fee-schedule digit {digit} does not match institution kind {self.kind.value})"
            )
        return self


class IllnessReport(Record):
    """傷病届: 被保護者が傷病を届け出たこと（医療扶助の申請に当たる）。"""

    model_config = ConfigDict(title="傷病届")

    record_type: Literal["illness_report"] = record_type_field("illness_report")
    id: RecordId = Field(title="傷病届ID", description="傷病届の識別子。")
    case_id: RecordId = Field(title="ケースID", description="届出をした世帯のケース。")
    member_id: RecordId = Field(title="世帯員ID", description="傷病のある世帯員。")
    reported_on: date = Field(title="届出日", description="福祉事務所が傷病届を受け付けた日。")
    symptoms: str = Field(
        title="症状",
        description="届出者が述べた症状・傷病の状況。",
        min_length=1,
        max_length=2000,
    )
    preferred_institution_id: RecordId | None = Field(
        default=None,
        title="希望する指定医療機関ID",
        description="受診を希望する指定医療機関。希望がなければ省略。",
    )
    received_by: RecordId | None = Field(
        default=None,
        title="受付職員ID",
        description="傷病届を受け付けた職員。",
    )


class PhysicianReview(StdModel):
    """嘱託医による医療要否意見書の検討。"""

    model_config = ConfigDict(title="嘱託医の検討")

    physician_id: RecordId = Field(
        title="嘱託医の職員ID",
        description="検討した嘱託医（役割「嘱託医」の職員）。",
    )
    reviewed_on: date = Field(title="検討日", description="嘱託医が意見書を検討した日。")
    conclusion: ReviewConclusion = Field(title="検討結果", description="医療の要否についての結論。")
    comment: str | None = Field(
        default=None,
        title="所見",
        description="嘱託医の所見・指示事項。",
        max_length=2000,
    )


class MedicalOpinion(Record):
    """医療要否意見書: 医療の要否について主治医の意見を求め、嘱託医が検討したもの。

    返送前は依頼日のみを持ち、返送されたら傷病名・入院外/入院の別・医療の要否を
    必ず記録する。日付は 依頼日 ≤ 返送日 ≤ 嘱託医の検討日 の順でなければならない。
    """

    model_config = ConfigDict(title="医療要否意見書")

    record_type: Literal["medical_opinion"] = record_type_field("medical_opinion")
    id: RecordId = Field(title="医療要否意見書ID", description="医療要否意見書の識別子。")
    case_id: RecordId = Field(title="ケースID", description="対象世帯のケース。")
    member_id: RecordId = Field(title="世帯員ID", description="受診する世帯員。")
    institution_id: RecordId = Field(
        title="指定医療機関ID", description="意見を求めた指定医療機関。"
    )
    illness_report_id: RecordId | None = Field(
        default=None,
        title="傷病届ID",
        description="この意見書のもとになった傷病届（継続分で傷病届がなければ省略）。",
    )
    requested_on: date = Field(title="依頼日", description="医療機関に意見書を送付した日。")
    returned_on: date | None = Field(
        default=None,
        title="返送日",
        description="医療機関から意見書が返送された日。返送前なら省略。",
    )
    diagnoses: list[str] = Field(
        default_factory=list,
        title="傷病名",
        description="主治医が記載した傷病名（返送時に1つ以上）。",
    )
    setting: TreatmentSetting | None = Field(
        default=None,
        title="入院外・入院の別",
        description="主治医の意見による診療の区分（返送時に必須）。",
    )
    expected_period: Period | None = Field(
        default=None,
        title="診療見込期間",
        description="今後の診療の見込期間。終了が見込めなければ終了日を省略。",
    )
    necessity: MedicalNecessity | None = Field(
        default=None,
        title="医療の要否",
        description="主治医の意見による医療の要否（返送時に必須）。",
    )
    review: PhysicianReview | None = Field(
        default=None,
        title="嘱託医の検討",
        description="嘱託医による検討の記録。検討前なら省略。",
    )

    @model_validator(mode="after")
    def _dates_and_contents(self) -> Self:
        if self.returned_on is None:
            if self.diagnoses or self.setting or self.necessity or self.expected_period:
                raise ValueError(
                    "返送日のない意見書に主治医の記載内容は記録できません "
                    "(opinion contents recorded without returned_on)"
                )
            if self.review is not None:
                raise ValueError(
                    "返送されていない意見書は嘱託医が検討できません "
                    "(review recorded before the opinion was returned)"
                )
            return self
        if self.returned_on < self.requested_on:
            raise ValueError(
                f"返送日 {self.returned_on.isoformat()} が依頼日 "
                f"{self.requested_on.isoformat()} より前です (returned_on before requested_on)"
            )
        if not self.diagnoses or self.setting is None or self.necessity is None:
            raise ValueError(
                "返送された意見書には傷病名・入院外/入院の別・医療の要否が必要です "
                "(returned opinion requires diagnoses, setting and necessity)"
            )
        if self.review is not None and self.review.reviewed_on < self.returned_on:
            raise ValueError(
                f"嘱託医の検討日 {self.review.reviewed_on.isoformat()} が返送日 "
                f"{self.returned_on.isoformat()} より前です (reviewed_on before returned_on)"
            )
        return self


class ProviderContactMethod(LabelledEnum):
    """券の有効期間の変更を医療機関・事業者に連絡した方法。"""

    __title__ = "連絡の方法"

    PHONE = "phone", "電話"
    DOCUMENT = "document", "文書"
    FAX = "fax", "ファクシミリ"
    VISIT = "visit", "訪問"


class TicketValidityChange(StdModel):
    """保護の停止・廃止の決定に伴う券の有効期間の短縮と、券を使う機関への連絡の記録。"""

    model_config = ConfigDict(title="有効期間の変更")

    ending_decision_id: RecordId = Field(
        title="根拠となる停止・廃止の決定ID",
        description="有効期間を短縮する理由となった、確定した保護の停止・廃止の決定。",
    )
    previous_valid_to: date = Field(
        title="変更前の有効期間の終了日", description="短縮する前の有効期間の最後の日。"
    )
    changed_on: date = Field(title="有効期間の変更日", description="有効期間を変更した日。")
    changed_by: RecordId = Field(
        title="有効期間を変更した職員ID", description="有効期間を変更した職員。"
    )
    contacted_on: date = Field(
        title="医療機関・事業者への連絡日",
        description="有効期間の変更を券を使う医療機関・事業者に連絡した日。",
    )
    contacted_by: RecordId = Field(
        title="連絡した職員ID", description="医療機関・事業者に連絡した職員。"
    )
    contact_method: ProviderContactMethod = Field(
        title="連絡の方法", description="電話・文書・ファクシミリ・訪問の別。"
    )
    contact_note: str | None = Field(
        default=None,
        title="連絡の内容",
        description="連絡の相手・伝えた内容など（任意）。",
        min_length=1,
        max_length=1000,
    )


class MedicalTicketValidityChange(TicketValidityChange):
    """医療券・調剤券の有効期間の短縮と、指定医療機関への連絡の記録。"""

    model_config = ConfigDict(title="医療券の有効期間の変更")

    contacted_on: date = Field(
        title="医療機関への連絡日",
        description="有効期間の変更を指定医療機関（薬局）に連絡した日。",
    )


class PublicAssistanceTicket(Record):
    """医療券・介護券に共通の項目: 1か月・1機関ごとに発行し、有効期間は対象年月の中にある。

    受給者番号は個人・世帯で固定の番号としてはならない（社援保第41号）。
    """

    model_config = ConfigDict(title="医療券・介護券（共通項目）")

    # Each concrete ticket narrows record_type to its own Literal; declaring it
    # here keeps record_type and id first in every ticket's schema.
    record_type: str = Field(title="レコード種別", description="券の種類を示す固定値。")
    id: RecordId = Field(title="券ID", description="券の識別子。")
    month: YearMonth = Field(title="対象年月", description="券が有効な暦月（YYYY-MM）。")
    case_id: RecordId = Field(title="ケースID", description="対象世帯のケース。")
    member_id: RecordId = Field(title="世帯員ID", description="給付を受ける世帯員。")
    decision_id: RecordId | None = Field(
        default=None,
        title="根拠となる決定ID",
        description="券の発行の根拠となった決裁済みの保護決定（医療扶助・介護扶助を認めた決定）。",
    )
    payer_number: PublicPayerNumber = Field(
        title="公費負担者番号",
        description="生活保護の公費負担者番号（法別番号12で始まる8桁、検査数字付き）。",
    )
    recipient_number: RecipientNumber = Field(
        title="受給者番号",
        description="公費負担の受給者番号（7桁、検査数字付き）。個人・世帯で固定しない。",
    )
    valid_from_day: int = Field(
        title="有効期間の開始日（日）",
        description="対象年月のうち券が有効になる日（1〜31）。",
        ge=1,
        le=31,
    )
    valid_to_day: int = Field(
        title="有効期間の終了日（日）",
        description="対象年月のうち券が有効な最後の日（1〜31、その月の日数以内）。",
        ge=1,
        le=31,
    )
    valid_from: date = Field(
        title="有効期間の開始日",
        description="券が有効になる日（対象年月と有効期間の開始日（日）から定まる）。",
    )
    valid_to: date = Field(
        title="有効期間の終了日",
        description="券が有効な最後の日（対象年月と有効期間の終了日（日）から定まる。"
        "停止・廃止により短縮した場合は短縮後の日）。",
    )
    own_payment: Yen = Field(
        default=0,
        title="本人支払額",
        description="収入が最低生活費を超える分として本人が機関に支払う額（なければ0）。",
    )
    issued_on: date = Field(title="発行日", description="券を発行した日。")
    issued_by: RecordId = Field(title="発行職員ID", description="券を発行した職員。")

    @model_validator(mode="before")
    @classmethod
    def _validity_dates(cls, data: Any) -> Any:
        """The dates of the validity follow from the month and its days (records written
        before the dates were items carry the days only)."""
        if not isinstance(data, dict) or "month" not in data:
            return data
        try:
            month = str(data["month"])
            days = (int(data["valid_from_day"]), int(data["valid_to_day"]))
            first = month_bounds(month)[0]
        except (KeyError, TypeError, ValueError):
            return data  # the field validators report what is missing or wrong
        check_days_within_month(month, *days)
        dates = {"valid_from": first.replace(day=days[0]), "valid_to": first.replace(day=days[1])}
        return {**dates, **data}

    @model_validator(mode="after")
    def _validity_within_month(self) -> Self:
        check_days_within_month(self.month, self.valid_from_day, self.valid_to_day)
        first = month_bounds(self.month)[0]
        if (self.valid_from, self.valid_to) != (
            first.replace(day=self.valid_from_day),
            first.replace(day=self.valid_to_day),
        ):
            raise ValueError(
                "有効期間の開始日・終了日が対象年月とその日と一致しません "
                "(valid_from/valid_to disagree with month and days)"
            )
        return self


class MedicalTicket(PublicAssistanceTicket):
    """医療券・調剤券: 1か月・1医療機関ごとに発行する医療扶助の券。

    受給者番号は個人・世帯で固定の番号としてはならない（社援保第41号）。
    後発医薬品が原則であり（生活保護法34条3項）、医師等が医学的知見に基づき
    先発医薬品を必要と判断した場合に限りその理由を記録する。
    有効期間は対象年月の中になければならない。
    """

    model_config = ConfigDict(title="医療券・調剤券")

    record_type: Literal["medical_ticket"] = record_type_field("medical_ticket")
    ticket_kind: TicketKind = Field(title="券の種類", description="医療券か調剤券か。")
    institution_id: RecordId = Field(
        title="指定医療機関ID", description="券を使用する指定医療機関（調剤券は薬局）。"
    )
    opinion_id: RecordId | None = Field(
        default=None,
        title="医療要否意見書ID",
        description="発行の根拠となった医療要否意見書。",
    )
    setting: TreatmentSetting | None = Field(
        default=None,
        title="入院外・入院の別",
        description="医療券の診療区分（医療券は必須、調剤券は省略）。",
    )
    validity_change: MedicalTicketValidityChange | None = Field(
        default=None,
        title="有効期間の変更",
        description="保護の停止・廃止に伴い有効期間を短縮した記録（短縮していなければ なし）。",
    )
    generic_drugs: bool = Field(
        default=True,
        title="後発医薬品の原則",
        description="後発医薬品を原則とする（生活保護法34条3項）。先発医薬品を認める場合は false。",
    )
    brand_name_reason: str | None = Field(
        default=None,
        title="先発医薬品を認める理由",
        description="医師等が医学的知見に基づき先発医薬品を必要と判断した理由（後発医薬品の原則によらない場合のみ）。",
        min_length=1,
        max_length=1000,
    )

    @model_validator(mode="after")
    def _ticket_consistent(self) -> Self:
        if self.ticket_kind is TicketKind.MEDICAL and self.setting is None:
            raise ValueError(
                "医療券には入院外・入院の別が必要です (medical ticket requires setting)"
            )
        if self.ticket_kind is TicketKind.DISPENSING and self.setting is not None:
            raise ValueError(
                "調剤券には入院外・入院の別を記録しません (dispensing ticket has no setting)"
            )
        if not self.generic_drugs and self.brand_name_reason is None:
            raise ValueError(
                "先発医薬品を認める場合はその理由が必要です（生活保護法34条3項） "
                "(brand_name_reason required when generic_drugs is false)"
            )
        if self.generic_drugs and self.brand_name_reason is not None:
            raise ValueError(
                "後発医薬品が原則の券に先発医薬品の理由は記録できません "
                "(brand_name_reason only when generic_drugs is false)"
            )
        return self


class LongStayReview(Record):
    """長期入院患者（180日超入院）の検討: 入院継続の要否を確認し退院に向けて指導・支援する。

    180日という基準は通知（平成14年3月27日 社援発第0327028号）による。どの
    入院を検討対象とするかは業務規則の側で判定し、このレコードは検討の記録のみを持つ。
    """

    model_config = ConfigDict(title="長期入院患者の検討")

    record_type: Literal["long_stay_review"] = record_type_field("long_stay_review")
    id: RecordId = Field(title="長期入院検討ID", description="検討記録の識別子。")
    case_id: RecordId = Field(title="ケースID", description="対象世帯のケース。")
    member_id: RecordId = Field(title="世帯員ID", description="入院している世帯員。")
    institution_id: RecordId = Field(title="指定医療機関ID", description="入院先の医療機関。")
    admitted_on: date = Field(
        title="入院日", description="入院した日（転院を通じて継続している場合は最初の入院日）。"
    )
    reviewed_on: date = Field(title="検討日", description="入院継続の要否を検討した日。")
    outcome: LongStayOutcome = Field(title="検討結果", description="入院継続・退院支援等の結論。")
    physician_id: RecordId | None = Field(
        default=None,
        title="嘱託医の職員ID",
        description="検討に加わった嘱託医。",
    )
    reviewed_by: RecordId = Field(title="担当職員ID", description="検討を記録した職員。")
    notes: str | None = Field(
        default=None,
        title="検討内容",
        description="主治医の意見・本人の意向・退院先の見込み等。",
        max_length=4000,
    )
    next_review_on: date | None = Field(
        default=None,
        title="次回検討予定日",
        description="入院を継続する場合の次回の検討予定日。",
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.reviewed_on < self.admitted_on:
            raise ValueError(
                f"検討日 {self.reviewed_on.isoformat()} が入院日 "
                f"{self.admitted_on.isoformat()} より前です (reviewed_on before admitted_on)"
            )
        if self.next_review_on is not None and self.next_review_on <= self.reviewed_on:
            raise ValueError(
                "次回検討予定日は検討日より後でなければなりません "
                "(next_review_on must be after reviewed_on)"
            )
        return self

    @property
    def days_in_hospital(self) -> int:
        """Days from admission to the review, counting the admission day as day 1."""
        return (self.reviewed_on - self.admitted_on).days + 1


class FrequentVisitFlag(Record):
    """頻回受診の把握: ある月の通院日数が多い被保護者と、その適正受診指導の記録。

    どの日数から頻回受診とするか（通知では月15日以上が3か月など。未確認）は
    日付つきパラメータで業務規則が判定し、このレコードは把握した事実を持つ。
    """

    model_config = ConfigDict(title="頻回受診の把握")

    record_type: Literal["frequent_visit_flag"] = record_type_field("frequent_visit_flag")
    id: RecordId = Field(title="頻回受診把握ID", description="記録の識別子。")
    case_id: RecordId = Field(title="ケースID", description="対象世帯のケース。")
    member_id: RecordId = Field(title="世帯員ID", description="通院している世帯員。")
    month: YearMonth = Field(title="対象年月", description="通院日数を数えた暦月（YYYY-MM）。")
    days_of_visits: int = Field(
        title="通院日数",
        description="その月に外来受診した日数（同一日の複数受診は1日。レセプト等から把握）。",
        ge=1,
        le=31,
    )
    institution_ids: list[RecordId] = Field(
        default_factory=list,
        title="受診先の指定医療機関ID",
        description="その月に受診した指定医療機関。",
    )
    guidance_given: bool = Field(
        title="指導の実施",
        description="主治医・嘱託医の意見を踏まえた適正受診指導を行ったか。",
    )
    guidance_on: date | None = Field(
        default=None,
        title="指導日",
        description="適正受診指導を行った日（指導した場合のみ）。",
    )
    notes: str | None = Field(
        default=None,
        title="内容",
        description="主治医・嘱託医の意見、指導の内容、本人の反応等。",
        max_length=4000,
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        days = month_bounds(self.month)[1].day
        if self.days_of_visits > days:
            raise ValueError(
                f"通院日数 {self.days_of_visits} 日が {self.month} の日数（{days}日）を"
                "超えています (days_of_visits exceeds the days in the month)"
            )
        if self.guidance_given and self.guidance_on is None:
            raise ValueError("指導を行った場合は指導日が必要です (guidance_on required)")
        if not self.guidance_given and self.guidance_on is not None:
            raise ValueError(
                "指導を行っていない場合は指導日を記録できません "
                "(guidance_on only when guidance_given)"
            )
        return self
