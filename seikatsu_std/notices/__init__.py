"""Decision notices (保護決定通知書): build from the records, render as HTML or PDF.

>>> notice = build_decision_notice(  # doctest: +SKIP
...     office=office, case=case, household=household, decision=decision,
...     application=application, notice_date=date(2025, 3, 28),
...     notice_number="中福保第1234号", calculation=result,
... )
>>> html = render_notice_html(notice)  # doctest: +SKIP
>>> pdf = render_notice_pdf(notice)  # doctest: +SKIP

The legal periods printed (the 14-day notice deadline of 生活保護法24条5項, the
3-month and 1-year appeal periods of 行政不服審査法18条) come from the dated
standards tables ``application_decision_deadline`` and ``appeal_request_period``.
Rendering needs the ``notices`` extra (Jinja2, reportlab).
"""

from seikatsu_std.notices.build import (
    EFFECTIVE_LABELS,
    TITLES,
    NoticeError,
    build_decision_notice,
    missing_notice_items,
    required_notice_items,
)
from seikatsu_std.notices.html import render_notice_html
from seikatsu_std.notices.model import (
    AmountLine,
    AppealInstructions,
    DeadlineExtension,
    DecisionNotice,
    LivingCostBreakdown,
    NoticeAmounts,
    NoticeParty,
)
from seikatsu_std.notices.pdf import NoticePdfError, render_notice_pdf

__all__ = [
    "EFFECTIVE_LABELS",
    "TITLES",
    "AmountLine",
    "AppealInstructions",
    "DeadlineExtension",
    "DecisionNotice",
    "LivingCostBreakdown",
    "NoticeAmounts",
    "NoticeError",
    "NoticeParty",
    "NoticePdfError",
    "build_decision_notice",
    "missing_notice_items",
    "render_notice_html",
    "render_notice_pdf",
    "required_notice_items",
]
