"""Benchmarks of the calculation engine (results go to docs/benchmarks.md).

1. one household with its explanation: median and p95 latency of
   ``Calculator.calculate`` (warm, in-process);
2. 100,000 generated households end to end through ``seikatsu-std calc
   --batch`` (JSON Lines in, JSON Lines out), 1 and 2 worker processes;
3. a national-scale caseload (1,650,000 households) through the columnar form
   with 2 workers: wall time and peak memory of the whole process tree.

Run:  python bench/calc_throughput.py [--national 1650000] [--skip-national]
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

from seikatsu_std.calc import CalculationInput, Calculator
from seikatsu_std.calc.columnar import columns_from_records
from seikatsu_std.calc.synthetic import random_inputs

MONTH = "2023-06"


def single_household_latency(samples: int = 300) -> tuple[float, float]:
    calculator = Calculator()
    inputs = [CalculationInput.model_validate(r) for r in random_inputs(samples, MONTH, seed=11)]
    calculator.calculate(inputs[0])  # warm: tables compiled
    timings = []
    for calculation in inputs:
        started = time.perf_counter()
        calculator.calculate(calculation, explain=True)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95)]


def _cli(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process) of a seikatsu-std command."""
    started = time.perf_counter()
    completed = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "seikatsu_std.cli", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    peak_kb = int(completed.stderr.strip().splitlines()[-1])
    return wall, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--national", type=int, default=1_650_000)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()

    print(
        f"machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, Python {platform.python_version()}"
    )
    median, p95 = single_household_latency()
    print(f"one household with explanation: median {median:.2f} ms, p95 {p95:.2f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "households.jsonl"
        with source.open("wb") as handle:
            for record in random_inputs(args.households, MONTH):
                handle.write(orjson.dumps(record) + b"\n")
        for workers in (1, 2):
            wall, peak = _cli(
                [
                    "calc",
                    "--batch",
                    str(source),
                    "--out",
                    str(Path(tmp) / "out.jsonl"),
                    "--workers",
                    str(workers),
                ]
            )
            print(
                f"{args.households:,} households, JSON Lines, {workers} worker(s): {wall:.2f} s wall, {args.households / wall:,.0f}/s, peak RSS {peak:.0f} MB"
            )
        if not args.skip_national:
            columnar = Path(tmp) / "national.json"
            started = time.perf_counter()
            columnar.write_bytes(
                orjson.dumps(columns_from_records(list(random_inputs(args.national, MONTH))))
            )
            print(
                f"(generated {args.national:,} households in {time.perf_counter() - started:.0f} s, {columnar.stat().st_size / 1e6:.0f} MB)"
            )
            wall, peak = _cli(
                [
                    "calc",
                    "--batch",
                    str(columnar),
                    "--out",
                    str(Path(tmp) / "national-out.json"),
                    "--workers",
                    "2",
                ]
            )
            print(
                f"{args.national:,} households, columnar, 2 workers: {wall:.1f} s wall, peak RSS {peak:.0f} MB (largest process)"
            )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(benchmark driver peak RSS {own:.0f} MB)")


if __name__ == "__main__":
    main()
