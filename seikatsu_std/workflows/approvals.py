"""Approval stages (決裁の段階): who approves a decision next, and whether that approval is final.

Each office sets its stages (:class:`~seikatsu_std.model.office.OfficeSettings`): one
stage by default (a supervisor or the section chief), or, for example, the supervisor
first and the section chief last. A decision is final (決裁済) only when the last stage
approves; before that it is 決裁中. The rules here are pure: the service reads the
office's stages and the decision's approvals, asks :func:`next_approval`, and refuses
with the returned reason.

Beyond the stage's role, the authority rules still apply to every stage (a qualified
public official, never the drafter: :mod:`seikatsu_std.authority`); in addition no one
approves two stages of one decision, so that each stage is a second pair of eyes.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from seikatsu_std.model.decision import ApprovalEntry, ApprovalKind
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.model.office import ApprovalStage, StaffMember, StaffRole

APPROVAL_STAGES_LEGAL = LegalRef(
    law="地方自治法",
    article="第153条・第154条",
    summary="長はその権限に属する事務の一部を補助機関の職員に委任・専決させ、職員を指揮監督する（決裁の段階は実施機関の内部の定めによる）",
    status=Verification.UNVERIFIED,
    source="一般的な理解（条文未照合）; REQ-APP-022",
)


@attrs.frozen
class NextApproval:
    """The approval ``approver`` would give: its stage (from 1), role and kind."""

    stage: int
    role: StaffRole
    kind: ApprovalKind

    @property
    def final(self) -> bool:
        """Does this approval make the decision final (決裁済)?"""
        return self.kind is ApprovalKind.FINAL


@attrs.frozen
class StageRefusal:
    """Why ``approver`` may not approve the next stage (Japanese for the user, English for logs)."""

    reason_ja: str
    reason_en: str


def next_approval(
    stages: Sequence[ApprovalStage],
    approvals: Sequence[ApprovalEntry],
    approver: StaffMember,
) -> NextApproval | StageRefusal:
    """The next approval of a decision already approved ``approvals``, if ``approver`` may give it.

    When the office has reduced its stages while a decision was in approval, the next
    approval is the last one (the decision never waits for a stage that no longer exists).
    """
    done = len(approvals)
    index = min(done, len(stages) - 1)
    stage = stages[index]
    if any(entry.approved_by == approver.id for entry in approvals):
        return StageRefusal(
            "同じ職員が一つの決定の複数の段階を決裁することはできません",
            f"staff {approver.id} already approved an earlier stage of this decision",
        )
    roles = [role for role in stage.roles if role in approver.roles]
    if not roles:
        return StageRefusal(
            f"この決定の第{done + 1}段階の決裁は {stage.label()} が行います",
            f"stage {done + 1} is approved by {[r.value for r in stage.roles]}",
        )
    kind = ApprovalKind.FINAL if index == len(stages) - 1 else ApprovalKind.INTERMEDIATE
    return NextApproval(stage=done + 1, role=roles[0], kind=kind)
