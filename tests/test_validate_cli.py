"""`seikatsu-std validate`: every error located and explained, exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seikatsu_std.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, app
from tests.support import EXAMPLES, load_example

runner = CliRunner()


def _run(*args: str) -> Any:
    return runner.invoke(app, ["validate", *args])


def _jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _report(result: Any) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_all_published_examples_are_valid():
    files = sorted(str(p) for p in EXAMPLES.glob("*.json"))
    result = _run(*files)
    assert result.exit_code == EXIT_OK, result.stdout
    assert f"レコード {len(files)} 件" in result.stdout
    assert "エラー 0 件" in result.stdout


def test_jsonl_errors_carry_file_line_path_and_both_languages(tmp_path):
    good = load_example("household")
    bad = load_example("household")
    bad["members"][1]["birth_date"] = "2014-13-02"
    path = _jsonl(tmp_path / "households.jsonl", [good, good, bad])
    result = _run(str(path), "--format", "json")
    assert result.exit_code == EXIT_INVALID
    report = _report(result)
    assert report["summary"] == {
        "valid": False,
        "files": 1,
        "records": 3,
        "invalid_records": 1,
        "issues": 1,
        "issues_by_code": {"format": 1},
    }
    (issue,) = report["issues"]
    assert issue["file"] == str(path)
    assert issue["line"] == 3
    assert issue["record_index"] == 2
    assert issue["record_type"] == "household"
    assert issue["path"] == "$.members[1].birth_date"
    assert issue["message_ja"] == "「生年月日」の形式が正しくありません（日付は YYYY-MM-DD）"
    assert issue["message_en"] == "value does not match format 'date'"


def test_json_array_errors_point_at_the_line_of_the_value(tmp_path):
    bad = load_example("case")
    bad["status"] = "closed"
    path = tmp_path / "cases.json"
    text = json.dumps([load_example("case"), bad], ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    report = _report(_run(str(path), "--format", "json"))
    (issue,) = report["issues"]
    line = text.splitlines()[issue["line"] - 1]
    assert '"status": "closed"' in line
    assert issue["record_index"] == 1
    assert "「ケースの状態」は次のいずれかでなければなりません" in issue["message_ja"]
    assert "applying（申請中）" in issue["message_ja"]


def test_missing_property_points_at_the_record(tmp_path):
    bad = load_example("decision")
    del bad["case_id"]
    path = tmp_path / "decision.json"
    path.write_text(json.dumps(bad, ensure_ascii=False, indent=2), encoding="utf-8")
    (issue,) = _report(_run(str(path), "--format", "json"))["issues"]
    assert (issue["line"], issue["path"], issue["code"]) == (1, "$", "required")
    assert issue["message_ja"] == "必須項目「case_id」がありません"


def test_optional_field_errors_describe_the_real_constraint(tmp_path):
    bad = load_example("household")
    bad["housing"]["monthly_rent"] = -1
    path = _jsonl(tmp_path / "h.jsonl", [bad])
    (issue,) = _report(_run(str(path), "--format", "json"))["issues"]
    assert issue["code"] == "minimum"
    assert issue["message_ja"] == "「家賃（月額）」が小さすぎます（下限 0）"


def test_check_digit_errors_name_the_identifier_and_never_echo_values(tmp_path):
    bad = load_example("personal_number")
    bad["my_number"] = "983205673215"
    path = _jsonl(tmp_path / "pn.jsonl", [bad])
    result = _run(str(path))
    assert result.exit_code == EXIT_INVALID
    assert "個人番号（マイナンバー）の形式または検査数字が正しくありません" in result.stdout
    assert "983205673215" not in result.stdout


def test_malformed_line_is_reported_and_the_rest_is_still_checked(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps(load_example("case"), ensure_ascii=False)
    path.write_text(f'{good}\n{{"record_type": "case", oops}}\n{good}\n', encoding="utf-8")
    report = _report(_run(str(path), "--format", "json"))
    assert report["summary"]["records"] == 3
    (issue,) = report["issues"]
    assert (issue["line"], issue["code"]) == (2, "malformed_json")
    assert issue["message_ja"].startswith("JSONとして読めません")


def test_wrong_encoding_is_a_clear_error(tmp_path):
    path = tmp_path / "sjis.jsonl"
    record = json.dumps(load_example("household"), ensure_ascii=False)
    path.write_bytes(record.encode("utf-8") + b"\n" + record.encode("shift_jis") + b"\n")
    report = _report(_run(str(path), "--format", "json"))
    (issue,) = report["issues"]
    assert (issue["line"], issue["code"]) == (2, "encoding")
    assert "UTF-8ではありません" in issue["message_ja"]


def test_whole_json_file_in_another_encoding(tmp_path):
    path = tmp_path / "sjis.json"
    path.write_bytes(json.dumps(load_example("household"), ensure_ascii=False).encode("shift_jis"))
    result = _run(str(path))
    assert result.exit_code == EXIT_INVALID
    assert "UTF-8ではありません" in result.stdout


def test_byte_order_mark_is_reported(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(load_example("case")).encode())
    report = _report(_run(str(path), "--format", "json"))
    assert [i["code"] for i in report["issues"]] == ["bom"]


@pytest.mark.parametrize(
    ("record", "code"),
    [
        ({"record_type": "unicorn"}, "record_type_unknown"),
        ({"id": "x"}, "record_type_missing"),
        ([1, 2], "not_an_object"),
    ],
)
def test_unknown_or_missing_record_types_are_errors(tmp_path, record, code):
    path = _jsonl(tmp_path / "x.jsonl", [record])
    result = _run(str(path), "--format", "json")
    assert result.exit_code == EXIT_INVALID
    assert [i["code"] for i in _report(result)["issues"]] == [code]


def test_type_option_checks_records_without_record_type(tmp_path):
    record = load_example("case")
    del record["record_type"]
    path = _jsonl(tmp_path / "x.jsonl", [record])
    # The schema still requires record_type: data files must be self-describing.
    report = _report(_run(str(path), "--type", "case", "--format", "json"))
    assert [i["message_en"] for i in report["issues"]] == [
        "required property 'record_type' is missing"
    ]
    mismatched = _jsonl(tmp_path / "y.jsonl", [load_example("household")])
    report = _report(_run(str(mismatched), "--type", "case", "--format", "json"))
    assert [i["code"] for i in report["issues"]] == ["record_type_mismatch"]


@pytest.mark.parametrize(
    "args",
    [
        ["does-not-exist.json"],
        ["--type", "unicorn", str(EXAMPLES / "case.example.json")],
        ["--format", "xml", str(EXAMPLES / "case.example.json")],
        [],
    ],
)
def test_usage_errors_exit_2(args):
    assert _run(*args).exit_code == EXIT_USAGE


def test_unsupported_suffix_is_a_usage_error(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n", encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == EXIT_USAGE
    assert "unsupported file type" in result.stderr


def test_max_issues_limits_output_but_not_the_count(tmp_path):
    bad = load_example("case")
    bad["status"] = "closed"
    path = _jsonl(tmp_path / "x.jsonl", [bad] * 5)
    report = _report(_run(str(path), "--format", "json", "--max-issues", "2"))
    assert len(report["issues"]) == 2
    assert report["summary"]["issues"] == 5
