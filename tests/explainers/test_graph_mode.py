"""The checklist's bugs written as TensorFlow 1 code (placeholders, a Session, `tf.nn` and
`tf.compat.v1` ops), run here in a graph: each message, pasted alone, gets its category.

Most threads of the TF 1 era show these messages: the graph checks shapes (`ValueError`) and
dtypes (`TypeError`) when an op is built, and the kernels check values when the Session runs
it (`InvalidArgumentError`); of the 20 bugs here, 11, 3 and 6 on TF 2.21.
The bugs are written independently of the readers; the graph is built inside
`tf.Graph().as_default()`, so nothing changes for the other tests of the session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from ganerrors.explainers import explain

pytestmark = pytest.mark.tensorflow

tf = pytest.importorskip("tensorflow")
v1 = tf.compat.v1

Build = Callable[[], tuple[Any, dict | None]]


def _run(build: Build) -> str:
    """What running the graph `build` makes raises, as a learner pastes it."""
    try:
        with tf.Graph().as_default():
            fetch, feed = build()
            with v1.Session() as session:
                session.run(v1.global_variables_initializer())
                session.run(fetch, feed_dict=feed)
    except Exception as exc:  # the point: whatever TensorFlow raises
        return f"{type(exc).__name__}: {exc}"
    raise AssertionError("raised nothing")


def _weights(name: str, shape: tuple[int, ...]) -> Any:
    return v1.get_variable(name, shape)


def short_batch_into_a_fixed_placeholder() -> tuple[Any, dict]:
    noise = v1.placeholder(tf.float32, (64, 100))
    return noise * 2.0, {noise: np.zeros((16, 100))}


def labels_fixed_at_64() -> tuple[Any, dict]:
    images = v1.placeholder(tf.float32, (None, 10))
    logits = tf.matmul(images, _weights("d", (10, 1)))
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones((64, 1)), logits=logits)
    return loss, {images: np.zeros((50, 10))}


def reshape_with_a_fixed_batch() -> tuple[Any, dict]:
    flat = v1.placeholder(tf.float32, (None, 784))
    return tf.reshape(flat, (64, 28, 28, 1)), {flat: np.zeros((50, 784))}


def two_scores_per_image() -> tuple[Any, dict]:
    images = v1.placeholder(tf.float32, (None, 10))
    logits = tf.matmul(images, _weights("d", (10, 2)))
    labels = tf.ones_like(logits[:, :1])
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    return loss, {images: np.zeros((8, 10))}


def a_map_of_scores() -> tuple[Any, dict]:
    images = v1.placeholder(tf.float32, (8, 28, 28, 1))
    scores = tf.nn.conv2d(images, _weights("d", (4, 4, 1, 1)), 2, "SAME")
    return v1.losses.sigmoid_cross_entropy(tf.ones((8, 1)), scores), {
        images: np.zeros((8, 28, 28, 1))
    }


def labels_without_their_column() -> tuple[Any, dict]:
    images = v1.placeholder(tf.float32, (8, 10))
    logits = tf.matmul(images, _weights("d", (10, 1)))
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones((8,)), logits=logits)
    return loss, {images: np.zeros((8, 10))}


def one_hot_labels_for_the_sparse_loss() -> tuple[Any, dict]:
    logits = v1.placeholder(tf.float32, (None, 10))
    labels = v1.placeholder(tf.int32, (None, 10))
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    return loss, {logits: np.zeros((8, 10)), labels: np.zeros((8, 10))}


def class_indices_for_the_softmax_loss() -> tuple[Any, dict]:
    logits = v1.placeholder(tf.float32, (None, 10))
    labels = v1.placeholder(tf.float32, (None,))
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    return loss, {logits: np.zeros((8, 10)), labels: np.zeros((8,))}


def fakes_of_another_size_into_the_discriminator() -> tuple[Any, dict]:
    noise = v1.placeholder(tf.float32, (None, 100))
    fakes = tf.matmul(noise, _weights("g", (100, 4096)))  # 64x64 drawn, 28x28 judged
    return tf.matmul(fakes, _weights("d", (784, 1))), {noise: np.zeros((8, 100))}


def images_of_another_size_fed() -> tuple[Any, dict]:
    images = v1.placeholder(tf.float32, (None, 28, 28, 1))
    return images * 2.0, {images: np.zeros((8, 32, 32, 3))}


def noise_of_another_size() -> tuple[Any, dict]:
    noise = v1.placeholder(tf.float32, (None, 100))
    return tf.matmul(noise, _weights("g", (100, 784))), {noise: np.zeros((8, 128))}


def colour_images_into_a_grayscale_filter() -> tuple[Any, dict]:
    images = v1.placeholder(tf.float32, (None, 28, 28, 3))
    scores = tf.nn.conv2d(images, _weights("d", (3, 3, 1, 8)), 1, "SAME")
    return scores, {images: np.zeros((8, 28, 28, 3))}


def bytes_joined_with_fakes() -> tuple[Any, dict]:
    real = v1.placeholder(tf.uint8, (None, 4))
    fake = v1.placeholder(tf.float32, (None, 4))
    return tf.concat([real, fake], 0), {real: np.zeros((2, 4)), fake: np.zeros((2, 4))}


def float64_data_into_float32_weights() -> tuple[Any, None]:
    return tf.matmul(tf.constant(np.zeros((2, 4))), _weights("d", (4, 1))), None


def integer_labels_for_a_sigmoid_loss() -> tuple[Any, dict]:
    logits = v1.placeholder(tf.float32, (None, 1))
    labels = v1.placeholder(tf.int32, (None, 1))
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    return loss, {logits: np.zeros((2, 1)), labels: np.zeros((2, 1))}


def a_class_past_the_embedding() -> tuple[Any, dict]:
    labels = v1.placeholder(tf.int32, (None,))
    return tf.nn.embedding_lookup(_weights("e", (10, 4)), labels), {labels: np.array([1, 10])}


def a_class_past_the_sparse_loss() -> tuple[Any, dict]:
    logits = v1.placeholder(tf.float32, (None, 10))
    labels = v1.placeholder(tf.int32, (None,))
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    return loss, {logits: np.zeros((2, 10)), labels: np.array([1, 10])}


def a_log_of_zero_checked() -> tuple[Any, dict]:
    scores = v1.placeholder(tf.float32, (None,))
    return tf.debugging.check_numerics(tf.math.log(scores), "D loss"), {scores: np.zeros(2)}


def a_loss_that_reaches_no_weight() -> tuple[Any, dict]:
    weights = _weights("g", (1,))
    scores = v1.placeholder(tf.float32, (None,))
    step = v1.train.AdamOptimizer().minimize(tf.reduce_mean(scores), var_list=[weights])
    return step, {scores: np.zeros(2)}


def a_rounded_generator() -> tuple[Any, None]:
    weights = _weights("g", (1,))
    loss = tf.reduce_mean(tf.cast(tf.cast(weights, tf.int32), tf.float32))
    return v1.train.GradientDescentOptimizer(0.1).minimize(loss), None


BUGS: list[tuple[Build, str]] = [
    (short_batch_into_a_fixed_placeholder, "batch-size"),
    (labels_fixed_at_64, "batch-size"),
    (reshape_with_a_fixed_batch, "batch-size"),
    (two_scores_per_image, "output-shape"),
    (a_map_of_scores, "output-shape"),
    (labels_without_their_column, "target-shape"),
    (one_hot_labels_for_the_sparse_loss, "target-shape"),
    (class_indices_for_the_softmax_loss, "target-shape"),
    (fakes_of_another_size_into_the_discriminator, "model-io-shape"),
    (images_of_another_size_fed, "model-io-shape"),
    (noise_of_another_size, "model-io-shape"),
    (colour_images_into_a_grayscale_filter, "model-io-shape"),
    (bytes_joined_with_fakes, "dtype"),
    (float64_data_into_float32_weights, "dtype"),
    (integer_labels_for_a_sigmoid_loss, "dtype"),
    (a_class_past_the_embedding, "index-range"),
    (a_class_past_the_sparse_loss, "index-range"),
    (a_log_of_zero_checked, "numerics"),
    (a_loss_that_reaches_no_weight, "no-gradients"),
    (a_rounded_generator, "no-gradients"),
]


@pytest.mark.parametrize(("build", "category"), BUGS, ids=[b.__name__ for b, _ in BUGS])
def test_a_tf1_graph_error_pasted_alone_gets_its_category(build: Build, category: str) -> None:
    text = _run(build)
    diagnosis = explain(text)
    assert diagnosis is not None, text
    assert (diagnosis.category, diagnosis.reader_confidence) == (category, "high"), text
