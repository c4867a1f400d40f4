"""A Griffe extension for the API reference: docstrings as mkdocstrings renders them well.

- Sphinx roles (`:func:`load``, `:class:`~ganerrors.Diagnosis``), which mkdocstrings would show
  raw, become inline code: `load()`, `Diagnosis`.
- A dataclass field without a docstring takes its trailing comment as one
  (`summary: str  # one or two plain sentences ...`), so the reference lists every field with
  what it means, from the one place the code says it.

mkdocs.yml loads it as `ganerrors.site.griffe_docstrings:SiteDocstrings`.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Docstring, Extension, GriffeLoader, Object

_ROLE = re.compile(r":(?P<role>func|meth|class|mod|attr|data|exc|obj):`~?(?P<name>[\w.]+)`")


def without_roles(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if "`~" in match.group(0):
            name = name.rsplit(".", 1)[-1]
        call = "()" if match.group("role") in ("func", "meth") else ""
        return f"`{name}{call}`"

    return _ROLE.sub(replace, text)


def trailing_comment(line: str) -> str:
    """The comment at the end of a line of code, without quotes' `#` (empty if none)."""
    quote: str | None = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#":
            return line[index + 1 :].strip()
    return ""


class SiteDocstrings(Extension):
    def on_object(self, *, obj: Object, loader: GriffeLoader, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = without_roles(obj.docstring.value)
        elif obj.is_attribute and obj.parent is not None and obj.parent.is_class:
            lines = obj.lines
            comment = trailing_comment(lines[0]) if len(lines) == 1 else ""
            if comment and not comment.startswith(("noqa", "type:", "fmt:")):
                obj.docstring = Docstring(comment[0].upper() + comment[1:], parent=obj)
