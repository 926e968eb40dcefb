"""The step library of the tickets a suspension or termination ends (REQ-MED-015, REQ-CAR-009).

Loaded as a pytest plugin by the runner, next to the lifecycle and ticket steps. A
scenario names a case of the dataset, a month and the institution by its code (the
demo clinic's 医療機関コード, the kit's care provider's 介護保険事業所番号): a ticket is
issued by the medical clerk on the case's latest final start or change decision, for
the household head.

The target's records outlive a scenario, and a termination cannot be undone: a
precondition 「ケース … の廃止決定が適用日 … で決裁されている」 drafts and approves the
decision on a running case, holds as it is on a case that such a decision (same kind,
same effective date) already ended, and leaves the scenario unverified on a case that
another decision ended or suspended (the scenario could not mean what it says there).
Likewise a ticket that a precondition issues and the target refuses as a duplicate is
there already; a ticket refused because the case ended before makes the scenario
unverified, never passed.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, when

from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import OFFICE, staff_of
from seikatsu_std.conformance.steps_lifecycle import (
    LISTS,
    ListOf,
    acting_as,
    approve_drafted,
    approver_of,
    case_detail,
    established,
    send_draft,
)
from seikatsu_std.conformance.steps_tickets import CARE_PROVIDER, INSURED_NUMBER
from seikatsu_std.conformance.targets import INPROCESS_NOW, Reply, UnsupportedStepError
from seikatsu_std.model.care import CareServiceKind
from seikatsu_std.model.case import CaseStatus
from seikatsu_std.model.common import AssistanceKind, month_bounds
from seikatsu_std.model.decision import DecisionKind, DecisionStatus, TerminationReason
from seikatsu_std.model.medical import ProviderContactMethod, TreatmentSetting
from seikatsu_std.services.demo import DEMO_INSTITUTIONS
from seikatsu_std.services.ticket_models import TicketPastEnding, TicketsPastEnding

#: The decisions that end or suspend assistance, as scenarios name them, and the state of
#: the case each leads to.
_ENDINGS = {
    "廃止": (DecisionKind.TERMINATION, CaseStatus.TERMINATED),
    "停止": (DecisionKind.SUSPENSION, CaseStatus.SUSPENDED),
}
#: The tickets as scenarios name them: the record type.
_TICKETS = {"医療券": "medical_ticket", "介護券": "care_ticket"}
_FINAL = (DecisionStatus.APPROVED.value, DecisionStatus.NOTIFIED.value)
_SETTING = (DecisionKind.START.value, DecisionKind.CHANGE.value)
#: The reason of a termination or suspension the kit drafts (invented).
_ENDING_REASON = "世帯の収入が最低生活費を上回る見込みとなったため（適合性確認用）"
#: Who issues and shortens tickets (authority ``manage_medical``), and who drafts.
_CLERK, _DRAFTER = "医療事務の職員", "現業員"
#: The rules a refusal of an issue names when the ticket is there already.
_DUPLICATE = {"no_duplicate_ticket"}


def _decisions(state: ScenarioState, case_id: str) -> list[dict[str, Any]]:
    """The case's decisions, newest first (read as the caseworker)."""
    with acting_as(state, staff_of(_DRAFTER)):
        state.reply = reply = state.target.case_decisions(case_id)
        established(state, f"ケース {case_id} の決定の一覧の読取り")
    decisions: list[dict[str, Any]] = reply.body
    return decisions


def _status(state: ScenarioState, case_id: str) -> CaseStatus:
    with acting_as(state, staff_of(_DRAFTER)):
        state.reply = reply = state.target.get_case(case_id, "decision")
        established(state, f"ケース {case_id} の読取り")
    return CaseStatus.parse(reply.body["case"]["status"])


def _draft_ending(case_id: str, kind: DecisionKind, day: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "case_id": case_id,
        "kind": kind.value,
        "effective_on": day,
        "reasons": [_ENDING_REASON],
    }
    if kind is DecisionKind.TERMINATION:
        body["termination_reason"] = TerminationReason.OTHER_INCOME.value
    else:
        # A suspension of all assistance: nothing goes on being paid.
        body["amounts"] = dict.fromkeys((k.value for k in AssistanceKind), 0)
    return body


@given(
    parsers.re(
        r'ケース "(?P<case_id>[^"]+)" の(?P<name>廃止|停止)決定が適用日 "(?P<day>[^"]+)" で決裁されている'
    )
)
def ending_approved(state: ScenarioState, case_id: str, name: str, day: str) -> None:
    kind, ended = _ENDINGS[name]
    status = _status(state, case_id)
    # A running case, or a suspended one that is now terminated (停止中 → 廃止).
    if status is CaseStatus.ACTIVE or (
        kind is DecisionKind.TERMINATION and status is CaseStatus.SUSPENDED
    ):
        with acting_as(state, staff_of(_DRAFTER)):
            send_draft(state, _draft_ending(case_id, kind, day))
            established(state, f"ケース {case_id} の{name}決定の起案")
        with acting_as(state, approver_of(state)):
            approve_drafted(state)
            established(state, f"ケース {case_id} の{name}決定の決裁")
        return
    latest = next((d for d in _decisions(state, case_id) if d["status"] in _FINAL), None)
    if (
        status is ended
        and latest is not None
        and latest["kind"] == kind.value
        and latest["effective_on"] == day
    ):
        return  # an earlier scenario ended the case just so: the precondition holds
    raise UnsupportedStepError(
        f"ケース {case_id} は既に「{status.label}」です（この対象の記録は場面をまたいで残り、"
        f"保護中でないケースに{name}決定（適用日 {day}）を前提として作れません）"
    )


# ---------------------------------------------------------------- what the tickets rest on


@given(parsers.parse('医療機関 "{code}" は "{day}" から指定医療機関である'))
def institution_designated(state: ScenarioState, code: str, day: str) -> None:
    """A fact of the dataset the target was loaded with (the standard API has no operation
    to register or read institutions yet): held if the dataset says so, else unverified."""
    found = next((row for row in DEMO_INSTITUTIONS if row[1] == code), None)
    if found is None or found[4] != day:
        raise UnsupportedStepError(
            f"この対象のデータに {day} から指定された医療機関コード {code} の医療機関はありません"
        )


@given(
    parsers.parse(
        'ケース "{case_id}" の医療扶助が嘱託医の審査で "{start}" から "{end}" まで認められている'
    )
)
def medical_assistance_granted(state: ScenarioState, case_id: str, start: str, end: str) -> None:
    """What the target records of it: a final start or change decision of the case in force
    from ``start`` grants medical assistance. (The physician's review itself is not a record
    of the standard API yet: the dataset's story, not checked.)"""
    state.expect(f"ケース {case_id} に {start} から有効な医療扶助を認めた確定した決定がある")
    granted = [
        d
        for d in _decisions(state, case_id)
        if d["status"] in _FINAL
        and d["kind"] in _SETTING
        and d["effective_on"] <= start
        and (d.get("amounts") or {}).get(AssistanceKind.MEDICAL.value, 0) > 0
    ]
    if not granted:
        raise UnsupportedStepError(
            f"ケース {case_id} に {start}〜{end} の医療扶助を認めた確定した決定がありません"
        )


# ---------------------------------------------------------------- issuing by institution code


def _setting_decision(state: ScenarioState, case_id: str, month: str) -> str:
    """The case's latest final start or change decision in force in ``month``."""
    last_day = month_bounds(month)[1].isoformat()
    found = next(
        (
            d["id"]
            for d in _decisions(state, case_id)
            if d["status"] in _FINAL and d["kind"] in _SETTING and d["effective_on"] <= last_day
        ),
        None,
    )
    if found is None:
        raise UnsupportedStepError(
            f"ケース {case_id} に {month} の券の根拠となる確定した開始・変更の決定がありません"
        )
    return str(found)


def _institution(code: str) -> str:
    """The dataset's medical institution of a 医療機関コード."""
    found = next((row[0] for row in DEMO_INSTITUTIONS if row[1] == code), None)
    if found is None:
        raise UnsupportedStepError(
            f"この対象のデータに医療機関コード {code} の医療機関はありません"
        )
    return found


def _issue(state: ScenarioState, ticket: str, case_id: str, month: str, code: str) -> Reply:
    """Issue the ticket the scenario names, as the medical clerk; remember which it is."""
    record_type = _TICKETS[ticket]
    body: dict[str, Any] = {
        "decision_id": _setting_decision(state, case_id, month),
        "member_id": case_detail(state, case_id)["household"]["members"][0]["id"],
        "month": month,
    }
    if record_type == "medical_ticket":
        provider = _institution(code)
        body |= {"institution_id": provider, "setting": TreatmentSetting.OUTPATIENT.value}
    else:
        number, name = CARE_PROVIDER
        if code != number:
            raise UnsupportedStepError(
                f"この対象のデータに事業所番号 {code} の介護事業所はありません"
            )
        provider = number
        body |= {
            "provider_number": number,
            "provider_name": name,
            "service_kind": CareServiceKind.HOME_CARE.value,
            "insured_number": INSURED_NUMBER,
        }
    state.values["ticket"] = (record_type, case_id, month, provider)
    with acting_as(state, staff_of(_CLERK)):
        if record_type == "medical_ticket":
            state.reply = state.target.issue_medical_ticket(case_id, body)
        else:
            state.reply = state.target.issue_care_ticket(case_id, body)
    return state.last()


def _rules(reply: Reply) -> set[str]:
    body = reply.body if isinstance(reply.body, dict) else {}
    return {str(v.get("rule")) for v in body.get("violations", [])}


@when(
    parsers.re(
        r'ケース "(?P<case_id>[^"]+)" の "(?P<month>[^"]+)" の(?P<ticket>医療券|介護券)を(?:医療機関|介護機関) "(?P<code>[^"]+)" に発行する'
    )
)
def issue_ticket(state: ScenarioState, case_id: str, month: str, ticket: str, code: str) -> None:
    _issue(state, ticket, case_id, month, code)


@given(
    parsers.re(
        r'ケース "(?P<case_id>[^"]+)" の "(?P<month>[^"]+)" の(?P<ticket>医療券|介護券)が(?:医療機関|介護機関) "(?P<code>[^"]+)" に発行されている'
    )
)
def ticket_issued(state: ScenarioState, case_id: str, month: str, ticket: str, code: str) -> None:
    reply = _issue(state, ticket, case_id, month, code)
    if reply.status == 422 and _rules(reply) == _DUPLICATE:
        return  # issued by an earlier scenario: the ticket is there
    if reply.status == 422 and "assistance_ended" in _rules(reply):
        raise UnsupportedStepError(
            f"ケース {case_id} は既に停止・廃止されていて {month} の{ticket}を発行できません"
            "（この対象の記録は場面をまたいで残ります）"
        )
    established(state, f"ケース {case_id} の {month} の{ticket}の発行")


# ---------------------------------------------------------------- the list and the change


@when(parsers.re(r"(?P<name>廃止|停止)の適用日をまたぐ(?P<ticket>医療券|介護券)の一覧を取得する"))
def list_past_ending(state: ScenarioState, name: str, ticket: str) -> None:
    kind = _ENDINGS[name][0]
    with acting_as(state, staff_of(_CLERK)):
        state.reply = state.target.tickets_past_ending(OFFICE, _TICKETS[ticket], kind.value)


def _matches(state: ScenarioState, row: dict[str, Any]) -> bool:
    """Whether a row is the scenario's own ticket (the one its steps issued)."""
    record_type, case_id, month, provider = state.values["ticket"]
    return (row["ticket_type"], row["case_id"], row["month"], row["provider"]) == (
        record_type,
        case_id,
        month,
        provider,
    )


def _row_of_case(
    state: ScenarioState, key: str, rows: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The row of case ``key``: the scenario's own ticket if it issued one."""
    own = "ticket" in state.values
    return next((r for r in rows if r["case_id"] == key and (not own or _matches(state, r))), None)


LISTS[TicketsPastEnding] = ListOf(TicketPastEnding, _row_of_case)


@when(
    parsers.re(
        r'その(?P<ticket>医療券|介護券)の有効期間の終了日を "(?P<day>[^"]+)" に変更し、'
        r"(?:医療機関|事業者)への連絡を記録する"
    )
)
def shorten(state: ScenarioState, ticket: str, day: str) -> None:
    if "ticket" not in state.values:
        raise UnsupportedStepError("この場面で発行した券がありません")
    record_type = _TICKETS[ticket]
    with acting_as(state, staff_of(_CLERK)):
        state.reply = reply = state.target.tickets_past_ending(OFFICE, record_type)
        established(state, "適用日をまたぐ有効な券の一覧の読取り")
        row = next((r for r in reply.body["items"] if _matches(state, r)), None)
        state.expect("この場面の券が適用日をまたぐ有効な券の一覧にある")
        assert row is not None, f"一覧にこの場面の{ticket}がありません"
        body = {
            "version": row["version"],
            "valid_to": day,
            "contacted_on": state.values.get("today", INPROCESS_NOW.date()).isoformat(),
            "contact_method": ProviderContactMethod.PHONE.value,
        }
        state.reply = state.target.shorten_ticket(record_type, row["ticket_id"], body)
