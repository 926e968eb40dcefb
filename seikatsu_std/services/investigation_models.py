"""Requests and replies of the investigations after an application (REQ-APP-014..019).

The records themselves are in :mod:`seikatsu_std.model.investigation`; these
models are what the standard API exchanges about them: the drafts, the steps
of a support inquiry (each names the version it read), the inquiry letters and
the dated list of the reasons a support inquiry may be skipped.
"""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field

from seikatsu_std.model.base import StdModel
from seikatsu_std.model.common import RecordId, Yen
from seikatsu_std.model.investigation import (
    ApplicantWish,
    AssetInquiry,
    InquiryTarget,
    OtherMeasureCheck,
    OtherMeasureChecklist,
    SupportAnswer,
    SupportObligorRecord,
    WorkCapacityAssessment,
)

_TEXT = 2000


class VersionedRequest(StdModel):
    """A request that changes a stored record names the version it read."""

    version: int = Field(title="版", description="読み込んだ記録の版。", ge=1)


# ---------------------------------------------------------------- support obligors


class SupportObligorDraft(StdModel):
    """扶養義務者の登録の内容。"""

    model_config = ConfigDict(title="扶養義務者の登録")

    name: str = Field(title="氏名", description="扶養義務者の氏名。", min_length=1, max_length=100)
    relationship: str = Field(
        title="申請者との続柄",
        description="申請者から見た続柄（例: 姉、長男）。",
        min_length=1,
        max_length=40,
    )
    address: str | None = Field(
        default=None,
        title="住所",
        description="扶養義務者の住所（判明している場合）。",
        min_length=1,
        max_length=200,
    )
    support_prospect: str | None = Field(
        default=None,
        title="扶養の可能性の見込み",
        description="把握した事情から見込まれる扶養の可能性。",
        min_length=1,
        max_length=_TEXT,
    )


class SupportObligorView(StdModel):
    """扶養義務者の記録とその版。"""

    model_config = ConfigDict(title="扶養義務者の記録と版")

    obligor: SupportObligorRecord = Field(title="扶養義務者", description="扶養義務者の記録。")
    version: int = Field(title="版", description="記録の版（次の変更で指定する）。", ge=1)


class ApplicantViewRequest(VersionedRequest):
    """扶養照会について申請者から聴き取った意向の記録の要求。"""

    model_config = ConfigDict(title="申請者の意向の記録")

    wish: ApplicantWish = Field(
        title="照会についての意向", description="照会してよいか、望まないか。"
    )
    statement: str = Field(
        title="申請者の意向",
        description="申請者が述べた意向と、扶養義務者との関係・照会を望まない事情。",
        min_length=1,
        max_length=_TEXT,
    )


class SupportInquiryDocumentRequest(VersionedRequest):
    """扶養照会の文書の作成の要求。申請者が照会を望まない場合は判断理由と判断者が必要。"""

    model_config = ConfigDict(title="扶養照会の文書の作成")

    override_reason: str | None = Field(
        default=None,
        title="判断理由",
        description="照会を望まない申請者についてなお照会する理由。",
        min_length=1,
        max_length=_TEXT,
    )
    override_decided_by: RecordId | None = Field(
        default=None, title="判断者", description="照会すると判断した職員のID。"
    )


class InquiryLetter(StdModel):
    """照会文書（資産の照会・扶養照会）の記載事項。"""

    model_config = ConfigDict(title="照会文書")

    title: str = Field(title="表題", description="文書の表題。")
    addressee: str = Field(title="宛先", description="照会先（扶養義務者・金融機関等）。")
    address: str | None = Field(default=None, title="宛先の住所", description="宛先の住所。")
    issued_on: date = Field(title="作成日", description="文書を作成した日。")
    office_name: str = Field(title="発信者", description="照会する福祉事務所。")
    subject: str = Field(title="照会の対象者", description="照会の対象となる要保護者。")
    legal_basis: str = Field(title="根拠", description="照会の根拠となる法令の条項。")
    items: list[str] = Field(title="照会事項", description="回答を求める事項。", min_length=1)
    body: str = Field(title="本文", description="文書の本文。")


class SupportInquiryDocument(StdModel):
    """作成した扶養照会の文書と、作成を記録した扶養義務者の記録。"""

    model_config = ConfigDict(title="扶養照会の文書")

    obligor: SupportObligorRecord = Field(title="扶養義務者", description="扶養義務者の記録。")
    version: int = Field(title="版", description="記録の版。", ge=1)
    letter: InquiryLetter = Field(title="照会文書", description="扶養照会の文書。")


class SupportInquirySending(VersionedRequest):
    """扶養照会の文書の送付の記録。"""

    model_config = ConfigDict(title="扶養照会の送付")

    sent_on: date = Field(title="送付日", description="照会文書を送付した日。")


class SupportAnswerRequest(VersionedRequest):
    """扶養照会の回答の記録の要求。"""

    model_config = ConfigDict(title="扶養照会の回答の記録")

    answer: SupportAnswer = Field(title="扶養照会の回答", description="扶養義務者からの回答。")


class SupportInquirySkipRequest(VersionedRequest):
    """扶養照会の省略の要求。理由は省略理由の一覧から選ぶ（選ばなければ 422）。"""

    model_config = ConfigDict(title="扶養照会の省略")

    reason_code: str | None = Field(
        default=None,
        title="省略理由",
        description="省略理由の一覧の区分のコード（必須。一覧にない値は 422）。",
        max_length=64,
    )
    detail: str | None = Field(
        default=None,
        title="省略理由の具体的な事情",
        description="省略の理由を裏づける具体的な事情。",
        min_length=1,
        max_length=_TEXT,
    )


class SkipReason(StdModel):
    """扶養照会の省略理由の一覧の区分1つ。"""

    model_config = ConfigDict(title="省略理由の区分")

    code: str = Field(title="省略理由のコード", description="区分のコード。")
    label: str = Field(title="省略理由", description="区分の名称。")


class SkipReasonList(StdModel):
    """ある日に適用される扶養照会の省略理由の一覧（版と適用開始日つき）。"""

    model_config = ConfigDict(title="扶養照会の省略理由の一覧")

    edition: str = Field(title="版", description="一覧の版（基準表の版ID）。")
    valid_from: date = Field(title="適用開始日", description="この版を適用する最初の日。")
    status: str = Field(title="確認状況", description="版の根拠の確認状況。")
    items: list[SkipReason] = Field(title="省略理由", description="選べる省略理由。")


# ---------------------------------------------------------------- asset inquiries (法29条)


class AssetInquiryDraft(StdModel):
    """資産の照会（法29条調査）の登録の内容。"""

    model_config = ConfigDict(title="資産の照会の登録")

    member_id: RecordId = Field(
        title="対象世帯員ID", description="調査の対象となる世帯員（申請の世帯の世帯員）。"
    )
    target: InquiryTarget | None = Field(
        default=None, title="照会先の種類", description="照会先の種類（分類した場合）。"
    )
    institution_name: str = Field(
        title="照会先", description="照会先の名称（例: ○○銀行 中野支店）。", min_length=1
    )
    sent_on: date = Field(title="照会日", description="照会書を発送した日。")
    matters: str = Field(
        title="照会事項", description="回答を求める事項。", min_length=1, max_length=_TEXT
    )


class AssetInquiryView(StdModel):
    """資産の照会とその版。"""

    model_config = ConfigDict(title="資産の照会と版")

    inquiry: AssetInquiry = Field(title="資産の照会", description="資産の照会の記録。")
    version: int = Field(title="版", description="記録の版（次の変更で指定する）。", ge=1)


class AssetInquiryAnswer(VersionedRequest):
    """資産の照会の回答の記録の要求。"""

    model_config = ConfigDict(title="資産の照会の回答の記録")

    answered_on: date = Field(title="回答日", description="回答を受け取った日。")
    result_note: str = Field(
        title="回答内容", description="回答の要点。", min_length=1, max_length=_TEXT
    )
    balance_found: Yen | None = Field(
        default=None,
        title="判明した残高・金額",
        description="回答で判明した預貯金残高・保険解約返戻金等の金額。",
    )


class UnansweredAssetInquiries(StdModel):
    """照会日から指定日数を超えて回答のない資産の照会の一覧（照会日の古い順）。"""

    model_config = ConfigDict(title="回答のない資産の照会の一覧")

    office_id: RecordId = Field(title="福祉事務所ID", description="一覧の福祉事務所。")
    as_of: date = Field(title="基準日", description="経過日数を数える日。")
    days: int = Field(
        title="指定日数", description="照会日からこの日数を超えて回答がないもの。", ge=0
    )
    edition: str | None = Field(
        default=None,
        title="版",
        description="指定日数を定めた基準表の版（日数を指定した要求では null）。",
    )
    items: list[AssetInquiry] = Field(title="資産の照会", description="回答のない照会。")


# ---------------------------------------------------------------- ability to work, other measures


class WorkCapacityDraft(StdModel):
    """世帯員1人の稼働能力の調査の記録の内容。"""

    model_config = ConfigDict(title="稼働能力の調査の記録")

    member_id: RecordId = Field(
        title="世帯員ID", description="調査の対象の世帯員（申請の世帯の世帯員）。"
    )
    has_capacity: bool = Field(title="稼働能力", description="稼働能力があるか。")
    capacity_basis: str = Field(
        title="稼働能力の判断根拠",
        description="稼働能力の判断の根拠（医師の意見・年齢・健康状態等）。",
        min_length=1,
        max_length=_TEXT,
    )
    willing: bool | None = Field(
        default=None, title="活用する意思", description="稼働能力を活用する意思があるか。"
    )
    willing_basis: str | None = Field(
        default=None,
        title="活用する意思の判断根拠",
        description="活用する意思の判断の根拠（求職活動の状況等）。",
        min_length=1,
        max_length=_TEXT,
    )
    has_workplace: bool | None = Field(
        default=None, title="就労の場", description="就労の場を得られるか。"
    )
    workplace_basis: str | None = Field(
        default=None,
        title="就労の場の判断根拠",
        description="就労の場の判断の根拠（求人の状況等）。",
        min_length=1,
        max_length=_TEXT,
    )


class WorkCapacityView(StdModel):
    """稼働能力の調査の記録とその版。"""

    model_config = ConfigDict(title="稼働能力の調査と版")

    assessment: WorkCapacityAssessment = Field(
        title="稼働能力の調査", description="稼働能力の調査の記録。"
    )
    version: int = Field(title="版", description="記録の版。", ge=1)


class OtherMeasureChecksRequest(StdModel):
    """他法他施策のチェックリストへの確認結果の登録（同じ世帯員・施策の項目は置き換える）。"""

    model_config = ConfigDict(title="他法他施策の確認結果の登録")

    version: int | None = Field(
        default=None,
        title="版",
        description="読み込んだチェックリストの版（チェックリストがまだなければ省略）。",
        ge=1,
    )
    items: list[OtherMeasureCheck] = Field(
        title="確認結果", description="世帯員と施策ごとの確認結果。", min_length=1
    )


class OtherMeasureChecklistView(StdModel):
    """他法他施策のチェックリストとその版。"""

    model_config = ConfigDict(title="他法他施策のチェックリストと版")

    checklist: OtherMeasureChecklist = Field(
        title="他法他施策のチェックリスト", description="チェックリスト。"
    )
    version: int = Field(title="版", description="チェックリストの版。", ge=1)


class InvestigationSummary(StdModel):
    """申請後の調査の記録の一覧（扶養義務者・資産の照会・稼働能力・他法他施策）。"""

    model_config = ConfigDict(title="申請後の調査の一覧")

    application_id: RecordId = Field(title="申請ID", description="調査をした申請。")
    obligors: list[SupportObligorView] = Field(
        title="扶養義務者", description="扶養義務者と扶養照会の経過。"
    )
    asset_inquiries: list[AssetInquiryView] = Field(
        title="資産の照会", description="資産の照会（法29条調査）。"
    )
    work_capacity: list[WorkCapacityAssessment] = Field(
        title="稼働能力の調査", description="世帯員ごとの稼働能力の調査。"
    )
    other_measures: OtherMeasureChecklistView | None = Field(
        default=None,
        title="他法他施策のチェックリスト",
        description="他法他施策のチェックリスト（まだなければ null）。",
    )
