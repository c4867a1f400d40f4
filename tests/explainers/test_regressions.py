"""Errors the explainer once got wrong, raised live and explained from the exception, from
its one-line form and from the whole traceback a person would paste."""

from __future__ import annotations

import traceback

import pytest

from ganerrors import explain
from ganerrors._tf import import_tensorflow

tf = import_tensorflow()


def _raise(function) -> BaseException:
    try:
        function()
    except Exception as error:  # noqa: BLE001 - the error is the test's subject
        return error
    raise AssertionError("expected an error")


def _forms(error: BaseException) -> list:
    one_line = f"{type(error).__name__}: {error}"
    pasted = "".join(traceback.format_exception(error))
    return [error, one_line, pasted]


def test_check_numerics_is_numerics_however_it_is_given() -> None:
    error = _raise(
        lambda: tf.debugging.check_numerics(tf.constant([float("nan")]), "discriminator loss")
    )
    for form in _forms(error):
        diagnosis = explain(form)
        assert diagnosis is not None and diagnosis.category == "numerics", form


def test_enable_check_numerics_minus_inf_is_numerics() -> None:
    tf.debugging.enable_check_numerics()
    try:
        error = _raise(lambda: tf.math.log(tf.constant([0.0])))
    finally:
        tf.debugging.disable_check_numerics()
    assert "-Inf" in str(error)
    for form in _forms(error):
        diagnosis = explain(form)
        assert diagnosis is not None and diagnosis.category == "numerics", form


@pytest.mark.parametrize("traced", [False, True], ids=["eager", "tf.function"])
def test_float64_real_images_joined_to_float32_fakes_say_to_convert_the_float64_ones(
    traced: bool,
) -> None:
    join = lambda real, fake: tf.concat([real, fake], axis=0)  # noqa: E731
    if traced:
        join = tf.function(join)
    real = tf.zeros((2, 4), tf.float64)  # NumPy data, never converted
    fake = tf.zeros((2, 4), tf.float32)
    error = _raise(lambda: join(real, fake))
    for form in _forms(error):
        diagnosis = explain(form)
        assert diagnosis is not None and diagnosis.category == "dtype", form
        assert "Convert the float64 tensor to float32" in diagnosis.fix


def test_ganerrors_explain_stays_the_function_after_the_explainers_are_imported() -> None:
    import ganerrors
    import ganerrors.explainers.order  # noqa: F401 - importing submodules must not shadow it

    assert callable(ganerrors.explain)
    assert ganerrors.explain("Incompatible shapes: [16,1] vs. [32,1]").category == "batch-size"
    assert ganerrors.explain is explain


def test_the_bare_check_numerics_phrase_is_numerics() -> None:
    assert explain("Tensor had NaN values").category == "numerics"


def test_label_advice_keeps_the_discriminator_width_visible() -> None:
    # tf.ones_like(scores) would take a wrong width along silently (kata 01's lesson)
    for message in (
        "Incompatible shapes: [16,1] vs. [32,1]",
        "Arguments `target` and `output` must have the same rank (ndim). "
        "Received: target.shape=(32,), output.shape=(32, 1)",
    ):
        assert "ones_like" not in explain(message).fix


def test_an_unrecognised_error_has_the_same_json_keys_as_a_recognised_one() -> None:
    from ganerrors.explainers import Diagnosis

    recognised = explain("Incompatible shapes: [16,1] vs. [32,1]").to_json()
    assert Diagnosis.unrecognised_json().keys() == recognised.keys()


def test_first_axes_a_whole_multiple_apart_are_rows_per_position_not_batch_sizes() -> None:
    # 2 apart (a batch of 64 against one of 32) or not a whole multiple is two batch sizes;
    # 4 or more apart, the rows of a map or of per-position labels
    cases = {
        (32, 16): "batch-size",
        (32, 21): "batch-size",
        (32, 128): "output-shape",
        (3200, 32): "target-shape",
    }
    for (labels, logits), category in cases.items():
        message = (
            "logits and labels must be broadcastable: "
            f"logits_size=[{logits},10] labels_size=[{labels},10]"
        )
        assert explain(message).category == category, message
        assert explain(message).reader_confidence == "high"


RESHAPE = "Input to reshape is a tensor with {} values, but the requested shape has {}"


def test_a_reshape_ratio_of_image_sizes_is_not_read_as_a_smaller_batch() -> None:
    # 28x28 against 32x32 pixels (49/64), grayscale against RGB (1/3), a side of half (1/4)
    for have, want in ((25088, 32768), (784 * 32, 2352 * 32), (4096 * 8, 16384 * 8)):
        message = RESHAPE.format(have, want)
        assert explain(message).category == "model-io-shape", message
    # a last batch of 16 (or 21) for a shape written for 32
    for have, want in ((16 * 784, 32 * 784), (21 * 3072, 32 * 3072)):
        message = RESHAPE.format(have, want)
        assert explain(message).category == "batch-size", message


def test_session_run_fetching_none_is_probably_a_missing_gradient() -> None:
    diagnosis = explain("TypeError: Fetch argument None has invalid type <class 'NoneType'>")
    assert diagnosis.category == "no-gradients"
    assert diagnosis.reader_confidence == "low"


def test_theanos_number_of_dimensions_is_read_as_a_rank() -> None:
    diagnosis = explain(
        "ValueError: Wrong number of dimensions: expected 3, got 2 with shape (128, 11)."
    )
    assert diagnosis.category == "model-io-shape"
    assert diagnosis.reader_confidence == "low"


def test_a_closed_range_of_classes_with_a_value_beyond_it_is_probably_an_index_range() -> None:
    # a segmentation library's own check: classes 0 to 6, a mask pixel of 7
    message = (
        "The pixel values of the label image mask.png violating range [0, 6]. "
        "Found maximum pixel value 7"
    )
    diagnosis = explain(message)
    assert diagnosis.category == "index-range" and diagnosis.reader_confidence == "low"
    # a range of pixel values is not a range of classes
    assert explain("ValueError: x must be in range [0, 255], got 300") is None


def test_a_file_reader_given_numbers_is_probably_an_empty_file_list() -> None:
    # TF 1.x and 2: an empty Python list of file names becomes a float32 tensor
    diagnosis = explain(
        "TypeError: Input 'filename' of 'ReadFile' Op has type float32 that does not match "
        "expected type of string."
    )
    assert diagnosis.category == "dtype" and diagnosis.reader_confidence == "low"
    assert "empty" in diagnosis.summary
    assert "string." not in diagnosis.render()  # the full stop is not part of the dtype


def test_an_axis_read_past_a_shapes_rank_is_probably_a_tensor_of_too_few_axes() -> None:
    message = (
        "Traceback (most recent call last):\n"
        '  File "attention.py", line 12, in call\n'
        "    hidden_size = int(hidden_states.shape[2])\n"
        "IndexError: list index out of range"
    )
    diagnosis = explain(message)
    assert diagnosis.category == "model-io-shape" and diagnosis.reader_confidence == "low"
    assert "at least 3 axes" in diagnosis.summary
    # Python's own index errors elsewhere are not about shapes
    other = message.replace("int(hidden_states.shape[2])", "names[2]")
    assert explain(other) is None


def test_a_reshape_in_the_input_pipeline_of_four_times_the_values_is_probably_a_decode_dtype():
    # TF 2.21, raised live: float32 records decoded with tf.io.decode_raw(..., tf.uint8)
    message = (
        "InvalidArgumentError: {{function_node __wrapped__IteratorGetNext_output_types_1_device_/"
        "job:localhost/replica:0/task:0/device:CPU:0}} Error in user-defined function passed to "
        "MapDataset:1 transformation with iterator: Iterator::Root::ParallelMapV2: Input to "
        "reshape is a tensor with 64 values, but the requested shape has 16\n\t [[{{node "
        "Reshape}}]] [Op:IteratorGetNext] name: "
    )
    diagnosis = explain(message)
    assert diagnosis.category == "dtype" and diagnosis.reader_confidence == "low"
    assert "decode_raw" in diagnosis.summary
    # outside an input pipeline the same counts are a reshape of the wrong size
    assert explain(RESHAPE.format(64, 16)).category == "model-io-shape"


def test_a_decode_raw_named_only_in_tf1s_node_block_is_still_the_input_pipeline():
    # TF 1 prints the reshape's inputs in its [[Node: ...]] block, which the reading text
    # leaves out: DecodeRaw is only there (real: tensorflow/tensorflow#18262, in the corpus)
    message = (
        "InvalidArgumentError: Input to reshape is a tensor with 26136 values, but the requested "
        "shape has 13068\n\t [[Node: Reshape = Reshape[T=DT_UINT8, Tshape=DT_INT32, _device="
        '"/job:localhost/replica:0/task:0/device:CPU:0"](DecodeRaw, Reshape/shape)]]'
    )
    diagnosis = explain(message)
    assert (diagnosis.category, diagnosis.confidence) == ("dtype", "low")
    assert "exactly 2 times fewer" in diagnosis.summary
    # the same block with a count that is no whole multiple: an image of another size
    assert explain(message.replace("26136", "24375")).category == "model-io-shape"


def test_concatenate_shapes_that_would_join_on_the_last_axis_are_a_guess() -> None:
    message = (
        "ValueError: A `Concatenate` layer requires inputs with matching shapes except for the "
        "concat axis. Got inputs shapes: [(128, None, 20), (None, None, 64)]"
    )
    assert explain(message).reader_confidence == "low"
    differ = message.replace("(None, None, 64)", "(None, 12, 64)").replace("(128, None", "(128, 10")
    assert explain(differ).reader_confidence == "high"


def test_the_unknown_batch_made_an_int_is_batch_size_when_the_code_shows_the_batch_axis():
    tf1 = (
        "---> 55   if grid_shape[0] * grid_shape[1] != int(input_tensor.shape[0]):\n\n"
        "TypeError: __int__ returned non-int (type NoneType)"
    )
    diagnosis = explain(tf1)
    assert diagnosis.category == "batch-size" and diagnosis.reader_confidence == "high"
    assert "input_tensor.shape[0]" in diagnosis.summary
    # TF 1's Dimension(None) alone: some axis was unknown, probably the batch
    alone = explain("TypeError: __int__ returned non-int (type NoneType)")
    assert alone.category == "batch-size" and alone.reader_confidence == "low"
    # Python's own int(None) elsewhere is not about shapes
    python = "TypeError: int() argument must be a string, a bytes-like object or a real number, "
    assert explain(python + "not 'NoneType'") is None


def test_two_sizes_of_one_axis_are_read_as_labels_then_predictions_with_low_confidence():
    # TF 2.21's Dimension.merge_with, raised live
    diagnosis = explain("ValueError: Dimensions 1 and 9 are not compatible")
    assert diagnosis.category == "target-shape" and diagnosis.reader_confidence == "low"
    assert "1 and 9" in diagnosis.summary


def test_a_keras_input_check_cut_before_its_message_is_probably_the_models_input() -> None:
    pasted = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 40, in <module>\n'
        "    model.fit(x, y, validation_data=(vx, vy))\n"
        '  File "/usr/lib/python3/site-packages/keras/src/layers/input_spec.py", line 227, in '
        "assert_input_compatibility\n"
        "    raise ValueError(\n"
        "ValueError: Exception encountered when calling Sequential.call()."
    )
    diagnosis = explain(pasted)
    assert diagnosis.category == "model-io-shape" and diagnosis.reader_confidence == "low"


def test_two_sizes_of_one_axis_name_the_one_column_whichever_side_it_is_on() -> None:
    for message in (
        "ValueError: Dimensions 1 and 9 are not compatible",
        "ValueError: Dimensions 9 and 1 are not compatible",
    ):
        causes = " ".join(explain(message).causes)
        assert "(1 column)" in causes and "(9 column)" not in causes, causes
