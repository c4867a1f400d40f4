"""Dtype consistency: tensors of different dtypes meet, or a cast cuts the gradient."""

from __future__ import annotations

from typing import Any

import numpy as np

from ganerrors.cases._build import (
    NOTHING,
    eager_and_traced,
    generator,
    keras,
    noise,
    registrar,
    tf,
)
from ganerrors.cases.model import Case, Step

CASES: list[Case] = []
case = registrar(CASES)


def _joined(dtype_name: str) -> Step:
    def step(images: Any) -> Any:
        real = tf().cast(images, getattr(tf(), dtype_name))  # the data as it was loaded
        fakes = generator()(noise(images))
        return tf().concat([real, fakes], axis=0)

    return step


@case(
    "float64-real-images",
    "Real images float64 (NumPy's default), generated images float32, joined with tf.concat",
    "dtype",
    {
        "eager": "InvalidArgumentError: was expected to be a double tensor but is a float",
        "tf.function": "TypeError: have types \\[float64, float32\\] that don't all match",
        "unknown batch": "TypeError: have types \\[float64, float32\\] that don't all match",
    },
    kata="02",
    explained="float64",
)
def float64_real_images() -> Step:
    return _joined("float64")


@case(
    "uint8-real-images",
    "Real images kept as uint8 bytes, generated images float32, joined with tf.concat",
    "dtype",
    {
        "eager": "InvalidArgumentError: was expected to be a uint8 tensor but is a float",
        "tf.function": "TypeError: have types \\[uint8, float32\\] that don't all match",
        "unknown batch": "TypeError: have types \\[uint8, float32\\] that don't all match",
    },
    explained="uint8",
)
def uint8_real_images() -> Step:
    return _joined("uint8")


@case(
    "int32-joined-to-float32",
    "An int32 tensor joined to a float32 one with tf.concat",
    "dtype",
    eager_and_traced(
        "InvalidArgumentError: ConcatV2",
        "TypeError: Tensors in list passed to 'values' of 'ConcatV2' Op have types",
    ),
    kata="02",
    explained="int32",
)
def int32_joined_to_float32() -> Step:
    def step(images: Any) -> Any:
        return tf().concat([tf().zeros((2, 4)), tf().zeros((2, 4), tf().int32)], axis=0)

    return step


@case(
    "float64-noise-added",
    "float64 noise from NumPy added to a float32 tensor",
    "dtype",
    eager_and_traced(
        "InvalidArgumentError: cannot compute AddV2 as input #1",
        "TypeError: Input 'y' of 'AddV2' Op has type float64 that does not match type float32",
    ),
    explained="float64",
)
def float64_noise_added() -> Step:
    def step(images: Any) -> Any:
        return tf().ones((2,)) + tf().constant(np.ones(2))

    return step


@case(
    "int-labels-converted",
    "int32 labels converted to a float32 tensor with tf.convert_to_tensor",
    "dtype",
    eager_and_traced("ValueError: Tensor conversion requested dtype float32 for Tensor with dtype"),
    explained="int32",
)
def int_labels_converted() -> Step:
    def step(images: Any) -> Any:
        return tf().convert_to_tensor(tf().constant([1, 0]), dtype=tf().float32)

    return step


@case(
    "uint8-images-into-conv2d",
    "uint8 images into tf.nn.conv2d with float32 filters",
    "dtype",
    eager_and_traced(
        "InvalidArgumentError: list of allowed values",
        "TypeError: has DataType uint8 not in list of allowed values",
    ),
    explained=r"uint8",
)
def uint8_images_into_conv2d() -> Step:
    def step(images: Any) -> Any:
        pixels = tf().cast((images + 1.0) * 127.5, tf().uint8)
        return tf().nn.conv2d(pixels, tf().ones((3, 3, 1, 2)), 1, "VALID")

    return step


@case(
    "uint8-images-into-conv-layer",
    "uint8 images into a Keras Conv2D layer",
    "dtype",
    eager_and_traced(
        "ValueError: Incompatible type conversion requested to type uint8",
        "TypeError: has DataType uint8 not in list of allowed values",
    ),
    explained=r"uint8",
)
def uint8_images_into_conv_layer() -> Step:
    layer = keras().layers.Conv2D(2, 3)

    def step(images: Any) -> Any:
        return layer(tf().cast((images + 1.0) * 127.5, tf().uint8))

    return step


@case(
    "integer-input-to-dense",
    "int32 input into a Dense layer",
    "dtype",
    {"eager": NOTHING},
    kata="02",
    facts={"output dtype": "float32"},
)
def integer_input_to_dense() -> Step:
    layer = keras().layers.Dense(1)

    def step(images: Any) -> Any:
        return {"output dtype": layer(tf().ones((2, 3), tf().int32)).dtype.name}

    return step


# Kata 06: images read by a Python function inside a tf.data pipeline that declares float32.


def _bytes(images: Any) -> np.ndarray:
    """The images as an 8-bit grey image file holds them: uint8, 0 to 255."""
    return np.round((np.asarray(images) + 1.0) * 127.5).astype(np.uint8)


def _read_with(load: Any, images: Any, dtype: Any) -> Any:
    count = int(images.shape[0])
    dataset = tf().data.Dataset.range(count).map(lambda i: tf().numpy_function(load, [i], dtype))
    return next(iter(dataset.batch(count)))


@case(
    "loader-returns-bytes",
    "tf.numpy_function declared float32, its function returns the uint8 pixels of a file",
    "dtype",
    {
        "eager": r"InvalidArgumentError: 0-th value returned by pyfunc_\d+ is uint8, but expects "
        "float"
    },
    kata="06",
    explained="uint8",
)
def loader_returns_bytes() -> Step:
    def step(images: Any) -> Any:
        pixels = _bytes(images)
        return _read_with(lambda i: pixels[i], images, tf().float32)

    return step


@case(
    "loader-scales-bytes-to-float64",
    "tf.numpy_function declared float32, its function returns pixels / 127.5 - 1 (NumPy: float64)",
    "dtype",
    {
        "eager": r"InvalidArgumentError: 0-th value returned by pyfunc_\d+ is double, but expects "
        "float"
    },
    kata="06",
    explained="float64",
)
def loader_scales_bytes_to_float64() -> Step:
    def step(images: Any) -> Any:
        pixels = _bytes(images)
        return _read_with(lambda i: pixels[i] / 127.5 - 1, images, tf().float32)

    return step


@case(
    "loader-scales-bytes-in-place",
    "The loader scales the uint8 pixels of a file in place (pixels /= 127.5) inside tf.data",
    "dtype",
    {
        "eager": r"InvalidArgumentError: (?s:.*)UFuncTypeError: Cannot cast ufunc 'divide' output "
        r"from dtype\('float64'\) to dtype\('uint8'\)"
    },
    kata="06",
    explained="in place in an array of uint8",
)
def loader_scales_bytes_in_place() -> Step:
    """NumPy keeps an array's dtype in an in-place operation, and cannot put float64 values
    in a uint8 array. Called eagerly, the loader raises NumPy's own UFuncTypeError; inside a
    dataset (or any graph) TensorFlow reports it as an InvalidArgumentError around it."""

    def step(images: Any) -> Any:
        pixels = _bytes(images)

        def load(i: Any) -> Any:
            image = pixels[i].copy()
            image /= 127.5
            return image - 1

        return _read_with(load, images, tf().float32)

    return step


@case(
    "loader-declared-uint8-joined-to-fakes",
    "The pipeline declares uint8, the train step joins the real bytes to float32 fakes",
    "dtype",
    {
        "eager": "InvalidArgumentError: was expected to be a uint8 tensor but is a float tensor",
        "tf.function": r"TypeError: have types \[uint8, float32\] that don't all match",
    },
    kata="06",
    explained="uint8",
)
def loader_declared_uint8_joined_to_fakes() -> Step:
    make = generator()

    def step(images: Any) -> Any:
        real = tf().numpy_function(lambda x: _bytes(x), [images], tf().uint8)
        real = tf().ensure_shape(real, images.shape)
        return tf().concat([real, make(noise(images))], axis=0)

    return step


@case(
    "keras-model-casts-bytes-silently",
    "uint8 pixels (0 to 255) straight into a Keras discriminator built for float32 images",
    "dtype",
    {"eager": NOTHING},
    kata="06",
    facts={"scores dtype": "float32", "largest value the first layer sees": "255"},
)
def keras_model_casts_bytes_silently() -> Step:
    layers = keras().layers
    first = layers.Flatten()
    judge = keras().Sequential([keras().Input((8, 8, 1)), first, layers.Dense(1)])

    def step(images: Any) -> Any:
        pixels = tf().cast((images + 1.0) * 127.5, tf().uint8)  # the bytes of the image files
        seen = keras().Model(judge.inputs, first.output)(pixels)
        return {
            "scores dtype": judge(pixels).dtype.name,
            "largest value the first layer sees": tf().reduce_max(seen),
        }

    return step


@case(
    "mixed-precision-fakes",
    "A generator computing in mixed_float16 (as under mixed precision) makes float16 fakes, "
    "joined to the float32 real images",
    "dtype",
    eager_and_traced(
        "InvalidArgumentError: was expected to be a float tensor but is a half tensor",
        r"TypeError: have types \[float32, float16\] that don't all match",
    ),
    explained="mixed_float16",
)
def mixed_precision_fakes() -> Step:
    layers = keras().layers
    make = keras().Sequential(
        [
            keras().Input(shape=(4,)),
            layers.Dense(64, activation="tanh", dtype="mixed_float16"),
            layers.Reshape((8, 8, 1), dtype="mixed_float16"),
        ]
    )

    def step(images: Any) -> Any:
        return tf().concat([images, make(noise(images))], axis=0)

    return step
