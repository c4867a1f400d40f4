"""The kata notebooks as generated from the registry (executing them is tests/test_site.py's)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from ganerrors import course

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "hooks"))

import docs_notebooks  # noqa: E402


def test_every_written_kata_gets_a_notebook_claiming_its_registered_failure(tmp_path) -> None:
    katas = course.load()
    paths = docs_notebooks.write(katas, tmp_path)
    written = [k.number for k in katas.katas if docs_notebooks.available(katas, k)]
    assert "01" in written and sorted(paths) == written
    for number, path in paths.items():
        failure = katas.kata(number).failure
        claims = [claim for claim, _ in docs_notebooks.errors(nbformat.read(path, as_version=4))]
        assert claims == [{"ename": failure.type, "evalue": failure.message}]


def test_a_notebook_imports_tensorflow_quietly_before_anything_else(tmp_path) -> None:
    path = docs_notebooks.write(course.load(), tmp_path)["01"]
    first = next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert first.source.startswith("from ganerrors._tf import import_tensorflow\n")


def test_rewriting_a_notebook_keeps_its_executed_outputs(tmp_path) -> None:
    katas = course.load()
    path = docs_notebooks.write(katas, tmp_path)["01"]
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", text="kept")]
    notebook.cells[1].metadata["execution"] = {"iopub.status.idle": "then"}
    nbformat.write(notebook, path)
    docs_notebooks.write(katas, tmp_path)
    assert nbformat.read(path, as_version=4).cells[1].outputs[0].text == "kept"
