"""The case-lifecycle pages: consultation, application, pending list, decisions and notices.

Server-rendered Japanese forms over :class:`~seikatsu_std.services.lifecycle.LifecycleService`,
with the same :class:`~reference_app.web.PageRoute` as the case pages (session,
CSRF check of every POST, error pages). What a form sends is validated by the
library's request models; an error is shown next to the field it concerns, a
broken business rule at the top of the form with its legal basis, and the
form keeps what the user typed (4xx). A stale version is a 409 that keeps the
input too. The pages show or hide actions with the authority rules; the
services are what enforce them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, ValidationError

from reference_app.web import (
    CSRF_FIELD,
    JST,
    Actor,
    PageContext,
    PageRoute,
    Pages,
    _may,
    _now,
    _staff_name,
    _wareki,
)
from seikatsu_std.authority import Action, Verdict, authorize
from seikatsu_std.calc.explain import render_html
from seikatsu_std.calc.inputs import IncomeKind
from seikatsu_std.model import DecisionKind, StaffMember
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import (
    PRICED_KINDS,
    DecisionStatus,
    RejectionReason,
    TerminationReason,
)
from seikatsu_std.model.household import (
    CareInsuranceStatus,
    Household,
    HousingTenure,
    Relationship,
    Residence,
    SchoolStatus,
    Sex,
)
from seikatsu_std.model.intake import (
    ApplicationChannel,
    ApplicationKind,
    ApplicationStatus,
    FormHanding,
    ReceptionPlace,
    WishToApply,
)
from seikatsu_std.model.intake import ConsultationOutcome as Outcome
from seikatsu_std.model.investigation import (
    ObligorDegree,
    SupportInquirySkipReason,
    SupportInquiryStatus,
)
from seikatsu_std.model.legal import LegalRef
from seikatsu_std.model.office import StaffRole
from seikatsu_std.notices import NoticeError, render_notice_html, render_notice_pdf
from seikatsu_std.services.audit import AccessPurpose
from seikatsu_std.services.errors import (
    InvalidRequestError,
    RuleViolationError,
    ServiceError,
    TransitionNotAllowedError,
    VersionConflictError,
)
from seikatsu_std.services.models import (
    ApplicationDraft,
    ApplicationView,
    ConsultationClosing,
    ConsultationDraft,
    DecisionDraft,
    ExtensionRequest,
    SupportInquiryDraft,
    VersionOnly,
    WishAmendment,
    WishChangeRecord,
    WithdrawalRequest,
)
from seikatsu_std.workflows.approvals import StageRefusal, next_approval
from seikatsu_std.workflows.clocks import ClockState

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]

#: Rows of the household form: the head and up to six more members.
MEMBER_ROWS = 7
#: Income rows of the decision form.
INCOME_ROWS = 4
_UNDECIDED = (ApplicationStatus.RECEIVED, ApplicationStatus.INVESTIGATING)
#: A decision's statuses in which an approval stage may still approve it.
_IN_APPROVAL = (DecisionStatus.DRAFT, DecisionStatus.SUBMITTED, DecisionStatus.IN_APPROVAL)
#: Violations of a service rule that belong to one field of a form.
_RULE_FIELDS = {
    "receiving_office": "transferred_to",
    "calculable": "month",
    "withdrawal_declaration": "withdrawal",
    "declaration_received_on": "w_received_on",
    "declaration_received_by": "w_received_by",
    "declaration_original_kept_at": "w_kept_at",
    "free_will_checked": "free_will_check",
    "free_will_confirmed_by": "w_confirmed_by",
    "free_will_confirmed_on": "w_confirmed_on",
    "staff_guidance_recorded": "w_guidance",
    "livelihood_prospect": "w_prospect",
    "not_induced": "w_guidance",
    "transfer_after_opening": "transferred_on",
    "another_body": "destination_code",
}

#: Short badges of the deadline states (the pending list, the application page).
CLOCK_LABELS: dict[ClockState, str] = {
    ClockState.WITHIN: "期限内",
    ClockState.DUE_SOON: "期限間近",
    ClockState.EXTENDED: "延長中",
    ClockState.OVERDUE: "14日経過",
    ClockState.DEEMED_REJECTABLE: "30日経過",
    ClockState.DECIDED: "決定済",
}

#: Messages shown once after a redirect (``?done=``), never text from the URL itself.
_DONE = {
    "consultation": "相談を記録しました。",
    "closed": "相談を終結しました。",
    "wish_change": "本人の意思の変化を記録しました。査察指導員の確認を受けてください。",
    "wish_confirmed": "本人の意思の変化を確認しました。",
    "wish_amended": "申請の意思を改めました。",
    "registered": "申請を受け付けました。処理期限の管理が始まりました。",
    "registered_closed": "申請を受け付けました。申請に先立つ相談は「申請受付」で終結しました。",
    "registered_open": "申請を受け付けました。ただし、申請に先立つ相談を終結できませんでした（相談の画面で確かめてください）。",
    "extension": "延長の理由を記録しました。",
    "investigation": "調査を開始しました。",
    "inquiry": "扶養照会を記録しました。",
    "withdrawn": "申請の取下げを記録しました。査察指導員の確認を受けてください。",
    "reviewed": "申請の取下げを確認しました。",
    "drafted": "決定を起案しました。決裁を受けてください。",
    "approved": "決定を決裁しました。決定が確定していれば通知書を発行してください。",
    "submitted": "決定を決裁に回しました。",
    "notified": "決定通知書の発行を記録しました。",
}


# ---------------------------------------------------------------- forms


@dataclass(frozen=True)
class Problem:
    """An error of a form that belongs to no single field (a business rule and its legal basis)."""

    message: str
    legal: tuple[LegalRef, ...] = ()


@dataclass
class FormState:
    """What the user typed into one form, and what is wrong with it."""

    values: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None

    def value(self, name: str) -> str:
        """The value of a field as typed ("" if none)."""
        return self.values.get(name, "")

    def optional(self, name: str) -> str | None:
        """The value of a field, None if left empty."""
        return self.values.get(name) or None

    def has(self, name: str, option: str) -> bool:
        """True if the checkbox ``option`` of the field ``name`` is ticked."""
        return option in self.lists.get(name, [])

    @property
    def failed(self) -> bool:
        """True once an error has been found."""
        return bool(self.errors or self.problems)

    def fail(self, name: str, message: str) -> None:
        """Put an error next to the field (the first error of a field is kept)."""
        self.errors.setdefault(name, message)

    def refused(self, exc: ServiceError, note: str = "") -> None:
        """Record why the service refused (each violated rule with its legal basis)."""
        self.title = exc.title
        if isinstance(exc, RuleViolationError):
            for violation in exc.violations:
                target = _RULE_FIELDS.get(violation.code)
                if target:
                    self.fail(target, violation.message_ja)
                self.problems.append(Problem(violation.message_ja + note, violation.legal))
        else:
            self.problems.append(Problem(exc.detail_ja + note))


async def _submitted(request: Request) -> FormState:
    """The fields of the POSTed form (the CSRF token aside), values stripped of spaces."""
    form = await request.form()
    values: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if key == CSRF_FIELD or not isinstance(value, str):
            continue
        lists.setdefault(key, []).append(value.strip())
        values[key] = value.strip()
    return FormState(values=values, lists=lists)


Submitted = Annotated[FormState, Depends(_submitted)]
REFUSALS = (InvalidRequestError, RuleViolationError, VersionConflictError)


def status_of(exc: ServiceError) -> int:
    return 409 if isinstance(exc, (VersionConflictError, TransitionNotAllowedError)) else 422


_NO_VERSION = "画面の版を読み取れません。画面を読み込み直してから、もう一度操作してください"
CONFLICT_NOTE = "（入力した内容は保存されていません。下に最新の内容を表示しています。確かめてから、もう一度送ってください）"


def _message_ja(error: Mapping[str, Any]) -> str:
    """A pydantic error in Japanese (the library's own messages for its record rules)."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind in ("missing", "string_too_short", "too_short"):
        return "入力してください" if kind != "too_short" else "少なくとも1つ選んでください"
    if kind == "string_too_long":
        return f"{context.get('max_length')}文字以内で入力してください"
    if kind == "string_pattern_mismatch":
        return "書き方が正しくありません（例にならって入力してください）"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "半角数字（整数）で入力してください"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{context.get('ge', context.get('gt'))}以上の数を入力してください"
    if kind in ("less_than_equal", "less_than"):
        return f"{context.get('le', context.get('lt'))}以下の数を入力してください"
    if kind.startswith(("date_", "datetime_", "timezone_")):
        return "日付を正しく入力してください"
    if kind in ("enum", "literal_error", "bool_parsing", "bool_type"):
        return "選択肢から選んでください"
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return message.split(" (")[0]
    return "値が正しくありません"


def validated(
    model: type[M], data: dict[str, Any], form: FormState, fields: Mapping[Loc, str]
) -> M | None:
    """``model`` from ``data``; its errors go next to the fields ``fields`` maps them to."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc: Loc = tuple(error["loc"])
            message = _message_ja(error)
            if loc == ("version",):
                form.problems.append(Problem(_NO_VERSION))
                continue
            name = next(
                (fields[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in fields), None
            )
            if name is None:
                form.problems.append(Problem(message))
            else:
                form.fail(name, message)
        return None


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the fields left empty (so that the model's defaults apply)."""
    return {k: v for k, v in data.items() if v is not None}


def _amount(form: FormState, name: str) -> str | None:
    """A yen amount as typed ("120,000円" → "120000")."""
    value = form.optional(name)
    return None if value is None else re.sub(r"[,，円\s]", "", value)


def _katakana(value: str | None) -> str | None:
    """Hiragana typed into a kana field, as katakana (the records keep katakana)."""
    if value is None:
        return None
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in value)


def _chosen(form: FormState, name: str, message: str) -> str | None:
    """A choice the form requires (``message`` if none was made)."""
    value = form.optional(name)
    if value is None:
        form.fail(name, message)
    return value


def form_version(form: FormState, name: str = "version") -> str:
    return form.value(name) or "0"


def _options(enum: Any, *, skip: tuple[Any, ...] = ()) -> list[tuple[str, str]]:
    return [(item.value, item.label) for item in enum if item not in skip]


def _done(done: str | None) -> str | None:
    return _DONE.get(done or "")


def redirect_done(path: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?done={done}", 303)


# ---------------------------------------------------------------- consultation


_CONSULTATION_FIELDS: dict[Loc, str] = {
    (name,): name
    for name in (
        "started_at",
        "interviewer_id",
        "person_name",
        "contact",
        "person_name_kana",
        "person_birth_date",
        "situation",
        "assets_summary",
        "debts_summary",
        "cash_on_hand",
        "guidance_given",
        "wishes_to_apply",
        "wish_unconfirmed_reason",
        "wish_expressed_on",
        "application_form",
        "form_handed_on",
        "form_not_handed_reason",
    )
}


def _consultation_form(
    request: Request, pages: Pages, form: FormState, status: int = 200
) -> HTMLResponse:
    return pages.render(
        request,
        "consultation_form.html",
        status,
        form=form,
        wishes=_options(WishToApply),
        form_handings=_options(FormHanding),
    )


def _consultation_page(
    request: Request,
    pages: Pages,
    actor: str,
    consultation_id: str,
    *,
    form: FormState | None = None,
    status: int = 200,
    message: str | None = None,
) -> HTMLResponse:
    view = pages.lifecycle.consultation(actor, consultation_id)
    staff: StaffMember = request.state.staff
    consultation = view.consultation
    form = form or FormState()
    can_intake = _may(request, staff, Action.RECORD_INTAKE, consultation.office_id)
    is_open = consultation.outcome is Outcome.CONTINUING
    latest = consultation.wish_changes[-1] if consultation.wish_changes else None
    can_confirm = (
        is_open
        and latest is not None
        and latest.confirmed_by is None
        and latest.recorded_by != staff.id
        and _may(request, staff, Action.CONFIRM_WISH_CHANGE, consultation.office_id)
    )
    return pages.render(
        request,
        "consultation.html",
        status,
        view=view,
        consultation=consultation,
        interviewer_name=_staff_name(pages.cases, consultation.interviewer_id),
        open=is_open,
        can_intake=can_intake,
        closings=_options(Outcome, skip=(Outcome.CONTINUING, Outcome.APPLICATION_TAKEN)),
        wish_options=_options(WishToApply),
        can_confirm=can_confirm,
        staff_name=lambda staff_id: _staff_name(pages.cases, staff_id),
        form=form,
        orphan=form if form.failed and not (is_open and can_intake) else None,
        message=message,
    )


def _local_datetime(form: FormState, name: str) -> datetime | None:
    value = form.optional(name)
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        form.fail(name, "日時を正しく入力してください（例: 2023-09-20 09:30）")
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=JST)


# ---------------------------------------------------------------- application


def _member_field_names(row: int) -> dict[str, str]:
    """The form fields of member row ``row``, by the member field they fill."""
    prefix = f"m{row}_"
    return {
        "name": prefix + "name",
        "name_kana": prefix + "kana",
        "birth_date": prefix + "birth",
        "sex": prefix + "sex",
        "relationship": prefix + "rel",
        "residence": prefix + "residence",
        "school": prefix + "school",
        "care_insurance": prefix + "care",
    }


def _household_data(form: FormState) -> tuple[dict[str, Any], dict[Loc, str]]:
    """The household of a start application from the form, and where its errors go."""
    household_id = f"hh-{uuid.uuid4().hex[:16]}"
    fields: dict[Loc, str] = {
        ("household", "as_of"): "received_on",
        ("household", "municipality_code"): "municipality_code",
        ("household", "address", "postal_code"): "postal_code",
        ("household", "address", "prefecture"): "prefecture",
        ("household", "address", "municipality"): "municipality",
        ("household", "address", "street"): "street",
        ("household", "housing", "tenure"): "tenure",
        ("household", "housing", "monthly_rent"): "monthly_rent",
        ("household", "housing", "landlord_name"): "landlord_name",
        ("household", "housing"): "monthly_rent",
    }
    members: list[dict[str, Any]] = []
    for row in range(MEMBER_ROWS):
        names = _member_field_names(row)
        used = row == 0 or any(form.value(names[k]) for k in ("name", "name_kana", "birth_date"))
        if not used:
            continue
        index = len(members)
        values = {key: form.optional(name) for key, name in names.items()}
        values["name_kana"] = _katakana(values["name_kana"])
        values["relationship"] = Relationship.HEAD.value if row == 0 else values["relationship"]
        members.append(_present({"id": f"{household_id}-{row + 1}", **values}))
        for key, name in names.items():
            fields[("household", "members", index, key)] = name
    postal = form.optional("postal_code")
    household = {
        "id": household_id,
        "as_of": form.optional("received_on"),
        "municipality_code": form.optional("municipality_code"),
        "address": _present(
            {
                "postal_code": postal.replace("-", "").replace("－", "") if postal else None,
                "prefecture": form.optional("prefecture"),
                "municipality": form.optional("municipality"),
                "street": form.optional("street"),
            }
        ),
        "members": members,
        "housing": _present(
            {
                "tenure": form.optional("tenure"),
                "monthly_rent": _amount(form, "monthly_rent"),
                "landlord_name": form.optional("landlord_name"),
            }
        ),
    }
    return _present(household), fields


_WITHDRAWAL_FIELDS = ("document_received_on", "signed_by_applicant", "circumstances")

_APPLICATION_FIELDS: dict[Loc, str] = {
    (name,): name
    for name in (
        "received_on",
        "received_on_change_reason",
        "channel",
        "place",
        "applicant_name",
        "applicant_relationship",
        "requested_kinds",
        "reason",
        "caseworker_id",
    )
}


def _application_form(
    request: Request,
    pages: Pages,
    actor: str,
    kind: ApplicationKind,
    form: FormState,
    *,
    case_id: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    staff: StaffMember = request.state.staff
    detail = (
        pages.cases.case_detail(actor, case_id, purpose=AccessPurpose.DECISION) if case_id else None
    )
    needs_caseworker = kind is ApplicationKind.START and StaffRole.CASEWORKER not in staff.roles
    caseworkers = (
        [
            (r.caseworker_id, f"{r.name}（担当 {r.households} 世帯）")
            for r in pages.cases.caseload(actor, staff.office_id).rows
        ]
        if needs_caseworker
        else []
    )
    return pages.render(
        request,
        "application_form.html",
        status,
        form=form,
        kind=kind,
        detail=detail,
        rows=range(MEMBER_ROWS),
        more_members_open=any(
            form.value(name) or name in form.errors
            for row in range(2, MEMBER_ROWS)
            for key, name in _member_field_names(row).items()
            if key in ("name", "name_kana", "birth_date", "sex", "relationship")
        ),
        caseworkers=caseworkers,
        channels=_options(ApplicationChannel),
        places=_options(ReceptionPlace),
        assistance_kinds=_options(AssistanceKind),
        sexes=_options(Sex),
        relationships=_options(Relationship, skip=(Relationship.HEAD,)),
        residences=_options(Residence),
        schools=_options(SchoolStatus),
        care_statuses=_options(CareInsuranceStatus),
        tenures=_options(HousingTenure),
    )


def _application_page(
    request: Request,
    pages: Pages,
    actor: str,
    application_id: str,
    *,
    forms: dict[str, FormState] | None = None,
    status: int = 200,
    message: str | None = None,
    view: ApplicationView | None = None,
) -> HTMLResponse:
    view = view or pages.lifecycle.application(actor, application_id)
    application = view.application
    staff: StaffMember = request.state.staff
    detail = pages.cases.case_detail(actor, view.case_id, purpose=AccessPurpose.DECISION)
    inquiries = pages.lifecycle.support_inquiries(actor, application)
    investigation = pages.investigations.summary(actor, application.id)
    decisions = [
        d
        for d in pages.lifecycle.case_decisions(actor, view.case_id)
        if d.application_id == application.id
    ]
    undecided = application.status in _UNDECIDED
    office_id = application.office_id
    states = {
        "extension": FormState(values={"reason": application.extension_reason or ""}),
        "inquiry": FormState(values={"inquiry_status": SupportInquiryStatus.PLANNED.value}),
        "withdrawal": FormState(),
        "investigation": FormState(),
        "review": FormState(),
        **(forms or {}),
    }
    can_intake = undecided and _may(request, staff, Action.RECORD_INTAKE, office_id)
    shown = {
        "extension": can_intake,
        "inquiry": can_intake,
        "withdrawal": can_intake,
        "investigation": can_intake and application.status is ApplicationStatus.RECEIVED,
        "review": application.withdrawal is not None
        and application.withdrawal.reviewed_by is None
        and _may(request, staff, Action.APPROVE_DECISION, office_id),
    }
    # A refusal of a form the page no longer shows (the application moved on meanwhile).
    orphan = next(
        (state for name, state in states.items() if state.failed and not shown.get(name, False)),
        None,
    )
    kinds = (
        (DecisionKind.START, DecisionKind.REJECTION)
        if application.kind is ApplicationKind.START
        else (DecisionKind.CHANGE,)
    )
    return pages.render(
        request,
        "application.html",
        status,
        view=view,
        application=application,
        clock=view.clock,
        detail=detail,
        case=detail.case,
        inquiries=inquiries,
        investigation=investigation,
        member_names={m.id: m.name for m in detail.household.members},
        decisions=decisions,
        undecided=undecided,
        can_intake=can_intake,
        can_review=shown["review"],
        orphan=orphan,
        can_draft=undecided and _may(request, staff, Action.DRAFT_DECISION, office_id),
        draft_kinds=kinds,
        forms=states,
        degrees=_options(ObligorDegree),
        inquiry_statuses=_options(SupportInquiryStatus, skip=(SupportInquiryStatus.ANSWERED,)),
        skip_reasons=_options(SupportInquirySkipReason),
        received_by_name=_staff_name(pages.cases, application.received_by),
        message=message,
    )


# ---------------------------------------------------------------- decisions


def _decision_form(
    request: Request,
    pages: Pages,
    actor: str,
    case_id: str,
    kind: DecisionKind,
    application_id: str | None,
    form: FormState,
    *,
    status: int = 200,
) -> HTMLResponse:
    detail = pages.cases.case_detail(actor, case_id, purpose=AccessPurpose.DECISION)
    application = pages.lifecycle.application(actor, application_id) if application_id else None
    determinations = (
        pages.determination.need_determinations(actor, application_id) if application_id else []
    )
    members = [m for m in detail.household.members if not m.separated]
    return pages.render(
        request,
        "decision_form.html",
        status,
        form=form,
        kind=kind,
        kinds=DecisionKind,
        detail=detail,
        case=detail.case,
        household=detail.household,
        members=members,
        application=application,
        determination=determinations[-1] if determinations else None,
        with_amounts=kind in PRICED_KINDS,
        assistance_kinds=AssistanceKind,
        income_rows=range(INCOME_ROWS),
        income_kinds=_options(IncomeKind, skip=(IncomeKind.EXCLUDED,)),
        member_options=[(m.id, f"{m.name}（{m.relationship.label}）") for m in members],
        rejection_reasons=_options(RejectionReason),
        termination_reasons=_options(TerminationReason),
        withdrawal=TerminationReason.WITHDRAWAL.value,
        transfer=TerminationReason.TRANSFER.value,
    )


def _decision_defaults(
    request: Request, kind: DecisionKind, application: ApplicationView | None
) -> FormState:
    today = _now(request).astimezone(JST).date()
    effective = (
        application.application.received_on if kind is DecisionKind.START and application else today
    )
    staff: StaffMember = request.state.staff
    return FormState(
        values={
            "effective_on": effective.isoformat(),
            "month": effective.isoformat()[:7],
            "w_confirmed_by": staff.id,
            "w_confirmed_on": today.isoformat(),
        }
    )


def _calculation_data(
    form: FormState, household: Household, kind: DecisionKind, case_id: str
) -> tuple[dict[str, Any], dict[Loc, str]]:
    """The CalculationInput of a start/change decision: the case's household, the month, incomes."""
    fields: dict[Loc, str] = {
        ("calculation", "month"): "month",
        ("calculation", "covered_from"): "prorate",
        ("calculation", "in_kind", "medical"): "in_kind_medical",
        ("calculation", "in_kind", "care"): "in_kind_care",
        ("calculation",): "month",
    }
    incomes: list[dict[str, Any]] = []
    for row in range(INCOME_ROWS):
        prefix = f"inc{row}_"
        if not (form.value(prefix + "amount") or form.value(prefix + "description")):
            continue
        index = len(incomes)
        incomes.append(
            _present(
                {
                    "member_id": form.optional(prefix + "member"),
                    "kind": form.optional(prefix + "kind"),
                    "amount": _amount(form, prefix + "amount"),
                    "necessary_expenses": _amount(form, prefix + "expenses"),
                    "description": form.optional(prefix + "description"),
                }
            )
        )
        for key, suffix in (
            ("member_id", "member"),
            ("kind", "kind"),
            ("amount", "amount"),
            ("necessary_expenses", "expenses"),
            ("description", "description"),
        ):
            fields[("calculation", "incomes", index, key)] = prefix + suffix
        fields[("calculation", "incomes", index)] = prefix + "expenses"
    members = [m for m in household.members if not m.separated]
    facts = [
        {"member_id": m.id, "lone_parent": True}
        for row, m in enumerate(members)
        if form.value(f"lp{row}")
    ]
    prorate = kind is DecisionKind.START and bool(form.value("prorate"))
    data = {
        "id": f"calc-{case_id}"[:64],
        "month": form.optional("month"),
        "household": household.model_dump(mode="json"),
        "member_facts": facts,
        "incomes": incomes,
        "in_kind": _present(
            {
                "medical": _amount(form, "in_kind_medical"),
                "care": _amount(form, "in_kind_care"),
            }
        ),
        "covered_from": form.optional("effective_on") if prorate else None,
    }
    return _present(data), fields


def _decision_page(
    request: Request,
    pages: Pages,
    actor: str,
    decision_id: str,
    *,
    form: FormState | None = None,
    status: int = 200,
    message: str | None = None,
) -> HTMLResponse:
    view = pages.lifecycle.decision(actor, decision_id)
    decision = view.decision
    detail = pages.cases.case_detail(actor, decision.case_id, purpose=AccessPurpose.DECISION)
    staff: StaffMember = request.state.staff
    office_id = detail.case.office_id
    today = _now(request).date()
    verdict = authorize(
        staff,
        Action.APPROVE_DECISION,
        office_id=office_id,
        on=today,
        drafted_by=decision.drafted_by,
    )
    may_handle = _may(request, staff, Action.DRAFT_DECISION, office_id)
    draft = decision.status in _IN_APPROVAL
    settings = pages.administration.office_settings(actor, office_id).settings
    step = next_approval(settings.approval_stages, decision.approvals, staff)
    if isinstance(step, StageRefusal) and verdict.allowed:
        verdict = Verdict(False, step.reason_ja, step.reason_en)
    names = {
        who: _staff_name(pages.cases, who)
        for who in (
            decision.drafted_by,
            decision.approved_by,
            *(entry.approved_by for entry in decision.approvals),
            decision.withdrawal.received_by if decision.withdrawal else None,
            decision.free_will_check.confirmed_by if decision.free_will_check else None,
        )
        if who
    }
    return pages.render(
        request,
        "decision.html",
        status,
        view=view,
        decision=decision,
        detail=detail,
        case=detail.case,
        amounts=_amount_rows(view),
        explanation=Markup(render_html(view.calculation)) if view.calculation else None,
        can_approve=draft and verdict.allowed,
        can_submit=decision.status is DecisionStatus.DRAFT and may_handle,
        stages=" → ".join(stage.label() for stage in settings.approval_stages),
        approve_refusal=None if verdict.allowed or not draft else verdict.reason_ja,
        can_notify=decision.status is DecisionStatus.APPROVED and may_handle,
        can_download=decision.status is not DecisionStatus.DRAFT and may_handle,
        names=names,
        form=form or FormState(),
        message=message,
    )


def _amount_rows(view: Any) -> list[tuple[str, int]]:
    amounts = view.decision.amounts
    if amounts is None:
        return []
    return [
        (str(info.title), int(getattr(amounts, name)))
        for name, info in type(amounts).model_fields.items()
    ]


def _attachment(filename: str, fallback: str, disposition: str = "attachment") -> str:
    """A Content-Disposition with an ASCII name and the Japanese name (RFC 6266 / RFC 5987)."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", fallback)
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


#: The notice page has its own inline print styles (and nothing else).
_NOTICE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'none'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


# ---------------------------------------------------------------- routes


def lifecycle_routes() -> APIRouter:
    """The routes of the lifecycle pages."""
    router = APIRouter(route_class=PageRoute, include_in_schema=False)

    # ------------------------------------------------------------ consultations

    @router.get("/consultations/new")
    def new_consultation(request: Request, pages: PageContext) -> Response:
        now = _now(request).astimezone(JST)
        staff: StaffMember = request.state.staff
        form = FormState(
            values={"started_at": now.strftime("%Y-%m-%dT%H:%M"), "interviewer_id": staff.id}
        )
        return _consultation_form(request, pages, form)

    @router.post("/consultations")
    def open_consultation(
        request: Request, pages: PageContext, actor: Actor, form: Submitted
    ) -> Response:
        data: dict[str, Any] = {
            name: form.optional(name)
            for name in (
                "interviewer_id",
                "person_name",
                "contact",
                "person_birth_date",
                "situation",
                "assets_summary",
                "debts_summary",
                "guidance_given",
                "wish_unconfirmed_reason",
                "wish_expressed_on",
                "application_form",
                "form_handed_on",
                "form_not_handed_reason",
            )
        }
        data["person_name_kana"] = _katakana(form.optional("person_name_kana"))
        data["cash_on_hand"] = _amount(form, "cash_on_hand")
        data["started_at"] = _local_datetime(form, "started_at")
        data["wishes_to_apply"] = _chosen(
            form, "wishes_to_apply", "申請の意思（あり・なし・確認できず）を選んでください"
        )
        draft = validated(ConsultationDraft, _present(data), form, _CONSULTATION_FIELDS)
        if draft is None or form.failed:
            return _consultation_form(request, pages, form, 422)
        try:
            view = pages.lifecycle.open_consultation(actor, draft)
        except REFUSALS as exc:
            form.refused(exc)
            return _consultation_form(request, pages, form, status_of(exc))
        return redirect_done(f"/consultations/{view.consultation.id}", "consultation")

    @router.get("/consultations/{consultation_id}")
    def consultation_page(
        request: Request,
        pages: PageContext,
        actor: Actor,
        consultation_id: str,
        done: Annotated[str | None, Query(max_length=40)] = None,
    ) -> Response:
        return _consultation_page(request, pages, actor, consultation_id, message=_done(done))

    @router.post("/consultations/{consultation_id}/closing")
    def close_consultation(
        request: Request, pages: PageContext, actor: Actor, consultation_id: str, form: Submitted
    ) -> Response:
        if not form.value("outcome"):
            form.fail("outcome", "相談の結果を選んでください")
            return _consultation_page(request, pages, actor, consultation_id, form=form, status=422)
        closing = validated(
            ConsultationClosing,
            {"version": form_version(form), "outcome": form.value("outcome")},
            form,
            {("outcome",): "outcome"},
        )
        if closing is None:
            return _consultation_page(request, pages, actor, consultation_id, form=form, status=422)
        try:
            pages.lifecycle.close_consultation(actor, consultation_id, closing)
        except REFUSALS as exc:
            form.refused(exc, CONFLICT_NOTE if isinstance(exc, VersionConflictError) else "")
            return _consultation_page(
                request, pages, actor, consultation_id, form=form, status=status_of(exc)
            )
        return redirect_done(f"/consultations/{consultation_id}", "closed")

    def _wish_change(
        request: Request,
        pages: Pages,
        actor: str,
        consultation_id: str,
        form: FormState,
        change: Callable[[], object],
        done: str,
    ) -> Response:
        """Run a change of the wish to apply; a refusal shows the page again with the reason."""
        try:
            change()
        except REFUSALS as exc:
            form.refused(exc, CONFLICT_NOTE if isinstance(exc, VersionConflictError) else "")
            return _consultation_page(
                request, pages, actor, consultation_id, form=form, status=status_of(exc)
            )
        return redirect_done(f"/consultations/{consultation_id}", done)

    @router.post("/consultations/{consultation_id}/wish-changes")
    def record_wish_change(
        request: Request, pages: PageContext, actor: Actor, consultation_id: str, form: Submitted
    ) -> Response:
        record = validated(
            WishChangeRecord,
            {"version": form_version(form), "account": form.value("account")},
            form,
            {("account",): "account"},
        )
        if record is None:
            return _consultation_page(request, pages, actor, consultation_id, form=form, status=422)
        return _wish_change(
            request,
            pages,
            actor,
            consultation_id,
            form,
            lambda: pages.wishes.record_change_of_mind(actor, consultation_id, record),
            "wish_change",
        )

    @router.post("/consultations/{consultation_id}/wish-changes/confirmation")
    def confirm_wish_change(
        request: Request, pages: PageContext, actor: Actor, consultation_id: str, form: Submitted
    ) -> Response:
        version = int(form_version(form)) if form_version(form).isdigit() else 0
        return _wish_change(
            request,
            pages,
            actor,
            consultation_id,
            form,
            lambda: pages.wishes.confirm_change_of_mind(actor, consultation_id, version),
            "wish_confirmed",
        )

    @router.post("/consultations/{consultation_id}/wish")
    def amend_wish(
        request: Request, pages: PageContext, actor: Actor, consultation_id: str, form: Submitted
    ) -> Response:
        amendment = validated(
            WishAmendment,
            {
                "version": form_version(form),
                "wishes_to_apply": form.value("wishes_to_apply"),
                "wish_unconfirmed_reason": form.optional("wish_unconfirmed_reason"),
            },
            form,
            {(name,): name for name in ("wishes_to_apply", "wish_unconfirmed_reason")},
        )
        if amendment is None:
            return _consultation_page(request, pages, actor, consultation_id, form=form, status=422)
        return _wish_change(
            request,
            pages,
            actor,
            consultation_id,
            form,
            lambda: pages.wishes.amend_wish(actor, consultation_id, amendment),
            "wish_amended",
        )

    # ------------------------------------------------------------ applications

    @router.get("/applications/new")
    def new_application(
        request: Request,
        pages: PageContext,
        actor: Actor,
        consultation: Annotated[str | None, Query(max_length=64)] = None,
    ) -> Response:
        staff: StaffMember = request.state.staff
        today = _now(request).astimezone(JST).date()
        values = {
            "received_on": today.isoformat(),
            "channel": ApplicationChannel.WRITTEN_FORM.value,
            "place": ReceptionPlace.COUNTER.value,
            "applicant_relationship": "本人",
            "m0_sex": "",
            "tenure": HousingTenure.PRIVATE_RENTAL.value,
            "caseworker_id": staff.id if StaffRole.CASEWORKER in staff.roles else "",
        }
        for row in range(MEMBER_ROWS):
            values[f"m{row}_school"] = SchoolStatus.NOT_IN_SCHOOL.value
            values[f"m{row}_care"] = CareInsuranceStatus.NOT_APPLICABLE.value
            values[f"m{row}_residence"] = Residence.AT_HOME.value
        if consultation:
            found = pages.lifecycle.consultation(actor, consultation).consultation
            values.update(
                {
                    "consultation_id": found.id,
                    "applicant_name": found.person_name,
                    "m0_name": found.person_name,
                    "m0_kana": found.person_name_kana or "",
                    "m0_birth": found.person_birth_date.isoformat()
                    if found.person_birth_date
                    else "",
                    "reason": found.situation,
                }
            )
            if found.wish_expressed_on is not None:
                # REQ-APP-003: the day the wish was shown is the day received, unless a
                # reason for another day is entered.
                values["received_on"] = found.wish_expressed_on.isoformat()
        form = FormState(values=values, lists={"requested_kinds": [AssistanceKind.LIVING.value]})
        return _application_form(request, pages, actor, ApplicationKind.START, form)

    @router.get("/cases/{case_id}/applications/new")
    def new_change_application(
        request: Request, pages: PageContext, actor: Actor, case_id: str
    ) -> Response:
        today = _now(request).astimezone(JST).date()
        form = FormState(
            values={
                "received_on": today.isoformat(),
                "channel": ApplicationChannel.WRITTEN_FORM.value,
                "place": ReceptionPlace.COUNTER.value,
                "applicant_relationship": "本人",
                "case_id": case_id,
            }
        )
        return _application_form(
            request, pages, actor, ApplicationKind.CHANGE, form, case_id=case_id
        )

    @router.post("/applications")
    def register_application(
        request: Request, pages: PageContext, actor: Actor, form: Submitted
    ) -> Response:
        kind = (
            ApplicationKind.CHANGE
            if form.value("kind") == ApplicationKind.CHANGE.value
            else ApplicationKind.START
        )
        case_id = form.optional("case_id") if kind is ApplicationKind.CHANGE else None
        if kind is ApplicationKind.CHANGE and case_id is None:
            return pages.error_page(
                request,
                400,
                "入力に誤りがあります",
                "変更の申請の対象のケースを読み取れません。ケースの画面から受け付けてください。",
            )
        data: dict[str, Any] = {
            "kind": kind.value,
            "received_on": form.optional("received_on"),
            "received_on_change_reason": form.optional("received_on_change_reason"),
            "channel": form.optional("channel"),
            "place": form.optional("place"),
            "applicant_name": form.optional("applicant_name"),
            "applicant_relationship": form.optional("applicant_relationship"),
            "requested_kinds": form.lists.get("requested_kinds", []),
            "reason": form.optional("reason"),
            "consultation_id": form.optional("consultation_id"),
        }
        fields = dict(_APPLICATION_FIELDS)
        if kind is ApplicationKind.START:
            data["household"], household_fields = _household_data(form)
            data["caseworker_id"] = form.optional("caseworker_id")
            fields.update(household_fields)
            staff: StaffMember = request.state.staff
            if StaffRole.CASEWORKER not in staff.roles and not data["caseworker_id"]:
                form.fail("caseworker_id", "担当する現業員を選んでください")
        else:
            data["case_id"] = case_id
        draft = validated(ApplicationDraft, _present(data), form, fields)

        def again(status: int) -> Response:
            return _application_form(
                request, pages, actor, kind, form, case_id=case_id, status=status
            )

        if draft is None or form.failed:
            return again(422)
        try:
            view = pages.lifecycle.receive_application(actor, draft)
        except REFUSALS as exc:
            form.refused(exc)
            return again(status_of(exc))
        done = "registered"
        if draft.consultation_id:
            done = _close_with_application(pages, actor, draft.consultation_id, view)
        return redirect_done(f"/applications/{view.application.id}", done)

    @router.get("/applications")
    def pending_applications(
        request: Request,
        pages: PageContext,
        actor: Actor,
        within: Annotated[str | None, Query(max_length=10)] = None,
    ) -> Response:
        staff: StaffMember = request.state.staff
        form = FormState(values={"within": (within or "").strip()})
        days = None
        if form.value("within"):
            text = form.value("within")
            if text.isdigit() and int(text) <= 366:
                days = int(text)
            else:
                form.fail("within", "0から366までの日数を半角数字で入力してください")
        listed = pages.lifecycle.pending_applications(actor, staff.office_id, within_days=days)
        return pages.render(
            request,
            "applications.html",
            422 if form.failed else 200,
            listed=listed,
            alerts=pages.lifecycle.staff_alerts(actor),
            reviews=pages.lifecycle.review_queue(actor, staff.office_id)
            if _may(request, staff, Action.APPROVE_DECISION, staff.office_id)
            else None,
            form=form,
            within=days,
            can_intake=_may(request, staff, Action.RECORD_INTAKE, staff.office_id),
        )

    @router.get("/applications/{application_id}")
    def application_page(
        request: Request,
        pages: PageContext,
        actor: Actor,
        application_id: str,
        done: Annotated[str | None, Query(max_length=40)] = None,
    ) -> Response:
        return _application_page(request, pages, actor, application_id, message=_done(done))

    def _application_action(
        request: Request,
        pages: Pages,
        actor: str,
        application_id: str,
        name: str,
        form: FormState,
        act: Any,
        done: str | None = None,
    ) -> Response:
        """Run ``act`` (a service call); on a refusal the page again, the input kept."""
        try:
            act()
        except REFUSALS as exc:
            form.refused(exc, CONFLICT_NOTE if isinstance(exc, VersionConflictError) else "")
            return _application_page(
                request,
                pages,
                actor,
                application_id,
                forms={name: form},
                status=status_of(exc),
            )
        return redirect_done(f"/applications/{application_id}", done or name)

    @router.post("/applications/{application_id}/extension")
    def record_extension(
        request: Request, pages: PageContext, actor: Actor, application_id: str, form: Submitted
    ) -> Response:
        extension = validated(
            ExtensionRequest,
            {"version": form_version(form), "reason": form.value("reason")},
            form,
            {("reason",): "reason"},
        )
        if extension is None:
            return _application_page(
                request, pages, actor, application_id, forms={"extension": form}, status=422
            )
        return _application_action(
            request,
            pages,
            actor,
            application_id,
            "extension",
            form,
            lambda: pages.lifecycle.record_extension(actor, application_id, extension),
        )

    @router.post("/applications/{application_id}/investigation")
    def start_investigation(
        request: Request, pages: PageContext, actor: Actor, application_id: str, form: Submitted
    ) -> Response:
        version = validated(VersionOnly, {"version": form_version(form)}, form, {})
        if version is None:
            return _application_page(
                request, pages, actor, application_id, forms={"investigation": form}, status=422
            )
        return _application_action(
            request,
            pages,
            actor,
            application_id,
            "investigation",
            form,
            lambda: pages.lifecycle.start_investigation(actor, application_id, version.version),
        )

    @router.post("/applications/{application_id}/support-inquiries")
    def record_support_inquiry(
        request: Request, pages: PageContext, actor: Actor, application_id: str, form: Submitted
    ) -> Response:
        status = form.value("inquiry_status")
        if status == SupportInquiryStatus.SKIPPED.value:
            for name, message in (
                ("skip_reason", "照会しない理由を、定められた区分から選んでください"),
                ("skip_reason_detail", "照会しない理由を裏づける具体的な事情を記録してください"),
                ("applicant_view", "照会についての申請者の意向を記録してください"),
            ):
                if not form.value(name):
                    form.fail(name, message)
        else:
            if form.value("skip_reason"):
                form.fail("skip_reason", "照会する場合は「照会しない理由」を選ばないでください")
            if status == SupportInquiryStatus.SENT.value and not form.value("sent_on"):
                form.fail("sent_on", "照会済の場合は照会書を送付した日を入力してください")
        data = {
            "obligor": _present(
                {
                    "name": form.optional("ob_name"),
                    "degree": form.optional("ob_degree"),
                    "relationship": form.optional("ob_relationship"),
                }
            ),
            "status": form.optional("inquiry_status"),
            "applicant_view": form.optional("applicant_view"),
            "skip_reason": form.optional("skip_reason")
            if status == SupportInquiryStatus.SKIPPED.value
            else None,
            "skip_reason_detail": form.optional("skip_reason_detail"),
            "sent_on": form.optional("sent_on"),
        }
        fields: dict[Loc, str] = {
            ("obligor", "name"): "ob_name",
            ("obligor", "degree"): "ob_degree",
            ("obligor", "relationship"): "ob_relationship",
            ("status",): "inquiry_status",
            ("applicant_view",): "applicant_view",
            ("skip_reason",): "skip_reason",
            ("skip_reason_detail",): "skip_reason_detail",
            ("sent_on",): "sent_on",
        }
        draft = validated(SupportInquiryDraft, _present(data), form, fields)
        if draft is None or form.failed:
            return _application_page(
                request, pages, actor, application_id, forms={"inquiry": form}, status=422
            )
        return _application_action(
            request,
            pages,
            actor,
            application_id,
            "inquiry",
            form,
            lambda: pages.lifecycle.record_support_inquiry(actor, application_id, draft),
        )

    @router.post("/applications/{application_id}/withdrawal")
    def withdraw_application(
        request: Request, pages: PageContext, actor: Actor, application_id: str, form: Submitted
    ) -> Response:
        withdrawal = validated(
            WithdrawalRequest,
            {
                "version": form_version(form),
                "document_received_on": form.optional("document_received_on"),
                "signed_by_applicant": {"yes": True, "no": False}.get(
                    form.value("signed_by_applicant")
                ),
                "circumstances": form.optional("circumstances"),
            },
            form,
            {(name,): name for name in _WITHDRAWAL_FIELDS},
        )
        if withdrawal is None:
            return _application_page(
                request, pages, actor, application_id, forms={"withdrawal": form}, status=422
            )
        return _application_action(
            request,
            pages,
            actor,
            application_id,
            "withdrawal",
            form,
            lambda: pages.lifecycle.withdraw_application(actor, application_id, withdrawal),
            done="withdrawn",
        )

    @router.post("/applications/{application_id}/withdrawal-review")
    def confirm_withdrawal(
        request: Request, pages: PageContext, actor: Actor, application_id: str, form: Submitted
    ) -> Response:
        version = int(form_version(form)) if form_version(form).isdigit() else 0
        return _application_action(
            request,
            pages,
            actor,
            application_id,
            "review",
            form,
            lambda: pages.lifecycle.confirm_withdrawal(actor, application_id, version),
            done="reviewed",
        )

    # ------------------------------------------------------------ decisions

    @router.get("/cases/{case_id}/decisions/new")
    def new_decision(
        request: Request,
        pages: PageContext,
        actor: Actor,
        case_id: str,
        kind: Annotated[DecisionKind, Query()],
        application: Annotated[str | None, Query(max_length=64)] = None,
    ) -> Response:
        found = pages.lifecycle.application(actor, application) if application else None
        form = _decision_defaults(request, kind, found)
        return _decision_form(request, pages, actor, case_id, kind, application, form)

    @router.post("/cases/{case_id}/decisions")
    def draft_decision(
        request: Request, pages: PageContext, actor: Actor, case_id: str, form: Submitted
    ) -> Response:
        try:
            kind = DecisionKind.parse(form.value("kind"))
        except ValueError:
            return pages.error_page(
                request, 400, "入力に誤りがあります", "決定の種類を読み取れません。"
            )
        application_id = form.optional("application_id")
        reasons = [line.strip() for line in form.value("reasons").splitlines() if line.strip()]
        data: dict[str, Any] = {
            "case_id": case_id,
            "application_id": application_id,
            "kind": kind.value,
            "effective_on": form.optional("effective_on"),
            "reasons": reasons,
        }
        fields: dict[Loc, str] = {
            ("effective_on",): "effective_on",
            ("reasons",): "reasons",
            ("rejection_reason",): "rejection_reason",
            ("termination_reason",): "termination_reason",
            ("transferred_to",): "transferred_to",
            ("withdrawal",): "withdrawal",
            ("withdrawal", "received_on"): "w_received_on",
            ("withdrawal", "received_by"): "w_received_by",
            ("withdrawal", "signed_by_person"): "w_signed_by_person",
            ("withdrawal", "original_kept_at"): "w_kept_at",
            ("free_will_check",): "free_will_check",
            ("free_will_check", "confirmed_by"): "w_confirmed_by",
            ("free_will_check", "confirmed_on"): "w_confirmed_on",
            ("free_will_check", "staff_guidance"): "w_guidance",
            ("free_will_check", "livelihood_prospect"): "w_prospect",
        }
        if kind is DecisionKind.REJECTION:
            data["rejection_reason"] = form.optional("rejection_reason")
            if not data["rejection_reason"]:
                form.fail("rejection_reason", "却下の理由の区分を選んでください")
        if kind is DecisionKind.TERMINATION:
            reason = form.optional("termination_reason")
            data["termination_reason"] = reason
            if not reason:
                form.fail("termination_reason", "廃止の理由の区分を選んでください")
            if reason == TerminationReason.WITHDRAWAL.value:
                data["withdrawal"] = _present(
                    {
                        "received_on": form.optional("w_received_on"),
                        "received_by": form.optional("w_received_by"),
                        "signed_by_person": bool(form.value("w_signed_by_person")),
                        "original_kept_at": form.optional("w_kept_at"),
                    }
                )
                guidance = form.optional("w_guidance")
                data["free_will_check"] = _present(
                    {
                        "confirmed_by": form.optional("w_confirmed_by"),
                        "confirmed_on": form.optional("w_confirmed_on"),
                        "staff_guidance": None if guidance is None else guidance == "yes",
                        "livelihood_prospect": form.optional("w_prospect"),
                    }
                )
            if reason == TerminationReason.TRANSFER.value:
                data["transferred_to"] = form.optional("transferred_to")
                if not data["transferred_to"]:
                    form.fail("transferred_to", "移管先の福祉事務所IDを入力してください")
        if kind is DecisionKind.SUSPENSION:
            data["amounts"] = {}
            for assistance in AssistanceKind:
                name = f"amt_{assistance.value}"
                data["amounts"][assistance.value] = form.optional(name)
                fields[("amounts", assistance.value)] = name
                if form.optional(name) is None:
                    form.fail(name, "停止の間に支給する額を入力してください（支給しなければ0）")
        if kind in PRICED_KINDS:
            detail = pages.cases.case_detail(actor, case_id, purpose=AccessPurpose.DECISION)
            data["calculation"], calculation_fields = _calculation_data(
                form, detail.household, kind, case_id
            )
            fields.update(calculation_fields)
        draft = validated(DecisionDraft, _present(data), form, fields)

        def again(status: int) -> Response:
            return _decision_form(
                request, pages, actor, case_id, kind, application_id, form, status=status
            )

        if draft is None or form.failed:
            return again(422)
        try:
            view = pages.lifecycle.draft_decision(actor, draft)
        except REFUSALS as exc:
            form.refused(exc)
            return again(status_of(exc))
        return redirect_done(f"/decisions/{view.decision.id}", "drafted")

    @router.get("/decisions/{decision_id}")
    def decision_page(
        request: Request,
        pages: PageContext,
        actor: Actor,
        decision_id: str,
        done: Annotated[str | None, Query(max_length=40)] = None,
    ) -> Response:
        return _decision_page(request, pages, actor, decision_id, message=_done(done))

    def _decision_action(
        request: Request,
        pages: Pages,
        actor: str,
        decision_id: str,
        form: FormState,
        done: str,
        act: Any,
    ) -> Response:
        version = validated(VersionOnly, {"version": form_version(form)}, form, {})
        if version is None:
            return _decision_page(request, pages, actor, decision_id, form=form, status=422)
        try:
            act(version.version)
        except REFUSALS as exc:
            form.refused(exc, CONFLICT_NOTE if isinstance(exc, VersionConflictError) else "")
            return _decision_page(
                request, pages, actor, decision_id, form=form, status=status_of(exc)
            )
        return redirect_done(f"/decisions/{decision_id}", done)

    @router.post("/decisions/{decision_id}/approval")
    def approve_decision(
        request: Request, pages: PageContext, actor: Actor, decision_id: str, form: Submitted
    ) -> Response:
        return _decision_action(
            request,
            pages,
            actor,
            decision_id,
            form,
            "approved",
            lambda version: pages.lifecycle.approve_decision(actor, decision_id, version),
        )

    @router.post("/decisions/{decision_id}/submission")
    def submit_decision(
        request: Request, pages: PageContext, actor: Actor, decision_id: str, form: Submitted
    ) -> Response:
        return _decision_action(
            request,
            pages,
            actor,
            decision_id,
            form,
            "submitted",
            lambda version: pages.lifecycle.submit_decision(actor, decision_id, version),
        )

    @router.post("/decisions/{decision_id}/notification")
    def notify_decision(
        request: Request, pages: PageContext, actor: Actor, decision_id: str, form: Submitted
    ) -> Response:
        return _decision_action(
            request,
            pages,
            actor,
            decision_id,
            form,
            "notified",
            lambda version: pages.lifecycle.notify_decision(actor, decision_id, version),
        )

    @router.get("/decisions/{decision_id}/notice.html")
    def notice_html(
        request: Request, pages: PageContext, actor: Actor, decision_id: str
    ) -> Response:
        try:
            notice = pages.lifecycle.decision_notice(actor, decision_id)
        except RuleViolationError as exc:
            return _notice_refused(request, pages, actor, decision_id, exc)
        response = HTMLResponse(render_notice_html(notice))
        response.headers["Content-Disposition"] = _attachment(
            f"{notice.title}_{notice.case_number}.html",
            f"notice-{notice.case_number}.html",
            "inline",
        )
        response.headers["Content-Security-Policy"] = _NOTICE_CSP
        return response

    @router.get("/decisions/{decision_id}/notice.pdf")
    def notice_pdf(
        request: Request, pages: PageContext, actor: Actor, decision_id: str
    ) -> Response:
        try:
            notice = pages.lifecycle.decision_notice(actor, decision_id)
            body = render_notice_pdf(notice)
        except RuleViolationError as exc:
            return _notice_refused(request, pages, actor, decision_id, exc)
        except NoticeError as exc:
            form = FormState(problems=[Problem(str(exc).split(" (")[0])])
            form.title = "PDFの通知書を作れません"
            return _decision_page(request, pages, actor, decision_id, form=form, status=422)
        return Response(
            body,
            media_type="application/pdf",
            headers={
                "Content-Disposition": _attachment(
                    f"{notice.title}_{notice.case_number}.pdf",
                    f"notice-{notice.case_number}.pdf",
                )
            },
        )

    return router


def _notice_refused(
    request: Request, pages: Pages, actor: str, decision_id: str, exc: RuleViolationError
) -> HTMLResponse:
    form = FormState()
    form.refused(exc)
    form.title = "通知書を作れません"
    return _decision_page(request, pages, actor, decision_id, form=form, status=status_of(exc))


def _close_with_application(
    pages: Pages, actor: str, consultation_id: str, view: ApplicationView
) -> str:
    """End the consultation the application came from ("申請受付"); say whether it worked."""
    try:
        found = pages.lifecycle.consultation(actor, consultation_id)
        if found.consultation.outcome is not Outcome.CONTINUING:
            return "registered"
        pages.lifecycle.close_consultation(
            actor,
            consultation_id,
            ConsultationClosing(
                version=found.version,
                outcome=Outcome.APPLICATION_TAKEN,
                application_id=view.application.id,
            ),
        )
    except ServiceError:
        return "registered_open"
    return "registered_closed"


def wareki_iso(value: date | None) -> Markup:
    """A date as 和暦 with the ISO date beside it, in a <time> element."""
    if value is None:
        return Markup("—")
    return Markup('<time datetime="{iso}">{wareki}（{iso}）</time>').format(
        iso=value.isoformat(), wareki=_wareki(value)
    )
