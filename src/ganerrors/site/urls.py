"""Two source files must never build to one URL.

`katas/01-x.md` and `katas/01-x.ipynb` (once mkdocs-jupyter makes the notebook a page) both
become `katas/01-x/`: MkDocs writes one over the other without a word, even with --strict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class BuiltFile(Protocol):
    @property
    def src_uri(self) -> str: ...

    @property
    def dest_uri(self) -> str: ...

    @property
    def url(self) -> str: ...

    def is_documentation_page(self) -> bool: ...


def conflicts(files: Iterable[BuiltFile]) -> list[str]:
    """One sentence per URL or output file that more than one source file builds to."""
    claimed: dict[str, list[str]] = {}
    for file in files:
        targets = {f"file {file.dest_uri}"}
        if file.is_documentation_page():
            targets.add(f"URL {file.url or './'}")
        for target in targets:
            claimed.setdefault(target, []).append(file.src_uri)
    return [
        f"{' and '.join(sorted(sources))} all build to the {target}"
        for target, sources in sorted(claimed.items())
        if len(sources) > 1
    ]
