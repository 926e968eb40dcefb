"""What the services return: case summaries, case detail, history, caseload.

These are the response bodies of the standard HTTP API as well (one model for
the API and its schema).
"""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, ConfigDict, Field

from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.calc.results import CalculationResult
from seikatsu_std.model import (
    Application,
    Case,
    CaseStatus,
    Consultation,
    Decision,
    DecisionKind,
    Household,
    HouseholdType,
)
from seikatsu_std.model.appeal import ReviewRequest, ReviewRuling
from seikatsu_std.model.base import LabelledEnum, StdModel
from seikatsu_std.model.case import ExOfficioRecord, StartBasis
from seikatsu_std.model.common import AssistanceKind, KanaName, RecordId, Yen
from seikatsu_std.model.decision import (
    AssistanceAmounts,
    FreeWillCheck,
    RejectionReason,
    TerminationReason,
    WithdrawalDeclaration,
)
from seikatsu_std.model.intake import (
    ApplicationChannel,
    ApplicationKind,
    Attachment,
    ConsultationOutcome,
    FormHanding,
    ReceptionPlace,
    WishToApply,
)
from seikatsu_std.model.investigation import (
    SupportInquirySkipReason,
    SupportInquiryStatus,
    SupportObligor,
)
from seikatsu_std.model.legal import LegalRef
from seikatsu_std.services.audit import AccessPurpose, AuditAction, AuditEntry
from seikatsu_std.workflows.clocks import ClockState


class CaseSummary(StdModel):
    """ケース一覧の1行。"""

    model_config = ConfigDict(title="ケースの概要")

    id: RecordId = Field(title="ケースID", description="ケースの識別子。")
    case_number: str = Field(title="ケース番号", description="福祉事務所のケース番号。")
    status: CaseStatus = Field(title="ケースの状態", description="現在の状態。")
    head_name: str = Field(title="世帯主氏名", description="世帯主の氏名。")
    household_size: int = Field(
        title="世帯人員", description="世帯分離の者を除く世帯員の数。", ge=1
    )
    household_type: HouseholdType | None = Field(
        default=None, title="世帯類型", description="被保護者調査上の世帯類型。"
    )
    caseworker_id: RecordId = Field(title="担当現業員ID", description="地区担当の現業員。")
    opened_on: date | None = Field(
        default=None, title="保護開始日", description="保護を開始した日。"
    )
    version: int = Field(
        title="版", description="楽観的排他制御のためのケースの版（更新時に指定する）。", ge=1
    )
    attention: list[str] = Field(
        default_factory=list, title="要対応事項", description="担当者が対応すべき事項（日本語）。"
    )


class CasePage(StdModel):
    """ケース一覧の1ページ。"""

    model_config = ConfigDict(title="ケース一覧")

    items: list[CaseSummary] = Field(
        title="ケース", description="このページのケース（ケース番号順）。"
    )
    next_after: str | None = Field(
        default=None,
        title="次のページ",
        description="次のページを求めるときに after に渡すケース番号（最後のページでは省略）。",
    )


class CaseEventKind(LabelledEnum):
    """ケースの履歴の種類。"""

    __title__ = "履歴の種類"

    OPENED = "opened", "ケースの登録"
    DECISION = "decision", "保護決定"
    UPDATED = "updated", "担当・格付けの変更"
    VISIT = "visit", "訪問"
    RECORD = "record", "ケース記録"
    APPLICATION = "application", "申請"
    SUBMISSION = "submission", "書類の提出"
    TRANSFER = "transfer", "移管"


class CaseEvent(StdModel):
    """ケースの履歴1件。"""

    model_config = ConfigDict(title="ケースの履歴")

    case_id: RecordId = Field(title="ケースID", description="ケース。")
    at: AwareDatetime = Field(title="日時", description="出来事の日時。")
    kind: CaseEventKind = Field(title="種類", description="履歴の種類。")
    actor_id: RecordId = Field(title="職員ID", description="操作した職員。")
    summary: str = Field(title="内容", description="出来事の要約（日本語）。", min_length=1)


class CaseDetail(StdModel):
    """ケースの詳細: ケース、世帯、現在の決定と計算の説明、版。"""

    model_config = ConfigDict(title="ケースの詳細")

    case: Case = Field(title="ケース", description="ケースの記録。")
    version: int = Field(title="版", description="ケースの版（更新時に指定する）。", ge=1)
    household: Household = Field(title="世帯", description="世帯の記録。")
    decision: Decision | None = Field(
        default=None, title="現在の決定", description="適用中の開始・変更決定（なければ省略）。"
    )
    calculation: CalculationResult | None = Field(
        default=None,
        title="計算の説明",
        description="現在の決定の額の計算と、その説明（規則・表・根拠）。",
    )
    calculation_error: str | None = Field(
        default=None,
        title="計算できない理由",
        description="計算の説明を作れない場合の理由（基準表の版がない等）。",
    )


class CaseChanges(StdModel):
    """ケースの更新の内容（担当の変更・訪問格付け）。版の指定が必要。"""

    model_config = ConfigDict(title="ケースの更新")

    version: int = Field(title="版", description="読み込んだときのケースの版。", ge=1)
    caseworker_id: RecordId | None = Field(
        default=None, title="担当現業員ID", description="新しい担当現業員。"
    )
    supervisor_id: RecordId | None = Field(
        default=None, title="査察指導員ID", description="新しい査察指導員。"
    )
    visit_grade_code: str | None = Field(
        default=None,
        title="訪問格付け",
        description="新しい訪問格付けの区分コード。",
        min_length=1,
        max_length=10,
    )


class CaseloadRow(StdModel):
    """現業員1人の担当世帯数。"""

    model_config = ConfigDict(title="担当世帯数")

    caseworker_id: RecordId = Field(title="現業員ID", description="現業員。")
    name: str = Field(title="氏名", description="現業員の氏名。")
    households: int = Field(title="担当世帯数", description="保護中・停止中のケースの数。", ge=0)
    standard: int = Field(
        title="標準の担当数",
        description="社会福祉法16条の標準数から求めた1人当たりの世帯数。",
        ge=1,
    )
    over_standard: bool = Field(title="標準超過", description="担当世帯数が標準を超えているか。")


class Caseload(StdModel):
    """福祉事務所の担当世帯数と、社会福祉法16条の標準数との比較。"""

    model_config = ConfigDict(title="担当世帯数と標準数")

    office_id: RecordId = Field(title="福祉事務所ID", description="福祉事務所。")
    households: int = Field(
        title="被保護世帯数", description="保護中・停止中のケースの合計。", ge=0
    )
    caseworkers: int = Field(title="現業員数", description="現業員の役割を持つ職員の数。", ge=0)
    standard_caseworkers: int = Field(
        title="現業員の標準数",
        description="社会福祉法16条による、この世帯数に対する現業員の標準数。",
        ge=0,
    )
    rows: list[CaseloadRow] = Field(title="現業員ごと", description="現業員ごとの担当世帯数。")


class AuditRecord(StdModel):
    """監査ログの記録1件（検索の結果）。"""

    model_config = ConfigDict(title="監査ログの記録")

    sequence: int = Field(title="連番", description="記録の連番（1から）。", ge=1)
    at: AwareDatetime = Field(title="日時", description="操作の日時。")
    actor_id: str = Field(
        title="職員ID", description="操作した職員（ログイン失敗ではログインID）。"
    )
    action: AuditAction = Field(title="操作の種類", description="閲覧・更新・拒否等。")
    record_type: str = Field(
        title="対象の種類", description="操作の対象の種類（case、case_list 等）。"
    )
    record_id: str = Field(title="対象ID", description="操作の対象の識別子。")
    case_id: str | None = Field(default=None, title="ケースID", description="対象のケース。")
    purpose: AccessPurpose | None = Field(
        default=None, title="利用目的", description="閲覧・利用の目的。"
    )
    detail: str = Field(
        title="内容",
        description="操作の内容（一覧に含まれたケース、変更前と変更後の値、拒否の理由等）。",
    )
    hash: str = Field(
        title="ハッシュ値", description="この記録のハッシュ値（直前の記録のハッシュ値を含む）。"
    )

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditRecord:
        """The API form of an audit entry."""
        return cls(
            sequence=entry.sequence,
            at=entry.at,
            actor_id=entry.actor_id,
            action=entry.action,
            record_type=entry.record_type,
            record_id=entry.record_id,
            case_id=entry.case_id,
            purpose=entry.purpose,
            detail=entry.detail,
            hash=entry.hash,
        )


class AuditPage(StdModel):
    """監査ログの検索結果（新しい順）。"""

    model_config = ConfigDict(title="監査ログの検索結果")

    items: list[AuditRecord] = Field(title="記録", description="条件に合う記録（新しい順）。")
    next_before: int | None = Field(
        default=None,
        title="次のページ",
        description="続きを求めるときに before に渡す連番（最後のページでは省略）。",
    )


# ==================================================================== the case lifecycle


class ConsultationDraft(StdModel):
    """面接相談の記録（福祉事務所はログインした職員から決まる）。"""

    model_config = ConfigDict(title="面接相談の登録")

    started_at: AwareDatetime = Field(title="相談日時", description="面接相談を始めた日時。")
    interviewer_id: RecordId = Field(
        title="対応職員", description="相談に応じた職員（この福祉事務所の職員）。"
    )
    person_name: str = Field(
        title="相談者氏名", description="相談者の氏名。", min_length=1, max_length=100
    )
    contact: str | None = Field(
        default=None,
        title="連絡先",
        description="相談者の電話番号・住所等。",
        min_length=1,
        max_length=200,
    )
    person_name_kana: KanaName | None = Field(
        default=None, title="相談者氏名カナ", description="相談者の氏名の読み。"
    )
    person_birth_date: date | None = Field(
        default=None, title="相談者生年月日", description="聴き取れた場合の生年月日。"
    )
    situation: str = Field(title="相談者の状況", description="生活状況・困りごと。", min_length=1)
    assets_summary: str | None = Field(
        default=None, title="資産の状況", description="預貯金・不動産・自動車等。"
    )
    debts_summary: str | None = Field(default=None, title="負債の状況", description="借金・滞納。")
    cash_on_hand: Yen | None = Field(default=None, title="手持金", description="相談時点の手持金。")
    guidance_given: str = Field(
        title="助言・説明の内容", description="制度の説明・他法他施策の案内など。", min_length=1
    )
    wishes_to_apply: WishToApply = Field(
        title="申請の意思",
        description="あり・なし・確認できずのいずれか。「あり」の相談は申請を受け付けて終えなければならない。",
    )
    wish_unconfirmed_reason: str | None = Field(
        default=None,
        title="確認できない事情",
        description="申請の意思を確認できなかった事情（「確認できず」の場合に必須）。",
    )
    wish_expressed_on: date | None = Field(
        default=None,
        title="申請の意思を示した日",
        description="申請の意思が「あり」の場合、その意思を示した日（申請の受付日の初期値）。",
    )
    application_form: FormHanding | None = Field(
        default=None, title="申請書様式の交付", description="申請書の様式を交付したか。"
    )
    form_handed_on: date | None = Field(
        default=None, title="交付日", description="申請書の様式を交付した日（交付した場合に必須）。"
    )
    form_not_handed_reason: str | None = Field(
        default=None,
        title="交付しなかった理由",
        description="様式を交付しなかった理由（申請の意思が「あり」の場合に必須）。",
    )


class ConsultationClosing(StdModel):
    """面接相談を終える（申請受付・他法他施策の案内・助言のみ）。"""

    model_config = ConfigDict(title="面接相談の終結")

    version: int = Field(title="版", description="読み込んだ相談記録の版。", ge=1)
    outcome: ConsultationOutcome = Field(
        title="相談の結果", description="申請受付・他法他施策の案内・助言のみのいずれか。"
    )
    application_id: RecordId | None = Field(
        default=None, title="申請ID", description="申請受付で終える場合の、登録した申請。"
    )


class ConsultationView(StdModel):
    """面接相談の記録と版。"""

    model_config = ConfigDict(title="面接相談")

    consultation: Consultation = Field(title="相談記録", description="面接相談の記録。")
    version: int = Field(title="版", description="楽観的排他制御の版。", ge=1)


class ApplicationContent(StdModel):
    """申請の内容（職員が受け付けた申請にも電子申請にも共通する項目）。"""

    model_config = ConfigDict(title="申請の内容")

    kind: ApplicationKind = Field(title="申請の種類", description="開始申請か変更申請か。")
    applicant_name: str = Field(
        title="申請者氏名", description="申請した者の氏名。", min_length=1, max_length=100
    )
    applicant_relationship: str = Field(
        title="要保護者との関係", description="本人・扶養義務者・同居の親族の別など。", min_length=1
    )
    household: Household | None = Field(
        default=None,
        title="世帯",
        description="開始申請の世帯（変更申請ではケースの世帯を使うので省略する）。",
    )
    case_id: RecordId | None = Field(
        default=None, title="ケースID", description="変更申請の対象のケース。"
    )
    requested_kinds: list[AssistanceKind] = Field(
        title="申請する扶助", description="申請する扶助の種類。", min_length=1
    )
    reason: str = Field(title="申請の理由", description="保護を求める理由。", min_length=1)
    caseworker_id: RecordId | None = Field(
        default=None,
        title="担当現業員ID",
        description="開始申請のケースを担当する現業員（省略時はログインした現業員）。",
    )


class ApplicationDraft(ApplicationContent):
    """保護の申請の登録（受付職員・福祉事務所はログインした職員から決まる）。"""

    model_config = ConfigDict(title="保護の申請の登録")

    received_on: date = Field(
        title="受付日", description="申請を受け付けた日（処理期限はこの翌日から数える）。"
    )
    received_on_change_reason: str | None = Field(
        default=None,
        title="受付日を変更する理由",
        description="相談記録の申請の意思を示した日と異なる受付日にする場合の理由（その場合に必須）。",
    )
    channel: ApplicationChannel = Field(
        title="受付方法", description="申請書・口頭・その他の書面・電子申請の別。"
    )
    place: ReceptionPlace | None = Field(
        default=None,
        title="受付の場所",
        description="窓口・郵送・訪問先の別（電子申請以外で必須、電子申請では省略）。",
    )
    consultation_id: RecordId | None = Field(
        default=None, title="相談ID", description="申請に先立つ面接相談。"
    )
    received_at: AwareDatetime | None = Field(
        default=None,
        title="受信日時",
        description="電子申請の受信日時（電子申請に必須。受付日はその日本時間の日付に限る）。",
    )
    attachments: list[Attachment] = Field(
        default_factory=list, title="添付書類", description="申請に添付された書類の目録。"
    )


class ElectronicApplication(ApplicationContent):
    """電子申請の受信。職員の処理を待たずに申請として登録し、受信した日（日本時間）を
    申請日として決定の期限を数え始める。受付方法は電子申請になる。"""

    model_config = ConfigDict(title="電子申請の受信")

    received_at: AwareDatetime = Field(
        title="受信日時", description="申請のデータを受信した日時（タイムゾーン付き）。"
    )
    attachments: list[Attachment] = Field(
        default_factory=list, title="添付書類", description="申請に添付された書類の目録。"
    )


class DecisionClockView(StdModel):
    """申請の処理期限とその状況。"""

    model_config = ConfigDict(title="申請の処理期限")

    received_on: date = Field(title="受付日", description="申請の受付日。")
    notice_due_on: date = Field(
        title="処理期限", description="決定を通知する期限（原則14日、生活保護法24条5項）。"
    )
    extended_due_on: date = Field(
        title="最終期限",
        description="理由を付して延ばせる上限（30日）。過ぎると却下とみなされうる（同条7項）。",
    )
    state: ClockState = Field(title="状況", description="処理期限に対する状況。")
    days_left: int = Field(
        title="残日数", description="適用される期限までの日数（過ぎていれば負の数）。"
    )
    edition: str = Field(title="期限の基準表の版", description="期限の日数を定めた基準表の版。")


class ApplicationView(StdModel):
    """保護の申請と版、処理期限。"""

    model_config = ConfigDict(title="保護の申請")

    application: Application = Field(title="申請", description="申請の記録。")
    version: int = Field(title="版", description="楽観的排他制御の版。", ge=1)
    case_id: RecordId = Field(
        title="ケースID", description="申請のケース（開始申請では新しいケース）。"
    )
    clock: DecisionClockView = Field(title="処理期限", description="処理期限とその状況。")


class ExtensionRequest(StdModel):
    """決定の期限を30日まで延ばす理由の記録（通知書に記載される）。"""

    model_config = ConfigDict(title="処理期限の延長")

    version: int = Field(title="版", description="読み込んだ申請の版。", ge=1)
    reason: str = Field(
        title="延長の理由",
        description="扶養義務者の資産及び収入の状況の調査に日時を要する等の具体的な理由。",
        min_length=1,
    )


class WithdrawalRequest(StdModel):
    """申請者本人の意思による申請の取下げ。署名のある取下書の受領と事情がそろわなければ
    取り下げられない（業務の規則として確かめ、欠けている項目をすべて示す）。"""

    model_config = ConfigDict(title="申請の取下げ")

    version: int = Field(title="版", description="読み込んだ申請の版。", ge=1)
    document_received_on: date | None = Field(
        default=None, title="取下書の受領日", description="本人の取下書を受け取った日。"
    )
    signed_by_applicant: bool | None = Field(
        default=None, title="本人の署名", description="取下書に申請者本人の署名があるか。"
    )
    circumstances: str | None = Field(
        default=None, title="取下げの事情", description="本人が申請を取り下げるに至った事情。"
    )


class PendingApplication(StdModel):
    """決定を待つ申請1件（処理期限の早い順の一覧の行）。"""

    model_config = ConfigDict(title="処理中の申請")

    application_id: RecordId = Field(title="申請ID", description="申請。")
    case_id: RecordId | None = Field(default=None, title="ケースID", description="申請のケース。")
    kind: ApplicationKind = Field(title="申請の種類", description="開始・変更。")
    applicant_name: str = Field(title="申請者", description="申請者の氏名。")
    caseworker_id: RecordId | None = Field(
        default=None, title="担当現業員", description="申請のケースを担当する現業員。"
    )
    supervisor_id: RecordId | None = Field(
        default=None, title="査察指導員", description="申請のケースの査察指導員。"
    )
    extension_reason: str | None = Field(
        default=None, title="延長の理由", description="記録された延長の理由。"
    )
    clock: DecisionClockView = Field(title="処理期限", description="処理期限とその状況。")


class PendingApplications(StdModel):
    """処理期限の迫る順の申請の一覧。"""

    model_config = ConfigDict(title="処理中の申請の一覧")

    office_id: RecordId = Field(title="福祉事務所ID", description="福祉事務所。")
    as_of: date = Field(title="基準日", description="残日数・状況を求めた日。")
    items: list[PendingApplication] = Field(
        title="申請", description="決定されていない申請（処理期限の早い順）。"
    )


class AlertKind(LabelledEnum):
    """職員への通知の種類。"""

    __title__ = "通知の種類"

    DEEMED_REJECTABLE = "deemed_rejectable", "30日経過（却下とみなされうる）"


class StaffAlert(StdModel):
    """職員への通知1件（その日に対応の必要な申請）。"""

    model_config = ConfigDict(title="職員への通知")

    kind: AlertKind = Field(title="通知の種類", description="何についての通知か。")
    application_id: RecordId = Field(title="申請ID", description="対象の申請。")
    case_id: RecordId | None = Field(default=None, title="ケースID", description="申請のケース。")
    applicant_name: str = Field(title="申請者", description="申請者の氏名。")
    since: date = Field(
        title="発生日", description="通知の対象になった日（30日経過では最終期限の翌日）。"
    )
    message: str = Field(title="内容", description="通知の内容（日本語）。", min_length=1)


class StaffAlerts(StdModel):
    """ログインした職員への通知の一覧。30日を経過して通知していない申請は、ケースの査察指導員と
    福祉事務所の課長に通知される（生活保護法24条7項: 申請者は却下とみなすことができる）。"""

    model_config = ConfigDict(title="職員への通知の一覧")

    staff_id: RecordId = Field(title="職員ID", description="通知を受ける職員（ログインした職員）。")
    as_of: date = Field(title="基準日", description="通知を求めた日。")
    items: list[StaffAlert] = Field(title="通知", description="その日の通知（発生日の早い順）。")


class ReviewKind(LabelledEnum):
    """査察指導員の確認を待つ事項の種類。"""

    __title__ = "確認の種類"

    WITHDRAWAL = "withdrawal", "申請の取下げ"


class ReviewItem(StdModel):
    """査察指導員の確認を待つ事項1件。"""

    model_config = ConfigDict(title="確認待ちの事項")

    kind: ReviewKind = Field(title="種類", description="確認する事項の種類。")
    application_id: RecordId = Field(title="申請ID", description="対象の申請。")
    case_id: RecordId | None = Field(default=None, title="ケースID", description="申請のケース。")
    applicant_name: str = Field(title="申請者", description="申請者の氏名。")
    received_on: date = Field(title="申請日", description="申請の受付日（取り下げても残る）。")
    recorded_on: date = Field(title="取下書の受領日", description="本人の取下書を受け取った日。")
    recorded_by: RecordId = Field(title="記録した職員ID", description="取下げを記録した職員。")
    circumstances: str = Field(title="取下げの事情", description="本人が取り下げるに至った事情。")


class ReviewQueue(StdModel):
    """査察指導員の確認待ちの一覧。申請の取下げは、本人の意思によることを査察指導員が
    確かめるまで一覧に残る（申請権の侵害の防止。生活保護法7条）。"""

    model_config = ConfigDict(title="査察指導員の確認待ちの一覧")

    office_id: RecordId = Field(title="福祉事務所ID", description="福祉事務所。")
    items: list[ReviewItem] = Field(title="確認待ち", description="確認を待つ事項（古い順）。")


class SupportInquiryDraft(StdModel):
    """扶養照会の記録（照会しない場合は許された理由と申請者の意向が必要）。"""

    model_config = ConfigDict(title="扶養照会の記録")

    obligor: SupportObligor = Field(title="扶養義務者", description="照会の相手。")
    status: SupportInquiryStatus = Field(
        title="照会の状況", description="照会予定・照会済・照会しない。"
    )
    applicant_view: str | None = Field(
        default=None, title="申請者の意向", description="照会について申請者から聴き取った意向。"
    )
    skip_reason: SupportInquirySkipReason | None = Field(
        default=None, title="照会しない理由", description="許された区分から選ぶ。"
    )
    skip_reason_detail: str | None = Field(
        default=None, title="照会しない理由の具体的内容", description="理由を裏づける事情。"
    )
    sent_on: date | None = Field(default=None, title="照会日", description="照会書を送付した日。")


class ExOfficioDraft(StdModel):
    """職権による保護の登録。急迫の事実・判断日・判断した職員は、欠けていれば項目ごとに示して拒否する。"""

    model_config = ConfigDict(title="職権による保護の登録")

    person_name: str = Field(
        title="対象者",
        description="急迫した状況にある要保護者の氏名（世帯の世帯主）。",
        min_length=1,
    )
    urgent_facts: str | None = Field(
        default=None,
        title="急迫と判断した事実",
        description="申請を待たずに保護を要すると判断した急迫の状況（具体的な事実）。必須。",
    )
    judged_on: date | None = Field(
        default=None, title="判断日", description="急迫した状況にあると判断した日。必須。"
    )
    judged_by: RecordId | None = Field(
        default=None,
        title="判断した職員",
        description="判断した職員（この福祉事務所の公務員）の職員ID。必須。",
    )
    household: Household = Field(
        title="世帯", description="要保護者の世帯（分かっている範囲の、判断日の状況）。"
    )
    caseworker_id: RecordId | None = Field(
        default=None,
        title="担当現業員ID",
        description="新しいケースの担当現業員（省略時はログインした現業員）。",
    )


class ExOfficioRegistration(StdModel):
    """職権による保護の登録の結果: 申請によらない開始を待つケースと、判断の記録。"""

    model_config = ConfigDict(title="職権による保護")

    case_id: RecordId = Field(title="ケースID", description="職権による保護のために開いたケース。")
    version: int = Field(title="版", description="ケースの版。", ge=1)
    person_name: str = Field(title="対象者", description="要保護者の氏名。")
    start_basis: StartBasis = Field(
        title="開始の区分", description="申請による開始と区別する区分（常に職権）。"
    )
    record: ExOfficioRecord = Field(
        title="職権による保護の記録", description="急迫と判断した事実・判断日・判断した職員。"
    )


class DecisionDraft(StdModel):
    """保護の決定の起案。開始・変更の額は計算の入力から基準表により算定する。"""

    model_config = ConfigDict(title="保護の決定の起案")

    case_id: RecordId = Field(title="ケースID", description="決定の対象のケース。")
    application_id: RecordId | None = Field(
        default=None, title="申請ID", description="申請に対する決定（開始・却下・変更申請）の申請。"
    )
    kind: DecisionKind = Field(title="決定の種類", description="開始・却下・変更・停止・廃止。")
    effective_on: date = Field(title="適用日", description="決定が効力を持つ日。")
    reasons: list[str] = Field(
        title="決定の理由", description="通知書に記載する理由（具体的に）。", min_length=1
    )
    rejection_reason: RejectionReason | None = Field(
        default=None, title="却下の理由の区分", description="却下の決定の場合の区分。"
    )
    termination_reason: TerminationReason | None = Field(
        default=None, title="廃止の理由の区分", description="廃止の決定の場合の区分。"
    )
    withdrawal: WithdrawalDeclaration | None = Field(
        default=None,
        title="辞退届の受領記録",
        description="辞退による廃止の場合の、本人が署名した辞退届の受領記録（欠けがあれば起案できない）。",
    )
    free_will_check: FreeWillCheck | None = Field(
        default=None,
        title="辞退の任意性の確認",
        description="辞退による廃止の場合の、辞退が本人の自由な意思によることの確認記録。",
    )
    transferred_to: RecordId | None = Field(
        default=None, title="移管先福祉事務所ID", description="移管による廃止の場合の移管先。"
    )
    calculation: CalculationInput | None = Field(
        default=None,
        title="計算の入力",
        description="開始・変更の決定の額を算定する入力（世帯・月・収入等）。",
    )
    amounts: AssistanceAmounts | None = Field(
        default=None,
        title="扶助別の額（確認用）",
        description="起案者が確認した扶助別の額。指定した場合は計算の結果と一致しなければならない。",
    )


class DecisionWarning(StdModel):
    """起案の時点で確認を促す事項（起案は止めない）。"""

    model_config = ConfigDict(title="起案時の警告")

    code: str = Field(title="警告の種類", description="警告の種類のコード。")
    message: str = Field(title="警告の内容", description="警告の内容（日本語）。")


class DecisionView(StdModel):
    """保護の決定と版、その額の計算の説明。"""

    model_config = ConfigDict(title="保護の決定")

    decision: Decision = Field(title="決定", description="決定の記録。")
    version: int = Field(title="版", description="楽観的排他制御の版。", ge=1)
    calculation: CalculationResult | None = Field(
        default=None, title="計算の説明", description="開始・変更の決定の額の計算と説明。"
    )
    warnings: list[DecisionWarning] = Field(
        default_factory=list,
        title="警告",
        description="決裁の前に起案者・決裁者に示す注意（稼働能力の調査・他法他施策の確認の漏れ、却下の理由が定型文だけである等）。",
    )


class VersionOnly(StdModel):
    """読み込んだ記録の版（決裁・通知など、版のほかに入力のない操作）。"""

    model_config = ConfigDict(title="版の指定")

    version: int = Field(title="版", description="読み込んだ記録の版。", ge=1)


class ReviewRequestDraft(StdModel):
    """審査請求の登録（対象の決定・請求日・審査庁・諮問の有無）。裁決の期限は実装が算出する。"""

    model_config = ConfigDict(title="審査請求の登録")

    decision_id: RecordId = Field(
        title="対象の決定ID", description="審査請求の対象となった、決裁済みの保護の決定。"
    )
    requested_on: date = Field(title="請求日", description="審査請求がされた日。")
    reviewing_authority: str = Field(
        title="審査庁",
        description="審査請求を受けた都道府県知事（生活保護法64条。例: 東京都知事）。",
        min_length=1,
        max_length=100,
    )
    consults_board: bool = Field(
        title="行政不服審査会等への諮問",
        description="審査庁が行政不服審査会等に諮問するか（裁決の期間が50日から70日になる）。",
    )


class RulingRecord(StdModel):
    """審査請求の裁決の記録。"""

    model_config = ConfigDict(title="裁決の記録")

    version: int = Field(title="版", description="読み込んだときの審査請求の版。", ge=1)
    ruled_on: date = Field(title="裁決日", description="裁決があった日。")
    ruling: ReviewRuling = Field(title="裁決内容", description="認容・棄却・却下の別。")
    further_review: bool = Field(
        title="再審査請求",
        description="裁決に対して厚生労働大臣への再審査請求がされたか（生活保護法66条）。",
    )


class ReviewRequestView(StdModel):
    """審査請求と、基準日における裁決期限の経過。"""

    model_config = ConfigDict(title="審査請求の状況")

    review_request: ReviewRequest = Field(title="審査請求", description="審査請求の記録。")
    version: int = Field(title="版", description="審査請求の版（裁決の記録時に指定する）。", ge=1)
    as_of: date = Field(title="基準日", description="期限の経過を判断した日。")
    overdue: bool = Field(
        title="裁決期限の経過",
        description="裁決がないまま裁決の期限を過ぎているか（請求人は棄却されたものとみなすことができる。生活保護法65条2項）。",
    )
    deadline_edition: str = Field(
        title="期限の基準表の版",
        description="裁決の期限を算出した基準表の版（review_ruling_deadline@…）。",
    )


class ReviewRequests(StdModel):
    """福祉事務所の審査請求の一覧（裁決の期限の早い順）。"""

    model_config = ConfigDict(title="審査請求の一覧")

    office_id: RecordId = Field(title="福祉事務所ID", description="福祉事務所。")
    as_of: date = Field(title="基準日", description="期限の経過を判断した日。")
    items: list[ReviewRequestView] = Field(
        title="審査請求", description="審査請求（裁決の期限の早い順）。"
    )


class WishChangeRecord(StdModel):
    """本人の申請の意思の変化を示す記録の追加。"""

    model_config = ConfigDict(title="申請の意思の変化の記録")

    version: int = Field(title="版", description="読み込んだときの相談記録の版。", ge=1)
    account: str = Field(
        title="本人の意思の変化を示す記録",
        description="本人の申出の日時・方法・内容。",
        min_length=1,
    )


class WishAmendment(StdModel):
    """相談記録の申請の意思の変更。"""

    model_config = ConfigDict(title="申請の意思の変更")

    version: int = Field(title="版", description="読み込んだときの相談記録の版。", ge=1)
    wishes_to_apply: WishToApply = Field(
        title="申請の意思", description="改めた申請の意思（あり・なし・確認できず）。"
    )
    wish_unconfirmed_reason: str | None = Field(
        default=None,
        title="確認できない事情",
        description="「確認できず」に改める場合の事情。",
        min_length=1,
    )


class DecisionDeadlineRule(StdModel):
    """申請の処理期限の算出規則: 基準日に適用される基準表の日数と根拠。"""

    model_config = ConfigDict(title="申請の処理期限の算出規則")

    on: date = Field(
        title="基準日", description="規則を求めた日（この日に受け付けた申請に適用される）。"
    )
    notice_days: int = Field(
        title="通知期限の日数", description="申請の受付日から決定を通知するまでの日数。", ge=1
    )
    extended_days: int = Field(
        title="延長時の最終期限の日数",
        description="特別な理由を記録して延長する場合の上限の日数（過ぎると却下とみなされうる）。",
        ge=1,
    )
    warning_days: int = Field(
        title="期限の警告を始める日数",
        description="通知期限の何日前から処理期限の迫る申請として知らせるか（運用上の値）。",
        ge=0,
    )
    counting: str = Field(
        title="日数の数え方", description="期間の起算の方法（初日不算入: 受付日の翌日から数える）。"
    )
    valid_from: date = Field(
        title="適用開始日", description="この日数を定めた基準表の版の適用開始日。"
    )
    edition: str = Field(title="基準表の版", description="日数を読んだ基準表の版。")
    basis: str = Field(title="根拠", description="通知期限を定める条項（引用の形）。")
    legal_basis: list[LegalRef] = Field(
        title="根拠の条項",
        description="基準表が引く根拠の条項（延長・みなし却下・変更申請を含む）。",
    )
