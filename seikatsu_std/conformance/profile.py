"""A vendor's profile: which standard-optional requirements its system implements."""

from __future__ import annotations

from pathlib import Path
from typing import Self

import yaml
from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import StdModel
from seikatsu_std.requirements import REQUIREMENT_ID_PATTERN, RequirementLevel, load_catalogue


class ConformanceProfile(StdModel):
    """ベンダーの実装宣言: 標準オプション機能のうち実装しているもの。"""

    model_config = ConfigDict(title="実装宣言（プロファイル）")

    vendor: str = Field(title="ベンダー", description="システムの提供者。", min_length=1)
    product: str = Field(title="製品", description="製品名。", min_length=1)
    version: str = Field(title="版", description="製品の版。", min_length=1)
    implements_optional: list[str] = Field(
        default_factory=list,
        title="実装する標準オプション機能",
        description="実装している標準オプション機能の要件ID。ここにない標準オプション機能は「未実装」として確認しない。",
    )

    @model_validator(mode="after")
    def _known_optional(self) -> Self:
        catalogue = load_catalogue().by_id()
        problems = []
        for requirement_id in self.implements_optional:
            if not REQUIREMENT_ID_PATTERN.match(requirement_id) or requirement_id not in catalogue:
                problems.append(f"{requirement_id}（未知の要件）")
            elif catalogue[requirement_id].level is not RequirementLevel.OPTIONAL:
                problems.append(f"{requirement_id}（標準オプション機能ではない）")
        if problems:
            raise ValueError(
                f"実装宣言に誤りがあります: {'、'.join(problems)} (implements_optional lists unknown or non-optional requirements)"
            )
        return self

    @classmethod
    def load(cls, path: Path) -> Self:
        """Read a profile from YAML or JSON."""
        return cls.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
