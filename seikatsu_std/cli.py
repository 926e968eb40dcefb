"""Command-line interface: ``seikatsu-std``.

Exit codes follow one rule everywhere: 0 success / valid, 1 the data (or the
checked artefact) has problems, 2 the command was used wrongly.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from seikatsu_std import STANDARD_VERSION, __version__
from seikatsu_std.validation import UsageError, ValidationSummary, validate_paths

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="seikatsu-std",
    help="生活保護システム標準仕様の実行可能な標準 (seikatsu_std).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
schemas_app = typer.Typer(help="JSON Schema の生成と差分確認。", no_args_is_help=True)
requirements_app = typer.Typer(help="機能要件一覧。", no_args_is_help=True)
app.add_typer(schemas_app, name="schemas")
app.add_typer(requirements_app, name="requirements")


def _fail_usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"seikatsu-std {__version__} (standard {STANDARD_VERSION})")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="版を表示して終了する。", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """生活保護システム標準仕様の実行可能な標準 (seikatsu_std)."""


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="検査するファイル（.json / .jsonl / .ndjson）。")
    ],
    record_type: Annotated[
        str | None,
        typer.Option("--type", "-t", help="レコード種別（省略時は各レコードの record_type）。"),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="出力形式: text または json。")
    ] = "text",
    max_issues: Annotated[
        int, typer.Option("--max-issues", help="表示するエラーの上限（0 = 無制限）。", min=0)
    ] = 0,
) -> None:
    """データファイルを標準仕様の JSON Schema で検査する。"""
    if output_format not in ("text", "json"):
        raise _fail_usage(f"--format must be 'text' or 'json', not {output_format!r}")
    try:
        summary, issues = validate_paths(files, record_type)
    except UsageError as exc:
        raise _fail_usage(str(exc)) from exc
    shown = 0
    collected: list[dict[str, object]] = []
    codes: Counter[str] = Counter()
    for issue in issues:
        codes[issue.code] += 1
        if max_issues and shown >= max_issues:
            continue
        shown += 1
        if output_format == "json":
            collected.append(issue.as_dict())
        else:
            typer.echo(
                f"{issue.file}:{issue.line}: {issue.path}: {issue.message_ja} | {issue.message_en}"
            )
    if output_format == "json":
        report = {"summary": _summary_dict(summary, codes), "issues": collected}
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        typer.echo(_summary_text(summary))
    raise typer.Exit(EXIT_OK if summary.ok else EXIT_INVALID)


def _summary_dict(summary: ValidationSummary, codes: Counter[str]) -> dict[str, object]:
    return {
        "valid": summary.ok,
        "files": summary.files,
        "records": summary.records,
        "invalid_records": summary.invalid_records,
        "issues": summary.issues,
        "issues_by_code": dict(sorted(codes.items())),
    }


def _summary_text(summary: ValidationSummary) -> str:
    verdict = "適合" if summary.ok else "不適合"
    return (
        f"{verdict}: ファイル {summary.files} 件、レコード {summary.records:,} 件、"
        f"エラーのあるレコード {summary.invalid_records:,} 件、エラー {summary.issues:,} 件 "
        f"({'valid' if summary.ok else 'invalid'}: {summary.files} files, "
        f"{summary.records} records, {summary.invalid_records} invalid, {summary.issues} issues)"
    )


@schemas_app.command("generate")
def schemas_generate(
    out: Annotated[Path, typer.Option("--out", help="出力先ディレクトリ。")] = Path("schemas"),
    check: Annotated[
        bool, typer.Option("--check", help="書き込まずに差分の有無だけを確認する。")
    ] = False,
) -> None:
    """モデルから JSON Schema を生成する（--check で差分確認）。"""
    from seikatsu_std.schema_export import drift, write_schemas

    if check:
        problems = drift(out)
        for problem in problems:
            typer.echo(problem)
        if problems:
            typer.echo("schemas are out of date: run `seikatsu-std schemas generate`", err=True)
            raise typer.Exit(EXIT_INVALID)
        typer.echo("schemas are up to date")
        return
    out.mkdir(parents=True, exist_ok=True)
    changed = write_schemas(out)
    for path in changed:
        typer.echo(f"wrote {out / path}")
    typer.echo(f"{len(changed)} file(s) changed")


@requirements_app.command("summary")
def requirements_summary() -> None:
    """機能要件の件数を業務領域・区分ごとに表示する。"""
    from seikatsu_std.requirements import RequirementArea, RequirementLevel, load_catalogue

    catalogue = load_catalogue()
    counts = Counter((r.area, r.level) for r in catalogue.requirements)
    levels = list(RequirementLevel)
    typer.echo("業務領域".ljust(24) + "".join(level.label.ljust(12) for level in levels))
    for area in RequirementArea:
        row = "".join(str(counts[(area, level)]).ljust(14) for level in levels)
        typer.echo(f"{area.value} {area.label}".ljust(24) + row)
    typer.echo(f"計 {len(catalogue.requirements)} 件 (standard {catalogue.standard_version})")


@requirements_app.command("show")
def requirements_show(
    requirement_id: Annotated[str, typer.Argument(help="要件ID（例: REQ-APP-001）。")],
) -> None:
    """機能要件1件を表示する。"""
    from seikatsu_std.requirements import load_catalogue

    found = load_catalogue().by_id().get(requirement_id)
    if found is None:
        raise _fail_usage(f"unknown requirement {requirement_id!r}")
    typer.echo(f"{found.id} {found.title} [{found.level.label}] ({found.area.label})")
    typer.echo(found.description)
    for ref in found.legal_basis:
        typer.echo(f"  根拠: {ref.cite()} [{ref.status.label}] {ref.summary or ''}".rstrip())


@app.command()
def calc(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="世帯（household）または計算の入力（calculation_input）の JSON ファイル。"
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", help="計算する年月 YYYY-MM（世帯ファイルでは必須）。"),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="計算の説明（規則・表・根拠）を出力する。")
    ] = False,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="出力形式: text / json / html。")
    ] = "text",
    allow_provisional: Annotated[
        bool,
        typer.Option(
            "--allow-provisional", help="暫定版（公式の表が未収録の期間の値）の使用を許可する。"
        ),
    ] = False,
    standards: Annotated[
        list[Path] | None,
        typer.Option("--standards", help="基準表の版を追加・差し替えるディレクトリ（複数可）。"),
    ] = None,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help="一括計算の入力（.jsonl = JSON Lines、.json = 列形式）。"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="一括計算の出力ファイル。")] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="一括計算のプロセス数（0 = CPU の数）。", min=0)
    ] = 1,
) -> None:
    """保護費を計算する（1世帯、または --batch で一括）。"""
    from seikatsu_std.batch import BatchOptions

    options = BatchOptions(
        allow_provisional=allow_provisional,
        standards_dirs=tuple(str(p) for p in standards or ()),
        explain=explain,
    )
    if batch is not None:
        if file is not None:
            raise _fail_usage("give either FILE or --batch, not both")
        if out is None:
            raise _fail_usage("--batch needs --out")
        _calc_batch(batch, out, options, workers)
        return
    if file is None:
        raise _fail_usage("give a household or calculation_input file, or --batch IN --out OUT")
    if output_format not in ("text", "json", "html"):
        raise _fail_usage(f"--format must be text, json or html, not {output_format!r}")
    _calc_one(file, month, options, output_format)


def _load_calculation(file: Path, month: str | None) -> object:
    """Read FILE as a household or calculation input; exit 1 with located errors if invalid."""
    from pydantic import ValidationError

    from seikatsu_std.calc.inputs import CalculationInput
    from seikatsu_std.validation import RecordChecker

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _fail_usage(f"not a readable file: {file}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        typer.echo(
            f"{file}: JSONとして読めません（UTF-8 の JSON にしてください） ({exc})", err=True
        )
        raise typer.Exit(EXIT_INVALID) from exc
    if isinstance(data, dict) and data.get("record_type") == "household":
        if month is None:
            raise _fail_usage("a household file needs --month YYYY-MM")
        data = {
            "record_type": "calculation_input",
            "id": f"{data.get('id', 'household')}-{month}",
            "month": month,
            "household": data,
        }
    elif isinstance(data, dict) and month is not None:
        data = {**data, "month": month}
    _, problems = RecordChecker("calculation_input").check(data)
    for path, _, ja, en in problems:
        typer.echo(f"{file}: {path}: {ja} | {en}", err=True)
    if problems:
        raise typer.Exit(EXIT_INVALID)
    try:
        return CalculationInput.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
            typer.echo(f"{file}: {where}: {error['msg']}", err=True)
        raise typer.Exit(EXIT_INVALID) from exc


def _calc_one(file: Path, month: str | None, options: object, output_format: str) -> None:
    from seikatsu_std.batch import BatchOptions
    from seikatsu_std.calc import CalculationError, Calculator, render_html, render_text
    from seikatsu_std.calc.inputs import CalculationInput
    from seikatsu_std.standards import StandardsError, load_standards

    assert isinstance(options, BatchOptions)
    calculation = _load_calculation(file, month)
    assert isinstance(calculation, CalculationInput)
    try:
        standards = load_standards([Path(p) for p in options.standards_dirs])
    except StandardsError as exc:
        raise _fail_usage(str(exc)) from exc
    calculator = Calculator(standards, allow_provisional=options.allow_provisional)
    try:
        result = calculator.calculate(
            calculation, explain=options.explain or output_format != "text"
        )
    except CalculationError as exc:
        typer.echo(f"{file}: 計算できません: {exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from exc
    if output_format == "json":
        typer.echo(result.model_dump_json(indent=2))
    elif output_format == "html":
        typer.echo(render_html(result))
    elif options.explain:
        typer.echo(render_text(result), nl=False)
    else:
        typer.echo(
            f"{result.id} {result.month}: 最低生活費 {result.minimum_living_cost:,}円 − 収入充当額 "
            f"{result.recognised_income:,}円 → 金銭給付額 {result.cash_benefit:,}円"
            f"（本人支払額 {result.own_payment:,}円）"
        )


def _calc_batch(source: Path, out: Path, options: object, workers: int) -> None:
    from seikatsu_std.batch import (
        BatchOptions,
        BatchStats,
        calculate_columnar,
        calculate_json_lines,
        default_workers,
    )
    from seikatsu_std.calc.columnar import ColumnarError
    from seikatsu_std.standards import StandardsError

    assert isinstance(options, BatchOptions)
    if not source.is_file():
        raise _fail_usage(f"not a readable file: {source}")
    suffix = source.suffix.lower()
    if suffix not in (".jsonl", ".ndjson", ".json"):
        raise _fail_usage(f"{source}: use .jsonl/.ndjson (JSON Lines) or .json (columnar form)")
    processes = workers or default_workers()

    def progress(stats: BatchStats) -> None:
        typer.echo(stats.describe(), err=True)

    try:
        with out.open("wb") as handle:
            if suffix == ".json":
                stats = calculate_columnar(
                    source, handle, options, workers=processes, progress=progress
                )
            else:
                stats = calculate_json_lines(
                    source, handle, options, workers=processes, progress=progress
                )
    except StandardsError as exc:
        raise _fail_usage(str(exc)) from exc
    except (ColumnarError, ValueError) as exc:
        typer.echo(f"{source}: {exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from exc
    typer.echo(f"完了: {stats.describe()} → {out} ({stats.seconds:.1f} s)", err=True)
    raise typer.Exit(EXIT_OK if stats.failed == 0 else EXIT_INVALID)


@app.command()
def conformance(
    target: Annotated[
        str,
        typer.Option(
            "--target",
            "-t",
            help="確認の対象: inprocess（ライブラリ）、reference（参照実装を起動）、又は標準APIのベースURL。",
        ),
    ] = "inprocess",
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile", help="実装宣言（YAML/JSON: 実装している標準オプション機能の要件ID）。"
        ),
    ] = None,
    tags: Annotated[
        str | None,
        typer.Option(
            "--tags",
            "-m",
            help='確認するシナリオのタグ式（例: "REQ-CAL-007 or REQ-SEC-010"、"mandatory and not REQ-APP-009"）。',
        ),
    ] = None,
    report_dir: Annotated[
        Path,
        typer.Option("--report-dir", help="報告（JSON・HTML・JUnit XML）を書き出すディレクトリ。"),
    ] = Path("conformance-report"),
    credentials: Annotated[
        str | None,
        typer.Option(
            "--credentials",
            help="URL の対象にログインする資格情報の JSON ファイル（職員ID → login_id・password）。",
        ),
    ] = None,
) -> None:
    """標準仕様の適合性を確認する（実装必須の要件に不適合があれば終了コード 1）。"""
    from seikatsu_std.conformance.runner import run

    if profile is not None and not profile.is_file():
        raise _fail_usage(f"profile file not found: {profile}")
    typer.echo(f"確認中: {target}（タグ: {tags or 'すべて'}）…", err=True)
    try:
        report = run(
            target,
            profile_path=profile,
            tags=tags,
            report_dir=report_dir,
            credentials=credentials,
        )
    except ValueError as exc:
        raise _fail_usage(str(exc)) from exc
    totals = "、".join(f"{status} {count}" for status, count in report.summary.items() if count)
    verdict = "適合" if report.conforms else "不適合"
    typer.echo(
        f"{verdict}: {report.target} — 要件 {len(report.requirements)} 件（{totals}）"
        f" {report.seconds:.1f} s → {report_dir}/conformance-report.html"
    )
    for requirement in report.requirements:
        if requirement.status.value in ("failed", "error"):
            typer.echo(f"  {requirement.id} {requirement.title}: {requirement.status.label}")
    raise typer.Exit(EXIT_OK if report.conforms else EXIT_INVALID)


def main() -> None:
    """Entry point of the ``seikatsu-std`` command."""
    app()


if __name__ == "__main__":
    main()
