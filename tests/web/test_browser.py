"""A caseworker's path through the real app in a real browser.

Debian's chromium (``/usr/bin/chromium``, installed by ``.ci/run``) is driven by
Playwright for Python against uvicorn serving the app over an SQLite file that
holds the demo office (``reference_app.demo.load_demo``). Playwright's own
browser download is never used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from seikatsu_std.formats.wareki import format_wareki

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "browser-test-pass"
#: The instant the app runs at in these tests (inside the demo month, 2023-09).
DEMO_NOW = datetime(2023, 9, 20, 10, 0, tzinfo=timezone(timedelta(hours=9)))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium "
    "(apt-get install -y chromium fonts-noto-cjk; .ci/run does it)",
)


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite file holding the demo office with 40 cases and the demo logins."""
    from reference_app.demo import load_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.db'}"
    load_demo(url, cases=40, password=PASSWORD)
    return url


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[str]:
    """uvicorn serving the app over the demo database."""
    from reference_app.server import running_app

    # The app runs on the demo's day, as the conformance kit's reference target does.
    with running_app(database_url, env={"SEIKATSU_APP_FIXED_NOW": DEMO_NOW.isoformat()}) as app:
        yield app.base_url


@pytest.fixture(scope="module")
def drafted_start(database_url: str) -> dict[str, str]:
    """Through the library's service on the same database: an application received today
    by cw-02 and the start decision cw-02 drafted for it (not yet approved)."""
    from reference_app.db.stores import make_engine, unit_of_work_factory
    from seikatsu_std.calc import Calculator
    from seikatsu_std.services.lifecycle import LifecycleService
    from seikatsu_std.services.models import ApplicationDraft, DecisionDraft

    engine = make_engine(database_url)
    try:
        service = LifecycleService(unit_of_work_factory(engine), lambda: DEMO_NOW, Calculator())
        today = DEMO_NOW.date()
        example = ROOT / "schemas" / "examples" / "household.example.json"
        household = json.loads(example.read_text(encoding="utf-8"))
        household |= {"id": "hh-browser-journey", "as_of": today.isoformat()}
        received = service.receive_application(
            "cw-02",
            ApplicationDraft.model_validate(
                {
                    "kind": "start",
                    "received_on": today.isoformat(),
                    "channel": "written_form",
                    "place": "counter",
                    "applicant_name": "鈴木 由美",
                    "applicant_relationship": "本人",
                    "household": household,
                    "requested_kinds": ["living", "housing", "education"],
                    "reason": "失職により生活に困窮",
                }
            ),
        )
        drafted = service.draft_decision(
            "cw-02",
            DecisionDraft.model_validate(
                {
                    "case_id": received.case_id,
                    "application_id": received.application.id,
                    "kind": "start",
                    "effective_on": today.isoformat(),
                    "reasons": ["収入がなく、最低生活費に満たないため"],
                    "calculation": {
                        "id": "calc-browser-journey",
                        "month": today.strftime("%Y-%m"),
                        "household": household,
                    },
                }
            ),
        )
    finally:
        engine.dispose()
    return {
        "application_id": received.application.id,
        "decision_id": drafted.decision.id,
        "notice_due_on": format_wareki(received.clock.notice_due_on),
        "extended_due_on": format_wareki(received.clock.extended_due_on),
        "limit_iso": (today + timedelta(days=30)).isoformat(),
    }


def test_caseworker_reads_the_explanation_of_a_case(server: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            # A tablet held in landscape.
            page = browser.new_page(viewport={"width": 1180, "height": 820}, locale="ja-JP")
            page.goto(server + "/")
            assert page.url.endswith("/login")
            page.get_by_label("ログインID（職員ID）").fill("cw-01")
            page.get_by_label("パスワード").fill(PASSWORD)
            page.get_by_role("button", name="ログイン").click()

            page.wait_for_url("**/dashboard")
            assert page.get_by_role("heading", name="ダッシュボード").is_visible()
            assert page.locator(".user-name").inner_text() == "山田 太郎"
            own = page.get_by_role("heading", name="担当ケース")
            assert own.is_visible()
            page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)

            first_case = page.locator("table.cases a.row-link").first
            case_number = first_case.inner_text()
            first_case.click()
            page.wait_for_url("**/cases/*")
            assert case_number in page.get_by_role("heading", level=1).inner_text()

            explanation = page.locator("section.calculation")
            explanation.scroll_into_view_if_needed()
            assert explanation.is_visible()
            text = explanation.inner_text()
            assert "生活扶助本体" in text
            assert "生活保護法による保護の基準" in text
            assert re.search(
                r"(昭和|平成|令和)(元|\d+)年\d+月\d+日", page.locator("table.members").inner_text()
            )
            page.screenshot(path=str(SCREENSHOTS / "case-detail.png"), full_page=True)
        finally:
            browser.close()
    assert (SCREENSHOTS / "case-detail.png").stat().st_size > 10_000


def _log_in(page, server: str, staff_id: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/login")
    page.get_by_label("ログインID（職員ID）").fill(staff_id)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/dashboard")


def test_an_application_is_followed_to_an_approved_decision_and_its_notice(
    server: str, drafted_start: dict[str, str], tmp_path: Path
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            # A caseworker on a tablet: the pending list, then the application's deadline.
            context = browser.new_context(
                viewport={"width": 1180, "height": 820}, locale="ja-JP", accept_downloads=True
            )
            page = context.new_page()
            _log_in(page, server, "cw-02")
            summary = page.locator("section.pending-summary")
            assert summary.is_visible()
            assert "処理中の申請（" in summary.inner_text()
            page.get_by_role("navigation", name="主な画面").get_by_role(
                "link", name="処理中の申請"
            ).click()
            page.wait_for_url("**/applications")
            row = page.locator("table.pending tbody tr").filter(has_text="鈴木 由美")
            assert "期限内" in row.inner_text()
            assert "あと14日" in row.inner_text()
            page.screenshot(path=str(SCREENSHOTS / "pending-applications.png"), full_page=True)

            row.get_by_role("link", name="鈴木 由美").click()
            page.wait_for_url(f"**/applications/{drafted_start['application_id']}")
            deadline = page.locator("section.deadline")
            text = deadline.inner_text()
            assert drafted_start["notice_due_on"] in text
            assert drafted_start["extended_due_on"] in text
            assert drafted_start["limit_iso"] in text
            assert "あと14日" in text
            page.screenshot(path=str(SCREENSHOTS / "application-deadline.png"), full_page=True)

            # The drafted decision: a caseworker has no approve button.
            page.get_by_role("link", name="開始の決定", exact=True).click()
            page.wait_for_url(f"**/decisions/{drafted_start['decision_id']}")
            assert page.get_by_role("button", name="決裁する").count() == 0
            assert "査察指導員・課長" in page.locator("#approve-refusal").inner_text()
            page.get_by_role("button", name="ログアウト").click()
            page.wait_for_url("**/login?logged_out=1")

            # The supervisor approves it and downloads the notice.
            _log_in(page, server, "sv-01")
            page.goto(f"{server}/decisions/{drafted_start['decision_id']}")
            explanation = page.locator("section.calculation")
            assert "生活扶助本体" in explanation.inner_text()
            page.get_by_role("button", name="決裁する").click()
            page.wait_for_url("**?done=approved")
            assert "決定を決裁しました" in page.get_by_role("status").inner_text()
            assert "決裁済" in page.get_by_role("heading", level=1).inner_text()
            page.screenshot(path=str(SCREENSHOTS / "decision-approved.png"), full_page=True)

            with page.expect_download() as download_info:
                page.get_by_role("link", name="通知書をダウンロード（PDF）").click()
            download = download_info.value
            assert download.suggested_filename.endswith(".pdf")
            assert "決定通知書" in download.suggested_filename
            saved = tmp_path / "notice.pdf"
            download.save_as(saved)
            assert saved.read_bytes().startswith(b"%PDF")
            context.close()
        finally:
            browser.close()
    assert (SCREENSHOTS / "decision-approved.png").stat().st_size > 10_000
