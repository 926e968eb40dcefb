"""The explanation of a calculation: a trace line per rule, and its renderings.

Lines are read from the outcomes the rules produced (never recomputed), so the
explanation always matches the amounts. Render as text (:func:`render_text`),
HTML (:func:`render_html`) or JSON (``CalculationResult.model_dump_json``).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import numpy as np

from seikatsu_std.calc import citations as law
from seikatsu_std.calc.context import Context, Level, Role
from seikatsu_std.calc.frame import IntArray
from seikatsu_std.calc.results import CalculationResult, CellRef, TraceLine
from seikatsu_std.calc.rules import RULES
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.standards import RATE_SCALE
from seikatsu_std.standards.loader import Coded
from seikatsu_std.standards.model import Unit

if TYPE_CHECKING:
    from seikatsu_std.calc.engine import MonthRun


def rows_of(ctx: Context, level: Level, j: int) -> IntArray:
    """Row indices of household ``j`` at ``level``."""
    if level is Level.HOUSEHOLD:
        return np.array([j], dtype=np.int64)
    if level is Level.MEMBER:
        return np.flatnonzero(ctx.hh == j)
    owners = ctx.hh[ctx.frame.o_member] if len(ctx.frame.o_member) else np.zeros(0, dtype=np.int64)
    return np.flatnonzero(owners == j)


def _plain(value: Any) -> int | float | str:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    return str(value)


def _at(values: Any, row: int) -> int | float | str:
    if isinstance(values, Coded):
        return _plain(values.label_at(row))
    return _plain(values[row])


def _cells(ctx: Context, lookups: list[Any], row: int) -> list[CellRef]:
    cells = []
    for lookup in lookups:
        table = lookup.table
        if table is None or lookup.rows[row] < 0:
            continue
        table_row = int(lookup.rows[row])
        column = int(lookup.columns[row])
        raw = table.values(np.array(table_row), np.array(column))
        raw = raw.item() if isinstance(raw, np.ndarray | np.generic) else raw
        value: int | float | str = raw / RATE_SCALE if table.spec.unit is Unit.RATE else _plain(raw)
        cells.append(
            CellRef(
                table=table.spec.id,
                title=table.spec.title,
                edition=table.edition.edition_id,
                status=table.edition.status,
                row=table.row_label(table_row),
                column=table.spec.columns[column].title,
                value=value,
            )
        )
    return cells


def explain_household(run: MonthRun, j: int) -> list[TraceLine]:
    """Every rule that applied to household ``j``, then the totals."""
    ctx = run.ctx
    lines: list[TraceLine] = []
    place = ctx.municipality_lookup
    lines.append(
        TraceLine(
            code="place.kyuchi",
            title="級地・地域の判定",
            role="step",
            amount=0,
            formula="世帯の住所の全国地方公共団体コードから市区町村・級地を引く",
            inputs={
                "団体コード": _plain(ctx.frame.h_municipality[j]),
                "都道府県": _at(ctx.prefecture, j),
                "市区町村（指定都市は市）": _at(ctx.city, j),
                "級地": _at(ctx.kyuchi_column(False), j),
            },
            cells=_cells(ctx, [place], j),
            legal=[law.LIVING_CLASS1],
        )
    )
    for rule in RULES:
        result = ctx.outcomes[rule.code]
        for row in rows_of(ctx, rule.level, j).tolist():
            if not result.applies[row]:
                continue
            member = None
            if rule.level is Level.MEMBER:
                member = str(ctx.frame.m_id[row])
            elif rule.level is Level.ONE_OFF:
                member = str(ctx.frame.m_id[ctx.frame.o_member[row]])
            note = result.notes[row] if result.notes is not None else None
            lines.append(
                TraceLine(
                    code=rule.code,
                    title=rule.title,
                    kind=rule.kind,
                    role=rule.role.value,
                    member_id=member,
                    amount=int(result.amount[row]),
                    formula=rule.formula,
                    inputs={name: _at(values, row) for name, values in result.inputs.items()},
                    cells=_cells(ctx, result.lookups, row),
                    legal=list(rule.legal),
                    note=None if note is None else str(note),
                )
            )
    lines.extend(_total_lines(run, j))
    return lines


def _total_lines(run: MonthRun, j: int) -> list[TraceLine]:
    from seikatsu_std.calc.engine import ALLOCATION_ORDER, KINDS, PRORATED

    ctx = run.ctx
    lines = []
    days = int(run.days[j])
    days_in_month = int(ctx.frame.h_days_in_month[j])
    for i, kind in enumerate(KINDS):
        need = int(run.needs[j, i])
        before = int(run.needs_before_proration[j, i])
        if need == 0 and before == 0:
            continue
        prorated = kind in PRORATED and days < days_in_month
        lines.append(
            TraceLine(
                code=f"total.need.{kind.value}",
                title=f"最低生活費（{kind.label}）",
                kind=kind,
                role="total",
                amount=need,
                formula=(
                    "月額×保護の日数÷その月の日数（1円未満切上げ）"
                    if prorated
                    else "この扶助の構成要素の合計"
                ),
                inputs={"月額": before, "保護の日数": days, "その月の日数": days_in_month}
                if prorated
                else {},
                legal=[law.PRORATION] if prorated else [law.ACT_STANDARD_AND_DEGREE],
            )
        )
    mlc = int(run.needs[j].sum())
    income = int(run.income[j])
    lines.append(
        TraceLine(
            code="total.minimum_living_cost",
            title="最低生活費",
            role="total",
            amount=mlc,
            formula="扶助の種類ごとの最低生活費の合計",
            legal=[law.ACT_STANDARD_AND_DEGREE, law.ACT_HOUSEHOLD_UNIT],
        )
    )
    lines.append(
        TraceLine(
            code="total.recognised_income",
            title="収入充当額",
            role="total",
            amount=income,
            formula="就労収入の認定額＋年金・手当等の認定額＋臨時的な収入の認定額",
            legal=[law.ACT_STANDARD_AND_DEGREE],
        )
    )
    order = "→".join(kind.label for kind in ALLOCATION_ORDER)
    for i, kind in enumerate(KINDS):
        allocated = int(run.allocated[j, i])
        if allocated == 0:
            continue
        lines.append(
            TraceLine(
                code=f"total.allocated.{kind.value}",
                title=f"収入の充当（{kind.label}）",
                kind=kind,
                role="total",
                amount=-allocated,
                formula=f"収入充当額を {order} の順に充てる",
                legal=[law.INCOME_ALLOCATION],
            )
        )
    in_kind = {AssistanceKind.MEDICAL, AssistanceKind.CARE}
    cash = sum(int(run.paid[j, i]) for i, kind in enumerate(KINDS) if kind not in in_kind)
    own = sum(int(run.allocated[j, i]) for i, kind in enumerate(KINDS) if kind in in_kind)
    lines.append(
        TraceLine(
            code="total.cash_benefit",
            title="金銭給付額（支給額）",
            role="total",
            amount=cash,
            formula="医療扶助・介護扶助以外の扶助の、収入を充てた後の額の合計",
            legal=[law.ACT_STANDARD_AND_DEGREE],
        )
    )
    if own:
        lines.append(
            TraceLine(
                code="total.own_payment",
                title="本人支払額",
                role="total",
                amount=own,
                formula="収入が金銭給付分を上回る額を、医療・介護の費用に充てる",
                legal=[law.INCOME_ALLOCATION],
            )
        )
    return lines


# -------------------------------------------------------------------- renderings


def _yen(amount: int) -> str:
    return f"{amount:,}円"


def render_text(result: CalculationResult) -> str:
    """A plain-text explanation a caseworker can read."""
    out = [
        f"保護費の計算 {result.id}（{result.month}）",
        f"最低生活費 {_yen(result.minimum_living_cost)} − 収入充当額 {_yen(result.recognised_income)}",
        f"金銭給付額 {_yen(result.cash_benefit)}　本人支払額 {_yen(result.own_payment)}",
        f"要否判定: {'要保護' if result.need_test.in_need else '保護を要しない'}（差額 {_yen(result.need_test.margin)}）",
        "",
    ]
    for line in result.lines:
        who = f"［{line.member_id}］" if line.member_id else ""
        out.append(f"■ {line.title}{who}: {_yen(line.amount)}")
        out.append(f"  計算方法: {line.formula}")
        if line.inputs:
            out.append("  入力: " + "、".join(f"{k}={_show(v)}" for k, v in line.inputs.items()))
        for cell in line.cells:
            out.append(
                f"  表: {cell.title}（{cell.edition}・{cell.status.label}）{cell.row}・{cell.column} = {_show(cell.value)}"
            )
        if line.note:
            out.append(f"  補足: {line.note}")
        for ref in line.legal:
            out.append(f"  根拠: {ref.cite()}［{ref.status.label}］")
    if result.warnings:
        out.append("")
        out.append("注意:")
        out.extend(f"  - {w}" for w in result.warnings)
    return "\n".join(out) + "\n"


def _show(value: int | float | str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def render_html(result: CalculationResult) -> str:
    """An HTML fragment (a table per line group) for the case page."""
    e = html.escape
    rows = []
    for line in result.lines:
        details = []
        if line.inputs:
            details.append(
                "<dl>"
                + "".join(f"<dt>{e(k)}</dt><dd>{e(_show(v))}</dd>" for k, v in line.inputs.items())
                + "</dl>"
            )
        for cell in line.cells:
            details.append(
                f'<p class="cell">{e(cell.title)}（{e(cell.edition)}・<span class="status-{e(cell.status.value)}">'
                f"{e(cell.status.label)}</span>）{e(cell.row)}・{e(cell.column)} = {e(_show(cell.value))}</p>"
            )
        if line.note:
            details.append(f'<p class="note">{e(line.note)}</p>')
        legal = "<br>".join(f"{e(ref.cite())}［{e(ref.status.label)}］" for ref in line.legal)
        member = f"<br><small>{e(line.member_id)}</small>" if line.member_id else ""
        rows.append(
            f'<tr class="role-{e(line.role)}"><th scope="row">{e(line.title)}{member}</th>'
            f'<td class="amount">{e(_yen(line.amount))}</td>'
            f"<td>{e(line.formula)}{''.join(details)}</td><td>{legal}</td></tr>"
        )
    warnings = "".join(f"<li>{e(w)}</li>" for w in result.warnings)
    return (
        f'<section class="calculation" lang="ja"><h2>保護費の計算（{e(result.month)}）</h2>'
        f"<p>最低生活費 {e(_yen(result.minimum_living_cost))} − 収入充当額 {e(_yen(result.recognised_income))}"
        f" ／ 金銭給付額 <strong>{e(_yen(result.cash_benefit))}</strong></p>"
        '<table><thead><tr><th scope="col">項目</th><th scope="col">額</th>'
        '<th scope="col">計算方法・入力・表</th><th scope="col">根拠</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        + (f'<ul class="warnings">{warnings}</ul>' if warnings else "")
        + "</section>"
    )


__all__ = ["Role", "explain_household", "render_html", "render_text", "rows_of"]
