"""Households (世帯) and their members: the unit of need and of the amount.

References: 生活保護法10条 (世帯単位の原則); 被保護者調査 household types (FACTS.md).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, Record, StdModel, record_type_field
from seikatsu_std.model.common import Address, KanaName, RecordId, Yen, repeated_values
from seikatsu_std.model.identifiers import LocalGovernmentCode


class Sex(LabelledEnum):
    """性別（世帯類型の判定等に用いる）。"""

    __title__ = "性別"

    MALE = "male", "男"
    FEMALE = "female", "女"
    OTHER = "other", "その他"


class Relationship(LabelledEnum):
    """世帯主との続柄。"""

    __title__ = "続柄"

    HEAD = "head", "世帯主"
    SPOUSE = "spouse", "配偶者"
    CHILD = "child", "子"
    PARENT = "parent", "父母"
    GRANDCHILD = "grandchild", "孫"
    GRANDPARENT = "grandparent", "祖父母"
    SIBLING = "sibling", "兄弟姉妹"
    OTHER_RELATIVE = "other_relative", "その他の親族"
    NON_RELATIVE = "non_relative", "同居人（親族以外）"


class Residence(LabelledEnum):
    """世帯員の居所の状況。入院・施設入所者には居宅とは別の基準（入院患者日用品費等）が適用される。"""

    __title__ = "居所の状況"

    AT_HOME = "at_home", "居宅"
    HOSPITAL = "hospital", "入院"
    CARE_FACILITY = "care_facility", "介護施設入所"
    OTHER_FACILITY = "other_facility", "その他の施設入所"


class SchoolStatus(LabelledEnum):
    """就学の状況。教育扶助・高等学校等就学費・児童の判定に用いる。"""

    __title__ = "就学の状況"

    NOT_IN_SCHOOL = "not_in_school", "就学していない"
    PRESCHOOL = "preschool", "未就学（保育所・幼稚園等）"
    ELEMENTARY = "elementary", "小学校"
    JUNIOR_HIGH = "junior_high", "中学校"
    HIGH_SCHOOL = "high_school", "高等学校等"
    HIGHER_EDUCATION = "higher_education", "大学・専門学校等"


class CareInsuranceStatus(LabelledEnum):
    """介護保険の被保険者区分。介護扶助の負担割合と介護保険料加算の判定に用いる。"""

    __title__ = "介護保険の区分"

    NOT_APPLICABLE = "not_applicable", "対象外（40歳未満）"
    FIRST_INSURED = "first_insured", "第1号被保険者（65歳以上）"
    SECOND_INSURED = "second_insured", "第2号被保険者（40〜64歳・医療保険加入）"
    DEEMED_SECOND = "deemed_second", "みなし2号（40〜64歳・医療保険未加入）"


class HousingTenure(LabelledEnum):
    """住居の形態。住宅扶助の要否に関係する。"""

    __title__ = "住居の形態"

    PRIVATE_RENTAL = "private_rental", "民間借家・借間"
    PUBLIC_RENTAL = "public_rental", "公営住宅"
    OWNED = "owned", "持家"
    FACILITY = "facility", "施設・病院"
    NO_FIXED_ABODE = "no_fixed_abode", "住居なし"
    OTHER = "other", "その他"


class Disability(StdModel):
    """障害の状況（障害者加算等の判定に用いる）。"""

    model_config = ConfigDict(title="障害の状況")

    physical_certificate_grade: int | None = Field(
        default=None,
        title="身体障害者手帳の等級",
        description="身体障害者手帳の等級（1〜7級）。手帳がなければ省略。",
        ge=1,
        le=7,
    )
    mental_certificate_grade: int | None = Field(
        default=None,
        title="精神障害者保健福祉手帳の等級",
        description="精神障害者保健福祉手帳の等級（1〜3級）。手帳がなければ省略。",
        ge=1,
        le=3,
    )
    disability_pension_grade: int | None = Field(
        default=None,
        title="障害年金の等級",
        description="国民年金法による障害基礎年金の等級（1〜2級）。受給していなければ省略。",
        ge=1,
        le=2,
    )
    needs_constant_care: bool = Field(
        default=False,
        title="常時介護を要する",
        description="日常生活において常時の介護を必要とする状態か（重度障害者加算の判定に用いる）。",
    )


class HouseholdMember(StdModel):
    """世帯員1人。"""

    model_config = ConfigDict(title="世帯員")

    id: RecordId = Field(title="世帯員ID", description="世帯員の識別子（個人ごとに一意）。")
    name: str = Field(
        title="氏名", description="戸籍・住民票上の氏名。", min_length=1, max_length=100
    )
    name_kana: KanaName = Field(title="氏名カナ", description="氏名の読み（全角カタカナ）。")
    birth_date: date = Field(title="生年月日", description="生年月日（ISO 8601）。")
    sex: Sex = Field(title="性別", description="性別。")
    relationship: Relationship = Field(title="続柄", description="世帯主との続柄。")
    residence: Residence = Field(
        default=Residence.AT_HOME,
        title="居所の状況",
        description="居宅・入院・施設入所の別。",
    )
    separated: bool = Field(
        default=False,
        title="世帯分離",
        description="世帯分離されている（同居していても保護の対象外とする）か。",
    )
    school: SchoolStatus = Field(
        title="就学の状況", description="現在の就学の状況（学齢期でなければ「就学していない」）。"
    )
    disability: Disability | None = Field(
        default=None, title="障害の状況", description="障害がある場合の手帳・年金の等級等。"
    )
    care_insurance: CareInsuranceStatus = Field(
        title="介護保険の区分", description="介護保険の被保険者区分。"
    )
    pregnant_due_date: date | None = Field(
        default=None,
        title="出産予定日",
        description="妊娠中の場合の出産予定日（妊産婦加算の判定に用いる）。",
    )


class Housing(StdModel):
    """住居の状況。"""

    model_config = ConfigDict(title="住居の状況")

    tenure: HousingTenure = Field(title="住居の形態", description="借家・公営住宅・持家等の別。")
    monthly_rent: Yen | None = Field(
        default=None,
        title="家賃（月額）",
        description="実際に支払う家賃・間代の月額（共益費を除く）。借家でなければ省略。",
    )
    landlord_name: str | None = Field(
        default=None,
        title="家主名",
        description="代理納付の相手方となる家主・管理会社の名称。",
        max_length=100,
    )

    @model_validator(mode="after")
    def _rent_for_rentals(self) -> Self:
        rented = self.tenure in (HousingTenure.PRIVATE_RENTAL, HousingTenure.PUBLIC_RENTAL)
        if rented and self.monthly_rent is None:
            raise ValueError(
                "借家の場合は家賃（月額）が必要です (monthly_rent required for rentals)"
            )
        if not rented and self.monthly_rent is not None:
            raise ValueError(
                f"住居の形態「{self.tenure.label}」に家賃は記録できません "
                "(monthly_rent only for rentals)"
            )
        return self


class Household(Record):
    """世帯: 保護の要否と程度を判定する単位（生活保護法10条）。"""

    model_config = ConfigDict(title="世帯")

    record_type: Literal["household"] = record_type_field("household")
    id: RecordId = Field(title="世帯ID", description="世帯の識別子。")
    as_of: date = Field(
        title="基準日",
        description="この世帯構成・住居の情報がいつ時点のものか（世帯の変動は新しい基準日の版で記録）。",
    )
    municipality_code: LocalGovernmentCode = Field(
        title="居住地の団体コード",
        description="世帯が居住する市区町村の全国地方公共団体コード。級地と住宅扶助の上限額を決める。",
    )
    address: Address = Field(title="住所", description="世帯の居住地。")
    members: list[HouseholdMember] = Field(
        title="世帯員", description="世帯員の一覧（世帯主を含む）。", min_length=1
    )
    housing: Housing = Field(title="住居の状況", description="住居の形態と家賃。")

    @model_validator(mode="after")
    def _members_consistent(self) -> Self:
        repeated = repeated_values(m.id for m in self.members)
        if repeated:
            raise ValueError(
                f"世帯員IDが重複しています: {', '.join(repeated)} (duplicate household member id)"
            )
        heads = [m for m in self.members if m.relationship is Relationship.HEAD]
        if len(heads) != 1:
            raise ValueError(
                f"世帯主はちょうど1人必要です（{len(heads)}人） "
                f"(exactly one head of household required, found {len(heads)})"
            )
        return self

    @property
    def head(self) -> HouseholdMember:
        """The head of household (validated to be exactly one)."""
        return next(m for m in self.members if m.relationship is Relationship.HEAD)

    def member(self, member_id: str) -> HouseholdMember:
        """The member with ``member_id`` (KeyError naming the id if absent)."""
        for candidate in self.members:
            if candidate.id == member_id:
                return candidate
        raise KeyError(f"household {self.id} has no member {member_id}")
