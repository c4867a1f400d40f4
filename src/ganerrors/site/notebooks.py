"""One notebook per kata, made with jupytext from the `# %%` file `kata_notebook.py`.

The template is real Python: ruff and mypy read it, and `python kata_notebook.py` runs kata
01. For each kata of the registry, `build` fills in the markdown cells' `{fields}` from the
registry and the parameters cell (`KATA`, `REPOSITORY`), and records on the cell tagged
`raises-exception` what the registry claims it raises.

Colab opens a notebook from the repository, so each kata's notebook is also committed,
unexecuted, in `docs/katas/notebooks/` (`python -m ganerrors.site.notebooks` writes them; the
build and a test fail when one is missing or differs from what the template makes). The site
shows the copy that the build executed, cut to the learner's frames.
"""

from __future__ import annotations

import argparse
import base64
import copy
import functools
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import jupytext
import nbformat

from ganerrors import course as course_mod
from ganerrors.course import Course, Kata
from ganerrors.site import trained
from ganerrors.site.as_shipped import AsShipped
from ganerrors.site.tidy import Tidy, learners_frames, learners_lines
from ganerrors.tidy import strip_log_lines

TEMPLATE = Path(__file__).with_name("kata_notebook.py")
TEMPLATE_IN_REPOSITORY = "src/ganerrors/site/kata_notebook.py"
#: Where the committed notebooks live, relative to the repository root, and their pages.
SOURCE_FOLDER = "docs/katas/notebooks"
URL_FOLDER = "katas/notebooks"
#: Metadata keys: the claim on a raises-exception cell, the inputs digest of an executed one.
CLAIM = "ganerrors"
DIGEST = "ganerrors_digest"
#: Metadata keys of an executed notebook: the checkout it ran in, and the copy of the katas as
#: shipped that it ran (`as_shipped`); its outputs' paths are shown relative to them, and
#: neither is kept in the site's copy.
ROOT_KEY = "ganerrors_root"
COURSE_KEY = "ganerrors_course"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
_FIELD = re.compile(r"\{(\w+)\}")
_PARAMETER = re.compile(r'^(?P<name>[A-Z]+) = "[^"]*"', re.M)


def filename(kata: Kata) -> str:
    return f"{kata.name}.ipynb"


def available(course: Course, kata: Kata) -> bool:
    """The kata's broken file and its solution exist (katas are written one by one)."""
    solution = course.solution_folder(kata)
    return (
        course.kata_file(kata).is_file()
        and solution is not None
        and (solution / course_mod.KATA_FILE).is_file()
    )


def _fields(kata: Kata) -> dict[str, str]:
    what = (
        "TensorFlow raises nothing: this bug is silent, and the checker is what notices it."
        if kata.failure.silent
        else "What you see is TensorFlow's own error."
    )
    return {
        "number": kata.number,
        "title": kata.title,
        "summary": " ".join(kata.summary.split()),
        "test": kata.failure.test,
        "what": what,
    }


def build(kata: Kata, repository: str) -> nbformat.NotebookNode:
    """The notebook of `kata`, not executed, from the template."""
    notebook = copy.deepcopy(_template(TEMPLATE.read_text(encoding="utf-8")))
    fields = _fields(kata)
    parameters = {"KATA": kata.number, "REPOSITORY": repository}
    for index, cell in enumerate(notebook.cells):
        cell.id = (
            f"cell-{index:02d}"  # jupytext makes random ids: a notebook is made the same each time
        )
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown":
            cell.source = _FIELD.sub(lambda m: fields[m.group(1)], cell.source)
        elif "parameters" in tags:
            cell.source = _PARAMETER.sub(
                lambda m: f'{m.group("name")} = "{parameters[m.group("name")]}"', cell.source
            )
        if "raises-exception" in tags:
            cell.metadata[CLAIM] = {"ename": kata.failure.type, "evalue": kata.failure.message}
    notebook.metadata = nbformat.NotebookNode(
        kernelspec=KERNELSPEC, language_info={"name": "python"}
    )
    nbformat.validate(notebook)
    return notebook


@functools.lru_cache(maxsize=2)
def _template(source: str) -> nbformat.NotebookNode:
    """The template read by jupytext (cached by its text: `mkdocs serve` sees an edit)."""
    return jupytext.reads(source, fmt="py:percent")


def text(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def write(course: Course, folder: Path, repository: str) -> dict[str, Path]:
    """Write the notebook of every available kata into `folder`: kata number -> path.

    A file whose text is already right is left alone (its time stamp too)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kata in course.katas:
        if not available(course, kata):
            continue
        path = folder / filename(kata)
        wanted = text(build(kata, repository))
        if not path.is_file() or path.read_text(encoding="utf-8") != wanted:
            path.write_text(wanted, encoding="utf-8")
        paths[kata.number] = path
    return paths


def problems(course: Course, folder: Path, repository: str) -> list[str]:
    """What is wrong with the committed notebooks in `folder`: missing, outdated or extra."""
    command = "python -m ganerrors.site.notebooks"
    found = []
    expected = set()
    for kata in course.katas:
        if not available(course, kata):
            continue
        path = folder / filename(kata)
        expected.add(path.name)
        if not path.is_file():
            found.append(f"kata {kata.number} has no notebook {path.name}: run `{command}`")
        elif path.read_text(encoding="utf-8") != text(build(kata, repository)):
            found.append(f"{path.name} is not what the template makes: run `{command}`")
    for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
        if path.name not in expected:
            found.append(f"{path.name} belongs to no kata of the registry: delete it")
    return found


# -- executing -------------------------------------------------------------------------------


def inputs_digest(kata: Kata, notebook: nbformat.NotebookNode, shipped: AsShipped) -> str:
    """A digest of everything the executed notebook's outputs depend on: its cells, the
    kata's and the solution's files as shipped (never the learner's edits: `as_shipped`),
    TensorFlow's version and the ganerrors code it runs."""
    digest = hashlib.sha256()
    for cell in notebook.cells:
        digest.update(json.dumps([cell.cell_type, cell.source, cell.metadata.get("tags")]).encode())
    for name in ("tensorflow", "keras"):
        digest.update(_version(name).encode())
    digest.update(f"steps={trained.steps_for(kata)}".encode())
    digest.update(shipped.kata_file(kata))
    digest.update(shipped.solution(kata))
    package = Path(course_mod.__file__).parent
    for path in sorted(_package_files(package)):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _package_files(package: Path) -> Iterable[Path]:
    """The package's code a notebook runs: not the site (but `trained`), cases or commands."""
    skipped = {"site", "cases", "cli", "dev", "workshop"}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).parts
        if parts[0] not in skipped or parts == ("site", "trained.py"):
            yield path


@functools.cache
def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"


def is_current(path: Path, digest: str) -> bool:
    """`path` holds a notebook executed from inputs with this digest."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("metadata", {}).get(DIGEST) == digest


def execute(notebook: nbformat.NotebookNode, folder: Path, timeout: int = 300) -> None:
    """Run `notebook` in place with nbclient, in `folder` as its working directory.

    A cell that raises fails the run unless it is tagged `raises-exception`."""
    from nbclient import NotebookClient

    NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    ).execute()


# -- reading an executed notebook ------------------------------------------------------------


@dataclass(frozen=True)
class Error:
    ename: str
    evalue: str


@dataclass(frozen=True)
class Executed:
    """What the site shows of one executed, tidied kata notebook."""

    path: Path
    notebook: nbformat.NotebookNode

    @classmethod
    def read(cls, path: Path) -> Executed:
        return cls(path, nbformat.read(path, as_version=4))

    def cells(self, tag: str) -> list[nbformat.NotebookNode]:
        return [c for c in self.notebook.cells if tag in c.get("metadata", {}).get("tags", [])]

    def errors(self) -> list[tuple[dict[str, str], Error | None]]:
        """Each raises-exception cell's claim, with the error it raised (or None)."""
        found = []
        for cell in self.cells("raises-exception"):
            output = next((o for o in cell.get("outputs", []) if o.output_type == "error"), None)
            error = Error(output.ename, output.evalue) if output is not None else None
            found.append((dict(cell.metadata.get(CLAIM, {})), error))
        return found

    @property
    def error(self) -> Error | None:
        found = self.errors()
        return found[0][1] if found else None

    def stream(self, tag: str) -> str:
        return "".join(
            output.text
            for cell in self.cells(tag)
            for output in cell.get("outputs", [])
            if output.output_type == "stream"
        ).strip()

    def markdown(self, tag: str) -> str:
        """The Markdown that the cells with this tag displayed (e.g. a table)."""
        return "\n\n".join(
            output.data["text/markdown"]
            for cell in self.cells(tag)
            for output in cell.get("outputs", [])
            if "text/markdown" in output.get("data", {})
        ).strip()

    def image(self, tag: str) -> bytes | None:
        for cell in self.cells(tag):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if output.output_type == "display_data" and "image/png" in data:
                    return base64.b64decode(data["image/png"])
        return None


def tidied(notebook: nbformat.NotebookNode, tidy: Tidy, learner_files: list[str]) -> Any:
    """A copy of an executed notebook fit for the site: no build paths, normalised layer
    names, tracebacks and messages cut to the learner's frames, no TensorFlow C++ log lines
    (the "Local rendezvous is aborting" record of an op error: the error itself follows), no
    execution time stamps."""
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))
    notebook.metadata.pop(ROOT_KEY, None)
    notebook.metadata.pop(COURSE_KEY, None)
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.evalue = tidy(learners_lines(output.evalue, learner_files))
                output.traceback = learners_frames(output.traceback, learner_files, tidy)
            elif output.output_type == "stream":
                output.text = tidy(strip_log_lines(output.text))
            elif "text/plain" in output.get("data", {}):
                output.data["text/plain"] = tidy(output.data["text/plain"])
            if "text/markdown" in output.get("data", {}):
                output.data["text/markdown"] = tidy(output.data["text/markdown"])
        if "outputs" in cell:  # a stream that held only log lines is left out
            cell.outputs = [o for o in cell.outputs if o.output_type != "stream" or o.text]
    return notebook


def main(argv: list[str] | None = None) -> int:
    """Write the committed notebooks (`docs/katas/notebooks/`) from the template."""
    parser = argparse.ArgumentParser(
        prog="python -m ganerrors.site.notebooks", description=main.__doc__
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    options = parser.parse_args(argv)
    from ganerrors.site.config import SiteConfig

    config = SiteConfig.read(options.root)
    course = course_mod.load(options.root / "katas")
    folder = options.root / SOURCE_FOLDER
    paths = write(course, folder, config.repo_url)
    for path in folder.glob("*.ipynb"):
        if path not in paths.values():
            path.unlink()
            print(f"deleted {path.relative_to(options.root)}")
    for path in paths.values():
        print(f"wrote {path.relative_to(options.root)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
