"""Decision notices: every kind renders to HTML and PDF with the printed facts; refusals.

PDF text is extracted with pypdf (not read from our own layout objects), so a
notice whose PDF does not carry the text — wrong font encoding, missing
section — fails here.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from markupsafe import escape
from pydantic import BaseModel, ValidationError

from seikatsu_std.formats.wareki import format_wareki
from seikatsu_std.model import Decision
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import DecisionStatus
from seikatsu_std.model.intake import Application
from seikatsu_std.notices import (
    DecisionNotice,
    NoticeError,
    NoticePdfError,
    build_decision_notice,
    render_notice_html,
    render_notice_pdf,
)
from seikatsu_std.notices.parameters import APPEAL_TABLE, COURT_TABLE, DEADLINE_TABLE
from seikatsu_std.standards import Standards, load_standards
from tests.notices.records import (
    DUE,
    RECEIVED,
    application,
    decision,
    demo_records,
    pdf_text,
    squeeze,
)

KINDS = ["start", "rejection", "change", "suspension", "termination"]
TITLES = {
    "start": "保護開始決定通知書",
    "rejection": "保護申請却下通知書",
    "change": "保護変更決定通知書",
    "suspension": "保護停止決定通知書",
    "termination": "保護廃止決定通知書",
}
NOTICE_NUMBER = "中福保第1234号"
#: Medical and long-term-care assistance are given in kind (paid to providers), the rest in cash.
IN_KIND_KINDS = (AssistanceKind.MEDICAL, AssistanceKind.CARE)
IN_KIND_TEXT = "現物給付（見込額）"
CASH_TEXT = "金銭給付"


@pytest.fixture(scope="module")
def standards() -> Standards:
    return load_standards(use_environment=False)


def build(
    standards: Standards,
    the_decision: Decision,
    *,
    the_application: Application | str | None = "default",
    notice_date: date | None = None,
    **extra: Any,
) -> DecisionNotice:
    """A notice of ``the_decision`` on the demo records (its application unless given)."""
    records = demo_records()
    if the_application == "default":
        the_application = application() if the_decision.application_id else None
    assert not isinstance(the_application, str)
    arguments: dict[str, Any] = {
        "office": records.office,
        "case": records.case,
        "household": records.household,
        "decision": the_decision,
        "application": the_application,
        "notice_date": notice_date or the_decision.notified_on or the_decision.decided_on,
        "notice_number": NOTICE_NUMBER,
        "standards": standards,
    }
    return build_decision_notice(**(arguments | extra))


def decision_of(kind: str) -> Decision:
    """The decision of ``kind`` used for rendering (the demo's own one for change)."""
    return demo_records().change if kind == "change" else decision(kind)


# ------------------------------------------------------------------ every kind renders


@pytest.fixture(scope="module", params=KINDS)
def rendered(request: pytest.FixtureRequest, standards: Standards) -> dict[str, Any]:
    kind = request.param
    the_decision = decision_of(kind)
    records = demo_records()
    notice = build(
        standards,
        the_decision,
        calculation=records.calculation if the_decision.calculation_id else None,
        caseworker=records.caseworker,
    )
    pdf = render_notice_pdf(notice)
    return {
        "kind": kind,
        "decision": the_decision,
        "notice": notice,
        "html": render_notice_html(notice),
        "pdf": pdf,
        "pdf_text": pdf_text(pdf),
    }


def expected_texts(kind: str, the_decision: Decision) -> list[str]:
    """What every rendering of this notice must show."""
    records = demo_records()
    assert the_decision.decided_on is not None
    notice_date = the_decision.notified_on or the_decision.decided_on
    texts = [
        TITLES[kind],
        NOTICE_NUMBER,
        format_wareki(notice_date),
        format_wareki(the_decision.decided_on),
        records.household.head.name + "様",
        records.household.address.street,
        records.office.name,
        records.office.address.street,
        records.case.case_number,
        *the_decision.reasons,
        # the appeal instructions, with the periods of the shipped table
        "決定があったことを知った日の翌日から起算して3か月以内に、東京都知事に対して審査請求をすることができます",
        "この決定の日の翌日から起算して1年を経過すると、審査請求をすることができなくなります",
        "生活保護法第64条",
        "行政不服審査法第18条第1項",
        "行政不服審査法第18条第2項",
        # the court-challenge instructions (行政事件訴訟法46条): review first, defendant, periods
        "審査請求に対する裁決を経た後でなければ提起することができません",
        "中野区を被告として（訴訟において中野区を代表する者は中野区長となります）",
        "裁決があったことを知った日から6か月以内に提起することができます",
        "裁決の日から1年を経過すると、訴訟を提起することができなくなります",
        "生活保護法第69条",
        "行政事件訴訟法第14条第1項",
        "担当" + records.caseworker.name,
    ]
    if the_decision.application_id:
        texts.append(format_wareki(RECEIVED))
    if kind != "rejection":
        texts.append(format_wareki(the_decision.effective_on))
    if the_decision.amounts is not None:
        amounts = the_decision.amounts
        cash = amounts.total() - amounts.medical - amounts.care
        texts += [
            f"{kind_.label}{IN_KIND_TEXT if kind_ in IN_KIND_KINDS else CASH_TEXT}"
            f"{amounts.amount(kind_):,}円"
            for kind_ in AssistanceKind
        ]
        texts += [
            f"金銭給付の合計{cash:,}円",
            f"現物給付の見込額の合計{amounts.medical + amounts.care:,}円",
        ]
    if kind in ("start", "change"):
        texts.append(f"本人支払額（医療・介護の費用に充てる額）{the_decision.own_payment:,}円")
        texts.append(f"最低生活費（月額）{the_decision.minimum_living_cost:,}円")
        texts.append(f"収入充当額（月額）{the_decision.recognised_income:,}円")
    if kind == "suspension":
        texts.append("保護の種類・程度・方法（停止の間の月額）")
    if kind == "rejection":
        texts += ["却下の理由の区分", "収入が最低生活費を上回る", "最低生活費（月額）144,400円"]
        texts.append("収入充当額（月額）152,000円")
    if kind == "termination":
        assert the_decision.withdrawal is not None
        texts += ["辞退届の受領日", format_wareki(the_decision.withdrawal.received_on), "辞退"]
    return [squeeze(t) for t in texts]


def test_the_pdf_text_carries_every_printed_fact(rendered: dict[str, Any]) -> None:
    text = rendered["pdf_text"]
    missing = [t for t in expected_texts(rendered["kind"], rendered["decision"]) if t not in text]
    assert missing == []


def test_the_html_carries_every_printed_fact(rendered: dict[str, Any]) -> None:
    # Compare against the page's text: tags removed, entities decoded.
    text = squeeze(html.unescape(re.sub(r"<[^>]+>", "", rendered["html"])))
    missing = [t for t in expected_texts(rendered["kind"], rendered["decision"]) if t not in text]
    assert missing == []
    assert rendered["html"].startswith("<!DOCTYPE html>")
    assert '<html lang="ja">' in rendered["html"]


def test_the_pdf_is_a4_with_japanese_metadata(rendered: dict[str, Any]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered["pdf"]))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata is not None
    assert reader.metadata.title == TITLES[rendered["kind"]]
    notice: DecisionNotice = rendered["notice"]
    assert reader.metadata["/CreationDate"].startswith(f"D:{notice.notice_date:%Y%m%d}")


def test_amounts_appear_only_on_start_change_and_suspension(rendered: dict[str, Any]) -> None:
    shown = squeeze("保護の種類・程度・方法") in rendered["pdf_text"]
    assert shown == (rendered["kind"] in ("start", "change", "suspension"))


def test_the_breakdown_of_the_minimum_cost_comes_from_the_calculation(
    rendered: dict[str, Any],
) -> None:
    notice: DecisionNotice = rendered["notice"]
    if rendered["kind"] not in ("start", "change"):
        assert notice.living_cost_breakdown is None
        return
    needs = demo_records().calculation.needs
    text = rendered["pdf_text"]
    assert squeeze("最低生活費の内訳（令和5年9月分の計算）") in text
    for kind in AssistanceKind:
        if needs.amount(kind):
            assert f"{kind.label}{needs.amount(kind):,}円" in text


def test_the_same_notice_gives_the_same_pdf(rendered: dict[str, Any]) -> None:
    assert render_notice_pdf(rendered["notice"]) == rendered["pdf"]


# ------------------------------------------------------------------ the extension reason

EXTENSION_REASON = "扶養義務者の資産及び収入の状況の調査に日時を要したため。"


def test_the_extension_reason_is_printed_when_the_notice_is_late(standards: Standards) -> None:
    late = DUE + timedelta(days=1)
    notice = build(standards, decision("start", late, deadline_extension_reason=EXTENSION_REASON))
    assert notice.deadline_extension is not None
    assert notice.deadline_extension.due_on == DUE
    pdf = pdf_text(render_notice_pdf(notice))
    page = render_notice_html(notice)
    for text in (
        EXTENSION_REASON,
        "申請のあった日から14日を超えて通知する理由",
        f"申請のあった日（{format_wareki(RECEIVED)}）から14日を超えて行うものです",
        "生活保護法第24条第5項",
    ):
        assert squeeze(text) in pdf
        assert text in page


def test_the_extension_reason_is_not_printed_when_the_notice_is_on_time(
    standards: Standards,
) -> None:
    # Recorded, but the notice is on the last day of the deadline: not required, not printed.
    notice = build(standards, decision("start", DUE, deadline_extension_reason=EXTENSION_REASON))
    assert notice.deadline_extension is None
    assert squeeze(EXTENSION_REASON) not in pdf_text(render_notice_pdf(notice))
    assert EXTENSION_REASON not in render_notice_html(notice)
    assert "14日を超えて" not in render_notice_html(notice)


def test_a_decision_on_time_but_notified_late_needs_the_reason(standards: Standards) -> None:
    # 法24条5項 sets the deadline for the notice, not only for the decision.
    with pytest.raises(NoticeError, match="deadline_extension_reason"):
        build(standards, decision("start", DUE), notice_date=DUE + timedelta(days=1))


def test_change_applications_keep_the_same_deadline(standards: Standards) -> None:
    records = demo_records()
    change_application = application(kind="change", case_id=records.case.id)
    late = decision("change", DUE + timedelta(days=3), application_id="app-notice-1")
    with pytest.raises(NoticeError, match="deadline_extension_reason"):
        build(standards, late, the_application=change_application)
    notice = build(
        standards,
        late.model_copy(update={"deadline_extension_reason": EXTENSION_REASON}),
        the_application=change_application,
    )
    assert EXTENSION_REASON in render_notice_html(notice)
    assert "申請のあった保護の変更について" in notice.lead


def test_ex_officio_decisions_have_no_deadline(standards: Standards) -> None:
    late = decision("suspension", RECEIVED + timedelta(days=60))
    notice = build(standards, late)
    assert notice.deadline_extension is None
    assert notice.application_received_on is None


# ------------------------------------------------------------------ the periods come from the tables


def _overlay(
    standards: Standards, tmp_path: Path, table: str, day: date, column: str, value: int
) -> Standards:
    """The shipped standards with one cell of the edition in force on ``day`` replaced."""
    edition = standards.edition(table, day)
    position = [c.name for c in standards.spec(table).columns].index(column)
    data = edition.model_dump(mode="json", exclude_none=True)
    data["rows"][0]["values"][position] = value
    folder = tmp_path / table
    folder.mkdir()
    (folder / f"{edition.valid_from.isoformat()}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    return load_standards([tmp_path], use_environment=False)


def test_the_appeal_periods_are_read_from_the_table(standards: Standards, tmp_path: Path) -> None:
    day = date(2023, 9, 8)
    changed = _overlay(standards, tmp_path, APPEAL_TABLE, day, "months_after_learning", 6)
    notice = build(changed, decision("start", day))
    text = pdf_text(render_notice_pdf(notice))
    assert squeeze("起算して6か月以内に、東京都知事に対して審査請求") in text
    assert "3か月" not in text
    assert notice.appeal.months_after_learning == 6
    assert f"{APPEAL_TABLE}@2016-04-01" in notice.parameter_editions


def test_the_court_challenge_periods_are_read_from_the_table(
    standards: Standards, tmp_path: Path
) -> None:
    day = date(2023, 9, 8)
    changed = _overlay(standards, tmp_path, COURT_TABLE, day, "months_after_learning", 9)
    notice = build(changed, decision("start", day))
    text = pdf_text(render_notice_pdf(notice))
    assert squeeze("裁決があったことを知った日から9か月以内に提起") in text
    assert "6か月" not in text
    assert notice.appeal.lawsuit_months_after_learning == 9
    assert f"{COURT_TABLE}@2016-04-01" in notice.parameter_editions


def test_the_defendant_is_the_local_government_that_runs_the_office(standards: Standards) -> None:
    records = demo_records()
    ward = records.office.model_copy(update={"local_government_code": "141097"})
    notice = build(standards, decision("start"), office=ward)
    assert notice.appeal.lawsuit_defendant == "横浜市"  # a ward office: the city is sued
    prefectural = records.office.model_copy(update={"local_government_code": "130001"})
    assert build(standards, decision("start"), office=prefectural).appeal.lawsuit_defendant == (
        "東京都"
    )
    unknown = records.office.model_copy(update={"local_government_code": "139998"})
    with pytest.raises(NoticeError, match="139998"):
        build(standards, decision("start"), office=unknown)


def test_the_notice_deadline_is_read_from_the_table(standards: Standards, tmp_path: Path) -> None:
    changed = _overlay(standards, tmp_path, DEADLINE_TABLE, RECEIVED, "notice_days", 20)
    late_for_14 = decision("start", DUE + timedelta(days=3))
    with pytest.raises(NoticeError):
        build(standards, late_for_14)
    notice = build(changed, late_for_14)
    assert notice.deadline_extension is None
    edition = standards.edition(DEADLINE_TABLE, RECEIVED).edition_id
    assert edition in notice.parameter_editions


def test_a_decision_before_the_appeal_table_starts_is_refused(standards: Standards) -> None:
    old = decision("suspension", date(2015, 3, 1), effective_on="2015-03-01")
    with pytest.raises(NoticeError, match="notice periods unavailable"):
        build(standards, old)


# ------------------------------------------------------------------ refusals


def test_a_decision_not_approved_is_refused(standards: Standards) -> None:
    approved = decision("start").model_dump()
    draft = Decision.model_validate(
        approved
        | {
            "status": "draft",
            "decided_on": None,
            "approved_by": None,
            "approved_on": None,
            "approvals": [],
        }
    )
    with pytest.raises(NoticeError, match=r"決裁されていない.*\(decision not approved\)"):
        build(standards, draft, notice_date=date(2023, 9, 8))
    # A record read back without validation: still a draft, whatever dates it carries.
    unvalidated = decision("start").model_copy(update={"status": DecisionStatus.DRAFT})
    with pytest.raises(NoticeError, match=r"\(decision not approved\)"):
        build(standards, unvalidated)


@pytest.mark.parametrize("kind", ["start", "change"])
def test_start_and_change_without_amounts_are_refused(standards: Standards, kind: str) -> None:
    # The model refuses such a record; one read from storage without validation is caught here.
    without = decision(kind).model_copy(update={"amounts": None})
    with pytest.raises(NoticeError, match=r"扶助別の額がありません.*without its amounts"):
        build(standards, without)


@pytest.mark.parametrize("reasons", [[], ["   "], ["", "\n"]])
def test_a_rejection_without_reasons_is_refused(standards: Standards, reasons: list[str]) -> None:
    without = decision("rejection").model_copy(update={"reasons": reasons})
    with pytest.raises(NoticeError, match=r"却下の理由がありません.*rejection without reasons"):
        build(standards, without)


def test_a_late_decision_without_the_extension_reason_is_refused(standards: Standards) -> None:
    late = decision("rejection", DUE + timedelta(days=1))
    with pytest.raises(
        NoticeError, match=r"14日を超えて通知するのに、その理由が決定に記録されていません"
    ):
        build(standards, late)


def test_a_withdrawal_without_the_declaration_is_refused(standards: Standards) -> None:
    without = decision("termination").model_copy(update={"withdrawal": None})
    with pytest.raises(NoticeError, match=r"辞退.*without the withdrawal declaration"):
        build(standards, without)


def test_a_decision_dated_before_the_application_is_refused(standards: Standards) -> None:
    with pytest.raises(NoticeError, match=r"決定日.*が申請日.*より前です.*before the application"):
        build(standards, decision("start"), the_application=application(date(2023, 9, 9)))


def test_a_notice_dated_before_the_decision_is_refused(standards: Standards) -> None:
    with pytest.raises(NoticeError, match="notice_date before the decision"):
        build(standards, decision("start"), notice_date=date(2023, 9, 7))


def test_a_notified_decision_keeps_its_notice_date(standards: Standards) -> None:
    notified = demo_records().change
    assert notified.notified_on is not None
    with pytest.raises(NoticeError, match="notified_on"):
        build(standards, notified, notice_date=notified.notified_on + timedelta(days=1))


def test_a_decision_on_an_application_needs_the_application(standards: Standards) -> None:
    with pytest.raises(NoticeError, match="pass it"):
        build(standards, decision("start"), the_application=None)
    with pytest.raises(NoticeError, match=r"application\.id"):
        build(standards, decision("start"), the_application=application(id="app-other"))


def test_records_of_another_case_are_refused(standards: Standards) -> None:
    records = demo_records()
    other_case = records.case.model_copy(update={"household_id": "hh-other"})
    with pytest.raises(NoticeError, match="household"):
        build(standards, decision("start"), case=other_case)
    with pytest.raises(NoticeError, match=r"decision\.case_id"):
        build(standards, decision("start", case_id="case-other"))
    with pytest.raises(NoticeError, match="caseworker"):
        build(
            standards,
            decision("start"),
            caseworker=records.caseworker.model_copy(update={"id": "cw-99"}),
        )


def test_a_blank_notice_number_is_refused(standards: Standards) -> None:
    with pytest.raises(NoticeError, match="notice_number"):
        build(standards, decision("start"), notice_number="  ")


def test_a_calculation_the_decision_does_not_cite_is_refused(standards: Standards) -> None:
    records = demo_records()
    other = records.calculation.model_copy(update={"id": "calc-other"})
    with pytest.raises(NoticeError, match="not the one the decision cites"):
        build(standards, decision("start"), calculation=other)
    differing = records.calculation.model_copy(
        update={"minimum_living_cost": records.calculation.minimum_living_cost + 1}
    )
    with pytest.raises(NoticeError, match="disagree"):
        build(standards, decision("start"), calculation=differing)


# ------------------------------------------------------------------ escaping and characters

SCRIPT = "<script>alert('x')</script> & 1 < 2"


def test_record_text_is_escaped_in_html(standards: Standards) -> None:
    notice = build(standards, decision("rejection", reasons=[SCRIPT]))
    page = render_notice_html(notice)
    assert "<script>" not in page
    assert str(escape(SCRIPT)) in page
    assert SCRIPT in html.unescape(page)


def test_record_text_is_printed_literally_in_pdf(standards: Standards) -> None:
    notice = build(standards, decision("rejection", reasons=[SCRIPT]))
    assert squeeze(SCRIPT) in pdf_text(render_notice_pdf(notice))


def test_characters_the_pdf_fonts_cannot_show_are_refused(standards: Standards) -> None:
    records = demo_records()
    head = records.household.head.model_copy(update={"name": "𠮷田 花子"})
    members = [head if m.id == head.id else m for m in records.household.members]
    household = records.household.model_copy(update={"members": members})
    notice = build(standards, decision("start"), household=household)
    with pytest.raises(NoticePdfError, match=r"U\+20BB7"):
        render_notice_pdf(notice)
    assert "𠮷田 花子 様" in render_notice_html(notice)


# ------------------------------------------------------------------ the record itself


def _models(root: type[BaseModel]) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    todo = [root]
    while todo:
        model = todo.pop()
        if model in found:
            continue
        found.add(model)
        for field in model.model_fields.values():
            for arg in _types(field.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    todo.append(arg)
    return found


def _types(annotation: Any) -> list[Any]:
    from typing import get_args

    args = get_args(annotation)
    return [annotation] if not args else [t for a in args for t in _types(a)]


def test_every_field_of_the_notice_has_a_japanese_title_and_description() -> None:
    japanese = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
    models = _models(DecisionNotice)
    assert len(models) >= 7
    bad = [
        f"{m.__name__}.{name}"
        for m in models
        for name, field in m.model_fields.items()
        if not (field.title and japanese.search(field.title) and field.description)
    ]
    assert bad == []
    assert all(m.model_config.get("frozen") for m in models)


def test_the_notice_record_refuses_amounts_on_a_rejection(standards: Standards) -> None:
    start = build(standards, decision("start"))
    rejection = build(standards, decision("rejection"))
    data = rejection.model_dump() | {"amounts": start.amounts}
    with pytest.raises(ValidationError, match="amounts iff kind is start, change or suspension"):
        DecisionNotice.model_validate(data)


def test_an_application_of_another_kind_is_refused(standards: Standards) -> None:
    records = demo_records()
    change_application = application(kind="change", case_id=records.case.id)
    with pytest.raises(NoticeError, match="application kind does not fit"):
        build(standards, decision("start"), the_application=change_application)
    # A rejection answers either kind of application.
    notice = build(standards, decision("rejection"), the_application=change_application)
    assert "申請のあった保護の変更について" in notice.lead


def test_line_breaks_and_tabs_in_reasons_are_printed(standards: Standards) -> None:
    reasons = ["収入の状況:\r\n年金\t月額152,000円", "資産の状況:\n預金なし"]
    notice = build(standards, decision("rejection", reasons=reasons))
    text = pdf_text(render_notice_pdf(notice))
    assert squeeze("（1）収入の状況:年金月額152,000円（2）資産の状況:預金なし") in text
