"""Transfer of a case to another implementing body (移管), e.g. when the household moves away.

The office that ran the case records the day of the transfer, the 全国地方公共団体コード
of the receiving local government and what it hands over (引継ぎ事項). The case itself is
ended by a termination decision by transfer (:class:`~seikatsu_std.model.decision.Decision`
with ``termination_reason = transfer``); the transfer record is kept apart from that decision
so that it can be registered (and its data handed over) before the decision is drafted.

References: 生活保護法19条 (実施機関は要保護者の居住地等により定まる; UNVERIFIED in the
requirement catalogue); requirement REQ-APP-032.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from seikatsu_std.model.base import Record, record_type_field
from seikatsu_std.model.common import RecordId
from seikatsu_std.model.identifiers import LocalGovernmentCode


class Transfer(Record):
    """移管: ケースを他の実施機関（転居先の福祉事務所等）に引き継ぐことの登録。"""

    model_config = ConfigDict(title="移管")

    record_type: Literal["transfer"] = record_type_field("transfer")
    id: RecordId = Field(title="移管ID", description="移管の登録の識別子。")
    case_id: RecordId = Field(title="ケースID", description="移管するケース。")
    office_id: RecordId = Field(
        title="移管元福祉事務所ID", description="ケースを実施していた（移管する）福祉事務所。"
    )
    transferred_on: date = Field(
        title="移管日",
        description="移管先の実施機関がケースを引き継ぐ日（転居の日等）。保護の開始日より前にはできない。",
    )
    destination_code: LocalGovernmentCode = Field(
        title="移管先の全国地方公共団体コード",
        description="移管先の実施機関の区域の地方公共団体の全国地方公共団体コード（6桁、検査数字つき）。",
    )
    handover_notes: str = Field(
        title="引継ぎ事項",
        description="移管先に引き継ぐ事項（通院・就労・債権・援助の状況等）。",
        min_length=1,
        max_length=4000,
    )
    replaces_id: RecordId | None = Field(
        default=None,
        title="置き換えた移管ID",
        description="この登録が改めた、同じケースの前の移管の登録（初めての登録なら省略）。",
    )
    registered_by: RecordId = Field(title="登録者ID", description="移管を登録した職員。")
    registered_at: AwareDatetime = Field(
        title="登録日時", description="移管を登録した日時（タイムゾーン付き ISO 8601）。"
    )

    @model_validator(mode="after")
    def _not_itself(self) -> Self:
        if self.replaces_id is not None and self.replaces_id == self.id:
            raise ValueError("移管の登録は自分自身を置き換えられません (replaces_id equals id)")
        return self
