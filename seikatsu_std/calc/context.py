"""The machinery rules are written with: context, outcomes, table lookups, rounding.

A rule is a function of the :class:`Context` returning an :class:`Outcome`:
an integer amount per row (household or member), where it applied, the inputs
it read and the table cells it used. The engine runs the rules in order; the
explanation is built from the same outcomes, so it can never disagree with
the amounts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

import numpy as np
import numpy.typing as npt

from seikatsu_std.calc.frame import BoolArray, Frame, IntArray, code
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.household import Relationship, Residence
from seikatsu_std.model.legal import LegalRef
from seikatsu_std.standards import CompiledTable, Standards
from seikatsu_std.standards.loader import Coded, LookupMissError, NoEditionError, text_column

KYUCHI_COLUMNS = ("1-1", "1-2", "2-1", "2-2", "3-1", "3-2")
_KYUCHI_INDEX = {name: i for i, name in enumerate(KYUCHI_COLUMNS)}
_MAJOR_NAMES = ("1", "2", "3")


class CalculationError(Exception):
    """The calculation cannot be done for a household (input or standards problem)."""


class Level(Enum):
    """What one row of an outcome stands for."""

    HOUSEHOLD = "household"
    MEMBER = "member"
    ONE_OFF = "one_off"


class Role(Enum):
    """How an outcome takes part in the result."""

    #: Part of the minimum cost of living of its kind of assistance.
    COMPONENT = "component"
    #: A step on the way (shown in the explanation, not added up).
    STEP = "step"
    #: Recognised income, or a deduction from it.
    INCOME = "income"


@dataclass(frozen=True)
class Lookup:
    """Which cell of which table each row used (row -1: not used; no table: nothing used)."""

    table: CompiledTable | None
    rows: IntArray
    columns: IntArray


@dataclass
class Outcome:
    """What a rule produced, row by row."""

    amount: IntArray
    applies: BoolArray
    inputs: dict[str, npt.NDArray[Any] | Coded] = field(default_factory=dict)
    lookups: list[Lookup] = field(default_factory=list)
    #: Per-row remark (e.g. which of two bases was chosen); None where nothing to say.
    notes: npt.NDArray[np.object_] | None = None


@dataclass(frozen=True)
class Rule:
    """One rule of the calculation, with its citation."""

    code: str
    title: str
    level: Level
    role: Role
    kind: AssistanceKind | None
    formula: str
    legal: tuple[LegalRef, ...]
    compute: Callable[[Context], Outcome]


def ceil_to(values: npt.ArrayLike, unit: int) -> IntArray:
    """Round non-negative integers up to a multiple of ``unit`` (10円未満切り上げ)."""
    array = np.asarray(values, dtype=np.int64)
    return np.asarray(-(-array // unit) * unit, dtype=np.int64)


def ceil_div(numerator: npt.ArrayLike, denominator: npt.ArrayLike) -> IntArray:
    """Exact ceiling of an integer division (for scaled-rate products)."""
    n = np.asarray(numerator, dtype=np.int64)
    d = np.asarray(denominator, dtype=np.int64)
    return np.asarray(-(-n // d), dtype=np.int64)


class Context:
    """Everything a rule may read: the frame, the month, the standards, earlier outcomes."""

    def __init__(
        self, frame: Frame, day: date, standards: Standards, *, allow_provisional: bool
    ) -> None:
        self.frame = frame
        self.day = day
        self.standards = standards
        self.allow_provisional = allow_provisional
        self.outcomes: dict[str, Outcome] = {}
        self.used: dict[str, CompiledTable] = {}
        f = frame
        self.households = f.households
        self.members = len(f.m_id)
        self.hh = f.m_household
        # Member facts every rule needs.
        year, month = day.year, day.month
        # 年齢計算ニ関スル法律: a person reaches the next age at the end of the day
        # before the birthday, so someone born on the 2nd is already older on the 1st.
        later_in_year = (f.m_birth_month > month) | (
            (f.m_birth_month == month) & (f.m_birth_day > 2)
        )
        self.age = np.clip(year - f.m_birth_year - later_in_year.astype(np.int64), 0, None)
        self.in_household = ~f.m_separated
        self.at_home = self.in_household & (f.m_residence == code(Residence.AT_HOME))
        self.in_hospital = self.in_household & (f.m_residence == code(Residence.HOSPITAL))
        self.in_care_facility = self.in_household & (f.m_residence == code(Residence.CARE_FACILITY))
        self.in_other_facility = self.in_household & (
            f.m_residence == code(Residence.OTHER_FACILITY)
        )
        self.head_or_spouse = (f.m_relationship == code(Relationship.HEAD)) | (
            f.m_relationship == code(Relationship.SPOUSE)
        )
        self.size_at_home = self.per_household(self.at_home.astype(np.int64))
        self.size_in_household = self.per_household(self.in_household.astype(np.int64))
        self._place()

    # ------------------------------------------------------------ standards

    def before_school_year_end(self, age: int) -> BoolArray:
        """True until the first 31 March on or after the day a member reaches ``age``.

        A member reaches an age on the day before the birthday (年齢計算ニ関スル法律),
        so a child born on 1 April reaches it on 31 March — the school-year rule
        (早生まれ) used for 児童 and for 小学校修了前.
        """
        f = self.frame
        reached_after_march = (f.m_birth_month > 4) | ((f.m_birth_month == 4) & (f.m_birth_day > 1))
        cutoff_year = f.m_birth_year + age + reached_after_march.astype(np.int64)
        day = self.day
        result: BoolArray = (day.year < cutoff_year) | (
            (day.year == cutoff_year) & (day.month <= 3)
        )
        return result

    def in_force(self, table: str) -> bool:
        """True when the rule of ``table`` exists this month (its applies_from/to)."""
        return self.standards.spec(table).in_force(self.day)

    def table(self, table: str) -> CompiledTable:
        """The edition of ``table`` in force this month (raises if none)."""
        try:
            compiled = self.standards.compiled(
                table, self.day, allow_provisional=self.allow_provisional
            )
        except NoEditionError as exc:
            raise CalculationError(str(exc)) from exc
        self.used[compiled.edition.edition_id] = compiled
        return compiled

    def scalar(self, table: str, column: str = "value") -> int:
        """A single value of a table without keys."""
        value: int = self.table(table).scalar(column)
        return value

    def lookup(
        self,
        table: str,
        mask: BoolArray,
        column: str | Coded | npt.NDArray[Any],
        **keys: npt.ArrayLike | Coded,
    ) -> tuple[IntArray, Lookup]:
        """Values of ``table`` for the rows in ``mask`` (0 elsewhere) and the cells used.

        The table is consulted only when some row needs it, so a table without
        an edition for this month is an error only for households it applies to.
        """
        n = len(mask)
        rows = np.full(n, -1, dtype=np.int64)
        columns = np.zeros(n, dtype=np.int64)
        values = np.zeros(n, dtype=np.int64)
        selected = np.flatnonzero(mask)
        compiled = self.table(table) if selected.size else None
        if compiled is not None:
            selected_keys = {name: _subset(v, selected) for name, v in keys.items()}
            try:
                found = (
                    compiled.rows(**selected_keys)
                    if selected_keys
                    else np.zeros(selected.size, dtype=np.int64)
                )
                if isinstance(column, str):
                    column_index: npt.NDArray[Any] = np.full(
                        selected.size, compiled.column_index(column)
                    )
                else:
                    column_index = compiled.column_indices(_subset(column, selected))
                cells = compiled.values(found, column_index)
            except LookupMissError as exc:
                raise CalculationError(str(exc)) from exc
            rows[selected] = found
            columns[selected] = column_index
            values[selected] = cells.astype(np.int64)
        return values, Lookup(compiled, rows, columns)

    # ------------------------------------------------------------ aggregation

    def per_household(self, member_values: npt.ArrayLike) -> IntArray:
        """Sum member values per household."""
        return np.bincount(
            self.hh, weights=np.asarray(member_values, dtype=np.float64), minlength=self.households
        ).astype(np.int64)

    def any_per_household(self, member_mask: BoolArray) -> BoolArray:
        """True for households where any member is in ``member_mask``."""
        return self.per_household(member_mask.astype(np.int64)) > 0

    def to_members(self, household_values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """Spread a household column to its members."""
        return household_values[self.hh]

    def amount(self, rule_code: str) -> IntArray:
        """The amount of an earlier rule."""
        return self.outcomes[rule_code].amount

    # ------------------------------------------------------------ place

    def _place(self) -> None:
        """級地, prefecture and city of each household, from its municipality code."""
        municipalities = self.table("municipalities")
        codes = self.frame.h_municipality
        try:
            rows = municipalities.rows(code=codes)
        except LookupMissError as exc:
            raise CalculationError(
                f"{exc}（全国地方公共団体コードが基準表の市区町村一覧にありません。級地を推定することはしません）"
            ) from exc
        self.municipality_lookup = Lookup(
            municipalities, rows, np.full(len(rows), municipalities.column_index("kyuchi"))
        )
        self.prefecture = text_column(municipalities, rows, "prefecture")
        self.city = text_column(municipalities, rows, "city")
        self.kyuchi = text_column(municipalities, rows, "kyuchi").map(_KYUCHI_INDEX)
        if (self.kyuchi < 0).any():
            raise CalculationError(
                "市区町村の表に不正な級地があります (invalid 級地 in the municipality table)"
            )
        self.kyuchi_major = self.kyuchi // 2 + 1

    def kyuchi_column(self, member_level: bool) -> Coded:
        """The 級地 column name (``1-1`` …) per household or per member."""
        codes = self.kyuchi[self.hh] if member_level else self.kyuchi
        return Coded(KYUCHI_COLUMNS, codes)

    def kyuchi_major_column(self, member_level: bool) -> Coded:
        """The 級地 major column name (``1``, ``2``, ``3``) per household or per member."""
        codes = self.kyuchi_major - 1
        return Coded(_MAJOR_NAMES, codes[self.hh] if member_level else codes)


def _subset(values: npt.ArrayLike | Coded, rows: IntArray) -> Any:
    if isinstance(values, Coded):
        return values.take(rows)
    return np.asarray(values)[rows]


def remarks(length: int, *cases: tuple[npt.ArrayLike, str]) -> npt.NDArray[np.object_]:
    """Per-row text: the text of the first case whose mask is true there; None elsewhere."""
    out = np.full(length, None, dtype=object)
    for mask, text in reversed(cases):
        out[np.asarray(mask, dtype=bool)] = text
    return out


def outcome(
    amount: npt.ArrayLike,
    applies: npt.ArrayLike,
    inputs: Mapping[str, npt.ArrayLike | Coded] | None = None,
    lookups: list[Lookup] | None = None,
    notes: npt.NDArray[np.object_] | None = None,
) -> Outcome:
    """Build an :class:`Outcome`, normalising the arrays."""
    return Outcome(
        amount=np.asarray(amount, dtype=np.int64),
        applies=np.asarray(applies, dtype=bool),
        inputs={k: v if isinstance(v, Coded) else np.asarray(v) for k, v in (inputs or {}).items()},
        lookups=list(lookups or []),
        notes=notes,
    )
