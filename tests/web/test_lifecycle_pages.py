"""The case-lifecycle pages over in-memory ports: consultation → application → decision → notice."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import unquote

import pypdf
import pytest
from fastapi.testclient import TestClient

from reference_app.app import create_app
from reference_app.web import CSRF_FIELD
from seikatsu_std.calc import Calculator
from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.model import CaseStatus
from seikatsu_std.model.decision import DecisionStatus
from seikatsu_std.model.intake import ApplicationStatus, ConsultationOutcome
from seikatsu_std.model.investigation import (
    ApplicantWish,
    MeasureCheckResult,
    OtherMeasure,
    OtherMeasureCheck,
)
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.demo import DEMO_STAFF, DemoOffice, demo_office
from seikatsu_std.services.determination_records import NeedDeterminationRequest
from seikatsu_std.services.investigation_models import (
    ApplicantViewRequest,
    AssetInquiryDraft,
    OtherMeasureChecksRequest,
    SupportInquirySkipRequest,
    SupportObligorDraft,
    WorkCapacityDraft,
)
from seikatsu_std.services.investigations import InvestigationService
from seikatsu_std.services.memory import MemoryDatabase
from tests.api.conftest import NOW, FakeAccounts
from tests.web.test_pages import csrf, first_case_of, log_in

STAFF_IDS = [s[0] for s in DEMO_STAFF]
HEAD = "鈴木 由美"
TODAY = NOW.date().isoformat()  # 2023-09-20


@pytest.fixture(scope="module")
def demo() -> DemoOffice:
    return demo_office(12, calculator=Calculator())


@pytest.fixture
def database(demo: DemoOffice) -> MemoryDatabase:
    return MemoryDatabase.loaded(demo.load)


@pytest.fixture
def as_staff(database: MemoryDatabase) -> Callable[[str], TestClient]:
    """A logged-in browser per staff member, all on one app (one clock: 2023-09-20 10:00)."""
    app = create_app(database.unit_of_work, FakeAccounts(STAFF_IDS), clock=lambda: NOW)

    def login(staff_id: str) -> TestClient:
        client = TestClient(app, raise_server_exceptions=False)
        assert log_in(client, staff_id).status_code == 303
        return client

    return login


def table(database: MemoryDatabase, name: str) -> dict[str, Any]:
    return {key: row for key, (row, _) in database.tables.get(name, {}).items()}


def version_of(database: MemoryDatabase, name: str, record_id: str) -> int:
    return database.tables[name][record_id][1]


def location_id(response: Any, prefix: str) -> str:
    assert response.status_code == 303, response.text
    found = re.match(rf"/{prefix}/([^/?]+)", response.headers["location"])
    assert found, response.headers["location"]
    return found.group(1)


def post(client: TestClient, page_path: str, action: str, data: dict[str, Any]) -> Any:
    """Submit a form of ``page_path`` (with that page's CSRF token), without following redirects."""
    token = csrf(client.get(page_path).text)
    return client.post(action, data={CSRF_FIELD: token, **data}, follow_redirects=False)


def consultation_form(wish: bool, **changes: str) -> dict[str, Any]:
    return {
        "started_at": "2023-09-20T09:30",
        "interviewer_id": "cw-01",
        "person_name": HEAD,
        "person_name_kana": "すずき ゆみ",
        "person_birth_date": "1988-06-15",
        "situation": "勤め先が閉店して収入がなくなり、家賃を払えない",
        "assets_summary": "預金 3万円",
        "guidance_given": "保護の制度と申請の手続、申請は権利であることを説明した",
        "cash_on_hand": "3,000",
        "wishes_to_apply": "yes" if wish else "no",
        **changes,
    }


def application_form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "start",
        "received_on": TODAY,
        "channel": "written_form",
        "place": "counter",
        "applicant_name": HEAD,
        "applicant_relationship": "本人",
        "requested_kinds": ["living", "housing", "education"],
        "reason": "失職により生活に困窮",
        "municipality_code": "131148",
        "postal_code": "164-0001",
        "prefecture": "東京都",
        "municipality": "中野区",
        "street": "中野一丁目2番3号 コーポ中野101",
        "tenure": "private_rental",
        "monthly_rent": "64,000",
        "landlord_name": "中野ハウジング株式会社",
        "m0_name": HEAD,
        "m0_kana": "スズキ ユミ",
        "m0_birth": "1988-06-15",
        "m0_sex": "female",
        "m0_residence": "at_home",
        "m0_school": "not_in_school",
        "m0_care": "not_applicable",
        "m1_name": "鈴木 陽太",
        "m1_kana": "スズキ ヨウタ",
        "m1_birth": "2014-09-02",
        "m1_sex": "male",
        "m1_rel": "child",
        "m1_residence": "at_home",
        "m1_school": "elementary",
        "m1_care": "not_applicable",
    }
    return {**data, **changes}


def start_form(application_id: str, **changes: str) -> dict[str, Any]:
    return {
        "kind": "start",
        "application_id": application_id,
        "effective_on": TODAY,
        "reasons": "就労収入が最低生活費に満たないため\n預貯金等の活用できる資産がないため",
        "month": "2023-09",
        "lp0": "1",
        "inc0_member": "",
        "inc0_kind": "earned",
        "inc0_amount": "50,000",
        "inc0_expenses": "3000",
        "inc0_description": "パート（スーパー）",
        **changes,
    }


def register(client: TestClient, **changes: Any) -> tuple[str, str]:
    """A start application registered through the form: (application id, case id)."""
    response = post(client, "/applications/new", "/applications", application_form(**changes))
    application_id = location_id(response, "applications")
    page = client.get(f"/applications/{application_id}").text
    case_id = re.search(r'href="/cases/([^"/?]+)"', page)
    assert case_id
    return application_id, case_id.group(1)


def draft_start(client: TestClient, database: MemoryDatabase, application_id: str) -> str:
    case_id = table(database, "applications")[application_id].case_id
    head = table(database, "households")[table(database, "cases")[case_id].household_id].head
    path = f"/cases/{case_id}/decisions/new?kind=start&application={application_id}"
    response = post(
        client, path, f"/cases/{case_id}/decisions", start_form(application_id, inc0_member=head.id)
    )
    assert response.headers["location"].endswith("?done=drafted")
    return location_id(response, "decisions")


# ------------------------------------------------------------------ the whole path


def test_the_whole_path_from_consultation_to_the_notice(as_staff, database):
    caseworker = as_staff("cw-01")

    # 相談: the person wishes to apply
    response = post(caseworker, "/consultations/new", "/consultations", consultation_form(True))
    consultation_id = location_id(response, "consultations")
    page = caseworker.get(response.headers["location"]).text
    assert "相談を記録しました" in page
    assert "相談者は申請の意思を示しています" in page
    assert f'href="/applications/new?consultation={consultation_id}"' in page
    stored = table(database, "consultations")[consultation_id]
    assert stored.person_name_kana == "スズキ ユミ"  # typed in hiragana
    assert stored.cash_on_hand == 3000

    # … it cannot be closed as advice only: the rule and its legal basis, nothing stored
    refused = post(
        caseworker,
        f"/consultations/{consultation_id}",
        f"/consultations/{consultation_id}/closing",
        {"version": "1", "outcome": "advice_only"},
    )
    assert refused.status_code == 422
    assert "申請の意思を示した相談は、申請を受け付けずに終えられません" in refused.text
    assert "生活保護法第7条" in refused.text
    assert 'value="advice_only" checked' in refused.text  # the choice is kept
    assert table(database, "consultations")[consultation_id].outcome is (
        ConsultationOutcome.CONTINUING
    )

    # 申請: the form starts from the consultation; registering ends the consultation
    form = caseworker.get(f"/applications/new?consultation={consultation_id}").text
    assert f'name="applicant_name" type="text" value="{HEAD}"' in form
    assert f'name="consultation_id" value="{consultation_id}"' in form
    response = caseworker.post(
        "/applications",
        data={CSRF_FIELD: csrf(form), **application_form(consultation_id=consultation_id)},
        follow_redirects=False,
    )
    application_id = location_id(response, "applications")
    assert response.headers["location"].endswith("?done=registered_closed")
    closed = table(database, "consultations")[consultation_id]
    assert closed.outcome is ConsultationOutcome.APPLICATION_TAKEN
    assert closed.application_id == application_id
    application = table(database, "applications")[application_id]
    case = table(database, "cases")[application.case_id]
    assert case.status is CaseStatus.APPLYING
    household = table(database, "households")[case.household_id]
    assert [m.name for m in household.members] == [HEAD, "鈴木 陽太"]
    assert household.housing.monthly_rent == 64000
    assert household.address.postal_code == "1640001"

    # the application page: the 14-day deadline and the 30-day limit, in 和暦 and ISO
    page = caseworker.get(f"/applications/{application_id}").text
    assert "令和5年10月4日（2023-10-04）" in page
    assert "令和5年10月20日（2023-10-20）" in page
    assert "あと14日" in page
    assert "clock-within" in page
    for action in ("extension", "investigation", "support-inquiries", "withdrawal"):
        assert f'action="/applications/{application_id}/{action}"' in page

    # the pending list shows it with its deadline; the dashboard counts the office's
    listed = caseworker.get("/applications").text
    row = re.search(rf'<tr class="clock-row-within">.*?{application_id}.*?</tr>', listed, re.S)
    assert row
    assert "令和5年10月4日" in row.group(0)
    assert "あと14日" in row.group(0)
    assert "期限内" in row.group(0)
    assert application_id not in caseworker.get("/applications?within=3").text
    assert "処理中の申請（1件）" in caseworker.get("/dashboard").text

    # 起案: a start decision with the calculation from the case's household
    decision_id = draft_start(caseworker, database, application_id)
    page = caseworker.get(f"/decisions/{decision_id}?done=drafted").text
    assert "決定を起案しました" in page
    assert '<section class="calculation" lang="ja">' in page
    assert "生活扶助本体" in page
    assert "母子加算" in page  # the lone parent ticked on the form
    assert "基礎控除" in page  # the earned income row, with its deduction
    drafted = table(database, "decisions")[decision_id]
    assert drafted.status is DecisionStatus.DRAFT
    assert drafted.amounts.living > 0
    assert drafted.recognised_income > 0

    # a caseworker sees no approve button, and a POST is refused with the rule
    assert f"/decisions/{decision_id}/approval" not in page
    assert "「保護決定の決裁」は" in page
    refused = post(
        caseworker,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    assert refused.status_code == 403
    assert "権限がありません" in refused.text
    assert "「保護決定の決裁」は" in refused.text
    assert "生活保護法第19条" in refused.text
    assert "社会福祉法第15条第6項" in refused.text
    assert table(database, "decisions")[decision_id].status is DecisionStatus.DRAFT

    # 決裁 by the supervisor
    supervisor = as_staff("sv-01")
    page = supervisor.get(f"/decisions/{decision_id}").text
    assert f'action="/decisions/{decision_id}/approval"' in page
    approved = post(
        supervisor,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    assert approved.status_code == 303
    assert "決定を決裁しました" in supervisor.get(approved.headers["location"]).text
    assert table(database, "cases")[application.case_id].status is CaseStatus.ACTIVE
    assert table(database, "applications")[application_id].status is ApplicationStatus.DECIDED
    assert application_id not in caseworker.get("/applications").text

    # 通知 and the notice downloads
    page = caseworker.get(f"/decisions/{decision_id}").text
    assert f'href="/decisions/{decision_id}/notice.pdf"' in page
    notified = post(
        caseworker,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/notification",
        {"version": "2"},
    )
    assert notified.status_code == 303
    decision = table(database, "decisions")[decision_id]
    assert (decision.status, decision.notified_on) == (DecisionStatus.NOTIFIED, NOW.date())

    html = caseworker.get(f"/decisions/{decision_id}/notice.html")
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert HEAD in html.text
    assert "審査請求" in html.text
    assert "'unsafe-inline'" in html.headers["content-security-policy"]

    pdf = caseworker.get(f"/decisions/{decision_id}/notice.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    disposition = pdf.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert re.search(r'filename="[A-Za-z0-9._-]+\.pdf"', disposition)
    encoded = re.search(r"filename\*=UTF-8''(\S+)", disposition)
    assert encoded
    assert "決定通知書" in unquote(encoded.group(1))
    assert unquote(encoded.group(1)).endswith(f"{case.case_number}.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    compact = re.sub(r"\s", "", text)
    assert HEAD.replace(" ", "") in compact
    assert "審査請求" in compact


def test_the_drafter_cannot_approve_their_own_decision(as_staff, database):
    supervisor = as_staff("sv-01")
    application_id, _ = register(supervisor, caseworker_id="cw-02")
    decision_id = draft_start(supervisor, database, application_id)
    page = supervisor.get(f"/decisions/{decision_id}").text
    assert f"/decisions/{decision_id}/approval" not in page
    assert "起案者は自ら起案した決定を決裁できません" in page
    refused = post(
        supervisor,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    assert refused.status_code == 403
    assert "起案者は自ら起案した決定を決裁できません" in refused.text
    assert "根拠" in refused.text
    assert table(database, "decisions")[decision_id].status is DecisionStatus.DRAFT
    assert list(database.unit_of_work().audit.entries())[-1].action is AuditAction.DENIED
    chief = as_staff("chief-01")
    approved = post(
        chief, f"/decisions/{decision_id}", f"/decisions/{decision_id}/approval", {"version": "1"}
    )
    assert approved.status_code == 303
    assert table(database, "decisions")[decision_id].approved_by == "chief-01"


def test_a_name_the_pdf_fonts_cannot_print_is_explained_and_the_html_still_works(
    as_staff, database
):
    caseworker = as_staff("cw-01")
    name = "\U00020bb7田 花子"  # 𠮷 (U+20BB7) is outside the PDF fonts' repertoire
    application_id, _ = register(caseworker, applicant_name=name, m0_name=name)
    decision_id = draft_start(caseworker, database, application_id)
    supervisor = as_staff("sv-01")
    post(
        supervisor,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    pdf = caseworker.get(f"/decisions/{decision_id}/notice.pdf")
    assert pdf.status_code == 422
    assert pdf.headers["content-type"].startswith("text/html")
    assert "PDFの通知書を作れません" in pdf.text
    assert "U+20BB7" in pdf.text
    html = caseworker.get(f"/decisions/{decision_id}/notice.html")
    assert html.status_code == 200
    assert name in html.text


def test_a_supervisor_registering_a_start_application_names_the_caseworker(as_staff, database):
    supervisor = as_staff("sv-01")
    form = supervisor.get("/applications/new").text
    assert 'name="caseworker_id"' in form
    response = supervisor.post("/applications", data={CSRF_FIELD: csrf(form), **application_form()})
    assert response.status_code == 422
    assert 'id="caseworker_id-error">担当する現業員を選んでください<' in response.text
    assert not table(database, "applications")


# ------------------------------------------------------------------ rejection


def test_a_rejection_keeps_the_input_until_its_reason_class_is_chosen(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, case_id = register(caseworker)
    path = f"/cases/{case_id}/decisions/new?kind=rejection&application={application_id}"
    form = caseworker.get(path).text
    assert 'name="month"' not in form  # a rejection has no amounts
    assert 'name="rejection_reason"' in form
    data = {
        "kind": "rejection",
        "application_id": application_id,
        "effective_on": TODAY,
        "reasons": "預貯金 120万円が最低生活費の6か月分を超えるため",
    }
    missing = caseworker.post(f"/cases/{case_id}/decisions", data={CSRF_FIELD: csrf(form), **data})
    assert missing.status_code == 422
    assert re.search(r'id="rejection_reason-error">却下の理由の区分を選んでください<', missing.text)
    assert "預貯金 120万円が最低生活費の6か月分を超えるため</textarea>" in missing.text
    assert not table(database, "decisions") or all(
        d.case_id != case_id for d in table(database, "decisions").values()
    )

    response = caseworker.post(
        f"/cases/{case_id}/decisions",
        data={CSRF_FIELD: csrf(form), **data, "rejection_reason": "assets_available"},
        follow_redirects=False,
    )
    decision_id = location_id(response, "decisions")
    page = caseworker.get(f"/decisions/{decision_id}").text
    assert "却下の決定" in page
    assert "活用できる資産がある" in page
    assert "保護費の計算の説明" not in page

    supervisor = as_staff("sv-01")
    approved = post(
        supervisor,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    assert approved.status_code == 303
    assert table(database, "cases")[case_id].status is CaseStatus.REJECTED
    post(
        caseworker,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/notification",
        {"version": "2"},
    )
    notice = caseworker.get(f"/decisions/{decision_id}/notice.html")
    assert notice.status_code == 200
    assert "却下" in notice.text
    assert "審査請求" in notice.text


def test_the_rejection_form_shows_the_need_determination(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, case_id = register(caseworker)
    path = f"/cases/{case_id}/decisions/new?kind=rejection&application={application_id}"
    assert "この申請の要否判定の記録はありません" in caseworker.get(path).text
    household = table(database, "households")[table(database, "cases")[case_id].household_id]
    situation = CalculationInput(
        id="calculation-web-need",
        month=TODAY[:7],
        household=household,
        incomes=[{"member_id": household.head.id, "kind": "pension", "amount": 400_000}],
    )
    service = caseworker.app.state.determination  # type: ignore[attr-defined]
    found = service.determine_need(
        "cw-01",
        application_id,
        NeedDeterminationRequest(determined_on=date.fromisoformat(TODAY), calculation=situation),
    )
    page = caseworker.get(path).text
    assert "<strong>否</strong>" in page
    assert f"{found.minimum_living_cost:,}円" in page
    assert "400,000円" in page
    assert "最低生活費の計算明細" in page
    assert "収入の計算明細" in page
    assert found.tables[0].edition in page
    response = caseworker.post(
        f"/cases/{case_id}/decisions",
        data={
            CSRF_FIELD: csrf(page),
            "kind": "rejection",
            "application_id": application_id,
            "effective_on": TODAY,
            "rejection_reason": "income_sufficient",
            "reasons": "最低生活費を上回る収入があるため",
        },
        follow_redirects=False,
    )
    decision = caseworker.get(f"/decisions/{location_id(response, 'decisions')}").text
    assert "却下の理由に具体的な事実を記載してください" in decision
    assert "400,000円（要否判定による）" in decision


# ------------------------------------------------------------------ conflicts


def test_a_stale_approval_is_a_409_that_shows_the_current_decision(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, _ = register(caseworker)
    decision_id = draft_start(caseworker, database, application_id)
    supervisor, chief = as_staff("sv-01"), as_staff("chief-01")
    stale_page = chief.get(f"/decisions/{decision_id}").text  # read while still a draft
    assert 'name="version" value="1"' in stale_page
    first = post(
        supervisor,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    assert first.status_code == 303
    stale = chief.post(
        f"/decisions/{decision_id}/approval",
        data={CSRF_FIELD: csrf(stale_page), "version": "1"},
    )
    assert stale.status_code == 409
    assert "現在の状態ではできません" in stale.text
    assert "「決裁済」の保護の決定は「決裁する」できません" in stale.text
    assert "決裁済" in stale.text
    assert "<dt>版</dt><dd>2</dd>" in stale.text  # the current decision, ready to read again
    assert table(database, "decisions")[decision_id].approved_by == "sv-01"


def test_a_concurrent_write_is_a_409_that_keeps_what_was_typed(as_staff, database):
    first, second = as_staff("cw-01"), as_staff("cw-02")
    application_id, _ = register(first)
    path = f"/applications/{application_id}"
    page_of_second = second.get(path).text
    assert 'name="version" value="1"' in page_of_second
    saved = post(
        first,
        path,
        f"{path}/extension",
        {"version": "1", "reason": "扶養義務者の資産調査に日時を要するため"},
    )
    assert saved.status_code == 303
    typed = "勤務先からの給与の回答に日時を要するため"
    stale = second.post(
        f"{path}/extension",
        data={CSRF_FIELD: csrf(page_of_second), "version": "1", "reason": typed},
    )
    assert stale.status_code == 409
    assert "他の職員によって更新されています" in stale.text
    assert "入力した内容は保存されていません" in stale.text
    assert f">{typed}</textarea>" in stale.text
    assert 'name="version" value="2"' in stale.text
    stored = table(database, "applications")[application_id]
    assert stored.extension_reason == "扶養義務者の資産調査に日時を要するため"
    assert version_of(database, "applications", application_id) == 2


# ------------------------------------------------------------------ termination


def test_termination_by_withdrawal_needs_the_persons_own_declaration(as_staff, database):
    caseworker = as_staff("cw-01")
    case_id = first_case_of(database, "cw-01")
    case_page = caseworker.get(f"/cases/{case_id}").text
    assert f'href="/cases/{case_id}/decisions/new?kind=termination"' in case_page
    assert f'href="/cases/{case_id}/applications/new"' in case_page
    path = f"/cases/{case_id}/decisions/new?kind=termination"
    form = caseworker.get(path).text
    assert 'name="w_signed_by_person"' in form
    assert 'name="transferred_to"' in form
    data = {
        "kind": "termination",
        "effective_on": "2023-09-30",
        "termination_reason": "withdrawal",
        "reasons": "本人から、親族の援助により生活できるとして辞退の申出があったため",
        "w_received_on": "2023-09-19",
        "w_received_by": "cw-01",
        "w_kept_at": "ケースファイル 第2分冊",
        "w_confirmed_by": "sv-01",
        "w_confirmed_on": "2023-09-20",
        "w_guidance": "no",
        "w_prospect": "長男夫婦と同居し、長男の収入で生活する",
    }
    unsigned = caseworker.post(f"/cases/{case_id}/decisions", data={CSRF_FIELD: csrf(form), **data})
    assert unsigned.status_code == 422
    assert (
        'id="withdrawal-error">辞退による廃止には、本人が署名した辞退届の受領の記録が必要です'
        in (unsigned.text)
    )
    assert "長男夫婦と同居し、長男の収入で生活する</textarea>" in unsigned.text
    assert 'name="w_received_on" type="date" value="2023-09-19"' in unsigned.text
    induced = caseworker.post(
        f"/cases/{case_id}/decisions",
        data={CSRF_FIELD: csrf(form), **data, "w_signed_by_person": "1", "w_guidance": "yes"},
    )
    assert induced.status_code == 422
    assert "職員の指導・勧奨による辞退は、本人の自由な意思による辞退として廃止できません" in (
        induced.text
    )

    response = caseworker.post(
        f"/cases/{case_id}/decisions",
        data={CSRF_FIELD: csrf(form), **data, "w_signed_by_person": "1"},
        follow_redirects=False,
    )
    decision_id = location_id(response, "decisions")
    page = caseworker.get(f"/decisions/{decision_id}").text
    assert "廃止の決定" in page
    assert "辞退届の受領と任意性の確認" in page
    assert "本人の自署" in page
    assert "ケースファイル 第2分冊" in page
    assert "長男夫婦と同居し" in page
    supervisor = as_staff("sv-01")
    approved = post(
        supervisor,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    assert approved.status_code == 303
    case = table(database, "cases")[case_id]
    assert (case.status, case.closed_on) == (CaseStatus.TERMINATED, date(2023, 9, 30))
    withdrawal = table(database, "decisions")[decision_id].withdrawal
    assert withdrawal.signed_by_person
    assert table(database, "decisions")[decision_id].free_will_check.confirmed_by == "sv-01"
    history = caseworker.get(f"/cases/{case_id}").text
    assert "医療扶助・介護扶助" in history


def test_a_transfer_names_the_receiving_office(as_staff, database):
    caseworker = as_staff("cw-01")
    case_id = first_case_of(database, "cw-01")
    path = f"/cases/{case_id}/decisions/new?kind=termination"
    data = {
        "kind": "termination",
        "effective_on": "2023-09-30",
        "termination_reason": "transfer",
        "reasons": "杉並区へ転居したため",
    }
    missing = post(caseworker, path, f"/cases/{case_id}/decisions", data)
    assert missing.status_code == 422
    assert "移管先の福祉事務所IDを入力してください" in missing.text
    own = post(
        caseworker, path, f"/cases/{case_id}/decisions", {**data, "transferred_to": "office-nakano"}
    )
    assert own.status_code == 422
    assert "移管による廃止には、移管先の（他の）福祉事務所の記録が必要です" in own.text
    assert "生活保護法第19条" in own.text
    done = post(
        caseworker,
        path,
        f"/cases/{case_id}/decisions",
        {**data, "transferred_to": "office-suginami"},
    )
    assert done.status_code == 303


def test_a_change_decision_from_the_case_page_is_computed_and_explained(as_staff, database):
    caseworker = as_staff("cw-01")
    case_id = first_case_of(database, "cw-01")
    household = table(database, "households")[table(database, "cases")[case_id].household_id]
    head = household.head
    path = f"/cases/{case_id}/decisions/new?kind=change"
    form = caseworker.get(path).text
    assert f'<option value="{head.id}">{head.name}（世帯主）</option>' in form
    assert 'name="month" type="month" value="2023-09"' in form
    response = post(
        caseworker,
        path,
        f"/cases/{case_id}/decisions",
        {
            "kind": "change",
            "effective_on": "2023-09-01",
            "reasons": "老齢年金の受給が始まったため、収入認定額を変更する",
            "month": "2023-09",
            "inc0_member": head.id,
            "inc0_kind": "pension",
            "inc0_amount": "30000",
            "inc0_description": "老齢基礎年金",
        },
    )
    decision_id = location_id(response, "decisions")
    drafted = table(database, "decisions")[decision_id]
    assert drafted.recognised_income == 30000
    page = caseworker.get(f"/decisions/{decision_id}").text
    assert '<section class="calculation" lang="ja">' in page
    assert "保護費の計算（2023-09）" in page
    assert "30,000円" in page
    supervisor = as_staff("sv-01")
    approved = post(
        supervisor,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    assert approved.status_code == 303
    assert table(database, "cases")[case_id].status is CaseStatus.ACTIVE
    case_page = caseworker.get(f"/cases/{case_id}").text
    assert f'href="/decisions/{decision_id}"' in case_page
    assert '収入充当額</th><td class="num">30,000円' in case_page


def test_an_income_row_with_a_wrong_amount_is_marked_and_kept(as_staff, database):
    caseworker = as_staff("cw-01")
    case_id = first_case_of(database, "cw-01")
    path = f"/cases/{case_id}/decisions/new?kind=change"
    response = post(
        caseworker,
        path,
        f"/cases/{case_id}/decisions",
        {
            "kind": "change",
            "effective_on": "2023-09-01",
            "reasons": "収入の変動",
            "month": "2023-09",
            "inc1_kind": "earned",
            "inc1_amount": "十万円",
        },
    )
    assert response.status_code == 422
    assert 'id="inc1_amount-error">半角数字（整数）で入力してください<' in response.text
    assert 'id="inc1_member-error">入力してください<' in response.text
    assert 'name="inc1_amount" type="text" value="十万円"' in response.text
    assert all(
        d.case_id != case_id or d.status is not DecisionStatus.DRAFT
        for d in table(database, "decisions").values()
    )


# ------------------------------------------------------------------ applications


def test_the_application_form_shows_each_error_next_to_its_field(as_staff, database):
    caseworker = as_staff("cw-01")
    response = post(
        caseworker,
        "/applications/new",
        "/applications",
        application_form(
            monthly_rent="",
            m1_kana="",
            m1_birth="2014-13-40",
            m2_name="鈴木 葵",
            municipality_code="131149",
            requested_kinds=[],
        ),
    )
    assert response.status_code == 422
    page = response.text
    assert re.search(r'id="monthly_rent-error">借家の場合は家賃（月額）が必要です<', page)
    assert 'id="m1_kana-error"' in page
    assert 'id="m1_birth-error">日付を正しく入力してください<' in page
    assert 'id="m2_kana-error"' in page  # a row that was started must be complete
    assert 'id="municipality_code-error"' in page
    assert 'id="requested_kinds-error">少なくとも1つ選んでください<' in page
    assert 'aria-invalid="true"' in page
    # what was typed is still there
    assert 'name="m2_name" type="text" value="鈴木 葵"' in page
    assert 'name="street" type="text" value="中野一丁目2番3号 コーポ中野101"' in page
    assert not table(database, "applications")


def test_a_change_application_from_the_case_page(as_staff, database):
    caseworker = as_staff("cw-01")
    case_id = first_case_of(database, "cw-01")
    path = f"/cases/{case_id}/applications/new"
    form = caseworker.get(path).text
    assert 'name="m0_name"' not in form  # the case's household is used
    response = post(
        caseworker,
        path,
        "/applications",
        {
            "kind": "change",
            "case_id": case_id,
            "received_on": TODAY,
            "channel": "written_form",
            "place": "counter",
            "applicant_name": "申請 太郎",
            "applicant_relationship": "本人",
            "requested_kinds": ["housing"],
            "reason": "家賃の値上げ",
        },
    )
    application_id = location_id(response, "applications")
    page = caseworker.get(f"/applications/{application_id}").text
    assert "保護変更申請" in page
    assert "変更の決定を起案する" in page
    assert "却下の決定を起案する" not in page
    assert application_id in caseworker.get(f"/cases/{case_id}").text


def test_support_inquiries_planned_or_skipped_with_an_allowed_reason(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, _ = register(caseworker)
    path = f"/applications/{application_id}"
    obligor = {"ob_name": "鈴木 一郎", "ob_relationship": "父", "ob_degree": "lineal"}
    skipped = post(
        caseworker, path, f"{path}/support-inquiries", {**obligor, "inquiry_status": "skipped"}
    )
    assert skipped.status_code == 422
    for name in ("skip_reason", "skip_reason_detail", "applicant_view"):
        assert f'id="inq-{name}-error"' in skipped.text
    assert 'name="ob_name" type="text" value="鈴木 一郎"' in skipped.text
    sent = post(
        caseworker, path, f"{path}/support-inquiries", {**obligor, "inquiry_status": "sent"}
    )
    assert sent.status_code == 422
    assert 'id="inq-sent_on-error"' in sent.text

    recorded = post(
        caseworker,
        path,
        f"{path}/support-inquiries",
        {
            **obligor,
            "inquiry_status": "skipped",
            "skip_reason": "dv_or_abuse",
            "skip_reason_detail": "父からの暴力で20年前に家を出た",
            "applicant_view": "連絡を取らないでほしい",
        },
    )
    assert recorded.status_code == 303
    planned = post(
        caseworker,
        path,
        f"{path}/support-inquiries",
        {
            "ob_name": "鈴木 次郎",
            "ob_relationship": "兄",
            "ob_degree": "sibling",
            "inquiry_status": "planned",
        },
    )
    assert planned.status_code == 303
    page = caseworker.get(path).text
    assert "扶養照会（2件）" in page
    assert "DV・虐待等" in page
    assert "連絡を取らないでほしい" in page
    assert "照会予定" in page

    started = post(caseworker, path, f"{path}/investigation", {"version": "1"})
    assert started.status_code == 303
    assert table(database, "applications")[application_id].status is ApplicationStatus.INVESTIGATING
    page = caseworker.get(started.headers["location"]).text
    assert "調査を開始しました" in page
    assert f'action="{path}/investigation"' not in page
    again = caseworker.post(f"{path}/investigation", data={CSRF_FIELD: csrf(page), "version": "2"})
    assert again.status_code == 409
    assert "「調査中」の保護の申請は「調査を始める」できません" in again.text


def test_withdrawal_needs_the_applicants_signed_document(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, case_id = register(caseworker)
    path = f"/applications/{application_id}"
    document = {
        "version": "1",
        "document_received_on": TODAY,
        "signed_by_applicant": "yes",
        "circumstances": "親族の援助を受けられることになった",
    }
    unsigned = post(
        caseworker, path, f"{path}/withdrawal", {**document, "signed_by_applicant": "no"}
    )
    assert unsigned.status_code == 422
    assert "申請の取下げには、取下書に本人の署名があることが必要です" in unsigned.text
    assert "生活保護法第7条" in unsigned.text
    done = post(caseworker, path, f"{path}/withdrawal", document)
    assert done.status_code == 303
    assert table(database, "applications")[application_id].status is ApplicationStatus.WITHDRAWN
    assert table(database, "cases")[case_id].status is CaseStatus.WITHDRAWN
    page = caseworker.get(done.headers["location"]).text
    assert "申請の取下げを記録しました" in page
    assert f'action="{path}/withdrawal"' not in page  # nothing more to do on it


def test_pending_list_nearest_deadline_first_with_badges_and_filter(as_staff, database):
    caseworker = as_staff("cw-01")
    received = {
        "三十日": "2023-08-15",  # limit 2023-09-14 passed → 30日経過
        "十四日": "2023-09-01",  # notice due 2023-09-15 passed, no reason → 14日経過
        "延長": "2023-09-05",  # due 2023-09-19 passed, reason recorded → 延長中 until 2023-10-05
        "間近": "2023-09-08",  # due 2023-09-22 → 期限間近
        "期限内": "2023-09-18",  # due 2023-10-02
    }
    ids = {}
    for name, day in received.items():
        ids[name], _ = register(caseworker, applicant_name=name, received_on=day)
    extended = f"/applications/{ids['延長']}"
    post(
        caseworker, extended, f"{extended}/extension", {"version": "1", "reason": "資産調査のため"}
    )

    page = caseworker.get("/applications").text
    order = [
        m.group(1)
        for m in re.finditer(r'class="row-link" href="/applications/[^"]+">([^<]+)<', page)
    ]
    assert order == ["三十日", "十四日", "間近", "期限内", "延長"]
    for name, badge, left in (
        ("三十日", "30日経過", "6日超過"),
        ("十四日", "14日経過", "5日超過"),
        ("間近", "期限間近", "あと2日"),
        ("期限内", "期限内", "あと12日"),
        ("延長", "延長中", "あと15日"),
    ):
        row = re.search(rf"<tr [^>]*>(?:(?!</tr>).)*>{name}<(?:(?!</tr>).)*</tr>", page, re.S)
        assert row, name
        assert badge in row.group(0), name
        assert left in row.group(0), name
    assert "延長の理由: 資産調査のため" in page

    near = caseworker.get("/applications?within=3").text
    assert [
        m.group(1)
        for m in re.finditer(r'class="row-link" href="/applications/[^"]+">([^<]+)<', near)
    ] == [
        "三十日",
        "十四日",
        "間近",
    ]
    assert "（期限まで3日以内）" in near
    wrong = caseworker.get("/applications?within=abc")
    assert wrong.status_code == 422
    assert "半角数字で入力してください" in wrong.text
    assert 'value="abc"' in wrong.text

    supervisor = as_staff("sv-01")
    dashboard = supervisor.get("/dashboard").text
    summary = re.search(r'<section class="card pending-summary".*?</section>', dashboard, re.S)
    assert summary
    assert "処理中の申請（5件）" in summary.group(0)
    assert re.search(r"30日経過</span> <strong>1</strong>件", summary.group(0))
    assert re.search(r"14日経過</span> <strong>1</strong>件", summary.group(0))
    assert re.search(r"期限間近</span> <strong>1</strong>件", summary.group(0))
    assert 'href="/applications"' in summary.group(0)


def test_the_late_decision_needs_the_extension_reason_before_approval(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, _ = register(caseworker, received_on="2023-09-01")
    decision_id = draft_start(caseworker, database, application_id)
    supervisor = as_staff("sv-01")
    late = post(
        supervisor,
        f"/decisions/{decision_id}",
        f"/decisions/{decision_id}/approval",
        {"version": "1"},
    )
    assert late.status_code == 422
    assert "延長の理由（通知書に記載する）の記録が必要です" in late.text
    assert "生活保護法第24条第5項" in late.text
    assert table(database, "decisions")[decision_id].status is DecisionStatus.DRAFT


# ------------------------------------------------------------------ guardrails


def test_posts_without_a_csrf_token_are_refused_and_store_nothing(as_staff, database):
    caseworker = as_staff("cw-01")
    response = caseworker.post("/consultations", data=consultation_form(True))
    assert response.status_code == 403
    assert "確認用のトークンがありません" in response.text
    assert not table(database, "consultations")
    wrong = caseworker.post("/applications", data={**application_form(), CSRF_FIELD: "0" * 64})
    assert wrong.status_code == 403
    assert "トークンが正しくありません" in wrong.text
    assert not table(database, "applications")


def test_outsourced_staff_cannot_record_an_intake(as_staff, database):
    outsourced = as_staff("out-01")
    page = outsourced.get("/consultations/new").text
    response = outsourced.post(
        "/consultations", data={CSRF_FIELD: csrf(page), **consultation_form(False)}
    )
    assert response.status_code == 403
    assert "「相談・申請の受付と調査の記録」は" in response.text
    assert 'href="/consultations/new"' not in page  # the menu does not offer it
    assert not table(database, "consultations")


def test_a_consultation_without_a_wish_can_end_with_advice(as_staff, database):
    caseworker = as_staff("cw-01")
    missing = post(
        caseworker,
        "/consultations/new",
        "/consultations",
        consultation_form(True, wishes_to_apply="", situation=""),
    )
    assert missing.status_code == 422
    assert 'id="wishes_to_apply-error"' in missing.text
    assert 'id="situation-error">入力してください<' in missing.text
    assert "保護の制度と申請の手続、申請は権利であることを説明した</textarea>" in missing.text
    response = post(caseworker, "/consultations/new", "/consultations", consultation_form(False))
    consultation_id = location_id(response, "consultations")
    path = f"/consultations/{consultation_id}"
    closed = post(
        caseworker,
        path,
        f"{path}/closing",
        {"version": "1", "outcome": "referred_to_other_measures"},
    )
    assert closed.status_code == 303
    page = caseworker.get(closed.headers["location"]).text
    assert "相談を終結しました" in page
    assert "他法他施策の案内" in page
    assert f"{path}/closing" not in page


def test_the_consultation_form_records_the_wish_and_the_application_form(as_staff, database):
    caseworker = as_staff("cw-01")
    new = caseworker.get("/consultations/new").text
    assert 'name="interviewer_id"' in new
    assert 'value="cw-01"' in new
    unconfirmed = post(
        caseworker,
        "/consultations/new",
        "/consultations",
        consultation_form(False, wishes_to_apply="unconfirmed"),
    )
    assert unconfirmed.status_code == 422
    assert "確認できない事情を記録してください" in unconfirmed.text
    wished = consultation_form(
        True,
        contact="090-0000-0001",
        wish_expressed_on="2023-09-18",
        application_form="not_handed",
        form_not_handed_reason="口頭で申請を受け付け、職員が代筆した",
    )
    response = post(caseworker, "/consultations/new", "/consultations", wished)
    consultation_id = location_id(response, "consultations")
    page = caseworker.get(f"/consultations/{consultation_id}").text
    assert "090-0000-0001" in page
    assert "口頭で申請を受け付け、職員が代筆した" in page
    stored = table(database, "consultations")[consultation_id]
    assert stored.wish_expressed_on == date(2023, 9, 18)
    # The application taken from it is received on the day the wish was shown.
    form = caseworker.get(f"/applications/new?consultation={consultation_id}").text
    assert 'value="2023-09-18"' in form
    assert 'name="received_on_change_reason"' in form


def test_an_oral_application_is_registered_as_an_application(as_staff, database):
    caseworker = as_staff("cw-01")
    response = post(
        caseworker,
        "/applications/new",
        "/applications",
        application_form(channel="oral", place="visit"),
    )
    application_id = location_id(response, "applications")
    stored = table(database, "applications")[application_id]
    assert (stored.channel.label, stored.place.label) == ("口頭", "訪問先（入院先等）")
    page = caseworker.get(f"/applications/{application_id}").text
    assert "口頭（訪問先（入院先等））" in page


def test_the_supervisor_sees_an_application_past_30_days_as_an_alert(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, _ = register(caseworker, received_on="2023-08-15")  # limit 2023-09-14
    listed = caseworker.get("/applications").text
    assert "あなたへの通知" not in listed
    assert "査察指導員 sv-01" in listed
    page = as_staff("sv-01").get("/applications").text
    assert "あなたへの通知（1件）" in page
    assert f'href="/applications/{application_id}">{HEAD}</a>: 30日経過' in page


def test_the_supervisor_confirms_a_withdrawal(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, _ = register(caseworker)
    path = f"/applications/{application_id}"
    document = {
        "version": "1",
        "document_received_on": TODAY,
        "signed_by_applicant": "yes",
        "circumstances": "就職が決まった",
    }
    post(caseworker, path, f"{path}/withdrawal", document)
    assert "査察指導員の確認待ちです" in caseworker.get(path).text
    supervisor = as_staff("sv-01")
    assert "査察指導員の確認待ち（1件）" in supervisor.get("/applications").text
    done = post(supervisor, path, f"{path}/withdrawal-review", {"version": "2"})
    assert done.status_code == 303
    assert "申請の取下げを確認しました" in supervisor.get(done.headers["location"]).text
    assert table(database, "applications")[application_id].withdrawal.reviewed_by == "sv-01"
    assert "査察指導員の確認待ち" not in supervisor.get("/applications").text


def test_the_application_page_shows_the_investigations(as_staff, database):
    caseworker = as_staff("cw-01")
    application_id, case_id = register(caseworker)
    path = f"/applications/{application_id}"
    assert "扶養義務者の記録はありません。" in caseworker.get(path).text

    investigations = InvestigationService(database.unit_of_work, lambda: NOW, Calculator())
    household = table(database, "cases")[case_id].household_id
    head = table(database, "households")[household].head
    obligor = investigations.register_obligor(
        "cw-01",
        application_id,
        SupportObligorDraft(name="鈴木 花子", relationship="姉", support_prospect="精神的支援のみ"),
    )
    investigations.record_applicant_view(
        "cw-01",
        obligor.obligor.id,
        ApplicantViewRequest(
            version=obligor.version, wish=ApplicantWish.DECLINES, statement="20年以上音信不通"
        ),
    )
    investigations.skip_inquiry(
        "cw-01",
        obligor.obligor.id,
        SupportInquirySkipRequest(version=2, reason_code="long_estrangement"),
    )
    investigations.record_asset_inquiry(
        "cw-01",
        application_id,
        AssetInquiryDraft(
            member_id=head.id,
            institution_name="中野信用金庫 本店",
            sent_on=date(2023, 9, 4),
            matters="預金の有無と残高",
        ),
    )
    investigations.record_work_capacity(
        "cw-01",
        application_id,
        WorkCapacityDraft(member_id=head.id, has_capacity=False, capacity_basis="主治医意見書"),
    )
    investigations.record_other_measures(
        "cw-01",
        application_id,
        OtherMeasureChecksRequest(
            items=[
                OtherMeasureCheck(
                    member_id=head.id,
                    measure=OtherMeasure.EMPLOYMENT_INSURANCE,
                    result=MeasureCheckResult.UNCONFIRMED,
                )
            ]
        ),
    )

    page = caseworker.get(path).text
    assert "扶養義務者と扶養照会（1人）" in page
    assert "照会を望まない" in page
    assert "20年以上音信不通" in page
    assert "長期間の音信不通" in page
    assert "中野信用金庫 本店" in page
    assert "回答なし" in page
    assert "主治医意見書" in page
    assert "雇用保険" in page
    assert "未確認" in page
    assert head.name in page
    reads = [e for e in database.audit if e.record_type == "investigation_summary"]
    assert reads
    assert reads[-1].actor_id == "cw-01"


def test_a_wish_to_apply_is_given_up_only_after_the_supervisor_confirms(as_staff, database):
    caseworker, supervisor = as_staff("cw-01"), as_staff("sv-01")
    response = post(caseworker, "/consultations/new", "/consultations", consultation_form(True))
    consultation_id = location_id(response, "consultations")
    path = f"/consultations/{consultation_id}"
    page = caseworker.get(path).text
    assert "申請の意思の変化" in page
    assert f"{path}/wish-changes/confirmation" not in page  # nothing to confirm yet

    # Giving up the wish without a confirmed change of mind: both rules, nothing stored
    refused = post(caseworker, path, f"{path}/wish", {"version": "1", "wishes_to_apply": "no"})
    assert refused.status_code == 422
    assert "本人の意思の変化を示す記録が必要です" in refused.text
    assert "査察指導員の確認が必要です" in refused.text
    assert table(database, "consultations")[consultation_id].wishes_to_apply.value == "yes"

    account = "9月2日 本人から電話。親族の援助が決まり申請しないとのこと"
    recorded = post(caseworker, path, f"{path}/wish-changes", {"version": "1", "account": account})
    assert recorded.status_code == 303
    page = caseworker.get(recorded.headers["location"]).text
    assert account in page
    assert "未確認" in page
    assert f"{path}/wish-changes/confirmation" not in page  # the recorder cannot confirm

    confirm_page = supervisor.get(path).text
    assert f"{path}/wish-changes/confirmation" in confirm_page
    confirmed = post(supervisor, path, f"{path}/wish-changes/confirmation", {"version": "2"})
    assert confirmed.status_code == 303
    stored = table(database, "consultations")[consultation_id]
    assert stored.wish_changes[0].confirmed_by == "sv-01"

    amended = post(caseworker, path, f"{path}/wish", {"version": "3", "wishes_to_apply": "no"})
    assert amended.status_code == 303
    assert "申請の意思を改めました" in caseworker.get(amended.headers["location"]).text
    closed = post(caseworker, path, f"{path}/closing", {"version": "4", "outcome": "advice_only"})
    assert closed.status_code == 303
    assert table(database, "consultations")[consultation_id].outcome.value == "advice_only"


def test_a_request_for_review_is_registered_listed_and_ruled(as_staff, database):
    caseworker, outsourced = as_staff("cw-01"), as_staff("out-01")
    case_page = caseworker.get("/cases/case-00003").text
    assert 'href="/cases/case-00003/review-requests/new"' in case_page
    form_page = caseworker.get("/cases/case-00003/review-requests/new").text
    assert 'value="dec-00003"' in form_page

    new = "/cases/case-00003/review-requests/new"
    data = {
        "decision_id": "dec-00003",
        "requested_on": "2023-08-01",
        "reviewing_authority": "中野区長",
        "consults_board": "no",
    }
    refused = post(caseworker, new, "/cases/case-00003/review-requests", data)
    assert refused.status_code == 422
    assert "決定日" in refused.text  # requested before the decision of 2023-08-12
    assert "東京都知事" in refused.text  # the governor reviews (法64条)
    assert "中野区長" in refused.text  # what was typed is kept
    assert table(database, "review_requests") == {}

    data |= {"requested_on": "2023-08-21", "reviewing_authority": "東京都知事"}
    registered = post(caseworker, new, "/cases/case-00003/review-requests", data)
    assert registered.status_code == 303
    listing = caseworker.get(registered.headers["location"]).text
    assert "審査請求を登録しました" in listing
    (review,) = table(database, "review_requests").values()
    assert review.ruling_due_on.isoformat() == "2023-10-10"
    assert "令和5年10月10日" in listing
    assert f"/review-requests/{review.id}/ruling" in listing
    assert f"/review-requests/{review.id}/ruling" not in outsourced.get("/review-requests").text

    ruling = {"version": "1", "ruled_on": "2023-09-15", "ruling": "dismissed"}
    missing = post(caseworker, "/review-requests", f"/review-requests/{review.id}/ruling", ruling)
    assert missing.status_code == 422  # 再審査請求 not answered
    ruled = post(
        caseworker,
        "/review-requests",
        f"/review-requests/{review.id}/ruling",
        ruling | {"further_review": "yes"},
    )
    assert ruled.status_code == 303
    listing = caseworker.get(ruled.headers["location"]).text
    assert "棄却" in listing
    assert "再審査請求あり" in listing
    assert table(database, "review_requests")[review.id].ruling.value == "dismissed"


def test_a_suspension_is_drafted_with_what_is_still_paid_submitted_and_approved_in_stages(
    as_staff, database
):
    caseworker = as_staff("cw-01")
    case_id = first_case_of(database, "cw-01")
    path = f"/cases/{case_id}/decisions/new?kind=suspension"
    data = {
        "kind": "suspension",
        "effective_on": "2023-10-01",
        "reasons": "臨時の収入により一時的に保護を要しないため",
    }
    form = caseworker.get(path)
    assert "停止の間も支給する扶助別の額" in form.text
    missing = post(caseworker, path, f"/cases/{case_id}/decisions", data)
    assert missing.status_code == 422
    assert "停止の間に支給する額を入力してください（支給しなければ0）" in missing.text
    zeros = {f"amt_{kind}": "0" for kind in ("living", "education", "housing", "medical")}
    zeros |= {f"amt_{kind}": "0" for kind in ("care", "childbirth", "occupational", "funeral")}
    done = post(caseworker, path, f"/cases/{case_id}/decisions", {**data, **zeros})
    assert done.status_code == 303
    decision_path = done.headers["location"].split("?")[0]
    decision_id = decision_path.rsplit("/", 1)[1]
    page = caseworker.get(decision_path).text
    assert "決裁に回す" in page
    submitted = post(
        caseworker,
        decision_path,
        f"/decisions/{decision_id}/submission",
        {"version": str(version_of(database, "decisions", decision_id))},
    )
    assert submitted.status_code == 303
    assert table(database, "decisions")[decision_id].status is DecisionStatus.SUBMITTED
    supervisor = as_staff("sv-01")
    approved = post(
        supervisor,
        decision_path,
        f"/decisions/{decision_id}/approval",
        {"version": str(version_of(database, "decisions", decision_id))},
    )
    assert approved.status_code == 303
    shown = supervisor.get(decision_path).text
    assert "決裁の記録" in shown
    assert "最終決裁" in shown
    assert table(database, "cases")[case_id].status is CaseStatus.SUSPENDED


def test_a_document_submitted_online_waits_on_the_queue_until_confirmed(as_staff, database):
    from seikatsu_std.services.submission_models import OnlineSubmission
    from seikatsu_std.services.submissions import SubmissionService

    with database.unit_of_work() as uow:
        case = uow.cases.get("case-00003").record
        head = uow.households.get(case.household_id).record.head
    service = SubmissionService(database.unit_of_work, lambda: NOW, Calculator())
    sent = OnlineSubmission.model_validate(
        {
            "submitted_by": head.id,
            "kind": "income_declaration",
            "file_name": "収入申告書_2023-08.pdf",
            "media_type": "application/pdf",
            "content": "JVBERi0xLjQgc3ludGhldGlj",
            "submitted_at": "2023-09-05T21:00:00+09:00",
        }
    )
    view = service.submit("cw-01", "case-00003", sent)
    document_id = view.submission.id

    caseworker, other = (
        as_staff(case.caseworker_id),
        as_staff("cw-02" if case.caseworker_id != "cw-02" else "cw-03"),
    )
    assert "確認待ちの提出書類（1件）" in caseworker.get("/dashboard").text
    queue = caseworker.get("/submissions").text
    assert "収入申告書_2023-08.pdf" in queue
    assert head.name in queue
    assert "紙の提出と同じ" in queue
    assert "令和5年9月5日 21:00" in queue
    assert f"/online-submissions/{document_id}/confirmation" in queue
    assert "収入申告書_2023-08.pdf" not in other.get("/submissions").text

    action = f"/online-submissions/{document_id}/confirmation"
    stale = post(caseworker, "/submissions", action, {"version": "2"})
    assert stale.status_code == 409
    confirmed = post(caseworker, "/submissions", action, {"version": "1"})
    assert confirmed.status_code == 303
    assert "確認済にしました" in caseworker.get(confirmed.headers["location"]).text
    stored = table(database, "submitted_documents")[document_id]
    assert (stored.review.value, stored.reviewed_by) == ("confirmed", case.caseworker_id)
    again = post(as_staff("sv-01"), "/dashboard", action, {"version": "2"})
    assert again.status_code == 409
    assert "確認済です" in again.text


def test_a_transfer_is_registered_from_the_case_and_handed_over(as_staff, database):
    caseworker, outsourced = as_staff("cw-01"), as_staff("out-01")
    new = "/cases/case-00007/transfers/new"
    assert f'href="{new}"' in caseworker.get("/cases/case-00007").text
    assert f'href="{new}"' not in outsourced.get("/cases/case-00007").text

    data = {
        "transferred_on": "2023-09-30",
        "destination_code": "131148",
        "handover_notes": "通院中",
    }
    refused = post(caseworker, new, "/cases/case-00007/transfers", data)
    assert refused.status_code == 422
    assert "他の実施機関の区域" in refused.text  # 131148 is the office's own 中野区
    assert "通院中" in refused.text  # what was typed is kept
    missing = post(caseworker, new, "/cases/case-00007/transfers", data | {"destination_code": ""})
    assert missing.status_code == 422
    assert "全国地方公共団体コードは必須" in missing.text
    assert table(database, "transfers") == {}

    registered = post(
        caseworker, new, "/cases/case-00007/transfers", data | {"destination_code": "131156"}
    )
    assert registered.status_code == 303
    (transfer,) = table(database, "transfers").values()
    summary = caseworker.get(registered.headers["location"]).text
    assert "移管を登録しました" in summary
    assert "claim.jsonl" in summary
    assert "assistance_policy.jsonl" in summary
    saved = caseworker.get(f"/transfers/{transfer.id}/handover.json")
    assert saved.status_code == 200
    assert "attachment" in saved.headers["content-disposition"]
    assert saved.json()["destination_code"] == "131156"
    assert outsourced.get(f"/transfers/{transfer.id}/handover").status_code == 403
    reads = [e for e in database.audit if e.record_type == "transfer_handover"]
    assert [(e.action, e.purpose) for e in reads] == [
        (AuditAction.READ, AccessPurpose.TRANSFER),
        (AuditAction.READ, AccessPurpose.TRANSFER),
        (AuditAction.DENIED, None),
    ]


def test_the_chief_sets_two_approval_stages_and_a_caseworker_only_reads_them(as_staff, database):
    caseworker = as_staff("cw-01")
    read = caseworker.get("/office/settings")
    assert read.status_code == 200
    assert "査察指導員または課長（所長）" in read.text
    assert "設定の変更は課長（所長）が行います" in read.text
    refused = post(caseworker, "/office/settings", "/office/settings", {"stage0": "supervisor"})
    assert refused.status_code == 403
    chief = as_staff("chief-01")
    items = ["decision", "amounts", "reasons", "review_instruction", "court_instruction"]
    gap = post(
        chief,
        "/office/settings",
        "/office/settings",
        {"stage0": "supervisor", "stage2": "section_chief", "notice_items": items},
    )
    assert gap.status_code == 422
    assert "段階を飛ばさずに" in gap.text
    done = post(
        chief,
        "/office/settings",
        "/office/settings",
        {"stage0": "supervisor", "stage1": "section_chief", "notice_items": items},
    )
    assert done.status_code == 303
    stages = table(database, "offices")["office-nakano"].settings.approval_stages
    assert [stage.label() for stage in stages] == ["査察指導員", "課長（所長）"]
    shown = chief.get("/office/settings").text
    assert "（通知書に必須）" in shown
    assert "担当者" in shown
