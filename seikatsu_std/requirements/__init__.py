"""The standard's functional requirement catalogue (package data).

``catalogue.yaml`` holds every functional requirement of the standard: its ID,
area, level, Japanese title and description, legal basis and the version that
introduced it. It is validated on load by the :class:`RequirementCatalogue`
model (whose JSON Schema is published as
``schemas/requirement-catalogue.schema.json``). Feature files tag their
scenarios with these IDs; the docs render the catalogue.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Self

import yaml
from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import LabelledEnum, StdModel
from seikatsu_std.model.common import repeated_values
from seikatsu_std.model.legal import LegalRef


class RequirementLevel(LabelledEnum):
    """標準仕様における機能の区分。"""

    __title__ = "機能の区分"

    MANDATORY = "mandatory", "実装必須機能"
    OPTIONAL = "optional", "標準オプション機能"
    NOT_ALLOWED = "not_allowed", "実装不可機能"


class RequirementArea(LabelledEnum):
    """要件の業務領域。要件IDの2番目の部分（例: REQ-APP-001 の APP）が領域を表す。"""

    __title__ = "業務領域"

    APPLICATION = "APP", "相談・申請・調査・決定"
    CALCULATION = "CAL", "保護基準・程度の決定"
    CASEWORK = "VIS", "訪問・ケース記録・援助方針"
    SELF_RELIANCE = "SUP", "自立支援"
    MEDICAL = "MED", "医療扶助"
    CARE = "CAR", "介護扶助"
    PAYMENT = "PAY", "経理・支給"
    CLAIMS = "CLM", "返還金・徴収金・債権管理"
    STATISTICS = "STA", "統計・適正化"
    SECURITY = "SEC", "セキュリティ・監査・同意"
    DATA = "DAT", "データ・連携"


_ID_PATTERN = r"^REQ-(APP|CAL|VIS|SUP|MED|CAR|PAY|CLM|STA|SEC|DAT)-[0-9]{3}$"
_VERSION_PATTERN = r"^[0-9]+\.[0-9]+$"


class Requirement(StdModel):
    """標準仕様の機能要件1件。"""

    model_config = ConfigDict(title="機能要件")

    id: str = Field(
        title="要件ID",
        description="REQ-領域-3桁の番号。いったん公開したIDは再利用しない。",
        pattern=_ID_PATTERN,
        examples=["REQ-APP-001"],
    )
    area: RequirementArea = Field(
        title="業務領域", description="要件が属する業務領域。IDの領域記号と一致する。"
    )
    title: str = Field(
        title="要件名", description="要件の短い名称（日本語）。", min_length=1, max_length=80
    )
    description: str = Field(
        title="要件の内容",
        description="システムが満たすべきことを、検証できる形で書いた説明（日本語）。",
        min_length=1,
    )
    level: RequirementLevel = Field(
        title="機能の区分", description="実装必須機能・標準オプション機能・実装不可機能の別。"
    )
    legal_basis: list[LegalRef] = Field(
        title="根拠",
        description="要件の根拠となる法令・通知等（確認状況付き）。",
        min_length=1,
    )
    since: str = Field(
        title="追加された版",
        description="この要件が初めて現れた標準仕様の版。",
        pattern=_VERSION_PATTERN,
    )
    origins: list[str] = Field(
        default_factory=list,
        title="出所",
        description="要件の出所となった資料・利用者の声（例: seed-000 中野区の委託問題）。",
    )

    @model_validator(mode="after")
    def _area_matches_id(self) -> Self:
        prefix = self.id.split("-")[1]
        if prefix != self.area.value:
            raise ValueError(
                f"要件ID {self.id} の領域記号 {prefix} が業務領域 {self.area.value} と一致しません "
                f"(requirement id {self.id} does not match area {self.area.value})"
            )
        return self


class RequirementCatalogue(StdModel):
    """標準仕様の機能要件一覧。"""

    model_config = ConfigDict(title="機能要件一覧")

    standard_version: str = Field(
        title="標準仕様の版",
        description="この一覧が属する標準仕様の版。",
        pattern=_VERSION_PATTERN,
    )
    requirements: list[Requirement] = Field(
        title="機能要件", description="機能要件の一覧（ID順）。", min_length=1
    )

    @model_validator(mode="after")
    def _unique_sorted_ids(self) -> Self:
        ids = [r.id for r in self.requirements]
        duplicates = repeated_values(ids)
        if duplicates:
            raise ValueError(
                f"要件IDが重複しています: {', '.join(duplicates)} (duplicate requirement ids)"
            )
        if ids != sorted(ids):
            raise ValueError("要件はID順に並べてください (requirements must be sorted by id)")
        newer = [
            r.id for r in self.requirements if _version(r.since) > _version(self.standard_version)
        ]
        if newer:
            raise ValueError(
                f"標準仕様の版より新しい版の要件があります: {', '.join(newer)} "
                "(requirement newer than the catalogue's standard version)"
            )
        return self

    def by_id(self) -> dict[str, Requirement]:
        """The requirements keyed by ID."""
        return {r.id: r for r in self.requirements}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def parse_catalogue(text: str) -> RequirementCatalogue:
    """Parse and validate a catalogue from YAML text (raises on any problem)."""
    data = yaml.safe_load(text)
    return RequirementCatalogue.model_validate(data)


@cache
def load_catalogue() -> RequirementCatalogue:
    """The catalogue shipped with the library, validated."""
    text = resources.files(__package__).joinpath("catalogue.yaml").read_text(encoding="utf-8")
    return parse_catalogue(text)


REQUIREMENT_ID_PATTERN = re.compile(_ID_PATTERN)
