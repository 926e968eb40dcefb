"""The page of the office's settings: its approval stages (決裁の段階) and the items of its
decision notice, read by every member of the office and changed by the section chief.

Server-rendered over :class:`~seikatsu_std.services.administration.AdministrationService`,
with the forms of :mod:`reference_app.web_lifecycle`. No form here can let a drafter approve
their own decision: the standard has no such setting (REQ-APP-024).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from reference_app.web import Actor, PageContext, PageRoute, Pages, _may
from reference_app.web_lifecycle import REFUSALS, FormState, Submitted, redirect_done, status_of
from seikatsu_std.authority import Action
from seikatsu_std.model.decision import DecisionKind
from seikatsu_std.model.office import APPROVER_ROLES, ApprovalStage, NoticeItem, StaffMember
from seikatsu_std.notices import required_notice_items
from seikatsu_std.services.administration import OfficeSettingsChange

#: The most stages the form offers (an office with more sets them through the API).
STAGE_ROWS = 3
_DONE = {"changed": "福祉事務所の設定を変更しました。"}
#: The choices of one stage row: nobody (no such stage), or who approves it.
_STAGE_CHOICES = [
    ("", "（この段階なし）"),
    *[(role.value, role.label) for role in sorted(APPROVER_ROLES, key=lambda r: r.value)],
    ("either", "査察指導員または課長（所長）"),
]


#: The items some kind of notice must carry (marked on the form).
_REQUIRED_ITEMS = frozenset(item for kind in DecisionKind for item in required_notice_items(kind))


def _page(
    request: Request,
    pages: Pages,
    actor: str,
    form: FormState | None = None,
    status: int = 200,
    message: str | None = None,
) -> HTMLResponse:
    staff: StaffMember = request.state.staff
    view = pages.administration.office_settings(actor, staff.office_id)
    if form is None:
        form = FormState()
        for row, stage in enumerate(view.settings.approval_stages):
            roles = set(stage.roles)
            form.values[f"stage{row}"] = (
                "either" if roles == set(APPROVER_ROLES) else next(iter(roles)).value
            )
        form.lists["notice_items"] = [item.value for item in view.settings.notice_items]
    return pages.render(
        request,
        "office_settings.html",
        status,
        view=view,
        can_change=_may(request, staff, Action.ADMINISTER_OFFICE, staff.office_id),
        stage_rows=range(STAGE_ROWS),
        stage_choices=_STAGE_CHOICES,
        items=[
            (item.value, item.label + ("（通知書に必須）" if item in _REQUIRED_ITEMS else ""))
            for item in NoticeItem
        ],
        form=form,
        message=message,
    )


def _stages(form: FormState) -> list[ApprovalStage]:
    """The stages chosen, in order; a gap (a stage after an empty row) is an error."""
    chosen = [form.value(f"stage{row}") for row in range(STAGE_ROWS)]
    stages: list[ApprovalStage] = []
    for row, value in enumerate(chosen):
        if not value:
            if any(chosen[row + 1 :]):
                form.fail(f"stage{row}", "段階を飛ばさずに、上の段階から順に選んでください")
            continue
        if value == "either":
            stages.append(ApprovalStage(roles=sorted(APPROVER_ROLES, key=lambda r: r.value)))
            continue
        roles = [role for role in APPROVER_ROLES if role.value == value]
        if not roles:
            form.fail(f"stage{row}", "一覧から選んでください")
            continue
        stages.append(ApprovalStage(roles=roles))
    if not stages:
        form.fail("stage0", "決裁の段階を1つ以上選んでください")
    return stages


def settings_routes() -> APIRouter:
    """The routes of the office-settings page."""
    router = APIRouter(route_class=PageRoute, include_in_schema=False)

    @router.get("/office/settings")
    def office_settings(
        request: Request,
        pages: PageContext,
        actor: Actor,
        done: Annotated[str | None, Query(max_length=32)] = None,
    ) -> Response:
        return _page(request, pages, actor, message=_DONE.get(done or ""))

    @router.post("/office/settings")
    def change_office_settings(
        request: Request, pages: PageContext, actor: Actor, form: Submitted
    ) -> Response:
        staff: StaffMember = request.state.staff
        stages = _stages(form)
        items = [item for item in NoticeItem if form.has("notice_items", item.value)]
        if form.failed:
            return _page(request, pages, actor, form, 422)
        change = OfficeSettingsChange(approval_stages=stages, notice_items=items)
        try:
            pages.administration.change_office_settings(actor, staff.office_id, change)
        except REFUSALS as exc:
            form.refused(exc)
            return _page(request, pages, actor, form, status_of(exc))
        return redirect_done("/office/settings", "changed")

    return router
