"""The documentation site's generated pages, written from the library itself.

Each ``*_page`` function takes the library's own objects (the requirement
catalogue, the published JSON Schemas, the calculation rules, the benefit
standards, the calculation vectors) and returns a Markdown page in Japanese
for policy staff and municipal officers. Nothing here is copied by hand from
the code, so the site cannot drift from what the library does; the tests in
``tests/docs`` fail when a generator drops something.

:func:`build_pages` is the one place that reads files (the examples and the
vectors under the project root); ``docs/gen_pages.py`` calls it during
``mkdocs build`` through the mkdocs-gen-files plugin.

References: ../shared/domain/FACTS.md (verification statuses) — every
UNVERIFIED, CONFLICT or provisional fact is listed on the open-questions page.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from seikatsu_std.authority import RULES as AUTHORITY_RULES
from seikatsu_std.calc import citations
from seikatsu_std.calc.context import CalculationError, Level, Role, Rule
from seikatsu_std.calc.engine import ALLOCATION_ORDER, IN_KIND, PRORATED, Calculator
from seikatsu_std.calc.explain import render_text
from seikatsu_std.calc.rules import RULES
from seikatsu_std.calc.vectors import HAND_SOURCE, ExpectedError, Vector, VectorFile, VectorValues
from seikatsu_std.conformance.coverage import ScenarioEntry, scenarios_by_requirement
from seikatsu_std.conformance.report import ConformanceReport, RequirementResult, Status
from seikatsu_std.conformance.runner import run_on
from seikatsu_std.conformance.targets import InProcessTarget
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.identifiers import IDENTIFIER_SCHEMES, IdentifierScheme
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.requirements import (
    Requirement,
    RequirementArea,
    RequirementCatalogue,
    RequirementLevel,
    load_catalogue,
)
from seikatsu_std.schema_export import (
    CATALOGUE_NAME,
    DOCUMENT_MODELS,
    document_schema,
    record_schemas,
)
from seikatsu_std.standards import Edition, EditionStatus, Standards, TableSpec, load_standards
from seikatsu_std.standards.model import KeyKind, Unit, parse_range
from seikatsu_std.workflows.approvals import APPROVAL_STAGES_LEGAL
from seikatsu_std.workflows.engine import Workflow

Schema = Mapping[str, Any]

#: Where the calculation vectors live, relative to the project root.
VECTORS_PATH = Path("schemas/vectors/calculation-vectors.json")
#: Where the published examples live, relative to the project root.
EXAMPLES_DIR = Path("schemas/examples")
GENERATED_NOTE = (
    "このページは seikatsu_std のコードとデータから自動で作られています"
    "（`seikatsu_std/docs_pages/`）。手で書き換えず、元のコード・データを直してください。"
)

#: File name (under ``docs/``) of every generated page.
PAGES = {
    "requirements": "requirements.md",
    "data": "data-dictionary.md",
    "rules": "rules.md",
    "standards": "standards.md",
    "examples": "examples.md",
    "open_questions": "open-questions.md",
    "conformance": "conformance.md",
    "workflows": "workflows.md",
    "api": "api.md",
}


class DocsError(Exception):
    """A page cannot be generated truthfully (e.g. an example no longer matches the engine)."""


# ==================================================================== text helpers


def md_escape(text: str) -> str:
    """Text as Markdown that shows exactly ``text`` (no emphasis, links or HTML)."""
    escaped = html.escape(text, quote=False)
    for char in ("\\", "`", "*", "_", "[", "]"):
        escaped = escaped.replace(char, "\\" + char)
    return " ".join(escaped.split())


def cell(text: str | None) -> str:
    """Text for one cell of a Markdown table."""
    if text is None or text == "":
        return "—"
    return md_escape(text).replace("|", "&#124;")


def code(text: str) -> str:
    """Inline code that is safe inside a table cell (pipes included)."""
    escaped = html.escape(text, quote=False)
    for char, entity in (("|", "&#124;"), ("[", "&#91;"), ("]", "&#93;")):
        # Pipes would split the table; brackets would read as Markdown links.
        escaped = escaped.replace(char, entity)
    return "<code>" + escaped + "</code>"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table (cells must already be escaped)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    lines.append("")
    return lines


def indent(text: str, by: str = "    ") -> str:
    """Indent every non-empty line (for content inside a collapsible block)."""
    return "\n".join(by + line if line else "" for line in text.splitlines())


def details(title: str, body: str, kind: str = "note", *, open_: bool = False) -> list[str]:
    """A collapsible block (pymdownx.details)."""
    marker = "???+" if open_ else "???"
    return [f'{marker} {kind} "{title}"', "", indent(body), ""]


_BADGE_TEXT = {
    "verified": "確認済み",
    "unverified": "未確認",
    "conflict": "資料間で相違",
    "provisional": "暫定",
}


def badge(status: Verification | EditionStatus) -> str:
    """The status as a labelled badge (the text says it; colour only repeats it)."""
    text = _BADGE_TEXT.get(status.value, status.label)
    return f'<span class="badge badge-{status.value}">{text}</span>'


def _status_text(status: Verification | EditionStatus) -> str:
    """The badge, followed by the full label when it says more than the badge."""
    shown = badge(status)
    if status.label != _BADGE_TEXT.get(status.value):
        shown += f"（{cell(status.label)}）"
    return shown


def yen(amount: int) -> str:
    """``12,345円``."""
    return f"{amount:,}円"


def period_text(edition: Edition) -> str:
    end = edition.valid_to.isoformat() if edition.valid_to else "（終了日の定めなし）"
    return f"{edition.valid_from.isoformat()} 〜 {end}"


def _generated_header(title: str, lead: Sequence[str]) -> list[str]:
    return [f"# {title}", "", *lead, "", '!!! info "自動生成"', f"    {GENERATED_NOTE}", ""]


# ==================================================================== legal references


def legal_table(refs: Sequence[LegalRef]) -> list[str]:
    """Legal references as a table: law, article, summary, status, source."""
    return table(
        ["法令等", "条項", "内容", "確認状況", "出典"],
        (
            [cell(r.law), cell(r.article), cell(r.summary), badge(r.status), cell(r.source)]
            for r in refs
        ),
    )


def settle_hint(ref: LegalRef) -> str:
    """What would settle an UNVERIFIED or CONFLICT reference (plain Japanese)."""
    law = ref.law
    if "告示" in law or "保護の基準" in law:
        hint = "告示原文（改正告示を含む）の確認"
    elif any(word in law for word in ("通知", "要領", "局長", "課長", "次官", "方針")):
        hint = "厚生労働省通知の該当箇所の確認"
    elif law.endswith(("法", "令", "規則", "省令")) or "法律" in law or "法（" in law:
        hint = (
            "条文の確認（現行の条文との照合）"
            if ref.article
            else "該当する条・項の特定と条文の確認"
        )
    else:
        hint = "出典となる資料の特定と、その資料での確認"
    if ref.status is Verification.CONFLICT:
        hint = "どの資料の値・日付が正しいかの確定（" + hint + "）"
    return hint


def _open(refs: Iterable[LegalRef]) -> list[LegalRef]:
    return [r for r in refs if r.status is not Verification.VERIFIED]


# ==================================================================== 2. requirements

_GUIDE_SECTIONS = {
    "1": "システムの目的",
    "2": "生活保護法の原則",
    "3.1": "相談・申請・調査・決定",
    "3.2": "訪問・ケース記録",
    "3.3": "自立支援",
    "3.4": "医療扶助・介護扶助",
    "3.5": "経理・支給",
    "3.6": "返還金・徴収金・債権管理",
    "3.7": "統計・適正化",
    "4": "保護費の計算",
    "5": "利用者の要望",
}
_SEEDS = {
    "000": "中野区の生活保護業務の外部委託をめぐる資料",
    "001": "埼玉県アスポート（教育・就労・住宅の支援）の資料",
    "002": "厚生労働省の審議会資料（自立支援と支援会議）",
    "003": "江戸川区の再発防止策の資料",
    "004": "2024年の標準仕様改定ワーキングチームの資料",
}


def origin_text(origin: str) -> str:
    """``guide-3.1`` → ``guide-3.1（業務ガイド 3.1 相談・申請・調査・決定）``."""
    kind, _, rest = origin.partition("-")
    if kind == "guide":
        return f"{origin}（業務ガイド {rest} {_GUIDE_SECTIONS.get(rest, '')}）".replace(" ）", "）")
    if kind == "seed":
        return f"{origin}（出発点の資料: {_SEEDS.get(rest, '資料 ' + rest)}）"
    return origin


def _area_anchor(area: RequirementArea) -> str:
    return f"area-{area.value}"


def requirements_page(
    catalogue: RequirementCatalogue,
    coverage: Mapping[str, Sequence[ScenarioEntry]],
    report: ConformanceReport,
) -> str:
    """機能要件一覧: every requirement by area then level, with its legal basis,
    its scenarios and its status in the in-process run of the conformance kit."""
    reqs = catalogue.requirements
    counts = Counter((r.area, r.level) for r in reqs)
    levels = list(RequirementLevel)
    out = _generated_header(
        "機能要件一覧",
        [
            f"標準仕様 {catalogue.standard_version} 版の機能要件 {len(reqs)} 件の一覧です。"
            "業務領域ごと、機能の区分ごとに並べています。",
            "",
            "要件の読み方は「[はじめに](index.md#how-to-read)」を見てください。"
            "根拠の「確認状況」は、条文・数値を出典で確かめられたかどうかを示します"
            f"（{badge(Verification.VERIFIED)}・{badge(Verification.UNVERIFIED)}・"
            f"{badge(Verification.CONFLICT)}）。確認できていない根拠は"
            "「[未解決の論点](open-questions.md)」にもまとめています。",
        ],
    )
    out += ["## 件数（業務領域 × 機能の区分）", ""]
    rows = []
    for area in RequirementArea:
        row = [f"[{area.value} {md_escape(area.label)}](#{_area_anchor(area)})"]
        row += [str(counts[(area, level)]) for level in levels]
        row.append(str(sum(counts[(area, level)] for level in levels)))
        rows.append(row)
    totals = [sum(counts[(area, level)] for area in RequirementArea) for level in levels]
    rows.append(["**計**", *(f"**{n}**" for n in totals), f"**{len(reqs)}**"])
    out += table(["業務領域", *(level.label for level in levels), "計"], rows)
    out += [
        '!!! note "シナリオと適合状況"',
        "    各要件の「シナリオ」は受入基準（`features/` の日本語 Gherkin）の場所、"
        "「適合状況」はこのサイトを作ったときに適合性確認キットをライブラリ（in-process）に対して"
        "実行した結果です。集計と読み方は「[適合性確認](conformance.md)」を見てください。",
        "",
    ]
    statuses = {r.id: r for r in report.requirements}
    for area in RequirementArea:
        in_area = [r for r in reqs if r.area is area]
        out += [
            f"## {area.value} {md_escape(area.label)} {{#{_area_anchor(area)}}}",
            "",
            f"{len(in_area)} 件。",
            "",
        ]
        for level in levels:
            in_level = [r for r in in_area if r.level is level]
            if not in_level:
                continue
            out += [
                f"### {level.label}（{len(in_level)} 件） {{#{_area_anchor(area)}-{level.value}}}",
                "",
            ]
            for requirement in in_level:
                out += _requirement_section(
                    requirement, coverage.get(requirement.id, ()), statuses.get(requirement.id)
                )
    return "\n".join(out)


def _scenario_text(entries: Sequence[ScenarioEntry]) -> str:
    if not entries:
        return "なし"
    runs = sum(e.runs for e in entries)
    files = sorted({f"`features/{e.file}`" for e in entries})
    return f"{len(entries)} 件（実行 {runs} 回）: {'、'.join(files)}"


def _status_cell(result: RequirementResult | None) -> str:
    if result is None:
        return "未実行"
    text = result.status.label
    if result.status is Status.UNVERIFIED:
        missing = next((s.failed_step for s in result.scenarios if s.failed_step), None)
        if missing:
            text += f"。最初の未自動化のステップ: {missing}"
    return cell(text)


def _requirement_section(
    r: Requirement, scenarios: Sequence[ScenarioEntry], result: RequirementResult | None
) -> list[str]:
    origins = "、".join(origin_text(o) for o in r.origins) or None
    out = [f"#### {r.id} {md_escape(r.title)} {{#{r.id}}}", "", md_escape(r.description), ""]
    out += table(
        ["項目", "内容"],
        [
            ["要件ID", code(r.id)],
            ["業務領域", cell(f"{r.area.value} {r.area.label}")],
            ["機能の区分", f"**{cell(r.level.label)}**"],
            ["追加された版", cell(r.since)],
            ["出所", cell(origins)],
            ["シナリオ", _scenario_text(scenarios)],
            ["適合状況（in-process）", _status_cell(result)],
        ],
    )
    out += ["根拠:", ""]
    out += legal_table(r.legal_basis)
    if scenarios:
        out += details(
            f"受入基準（シナリオ {len(scenarios)} 件）",
            "\n".join(_gherkin(entry) for entry in scenarios),
            "example",
        )
    return out


def _gherkin(entry: ScenarioEntry) -> str:
    """A scenario as it reads in its feature file (outlines: how many example rows)."""
    keyword = "シナリオアウトライン" if entry.examples else "シナリオ"
    lines = [f"`features/{entry.file}` {entry.line} 行目", "", "```gherkin"]
    lines.append(f"{keyword}: {entry.name}")
    lines += [f"  {step}" for step in entry.steps]
    if entry.examples:
        columns = list(entry.examples[0])
        shown = entry.examples[:5]
        lines += ["", "  例:", "    | " + " | ".join(columns) + " |"]
        lines += ["    | " + " | ".join(row[c] for c in columns) + " |" for row in shown]
        if len(entry.examples) > len(shown):
            lines.append(f"    # ほか {len(entry.examples) - len(shown)} 行")
    lines += ["```", ""]
    return "\n".join(lines)


# ==================================================================== 3. data dictionary

_FORMAT_TEXT = {
    "date": "日付（YYYY-MM-DD）",
    "date-time": "日時（ISO 8601、時差付き）",
    "time": "時刻",
    "email": "メールアドレス",
    "uri": "URI",
}


def _ref_name(node: Schema) -> str:
    return str(node["$ref"]).rsplit("/", 1)[-1]


def _deref(node: Schema, defs: Schema) -> Schema:
    if "$ref" in node:
        target: Schema = defs.get(_ref_name(node), {})
        return target
    return node


def _variants(node: Schema) -> tuple[list[Schema], bool]:
    if "anyOf" in node:
        options = [v for v in node["anyOf"] if v.get("type") != "null"]
        return options, len(options) != len(node["anyOf"])
    return [node], False


def _enum_options(node: Schema) -> list[tuple[str, str | None]] | None:
    if "oneOf" in node and all("const" in option for option in node["oneOf"]):
        return [(str(o["const"]), o.get("title")) for o in node["oneOf"]]
    if "enum" in node:
        return [(str(value), None) for value in node["enum"]]
    return None


def _options_text(options: Sequence[tuple[str, str | None]]) -> str:
    return "、".join(
        code(value) + (f"（{cell(label)}）" if label else "") for value, label in options
    )


def _is_structure(node: Schema) -> bool:
    return "properties" in node


class _SchemaWriter:
    """Renders the fields of one JSON Schema (and its nested structures) as tables."""

    def __init__(self, schema: Schema, anchor: str) -> None:
        self.schema = schema
        self.defs: Schema = schema.get("$defs", {})
        self.anchor = anchor

    def structure_anchor(self, name: str) -> str:
        return f"{self.anchor}-{name}"

    def type_text(self, node: Schema) -> str:
        variants, nullable = _variants(node)
        text = " または ".join(self._single_type(v) for v in variants) or "任意の値"
        return text + ("（値なし＝null も可）" if nullable else "")

    def _single_type(self, node: Schema) -> str:
        if "$ref" in node:
            name = _ref_name(node)
            target = _deref(node, self.defs)
            options = _enum_options(target)
            if options is not None:
                title = cell(target.get("title", name))
                return f"選択肢「{title}」: {_options_text(options)}"
            if _is_structure(target):
                title = cell(target.get("title", name))
                return f"構造「[{title}](#{self.structure_anchor(name)})」"
            return self._single_type(target)
        if "const" in node:
            return "固定値 " + code(json.dumps(node["const"], ensure_ascii=False))
        options = _enum_options(node)
        if options is not None:
            return "選択肢: " + _options_text(options)
        if "anyOf" in node:
            return self.type_text(node)
        kind = node.get("type")
        if kind == "array":
            items = node.get("items", {})
            return f"{self.type_text(items)} の一覧"
        if kind == "object":
            if _is_structure(node):
                return f"構造「{cell(node.get('title', ''))}」"
            extra = node.get("additionalProperties")
            if isinstance(extra, Mapping):
                return f"対応表（名前 → {self.type_text(extra)}）"
            return "オブジェクト"
        if kind == "string":
            fmt = node.get("format")
            if isinstance(fmt, str):
                scheme = IDENTIFIER_SCHEMES.get(fmt)
                if scheme is not None:
                    return f"文字列（{cell(scheme.title)}）"
                return _FORMAT_TEXT.get(fmt, f"文字列（形式 {fmt}）")
            return "文字列"
        simple = {"integer": "整数", "number": "数値", "boolean": "真偽値（true／false）"}
        if isinstance(kind, str) and kind in simple:
            return simple[kind]
        if kind == "null":
            return "値なし（null）"
        return "任意の値"

    def constraints(self, node: Schema, *, show_default: bool = True) -> list[str]:
        found: list[str] = []
        variants, _ = _variants(node)
        for variant in variants:
            target = variant
            if "$ref" in variant:
                target = _deref(variant, self.defs)
                if _enum_options(target) is not None or _is_structure(target):
                    continue
            found += _value_constraints(target)
            if target.get("type") == "array":
                found += _count_constraints(target)
                items = target.get("items", {})
                found += ["各要素: " + c for c in self.constraints(items)]
        if show_default and "default" in node and node["default"] is not None:
            found.append("省略時 " + code(json.dumps(node["default"], ensure_ascii=False)))
        return found

    def field_rows(self, node: Schema) -> list[list[str]]:
        required = set(node.get("required", []))
        rows = []
        for name, prop in node.get("properties", {}).items():
            target = _deref(prop, self.defs)
            title = prop.get("title") or target.get("title") or name
            description = prop.get("description") or target.get("description")
            rows.append(
                [
                    code(name),
                    cell(title),
                    self.type_text(prop),
                    "必須" if name in required else "任意",
                    "<br>".join(self.constraints(prop, show_default=name not in required)) or "—",
                    cell(description),
                ]
            )
        return rows

    def field_table(self, node: Schema) -> list[str]:
        return table(["項目名", "名称", "型", "必須", "制約", "説明"], self.field_rows(node))

    def structures(self) -> list[str]:
        """Names of the nested structures, in the order a reader meets them."""
        order: list[str] = []
        queue: list[Schema] = [self.schema]
        while queue:
            node = queue.pop(0)
            for name in _refs_in(node):
                target = self.defs.get(name, {})
                if name not in order and _is_structure(target):
                    order.append(name)
                    queue.append(target)
        return order

    def sections(self, level: str = "###") -> list[str]:
        out: list[str] = []
        for name in self.structures():
            target = self.defs[name]
            out += [
                f"{level} 構造「{md_escape(target.get('title', name))}」（{name}）"
                f" {{#{self.structure_anchor(name)}}}",
                "",
            ]
            if target.get("description"):
                out += [md_escape(target["description"]), ""]
            out += self.field_table(target)
        return out


def _refs_in(node: Any) -> list[str]:
    """``$ref`` names under ``node`` (not crossing into ``$defs``), in document order."""
    names: list[str] = []
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "$defs":
                continue
            if key == "$ref" and isinstance(value, str):
                names.append(value.rsplit("/", 1)[-1])
            else:
                names += _refs_in(value)
    elif isinstance(node, list):
        for value in node:
            names += _refs_in(value)
    return names


def _range_text(low: Any, high: Any, unit: str) -> str | None:
    if low is not None and high is not None:
        return f"{low}〜{high}{unit}"
    if low is not None:
        return f"{low}{unit}以上"
    if high is not None:
        return f"{high}{unit}以内" if unit else f"{high}以下"
    return None


def _value_constraints(node: Schema) -> list[str]:
    found: list[str] = []
    if "pattern" in node:
        found.append("形式 " + code(str(node["pattern"])))
    length = _range_text(node.get("minLength"), node.get("maxLength"), "文字")
    if length:
        found.append(length)
    value = _range_text(node.get("minimum"), node.get("maximum"), "")
    if value:
        found.append(value)
    if "exclusiveMinimum" in node:
        found.append(f"{node['exclusiveMinimum']}より大きい")
    if "exclusiveMaximum" in node:
        found.append(f"{node['exclusiveMaximum']}未満")
    fmt = node.get("format")
    scheme = IDENTIFIER_SCHEMES.get(fmt) if isinstance(fmt, str) else None
    if scheme is not None:
        text = f"検査数字を検査（format {code(scheme.format_name)}、{scheme.length}桁）"
        if scheme.reference.status is not Verification.VERIFIED:
            text += f" 検査数字の規則は {badge(scheme.reference.status)}"
        found.append(text)
    return found


def _count_constraints(node: Schema) -> list[str]:
    found = []
    count = _range_text(node.get("minItems"), node.get("maxItems"), "件")
    if count:
        found.append(count)
    if node.get("uniqueItems"):
        found.append("重複なし")
    return found


_DOCUMENT_FILES = {
    CATALOGUE_NAME: (
        "`seikatsu_std/requirements/catalogue.yaml`",
        "機能要件一覧のファイル。読み込むときにこの定義で検査します。",
    ),
    "calculation-columns": (
        "`seikatsu-std calc --batch 入力.json --out 結果.jsonl` の入力",
        "多数の世帯を一度に計算するときの列形式の入力（世帯・世帯員・収入・一時的な需要を列ごとに並べたもの）。",
    ),
    "standards-table": (
        "`<表ID>/table.yaml`",
        "基準表の定義（何をどのキーで引くか）。値は版のファイルに置きます。",
    ),
    "standards-edition": (
        "`<表ID>/<適用開始日>.yaml`",
        "基準表の1つの版（適用期間・出典・確認状況つきの値）。"
        "追加の方法は「[基準表の版の追加方法](adding-editions.md)」を見てください。",
    ),
    "calculation-vectors": (
        f"`{VECTORS_PATH.as_posix()}`",
        "計算の検証ベクトル。どの言語の実装でも、入力を計算して期待値と比べることで計算の適合を確かめられます。",
    ),
}


def data_dictionary_page(
    schemas: Mapping[str, Schema],
    examples: Mapping[str, str],
    documents: Mapping[str, Schema],
) -> str:
    """データ定義: every published record's fields, its example, the other documents."""
    out = _generated_header(
        "データ定義",
        [
            f"標準仕様のデータは {len(schemas)} 種類のレコードからなります。"
            "レコードごとに JSON Schema（Draft 2020-12）を `schemas/records/<record_type>.schema.json` "
            "として公開しています。データファイルの各レコードは `record_type` で種類を示します。",
            "",
            "表の見方: 「項目名」はデータファイルでのキー、「名称」は日本語の正式な名前、"
            "「必須」は省略できないこと、「制約」は値の範囲や形式です。"
            "「選択肢」は決められた値から選ぶ項目で、データには英字の値を書き、"
            "括弧内がその意味です。「構造」は中にさらに項目を持つ項目で、表の下に内訳があります。",
        ],
    )
    out += ["## レコードの一覧", ""]
    out += table(
        ["レコード", "record_type", "項目数", "JSON Schema"],
        (
            [
                f"[{cell(s.get('title', rt))}](#record-{rt})",
                code(rt),
                str(len(s.get("properties", {}))),
                code(f"schemas/records/{rt}.schema.json"),
            ]
            for rt, s in schemas.items()
        ),
    )
    out += identifiers_section(schemas)
    for record_type, schema in schemas.items():
        writer = _SchemaWriter(schema, f"record-{record_type}")
        out += [
            f"## {md_escape(schema.get('title', record_type))}（{record_type}）"
            f" {{#record-{record_type}}}",
            "",
        ]
        if schema.get("description"):
            out += [md_escape(schema["description"]), ""]
        out += [
            f"`record_type`: {code(record_type)}　JSON Schema: "
            f"{code(f'schemas/records/{record_type}.schema.json')}",
            "",
        ]
        out += writer.field_table(schema)
        out += writer.sections()
        example = examples.get(record_type)
        if example is not None:
            out += details(
                f"例（schemas/examples/{record_type}.example.json）",
                "```json\n" + example.rstrip("\n") + "\n```",
                "example",
            )
    out += [
        "## レコード以外のファイル {#documents}",
        "",
        "レコードのほかに、次のファイルにも JSON Schema があります。",
        "",
    ]
    for name, schema in documents.items():
        where, what = _DOCUMENT_FILES.get(name, ("", ""))
        writer = _SchemaWriter(schema, f"document-{name}")
        out += [
            f"### {md_escape(schema.get('title', name))}（{name}） {{#document-{name}}}",
            "",
        ]
        if what:
            out += [what, ""]
        elif schema.get("description"):
            out += [md_escape(schema["description"]), ""]
        schema_file = (
            f"schemas/vectors/{name}.schema.json"
            if name == "calculation-vectors"
            else f"schemas/{name}.schema.json"
        )
        out += [f"ファイル: {where or '—'}　JSON Schema: {code(schema_file)}", ""]
        out += writer.field_table(schema)
        out += writer.sections("####")
    return "\n".join(out)


def identifier_uses(schemas: Mapping[str, Schema]) -> dict[str, list[str]]:
    """``format`` name → ``record_type.path`` of every field checked with that identifier."""
    uses: dict[str, list[str]] = {name: [] for name in IDENTIFIER_SCHEMES}

    def walk(node: Any, path: str, defs: Schema, seen: frozenset[str]) -> None:
        if not isinstance(node, Mapping):
            if isinstance(node, list):
                for value in node:
                    walk(value, path, defs, seen)
            return
        fmt = node.get("format")
        if isinstance(fmt, str) and fmt in uses and path not in uses[fmt]:
            uses[fmt].append(path)
        if "$ref" in node:
            name = _ref_name(node)
            if name not in seen:
                walk(defs.get(name, {}), path, defs, seen | {name})
        for key, value in node.items():
            if key == "properties" and isinstance(value, Mapping):
                for prop, sub in value.items():
                    walk(sub, f"{path}.{prop}", defs, seen)
            elif key in ("items", "anyOf", "oneOf", "allOf", "additionalProperties"):
                walk(value, path + ("[]" if key == "items" else ""), defs, seen)

    for record_type, schema in schemas.items():
        walk(schema, record_type, schema.get("$defs", {}), frozenset())
    return uses


def identifiers_section(schemas: Mapping[str, Schema]) -> list[str]:
    """識別子と検査数字: every identifier scheme, its legal status and where it is used."""
    uses = identifier_uses(schemas)
    out = [
        "## 識別子と検査数字 {#identifiers}",
        "",
        "次の識別子は、桁数・形式に加えて検査数字（入力の誤りを見つけるための最後の1桁など）を検査します。"
        "データモデルでも JSON Schema の `format` でも同じ規則で検査します。"
        "個人番号は、ケース情報とは別のレコード（`personal_number`）にだけ保持し、"
        "表示やログでは常に伏せ字になります。",
        "",
    ]
    out += table(
        ["識別子", "format 名", "桁数", "規則の根拠", "確認状況", "使われている項目"],
        (
            [
                cell(s.title),
                code(s.format_name),
                str(s.length),
                cell(f"{s.reference.cite()}: {s.reference.summary or ''}"),
                badge(s.reference.status),
                "<br>".join(code(u) for u in uses.get(s.format_name, [])) or "—",
            ]
            for s in IDENTIFIER_SCHEMES.values()
        ),
    )
    return out


# ==================================================================== 4. rules

_LEVEL_TEXT = {
    Level.HOUSEHOLD: "世帯",
    Level.MEMBER: "世帯員",
    Level.ONE_OFF: "需要1件ごと（出産・葬祭など）",
}
_ROLE_TEXT = {
    Role.COMPONENT: "最低生活費に加える額",
    Role.STEP: "途中の計算（説明に表示。合計には直接入れない）",
    Role.INCOME: "収入の認定・控除",
}
_GROUPS = {
    "living": "生活扶助（本体・経過的加算・冬季加算・期末一時扶助・入院・入所）",
    "addition": "生活扶助の加算",
    "housing": "住宅扶助",
    "education": "教育扶助",
    "occupational": "生業扶助",
    "medical": "医療扶助",
    "care": "介護扶助",
    "childbirth": "出産扶助",
    "funeral": "葬祭扶助",
    "deduction": "勤労控除",
    "income": "収入の認定",
}


@dataclass(frozen=True)
class Stage:
    """A step of the calculation done by the engine around the rules."""

    title: str
    text: str
    legal: tuple[LegalRef, ...]


def engine_stages() -> tuple[Stage, ...]:
    """The engine's own steps (before and after the rules), with their citations."""
    order = "→".join(kind.label for kind in ALLOCATION_ORDER)
    prorated = "・".join(kind.label for kind in AssistanceKind if kind in PRORATED)
    in_kind = "・".join(kind.label for kind in AssistanceKind if kind in IN_KIND)
    return (
        Stage(
            "級地・地域の判定",
            "世帯の住所の全国地方公共団体コードから、基準表「市区町村と級地」で都道府県・市区町村・級地を引きます。"
            "表にないコードは誤りになります（推測の級地は使いません）。",
            (citations.LIVING_CLASS1,),
        ),
        Stage(
            "扶助の種類ごとの最低生活費",
            "規則が計算した「最低生活費に加える額」を、扶助の種類ごとに合計します。",
            (citations.ACT_STANDARD_AND_DEGREE, citations.ACT_HOUSEHOLD_UNIT),
        ),
        Stage(
            "日割計算",
            f"月の途中で保護が始まる・終わるときは、{prorated}を"
            "「月額 × 保護の日数 ÷ その月の日数」（1円未満切上げ）で日割りします。"
            "それ以外の扶助は日割りしません。",
            (citations.PRORATION,),
        ),
        Stage(
            "収入の充当",
            f"収入として認定した額（収入充当額）を、{order} の順に最低生活費へ充てます。"
            f"{in_kind}は現物給付（医療機関・介護事業者へ支払う）です。"
            "金銭で支給する分を超えた収入は、医療・介護の費用の本人支払額になります。",
            (citations.INCOME_ALLOCATION,),
        ),
        Stage(
            "要否判定",
            "最低生活費と、要否判定のための収入認定額を比べます。"
            "要否判定では勤労控除のうち基礎控除だけを差し引きます（新規就労控除・未成年者控除は差し引かない）。",
            (citations.NEED_TEST,),
        ),
    )


def _rule_anchor(rule: Rule) -> str:
    return "rule-" + rule.code.replace(".", "-")


def _group_of(rule: Rule) -> str:
    prefix = rule.code.split(".", 1)[0]
    return _GROUPS.get(prefix, prefix)


def rules_page(
    rules: Sequence[Rule] = RULES,
    stages: Sequence[Stage] | None = None,
    allocation_order: Sequence[AssistanceKind] = ALLOCATION_ORDER,
    prorated: Iterable[AssistanceKind] = PRORATED,
) -> str:
    """計算の規則: the order of the calculation and every rule with its legal basis."""
    stages = engine_stages() if stages is None else stages
    prorated_set = set(prorated)
    out = _generated_header(
        "計算の規則",
        [
            "保護費（生活保護で支給する額）は、生活保護法第8条により"
            "「厚生労働大臣の定める基準で測った最低生活費」から「その世帯の収入」を差し引いた不足分です。"
            "このページは、seikatsu_std の計算エンジンが使う規則をすべて、計算する順に示します。",
            "",
            "用語: **最低生活費**は世帯の1か月の需要を基準で測った額、"
            "**収入充当額**は収入として認定した額、**級地**は物価などの地域差による区分"
            "（1級地-1 から 3級地-2 までの6区分）です。規則の額は「[基準表](standards.md)」の表から引きます。",
        ],
    )
    out += ["## 計算の順序", ""]
    steps = [f"**{s.title}** — {s.text}" for s in stages]
    steps.insert(
        min(1, len(steps)),
        f"**規則の計算** — 次の {len(rules)} の規則を、下の表の順に計算します"
        "（後の規則は前の規則の結果を使います）。",
    )
    out += [f"{number}. {text}" for number, text in enumerate(steps, start=1)]
    out.append("")
    out += ["## 規則の一覧", ""]
    out += table(
        ["順", "規則", "コード", "扶助の種類", "単位", "役割"],
        (
            [
                str(i),
                f"[{cell(rule.title)}](#{_rule_anchor(rule)})",
                code(rule.code),
                cell(rule.kind.label if rule.kind else "—（収入の側）"),
                cell(_LEVEL_TEXT[rule.level]),
                cell(_ROLE_TEXT[rule.role]),
            ]
            for i, rule in enumerate(rules, start=1)
        ),
    )
    out += [
        "「単位」は、規則を世帯ごとに1回計算するか（世帯）、世帯員1人ごとに計算するか（世帯員）、"
        "出産・葬祭などの需要1件ごとに計算するかを示します。",
        "",
        "## 規則ごとの内容",
        "",
    ]
    current = None
    for i, rule in enumerate(rules, start=1):
        group = _group_of(rule)
        if group != current:
            out += [f"### {md_escape(group)}", ""]
            current = group
        out += [f"#### {i}. {md_escape(rule.title)} {{#{_rule_anchor(rule)}}}", ""]
        out += table(
            ["項目", "内容"],
            [
                ["計算の方法", cell(rule.formula)],
                ["コード", code(rule.code)],
                ["扶助の種類", cell(rule.kind.label if rule.kind else "—（収入の側）")],
                ["単位", cell(_LEVEL_TEXT[rule.level])],
                ["役割", cell(_ROLE_TEXT[rule.role])],
            ],
        )
        out += ["根拠:", ""]
        out += legal_table(rule.legal)
    out += ["## 計算の前後の段階", ""]
    for stage in stages:
        out += [f"### {md_escape(stage.title)}", "", stage.text, ""]
        out += legal_table(stage.legal)
    out += ["## 収入を充てる順序 {#allocation-order}", ""]
    out += table(
        ["順", "扶助の種類", "給付の方法", "日割計算"],
        (
            [
                str(i),
                cell(kind.label),
                "現物給付" if kind in IN_KIND else "金銭給付",
                "する" if kind in prorated_set else "しない",
            ]
            for i, kind in enumerate(allocation_order, start=1)
        ),
    )
    out += [
        "収入充当額は上の順に充てます。月の途中で保護が始まる・終わる月に日割りするのは、"
        + "・".join(k.label for k in AssistanceKind if k in prorated_set)
        + "です。",
        "",
    ]
    return "\n".join(out)


# ==================================================================== 5. standards tables

_KYUCHI_ORDER = ("1-1", "1-2", "2-1", "2-2", "3-1", "3-2")


def kyuchi_label(value: str) -> str:
    """``1-2`` → ``1級地-2``."""
    major, _, minor = value.partition("-")
    return f"{major}級地-{minor}" if minor else f"{major}級地"


def key_text(spec_kind: KeyKind, value: str | int) -> str:
    """A row key for people: ranges as ``0〜2`` / ``75以上``."""
    if spec_kind is KeyKind.RANGE:
        low, high = parse_range(value)
        if high is None:
            return f"{low}以上"
        return str(low) if low == high else f"{low}〜{high}"
    return str(value)


def value_text(unit: Unit, value: int | Decimal | str | None) -> str:
    """A table value for people (amounts with thousands separators; empty as —)."""
    if value is None:
        return "—"
    if unit is Unit.YEN and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _unit_text(unit: Unit) -> str:
    return {Unit.YEN: "円（月額）", Unit.RATE: "率", Unit.COUNT: "数", Unit.TEXT: "文字列"}.get(
        unit, unit.label
    )


def _table_anchor(spec: TableSpec) -> str:
    return f"table-{spec.id}"


def _edition_anchor(edition: Edition) -> str:
    return f"edition-{edition.table}-{edition.valid_from.isoformat()}"


def edition_value_summary(spec: TableSpec, edition: Edition, page: str = "") -> str:
    """The single value of a one-cell edition (with its unit), else a link to its rows."""
    if len(edition.rows) == 1 and len(spec.columns) == 1:
        value = edition.rows[0].values[0]
        shown = value_text(spec.unit, value)
        return shown + ("円" if spec.unit is Unit.YEN and value is not None else "")
    return f"{len(edition.rows)} 行の表（[値]({page}#{_edition_anchor(edition)})）"


def is_place_table(spec: TableSpec) -> bool:
    names = {c.name for c in spec.columns}
    return {"prefecture", "kyuchi"} <= names


def edition_values(spec: TableSpec, edition: Edition) -> list[str]:
    """The values of one edition as a table (a per-prefecture count for the municipality table)."""
    if is_place_table(spec):
        return _place_summary(spec, edition)
    header = [cell(k.title) for k in spec.keys] + [cell(c.title) for c in spec.columns]
    rows = []
    for row in edition.rows:
        keys = [cell(key_text(k.kind, row.key[k.name])) for k in spec.keys]
        rows.append(keys + [cell(value_text(spec.unit, v)) for v in row.values])
    return table(header, rows)


def _place_summary(spec: TableSpec, edition: Edition) -> list[str]:
    names = [c.name for c in spec.columns]
    pref_at, kyuchi_at = names.index("prefecture"), names.index("kyuchi")
    counts: dict[str, Counter[str]] = {}
    for row in edition.rows:
        prefecture = str(row.values[pref_at])
        counts.setdefault(prefecture, Counter())[str(row.values[kyuchi_at])] += 1
    seen = sorted({k for c in counts.values() for k in c})
    kyuchi = [k for k in _KYUCHI_ORDER if k in seen] + [k for k in seen if k not in _KYUCHI_ORDER]
    rows = [
        [cell(p), *(str(c[k]) if c[k] else "—" for k in kyuchi), str(sum(c.values()))]
        for p, c in counts.items()
    ]
    totals = Counter[str]()
    for c in counts.values():
        totals.update(c)
    rows.append(["**計**", *(f"**{totals[k]}**" for k in kyuchi), f"**{len(edition.rows)}**"])
    out = [
        f"この版には {len(edition.rows):,} の団体コードがあります。ここでは都道府県ごとに、"
        "級地ごとの市区町村（政令指定都市の区を含む）の数を示します。"
        "コードごとの一覧は、版のファイル "
        f"`seikatsu_std/standards/data/{spec.id}/{edition.valid_from.isoformat()}.yaml` にあります。",
        "",
    ]
    out += table(["都道府県", *(kyuchi_label(k) for k in kyuchi), "計"], rows)
    return out


def standards_page(standards: Standards) -> str:
    """基準表: every table with its keys, legal basis and every edition's values."""
    specs = list(standards.tables.values())
    out = _generated_header(
        "基準表",
        [
            "保護費の計算に使う基準額・率などの表（基準表）の一覧です。"
            "各表は「どのキーで行を引くか」の定義と、期間ごとの**版**からなります。"
            "版には適用期間・出典・確認状況があり、計算する月に適用される版だけを使います。",
            "",
            "用語: **級地**は、生活扶助などの基準額を地域の物価などの差で分ける区分で、"
            "1級地-1（大都市）から 3級地-2 までの6区分です。**確認状況**は、版の値を出典で確かめられたか"
            f"どうかです: {badge(EditionStatus.VERIFIED)}（出典で確認済み）、"
            f"{badge(EditionStatus.UNVERIFIED)}（出典で未確認）、"
            f"{badge(EditionStatus.CONFLICT)}（資料によって値が違う）、"
            f"{badge(EditionStatus.PROVISIONAL)}（公式の表が未収録の期間を埋める値。"
            "明示的に許可したときだけ計算に使う）。",
            "",
            "ある月に適用できる版がない表を使う世帯は、計算できません（誤りとして止まり、推測の値は使いません）。"
            "公式の改定版を加える方法は「[基準表の版の追加方法](adding-editions.md)」を見てください。",
        ],
    )
    out += ["## 表の一覧", ""]
    out += table(
        ["表", "表ID", "単位", "版の数", "版の確認状況"],
        (
            [
                f"[{cell(s.title)}](#{_table_anchor(s)})",
                code(s.id),
                cell(_unit_text(s.unit)),
                str(len(standards.editions.get(s.id, []))),
                " ".join(badge(e.status) for e in standards.editions.get(s.id, [])) or "**版なし**",
            ]
            for s in specs
        ),
    )
    for spec in specs:
        out += _table_section(spec, standards.editions.get(spec.id, []))
    return "\n".join(out)


@dataclass(frozen=True)
class Gap:
    """A period in which no official edition of a table applies."""

    start: date
    #: Last day of the gap (None: from ``start`` on, with no end).
    end: date | None
    #: True when a provisional edition covers it (usable only when explicitly allowed).
    provisional_only: bool

    def text(self) -> str:
        """``2015-11-01 以降: 版なし`` and the like."""
        span = (
            f"{self.start.isoformat()} 以降"
            if self.end is None
            else f"{self.start.isoformat()} 〜 {self.end.isoformat()}"
        )
        what = (
            "暫定版だけ（使用の許可が必要）"
            if self.provisional_only
            else "適用できる版がない（計算できない）"
        )
        return f"{span}: {what}"


def coverage_gaps(spec: TableSpec, editions: Sequence[Edition]) -> list[Gap]:
    """Periods after the first edition (within the rule's life) with no official edition."""
    if not editions:
        return []
    points = {e.valid_from for e in editions}
    points |= {e.valid_to + timedelta(days=1) for e in editions if e.valid_to is not None}
    ordered = sorted(p for p in points if spec.applies_to is None or p <= spec.applies_to)
    gaps: list[Gap] = []
    for i, start in enumerate(ordered):
        end = ordered[i + 1] - timedelta(days=1) if i + 1 < len(ordered) else spec.applies_to
        covering = [e for e in editions if e.covers(start)]
        if any(e.status is not EditionStatus.PROVISIONAL for e in covering):
            continue
        gap = Gap(start, end, bool(covering))
        previous = gaps[-1] if gaps else None
        if (
            previous is not None
            and previous.end is not None
            and previous.end + timedelta(days=1) == start
            and previous.provisional_only == gap.provisional_only
        ):
            gaps[-1] = Gap(previous.start, end, gap.provisional_only)
        else:
            gaps.append(gap)
    return gaps


def _table_section(spec: TableSpec, editions: Sequence[Edition]) -> list[str]:
    out = [f"## {md_escape(spec.title)}（{spec.id}） {{#{_table_anchor(spec)}}}", ""]
    out += [md_escape(spec.description), ""]
    keys = "、".join(f"{k.title}（{k.kind.label}）" for k in spec.keys) or "なし（値が1つの表）"
    applies = []
    if spec.applies_from:
        applies.append(
            f"{spec.applies_from.isoformat()} から（それより前の月は、この規則がないため額は0）"
        )
    if spec.applies_to:
        applies.append(f"{spec.applies_to.isoformat()} まで（それより後の月は額は0）")
    out += table(
        ["項目", "内容"],
        [
            ["表ID", code(spec.id)],
            ["単位", cell(_unit_text(spec.unit))],
            ["検索キー", cell(keys)],
            ["値の列", cell("、".join(c.title for c in spec.columns))],
            ["制度の開始日・終了日", cell("、".join(applies) or "定めなし（すべての月に適用）")],
            ["版の数", str(len(editions))],
            [
                "公式の版がない期間",
                "<br>".join(cell(g.text()) for g in coverage_gaps(spec, editions))
                or ("—" if editions else cell("すべての期間（版がない）")),
            ],
        ],
    )
    out += ["根拠:", ""]
    out += legal_table(spec.legal_basis)
    if not editions:
        out += [
            '!!! warning "版がありません"',
            "    この表にはまだ版（値）がありません。"
            "この表を必要とする世帯は、版が追加されるまで計算できません"
            "（計算は誤りとして止まり、推測の値は使いません）。"
            "版の追加方法は「[基準表の版の追加方法](adding-editions.md)」を見てください。",
            "",
        ]
        return out
    conflict = [e for e in editions if e.status is EditionStatus.CONFLICT]
    if conflict:
        out += [
            '!!! warning "資料間で相違"',
            "    この表の値は資料によって違います。期間ごとに次の値を採用しています。",
            "",
        ]
        out += [
            "    " + line
            for line in table(
                ["期間", "採用した値", "出典"],
                (
                    [
                        cell(period_text(e)),
                        edition_value_summary(spec, e),
                        cell(e.source),
                    ]
                    for e in editions
                ),
            )
        ]
    for edition in editions:
        out += [
            f"### 版 {period_text(edition)} {badge(edition.status)} {{#{_edition_anchor(edition)}}}",
            "",
        ]
        out += table(
            ["項目", "内容"],
            [
                ["適用期間", cell(period_text(edition))],
                ["確認状況", _status_text(edition.status)],
                ["出典", cell(edition.source)],
                ["注記", cell(edition.notes)],
            ],
        )
        if edition.legal_basis:
            out += ["この版の根拠（表の根拠に追加）:", ""]
            out += legal_table(edition.legal_basis)
        out += [f"値（単位: {_unit_text(spec.unit)}）:", ""]
        out += edition_values(spec, edition)
    return out


# ==================================================================== 7. worked examples


@dataclass(frozen=True)
class ExampleChoice:
    """One worked example to show: what it illustrates and how to find a vector for it."""

    title: str
    why: str
    matches: Callable[[Vector], bool]
    #: Lower sorts first among matching vectors (hand-derived ones are preferred anyway).
    preference: Callable[[Vector], Any] = field(default=lambda v: 0)


def _values(v: Vector) -> VectorValues | None:
    return v.expected if isinstance(v.expected, VectorValues) else None


def _age(birth: date, month: str) -> int:
    year, mon = int(month[:4]), int(month[5:7])
    return year - birth.year - ((mon, 1) < (birth.month, birth.day))


def _single_elderly(v: Vector) -> bool:
    members = v.input.household.members
    return (
        _values(v) is not None
        and len(members) == 1
        and _age(members[0].birth_date, v.input.month) >= 65
        and members[0].residence.value == "at_home"
    )


def _plainness(v: Vector) -> tuple[int, ...]:
    """Prefer examples without extras (incomes, in-kind costs, one-offs, special facts)."""
    in_kind = v.input.in_kind.medical + v.input.in_kind.care
    return (
        int(in_kind > 0),
        len(v.input.one_off),
        sum(1 for f in v.input.member_facts if f.care_premium or f.home_patient),
        len(v.input.incomes),
        int(v.input.covered_from is not None or v.input.covered_to is not None),
        int(v.allow_provisional),
    )


def _renting(v: Vector) -> int:
    """0 when the household pays rent (so the example shows 住宅扶助)."""
    return 0 if v.input.household.housing.monthly_rent else 1


def _has(tag: str) -> Callable[[Vector], bool]:
    return lambda v: tag in v.tags


def _component(name: str) -> Callable[[Vector], bool]:
    return lambda v: (values := _values(v)) is not None and name in values.components


def _step(name: str) -> Callable[[Vector], bool]:
    return lambda v: (values := _values(v)) is not None and name in values.steps


def _over_housing_limit(v: Vector) -> bool:
    values = _values(v)
    rent = v.input.household.housing.monthly_rent
    if values is None or rent is None:
        return False
    granted = values.components.get("housing.rent", 0)
    return 0 < granted < rent


def _error(v: Vector) -> bool:
    return isinstance(v.expected, ExpectedError)


def _members(count: int) -> Callable[[Vector], bool]:
    return lambda v: len(v.input.household.members) == count


def _error_containing(text: str) -> Callable[[Vector], bool]:
    return lambda v: isinstance(v.expected, ExpectedError) and text in v.expected.error.contains


#: The worked examples, in the order the page shows them.
EXAMPLE_CHOICES: tuple[ExampleChoice, ...] = (
    ExampleChoice(
        "単身の高齢者（居宅）",
        "もっとも基本的な例です。第1類費・第2類費から生活扶助本体を求めます。"
        "借家なら家賃を住宅扶助として加えます。",
        _single_elderly,
        lambda v: ("winter" in v.tags, *_plainness(v), _renting(v)),
    ),
    ExampleChoice(
        "夫婦と子ども2人の世帯",
        "4人世帯の例です。世帯員ごとの第1類費の合計に世帯人員による逓減率を掛け、世帯の第2類費を加えます。",
        lambda v: _members(4)(v) and _has("municipality")(v) and _values(v) is not None,
        lambda v: (0 if "kyuchi:1-1" in v.tags else 1, *_plainness(v)),
    ),
    ExampleChoice(
        "ひとり親世帯（母子加算・児童養育加算）",
        "配偶者のいない親が児童を養育する世帯です。母子加算と児童養育加算が加わります。",
        lambda v: (
            _has("single_parent")(v)
            and not _has("same_person")(v)
            and _component("addition.single_parent")(v)
        ),
        lambda v: (0 if _component("addition.child_rearing")(v) else 1, *_plainness(v)),
    ),
    ExampleChoice(
        "同一人の母子加算と障害者加算（高い方のみ）",
        "ひとり親本人が障害者加算にも当たるとき、同じ人には母子加算と障害者加算のいずれか高い方だけを算定します。",
        lambda v: _has("same_person")(v) and _values(v) is not None,
        lambda v: 0 if _component("addition.disability_forgone")(v) else 1,
    ),
    ExampleChoice(
        "就労収入と勤労控除（基礎控除・新規就労控除）",
        "働いて得た収入から、必要経費と勤労控除を差し引いた額を収入として認定します。",
        _step("deduction.new_job"),
        lambda v: (0 if _step("deduction.basic")(v) else 1, *_plainness(v)),
    ),
    ExampleChoice(
        "家賃が住宅扶助の上限を超える世帯",
        "住宅扶助は実際の家賃と上限額の低い方です。上限を超える家賃は、超えた分が認められません。",
        _over_housing_limit,
        lambda v: (0 if any(t.startswith("rent:over") for t in v.tags) else 1, *_plainness(v)),
    ),
    ExampleChoice(
        "月の途中で保護が始まる（日割計算）",
        "月の途中から保護するときは、"
        + "・".join(kind.label for kind in AssistanceKind if kind in PRORATED)
        + "を日割りします。",
        lambda v: (
            _has("proration")(v) and _values(v) is not None and v.input.covered_from is not None
        ),
        _plainness,
    ),
    ExampleChoice(
        "医療扶助と本人支払額",
        "収入が金銭で支給する分を超えるときは、超えた分を医療・介護の費用の本人支払額とします。",
        lambda v: (values := _values(v)) is not None and values.own_payment > 0,
        _plainness,
    ),
    ExampleChoice(
        "暫定版を使う月（特例加算）",
        "公式の表がまだ収録されていない月は、暫定版の使用を許可したときだけ計算できます。"
        "説明の「表:」と最後の「注意」に、暫定であることが示されます。"
        "特例加算は、制度の開始日（[基準表](standards.md#table-special_addition)を参照）以降の月に加わります。",
        lambda v: v.allow_provisional and _component("living.special")(v),
        _plainness,
    ),
    ExampleChoice(
        "計算できない例（基準表に版がない）",
        "必要な基準表に版がないときは、推測の額で計算せず、理由を示して誤りにします。",
        lambda v: _error(v) and _has("no_table")(v),
        lambda v: int(v.allow_provisional),
    ),
    ExampleChoice(
        "計算できない例（冬の月: 冬季加算の版がない）",
        "冬の月に冬季加算の表の版がないと、居宅の世帯は計算できません"
        "（収録している版は[基準表](standards.md#table-winter_addition)を参照）。",
        lambda v: _error_containing("winter_addition")(v) and _has("winter")(v),
        lambda v: (0 if "month:12" in v.tags else 1, *_plainness(v)),
    ),
    ExampleChoice(
        "計算できない例（暫定版の使用の許可が必要）",
        "暫定の版しかない期間は、使用を明示的に許可しない限り計算しません。",
        _error_containing("暫定"),
        _plainness,
    ),
)


def choose_examples(
    vectors: VectorFile, choices: Sequence[ExampleChoice] = EXAMPLE_CHOICES
) -> list[tuple[ExampleChoice, Vector]]:
    """One vector per choice (a hand-derived one when there is; never the same twice).

    Raises DocsError naming every choice no vector matches.
    """
    chosen: list[tuple[ExampleChoice, Vector]] = []
    used: set[str] = set()
    missing = []
    for choice in choices:
        candidates = [v for v in vectors.vectors if v.id not in used and choice.matches(v)]
        if not candidates:
            missing.append(choice.title)
            continue
        best = min(
            enumerate(candidates),
            key=lambda item: (item[1].source != HAND_SOURCE, choice.preference(item[1]), item[0]),
        )[1]
        used.add(best.id)
        chosen.append((choice, best))
    if missing:
        raise DocsError(
            "計算例に使える検証ベクトルが見つかりません: "
            + "、".join(missing)
            + f" ({VECTORS_PATH}: no vector matches these worked examples)"
        )
    return chosen


def _input_summary(v: Vector) -> list[str]:
    data = v.input
    household = data.household
    facts = {f.member_id: f for f in data.member_facts}
    out = [f"- 対象年月: {data.month}", f"- 団体コード: {household.municipality_code}"]
    housing = household.housing
    rent = f"、家賃 {yen(housing.monthly_rent)}" if housing.monthly_rent is not None else ""
    out.append(f"- 住居: {housing.tenure.label}{rent}")
    if data.covered_from or data.covered_to:
        out.append(
            f"- 保護の期間（この月のうち）: {data.covered_from or '月初'} 〜 {data.covered_to or '月末'}"
        )
    out.append("")
    rows = []
    for m in household.members:
        notes = []
        if m.disability is not None:
            notes.append("障害あり")
        if m.separated:
            notes.append("世帯分離")
        fact = facts.get(m.id)
        if fact is not None and fact.lone_parent:
            notes.append("ひとり親")
        rows.append(
            [
                code(m.id),
                cell(m.relationship.label),
                cell(m.birth_date.isoformat()),
                cell(m.residence.label),
                cell(m.school.label),
                cell("・".join(notes)),
            ]
        )
    out += table(["世帯員", "続柄", "生年月日", "居所", "就学", "その他"], rows)
    if data.incomes:
        out += table(
            ["世帯員", "収入の種類", "額", "必要経費"],
            (
                [
                    code(i.member_id),
                    cell(i.kind.label),
                    yen(i.amount),
                    yen(i.necessary_expenses),
                ]
                for i in data.incomes
            ),
        )
    extras = []
    if data.in_kind.medical or data.in_kind.care:
        extras.append(
            f"医療費の見込額 {yen(data.in_kind.medical)}、介護費の見込額 {yen(data.in_kind.care)}"
        )
    extras += [f"{o.kind.label} {yen(o.amount)}" for o in data.one_off]
    if extras:
        out += ["- " + "、".join(extras), ""]
    return out


def examples_page(
    vectors: VectorFile,
    calculators: Callable[[bool], Calculator],
    choices: Sequence[ExampleChoice] = EXAMPLE_CHOICES,
) -> str:
    """計算例: representative vectors, each recalculated and explained line by line.

    ``calculators(allow_provisional)`` gives the calculator to use. Raises
    DocsError when a fresh calculation no longer gives the vector's expected
    values (the page must never show an example the engine disagrees with).
    """
    chosen = choose_examples(vectors, choices)
    out = _generated_header(
        "計算例",
        [
            f"計算の検証ベクトル（`{VECTORS_PATH.as_posix()}`、{len(vectors.vectors)} 件）から、"
            f"代表的な {len(chosen)} 件を選んで示します。どの例も、ページを作るたびに計算エンジンで"
            "計算し直し、その説明（使った規則・基準表の欄・根拠）をそのまま載せています。"
            "計算結果がベクトルの期待値と違えば、サイトの作成そのものが失敗します。",
            "",
            "説明の読み方: 「■」の行が1つの規則の結果です。「表:」は使った基準表の版と欄、"
            "「根拠:」は法令等と、その確認状況です。"
            "版が未確認・暫定のときは、最後の「注意」にも示されます。",
        ],
    )
    out += ["## 例の一覧", ""]
    out += table(
        ["例", "ベクトルID", "結果"],
        ([f"[{cell(c.title)}](#example-{v.id})", code(v.id), _outcome(v)] for c, v in chosen),
    )
    for choice, vector in chosen:
        out += _example_section(choice, vector, calculators(vector.allow_provisional))
    return "\n".join(out)


def _outcome(v: Vector) -> str:
    values = _values(v)
    if values is None:
        return "計算できない（誤り）"
    return f"金銭給付額 {yen(values.cash_benefit)}"


def _example_section(choice: ExampleChoice, vector: Vector, calculator: Calculator) -> list[str]:
    out = [f"## {md_escape(choice.title)} {{#example-{vector.id}}}", "", choice.why, ""]
    out += [
        f"ベクトル {code(vector.id)}: {md_escape(vector.title)}",
        "",
        "タグ: " + " ".join(code(t) for t in vector.tags),
        "",
    ]
    if vector.allow_provisional:
        out += ["暫定版の使用を許可して計算しています（`--allow-provisional`）。", ""]
    out += ["### 入力", ""]
    out += _input_summary(vector)
    expected = vector.expected
    if isinstance(expected, ExpectedError):
        try:
            calculator.calculate(vector.input)
        except CalculationError as exc:
            message = str(exc)
        else:
            raise DocsError(
                f"計算例 {vector.id}: 誤りになるはずが計算できました (expected an error)"
            )
        if expected.error.contains not in message:
            raise DocsError(
                f"計算例 {vector.id}: 誤りの内容がベクトルと違います "
                f"(message lacks {expected.error.contains!r})"
            )
        out += [
            "### 結果: 計算できません",
            "",
            "エンジンは次の理由で計算を止めます（ベクトルが求める内容 "
            f"{code(expected.error.contains)} を含みます）。",
            "",
            "```text",
            message,
            "```",
            "",
        ]
    else:
        result = calculator.calculate(vector.input, explain=True)
        fresh = VectorValues.from_result(result)
        if fresh != expected:
            raise DocsError(
                f"計算例 {vector.id}: 計算し直した結果がベクトルの期待値と違います "
                "(the engine no longer gives the vector's expected values: rebuild the vectors)"
            )
        out += [
            "### 結果",
            "",
            f"最低生活費 {yen(result.minimum_living_cost)} − 収入充当額 {yen(result.recognised_income)}"
            f" → **金銭給付額 {yen(result.cash_benefit)}**（本人支払額 {yen(result.own_payment)}）",
            "",
            "### 計算の説明（エンジンの出力）",
            "",
            "```text",
            render_text(result).rstrip("\n"),
            "```",
            "",
        ]
    out += details("期待値の導き方（ベクトルの記載）", md_escape_block(vector.derivation))
    out += [f"期待値の出所: {md_escape(vector.source)}", ""]
    out += details(
        "入力の JSON",
        "```json\n" + vector.input.model_dump_json(indent=2, exclude_none=True) + "\n```",
        "example",
    )
    return out


def md_escape_block(text: str) -> str:
    """Multi-line text as Markdown paragraphs (line breaks kept)."""
    return "\n\n".join(md_escape(line) for line in text.splitlines() if line.strip())


# ==================================================================== 8. open questions


@dataclass
class _RefGroup:
    """One cited provision (law + article + status) and every place that cites it."""

    ref: LegalRef
    #: (where it is used, what that place says the provision means)
    uses: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def summaries(self) -> list[str | None]:
        return list(dict.fromkeys(summary for _, summary in self.uses))

    #: The sources each place gives for it.
    sources: list[str | None] = field(default_factory=list)

    @property
    def distinct_sources(self) -> list[str]:
        return list(dict.fromkeys(s for s in self.sources if s))


def _group_refs(pairs: Iterable[tuple[LegalRef, str]]) -> list[_RefGroup]:
    """Group references by provision (law, article, status), keeping every use."""
    groups: dict[tuple[str, str | None, str], _RefGroup] = {}
    for ref, use in pairs:
        group = groups.setdefault((ref.law, ref.article, ref.status.value), _RefGroup(ref))
        if (use, ref.summary) not in group.uses:
            group.uses.append((use, ref.summary))
        group.sources.append(ref.source)
    return list(groups.values())


def _ref_rows(groups: Sequence[_RefGroup]) -> list[str]:
    rows = []
    for g in groups:
        summaries = g.summaries
        if len(summaries) == 1:
            content = cell(summaries[0])
            uses = [use for use, _ in g.uses]
        else:
            content = "使われている所ごとに記載"
            uses = [f"{use}: {cell(summary)}" for use, summary in g.uses]
        rows.append(
            [
                cell(g.ref.cite()),
                content,
                badge(g.ref.status),
                "<br>".join(cell(s) for s in g.distinct_sources) or "—",
                f"{len(uses)} か所:<br>" + "<br>".join(uses) if len(uses) > 1 else uses[0],
                cell(settle_hint(g.ref)),
            ]
        )
    return table(["根拠", "内容", "確認状況", "現在の出典", "使われている所", "確認の方法"], rows)


def _edition_hint(edition: Edition) -> str:
    if edition.status is EditionStatus.PROVISIONAL:
        return "公式の表（改正告示）の値で版を追加する（暫定版は公式の版がない期間だけ使われる）"
    if edition.status is EditionStatus.CONFLICT:
        return (
            "告示・通知の原文で、正しい値と改定日を確定する（どちらかの版を直し、確認済みにする）"
        )
    return "告示・通知の原文と照合し、一致すれば確認状況を確認済みにする"


def calculation_refs(
    rules: Sequence[Rule] = RULES, stages: Sequence[Stage] | None = None
) -> list[tuple[LegalRef, str]]:
    """Every legal reference the calculation cites, with where (rule or engine step)."""
    stages = engine_stages() if stages is None else stages
    pairs: list[tuple[LegalRef, str]] = []
    for rule in rules:
        for ref in rule.legal:
            pairs.append((ref, f"[{cell(rule.title)}](rules.md#{_rule_anchor(rule)})"))
    for stage in stages:
        for ref in stage.legal:
            pairs.append((ref, f"計算の段階「{cell(stage.title)}」"))
    cited = {id(ref) for ref, _ in pairs}
    for name, value in vars(citations).items():
        if isinstance(value, LegalRef) and id(value) not in cited:
            pairs.append((value, f"計算エンジン（{code('citations.' + name)}）"))
    return pairs


def workflow_refs(workflows: Mapping[str, Workflow[Any, Any]]) -> list[tuple[LegalRef, str]]:
    """Every legal reference the workflows, the authority rules and the approval stages cite."""
    pairs: list[tuple[LegalRef, str]] = []
    for workflow in workflows.values():
        where = f"[{cell(workflow.label)}](workflows.md)"
        for transition in workflow.transitions:
            for guard in transition.guards:
                pairs += [(ref, f"{where}「{cell(guard.label)}」") for ref in guard.legal]
        for deadline in workflow.deadlines:
            pairs += [(ref, f"{where}の期限「{cell(deadline.label)}」") for ref in deadline.legal]
    for action, rule in AUTHORITY_RULES.items():
        pairs += [(ref, f"権限「{cell(action.label)}」") for ref in rule.legal]
    pairs.append((APPROVAL_STAGES_LEGAL, "決裁の段階（福祉事務所ごとの設定）"))
    return pairs


def open_questions_page(
    catalogue: RequirementCatalogue,
    standards: Standards,
    calc_refs: Sequence[tuple[LegalRef, str]],
    schemes: Mapping[str, IdentifierScheme] = IDENTIFIER_SCHEMES,
    vectors: VectorFile | None = None,
    flow_refs: Sequence[tuple[LegalRef, str]] = (),
) -> str:
    """未解決の論点: every UNVERIFIED, CONFLICT or provisional fact the code uses."""
    specs = standards.tables
    editions = [e for t in specs for e in standards.editions.get(t, [])]
    open_editions = [e for e in editions if e.status is not EditionStatus.VERIFIED]
    table_refs = [
        (ref, f"[{cell(spec.title)}](standards.md#{_table_anchor(spec)})")
        for spec in specs.values()
        for ref in _open(spec.legal_basis)
    ] + [
        (ref, f"[{cell(specs[e.table].title)} {e.valid_from}](standards.md#{_edition_anchor(e)})")
        for e in editions
        for ref in _open(e.legal_basis)
    ]
    table_groups = _group_refs(table_refs)
    calc_groups = _group_refs((r, u) for r, u in calc_refs if r.status is not Verification.VERIFIED)
    flow_groups = _group_refs((r, u) for r, u in flow_refs if r.status is not Verification.VERIFIED)
    req_groups = _group_refs(
        (ref, f"[{r.id}](requirements.md#{r.id}) {cell(r.title)}")
        for r in catalogue.requirements
        for ref in _open(r.legal_basis)
    )
    open_schemes = [s for s in schemes.values() if s.reference.status is not Verification.VERIFIED]
    empty_tables = [s for s in specs.values() if not standards.editions.get(s.id)]
    gaps = [
        (spec, gap)
        for spec in specs.values()
        for gap in coverage_gaps(spec, standards.editions.get(spec.id, []))
    ]
    suspects = (
        [v for v in vectors.vectors if "suspected_issue" in v.tags or "in question" in v.source]
        if vectors
        else []
    )

    out = _generated_header(
        "未解決の論点",
        [
            "コードが使っている事実（法令の条項、基準額、日付、検査数字の規則）のうち、"
            "出典でまだ確認できていないもの・資料によって違うもの・暫定のものの一覧です。"
            "どれも、日付と出典つきで差し替えられるデータ（基準表の版、根拠の記載）として実装しており、"
            "確認が済めばデータを直すだけで計算と文書に反映されます。",
            "",
            f"確認状況: {badge(Verification.UNVERIFIED)} は出典で確かめていないもの、"
            f"{badge(Verification.CONFLICT)} は資料によって値が違うもの、"
            f"{badge(EditionStatus.PROVISIONAL)} は公式の表が手元にない期間を埋めるための値です。",
        ],
    )
    status_counts = Counter(e.status.value for e in open_editions)
    ref_rows = [
        ("基準表の版（値）", status_counts, "#editions"),
        ("基準表の根拠", Counter(g.ref.status.value for g in table_groups), "#table-basis"),
        ("計算の規則の根拠", Counter(g.ref.status.value for g in calc_groups), "#rule-basis"),
        ("業務の流れと権限の根拠", Counter(g.ref.status.value for g in flow_groups), "#flow-basis"),
        (
            "機能要件の根拠",
            Counter(g.ref.status.value for g in req_groups),
            "#requirement-basis",
        ),
        (
            "識別子の検査数字",
            Counter(s.reference.status.value for s in open_schemes),
            "#identifiers",
        ),
    ]
    statuses = ("unverified", "conflict", "provisional")
    out += ["## 件数", ""]
    rows = []
    for title, counts, anchor in ref_rows:
        rows.append(
            [f"[{title}]({anchor})", *(str(counts[s]) for s in statuses), str(counts.total())]
        )
    rows.append(
        [
            "[公式の版がない期間](#gaps)",
            "—",
            "—",
            str(sum(1 for _, g in gaps if g.provisional_only)),
            str(len(gaps)),
        ]
    )
    rows.append(["[版のない表](#empty-tables)", "—", "—", "—", str(len(empty_tables))])
    if vectors is not None:
        rows.append(["[計算例で疑義のある動作](#suspected)", "—", "—", "—", str(len(suspects))])
    out += table(["区分", "未確認", "資料間で相違", "暫定", "計"], rows)
    out += [
        "根拠は、同じ法令・条項・内容のものを1行にまとめ、使われている所を並べています。",
        "",
    ]

    out += [f"## 基準表の版（{len(open_editions)} 件） {{#editions}}", ""]
    out += [
        "値そのものが確認できていない版です。資料間で相違する表は、期間ごとに採用した値を示します。",
        "",
    ]
    for status in (EditionStatus.CONFLICT, EditionStatus.PROVISIONAL, EditionStatus.UNVERIFIED):
        chosen = [e for e in open_editions if e.status is status]
        if not chosen:
            continue
        out += [f"### {status.label}（{len(chosen)} 件）", ""]
        if status is EditionStatus.CONFLICT:
            out += ["期間ごとに採用した値:", ""]
            for table_id in dict.fromkeys(e.table for e in chosen):
                spec = specs[table_id]
                periods = "、".join(
                    f"{period_text(e)} は {edition_value_summary(spec, e, 'standards.md')}"
                    for e in standards.editions[table_id]
                )
                out.append(f"- **{md_escape(spec.title)}**（{code(table_id)}）: {periods}")
            out.append("")
        out += table(
            ["表", "期間", "採用した値", "出典", "注記", "確認の方法"],
            (
                [
                    f"[{cell(specs[e.table].title)}](standards.md#{_edition_anchor(e)})"
                    f"<br>{code(e.table)}",
                    cell(period_text(e)),
                    edition_value_summary(specs[e.table], e, "standards.md"),
                    cell(e.source),
                    cell(e.notes),
                    cell(_edition_hint(e)),
                ]
                for e in chosen
            ),
        )

    out += [f"## 公式の版がない期間（{len(gaps)} 件） {{#gaps}}", ""]
    out += [
        "最初の版より後で、公式の版（確認済み・未確認・資料間で相違）がどれも適用されない期間です。"
        "暫定版だけの期間は、暫定版の使用を明示的に許可したときだけ計算できます"
        "（`seikatsu-std calc --allow-provisional`）。版がない期間に、その表を必要とする世帯・月は計算できません。",
        "",
    ]
    out += (
        table(
            ["表", "期間と状態", "確認の方法"],
            (
                [
                    f"[{cell(spec.title)}](standards.md#{_table_anchor(spec)})<br>{code(spec.id)}",
                    cell(gap.text()),
                    cell("その期間の告示（改定版）の表を確認し、公式の版を追加する"),
                ]
                for spec, gap in gaps
            ),
        )
        if gaps
        else ["なし。", ""]
    )
    out += [f"## 基準表の根拠（{len(table_groups)} 件） {{#table-basis}}", ""]
    out += _ref_rows(table_groups) if table_groups else ["なし。", ""]
    out += [f"## 計算の規則の根拠（{len(calc_groups)} 件） {{#rule-basis}}", ""]
    out += _ref_rows(calc_groups) if calc_groups else ["なし。", ""]
    out += [f"## 業務の流れと権限の根拠（{len(flow_groups)} 件） {{#flow-basis}}", ""]
    out += [
        "状態遷移のガード・法定の期限・権限の規則・決裁の段階が引く根拠のうち、確認できていないものです。",
        "",
    ]
    out += _ref_rows(flow_groups) if flow_groups else ["なし。", ""]
    out += [f"## 機能要件の根拠（{len(req_groups)} 件） {{#requirement-basis}}", ""]
    by_status = Counter(g.ref.status.value for g in req_groups)
    out += [
        f"未確認 {by_status['unverified']} 件、資料間で相違 {by_status['conflict']} 件"
        f"（要件 {sum(1 for r in catalogue.requirements if _open(r.legal_basis))} 件で使用）。",
        "",
    ]
    out += _ref_rows(req_groups) if req_groups else ["なし。", ""]
    out += [f"## 識別子の検査数字（{len(open_schemes)} 件） {{#identifiers}}", ""]
    out += (
        table(
            ["識別子", "format 名", "根拠", "内容", "確認状況", "現在の出典", "確認の方法"],
            (
                [
                    cell(s.title),
                    code(s.format_name),
                    cell(s.reference.cite()),
                    cell(s.reference.summary),
                    badge(s.reference.status),
                    cell(s.reference.source),
                    cell("付番と検査数字の算式を定める資料での確認"),
                ]
                for s in open_schemes
            ),
        )
        if open_schemes
        else ["なし。", ""]
    )
    out += [f"## 版のない表（{len(empty_tables)} 件） {{#empty-tables}}", ""]
    out += [
        "次の表には版（値）がまだありません。これらを必要とする世帯は、版が追加されるまで計算できません"
        "（誤りとして止まります）。",
        "",
    ]
    out += (
        table(
            ["表", "表ID", "根拠", "確認の方法"],
            (
                [
                    f"[{cell(s.title)}](standards.md#{_table_anchor(s)})",
                    code(s.id),
                    "<br>".join(f"{cell(r.cite())} {badge(r.status)}" for r in s.legal_basis),
                    cell("告示原文で額を確認し、版を追加する"),
                ]
                for s in empty_tables
            ),
        )
        if empty_tables
        else ["なし。", ""]
    )
    if vectors is not None:
        out += [f"## 計算例で疑義のある動作（{len(suspects)} 件） {{#suspected}}", ""]
        out += [
            "検証ベクトルのうち、エンジンの現在の動作を記録したが、規則の確認が必要とされたものです"
            "（タグ `suspected_issue`、又は期待値の出所に「the rule is in question」とあるもの）。",
            "",
        ]
        out += (
            table(
                ["ベクトル", "事例", "何が問題か"],
                ([code(v.id), cell(v.title), cell(v.derivation)] for v in suspects),
            )
            if suspects
            else ["なし。", ""]
        )
    return "\n".join(out)


# ==================================================================== assembling the site


def read_examples(directory: Path) -> dict[str, str]:
    """The published example of each record type, as text (``<type>.example.json``)."""
    return {
        path.name.removesuffix(".example.json"): path.read_text(encoding="utf-8")
        for path in sorted(directory.glob("*.example.json"))
    }


def read_vectors(path: Path) -> VectorFile | None:
    """The calculation vectors, or None when the file does not exist."""
    if not path.is_file():
        return None
    return VectorFile.model_validate_json(path.read_text(encoding="utf-8"))


def published_documents() -> dict[str, Schema]:
    """Schemas of the non-record files, including the calculation vectors."""
    documents: dict[str, Schema] = {name: document_schema(name) for name in DOCUMENT_MODELS}
    documents["calculation-vectors"] = VectorFile.model_json_schema()
    return documents


def missing_vectors_page(path: Path) -> str:
    """Stand-in for the examples page while the vectors file is missing (build warns)."""
    return "\n".join(
        [
            "# 計算例",
            "",
            '!!! failure "計算例を作れません"',
            f"    計算の検証ベクトルのファイル `{path.as_posix()}` がありません。"
            "`python tools/build_vectors.py` で作成してください。",
            "",
        ]
    )


# ==================================================================== conformance


def conformance_page(
    coverage: Mapping[str, Sequence[ScenarioEntry]], report: ConformanceReport
) -> str:
    """適合性確認: the kit, its coverage of the catalogue, and the living in-process status."""
    results = {r.id: r for r in report.requirements}
    catalogue = load_catalogue().requirements
    out = _generated_header(
        "適合性確認の状況",
        [
            "機能要件ごとの受入基準（シナリオ）と、このサイトを作ったときに適合性確認キットを"
            f"ライブラリ（in-process）に対して実行した結果です（{report.started_at:%Y-%m-%d %H:%M} UTC、"
            f"{report.seconds:.0f} 秒）。キットの使い方は「[適合性確認キットの使い方](conformance-kit.md)」を見てください。",
            "",
            "「未検証」は、受入基準は書かれているが、標準APIにまだその操作がないなどの理由で"
            "ステップが自動化されていない要件です。実装の適否を示すものではありません"
            "（実装必須の要件で「不適合」「実行できず」が一つもなければ適合と判定します）。",
        ],
    )
    totals = Counter(r.status for r in report.requirements)
    unique = {(e.file, e.line): e for entries in coverage.values() for e in entries}
    covered = sum(1 for r in catalogue if coverage.get(r.id))
    out += [
        "## 全体",
        "",
        f"判定: **{'適合' if report.conforms else '不適合'}**。要件 {len(catalogue)} 件のうち、"
        f"シナリオのある要件 {covered} 件。シナリオ {len(unique)} 件"
        f"（例の行ごとに数えた実行 {sum(e.runs for e in unique.values())} 回）。",
        "",
    ]
    out += table(["判定", "要件の数"], [[s.label, str(totals[s])] for s in Status])
    out += ["## 業務領域・機能の区分ごと", ""]
    rows = []
    for area in RequirementArea:
        for level in RequirementLevel:
            selected = [r for r in catalogue if r.area is area and r.level is level]
            if not selected:
                continue
            counts = Counter(results[r.id].status for r in selected if r.id in results)
            rows.append(
                [
                    cell(f"{area.value} {area.label}"),
                    cell(level.label),
                    str(len(selected)),
                    str(sum(1 for r in selected if coverage.get(r.id))),
                    *(str(counts[s]) for s in Status),
                ]
            )
    out += table(
        ["業務領域", "機能の区分", "要件", "シナリオあり", *(s.label for s in Status)], rows
    )
    missing = Counter(
        scenario.failed_step
        for result in report.requirements
        for scenario in result.scenarios
        if scenario.status is Status.UNVERIFIED and scenario.failed_step
    )
    out += [
        "## まだ自動化されていないステップ",
        "",
        "未検証のシナリオが最初に止まったステップと、その数です（多いものから。自動化の優先順位の目安）。",
        "",
    ]
    out += table(
        ["ステップ", "シナリオ数"],
        [[cell(step), str(n)] for step, n in missing.most_common(40)],
    )
    out += ["## 要件ごと", ""]
    out += table(
        ["要件", "機能の区分", "シナリオ", "適合状況（in-process）"],
        [
            [
                f"[{r.id}](requirements.md#{r.id}) {md_escape(r.title)}",
                cell(r.level.label),
                str(sum(e.runs for e in coverage.get(r.id, ()))),
                cell(results[r.id].status.label) if r.id in results else "未実行",
            ]
            for r in catalogue
        ],
    )
    return "\n".join(out)


def build_pages(
    root: Path,
    warn: Callable[[str], None] | None = None,
    conformance: ConformanceReport | None = None,
) -> dict[str, str]:
    """Every generated page, keyed by its file name under ``docs/``.

    Reads the examples and the vectors under ``root``; the standards are the
    shipped ones only (overlays from the environment are ignored, so the site
    shows what the library ships). ``warn`` is told when the vectors are missing.
    """
    from seikatsu_std.docs_pages.api_reference import api_page
    from seikatsu_std.docs_pages.workflows import workflows_page
    from seikatsu_std.workflows.lifecycle import WORKFLOWS

    catalogue = load_catalogue()
    standards = load_standards(use_environment=False)
    schemas = dict(record_schemas())
    vectors = read_vectors(root / VECTORS_PATH)
    if conformance is None:
        conformance = run_on(InProcessTarget(), label="inprocess")
    coverage = scenarios_by_requirement()
    pages = {
        PAGES["requirements"]: requirements_page(catalogue, coverage, conformance),
        PAGES["conformance"]: conformance_page(coverage, conformance),
        PAGES["workflows"]: workflows_page(WORKFLOWS, standards),
        PAGES["api"]: api_page(),
        PAGES["data"]: data_dictionary_page(
            schemas, read_examples(root / EXAMPLES_DIR), published_documents()
        ),
        PAGES["rules"]: rules_page(),
        PAGES["standards"]: standards_page(standards),
        PAGES["open_questions"]: open_questions_page(
            catalogue,
            standards,
            calculation_refs(),
            vectors=vectors,
            flow_refs=workflow_refs(WORKFLOWS),
        ),
    }
    if vectors is None:
        if warn is not None:
            warn(
                f"{VECTORS_PATH} がないため計算例のページを作れません "
                "(calculation vectors missing: run tools/build_vectors.py)"
            )
        pages[PAGES["examples"]] = missing_vectors_page(VECTORS_PATH)
    else:
        calculators: dict[bool, Calculator] = {}

        def calculator(allow_provisional: bool) -> Calculator:
            if allow_provisional not in calculators:
                calculators[allow_provisional] = Calculator(
                    standards, allow_provisional=allow_provisional
                )
            return calculators[allow_provisional]

        pages[PAGES["examples"]] = examples_page(vectors, calculator)
    return pages
