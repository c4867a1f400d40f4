"""How the explainer reads: shapes and their roles, normalised text, confidence, spoilers.

Messages here are real ones (corpus/samples.toml, with their sources) or made from them the
way people paste them: with log prefixes, colours, Windows line endings, Keras' wrappers,
or without backticks. Shapes alone (no message) test the structural rules.
"""

from __future__ import annotations

import json

import pytest

from ganerrors.explainers import Diagnosis, explain
from ganerrors.explainers.findings import pair_verdict
from ganerrors.explainers.normalise import normalise
from ganerrors.explainers.parsing import dtypes_in, parse_shape, shapes_in

from .corpus import load

SAMPLES = [e for e in load() if e.file == "samples.toml"]
INCOMPATIBLE = next(s for s in SAMPLES if "Incompatible shapes: [96,1]" in s.message)
LOGITS = next(s for s in SAMPLES if "((32, 5) vs (32, 1))" in s.message)
EMBEDDING = next(s for s in SAMPLES if "= 10 is not in [0, 10)" in s.message)
LABEL = next(s for s in SAMPLES if "label value of 6 " in s.message)


# --- shapes and their roles -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "predictions", "category"),
    [
        ((32, 1), (32, 4, 4, 1), "output-shape"),  # a map of scores: no Flatten/Dense
        ((None, 10), (None, 130, 13, 10), "output-shape"),  # Dense on images keeps their axes
        ((32, 1), (32, 2), "output-shape"),  # two scores per image: Dense(2) for Dense(1)
        ((32, 4), (32, 1), "target-shape"),  # labels wider than the one score per image
        ((32, 20), (32, 2), "target-shape"),
        ((32,), (32, 1), "target-shape"),  # labels without their column
        ((), (32, 1), "target-shape"),  # a scalar label
        ((16, 1), (32, 1), "batch-size"),
        ((None, 28, 28, 1), (None, 32, 32, 1), "model-io-shape"),
        ((32, 784), (32, 28, 28, 1), "model-io-shape"),  # the same values, flattened
        ((None, 1), (32, 1), None),  # nothing known to differ
    ],
)
def test_labels_against_predictions_blame_the_side_that_is_wrong(labels, predictions, category):
    verdict = pair_verdict(labels, predictions, "labels")
    assert (verdict[0] if verdict else None) == category


def test_broadcasting_ops_do_not_count_an_axis_of_1_as_a_difference():
    assert pair_verdict((32, 1), (32, 10), "operands", broadcast=True) is None
    assert pair_verdict((16, 1), (32, 1), "operands", broadcast=True)[0] == "batch-size"


def test_joined_tensors_are_judged_on_the_axis_the_message_names():
    assert pair_verdict((16, 8), (32, 10), "joined", axis=0)[0] == "batch-size"
    assert pair_verdict((2, 8, 8, 1), (2, 4, 4, 1), "joined", axis=1)[0] == "model-io-shape"


def test_a_model_input_of_another_shape_is_the_models_input_shape_unless_only_the_batch():
    assert pair_verdict((32, 64), (None, 8, 8, 1), "input")[0] == "model-io-shape"
    assert pair_verdict((32, 784), (64, 784), "input")[0] == "batch-size"


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("[16,1]", (16, 1)),
        ("(32, 1)", (32, 1)),
        ("(32,)", (32,)),
        ("[?,28,28,1]", (None, 28, 28, 1)),
        ("(None, 100)", (None, 100)),
        ("[None 2 2 1]", (None, 2, 2, 1)),
        ("[-1, 7]", (None, 7)),
        ("'(?, 28, 28, 1)'", (None, 28, 28, 1)),
        ("()", ()),
        ("[16,²]", None),
        ("(١٢, ٣)", None),
        ("(7.0, 7.0)", None),
        ("(type Dense)", None),
    ],
)
def test_shapes_are_read_in_every_notation(text, shape):
    assert parse_shape(text) == shape


def test_indices_calls_and_ranges_are_not_taken_for_shapes():
    text = "indices[3] = 151 is not in [0, 10) in call() with shape[32,1] vs (64, 1)"
    assert [shape for _, shape in shapes_in(text)] == [(32, 1), (64, 1)]


def test_dtypes_are_read_in_every_spelling_but_only_where_they_name_a_dtype():
    assert dtypes_in("DT_FLOAT vs tf.int32 and np.float64, <dtype: 'uint8'>") == [
        "float32",
        "int32",
        "float64",
        "uint8",
    ]
    assert dtypes_in("expected to be a double tensor but is a float tensor") == [
        "float64",
        "float32",
    ]
    assert dtypes_in("'float' object cannot be interpreted as an integer") == []


# --- pasted text is normalised ------------------------------------------------------------------


def _forms(message: str) -> dict[str, str]:
    lines = message.splitlines()
    return {
        "log prefixes": "\n".join(
            f"2019-03-01 12:00:00.123456: W tensorflow/core/framework/op_kernel.cc:1273] {line}"
            for line in lines
        ),
        "glog prefixes": "\n".join(f"W0301 12:00:00.123456 12345 a.cc:12] {x}" for x in lines),
        "root errors": "2 root error(s) found.\n  (0) Invalid argument: "
        + message
        + "\n0 successful operations.\n0 derived errors ignored.",
        "ANSI colours": "\x1b[1m" + message.replace(" ", " \x1b[0m", 3) + "\x1b[0m",
        "Windows line endings": message.replace("\n", "\r\n") + "\r\n",
        "a Keras 2 wrapper": 'Exception encountered when calling layer "model" (type '
        "Functional).\n\n" + message + "\n\nCall arguments received by layer "
        '"model" (type Functional):\n  • inputs=tf.Tensor(shape=(64, 28, 28, 1), '
        "dtype=float32)\n  • training=True",
        "a Keras 3 wrapper": "Exception encountered when calling Sequential.call().\n\n"
        + message
        + "\n\nArguments received by Sequential.call():\n  • inputs=tf.Tensor(shape="
        "(None, 256, 256, 3), dtype=uint8)\n  • training=True",
        "no backticks": message.replace("`", ""),
    }


@pytest.mark.parametrize("sample", [INCOMPATIBLE, LOGITS, EMBEDDING, LABEL], ids=lambda s: s.id)
def test_a_message_pasted_in_any_usual_form_keeps_its_category(sample):
    for form, text in _forms(sample.message).items():
        diagnosis = explain(text)
        assert diagnosis is not None and diagnosis.category == sample.category, form
        assert diagnosis.confidence == "high", form


def test_normalising_drops_node_blocks_and_log_prefixes_but_keeps_the_message():
    text = normalise(
        "2019-03-01 12:00:00.123456: W tensorflow/core/kernels/x.cc:12] OP_REQUIRES failed at "
        "x.cc:12 : Invalid argument: " + INCOMPATIBLE.message
    )
    assert text.startswith("InvalidArgumentError: Incompatible shapes: [96,1] vs. [128,1]")
    assert "[[Node:" not in text and "DT_INT32" not in text


# --- confidence and spoilers --------------------------------------------------------------------


def test_an_exact_family_is_high_confidence_and_a_general_reading_is_low():
    assert explain(INCOMPATIBLE.message).confidence == "high"
    # the same shapes, in a wording no reader knows: only the general shape reader sees them
    words = INCOMPATIBLE.message.replace("Incompatible shapes:", "shapes differ:")
    diagnosis = explain(words)
    assert diagnosis is not None and diagnosis.category == "batch-size"
    assert diagnosis.confidence == "low"
    assert diagnosis.render().startswith("ganerrors: probably Batch size (batch-size)")
    assert not explain(INCOMPATIBLE.message).render().startswith("ganerrors: probably")


def test_json_carries_the_confidence_and_has_the_keys_of_an_unrecognised_error():
    data = json.loads(json.dumps(explain(LOGITS.message).to_json()))
    assert data["confidence"] == "high" and data["category"] == "output-shape"
    assert len(data["remedies"]) == len(data["causes"])
    assert Diagnosis.unrecognised_json().keys() == data.keys()
    assert Diagnosis.unrecognised_json()["confidence"] is None


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.id)
def test_without_the_fix_an_explanation_says_what_is_wrong_and_no_code_to_change(sample):
    diagnosis = explain(sample.message)
    full, spoiler_free = diagnosis.render(), diagnosis.render(fix=False)
    assert "Fix:" in full and "Fix:" not in spoiler_free
    assert diagnosis.summary in spoiler_free and diagnosis.url in spoiler_free
    for remedy in filter(None, diagnosis.remedies):
        assert remedy in full and remedy not in spoiler_free
    assert diagnosis.fix not in spoiler_free


def test_the_output_shape_explanation_names_dense_1_only_with_the_fix():
    diagnosis = explain(LOGITS.message)
    assert "Dense(1)" in diagnosis.render()
    assert "Dense(1)" not in diagnosis.render(fix=False)
    assert "(32, 5)" in diagnosis.render(fix=False)


def test_a_label_one_past_the_last_class_is_said_so():
    text = explain(EMBEDDING.message).summary
    assert "Index 10 is one past the last row, 9" in text and "exactly" not in text
    assert "Label 6 is one past the last class, 5" in explain(LABEL.message).summary
