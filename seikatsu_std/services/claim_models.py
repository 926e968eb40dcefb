"""Request and reply models of the decisions on repayments and collections (返還金・徴収金の決定).

The draft names its amount the way each kind of decision does: 返還額 for a
repayment (法63条・77条の2, before the self-reliance deduction), 徴収する保護費の額
for a collection (法78条). The reply carries the decision and, once approved,
the claim (債権) it assessed (調定).
"""

from __future__ import annotations

from datetime import date
from typing import Self

from pydantic import ConfigDict, Field, model_validator

from seikatsu_std.model.base import StdModel
from seikatsu_std.model.claims import MEANS_BASED, Claim, ClaimBasis, ClaimDecision, MeansSource
from seikatsu_std.model.common import RecordId, YearMonth, Yen


class ClaimDecisionDraft(StdModel):
    """返還金・徴収金の決定の起案（事実・対象期間・金額）。元金と加算する額は実装が算出する。"""

    model_config = ConfigDict(title="返還金・徴収金の決定の起案")

    case_id: RecordId = Field(title="ケースID", description="返還・徴収を求めるケース。")
    basis: ClaimBasis = Field(title="根拠", description="法63条・77条の2・78条の別。")
    period_from: YearMonth | None = Field(
        default=None,
        title="対象期間の初月",
        description="対象となる保護を支給した期間の最初の月（YYYY-MM、必須）。",
    )
    period_to: YearMonth | None = Field(
        default=None,
        title="対象期間の末月",
        description="対象となる保護を支給した期間の最後の月（YYYY-MM、必須）。",
    )
    means_source: MeansSource | None = Field(
        default=None, title="資力の内容", description="資力の発生源（法63条・77条の2）。"
    )
    means_fact: str | None = Field(
        default=None,
        title="資力が生じた事実",
        description="資力が生じた事実（法63条・77条の2）。",
        min_length=1,
        max_length=2000,
    )
    means_arose_on: date | None = Field(
        default=None, title="資力が生じた日", description="資力が生じた日（法63条・77条の2）。"
    )
    means_amount: Yen | None = Field(
        default=None, title="資力の額", description="有していた資力の額（法63条・77条の2）。"
    )
    savings_from_benefits_checked: bool = Field(
        default=False,
        title="保護費のやり繰りによる預貯金でないことの確認",
        description="資力とした預貯金等が保護費のやり繰りによる蓄えでないことを確認したか。",
    )
    fraud_fact: str | None = Field(
        default=None,
        title="不正の事実",
        description="不正な手段により保護を受けた事実（法78条）。",
        min_length=1,
        max_length=2000,
    )
    assistance_paid: Yen | None = Field(
        default=None,
        title="対象期間の保護費の額",
        description="対象期間に支給した保護費の額（法63条・77条の2では必須）。",
    )
    repayment_amount: Yen | None = Field(
        default=None,
        title="返還額",
        description="返還を求める額（自立更生費を控除する前。法63条・77条の2のとき、円、1以上）。",
        gt=0,
    )
    collection_amount: Yen | None = Field(
        default=None,
        title="徴収する保護費の額",
        description="徴収する保護費の額（法78条のとき、円、1以上）。",
        gt=0,
    )
    self_reliance_deduction: Yen = Field(
        default=0,
        title="自立更生費の控除額",
        description="返還額から控除する自立更生のための費用（法63条・77条の2のみ）。",
    )
    surcharge_percent: int = Field(
        default=0,
        title="加算の率",
        description="徴収する保護費の額に加算する率（百分率、法78条のみ）。",
        ge=0,
        le=100,
    )
    legal_basis_note: str | None = Field(
        default=None,
        title="根拠の記載",
        description="算定根拠・預貯金等の原資の確認内容などの補足。",
        min_length=1,
        max_length=4000,
    )

    @model_validator(mode="after")
    def _one_amount(self) -> Self:
        if self.basis in MEANS_BASED:
            if self.repayment_amount is None or self.collection_amount is not None:
                raise ValueError(
                    f"{self.basis.label}の決定は返還額で起案します（徴収する保護費の額は記入しません） "
                    "(a repayment decision needs repayment_amount, not collection_amount)"
                )
        elif self.collection_amount is None or self.repayment_amount is not None:
            raise ValueError(
                f"{self.basis.label}の決定は徴収する保護費の額で起案します（返還額は記入しません） "
                "(a collection decision needs collection_amount, not repayment_amount)"
            )
        return self

    @property
    def requested_amount(self) -> int:
        """The amount demanded before any deduction (the one the basis asks for)."""
        amount = self.repayment_amount if self.basis in MEANS_BASED else self.collection_amount
        assert amount is not None  # checked by _one_amount
        return amount


class ClaimDecisionView(StdModel):
    """返還金・徴収金の決定と、決裁済みならその決定から調定した債権。"""

    model_config = ConfigDict(title="返還金・徴収金の決定の状況")

    claim_decision: ClaimDecision = Field(title="返還金・徴収金の決定", description="決定の記録。")
    version: int = Field(title="版", description="決定の版（決裁時に指定する）。", ge=1)
    total: Yen = Field(title="返還金・徴収金の額", description="元金と加算する額の合計（円）。")
    claim: Claim | None = Field(
        default=None,
        title="調定した債権",
        description="決裁により調定した債権（起案中は null）。",
    )
