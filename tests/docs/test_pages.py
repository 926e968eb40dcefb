"""The documentation site's generated pages: nothing the library defines may be dropped.

Each test walks the library's own objects (not the generator's output format)
and checks that every item reaches its page, so a generator that loses a
requirement, a field, a table edition or an open question fails here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from seikatsu_std import docs_pages as pages
from seikatsu_std.calc import Calculator
from seikatsu_std.calc.explain import render_text
from seikatsu_std.calc.rules import RULES
from seikatsu_std.calc.vectors import ExpectedError, VectorFile, VectorValues
from seikatsu_std.conformance.coverage import scenarios_by_requirement
from seikatsu_std.conformance.report import ConformanceReport
from seikatsu_std.conformance.runner import run_on
from seikatsu_std.conformance.targets import InProcessTarget
from seikatsu_std.docs_pages import md_escape
from seikatsu_std.model.identifiers import IDENTIFIER_SCHEMES
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.requirements import (
    RequirementArea,
    RequirementCatalogue,
    RequirementLevel,
    load_catalogue,
)
from seikatsu_std.schema_export import DOCUMENT_MODELS, PUBLISHED_RECORDS, record_schemas
from seikatsu_std.standards import EditionStatus, Standards, load_standards
from seikatsu_std.standards.model import Edition, TableSpec
from seikatsu_std.workflows.lifecycle import WORKFLOWS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
VECTORS = ROOT / pages.VECTORS_PATH


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def catalogue() -> RequirementCatalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def standards() -> Standards:
    return load_standards(use_environment=False)


#: A quick run of the kit (three requirements: one passing per kind, one unverified).
KIT_TAGS = "REQ-CAL-005 or REQ-SEC-010 or REQ-VIS-013"


@pytest.fixture(scope="module")
def kit_report() -> ConformanceReport:
    return run_on(InProcessTarget(), label="inprocess", tags=KIT_TAGS)


@pytest.fixture(scope="module")
def requirements_md(catalogue: RequirementCatalogue, kit_report: ConformanceReport) -> str:
    return pages.requirements_page(catalogue, scenarios_by_requirement(), kit_report)


@pytest.fixture(scope="module")
def conformance_md(kit_report: ConformanceReport) -> str:
    return pages.conformance_page(scenarios_by_requirement(), kit_report)


@pytest.fixture(scope="module")
def data_md() -> str:
    schemas = dict(record_schemas())
    examples = pages.read_examples(ROOT / pages.EXAMPLES_DIR)
    return pages.data_dictionary_page(schemas, examples, pages.published_documents())


@pytest.fixture(scope="module")
def rules_md() -> str:
    return pages.rules_page()


@pytest.fixture(scope="module")
def standards_md(standards: Standards) -> str:
    return pages.standards_page(standards)


@pytest.fixture(scope="module")
def vectors() -> VectorFile:
    found = pages.read_vectors(VECTORS)
    if found is None:
        pytest.skip(
            f"{pages.VECTORS_PATH} does not exist yet (written by tools/build_vectors.py); "
            "the worked-examples page needs it"
        )
    return found


@pytest.fixture(scope="module")
def open_md(catalogue: RequirementCatalogue, standards: Standards) -> str:
    return pages.open_questions_page(
        catalogue,
        standards,
        pages.calculation_refs(),
        vectors=pages.read_vectors(VECTORS),
        flow_refs=pages.workflow_refs(WORKFLOWS),
    )


def section(page: str, anchor: str) -> str:
    """The text of the heading with ``{#anchor}`` up to the next heading of the same level."""
    match = re.search(rf"^(#+) .*\{{#{re.escape(anchor)}\}}$", page, re.M)
    assert match, f"no heading with anchor {anchor}"
    level = len(match.group(1))
    rest = page[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def all_edition_cells(spec: TableSpec, edition: Edition) -> Iterator[str]:
    for row in edition.rows:
        for value in row.values:
            yield pages.value_text(spec.unit, value)


# ------------------------------------------------------------------ helpers


def test_badges_always_carry_their_text() -> None:
    for status in Verification:
        assert f">{status.label}</span>" in pages.badge(status)
    assert ">暫定</span>" in pages.badge(EditionStatus.PROVISIONAL)
    for status in EditionStatus:
        assert re.search(r'class="badge badge-\w+">[^<]+</span>', pages.badge(status))


def test_markdown_escaping_keeps_tables_intact() -> None:
    assert pages.cell("a|b") == "a&#124;b"
    assert pages.cell(None) == "—"
    assert md_escape("*x* _y_ [z]") == r"\*x\* \_y\_ \[z\]"
    assert "|" not in pages.code("(0[1-9]|[1-3][0-9])")


def test_settle_hints_name_the_kind_of_source() -> None:
    kokuji = LegalRef(
        law="生活保護法による保護の基準（昭和38年厚生省告示第158号）", status="unverified"
    )
    tsuchi = LegalRef(law="生活保護法による保護の実施要領について（局長通知）", status="unverified")
    act = LegalRef(law="生活保護法", article="第7条", status="unverified")
    conflict = LegalRef(law="生活保護法による保護の実施要領（次官通知）", status="conflict")
    assert "告示原文" in pages.settle_hint(kokuji)
    assert "厚生労働省通知" in pages.settle_hint(tsuchi)
    assert "条文" in pages.settle_hint(act)
    assert "どの資料" in pages.settle_hint(conflict)


# ------------------------------------------------------------------ 2. requirements


def test_every_requirement_is_on_the_catalogue_page(
    catalogue: RequirementCatalogue, requirements_md: str
) -> None:
    for requirement in catalogue.requirements:
        text = section(requirements_md, requirement.id)
        assert md_escape(requirement.title) in requirements_md
        assert md_escape(requirement.description) in text
        assert requirement.level.label in text
        assert f"| 追加された版 | {requirement.since} |" in text
        for origin in requirement.origins:
            assert origin in text
        for ref in requirement.legal_basis:
            assert pages.cell(ref.law) in text
            if ref.summary:
                assert pages.cell(ref.summary) in text
            assert pages.badge(ref.status) in text
        assert "| シナリオ | " in text
        assert "features/" in text, "every requirement has scenarios in features/"
        assert "| 適合状況（in-process） | " in text


def test_catalogue_shows_the_kits_status_and_first_missing_step(requirements_md: str) -> None:
    assert "| 適合状況（in-process） | 適合 |" in section(requirements_md, "REQ-CAL-005")
    unverified = section(requirements_md, "REQ-VIS-013")
    assert "未検証" in unverified
    assert "最初の未自動化のステップ:" in unverified
    assert "| 適合状況（in-process） | 未実行 |" in section(requirements_md, "REQ-VIS-001")


def test_catalogue_renders_each_requirements_scenarios(requirements_md: str) -> None:
    winter = section(requirements_md, "REQ-CAL-007")
    assert "シナリオアウトライン: 冬季加算は地区ごとの冬季の月に限る" in winter
    assert '計算ベクトル "<vector>" の入力がある' in winter
    assert "# ほか " in winter, "long example tables are shortened"
    audit = section(requirements_md, "REQ-SEC-006")
    assert "シナリオ: 監査ログのハッシュ連鎖を検証できる" in audit
    assert "監査ログは改ざんされていないと確認される" in audit


def test_conformance_page_lists_every_requirement_and_the_missing_steps(
    catalogue: RequirementCatalogue, conformance_md: str
) -> None:
    for requirement in catalogue.requirements:
        assert f"[{requirement.id}](requirements.md#{requirement.id})" in conformance_md
    assert "## 業務領域・機能の区分ごと" in conformance_md
    assert "## まだ自動化されていないステップ" in conformance_md
    assert f"シナリオのある要件 {len(catalogue.requirements)} 件" in conformance_md


def test_requirements_are_grouped_by_area_then_level(
    catalogue: RequirementCatalogue, requirements_md: str
) -> None:
    for area in RequirementArea:
        area_text = section(requirements_md, f"area-{area.value}")
        for level in RequirementLevel:
            ids = [r.id for r in catalogue.requirements if r.area is area and r.level is level]
            if not ids:
                continue
            level_text = section(requirements_md, f"area-{area.value}-{level.value}")
            assert f"（{len(ids)} 件）" in area_text
            for requirement_id in ids:
                assert f"{{#{requirement_id}}}" in level_text


def test_catalogue_summary_counts_area_by_level(
    catalogue: RequirementCatalogue, requirements_md: str
) -> None:
    summary = requirements_md.split("## 件数", 1)[1].split("\n## ", 1)[0]
    for area in RequirementArea:
        counts = [
            sum(1 for r in catalogue.requirements if r.area is area and r.level is level)
            for level in RequirementLevel
        ]
        row = (
            f"(#area-{area.value}) | " + " | ".join(str(n) for n in counts) + f" | {sum(counts)} |"
        )
        assert row in summary
    assert f"**{len(catalogue.requirements)}**" in summary
    assert "[適合性確認](conformance.md)" in requirements_md


# ------------------------------------------------------------------ 3. data dictionary


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)
    if isinstance(annotation, types.UnionType):
        for argument in annotation.__args__:
            yield from _models_in(argument)


def _all_fields(model: type[BaseModel]) -> Iterator[tuple[type[BaseModel], str, str | None]]:
    seen: set[type[BaseModel]] = set()
    queue = [model]
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            yield current, name, info.title
            queue.extend(_models_in(info.annotation))


def test_every_record_and_field_title_is_on_the_data_dictionary(data_md: str) -> None:
    for model in PUBLISHED_RECORDS:
        record_type = model.record_type_name()
        text = section(data_md, f"record-{record_type}")
        assert md_escape(str(model.model_config.get("title"))) in data_md
        for owner, name, title in _all_fields(model):
            assert title, f"{owner.__name__}.{name} has no title"
            assert f"<code>{name}</code>" in data_md, f"{owner.__name__}.{name}"
            assert f"| {pages.cell(title)} |" in data_md, f"{owner.__name__}.{name}: {title}"
        for name in model.model_fields:
            assert f"| <code>{name}</code> |" in text


def test_every_record_shows_its_example(data_md: str) -> None:
    for path in sorted((ROOT / pages.EXAMPLES_DIR).glob("*.example.json")):
        record_type = path.name.removesuffix(".example.json")
        text = section(data_md, f"record-{record_type}")
        assert f"例（schemas/examples/{path.name}）" in text
        first_key = next(iter(json.loads(path.read_text(encoding="utf-8"))))
        assert f'"{first_key}"' in text


def test_enum_labels_and_check_digits_are_explained(data_md: str) -> None:
    household = section(data_md, "record-household")
    assert "<code>head</code>（世帯主）" in data_md
    assert "jp-local-government-code" in household
    identifiers = section(data_md, "identifiers")
    for scheme in IDENTIFIER_SCHEMES.values():
        assert f"<code>{scheme.format_name}</code>" in identifiers
        assert pages.badge(scheme.reference.status) in identifiers
    assert "<code>household.municipality_code</code>" in identifiers


def test_the_non_record_documents_are_described(data_md: str) -> None:
    for name in [*DOCUMENT_MODELS, "calculation-vectors"]:
        assert f"{{#document-{name}}}" in data_md
    edition = section(data_md, "document-standards-edition")
    for field in Edition.model_fields.values():
        assert field.title is not None
        assert pages.cell(field.title) in edition


# ------------------------------------------------------------------ 4. rules


def test_every_rule_is_on_the_rules_page(rules_md: str) -> None:
    order = [rules_md.index(f"{{#rule-{rule.code.replace('.', '-')}}}") for rule in RULES]
    assert order == sorted(order), "rules appear in evaluation order"
    for rule in RULES:
        text = section(rules_md, f"rule-{rule.code.replace('.', '-')}")
        assert md_escape(rule.title) in rules_md
        assert pages.cell(rule.formula) in text
        assert f"<code>{rule.code}</code>" in text
        for ref in rule.legal:
            assert pages.cell(ref.law) in text
            assert pages.badge(ref.status) in text


def test_rules_page_shows_allocation_order_and_proration(rules_md: str) -> None:
    from seikatsu_std.calc.engine import ALLOCATION_ORDER, PRORATED

    allocation = section(rules_md, "allocation-order")
    positions = [allocation.index(f"| {kind.label} |") for kind in ALLOCATION_ORDER]
    assert positions == sorted(positions)
    for kind in ALLOCATION_ORDER:
        expected = "する" if kind in PRORATED else "しない"
        assert re.search(rf"\| {kind.label} \| \S+ \| {expected} \|", allocation)


# ------------------------------------------------------------------ 5. standards tables


def test_every_table_and_edition_is_on_the_tables_page(
    standards: Standards, standards_md: str
) -> None:
    for spec in standards.tables.values():
        text = section(standards_md, f"table-{spec.id}")
        assert f"<code>{spec.id}</code>" in text
        assert md_escape(spec.description) in text
        for ref in spec.legal_basis:
            assert pages.cell(ref.law) in text
        if spec.applies_from:
            assert spec.applies_from.isoformat() in text
        editions = standards.editions.get(spec.id, [])
        if not editions:
            assert "版が追加されるまで計算できません" in text
        for edition in editions:
            edition_text = section(
                standards_md, f"edition-{spec.id}-{edition.valid_from.isoformat()}"
            )
            assert edition.valid_from.isoformat() in edition_text
            if edition.valid_to:
                assert edition.valid_to.isoformat() in edition_text
            assert pages.badge(edition.status) in edition_text
            assert pages.cell(edition.source) in edition_text
            if edition.notes:
                assert pages.cell(edition.notes) in edition_text
            if not pages.is_place_table(spec):
                for value in all_edition_cells(spec, edition):
                    assert f"| {pages.cell(value)} |" in edition_text


def test_municipalities_are_summarised_by_prefecture(
    standards: Standards, standards_md: str
) -> None:
    spec = standards.tables["municipalities"]
    (edition,) = standards.editions["municipalities"][:1]
    text = section(standards_md, f"edition-municipalities-{edition.valid_from.isoformat()}")
    assert f"**{len(edition.rows)}**" in text
    assert "| 東京都 |" in text
    assert "1級地-1" in text
    assert text.count("\n| ") < 60, "a summary, not one row per municipality"
    assert pages.is_place_table(spec)


def test_a_conflict_table_shows_both_values_with_dates(standards_md: str) -> None:
    text = section(standards_md, "table-new_job_deduction")
    warning = text.split('!!! warning "資料間で相違"', 1)[1].split("\n### ", 1)[0]
    assert "2020-10-01 〜 2023-09-30" in warning
    assert "11,700円" in warning
    assert "2023-10-01 〜" in warning
    assert "12,900円" in warning


def test_coverage_gaps_find_missing_and_provisional_periods(standards: Standards) -> None:
    winter = pages.coverage_gaps(
        standards.tables["winter_addition"], standards.editions["winter_addition"]
    )
    assert winter
    assert not winter[-1].provisional_only
    assert winter[-1].end is None
    special = pages.coverage_gaps(
        standards.tables["special_addition"], standards.editions["special_addition"]
    )
    assert [(g.start, g.provisional_only) for g in special] == [(date(2023, 10, 1), True)]


# ------------------------------------------------------------------ 8. open questions


def _open_refs(catalogue: RequirementCatalogue, standards: Standards) -> Iterator[LegalRef]:
    for requirement in catalogue.requirements:
        yield from requirement.legal_basis
    for ref, _ in pages.calculation_refs():
        yield ref
    for spec in standards.tables.values():
        yield from spec.legal_basis
    for editions in standards.editions.values():
        for edition in editions:
            yield from edition.legal_basis
    for scheme in IDENTIFIER_SCHEMES.values():
        yield scheme.reference


def test_every_unverified_or_conflict_reference_is_an_open_question(
    catalogue: RequirementCatalogue, standards: Standards, open_md: str
) -> None:
    found = 0
    for ref in _open_refs(catalogue, standards):
        if ref.status is Verification.VERIFIED:
            continue
        found += 1
        assert pages.cell(ref.cite()) in open_md
        if ref.summary:
            assert pages.cell(ref.summary) in open_md
    assert found > 0
    requirement_basis = section(open_md, "requirement-basis")
    for requirement in catalogue.requirements:
        if any(r.status is not Verification.VERIFIED for r in requirement.legal_basis):
            assert f"(requirements.md#{requirement.id})" in requirement_basis
    rule_basis = section(open_md, "rule-basis")
    for rule in RULES:
        if any(r.status is not Verification.VERIFIED for r in rule.legal):
            assert f"(rules.md#rule-{rule.code.replace('.', '-')})" in rule_basis


def test_every_open_edition_is_an_open_question(standards: Standards, open_md: str) -> None:
    editions = section(open_md, "editions")
    for table_id, table_editions in standards.editions.items():
        for edition in table_editions:
            link = f"(standards.md#edition-{table_id}-{edition.valid_from.isoformat()})"
            if edition.status is EditionStatus.VERIFIED:
                assert link not in editions
                continue
            assert link in editions
            row = next(line for line in editions.splitlines() if link in line)
            assert pages.cell(pages.period_text(edition)) in row
            assert pages.cell(edition.source) in row


def test_conflict_editions_show_the_value_chosen_for_each_date(open_md: str) -> None:
    assert (
        "**新規就労控除**（<code>new_job_deduction</code>）: "
        "2020-10-01 〜 2023-09-30 は 11,700円、2023-10-01 〜 （終了日の定めなし） は 12,900円"
    ) in open_md


def test_empty_tables_and_gaps_are_open_questions(standards: Standards, open_md: str) -> None:
    empty = section(open_md, "empty-tables")
    gaps = section(open_md, "gaps")
    for spec in standards.tables.values():
        editions = standards.editions.get(spec.id, [])
        if not editions:
            assert f"<code>{spec.id}</code>" in empty
        for gap in pages.coverage_gaps(spec, editions):
            assert pages.cell(gap.text()) in gaps
    assert "2015-11-01 以降: 適用できる版がない" in gaps


def test_unverified_identifier_schemes_are_open_questions(open_md: str) -> None:
    identifiers = section(open_md, "identifiers")
    for scheme in IDENTIFIER_SCHEMES.values():
        shown = f"<code>{scheme.format_name}</code>" in identifiers
        assert shown == (scheme.reference.status is not Verification.VERIFIED)


def test_unverified_grounds_of_workflows_and_authority_are_open_questions(open_md: str) -> None:
    flows = section(open_md, "flow-basis")
    # A guard of the notice (the review instruction), the approval stages, an authority rule.
    assert "行政不服審査法" in flows
    assert "第82条" in flows
    assert "決裁の段階（福祉事務所ごとの設定）" in flows
    assert "権限「保護決定の決裁」" in flows
    # Verified grounds are not open questions.
    assert "社会福祉法" not in flows


# ------------------------------------------------------------------ 7. worked examples


def test_worked_examples_show_the_engines_explanation(
    vectors: VectorFile, standards: Standards
) -> None:
    calculators = {flag: Calculator(standards, allow_provisional=flag) for flag in (False, True)}
    page = pages.examples_page(vectors, calculators.__getitem__)
    chosen = pages.choose_examples(vectors)
    assert len(chosen) == len(pages.EXAMPLE_CHOICES) >= 10
    assert any(isinstance(v.expected, ExpectedError) for _, v in chosen)
    for choice, vector in chosen:
        text = section(page, f"example-{vector.id}")
        assert md_escape(choice.title) in page
        if isinstance(vector.expected, VectorValues):
            explanation = render_text(
                calculators[vector.allow_provisional].calculate(vector.input, explain=True)
            )
            for line in explanation.splitlines():
                assert line in text, line
        else:
            assert vector.expected.error.contains in text


def test_worked_examples_refuse_a_vector_the_engine_disagrees_with(
    vectors: VectorFile, standards: Standards
) -> None:
    (_, vector), *_ = pages.choose_examples(vectors)
    assert isinstance(vector.expected, VectorValues)
    wrong = vector.expected.model_copy(update={"cash_benefit": vector.expected.cash_benefit + 1})
    tampered = vectors.model_copy(
        update={"vectors": [vector.model_copy(update={"expected": wrong})]}
    )
    with pytest.raises(pages.DocsError, match=vector.id):
        pages.examples_page(
            tampered,
            lambda flag: Calculator(standards, allow_provisional=flag),
            pages.EXAMPLE_CHOICES[:1],
        )


def test_a_missing_worked_example_is_an_error(vectors: VectorFile) -> None:
    nothing = pages.ExampleChoice("存在しない例", "", lambda v: False)
    with pytest.raises(pages.DocsError, match="存在しない例"):
        pages.choose_examples(vectors, [nothing])


def test_missing_vectors_warn_so_the_strict_build_fails(tmp_path: Path) -> None:
    warnings: list[str] = []
    built = pages.build_pages(
        tmp_path,
        warn=warnings.append,
        conformance=run_on(InProcessTarget(), label="inprocess", tags="REQ-DAT-015"),
    )
    assert warnings
    assert "build_vectors" in warnings[0]
    assert set(built) == set(pages.PAGES.values())


# ------------------------------------------------------------------ the site


def _nav_files() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    files: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            files.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return files


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without constructing its ``!!python/...`` objects."""


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_every_page_is_in_the_navigation() -> None:
    nav = _nav_files()
    for generated in pages.PAGES.values():
        assert generated in nav
        assert not (DOCS / generated).exists(), f"docs/{generated} is generated: do not commit it"
    for name in nav:
        assert name in pages.PAGES.values() or (DOCS / name).is_file(), name
    for required in (
        "index.md",
        "adding-editions.md",
        "architecture.md",
        "benchmarks.md",
        "conformance-kit.md",
    ):
        assert required in nav
    assert "comparison-openfisca.md" in nav


# ------------------------------------------------------------------ 6. adding editions (hand-written)


def _worked_example_files(tmp_path: Path) -> list[Path]:
    text = (DOCS / "adding-editions.md").read_text(encoding="utf-8")
    written = []
    for match in re.finditer(r'```yaml title="([^"]+)"\n(.*?)```', text, re.S):
        path = tmp_path / match.group(1)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(match.group(2), encoding="utf-8")
        written.append(path)
    return written


def test_the_worked_example_of_adding_editions_loads_and_is_used(tmp_path: Path) -> None:
    files = _worked_example_files(tmp_path)
    assert len(files) == 3
    schema = json.loads(
        (ROOT / "schemas/standards-edition.schema.json").read_text(encoding="utf-8")
    )
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in files:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert not list(validator.iter_errors(data)), path
    # The page describes the shipped editions these files extend: keep it true.
    shipped = load_standards(use_environment=False).editions
    assert [(e.valid_from, e.valid_to, e.status) for e in shipped["living_class2_basis2"]] == [
        (date(2020, 10, 1), date(2023, 9, 30), EditionStatus.UNVERIFIED),
        (date(2023, 10, 1), None, EditionStatus.PROVISIONAL),
    ]
    assert [(e.valid_from, e.valid_to, e.status) for e in shipped["new_job_deduction"]][-1] == (
        date(2023, 10, 1),
        None,
        EditionStatus.CONFLICT,
    )
    overlay = tmp_path / "my-standards"
    standards = load_standards([overlay], use_environment=False)
    october = date(2026, 10, 1)
    assert standards.edition("living_class2_basis2", october).status is EditionStatus.VERIFIED
    assert standards.edition("new_job_deduction", october).rows[0].values == [13500]
    closed = standards.edition("new_job_deduction", date(2026, 9, 30))
    assert closed.valid_to == date(2026, 9, 30)

    from seikatsu_std.calc.inputs import CalculationInput

    example = json.loads((ROOT / "schemas/examples/calculation_input.example.json").read_text())
    calculation = CalculationInput.model_validate({**example, "month": "2026-10"})
    result = Calculator(standards, allow_provisional=True).calculate(calculation)
    assert "living_class2_basis2@2026-10-01" in [t.edition for t in result.tables]


def test_the_schema_check_command_on_the_adding_editions_page_runs(tmp_path: Path) -> None:
    files = _worked_example_files(tmp_path)
    text = (DOCS / "adding-editions.md").read_text(encoding="utf-8")
    snippet = re.search(r"\$ python -c '\n(.*?)\n    ' my-standards", text, re.S)
    assert snippet
    code = "\n".join(line.removeprefix("    ") for line in snippet.group(1).splitlines())
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.count(" OK") == len(files), done.stdout


# ------------------------------------------------------------------ workflows


def test_every_workflow_is_drawn_with_its_rules_and_deadlines(standards: Standards) -> None:
    from seikatsu_std.docs_pages.workflows import who_may, workflows_page
    from seikatsu_std.workflows.lifecycle import WORKFLOWS

    text = workflows_page(WORKFLOWS, standards)
    assert text.count("```mermaid") == len(WORKFLOWS)
    for workflow in WORKFLOWS.values():
        assert workflow.mermaid() in text
        for transition in workflow.transitions:
            assert pages.cell(who_may(transition)) in text
            for guard in transition.guards:
                assert pages.cell(guard.rule_ja) in text
    approve = WORKFLOWS["decision"].transition("approve")
    assert "その決定を起案した職員でないこと" in who_may(approve)
    assert "通知の期限（日） 14、延長の上限（日） 30" in text
    assert "application_decision_deadline@1950-05-04" in text


# ------------------------------------------------------------------ API reference


def test_the_api_page_shows_every_operation_and_every_status() -> None:
    from seikatsu_std.api.contract import API_PREFIX, OPERATIONS
    from seikatsu_std.api.problems import PROBLEM_TYPES
    from seikatsu_std.docs_pages.api_reference import api_page

    text = api_page()
    for operation in OPERATIONS:
        block = section(text, operation.operation_id)
        assert f"`{operation.method.upper()} {API_PREFIX}{operation.path}`" in block
        for status in operation.responses:
            assert f"| {status} |" in block
        for parameter in operation.parameters:
            assert pages.code(parameter.name) in block
    for kind in PROBLEM_TYPES:
        assert pages.code(kind.uri) in text
    assert "](data-dictionary.md#record-calculation_input)" in text


def test_a_tag_without_a_japanese_heading_stops_the_build() -> None:
    from seikatsu_std.api.contract import OPERATIONS
    from seikatsu_std.docs_pages.api_reference import api_page

    renamed = [attrs.evolve(OPERATIONS[0], tag="new-area")]
    with pytest.raises(pages.DocsError, match="new-area"):
        api_page(renamed)
