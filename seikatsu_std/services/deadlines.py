"""The 14/30-day deadlines of applications, as lists: what is near its deadline, what is overdue.

The days come from the dated table ``application_decision_deadline``
(:mod:`seikatsu_std.workflows.clocks`, 生活保護法24条5項・7項・9項). Two views of
the same clock:

- the list of pending applications (処理中の申請) shows the undecided ones,
  the nearest deadline first, with the staff in charge of each;
- the list of overdue applications (30日経過) shows those past the extended
  limit whose decision has not been *notified* — the applicant may treat them
  as rejected (法24条7項) until the notice is sent, even if the decision was
  approved — and the same applications are alerts for the case's supervisor
  and the office's section chiefs.

Every read is audited. :class:`DeadlineLists` is a base of
:class:`~seikatsu_std.services.lifecycle.LifecycleService`.
"""

from __future__ import annotations

from datetime import date, timedelta

from seikatsu_std.authority import Action
from seikatsu_std.model import Application
from seikatsu_std.model.intake import ApplicationStatus
from seikatsu_std.model.office import StaffMember, StaffRole
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import InvalidRequestError
from seikatsu_std.services.models import (
    AlertKind,
    ApplicationView,
    DecisionClockView,
    DecisionDeadlineRule,
    PendingApplication,
    PendingApplications,
    StaffAlert,
    StaffAlerts,
)
from seikatsu_std.services.ports import UnitOfWork, Versioned
from seikatsu_std.standards import StandardsError
from seikatsu_std.workflows.clocks import (
    TABLE,
    ClockState,
    DecisionClock,
    deadline_rule,
    decision_clock,
)

_STOPPED = (ApplicationStatus.DECIDED, ApplicationStatus.WITHDRAWN)


class DeadlineLists(ServiceBase):
    """The clock of each application, and the lists built on it."""

    def deadline_rule(self, actor_id: str, *, on: date | None = None) -> DecisionDeadlineRule:
        """The days of the application deadline in force ``on`` (today), with their legal basis."""
        day = on or self._today()
        with self._uow() as uow:
            self._actor(uow, actor_id)
        self._deadline_or_refuse(day)
        standards = self._calculator.standards
        rule = deadline_rule(standards, day)
        cited = standards.spec(TABLE).legal_basis
        return DecisionDeadlineRule(
            on=day,
            notice_days=rule.notice_days,
            extended_days=rule.extended_days,
            warning_days=rule.warning_days,
            counting="申請の受付日の翌日から数える（初日不算入）",
            valid_from=rule.valid_from,
            edition=rule.edition,
            basis=cited[0].cite(),
            legal_basis=list(cited),
        )

    def pending_applications(
        self,
        actor_id: str,
        office_id: str,
        *,
        as_of: date | None = None,
        within_days: int | None = None,
    ) -> PendingApplications:
        """Undecided applications, the nearest deadline first.

        ``within_days`` keeps only those whose applicable deadline is at most that
        many days away (or already passed).
        """
        day = as_of or self._today()
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, office_id)
            rows = []
            for found in uow.applications.undecided(office_id):
                view = self._clock_view(found.record, day)
                if within_days is not None and view.days_left > within_days:
                    continue
                rows.append(self._pending_row(uow, found, view))
            self._audit_list(uow, actor, "application_list", office_id, rows)
            uow.commit()
        rows.sort(key=lambda r: (r.clock.days_left, r.clock.received_on, r.application_id))
        return PendingApplications(office_id=office_id, as_of=day, items=rows)

    def overdue_applications(
        self, actor_id: str, office_id: str, *, as_of: date | None = None
    ) -> PendingApplications:
        """Applications past the extended limit (30 days) whose decision is not notified."""
        day = as_of or self._today()
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, office_id)
            rows = [
                self._pending_row(uow, found, view)
                for found, view in self._overdue(uow, office_id, day)
            ]
            self._audit_list(uow, actor, "overdue_application_list", office_id, rows)
            uow.commit()
        return PendingApplications(office_id=office_id, as_of=day, items=rows)

    def staff_alerts(self, actor_id: str, *, as_of: date | None = None) -> StaffAlerts:
        """The alerts of the staff member logged in: the overdue applications of the cases they
        supervise, and every overdue application of the office for a section chief."""
        day = as_of or self._today()
        with self._uow() as uow:
            actor = self._actor(uow, actor_id)
            self._require(uow, actor, Action.READ_CASE, actor.office_id)
            chief = StaffRole.SECTION_CHIEF in actor.roles
            items = []
            for found, view in self._overdue(uow, actor.office_id, day):
                application = found.record
                case = uow.cases.get(application.case_id) if application.case_id else None
                if not chief and (case is None or case.record.supervisor_id != actor.id):
                    continue
                items.append(
                    StaffAlert(
                        kind=AlertKind.DEEMED_REJECTABLE,
                        application_id=application.id,
                        case_id=application.case_id,
                        applicant_name=application.applicant_name,
                        since=view.extended_due_on + timedelta(days=1),
                        message=(
                            f"{application.applicant_name} さんの申請（申請日 "
                            f"{application.received_on.isoformat()}）は30日を経過しても決定を"
                            "通知していません。申請者は却下されたものとみなすことができます"
                            "（生活保護法24条7項）"
                        ),
                    )
                )
            self._audit(
                uow,
                actor,
                AuditAction.READ,
                ("staff_alerts", actor.id),
                None,
                AccessPurpose.DECISION,
                f"{len(items)} alerts: " + ", ".join(i.application_id for i in items),
            )
            uow.commit()
        return StaffAlerts(staff_id=actor.id, as_of=day, items=items)

    def _overdue(
        self, uow: UnitOfWork, office_id: str, day: date
    ) -> list[tuple[Versioned[Application], DecisionClockView]]:
        """The office's applications past the extended limit on ``day``, notice not sent."""
        found = []
        for stored in uow.applications.unnotified(office_id):
            view = self._clock_view(stored.record, day, stops_at_notice=True)
            if view.state is ClockState.DEEMED_REJECTABLE:
                found.append((stored, view))
        return found

    def _pending_row(
        self, uow: UnitOfWork, found: Versioned[Application], view: DecisionClockView
    ) -> PendingApplication:
        application = found.record
        case = uow.cases.get(application.case_id) if application.case_id else None
        return PendingApplication(
            application_id=application.id,
            case_id=application.case_id,
            kind=application.kind,
            applicant_name=application.applicant_name,
            caseworker_id=case.record.caseworker_id if case else None,
            supervisor_id=case.record.supervisor_id if case else None,
            extension_reason=application.extension_reason,
            clock=view,
        )

    def _audit_list(
        self,
        uow: UnitOfWork,
        actor: StaffMember,
        record_type: str,
        office_id: str,
        rows: list[PendingApplication],
    ) -> None:
        self._audit(
            uow,
            actor,
            AuditAction.READ,
            (record_type, office_id),
            None,
            AccessPurpose.DECISION,
            f"{len(rows)} applications: " + ", ".join(r.application_id for r in rows),
        )

    def _application_view(self, stored: Versioned[Application], day: date) -> ApplicationView:
        return ApplicationView(
            application=stored.record,
            version=stored.version,
            case_id=str(stored.record.case_id),
            clock=self._clock_view(stored.record, day),
        )

    def _deadline_or_refuse(self, received_on: date) -> None:
        """Refuse (422, before anything is written) a date no deadline table covers."""
        try:
            decision_clock(self._calculator.standards, received_on)
        except StandardsError as exc:
            message = str(exc)
            raise InvalidRequestError(
                f"受付日 {received_on.isoformat()} の処理期限を求められません: "
                + message.split(" (")[0],
                f"no decision deadline for an application received on "
                f"{received_on.isoformat()}: {message}",
            ) from exc

    def _deadline(self, application: Application) -> DecisionClock:
        return decision_clock(self._calculator.standards, application.received_on)

    def _clock_view(
        self, application: Application, day: date, *, stops_at_notice: bool = False
    ) -> DecisionClockView:
        """The clock on ``day``; it stops at the decision, or (``stops_at_notice``) only once
        the decision is notified (法24条 counts to the notice)."""
        clock = self._deadline(application)
        if stops_at_notice:
            stopped = (
                application.notified_on is not None
                or application.status is ApplicationStatus.WITHDRAWN
            )
        else:
            stopped = application.status in _STOPPED
        state = clock.state(day, extension_reason=application.extension_reason, decided=stopped)
        extended = bool(application.extension_reason) or state is ClockState.DEEMED_REJECTABLE
        return DecisionClockView(
            received_on=clock.received_on,
            notice_due_on=clock.notice_due_on,
            extended_due_on=clock.extended_due_on,
            state=state,
            days_left=clock.days_left(day, extended=extended),
            edition=clock.edition,
        )
