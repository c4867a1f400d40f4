"""Small image data sets made in code, so nothing is downloaded at run time."""

from __future__ import annotations

import numpy as np


def bars(count: int = 512, size: int = 8, seed: int = 0) -> np.ndarray:
    """`count` grayscale images of one bright bar, horizontal or vertical, at a random place.

    Returns float32 of shape (count, size, size, 1) in [-1, 1] (background -1, bar 1): the
    range a tanh generator produces. A GAN learns it in a few hundred steps on a CPU, and a
    picture of the result shows at a glance whether it did.
    """
    if count < 1 or size < 2:
        raise ValueError(f"bars() needs count >= 1 and size >= 2, got count={count}, size={size}")
    rng = np.random.default_rng(seed)
    images = np.full((count, size, size, 1), -1.0, dtype=np.float32)
    where = rng.integers(0, size, count)
    vertical = rng.random(count) < 0.5
    for image, index, upright in zip(images, where, vertical, strict=True):
        if upright:
            image[:, index] = 1.0
        else:
            image[index, :] = 1.0
    return images
