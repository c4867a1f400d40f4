"""The Why tab of a kata page: how the bug works, with the values measured at build time.

Its text is `docs/katas/why/NN.md`, Markdown with placeholders that the build fills in:

- `{{ CASE-ID / VALUE }}`: a value that the catalogue's case returned (eager mode), as in
  `{{ labels-without-a-column-squared-error / labels - scores }}` -> `shape (32, 32)`;
- `{{ CASE-ID / error }}`: what the case raised, `TypeName: key line`;
- `{{ CASE-ID @ MODE / ... }}`: the same, measured in that mode (`tf.function`,
  `unknown batch`); without one, in the first mode the case was run in (eager for most);
- `{{ kata / error }}`: the key line of the error the kata's notebook raised.

Written between backticks, `` `{{ ... }}` ``, a value becomes inline code that keeps every
backtick of the message.

The catalogue's `facts` and claims hold what these values must be, so a TensorFlow that
changes one fails the build and the tests before the prose around it can lie.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from ganerrors.cases import Result

FOLDER = "docs/katas/why"
_PLACEHOLDER = re.compile(
    r"(?P<tick>`?)\{\{\s*(?P<source>[\w-]+)(?:\s*@\s*(?P<mode>[\w. ]+?))?"
    r"\s*/\s*(?P<name>[^}]+?)\s*\}\}(?P=tick)"
)


def inline_code(text: str) -> str:
    """`text` as Markdown inline code, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def path(root: Path, number: str) -> Path:
    return root / FOLDER / f"{number}.md"


def render(
    template: str,
    results: Mapping[str, Result],
    kata_error: str | None,
    where: str,
    tidy: Callable[[str], str] = str,
) -> str:
    """`template` with its placeholders filled in; ValueError names an unknown one. A case's
    value goes through `tidy` (the site's `Tidy`: no build paths, `dense_N`); the kata's error
    is given tidied."""

    def replace(match: re.Match[str]) -> str:
        text = value(match)
        if match.group("source") != "kata":
            text = tidy(text)
        return inline_code(text) if match.group("tick") else text

    def value(match: re.Match[str]) -> str:
        source, name = match.group("source"), match.group("name")
        if source == "kata":
            if name != "error" or kata_error is None:
                raise ValueError(f"{where}: {match.group(0)}: the kata raised no error to show")
            return kata_error
        result = results.get(source)
        if result is None:
            raise ValueError(f"{where}: {match.group(0)}: no case {source!r} in the catalogue")
        mode = match.group("mode")
        if mode is None:
            outcome = next(iter(result.outcomes.values()))
        elif mode in result.outcomes:
            outcome = result.outcomes[mode]
        else:
            known = ", ".join(result.outcomes)
            raise ValueError(f"{where}: {match.group(0)}: the case was measured in {known}")
        if name == "error":
            if outcome.raised is None:
                raise ValueError(f"{where}: {match.group(0)}: the case raised nothing")
            return f"{outcome.raised}: {outcome.key_line}"
        if name not in outcome.values:
            known = ", ".join(outcome.values) or "none"
            raise ValueError(f"{where}: {match.group(0)}: the case returned {known}")
        return outcome.values[name]

    return _PLACEHOLDER.sub(replace, template)
