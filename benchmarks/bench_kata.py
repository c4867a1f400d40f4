"""How long a learner waits for `pytest katas/NN`, against the floor: importing TensorFlow.

Runs, in one process tree and interleaved so that machine noise hits both alike:
  - `python -c "import tensorflow"`                       (the floor)
  - `python -m pytest katas/NN` on the kata as shipped     (a failing run)
  - `python -m pytest katas/NN` with solutions/NN copied over it (a passing run: every check)
  - both again without the plugins of the dev extras (hypothesis, nbmake), as a learner has it
and prints the median wall time of each and its ratio to the floor. The learner's passing line
is the one the course's target is about (at most 1.3 x the floor).

With --phases it then splits the learner's passing run, again by medians: pytest's start
(before its plugins load), collection (importing TensorFlow, Keras and the checker), the
checks, and the interpreter's exit, next to `import tensorflow` split into its import and its
exit, so that the time above the floor can be put where it goes.

A learner's install is `pip install -e .`, without the dev extras: no hypothesis or nbmake
plugins, and no matplotlib, Pillow or IPython, which `import tensorflow` imports (through
Keras) wherever they are installed, about half a second. So the dev environment's floor is
higher than a learner's, and its ratios are lower. For the learner's figures, run the
commands with a learner's interpreter:

    python3 -m venv /tmp/learner && /tmp/learner/bin/pip install -e .
    python benchmarks/bench_kata.py --python /tmp/learner/bin/python

Usage: python benchmarks/bench_kata.py [--kata 01] [--repeat 5] [--phases] [--python PATH]
"""

from __future__ import annotations

import argparse
import os
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


#: A pytest plugin that prints wall-clock stamps, written next to the course for --phases.
TIMELINE = """
import atexit, os, time
def _stamp(what):
    os.write(2, f"STAMP {what} {time.time():.4f}\\n".encode())
_stamp("plugins")
def pytest_collection_finish(session):
    _stamp("collected")
def pytest_unconfigure(config):
    _stamp("done")
"""

#: `import tensorflow`, stamped the same way.
IMPORT_STAMPED = (
    "import time, os; start = time.time(); import tensorflow; "
    "os.write(2, f'STAMP imported {time.time():.4f}\\n'.encode())"
)


def stamped(command: list[str], cwd: Path, env: dict[str, str]) -> dict[str, float]:
    """Run `command`; return the STAMP lines it printed, as seconds since it was started."""
    start = time.time()
    result = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    end = time.time()
    stamps = {"start": start, "end": end}
    for line in result.stderr.splitlines():
        if line.startswith("STAMP "):
            _, what, when = line.split()
            stamps[what] = float(when)
    return {what: when - start for what, when in stamps.items()}


def phases(tmp: Path, learner: list[str], repeat: int, python: str) -> None:
    (tmp / "ganerrors_bench_timeline.py").write_text(TIMELINE, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp), env.get("PYTHONPATH")]))
    runs = []
    imports = []
    for _ in range(repeat):
        runs.append(stamped([*learner, "-p", "ganerrors_bench_timeline", "katas/solved"], tmp, env))
        imports.append(stamped([python, "-c", IMPORT_STAMPED], tmp, env))

    def median(values: list[float]) -> float:
        return statistics.median(values)

    print("\nWhere the learner's passing run goes (medians, s):")
    parts = [
        ("python and pytest start", "start", "plugins"),
        ("collection: TensorFlow, Keras, checker", "plugins", "collected"),
        ("the checks", "collected", "done"),
        ("exit", "done", "end"),
    ]
    for name, first, last in parts:
        if all(first in r and last in r for r in runs):
            print(f"  {name:<42} {median([r[last] - r[first] for r in runs]):6.2f}")
    print(f"  {'total':<42} {median([r['end'] for r in runs]):6.2f}")
    if all("imported" in r for r in imports):
        print("`import tensorflow`:")
        print(f"  {'start and import':<42} {median([r['imported'] for r in imports]):6.2f}")
        print(f"  {'exit':<42} {median([r['end'] - r['imported'] for r in imports]):6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kata", default="01")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--phases", action="store_true", help="split the passing run in phases")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter to run every command with (a learner's install: see above)",
    )
    args = parser.parse_args()
    python = args.python
    if not Path(python).exists():
        raise SystemExit(f"--python: no such interpreter: {python}")
    probe = subprocess.run(
        [python, "-c", "import ganerrors, tensorflow"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        raise SystemExit(
            f"--python {python} cannot import ganerrors and tensorflow: install the project "
            "into it first (`pip install -e .`)"
        )

    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "katas"
        course.mkdir()
        shutil.copy2(ROOT / "katas" / "katas.toml", course)
        shutil.copytree(ROOT / "katas" / args.kata, course / "shipped")
        shutil.copytree(ROOT / "katas" / args.kata, course / "solved")
        for file in (ROOT / "solutions" / args.kata).iterdir():
            shutil.copy2(file, course / "solved" / file.name)
        pytest = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        # A learner's install (`pip install -e .`) has no hypothesis or nbmake; the dev
        # install has both, and pytest loads their plugins (about 0.8 s) at every start.
        learner = [*pytest, "-p", "no:hypothesispytest", "-p", "no:nbmake"]
        commands = {
            "import tensorflow": [python, "-c", "import tensorflow"],
            f"pytest katas/{args.kata} (shipped, fails)": [*pytest, "katas/shipped"],
            "  the same, without the dev plugins ": [*learner, "katas/shipped"],
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
        print(f"({args.repeat} runs each, interleaved; {python})")
        if args.phases:
            phases(Path(tmp), learner, args.repeat, python)


if __name__ == "__main__":
    main()
