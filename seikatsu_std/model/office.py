"""Welfare offices and their staff: who may do what starts here.

References: 社会福祉法14条–16条 (welfare offices, staff, standard numbers);
社会福祉法15条6項 and 18条–19条 (社会福祉主事).
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import Address, KanaName, Period, RecordId
from seikatsu_std.model.identifiers import LocalGovernmentCode, PublicPayerNumber


class OfficeType(LabelledEnum):
    """福祉事務所の設置主体。社会福祉法16条の現業員の標準数は設置主体ごとに異なる。"""

    __title__ = "福祉事務所の種別"

    PREFECTURAL = "prefectural", "都道府県設置"
    CITY = "city", "市（特別区を含む）設置"
    TOWN_VILLAGE = "town_village", "町村設置"


class StaffRole(LabelledEnum):
    """職員の職務上の役割。決定・承認・返還請求の権限は役割・身分・資格から導かれる。"""

    __title__ = "役割"

    CASEWORKER = "caseworker", "現業員（ケースワーカー）"
    SUPERVISOR = "supervisor", "査察指導員"
    SECTION_CHIEF = "section_chief", "課長（所長）"
    INTAKE_INTERVIEWER = "intake_interviewer", "面接相談員"
    MEDICAL_CLERK = "medical_clerk", "医療・介護担当事務"
    ACCOUNTING_CLERK = "accounting_clerk", "経理担当事務"
    SUPPORT_STAFF = "support_staff", "就労・自立支援員"
    CONTRACTED_PHYSICIAN = "contracted_physician", "嘱託医"
    AUDITOR = "auditor", "監査担当"


#: The roles that may approve (決裁) a decision: supervisors and the section chief (or head),
#: who must also be qualified public officials (see :mod:`seikatsu_std.authority`).
APPROVER_ROLES = frozenset({StaffRole.SUPERVISOR, StaffRole.SECTION_CHIEF})


class EmploymentType(LabelledEnum):
    """任用・雇用の形態。委託事業者の職員は公務員ではなく、決定・決裁・返還請求はできない。"""

    __title__ = "任用形態"

    PERMANENT = "permanent", "常勤職員"
    FIXED_TERM = "fixed_term", "会計年度任用職員"
    OUTSOURCED = "outsourced", "委託事業者職員"


class Qualification(LabelledEnum):
    """職務に関係する資格。査察指導員・現業員は社会福祉主事でなければならない（社会福祉法15条6項）。"""

    __title__ = "資格"

    CERTIFIED_WELFARE_OFFICER = "certified_welfare_officer", "社会福祉主事"
    SOCIAL_WORKER = "social_worker", "社会福祉士"
    PSYCHIATRIC_SOCIAL_WORKER = "psychiatric_social_worker", "精神保健福祉士"
    PHYSICIAN = "physician", "医師"
    PUBLIC_HEALTH_NURSE = "public_health_nurse", "保健師"
    CAREER_CONSULTANT = "career_consultant", "キャリアコンサルタント"


class ApprovalStage(StdModel):
    """決裁の段階1つ: この段階を決裁できる職員の役割。"""

    model_config = ConfigDict(title="決裁の段階")

    roles: list[StaffRole] = Field(
        title="決裁できる役割",
        description="この段階を決裁できる職員の役割（査察指導員・課長（所長）のいずれか、または両方）。",
        min_length=1,
    )

    @model_validator(mode="after")
    def _approvers_only(self) -> Self:
        others = [role for role in self.roles if role not in APPROVER_ROLES]
        if others:
            names = "・".join(role.label for role in others)
            raise ValueError(
                f"{names} は決裁の段階に設定できません（決裁は査察指導員・課長（所長）が行います） "
                f"(roles {[r.value for r in others]} cannot approve)"
            )
        return self

    def label(self) -> str:
        """The stage as the office names it (査察指導員・課長（所長）…)."""
        return "または".join(role.label for role in self.roles)


class NoticeItem(LabelledEnum):
    """決定通知書の様式に置く記載事項。"""

    __title__ = "決定通知書の記載事項"

    DECISION = "decision", "決定の内容"
    AMOUNTS = "amounts", "扶助別の額"
    REASONS = "reasons", "決定の理由"
    REVIEW_INSTRUCTION = "review_instruction", "審査請求の教示"
    COURT_INSTRUCTION = "court_instruction", "取消訴訟の教示"
    CONTACT = "contact", "担当者"


def _standard_approval() -> list[ApprovalStage]:
    return [ApprovalStage(roles=[StaffRole.SUPERVISOR, StaffRole.SECTION_CHIEF])]


class OfficeSettings(StdModel):
    """福祉事務所ごとの設定: 決裁の段階と決定通知書の様式。

    設定しない事務所は標準の値による: 決裁は1段階（査察指導員または課長）、通知書は
    すべての記載事項を置く。起案者による決裁を許す設定は標準にない（REQ-APP-024）。
    """

    model_config = ConfigDict(title="福祉事務所の設定")

    approval_stages: list[ApprovalStage] = Field(
        default_factory=_standard_approval,
        title="決裁の段階",
        description=(
            "決定が確定するまでの決裁の段階（順に）。最後の段階の決裁で決定が確定する。"
            "標準は1段階（査察指導員または課長）。"
        ),
        min_length=1,
    )
    notice_items: list[NoticeItem] = Field(
        default_factory=lambda: list(NoticeItem),
        title="決定通知書の記載事項",
        description=(
            "決定通知書の様式に置く記載事項。決定の内容・理由・扶助別の額・審査請求と取消訴訟の教示を"
            "欠く様式では通知書を発行できない。"
        ),
    )

    @model_validator(mode="after")
    def _distinct_items(self) -> Self:
        if len(set(self.notice_items)) != len(self.notice_items):
            raise ValueError("決定通知書の記載事項が重複しています (duplicate notice items)")
        return self


class WelfareOffice(Record):
    """福祉事務所（保護の実施機関）。"""

    model_config = ConfigDict(title="福祉事務所")

    record_type: Literal["welfare_office"] = record_type_field("welfare_office")
    id: RecordId = Field(title="福祉事務所ID", description="福祉事務所の識別子。")
    name: str = Field(
        title="名称",
        description="福祉事務所の名称（例: 中野区福祉事務所）。",
        min_length=1,
        max_length=100,
    )
    office_type: OfficeType = Field(
        title="設置主体の種別",
        description="都道府県・市・町村の別。現業員の標準数（社会福祉法16条）の算定に使う。",
    )
    local_government_code: LocalGovernmentCode = Field(
        title="設置自治体コード",
        description="福祉事務所を設置する地方公共団体の全国地方公共団体コード（6桁、検査数字付き）。",
    )
    jurisdiction: list[LocalGovernmentCode] = Field(
        title="所管区域",
        description="この事務所が保護を実施する市区町村の団体コード。",
        min_length=1,
    )
    payer_number: PublicPayerNumber | None = Field(
        default=None,
        title="公費負担者番号",
        description="医療券・介護券に記載する生活保護の公費負担者番号（法別番号12、8桁）。",
    )
    address: Address = Field(title="所在地", description="福祉事務所の所在地。")
    settings: OfficeSettings = Field(
        default_factory=OfficeSettings,
        title="設定",
        description="決裁の段階・決定通知書の様式（設定しなければ標準の値）。",
    )


class StaffMember(Record):
    """福祉事務所の職員（委託事業者の職員・嘱託医を含む）。"""

    model_config = ConfigDict(title="職員")

    record_type: Literal["staff_member"] = record_type_field("staff_member")
    id: RecordId = Field(title="職員ID", description="職員の識別子。")
    office_id: RecordId = Field(title="所属福祉事務所ID", description="所属する福祉事務所。")
    name: str = Field(title="氏名", description="職員の氏名。", min_length=1, max_length=100)
    name_kana: KanaName = Field(title="氏名カナ", description="職員の氏名（全角カタカナ）。")
    roles: list[StaffRole] = Field(
        title="役割",
        description="担当する役割（複数可。例: 査察指導員が現業員を兼ねる）。",
        min_length=1,
    )
    employment_type: EmploymentType = Field(
        title="任用形態",
        description="常勤職員・会計年度任用職員・委託事業者職員の別。",
    )
    qualifications: list[Qualification] = Field(
        default_factory=list,
        title="資格",
        description="保有する資格（社会福祉主事任用資格等）。",
    )
    active: Period = Field(
        title="在職期間",
        description="この所属・役割で勤務する期間。",
    )

    @model_validator(mode="after")
    def _approvers_are_officials(self) -> Self:
        approving = APPROVER_ROLES.intersection(self.roles)
        if approving and self.employment_type is EmploymentType.OUTSOURCED:
            names = "・".join(sorted(role.label for role in approving))
            raise ValueError(
                f"委託事業者の職員に{names}の役割（決裁の権限）は与えられません "
                "(outsourced staff cannot hold an approving role)"
            )
        return self

    @property
    def is_public_official(self) -> bool:
        """True for staff appointed by the municipality (常勤・会計年度任用).

        Outsourced staff are not public officials: they may not decide,
        approve or demand repayment (seed 000; 生活保護法19条 assigns the
        decision to the implementing agency).
        """
        return self.employment_type is not EmploymentType.OUTSOURCED

    @property
    def is_certified_welfare_officer(self) -> bool:
        """True when the member holds the 社会福祉主事 qualification."""
        return Qualification.CERTIFIED_WELFARE_OFFICER in self.qualifications
