"""The caseworker pages over in-memory ports: login, dashboard, list, case page, guardrails."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from reference_app.app import create_app
from reference_app.web import CSRF_FIELD, SESSION_COOKIE
from seikatsu_std.calc import Calculator
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.demo import DEMO_STAFF, DemoOffice, demo_office
from seikatsu_std.services.memory import MemoryDatabase
from tests.api.conftest import NOW, PASSWORD, FakeAccounts

STAFF_IDS = [s[0] for s in DEMO_STAFF]


@pytest.fixture(scope="module")
def demo() -> DemoOffice:
    return demo_office(25, calculator=Calculator())


@pytest.fixture
def database(demo: DemoOffice) -> MemoryDatabase:
    return MemoryDatabase.loaded(demo.load)


@pytest.fixture
def app_for() -> Callable[[MemoryDatabase], TestClient]:
    def make(database: MemoryDatabase) -> TestClient:
        app = create_app(database.unit_of_work, FakeAccounts(STAFF_IDS), clock=lambda: NOW)
        return TestClient(app, raise_server_exceptions=False)

    return make


@pytest.fixture
def web(app_for, database) -> TestClient:  # type: ignore[no-untyped-def]
    client: TestClient = app_for(database)
    return client


def csrf(html: str) -> str:
    found = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def log_in(client: TestClient, staff_id: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    form = client.get("/login")
    return client.post(
        "/login",
        data={
            "login_id": staff_id,
            "password": password,
            CSRF_FIELD: csrf(form.text),
            "next": "/dashboard",
        },
        follow_redirects=False,
    )


@pytest.fixture
def as_staff(web) -> Callable[[str], TestClient]:  # type: ignore[no-untyped-def]
    def login(staff_id: str) -> TestClient:
        response = log_in(web, staff_id)
        assert response.status_code == 303, response.text
        return web

    return login


def audit(database: MemoryDatabase) -> list:  # type: ignore[type-arg]
    return list(database.unit_of_work().audit.entries())


def case_of(database: MemoryDatabase, case_id: str):  # type: ignore[no-untyped-def]
    found = database.unit_of_work().cases.get(case_id)
    assert found is not None
    return found


def first_case_of(database: MemoryDatabase, caseworker_id: str) -> str:
    uow = database.unit_of_work()
    return min(
        case.id
        for case, _ in uow.cases.values()  # type: ignore[attr-defined]
        if case.caseworker_id == caseworker_id
    )


# ------------------------------------------------------------------ login


def test_login_page_is_japanese_accessible_and_not_cached(web):
    response = web.get("/login")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="ja">' in response.text
    assert '<label for="login_id">' in response.text
    assert '<label for="password">' in response.text
    assert 'href="/static/app.css"' in response.text
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    css = web.get("/static/app.css")
    assert css.status_code == 200
    assert "Noto Sans CJK JP" in css.text


def test_root_and_pages_send_anonymous_users_to_login(web):
    root = web.get("/", follow_redirects=False)
    assert (root.status_code, root.headers["location"]) == (303, "/login")
    page = web.get("/cases?q=N-0001", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fcases%3Fq%3DN-0001"


def test_login_failure_is_shown_in_japanese_and_audited(web, database):
    response = log_in(web, "cw-01", "wrong-password")
    assert response.status_code == 401
    assert "ログインIDまたはパスワードが正しくありません" in response.text
    assert 'value="cw-01"' in response.text  # the login id is kept, the password is not
    assert "wrong-password" not in response.text
    assert SESSION_COOKIE not in web.cookies
    assert audit(database)[-1].action is AuditAction.LOGIN_FAILED


def test_login_success_sets_a_safe_session_cookie_and_opens_the_dashboard(web, database):
    response = log_in(web, "cw-01")
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE)
    )
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert "Secure" not in cookie  # plain http in tests; https sets Secure
    assert audit(database)[-1].action is AuditAction.LOGIN
    root = web.get("/", follow_redirects=False)
    assert root.headers["location"] == "/dashboard"
    assert web.get("/login", follow_redirects=False).headers["location"] == "/dashboard"


def test_login_redirects_only_to_local_paths(web):
    form = web.get("/login?next=/cases")
    assert 'name="next" value="/cases"' in form.text
    response = web.post(
        "/login",
        data={
            "login_id": "cw-01",
            "password": PASSWORD,
            CSRF_FIELD: csrf(form.text),
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/dashboard"


def test_the_cookie_is_not_an_api_credential(as_staff):
    client = as_staff("cw-01")
    assert client.get("/api/v1/me").status_code == 401


def test_logout_ends_the_session(as_staff):
    client = as_staff("cw-01")
    page = client.get("/dashboard")
    response = client.post("/logout", data={CSRF_FIELD: csrf(page.text)})
    assert response.status_code == 200
    assert "ログアウトしました" in response.text
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


# ------------------------------------------------------------------ CSRF


def test_post_without_or_with_a_wrong_csrf_token_is_refused_with_the_reason(as_staff):
    client = as_staff("cw-01")
    missing = client.post("/logout", data={})
    assert missing.status_code == 403
    assert "確認用のトークンがありません" in missing.text
    wrong = client.post("/logout", data={CSRF_FIELD: "0" * 64})
    assert wrong.status_code == 403
    assert "トークンが正しくありません" in wrong.text
    assert client.get("/dashboard").status_code == 200  # still logged in


def test_a_token_of_another_session_is_refused(app_for, database):
    first, second = app_for(database), app_for(database)
    log_in(first, "sv-01")
    log_in(second, "sv-01")
    token_of_first = csrf(first.get("/dashboard").text)
    assert token_of_first != csrf(second.get("/dashboard").text)
    assert second.post("/logout", data={CSRF_FIELD: token_of_first}).status_code == 403


def test_the_login_form_needs_its_token_too(web):
    response = web.post("/login", data={"login_id": "cw-01", "password": PASSWORD})
    assert response.status_code == 403
    assert SESSION_COOKIE not in web.cookies


# ------------------------------------------------------------------ dashboard


def test_caseworker_dashboard_shows_own_cases_and_who_is_logged_in(as_staff, database):
    page = as_staff("cw-01").get("/dashboard").text
    uow = database.unit_of_work()
    own = [c for c, _ in uow.cases.values() if c.caseworker_id == "cw-01"]  # type: ignore[attr-defined]
    assert f"担当ケース（{len(own)}件）" in page
    assert all(case.case_number in page for case in own)
    others = [c for c, _ in uow.cases.values() if c.caseworker_id != "cw-01"]  # type: ignore[attr-defined]
    assert not any(f">{case.case_number}<" in page for case in others)
    assert "山田 太郎" in page
    assert "現業員（ケースワーカー）" in page
    assert "公務員" in page
    assert "要対応のケース" in page
    assert "担当世帯数と標準数" not in page


def test_supervisor_dashboard_shows_the_caseload_against_the_standard(as_staff):
    page = as_staff("sv-01").get("/dashboard").text
    assert "担当世帯数と標準数（社会福祉法第16条）" in page
    for name in ("山田 太郎", "佐々木 美和", "井上 健", "森 由紀子"):
        assert name in page
    assert "標準数を満たしています" in page
    assert "over-standard" not in page
    assert "担当ケース（" not in page


def test_over_standard_caseworkers_are_highlighted(app_for, database):
    uow = database.unit_of_work()
    template = case_of(database, first_case_of(database, "cw-02")).record
    for number in range(90):
        uow.cases.add(
            template.model_copy(
                update={"id": f"case-x{number:04d}", "case_number": f"X-{number:05d}"}
            )
        )
    uow.commit()
    client = app_for(database)
    log_in(client, "chief-01")
    page = client.get("/dashboard").text
    row = re.search(r'<tr class="over-standard">.*?</tr>', page, re.S)
    assert row
    assert "佐々木 美和" in row.group(0)
    assert "標準超過" in row.group(0)
    assert "被保護世帯 <strong>115</strong> 世帯" in page


def test_cases_needing_attention_are_listed(app_for, database):
    uow = database.unit_of_work()
    case_id = first_case_of(database, "cw-01")
    for decision in uow.decisions.for_case(case_id):
        uow.decisions.replace(decision.model_copy(update={"status": "draft"}), 1)
    uow.commit()
    client = app_for(database)
    log_in(client, "cw-01")
    page = client.get("/dashboard").text
    assert "要対応のケース（1件）" in page
    assert "適用中の保護決定がありません" in page


def test_outsourced_staff_is_visibly_marked(as_staff):
    page = as_staff("out-01").get("/dashboard").text
    assert "委託事業者職員" in page
    assert "公務員ではありません" in page
    assert "個人番号の閲覧はできません" in page


# ------------------------------------------------------------------ case list


def test_case_list_search_status_and_paging(as_staff):
    client = as_staff("sv-01")
    found = client.get("/cases", params={"q": "N-0001"}).text
    assert "N-00010" in found
    assert "N-00002" not in found
    assert "閲覧の目的: <strong>査察指導" in found
    none = client.get("/cases", params={"status": "terminated"}).text
    assert "該当するケースはありません" in none
    first = client.get("/cases", params={"limit": 10}).text
    assert "N-00001" in first
    assert "N-00011" not in first
    next_url = re.search(r'href="([^"]+)" rel="next"', first)
    assert next_url
    second = client.get(next_url.group(1).replace("&amp;", "&")).text
    assert "N-00011" in second
    assert ">N-00001<" not in second


def test_case_list_search_by_name(as_staff, database):
    head = database.unit_of_work().households.get(
        case_of(database, "case-00003").record.household_id
    )
    family_name = head.record.head.name.split()[0]
    page = as_staff("cw-02").get("/cases", params={"q": family_name}).text
    assert "N-00003" in page
    assert "閲覧の目的: <strong>ケース処理" in page


# ------------------------------------------------------------------ case page


def test_case_page_shows_household_decision_explanation_and_history(as_staff, database):
    case_id = first_case_of(database, "cw-01")
    response = as_staff("cw-01").get(f"/cases/{case_id}")
    assert response.status_code == 200
    page = response.text
    assert case_of(database, case_id).record.case_number in page
    # household members with ages and 和暦 birth dates
    assert re.search(
        r"<time datetime=\"\d{4}-\d\d-\d\d\">(昭和|平成|令和)(元|\d+)年\d+月\d+日</time>", page
    )
    assert re.search(r">\d+歳<", page)
    # the decision in force, with 和暦 dates and amounts by kind
    assert "令和5年9月1日" in page  # effective on 2023-09-01
    assert "生活扶助" in page
    assert "住宅扶助" in page
    assert re.search(r"\d{1,3}(,\d{3})*円", page)
    # the calculation explanation (rules, tables, legal references)
    assert '<section class="calculation" lang="ja">' in page
    assert "生活扶助本体" in page
    assert "生活保護法による保護の基準" in page
    # the history timeline
    assert "保護を開始しました" in page
    assert "変更決定（2023-09）" in page


def test_case_page_says_why_the_explanation_cannot_be_shown(app_for, database):
    uow = database.unit_of_work()
    case_id = first_case_of(database, "cw-01")
    for decision in uow.decisions.for_case(case_id):
        uow.decisions.replace(decision.model_copy(update={"calculation_id": "calc-missing"}), 1)
    uow.commit()
    client = app_for(database)
    log_in(client, "cw-01")
    page = client.get(f"/cases/{case_id}").text
    assert "計算の説明を表示できません" in page
    assert "calc-missing" in page


def test_unknown_case_is_a_japanese_404_page(as_staff):
    response = as_staff("cw-01").get("/cases/case-99999")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "ケース case-99999 は見つかりません" in response.text
    assert "Traceback" not in response.text


def test_caseworker_reveals_my_number_and_it_is_audited(as_staff, database):
    client = as_staff("cw-01")
    case_id = first_case_of(database, "cw-01")
    page = client.get(f"/cases/{case_id}").text
    assert "************" in page
    action = re.search(r'action="(/cases/[^"]+/personal-number)"', page)
    assert action
    response = client.post(action.group(1), data={CSRF_FIELD: csrf(page), "purpose": "casework"})
    assert response.status_code == 200
    assert re.search(r'class="mono revealed"[^>]*>\d{12}<', response.text)
    assert "監査ログに記録されました" in response.text
    reveal = [e for e in audit(database) if e.detail == "revealed"]
    assert reveal
    assert reveal[-1].actor_id == "cw-01"
    assert reveal[-1].purpose.value == "casework"


def test_outsourced_staff_has_no_reveal_button_and_a_reveal_is_refused(as_staff, database):
    client = as_staff("out-01")
    case_id = first_case_of(database, "cw-03")
    page = client.get(f"/cases/{case_id}").text
    assert "personal-number" not in page
    assert "************" in page
    member = database.unit_of_work().households.get(case_of(database, case_id).record.household_id)
    head_id = member.record.head.id
    number = database.unit_of_work().personal_numbers.for_member(head_id).my_number.reveal()
    response = client.post(
        f"/cases/{case_id}/members/{head_id}/personal-number",
        data={CSRF_FIELD: csrf(page), "purpose": "casework"},
    )
    assert response.status_code == 403
    assert "権限がありません" in response.text
    assert "「個人番号の閲覧」は" in response.text  # the reason of the authority rule
    assert "番号法" in response.text or "番号の利用等に関する法律" in response.text
    assert number not in response.text
    assert audit(database)[-1].action is AuditAction.DENIED


# ------------------------------------------------------------------ assignment


def test_supervisor_changes_the_assignment(as_staff, database):
    client = as_staff("sv-01")
    case_id = first_case_of(database, "cw-01")
    page = client.get(f"/cases/{case_id}").text
    assert 'action="/cases/' + case_id + '/assignment"' in page
    response = client.post(
        f"/cases/{case_id}/assignment",
        data={
            CSRF_FIELD: csrf(page),
            "version": "1",
            "caseworker_id": "cw-04",
            "visit_grade_code": "A",
            "original_caseworker_id": "cw-01",
            "original_visit_grade_code": case_of(database, case_id).record.visit_grade_code,
        },
    )
    assert response.status_code == 200
    assert "担当・訪問格付けを更新しました" in response.text
    stored = case_of(database, case_id)
    assert stored.record.caseworker_id == "cw-04"
    assert stored.version == 2
    assert "担当・格付けの変更" in response.text  # the history shows the change


def test_stale_assignment_is_a_conflict_that_overwrites_nothing(as_staff, database):
    client = as_staff("sv-01")
    case_id = first_case_of(database, "cw-01")
    page = client.get(f"/cases/{case_id}").text
    token = csrf(page)
    form = {
        CSRF_FIELD: token,
        "version": "1",
        "original_caseworker_id": "cw-01",
        "original_visit_grade_code": case_of(database, case_id).record.visit_grade_code,
    }
    first = client.post(f"/cases/{case_id}/assignment", data={**form, "caseworker_id": "cw-02"})
    assert first.status_code == 200
    stale = client.post(f"/cases/{case_id}/assignment", data={**form, "caseworker_id": "cw-03"})
    assert stale.status_code == 409
    assert "他の職員によって更新されています" in stale.text
    assert "保存されていません" in stale.text
    assert 'name="version" value="2"' in stale.text  # the current data, ready to retry
    assert '<option value="cw-02" selected>' in stale.text
    stored = case_of(database, case_id)
    assert (stored.record.caseworker_id, stored.version) == ("cw-02", 2)


def test_assignment_to_outsourced_staff_is_refused_with_the_rule(as_staff, database):
    client = as_staff("sv-01")
    case_id = first_case_of(database, "cw-01")
    page = client.get(f"/cases/{case_id}").text
    response = client.post(
        f"/cases/{case_id}/assignment",
        data={
            CSRF_FIELD: csrf(page),
            "version": "1",
            "caseworker_id": "out-01",
            "original_caseworker_id": "cw-01",
        },
    )
    assert response.status_code == 400
    assert "委託事業者の職員は主担当にできません" in response.text
    assert case_of(database, case_id).record.caseworker_id == "cw-01"


def test_auditor_cannot_change_assignments(as_staff, database):
    client = as_staff("aud-01")
    case_id = first_case_of(database, "cw-01")
    page = client.get(f"/cases/{case_id}", params={"purpose": "audit"}).text
    assert "/assignment" not in page
    response = client.post(
        f"/cases/{case_id}/assignment",
        data={
            CSRF_FIELD: csrf(page),
            "version": "1",
            "caseworker_id": "cw-02",
            "original_caseworker_id": "cw-01",
        },
    )
    assert response.status_code == 403
    assert "「ケースの担当・格付けの変更」は" in response.text
    assert "生活保護法第19条" in response.text
    stored = case_of(database, case_id)
    assert (stored.record.caseworker_id, stored.version) == ("cw-01", 1)
    assert audit(database)[-1].action is AuditAction.DENIED


def test_bad_form_values_are_a_400_page_not_a_crash(as_staff, database):
    client = as_staff("sv-01")
    case_id = first_case_of(database, "cw-01")
    page = client.get(f"/cases/{case_id}").text
    response = client.post(
        f"/cases/{case_id}/assignment", data={CSRF_FIELD: csrf(page), "version": "abc"}
    )
    assert response.status_code == 400
    assert "入力に誤りがあります" in response.text
