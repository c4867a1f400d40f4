# ruff: noqa: E501  (each message stays whole on one line, as the library writes it)
"""Every message family the explainer reads, in the wording of the library that raises it.

Each message below is the format string of TensorFlow, Keras (2 and 3), NumPy or scikit-learn,
as their sources write it, filled in with the sizes of a GAN's tensors; they are not corpus
entries (the corpus, in corpus/*.toml, holds real messages from public threads, scored in
test_corpus.py). Python 2's reprs (u'name', 75L) are written as TF 1.x printed them there.
A message family listed here is read by an exact reader: high confidence, the right item; the
last ones are about something else and must not get a high-confidence diagnosis.
"""

from __future__ import annotations

import pytest

from ganerrors.explainers import explain

FAMILIES = [
    # --- batch-size
    (  # Keras 3, as the installed version raises it
        "ValueError: Exception encountered when calling LSTM.call().\n\nIf an RNN is stateful, the batch size of the input sequences must be the same as the batch size of the initial state. \n- Expected batch size: 64\n- Received batch size: 16",
        "batch-size",
    ),
    (  # Keras 2
        "ValueError: If a RNN is stateful, it needs to know its batch size. Specify the batch size of your input tensors: \n- If using a Sequential model, specify the batch size by passing a `batch_input_shape` argument to your first layer.\n- If using the functional API, specify the batch size by passing a `batch_shape` argument to your Input layer.",
        "batch-size",
    ),
    (  # Keras 2's fit()/predict() with a stateful model (keras/engine/training.py)
        "ValueError: In a stateful network, you should only pass inputs with a number of samples that can be divided by the batch size. Found: 167 samples. Batch size: 32.",
        "batch-size",
    ),
    (  # not a library's message: DCGAN-tensorflow's sample grid (utils.image_manifold_size)
        'Traceback (most recent call last):\n  File "utils.py", line 249, in image_manifold_size\n    assert manifold_w * manifold_h == num_images\nAssertionError',
        "batch-size",
    ),
    (
        "InvalidArgumentError: Specified a list with shape [32,1] from a tensor with shape [16,1]",
        "batch-size",
    ),
    (  # tf.image.crop_to_bounding_box in a dataset's map, given an image smaller than the box
        "InvalidArgumentError: assertion failed: [height must be >= target + offset.]",
        "model-io-shape",
    ),
    (  # TensorFlow Lite's Interpreter.set_tensor: a single image without its batch axis
        "ValueError: Cannot set tensor: Dimension mismatch. Got 3 but expected 4 for input 0.",
        "model-io-shape",
    ),
    (  # ... and a model quantized to uint8 given float32 images
        "ValueError: Cannot set tensor: Got value of type FLOAT32 but expected type UINT8 for "
        "input 0, name: serving_default_input:0",
        "dtype",
    ),
    (  # Keras 2's ImageDataGenerator.fit, given grayscale images without a channel axis
        "ValueError: Input to `.fit()` should have rank 4. Got array with shape: (60000, 28, 28)",
        "model-io-shape",
    ),
    (  # the cuDNN recurrent kernels (GPU): the initial state's shape, then the one the input asks for
        "InvalidArgumentError: Invalid input_h shape: [1,64,256] [1,16,256]",
        "batch-size",
    ),
    (
        "TypeError: Failed to convert elements of [None, -1] to Tensor. Consider casting elements to a supported type.",
        "batch-size",
    ),
    (  # TF 1 on Python 2: a tuple of the static shape's Dimensions, the batch's unknown
        "TypeError: Failed to convert object of type <type 'tuple'> to Tensor. Contents: (Dimension(None), Dimension(100)). Consider casting elements to a supported type.",
        "batch-size",
    ),
    (
        "ValueError: Tried to convert 'shape' to a tensor and failed. Error: None values not supported.",
        "batch-size",
    ),
    (
        "ValueError: Cannot reshape a tensor with 131072 elements to shape [64,4,4,512] (524288 elements) for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](x, Reshape/shape)' with input shapes: [16,8192], [4] and with input tensors computed as partial shapes: input[1] = [64,4,4,512].",
        "batch-size",
    ),
    (
        "ValueError: Cannot merge tensors with different batch sizes. Received tensors with shapes [(32, 10), (16, 10)]",
        "batch-size",
    ),
    (
        "ValueError: Every value in `xs` must have the same shape except on the `axis` dim. But found element of shape (16, 8), which is different from the first element's shape (32, 10).",
        "batch-size",
    ),
    (
        "ValueError: Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=(16,), output.shape=(32, 10)",
        "batch-size",
    ),
    (
        "ValueError: Cannot feed value of shape (75, 3000) for Tensor u'input_15:0', which has shape '(500, 3000)'",
        "batch-size",
    ),
    (
        "ValueError: Cannot feed value of shape (75L, 3000L) for Tensor u'input_15:0', which has shape '(500, 3000)'",
        "batch-size",
    ),
    (
        "ValueError: Cannot feed value of shape (32, 100) for Tensor 'z:0', which has shape '(64, 100)'",
        "batch-size",
    ),
    (
        "ValueError: Cannot feed value of shape (64,) for Tensor 'Placeholder_1:0', which has shape '(?, 1)'",
        "target-shape",
    ),
    (
        "ValueError: Cannot feed value of shape (64, 28, 28) for Tensor 'Placeholder:0', which has shape '(?, 784)'",
        "model-io-shape",
    ),
    (
        "ValueError: Cannot feed value of shape (100, 10) for Tensor 'y:0', which has shape '(?,)'",
        "target-shape",
    ),
    (
        "ValueError: Data cardinality is ambiguous:\n  x sizes: 50, 1\nPlease provide data which shares the same first dimension.",
        "batch-size",
    ),
    (
        "ValueError: Data cardinality is ambiguous:\n  x sizes: 60000\n  y sizes: 10000\nMake sure all arrays contain the same number of samples.",
        "batch-size",
    ),
    (
        "ValueError: Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: 100\n'y' sizes: 90\n",
        "batch-size",
    ),
    (
        "ValueError: All input arrays (x) should have the same number of samples. Got array shapes: [(100, 10), (99, 5)]",
        "batch-size",
    ),
    (
        "ValueError: All target arrays (y) should have the same number of samples. Got array shapes: [(100, 1), (99, 1)]",
        "batch-size",
    ),
    (
        "ValueError: Input arrays should have the same number of samples as target arrays. Found 1000 input samples and 999 target samples.",
        "batch-size",
    ),
    (
        "ValueError: Found input variables with inconsistent numbers of samples: [100, 99]",
        "batch-size",
    ),
    (
        "InvalidArgumentError: Conv2DSlowBackpropInput: input and out_backprop must have the same batch size",
        "batch-size",
    ),
    (
        "InvalidArgumentError: Conv2DCustomBackpropInput: input and out_backprop must have the same batch size. Input batch: 64, outbackprop batch: 4, batch_dim: 0",
        "batch-size",
    ),
    (
        "TypeError: Failed to convert object of type <class 'list'> to Tensor. Contents: [None, -1, 64]. Consider casting elements to a supported type.",
        "batch-size",
    ),
    (
        "ValueError: Cannot convert a partially known TensorShape (None, 64) to a Tensor.",
        "batch-size",
    ),
    ("ValueError: Cannot convert a partially known TensorShape to a Tensor: (?, 64)", "batch-size"),
    (
        "ValueError: Dimension 0 in both shapes must be equal, but are 64 and 32. Shapes are [64] and [32]. for 'concat' (op: 'ConcatV2') with input shapes: [64,100], [32,10], [] and with computed input tensors: input[2] = <1>.",
        "batch-size",
    ),
    (
        "InvalidArgumentError: ConcatOp : Dimensions of inputs should match: shape[0] = [64,100] vs. shape[1] = [32,10]",
        "batch-size",
    ),
    ("InvalidArgumentError: Incompatible shapes: [64,1] vs. [32,1]", "batch-size"),
    (
        "ValueError: could not broadcast input array from shape (16,1) into shape (32,1)",
        "batch-size",
    ),
    (
        "InvalidArgumentError: logits and labels must be broadcastable: logits_size=[64,10] labels_size=[32,10]",
        "batch-size",
    ),
    (  # TF 2.21, raised live: a reshape to (BATCH_SIZE, ...) meets a last batch of 21
        "InvalidArgumentError: {{function_node __wrapped__Reshape_device_/job:localhost/replica:0/task:0/device:CPU:0}} Input to reshape is a tensor with 64512 values, but the requested shape has 98304 [Op:Reshape]",
        "batch-size",
    ),
    (  # Keras 3.15, raised live: fit() given a Python list of 30 images of (8, 8, 1)
        "ValueError: Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8\n'y' sizes: 30\n",
        "model-io-shape",
    ),
    (  # NumPy 1.9 and older: the in-place division of an integer array
        "TypeError: ufunc 'true_divide' output (typecode 'd') could not be coerced to provided output parameter (typecode 'B') according to the casting rule ''same_kind''",
        "dtype",
    ),
    (  # NumPy 1.10 and later
        "numpy.core._exceptions._UFuncOutputCastingError: Cannot cast ufunc 'subtract' output from dtype('float64') to dtype('uint8') with casting rule 'same_kind'",
        "dtype",
    ),
    (  # Pillow before 8 names neither the axes nor the type string
        "TypeError: Cannot handle this data type",
        "dtype",
    ),
    # --- output-shape
    (  # TF's CTCLoss kernel (ctc_loss_calculator.h): the batch index follows the parenthesis
        "InvalidArgumentError: Not enough time for target transition sequence (required: 32, available: 16)0You can turn this error into a warning by using the flag ignore_longer_outputs_than_inputs",
        "output-shape",
    ),
    (  # Keras 3.15, raised live: both scalars; which side is wrong is a guess
        "ValueError: Arguments `target` and `output` must be at least rank 1. Received: target.shape=(), output.shape=()",
        "output-shape",
    ),
    (  # Keras 3.15, raised live: BinaryCrossentropy()(1.0, 0.5) averages over an axis of ()
        "InvalidArgumentError: {{function_node __wrapped__Mean_device_/job:localhost/replica:0/task:0/device:CPU:0}} Invalid reduction dimension (-1 for input with 0 dimension(s) [Op:Mean] name: ",
        "output-shape",
    ),
    (  # Keras 3.15, raised live: a cross-entropy given the scores' mean against batch labels
        "ValueError: Arguments `target` and `output` must have the same rank (ndim). Received: target.shape=(4, 1), output.shape=()",
        "output-shape",
    ),
    (  # TF 2.21, raised live: logits of a (32, 10, 10, 10) map reshaped to (3200, 10) rows
        "InvalidArgumentError: {{function_node __wrapped__SoftmaxCrossEntropyWithLogits_device_/job:localhost/replica:0/task:0/device:CPU:0}} logits and labels must be broadcastable: logits_size=[3200,10] labels_size=[32,10] [Op:SoftmaxCrossEntropyWithLogits] name: ",
        "output-shape",
    ),
    (
        "ValueError: Shape must be rank 2 but is rank 4 for 'SoftmaxCrossEntropyWithLogits' (op: 'SoftmaxCrossEntropyWithLogits') with input shapes: [?,7,7,10], [?,10].",
        "output-shape",
    ),
    ("InvalidArgumentError: logits must be 2-dimensional", "output-shape"),
    ("InvalidArgumentError: logits must be 2-D, but got shape [32,7,7,10]", "output-shape"),
    (
        "ValueError: Dimensions must be equal, but are 10 and 2 for 'SoftmaxCrossEntropyWithLogits' (op: 'SoftmaxCrossEntropyWithLogits') with input shapes: [?,10], [?,2].",
        "output-shape",
    ),
    (
        'InvalidArgumentError: Incompatible shapes: [32,10] vs. [32,2]\n\t [[Node: loss/dense_2_loss/mul = Mul[T=DT_FLOAT, _device="/job:localhost/replica:0/task:0/device:GPU:0"](dense_2_target, loss/dense_2_loss/Log)]]',
        "output-shape",
    ),
    (
        "Argument `output` must have rank (ndim) `target.ndim - 1`. Received: target.shape=(None,), output.shape=(None, 4, 4, 10)",
        "output-shape",
    ),
    (
        "ValueError: Error when checking target: expected time_distributed_1 to have 3 dimensions, but got array with shape (1000, 5)",
        "output-shape",
    ),
    (
        "ValueError: Error when checking target: expected lstm_2 to have 3 dimensions, but got array with shape (64, 1)",
        "output-shape",
    ),
    ("ValueError: Shapes (None, 10) and (None, 2) are incompatible", "output-shape"),
    ("ValueError: Shapes (None, 10) and (None, 7, 7, 10) are incompatible", "output-shape"),
    (
        "ValueError: logits and labels must have the same shape ((None, 10) vs (None, 1))",
        "output-shape",
    ),
    (
        "InvalidArgumentError: logits and labels must be broadcastable: logits_size=[32,4] labels_size=[32,10]",
        "output-shape",
    ),
    (
        "ValueError: Arguments target and output must have the same shape. Received: target.shape=(None, 1), output.shape=(None, 2)",
        "output-shape",
    ),
    (
        "ValueError: Arguments `target` and `output` must have the same rank (ndim). Received: target.shape=(None, 1), output.shape=(None, 4, 4, 1)",
        "output-shape",
    ),
    (
        "ValueError: Error when checking target: expected dense_2 to have shape (2,) but got array with shape (1,)",
        "output-shape",
    ),
    (
        "ValueError: A target array with shape (6682, 2) was passed for an output of shape (None, 15, 2) while using as loss `categorical_crossentropy`. This loss expects targets to have the same shape as the output.",
        "output-shape",
    ),
    (
        "ValueError: Error when checking target: expected conv2d_5 to have 4 dimensions, but got array with shape (64, 1)",
        "output-shape",
    ),
    (
        "InvalidArgumentError: Received a label value of 1 which is outside the valid range of [0, 1).  Label values: 1 0 1 1",
        "output-shape",
    ),
    (
        "ValueError: Rank mismatch: Rank of labels (received 1) should equal rank of logits minus 1 (received 4).",
        "output-shape",
    ),
    (
        "ValueError: Shape mismatch: The shape of labels (received (32,)) should equal the shape of logits except for the last dimension (received (32, 4, 4, 10)).",
        "output-shape",
    ),
    (  # Sonnet's Linear (google-deepmind/graph_nets#130): node features of one axis
        "ValueError: Shape (5953500,) must have rank >= 2",
        "model-io-shape",
    ),
    # --- target-shape
    (  # AutoKeras's own check (keras-team/autokeras#1679): "to have shape" and "but got"
        # name which shape is expected and which was given
        "Expect the target data for classification_head_1 to have shape [1], but got [2].",
        "target-shape",
    ),
    (  # Keras 3.15, raised live: keras.ops.categorical_crossentropy(1.0, scores)
        "ValueError: Arguments `target` and `output` must be at least rank 1. Received: target.shape=(), output.shape=(4, 3)",
        "target-shape",
    ),
    (  # TF 2.21 in tf.function, raised live: labels of 4 rows per example for logits of 1
        "ValueError: Dimensions must be equal, but are 5 and 20 for '{{node softmax_cross_entropy_with_logits}} = SoftmaxCrossEntropyWithLogits[T=DT_FLOAT](softmax_cross_entropy_with_logits/Reshape, softmax_cross_entropy_with_logits/Reshape_1)' with input shapes: [5,6], [20,6].",
        "target-shape",
    ),
    (  # the same in TF 1.x's words: the kernel's inputs are (logits, labels)
        "InvalidArgumentError: Dimension 0 in both shapes must be equal, but are 5 and 20 for 'SoftmaxCrossEntropyWithLogits' (op: 'SoftmaxCrossEntropyWithLogits') with input shapes: [5,6], [20,6].",
        "target-shape",
    ),
    (  # labels built per position (100 rows per example) for logits of one row per example
        "logits and labels must be broadcastable: logits_size=[32,10] labels_size=[3200,10]",
        "target-shape",
    ),
    (
        "ValueError: You are passing a target array of shape (64, 1) while using as loss `categorical_crossentropy`. `categorical_crossentropy` expects targets to be binary matrices (1s and 0s) of shape (samples, classes). If your targets are integer classes, you can convert them to the expected format via:\n```\nfrom keras.utils import to_categorical\ny_binary = to_categorical(y_int)\n```\n\nAlternatively, you can use the loss function `sparse_categorical_crossentropy` instead, which does expect integer targets.",
        "target-shape",
    ),
    (
        "ValueError: Shape must be rank 1 but is rank 2 for 'SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits' (op: 'SparseSoftmaxCrossEntropyWithLogits') with input shapes: [?,10], [?,10].",
        "target-shape",
    ),
    ("InvalidArgumentError: labels must be 1-D, but got shape [32,10]", "target-shape"),
    (  # 100 rows of logits per image: a 10x10 map of class scores reshaped to rows
        "InvalidArgumentError: logits and labels must have the same first dimension, got logits shape [6400,10] and labels shape [64]",
        "output-shape",
    ),
    (  # 16 labels per row of logits: labels built per position
        "InvalidArgumentError: logits and labels must have the same first dimension, got logits shape [64,10] and labels shape [1024]",
        "target-shape",
    ),
    (
        "ValueError: Cannot feed value of shape (128,) for Tensor 'Placeholder_1:0', which has shape '(?, 10)'",
        "target-shape",
    ),
    (
        "ValueError: Mismatched label shape. Classifier configured with n_classes=1. Received 10. Suggested Fix: check your n_classes argument to the estimator and/or the shape of your label.",
        "target-shape",
    ),
    (
        "ValueError: labels shape must be [D0, D1, ... DN, 1]. Suggested Fix: check your n_classes argument to the estimator and/or the shape of your label.",
        "target-shape",
    ),
    (
        "ValueError: y should be a 1d array, got an array of shape (100, 10) instead.",
        "target-shape",
    ),
    (
        "ValueError: Classification metrics can't handle a mix of multilabel-indicator and multiclass targets",
        "target-shape",
    ),
    ("ValueError: Shapes (None, 1) and (None, 10) are incompatible", "target-shape"),
    # Keras's ImageDataGenerator.fit given channels-first images (keras-preprocessing wording)
    (
        'ValueError: Expected input to be images (as Numpy array) following the data format convention "channels_last" (channels on axis 3), i.e. expected either 1, 3 or 4 channels on axis 3. However, it was passed an array with shape (500, 3, 32, 32) (32 channels).',
        "model-io-shape",
    ),
    # a shape written from static sizes, None beyond the batch axis: unknown image axes
    (
        "TypeError: Failed to convert object of type <class 'list'> to Tensor. Contents: [-1, None, None, 4, 8]. Consider casting elements to a supported type.",
        "model-io-shape",
    ),
    # Keras 2's target placeholder of a model that ends in a 4-D feature map (no head)
    (
        "ValueError: Cannot feed value of shape (16, 10) for Tensor 'block5_pool_target:0', which has shape '(?, ?, ?, ?)'",
        "output-shape",
    ),
    # TF 0.x-1.0's wording of a transposed convolution's output_shape that does not fit
    (
        "InvalidArgumentError: Conv2DBackpropInput: Number of rows of out_backprop doesn't match computed: actual = 7, computed = 16",
        "model-io-shape",
    ),
    # two square matrices: a weight (a CRF's transitions) restored or assigned, not a batch
    ("ValueError: Shapes (12, 12) and (5, 5) are incompatible", "model-io-shape"),
    (
        "ValueError: Error when checking target: expected dense_4 to have 2 dimensions, but got array with shape (500, 40, 12)",
        "target-shape",
    ),
    (
        "ValueError: Error when checking target: expected dense_3 to have shape (10,) but got array with shape (1,)",
        "target-shape",
    ),
    (
        "ValueError: Error when checking target: expected dense_2 to have 2 dimensions, but got array with shape (32, 10, 1)",
        "target-shape",
    ),
    ("ValueError: logits and labels must have the same shape ((32, 1) vs (32,))", "target-shape"),
    (
        "InvalidArgumentError: logits and labels must be broadcastable: logits_size=[32,10] labels_size=[32,1]",
        "target-shape",
    ),
    (
        "ValueError: Arguments target and output must have the same rank (ndim). Received: target.shape=(32,), output.shape=(32, 1)",
        "target-shape",
    ),
    ("ValueError: Shapes (?,) and (?, 1) must have the same rank", "target-shape"),
    (
        "ValueError: Argument `output` must have rank (ndim) `target.ndim - 1`. Received: target.shape=(None, 10), output.shape=(None, 10)",
        "target-shape",
    ),
    (
        "InvalidArgumentError: logits and labels must have the same first dimension, got logits shape [32,10] and labels shape [320]",
        "target-shape",
    ),
    (
        "ValueError: Can not squeeze dim[1], expected a dimension of 1, got 10 for '{{node sparse_categorical_crossentropy/remove_squeezable_dimensions/Squeeze}} = Squeeze[T=DT_FLOAT, squeeze_dims=[-1]](IteratorGetNext:1)' with input shapes: [?,10].",
        "target-shape",
    ),
    (
        "ValueError: Error when checking model target: the list of Numpy arrays that you are passing to your model is not the size the model expected. Expected to see 1 array(s), but instead got the following list of 2 arrays: [array([[1.]]), array([[0.]])]...",
        "target-shape",
    ),
    # --- target-shape: Keras 2's fit() check with its first words cut off (an issue's title)
    (
        "expected activation_6 to have 3 dimensions, but got array with shape (8, 64, 64, 3)",
        "target-shape",
    ),
    # --- model-io-shape
    (
        "expected conv2d_1_input to have 4 dimensions, but got array with shape (60000, 28, 28)",
        "model-io-shape",
    ),  # the same, of an input: its name ends in _input
    (  # Keras 1's standardize_input_data: a Python list of 64 images, read as 64 inputs
        "Exception: Error when checking model input: the list of Numpy arrays that you are passing to your model is not the size the model expected. Expected to see 1 arrays but instead got the following list of 64 arrays: [array([[[0.1, 0.2, 0.3]]]), array([[[0.1, 0.2, 0.3]]])...",
        "model-io-shape",
    ),
    (  # TF 1.x nn_ops.Convolution: a generator's 1 channel into a discriminator built for 3
        "ValueError: number of input channels does not match corresponding dimension of filter, 1 != 3",
        "model-io-shape",
    ),
    (  # TF 1.x nn_ops.conv2d_transpose: a map of 40 channels into a filter built for 48
        "ValueError: input channels does not match filter's input channels, 40 != 48",
        "model-io-shape",
    ),
    (  # the same, a custom layer handed its weights (fixed shapes) among its inputs: a guess
        "ValueError: Layer attention_gru_1 expects 2 inputs, but it received 4 input tensors. Input received: [<tf.Tensor 'encoder/Merge:0' shape=(?, ?, 64) dtype=float32>, <tf.Tensor 'decoder/Merge:0' shape=(?, ?, 64) dtype=float32>, <tf.Tensor 'mul:0' shape=(64, 32) dtype=float32>, <tf.Tensor 'mul_1:0' shape=(32, 1) dtype=float32>]",
        "model-io-shape",
    ),
    (  # Keras 2.2 (keras/engine/base_layer.py), before it wrote "input(s)"
        "ValueError: Layer model_2 expects 2 inputs, but it received 1 input tensors. Input received: [<tf.Tensor 'noise:0' shape=(?, 100) dtype=float32>]",
        "model-io-shape",
    ),
    (  # tf_keras 2.21 fit(), raised live: a dataset of images alone for a model compiled with a loss
        "ValueError: Target data is missing. Your model was compiled with loss=mse, and therefore expects target data to be provided in `fit()`.",
        "model-io-shape",
    ),
    (  # TF 2.21, raised live: tf.image.random_crop of 16x16 from 8x8 images, in a dataset's map
        "InvalidArgumentError: {{function_node __wrapped__IteratorGetNext_output_types_1_device_/job:localhost/replica:0/task:0/device:CPU:0}} assertion failed: [Need value.shape >= size, got ] [8 8 3] [16 16 3]\n\t [[{{node random_crop/Assert/Assert}}]] [Op:IteratorGetNext] name: ",
        "model-io-shape",
    ),
    (  # Keras 3.15 fit(), raised live: a GAN's train_step(data) uses data, an (images, labels) pair, as the images
        "ValueError: Shapes must be equal rank, but are 4 and 1 From merging shape 0 with other shapes. for '{{node Shape/packed}} = Pack[N=2, T=DT_FLOAT, axis=0](data, data_1)' with input shapes: [?,28,28,1], [?].",
        "model-io-shape",
    ),
    (  # the same with int32 labels, raised live
        "TypeError: Cannot convert a list containing a tensor of dtype <dtype: 'int32'> to <dtype: 'float32'> (Tensor is: <tf.Tensor 'data_1:0' shape=(None,) dtype=int32>)",
        "model-io-shape",
    ),
    (  # TF 2.21 in tf.function, raised live: tf.reshape(x, tf.constant(64)), a scalar shape
        "ValueError: Shape must be rank 1 but is rank 0 for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](x, Const)' with input shapes: [8,8], [].",
        "model-io-shape",
    ),
    (  # Keras 3: a Dense layer after an axis of unknown size (Input((None,)))
        "ValueError: Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: shape=(None, 1) for variable path='sequential/dense/kernel'",
        "model-io-shape",
    ),
    (  # cut before its input shapes, as an issue's title
        "ValueError: Dimensions must be equal, but are 784 and 100 for 'MatMul' (op: 'MatMul')",
        "model-io-shape",
    ),
    (
        "ValueError: Shape must be at least rank 2 but is rank 1 for 'concat' (op: 'ConcatV2') with input shapes: [?,100], [?], [].",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: ConcatOp : Ranks of all input tensors should match: shape[0] = [32,100] vs. shape[1] = [32] [Op:ConcatV2]",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: ConcatOp : Expected concatenating dimensions in the range [-1, 1), but got 1",
        "model-io-shape",
    ),
    ("InvalidArgumentError: input must be 4-dimensional[32,28,28]", "model-io-shape"),
    (
        "InvalidArgumentError: In[0] is not a matrix. Instead it has shape [32,28,28]",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: transpose expects a vector of size 4. But input(1) is a vector of size 3",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: In[0] mismatch In[1] shape: 784 vs. 100: [32,784] [100,256] 0 0",
        "model-io-shape",
    ),
    (
        "ValueError: Cannot assign to variable conv2d/kernel:0 due to variable shape (3, 3, 1, 32) and value shape (3, 3, 3, 32) are incompatible",
        "model-io-shape",
    ),
    (
        "ValueError: Received incompatible tensor with shape (3, 3, 3, 64) when attempting to restore variable with shape (3, 3, 1, 64) and name conv2d/kernel:0.",
        "model-io-shape",
    ),
    (
        "ValueError: Layer count mismatch when loading weights from file. Model expected 10 layers, found 13 saved layers.",
        "model-io-shape",
    ),
    (
        "ValueError: Weight count mismatch for layer #0 (named dense in the current model, dense in the save file). Layer expects 2 weights, but the saved weights have 1 elements.",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: {{function_node __wrapped__Conv2D_device_/job:localhost/replica:0/task:0/device:CPU:0}} input depth must be evenly divisible by filter depth: 1 vs 3 [Op:Conv2D] name:",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: Depth of input (1) is not a multiple of input depth of filter (3)",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: Computed output size would be negative: -1 [input_size: 2, effective_filter_size: 3, stride: 1]",
        "model-io-shape",
    ),
    (
        "ValueError: Kernel shape must have the same length as input, but received kernel of shape (3, 3, 1, 32) and input of shape (None, 28, 28).",
        "model-io-shape",
    ),
    (
        "ValueError: The channel dimension of the inputs should be defined. Found `None`.",
        "model-io-shape",
    ),
    ("ValueError: ('Input has undefined rank:', TensorShape(None))", "model-io-shape"),
    (
        "InvalidArgumentError: Incompatible shapes: [32,8,8,4] vs. [32,8,8,2] [Op:AddV2] name:",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: Cannot add tensor to the batch: number of elements does not match. Shapes are: [tensor]: [64,64,1], [batch]: [64,64,3]",
        "model-io-shape",
    ),
    (
        "ValueError: Inputs have incompatible shapes. Received shapes (16, 16, 64) and (15, 15, 64)",
        "model-io-shape",
    ),
    (
        "ValueError: Operands could not be broadcast together with shapes (8, 8, 128) (8, 8, 64)",
        "model-io-shape",
    ),
    (
        "ValueError: Cannot broadcast shape, the failure dim has value 3, which cannot be broadcasted to 5. Input shapes are: (None, 3) and (None, 5).",
        "model-io-shape",
    ),
    (
        "ValueError: Cannot feed value of shape (784,) for Tensor 'Placeholder:0', which has shape '(?, 784)'",
        "model-io-shape",
    ),
    (
        "ValueError: Error when checking model input: the list of Numpy arrays that you are passing to your model is not the size the model expected. Expected to see 2 array(s), but instead got the following list of 1 arrays: [array([[0.1, 0.2]])]...",
        "model-io-shape",
    ),
    (  # the same, cut where an issue's title cuts it
        "ValueError: Error when checking model input: the list of Numpy arrays that you are passing to your model is not the size the model expected. Expected to see 2 array(s), but instead got the following",
        "model-io-shape",
    ),
    (
        "ValueError: Layer model_1 expects 1 input(s), but it received 2 input tensors. Inputs received: [<tf.Tensor 'IteratorGetNext:0' shape=(32, 28, 28) dtype=uint8>, <tf.Tensor 'ExpandDims:0' shape=(32, 1) dtype=uint8>]",
        "model-io-shape",
    ),
    (
        "ValueError: Layer \"model\" expects 2 input(s), but it received 1 input tensors. Inputs received: [<tf.Tensor 'IteratorGetNext:0' shape=(None, 100) dtype=float32>]",
        "model-io-shape",
    ),
    (
        "WARNING:tensorflow:Model was constructed with shape (None, 28, 28, 1) for input KerasTensor(type_spec=TensorSpec(shape=(None, 28, 28, 1), dtype=tf.float32, name='input_1'), name='input_1', description=\"created by layer 'input_1'\"), but it was called on an input with incompatible shape (None, 28, 28).",
        "model-io-shape",
    ),
    (
        "Model was constructed with shape (None, None, None, 3) for input KerasTensor, but it was called on an input with incompatible shape (None, 3, 224, 224)",
        "model-io-shape",
    ),
    (
        "ValueError: Error when checking : expected input_1 to have 4 dimensions, but got array with shape (28, 28, 1)",
        "model-io-shape",
    ),
    (
        "ValueError: Error when checking input: expected conv2d_1_input to have shape (28, 28, 1) but got array with shape (28, 28, 3)",
        "model-io-shape",
    ),
    (
        'ValueError: The shape of the input to "Flatten" is not fully defined (got (None, None, 64)). Make sure to pass a complete "input_shape" or "batch_input_shape" argument to the first layer in your model.',
        "model-io-shape",
    ),
    (
        "ValueError: The last dimension of the inputs to `Dense` should be defined. Found `None`.",
        "model-io-shape",
    ),
    (
        "ValueError: The last dimension of the inputs to a Dense layer should be defined. Found None. Full input shape received: (None, None)",
        "model-io-shape",
    ),
    (
        "ValueError: Operands could not be broadcast together with shapes (8, 8, 128) (7, 7, 128)",
        "model-io-shape",
    ),
    ("ValueError: Shapes (64, 8, 8, 256) and (64, 7, 7, 256) are not compatible", "model-io-shape"),
    ("ValueError: Shape (?, 64, 64, 3) must have rank 2", "model-io-shape"),
    (
        "InvalidArgumentError: Conv2DCustomBackpropInput: Size of out_backprop doesn't match computed: actual = 8, computed = 7 spatial_dim: 1 input: 16 filter: 5 output: 8 stride: 2 dilation: 1",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: Cannot batch tensors with different shapes in component 0. First element had shape [64,64,3] and element 1 had shape [64,64,1].",
        "model-io-shape",
    ),
    (
        "ValueError: could not broadcast input array from shape (28,28,3) into shape (28,28)",
        "model-io-shape",
    ),
    (
        "ValueError: shapes (32,784) and (100,256) not aligned: 784 (dim 1) != 100 (dim 0)",
        "model-io-shape",
    ),
    (
        "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 100 is different from 784)",
        "model-io-shape",
    ),
    (
        "ValueError: Tensor's shape (5, 5, 3, 64) is not compatible with supplied shape (5, 5, 1, 64)",
        "model-io-shape",
    ),
    (
        "ValueError: Cannot assign value to variable ' conv2d/kernel:0': Shape mismatch.The variable shape (3, 3, 1, 32), and the assigned value shape (3, 3, 3, 32) are incompatible.",
        "model-io-shape",
    ),
    (
        "ValueError: The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. variable.shape=(3, 3, 1, 32), Received: value.shape=(3, 3, 3, 32). Target variable: <Variable path=conv2d/kernel, shape=(3, 3, 1, 32), dtype=float32, value=[]>",
        "model-io-shape",
    ),
    (
        "ValueError: You are trying to load a weight file containing 13 layers into a model with 10 layers.",
        "model-io-shape",
    ),
    (
        'ValueError: Layer #0 (named "dense_1" in the current model) was found to correspond to layer dense_1 in the save file. However the new layer dense_1 expects 2 weights, but the saved weights have 1 elements.',
        "model-io-shape",
    ),
    (
        "ValueError: Input 0 is incompatible with layer conv2d_1: expected ndim=4, found ndim=3",
        "model-io-shape",
    ),
    (
        "ValueError: Input 0 of layer dense is incompatible with the layer: expected axis -1 of input shape to have value 784 but received input with shape [None, 28, 28]",
        "model-io-shape",
    ),
    (
        "ValueError: Input 0 is incompatible with layer dense_1: expected axis -1 of input shape to have value 784 but got shape (None, 28)",
        "model-io-shape",
    ),
    (
        "ValueError: Dimensions must be equal, but are 64 and 128 for 'generator/conv2d_transpose' (op: 'Conv2DBackpropInput') with input shapes: [4], [5,5,64,128], [?,8,8,256].",
        "model-io-shape",
    ),
    # --- numerics
    ("ValueError: Imaginary component 1.2e+03", "numerics"),
    ("LinAlgError: Singular matrix", "numerics"),
    ("OverflowError: math range error", "numerics"),
    ("RuntimeWarning: invalid value encountered in true_divide", "numerics"),
    ("AssertionError: Model diverged with loss = NaN", "numerics"),
    ("FloatingPointError: overflow encountered in exp", "numerics"),
    ("ValueError: array must not contain infs or NaNs", "numerics"),
    ("InvalidArgumentError: Found Inf or NaN global norm.", "numerics"),
    (
        "!!! Detected Infinity or NaN in output 0 of graph op \"ReadVariableOp\" (# of outputs: 1) !!!\n  dtype: <dtype: 'float16'>\n  shape: (512,)",
        "numerics",
    ),
    (
        "InvalidArgumentError: \n\n!!! Detected Infinity or NaN in output 0 of eagerly-executing op \"Log\" (# of outputs: 1) !!!\n  dtype: <dtype: 'float32'>\n  shape: (1,)\n  # of -Inf elements: 1\n",
        "numerics",
    ),
    (
        "ValueError: Input contains NaN, infinity or a value too large for dtype('float32').",
        "numerics",
    ),
    ("ValueError: Input X contains NaN.", "numerics"),
    ("ValueError: Input contains NaN.", "numerics"),
    ("InvalidArgumentError: Found Inf or NaN global norm. : Tensor had NaN values", "numerics"),
    ("InvalidArgumentError: Nan in summary histogram for: discriminator/h0/weights", "numerics"),
    (
        "tensorflow.python.training.basic_session_run_hooks.NanLossDuringTrainingError: NaN loss during training.",
        "numerics",
    ),
    (
        "InvalidArgumentError: assertion failed: [predictions must be >= 0] [Condition x >= y did not hold element-wise:]",
        "numerics",
    ),
    ("RuntimeWarning: invalid value encountered in sqrt", "numerics"),
    ("InvalidArgumentError: Tensor had Inf values", "numerics"),
    # --- no-gradients
    ("ValueError: None values not supported.", "no-gradients"),
    (
        "WARNING:tensorflow:The dtype of the target tensor must be floating (e.g. tf.float32) when calling GradientTape.gradient, got tf.int32",
        "no-gradients",
    ),
    (
        "RuntimeError: GradientTape.gradient can only be called once on non-persistent tapes.",
        "no-gradients",
    ),
    ("LookupError: gradient registry has no entry for: Round", "no-gradients"),
    (
        "RuntimeError: A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)",
        "no-gradients",
    ),
    ("ValueError: No variables to optimize.", "no-gradients"),
    (
        "ValueError: Tried to convert 't_list' to a tensor and failed. Error: None values not supported.",
        "no-gradients",
    ),
    (
        "ValueError: Tried to convert 't' to a tensor and failed. Error: None values not supported.",
        "no-gradients",
    ),
    (
        "ValueError: An operation has `None` for gradient. Please make sure that all of your ops have a gradient defined (i.e. are differentiable). Common ops without gradient: K.argmax, K.round, K.eval.",
        "no-gradients",
    ),
    (
        "ValueError: Variable <tf.Variable 'dense/kernel:0' shape=(10, 1) dtype=float32_ref> has `None` for gradient. Please make sure that all of your ops have a gradient defined (i.e. are differentiable).",
        "no-gradients",
    ),
    (
        "LookupError: No gradient defined for operation 'generator/Round' (op type: Round)",
        "no-gradients",
    ),
    (
        'ValueError: No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ["<tf.Variable \'d/w:0\' shape=(5, 5, 3, 64) dtype=float32_ref>"] and loss Tensor("add:0", shape=(), dtype=float32).',
        "no-gradients",
    ),
    ("ValueError: No gradients provided for any variable.", "no-gradients"),
    (
        "WARNING:tensorflow:Gradients do not exist for variables ['dense/kernel:0', 'dense/bias:0'] when minimizing the loss.",
        "no-gradients",
    ),
    (
        "UserWarning: Gradients do not exist for variables ['kernel', 'bias'] when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?",
        "no-gradients",
    ),
    # --- dtype
    (  # tf.keras 2.x: a loss tensor given where the variables go
        'ValueError: Variable Tensor("Neg:0", shape=(), dtype=float32) has `None` for gradient. Please make sure that all of your ops have a gradient defined (i.e. are differentiable). Common ops without gradient: K.argmax, K.round, K.eval.',
        "no-gradients",
    ),
    (  # convert_to_tensor: a Python float meets uint8 images (decode_image) before their cast
        "TypeError: Expected uint8, got 0.5 of type 'float' instead.",
        "dtype",
    ),
    (  # TF 1.x: Cholesky of a matrix that is not positive definite
        "InvalidArgumentError: Cholesky decomposition was not successful. The input might not be valid.",
        "numerics",
    ),
    (  # TF 0.x/1.x: a reshape's shape argument made of floats
        "TypeError: DataType float32 for attr 'Tshape' not in list of allowed values: int32, int64",
        "dtype",
    ),
    (  # an op's node with no kernel for its dtypes, without the list of kernels: a guess
        'NotFoundError: Could not find device for node: {{node HashTableV2}} = HashTableV2[container="", key_dtype=DT_FLOAT, shared_name="7", use_node_name_sharing=false, value_dtype=DT_INT64]',
        "dtype",
    ),
    # sizes computed with `/`: a float where an integer must be
    ("TypeError: Expected int32, got 7.0 of type 'float' instead.", "dtype"),
    (
        "TypeError: Value passed to parameter 'shape' has DataType float32 not in list of allowed values: int32, int64",
        "dtype",
    ),
    ("TypeError: Cannot convert [7.0, 7.0, 256] to EagerTensor of dtype int32", "dtype"),
    (
        "TypeError: Dimension value must be integer or None or have an __index__ method, got value '3.5' with type '<class 'float'>'",
        "dtype",
    ),
    (
        "ValueError: Invalid images dtype: expected float dtype. Received: images.dtype=uint8",
        "dtype",
    ),
    (
        "TypeError: Value passed to parameter 'indices' has DataType float32 not in list of allowed values: uint8, int32, int64",
        "dtype",
    ),
    ("TypeError: Expected int32, got 0.001 of type 'float' instead.", "dtype"),
    ("TypeError: Cannot convert 'abc' to EagerTensor of dtype float", "dtype"),
    ("TypeError: Expected float32, got 'abc' of type 'str' instead.", "dtype"),
    ("TypeError: Cannot convert '5.1,3.5,1.4' to EagerTensor of dtype float", "dtype"),
    ("Input dimension mis-match. (input[0].shape[0] = 16, input[1].shape[0] = 128)", "batch-size"),
    # keras#711 (cifar100's integer labels against a 10-way softmax, Keras on Theano's GPU)
    (
        "ValueError: GpuElemwise. Input dimension mis-match. Input 1 (indices start at 0) has shape[1] == 1, but the output's size on that axis is 10.",
        "target-shape",
    ),
    # titu1994/Image-Super-Resolution#10 (Keras on Theano: channels-last images, th ordering)
    ("ValueError: CorrMM images and kernel must have the same stack size", "model-io-shape"),
    # 0bserver07/Keras-SegNet-Basic#1, with Theano's node report
    (
        "ValueError: GpuDnnConv images and kernel must have the same stack size\n\n"
        "Apply node that caused the error: GpuDnnConv{algo='small', inplace=True}(GpuContiguous.0, GpuContiguous.0, GpuAllocEmpty.0, GpuDnnConvDesc{border_mode='valid', subsample=(1, 1), conv_mode='conv', precision='float32'}.0, Constant{1.0}, Constant{0.0})\n"
        "Toposort index: 688\n"
        "Inputs types: [CudaNdarrayType(float32, 4D), CudaNdarrayType(float32, 4D), CudaNdarrayType(float32, 4D), <theano.gof.type.CDataType object at 0x7f0094d97c50>, Scalar(float32), Scalar(float32)]\n"
        "Inputs shapes: [(6, 480, 182, 34), (128, 64, 3, 3), (6, 128, 180, 32), 'No shapes', (), ()]",
        "model-io-shape",
    ),
    # a detection loss reshapes the head's output for another number of classes
    (
        "InvalidArgumentError: Input to reshape is a tensor with 2704 values, but the requested shape requires a multiple of 12675\n\t [[{{node yolo_loss/Reshape_3}}]]",
        "output-shape",
    ),
    # an autoencoder's targets stored channels first, for a model that works channels last
    (
        "ValueError: Error when checking target: expected conv2d_3 to have shape (28, 28, 1) but got array with shape (1, 28, 28)",
        "model-io-shape",
    ),
    # Theano's Gemm: a recurrent layer's state made for a batch of 64 meets the last batch
    ("ValueError: Shape mismatch: x has 64 rows but z has 24 rows", "batch-size"),
    (
        "Exception: Invalid input shape - Layer expects input ndim=3, was provided with input shape (None, 100)",
        "model-io-shape",
    ),
    (
        "LookupError: No gradient defined for operation 'generator/dense/add_1' (op type: AddV2)",
        "no-gradients",
    ),
    (
        "Tensorflow.LookupError : No gradient defined for operation 'Add_3/y' (op type: Cast)",
        "no-gradients",
    ),
    # harvitronix/reinforcement-learning-car#5 (3 sensors fed to a model built for 6)
    (
        "ValueError: Shape mismatch: x has 3 cols (and 1 rows) but y has 6 rows (and 164 cols)",
        "model-io-shape",
    ),
    (
        "InvalidArgumentError: _MklConcatOp : Dimensions of inputs should match: shape[0][0]= 64 vs. shape[1][0] = 36",
        "batch-size",
    ),
    (
        "InvalidArgumentError: _MklConcatOp : Dimensions of inputs should match: shape[0][2]= 8 vs. shape[1][2] = 16",
        "model-io-shape",
    ),
    (
        "ValueError: Input dimension mis-match. (input[0].shape[2] = 28, input[1].shape[2] = 32)",
        "model-io-shape",
    ),
    (
        "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (100,) + inhomogeneous part.",
        "dtype",
    ),
    ("ValueError: could not convert string to float: 'cat'", "dtype"),
    # the same in Python 2 (TF 1.x threads): float() of a line of label ids read as text
    ("ValueError: invalid literal for float(): 2 14 68 6", "dtype"),
    (
        "TypeError: `generator` yielded an element that could not be converted to the expected type. The expected type was float32, but the yielded element was ['a'].",
        "dtype",
    ),
    ("ValueError: Invalid dtype: object", "dtype"),
    ("ValueError: Invalid dtype: str768", "dtype"),
    (
        "TypeError: DataType float32 for attr 'Tindices' not in list of allowed values: int32, int64",
        "dtype",
    ),
    ("UnimplementedError: Cast string to float is not supported", "dtype"),
    (
        "TypeError: Expected float32 passed to parameter 'y' of op 'Maximum', got 'abc' of type 'str' instead. Error: Expected float32, got 'abc' of type 'str' instead.",
        "dtype",
    ),
    (
        "TypeError: Input 'y' of 'Mul' Op has type float32 that does not match type int32 of argument 'x'.",
        "dtype",
    ),
    (
        "NotFoundError: No registered 'MatMul' OpKernel for 'GPU' devices compatible with node {{node MatMul}}\n\t (OpKernel was found, but attributes didn't match) Requested Attributes: T=DT_INT32, transpose_a=false",
        "dtype",
    ),
    (
        "ValueError: Tensor conversion requested dtype float32 for Tensor with dtype float64: <tf.Tensor: shape=(2,), dtype=float64>",
        "dtype",
    ),
    (
        "ValueError: Failed to convert a NumPy array to a Tensor (Unsupported object type float).",
        "dtype",
    ),
    ("TypeError: Cannot convert 0.5 to EagerTensor of dtype int32", "dtype"),
    (
        "InvalidArgumentError: cannot compute MatMul as input #1(zero-based) was expected to be a double tensor but is a float tensor [Op:MatMul]",
        "dtype",
    ),
    ("TypeError: x and y must have the same dtype, got tf.float32 != tf.int32.", "dtype"),
    # a tf.data loader's py_function returning another dtype than its Tout
    (
        "InvalidArgumentError: {{function_node __wrapped__IteratorGetNext_output_types_1_device_/job:localhost/replica:0/task:0/device:CPU:0}} 0-th value returned by pyfunc_0 is uint8, but expects float",
        "dtype",
    ),
    # a graph reshape with -1 (a PyTorch-style flatten of 7x7 fakes into 8x8)
    (
        "ValueError: Dimension size must be evenly divisible by 64 but is 1568 for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](sequential/conv2d/Tanh, Reshape/shape)' with input shapes: [32,7,7,1], [2] and with input tensors computed as partial shapes: input[1] = [?,64].",
        "model-io-shape",
    ),
    # NumPy's concatenate (real and generated images stacked for the discriminator)
    (
        "ValueError: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 3, the array at index 0 has size 1 and the array at index 1 has size 3",
        "model-io-shape",
    ),
    (
        "ValueError: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has size 64 and the array at index 1 has size 36",
        "batch-size",
    ),
    (
        "ValueError: all the input array dimensions except for the concatenation axis must match exactly",
        "model-io-shape",
    ),
    (
        "ValueError: all the input arrays must have same number of dimensions, but the array at index 0 has 4 dimension(s) and the array at index 1 has 2 dimension(s)",
        "model-io-shape",
    ),
    # Keras 2 fit(): an output of one axis (an argmax or squeeze at the end of the model)
    (
        "ValueError: Error when checking target: expected lambda_1 to have 1 dimensions, but got array with shape (64, 1)",
        "output-shape",
    ),
    # an empty array fed (no files found, an empty batch)
    (
        "ValueError: Cannot feed value of shape (0,) for Tensor 'real_images:0', which has shape '(64, 64, 64, 3)'",
        "model-io-shape",
    ),
    (
        "ValueError: Error when checking input: expected conv2d_1_input to have 4 dimensions, but got array with shape (0, 1)",
        "model-io-shape",
    ),
    # a batch split across GPUs or towers, of a size that is no multiple of their number
    (
        "InvalidArgumentError: Number of ways to split should evenly divide the split dimension, but got split_dim 0 (size = 100) and num_split 8",
        "batch-size",
    ),
    # the Squeeze kernel of a sparse loss, when the graph runs: one-hot labels
    (
        "InvalidArgumentError: Tried to explicitly squeeze dimension 1 but dimension was not 1: 10\n\t [[{{node loss/dense_loss/SparseSoftmaxCrossEntropyWithLogits/remove_squeezable_dimensions/Squeeze}}]]",
        "target-shape",
    ),
    # TF 1's get_variable: a convolution's kernel for images of unknown channels
    (
        "ValueError: Shape of a new variable (discriminator/d_h0_conv/w) must be fully defined, but instead was (5, 5, ?, 64).",
        "model-io-shape",
    ),
    # a TF 1 RNN cell's own product (amitadate/S-LSTM-GAN-MNIST#2, code for TensorFlow 0.12):
    # most often one cell repeated in a MultiRNNCell, so only "probably" (not reproducible
    # with Keras 3, which has no BasicLSTMCell)
    (
        "ValueError: Dimensions must be equal, but are 800 and 596 for 'model_full/RNN_d/rnn/while/rnn/multi_rnn_cell/cell_0/cell_0/basic_lstm_cell/MatMul_1' (op: 'MatMul') with input shapes: [128,800], [596,1600].",
        None,
    ),
    # a library's own assertion that a crop fits its image (tensorlayer/SRGAN#89): read from
    # its words, so only "probably"
    (
        "AssertionError: The size of cropping should smaller than the original image",
        "model-io-shape",
    ),
    # matplotlib given a batch of fakes as one image (philipperemy/keract#46)
    ("TypeError: Invalid shape (1, 64, 64, 3) for image data", "model-io-shape"),
    # NumPy's reshape, its headline retyped with a capital (keras-team/keras#11475)
    (
        "ValueError:Cannot reshape array of size 5377456 into shape (19,266,266,1)",
        "model-io-shape",
    ),
    # tf.slice asked for more of an axis than the tensor has: a shape, not an index
    ("InvalidArgumentError: Expected size[0] in [0, 64], but got 128", "model-io-shape"),
    # --- index-range
    ("IndexError: Target 10 is out of bounds.", "index-range"),
    ("IndexError: index out of range in self", "index-range"),
    (
        "InvalidArgumentError: indices[5,0] = [10, 3] does not index into param shape [10,10]",
        "index-range",
    ),
    (
        "InvalidArgumentError: assertion failed: [`labels` out of bound] [Condition x < y did not hold element-wise:]",
        "index-range",
    ),
    ("InvalidArgumentError: indices[0,5] = 20000 is not in [0, 20000)", "index-range"),
    (
        "InvalidArgumentError: Received a label value of 10 which is outside the valid range of [0, 10).  Label values: 3 10",
        "index-range",
    ),
    ("IndexError: index 10 is out of bounds for axis 1 with size 10", "index-range"),
    ("InvalidArgumentError: assertion failed: [Labels must <= n_classes - 1]", "index-range"),
    # the same, cut short (an issue's title): the family says the label is out of range
    (
        "InvalidArgumentError: Received a label value of -1 which is outside the valid",
        "index-range",
    ),
    ("InvalidArgumentError: assertion failed: [Label IDs must >= 0]", "index-range"),
    # --- unrelated (must not be high)
    (
        "InvalidArgumentError: You must feed a value for placeholder tensor 'Placeholder' with dtype float and shape [?,784]",
        None,
    ),
    (
        "ValueError: Variable d_h0_conv/w already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?",
        None,
    ),
    ("TypeError: Fetch argument None has invalid type <class 'NoneType'>", None),
    ("RuntimeError: tf.placeholder() is not compatible with eager execution.", None),
    (
        'ValueError: Tensor("x:0", shape=(?, 1), dtype=float32) must be from the same graph as Tensor("y:0", shape=(?, 1), dtype=float32).',
        None,
    ),
]


@pytest.mark.parametrize(("message", "category"), FAMILIES, ids=[m[:60] for m, _ in FAMILIES])
def test_a_message_family_gets_its_checklist_item(message: str, category: str | None) -> None:
    diagnosis = explain(message)
    if category is None:
        assert diagnosis is None or diagnosis.reader_confidence == "low", diagnosis
        return
    assert diagnosis is not None, message
    assert diagnosis.category == category, diagnosis.render()
    assert diagnosis.summary and diagnosis.fix
    assert diagnosis.reader_confidence == ("low" if message in LOW else "high"), diagnosis.render()


#: Messages of an exact family that lack the values deciding the category: a file of another
#: number of layers (perhaps another model's file altogether), NumPy joining arrays without
#: saying on which axis they differ, an unknown size used as a number without saying which. Low confidence, like the general readers' guesses.
TENTATIVE = {
    "ValueError:Cannot reshape array of size 5377456 into shape (19,266,266,1)",
    "TypeError: Invalid shape (1, 64, 64, 3) for image data",
    # a slice longer than its axis: the message does not say which tensor
    "InvalidArgumentError: Expected size[0] in [0, 64], but got 128",
    "ValueError: Shape must be rank 1 but is rank 0 for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](x, Const)' with input shapes: [8,8], [].",
    "ValueError: Arguments `target` and `output` must be at least rank 1. Received: target.shape=(), output.shape=()",
    "InvalidArgumentError: {{function_node __wrapped__Mean_device_/job:localhost/replica:0/task:0/device:CPU:0}} Invalid reduction dimension (-1 for input with 0 dimension(s) [Op:Mean] name: ",
    "ValueError: Tried to convert 'shape' to a tensor and failed. Error: None values not supported.",
    "ValueError: Layer count mismatch when loading weights from file. Model expected 10 layers, found 13 saved layers.",
    "ValueError: You are trying to load a weight file containing 13 layers into a model with 10 layers.",
    "ValueError: all the input array dimensions except for the concatenation axis must match exactly",
    "ValueError: all the input arrays must have same number of dimensions, but the array at index 0 has 4 dimension(s) and the array at index 1 has 2 dimension(s)",
    # one tape asked twice: as much a misuse of GradientTape as a missing gradient
    "RuntimeError: GradientTape.gradient can only be called once on non-persistent tapes.",
    "RuntimeError: A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)",
    # Theano: two sizes of an axis that is not the batch, and nothing of which tensor is which
    "ValueError: Input dimension mis-match. (input[0].shape[2] = 28, input[1].shape[2] = 32)",
    "ValueError: GpuElemwise. Input dimension mis-match. Input 1 (indices start at 0) has shape[1] == 1, but the output's size on that axis is 10.",
    # a gradient missing for an op that has one: a graph or module of another TensorFlow
    "LookupError: No gradient defined for operation 'generator/dense/add_1' (op type: AddV2)",
    # the same from a port of TensorFlow that has not registered it (TensorFlow.NET 0.60)
    "Tensorflow.LookupError : No gradient defined for operation 'Add_3/y' (op type: Cast)",
    # the node of an op with no kernel for its dtypes, without the kernels' list: which dtype?
    'NotFoundError: Could not find device for node: {{node HashTableV2}} = HashTableV2[container="", key_dtype=DT_FLOAT, shared_name="7", use_node_name_sharing=false, value_dtype=DT_INT64]',
    # a custom layer given weights among its inputs: an older Keras's calling convention as
    # often as the learner's data
    "ValueError: Layer attention_gru_1 expects 2 inputs, but it received 4 input tensors. Input received: [<tf.Tensor 'encoder/Merge:0' shape=(?, ?, 64) dtype=float32>, <tf.Tensor 'decoder/Merge:0' shape=(?, ?, 64) dtype=float32>, <tf.Tensor 'mul:0' shape=(64, 32) dtype=float32>, <tf.Tensor 'mul_1:0' shape=(32, 1) dtype=float32>]",
    # tf.keras 2.x OptimizerV2.get_gradients given a loss tensor where the variables go (old
    # Keras code calling get_updates with another argument order): a misuse as much as a gap
    'ValueError: Variable Tensor("Neg:0", shape=(), dtype=float32) has `None` for gradient. Please make sure that all of your ops have a gradient defined (i.e. are differentiable). Common ops without gradient: K.argmax, K.round, K.eval.',
    # one word where a tensor goes: a name in a tensor's place as often as text from the data
    "TypeError: Cannot convert 'abc' to EagerTensor of dtype float",
    "TypeError: Expected float32, got 'abc' of type 'str' instead.",
    # (batch, 5) targets for a (batch, steps, classes) output: one-hot rows per sequence for a
    # model that keeps its steps, or a class index per step (real threads go both ways)
    "ValueError: Error when checking target: expected time_distributed_1 to have 3 dimensions, but got array with shape (1000, 5)",
    "TypeError: Expected float32 passed to parameter 'y' of op 'Maximum', got 'abc' of type 'str' instead. Error: Expected float32, got 'abc' of type 'str' instead.",
    # a ragged list: examples of different lengths as often as images of different sizes
    "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (100,) + inhomogeneous part.",
    "ValueError: Shapes (12, 12) and (5, 5) are incompatible",
    # one-hot labels per time step for an output of one row per sequence: labels made per step,
    # or a model that dropped its steps (real threads go both ways)
    "ValueError: Error when checking target: expected dense_4 to have 2 dimensions, but got array with shape (500, 40, 12)",
    # an empty array: data that never loaded (no checklist item) as often as an empty batch
    "ValueError: Cannot feed value of shape (0,) for Tensor 'real_images:0', which has shape '(64, 64, 64, 3)'",
    "ValueError: Error when checking input: expected conv2d_1_input to have 4 dimensions, but got array with shape (0, 1)",
    # CTC's labels longer than the output: a model that shrank its steps, or labels too long
    "InvalidArgumentError: Not enough time for target transition sequence (required: 32, available: 16)0You can turn this error into a warning by using the flag ignore_longer_outputs_than_inputs",
}
#: Messages that only the general readers recognise (by their values, with low confidence):
#: Python's and NumPy's own wording, which other libraries share.
GENERAL = {
    "AssertionError: The size of cropping should smaller than the original image",
    "ValueError: Shape (5953500,) must have rank >= 2",
    "Expect the target data for classification_head_1 to have shape [1], but got [2].",
    "expected activation_6 to have 3 dimensions, but got array with shape (8, 64, 64, 3)",
    "expected conv2d_1_input to have 4 dimensions, but got array with shape (60000, 28, 28)",
    "ValueError: Imaginary component 1.2e+03",
    "LinAlgError: Singular matrix",
    "ValueError: None values not supported.",
    "OverflowError: math range error",
    "IndexError: index 10 is out of bounds for axis 1 with size 10",
    "InvalidArgumentError: assertion failed: [Labels must <= n_classes - 1]",
    "InvalidArgumentError: assertion failed: [Label IDs must >= 0]",
}
#: Saved weights that do not fit the model: always a guess, since about half of the real
#: messages of this family were about something else (another model's file, another Keras
#: version or backend). These are the families' first words.
RESTORE = (
    "ValueError: Cannot assign to variable conv2d/kernel:0 due to variable shape",
    "ValueError: Received incompatible tensor with shape (3, 3, 3, 64) when attempting to resto",
    "ValueError: Weight count mismatch for layer #0",
    "ValueError: Tensor's shape (5, 5, 3, 64) is not compatible with supplied shape",
    "ValueError: Cannot assign value to variable ' conv2d/kernel:0': Shape mismatch.",
    "ValueError: The shape of the target variable and the shape of the target value in",
    'ValueError: Layer #0 (named "dense_1" in the current model) was found to correspond',
)
LOW = TENTATIVE | GENERAL | {m for m, _ in FAMILIES if m.startswith(RESTORE)}


def test_a_nodes_attribute_dtypes_are_not_read_as_two_tensors_that_met() -> None:
    # "T=DT_FLOAT, Tshape=DT_INT32" is a Reshape's signature (its data, its shape argument)
    message = "ValueError: Something unusual for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](x, shape)'"
    diagnosis = explain(message)
    assert diagnosis is None or diagnosis.category != "dtype", diagnosis.render()


def test_theanos_node_report_gives_the_channels_of_both_sides() -> None:
    message = next(m for m, _ in FAMILIES if m.startswith("ValueError: GpuDnnConv images"))
    found = explain(message)
    assert found is not None and "64 channels" in found.summary and "480" in found.summary
