"""The figures of each kata README's "What the fixed GAN draws": train the solution, measure.

For each kata, trains `solutions/NN/gan.py` for `--steps` steps on seed `--seed` (wall time
measured), then prints, ready to paste into the README: the fakes drawn as text
(`ganerrors.quality.as_text`), and the quality figures of the untrained generator, the
trained one and held-out real digits (`ganerrors.quality`). Nothing is downloaded.

Usage: python benchmarks/kata_figures.py [--kata 01] [--steps 6000] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ganerrors import course, datasets, quality  # noqa: E402


def figures(number: str, steps: int, seed: int) -> str:
    from ganerrors import checks
    from ganerrors.kata import load

    path = ROOT / "solutions" / number / course.KATA_FILE
    reals, labels = datasets.digits(with_labels=True)
    untrained = load(path, seed=seed)
    noise = checks.tf.random.stateless_normal((500, untrained.NOISE_DIM), seed=(seed, 0))
    classes = getattr(untrained, "NUM_CLASSES", None)  # a conditional kata: labels in turn
    fake_labels = checks.tf.range(500) % classes if classes else None
    untrained_fakes = checks.make_fakes(untrained.generator, noise, fake_labels)
    before = quality.measure(untrained_fakes.numpy(), reals, labels)
    trained = quality.train(path, steps, seed=seed)  # the same noise: seed (seed, 0)
    if trained.quality is None:
        raise SystemExit(f"kata {number}: {trained.error}")
    fakes, after = trained.fakes, trained.quality
    held_out = quality.reference(reals, labels)
    rows = [
        ("untrained generator", before),
        (f"after {steps:,} steps", after),
        ("held-out real digits", held_out),
    ]
    table = [
        "| | distance to the nearest real digit | precision | coverage | digits drawn |",
        "|---|---|---|---|---|",
    ]
    for name, q in rows:
        table.append(
            f"| {name} | {q.distance:.3f} ({q.distance_ratio:.2f}x) | {q.precision:.0%} | "
            f"{q.coverage:.0%} | {q.modes} of {q.classes} |"
        )
    return "\n".join(
        [
            f"kata {number}, seed {seed}:",
            "```text",
            quality.as_text(fakes[:20], columns=5).rstrip("\n"),
            "```",
            "",
            *table,
            "",
            f"(trained in {trained.seconds:.1f} s of wall time on this machine)",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kata", action="append")
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    numbers = [course.normalise_number(n) for n in args.kata] if args.kata else None
    for kata in course.load(ROOT / "katas").katas:
        if numbers is None or kata.number in numbers:
            print(figures(kata.number, args.steps, args.seed), end="\n\n")


if __name__ == "__main__":
    main()
