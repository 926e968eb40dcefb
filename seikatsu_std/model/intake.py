"""Consultation (面接相談) and application (保護申請): where the legal clock starts.

References: 生活保護法7条 (申請保護の原則), 24条1項 (申請書の提出。特別の事情があるときは
この限りでない), 5項・7項・9項 (決定の期限).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import AssistanceKind, KanaName, RecordId, Yen, repeated_values


class ConsultationOutcome(LabelledEnum):
    """面接相談の結果。申請の意思が示された相談は「申請受付」以外で終えられない（法7条）。"""

    __title__ = "相談の結果"

    APPLICATION_TAKEN = "application_taken", "申請受付"
    REFERRED_TO_OTHER_MEASURES = "referred_to_other_measures", "他法他施策の案内"
    ADVICE_ONLY = "advice_only", "助言のみで終了"
    CONTINUING = "continuing", "継続相談"


class WishToApply(LabelledEnum):
    """面接相談で確かめた保護の申請の意思。確かめられなかったときはその事情を残す。"""

    __title__ = "申請の意思"

    YES = "yes", "あり"
    NO = "no", "なし"
    UNCONFIRMED = "unconfirmed", "確認できず"


class FormHanding(LabelledEnum):
    """申請書の様式を相談者に交付したか。"""

    __title__ = "申請書様式の交付"

    HANDED = "handed", "交付した"
    NOT_HANDED = "not_handed", "交付しなかった"


def _only_with(value: object, condition: bool, message: str) -> None:
    """A field that may be recorded only under ``condition`` (``message``: 日本語 (english))."""
    if value is not None and not condition:
        raise ValueError(message)


def _needed(value: object, condition: bool, message: str) -> None:
    """A field that must be recorded under ``condition``."""
    if condition and (value is None or (isinstance(value, str) and not value.strip())):
        raise ValueError(message)


class WishChange(StdModel):
    """相談者の申請の意思の変化の記録: 本人の申出の内容と、それを確かめた査察指導員。

    「あり」と記録した申請の意思は、本人の意思の変化を示す記録と査察指導員の確認が
    なければ改められない（REQ-APP-004）。
    """

    model_config = ConfigDict(title="申請の意思の変化")

    recorded_on: date = Field(title="記録日", description="意思の変化を記録した日。")
    account: str = Field(
        title="本人の意思の変化を示す記録",
        description="本人の申出の日時・方法・内容（例: 本人から電話。親族の援助が決まり申請しないとのこと）。",
        min_length=1,
    )
    recorded_by: RecordId = Field(title="記録者ID", description="申出を聴いて記録した職員。")
    confirmed_by: RecordId | None = Field(
        default=None,
        title="確認した査察指導員ID",
        description="本人の意思の変化であることを確かめた査察指導員・課長（確認前は省略）。",
    )
    confirmed_on: date | None = Field(
        default=None, title="確認日", description="査察指導員が確認した日（確認前は省略）。"
    )


class Consultation(Record):
    """面接相談の記録。

    相談者が申請の意思を示した場合は必ず申請を受け付ける（いわゆる水際作戦の防止）。
    このレコードは、申請の意思があるのに申請受付以外の結果で閉じることを許さない。

    References: 生活保護法7条; seed 003 (江戸川区の再発防止策).
    """

    model_config = ConfigDict(title="面接相談")

    record_type: Literal["consultation"] = record_type_field("consultation")
    id: RecordId = Field(title="相談ID", description="相談記録の識別子。")
    office_id: RecordId = Field(title="福祉事務所ID", description="相談を受けた福祉事務所。")
    started_at: AwareDatetime = Field(
        title="相談日時", description="面接相談を始めた日時（タイムゾーン付き）。"
    )
    interviewer_id: RecordId = Field(title="面接相談員ID", description="相談に応じた職員。")
    person_name: str = Field(
        title="相談者氏名", description="相談者の氏名。", min_length=1, max_length=100
    )
    contact: str | None = Field(
        default=None,
        title="連絡先",
        description="相談者に連絡できる電話番号・住所等（聴き取れた場合）。",
        min_length=1,
        max_length=200,
    )
    person_name_kana: KanaName | None = Field(
        default=None, title="相談者氏名カナ", description="相談者の氏名の読み。"
    )
    person_birth_date: date | None = Field(
        default=None, title="相談者生年月日", description="相談者の生年月日（聴き取れた場合）。"
    )
    situation: str = Field(
        title="相談者の状況",
        description="生活状況・困りごと・世帯の状況の聴き取り内容。",
        min_length=1,
    )
    assets_summary: str | None = Field(
        default=None, title="資産の状況", description="預貯金・不動産・自動車等の状況。"
    )
    debts_summary: str | None = Field(
        default=None, title="負債の状況", description="借金・滞納の状況。"
    )
    cash_on_hand: Yen | None = Field(
        default=None, title="手持金", description="相談時点の手持金（円）。"
    )
    guidance_given: str = Field(
        title="助言・説明の内容",
        description="制度の説明、他法他施策の案内など、相談者に伝えた内容。",
        min_length=1,
    )
    wishes_to_apply: WishToApply = Field(
        title="申請の意思",
        description="相談者が保護を申請する意思を示したか（あり・なし・確認できず）。"
        "「あり」の場合は申請を受け付けなければならない。",
    )
    wish_unconfirmed_reason: str | None = Field(
        default=None,
        title="確認できない事情",
        description="申請の意思を確認できなかった事情（「確認できず」の場合に必須）。",
        min_length=1,
    )
    wish_expressed_on: date | None = Field(
        default=None,
        title="申請の意思を示した日",
        description="相談者が申請の意思を示した日（「あり」の場合）。相談から登録する申請の受付日の初期値になる。",
    )
    application_form: FormHanding | None = Field(
        default=None,
        title="申請書様式の交付",
        description="申請書の様式を相談者に交付したか。",
    )
    form_handed_on: date | None = Field(
        default=None,
        title="交付日",
        description="申請書の様式を交付した日（交付した場合に必須）。",
    )
    form_not_handed_reason: str | None = Field(
        default=None,
        title="交付しなかった理由",
        description="申請書の様式を交付しなかった理由（申請の意思が「あり」の場合に必須）。",
        min_length=1,
    )
    wish_changes: list[WishChange] = Field(
        default_factory=list,
        title="申請の意思の変化の記録",
        description="「あり」と記録した申請の意思について、本人の意思の変化を示す記録と査察指導員の確認（古い順）。",
    )
    outcome: ConsultationOutcome = Field(title="相談の結果", description="相談をどう終えたか。")
    application_id: RecordId | None = Field(
        default=None,
        title="申請ID",
        description="申請を受け付けた場合の申請の識別子。",
    )

    @model_validator(mode="after")
    def _wish_recorded_with_its_facts(self) -> Self:
        wish = self.wishes_to_apply
        unconfirmed = wish is WishToApply.UNCONFIRMED
        _needed(
            self.wish_unconfirmed_reason,
            unconfirmed,
            "申請の意思が「確認できず」の場合は確認できない事情を記録してください "
            "(wish_unconfirmed_reason required when the wish could not be confirmed)",
        )
        _only_with(
            self.wish_unconfirmed_reason,
            unconfirmed,
            "確認できない事情は申請の意思が「確認できず」の場合に記録します "
            "(wish_unconfirmed_reason only when the wish could not be confirmed)",
        )
        _only_with(
            self.wish_expressed_on,
            wish is WishToApply.YES,
            "申請の意思を示した日は申請の意思が「あり」の場合に記録します "
            "(wish_expressed_on only when the person wished to apply)",
        )
        handed = self.application_form is FormHanding.HANDED
        not_handed = self.application_form is FormHanding.NOT_HANDED
        _needed(
            self.form_handed_on,
            handed,
            "申請書様式を交付した場合は交付日を記録してください "
            "(form_handed_on required when the form was handed)",
        )
        _only_with(
            self.form_handed_on,
            handed,
            "交付日は申請書様式を交付した場合に記録します (form_handed_on only when handed)",
        )
        _needed(
            self.form_not_handed_reason,
            not_handed and wish is WishToApply.YES,
            "申請の意思が「あり」で申請書様式を交付しなかった場合は交付しなかった理由が必要です "
            "(form_not_handed_reason required when a person wishing to apply got no form)",
        )
        _only_with(
            self.form_not_handed_reason,
            not_handed,
            "交付しなかった理由は申請書様式を交付しなかった場合に記録します "
            "(form_not_handed_reason only when the form was not handed)",
        )
        return self

    @model_validator(mode="after")
    def _wish_to_apply_means_application(self) -> Self:
        ended_without = self.outcome in (
            ConsultationOutcome.REFERRED_TO_OTHER_MEASURES,
            ConsultationOutcome.ADVICE_ONLY,
        )
        if self.wishes_to_apply is WishToApply.YES and ended_without:
            raise ValueError(
                "申請の意思を示した相談は申請受付以外の結果で終えられません（生活保護法7条） "
                "(a consultation in which the person wished to apply must end with an application)"
            )
        taken = self.outcome is ConsultationOutcome.APPLICATION_TAKEN
        if taken and self.application_id is None:
            raise ValueError(
                "申請受付の相談には申請IDが必要です (application_id required when application taken)"
            )
        if not taken and self.application_id is not None:
            raise ValueError(
                "申請受付でない相談に申請IDは記録できません "
                "(application_id only when an application was taken)"
            )
        return self


class ApplicationKind(LabelledEnum):
    """申請の種類。変更申請にも14日・30日の期限が適用される（法24条9項）。"""

    __title__ = "申請の種類"

    START = "start", "保護開始申請"
    CHANGE = "change", "保護変更申請"


class ApplicationChannel(LabelledEnum):
    """申請の受付方法。申請は申請書によるのが原則だが、特別の事情があるときは口頭や
    様式の整わない書面による申請も申請として受け付ける（生活保護法24条1項ただし書）。"""

    __title__ = "受付方法"

    WRITTEN_FORM = "written_form", "申請書"
    ORAL = "oral", "口頭"
    OTHER_WRITING = "other_writing", "その他の書面"
    ELECTRONIC = "electronic", "電子申請"


class ReceptionPlace(LabelledEnum):
    """申請を受け付けた場所（電子申請にはない）。"""

    __title__ = "受付の場所"

    COUNTER = "counter", "窓口"
    MAIL = "mail", "郵送"
    VISIT = "visit", "訪問先（入院先等）"


class ApplicationStatus(LabelledEnum):
    """申請の処理状況。"""

    __title__ = "申請の処理状況"

    RECEIVED = "received", "受付"
    INVESTIGATING = "investigating", "調査中"
    DECIDED = "decided", "決定済"
    WITHDRAWN = "withdrawn", "取下げ"


class Attachment(StdModel):
    """申請に添付された書類（電子申請の添付ファイル等）。内容はケースの書類として保管し、
    ここにはその目録を記録する。"""

    model_config = ConfigDict(title="添付書類")

    file_name: str = Field(
        title="ファイル名", description="添付された書類のファイル名。", min_length=1, max_length=255
    )
    media_type: str | None = Field(
        default=None,
        title="ファイルの種類",
        description="メディアタイプ（application/pdf 等）。",
        min_length=1,
        max_length=100,
    )


class ApplicationWithdrawal(StdModel):
    """申請の取下げの記録。取下げは本人の意思によるものに限り、本人が署名した取下書と
    取り下げるに至った事情を残す（申請権の侵害を防ぐ。生活保護法7条）。"""

    model_config = ConfigDict(title="申請の取下げの記録")

    document_received_on: date = Field(
        title="取下書の受領日", description="本人の取下書を受け取った日。"
    )
    signed_by_applicant: bool = Field(
        title="本人の署名",
        description="取下書に申請者本人の署名があるか（ある場合に限り取り下げられる）。",
    )
    circumstances: str = Field(
        title="取下げの事情",
        description="本人が申請を取り下げるに至った事情（就職・親族の援助等）。",
        min_length=1,
    )
    recorded_by: RecordId = Field(title="記録した職員ID", description="取下げを記録した職員。")
    reviewed_by: RecordId | None = Field(
        default=None,
        title="確認した査察指導員ID",
        description="取下げが本人の意思によることを確認した査察指導員（確認するまでは確認待ち）。",
    )
    reviewed_on: date | None = Field(
        default=None, title="査察指導員の確認日", description="査察指導員が取下げを確認した日。"
    )

    @model_validator(mode="after")
    def _signed(self) -> Self:
        if (self.reviewed_by is None) != (self.reviewed_on is None):
            raise ValueError(
                "確認した査察指導員と確認日はそろえて記録します (reviewed_by iff reviewed_on)"
            )
        if not self.signed_by_applicant:
            raise ValueError(
                "取下書に本人の署名がなければ取下げを記録できません "
                "(a withdrawal needs the applicant's signed document)"
            )
        return self


class Application(Record):
    """保護の申請。受付日から決定の期限（原則14日、理由を付して30日）が進行する。

    References: 生活保護法7条, 24条1項・5項・7項・9項.
    """

    model_config = ConfigDict(title="保護申請")

    record_type: Literal["application"] = record_type_field("application")
    id: RecordId = Field(title="申請ID", description="申請の識別子。")
    office_id: RecordId = Field(title="福祉事務所ID", description="申請を受け付けた福祉事務所。")
    kind: ApplicationKind = Field(title="申請の種類", description="開始申請か変更申請か。")
    received_on: date = Field(
        title="申請日",
        description="申請を受け付けた日（決定期限の起算日）。",
    )
    received_on_change_reason: str | None = Field(
        default=None,
        title="受付日を変更する理由",
        description="相談で申請の意思を示した日と異なる日を受付日とした理由。",
        min_length=1,
    )
    received_at: AwareDatetime | None = Field(
        default=None,
        title="受信日時",
        description="電子申請を受信した日時。受信した日（日本時間）が申請日になる。",
    )
    attachments: list[Attachment] = Field(
        default_factory=list,
        title="添付書類",
        description="申請に添付された書類（電子申請の添付ファイル等）。",
    )
    channel: ApplicationChannel = Field(
        title="受付方法",
        description="申請書・口頭・その他の書面・電子申請の別。申請書がなくても申請として受け付ける。",
    )
    place: ReceptionPlace | None = Field(
        default=None,
        title="受付の場所",
        description="窓口・郵送・訪問先の別（電子申請では記録しない）。",
    )
    received_by: RecordId = Field(title="受付職員ID", description="申請を受け付けた職員。")
    applicant_name: str = Field(
        title="申請者氏名", description="申請者の氏名。", min_length=1, max_length=100
    )
    applicant_relationship: str = Field(
        title="要保護者との関係",
        description="申請者と要保護者の関係（本人、扶養義務者、同居の親族の別）。",
        min_length=1,
        max_length=40,
    )
    household_id: RecordId = Field(title="世帯ID", description="保護を求める世帯。")
    case_id: RecordId | None = Field(
        default=None,
        title="ケースID",
        description="変更申請の場合、対象のケース。開始申請では決定時に付される。",
    )
    consultation_id: RecordId | None = Field(
        default=None, title="相談ID", description="申請に先立つ面接相談の記録。"
    )
    requested_kinds: list[AssistanceKind] = Field(
        title="申請する扶助",
        description="申請で求める扶助の種類。",
        min_length=1,
    )
    reason: str = Field(
        title="申請の理由",
        description="保護を必要とする理由（申請書の記載）。",
        min_length=1,
    )
    status: ApplicationStatus = Field(title="処理状況", description="申請の現在の処理状況。")
    extension_reason: str | None = Field(
        default=None,
        title="決定期限延長の理由",
        description="14日を超えて30日まで決定を延ばす理由（扶養義務者の資産調査に日時を要する等）。通知書に記載する。",
        min_length=1,
    )

    notified_on: date | None = Field(
        default=None,
        title="決定通知日",
        description="申請に対する決定を通知した日。通知するまで決定の期限（14日・30日）は進み続ける。",
    )
    withdrawal: ApplicationWithdrawal | None = Field(
        default=None,
        title="取下げの記録",
        description="取り下げられた申請の、取下書と事情の記録。",
    )

    @model_validator(mode="after")
    def _place_fits_channel(self) -> Self:
        electronic = self.channel is ApplicationChannel.ELECTRONIC
        _needed(
            self.place,
            not electronic,
            "電子申請以外の申請には受付の場所が必要です (place required unless electronic)",
        )
        _only_with(
            self.place,
            not electronic,
            "電子申請に受付の場所は記録できません (no place for an electronic application)",
        )
        _needed(
            self.received_at,
            electronic,
            "電子申請には受信日時が必要です (received_at required for an electronic application)",
        )
        _only_with(
            self.received_at,
            electronic,
            "受信日時は電子申請にだけ記録します (received_at only for an electronic application)",
        )
        if self.channel is ApplicationChannel.ORAL and self.place is ReceptionPlace.MAIL:
            raise ValueError(
                "口頭による申請を郵送で受け付けることはできません (an oral application is not mailed)"
            )
        _only_with(
            self.withdrawal,
            self.status is ApplicationStatus.WITHDRAWN,
            "取下げの記録は取り下げられた申請にだけ記録できます "
            "(withdrawal only on a withdrawn application)",
        )
        return self

    @model_validator(mode="after")
    def _case_for_change(self) -> Self:
        if self.kind is ApplicationKind.CHANGE and self.case_id is None:
            raise ValueError("変更申請には対象のケースIDが必要です (case_id required for change)")
        repeated = repeated_values(self.requested_kinds)
        if repeated:
            raise ValueError(
                f"申請する扶助が重複しています: {', '.join(repeated)} (duplicate requested kind)"
            )
        return self
