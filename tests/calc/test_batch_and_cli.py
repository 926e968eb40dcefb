"""Batch forms (JSON Lines, columnar), the `calc` command, and retroactive recomputation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from seikatsu_std.batch import BatchOptions, calculate_columnar, calculate_json_lines
from seikatsu_std.calc import CalculationInput, Calculator, frame_from_records
from seikatsu_std.calc.columnar import ColumnarError, columns_from_records, frame_from_columns
from seikatsu_std.calc.retro import recompute
from seikatsu_std.calc.synthetic import calculation_input, member, random_inputs
from seikatsu_std.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, app
from tests.support import EXAMPLES

runner = CliRunner()


def _jsonl(path: Path, records: list[object], extra: bytes = b"") -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records) + extra)
    return path


def test_json_lines_batch_keeps_order_and_reports_bad_lines(tmp_path):
    records = list(random_inputs(30, "2023-06", seed=3))
    broken = dict(records[5])
    broken["month"] = "2023-13"
    records[5] = broken
    source = _jsonl(tmp_path / "in.jsonl", records, b"{not json}\n")
    out = io.BytesIO()
    stats = calculate_json_lines(source, out, BatchOptions(), chunk_size=7, workers=1)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 31
    assert (stats.read, stats.calculated, stats.failed) == (31, 29, 2)
    assert lines[5]["record_type"] == "calculation_failure"
    assert lines[5]["line"] == 6
    assert "$.month" in lines[5]["error"]
    assert lines[30]["record_type"] == "calculation_failure"
    assert "JSON" in lines[30]["error"]
    expected = list(
        Calculator().results(Calculator().run(frame_from_records([records[0], records[6]])))
    )
    assert lines[0] == expected[0]
    assert lines[6] == expected[1]


def test_parallel_batch_gives_the_same_bytes(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", list(random_inputs(400, "2023-06", seed=4)))
    one, two = io.BytesIO(), io.BytesIO()
    calculate_json_lines(source, one, BatchOptions(), workers=1, chunk_size=50)
    calculate_json_lines(source, two, BatchOptions(), workers=2, chunk_size=50)
    assert one.getvalue() == two.getvalue()


def test_reference_to_an_unknown_member_is_a_failure_not_a_crash(tmp_path):
    record = calculation_input(
        "r",
        "2023-06",
        [member("p", "1953-05-10")],
        incomes=[{"member_id": "ghost", "kind": "pension", "amount": 1}],
    )
    out = io.BytesIO()
    calculate_json_lines(_jsonl(tmp_path / "in.jsonl", [record]), out, BatchOptions())
    (line,) = [json.loads(x) for x in out.getvalue().splitlines()]
    assert line["record_type"] == "calculation_failure"
    assert "ghost" in line["error"]


def test_columnar_form_gives_the_same_results_as_json_lines(tmp_path):
    records = list(random_inputs(120, "2023-06", seed=5))
    document = columns_from_records(records)
    source = tmp_path / "in.json"
    source.write_bytes(orjson.dumps(document))
    out = io.BytesIO()
    stats = calculate_columnar(source, out, BatchOptions(), chunk_size=50)
    result = json.loads(out.getvalue())
    assert stats.calculated == 120
    scalar = [
        Calculator().calculate(CalculationInput.model_validate(r), explain=False)
        for r in records[:5]
    ]
    assert result["cash_benefit"][:5] == [s.cash_benefit for s in scalar]
    assert result["needs"]["living"][:5] == [s.needs.living for s in scalar]


def test_columnar_form_rejects_inconsistent_columns():
    document = columns_from_records(list(random_inputs(3, "2023-06", seed=6)))
    document["households"]["monthly_rent"].append(1)
    with pytest.raises(ColumnarError, match="列の長さが揃っていません"):
        frame_from_columns(document)
    document = columns_from_records(list(random_inputs(3, "2023-06", seed=6)))
    document["members"]["household"][0] = 99
    with pytest.raises(ColumnarError, match="世帯の行番号が範囲外"):
        frame_from_columns(document)


def test_calc_command_single_household_with_explanation():
    result = runner.invoke(
        app, ["calc", str(EXAMPLES / "calculation_input.example.json"), "--explain"]
    )
    assert result.exit_code == EXIT_OK, result.output
    assert "■ 生活扶助本体（第1類＋第2類）" in result.stdout
    assert "根拠:" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_calc_command_formats(fmt):
    result = runner.invoke(
        app,
        ["calc", str(EXAMPLES / "household.example.json"), "--month", "2023-08", "--format", fmt],
    )
    assert result.exit_code == EXIT_OK, result.output
    if fmt == "json":
        assert json.loads(result.stdout)["record_type"] == "calculation_result"
    else:
        assert result.stdout.startswith('<section class="calculation" lang="ja">')


def test_calc_command_errors(tmp_path):
    assert (
        runner.invoke(app, ["calc", str(EXAMPLES / "household.example.json")]).exit_code
        == EXIT_USAGE
    )
    no_table = runner.invoke(
        app, ["calc", str(EXAMPLES / "household.example.json"), "--month", "2022-12"]
    )
    assert no_table.exit_code == EXIT_INVALID
    assert "winter_addition" in no_table.stderr
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"record_type": "calculation_input", "id": "x", "month": "2023-06"}),
        encoding="utf-8",
    )
    invalid = runner.invoke(app, ["calc", str(bad)])
    assert invalid.exit_code == EXIT_INVALID
    assert "必須項目「household」がありません" in invalid.stderr


def test_calc_command_batch(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", list(random_inputs(20, "2023-06", seed=8)))
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["calc", "--batch", str(source), "--out", str(out)])
    assert result.exit_code == EXIT_OK, result.output
    assert "計算 20 件" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 20


def test_retroactive_recomputation_uses_each_months_tables():
    members = [member("p", "1953-05-10")]
    months = ["2023-08", "2023-09", "2023-10"]
    inputs = [
        CalculationInput.model_validate(calculation_input(f"r-{m}", m, members)) for m in months
    ]
    adjustments = recompute(
        Calculator(allow_provisional=True), inputs, dict.fromkeys(months, 120000)
    )
    assert [a.month for a in adjustments] == months
    assert "living_class1_basis1@2020-10-01" in adjustments[1].editions
    assert "living_class1_basis1@2023-10-01" in adjustments[2].editions
    # 特例加算 (provisional, 1,000 per person) exists from 2023-10 only.
    assert adjustments[2].recomputed - adjustments[1].recomputed == 1_000
    assert all(a.difference == a.recomputed - 120_000 for a in adjustments)
    with pytest.raises(KeyError, match="2023-08"):
        recompute(Calculator(), inputs[:1], {})
