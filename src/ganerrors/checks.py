"""Behavioural checks for a generator/discriminator pair, before and during training.

`check_gan(...)` runs them all on your own models; the kata checkers run them one per test
(`GANChecks`), so a learner sees each as a sentence. A check looks only at what the models and
losses *do* on real tensors, never at how the code is written, so a correct fix written any
way passes and a "fix" that hides the error does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ganerrors._tf import import_tensorflow

tf = import_tensorflow()


class GANCheckFailed(AssertionError):
    """A GAN check found a problem that TensorFlow does not raise. The message names it."""

    def __init__(self, message: str, category: str) -> None:
        super().__init__(message)
        self.category = category


def _fail(category: str, message: str) -> None:
    __tracebackhide__ = True
    raise GANCheckFailed(message, category)


def _shape(tensor: Any) -> tuple:
    return tuple(tensor.shape)


def check_generator_output(generator: Any, noise: Any, real_images: Any) -> Any:
    """The generator makes float32 images shaped like the real ones. Returns the fakes."""
    fake = generator(noise, training=False)
    if fake.dtype != tf.float32:
        _fail(
            "dtype",
            f"the generator outputs {fake.dtype.name}, but the real images are "
            f"{real_images.dtype.name}: images must be float32 to carry gradients "
            "and to be compared with real ones",
        )
    want = (int(noise.shape[0]), *_shape(real_images)[1:])
    if _shape(fake) != want:
        _fail(
            "model-io-shape",
            f"the generator outputs {_shape(fake)} for {noise.shape[0]} noise vectors; "
            f"the real images are {_shape(real_images)[1:]} each, so it should output {want}",
        )
    return fake


def check_discriminator_output(discriminator: Any, images: Any) -> Any:
    """The discriminator gives one float32 score per image: shape (batch, 1). Returns it."""
    scores = discriminator(images, training=False)
    want = (int(images.shape[0]), 1)
    if _shape(scores) != want:
        _fail(
            "output-shape",
            f"the discriminator outputs {_shape(scores)} for a batch of {images.shape[0]} "
            f"images; a real/fake verdict is one score per image: {want}",
        )
    if scores.dtype != tf.float32:
        _fail("dtype", f"the discriminator outputs {scores.dtype.name}, not float32")
    return scores


def check_every_variable_learns(
    models: dict[str, Any], train_step: Callable[..., Any], *step_args: Any
) -> None:
    """One training step changes every trainable variable of every model.

    A variable that does not move got no gradient (None, or exactly zero): it is cut off from
    the loss, by an integer cast, by work done outside the tape, or by a step that returned early.
    """
    before = {
        name: [v.numpy().copy() for v in model.trainable_variables] for name, model in models.items()
    }
    train_step(*step_args)
    for name, model in models.items():
        stuck = [
            v.path if hasattr(v, "path") else v.name
            for v, old in zip(model.trainable_variables, before[name])
            if (v.numpy() == old).all()
        ]
        if not model.trainable_variables:
            _fail("no-gradients", f"the {name} has no trainable variables")
        if stuck:
            total = len(model.trainable_variables)
            _fail(
                "no-gradients",
                f"the {name} received no gradients: {len(stuck)} of {total} trainable "
                f"variables did not change in a training step ({', '.join(stuck)})",
            )


def check_loss_averages_over_examples(
    loss_fn: Callable[[Any, Any], Any], real_scores: Any, fake_scores: Any, name: str
) -> None:
    """The loss of a batch is the mean of the losses of its two halves.

    True of every loss that averages a per-example term (cross-entropy, least squares, with or
    without logits). False when labels and scores of different shapes broadcast against each
    other, mixing every example with every other.
    """
    n = int(real_scores.shape[0]) // 2 * 2
    real_scores, fake_scores = real_scores[:n], fake_scores[:n]
    whole = float(loss_fn(real_scores, fake_scores))
    halves = [
        float(loss_fn(real_scores[part], fake_scores[part]))
        for part in (slice(0, n // 2), slice(n // 2, n))
    ]
    mean = sum(halves) / 2
    if abs(whole - mean) > 1e-4 * max(1.0, abs(mean)):
        _fail(
            "target-shape",
            f"the {name} of a batch of {n} ({whole:.4f}) is not the mean of its examples' "
            f"losses: its two halves give {halves[0]:.4f} and {halves[1]:.4f} "
            f"(mean {mean:.4f}). Something in the loss mixes examples, typically labels "
            f"whose shape differs from the scores' {_shape(real_scores)} and broadcasts",
        )


def check_every_example_sends_a_gradient(
    loss_fn: Callable[[Any, Any], Any], real_scores: Any, fake_scores: Any, name: str
) -> None:
    """Every example's score gets a non-zero gradient from the loss.

    An example whose gradient is exactly zero teaches the discriminator nothing; with
    cross-entropy that happens when the loss clips a score it takes for a probability.
    """
    real_scores = tf.convert_to_tensor(real_scores)
    fake_scores = tf.convert_to_tensor(fake_scores)
    with tf.GradientTape() as tape:
        tape.watch([real_scores, fake_scores])
        loss = loss_fn(real_scores, fake_scores)
    grads = tape.gradient(loss, [real_scores, fake_scores])
    scores = tf.concat([real_scores, fake_scores], axis=0)
    if any(g is None for g in grads):
        _fail("no-gradients", f"the {name} does not depend on the discriminator's scores")
    dead = tf.reduce_all(tf.concat(grads, axis=0) == 0, axis=-1).numpy()
    if dead.any():
        low, high = float(tf.reduce_min(scores)), float(tf.reduce_max(scores))
        _fail(
            "numerics",
            f"{int(dead.sum())} examples of {dead.size} sent no gradient through the {name}. "
            f"The discriminator's scores range from {low:.3f} to {high:.3f}; a loss that "
            "expects probabilities clips anything outside [0, 1] and passes nothing back",
        )


def ranking_accuracy(discriminator: Any, real_images: Any, fake_images: Any) -> float:
    """How often a real image scores higher than a fake one (0.5 is chance, 1.0 perfect).

    Works for logits and probabilities alike, since it compares scores, never thresholds them.
    """
    real = tf.reshape(discriminator(real_images, training=False), [-1, 1])
    fake = tf.reshape(discriminator(fake_images, training=False), [1, -1])
    return float(tf.reduce_mean(tf.cast(real > fake, tf.float32)))


def check_gan(
    generator: Any,
    discriminator: Any,
    real_images: Any,
    noise_dim: int | None = None,
    discriminator_loss: Callable[[Any, Any], Any] | None = None,
    seed: int = 0,
) -> None:
    """Check a generator/discriminator pair before training; raise GANCheckFailed on a problem.

    Runs the shape and dtype checks on one batch of `real_images`, checks that a gradient from
    the discriminator's verdict on fakes reaches every variable of both models, and, given
    `discriminator_loss(real_scores, fake_scores)`, that it averages over examples and sends a
    gradient from every example. TensorFlow errors are raised unchanged.
    """
    real_images = tf.convert_to_tensor(real_images)
    if noise_dim is None:
        noise_dim = _input_width(generator)
    noise = tf.random.stateless_normal((int(real_images.shape[0]), noise_dim), seed=(seed, 0))
    fake = check_generator_output(generator, noise, real_images)
    real_scores = check_discriminator_output(discriminator, real_images)
    fake_scores = check_discriminator_output(discriminator, fake)
    with tf.GradientTape(persistent=True) as tape:
        score = tf.reduce_mean(discriminator(generator(noise, training=True), training=True))
    for name, model in (("generator", generator), ("discriminator", discriminator)):
        grads = tape.gradient(score, model.trainable_variables)
        missing = [v.name for v, g in zip(model.trainable_variables, grads) if g is None]
        if missing:
            _fail(
                "no-gradients",
                f"no gradient reaches {len(missing)} of {len(grads)} variables of the {name} "
                f"from the discriminator's verdict on fakes ({', '.join(missing)})",
            )
    if discriminator_loss is not None:
        check_loss_averages_over_examples(
            discriminator_loss, real_scores, fake_scores, "discriminator loss"
        )
        check_every_example_sends_a_gradient(
            discriminator_loss, real_scores, fake_scores, "discriminator loss"
        )


def _input_width(model: Any) -> int:
    inputs: Sequence[Any] = getattr(model, "inputs", None) or ()
    if len(inputs) != 1 or inputs[0].shape[-1] is None:
        raise ValueError(
            "cannot tell the generator's noise size from the model; pass noise_dim=..."
        )
    return int(inputs[0].shape[-1])
