"""The small models and helpers the cases share, and the `@case` decorator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ganerrors._tf import import_tensorflow
from ganerrors.cases.model import IMAGE_SHAPE, MODES, NOTHING, Case, Step


def tf() -> Any:
    return import_tensorflow()


def keras() -> Any:
    return import_tensorflow().keras


def everywhere(claim: str) -> dict[str, str]:
    """The same claim in all three modes."""
    return dict.fromkeys(MODES, claim)


def eager_and_traced(claim: str, traced: str | None = None) -> dict[str, str]:
    """A claim for eager mode and plain tf.function (the step does not use the batch size)."""
    return {"eager": claim, "tf.function": claim if traced is None else traced}


def registrar(cases: list[Case]) -> Callable[..., Callable[[Callable[[], Step]], Any]]:
    """A `@case(...)` decorator that appends to `cases`, in the order the module defines them."""

    def case(
        id: str, title: str, category: str, claims: dict[str, str], **options: Any
    ) -> Callable[[Callable[[], Step]], Callable[[], Step]]:
        def register(make: Callable[[], Step]) -> Callable[[], Step]:
            cases.append(Case(id, title, category, make, claims, **options))
            return make

        return register

    return case


def discriminator(units: int = 1, activation: str | None = None) -> Any:
    layers = keras().layers
    return keras().Sequential(
        [
            keras().Input(shape=IMAGE_SHAPE),
            layers.Flatten(),
            layers.Dense(16, activation="relu"),
            layers.Dense(units, activation=activation),
        ],
        name="discriminator",
    )


def generator(image_shape: tuple[int, ...] = IMAGE_SHAPE, noise_dim: int = 4) -> Any:
    layers = keras().layers
    return keras().Sequential(
        [
            keras().Input(shape=(noise_dim,)),
            layers.Dense(int(np.prod(image_shape)), activation="tanh"),
            layers.Reshape(image_shape),
        ],
        name="generator",
    )


def noise(images: Any, width: int = 4) -> Any:
    return tf().random.stateless_normal([tf().shape(images)[0], width], seed=(0, 1))


__all__ = ["NOTHING", "everywhere", "eager_and_traced", "registrar"]
