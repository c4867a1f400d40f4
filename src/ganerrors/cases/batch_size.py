"""Batch size: something made for BATCH_SIZE meets a smaller last batch."""

from __future__ import annotations

from typing import Any

from ganerrors.cases._build import discriminator, eager_and_traced, keras, registrar, tf
from ganerrors.cases.model import BATCH, Case, Step

CASES: list[Case] = []
case = registrar(CASES)


@case(
    "labels-for-a-fixed-batch",
    "Labels tf.ones((32, 1)) made once; the last batch has 16 images",
    "batch-size",
    {
        "eager": "ValueError: must have the same shape",
        "tf.function": "ValueError: must have the same shape",
        "unknown batch": r"InvalidArgumentError: Incompatible shapes: \[32,1\] vs. \[16,1\]",
    },
    batches=(BATCH, 16),
    explained="drop_remainder",
)
def labels_for_a_fixed_batch() -> Step:
    model = discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)
    real_labels = tf().ones((BATCH, 1))  # made once, for a batch of 32

    def step(images: Any) -> Any:
        return loss(real_labels, model(images))

    return step


@case(
    "squared-error-with-fixed-labels",
    "A hand-written squared error, labels (32, 1) made once; the last batch has 16 images",
    "batch-size",
    {
        "eager": r"InvalidArgumentError: Incompatible shapes: \[32,1\] vs. \[16,1\]",
        "tf.function": "ValueError: Dimensions must be equal, but are 32 and 16",
        "unknown batch": r"InvalidArgumentError: Incompatible shapes: \[16,1\] vs. \[32,1\]",
    },
    batches=(BATCH, 16),
    explained="32 against 16|16 against 32",
)
def squared_error_with_fixed_labels() -> Step:
    model = discriminator()
    real_labels = tf().ones((BATCH, 1))

    def step(images: Any) -> Any:
        return tf().reduce_mean(tf().square(real_labels - model(images)))

    return step


@case(
    "noise-and-labels-of-different-batches",
    "Noise drawn for 16 examples joined to labels for 32 (a conditional GAN)",
    "batch-size",
    eager_and_traced("InvalidArgumentError: ConcatOp", "ValueError: Dimension 0 in both shapes"),
    explained="16 against 32",
)
def noise_and_labels_of_different_batches() -> Step:
    def step(images: Any) -> Any:
        return tf().concat([tf().ones((16, 8)), tf().ones((32, 10))], axis=1)

    return step
