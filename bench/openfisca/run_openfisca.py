"""Run OpenFisca-Japan's 生活保護 model over a JSON Lines file of our calculation inputs.

Runs with the OpenFisca virtual environment (``bench/openfisca/.venv``), not the
project's: it imports only the standard library, numpy and the installed
``openfisca_japan`` / ``openfisca_core`` packages. It is our own adapter: it
maps each household of the ``calculation_input`` records to OpenFisca's entities
(世帯 with roles 親/子/祖父母, 人物) and input variables, runs ONE vectorised
simulation for every household of the file (all must share one month), and
writes one JSON line per household with OpenFisca's component amounts.

Mapping (what an OpenFisca user would enter for the same household):

* members of the protected household (世帯分離 members are left out);
  head/spouse → 親, child/grandchild → 子, anyone else → 祖父母;
* 誕生年月日 ← birth_date; 身体障害者手帳等級 ← physical_certificate_grade
  (OpenFisca has no input for pension grades or the 精神 card in this model);
* 入院中 / 介護施設入所中 ← residence; 妊産婦, 在宅療養中, 放射線障害 ← member facts;
  六か月以内に新規就労 ← an earned income whose new job started < 6 months ago;
* 居住都道府県 / 居住市区町村 ← the address; 家賃 ← monthly_rent (informative:
  OpenFisca's 生活保護 does not read it);
* 収入 (OpenFisca: ANNUAL income of a person) ← 12 × the month's incomes of every
  kind except allowances (OpenFisca derives 児童手当・児童扶養手当・児童育成手当
  itself) and income marked "excluded"; necessary expenses cannot be entered.

居住級地区分1/2 are computed with OpenFisca's own formula once per distinct
(prefecture, municipality) in a small simulation and given to the big one as
inputs: the same values, without OpenFisca's 886-way ``np.select`` over every
household (which otherwise dominates the run time; ``--naive-kyuchi`` runs it
that way, for comparison).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from typing import Any

import numpy as np
from openfisca_core.simulations import SimulationBuilder
from openfisca_japan import CountryTaxBenefitSystem

GRADES = ("無", "一級", "二級", "三級", "四級", "五級", "六級", "七級")
PREGNANCY = {
    "none": "無",
    "under_6_months": "妊娠6ヵ月未満",
    "six_months_or_more": "妊娠6ヵ月以上",
    "postnatal": "産後6ヵ月以内",
}
RADIATION = {"none": "無", "current": "現罹患者", "former": "元罹患者"}
ROLE = {"head": "親", "spouse": "親", "child": "子", "grandchild": "子"}
NOT_IN_INCOME = {"allowance", "excluded"}
NEW_JOB_MONTHS = 6

#: Household-level variables read back from the simulation (OpenFisca names).
OUTPUT_VARIABLES = (
    "生活保護",
    "生活扶助基準1",
    "生活扶助基準2",
    "生活扶助本体に係る経過的加算",
    "障害者加算",
    "母子加算",
    "児童を養育する場合の加算",
    "母子世帯等に係る経過的加算",
    "児童を養育する場合に係る経過的加算",
    "放射線障害者加算",
    "妊産婦加算",
    "介護施設入所者加算",
    "在宅患者加算",
    "冬季加算",
    "期末一時扶助",
    "住宅扶助基準",
    "教育扶助基準",
    "高等学校等就学費",
    "勤労控除",
    "児童手当",
    "児童育成手当",
    "児童扶養手当_最小",
    "居住級地区分1",
    "居住級地区分2",
)


class Columns:
    """The households of the input file as columns (persons listed household by household)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.month: set[str] = set()
        self.prefecture: list[str] = []
        self.municipality: list[str] = []
        self.rent: list[int] = []
        self.p_household: list[int] = []
        self.p_role: list[str] = []
        self.p_birth: list[str] = []
        self.p_grade: list[str] = []
        self.p_hospital: list[bool] = []
        self.p_care_facility: list[bool] = []
        self.p_pregnancy: list[str] = []
        self.p_home_patient: list[bool] = []
        self.p_radiation: list[str] = []
        self.p_new_job: list[bool] = []
        self.p_income: list[float] = []

    def add(self, record: dict[str, Any]) -> None:
        index = len(self.ids)
        household = record["household"]
        month = record["month"]
        self.ids.append(record["id"])
        self.month.add(month)
        address = household["address"]
        self.prefecture.append(address["prefecture"])
        self.municipality.append(address["municipality"])
        self.rent.append(household["housing"].get("monthly_rent") or 0)
        facts = {f["member_id"]: f for f in record.get("member_facts", [])}
        income: dict[str, int] = {}
        new_job: set[str] = set()
        year, mon = (int(part) for part in month.split("-"))
        for item in record.get("incomes", []):
            if item["kind"] in NOT_IN_INCOME:
                continue
            income[item["member_id"]] = income.get(item["member_id"], 0) + item["amount"]
            started = item.get("new_job_started_on")
            if started and item["kind"] == "earned":
                since = (year * 12 + mon) - (int(started[:4]) * 12 + int(started[5:7]))
                if 0 <= since < NEW_JOB_MONTHS:
                    new_job.add(item["member_id"])
        for member in household["members"]:
            if member.get("separated"):
                continue
            mid = member["id"]
            fact = facts.get(mid, {})
            disability = member.get("disability") or {}
            grade = disability.get("physical_certificate_grade") or 0
            residence = member.get("residence", "at_home")
            self.p_household.append(index)
            self.p_role.append(ROLE.get(member["relationship"], "祖父母"))
            self.p_birth.append(member["birth_date"])
            self.p_grade.append(GRADES[grade])
            self.p_hospital.append(residence == "hospital")
            self.p_care_facility.append(residence == "care_facility")
            self.p_pregnancy.append(PREGNANCY[fact.get("pregnancy", "none")])
            self.p_home_patient.append(bool(fact.get("home_patient", False)))
            self.p_radiation.append(RADIATION[fact.get("radiation", "none")])
            self.p_new_job.append(mid in new_job)
            self.p_income.append(12.0 * income.get(mid, 0))


def read(lines: Iterable[str]) -> Columns:
    columns = Columns()
    for line in lines:
        if line.strip():
            columns.add(json.loads(line))
    if len(columns.month) != 1:
        raise SystemExit(f"all households must share one month, found {sorted(columns.month)}")
    return columns


def simulation(system: CountryTaxBenefitSystem, households: int, members: np.ndarray, roles: Any):
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("人物", [f"p{i}" for i in range(len(members))])
    group = builder.declare_entity("世帯", np.arange(households))
    builder.join_with_persons(group, members, roles)
    return builder.build(system)


def kyuchi(system: CountryTaxBenefitSystem, day: str, prefecture: np.ndarray, city: np.ndarray):
    """居住級地区分1/2 by OpenFisca's own formula, evaluated once per distinct place."""
    pairs = np.char.add(np.char.add(prefecture.astype(str), "\t"), city.astype(str))
    unique, inverse = np.unique(pairs, return_inverse=True)
    count = len(unique)
    small = simulation(system, count, np.arange(count), np.array(["親"] * count))
    split = [value.split("\t") for value in unique.tolist()]
    small.set_input("居住都道府県", day, np.array([p for p, _ in split], dtype=object))
    small.set_input("居住市区町村", day, np.array([c for _, c in split], dtype=object))
    major = small.calculate("居住級地区分1", day)
    minor = small.calculate("居住級地区分2", day)
    return major[inverse], minor[inverse]


def run(columns: Columns, *, naive_kyuchi: bool = False) -> dict[str, np.ndarray]:
    system = CountryTaxBenefitSystem()
    day = f"{next(iter(columns.month))}-01"
    households = len(columns.ids)
    members = np.array(columns.p_household, dtype=np.int64)
    sim = simulation(system, households, members, np.array(columns.p_role))
    prefecture = np.array(columns.prefecture, dtype=object)
    city = np.array(columns.municipality, dtype=object)
    sim.set_input("居住都道府県", day, prefecture)
    sim.set_input("居住市区町村", day, city)
    if not naive_kyuchi:
        major, minor = kyuchi(system, day, prefecture, city)
        sim.set_input("居住級地区分1", day, major)
        sim.set_input("居住級地区分2", day, minor)
    sim.set_input("家賃", day, np.array(columns.rent, dtype=np.int64))
    sim.set_input("誕生年月日", day, np.array(columns.p_birth, dtype="datetime64[D]"))
    sim.set_input("身体障害者手帳等級", day, np.array(columns.p_grade))
    sim.set_input("入院中", day, np.array(columns.p_hospital))
    sim.set_input("介護施設入所中", day, np.array(columns.p_care_facility))
    sim.set_input("妊産婦", day, np.array(columns.p_pregnancy))
    sim.set_input("在宅療養中", day, np.array(columns.p_home_patient))
    sim.set_input("放射線障害", day, np.array(columns.p_radiation))
    sim.set_input("六か月以内に新規就労", day, np.array(columns.p_new_job))
    sim.set_input("収入", day, np.array(columns.p_income, dtype=np.float64))
    out = {name: np.asarray(sim.calculate(name, day)) for name in OUTPUT_VARIABLES}
    income = np.bincount(
        members, weights=np.asarray(sim.calculate("収入", day)), minlength=households
    )
    out["収入_世帯合計"] = income
    return out


def components(out: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Split OpenFisca's 生活保護 into the components we compare (its own terms, float64)."""
    v = {k: np.asarray(a, dtype=np.float64) for k, a in out.items()}
    main = np.maximum(v["生活扶助基準1"] * 0.855, v["生活扶助基準2"])
    additions = (
        np.maximum(v["障害者加算"], v["母子加算"])
        + v["児童を養育する場合の加算"]
        + v["母子世帯等に係る経過的加算"]
        + v["児童を養育する場合に係る経過的加算"]
        + v["放射線障害者加算"]
        + v["妊産婦加算"]
        + v["介護施設入所者加算"]
        + v["在宅患者加算"]
    )
    living = main + v["生活扶助本体に係る経過的加算"] + additions + v["期末一時扶助"]
    housing = v["住宅扶助基準"]
    education = v["教育扶助基準"]
    high_school = v["高等学校等就学費"]
    mlc = living + housing + education + high_school
    earned = np.clip(v["収入_世帯合計"] / 12 - v["勤労控除"], 0, None)
    allowances = v["児童手当"] + v["児童育成手当"] + v["児童扶養手当_最小"]
    recomputed = np.clip(mlc - earned - allowances, 0, None)
    return {
        "living_main": main,
        "living_additions": additions,
        "living": living,
        "housing": housing,
        "education": education,
        "high_school": high_school,
        "minimum_living_cost": mlc,
        "recognised_income": earned + allowances,
        "allowances": allowances,
        "benefit": v["生活保護"],
        "benefit_recomputed": recomputed,
    }


def write(path: str, ids: list[str], out: dict[str, np.ndarray], comp: dict[str, np.ndarray]):
    names = list(comp) + list(out)
    columns = [comp[n] if n in comp else out[n] for n in names]
    lists = [np.round(np.asarray(c, dtype=np.float64), 4).tolist() for c in columns]
    with open(path, "w", encoding="utf-8") as handle:
        for i, hid in enumerate(ids):
            row = {"id": hid}
            for name, values in zip(names, lists, strict=True):
                row[name] = values[i]
            handle.write(json.dumps(row, ensure_ascii=False))
            handle.write("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSON Lines of calculation_input records (one month)")
    parser.add_argument("output", help="JSON Lines of OpenFisca component amounts per household")
    parser.add_argument(
        "--naive-kyuchi",
        action="store_true",
        help="let OpenFisca's own formula look up 居住級地区分1/2 for every household (slow)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with open(args.input, encoding="utf-8") as handle:
        columns = read(handle)
    read_done = time.perf_counter()
    out = run(columns, naive_kyuchi=args.naive_kyuchi)
    computed = time.perf_counter()
    comp = components(out)
    write(args.output, columns.ids, out, comp)
    finished = time.perf_counter()
    mismatched = int(
        np.sum(np.abs(comp["benefit"] - comp["benefit_recomputed"]) > 0.05 + 1e-6 * comp["benefit"])
    )
    print(
        json.dumps(
            {
                "households": len(columns.ids),
                "persons": len(columns.p_household),
                "read_s": round(read_done - started, 3),
                "compute_s": round(computed - read_done, 3),
                "write_s": round(finished - computed, 3),
                "benefit_decomposition_mismatches": mismatched,
            }
        ),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
