"""Output shape: a model's last layer gives another width or rank than the loss expects."""

from __future__ import annotations

from typing import Any

from ganerrors.cases._build import (
    NOTHING,
    discriminator,
    everywhere,
    keras,
    registrar,
    tf,
)
from ganerrors.cases.model import Case, Step

CASES: list[Case] = []
case = registrar(CASES)


@case(
    "two-scores-per-image",
    "Discriminator gives (32, 2), labels are (32, 1), BinaryCrossentropy",
    "output-shape",
    everywhere("ValueError: `target` and `output` must have the same shape"),
    kata="01",
    explained=r"Dense\(1\)",
)
def two_scores_per_image() -> Step:
    model = discriminator(units=2)
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    def step(images: Any) -> Any:
        scores = model(images)
        labels = tf().ones((tf().shape(images)[0], 1))
        return loss(labels, scores)

    return step


@case(
    "two-scores-labels-like-scores",
    "Discriminator gives (32, 2), labels made with tf.ones_like(scores)",
    "output-shape",
    everywhere(NOTHING),
    kata="01",
    facts={"scores": r"shape \(32, 2\)", "loss": r"[0-9.]+"},
)
def two_scores_labels_like_scores() -> Step:
    model = discriminator(units=2)
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    def step(images: Any) -> Any:
        scores = model(images)
        return {"scores": scores, "loss": loss(tf().ones_like(scores), scores)}

    return step


@case(
    "feature-map-as-score",
    "Discriminator ends in a Conv2D: (32, 4, 4, 1) maps against (32, 1) labels",
    "output-shape",
    everywhere(r"ValueError: must have the same rank \(ndim\)"),
    explained=r"Flatten",
)
def feature_map_as_score() -> Step:
    layers = keras().layers
    model = keras().Sequential(
        [keras().Input((8, 8, 1)), layers.Conv2D(1, 3, strides=2, padding="same")]
    )
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    def step(images: Any) -> Any:
        return loss(tf().ones((tf().shape(images)[0], 1)), model(images))

    return step


@case(
    "second-score-sliced-away",
    "Discriminator ends in Dense(2), then keeps only the first score: x[:, :1]",
    "output-shape",
    everywhere(NOTHING),
    kata="01",
    facts={
        "scores": r"shape \(32, 1\)",
        "gradient reaching the second unit": "0",
        "gradient reaching the first unit": r"[1-9][0-9.e+-]*",
    },
)
def second_score_sliced_away() -> Step:
    model = keras().Sequential(
        [*discriminator(units=2).layers, keras().layers.Lambda(lambda x: x[:, :1])]
    )
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    def step(images: Any) -> Any:
        with tf().GradientTape() as tape:
            scores = model(images)
            value = loss(tf().ones((tf().shape(images)[0], 1)), scores)
        kernel = model.layers[-2].kernel
        gradient = tf().abs(tape.gradient(value, kernel))
        return {
            "scores": scores,
            "gradient reaching the second unit": tf().reduce_sum(gradient[:, 1]),
            "gradient reaching the first unit": tf().reduce_sum(gradient[:, 0]),
        }

    return step


@case(
    "scores-averaged-before-the-loss",
    "The discriminator's scores averaged with tf.reduce_mean before BinaryCrossentropy, "
    "labels (32, 1)",
    "output-shape",
    everywhere(r"ValueError: `target` and `output` must have the same rank \(ndim\)"),
    explained=r"one number for the whole batch",
)
def scores_averaged_before_the_loss() -> Step:
    model = discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)

    def step(images: Any) -> Any:
        score = tf().reduce_mean(model(images))  # one number for the whole batch
        labels = tf().ones((tf().shape(images)[0], 1))
        return loss(labels, score)

    return step
