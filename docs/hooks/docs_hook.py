"""The MkDocs hook that makes the generated parts of the site from the registry and from runs.

- Every kata in `katas/katas.toml` gets a page (`katas/NN-slug.md`) and, once its files exist,
  a notebook page (`katas/NN-slug.ipynb`); the nav's `Katas` entry is expanded to list them.
- The notebooks are generated (docs_notebooks) and executed with nbclient into
  `build/docs-notebooks/`, re-executed only when their inputs change. With
  `GANERRORS_DOCS_EXECUTED=DIR` the build takes notebooks already executed there instead
  (the test suite runs them with nbmake first, so they run once per test session).
- The error cases (docs_cases) run once per build; markers such as
  `<!-- ganerrors:which-error-where -->` in a page are replaced by tables of what they raised.
  A case whose measured outcome differs from its claim is a warning, so `--strict` fails.
"""

from __future__ import annotations

import base64
import difflib
import html
import logging
import os
import re
import sys
from pathlib import Path

import nbformat
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).parent))

import docs_cases  # noqa: E402
import docs_notebooks  # noqa: E402

from ganerrors import categories  # noqa: E402
from ganerrors import course as course_mod

log = logging.getLogger("mkdocs.hooks.ganerrors")
ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"<!-- ganerrors:([\w-]+)(?: ([\w-]+))? -->")
DIGEST = "ganerrors_digest"

_state: dict = {}


# -- the build -------------------------------------------------------------------------------


def on_config(config):
    course = course_mod.load(ROOT / "katas")
    _state.clear()
    _state["course"] = course
    _state["notebooks"] = _notebooks(course)
    _state["results"] = docs_cases.run_all()
    for result in _state["results"]:
        for problem in result.disagreements():
            log.warning("which error where: %s", problem)
    config.nav = _expand_nav(config.nav, course)
    return config


def _notebooks(course):
    given = os.environ.get("GANERRORS_DOCS_EXECUTED")
    folder = Path(given) if given else ROOT / "build" / "docs-notebooks"
    if given:
        paths = {
            kata.number: folder / docs_notebooks.filename(kata)
            for kata in course.katas
            if docs_notebooks.available(course, kata)
        }
    else:
        paths = docs_notebooks.write(course, folder)
    executed = {}
    for number, path in paths.items():
        kata = course.kata(number)
        if not path.is_file():
            raise FileNotFoundError(f"GANERRORS_DOCS_EXECUTED has no {path.name}")
        if not given:
            digest = docs_notebooks.inputs_digest(course, kata, path)
            current = nbformat.read(path, as_version=4).metadata.get(DIGEST)
            if current != digest or not docs_notebooks.is_executed(path):
                log.info("executing %s", path.name)
                docs_notebooks.execute(path)
                notebook = nbformat.read(path, as_version=4)
                notebook.metadata[DIGEST] = digest
                nbformat.write(notebook, path)
        elif not docs_notebooks.is_executed(path):
            raise RuntimeError(f"{path} has not been executed")
        executed[number] = _tidy_notebook(path)
    return executed


def _tidy_notebook(path):
    """Shorten the paths in outputs as docs_cases.tidy does; returns the tidied copy's path."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.evalue = docs_cases.tidy(output.evalue)
                output.traceback = [docs_cases.tidy(line) for line in output.traceback]
            elif output.output_type == "stream":
                output.text = docs_cases.tidy(output.text)
    tidy = path.parent / "site" / "katas" / path.name  # src_dir/src_uri of the site's file
    tidy.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, tidy)
    return tidy


def _expand_nav(nav, course):
    expanded = []
    for item in nav or []:
        if isinstance(item, dict) and item.get("Katas") == "katas/index.md":
            pages = ["katas/index.md"]
            pages += [{_kata_title(k): f"katas/{k.name}.md"} for k in course.katas]
            notebooks = [
                {_kata_title(k): f"katas/{k.name}.ipynb"}
                for k in course.katas
                if k.number in _state["notebooks"]
            ]
            if notebooks:
                pages.append({"Notebooks": notebooks})
            item = {"Katas": pages}
        expanded.append(item)
    return expanded


def _kata_title(kata):
    return f"{kata.number} · {kata.title}"


@event_priority(100)  # before mkdocs-jupyter, so that it takes the notebooks added here
def on_files(files, config):
    course = _state["course"]
    files.append(File.generated(config, "katas/index.md", content=_katas_index(course)))
    for kata in course.katas:
        notebook = _state["notebooks"].get(kata.number)
        image = _samples_png(notebook) if notebook else None
        if image:
            files.append(File.generated(config, f"katas/{kata.name}.png", content=image))
        if notebook:
            # a File with a src_dir, not File.generated: mkdocs-jupyter's wrapper of a file
            # finds its source path from src_dir and src_uri only
            files.append(
                File(
                    f"katas/{kata.name}.ipynb",
                    src_dir=str(notebook.parents[1]),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
            )
        page = _kata_page(course, kata, notebook, has_image=image is not None)
        files.append(File.generated(config, f"katas/{kata.name}.md", content=page))
    return files


def on_page_markdown(markdown, page, config, files):
    def replace(match):
        name, argument = match.group(1), match.group(2)
        if name not in MARKERS:
            raise ValueError(f"{page.file.src_uri}: unknown marker {match.group(0)}")
        return MARKERS[name](argument, page)

    return MARKER.sub(replace, markdown)


# -- kata pages ------------------------------------------------------------------------------


def _katas_index(course):
    rows = "\n".join(
        f"| [{k.number}]({k.name}.md) | [{k.title}]({k.name}.md) | "
        f"[{categories.get(k.checklist).title}](../checklist.md#{k.checklist}) | "
        f"{'silent: only the checker notices' if k.failure.silent else f'`{k.failure.type}`'} | "
        f"{k.minutes} min |"
        for k in course.katas
    )
    return f"""# Katas

Each kata is a small GAN with one bug from the [checklist](../checklist.md). Run its checker,
read the error, fix `gan.py`, run it again:

```bash
pytest katas/01
```

| Kata | Title | Checklist | What you see | Time |
| --- | --- | --- | --- | --- |
{rows}

Each kata's page shows the real error it raises on the TensorFlow this site was built with,
the explanation, the fix as a diff against `solutions/`, and the fixed GAN after training.
Try the kata before you open the Fixed tab.
"""


def _outputs(notebook_path):
    notebook = nbformat.read(notebook_path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    return notebook, code


def _error_of(notebook_path):
    notebook = nbformat.read(notebook_path, as_version=4)
    found = docs_notebooks.errors(notebook)
    return found[0][1] if found else None


def _stream_after_error(notebook_path):
    """The text the explanation cell printed: the first stream output after the error."""
    _, code = _outputs(notebook_path)
    seen_error = False
    for cell in code:
        outputs = cell.get("outputs", [])
        if any(o.output_type == "error" for o in outputs):
            seen_error = True
            continue
        if seen_error:
            return "".join(o.text for o in outputs if o.output_type == "stream").strip()
    return ""


def _training_text(notebook_path):
    _, code = _outputs(notebook_path)
    texts = [
        "".join(o.text for o in cell.get("outputs", []) if o.output_type == "stream")
        for cell in code
    ]
    return next((t.strip() for t in texts if "ranking accuracy" in t), "")


def _samples_png(notebook_path):
    _, code = _outputs(notebook_path)
    for cell in reversed(code):
        for output in cell.get("outputs", []):
            if output.output_type == "display_data" and "image/png" in output.get("data", {}):
                return base64.b64decode(output.data["image/png"])
    return None


def _indent(text, spaces=4):
    return "\n".join((" " * spaces + line) if line.strip() else "" for line in text.splitlines())


def _fence(text, language="text"):
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{language}\n{text}\n{ticks}"


def _kata_page(course, kata, notebook, has_image):
    category = categories.get(kata.checklist)
    failure_category = categories.get(kata.failure.category)
    folder = f"katas/{kata.number}"
    lines = [
        f"# Kata {kata.number}: {kata.title}",
        "",
        kata.summary,
        "",
        "| | |",
        "| --- | --- |",
        f"| Checklist | [{category.title}](../checklist.md#{category.id}): {category.question} |",
        f"| Time | about {kata.minutes} minutes |",
        f"| Run the checker | `pytest {folder}` |",
        "",
    ]
    if notebook is None:
        lines += [
            '!!! warning "Being written"',
            f"    `{folder}/gan.py` or its solution is not in the repository yet; this page "
            "fills in when both are.",
            "",
        ]
        return "\n".join(lines)
    solution = course.solution_folder(kata)
    error = _error_of(notebook)
    explanation = _stream_after_error(notebook)
    diff = "".join(
        difflib.unified_diff(
            (course.folder(kata) / "gan.py").read_text(encoding="utf-8").splitlines(True),
            (solution / "gan.py").read_text(encoding="utf-8").splitlines(True),
            f"{folder}/gan.py",
            f"solutions/{kata.number}/gan.py",
        )
    ).rstrip("\n")
    lines += ["## The error", ""]
    if error is None:
        log.warning("kata %s: its notebook's failing cell raised nothing", kata.number)
    else:
        who = "the checker reports" if kata.failure.silent else "TensorFlow raises"
        lines += [
            f"Running the checker, `{kata.failure.test}` fails first. "
            + ("TensorFlow raises nothing: this bug is silent, and " if kata.failure.silent else "")
            + f"{who}:",
            "",
            f'!!! failure "{error.ename}"',
            _indent(_fence(docs_cases.key_line(error.evalue))),
            "",
            '??? failure "The whole message"',
            _indent(_fence(docs_cases.tidy(error.evalue))),
            "",
        ]
    lines += [
        "## Hints",
        "",
        *[
            f'??? tip "Hint {number}"\n{_indent(hint)}\n'
            for number, hint in enumerate(kata.hints, start=1)
        ],
        "## Broken, fixed, why",
        "",
        '=== "Broken"',
        "",
        f'    ```python title="{folder}/gan.py" linenums="1"',
        f'    --8<-- "{folder}/gan.py"',
        "    ```",
        "",
        '=== "Fixed"',
        "",
        _indent(_fence(diff, "diff")),
        "",
        '=== "Why"',
        "",
        _indent(
            f"**Checklist: [{failure_category.title}](../checklist.md#{failure_category.id}).** "
            f"{failure_category.question}"
        ),
        "",
        _indent("What the notebook printed when it explained the error:"),
        "",
        _indent(_fence(explanation or "(nothing)")),
        "",
        "## The fixed GAN, trained",
        "",
        f"The [notebook]({kata.name}.ipynb) trains `solutions/{kata.number}/gan.py` for "
        f"{docs_notebooks.TRAIN_STEPS} steps. It printed:",
        "",
        _fence(_training_text(notebook)),
        "",
    ]
    if has_image:
        lines += [
            f"![Real images (top row) and images the fixed generator drew (bottom row)]"
            f"({kata.name}.png)",
            "",
        ]
    return "\n".join(lines)


# -- markers -------------------------------------------------------------------------------


def _code(text):
    return "<code>" + html.escape(text).replace("|", "&#124;") + "</code>"


def _cell(outcome, width=110):
    if outcome.raised is None:
        note = f" ({outcome.note})" if outcome.note else ""
        return f"nothing raised{html.escape(note).replace('|', '&#124;')}"
    line = outcome.key_line
    if len(line) > width:
        line = line[: width - 1] + "…"
    return f"**{outcome.raised}**<br>{_code(line)}"


def _case_link(case, page):
    prefix = "../" * page.file.src_uri.count("/")
    link = f"{prefix}which-error-where.md#{case.id}"
    return f"[{html.escape(case.title)}]({link})"


def _kata_link(number, page):
    course = _state["course"]
    kata = course.kata(number)
    prefix = "../" * page.file.src_uri.count("/")
    return f"[Kata {kata.number}]({prefix}katas/{kata.name}.md)"


def _table(results, page, first="Case"):
    rows = [
        f"| {first} | Eager | tf.function | tf.function, unknown batch |",
        "| --- | --- | --- | --- |",
    ]
    for result in results:
        case = result.case
        name = _case_link(case, page)
        if case.kata:
            name += f"<br>{_kata_link(case.kata, page)}"
        rows.append(
            f"| {name} | "
            + " | ".join(_cell(result.outcomes[mode]) for mode in docs_cases.MODES)
            + " |"
        )
    return "\n".join(rows)


def _versions():
    tf = docs_cases._tf()
    return f"TensorFlow {tf.__version__}, Keras {tf.keras.__version__}"


def marker_versions(argument, page):
    return _versions()


def marker_which_error_where(argument, page):
    results = _state["results"]
    parts = [_table(results, page), ""]
    for result in results:
        case = result.case
        category = categories.get(case.category)
        parts += [
            f"### {html.escape(case.title)} {{ #{case.id} }}",
            "",
            f"Checklist: [{category.title}](checklist.md#{category.id})."
            + (f" {_kata_link(case.kata, page)}." if case.kata else ""),
            "",
        ]
        for mode in docs_cases.MODES:
            outcome = result.outcomes[mode]
            if outcome.raised is None:
                parts += [f"- **{mode}**: nothing raised; {outcome.note}.", ""]
            else:
                parts += [
                    f'??? failure "{mode}: {outcome.raised}"',
                    _indent(_fence(docs_cases.tidy(outcome.message))),
                    "",
                ]
    return "\n".join(parts)


def marker_messages(argument, page):
    if argument not in categories.CATEGORIES:
        raise ValueError(f"{page.file.src_uri}: no category {argument!r}")
    results = [r for r in _state["results"] if r.case.category == argument]
    if not results:
        raise ValueError(f"{page.file.src_uri}: no case shows category {argument!r}")
    return _table(results, page)


def marker_errors_index(argument, page):
    """Every message fragment the site shows, with its checklist section and kata."""
    entries = {}
    for result in _state["results"]:
        for outcome in result.outcomes.values():
            if outcome.raised:
                key = (outcome.raised, _fragment(outcome.key_line))
                entries.setdefault(key, (result.case.category, set()))
                entries[key][1].add(_case_link(result.case, page))
                if result.case.kata:
                    entries[key][1].add(_kata_link(result.case.kata, page))
    course = _state["course"]
    for kata in course.katas:
        notebook = _state["notebooks"].get(kata.number)
        error = _error_of(notebook) if notebook else None
        if error is not None:
            key = (error.ename, _fragment(docs_cases.key_line(error.evalue)))
            entries.setdefault(key, (kata.failure.category, set()))
            entries[key][1].add(_kata_link(kata.number, page))
    order = list(categories.CATEGORIES)
    rows = ["| Message | Type | Checklist | Where |", "| --- | --- | --- | --- |"]
    for (kind, fragment), (category, links) in sorted(
        entries.items(), key=lambda item: (order.index(item[1][0]), item[0])
    ):
        title = categories.get(category).title
        rows.append(
            f"| {_code(fragment)} | `{kind}` | [{title}](checklist.md#{category}) | "
            f"{', '.join(sorted(links))} |"
        )
    return "\n".join(rows)


def _fragment(line):
    """A message without the numbers that change from run to run (layer and node names)."""
    line = re.sub(r"'dense_\d+'", "'dense_N'", line)
    return re.sub(r"\[Op:__inference_\w+\]", "", line).strip()


def marker_kata_times(argument, page):
    course = _state["course"]
    rows = ["| Kata | Checklist | Minutes |", "| --- | --- | --- |"]
    rows += [
        f"| {_kata_link(k.number, page)}: {k.title} | "
        f"[{categories.get(k.checklist).title}](checklist.md#{k.checklist}) | {k.minutes} |"
        for k in course.katas
    ]
    total = sum(k.minutes for k in course.katas)
    rows.append(f"| **All {len(course.katas)} katas** | | **{total}** |")
    return "\n".join(rows)


MARKERS = {
    "versions": marker_versions,
    "which-error-where": marker_which_error_where,
    "messages": marker_messages,
    "errors-index": marker_errors_index,
    "kata-times": marker_kata_times,
}
