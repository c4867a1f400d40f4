"""Behavioural checks for a generator/discriminator pair, before and during training.

`check_gan(...)` runs them on your own models; the kata checkers run them one per test
(`GANChecks`), so a learner reads each as a sentence. A check looks only at what the models,
the losses and the training step *do* on real tensors, never at how the code is written, so a
correct fix written any way passes and a "fix" that hides the error does not.

What the checks assume, and nothing more:

- the discriminator gives one score per image, shape (batch, 1) or (batch,), and a higher
  score means "more real" (or, consistently in both losses, "more fake");
- `discriminator_loss(real_output, fake_output)` and `generator_loss(fake_output)` take the
  scores the training step gives them (the checks watch the step to see what that is: the
  model's raw outputs, or those outputs squeezed or put through a sigmoid first) and return
  a number, or a tensor whose sum is the loss (what `GradientTape.gradient` differentiates);
- a conditional GAN's data are (images, labels), its generator takes [noise, labels] and its
  discriminator [images, labels].

Every failure is a GANCheckFailed whose message names the symptom and its likely cause.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ganerrors._tf import import_tensorflow
from ganerrors.errors import GANCheckFailed

tf = import_tensorflow()
Tensor = Any  # tf.Tensor: TensorFlow ships no type information

#: The two scores the loss checks compare: "looks real" and "looks fake". They mean the same
#: to every usual loss: probabilities, logits, least squares.
HIGH, LOW = 0.8, 0.2


def _fail(category: str, message: str) -> None:
    __tracebackhide__ = True
    raise GANCheckFailed(message, category)


def _shape(tensor: Any) -> tuple:
    return tuple(tensor.shape)


def _shown(shape: Sequence[Any]) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


# -- the data and the models, conditional or not ---------------------------------------------


def split_batch(batch: Any) -> tuple[Tensor, Tensor | None]:
    """A batch of the data set: images alone, or (images, labels) for a conditional GAN."""
    if isinstance(batch, (tuple, list)):
        if len(batch) != 2:
            _fail(
                "model-io-shape",
                f"the data set yields {len(batch)} tensors per batch; the checks read either "
                "images alone or (images, labels)",
            )
        return batch[0], batch[1]
    if isinstance(batch, dict):
        _fail(
            "model-io-shape",
            "the data set yields dicts; the checks read images or (images, labels)",
        )
    return batch, None


def batch_size_is_fixed(dataset: Any) -> bool:
    """True when `dataset` declares one batch size for all its batches: a tf.data data set
    batched with drop_remainder=True has a known first dimension in its element_spec."""
    spec = getattr(dataset, "element_spec", None)
    if isinstance(spec, (tuple, list)) and spec:
        spec = spec[0]
    shape = getattr(spec, "shape", None)
    try:
        return shape is not None and len(shape) > 0 and shape[0] is not None
    except (TypeError, ValueError):  # a shape of unknown rank
        return False


def join_batch(images: Tensor, labels: Tensor | None) -> Any:
    return images if labels is None else (images, labels)


def make_fakes(
    generator: Any, noise: Tensor, labels: Tensor | None = None, training: bool = False
) -> Tensor:
    """The generator's images for `noise` (and `labels`, for a conditional generator)."""
    if labels is None:
        return generator(noise, training=training)
    return generator([noise, labels], training=training)


def score(
    discriminator: Any, images: Tensor, labels: Tensor | None = None, training: bool = False
) -> Tensor:
    """The discriminator's scores for `images` (and `labels`, for a conditional one)."""
    if labels is None:
        return discriminator(images, training=training)
    return discriminator([images, labels], training=training)


# -- shapes, dtypes and ranges ---------------------------------------------------------------


def check_generator_output(
    generator: Any, noise: Tensor, real_images: Tensor, labels: Tensor | None = None
) -> Tensor:
    """The generator makes float32 images shaped like the real ones. Returns the fakes."""
    fake = make_fakes(generator, noise, labels)
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


def check_discriminator_output(
    discriminator: Any, images: Tensor, labels: Tensor | None = None
) -> Tensor:
    """The discriminator gives one float32 score per image: shape (batch, 1) or (batch,)."""
    scores = score(discriminator, images, labels)
    count = int(images.shape[0])
    if _shape(scores) not in ((count, 1), (count,)):
        _fail(
            "output-shape",
            f"the discriminator outputs {_shape(scores)} for a batch of {count} images; a "
            f"real/fake verdict is one score per image: ({count}, 1), or ({count},) with a "
            "loss written for it",
        )
    if scores.dtype != tf.float32:
        _fail("dtype", f"the discriminator outputs {scores.dtype.name}, not float32")
    return scores


def value_range(images: Any) -> tuple[float, float]:
    array = np.asarray(images)
    return float(array.min()), float(array.max())


def check_fakes_share_the_data_dtype_and_range(
    generator: Any,
    noise: Tensor,
    real_images: Tensor,
    labels: Tensor | None = None,
    data_range: tuple[float, float] | None = None,
    seen_by_discriminator: np.ndarray | None = None,
) -> None:
    """Real images are float32 like the fakes; the fakes stay inside the data's value range,
    and the generator can reach both ends of it.

    Data of another dtype pass when a training step converts them before the discriminator
    sees them: `seen_by_discriminator` holds the real images as it received them in a watched
    step (see `ModelWatch` and `real_images_seen`), and then their range is the data's. So
    for float32 data that a step scales (a loader that keeps 0..255 and a step that maps it to
    [-1, 1]): what the discriminator compares, real images and fakes, is what counts.

    `data_range` is the data's (min, max), by default `real_images`'. Reaching both ends is
    probed with the noise scaled up: a tanh output saturates at -1 and 1, a sigmoid's never
    goes below 0, a generator that paints in 0..255 is outside [-1, 1] from the start.
    """
    converted = seen_by_discriminator is not None and seen_by_discriminator.dtype == np.float32
    if real_images.dtype != tf.float32 and not converted:
        _fail(
            "dtype",
            f"the real images are {real_images.dtype.name}, the generator's fakes float32: "
            "the discriminator meets both, and TensorFlow ops that join them (tf.concat, "
            "tf.where, +) refuse two dtypes. Convert the data once, with "
            "tf.cast(images, tf.float32) and the same scaling as the generator's output",
        )
    if converted:
        # Data converted or scaled inside the step: what counts is what the discriminator
        # receives there, real images and fakes together.
        assert seen_by_discriminator is not None
        low, high = value_range(seen_by_discriminator)
    else:
        low, high = data_range if data_range is not None else value_range(real_images)
    span = max(high - low, 1e-6)
    fake = make_fakes(generator, noise, labels).numpy()
    if not np.isfinite(fake).all():
        _fail("numerics", "the generator's fakes hold NaN or Inf values")
    f_low, f_high = float(fake.min()), float(fake.max())
    slack = 0.02 * span
    if f_low < low - slack or f_high > high + slack:
        _fail(
            "dtype",
            f"the fakes run from {f_low:.3g} to {f_high:.3g}, but the real images from "
            f"{low:.3g} to {high:.3g}: the discriminator tells them apart by their range "
            "alone. Make the generator end in the data's range (tanh for [-1, 1]) and scale "
            "pixel values for pictures only after training",
        )
    reached_low, reached_high = f_low, f_high
    for scale in (10.0, 100.0):
        for sign in (1.0, -1.0):
            probe = make_fakes(generator, noise * (scale * sign), labels).numpy()
            finite = probe[np.isfinite(probe)]
            if finite.size:
                reached_low = min(reached_low, float(finite.min()))
                reached_high = max(reached_high, float(finite.max()))
    reach = 0.1 * span
    missing = [
        f"{end:.3g}"
        for end, ok in ((low, reached_low <= low + reach), (high, reached_high >= high - reach))
        if not ok
    ]
    if missing:
        _fail(
            "dtype",
            f"the generator's output cannot reach {' or '.join(missing)}: even for large "
            f"noise its pixels stay between {reached_low:.3g} and {reached_high:.3g}, while "
            f"the real images run from {low:.3g} to {high:.3g}. Either the data are not "
            "scaled as the generator draws (bytes 0..255 to [-1, 1]: x / 127.5 - 1), or the "
            "generator's last activation does not cover the data's range (tanh gives [-1, 1], "
            "a sigmoid 0..1)",
        )


def embedding_layers(model: Any) -> list[Any]:
    """Every keras Embedding layer inside `model`, nested models included."""
    found = []
    layers = getattr(model, "_flatten_layers", None)
    candidates = layers(include_self=False, recursive=True) if layers else []
    for layer in candidates:
        if type(layer).__name__ == "Embedding" and hasattr(layer, "input_dim"):
            found.append(layer)
    return found


def check_class_labels(
    models: dict[str, Any],
    labels: Any,
    num_classes: int | None,
    conditional: bool,
    range_only: bool = False,
) -> None:
    """A conditional GAN's class labels are integers in [0, NUM_CLASSES), and every Embedding
    of its models has a row for each: on a GPU, TensorFlow returns zeros for an index out of
    range instead of raising, so nothing else would notice. An unconditional GAN has no
    labels in its data and no NUM_CLASSES. With `range_only`, only that: not whether the
    labels take every value NUM_CLASSES promises."""
    if not conditional:
        second = None if labels is None else np.asarray(labels)
        if second is not None and np.issubdtype(second.dtype, np.floating):
            _fail(
                "model-io-shape",
                f"the data set yields a second tensor with the images, {second.dtype} of "
                f"shape {_shown(second.shape[1:])} per image: the checks read (images, "
                "labels) as a conditional GAN's data, and this kata's data set yields images "
                "alone. Noise belongs in "
                "the step: draw it there, at every step (`tf.random.normal([batch_size, "
                "noise_dim])`)",
            )
        if labels is not None:
            _fail(
                "model-io-shape",
                "the data set yields (images, labels), but gan.py defines no NUM_CLASSES: "
                "a conditional GAN states its number of classes, an unconditional one's data "
                "set yields images alone",
            )
        return
    if labels is None:
        _fail(
            "model-io-shape",
            f"gan.py defines NUM_CLASSES = {num_classes}, but the data set yields images "
            "alone: a conditional GAN's data set yields (images, labels)",
        )
    values = np.asarray(labels)
    embeddings = [
        (name, layer) for name, model in models.items() for layer in embedding_layers(model)
    ]
    if not np.issubdtype(values.dtype, np.integer):
        per_image = _shown(values.shape[1:]) if values.ndim > 1 else "one value"
        _fail(
            "dtype",
            f"the class labels are {values.dtype} ({per_image} per image), not class numbers: "
            + (
                "an Embedding looks labels up by index"
                if embeddings
                else "the checks ask each model for another class by giving it another class "
                "number, 0..NUM_CLASSES-1. Keep the data set's labels as integers and make the "
                "one-hot vectors inside the models (`layers.CategoryEncoding(NUM_CLASSES, "
                'output_mode="one_hot")` or `tf.one_hot(labels, NUM_CLASSES)`)'
            ),
        )
    low, high = int(values.min()), int(values.max())
    assert num_classes is not None
    # Labels 1..N are right for models whose every Embedding has a row for N (row 0 unused);
    # without an Embedding (a one-hot encoding, say) NUM_CLASSES is the only bound there is.
    roomy = bool(embeddings) and all(high < int(layer.input_dim) for _, layer in embeddings)
    if low < 0 or (high >= num_classes and not roomy):
        _fail(
            "index-range",
            (
                f"the data's class labels run from {low} to {high}, but NUM_CLASSES = "
                f"{num_classes} means 0..{num_classes - 1}: a label of {high} is one too many "
                "(labels that start at 1?)"
                if high == num_classes and low >= 1
                else f"the data's class labels run from {low} to {high}, outside "
                f"0..{num_classes - 1} (NUM_CLASSES = {num_classes})"
            )
            + ". Map them where the data set is made, so that all that meets a label (the "
            "models, train_step, a class asked for after training) gets one in "
            f"0..{num_classes - 1}",
        )
    if range_only:
        return
    present = np.unique(values)
    if present.size < num_classes:
        expected = set(range(num_classes)) if high < num_classes else set(range(1, high + 1))
        missing = sorted(expected - {int(v) for v in present})
        shown = ", ".join(str(v) for v in missing[:5]) + (", ..." if len(missing) > 5 else "")
        _fail(
            "index-range",
            f"the data's class labels take {present.size} of the {num_classes} values "
            f"NUM_CLASSES = {num_classes} promises (none is {shown}): the images of a class "
            "that no label names are trained as another class, or not at all, and the "
            "generator cannot learn to draw it. Map the labels onto 0..NUM_CLASSES-1 one to "
            "one (labels - 1 for labels that start at 1) rather than capping, dropping or "
            "replacing them",
        )
    for name, model in models.items():
        for layer in embedding_layers(model):
            if high >= int(layer.input_dim):
                _fail(
                    "index-range",
                    f"the {name}'s Embedding '{layer.name}' has input_dim={layer.input_dim} "
                    f"rows (labels 0..{int(layer.input_dim) - 1}), but the data hold label "
                    f"{high}. On a CPU that raises InvalidArgumentError; on a GPU TensorFlow "
                    "returns zeros for it without an error. Use Embedding(NUM_CLASSES, ...) "
                    "with labels 0..NUM_CLASSES-1",
                )


# -- gradients reach every variable and every unit ----------------------------------------------


def _variable_name(variable: Any) -> str:
    return str(getattr(variable, "path", None) or variable.name)


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
        if not model.trainable_variables:
            _fail("no-gradients", f"the {name} has no trainable variables")
        stuck = [
            _variable_name(v)
            for v, old in zip(model.trainable_variables, before[name], strict=True)
            if (v.numpy() == old).all()
        ]
        if stuck:
            total = len(model.trainable_variables)
            _fail(
                "no-gradients",
                f"the {name} received no gradients: {len(stuck)} of {total} trainable "
                f"variables did not change in a training step ({', '.join(stuck)})",
            )


#: The weights a layer learns (a Dense or convolution's kernel and bias, an Embedding's table,
#: a normalisation's scale and offset), told apart from the state a layer keeps without
#: learning it (BatchNormalization's moving statistics, a Normalization layer's mean, a random
#: generator's seed), which is never trainable.
_LEARNED_WEIGHT = re.compile(
    r"(?:^|/)(?:kernel|bias|embeddings|recurrent_kernel|depthwise_kernel|pointwise_kernel"
    r"|gamma|beta)(?::\d+)?$"
)


def _one_hot_table(variable: Any) -> bool:
    """A table whose every row holds a single non-zero value: a one-hot encoding of the
    labels (an identity Embedding), which loses nothing by being kept fixed."""
    table = np.asarray(variable.numpy())
    return table.ndim == 2 and bool(((table != 0).sum(axis=1) == 1).all())


def _unchanged(variable: Any, old: dict[int, np.ndarray]) -> bool:
    """Whether `variable` holds what it held in `old` (a `snapshot`, by variable id)."""
    return bool((variable.numpy() == old[id(variable)]).all())


def check_no_frozen_weights(
    models: dict[str, Any], before: Iterable[tuple[Any, np.ndarray]] = ()
) -> None:
    """No layer of either model is frozen: a weight a layer would learn (a kernel, a bias, an
    Embedding's table) is trainable. A layer built with `trainable=False`, or a model whose
    `trainable` was switched off and left so, never learns, and its fixed random weights
    leave the discriminator a judge of fixed features, or the generator a few fixed strokes.

    Not frozen: a weight that changed since `before` (a `snapshot`: an averaged copy of a
    model, updated by assignment) and a one-hot table (`_one_hot_table`)."""
    old = {id(variable): value for variable, value in before}
    for name, model in models.items():
        frozen = [
            _variable_name(v)
            for v in model.weights
            if not v.trainable
            and _LEARNED_WEIGHT.search(_variable_name(v))
            and (id(v) not in old or _unchanged(v, old))
            and not _one_hot_table(v)
        ]
        if frozen:
            total = len(model.weights)
            _fail(
                "no-gradients",
                f"{len(frozen)} of the {total} weights of the {name} are not trainable "
                f"({', '.join(frozen[:4])}{', ...' if len(frozen) > 4 else ''}): a layer built "
                "with `trainable=False` (or a `trainable` switched off and left so) keeps the "
                "values it started with and never learns. In a GAN every layer of both models "
                "learns; remove `trainable=False`",
            )


def check_variables_changed(
    models: dict[str, Any], before: Iterable[tuple[Any, np.ndarray]], since: str = "loading"
) -> None:
    """Every trainable variable of every model has changed since `before` (a `snapshot`):
    what `check_every_variable_learns` asks, for training steps already run; and no layer is
    frozen (`check_no_frozen_weights`). A model with no trainable variable passes when every
    weight changed all the same: an averaged copy of another model, updated by assignment."""
    before = list(before)
    old = {id(variable): value for variable, value in before}
    check_no_frozen_weights(models, before)
    for name, model in models.items():
        if not model.trainable_variables:
            assigned = [v for v in model.weights if id(v) in old]
            if assigned and not any(_unchanged(v, old) for v in assigned):
                continue  # updated by assignment every step (an average), not by gradients
            _fail("no-gradients", f"the {name} has no trainable variables")
        stuck = [
            _variable_name(v)
            for v in model.trainable_variables
            if id(v) in old and _unchanged(v, old)
        ]
        if stuck:
            total = len(model.trainable_variables)
            _fail(
                "no-gradients",
                f"the {name} received no gradients: {len(stuck)} of {total} trainable "
                f"variables did not change in the training steps since {since} "
                f"({', '.join(stuck)})",
            )


def check_the_step_trained(
    models: dict[str, Any], before: Iterable[tuple[Any, np.ndarray]], what: str
) -> None:
    """One training step on `what` (a short batch) changed at least one trainable variable of
    every model since `before` (a `snapshot`): a step that returns without training on a batch
    (a `tf.cond` around the update, an early return) hides its error instead of fixing it."""
    old = {id(variable): value for variable, value in before}
    for name, model in models.items():
        changed = [v for v in model.trainable_variables if id(v) in old and not _unchanged(v, old)]
        if model.trainable_variables and not changed:
            _fail(
                "batch-size",
                f"the step returned without training the {name} on {what}: none of its "
                f"{len(model.trainable_variables)} trainable variables changed. A step must "
                "train on every batch the data set gives it, whatever its size; to leave the "
                "short last batch out, batch the data set with `drop_remainder=True`, which "
                "says so in its element_spec",
            )


def check_every_unit_reaches_the_output(
    generator: Any,
    discriminator: Any,
    noise: Tensor,
    real_images: Tensor,
    labels: Tensor | None = None,
) -> None:
    """Every unit of every layer of both models can change what the model outputs.

    A unit whose every weight has a gradient of exactly zero, for real images, fakes and
    random images alike, is cut off from the output: for example a `Dense(2)` whose second
    score is sliced away (`x[:, :1]`). It can never learn, and the model is not the one the
    loss sees.
    """
    real_images = tf.convert_to_tensor(real_images)
    count = int(real_images.shape[0])
    low, high = value_range(real_images)
    randoms = tf.random.stateless_uniform(
        _shape(real_images), seed=(7, 7), minval=low, maxval=max(high, low + 1e-3)
    )
    mix = tf.constant(np.random.default_rng(3).normal(size=_shape(real_images)), tf.float32)
    # A layer that starts at zero (a critic's last layer, say) passes no gradient back until
    # it has trained; it is given small weights for this check, then its zeros back.
    zeros = [
        (v, v.numpy().copy())
        for m in (generator, discriminator)
        for v in m.trainable_variables
        if len(v.shape) > 1 and not np.any(v.numpy())
    ]
    rng = np.random.default_rng(5)
    for variable, value in zeros:
        variable.assign(rng.normal(scale=0.05, size=value.shape).astype(value.dtype))
    try:
        _check_units(generator, discriminator, noise, real_images, labels, randoms, mix, count)
    finally:
        for variable, value in zeros:
            variable.assign(value)


def _check_units(
    generator: Any,
    discriminator: Any,
    noise: Tensor,
    real_images: Tensor,
    labels: Tensor | None,
    randoms: Tensor,
    mix: Tensor,
    count: int,
) -> None:
    with tf.GradientTape(persistent=True) as tape:
        fakes = make_fakes(generator, noise, labels)
        drawn = tf.reduce_sum(tf.cast(fakes, tf.float32) * mix[: int(fakes.shape[0])])
        inputs = tf.concat([real_images, tf.stop_gradient(tf.cast(fakes, tf.float32)), randoms], 0)
        three = None if labels is None else tf.concat([labels, labels, labels], 0)
        scores = score(discriminator, inputs, three)
        judged = tf.reduce_sum(scores)
    for name, model, target in (
        ("generator", generator, drawn),
        ("discriminator", discriminator, judged),
    ):
        variables = model.trainable_variables
        grads = tape.gradient(target, variables)
        for variable, grad in zip(variables, grads, strict=True):
            if grad is None or len(variable.shape) == 0:
                continue  # a variable with no gradient at all is another check's finding
            if isinstance(grad, tf.IndexedSlices):
                grad = tf.convert_to_tensor(grad)
            per_unit = tf.reduce_sum(tf.abs(tf.reshape(grad, [-1, variable.shape[-1]])), 0)
            dead = np.flatnonzero(per_unit.numpy() == 0)
            if dead.size:
                units = int(variable.shape[-1])
                which = ", ".join(str(int(i) + 1) for i in dead[:5])
                _fail(
                    "no-gradients",
                    f"{dead.size} of the {units} units of the {name}'s variable "
                    f"{_variable_name(variable)} (unit {which}) never reach the {name}'s "
                    f"output, for real images, fakes or random ones ({count} each): they "
                    "can never learn. A layer with more outputs than the model uses (a "
                    "Dense(2) whose second score is sliced away?) should have just as many as "
                    "it needs",
                )
    del tape


# -- the losses ------------------------------------------------------------------------------


def loss_value(value: Any, name: str, called: str) -> float:
    """The number a loss stands for: itself, or the sum of a tensor of per-example losses
    (what `GradientTape.gradient` differentiates). A message, never a crash, for anything
    else."""
    try:
        tensor = tf.convert_to_tensor(value)
    except (TypeError, ValueError):
        _fail(
            "numerics",
            f"the {name} returns {type(value).__name__} for {called}, not a number or tensor",
        )
    if not (tensor.dtype.is_floating or tensor.dtype.is_integer):
        _fail("dtype", f"the {name} returns a {tensor.dtype.name} tensor for {called}")
    return float(tf.reduce_sum(tf.cast(tensor, tf.float64)))


def _call_loss(loss_fn: Callable[..., Any], name: str, *scores: Tensor) -> float:
    called = " and ".join(f"scores of shape {_shown(_shape(s))}" for s in scores)
    try:
        value = loss_fn(*scores)
    except GANCheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the learner's loss: say what it did
        _fail(
            "numerics",
            f"calling the {name} on {called} raised {type(exc).__name__}: "
            f"{' '.join(str(exc).split())[:300]}",
        )
    return loss_value(value, name, called)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _fills(like: Tensor, value: float, shape: Sequence[int] | None = None) -> Tensor:
    return tf.fill(shape if shape is not None else tf.shape(like), tf.constant(value, like.dtype))


#: How many times a loss that gives another value at every call (random labels) is called
#: to compare its means (`_loss_estimate`, `check_loss_takes_any_batch_size`).
RANDOM_LOSS_CALLS = 48
#: The standard errors within which two means of a random loss count as the same.
SAME_WITHIN = 4.0


def _is_random(value: Callable[[], float], calls: int = 8) -> bool:
    """Whether `value()` (a loss for fixed scores) gives another number at some call: a loss
    with random labels. Labels flipped at random take few values, so two calls alone may agree
    by chance."""
    first = value()
    return not all(_same(first, value()) for _ in range(calls - 1))


def _sampled(value: Callable[[], float], calls: int) -> tuple[float, float]:
    """`value()` over `calls` calls: the mean, and the mean's standard error (0 for one call)."""
    values = [value() for _ in range(calls)]
    mean = sum(values) / calls
    if calls < 2:
        return mean, 0.0
    variance = sum((v - mean) ** 2 for v in values) / (calls - 1)
    return mean, math.sqrt(variance / calls)


def _summed(loss_fn: Callable[..., Any], args: list[Tensor]) -> Callable[[], float]:
    """A call of the loss on `args`, as the sum of what it returns."""
    return lambda: float(tf.reduce_sum(loss_fn(*args)))


def _close(a: float, b: float, error: float) -> bool:
    """Equal to the precision of float32, or within SAME_WITHIN standard errors of a random
    loss's mean."""
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-6) or abs(a - b) <= SAME_WITHIN * error


def _loss_estimate(loss_fn: Callable[..., Any], name: str, *scores: Tensor) -> tuple[float, float]:
    """The loss for `scores`, and its standard error: 0 for a loss that gives the same value
    at every call; for one with random labels (label noise, flips), the mean of
    RANDOM_LOSS_CALLS calls and the standard error of that mean (`_sampled`)."""

    def value() -> float:
        return _call_loss(loss_fn, name, *scores)

    return _sampled(value, RANDOM_LOSS_CALLS if _is_random(value, 4) else 1)


def _same_estimate(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two `_loss_estimate`s that do not differ: equal, or within SAME_WITHIN standard errors."""
    return _same(a[0], b[0]) or abs(a[0] - b[0]) <= SAME_WITHIN * math.hypot(a[1], b[1])


def discriminator_preference(
    loss_fn: Callable[[Any, Any], Any], real_like: Tensor, fake_like: Tensor
) -> tuple[float, float]:
    """The discriminator loss for a right verdict (real scored HIGH, fakes LOW) and a wrong one
    (for a loss with random labels, means of many calls: `_loss_estimate`)."""
    return tuple(  # type: ignore[return-value]
        estimate[0] for estimate in discriminator_estimates(loss_fn, real_like, fake_like)
    )


def discriminator_estimates(
    loss_fn: Callable[[Any, Any], Any], real_like: Tensor, fake_like: Tensor
) -> tuple[tuple[float, float], tuple[float, float]]:
    """`discriminator_preference` with the standard error of each value."""
    right = _loss_estimate(
        loss_fn, "discriminator loss", _fills(real_like, HIGH), _fills(fake_like, LOW)
    )
    wrong = _loss_estimate(
        loss_fn, "discriminator loss", _fills(real_like, LOW), _fills(fake_like, HIGH)
    )
    return right, wrong


def generator_estimates(
    loss_fn: Callable[[Any], Any], fake_like: Tensor
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The generator loss for fakes scored as real (HIGH) and as fake (LOW), each with its
    standard error (`_loss_estimate`)."""
    real_looking = _loss_estimate(loss_fn, "generator loss", _fills(fake_like, HIGH))
    fake_looking = _loss_estimate(loss_fn, "generator loss", _fills(fake_like, LOW))
    return real_looking, fake_looking


def _other_rank(like: Tensor) -> list[int] | None:
    shape = _shape(like)
    if len(shape) == 2 and shape[1] == 1:
        return [shape[0]]
    if len(shape) == 1:
        return [shape[0], 1]
    return None


def check_loss_rewards_telling_real_from_fake(
    loss_fn: Callable[[Any, Any], Any],
    like: Tensor,
    name: str = "discriminator loss",
    fake_like: Tensor | None = None,
    generator_loss: Callable[[Any], Any] | None = None,
) -> int:
    """The discriminator loss is lower when real images score higher than fakes.

    Scores of 0.8 for real images and 0.2 for fakes must cost less than the other way round.
    Returns the orientation: +1 when a high score means real. A loss that is lower the other
    way round has its real and fake labels swapped, unless `generator_loss` agrees (both
    losses read a high score as "fake": a mirrored GAN, which trains as well): then -1.
    """
    fake_like = like if fake_like is None else fake_like
    right_estimate, wrong_estimate = discriminator_estimates(loss_fn, like, fake_like)
    (right, _), (wrong, _) = right_estimate, wrong_estimate
    shape = _shown(_shape(like))
    if not (math.isfinite(right) and math.isfinite(wrong)):
        _fail(
            "numerics",
            f"the {name} is {right} when real images score {HIGH} and fakes {LOW}, and "
            f"{wrong} the other way round: a loss that is not a finite number cannot tell a "
            "right verdict from a wrong one. Look for the log of a score that is 0 or "
            "negative (a loss that expects probabilities, given logits), or a division by 0",
        )
    if _same_estimate(right_estimate, wrong_estimate):
        high = _loss_estimate(loss_fn, name, _fills(like, HIGH), _fills(fake_like, HIGH))
        low = _loss_estimate(loss_fn, name, _fills(like, LOW), _fills(fake_like, LOW))
        both_high, both_low = high[0], low[0]
        if not _same_estimate(high, low):
            which = "real (1)" if both_high < both_low else "fake (0)"
            _fail(
                "target-shape",
                f"the {name} is {right:.4f} whether real images score {HIGH} and fakes {LOW}, "
                "or the other way round, but it is lower when both score "
                f"{HIGH if both_high < both_low else LOW}: it labels real images and fakes "
                f"alike, as {which}. The fakes' labels must differ from the real images': "
                "tf.ones_like(real_output) for real images, tf.zeros_like(fake_output) for "
                "fakes",
            )
        other = _other_rank(like)
        hint = f"Typically labels of another shape than the scores' {shape} broadcast against them"
        if other is not None:
            try:
                r2, w2 = discriminator_preference(
                    loss_fn,
                    _fills(like, 0.0, other),
                    _fills(fake_like, 0.0, _other_rank(fake_like)),
                )
            except GANCheckFailed:
                r2 = w2 = right
            if math.isfinite(r2) and math.isfinite(w2) and r2 < w2 and not _same(r2, w2):
                labels = _shown(other)
                hint = (
                    f"It works for scores of shape {labels}, so its labels have shape "
                    f"{labels}: labels {'with no column' if len(other) == 1 else 'with a column'}"
                    f". {labels} against the scores' {shape} broadcasts to "
                    f"({other[0]}, {other[0]}), every score against every label. Give the "
                    f"labels the scores' shape {shape}: tf.ones_like(real_output)"
                )
        _fail(
            "target-shape",
            f"the {name} is {right:.4f} whether real images score {HIGH} and fakes {LOW}, or "
            "the other way round: it cannot tell a right verdict from a wrong one, so the "
            f"discriminator learns nothing. {hint}",
        )
    if right < wrong:
        return 1
    if generator_loss is not None:
        try:
            looks_real, looks_fake = generator_estimates(generator_loss, fake_like)
        except GANCheckFailed:
            looks_real = looks_fake = (0.0, 0.0)
        if looks_fake[0] < looks_real[0] and not _same_estimate(looks_real, looks_fake):
            return -1  # mirrored: a high score means "fake" in both losses
    _fail(
        "target-shape",
        f"the {name} is higher when real images score {HIGH} and fakes {LOW} ({right:.4f}) "
        f"than the other way round ({wrong:.4f}): the real and fake labels are swapped. Real "
        "images get the label 1 (tf.ones_like(real_output)), fakes 0",
    )
    raise AssertionError("unreachable")


#: Scores at which `_targets` looks for the score a discriminator loss wants for real images
#: and for fakes: logits and least-squares targets (-1, 0, 1) and probabilities alike; a loss
#: that is not finite at a score (the log of a negative probability) skips it.
TARGET_GRID = (-2.0, -1.5, -1.0, -0.5, 0.0, 0.2, 0.5, 0.8, 1.0, 1.5, 2.0)


def _finite_loss(loss_fn: Callable[..., Any], *scores: Tensor) -> float:
    """The loss, or infinity where it is not a finite number or cannot be computed."""
    try:
        value = float(tf.reduce_mean(tf.cast(loss_fn(*scores), tf.float32)))
    except Exception:  # noqa: BLE001 - a score outside the loss's domain
        return math.inf
    return value if math.isfinite(value) else math.inf


def _targets(
    discriminator_loss: Callable[[Any, Any], Any], real_like: Tensor, fake_like: Tensor
) -> tuple[float, float] | None:
    """The scores (of `TARGET_GRID`) the discriminator loss wants for real images and for
    fakes, each with the other side held at its place; None where it has no finite value."""
    fake = min(
        TARGET_GRID,
        key=lambda s: _finite_loss(
            discriminator_loss, _fills(real_like, HIGH), _fills(fake_like, s)
        ),
    )
    real = min(
        TARGET_GRID,
        key=lambda s: _finite_loss(
            discriminator_loss, _fills(real_like, s), _fills(fake_like, LOW)
        ),
    )
    if real == fake or math.isinf(
        _finite_loss(discriminator_loss, _fills(real_like, real), _fills(fake_like, fake))
    ):
        return None
    return real, fake


def _moves_fakes_towards_real(
    loss_fn: Callable[[Any], Any],
    like: Tensor,
    discriminator_loss: Callable[[Any, Any], Any],
    real_like: Tensor,
) -> bool:
    """Whether the generator loss, where the discriminator loss sends the fakes, falls as their
    score moves one step towards the real images' target: a least-squares generator whose
    target is the boundary between real and fake (targets -1, 1 and 0) does, though it is lower
    for a fake scored LOW than HIGH."""
    targets = _targets(discriminator_loss, real_like, like)
    if targets is None:
        return False
    real, fake = targets
    step = TARGET_GRID.index(fake) + (1 if real > fake else -1)
    at_fake = _finite_loss(loss_fn, _fills(like, fake))
    nearer = _finite_loss(loss_fn, _fills(like, TARGET_GRID[step]))
    return nearer < at_fake and not _same(nearer, at_fake)


def check_generator_loss_rewards_fooling_the_discriminator(
    loss_fn: Callable[[Any], Any],
    like: Tensor,
    orientation: int = 1,
    name: str = "generator loss",
    discriminator_loss: Callable[[Any, Any], Any] | None = None,
    real_like: Tensor | None = None,
) -> None:
    """The generator loss is lower when the discriminator scores the fakes as real.

    `orientation` is what the discriminator loss showed: +1 when a high score means real.
    Given the `discriminator_loss` (and the real images' scores, `real_like`), a generator
    loss that is lower for fakes scored LOW than HIGH still passes when, from where that loss
    sends the fakes, it pulls them towards the real images' target (`_moves_fakes_towards_real`).
    """
    looks_real, looks_fake = generator_estimates(loss_fn, like)
    if orientation < 0:
        looks_real, looks_fake = looks_fake, looks_real
    (real_looking, _), (fake_looking, _) = looks_real, looks_fake
    seen_real, seen_fake = (HIGH, LOW) if orientation > 0 else (LOW, HIGH)
    if not (math.isfinite(real_looking) and math.isfinite(fake_looking)):
        _fail(
            "numerics",
            f"the {name} is {real_looking} for fakes scored {seen_real} and {fake_looking} for "
            f"fakes scored {seen_fake}: not a finite number",
        )
    if _same_estimate(looks_real, looks_fake):
        _fail(
            "target-shape",
            f"the {name} is {real_looking:.4f} whether the discriminator scores the fakes "
            f"{seen_real} (real) or {seen_fake} (fake): it gives the generator no direction. "
            "Typically labels of another shape than the scores broadcast against them",
        )
    if real_looking > fake_looking:
        if discriminator_loss is not None and _moves_fakes_towards_real(
            loss_fn, like, discriminator_loss, like if real_like is None else real_like
        ):
            return
        _fail(
            "target-shape",
            f"the {name} is lower when the discriminator scores the fakes as fake "
            f"({seen_fake}: {fake_looking:.4f}) than as real ({seen_real}: "
            f"{real_looking:.4f}): the generator learns to make its fakes look *more* fake. "
            "The generator wants its fakes labelled real: the label 1 "
            "(tf.ones_like(fake_output)), not 0, and no minus sign in front of the loss",
        )


def _float_scores(scores_and_name: tuple[Any, ...]) -> tuple[list[Tensor], str]:
    """A loss check's `(*scores, name)` arguments: the scores as float32 tensors, the name."""
    *given, name = scores_and_name
    return [tf.cast(tf.convert_to_tensor(s), tf.float32) for s in given], name


def _range_of(tensors: list[Tensor]) -> tuple[float, float]:
    """The lowest and the highest of all the values of `tensors`."""
    values = tf.concat([tf.reshape(t, [-1]) for t in tensors], axis=0)
    return float(tf.reduce_min(values)), float(tf.reduce_max(values))


def check_every_example_sends_a_gradient(
    loss_fn: Callable[..., Any], *scores_and_name: Any
) -> None:
    """Every example's score gets a non-zero gradient from the loss.

    Call as `(loss_fn, real_scores, fake_scores, name)` for the discriminator loss or
    `(loss_fn, fake_scores, name)` for the generator loss. An example whose gradient is
    exactly zero teaches nothing; with cross-entropy that happens when the loss clips a score
    it takes for a probability.
    """
    *given, name = scores_and_name
    # Fresh tensors with the same values: Keras caches the logits on a sigmoid's output and
    # its cross-entropy then reads those instead, bypassing the tensors watched here.
    scores = [tf.identity(s) for s in given]
    with tf.GradientTape() as tape:
        tape.watch(scores)
        loss = loss_fn(*scores)
    try:
        grads = tape.gradient(loss, scores)
    except (TypeError, ValueError) as exc:
        _fail("no-gradients", f"the {name} cannot be differentiated: {exc}")
    if any(g is None for g in grads):
        _fail("no-gradients", f"the {name} does not depend on the discriminator's scores")
    flat = [tf.reshape(g, [int(s.shape[0]), -1]) for g, s in zip(grads, scores, strict=True)]
    pairs = enumerate(zip(flat, scores, strict=True))
    dead = np.concatenate([_dead_on_the_wrong_side(f, s, index) for index, (f, s) in pairs])
    if dead.any():
        low, high = _range_of(scores)
        _fail(
            "numerics",
            f"{int(dead.sum())} examples of {dead.size} sent no gradient through the {name}. "
            f"The scores it was given range from {low:.3f} to {high:.3f}; a loss that "
            "expects probabilities clips anything outside [0, 1] and passes nothing back",
        )


def _dead_on_the_wrong_side(grads: Tensor, scores: Tensor, index: int) -> np.ndarray:
    """Which examples of one tensor of scores get no gradient, leaving out those already past
    a margin on the right side: a hinge loss passes nothing back for a real image scored
    beyond every real image that still learns (a fake below every fake), by design. Clipping
    passes nothing back on both sides, so its dead examples on the wrong side still count.
    The first tensor (the real images', or the fakes' in the generator loss) should score
    high, the second (the fakes' in the discriminator loss) low."""
    dead = tf.reduce_all(grads == 0, axis=-1).numpy()
    if not dead.any() or dead.all():
        return dead
    values = np.asarray(tf.reshape(scores, [int(scores.shape[0]), -1]))[:, 0]
    live = values[~dead]
    past = values >= live.max() if index == 0 else values <= live.min()
    return dead & ~past


def check_each_example_is_judged_on_its_own(
    loss_fn: Callable[..., Any], *scores_and_name: Any
) -> None:
    """The loss judges each image by its own score, not the batch by a summary of them.

    Called like `check_every_example_sends_a_gradient`, with the scores the loss received
    (their shapes and their range). On scores spread over that range, a loss that judges
    images one by one gives them gradients that differ (cross-entropy, least squares, hinge)
    or are all the same whatever the scores (a Wasserstein critic's mean). A loss of the
    batch's mean score gives every image the same gradient, and another for other scores.
    """
    tensors, name = _float_scores(scores_and_name)
    if not tensors or any(len(t.shape) == 0 or int(t.shape[0]) < 2 for t in tensors):
        return
    least, most = _range_of(tensors)
    probabilities = least >= 0.0 and most <= 1.0
    low, high = (0.1, 0.9) if probabilities else (-2.0, 2.0)

    def gradients(offset: float) -> list[np.ndarray]:
        spread = [
            tf.reshape(tf.linspace(low, high, int(tf.size(t))), tf.shape(t)) + offset
            for t in tensors
        ]
        with tf.GradientTape() as tape:
            tape.watch(spread)
            loss = loss_fn(*spread)
        grads = tape.gradient(loss, spread)
        if any(g is None for g in grads):
            return []
        return [np.asarray(g).reshape(int(g.shape[0]), -1) for g in grads]

    try:
        spread, shrunk = gradients(0.0), gradients(0.05 if probabilities else 1.0)
    except (TypeError, ValueError):  # other checks name a loss that cannot take these
        return
    if not spread or not shrunk:
        return
    alike = all(np.allclose(g, g[:1], rtol=1e-4, atol=1e-9) for g in spread)
    pairs = zip(spread, shrunk, strict=True)
    linear = all(np.allclose(a, b, rtol=1e-4, atol=1e-9) for a, b in pairs)
    if alike and not linear:
        count = int(tensors[0].shape[0])
        _fail(
            "target-shape",
            f"the {name} judges the batch, not each image: given {count} scores from "
            f"{low:g} to {high:g}, it sends every one the same gradient, and another "
            "for other scores, as a loss of the batch's mean score does. A fake that looks "
            "real and one that does not then learn the same lesson. Give the loss one score "
            "per image, with labels of the scores' shape, and average the losses, not the "
            "scores",
        )


def check_scores_depend_on_the_images(
    discriminator: Any, images: Tensor, fakes: Tensor, labels: Tensor | None = None
) -> None:
    """The discriminator's score of each image depends on that image: its gradient with
    respect to the image is not all zero. A ReLU (or a clip) after the last layer makes it 0
    for every image it cuts off, so those images teach neither model anything; the losses'
    own gradients cannot show it, since they are taken with respect to the scores."""
    for what, batch in (("real images", images), ("fakes", fakes)):
        x = tf.identity(tf.cast(batch, tf.float32))
        with tf.GradientTape() as tape:
            tape.watch(x)
            scores = score(discriminator, x, labels)
        grads = tape.gradient(scores, x)
        if grads is None:
            return  # nothing of the image reaches the score: other checks name it
        per_image = np.abs(np.asarray(grads)).reshape(int(x.shape[0]), -1).max(axis=1)
        cut = float(np.mean(per_image == 0.0))
        if cut >= 0.1:
            _fail(
                "numerics",
                f"the discriminator's score of {cut:.0%} of the {what} does not depend on the "
                "image at all (its gradient with respect to the image is 0): an activation "
                "after the last layer (a ReLU?) cuts them off, so they teach neither model "
                "anything. A logit needs no activation after it; a probability takes a sigmoid",
            )


def check_fakes_use_every_pixel(
    generator: Any, noise: Tensor, labels: Tensor | None = None
) -> None:
    """The generator's fakes vary in as many independent directions as they have pixels.

    A generator that draws a smaller image and then resizes or pads it to the data's size
    (a `Resizing` or a pad after its last activation) makes some pixels copies or blends of
    others: across many fakes, the pixels then span fewer directions than there are pixels,
    whatever the weights. Every generator that draws each pixel itself spans them all (its
    smallest singular value is a few hundredths of its largest, against 1e-8 or less for a
    resized one). Checked only where there are more fakes than pixels."""
    fakes = np.asarray(make_fakes(generator, noise, labels), dtype=np.float64)
    flat = fakes.reshape(len(fakes), -1)
    pixels = flat.shape[1]
    if len(flat) <= pixels or not np.isfinite(flat).all():
        return
    values = np.linalg.svd(flat - flat.mean(axis=0), compute_uv=False)
    if values[0] == 0.0:
        return  # fakes that never change: the learning checks name it
    directions = int((values > 1e-5 * values[0]).sum())
    if directions < pixels:
        shape = "x".join(str(d) for d in fakes.shape[1:3])
        _fail(
            "model-io-shape",
            f"the generator's {pixels} pixels vary in only {directions} directions across "
            f"{len(flat)} fakes: some of its {shape} pixels are copies or blends of others, as "
            "when a layer after the last one that draws (a Resizing, a pad, an upsampling) "
            "stretches a smaller image to the data's size. Make the layers that draw give the "
            "data's size themselves (padding='same', or a transposed convolution)",
        )


def check_labels_go_with_their_images(images: Any, labels: Any) -> None:
    """A conditional GAN's data set keeps each image with its own class label.

    Each image is classified by the nearest mean image of a class, the means taken from the
    data set's own (image, label) pairs; the same is done with the labels shuffled, which is
    what labels that no longer go with their images give. Where the pairs' guess is not well
    above that (it closes less than a fifth of the gap from there to 100%), the labels were
    shuffled, sorted or drawn apart from the images: the generator then learns to ignore its
    label. (The handwritten digits: 90% for their own pairs, 14% shuffled.)"""
    x = np.asarray(images, dtype=np.float64)
    y = np.asarray(labels).reshape(-1)
    if x.ndim < 2 or len(x) != len(y) or len(x) < 20:
        return
    x = x.reshape(len(x), -1)
    classes = np.unique(y)
    if len(classes) < 2:
        return  # one label for every image: check_class_labels names it

    def guessed(pairs: np.ndarray) -> float:
        means = np.stack([x[pairs == c].mean(axis=0) for c in classes])
        squared = (x**2).sum(1)[:, None] - 2 * x @ means.T + (means**2).sum(1)[None, :]
        return float(np.mean(classes[squared.argmin(axis=1)] == pairs))

    paired = guessed(y)
    apart = guessed(np.random.default_rng(0).permutation(y))
    if paired - apart < 0.2 * (1.0 - apart):
        _fail(
            "index-range",
            f"the data set's labels do not go with its images: the nearest class mean, taken "
            f"from the data set's own pairs, guesses {paired:.0%} of them, and {apart:.0%} "
            "with the labels shuffled; labels that go with their images are guessed far more "
            "often. Keep each image with its own label: map the labels where they are made, "
            "and never shuffle, sort or draw them apart from the images (`Dataset."
            "from_tensor_slices((images, labels)).shuffle(...)` keeps the pairs)",
        )


def check_loss_takes_any_batch_size(
    loss_fn: Callable[..., Any], *scores_and_name: Any, size: int
) -> None:
    """The loss of `size` images (a short batch) is the loss of a whole batch scaled as its
    reduction says: the same mean, or a sum in proportion to the number of images.

    Called with the scores the loss received for a whole batch (their shapes and range),
    it gives the loss every image scoring the same, once for the whole batch and once for
    `size` images: a loss that judges each image by its own score gives the same mean either
    way. One that pads or cuts the scores (or its labels) to a fixed batch size mixes in
    values that belong to no image."""
    tensors, name = _float_scores(scores_and_name)
    if not tensors or any(len(t.shape) == 0 for t in tensors):
        return
    count = int(tensors[0].shape[0])
    if not 1 <= size < count:
        return
    least, most = _range_of(tensors)
    probabilities = least >= 0.0 and most <= 1.0
    score = 0.7 if probabilities else 1.0

    def filled(images: int) -> list[Tensor]:
        return [tf.fill([images, *t.shape[1:]], score) for t in tensors]

    try:
        # a loss with random labels (label noise, flips) gives another value at every call:
        # then each value below is the mean of many calls, compared within its standard error
        calls = RANDOM_LOSS_CALLS if _is_random(_summed(loss_fn, filled(count))) else 1
        (whole, whole_error), (short, short_error) = (
            _sampled(_summed(loss_fn, filled(count)), calls),
            _sampled(_summed(loss_fn, filled(size)), calls),
        )
    except Exception:  # noqa: BLE001 - a loss that cannot take the short batch: the step said so
        return
    if not (math.isfinite(whole) and math.isfinite(short)):
        return
    mean_like = _close(short, whole, math.hypot(short_error, whole_error))
    sum_like = _close(
        short, whole * size / count, math.hypot(short_error, whole_error * size / count)
    )
    if not (mean_like or sum_like):
        _fail(
            "batch-size",
            f"the {name} of {size} images that all score {score:g} is {short:.4f}, and of "
            f"{count} such images {whole:.4f}: a loss that judges each image by its own score "
            "gives the same mean (or a sum in proportion) whatever the batch size. Scores or "
            "labels padded or cut to a fixed batch size mix in values that belong to no image; "
            "make the labels from the scores' own shape (`tf.ones_like(real_output)`)",
        )
    # the same with scores that differ: the loss of the short batch is the mean (or the sum)
    # of each image's loss on its own, whatever is repeated or mixed to fill a fixed size
    low, high = (0.1, 0.9) if probabilities else (-2.0, 2.0)
    spread = []
    for index, t in enumerate(tensors):
        inner = int(np.prod(t.shape[1:])) if len(t.shape) > 1 else 1
        values = tf.linspace(low, high, size * inner)
        values = values if index % 2 == 0 else tf.reverse(values, [0])
        spread.append(tf.reshape(values, [size, *t.shape[1:]]))
    try:
        batch, batch_error = _sampled(_summed(loss_fn, spread), calls)
        each = [
            _sampled(_summed(loss_fn, [s[i : i + 1] for s in spread]), calls) for i in range(size)
        ]
    except Exception:  # noqa: BLE001 - a loss that cannot take one image: named elsewhere
        return
    alone = [value for value, _ in each]
    if not all(math.isfinite(v) for v in (batch, *alone)):
        return
    mean, total = sum(alone) / size, sum(alone)
    total_error = math.sqrt(sum(error**2 for _, error in each))
    if not (
        _close(batch, mean, math.hypot(batch_error, total_error / size))
        or _close(batch, total, math.hypot(batch_error, total_error))
    ):
        _fail(
            "batch-size",
            f"the {name} of {size} images with scores from {low:g} to {high:g} is "
            f"{batch:.4f}, but their losses one by one average {mean:.4f} (sum {total:.4f}): "
            "on a short batch it does not judge each image once by its own score. Scores or "
            "labels repeated, padded or resized to a fixed batch size weigh some images more "
            "than others; make the labels from the scores' own shape "
            "(`tf.ones_like(real_output)`)",
        )


def scores_stay_between_0_and_1(
    discriminator: Any, images: Tensor, labels: Tensor | None = None
) -> bool:
    """Whether the discriminator's scores stay inside [0, 1] even for images scaled far out
    of range (x10, x100, either sign): a sigmoid (or softmax) at its end bounds them; a
    linear last layer, whose first scores may all happen to lie in (0, 1), does not."""
    images = tf.cast(tf.convert_to_tensor(images), tf.float32)
    for scale in (10.0, 100.0):
        for sign in (1.0, -1.0):
            values = np.asarray(score(discriminator, images * (scale * sign), labels))
            finite = values[np.isfinite(values)]
            if finite.size and (finite.min() < 0.0 or finite.max() > 1.0):
                return False
    return True


def check_scores_are_not_squashed_twice(
    loss_fn: Callable[..., Any],
    *scores_and_name: Any,
    step_loss: float,
    raw: Tensor,
    bounded: bool = False,
) -> None:
    """A loss that reads logits is not given scores that a sigmoid already squashed.

    `scores_and_name`: the scores the step handed to the loss, then the loss's name;
    `step_loss`: what the loss gave the step for them; `raw`: the discriminator's own scores
    for images like those; `bounded`: a sigmoid at the model's end keeps its scores in
    [0, 1]. When the model gives logits (a fifth or more of `raw` outside [0, 1]), or its
    scores are bounded, and every score the loss got lies strictly between 0 and 1, a sigmoid
    squashed them. If the loss reads logits too (a confident verdict at 1 and 0 still costs it
    much), it is computed again here, eagerly, on those scores: where it gives what it gave the
    step, it read them as logits, a sigmoid on a sigmoid, and a right verdict can never bring
    it near 0. (Inside a traced step, Keras 3 sees a sigmoid's output and takes the logits from
    under it, with a warning: the step's loss then differs, and nothing is wrong.)"""
    tensors, name = _float_scores(scores_and_name)
    if not tensors or any(int(tf.size(t)) < 2 for t in tensors) or not math.isfinite(step_loss):
        return
    low, high = _range_of(tensors)
    if not (0.0 < low and high < 1.0):
        return
    fakes = tensors[-1]
    own = np.asarray(raw, dtype=np.float64).reshape(-1)
    judges = own.size > 1 and float(np.ptp(own)) > 0.0  # the model scores images differently
    if (
        judges
        and int(tf.size(fakes)) > 1
        and float(tf.reduce_max(fakes - tf.reduce_min(fakes))) == 0.0
    ):
        # one score for every fake, from a model that tells images apart: not a squashing,
        # the same image drawn again and again
        count, value = int(fakes.shape[0]), float(tf.reshape(fakes, [-1])[0])
        _fail(
            "model-io-shape",
            f"the step's {count} fakes all got the same score ({value:.3f}): "
            f"the generator made one image {count} times. It draws from its noise: give every "
            "image its own noise vector (`tf.random.normal([batch_size, noise_dim])`), drawn "
            "anew at every step",
        )
    if (own.size == 0 or float(np.mean((own < 0.0) | (own > 1.0))) < 0.2) and not bounded:
        return  # the model's own scores lie in [0, 1] too, and nothing bounds them there
    # A model whose scores a sigmoid bounds (`bounded`, see `scores_stay_between_0_and_1`),
    # handed to a loss that reads logits, squashes them twice all the same, unless Keras
    # takes the logits from under the sigmoid (it does inside a traced step, with a warning),
    # which the step's loss, unlike the one computed again here on plain copies of the
    # scores, then shows.
    ends = [tf.fill(tf.shape(t), 1.0 if i == 0 else 0.0) for i, t in enumerate(tensors)]
    far = [tf.fill(tf.shape(t), 8.0 if i == 0 else -8.0) for i, t in enumerate(tensors)]
    try:
        at_ends = float(tf.reduce_mean(loss_fn(*ends)))
        at_far = float(tf.reduce_mean(loss_fn(*far)))
        again = float(tf.reduce_sum(tf.cast(loss_fn(*tensors), tf.float64)))
    except Exception:  # noqa: BLE001 - other checks name a loss that cannot take these
        return
    reads_logits = at_ends > 0.25 * len(tensors) and at_far < 0.05 * len(tensors)
    if reads_logits and math.isclose(again, step_loss, rel_tol=1e-4, abs_tol=1e-6):
        _fail(
            "numerics",
            f"the {name} reads logits (a verdict of 1 for real and 0 for fake still costs it "
            f"{at_ends:.3f}), but every score the step gives it lies between 0 and 1 (from "
            f"{low:.3f} to {high:.3f}): a sigmoid squashed them already, and the loss squashes "
            "them again, so no verdict can bring it near 0. Apply the sigmoid once: either "
            "the model's (or the step's) sigmoid with `from_logits=False`, or raw scores with "
            "`from_logits=True`",
        )


def critic_slope(critic: Any, real: Tensor, fake: Tensor, seed: int = 0) -> float:
    """The mean norm of the critic's gradient with respect to its input, at random points
    between real images and fakes: what a WGAN-GP's gradient penalty holds near 1."""
    real = tf.cast(real, tf.float32)
    fake = tf.cast(fake, tf.float32)
    shape = [int(real.shape[0])] + [1] * (len(real.shape) - 1)
    alpha = tf.random.stateless_uniform(shape, (seed, 1))
    between = real + alpha * (fake - real)
    with tf.GradientTape() as tape:
        tape.watch(between)
        scores = critic(between, training=False)
    grads = tape.gradient(scores, between)
    if grads is None:
        return 0.0
    return float(tf.reduce_mean(tf.norm(tf.reshape(grads, [int(real.shape[0]), -1]), axis=1)))


def check_critic_slope(slope: float, steps: int, target: float = 1.0, slack: float = 0.5) -> None:
    """A WGAN-GP's critic, after `steps` training steps, has a slope near `target`."""
    norm_per_image = (
        "and that the norm is taken per image, over every axis but the batch "
        "(`tf.norm(tf.reshape(grads, [batch_size, -1]), axis=1)`)"
    )
    if math.isfinite(slope) and slope < target - slack:
        _fail(
            "numerics",
            f"after {steps} training steps the critic's gradient with respect to its input "
            f"has a norm of {slope:.2f} on images between real and fake ones, below the "
            f"{target:g} that the gradient penalty should hold it at: the penalty holds "
            "another norm near 1 (one norm for the whole batch leaves each image about "
            f"1/sqrt(batch size)). Check that the penalty is `(norm - 1) ** 2`, {norm_per_image}",
        )
    if not math.isfinite(slope) or abs(slope - target) > slack:
        _fail(
            "numerics",
            f"after {steps} training steps the critic's gradient with respect to its input "
            f"has a norm of {slope:.2f} on images between real and fake ones, where the "
            f"gradient penalty should hold it near {target:g} (it grows without one, and the "
            "critic's scores run away). Check that the penalty is added to the critic's loss, "
            f"with its weight, inside the tape that differentiates that loss, {norm_per_image}",
        )


def finite_gradients(loss_fn: Callable[..., Any], *scores: Tensor) -> bool:
    scores_ = [tf.identity(s) for s in scores]
    with tf.GradientTape() as tape:
        tape.watch(scores_)
        loss = loss_fn(*scores_)
    grads = tape.gradient(loss, scores_)
    return all(g is None or bool(tf.reduce_all(tf.math.is_finite(g))) for g in grads)


# -- the training step, watched --------------------------------------------------------------


def non_finite_variables(models: dict[str, Any]) -> dict[str, list[str]]:
    """model name -> its variables (trainable or not) that hold NaN or Inf."""
    found: dict[str, list[str]] = {}
    for name, model in models.items():
        bad = [
            _variable_name(v)
            for v in model.variables
            if tf.as_dtype(v.dtype).is_floating and not np.isfinite(v.numpy()).all()
        ]
        if bad:
            found[name] = bad
    return found


def returned_numbers(value: Any) -> list[float]:
    """The floats a train_step returned (losses, usually), wherever they sit in its result."""
    numbers = []
    for item in tf.nest.flatten(value):
        try:
            array = np.asarray(item, dtype=np.float64)
        except (TypeError, ValueError):
            continue
        numbers.extend(array.reshape(-1).tolist()[:64])
    return numbers


@dataclass
class StepRecord:
    """One training step the checks ran, and whether everything stayed finite."""

    number: int
    what: str
    returned: list[float] = field(default_factory=list)
    non_finite: dict[str, list[str]] = field(default_factory=dict)
    steps: int = 1  # training steps it stands for (a whole epoch run by train() is many)

    @property
    def finite(self) -> bool:
        return not self.non_finite and all(math.isfinite(x) for x in self.returned)

    def problem(self) -> str:
        parts = []
        if not all(math.isfinite(x) for x in self.returned):
            shown = ", ".join(f"{x:.4g}" for x in self.returned[:4])
            parts.append(f"train_step returned ({shown})")
        for name, variables in self.non_finite.items():
            parts.append(
                f"{len(variables)} variables of the {name} hold NaN or Inf "
                f"({', '.join(variables[:3])}{', ...' if len(variables) > 3 else ''})"
            )
        return (
            f"training step {self.number} of this check run ({self.what}) went non-finite: "
            + "; ".join(parts)
        )


def run_step(
    train_step: Callable[..., Any],
    batch: Any,
    models: dict[str, Any],
    log: list[StepRecord],
    what: str,
    check_finite: bool = False,
    variables: bool = True,
) -> StepRecord:
    """Run one training step on `batch`, record whether what it returned (its losses) and,
    with `variables`, every variable stayed finite; with `check_finite`, fail naming the step
    when they did not. (A NaN gradient makes the next step's losses NaN, so a loop that looks
    at the variables only after its last step still names the step where it started.)"""
    returned = train_step(batch)
    record = StepRecord(
        len(log) + 1,
        what,
        returned_numbers(returned),
        non_finite_variables(models) if variables else {},
    )
    log.append(record)
    if check_finite and not record.finite:
        _fail("numerics", record.problem() + _NON_FINITE_ADVICE)
    return record


_NON_FINITE_ADVICE = (
    ". Once a weight is NaN every later output is. Look for the log of a score that "
    "reaches 0 or goes negative, a square root of 0 in a gradient penalty (add an epsilon), "
    "or a division by a norm that can be 0; tf.debugging.enable_check_numerics() names the "
    "first op that makes one"
)


@dataclass
class Probe:
    """One training step run with the losses watched: what they received and gave, and how
    the step moved both models, measured on fixed images and noise."""

    via_step: bool  # the step called discriminator_loss and generator_loss (watched)
    real: Tensor  # the scores discriminator_loss got for real images
    fake: Tensor  # ... and for fakes
    generated: Tensor  # the scores generator_loss got for fakes
    returned: Any = None  # what the step returned
    disc_loss: float = math.nan
    gen_loss: float = math.nan
    # mean raw scores on fixed data: before the step (old) and after it (new)
    old_d_real: float = math.nan
    old_d_fake: float = math.nan
    new_d_real: float = math.nan
    new_d_fake: float = math.nan
    old_d_new_fakes: float = math.nan  # the old discriminator on the new generator's fakes
    new_d_new_fakes: float = math.nan
    # the same scores, whole: (real, fake, new fakes) from the old discriminator and the new
    scores_before: tuple[Tensor, ...] = ()
    scores_after: tuple[Tensor, ...] = ()


def snapshot(holders: Iterable[Any]) -> list[tuple[Any, np.ndarray]]:
    """The value of every variable of `holders` (models, optimizers), to `restore` later."""
    seen: set[int] = set()
    state = []
    for holder in holders:
        for variable in getattr(holder, "variables", []):
            if id(variable) not in seen:
                seen.add(id(variable))
                state.append((variable, variable.numpy().copy()))
    return state


def restore(state: Iterable[tuple[Any, np.ndarray]]) -> None:
    for variable, value in state:
        variable.assign(value)


def _python_function(train_step: Callable[..., Any]) -> Callable[..., Any]:
    return getattr(train_step, "python_function", train_step)


@dataclass
class ModelCall:
    """One call of a model in a watched step, as NumPy arrays (None where it was traced)."""

    model: str  # "generator" or "discriminator"
    images: np.ndarray | None  # the noise, for the generator
    labels: np.ndarray | None
    output: np.ndarray | None


def _eager(value: Any) -> np.ndarray | None:
    numpy = getattr(value, "numpy", None)
    if numpy is None:
        return None
    try:
        return np.asarray(numpy())
    except Exception:  # noqa: BLE001 - a symbolic tensor: traced, no values
        return None


def _swap_call(model: Any, call: Callable[..., Any]) -> type | None:
    """Give `model`, for a while, a subclass of its class whose `__call__` is `call` (whatever
    name the step reaches the model by: a global, or an attribute of a keras.Model subclass).
    Returns the original class, to put back; None when the class cannot be swapped."""
    original = type(model)
    spy = type(original.__name__, (original,), {"__call__": call})
    spy.__qualname__ = original.__qualname__
    spy.__module__ = original.__module__
    try:
        model.__class__ = spy
    except TypeError:  # a model whose class cannot be swapped: not watched
        return None
    return original


class ModelWatch:
    """Records what the models receive and give while a step runs eagerly.

    Each model's class is swapped, for the duration, for a subclass whose `__call__` keeps its
    inputs and output (whatever name the step reaches the model by: a global, or an attribute
    of a keras.Model subclass); the original class is put back on exit.
    """

    def __init__(self, models: dict[str, Any]) -> None:
        self.models = models
        self.calls: list[ModelCall] = []
        self._classes: dict[str, type] = {}

    def __enter__(self) -> ModelWatch:
        for name, model in self.models.items():
            original = type(model)

            def __call__(
                self_: Any,
                *args: Any,
                _name: str = name,
                _calls: list = self.calls,
                _original: type = original,
                **kwargs: Any,
            ) -> Any:
                output = _original.__call__(self_, *args, **kwargs)
                given = args[0] if args else kwargs.get("inputs")
                images, labels = given, None
                if isinstance(given, (list, tuple)) and len(given) == 2:
                    images, labels = given
                _calls.append(ModelCall(_name, _eager(images), _eager(labels), _eager(output)))
                return output

            if _swap_call(model, __call__) is not None:
                self._classes[name] = original
        return self

    def __exit__(self, *exc: object) -> None:
        for name, original in self._classes.items():
            self.models[name].__class__ = original


class NoiseWatch:
    """Records the noise (the first input) the generator receives while a step runs, traced or
    eager: traced, a `tf.numpy_function` ahead of the call hands its values over when the
    graph runs, so noise fixed when the step was traced (NumPy's or Python's random inside a
    tf.function) shows as what it is. The model's class is swapped for the duration
    (`_swap_call`), as in `ModelWatch`."""

    def __init__(self, generator: Any, traced_only: bool = False) -> None:
        self.generator = generator
        #: only calls inside a graph being traced: their taps stay in the graph, and record
        #: at every later run of the traced step, after the watch has ended
        self.traced_only = traced_only
        self.seen: list[np.ndarray] = []
        self.labels: list[np.ndarray] = []  # a conditional generator's second input
        self._original: type | None = None

    def __enter__(self) -> NoiseWatch:
        original = type(self.generator)
        seen, labels_seen = self.seen, self.labels

        def record(value: np.ndarray) -> np.ndarray:
            seen.append(np.array(value, copy=True))
            return np.zeros((), np.int32)

        def record_labels(value: np.ndarray) -> np.ndarray:
            labels_seen.append(np.array(value, copy=True))
            return np.zeros((), np.int32)

        traced_only = self.traced_only

        def __call__(self_: Any, *args: Any, _original: type = original, **kwargs: Any) -> Any:
            key = "inputs" if not args and "inputs" in kwargs else None
            given: Any = kwargs[key] if key else (args[0] if args else None)
            pair = isinstance(given, (list, tuple))
            noise = given[0] if pair and given else given
            if noise is not None and not (traced_only and tf.executing_eagerly()):
                taps = [tf.numpy_function(record, [noise], tf.int32, stateful=True)]
                if pair and len(given) > 1 and given[1] is not None:
                    taps.append(
                        tf.numpy_function(record_labels, [given[1]], tf.int32, stateful=True)
                    )
                with tf.control_dependencies(taps):
                    noise = tf.identity(noise)
                given = [noise, *given[1:]] if pair else noise
                if key:
                    kwargs[key] = given
                else:
                    args = (given, *args[1:])
            return _original.__call__(self_, *args, **kwargs)

        self._original = _swap_call(self.generator, __call__)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._original is not None:
            self.generator.__class__ = self._original


def check_labels_reach_both_models(
    generator: Any,
    discriminator: Any,
    images: Tensor,
    labels: Tensor,
    noise_dim: int,
    num_classes: int,
    count: int = 8,
) -> None:
    """In a conditional GAN, each model's output depends on its label: the generator draws
    other images for the same noise asked for another class, and the discriminator scores the
    same image otherwise under another label. A model whose label goes nowhere (its Embedding
    removed to silence an error, or its branch never joined to the rest) makes the GAN
    unconditional: it draws digits, but not the one asked for."""
    labels, images = tf.convert_to_tensor(labels), tf.convert_to_tensor(images)
    if not labels.dtype.is_integer or num_classes < 2:
        return  # one-hot or float labels: their own checks speak of them
    count = min(count, int(images.shape[0]))
    if count < 1:
        return
    asked = labels[:count]
    other = (asked + tf.cast(1, asked.dtype)) % tf.cast(num_classes, asked.dtype)
    noise = tf.random.stateless_normal((count, noise_dim), seed=(7, 1))
    for name, one, two in (
        ("generator", make_fakes(generator, noise, asked), make_fakes(generator, noise, other)),
        (
            "discriminator",
            score(discriminator, images[:count], asked),
            score(discriminator, images[:count], other),
        ),
    ):
        a, b = np.asarray(one, np.float64), np.asarray(two, np.float64)
        if a.shape == b.shape and np.allclose(a, b, rtol=0.0, atol=1e-7):
            what = (
                "draws the same images for the same noise whatever class it is asked for"
                if name == "generator"
                else "gives an image the same score whatever label comes with it"
            )
            _fail(
                "model-io-shape",
                f"the {name} {what}: its label does not reach its output, so the GAN is not "
                "conditional (it may draw digits, but not the one asked for). Keep the "
                f"label's path in the {name}: an Embedding of the label (with input_dim="
                "NUM_CLASSES) joined to its other input, with labels that run from 0 to "
                "NUM_CLASSES - 1",
            )


def check_fakes_asked_for_several_classes(labels: np.ndarray, num_classes: int) -> None:
    """A conditional generator is asked for more than one class in a step of at least
    `num_classes` fakes (`labels`: what its first call in a step received): asked for one
    class only (all 0, or one class a step), it learns to draw that class, and the
    discriminator never judges a fake of the others."""
    values = np.asarray(labels).reshape(-1)
    if values.size < max(2, num_classes) or np.unique(values).size > 1:
        return
    _fail(
        "index-range",
        f"the step asks the generator for class {values[0]} only, in all {values.size} fakes: "
        "it learns to draw that class, and the discriminator never judges a fake of another. "
        "Ask for every class: the batch's own labels, or labels drawn at random "
        f"(`tf.random.uniform([batch_size], 0, {num_classes}, tf.int32)`)",
    )


def check_noise_is_drawn_anew(steps: Sequence[Sequence[np.ndarray]]) -> None:
    """The generator gets new noise at every step, of as many directions as it has vectors:
    `steps` holds, for two steps on two batches, the noise of each call of the generator.
    Noise drawn once (a tensor made outside the step, NumPy's random inside a tf.function,
    which runs once, when the step is traced) or with a fixed seed gives it the same few
    vectors every time, and noise of a few directions (one number broadcast to the noise's
    size, picks from a few vectors) the same few images: it learns to draw those, not the
    data."""
    first, second = steps[0], steps[1]
    for one, two in zip(first, second, strict=False):
        count = one.shape[0] if one.ndim else 1
        if one.shape == two.shape and one.size and np.array_equal(one, two):
            _fail(
                "model-io-shape",
                f"the step gives the generator the same {count} noise vectors every time "
                "(noise made once, outside the step, or drawn with a fixed seed, or with "
                "NumPy inside a tf.function, which draws once, when the step is traced): it "
                f"learns to draw those {count} images, not the data. Draw new noise inside the "
                "step, with TensorFlow, at every step (`tf.random.normal([batch_size, "
                "noise_dim])`)",
            )
    for one in first:
        if one.ndim < 2 or one.shape[0] < 2 or not np.issubdtype(one.dtype, np.floating):
            continue
        rows = one.reshape(one.shape[0], -1).astype(np.float64)
        directions = int(np.linalg.matrix_rank(rows))
        if directions < min(rows.shape):
            _fail(
                "model-io-shape",
                f"the generator's {rows.shape[0]} noise vectors span only {directions} "
                f"direction{'' if directions == 1 else 's'} of {rows.shape[1]}: a few numbers "
                "broadcast or repeated to the noise's size, or picks from a few fixed "
                "vectors, give it a few images to draw, not the data. Draw every value of the "
                "noise on its own (`tf.random.normal([batch_size, noise_dim])`)",
            )


def _key(row: np.ndarray) -> bytes:
    """An image, as the key that finds it again among other inputs: its values."""
    return np.ascontiguousarray(row).tobytes()


def _drawn(calls: Sequence[ModelCall]) -> dict[bytes, int | None]:
    """Every fake the generator drew in the watched calls -> the label it was drawn for."""
    drawn: dict[bytes, int | None] = {}
    for call in calls:
        if call.model == "generator" and call.output is not None:
            labels: Iterable[int | None] = [None] * len(call.output)
            if call.labels is not None:
                labels = (int(x) for x in call.labels.reshape(len(call.output), -1)[:, 0])
            for row, label in zip(call.output, labels, strict=True):
                drawn[_key(row)] = label
    return drawn


def real_images_seen(calls: Sequence[ModelCall]) -> np.ndarray | None:
    """The real images as the discriminator received them in the watched calls: the rows of
    its inputs that are not the generator's fakes (found by their values). None if none."""
    fakes = _drawn(calls)
    for call in calls:
        if call.model != "discriminator" or call.images is None or call.images.ndim < 2:
            continue
        real = [row for row in call.images if _key(row) not in fakes]
        if real:
            return np.stack(real)
    return None


def check_fakes_judged_with_their_labels(calls: Sequence[ModelCall]) -> None:
    """In a conditional GAN, the discriminator judges each fake with the label the generator
    drew it for. Fakes are found among the discriminator's inputs by their values."""
    drawn = {key: label for key, label in _drawn(calls).items() if label is not None}
    if not drawn:
        return
    judged = wrong = 0
    for call in calls:
        if call.model != "discriminator" or call.images is None or call.labels is None:
            continue
        labels = call.labels.reshape(len(call.images), -1)[:, 0]
        for row, label in zip(call.images, labels, strict=True):
            want = drawn.get(_key(row))
            if want is not None:
                judged += 1
                wrong += int(label) != want
    if wrong:
        _fail(
            "model-io-shape",
            f"in the watched training step the discriminator judged {judged} fakes, and "
            f"{wrong} of them with another label than the one the generator drew them for: "
            "it cannot learn whether a fake fits its label, so the generator never learns to "
            "heed it. Pass the discriminator each fake with its own labels",
        )


class LossWatch:
    """Spies for a step's `discriminator_loss` and `generator_loss`: wrappers that call the
    learner's function and keep what it was given and gave in variables of unknown shape.

    The wrappers are installed in the globals of the step's code (where it looks the losses up
    by name) only while it runs for the first time: a traced step then keeps them in its graph
    (a few assignments per step), an eager one runs them once. Either way the variables hold
    what the losses received in the latest step: the scores a squeeze or a sigmoid in
    `train_step` produced, not the model's raw outputs.
    """

    NAMES = ("real", "fake", "generated", "disc_loss", "gen_loss")

    def __init__(self) -> None:
        self.values = {
            name: tf.Variable(tf.zeros([0]), shape=tf.TensorShape(None), trainable=False)
            for name in self.NAMES
        }
        self.seen: set[str] = set()

    def _keep(self, name: str, value: Any) -> None:
        try:
            tensor = tf.cast(tf.convert_to_tensor(value), tf.float32)
        except (TypeError, ValueError):
            return
        self.values[name].assign(tensor)

    def spies(
        self,
        discriminator_loss: Callable[..., Any] | None,
        generator_loss: Callable[..., Any] | None,
    ) -> dict[str, Callable[..., Any]]:
        found: dict[str, Callable[..., Any]] = {}
        if discriminator_loss is not None:

            def spy_discriminator(*args: Any, **kwargs: Any) -> Any:
                value = discriminator_loss(*args, **kwargs)
                if len(args) >= 2:
                    self.seen.add("discriminator_loss")
                    self._keep("real", args[0])
                    self._keep("fake", args[1])
                    self._keep("disc_loss", value)
                return value

            found["discriminator_loss"] = spy_discriminator
        if generator_loss is not None:

            def spy_generator(*args: Any, **kwargs: Any) -> Any:
                value = generator_loss(*args, **kwargs)
                if args:
                    self.seen.add("generator_loss")
                    self._keep("generated", args[0])
                    self._keep("gen_loss", value)
                return value

            found["generator_loss"] = spy_generator
        return found

    def value(self, name: str) -> Tensor:
        return tf.convert_to_tensor(self.values[name])


def probe_step(
    run: Callable[[Any], Any],
    batch: Any,
    generator: Any,
    discriminator: Any,
    noise: Tensor,
    discriminator_loss: Callable[..., Any] | None = None,
    generator_loss: Callable[..., Any] | None = None,
    namespace: dict[str, Any] | None = None,
) -> Probe:
    """Run `run(batch)` (one training step, traced or eager) with its losses watched, and
    measure how it moved both models on fixed images and noise.

    `discriminator_loss` and `generator_loss` are replaced in `namespace` (the globals of the
    step's code: by default `run`'s) by a `LossWatch`'s spies for this call, when that is where
    the step finds them; a step that does not call them by those names is probed on the
    models' raw scores. Exceptions from `run` propagate.
    """
    images, labels = split_batch(batch)
    if namespace is None:
        namespace = getattr(_python_function(run), "__globals__", {})
    watch = LossWatch()
    saved = {}
    for key, spy in watch.spies(discriminator_loss, generator_loss).items():
        if namespace.get(key) is (
            discriminator_loss if key == "discriminator_loss" else generator_loss
        ):
            saved[key] = namespace[key]
            namespace[key] = spy
    old_weights = [v.numpy().copy() for v in discriminator.variables]
    old_fakes = make_fakes(generator, noise, labels)
    count = int(images.shape[0])
    old_scores = score(
        discriminator, tf.concat([tf.cast(images, old_fakes.dtype), old_fakes], 0), _twice(labels)
    )
    try:
        returned = run(batch)
    finally:
        namespace.update(saved)
    new_fakes = make_fakes(generator, noise, labels)
    both = tf.concat([tf.cast(images, old_fakes.dtype), old_fakes, new_fakes], 0)
    new_scores = score(discriminator, both, _twice(labels, 3))
    new_weights = [v.numpy().copy() for v in discriminator.variables]
    _assign(discriminator.variables, old_weights)
    old_on_new = score(discriminator, new_fakes, labels)
    _assign(discriminator.variables, new_weights)
    probe = Probe(
        via_step={"discriminator_loss", "generator_loss"} <= watch.seen,
        real=old_scores[:count],
        fake=old_scores[count:],
        generated=old_scores[count:],
        returned=returned,
        old_d_real=_mean(old_scores[:count]),
        old_d_fake=_mean(old_scores[count:]),
        new_d_real=_mean(new_scores[:count]),
        new_d_fake=_mean(new_scores[count : 2 * count]),
        new_d_new_fakes=_mean(new_scores[2 * count :]),
        old_d_new_fakes=_mean(old_on_new),
        scores_before=(old_scores[:count], old_scores[count:], old_on_new),
        scores_after=(new_scores[:count], new_scores[count : 2 * count], new_scores[2 * count :]),
    )
    if "discriminator_loss" in watch.seen:
        probe.real, probe.fake = watch.value("real"), watch.value("fake")
        probe.disc_loss = _number(watch.value("disc_loss"))
    if "generator_loss" in watch.seen:
        probe.generated = watch.value("generated")
        probe.gen_loss = _number(watch.value("gen_loss"))
    return probe


def _twice(labels: Tensor | None, times: int = 2) -> Tensor | None:
    return None if labels is None else tf.concat([labels] * times, 0)


def _mean(tensor: Tensor) -> float:
    return float(tf.reduce_mean(tf.cast(tensor, tf.float64)))


def _number(value: Any) -> float:
    try:
        return float(tf.reduce_sum(tf.cast(tf.convert_to_tensor(value), tf.float64)))
    except (TypeError, ValueError):
        return math.nan


def _assign(variables: Iterable[Any], values: Iterable[np.ndarray]) -> None:
    for variable, value in zip(variables, values, strict=True):
        variable.assign(value)


def check_step_moves_both_models_the_right_way(
    probe: Probe,
    orientation: int = 1,
    discriminator_loss: Callable[..., Any] | None = None,
    generator_loss: Callable[..., Any] | None = None,
) -> None:
    """After one step, the discriminator tells the same real images from the same fakes
    better than before, and the discriminator as it was before the step scores the new
    generator's fakes as more real than the old generator's (or the new discriminator does:
    a step may update the discriminator first).

    For a mirrored loss (`orientation` -1: a low score means real), given the losses, a move
    that the scores call backwards still passes when the model's own loss, on the same
    images, went down. Its first step pushes hardest on the side whose target lies far from
    the untrained scores: for the usual orientation the real images (targets 1 and 0, scores
    near 0), which widens the margin; mirrored, the fakes, and the real images, which have
    the larger pixels, can rise with them and narrow it for that step (a mirrored LSGAN in
    kata 03 did on 3 seeds of 4). The losses are not asked in the usual orientation: there,
    a discriminator that follows the generator loss also lowers the discriminator loss for
    one step, by raising every score."""
    o = float(orientation)
    if orientation > 0:
        discriminator_loss = generator_loss = None
    old_margin = o * (probe.old_d_real - probe.old_d_fake)
    new_margin = o * (probe.new_d_real - probe.new_d_fake)
    if not all(math.isfinite(x) for x in (old_margin, new_margin)):
        _fail("numerics", "the discriminator's scores are not finite after a training step")
    # A discriminator whose last layer starts at zero scores every image 0: its first step
    # follows whatever else its loss holds (a gradient penalty's push) as much as the real
    # and fake scores, so that step says nothing of which loss it follows.
    starts_at_zero = probe.old_d_real == 0.0 and probe.old_d_fake == 0.0
    if (
        new_margin <= old_margin
        and not starts_at_zero
        and not _loss_went_down(
            discriminator_loss,
            "discriminator loss",
            probe.scores_before[:2],
            probe.scores_after[:2],
        )
    ):
        _fail(
            "target-shape",
            "after one training step the discriminator tells the same real images from the "
            f"same fakes worse than before (mean score of real minus fake: {old_margin:.4f} "
            f"before, {new_margin:.4f} after): its update follows the wrong loss. Take its "
            "gradient from the discriminator loss (disc_tape.gradient(disc_loss, "
            "discriminator.trainable_variables)), with real images labelled real",
        )
    moved_old = o * (probe.old_d_new_fakes - probe.old_d_fake)
    moved_new = o * (probe.new_d_new_fakes - probe.new_d_fake)
    if (
        moved_old <= 0
        and moved_new <= 0
        and not any(
            _loss_went_down(generator_loss, "generator loss", (scores[1],), (scores[2],))
            for scores in (probe.scores_before, probe.scores_after)
            if scores
        )
    ):
        _fail(
            "target-shape",
            "after one training step the generator's fakes look *more* fake to the "
            "discriminator than before (its mean score on the same noise went from "
            f"{o * probe.old_d_fake:.4f} to {o * probe.old_d_new_fakes:.4f}): the generator "
            "follows the wrong loss. Take its gradient from the generator loss "
            "(gen_tape.gradient(gen_loss, generator.trainable_variables)), which labels the "
            "fakes real",
        )


def _loss_went_down(
    loss_fn: Callable[..., Any] | None,
    name: str,
    before: Sequence[Tensor],
    after: Sequence[Tensor],
) -> bool:
    """`loss_fn` on the scores `after` a step is lower than on the scores `before` it, by more
    than a random loss's noise. False when there is no loss, or it cannot be called on them."""
    if loss_fn is None or not before or len(before) != len(after):
        return False
    try:
        old = _loss_estimate(loss_fn, name, *before)
        new = _loss_estimate(loss_fn, name, *after)
    except GANCheckFailed:
        return False
    return new[0] < old[0] and not _same_estimate(old, new)


def ranking_accuracy(
    discriminator: Any, real_images: Tensor, fake_images: Tensor, labels: Tensor | None = None
) -> float:
    """How often a real image scores higher than a fake one (0.5 is chance, 1.0 perfect).

    Works for logits and probabilities alike, since it compares scores, never thresholds them.
    A balanced GAN sits near 0.5: this says how well the discriminator tells the two apart,
    not how good the fakes are (for that, see `ganerrors.quality`).
    """
    real = tf.reshape(score(discriminator, real_images, labels), [-1, 1])
    fake = tf.reshape(score(discriminator, fake_images, labels), [1, -1])
    return float(tf.reduce_mean(tf.cast(real > fake, tf.float32)))


# -- before training: everything at once ------------------------------------------------------


def check_gan(
    generator: Any,
    discriminator: Any,
    real_images: Any,
    noise_dim: int | None = None,
    discriminator_loss: Callable[[Any, Any], Any] | None = None,
    seed: int = 0,
    *,
    generator_loss: Callable[[Any], Any] | None = None,
    train_step: Callable[[Any], Any] | None = None,
    labels: Any = None,
    num_classes: int | None = None,
    short_batch: int = 5,
) -> None:
    """Check a generator/discriminator pair before training; raise GANCheckFailed on a problem.

    On one batch of `real_images` (with their `labels` and `num_classes` for a conditional
    GAN): the fakes are float32, shaped like the data, inside the data's value range and able
    to reach both ends of it; the real images are float32; the labels fit every Embedding of
    both models; one score per image; a gradient from the discriminator's verdict on fakes
    reaches every variable and every unit of both models. Given `discriminator_loss` (and
    `generator_loss`): the losses are finite, reward a right verdict (and fooling the
    discriminator), and send a gradient from every example. Given `train_step(batch)`: a step
    on a short batch of `short_batch` images runs and leaves every variable finite (this
    trains your models by one step). TensorFlow errors are raised unchanged.
    """
    real_images = tf.convert_to_tensor(real_images)
    conditional = labels is not None or num_classes is not None
    if labels is not None:
        labels = tf.convert_to_tensor(labels)
    if noise_dim is None:
        noise_dim = _input_width(generator, conditional)
    count = int(real_images.shape[0])
    noise = tf.random.stateless_normal((count, noise_dim), seed=(seed, 0))
    models = {"generator": generator, "discriminator": discriminator}
    if conditional:
        check_class_labels(models, labels, num_classes, conditional=True)
    fake = check_generator_output(generator, noise, real_images, labels)
    check_fakes_share_the_data_dtype_and_range(generator, noise, real_images, labels)
    real_scores = check_discriminator_output(discriminator, real_images, labels)
    fake_scores = check_discriminator_output(discriminator, fake, labels)
    with tf.GradientTape(persistent=True) as tape:
        verdict = score(discriminator, make_fakes(generator, noise, labels, True), labels, True)
        total = tf.reduce_mean(verdict)
    for name, model in models.items():
        grads = tape.gradient(total, model.trainable_variables)
        missing = [
            _variable_name(v)
            for v, g in zip(model.trainable_variables, grads, strict=True)
            if g is None
        ]
        if missing:
            _fail(
                "no-gradients",
                f"no gradient reaches {len(missing)} of {len(grads)} variables of the {name} "
                f"from the discriminator's verdict on fakes ({', '.join(missing)})",
            )
    del tape
    check_every_unit_reaches_the_output(generator, discriminator, noise, real_images, labels)
    orientation = 1
    if discriminator_loss is not None:
        value = _call_loss(discriminator_loss, "discriminator loss", real_scores, fake_scores)
        if not math.isfinite(value) or not finite_gradients(
            discriminator_loss, real_scores, fake_scores
        ):
            _fail("numerics", f"the discriminator loss or its gradient is not finite ({value})")
        orientation = check_loss_rewards_telling_real_from_fake(
            discriminator_loss, real_scores, "discriminator loss", fake_scores, generator_loss
        )
        check_every_example_sends_a_gradient(
            discriminator_loss, real_scores, fake_scores, "discriminator loss"
        )
    if generator_loss is not None:
        value = _call_loss(generator_loss, "generator loss", fake_scores)
        if not math.isfinite(value) or not finite_gradients(generator_loss, fake_scores):
            _fail("numerics", f"the generator loss or its gradient is not finite ({value})")
        check_generator_loss_rewards_fooling_the_discriminator(
            generator_loss,
            fake_scores,
            orientation,
            discriminator_loss=discriminator_loss,
            real_like=real_scores,
        )
        check_every_example_sends_a_gradient(generator_loss, fake_scores, "generator loss")
    if train_step is not None:
        size = max(1, min(short_batch, count - 1))
        short = join_batch(real_images[:size], None if labels is None else labels[:size])
        run_step(train_step, short, models, [], f"a short batch of {size}", check_finite=True)


def _input_width(model: Any, conditional: bool = False) -> int:
    inputs: Sequence[Any] = getattr(model, "inputs", None) or ()
    if len(inputs) == (2 if conditional else 1) and inputs[0].shape[-1] is not None:
        return int(inputs[0].shape[-1])  # a conditional generator takes [noise, labels]
    raise ValueError("cannot tell the generator's noise size from the model; pass noise_dim=...")
