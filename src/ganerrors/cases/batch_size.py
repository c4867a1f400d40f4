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


@case(
    "short-last-batch-in-a-retracing-loop",
    "Labels (24, 1) made once; a loop over Dataset.batch(24) of 32 images calls a step traced "
    "with reduce_retracing=True, and its last batch has 8",
    "batch-size",
    {"eager": r"InvalidArgumentError: Incompatible shapes: \[24,1\] vs. \[8,1\]"},
    explained="drop_remainder",
    detail=True,
)
def short_last_batch_in_a_retracing_loop() -> Step:
    model = discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)
    batch_size = 24
    real_labels = tf().ones((batch_size, 1))  # made once, for a full batch

    # The relaxed trace has the batch axis unknown, so no shape check can fail while tracing:
    # the labels meet the short last batch only when the graph runs.
    @tf().function(reduce_retracing=True)
    def train_step(images: Any) -> Any:
        return loss(real_labels, model(images))

    def step(images: Any) -> Any:
        for batch in tf().data.Dataset.from_tensor_slices(images).batch(batch_size):
            value = train_step(batch)
        return value

    return step
