"""What the kata READMEs say about TensorFlow, run on the installed TensorFlow.

Each test is one sentence of a README's "whole truth" section. When an upgrade changes the
behaviour, the test names the README to correct.
"""

from __future__ import annotations

import math

import pytest

from ganerrors._tf import import_tensorflow

tf = import_tensorflow()
keras = tf.keras
InvalidArgumentError = tf.errors.InvalidArgumentError


def _two_score_discriminator():
    return keras.Sequential([keras.Input((8,)), keras.layers.Dense(2)])


# -- katas/01/README.md ---------------------------------------------------------------


def test_01_two_scores_against_column_labels_is_a_value_error_eager_and_traced() -> None:
    discriminator = _two_score_discriminator()
    loss = keras.losses.BinaryCrossentropy(from_logits=True)

    def step(images):
        return loss(tf.ones((tf.shape(images)[0], 1)), discriminator(images))

    for run in (step, tf.function(step)):
        with pytest.raises(ValueError, match="must have the same shape"):
            run(tf.zeros((32, 8)))


def test_01_two_scores_with_ones_like_labels_raises_nothing() -> None:
    discriminator = _two_score_discriminator()
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    scores = discriminator(tf.zeros((32, 8)))
    assert math.isfinite(float(loss(tf.ones_like(scores), scores)))


# -- katas/02/README.md ---------------------------------------------------------------


def test_02_an_integer_cast_gives_no_gradient_and_apply_gradients_raises() -> None:
    dense = keras.layers.Dense(4)
    dense.build((None, 4))
    with tf.GradientTape() as tape:
        pixels = tf.cast(dense(tf.ones((2, 4))), tf.int32)
        loss = tf.reduce_mean(tf.cast(pixels, tf.float32))
    grads = tape.gradient(loss, dense.trainable_variables)
    assert grads == [None, None]
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        keras.optimizers.Adam().apply_gradients(zip(grads, dense.trainable_variables, strict=True))


def test_02_called_again_the_failed_step_returns_none_and_trains_nothing() -> None:
    weight = tf.Variable(1.0)
    optimizer = keras.optimizers.Adam()  # unbuilt: it creates its variables in the trace

    @tf.function
    def train_step():
        weight.assign_add(1.0)
        optimizer.apply_gradients([(None, weight)])
        return weight + 0.0

    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        train_step()
    assert train_step() is None  # no error the second time...
    assert float(weight.numpy()) == 1.0  # ...and nothing ran


def test_02_a_dense_layer_casts_integer_input_to_float32() -> None:
    layer = keras.layers.Dense(1)
    assert layer(tf.ones((2, 3), tf.int32)).dtype == tf.float32


@pytest.mark.parametrize("dtype", [tf.int32, tf.uint8, tf.float64])
def test_02_concatenating_another_dtype_with_float32_is_an_invalid_argument_error(
    dtype,
) -> None:
    real = tf.zeros((2, 4), tf.float32)
    fake = tf.zeros((2, 4), dtype)
    with pytest.raises(InvalidArgumentError, match="ConcatV2"):
        tf.concat([real, fake], axis=0)


@pytest.mark.parametrize("dtype", [tf.int32, tf.uint8, tf.float64])
def test_02_the_same_concatenation_inside_a_tf_function_is_a_type_error(dtype) -> None:
    join = tf.function(lambda real, fake: tf.concat([real, fake], axis=0))
    with pytest.raises(TypeError, match="Tensors in list passed to 'values'"):
        join(tf.zeros((2, 4), tf.float32), tf.zeros((2, 4), dtype))


# -- katas/03/README.md ---------------------------------------------------------------


def test_03_a_squared_error_with_labels_without_a_column_broadcasts_silently() -> None:
    labels = tf.concat([tf.ones(4), tf.zeros(4)], axis=0)
    scores = tf.concat([tf.ones((4, 1)), tf.zeros((4, 1))], axis=0)  # a perfect verdict
    assert (labels - scores).shape == (8, 8)
    assert float(tf.reduce_mean(tf.square(labels - scores))) == pytest.approx(0.5)


def test_03_a_binary_crossentropy_object_aligns_the_ranks_and_computes_the_same_loss() -> None:
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    scores = tf.constant([[2.0], [-1.0], [0.5]])
    flat = tf.constant([1.0, 0.0, 1.0])
    assert float(loss(flat, scores)) == pytest.approx(float(loss(flat[:, None], scores)))


def test_03_the_binary_crossentropy_function_raises_about_rank() -> None:
    with pytest.raises(ValueError, match="same rank"):
        keras.losses.binary_crossentropy(tf.ones(32), tf.ones((32, 1)))


def test_03_sigmoid_cross_entropy_with_logits_raises_about_shape() -> None:
    with pytest.raises(ValueError, match="must have the same shape"):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones(32), logits=tf.ones((32, 1)))


# -- katas/04/README.md ---------------------------------------------------------------


def test_04_scores_outside_zero_one_are_clipped_to_a_constant_loss_and_no_gradient() -> None:
    loss = keras.losses.BinaryCrossentropy()  # from_logits=False
    scores = tf.constant([[-0.5]])
    with tf.GradientTape() as tape:
        tape.watch(scores)
        value = loss(tf.ones((1, 1)), scores)
    assert float(value) == pytest.approx(-math.log(1e-7), rel=1e-3)  # about 16.1
    assert float(tape.gradient(value, scores)[0, 0]) == 0.0


def test_04_check_numerics_raises_on_the_log_of_zero() -> None:
    with pytest.raises(InvalidArgumentError, match="Inf"):
        tf.debugging.check_numerics(-tf.math.log(tf.constant([0.0, 0.5])), "log of scores")


def test_04_enable_check_numerics_makes_the_first_bad_op_raise_naming_it() -> None:
    # also docs/checklist.md#numerics and docs/tools.md
    tf.debugging.enable_check_numerics()
    try:
        with pytest.raises(InvalidArgumentError, match='op "Log"'):
            -tf.math.log(tf.constant([0.0, 0.5]))
    finally:
        tf.debugging.disable_check_numerics()
