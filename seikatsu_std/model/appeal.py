"""Requests for review (審査請求) of a decision, and their ruling.

References: 生活保護法64条 (審査請求は都道府県知事に), 65条 (裁決の期間: 50日、
行政不服審査会等への諮問をする場合は70日。期間内に裁決がないときは棄却されたものと
みなすことができる), 66条 (再審査請求は厚生労働大臣に); 行政不服審査法45条・46条
(裁決の種類: 却下・棄却・認容).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, record_type_field
from seikatsu_std.model.common import RecordId


class ReviewRuling(LabelledEnum):
    """審査請求に対する裁決の内容（行政不服審査法45条・46条）。"""

    __title__ = "裁決内容"

    GRANTED = "granted", "認容"
    DISMISSED = "dismissed", "棄却"
    REJECTED = "rejected", "却下"


class ReviewRequest(Record):
    """保護の決定に対する審査請求1件と、その進行（裁決の期限・裁決・再審査請求）。"""

    model_config = ConfigDict(title="審査請求")

    record_type: Literal["review_request"] = record_type_field("review_request")
    id: RecordId = Field(title="審査請求ID", description="審査請求の識別子。")
    case_id: RecordId = Field(title="ケースID", description="審査請求の対象の決定のケース。")
    decision_id: RecordId = Field(
        title="対象の決定ID", description="審査請求の対象となった保護の決定。"
    )
    office_id: RecordId = Field(
        title="福祉事務所ID", description="処分をした福祉事務所（審査請求の一覧の単位）。"
    )
    requested_on: date = Field(
        title="請求日", description="審査請求がされた日（審査庁が審査請求書を受け付けた日）。"
    )
    reviewing_authority: str = Field(
        title="審査庁",
        description="審査請求を受けた行政庁（都道府県知事。生活保護法64条）。例: 東京都知事。",
        min_length=1,
        max_length=100,
    )
    consults_board: bool = Field(
        title="行政不服審査会等への諮問",
        description="審査庁が行政不服審査会等に諮問するか（する場合、裁決の期間は70日。生活保護法65条1項）。",
    )
    ruling_due_on: date = Field(
        title="裁決の期限",
        description="請求日から基準表 review_ruling_deadline の日数を経た日（初日不算入）。"
        "この日までに裁決がなければ、請求人は棄却されたものとみなすことができる（生活保護法65条2項）。",
    )
    ruled_on: date | None = Field(
        default=None, title="裁決日", description="裁決があった日（裁決前は省略）。"
    )
    ruling: ReviewRuling | None = Field(
        default=None, title="裁決内容", description="認容・棄却・却下の別（裁決前は省略）。"
    )
    further_review: bool | None = Field(
        default=None,
        title="再審査請求",
        description="裁決に対して厚生労働大臣への再審査請求がされたか（生活保護法66条。裁決前は省略）。",
    )
    recorded_by: RecordId = Field(title="記録者ID", description="審査請求を記録した職員。")

    @model_validator(mode="after")
    def _ruling_complete(self) -> Self:
        if (self.ruled_on is None) != (self.ruling is None):
            raise ValueError(
                "裁決日と裁決内容は両方とも記録します (ruled_on and ruling go together)"
            )
        if self.ruled_on is not None and self.ruled_on < self.requested_on:
            raise ValueError("裁決日が請求日より前です (ruling dated before the request)")
        if self.further_review is not None and self.ruling is None:
            raise ValueError(
                "再審査請求は裁決の後にだけ記録できます (further review before the ruling)"
            )
        if self.ruling_due_on <= self.requested_on:
            raise ValueError(
                "裁決の期限が請求日の後ではありません (ruling due date not after the request)"
            )
        return self
