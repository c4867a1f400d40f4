"""How long a learner waits: `ganerrors watch`, `ganerrors check` and a bare `pytest katas/01`.

Makes a course with `ganerrors init` in a temporary folder, then measures, for kata 01 as
shipped (fails at the first check) and solved (every check runs):
- bare: `python -m pytest -q -p no:cacheprovider katas/01` in a new interpreter;
- check: `ganerrors check 01`, the same run fenced in (its overhead over bare);
- watch: a re-check as `watch` reports it ("checked in X s": from the save being seen to the
  result, in the forked child made ready while the learner edited), and from writing gan.py
  to the result line (adds the 0.2 s debounce and the file event's latency). watch stops on
  a solve, so each solved sample starts a watch on the failing file, then saves the fix;
and `ganerrors list` (a new interpreter, no TensorFlow). Prints medians.

    .venv/bin/python benchmarks/bench_workshop.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ganerrors.workshop import shipped

ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
RESULT = re.compile(r"\[watch\] kata 01: (\w+) \(checked in ([\d.]+) s\)")
PAUSE_S = 4.0  # a learner takes longer than this to edit and save; the next check gets ready


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, check=False)
    return time.perf_counter() - started


class Watch:
    def __init__(self, course: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ganerrors", "watch", "01"],
            cwd=course,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line))

    def until(self, pattern: str, timeout: float = 180) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while True:
            stamp, line = self.lines.get(timeout=max(0.01, deadline - time.perf_counter()))
            if re.search(pattern, line):
                return stamp, line

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def watch_failing(course: Path, gan: Path, shipped_text: bytes, repeat: int):
    gan.write_bytes(shipped_text)
    watch = Watch(course)
    waits, checks = [], []
    try:
        watch.until(r"Watching")
        for count in range(repeat):
            time.sleep(PAUSE_S)
            saved = time.perf_counter()
            gan.write_bytes(shipped_text + f"# save {count}\n".encode())
            stamp, line = watch.until(RESULT.pattern)
            waits.append(stamp - saved)
            checks.append(_seconds(line))
            watch.until(r"Watching")
    finally:
        watch.close()
    return waits, checks


def _seconds(line: str) -> float:
    found = RESULT.search(line)
    if found is None:
        raise RuntimeError(f"watch printed no timing: {line!r}")
    return float(found.group(2))


def watch_solved(course: Path, gan: Path, shipped_text: bytes, fixed: bytes, repeat: int):
    waits, checks = [], []
    for _ in range(repeat):
        gan.write_bytes(shipped_text)
        watch = Watch(course)
        try:
            watch.until(r"Watching")
            time.sleep(PAUSE_S)
            saved = time.perf_counter()
            gan.write_bytes(fixed)
            stamp, line = watch.until(RESULT.pattern)
            waits.append(stamp - saved)
            checks.append(_seconds(line))
        finally:
            watch.close()
    return waits, checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    source = shipped.load()
    kata = source.course.kata("01")
    fixed = source.solution(kata)
    assert fixed is not None
    shipped_text = source.kata_files(kata)["gan.py"]
    median = statistics.median
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        subprocess.run(
            [sys.executable, "-m", "ganerrors", "init", str(course)],
            capture_output=True,
            check=True,
        )
        gan = course / "katas" / "01" / "gan.py"
        listing = median(
            timed([sys.executable, "-m", "ganerrors", "list"], course) for _ in range(5)
        )
        bare = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "katas/01"]
        check = [sys.executable, "-m", "ganerrors", "check", "01"]
        rows = []
        for label, text in (("as shipped (fails)", shipped_text), ("solved (all checks)", fixed)):
            gan.write_bytes(text)
            runs = max(2, args.repeat // 2)
            pairs = [(timed(bare, course), timed(check, course)) for _ in range(runs)]
            bare_s = median(b for b, _ in pairs)
            check_s = median(c for _, c in pairs)
            overhead = median(c - b for b, c in pairs)  # interleaved: the load moves less
            if text is fixed:
                waits, checks = watch_solved(course, gan, shipped_text, fixed, max(2, runs))
            else:
                waits, checks = watch_failing(course, gan, shipped_text, args.repeat)
            rows.append((label, bare_s, check_s, overhead, median(checks), median(waits)))
    print(f"ganerrors list (new interpreter, no TensorFlow): {listing:.2f} s")
    header = f"{'kata 01':<22}{'bare pytest':>12}{'check':>9}{'overhead':>10}"
    print(header + f"{'watch re-check':>16}{'save->result':>14}")
    for label, bare_s, check_s, overhead, check_only, wait in rows:
        print(
            f"{label:<22}{bare_s:>11.2f}s{check_s:>8.2f}s{overhead:>+9.2f}s"
            f"{check_only:>15.2f}s{wait:>13.2f}s"
        )
    print(
        f"medians; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs. "
        "watch re-check: what watch reports (the save seen -> the result); "
        "save->result adds the 0.2 s debounce and the file event."
    )


if __name__ == "__main__":
    main()
