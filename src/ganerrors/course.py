"""The kata registry: `katas/katas.toml` is the one place that lists the katas.

The author check in tests/, the pytest plugin, the `ganerrors` commands and the site all read
it through :func:`load`. Nothing here imports TensorFlow.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ganerrors.categories import CATEGORIES
from ganerrors.errors import RegistryError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REGISTRY_NAME = "katas.toml"


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
class Kata:
    number: str
    slug: str
    title: str
    checklist: str
    summary: str
    minutes: int
    files: tuple[str, ...]
    failure: Failure
    hints: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return f"{self.number}-{self.slug}"


@dataclass(frozen=True)
class Course:
    root: Path  # the folder that holds katas.toml and the kata folders
    katas: tuple[Kata, ...]

    def kata(self, number: str | int) -> Kata:
        """Return the kata with this number ("1", "01" and 1 all work)."""
        key = _normalise(number)
        for kata in self.katas:
            if kata.number == key:
                return kata
        valid = ", ".join(k.number for k in self.katas)
        raise KeyError(f"there is no kata {number!r}; the katas are {valid}")

    def folder(self, kata: Kata) -> Path:
        return self.root / kata.number

    def solution_folder(self, kata: Kata) -> Path | None:
        """The matching solutions/NN folder, where this course has one (a repository clone)."""
        folder = self.root.parent / "solutions" / kata.number
        return folder if folder.is_dir() else None


def _normalise(number: str | int) -> str:
    text = str(number).strip()
    if not text.isdigit():
        raise KeyError(f"a kata number is one or two digits, not {number!r}")
    return f"{int(text):02d}"


def default_root() -> Path:
    """The katas folder: the repository's when run from a clone, else the copy in the wheel."""
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


@cache
def _load(root: Path) -> Course:
    path = root / REGISTRY_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path} is not valid TOML: {exc}") from exc
    katas = tuple(_kata(entry, path) for entry in data.get("kata", []))
    for field_name in ("number", "slug", "title"):
        values = [getattr(k, field_name) for k in katas]
        if len(set(values)) != len(values):
            raise RegistryError(f"{path}: kata {field_name}s are not unique: {values}")
    return Course(root=root, katas=katas)


def _kata(entry: dict, path: Path) -> Kata:
    where = f"{path}: kata {entry.get('number', '?')}"
    try:
        failure = entry["failure"]
        kata = Kata(
            number=_normalise(entry["number"]),
            slug=entry["slug"],
            title=entry["title"],
            checklist=entry["checklist"],
            summary=entry["summary"].strip(),
            minutes=int(entry["minutes"]),
            files=tuple(entry["files"]),
            hints=tuple(h.strip() for h in entry.get("hints", ())),
            failure=Failure(
                type=failure["type"],
                message=failure["message"],
                silent=bool(failure.get("silent", False)),
                category=failure["category"],
                test=failure["test"],
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RegistryError(f"{where}: missing or bad field {exc}") from exc
    for category in (kata.checklist, kata.failure.category):
        if category not in CATEGORIES:
            raise RegistryError(f"{where}: unknown category {category!r}")
    if not kata.hints or not all(kata.hints):
        raise RegistryError(f"{where}: every kata needs hints, none of them empty")
    return kata
