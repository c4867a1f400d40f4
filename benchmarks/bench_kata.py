"""How long a learner waits for `pytest katas/NN`, against the floor: importing TensorFlow.

Runs, in one process tree and interleaved so that machine noise hits both alike:
  - `python -c "import tensorflow"`                       (the floor)
  - `python -m pytest katas/NN` on the kata as shipped     (a failing run)
  - `python -m pytest katas/NN` with solutions/NN copied over it (a passing run: every check)
  - the same without the plugins of the dev extras (hypothesis, nbmake), as a learner has it
and prints the median wall time of each and its ratio to the floor.

Usage: python benchmarks/bench_kata.py [--kata 01] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wall(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kata", default="01")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "katas"
        course.mkdir()
        shutil.copy2(ROOT / "katas" / "katas.toml", course)
        shutil.copytree(ROOT / "katas" / args.kata, course / "shipped")
        shutil.copytree(ROOT / "katas" / args.kata, course / "solved")
        for file in (ROOT / "solutions" / args.kata).iterdir():
            shutil.copy2(file, course / "solved" / file.name)
        pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        # A learner's install (`pip install -e .`) has no hypothesis or nbmake; the dev
        # install has both, and pytest loads their plugins (about 0.8 s) at every start.
        learner = [*pytest, "-p", "no:hypothesispytest", "-p", "no:nbmake"]
        commands = {
            "import tensorflow": [sys.executable, "-c", "import tensorflow"],
            f"pytest katas/{args.kata} (shipped, fails)": [*pytest, "katas/shipped"],
            f"pytest katas/{args.kata} (solved, passes)": [*pytest, "katas/solved"],
            "  the same, without the dev plugins": [*learner, "katas/solved"],
        }
        wall(commands["import tensorflow"], Path(tmp))  # warm the file cache once
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                times[name].append(wall(command, Path(tmp)))

    floor = statistics.median(times["import tensorflow"])
    print(f"{'command':<40} {'median s':>9} {'min s':>7} {'x import':>9}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<40} {median:9.2f} {min(values):7.2f} {median / floor:9.2f}")
    print(f"({args.repeat} runs each, interleaved; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
