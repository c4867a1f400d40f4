"""The kata registry: `katas/katas.toml` is the one place that lists the katas.

The author check (`ganerrors dev check`), the pytest plugin, the `ganerrors` commands and the
site all read it through :func:`load`. Nothing here imports TensorFlow.

A kata is a folder `katas/NN/` holding exactly three files, whose names are fixed here and
nowhere else: the learner's `gan.py` (KATA_FILE), the checker `test_gan.py` (CHECKER_FILE)
and `README.md`. Its fix is `solutions/NN/gan.py`, and the variants that the author check
runs against the checker are declared in `solutions/NN/variants.toml` (VARIANTS_FILE): they
sit with the solution, not with the kata, because most of them are fixes.
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ganerrors.categories import CATEGORIES
from ganerrors.errors import RegistryError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REGISTRY_NAME = "katas.toml"
KATA_FILE = "gan.py"
CHECKER_FILE = "test_gan.py"
README_FILE = "README.md"
VARIANTS_FILE = "variants.toml"
#: Seconds a kata's checker may run before it is stopped, unless its entry says otherwise.
DEFAULT_TIMEOUT = 120
#: Training steps of a kata's fixed GAN on its page, unless the registry says otherwise.
DEFAULT_TRAINING_STEPS = 6000
#: A katas folder to read instead of the default one: the site's build sets it for the kernels
#: that run its notebooks, so that they run the katas as shipped, not a learner's solved copy.
KATAS_ENV = "GANERRORS_KATAS"

_NUMBER = re.compile(r"[0-9]{1,2}")


@dataclass(frozen=True)
class Failure:
    """How a kata fails as shipped: the exception the checker reports, and what it means.

    For a bug that raises, ``type`` and ``message`` are TensorFlow's; for a silent bug,
    ``type`` is ``GANCheckFailed`` and ``message`` matches the checker's symptom.
    """

    type: str
    message: str  # a regular expression, searched in the exception's message
    silent: bool
    category: str  # the explainer's category for this failure
    test: str  # the checker test that reports it first

    def matches(self, exc_type: str, exc_message: str) -> bool:
        return exc_type == self.type and re.search(self.message, exc_message) is not None


@dataclass(frozen=True)
class Part:
    number: int
    title: str
    summary: str


@dataclass(frozen=True)
class Kata:
    number: str
    slug: str
    title: str
    part: int
    checklist: str
    summary: str
    minutes: int
    failure: Failure
    hints: tuple[str, ...] = field(default=())
    timeout: float = DEFAULT_TIMEOUT  # seconds the checker may run
    #: steps its fixed GAN trains for on its page (its notebook): at most about 30 s of CPU
    training_steps: int = DEFAULT_TRAINING_STEPS

    @property
    def name(self) -> str:
        return f"{self.number}-{self.slug}"


@dataclass(frozen=True)
class Course:
    root: Path  # the folder that holds katas.toml and the kata folders
    katas: tuple[Kata, ...]
    parts: tuple[Part, ...] = ()

    def kata(self, number: str | int) -> Kata:
        """Return the kata with this number ("1", "01" and 1 all work).

        Raises KeyError with a one-line message for anything else: not one or two ASCII
        digits, or no such kata.
        """
        key = normalise_number(number)
        for kata in self.katas:
            if kata.number == key:
                return kata
        valid = ", ".join(k.number for k in self.katas)
        raise KeyError(f"there is no kata {key}; the katas are {valid}")

    def part(self, kata: Kata) -> Part:
        for part in self.parts:
            if part.number == kata.part:
                return part
        return Part(kata.part, f"Part {kata.part}", "")

    def folder(self, kata: Kata) -> Path:
        return self.root / kata.number

    def kata_file(self, kata: Kata) -> Path:
        """The file the learner edits: katas/NN/gan.py."""
        return self.folder(kata) / KATA_FILE

    def solution_folder(self, kata: Kata) -> Path | None:
        """The matching solutions/NN folder, where this course has one (a repository clone)."""
        folder = self.root.parent / "solutions" / kata.number
        return folder if folder.is_dir() else None


def normalise_number(number: object) -> str:
    """`"1"`, `"01"` and `1` -> `"01"`. Anything but one or two ASCII digits is a KeyError.

    `str.isdigit` would accept "¹" and "①", and `int()` five thousand digits; neither is a kata.
    """
    if isinstance(number, bool):
        number = str(number)
    text = str(number).strip() if isinstance(number, (str, int)) else ""
    if not _NUMBER.fullmatch(text):
        shown = repr(number) if len(repr(number)) <= 20 else repr(number)[:17] + "..."
        raise KeyError(f"a kata number is one or two digits (like 01), not {shown}")
    return f"{int(text):02d}"


def default_root() -> Path:
    """The katas folder: $GANERRORS_KATAS where it is set (`KATAS_ENV`), else the repository's
    when run from a clone, else the copy in the wheel."""
    given = os.environ.get(KATAS_ENV)
    if given:
        return Path(given)
    package = Path(__file__).resolve().parent
    for candidate in (package.parents[1] / "katas", package / "_course" / "katas"):
        if (candidate / REGISTRY_NAME).is_file():
            return candidate
    raise RegistryError("cannot find katas/katas.toml next to the ganerrors package")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` (a file or folder) that holds katas.toml."""
    start = start.resolve()
    for folder in (start, *start.parents) if start.is_dir() else start.parents:
        if (folder / REGISTRY_NAME).is_file():
            return folder
    return None


def load(root: Path | None = None) -> Course:
    """Read and validate the registry in `root` (default: :func:`default_root`)."""
    root = Path(root) if root is not None else default_root()
    return _load(root.resolve())


def reload(root: Path | None = None) -> Course:
    """Like :func:`load`, but read the file again (for a long-running `watch`)."""
    _load.cache_clear()
    return load(root)


@cache
def _load(root: Path) -> Course:
    path = root / REGISTRY_NAME
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise RegistryError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise RegistryError(f"{path} is not a text file (not UTF-8)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path} is not valid TOML: {exc}") from None
    entries = _tables(data.get("kata", []), path, "kata")
    if not entries:
        raise RegistryError(f"{path} lists no katas: it needs [[kata]] tables")
    parts = tuple(_part(entry, path) for entry in _tables(data.get("part", []), path, "part"))
    katas = tuple(_kata(entry, path) for entry in entries)
    for field_name in ("number", "slug", "title"):
        values = [getattr(k, field_name) for k in katas]
        if len(set(values)) != len(values):
            repeated = sorted({v for v in values if values.count(v) > 1})
            raise RegistryError(f"{path}: kata {field_name}s are not unique: {repeated}")
    known = {p.number for p in parts}
    if parts:
        for kata in katas:
            if kata.part not in known:
                raise RegistryError(
                    f"{path}: kata {kata.number} is in part {kata.part}, "
                    f"which no [[part]] table names"
                )
    return Course(root=root, katas=katas, parts=parts)


def _tables(value: Any, path: Path, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RegistryError(f"{path}: `{name}` must be a list of [[{name}]] tables")
    return value


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(f"{where}: `{key}` must be a non-empty string")
    return value.strip()


def _number(entry: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = entry.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not (math.isfinite(value) and 0 < value <= 24 * 3600)
    ):
        raise RegistryError(f"{where}: `{key}` must be a positive number, not {value!r}")
    return value


def _part(entry: dict[str, Any], path: Path) -> Part:
    where = f"{path}: part {entry.get('number', '?')!r}"
    return Part(
        number=int(_number(entry, "number", where)),
        title=_text(entry, "title", where),
        summary=_text(entry, "summary", where),
    )


_KATA_KEYS = {
    "number", "slug", "title", "part", "checklist", "summary", "minutes", "timeout", "hints",
    "failure", "training_steps",
}  # fmt: skip


def _kata(entry: dict[str, Any], path: Path) -> Kata:
    try:
        number = normalise_number(entry.get("number"))
    except KeyError as exc:
        raise RegistryError(f"{path}: {exc.args[0]}") from None
    where = f"{path}: kata {number}"
    unknown = sorted(set(entry) - _KATA_KEYS)
    if unknown:
        raise RegistryError(f"{where}: unknown field(s) {', '.join(unknown)}")
    failure = entry.get("failure")
    if not isinstance(failure, dict):
        raise RegistryError(f"{where}: needs a [kata.failure] table")
    hints = entry.get("hints")
    if (
        not isinstance(hints, list)
        or not hints
        or not all(isinstance(h, str) and h.strip() for h in hints)
    ):
        raise RegistryError(f"{where}: every kata needs hints, none of them empty")
    message = _text(failure, "message", f"{where} failure")
    try:
        re.compile(message)
    except re.error as exc:
        problem = f"`message` is not a regular expression: {exc}"
        raise RegistryError(f"{where} failure: {problem}") from None
    silent = failure.get("silent", False)
    if not isinstance(silent, bool):
        raise RegistryError(f"{where} failure: `silent` must be true or false")
    kata = Kata(
        number=number,
        slug=_text(entry, "slug", where),
        title=_text(entry, "title", where),
        part=int(_number(entry, "part", where, default=1)),
        checklist=_text(entry, "checklist", where),
        summary=_text(entry, "summary", where),
        minutes=int(_number(entry, "minutes", where)),
        timeout=_number(entry, "timeout", where, default=DEFAULT_TIMEOUT),
        training_steps=int(_number(entry, "training_steps", where, default=DEFAULT_TRAINING_STEPS)),
        hints=tuple(h.strip() for h in hints),
        failure=Failure(
            type=_text(failure, "type", f"{where} failure"),
            message=message,
            silent=silent,
            category=_text(failure, "category", f"{where} failure"),
            test=_text(failure, "test", f"{where} failure"),
        ),
    )
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", kata.slug):
        raise RegistryError(
            f"{where}: `slug` must be lowercase words joined by -, not {kata.slug!r}"
        )
    for category in (kata.checklist, kata.failure.category):
        if category not in CATEGORIES:
            raise RegistryError(f"{where}: unknown category {category!r}")
    return kata
