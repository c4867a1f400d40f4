"""Make the checklist's bugs where most learners meet them, in `model.fit`, and write what
each raised, as JSON: the input and target checks of `fit()` and its losses, which the
catalogue's own `train_step` cases do not reach.

Run by tests/explainers/test_fit.py in a subprocess, once on Keras 3 and once on Keras 2
(TF_USE_LEGACY_KERAS=1 makes `tf.keras` tf_keras):

    [TF_USE_LEGACY_KERAS=1] python tests/explainers/fit_run.py out.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

#: (id, category, bug): each bug is a tiny model fit for one epoch on 64 random 28x28 images.
#: Each gets high confidence but those in GUESSES.
FIT_BUGS: list[tuple[str, str, str]] = [
    ("class-indices-for-categorical-crossentropy", "target-shape", "labels 0-9 as one column"),
    ("one-hot-labels-for-a-sparse-loss", "target-shape", "one-hot rows for the sparse loss"),
    ("two-scores-per-image", "output-shape", "Dense(2) against (n, 1) real/fake labels"),
    ("a-map-of-scores", "output-shape", "a discriminator that ends in a conv map"),
    ("four-labels-per-image", "target-shape", "labels (n, 4) against one score"),
    ("flat-vectors-into-a-conv-model", "model-io-shape", "(n, 784) into Input(28, 28, 1)"),
    ("colour-into-a-grayscale-model", "model-io-shape", "3 channels into a 1-channel model"),
    ("images-into-a-dense-model", "model-io-shape", "(n, 28, 28) into Input(784)"),
    ("fewer-labels-than-images", "batch-size", "64 images and 60 labels"),
    ("a-class-past-the-last", "index-range", "label 10 of 10 classes"),
    ("an-embedding-index-past-input-dim", "index-range", "index 12 into Embedding(10)"),
    ("string-labels", "dtype", "labels of str"),
    ("an-object-array", "dtype", "an object array with a str in it"),
    ("a-batch-size-fixed-in-a-reshape", "batch-size", "tf.reshape to (32, 784), last batch 18"),
    ("a-log-of-zero-checked", "numerics", "check_numerics on log(x - 1)"),
]
#: Bugs whose message alone does not say which side is wrong (`ShapePair.tentative`): labels
#: of 4 values against 1 score may be labels of the wrong form or a last layer too narrow.
GUESSES = {"four-labels-per-image"}
#: Bugs that fit() lets through, on both Keras: a model built with `Input(shape=(28, 28, 1))`
#: given (n, 28, 28) images adds the missing last axis itself.
SILENT = {"images-without-the-channel-axis": "(n, 28, 28) into Input(28, 28, 1)"}


def bugs(tf: Any, np: Any) -> dict[str, Callable[[], None]]:
    keras = tf.keras
    layers = keras.layers
    rng = np.random.default_rng(0)
    images = rng.random((64, 28, 28, 1), dtype="float32")
    flat = images.reshape(64, -1)
    classes = rng.integers(0, 10, (64,))
    ones = np.ones((64, 1), "float32")

    def model(shape: tuple[int, ...], *stack: Any, batch: int | None = None) -> Any:
        return keras.Sequential([keras.Input(shape=shape), *stack])

    def fit(net: Any, x: Any, y: Any, loss: Any, batch_size: int = 32) -> None:
        net.compile(optimizer="adam", loss=loss)
        net.fit(x, y, epochs=1, batch_size=batch_size, verbose=0)

    def head(units: int, activation: str | None = None) -> Any:
        return model((28, 28, 1), layers.Flatten(), layers.Dense(units, activation=activation))

    def conv() -> Any:
        return model((28, 28, 1), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(1))

    logits = keras.losses.BinaryCrossentropy(from_logits=True)
    sparse = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return {
        "class-indices-for-categorical-crossentropy": lambda: fit(
            head(10, "softmax"), images, classes, "categorical_crossentropy"
        ),
        "one-hot-labels-for-a-sparse-loss": lambda: fit(
            head(10), images, np.eye(10)[classes], sparse
        ),
        "two-scores-per-image": lambda: fit(head(2), images, ones, logits),
        "a-map-of-scores": lambda: fit(
            model((28, 28, 1), layers.Conv2D(1, 4, strides=2, padding="same")), images, ones, logits
        ),
        "four-labels-per-image": lambda: fit(head(1), images, np.ones((64, 4)), logits),
        "flat-vectors-into-a-conv-model": lambda: fit(conv(), flat, ones, "mse"),
        "images-without-the-channel-axis": lambda: fit(conv(), images[..., 0], ones, "mse"),
        "colour-into-a-grayscale-model": lambda: fit(conv(), np.repeat(images, 3, -1), ones, "mse"),
        "images-into-a-dense-model": lambda: fit(
            model((784,), layers.Dense(1)), images[..., 0], ones, "mse"
        ),
        "fewer-labels-than-images": lambda: fit(head(1), images, ones[:60], "mse"),
        "a-class-past-the-last": lambda: fit(head(10), images, np.full((64,), 10), sparse),
        "an-embedding-index-past-input-dim": lambda: fit(
            model((1,), layers.Embedding(10, 4), layers.Flatten(), layers.Dense(1)),
            np.full((64, 1), 12),
            ones,
            "mse",
        ),
        "string-labels": lambda: fit(head(1), images, np.array(["real"] * 64), "mse"),
        "an-object-array": lambda: fit(
            model((3,), layers.Dense(1)), np.array([[1, 2, "x"]] * 64, dtype=object), ones, "mse"
        ),
        "a-batch-size-fixed-in-a-reshape": lambda: fit(
            model((784,), layers.Lambda(lambda t: tf.reshape(t, (32, 784))), layers.Dense(1)),
            flat[:50],
            ones[:50],
            "mse",
        ),
        "a-log-of-zero-checked": lambda: fit(
            model(
                (784,),
                layers.Lambda(lambda t: tf.debugging.check_numerics(tf.math.log(t - 1.0), "log")),
                layers.Dense(1),
            ),
            flat,
            ones,
            "mse",
        ),
    }


def main(path: str) -> None:
    import numpy as np

    from ganerrors._tf import import_tensorflow

    tf = import_tensorflow()
    keras = tf.keras
    version = getattr(keras, "__version__", "") or __import__("tf_keras").__version__
    records = []
    for bug_id, make in bugs(tf, np).items():
        try:
            make()
        except Exception as exc:  # the point: whatever fit() raises
            records.append({"id": bug_id, "raised": f"{type(exc).__name__}: {exc}"})
        else:
            records.append({"id": bug_id, "raised": None})
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"keras": version, "module": keras.__name__, "records": records}, out)


if __name__ == "__main__":
    main(sys.argv[1])
