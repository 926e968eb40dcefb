"""The case (ケース): one household's assistance with one office over time.

References: 生活保護法19条 (実施機関), 社会福祉法15条 (現業員・査察指導員).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import RecordId


class CaseStatus(LabelledEnum):
    """ケースの状態。状態の遷移は業務フロー（workflows）で定める。"""

    __title__ = "ケースの状態"

    APPLYING = "applying", "申請中"
    ACTIVE = "active", "保護中"
    SUSPENDED = "suspended", "停止中"
    TERMINATED = "terminated", "廃止"
    REJECTED = "rejected", "却下"
    TRANSFERRED = "transferred", "移管"
    WITHDRAWN = "withdrawn", "申請取下げ"


class HouseholdType(LabelledEnum):
    """被保護者調査の世帯類型。

    References: 被保護者調査の世帯類型の定義（FACTS.md, VERIFIED）。
    """

    __title__ = "世帯類型"

    ELDERLY = "elderly", "高齢者世帯"
    SINGLE_MOTHER = "single_mother", "母子世帯"
    DISABLED = "disabled", "障害者世帯"
    SICK = "sick", "傷病者世帯"
    OTHER = "other", "その他の世帯"


_CLOSED = (
    CaseStatus.TERMINATED,
    CaseStatus.REJECTED,
    CaseStatus.TRANSFERRED,
    CaseStatus.WITHDRAWN,
)


class StartBasis(LabelledEnum):
    """保護の開始の区分: 申請による開始（法24条）か、急迫時の職権による開始（法25条）か。"""

    __title__ = "開始の区分"

    APPLICATION = "application", "申請"
    EX_OFFICIO = "ex_officio", "職権"


class ExOfficioRecord(StdModel):
    """職権による保護の記録: 急迫と判断した事実・判断日・判断した職員（法25条1項）。"""

    model_config = ConfigDict(title="職権による保護の記録")

    urgent_facts: str = Field(
        title="急迫と判断した事実",
        description="申請を待たずに保護を要すると判断した急迫の状況（具体的な事実）。",
        min_length=1,
    )
    judged_on: date = Field(title="判断日", description="急迫した状況にあると判断した日。")
    judged_by: RecordId = Field(
        title="判断した職員", description="判断した職員（公務員の現業員・査察指導員等）の職員ID。"
    )


class Case(Record):
    """ケース: 1つの世帯に対する1つの福祉事務所の保護の記録の束。"""

    model_config = ConfigDict(title="ケース")

    record_type: Literal["case"] = record_type_field("case")
    id: RecordId = Field(title="ケースID", description="ケースの識別子。")
    case_number: str = Field(
        title="ケース番号",
        description="福祉事務所が付すケース番号（事務所内で一意）。",
        min_length=1,
        max_length=20,
        pattern=r"^[0-9A-Za-z-]+$",
    )
    office_id: RecordId = Field(title="福祉事務所ID", description="保護を実施する福祉事務所。")
    household_id: RecordId = Field(title="世帯ID", description="このケースの世帯。")
    status: CaseStatus = Field(title="ケースの状態", description="現在の状態。")
    caseworker_id: RecordId = Field(title="担当現業員ID", description="地区担当の現業員。")
    supervisor_id: RecordId = Field(title="査察指導員ID", description="担当の査察指導員。")
    household_type: HouseholdType | None = Field(
        default=None,
        title="世帯類型",
        description="被保護者調査上の世帯類型（保護開始後に判定）。",
    )
    visit_grade_code: str | None = Field(
        default=None,
        title="訪問格付け",
        description="事務所が定める訪問格付けの区分コード（例: A）。",
        max_length=10,
    )
    opened_on: date | None = Field(
        default=None, title="保護開始日", description="保護を開始した日（申請中は省略）。"
    )
    closed_on: date | None = Field(
        default=None,
        title="終結日",
        description="廃止・却下・移管・申請の取下げによりケースが終結した日。",
    )
    ex_officio: ExOfficioRecord | None = Field(
        default=None,
        title="職権による保護の記録",
        description="申請によらず急迫した状況で職権により保護するケースの、判断の記録（法25条）。",
    )

    @model_validator(mode="after")
    def _dates_match_status(self) -> Self:
        closed = self.status in _CLOSED
        if closed and self.closed_on is None:
            raise ValueError(
                f"状態「{self.status.label}」には終結日が必要です (closed_on required when closed)"
            )
        if not closed and self.closed_on is not None:
            raise ValueError(
                f"状態「{self.status.label}」のケースに終結日は記録できません "
                "(closed_on only for closed cases)"
            )
        in_force = self.status in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)
        if in_force and self.opened_on is None:
            raise ValueError(
                f"状態「{self.status.label}」には保護開始日が必要です (opened_on required)"
            )
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            raise ValueError("終結日が保護開始日より前です (closed_on before opened_on)")
        return self
