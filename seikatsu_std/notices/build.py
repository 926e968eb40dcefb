"""Make a :class:`DecisionNotice` from the library's records, or refuse.

The builder checks that the records may be notified at all (approved,
consistent with each other, reasons and amounts present, the 14-day rule of
生活保護法24条5項 kept) and never fills a gap with a guess: every refusal is a
:class:`NoticeError` whose message says, in Japanese and then in English, what
is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from seikatsu_std.calc.engine import IN_KIND
from seikatsu_std.calc.results import CalculationResult
from seikatsu_std.formats.wareki import format_wareki
from seikatsu_std.model.case import Case
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.decision import (
    FINAL_STATUSES,
    KINDS_WITH_AMOUNTS,
    PRICED_KINDS,
    AssistanceAmounts,
    Decision,
    DecisionKind,
    TerminationReason,
)
from seikatsu_std.model.household import Household
from seikatsu_std.model.intake import Application, ApplicationKind
from seikatsu_std.model.office import NoticeItem, OfficeSettings, StaffMember, WelfareOffice
from seikatsu_std.notices.model import (
    AmountLine,
    AppealInstructions,
    DeadlineExtension,
    DecisionNotice,
    LivingCostBreakdown,
    NoticeAmounts,
    NoticeParty,
)
from seikatsu_std.notices.parameters import (
    AppealPeriods,
    CourtChallengePeriods,
    appeal_periods,
    court_challenge_periods,
    default_standards,
    local_government_name,
    notice_deadline,
)
from seikatsu_std.standards import Standards, StandardsError


class NoticeError(ValueError):
    """The records cannot be made into a notice (the message says why)."""


#: 通知書の表題 by kind of decision.
TITLES: dict[DecisionKind, str] = {
    DecisionKind.START: "保護開始決定通知書",
    DecisionKind.REJECTION: "保護申請却下通知書",
    DecisionKind.CHANGE: "保護変更決定通知書",
    DecisionKind.SUSPENSION: "保護停止決定通知書",
    DecisionKind.TERMINATION: "保護廃止決定通知書",
}

#: Heading of the effective date by kind (a rejection has none).
EFFECTIVE_LABELS: dict[DecisionKind, str] = {
    DecisionKind.START: "保護を開始する日",
    DecisionKind.CHANGE: "変更する日",
    DecisionKind.SUSPENSION: "保護を停止する日",
    DecisionKind.TERMINATION: "保護を廃止する日",
}

#: Decisions on an application, to which the notice deadline applies (法24条5項・9項).
_ON_APPLICATION = (DecisionKind.START, DecisionKind.REJECTION, DecisionKind.CHANGE)

#: Which applications each kind of decision may answer (a rejection answers either).
_APPLICATION_KINDS: dict[DecisionKind, tuple[ApplicationKind, ...]] = {
    DecisionKind.START: (ApplicationKind.START,),
    DecisionKind.CHANGE: (ApplicationKind.CHANGE,),
}

#: What every notice carries whatever the office's layout (法24条4項: reasons; 行政不服審査法82条
#: and 行政事件訴訟法46条: the instructions on review and on a lawsuit).
_ALWAYS = (
    NoticeItem.DECISION,
    NoticeItem.REASONS,
    NoticeItem.REVIEW_INSTRUCTION,
    NoticeItem.COURT_INSTRUCTION,
)


def required_notice_items(kind: DecisionKind) -> tuple[NoticeItem, ...]:
    """The items a notice of ``kind`` must carry (the amounts: decisions with amounts)."""
    return _ALWAYS + ((NoticeItem.AMOUNTS,) if kind in KINDS_WITH_AMOUNTS else ())


def missing_notice_items(settings: OfficeSettings, kind: DecisionKind) -> list[NoticeItem]:
    """The required items of a notice of ``kind`` that the office's layout leaves out."""
    return [item for item in required_notice_items(kind) if item not in settings.notice_items]


_SUBJECT = {ApplicationKind.START: "生活保護", ApplicationKind.CHANGE: "保護の変更"}


def build_decision_notice(
    *,
    office: WelfareOffice,
    case: Case,
    household: Household,
    decision: Decision,
    application: Application | None,
    notice_date: date,
    notice_number: str,
    calculation: CalculationResult | None = None,
    caseworker: StaffMember | None = None,
    standards: Standards | None = None,
) -> DecisionNotice:
    """The notice of ``decision``, dated ``notice_date`` and numbered ``notice_number``.

    ``application`` is the application decided on (``None`` only for a decision
    made ex officio, i.e. one whose ``application_id`` is empty). ``calculation``
    is the result the decision cites (``decision.calculation_id``); when given,
    the notice shows the breakdown of the minimum cost of living. ``caseworker``
    is the case's caseworker, printed as the contact person. ``standards``
    defaults to the shipped tables plus environment overlays.

    Raises :class:`NoticeError` when the records may not be notified.
    """
    tables = standards if standards is not None else default_standards()
    missing = missing_notice_items(office.settings, decision.kind)
    if missing:
        names = "・".join(item.label for item in missing)
        raise NoticeError(
            f"福祉事務所の決定通知書の様式に{names}がありません。必要な記載事項を欠く通知書は発行できません "
            "(the office's notice layout lacks required items)"
        )
    _check_records(office, case, household, decision, application, caseworker)
    decided_on = _approved_on(decision, notice_date)
    if not notice_number.strip():
        raise NoticeError("文書番号がありません (notice_number is blank)")
    reasons = _reasons(decision)
    received_on = application.received_on if application is not None else None
    if received_on is not None and decided_on < received_on:
        raise NoticeError(
            f"決定日（{format_wareki(decided_on)}）が申請日（{format_wareki(received_on)}）より前です "
            "(decision dated before the application)"
        )
    amounts = _amounts(decision)
    withdrawal_on = _withdrawal_date(decision)
    editions: list[str] = []
    try:
        extension = _extension(tables, decision, application, notice_date, editions)
        periods = appeal_periods(tables, decided_on)
        court = court_challenge_periods(tables, decided_on)
        defendant = local_government_name(
            tables, office.local_government_code, decided_on, office.address.prefecture
        )
    except StandardsError as exc:
        raise NoticeError(
            f"通知書の期間を基準表から得られません: {exc} (notice periods unavailable)"
        ) from exc
    editions += [periods.edition, court.edition]
    breakdown = _breakdown(decision, calculation)
    priced = decision.kind in PRICED_KINDS
    head = household.head
    return DecisionNotice(
        notice_number=notice_number.strip(),
        notice_date=notice_date,
        kind=decision.kind,
        title=TITLES[decision.kind],
        lead=_lead(decision, application),
        issuer=NoticeParty(name=office.name, address=office.address),
        addressee=NoticeParty(name=head.name, address=household.address),
        case_number=case.case_number,
        application_received_on=received_on,
        decided_on=decided_on,
        effective_on=None if decision.kind is DecisionKind.REJECTION else decision.effective_on,
        effective_label=EFFECTIVE_LABELS.get(decision.kind),
        rejection_reason=decision.rejection_reason,
        termination_reason=decision.termination_reason,
        withdrawal_declared_on=withdrawal_on,
        reasons=reasons,
        amounts=amounts,
        minimum_living_cost=_figure(
            decision.minimum_living_cost,
            calculation.minimum_living_cost if calculation else None,
            "最低生活費",
        ),
        recognised_income=_figure(
            decision.recognised_income,
            calculation.recognised_income if calculation else None,
            "収入充当額",
        ),
        own_payment=decision.own_payment if priced else None,
        living_cost_breakdown=breakdown,
        deadline_extension=extension,
        appeal=_appeal(periods, court, office, defendant),
        contact_person=caseworker.name
        if caseworker is not None and NoticeItem.CONTACT in office.settings.notice_items
        else None,
        parameter_editions=editions,
    )


# ------------------------------------------------------------------ checks


def _check_records(
    office: WelfareOffice,
    case: Case,
    household: Household,
    decision: Decision,
    application: Application | None,
    caseworker: StaffMember | None,
) -> None:
    """Refuse records that do not belong together."""
    pairs: list[tuple[bool, str]] = [
        (decision.case_id == case.id, "決定がこのケースのものではありません (decision.case_id)"),
        (
            case.office_id == office.id,
            "ケースがこの福祉事務所のものではありません (case.office_id)",
        ),
        (case.household_id == household.id, "世帯がこのケースのものではありません (household)"),
    ]
    if decision.application_id is not None and application is None:
        pairs.append(
            (
                False,
                "申請に対する決定ですが、申請の記録が渡されていません "
                "(the decision names an application: pass it)",
            )
        )
    if application is not None:
        expected = _APPLICATION_KINDS.get(decision.kind, tuple(ApplicationKind))
        pairs += [
            (
                application.kind in expected,
                f"{application.kind.label}に{decision.kind.label}の決定はできません "
                "(application kind does not fit the decision kind)",
            ),
            (
                decision.application_id == application.id,
                "申請が決定の対象の申請ではありません (application.id differs from decision.application_id)",
            ),
            (
                application.household_id == household.id,
                "申請がこの世帯のものではありません (application.household_id)",
            ),
            (
                application.office_id == office.id,
                "申請がこの福祉事務所で受け付けたものではありません (application.office_id)",
            ),
        ]
    if caseworker is not None:
        pairs.append(
            (
                caseworker.id == case.caseworker_id and caseworker.office_id == office.id,
                "担当者がこのケースの担当現業員ではありません (caseworker is not the case's)",
            )
        )
    for ok, message in pairs:
        if not ok:
            raise NoticeError(f"記録の組合せが正しくありません: {message}")


def _approved_on(decision: Decision, notice_date: date) -> date:
    """The decision date, once the decision is approved and not after ``notice_date``."""
    if decision.status not in FINAL_STATUSES or decision.decided_on is None:
        raise NoticeError("決裁されていない決定の通知書は作れません (decision not approved)")
    decided_on = decision.decided_on
    if notice_date < decided_on:
        raise NoticeError(
            f"通知日（{format_wareki(notice_date)}）が決定日（{format_wareki(decided_on)}）より前です "
            "(notice_date before the decision)"
        )
    if decision.notified_on is not None and decision.notified_on != notice_date:
        raise NoticeError(
            f"この決定は {format_wareki(decision.notified_on)} に通知済みです。通知日を合わせてください "
            "(notice_date differs from the recorded notified_on)"
        )
    return decided_on


def _reasons(decision: Decision) -> list[str]:
    reasons = [reason.strip() for reason in decision.reasons if reason.strip()]
    if reasons:
        return reasons
    if decision.kind is DecisionKind.REJECTION:
        raise NoticeError(
            "却下の理由がありません。却下の通知書には理由を記載しなければなりません"
            "（生活保護法第24条第4項） (rejection without reasons)"
        )
    raise NoticeError(f"{decision.kind.label}の決定の理由がありません (decision without reasons)")


def _amounts(decision: Decision) -> NoticeAmounts | None:
    if decision.kind not in KINDS_WITH_AMOUNTS:
        return None
    if decision.amounts is None:
        raise NoticeError(
            f"{decision.kind.label}の決定に扶助別の額がありません。保護の程度を記載できません "
            "(decision without its amounts)"
        )
    lines = _lines(decision.amounts, keep=lambda kind, amount: True)
    return NoticeAmounts(
        lines=lines,
        cash_total=sum(line.amount for line in lines if not line.in_kind),
        in_kind_total=sum(line.amount for line in lines if line.in_kind),
    )


def _lines(
    amounts: AssistanceAmounts, keep: Callable[[AssistanceKind, int], bool]
) -> list[AmountLine]:
    return [
        AmountLine(kind=kind, amount=amounts.amount(kind), in_kind=kind in IN_KIND)
        for kind in AssistanceKind
        if keep(kind, amounts.amount(kind))
    ]


def _withdrawal_date(decision: Decision) -> date | None:
    if decision.termination_reason is not TerminationReason.WITHDRAWAL:
        return None
    received_on = decision.withdrawal.received_on if decision.withdrawal else None
    if received_on is None:
        raise NoticeError(
            "辞退による廃止ですが、本人の辞退届の受領の記録がありません "
            "(termination by withdrawal without the withdrawal declaration)"
        )
    return received_on


def _extension(
    tables: Standards,
    decision: Decision,
    application: Application | None,
    notice_date: date,
    editions: list[str],
) -> DeadlineExtension | None:
    """The extension reason, when the notice is later than the deadline (法24条5項)."""
    if application is None or decision.kind not in _ON_APPLICATION:
        return None
    deadline = notice_deadline(tables, application.received_on)
    editions.append(deadline.edition)
    if not deadline.exceeded_by(notice_date):
        return None
    reason = (decision.deadline_extension_reason or "").strip()
    if not reason:
        raise NoticeError(
            f"申請日（{format_wareki(deadline.received_on)}）から{deadline.notice_days}日を超えて"
            f"通知するのに、その理由が決定に記録されていません（{deadline.citation.cite()}） "
            "(notice later than the deadline after the application without deadline_extension_reason)"
        )
    return DeadlineExtension(
        received_on=deadline.received_on,
        notice_days=deadline.notice_days,
        due_on=deadline.due_on,
        reason=reason,
        citation=deadline.citation.cite(),
    )


def _figure(recorded: int | None, calculated: int | None, name: str) -> int | None:
    """A figure from the decision, or from the calculation it cites; both must agree."""
    if recorded is not None and calculated is not None and recorded != calculated:
        raise NoticeError(
            f"決定の{name}（{recorded:,}円）が根拠の計算結果（{calculated:,}円）と違います "
            f"({name}: decision and its calculation disagree)"
        )
    return recorded if recorded is not None else calculated


def _breakdown(
    decision: Decision, calculation: CalculationResult | None
) -> LivingCostBreakdown | None:
    if calculation is None:
        return None
    if decision.calculation_id is None:
        raise NoticeError(
            "決定に計算IDがないため、渡された計算結果がこの決定の根拠か確かめられません "
            "(decision has no calculation_id)"
        )
    if decision.calculation_id != calculation.id:
        raise NoticeError(
            f"計算結果（{calculation.id}）が決定の根拠の計算（{decision.calculation_id}）ではありません "
            "(calculation is not the one the decision cites)"
        )
    lines = _lines(calculation.needs, keep=lambda kind, amount: amount > 0)
    return LivingCostBreakdown(
        month=calculation.month,
        lines=lines,
        total=sum(line.amount for line in lines),
        prorated=calculation.proration is not None,
    )


# ------------------------------------------------------------------ wording


def _lead(decision: Decision, application: Application | None) -> str:
    kind = decision.kind
    if application is not None and kind in _ON_APPLICATION:
        subject = (
            f"{format_wareki(application.received_on)}付けで申請のあった"
            f"{_SUBJECT[application.kind]}について、"
        )
        outcome = {
            DecisionKind.START: "次のとおり保護を開始することに決定したので通知します。",
            DecisionKind.REJECTION: "次の理由により申請を却下することに決定したので通知します。",
            DecisionKind.CHANGE: "次のとおり決定したので通知します。",
        }[kind]
        return subject + outcome
    effective = format_wareki(decision.effective_on)
    if kind is DecisionKind.SUSPENSION:
        return f"あなたの世帯の保護について、次の理由により{effective}から停止することに決定したので通知します。"
    if kind is DecisionKind.TERMINATION:
        by_withdrawal = decision.termination_reason is TerminationReason.WITHDRAWAL
        cause = "あなたからの辞退の申出により、" if by_withdrawal else "次の理由により、"
        return f"あなたの世帯の保護について、{cause}{effective}付けで廃止することに決定したので通知します。"
    return f"あなたの世帯の保護について、次のとおり{effective}から変更することに決定したので通知します。"


def appeal_text(periods: AppealPeriods, authority: str) -> list[str]:
    """The appeal instructions (教示) printed on every notice."""
    return [
        "この決定に不服があるときは、この決定があったことを知った日の翌日から起算して"
        f"{periods.months_after_learning}か月以内に、{authority}に対して審査請求をすることができます"
        f"（{periods.authority_basis.cite()}、{periods.period_basis.cite()}）。",
        "ただし、上記の期間内であっても、この決定の日の翌日から起算して"
        f"{periods.years_after_decision}年を経過すると、審査請求をすることができなくなります"
        f"（{periods.limit_basis.cite()}）。",
    ]


def _head_of(local_government: str) -> str:
    """The title of a local government's head: 東京都知事, 横浜市長, 中野区長, ○○町長."""
    if local_government.endswith(("都", "道", "府", "県")):
        return f"{local_government}知事"
    return f"{local_government}長"


def lawsuit_text(periods: CourtChallengePeriods, defendant: str) -> list[str]:
    """The instructions on suing to annul the decision (行政事件訴訟法46条), printed on every notice."""
    return [
        "この決定の取消しを求める訴訟は、上記の審査請求に対する裁決を経た後でなければ提起する"
        f"ことができません（{periods.review_first_basis.cite()}）。",
        f"訴訟は、{defendant}を被告として（訴訟において{defendant}を代表する者は{_head_of(defendant)}となります）、"
        f"裁決があったことを知った日から{periods.months_after_learning}か月以内に提起することができます"
        f"（{periods.defendant_basis.cite()}、{periods.period_basis.cite()}）。",
        "ただし、上記の期間内であっても、裁決の日から"
        f"{periods.years_after_ruling}年を経過すると、訴訟を提起することができなくなります"
        f"（{periods.limit_basis.cite()}）。",
    ]


def _appeal(
    periods: AppealPeriods, court: CourtChallengePeriods, office: WelfareOffice, defendant: str
) -> AppealInstructions:
    authority = f"{office.address.prefecture}知事"
    return AppealInstructions(
        authority=authority,
        months_after_learning=periods.months_after_learning,
        years_after_decision=periods.years_after_decision,
        text=appeal_text(periods, authority),
        legal_basis=[periods.authority_basis, periods.period_basis, periods.limit_basis],
        lawsuit_defendant=defendant,
        lawsuit_months_after_learning=court.months_after_learning,
        lawsuit_years_after_ruling=court.years_after_ruling,
        lawsuit_text=lawsuit_text(court, defendant),
        lawsuit_legal_basis=[
            court.review_first_basis,
            court.defendant_basis,
            court.period_basis,
            court.limit_basis,
            court.instruction_basis,
        ],
    )
