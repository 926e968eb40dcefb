"""The printed form of a notice, shared by the HTML and PDF renderings.

:func:`notice_layout` turns a :class:`DecisionNotice` into the text blocks of
the page (header, addressee, issuer, title, then sections), so the two
renderings show the same headings, the same 和暦 dates and the same amounts
(``187,320円``) and only differ in how they draw them.
"""

from __future__ import annotations

from datetime import date

import attrs

from seikatsu_std.formats.wareki import format_wareki
from seikatsu_std.model.common import Address
from seikatsu_std.model.decision import DecisionKind
from seikatsu_std.notices.model import AmountLine, DecisionNotice


def yen(amount: int) -> str:
    """``187320`` → ``187,320円``."""
    return f"{amount:,}円"


def wareki(day: date) -> str:
    """``2025-03-28`` → ``令和7年3月28日``."""
    return format_wareki(day)


def postal(address: Address) -> str | None:
    """``〒164-0001`` (None when the address has no postal code)."""
    code = address.postal_code
    return f"〒{code[:3]}-{code[3:]}" if code else None


def address_line(address: Address) -> str:
    """Prefecture, municipality and street on one line."""
    return f"{address.prefecture}{address.municipality}{address.street}"


@attrs.frozen
class Fact:
    """One labelled value (項目と内容)."""

    label: str
    value: str


@attrs.frozen
class Table:
    """A table with a header row; ``emphasis`` marks total rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    emphasis: tuple[bool, ...]


@attrs.frozen
class Section:
    """A headed block: facts, a table, paragraphs and/or numbered reasons."""

    heading: str
    facts: tuple[Fact, ...] = ()
    table: Table | None = None
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    note: str | None = None


@attrs.frozen
class NoticeLayout:
    """Everything on the page, in reading order."""

    number: str
    date: str
    addressee_lines: tuple[str, ...]
    addressee_name: str
    issuer_lines: tuple[str, ...]
    title: str
    lead: str
    sections: tuple[Section, ...]
    contact: str | None

    def texts(self) -> list[str]:
        """Every string printed (to check that a font can show all of them)."""
        out = [self.number, self.date, *self.addressee_lines, self.addressee_name]
        out += [*self.issuer_lines, self.title, self.lead]
        for section in self.sections:
            out.append(section.heading)
            out += [t for fact in section.facts for t in (fact.label, fact.value)]
            if section.table is not None:
                out += list(section.table.header)
                out += [text for row in section.table.rows for text in row]
            out += [*section.paragraphs, *section.items]
            if section.note:
                out.append(section.note)
        if self.contact:
            out.append(self.contact)
        return out


def _party_lines(name: str | None, address: Address) -> tuple[str, ...]:
    lines = [line for line in (postal(address), address_line(address)) if line]
    if name:
        lines.append(name)
    return tuple(lines)


def _decision_facts(notice: DecisionNotice) -> tuple[Fact, ...]:
    facts = [Fact("ケース番号", notice.case_number)]
    if notice.application_received_on is not None:
        facts.append(Fact("申請日", wareki(notice.application_received_on)))
    facts.append(Fact("決定日", wareki(notice.decided_on)))
    if notice.effective_on is not None and notice.effective_label is not None:
        facts.append(Fact(notice.effective_label, wareki(notice.effective_on)))
    if notice.rejection_reason is not None:
        facts.append(Fact("却下の理由の区分", notice.rejection_reason.label))
    if notice.termination_reason is not None:
        facts.append(Fact("廃止の理由の区分", notice.termination_reason.label))
    if notice.withdrawal_declared_on is not None:
        facts.append(Fact("辞退届の受領日", wareki(notice.withdrawal_declared_on)))
    return tuple(facts)


def _method(line: AmountLine) -> str:
    return "現物給付（見込額）" if line.in_kind else "金銭給付"


#: Which month's amounts the notice's table shows, by kind of decision.
_AMOUNTS_PERIOD = {DecisionKind.START: "開始後", DecisionKind.SUSPENSION: "停止の間"}


def _amounts_section(notice: DecisionNotice) -> Section | None:
    amounts = notice.amounts
    if amounts is None:
        return None
    rows = [(line.kind.label, _method(line), yen(line.amount)) for line in amounts.lines]
    rows.append(("金銭給付の合計", "", yen(amounts.cash_total)))
    rows.append(("現物給付の見込額の合計", "", yen(amounts.in_kind_total)))
    emphasis = tuple([False] * len(amounts.lines) + [True, True])
    verb = _AMOUNTS_PERIOD.get(notice.kind, "変更後")
    return Section(
        heading=f"保護の種類・程度・方法（{verb}の月額）",
        table=Table(
            header=("扶助の種類", "給付の方法", "月額"),
            rows=tuple(rows),
            numeric=(False, False, True),
            emphasis=emphasis,
        ),
        note=("医療扶助・介護扶助は、医療機関・介護事業者に直接支払う現物給付で、額は見込みです。"),
    )


def _figures_section(notice: DecisionNotice) -> Section | None:
    facts = []
    if notice.minimum_living_cost is not None:
        facts.append(Fact("最低生活費（月額）", yen(notice.minimum_living_cost)))
    if notice.recognised_income is not None:
        facts.append(Fact("収入充当額（月額）", yen(notice.recognised_income)))
    if notice.own_payment is not None:
        facts.append(Fact("本人支払額（医療・介護の費用に充てる額）", yen(notice.own_payment)))
    if not facts:
        return None
    return Section(heading="最低生活費と収入の認定", facts=tuple(facts))


def _breakdown_section(notice: DecisionNotice) -> Section | None:
    breakdown = notice.living_cost_breakdown
    if breakdown is None:
        return None
    year, month = (int(part) for part in breakdown.month.split("-"))
    month_text = wareki(date(year, month, 1)).removesuffix("1日")
    rows = [(line.kind.label, yen(line.amount)) for line in breakdown.lines]
    rows.append(("合計", yen(breakdown.total)))
    return Section(
        heading=f"最低生活費の内訳（{month_text}分の計算）",
        table=Table(
            header=("扶助の種類", "最低生活費"),
            rows=tuple(rows),
            numeric=(False, True),
            emphasis=tuple([False] * len(breakdown.lines) + [True]),
        ),
        note="月の途中の開始・終了のため、日割計算をした額です。" if breakdown.prorated else None,
    )


def _extension_section(notice: DecisionNotice) -> Section | None:
    extension = notice.deadline_extension
    if extension is None:
        return None
    return Section(
        heading=f"申請のあった日から{extension.notice_days}日を超えて通知する理由",
        paragraphs=(
            f"この通知は、申請のあった日（{wareki(extension.received_on)}）から"
            f"{extension.notice_days}日を超えて行うものです。その理由は次のとおりです"
            f"（{extension.citation}）。",
            extension.reason,
        ),
    )


def notice_layout(notice: DecisionNotice) -> NoticeLayout:
    """The page of ``notice``: header blocks, then its sections in order."""
    sections = [Section(heading="決定の内容", facts=_decision_facts(notice))]
    for optional in (
        _amounts_section(notice),
        _figures_section(notice),
        _breakdown_section(notice),
    ):
        if optional is not None:
            sections.append(optional)
    sections.append(Section(heading="決定の理由", items=tuple(notice.reasons)))
    extension = _extension_section(notice)
    if extension is not None:
        sections.append(extension)
    sections += [
        Section(heading="審査請求について（教示）", paragraphs=tuple(notice.appeal.text)),
        Section(heading="取消訴訟について（教示）", paragraphs=tuple(notice.appeal.lawsuit_text)),
    ]
    return NoticeLayout(
        number=notice.notice_number,
        date=wareki(notice.notice_date),
        addressee_lines=_party_lines(None, notice.addressee.address),
        addressee_name=f"{notice.addressee.name} 様",
        issuer_lines=_party_lines(notice.issuer.name, notice.issuer.address),
        title=notice.title,
        lead=notice.lead,
        sections=tuple(sections),
        contact=(f"担当 {notice.contact_person}" if notice.contact_person else None),
    )
