"""Readers of shape errors where a layer or a model got an input it was not built for: a
reshape of another size, a window larger than the image, an input of another rank, width or
shape, weights saved for another shape, a size computed as a float.

Each reader returns a finding (`findings.py`); the advice is written in `advice.py`.
Patterns are written for normalised text (see `normalise.py`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Literal

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import (
    BatchMismatch,
    ChannelGroups,
    CropTooLarge,
    DecodedWidth,
    ElemwiseAxis,
    ExampleList,
    FeatureMismatch,
    Finding,
    FloatDimension,
    ImageLayout,
    ImagenetScores,
    InputCount,
    InterpreterInput,
    JoinedShapes,
    LabelForm,
    PixelShuffle,
    RankMismatch,
    ReshapeMismatch,
    ShapeArgument,
    ShapePair,
    SharedVariable,
    ShownImage,
    SliceOutside,
    SparseRanks,
    TransposedConv,
    UndefinedAxis,
    WeightShapes,
    WindowTooLarge,
)
from ganerrors.explainers.parsing import (
    SHAPE,
    Lazy,
    Shape,
    anchored,
    differing_axes,
    parse_shape,
    reads,
    shapes_in,
    shapes_of,
)

CONCATENATE_LAYER = Lazy(
    r"A Concatenate layer requires inputs with matching shapes[^\n]{0,100}?"
    r"(?:Received: input_shape=|Got inputs shapes: )(?P<shapes>\[[^\n]{0,600}\])"
)
RESHAPE = Lazy(
    r"Input to reshape is a tensor with (?P<have>\d{1,19}) values, but the requested shape "
    r"(?P<kind>has|requires a multiple of) (?P<want>\d{1,19})"
)
RESHAPE_LAYER = Lazy(
    r"total size of the (?:new array|tensor) must be unchanged\.?,? ?(?:Received: )?"
    rf"input_shape ?= ?(?P<input>{SHAPE}),? target_shape ?= ?(?P<target>{SHAPE})"
)
# NumPy: "cannot reshape array of size 47040000 into shape (60000,28,28,3)"
NUMPY_RESHAPE = Lazy(
    rf"[Cc]annot reshape array of size (?P<have>\d{{1,19}}) into shape (?P<shape>{SHAPE})"
)
# TF graph: "Cannot reshape a tensor with 768 elements to shape [1,28,28,1] (784 elements)"
GRAPH_RESHAPE = Lazy(
    rf"Cannot reshape a tensor with (?P<have>\d{{1,19}}) elements to shape (?P<shape>{SHAPE})"
    r"(?: \((?P<want>\d{1,19}) elements\))?"
)
# TF 2 graph, a reshape with -1: "Dimension size must be evenly divisible by 64 but is 1568 for
# '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](...)' with input shapes: [32,7,7,1],
# [2] and with input tensors computed as partial shapes: input[1] = [?,64]."
DIVISIBLE = Lazy(
    r"Dimension size must be evenly divisible by (?P<want>\d{1,19}) but is (?P<have>\d{1,19})"
)
# Keras 2 Reshape layer without the shapes: "total size of new array must be unchanged"
TOTAL_SIZE = Lazy(r"total size of (?:the )?new array must be unchanged")
NEGATIVE = Lazy(
    r"Negative dimension size caused by subtracting (?P<window>\d{1,9}) from (?P<size>\d{1,9})"
    rf"(?:[^\n]{{0,600}}?with input shapes: (?P<shapes>{SHAPE}(?:, {SHAPE}){{0,7}}))?"
)
ZERO_OUTPUT = Lazy(
    r"Computed output size would be zero or negative\. Received:? "
    rf"inputs[ .]shape=(?P<input>{SHAPE}),? (?P<what>kernel shape|pool_size)=(?P<window>{SHAPE})"
)
INPUT_AXIS = Lazy(
    r"expected axis (?P<axis>-?\d{1,3}) of input shape to have value (?P<want>\d{1,12}),? "
    rf"but (?:received input with|got) shape (?P<got>{SHAPE})"
)
INPUT_NDIM = Lazy(
    r"expected (?P<kind>min_ndim|max_ndim|ndim)=(?P<want>\d{1,3}), found ndim=(?P<got>\d{1,3})"
    rf"(?:\. Full shape received: (?P<shape>{SHAPE}))?"
)
MODEL_INPUT = Lazy(
    rf"[Ee]xpected shape=? ?(?P<want>{SHAPE}), (?:but input has incompatible shape|found "
    rf"shape=) ?(?P<got>{SHAPE})"
)
# graph construction: "Shape must be rank 2 but is rank 4 for '{{node MatMul}} = ...' with
# input shapes: [?,28,28,1], [784,128]."
SHAPE_RANK = Lazy(
    r"Shape must be (?P<bound>at least |at most )?rank (?P<want>\d{1,3}) but is rank "
    r"(?P<got>\d{1,3}) for '(?P<node>[^\n]{0,600}?)'"
)
# kernels that check their inputs' ranks: conv2d "input must be 4-dimensional[32,28,28]", MatMul
# "In[0] is not a matrix. Instead it has shape [32,28,28]", transpose "transpose expects a
# vector of size 4. But input(1) is a vector of size 3", ConcatOp "Ranks of all input tensors
# should match: shape[0] = [32,100] vs. shape[1] = [32]" and "Expected concatenating
# dimensions in the range [-1, 1), but got 1"
KERNEL_RANK = Lazy(
    rf"input must be (?P<want>\d)-dimensional ?(?P<shape>{SHAPE})?"
    rf"|In\[\d\] is not a matrix\.? ?(?:Instead it has shape (?P<matrix>{SHAPE}))?"
    r"|transpose expects a vector of size (?P<perm>\d{1,3})\. But input\(1\) is a vector of "
    r"size (?P<rank>\d{1,3})"
    rf"|Ranks of all input tensors should match: shape\[\d{{1,4}}\] = (?P<a>{SHAPE}) vs\. "
    rf"shape\[\d{{1,4}}\] = (?P<b>{SHAPE})"
    r"|Expected concatenating dimensions in the range \[-(?P<range>\d{1,3}), \d{1,3}\)"
)
# batched matmul: "In[0] mismatch In[1] shape: 784 vs. 100: [32,784] [100,256] 0 0"
BATCH_MATMUL = Lazy(
    rf"In\[0\] mismatch In\[1\] shape: (?P<got>\d{{1,12}}) vs\. (?P<want>\d{{1,12}}): "
    rf"(?P<a>{SHAPE}) (?P<b>{SHAPE})"
)
_LOSS_WORDS = ("loss", "cross_entropy", "crossentropy", "label", "target", "y_true")
# convolutions: "input and filter must have the same depth: 3 vs 1" (TF 1), "input depth must be
# evenly divisible by filter depth: 1 vs 3" and "Depth of input (1) is not a multiple of input
# depth of filter (3)" (TF 2); TF 1's tf.nn.convolution: "number of input channels does not
# match corresponding dimension of filter, 1 != 3"; TF 1's conv2d_transpose and
# conv1d_transpose: "input channels does not match filter's input channels, 40 != 48"
DEPTH = Lazy(
    r"(?:input and filter must have the same depth|input depth must be evenly divisible by "
    r"filter depth): (?P<got>\d{1,9}) vs (?P<want>\d{1,9})"
    r"|Depth of input \((?P<got2>\d{1,9})\) is not a multiple of input depth of filter "
    r"\((?P<want2>\d{1,9})\)"
    r"|number of input channels does not match corresponding dimension of filter, "
    r"(?P<got3>\d{1,9}) ?!= ?(?P<want3>\d{1,9})"
    r"|input channels does not match filter's input channels, "
    r"(?P<got4>\d{1,9}) ?!= ?(?P<want4>\d{1,9})"
)
# an input with a whole multiple of the filter's channels (3-channel images into a layer built
# for 1): "output depth must be evenly divisible by number of groups: 8 vs 3" (eager), "Depth
# of output must be a multiple of the number of groups: 8 vs 3" (a graph's kernel), "Depth of
# output (8) is not a multiple of the number of groups (3) ... with input shapes: [2,8,8,3],
# [3,3,1,8]" (traced)
GROUPS = Lazy(
    r"output depth must be evenly divisible by number of groups: (?P<out>\d{1,9}) vs "
    r"(?P<groups>\d{1,9})|Depth of output must be a multiple of the number of groups: "
    r"(?P<out2>\d{1,9}) vs (?P<groups2>\d{1,9})|Depth of output \((?P<out3>\d{1,9})\) is not a "
    r"multiple of the number of groups \((?P<groups3>\d{1,9})\)"
    rf"(?:[^\n]{{0,600}}?with input shapes: (?P<input>{SHAPE}), (?P<filter>{SHAPE}))?"
)
# a kernel larger than the image: "Computed output size would be negative: -1 [input_size: 2,
# effective_filter_size: 3, stride: 1]"
NEGATIVE_OUTPUT = Lazy(
    r"Computed output size would be negative: -?\d{1,9} \[input_size: (?P<size>\d{1,9}), "
    r"effective_filter_size: (?P<window>\d{1,9})"
)
# Keras 3 convolutions given flat input: "Kernel shape must have the same length as input, but
# received kernel of shape (3, 3, 1, 32) and input of shape (None, 28, 28)."
KERNEL_LENGTH = Lazy(
    rf"Kernel shape must have the same length as input, but received kernel of shape "
    rf"(?P<kernel>{SHAPE}) and input of shape (?P<input>{SHAPE})"
)
# TF 1.x variable scopes: "Trying to share variable d/dense/kernel, but specified shape
# (1024, 1) and found shape (512, 1)."
SHARED = Lazy(
    r"Trying to share variable (?P<name>[^\s,]{1,300}), but specified shape "
    rf"(?P<specified>{SHAPE}) and found shape (?P<found>{SHAPE})"
)
# restoring weights: TF 1.x "Assign requires shapes of both tensors to match. lhs shape=
# [7753,256] rhs shape= [9069,256]"; Keras "Layer weight shape (3, 3) not compatible with
# provided weight shape (4, 4)"
ASSIGN = Lazy(
    rf"Assign requires shapes of both tensors to match\. lhs shape= ?(?P<model>{SHAPE}) "
    rf"rhs shape= ?(?P<saved>{SHAPE})"
)
WEIGHT_SHAPE = Lazy(
    rf"[Ll]ayer weight shape (?P<model>{SHAPE}) (?:is )?not compatible with provided weight "
    rf"shape (?P<saved>{SHAPE})"
)
# Keras 2 fit(): "Error when checking model input: the list of Numpy arrays that you are passing
# to your model is not the size the model expected. Expected to see 2 array(s), but instead got
# the following list of 1 arrays: ..." (also "model target"); Keras 1: "Expected to see 1
# arrays but instead got the following list of 100 arrays"
ARRAY_LIST = Lazy(
    r"Error when checking model (?P<role>input|target): the list of Numpy arrays that you are "
    r"passing to your model is not the size the model expected\. Expected to see "
    r"(?P<want>\d{1,4}) arrays?(?:\(s\))?,? (?:for inputs [^\n]{0,300}?)?but instead got the "
    r"following"
    r"(?: list of (?P<got>\d{1,4}) arrays)?"
)
# Keras: 'Layer "model" expects 1 input(s), but it received 2 input tensors.'; Keras 2.2:
# "Layer model_2 expects 9 inputs, but it received 3 input tensors."
INPUT_COUNT = Lazy(
    r"expects (?P<want>\d{1,4}) (?:named )?inputs?(?:\(s\))?,?[^\n]{0,300}? but it received "
    r"(?P<got>\d{1,4}) input tensors"
)
# Keras 2.4+ warning: "Model was constructed with shape (None, 28, 28, 1) for input
# KerasTensor(...), but it was called on an input with incompatible shape (None, 28, 28)."
CONSTRUCTED = Lazy(
    rf"Model was constructed with shape (?P<want>{SHAPE}) for input [^\n]{{0,600}}?, but it was "
    rf"called on an input with incompatible shape (?P<got>{SHAPE})"
)
# 'The shape of the input to "Flatten" is not fully defined (got (None, None, 64)).'; "The last
# dimension of the inputs to Dense should be defined. Found None." (Keras 2 and 3)
UNDEFINED = Lazy(
    r"The shape of the input to \"?(?P<flatten>\w{1,60})\"? is not fully defined "
    rf"\(got (?P<shape>{SHAPE})\)"
    r"|The last dimension of the inputs? to (?:a )?(?P<dense>\w{1,60})(?: layer)? should be defined"
    r"|The (?P<conv>channel) dimension of the inputs should be defined"
    r"|Input has (?P<rank>undefined rank)"
    # TF 1's get_variable: "Shape of a new variable (d_h0_conv/w) must be fully defined, but
    # instead was (5, 5, ?, 64)." (a convolution's kernel, for images of unknown channels)
    rf"|Shape of a new variable \((?P<variable>[^)\s]{{1,300}})\) must be fully defined, but "
    rf"instead was (?P<varshape>{SHAPE})"
    # Keras 3: "Shapes used to initialize variables must be fully-defined (no `None`
    # dimensions). Received: shape=(None, 64) for variable path='dense/kernel'"
    r"|Shapes used to initialize variables must be fully-defined \(no None dimensions\)\. "
    rf"Received: shape=(?P<kshape>{SHAPE}) for variable path='(?P<kvariable>[^'\s]{{1,300}})'"
)
# TensorShape.with_rank: "Shape (?, 64, 64, 3) must have rank 2", "... must have rank at least 3";
# Sonnet's Linear: "Shape (5953500,) must have rank >= 2"
WITH_RANK = Lazy(
    rf"Shape (?P<shape>{SHAPE}) must have rank "
    r"(?:(?P<bound>at least|at most|>=|<=) ?)?(?P<want>\d{1,3})"
)
# transposed convolution: "Conv2DCustomBackpropInput: Size of out_backprop doesn't match
# computed: actual = 8, computed = 7"; TF 0.x-1.0: "Conv2DBackpropInput: Number of rows of
# out_backprop doesn't match computed: actual = 7, computed = 16" (or "columns")
OUT_BACKPROP = Lazy(
    r"(?:Size|Number of (?:rows|columns)) of out_backprop doesn't match computed: "
    r"actual = (?P<actual>\d{1,12}), computed = (?P<computed>\d{1,12})"
)
# NumPy dot: "shapes (32,784) and (100,256) not aligned: 784 (dim 1) != 100 (dim 0)"
NOT_ALIGNED = Lazy(
    rf"shapes (?P<a>{SHAPE}) and (?P<b>{SHAPE}) not aligned: (?P<got>\d{{1,12}}) \(dim \d{{1,3}}\) "
    r"!= (?P<want>\d{1,12})"
)
# NumPy @: "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc
# signature (n?,k),(k,m?)->(n?,m?) (size 100 is different from 784)"
GUFUNC = Lazy(
    r"matmul: Input operand 1 has a mismatch in its core dimension 0[^\n]{0,200}?"
    r"\(size (?P<want>\d{1,12}) is different from (?P<got>\d{1,12})\)"
)
# more ways to load weights of another shape: TF 1 "Tensor's shape (5, 5, 3, 64) is not
# compatible with supplied shape (5, 5, 1, 64)"; TF 2 "Cannot assign value to variable '
# conv2d/kernel:0': Shape mismatch.The variable shape (3, 3, 1, 32), and the assigned value
# shape (3, 3, 3, 32) are incompatible."; Keras 3 "... variable.shape=(3, 3, 1, 32), Received:
# value.shape=(3, 3, 3, 32)"
ASSIGNED = Lazy(
    rf"Tensor's shape (?P<saved>{SHAPE}) is not compatible with supplied shape (?P<model>{SHAPE})"
    rf"|due to variable shape (?P<model4>{SHAPE}) and value shape (?P<saved4>{SHAPE})"
    rf"|Received incompatible tensor with shape (?P<saved5>{SHAPE}) when attempting to restore "
    rf"variable with shape (?P<model5>{SHAPE})"
    rf"|The variable shape (?P<model2>{SHAPE}),? and the assigned value shape (?P<saved2>{SHAPE})"
    rf"|variable\.shape=(?P<model3>{SHAPE}),? Received: value\.shape=(?P<saved3>{SHAPE})"
)
# Keras 2 load_weights: "You are trying to load a weight file containing 13 layers into a model
# with 10 layers."; "... the new layer dense_1 expects 2 weights, but the saved weights have 1
# elements."; Keras 3: "Layer 'dense' expected 2 variables, but received 0 variables during
# loading."
WEIGHT_FILE = Lazy(
    r"trying to load a weight file containing \d{1,6} layers into a model with \d{1,6} layers"
    r"|Layer count mismatch when loading weights from file|Weight count mismatch for layer"
    r"|expects \d{1,6} weights, but the saved weights have \d{1,6} elements"
    r"|expected \d{1,6} variables, but received \d{1,6} variables during loading"
)
# Shape arithmetic with "/": "Dimension value must be integer or None or have an __index__
# method, got value '7.0' with type '<class 'float'>'"
FLOAT_DIMENSION = Lazy(
    r"Dimension value must be integer or None or have an __index__ method, got value "
    r"'?(?P<value>[\d.]{1,30})"
)


@reads(
    "Assign requires shapes of both tensors to match",
    "ayer weight shape",
    "is not compatible with supplied shape",
    "and the assigned value shape",
    "Received: value.shape=",
    "load a weight file containing",
    "but the saved weights have",
    "variables during loading",
    " and value shape ",
    "when attempting to restore variable",
    "Layer count mismatch when loading weights",
    "Weight count mismatch for layer",
)
def restore(text: str, context: Context) -> Finding | None:
    for match in (
        *anchored(ASSIGN, text, "Assign requires shapes of both tensors to match"),
        *anchored(WEIGHT_SHAPE, text, "ayer weight shape", before=1),
    ):
        return WeightShapes(parse_shape(match.group("model")), parse_shape(match.group("saved")))
    anchors = (
        "is not compatible with supplied",
        "assigned value shape",
        "value.shape=",
        " and value shape ",
        "when attempting to restore variable",
    )
    for anchor in anchors:
        for match in anchored(ASSIGNED, text, anchor, before=300, after=300):
            groups = match.groupdict()
            model = next((groups[k] for k in groups if k.startswith("model") and groups[k]), None)
            saved = next((groups[k] for k in groups if k.startswith("saved") and groups[k]), None)
            return WeightShapes(parse_shape(model), parse_shape(saved))
    for anchor in (
        "weight file containing",
        "saved weights have",
        "variables during loading",
        "count mismatch ",
    ):
        for _ in anchored(WEIGHT_FILE, text, anchor, before=120, after=60):
            return WeightShapes(None, None)
    return None


@reads("the list of Numpy arrays that you are passing", "input tensors")
def input_count(text: str, context: Context) -> Finding | None:
    for match in anchored(ARRAY_LIST, text, "Error when checking model ", after=700):
        role: Literal["input", "target"] = "target" if match.group("role") == "target" else "input"
        got = match.group("got")  # left out where the message was cut (an issue's title)
        want = int(match.group("want"))
        if want == 1 and got and int(got) >= 3:
            # one input (output) given many arrays: a Python list of examples, never stacked
            return ExampleList(int(got), (), role)
        return InputCount(role, want, int(got) if got else None)
    for match in anchored(INPUT_COUNT, text, " input tensors", before=500, after=20):
        tail = text[match.end() : match.end() + 3000]
        received = [m.group(1) in ("?", "None") for m in _RECEIVED_BATCH.finditer(tail)]
        weights_among = any(received) and not all(received)
        return InputCount("input", int(match.group("want")), int(match.group("got")), weights_among)
    return None


#: the first axis of each tensor that a Keras layer lists as received: "shape=(?, ?, 90)" has
#: one of unknown size, "shape=(90, 45)" a fixed one
_RECEIVED_BATCH = Lazy(r"shape=\((\?|None|\d{1,9})")


def _model_input(matches: Iterable[re.Match[str]]) -> Finding | None:
    """The first of `matches` (with `got` and `want` shapes) that reads as a model given an
    input of another shape than it was built for."""
    for match in matches:
        pair = shapes_of(match, "got", "want")
        if pair is None:
            continue
        found = ShapePair(*pair, roles="input", names=("input", "expected input"), by="A model")
        if found.verdict:
            return found
    return None


@reads("Model was constructed with shape")
def constructed(text: str, context: Context) -> Finding | None:
    return _model_input(anchored(CONSTRUCTED, text, "Model was constructed with shape", after=1200))


@reads(
    "is not fully defined",
    "should be defined",
    "Input has undefined rank",
    "must be fully defined, but",
    " for variable path=",
)
def undefined_axis(text: str, context: Context) -> Finding | None:
    for anchor in (
        "is not fully defined",
        "should be defined",
        "Input has undefined rank",
        "must be fully defined, but",
        " for variable path=",
    ):
        for match in anchored(UNDEFINED, text, anchor, before=400, after=100):
            if match.group("variable") or match.group("kvariable"):
                name = match.group("variable") or match.group("kvariable")
                shape = parse_shape(match.group("varshape") or match.group("kshape"))
                return UndefinedAxis(f"The variable {name}", shape)
            layer = match.group("flatten") or match.group("dense") or ""
            if match.group("conv"):
                layer = context.layer or "A convolution"
            return UndefinedAxis(layer, parse_shape(match.group("shape")))
    return None


@reads(" must have rank ")
def with_rank(text: str, context: Context) -> Finding | None:
    for match in anchored(WITH_RANK, text, " must have rank ", before=300, after=40):
        shape = parse_shape(match.group("shape"))
        if shape is None:
            continue
        bound = {"at least": "min", ">=": "min", "at most": "max", "<=": "max"}.get(
            match.group("bound") or "", "exact"
        )
        if bound == "exact" and match.group("want") == "0":
            # a scalar argument (an axis, a count, a condition) given a tensor: no layer
            # takes inputs of 0 axes, so this is how an op was called, not a model's shapes
            continue
        # TensorShape.with_rank checks any tensor's shape: it is a model's input where a layer
        # or op is named, or where the shape has a batch axis of unknown size (examples)
        placed = bool(context.layer or context.op) or (bool(shape) and shape[0] is None)
        return RankMismatch(
            int(match.group("want")),
            len(shape),
            bound,  # type: ignore[arg-type]
            shape=shape,
            layer=context.layer,
            unplaced=not placed,
        )
    return None


@reads("of out_backprop doesn't match computed")
def out_backprop(text: str, context: Context) -> Finding | None:
    for match in anchored(OUT_BACKPROP, text, "of out_backprop doesn't match computed", before=30):
        return TransposedConv(match.group("actual"), match.group("computed"))
    return None


# Keras's ImageDataGenerator.fit (and NumpyArrayIterator): 'Expected input to be images (as
# Numpy array) following the data format convention "channels_last" (channels on axis 3),
# i.e. expected either 1, 3 or 4 channels on axis 3. However, it was passed an array with
# shape (60000, 28, 28, 28) (28 channels).' (Keras 1: 'the dimension ordering convention "tf"')
IMAGE_LAYOUT = Lazy(
    r"convention \W?\w{1,20}\W? \(channels on axis (?P<axis>\d)\)[^\n]{0,120}?"
    rf"However, it was passed an array with shape (?P<shape>{SHAPE}) \((?P<channels>\d{{1,9}}) "
    r"channels\)"
)


@reads("channels on axis")
def image_layout(text: str, context: Context) -> Finding | None:
    for match in anchored(IMAGE_LAYOUT, text, "channels on axis", before=40, after=300):
        shape = parse_shape(match.group("shape"))
        if shape:
            return ImageLayout(shape, int(match.group("channels")), int(match.group("axis")))
    return None


# Theano's matrix product (Keras on Theano: a Dense layer): "Shape mismatch: x has 343 cols
# (and 100 rows) but y has 256 rows (and 128 cols)"
THEANO_DOT = Lazy(
    r"Shape mismatch: x has (?P<got>\d{1,12}) cols \(and (?P<rows>\d{1,12}) rows\) but y has "
    r"(?P<want>\d{1,12}) rows \(and (?P<cols>\d{1,12}) cols\)"
)


# Theano's convolutions (CorrMM, GpuCorrMM, GpuDnnConv): "CorrMM images and kernel must have
# the same stack size", the images' channels (channels-first) against the kernel's; its
# "Inputs shapes: [(6, 480, 182, 34), (128, 64, 3, 3), ..." gives both, when pasted
STACK_SIZE = "images and kernel must have the same stack size"
_STACK_SIZE = Lazy(re.escape(STACK_SIZE))
_THEANO_INPUTS = Lazy(
    r"Inputs shapes: \[\((?P<image>\d{1,9}(?:L?, \d{1,9}){3})L?\), "
    r"\((?P<kernel>\d{1,9}(?:L?, \d{1,9}){3})L?\)"
)


@reads(STACK_SIZE)
def stack_size(text: str, context: Context) -> Finding | None:
    for match in anchored(_STACK_SIZE, text, STACK_SIZE):
        shapes = _THEANO_INPUTS.search(text, match.end(), match.end() + 3000)
        if shapes is not None:
            image = parse_shape("(" + shapes.group("image") + ")") or ()
            kernel = parse_shape("(" + shapes.group("kernel") + ")") or ()
            if len(image) == len(kernel) == 4:
                return FeatureMismatch(kernel[1], image[1], image)
        return FeatureMismatch(None, None, (None, None, None, None))  # channels not given
    return None


# and its Gemm (z = a * x.y + b * z, a Dense or recurrent layer's product): "Shape mismatch: x
# has 64 rows but z has 24 rows", "Shape mismatch: y has 2000 cols but z has 1 cols"
THEANO_GEMM = Lazy(
    r"Shape mismatch: [xyz] has (?P<a>\d{1,12}) (?P<what>rows|cols) but [xyz] has "
    r"(?P<b>\d{1,12}) (?P=what)\b"
)


@reads(" not aligned: ", "matmul: Input operand 1 has a mismatch", "Shape mismatch: ")
def numpy_matmul(text: str, context: Context) -> Finding | None:
    for match in anchored(THEANO_DOT, text, "Shape mismatch: x has "):
        got, want = int(match.group("got")), int(match.group("want"))
        inputs = (int(match.group("rows")), got)
        return FeatureMismatch(want, got, inputs, (want, int(match.group("cols"))))
    for match in anchored(THEANO_GEMM, text, "Shape mismatch: "):
        first, second = int(match.group("a")), int(match.group("b"))
        if first != second:
            axis = 0 if match.group("what") == "rows" else 1
            return ElemwiseAxis(axis, first, second, op="gemm")
    for match in anchored(NOT_ALIGNED, text, " not aligned: ", before=300, after=80):
        a, b = parse_shape(match.group("a")), parse_shape(match.group("b"))
        return FeatureMismatch(int(match.group("want")), int(match.group("got")), a, b)
    for match in anchored(GUFUNC, text, "matmul: Input operand 1 has a mismatch"):
        return FeatureMismatch(int(match.group("want")), int(match.group("got")))
    return None


@reads(
    "annot reshape array of size", "Cannot reshape a tensor with", " new array must be unchanged"
)
def numpy_reshape(text: str, context: Context) -> Finding | None:
    # NumPy writes "cannot"; a poster's retyped headline, "Cannot"
    for match in anchored(NUMPY_RESHAPE, text, "annot reshape array of size", before=1):
        shape = parse_shape(match.group("shape"))
        return ReshapeMismatch(int(match.group("have")), _product(shape), target_shape=None)
    for match in anchored(GRAPH_RESHAPE, text, "Cannot reshape a tensor with"):
        want = match.group("want")
        target = parse_shape(match.group("shape"))
        requested = int(want) if want else _product(target)
        given = _reshape_input(text[match.end() : match.end() + 800])
        if given and target and given[0] != target[0] and given[0] and target[0]:
            if _product(given[1:]) == _product(target[1:]):  # only the batch differs
                return BatchMismatch("fixed-batch", (str(given[0]), str(target[0])))
        return ReshapeMismatch(int(match.group("have")), requested)
    for _ in anchored(TOTAL_SIZE, text, " new array must be unchanged", before=20):
        return ReshapeMismatch(None, None)
    return None


#: Where a reshape runs in the input pipeline (a tf.data iterator, raw bytes being decoded).
_PIPELINE = ("IteratorGetNext", "decode_raw", "DecodeRaw", "parse_single_example")


def _decoded_narrower(have: int, want: int, text: str) -> bool:
    """2, 4 or 8 times the values asked for, in the input pipeline: bytes decoded with a dtype
    that many times narrower (uint8 for float32 data gives 4 values for each number)."""
    if want <= 0 or have % want or have // want not in (2, 4, 8):
        return False
    return any(word in text for word in _PIPELINE)


def _image_like(n: int) -> bool:
    """n is a square, or 3 times one: the ratio of two images' sizes (sides squared, times 1
    or 3 channels) reduces to such numbers, 49/64 for 28 against 32 pixels, 1/3 for grayscale
    against RGB."""
    for part in (n, n // 3 if n % 3 == 0 else 0):
        root = math.isqrt(part)
        if part and root * root == part:
            return True
    return False


def _smaller_batch(have: int, want: int) -> tuple[str, str] | None:
    """A reshape to a fixed shape that got a smaller batch than it was written for: `have` and
    `want` are b and B examples of the same size, b < B (16 and 32, or 21 and 32 for a last
    batch of an epoch). Returns the ratio of the two, reduced, (b, B). Not when both sides of
    the ratio are image-like (squares, or 3 times a square): images of another side or another
    number of channels give those (49/64, 1/3, 1/4), and a batch of a quarter or a third of
    the others is no more likely."""
    if not 16 <= have < want:
        return None
    common = math.gcd(have, want)
    examples, batch = have // common, want // common
    if common < 16 or (_image_like(examples) and _image_like(batch)):
        return None
    return (str(examples), str(batch))


#: the input pipeline's op named as where an error was raised ("[[input/IteratorGetNext]]",
#: "[Op:IteratorGetNext]"), not a tensor that it made ("IteratorGetNext:0")
_RAISED_IN_PIPELINE = Lazy(r"IteratorGetNext(?!:\d)")
#: a graph node under a loss's scope: "yolo_loss/Reshape_3", "loss/model_loss/Reshape"
_LOSS_SCOPE = Lazy(r"(?i)(?:^|[/_])loss(?:es)?(?:_\d{1,4})?/")
#: the reshape that softmax_cross_entropy_with_logits gives its labels (the logits': Reshape)
_SOFTMAX_LABELS = Lazy(
    r"requires a multiple of \d{1,19}\W{0,40}(?:Node: |node )"
    r"softmax_cross_entropy_with_logits(?:_sg)?/Reshape_1\b"
)


# tf.nn.depth_to_space given channels that are no multiple of block_size squared: eagerly
# "Input depth dimension 6 should be divisible by: 4 [Op:DepthToSpace]"; traced "Dimension size
# must be evenly divisible by 4 but is 6 for '{{node lambda/DepthToSpace}} = DepthToSpace[...]"
DEPTH_TO_SPACE = Lazy(
    r"Input depth dimension (?P<depth>\d{1,9}) should be divisible by: (?P<multiple>\d{1,9})"
    r"|evenly divisible by (?P<multiple2>\d{1,9}) but is (?P<depth2>\d{1,9}) for "
    r"'\{\{node [^}\n]{0,200}DepthToSpace"
)


@reads("Input depth dimension", "must be evenly divisible by")
def depth_to_space(text: str, context: Context) -> Finding | None:
    for anchor in ("Input depth dimension", "must be evenly divisible by"):
        for match in anchored(DEPTH_TO_SPACE, text, anchor, before=30, after=300):
            depth = match.group("depth") or match.group("depth2")
            multiple = match.group("multiple") or match.group("multiple2")
            return PixelShuffle(int(depth), int(multiple))
    return None


# tf.image.crop_to_bounding_box given an image smaller than the box checks each side: "width
# must be >= target + offset." (a ValueError for sizes known when it is built), else
# "assertion failed: [height must be >= target + offset.]". (random_crop: shapes.py.)
CROP_SIDE = Lazy(r"\b(?P<side>height|width) must be >= target \+ offset")


# tf.slice asked for more of an axis than the tensor has: "Expected size[0] in [0, 64], but got
# 128", "Expected begin[1] in [0, 10], but got 11" (a shape, though it reads like an index)
SLICE_RANGE = Lazy(
    r"Expected (?P<part>begin|size|end)\[(?P<position>\d{1,3})\] in "
    r"\[0, (?P<size>\d{1,18})\], but got (?P<value>-?\d{1,18})"
)


@reads("], but got ")
def slice_range(text: str, context: Context) -> Finding | None:
    for match in anchored(SLICE_RANGE, text, "], but got ", before=40, after=40):
        size, value = int(match.group("size")), int(match.group("value"))
        if value < 0 or value > size:
            return SliceOutside(int(match.group("position")), size, value, match.group("part"))
    return None


# matplotlib's imshow given an array that is not one image: "TypeError: Invalid shape (1, 64,
# 64, 3) for image data" (and "(64, 64, 1)" in versions before 3.3)
SHOWN_IMAGE = Lazy(rf"Invalid shape (?P<shape>{SHAPE}) for image data")


@reads("for image data")
def shown_image(text: str, context: Context) -> Finding | None:
    for match in anchored(SHOWN_IMAGE, text, "for image data", before=80):
        shape = parse_shape(match.group("shape"))
        if shape is not None:
            return ShownImage(shape)
    return None


@reads("must be >= target + offset")
def crop(text: str, context: Context) -> Finding | None:
    for match in anchored(CROP_SIDE, text, "must be >= target + offset", before=10):
        return CropTooLarge(side=match.group("side"))
    return None


# TensorFlow Lite's Interpreter.set_tensor (tensorflow/lite/python/interpreter_wrapper):
# "Cannot set tensor: Dimension mismatch. Got 3 but expected 4 for input 0.", "... Got 640 but
# expected 320 for dimension 1 of input 0.", "Cannot set tensor: Got value of type FLOAT32 but
# expected type UINT8 for input 0, name: serving_default_input:0"
SET_TENSOR_SHAPE = Lazy(
    r"Cannot set tensor: Dimension mismatch\. Got (?P<got>\d{1,9}) but expected "
    r"(?P<want>\d{1,9}) for (?:dimension (?P<axis>\d{1,2}) of )?input (?P<input>\d{1,4})"
)
SET_TENSOR_TYPE = Lazy(
    r"Cannot set tensor: Got value of type (?P<got>[A-Z][A-Z0-9]{1,15}) but expected type "
    r"(?P<want>[A-Z][A-Z0-9]{1,15}) for input (?P<input>\d{1,4})"
)


@reads("Cannot set tensor: ")
def set_tensor(text: str, context: Context) -> Finding | None:
    for match in anchored(SET_TENSOR_TYPE, text, "Cannot set tensor: ", after=200):
        got, want = match.group("got").lower(), match.group("want").lower()
        return InterpreterInput("dtype", got, want, input=int(match.group("input")))
    for match in anchored(SET_TENSOR_SHAPE, text, "Cannot set tensor: ", after=200):
        axis = match.group("axis")
        return InterpreterInput(
            "axis" if axis is not None else "rank",
            match.group("got"),
            match.group("want"),
            axis=int(axis) if axis is not None else None,
            input=int(match.group("input")),
        )
    return None


@reads("Input to reshape is a tensor with", "must be unchanged", "must be evenly divisible by")
def reshape(text: str, context: Context) -> Finding | None:
    for match in anchored(DIVISIBLE, text, "must be evenly divisible by", before=30, after=80):
        return ReshapeMismatch(
            values=int(match.group("have")),
            requested=int(match.group("want")),
            multiple=True,
            input_shape=_reshape_input(text[match.end() : match.end() + 800]),
        )
    for match in anchored(RESHAPE, text, "Input to reshape is a tensor with"):
        have, want = int(match.group("have")), int(match.group("want"))
        fixed = match.group("kind") == "has"  # not "requires a multiple of": no -1 in it
        raw = context.raw or text  # the node's name is in the [[node ...]] block
        # raised while the input pipeline makes the next batch: a reshape in the dataset's map,
        # which shapes one example at a time, so the two sizes are not batches of examples
        in_pipeline = _RAISED_IN_PIPELINE.search(raw) is not None
        if fixed and not in_pipeline:
            batches = _smaller_batch(have, want)
            if batches is not None:
                return BatchMismatch("reshape-batch", (str(have), str(want), *batches))
        if fixed and _decoded_narrower(have, want, raw):
            return DecodedWidth(have, want)
        if not fixed and any(anchored(_SOFTMAX_LABELS, raw, "requires a multiple of", after=200)):
            # softmax_cross_entropy_with_logits flattens the labels to rows of the logits'
            # width (its second reshape): values that are no multiple of the classes are
            # class indices, not one-hot rows
            return LabelForm(loss="softmax_cross_entropy_with_logits")
        in_loss = not fixed and _LOSS_SCOPE.search(context.op)
        return ReshapeMismatch(
            values=have, requested=want, multiple=not fixed, loss_node=context.op if in_loss else ""
        )
    for match in anchored(RESHAPE_LAYER, text, "must be unchanged", before=40, after=400):
        given, target = parse_shape(match.group("input")), parse_shape(match.group("target"))
        return ReshapeMismatch(
            values=_product(given),
            requested=_product(target),
            input_shape=given,
            target_shape=target,
        )
    return None


_RESHAPE_INPUT = Lazy(rf"with input shapes: (?P<shape>{SHAPE}), ")
_INPUT_LIST = Lazy(rf"with input shapes: (?P<shapes>{SHAPE}(?:, {SHAPE}){{0,8}})")
_CROSS_ENTROPY_KERNEL = Lazy(r"(?:Sparse)?SoftmaxCrossEntropyWithLogits")


def _reshape_input_list(text: str) -> list[Shape]:
    """Every shape of "with input shapes: [?,7,7,10], [?,10]"."""
    match = _INPUT_LIST.search(text)
    return [shape for _, shape in shapes_in(match.group("shapes"))] if match else []


def _reshape_input(text: str) -> Shape | None:
    """The input's shape in "... for 'Reshape' ... with input shapes: [16,8192], [4] ..."."""
    match = _RESHAPE_INPUT.search(text)
    return parse_shape(match.group("shape")) if match else None


def _product(shape: Shape | None) -> int | None:
    if not shape:
        return None
    total = 1
    for dim in shape:
        if dim is not None and dim >= 0:
            total *= dim
    return total


#: ops that take a vector of sizes: their "must be rank 1 but is rank 0" is that argument's
_SHAPE_ARGUMENT_OP = Lazy(r"Reshape|Tile|Fill|BroadcastTo|RandomStandardNormal|RandomUniform")


@reads("Shape must be rank ", "Shape must be at least rank ", "Shape must be at most rank ")
def shape_rank(text: str, context: Context) -> Finding | None:
    for match in anchored(SHAPE_RANK, text, "Shape must be ", after=800):
        kernel = _CROSS_ENTROPY_KERNEL.search(match.group("node"))
        inputs = _reshape_input_list(text[match.end() : match.end() + 800]) if kernel else []
        if len(inputs) >= 2:
            # the cross-entropy kernels take (logits, labels): which of them has the rank?
            logits, labels = inputs[0], inputs[1]
            found = ShapePair(labels, logits, roles="labels", names=("labels", "logits"))
            if len(logits) == int(match.group("got")) and found.verdict:
                return found
            return SparseRanks(len(labels), len(logits))
        node = match.group("node").lower()
        role = "target" if any(word in node for word in _LOSS_WORDS) else "input"
        bound = {"at least ": "min", "at most ": "max"}.get(match.group("bound") or "", "exact")
        want, got = int(match.group("want")), int(match.group("got"))
        op = _SHAPE_ARGUMENT_OP.search(match.group("node"))
        if want == 1 and got == 0 and op:  # a vector of sizes given as one number
            return ShapeArgument(op.group(0))
        bare = _BARE_NODE.search(match.group("node"))  # an op of no layer: `{{node DecodePng}}`
        return RankMismatch(
            want,
            got,
            bound,  # type: ignore[arg-type]
            role=role,  # type: ignore[arg-type]
            op=bare.group("op") if bare and role == "input" else "",
        )
    return None


# a graph node outside any layer's or model's scope: "{{node DecodePng}} = DecodePng[...]"
_BARE_NODE = Lazy(r"^\{\{node (?P<name>[\w.-]{1,100})\}\} = (?P<op>\w{1,100})\[")


@reads(
    "-dimensional",
    "is not a matrix",
    "transpose expects a vector of size",
    "Ranks of all input tensors should match",
    "Expected concatenating dimensions in the range",
    "mismatch In[1] shape",
)
def kernel_rank(text: str, context: Context) -> Finding | None:
    for anchor in (
        "-dimensional",
        "is not a matrix",
        "transpose expects",
        "Ranks of all",
        "range [",
    ):
        for match in anchored(KERNEL_RANK, text, anchor, before=60, after=200):
            if match.group("want"):
                shape = parse_shape(match.group("shape"))
                got = len(shape) if shape is not None else None
                return RankMismatch(int(match.group("want")), got, shape=shape)
            if match.group("perm"):
                return RankMismatch(int(match.group("perm")), int(match.group("rank")))
            if match.group("a"):
                a, b = parse_shape(match.group("a")), parse_shape(match.group("b"))
                if a is not None and b is not None:
                    return RankMismatch(max(len(a), len(b)), min(len(a), len(b)), shape=b)
                continue
            if match.group("range"):
                return RankMismatch(None, int(match.group("range")))
            shape = parse_shape(match.group("matrix"))
            return RankMismatch(2, len(shape) if shape is not None else None, shape=shape)
    for match in anchored(BATCH_MATMUL, text, "mismatch In[1] shape", before=20):
        a, b = parse_shape(match.group("a")), parse_shape(match.group("b"))
        return FeatureMismatch(int(match.group("want")), int(match.group("got")), a, b)
    return None


@reads(
    "input and filter must have the same depth",
    "evenly divisible by filter depth",
    "is not a multiple of input depth of filter",
    "does not match corresponding dimension of filter",
    "does not match filter's input channels",
    "Computed output size would be negative",
    "Kernel shape must have the same length as input",
    "number of groups",
)
def depth(text: str, context: Context) -> Finding | None:
    for anchor in (
        "depth: ",
        "input depth of filter",
        "corresponding dimension of filter",
        "filter's input channels",
    ):
        for match in anchored(DEPTH, text, anchor, before=80, after=60):
            got = int(next(g for g in match.group("got", "got2", "got3", "got4") if g))
            want = int(next(g for g in match.group("want", "want2", "want3", "want4") if g))
            return FeatureMismatch(expected=want, got=got, shape=(None, None, None, got))
    for match in anchored(GROUPS, text, "number of groups", before=80, after=900):
        given, kernel = parse_shape(match.group("input")), parse_shape(match.group("filter"))
        if given and kernel and len(given) == len(kernel) == 4 and given[-1] is not None:
            return FeatureMismatch(expected=kernel[2], got=given[-1], shape=given)
        filters = match.group("out") or match.group("out2") or match.group("out3")
        groups = match.group("groups") or match.group("groups2") or match.group("groups3")
        return ChannelGroups(int(filters), int(groups))
    for match in anchored(NEGATIVE_OUTPUT, text, "Computed output size would be negative"):
        return WindowTooLarge(window=match.group("window"), size=match.group("size"))
    for match in anchored(KERNEL_LENGTH, text, "Kernel shape must have the same length as input"):
        kernel, given = parse_shape(match.group("kernel")), parse_shape(match.group("input"))
        if kernel is not None and given is not None:
            # (None, None, 224, 224, 3) for a 2-D kernel: Keras 3 releases of 2024-2025 loading
            # a Keras 2 .h5 model (PacktPublishing/Web-App-Development-Made-Simple-with-
            # Streamlit#3, XiaqiongFan/DeepResolution2#3, murtazahassan/OpenCV-Sudoku-Solver#3)
            loaded = given[:2] == (None, None) and len(given) == len(kernel) + 1
            return RankMismatch(
                len(kernel), len(given), shape=given, layer=context.layer, loaded=loaded
            )
    return None


@reads("Trying to share variable")
def shared_variable(text: str, context: Context) -> Finding | None:
    for match in anchored(SHARED, text, "Trying to share variable"):
        return SharedVariable(
            match.group("name"),
            parse_shape(match.group("specified")),
            parse_shape(match.group("found")),
        )
    return None


@reads("A Concatenate layer requires")
def concatenate_layer(text: str, context: Context) -> Finding | None:
    for match in anchored(CONCATENATE_LAYER, text, "A Concatenate layer requires"):
        shapes = tuple(shape for _, shape in shapes_in(match.group("shapes")))
        batch = _batches_differ(shapes)
        if batch is not None:
            return ShapePair(*batch, roles="joined", axis=0, by="A Concatenate layer")
        if len(shapes) >= 2:
            return JoinedShapes(shapes)
    return None


def _batches_differ(shapes: tuple[Shape, ...]) -> tuple[Shape, Shape] | None:
    """Two of `shapes` (joined on their last axis, Concatenate's default) that differ in
    their first axis and in no other but the last: batches of two sizes, such as noise drawn
    for a fixed batch size next to the labels of a smaller last batch."""
    if len({len(shape) for shape in shapes}) != 1 or len(shapes[0]) < 2:
        return None
    first = shapes[0]
    for other in shapes[1:]:
        if differing_axes(first[:-1], other[:-1]) == [0]:  # the joined last axis may differ
            return first, other
    return None


@reads("Negative dimension size caused by")
def negative_dimension(text: str, context: Context) -> Finding | None:
    for match in anchored(NEGATIVE, text, "Negative dimension size caused by"):
        return WindowTooLarge(
            window=match.group("window"),
            size=match.group("size"),
            shapes=match.group("shapes") or "",
        )
    return None


@reads("Computed output size would be zero or negative")
def zero_output(text: str, context: Context) -> Finding | None:
    for match in anchored(ZERO_OUTPUT, text, "Computed output size would be zero or negative"):
        return WindowTooLarge(
            window=match.group("window"), shapes=match.group("input"), what=match.group("what")
        )
    return None


@reads("of input shape to have value")
def input_axis(text: str, context: Context) -> Finding | None:
    for match in anchored(INPUT_AXIS, text, "of input shape to have value", before=40):
        want, got = int(match.group("want")), parse_shape(match.group("got"))
        axis = int(match.group("axis"))
        have = got[axis] if got and -len(got) <= axis < len(got) else None
        layer = _checked_layer(text, match.start()) or context.layer
        return FeatureMismatch(expected=want, got=have, shape=got, layer=layer)
    return None


#: "Input 0 of layer "conv2d" is incompatible with the layer: ...": the layer whose input
#: check failed, inside the model whose call the message is wrapped in (Keras 2 names the
#: outer model last, in "Call arguments received by layer 'sequential'")
_CHECKED_LAYER = Lazy(
    r"Input \d{1,3}(?: with name '[^'\n]{0,100}')? of layer "
    r"""["']?(?P<layer>[\w./-]{1,200}?)["']? is incompatible"""
)


def _checked_layer(text: str, at: int) -> str:
    """The layer whose input check the message at `at` reports, where the message names it."""
    match = _CHECKED_LAYER.search(text, max(0, at - 300), at)
    return match.group("layer") if match else ""


# Keras 1: "Invalid input shape - Layer expects input ndim=2, was provided with input shape
# (25, 200, 64)"
KERAS1_NDIM = Lazy(
    r"Layer expects input ndim=(?P<want>\d{1,3}), was provided with input shape "
    rf"(?P<shape>{SHAPE})"
)


@reads("ndim=")
def input_ndim(text: str, context: Context) -> Finding | None:
    for match in anchored(KERAS1_NDIM, text, "ndim=", before=30, after=200):
        shape = parse_shape(match.group("shape"))
        return RankMismatch(
            expected=int(match.group("want")),
            got=len(shape) if shape is not None else None,
            shape=shape,
            layer=context.layer,
        )
    for match in anchored(INPUT_NDIM, text, "ndim=", before=40):
        kind = match.group("kind")
        bound = {"min_ndim": "min", "max_ndim": "max"}.get(kind, "exact")
        return RankMismatch(
            expected=int(match.group("want")),
            got=int(match.group("got")),
            bound=bound,  # type: ignore[arg-type]
            shape=parse_shape(match.group("shape")),
            layer=_checked_layer(text, match.start()) or context.layer,
        )
    return None


@reads("xpected shape")
def model_input(text: str, context: Context) -> Finding | None:
    return _model_input(anchored(MODEL_INPUT, text, "xpected shape", before=1))


@reads("Dimension value must be integer")
def float_dimension(text: str, context: Context) -> Finding | None:
    for match in anchored(FLOAT_DIMENSION, text, "Dimension value must be integer"):
        return FloatDimension(match.group("value"))
    return None


# keras.applications' decode_predictions: "`decode_predictions` expects a batch of predictions
# (i.e. a 2D array of shape (samples, 1000)). Received array with shape: (1, 14, 14, 512)"
# (Keras 2 says "Found array with shape"; pasted text may lose the backticks)
DECODE_PREDICTIONS = Lazy(
    r"decode_predictions`? expects a batch of predictions \(i\.e\. a 2D array of shape "
    r"\(samples, (?P<classes>\d{1,7})\)\)\. (?:Received|Found) array with shape: "
    rf"(?P<shape>{SHAPE})"
)


@reads("expects a batch of predictions")
def decode_predictions(text: str, context: Context) -> Finding | None:
    for match in anchored(
        DECODE_PREDICTIONS, text, "expects a batch of predictions", before=30, after=200
    ):
        shape = parse_shape(match.group("shape"))
        if shape is not None:
            return ImagenetScores(shape, int(match.group("classes")))
    return None


READERS = (
    decode_predictions,
    set_tensor,
    crop,
    slice_range,
    shown_image,
    restore,
    stack_size,
    input_count,
    constructed,
    undefined_axis,
    with_rank,
    out_backprop,
    image_layout,
    numpy_matmul,
    numpy_reshape,
    shape_rank,
    kernel_rank,
    depth,
    shared_variable,
    concatenate_layer,
    depth_to_space,
    reshape,
    negative_dimension,
    zero_output,
    input_axis,
    input_ndim,
    model_input,
    float_dimension,
)
