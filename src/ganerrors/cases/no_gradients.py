"""No gradients: an integer cast, work outside the tape or a model the loss never used."""

from __future__ import annotations

from typing import Any

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
from ganerrors.cases.model import NOTHING, Case, Step

CASES: list[Case] = []
case = registrar(CASES)

NO_GRADIENTS = "ValueError: No gradients provided for any variable"


@case(
    "integer-pixels",
    "Generator output cast to int32 before the discriminator",
    "no-gradients",
    everywhere(NO_GRADIENTS),
    kata="02",
    explained="integer cast",
)
def integer_pixels() -> Step:
    make, judge = generator(), discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)
    optimizer = keras().optimizers.Adam(1e-3)

    def step(images: Any) -> Any:
        with tf().GradientTape() as tape:
            fakes = tf().cast((make(noise(images)) + 1) * 127.5, tf().int32)
            scores = judge(fakes)
            generator_loss = loss(tf().ones_like(scores), scores)
        gradients = tape.gradient(generator_loss, make.trainable_variables)
        optimizer.apply_gradients(zip(gradients, make.trainable_variables, strict=True))
        return generator_loss

    return step


@case(
    "failed-first-trace-returns-none",
    "A tf.function step that created variables and raised is called a second time",
    "no-gradients",
    {"eager": NOTHING},
    kata="02",
    facts={"first call": "ValueError", "second call returns": "None", "weight after": "1"},
    detail=True,
)
def failed_first_trace_returns_none() -> Step:
    weight = tf().Variable(1.0)
    optimizer = keras().optimizers.Adam()  # unbuilt: it creates its variables in the trace

    @tf().function
    def train_step() -> Any:
        weight.assign_add(1.0)
        optimizer.apply_gradients([(None, weight)])
        return weight + 0.0

    def step(images: Any) -> Any:
        try:
            train_step()
            first = "nothing raised"
        except ValueError:
            first = "ValueError"
        second = train_step()
        return {"first call": first, "second call returns": str(second), "weight after": weight}

    return step


def _apply(loss: Any, tape: Any, weights: list[Any]) -> None:
    gradients = tape.gradient(loss, weights)
    keras().optimizers.Adam().apply_gradients(zip(gradients, weights, strict=True))


@case(
    "loss-outside-the-tape",
    "The loss computed after the GradientTape block closed",
    "no-gradients",
    eager_and_traced(NO_GRADIENTS),
    explained="outside the",
)
def loss_outside_the_tape() -> Step:
    weight = tf().Variable(1.0)

    def step(images: Any) -> Any:
        with tf().GradientTape() as tape:
            pass
        _apply(weight * 2.0, tape, [weight])

    return step


@case(
    "loss-from-numpy-values",
    "The loss built from .numpy() values inside the tape",
    "no-gradients",
    {"eager": NO_GRADIENTS},
    explained=r"\.numpy\(\)",
)
def loss_from_numpy_values() -> Step:
    weight = tf().Variable(1.0)

    def step(images: Any) -> Any:
        with tf().GradientTape() as tape:
            loss = tf().reduce_sum(weight.numpy() * 2.0)
        _apply(loss, tape, [weight])

    return step


@case(
    "gradient-for-an-unused-model",
    "Gradients asked for variables the loss never used",
    "no-gradients",
    eager_and_traced(NO_GRADIENTS),
    explained="never used",
)
def gradient_for_an_unused_model() -> Step:
    used, unused = tf().Variable(1.0), tf().Variable(1.0)

    def step(images: Any) -> Any:
        with tf().GradientTape() as tape:
            loss = used * 2.0
        _apply(loss, tape, [unused])

    return step


def _real_image_gradients(judge: Any, loss: Any, images: Any) -> Any:
    """The discriminator's gradients for its loss on real images: the half of a step that the
    cases below get right."""
    with tf().GradientTape() as tape:
        scores = judge(images)
        value = loss(tf().ones_like(scores), scores)
    return tape.gradient(value, judge.trainable_variables)


@case(
    "one-optimizer-for-both-models",
    "One Adam instance applies the discriminator's gradients, then the generator's",
    "no-gradients",
    everywhere(
        r"ValueError: Unknown variable: [\s\S]* This optimizer can only be called for the "
        "variables it was originally built with"
    ),
    explained="one optimizer per model",
)
def one_optimizer_for_both_models() -> Step:
    make, judge = generator(), discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)
    optimizer = keras().optimizers.Adam(1e-3)  # shared: built for the discriminator first

    def step(images: Any) -> Any:
        grads = _real_image_gradients(judge, loss, images)
        optimizer.apply_gradients(zip(grads, judge.trainable_variables, strict=True))
        with tf().GradientTape() as tape:
            fake = judge(make(noise(images)))
            g_loss = loss(tf().ones_like(fake), fake)
        grads = tape.gradient(g_loss, make.trainable_variables)
        optimizer.apply_gradients(zip(grads, make.trainable_variables, strict=True))
        return g_loss

    return step


@case(
    "discriminator-gradients-for-the-generator",
    "The discriminator's gradients zipped with the generator's variables",
    "no-gradients",
    eager_and_traced(
        "InvalidArgumentError: Incompatible shapes", "ValueError: Dimensions must be equal"
    ),
    explained="another model's variables",
)
def discriminator_gradients_for_the_generator() -> Step:
    make, judge = generator(), discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)
    optimizer = keras().optimizers.Adam(1e-3)
    make.build((None, 4))

    def step(images: Any) -> Any:
        grads = _real_image_gradients(judge, loss, images)
        optimizer.apply_gradients(zip(grads, make.trainable_variables, strict=False))

    return step


@case(
    "gradient-penalty-without-watch",
    "A WGAN-GP penalty takes the gradient of the scores for interpolated images that the tape "
    "was not told to watch",
    "no-gradients",
    eager_and_traced(
        r"ValueError: Attempt to convert a value \(None\)",
        "ValueError: Tried to convert 'x' to a tensor and failed. Error: None values",
    ),
    explained=r"tape\.watch\(interpolated\)",
)
def gradient_penalty_without_watch() -> Step:
    make, judge = generator(), discriminator()

    def step(images: Any) -> Any:
        fakes = make(noise(images))
        alpha = tf().random.uniform((tf().shape(images)[0], 1, 1, 1))
        interpolated = images + alpha * (fakes - images)
        with tf().GradientTape() as tape:  # no tape.watch(interpolated)
            scores = judge(interpolated)
        grads = tape.gradient(scores, interpolated)  # None
        norms = tf().sqrt(tf().reduce_sum(tf().square(grads), axis=[1, 2, 3]))
        return tf().reduce_mean((norms - 1.0) ** 2)

    return step
