"""Requests and replies of the transfer of a case to another implementing body (REQ-APP-032).

The record itself is :class:`~seikatsu_std.model.Transfer`; these models are what the
standard API exchanges about it: the registration, the registered transfer with its
version, and the handover data in the standard export format
(:class:`~seikatsu_std.services.exports.RecordExport`).
"""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field

from seikatsu_std.model import Transfer
from seikatsu_std.model.base import StdModel
from seikatsu_std.services.exports import RecordExport


class TransferDraft(StdModel):
    """移管の登録の要求（移管元の福祉事務所はケースから決まる）。"""

    model_config = ConfigDict(title="移管の登録")

    transferred_on: date = Field(
        title="移管日", description="移管先の実施機関がケースを引き継ぐ日（転居の日等）。"
    )
    destination_code: str | None = Field(
        default=None,
        title="移管先の全国地方公共団体コード",
        description="移管先の地方公共団体の全国地方公共団体コード（6桁、検査数字つき。必須で、"
        "ないとき・検査数字が合わないときは 422）。",
        max_length=16,
    )
    handover_notes: str = Field(
        title="引継ぎ事項",
        description="移管先に引き継ぐ事項（通院・就労・債権・援助の状況等）。",
        min_length=1,
        max_length=4000,
    )


class TransferView(StdModel):
    """登録した移管と、その版。"""

    model_config = ConfigDict(title="移管の登録の結果")

    transfer: Transfer = Field(title="移管", description="移管の記録。")
    version: int = Field(title="版", description="移管の記録の版。", ge=1)


class HandoverExport(RecordExport):
    """移管の引継ぎデータ: 移管するケースの世帯・ケース・決定・審査請求・援助方針・債権・移管の記録。

    標準データの出力と同じ形式。個人番号は含めない（移管先が自ら取得する）。
    """

    model_config = ConfigDict(title="移管の引継ぎデータ")

    transfer_id: str = Field(title="移管ID", description="この引継ぎの対象の移管の登録。")
    case_id: str = Field(title="ケースID", description="移管するケース。")
    destination_code: str = Field(
        title="移管先の全国地方公共団体コード", description="引継ぎデータを渡す地方公共団体。"
    )
    not_included: list[str] = Field(
        title="含めない記録",
        description="引き継がない記録とその理由（日本語）。",
    )
