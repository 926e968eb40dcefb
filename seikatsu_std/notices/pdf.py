"""PDF rendering of a decision notice (A4, Japanese), with reportlab.

The text is set in the Japanese CID fonts every PDF reader knows
(HeiseiMin-W3 for the body, HeiseiKakuGo-W5 for headings): no font file is
shipped or embedded, the reader supplies the glyphs, and the text can be
searched and extracted again. Those fonts cover the characters of the BMP
mapped to Adobe-Japan1; a character beyond it (e.g. 𠮷, U+20BB7) or a
private-use 外字 code would print as a wrong or empty glyph, so such notices
are refused with :class:`NoticePdfError` naming the characters (the HTML
rendering can still be used, or the record can be spelled with standard
characters).

The output is reproducible: the same notice gives the same bytes (no creation
timestamp or random document id is written). Needs the ``notices`` extra.
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from seikatsu_std.notices.build import NoticeError
from seikatsu_std.notices.layout import NoticeLayout, Section, notice_layout
from seikatsu_std.notices.model import DecisionNotice

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

BODY_FONT = "HeiseiMin-W3"
HEADING_FONT = "HeiseiKakuGo-W5"


class NoticePdfError(NoticeError):
    """The notice has text that the PDF fonts cannot show."""


def unprintable_characters(texts: list[str]) -> list[str]:
    """Characters of ``texts`` that the CID fonts cannot show, in first-seen order."""
    found: list[str] = []
    for text in texts:
        for char in text:
            code = ord(char)
            bad = (
                code > 0xFFFF
                or 0xE000 <= code <= 0xF8FF
                or (unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\n\r\t")
            )
            if bad and char not in found:
                found.append(char)
    return found


def _describe(chars: list[str]) -> str:
    return "、".join(f"{c if c.isprintable() else ''}(U+{ord(c):04X})" for c in chars)


@cache
def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    for name in (BODY_FONT, HEADING_FONT):
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return BODY_FONT, HEADING_FONT


@cache
def _styles() -> dict[str, ParagraphStyle]:
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body, heading = _fonts()
    base = ParagraphStyle("body", fontName=body, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "body": base,
        "lead": ParagraphStyle("lead", parent=base, firstLineIndent=10.5, spaceAfter=6),
        "paragraph": ParagraphStyle("paragraph", parent=base, firstLineIndent=10.5, spaceAfter=3),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12.5),
        "cell_right": ParagraphStyle(
            "cell_right", parent=base, fontSize=9.5, leading=12.5, alignment=TA_RIGHT
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=heading, fontSize=9.5, leading=12.5
        ),
        "cell_bold_right": ParagraphStyle(
            "cell_bold_right",
            parent=base,
            fontName=heading,
            fontSize=9.5,
            leading=12.5,
            alignment=TA_RIGHT,
        ),
        "item": ParagraphStyle("item", parent=base, leftIndent=24, firstLineIndent=-24),
        "note": ParagraphStyle("note", parent=base, fontSize=9, leading=13, spaceBefore=2),
        "addressee": ParagraphStyle(
            "addressee", parent=base, fontName=heading, fontSize=13, leading=20, spaceBefore=4
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=heading,
            fontSize=16,
            leading=24,
            alignment=TA_CENTER,
            spaceBefore=10,
            spaceAfter=12,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=heading,
            fontSize=11.5,
            leading=17,
            spaceBefore=10,
            spaceAfter=4,
        ),
    }


def _text(value: str) -> str:
    """Record text as reportlab paragraph markup: escaped, line breaks kept, tabs as spaces."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return escape(lines).replace("\n", "<br/>")


def _paragraph(value: str, style: str) -> Flowable:
    from reportlab.platypus import Paragraph

    return Paragraph(_text(value), _styles()[style])


def _grid(data: list[list[Flowable]], widths: list[float], header: bool) -> Flowable:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    else:
        commands.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eeeeee")))
    return Table(
        data,
        colWidths=widths,
        style=TableStyle(commands),
        hAlign="LEFT",
        repeatRows=1 if header else 0,
    )


def _section(section: Section, width: float) -> list[Flowable]:
    flow = [_paragraph(section.heading, "heading")]
    if section.facts:
        rows = [
            [_paragraph(fact.label, "cell"), _paragraph(fact.value, "cell")]
            for fact in section.facts
        ]
        flow.append(_grid(rows, [width * 0.38, width * 0.62], header=False))
    if section.table is not None:
        table = section.table
        rows = [
            [
                _paragraph(cell, "cell_right" if numeric else "cell")
                for cell, numeric in zip(table.header, table.numeric, strict=True)
            ]
        ]
        for row, bold in zip(table.rows, table.emphasis, strict=True):
            cells = []
            for cell, numeric in zip(row, table.numeric, strict=True):
                style = ("cell_bold" if bold else "cell") + ("_right" if numeric else "")
                cells.append(_paragraph(cell, style))
            rows.append(cells)
        others = len(table.header) - 1
        first = width * 0.4 if others else width
        widths = [first] + [(width - first) / others] * others
        flow.append(_grid(rows, widths, header=True))
    flow += [_paragraph(text, "paragraph") for text in section.paragraphs]
    flow += [
        _paragraph(f"（{number}）{item}", "item")
        for number, item in enumerate(section.items, start=1)
    ]
    if section.note:
        flow.append(_paragraph(f"※ {section.note}", "note"))
    return flow


def _story(page: NoticeLayout, width: float) -> list[Flowable]:
    from reportlab.platypus import KeepTogether, Spacer

    story: list[Flowable] = [
        _paragraph(page.number, "right"),
        _paragraph(page.date, "right"),
        Spacer(1, 10),
    ]
    story += [_paragraph(line, "body") for line in page.addressee_lines]
    story.append(_paragraph(page.addressee_name, "addressee"))
    story.append(Spacer(1, 10))
    story += [_paragraph(line, "right") for line in page.issuer_lines]
    story.append(_paragraph(page.title, "title"))
    story.append(_paragraph(page.lead, "lead"))
    for section in page.sections:
        # A section moves to the next page whole when it fits there (no heading
        # left alone at the foot of a page); a longer one is split.
        story.append(KeepTogether(_section(section, width)))
    if page.contact:
        story += [Spacer(1, 14), _paragraph(page.contact, "right")]
    return story


def render_notice_pdf(notice: DecisionNotice) -> bytes:
    """The notice as an A4 PDF (Japanese text that can be searched and extracted).

    Raises :class:`NoticePdfError` when a text holds a character the PDF fonts
    cannot show (see the module docstring).
    """
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm
        from reportlab.platypus import SimpleDocTemplate
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ImportError(
            "通知書のPDFには reportlab が必要です: pip install 'seikatsu-std[notices]' "
            "(reportlab is needed to render notices as PDF)"
        ) from exc
    page = notice_layout(notice)
    bad = unprintable_characters(page.texts())
    if bad:
        raise NoticePdfError(
            f"PDFの書体で表せない文字があります: {_describe(bad)}。"
            "標準の文字で記録するか、HTMLの通知書を使ってください "
            "(characters outside the PDF fonts' repertoire)"
        )
    body_font, _ = _fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=page.title,
        author=notice.issuer.name,
        subject=f"{notice.kind.label}の決定の通知（{notice.notice_number}）",
        creator="seikatsu_std",
        lang="ja-JP",
        invariant=True,
    )
    footer = f"{page.title}　{page.number}"
    stamp = f"D:{notice.notice_date:%Y%m%d}000000+09'00'"

    def decorate(canvas: Any, doc: Any) -> None:
        # The document's creation date is the notice's date (not the clock), so
        # the same notice always gives the same bytes.
        canvas.setDateFormatter(lambda *_: stamp)
        canvas.saveState()
        canvas.setFont(body_font, 8)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{footer}　{doc.page}ページ")
        canvas.restoreState()

    document.build(_story(page, document.width), onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
