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
from ganerrors.errors import GANCheckFailed

tf = import_tensorflow()


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
        name: [v.numpy().copy() for v in model.trainable_variables]
        for name, model in models.items()
    }
    train_step(*step_args)
    for name, model in models.items():
        stuck = [
            v.path if hasattr(v, "path") else v.name
            for v, old in zip(model.trainable_variables, before[name], strict=True)
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


def check_loss_rewards_telling_real_from_fake(
    loss_fn: Callable[[Any, Any], Any], like: Any, name: str
) -> None:
    """The discriminator loss is lower when real images score higher than fakes.

    Scores of 0.8 for real images and 0.2 for fakes must cost less than the other way round.
    Those values mean the same to every usual loss (probabilities, logits, least squares).
    A loss that gives both the same value cannot tell which label goes with which score:
    typically labels of another shape than the scores broadcast against them.
    """
    high = tf.fill(tf.shape(like), 0.8)
    low = tf.fill(tf.shape(like), 0.2)
    right = float(loss_fn(high, low))
    wrong = float(loss_fn(low, high))
    if abs(right - wrong) <= 1e-6 * max(1.0, abs(right)):
        _fail(
            "target-shape",
            f"the {name} is {right:.4f} whether real images score 0.8 and fakes 0.2, or the "
            "other way round: it cannot tell a right verdict from a wrong one, so the "
            "discriminator learns nothing. Typically labels of another shape than the scores' "
            f"{_shape(like)} broadcast against them",
        )
    if right > wrong:
        _fail(
            "target-shape",
            f"the {name} is higher when real images score 0.8 and fakes 0.2 ({right:.4f}) "
            f"than the other way round ({wrong:.4f}): the real and fake labels are swapped",
        )


def check_every_example_sends_a_gradient(
    loss_fn: Callable[[Any, Any], Any], real_scores: Any, fake_scores: Any, name: str
) -> None:
    """Every example's score gets a non-zero gradient from the loss.

    An example whose gradient is exactly zero teaches the discriminator nothing; with
    cross-entropy that happens when the loss clips a score it takes for a probability.
    """
    # Fresh tensors with the same values: Keras caches the logits on a sigmoid's output and
    # its cross-entropy then reads those instead, bypassing the tensors watched here.
    real_scores = tf.identity(real_scores)
    fake_scores = tf.identity(fake_scores)
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
    `discriminator_loss(real_scores, fake_scores)`, that it rewards a right verdict and sends a
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
        missing = [
            v.name for v, g in zip(model.trainable_variables, grads, strict=True) if g is None
        ]
        if missing:
            _fail(
                "no-gradients",
                f"no gradient reaches {len(missing)} of {len(grads)} variables of the {name} "
                f"from the discriminator's verdict on fakes ({', '.join(missing)})",
            )
    if discriminator_loss is not None:
        check_loss_rewards_telling_real_from_fake(
            discriminator_loss, real_scores, "discriminator loss"
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
