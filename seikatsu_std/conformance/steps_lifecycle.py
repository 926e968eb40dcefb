"""The step library of the case lifecycle: consultations, applications, deadlines, decisions.

Loaded as a pytest plugin by the runner next to :mod:`~seikatsu_std.conformance.steps`.
As there, each step does one operation or one check through the target and
records what it expects. Fields are named by their Japanese titles in the
standard (:mod:`~seikatsu_std.conformance.fields`); a title or a value the
standard does not define makes the scenario unverified, with the reason.

Data: every scenario makes its own records and remembers them in
``state.values`` — applications by applicant name (a change application by
its case id), the consultation, the decision — because an HTTP target keeps
what earlier scenarios made: lists are checked on the scenario's own rows
only. Every new household has a fresh id and fresh member ids; case numbers
are the target's.

Dates: the targets run at the dataset's date (2023-09-20). A scenario set on
another day (今日は …) runs where the clock can be set (in-process) and is
unverified on an HTTP target. Lists of a given day use the ``as_of``
parameter of the standard API instead, and run on every target.
"""

from __future__ import annotations

import contextlib
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel
from pytest_bdd import given, parsers, then, when

from seikatsu_std.conformance.fields import (
    FieldAt,
    body_from_rows,
    drop,
    field_titled,
    fields_of,
    json_value,
    model_title,
    put,
    reply_model,
    same,
    shown,
    value_at,
    yen,
)
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import OFFICE, login_as, problem_check, staff_of, vectors
from seikatsu_std.conformance.targets import INPROCESS_NOW, Reply, UnsupportedStepError
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import (
    KINDS_WITH_AMOUNTS,
    PRICED_KINDS,
    AssistanceAmounts,
    DecisionKind,
)
from seikatsu_std.model.intake import ApplicationChannel, Attachment
from seikatsu_std.notices import AmountLine, DecisionNotice
from seikatsu_std.notices.layout import notice_layout
from seikatsu_std.services.demo import DEMO_MONTH
from seikatsu_std.services.models import (
    ApplicationDraft,
    ConsultationClosing,
    ConsultationDraft,
    ConsultationView,
    DecisionDraft,
    ElectronicApplication,
    PendingApplication,
    PendingApplications,
    ReviewItem,
    ReviewQueue,
    StaffAlert,
    WishAmendment,
    WithdrawalRequest,
)

#: The calculation vector whose household a new applicant brings: one adult in 中野区
#: (1級地-1) who needs 76,420 yen of living assistance a month and has no income.
APPLICANT_VECTOR = "living-age-band-20-40-1-1"
#: The applicant of an application whose scenario does not name one.
DEFAULT_APPLICANT = "中野 一郎"
#: 指定日数 of the list of applications near their deadline (REQ-APP-009: 初期値3日).
DUE_SOON_DAYS = 3
#: When a change decision not answering an application takes effect: the first day of the
#: dataset's month (its amounts are computed for that month, whose standards are official).
CHANGE_EFFECTIVE_ON = f"{DEMO_MONTH}-01"
_START_REASON = "要否判定の結果、最低生活費に収入が満たないため"
_CHANGE_REASON = "世帯の状況の変化により扶助の額を改めるため"
#: The kinds of decision whose amounts the standard computes from a calculation input.
_PRICED = tuple(kind.value for kind in PRICED_KINDS)
#: The kinds of decision that carry amounts by kind of assistance in the standard.
_WITH_AMOUNTS = tuple(kind.value for kind in KINDS_WITH_AMOUNTS)


# ---------------------------------------------------------------- what a scenario made


@dataclass
class Filed:
    """An application the scenario registered."""

    application_id: str
    case_id: str
    version: int
    received_on: str
    household: dict[str, Any] | None


@dataclass
class Consulted:
    """The consultation the scenario recorded."""

    consultation_id: str
    version: int
    person_name: str
    day: str
    wished_on: str | None = None
    application_id: str | None = None


@dataclass
class Drafted:
    """The decision the scenario drafted."""

    decision_id: str
    version: int
    drafted_by: str


def _applications(state: ScenarioState) -> dict[str, Filed]:
    filed: dict[str, Filed] = state.values.setdefault("applications", {})
    return filed


def filed_application(state: ScenarioState, key: str) -> Filed:
    found = _applications(state).get(key)
    if found is None:
        known = "、".join(_applications(state)) or "なし"
        raise KeyError(f"この場面で登録した申請に「{key}」はありません（登録した申請: {known}）")
    return found


def _consultation(state: ScenarioState) -> Consulted:
    consulted: Consulted = state.values["consultation"]
    return consulted


def drafted_decision(state: ScenarioState) -> Drafted:
    drafted: Drafted = state.values["decision"]
    return drafted


def established(state: ScenarioState, what: str) -> None:
    """A precondition the target must accept (the scenario cannot go on otherwise)."""
    reply = state.last()
    state.expect(f"前提: {what}（HTTP 2xx）")
    assert 200 <= reply.status < 300, f"{what}: HTTP {reply.status} {reply.body}"


@contextlib.contextmanager
def acting_as(state: ScenarioState, staff_id: str) -> Iterator[None]:
    """Act as ``staff_id``, then log back in as whoever was logged in."""
    previous = state.values.get("staff_id")
    if previous == staff_id:
        yield
        return
    login_as(state, staff_id)
    try:
        yield
    finally:
        if previous is not None:
            login_as(state, previous)


# ---------------------------------------------------------------- request bodies


def new_household(name: str, as_of: str) -> dict[str, Any]:
    """A household no scenario used before (fresh ids), headed by ``name``."""
    vector = vectors()[APPLICANT_VECTOR]
    household: dict[str, Any] = json.loads(vector.input.household.model_dump_json())
    household["id"] = f"household-{uuid.uuid4().hex}"
    household["as_of"] = as_of
    for member in household["members"]:
        member["id"] = f"member-{uuid.uuid4().hex}"
        if member["relationship"] == "head":
            member["name"] = name
    return household


def calculation_for(household: dict[str, Any], effective_on: str) -> dict[str, Any]:
    """The calculation input that prices a decision: the household in the month it takes effect."""
    return {
        "record_type": "calculation_input",
        "id": f"calculation-{uuid.uuid4().hex}",
        "month": effective_on[:7],
        "household": household,
    }


def start_application(name: str, received_on: str, **changes: Any) -> dict[str, Any]:
    """A start application of a new household headed by the applicant."""
    return {
        "kind": "start",
        "received_on": received_on,
        "channel": "written_form",
        "place": "counter",
        "applicant_name": name,
        "applicant_relationship": "本人",
        "household": new_household(name, received_on),
        "requested_kinds": ["living"],
        "reason": "失職し、生活に困窮しているため",
        # The new case's caseworker (whoever receives the application).
        "caseworker_id": staff_of("現業員"),
        **changes,
    }


def case_detail(state: ScenarioState, case_id: str) -> dict[str, Any]:
    """A case of the dataset, read once per scenario (its household prices change decisions)."""
    cases: dict[str, dict[str, Any]] = state.values.setdefault("cases", {})
    if case_id not in cases:
        reply = state.target.get_case(case_id, "decision")
        state.expect(f"前提: ケース {case_id} を読める（HTTP 200）")
        assert reply.status == 200, f"cannot read case {case_id}: {reply.status} {reply.body}"
        cases[case_id] = reply.body
    return cases[case_id]


def start_decision(state: ScenarioState, name: str) -> dict[str, Any]:
    filed = filed_application(state, name)
    if filed.household is None:
        raise ValueError(f"「{name}」の申請は開始申請ではありません")
    return {
        "case_id": filed.case_id,
        "application_id": filed.application_id,
        "kind": DecisionKind.START.value,
        "effective_on": filed.received_on,
        "reasons": [_START_REASON],
        "calculation": calculation_for(filed.household, filed.received_on),
    }


def _change_decision(state: ScenarioState, case_id: str) -> dict[str, Any]:
    """A change decision of a case: on the scenario's change application of it, if there is one."""
    filed = _applications(state).get(case_id)
    effective_on = filed.received_on if filed is not None else CHANGE_EFFECTIVE_ON
    household = case_detail(state, case_id)["household"]
    body: dict[str, Any] = {
        "case_id": case_id,
        "kind": DecisionKind.CHANGE.value,
        "effective_on": effective_on,
        "reasons": [_CHANGE_REASON],
        "calculation": calculation_for(household, effective_on),
    }
    if filed is not None:
        body["application_id"] = filed.application_id
    return body


def _decision_from_rows(
    rows: list[list[str]],
    case_id: str,
    filed: Filed | None,
    household: dict[str, Any] | None,
) -> dict[str, Any]:
    """A decision draft from a table of titles: the kit adds the case, the application and the
    calculation input that prices a start or change decision (amounts come from the standards)."""
    body = body_from_rows(DecisionDraft, rows)
    body["case_id"] = case_id
    if filed is not None:
        body["application_id"] = filed.application_id
    kind = body.get("kind")
    if "amounts" in body:
        if kind not in _WITH_AMOUNTS:
            label = next((k.label for k in DecisionKind if k.value == kind), kind)
            raise UnsupportedStepError(
                "標準の保護の決定が扶助別の額を記録するのは"
                + "・".join(k.label for k in DecisionKind if k in KINDS_WITH_AMOUNTS)
                + f"の決定に限られます（{label}の決定に額の項目はありません）"
            )
        # The drafter states the amounts to confirm; kinds not written are 0.
        written = body["amounts"]
        body["amounts"] = {code.value: written.get(code.value, 0) for code in AssistanceKind}
    if kind in _PRICED and household is not None and "effective_on" in body:
        body["calculation"] = calculation_for(household, body["effective_on"])
    return body


# ---------------------------------------------------------------- operations


def receive(state: ScenarioState, key: str, body: dict[str, Any]) -> None:
    state.reply = reply = state.target.receive_application(body)
    _remember(state, key, body, reply)


def _remember(state: ScenarioState, key: str, body: dict[str, Any], reply: Reply) -> None:
    """Remember an application the target registered (by ``key``)."""
    if reply.status == 201:
        _applications(state)[key] = Filed(
            application_id=reply.body["application"]["id"],
            case_id=reply.body["case_id"],
            version=reply.body["version"],
            received_on=reply.body["application"]["received_on"],
            household=body.get("household"),
        )


#: Items whose values the standard closes to a list that a requirement names (REQ-APP-002:
#: 申請の意思 is あり・なし・確認できず). A value outside the list is sent as written: the
#: target must refuse it, which is what such a scenario checks.
_CLOSED_LISTS = ("申請の意思",)
#: The item of the consultation form that the form fills with the staff member logged in.
_INTERVIEWER = "対応職員"


def _consultation_body(state: ScenarioState, rows: list[list[str]]) -> dict[str, Any]:
    """A consultation from a table: a row left out of :data:`_INTERVIEWER` is the staff
    member logged in (as the form fills it); a row written blank is not entered."""
    titles = [title.strip() for title, _ in rows]
    body = body_from_rows(
        ConsultationDraft, [row for row in rows if row[0].strip() not in _CLOSED_LISTS]
    )
    for title, text in rows:
        if title.strip() not in _CLOSED_LISTS or not text.strip():
            continue
        field = field_titled(ConsultationDraft, title.strip())
        try:
            put(body, field, json_value(field, text.strip()))
        except UnsupportedStepError:
            put(body, field, text.strip())
    if _INTERVIEWER not in titles:
        put(body, field_titled(ConsultationDraft, _INTERVIEWER), state.values["staff_id"])
    return body


def _consult(state: ScenarioState, rows: list[list[str]]) -> None:
    state.reply = reply = state.target.open_consultation(_consultation_body(state, rows))
    if reply.status == 201:
        record = reply.body["consultation"]
        wished = field_titled(ConsultationView, "申請の意思を示した日")
        state.values["consultation"] = Consulted(
            consultation_id=record["id"],
            version=reply.body["version"],
            person_name=record["person_name"],
            day=record["started_at"][:10],
            wished_on=value_at(reply.body, wished),
        )


def send_draft(state: ScenarioState, body: dict[str, Any]) -> None:
    state.reply = reply = state.target.draft_decision(body)
    if reply.status == 201:
        decision = reply.body["decision"]
        state.values["decision"] = Drafted(
            decision["id"], reply.body["version"], decision["drafted_by"]
        )


#: How 「起案されている決定」 is approved when the scenario drafted another kind of decision than
#: a protection decision: step modules register theirs by the key of ``state.values`` they keep
#: it under (the decisions on repayments and collections, …).
APPROVALS: dict[str, Callable[[ScenarioState], None]] = {}


def approve_drafted(state: ScenarioState) -> None:
    other = next((key for key in APPROVALS if key in state.values), None)
    if other is not None:
        APPROVALS[other](state)
        return
    drafted = drafted_decision(state)
    state.reply = reply = state.target.approve_decision(drafted.decision_id, drafted.version)
    if reply.status == 200:
        drafted.version = reply.body["version"]


def approver_of(state: ScenarioState) -> str:
    """Who approves in a precondition: the supervisor, or the chief if the supervisor drafted."""
    supervisor = staff_of("査察指導員")
    return staff_of("課長") if drafted_decision(state).drafted_by == supervisor else supervisor


def _issue(state: ScenarioState) -> None:
    drafted = drafted_decision(state)
    state.reply = reply = state.target.notify_decision(drafted.decision_id, drafted.version)
    if reply.status == 200:
        drafted.version = reply.body["version"]


# ---------------------------------------------------------------- given: the day


@given(parsers.parse('今日は "{day}" である'))
@when(parsers.parse('日付が "{day}" に進む'))
def today_is(state: ScenarioState, day: str) -> None:
    state.target.set_today(date.fromisoformat(day))
    state.values["today"] = date.fromisoformat(day)


def _receivable(state: ScenarioState, day: str) -> None:
    """An application of a precondition can only have been received by the target's today."""
    today: date = state.values.get("today", INPROCESS_NOW.date())
    if date.fromisoformat(day) > today:
        raise UnsupportedStepError(
            f"申請日 {day} は確認の日付（{today.isoformat()}）より後で、まだ受け付けられません"
            "（その日以後に「今日は」で日付を進めてから登録する場面にしてください）"
        )


# ---------------------------------------------------------------- consultations


@when("次の内容で相談記録を確定する")
def consult(state: ScenarioState, datatable: list[list[str]]) -> None:
    _consult(state, datatable)


@given("次の内容で相談記録が確定している")
def consulted(state: ScenarioState, datatable: list[list[str]]) -> None:
    _consult(state, datatable)
    established(state, "相談記録の確定")


@given("次の内容で相談記録を作成している")
def consultation_form(state: ScenarioState, datatable: list[list[str]]) -> None:
    """The record as filled in, not yet sent."""
    state.values["consultation_form"] = datatable


@when("相談記録を確定する")
def consult_form(state: ScenarioState) -> None:
    _consult(state, state.values["consultation_form"])


@when(parsers.parse('"{title}" を空にして相談記録を確定する'))
def consult_without(state: ScenarioState, title: str) -> None:
    field_titled(ConsultationDraft, title)  # an item the standard defines
    rows = state.values["consultation_form"]
    emptied = [[t, "" if t.strip() == title else v] for t, v in rows]
    if title not in (t.strip() for t, _ in rows):
        emptied.append([title, ""])
    _consult(state, emptied)


@when(parsers.parse('相談記録を "{outcome}" で終結する'))
def close_consultation(state: ScenarioState, outcome: str) -> None:
    consultation = _consultation(state)
    body: dict[str, Any] = {"version": consultation.version}
    field = field_titled(ConsultationClosing, "相談の結果")
    put(body, field, json_value(field, outcome))
    if value_at(body, field) == "application_taken" and consultation.application_id:
        body["application_id"] = consultation.application_id
    state.reply = reply = state.target.close_consultation(consultation.consultation_id, body)
    if reply.status == 200:
        consultation.version = reply.body["version"]


def _wish_step(state: ScenarioState, step: str, body: dict[str, Any]) -> None:
    """A change of the consultation's wish to apply (on the version the scenario last read)."""
    consultation = _consultation(state)
    state.reply = reply = state.target.consultation_wish(
        consultation.consultation_id, step, {**body, "version": consultation.version}
    )
    if reply.status == 200:
        consultation.version = reply.body["version"]


@given(parsers.parse('相談記録に本人の意思の変化を示す記録 "{account}" が追加されている'))
def change_of_mind_recorded(state: ScenarioState, account: str) -> None:
    _wish_step(state, "wish-changes", {"account": account})
    established(state, "本人の意思の変化の記録")


@given("相談記録の本人の意思の変化を査察指導員が確認している")
def change_of_mind_confirmed(state: ScenarioState) -> None:
    with acting_as(state, staff_of("査察指導員")):
        _wish_step(state, "wish-changes/confirmation", {})
        established(state, "査察指導員による本人の意思の変化の確認")


@when("相談記録の申請の意思の変更を査察指導員として確認する")
def confirm_change_of_mind(state: ScenarioState) -> None:
    """The logged-in staff member confirms the change of mind (the supervisor's action)."""
    _wish_step(state, "wish-changes/confirmation", {})


@when(parsers.parse('相談記録の申請の意思を "{wish}" に変更する'))
def amend_wish(state: ScenarioState, wish: str) -> None:
    field = field_titled(WishAmendment, "申請の意思")
    _wish_step(state, "wish", {"wishes_to_apply": json_value(field, wish)})


def _apply_from_consultation(
    state: ScenarioState, day: str | None = None, reason: str | None = None
) -> None:
    """The application of the person consulted. Its day is ``day`` or, as the form fills it,
    the day the consultation record (as the target returned it) says the wish was shown —
    the day of the consultation if it names none."""
    consultation = _consultation(state)
    received_on = day or consultation.wished_on or consultation.day
    body = start_application(
        consultation.person_name, received_on, consultation_id=consultation.consultation_id
    )
    if reason is not None:
        put(body, field_titled(ApplicationDraft, "受付日を変更する理由"), reason)
    receive(state, consultation.person_name, body)
    if state.last().status == 201:
        consultation.application_id = filed_application(
            state, consultation.person_name
        ).application_id


@when("相談記録から保護の申請を登録する")
def apply_from_consultation(state: ScenarioState) -> None:
    _apply_from_consultation(state)


@when(parsers.parse('相談記録から申請日 "{day}" で保護の申請を登録する'))
def apply_from_consultation_on(state: ScenarioState, day: str) -> None:
    _apply_from_consultation(state, day)


@when(parsers.parse('理由 "{reason}" を付けて、相談記録から申請日 "{day}" で保護の申請を登録する'))
def apply_from_consultation_moved(state: ScenarioState, reason: str, day: str) -> None:
    _apply_from_consultation(state, day, reason)


@given("相談記録から保護の申請を登録している")
def applied_from_consultation(state: ScenarioState) -> None:
    _apply_from_consultation(state)
    established(state, "相談記録からの申請の登録")


# ---------------------------------------------------------------- applications


@given(parsers.parse('申請者 "{name}" の保護の申請が申請日 "{day}" で登録されている'))
def application_filed(state: ScenarioState, name: str, day: str) -> None:
    _receivable(state, day)
    receive(state, name, start_application(name, day))
    established(state, f"申請者 {name} の申請（申請日 {day}）の登録")


@when(parsers.parse('申請日 "{day}" で保護の申請を登録する'))
def file_application(state: ScenarioState, day: str) -> None:
    receive(state, DEFAULT_APPLICANT, start_application(DEFAULT_APPLICANT, day))


@when(parsers.parse('受付方法 "{channel}"、申請日 "{day}" で保護の申請を登録する'))
@when(
    parsers.parse('申請書を添付せずに、受付方法 "{channel}"、申請日 "{day}" で保護の申請を登録する')
)
def file_by_channel(state: ScenarioState, channel: str, day: str) -> None:
    body = start_application(DEFAULT_APPLICANT, day)
    _by_channel(body, channel)
    receive(state, DEFAULT_APPLICANT, body)


def _by_channel(body: dict[str, Any], channel: str) -> None:
    """Received by ``channel`` (an electronic application has no place of receipt)."""
    field = field_titled(ApplicationDraft, "受付方法")
    put(body, field, json_value(field, channel))
    if value_at(body, field) == ApplicationChannel.ELECTRONIC.value:
        drop(body, field_titled(ApplicationDraft, "受付の場所"))


@when(parsers.parse('申請日を入力せずに、受付方法 "{channel}" で保護の申請を登録する'))
def file_without_day(state: ScenarioState, channel: str) -> None:
    body = start_application(DEFAULT_APPLICANT, INPROCESS_NOW.date().isoformat())
    _by_channel(body, channel)
    drop(body, field_titled(ApplicationDraft, "受付日"))
    receive(state, DEFAULT_APPLICANT, body)


def _transmit(state: ScenarioState, name: str, at: str, attachments: tuple[str, ...] = ()) -> None:
    """The electronic application of a new household headed by ``name``, received at ``at``."""
    body = start_application(name, at[:10], received_at=at)
    for item in ("received_on", "channel", "place"):
        drop(body, field_titled(ApplicationDraft, _DRAFT_TITLES[item]))
    if attachments:
        put(
            body,
            field_titled(ElectronicApplication, "添付書類"),
            [{"file_name": file_name} for file_name in attachments],
        )
    state.reply = reply = state.target.receive_electronic_application(body)
    _remember(state, name, body, reply)


#: The titles of the items an electronic application does not send (the target sets them).
_DRAFT_TITLES = {"received_on": "受付日", "channel": "受付方法", "place": "受付の場所"}


@when(parsers.parse('申請者 "{name}" の電子申請を "{at}" に受信する'))
def transmit(state: ScenarioState, name: str, at: str) -> None:
    _transmit(state, name, at)


@when(parsers.parse('添付書類 "{attached}" を付けた申請者 "{name}" の電子申請を "{at}" に受信する'))
def transmit_with(state: ScenarioState, attached: str, name: str, at: str) -> None:
    _transmit(state, name, at, (attached,))


@given(parsers.parse('申請者 "{name}" の電子申請を "{at}" に受信している'))
def transmitted(state: ScenarioState, name: str, at: str) -> None:
    _receivable(state, at[:10])
    _transmit(state, name, at)
    established(state, f"申請者 {name} の電子申請（受信日時 {at}）の受信")


@then(parsers.parse('申請者 "{name}" の申請の添付書類に "{attached}" が含まれる'))
def attached_to(state: ScenarioState, name: str, attached: str) -> None:
    state.reply = reply = state.target.get_application(
        filed_application(state, name).application_id
    )
    state.expect(f"申請者 {name} の申請の「添付書類」に「{attached}」")
    field, listed = record_field(state, "添付書類")
    assert reply.status == 200, f"HTTP {reply.status} {reply.body}"
    name_field = field_titled(Attachment, "ファイル名")
    names = [value_at(item, name_field) for item in listed or []]
    assert attached in names, f"{field.json_path} のファイル名: {names}"


def _change_application(state: ScenarioState, case_id: str, day: str) -> dict[str, Any]:
    head = next(
        m
        for m in case_detail(state, case_id)["household"]["members"]
        if m["relationship"] == "head"
    )
    return {
        "kind": "change",
        "received_on": day,
        "channel": "written_form",
        "place": "counter",
        "applicant_name": head["name"],
        "applicant_relationship": "本人",
        "case_id": case_id,
        "requested_kinds": ["living"],
        "reason": "家屋の修理のため",
    }


@when(parsers.parse('ケース "{case_id}" の変更の申請を申請日 "{day}" で登録する'))
def file_change(state: ScenarioState, case_id: str, day: str) -> None:
    receive(state, case_id, _change_application(state, case_id, day))


@given(parsers.parse('ケース "{case_id}" の変更の申請が申請日 "{day}" で登録されている'))
def change_filed(state: ScenarioState, case_id: str, day: str) -> None:
    _receivable(state, day)
    receive(state, case_id, _change_application(state, case_id, day))
    established(state, f"ケース {case_id} の変更の申請（申請日 {day}）の登録")


#: The columns of a table of applications: who applied (a case id for a change application)
#: and when, optionally the kind (開始・変更), the extension reason and the day the notice
#: was sent (decided and notified that day).
_APPLICATION_COLUMNS = ("申請者", "申請日", "申請の種類", "延長理由", "決定通知の発送日")


@given("次の申請が登録されている")
def applications_filed(state: ScenarioState, datatable: list[list[str]]) -> None:
    """Applications of a table (columns :data:`_APPLICATION_COLUMNS`)."""
    header, *rows = (list(map(str.strip, row)) for row in datatable)
    unknown = [column for column in header if column not in _APPLICATION_COLUMNS]
    if unknown:
        raise ValueError(f"unknown columns {unknown}; known: {_APPLICATION_COLUMNS}")
    listed = [dict(zip(header, row, strict=True)) for row in rows]
    for row in listed:
        if row.get("申請の種類") == "変更":
            change_filed(state, row["申請者"], row["申請日"])
        else:
            application_filed(state, row["申請者"], row["申請日"])
        if row.get("延長理由"):
            extension_recorded(state, row["申請者"], row["延長理由"])
    for row in listed:
        if row.get("決定通知の発送日"):
            _decided_and_notified(state, row["申請者"], row["決定通知の発送日"])


def _decided_and_notified(state: ScenarioState, name: str, day: str) -> None:
    today_is(state, day)
    send_draft(state, start_decision(state, name))
    established(state, f"{day} に申請者 {name} の開始決定を起案")
    with acting_as(state, approver_of(state)):
        approve_drafted(state)
        established(state, f"{day} に申請者 {name} の開始決定を決裁")
    _issue(state)
    established(state, f"{day} に申請者 {name} の決定通知書を発行")


@given(parsers.parse('申請者 "{key}" の申請に延長理由 "{reason}" が登録されている'))
@given(parsers.parse('ケース "{key}" の変更の申請に延長理由 "{reason}" が登録されている'))
def extension_recorded(state: ScenarioState, key: str, reason: str) -> None:
    filed = filed_application(state, key)
    state.reply = reply = state.target.extend_deadline(
        filed.application_id, {"version": filed.version, "reason": reason}
    )
    established(state, f"{key} の申請の延長の理由の記録")
    filed.version = reply.body["version"]


@given(
    parsers.parse(
        '申請者 "{name}" の申請の担当は現業員 "{caseworker}"、査察指導員 "{supervisor}" である'
    )
)
def application_staff(state: ScenarioState, name: str, caseworker: str, supervisor: str) -> None:
    case = case_detail(state, filed_application(state, name).case_id)["case"]
    state.expect(f"前提: 申請のケースの担当現業員 {caseworker}、査察指導員 {supervisor}")
    assert (case["caseworker_id"], case["supervisor_id"]) == (caseworker, supervisor), (
        f"担当現業員 {case['caseworker_id']}、査察指導員 {case['supervisor_id']}"
    )


@when("申請の期限の算出規則を取得する")
def read_deadline_rule(state: ScenarioState) -> None:
    state.reply = state.target.deadline_rule(state.values.get("today"))


@when("申請の一覧を取得する")
def list_applications(state: ScenarioState) -> None:
    state.reply = state.target.pending_applications(OFFICE)


@when(parsers.parse('基準日 "{day}" で申請の一覧を取得する'))
def list_applications_of(state: ScenarioState, day: str) -> None:
    state.reply = state.target.pending_applications(OFFICE, as_of=day)


@when("処理期限の迫る申請の一覧を取得する")
def list_due_today(state: ScenarioState) -> None:
    state.reply = state.target.pending_applications(OFFICE, within_days=DUE_SOON_DAYS)


@when(parsers.parse('基準日 "{day}" で処理期限の迫る申請の一覧を取得する'))
def list_due(state: ScenarioState, day: str) -> None:
    state.reply = state.target.pending_applications(OFFICE, as_of=day, within_days=DUE_SOON_DAYS)


@when(parsers.parse('基準日 "{day}"、指定日数 "{days}" 日で処理期限の迫る申請の一覧を取得する'))
def list_due_within(state: ScenarioState, day: str, days: str) -> None:
    state.reply = state.target.pending_applications(OFFICE, as_of=day, within_days=days)


@when("30日を経過した申請の警告一覧を取得する")
def list_overdue(state: ScenarioState) -> None:
    state.reply = state.target.overdue_applications(OFFICE)


#: How the standard names the alert of an application past 30 days without notice.
_OVERDUE_ALERT = "30日経過（却下とみなされうる）"


@then(parsers.parse('職員 "{staff_id}" に申請者 "{name}" の30日経過の通知が届いている'))
def alerted(state: ScenarioState, staff_id: str, name: str) -> None:
    wanted = filed_application(state, name).application_id
    state.expect(f"職員 {staff_id} への通知に「{name}」の申請の「{_OVERDUE_ALERT}」")
    with acting_as(state, staff_id):
        state.reply = reply = state.target.staff_alerts()
    assert reply.status == 200, f"no alerts: HTTP {reply.status} {reply.body}"
    kind = field_titled(StaffAlert, "通知の種類")
    kinds = [
        shown(value_at(item, kind), kind)
        for item in reply.body["items"]
        if item["application_id"] == wanted
    ]
    assert _OVERDUE_ALERT in kinds, f"{staff_id} への {name} の申請の通知: {kinds}"


@given(parsers.parse('申請者 "{name}" の決定通知書が "{day}" に発送されている'))
def notice_sent(state: ScenarioState, name: str, day: str) -> None:
    today_is(state, day)
    _issue(state)
    established(state, f"{day} に申請者 {name} の決定通知書を発送")


def _withdraw(state: ScenarioState, name: str, rows: list[list[str]]) -> None:
    filed = filed_application(state, name)
    body = {"version": filed.version, **body_from_rows(WithdrawalRequest, rows)}
    state.reply = reply = state.target.withdraw_application(filed.application_id, body)
    if reply.status == 200:
        filed.version = reply.body["version"]


@when(parsers.parse('次の内容で申請者 "{name}" の申請の取下げを登録する'))
def withdraw(state: ScenarioState, name: str, datatable: list[list[str]]) -> None:
    _withdraw(state, name, datatable)


@given(parsers.parse('次の内容で申請者 "{name}" の申請の取下げが登録されている'))
def withdrawn(state: ScenarioState, name: str, datatable: list[list[str]]) -> None:
    _withdraw(state, name, datatable)
    established(state, f"申請者 {name} の申請の取下げ")


@when("査察指導員の確認待ちの一覧を取得する")
def list_reviews(state: ScenarioState) -> None:
    state.reply = state.target.review_queue(OFFICE)


@then(parsers.parse('申請者 "{name}" の申請の申請日は "{day}" のまま残っている'))
def still_received_on(state: ScenarioState, name: str, day: str) -> None:
    state.reply = state.target.get_application(filed_application(state, name).application_id)
    field_is(state, "申請日", day, f"申請者 {name} の申請")


@when(parsers.parse('申請者 "{name}" の申請を取得する'))
def read_application(state: ScenarioState, name: str) -> None:
    state.reply = state.target.get_application(filed_application(state, name).application_id)


# ---------------------------------------------------------------- decisions


@when(parsers.parse('次の内容でケース "{case_id}" の決定を起案する'))
def draft_for_case(state: ScenarioState, case_id: str, datatable: list[list[str]]) -> None:
    household = case_detail(state, case_id)["household"]
    filed = _applications(state).get(case_id)
    send_draft(state, _decision_from_rows(datatable, case_id, filed, household))


@when(parsers.parse('計算の入力を付けずに、次の内容でケース "{case_id}" の決定を起案する'))
def draft_without_calculation(
    state: ScenarioState, case_id: str, datatable: list[list[str]]
) -> None:
    send_draft(state, _decision_from_rows(datatable, case_id, None, None))


@when(parsers.parse('次の内容で申請者 "{name}" の決定を起案する'))
def draft_for_applicant(state: ScenarioState, name: str, datatable: list[list[str]]) -> None:
    filed = filed_application(state, name)
    send_draft(state, _decision_from_rows(datatable, filed.case_id, filed, filed.household))


@when(parsers.parse('"{title}" を空にしてケース "{case_id}" の変更決定を起案する'))
def draft_change_without(state: ScenarioState, title: str, case_id: str) -> None:
    body = _change_decision(state, case_id)
    drop(body, field_titled(DecisionDraft, title))
    send_draft(state, body)


@when(
    parsers.parse(
        '扶助の種類 "{kind}" に {amount} 円を計上してケース "{case_id}" の変更決定を起案する'
    )
)
def draft_change_with_kind(state: ScenarioState, kind: str, amount: str, case_id: str) -> None:
    """Amounts by a kind of assistance the drafter names (its code if the standard has it)."""
    body = _change_decision(state, case_id)
    codes = {f.title: f.path[-1] for f in fields_of(AssistanceAmounts)}
    put(
        body,
        field_titled(DecisionDraft, "扶助別の額（確認用）"),
        {codes.get(kind, kind): yen(amount)},
    )
    send_draft(state, body)


@given(parsers.parse('申請者 "{name}" の開始決定が "{role}" により起案されている'))
def start_drafted(state: ScenarioState, name: str, role: str) -> None:
    with acting_as(state, staff_of(role)):
        send_draft(state, start_decision(state, name))
        established(state, f"{role}による申請者 {name} の開始決定の起案")


@given(parsers.parse('ケース "{case_id}" の変更決定が "{role}" により起案されている'))
def change_drafted(state: ScenarioState, case_id: str, role: str) -> None:
    with acting_as(state, staff_of(role)):
        send_draft(state, _change_decision(state, case_id))
        established(state, f"{role}によるケース {case_id} の変更決定の起案")


@given(parsers.parse('理由を空にしたケース "{case_id}" の変更決定の下書きがある'))
def change_drafted_without_reasons(state: ScenarioState, case_id: str) -> None:
    body = _change_decision(state, case_id)
    put(body, field_titled(DecisionDraft, "決定の理由"), [""])
    send_draft(state, body)
    established(state, f"理由を空にしたケース {case_id} の変更決定の起案")


@when("起案されている決定を決裁する")
def approve(state: ScenarioState) -> None:
    approve_drafted(state)


@given("起案されている決定が決裁されている")
def approved(state: ScenarioState) -> None:
    with acting_as(state, approver_of(state)):
        approve_drafted(state)
        established(state, "起案されている決定の決裁")


@given(parsers.parse('起案されている決定が "{role}" により決裁されている'))
def approved_by(state: ScenarioState, role: str) -> None:
    with acting_as(state, staff_of(role)):
        approve_drafted(state)
        established(state, f"{role}による起案されている決定の決裁")


@when("その決定の決定通知書を発行する")
@when("起案されている決定に基づいて決定通知書を発行する")
def issue_notice(state: ScenarioState) -> None:
    _issue(state)


@when("その決定の決定通知書を取得する")
def read_notice(state: ScenarioState) -> None:
    state.reply = state.target.decision_notice(drafted_decision(state).decision_id)


# ---------------------------------------------------------------- then: problems


@then("要求は業務の規則に反するとして拒否される")
def rule_violation(state: ScenarioState) -> None:
    problem_check(state, 422, "rule-violation", "業務の規則に反する")


@then("要求は現在の状態ではできないとして拒否される")
def invalid_transition(state: ScenarioState) -> None:
    problem_check(state, 409, "invalid-transition", "現在の状態ではできない")


@then(parsers.parse('反した規則に "{rule}" が含まれる'))
def violated(state: ScenarioState, rule: str) -> None:
    body = state.last().body
    rules = [v.get("rule") for v in body.get("violations", [])] if isinstance(body, dict) else []
    state.expect(f"problem の violations[].rule に {rule}")
    assert rule in rules, f"violations were {rules}: {body}"


# ---------------------------------------------------------------- then: fields of the reply


def record_field(state: ScenarioState, title: str) -> tuple[FieldAt, Any]:
    """The field titled ``title`` of the last reply's record, and its value."""
    reply = state.last()
    assert 200 <= reply.status < 300, f"no record in the reply: HTTP {reply.status} {reply.body}"
    field = field_titled(reply_model(state), title)
    return field, value_at(reply.body, field)


def field_is(state: ScenarioState, title: str, expected: str, where: str = "応答") -> None:
    state.expect(f"{where}の「{title}」が「{expected}」")
    field, value = record_field(state, title)
    assert same(value, field, expected), f"{field.json_path} は「{shown(value, field)}」"


def _field_shown(state: ScenarioState, title: str, where: str = "応答") -> None:
    state.expect(f"{where}に「{title}」の値がある")
    field, value = record_field(state, title)
    assert value not in (None, "", [], {}), f"{field.json_path} に値がありません"


@then(parsers.parse('応答の "{title}" は "{value}" である'))
def reply_field_is(state: ScenarioState, title: str, value: str) -> None:
    field_is(state, title, value)


@then(parsers.parse('応答に "{title}" が示される'))
def reply_field_shown(state: ScenarioState, title: str) -> None:
    _field_shown(state, title)


@then(parsers.parse('申請の処理期限は "{day}" である'))
def notice_due(state: ScenarioState, day: str) -> None:
    field_is(state, "処理期限", day, "申請")


@then(parsers.parse('申請の延長時の最終期限は "{day}" である'))
def extended_due(state: ScenarioState, day: str) -> None:
    field_is(state, "最終期限", day, "申請")


# ---------------------------------------------------------------- then: the notice


#: How the printed text of a document of the standard is read, by the reply's model (step
#: modules add theirs: the letters of the investigations, …).
DOCUMENTS: dict[type[BaseModel], Callable[[Any], list[str]]] = {
    DecisionNotice: lambda body: notice_layout(DecisionNotice.model_validate(body)).texts(),
}


@then(parsers.parse('帳票に "{text}" が記載されている'))
def printed(state: ScenarioState, text: str) -> None:
    """The document of the last reply prints ``text``; after any other reply, the notice of the
    scenario's decision (on the standard layout)."""
    reply = state.last()
    model = reply_model(state) if 200 <= reply.status < 300 else None
    if model not in DOCUMENTS:
        if "decision" not in state.values:
            raise UnsupportedStepError(
                "この場面には記載を確かめる帳票（通知書・照会文書）がありません"
            )
        state.reply = reply = state.target.decision_notice(drafted_decision(state).decision_id)
        assert reply.status == 200, f"no notice: HTTP {reply.status} {reply.body}"
        model = DecisionNotice
    state.expect(f"{model_title(model)}に「{text}」が記載される")
    texts = DOCUMENTS[model](reply.body)
    assert any(text in line for line in texts), f"記載: {texts}"


def _notice(state: ScenarioState) -> None:
    state.expect("応答は決定通知書の記載事項（DecisionNotice）")
    model = reply_model(state) if 200 <= state.last().status < 300 else None
    assert model is DecisionNotice, f"the reply is not a notice: HTTP {state.last().status}"


@then(parsers.parse('帳票の "{title}" は "{value}" である'))
def notice_field_is(state: ScenarioState, title: str, value: str) -> None:
    _notice(state)
    field_is(state, title, value, "帳票")


@then(parsers.parse('帳票に "{title}" が示される'))
def notice_field_shown(state: ScenarioState, title: str) -> None:
    _notice(state)
    _field_shown(state, title, "帳票")


@then(parsers.parse('帳票に延長の理由 "{reason}" が記載されている'))
def notice_extension(state: ScenarioState, reason: str) -> None:
    _notice(state)
    field_is(state, "理由", reason, "帳票の「通知が14日を超えた理由」")


@then(parsers.parse('帳票に "{kind}" の額が記載されている'))
def notice_amount_of(state: ScenarioState, kind: str) -> None:
    _notice(state)
    state.expect(f"帳票の扶助別の額に「{kind}」の行")
    _, lines = record_field(state, "扶助別の額")
    kind_field = field_titled(AmountLine, "扶助の種類")
    kinds = [shown(value_at(line, kind_field), kind_field) for line in lines or []]
    assert kind in kinds, f"扶助別の額の行: {kinds}"


# ---------------------------------------------------------------- then: the list of applications


@dataclass(frozen=True)
class ListOf:
    """A list the standard returns: the model of its rows, and how a scenario's key finds its row.

    Step modules register their lists in :data:`LISTS`, so that 「一覧に … が含まれる」 and
    the row checks read every list of the standard, on the scenario's own rows only.
    """

    row_model: type[BaseModel]
    find: Callable[[ScenarioState, str, list[dict[str, Any]]], dict[str, Any] | None]


#: The lists of the standard, by the model of the reply.
LISTS: dict[type[BaseModel], ListOf] = {}


def _list(state: ScenarioState) -> tuple[ListOf, list[dict[str, Any]]]:
    """The kind of list in the last reply, and its rows."""
    reply = state.last()
    assert reply.status == 200, f"no list: HTTP {reply.status} {reply.body}"
    found = LISTS.get(reply_model(state))
    if found is None:
        names = "・".join(model_title(m) for m in LISTS)
        raise UnsupportedStepError(f"「一覧」の確認は {names} について行えます")
    rows: list[dict[str, Any]] = reply.body["items"]
    return found, rows


def _row_model(state: ScenarioState) -> type[BaseModel]:
    return _list(state)[0].row_model


def _pending_rows(state: ScenarioState) -> list[dict[str, Any]]:
    return _list(state)[1]


def _application_row(
    state: ScenarioState, key: str, rows: list[dict[str, Any]]
) -> dict[str, Any] | None:
    wanted = filed_application(state, key).application_id
    return next((row for row in rows if row["application_id"] == wanted), None)


LISTS[PendingApplications] = ListOf(PendingApplication, _application_row)
LISTS[ReviewQueue] = ListOf(ReviewItem, _application_row)


def _row(state: ScenarioState, key: str) -> dict[str, Any] | None:
    found, rows = _list(state)
    return found.find(state, key, rows)


#: The lists other than the pending applications that "一覧に … が含まれる" checks: the
#: standard's reply model → the names of its rows that the scenario may speak of (step
#: modules of other areas add theirs; rows other scenarios left on the target are not).
LIST_NAMES: dict[type[BaseModel], Callable[[ScenarioState, Any], list[str]]] = {}


def _other_list(state: ScenarioState) -> list[str] | None:
    """The names of the rows of the last reply, if it is one of :data:`LIST_NAMES`."""
    reply = state.last()
    assert reply.status == 200, f"no list: HTTP {reply.status} {reply.body}"
    names = LIST_NAMES.get(reply_model(state))
    return None if names is None else names(state, reply.body)


@then(parsers.parse('一覧に "{key}" が含まれる'))
def listed(state: ScenarioState, key: str) -> None:
    names = _other_list(state)
    if names is not None:
        state.expect(f"一覧に「{key}」の行がある")
        assert key in names, f"一覧の行: {'、'.join(names) or 'なし'}"
        return
    state.expect(f"一覧に「{key}」の行がある")
    assert _row(state, key) is not None, f"{key} は一覧にありません"


@then(parsers.parse('一覧に "{key}" は含まれない'))
def not_listed(state: ScenarioState, key: str) -> None:
    names = _other_list(state)
    if names is not None:
        state.expect(f"一覧に「{key}」の行がない")
        assert key not in names, f"{key} が一覧にあります"
        return
    state.expect(f"一覧に「{key}」の行がない")
    row = _row(state, key)
    assert row is None, f"{key} が一覧にあります: {row}"


@then(parsers.parse('一覧の "{key}" の行の "{title}" は "{value}" である'))
def row_field_is(state: ScenarioState, key: str, title: str, value: str) -> None:
    state.expect(f"一覧の「{key}」の行の「{title}」が「{value}」")
    field = field_titled(_row_model(state), title)
    row = _row(state, key)
    assert row is not None, f"{key} の申請は一覧にありません"
    found = value_at(row, field)
    assert same(found, field, value), f"{field.json_path} は「{shown(found, field)}」"


@then(parsers.parse('一覧の "{key}" の行に "{title}" は示されない'))
def row_field_absent(state: ScenarioState, key: str, title: str) -> None:
    state.expect(f"一覧の「{key}」の行に「{title}」の値がない")
    field = field_titled(_row_model(state), title)
    row = _row(state, key)
    assert row is not None, f"{key} の申請は一覧にありません"
    assert value_at(row, field) in (None, ""), f"{field.json_path} は「{value_at(row, field)}」"


@then(parsers.re(r'一覧は (?P<keys>"[^"]+"(?:、"[^"]+")+) の順に並ぶ'))
def listed_in_order(state: ScenarioState, keys: str) -> None:
    names = re.findall(r'"([^"]+)"', keys)
    state.expect(f"この場面の申請が {' → '.join(names)} の順（一覧の他の行は問わない）")
    ids = {filed_application(state, name).application_id: name for name in names}
    order = [
        ids[row["application_id"]] for row in _pending_rows(state) if row["application_id"] in ids
    ]
    assert order == names, f"一覧の順: {' → '.join(order)}"
