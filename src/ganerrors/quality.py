"""How well a generator draws the data: measured on its images, not on the discriminator.

A discriminator's verdicts say little about a GAN's results: a generator that draws one
smeared image can keep it near 50%, and a generator that got worse makes its job easier.
These figures compare the fakes with the real images directly, in pixels:

- ``distance``: the mean distance from a fake to its nearest real image (root mean square
  over the pixels, so on data in [-1, 1] it runs from 0 to 2), and ``distance_ratio``, the
  same divided by the data's own spread: how far a real image lies from its nearest *other*
  real image (repeated real images count once). About 1 means the fakes sit among the real
  images as closely as the real images sit among each other; an untrained generator is far
  above it.
- ``precision``: the share of fakes that fall within the data's reach: inside the ball around
  some real image that holds its `k` nearest real neighbours (Kynkäänniemi et al., 2019). It
  asks "does each fake look like *some* real image?".
- ``coverage``: the share of real images that have a fake inside their ball (Naeem et al.,
  2020). It asks "is every part of the data drawn?"; a collapsed generator scores low here
  however good its one image is.
- given the real images' labels (the digits, the bars' positions): ``modes``, how many
  classes the fakes fall in (a fake counts for the class of its nearest real image; a class
  counts when it gets at least half its fair share of the fakes), and ``shares``.

:func:`measure` needs only NumPy arrays (or anything `numpy.asarray` takes, such as eager
tensors) and does not import TensorFlow. :func:`reference` gives the figures a perfect
generator would get: held-out real images measured against the rest. :func:`train` trains a
kata's `gan.py` for a number of steps on a fixed seed and measures it, as the kata pages and
`benchmarks/label_variants.py` do.

Example, on a kata's fixed GAN after training::

    from ganerrors import datasets, quality
    reals, labels = datasets.digits(with_labels=True)
    fakes = generator(tf.random.stateless_normal((500, NOISE_DIM), seed=(0, 0)))
    print(quality.measure(fakes, reals, labels).summary())
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

#: Neighbours that set the size of a real image's ball for precision and coverage.
K = 5
#: A class counts as drawn when it gets at least this share of a fair share of the fakes.
MODE_SHARE = 0.5


@dataclass(frozen=True)
class Quality:
    """Figures for one set of fakes against one set of real images (see the module doc)."""

    fakes: int  # how many fakes were measured
    reals: int  # against how many distinct real images
    distance: float  # mean distance from a fake to its nearest real image (RMS per pixel)
    baseline: float  # mean distance from a real image to its nearest other real image
    distance_ratio: float  # distance / baseline: about 1 for a perfect generator
    precision: float  # share of fakes within the data's reach
    coverage: float  # share of real images with a fake nearby
    in_range: float  # share of fake pixels inside the data's value range
    modes: int | None = None  # classes drawn (with labels)
    classes: int | None = None  # classes in the data (with labels)
    shares: tuple[float, ...] | None = None  # share of the fakes per class (with labels)

    def summary(self) -> str:
        """One line for a page or a log: the figures a reader compares."""
        text = (
            f"distance to the nearest real image {self.distance:.3f} "
            f"({self.distance_ratio:.2f}x the data's own {self.baseline:.3f}), "
            f"precision {self.precision:.0%}, coverage {self.coverage:.0%}"
        )
        if self.modes is not None:
            text += f", {self.modes} of {self.classes} classes drawn"
        return text

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["shares"] = list(self.shares) if self.shares is not None else None
        return data


def _flat(images: Any, name: str) -> np.ndarray:
    array = np.asarray(images, dtype=np.float64)
    if array.ndim < 2 or array.shape[0] < 1:
        raise ValueError(f"{name} must be a batch of images, got shape {array.shape}")
    return array.reshape(array.shape[0], -1)


def _squared_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances between every row of `a` and every row of `b`."""
    squared = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * (a @ b.T)
    return np.maximum(squared, 0.0)


def nearest_distance(fakes: Any, reals: Any) -> float:
    """The mean distance from a fake to its nearest real image (RMS per pixel): the first
    figure of :func:`measure`, alone, and cheap enough to follow during training."""
    fake, real = _flat(fakes, "fakes"), _flat(reals, "reals")
    if fake.shape[1] != real.shape[1]:
        raise ValueError(
            f"fakes of {fake.shape[1]} pixels cannot be compared with reals of {real.shape[1]}"
        )
    squared = _squared_distances(fake, real).min(1)
    return float(np.sqrt(squared / real.shape[1]).mean())


def measure(fakes: Any, reals: Any, labels: Any = None, k: int = K) -> Quality:
    """Measure `fakes` against `reals` (and the reals' `labels`, when given).

    Both are batches of images of the same shape; `labels` has one entry per real image.
    Distances are root mean square over the pixels. Non-finite fakes are an error: a
    generator that outputs NaN has nothing to measure.
    """
    fake, real = _flat(fakes, "fakes"), _flat(reals, "reals")
    if fake.shape[1] != real.shape[1]:
        raise ValueError(
            f"fakes of {fake.shape[1]} pixels cannot be compared with reals of {real.shape[1]}"
        )
    if not np.isfinite(fake).all():
        raise ValueError("the fakes hold NaN or Inf values")
    label = None
    if labels is not None:
        label = np.asarray(labels).reshape(-1)
        if len(label) != len(real):
            raise ValueError(f"{len(label)} labels for {len(real)} real images")
    # Repeated real images (the bars have many) would give balls of radius 0: keep one each.
    real, first = np.unique(real, axis=0, return_index=True)
    if label is not None:
        label = label[first]
    if len(real) <= k:
        raise ValueError(f"measure() needs more than k={k} distinct real images, got {len(real)}")
    pixels = real.shape[1]
    to_real = _squared_distances(fake, real)
    among_reals = _squared_distances(real, real)
    np.fill_diagonal(among_reals, np.inf)
    nearest = np.sqrt(to_real.min(1) / pixels)
    baseline = float(np.sqrt(among_reals.min(1) / pixels).mean())
    radius = np.partition(among_reals, k - 1, axis=1)[:, k - 1]  # k-th nearest other real
    inside = to_real <= radius[None, :]  # fake i inside real j's ball
    low, high = real.min(), real.max()
    distance = float(nearest.mean())
    quality: dict[str, Any] = {
        "fakes": len(fake),
        "reals": len(real),
        "distance": distance,
        "baseline": baseline,
        "distance_ratio": distance / baseline if baseline > 0 else math.inf,
        "precision": float(inside.any(1).mean()),
        "coverage": float(inside.any(0).mean()),
        "in_range": float(((fake >= low) & (fake <= high)).mean()),
    }
    if label is not None:
        classes, index = np.unique(label, return_inverse=True)
        counts = np.bincount(index[to_real.argmin(1)], minlength=len(classes))
        shares = counts / counts.sum()
        quality["modes"] = int((shares >= MODE_SHARE / len(classes)).sum())
        quality["classes"] = len(classes)
        quality["shares"] = tuple(round(float(s), 4) for s in shares)
    return Quality(**quality)


#: Characters from dark (the background, -1) to bright (a stroke, 1).
SHADES = " .:-=+*#%@"


def as_text(images: Any, columns: int = 10, low: float = -1.0, high: float = 1.0) -> str:
    """Draw a batch of grey images as text, `columns` to a row: a figure that shows in a
    terminal and in any Markdown file (in a code block). Two characters per pixel keep the
    images about square."""
    array = np.asarray(images, dtype=np.float64)
    if array.ndim == 4:
        array = array[..., 0]
    if array.ndim != 3:
        raise ValueError(f"as_text() draws a batch of grey images, got shape {array.shape}")
    levels = np.clip((array - low) / (high - low), 0.0, 1.0) * (len(SHADES) - 1)
    index = np.nan_to_num(np.rint(levels), nan=0.0).astype(int)
    lines = []
    for start in range(0, len(index), columns):
        row = index[start : start + columns]
        for y in range(row.shape[1]):
            lines.append(
                "  ".join("".join(SHADES[v] * 2 for v in image[y]) for image in row).rstrip()
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def reference(reals: Any, labels: Any = None, fakes: int = 500, seed: int = 0) -> Quality:
    """The figures of a perfect generator: `fakes` real images held out, measured against
    the others. What a GAN's figures should be read against."""
    real = np.asarray(reals)
    if len(real) <= fakes + K:
        raise ValueError(f"reference() needs more than {fakes + K} real images, got {len(real)}")
    order = np.random.default_rng(seed).permutation(len(real))
    held, rest = order[:fakes], order[fakes:]
    kept = None if labels is None else np.asarray(labels).reshape(-1)[rest]
    return measure(real[held], real[rest], kept)


@dataclass(frozen=True)
class Training:
    """What :func:`train` measured: the figures after `steps` steps, and on the way."""

    steps: int  # training steps run
    seconds: float  # wall time of those steps
    quality: Quality | None  # None when training failed (see `error`)
    history: tuple[tuple[int, Quality], ...] = field(default=())  # (step, figures)
    error: str = ""  # why training or measuring failed: an exception, NaN fakes
    #: the final fakes (NumPy), drawn from the fixed noise, for a picture
    fakes: Any = field(default=None, repr=False, compare=False)

    def summary(self) -> str:
        if self.quality is None:
            return f"after {self.steps} steps: {self.error}"
        return f"after {self.steps} steps ({self.seconds:.0f} s): {self.quality.summary()}"


def train(
    kata_file: str | Path,
    steps: int = 3000,
    *,
    seed: int = 0,
    fakes: int = 500,
    every: int = 0,
    reals: Any = None,
    labels: Any = None,
) -> Training:
    """Train the kata at `kata_file` (a `gan.py`) for `steps` steps and measure its fakes.

    The file is loaded afresh with every random generator seeded from `seed`; its
    `train_step` runs on `dataset`, repeated, one batch a step. The fakes are drawn from
    fixed noise (and, for a conditional kata, its labels in turn) and measured against
    `reals` and `labels`: by default the handwritten digits. `every` > 0 also measures
    every that many steps, into `history`. Imports TensorFlow.
    """
    from ganerrors import checks, datasets
    from ganerrors.kata import load

    if reals is None:
        reals, labels = datasets.digits(with_labels=True)
    tf = checks.tf
    gan = load(kata_file, seed=seed)
    classes = getattr(gan, "NUM_CLASSES", None)
    noise = tf.random.stateless_normal((fakes, gan.NOISE_DIM), seed=(seed, 0))
    fake_labels = tf.range(fakes) % classes if classes else None
    history: list[tuple[int, Quality]] = []

    drawn: list[Any] = [None]

    def figures() -> Quality:
        drawn[0] = checks.make_fakes(gan.generator, noise, fake_labels).numpy()
        return measure(drawn[0], reals, labels)

    done, start = 0, time.perf_counter()
    try:
        while done < steps:
            for batch in gan.dataset:
                gan.train_step(batch)
                done += 1
                if every and done % every == 0 and done < steps:
                    history.append((done, figures()))
                if done >= steps:
                    break
        seconds = time.perf_counter() - start
        final = figures()
    except Exception as exc:  # noqa: BLE001 - a broken variant is a result, not a crash
        error = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        return Training(done, time.perf_counter() - start, None, tuple(history), error, drawn[0])
    return Training(steps, seconds, final, (*history, (steps, final)), fakes=drawn[0])


__all__ = [
    "K",
    "MODE_SHARE",
    "Quality",
    "SHADES",
    "Training",
    "as_text",
    "measure",
    "nearest_distance",
    "reference",
    "train",
]
