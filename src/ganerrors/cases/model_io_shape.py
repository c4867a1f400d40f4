"""Model input/output shape: the generator's output does not fit the discriminator, or data
of another size than the models were built for."""

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


@case(
    "generator-too-small",
    "Generator makes 7x7 images, the discriminator takes 8x8",
    "model-io-shape",
    everywhere("ValueError: is incompatible with the layer: expected axis -1"),
    explained="NOISE_DIM|generator",
)
def generator_too_small() -> Step:
    make, judge = generator(image_shape=(7, 7, 1)), discriminator()

    def step(images: Any) -> Any:
        return judge(make(noise(images)))

    return step


@case(
    "reshape-of-the-wrong-size",
    "tf.reshape of 3,200 values into (1, 7, 7, 512)",
    "model-io-shape",
    eager_and_traced(
        "InvalidArgumentError: Input to reshape is a tensor with 3200 values",
        "ValueError: Cannot reshape a tensor with 3200 elements",
    ),
    explained="3200 values",
)
def reshape_of_the_wrong_size() -> Step:
    def step(images: Any) -> Any:
        return tf().reshape(tf().ones((3200,)), (1, 7, 7, 512))

    return step


@case(
    "generator-dense-too-small-for-its-reshape",
    "A generator's Reshape((7, 7, 256)) after 100 values",
    "model-io-shape",
    eager_and_traced("ValueError: The total size of the tensor must be unchanged"),
    explained="12544",
)
def generator_dense_too_small_for_its_reshape() -> Step:
    def step(images: Any) -> Any:
        layers = [keras().Input((100,)), keras().layers.Reshape((7, 7, 256))]
        return keras().Sequential(layers)(tf().ones((2, 100)))

    return step


@case(
    "flattened-images-into-the-generator",
    "Flattened images (32, 784) multiplied by the generator's (100, 256) weights",
    "model-io-shape",
    eager_and_traced(
        "InvalidArgumentError: Matrix size-incompatible",
        "ValueError: Dimensions must be equal, but are 784 and 100",
    ),
    explained="built for 100",
)
def flattened_images_into_the_generator() -> Step:
    def step(images: Any) -> Any:
        return tf().matmul(tf().ones((32, 784)), tf().ones((100, 256)))

    return step


@case(
    "noise-of-the-wrong-size",
    "Noise of 128 values into a generator built for 100",
    "model-io-shape",
    eager_and_traced("ValueError: expected axis -1"),
    explained="NOISE_DIM",
)
def noise_of_the_wrong_size() -> Step:
    model = keras().Sequential([keras().Input((100,)), keras().layers.Dense(4)])

    def step(images: Any) -> Any:
        return model(tf().ones((32, 128)))

    return step


@case(
    "flat-vectors-into-a-conv-layer",
    "Flat vectors (32, 64) into a Conv2D layer",
    "model-io-shape",
    eager_and_traced("ValueError: min_ndim=4"),
    explained="at least 4 axes",
)
def flat_vectors_into_a_conv_layer() -> Step:
    layer = keras().layers.Conv2D(4, 3)

    def step(images: Any) -> Any:
        return layer(tf().ones((32, 64)))

    return step


@case(
    "flat-vectors-into-a-conv-model",
    "Flat vectors (32, 64) into a model built for (8, 8, 1) images",
    "model-io-shape",
    eager_and_traced("ValueError: incompatible shape"),
    explained=r"\(None, 8, 8, 1\)",
)
def flat_vectors_into_a_conv_model() -> Step:
    model = keras().Sequential([keras().Input((8, 8, 1)), keras().layers.Conv2D(4, 3)])

    def step(images: Any) -> Any:
        return model(tf().ones((32, 64)))

    return step


@case(
    "image-smaller-than-the-kernel",
    "A 2x2 image into a Conv2D with a 3x3 kernel",
    "model-io-shape",
    eager_and_traced("ValueError: zero or negative"),
    explained="padding",
)
def image_smaller_than_the_kernel() -> Step:
    def step(images: Any) -> Any:
        model = keras().Sequential([keras().Input((2, 2, 1)), keras().layers.Conv2D(4, 3)])
        return model(tf().ones((1, 2, 2, 1)))

    return step


@case(
    "image-smaller-than-the-kernel-tf-nn",
    "A 2x2 image into tf.nn.conv2d with a 3x3 filter: no error eagerly (an empty result, or "
    "one of the input's shape holding leftover memory, by CPU kernel), an error when traced",
    "model-io-shape",
    eager_and_traced(NOTHING, "ValueError: Negative dimension size caused by subtracting"),
    # TF 2.21 eagerly: Eigen's kernel (TF_ENABLE_ONEDNN_OPTS=0) returns an empty (1, 0, 0, 4);
    # oneDNN's, on the AMD EPYC CPUs this project's CI ran on, returns a (1, 2, 2, 1) tensor
    # of uninitialised values; test_catalogue.py checks that the first is Eigen's
    facts={"value": r"shape \(1, 0, 0, 4\)|shape \(1, 2, 2, 1\)"},
    explained="only 2|padding",
)
def image_smaller_than_the_kernel_tf_nn() -> Step:
    def step(images: Any) -> Any:
        return tf().nn.conv2d(tf().ones((1, 2, 2, 1)), tf().ones((3, 3, 1, 4)), 1, "VALID")

    return step


@case(
    "fakes-of-another-size-joined-to-reals",
    "Fakes (2, 4, 4, 1) joined to real images (2, 8, 8, 1)",
    "model-io-shape",
    eager_and_traced(
        "InvalidArgumentError: ConcatOp", "ValueError: Dimension 0 in both shapes must be equal"
    ),
    explained="generator",
)
def fakes_of_another_size_joined_to_reals() -> Step:
    def step(images: Any) -> Any:
        return tf().concat([tf().ones((2, 8, 8, 1)), tf().ones((2, 4, 4, 1))], axis=0)

    return step


@case(
    "images-only-batch-unpacked-as-pairs",
    "A dataset of images alone, unpacked as (images, labels) in the train step",
    "model-io-shape",
    {
        "eager": r"ValueError: too many values to unpack \(expected 2\)",
        "tf.function": "OperatorNotAllowedInGraphError: Iterating over a symbolic",
        "unknown batch": "OperatorNotAllowedInGraphError: Iterating over a symbolic",
    },
    explained="real_images, labels = data",
)
def images_only_batch_unpacked_as_pairs() -> Step:
    make, judge = generator(), discriminator()

    def step(data: Any) -> Any:
        real_images, labels = data  # a batch of two would unpack silently: two images
        return judge(real_images) - judge(make(noise(real_images)))

    return step


# Kata 08: a generator whose last Conv2D(1, kernel_size=2) keeps Keras' default
# padding="valid" (8x8 in, 7x7 out), and a discriminator ported from PyTorch that flattens
# with tf.reshape(images, (-1, 8 * 8 * 1)), as `x.view(-1, 64)` does.


def _valid_padding_generator() -> Any:
    layers = keras().layers
    return keras().Sequential(
        [
            keras().Input((4,)),
            layers.Dense(8 * 8 * 4),
            layers.Reshape((8, 8, 4)),
            layers.Conv2D(1, kernel_size=2, activation="tanh"),  # padding="valid": 7x7
        ]
    )


@case(
    "pytorch-style-flatten-of-7x7-fakes",
    "A generator's last Conv2D(1, 2) with padding='valid' draws 7x7; the discriminator "
    "flattens with tf.reshape(images, (-1, 64)); a batch of 32",
    "model-io-shape",
    {
        "eager": "InvalidArgumentError: Input to reshape is a tensor with 1568 values, but the "
        "requested shape requires a multiple of 64",
        "tf.function": "ValueError: Dimension size must be evenly divisible by 64 but is 1568",
        "unknown batch": "InvalidArgumentError: Input to reshape is a tensor with 1568 values, "
        "but the requested shape requires a multiple of 64",
    },
    kata="08",
    explained="1568",
)
def pytorch_style_flatten_of_7x7_fakes() -> Step:
    make = _valid_padding_generator()

    def step(images: Any) -> Any:
        fakes = make(noise(images))
        return tf().reshape(fakes, (-1, 8 * 8 * 1))

    return step


@case(
    "pytorch-style-flatten-of-7x7-fakes-in-a-batch-of-64",
    "The same, with a batch of 64: 64 x 49 = 49 x 64 values, so the reshape succeeds",
    "model-io-shape",
    {"eager": NOTHING, "tf.function": NOTHING},
    kata="08",
    facts={"fakes": r"shape \(64, 7, 7, 1\)", "flattened": r"shape \(49, 64\)"},
)
def pytorch_style_flatten_of_7x7_fakes_in_a_batch_of_64() -> Step:
    make = _valid_padding_generator()

    def step(images: Any) -> Any:
        fakes = make(noise(tf().concat([images, images], axis=0)))  # 64 fakes
        return {"fakes": fakes, "flattened": tf().reshape(fakes, (-1, 8 * 8 * 1))}

    return step


@case(
    "keras-flatten-of-7x7-fakes",
    "The same 7x7 fakes into a Keras discriminator built for 8x8 (Input, Flatten, Dense)",
    "model-io-shape",
    everywhere(r"ValueError: (?s:.*)expected axis -1 of input shape to have value 64"),
    kata="08",
    explained="generator",
)
def keras_flatten_of_7x7_fakes() -> Step:
    make, judge = _valid_padding_generator(), discriminator()

    def step(images: Any) -> Any:
        return judge(make(noise(images)))

    return step
