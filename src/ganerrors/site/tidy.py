"""What a page may show of a measured message, output or traceback.

TensorFlow's messages name the files they came from with absolute paths: the build machine's
checkout, its virtual environment, the temporary files autograph writes. A page shows them
relative (`katas/01/gan.py`, `keras/src/losses/loss.py`), so no page reveals where it was
built and two builds give the same text. Keras numbers its layers per process (`dense_55`);
pages show `dense_N`, so a message reads the same wherever it was measured.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*m")

#: Keras' automatic layer names: the snake_case class name, then _1, _2 ... per process.
KERAS_LAYERS = (
    "dense", "conv1d", "conv2d", "conv2d_transpose", "conv3d", "embedding", "flatten",
    "reshape", "leaky_re_lu", "re_lu", "batch_normalization", "layer_normalization",
    "dropout", "concatenate", "add", "multiply", "activation", "up_sampling2d",
    "max_pooling2d", "average_pooling2d", "global_average_pooling2d", "zero_padding2d",
    "sequential", "functional", "input_layer", "lambda", "spectral_normalization",
)  # fmt: skip
_LAYER_NAME = re.compile(
    r"\b(" + "|".join(sorted(KERAS_LAYERS, key=len, reverse=True)) + r")(?:_\d+)+\b"
)
_TRACED_FUNCTION = re.compile(r"\b(__inference_[A-Za-z0-9_]*?)_\d+\b")
_AUTOGRAPH_FILE = re.compile(r"(?:/[^\s\"'<>:]*)?/__autograph_generated_file\w*\.py")
_LIBRARY = re.compile(r"(?:/[^\s\"'<>:]*)?/(?:site|dist)-packages/")
_STDLIB = re.compile(r"(?:/[^\s\"'<>:]*)?/lib/python3\.\d+/")

#: What no page may contain: the checkout's path is added by `Tidy.leaks`.
LEAK_PATTERNS = (r"/home/", r"/work/", r"site-packages", r"dist-packages", r"/Users/", r"/root/")


def normalise_names(text: str) -> str:
    """`dense_55` -> `dense_N`, `__inference_train_step_1234` -> `__inference_train_step_N`."""
    text = _LAYER_NAME.sub(r"\1_N", text)
    return _TRACED_FUNCTION.sub(r"\1_N", text)


@dataclass(frozen=True)
class Tidy:
    """Rewrites the absolute paths of one build (its checkout `root`) into relative ones.

    `others` are checkouts where cached outputs were made (a cache copied or a folder moved).
    """

    root: Path
    others: tuple[str, ...] = ()

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Folders whose paths are shown relative to them, longest first."""
        candidates = {str(self.root.resolve()), str(self.root), str(self.root.absolute())}
        candidates |= {other for other in self.others if other.strip("/")}
        return tuple(sorted((c.rstrip("/") + "/" for c in candidates), key=len, reverse=True))

    def __call__(self, text: str, colours: bool = False) -> str:
        """`text` without build paths, with normalised names; terminal colours only if asked."""
        if not colours:
            text = ANSI.sub("", text)
        text = _AUTOGRAPH_FILE.sub("__autograph_generated_file.py", text)
        text = _LIBRARY.sub("", text)
        for prefix in self.prefixes:
            text = text.replace(prefix, "")
        text = _STDLIB.sub("", text)
        home = os.path.expanduser("~").rstrip("/")
        if home not in ("", "/"):
            text = text.replace(home + "/", "~/")
        return normalise_names(text)

    def leaks(self, text: str) -> list[str]:
        """The build paths left in `text` (for a check that no page shows one)."""
        found = [p for p in LEAK_PATTERNS if re.search(p, text)]
        found += [p for p in self.prefixes if p in text]
        for folder in {sys.prefix, tempfile.gettempdir()}:
            if folder not in ("", "/") and folder + "/" in text:
                found.append(folder)
        return found


# -- tracebacks ------------------------------------------------------------------------------

_FRAME = re.compile(r"^\s*(?:File\s+(?P<path>\S+?):\d+|(?P<cell>Cell\s+In\s*\[\d*\]))")


@dataclass(frozen=True)
class Frame:
    """One entry of an IPython traceback, as a notebook's error output stores it."""

    text: str  # with terminal colours

    @property
    def plain(self) -> str:
        return ANSI.sub("", self.text)

    @property
    def path(self) -> str | None:
        """The file of a frame; "<cell>" for the notebook's own cell; None for other entries."""
        match = _FRAME.match(self.plain)
        if match is None:
            return None
        return "<cell>" if match.group("cell") else match.group("path")


def learners_frames(
    traceback: Sequence[str], learner_files: Iterable[str], tidy: Tidy
) -> list[str]:
    """An IPython traceback cut to the learner's frames: the notebook's cells and their files.

    Frames inside TensorFlow, Keras, autograph's generated code and the checker are replaced by
    one line saying how many were left out. The header and the final message stay (the
    message's own list of frames cut the same way, `learners_lines`).
    """
    learner = tuple(learner_files)
    kept: list[str] = []
    hidden = 0

    def flush() -> None:
        nonlocal hidden
        if hidden:
            plural = "s" if hidden > 1 else ""
            kept.append(f"\x1b[2m... {hidden} frame{plural} inside TensorFlow, Keras and the "
                        "checker left out ...\x1b[0m")  # fmt: skip
            hidden = 0

    for entry in traceback:
        path = Frame(entry).path
        if path is None or path == "<cell>" or any(path.endswith(f) for f in learner):
            flush()
            kept.append(tidy(learners_lines(entry, learner) if path is None else entry, True))
        else:
            hidden += 1
    flush()
    return kept


#: A frame of the "defined at (most recent call last)" list in a TensorFlow op error's message.
_DEFINED_AT_FRAME = re.compile(r'^(?P<indent>\s*)File "(?P<path>[^"\n]+)", line \d+, in ')


def learners_lines(message: str, learner_files: Iterable[str]) -> str:
    """A TensorFlow message with its "defined at" list of frames cut to the learner's files.

    An op error raised by a tf.function names the node that failed and every frame of the
    program that defined it: in a notebook, Jupyter's kernel, IPython, the checker, Keras. Each
    run of frames outside `learner_files` becomes one line saying how many were left out, as
    `learners_frames` does for a traceback; the statement of the error is not touched.
    """
    learner = tuple(learner_files)
    kept: list[str] = []
    hidden = 0
    indent = ""

    def flush() -> None:
        nonlocal hidden
        if hidden:
            plural = "s" if hidden > 1 else ""
            kept.extend([f"{indent}... {hidden} frame{plural} of Jupyter, the checker, "
                         "TensorFlow and Keras left out ...", ""])  # fmt: skip
            hidden = 0

    for line in message.split("\n"):
        frame = _DEFINED_AT_FRAME.match(line)
        if frame is None:
            if hidden and not line.strip():
                continue  # the blank line TensorFlow writes after each frame
            flush()
            kept.append(line)
        elif frame.group("path").endswith(learner):
            flush()
            kept.append(line)
        else:
            indent = frame.group("indent")
            hidden += 1
    flush()
    return "\n".join(kept)
