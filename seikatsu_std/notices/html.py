"""HTML rendering of a decision notice (a complete, printable A4 page).

Jinja2 with autoescaping on and StrictUndefined: every value from the records
is escaped, and a template that names a missing value fails instead of
printing nothing. Needs the ``notices`` extra (``pip install 'seikatsu-std[notices]'``).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from seikatsu_std.notices.layout import notice_layout
from seikatsu_std.notices.model import DecisionNotice

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "decision_notice.html.j2"


@cache
def _environment() -> jinja2.Environment:
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ImportError(
            "通知書のHTMLには jinja2 が必要です: pip install 'seikatsu-std[notices]' "
            "(jinja2 is needed to render notices)"
        ) from exc
    return jinja2.Environment(
        loader=jinja2.PackageLoader("seikatsu_std.notices", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_notice_html(notice: DecisionNotice) -> str:
    """The notice as a self-contained HTML document (Japanese, A4 print styles)."""
    template = _environment().get_template(TEMPLATE)
    return template.render(page=notice_layout(notice), notice=notice)
