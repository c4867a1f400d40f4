"""Target shape: labels of another shape or rank than the predictions they meet."""

from __future__ import annotations

from typing import Any

import numpy as np

from ganerrors.cases._build import (
    discriminator,
    eager_and_traced,
    everywhere,
    generator,
    keras,
    noise,
    registrar,
    tf,
)
from ganerrors.cases.model import IMAGE_SHAPE, NOTHING, Case, Step

CASES: list[Case] = []
case = registrar(CASES)


@case(
    "labels-without-a-column-squared-error",
    "Labels (32,), scores (32, 1), a hand-written squared error",
    "target-shape",
    everywhere(NOTHING),
    kata="03",
    facts={"labels - scores": r"shape \(32, 32\)", "loss": r"[0-9.e-]+"},
)
def labels_without_a_column_squared_error() -> Step:
    model = discriminator()

    def step(images: Any) -> Any:
        scores = model(images)  # (batch, 1)
        labels = tf().ones(tf().shape(images)[:1])  # (batch,)
        difference = labels - scores
        return {"labels - scores": difference, "loss": tf().reduce_mean(difference**2)}

    return step


@case(
    "labels-without-a-column-perfect-verdict",
    "A perfect verdict scored by a squared error with labels (8,) against scores (8, 1)",
    "target-shape",
    eager_and_traced(NOTHING),
    kata="03",
    facts={"labels - scores": r"shape \(8, 8\)", "loss": "0.5"},
    detail=True,
)
def labels_without_a_column_perfect_verdict() -> Step:
    def step(images: Any) -> Any:
        labels = tf().concat([tf().ones(4), tf().zeros(4)], axis=0)
        scores = tf().concat([tf().ones((4, 1)), tf().zeros((4, 1))], axis=0)
        return {
            "labels - scores": labels - scores,
            "loss": tf().reduce_mean((labels - scores) ** 2),
        }

    return step


@case(
    "labels-without-a-column-object",
    "Labels (32,), scores (32, 1), a BinaryCrossentropy object",
    "target-shape",
    everywhere(NOTHING),
    kata="03",
    facts={"loss, labels (32,) minus loss, labels (32, 1)": r"-?0"},
)
def labels_without_a_column_object() -> Step:
    model = discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    def step(images: Any) -> Any:
        scores = model(images)
        labels = tf().ones(tf().shape(images)[:1])
        difference = loss(labels, scores) - loss(labels[:, None], scores)
        return {"loss, labels (32,) minus loss, labels (32, 1)": difference}

    return step


@case(
    "channels-first-targets-mean-squared-error",
    "A reconstruction loss (pix2pix's L1 or MSE term, an autoencoder's) given targets stored "
    "channels first, (32, 1, 8, 8), against a generator's (32, 8, 8, 1): MeanSquaredError "
    "broadcasts them to (32, 8, 8, 8) and returns a number",
    "target-shape",
    everywhere(NOTHING),
    facts={
        "targets - fakes": r"shape \(32, 8, 8, 8\)",
        "loss per example": r"shape \(32, 8, 8\)",
        "loss": r"[0-9.e-]+",
    },
)
def channels_first_targets_mean_squared_error() -> Step:
    make = generator()
    loss = keras().losses.MeanSquaredError(reduction="none")  # "none": Keras 2 and 3

    def step(images: Any) -> Any:
        targets = tf().transpose(images, (0, 3, 1, 2))  # (batch, 1, 8, 8): channels first
        fakes = make(noise(images))  # (batch, 8, 8, 1)
        per_example = loss(targets, fakes)
        return {
            "targets - fakes": targets - fakes,
            "loss per example": per_example,
            "loss": tf().reduce_mean(per_example),
        }

    return step


@case(
    "labels-without-a-column-function",
    "Labels (32,), scores (32, 1), the keras.losses.binary_crossentropy function",
    "target-shape",
    everywhere("ValueError: same rank"),
    kata="03",
    explained=r"\((32|None),\)",
)
def labels_without_a_column_function() -> Step:
    model = discriminator()

    def step(images: Any) -> Any:
        labels = tf().ones(tf().shape(images)[:1])
        return tf().reduce_mean(keras().losses.binary_crossentropy(labels, model(images)))

    return step


@case(
    "labels-without-a-column-tf-nn",
    "Labels (32,), logits (32, 1), tf.nn.sigmoid_cross_entropy_with_logits",
    "target-shape",
    eager_and_traced("ValueError: must have the same shape"),
    kata="03",
    explained="different ranks",
)
def labels_without_a_column_tf_nn() -> Step:
    def step(images: Any) -> Any:
        labels, logits = tf().ones((32,)), tf().ones((32, 1))
        return tf().nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)

    return step


@case(
    "one-hot-labels-to-a-sparse-loss",
    "One-hot labels (32, 10) into SparseCategoricalCrossentropy",
    "target-shape",
    eager_and_traced("ValueError: target.ndim - 1"),
    explained="one-hot",
)
def one_hot_labels_to_a_sparse_loss() -> Step:
    def step(images: Any) -> Any:
        loss = keras().losses.SparseCategoricalCrossentropy()
        return loss(tf().one_hot(tf().zeros(32, "int32"), 10), tf().ones((32, 10)))

    return step


@case(
    "one-hot-labels-to-tf-nn-sparse",
    "An AC-GAN class head: one-hot labels (32, 10) into "
    "tf.nn.sparse_softmax_cross_entropy_with_logits",
    "target-shape",
    everywhere(r"ValueError: labels\.shape\.rank` must equal `logits\.shape\.rank - 1`"),
    explained="one-hot",
)
def one_hot_labels_to_tf_nn_sparse() -> Step:
    classify = discriminator(units=10)

    def step(images: Any) -> Any:
        classes = tf().zeros(tf().shape(images)[:1], "int32")
        labels = tf().one_hot(classes, 10)  # the sparse loss wants `classes` itself
        logits = classify(images)
        return tf().nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)

    return step


@case(
    "class-indices-to-tf-nn-softmax",
    "An AC-GAN class head: class indices (32,) into tf.nn.softmax_cross_entropy_with_logits, "
    "which wants one-hot rows (32, 10)",
    "target-shape",
    {
        "eager": "InvalidArgumentError: logits and labels must be broadcastable: "
        r"logits_size=\[32,10\] labels_size=\[1,32\]",
        "tf.function": "ValueError: Dimensions must be equal, but are 10 and 32",
        "unknown batch": "InvalidArgumentError: Input to reshape is a tensor with 32 values, "
        "but the requested shape requires a multiple of 10",
    },
    explained="one-hot",
)
def class_indices_to_tf_nn_softmax() -> Step:
    classify = discriminator(units=10)

    def step(images: Any) -> Any:
        classes = tf().range(tf().shape(images)[0]) % 10
        labels = tf().cast(classes, "float32")  # wants tf.one_hot(classes, 10)
        logits = classify(images)
        return tf().nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)

    return step


@case(
    "acgan-discriminator-given-one-target",
    "An AC-GAN discriminator with two outputs (real/fake, class) trained with "
    "train_on_batch(images, [valid]): one target for two outputs",
    "target-shape",
    {"eager": "ValueError: y_true and y_pred have different structures"},
    explained=r"\[valid, labels\]",
)
def acgan_discriminator_given_one_target() -> Step:
    layers = keras().layers
    images_in = keras().Input(IMAGE_SHAPE)
    features = layers.Dense(16, activation="relu")(layers.Flatten()(images_in))
    validity = layers.Dense(1, activation="sigmoid", name="validity")(features)
    label = layers.Dense(10, activation="softmax", name="label")(features)
    judge = keras().Model(images_in, [validity, label])
    judge.compile(optimizer="adam", loss=["binary_crossentropy", "sparse_categorical_crossentropy"])

    def step(images: Any) -> Any:
        valid = np.ones((int(images.shape[0]), 1), "float32")
        return judge.train_on_batch(images, [valid])  # wants [valid, class labels]

    return step
