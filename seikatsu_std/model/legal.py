"""Legal references: every rule, guard, deadline and table cites one.

References: ../shared/domain/FACTS.md explains the verification statuses.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from seikatsu_std.model.base import LabelledEnum, StdModel


class Verification(LabelledEnum):
    """出典で確認できたかどうか。未確認・相違のものは差し替え可能なパラメータとして実装し、ドキュメントの「未解決の論点」に載せる。"""

    __title__ = "確認状況"

    VERIFIED = "verified", "確認済み"
    UNVERIFIED = "unverified", "未確認"
    CONFLICT = "conflict", "資料間で相違"


class LegalRef(StdModel):
    """法令・通知等の根拠の参照。"""

    model_config = ConfigDict(title="根拠法令等")

    law: str = Field(
        title="法令等",
        description="法令・告示・通知の名称（例: 生活保護法、社会福祉法、保護の実施要領）。",
        min_length=1,
        examples=["生活保護法"],
    )
    article: str | None = Field(
        default=None,
        title="条項",
        description="条・項・号（例: 第24条第5項）。通知全体を指す場合は省略する。",
        examples=["第24条第5項"],
    )
    summary: str | None = Field(
        default=None,
        title="内容",
        description="その条項が定める内容の要約（自前の言葉で書く）。",
    )
    status: Verification = Field(
        title="確認状況",
        description="出典で条文・数値を確認できたか（確認済み／未確認／資料間で相違）。",
    )
    source: str | None = Field(
        default=None,
        title="出典",
        description="確認に用いた資料（条文の写し、自治体の審査基準等）。",
    )

    def cite(self) -> str:
        """The citation as people write it, e.g. ``生活保護法第24条第5項``."""
        return f"{self.law}{self.article or ''}"
