"""A learner's solved katas never reach the site: it runs and shows each kata as shipped.

Each test works on a temporary copy of part of the course (a git repository of its own where
git is needed); the checkout's katas/ is never written. No TensorFlow runs here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from ganerrors import course
from ganerrors.cases import get
from ganerrors.site import as_shipped, measure, notebooks, pages, quiet
from ganerrors.site.config import SiteConfig
from ganerrors.site.tidy import Tidy
from ganerrors.workshop import shipped

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY = SiteConfig.read(ROOT).repo_url
#: The course as shipped (git HEAD of this checkout), whatever its working tree holds.
SHIPPED = shipped.from_clone(ROOT)
NUMBERS = ("01", "05")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _course(folder: Path) -> Path:
    """A course of katas 01 and 05 in `folder`, as shipped, with this checkout's registry."""
    shutil.copy(ROOT / "katas" / course.REGISTRY_NAME, _made(folder / "katas") / "katas.toml")
    for number in NUMBERS:
        for path in (f"katas/{number}/gan.py", f"solutions/{number}/gan.py"):
            (_made((folder / path).parent) / Path(path).name).write_bytes(SHIPPED.files[path])
    return folder


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _git_course(tmp_path: Path) -> Path:
    repo = _course(tmp_path / "repo")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "course"]):
        subprocess.run([*git, *command], cwd=repo, check=True)
    return repo


def _solve(repo: Path, number: str) -> None:
    (repo / "katas" / number / "gan.py").write_bytes(SHIPPED.files[f"solutions/{number}/gan.py"])


def _katas(repo: Path) -> tuple[course.Course, list[course.Kata]]:
    registry = course.reload(repo / "katas")
    return registry, [registry.kata(number) for number in NUMBERS]


@needs_git
def test_a_kata_solved_in_the_working_tree_is_run_and_shown_as_shipped(tmp_path: Path) -> None:
    repo = _git_course(tmp_path)
    registry, katas = _katas(repo)
    before = as_shipped.read(registry, katas)
    assert before.commit and not before.differs and not before.on_disk
    _solve(repo, "01")
    _solve(repo, "05")
    after = as_shipped.read(registry, katas)
    for kata in katas:
        assert after.kata_file(kata) == SHIPPED.files[f"katas/{kata.number}/gan.py"]
        assert after.kata_file(kata) != (repo / "katas" / kata.number / "gan.py").read_bytes()
        # the cached notebook stays current: solving a kata measures nothing again
        notebook = notebooks.build(kata, REPOSITORY)
        assert notebooks.inputs_digest(kata, notebook, after) == notebooks.inputs_digest(
            kata, notebook, before
        )
    assert after.differs == ("katas/01/gan.py", "katas/05/gan.py")


@needs_git
def test_the_notebooks_kernels_read_the_copy_as_shipped(tmp_path: Path, monkeypatch) -> None:
    repo = _git_course(tmp_path)
    _solve(repo, "01")
    registry, katas = _katas(repo)
    folder = as_shipped.read(registry, katas).write(
        tmp_path / "cache" / "course", repo / "katas" / course.REGISTRY_NAME
    )
    monkeypatch.setenv(course.KATAS_ENV, str(folder))
    copy = course.reload()  # what `course.load(COURSE)` reads in a kernel, COURSE being None
    kata = copy.kata("01")
    assert copy.root == folder.resolve()
    assert copy.kata_file(kata).read_bytes() == SHIPPED.files["katas/01/gan.py"]
    solution = copy.solution_folder(kata)
    assert solution is not None
    assert (solution / "gan.py").read_bytes() == SHIPPED.files["solutions/01/gan.py"]
    assert (repo / "katas" / "01" / "gan.py").read_bytes() == SHIPPED.files["solutions/01/gan.py"]
    monkeypatch.delenv(course.KATAS_ENV)
    course.reload()


def test_outside_git_the_files_on_disk_are_what_runs(tmp_path: Path) -> None:
    folder = _course(tmp_path / "copy")
    registry, katas = _katas(folder)
    found = as_shipped.read(registry, katas)
    assert found.commit is None and not found.differs
    assert set(found.on_disk) == set(found.files) and len(found.files) == 4


def _executed_without_error(kata: course.Kata) -> nbformat.NotebookNode:
    """The kata's notebook as nbclient leaves it when its checks all pass: the cell tagged
    raises-exception ran and raised nothing, and the next one stopped the run."""
    notebook = notebooks.build(kata, REPOSITORY)
    for count, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        cell.execution_count = count + 1
        if "raises-exception" in cell.metadata.get("tags", []):
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="passed\n")]
            break
    return notebook


class _CellError(Exception):
    ename = "AttributeError"
    evalue = "module 'sys' has no attribute 'last_value'"


@pytest.mark.parametrize("commit", ["0123456789abcdef", None], ids=["committed", "no-git"])
def test_a_kata_that_still_passes_as_shipped_fails_the_build_in_one_line(commit) -> None:
    registry = course.load()
    kata = registry.kata("01")
    files = {"katas/01/gan.py": b"", "solutions/01/gan.py": b""}
    found = as_shipped.AsShipped(files, commit, () if commit else tuple(files))
    line = measure.why_failed(kata, _executed_without_error(kata), _CellError(), found)
    assert "\n" not in line and "last_value" not in line
    assert line.startswith("katas/01/gan.py ") and "passes its checks" in line
    assert "clean clone" in line
    assert ("0123456789" in line) == bool(commit)


def test_another_failure_of_a_notebook_is_one_line_naming_it() -> None:
    kata = course.load().kata("05")
    notebook = notebooks.build(kata, REPOSITORY)
    line = measure.why_failed(kata, notebook, _CellError(), as_shipped.AsShipped({}, None))
    assert line == (
        f"{notebooks.filename(kata)}: a cell raised AttributeError: "
        "module 'sys' has no attribute 'last_value'"
    )


def test_the_build_fails_with_the_lines_that_say_why(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(measure.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(notebooks, "available", lambda course, kata: False)
    why = "katas/01/gan.py at git HEAD (0123456789) passes its checks: ..."
    logged: list[str] = []

    def measuring(command, cwd, on_output, env=None) -> int:
        on_output("executed 02-integer-pixels.ipynb in 8.0 s")
        on_output(measure.FAILED + why)
        return 1

    monkeypatch.setattr(quiet, "run", measuring)
    with pytest.raises(measure.MeasureFailed) as failed:
        cases = [get("two-scores-per-image")]
        measure.prepare(ROOT, course.load(), REPOSITORY, logged.append, cases=cases)
    assert str(failed.value) == why
    assert logged == ["executed 02-integer-pixels.ipynb in 8.0 s"]


def test_a_kata_page_shows_the_kata_as_shipped(tmp_path: Path) -> None:
    registry = course.load()
    kata = registry.kata("01")
    files = {"katas/01/gan.py": b"broken = True\n", "solutions/01/gan.py": b"broken = False\n"}
    error = nbformat.v4.new_output("error", ename="ValueError", evalue="shapes", traceback=[])
    cell = nbformat.v4.new_code_cell(outputs=[error], metadata={"tags": ["raises-exception"]})
    executed = notebooks.Executed(tmp_path / "x.ipynb", nbformat.v4.new_notebook(cells=[cell]))
    page = pages.KataPage(
        kata,
        registry,
        SiteConfig.read(ROOT),
        Tidy(ROOT),
        executed,
        "",
        as_shipped.AsShipped(files, None),
    )
    text = pages.kata_page(page)
    assert '```python title="katas/01/gan.py" linenums="1"\n    broken = True\n    ```' in text
    assert "-broken = True\n    +broken = False" in text
    assert "--8<--" not in text  # the working tree's file is never read
