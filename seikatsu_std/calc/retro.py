"""Retroactive recomputation (遡及): past months with the tables then in force.

When facts about past months change (a pension granted retroactively, a
household member who left earlier than recorded), each affected month is
recomputed with the standards in force in that month, and compared with what
was paid. The engine chooses editions by the month of each input, so a
recomputation of 2023-09 and 2023-10 uses two different editions without any
special handling here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import ConfigDict, Field

from seikatsu_std.calc.engine import Calculator
from seikatsu_std.calc.frame import frame_from_records
from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.model.base import StdModel
from seikatsu_std.model.common import SignedYen, YearMonth, Yen
from seikatsu_std.model.decision import AssistanceAmounts


class MonthAdjustment(StdModel):
    """遡及計算の1か月分: 支給済みの額と再計算した額の差。"""

    model_config = ConfigDict(title="遡及計算の月別差額")

    month: YearMonth = Field(title="対象年月", description="再計算した月。")
    paid: Yen = Field(title="支給済みの金銭給付額", description="その月に実際に支給した額。")
    recomputed: Yen = Field(
        title="再計算後の金銭給付額", description="その月の基準で再計算した額。"
    )
    difference: SignedYen = Field(
        title="差額", description="再計算後 − 支給済み（正は追加支給、負は過払い）。"
    )
    amounts: AssistanceAmounts = Field(
        title="再計算後の扶助別の額", description="再計算後の扶助別の額。"
    )
    editions: list[str] = Field(title="使用した基準表の版", description="その月の計算に使った版。")


def recompute(
    calculator: Calculator,
    inputs: Sequence[CalculationInput],
    paid: Mapping[str, int],
) -> list[MonthAdjustment]:
    """Recompute each month of ``inputs`` and compare with ``paid`` (month → cash paid).

    Raises KeyError naming the month if ``paid`` has no amount for one of them,
    and CalculationError if a month cannot be computed (e.g. no table for it).
    """
    missing = sorted({i.month for i in inputs} - set(paid))
    if missing:
        raise KeyError(
            f"支給済みの額がない月があります: {', '.join(missing)} (no paid amount for these months)"
        )
    batch = calculator.run(frame_from_records([i.model_dump(mode="json") for i in inputs]))
    adjustments = []
    for index, calculation in enumerate(inputs):
        result = calculator.result(batch, index)
        adjustments.append(
            MonthAdjustment(
                month=calculation.month,
                paid=paid[calculation.month],
                recomputed=result.cash_benefit,
                difference=result.cash_benefit - paid[calculation.month],
                amounts=result.amounts,
                editions=[t.edition for t in result.tables],
            )
        )
    return sorted(adjustments, key=lambda a: a.month)
