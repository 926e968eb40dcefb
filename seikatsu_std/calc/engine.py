"""The calculation engine: rules over columns, totals, and results.

One engine serves one household and millions: :meth:`Calculator.calculate`
runs the same rules as :meth:`Calculator.run` on a frame of one household and
adds the explanation.

Order of the calculation (生活保護法8条):
1. the rules compute each component of the minimum cost of living and the
   recognised income (``seikatsu_std.calc.rules``);
2. components are summed per kind of assistance; living and housing are
   prorated by day for a partial month;
3. recognised income is allocated to the kinds in the order of
   :data:`ALLOCATION_ORDER`; what exceeds the cash kinds is the person's own
   payment toward medical and care costs;
4. the need test compares the minimum cost of living with the income
   recognised under the need-test rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from seikatsu_std.calc import citations as law
from seikatsu_std.calc.context import CalculationError, Context, Level, Role
from seikatsu_std.calc.explain import explain_household
from seikatsu_std.calc.frame import Frame, IntArray, frame_from_records
from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.calc.results import CalculationResult, NeedTest, Proration, TableUse
from seikatsu_std.calc.rules import RULES
from seikatsu_std.calc.rules.income import earned_expenses, earned_gross
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import AssistanceAmounts
from seikatsu_std.standards import Standards, load_standards
from seikatsu_std.standards.model import EditionStatus

KINDS: tuple[AssistanceKind, ...] = tuple(AssistanceKind)
#: Order in which recognised income is set against the kinds (UNVERIFIED: law.INCOME_ALLOCATION).
ALLOCATION_ORDER: tuple[AssistanceKind, ...] = (
    AssistanceKind.LIVING,
    AssistanceKind.HOUSING,
    AssistanceKind.EDUCATION,
    AssistanceKind.OCCUPATIONAL,
    AssistanceKind.CHILDBIRTH,
    AssistanceKind.FUNERAL,
    AssistanceKind.CARE,
    AssistanceKind.MEDICAL,
)
IN_KIND = frozenset({AssistanceKind.MEDICAL, AssistanceKind.CARE})
#: Kinds prorated by day in a partial month (UNVERIFIED: law.PRORATION).
PRORATED = frozenset({AssistanceKind.LIVING, AssistanceKind.HOUSING})
_KIND_INDEX = {kind: i for i, kind in enumerate(KINDS)}


@dataclass
class MonthRun:
    """The rules run over the households of one month."""

    ctx: Context
    needs_before_proration: IntArray
    needs: IntArray
    days: IntArray
    income: IntArray
    income_for_need_test: IntArray
    paid: IntArray
    allocated: IntArray
    #: Positions of these households in the batch frame (set when the run is stored).
    households: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def minimum_living_cost(self) -> IntArray:
        """Sum of the needs over the kinds."""
        return np.asarray(self.needs.sum(axis=1), dtype=np.int64)


@dataclass
class BatchRun:
    """The outcome for every household of a frame: a month run position or an error."""

    frame: Frame
    runs: list[MonthRun] = field(default_factory=list)
    #: Per household: (run index, position within that run), or None when it failed.
    positions: list[tuple[int, int] | None] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)


class Calculator:
    """Computes monthly assistance with the standards in force each month."""

    def __init__(
        self, standards: Standards | None = None, *, allow_provisional: bool = False
    ) -> None:
        self.standards = standards if standards is not None else load_standards()
        self.allow_provisional = allow_provisional

    # ------------------------------------------------------------ scalar

    def calculate(
        self, calculation: CalculationInput, *, explain: bool = True
    ) -> CalculationResult:
        """One household, one month; raises CalculationError with the reason if it cannot be done."""
        frame = frame_from_records([calculation.model_dump(mode="json")])
        batch = self.run(frame)
        if 0 in batch.errors:
            raise CalculationError(batch.errors[0])
        return self.result(batch, 0, explain=explain)

    # ------------------------------------------------------------ batch

    def run(self, frame: Frame) -> BatchRun:
        """Run every household of ``frame`` (any months); failures are isolated per household."""
        batch = BatchRun(frame, positions=[None] * frame.households)
        month_key = frame.h_year * 100 + frame.h_month
        for key in np.unique(month_key):
            members = np.flatnonzero(month_key == key)
            self._run_isolating(batch, frame, members, date(int(key) // 100, int(key) % 100, 1))
        return batch

    def _run_isolating(
        self, batch: BatchRun, frame: Frame, households: IntArray, day: date
    ) -> None:
        try:
            run = self._run_month(frame.take(households), day)
        except CalculationError as exc:
            if households.size == 1:
                batch.errors[int(households[0])] = str(exc)
                return
            half = households.size // 2
            self._run_isolating(batch, frame, households[:half], day)
            self._run_isolating(batch, frame, households[half:], day)
            return
        run.households = households
        batch.runs.append(run)
        run_index = len(batch.runs) - 1
        for position, household in enumerate(households.tolist()):
            batch.positions[household] = (run_index, position)

    def _run_month(self, frame: Frame, day: date) -> MonthRun:
        ctx = Context(frame, day, self.standards, allow_provisional=self.allow_provisional)
        sizes = {
            Level.HOUSEHOLD: ctx.households,
            Level.MEMBER: ctx.members,
            Level.ONE_OFF: len(frame.o_member),
        }
        for rule in RULES:
            result = rule.compute(ctx)
            expected = sizes[rule.level]
            arrays = [result.amount, result.applies, *result.inputs.values()]
            if any(len(a) != expected for a in arrays):
                raise AssertionError(f"rule {rule.code} returned arrays of the wrong length")
            ctx.outcomes[rule.code] = result
        return _totals(ctx)

    # ------------------------------------------------------------ results

    def result(
        self, batch: BatchRun, household: int, *, explain: bool = False
    ) -> CalculationResult:
        """The result of one household of a batch run (with the explanation if asked)."""
        position = batch.positions[household]
        if position is None:
            raise CalculationError(batch.errors[household])
        run = batch.runs[position[0]]
        j = position[1]
        ctx = run.ctx
        lines = explain_household(run, j) if explain else []
        editions = _editions_used(run, j)
        return CalculationResult(
            id=str(ctx.frame.h_id[j]),
            month=f"{ctx.day.year:04d}-{ctx.day.month:02d}",
            needs=_amounts(run.needs[j]),
            minimum_living_cost=int(run.minimum_living_cost[j]),
            recognised_income=int(run.income[j]),
            amounts=_amounts(run.paid[j]),
            cash_benefit=int(_cash(run.paid[j])),
            own_payment=int(_in_kind(run.allocated[j])),
            need_test=NeedTest(
                recognised_income=int(run.income_for_need_test[j]),
                in_need=bool(run.minimum_living_cost[j] > run.income_for_need_test[j]),
                margin=int(run.minimum_living_cost[j] - run.income_for_need_test[j]),
            ),
            proration=_proration(ctx, j, int(run.days[j])),
            tables=[
                TableUse(
                    edition=e.edition.edition_id,
                    title=e.spec.title,
                    status=e.edition.status,
                    source=e.edition.source,
                )
                for e in editions
            ],
            warnings=_warnings(editions),
            lines=lines,
        )

    def results(self, batch: BatchRun, *, explain: bool = False) -> Iterator[dict[str, Any]]:
        """JSON-ready results of every household, in input order (failures as failure records)."""
        frame = batch.frame
        compact = [] if explain else [_compact_rows(run) for run in batch.runs]
        for household in range(frame.households):
            position = batch.positions[household]
            if position is None:
                yield {
                    "record_type": "calculation_failure",
                    "id": str(frame.h_id[household]),
                    "month": f"{int(frame.h_year[household]):04d}-{int(frame.h_month[household]):02d}",
                    "error": batch.errors[household],
                }
            elif explain:
                yield self.result(batch, household, explain=True).model_dump(mode="json")
            else:
                yield compact[position[0]][position[1]]


def result_columns(batch: BatchRun) -> dict[str, Any]:
    """Results of a batch as columns, in input order (the columnar output form).

    Built from the month runs' arrays directly, without a dict per household.
    Households that failed are listed under ``failures`` and left out of the columns.
    """
    frame = batch.frame
    count = frame.households
    ok = np.zeros(count, dtype=bool)
    needs = np.zeros((count, len(KINDS)), dtype=np.int64)
    paid = np.zeros_like(needs)
    allocated = np.zeros_like(needs)
    income = np.zeros(count, dtype=np.int64)
    need_income = np.zeros(count, dtype=np.int64)
    for run in batch.runs:
        rows = run.households
        ok[rows] = True
        needs[rows] = run.needs
        paid[rows] = run.paid
        allocated[rows] = run.allocated
        income[rows] = run.income
        need_income[rows] = run.income_for_need_test
    keep = np.flatnonzero(ok)
    mlc = needs[keep].sum(axis=1)
    months = np.char.add(
        np.char.zfill(frame.h_year[keep].astype(str), 4),
        np.char.add("-", np.char.zfill(frame.h_month[keep].astype(str), 2)),
    )
    return {
        "id": frame.h_id[keep].tolist(),
        "month": months.tolist(),
        "needs": {kind.value: needs[keep, i].tolist() for i, kind in enumerate(KINDS)},
        "amounts": {kind.value: paid[keep, i].tolist() for i, kind in enumerate(KINDS)},
        "minimum_living_cost": mlc.tolist(),
        "recognised_income": income[keep].tolist(),
        "cash_benefit": paid[keep][:, _CASH_COLUMNS].sum(axis=1).tolist(),
        "own_payment": allocated[keep][:, _IN_KIND_COLUMNS].sum(axis=1).tolist(),
        "in_need": (mlc > need_income[keep]).tolist(),
        "failures": [
            {
                "record_type": "calculation_failure",
                "id": str(frame.h_id[h]),
                "month": f"{int(frame.h_year[h]):04d}-{int(frame.h_month[h]):02d}",
                "error": batch.errors[h],
            }
            for h in sorted(batch.errors)
        ],
    }


def calculate_records(
    records: Iterable[dict[str, Any]], calculator: Calculator
) -> tuple[BatchRun, Sequence[dict[str, Any]]]:
    """Run JSON-shaped inputs; returns the batch and the records (for error reporting)."""
    materialised = list(records)
    return calculator.run(frame_from_records(materialised)), materialised


# -------------------------------------------------------------------- totals


def _kind_totals(ctx: Context) -> IntArray:
    totals = np.zeros((ctx.households, len(KINDS)), dtype=np.int64)
    one_off_household = (
        ctx.hh[ctx.frame.o_member] if len(ctx.frame.o_member) else np.zeros(0, dtype=np.int64)
    )
    for rule in RULES:
        if rule.role is not Role.COMPONENT or rule.kind is None:
            continue
        amount = ctx.outcomes[rule.code].amount
        if rule.level is Level.MEMBER:
            amount = ctx.per_household(amount)
        elif rule.level is Level.ONE_OFF:
            amount = np.bincount(
                one_off_household, weights=amount.astype(np.float64), minlength=ctx.households
            ).astype(np.int64)
        totals[:, _KIND_INDEX[rule.kind]] += amount
    return totals


def _totals(ctx: Context) -> MonthRun:
    f = ctx.frame
    before = _kind_totals(ctx)
    days = f.h_covered_to_day - f.h_covered_from_day + 1
    needs = before.copy()
    partial = days < f.h_days_in_month
    for kind in PRORATED:
        column = _KIND_INDEX[kind]
        prorated = -(-before[:, column] * days // f.h_days_in_month)
        needs[:, column] = np.where(partial, prorated, before[:, column])
    income = (
        ctx.per_household(ctx.amount("income.earned"))
        + ctx.per_household(ctx.amount("income.unearned"))
        + ctx.amount("income.occasional")
    )
    need_test_earned = np.maximum(
        earned_gross(ctx) - earned_expenses(ctx) - ctx.amount("deduction.basic"), 0
    )
    income_for_need_test = (
        ctx.per_household(need_test_earned)
        + ctx.per_household(ctx.amount("income.unearned"))
        + ctx.amount("income.occasional")
    )
    remaining = income.copy()
    allocated = np.zeros_like(needs)
    for kind in ALLOCATION_ORDER:
        column = _KIND_INDEX[kind]
        take = np.minimum(remaining, needs[:, column])
        allocated[:, column] = take
        remaining -= take
    return MonthRun(
        ctx=ctx,
        needs_before_proration=before,
        needs=needs,
        days=days,
        income=income,
        income_for_need_test=income_for_need_test,
        paid=needs - allocated,
        allocated=allocated,
    )


def _amounts(row: IntArray) -> AssistanceAmounts:
    return AssistanceAmounts(**{kind.value: int(row[i]) for i, kind in enumerate(KINDS)})


def _cash(row: IntArray) -> int:
    return int(sum(int(row[i]) for i, kind in enumerate(KINDS) if kind not in IN_KIND))


def _in_kind(row: IntArray) -> int:
    return int(sum(int(row[i]) for i, kind in enumerate(KINDS) if kind in IN_KIND))


def _proration(ctx: Context, j: int, days: int) -> Proration | None:
    total = int(ctx.frame.h_days_in_month[j])
    return Proration(days=days, days_in_month=total) if days < total else None


def _editions_used(run: MonthRun, j: int) -> list[Any]:
    """Compiled editions whose cells household ``j`` used (in rule order)."""
    ctx = run.ctx
    seen: dict[str, Any] = {}
    if ctx.municipality_lookup.table is not None:
        seen[ctx.municipality_lookup.table.edition.edition_id] = ctx.municipality_lookup.table
    from seikatsu_std.calc.explain import rows_of

    for rule in RULES:
        result = ctx.outcomes[rule.code]
        rows = rows_of(ctx, rule.level, j)
        for lookup in result.lookups:
            if lookup.table is not None and rows.size and (lookup.rows[rows] >= 0).any():
                seen.setdefault(lookup.table.edition.edition_id, lookup.table)
    return list(seen.values())


_STATUS_WARNING = {
    EditionStatus.UNVERIFIED: "未確認の値です",
    EditionStatus.CONFLICT: "資料間で値が相違しています（採用した版を確認してください）",
    EditionStatus.PROVISIONAL: "暫定の値です（公式の表が未収録）",
}


def _warnings(editions: Sequence[Any]) -> list[str]:
    return [
        f"「{e.spec.title}」（{e.edition.edition_id}）: {_STATUS_WARNING[e.edition.status]}"
        for e in editions
        if e.edition.status in _STATUS_WARNING
    ]


_KIND_NAMES = tuple(kind.value for kind in KINDS)
_CASH_COLUMNS = [i for i, kind in enumerate(KINDS) if kind not in IN_KIND]
_IN_KIND_COLUMNS = [i for i, kind in enumerate(KINDS) if kind in IN_KIND]


def _compact_rows(run: MonthRun) -> list[dict[str, Any]]:
    """Results of every household of a month run, without explanation (vectorised)."""
    ctx = run.ctx
    month = f"{ctx.day.year:04d}-{ctx.day.month:02d}"
    mlc = run.needs.sum(axis=1)
    cash = run.paid[:, _CASH_COLUMNS].sum(axis=1)
    own = run.allocated[:, _IN_KIND_COLUMNS].sum(axis=1)
    margin = mlc - run.income_for_need_test
    partial = run.days < ctx.frame.h_days_in_month
    rows = []
    for j, (
        identifier,
        needs,
        paid,
        total,
        income,
        cash_j,
        own_j,
        need_income,
        margin_j,
    ) in enumerate(
        zip(
            ctx.frame.h_id.tolist(),
            run.needs.tolist(),
            run.paid.tolist(),
            mlc.tolist(),
            run.income.tolist(),
            cash.tolist(),
            own.tolist(),
            run.income_for_need_test.tolist(),
            margin.tolist(),
            strict=True,
        )
    ):
        row: dict[str, Any] = {
            "record_type": "calculation_result",
            "id": identifier,
            "month": month,
            "needs": dict(zip(_KIND_NAMES, needs, strict=True)),
            "minimum_living_cost": total,
            "recognised_income": income,
            "amounts": dict(zip(_KIND_NAMES, paid, strict=True)),
            "cash_benefit": cash_j,
            "own_payment": own_j,
            "need_test": {
                "recognised_income": need_income,
                "in_need": margin_j > 0,
                "margin": margin_j,
            },
        }
        if partial[j]:
            row["proration"] = {
                "days": int(run.days[j]),
                "days_in_month": int(ctx.frame.h_days_in_month[j]),
            }
        rows.append(row)
    return rows


__all__ = ["ALLOCATION_ORDER", "BatchRun", "CalculationError", "Calculator", "MonthRun", "law"]
