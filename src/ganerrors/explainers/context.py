"""What a reader gets to look at: the error's message, its type, and where it happened.

`Context.of(error)` accepts an exception object, a message, a whole pasted traceback (str or
bytes) or anything else, and never raises. Huge text is cut to its head and tail, so the work
per error stays bounded whatever is pasted; the text is then normalised (`normalise.py`).
"""

from __future__ import annotations

import linecache
import re
import traceback
from dataclasses import dataclass, field
from functools import cached_property

from ganerrors.explainers.normalise import message_lines, normalise, plain
from ganerrors.explainers.parsing import Lazy, anchored

#: Text longer than HEAD + TAIL characters keeps only its first HEAD and last TAIL characters:
#: the exception line of a traceback is at its end, the op and first frames near its start.
HEAD = 8 * 1024
TAIL = 56 * 1024
#: Notes that ganerrors added itself start with this; they are never read back as evidence.
NOTE_MARK = "ganerrors:"
#: At most this many frames are read from a text or an exception.
MAX_FRAMES = 200

_ANSI = re.compile(r"\x1b\[[0-9;?]{0,20}[A-Za-z]")
# `File "path", line 12, in name` (Python, TF's "in user code" and "defined at" frames)
_FRAME = Lazy(r'File "(?P<path>[^"\n]{1,500})", line (?P<line>\d{1,9}), in (?P<func>[^\s*]{1,200})')
# IPython's and Jupyter's frames, each followed by its lines of code, the one that ran behind
# an arrow ("----> 12     images, labels = data"): "Cell In[3], line 12" (a notebook's cell),
# "File ~/gan.py:12, in train_step(data)" (IPython 8), "<ipython-input-3-5f2c> in step(data)"
# and "/usr/lib/python3/dist-packages/x.py in fit(self, x)" (IPython 7, Colab)
_IPYTHON_FRAME = Lazy(
    r"^(?:Cell (?P<cell>In ?\[\d{1,6}\]), line (?P<cell_line>\d{1,9})"
    r"|File (?P<path>[^\n\"]{1,500}?):(?P<line>\d{1,9}), in (?P<func>[\w<>.]{1,200})\("
    r"|(?P<old>(?:<ipython-input-[\w-]{1,80}>|[^\s\"]{1,500}\.py)) "
    r"in (?P<old_func>[\w<>.]{1,200})\()",
    re.M,
)
_ARROW = Lazy(r"^-{1,8}> ?(?P<line>\d{1,9}) (?P<code>[^\n]{0,500})$", re.M)
# a line that starts with a dotted name and a colon: `tensorflow...InvalidArgumentError: ...`
# (the name's ending is in the pattern, so that a text of many one-word lines is not a
# match per line for `exception_lines` to look at)
_EXC_LINE = Lazy(
    r"^[ \t]{0,40}(?P<name>[A-Za-z_][\w.]{0,300}(?:Error|Exception|Exit|Interrupt|Warning))"
    r"(?: \(see above for traceback\))?(?::|[ \t]*$)",
    re.M,
)
_EXC_NAME = Lazy(r"[A-Z]\w{0,100}(?:Error|Exception|Exit|Interrupt|Warning)")
_OP = Lazy(
    r"\[Op:(?P<op>\w{1,100})\]|\{\{node (?P<node>[^}\s]{1,300})\}\}|'(?P<graph_op>\w{1,100})' Op"
    r"|\[\[Node: (?P<tf1_node>[^\s=]{1,300}) = "  # TF 1: "[[Node: loss/Sub = Sub[T=DT_FLOAT]..."
)
_LAYER = Lazy(
    r"""\blayer:? ["']?(?!(?:is|the|expected|with|requires)\b)(?P<layer>[\w./-]{1,200}?)["']?"""
    r"""(?: \(type \w{1,100}\))?[ :,.]"""
)
_CALLING = Lazy(r"calling (?P<cls>\w{1,100})\.call\(\)")
# library code: a frame in one of these is not the learner's own
_LIBRARY = Lazy(
    r"[/\\](?:site|dist)-packages[/\\]|[/\\]lib[/\\]python\d|<frozen |tensorflow[/\\]python"
)


@dataclass(frozen=True)
class Frame:
    path: str
    line: int
    func: str
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}, in {self.func}"
        return f"{where}: {self.code}" if self.code else where


@dataclass(frozen=True)
class Context:
    """Everything known about one error, all of it plain text.

    What only some readers need (the op, the layer, the frames of a pasted traceback, the last
    exception's message) is read from the text on first use, so that a message that an exact
    reader recognises costs no more than that reader.
    """

    message: str  # the normalised text: the error's message (plus causes and notes), or a paste
    raw: str = field(default="", repr=False)  # the same before normalising (node blocks kept)
    given_type: str = ""  # the exception's type, when an exception was given
    given_frames: tuple[Frame, ...] = field(default=(), repr=False)  # from its traceback

    @cached_property
    def op(self) -> str:
        """The TensorFlow op or graph node the message names ("Sub", "loss/mul")."""
        return _op_in(self.raw or self.message)

    @cached_property
    def layer(self) -> str:
        """The Keras layer named in the message, if any."""
        return _layer_in(self.raw or self.message)

    @cached_property
    def frames(self) -> tuple[Frame, ...]:
        """The frames of the traceback, outermost first, then those written in the message."""
        return self.given_frames + tuple(
            _frames_in(self.raw or self.message, read=bool(self.given_type))
        )

    def code(self, last: int) -> str:
        """The function names and code lines of the traceback's `last` innermost frames, as
        one text: where readers look for what the learner's code did (`grads`, `.shape[0]`)."""
        return " ".join(f"{frame.func} {frame.code}" for frame in self.frames[-last:])

    @cached_property
    def _last(self) -> tuple[str, str]:
        lines = exception_lines(self.message)
        if not lines:
            return "", message_lines(self.message)
        position, name = lines[-1]
        return name, message_lines(self.message[position:])

    @property
    def exc_type(self) -> str:
        """ "InvalidArgumentError", "ValueError", ... or "" when unknown."""
        return self.given_type or self._last[0]

    @property
    def last_error(self) -> str:
        """The message of the last exception in the text, without traceback frames."""
        return self._last[1]

    @property
    def user_frame(self) -> Frame | None:
        """The innermost frame of the learner's own code (not TensorFlow's, Keras' or pytest's)."""
        for frame in reversed(self.frames):
            if not _LIBRARY.search(frame.path) and "pytest" not in frame.path:
                return frame
        return None

    @classmethod
    def of(cls, error: object) -> Context | None:
        """Build the context of an exception or a text; None when there is nothing to read."""
        if isinstance(error, BaseException):
            return _of_exception(error)
        if isinstance(error, (bytes, bytearray, memoryview)):
            error = _cut(bytes(error)).decode("utf-8", errors="replace")
        if not isinstance(error, str):
            return None
        return _of_text(error)


def _cut(text):  # str or bytes
    if len(text) <= HEAD + TAIL:
        return text
    return text[:HEAD] + text[-TAIL:]


def _op_in(text: str) -> str:
    if "Op" not in text and "{{node" not in text and "[[Node: " not in text:
        return ""
    for match in _OP.finditer(text):
        name = (
            match.group("op")
            or match.group("graph_op")
            or match.group("node")
            or match.group("tf1_node")
            or ""
        )
        if name and not name.startswith("__inference"):
            return name
    return ""


def _layer_in(text: str) -> str:
    """The last layer the text names ("layer 'dense_2'", "calling Sequential.call()")."""
    best, best_at = "", -1
    for match in anchored(_LAYER, text, "layer", after=260):
        name = match.group("layer")
        if name and name != "None":
            best, best_at = name, match.start()
            break
    for match in anchored(_CALLING, text, "calling ", after=120):
        if match.start() > best_at:
            best = match.group("cls")
        break
    return best


def exception_lines(text: str) -> list[tuple[int, str]]:
    """(position, exception type) of the lines that start with `SomeError:`, in order."""
    found = []
    for match in _EXC_LINE.finditer(text):
        name = match.group("name").rsplit(".", 1)[-1]
        if _EXC_NAME.fullmatch(name):
            found.append((match.start(), name))
    return found


def _frames_in(text: str, read: bool = False) -> list[Frame]:
    """The frames written in a text. With `read`, a frame without its code line gets it from
    the file (TensorFlow writes "in user code" frames of this machine without their code)."""
    frames: list[Frame] = []
    if "> " in text and ("Cell In" in text or " in " in text):
        frames = _ipython_frames(text)
    if 'File "' not in text:
        return frames
    for match in _FRAME.finditer(text):
        rest = text[match.end() : match.end() + 400].split("\n", 2)
        code = rest[1].strip() if len(rest) > 1 else ""
        if code.startswith("File ") or code.endswith(":") and "Error" in code:
            code = ""
        path, line = match.group("path"), int(match.group("line"))
        if read and not code:
            try:
                code = linecache.getline(path, line).strip()
            except Exception:
                code = ""
        frames.append(Frame(path, line, match.group("func"), code))
        if len(frames) >= MAX_FRAMES:
            break
    return frames


def _ipython_frames(text: str) -> list[Frame]:
    """The frames of an IPython or Jupyter traceback, each with the line that ran (the one
    behind the arrow, among the next few lines)."""
    frames: list[Frame] = []
    for match in _IPYTHON_FRAME.finditer(text):
        arrow = _ARROW.search(text, match.end(), match.end() + 1500)
        if arrow is None:
            continue
        if match.group("cell"):
            path, func = f"Cell {match.group('cell')}", "<cell>"
        elif match.group("path"):
            path, func = match.group("path"), match.group("func")
        else:
            path, func = match.group("old"), match.group("old_func")
        frames.append(Frame(path, int(arrow.group("line")), func, arrow.group("code").strip()))
        if len(frames) >= MAX_FRAMES:
            break
    return frames


def _of_text(text: str) -> Context | None:
    text = plain(_cut(text))
    if not text.strip():
        return None
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    return Context(message=normalise(text), raw=text)


def _safe_str(exc: BaseException) -> str:
    try:
        text = str(exc)
    except BaseException:  # a broken __str__ (even one raising KeyboardInterrupt) is no text
        return ""
    return text if isinstance(text, str) else ""


def _of_exception(exc: BaseException) -> Context | None:
    parts = [_cut(_safe_str(exc))]
    notes = getattr(exc, "__notes__", None)
    if isinstance(notes, (list, tuple)):
        parts.extend(
            _cut(n) for n in notes[:20] if isinstance(n, str) and not n.startswith(NOTE_MARK)
        )
    # A Keras error re-raised by its traceback filter, or a TF op error, keeps the original
    # exception as its cause or context; its message can say more (the op, the node).
    seen = {id(exc)}
    inner = exc.__cause__ or exc.__context__
    while inner is not None and id(inner) not in seen and len(seen) < 5:
        seen.add(id(inner))
        text = _cut(_safe_str(inner))
        if text and text not in parts[0]:
            parts.append(text)
        inner = inner.__cause__ or inner.__context__
    message = _cut("\n".join(p for p in parts if p))
    if "\x1b" in message:
        message = _ANSI.sub("", message)
    try:
        summary = traceback.extract_tb(exc.__traceback__, limit=MAX_FRAMES)
        frames = [Frame(f.filename, f.lineno or 0, f.name, (f.line or "").strip()) for f in summary]
    except Exception:
        frames = []
    return Context(
        message=normalise(message),
        raw=message,
        given_type=type(exc).__name__,
        given_frames=tuple(frames),
    )
