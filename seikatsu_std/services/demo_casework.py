"""The casework of the synthetic demo office: an assistance policy per case, a few claims.

Everything is invented. The policy follows the household (an elderly head, school
children, a head of working age, a disability, a stay in hospital); claims are the
two common kinds: repayment of a pension paid retroactively (法63条) and collection
of earnings that were not reported (法78条, with a surcharge within the 40% the Act
allows). Drawn from their own random sequence, so the cases, amounts and My Numbers
of the demo office are the same with or without them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from seikatsu_std.model import AssistancePolicy, Case, Claim, Household
from seikatsu_std.model.household import HouseholdMember, Residence
from seikatsu_std.model.self_reliance import IndependenceType

#: The start of the fiscal year of the demo month: policies are reviewed every fiscal year.
POLICY_YEAR_START = date(2023, 4, 1)
#: Every how many cases one has a claim (and the case number it starts from: case-00007 has one).
CLAIM_EVERY, FIRST_CLAIM = 10, 7
_SCHOOL = frozenset({"elementary", "junior_high", "high_school"})


@dataclass(frozen=True)
class _Part:
    """One concern of a household: the problem, a measurable goal (months to reach it), the help."""

    problem: str
    goal: str
    target: str
    months: int
    independence: IndependenceType
    help: str


_ELDERLY = _Part(
    "世帯主は高齢で持病があり、通院と服薬を欠かせないが、体調の変化に気付く人が近くにいない。",
    "通院と服薬を自分で続け、体調を崩さずに在宅の生活を続ける。",
    "6か月間、予定どおり月1回以上通院し、入院に至らない。",
    6,
    IndependenceType.DAILY_LIFE,
    "定期訪問で通院・服薬と生活状況を確かめ、地域包括支援センターと見守りを分担する。",
)
_CHILDREN = _Part(
    "子どもの学習の場が家庭になく、進路の相談相手がいない。",
    "子どもが学習支援の教室に通い、希望する進路を選ぶ。",
    "学習支援の教室に月4回以上通い、年度末までに進路の希望を学校と共有する。",
    11,
    IndependenceType.SOCIAL_LIFE,
    "子どもの学習・生活支援事業を案内し、学校と連絡を取って進学の費用の制度を説明する。",
)
_WORK = _Part(
    "世帯主は稼働年齢にあるが、離職後の求職活動が続いていない。",
    "世帯主が就労を始め、収入を得る。",
    "6か月以内に週20時間以上の雇用契約を結ぶ。",
    6,
    IndependenceType.ECONOMIC,
    "就労支援員と連携して求職活動を支え、ハローワークへの同行と職業訓練の案内を行う。",
)
_DISABILITY = _Part(
    "障害のため一般就労が難しく、日中に通う場所がない。",
    "日中活動の場に通い、生活のリズムを整える。",
    "3か月以内に就労継続支援等の事業所に週3日以上通う。",
    3,
    IndependenceType.SOCIAL_LIFE,
    "障害福祉の担当課・相談支援専門員と連携し、障害福祉サービスの利用を調整する。",
)
_HOSPITAL = _Part(
    "世帯員が入院しており、退院後の住まいと生活の見通しが立っていない。",
    "退院後の住まいと介護・医療の支えを整えて在宅に戻る。",
    "主治医の退院の判断から1か月以内に在宅の生活を始める。",
    9,
    IndependenceType.DAILY_LIFE,
    "入院先の医療ソーシャルワーカーと退院の時期と在宅の支援を調整する。",
)
_ROUTINE = _Part(
    "生活費のやりくりが月末に苦しくなり、公共料金の支払が遅れることがある。",
    "家計を自分で管理し、公共料金を期限までに支払う。",
    "3か月連続で公共料金を期限内に支払う。",
    3,
    IndependenceType.DAILY_LIFE,
    "家計改善支援を案内し、訪問時に家計の記録を一緒に確かめる。",
)


def _age(member: HouseholdMember, on: date) -> int:
    born = member.birth_date
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _concerns(household: Household, on: date) -> list[_Part]:
    head = household.head
    age = _age(head, on)
    members = household.members
    found = []
    if age >= 65:
        found.append(_ELDERLY)
    elif head.disability is not None:
        found.append(_DISABILITY)
    else:
        found.append(_WORK)
    if any(m.school.value in _SCHOOL for m in members):
        found.append(_CHILDREN)
    if any(m.residence is Residence.HOSPITAL for m in members):
        found.append(_HOSPITAL)
    return found if len(found) > 1 else [*found, _ROUTINE]


def _months_later(day: date, months: int) -> date:
    """The last day of the month ``months`` after ``day``'s month."""
    year, month = divmod(day.month - 1 + months + 1, 12)
    return date(day.year + year, month + 1, 1) - timedelta(days=1)


def assistance_policy(
    case: Case, household: Household, rng: random.Random, as_of: date
) -> AssistancePolicy:
    """The case's policy of this fiscal year (from the opening if it opened this year)."""
    assert case.opened_on is not None
    start = max(case.opened_on, POLICY_YEAR_START)
    decided = start + timedelta(days=rng.randint(3, 14))
    concerns = _concerns(household, as_of)
    return AssistancePolicy.model_validate(
        {
            "id": f"policy-{case.id.removeprefix('case-')}-{start.year}",
            "case_id": case.id,
            "effective": {"start": start.isoformat(), "end": f"{POLICY_YEAR_START.year + 1}-03-31"},
            "problems": [c.problem for c in concerns],
            "goals": [
                {
                    "statement": c.goal,
                    "target": c.target,
                    "due_on": _months_later(start, c.months).isoformat(),
                    "independence_type": c.independence.value,
                }
                for c in concerns
            ],
            "planned_help": [c.help for c in concerns],
            "decided_on": decided.isoformat(),
            "decided_by_staff_id": case.caseworker_id,
            "approved_by_staff_id": case.supervisor_id,
            "approved_on": (decided + timedelta(days=rng.randint(1, 7))).isoformat(),
            "next_review_on": _months_later(start, 6).isoformat(),
        }
    )


def has_claim(number: int) -> bool:
    """Whether the demo case numbered ``number`` owes a claim."""
    return number % CLAIM_EVERY == FIRST_CLAIM % CLAIM_EVERY


def claim(case: Case, rng: random.Random, as_of: date) -> Claim:
    """A claim of the case, notified to the debtor before ``as_of``."""
    assert case.opened_on is not None
    assessed = max(
        case.opened_on + timedelta(days=14), as_of - timedelta(days=rng.randint(20, 200))
    )
    notified = assessed + timedelta(days=rng.randint(2, 10))
    common = {
        "id": f"claim-{case.id.removeprefix('case-')}-1",
        "case_id": case.id,
        "assessed_on": assessed.isoformat(),
        "decided_by": case.caseworker_id,
        "notice_issued_on": notified.isoformat(),
        "due_on": (notified + timedelta(days=30)).isoformat(),
        "status": "notified" if notified + timedelta(days=30) >= as_of else "overdue",
    }
    if rng.random() < 0.6:
        paid = rng.randrange(120_000, 600_000, 1_000)
        pension = rng.randrange(paid // 2, paid, 1_000)
        return Claim.model_validate(
            {
                **common,
                "basis": "art63",
                "principal": pension,
                "means_source": "retroactive_benefit",
                "means_amount": pension,
                "assistance_paid": paid,
                "savings_from_benefits_checked": False,
                "legal_basis_note": (
                    "障害年金の遡及裁定により、保護の開始後の期間の年金がまとめて支給された。"
                    "遡及分の全額を資力とし、同じ期間に支給した保護費の範囲で返還を求める。"
                ),
            }
        )
    principal = rng.randrange(50_000, 300_000, 1_000)
    return Claim.model_validate(
        {
            **common,
            "basis": "art78",
            "principal": principal,
            "surcharge": principal * rng.choice((0, 10, 20, 40)) // 100,
            "savings_from_benefits_checked": False,
            "legal_basis_note": (
                "勤務先への調査で、収入の申告のない期間の給与収入が判明した。申告の指導を繰り返し"
                "受けていたため不正な受給と判断し、その期間の収入に相当する額を徴収する。"
            ),
        }
    )
