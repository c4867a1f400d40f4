"""Label each kata variant by training it: does it draw digits as well as the solution?

A variant (solutions/NN/variants.toml) is another way to fix a kata, or a "fix" that leaves
the GAN broken. Whether it is correct is a fact about training, not an argument: this script
trains the solution (on several seeds: its quality band) and every variant (on the first of
them) for the same number of steps, measures the fakes with `ganerrors.quality`, and labels a
variant correct when it lands in the solution's band:

- its distance to the nearest real digit, relative to the data's own spread, is at most the
  solution's worst plus RATIO_SLACK;
- its coverage is at least COVERAGE_SHARE of the solution's worst;
- it draws at least MIN_MODES of the 10 digits.

A variant whose training raises, whose fakes go NaN, or that does not finish within
`--timeout` seconds (a step that retraces every call, say), is wrong. A few variants are
wrong by the kata's contract whatever their figures (CONTRACT, below): the script says so
and shows the figures anyway. Each run is a subprocess (TensorFlow's state stays apart);
`--jobs` run at once. `--write` stores each variant's
figures in its `evidence` field; the script never changes a variant's `expect`: it reports
every variant whose declared label disagrees with its training, for its author to fix.

Usage: python benchmarks/label_variants.py [--kata 01] [--steps 6000] [--seeds 3] [--jobs 2]
       [--only NAME] [--write]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ganerrors import course  # noqa: E402
from ganerrors.dev import variants as variants_module  # noqa: E402

RATIO_SLACK = 0.15
COVERAGE_SHARE = 0.6
MIN_MODES = 7

#: Variants that are wrong by the kata's contract however well they train, and why.
CONTRACT = {
    "01-two-units-second-sliced-away": (
        "a unit that can never learn is a defect whatever the figures (issue 10): the "
        "second output unit gets no gradient"
    ),
    "05-short-batch-skipped-in-the-step": (
        "a step that returns without training on a batch hides the kata's bug: the labels "
        "still fit one batch size, and the losses it reports were never computed"
    ),
    "05-scores-padded-to-the-batch-size": (
        "scores padded to a fixed batch size make the fixed labels fit without fixing them: "
        "a short batch's loss averages its images with made-up scores"
    ),
    "07-labels-shuffled-apart-from-the-images": (
        "a conditional GAN whose labels belong to other images is taught nothing about what "
        "a label means: its figures are those of a GAN that ignores its label"
    ),
    "07-discriminator-without-its-label": (
        "a discriminator that never sees the label judges only whether an image is a digit: "
        "nothing teaches the generator which digit a label asks for (10% of its fakes are "
        "the digit asked for, chance; the solution's 97%)"
    ),
    "01-labels-like-two-scores": (
        "the kata's bug itself, silenced: the discriminator still gives two scores per "
        "image, and the contract asks for one"
    ),
}

_RUN = """
import json, sys
from ganerrors import quality
t = quality.train(sys.argv[1], int(sys.argv[2]), seed=int(sys.argv[3]))
q = t.quality
print("RESULT " + json.dumps({
    "steps": t.steps, "seconds": t.seconds, "error": t.error,
    "quality": None if q is None else q.to_json(),
}))
"""


@dataclass
class Outcome:
    name: str
    seed: int
    steps: int
    seconds: float
    error: str
    ratio: float | None = None
    coverage: float | None = None
    precision: float | None = None
    modes: int | None = None

    def figures(self) -> str:
        if self.ratio is None:
            if self.steps == 0:
                return self.error
            return f"training failed at step {self.steps + 1}: {self.error}"
        return (
            f"distance {self.ratio:.2f}x the data's own, coverage {self.coverage:.0%}, "
            f"precision {self.precision:.0%}, {self.modes} of 10 digits"
        )


def train(path: Path, steps: int, seed: int, name: str, timeout: float) -> Outcome:
    env_path = str(ROOT / "src")
    try:
        result = subprocess.run(
            [sys.executable, "-c", _RUN, str(path), str(steps), str(seed)],
            capture_output=True,
            text=True,
            env={**_environ(), "PYTHONPATH": env_path},
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return Outcome(name, seed, 0, timeout, f"training did not finish in {timeout:.0f} s")
    print(f"  ... trained {name} (seed {seed})", file=sys.stderr, flush=True)
    line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        tail = " ".join(result.stderr.split())[-300:]
        return Outcome(name, seed, 0, 0.0, f"the run crashed: {tail}")
    data = json.loads(line[len("RESULT ") :])
    quality = data["quality"]
    outcome = Outcome(name, seed, data["steps"], data["seconds"], data["error"])
    if quality is not None:
        outcome.ratio = quality["distance_ratio"]
        outcome.coverage = quality["coverage"]
        outcome.precision = quality["precision"]
        outcome.modes = quality["modes"]
    return outcome


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


@dataclass
class Band:
    ratio: float  # the solution's worst distance ratio
    coverage: float  # the solution's worst coverage
    runs: list[Outcome]

    def correct(self, outcome: Outcome) -> bool:
        return (
            outcome.ratio is not None
            and outcome.ratio <= self.ratio + RATIO_SLACK
            and (outcome.coverage or 0.0) >= COVERAGE_SHARE * self.coverage
            and (outcome.modes or 0) >= MIN_MODES
        )

    def describe(self) -> str:
        ratios = [r.ratio for r in self.runs if r.ratio is not None]
        coverages = [r.coverage for r in self.runs if r.coverage is not None]
        return (
            f"solution on {len(self.runs)} seeds: distance {min(ratios):.2f}-{max(ratios):.2f}x, "
            f"coverage {min(coverages):.0%}-{max(coverages):.0%}"
        )


def write_evidence(path: Path, evidence: dict[str, str]) -> None:
    """Put `evidence = "..."` after each named variant's `why` line, replacing an old one."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    current = None
    for line in lines:
        match = re.match(r'name = "([a-z0-9-]+)"', line)
        if match:
            current = match.group(1)
        if line.startswith("evidence = ") and current in evidence:
            continue
        out.append(line)
        if line.startswith("why = ") and current in evidence:
            out.append(f"evidence = {json.dumps(evidence[current])}\n")
    path.write_text("".join(out), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kata", action="append", help="kata number (default: all)")
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--seeds", type=int, default=3, help="seeds for the solution's band")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", action="append", help="variant name(s) to train")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per training run")
    parser.add_argument("--write", action="store_true", help="store the figures as evidence")
    args = parser.parse_args()

    loaded = course.load(ROOT / "katas")
    numbers = [course.normalise_number(n) for n in args.kata] if args.kata else None
    disagreements = []
    with tempfile.TemporaryDirectory(prefix="ganerrors-label-") as tmp:
        for kata in loaded.katas:
            if numbers and kata.number not in numbers:
                continue
            solution = ROOT / "solutions" / kata.number
            declared = variants_module.load(solution, kata.number)
            if args.only:
                declared = tuple(v for v in declared if v.name in args.only)
            jobs: list[tuple[str, Path, int]] = []
            for seed in range(args.seeds):
                jobs.append(("solution", solution / course.KATA_FILE, seed))
            for variant in declared:
                folder = Path(tmp) / kata.number / variant.name
                folder.mkdir(parents=True)
                file = folder / course.KATA_FILE
                file.write_text(variant.source(loaded.kata_file(kata), solution / "gan.py"))
                jobs.append((variant.name, file, 0))
            with ThreadPoolExecutor(args.jobs) as pool:
                outcomes = list(
                    pool.map(
                        lambda job: train(job[1], args.steps, job[2], job[0], args.timeout), jobs
                    )
                )
            runs = [o for o in outcomes if o.name == "solution"]
            if any(r.ratio is None for r in runs):
                raise SystemExit(f"kata {kata.number}: the solution failed to train: {runs}")
            band = Band(
                max(r.ratio for r in runs if r.ratio is not None),
                min(r.coverage for r in runs if r.coverage is not None),
                runs,
            )
            print(f"kata {kata.number}: {band.describe()}")
            evidence = {}
            for variant in declared:
                outcome = next(o for o in outcomes if o.name == variant.name)
                label = "correct" if band.correct(outcome) else "wrong"
                because = ""
                if variant.id in CONTRACT:
                    because = f" by its figures, wrong by the contract: {CONTRACT[variant.id]}"
                    label = "wrong"
                expected = "correct" if variant.expect == "pass" else "wrong"
                mark = "" if label == expected else f"   <-- declared {expected}"
                print(f"  {variant.name:<42} {label:<8} {outcome.figures()}{because}{mark}")
                if label != expected:
                    disagreements.append(f"{variant.id}: trains {label}, declared {expected}")
                evidence[variant.name] = (
                    f"trained {args.steps:,} steps, seed 0: {outcome.figures()}; "
                    f"{'correct' if band.correct(outcome) else 'wrong'}{because} "
                    f"({band.describe()})"
                )
            if args.write:
                write_evidence(solution / course.VARIANTS_FILE, evidence)
    if disagreements:
        print("\nLabels that training contradicts:\n  " + "\n  ".join(disagreements))


if __name__ == "__main__":
    main()
