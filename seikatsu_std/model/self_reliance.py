"""Self-reliance support (自立支援): assessments, programmes, enrolments, plans and grants.

References: 生活保護法1条 (自立の助長); 自立支援プログラム導入（平成17年度〜）と3つの自立の概念
(seed 002: 経済的自立・日常生活自立・社会生活自立は並列で相互に関連する); 稼働能力の区分
(seed 004); 測定可能な目標と民間委託先への情報提供前の同意 (seed 001, 埼玉県アスポート);
就労自立給付金・進学・就職準備給付金 (FACTS.md "Grants and programmes").
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import Period, RecordId, Yen, repeated_values
from seikatsu_std.model.legal import LegalRef

_Text = Annotated[str, Field(min_length=1, max_length=2000)]
"""A non-empty line of free text (an item of a list)."""


class IndependenceType(LabelledEnum):
    """自立の種類。3つの自立は段階ではなく並列の関係にあり、相互に関連する。

    References: 自立支援プログラム導入の通知（平成17年）、seed 002「自立の概念」。
    """

    __title__ = "自立の種類"

    ECONOMIC = "economic", "経済的自立"
    DAILY_LIFE = "daily_life", "日常生活自立"
    SOCIAL_LIFE = "social_life", "社会生活自立"


class WorkCapacity(LabelledEnum):
    """稼働能力の区分（就労支援の対象と支援内容を決める）。

    稼働余地とは、近い将来に身体的・精神的に回復し就労阻害要因を除けると見込まれる状態。
    稼働能力がなければ日常生活自立・社会生活自立の支援に重点を置く。

    References: seed 004（第2回未来の業務のあり方WT、2024年9月26日）3.1〜3.3。
    """

    __title__ = "稼働能力の区分"

    CAN_JOB_HUNT_ALONE = "can_job_hunt_alone", "稼働能力あり（自ら求職活動ができる）"
    NEEDS_SUPPORT = "needs_support", "稼働能力あり（求職活動に支援を要する）"
    POTENTIAL = "potential", "稼働余地あり（回復等により稼働能力を得る見込み）"
    NO_CAPACITY = "no_capacity", "稼働能力なし"


class BarrierKind(LabelledEnum):
    """自立阻害要因（就労阻害要因を含む）の種類。"""

    __title__ = "阻害要因の種類"

    ILLNESS_DISABILITY = "illness_disability", "傷病・障害"
    CARE_DUTIES = "care_duties", "育児・介護"
    SKILLS_EXPERIENCE = "skills_experience", "職歴・技能・資格の不足"
    MOTIVATION = "motivation", "就労意欲・自信の低下"
    DEBT = "debt", "債務・家計管理の課題"
    HOUSING = "housing", "住居の不安定"
    SOCIAL_ISOLATION = "social_isolation", "社会的孤立・ひきこもり"
    LANGUAGE = "language", "日本語の理解"
    OTHER = "other", "その他"


class ProgrammeKind(LabelledEnum):
    """自立支援プログラムの種類（法定事業・予算事業と自治体独自の取組）。

    References: seed 002（被保護者就労支援事業、就労準備支援事業、家計改善支援事業、
    健康管理支援事業、子どもの学習・生活支援事業、居宅生活移行支援事業）。
    """

    __title__ = "プログラムの種類"

    EMPLOYMENT_SUPPORT = "employment_support", "就労支援"
    WORK_READINESS = "work_readiness", "就労準備支援"
    HOUSEHOLD_BUDGET = "household_budget", "家計改善支援"
    HEALTH_MANAGEMENT = "health_management", "健康管理支援"
    CHILD_EDUCATION = "child_education", "子どもの学習・進学支援"
    HOUSING_SUPPORT = "housing_support", "居住支援（居宅生活移行支援）"
    OTHER = "other", "その他"


class EnrolmentOutcome(LabelledEnum):
    """プログラム参加の結果。全国の取組状況調査は参加者数と達成者数を集計する（seed 002）。"""

    __title__ = "参加の結果"

    ACHIEVED = "achieved", "達成"
    NOT_ACHIEVED = "not_achieved", "未達成"
    ONGOING = "ongoing", "継続中"
    WITHDRAWN = "withdrawn", "中止（参加辞退等）"


class GrantKind(LabelledEnum):
    """自立を支援する一時金の種類。

    References: 生活保護法の就労自立給付金・進学準備給付金の規定（条番号は未確認）;
    FACTS.md "Grants and programmes"（算定方法・額は確認済み、計算規則のパラメータとする）。
    """

    __title__ = "給付金の種類"

    EMPLOYMENT_EXIT = "employment_exit", "就労自立給付金"
    SCHOOL_LEAVER = "school_leaver", "進学・就職準備給付金"


class SupportGoal(StdModel):
    """支援の目標。誰にでも分かる測定可能な達成基準と期限を持つ（seed 001）。"""

    model_config = ConfigDict(title="支援目標")

    statement: str = Field(
        title="目標",
        description="目指す状態（例: 週3日の就労を継続する）。",
        min_length=1,
        max_length=500,
    )
    target: str = Field(
        title="達成基準",
        description="達成を判断する測定可能な基準（例: 3か月連続で月12日以上就労）。",
        min_length=1,
        max_length=500,
    )
    due_on: date = Field(title="達成期限", description="目標を達成する期限の日。")
    independence_type: IndependenceType | None = Field(
        default=None,
        title="自立の種類",
        description="この目標が主に関係する自立の種類。",
    )


class Barrier(StdModel):
    """自立阻害要因1件。"""

    model_config = ConfigDict(title="阻害要因")

    kind: BarrierKind = Field(title="種類", description="阻害要因の種類。")
    detail: str = Field(
        title="内容",
        description="阻害要因の具体的な内容。",
        min_length=1,
        max_length=2000,
    )


class SelfRelianceAssessment(Record):
    """自立に向けた評価（稼働能力の判定を含む）。世帯員ごとに行う。

    References: 生活保護法4条1項（能力の活用）; seed 004（稼働能力の区分と支援の重点）。
    """

    model_config = ConfigDict(title="自立に向けた評価")

    record_type: Literal["self_reliance_assessment"] = record_type_field("self_reliance_assessment")
    id: RecordId = Field(title="評価ID", description="評価の識別子。")
    case_id: RecordId = Field(title="ケースID", description="評価の対象となるケース。")
    member_id: RecordId = Field(title="世帯員ID", description="評価の対象となる世帯員。")
    assessed_on: date = Field(title="評価日", description="評価を行った日。")
    assessor_staff_id: RecordId = Field(
        title="評価者職員ID", description="評価を行った職員（現業員・就労支援員等）。"
    )
    work_capacity: WorkCapacity = Field(
        title="稼働能力の区分",
        description="稼働能力の有無と求職活動に支援を要するかの区分。",
    )
    health: str = Field(
        title="健康状態",
        description="病状・通院状況・就労上の制限等の健康状態の所見。",
        min_length=1,
        max_length=2000,
    )
    medical_opinion: str | None = Field(
        default=None,
        title="医学的所見",
        description="主治医・嘱託医の意見の要旨（稼働能力の判定に用いた場合）。",
        max_length=2000,
    )
    barriers: list[Barrier] = Field(
        default_factory=list,
        title="阻害要因",
        description="自立・就労を妨げている要因。",
    )
    strengths: list[_Text] = Field(
        default_factory=list,
        title="強み",
        description="本人の強み・活用できる資源（職歴、資格、意欲、支えになる人等）。",
    )
    recommended_independence: list[IndependenceType] = Field(
        title="支援を推奨する自立の種類",
        description="重点的に支援する自立の種類（複数可、重複不可）。",
        min_length=1,
    )
    next_assessment_on: date | None = Field(
        default=None,
        title="次回評価予定日",
        description="次に評価を見直す予定の日。",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.work_capacity is not WorkCapacity.CAN_JOB_HUNT_ALONE and not self.barriers:
            raise ValueError(
                f"稼働能力の区分「{self.work_capacity.label}」には阻害要因の記録が必要です "
                "(barriers required unless the person can job-hunt alone)"
            )
        repeated = repeated_values(self.recommended_independence)
        if repeated:
            raise ValueError(
                f"推奨する自立の種類が重複しています: {', '.join(repeated)} "
                "(duplicate recommended independence type)"
            )
        if self.next_assessment_on is not None and self.next_assessment_on < self.assessed_on:
            raise ValueError(
                "次回評価予定日が評価日より前です (next_assessment_on before assessed_on)"
            )
        return self


class PartnerOrganisation(StdModel):
    """プログラムを実施する連携先・委託先の機関。"""

    model_config = ConfigDict(title="連携先機関")

    name: str = Field(
        title="名称",
        description="機関の名称（例: ハローワーク中野、NPO法人○○）。",
        min_length=1,
        max_length=200,
    )
    is_private: bool = Field(
        title="民間団体",
        description=(
            "民間の団体（NPO・社会福祉法人・企業等）か。民間団体への個人情報の提供には"
            "本人への説明と同意が必要（seed 001）。"
        ),
    )


class MeasurableGoal(StdModel):
    """プログラムの測定可能な目標の定義（指標・目標値・単位）。"""

    model_config = ConfigDict(title="測定可能な目標")

    indicator: str = Field(
        title="指標",
        description="測る指標（例: 参加した中学3年生の高等学校等進学率）。",
        min_length=1,
        max_length=500,
    )
    target_value: float = Field(title="目標値", description="指標の目標値。")
    unit: str = Field(
        title="単位",
        description="目標値の単位（例: %、人、件、日）。",
        min_length=1,
        max_length=20,
    )
    baseline_value: float | None = Field(
        default=None,
        title="現状値",
        description="目標設定時の指標の値（比較の基準。例: 86.9）。",
    )


class SupportProgramme(Record):
    """自立支援プログラム: 実施機関が被保護者の状況の類型ごとに定める支援の内容と手順。

    References: 自立支援プログラム導入の通知（平成17年度〜）; seed 002; seed 001（目標の可視化）。
    """

    model_config = ConfigDict(title="自立支援プログラム")

    record_type: Literal["support_programme"] = record_type_field("support_programme")
    id: RecordId = Field(title="プログラムID", description="プログラムの識別子。")
    office_id: RecordId = Field(title="福祉事務所ID", description="プログラムを定める福祉事務所。")
    code: str = Field(
        title="プログラムコード",
        description="事務所が付すプログラムの区分コード。",
        min_length=1,
        max_length=20,
        pattern=r"^[0-9A-Za-z_-]+$",
    )
    name: str = Field(
        title="名称",
        description="プログラムの名称。",
        min_length=1,
        max_length=200,
    )
    independence_type: IndependenceType = Field(
        title="自立の種類",
        description="プログラムが主に目指す自立の種類（全国調査の集計区分）。",
    )
    kind: ProgrammeKind = Field(title="プログラムの種類", description="支援事業の種類。")
    description: str | None = Field(
        default=None,
        title="内容",
        description="対象者・支援の内容と手順の説明。",
        max_length=4000,
    )
    partner: PartnerOrganisation | None = Field(
        default=None,
        title="連携先・委託先",
        description="プログラムを実施する外部機関（事務所が直接実施する場合は省略）。",
    )
    goals: list[MeasurableGoal] = Field(
        title="目標",
        description="プログラムの測定可能な目標（1つ以上）。",
        min_length=1,
    )
    valid: Period = Field(title="実施期間", description="プログラムを実施する期間。")
    legal_basis: list[LegalRef] = Field(
        default_factory=list,
        title="根拠",
        description="プログラムが活用する事業の根拠法令・通知。",
    )


class ProgrammeActivity(StdModel):
    """プログラム参加中の活動1件（面談、同行、訓練、紹介等）。"""

    model_config = ConfigDict(title="活動")

    on: date = Field(title="実施日", description="活動を行った日。")
    content: str = Field(
        title="内容",
        description="活動の内容（例: ハローワークへ同行し求人紹介を受けた）。",
        min_length=1,
        max_length=2000,
    )
    staff_id: RecordId | None = Field(
        default=None,
        title="担当職員ID",
        description="活動を担当した福祉事務所の職員（外部機関のみの場合は省略）。",
    )
    organisation: str | None = Field(
        default=None,
        title="実施機関名",
        description="活動を担当した外部機関の名称。",
        max_length=200,
    )


class ProgrammeEnrolment(Record):
    """自立支援プログラムへの参加。参加は本人の同意の上で決定する。

    References: 自立支援プログラム導入の通知（本人同意の上で決定）; seed 002。
    """

    model_config = ConfigDict(title="プログラム参加")

    record_type: Literal["programme_enrolment"] = record_type_field("programme_enrolment")
    id: RecordId = Field(title="参加ID", description="参加の識別子。")
    programme_id: RecordId = Field(title="プログラムID", description="参加するプログラム。")
    case_id: RecordId = Field(title="ケースID", description="参加者のケース。")
    member_id: RecordId = Field(title="世帯員ID", description="参加する世帯員。")
    consent_id: RecordId = Field(
        title="同意ID",
        description="参加と情報提供についての本人の同意の記録（同意なしに参加させない）。",
    )
    period: Period = Field(title="参加期間", description="プログラムに参加する期間。")
    goals: list[SupportGoal] = Field(
        title="個別目標",
        description="この参加者の測定可能な目標（1つ以上）。",
        min_length=1,
    )
    activities: list[ProgrammeActivity] = Field(
        default_factory=list,
        title="活動",
        description="参加中の活動の記録（日付順）。",
    )
    outcome: EnrolmentOutcome = Field(title="結果", description="達成・未達成・継続中・中止の別。")
    outcome_on: date | None = Field(
        default=None,
        title="結果確定日",
        description="結果が確定した日（継続中は省略）。",
    )
    outcome_note: str | None = Field(
        default=None,
        title="結果の所見",
        description="結果についての所見（中止の理由等）。",
        max_length=2000,
    )

    @model_validator(mode="after")
    def _outcome_dated(self) -> Self:
        start = self.period.start
        if self.outcome is EnrolmentOutcome.ONGOING:
            if self.outcome_on is not None:
                raise ValueError(
                    "継続中の参加に結果確定日は記録できません (outcome_on only when not ongoing)"
                )
        elif self.outcome_on is None:
            raise ValueError(
                f"結果「{self.outcome.label}」には結果確定日が必要です "
                "(outcome_on required unless ongoing)"
            )
        elif self.outcome_on < start:
            raise ValueError(
                f"結果確定日 {self.outcome_on.isoformat()} が参加開始日 {start.isoformat()} "
                "より前です (outcome_on before enrolment start)"
            )
        early = [a.on.isoformat() for a in self.activities if a.on < start]
        if early:
            raise ValueError(
                f"参加開始日より前の活動があります: {', '.join(early)} "
                "(activity before enrolment start)"
            )
        return self


class AgencyRole(StdModel):
    """支援計画に参加する機関とその役割。"""

    model_config = ConfigDict(title="関係機関の役割")

    organisation: str = Field(
        title="機関名",
        description="関係機関の名称（福祉事務所自身を含む）。",
        min_length=1,
        max_length=200,
    )
    role: str = Field(
        title="役割",
        description="この機関が担う支援の内容。",
        min_length=1,
        max_length=1000,
    )
    is_private: bool = Field(
        title="民間団体",
        description="民間の団体か（情報提供に本人の同意が必要かの判断に用いる）。",
    )
    contact_person: str | None = Field(
        default=None,
        title="担当者",
        description="機関側の担当者名。",
        max_length=100,
    )


class SupportPlan(Record):
    """自立支援計画: 複合的な課題を抱える世帯について、関係機関の役割と目標を定める計画。

    References: seed 002（関係機関との連携、支援会議・支援調整会議）。
    """

    model_config = ConfigDict(title="自立支援計画")

    record_type: Literal["support_plan"] = record_type_field("support_plan")
    id: RecordId = Field(title="計画ID", description="計画の識別子。")
    case_id: RecordId = Field(title="ケースID", description="計画の対象となるケース。")
    member_ids: list[RecordId] = Field(
        default_factory=list,
        title="対象世帯員ID",
        description="計画の対象となる世帯員（世帯全体が対象なら省略）。",
    )
    created_on: date = Field(title="作成日", description="計画を作成した日。")
    created_by_staff_id: RecordId = Field(title="作成者職員ID", description="計画を作成した職員。")
    agencies: list[AgencyRole] = Field(
        title="関係機関",
        description="支援に関わる機関とそれぞれの役割。",
        min_length=1,
    )
    goals: list[SupportGoal] = Field(
        title="目標",
        description="世帯の支援目標（1つ以上）。",
        min_length=1,
    )
    review_on: date = Field(title="見直し予定日", description="計画を評価・見直す予定の日。")
    meeting_ids: list[RecordId] = Field(
        default_factory=list,
        title="会議ID",
        description="計画を協議した会議（支援会議・支援調整会議等）。",
    )

    @model_validator(mode="after")
    def _dates_after_creation(self) -> Self:
        if self.review_on < self.created_on:
            raise ValueError("見直し予定日が作成日より前です (review_on before created_on)")
        early = [g.statement for g in self.goals if g.due_on < self.created_on]
        if early:
            raise ValueError(
                f"達成期限が作成日より前の目標があります: {'、'.join(early)} "
                "(goal due before the plan was created)"
            )
        return self


class GrantPayment(Record):
    """自立を支援する給付金の支給決定。金額の算定は計算規則で行い、ここには決定額を記録する。

    References: FACTS.md "Grants and programmes"（就労自立給付金・進学・就職準備給付金）。
    """

    model_config = ConfigDict(title="給付金の支給決定")

    record_type: Literal["grant_payment"] = record_type_field("grant_payment")
    id: RecordId = Field(title="給付金ID", description="給付金の支給決定の識別子。")
    case_id: RecordId = Field(title="ケースID", description="支給の対象となるケース。")
    member_id: RecordId = Field(title="世帯員ID", description="給付金を受ける世帯員。")
    kind: GrantKind = Field(
        title="給付金の種類", description="就労自立給付金・進学・就職準備給付金の別。"
    )
    decided_on: date = Field(title="決定日", description="支給を決定した日。")
    amount: Yen = Field(
        gt=0,
        title="決定額",
        description="決定した支給額（円）。算定は計算規則による。",
    )
    basis: str = Field(
        title="算定の根拠",
        description="決定額の算定根拠の説明（算定の基礎となった収入・月数・世帯区分等）。",
        min_length=1,
        max_length=4000,
    )
    paid_on: date | None = Field(
        default=None,
        title="支給日",
        description="実際に支給した日（未支給なら省略）。",
    )

    @model_validator(mode="after")
    def _paid_after_decision(self) -> Self:
        if self.paid_on is not None and self.paid_on < self.decided_on:
            raise ValueError("支給日が決定日より前です (paid_on before decided_on)")
        return self
