"""The caseworker pages: server-rendered Japanese HTML over the same services as the API.

Sessions: an HttpOnly, SameSite=Lax cookie holding the bearer token of the
API session (opened through :class:`~reference_app.auth.SessionService`, so
logins are audited the same way). The cookie is never accepted by the API,
which reads only the Authorization header.

CSRF: every POST form carries a token that is an HMAC of the session token
(before login: of a random login cookie) under a per-app random secret. The
token, the login check and the mapping of errors to pages are all done in one
place, :class:`PageRoute`, which every page route uses: authority refusals
become a 403 page with the reason, unknown records a 404 page, and anything
unexpected a 500 page with a reference number (logged, never a stack trace).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from reference_app.auth import Accounts, SessionService
from reference_app.problems import UnauthenticatedError
from seikatsu_std.authority import Action, authorize
from seikatsu_std.calc import CalculationError
from seikatsu_std.calc.explain import render_html
from seikatsu_std.formats.wareki import format_wareki
from seikatsu_std.model import CaseStatus, DecisionKind, StaffMember
from seikatsu_std.model.decision import AssistanceAmounts
from seikatsu_std.model.office import EmploymentType, StaffRole
from seikatsu_std.services.administration import AdministrationService
from seikatsu_std.services.appeals import AppealService
from seikatsu_std.services.audit import AccessPurpose
from seikatsu_std.services.cases import CaseService
from seikatsu_std.services.consultation_wish import ConsultationWishService
from seikatsu_std.services.determination import DeterminationService
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    ServiceError,
    VersionConflictError,
)
from seikatsu_std.services.investigations import InvestigationService
from seikatsu_std.services.lifecycle import LifecycleService
from seikatsu_std.services.models import (
    CaseChanges,
    CaseDetail,
    CaseSummary,
    PendingApplications,
)
from seikatsu_std.services.submissions import SubmissionService
from seikatsu_std.services.transfers import TRANSFERABLE, TransferService
from seikatsu_std.workflows.clocks import ClockState

log = logging.getLogger("reference_app.web")

JST = timezone(timedelta(hours=9))

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: The session cookie (holds the API bearer token).
SESSION_COOKIE = "seikatsu_session"
#: A random value set with the login form, so that the login POST has a CSRF token too.
LOGIN_COOKIE = "seikatsu_login"
CSRF_FIELD = "csrf_token"

#: Paths that need no session (everything else redirects to the login page).
_PUBLIC = frozenset({"/", "/login"})
#: How many cases a dashboard scans for attention flags (pages of the list use).
_DASHBOARD_SCAN = 2000
_PAGE_SIZE = 50
_MY_CASES_SHOWN = 20
_VISIT_GRADES = ("A", "B", "C", "D")
#: Decisions drafted from the case page, by the state of the case (start and rejection
#: answer an application and are drafted from the application's page).
_CASE_DECISIONS: dict[CaseStatus, tuple[DecisionKind, ...]] = {
    CaseStatus.ACTIVE: (DecisionKind.CHANGE, DecisionKind.SUSPENSION, DecisionKind.TERMINATION),
    CaseStatus.SUSPENDED: (DecisionKind.CHANGE, DecisionKind.TERMINATION),
}


# ---------------------------------------------------------------- errors


class LoginRequiredError(Exception):
    """No valid session cookie: the browser goes to the login page."""


class CsrfError(Exception):
    """A POST form without a valid CSRF token."""

    def __init__(self, reason_ja: str) -> None:
        super().__init__(reason_ja)
        self.reason_ja = reason_ja


# ---------------------------------------------------------------- rendering


def _wareki(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        local = value.astimezone(JST)
        return f"{format_wareki(local.date())} {local:%H:%M}"
    try:
        return format_wareki(value)
    except ValueError:
        return value.isoformat()


def _yen(value: int | None) -> str:
    return "—" if value is None else f"{value:,}円"


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["wareki"] = _wareki
    env.filters["yen"] = _yen
    env.globals["role_labels"] = role_labels
    env.globals["is_outsourced"] = is_outsourced
    return env


@dataclass
class Pages:
    """What the page handlers share: templates, the CSRF secret, the services."""

    env: Environment
    secret: bytes
    cases: CaseService
    sessions: SessionService
    accounts: Accounts
    lifecycle: LifecycleService
    determination: DeterminationService
    investigations: InvestigationService
    wishes: ConsultationWishService
    appeals: AppealService
    administration: AdministrationService
    submissions: SubmissionService
    transfers: TransferService

    def render(
        self,
        request: Request,
        template: str,
        http_status: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        """A page, with the logged-in user, the CSRF token and the flash message."""
        me = getattr(request.state, "staff", None)
        context.setdefault("me", me)
        context.setdefault(
            "may_intake",
            me is not None and _may(request, me, Action.RECORD_INTAKE, me.office_id),
        )
        context.setdefault("csrf_token", self.csrf_token(request))
        context.setdefault("request_path", request.url.path)
        body = self.env.get_template(template).render(**context)
        return HTMLResponse(body, status_code=http_status)

    def csrf_token(self, request: Request) -> str:
        """The token the forms of this page carry (tied to the session, or to the login cookie)."""
        subject = getattr(request.state, "session_token", None) or getattr(
            request.state, "login_nonce", None
        )
        if not subject:
            return ""
        return hmac.new(self.secret, subject.encode(), hashlib.sha256).hexdigest()

    def error_page(
        self, request: Request, status: int, title: str, detail: str, **extra: Any
    ) -> HTMLResponse:
        """The one error page (403, 404, 400, 500…): a title and the reason in Japanese."""
        return self.render(request, "error.html", status, title=title, detail=detail, **extra)


def _pages(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages


def _now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


def _actor(request: Request) -> str:
    staff_id: str = request.state.staff_id
    return staff_id


PageContext = Annotated[Pages, Depends(_pages)]
Actor = Annotated[str, Depends(_actor)]


def _session_of(request: Request, pages: Pages) -> str | None:
    """The staff id of the request's session cookie, if live (sets request.state).

    Blocking (it reads the session store and the staff record): run in the threadpool.
    """
    token = request.cookies.get(SESSION_COOKIE)
    staff_id = pages.accounts.resolve(token, _now(request)) if token else None
    if token and staff_id:
        request.state.session_token = token
        request.state.staff_id = staff_id
        request.state.staff = pages.cases.staff_member(staff_id)
        return staff_id
    return None


async def _check_csrf(request: Request, pages: Pages) -> None:
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not isinstance(sent, str) or not sent:
        raise CsrfError(
            "フォームに確認用のトークンがありません。画面を読み込み直してから、もう一度操作してください"
        )
    expected = pages.csrf_token(request)
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfError(
            "フォームの確認用トークンが正しくありません（画面が古いか、別の画面から送られました）。"
            "画面を読み込み直してから、もう一度操作してください"
        )


class PageRoute(APIRoute):
    """Every page route: session, CSRF and error pages, in one place."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        public = self.path in _PUBLIC

        async def page_handler(request: Request) -> Response:
            pages = _pages(request)
            request.state.staff = None
            try:
                staff_id = await run_in_threadpool(_session_of, request, pages)
                if staff_id is None and not public:
                    raise LoginRequiredError
                request.state.login_nonce = request.cookies.get(LOGIN_COOKIE)
                if request.method == "POST":
                    await _check_csrf(request, pages)
                response = await handler(request)
            except LoginRequiredError:
                target = request.url.path
                if request.method == "GET" and request.url.query:
                    target += "?" + request.url.query
                query = urlencode({"next": target}) if request.method == "GET" else ""
                response = RedirectResponse("/login" + (f"?{query}" if query else ""), 303)
            except CsrfError as exc:
                response = pages.error_page(request, 403, "操作を受け付けられません", exc.reason_ja)
            except ForbiddenError as exc:
                response = pages.error_page(
                    request, 403, "権限がありません", exc.detail_ja, legal=exc.verdict.legal
                )
            except NotFoundError as exc:
                response = pages.error_page(request, 404, "見つかりません", exc.detail_ja)
            except ServiceError as exc:
                response = pages.error_page(request, 400, exc.title, exc.detail_ja)
            except (RequestValidationError, ValidationError):
                response = pages.error_page(
                    request,
                    400,
                    "入力に誤りがあります",
                    "送られた値を読み取れません。画面を読み込み直してから、もう一度操作してください",
                )
            except CalculationError as exc:
                response = pages.error_page(request, 422, "計算できません", str(exc))
            except StarletteHTTPException as exc:
                response = pages.error_page(
                    request, exc.status_code, "要求を処理できません", str(exc.detail)
                )
            except Exception:
                reference = uuid.uuid4().hex[:12]
                log.exception(
                    "unexpected error %s on %s %s", reference, request.method, request.url.path
                )
                response = pages.error_page(
                    request,
                    500,
                    "システムの内部で問題が起きました",
                    f"管理者に参照番号 {reference} を伝えてください。",
                )
            # Pages carry personal information: never cached, never framed.
            response.headers["Cache-Control"] = "no-store"
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "same-origin"
            # A page may set a stricter or its own policy (the printable notice has inline styles).
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                "frame-ancestors 'none'; base-uri 'none'",
            )
            return response

        return page_handler


# ---------------------------------------------------------------- who is who


def purpose_for(staff: StaffMember) -> AccessPurpose:
    """The purpose recorded for a page view, from the staff member's roles."""
    roles = set(staff.roles)
    if roles & {StaffRole.SUPERVISOR, StaffRole.SECTION_CHIEF}:
        return AccessPurpose.SUPERVISION
    if roles & {StaffRole.CASEWORKER, StaffRole.SUPPORT_STAFF, StaffRole.INTAKE_INTERVIEWER}:
        return AccessPurpose.CASEWORK
    if roles & {StaffRole.MEDICAL_CLERK, StaffRole.CONTRACTED_PHYSICIAN}:
        return AccessPurpose.MEDICAL
    if StaffRole.ACCOUNTING_CLERK in roles:
        return AccessPurpose.PAYMENT
    if StaffRole.AUDITOR in roles:
        return AccessPurpose.AUDIT
    return AccessPurpose.CASEWORK


def _may(request: Request, staff: StaffMember, action: Action, office_id: str) -> bool:
    return authorize(staff, action, office_id=office_id, on=_now(request).date()).allowed


def _is_supervising(staff: StaffMember) -> bool:
    return bool({StaffRole.SUPERVISOR, StaffRole.SECTION_CHIEF} & set(staff.roles))


def _safe_next(target: str | None) -> str:
    """A local path to go to after login (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/dashboard"


def _set_session_cookie(
    request: Request, response: Response, token: str, expires: datetime
) -> None:
    max_age = max(int((expires - _now(request)).total_seconds()), 0)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def _scan(
    service: CaseService,
    actor: str,
    office_id: str,
    purpose: AccessPurpose,
    caseworker_id: str | None = None,
) -> list[CaseSummary]:
    """All cases of a list (page by page, up to a bound)."""
    found: list[CaseSummary] = []
    after = None
    while len(found) < _DASHBOARD_SCAN:
        page = service.list_cases(
            actor,
            office_id=office_id,
            purpose=purpose,
            caseworker_id=caseworker_id,
            limit=200,
            after=after,
        )
        found.extend(page.items)
        if page.next_after is None:
            break
        after = page.next_after
    return found


@dataclass(frozen=True)
class PendingSummary:
    """How the office's undecided applications stand against their deadlines (dashboard)."""

    total: int
    overdue: int
    deemed_rejectable: int
    due_soon: int
    extended: int

    @classmethod
    def of(cls, listed: PendingApplications) -> PendingSummary:
        """Count the applications of a pending list by the state of their clock."""
        states = [row.clock.state for row in listed.items]
        return cls(
            total=len(states),
            overdue=states.count(ClockState.OVERDUE),
            deemed_rejectable=states.count(ClockState.DEEMED_REJECTABLE),
            due_soon=states.count(ClockState.DUE_SOON),
            extended=states.count(ClockState.EXTENDED),
        )


# ---------------------------------------------------------------- case page


@dataclass
class _Member:
    id: str
    name: str
    name_kana: str
    relationship: str
    sex: str
    birth_date: date
    age: int
    separated: bool
    residence: str
    my_number: str | None
    revealed: bool


def _members(
    request: Request,
    service: CaseService,
    actor: str,
    detail: CaseDetail,
    purpose: AccessPurpose,
    revealed: dict[str, str],
) -> list[_Member]:
    today = _now(request).date()
    members = []
    for member in detail.household.members:
        if member.id in revealed:
            shown: str | None = revealed[member.id]
        else:
            number, _ = service.personal_number(
                actor, detail.case.id, member.id, purpose=purpose, reveal=False
            )
            shown = None if number is None else str(number)
        members.append(
            _Member(
                id=member.id,
                name=member.name,
                name_kana=member.name_kana,
                relationship=member.relationship.label,
                sex=member.sex.label,
                birth_date=member.birth_date,
                age=_age(member.birth_date, today),
                separated=member.separated,
                residence=member.residence.label,
                my_number=shown,
                revealed=member.id in revealed,
            )
        )
    return members


def _amount_rows(amounts: AssistanceAmounts | None) -> list[tuple[str, int]]:
    if amounts is None:
        return []
    return [
        (str(info.title), int(getattr(amounts, name)))
        for name, info in AssistanceAmounts.model_fields.items()
    ]


def _staff_name(service: CaseService, staff_id: str) -> str:
    try:
        return service.staff_member(staff_id).name
    except NotFoundError:
        return "（登録なし）"


def _case_page(
    request: Request,
    pages: Pages,
    actor: str,
    case_id: str,
    purpose: AccessPurpose,
    *,
    status: int = 200,
    revealed: dict[str, str] | None = None,
    message: str | None = None,
    error: str | None = None,
    submitted: dict[str, str] | None = None,
) -> HTMLResponse:
    service = pages.cases
    staff: StaffMember = request.state.staff
    detail = service.case_detail(actor, case_id, purpose=purpose)
    history = service.history(actor, case_id, purpose=purpose)
    office_id = detail.case.office_id
    members = _members(request, service, actor, detail, purpose, revealed or {})
    can_reveal = _may(request, staff, Action.READ_MY_NUMBER, office_id)
    can_assign = _may(request, staff, Action.UPDATE_CASE, office_id)
    caseworkers = service.caseload(actor, office_id).rows if can_assign else []
    decision = detail.decision
    open_statuses = (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)
    return pages.render(
        request,
        "case.html",
        status,
        detail=detail,
        case=detail.case,
        household=detail.household,
        members=members,
        decision=decision,
        amounts=_amount_rows(decision.amounts if decision else None),
        explanation=Markup(render_html(detail.calculation))
        if detail.calculation
        else None,  # render_html escapes every value
        history=list(reversed(history)),
        purpose=purpose,
        purposes=list(AccessPurpose),
        caseworker_name=_staff_name(service, detail.case.caseworker_id),
        supervisor_name=_staff_name(service, detail.case.supervisor_id),
        can_reveal=can_reveal,
        can_assign=can_assign,
        can_transfer=detail.case.status in TRANSFERABLE
        and _may(request, staff, Action.RECORD_TRANSFER, office_id),
        caseworkers=caseworkers,
        visit_grades=sorted(
            {
                *_VISIT_GRADES,
                *([detail.case.visit_grade_code] if detail.case.visit_grade_code else []),
            }
        ),
        message=message,
        error=error,
        submitted=submitted,
        applications=pages.lifecycle.open_applications(actor, case_id),
        decisions=pages.lifecycle.case_decisions(actor, case_id),
        can_apply=detail.case.status in open_statuses
        and _may(request, staff, Action.RECORD_INTAKE, office_id),
        decision_kinds=_CASE_DECISIONS.get(detail.case.status, ())
        if _may(request, staff, Action.DRAFT_DECISION, office_id)
        else [],
    )


# ---------------------------------------------------------------- routes


def _routes() -> APIRouter:
    router = APIRouter(route_class=PageRoute, include_in_schema=False)

    @router.get("/")
    def home(request: Request) -> Response:
        target = "/dashboard" if getattr(request.state, "staff_id", None) else "/login"
        return RedirectResponse(target, 303)

    @router.get("/login")
    def login_form(
        request: Request,
        pages: PageContext,
        next_path: Annotated[str | None, Query(alias="next", max_length=2000)] = None,
    ) -> Response:
        if getattr(request.state, "staff_id", None):
            return RedirectResponse(_safe_next(next_path), 303)
        return _login_page(request, pages, next_path=_safe_next(next_path))

    @router.post("/login")
    def login(
        request: Request,
        pages: PageContext,
        login_id: Annotated[str, Form(max_length=64)] = "",
        password: Annotated[str, Form(max_length=256)] = "",
        next_path: Annotated[str, Form(alias="next", max_length=2000)] = "/dashboard",
    ) -> Response:
        if not login_id or not password:
            return _login_page(
                request,
                pages,
                next_path=_safe_next(next_path),
                login_id=login_id,
                error="ログインIDとパスワードを入力してください。",
                status=400,
            )
        try:
            token, expires, _ = pages.sessions.login(login_id, password)
        except UnauthenticatedError:
            return _login_page(
                request,
                pages,
                next_path=_safe_next(next_path),
                login_id=login_id,
                error="ログインIDまたはパスワードが正しくありません。",
                status=401,
            )
        response = RedirectResponse(_safe_next(next_path), 303)
        _set_session_cookie(request, response, token, expires)
        response.delete_cookie(LOGIN_COOKIE, path="/login")
        return response

    @router.post("/logout")
    def logout(request: Request, pages: PageContext) -> Response:
        token = getattr(request.state, "session_token", None)
        if token:
            pages.accounts.revoke(token)
        response = RedirectResponse("/login?logged_out=1", 303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @router.get("/dashboard")
    def dashboard(request: Request, pages: PageContext, actor: Actor) -> Response:
        staff: StaffMember = request.state.staff
        service = pages.cases
        purpose = purpose_for(staff)
        mine: list[CaseSummary] = []
        attention: list[CaseSummary] = []
        caseload = None
        is_caseworker = StaffRole.CASEWORKER in staff.roles
        supervising = _is_supervising(staff)
        if is_caseworker:
            mine = _scan(service, actor, staff.office_id, purpose, caseworker_id=actor)
            attention = [c for c in mine if c.attention]
        if supervising:
            caseload = service.caseload(actor, staff.office_id)
            office_cases = _scan(service, actor, staff.office_id, purpose)
            attention = [c for c in office_cases if c.attention]
        names = {row.caseworker_id: row.name for row in caseload.rows} if caseload else {}
        pending = (
            PendingSummary.of(pages.lifecycle.pending_applications(actor, staff.office_id))
            if is_caseworker or supervising
            else None
        )
        submitted = (
            len(pages.submissions.pending_for_me(actor).items)
            if is_caseworker or supervising
            else None
        )
        return pages.render(
            request,
            "dashboard.html",
            purpose=purpose,
            is_caseworker=is_caseworker,
            supervising=supervising,
            my_cases=mine[:_MY_CASES_SHOWN],
            my_case_count=len(mine),
            attention=attention,
            caseload=caseload,
            names=names,
            pending=pending,
            submitted=submitted,
        )

    @router.get("/cases")
    def case_list(
        request: Request,
        pages: PageContext,
        actor: Actor,
        q: Annotated[str | None, Query(max_length=100)] = None,
        status: Annotated[str | None, Query()] = None,
        after: Annotated[str | None, Query(max_length=64)] = None,
        mine: Annotated[str | None, Query()] = None,
        caseworker: Annotated[str | None, Query(max_length=64)] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = _PAGE_SIZE,
        purpose: Annotated[AccessPurpose | None, Query()] = None,
    ) -> Response:
        staff: StaffMember = request.state.staff
        purpose = purpose or purpose_for(staff)
        chosen = _status(status)
        text = (q or "").strip() or None
        only_mine = bool(mine) and StaffRole.CASEWORKER in staff.roles
        page = pages.cases.list_cases(
            actor,
            office_id=staff.office_id,
            purpose=purpose,
            text=text,
            status=chosen,
            caseworker_id=actor if only_mine else (caseworker or None),
            limit=limit,
            after=after or None,
        )
        keep = {
            k: v
            for k, v in (
                ("q", text),
                ("status", chosen.value if chosen else None),
                ("mine", "1" if only_mine else None),
                ("caseworker", None if only_mine else caseworker),
                ("purpose", purpose.value),
                ("limit", str(limit) if limit != _PAGE_SIZE else None),
            )
            if v
        }
        next_url = (
            f"/cases?{urlencode({**keep, 'after': page.next_after})}" if page.next_after else None
        )
        return pages.render(
            request,
            "cases.html",
            page=page,
            q=text or "",
            status=chosen,
            statuses=list(CaseStatus),
            mine=only_mine,
            caseworker=None if only_mine else caseworker,
            is_caseworker=StaffRole.CASEWORKER in staff.roles,
            purpose=purpose,
            first_url=f"/cases?{urlencode(keep)}" if after else None,
            next_url=next_url,
        )

    @router.get("/cases/{case_id}")
    def case_detail(
        request: Request,
        pages: PageContext,
        actor: Actor,
        case_id: str,
        purpose: Annotated[AccessPurpose | None, Query()] = None,
        updated: Annotated[str | None, Query()] = None,
    ) -> Response:
        staff: StaffMember = request.state.staff
        return _case_page(
            request,
            pages,
            actor,
            case_id,
            purpose or purpose_for(staff),
            message="担当・訪問格付けを更新しました。" if updated else None,
        )

    @router.post("/cases/{case_id}/members/{member_id}/personal-number")
    def reveal_personal_number(
        request: Request,
        pages: PageContext,
        actor: Actor,
        case_id: str,
        member_id: str,
        purpose: Annotated[AccessPurpose, Form()],
    ) -> Response:
        number, revealed = pages.cases.personal_number(
            actor, case_id, member_id, purpose=purpose, reveal=True
        )
        shown = {member_id: number.reveal() if number is not None and revealed else "（登録なし）"}
        return _case_page(
            request,
            pages,
            actor,
            case_id,
            purpose,
            revealed=shown,
            message="個人番号を表示しました。この閲覧は利用目的とともに監査ログに記録されました。",
        )

    @router.post("/cases/{case_id}/assignment")
    def change_assignment(
        request: Request,
        pages: PageContext,
        actor: Actor,
        case_id: str,
        version: Annotated[int, Form(ge=1)],
        caseworker_id: Annotated[str, Form(max_length=64)] = "",
        visit_grade_code: Annotated[str, Form(max_length=10)] = "",
        original_caseworker_id: Annotated[str, Form(max_length=64)] = "",
        original_visit_grade_code: Annotated[str, Form(max_length=10)] = "",
    ) -> Response:
        submitted = {"caseworker_id": caseworker_id, "visit_grade_code": visit_grade_code}
        changes: dict[str, Any] = {}
        if caseworker_id and caseworker_id != original_caseworker_id:
            changes["caseworker_id"] = caseworker_id
        if visit_grade_code and visit_grade_code != original_visit_grade_code:
            changes["visit_grade_code"] = visit_grade_code
        purpose = AccessPurpose.SUPERVISION
        if not changes:
            return _case_page(
                request, pages, actor, case_id, purpose, message="変更する項目はありませんでした。"
            )
        try:
            pages.cases.update_case(
                actor, case_id, CaseChanges.model_validate({"version": version, **changes})
            )
        except VersionConflictError as exc:
            return _case_page(
                request,
                pages,
                actor,
                case_id,
                purpose,
                status=409,
                error=exc.detail_ja
                + "（あなたの変更は保存されていません。下の最新の内容を確認してください）",
                submitted=submitted,
            )
        except (InvalidRequestError, ValidationError) as exc:
            reason = (
                exc.detail_ja
                if isinstance(exc, InvalidRequestError)
                else "入力された値が正しくありません"
            )
            return _case_page(
                request,
                pages,
                actor,
                case_id,
                purpose,
                status=400,
                error=reason + "（変更は保存されていません）",
                submitted=submitted,
            )
        query = urlencode({"purpose": purpose.value, "updated": "1"})
        return RedirectResponse(f"/cases/{case_id}?{query}", 303)

    return router


def _status(value: str | None) -> CaseStatus | None:
    if not value:
        return None
    try:
        return CaseStatus.parse(value)
    except ValueError:
        return None


def _login_page(
    request: Request,
    pages: Pages,
    *,
    next_path: str,
    login_id: str = "",
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    request.state.login_nonce = nonce
    response = pages.render(
        request,
        "login.html",
        status,
        next_path=next_path,
        login_id=login_id,
        error=error,
        logged_out=bool(request.query_params.get("logged_out")),
    )
    response.set_cookie(
        LOGIN_COOKIE,
        nonce,
        path="/login",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


def install_pages(app: FastAPI) -> None:
    """Register the pages and /static on ``app`` (after its state holds the services)."""
    from reference_app import (
        web_appeals,
        web_lifecycle,
        web_settings,
        web_submissions,
        web_transfers,
    )

    env = _environment()
    env.globals["clock_labels"] = web_lifecycle.CLOCK_LABELS
    env.filters["wareki_iso"] = web_lifecycle.wareki_iso
    app.state.pages = Pages(
        env=env,
        secret=secrets.token_bytes(32),
        cases=app.state.cases,
        sessions=app.state.sessions,
        accounts=app.state.accounts,
        lifecycle=app.state.lifecycle,
        determination=app.state.determination,
        investigations=app.state.investigations,
        wishes=app.state.consultation_wish,
        appeals=app.state.appeals,
        administration=app.state.administration,
        submissions=app.state.submissions,
        transfers=app.state.transfers,
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(_routes())
    app.include_router(web_lifecycle.lifecycle_routes())
    app.include_router(web_appeals.appeal_routes())
    app.include_router(web_submissions.submission_routes())
    app.include_router(web_transfers.transfer_routes())
    app.include_router(web_settings.settings_routes())


def role_labels(staff: StaffMember) -> str:
    """The Japanese labels of a staff member's roles."""
    return "・".join(role.label for role in staff.roles)


def is_outsourced(staff: StaffMember) -> bool:
    """True for staff of an outsourced contractor (not public officials)."""
    return staff.employment_type is EmploymentType.OUTSOURCED
