"""Reading values out of messages: shapes, dtypes, numbers, and where a known phrase sits.

Every pattern here is linear on any input: no nested repeats, every repeat bounded, and the
readers only run a pattern where a cheap substring test (`anchored`) says it can match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

Shape = tuple[int | None, ...]  # None: unknown, written ?, None or -1


class Lazy:
    """A regular expression compiled on first use.

    Most readers never get past their substring anchor, so most patterns are never needed:
    compiling them all at import would cost `ganerrors explain` more than explaining does.
    """

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.compiled.sub(replacement, text)


#: A shape as TensorFlow, Keras and NumPy print it: [16,1], (32, 1), (32,), (?, 1), [None 2 2 1].
#: Matched brackets only, so that a range "[0, 10)" is not read as a shape.
SHAPE = r"(?:\[[^\[\]()\n]{0,200}\]|\([^\[\]()\n]{0,200}\))"
_SHAPE = Lazy(SHAPE)
_DIM_SPLIT = re.compile(r"[,\s]+")
_UNKNOWN_DIMS = ("?", "None", "-1")


def parse_shape(text: str | None) -> Shape | None:
    """`"(32, 1)"` -> (32, 1); `"[?,1]"` -> (None, 1); `"(75L, 3L)"` -> (75, 3); `"()"` -> ();
    unreadable -> None.

    Only ASCII digits count: `[16,²]` and other Unicode digits are not a shape.
    """
    if text is None:
        return None
    inner = text.strip().strip("'\"")[1:-1].strip()
    if not inner:
        return ()
    dims: list[int | None] = []
    for item in _DIM_SPLIT.split(inner):
        if not item:
            continue  # the trailing comma of (32,)
        if item in _UNKNOWN_DIMS:
            dims.append(None)
        elif item[-1:] == "L" and item[:-1].isascii() and item[:-1].isdigit() and len(item) < 20:
            dims.append(int(item[:-1]))  # Python 2 printed NumPy sizes as longs: (75L, 3000L)
        elif item.isascii() and item.isdigit() and len(item) < 19:
            dims.append(int(item))
        else:
            return None
        if len(dims) > 12:
            return None
    return tuple(dims)


_COMPARED = Lazy(r" ?(?:[=!<>]=|[=<>])")


def shapes_in(text: str, limit: int = 12) -> list[tuple[int, Shape]]:
    """The shapes written in free text, with their positions, at most `limit` of them.

    Skips what only looks like a shape: an index (`indices[3]`, `In[0]`, `shape[1] =`), a
    call's empty parentheses, a word in parentheses.
    """
    found: list[tuple[int, Shape]] = []
    for match in _SHAPE.finditer(text):
        start = match.start()
        before = text[start - 1] if start else " "
        opening = text[start]
        if before.isalnum() or before == "_":
            # "indices[3]", "shape[0] = [..]", "call()": an index or a call, not a shape,
            # except "shape[32,64]" and "TensorShape([..])", which TensorFlow writes.
            if not (opening == "[" and text[max(0, start - 5) : start] == "shape"):
                continue
            # "shape[0] = ..", "A.shape[1] != x.shape[0]": Python's indexing of a shape
            if text[max(0, start - 6) : start] == ".shape" or _COMPARED.match(text, match.end()):
                continue
        shape = parse_shape(match.group(0))
        if shape is None or shape == ():
            continue
        found.append((start, shape))
        if len(found) >= limit:
            break
    return found


def shapes_of(match: re.Match[str], a: str, b: str) -> tuple[Shape, Shape] | None:
    """The two shapes a match captured in groups `a` and `b`, or None if one is unreadable."""
    first, second = parse_shape(match.group(a)), parse_shape(match.group(b))
    if first is None or second is None:
        return None
    return first, second


def fmt(shape: Shape | None) -> str:
    """A shape the way Python prints a tuple: (32, 1), (32,), (None, 100)."""
    if shape is None:
        return "(unknown)"
    return repr(tuple(shape))


def differing_axes(a: Shape, b: Shape, broadcast: bool = False) -> list[int]:
    """Axes where two shapes of the same rank are known to differ (1 broadcasts if asked)."""
    axes = []
    for axis, (x, y) in enumerate(zip(a, b, strict=False)):
        if x is None or y is None or x == y:
            continue
        if broadcast and 1 in (x, y):
            continue
        axes.append(axis)
    return axes


def same_batch(a: Shape, b: Shape) -> bool:
    return bool(a) and bool(b) and (a[0] is None or b[0] is None or a[0] == b[0])


def is_score(shape: Shape) -> bool:
    """(batch, 1) or (batch,): one score per example, what a GAN's discriminator gives."""
    return len(shape) == 1 or (len(shape) == 2 and shape[1] == 1)


# --- dtypes -------------------------------------------------------------------------------

#: TensorFlow's kernel names and enum names for dtypes, as its errors print them.
_ALIASES = {
    "float": "float32",
    "double": "float64",
    "half": "float16",
    "int": "int32",
    "long": "int64",
    "DT_FLOAT": "float32",
    "DT_DOUBLE": "float64",
    "DT_HALF": "float16",
    "DT_BFLOAT16": "bfloat16",
    "DT_INT8": "int8",
    "DT_INT16": "int16",
    "DT_INT32": "int32",
    "DT_INT64": "int64",
    "DT_UINT8": "uint8",
    "DT_UINT16": "uint16",
    "DT_BOOL": "bool",
    "DT_STRING": "string",
    "DT_COMPLEX64": "complex64",
}
DTYPES = (
    "float16",
    "bfloat16",
    "float32",
    "float64",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "bool",
    "string",
    "complex64",
    "complex128",
)
INTEGER = ("uint8", "int8", "int16", "int32", "int64", "uint16", "uint32", "uint64", "bool")

#: A dtype written unmistakably: `float32`, `tf.float32`, `np.float64`, `dtype('float64')`,
#: `DT_FLOAT`, `<dtype: 'float32'>`. The kernel names (`float`, `double`) only count in
#: the phrases TensorFlow writes them in ("a float tensor", "of type double").
_DTYPE = Lazy(
    r"(?<![\w.])(?:(?:tf|np|numpy|torch)\.)?(?P<name>b?float(?:16|32|64)|u?int(?:8|16|32|64)"
    r"|complex(?:64|128)|DT_[A-Z0-9]{2,10})(?![\w])"
    r"|(?P<kernel>\b(?:float|double|half|int|long))(?= tensor\b| type\b| values?\b)"
)


def dtype_name(name: str) -> str:
    """The dtype's usual name: "float" -> "float32", "DT_DOUBLE" -> "float64"."""
    return _ALIASES.get(name, name)


def dtypes_in(text: str, limit: int = 8, attributes: bool = True) -> list[str]:
    """The distinct dtypes a text names, in order, at most `limit`. Without `attributes`, a
    node's attribute values (`T=DT_FLOAT, Tshape=DT_INT32` in "Reshape[...]") are left out:
    they are the op's signature (its data and its shape argument), not two tensors that met."""
    found: list[str] = []
    for match in _DTYPE.finditer(text):
        if not attributes and text[max(0, match.start() - 1) : match.start()] == "=":
            continue
        name = dtype_name(match.group("name") or match.group("kernel") or "")
        if name in DTYPES and name not in found:
            found.append(name)
            if len(found) >= limit:
                break
    return found


# --- anchors ------------------------------------------------------------------------------


def reads(*anchors: str) -> Callable[[F], F]:
    """Mark a reader with the substrings its message family contains, at least one of them:
    `explain()` skips the reader, at the cost of an `in` test, where none appears."""

    def mark(func: F) -> F:
        func.anchors = anchors  # type: ignore[attr-defined]
        return func

    return mark


def anchored(
    pattern: Lazy,
    text: str,
    anchor: str,
    before: int = 0,
    after: int = 1500,
    most: int = 8,
) -> Iterator[re.Match[str]]:
    """Matches of `pattern` near the last `most` places where `anchor` occurs, last first.

    The pattern only runs in a window of `before` characters before each anchor and `after`
    characters after it, so a reader costs a substring search plus bounded work per anchor,
    whatever the text.
    """
    end = len(text)
    for _ in range(most):
        at = text.rfind(anchor, 0, end)
        if at < 0:
            return
        match = pattern.search(text, max(0, at - before), min(len(text), at + after))
        if match is not None:
            yield match
        end = at
