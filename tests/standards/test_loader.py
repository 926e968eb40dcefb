"""The standards loader: strict checks, overlays that need no code change, clear errors."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml

from seikatsu_std.schema_export import document_schema
from seikatsu_std.standards import (
    STANDARDS_PATH_ENV,
    LookupMissError,
    NoEditionError,
    StandardsError,
    load_standards,
)

DATA = Path(__file__).resolve().parents[2] / "seikatsu_std" / "standards" / "data"


def _edition(table: str, valid_from: str, values: list[int], **extra: object) -> dict[str, object]:
    return {
        "table": table,
        "valid_from": valid_from,
        "status": "verified",
        "source": "テスト用の版",
        "rows": [{"key": {}, "values": values}],
        **extra,
    }


def _write(directory: Path, table: str, edition: dict[str, object]) -> Path:
    target = directory / table
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{edition['valid_from']}.yaml"
    path.write_text(yaml.safe_dump(edition, allow_unicode=True), encoding="utf-8")
    return path


def test_every_shipped_file_validates_against_the_published_schemas():
    table_schema = jsonschema.Draft202012Validator(document_schema("standards-table"))
    edition_schema = jsonschema.Draft202012Validator(document_schema("standards-edition"))
    tables = sorted(DATA.glob("*/table.yaml"))
    editions = sorted(DATA.glob("*/[0-9]*.yaml"))
    assert len(tables) >= 40
    assert len(editions) >= 40
    for path in tables:
        table_schema.validate(
            json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        )
    for path in editions:
        edition_schema.validate(
            json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        )


def test_an_overlay_adds_an_edition_without_code(tmp_path):
    # e.g. the official revision of the child-rearing addition from 2024-04.
    _write(
        tmp_path,
        "child_rearing_addition",
        _edition("child_rearing_addition", "2024-04-01", [10_500]),
    )
    shipped = load_standards(use_environment=False)
    # The shipped edition from 2023-10 is provisional, so an official overlay
    # may cover the same days; but two official editions must not overlap.
    _write(
        tmp_path, "child_rearing_addition", _edition("child_rearing_addition", "2023-01-01", [1])
    )
    with pytest.raises(StandardsError, match="重なっています"):
        load_standards([tmp_path], use_environment=False)
    (tmp_path / "child_rearing_addition" / "2023-01-01.yaml").unlink()
    standards = load_standards([tmp_path], use_environment=False)
    assert standards.compiled("child_rearing_addition", date(2024, 4, 1)).scalar() == 10_500
    assert standards.origins["child_rearing_addition@2024-04-01"] == str(tmp_path)
    # Official beats provisional where both cover a day.
    assert standards.edition("child_rearing_addition", date(2024, 4, 1)).status.value == "verified"
    assert shipped.edition("child_rearing_addition", date(2023, 4, 1)).valid_from == date(
        2020, 10, 1
    )


def test_an_overlay_with_the_same_date_replaces_the_shipped_edition(tmp_path):
    _write(
        tmp_path,
        "high_school_base",
        _edition("high_school_base", "2020-10-01", [5_400], valid_to="2023-09-30"),
    )
    standards = load_standards([tmp_path], use_environment=False)
    assert standards.compiled("high_school_base", date(2021, 1, 1)).scalar() == 5_400


def test_overlays_from_the_environment(tmp_path, monkeypatch):
    _write(
        tmp_path,
        "high_school_base",
        _edition("high_school_base", "2020-10-01", [5_500], valid_to="2023-09-30"),
    )
    monkeypatch.setenv(STANDARDS_PATH_ENV, str(tmp_path))
    assert load_standards().compiled("high_school_base", date(2021, 1, 1)).scalar() == 5_500


def test_an_overlay_may_not_redefine_a_table(tmp_path):
    shutil.copytree(DATA / "high_school_base", tmp_path / "high_school_base")
    spec = yaml.safe_load(
        (tmp_path / "high_school_base" / "table.yaml").read_text(encoding="utf-8")
    )
    spec["unit"] = "count"
    (tmp_path / "high_school_base" / "table.yaml").write_text(
        yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(StandardsError, match="定義を変えることはできません"):
        load_standards([tmp_path], use_environment=False)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [{"key": {"age": "0-2"}, "values": [1] * 6}, {"key": {"age": "4-"}, "values": [1] * 6}],
            "抜けています",
        ),
        (
            [{"key": {"age": "0-5"}, "values": [1] * 6}, {"key": {"age": "3-"}, "values": [1] * 6}],
            "重なっています",
        ),
        ([{"key": {"age": "0-"}, "values": [1] * 5}], "列の数"),
        ([{"key": {"age": "0-2"}, "values": [1] * 6}], "上限があります"),
    ],
)
def test_malformed_editions_are_refused(tmp_path, rows, message):
    edition = {
        "table": "living_class1_basis1",
        "valid_from": "2030-04-01",
        "status": "verified",
        "source": "テスト",
        "rows": rows,
    }
    _write(tmp_path, "living_class1_basis1", edition)
    with pytest.raises(StandardsError, match=message):
        load_standards([tmp_path], use_environment=False)


def test_file_name_must_match_the_start_date(tmp_path):
    path = _write(tmp_path, "high_school_base", _edition("high_school_base", "2031-04-01", [1]))
    path.rename(path.with_name("2031-05-01.yaml"))
    with pytest.raises(StandardsError, match="ファイル名は適用開始日"):
        load_standards([tmp_path], use_environment=False)


def test_no_edition_and_empty_cells_are_clear_errors():
    standards = load_standards(use_environment=False)
    with pytest.raises(NoEditionError, match="2019-01-01 に適用できる版がありません"):
        standards.edition("living_class1_basis1", date(2019, 1, 1))
    pregnancy = standards.compiled("pregnancy_addition", date(2021, 1, 1))
    rows = pregnancy.rows(stage=["under_6_months"])
    with pytest.raises(LookupMissError, match="値がありません"):
        pregnancy.values(rows, [pregnancy.column_index("2")])
    with pytest.raises(LookupMissError, match="行がありません"):
        pregnancy.rows(stage=["unknown_stage"])
