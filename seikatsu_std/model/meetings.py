"""Consent, inter-agency meetings and the log of every disclosure of personal information.

Who may see what, on which legal basis: consent (同意) is recorded per person with its
recipients, information categories and validity; meetings record the consent they relied on;
every disclosure (情報提供) is logged with its legal basis. Whether a consent actually covers a
disclosure at the time is checked by workflow rules; :meth:`Consent.covers` is the pure test.

References: 生活困窮者自立支援法9条 (支援会議: 本人の同意なしに情報共有できる、構成員に守秘義務と
罰則); 支援調整会議 (本人の同意が必要) — seed 002; 民間団体への情報提供は本人への説明と同意の後
(seed 001); 令和6年法律第21号による被保護者の調整会議 (詳細は未確認, FACTS.md); 生活保護法29条.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Annotated, Literal, Self

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import Period, RecordId

_Text = Annotated[str, Field(min_length=1, max_length=500)]
"""A non-empty short text (an item of a list: a purpose, an organisation name)."""


def _normalise(name: str) -> str:
    """Compare organisation names without width or surrounding-space differences."""
    return unicodedata.normalize("NFKC", name).strip()


class MeetingType(LabelledEnum):
    """会議の種類。情報共有に本人の同意が要るかどうかが種類によって異なる。

    支援会議（生活困窮者自立支援法9条）は本人の同意がなくても情報を共有でき、構成員は守秘義務を
    負い漏らせば罰則がある。支援調整会議は本人の同意が必要。調整会議は令和6年改正で被保護者に
    ついて設けられた会議（詳細は未確認）。ケース診断会議は福祉事務所内部の会議。

    References: 生活困窮者自立支援法9条; seed 002「支援会議と支援調整会議の整理」; FACTS.md。
    """

    __title__ = "会議の種類"

    SUPPORT_MEETING = "support_meeting", "支援会議（生活困窮者自立支援法9条）"
    SUPPORT_COORDINATION_MEETING = "support_coordination_meeting", "支援調整会議"
    RECIPIENT_COORDINATION_MEETING = "recipient_coordination_meeting", "調整会議（被保護者）"
    CASE_CONFERENCE = "case_conference", "ケース診断会議（所内）"


class InformationCategory(LabelledEnum):
    """提供・共有する個人情報の区分。同意の範囲と情報提供の記録に共通して用いる。"""

    __title__ = "情報の区分"

    IDENTITY = "identity", "基本情報（氏名・生年月日・連絡先等）"
    HOUSEHOLD = "household", "世帯状況"
    INCOME_ASSETS = "income_assets", "収入・資産"
    HEALTH = "health", "健康・医療"
    EMPLOYMENT = "employment", "就労"
    EDUCATION = "education", "就学"
    HOUSING = "housing", "住居"
    CASE_RECORD = "case_record", "ケース記録"


class ConsentMethod(LabelledEnum):
    """同意の取得方法。"""

    __title__ = "同意の方法"

    WRITTEN = "written", "書面"
    ORAL_RECORDED = "oral_recorded", "口頭（記録あり）"


class DisclosureBasis(LabelledEnum):
    """個人情報を提供した根拠の種類。"""

    __title__ = "情報提供の根拠"

    CONSENT = "consent", "本人の同意"
    SUPPORT_MEETING = "support_meeting", "支援会議（生活困窮者自立支援法9条）"
    LAW = "law", "生活保護法に基づく照会・回答（法29条等）"
    OTHER_STATUTE = "other_statute", "その他の法令の規定"


class Consent(Record):
    """同意: 本人が、説明を受けた上で、どの機関にどの情報をどの目的で提供してよいかを認めた記録。

    References: seed 001（民間団体への提供は本人への説明と同意の後）; seed 002（支援調整会議・
    自立支援プログラムは本人同意の上で）。
    """

    model_config = ConfigDict(title="同意")

    record_type: Literal["consent"] = record_type_field("consent")
    id: RecordId = Field(title="同意ID", description="同意の識別子。")
    case_id: RecordId = Field(title="ケースID", description="同意に関係するケース。")
    member_id: RecordId = Field(
        title="世帯員ID", description="同意した本人（情報の本人である世帯員）。"
    )
    purposes: list[_Text] = Field(
        title="利用目的",
        description="情報を提供する目的（1つ以上）。",
        min_length=1,
    )
    recipients: list[_Text] = Field(
        title="提供先",
        description="情報の提供を認めた機関の名称（1つ以上）。",
        min_length=1,
    )
    categories: list[InformationCategory] = Field(
        title="情報の区分",
        description="提供を認めた情報の区分（1つ以上）。",
        min_length=1,
    )
    explanation: str = Field(
        title="説明の内容",
        description="同意を得る前に本人に説明した内容（提供先・目的・撤回できること等）。",
        min_length=1,
        max_length=4000,
    )
    given_on: date = Field(title="同意日", description="本人が同意した日。")
    method: ConsentMethod = Field(title="同意の方法", description="書面・口頭（記録あり）の別。")
    recorded_by_staff_id: RecordId = Field(
        title="記録者職員ID", description="同意を得て記録した職員。"
    )
    valid: Period = Field(title="有効期間", description="同意が有効な期間。")
    withdrawn_on: date | None = Field(
        default=None,
        title="撤回日",
        description="本人が同意を撤回した日（撤回の日以後は提供できない）。",
    )

    @model_validator(mode="after")
    def _dates_consistent(self) -> Self:
        if self.valid.start < self.given_on:
            raise ValueError(
                f"有効期間の開始日 {self.valid.start.isoformat()} が同意日 "
                f"{self.given_on.isoformat()} より前です (consent valid before it was given)"
            )
        if self.withdrawn_on is not None and self.withdrawn_on < self.given_on:
            raise ValueError(
                f"撤回日 {self.withdrawn_on.isoformat()} が同意日 {self.given_on.isoformat()} "
                "より前です (withdrawn_on before given_on)"
            )
        return self

    def covers(self, recipient: str, category: str, on: date) -> bool:
        """True when this consent allows giving ``category`` information to ``recipient`` on ``on``.

        The consent must have been given by ``on``, be within its validity period and not
        withdrawn on or before ``on``; ``recipient`` must be one of the named recipients
        (compared after NFKC normalisation and trimming) and ``category`` one of the
        allowed information categories (its ASCII value).
        """
        if on < self.given_on or not self.valid.contains(on):
            return False
        if self.withdrawn_on is not None and on >= self.withdrawn_on:
            return False
        wanted = _normalise(recipient)
        if not any(_normalise(allowed) == wanted for allowed in self.recipients):
            return False
        return category in self.categories


class MeetingParticipant(StdModel):
    """会議の参加者1人。"""

    model_config = ConfigDict(title="会議の参加者")

    name: str = Field(title="氏名", description="参加者の氏名。", min_length=1, max_length=100)
    organisation: str = Field(
        title="所属機関",
        description="参加者の所属機関の名称。",
        min_length=1,
        max_length=200,
    )
    is_private_partner: bool = Field(
        title="民間団体",
        description="民間の団体（NPO・社会福祉法人・企業等）の参加者か。",
    )
    staff_id: RecordId | None = Field(
        default=None,
        title="職員ID",
        description="福祉事務所の職員なら職員ID。",
    )


class Meeting(Record):
    """関係機関の会議・ケース診断会議の記録。

    References: 生活困窮者自立支援法9条（支援会議）; seed 002（支援会議と支援調整会議の整理）。
    """

    model_config = ConfigDict(title="会議")

    record_type: Literal["meeting"] = record_type_field("meeting")
    id: RecordId = Field(title="会議ID", description="会議の識別子。")
    meeting_type: MeetingType = Field(title="会議の種類", description="会議の種類。")
    held_on: date = Field(title="開催日", description="会議を開催した日。")
    organiser_office_id: RecordId = Field(
        title="主催福祉事務所ID", description="会議を主催した福祉事務所。"
    )
    participants: list[MeetingParticipant] = Field(
        title="参加者",
        description="会議の参加者（1人以上）。",
        min_length=1,
    )
    case_ids: list[RecordId] = Field(
        default_factory=list,
        title="検討したケースID",
        description="会議で検討した個別のケース（地域の支援体制の検討のみなら省略）。",
    )
    consent_ids: list[RecordId] = Field(
        default_factory=list,
        title="依拠した同意ID",
        description="情報共有の根拠とした本人の同意。",
    )
    confidentiality_acknowledged: bool = Field(
        title="守秘義務の確認",
        description="参加者が守秘義務を確認したか。",
    )
    minutes_summary: str = Field(
        title="議事の要旨",
        description="会議で共有・協議・決定した内容の要旨。",
        min_length=1,
        max_length=10000,
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (
            self.meeting_type is MeetingType.SUPPORT_COORDINATION_MEETING
            and self.case_ids
            and not self.consent_ids
        ):
            raise ValueError(
                "支援調整会議で個別のケースを検討するには、依拠した本人の同意の記録が必要です "
                "(consent_ids required when a support-coordination meeting discusses cases)"
            )
        if self.meeting_type is MeetingType.CASE_CONFERENCE:
            private = [p.organisation for p in self.participants if p.is_private_partner]
            if private:
                raise ValueError(
                    f"ケース診断会議は所内の会議のため民間団体は参加できません: "
                    f"{'、'.join(private)} (a case conference is internal; no private partners)"
                )
        return self


class Disclosure(Record):
    """情報提供の記録: 個人情報を外部に提供・共有するたびに、その根拠とともに記録する。

    References: 生活保護法29条（資料の提供等）; 生活困窮者自立支援法9条（支援会議）; seed 001。
    """

    model_config = ConfigDict(title="情報提供の記録")

    record_type: Literal["disclosure"] = record_type_field("disclosure")
    id: RecordId = Field(title="情報提供ID", description="情報提供の記録の識別子。")
    case_id: RecordId = Field(title="ケースID", description="提供した情報のケース。")
    member_id: RecordId | None = Field(
        default=None,
        title="世帯員ID",
        description="提供した情報の本人である世帯員（世帯全体の情報なら省略）。",
    )
    disclosed_at: AwareDatetime = Field(
        title="提供日時",
        description="情報を提供した日時（タイムゾーン付き ISO 8601）。",
    )
    disclosed_by_staff_id: RecordId = Field(
        title="提供者職員ID", description="情報を提供した職員。"
    )
    recipient: str = Field(
        title="提供先",
        description="情報を提供した機関の名称。",
        min_length=1,
        max_length=200,
    )
    categories: list[InformationCategory] = Field(
        title="情報の区分",
        description="提供した情報の区分（1つ以上）。",
        min_length=1,
    )
    purpose: str = Field(
        title="提供の目的",
        description="情報を提供した目的。",
        min_length=1,
        max_length=2000,
    )
    legal_basis: DisclosureBasis = Field(
        title="提供の根拠",
        description="同意・支援会議・法令の別。",
    )
    consent_id: RecordId | None = Field(
        default=None,
        title="同意ID",
        description="根拠とした本人の同意（根拠が同意の場合は必須）。",
    )
    meeting_id: RecordId | None = Field(
        default=None,
        title="会議ID",
        description="情報を共有した会議（根拠が支援会議の場合は必須）。",
    )
    law_reference: str | None = Field(
        default=None,
        title="根拠法令",
        description="根拠とした法令の条項（例: 生活保護法第29条第1項）。根拠が法令の場合は必須。",
        max_length=500,
    )

    @model_validator(mode="after")
    def _basis_documented(self) -> Self:
        basis = self.legal_basis
        if basis is DisclosureBasis.CONSENT and self.consent_id is None:
            raise ValueError(
                "根拠が本人の同意の場合は同意IDが必要です (consent_id required for consent basis)"
            )
        if basis is DisclosureBasis.SUPPORT_MEETING and self.meeting_id is None:
            raise ValueError(
                "根拠が支援会議の場合は会議IDが必要です "
                "(meeting_id required for support-meeting basis)"
            )
        statute = basis in (DisclosureBasis.LAW, DisclosureBasis.OTHER_STATUTE)
        if statute and not self.law_reference:
            raise ValueError(
                f"根拠が「{basis.label}」の場合は根拠法令の記載が必要です "
                "(law_reference required for a statutory basis)"
            )
        return self
