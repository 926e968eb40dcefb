"""A synthetic welfare office: staff of every role and a few hundred cases.

Used by the reference app's demo data, by tests and by the conformance kit's
in-process target. Everything is invented; the amounts are computed by the
engine from the shipped standards for :data:`DEMO_MONTH` (the last month of
the official 2020-10 tables, before winter), so every decision explains itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from seikatsu_std.calc import CalculationError, CalculationInput, Calculator
from seikatsu_std.calc.results import CalculationResult
from seikatsu_std.calc.synthetic import random_inputs
from seikatsu_std.formats.checkdigits import my_number_check_digit
from seikatsu_std.model import (
    AssistancePolicy,
    Case,
    Claim,
    Decision,
    Household,
    MedicalInstitution,
    PersonalNumberRecord,
    StaffMember,
    WelfareOffice,
)
from seikatsu_std.model.office import StaffRole
from seikatsu_std.services.demo_casework import assistance_policy, claim, has_claim
from seikatsu_std.services.models import CaseEvent, CaseEventKind
from seikatsu_std.services.ports import UnitOfWork

DEMO_MONTH = "2023-09"
JST = timezone(timedelta(hours=9))

#: (id, name, kana, roles, employment, qualified) of the demo staff.
DEMO_STAFF: tuple[tuple[str, str, str, tuple[StaffRole, ...], str, bool], ...] = (
    ("cw-01", "山田 太郎", "ヤマダ タロウ", (StaffRole.CASEWORKER,), "permanent", True),
    ("cw-02", "佐々木 美和", "ササキ ミワ", (StaffRole.CASEWORKER,), "permanent", True),
    ("cw-03", "井上 健", "イノウエ ケン", (StaffRole.CASEWORKER,), "fixed_term", True),
    ("cw-04", "森 由紀子", "モリ ユキコ", (StaffRole.CASEWORKER,), "permanent", True),
    ("sv-01", "佐藤 花子", "サトウ ハナコ", (StaffRole.SUPERVISOR,), "permanent", True),
    ("chief-01", "高橋 誠", "タカハシ マコト", (StaffRole.SECTION_CHIEF,), "permanent", True),
    ("med-01", "小川 恵", "オガワ メグミ", (StaffRole.MEDICAL_CLERK,), "fixed_term", False),
    ("acc-01", "中島 大輔", "ナカジマ ダイスケ", (StaffRole.ACCOUNTING_CLERK,), "permanent", False),
    ("out-01", "林 翔太", "ハヤシ ショウタ", (StaffRole.SUPPORT_STAFF,), "outsourced", False),
    ("aud-01", "石井 直美", "イシイ ナオミ", (StaffRole.AUDITOR,), "permanent", False),
)
CASEWORKERS = tuple(s[0] for s in DEMO_STAFF if StaffRole.CASEWORKER in s[3])

#: (id, 医療機関コード, name, kind, designated from, street) of the demo office's designated
#: medical institutions (invented; the codes carry valid check digits).
DEMO_INSTITUTIONS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "inst-clinic-01",
        "1310112345",
        "中野なかよしクリニック（デモ）",
        "clinic",
        "2020-04-01",
        "中野二丁目1番1号",
    ),
    (
        "inst-pharmacy-01",
        "1340112349",
        "中野あおば薬局（デモ）",
        "pharmacy",
        "2020-04-01",
        "中野三丁目2番2号",
    ),
    (
        "inst-dental-01",
        "1330112341",
        "中野さくら歯科（デモ）",
        "dental_clinic",
        "2020-04-01",
        "中野五丁目3番3号",
    ),
)
#: The demo clinic: the institution of a medical ticket when a scenario names none.
DEMO_CLINIC_ID = DEMO_INSTITUTIONS[0][0]


#: What the conformance kit's scenarios need of some demo cases, by case number: set on
#: the case's calculation input before it is priced, so that its decision still explains
#: itself (invented). case-00020 receives medical assistance (its medical tickets:
#: REQ-MED-004, REQ-MED-015); case-00030 is headed by a 第1号被保険者 and receives care
#: assistance too (its care tickets: REQ-CAR-003, REQ-CAR-009).
SCENARIO_NEEDS: dict[int, dict[str, Any]] = {
    20: {"in_kind": {"medical": 20_000}},
    30: {
        "in_kind": {"care": 15_000},
        "head": {"birth_date": "1950-05-01", "care_insurance": "first_insured"},
    },
}


def _with_needs(
    raw: dict[str, Any], needs: dict[str, Any], calculator: Calculator
) -> tuple[CalculationInput, CalculationResult]:
    """The calculation input ``raw`` with ``needs`` set, and its result (still in need)."""
    raw["in_kind"] = {**raw["in_kind"], **needs.get("in_kind", {})}
    head = raw["household"]["members"][0]
    assert head["relationship"] == "head", head
    head.update(needs.get("head", {}))
    calculation = CalculationInput.model_validate(raw)
    result = calculator.calculate(calculation, explain=False)
    if not result.need_test.in_need:
        raise ValueError(f"the scenario needs {needs} leave the household out of need")
    return calculation, result


@dataclass
class DemoOffice:
    """Everything of one synthetic office, ready to load into a unit of work."""

    office: WelfareOffice
    staff: list[StaffMember] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    calculations: list[CalculationInput] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    personal_numbers: list[PersonalNumberRecord] = field(default_factory=list)
    institutions: list[MedicalInstitution] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)
    assistance_policies: list[AssistancePolicy] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def load(self, uow: UnitOfWork) -> None:
        """Add every record through the ports (the caller commits)."""
        uow.offices.add(self.office)
        for member in self.staff:
            uow.staff.add(member)
        for household in self.households:
            uow.households.add(household)
        for case in self.cases:
            uow.cases.add(case)
        for calculation in self.calculations:
            uow.calculations.add(calculation)
        for decision in self.decisions:
            uow.decisions.add(decision)
        for record in self.personal_numbers:
            uow.personal_numbers.add(record)
        for institution in self.institutions:
            uow.medical_institutions.add(institution)
        for event in self.events:
            uow.events.add(event)
        for policy in self.assistance_policies:
            uow.assistance_policies.add(policy)
        for owed in self.claims:
            uow.claims.add(owed)


def demo_office(
    cases: int = 300, *, seed: int = 7, calculator: Calculator | None = None
) -> DemoOffice:
    """A synthetic 中野区福祉事務所 with ``cases`` cases (all computable for :data:`DEMO_MONTH`)."""
    calculator = calculator or Calculator()
    rng = random.Random(seed)
    # The casework draws from its own sequence: the cases are the same with or without it.
    casework = random.Random(f"casework-{seed}")
    office = WelfareOffice.model_validate(
        {
            "id": "office-nakano",
            "name": "中野区福祉事務所（デモ）",
            "office_type": "city",
            "local_government_code": "131148",
            "jurisdiction": ["131148"],
            "payer_number": "12131140",
            "address": {
                "prefecture": "東京都",
                "municipality": "中野区",
                "street": "中野四丁目11番19号",
            },
        }
    )
    demo = DemoOffice(office)
    for staff_id, name, kana, roles, employment, qualified in DEMO_STAFF:
        demo.staff.append(
            StaffMember.model_validate(
                {
                    "id": staff_id,
                    "office_id": office.id,
                    "name": name,
                    "name_kana": kana,
                    "roles": [r.value for r in roles],
                    "employment_type": employment,
                    "qualifications": ["certified_welfare_officer"] if qualified else [],
                    "active": {"start": "2020-04-01"},
                }
            )
        )
    demo.institutions.extend(
        MedicalInstitution.model_validate(
            {
                "id": institution_id,
                "institution_code": code,
                "name": name,
                "kind": kind,
                "designation": {"start": designated},
                "address": {"prefecture": "東京都", "municipality": "中野区", "street": street},
            }
        )
        for institution_id, code, name, kind, designated, street in DEMO_INSTITUTIONS
    )
    month_start = date.fromisoformat(f"{DEMO_MONTH}-01")
    generated = 0
    for raw in random_inputs(cases * 2, DEMO_MONTH, seed=seed):
        if generated >= cases:
            break
        raw["household"]["municipality_code"] = "131148"
        raw["household"]["address"] = {
            "prefecture": "東京都",
            "municipality": "中野区",
            "street": f"中野{rng.randint(1, 6)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号",
        }
        calculation = CalculationInput.model_validate(raw)
        try:
            result = calculator.calculate(calculation, explain=False)
        except CalculationError:
            continue
        if not result.need_test.in_need:
            continue
        generated += 1
        if generated in SCENARIO_NEEDS:
            calculation, result = _with_needs(raw, SCENARIO_NEEDS[generated], calculator)
        _add_case(demo, rng, generated, calculation, result, month_start)
        _add_casework(demo, casework, generated)
    return demo


def _add_casework(demo: DemoOffice, rng: random.Random, number: int) -> None:
    """The assistance policy of the case just added and, for some cases, a claim."""
    case, household = demo.cases[-1], demo.households[-1]
    as_of = date.fromisoformat(f"{DEMO_MONTH}-20")
    demo.assistance_policies.append(assistance_policy(case, household, rng, as_of))
    if has_claim(number):
        demo.claims.append(claim(case, rng, as_of))


def _add_case(
    demo: DemoOffice,
    rng: random.Random,
    number: int,
    calculation: CalculationInput,
    result: CalculationResult,
    month_start: date,
) -> None:
    household = calculation.household
    case_id = f"case-{number:05d}"
    caseworker = CASEWORKERS[number % len(CASEWORKERS)]
    opened = month_start - timedelta(days=rng.randint(30, 2000))
    demo.households.append(household)
    demo.cases.append(
        Case.model_validate(
            {
                "id": case_id,
                "case_number": f"N-{number:05d}",
                "office_id": demo.office.id,
                "household_id": household.id,
                "status": "active",
                "caseworker_id": caseworker,
                "supervisor_id": "sv-01",
                "visit_grade_code": rng.choice(("A", "B", "B", "C", "D")),
                "opened_on": opened.isoformat(),
            }
        )
    )
    demo.calculations.append(calculation)
    decided = month_start - timedelta(days=rng.randint(3, 20))
    demo.decisions.append(
        Decision.model_validate(
            {
                "id": f"dec-{number:05d}",
                "case_id": case_id,
                "kind": "change",
                "status": "notified",
                "decided_on": decided.isoformat(),
                "effective_on": month_start.isoformat(),
                "reasons": [f"{DEMO_MONTH} の世帯の状況と基準により扶助の額を改めます。"],
                "amounts": result.amounts.model_dump(),
                "minimum_living_cost": result.minimum_living_cost,
                "recognised_income": result.recognised_income,
                "own_payment": result.own_payment,
                "calculation_id": calculation.id,
                "drafted_by": caseworker,
                "drafted_on": (decided - timedelta(days=2)).isoformat(),
                "approved_by": "sv-01",
                "approved_on": decided.isoformat(),
                "approvals": [
                    {
                        "stage": 1,
                        "role": "supervisor",
                        "kind": "final",
                        "approved_by": "sv-01",
                        "approved_at": datetime.combine(decided, time(10), JST).isoformat(),
                    }
                ],
                "notified_on": decided.isoformat(),
            }
        )
    )
    head = household.head
    base = f"{rng.randrange(10**10, 10**11):011d}"
    demo.personal_numbers.append(
        PersonalNumberRecord.model_validate(
            {
                "id": f"pn-{number:05d}",
                "member_id": head.id,
                "my_number": base + my_number_check_digit(base),
                "obtained_on": opened.isoformat(),
                "identity_document": "my_number_card",
                "obtained_by": caseworker,
            }
        )
    )
    demo.events.extend(
        [
            CaseEvent(
                case_id=case_id,
                at=datetime.combine(opened, datetime.min.time(), JST),
                kind=CaseEventKind.OPENED,
                actor_id=caseworker,
                summary="保護を開始しました。",
            ),
            CaseEvent(
                case_id=case_id,
                at=datetime.combine(decided, datetime.min.time(), JST),
                kind=CaseEventKind.DECISION,
                actor_id="sv-01",
                summary=f"変更決定（{DEMO_MONTH}）: 金銭給付額 {result.cash_benefit:,}円。",
            ),
        ]
    )
