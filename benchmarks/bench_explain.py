"""How fast the explainer answers: in-process per message, and `ganerrors explain` as a process.

    .venv/bin/python benchmarks/bench_explain.py

Prints figures and ratios; asserts nothing (speed is not tested, it is measured here).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ganerrors.explainers import explain

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "explainers" / "corpus"


def _messages() -> list[str]:
    """Every message of the corpus (tests/explainers/corpus/*.toml): real, from public threads."""
    messages: list[str] = []
    for path in sorted(CORPUS.glob("*.toml")):
        for value in tomllib.loads(path.read_text("utf-8")).values():
            if isinstance(value, list):
                messages.extend(entry["message"] for entry in value)
    return messages


SAMPLES = _messages()


def per_message(repeat: int = 20, rounds: int = 5) -> tuple[float, float]:
    """Median and worst per-message time over the corpus, in microseconds (the best of a few
    rounds per message, so that a busy machine does not count)."""
    explain(SAMPLES[0])  # the first call imports the readers
    times = []
    for message in SAMPLES:
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(repeat):
                explain(message)
            best = min(best, (time.perf_counter() - start) / repeat * 1e6)
        times.append(best)
    return statistics.median(times), max(times)


def best_ms(text: object, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        explain(text)
        best = min(best, (time.perf_counter() - start) * 1e3)
    return best


def huge_input() -> float:
    return best_ms("x" * 10_000_000 + "\nIncompatible shapes: [16,1] vs. [32,1]")


def no_error_cost(n: int = 100_000) -> tuple[float, float]:
    from ganerrors.notes import explained

    def plain():
        return 1

    wrapped = explained(plain)
    results = []
    for func in (plain, wrapped):
        start = time.perf_counter()
        for _ in range(n):
            func()
        results.append((time.perf_counter() - start) / n * 1e9)
    return results[0], results[1]


def wall(argv: list[str], runs: int = 5) -> float:
    """Median wall time of a command, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main() -> None:
    median, worst = per_message()
    print(
        f"explain(), {len(SAMPLES)} stored messages: median {median:.1f} us, worst {worst:.1f} us"
    )
    print(f"explain() on 10 MB of text (cut to head + tail): {huge_input():.2f} ms")
    print(f"explain(',' * 65000) (issue 14): {best_ms(',' * 65000):.2f} ms")
    plain, wrapped = no_error_cost()
    print(
        f"@explained when nothing is raised: {wrapped:.0f} ns per call vs {plain:.0f} ns "
        f"undecorated (+{wrapped - plain:.0f} ns)"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(SAMPLES[0])
    python = sys.executable
    cli = wall([python, "-m", "ganerrors", "explain", f.name])
    bare = wall([python, "-c", "pass"])
    tf = wall([python, "-c", "import tensorflow"], runs=3)
    Path(f.name).unlink()
    print(f"process `python -m ganerrors explain FILE`: {cli:.0f} ms")
    print(f"process `python -c pass`:                   {bare:.0f} ms")
    print(f"process `python -c 'import tensorflow'`:    {tf:.0f} ms")
    print(f"ratio explain / bare python:       {cli / bare:.1f}x")
    print(f"ratio import tensorflow / explain: {tf / cli:.1f}x")


if __name__ == "__main__":
    main()
