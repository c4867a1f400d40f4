"""Readers of numerical errors: NaN and Inf found by check_numerics, by a TensorBoard summary,
or by Keras' TerminateOnNaN."""

from __future__ import annotations

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import Finding, LogitsMismatch, NonFinite
from ganerrors.explainers.parsing import Lazy, anchored, reads

# "discriminator loss : Tensor had NaN values" (also "Inf values", "Inf and NaN values");
# the label before it is read by `_label_before`, not by the pattern.
CHECK_NUMERICS = Lazy(r"Tensor had (?P<what>[-+]?Inf and NaN|NaN|[-+]?Inf) values")
# TF 1.x summaries: "Nan in summary histogram for: discriminator/dense/kernel_0"
SUMMARY = Lazy(r"(?P<what>Nan|Inf) in summary histogram(?: for:? ?(?P<label>[^\s]{0,300}))?")
# NumPy: "RuntimeWarning: invalid value encountered in log1p", "divide by zero encountered
# in log", "overflow encountered in exp"
NUMPY = Lazy(
    r"(?:(?:RuntimeWarning|FloatingPointError): )?(?P<what>invalid value|divide by zero|overflow)"
    r" encountered in (?P<function>\w{1,60})"
)
# Keras: "sparse_categorical_crossentropy received from_logits=True, but the output argument
# was produced by a sigmoid or softmax activation and thus does not represent logits."
FROM_LOGITS = Lazy(
    r"(?P<loss>\w{1,60}) received from_logits=True, but the output argument was produced by "
    r"an? (?P<activation>[\w ]{1,40}?) activation"
)
# Keras TerminateOnNaN: "Batch 3: Invalid loss, terminating training"
TERMINATE = Lazy(r"Batch \d{1,12}: Invalid loss, terminating training")
# tf.estimator: "NaN loss during training."
NAN_LOSS = Lazy(r"NaN loss during training")
# metrics and losses that take probabilities: "assertion failed: [predictions must be >= 0]",
# "[predictions must be <= 1]"
PROBABILITIES = Lazy(r"predictions must be (?:>= 0|<= 1|in \[0, ?1\])")
# the values the assertion printed: "x (ArgMax:0) = ] [119 119 119...]", whole class numbers
_CLASS_IDS = Lazy(
    r"x \((?P<name>[^)\n]{1,200}):\d{1,3}\) = \] \[(?P<values>[\d ]{1,200})(?:\.\.\.)?\]"
)
# tf.debugging.enable_check_numerics: "!!! Detected Infinity or NaN in output 0 of graph op
# "ReadVariableOp" (# of outputs: 1) !!!" (also "eagerly-executing op")
DETECTED = Lazy(
    r"Detected Infinity or NaN in output \d{1,4} of (?:graph|eagerly-executing) op "
    r"\"(?P<op>[\w.]{1,100})\""
)
# scikit-learn's input checks (metrics, FID/IS helpers): "Input contains NaN, infinity or a value
# too large for dtype('float32').", "Input X contains NaN.", "Input y contains infinity"
SKLEARN = Lazy(
    r"Input (?:\w{1,20} )?contains (?P<what>NaN|infinity)"
    r"|array must not contain (?P<scipy>infs or NaNs)"  # SciPy (sqrtm in FID, linalg)
)
# the TF 1 CIFAR-10 tutorial's check, copied into many training loops: "AssertionError: Model
# diverged with loss = NaN"; clip_by_global_norm: "Found Inf or NaN global norm."
DIVERGED = Lazy(r"Model diverged with loss = NaN|Found Inf or NaN global norm")
# a matrix that a factorisation or an inverse cannot take (not positive definite, singular):
# TF 1.x and early 2.x raised "Cholesky decomposition was not successful. The input might not
# be valid."; TF 2.21 on CPU logs "Cholesky decomposition was not successful. Eigen::LLT failed
# with error code 1. Filling lower-triangular output with NaNs." and goes on; MatrixInverse
# raises "Input is not invertible."
MATRIX = Lazy(
    r"(?P<op>Cholesky) decomposition was not successful"
    r"|Input is not invertible\."
)
_LABEL_STOPS = "\n{}[]<>:"
_TENSOR_NAME = Lazy(r"(?:^|[\s'\"])([\w./-]{1,200}:\d{1,4})\s*$")


def _label_before(text: str, at: int) -> str:
    """The name a check_numerics call gave: "discriminator loss : Tensor had NaN values"."""
    before = text[max(0, at - 250) : at].rstrip()
    if not before.endswith(":"):
        return ""
    before = before[:-1]
    tensor = _TENSOR_NAME.search(before)  # add_check_numerics_ops: "Log:0 : Tensor had ..."
    if tensor:
        return tensor.group(1)
    cut = max(before.rfind(stop) for stop in _LABEL_STOPS)
    return before[cut + 1 :].strip(" ,")


@reads("Tensor had ")
def check_numerics(text: str, context: Context) -> Finding | None:
    for match in anchored(CHECK_NUMERICS, text, "Tensor had ", after=40):
        return NonFinite(match.group("what"), _label_before(text, match.start()))
    return None


@reads("Detected Infinity or NaN in output")
def detected(text: str, context: Context) -> Finding | None:
    for match in anchored(DETECTED, text, "Detected Infinity or NaN in output"):
        return NonFinite("NaN or Inf", f"the output of {match.group('op')}")
    return None


@reads(" contains NaN", " contains infinity", "must not contain infs or NaNs")
def data_check(text: str, context: Context) -> Finding | None:
    for anchor in ("contains NaN", "contains infinity", "must not contain infs"):
        for match in anchored(SKLEARN, text, anchor, before=40, after=30):
            what = "NaN" if match.group("what") == "NaN" else "NaN or Inf"
            return NonFinite(what, "", "data")
    return None


@reads("Model diverged with loss = NaN", "Found Inf or NaN global norm")
def diverged(text: str, context: Context) -> Finding | None:
    for anchor in ("Model diverged with loss = NaN", "Found Inf or NaN global norm"):
        for match in anchored(DIVERGED, text, anchor, after=40):
            label = "the loss" if "loss" in match.group(0) else "the gradients' global norm"
            return NonFinite("NaN", label, "loss")
    return None


@reads(" in summary histogram")
def summary(text: str, context: Context) -> Finding | None:
    for match in anchored(SUMMARY, text, " in summary histogram", before=3, after=340):
        what = "NaN" if match.group("what") == "Nan" else "Inf"
        return NonFinite(what, match.group("label") or "", "summary")
    return None


@reads("Invalid loss, terminating training")
def terminate_on_nan(text: str, context: Context) -> Finding | None:
    for _ in anchored(TERMINATE, text, "Invalid loss, terminating training", before=30):
        return NonFinite("NaN or Inf", "the loss", "loss")
    return None


@reads(" encountered in ")
def numpy_warning(text: str, context: Context) -> Finding | None:
    for match in anchored(NUMPY, text, " encountered in ", before=60, after=80):
        what = {"invalid value": "NaN", "divide by zero": "Inf", "overflow": "Inf"}
        return NonFinite(what[match.group("what")], match.group("function"), "numpy")
    return None


@reads("received from_logits=True")
def from_logits(text: str, context: Context) -> Finding | None:
    for match in anchored(FROM_LOGITS, text, "received from_logits=True", before=70, after=160):
        return LogitsMismatch(match.group("loss"), match.group("activation"))
    return None


@reads("NaN loss during training")
def nan_loss(text: str, context: Context) -> Finding | None:
    for _ in anchored(NAN_LOSS, text, "NaN loss during training"):
        return NonFinite("NaN", "the loss", "loss")
    return None


@reads("decomposition was not successful", "Input is not invertible")
def matrix(text: str, context: Context) -> Finding | None:
    for anchor in ("decomposition was not successful", "Input is not invertible"):
        for match in anchored(MATRIX, text, anchor, before=20, after=40):
            op = "Cholesky" if match.group("op") else "MatrixInverse"
            return NonFinite("NaN", op, "matrix")
    return None


@reads("predictions must be ")
def probabilities(text: str, context: Context) -> Finding | None:
    for match in anchored(PROBABILITIES, text, "predictions must be "):
        ids = _CLASS_IDS.search(text, match.end(), match.end() + 400)
        if ids is not None and (
            "ArgMax" in ids.group("name") or any(int(v) > 1 for v in ids.group("values").split())
        ):
            return LogitsMismatch(expects="class-ids")
        return LogitsMismatch(expects="probabilities")
    return None


READERS = (
    check_numerics,
    detected,
    data_check,
    diverged,
    summary,
    terminate_on_nan,
    numpy_warning,
    from_logits,
    nan_loss,
    probabilities,
    matrix,
)
