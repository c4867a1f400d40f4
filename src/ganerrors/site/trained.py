"""Train a kata's fixed GAN for its notebook, and say how well it draws.

`assess` is the one place that measures the result, with `ganerrors.quality`: the generated
images against the kata's real ones, next to the figures of a perfect generator (real images
held out). The kata notebooks show its table and the kata pages explain it (`EXPLANATION`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from ganerrors import datasets, quality
from ganerrors.course import Kata
from ganerrors.quality import Quality

#: A notebook trains its kata's fixed GAN for the kata's `training_steps` (katas.toml): chosen
#: so that this takes at most TRAINING_CPU_LIMIT seconds of CPU; the site's build warns (and
#: a strict build fails) when a notebook's training takes more. GANERRORS_NOTEBOOK_STEPS sets
#: another number for every kata: the test suite's build trains for fewer steps, to check that
#: every notebook runs, in a fraction of the time (the notebooks' cache key includes it, so a
#: short-trained notebook never reaches a real build).
STEPS_VARIABLE = "GANERRORS_NOTEBOOK_STEPS"
TRAINING_CPU_LIMIT = 30.0
#: Generated images measured against the real ones.
FAKES = 500


@dataclass(frozen=True)
class Training:
    steps: int
    seconds: float  # wall clock
    cpu_seconds: float  # CPU time of this process, all threads

    def report(self) -> str:
        return (
            f"{self.steps} training steps in {self.seconds:.1f} s "
            f"({self.cpu_seconds:.1f} s of CPU time)"
        )


def steps_for(kata: Kata) -> int:
    """The training steps of `kata`'s fixed GAN in its notebook."""
    return int(os.environ.get(STEPS_VARIABLE) or kata.training_steps)


def train(gan: ModuleType, steps: int) -> Training:
    """Run `gan.train_step` on `steps` batches of `gan.dataset`, repeated as needed."""
    start, start_cpu = time.perf_counter(), time.process_time()
    for batch in gan.dataset.repeat().take(steps):
        gan.train_step(batch)
    return Training(steps, time.perf_counter() - start, time.process_time() - start_cpu)


@dataclass(frozen=True)
class Assessment:
    """How well a trained generator draws its data, and what a perfect one would score."""

    quality: Quality
    reference: Quality | None  # None when the data set is too small to hold out

    def table(self) -> str:
        """A Markdown table: each figure for this generator and for held-out real images."""
        columns = [self.quality] + ([self.reference] if self.reference else [])
        rows = [
            "| | this generator |" + (" real images held out |" if self.reference else ""),
            "| --- | --- |" + (" --- |" if self.reference else ""),
        ]
        figures = [
            (
                "distance to the nearest real image",
                lambda q: f"{q.distance_ratio:.2f}× the data's own",
            ),
            ("precision (fakes that look real)", lambda q: f"{q.precision:.0%}"),
            ("coverage (real images drawn)", lambda q: f"{q.coverage:.0%}"),
        ]
        if self.quality.modes is not None:
            figures.append(("classes drawn", lambda q: f"{q.modes} of {q.classes}"))
        for name, show in figures:
            rows.append(f"| {name} | " + " | ".join(show(q) for q in columns) + " |")
        return "\n".join(rows)


#: What the figures of `assess` mean, for the kata pages (Markdown).
EXPLANATION = (
    f"The figures compare {FAKES} generated images with the kata's real ones, pixel by pixel "
    "(`ganerrors.quality`). **Distance** is how far a generated image lies from its nearest "
    "real image, as a multiple of how far real images lie from each other: about 1× means "
    "the fakes sit among the real images as closely as they sit among themselves. "
    "**Precision** is the share of fakes that fall among the real images (does each fake "
    "look like *some* real image?); **coverage** is the share of real images with a fake "
    "near them (is every part of the data drawn?). A generator that draws one thing only "
    "(mode collapse) can have a high precision and a low coverage, and draws few of the "
    "data's **classes**. The last column is what a perfect generator scores: real images "
    "held out of the data, measured the same way."
)


def _labels(reals: np.ndarray) -> np.ndarray | None:
    """The labels of `reals` when they are images of a data set of the package."""
    for images, labels in (datasets.digits(with_labels=True), datasets.bars(with_labels=True)):
        known = {image.tobytes(): label for image, label in zip(images, labels, strict=True)}
        found = [known.get(image.tobytes()) for image in reals]
        if all(label is not None for label in found):
            return np.asarray(found)
    return None


def assess(gan: ModuleType, fakes: int = FAKES, seed: int = 0) -> Assessment:
    """Measure the trained `gan`'s generator on `fakes` images against its real images (a
    conditional generator's fakes are drawn for its classes in turn)."""
    import tensorflow as tf

    from ganerrors import checks

    reals = np.asarray(getattr(gan, "real_images", None))
    if reals.ndim < 2:
        reals = np.concatenate([np.asarray(checks.split_batch(b)[0]) for b in gan.dataset])
    reals = reals.astype(np.float32)
    noise = tf.random.stateless_normal((fakes, gan.NOISE_DIM), seed=(seed, 0))
    classes = getattr(gan, "NUM_CLASSES", None)  # a conditional GAN: each class in turn
    asked = tf.range(fakes) % int(classes) if classes else None
    drawn = np.asarray(checks.make_fakes(gan.generator, noise, asked))
    labels = _labels(reals)
    try:
        held_out = min(fakes, len(reals) // 3)
        reference: Quality | None = quality.reference(reals, labels, fakes=held_out)
    except ValueError:
        reference = None
    return Assessment(quality.measure(drawn, reals, labels), reference)
