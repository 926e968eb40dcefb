"""The step library: one phrase per operation or check, the same on every target.

Loaded as a pytest plugin by the runner. Phrases are Japanese; each step does
one thing through :class:`~seikatsu_std.conformance.targets.Target` and
records what it expects, so a failure in the report shows the request, the
reply and the expectation.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from pytest_bdd import given, parsers, then, when

from seikatsu_std.calc.vectors import ExpectedError, Vector, VectorFile
from seikatsu_std.conformance.fields import yen
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.identifiers import IDENTIFIER_SCHEMES

#: The conformance dataset's office and the staff id of each role in it.
OFFICE = "office-nakano"
ROLE_STAFF = {
    "現業員": "cw-01",
    "別の現業員": "cw-02",
    "査察指導員": "sv-01",
    "課長": "chief-01",
    "医療事務の職員": "med-01",
    "経理事務の職員": "acc-01",
    "委託事業者の職員": "out-01",
    "監査担当の職員": "aud-01",
}
_KIND_BY_LABEL = {kind.label: kind for kind in AssistanceKind}


@cache
def vectors() -> dict[str, Vector]:
    """The calculation vectors shipped with the kit, by id."""
    text = (
        resources.files("seikatsu_std.conformance")
        .joinpath("data/calculation-vectors.json")
        .read_text(encoding="utf-8")
    )
    return {v.id: v for v in VectorFile.model_validate_json(text).vectors}


@cache
def record_validator(record_type: str) -> Draft202012Validator:
    """A validator for the published JSON Schema of ``record_type`` (shipped with the kit),
    checking the standard's identifier formats (check digits) as the schema names them."""
    text = (
        resources.files("seikatsu_std.conformance")
        .joinpath(f"data/records/{record_type}.schema.json")
        .read_text(encoding="utf-8")
    )
    formats = FormatChecker()
    for name, scheme in IDENTIFIER_SCHEMES.items():
        formats.checks(name)(scheme.is_valid)
    return Draft202012Validator(json.loads(text), format_checker=formats)


def _conforms(state: ScenarioState, document: Any, record_type: str) -> None:
    state.expect(f"JSON Schema {record_type}.schema.json に適合")
    assert state.last().status == 200, f"expected 200, got {state.last().status}"
    assert document is not None, f"no {record_type} in the reply"
    errors = [
        f"{error.json_path}: {error.message}"
        for error in record_validator(record_type).iter_errors(document)
    ]
    assert not errors, f"{len(errors)} schema errors: {errors[:5]}"


def problem_check(state: ScenarioState, status: int, kind: str, meaning: str) -> dict[str, Any]:
    """Check that the last reply is a problem of ``kind`` (its body, for further checks)."""
    reply = state.last()
    state.expect(f"HTTP {status}（{meaning}）、problem type urn:seikatsu-std:problem:{kind}")
    assert reply.status == status, f"expected {status}, got {reply.status}"
    assert reply.problem_type == f"urn:seikatsu-std:problem:{kind}", (
        f"problem type {reply.problem_type!r}"
    )
    body: dict[str, Any] = reply.body
    assert body.get("title"), "a problem must carry a Japanese title"
    return body


# ---------------------------------------------------------------- given


@given("適合性確認用のデータが登録されている")
def dataset(state: ScenarioState) -> None:
    reply = state.target.health()
    state.expect("GET /health が 200 で status=ok")
    assert reply.status == 200
    assert reply.body["status"] == "ok"


def staff_of(role: str) -> str:
    """The dataset's staff id of a role as scenarios name it (現業員, 査察指導員 …)."""
    if role not in ROLE_STAFF:
        raise KeyError(f"unknown role {role!r}; known: {', '.join(ROLE_STAFF)}")
    return ROLE_STAFF[role]


def login_as(state: ScenarioState, staff_id: str) -> None:
    """Log in as ``staff_id`` and remember who is logged in (steps acting for another role
    log back in as this one)."""
    state.target.login(staff_id)
    state.values["staff_id"] = staff_id


@given(parsers.parse("{role}としてログインしている"))
def logged_in(state: ScenarioState, role: str) -> None:
    login_as(state, staff_of(role))


@given(parsers.parse('計算ベクトル "{vector_id}" の入力がある'))
def vector_input(state: ScenarioState, vector_id: str) -> None:
    vector = vectors()[vector_id]
    state.values["vector"] = vector
    state.values["calculation"] = json.loads(vector.input.model_dump_json())


# ---------------------------------------------------------------- when


def _calculate(state: ScenarioState, calculation: dict[str, Any]) -> None:
    vector: Vector = state.values["vector"]
    state.reply = state.target.calculate(calculation, allow_provisional=vector.allow_provisional)


def _changed_input(state: ScenarioState) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(json.dumps(state.values["calculation"]))
    return changed


@when("保護費を計算する")
def calculate(state: ScenarioState) -> None:
    _calculate(state, state.values["calculation"])


@when("同じ入力でもう一度保護費を計算する")
def calculate_again(state: ScenarioState) -> None:
    state.values["first_reply"] = state.last()
    _calculate(state, state.values["calculation"])


@when("暫定版の使用を許可せずに保護費を計算する")
def calculate_without_provisional(state: ScenarioState) -> None:
    state.reply = state.target.calculate(state.values["calculation"], allow_provisional=False)


@when(parsers.parse('入力の "{field}" を "{value}" にして保護費を計算する'))
def calculate_with_change(state: ScenarioState, field: str, value: str) -> None:
    calculation = _changed_input(state)
    target: Any = calculation
    *parents, last = field.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    _calculate(state, calculation)


@when(parsers.parse('入力に項目 "{field}" を値 {value} で加えて保護費を計算する'))
def calculate_with_extra(state: ScenarioState, field: str, value: str) -> None:
    calculation = _changed_input(state)
    calculation[field] = json.loads(value)
    _calculate(state, calculation)


@when(parsers.parse('世帯員 "{member_id}" を常時在宅として保護費を計算する'))
def calculate_homebound(state: ScenarioState, member_id: str) -> None:
    calculation = _changed_input(state)
    facts = calculation.setdefault("member_facts", [])
    found = next((f for f in facts if f["member_id"] == member_id), None)
    if found is None:
        facts.append({"member_id": member_id, "homebound": True})
    else:
        found["homebound"] = True
    _calculate(state, calculation)


@when(parsers.parse('自分の福祉事務所のケース一覧を目的 "{purpose}" で取得する'))
def list_own_cases(state: ScenarioState, purpose: str) -> None:
    state.reply = state.target.list_cases(OFFICE, purpose)


@when(parsers.parse('福祉事務所 "{office}" のケース一覧を目的 "{purpose}" で取得する'))
def list_office_cases(state: ScenarioState, office: str, purpose: str) -> None:
    state.reply = state.target.list_cases(office, purpose)


@when(parsers.parse('ケース一覧を "{text}" で検索する'))
def search_cases(state: ScenarioState, text: str) -> None:
    state.reply = state.target.list_cases(OFFICE, "casework", q=text)


@when(parsers.parse('ケース "{case_id}" の詳細を目的 "{purpose}" で取得する'))
def get_case(state: ScenarioState, case_id: str, purpose: str) -> None:
    state.reply = state.target.get_case(case_id, purpose)


def _read_version(state: ScenarioState, case_id: str) -> int:
    detail = state.target.get_case(case_id, "supervision")
    assert detail.status == 200, f"cannot read case {case_id}: {detail.status}"
    version = int(detail.body["version"])
    state.values["case_id"], state.values["version"] = case_id, version
    return version


@when(parsers.parse('ケース "{case_id}" を読み込み、その版で訪問格付けを "{grade}" に変更する'))
def change_grade(state: ScenarioState, case_id: str, grade: str) -> None:
    version = _read_version(state, case_id)
    state.reply = state.target.update_case(case_id, {"version": version, "visit_grade_code": grade})


@when(parsers.parse('同じ版でもう一度訪問格付けを "{grade}" に変更する'))
def change_grade_again(state: ScenarioState, grade: str) -> None:
    case_id, version = state.values["case_id"], state.values["version"]
    state.reply = state.target.update_case(case_id, {"version": version, "visit_grade_code": grade})


@when(parsers.parse('ケース "{case_id}" を読み込み、その版で担当現業員を "{staff_id}" に変更する'))
def change_caseworker(state: ScenarioState, case_id: str, staff_id: str) -> None:
    version = _read_version(state, case_id)
    state.reply = state.target.update_case(case_id, {"version": version, "caseworker_id": staff_id})


@when(parsers.parse('ケース "{case_id}" の訪問格付けの変更を版を示さずに求める'))
def change_without_version(state: ScenarioState, case_id: str) -> None:
    state.reply = state.target.update_case(case_id, {"visit_grade_code": "A"})


@when(parsers.parse('ケース "{case_id}" の履歴を目的 "{purpose}" で取得する'))
def case_history(state: ScenarioState, case_id: str, purpose: str) -> None:
    state.reply = state.target.case_history(case_id, purpose)


def _head_id(state: ScenarioState, case_id: str) -> str:
    detail = state.target.get_case(case_id, "casework")
    assert detail.status == 200, f"cannot read case {case_id}: {detail.status}"
    members = detail.body["household"]["members"]
    return str(next(m["id"] for m in members if m["relationship"] == "head"))


@when(parsers.parse('ケース "{case_id}" の世帯主の個人番号を目的 "{purpose}" で取得する'))
def personal_number_masked(state: ScenarioState, case_id: str, purpose: str) -> None:
    state.reply = state.target.personal_number(
        case_id, _head_id(state, case_id), purpose, reveal=False
    )


@when(
    parsers.parse('ケース "{case_id}" の世帯主の個人番号を目的 "{purpose}" で表示を求めて取得する')
)
def personal_number_revealed(state: ScenarioState, case_id: str, purpose: str) -> None:
    state.reply = state.target.personal_number(
        case_id, _head_id(state, case_id), purpose, reveal=True
    )


@when("担当世帯数と標準数を取得する")
def caseload(state: ScenarioState) -> None:
    state.reply = state.target.caseload(OFFICE)


@when("監査ログを検証する")
def verify_audit(state: ScenarioState) -> None:
    state.reply = state.target.verify_audit()


@when("ログアウトする")
def logout(state: ScenarioState) -> None:
    state.target.logout()


@when("ログインしている職員の記録を取得する")
def me(state: ScenarioState) -> None:
    state.reply = state.target.me()


@when("稼働状況を取得する")
def health(state: ScenarioState) -> None:
    state.reply = state.target.health()


@when(parsers.parse("{role}としてログインし直す"))
def log_in_again(state: ScenarioState, role: str) -> None:
    state.target.logout()
    logged_in(state, role)


@when(parsers.parse('職員 "{login_id}" として誤ったパスワードでログインを試みる'))
def wrong_password(state: ScenarioState, login_id: str) -> None:
    state.reply = state.target.login_attempt(login_id, "not-the-password-" + login_id)


@when(parsers.parse('ケース "{case_id}" の訪問格付けの変更を版を示して求める'))
def change_grade_with_version(state: ScenarioState, case_id: str) -> None:
    detail = state.target.get_case(case_id, "casework")
    assert detail.status == 200, f"cannot read case {case_id}: {detail.status}"
    state.reply = state.target.update_case(
        case_id, {"version": detail.body["version"], "visit_grade_code": "A"}
    )


@when(parsers.parse('福祉事務所 "{office}" の担当世帯数と標準数を取得する'))
def caseload_of(state: ScenarioState, office: str) -> None:
    state.reply = state.target.caseload(office)


@when(parsers.parse('ケース "{case_id}" の世帯主の個人番号を目的を示さずに表示を求めて取得する'))
def personal_number_without_purpose(state: ScenarioState, case_id: str) -> None:
    state.reply = state.target.personal_number(case_id, _head_id(state, case_id), None, reveal=True)


@when(parsers.parse('監査ログを職員 "{staff_id}" で検索する'))
def audit_by_staff(state: ScenarioState, staff_id: str) -> None:
    state.reply = state.target.audit_entries(actor_id=staff_id)


@when(parsers.parse('監査ログをケース "{case_id}" で検索する'))
def audit_by_case(state: ScenarioState, case_id: str) -> None:
    state.reply = state.target.audit_entries(case_id=case_id)


@when(parsers.parse('監査ログを職員 "{staff_id}"・操作 "{action}"・目的 "{purpose}" で検索する'))
def audit_by_staff_action_purpose(
    state: ScenarioState, staff_id: str, action: str, purpose: str
) -> None:
    state.reply = state.target.audit_entries(actor_id=staff_id, action=action, purpose=purpose)


@when(parsers.parse('監査ログを期間 "{first}" から "{last}" で検索する'))
def audit_by_period(state: ScenarioState, first: str, last: str) -> None:
    until = date.fromisoformat(last) + timedelta(days=1)
    state.reply = state.target.audit_entries(
        since=f"{first}T00:00:00+09:00", until=f"{until.isoformat()}T00:00:00+09:00"
    )


@when(parsers.parse('監査ログの記録 "{sequence}" の削除を求める'))
def delete_audit_entry(state: ScenarioState, sequence: str) -> None:
    state.reply = state.target.request("DELETE", f"/audit/entries/{sequence}")


@when(parsers.parse('監査ログの記録 "{sequence}" の書き換えを求める'))
def rewrite_audit_entry(state: ScenarioState, sequence: str) -> None:
    state.reply = state.target.request(
        "PATCH", f"/audit/entries/{sequence}", {"detail": "書き換え"}
    )


# ---------------------------------------------------------------- then: replies


@then("要求は受け付けられる")
def accepted(state: ScenarioState) -> None:
    reply = state.last()
    state.expect("HTTP 2xx")
    assert 200 <= reply.status < 300, f"expected success, got {reply.status}: {reply.body}"


@then("要求は権限がないとして拒否される")
def forbidden(state: ScenarioState) -> None:
    problem_check(state, 403, "forbidden", "権限がない")


@then(parsers.parse('拒否の理由に "{text}" が含まれる'))
def reason_contains(state: ScenarioState, text: str) -> None:
    body = state.last().body
    state.expect(f"problem の detail に「{text}」")
    assert text in str(body.get("detail", "")), f"detail was {body.get('detail')!r}"


@then("要求は見つからないとして拒否される")
def not_found(state: ScenarioState) -> None:
    problem_check(state, 404, "not-found", "見つからない")


@then("要求は更新の競合として拒否される")
def conflict(state: ScenarioState) -> None:
    problem_check(state, 409, "version-conflict", "更新の競合")


@then("競合の応答に現在の版が示される")
def conflict_version(state: ScenarioState) -> None:
    expected = state.values["version"] + 1
    state.expect(f"current_version = {expected}（読み込んだ版の次）")
    assert state.last().body.get("current_version") == expected


@then("要求は入力の誤りとして拒否される")
def invalid(state: ScenarioState) -> None:
    problem_check(state, 422, "invalid-request", "入力の誤り")


@then(parsers.parse('誤りの場所として "{path}" が示される'))
def error_path(state: ScenarioState, path: str) -> None:
    errors = state.last().body.get("errors", [])
    state.expect(f"errors[].path に {path}")
    assert any(e.get("path") == path for e in errors), f"errors were {errors}"


@then("要求はログインが必要として拒否される")
def unauthenticated(state: ScenarioState) -> None:
    problem_check(state, 401, "unauthenticated", "ログインが必要")


# ---------------------------------------------------------------- then: calculation


@then("計算結果は計算ベクトルの期待値と一致する")
def matches_vector(state: ScenarioState) -> None:
    vector: Vector = state.values["vector"]
    reply = state.last()
    expected = vector.expected
    if isinstance(expected, ExpectedError):
        state.expect(f"計算できない（422 not-calculable、理由に「{expected.error.contains}」）")
        assert reply.status == 422, f"expected 422, got {reply.status}"
        assert expected.error.contains in str(reply.body.get("detail", ""))
        return
    state.expect(
        f"計算ベクトル {vector.id} の期待値（最低生活費 {expected.minimum_living_cost:,}円 ほか）"
    )
    assert reply.status == 200, f"expected 200, got {reply.status}: {reply.body}"
    body = reply.body
    assert body["needs"] == expected.needs.model_dump(), "needs by kind"
    assert body["amounts"] == expected.amounts.model_dump(), "amounts by kind"
    for name in ("minimum_living_cost", "recognised_income", "cash_benefit", "own_payment"):
        assert body[name] == getattr(expected, name), name
    assert body["need_test"]["in_need"] == expected.need_test_in_need, "need test"
    components: dict[str, int] = {}
    for line in body.get("lines", []):
        if line["role"] == "component":
            components[line["code"]] = components.get(line["code"], 0) + line["amount"]
    assert components == expected.components, "components of the minimum cost of living"


@then("2回の計算結果と明細は1円の差もなく同じである")
def same_result(state: ScenarioState) -> None:
    first, second = state.values["first_reply"], state.last()
    state.expect("同じ入力の2回の計算で、金額・明細・使用した版がすべて同じ")
    assert first.status == second.status == 200, f"statuses {first.status}, {second.status}"
    assert first.body == second.body, "the two results differ"


@then("扶助の種類ごとの明細の合計は最低生活費と一致する")
def lines_add_up(state: ScenarioState) -> None:
    body = state.last().body
    state.expect("説明の行 total.need.<扶助> が needs と一致し、その合計が minimum_living_cost")
    assert state.last().status == 200, f"expected 200, got {state.last().status}"
    by_kind = {
        line["code"].removeprefix("total.need."): line["amount"]
        for line in body["lines"]
        if line["code"].startswith("total.need.")
    }
    assert by_kind == {k: v for k, v in body["needs"].items() if v}, f"lines {by_kind}"
    assert sum(by_kind.values()) == body["minimum_living_cost"], "sum of the kinds"


@then("日割りの日数とその月の暦日数が入力の期間のとおり示される")
def proration_days(state: ScenarioState) -> None:
    calculation = state.values["calculation"]
    year, month = (int(part) for part in calculation["month"].split("-"))
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    start = max(first, date.fromisoformat(calculation.get("covered_from") or first.isoformat()))
    end = min(last, date.fromisoformat(calculation.get("covered_to") or last.isoformat()))
    days, in_month = (end - start).days + 1, last.day
    reply = state.last()
    if reply.status != 200:
        return  # the vector expects the month not to be calculable; checked by the step before
    state.expect(f"proration.days = {days}、proration.days_in_month = {in_month}")
    proration = reply.body.get("proration")
    if days == in_month:
        assert proration is None, f"a whole month is not prorated: {proration}"
        return
    assert proration == {"days": days, "days_in_month": in_month}, f"proration was {proration}"


@then(parsers.parse('計算は "{text}" を理由に計算できないとされる'))
def not_calculable(state: ScenarioState, text: str) -> None:
    body = problem_check(state, 422, "not-calculable", "計算できない")
    state.expect(f"detail に「{text}」")
    assert text in str(body.get("detail", "")), f"detail was {body.get('detail')!r}"


@then("計算の説明の各行に計算方法と根拠が示されている")
def every_line_cited(state: ScenarioState) -> None:
    lines = state.last().body.get("lines", [])
    state.expect("説明の各行に formula と legal（1件以上）")
    assert lines, "the result carries no explanation"
    missing = [line["code"] for line in lines if not line.get("formula") or not line.get("legal")]
    assert not missing, f"lines without formula or legal basis: {missing}"


@then(parsers.parse('計算の説明に "{title}" の行がある'))
def explanation_has(state: ScenarioState, title: str) -> None:
    titles = [line["title"] for line in state.last().body.get("lines", [])]
    state.expect(f"説明の行「{title}」")
    assert title in titles, f"titles were {titles}"


@then(parsers.parse('計算の説明に基準表 "{table}" の版と確認状況が示されている'))
def explanation_cites_table(state: ScenarioState, table: str) -> None:
    cells = [c for line in state.last().body.get("lines", []) for c in line.get("cells", [])]
    state.expect(f"基準表 {table} の欄（edition と status 付き）")
    found = [c for c in cells if c["table"] == table]
    assert found, f"no cell of {table}"
    assert all(c["edition"].startswith(f"{table}@") and c["status"] for c in found)


@then(parsers.parse("{label}の最低生活費は {amount} 円である"))
def need_of_kind(state: ScenarioState, label: str, amount: str) -> None:
    kind = _KIND_BY_LABEL[label]
    state.expect(f"{label}の最低生活費 {amount}円")
    assert state.last().body["needs"][kind.value] == yen(amount)


@then(parsers.parse("金銭給付額は {amount} 円である"))
def cash_benefit(state: ScenarioState, amount: str) -> None:
    state.expect(f"金銭給付額 {amount}円")
    assert state.last().body["cash_benefit"] == yen(amount)


@then("使用した基準表の版がすべて示されている")
def tables_listed(state: ScenarioState) -> None:
    tables = state.last().body.get("tables", [])
    state.expect("tables に版・確認状況・出典")
    assert tables, "no table editions listed"
    assert all(t["edition"] and t["status"] and t["source"] for t in tables)


# ---------------------------------------------------------------- then: cases and security


@then("ケース一覧は自分の福祉事務所のケースだけを含む")
def only_own_office(state: ScenarioState) -> None:
    items = state.last().body["items"]
    state.expect("一覧が空でなく、各ケースの詳細が自分の福祉事務所のもの")
    assert items, "no cases"
    for item in items[:3]:
        detail = state.target.get_case(item["id"], "casework")
        assert detail.body["case"]["office_id"] == OFFICE


@then(parsers.parse('検索結果にケース番号 "{number}" が含まれる'))
def search_found(state: ScenarioState, number: str) -> None:
    numbers = [item["case_number"] for item in state.last().body["items"]]
    state.expect(f"ケース番号 {number} を含む")
    assert number in numbers, f"found {numbers}"


@then("詳細に世帯と適用中の決定と計算の説明が含まれる")
def detail_complete(state: ScenarioState) -> None:
    body = state.last().body
    state.expect("household, decision, calculation.lines")
    assert body["household"]["members"], "household members"
    assert body["decision"] is not None, "decision in force"
    assert body["calculation"]["lines"], "calculation explanation"


@then("決定の扶助別の額は計算の説明の額と一致する")
def decision_matches_calculation(state: ScenarioState) -> None:
    body = state.last().body
    state.expect("decision.amounts == calculation.amounts")
    assert body["decision"]["amounts"] == body["calculation"]["amounts"]


@then("更新後の版は読み込んだ版の次になる")
def new_version(state: ScenarioState) -> None:
    expected = state.values["version"] + 1
    state.expect(f"version = {expected}")
    assert state.last().body["version"] == expected


@then(parsers.parse('履歴の最後の出来事に "{text}" が含まれる'))
def history_has(state: ScenarioState, text: str) -> None:
    events = state.last().body
    state.expect(f"履歴の最後に「{text}」")
    assert events, "no history"
    assert text in events[-1]["summary"], f"last event was {events[-1]}"


@then("個人番号は伏せ字で示される")
def masked(state: ScenarioState) -> None:
    body = state.last().body
    state.expect("my_number = ************、revealed = false")
    assert body["my_number"] == "*" * 12
    assert body["revealed"] is False


@then("個人番号が12桁で示される")
def revealed(state: ScenarioState) -> None:
    body = state.last().body
    state.expect("my_number が12桁の数字、revealed = true")
    assert body["revealed"] is True
    assert len(body["my_number"]) == 12
    assert body["my_number"].isdigit()


@then("監査ログは改ざんされていないと確認される")
def audit_intact(state: ScenarioState) -> None:
    body = state.last().body
    state.expect("ok = true、first_broken = null、checked ≥ 2（この場面の参照の記録を含む）")
    assert body["ok"] is True, body
    assert body["first_broken"] is None
    assert body["checked"] >= 2


@then("担当世帯数は現業員ごとに標準数と比べて示される")
def caseload_shown(state: ScenarioState) -> None:
    body = state.last().body
    state.expect("rows[] に households・standard・over_standard、standard_caseworkers ≥ 1")
    assert body["rows"], "no caseworkers"
    assert body["standard_caseworkers"] >= 1
    assert all({"households", "standard", "over_standard"} <= set(row) for row in body["rows"])


@then(parsers.parse('応答に標準仕様の版 "{version}" が示される'))
def standard_version(state: ScenarioState, version: str) -> None:
    state.expect(f"standard_version = {version}")
    assert state.last().body["standard_version"] == version


@then(parsers.parse('職員の記録の任用形態は "{employment}" である'))
def employment(state: ScenarioState, employment: str) -> None:
    state.expect(f"employment_type = {employment}")
    assert state.last().body["employment_type"] == employment


# ---------------------------------------------------------------- then: audit log


def _audit_items(state: ScenarioState) -> list[dict[str, Any]]:
    reply = state.last()
    assert reply.status == 200, f"audit search answered {reply.status}: {reply.body}"
    items: list[dict[str, Any]] = reply.body["items"]
    return items


def _audit_found(
    state: ScenarioState, staff_id: str, action: str, purpose: str | None = None
) -> dict[str, Any]:
    items = _audit_items(state)
    found = [
        item
        for item in items
        if item["actor_id"] == staff_id
        and item["action"] == action
        and (purpose is None or item["purpose"] == purpose)
    ]
    assert found, f"no entry of {staff_id}/{action}/{purpose} among {len(items)}: {items[:5]}"
    state.values["audit_entry"] = found[0]
    return found[0]


@then(parsers.parse('監査ログに職員 "{staff_id}" の操作 "{action}" の記録がある'))
def audit_has(state: ScenarioState, staff_id: str, action: str) -> None:
    state.expect(f"監査ログに actor_id={staff_id}, action={action} の記録")
    _audit_found(state, staff_id, action)


@then(
    parsers.parse(
        '監査ログに職員 "{staff_id}" の操作 "{action}" の記録が目的 "{purpose}" 付きである'
    )
)
def audit_has_purpose(state: ScenarioState, staff_id: str, action: str, purpose: str) -> None:
    state.expect(f"監査ログに actor_id={staff_id}, action={action}, purpose={purpose} の記録")
    _audit_found(state, staff_id, action, purpose)


@then(
    parsers.parse(
        '監査ログに職員 "{staff_id}" の操作 "{action}" の記録があり、内容に "{text}" が含まれる'
    )
)
def audit_has_detail(state: ScenarioState, staff_id: str, action: str, text: str) -> None:
    state.expect(f"監査ログに actor_id={staff_id}, action={action} で detail に「{text}」の記録")
    entry = _audit_found(state, staff_id, action)
    assert text in entry["detail"], f"detail was {entry['detail']!r}"


@then(parsers.parse('その記録の内容に "{text}" が含まれる'))
def audit_detail_contains(state: ScenarioState, text: str) -> None:
    entry = state.values["audit_entry"]
    state.expect(f"その記録の detail に「{text}」")
    assert text in entry["detail"], f"detail was {entry['detail']!r}"


@then(parsers.parse('監査ログの一覧表示の記録に "{case_id}" が含まれる'))
def audit_list_names_case(state: ScenarioState, case_id: str) -> None:
    state.expect(f"record_type=case_list の閲覧記録の detail に {case_id}")
    lists = [i for i in _audit_items(state) if i["record_type"] == "case_list"]
    assert lists, "no record of a case list"
    assert case_id in lists[0]["detail"], f"detail was {lists[0]['detail']!r}"


@then(
    parsers.parse(
        '検索結果はすべて職員 "{staff_id}" の操作 "{action}" の目的 "{purpose}" の記録である'
    )
)
def audit_all_match(state: ScenarioState, staff_id: str, action: str, purpose: str) -> None:
    state.expect(f"すべての記録が actor_id={staff_id}, action={action}, purpose={purpose}")
    wrong = [
        i
        for i in _audit_items(state)
        if (i["actor_id"], i["action"], i["purpose"]) != (staff_id, action, purpose)
    ]
    assert not wrong, f"entries outside the search: {wrong[:3]}"


@then("検索結果は1件以上である")
def audit_some(state: ScenarioState) -> None:
    state.expect("items が1件以上")
    assert _audit_items(state), "no entries"


@then("検索結果は0件である")
def audit_none(state: ScenarioState) -> None:
    state.expect("items が0件")
    items = _audit_items(state)
    assert not items, f"{len(items)} entries: {items[:3]}"


@then("要求は受け付けられない")
def refused(state: ScenarioState) -> None:
    reply = state.last()
    state.expect("HTTP 404（その操作はない）または 405（その方法は使えない）")
    assert reply.status in (404, 405), f"expected 404 or 405, got {reply.status}: {reply.body}"


# ---------------------------------------------------------------- then: caseload and staff


@then(parsers.parse('現業員1人当たりの標準の世帯数は "{households}" 世帯である'))
def per_caseworker_standard(state: ScenarioState, households: str) -> None:
    rows = state.last().body["rows"]
    state.expect(f"各現業員の standard = {households}")
    assert rows, "no caseworkers"
    assert all(row["standard"] == int(households) for row in rows), rows


@then("現業員の標準数は担当世帯数の合計から社会福祉法16条の式で求めた数である")
def standard_caseworkers(state: ScenarioState) -> None:
    body = state.last().body
    households = body["households"]
    # 社会福祉法16条（市）: 240世帯以下は3人、80世帯を増すごとに1人を加える。
    expected = 3 if households <= 240 else 3 + -(-(households - 240) // 80)
    state.expect(f"{households}世帯 → 標準数 {expected}人")
    assert body["standard_caseworkers"] == expected, body["standard_caseworkers"]


@then("担当世帯数の合計は稼働中と停止中のケースの数と一致する")
def caseload_total(state: ScenarioState) -> None:
    total = state.last().body["households"]
    counted = 0
    for status in ("active", "suspended"):
        after = None
        while True:
            page = state.target.list_cases(
                OFFICE, "supervision", status=status, limit=200, after=after
            )
            assert page.status == 200, f"cannot list {status} cases: {page.status}"
            counted += len(page.body["items"])
            after = page.body.get("next_after")
            if not after:
                break
    state.expect(f"households = 稼働中・停止中のケース数 {counted}")
    assert total == counted, f"caseload says {total}, the case list has {counted}"


@then("職員の記録に社会福祉主事の資格がある")
def certified(state: ScenarioState) -> None:
    state.expect("qualifications に certified_welfare_officer")
    assert "certified_welfare_officer" in state.last().body["qualifications"]


# ---------------------------------------------------------------- then: standard data


@then(parsers.parse('応答の "{member}" は標準の JSON Schema "{record_type}" に適合する'))
def member_conforms(state: ScenarioState, member: str, record_type: str) -> None:
    _conforms(state, state.last().body.get(member), record_type)


@then(parsers.parse('応答は標準の JSON Schema "{record_type}" に適合する'))
def reply_conforms(state: ScenarioState, record_type: str) -> None:
    _conforms(state, state.last().body, record_type)
