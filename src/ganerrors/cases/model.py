"""What a case is, and what running it measured. Nothing here imports TensorFlow.

A case is one GAN bug reduced to a few lines. Its `make()` builds fresh models and returns
`step(images)`; `ganerrors.cases.run` runs that step in each mode it claims something about:

- eager: the step called as a plain Python function;
- tf.function: wrapped in `tf.function`, traced for each batch shape it meets;
- unknown batch: wrapped with `input_signature=[tf.TensorSpec([None, 8, 8, 1])]`, traced once
  with the batch dimension unknown, so shape problems surface only when the graph runs.

A claim is what the project says happens in a mode: "nothing raised", or "TypeName: regex"
(the regex searched in the message). `facts` are what a silent case's returned values must
look like (a regex per value, matched against its description, e.g. "shape (32, 32)"). The
site, the explainer's live tests and the kata READMEs' claims all read these cases; a test
fails when the installed TensorFlow disagrees with a claim, so an upgrade that changes an
error is noticed.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MODES = ("eager", "tf.function", "unknown batch")
NOTHING = "nothing raised"
BATCH = 32
IMAGE_SHAPE = (8, 8, 1)

Step = Callable[[Any], Any]


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    category: str  # a ganerrors.categories id: what the bug is, and what explain() must say
    make: Callable[[], Step]
    #: mode -> "nothing raised" or "ExceptionType: regular expression searched in the message"
    claims: Mapping[str, str]
    kata: str | None = None  # the kata whose README teaches this, where there is one
    batches: tuple[int, ...] = (BATCH,)  # batch sizes fed in turn (a short last batch: 32, 16)
    #: a regular expression the explanation of the error must contain (raising cases)
    explained: str = ""
    #: value name -> regular expression its description must match (what a silent bug does)
    facts: Mapping[str, str] = field(default_factory=dict)
    #: the case is about one mode's quirk: the site's table leaves it out
    detail: bool = False

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(mode for mode in MODES if mode in self.claims)

    @property
    def source(self) -> str:
        """The code of `make`, as the site shows it."""
        try:
            return inspect.getsource(self.make)
        except (OSError, TypeError):
            return ""

    @property
    def digest(self) -> str:
        """Changes when the case or the module that defines it changes: a cache key."""
        module = inspect.getmodule(self.make)
        text = ""
        for source in (module, inspect.getmodule(Case)):
            path = getattr(source, "__file__", None)
            if path:
                text += Path(path).read_text(encoding="utf-8")
        text += repr(sorted(self.claims.items())) + self.id
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Outcome:
    mode: str
    raised: str | None  # the exception's class name, None when nothing was raised
    message: str = ""  # the whole message, as TensorFlow wrote it
    values: Mapping[str, str] = field(default_factory=dict)  # described returned values

    @property
    def key_line(self) -> str:
        return key_line(self.message) if self.raised else ""

    @property
    def note(self) -> str:
        return "; ".join(f"{name}: {value}" for name, value in self.values.items())

    @property
    def summary(self) -> str:
        return f"{self.raised}: {self.key_line}" if self.raised else NOTHING

    def agrees_with(self, claim: str) -> bool:
        if claim == NOTHING:
            return self.raised is None
        kind, _, pattern = claim.partition(": ")
        return self.raised == kind and re.search(pattern, self.message) is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "raised": self.raised,
            "message": self.message,
            "values": dict(self.values),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        return cls(data["mode"], data["raised"], data["message"], dict(data["values"]))


@dataclass(frozen=True)
class Result:
    case: Case
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    #: mode -> the exception itself, where the run was in this process (not kept in a cache)
    exceptions: dict[str, BaseException] = field(default_factory=dict, compare=False, repr=False)

    def raised(self, mode: str) -> BaseException:
        """The exception `mode` raised in this run, for the explainer's live tests."""
        if mode not in self.exceptions:
            raise AssertionError(f"{self.case.id} ({mode}) raised nothing in this run")
        return self.exceptions[mode]

    def disagreements(self) -> list[str]:
        """One sentence per claim or fact that the installed TensorFlow contradicts."""
        where = f" (taught in katas/{self.case.kata}/README.md)" if self.case.kata else ""
        problems = []
        for mode, outcome in self.outcomes.items():
            claim = self.case.claims[mode]
            if not outcome.agrees_with(claim):
                problems.append(
                    f"{self.case.id} ({mode}){where}: the project claims {claim!r}, "
                    f"TensorFlow gives {outcome.summary!r}"
                )
            elif outcome.raised is None:
                for name, pattern in self.case.facts.items():
                    value = outcome.values.get(name)
                    if value is None or not re.fullmatch(pattern, value):
                        problems.append(
                            f"{self.case.id} ({mode}){where}: the project says {name} is "
                            f"{pattern!r}, TensorFlow gives {value!r}"
                        )
        return problems


_NOISE = re.compile(r"^(in user code:|Graph execution error:|Detected at node .*)$")
_FUNCTION_NODE = re.compile(r"^\{\{function_node [^}]*\}\}\s*")
_BOLD = re.compile(r"\x1b\[1m(.*?)\x1b\[0m", re.S)
_CHECK_NUMERICS = re.compile(r"^!!! (Detected Infinity or NaN in .*?) !!!$")


_VARIABLE_VALUE = re.compile(r"(<(?:tf\.)?Variable [^<>]{0,400}?), value=[^<>]{0,100000}>")


def key_line(message: str) -> str:
    """The line of a TensorFlow message that says what is wrong.

    Keras wraps a layer's error in "Exception encountered when calling ..." and prints the
    error itself in bold. Under tf.function, TensorFlow wraps the message in the traceback of
    the traced code ("in user code:", indented `File ...` lines, "Graph execution error:",
    node names); the statement itself is the last line that is not part of that wrapping.
    `tf.debugging.enable_check_numerics()` names the op first ("!!! Detected Infinity or NaN
    in output 0 of graph op ...") and ends with ": Tensor had -Inf values": both make the line.
    """
    # a variable's repr prints its value over many lines: keep its name and shape only
    message = _VARIABLE_VALUE.sub(r"\1>", message)
    bold = _BOLD.search(message)
    if bold:
        return _FUNCTION_NODE.sub("", bold.group(1).strip())
    lines = []
    for line in message.splitlines():
        if not line.strip() or line.startswith(("\t", "  ")) and "Error: " not in line:
            continue
        line = _FUNCTION_NODE.sub("", line.strip())
        if _NOISE.match(line):
            continue
        lines.append(line)
    if not lines:
        return message.strip()
    last = re.sub(r"^\w+(Error|Exception): ", "", lines[-1])
    if last.startswith(":"):  # check_numerics: the op is named at the top, the values last
        for line in lines:
            named = _CHECK_NUMERICS.match(line)
            if named:
                return f"{named.group(1)} {last}"
    return last
