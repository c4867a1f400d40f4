"""Batch size: something made for BATCH_SIZE meets a smaller last batch."""

from __future__ import annotations

from typing import Any

from ganerrors.cases._build import (
    discriminator,
    eager_and_traced,
    generator,
    keras,
    noise,
    registrar,
    tf,
)
from ganerrors.cases.model import BATCH, NOTHING, Case, Step

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


# Kata 05: the keras-io GAN (a keras.Model subclass whose train_step trains both models),
# trained with fit() on 48 images in batches of 32, labels made once for 32.


def _keras_io_gan(run_eagerly: bool = False) -> Any:
    """A keras-io style GAN model whose labels are made for a batch of BATCH (32)."""
    layers = keras().layers
    make = keras().Sequential([keras().Input((4,)), layers.Dense(64), layers.Reshape((8, 8, 1))])
    judge = discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)
    real_labels = tf().ones((BATCH, 1))  # made once, for BATCH_SIZE
    fake_labels = tf().zeros((BATCH, 1))

    class GAN(keras().Model):  # type: ignore[misc]
        def train_step(self, real_images: Any) -> Any:
            if isinstance(real_images, tuple):
                real_images = real_images[0]
            noise = tf().random.normal((tf().shape(real_images)[0], 4))
            with tf().GradientTape() as tape:
                real, fake = judge(real_images), judge(make(noise))
                value = loss(real_labels, real) + loss(fake_labels, fake)
            grads = tape.gradient(value, judge.trainable_weights)
            self.optimizer.apply_gradients(zip(grads, judge.trainable_weights, strict=True))
            return {"d_loss": value}

    gan = GAN()
    gan.compile(optimizer=keras().optimizers.Adam(1e-3), run_eagerly=run_eagerly)
    return gan


def _fit_on_a_short_last_batch(gan: Any, images: Any) -> Any:
    data = tf().concat([images, images[:16]], axis=0)  # 48 images: batches of 32 and 16
    dataset = tf().data.Dataset.from_tensor_slices(data).batch(BATCH)
    history = gan.fit(dataset, epochs=1, verbose=0, shuffle=False)
    return {"epochs": len(history.history["d_loss"])}


@case(
    "fit-last-batch-meets-fixed-labels",
    "keras-io GAN with labels tf.ones((32, 1)), model.fit on 48 images in batches of 32",
    "batch-size",
    {
        # the node named is the first of the two ops that meet both shapes to run: the
        # gradient's BroadcastGradientArgs most times, the loss's own multiplication in some
        # runs (seen in a CI build on a busy 2-core machine)
        "eager": r"InvalidArgumentError: (?s:.*)Incompatible shapes: \[16,1\] vs\. \[32,1\]"
        r"(?s:.*)(?:BroadcastGradientArgs|logistic_loss/mul\}\})",
    },
    kata="05",
    explained="drop_remainder",
)
def fit_last_batch_meets_fixed_labels() -> Step:
    gan = _keras_io_gan()

    def step(images: Any) -> Any:
        return _fit_on_a_short_last_batch(gan, images)

    return step


@case(
    "run-eagerly-last-batch-meets-fixed-labels",
    "The same keras-io GAN compiled with run_eagerly=True: the last batch of 16",
    "batch-size",
    {
        "eager": r"ValueError: must have the same shape\. Received: target\.shape=\(32, 1\), "
        r"output\.shape=\(16, 1\)"
    },
    kata="05",
    explained="drop_remainder",
)
def run_eagerly_last_batch_meets_fixed_labels() -> Step:
    gan = _keras_io_gan(run_eagerly=True)

    def step(images: Any) -> Any:
        return _fit_on_a_short_last_batch(gan, images)

    return step


@case(
    "traced-step-last-batch-meets-fixed-labels",
    "A @tf.function train step (TensorFlow's DCGAN tutorial) with labels made for 32, fed a "
    "batch of 32 and a last one of 16",
    "batch-size",
    {
        "eager": r"ValueError: must have the same shape\. Received: target\.shape=\(32, 1\), "
        r"output\.shape=\(16, 1\)"
    },
    kata="05",
    batches=(BATCH, 16),
    explained="drop_remainder",
)
def traced_step_last_batch_meets_fixed_labels() -> Step:
    judge = discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    @tf().function
    def step(images: Any) -> Any:
        return loss(tf().ones((BATCH, 1)), judge(images))

    return step


@case(
    "drop-remainder-never-shows-the-last-images",
    "The 1,797 digits in batches of 64 with drop_remainder=True",
    "batch-size",
    {"eager": NOTHING},
    kata="05",
    facts={"images per epoch": "1792", "batch shape": r"\(64, 8, 8, 1\)"},
    detail=True,
)
def drop_remainder_never_shows_the_last_images() -> Step:
    from ganerrors.datasets import digits

    def step(images: Any) -> Any:
        data = tf().data.Dataset.from_tensor_slices(digits()).batch(64, drop_remainder=True)
        seen = sum(int(batch.shape[0]) for batch in data)
        return {"images per epoch": seen, "batch shape": str(data.element_spec.shape)}

    return step


@case(
    "labels-from-the-batch-size-fit-every-batch",
    "Labels tf.ones((tf.shape(scores)[0], 1)) in a @tf.function step, batches of 32 and 16",
    "batch-size",
    {"eager": NOTHING},
    kata="05",
    batches=(BATCH, 16),
    facts={"traces": "2", "loss": r"[0-9.]+"},
    detail=True,
)
def labels_from_the_batch_size_fit_every_batch() -> Step:
    judge = discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    @tf().function
    def traced(images: Any) -> Any:
        scores = judge(images)
        return loss(tf().ones((tf().shape(scores)[0], 1)), scores)

    def step(images: Any) -> Any:
        value = traced(images)
        return {"traces": traced.experimental_get_tracing_count(), "loss": value}

    return step


@case(
    "reshape-to-a-fixed-batch",
    "The discriminator flattens with tf.reshape(images, (32, 64)); the last batch has 16 images",
    "batch-size",
    {
        "eager": "InvalidArgumentError: Input to reshape is a tensor with 1024 values, but the "
        "requested shape has 2048",
        "tf.function": "ValueError: Cannot reshape a tensor with 1024 elements to shape "
        r"\[32,64\]",
        "unknown batch": "InvalidArgumentError: Input to reshape is a tensor with 1024 values, "
        "but the requested shape has 2048",
    },
    batches=(BATCH, 16),
    explained="drop_remainder|-1",
)
def reshape_to_a_fixed_batch() -> Step:
    model = keras().layers.Dense(1)

    def step(images: Any) -> Any:
        flat = tf().reshape(images, (BATCH, 8 * 8 * 1))
        return model(flat)

    return step


@case(
    "int-of-the-unknown-batch",
    "Labels sized with int(images.shape[0]), the batch size that is None in a step traced "
    "with its batch size open",
    "batch-size",
    {
        "eager": NOTHING,
        "tf.function": NOTHING,
        "unknown batch": r"TypeError: int\(\) argument must be a string, a bytes-like object or "
        r"a real number, not 'NoneType'",
    },
    explained=r"tf\.shape\(images\)\[0\]",
)
def int_of_the_unknown_batch() -> Step:
    model = discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    def step(images: Any) -> Any:
        labels = tf().ones((int(images.shape[0]), 1))  # None until the step runs
        return loss(labels, model(images))

    return step


@case(
    "real-and-fake-scores-split-with-fixed-sizes",
    "Real and fake images scored in one pass, split back with tf.split(scores, [32, 32]); the "
    "last batch has 16 images",
    "batch-size",
    {
        "eager": "InvalidArgumentError: Determined shape must either match input shape along "
        "split_dim exactly",
        "tf.function": r"ValueError: can't split axis of size 32 into pieces of size \[32,32\]",
        "unknown batch": "InvalidArgumentError: Determined shape must either match input "
        "shape along split_dim exactly",
    },
    batches=(BATCH, 16),
    explained=r"tf\.shape\(real\)\[0\]",
)
def real_and_fake_scores_split_with_fixed_sizes() -> Step:
    make, judge = generator(), discriminator()

    def step(images: Any) -> Any:
        fakes = make(noise(images))
        scores = judge(tf().concat([images, fakes], axis=0))  # one pass for both
        real, fake = tf().split(scores, [BATCH, BATCH])  # written for full batches of 32
        return tf().reduce_mean(fake) - tf().reduce_mean(real)

    return step
