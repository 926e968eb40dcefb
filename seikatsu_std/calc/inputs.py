"""What the calculation needs to know: the household, the month, incomes and needs.

A :class:`CalculationInput` is one household for one month. It embeds the
standard's :class:`~seikatsu_std.model.household.Household` record (members,
residence, school, disability, housing) and adds the facts that only the
calculation uses: incomes, circumstances that trigger additions, in-kind costs
and one-off needs. Batch files are JSON Lines of these records
(``schemas/records/calculation_input.schema.json``).

References: 生活保護法8条 (基準及び程度), 保護の実施要領 (収入認定).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import RecordId, YearMonth, Yen, month_bounds, repeated_values
from seikatsu_std.model.household import Household


class PregnancyStage(LabelledEnum):
    """妊産婦加算の区分。"""

    __title__ = "妊娠・出産の区分"

    NONE = "none", "該当なし"
    UNDER_6_MONTHS = "under_6_months", "妊娠6か月未満"
    SIX_MONTHS_OR_MORE = "six_months_or_more", "妊娠6か月以上"
    POSTNATAL = "postnatal", "産後6か月以内"


class RadiationStatus(LabelledEnum):
    """放射線障害者加算の区分（原子爆弾被爆者等）。"""

    __title__ = "放射線障害の区分"

    NONE = "none", "該当なし"
    CURRENT = "current", "現に放射線障害により治療中"
    FORMER = "former", "放射線障害が治った者"


class EducationCosts(StdModel):
    """学校に実際に要する費用（月額）。教育扶助・高等学校等就学費で実費として認める。"""

    model_config = ConfigDict(title="就学に要する実費")

    school_lunch: Yen = Field(default=0, title="学校給食費", description="学校給食費の月額。")
    materials: Yen = Field(
        default=0,
        title="教材代",
        description="正規の教材として学校長が指定するものの購入費の月額。",
    )
    transport: Yen = Field(
        default=0, title="通学のための交通費", description="通学に必要な最小限度の交通費の月額。"
    )


class MemberFacts(StdModel):
    """世帯員ごとの、計算に使う事情（加算の要件など）。"""

    model_config = ConfigDict(title="世帯員の事情")

    member_id: RecordId = Field(title="世帯員ID", description="世帯の世帯員ID。")
    lone_parent: bool = Field(
        default=False,
        title="ひとり親",
        description="配偶者のいない者として児童を養育している（母子加算の対象となり得る）か。",
    )
    pregnancy: PregnancyStage = Field(
        default=PregnancyStage.NONE, title="妊娠・出産の区分", description="妊産婦加算の区分。"
    )
    home_patient: bool = Field(
        default=False,
        title="在宅患者",
        description="在宅で療養に専念している患者として在宅患者加算の対象と認められたか。",
    )
    homebound: bool = Field(
        default=False,
        title="常時在宅",
        description="障害や療養のため外出が困難で常時在宅せざるを得ないか（冬季加算の特別基準）。",
    )
    radiation: RadiationStatus = Field(
        default=RadiationStatus.NONE,
        title="放射線障害の区分",
        description="放射線障害者加算の区分。",
    )
    care_premium: Yen = Field(
        default=0,
        title="介護保険料（月額）",
        description="介護保険の第1号被保険者として納付する介護保険料の月額（介護保険料加算）。",
    )
    education: EducationCosts | None = Field(
        default=None,
        title="就学に要する実費",
        description="小中学校・高等学校等の実費（該当者のみ）。",
    )


class IncomeKind(LabelledEnum):
    """収入の種類。種類により収入認定の方法が異なる。"""

    __title__ = "収入の種類"

    EARNED = "earned", "就労収入"
    PENSION = "pension", "年金"
    ALLOWANCE = "allowance", "手当（児童手当・児童扶養手当等）"
    FAMILY_SUPPORT = "family_support", "仕送り・扶養義務者からの援助"
    OCCASIONAL = "occasional", "臨時的な収入"
    OTHER = "other", "その他の収入"
    EXCLUDED = "excluded", "収入として認定しないもの"


class Income(StdModel):
    """世帯員の収入1件（月額）。"""

    model_config = ConfigDict(title="収入")

    member_id: RecordId = Field(title="世帯員ID", description="収入を得た世帯員。")
    kind: IncomeKind = Field(title="収入の種類", description="就労収入・年金・手当等の別。")
    amount: Yen = Field(
        title="収入額（月額）", description="その月の収入額（就労収入は控除前の総額）。"
    )
    necessary_expenses: Yen = Field(
        default=0,
        title="必要経費",
        description="社会保険料・所得税・住民税・通勤費等、収入を得るために必要な経費の実額。",
    )
    new_job_started_on: date | None = Field(
        default=None,
        title="新規就労の開始日",
        description="新規就労控除の対象となる新たな就労を始めた日（対象者のみ）。",
    )
    description: str | None = Field(
        default=None,
        title="内容",
        description="収入の内容（勤務先、年金の種類等）。",
        max_length=200,
    )
    excluded_reason: str | None = Field(
        default=None,
        title="認定しない理由",
        description="収入として認定しない理由（「収入として認定しないもの」の場合は必須）。",
        min_length=1,
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        excluded = self.kind is IncomeKind.EXCLUDED
        if excluded != (self.excluded_reason is not None):
            raise ValueError(
                "認定しない理由は「収入として認定しないもの」に限り、かつ必ず記録します "
                "(excluded_reason iff kind is excluded)"
            )
        if self.new_job_started_on is not None and self.kind is not IncomeKind.EARNED:
            raise ValueError(
                "新規就労の開始日は就労収入に限ります (new_job_started_on only for earned income)"
            )
        if self.necessary_expenses > self.amount:
            raise ValueError("必要経費が収入額を超えています (necessary_expenses exceed amount)")
        return self


class OneOffKind(LabelledEnum):
    """一時的な扶助の種類（上限額の範囲内の実費）。"""

    __title__ = "一時的な扶助の種類"

    CHILDBIRTH = "childbirth", "出産扶助"
    FUNERAL = "funeral", "葬祭扶助"
    OCCUPATIONAL = "occupational", "生業扶助（技能修得費等）"


class OneOffNeed(StdModel):
    """一時的な扶助の申請1件（実費の見込額）。"""

    model_config = ConfigDict(title="一時的な扶助")

    kind: OneOffKind = Field(title="種類", description="出産・葬祭・生業の別。")
    member_id: RecordId = Field(
        title="世帯員ID", description="対象となる世帯員（葬祭では死亡した者）。"
    )
    amount: Yen = Field(
        title="実費の見込額", description="必要な費用の額。上限額を超える部分は認められない。"
    )


class InKindCosts(StdModel):
    """現物給付（医療扶助・介護扶助）の月額の見込み。"""

    model_config = ConfigDict(title="現物給付の見込額")

    medical: Yen = Field(
        default=0, title="医療扶助", description="医療扶助の見込月額（医療機関に支払う額）。"
    )
    care: Yen = Field(
        default=0, title="介護扶助", description="介護扶助の見込月額（介護事業者に支払う額）。"
    )


class CalculationInput(Record):
    """1世帯・1か月の保護費の計算の入力。"""

    model_config = ConfigDict(title="保護費計算の入力")

    record_type: Literal["calculation_input"] = record_type_field("calculation_input")
    id: RecordId = Field(
        title="計算ID", description="この計算の識別子（ケースIDと年月から作る等）。"
    )
    month: YearMonth = Field(title="対象年月", description="計算する月（YYYY-MM）。")
    household: Household = Field(title="世帯", description="計算の対象の世帯（その月の状況）。")
    member_facts: list[MemberFacts] = Field(
        default_factory=list,
        title="世帯員の事情",
        description="加算等の要件に関わる世帯員ごとの事情。",
    )
    incomes: list[Income] = Field(default_factory=list, title="収入", description="その月の収入。")
    in_kind: InKindCosts = Field(
        default_factory=InKindCosts,
        title="現物給付の見込額",
        description="医療扶助・介護扶助の見込月額。",
    )
    one_off: list[OneOffNeed] = Field(
        default_factory=list, title="一時的な扶助", description="出産・葬祭・生業扶助の申請。"
    )
    covered_from: date | None = Field(
        default=None,
        title="保護の開始日（月の途中）",
        description="月の途中で保護を開始した場合の開始日（日割計算）。",
    )
    covered_to: date | None = Field(
        default=None,
        title="保護の終了日（月の途中）",
        description="月の途中で保護を停止・廃止した場合の最後の日（日割計算）。",
    )

    @model_validator(mode="after")
    def _references(self) -> Self:
        member_ids = {m.id for m in self.household.members}
        facts_ids = [f.member_id for f in self.member_facts]
        repeated = repeated_values(facts_ids)
        if repeated:
            raise ValueError(
                f"世帯員の事情が重複しています: {', '.join(repeated)} (duplicate member facts)"
            )
        referenced = (
            facts_ids + [i.member_id for i in self.incomes] + [o.member_id for o in self.one_off]
        )
        unknown = sorted(set(referenced) - member_ids)
        if unknown:
            raise ValueError(
                f"世帯にいない世帯員が参照されています: {', '.join(unknown)} (unknown household members)"
            )
        first, last = month_bounds(self.month)
        for label, day in (("保護の開始日", self.covered_from), ("保護の終了日", self.covered_to)):
            if day is not None and not first <= day <= last:
                raise ValueError(
                    f"{label} {day.isoformat()} が対象年月 {self.month} の中にありません (date outside the month)"
                )
        if self.covered_from and self.covered_to and self.covered_to < self.covered_from:
            raise ValueError("保護の終了日が開始日より前です (covered_to before covered_from)")
        return self
