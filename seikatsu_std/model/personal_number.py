"""個人番号 (My Number) kept apart from case data.

My Number is 特定個人情報: it is held in its own record, linked to a person
only by the household member's id, never embedded in case or household
records, shown masked, and every access is logged with its purpose by the
application (issue: reference app audit).

References: 行政手続における特定の個人を識別するための番号の利用等に関する法律
(番号法) 9条・19条 (利用・提供の制限; 条番号は UNVERIFIED).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import ConfigDict, Field

from seikatsu_std.model.base import LabelledEnum, Record, record_type_field
from seikatsu_std.model.common import RecordId
from seikatsu_std.model.identifiers import MyNumber


class IdentityDocument(LabelledEnum):
    """個人番号の取得時に本人確認に用いた書類。"""

    __title__ = "本人確認書類"

    MY_NUMBER_CARD = "my_number_card", "マイナンバーカード"
    NOTIFICATION_WITH_ID = "notification_with_id", "通知カード等＋身元確認書類"
    RESIDENT_RECORD = "resident_record", "個人番号付き住民票の写し＋身元確認書類"
    INFORMATION_NETWORK = (
        "information_network",
        "情報提供ネットワークシステム・住民基本台帳での確認",
    )


class PersonalNumberRecord(Record):
    """個人番号の保管レコード（ケース情報とは別に保管する）。"""

    model_config = ConfigDict(title="個人番号")

    record_type: Literal["personal_number"] = record_type_field("personal_number")
    id: RecordId = Field(title="個人番号レコードID", description="このレコードの識別子。")
    member_id: RecordId = Field(
        title="世帯員ID", description="個人番号の持ち主である世帯員の識別子。"
    )
    my_number: MyNumber = Field(
        title="個人番号",
        description="12桁の個人番号（検査数字付き）。表示・ログでは常に伏せ字。",
    )
    obtained_on: date = Field(title="取得日", description="個人番号を取得した日。")
    identity_document: IdentityDocument = Field(
        title="本人確認書類", description="取得時の本人確認の方法。"
    )
    obtained_by: RecordId = Field(title="取得職員ID", description="個人番号を取得した職員。")
