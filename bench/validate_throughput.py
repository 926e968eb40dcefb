"""Benchmark: bulk validation throughput of `seikatsu-std validate`.

Generates a JSON Lines file cycling through every published example record
(each with a unique id), then measures:

- the bulk path (jsonschema-rs, what the CLI uses), end to end: read, decode,
  validate, count — records per second and peak memory;
- the reference validator (python-jsonschema) on a sample, for comparison.

Run:  python bench/validate_throughput.py [--records 200000]
Results are recorded in docs/benchmarks.md (with the machine they ran on).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import tempfile
import time
from pathlib import Path

import jsonschema

from seikatsu_std.schema_export import record_schemas
from seikatsu_std.validation import format_checkers, validate_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "schemas" / "examples"


def _records(count: int) -> list[dict[str, object]]:
    examples = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
    out = []
    for i in range(count):
        record = dict(examples[i % len(examples)])
        record["id"] = f"{record['id']}-{i}"
        out.append(record)
    return out


def _write(path: Path, records: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")


def bench_bulk(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    summary, issues = validate_paths([path])
    found = sum(1 for _ in issues)
    elapsed = time.perf_counter() - started
    assert found == 0, f"generated data should be valid, found {found} issues"
    return elapsed, summary.records


def bench_reference(records: list[dict[str, object]]) -> float:
    checker = jsonschema.FormatChecker()
    for name, function in format_checkers().items():
        checker.checks(name)(function)
    validators = {
        record_type: jsonschema.Draft202012Validator(schema, format_checker=checker)
        for record_type, schema in record_schemas().items()
    }
    started = time.perf_counter()
    for record in records:
        validators[str(record["record_type"])].validate(record)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--reference-sample", type=int, default=5_000)
    args = parser.parse_args()

    records = _records(args.records)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        _write(path, records)
        size_mb = path.stat().st_size / 1e6
        record_schemas()  # schema generation is a one-off start-up cost, measured separately
        bulk_seconds, counted = bench_bulk(path)
    reference_seconds = bench_reference(records[: args.reference_sample])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    bulk_rate = counted / bulk_seconds
    reference_rate = args.reference_sample / reference_seconds
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    print(
        f"records: {counted:,} ({len(record_schemas())} record types, {size_mb:.1f} MB JSON Lines)"
    )
    print(f"bulk (jsonschema-rs, end to end): {bulk_seconds:.2f} s, {bulk_rate:,.0f} records/s")
    print(f"reference (python-jsonschema, validate only): {reference_rate:,.0f} records/s")
    print(f"speed-up: {bulk_rate / reference_rate:.0f}x; peak RSS of the process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
