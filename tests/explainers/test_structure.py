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
        # masks stored as RGB images against one channel per class, or one mask channel
        ((None, 256, 256, 3), (None, 256, 256, 19), "target-shape"),
        ((8, 128, 128, 3), (8, 128, 128, 1), "target-shape"),
        ((None, 1), (32, 1), None),  # nothing known to differ
    ],
)
def test_labels_against_predictions_blame_the_side_that_is_wrong(labels, predictions, category):
    verdict = pair_verdict(labels, predictions, "labels")
    assert (verdict[0] if verdict else None) == category


@pytest.mark.parametrize(
    ("labels", "predictions", "loss", "category"),
    [
        # a categorical loss wants one-hot labels: width-1 labels are class indices ...
        ((None, 1), (None, 10), "categorical", "target-shape"),
        ((None, 1), (None, 2), "categorical", "target-shape"),
        # ... and one-hot labels of another width mean the last layer is not one unit a class
        ((None, 4), (None, 10), "categorical", "output-shape"),
        ((None, 11), (None, 10), "categorical", "output-shape"),
        ((None, 7), (None, 1), "categorical", "output-shape"),
        # a binary loss wants one score per example: the wider side is wrong
        ((32, 1), (32, 10), "binary", "output-shape"),
        ((32, 4), (32, 1), "binary", "target-shape"),
        # no loss named: a real/fake score is never 3 columns wide, class indices are 1
        ((32, 1), (32, 10), "", "target-shape"),
        ((32, 1), (32, 2), "", "output-shape"),
        # an axis of 1 too many in the predictions is not another layout
        ((None, 7), (None, 1, 7), "", "output-shape"),
    ],
)
def test_the_loss_named_decides_which_side_of_a_width_mismatch_is_wrong(
    labels, predictions, loss, category
):
    verdict = pair_verdict(labels, predictions, "labels", loss=loss)
    assert verdict is not None and verdict[0] == category


def test_feature_maps_of_another_depth_are_the_models_shapes_not_a_loss():
    # two 4-D operands of unknown roles (a skip connection, an Add): not labels and scores
    assert pair_verdict((32, 8, 8, 4), (32, 8, 8, 2), "operands")[0] == "model-io-shape"
    # with roles known (a loss's node inputs), the wider side is still the one at fault
    assert pair_verdict((20, 46, 46, 15), (20, 46, 46, 38), "labels")[0] == "output-shape"


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
        assert diagnosis.reader_confidence == "high", form


def test_normalising_drops_node_blocks_and_log_prefixes_but_keeps_the_message():
    text = normalise(
        "2019-03-01 12:00:00.123456: W tensorflow/core/kernels/x.cc:12] OP_REQUIRES failed at "
        "x.cc:12 : Invalid argument: " + INCOMPATIBLE.message
    )
    assert text.startswith("InvalidArgumentError: Incompatible shapes: [96,1] vs. [128,1]")
    assert "[[Node:" not in text and "DT_INT32" not in text


def test_a_message_wrapped_before_a_number_keeps_that_line():
    # the line that starts with the value is the message's, not an IPython code line
    wrapped = (
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: indices[2968] =\n"
        "30523 is not in [0, 30522)"
    )
    diagnosis = explain(wrapped)
    assert diagnosis is not None and diagnosis.category == "index-range"


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # a layer's own op (a bias added to outputs of another width): the model, not labels
        (
            "ValueError: Dimensions must be equal, but are 10 and 5 for "
            "'discriminator/dense_2/add' (op: 'Add') with input shapes: [?,10], [5].",
            "model-io-shape",
        ),
        # ... and its gradient, which keeps the layer's scope
        (
            "InvalidArgumentError: Incompatible shapes: [64,128] vs. [64,256]\n\t [[Node: "
            "training/Adam/gradients/generator/dense_3/add_grad/BroadcastGradientArgs = "
            "BroadcastGradientArgs[T=DT_INT32](a, b)]]",
            "model-io-shape",
        ),
        # tensors of different ranks joined (a conditional GAN's image and one-hot label)
        (
            "ValueError: Shapes must be equal rank, but are 4 and 2 for 'concat' (op: "
            "'ConcatV2') with input shapes: [?,28,28,1], [?,10], [].",
            "model-io-shape",
        ),
        # a loss's op: labels and predictions
        (
            "ValueError: Shapes must be equal rank, but are 2 and 1 for 'loss/mul' (op: 'Mul') "
            "with input shapes: [?,1], [?].",
            "target-shape",
        ),
    ],
)
def test_a_graph_nodes_scope_says_whose_tensors_met(message, category):
    diagnosis = explain(message)
    assert diagnosis is not None and diagnosis.category == category, diagnosis.render()
    assert diagnosis.reader_confidence == "high"


# --- confidence and spoilers --------------------------------------------------------------------


def test_an_exact_family_is_high_confidence_and_a_general_reading_is_low():
    assert explain(INCOMPATIBLE.message).reader_confidence == "high"
    # the same shapes, in a wording no reader knows: only the general shape reader sees them
    words = INCOMPATIBLE.message.replace("Incompatible shapes:", "shapes differ:")
    diagnosis = explain(words)
    assert diagnosis is not None and diagnosis.category == "batch-size"
    assert diagnosis.reader_confidence == "low"
    assert diagnosis.render().startswith("ganerrors: probably Batch size (batch-size)")
    assert not explain(INCOMPATIBLE.message).render().startswith("ganerrors: probably")


@pytest.mark.parametrize(
    ("message", "confidence"),
    [
        # operands of unknown roles: which one is the labels decides the category
        ("Incompatible shapes: [32,10] vs. [32,4]", "low"),
        # ... unless both ways give the same one: a label per example against a row of ten
        ("Incompatible shapes: [32] vs. [32,10]", "high"),
        # a map against a row per example: a map of predictions, or labels with axes too many
        ("Incompatible shapes: [16,8,8,128] vs. [16,128]", "low"),
        ("ValueError: Shapes (?,) and (?, 1) must have the same rank", "high"),
        # fit()'s labels of 7 values per example against an output of 1, no loss named
        (
            "ValueError: Error when checking target: expected dense_2 to have shape (None, 1) "
            "but got array with shape (3230, 7)",
            "low",
        ),
        # ... and with the loss named
        (
            "ValueError: A target array with shape (500, 8) was passed for an output of shape "
            "(None, 4) while using as loss `categorical_crossentropy`.",
            "high",
        ),
        # labels of one value per example against ten: class indices, whatever the loss
        (
            "ValueError: Error when checking target: expected dense_3 to have shape (None, 10) "
            "but got array with shape (60000, 1)",
            "high",
        ),
    ],
)
def test_a_verdict_that_rests_on_which_side_is_the_labels_is_low_confidence(message, confidence):
    diagnosis = explain(message)
    assert diagnosis is not None and diagnosis.reader_confidence == confidence, diagnosis.render()


def test_a_rank_check_of_a_shape_of_no_known_place_is_low_confidence():
    # TensorShape.with_rank checks any tensor: a batch of examples is a model's input, a
    # fully known shape named nowhere may be a variable's
    assert explain("ValueError: Shape (?, 64, 64, 3) must have rank 2").reader_confidence == "high"
    assert explain("ValueError: Shape (16980, 50) must have rank 1").reader_confidence == "low"


def test_an_op_of_a_metric_is_low_confidence():
    # the loss accepted these labels; a metric that flattens them itself is not the labels'
    # fault (Keras 2.2.3's accuracy)
    metric = "Incompatible shapes: [1600] vs. [32,50]\n\t [[{{node metrics/acc/Equal}}]]"
    loss = "Incompatible shapes: [1600] vs. [32,50]\n\t [[{{node loss/dense_1_loss/sub}}]]"
    assert explain(metric).reader_confidence == "low"
    assert explain(loss).reader_confidence == "high"


def test_a_family_quoted_by_an_error_about_something_else_is_low_confidence():
    handled = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 3, in <module>\n'
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: Incompatible shapes: "
        "[16,1] vs. [32,1]\n\n"
        "During handling of the above exception, another exception occurred:\n\n"
        "Traceback (most recent call last):\n"
        '  File "train.py", line 5, in <module>\n'
        "OSError: Unable to open file (unable to open file: name = 'gan.h5', errno = 2)\n"
    )
    diagnosis = explain(handled)
    assert diagnosis is None or diagnosis.reader_confidence == "low"
    # a convolution's node names cuDNN in its attributes: no reason to doubt it
    conv = (
        "ValueError: Negative dimension size caused by subtracting 3 from 2 for '{{node Conv2D}} "
        '= Conv2D[T=DT_FLOAT, padding="VALID", use_cudnn_on_gpu=true](ones, ones_1)\' with '
        "input shapes: [1,2,2,1], [3,3,1,4]."
    )
    assert explain(conv).reader_confidence == "high"


def test_json_carries_the_confidence_and_has_the_keys_of_an_unrecognised_error():
    data = json.loads(json.dumps(explain(EMBEDDING.message).to_json()))
    assert data["confidence"] == "high" and data["category"] == "index-range"
    record = data["record"]  # what the threads of this family were labelled (tuning half)
    assert record["index-range"] >= 0.8 * sum(record.values())
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


def test_two_shapes_of_unknown_roles_in_a_message_of_no_loss_are_a_models_shapes():
    # a family no reader knows: with no word of labels or losses, not a target or an output
    diagnosis = explain("ValueError: the shapes (None, 32) and (None, 64) do not match")
    assert diagnosis is not None and diagnosis.reader_confidence == "low"
    assert diagnosis.category == "model-io-shape"
