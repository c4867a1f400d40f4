"""Train a kata's fixed GAN for the notebook, and say how well it draws.

`assess` is the one place that measures the result; the kata notebooks print its report and
the kata pages explain it. It imports TensorFlow (through the kata module it is given).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from types import ModuleType
from typing import Any

#: Training steps of a fixed GAN in its notebook: a few seconds on a CPU. The site's build
#: warns when one notebook's training takes more than TRAINING_CPU_LIMIT seconds of CPU.
STEPS = 4000
TRAINING_CPU_LIMIT = 30.0


@dataclass(frozen=True)
class Training:
    steps: int
    seconds: float  # wall clock
    cpu_seconds: float  # CPU time of this process, all threads

    def report(self) -> str:
        return (
            f"trained {self.steps} steps in {self.seconds:.1f} s "
            f"({self.cpu_seconds:.1f} s of CPU time)"
        )


def train(gan: ModuleType, steps: int = STEPS) -> Training:
    """Run `gan.train_step` on `steps` batches of `gan.dataset`, repeated as needed."""
    start, start_cpu = time.perf_counter(), time.process_time()
    for batch in gan.dataset.repeat().take(steps):
        gan.train_step(batch)
    return Training(steps, time.perf_counter() - start, time.process_time() - start_cpu)


@dataclass(frozen=True)
class Assessment:
    """How well a trained GAN draws: named figures, each with what it means."""

    figures: dict[str, float]

    def report(self) -> str:
        return "\n".join(f"{name}: {value:.2f}" for name, value in self.figures.items())


#: What the figures of `assess` mean, for the kata pages (Markdown).
EXPLANATION = (
    "**Ranking accuracy** is how often the trained discriminator scores a real image above "
    "a generated one, over every real/generated pair of one batch: 0.5 is chance, 1.0 means "
    "it tells every fake apart. It says whether the losses taught the discriminator, not "
    "how good the drawings are, and it cannot see a generator that draws one thing only "
    "(mode collapse): look at the pictures for that."
)


def assess(gan: ModuleType, real_images: Any, fakes: Any) -> Assessment:
    """Measure the trained `gan` on one batch of real images and as many `fakes`."""
    from ganerrors.checks import ranking_accuracy

    return Assessment({"ranking accuracy": ranking_accuracy(gan.discriminator, real_images, fakes)})
