"""Index range: class labels outside the range an Embedding or a sparse loss was built for."""

from __future__ import annotations

from typing import Any

from ganerrors.cases._build import eager_and_traced, everywhere, keras, registrar, tf
from ganerrors.cases.model import Case, Step

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
