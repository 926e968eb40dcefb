"""Synthetic calculation inputs: concise builders for tests and vectors, and a
seeded generator of realistic caseloads for benchmarks and demo data.

Nothing here is real data: names are invented, municipality codes are real
codes (so that 級地 and housing limits resolve).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

#: Municipalities used by the generator: (code, prefecture, municipality) — one per 級地
#: and winter region mix, all present in the shipped municipality table.
SAMPLE_MUNICIPALITIES: tuple[tuple[str, str, str], ...] = (
    ("131148", "東京都", "中野区"),
    ("011002", "北海道", "札幌市"),
    ("271004", "大阪府", "大阪市"),
    ("141003", "神奈川県", "横浜市"),
    ("231002", "愛知県", "名古屋市"),
    ("401307", "福岡県", "福岡市"),
    ("022012", "青森県", "青森市"),
    ("152021", "新潟県", "長岡市"),
    ("202011", "長野県", "長野市"),
    ("172014", "石川県", "金沢市"),
    ("092011", "栃木県", "宇都宮市"),
    ("472018", "沖縄県", "那覇市"),
)

_FAMILY = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤")
_FAMILY_KANA = (
    "サトウ",
    "スズキ",
    "タカハシ",
    "タナカ",
    "イトウ",
    "ワタナベ",
    "ヤマモト",
    "ナカムラ",
    "コバヤシ",
    "カトウ",
)
_GIVEN = ("一郎", "花子", "健太", "美咲", "翔", "陽菜", "大輔", "結衣", "誠", "葵")
_GIVEN_KANA = (
    "イチロウ",
    "ハナコ",
    "ケンタ",
    "ミサキ",
    "ショウ",
    "ヒナ",
    "ダイスケ",
    "ユイ",
    "マコト",
    "アオイ",
)


def member(
    member_id: str,
    birth_date: str,
    *,
    relationship: str = "head",
    sex: str = "female",
    school: str = "not_in_school",
    residence: str = "at_home",
    care_insurance: str | None = None,
    disability: dict[str, Any] | None = None,
    separated: bool = False,
    name: tuple[int, int] = (0, 0),
) -> dict[str, Any]:
    """One household member in JSON shape (care insurance derived from age if not given)."""
    born = date.fromisoformat(birth_date)
    data: dict[str, Any] = {
        "id": member_id,
        "name": f"{_FAMILY[name[0] % 10]} {_GIVEN[name[1] % 10]}",
        "name_kana": f"{_FAMILY_KANA[name[0] % 10]} {_GIVEN_KANA[name[1] % 10]}",
        "birth_date": birth_date,
        "sex": sex,
        "relationship": relationship,
        "residence": residence,
        "separated": separated,
        "school": school,
        "care_insurance": care_insurance or _care_insurance(born),
    }
    if disability:
        data["disability"] = disability
    return data


def _care_insurance(born: date, today: date = date(2023, 4, 1)) -> str:
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age >= 65:
        return "first_insured"
    if age >= 40:
        return "second_insured"
    return "not_applicable"


def calculation_input(
    calculation_id: str,
    month: str,
    members: Sequence[dict[str, Any]],
    *,
    municipality: tuple[str, str, str] = SAMPLE_MUNICIPALITIES[0],
    tenure: str = "private_rental",
    rent: int | None = 50_000,
    facts: Sequence[dict[str, Any]] = (),
    incomes: Sequence[dict[str, Any]] = (),
    in_kind: dict[str, int] | None = None,
    one_off: Sequence[dict[str, Any]] = (),
    covered_from: str | None = None,
    covered_to: str | None = None,
) -> dict[str, Any]:
    """A calculation input in JSON shape (validate with ``CalculationInput.model_validate``)."""
    code, prefecture, municipality_name = municipality
    rented = tenure in ("private_rental", "public_rental")
    housing: dict[str, Any] = {"tenure": tenure}
    if rented:
        housing["monthly_rent"] = rent
    data: dict[str, Any] = {
        "record_type": "calculation_input",
        "id": calculation_id,
        "month": month,
        "household": {
            "record_type": "household",
            "id": f"hh-{calculation_id}",
            "as_of": f"{month}-01",
            "municipality_code": code,
            "address": {
                "prefecture": prefecture,
                "municipality": municipality_name,
                "street": "1-1",
            },
            "members": list(members),
            "housing": housing,
        },
        "member_facts": list(facts),
        "incomes": list(incomes),
        "in_kind": in_kind or {"medical": 0, "care": 0},
        "one_off": list(one_off),
    }
    if covered_from:
        data["covered_from"] = covered_from
    if covered_to:
        data["covered_to"] = covered_to
    return data


def random_inputs(count: int, month: str, *, seed: int = 2023) -> Iterator[dict[str, Any]]:
    """A realistic synthetic caseload: elderly singles, lone-parent families, couples, sick and disabled."""
    rng = random.Random(seed)
    year = int(month[:4])
    for index in range(count):
        yield _random_household(rng, index, month, year)


def _birth(rng: random.Random, year: int, age: int) -> str:
    return f"{year - age - 1:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def school_for(birth_date: str, month: str) -> str:
    """The school a child born on ``birth_date`` attends in ``month`` (Japanese school years).

    The school year starts on 1 April; a child's grade follows the age reached
    by 1 April (reached on the day before the birthday, so 1 April births join
    the older year).
    """
    year, month_number = int(month[:4]), int(month[5:7])
    school_year = year if month_number >= 4 else year - 1
    born = date.fromisoformat(birth_date)
    after_first_april = (born.month, born.day) > (4, 1)
    age_at_start = school_year - born.year - (1 if after_first_april else 0)
    if age_at_start < 6:
        return "preschool"
    if age_at_start < 12:
        return "elementary"
    if age_at_start < 15:
        return "junior_high"
    if age_at_start < 18:
        return "high_school"
    return "not_in_school"


def _random_household(rng: random.Random, index: int, month: str, year: int) -> dict[str, Any]:
    kind = rng.choices(
        ("elderly", "lone_parent", "sick", "disabled", "other"), weights=(55, 5, 12, 13, 15)
    )[0]
    hid = f"syn-{index:07d}"
    name = (rng.randrange(10), rng.randrange(10))
    members: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    incomes: list[dict[str, Any]] = []
    head_age = {"elderly": rng.randint(65, 92), "lone_parent": rng.randint(24, 50)}.get(
        kind, rng.randint(25, 64)
    )
    disability = None
    if kind == "disabled":
        disability = rng.choice(
            (
                {"physical_certificate_grade": rng.randint(1, 3)},
                {"disability_pension_grade": rng.randint(1, 2)},
            )
        )
    members.append(
        member(
            f"{hid}-1",
            _birth(rng, year, head_age),
            sex=rng.choice(("male", "female")),
            disability=disability,
            name=name,
        )
    )
    if kind == "elderly" and rng.random() < 0.2:
        members.append(
            member(
                f"{hid}-2", _birth(rng, year, rng.randint(65, 90)), relationship="spouse", name=name
            )
        )
    if kind == "lone_parent":
        facts.append({"member_id": f"{hid}-1", "lone_parent": True})
        for child in range(rng.choice((1, 1, 2, 2, 3))):
            birth = _birth(rng, year, rng.randint(0, 17))
            members.append(
                member(
                    f"{hid}-{child + 2}",
                    birth,
                    relationship="child",
                    school=school_for(birth, month),
                    name=name,
                )
            )
        if rng.random() < 0.5:
            incomes.append(
                {
                    "member_id": f"{hid}-1",
                    "kind": "earned",
                    "amount": rng.randrange(40_000, 160_000, 1000),
                    "necessary_expenses": rng.randrange(0, 15_000, 100),
                }
            )
    if kind in ("elderly",) and rng.random() < 0.7:
        incomes.append(
            {
                "member_id": f"{hid}-1",
                "kind": "pension",
                "amount": rng.randrange(20_000, 80_000, 100),
            }
        )
    if kind == "other" and rng.random() < 0.4:
        incomes.append(
            {
                "member_id": f"{hid}-1",
                "kind": "earned",
                "amount": rng.randrange(20_000, 120_000, 1000),
            }
        )
    municipality = rng.choice(SAMPLE_MUNICIPALITIES)
    tenure = rng.choices(("private_rental", "public_rental", "owned"), weights=(80, 15, 5))[0]
    return calculation_input(
        hid,
        month,
        members,
        municipality=municipality,
        tenure=tenure,
        rent=rng.randrange(25_000, 75_000, 500),
        facts=facts,
        incomes=incomes,
        in_kind={"medical": rng.choice((0, 0, 5_000, 20_000, 60_000)), "care": 0},
    )
