"""Showing TensorFlow's messages to a learner: the statement unchanged, the noise folded away.

Two kinds of noise surround the errors of GAN training:

- TensorFlow's C++ log lines (absl format, `W0000 00:00:1795677308.966031  16334
  local_rendezvous.cc:412] Local rendezvous is aborting with status: INVALID_ARGUMENT: ...`),
  written to file descriptor 2 whenever a graph op fails, followed by indented
  `[[{{node ...}}]]` lines. pytest captures them and shows them as "Captured stderr";
  `strip_log_lines` removes them and keeps everything else.
- The "Detected at node ... defined at (most recent call last):" list that TensorFlow puts
  into the message of an op error raised by a tf.function: every frame of the program, pytest's,
  pluggy's and the checker's (ganerrors' own) included, often 40 or more. `fold_frames` keeps
  the learner's own frames and replaces each run of library frames by one line saying how many
  were hidden and where they were. The statement of the error (the last lines) is never
  touched.

Nothing here imports TensorFlow.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

#: An absl log line: severity, date (MMDD), time, thread id, file:line], text.
_LOG_LINE = re.compile(
    r"^[IWEF]\d{4} \d\d:\d\d:\d{2,12}\.\d{1,9} {1,12}\d{1,12} [\w./-]{1,200}:\d{1,9}\] "
)
#: Lines TensorFlow's logger continues a log record with.
_LOG_CONTINUATION = re.compile(r"^\s+\[\[(?:\{\{)?node ")
#: A frame line of a "defined at" list: `  File "path", line 12, in name`.
_FRAME = re.compile(
    r'^(?P<indent>\s*)File "(?P<path>[^"\n]{1,1000})", line \d{1,9}, in [^\n]{1,300}$'
)
_LIBRARY = re.compile(
    r"[/\\](?:site|dist)-packages[/\\]|[/\\]lib[/\\]python\d|^<frozen |[/\\]tensorflow[/\\]python"
)


def strip_log_lines(text: str) -> str:
    """`text` without TensorFlow's C++ log records (each with its continuation lines)."""
    kept: list[str] = []
    in_record = False
    for line in text.splitlines(keepends=True):
        if _LOG_LINE.match(line):
            in_record = True
            continue
        if in_record and _LOG_CONTINUATION.match(line):
            continue
        in_record = False
        kept.append(line)
    return "".join(kept)


#: ganerrors' own folder, as imported and with its links resolved: installed in editable mode
#: (or run from a checkout), its files are in no site-packages folder.
_OWN = tuple(
    {os.path.dirname(os.path.abspath(__file__)), os.path.dirname(os.path.realpath(__file__))}
)


def is_library(path: str) -> bool:
    """A file of an installed package (ganerrors itself included, wherever it is installed
    from) or of Python itself: not the learner's own code."""
    return _LIBRARY.search(path) is not None or is_ganerrors(path)


def is_ganerrors(path: str) -> bool:
    """A file of ganerrors itself: the checkers' machinery, the plugin, the command line."""
    return any(path.startswith(folder + os.sep) for folder in _OWN)


def fold_frames(message: str, keep: Callable[[str], bool] | None = None) -> str:
    """The message with each run of frames that `keep(path)` rejects folded into one line.

    By default a frame is kept unless it is in an installed package or the standard library.
    A hidden frame goes with what belongs to it: the lines of its source that follow it,
    indented deeper ("in user code:" lists show them), and the blank lines after it (the
    "defined at" lists separate frames so); a folded run keeps one blank line where its
    frames had them.
    """
    keep = keep or (lambda path: not is_library(path))
    out: list[str] = []
    hidden: list[str] = []
    indent = ""
    blank = False  # a blank line went with the hidden frames
    in_frame = False  # the lines just after a hidden frame may be its source

    def flush() -> None:
        nonlocal blank
        if hidden:
            where = sorted({_package(path) for path in hidden})
            out.append(
                f"{indent}... {len(hidden)} frame{'s' if len(hidden) != 1 else ''} of "
                f"{', '.join(where)} hidden by ganerrors ..."
            )
            if blank:
                out.append("")
            hidden.clear()
        blank = False

    for line in message.split("\n"):
        frame = _FRAME.match(line)
        if frame is None:
            if hidden and not line.strip():
                blank, in_frame = True, False  # the blank line after a hidden frame
                continue
            if in_frame and _indent(line) > len(indent):
                continue  # the source line of a hidden frame
            in_frame = False
            flush()
            out.append(line)
        elif keep(frame.group("path")):
            in_frame = False
            flush()
            out.append(line)
        else:
            if hidden and frame.group("indent") != indent:
                flush()  # a list of another depth (a message quoted inside a message)
            indent = frame.group("indent")
            hidden.append(frame.group("path"))
            in_frame = True
    flush()
    return "\n".join(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _package(path: str) -> str:
    """A short name for where a library frame is: its top-level package, or 'Python'."""
    if path.startswith("<frozen"):
        return "Python"
    if is_ganerrors(path):
        return "ganerrors"
    match = re.search(r"[/\\](?:site|dist)-packages[/\\]([A-Za-z0-9_]+)", path)
    if match:
        name = match.group(1).lstrip("_")
        return {"pytest": "pytest"}.get(name, name)
    return "Python"
