"""Requests and views of the documents recipients submit online (REQ-APP-031)."""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, ConfigDict, Field

from seikatsu_std.model.base import StdModel
from seikatsu_std.model.common import RecordId
from seikatsu_std.model.legal import LegalRef
from seikatsu_std.model.submission import (
    MEDIA_TYPE_PATTERN,
    SubmittedDocument,
    SubmittedDocumentKind,
)

#: Base64 text (RFC 4648 §4, padded, no line breaks).
BASE64_PATTERN = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"


class OnlineSubmission(StdModel):
    """被保護者がオンラインの窓口から提出した書類の受信。受付システムの職員アカウントが、
    受信した内容をそのまま送る。ファイルの内容は Base64 で送り、実装が大きさと SHA-256 を求める。"""

    model_config = ConfigDict(title="オンラインで提出された書類の受信")

    submitted_by: RecordId = Field(
        title="提出者", description="書類を提出した被保護者（ケースの世帯の世帯員ID）。"
    )
    kind: SubmittedDocumentKind = Field(
        title="種類", description="収入申告書・給与明細・資産申告書等の別。"
    )
    file_name: str = Field(
        title="ファイル名", description="提出されたファイルの名前。", min_length=1, max_length=255
    )
    media_type: str = Field(
        title="ファイルの種類",
        description="メディアタイプ（application/pdf、image/jpeg 等）。",
        pattern=MEDIA_TYPE_PATTERN,
    )
    content: str = Field(
        title="ファイルの内容",
        description="ファイルの内容（Base64、RFC 4648。改行なし）。空のファイルは受け付けない。",
        pattern=BASE64_PATTERN,
        json_schema_extra={"contentEncoding": "base64"},
    )
    submitted_at: AwareDatetime = Field(
        title="提出日時",
        description="オンラインの窓口が書類を受信した日時（タイムゾーン付き。現在より後は不可）。",
    )


class SubmittedDocumentView(StdModel):
    """電子的に提出された書類の記録と、その効力の根拠。"""

    model_config = ConfigDict(title="電子的に提出された書類の状況")

    submission: SubmittedDocument = Field(
        title="提出された書類", description="提出された書類の記録。"
    )
    version: int = Field(title="版", description="記録の版（確認の記録時に指定する）。", ge=1)
    submitter_name: str = Field(
        title="提出者の氏名", description="提出した世帯員の氏名（世帯の記録から）。"
    )
    caseworker_id: RecordId = Field(
        title="担当現業員ID", description="ケースの担当現業員（この書類を確認する職員）。"
    )
    effect_basis: list[LegalRef] = Field(
        title="効力の根拠",
        description="書類が紙で提出されたものと同じ効力を持つ根拠と、提出の根拠（確認状況つき）。",
    )


class PendingSubmissions(StdModel):
    """ログインした職員が担当するケースの、確認待ちの提出書類の一覧（提出日時の古い順）。"""

    model_config = ConfigDict(title="確認待ちの提出書類の一覧")

    staff_id: RecordId = Field(
        title="職員ID", description="一覧を求めた職員（担当現業員または担当の査察指導員）。"
    )
    as_of: date = Field(title="基準日", description="一覧を作った日。")
    items: list[SubmittedDocumentView] = Field(
        title="確認待ちの書類", description="確認待ちの書類（提出日時の古い順）。"
    )
