"""Compare our engine with OpenFisca-Japan on a generated caseload: agreement, causes, speed.

Run from /work/main with the project venv (``. .venv/bin/activate``)::

    python bench/openfisca/compare.py --households 100000

Steps:

1. create ``bench/openfisca/.venv`` if missing (or if it holds other versions)
   and install exactly ``openfisca-japan==2.2.0 OpenFisca-Core==41.5.7
   numpy==1.24.4`` there with pip (the registry configured on this machine);
2. generate N households with ``seikatsu_std.calc.synthetic.random_inputs`` for
   one month (default 2025-06: OpenFisca fails before 2024-10-01, and June has
   neither 冬季加算 nor 期末一時扶助) into one JSON Lines file;
3. time both engines end to end as subprocesses, each from that file to its
   results file (wall clock and peak RSS of the process): ours with
   ``seikatsu-std calc --batch`` when the installed CLI has it, otherwise
   ``seikatsu-std calc --batch``; OpenFisca with ``run_openfisca.py`` in its venv;
4. compare per household and component, attribute every difference to a cause
   (``classify.py``) and print the tables; ``out/summary.json`` keeps them;
5. run the hand-built households of ``scenarios.py`` the same way (untimed).

Options: ``--repeat`` (timed runs per engine, median reported, default 3),
``--skip-naive`` (skip the extra OpenFisca run that looks up 級地 per household
with OpenFisca's own formula), ``--no-scenarios``. Results and the method are
described in ``docs/comparison-openfisca.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
import venv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import classify  # noqa: E402
import scenarios  # noqa: E402

from seikatsu_std.calc.synthetic import random_inputs  # noqa: E402

VENV = HERE / ".venv"
PINS = {"openfisca-japan": "2.2.0", "OpenFisca-Core": "41.5.7", "numpy": "1.24.4"}


# --------------------------------------------------------------------- environment


def venv_python() -> Path:
    return VENV / "bin" / "python"


def installed_versions(python: Path) -> dict[str, str]:
    script = (
        "import json, importlib.metadata as m\n"
        f"names = {list(PINS)!r}\n"
        "out = {}\n"
        "for n in names:\n"
        "    try:\n"
        "        out[n] = m.version(n)\n"
        "    except m.PackageNotFoundError:\n"
        "        pass\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=False)
    return json.loads(done.stdout) if done.returncode == 0 else {}


def ensure_openfisca() -> dict[str, str]:
    """The OpenFisca venv with exactly the pinned versions (created/installed if needed)."""
    python = venv_python()
    if not python.exists():
        print(f"creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    versions = installed_versions(python)
    if versions != PINS:
        print("installing " + " ".join(f"{n}=={v}" for n, v in PINS.items()) + " …", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet"]
            + [f"{n}=={v}" for n, v in PINS.items()],
            check=True,
        )
        versions = installed_versions(python)
        if versions != PINS:
            raise SystemExit(f"OpenFisca venv has {versions}, expected {PINS}")
    return versions


def our_command(source: Path, target: Path, workers: int = 2) -> tuple[list[str], str]:
    """Our batch CLI over the same JSON Lines file."""
    cli = Path(sys.executable).with_name("seikatsu-std")
    command = [
        str(cli),
        "calc",
        "--batch",
        str(source),
        "--out",
        str(target),
        "--allow-provisional",
    ]
    return [
        *command,
        "--workers",
        str(workers),
    ], f"seikatsu-std calc --batch (CLI, {workers} worker(s))"


# --------------------------------------------------------------------- timing


def timed_with_rss(command: list[str], accept: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """Run a command; wall-clock seconds and the peak RSS of that process (from its rusage)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Drain the pipes in the background, then reap the child ourselves to get its rusage.
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        chunks[name] = stream.read()

    threads = [
        threading.Thread(target=drain, args=("out", process.stdout)),
        threading.Thread(target=drain, args=("err", process.stderr)),
    ]
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    for thread in threads:
        thread.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = chunks.get("err", b"").decode(errors="replace")
    if process.returncode not in accept:
        raise SystemExit(f"{command[0]} failed ({process.returncode}):\n{stderr[-4000:]}")
    return {
        "wall_s": round(wall, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "detail": stderr.strip().splitlines()[-1] if stderr.strip() else "",
    }


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median wall time, plus every run's wall time and the largest RSS."""
    ordered = sorted(runs, key=lambda run: run["wall_s"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["all_wall_s"] = [run["wall_s"] for run in runs]
    chosen["peak_rss_mb"] = max(run["peak_rss_mb"] for run in runs)
    return chosen


# --------------------------------------------------------------------- scenarios


def run_scenarios(out: Path) -> list[dict[str, Any]]:
    """The hand-built households of ``scenarios.py``, through the same pipeline (untimed)."""
    built = scenarios.scenarios()
    source = out / "scenarios.jsonl"
    ours_path = out / "scenarios_ours.jsonl"
    theirs_path = out / "scenarios_openfisca.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for _, _, record in built:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    command, _ = our_command(source, ours_path)
    # The batch CLI exits 1 when some household could not be calculated (sc-i is such a case).
    timed_with_rss(command, accept=(0, 1))
    timed_with_rss(
        [str(venv_python()), str(HERE / "run_openfisca.py"), str(source), str(theirs_path)]
    )
    our_rows = classify.read_jsonl(ours_path)
    records = [record for _, _, record in built]
    rows = classify.household_rows(
        records,
        classify.our_headline(our_rows),
        classify.openfisca_headline(classify.read_jsonl(theirs_path)),
    )
    print("\n## 手作りの世帯 (scenarios.py)\n")
    print("| 世帯 | 内容 | 項目 | ours | OpenFisca | 原因 (OpenFisca − ours) | 残差 |")
    print("|---|---|---|---:|---:|---|---:|")
    results = []
    for (sid, what, _), row, ours_row in zip(built, rows, our_rows, strict=True):
        if ours_row.get("record_type") != "calculation_result":
            message = str(ours_row.get("error", ours_row))[:120]
            print(f"| {sid} | {what} | — | 計算しない | | ours: {message} | |")
            results.append({"id": sid, "what": what, "ours_error": message})
            continue
        shown = {k: v for k, v in row["components"].items() if k != "benefit"}
        for key, item in shown.items():
            causes = ", ".join(f"{c} {v:+,.0f}" for c, v in item["causes"].items())
            if item["condition_only"]:
                causes += " ; 条件のみ: " + ", ".join(item["condition_only"])
            print(
                f"| {sid} | {what} | {classify.COMPONENTS[key][0]} | {item['ours']:,.0f} "
                f"| {item['openfisca']:,.2f} | {causes} | {item['residual']:,.2f} |"
            )
        results.append({"id": sid, "what": what, **row})
    return results


# --------------------------------------------------------------------- main


def generate(path: Path, households: int, month: str, seed: int) -> float:
    started = time.perf_counter()
    with path.open("w", encoding="utf-8") as handle:
        for record in random_inputs(households, month, seed=seed):
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
    return time.perf_counter() - started


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--month", default="2025-06", help="YYYY-MM (from 2024-10; not Oct–Apr)")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--out", type=Path, default=HERE / "out", help="working directory")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs of each engine (the median is reported)"
    )
    parser.add_argument(
        "--skip-naive",
        action="store_true",
        help="skip the extra OpenFisca run that looks up 級地 per household (run_openfisca --naive-kyuchi)",
    )
    parser.add_argument(
        "--no-scenarios", action="store_true", help="skip the hand-built households (scenarios.py)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=len(os.sched_getaffinity(0)),
        help="our worker processes (default: the cores available; OpenFisca uses one process)",
    )
    args = parser.parse_args(argv)

    versions = ensure_openfisca()
    args.out.mkdir(parents=True, exist_ok=True)
    source = args.out / "households.jsonl"
    ours_path = args.out / "ours.jsonl"
    theirs_path = args.out / "openfisca.jsonl"
    print(f"generating {args.households:,} households for {args.month} …", flush=True)
    generation = generate(source, args.households, args.month, args.seed)

    command, how = our_command(source, ours_path, args.workers)
    theirs_command = [
        str(venv_python()),
        str(HERE / "run_openfisca.py"),
        str(source),
        str(theirs_path),
    ]
    ours_runs, theirs_runs = [], []
    for attempt in range(1, args.repeat + 1):
        print(f"timing ({attempt}/{args.repeat}) ours: {how}", flush=True)
        ours_runs.append(timed_with_rss(command, accept=(0, 1)))
        print(f"timing ({attempt}/{args.repeat}) OpenFisca-Japan …", flush=True)
        theirs_runs.append(timed_with_rss(theirs_command))
    ours_timing = median_run(ours_runs)
    theirs_timing = median_run(theirs_runs)
    naive_timing = None
    if not args.skip_naive:
        print("timing OpenFisca-Japan with its own 級地 lookup for every household …", flush=True)
        naive_path = args.out / "openfisca_naive.jsonl"
        naive_timing = timed_with_rss(
            [*theirs_command[:2], "--naive-kyuchi", str(source), str(naive_path)]
        )
        naive_timing["identical_output"] = naive_path.read_bytes() == theirs_path.read_bytes()

    print("comparing and classifying …", flush=True)
    records = classify.read_jsonl(source)
    ours = classify.our_headline(classify.read_jsonl(ours_path))
    theirs = classify.openfisca_headline(classify.read_jsonl(theirs_path))
    report = classify.classify(records, ours, theirs)

    ratio = theirs_timing["wall_s"] / ours_timing["wall_s"]
    summary = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "households": args.households,
        "month": args.month,
        "seed": args.seed,
        "openfisca_versions": versions,
        "generation_s": round(generation, 3),
        "ours": {"how": how, **ours_timing},
        "openfisca": {"how": "bench/openfisca/run_openfisca.py (one simulation)", **theirs_timing},
        "openfisca_naive_kyuchi": naive_timing,
        "speed_ratio_openfisca_over_ours": round(ratio, 3),
        **classify.as_dict(report),
    }
    (args.out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8"
    )

    print()
    print(f"{args.households:,} households, {args.month}, {summary['machine']}")
    print()
    print("\n".join(classify.agreement_table(report)))
    print()
    print(
        f"| 処理 (end to end, JSONL → JSONL) | 実行時間 (wall, {args.repeat}回の中央値) "
        "| 各回 | 最大メモリ (peak RSS) |"
    )
    print("|---|---:|---|---:|")
    for name, timing in ((f"ours: {how}", ours_timing), ("OpenFisca-Japan 2.2.0", theirs_timing)):
        each = ", ".join(f"{t:.2f}" for t in timing["all_wall_s"])
        print(f"| {name} | {timing['wall_s']:.2f} s | {each} | {timing['peak_rss_mb']:,.0f} MB |")
    if naive_timing:
        same = "同一の出力" if naive_timing["identical_output"] else "出力が異なる!"
        print(
            f"| OpenFisca-Japan 2.2.0, 級地を世帯ごとに OpenFisca の式で検索 ({same}) "
            f"| {naive_timing['wall_s']:.2f} s | 1回 | {naive_timing['peak_rss_mb']:,.0f} MB |"
        )
    faster = "ours" if ratio > 1 else "OpenFisca"
    print(f"\nspeed ratio (OpenFisca time / our time): {ratio:.2f} ({faster} faster)")
    print(f"ours detail: {ours_timing['detail']}")
    print(f"OpenFisca detail: {theirs_timing['detail']}")
    print()
    print("\n".join(classify.cause_table(report)))
    if report.excluded:
        print(f"\n{report.excluded} households excluded (an error on one side)")
    for key, rows in report.examples.items():
        for row in rows:
            print(f"unexplained {key}: {json.dumps(row, ensure_ascii=False)}")
    if not args.no_scenarios:
        summary["scenarios"] = run_scenarios(args.out)
        (args.out / "summary.json").write_text(
            json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    print(f"\nsummary written to {args.out / 'summary.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
