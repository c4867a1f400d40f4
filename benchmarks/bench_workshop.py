"""How long a learner waits: `ganerrors watch` re-checks in a warm process vs a cold `pytest`.

Makes a course with `ganerrors init` in a temporary folder, then measures
- cold: `python -m pytest katas/01` in a new interpreter (what `ganerrors check` runs),
- warm: from saving katas/01/gan.py to `ganerrors watch` printing the result (file events,
  the default debounce), and the check alone as watch reports it,
for the kata as shipped (fails at the first check) and solved (every check runs), and
`ganerrors list` for scale. Prints medians and ratios.

    .venv/bin/python benchmarks/bench_workshop.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ganerrors import course as course_mod

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}
RESULT = re.compile(r"\[watch\] kata 01: (\w+) \(checked in ([\d.]+) s\)")


def cold(course: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "katas/01"],
            cwd=course,
            env=ENV,
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - started)
    return times


def warm(course: Path, repeat: int) -> tuple[list[float], list[float]]:
    """(save-to-result times, check-only times) for `repeat` saves of gan.py."""
    watcher = subprocess.Popen(
        [sys.executable, "-m", "ganerrors", "watch", "01"],
        cwd=course,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in watcher.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def until(pattern: str, timeout: float = 120) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while True:
            stamp, line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
            if re.search(pattern, line):
                return stamp, line

    gan = course / "katas" / "01" / "gan.py"
    waits, checks = [], []
    try:
        until(r"Watching")
        for count in range(repeat):
            text = gan.read_text()
            saved = time.perf_counter()
            gan.write_text(text + f"# save {count}\n")
            stamp, line = until(RESULT.pattern)
            waits.append(stamp - saved)
            checks.append(float(RESULT.search(line).group(2)))
            until(r"Watching")
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    return waits, checks


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    shipped = course_mod.load(course_mod.default_root())
    solution = shipped.solution_folder(shipped.kata("01"))
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        subprocess.run(
            [sys.executable, "-m", "ganerrors", "init", str(course)],
            capture_output=True,
            check=True,
        )
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ganerrors", "list"], cwd=course, capture_output=True, check=True
        )
        listing = time.perf_counter() - started
        rows = []
        for label in ("as shipped (fails)", "solved (all checks)"):
            if label.startswith("solved"):
                shutil.copyfile(solution / "gan.py", course / "katas" / "01" / "gan.py")
            cold_times = cold(course, max(2, args.repeat // 2))
            waits, checks = warm(course, args.repeat)
            rows.append((label, median(cold_times), median(waits), median(checks)))
    print(f"ganerrors list (new interpreter, no TensorFlow): {listing:.2f} s")
    print(f"{'kata 01':<22}{'cold pytest':>13}{'save->result':>14}{'check only':>12}{'ratio':>8}")
    for label, cold_s, wait_s, check_s in rows:
        print(
            f"{label:<22}{cold_s:>12.2f}s{wait_s:>13.2f}s{check_s:>11.2f}s{cold_s / wait_s:>7.1f}x"
        )
    print("ratio = cold pytest / save->result (median). save->result includes the 0.2 s debounce.")


if __name__ == "__main__":
    main()
