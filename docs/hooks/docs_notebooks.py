"""One notebook per kata, made from the registry: a new kata in katas.toml gets its own.

The notebook runs the kata's broken `gan.py`, shows the error its checker reports first (the
cell is tagged `raises-exception` and carries the registry's claim in its metadata under
`ganerrors`), explains it, shows the fix as a diff and trains the fixed GAN with a plot.

Notebooks are generated, never committed: `write(course, folder)` writes them, `execute(path)`
runs one with nbclient and saves the outputs in place (nbmake does the same in the tests).
"""

from __future__ import annotations

import hashlib
import inspect
import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ganerrors import course as course_mod

#: training steps of the fixed GAN: a few seconds on a CPU, enough to draw bars
TRAIN_STEPS = 4000
#: metadata key of the claim on a raises-exception cell: {"ename": ..., "evalue": regex}
CLAIM = "ganerrors"


def available(course: course_mod.Course, kata: course_mod.Kata) -> bool:
    """The kata's broken file and its solution exist (katas are written one by one)."""
    solution = course.solution_folder(kata)
    return (
        (course.folder(kata) / "gan.py").is_file()
        and solution is not None
        and (solution / "gan.py").is_file()
    )


def filename(kata: course_mod.Kata) -> str:
    return f"{kata.name}.ipynb"


def _checker_call(test: str) -> str:
    from ganerrors.kata import GANChecks

    method = getattr(GANChecks, test, None)
    if method is None:
        raise ValueError(f"the registry names checker test {test!r}, which GANChecks lacks")
    names = [name for name in inspect.signature(method).parameters if name != "self"]
    unknown = set(names) - {"gan", "images", "noise"}
    if unknown:
        raise ValueError(f"{test} needs {sorted(unknown)}, which the notebook does not make")
    arguments = ", ".join("broken" if name == "gan" else name for name in names)
    return f"checker.{test}({arguments})"


def build(kata: course_mod.Kata) -> nbformat.NotebookNode:
    """The notebook of `kata`, not executed."""
    call = _checker_call(kata.failure.test)
    failure = kata.failure
    what = (
        "a silent bug: TensorFlow raises nothing, the checker" if failure.silent else "TensorFlow"
    )
    cells = [
        new_markdown_cell(
            f"# Kata {kata.number}: {kata.title}\n\n{kata.summary}\n\n"
            "This notebook runs the kata's broken `gan.py`, shows the error its checker reports "
            "first, explains it, then trains the fixed GAN from `solutions/` and draws what it "
            "learned. It needs a clone of the repository (`pip install -e .` in it)."
        ),
        new_code_cell(
            "from ganerrors._tf import import_tensorflow\n\n"
            "tf = import_tensorflow()  # TensorFlow, without its C++ log lines\n\n"
            "import difflib\n\n"
            "import matplotlib.pyplot as plt\n"
            "from IPython.display import Markdown\n\n"
            "from ganerrors import checks, course, kata\n"
            "from ganerrors.explainers import explain\n\n"
            "katas = course.load()\n"
            f'this = katas.kata("{kata.number}")\n'
            'broken = kata.load(katas.folder(this) / "gan.py")\n'
            "images = next(iter(broken.dataset))\n"
            "noise = tf.random.stateless_normal((images.shape[0], broken.NOISE_DIM), seed=(1, 1))\n"
            "checker = kata.GANChecks()\n"
            'print("one batch of real images:", images.shape, images.dtype.name)'
        ),
        new_markdown_cell(
            f"## The error\n\nThe checker's first failing test is `{failure.test}`; "
            f"here it is run by hand. What you see comes from {what}."
        ),
        new_code_cell(
            call,
            metadata={
                "tags": ["raises-exception"],
                CLAIM: {"ename": failure.type, "evalue": failure.message},
            },
        ),
        new_markdown_cell("## The explanation"),
        new_code_cell(
            "import sys\n\n"
            "error = sys.last_value  # IPython keeps the exception the cell above raised\n"
            "diagnosis = explain(error)\n"
            "if diagnosis is not None:\n"
            "    print(diagnosis.render())\n"
            'elif getattr(error, "category", None):  # a checker failure names its category\n'
            "    from ganerrors.categories import get\n\n"
            "    category = get(error.category)\n"
            '    print(f"Checklist: {category.title}. {category.question}\\n{category.url}")\n'
            "else:\n"
            '    print(f"ganerrors has no explanation for this {type(error).__name__} yet.")'
        ),
        new_markdown_cell("## The fix\n\nWhat the solution changes, computed from the two files:"),
        new_code_cell(
            'solution = katas.solution_folder(this) / "gan.py"\n'
            "diff = difflib.unified_diff(\n"
            '    (katas.folder(this) / "gan.py").read_text().splitlines(keepends=True),\n'
            "    solution.read_text().splitlines(keepends=True),\n"
            f'    "katas/{kata.number}/gan.py",\n'
            f'    "solutions/{kata.number}/gan.py",\n'
            ")\n"
            'Markdown("```diff\\n" + "".join(diff) + "```")'
        ),
        new_markdown_cell(
            "## Training the fixed GAN\n\n"
            f"{TRAIN_STEPS} steps of the fixed `train_step` on the same data, then the "
            "discriminator's ranking accuracy (how often a real image scores above a fake; "
            "0.5 is chance)."
        ),
        new_code_cell(
            "fixed = kata.load(solution)\n"
            f"for batch in fixed.dataset.repeat().take({TRAIN_STEPS}):\n"
            "    fixed.train_step(batch)\n"
            "fakes = fixed.generator(noise, training=False)\n"
            "accuracy = checks.ranking_accuracy(fixed.discriminator, images, fakes)\n"
            'print(f"ranking accuracy after training: {accuracy:.2f}")'
        ),
        new_code_cell(
            "figure, axes = plt.subplots(2, 8, figsize=(8, 2.3))\n"
            'for row, (name, batch) in enumerate((("real", images), ("generated", fakes))):\n'
            "    for column, axis in enumerate(axes[row]):\n"
            '        axis.imshow(batch[column, :, :, 0], cmap="gray", vmin=-1, vmax=1)\n'
            "        axis.set_axis_off()\n"
            '    axes[row, 0].set_title(name, loc="left", fontsize=9)\n'
            "plt.show()"
        ),
    ]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def write(course: course_mod.Course, folder: Path) -> dict[str, Path]:
    """Write the notebook of every available kata into `folder`: kata number -> path.

    A notebook whose text is unchanged is not rewritten, so its executed outputs survive."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kata in course.katas:
        if not available(course, kata):
            continue
        path = folder / filename(kata)
        text = nbformat.writes(build(kata))
        if not path.is_file() or _source_of(path) != _source_of_text(text):
            path.write_text(text, encoding="utf-8")
        paths[kata.number] = path
    return paths


def _source_of_text(text: str) -> list:
    data = json.loads(text)
    kept = ("tags", CLAIM)  # not what execution adds to a cell's metadata
    return [
        (
            cell["cell_type"],
            cell["source"],
            {k: v for k, v in cell["metadata"].items() if k in kept},
        )
        for cell in data["cells"]
    ]


def _source_of(path: Path) -> list:
    try:
        return _source_of_text(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return []


def is_executed(path: Path) -> bool:
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    return bool(code) and all(cell.get("execution_count") for cell in code)


def inputs_digest(course: course_mod.Course, kata: course_mod.Kata, notebook: Path) -> str:
    """A digest of everything a notebook's outputs depend on: its cells, the kata's files,
    the ganerrors package. Stored in the executed notebook; a different digest re-executes."""
    digest = hashlib.sha256(json.dumps(_source_of(notebook)).encode())
    package = Path(course_mod.__file__).parent
    files = [course.folder(kata) / "gan.py", course.solution_folder(kata) / "gan.py"]
    for path in [*files, *sorted(package.rglob("*.py"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def execute(path: Path, timeout: int = 300) -> None:
    """Run the notebook at `path` with nbclient and save its outputs in place.

    A cell that raises fails the run unless it is tagged `raises-exception`."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    nbformat.write(notebook, path)


def errors(notebook: nbformat.NotebookNode) -> list[tuple[dict, dict | None]]:
    """Each raises-exception cell's claim, with the error output it produced (or None)."""
    found = []
    for cell in notebook.cells:
        if "raises-exception" not in cell.get("metadata", {}).get("tags", []):
            continue
        error = next((o for o in cell.get("outputs", []) if o.output_type == "error"), None)
        found.append((cell.metadata.get(CLAIM, {}), error))
    return found
