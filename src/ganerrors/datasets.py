"""Small image data sets that ship with the package, so nothing is downloaded at run time.

- :func:`digits`: 1,797 real 8×8 handwritten digits (UCI, CC BY 4.0; see data/README.md).
- :func:`bars`: a toy made in code, 8×8 images of one bright bar.

Both return float32 images of shape (count, 8, 8, 1) in [-1, 1], the range of a tanh
generator, and optionally their labels (the modes a GAN should cover). Nothing here imports
TensorFlow.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, overload

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
#: The digits' pixel values run from 0 to DIGITS_MAX (on-pixels counted in a 4×4 block).
DIGITS_MAX = 16


@cache
def _digits_arrays() -> tuple[np.ndarray, np.ndarray]:
    with np.load(DATA / "digits.npz") as data:
        images, labels = data["images"], data["labels"]
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


@overload
def digits(
    classes: tuple[int, ...] | None = None, *, with_labels: Literal[False] = False
) -> np.ndarray: ...
@overload
def digits(
    classes: tuple[int, ...] | None = None, *, with_labels: Literal[True]
) -> tuple[np.ndarray, np.ndarray]: ...
def digits(
    classes: tuple[int, ...] | None = None, *, with_labels: bool = False
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """The 1,797 8×8 handwritten digits scikit-learn ships, scaled to [-1, 1].

    Returns float32 images of shape (count, 8, 8, 1): 0 ("off", the background) becomes -1
    and 16 (fully "on") becomes 1. `classes` keeps only those digits (e.g. ``(0, 1)``);
    `with_labels=True` also returns the digits, int32 of shape (count,). The order is the
    data set's own, the same on every call.
    """
    raw, labels = _digits_arrays()
    keep = np.ones(len(labels), dtype=bool)
    if classes is not None:
        wanted = sorted({int(c) for c in classes})
        if not wanted or wanted[0] < 0 or wanted[-1] > 9:
            raise ValueError(f"digits() classes must be digits 0..9, got {classes!r}")
        keep = np.isin(labels, wanted)
    images = raw[keep].astype(np.float32)[..., np.newaxis] * (2.0 / DIGITS_MAX) - 1.0
    if with_labels:
        return images, labels[keep].astype(np.int32)
    return images


@overload
def bars(
    count: int = 512, size: int = 8, seed: int = 0, *, with_labels: Literal[False] = False
) -> np.ndarray: ...
@overload
def bars(
    count: int = 512, size: int = 8, seed: int = 0, *, with_labels: Literal[True]
) -> tuple[np.ndarray, np.ndarray]: ...
def bars(
    count: int = 512, size: int = 8, seed: int = 0, *, with_labels: bool = False
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """`count` grayscale images of one bright bar, horizontal or vertical, at a random place.

    Returns float32 of shape (count, size, size, 1) in [-1, 1] (background -1, bar 1): the
    range a tanh generator produces. `with_labels=True` also returns each image's bar, int32
    in 0..2*size-1 (vertical bars first, by column, then horizontal ones, by row): the data's
    2*size modes.
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
    if with_labels:
        return images, np.where(vertical, where, size + where).astype(np.int32)
    return images
