"""Steps of the investigations after an application (features/application/investigation.feature).

Asset inquiries (法29条調査, REQ-APP-014) are about the applicant named in the
scenario: the member of the application's household with that name.

Support obligors and their inquiries (扶養照会, REQ-APP-015..017): each step
performs the operation of the standard API on the target and keeps the
obligor's id and version for the next step. The applicant's view is written in
the applicant's own words; the kit records it with the wish those words state:
「照会してよい」 is consent, words saying 「望まない」 decline the inquiry, and
other words (the circumstances only) state no wish.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pytest_bdd import given, parsers, then, when

from seikatsu_std.calc.synthetic import school_for
from seikatsu_std.conformance.fields import (
    YES_NO,
    body_from_rows,
    field_titled,
    json_value,
    put,
    reply_model,
)
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import OFFICE
from seikatsu_std.conformance.steps_lifecycle import (
    DOCUMENTS,
    LIST_NAMES,
    established,
    filed_application,
    new_household,
    receive,
    send_draft,
    start_application,
    start_decision,
    today_is,
)
from seikatsu_std.conformance.targets import UnsupportedStepError
from seikatsu_std.model.household import Relationship
from seikatsu_std.model.investigation import (
    ApplicantWish,
    MeasureApplication,
    MeasureCheckResult,
    OtherMeasure,
    OtherMeasureCheck,
    SupportAnswer,
)
from seikatsu_std.services.investigation_models import (
    AssetInquiryDraft,
    InquiryLetter,
    SkipReasonList,
    SupportInquiryDocument,
    SupportObligorDraft,
    UnansweredAssetInquiries,
    WorkCapacityDraft,
)

#: What the applicant says when consenting to the inquiry, as scenarios write it.
CONSENT = "照会してよい"
#: The words with which an applicant declines the inquiry.
DECLINE = "望まない"

LIST_NAMES[SkipReasonList] = lambda state, body: [item["label"] for item in body["items"]]


@dataclass
class Obligor:
    """A support obligor the scenario registered."""

    obligor_id: str
    version: int


def _obligors(state: ScenarioState) -> dict[str, Obligor]:
    found: dict[str, Obligor] = state.values.setdefault("obligors", {})
    return found


def _obligor(state: ScenarioState, name: str) -> Obligor:
    found = _obligors(state).get(name)
    if found is None:
        known = "、".join(_obligors(state)) or "なし"
        raise KeyError(f"この場面で登録した扶養義務者に「{name}」はいません（登録済み: {known}）")
    return found


def _step(state: ScenarioState, name: str, step: str, body: dict[str, Any]) -> None:
    """A step of the obligor's inquiry; a success moves the kept version on."""
    obligor = _obligor(state, name)
    state.reply = reply = state.target.support_obligor_step(
        obligor.obligor_id, step, {"version": obligor.version, **body}
    )
    if 200 <= reply.status < 300:
        obligor.version = reply.body["version"]


def wish_of(words: str) -> ApplicantWish:
    """The wish the applicant's words state (see the module's docstring)."""
    if words == CONSENT:
        return ApplicantWish.AGREES
    if DECLINE in words:
        return ApplicantWish.DECLINES
    return ApplicantWish.NOT_STATED


# ---------------------------------------------------------------- support obligors


def _register(state: ScenarioState, applicant: str, rows: list[list[str]]) -> None:
    filed = filed_application(state, applicant)
    body = body_from_rows(SupportObligorDraft, rows)
    state.reply = reply = state.target.register_support_obligor(filed.application_id, body)
    if reply.status == 201:
        _obligors(state)[reply.body["obligor"]["name"]] = Obligor(
            reply.body["obligor"]["id"], reply.body["version"]
        )


@when(parsers.parse('次の内容で申請者 "{applicant}" の扶養義務者を登録する'))
def register_obligor(state: ScenarioState, applicant: str, datatable: list[list[str]]) -> None:
    _register(state, applicant, datatable)


@given(parsers.parse('次の内容で申請者 "{applicant}" の扶養義務者が登録されている'))
def obligor_registered(state: ScenarioState, applicant: str, datatable: list[list[str]]) -> None:
    _register(state, applicant, datatable)
    established(state, f"申請者 {applicant} の扶養義務者の登録")


@given(parsers.parse('扶養義務者 "{name}" への照会について申請者の意向 "{words}" が記録されている'))
def view_recorded(state: ScenarioState, name: str, words: str) -> None:
    _step(state, name, "applicant-view", {"wish": wish_of(words).value, "statement": words})
    established(state, f"扶養義務者 {name} への照会についての申請者の意向の記録")


@when(parsers.parse('扶養義務者 "{name}" への扶養照会の文書を作成する'))
def issue_document(state: ScenarioState, name: str) -> None:
    _step(state, name, "inquiry-document", {})


@when(
    parsers.parse(
        '判断理由 "{reason}"、判断者 "{decider}" を記録して、扶養義務者 "{name}" への'
        "扶養照会の文書を作成する"
    )
)
def issue_document_overriding(state: ScenarioState, reason: str, decider: str, name: str) -> None:
    _step(
        state,
        name,
        "inquiry-document",
        {"override_reason": reason, "override_decided_by": decider},
    )


@when(parsers.parse('扶養義務者 "{name}" への扶養照会の文書を作成し、送付日 "{day}" で送付する'))
def issue_and_send(state: ScenarioState, name: str, day: str) -> None:
    _step(state, name, "inquiry-document", {})
    established(state, f"扶養義務者 {name} への扶養照会の文書の作成")
    _step(state, name, "inquiry-sending", {"sent_on": day})


@when(parsers.parse('扶養義務者 "{name}" からの回答を次の内容で登録する'))
def record_answer(state: ScenarioState, name: str, datatable: list[list[str]]) -> None:
    _step(state, name, "inquiry-answer", {"answer": body_from_rows(SupportAnswer, datatable)})


def _reason_code(state: ScenarioState, label: str) -> str:
    """The code of the reason named ``label`` in the target's list (the label if not listed:
    what the scenario asks to send)."""
    reply = state.target.skip_reasons()
    state.expect("前提: 扶養照会の省略理由の一覧を取得できる（HTTP 200）")
    assert reply.status == 200, f"no list of skip reasons: HTTP {reply.status} {reply.body}"
    codes = {item["label"]: item["code"] for item in reply.body["items"]}
    return str(codes.get(label, label))


@when(parsers.parse('扶養義務者 "{name}" への扶養照会を省略理由 "{reason}" で省略する'))
def skip_inquiry(state: ScenarioState, name: str, reason: str) -> None:
    _step(state, name, "inquiry-skip", {"reason_code": _reason_code(state, reason)})


@when(parsers.parse('扶養義務者 "{name}" への扶養照会を省略理由を選ばずに省略する'))
def skip_without_reason(state: ScenarioState, name: str) -> None:
    _step(state, name, "inquiry-skip", {})


@when("扶養照会の省略理由の一覧を取得する")
def skip_reasons(state: ScenarioState) -> None:
    state.reply = state.target.skip_reasons()


# ---------------------------------------------------------------- asset inquiries (法29条)


def _asset_inquiries(state: ScenarioState) -> dict[str, int]:
    """The asset inquiries the scenario registered: id → version (the last one is current)."""
    found: dict[str, int] = state.values.setdefault("asset_inquiries", {})
    return found


def _current_inquiry(state: ScenarioState) -> str:
    inquiries = _asset_inquiries(state)
    assert inquiries, "この場面では資産の照会を登録していません"
    return list(inquiries)[-1]


def _register_asset_inquiry(state: ScenarioState, applicant: str, rows: list[list[str]]) -> None:
    filed = filed_application(state, applicant)
    body = {
        "member_id": _member_id(state, applicant, applicant),
        **body_from_rows(AssetInquiryDraft, rows),
    }
    state.reply = reply = state.target.record_asset_inquiry(filed.application_id, body)
    if reply.status == 201:
        _asset_inquiries(state)[reply.body["inquiry"]["id"]] = reply.body["version"]


@when(parsers.parse('次の内容で申請者 "{applicant}" の資産の照会を登録する'))
def register_asset_inquiry(
    state: ScenarioState, applicant: str, datatable: list[list[str]]
) -> None:
    _register_asset_inquiry(state, applicant, datatable)


@given(parsers.parse('次の内容で申請者 "{applicant}" の資産の照会が登録されている'))
def asset_inquiry_registered(
    state: ScenarioState, applicant: str, datatable: list[list[str]]
) -> None:
    _register_asset_inquiry(state, applicant, datatable)
    established(state, f"申請者 {applicant} の資産の照会の登録")


@when("登録した照会の照会文書を作成する")
def asset_inquiry_letter(state: ScenarioState) -> None:
    state.reply = state.target.asset_inquiry_letter(_current_inquiry(state))


def _answer(state: ScenarioState, day: str, text: str) -> None:
    inquiry_id = _current_inquiry(state)
    body = {
        "version": _asset_inquiries(state)[inquiry_id],
        "answered_on": day,
        "result_note": text,
    }
    state.reply = reply = state.target.record_asset_answer(inquiry_id, body)
    if reply.status == 200:
        _asset_inquiries(state)[inquiry_id] = reply.body["version"]


@when(parsers.parse('照会の回答を回答日 "{day}"、回答内容 "{text}" で登録する'))
def answer_asset_inquiry(state: ScenarioState, day: str, text: str) -> None:
    _answer(state, day, text)


@given(parsers.parse('照会の回答が回答日 "{day}"、回答内容 "{text}" で登録されている'))
def asset_inquiry_answered(state: ScenarioState, day: str, text: str) -> None:
    _answer(state, day, text)
    established(state, "資産の照会の回答の登録")


@when("回答のない資産の照会の一覧を取得する")
def unanswered_asset_inquiries(state: ScenarioState) -> None:
    state.reply = state.target.unanswered_asset_inquiries(OFFICE)


def _scenario_rows(state: ScenarioState, body: Any) -> list[str]:
    mine = _asset_inquiries(state)
    return [row["institution_name"] for row in body["items"] if row["id"] in mine]


LIST_NAMES[UnansweredAssetInquiries] = _scenario_rows


def _letter_texts(letter: dict[str, Any]) -> list[str]:
    """What an inquiry letter prints: its text items and the listed matters."""
    written = [value for value in letter.values() if isinstance(value, str)]
    return written + [item for item in letter.get("items", []) if isinstance(item, str)]


DOCUMENTS[InquiryLetter] = _letter_texts
DOCUMENTS[SupportInquiryDocument] = lambda body: _letter_texts(body["letter"])


# ---------------------------------------------------------------- ability to work (REQ-APP-018)

#: The grounds the kit records for an assessment a precondition needs (any will do).
_PRECONDITION_BASIS = "適合性確認の前提として記録した調査"


def _members(state: ScenarioState, applicant: str) -> list[dict[str, Any]]:
    """The members of the household of ``applicant``'s application (as the kit filed it)."""
    members: list[dict[str, Any]] = (filed_application(state, applicant).household or {}).get(
        "members", []
    )
    return members


def _member_id(state: ScenarioState, applicant: str, name: str) -> str:
    """The id of the member named ``name`` in the household of ``applicant``'s application."""
    found = next((m["id"] for m in _members(state, applicant) if m.get("name") == name), None)
    if found is None:
        raise UnsupportedStepError(f"申請者「{applicant}」の世帯に世帯員「{name}」はいません")
    return str(found)


def _applicant_of(state: ScenarioState, name: str) -> str:
    """The applicant of the scenario's application whose household has a member ``name``."""
    for applicant, filed in state.values.get("applications", {}).items():
        if any(m.get("name") == name for m in (filed.household or {}).get("members", [])):
            return str(applicant)
    raise UnsupportedStepError(f"この場面の申請の世帯に世帯員「{name}」はいません")


@given(parsers.parse('申請者 "{applicant}" の世帯に年齢 "{age}" 歳の世帯員 "{name}" がいる'))
def household_with_member(state: ScenarioState, applicant: str, age: str, name: str) -> None:
    """The applicant's application is filed (again) with a household that has ``name``, aged
    ``age`` on the day it is received (and until the day before the next birthday)."""
    received_on = filed_application(state, applicant).received_on
    received = date.fromisoformat(received_on)
    born = (received.replace(year=received.year - int(age)) - timedelta(days=1)).isoformat()
    household = new_household(applicant, received_on)
    head = household["members"][0]
    household["members"].append(
        {
            **head,
            "id": f"member-{uuid.uuid4().hex}",
            "name": name,
            "birth_date": born,
            "relationship": Relationship.SIBLING.value,
            "school": school_for(born, received_on[:7]),
        }
    )
    receive(state, applicant, start_application(applicant, received_on, household=household))
    established(state, f"世帯員 {name}（{age}歳）のいる世帯の申請者 {applicant} の申請")


@given(parsers.parse('世帯員 "{name}" の稼働能力の調査は記録されていない'))
def not_assessed(state: ScenarioState, name: str) -> None:
    applicant = _applicant_of(state, name)
    assessed: set[str] = state.values.setdefault("assessed", set())
    state.expect(f"前提: 世帯員 {name} の稼働能力の調査をこの場面で記録していない")
    assert _member_id(state, applicant, name) not in assessed


def _assess(state: ScenarioState, applicant: str, body: dict[str, Any]) -> None:
    filed = filed_application(state, applicant)
    state.reply = reply = state.target.record_work_capacity(filed.application_id, body)
    if reply.status == 201:
        assessed: set[str] = state.values.setdefault("assessed", set())
        assessed.add(str(body.get("member_id")))


def _assess_for_precondition(state: ScenarioState, applicant: str, name: str) -> None:
    able = {"has_capacity": True, "capacity_basis": _PRECONDITION_BASIS}
    able |= {"willing": True, "willing_basis": _PRECONDITION_BASIS}
    able |= {"has_workplace": True, "workplace_basis": _PRECONDITION_BASIS}
    _assess(state, applicant, {"member_id": _member_id(state, applicant, name), **able})
    established(state, f"世帯員 {name} の稼働能力の調査の記録")


@given(parsers.parse('世帯員 "{name}" の稼働能力の調査が記録されている'))
def assessed_member(state: ScenarioState, name: str) -> None:
    _assess_for_precondition(state, _applicant_of(state, name), name)


@given(parsers.parse('申請者 "{applicant}" の世帯員の稼働能力の調査がすべて記録されている'))
def assessed_household(state: ScenarioState, applicant: str) -> None:
    for member in _members(state, applicant):
        _assess_for_precondition(state, applicant, member["name"])


@when(parsers.parse('次の内容で申請者 "{applicant}" の稼働能力の調査を登録する'))
def assess(state: ScenarioState, applicant: str, datatable: list[list[str]]) -> None:
    member = next((text for title, text in datatable if title.strip() == "世帯員"), None)
    if member is None:
        raise UnsupportedStepError("稼働能力の調査の表に「世帯員」の行がありません")
    rows = [row for row in datatable if row[0].strip() != "世帯員"]
    body = {
        "member_id": _member_id(state, applicant, member.strip()),
        **body_from_rows(WorkCapacityDraft, rows),
    }
    _assess(state, applicant, body)


@when(parsers.parse('決定日 "{day}" で申請者 "{applicant}" の開始決定を起案する'))
def draft_start_on(state: ScenarioState, day: str, applicant: str) -> None:
    today_is(state, day)
    send_draft(state, start_decision(state, applicant))


def _warnings(state: ScenarioState) -> list[str]:
    reply = state.last()
    assert 200 <= reply.status < 300, f"no reply to check: HTTP {reply.status} {reply.body}"
    field = field_titled(reply_model(state), "警告")
    found = reply.body
    for name in field.path:
        found = found.get(name) if isinstance(found, dict) else None
    items = found or []
    return [item if isinstance(item, str) else str(item.get("message", "")) for item in items]


@then(parsers.parse('警告 "{text}" が示される'))
def warned(state: ScenarioState, text: str) -> None:
    warnings = _warnings(state)
    state.expect(f"応答の「警告」に「{text}」")
    assert any(text in warning for warning in warnings), f"警告: {warnings or 'なし'}"


@then("警告は示されない")
def not_warned(state: ScenarioState) -> None:
    warnings = _warnings(state)
    state.expect("応答の「警告」が空")
    assert not warnings, f"警告: {warnings}"


# ---------------------------------------------------------------- other measures (REQ-APP-019)


def _check(state: ScenarioState, applicant: str, items: list[dict[str, Any]]) -> None:
    filed = filed_application(state, applicant)
    versions: dict[str, int] = state.values.setdefault("checklists", {})
    body: dict[str, Any] = {"items": items}
    if applicant in versions:
        body["version"] = versions[applicant]
    state.reply = reply = state.target.record_other_measures(filed.application_id, body)
    if reply.status == 200:
        versions[applicant] = reply.body["version"]


@when(parsers.parse('申請者 "{applicant}" の他法他施策のチェックリストに次の確認結果を登録する'))
def check_measures(state: ScenarioState, applicant: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    items = []
    for row in rows:
        item: dict[str, Any] = {}
        for title, text in zip(header, row, strict=True):
            if title.strip() == "世帯員":
                item["member_id"] = _member_id(state, applicant, text.strip())
            elif text.strip():
                field = field_titled(OtherMeasureCheck, title.strip())
                put(item, field, json_value(field, text.strip()))
        items.append(item)
    _check(state, applicant, items)


@given(
    parsers.parse('申請者 "{applicant}" の他法他施策のチェックリストで "{measure}" が未確認である')
)
def measure_unconfirmed(state: ScenarioState, applicant: str, measure: str) -> None:
    field = field_titled(OtherMeasureCheck, "施策")
    item = {
        "member_id": _member_id(state, applicant, applicant),
        "measure": json_value(field, measure),
        "result": MeasureCheckResult.UNCONFIRMED.value,
    }
    _check(state, applicant, [item])
    established(state, f"申請者 {applicant} の他法他施策「{measure}」を未確認として記録")


@given(parsers.parse('申請者 "{applicant}" の他法他施策のチェックリストがすべて確認済みである'))
def measures_confirmed(state: ScenarioState, applicant: str) -> None:
    members = _members(state, applicant)
    items = [
        {
            "member_id": member["id"],
            "measure": measure.value,
            "eligible": YES_NO["なし"],
            "application": MeasureApplication.NOT_APPLICABLE.value,
            "result": MeasureCheckResult.CONFIRMED.value,
        }
        for member in members
        for measure in OtherMeasure
    ]
    _check(state, applicant, items)
    established(state, f"申請者 {applicant} の他法他施策をすべて確認済みとして記録")
