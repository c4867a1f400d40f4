"""Readers of gradient errors: the optimizer got None for every variable, or for some."""

from __future__ import annotations

import re

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import Finding, MissingGradients
from ganerrors.explainers.parsing import Lazy, anchored, reads

# Keras 3: "No gradients provided for any variable."
# TF 1.x / Keras 2: "No gradients provided for any variable: ['dense/kernel:0', ...]"
NO_GRADIENTS = Lazy(
    r"No gradients provided for any variable(?::\s{0,8}[\[(](?P<variables>[^\]\n]{0,2000}))?"
)
_VARIABLE = Lazy(r"""['"](?:<tf\.Variable ')?(?P<name>[\w/.:-]{1,200})""")
# TF 1.x: "An operation has `None` for gradient. Please make sure that all of your ops have a
# gradient defined (i.e. are differentiable)."
NONE_FOR_GRADIENT = Lazy(r"has None for gradient")
_TENSOR_AS_VARIABLE = Lazy(r"Variable Tensor\(\"[^\"\n]{1,200}\", shape=[^\n]{0,200}\)\s{0,4}$")
# an op without a gradient function: "LookupError: No gradient defined for operation
# 'generator/Round' (op type: Round)"
NOT_DEFINED = Lazy(
    r"No gradient defined for operation '?(?P<op>[^'\n]{1,300})'?"
    r"(?: \(op type: (?P<type>\w{1,100}))?"
)
# Keras 2 warning: "Gradients do not exist for variables ['dense/kernel:0'] when minimizing
# the loss."
DO_NOT_EXIST = Lazy(r"Gradients do(?:es)? not exist for variables? (?P<variables>.{0,2000})", re.S)
# `grads, variables = zip(*optimizer.compute_gradients(...))` on an empty list
UNPACK = Lazy(r"not enough values to unpack \(expected 2, got 0\)")
# an op whose gradient is not registered: "LookupError: gradient registry has no entry for: Round"
NO_ENTRY = Lazy(r"gradient registry has no entry for:? ?(?P<op>\w{1,100})")
# one tape asked twice (the generator's and the discriminator's gradients): "A non-persistent
# GradientTape can only be used to compute one set of gradients (or jacobians)"
NON_PERSISTENT = Lazy(
    r"A non-persistent GradientTape can only be used to compute one set of"
    r"|GradientTape\.gradient can only be called once on non-persistent tapes"
)
# TF 2 warns and returns None: "The dtype of the target tensor must be floating (e.g.
# tf.float32) when calling GradientTape.gradient, got tf.int32" (also "the source tensor")
INTEGER_TAPE = Lazy(
    r"The dtype of the (?:target|source) tensor must be floating \(e\.g\. tf\.float32\) when "
    r"calling GradientTape\.gradient, got (?P<dtype>[\w.]{1,30})"
)
# TF 1's control flow (control_flow_grad.py): the gradient of a gradient through a while loop
# (an RNN, tf.map_fn or tf.scan in a model whose loss holds a gradient: WGAN-GP's penalty)
SECOND_ORDER_LOOP = Lazy(r"Second-order gradient for while loops not supported")
# TF 1 optimizers: "No variables to optimize." (an empty var_list)
NO_VARIABLES = Lazy(r"No variables to optimize")
# clip_by_global_norm / clip_by_norm / clip_by_value of a None gradient: "Tried to convert
# 't_list' to a tensor and failed. Error: None values not supported."
CLIP_NONE = Lazy(r"Tried to convert '(?:t_list|t)' to a tensor and failed\. Error: None values")
_GRADIENT_CODE = ("grads_and_vars", "apply_gradients", "compute_gradients", "gradient")
# one optimizer for two models: Keras 3 "Unknown variable: <Variable path=...>. This optimizer
# can only be called for the variables it was originally built with."; tf.keras 2.11-2.15
# "The optimizer cannot recognize variable dense_1/kernel:0. This usually means you are trying
# to call the optimizer to update different parts of the model separately."
SHARED_OPTIMIZER = Lazy(
    r"This optimizer can only be called for the variables it was originally built with"
    r"|The optimizer cannot recognize variable"
)
#: an update that meets a gradient of another shape than its variable
_SHAPE_CLASH = ("Incompatible shapes", "Dimensions must be equal", "must have the same shape")


def _names(text: str) -> tuple[str, ...]:
    return tuple(m.group("name") for m in _VARIABLE.finditer(text[:2000]))


#: ops that have a gradient in every TensorFlow that has them: "No gradient defined" for one
#: of these means a graph or a module made by another TensorFlow than the one running it (TF
#: 1.14 loading a TF 1.15 module's AddV2), not a flat step in the model
DIFFERENTIABLE = frozenset(
    {
        "Add", "AddV2", "AddN", "Sub", "Mul", "RealDiv", "Neg", "Square", "Sqrt", "Rsqrt",
        "Exp", "Log", "MatMul", "BatchMatMul", "BatchMatMulV2", "BiasAdd", "Conv2D",
        "Conv2DBackpropInput", "DepthwiseConv2dNative", "Relu", "Relu6", "LeakyRelu", "Elu",
        "Selu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Softplus", "Reshape", "Transpose",
        "ConcatV2", "Pack", "Mean", "Sum", "Pad", "MaxPool", "AvgPool", "FusedBatchNorm",
        "FusedBatchNormV2", "FusedBatchNormV3", "Identity", "StridedSlice", "Tile", "Cast",
        "Maximum", "Minimum", "Slice", "ExpandDims", "Squeeze", "Select", "SelectV2",
        "GatherV2", "Abs", "Pow", "SquaredDifference", "ResizeBilinear",
        "ResizeNearestNeighbor", "Conv3D", "Einsum", "Erf", "Sin", "Cos", "Cumsum",
    }
)  # fmt: skip


def _no_gradient(op: str) -> MissingGradients:
    if op.rsplit("/", 1)[-1] in DIFFERENTIABLE:
        return MissingGradients((op,), how="registry-mismatch")
    return MissingGradients((op,), how="no-gradient-op")


@reads(
    "No gradients provided for any variable",
    "has None for gradient",
    "No gradient defined for operation",
    " not exist for variable",
)
def no_gradients(text: str, context: Context) -> Finding | None:
    for match in anchored(NO_GRADIENTS, text, "No gradients provided for any variable"):
        return MissingGradients(_names(match.group("variables") or ""))
    for match in anchored(NONE_FOR_GRADIENT, text, "has None for gradient", before=300):
        # 'Variable Tensor("Neg:0", shape=(), dtype=float32) has None for gradient': what was
        # given as a variable is a tensor an op computed (a loss in the variables' place)
        if _TENSOR_AS_VARIABLE.search(text, max(0, match.start() - 300), match.start()):
            return MissingGradients(how="not-a-variable")
        return MissingGradients(how="none-values")
    for match in anchored(NOT_DEFINED, text, "No gradient defined for operation"):
        return _no_gradient(match.group("type") or match.group("op"))
    for match in anchored(DO_NOT_EXIST, text, " not exist for variable", before=20, after=2100):
        variables = match.group("variables").split("when minimizing")[0]
        return MissingGradients(_names(variables), how="none-values")
    return None


@reads(
    "gradient registry has no entry for",
    "non-persistent",
    "when calling GradientTape.gradient, got",
)
def registry(text: str, context: Context) -> Finding | None:
    for match in anchored(NO_ENTRY, text, "gradient registry has no entry for", after=140):
        return _no_gradient(match.group("op"))
    for _ in anchored(NON_PERSISTENT, text, "non-persistent", before=90, after=80):
        return MissingGradients(how="tape-reused")
    for _ in anchored(INTEGER_TAPE, text, "when calling GradientTape.gradient, got", before=120):
        return MissingGradients(how="none-values")
    return None


@reads("Second-order gradient for while loops")
def second_order(text: str, context: Context) -> Finding | None:
    for _ in anchored(SECOND_ORDER_LOOP, text, "Second-order gradient for while loops"):
        return MissingGradients(how="second-order-loop")
    return None


@reads("No variables to optimize", "to a tensor and failed. Error: None values")
def no_variables(text: str, context: Context) -> Finding | None:
    for _ in anchored(NO_VARIABLES, text, "No variables to optimize"):
        return MissingGradients(how="no-variables")
    for _ in anchored(CLIP_NONE, text, "to a tensor and failed. Error: None values", before=60):
        return MissingGradients(how="none-values")
    return None


@reads("not enough values to unpack (expected 2, got 0)")
def empty_pairs(text: str, context: Context) -> Finding | None:
    """Unpacking an empty list of (gradient, variable) pairs: known by the code around it."""
    for _ in anchored(UNPACK, text, "not enough values to unpack (expected 2, got 0)"):
        code = context.code(4)
        if any(word in code for word in _GRADIENT_CODE):
            return MissingGradients(how="empty-pairs")
    return None


@reads("This optimizer can only be called for the variables", "cannot recognize variable")
def shared_optimizer(text: str, context: Context) -> Finding | None:
    """One optimizer instance used for the generator and the discriminator."""
    for _ in anchored(SHARED_OPTIMIZER, text, "ariable", before=120, after=120):
        return MissingGradients(how="shared-optimizer")
    return None


@reads(*_SHAPE_CLASH)
def swapped_pairs(text: str, context: Context) -> Finding | None:
    """Shapes that clash inside `apply_gradients`: the gradients zipped with another model's
    variables (the discriminator's gradients for the generator's weights). Known by the
    traceback (the optimizer's `apply_gradients` or the learner's call of it), not by the
    message."""
    frames = context.frames[-40:]
    if any(f.func == "apply_gradients" or "apply_gradients(" in f.code for f in frames):
        return MissingGradients(how="swapped-pairs")
    if _OPTIMIZER_NODE.search(text):  # traced: the node is in the optimizer's scope
        return MissingGradients(how="swapped-pairs")
    return None


# a graph node of an optimizer's update: "{{node adam/Sub_2}}" (Keras 3), "{{node Adam/sub_2}}"
# (Keras 2), "{{node adam_30_1/Sub_2}}"
_OPTIMIZER_NODE = Lazy(
    r"\{\{node (?i:adam|adamw|sgd|rmsprop|adagrad|adadelta|nadam|adamax|ftrl|lion)"
    r"(?:_\d{1,4}){0,2}/(?i:sub|mul|add)(?:_\d{1,4})?\}\}"
)


READERS = (
    no_gradients,
    registry,
    no_variables,
    second_order,
    empty_pairs,
    shared_optimizer,
    swapped_pairs,
)
