"""The calculation rules, in the order the engine runs them."""

from seikatsu_std.calc.context import Rule
from seikatsu_std.calc.rules import additions, housing_education, income, living

#: Every rule, in evaluation order (later rules read earlier outcomes).
RULES: tuple[Rule, ...] = (
    *living.RULES,
    *additions.RULES,
    *housing_education.RULES,
    *income.RULES,
)

__all__ = ["RULES"]
