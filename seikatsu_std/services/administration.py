"""The office's own organisation: its settings (approval stages, notice layout) and staff roles.

Set by the section chief (authority ``administer_office``); every change is audited.
Two things no setting and no administrator can do (REQ-APP-024, REQ-APP-025):

- let the drafter of a decision approve it — the request is refused with the rule;
- give an approving role (査察指導員・課長) to outsourced staff, or to anyone without the
  社会福祉主事 qualification — approving is a public official's act (生活保護法19条,
  社会福祉法15条6項).
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from seikatsu_std.authority import RULES, Action
from seikatsu_std.model.base import StdModel
from seikatsu_std.model.common import RecordId
from seikatsu_std.model.office import (
    APPROVER_ROLES,
    ApprovalStage,
    NoticeItem,
    OfficeSettings,
    StaffMember,
    StaffRole,
    WelfareOffice,
)
from seikatsu_std.services.audit import AuditAction
from seikatsu_std.services.base import ServiceBase
from seikatsu_std.services.errors import RuleViolationError
from seikatsu_std.services.ports import UnitOfWork, Versioned
from seikatsu_std.workflows.engine import Violation


class OfficeSettingsChange(StdModel):
    """福祉事務所の設定の変更（指定した項目だけを変える）。"""

    model_config = ConfigDict(title="福祉事務所の設定の変更")

    approval_stages: list[ApprovalStage] | None = Field(
        default=None,
        title="決裁の段階",
        description="決定が確定するまでの決裁の段階（順に。最後の段階の決裁で確定する）。",
        min_length=1,
    )
    notice_items: list[NoticeItem] | None = Field(
        default=None,
        title="決定通知書の記載事項",
        description="決定通知書の様式に置く記載事項（必要な事項を欠く様式では通知書を発行できない）。",
    )
    drafter_may_approve: bool | None = Field(
        default=None,
        title="起案者による決裁の許可",
        description=(
            "起案者が自らの起案を決裁することの許可。標準はこれを認めない: true は必ず"
            " 422 rule-violation で拒否される（REQ-APP-024）。"
        ),
    )


class OfficeSettingsView(StdModel):
    """福祉事務所の設定と版。"""

    model_config = ConfigDict(title="福祉事務所の設定")

    office_id: RecordId = Field(title="福祉事務所ID", description="設定の対象の福祉事務所。")
    settings: OfficeSettings = Field(title="設定", description="現在の設定。")
    version: int = Field(title="版", description="福祉事務所の記録の版。", ge=1)


class RoleGrant(StdModel):
    """職員への役割（権限）の付与。"""

    model_config = ConfigDict(title="役割の付与")

    role: StaffRole = Field(title="役割", description="付与する役割（査察指導員なら決裁の権限）。")


_NO_SELF_APPROVAL = Violation(
    "no_self_approval",
    "起案者による決裁を許可する設定はありません。起案者は自ら起案した決定（保護決定・返還金・徴収金の決定）を"
    "決裁できず、管理者の権限によってもこの制約は外せません",
    "no setting lets the drafter approve their own decision (REQ-APP-024)",
    RULES[Action.APPROVE_DECISION].legal,
)


class AdministrationService(ServiceBase):
    """Read and change an office's settings; grant roles to its staff."""

    def office_settings(self, actor_id: str, office_id: str) -> OfficeSettingsView:
        """The office's settings (any member of the office may read them)."""
        with self._uow() as uow:
            self._open_office(uow, actor_id, office_id, Action.READ_CASE)
            found = self._office(uow, office_id)
        return OfficeSettingsView(
            office_id=office_id, settings=found.record.settings, version=found.version
        )

    def change_office_settings(
        self, actor_id: str, office_id: str, change: OfficeSettingsChange
    ) -> OfficeSettingsView:
        """Change the items given; a request to let drafters approve is refused (nothing written)."""
        with self._uow() as uow:
            actor = self._open_office(uow, actor_id, office_id, Action.ADMINISTER_OFFICE)
            if change.drafter_may_approve:
                raise RuleViolationError([_NO_SELF_APPROVAL])
            found = self._office(uow, office_id)
            changed = change.model_dump(exclude_none=True, exclude={"drafter_may_approve"})
            settings = self._build(
                OfficeSettings, {**found.record.settings.model_dump(), **changed}
            )
            office = found.record.model_copy(update={"settings": settings})
            stored = uow.offices.replace(
                self._build(WelfareOffice, office.model_dump()), found.version
            )
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("office_settings", office_id),
                None,
                None,
                "changed: " + (", ".join(sorted(changed)) or "nothing"),
            )
            uow.commit()
        return OfficeSettingsView(
            office_id=office_id, settings=stored.record.settings, version=stored.version
        )

    def grant_role(self, actor_id: str, staff_id: str, grant: RoleGrant) -> StaffMember:
        """Give ``staff_id`` a role; an approving role only to a qualified public official."""
        with self._uow() as uow:
            found = self._get(uow.staff.get(staff_id), "職員", staff_id)
            member = found.record
            actor = self._open_office(uow, actor_id, member.office_id, Action.ADMINISTER_OFFICE)
            violations = _grant_violations(member, grant.role)
            if violations:
                raise RuleViolationError(violations)
            granted = self._build(
                StaffMember, {**member.model_dump(), "roles": [*member.roles, grant.role]}
            )
            stored = uow.staff.replace(granted, found.version)
            self._audit(
                uow,
                actor,
                AuditAction.UPDATE,
                ("staff_member", staff_id),
                None,
                None,
                f"role granted: {grant.role.value}",
            )
            uow.commit()
        return stored.record

    # ------------------------------------------------------------ helpers

    def _open_office(
        self, uow: UnitOfWork, actor_id: str, office_id: str, action: Action
    ) -> StaffMember:
        actor = self._actor(uow, actor_id)
        self._office(uow, office_id)
        self._require(uow, actor, action, office_id, record=("office", office_id))
        return actor

    def _office(self, uow: UnitOfWork, office_id: str) -> Versioned[WelfareOffice]:
        return self._get(uow.offices.get(office_id), "福祉事務所", office_id)


def _grant_violations(member: StaffMember, role: StaffRole) -> list[Violation]:
    """Why ``role`` may not be given to ``member`` (empty: it may)."""
    if role in member.roles:
        return [
            Violation(
                "role_not_held",
                f"職員 {member.id} はすでに{role.label}の役割を持っています",
                f"staff {member.id} already holds {role.value}",
            )
        ]
    if role not in APPROVER_ROLES:
        return []
    legal = RULES[Action.APPROVE_DECISION].legal
    violations = []
    if not member.is_public_official:
        violations.append(
            Violation(
                "approver_public_official",
                f"委託事業者の職員には{role.label}の役割（決裁の権限）を付与できません。"
                "決裁は公務員である職員に限ります",
                "outsourced staff cannot be given an approving role",
                legal,
            )
        )
    if not member.is_certified_welfare_officer:
        violations.append(
            Violation(
                "approver_certified",
                f"社会福祉主事の資格のない職員には{role.label}の役割（決裁の権限）を付与できません",
                "an approving role needs the 社会福祉主事 qualification",
                legal,
            )
        )
    return violations
