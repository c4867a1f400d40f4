"""General readers: they work on any message, from what it contains rather than its wording.

They run only when no reader of a known family matched, and their diagnoses have low
confidence ("probably ..."). Each pulls one kind of value out of the last exception's message
(`Context.last_error`, without traceback frames) and decides the category from it:
a `[0, N)` range with a value -> index range; NaN/Inf words -> numerics; gradient words ->
no gradients; two dtypes -> a dtype clash; two shapes -> `findings.pair_verdict`.

Errors that are about something else (memory, GPU libraries, imports, files, API changes)
are left alone, even when they print a shape or a dtype.
"""

from __future__ import annotations

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import (
    AxisSizes,
    CropTooLarge,
    DtypeClash,
    FeatureMismatch,
    Finding,
    FloatDimension,
    IndexOutOfRange,
    LayerInputCheck,
    MissingGradients,
    NonFinite,
    RankMismatch,
    ReshapeMismatch,
    SampleCount,
    ShapePair,
    TargetsMissing,
    WeightShapes,
    WindowTooLarge,
)
from ganerrors.explainers.parsing import Lazy, Shape, anchored, dtypes_in, shapes_in
from ganerrors.explainers.shapes import fit_check_without_prefix, loss_kind, node_of

#: Phrases of errors that are not about the checklist, even when they show a shape or dtype.
UNRELATED_PHRASES = (
    "OOM when allocating",
    "esource exhausted",
    "ResourceExhausted",
    "out of memory",
    "OutOfMemory",
    "CUDNN",
    "cuDNN",
    "cudnn",
    "CUDA_ERROR",
    "CUBLAS",
    "Failed to get convolution algorithm",
    "DNN library",
    "Could not load dynamic library",
    "DLL load failed",
    "No module named",
    "cannot import name",
    "has no attribute",
    "Unknown layer",
    "Unknown loss",
    "Unknown optimizer",
    "Unknown metric",
    "Unknown activation",
    "Unknown initializer",
    "No such file",
    "Permission denied",
    "Unable to open file",
    "unexpected keyword argument",
    "positional argument",
    "is not callable",
    "not subscriptable",
    "not JSON serializable",
    "Could not interpret",
    "Graph disconnected",
    "must be from the same graph",
    "mixed precision DTypePolicy",  # a dtype policy's name mistyped: "Cannot convert 'flaot32'"
)
#: Exception types that are not about the checklist.
UNRELATED_TYPES = frozenset(
    {
        "AssertionError",
        "ImportError",
        "ModuleNotFoundError",
        "AttributeError",
        "NameError",
        "FileNotFoundError",
        "NotFoundError",
        "PermissionError",
        "OSError",
        "IOError",
        "SyntaxError",
        "IndentationError",
        "MemoryError",
        "ResourceExhaustedError",
        "InternalError",
        "UnknownError",
        "KeyError",
        "RecursionError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "JSONDecodeError",
        "ConnectionError",
        "TimeoutError",
        "DeadlineExceededError",
        "UnavailableError",
        "AbortedError",
        "CancelledError",
        "PicklingError",
        "NotImplementedError",
        "UnimplementedError",
        "FailedPreconditionError",
    }
)


# a library's own check that a crop fits its image: TensorLayer's "The size of cropping should
# smaller than the original image", "crop size is larger than the image", "Crop size (256,
# 256) exceeds image size" ...
_CROP_WORDS = Lazy(
    r"(?i)\bcrop(?:ping|ped)?\b[^\n]{0,60}?\b(?:smaller|larger|bigger|exceeds?|greater)\b"
    r"[^\n]{0,40}?\b(?:image|input|original)"
)


def unrelated(text: str, context: Context) -> bool:
    """Whether the error is about something the checklist does not cover (an assertion about
    NaN values in the learner's own loop is not: it is read as numerics; nor is a library's
    assertion that a crop fits its image)."""
    if context.exc_type == "AssertionError" and (
        NON_FINITE.search(text[-4000:]) or _CROP_WORDS.search(text[-3000:])
    ):
        return False
    if context.exc_type in UNRELATED_TYPES:
        return True
    tail = text[-8000:]  # the general readers read no further back either
    return any(phrase in tail for phrase in UNRELATED_PHRASES)


def doubtful(context: Context) -> bool:
    """Whether a reading of an exact family is still a guess because of where the error is:

    - the error raised last is about something else (memory, GPU libraries, imports, files,
      saving and loading, API changes: `unrelated`), and the family's message is only part of
      what it printed;
    - the op that failed belongs to a metric (a node under `metrics/`): the loss, which Keras
      builds and runs before its metrics on the same labels and predictions, accepted them,
      so the labels fit the model; what does not fit is the metric (Keras' accuracy picks its
      variant from the labels' shape, and some versions flatten the labels themselves);
    - a value fed to a tensor that an op computes, not to a placeholder (`_FED_COMPUTED`);
    - an in-place update of a variable (a metric's running state: `_STATE_UPDATE`).

    Such a reading gets low confidence."""
    if _unrelated_headline(context):
        return True
    text = context.raw or context.message
    if "Cannot feed value" in text and _FED_COMPUTED.search(text):
        return True
    if "metric" in text:
        name = node_of(text)[0] or context.op
        if _METRIC_NODE.search(name):
            return True
    if "SubVariableOp" in text or "AddVariableOp" in text:
        return bool(_STATE_UPDATE.search(text))
    return False


def weights_only(context: Context) -> bool:
    """Whether the op that failed was given nothing but variables' values (weights stacked for
    a weight decay, two kernels compared): no images, labels or scores reach it, so its shapes
    are the model's definition against itself (code written for another version of a library,
    weights from another model), not a checklist item; no category is read from them."""
    inputs = node_of(context.raw or context.message)[2]
    return len(inputs) >= 2 and all(_VARIABLE_VALUE.search(name) for name in inputs)


_METRIC_NODE = Lazy(r"(?:^|/)metrics?(?:_\d{1,4})?/")
#: a variable's value as a node's input: TF 2's `ReadVariableOp`, TF 1's `<variable>/read`
_VARIABLE_VALUE = Lazy(r"(?:ReadVariableOp(?:_\d{1,4})?|/read(?:_\d{1,4})?)$")
#: an op that adds to a variable in place failed: a metric's (or an optimizer's) running state,
#: updated with a value of another shape than the state was made with. The values are the
#: metric's settings (num_classes, thresholds) as often as the labels and predictions
_STATE_UPDATE = Lazy(
    r"(?:for '|\{\{node |\[Op:)(?:[\w./-]{0,200}/)?Assign(?:Add|Sub)VariableOp(?:_\d{1,4})?['\]}]"
)
#: a value fed to a tensor an op computes (a layer's output), or to a layer's weight, not to a
#: placeholder: the feed went to the wrong tensor (labels fed to the model's output instead of
#: its targets, a batch of images to a bias when a name in feed_dict was reused), so the shapes
#: it names are not what the model was built for
_FED_COMPUTED = Lazy(
    r"Cannot feed value of shape [^\n]{0,200}? for Tensor u?'?(?:[\w.-]{1,200}/)?"
    r"(?:truediv|Softmax|Sigmoid|Tanh|Relu|BiasAdd|MatMul|add|mul|concat|Reshape"
    r"|[\w.-]{1,200}/(?:b|W|kernel|bias|biases|weights|gamma|beta|moving_mean|moving_variance)"
    r"(?:/Read/ReadVariableOp)?)"
    r"(?:_\d{1,4})?:\d{1,3}'?,"
)
#: Exception types that are never a checklist problem, whatever message family they quote.
#: (Not TensorFlow's NotFound, Unimplemented or Internal errors: a kernel missing for a dtype is
#: one of those.)
_UNRELATED_RAISED = frozenset(
    {
        "ImportError",
        "ModuleNotFoundError",
        "AttributeError",
        "NameError",
        "FileNotFoundError",
        "PermissionError",
        "OSError",
        "IOError",
        "SyntaxError",
        "IndentationError",
        "MemoryError",
        "ResourceExhaustedError",
        "RecursionError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "JSONDecodeError",
        "ConnectionError",
        "TimeoutError",
        "PicklingError",
    }
)


def _unrelated_headline(context: Context) -> bool:
    """The error raised last is of a type, or its first line of a family, that is about
    something else than the checklist (the words must be in the first line: a node's
    attributes name cuDNN, an op's message names what it could not allocate)."""
    message = context.message
    if not any(word in message for word in _UNRELATED_WORDS):
        return False  # cheap: most messages name none of them, and need no last exception
    if context.exc_type in _UNRELATED_RAISED:
        return True
    last = context.last_error
    headline = last.lstrip()[:300].split("\n", 1)[0]
    return any(phrase in headline for phrase in _HEADLINE_PHRASES)


#: `UNRELATED_PHRASES` as they head an error: not the bare name of cuDNN, which a node's
#: attributes print (`use_cudnn_on_gpu=true`) in any convolution's message.
_HEADLINE_PHRASES = (
    *(p for p in UNRELATED_PHRASES if p.lower() != "cudnn"),
    "CUDNN_STATUS",
    "cuDNN failed",
    "cudnn failed",
)
#: Every type and phrase of `_unrelated_headline`, looked for once in the whole text first.
_UNRELATED_WORDS = (*_UNRELATED_RAISED, *_HEADLINE_PHRASES)


# --- index range --------------------------------------------------------------------------

# "... 10 is not in [0, 10)", "label value of 6 which is outside the valid range of [0, 6)"
RANGE = Lazy(r"(?P<value>-?\d{1,18})\D{0,100}?\[0, ?(?P<size>\d{1,18})\)")
# a closed range, then the value found: "violating range [0, 6]. Found maximum pixel value 7"
CLOSED_RANGE = Lazy(
    r"\brange \[0, ?(?P<top>\d{1,18})\][^\n\d\[]{0,80}?(?P<value>-?\d{1,18})(?![\d.])"
)
#: a closed range is about classes only where these words come before it (not pixel values)
_CLASS_WORDS = ("label", "class", "segmentation", "mask", "annotation", "index", "indices")
# NumPy (to_categorical, fancy indexing): "index 10 is out of bounds for axis 1 with size 10"
BOUNDS = Lazy(
    r"index (?P<value>-?\d{1,18}) is out of bounds for axis \d{1,3} with size (?P<size>\d{1,18})"
)
# "Label IDs must < n_classes", "labels out of bound", "Index out of range using input dim 2"
OUT_OF_RANGE = Lazy(
    r"(?i)\b(?:indices|index|labels?|label ids|class ids?)\b[^\n]{0,60}?"
    r"\b(?:out of (?:range|bounds?)|must (?:be )?<=? ?n_classes|must (?:be )?>= ?0\b|not in \[)"
)
_PYTHON_INDEX = ("list index out of range", "tuple index out of range", "string index out of")
# TensorFlow's strided slices: "slice index 1 of dimension 0 out of bounds."
SLICE = Lazy(r"index (?P<value>-?\d{1,18}) of dimension \d{1,3} out of bounds")


def index_range(text: str, context: Context) -> Finding | None:
    for match in anchored(RANGE, text, "[0,", before=140, after=30):
        value, size = int(match.group("value")), int(match.group("size"))
        if value < 0 or value >= size:
            kind = "label" if "label" in text[max(0, match.start() - 60) : match.end()] else "index"
            return IndexOutOfRange(value, size, kind)  # type: ignore[arg-type]
    for match in anchored(CLOSED_RANGE, text, "range [0,", before=10, after=120):
        value, top = int(match.group("value")), int(match.group("top"))
        before = text[max(0, match.start() - 200) : match.start()].lower()
        if (value < 0 or value > top) and any(word in before for word in _CLASS_WORDS):
            kind = "label" if "label" in before else "index"
            return IndexOutOfRange(value, top + 1, kind)  # type: ignore[arg-type]
    for match in anchored(BOUNDS, text, "is out of bounds for axis", before=40, after=60):
        return IndexOutOfRange(
            int(match.group("value")), int(match.group("size")), "label", numpy=True
        )
    for match in anchored(SLICE, text, "of dimension", before=40, after=40):
        return IndexOutOfRange(int(match.group("value")), None, "index")
    if not any(phrase in text for phrase in _PYTHON_INDEX):
        tail = text[-4000:]
        if OUT_OF_RANGE.search(tail):
            kind = "label" if "label" in tail.lower() else "index"
            return IndexOutOfRange(None, None, kind)  # type: ignore[arg-type]
    return None


# --- NaN and Inf --------------------------------------------------------------------------

NON_FINITE = Lazy(r"(?<![\w.])(?P<what>NaN|nan|Nan|NAN|-?[Ii]nf|-?[Ii]nfinity|INF)s?(?![\w(])")
_NUMERIC_WORDS = (
    "loss",
    "value",
    "tensor",
    "contains",
    "gradient",
    "check",
    "detected",
    "found",
    "encountered",
    "weight",
    "output",
    "metric",
    "float",
)


#: Errors of computations that went out of range without printing NaN: Python's math module,
#: singular matrices, and the complex square roots of FID's covariance matrices.
_NUMERIC_PHRASES = (
    "math domain error",
    "math range error",
    "Singular matrix",
    "not invertible",
    "Imaginary component",
    "ComplexWarning",
)


def non_finite(text: str, context: Context) -> Finding | None:
    """NaN or Inf next to a word of losses and tensors, or printed several times (a log of
    values going bad); Python's "math domain error" (a log or a root of a value <= 0)."""
    tail = text[-4000:]
    if any(phrase in tail for phrase in _NUMERIC_PHRASES):
        return NonFinite("NaN", "", "loss")
    matches = list(NON_FINITE.finditer(tail))
    found = [m.group("what") for m in matches]
    if not found:
        return None
    logged = any(
        tail[max(0, m.start() - 3) : m.start()].rstrip().endswith((":", "=")) for m in matches
    )
    if len(found) < 3 and not logged and not any(w in tail.lower() for w in _NUMERIC_WORDS):
        return None
    return NonFinite("NaN" if "nan" in {w.lower() for w in found} else "Inf", "", "loss")


# --- gradients ----------------------------------------------------------------------------

_GRADIENT_CODE = ("gradient", "grads", "clip_by", "optimizer", "minimize", "t_list")
_NO_GRADIENT = Lazy(
    r"(?i)\bno gradients?\b|gradients? (?:is|are) none|none (?:for|as) (?:the )?gradient"
    r"|not differentiable|\bgrad\w{0,20}\b[^\n]{0,40}\bNone\b(?! values)"
)


_NONE_OPERAND = Lazy(r"unsupported operand type\(s\) for [^\n]{1,10}'NoneType'")


def gradients(text: str, context: Context) -> Finding | None:
    if _NO_GRADIENT.search(text[-4000:]):
        return MissingGradients(how="none-values")
    # a None gradient used in arithmetic (a gradient penalty's norm, a product): the code
    # around it names the gradient
    if _NONE_OPERAND.search(text[-4000:]) or "Attempt to convert a value (None)" in text:
        if _names_a_gradient(text, context):
            return MissingGradients(how="none-used")
    if "Fetch argument None" in text:
        # TF 1.x's Session.run given a None to fetch: most often a gradient that
        # tf.gradients returned as None (an op without one, an int variable), less often a
        # function without `return` or `tf.summary.merge_all()` with no summaries (a guess)
        return MissingGradients(how="fetched-none")
    if _NONE_INTO_MATH.search(text[-4000:]) and _names_a_gradient(text, context):
        return MissingGradients(how="none-used")
    if "None values not supported" in text or "Attempt to convert a value (None)" in text:
        if _FIT_CALL.search(context.code(3)) and not _names_a_gradient(text, context):
            # straight from the learner's fit(): a dataset without targets (Keras 3 fails
            # converting y=None; Keras 2 says "Target data is missing")
            return TargetsMissing(guess=True)
        # the most common None on its way into a TensorFlow op in a training step: a gradient
        return MissingGradients(how="none-into-op")
    return None


_FIT_CALL = Lazy(r"\.(?:fit|train_on_batch|evaluate|test_on_batch)\(")


def _names_a_gradient(text: str, context: Context) -> bool:
    """The end of the message, or the code of the traceback, names a gradient."""
    return "grad" in text[-2000:] + context.code(40)


#: an op's operand that was None, under tf.function: "Tried to convert 'x' to a tensor and
#: failed. Error: None values not supported."
_NONE_INTO_MATH = Lazy(
    r"Tried to convert '(?:x|y|a|b|input|tensor|values)' to a tensor and failed\. Error: None "
    r"values not supported"
)


# --- dtypes -------------------------------------------------------------------------------

_DTYPE_WORDS = ("dtype", "DataType", "DT_", "type ", "tensor", "Tensor", "cast", "convert")


def dtype_clash(text: str, context: Context) -> Finding | None:
    if not any(word in text for word in _DTYPE_WORDS):
        return None
    found = dtypes_in(text[-4000:], attributes=False)
    if len(found) >= 2:
        return DtypeClash(got=found[1], expected=found[0], op=context.op)
    return None


# --- shapes -------------------------------------------------------------------------------

_SHAPE_WORDS = ("shape", "Shape", "dimension", "Dimension", "ndim", "rank", "broadcast", "size")
_LABEL_WORDS = ("label", "target", "y_true", "y ")
_PREDICTION_WORDS = ("logit", "output", "predict", "y_pred", "score")
_EXPECTED_WORDS = ("expected", "expects", "requires", "to have shape")
_GIVEN_WORDS = ("but got", "but received", "but was given", "instead got")
_RANK = Lazy(r"(?:expected|expects|requires)[^\n]{0,40}?\b(?P<n>\d{1,2})\s?(?:D\b|-D\b|dim)")


def _role(text: str, at: int) -> str:
    before = text[max(0, at - 50) : at].lower()
    best, best_at = "", -1
    for role, words in (
        ("labels", _LABEL_WORDS),
        ("predictions", _PREDICTION_WORDS),
        ("expected", _EXPECTED_WORDS),
        ("given", _GIVEN_WORDS),
    ):
        for word in words:
            position = before.rfind(word)
            if position > best_at:
                best, best_at = role, position
    return best


def shape_pair(text: str, context: Context) -> Finding | None:
    if not any(word in text for word in _SHAPE_WORDS):
        return None
    text = text[-4000:]
    shapes: list[tuple[int, Shape]] = []
    for at, shape in shapes_in(text):
        if all(shape != other for _, other in shapes):
            shapes.append((at, shape))
    if len(shapes) == 1:
        rank = _RANK.search(text)
        if rank is not None and int(rank.group("n")) != len(shapes[0][1]):
            return RankMismatch(int(rank.group("n")), len(shapes[0][1]), shape=shapes[0][1])
        return None
    if len(shapes) < 2:
        return None
    (at_a, a), (at_b, b) = shapes[:2]
    role_a, role_b = _role(text, at_a), _role(text, at_b)
    broadcast = "broadcast" in text or "Incompatible shapes" in text
    # where the traceback went through a loss, the two shapes are its labels and predictions
    around = text + " " + context.code(12)
    kind = loss_kind(around)
    if {role_a, role_b} == {"labels", "predictions"}:
        labels, predictions = (a, b) if role_a == "labels" else (b, a)
        found = ShapePair(
            labels, predictions, roles="labels", names=("labels", "predictions"), loss=kind
        )
    elif "expected" in (role_a, role_b) and role_a != role_b:
        given, expected = (b, a) if role_a == "expected" else (a, b)
        if _mentions_targets(text):
            # targets checked against what the output gives (the batch axis left out of both,
            # unless the expected shape names it as None)
            if expected[:1] != (None,) and len(given) == len(expected):
                given, expected = (None, *given), (None, *expected)
            found = ShapePair(
                given, expected, roles="target", names=("labels", "predictions"), loss=kind
            )
        else:
            found = ShapePair(given, expected, roles="input", names=("input", "expected input"))
    else:
        found = ShapePair(a, b, broadcast=broadcast, loss=kind)
        if found.category in ("output-shape", "target-shape") and not _mentions_labels(around):
            # two shapes of no known roles, in a message of no loss: a model's or layer's
            found = ShapePair(a, b, roles="input", names=("first", "second"), broadcast=broadcast)
    return found if found.verdict else None


def _names_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` contains any of `words` (lower case), whatever the case of its letters."""
    lowered = text.lower()
    return any(word in lowered for word in words)


def _mentions_targets(text: str) -> bool:
    return _names_any(text, _TARGET_WORDS)


_LOSS_CONTEXT = ("label", "target", "logit", "loss", "y_true", "y_pred", "predict", "entropy")


def _mentions_labels(text: str) -> bool:
    return _names_any(text, _LOSS_CONTEXT)


# --- what the words around the values say ------------------------------------------------
#
# A message of a family no exact reader knows still says what was compared: numbers of
# samples, numbers of axes, a reshape's sizes, a window, saved weights. These readers decide
# the category from those words and the values next to them, whatever the wording.

_COUNT_WORDS = ("samples", "cardinality", "sizes", "number of examples", "same first dimension")
_COUNTS = Lazy(r"(?<![\w.\[(,])(\d{1,15})(?![\w.\])]|, ?\d)")


def sample_counts(text: str, context: Context) -> Finding | None:
    """Inputs and targets (or two arrays) with different numbers of examples: two different
    counts next to words of samples, sizes or cardinality, and no shape between them."""
    tail = text[-2000:]
    if not _names_any(tail, _COUNT_WORDS):
        return None
    if shapes_in(tail, limit=2):
        return None  # shapes: the shape reader judges them
    counts = [int(m.group(1)) for m in _COUNTS.finditer(tail)][:8]
    distinct = sorted(set(counts), key=counts.index)
    if len(distinct) >= 2:
        return SampleCount(distinct[0], distinct[1])
    return None


# "expected ndim=4, found ndim=3", "rank 2 but is rank 3", "to have 4 dimensions, but got
# array with shape (8, 1)", Theano's "Wrong number of dimensions: expected 3, got 2",
# "Rank of labels (received 2) should equal rank of logits minus 1"
_NDIMS = Lazy(
    r"(?i)\b(?:min_|max_)?ndim ?= ?(?P<a>\d{1,2})\b[^\n]{0,60}?\bndim ?= ?(?P<b>\d{1,2})\b"
    r"|\brank (?P<c>\d{1,2})\b[^\n]{0,40}?\brank (?P<d>\d{1,2})\b"
    r"|\b(?:have|has|of|with|be) (?P<e>\d{1,2}) (?:dimensions|dims|axes)\b"
    r"|\b(?P<f>\d{1,2})-?D (?:tensor|input|array)s? (?:but|, got|expected)"
    r"|\bdimensions: expected (?P<g>\d{1,2}), got (?P<h>\d{1,2})\b"
)
_TARGET_WORDS = ("target", "label", "y_true")


def rank_words(text: str, context: Context) -> Finding | None:
    """A rank that does not fit, named in words: an input of another rank (the models), or
    targets of another rank than the output (the labels, or a map where one value is meant)."""
    tail = text[-3000:]
    if "dim" not in tail and "rank" not in tail.lower() and "D " not in tail:
        return None
    match = _NDIMS.search(tail)
    if match is None:
        return None
    shapes = shapes_in(tail[match.start() :], limit=1)
    shape = shapes[0][1] if shapes else None
    got: int | None
    if match.group("a"):
        expected, got = int(match.group("a")), int(match.group("b"))
    elif match.group("c"):
        expected, got = int(match.group("c")), int(match.group("d"))
    elif match.group("g"):  # Theano: "Wrong number of dimensions: expected 3, got 2 with shape"
        expected, got = int(match.group("g")), int(match.group("h"))
    else:
        expected = int(match.group("e") or match.group("f"))
        got = len(shape) if shape is not None else None
    if expected == got:
        return None
    role = "target" if _mentions_targets(tail) else "input"
    return RankMismatch(expected, got, shape=shape, role=role)  # type: ignore[arg-type]


_RESHAPE_SIZES = Lazy(
    r"(?i)reshape[^\n]{0,80}?\b(?P<have>\d{1,19}) (?:values|elements)[^\n]{0,120}?"
    r"\b(?P<want>\d{1,19})\b"
)


def reshape_words(text: str, context: Context) -> Finding | None:
    """A reshape of a tensor of one number of values into a shape of another."""
    tail = text[-3000:]
    if "eshape" not in tail:
        return None
    match = _RESHAPE_SIZES.search(tail)
    if match is not None:
        return ReshapeMismatch(int(match.group("have")), int(match.group("want")))
    if "total size" in tail or "must be unchanged" in tail:
        return ReshapeMismatch(None, None)
    return None


# ... and a layer's weights built on a feature map that shrank to nothing: TF 1.x's
# "The specified size contains a dimension with value <= 0" (random_uniform of a kernel)
_WINDOW = Lazy(
    r"(?i)negative dimension size|output size (?:would be|is) (?:zero or )?negative"
    r"|(?:kernel|filter|window|pool)[^\n]{0,40}?(?:larger|bigger) than"
    r"|specified size contains a dimension with value <= 0"
)


def window_words(text: str, context: Context) -> Finding | None:
    """A convolution's kernel or a pooling window larger than what it slides over."""
    match = _WINDOW.search(text[-3000:])
    return WindowTooLarge(window="") if match else None


_WEIGHT_WORDS = (
    "assign",
    "restor",
    "checkpoint",
    "share variable",
    "load_weights",
    "weight shape",
    "lhs shape",
    "saved",
)


def weight_words(text: str, context: Context) -> Finding | None:
    """Weights of one shape given to a variable of another: restoring, assigning, sharing."""
    tail = text[-3000:]
    if not _names_any(tail, _WEIGHT_WORDS):
        return None
    shapes = [shape for _, shape in shapes_in(tail, limit=4)]
    if len(shapes) >= 2 and shapes[0] != shapes[1]:
        return WeightShapes(shapes[0], shapes[1])
    return None


# --- an axis read past a tensor's rank -----------------------------------------------------

#: `x.shape[2]`, `x.get_shape()[2]`, `K.int_shape(x)[2]`, `x.shape.as_list()[2]`
_SHAPE_INDEX = Lazy(
    r"(?:\.shape|get_shape\(\)|int_shape\([^()\n]{1,60}\)|as_list\(\))\[(?P<axis>\d)\]"
)


def shape_index(text: str, context: Context) -> Finding | None:
    """Python's "list (or tuple) index out of range" where the code reads an axis of a shape,
    `hidden.shape[2]`: the tensor has fewer axes than the code was written for (a 2-D tensor
    into a layer made for sequences or images)."""
    if context.exc_type != "IndexError" or not any(p in text for p in _PYTHON_INDEX[:2]):
        return None
    # the frames' code, innermost first; then the pasted text (a traceback cut above its
    # first "File" line keeps the learner's line without its frame)
    for code in (*(f.code for f in reversed(context.frames[-8:])), context.message[-3000:]):
        matches = list(_SHAPE_INDEX.finditer(code))
        if matches:
            axis = int(matches[-1].group("axis"))
            return RankMismatch(axis + 1, None, bound="min", unplaced=True)
    return None


# --- a layer's input check, its message cut off -----------------------------------------------


def input_check(text: str, context: Context) -> Finding | None:
    """A traceback through Keras's `assert_input_compatibility` whose message did not come
    with it (a paste cut short): a layer got an input it was not built for."""
    # the frames as parsed, or the name as written (a notebook's traceback that the frame
    # parser does not read)
    if any(frame.func == "assert_input_compatibility" for frame in context.frames[-12:]) or (
        "in assert_input_compatibility" in context.message[-4000:]
    ):
        return LayerInputCheck(context.layer)
    return None


# --- two sizes of one axis ------------------------------------------------------------------

# TensorShape.merge_with / Dimension.assert_is_compatible_with: "Dimensions 1 and 9 are not
# compatible"
_AXIS_SIZES = Lazy(r"\bDimensions? (?P<a>\d{1,9}) and (?P<b>\d{1,9}) are not compatible")


def axis_sizes(text: str, context: Context) -> Finding | None:
    match = _AXIS_SIZES.search(text[-4000:])
    if match is None:
        return None
    return AxisSizes(int(match.group("a")), int(match.group("b")))


# --- channels named in words ---------------------------------------------------------------

# "assertion failed: [image does not have 3 channels]" (pix2pix-tensorflow's loader), "input
# must have 3 channels but instead has 1 channels": a count of channels, with words that say
# it does not fit
_CHANNELS = Lazy(r"(?i)\b(?P<n>\d{1,6})[ -]channels?\b|\bchannels?\b")
_DOES_NOT_FIT = Lazy(
    r"(?i)\b(?:does not|doesn't|do not|must|should|expected|expects|mismatch|not match|"
    r"instead|but (?:got|is|has|received|found))\b|!="
)


def channel_words(text: str, context: Context) -> Finding | None:
    """Images of another number of channels than something expects, said in words (its last
    line); the count written first is the one expected."""
    line = text.strip().splitlines()[-1][-600:] if text.strip() else ""
    named = list(_CHANNELS.finditer(line))
    if not named or not _DOES_NOT_FIT.search(line):
        return None
    counts = [int(m.group("n")) for m in named if m.group("n")]
    expected = counts[0] if counts else None
    got = counts[1] if len(counts) > 1 and counts[1] != expected else None
    return FeatureMismatch(expected, got, shape=(None, None, None, got), layer="", words=True)


# --- shape arithmetic with floats -----------------------------------------------------------

_FLOAT_SIZE = Lazy(
    r"'float' object cannot be interpreted as an integer|slice indices must be integers"
    r"|got value '?\d{1,12}\.\d{1,12}'? with type '?<class 'float'>"
    r"|Expected int32, got \d{1,12}\.\d{1,12} of type 'float' instead"
)


def crop_words(text: str, context: Context) -> Finding | None:
    """A crop larger than the image it cuts, in any library's words."""
    return CropTooLarge(side="", by="") if _CROP_WORDS.search(text[-3000:]) else None


def float_size(text: str, context: Context) -> Finding | None:
    match = _FLOAT_SIZE.search(text[-4000:])
    return FloatDimension() if match else None


READERS = (
    fit_check_without_prefix,
    shape_index,
    axis_sizes,
    input_check,
    index_range,
    non_finite,
    gradients,
    float_size,
    dtype_clash,
    weight_words,
    window_words,
    crop_words,
    reshape_words,
    rank_words,
    sample_counts,
    shape_pair,
    channel_words,
)
