"""Every explanation against the real error: raise it on the installed TensorFlow, explain it,
and check the category, one key phrase, and that the original exception is untouched."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from ganerrors._tf import import_tensorflow
from ganerrors.explainers import explain

tf = import_tensorflow()
keras = tf.keras


def raised(make_error: Callable[[], object]) -> Exception:
    with pytest.raises(Exception) as info:
        make_error()
    return info.value


# --- the errors, each as small as it gets ------------------------------------------------


def last_batch_smaller_under_tf_function():
    # 48 examples in batches of 32: the last batch has 16, the labels were made for 32.
    dataset = tf.data.Dataset.from_tensor_slices(tf.zeros((48, 1))).batch(32)
    labels = tf.ones((32, 1))
    loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    @tf.function(reduce_retracing=True)
    def step(scores):
        return loss_fn(labels, scores)

    for scores in dataset:
        step(scores)


def last_batch_smaller_with_input_signature():
    labels = tf.ones((32, 1))

    @tf.function(input_signature=[tf.TensorSpec((None, 1))])
    def step(scores):
        return tf.reduce_mean(tf.square(labels - scores))

    step(tf.ones((16, 1)))


def last_batch_smaller_traced_with_known_shape():
    labels = tf.ones((32, 1))

    @tf.function
    def step(scores):
        return scores - labels

    step(tf.ones((16, 1)))


def last_batch_smaller_eager():
    return tf.ones((16, 1)) - tf.ones((32, 1))


def two_scores_per_image():  # kata 01
    return keras.losses.BinaryCrossentropy(from_logits=True)(tf.ones((32, 1)), tf.ones((32, 2)))


def labels_without_a_column_in_keras_ops():
    return keras.ops.binary_crossentropy(tf.ones((32,)), tf.ones((32, 1)))


def labels_without_a_column_in_tf_nn():
    return tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones((32,)), logits=tf.ones((32, 1)))


def int_cast_in_the_generator():  # kata 02
    weight = tf.Variable(1.0)
    with tf.GradientTape() as tape:
        image = tf.cast(tf.cast(weight * 3.0, tf.int32), tf.float32)
    grads = tape.gradient(image, [weight])
    keras.optimizers.Adam().apply_gradients(zip(grads, [weight], strict=True))


def loss_computed_outside_the_tape():
    weight = tf.Variable(1.0)
    with tf.GradientTape() as tape:
        pass
    loss = weight * 2.0
    grads = tape.gradient(loss, [weight])
    keras.optimizers.Adam().apply_gradients(zip(grads, [weight], strict=True))


def loss_built_from_numpy_values():
    weight = tf.Variable(1.0)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(weight.numpy() * 2.0)
    grads = tape.gradient(loss, [weight])
    keras.optimizers.Adam().apply_gradients(zip(grads, [weight], strict=True))


def gradient_for_a_model_the_loss_never_used():
    used, unused = tf.Variable(1.0), tf.Variable(1.0)
    with tf.GradientTape() as tape:
        loss = used * 2.0
    grads = tape.gradient(loss, [unused])
    keras.optimizers.Adam().apply_gradients(zip(grads, [unused], strict=True))


def uint8_images_joined_to_fakes():
    return tf.concat([tf.ones((2, 4)), tf.ones((2, 4), tf.uint8)], axis=0)


def uint8_images_joined_to_fakes_under_tf_function():
    return tf.function(lambda a, b: tf.concat([a, b], axis=0))(
        tf.ones((2, 4)), tf.ones((2, 4), tf.uint8)
    )


def float64_noise_under_tf_function():
    return tf.function(lambda a, b: a + b)(tf.ones((2,)), tf.constant(np.ones(2)))


def int_labels_converted_to_float():
    return tf.convert_to_tensor(tf.constant([1, 0]), dtype=tf.float32)


def uint8_images_into_a_convolution():
    return tf.nn.conv2d(tf.ones((1, 4, 4, 1), tf.uint8), tf.ones((3, 3, 1, 2)), 1, "VALID")


def uint8_images_into_a_convolution_under_tf_function():
    conv = tf.function(lambda x: tf.nn.conv2d(x, tf.ones((3, 3, 1, 2)), 1, "VALID"))
    return conv(tf.ones((1, 4, 4, 1), tf.uint8))


def uint8_images_into_a_conv_layer():
    return keras.layers.Conv2D(2, 3)(tf.ones((1, 4, 4, 1), tf.uint8))


def nan_in_the_loss():
    return tf.debugging.check_numerics(tf.constant([0.5, float("nan")]), "discriminator loss")


def log_of_a_negative_score_under_tf_function():
    @tf.function
    def loss(scores):
        return tf.debugging.check_numerics(tf.math.log(scores), "log of scores")

    return loss(tf.constant([-1.0, 0.5]))


def inf_in_the_loss():
    return tf.debugging.check_numerics(tf.constant([1.0, float("inf")]), "generator loss")


def class_label_beyond_the_embedding():
    return keras.layers.Embedding(10, 4)(tf.constant([1, 2, 3, 151]))


def class_labels_numbered_from_one():
    return keras.layers.Embedding(10, 4)(tf.constant([1, 10]))


def sparse_label_out_of_range():
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return loss(tf.constant([1, 11]), tf.ones((2, 10)))


def one_hot_labels_to_a_sparse_loss():
    return keras.losses.SparseCategoricalCrossentropy()(tf.ones((32, 2)), tf.ones((32, 10)))


def reshape_of_the_wrong_size():
    return tf.reshape(tf.ones((3200,)), (1, 7, 7, 512))


def generator_dense_too_small_for_its_reshape():
    model = keras.Sequential([keras.Input((100,)), keras.layers.Reshape((7, 7, 256))])
    return model(tf.ones((2, 100)))


def flattened_images_into_the_generator():
    return tf.matmul(tf.ones((32, 784)), tf.ones((100, 256)))


def noise_of_the_wrong_size():
    generator = keras.Sequential([keras.Input((100,)), keras.layers.Dense(4)])
    return generator(tf.ones((32, 128)))


def flat_vectors_into_a_conv_layer():
    return keras.layers.Conv2D(4, 3)(tf.ones((32, 64)))


def flat_vectors_into_a_conv_model():
    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(4, 3)])
    return model(tf.ones((32, 64)))


def image_smaller_than_the_kernel():
    model = keras.Sequential([keras.Input((2, 2, 1)), keras.layers.Conv2D(4, 3)])
    return model(tf.ones((1, 2, 2, 1)))


def image_smaller_than_the_kernel_under_tf_function():
    conv = tf.function(lambda x: tf.nn.conv2d(x, tf.ones((3, 3, 1, 4)), 1, "VALID"))
    return conv(tf.ones((1, 2, 2, 1)))


def fakes_of_another_size_joined_to_reals():
    return tf.concat([tf.ones((2, 8, 8, 1)), tf.ones((2, 4, 4, 1))], axis=0)


def noise_and_labels_of_different_batches():
    return tf.concat([tf.ones((16, 8)), tf.ones((32, 10))], axis=1)


# (error, category, key phrase of the explanation, a phrase of TensorFlow's own message)
CASES = [
    (last_batch_smaller_under_tf_function, "batch-size", "32 against 16", "Incompatible shapes"),
    (last_batch_smaller_with_input_signature, "batch-size", "16 against 32", "[16,1] vs. [32,1]"),
    (last_batch_smaller_traced_with_known_shape, "batch-size", "drop_remainder", "Dimensions must"),
    (last_batch_smaller_eager, "batch-size", "16 against 32", "[16,1] vs. [32,1]"),
    (two_scores_per_image, "output-shape", "Dense(1)", "output.shape=(32, 2)"),
    (labels_without_a_column_in_keras_ops, "target-shape", "(32,) against", "same rank (ndim)"),
    (labels_without_a_column_in_tf_nn, "target-shape", "different ranks", "must have the same"),
    (int_cast_in_the_generator, "no-gradients", "integer cast", "No gradients provided"),
    (loss_computed_outside_the_tape, "no-gradients", "outside the", "No gradients provided"),
    (loss_built_from_numpy_values, "no-gradients", ".numpy()", "No gradients provided"),
    (gradient_for_a_model_the_loss_never_used, "no-gradients", "never used", "No gradients"),
    (uint8_images_joined_to_fakes, "dtype", "uint8", "was expected to be a float tensor"),
    (uint8_images_joined_to_fakes_under_tf_function, "dtype", "/ 127.5 - 1", "don't all match"),
    (float64_noise_under_tf_function, "dtype", "float64", "does not match type float32"),
    (int_labels_converted_to_float, "dtype", "int32", "Tensor conversion requested"),
    (uint8_images_into_a_convolution, "dtype", "/ 127.5 - 1", "list of allowed values"),
    (uint8_images_into_a_convolution_under_tf_function, "dtype", "uint8", "DataType uint8"),
    (uint8_images_into_a_conv_layer, "dtype", "weights are float32", "type conversion"),
    (nan_in_the_loss, "numerics", "'discriminator loss'", "Tensor had NaN values"),
    (log_of_a_negative_score_under_tf_function, "numerics", "log", "Tensor had NaN values"),
    (inf_in_the_loss, "numerics", "Inf values", "Tensor had Inf values"),
    (class_label_beyond_the_embedding, "index-range", "input_dim=10", "is not in [0, 10)"),
    (class_labels_numbered_from_one, "index-range", "numbered from 1", "= 10 is not in [0, 10)"),
    (sparse_label_out_of_range, "index-range", "valid labels are 0 to 9", "label value of 11"),
    (one_hot_labels_to_a_sparse_loss, "target-shape", "one-hot", "target.ndim - 1"),
    (reshape_of_the_wrong_size, "model-io-shape", "3200 values", "Input to reshape"),
    (generator_dense_too_small_for_its_reshape, "model-io-shape", "12544", "total size"),
    (flattened_images_into_the_generator, "model-io-shape", "built for 100", "size-incompatible"),
    (noise_of_the_wrong_size, "model-io-shape", "NOISE_DIM", "expected axis -1"),
    (flat_vectors_into_a_conv_layer, "model-io-shape", "at least 4 axes", "min_ndim=4"),
    (flat_vectors_into_a_conv_model, "model-io-shape", "(None, 8, 8, 1)", "incompatible shape"),
    (image_smaller_than_the_kernel, "model-io-shape", "padding", "zero or negative"),
    (image_smaller_than_the_kernel_under_tf_function, "model-io-shape", "only 2", "subtracting"),
    (fakes_of_another_size_joined_to_reals, "model-io-shape", "generator", "ConcatOp"),
    (noise_and_labels_of_different_batches, "batch-size", "16 against 32", "ConcatOp"),
]


@pytest.mark.parametrize(
    ("make_error", "category", "phrase", "tf_phrase"), CASES, ids=[c[0].__name__ for c in CASES]
)
def test_real_error_is_explained_with_its_category(make_error, category, phrase, tf_phrase):
    exc = raised(make_error)
    message, exc_type, notes = str(exc), type(exc), getattr(exc, "__notes__", None)
    assert tf_phrase in message  # the error is the one this case is about

    diagnosis = explain(exc)

    assert diagnosis is not None, message
    assert diagnosis.category == category, (message, diagnosis.render())
    assert phrase in diagnosis.render(), diagnosis.render()
    assert (str(exc), type(exc), getattr(exc, "__notes__", None)) == (message, exc_type, notes)


@pytest.mark.parametrize(
    ("make_error", "category", "phrase", "tf_phrase"), CASES, ids=[c[0].__name__ for c in CASES]
)
def test_pasted_traceback_of_a_real_error_gets_the_same_category(
    make_error, category, phrase, tf_phrase
):
    import traceback

    text = "".join(traceback.format_exception(raised(make_error)))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == category, text


def test_explanation_points_at_the_learners_own_line():
    diagnosis = explain(raised(last_batch_smaller_with_input_signature))
    assert "test_live.py" in diagnosis.where
    assert "labels - scores" in diagnosis.where


def test_labels_without_a_column_broadcast_silently_where_a_loss_does_not_check():
    # The explanation of target-shape warns of this; it must be true.
    labels, scores = tf.ones((4,)), tf.ones((4, 1))
    assert tuple((labels - scores).shape) == (4, 4)


def test_the_advice_to_enable_check_numerics_names_a_real_function():
    diagnosis = explain(raised(nan_in_the_loss))
    assert "tf.debugging.enable_check_numerics()" in diagnosis.fix
    assert callable(tf.debugging.enable_check_numerics)


def test_an_error_from_plain_python_is_not_recognised():
    assert explain(raised(lambda: {}["missing"])) is None
    assert explain(raised(lambda: int("seven"))) is None


@pytest.mark.parametrize(
    ("make_error", "category", "phrase", "tf_phrase"), CASES, ids=[c[0].__name__ for c in CASES]
)
def test_a_real_error_pasted_without_backticks_gets_the_same_category(
    make_error, category, phrase, tf_phrase
):
    exc = raised(make_error)
    diagnosis = explain(f"{type(exc).__name__}: {exc}".replace("`", ""))
    assert diagnosis is not None and diagnosis.category == category
    assert diagnosis.confidence == "high"


def test_without_the_fix_the_first_katas_failures_name_the_problem_but_not_the_fix():
    kata_01 = explain(raised(two_scores_per_image)).render(fix=False)  # a Dense(2) discriminator
    assert "(32, 2)" in kata_01 and "output-shape" in kata_01
    assert "Dense(1)" not in kata_01 and "Fix:" not in kata_01
    kata_02 = explain(raised(int_cast_in_the_generator)).render(fix=False)  # an int cast
    assert "no-gradients" in kata_02 and "Fix:" not in kata_02
    assert "Keep it float32" not in kata_02 and "float32 TensorFlow ops" not in kata_02
