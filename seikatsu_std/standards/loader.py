"""Load, check and look up the dated benefit-standard tables.

This is the only code that reads the standards files. Lookups never fall
back: a date with no edition, a key with no row, or an empty cell is an error
that names the table, the edition and the key.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from seikatsu_std.standards.model import (
    Edition,
    EditionStatus,
    KeyKind,
    TableSpec,
    Unit,
    parse_range,
)

#: Rates are stored as integers scaled by this factor, so that products and
#: rounding are exact (0.8548 → 8548).
RATE_SCALE = 10_000
#: Environment variable naming extra standards directories (``os.pathsep``-separated).
STANDARDS_PATH_ENV = "SEIKATSU_STD_STANDARDS_PATH"

IntArray = npt.NDArray[np.int64]


class StandardsError(Exception):
    """A problem with the standards files or a lookup in them."""


class NoEditionError(StandardsError):
    """No edition of a table applies on the requested date."""

    def __init__(
        self, table: str, day: date, available: Sequence[Edition], provisional: bool
    ) -> None:
        self.table = table
        self.day = day
        periods = (
            ", ".join(
                f"{e.valid_from}〜{e.valid_to or ''}"
                + ("（暫定）" if e.status is EditionStatus.PROVISIONAL else "")
                for e in available
            )
            or "なし"
        )
        hint = (
            "暫定版があります: 利用するには暫定版の使用を明示的に許可してください"
            if provisional
            else "公式の版を追加してください（docs: 基準表の版の追加方法）"
        )
        super().__init__(
            f"基準表「{table}」に {day.isoformat()} に適用できる版がありません（収録: {periods}）。{hint} "
            f"(no edition of table {table!r} applies on {day.isoformat()})"
        )


class LookupMissError(StandardsError):
    """A key value has no row, or the row has no value in the requested column."""


@dataclass(frozen=True)
class Coded:
    """A column of labels stored as integer codes into ``labels`` (fast to look up).

    Rules pass 級地, prefectures and other text keys this way, so lookups map
    each distinct label once instead of every row.
    """

    labels: tuple[Any, ...]
    codes: IntArray

    def __len__(self) -> int:
        return len(self.codes)

    def take(self, rows: IntArray) -> Coded:
        """The same column restricted to ``rows``."""
        return Coded(self.labels, self.codes[rows])

    def decode(self) -> npt.NDArray[np.object_]:
        """The labels, row by row."""
        return np.array(self.labels, dtype=object)[self.codes]

    def label_at(self, row: int) -> Any:
        """The label of one row."""
        return self.labels[int(self.codes[row])]

    def map(self, mapping: Mapping[Any, int], missing: int = -1) -> IntArray:
        """Map every row's label through ``mapping`` (only the labels in use are looked up)."""
        if len(self.codes) == 0:
            return np.zeros(0, dtype=np.int64)
        used, inverse = np.unique(self.codes, return_inverse=True)
        table = np.array(
            [mapping.get(self.labels[i], missing) for i in used.tolist()], dtype=np.int64
        )
        result: IntArray = table[inverse]
        return result


KeyValues = npt.ArrayLike | Coded


def map_values(values: npt.NDArray[Any], mapping: Mapping[Any, int], missing: int = -1) -> IntArray:
    """Map each element of ``values`` through ``mapping`` (vectorised over distinct values)."""
    flat = values.ravel()
    if flat.size == 0:
        return np.zeros(values.shape, dtype=np.int64)
    try:
        distinct, inverse = np.unique(flat, return_inverse=True)
    except TypeError:  # mixed types that cannot be sorted: map one by one
        return np.array([mapping.get(v, missing) for v in flat.tolist()], dtype=np.int64).reshape(
            values.shape
        )
    codes = np.array([mapping.get(v, missing) for v in distinct.tolist()], dtype=np.int64)
    return codes[inverse].reshape(values.shape)


@dataclass(frozen=True)
class _KeyIndex:
    spec_name: str
    kind: KeyKind
    #: For ranges: sorted lows and highs (high = max int for open ranges).
    lows: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    highs: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: For exact keys: value → bucket.
    exact: Mapping[str | int, int] = field(default_factory=dict)
    labels: tuple[str, ...] = ()

    def buckets(self, values: KeyValues) -> IntArray:
        """Bucket index per value; -1 where no bucket matches."""
        if isinstance(values, Coded):
            return values.map(self.exact)
        if self.kind is KeyKind.RANGE:
            array = np.asarray(values, dtype=np.int64)
            position = np.searchsorted(self.lows, array, side="right") - 1
            found = (position >= 0) & (array <= self.highs[np.clip(position, 0, None)])
            return np.where(found, position, -1).astype(np.int64)
        array = np.asarray(values, dtype=object)
        return map_values(array, self.exact)


_OPEN = np.iinfo(np.int64).max


class CompiledTable:
    """One edition of one table, compiled for vectorised lookups."""

    def __init__(self, spec: TableSpec, edition: Edition) -> None:
        self.spec = spec
        self.edition = edition
        self._keys = [self._index_key(i) for i in range(len(spec.keys))]
        shape = tuple(len(k.labels) for k in self._keys)
        grid = np.full(shape if shape else (1,), -1, dtype=np.int64)
        for row_number, row in enumerate(edition.rows):
            position = tuple(self._bucket_of(k, row.key[k.spec_name]) for k in self._keys)
            target = position if position else (0,)
            if grid[target] != -1:
                raise StandardsError(
                    f"{edition.edition_id}: 行 {row_number + 1} のキー {row.key} が重複しています "
                    "(duplicate row key)"
                )
            grid[target] = row_number
        self._grid = grid
        self._values, self._present = self._compile_values()
        self._factorized: dict[int, tuple[tuple[Any, ...], IntArray]] = {}

    # ------------------------------------------------------------ compile

    def _index_key(self, position: int) -> _KeyIndex:
        key = self.spec.keys[position]
        raw = [row.key.get(key.name) for row in self.edition.rows]
        if any(v is None for v in raw):
            raise StandardsError(
                f"{self.edition.edition_id}: キー「{key.name}」のない行があります (row without key)"
            )
        if key.kind is KeyKind.EXACT:
            distinct = list(dict.fromkeys(v for v in raw if v is not None))
            return _KeyIndex(
                key.name,
                key.kind,
                exact={v: i for i, v in enumerate(distinct)},
                labels=tuple(str(v) for v in distinct),
            )
        ranges = sorted({parse_range(v) for v in raw if v is not None})
        for (_low, high), (next_low, _) in itertools.pairwise(ranges):
            if high is None or high >= next_low:
                raise StandardsError(
                    f"{self.edition.edition_id}: キー「{key.name}」の範囲が重なっています "
                    "(overlapping ranges)"
                )
            if high + 1 != next_low:
                raise StandardsError(
                    f"{self.edition.edition_id}: キー「{key.name}」の範囲 {high}〜{next_low} の間が抜けています "
                    "(gap between ranges)"
                )
        if self.spec.open_ended and ranges[-1][1] is not None:
            raise StandardsError(
                f"{self.edition.edition_id}: キー「{key.name}」の最後の範囲に上限があります"
                "（「以上」で終えてください） (last range must be open-ended)"
            )
        return _KeyIndex(
            key.name,
            key.kind,
            lows=np.array([low for low, _ in ranges], dtype=np.int64),
            highs=np.array([_OPEN if high is None else high for _, high in ranges], dtype=np.int64),
            labels=tuple(f"{low}-{'' if high is None else high}" for low, high in ranges),
        )

    def _bucket_of(self, key: _KeyIndex, value: str | int) -> int:
        if key.kind is KeyKind.EXACT:
            return key.exact[value]
        low, _high = parse_range(value)
        return int(np.searchsorted(key.lows, low))

    def _compile_values(self) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]]:
        width = len(self.spec.columns)
        rows = self.edition.rows
        present = np.zeros((len(rows), width), dtype=bool)
        dtype: Any = object if self.spec.unit is Unit.TEXT else np.int64
        values = np.zeros((len(rows), width), dtype=dtype)
        for r, row in enumerate(rows):
            if len(row.values) != width:
                raise StandardsError(
                    f"{self.edition.edition_id}: 行 {r + 1} の値の数 {len(row.values)} が列の数 {width} と違います "
                    "(row width differs from the table's columns)"
                )
            for c, cell in enumerate(row.values):
                if cell is None:
                    continue
                present[r, c] = True
                values[r, c] = self._cell(cell, r, c)
        return values, present

    def _cell(self, cell: int | Decimal | str, row: int, column: int) -> Any:
        where = f"{self.edition.edition_id}: 行 {row + 1} 列 {self.spec.columns[column].name}"
        unit = self.spec.unit
        if unit is Unit.TEXT:
            return str(cell)
        if unit is Unit.RATE:
            scaled = Decimal(str(cell)) * RATE_SCALE
            if scaled != scaled.to_integral_value():
                raise StandardsError(f"{where}: 率の小数は4桁まで (rate has more than 4 decimals)")
            return int(scaled)
        if isinstance(cell, (Decimal, str)) or int(cell) != cell:
            raise StandardsError(f"{where}: 整数でなければなりません (expected an integer)")
        return int(cell)

    # ------------------------------------------------------------ lookups

    def find_rows(self, **keys: KeyValues) -> IntArray:
        """Row index for each set of key values; -1 where the table has no such row."""
        return self._rows(keys, raise_on_miss=False)

    def rows(self, **keys: KeyValues) -> IntArray:
        """Row index for each set of key values (vectorised). Raises on any miss."""
        return self._rows(keys, raise_on_miss=True)

    def _rows(self, keys: Mapping[str, KeyValues], *, raise_on_miss: bool) -> IntArray:
        if set(keys) != {k.spec_name for k in self._keys}:
            raise StandardsError(
                f"{self.spec.id}: キー {sorted(keys)} で引けません（定義: {[k.spec_name for k in self._keys]}） "
                "(wrong keys for this table)"
            )
        if not self._keys:
            return np.zeros(1, dtype=np.int64)
        buckets = [k.buckets(keys[k.spec_name]) for k in self._keys]
        shapes = {b.shape for b in buckets}
        shape = (
            shapes.pop() if len(shapes) == 1 else np.broadcast_shapes(*(b.shape for b in buckets))
        )
        if shapes:
            buckets = [np.broadcast_to(b, shape) for b in buckets]
        missing = buckets[0] < 0
        for b in buckets[1:]:
            missing = missing | (b < 0)
        any_missing = bool(missing.any())
        safe = [np.where(b < 0, 0, b) for b in buckets] if any_missing else buckets
        result = self._grid[tuple(safe)]
        missing = missing | (result < 0)
        if not raise_on_miss:
            return np.where(missing, -1, result).astype(np.int64)
        if missing.any():
            first = np.argwhere(missing)[0]
            values = {k.spec_name: _value_at(keys[k.spec_name], shape, first) for k in self._keys}
            raise LookupMissError(
                f"基準表「{self.spec.title}」（{self.edition.edition_id}）に {values} の行がありません "
                f"(no row for {values} in {self.edition.edition_id})"
            )
        return np.asarray(result, dtype=np.int64)

    def factorized(self, column: int) -> tuple[tuple[Any, ...], IntArray]:
        """Distinct values of a column and each table row's code (cached)."""
        cached = self._factorized.get(column)
        if cached is None:
            values = self._values[:, column].tolist()
            labels = tuple(dict.fromkeys(values))
            index = {label: i for i, label in enumerate(labels)}
            cached = (labels, np.array([index[v] for v in values], dtype=np.int64))
            self._factorized[column] = cached
        return cached

    @cached_property
    def _column_positions(self) -> dict[str, int]:
        return {column.name: i for i, column in enumerate(self.spec.columns)}

    def column_index(self, name: str) -> int:
        """Position of a value column."""
        try:
            return self._column_positions[name]
        except KeyError:
            raise StandardsError(
                f"{self.spec.id}: 列「{name}」はありません (no column {name!r})"
            ) from None

    def column_indices(self, names: npt.NDArray[Any] | Coded) -> IntArray:
        """Positions of many value columns (vectorised)."""
        if isinstance(names, Coded):
            positions = names.map(self._column_positions)
            if (positions < 0).any():
                raise StandardsError(
                    f"{self.spec.id}: 列「{names.label_at(int(np.flatnonzero(positions < 0)[0]))}」はありません"
                )
            return positions
        positions = map_values(np.asarray(names, dtype=object), self._column_positions)
        if (positions < 0).any():
            unknown = np.asarray(names, dtype=object).ravel()[
                np.flatnonzero(positions.ravel() < 0)[0]
            ]
            raise StandardsError(
                f"{self.spec.id}: 列「{unknown}」はありません (no column {unknown!r})"
            )
        return positions

    def values(self, rows: IntArray, columns: npt.ArrayLike) -> npt.NDArray[Any]:
        """Cell values for row/column index arrays. Raises on an empty cell."""
        column_array = np.asarray(columns, dtype=np.int64)
        if column_array.shape != np.shape(rows):
            column_array = np.broadcast_to(column_array, np.shape(rows))
        present = self._present[rows, column_array]
        if not np.all(present):
            first = tuple(np.argwhere(~present)[0]) if np.ndim(present) else ()
            row = int(np.asarray(rows)[first]) if first else int(rows)
            column = int(column_array[first]) if first else int(column_array)
            raise LookupMissError(
                f"基準表「{self.spec.title}」（{self.edition.edition_id}）の "
                f"{self.row_label(row)}・{self.spec.columns[column].title} に値がありません "
                f"(empty cell in {self.edition.edition_id})"
            )
        result: npt.NDArray[Any] = self._values[rows, column_array]
        return result

    def scalar(self, column: str = "value") -> Any:
        """The single value of a table without keys."""
        return self.values(np.zeros((), dtype=np.int64), self.column_index(column)).item()

    def row_label(self, row: int) -> str:
        """Human-readable key of a row, e.g. ``年齢 0-2``."""
        data = self.edition.rows[row].key
        return "・".join(f"{k.title} {data[k.name]}" for k in self.spec.keys) or "（単一の値）"


def _value_at(values: KeyValues, shape: tuple[int, ...], position: npt.NDArray[Any]) -> Any:
    if isinstance(values, Coded):
        return values.label_at(int(position[0]) if len(position) else 0)
    return np.broadcast_to(np.asarray(values), shape)[tuple(position)]


def text_column(table: CompiledTable, rows: IntArray, column: str) -> Coded:
    """A text column of ``table`` at ``rows``, as codes (see :class:`Coded`)."""
    position = table.column_index(column)
    table.values(rows, np.full(len(rows), position))  # raises on an empty cell
    labels, row_codes = table.factorized(position)
    return Coded(labels, row_codes[rows])


@dataclass
class Standards:
    """All tables and editions available to the calculation."""

    tables: dict[str, TableSpec]
    editions: dict[str, list[Edition]]
    origins: dict[str, str] = field(default_factory=dict)

    def spec(self, table: str) -> TableSpec:
        """The definition of ``table``."""
        try:
            return self.tables[table]
        except KeyError:
            raise StandardsError(
                f"基準表「{table}」は定義されていません (unknown table {table!r})"
            ) from None

    def edition(self, table: str, day: date, *, allow_provisional: bool = False) -> Edition:
        """The edition of ``table`` in force on ``day`` (NoEditionError if none)."""
        self.spec(table)
        candidates = [e for e in self.editions.get(table, []) if e.covers(day)]
        official = [e for e in candidates if e.status is not EditionStatus.PROVISIONAL]
        if official:
            return official[0]
        if candidates and allow_provisional:
            return candidates[0]
        raise NoEditionError(table, day, self.editions.get(table, []), bool(candidates))

    def compiled(self, table: str, day: date, *, allow_provisional: bool = False) -> CompiledTable:
        """The compiled edition of ``table`` in force on ``day``."""
        edition = self.edition(table, day, allow_provisional=allow_provisional)
        return self._compile(edition.edition_id)

    @cached_property
    def _compiled_cache(self) -> dict[str, CompiledTable]:
        return {}

    def _compile(self, edition_id: str) -> CompiledTable:
        cached = self._compiled_cache.get(edition_id)
        if cached is None:
            table, valid_from = edition_id.split("@")
            edition = next(
                e for e in self.editions[table] if e.valid_from.isoformat() == valid_from
            )
            cached = CompiledTable(self.tables[table], edition)
            self._compiled_cache[edition_id] = cached
        return cached

    def check(self) -> None:
        """Compile every edition (raises on the first malformed one)."""
        for editions in self.editions.values():
            for edition in editions:
                self._compile(edition.edition_id)


# -------------------------------------------------------------------- loading


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_DecimalLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise StandardsError(f"{path}: 読み込めません ({exc})") from exc


class _DecimalLoader(yaml.CSafeLoader):
    """YAML loader that reads floats as Decimal (rates must be exact)."""


def _decimal(loader: yaml.CSafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _validated(model: type[TableSpec] | type[Edition], data: Any, path: Path) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise StandardsError(f"{path}: {exc}") from exc


def load_directory(root: Path) -> tuple[dict[str, TableSpec], dict[str, list[Edition]]]:
    """Read every ``<table>/table.yaml`` and ``<table>/<date>.yaml`` under ``root``."""
    tables: dict[str, TableSpec] = {}
    editions: dict[str, list[Edition]] = {}
    if not root.is_dir():
        raise StandardsError(f"基準表のディレクトリがありません: {root} (not a directory)")
    for table_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        spec_path = table_dir / "table.yaml"
        if spec_path.exists():
            spec: TableSpec = _validated(TableSpec, _read_yaml(spec_path), spec_path)
            if spec.id != table_dir.name:
                raise StandardsError(f"{spec_path}: 表ID {spec.id} がディレクトリ名と違います")
            tables[spec.id] = spec
        for edition_path in sorted(table_dir.glob("[0-9]*.yaml")):
            edition: Edition = _validated(Edition, _read_yaml(edition_path), edition_path)
            if edition.table != table_dir.name:
                raise StandardsError(
                    f"{edition_path}: 表ID {edition.table} がディレクトリ名と違います"
                )
            if edition_path.stem != edition.valid_from.isoformat():
                raise StandardsError(
                    f"{edition_path}: ファイル名は適用開始日 {edition.valid_from.isoformat()}.yaml にしてください"
                )
            editions.setdefault(edition.table, []).append(edition)
    return tables, editions


def _merge(
    base: Standards, tables: dict[str, TableSpec], editions: dict[str, list[Edition]], origin: str
) -> None:
    for table_id, spec in tables.items():
        if table_id in base.tables and base.tables[table_id] != spec:
            raise StandardsError(
                f"{origin}: 表「{table_id}」の定義を変えることはできません（版を追加してください） "
                "(an overlay may add editions, not redefine a table)"
            )
        base.tables[table_id] = spec
    for table_id, added in editions.items():
        current = base.editions.setdefault(table_id, [])
        for edition in added:
            # An overlay edition with the same valid_from replaces the shipped one.
            current[:] = [e for e in current if e.valid_from != edition.valid_from]
            current.append(edition)
            base.origins[edition.edition_id] = origin


def _check_editions(standards: Standards) -> None:
    for table_id, editions in standards.editions.items():
        if table_id not in standards.tables:
            raise StandardsError(f"版のある表「{table_id}」に table.yaml がありません")
        editions.sort(key=lambda e: e.valid_from)
        for kind in (True, False):
            chain = [e for e in editions if (e.status is EditionStatus.PROVISIONAL) is kind]
            for earlier, later in itertools.pairwise(chain):
                if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                    raise StandardsError(
                        f"表「{table_id}」の版 {earlier.valid_from} と {later.valid_from} の適用期間が重なっています "
                        "(editions overlap: close the earlier one with valid_to)"
                    )


def load_standards(extra_dirs: Iterable[Path] = (), *, use_environment: bool = True) -> Standards:
    """The shipped standards plus overlays (later directories win on the same edition date).

    Overlays come from ``extra_dirs`` and, unless ``use_environment`` is false,
    from the ``SEIKATSU_STD_STANDARDS_PATH`` environment variable.
    """
    dirs = list(extra_dirs)
    if use_environment and os.environ.get(STANDARDS_PATH_ENV):
        dirs += [Path(p) for p in os.environ[STANDARDS_PATH_ENV].split(os.pathsep) if p]
    standards = shipped_standards_copy()
    for directory in dirs:
        tables, editions = load_directory(directory)
        _merge(standards, tables, editions, str(directory))
    _check_editions(standards)
    standards.check()
    return standards


@cache
def _shipped() -> tuple[dict[str, TableSpec], dict[str, list[Edition]]]:
    root = resources.files("seikatsu_std.standards").joinpath("data")
    with resources.as_file(root) as path:
        return load_directory(Path(path))


def shipped_standards_copy() -> Standards:
    """A fresh Standards holding only the shipped tables (safe to extend)."""
    tables, editions = _shipped()
    standards = Standards(dict(tables), {k: list(v) for k, v in editions.items()})
    for editions_of_table in standards.editions.values():
        for edition in editions_of_table:
            standards.origins[edition.edition_id] = "seikatsu_std"
    return standards
