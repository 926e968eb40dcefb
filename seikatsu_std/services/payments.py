"""Ad-hoc payments (随時支給), made on an approved decision.

An ad-hoc payment pays a one-off need of a running case outside the monthly
run. It rests on an approved decision of the case that sets the assistance
(REQ-APP-022; see :mod:`seikatsu_std.services.benefits`); its net amount is the
sum of its lines, it is scheduled (支給予定) and carries the caller's
idempotency key: asking again with the same key returns the payment already
made instead of paying twice. Reserved to the accounting staff (authority
``manage_payments``); every payment is audited.
"""

from __future__ import annotations

import uuid

from seikatsu_std.authority import Action
from seikatsu_std.model.payments import Payment, PaymentKind, PaymentMethod, PaymentStatus
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.benefits import BenefitServiceBase
from seikatsu_std.services.errors import RuleViolationError
from seikatsu_std.services.ticket_models import AdHocPaymentRequest
from seikatsu_std.workflows.engine import Violation


class PaymentService(BenefitServiceBase):
    """Make ad-hoc payments on an approved decision."""

    def create_ad_hoc_payment(
        self, actor_id: str, case_id: str, request: AdHocPaymentRequest
    ) -> Payment:
        """Schedule the ad-hoc payment of ``request`` (or return the one made with its key)."""
        with self._uow() as uow:
            basis = self._basis(
                uow,
                actor_id,
                case_id,
                Action.MANAGE_PAYMENTS,
                (request.decision_id, request.month),
                what="随時支給",
                record_type="payment",
            )
            for found in uow.payments.for_case(case_id):
                if found.record.idempotency_key == request.idempotency_key:
                    self._audit(
                        uow,
                        basis.actor,
                        AuditAction.READ,
                        ("payment", found.record.id),
                        case_id,
                        AccessPurpose.PAYMENT,
                        f"idempotency_key={request.idempotency_key} already used",
                    )
                    uow.commit()
                    return found.record
            if request.method is PaymentMethod.PROXY:
                raise RuleViolationError(
                    [
                        Violation(
                            "ad_hoc_method",
                            "随時支給は口座振込か窓口払で行います（代理納付は定例支給で扱います）",
                            "an ad-hoc payment is paid by bank transfer or at the counter",
                        )
                    ]
                )
            payment = self._build(
                Payment,
                {
                    "id": f"payment-{uuid.uuid4().hex[:16]}",
                    "case_id": case_id,
                    "decision_ids": [basis.decision.id],
                    "kind": PaymentKind.AD_HOC,
                    "month": request.month,
                    "lines": request.lines,
                    "net_amount": sum(line.amount for line in request.lines),
                    "method": request.method,
                    "bank_account": request.bank_account,
                    "scheduled_on": request.scheduled_on,
                    "status": PaymentStatus.SCHEDULED,
                    "idempotency_key": request.idempotency_key,
                },
            )
            uow.payments.add(payment)
            self._audit(
                uow,
                basis.actor,
                AuditAction.CREATE,
                ("payment", payment.id),
                case_id,
                AccessPurpose.PAYMENT,
                f"decision={basis.decision.id} ad_hoc net={payment.net_amount}",
            )
            uow.commit()
        return payment
