"""Casework (ケースワーク): visit grades, plans and records; case records; assistance policies.

References: 保護の実施要領 局長通知 第12 (訪問調査: 申請受理後おおむね1週間以内、居宅は年2回以上、
入院・入所は年1回以上; FACTS.md "Visits" VERIFIED — the frequencies are rule parameters, not
model constants); 課長問答 問12の1 (事務所が定める訪問基準); seed 004 (計画・記録の作成時間を減らし
被保護者と向き合う時間を増やす: 定型の確認項目、前回記録の再利用、査察指導員の確認).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import Period, RecordId, repeated_values
from seikatsu_std.model.household import Residence
from seikatsu_std.model.self_reliance import SupportGoal

_Text = Annotated[str, Field(min_length=1, max_length=2000)]
"""A non-empty line of free text (an item of a list)."""


class VisitPlace(LabelledEnum):
    """訪問・面接の場所。"""

    __title__ = "訪問場所"

    HOME = "home", "居宅"
    HOSPITAL = "hospital", "入院先の医療機関"
    FACILITY = "facility", "入所先の施設"
    OFFICE = "office", "福祉事務所（来所）"
    OTHER = "other", "その他"


class VisitPurpose(LabelledEnum):
    """訪問の目的。"""

    __title__ = "訪問の目的"

    REGULAR = "regular", "定期訪問（訪問格付けによる）"
    APPLICATION_INVESTIGATION = "application_investigation", "申請に伴う訪問調査"
    FOLLOW_UP = "follow_up", "随時訪問（状況確認・指導のフォローアップ）"
    EMERGENCY = "emergency", "緊急訪問（安否確認等）"
    SUPPORT = "support", "自立支援（同行・面談）"
    OTHER = "other", "その他"


class PlannedVisitStatus(LabelledEnum):
    """計画した訪問の状況。実施・不在の場合は訪問記録と結び付ける。"""

    __title__ = "訪問予定の状況"

    PLANNED = "planned", "予定"
    VISITED = "visited", "実施（面接できた）"
    ABSENT = "absent", "実施（不在）"
    RESCHEDULED = "rescheduled", "延期"
    CANCELLED = "cancelled", "中止"


_RECORDED = (PlannedVisitStatus.VISITED, PlannedVisitStatus.ABSENT)


class ChecklistArea(LabelledEnum):
    """訪問時の確認項目の分野。"""

    __title__ = "確認項目の分野"

    LIFE = "life", "生活状況"
    HEALTH = "health", "健康状態"
    INCOME = "income", "収入・資産"
    HOUSING = "housing", "住居"
    EMPLOYMENT = "employment", "就労・求職活動"


class ChecklistResult(LabelledEnum):
    """確認項目の確認結果。"""

    __title__ = "確認結果"

    NO_ISSUE = "no_issue", "問題なし"
    ISSUE = "issue", "課題あり"
    NOT_CHECKED = "not_checked", "未確認"


class CaseRecordCategory(LabelledEnum):
    """ケース記録の区分。"""

    __title__ = "ケース記録の区分"

    VISIT = "visit", "訪問"
    OFFICE_INTERVIEW = "office_interview", "来所面接"
    PHONE = "phone", "電話"
    INVESTIGATION = "investigation", "調査"
    DECISION = "decision", "保護の決定・変更"
    GUIDANCE = "guidance", "指導・指示"
    SELF_RELIANCE = "self_reliance", "自立支援"
    MEDICAL_CARE = "medical_care", "医療・介護"
    LIAISON = "liaison", "関係機関との連絡"
    SUPERVISION = "supervision", "査察指導"
    OTHER = "other", "その他"


class VisitGrade(Record):
    """訪問格付け: 事務所が定める訪問頻度の区分。

    A〜D等の区分と頻度は各事務所の運用（地域の慣行）であり、国の基準ではない。事務所は
    自らの訪問基準を定めることができる（課長問答 問12の1）。国の最低頻度（居宅年2回以上、
    入院・入所年1回以上）は規則のパラメータで扱う。

    References: 課長問答 問12の1; 局長通知 第12; FACTS.md "Visits"。
    """

    model_config = ConfigDict(title="訪問格付け")

    record_type: Literal["visit_grade"] = record_type_field("visit_grade")
    id: RecordId = Field(title="訪問格付けID", description="訪問格付けの識別子。")
    office_id: RecordId = Field(
        title="福祉事務所ID", description="この訪問格付けを定める福祉事務所。"
    )
    code: str = Field(
        title="区分コード",
        description="格付けの区分コード（例: A）。ケースの訪問格付けに記録する値。",
        min_length=1,
        max_length=10,
        pattern=r"^[0-9A-Za-z]+$",
    )
    label: str = Field(
        title="名称",
        description="格付けの名称（例: A（毎月））。",
        min_length=1,
        max_length=100,
    )
    interval_months: int = Field(
        title="訪問間隔（月）",
        description="定期訪問の間隔（月数。例: 毎月なら1、3か月ごとなら3）。",
        ge=1,
    )
    applies_to: list[Residence] = Field(
        title="対象の居所",
        description="この格付けを用いる居所の状況（居宅・入院・施設入所）。",
        min_length=1,
    )
    criteria: str | None = Field(
        default=None,
        title="格付けの基準",
        description="この格付けとするケースの基準の説明。",
        max_length=2000,
    )
    valid: Period = Field(title="適用期間", description="この格付けの定義を用いる期間。")

    @model_validator(mode="after")
    def _applies_to_unique(self) -> Self:
        repeated = repeated_values(self.applies_to)
        if repeated:
            raise ValueError(
                f"対象の居所が重複しています: {', '.join(repeated)} (duplicate residence kind)"
            )
        return self


class PlannedVisit(StdModel):
    """訪問計画上の訪問1件。"""

    model_config = ConfigDict(title="予定訪問")

    planned_on: date = Field(title="訪問予定日", description="訪問を予定する日。")
    purpose: VisitPurpose = Field(title="訪問の目的", description="予定する訪問の目的。")
    visit_grade_id: RecordId | None = Field(
        default=None,
        title="訪問格付けID",
        description="この予定の根拠とした訪問格付け（格付けによらない随時訪問は省略）。",
    )
    status: PlannedVisitStatus = Field(title="状況", description="予定・実施・延期等の別。")
    visit_record_id: RecordId | None = Field(
        default=None,
        title="訪問記録ID",
        description="実施（不在を含む）した場合の訪問記録。",
    )
    note: str | None = Field(
        default=None,
        title="備考",
        description="予定についての備考（延期の理由等）。",
        max_length=1000,
    )

    @model_validator(mode="after")
    def _record_when_done(self) -> Self:
        done = self.status in _RECORDED
        if done and self.visit_record_id is None:
            raise ValueError(
                f"状況「{self.status.label}」には訪問記録IDが必要です "
                "(visit_record_id required once visited)"
            )
        if not done and self.visit_record_id is not None:
            raise ValueError(
                f"状況「{self.status.label}」に訪問記録IDは記録できません "
                "(visit_record_id only for visited or absent)"
            )
        return self


class VisitPlan(Record):
    """訪問計画: ケースごと・期間ごとの訪問予定。訪問格付けから作成し、随時訪問を加える。

    References: 局長通知 第12（訪問調査）; 課長問答 問12の1; seed 004（訪問計画の作成時間の削減）。
    """

    model_config = ConfigDict(title="訪問計画")

    record_type: Literal["visit_plan"] = record_type_field("visit_plan")
    id: RecordId = Field(title="訪問計画ID", description="訪問計画の識別子。")
    case_id: RecordId = Field(title="ケースID", description="計画の対象となるケース。")
    period: Period = Field(title="計画期間", description="この計画が対象とする期間（例: 年度）。")
    created_on: date = Field(title="作成日", description="計画を作成した日。")
    planned_by_staff_id: RecordId = Field(
        title="作成者職員ID", description="計画を作成した職員（担当現業員）。"
    )
    visits: list[PlannedVisit] = Field(
        default_factory=list,
        title="予定訪問",
        description="期間中に予定する訪問（予定日順）。",
    )

    @model_validator(mode="after")
    def _visits_in_period(self) -> Self:
        outside = [
            v.planned_on.isoformat() for v in self.visits if not self.period.contains(v.planned_on)
        ]
        if outside:
            raise ValueError(
                f"計画期間外の訪問予定があります: {', '.join(outside)} "
                "(planned visit outside the plan period)"
            )
        return self


class PersonMet(StdModel):
    """訪問時に面接した人。世帯員なら世帯員ID、それ以外（家主、病院職員等）は氏名と立場。"""

    model_config = ConfigDict(title="面接した人")

    member_id: RecordId | None = Field(
        default=None,
        title="世帯員ID",
        description="面接した世帯員（世帯員以外なら省略）。",
    )
    name: str | None = Field(
        default=None,
        title="氏名",
        description="世帯員以外の面接相手の氏名。",
        max_length=100,
    )
    role: str | None = Field(
        default=None,
        title="立場",
        description="世帯員以外の面接相手の立場（例: 病棟看護師、家主）。",
        max_length=100,
    )

    @model_validator(mode="after")
    def _identified(self) -> Self:
        if (self.member_id is None) == (self.name is None):
            raise ValueError(
                "面接した人は世帯員IDか氏名のどちらか一方で示してください "
                "(exactly one of member_id or name)"
            )
        return self


class ChecklistItem(StdModel):
    """訪問時の定型の確認項目1件（記録時間を減らすための構造化された記録）。"""

    model_config = ConfigDict(title="確認項目")

    area: ChecklistArea = Field(title="分野", description="確認項目の分野。")
    item: str = Field(
        title="項目",
        description="確認した事項（例: 通院の状況、家賃の支払状況）。",
        min_length=1,
        max_length=200,
    )
    result: ChecklistResult = Field(
        title="確認結果", description="問題なし・課題あり・未確認の別。"
    )
    note: str | None = Field(
        default=None,
        title="所見",
        description="確認結果についての所見。",
        max_length=2000,
    )


class VisitRecord(Record):
    """訪問記録: 家庭訪問・入院先訪問等の結果。

    References: 局長通知 第12（訪問調査）; seed 004（訪問時のタブレット入力、不在による
    業務の滞り）。
    """

    model_config = ConfigDict(title="訪問記録")

    record_type: Literal["visit_record"] = record_type_field("visit_record")
    id: RecordId = Field(title="訪問記録ID", description="訪問記録の識別子。")
    case_id: RecordId = Field(title="ケースID", description="訪問したケース。")
    visit_plan_id: RecordId | None = Field(
        default=None,
        title="訪問計画ID",
        description="この訪問を予定していた訪問計画（予定外の訪問は省略）。",
    )
    visited_on: date = Field(title="訪問日", description="訪問した日。")
    visitor_staff_ids: list[RecordId] = Field(
        title="訪問者職員ID",
        description="訪問した職員（同行者を含む、重複不可）。",
        min_length=1,
    )
    place: VisitPlace = Field(title="訪問場所", description="居宅・入院先・施設等の別。")
    place_detail: str | None = Field(
        default=None,
        title="訪問先",
        description="訪問先の名称等（例: 医療機関名・施設名）。",
        max_length=200,
    )
    purpose: VisitPurpose = Field(title="訪問の目的", description="この訪問の目的。")
    absent: bool = Field(
        title="不在",
        description="本人が不在で面接できなかったか。",
    )
    absence_action: str | None = Field(
        default=None,
        title="不在時の対応",
        description="不在の場合の対応（例: 不在連絡票を投函）。",
        max_length=1000,
    )
    persons_met: list[PersonMet] = Field(
        default_factory=list,
        title="面接した人",
        description="訪問時に面接した人（不在でなければ1人以上）。",
    )
    observations: str = Field(
        title="所見",
        description="訪問で把握した生活状況・所見・指導の内容。",
        min_length=1,
        max_length=10000,
    )
    checklist: list[ChecklistItem] = Field(
        default_factory=list,
        title="確認項目",
        description="生活・健康・収入・住居・就労についての定型の確認結果。",
    )
    next_visit_on: date | None = Field(
        default=None,
        title="次回訪問予定日",
        description="次に訪問する予定の日。",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        repeated = repeated_values(self.visitor_staff_ids)
        if repeated:
            raise ValueError(
                f"訪問者職員IDが重複しています: {', '.join(repeated)} (duplicate visitor)"
            )
        if not self.absent and not self.persons_met:
            raise ValueError(
                "不在でない訪問には面接した人の記録が必要です (persons_met required unless absent)"
            )
        if not self.absent and self.absence_action is not None:
            raise ValueError(
                "不在でない訪問に不在時の対応は記録できません (absence_action only when absent)"
            )
        if self.next_visit_on is not None and self.next_visit_on < self.visited_on:
            raise ValueError("次回訪問予定日が訪問日より前です (next_visit_on before visited_on)")
        return self


class SupervisorReview(StdModel):
    """査察指導員によるケース記録の確認。"""

    model_config = ConfigDict(title="査察指導員の確認")

    reviewer_staff_id: RecordId = Field(title="確認者職員ID", description="確認した査察指導員。")
    reviewed_at: AwareDatetime = Field(
        title="確認日時",
        description="確認した日時（タイムゾーン付き ISO 8601）。",
    )
    comment: str | None = Field(
        default=None,
        title="指導内容",
        description="確認時の助言・指示。",
        max_length=4000,
    )


class CaseRecord(Record):
    """ケース記録: 職員が記録する日付付きの記録1件。査察指導員が確認する。

    References: seed 004（テンプレート・前回記録の再利用による記録時間の削減）; seed 000・003
    （査察指導の可視化）; 記録の保存期間は FACTS.md "Records"（ケース記録は未確認）。
    """

    model_config = ConfigDict(title="ケース記録")

    record_type: Literal["case_record"] = record_type_field("case_record")
    id: RecordId = Field(title="ケース記録ID", description="ケース記録の識別子。")
    case_id: RecordId = Field(title="ケースID", description="記録の対象となるケース。")
    entered_on: date = Field(title="記録日", description="記録の対象となる日（記録した日）。")
    author_staff_id: RecordId = Field(title="記録者職員ID", description="記録した職員。")
    category: CaseRecordCategory = Field(title="区分", description="記録の区分。")
    subject: str | None = Field(
        default=None,
        title="件名",
        description="記録の件名（一覧表示用）。",
        max_length=200,
    )
    text: str = Field(
        title="記録内容",
        description="記録の本文。",
        min_length=1,
        max_length=20000,
    )
    visit_record_id: RecordId | None = Field(
        default=None,
        title="訪問記録ID",
        description="訪問についての記録なら、その訪問記録。",
    )
    template_id: RecordId | None = Field(
        default=None,
        title="テンプレートID",
        description="記録の作成に用いた定型文（テンプレート）。",
    )
    reused_from_id: RecordId | None = Field(
        default=None,
        title="再利用元の記録ID",
        description="内容を引き継いで作成した元のケース記録。",
    )
    review: SupervisorReview | None = Field(
        default=None,
        title="査察指導員の確認",
        description="査察指導員の確認（未確認なら省略）。",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.reused_from_id is not None and self.reused_from_id == self.id:
            raise ValueError(
                "ケース記録は自分自身を再利用元にできません (reused_from_id equals id)"
            )
        if self.review is not None and self.review.reviewed_at.date() < self.entered_on:
            raise ValueError(
                f"確認日時 {self.review.reviewed_at.isoformat()} が記録日 "
                f"{self.entered_on.isoformat()} より前です (review before the entry)"
            )
        return self


class AssistancePolicy(Record):
    """援助方針: ケースの問題点・目標・援助の内容。訪問と支援はこれに基づいて行う。

    References: seed 004（生活状況から問題点と課題を設定して援助方針を作成することが最も重要）;
    seed 001（誰にでも見える測定可能な目標）。
    """

    model_config = ConfigDict(title="援助方針")

    record_type: Literal["assistance_policy"] = record_type_field("assistance_policy")
    id: RecordId = Field(title="援助方針ID", description="援助方針の識別子。")
    case_id: RecordId = Field(title="ケースID", description="援助方針の対象となるケース。")
    previous_policy_id: RecordId | None = Field(
        default=None,
        title="前回の援助方針ID",
        description="この方針が見直した前回の援助方針。",
    )
    effective: Period = Field(title="適用期間", description="この援助方針を適用する期間。")
    problems: list[_Text] = Field(
        title="問題点",
        description="生活状況から把握した問題点・課題（1つ以上）。",
        min_length=1,
    )
    goals: list[SupportGoal] = Field(
        title="目標",
        description="測定可能な達成基準と期限を持つ目標（1つ以上）。",
        min_length=1,
    )
    planned_help: list[_Text] = Field(
        title="援助の内容",
        description="目標に向けて行う指導・支援・関係機関との連携（1つ以上）。",
        min_length=1,
    )
    decided_on: date = Field(title="策定日", description="援助方針を策定した日。")
    decided_by_staff_id: RecordId = Field(
        title="策定者職員ID", description="援助方針を策定した職員（担当現業員）。"
    )
    approved_by_staff_id: RecordId | None = Field(
        default=None,
        title="承認者職員ID",
        description="援助方針を承認した職員（未承認なら省略）。",
    )
    approved_on: date | None = Field(
        default=None,
        title="承認日",
        description="援助方針を承認した日（未承認なら省略）。",
    )
    next_review_on: date = Field(title="次回見直し予定日", description="援助方針を見直す予定の日。")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.approved_by_staff_id is None) != (self.approved_on is None):
            raise ValueError(
                "承認者と承認日は両方記録するか両方省略してください "
                "(approved_by_staff_id and approved_on go together)"
            )
        if self.approved_on is not None and self.approved_on < self.decided_on:
            raise ValueError("承認日が策定日より前です (approved_on before decided_on)")
        if self.next_review_on < self.effective.start:
            raise ValueError(
                "次回見直し予定日が適用開始日より前です (next_review_on before effective start)"
            )
        early = [g.statement for g in self.goals if g.due_on < self.effective.start]
        if early:
            raise ValueError(
                f"達成期限が適用開始日より前の目標があります: {'、'.join(early)} "
                "(goal due before the policy takes effect)"
            )
        return self
