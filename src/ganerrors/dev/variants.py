"""Variants: other ways to fix a kata (they must pass) and ways to hide its bug (they must not).

Each kata's variants are declared in `solutions/NN/variants.toml`, next to the solution,
because most of them are fixes a learner should not see before solving the kata. A variant
starts from the shipped kata or from the solution and applies text edits, each of which must
match exactly once:

    [[variant]]
    name = "sigmoid-in-the-model"
    start = "kata"          # or "solution"
    expect = "pass"         # or "fail"
    test = ""               # for "fail": the checker test that must fail first
    type = "GANCheckFailed" # for "fail": the exception that test reports (optional)
    why = "a sigmoid in the discriminator with from_logits=False is the other correct fix"
    evidence = "trained 4,000 steps: ..."   # how the label was established, by training
    [[variant.edit]]
    old = 'keras.layers.Dense(1),'
    new = 'keras.layers.Dense(1, activation="sigmoid"),'
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ganerrors.course import KATA_FILE, VARIANTS_FILE
from ganerrors.errors import RegistryError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_KEYS = {"name", "start", "expect", "test", "type", "why", "evidence", "edit"}


@dataclass(frozen=True)
class Edit:
    old: str
    new: str


@dataclass(frozen=True)
class Variant:
    kata: str  # the kata's number
    name: str
    start: str  # "kata" or "solution"
    expect: str  # "pass" or "fail"
    edits: tuple[Edit, ...]
    why: str
    evidence: str = ""
    test: str = ""  # for "fail": the first failing checker test
    type: str = ""  # for "fail": the exception type reported (empty: any)

    @property
    def id(self) -> str:
        return f"{self.kata}-{self.name}"

    def source(self, kata_file: Path, solution_file: Path) -> str:
        """The variant's gan.py: the starting file with every edit applied."""
        start = kata_file if self.start == "kata" else solution_file
        text = start.read_text(encoding="utf-8")
        for number, edit in enumerate(self.edits, start=1):
            count = text.count(edit.old)
            if count != 1:
                where = "is not" if count == 0 else f"is {count} times"
                raise RegistryError(
                    f"variant {self.id}: the text of edit {number} {where} in {start} "
                    f"(an edit must match exactly once): {edit.old[:60]!r}"
                )
            text = text.replace(edit.old, edit.new)
        return text


def load(folder: Path, number: str) -> tuple[Variant, ...]:
    """The variants of kata `number` declared in `folder/variants.toml` (none if absent)."""
    path = folder / VARIANTS_FILE
    if not path.is_file():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path} is not valid TOML: {exc}") from None
    entries = data.get("variant", [])
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: `variant` must be a list of [[variant]] tables")
    variants = tuple(_variant(entry, number, path) for entry in entries)
    names = [v.name for v in variants]
    if len(set(names)) != len(names):
        raise RegistryError(f"{path}: variant names are not unique")
    return variants


def _variant(entry: Any, number: str, path: Path) -> Variant:
    if not isinstance(entry, dict):
        raise RegistryError(f"{path}: every variant must be a [[variant]] table")
    where = f"{path}: variant {entry.get('name', '?')!r}"
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise RegistryError(f"{where}: unknown field(s) {', '.join(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        raise RegistryError(f"{where}: `name` must be lowercase words joined by -")
    start, expect = entry.get("start"), entry.get("expect")
    if start not in ("kata", "solution"):
        raise RegistryError(f'{where}: `start` must be "kata" or "solution"')
    if expect not in ("pass", "fail"):
        raise RegistryError(f'{where}: `expect` must be "pass" or "fail"')
    edits = entry.get("edit")
    if not isinstance(edits, list) or not edits:
        raise RegistryError(f"{where}: needs at least one [[variant.edit]] with old and new")
    parsed = []
    for edit in edits:
        if not (
            isinstance(edit, dict)
            and isinstance(edit.get("old"), str)
            and isinstance(edit.get("new"), str)
            and edit["old"]
        ):
            raise RegistryError(f"{where}: every edit needs a non-empty `old` and a `new` text")
        parsed.append(Edit(edit["old"], edit["new"]))
    why = entry.get("why")
    if not isinstance(why, str) or not why.strip():
        raise RegistryError(f"{where}: `why` must say what the variant does")
    test = entry.get("test", "")
    if expect == "fail" and not (isinstance(test, str) and test.startswith("test_")):
        raise RegistryError(f"{where}: a failing variant names the checker test that catches it")
    return Variant(
        kata=number,
        name=name,
        start=start,
        expect=expect,
        edits=tuple(parsed),
        why=why.strip(),
        evidence=str(entry.get("evidence", "")).strip(),
        test=test if isinstance(test, str) else "",
        type=str(entry.get("type", "")),
    )


__all__ = ["KATA_FILE", "Edit", "Variant", "load"]
