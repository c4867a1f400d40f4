"""The MkDocs hook: it renders what `ganerrors.site` measured, and measures nothing itself.

- on_config: read the registry, get every case's result and every kata's executed notebook
  (`ganerrors.site.measure`: cached, measured in a subprocess only when something changed),
  warn about each claim that TensorFlow contradicts (fatal under --strict), list the katas
  (part by part) and their notebooks in the nav.
- on_files: add the generated pages (the katas' index, one page and one picture per kata)
  and swap each committed notebook for the copy the build executed and tidied.
- on_nav: fail when two source files build to one URL.
- on_page_markdown: replace the `<!-- ganerrors:NAME [ARGUMENT] -->` markers (the
  explainer's score on its held-out corpus is measured in on_config: about 0.1 s, no cache).
- on_page_content / on_page_context: a notebook page's buttons and description, and the edit
  link of a generated page (the file its text comes from).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ganerrors import course as course_mod
from ganerrors.site import explainer_score, measure, notebooks, pages, urls, why
from ganerrors.site.config import SiteConfig
from ganerrors.site.tidy import Tidy

log = logging.getLogger("mkdocs.hooks.ganerrors")
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.use_directory_urls:
        raise ValueError("the site's notebook buttons assume use_directory_urls: true")
    root = Path(config.config_file_path).parent
    course = course_mod.load(root / "katas")
    site = SiteConfig.of(config)
    try:
        measured = measure.prepare(root, course, site.repo_url, log.info)
    except measure.MeasureFailed as exc:  # one line for each notebook that failed, no traceback
        raise PluginError(str(exc)) from None
    problems = list(measured.problems)
    problems += notebooks.problems(course, root / notebooks.SOURCE_FOLDER, site.repo_url)
    for problem in problems:
        log.warning(problem)
    tidy = Tidy(root)
    corpus_url = site.tree(str(explainer_score.CORPUS.parent / "corpus"))
    explainer = (explainer_score.measure(root), corpus_url)
    context = pages.Context(
        course, measured.results, measured.notebooks, tidy, _versions(), explainer
    )
    _state.clear()
    _state.update(root=root, course=course, site=site, tidy=tidy, context=context)
    _state.update(shipped=measured.shipped)
    config.nav = _nav(config.nav, course, measured.notebooks)
    return config


def _versions() -> str:
    from importlib.metadata import version

    return f"TensorFlow {version('tensorflow')}, Keras {version('keras')}"


def _nav(nav: list[Any] | None, course: course_mod.Course, executed: dict[str, Any]) -> list[Any]:
    """The nav's `Katas: katas/index.md` entry, expanded into every kata, part by part, and
    its notebook."""
    expanded = []
    for item in nav or []:
        if isinstance(item, dict) and item.get("Katas") == "katas/index.md":
            entries: list[Any] = ["katas/index.md"]
            entries += [
                {pages.part_title(part): [pages.kata_uri(kata) for kata in katas]}
                for part, katas in pages.parts(course)
            ]
            books = [
                {pages.notebook_title(k): pages.notebook_uri(k)}
                for k in course.katas
                if k.number in executed
            ]
            item = {"Katas": entries + ([{"Notebooks": books}] if books else [])}
        expanded.append(item)
    return expanded


@event_priority(100)  # before mkdocs-jupyter, so that it wraps the notebooks swapped in here
def on_files(files: Files, config: MkDocsConfig) -> Files:
    course, context = _state["course"], _state["context"]
    store = measure.Store(measure.cache_folder(_state["root"]))
    files.append(File.generated(config, "katas/index.md", content=pages.katas_index(course)))
    for kata in course.katas:
        executed = context.notebooks.get(kata.number)
        image = executed.image("samples") if executed else None
        if image:
            files.append(File.generated(config, f"katas/{kata.name}.png", content=image))
        if executed:
            committed = files.get_file_from_path(pages.notebook_uri(kata))
            if committed is not None:
                files.remove(committed)
            # a File read from a folder, not File.generated: mkdocs-jupyter converts a
            # notebook from its abs_src_path
            files.append(
                File(
                    pages.notebook_uri(kata),
                    src_dir=str(store.pages),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
            )
        page = pages.KataPage(
            kata, course, _state["site"], _state["tidy"], executed, _why(kata), _state["shipped"]
        )
        files.append(File.generated(config, pages.kata_uri(kata), content=pages.kata_page(page)))
    return files


def _why(kata: course_mod.Kata) -> str:
    path = why.path(_state["root"], kata.number)
    if not path.is_file():
        log.info(
            "kata %s has no %s: its Why tab says only the checklist question",
            kata.number,
            path.name,
        )
        return ""
    context = _state["context"]
    executed = context.notebooks.get(kata.number)
    error = executed.error if executed else None
    results = {result.case.id: result for result in context.results}
    shown = _state["tidy"](pages.key_line(error.evalue)) if error else None
    where = str(path.relative_to(_state["root"]))
    return why.render(path.read_text(encoding="utf-8"), results, shown, where, _state["tidy"])


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    for conflict in urls.conflicts(files):
        log.warning(conflict)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return pages.render_markers(markdown, page.file.src_uri, _state["context"])


def _kata_of_notebook(page: Page) -> course_mod.Kata | None:
    for kata in _state["course"].katas:
        if page.file.src_uri == pages.notebook_uri(kata):
            return kata
    return None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    kata = _kata_of_notebook(page)
    if kata is None:
        return html
    head, found, rest = html.partition("</h1>")
    buttons = pages.notebook_buttons(kata, _state["site"])
    return head + found + buttons + rest if found else buttons + html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    site: SiteConfig = _state["site"]
    kata = _kata_of_notebook(page)
    if kata is not None:
        executed = _state["context"].notebooks[kata.number]
        page.meta["description"] = pages.notebook_description(kata, executed, _state["tidy"])
        page.edit_url = site.edit(notebooks.TEMPLATE_IN_REPOSITORY)
    elif page.file.generated_by:
        page.edit_url = site.edit("katas/katas.toml")
    return context
