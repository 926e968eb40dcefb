"""The benefit calculation (程度の決定): one engine for one household and for millions.

>>> from seikatsu_std.calc import Calculator
>>> result = Calculator().calculate(calculation_input)  # doctest: +SKIP
>>> print(render_text(result))  # doctest: +SKIP
"""

from seikatsu_std.calc.context import CalculationError
from seikatsu_std.calc.engine import BatchRun, Calculator
from seikatsu_std.calc.explain import render_html, render_text
from seikatsu_std.calc.frame import Frame, frame_from_records
from seikatsu_std.calc.inputs import CalculationInput
from seikatsu_std.calc.results import CalculationResult

__all__ = [
    "BatchRun",
    "CalculationError",
    "CalculationInput",
    "CalculationResult",
    "Calculator",
    "Frame",
    "frame_from_records",
    "render_html",
    "render_text",
]
