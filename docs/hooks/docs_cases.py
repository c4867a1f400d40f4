"""The cases behind "Which error where" and the checklist's real messages.

Each case is one GAN bug reduced to a few lines: `make()` builds fresh models and returns
`step(images)`. `run_case` runs the step three ways, on the installed TensorFlow:

- eager: the step called as a plain Python function;
- tf.function: wrapped in `tf.function`, traced for each batch shape it meets;
- unknown batch: wrapped with `input_signature=[tf.TensorSpec([None, 8, 8, 1])]`, traced once
  with the batch dimension unknown, so shape problems surface only when the graph runs.

The pages show what the run measured, never the `claims`; the claims are what the prose of
the site says, and both the build (a warning, fatal under --strict) and tests/test_docs.py
fail when a TensorFlow upgrade makes a measurement differ from its claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

MODES = ("eager", "tf.function", "unknown batch")
NOTHING = "nothing raised"
BATCH = 32
IMAGE_SHAPE = (8, 8, 1)


def _tf() -> Any:
    from ganerrors._tf import import_tensorflow

    return import_tensorflow()


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    category: str  # a ganerrors.categories id
    make: Callable[[], Callable[[Any], Any]]
    #: mode -> "nothing raised" or "ExceptionType: regular expression searched in the message"
    claims: dict[str, str]
    kata: str | None = None  # the kata whose bug this is, where there is one
    batches: tuple[int, ...] = (BATCH,)  # batch sizes fed in turn (a short last batch: 32, 16)


@dataclass(frozen=True)
class Outcome:
    mode: str
    raised: str | None  # the exception's class name, None when nothing was raised
    message: str = ""  # the whole message, paths as TensorFlow wrote them
    note: str = ""  # what the step returned when nothing was raised

    @property
    def key_line(self) -> str:
        return key_line(self.message) if self.raised else ""

    @property
    def summary(self) -> str:
        return f"{self.raised}: {self.key_line}" if self.raised else NOTHING

    def agrees_with(self, claim: str) -> bool:
        if claim == NOTHING:
            return self.raised is None
        kind, _, pattern = claim.partition(": ")
        return self.raised == kind and re.search(pattern, self.message) is not None


@dataclass(frozen=True)
class Result:
    case: Case
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def disagreements(self) -> list[str]:
        return [
            f"{self.case.id} ({mode}): the site claims {self.case.claims[mode]!r}, "
            f"TensorFlow gives {outcome.summary!r}"
            for mode, outcome in self.outcomes.items()
            if not outcome.agrees_with(self.case.claims[mode])
        ]


_NOISE = re.compile(r"^(in user code:|Graph execution error:|Detected at node .*)$")
_FUNCTION_NODE = re.compile(r"^\{\{function_node [^}]*\}\}\s*")


_BOLD = re.compile(r"\x1b\[1m(.*?)\x1b\[0m", re.S)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ROOT = str(Path(__file__).resolve().parents[2]) + "/"
_SITE_PACKAGES = re.compile(r'"[^"]*?/site-packages/')


def tidy(message: str) -> str:
    """The message as TensorFlow wrote it, without terminal colours, with shorter paths:
    the repository's own files relative to its root, libraries from `site-packages/`."""
    message = _ANSI.sub("", message).replace(_ROOT, "")
    return _SITE_PACKAGES.sub('".../site-packages/', message)


def key_line(message: str) -> str:
    """The line of a TensorFlow message that says what is wrong.

    Keras wraps a layer's error in "Exception encountered when calling ..." and prints the
    error itself in bold. Under tf.function, TensorFlow wraps the message in the traceback of
    the traced code ("in user code:", indented `File ...` lines, "Graph execution error:",
    node names); the statement itself is the last line that is not part of that wrapping.
    """
    bold = _BOLD.search(message)
    if bold:
        return _FUNCTION_NODE.sub("", bold.group(1).strip())
    lines = []
    for line in message.splitlines():
        if not line.strip() or line.startswith(("\t", "  ")) and "Error: " not in line:
            continue
        line = _FUNCTION_NODE.sub("", line.strip())
        if _NOISE.match(line):
            continue
        lines.append(line)
    if not lines:
        return message.strip()
    line = lines[-1]
    return re.sub(r"^\w+(Error|Exception): ", "", line)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{name}: {_describe(item)}" for name, item in value.items())
    array = np.asarray(value)
    if array.ndim == 0:
        return f"{array.item():.4g}" if array.dtype.kind == "f" else str(array.item())
    return f"shape {tuple(array.shape)}"


def run_case(case: Case, images: Any | None = None) -> Result:
    """Run `case` in every mode, each with freshly built models."""
    tf = _tf()
    if images is None:
        from ganerrors.datasets import bars

        images = tf.constant(bars(BATCH, size=IMAGE_SHAPE[0]))
    outcomes = {}
    for mode in MODES:
        tf.keras.utils.set_random_seed(0)
        step = case.make()
        if mode == "tf.function":
            step = tf.function(step)
        elif mode == "unknown batch":
            spec = tf.TensorSpec([None, *IMAGE_SHAPE], tf.float32)
            step = tf.function(step, input_signature=[spec])
        try:
            value = None
            for size in case.batches:
                value = step(images[:size])
        except Exception as exc:  # the point: record whatever TensorFlow raises
            outcomes[mode] = Outcome(mode, type(exc).__name__, str(exc))
        else:
            outcomes[mode] = Outcome(mode, None, note=_describe(value) if value is not None else "")
    return Result(case, outcomes)


def run_all(cases: list[Case] | None = None) -> list[Result]:
    return [run_case(case) for case in (CASES if cases is None else cases)]


# -- the cases -----------------------------------------------------------------------------


def _discriminator(units: int = 1) -> Any:
    keras = _tf().keras
    return keras.Sequential(
        [
            keras.Input(shape=IMAGE_SHAPE),
            keras.layers.Flatten(),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(units),
        ],
        name="discriminator",
    )


def _generator(image_shape: tuple[int, int, int] = IMAGE_SHAPE, noise_dim: int = 4) -> Any:
    keras = _tf().keras
    return keras.Sequential(
        [
            keras.Input(shape=(noise_dim,)),
            keras.layers.Dense(int(np.prod(image_shape)), activation="tanh"),
            keras.layers.Reshape(image_shape),
        ],
        name="generator",
    )


def _noise(images: Any, width: int = 4) -> Any:
    tf = _tf()
    return tf.random.stateless_normal([tf.shape(images)[0], width], seed=(0, 1))


def two_scores_per_image() -> Callable[[Any], Any]:
    tf, keras = _tf(), _tf().keras
    discriminator = _discriminator(units=2)
    loss = keras.losses.BinaryCrossentropy(from_logits=True)

    def step(images):
        scores = discriminator(images)
        labels = tf.ones((tf.shape(images)[0], 1))
        return loss(labels, scores)

    return step


def two_scores_labels_like_scores() -> Callable[[Any], Any]:
    tf, keras = _tf(), _tf().keras
    discriminator = _discriminator(units=2)
    loss = keras.losses.BinaryCrossentropy(from_logits=True)

    def step(images):
        scores = discriminator(images)
        return {"scores": scores, "loss": loss(tf.ones_like(scores), scores)}

    return step


def integer_pixels() -> Callable[[Any], Any]:
    tf, keras = _tf(), _tf().keras
    generator, discriminator = _generator(), _discriminator()
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    optimizer = keras.optimizers.Adam(1e-3)

    def step(images):
        with tf.GradientTape() as tape:
            fakes = tf.cast((generator(_noise(images)) + 1) * 127.5, tf.int32)
            scores = discriminator(fakes)
            generator_loss = loss(tf.ones_like(scores), scores)
        gradients = tape.gradient(generator_loss, generator.trainable_variables)
        optimizer.apply_gradients(zip(gradients, generator.trainable_variables, strict=True))
        return generator_loss

    return step


def _labels_without_a_column(loss_kind: str) -> Callable[[], Callable[[Any], Any]]:
    def make() -> Callable[[Any], Any]:
        tf, keras = _tf(), _tf().keras
        discriminator = _discriminator()
        bce = keras.losses.BinaryCrossentropy(from_logits=True)

        def step(images):
            scores = discriminator(images)  # (batch, 1)
            labels = tf.ones(tf.shape(images)[:1])  # (batch,)
            if loss_kind == "squared error":
                difference = labels - scores
                return {"labels - scores": difference, "loss": tf.reduce_mean(difference**2)}
            if loss_kind == "object":
                return {"loss": bce(labels, scores)}
            return {"loss": tf.reduce_mean(keras.losses.binary_crossentropy(labels, scores))}

        return step

    return make


def logits_as_probabilities() -> Callable[[Any], Any]:
    tf, keras = _tf(), _tf().keras
    discriminator = _discriminator()
    loss = keras.losses.BinaryCrossentropy()  # from_logits=False: expects probabilities

    def step(images):
        scores = discriminator(images) * 5.0  # raw logits, spread like a trained model's
        with tf.GradientTape() as tape:
            tape.watch(scores)
            value = loss(tf.ones_like(scores), scores)
        gradient = tape.gradient(value, scores)
        dead = tf.reduce_sum(tf.cast(tf.equal(gradient, 0.0), tf.int32))
        return {"loss": value, "examples sending no gradient": dead}

    return step


def labels_for_a_fixed_batch() -> Callable[[Any], Any]:
    tf, keras = _tf(), _tf().keras
    discriminator = _discriminator()
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    real_labels = tf.ones((BATCH, 1))  # made once, for a batch of 32

    def step(images):
        return loss(real_labels, discriminator(images))

    return step


def float64_real_images() -> Callable[[Any], Any]:
    tf = _tf()
    generator = _generator()

    def step(images):
        real = tf.cast(images, tf.float64)  # NumPy data is float64 unless told otherwise
        fakes = generator(_noise(images))
        return tf.concat([real, fakes], axis=0)

    return step


def generator_too_small() -> Callable[[Any], Any]:
    generator, discriminator = _generator(image_shape=(7, 7, 1)), _discriminator()

    def step(images):
        return discriminator(generator(_noise(images)))

    return step


def class_label_out_of_range() -> Callable[[Any], Any]:
    tf, keras = _tf(), _tf().keras
    embedding = keras.layers.Embedding(input_dim=10, output_dim=4)  # classes 0..9

    def step(images):
        labels = tf.range(tf.shape(images)[0]) % 11  # one label too many: 0..10
        return embedding(labels)

    return step


CASES: list[Case] = [
    Case(
        "two-scores-per-image",
        "Discriminator gives (32, 2), labels are (32, 1), BinaryCrossentropy",
        "output-shape",
        two_scores_per_image,
        kata="01",
        claims=dict.fromkeys(MODES, "ValueError: `target` and `output` must have the same shape"),
    ),
    Case(
        "two-scores-labels-like-scores",
        "Discriminator gives (32, 2), labels made with tf.ones_like(scores)",
        "output-shape",
        two_scores_labels_like_scores,
        claims=dict.fromkeys(MODES, NOTHING),
    ),
    Case(
        "integer-pixels",
        "Generator output cast to int32 before the discriminator",
        "no-gradients",
        integer_pixels,
        kata="02",
        claims=dict.fromkeys(MODES, "ValueError: No gradients provided for any variable"),
    ),
    Case(
        "labels-without-a-column-squared-error",
        "Labels (32,), scores (32, 1), hand-written squared error",
        "target-shape",
        _labels_without_a_column("squared error"),
        kata="03",
        claims=dict.fromkeys(MODES, NOTHING),
    ),
    Case(
        "labels-without-a-column-object",
        "Labels (32,), scores (32, 1), a BinaryCrossentropy object",
        "target-shape",
        _labels_without_a_column("object"),
        claims=dict.fromkeys(MODES, NOTHING),
    ),
    Case(
        "labels-without-a-column-function",
        "Labels (32,), scores (32, 1), the keras.losses.binary_crossentropy function",
        "target-shape",
        _labels_without_a_column("function"),
        claims=dict.fromkeys(MODES, "ValueError: ndim|rank"),
    ),
    Case(
        "logits-as-probabilities",
        "Raw logits into BinaryCrossentropy() (from_logits=False)",
        "numerics",
        logits_as_probabilities,
        kata="04",
        claims=dict.fromkeys(MODES, NOTHING),
    ),
    Case(
        "labels-for-a-fixed-batch",
        "Labels tf.ones((32, 1)) made once; the last batch has 16 images",
        "batch-size",
        labels_for_a_fixed_batch,
        batches=(BATCH, 16),
        claims={
            "eager": "ValueError: must have the same shape",
            "tf.function": "ValueError: must have the same shape",
            "unknown batch": r"InvalidArgumentError: Incompatible shapes: \[32,1\] vs. \[16,1\]",
        },
    ),
    Case(
        "float64-real-images",
        "Real images float64, generated images float32, joined with tf.concat",
        "dtype",
        float64_real_images,
        claims={
            "eager": "InvalidArgumentError: was expected to be a double tensor but is a float",
            "tf.function": "TypeError: have types \\[float64, float32\\] that don't all match",
            "unknown batch": "TypeError: have types \\[float64, float32\\] that don't all match",
        },
    ),
    Case(
        "generator-too-small",
        "Generator makes 7x7 images, the discriminator takes 8x8",
        "model-io-shape",
        generator_too_small,
        claims=dict.fromkeys(MODES, "ValueError: is incompatible with the layer: expected axis -1"),
    ),
    Case(
        "class-label-out-of-range",
        "Class label 10 into an Embedding built for 10 classes (0 to 9)",
        "index-range",
        class_label_out_of_range,
        claims=dict.fromkeys(
            MODES, r"InvalidArgumentError: indices\[\d+\] = 10 is not in \[0, 10\)"
        ),
    ),
]

BY_ID = {case.id: case for case in CASES}
