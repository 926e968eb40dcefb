"""業務フロー: a page per the lifecycle's workflows, drawn from their declarations.

Each workflow gets its Mermaid state diagram (:meth:`Workflow.mermaid`), a
table of its transitions with who may take them (from the authority rules)
and the rules they must satisfy (the guards, with their legal basis), and its
legal deadlines with the values of the dated table in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seikatsu_std.authority import RULES
from seikatsu_std.docs_pages import (
    _edition_anchor,
    _generated_header,
    cell,
    legal_table,
    md_escape,
    table,
)
from seikatsu_std.model.legal import LegalRef
from seikatsu_std.standards import Standards
from seikatsu_std.workflows.engine import Workflow

_REQUIREMENT_TEXT = {
    "public_official": "公務員であること（委託事業者の職員は不可）",
    "certified": "社会福祉主事の資格",
    "not_drafter": "その決定を起案した職員でないこと",
}


def who_may(transition: Any) -> str:
    """Who may take a transition, in Japanese (from the authority rules)."""
    rule = RULES[transition.action]
    roles = "・".join(sorted(role.label for role in rule.roles))
    extra = "、".join(_REQUIREMENT_TEXT[r] for r in sorted(rule.requires))
    return f"{roles}" + (f"（{extra}）" if extra else "")


def workflows_page(workflows: Mapping[str, Workflow[Any, Any]], standards: Standards) -> str:
    """業務フロー: every workflow with its diagram, transitions, rules and deadlines."""
    out = _generated_header(
        "業務フロー",
        [
            "相談から申請・決定・ケースの終結までの業務フローです。状態と遷移、遷移ごとに操作できる職員と"
            "守るべき規則、法定の期限を、ライブラリの定義（`seikatsu_std/workflows/lifecycle.py`）から作っています。",
            "規則に反する操作は、反した規則と根拠を示して拒否されます（HTTP 422 `rule-violation`、"
            "状態が許さない操作は 409 `invalid-transition`）。",
        ],
    )
    for workflow in workflows.values():
        out += [f"## {md_escape(workflow.label)} {{#workflow-{workflow.name}}}", ""]
        out += ["```mermaid", workflow.mermaid(), "```", ""]
        out += ["状態:", ""]
        out += table(
            ["状態", "コード", "区分"],
            (
                [
                    cell(state.label),
                    f"`{state.value}`",
                    "開始"
                    if state is workflow.initial
                    else "終結"
                    if state in workflow.final
                    else "",
                ]
                for state in workflow.states
            ),
        )
        out += ["遷移:", ""]
        out += table(
            ["操作", "前の状態", "後の状態", "操作できる職員", "守るべき規則"],
            (
                [
                    cell(t.label + (f"（{t.description}）" if t.description else "")),
                    cell("・".join(s.label for s in t.sources)),
                    cell(t.target.label),
                    cell(who_may(t)),
                    cell("。".join(g.rule_ja for g in t.guards)) if t.guards else "—",
                ]
                for t in workflow.transitions
            ),
        )
        refs = _unique(ref for t in workflow.transitions for g in t.guards for ref in g.legal)
        if refs:
            out += ["規則の根拠:", ""]
            out += legal_table(refs)
        for deadline in workflow.deadlines:
            out += _deadline_section(deadline, standards)
    return "\n".join(out)


def _deadline_section(deadline: Any, standards: Standards) -> list[str]:
    out = [
        f"### 期限: {md_escape(deadline.label)}",
        "",
        f"起算: {md_escape(deadline.starts)}。",
        "",
    ]
    rows = []
    for edition in standards.editions.get(deadline.table, []):
        compiled = standards.compiled(deadline.table, edition.valid_from, allow_provisional=True)
        spec = standards.tables[deadline.table]
        values = "、".join(
            f"{column.title} {compiled.scalar(column.name)}" for column in spec.columns
        )
        rows.append(
            [
                f"[{edition.edition_id}](standards.md#{_edition_anchor(edition)})",
                edition.valid_from.isoformat(),
                edition.valid_to.isoformat() if edition.valid_to else "—",
                cell(values),
            ]
        )
    out += table(["基準表の版", "適用開始", "適用終了", "値"], rows)
    out += legal_table(deadline.legal)
    return out


def _unique(refs: Any) -> list[LegalRef]:
    seen: dict[tuple[str, str | None, str | None], LegalRef] = {}
    for ref in refs:
        seen.setdefault((ref.law, ref.article, ref.summary), ref)
    return list(seen.values())
