"""The step library of need determination and the end of assistance.

Loaded as a pytest plugin by the runner next to
:mod:`~seikatsu_std.conformance.steps_lifecycle`, whose records of what a
scenario made (applications, the drafted decision) it shares.

- 要否判定 (REQ-APP-020): the kit sends the applicant's household in the month
  of the determination; income a scenario states (認定する収入) is sent as a
  pension, which is recognised in full, so the recognised income is the amount
  written. The kit's tables after 2023-09 are provisional: the request allows
  them, and the record then carries a warning (注意).
- 却下理由 (REQ-APP-027): the figures of a rejection come from the recorded
  determination; what the notice prints is checked on the standard layout of
  the notice record (:func:`~seikatsu_std.notices.layout.notice_layout`).
- 職権による保護 (REQ-APP-013): the kit adds the person's household (a new one
  headed by the person, as for an applicant) and the caseworker to the table.
- 辞退による廃止 (REQ-APP-028/029): the standard records the receipt of the
  signed declaration and the free-will check with the termination decision
  itself (``withdrawal`` and ``free_will_check`` of the draft); a precondition
  "… が記録されている" gathers them, and the draft sends them. What a scenario
  says the case file holds instead (a phone call, lost contact) is all the
  drafter has: it becomes the reasons of a draft without a declaration.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pytest_bdd import given, parsers, then, when

from seikatsu_std.calc.inputs import IncomeKind
from seikatsu_std.conformance.fields import body_from_rows, field_titled, json_value, yen
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import staff_of
from seikatsu_std.conformance.steps_lifecycle import (
    Filed,
    acting_as,
    calculation_for,
    established,
    filed_application,
    new_household,
    send_draft,
)
from seikatsu_std.conformance.targets import INPROCESS_NOW, UnsupportedStepError
from seikatsu_std.model.decision import (
    REJECTION_PHRASES,
    DecisionKind,
    FreeWillCheck,
    RejectionReason,
    TerminationReason,
    WithdrawalDeclaration,
)
from seikatsu_std.services.determination_records import NeedDetermination
from seikatsu_std.services.models import DecisionDraft, ExOfficioDraft
from seikatsu_std.standards.loader import load_standards

#: The reason of a termination by withdrawal the kit drafts when the case file holds the
#: person's declaration (the prospect after the withdrawal is added).
_WITHDRAWAL_REASON = "本人から署名した辞退届の提出があり、保護を要しなくなったため"


def _today(state: ScenarioState) -> date:
    """The target's today: the day a scenario set, or the dataset's."""
    today: date = state.values.get("today", INPROCESS_NOW.date())
    return today


# ---------------------------------------------------------------- need determination


def _incomes(state: ScenarioState) -> dict[str, int]:
    incomes: dict[str, int] = state.values.setdefault("incomes", {})
    return incomes


def _situation(filed: Filed, day: str, income: int | None, rent: int | None) -> dict[str, Any]:
    """The calculation input of the applicant's household in the month of ``day``."""
    if filed.household is None:
        raise ValueError("the application has no household (not a start application)")
    household: dict[str, Any] = json.loads(json.dumps(filed.household))
    if rent is not None:
        household["housing"] = {"tenure": "private_rental", "monthly_rent": rent}
    calculation = calculation_for(household, day)
    if income is not None:
        head = next(m for m in household["members"] if m["relationship"] == "head")
        calculation["incomes"] = [
            {"member_id": head["id"], "kind": IncomeKind.PENSION.value, "amount": income}
        ]
    return calculation


def _determine(state: ScenarioState, name: str, day: str, calculation: dict[str, Any]) -> None:
    filed = filed_application(state, name)
    body = {"determined_on": day, "calculation": calculation, "allow_provisional": True}
    state.reply = state.target.determine_need(filed.application_id, body)


@given(parsers.parse('申請者 "{name}" の世帯の認定する収入が月額 {amount} 円である'))
def income_of(state: ScenarioState, name: str, amount: str) -> None:
    filed_application(state, name)  # the scenario registered this applicant
    _incomes(state)[name] = yen(amount)


@when(parsers.parse('判定日 "{day}" で申請者 "{name}" の要否判定を行う'))
def determine(state: ScenarioState, day: str, name: str) -> None:
    filed = filed_application(state, name)
    _determine(state, name, day, _situation(filed, day, _incomes(state).get(name), None))


@given(
    parsers.parse(
        '申請者 "{name}" の要否判定の結果が最低生活費 {minimum} 円、認定した収入 {income} 円の「{result}」である'
    )
)
def determined(state: ScenarioState, name: str, minimum: str, income: str, result: str) -> None:
    """A determination with these figures: the applicant's rent makes up the minimum cost.

    The target measures the household without rent first; the rest of the minimum cost
    is the rent (within the housing limit, or the figures will not match and the
    precondition fails).
    """
    filed = filed_application(state, name)
    day = _today(state).isoformat()
    state.reply = state.target.calculate(_situation(filed, day, None, None))
    established(state, f"申請者 {name} の世帯の最低生活費の算定")
    rent = yen(minimum) - int(state.last().body["minimum_living_cost"])
    if rent < 0:
        raise ValueError(f"the household's minimum cost is already above {minimum} yen")
    _determine(state, name, day, _situation(filed, day, yen(income), rent))
    established(state, f"申請者 {name} の要否判定")
    body = state.last().body
    figures = (body["minimum_living_cost"], body["recognised_income"], body["result"])
    expected = (
        yen(minimum),
        yen(income),
        json_value(field_titled(NeedDetermination, "判定結果"), result),
    )
    state.expect(f"前提: 要否判定の最低生活費 {minimum}円、認定した収入 {income}円、{result}")
    assert figures == expected, f"要否判定は {figures}"


@then(parsers.parse('使用した基準表の版はすべて "{day}" に有効な版である'))
def editions_valid_on(state: ScenarioState, day: str) -> None:
    on = date.fromisoformat(day)
    state.expect(f"tables[].edition がすべて {day} に適用される版（標準の基準表の適用期間）")
    reply = state.last()
    assert 200 <= reply.status < 300, f"HTTP {reply.status} {reply.body}"
    standards = load_standards(use_environment=False)
    used = [table["edition"] for table in reply.body.get("tables", [])]
    assert used, "no table editions listed"
    outside = []
    for edition_id in used:
        table, _, _ = edition_id.partition("@")
        edition = next(
            (e for e in standards.editions.get(table, []) if e.edition_id == edition_id), None
        )
        if edition is None or not edition.covers(on):
            outside.append(edition_id)
    assert not outside, f"{day} に適用されない版: {outside}"


# ---------------------------------------------------------------- rejections


def _rejection(filed: Filed, reason: RejectionReason, text: str) -> dict[str, Any]:
    return {
        "case_id": filed.case_id,
        "application_id": filed.application_id,
        "kind": DecisionKind.REJECTION.value,
        "effective_on": filed.received_on,
        "reasons": [text],
        "rejection_reason": reason.value,
    }


@given(parsers.parse('理由 "{text}" で申請者 "{name}" の却下決定が "{role}" により起案されている'))
def rejection_drafted(state: ScenarioState, text: str, name: str, role: str) -> None:
    filed = filed_application(state, name)
    with acting_as(state, staff_of(role)):
        send_draft(state, _rejection(filed, RejectionReason.INCOME_SUFFICIENT, text))
        established(state, f"{role}による申請者 {name} の却下決定の起案")


@when(parsers.parse('理由に定型文 "{phrase}" だけを選んで申請者 "{name}" の却下決定を起案する'))
def draft_boilerplate_rejection(state: ScenarioState, phrase: str, name: str) -> None:
    reason = next((r for r, phrases in REJECTION_PHRASES.items() if phrase in phrases), None)
    if reason is None:
        raise UnsupportedStepError(f"「{phrase}」は標準の却下の理由の定型文にありません")
    send_draft(state, _rejection(filed_application(state, name), reason, phrase))


# ---------------------------------------------------------------- withdrawal (辞退)


def _case_file(state: ScenarioState, case_id: str) -> dict[str, Any]:
    """What the scenario recorded about a case: withdrawal records, notes, earlier decisions."""
    files: dict[str, dict[str, Any]] = state.values.setdefault("case_files", {})
    return files.setdefault(case_id, {"notes": []})


@given(parsers.parse('ケース "{case_id}" について次の内容で辞退届の受領が記録されている'))
def declaration_received(state: ScenarioState, case_id: str, datatable: list[list[str]]) -> None:
    _case_file(state, case_id)["withdrawal"] = body_from_rows(WithdrawalDeclaration, datatable)


@given(parsers.parse('ケース "{case_id}" について次の内容で辞退の任意性の確認が記録されている'))
def free_will_checked(state: ScenarioState, case_id: str, datatable: list[list[str]]) -> None:
    _case_file(state, case_id)["free_will_check"] = body_from_rows(FreeWillCheck, datatable)


@given(parsers.parse('ケース "{case_id}" に "{note}" が記録されている'))
def noted(state: ScenarioState, case_id: str, note: str) -> None:
    """A fact in the case file; the decisions the case has now are remembered."""
    record = _case_file(state, case_id)
    record["notes"].append(note)
    state.reply = state.target.case_decisions(case_id)
    established(state, f"ケース {case_id} の決定の一覧")
    record["decisions"] = {d["id"] for d in state.last().body}


@given(parsers.parse('ケース "{case_id}" に署名した辞退届の受領記録はない'))
def no_declaration(state: ScenarioState, case_id: str) -> None:
    state.expect(f"前提: この場面でケース {case_id} の辞退届の受領を記録していない")
    assert "withdrawal" not in _case_file(state, case_id)


def _termination(state: ScenarioState, case_id: str, reason: str) -> dict[str, Any]:
    record = _case_file(state, case_id)
    field = field_titled(DecisionDraft, "廃止の理由の区分")
    check = record.get("free_will_check", {})
    prospect = check.get("livelihood_prospect")
    reasons = list(record["notes"]) or [
        f"{_WITHDRAWAL_REASON}（辞退後の生活の見通し: {prospect}）"
        if prospect
        else _WITHDRAWAL_REASON
    ]
    body: dict[str, Any] = {
        "case_id": case_id,
        "kind": DecisionKind.TERMINATION.value,
        "effective_on": _today(state).isoformat(),
        "reasons": reasons,
        "termination_reason": json_value(field, reason),
    }
    for name in ("withdrawal", "free_will_check"):
        if name in record:
            body[name] = record[name]
    return body


@when(parsers.parse('廃止の理由 "{reason}" でケース "{case_id}" の廃止決定を起案する'))
def draft_termination(state: ScenarioState, reason: str, case_id: str) -> None:
    send_draft(state, _termination(state, case_id, reason))


@when(parsers.parse('辞退届の確認を省略してケース "{case_id}" の辞退による廃止決定を起案する'))
def draft_withdrawal_without_declaration(state: ScenarioState, case_id: str) -> None:
    """The short cut: a termination by withdrawal sent without the declaration and its check."""
    body = _termination(state, case_id, TerminationReason.WITHDRAWAL.label)
    body.pop("withdrawal", None)
    body.pop("free_will_check", None)
    send_draft(state, body)


@then(parsers.parse('ケース "{case_id}" に新しい決定の起案はない'))
def no_new_draft(state: ScenarioState, case_id: str) -> None:
    before: set[str] = _case_file(state, case_id).get("decisions", set())
    state.reply = reply = state.target.case_decisions(case_id)
    state.expect(f"ケース {case_id} の決定の一覧に、この場面の前提の後に起案された決定がない")
    assert reply.status == 200, f"HTTP {reply.status} {reply.body}"
    new = [d for d in reply.body if d["id"] not in before]
    assert not new, f"新しい決定: {[(d['id'], d['kind'], d['status']) for d in new]}"


# ---------------------------------------------------------------- ex officio (職権による保護)


def _register_ex_officio(state: ScenarioState, rows: list[list[str]]) -> None:
    body = body_from_rows(ExOfficioDraft, rows)
    day = body.get("judged_on") or _today(state).isoformat()
    body["household"] = household = new_household(body["person_name"], day)
    body["caseworker_id"] = staff_of("現業員")
    state.reply = reply = state.target.register_ex_officio(body)
    if reply.status == 201:
        state.values["ex_officio"] = (reply.body["case_id"], household, day)


@when("次の内容で職権による保護を登録する")
def register_ex_officio(state: ScenarioState, datatable: list[list[str]]) -> None:
    _register_ex_officio(state, datatable)


@given("次の内容で職権による保護が登録されている")
def ex_officio_registered(state: ScenarioState, datatable: list[list[str]]) -> None:
    _register_ex_officio(state, datatable)
    established(state, "職権による保護の登録")


@when("職権による保護から開始決定を起案する")
def draft_ex_officio_start(state: ScenarioState) -> None:
    """The start decision of the registered case: no application, amounts from the engine."""
    case_id, household, day = state.values["ex_officio"]
    body = {
        "case_id": case_id,
        "kind": DecisionKind.START.value,
        "effective_on": day,
        "reasons": ["急迫した状況にあり、申請を待たずに職権により保護を開始するため"],
        "calculation": calculation_for(household, day),
    }
    send_draft(state, body)
