"""Documents a recipient submits online (電子的に提出された書類): pay slips, income declarations …

A recipient reports changes in income and in the household's circumstances
(生活保護法61条: 収入・支出その他生計の状況の変動の届出); the office asks for pay slips
and income declarations (収入申告書) to recognise income. When the recipient
sends them through the office's online channel, the submission is recorded
on the case with when it was received, who submitted it and the file (its
name, type, size and SHA-256 digest; the content itself is kept by the
system, apart from the record), and waits on the caseworker's list until a
caseworker or supervisor has looked at it.

A document submitted this way counts as if it had been handed in on paper
(情報通信技術を活用した行政の推進等に関する法律: a procedure the law requires in
writing may be done online and is then treated as done in writing; the article
number is UNVERIFIED, see :data:`ONLINE_EQUIVALENCE`). The day it counts for is
the day in Japan it was received, whatever the hour (the same rule as an
electronic application).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, record_type_field
from seikatsu_std.model.common import RecordId
from seikatsu_std.model.legal import LegalRef, Verification

#: Why an online submission has the effect of a paper one (the brief asked for 第6条; the
#: article is not in FACTS.md or GUIDE.md, so it stays UNVERIFIED until checked).
ONLINE_EQUIVALENCE = LegalRef(
    law="情報通信技術を活用した行政の推進等に関する法律",
    article="第6条",
    summary="法令で書面によることとされている申請・届出等は、電子情報処理組織を使って行うことができ、"
    "その場合は書面で行われたものとみなされる",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合。FACTS.md・GUIDE.md に掲載なし）",
)
#: The recipient's duty to report changes in income (why these documents are submitted).
INCOME_NOTIFICATION = LegalRef(
    law="生活保護法",
    article="第61条",
    summary="被保護者は、収入・支出その他生計の状況に変動があったときは、速やかに届け出なければならない",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）",
)
#: Media types are written as ``type/subtype`` (RFC 6838), without parameters.
MEDIA_TYPE_PATTERN = r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$"
#: A SHA-256 digest in lowercase hexadecimal.
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class SubmittedDocumentKind(LabelledEnum):
    """被保護者がオンラインで提出する書類の種類。"""

    __title__ = "提出書類の種類"

    INCOME_DECLARATION = "income_declaration", "収入申告書"
    PAY_SLIP = "pay_slip", "給与明細"
    ASSET_DECLARATION = "asset_declaration", "資産申告書"
    BENEFIT_NOTICE = "benefit_notice", "年金・手当の通知"
    OTHER = "other", "その他"


class DocumentEffect(LabelledEnum):
    """電子的に提出された書類の効力。書面で提出されたものとみなされる
    （情報通信技術を活用した行政の推進等に関する法律。条番号は未確認）。"""

    __title__ = "書類の効力"

    SAME_AS_PAPER = "same_as_paper", "紙の提出と同じ"


class SubmissionReview(LabelledEnum):
    """提出された書類の確認の状況。"""

    __title__ = "確認の状況"

    PENDING = "pending", "確認待ち"
    CONFIRMED = "confirmed", "確認済"


class SubmittedDocument(Record):
    """被保護者がオンラインで提出した書類1件（給与明細・収入申告書等）と、その確認。

    References: 生活保護法61条（届出の義務）; 情報通信技術を活用した行政の推進等に関する法律
    （書面によることとされている届出等の電子化。条番号は未確認）.
    """

    model_config = ConfigDict(title="電子的に提出された書類")

    record_type: Literal["submitted_document"] = record_type_field("submitted_document")
    id: RecordId = Field(title="提出ID", description="提出された書類の識別子。")
    case_id: RecordId = Field(title="ケースID", description="書類が提出されたケース。")
    office_id: RecordId = Field(title="福祉事務所ID", description="ケースの福祉事務所。")
    submitted_by: RecordId = Field(
        title="提出者",
        description="書類を提出した被保護者（ケースの世帯の世帯員ID）。",
    )
    kind: SubmittedDocumentKind = Field(
        title="種類", description="収入申告書・給与明細・資産申告書等の別。"
    )
    file_name: str = Field(
        title="ファイル名",
        description="提出されたファイルの名前（提出者が付けたもの）。",
        min_length=1,
        max_length=255,
    )
    media_type: str = Field(
        title="ファイルの種類",
        description="メディアタイプ（application/pdf、image/jpeg 等）。",
        pattern=MEDIA_TYPE_PATTERN,
    )
    size: int = Field(title="ファイルの大きさ", description="ファイルの大きさ（バイト）。", ge=1)
    sha256: str = Field(
        title="ファイルのハッシュ値",
        description="ファイルの内容の SHA-256（16進数小文字）。保管している内容が提出されたものと"
        "同じであることを確かめるために記録する。",
        pattern=SHA256_PATTERN,
    )
    submitted_at: AwareDatetime = Field(
        title="提出日時",
        description="書類を受信した日時（タイムゾーン付き）。",
    )
    submitted_on: date = Field(
        title="提出日",
        description="書類が提出されたものとして扱う日: 受信した日時の日本時間の日付（時刻によらない）。",
    )
    effect: DocumentEffect = Field(
        title="書類の効力",
        description="電子的に提出された書類は書面で提出されたものとみなされる"
        "（情報通信技術を活用した行政の推進等に関する法律。条番号は未確認）。",
    )
    recorded_by: RecordId = Field(
        title="受信を記録した職員ID",
        description="オンラインの窓口から受信した書類をケースに記録した職員（受付システムの職員アカウント）。",
    )
    review: SubmissionReview = Field(title="確認の状況", description="確認待ち・確認済の別。")
    reviewed_by: RecordId | None = Field(
        default=None,
        title="確認した職員ID",
        description="書類を確認した現業員・査察指導員（確認するまでは省略）。",
    )
    reviewed_at: AwareDatetime | None = Field(
        default=None, title="確認日時", description="書類を確認した日時（確認するまでは省略）。"
    )

    @model_validator(mode="after")
    def _review_complete(self) -> Self:
        confirmed = self.review is SubmissionReview.CONFIRMED
        if confirmed != (self.reviewed_by is not None) or confirmed != (
            self.reviewed_at is not None
        ):
            raise ValueError(
                "確認済の書類には確認した職員と確認日時を記録し、確認待ちの書類には記録しません "
                "(reviewed_by and reviewed_at iff confirmed)"
            )
        if self.reviewed_at is not None and self.reviewed_at < self.submitted_at:
            raise ValueError("確認日時が提出日時より前です (reviewed before it was submitted)")
        return self
