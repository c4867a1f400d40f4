"""What an explanation states as fact holds for errors raised here, on the installed TensorFlow.

Each error below is raised live (TF 1 style graph code through `tf.compat.v1` where the error
belongs to that era) and pasted as a learner would, type and message. Found by probing the
explainer with bugs written independently of it: the category was right, a stated fact wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ganerrors.explainers import explain

pytestmark = pytest.mark.tensorflow


def tf() -> Any:
    from ganerrors._tf import import_tensorflow

    return import_tensorflow()


def caught(make_error: Callable[[], Any]) -> Exception:
    """The exception `make_error` raises (the test fails if it raises nothing)."""
    try:
        make_error()
    except Exception as exc:  # the point: whatever TensorFlow raises
        return exc
    raise AssertionError("raised nothing")


def pasted(make_error: Callable[[], Any]) -> str:
    exc = caught(make_error)
    return f"{type(exc).__name__}: {exc}"


def in_a_session(build: Callable[[Any], Any], feed: Callable[[Any], dict] | None = None) -> None:
    """Build a TF 1 style graph and run what `build` returns in a Session."""
    v1 = tf().compat.v1
    with tf().Graph().as_default():
        fetch = build(v1)
        with v1.Session() as session:
            session.run(fetch, feed_dict=feed(v1) if feed else None)


def test_float_labels_for_a_sparse_loss_are_said_to_need_integers() -> None:
    text = pasted(
        lambda: tf().function(
            lambda: tf().nn.sparse_softmax_cross_entropy_with_logits(
                labels=tf().zeros(4), logits=tf().zeros((4, 10))
            )
        )()
    )
    assert "float32" in text and "int32, int64" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "dtype"
    assert "expected int32" in diagnosis.summary and "expected float32" not in diagnosis.summary
    assert "tf.cast(labels, tf.int32)" in diagnosis.fix


def test_an_op_without_a_name_is_not_written_as_code() -> None:
    def conv_on_bytes() -> Any:
        images = tf().zeros((1, 8, 8, 1), "uint8")
        return tf().function(lambda: tf().nn.conv2d(images, tf().zeros((3, 3, 1, 4)), 1, "SAME"))()

    diagnosis = explain(pasted(conv_on_bytes))
    assert diagnosis is not None and diagnosis.category == "dtype"
    assert "`An op`" not in diagnosis.summary


def test_labels_of_the_wrong_rank_for_the_sparse_kernel_name_no_made_up_predictions() -> None:
    def column_labels(v1: Any) -> Any:
        labels = v1.placeholder(tf().int32)  # of unknown rank: only the kernel checks it
        logits = v1.placeholder(tf().float32, [None, 10])
        return tf().nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)

    text = pasted(
        lambda: in_a_session(
            column_labels,
            lambda v1: {
                "Placeholder:0": [[1], [2], [3], [4]],
                "Placeholder_1:0": [[0.0] * 10] * 4,
            },
        )
    )
    assert "labels must be 1-D, but got shape [4,1]" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "target-shape"
    assert "(4, 1)" in diagnosis.summary and "of shape labels" not in diagnosis.summary


def test_a_check_numerics_op_is_named_by_the_tensor_it_checks() -> None:
    def log_of_zero(v1: Any) -> Any:
        loss = tf().math.log(tf().zeros(2))
        check = v1.add_check_numerics_ops()
        return [loss, check]

    text = pasted(lambda: in_a_session(log_of_zero))
    assert "Log:0 : Tensor had Inf values" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "numerics"
    assert "'Log:0'" in diagnosis.summary


def test_tensors_of_two_graphs_are_not_read_as_shapes() -> None:
    def two_graphs() -> Any:
        with tf().Graph().as_default():
            x = tf().compat.v1.placeholder(tf().float32, [None, 784])
        with tf().Graph().as_default():
            w = tf().compat.v1.get_variable("w", [784, 1])
            return tf().matmul(x, w)

    text = pasted(two_graphs)
    assert "must be from the same graph" in text, text
    diagnosis = explain(text)
    assert diagnosis is None, diagnosis.summary  # not a model fed a (784, 1) input


def test_a_transposed_convolution_names_its_filter_and_input_not_the_output_shape() -> None:
    def swapped_filter() -> Any:
        x, kernel = tf().zeros((8, 4, 4, 8)), tf().zeros((5, 5, 8, 4))  # in/out swapped
        return tf().function(
            lambda: tf().nn.conv2d_transpose(x, kernel, [8, 8, 8, 8], strides=2, padding="SAME")
        )()

    text = pasted(swapped_filter)
    assert "Conv2DBackpropInput" in text and "[4], [5,5,8,4], [8,4,4,8]" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape"
    assert "(5, 5, 8, 4) and (8, 4, 4, 8)" in diagnosis.summary, diagnosis.summary


@pytest.mark.parametrize("loss", ["keras", "tf.compat.v1.losses"])
def test_a_map_of_scores_is_the_models_output_whichever_order_the_loss_prints(loss) -> None:
    # tf.compat.v1.losses prints (predictions, labels), Keras 2's categorical check (labels,
    # predictions); Keras 3 names them. A 4-D map against (batch, 1) labels is the output
    labels, scores = tf().ones((8, 1)), tf().ones((8, 7, 7, 1))  # a PatchGAN-like map

    def compare() -> Any:
        if loss == "keras":
            return tf().keras.losses.BinaryCrossentropy(from_logits=True)(labels, scores)
        return tf().compat.v1.losses.mean_squared_error(labels, scores)

    text = pasted(compare)
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "output-shape", text
    assert "predictions of shape (8, 7, 7, 1)" in diagnosis.summary, diagnosis.summary


def test_graph_code_without_gradients_is_not_told_about_a_tape() -> None:
    def through_argmax(v1: Any) -> Any:
        weights = v1.get_variable("g_out", [4, 10])
        picked = tf().cast(tf().argmax(tf().matmul(tf().ones((2, 4)), weights), axis=1), "float32")
        loss = tf().reduce_mean(picked)
        return v1.train.AdamOptimizer().minimize(loss, var_list=[weights])

    text = pasted(lambda: in_a_session(through_argmax))
    assert "No gradients provided for any variable, check your graph" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "no-gradients"
    assert "tape" not in diagnosis.render() and "var_list" in diagnosis.fix


def test_a_gradient_of_a_gradient_through_a_tf1_while_loop_is_a_missing_gradient() -> None:
    # TF 1's control flow, as a WGAN-GP penalty through an RNN discriminator met it
    v1 = tf().compat.v1
    v1.disable_control_flow_v2()
    try:

        def penalty_through_a_loop() -> None:
            with tf().Graph().as_default():
                x = v1.placeholder("float32", (3,))
                loop = tf().while_loop(
                    lambda i, a: i < 3, lambda i, a: (i + 1, a * x), [0, tf().ones(3)]
                )
                slope = tf().gradients(tf().reduce_sum(loop[1]), x)[0]
                tf().gradients(tf().reduce_sum(slope), x)

        text = pasted(penalty_through_a_loop)
    finally:
        v1.enable_control_flow_v2()
    assert text == "TypeError: Second-order gradient for while loops not supported.", text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "no-gradients"
    assert diagnosis.reader_confidence == "high" and "unroll=True" in diagnosis.render()


def test_channels_counted_in_words_are_the_images_channels() -> None:
    # PNGs decoded with their alpha channel, then augmented: the kernel says it in words
    text = pasted(lambda: tf().image.adjust_saturation(tf().zeros((2, 8, 8, 4)), 0.5))
    assert "input must have 3 channels but instead has 4 channels" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None
    assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "low")
    assert "(3 channels and got 4)" in diagnosis.summary, diagnosis.summary
    assert "channels=3" in diagnosis.render()


def test_grayscale_images_given_to_keras_2s_image_data_generator_fit_lack_a_channel_axis():
    # featurewise statistics, as augmentation recipes for small GANs compute them; Keras 3
    # has no ImageDataGenerator, so this is Keras 2's message (tf_keras)
    import numpy as np

    tf_keras = pytest.importorskip("tf_keras")
    generator = tf_keras.preprocessing.image.ImageDataGenerator(featurewise_center=True)
    text = pasted(lambda: generator.fit(np.zeros((8, 28, 28), "float32")))
    assert (
        text
        == "ValueError: Input to `.fit()` should have rank 4. Got array with shape: (8, 28, 28)"
    )
    diagnosis = explain(text)
    assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "high")
    assert "`ImageDataGenerator.fit()` expects inputs with 4 axes and got 3" in diagnosis.summary
    assert "`images[..., tf.newaxis]`" in diagnosis.render()
    empty = explain(pasted(lambda: generator.fit(np.zeros((0,), "float32"))))
    assert empty.category == "model-io-shape" and "empty array" in empty.summary


def test_a_value_fed_to_the_first_unnamed_placeholder_is_read_as_the_models_input() -> None:
    # TF 1 scripts make the input's placeholder first (x), then the labels' (y_): a pickle of
    # images read back as one object gives shape (1,), which is not class indices
    import numpy as np

    def build(v1):
        images = v1.placeholder(tf().float32, (None, 6500))
        labels = v1.placeholder(tf().float32, (None, 10))
        return tf().reduce_sum(images) + tf().reduce_sum(labels)

    def feed(v1):
        graph = v1.get_default_graph()
        return {
            graph.get_tensor_by_name("Placeholder:0"): np.zeros((1,), "float32"),
            graph.get_tensor_by_name("Placeholder_1:0"): np.zeros((4, 10), "float32"),
        }

    text = pasted(lambda: in_a_session(build, feed))
    assert "Cannot feed value of shape (1,) for Tensor Placeholder:0" in text, text
    diagnosis = explain(text)
    assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "high")


def test_arrays_the_tflite_interpreter_was_not_converted_for_are_named_by_what_differs():
    # a generator converted for a phone, then run on one image without its batch axis, on
    # images of another size, on uint8 pixels, and on a batch of 4 (TF 2.21, raised live)
    import numpy as np

    keras = tf().keras
    model = keras.Sequential(
        [keras.Input((8, 8, 1)), keras.layers.Conv2D(2, 3), keras.layers.Flatten()]
    )
    interpreter = tf().lite.Interpreter(
        model_content=tf().lite.TFLiteConverter.from_keras_model(model).convert()
    )
    interpreter.allocate_tensors()
    index = interpreter.get_input_details()[0]["index"]
    cases = [
        (np.zeros((8, 8, 1), np.float32), "model-io-shape", "`x[np.newaxis]`"),
        (np.zeros((1, 16, 8, 1), np.float32), "model-io-shape", "size 8 on axis 1"),
        (np.zeros((1, 8, 8, 1), np.uint8), "dtype", "`(x / 127.5 - 1).astype(np.float32)`"),
        (np.zeros((4, 8, 8, 1), np.float32), "batch-size", "resize_tensor_input"),
    ]
    for array, category, said in cases:
        text = pasted(lambda array=array: interpreter.set_tensor(index, array))
        assert text.startswith("ValueError: Cannot set tensor: "), text
        diagnosis = explain(text)
        assert (diagnosis.category, diagnosis.reader_confidence) == (category, "high"), text
        assert said in diagnosis.render(), diagnosis.render()


def test_a_crop_larger_than_the_image_is_the_input_pipelines_image_size() -> None:
    # CelebA code crops 178 x 178 from 178 x 218 images; given images resized to 128 x 128
    # first, eagerly (sizes known: a ValueError) and in a dataset's map of unknown sizes
    images = tf().zeros((128, 128, 3))
    eager = pasted(lambda: tf().image.crop_to_bounding_box(images, 20, 0, 178, 178))
    assert eager == "ValueError: width must be >= target + offset.", eager
    # explained before the data set runs: AutoGraph parses the map's source in a thread of
    # tf.data, and Python 3.11's parser is not safe to use from two threads at once (pytest
    # rewrites the modules the explainer imports on first use: "SystemError: AST constructor
    # recursion depth mismatch")
    found = [explain(eager)]
    spec = tf().TensorSpec((None, None, 3), tf().float32)
    data = tf().data.Dataset.from_generator(lambda: iter([images]), output_signature=spec)
    cropped = data.map(lambda x: tf().image.crop_to_bounding_box(x, 20, 0, 178, 178))
    mapped = pasted(lambda: next(iter(cropped)))
    assert "assertion failed: [width must be >= target + offset.]" in mapped, mapped
    found.append(explain(mapped))
    for diagnosis in found:
        assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "high")
        assert "Resize before cropping" in diagnosis.render()


def test_weights_stacked_against_each_other_get_no_category() -> None:
    # a weight decay written as one stack of every kernel and bias: only variables reach the op
    kernel, bias = tf().Variable(tf().zeros((26, 100))), tf().Variable(tf().zeros((100,)))
    decay = tf().function(lambda: tf().reduce_sum(tf().stack([kernel, bias])))
    text = pasted(decay)
    assert "Shapes must be equal rank, but are 2 and 1" in text, text
    assert "ReadVariableOp, " in text, text
    assert explain(text) is None


def test_class_numbers_given_to_a_metric_of_probabilities_are_named_as_such() -> None:
    # a binary AUC kept on a three-class model, given the argmax of its output
    def run() -> None:
        v1 = tf().compat.v1
        with tf().Graph().as_default():
            logits = v1.placeholder("float32", (None, 3))
            labels = v1.placeholder("int64", (None,))
            update = v1.metrics.auc(labels, tf().argmax(logits, 1))[1]
            feed = {logits: [[0, 0, 1], [0, 0, 1], [0, 1, 0], [1, 0, 0]], labels: [1, 0, 1, 0]}
            with v1.Session() as session:
                session.run(v1.local_variables_initializer())
                session.run(update, feed_dict=feed)

    text = pasted(run)
    assert "predictions must be in [0, 1]" in text and "(ArgMax:0)" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None
    assert (diagnosis.category, diagnosis.reader_confidence) == ("numerics", "low")
    assert "whole class numbers" in diagnosis.summary


def test_logits_with_rows_per_position_are_the_models_output() -> None:
    # a classifier head that kept its 4x4 map, flattened into rows for a sparse loss
    scores = tf().reshape(tf().zeros((8, 4, 4, 10)), [-1, 10])  # (128, 10)
    labels = tf().zeros(8, "int32")  # one class per image
    text = pasted(
        lambda: tf().nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=scores)
    )
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "output-shape", text
    assert "8 labels for 128 rows of logits, 16 times" in diagnosis.summary, diagnosis.summary


@pytest.mark.parametrize(
    ("given", "category", "said"),
    [
        ("float64", "dtype", "float64 tensor"),
        ((4, 28, 28, 1), "model-io-shape", "(None, 8)"),
        ((16, 8), "batch-size", "16 against 32"),
    ],
)
def test_a_train_step_given_what_its_input_signature_does_not_allow(given, category, said) -> None:
    batch = 32 if given == (16, 8) else None
    step = tf().function(lambda x: x * 2, input_signature=[tf().TensorSpec([batch, 8])])
    data = tf().zeros((4, 8), "float64") if given == "float64" else tf().zeros(given)
    text = pasted(lambda: step(data))
    assert "Binding inputs to tf.function failed" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == category, text
    assert said in diagnosis.summary, diagnosis.summary


def test_an_input_check_names_the_layer_that_checked_not_the_model_around_it() -> None:
    model = tf().keras.Sequential(
        [tf().keras.Input((8, 8, 1)), tf().keras.layers.Conv2D(4, 3, name="first_conv")]
    )
    text = pasted(lambda: model(tf().zeros((4, 8, 8, 3))))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert "'first_conv' was built for images with 1 channel and got images with 3" in (
        diagnosis.summary
    ), diagnosis.summary


def test_numpy_indexing_past_the_classes_names_no_loss() -> None:
    import numpy as np

    text = pasted(lambda: np.eye(10)[np.array([3, 10])])  # one-hot rows from a table
    assert "index 10 is out of bounds for axis 0 with size 10" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "index-range"
    assert "loss" not in diagnosis.summary and "0 to 9" in diagnosis.summary


def test_a_merge_layer_of_two_sizes_reads_as_a_sentence() -> None:
    layers = tf().keras.layers
    a, b = tf().keras.Input((16, 16, 4)), tf().keras.Input((8, 8, 4))
    text = pasted(lambda: layers.Add()([a, b]))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert diagnosis.summary.startswith("A merge layer (Add, Multiply) got inputs of shapes")


def test_labels_given_as_a_list_of_arrays_are_named_as_such() -> None:
    import numpy as np

    model = tf().keras.Sequential([tf().keras.Input((4,)), tf().keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    labels = [np.ones(1, "float32") for _ in range(16)]  # one array per example
    text = pasted(lambda: model.train_on_batch(np.zeros((16, 4), "float32"), labels))
    assert "y_true and y_pred have different structures" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "target-shape", text
    assert "Python list of at least 16 arrays" in diagnosis.summary, diagnosis.summary


@pytest.mark.parametrize("mode", ["eager", "tf.function"])
def test_colour_images_into_a_grayscale_convolution(mode) -> None:
    def conv() -> Any:
        return tf().nn.conv2d(tf().zeros((2, 8, 8, 3)), tf().zeros((3, 3, 1, 8)), 1, "SAME")

    text = pasted(conv if mode == "eager" else tf().function(conv))
    assert "number of groups" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    said = "3 times the channels" if mode == "eager" else "1 channel and got images with 3"
    assert said in diagnosis.summary, diagnosis.summary


def test_two_inputs_of_different_sizes_are_not_called_inputs_and_targets() -> None:
    import numpy as np

    keras = tf().keras
    noise, label = keras.Input((4,)), keras.Input((1,))
    joined = keras.layers.Concatenate()([noise, label])
    generator = keras.Model([noise, label], keras.layers.Dense(2)(joined))
    given = [np.zeros((16, 4), "float32"), np.zeros((8, 1), "float32")]
    text = pasted(lambda: generator.predict(given, verbose=0))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "batch-size", text
    assert "inputs have different numbers of examples: 16 and 8" in diagnosis.summary, (
        diagnosis.summary
    )


def _shape_of_a_pair(from_a_dataset: bool) -> None:
    """`tf.shape` of an (images, labels) pair in a tf.function: TensorFlow packs the pair."""
    t = tf()
    pair = (t.zeros((4, 2)), t.zeros((4,), "int64"))
    if from_a_dataset:  # a dataset's element, as Keras 2's fit gives it to a train_step
        dataset = t.data.Dataset.from_tensor_slices(pair).batch(2)
        t.function(lambda it: t.shape(next(it)))(iter(dataset))
    else:
        t.function(lambda scores: t.shape(scores))(pair)  # an argument named not as the data


def test_a_dataset_pair_used_as_the_images_is_read_as_the_pair() -> None:
    text = pasted(lambda: _shape_of_a_pair(from_a_dataset=True))
    assert "'IteratorGetNext:1'" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert diagnosis.reader_confidence == "high" and "(images, labels)" in diagnosis.summary


def test_a_list_of_two_dtypes_names_the_odd_one_as_got() -> None:
    text = pasted(lambda: _shape_of_a_pair(from_a_dataset=False))
    assert "dtype <dtype: 'int64'> to <dtype: 'float32'>" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "dtype", text
    # the int64 item is what the float32 list could not take, not the other way round
    assert "got an int64 tensor" in diagnosis.summary and "expected float32" in diagnosis.summary
    assert diagnosis.reader_confidence == "high"


def test_a_batch_of_images_unpacked_as_a_pair_is_read_from_the_line() -> None:
    t = tf()

    def train_step(data: Any) -> Any:
        real_images, labels = data  # the dataset yields the images alone
        return real_images

    error = caught(lambda: t.function(train_step)(t.zeros((8, 4))))
    assert type(error).__name__ == "OperatorNotAllowedInGraphError", error
    diagnosis = explain(error)
    assert diagnosis is not None and diagnosis.category == "model-io-shape"
    assert (
        diagnosis.reader_confidence == "high"
        and "`real_images, labels = data`" in diagnosis.summary
    )
    # the message alone does not say what was unpacked: a guess
    alone = explain(f"{type(error).__name__}: {str(error).splitlines()[-1]}")
    assert alone is not None and alone.reader_confidence == "low", str(error)


def test_a_shape_unpacked_in_a_tf_function_is_not_called_a_data_mistake() -> None:
    t = tf()

    def generator_step(images: Any) -> Any:
        batch, height, width, channels = t.shape(images)
        return batch

    error = caught(lambda: t.function(generator_step)(t.zeros((8, 4, 4, 1))))
    assert "Iterating over a symbolic" in str(error), error
    diagnosis = explain(error)
    assert diagnosis is None or diagnosis.category != "model-io-shape", diagnosis


@pytest.mark.parametrize("traced", [False, True], ids=["eager", "tf.function"])
def test_a_reduction_over_an_axis_the_tensor_lacks_counts_its_axes(traced: bool) -> None:
    t = tf()

    def penalty_norm(gradients: Any) -> Any:  # a gradient penalty's norm over image axes
        return t.sqrt(t.reduce_sum(t.square(gradients), axis=[1, 2, 3]))

    images = t.zeros((8, 28, 28))  # grayscale images without their channel axis
    text = pasted(lambda: (t.function(penalty_norm) if traced else penalty_norm)(images))
    assert "Invalid reduction dimension" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.reader_confidence == "low", text
    assert "axis 3 of a tensor" in diagnosis.summary and "with 3 axes" in diagnosis.summary
    assert "axes are 0 to 2" in diagnosis.summary
    assert "model expects" not in diagnosis.summary  # not read as a model's input shape
    if traced:
        assert "(8, 28, 28)" in diagnosis.summary


def test_two_tensors_of_an_op_are_not_called_labels_and_predictions() -> None:
    t = tf()

    def interpolate(real: Any, fake: Any) -> Any:
        alpha = t.random.uniform((8, 1))  # meant (8, 1, 1, 1): one weight per image
        return real + alpha * (fake - real)

    images = t.zeros((8, 28, 28, 1))
    text = pasted(lambda: t.function(interpolate)(images, images))
    diagnosis = explain(text)
    assert diagnosis is not None, text
    assert "the labels" not in diagnosis.summary and "the predictions (" not in diagnosis.summary


def test_data_of_unknown_shape_into_a_model_is_read_as_the_pipeline() -> None:
    t = tf()
    keras = t.keras
    pairs = (t.zeros((8, 4, 4, 1)), t.ones((8, 1)))
    # a map through a Python function (image loading, augmentation): its output has no shape
    dataset = (
        t.data.Dataset.from_tensor_slices(pairs)
        .map(lambda image, label: (t.numpy_function(lambda a: a, [image], t.float32), label))
        .batch(4)
    )
    discriminator = keras.Sequential(
        [keras.Input((4, 4, 1)), keras.layers.Flatten(), keras.layers.Dense(1)]
    )
    discriminator.compile(optimizer="adam", loss="binary_crossentropy")
    error = caught(lambda: discriminator.fit(dataset, epochs=1, verbose=0))
    assert error is not None and "unknown" in str(error), error
    diagnosis = explain(error)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", error
    assert diagnosis.reader_confidence == "high" and "went into a model" in diagnosis.summary
    assert "set_shape" in " ".join(diagnosis.remedies)


def test_the_length_of_an_unknown_shape_alone_is_a_guess() -> None:
    t = tf()
    signature = [t.TensorSpec(None)]  # not even the rank is known
    text = pasted(lambda: t.function(lambda x: len(x.shape), input_signature=signature)(1.0))
    assert "unknown rank" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape"
    assert diagnosis.reader_confidence == "low"


@pytest.mark.parametrize("traced", [False, True], ids=["eager", "tf.function"])
def test_a_score_per_position_is_the_output_eager_and_traced(traced: bool) -> None:
    """A discriminator over sequences without Flatten: (8, 6, 1) scores against (8, 1)
    labels. Eager, the message names no loss (the frames do): the same verdict either way."""
    t = tf()
    loss = t.keras.losses.BinaryCrossentropy(from_logits=True)

    def step(labels: Any, scores: Any) -> Any:
        return loss(labels, scores)

    error = caught(
        lambda: (t.function(step) if traced else step)(t.ones((8, 1)), t.zeros((8, 6, 1)))
    )
    assert error is not None
    diagnosis = explain(error)
    assert diagnosis is not None and diagnosis.category == "output-shape", error
    assert "1 value per example" in diagnosis.summary, diagnosis.summary


def test_a_row_per_position_against_a_row_per_example_is_the_output() -> None:
    t = tf()
    # a multi-label head that kept its steps: (8, 6, 4) against (8, 28) labels
    text = pasted(lambda: t.keras.losses.MeanSquaredError()(t.ones((8, 28)), t.zeros((8, 6, 4))))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "output-shape", text


def test_another_tensor_unpacked_is_only_a_guess_at_the_data() -> None:
    t = tf()

    def classify(head: Any) -> Any:
        logits, probabilities = head  # a tensor, not a pair: not the dataset's batch
        return logits

    error = caught(lambda: t.function(classify)(t.zeros((8, 4))))
    assert "Iterating over a symbolic" in str(error), error
    diagnosis = explain(error)
    assert diagnosis is None or diagnosis.reader_confidence == "low", diagnosis


def test_a_loop_over_a_dataset_of_images_alone_is_read_from_its_line() -> None:
    t = tf()
    dataset = t.data.Dataset.from_tensor_slices(t.zeros((16, 4, 4, 1))).batch(8)
    error = None
    try:
        for images, labels in dataset:  # the dataset yields batches of images, not pairs
            print(images.shape, labels.shape)
    except Exception as exc:  # the point: whatever TensorFlow raises
        error = exc
    assert isinstance(error, ValueError) and "too many values to unpack" in str(error), error
    diagnosis = explain(error)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", error
    assert (
        diagnosis.reader_confidence == "high"
        and "for images, labels in dataset" in diagnosis.summary
    )
    # Python's message alone names nothing of TensorFlow: no diagnosis
    assert explain(f"ValueError: {error}") is None


def test_a_concatenate_layer_given_two_batch_sizes_names_the_batch() -> None:
    t = tf()
    # noise drawn for a full batch of 32, next to the labels of a last batch of 16
    text = pasted(lambda: t.keras.layers.Concatenate()([t.zeros((32, 100)), t.zeros((16, 10))]))
    assert "Concatenate" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "batch-size", text
    assert diagnosis.reader_confidence == "high"


def test_a_batch_of_one_image_unpacked_as_a_pair_is_read_from_its_line() -> None:
    def train_step(batch: Any) -> Any:
        real_images, labels = batch  # images alone, and a last batch of one
        return real_images

    error = caught(lambda: train_step(tf().zeros((1, 4, 4, 1))))
    assert "not enough values to unpack (expected 2, got 1)" in str(error), error
    diagnosis = explain(error)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", error
    assert diagnosis.reader_confidence == "high"


def test_a_tf_function_given_the_batch_pair_as_images_is_read_as_the_pair() -> None:
    t = tf()
    pair = (t.zeros((4, 2)), t.zeros((4,), "int64"))

    def train_step(batch: Any) -> Any:
        return t.shape(batch)[0]  # the batch is (images, labels), used as the images

    text = pasted(lambda: t.function(train_step)(pair))
    assert "'batch_1:0'" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text


def _fit_once(model: Any, dataset: Any) -> None:
    model.compile(optimizer="adam", loss="mse")
    model.fit(dataset, epochs=1, verbose=0)


def test_a_dictionary_of_features_under_another_name_names_the_keys() -> None:
    t = tf()
    keras = t.keras
    image = keras.Input((4, 4, 1), name="image")
    model = keras.Model(image, keras.layers.Dense(1)(keras.layers.Flatten()(image)))
    features = ({"img": t.zeros((8, 4, 4, 1))}, t.zeros((8, 1)))
    dataset = t.data.Dataset.from_tensor_slices(features).batch(4)
    diagnosis = explain(caught(lambda: _fit_once(model, dataset)))
    assert diagnosis is not None and diagnosis.category == "model-io-shape"
    assert diagnosis.reader_confidence == "high"
    assert "'image'" in diagnosis.summary and "['img']" in diagnosis.summary, diagnosis.summary


def test_a_python_list_of_images_of_two_sizes_is_a_guess_at_mixed_sizes() -> None:
    import numpy as np

    images = [np.zeros((4, 4, 1)), np.zeros((5, 5, 1))]
    text = pasted(lambda: tf().data.Dataset.from_tensor_slices(images))
    assert "non-rectangular" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert diagnosis.reader_confidence == "low"


def _first_of_generator(yielded: Any, spec: Any) -> Any:
    def generate() -> Any:
        yield yielded

    return list(tf().data.Dataset.from_generator(generate, output_signature=spec).take(1))


def test_a_generator_yielding_pairs_for_one_tensor_is_read_as_structure() -> None:
    import numpy as np

    t = tf()
    spec = t.TensorSpec((4, 4, 1), t.float32)  # the images only
    text = pasted(lambda: _first_of_generator((np.zeros((4, 4, 1), "float32"), 1), spec))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert "tuple" in diagnosis.summary and "object" not in diagnosis.summary


def test_a_generator_yielding_another_shape_names_both_shapes() -> None:
    import numpy as np

    t = tf()
    spec = t.TensorSpec((16, 16, 3), t.float32)
    text = pasted(lambda: _first_of_generator(np.zeros((8, 8, 3), "float32"), spec))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert "(8, 8, 3)" in diagnosis.summary and "(16, 16, 3)" in diagnosis.summary
    assert "models makes" not in diagnosis.summary and diagnosis.reader_confidence == "high"


def test_a_crop_larger_than_the_image_names_the_crop() -> None:
    t = tf()
    text = pasted(lambda: t.image.random_crop(t.zeros((8, 8, 3)), (16, 16, 3)))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert "random_crop" in diagnosis.summary and "(16, 16, 3)" in diagnosis.summary


def test_padding_values_of_another_dtype_name_the_padding_as_got() -> None:
    import numpy as np

    dataset = tf().data.Dataset.from_tensor_slices(np.zeros((4, 3), "int32"))
    text = pasted(lambda: dataset.padded_batch(2, padding_values=0.0))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "dtype", text
    assert "got a float32 tensor as padding_values where it expected int32" in diagnosis.summary


def test_an_op_given_a_batch_in_a_map_after_batch_is_named_as_the_op() -> None:
    t = tf()
    png = t.io.encode_png(t.zeros((4, 4, 3), "uint8"))
    dataset = t.data.Dataset.from_tensors(png).repeat(4).batch(2)  # batched before decoding
    text = pasted(lambda: dataset.map(lambda data: t.io.decode_png(data, channels=3)))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert diagnosis.summary.startswith("The op `DecodePng`"), diagnosis.summary
    assert any("after `batch()`" in cause for cause in diagnosis.causes)


def test_fit_given_images_alone_guesses_the_missing_targets() -> None:
    """Keras 3 converts the missing targets (None) and says only "None values not supported";
    the learner's fit() line makes it a guess at the targets, not at a gradient."""
    t = tf()
    keras = t.keras
    noise = keras.Input((4,))
    model = keras.Model(noise, keras.layers.Dense(1)(noise))
    dataset = t.data.Dataset.from_tensor_slices(t.zeros((8, 4))).batch(4)  # no targets
    error = caught(lambda: _fit_once(model, dataset))
    diagnosis = explain(error)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", error
    if "Target data is missing" not in str(error):  # Keras 2 says so: high there
        assert diagnosis.reader_confidence == "low" and "targets" in diagnosis.summary


@pytest.mark.parametrize("traced", [False, True], ids=["eager", "tf.function"])
def test_a_pixel_shuffle_given_channels_of_no_multiple_names_the_multiple(traced: bool) -> None:
    t = tf()

    def upsample(features: Any) -> Any:  # SRGAN's pixel shuffle after a 6-filter convolution
        return t.nn.depth_to_space(features, 2)

    text = pasted(lambda: (t.function(upsample) if traced else upsample)(t.zeros((2, 8, 8, 6))))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert "got 6 channels" in diagnosis.summary and "multiple of 4" in diagnosis.summary


def test_images_of_two_sizes_stacked_are_not_called_a_models_images() -> None:
    t = tf()
    # pix2pix's random jitter: an input and its target stacked to be cropped together
    text = pasted(lambda: t.stack([t.zeros((16, 16, 3)), t.zeros((18, 18, 3))]))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert "models makes" not in diagnosis.summary, diagnosis.summary


def test_gradients_zipped_with_the_other_models_variables_read_pasted_from_the_node() -> None:
    t = tf()
    keras = t.keras
    generator = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8)])
    discriminator = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3)])
    optimizer = keras.optimizers.Adam()

    def step() -> None:
        with t.GradientTape() as tape:
            loss = t.reduce_mean(discriminator(generator(t.zeros((2, 4)))))
        grads = tape.gradient(loss, generator.trainable_variables)
        optimizer.apply_gradients(zip(grads, discriminator.trainable_variables, strict=True))

    text = pasted(lambda: t.function(step)())  # the message alone names the optimizer's node
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "no-gradients", text
    assert "another model's variables" in diagnosis.summary


def test_one_tape_asked_twice_is_a_guess_at_gradients() -> None:
    t = tf()
    x = t.Variable(1.0)

    def twice() -> None:
        with t.GradientTape() as tape:
            y = x * x
        tape.gradient(y, x)
        tape.gradient(y, x)  # a non-persistent tape, asked again

    diagnosis = explain(pasted(twice))
    assert diagnosis is not None and diagnosis.category == "no-gradients"
    assert diagnosis.reader_confidence == "low"


def test_a_setting_given_as_text_or_a_mistyped_policy_is_no_confident_dtype_clash() -> None:
    t = tf()
    for make in (
        lambda: t.constant("0.001", dtype=t.float32),  # a learning rate read as text
        lambda: t.keras.layers.Dense(2, dtype="flaot32"),  # a dtype policy's name mistyped
    ):
        error = caught(make)
        for given in (error, f"{type(error).__name__}: {error}"):
            diagnosis = explain(given)
            assert diagnosis is None or diagnosis.reader_confidence == "low", (error, diagnosis)


def test_a_mask_of_class_indices_for_a_categorical_loss_is_the_target() -> None:
    t = tf()
    loss = t.keras.losses.CategoricalCrossentropy()
    # a segmentation mask of class indices (2, 16, 16, 1) against 4 class scores per pixel
    error = caught(lambda: loss(t.zeros((2, 16, 16, 1)), t.zeros((2, 16, 16, 4))))
    diagnosis = explain(error)  # the frames name the categorical loss
    assert diagnosis is not None and diagnosis.category == "target-shape", error


def test_one_target_for_a_model_of_two_outputs_counts_the_arrays() -> None:
    import numpy as np

    keras = tf().keras
    noise = keras.Input((4,))
    heads = [keras.layers.Dense(1)(noise), keras.layers.Dense(1)(noise)]  # AC-GAN style
    model = keras.Model(noise, heads)
    model.compile(optimizer="adam", loss=["mse", "mse"])
    given = (np.zeros((8, 1)),)  # a tuple of one target array
    text = pasted(lambda: model.fit(np.zeros((8, 4)), given, epochs=1, verbose=0))
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "target-shape", text
    assert "2 output(s) was given 1 target array" in diagnosis.summary, diagnosis.summary


def test_a_checkpoint_of_another_architecture_is_a_guess_not_a_loss(tmp_path) -> None:
    t = tf()
    keras = t.keras
    saved = keras.Sequential([keras.Input((3,)), keras.layers.Dense(5)])
    path = t.train.Checkpoint(model=saved).save(str(tmp_path / "ckpt"))
    other = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4)])
    error = caught(lambda: t.train.Checkpoint(model=other).restore(path).assert_consumed())
    # TensorFlow adds the bare "Shapes (3, 4) and (3, 5) are incompatible" under it
    diagnosis = explain(error)
    assert diagnosis is not None and diagnosis.reader_confidence == "low", error
    assert "labels" not in diagnosis.summary and "Saved weights" in diagnosis.summary


def test_a_finite_check_with_a_message_quotes_the_message_not_a_tensor() -> None:
    t = tf()
    loss = t.constant(float("inf"))
    text = pasted(lambda: t.debugging.assert_all_finite(loss, "discriminator loss is not finite"))
    assert "Tensor had Inf values" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "numerics", text
    assert "message: 'discriminator loss is not finite'" in diagnosis.summary, diagnosis.summary
    assert "found Inf values" in diagnosis.summary


def test_a_float64_tensor_in_a_float32_constant_names_both_dtypes() -> None:
    t = tf()

    @t.function
    def targets(scores: Any) -> Any:
        smoothing = t.reduce_mean(t.cast(scores, t.float64)) * 0.1  # float64 arithmetic
        return t.constant([[1.0 - smoothing]], dtype=t.float32)

    text = pasted(lambda: targets(t.zeros((4, 1))))
    # TF 2.21 words it "Expected float32, but got Tensor(... dtype=float64) of type
    # 'SymbolicTensor'."; TF 1 and early TF 2, "Expected float32, got <tf.Tensor ...> ... instead."
    assert "Expected float32, but got" in text and "dtype=float64" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "dtype", text
    assert "float64" in diagnosis.summary and "expected float32" in diagnosis.summary


def test_an_accuracy_written_for_one_hot_labels_given_class_indices_guesses_the_labels() -> None:
    import numpy as np

    def accuracy(v1: Any) -> Any:
        logits = v1.placeholder(tf().float32, (None, 10))
        labels = v1.placeholder(tf().int64, (None,), name="labels")  # class indices
        correct = tf().equal(tf().argmax(logits, 1), tf().argmax(labels, 1))
        return tf().reduce_mean(tf().cast(correct, tf().float32))

    feed = lambda v1: {  # noqa: E731 - fed by name: the graph is built inside in_a_session
        "Placeholder:0": np.zeros((4, 10), "float32"),
        "labels:0": np.zeros(4, "int64"),
    }
    traced = pasted(lambda: in_a_session(accuracy, feed))
    eager = pasted(lambda: tf().argmax(tf().constant([3, 1, 0, 7]), axis=1))
    for text in (traced, eager):
        assert "Expected dimension in the range [-1, 1), but got 1" in text, text
        diagnosis = explain(text)
        assert diagnosis is not None and diagnosis.category == "target-shape", text
        assert diagnosis.reader_confidence == "low" and "`ArgMax`" in diagnosis.summary


def test_an_axis_a_tensor_lacks_names_the_op_and_the_rank() -> None:
    t = tf()
    for make, op in (
        (lambda: t.nn.softmax(t.zeros([4]), axis=1), "softmax"),
        (lambda: t.unstack(t.zeros([4, 8]), axis=2), "unstack"),
        (lambda: t.argmax(t.zeros([4, 8, 8]), axis=3), "ArgMax"),
    ):
        text = pasted(make)
        diagnosis = explain(text)
        assert diagnosis is not None and diagnosis.category == "model-io-shape", text
        assert diagnosis.reader_confidence == "low" and f"`{op}`" in diagnosis.summary, text


def test_a_slice_with_more_axes_than_its_tensor_has_is_an_axis_it_lacks() -> None:
    """A loss that slices its predictions as (batch, steps, classes), y_pred[:, 2:, :], traced
    for a model whose output has no time axis: the slice names an axis the tensor lacks. It
    says "Index out of range", and is not a label out of its range."""
    t = tf()

    @t.function(autograph=False)
    def ctc_input(y_pred: Any) -> Any:
        return y_pred[:, 2:, :]

    text = pasted(lambda: ctc_input.get_concrete_function(t.TensorSpec([None, 37])))
    assert "Index out of range using input dim 2; input has only 2 dims" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert diagnosis.reader_confidence == "low" and "`strided_slice`" in diagnosis.summary


def test_a_slice_longer_than_its_axis_is_a_shape_not_an_index_out_of_range() -> None:
    """tf.slice (a crop or a window written with it) asked for more of an axis than the data
    has: its message reads "in [0, 26]" like an index out of range, but no label is involved."""
    t = tf()
    images = t.zeros([4, 26, 26, 3])  # images smaller than the crop the code was written for
    text = pasted(lambda: t.slice(images, [0, 0, 0, 0], [-1, -1, 1200, -1]))
    assert "Expected size[2] in [0, 26], but got 1200" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert diagnosis.reader_confidence == "low" and "axis 2" in diagnosis.summary, text
    begin = pasted(lambda: t.slice(images, [0, 30, 0, 0], [-1, 1, -1, -1]))
    assert "Expected begin[1] in [0, 26], but got 30" in begin, begin
    diagnosis = explain(begin)
    assert diagnosis is not None and "starts at 30" in diagnosis.summary, begin


def test_float_labels_used_as_positions_are_a_float_index() -> None:
    import numpy as np

    labels = np.array([3.0, 1.0, 7.0])  # class labels loaded as floats
    one_hot = np.zeros((3, 10), "float32")

    def build() -> None:
        for i in range(len(labels)):
            one_hot[i, labels[i]] = 1

    for make in (build, lambda: one_hot[labels], lambda: list(one_hot)[labels[0]]):
        error = caught(make)
        for given in (error, f"{type(error).__name__}: {error}"):
            diagnosis = explain(given)
            assert diagnosis is not None and diagnosis.category == "dtype", str(error)
            assert diagnosis.reader_confidence == "high"
            assert "not an integer" in diagnosis.summary and "TensorFlow" not in diagnosis.summary


def test_fixed_labels_meeting_a_last_batch_a_quarter_their_size_are_a_batch_size() -> None:
    # 50,000 images in batches of 64 leave a last batch of 16: a whole multiple of it
    t = tf()
    real_labels = t.ones((64, 1))  # made once, for BATCH_SIZE
    scores = t.zeros((16, 1))  # the discriminator on the last batch
    for make in (
        lambda: t.nn.sigmoid_cross_entropy_with_logits(labels=real_labels, logits=scores),
        lambda: t.keras.losses.BinaryCrossentropy(from_logits=True)(real_labels, scores),
    ):
        text = pasted(make)
        diagnosis = explain(text)
        assert diagnosis is not None and diagnosis.category == "batch-size", text
        assert "rows per example" not in diagnosis.summary, diagnosis.summary


def test_sequence_targets_of_another_length_flattened_into_rows_are_the_target() -> None:
    # a decoder of 47 steps against targets padded to 60, for a batch of 128: the sequence loss
    # flattens both into rows, 6016 of logits against 7680 labels, neither one batch
    t = tf()
    logits = t.zeros((128 * 47, 50))
    labels = t.zeros((128 * 60,), dtype="int32")
    text = pasted(
        lambda: t.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    )
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "target-shape", text
    assert "7680 labels for 6016 examples" in diagnosis.summary, diagnosis.summary
    assert "different lengths" in diagnosis.summary, diagnosis.summary


def test_the_last_batch_of_a_flattened_map_is_still_a_batch_size() -> None:
    # a batch of 16 against one of 12: small counts stay two batch sizes
    t = tf()
    logits = t.zeros((16, 10))
    labels = t.zeros((12,), dtype="int32")
    text = pasted(
        lambda: t.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    )
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "batch-size", text


def test_tf_concat_with_its_pre_1_0_argument_order_gets_no_reading() -> None:
    # tf.concat(0, [a, b]), the TF 0.x order: values=0 and axis=[a, b]. Neither message is about
    # a model's shapes; no layer takes inputs of 0 axes, and a scalar is no batch of labels.
    t = tf()
    a = t.zeros((2, 3))
    concat = t.function(lambda x, y: t.concat(0, [x, y]))
    for make in (
        lambda: concat(a, a),
        lambda: t.TensorShape(()).assert_is_compatible_with(t.TensorShape((2, None))),
    ):
        text = pasted(make)
        diagnosis = explain(text)
        assert diagnosis is None, (text, diagnosis.summary)


@pytest.mark.parametrize("traced", [False, True], ids=["eager", "tf.function"])
def test_a_tensor_compared_with_a_word_is_only_a_guess_at_dtypes(traced: bool) -> None:
    # `mask == 'causal'`: a name in a tensor's place, rarely the data; a CSV line read as text
    # (not one word, not one number) is the data's dtype
    t = tf()
    x = t.zeros((2,))
    equal = t.function(t.equal) if traced else t.equal
    diagnosis = explain(pasted(lambda: equal(x, "causal")))
    assert diagnosis is not None and diagnosis.category == "dtype", diagnosis
    assert diagnosis.reader_confidence == "low", diagnosis.summary
    diagnosis = explain(pasted(lambda: equal(x, "1,2,3")))
    assert diagnosis is not None and diagnosis.category == "dtype", diagnosis
    assert diagnosis.reader_confidence == "high", diagnosis.summary


def test_samples_fed_flat_to_a_placeholder_named_for_inputs_are_the_models_input() -> None:
    # audio fed as (n,) to a (?, 1) placeholder: one value per example, but the name says it
    # is the model's input, not its labels
    def audio(v1: Any) -> Any:
        with tf().name_scope("create_inputs"):
            samples = v1.placeholder(tf().float32, [None, 1])
        return samples * 2.0

    text = pasted(
        lambda: in_a_session(audio, lambda v1: {"create_inputs/Placeholder:0": [0.0] * 5})
    )
    assert "Cannot feed value of shape (5,)" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", diagnosis


def test_one_weight_in_two_layouts_is_no_confident_pair_of_labels_and_predictions() -> None:
    # a batch norm's scale (32,) assigned from a (1, 1, 1, 32) tensor: TensorShape's check
    t = tf()
    text = pasted(
        lambda: t.TensorShape((32,)).assert_is_compatible_with(t.TensorShape((1, 1, 1, 32)))
    )
    assert text == "ValueError: Shapes (32,) and (1, 1, 1, 32) are incompatible", text
    diagnosis = explain(text)
    assert diagnosis is None or diagnosis.reader_confidence == "low", diagnosis.summary


def test_a_value_fed_to_a_layers_output_is_only_a_guess() -> None:
    # labels fed to the model's output tensor instead of a placeholder: the shapes it names
    # are not what the model was built for
    def output(v1: Any) -> Any:
        images = v1.placeholder(tf().float32, [None, 4])
        return tf().nn.softmax(images * 2.0)

    fetch: list[Any] = []

    def build(v1: Any) -> Any:
        fetch.append(output(v1))
        return fetch[0]

    text = pasted(lambda: in_a_session(build, lambda v1: {fetch[0]: [[0.0] * 3] * 2}))
    assert "Cannot feed value of shape (2, 3) for Tensor Softmax:0" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.reader_confidence == "low", diagnosis


def test_a_lookup_table_with_float_keys_names_the_keys_and_the_integers_it_takes() -> None:
    def table() -> Any:
        keys, values = tf().constant([1.0, 2.0]), tf().constant([0, 1], tf().int64)
        initializer = tf().lookup.KeyValueTensorInitializer(keys, values)
        return tf().lookup.StaticHashTable(initializer, -1)

    text = pasted(table)
    assert "Could not find device for node" in text and "key_dtype in [DT_INT64]" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "dtype", text
    assert diagnosis.reader_confidence == "high"
    assert "float32 tensor as key_dtype" in diagnosis.summary and "int64" in diagnosis.summary


def test_a_reshape_in_the_input_pipeline_is_the_examples_size_not_a_smaller_batch() -> None:
    # 47/128 looks like a last batch of 47 meeting a batch of 128; but the reshape runs in the
    # dataset's map, one example (an image of another size) at a time
    import numpy as np

    def examples() -> Any:
        yield np.zeros(376 * 256 * 3, np.float32)

    def read() -> None:
        spec = tf().TensorSpec([None], tf().float32)
        data = tf().data.Dataset.from_generator(examples, output_signature=spec)
        for _ in data.map(lambda x: tf().reshape(x, (512, 512, 3))).batch(2):
            pass

    text = pasted(read)
    assert "288768 values" in text and "786432" in text and "IteratorGetNext" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", diagnosis


def test_images_fed_to_a_layers_bias_are_only_a_guess() -> None:
    # a name reused in feed_dict: the batch of images went to a weight, not to the input
    fetch: list[Any] = []

    def build(v1: Any) -> Any:
        with v1.variable_scope("discriminator/conv1"):
            bias = v1.get_variable(
                "b",
                [64],
                initializer=v1.zeros_initializer(),
                use_resource=False,  # as in TF 1
            )
        fetch.append(bias)
        return bias * 2.0

    text = pasted(lambda: in_a_session(build, lambda v1: {fetch[0]: [[[0.0] * 3] * 4] * 2}))
    assert "for Tensor discriminator/conv1/b:0" in text, text
    diagnosis = explain(text)
    assert diagnosis is None or diagnosis.reader_confidence == "low", diagnosis


def test_a_matrix_that_cannot_be_factorised_is_numerics_and_cholesky_no_longer_raises() -> None:
    # TF 2.21 on CPU: Cholesky of a singular matrix logs a warning and returns NaN (old
    # versions raised "Cholesky decomposition was not successful. The input might not be
    # valid."); the explanation says so, and this notices when TensorFlow changes it
    factor = tf().linalg.cholesky(tf().zeros((3, 3)))
    assert bool(tf().reduce_any(tf().math.is_nan(factor))), factor
    text = pasted(lambda: tf().linalg.inv(tf().zeros((3, 3))))
    assert "Input is not invertible." in text, text
    raised_before = "Cholesky decomposition was not successful. The input might not be valid."
    for message in (text, raised_before):
        diagnosis = explain(message)
        assert diagnosis is not None and diagnosis.category == "numerics", message
    cholesky = explain(raised_before)
    assert cholesky is not None and "no longer raises" in cholesky.summary


@pytest.mark.parametrize("traced", [False, True], ids=["eager", "tf.function"])
def test_a_python_float_meeting_uint8_images_is_a_dtype_clash(traced: bool) -> None:
    import numpy as np

    def scale(images: Any) -> Any:
        return images * 0.5  # uint8 pixels (decode_png, decode_image) never cast to float32

    step = tf().function(scale) if traced else scale
    text = pasted(lambda: step(tf().constant(np.zeros((2, 4, 4, 3), np.uint8))))
    assert "uint8" in text and "0.5" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "dtype", text
    assert "uint8" in diagnosis.summary and diagnosis.reader_confidence == "high"


def test_an_empty_list_of_file_names_is_a_guess_at_the_files_not_at_two_dtypes() -> None:
    # a glob that matched nothing: tf.constant([]) is float32, and the reader wants strings
    text = pasted(lambda: tf().data.TFRecordDataset(tf().constant([])))
    assert "tf.string" in text and "tf.float32" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "dtype", text
    assert diagnosis.reader_confidence == "low" and "file names" in diagnosis.summary


def test_a_reshape_into_fixed_sizes_is_a_guess_and_one_with_minus_one_is_not() -> None:
    """Two counts and a shape of fixed sizes do not say whether a layer's size or a batch
    size written into the shape is wrong; with a -1 the batch is free, so what is left over
    is one example's size, the model's shapes."""
    import numpy as np

    fixed = [
        pasted(lambda: np.zeros(3200).reshape(32, 7, 7)),
        pasted(lambda: tf().reshape(tf().ones((3200,)), (32, 7, 7))),
    ]
    for message in fixed:
        diagnosis = explain(message)
        assert diagnosis is not None, message
        assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "low"), (
            message
        )
    free = pasted(lambda: tf().reshape(tf().ones((32, 7, 7, 1)), (-1, 64)))
    diagnosis = explain(free)
    assert diagnosis is not None, free
    assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "high"), free


@pytest.mark.parametrize("how", ["eager", "batched", "in a dataset's map"])
def test_a_record_feature_parsed_as_another_dtype_names_both_and_the_feature(how) -> None:
    example = (
        tf()
        .train.Example(
            features=tf().train.Features(
                feature={"label": tf().train.Feature(bytes_list=tf().train.BytesList(value=[b"3"]))}
            )
        )
        .SerializeToString()
    )
    spec = {"label": tf().io.FixedLenFeature([], tf().float32)}
    parse = {
        "eager": lambda: tf().io.parse_single_example(example, spec),
        "batched": lambda: tf().io.parse_example([example], spec),
        "in a dataset's map": lambda: list(
            tf()
            .data.Dataset.from_tensors(example)
            .map(lambda e: tf().io.parse_single_example(e, spec))
        ),
    }[how]
    message = pasted(parse)
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("dtype", "high"), message
    assert diagnosis.details == {
        "op": "tf.io.parse_example",
        "got": "string",
        "expected": "float32",
    }
    assert "'label'" in diagnosis.summary and "`bytes_list`" in diagnosis.summary
    assert "FixedLenFeature([], tf.string)" in diagnosis.render()
    # the functions the advice names exist
    for name in ("strings.to_number", "io.decode_raw", "io.parse_tensor", "io.FixedLenFeature"):
        module, _, function = name.rpartition(".")
        assert callable(getattr(getattr(tf(), module), function)), name
    assert callable(tf().train.Example.FromString)


def test_keras_3_here_loads_a_keras_2_h5_model_with_its_own_input_shape(tmp_path) -> None:
    """The advice for an input of (None, None, 224, 224, 3) says that older Keras 3 releases
    gave a Keras 2 .h5 model that input, and that the installed Keras loads such a file with
    its own input shape: a file saved by tf_keras (Keras 2) in a subprocess, loaded here."""
    import os
    import subprocess
    import sys

    import keras

    path = tmp_path / "keras2.h5"
    code = (
        "import sys, tensorflow as tf\n"
        "assert tf.keras.__name__.startswith('tf_keras'), tf.keras.__name__\n"
        "layers = tf.keras.layers\n"
        "model = tf.keras.Sequential([layers.InputLayer(input_shape=(28, 28, 1)),\n"
        "    layers.Conv2D(4, 3), layers.Flatten(), layers.Dense(1)])\n"
        "model.save(sys.argv[1])\n"
    )
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert keras.models.load_model(path, compile=False).input_shape == (None, 28, 28, 1)
    message = (
        "ValueError: Kernel shape must have the same length as input, but received kernel of "
        "shape (3, 3, 3, 32) and input of shape (None, None, 224, 224, 3)."
    )
    diagnosis = explain(message)
    assert diagnosis is not None
    assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "low")
    # the release the advice names (measured when it was written) is at most the installed
    # one, which loads the file above: a Keras that stops loading such files fails here
    import re

    named = re.search(r"Keras (\d+)\.(\d+) loads", diagnosis.summary)
    assert named is not None, diagnosis.summary
    installed = tuple(int(part) for part in keras.__version__.split(".")[:2])
    assert (int(named.group(1)), int(named.group(2))) <= installed


@pytest.mark.parametrize("channels", [1, 4])
def test_images_split_into_three_colour_channels_name_the_channels(channels) -> None:
    """VGG's preprocessing splits RGB images into their 3 channels; grayscale or RGBA images
    make the split kernel fail on the last axis, which is read as the images' channels."""
    images = tf().ones((2, 8, 8, channels))
    message = pasted(lambda: tf().split(images, 3, axis=3))
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "high"), message
    assert f"3 channels and got images with {channels}" in diagnosis.summary
    # of another axis than the batch or the channels, what was split is not known
    assert explain(pasted(lambda: tf().split(tf().ones((2, 5, 8, 3)), 3, axis=1))) is None


def test_a_reshape_from_unknown_image_sizes_is_read_as_the_images_not_the_batch() -> None:
    """A channel shuffle's reshape written from `x.shape` in a model built for any image
    size: TF 2.21 traced says "Failed to convert elements of [-1, None, None, 2, 2]"."""
    signature = [tf().TensorSpec([None, None, None, 4])]

    @tf().function(input_signature=signature)
    def shuffle(x: Any) -> Any:
        return tf().reshape(x, [-1, x.shape[1], x.shape[2], 2, 2])

    message = pasted(lambda: shuffle(tf().ones((2, 4, 4, 4))))
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("model-io-shape", "high"), message
    assert "[-1, None, None, 2, 2]" in diagnosis.summary
    assert "`tf.shape(x)`" in diagnosis.render()

    # the same with a batch of one written as a number: two unknown axes are still the image's
    @tf().function(input_signature=[tf().TensorSpec([1, None, None, 4])])
    def one(x: Any) -> Any:
        return tf().reshape(x, [1, x.shape[1], x.shape[2], 2, 2])

    message = pasted(lambda: one(tf().ones((1, 4, 4, 4))))
    assert "[1, None, None, 2, 2]" in message, message
    diagnosis = explain(message)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", message


def test_a_loop_state_made_for_one_example_meets_a_batch_of_unknown_size() -> None:
    """A decoder's state made with a fixed batch size (`zero_state(1, ...)`, `tf.zeros((1,
    units))`) that the loop's body turns into the batch's unknown size."""

    @tf().function(input_signature=[tf().TensorSpec([None, 4])])
    def decode(x: Any) -> Any:
        def body(i: Any, state: Any) -> Any:
            return i + 1, state + x

        return tf().while_loop(lambda i, s: i < 3, body, [tf().constant(0), tf().zeros((1, 4))])

    message = pasted(lambda: decode(tf().ones((2, 4))))
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("batch-size", "high"), message
    assert "batches of 1" in diagnosis.summary


def test_a_ctc_label_at_the_blank_names_the_blank() -> None:
    """CTC's loss keeps its last class for the blank: a label id at or past it."""
    labels = tf().sparse.from_dense(tf().constant([[1, 4, 2]], tf().int32))
    logits = tf().zeros((10, 1, 5))  # time, batch, 5 classes: the blank is 4
    message = pasted(
        lambda: tf().compat.v1.nn.ctc_loss(labels, logits, sequence_length=tf().constant([10]))
    )
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("index-range", "high"), message
    assert "its last class, 4, for the blank" in diagnosis.summary
    assert "Dense(len(vocabulary) + 1)" in diagnosis.render()


def test_numpys_index_past_an_array_of_one_row_is_an_index_range() -> None:
    """NumPy's own index error names no loss: index 1 into one row is not the sparse loss's
    one-unit output (a label of 1 against [0, 1)), which is an output shape."""
    import numpy as np

    message = pasted(lambda: np.zeros((1, 4))[1])
    assert message == "IndexError: index 1 is out of bounds for axis 0 with size 1"
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("index-range", "low"), message


def test_decode_predictions_given_a_feature_map_is_a_probable_output_shape() -> None:
    """keras.applications' decode_predictions names ImageNet's 1000 classes: the output of a
    model built with include_top=False is a feature map, not 1000 scores per image."""
    import keras
    import numpy as np

    message = pasted(
        lambda: keras.applications.vgg16.decode_predictions(np.zeros((1, 14, 14, 512)))
    )
    assert "expects a batch of predictions" in message and "(1, 14, 14, 512)" in message
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("output-shape", "low"), message
    assert "include_top=False" in diagnosis.render()


def test_a_shape_cut_off_at_the_end_of_a_message_is_still_read() -> None:
    """An issue's title keeps the message up to where it was cut: the last shape is unclosed."""
    import numpy as np

    slots = np.zeros((16, 2048, 3, 3))

    def assign() -> None:
        slots[0:16] = np.zeros((32, 2048, 3, 3))

    message = pasted(assign)
    assert message.endswith("into shape (16,2048,3,3)"), message
    diagnosis = explain(message[:-1])
    assert diagnosis is not None, message
    assert diagnosis.category == "batch-size", diagnosis.render()


def test_a_list_of_numbers_and_strings_is_a_dtype() -> None:
    """A record or a DataFrame row turned into a tensor as a Python list of mixed types."""
    message = pasted(lambda: tf().constant([1.0, "comedy"]))
    assert message == "ValueError: Can't convert Python sequence with mixed types to Tensor."
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("dtype", "high"), message


def test_a_negative_ctc_label_is_named() -> None:
    """CTC's loss op with sparse labels holding -2 (an unknown character looked up as -1, or
    padding): the op names the labels of the batch it rejects."""
    labels = tf().SparseTensor([[0, 0], [0, 1]], tf().constant([1, -2], tf().int32), [1, 3])
    logits = tf().zeros((5, 1, 4))
    message = pasted(
        lambda: tf().compat.v1.nn.ctc_loss(labels, logits, sequence_length=tf().constant([5]))
    )
    assert "All labels must be nonnegative integers, batch: 0 labels: 1,-2" in message
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("index-range", "high"), message
    assert "label id of -2" in diagnosis.summary


def test_ctc_labels_longer_than_the_output_are_a_low_confidence_output_shape() -> None:
    """CTC's loss op with a label of 7 steps and an output of 5: raised by TF 1's and Keras 2's
    CTC, and by `tf.nn.ctc_loss` with sparse labels."""
    labels = tf().sparse.from_dense(tf().constant([[1, 2, 3, 1, 2, 3, 1]], tf().int32))
    logits = tf().zeros((5, 1, 6))  # 5 steps, batch of 1, 6 classes
    message = pasted(
        lambda: tf().compat.v1.nn.ctc_loss(labels, logits, sequence_length=tf().constant([5]))
    )
    assert "Not enough time for target transition sequence (required: 7, available: 5)" in message
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("output-shape", "low"), message
    assert "needs 7 steps" in diagnosis.summary and "only 5" in diagnosis.summary


def test_dense_ctc_labels_longer_than_the_output_raise_nothing() -> None:
    """What the CTC advice says of dense labels: `tf.nn.ctc_loss` and Keras 3's CTC loss return
    a large loss instead of raising."""
    import keras

    labels = tf().constant([[1, 2, 3, 1, 2, 3, 1]], tf().int32)
    logits = tf().zeros((1, 5, 6))  # batch, 5 steps, 6 classes
    dense = tf().nn.ctc_loss(labels, logits, [7], [5], logits_time_major=False, blank_index=0)
    ours = keras.ops.ctc_loss(labels, logits, [7], [5])
    assert float(dense[0]) > 100 and float(ours[0]) > 100
    fix = explain(
        pasted(
            lambda: tf().compat.v1.nn.ctc_loss(
                tf().sparse.from_dense(labels), tf().transpose(logits, [1, 0, 2]), [5]
            )
        )
    ).fix  # type: ignore[union-attr]
    assert "Keras 3's CTC loss and `tf.nn.ctc_loss` with dense labels raise nothing" in fix


def test_uint8_images_scaled_in_place_are_a_dtype_error() -> None:
    """`x_train /= 127.5` on images loaded as uint8: NumPy's casting error, read as dtype."""
    import numpy as np

    def scale_in_place() -> None:
        images = np.zeros((2, 4, 4, 1), np.uint8)
        images /= 127.5

    raised = caught(scale_in_place)
    # what katas/06/README.md says a learner sees
    assert isinstance(raised, TypeError)
    assert type(raised).__qualname__ == "_UFuncOutputCastingError"
    message = pasted(scale_in_place)
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("dtype", "high"), message
    assert "float64 values in place in an array of uint8" in diagnosis.summary
    assert ".astype('float32')" in diagnosis.render()


def test_float_images_given_to_pil_are_a_dtype_error() -> None:
    """A generator's float32 output saved with PIL as it is; a uint8 image with one channel
    axis too many is not a dtype error, and is not read as one."""
    import numpy as np

    image = pytest.importorskip("PIL.Image")
    message = pasted(lambda: image.fromarray(np.zeros((8, 8, 3), np.float32)))
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("dtype", "high"), message
    assert "got float32 values" in diagnosis.summary
    one_channel = pasted(lambda: image.fromarray(np.zeros((8, 8, 1), np.uint8)))
    assert "|u1" in one_channel
    assert explain(one_channel) is None or explain(one_channel).category != "dtype"  # type: ignore[union-attr]


def test_a_variables_running_sum_of_another_shape_is_low_confidence() -> None:
    """A metric's state (a variable updated with `assign_add`) given a value of another shape:
    its sizes are the metric's settings as often as the labels', so it is only a guess."""
    total = tf().Variable(tf().zeros([2]))
    for update in (
        lambda: total.assign_add(tf().ones([3])),
        lambda: tf().function(lambda: total.assign_add(tf().ones([3])))(),
    ):
        message = pasted(update)
        assert "AssignAddVariableOp" in message
        diagnosis = explain(message)
        assert diagnosis is None or diagnosis.reader_confidence == "low", message


def test_a_generator_of_batches_whose_signature_fixes_the_batch_size_is_a_batch_size_error() -> (
    None
):
    """The last batch a generator yields holds the images left over: with the batch size
    written into `output_signature`, TF 2.21 raises an InvalidArgumentError around a
    TypeError when that batch is read (earlier versions: a ValueError)."""
    import numpy as np

    def batches() -> Any:
        yield np.zeros((32, 8, 8, 1), np.float32)
        yield np.zeros((22, 8, 8, 1), np.float32)

    def read_all() -> None:
        spec = tf().TensorSpec((32, 8, 8, 1), tf().float32)
        for _ in tf().data.Dataset.from_generator(batches, output_signature=spec):
            pass

    message = pasted(read_all)
    assert message.startswith("InvalidArgumentError"), message[:200]
    assert "TypeError: `generator` yielded an element of shape (22, 8, 8, 1)" in message
    diagnosis = explain(message)
    assert diagnosis is not None, message
    assert (diagnosis.category, diagnosis.reader_confidence) == ("batch-size", "high"), message
    assert "tf.TensorSpec((None, 8, 8, 1), tf.float32)" in diagnosis.render()


def test_every_op_read_as_always_differentiable_has_a_gradient_in_this_tensorflow() -> None:
    """ "No gradient defined for operation 'x' (op type: Cast)" for one of these ops means a
    graph, a module or a port of TensorFlow (TensorFlow.NET) that lacks what TensorFlow
    registers, not a step without a gradient in the learner's model: the explainer then gives
    low confidence. This checks the list against the installed TensorFlow's registry."""
    from tensorflow.python.framework import ops  # the registry has no public accessor

    from ganerrors.explainers.gradients import DIFFERENTIABLE

    tf()
    missing = []
    for op in sorted(DIFFERENTIABLE):
        try:
            if ops._gradient_registry.lookup(op) is None:  # registered as not differentiable
                missing.append(op)
        except LookupError:
            missing.append(op)
    assert not missing, missing


def test_a_batch_of_fakes_shown_as_one_image_is_read_from_matplotlibs_message() -> None:
    """Matplotlib, not TensorFlow, raises it: a generated batch shown with its batch axis."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import numpy as np
    from matplotlib import pyplot

    fakes = np.zeros((1, 64, 64, 3), "float32")  # generator(noise) for one noise vector
    text = pasted(lambda: pyplot.imshow(fakes))
    pyplot.close("all")
    assert "Invalid shape (1, 64, 64, 3) for image data" in text, text
    diagnosis = explain(text)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", text
    assert diagnosis.reader_confidence == "low" and "images[0]" in diagnosis.render(), text
