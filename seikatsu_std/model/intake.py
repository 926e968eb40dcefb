"""Consultation (面接相談) and application (保護申請): where the legal clock starts.

References: 生活保護法7条 (申請保護の原則), 24条1項・5項・7項・9項 (申請と決定の期限).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, record_type_field
from seikatsu_std.model.common import AssistanceKind, KanaName, RecordId, Yen, repeated_values


class ConsultationOutcome(LabelledEnum):
    """面接相談の結果。申請の意思が示された相談は「申請受付」以外で終えられない（法7条）。"""

    __title__ = "相談の結果"

    APPLICATION_TAKEN = "application_taken", "申請受付"
    REFERRED_TO_OTHER_MEASURES = "referred_to_other_measures", "他法他施策の案内"
    ADVICE_ONLY = "advice_only", "助言のみで終了"
    CONTINUING = "continuing", "継続相談"


class Consultation(Record):
    """面接相談の記録。

    相談者が申請の意思を示した場合は必ず申請を受け付ける（いわゆる水際作戦の防止）。
    このレコードは、申請の意思があるのに申請受付以外の結果で閉じることを許さない。

    References: 生活保護法7条; seed 003 (江戸川区の再発防止策).
    """

    model_config = ConfigDict(title="面接相談")

    record_type: Literal["consultation"] = record_type_field("consultation")
    id: RecordId = Field(title="相談ID", description="相談記録の識別子。")
    office_id: RecordId = Field(title="福祉事務所ID", description="相談を受けた福祉事務所。")
    started_at: AwareDatetime = Field(
        title="相談日時", description="面接相談を始めた日時（タイムゾーン付き）。"
    )
    interviewer_id: RecordId = Field(title="面接相談員ID", description="相談に応じた職員。")
    person_name: str = Field(
        title="相談者氏名", description="相談者の氏名。", min_length=1, max_length=100
    )
    person_name_kana: KanaName | None = Field(
        default=None, title="相談者氏名カナ", description="相談者の氏名の読み。"
    )
    person_birth_date: date | None = Field(
        default=None, title="相談者生年月日", description="相談者の生年月日（聴き取れた場合）。"
    )
    situation: str = Field(
        title="相談者の状況",
        description="生活状況・困りごと・世帯の状況の聴き取り内容。",
        min_length=1,
    )
    assets_summary: str | None = Field(
        default=None, title="資産の状況", description="預貯金・不動産・自動車等の状況。"
    )
    debts_summary: str | None = Field(
        default=None, title="負債の状況", description="借金・滞納の状況。"
    )
    cash_on_hand: Yen | None = Field(
        default=None, title="手持金", description="相談時点の手持金（円）。"
    )
    guidance_given: str = Field(
        title="助言・説明の内容",
        description="制度の説明、他法他施策の案内など、相談者に伝えた内容。",
        min_length=1,
    )
    wishes_to_apply: bool = Field(
        title="申請の意思",
        description="相談者が保護を申請する意思を示したか。示した場合は申請を受け付けなければならない。",
    )
    outcome: ConsultationOutcome = Field(title="相談の結果", description="相談をどう終えたか。")
    application_id: RecordId | None = Field(
        default=None,
        title="申請ID",
        description="申請を受け付けた場合の申請の識別子。",
    )

    @model_validator(mode="after")
    def _wish_to_apply_means_application(self) -> Self:
        ended_without = self.outcome in (
            ConsultationOutcome.REFERRED_TO_OTHER_MEASURES,
            ConsultationOutcome.ADVICE_ONLY,
        )
        if self.wishes_to_apply and ended_without:
            raise ValueError(
                "申請の意思を示した相談は申請受付以外の結果で終えられません（生活保護法7条） "
                "(a consultation in which the person wished to apply must end with an application)"
            )
        taken = self.outcome is ConsultationOutcome.APPLICATION_TAKEN
        if taken and self.application_id is None:
            raise ValueError(
                "申請受付の相談には申請IDが必要です (application_id required when application taken)"
            )
        if not taken and self.application_id is not None:
            raise ValueError(
                "申請受付でない相談に申請IDは記録できません "
                "(application_id only when an application was taken)"
            )
        return self


class ApplicationKind(LabelledEnum):
    """申請の種類。変更申請にも14日・30日の期限が適用される（法24条9項）。"""

    __title__ = "申請の種類"

    START = "start", "保護開始申請"
    CHANGE = "change", "保護変更申請"


class ApplicationChannel(LabelledEnum):
    """申請の受付方法。"""

    __title__ = "受付方法"

    COUNTER = "counter", "窓口"
    MAIL = "mail", "郵送"
    VISIT = "visit", "訪問先（入院先等）"
    ELECTRONIC = "electronic", "電子申請"


class ApplicationStatus(LabelledEnum):
    """申請の処理状況。"""

    __title__ = "申請の処理状況"

    RECEIVED = "received", "受付"
    INVESTIGATING = "investigating", "調査中"
    DECIDED = "decided", "決定済"
    WITHDRAWN = "withdrawn", "取下げ"


class Application(Record):
    """保護の申請。受付日から決定の期限（原則14日、理由を付して30日）が進行する。

    References: 生活保護法7条, 24条1項・5項・7項・9項.
    """

    model_config = ConfigDict(title="保護申請")

    record_type: Literal["application"] = record_type_field("application")
    id: RecordId = Field(title="申請ID", description="申請の識別子。")
    office_id: RecordId = Field(title="福祉事務所ID", description="申請を受け付けた福祉事務所。")
    kind: ApplicationKind = Field(title="申請の種類", description="開始申請か変更申請か。")
    received_on: date = Field(
        title="申請日",
        description="申請を受け付けた日（決定期限の起算日）。",
    )
    channel: ApplicationChannel = Field(title="受付方法", description="申請を受け付けた方法。")
    received_by: RecordId = Field(title="受付職員ID", description="申請を受け付けた職員。")
    applicant_name: str = Field(
        title="申請者氏名", description="申請者の氏名。", min_length=1, max_length=100
    )
    applicant_relationship: str = Field(
        title="要保護者との関係",
        description="申請者と要保護者の関係（本人、扶養義務者、同居の親族の別）。",
        min_length=1,
        max_length=40,
    )
    household_id: RecordId = Field(title="世帯ID", description="保護を求める世帯。")
    case_id: RecordId | None = Field(
        default=None,
        title="ケースID",
        description="変更申請の場合、対象のケース。開始申請では決定時に付される。",
    )
    consultation_id: RecordId | None = Field(
        default=None, title="相談ID", description="申請に先立つ面接相談の記録。"
    )
    requested_kinds: list[AssistanceKind] = Field(
        title="申請する扶助",
        description="申請で求める扶助の種類。",
        min_length=1,
    )
    reason: str = Field(
        title="申請の理由",
        description="保護を必要とする理由（申請書の記載）。",
        min_length=1,
    )
    status: ApplicationStatus = Field(title="処理状況", description="申請の現在の処理状況。")
    extension_reason: str | None = Field(
        default=None,
        title="決定期限延長の理由",
        description="14日を超えて30日まで決定を延ばす理由（扶養義務者の資産調査に日時を要する等）。通知書に記載する。",
        min_length=1,
    )

    @model_validator(mode="after")
    def _case_for_change(self) -> Self:
        if self.kind is ApplicationKind.CHANGE and self.case_id is None:
            raise ValueError("変更申請には対象のケースIDが必要です (case_id required for change)")
        repeated = repeated_values(self.requested_kinds)
        if repeated:
            raise ValueError(
                f"申請する扶助が重複しています: {', '.join(repeated)} (duplicate requested kind)"
            )
        return self
