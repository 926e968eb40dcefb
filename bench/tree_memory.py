"""Run a command and report the peak of the summed RSS and PSS of its whole process tree.

RSS counts pages shared between forked workers once per process (an upper
bound); PSS shares them out (the machine's real use). Sampled every 0.1 s.

Run:  python bench/tree_memory.py -- seikatsu-std calc --batch IN --out OUT --workers 2
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().split(") ")[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(status.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0, 0
    values = {
        line.split(":")[0]: int(line.split()[1])
        for line in rollup[1:]
        if line.split()[1:2] and line.split()[1].isdigit()
    }
    return values.get("Rss", 0), values.get("Pss", 0)


def main() -> None:
    command = sys.argv[sys.argv.index("--") + 1 :]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        totals = [_memory_kb(pid) for pid in _tree(process.pid)]
        peak_rss = max(peak_rss, sum(r for r, _ in totals))
        peak_pss = max(peak_pss, sum(p for _, p in totals))
        time.sleep(0.1)
    wall = time.perf_counter() - started
    print(
        f"exit {process.returncode}, wall {wall:.1f} s, peak tree RSS {peak_rss / 1024:.0f} MB, peak tree PSS {peak_pss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
