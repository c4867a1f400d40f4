"""Numerical stability: logits taken for probabilities, log(0), NaN in a loss."""

from __future__ import annotations

from typing import Any

from ganerrors.cases._build import discriminator, eager_and_traced, everywhere, keras, registrar, tf
from ganerrors.cases.model import NOTHING, Case, Step

CASES: list[Case] = []
case = registrar(CASES)


@case(
    "logits-as-probabilities",
    "Raw logits into BinaryCrossentropy() (from_logits=False)",
    "numerics",
    everywhere(NOTHING),
    kata="04",
    facts={"examples sending no gradient": r"[1-9]\d*"},
)
def logits_as_probabilities() -> Step:
    model = discriminator()
    loss = keras().losses.BinaryCrossentropy()  # from_logits=False: expects probabilities

    def step(images: Any) -> Any:
        scores = model(images) * 5.0  # raw logits, spread like a trained model's
        with tf().GradientTape() as tape:
            tape.watch(scores)
            value = loss(tf().ones_like(scores), scores)
        gradient = tape.gradient(value, scores)
        dead = tf().reduce_sum(tf().cast(tf().equal(gradient, 0.0), tf().int32))
        return {"loss": value, "examples sending no gradient": dead}

    return step


@case(
    "score-below-zero-is-clipped",
    "A score of -0.5 into BinaryCrossentropy() with a label of 1",
    "numerics",
    eager_and_traced(NOTHING),
    kata="04",
    facts={"loss": r"16\.1\d?", "gradient": "0"},
    detail=True,
)
def score_below_zero_is_clipped() -> Step:
    loss = keras().losses.BinaryCrossentropy()

    def step(images: Any) -> Any:
        scores = tf().constant([[-0.5]])
        with tf().GradientTape() as tape:
            tape.watch(scores)
            value = loss(tf().ones((1, 1)), scores)
        return {"loss": value, "gradient": tape.gradient(value, scores)[0, 0]}

    return step


@case(
    "nan-in-the-loss",
    "tf.debugging.check_numerics on a loss that is NaN",
    "numerics",
    eager_and_traced("InvalidArgumentError: Tensor had NaN values"),
    explained="'discriminator loss'",
)
def nan_in_the_loss() -> Step:
    def step(images: Any) -> Any:
        value = tf().constant([0.5, float("nan")])
        return tf().debugging.check_numerics(value, "discriminator loss")

    return step


@case(
    "log-of-zero",
    "check_numerics on the log of a probability that reached 0",
    "numerics",
    eager_and_traced("InvalidArgumentError: Tensor had Inf values"),
    kata="04",
    explained="Inf",
)
def log_of_zero() -> Step:
    def step(images: Any) -> Any:
        scores = tf().constant([0.0, 0.5])
        return tf().debugging.check_numerics(-tf().math.log(scores), "log of scores")

    return step


@case(
    "log-of-a-negative-score",
    "check_numerics on the log of a negative score",
    "numerics",
    eager_and_traced("InvalidArgumentError: Tensor had NaN values"),
    explained="log",
)
def log_of_a_negative_score() -> Step:
    def step(images: Any) -> Any:
        return tf().debugging.check_numerics(tf().math.log(tf().constant([-1.0, 0.5])), "log")

    return step


@case(
    "enable-check-numerics-names-the-op",
    "tf.debugging.enable_check_numerics(), then the log of 0",
    "numerics",
    {"eager": 'InvalidArgumentError: op "Log"'},
    kata="04",
    explained="log",
    detail=True,
)
def enable_check_numerics_names_the_op() -> Step:
    def step(images: Any) -> Any:
        tf().debugging.enable_check_numerics()
        try:
            return -tf().math.log(tf().constant([0.0, 0.5]))
        finally:
            tf().debugging.disable_check_numerics()

    return step


# Kata 09: keras-io's WGAN-GP gradient penalty, norm = tf.sqrt(tf.reduce_sum(tf.square(grads)))
# with no epsilon, on a critic whose input gradient is exactly 0 (its last layer starts at 0).


def _penalty_gradients(epsilon: float) -> Step:
    layers = keras().layers
    critic = keras().Sequential(
        [
            keras().Input((8, 8, 1)),
            layers.Flatten(),
            layers.Dense(16),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Dense(1, kernel_initializer="zeros", use_bias=False),
        ]
    )

    def step(images: Any) -> Any:
        with tf().GradientTape() as tape:
            with tf().GradientTape() as gp_tape:
                gp_tape.watch(images)
                pred = critic(images)
            grads = gp_tape.gradient(pred, images)
            norm = tf().sqrt(tf().reduce_sum(tf().square(grads), axis=[1, 2, 3]) + epsilon)
            penalty = tf().reduce_mean((norm - 1.0) ** 2)
        gradients = tape.gradient(penalty, critic.trainable_variables)
        not_finite = sum(
            int(tf().reduce_any(tf().logical_not(tf().math.is_finite(g)))) for g in gradients
        )
        return {"penalty": penalty, "critic weights with a non-finite gradient": not_finite}

    return step


@case(
    "gradient-penalty-without-epsilon",
    "WGAN-GP penalty with tf.sqrt(tf.reduce_sum(tf.square(grads))) where the critic's input "
    "gradient is 0",
    "numerics",
    eager_and_traced(NOTHING),
    kata="09",
    facts={"penalty": "1", "critic weights with a non-finite gradient": "2"},
)
def gradient_penalty_without_epsilon() -> Step:
    return _penalty_gradients(0.0)


@case(
    "gradient-penalty-with-epsilon",
    "The same penalty with 1e-12 added under the square root",
    "numerics",
    eager_and_traced(NOTHING),
    kata="09",
    facts={"penalty": "1", "critic weights with a non-finite gradient": "0"},
    detail=True,
)
def gradient_penalty_with_epsilon() -> Step:
    return _penalty_gradients(1e-12)


@case(
    "gradient-penalty-under-check-numerics",
    "The penalty without epsilon under tf.debugging.enable_check_numerics()",
    "numerics",
    {"eager": r'InvalidArgumentError: (?s:.*)graph op "SqrtGrad"(?s:.*)Tensor had -Inf values'},
    kata="09",
    explained="Inf",
)
def gradient_penalty_under_check_numerics() -> Step:
    penalty = tf().function(_penalty_gradients(0.0))

    def step(images: Any) -> Any:
        tf().debugging.enable_check_numerics()
        try:
            return penalty(images)
        finally:
            tf().debugging.disable_check_numerics()

    return step
