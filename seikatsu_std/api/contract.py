"""The operations of the standard HTTP API and the OpenAPI document built from them.

Each :class:`Operation` names its method, path, parameters, request body,
responses (every status code it can return) and a Japanese summary. The
OpenAPI 3.1 document is generated from this list and the pydantic models, so
the contract, the schemas and the reference app share one definition.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, Literal

import attrs
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter
from pydantic.json_schema import models_json_schema

from seikatsu_std import STANDARD_VERSION, __version__
from seikatsu_std.api.problems import PROBLEM_MEDIA_TYPE, Problem
from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.calc.results import CalculationResult
from seikatsu_std.model import Case, CaseStatus, Decision, StaffMember
from seikatsu_std.model.base import StdModel
from seikatsu_std.model.care import CareTicket
from seikatsu_std.model.decision import DecisionKind
from seikatsu_std.model.identifiers import MyNumber
from seikatsu_std.model.investigation import SupportInquiry
from seikatsu_std.model.medical import MedicalTicket
from seikatsu_std.model.payments import Payment
from seikatsu_std.notices import DecisionNotice
from seikatsu_std.services.administration import OfficeSettingsChange, OfficeSettingsView, RoleGrant
from seikatsu_std.services.audit import AccessPurpose, AuditAction, ChainReport
from seikatsu_std.services.claim_models import ClaimDecisionDraft, ClaimDecisionView
from seikatsu_std.services.determination_records import NeedDetermination, NeedDeterminationRequest
from seikatsu_std.services.investigation_models import (
    ApplicantViewRequest,
    AssetInquiryAnswer,
    AssetInquiryDraft,
    AssetInquiryView,
    InquiryLetter,
    InvestigationSummary,
    OtherMeasureChecklistView,
    OtherMeasureChecksRequest,
    SkipReasonList,
    SupportAnswerRequest,
    SupportInquiryDocument,
    SupportInquiryDocumentRequest,
    SupportInquirySending,
    SupportInquirySkipRequest,
    SupportObligorDraft,
    SupportObligorView,
    UnansweredAssetInquiries,
    WorkCapacityDraft,
    WorkCapacityView,
)
from seikatsu_std.services.models import (
    ApplicationDraft,
    ApplicationView,
    AuditPage,
    CaseChanges,
    CaseDetail,
    CaseEvent,
    Caseload,
    CasePage,
    ConsultationClosing,
    ConsultationDraft,
    ConsultationView,
    DecisionDeadlineRule,
    DecisionDraft,
    DecisionView,
    ElectronicApplication,
    ExOfficioDraft,
    ExOfficioRegistration,
    ExtensionRequest,
    PendingApplications,
    ReviewQueue,
    ReviewRequestDraft,
    ReviewRequests,
    ReviewRequestView,
    RulingRecord,
    StaffAlerts,
    SupportInquiryDraft,
    VersionOnly,
    WishAmendment,
    WishChangeRecord,
    WithdrawalRequest,
)
from seikatsu_std.services.submission_models import (
    OnlineSubmission,
    PendingSubmissions,
    SubmittedDocumentView,
)
from seikatsu_std.services.ticket_models import (
    AdHocPaymentRequest,
    CareTicketRequest,
    MedicalTicketRequest,
    TicketsPastEnding,
    TicketValidityChangeRequest,
)
from seikatsu_std.services.transfer_models import HandoverExport, TransferDraft, TransferView

API_PREFIX = "/api/v1"


class LoginRequest(StdModel):
    """ログインの要求。"""

    model_config = ConfigDict(title="ログイン")

    login_id: str = Field(
        title="ログインID", description="職員のログインID。", min_length=1, max_length=64
    )
    password: str = Field(
        title="パスワード", description="パスワード。", min_length=1, max_length=256
    )


class SessionCreated(StdModel):
    """ログインの結果: 以後の要求の Authorization: Bearer に使うトークン。"""

    model_config = ConfigDict(title="セッション")

    token: str = Field(title="トークン", description="Authorization: Bearer に付けるトークン。")
    expires_at: AwareDatetime = Field(title="有効期限", description="トークンの有効期限。")
    staff: StaffMember = Field(title="職員", description="ログインした職員。")


class CaseUpdated(StdModel):
    """更新後のケースと新しい版。"""

    model_config = ConfigDict(title="更新後のケース")

    case: Case = Field(title="ケース", description="更新後のケースの記録。")
    version: int = Field(title="版", description="更新後の版。", ge=1)


class PersonalNumberView(StdModel):
    """個人番号の閲覧の結果（表示を求めない限り伏せ字）。"""

    model_config = ConfigDict(title="個人番号の閲覧")

    member_id: str = Field(title="世帯員ID", description="世帯員。")
    my_number: str | None = Field(
        title="個人番号",
        description="12桁の個人番号、伏せ字（************）、または未取得なら null。",
        pattern=r"^([0-9]{12}|\*{12})$",
    )
    revealed: bool = Field(title="表示", description="番号を伏せ字にせず表示したか。")

    @classmethod
    def of(cls, member_id: str, number: MyNumber | None, revealed: bool) -> PersonalNumberView:
        """The view of what :meth:`CaseService.personal_number` returned."""
        shown = None if number is None else (number.reveal() if revealed else str(number))
        return cls(member_id=member_id, my_number=shown, revealed=revealed and number is not None)


class AuditVerification(StdModel):
    """監査ログのハッシュチェーンの検証結果。"""

    model_config = ConfigDict(title="監査ログの検証")

    ok: bool = Field(title="正常", description="改ざんが見つからなかったか。")
    checked: int = Field(title="検証件数", description="検証した記録の件数。", ge=0)
    first_broken: int | None = Field(
        default=None, title="最初の異常", description="最初に連鎖が切れた記録の連番。"
    )
    reason_ja: str = Field(title="結果", description="検証結果の説明（日本語）。")
    reason_en: str = Field(title="結果（英語）", description="検証結果の説明（英語）。")

    @classmethod
    def of(cls, report: ChainReport) -> AuditVerification:
        """The view of a chain verification."""
        return cls(
            ok=report.ok,
            checked=report.checked,
            first_broken=report.first_broken,
            reason_ja=report.reason_ja,
            reason_en=report.reason_en,
        )


class Health(StdModel):
    """稼働状況。"""

    model_config = ConfigDict(title="稼働状況")

    status: Literal["ok"] = Field(title="状態", description="稼働していれば ok。")
    standard_version: str = Field(title="標準仕様の版", description="実装している標準仕様の版。")
    implementation: str = Field(title="実装", description="実装の名前と版。")


@attrs.frozen
class Parameter:
    """A path or query parameter."""

    name: str
    location: Literal["path", "query"]
    description: str
    annotation: Any
    required: bool = True
    default: Any = None


@attrs.frozen
class Operation:
    """One operation of the standard API."""

    operation_id: str
    method: Literal["get", "post", "patch", "delete"]
    path: str
    summary: str
    description: str
    tag: str
    responses: dict[int, type[BaseModel] | Any | None]
    parameters: tuple[Parameter, ...] = ()
    body: type[BaseModel] | None = None
    auth: bool = True
    success: int = 200


_PURPOSE = Parameter("purpose", "query", "利用目的（監査ログに記録する）。", AccessPurpose)
_CASE_ID = Parameter("case_id", "path", "ケースID。", str)
_OFFICE_ID = Parameter("office_id", "path", "福祉事務所ID。", str)
_CONSULTATION_ID = Parameter("consultation_id", "path", "相談ID。", str)
_APPLICATION_ID = Parameter("application_id", "path", "申請ID。", str)
_DECISION_ID = Parameter("decision_id", "path", "決定ID。", str)
_REVIEW_REQUEST_ID = Parameter("review_request_id", "path", "審査請求ID。", str)
_CLAIM_DECISION_ID = Parameter("claim_decision_id", "path", "返還金・徴収金の決定ID。", str)
_TRANSFER_ID = Parameter("transfer_id", "path", "移管ID。", str)
_AS_OF = Parameter(
    "as_of", "query", "残日数と状況を求める基準日（省略時は今日）。", date, required=False
)
_OBLIGOR_ID = Parameter("obligor_id", "path", "扶養義務者ID。", str)
_INQUIRY_ID = Parameter("inquiry_id", "path", "資産の照会ID。", str)
_SUBMISSION_ID = Parameter("submission_id", "path", "提出ID。", str)
_TICKET_ID = Parameter("ticket_id", "path", "券ID。", str)
#: What shortening a ticket does and refuses (medical and care tickets alike).
_SHORTEN = (
    "保護の停止・廃止の決定の適用日をまたぐ券の有効期間の終了日を、適用日の前日以前に短縮し、"
    "券を使う機関への連絡を記録する。確定した停止・廃止の適用日をまたいでいない券、開始日より前・"
    "現在の終了日より後・適用日以後の終了日、今日より後の連絡日は 422。読み込んだ後に更新されていれば 409。"
    "医療扶助・介護扶助の事務の権限が必要。"
)
_AUTH_ERRORS = {401: Problem, 403: Problem}
#: What a change of a lifecycle record can answer besides its success (the body may be
#: unreadable, the record missing, stale or in the wrong state, or a rule broken).
_CHANGE_ERRORS = {400: Problem, **_AUTH_ERRORS, 404: Problem, 409: Problem, 422: Problem}
#: The days ahead of ``within_days`` (0 = only those due today or already overdue).
WithinDays = Annotated[int, Field(ge=0)]

_BASIS = (
    "決定はケースの決定で、決裁済み（決裁者・決裁日の記録があるもの）の開始・変更決定でなければならず、"
    "対象年月は決定の適用日以後、ケースは保護中でなければならない（反した規則をすべて示して 422 rule-violation。"
    "決裁されていない決定は規則 decision_approved）。"
)

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "getHealth",
        "get",
        "/health",
        "稼働状況",
        "実装が稼働していること、標準仕様の版を返す（認証不要）。",
        "system",
        {200: Health},
        auth=False,
    ),
    Operation(
        "createSession",
        "post",
        "/sessions",
        "ログイン",
        "ログインIDとパスワードでログインし、Bearer トークンを得る。失敗は監査ログに記録される。",
        "session",
        {201: SessionCreated, 400: Problem, 401: Problem, 422: Problem},
        body=LoginRequest,
        auth=False,
        success=201,
    ),
    Operation(
        "deleteSession",
        "delete",
        "/sessions/current",
        "ログアウト",
        "現在のトークンを無効にする。",
        "session",
        {204: None, 401: Problem},
        success=204,
    ),
    Operation(
        "getMe",
        "get",
        "/me",
        "ログイン中の職員",
        "ログインしている職員の記録を返す。",
        "session",
        {200: StaffMember, 401: Problem},
    ),
    Operation(
        "listCases",
        "get",
        "/offices/{office_id}/cases",
        "ケース一覧",
        "福祉事務所のケースをケース番号順に返す。自分の福祉事務所のケースだけ見られる。閲覧は利用目的とともに監査ログに記録される。",
        "cases",
        {200: CasePage, **_AUTH_ERRORS, 422: Problem},
        parameters=(
            _OFFICE_ID,
            _PURPOSE,
            Parameter("q", "query", "ケース番号・世帯主の氏名・カナの一部。", str, required=False),
            Parameter("status", "query", "ケースの状態。", CaseStatus, required=False),
            Parameter("caseworker_id", "query", "担当現業員ID。", str, required=False),
            Parameter(
                "limit", "query", "1ページの件数（1〜200）。", int, required=False, default=50
            ),
            Parameter(
                "after",
                "query",
                "このケース番号より後から返す（前のページの next_after）。",
                str,
                required=False,
            ),
        ),
    ),
    Operation(
        "getCase",
        "get",
        "/cases/{case_id}",
        "ケースの詳細",
        "ケース・世帯・適用中の決定と、その額の計算の説明（規則・表・根拠）を返す。閲覧は監査ログに記録される。",
        "cases",
        {200: CaseDetail, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_CASE_ID, _PURPOSE),
    ),
    Operation(
        "updateCase",
        "patch",
        "/cases/{case_id}",
        "ケースの担当・格付けの変更",
        "読み込んだときの版（version）を指定して更新する。その間に他の職員が更新していれば 409 になり、上書きしない。",
        "cases",
        {200: CaseUpdated, 400: Problem, **_AUTH_ERRORS, 404: Problem, 409: Problem, 422: Problem},
        parameters=(_CASE_ID,),
        body=CaseChanges,
    ),
    Operation(
        "getCaseHistory",
        "get",
        "/cases/{case_id}/history",
        "ケースの履歴",
        "ケースの出来事を古い順に返す。",
        "cases",
        {200: list[CaseEvent], **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_CASE_ID, _PURPOSE),
    ),
    Operation(
        "getPersonalNumber",
        "get",
        "/cases/{case_id}/members/{member_id}/personal-number",
        "個人番号の閲覧",
        "世帯員の個人番号を返す。reveal=true でなければ伏せ字。表示には個人番号を扱う権限が必要で、すべての閲覧が利用目的とともに記録される。",
        "personal-number",
        {200: PersonalNumberView, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(
            _CASE_ID,
            Parameter("member_id", "path", "世帯員ID。", str),
            _PURPOSE,
            Parameter(
                "reveal", "query", "伏せ字にせず表示するか。", bool, required=False, default=False
            ),
        ),
    ),
    Operation(
        "getCaseload",
        "get",
        "/offices/{office_id}/caseload",
        "担当世帯数と標準数",
        "現業員ごとの担当世帯数と、社会福祉法16条の標準数との比較を返す。",
        "oversight",
        {200: Caseload, **_AUTH_ERRORS, 404: Problem},
        parameters=(_OFFICE_ID,),
    ),
    Operation(
        "verifyAuditLog",
        "get",
        "/audit/verification",
        "監査ログの検証",
        "監査ログのハッシュチェーンを検証し、最初に切れた記録を返す（監査担当・課長）。",
        "audit",
        {200: AuditVerification, **_AUTH_ERRORS},
    ),
    Operation(
        "searchAuditLog",
        "get",
        "/audit/entries",
        "監査ログの検索",
        "監査ログを職員・ケース・操作の種類・利用目的・期間で検索し、新しい順に返す（監査担当・課長）。検索したこと自体も記録される。記録の変更・削除の操作はない。",
        "audit",
        {200: AuditPage, **_AUTH_ERRORS, 422: Problem},
        parameters=(
            Parameter("actor_id", "query", "操作した職員ID。", str, required=False),
            Parameter("case_id", "query", "対象のケースID。", str, required=False),
            Parameter("action", "query", "操作の種類。", AuditAction, required=False),
            Parameter("purpose", "query", "利用目的。", AccessPurpose, required=False),
            Parameter(
                "since",
                "query",
                "この日時以後（UTCオフセット付き）。",
                AwareDatetime,
                required=False,
            ),
            Parameter(
                "until",
                "query",
                "この日時より前（UTCオフセット付き）。",
                AwareDatetime,
                required=False,
            ),
            Parameter(
                "before",
                "query",
                "この連番より前の記録から返す（前のページの next_before）。",
                int,
                required=False,
            ),
            Parameter(
                "limit", "query", "1ページの件数（1〜200）。", int, required=False, default=100
            ),
        ),
    ),
    Operation(
        "calculate",
        "post",
        "/calculations",
        "保護費の計算",
        "世帯・月・収入等から保護費を計算し、説明（規則・表・根拠）を返す。基準表の版がない等で計算できない場合は 422。",
        "calculation",
        {200: CalculationResult, 400: Problem, 401: Problem, 422: Problem},
        parameters=(
            Parameter(
                "explain", "query", "計算の説明を含めるか。", bool, required=False, default=True
            ),
            Parameter(
                "allow_provisional",
                "query",
                "暫定版の基準表の使用を許可するか。",
                bool,
                required=False,
                default=False,
            ),
        ),
        body=CalculationInput,
    ),
    Operation(
        "createConsultation",
        "post",
        "/consultations",
        "面接相談の登録",
        "面接相談を記録する。相談を受けた職員と福祉事務所はログインした職員から決まる。"
        "記録した相談は継続中で、面接相談の終結で終える。",
        "consultations",
        {201: ConsultationView, 400: Problem, **_AUTH_ERRORS, 422: Problem},
        body=ConsultationDraft,
        success=201,
    ),
    Operation(
        "closeConsultation",
        "post",
        "/consultations/{consultation_id}/closing",
        "面接相談の終結",
        "面接相談を申請受付・他法他施策の案内・助言のみのいずれかで終える。"
        "申請の意思を示した相談は、登録した申請なしには終えられない（生活保護法7条、422 rule-violation）。"
        "既に終えた相談は 409 invalid-transition、読み込んだ後に更新されていれば 409 version-conflict。",
        "consultations",
        {200: ConsultationView, **_CHANGE_ERRORS},
        parameters=(_CONSULTATION_ID,),
        body=ConsultationClosing,
    ),
    Operation(
        "recordWishChange",
        "post",
        "/consultations/{consultation_id}/wish-changes",
        "申請の意思の変化の記録",
        "継続中の相談に、本人の申請の意思の変化を示す記録（申出の日時・方法・内容）を加える。"
        "終えた相談は 409 invalid-transition。",
        "consultations",
        {200: ConsultationView, **_CHANGE_ERRORS},
        parameters=(_CONSULTATION_ID,),
        body=WishChangeRecord,
    ),
    Operation(
        "confirmWishChange",
        "post",
        "/consultations/{consultation_id}/wish-changes/confirmation",
        "申請の意思の変化の確認",
        "査察指導員・課長が、最後に記録された本人の意思の変化を確認する（それ以外の職員は 403）。"
        "記録した職員自身は確認できない（422 rule-violation）。確認する記録がなければ 409 invalid-transition。",
        "consultations",
        {200: ConsultationView, **_CHANGE_ERRORS},
        parameters=(_CONSULTATION_ID,),
        body=VersionOnly,
    ),
    Operation(
        "amendWishToApply",
        "post",
        "/consultations/{consultation_id}/wish",
        "申請の意思の変更",
        "継続中の相談の申請の意思を改める。「あり」を「なし」「確認できず」に改めるには、本人の意思の変化を示す"
        "記録と査察指導員の確認が必要（なければ反した規則をすべて示して 422 rule-violation。生活保護法7条）。",
        "consultations",
        {200: ConsultationView, **_CHANGE_ERRORS},
        parameters=(_CONSULTATION_ID,),
        body=WishAmendment,
    ),
    Operation(
        "createApplication",
        "post",
        "/applications",
        "保護の申請の登録",
        "開始・変更の申請を受け付ける。処理期限（原則14日、延長して30日）は受付日の翌日から数える。"
        "開始申請は世帯を登録し、申請中の新しいケースを作る。変更申請は保護中・停止中のケースを指定する。",
        "applications",
        {201: ApplicationView, **_CHANGE_ERRORS},
        body=ApplicationDraft,
        success=201,
    ),
    Operation(
        "receiveElectronicApplication",
        "post",
        "/electronic-applications",
        "電子申請の受信",
        "オンラインで提出された申請を、職員の処理を待たずに保護の申請として登録する。受付方法は電子申請、"
        "申請日は受信日時の日付（日本時間、時刻によらない）で、処理期限はその翌日から数える。"
        "添付書類の目録を申請に記録する。",
        "applications",
        {201: ApplicationView, **_CHANGE_ERRORS},
        body=ElectronicApplication,
        success=201,
    ),
    Operation(
        "getApplication",
        "get",
        "/applications/{application_id}",
        "申請の詳細",
        "申請と処理期限の状況を返す。閲覧は監査ログに記録される。",
        "applications",
        {200: ApplicationView, **_AUTH_ERRORS, 404: Problem},
        parameters=(_APPLICATION_ID,),
    ),
    Operation(
        "listPendingApplications",
        "get",
        "/offices/{office_id}/pending-applications",
        "処理中の申請の一覧",
        "決定されていない申請を処理期限の迫る順に返す。within_days を指定すると、"
        "適用される期限までの日数がそれ以下（経過済みを含む）の申請だけを返す。閲覧は監査ログに記録される。",
        "applications",
        {200: PendingApplications, **_AUTH_ERRORS, 422: Problem},
        parameters=(
            _OFFICE_ID,
            _AS_OF,
            Parameter(
                "within_days",
                "query",
                "期限までの日数がこれ以下の申請だけを返す（0以上）。",
                WithinDays,
                required=False,
            ),
        ),
    ),
    Operation(
        "listOverdueApplications",
        "get",
        "/offices/{office_id}/overdue-applications",
        "30日を経過した申請の警告一覧",
        "申請日から30日（延長の上限）を過ぎても決定を通知していない申請を返す。申請者は却下されたものと"
        "みなすことができる（生活保護法24条7項）。決裁済みでも決定通知書を発送するまでは一覧に残る。"
        "閲覧は監査ログに記録される。",
        "applications",
        {200: PendingApplications, **_AUTH_ERRORS, 422: Problem},
        parameters=(_OFFICE_ID, _AS_OF),
    ),
    Operation(
        "listReviewQueue",
        "get",
        "/offices/{office_id}/review-queue",
        "査察指導員の確認待ちの一覧",
        "査察指導員の確認を待つ事項を返す。申請の取下げは、本人の意思によることを査察指導員が確認する"
        "まで一覧に残る（申請日は取り下げても残る）。閲覧は監査ログに記録される。",
        "applications",
        {200: ReviewQueue, **_AUTH_ERRORS},
        parameters=(_OFFICE_ID,),
    ),
    Operation(
        "confirmWithdrawal",
        "post",
        "/applications/{application_id}/withdrawal-review",
        "申請の取下げの確認",
        "査察指導員（決裁の権限を持つ職員）が、申請の取下げが本人の意思によることを確認する。"
        "取り下げられていない申請・確認済みの取下げは 409 invalid-transition。",
        "applications",
        {200: ApplicationView, **_CHANGE_ERRORS},
        parameters=(_APPLICATION_ID,),
        body=VersionOnly,
    ),
    Operation(
        "listMyAlerts",
        "get",
        "/me/alerts",
        "職員への通知",
        "ログインした職員への通知を返す。30日を経過して決定を通知していない申請は、そのケースの"
        "査察指導員と福祉事務所の課長に通知される。閲覧は監査ログに記録される。",
        "applications",
        {200: StaffAlerts, **_AUTH_ERRORS, 422: Problem},
        parameters=(_AS_OF,),
    ),
    Operation(
        "getApplicationDeadlineRule",
        "get",
        "/rules/application-decision-deadline",
        "申請の処理期限の算出規則",
        "基準日（省略時は今日）に受け付けた申請に適用される処理期限の日数（通知期限・延長時の最終期限・警告）を、"
        "基準表の版・適用開始日・根拠の条項とともに返す（生活保護法24条5項・7項・9項）。基準表のない日は 422。",
        "applications",
        {200: DecisionDeadlineRule, **_AUTH_ERRORS, 422: Problem},
        parameters=(Parameter("on", "query", "基準日（省略時は今日）。", date, required=False),),
    ),
    Operation(
        "extendApplicationDeadline",
        "post",
        "/applications/{application_id}/extension",
        "処理期限の延長の理由の記録",
        "決定の通知を14日を超えて30日まで延ばす特別な理由を記録する（決定通知書に記載される、生活保護法24条5項）。"
        "決定済み・取下げ済みの申請は 409 invalid-transition。",
        "applications",
        {200: ApplicationView, **_CHANGE_ERRORS},
        parameters=(_APPLICATION_ID,),
        body=ExtensionRequest,
    ),
    Operation(
        "startInvestigation",
        "post",
        "/applications/{application_id}/investigation",
        "調査の開始",
        "受け付けた申請を調査中にする。受付中でない申請は 409 invalid-transition。",
        "applications",
        {200: ApplicationView, **_CHANGE_ERRORS},
        parameters=(_APPLICATION_ID,),
        body=VersionOnly,
    ),
    Operation(
        "withdrawApplication",
        "post",
        "/applications/{application_id}/withdrawal",
        "申請の取下げ",
        "申請者本人の申出により申請を取り下げる。開始申請のケースは取下げで終わる。"
        "申出の内容がなければ 422 rule-violation、決定済み・取下げ済みの申請は 409 invalid-transition。",
        "applications",
        {200: ApplicationView, **_CHANGE_ERRORS},
        parameters=(_APPLICATION_ID,),
        body=WithdrawalRequest,
    ),
    Operation(
        "createSupportInquiry",
        "post",
        "/applications/{application_id}/support-inquiries",
        "扶養照会の記録",
        "申請に伴う扶養照会（扶養義務者への照会）を記録する。照会しない場合は、許された理由の区分、"
        "それを裏づける具体的な事情、照会についての申請者の意向が必要（なければ 422）。",
        "applications",
        {201: SupportInquiry, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_APPLICATION_ID,),
        body=SupportInquiryDraft,
        success=201,
    ),
    Operation(
        "registerExOfficio",
        "post",
        "/ex-officio-protections",
        "職権による保護の登録",
        "急迫した状況にある要保護者について、申請によらず職権で保護するための記録（急迫と判断した事実・判断日・"
        "判断した職員）を登録し、開始の決定を待つケースを開く（生活保護法25条1項）。開始の区分は「職権」で、"
        "申請による開始と区別される。記録は開始の決定の起案に引き継がれる（申請IDなしで起案する）。"
        "記録に欠けがあれば、欠けた項目を detail に示して 422 invalid-request。判断した職員は福祉事務所の公務員に限る。",
        "applications",
        {201: ExOfficioRegistration, 400: Problem, **_AUTH_ERRORS, 422: Problem},
        body=ExOfficioDraft,
        success=201,
    ),
    Operation(
        "createNeedDetermination",
        "post",
        "/applications/{application_id}/need-determinations",
        "要否判定",
        "判定日の月の世帯の状況（計算の入力）から、判定日に有効な基準表で最低生活費を算定し、"
        "要否判定上の収入認定額と比べて要・否を判定して記録する（生活保護法8条）。"
        "記録には双方の計算明細と使用した基準表の版が残る。判定日が申請の受付日より前なら 422 rule-violation、"
        "今日より後・対象年月が判定日の月でない・申請の世帯でない入力は 422 invalid-request、"
        "決定済み・取下げ済みの申請は 409 invalid-transition。",
        "applications",
        {201: NeedDetermination, **_CHANGE_ERRORS},
        parameters=(_APPLICATION_ID,),
        body=NeedDeterminationRequest,
        success=201,
    ),
    Operation(
        "listNeedDeterminations",
        "get",
        "/applications/{application_id}/need-determinations",
        "要否判定の一覧",
        "申請について記録した要否判定を古い順に返す。閲覧は監査ログに記録される。",
        "applications",
        {200: list[NeedDetermination], **_AUTH_ERRORS, 404: Problem},
        parameters=(_APPLICATION_ID,),
    ),
    Operation(
        "listCaseDecisions",
        "get",
        "/cases/{case_id}/decisions",
        "ケースの決定の一覧",
        "ケースのすべての決定（起案中を含む）を起案日の新しい順に返す。閲覧は監査ログに記録される。",
        "decisions",
        {200: list[Decision], **_AUTH_ERRORS, 404: Problem},
        parameters=(_CASE_ID,),
    ),
    Operation(
        "createAssetInquiry",
        "post",
        "/applications/{application_id}/asset-inquiries",
        "資産の照会の登録",
        "申請の世帯員の資産・収入について金融機関・保険会社・官公署等への照会（生活保護法29条）を、"
        "照会先・照会日・照会事項とともに登録する。申請の世帯にいない世帯員は 422。",
        "investigations",
        {201: AssetInquiryView, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_APPLICATION_ID,),
        body=AssetInquiryDraft,
        success=201,
    ),
    Operation(
        "getAssetInquiryLetter",
        "get",
        "/asset-inquiries/{inquiry_id}/letter",
        "資産の照会文書の作成",
        "登録した資産の照会の照会文書（宛先・根拠条文・照会事項）を作成して返す。作成は監査ログに記録される。",
        "investigations",
        {200: InquiryLetter, **_AUTH_ERRORS, 404: Problem},
        parameters=(_INQUIRY_ID,),
    ),
    Operation(
        "recordAssetInquiryAnswer",
        "post",
        "/asset-inquiries/{inquiry_id}/answer",
        "資産の照会の回答の記録",
        "照会の回答日と回答内容を記録する。回答を記録済みの照会は 409 invalid-transition。",
        "investigations",
        {200: AssetInquiryView, **_CHANGE_ERRORS},
        parameters=(_INQUIRY_ID,),
        body=AssetInquiryAnswer,
    ),
    Operation(
        "listUnansweredAssetInquiries",
        "get",
        "/offices/{office_id}/unanswered-asset-inquiries",
        "回答のない資産の照会の一覧",
        "照会日から指定日数（省略時は基準表 asset_inquiry_reply_period、初期値14日）を超えて回答のない"
        "資産の照会を、照会日の古い順に返す。閲覧は監査ログに記録される。",
        "investigations",
        {200: UnansweredAssetInquiries, **_AUTH_ERRORS, 422: Problem},
        parameters=(
            _OFFICE_ID,
            Parameter(
                "as_of", "query", "基準日（YYYY-MM-DD、省略時は今日）。", date, required=False
            ),
            Parameter("days", "query", "指定日数（0以上）。", WithinDays, required=False),
        ),
    ),
    Operation(
        "getInvestigations",
        "get",
        "/applications/{application_id}/investigations",
        "申請後の調査の一覧",
        "申請の扶養義務者と扶養照会、資産の照会、稼働能力の調査、他法他施策のチェックリストを返す。"
        "閲覧は監査ログに記録される。",
        "investigations",
        {200: InvestigationSummary, **_AUTH_ERRORS, 404: Problem},
        parameters=(_APPLICATION_ID,),
    ),
    Operation(
        "createWorkCapacityAssessment",
        "post",
        "/applications/{application_id}/work-capacity-assessments",
        "稼働能力の調査の記録",
        "申請の世帯員1人について、稼働能力の有無、活用する意思、就労の場と、それぞれの判断根拠を記録する"
        "（稼働能力がある場合は意思と就労の場も必須）。稼働年齢層の世帯員に記録がなければ決定の起案時に警告される。",
        "investigations",
        {201: WorkCapacityView, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_APPLICATION_ID,),
        body=WorkCapacityDraft,
        success=201,
    ),
    Operation(
        "recordOtherMeasureChecks",
        "post",
        "/applications/{application_id}/other-measure-checks",
        "他法他施策の確認結果の登録",
        "申請の他法他施策のチェックリストに世帯員・施策ごとの確認結果（受給の可能性・申請状況・結果）を登録する。"
        "同じ世帯員・施策の項目は置き換える。既存のチェックリストの更新には版が必要（古い版は 409）。"
        "未確認の項目が残れば決定の起案時に警告される。",
        "investigations",
        {200: OtherMeasureChecklistView, **_CHANGE_ERRORS},
        parameters=(_APPLICATION_ID,),
        body=OtherMeasureChecksRequest,
    ),
    Operation(
        "createSupportObligor",
        "post",
        "/applications/{application_id}/support-obligors",
        "扶養義務者の登録",
        "申請に伴い把握した扶養義務者を、申請者との続柄・住所・扶養の可能性の見込みとともに登録する。",
        "investigations",
        {201: SupportObligorView, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_APPLICATION_ID,),
        body=SupportObligorDraft,
        success=201,
    ),
    Operation(
        "listSupportObligors",
        "get",
        "/applications/{application_id}/support-obligors",
        "扶養義務者の一覧",
        "申請の扶養義務者と扶養照会の経過を返す。閲覧は監査ログに記録される。",
        "investigations",
        {200: list[SupportObligorView], **_AUTH_ERRORS, 404: Problem},
        parameters=(_APPLICATION_ID,),
    ),
    Operation(
        "recordApplicantView",
        "post",
        "/support-obligors/{obligor_id}/applicant-view",
        "扶養照会についての申請者の意向の記録",
        "扶養義務者への照会について申請者から聴き取った意向（照会してよいか、望まない事情）を記録する。"
        "照会文書の作成・省略の前に必須。照会の手続が進んだ後は 409 invalid-transition。",
        "investigations",
        {200: SupportObligorView, **_CHANGE_ERRORS},
        parameters=(_OBLIGOR_ID,),
        body=ApplicantViewRequest,
    ),
    Operation(
        "issueSupportInquiryDocument",
        "post",
        "/support-obligors/{obligor_id}/inquiry-document",
        "扶養照会の文書の作成",
        "扶養照会の文書を作成する。申請者の意向が記録されていなければ 422 rule-violation"
        "（applicant_view_required）、申請者が照会を望まないのに判断理由・判断者がなければ 422 "
        "rule-violation（override_required）。判断者は査察指導員・課長に限る（override_decider）。",
        "investigations",
        {200: SupportInquiryDocument, **_CHANGE_ERRORS},
        parameters=(_OBLIGOR_ID,),
        body=SupportInquiryDocumentRequest,
    ),
    Operation(
        "recordSupportInquirySent",
        "post",
        "/support-obligors/{obligor_id}/inquiry-sending",
        "扶養照会の送付の記録",
        "作成した扶養照会の文書を送付した日を記録する。文書を作成していなければ 409 invalid-transition。",
        "investigations",
        {200: SupportObligorView, **_CHANGE_ERRORS},
        parameters=(_OBLIGOR_ID,),
        body=SupportInquirySending,
    ),
    Operation(
        "recordSupportInquiryAnswer",
        "post",
        "/support-obligors/{obligor_id}/inquiry-answer",
        "扶養照会の回答の記録",
        "扶養義務者からの回答（回答日、金銭的援助・精神的支援の可否）を記録する。"
        "送付していない照会には 409 invalid-transition。",
        "investigations",
        {200: SupportObligorView, **_CHANGE_ERRORS},
        parameters=(_OBLIGOR_ID,),
        body=SupportAnswerRequest,
    ),
    Operation(
        "skipSupportInquiry",
        "post",
        "/support-obligors/{obligor_id}/inquiry-skip",
        "扶養照会の省略",
        "扶養照会を省略する。理由は省略理由の一覧（版つき）から選ぶ: 選ばない・一覧にない理由は 422 "
        "invalid-request。申請者の意向が記録されていなければ 422 rule-violation（applicant_view_required）。",
        "investigations",
        {200: SupportObligorView, **_CHANGE_ERRORS},
        parameters=(_OBLIGOR_ID,),
        body=SupportInquirySkipRequest,
    ),
    Operation(
        "listSupportInquirySkipReasons",
        "get",
        "/support-inquiry-skip-reasons",
        "扶養照会の省略理由の一覧",
        "指定日（省略時は今日）に適用される省略理由の一覧を、版と適用開始日とともに返す。",
        "investigations",
        {200: SkipReasonList, **_AUTH_ERRORS, 422: Problem},
        parameters=(
            Parameter("on", "query", "適用日（YYYY-MM-DD、省略時は今日）。", date, required=False),
        ),
    ),
    Operation(
        "draftDecision",
        "post",
        "/decisions",
        "保護の決定の起案",
        "開始・却下・変更・停止・廃止の決定を起案する。開始・変更の額は計算の入力から基準表により算定し、"
        "計算の説明とともに返す（確認用の額が計算の結果と違えば 422 rule-violation）。"
        "辞退による廃止は、本人が署名した辞退届の受領記録と任意性の確認記録がそろわなければ 422 rule-violation"
        "（欠けた項目ごとに violations に示す）。収入による却下は直近の要否判定の額を記録し、"
        "理由が定型文だけなら warnings に警告を返す。"
        "ケース・申請の状態がその決定を許さなければ 409 invalid-transition。",
        "decisions",
        {201: DecisionView, **_CHANGE_ERRORS},
        body=DecisionDraft,
        success=201,
    ),
    Operation(
        "getDecision",
        "get",
        "/decisions/{decision_id}",
        "決定の詳細",
        "決定と、その額の計算の説明（規則・表・根拠）を返す。閲覧は監査ログに記録される。",
        "decisions",
        {200: DecisionView, **_AUTH_ERRORS, 404: Problem},
        parameters=(_DECISION_ID,),
    ),
    Operation(
        "approveDecision",
        "post",
        "/decisions/{decision_id}/approval",
        "決定の決裁",
        "起案者以外の、社会福祉主事の資格を持つ公務員（査察指導員・課長）が、福祉事務所の決裁の段階"
        "（getOfficeSettings）の次の段階の役割で決裁する（それ以外は 403。同じ職員は2つの段階を決裁できない）。"
        "最後でない段階の決裁では処理状況が決裁中になり、最後の段階の決裁で決裁済になって決定日・決裁者が記録され、"
        "ケースと申請の状態が移る。段階ごとの決裁者・決裁日時・決裁区分は決裁の記録に残る。"
        "申請から14日を過ぎた決定には延長の理由の記録が必要で、反した規則はすべて 422 rule-violation の"
        " violations に示す。決裁済みの決定は 409 invalid-transition。",
        "decisions",
        {200: DecisionView, **_CHANGE_ERRORS},
        parameters=(_DECISION_ID,),
        body=VersionOnly,
    ),
    Operation(
        "submitDecision",
        "post",
        "/decisions/{decision_id}/submission",
        "決定の決裁への回付",
        "起案中の決定を決裁に回す（処理状況が決裁待ちになる）。起案できる公務員（現業員・査察指導員）に限り、"
        "委託事業者の職員は 403。起案中でない決定は 409 invalid-transition。",
        "decisions",
        {200: DecisionView, **_CHANGE_ERRORS},
        parameters=(_DECISION_ID,),
        body=VersionOnly,
    ),
    Operation(
        "notifyDecision",
        "post",
        "/decisions/{decision_id}/notification",
        "決定の通知",
        "決裁済みの決定について決定通知書を発したことを記録する。決裁前・通知済みの決定は 409 invalid-transition。",
        "decisions",
        {200: DecisionView, **_CHANGE_ERRORS},
        parameters=(_DECISION_ID,),
        body=VersionOnly,
    ),
    Operation(
        "getDecisionNotice",
        "get",
        "/decisions/{decision_id}/notice",
        "決定通知書",
        "決裁済みの決定の決定通知書（保護決定通知書）に記載するすべての事項を返す: 決定の種類・決定日・適用日・"
        "理由・扶助別の額・14日を超えて通知する場合の理由・審査請求の教示。通知日は、通知済みならその日、"
        "まだなら今日。決裁前の決定や、理由・延長の理由を欠く決定の通知書は作れない（422 rule-violation）。"
        "通知書の発行の記録は決定の通知（notifyDecision）で行う。閲覧は監査ログに記録される。",
        "decisions",
        {200: DecisionNotice, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_DECISION_ID,),
    ),
    Operation(
        "submitOnlineDocument",
        "post",
        "/cases/{case_id}/online-submissions",
        "オンラインで提出された書類の受信",
        "被保護者がオンラインの窓口から提出した給与明細・収入申告書等を、提出者（ケースの世帯の世帯員）・"
        "種類・ファイル（Base64）・提出日時とともにケースに記録する。オンラインの窓口（受付システム）が"
        "福祉事務所の公務員の職員アカウントで送る。実装はファイルの内容を保管し、大きさと SHA-256 を記録する。"
        "提出日は提出日時の日本時間の日付（時刻によらない）で、書類の効力は紙で提出されたものと同じ。"
        "記録した書類は担当現業員の確認待ちになる。ケースがなければ 404、提出者が世帯にいない・"
        "提出日時が現在より後・ファイルが空または大きすぎる場合は反した規則をすべて示して 422 rule-violation。",
        "submissions",
        {201: SubmittedDocumentView, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_CASE_ID,),
        body=OnlineSubmission,
        success=201,
    ),
    Operation(
        "listMyPendingSubmissions",
        "get",
        "/me/pending-submissions",
        "現業員の確認待ちの提出書類の一覧",
        "ログインした職員が担当するケース（担当現業員または担当の査察指導員であるケース）に"
        "オンラインで提出され、まだ確認していない書類を、提出日時の古い順に返す。閲覧は監査ログに記録される。",
        "submissions",
        {200: PendingSubmissions, **_AUTH_ERRORS},
    ),
    Operation(
        "confirmOnlineSubmission",
        "post",
        "/online-submissions/{submission_id}/confirmation",
        "提出された書類の確認",
        "福祉事務所の現業員・査察指導員（公務員）が、提出された書類を確認したことを記録する"
        "（確認した職員と日時）。それ以外の職員は 403。確認済の書類は 409 invalid-transition、"
        "読み込んだ後に更新されていれば 409 version-conflict。",
        "submissions",
        {200: SubmittedDocumentView, **_CHANGE_ERRORS},
        parameters=(_SUBMISSION_ID,),
        body=VersionOnly,
    ),
    Operation(
        "createReviewRequest",
        "post",
        "/cases/{case_id}/review-requests",
        "審査請求の登録",
        "ケースの決裁済みの決定に対する審査請求を登録し、裁決の期限（請求日から50日、行政不服審査会等に"
        "諮問する場合は70日。基準表 review_ruling_deadline）を算出して返す。決定が起案中、請求日が決定日より前"
        "または今日より後、審査庁が都道府県知事でない場合は 422 rule-violation（反した規則をすべて示す）。"
        "公務員の職員だけが登録できる（委託事業者の職員は 403）。",
        "appeals",
        {201: ReviewRequestView, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_CASE_ID,),
        body=ReviewRequestDraft,
        success=201,
    ),
    Operation(
        "recordReviewRuling",
        "post",
        "/review-requests/{review_request_id}/ruling",
        "審査請求の裁決の記録",
        "裁決日・裁決内容（認容・棄却・却下）・再審査請求の有無を記録する。裁決の記録は1回だけで、"
        "記録済みなら 409 invalid-transition。裁決日が請求日より前・今日より後なら 422。",
        "appeals",
        {200: ReviewRequestView, **_CHANGE_ERRORS},
        parameters=(_REVIEW_REQUEST_ID,),
        body=RulingRecord,
    ),
    Operation(
        "listReviewRequests",
        "get",
        "/offices/{office_id}/review-requests",
        "審査請求の一覧",
        "福祉事務所の審査請求を裁決の期限の早い順に返す。overdue=true なら、裁決がないまま期限を過ぎた"
        "ものだけを返す（請求人は棄却されたものとみなすことができる。生活保護法65条2項）。閲覧は監査ログに記録される。",
        "appeals",
        {200: ReviewRequests, **_AUTH_ERRORS, 422: Problem},
        parameters=(
            _OFFICE_ID,
            Parameter(
                "as_of",
                "query",
                "期限の経過を判断する基準日（省略時は今日）。",
                date,
                required=False,
            ),
            Parameter(
                "overdue",
                "query",
                "true なら裁決期限を過ぎた審査請求だけを返す。",
                bool,
                required=False,
                default=False,
            ),
        ),
    ),
    Operation(
        "getOfficeSettings",
        "get",
        "/offices/{office_id}/settings",
        "福祉事務所の設定",
        "福祉事務所の決裁の段階と決定通知書の様式の記載事項を返す（事務所の職員なら閲覧できる）。",
        "administration",
        {200: OfficeSettingsView, **_AUTH_ERRORS, 404: Problem},
        parameters=(_OFFICE_ID,),
    ),
    Operation(
        "changeOfficeSettings",
        "patch",
        "/offices/{office_id}/settings",
        "福祉事務所の設定の変更",
        "指定した設定だけを変える（課長に限る。それ以外は 403）。決裁の段階に置けるのは査察指導員・課長だけ。"
        "起案者による決裁を許可する要求（drafter_may_approve = true）は、標準がその機能を認めないため必ず"
        " 422 rule-violation（no_self_approval）。変更は監査ログに記録される。",
        "administration",
        {200: OfficeSettingsView, **_CHANGE_ERRORS},
        parameters=(_OFFICE_ID,),
        body=OfficeSettingsChange,
    ),
    Operation(
        "grantStaffRole",
        "post",
        "/staff/{staff_id}/role-grants",
        "職員への役割の付与",
        "職員に役割を加える（課長に限る）。決裁の権限を伴う役割（査察指導員・課長）は、委託事業者の職員"
        "（approver_public_official）や社会福祉主事の資格のない職員（approver_certified）には付与できず"
        " 422 rule-violation。すでに持つ役割も 422。変更は監査ログに記録される。",
        "administration",
        {200: StaffMember, **_CHANGE_ERRORS},
        parameters=(Parameter("staff_id", "path", "職員ID。", str),),
        body=RoleGrant,
    ),
    Operation(
        "issueMedicalTicket",
        "post",
        "/cases/{case_id}/medical-tickets",
        "医療券・調剤券の発行",
        "ケースの世帯員に、医療扶助を認めた決定に基づいて、暦月ごと・指定医療機関ごとの医療券（薬局には調剤券）を発行する。"
        + _BASIS
        + "公費負担者番号は福祉事務所の番号、本人支払額は決定の額を記載し、受給者番号は発行ごとに付番する。"
        "有効期間の時点で指定されていない医療機関、同じ月・同じ医療機関への有効な券の重複は 422。"
        "医療扶助・介護扶助の事務の権限が必要。",
        "medical",
        {201: MedicalTicket, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_CASE_ID,),
        body=MedicalTicketRequest,
        success=201,
    ),
    Operation(
        "issueCareTicket",
        "post",
        "/cases/{case_id}/care-tickets",
        "介護券の発行",
        "ケースの世帯員に、介護扶助を認めた決定に基づいて、暦月ごと・介護事業所ごとの介護券を発行する。"
        + _BASIS
        + "介護保険の区分と介護扶助の負担割合は世帯員の記録から定まり、介護保険の対象外の世帯員、"
        "同じ月・同じ事業所への有効な券の重複は 422。医療扶助・介護扶助の事務の権限が必要。",
        "care",
        {201: CareTicket, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_CASE_ID,),
        body=CareTicketRequest,
        success=201,
    ),
    Operation(
        "listTicketsPastEnding",
        "get",
        "/offices/{office_id}/tickets-past-ending",
        "適用日をまたぐ有効な券の一覧",
        "保護の停止・廃止の決定が確定したケースについて、その適用日以降も有効な医療券・調剤券・介護券を返す"
        "（停止の間も支給する扶助の券は除く）。券は自動では変更しない: この一覧から有効期間を短縮し、"
        "医療機関・事業者への連絡を記録する。医療扶助・介護扶助の事務の権限が必要。閲覧は監査ログに記録される。",
        "medical",
        {200: TicketsPastEnding, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(
            _OFFICE_ID,
            Parameter(
                "ticket_type",
                "query",
                "券の種別（medical_ticket: 医療券・調剤券、care_ticket: 介護券。省略時は両方）。",
                str,
                required=False,
            ),
            Parameter(
                "ending_kind",
                "query",
                "停止・廃止の別（suspension・termination。省略時は両方）。",
                DecisionKind,
                required=False,
            ),
        ),
    ),
    Operation(
        "shortenMedicalTicket",
        "post",
        "/medical-tickets/{ticket_id}/validity-change",
        "医療券の有効期間の変更",
        _SHORTEN + "指定医療機関への連絡日・連絡した職員・連絡の方法を記録する。",
        "medical",
        {200: MedicalTicket, **_CHANGE_ERRORS},
        parameters=(_TICKET_ID,),
        body=TicketValidityChangeRequest,
    ),
    Operation(
        "shortenCareTicket",
        "post",
        "/care-tickets/{ticket_id}/validity-change",
        "介護券の有効期間の変更",
        _SHORTEN + "介護事業所への連絡日・連絡した職員・連絡の方法を記録する。",
        "care",
        {200: CareTicket, **_CHANGE_ERRORS},
        parameters=(_TICKET_ID,),
        body=TicketValidityChangeRequest,
    ),
    Operation(
        "createAdHocPayment",
        "post",
        "/cases/{case_id}/ad-hoc-payments",
        "随時支給の作成",
        "ケースの決定に基づいて随時支給（支給予定）を作成する。"
        + _BASIS
        + "差引支給額は内訳の合計。同じケースに同じ冪等キーの支給があれば、新しく作らずにそれを返す。"
        "経理・支給の事務の権限が必要（公務員に限る）。",
        "payments",
        {201: Payment, 400: Problem, **_AUTH_ERRORS, 404: Problem, 422: Problem},
        parameters=(_CASE_ID,),
        body=AdHocPaymentRequest,
        success=201,
    ),
    Operation(
        "draftClaimDecision",
        "post",
        "/claim-decisions",
        "返還金・徴収金の決定の起案",
        "法63条・77条の2の返還金（資力の内容・事実・日付・額、対象期間の保護費の額、返還額、自立更生費の控除額）"
        "または法78条の徴収金（不正の事実、徴収する保護費の額、加算の率）の決定を起案する。元金と加算する額は"
        "実装が算出する。返還額が対象期間の保護費の額や資力の額を超える、加算の率が上限（基準表 "
        "art78_surcharge_ceiling）を超えるなど、決裁できない起案は 422 rule-violation（反した規則をすべて示す）。"
        "預貯金等を資力とするのに保護費のやり繰りによる蓄えでないことの確認がないなど、債権を調定できない起案は"
        " 422 invalid-request。公務員の職員（現業員・査察指導員・課長）だけが起案できる（委託事業者の職員は 403）。",
        "claims",
        {201: ClaimDecisionView, **_CHANGE_ERRORS},
        body=ClaimDecisionDraft,
        success=201,
    ),
    Operation(
        "getClaimDecision",
        "get",
        "/claim-decisions/{claim_decision_id}",
        "返還金・徴収金の決定の詳細",
        "決定と、決裁済みならその決定から調定した債権を返す。閲覧は監査ログに記録される。",
        "claims",
        {200: ClaimDecisionView, **_AUTH_ERRORS, 404: Problem},
        parameters=(_CLAIM_DECISION_ID,),
    ),
    Operation(
        "approveClaimDecision",
        "post",
        "/claim-decisions/{claim_decision_id}/approval",
        "返還金・徴収金の決定の決裁",
        "起案者以外の、社会福祉主事の資格を持つ公務員（査察指導員・課長）が決裁し、債権を調定する。"
        "起案者自身は役割や権限にかかわらず決裁できない（403、理由に「起案者」）。それ以外の職員も 403。"
        "決裁済みの決定は 409 invalid-transition、金額の規則に反すれば 422 rule-violation。",
        "claims",
        {200: ClaimDecisionView, **_CHANGE_ERRORS},
        parameters=(_CLAIM_DECISION_ID,),
        body=VersionOnly,
    ),
    Operation(
        "createTransfer",
        "post",
        "/cases/{case_id}/transfers",
        "移管の登録",
        "保護中・停止中のケースを他の実施機関に移管すること（転居等）を、移管日・移管先の全国地方公共団体コード・"
        "引継ぎ事項とともに登録する。団体コードがない・検査数字が合わない場合は 422 invalid-request、移管日が"
        "保護の開始日より前・移管先が自らの区域の場合は 422 rule-violation（反した規則をすべて示す）、廃止・"
        "移管済み等のケースは 409 invalid-transition。登録し直すと、新しい登録が前の登録を置き換える。"
        "公務員の職員だけが登録できる（委託事業者の職員は 403）。ケースは移管による廃止決定で終わる。",
        "transfers",
        {201: TransferView, 400: Problem, **_AUTH_ERRORS, 404: Problem, 409: Problem, 422: Problem},
        parameters=(_CASE_ID,),
        body=TransferDraft,
        success=201,
    ),
    Operation(
        "getTransferHandover",
        "get",
        "/transfers/{transfer_id}/handover",
        "移管の引継ぎデータ",
        "移管するケースの世帯・ケース・決定（決裁済み）・審査請求・援助方針・債権・移管の記録を、標準データの"
        "出力の形式（記録の種類ごとの JSON Lines と件数・チェックサム）で返す。個人番号は含めない。"
        "置き換えられた登録は 409 invalid-transition。公務員の職員だけが出力でき、出力は利用目的「移管」とともに"
        "監査ログに記録される。",
        "transfers",
        {200: HandoverExport, **_AUTH_ERRORS, 404: Problem, 409: Problem},
        parameters=(_TRANSFER_ID,),
    ),
)

_MODEL_MODE: Literal["validation"] = "validation"


def _schema_of(annotation: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    schema = TypeAdapter(annotation).json_schema(ref_template="#/components/schemas/{model}")
    definitions.update(schema.pop("$defs", {}))
    return schema


def _parameter(parameter: Parameter, definitions: dict[str, Any]) -> dict[str, Any]:
    schema = _schema_of(parameter.annotation, definitions)
    if parameter.default is not None:
        schema = {**schema, "default": parameter.default}
    if parameter.name == "limit":
        schema = {**schema, "minimum": 1, "maximum": 200}
    return {
        "name": parameter.name,
        "in": parameter.location,
        "required": parameter.required or parameter.location == "path",
        "description": parameter.description,
        "schema": schema,
    }


_STATUS_TEXT = {
    200: "成功",
    201: "作成しました",
    204: "成功（本文なし）",
    400: "要求を読み取れません",
    401: "ログインが必要です",
    403: "権限がありません",
    404: "見つかりません",
    409: "競合しました（記録の版が古いか、現在の状態ではできません）",
    422: "内容が正しくありません",
    500: "内部エラー",
}


def _models(operations: Sequence[Operation]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = [Problem]
    for operation in operations:
        candidates = [operation.body, *operation.responses.values()]
        for candidate in candidates:
            if (
                isinstance(candidate, type)
                and issubclass(candidate, BaseModel)
                and candidate not in found
            ):
                found.append(candidate)
    return found


@cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the standard API."""
    models = _models(OPERATIONS)
    refs, definitions = models_json_schema(
        [(m, _MODEL_MODE) for m in models], ref_template="#/components/schemas/{model}"
    )
    components: dict[str, Any] = dict(definitions.get("$defs", {}))
    paths: dict[str, Any] = {}
    for operation in OPERATIONS:
        entry: dict[str, Any] = {
            "operationId": operation.operation_id,
            "summary": operation.summary,
            "description": operation.description,
            "tags": [operation.tag],
            "parameters": [_parameter(p, components) for p in operation.parameters],
            "responses": {},
        }
        if not operation.auth:
            entry["security"] = []
        if operation.body is not None:
            entry["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": refs[(operation.body, _MODEL_MODE)]}},
            }
        for status, model in sorted(operation.responses.items()):
            response: dict[str, Any] = {"description": _STATUS_TEXT[status]}
            if model is Problem:
                response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": refs[(Problem, _MODEL_MODE)]}}
            elif model is not None:
                schema = (
                    refs[(model, _MODEL_MODE)]
                    if isinstance(model, type) and issubclass(model, BaseModel)
                    else _schema_of(model, components)
                )
                response["content"] = {"application/json": {"schema": schema}}
            entry["responses"][str(status)] = response
        paths.setdefault(API_PREFIX + operation.path, {})[operation.method] = entry
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "生活保護システム標準 API",
            "version": STANDARD_VERSION,
            "description": (
                "生活保護システム標準仕様の HTTP API。どのベンダーも実装でき、参照実装はこの文書をそのまま提供する。"
                "エラーは application/problem+json（RFC 9457）。"
                f"この文書は seikatsu_std {__version__} が生成した。"
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "tags": [{"name": t} for t in dict.fromkeys(o.tag for o in OPERATIONS)],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "POST /api/v1/sessions で得たトークン。",
                }
            },
        },
    }


def path_matches(template: str, path: str) -> bool:
    """Whether ``path`` (without :data:`API_PREFIX`) fits the operation path ``template``.

    A ``{name}`` segment of the template matches any one segment of the path.
    """
    parts, given = template.strip("/").split("/"), path.strip("/").split("/")
    return len(parts) == len(given) and all(
        p == g or (p.startswith("{") and p.endswith("}")) for p, g in zip(parts, given, strict=True)
    )


def operation_at(method: str, path: str) -> Operation | None:
    """The operation that answers ``method`` on ``path`` (without :data:`API_PREFIX`), if any."""
    for candidate in OPERATIONS:
        if candidate.method == method.lower() and path_matches(candidate.path, path):
            return candidate
    return None


def operation(operation_id: str) -> Operation:
    """The operation called ``operation_id`` (KeyError if none)."""
    for candidate in OPERATIONS:
        if candidate.operation_id == operation_id:
            return candidate
    raise KeyError(operation_id)


def now_iso(moment: datetime) -> str:
    """ISO 8601 text of an aware datetime (for headers and logs)."""
    return moment.isoformat()
