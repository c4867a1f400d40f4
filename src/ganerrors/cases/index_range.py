"""Index range: class labels outside the range an Embedding or a sparse loss was built for."""

from __future__ import annotations

from typing import Any

from ganerrors.cases._build import eager_and_traced, everywhere, keras, registrar, tf
from ganerrors.cases.model import NOTHING, Case, Step

CASES: list[Case] = []
case = registrar(CASES)


@case(
    "class-label-out-of-range",
    "Class label 10 into an Embedding built for 10 classes (0 to 9)",
    "index-range",
    everywhere(r"InvalidArgumentError: indices\[\d+\] = 10 is not in \[0, 10\)"),
    explained="input_dim=10",
)
def class_label_out_of_range() -> Step:
    embedding = keras().layers.Embedding(input_dim=10, output_dim=4)  # classes 0..9

    def step(images: Any) -> Any:
        labels = tf().range(tf().shape(images)[0]) % 11  # one label too many: 0..10
        return embedding(labels)

    return step


@case(
    "class-labels-numbered-from-one",
    "Class labels 1 to 10 into an Embedding built for 10 classes",
    "index-range",
    eager_and_traced(r"InvalidArgumentError: = 10 is not in \[0, 10\)"),
    explained="numbered from 1",
)
def class_labels_numbered_from_one() -> Step:
    embedding = keras().layers.Embedding(10, 4)

    def step(images: Any) -> Any:
        return embedding(tf().constant([1, 10]))

    return step


@case(
    "sparse-label-out-of-range",
    "Label 11 into SparseCategoricalCrossentropy over 10 classes",
    "index-range",
    eager_and_traced("InvalidArgumentError: label value of 11"),
    explained="valid labels are 0 to 9",
)
def sparse_label_out_of_range() -> Step:
    loss = keras().losses.SparseCategoricalCrossentropy(from_logits=True)

    def step(images: Any) -> Any:
        return loss(tf().constant([1, 11]), tf().ones((2, 10)))

    return step


# Kata 07: a conditional GAN whose label file numbers the classes 1 to 10 (as SVHN does: the
# digit 0 is labelled 10), and whose Embeddings were built for NUM_CLASSES = 10.


@case(
    "svhn-style-labels-into-a-conditional-generator",
    "Labels 1 to 10 (the digit 0 labelled 10) into a conditional generator's Embedding(10, 8)",
    "index-range",
    everywhere(r"InvalidArgumentError: indices\[\d+\] = 10 is not in \[0, 10\)"),
    kata="07",
    explained="numbered from 1",
)
def svhn_style_labels_into_a_conditional_generator() -> Step:
    layers = keras().layers
    noise_in = keras().Input((4,))
    label_in = keras().Input((), dtype="int32")
    joined = layers.Concatenate()([noise_in, layers.Embedding(10, 8)(label_in)])
    make = keras().Model([noise_in, label_in], layers.Dense(64, activation="tanh")(joined))

    def step(images: Any) -> Any:
        digit = tf().range(tf().shape(images)[0]) % 10
        labels = tf().where(digit == 0, 10, digit)  # the label file's numbering: 1 to 10
        return make([tf().zeros((tf().shape(images)[0], 4)), labels])

    return step


@case(
    "gather-out-of-range-on-gpu-is-documented",
    "What the installed TensorFlow's own documentation of tf.gather says an index out of range "
    "does on CPU and on GPU (the lookup behind Keras' Embedding)",
    "index-range",
    {"eager": NOTHING},
    kata="07",
    facts={
        "on CPU": "an error is raised",
        "on GPU": "a 0 is stored in the corresponding output value",
    },
    detail=True,
)
def gather_out_of_range_on_gpu_is_documented() -> Step:
    import re

    def step(images: Any) -> Any:
        text = " ".join((tf().gather.__doc__ or "").split())
        cpu = re.search(r"On CPU, if an out of bound index is found, (an error is \w+)", text)
        gpu = re.search(
            r"On GPU, if an out of bound index is found, (a 0 is stored in the "
            r"corresponding output value)",
            text,
        )
        return {
            "on CPU": cpu.group(1) if cpu else "not documented",
            "on GPU": gpu.group(1) if gpu else "not documented",
        }

    return step


@case(
    "class-label-beyond-category-encoding",
    "Class labels 1 to 10 one-hot encoded by CategoryEncoding(num_tokens=10): label 10 becomes "
    "a row of zeros, with no error",
    "index-range",
    everywhere(NOTHING),
    facts={"classes marked in the row of label 10": "0", "in the row of label 3": "1"},
)
def class_label_beyond_category_encoding() -> Step:
    encode = keras().layers.CategoryEncoding(num_tokens=10, output_mode="one_hot")

    def step(images: Any) -> Any:
        labels = tf().range(tf().shape(images)[0]) % 10 + 1  # the label file's 1 to 10
        rows = encode(labels)  # label 10 has no column: its row is all zeros
        return {
            "classes marked in the row of label 10": tf().reduce_sum(rows[9]),
            "in the row of label 3": tf().reduce_sum(rows[2]),
        }

    return step
