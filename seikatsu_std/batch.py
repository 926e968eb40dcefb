"""Batch calculation over JSON Lines or the columnar form, in chunks and in parallel.

Each chunk goes through the same steps as a single household: schema
validation (jsonschema-rs, the published schema), reference checks, the
columnar frame, the rules, the results. An input that cannot be read or
calculated yields a ``calculation_failure`` record at its position; the rest
of the batch goes on.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from seikatsu_std.calc.columnar import ColumnarError, frame_from_columns
from seikatsu_std.calc.engine import Calculator, result_columns
from seikatsu_std.calc.frame import frame_from_records
from seikatsu_std.standards import load_standards

DEFAULT_CHUNK = 5_000


@dataclass
class BatchStats:
    """Progress and outcome of a batch."""

    read: int = 0
    calculated: int = 0
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        """Wall time so far."""
        return time.perf_counter() - self.started

    def describe(self) -> str:
        """One progress line (Japanese, then English)."""
        rate = self.read / self.seconds if self.seconds > 0 else 0.0
        return (
            f"読込 {self.read:,} 件・計算 {self.calculated:,} 件・失敗 {self.failed:,} 件（{rate:,.0f} 件/秒） "
            f"(read {self.read}, calculated {self.calculated}, failed {self.failed})"
        )


@dataclass(frozen=True)
class BatchOptions:
    """How to calculate (passed to worker processes)."""

    allow_provisional: bool = False
    standards_dirs: tuple[str, ...] = ()
    explain: bool = False


_CALCULATOR: Calculator | None = None


def _calculator(options: BatchOptions) -> Calculator:
    global _CALCULATOR
    if _CALCULATOR is None:
        standards = load_standards([Path(p) for p in options.standards_dirs])
        _CALCULATOR = Calculator(standards, allow_provisional=options.allow_provisional)
    return _CALCULATOR


def _failure(line: int | None, error: str, record: Any = None) -> dict[str, Any]:
    failure: dict[str, Any] = {"record_type": "calculation_failure", "error": error}
    if isinstance(record, dict):
        if isinstance(record.get("id"), str):
            failure["id"] = record["id"]
        if isinstance(record.get("month"), str):
            failure["month"] = record["month"]
    if line is not None:
        failure["line"] = line
    return failure


def _reference_problem(record: dict[str, Any]) -> str | None:
    """Member references the schema cannot express (checked like CalculationInput does)."""
    ids = [m["id"] for m in record["household"]["members"]]
    known = set(ids)
    if len(known) != len(ids):
        return "世帯員IDが重複しています (duplicate household member id)"
    for group in ("member_facts", "incomes", "one_off"):
        for item in record.get(group, ()):
            if item["member_id"] not in known:
                return f"{group}: 世帯にいない世帯員 {item['member_id']} (unknown household member)"
    return None


def process_lines(
    lines: Sequence[bytes], first_line: int, options: BatchOptions
) -> tuple[bytes, int, int]:
    """Calculate one chunk of JSON Lines; returns (JSON Lines out, calculated, failed)."""
    from seikatsu_std.validation import RecordChecker

    gc.disable()
    try:
        checker = RecordChecker("calculation_input", check_digits=False)
        calculator = _calculator(options)
        slots: list[dict[str, Any] | None] = []
        valid: list[dict[str, Any]] = []
        for offset, raw in enumerate(lines):
            number = first_line + offset
            try:
                record = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                slots.append(_failure(number, f"JSONとして読めません (malformed JSON: {exc})"))
                continue
            _, problems = checker.check(record)
            if problems:
                path, _, ja, en = problems[0]
                more = f" ほか{len(problems) - 1}件" if len(problems) > 1 else ""
                slots.append(_failure(number, f"{path}: {ja}{more} ({en})", record))
                continue
            problem = _reference_problem(record)
            if problem is not None:
                slots.append(_failure(number, problem, record))
                continue
            slots.append(None)
            valid.append(record)
        results = (
            iter(
                calculator.results(
                    calculator.run(frame_from_records(valid)), explain=options.explain
                )
            )
            if valid
            else iter(())
        )
        out = bytearray()
        calculated = failed = 0
        for slot in slots:
            item = next(results) if slot is None else slot
            if item["record_type"] == "calculation_result":
                calculated += 1
            else:
                failed += 1
            out += orjson.dumps(item)
            out += b"\n"
        return bytes(out), calculated, failed
    finally:
        gc.enable()


def _chunks(handle: IO[bytes], size: int) -> Iterator[tuple[list[bytes], int]]:
    chunk: list[bytes] = []
    first = 1
    for number, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        if not chunk:
            first = number
        chunk.append(raw)
        if len(chunk) >= size:
            yield chunk, first
            chunk = []
    if chunk:
        yield chunk, first


def calculate_json_lines(
    source: Path,
    out: IO[bytes],
    options: BatchOptions,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Callable[[BatchStats], None] | None = None,
) -> BatchStats:
    """Calculate every line of ``source`` into ``out`` (results in input order)."""
    stats = BatchStats()

    def consume(result: tuple[bytes, int, int], count: int) -> None:
        data, calculated, failed = result
        out.write(data)
        stats.read += count
        stats.calculated += calculated
        stats.failed += failed
        if progress is not None:
            progress(stats)

    _prepare(options)
    with source.open("rb") as handle:
        if workers <= 1:
            for chunk, first in _chunks(handle, chunk_size):
                consume(process_lines(chunk, first, options), len(chunk))
            return stats
        with _pool(workers) as pool:
            pending: list[tuple[Any, int]] = []
            for chunk, first in _chunks(handle, chunk_size):
                pending.append((pool.submit(process_lines, chunk, first, options), len(chunk)))
                while len(pending) > workers * 2:
                    future, count = pending.pop(0)
                    consume(future.result(), count)
            for future, count in pending:
                consume(future.result(), count)
    return stats


def _prepare(options: BatchOptions) -> None:
    """Load the standards and compile the schema once, before any worker is forked."""
    from seikatsu_std.validation import RecordChecker

    calculator = _calculator(options)
    calculator.standards.check()
    RecordChecker("calculation_input", check_digits=False).check({})


def _pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers inherit the loaded standards (fork where available)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def default_workers() -> int:
    """Worker processes for large batches: one per available core."""
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


#: The frame of a columnar batch, shared with forked workers (copy-on-write, not pickled).
_SHARED: dict[str, Any] = {}


def _columnar_range(bounds: tuple[int, int]) -> dict[str, Any]:
    import numpy as np

    frame = _SHARED["frame"]
    calculator = _calculator(_SHARED["options"])
    return columnar_results(calculator, frame.take(np.arange(bounds[0], bounds[1])))


def columnar_results(calculator: Calculator, frame: Any) -> dict[str, Any]:
    """Results of a frame as columns (the columnar output form)."""
    return result_columns(calculator.run(frame))


def calculate_columnar(
    source: Path,
    out: IO[bytes],
    options: BatchOptions,
    *,
    workers: int = 1,
    chunk_size: int = 100_000,
    progress: Callable[[BatchStats], None] | None = None,
) -> BatchStats:
    """Calculate a columnar document into a columnar result document."""
    from seikatsu_std.validation import RecordChecker

    stats = BatchStats()
    _prepare(options)
    gc.disable()
    try:
        document = orjson.loads(source.read_bytes())
        problems = RecordChecker.for_schema("calculation-columns").check(document)[1]
        if problems:
            path, _, ja, en = problems[0]
            raise ColumnarError(f"{path}: {ja} ({en})")
        frame = frame_from_columns(document)
        del document
        bounds = [
            (start, min(start + chunk_size, frame.households))
            for start in range(0, frame.households, chunk_size)
        ]
        _SHARED.update(frame=frame, options=options)
        try:
            if workers <= 1:
                merged = _merge((_columnar_range(b) for b in bounds), stats, bounds, progress)
            else:
                with _pool(workers) as pool:
                    merged = _merge(pool.map(_columnar_range, bounds), stats, bounds, progress)
        finally:
            _SHARED.clear()
        out.write(orjson.dumps({"format": "seikatsu-std/calculation-result-columns", **merged}))
        return stats
    finally:
        gc.enable()


def _merge(
    parts: Iterator[dict[str, Any]],
    stats: BatchStats,
    bounds: Sequence[tuple[int, int]],
    progress: Callable[[BatchStats], None] | None,
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for (start, stop), part in zip(bounds, parts, strict=True):
        count = stop - start
        stats.read += count
        stats.failed += len(part["failures"])
        stats.calculated += count - len(part["failures"])
        for key, value in part.items():
            if isinstance(value, dict):
                target = merged.setdefault(key, {k: [] for k in value})
                for k, v in value.items():
                    target[k].extend(v)
            else:
                merged.setdefault(key, []).extend(value)
        if progress is not None:
            progress(stats)
    return merged
