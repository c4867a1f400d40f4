"""The Markdown of the generated pages and of the markers that the hand-written pages hold.

Every function here is pure: it gets what was measured and returns Markdown (or, for the
notebook pages' buttons, HTML). Links are relative to the page they are written for, given
as its `src_uri` (`katas/01-two-scores-per-image.md`), so MkDocs checks every one of them.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ganerrors import categories
from ganerrors.cases import MODES, Case, Outcome, Result
from ganerrors.cases.model import key_line
from ganerrors.course import Course, Kata, Part
from ganerrors.site import explainer_score, notebooks, trained
from ganerrors.site.as_shipped import AsShipped
from ganerrors.site.config import SiteConfig
from ganerrors.site.explainer_score import ExplainerScore
from ganerrors.site.notebooks import Executed
from ganerrors.site.tidy import Tidy, normalise_names

MARKER = re.compile(r"<!-- ganerrors:([\w-]+)(?: ([^>]*?))? -->")
#: The column titles of a mode, in the tables of which error where.
MODE_TITLES = {
    "eager": "Eager",
    "tf.function": "tf.function",
    "unknown batch": "tf.function, unknown batch",
}
#: The same, in a list in a sentence ("ValueError (eager, tf.function)"), where a title with a
#: comma would read as two modes.
MODE_WORDS = {"eager": "eager", "tf.function": "tf.function", "unknown batch": "unknown batch size"}


def link(page: str, target: str) -> str:
    """The relative link from the page whose src_uri is `page` to `target` (a src_uri)."""
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def kata_uri(kata: Kata) -> str:
    return f"katas/{kata.name}.md"


def notebook_uri(kata: Kata) -> str:
    return f"{notebooks.URL_FOLDER}/{notebooks.filename(kata)}"


def kata_title(kata: Kata) -> str:
    return f"Kata {kata.number}: {kata.title}"


def notebook_title(kata: Kata) -> str:
    return f"Notebook {kata.number}: {kata.title}"


def in_sentence(title: str) -> str:
    """A title inside a sentence: "The last batch" -> "the last batch"; a first word that is
    an acronym or a name with capitals inside ("NaN", "GANs") is kept as it is."""
    first = title.split(" ", 1)[0]
    return title if any(c.isupper() for c in first[1:]) else title[:1].lower() + title[1:]


def part_title(part: Part) -> str:
    return f"Part {part.number}: {part.title}"


def part_anchor(part: Part) -> str:
    """The part's section on the katas' index: `katas/index.md#part-2`."""
    return f"part-{part.number}"


def parts(course: Course) -> list[tuple[Part, list[Kata]]]:
    """The parts of the course in the registry's order, each with its katas (a part without
    katas is left out; a registry without [[part]] tables has the parts its katas name)."""
    found = course.parts or tuple(dict.fromkeys(course.part(kata) for kata in course.katas))
    grouped = [(part, [k for k in course.katas if k.part == part.number]) for part in found]
    return [(part, katas) for part, katas in grouped if katas]


def fence(text: str, language: str = "text", indent: int = 0) -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    block = f"{ticks}{language}\n{text}\n{ticks}"
    return indented(block, indent) if indent else block


def indented(text: str, spaces: int = 4) -> str:
    return "\n".join((" " * spaces + line) if line.strip() else "" for line in text.splitlines())


def code(text: str) -> str:
    """Inline code that keeps every character, backticks included, inside a table cell."""
    escaped = html.escape(" ".join(text.split()), quote=False)  # one line: a table row
    for char in "|`*_[]\\{}":  # characters Markdown would read inside raw inline HTML
        escaped = escaped.replace(char, f"&#{ord(char)};")
    return f"<code>{escaped}</code>"


def message_box(title: str, text: str, collapsed: bool = False) -> str:
    """An error box as raw HTML, as `!!! failure` (or, collapsed, `??? quote`) renders it.

    Raw HTML costs Markdown nothing to parse and Pygments nothing to highlight: which error
    where holds over a hundred of these, and `mkdocs serve` rebuilds it on every edit.
    """
    body = f"<pre><code>{html.escape(text, quote=False)}</code></pre>"
    if collapsed:
        return (
            f'<details class="quote">\n<summary>{html.escape(title)}</summary>\n{body}\n</details>'
        )
    return (
        f'<div class="admonition failure">\n<p class="admonition-title">{html.escape(title)}</p>'
        f"\n{body}\n</div>"
    )


def front_matter(title: str, description: str) -> str:
    def quoted(text: str) -> str:
        return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'

    return f"---\ntitle: {quoted(title)}\ndescription: {quoted(description)}\n---\n\n"


def description_of(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# -- kata pages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KataPage:
    """What a kata's page is made of, beyond the registry."""

    kata: Kata
    course: Course
    config: SiteConfig
    tidy: Tidy
    executed: Executed | None  # None while the kata's files are being written
    why: str  # the Why tab's Markdown, placeholders filled in ("" when it has none)
    #: the kata's gan.py and its fix as shipped, never a learner's solved copy (with `executed`)
    shipped: AsShipped | None = None


def _diff(shipped: AsShipped, kata: Kata) -> str:
    return "".join(
        difflib.unified_diff(
            shipped.kata_file(kata).decode("utf-8").splitlines(True),
            shipped.solution(kata).decode("utf-8").splitlines(True),
            f"katas/{kata.number}/gan.py",
            f"solutions/{kata.number}/gan.py",
        )
    ).rstrip("\n")


def url_of(uri: str) -> str:
    """The URL of the page whose src_uri is `uri`, relative to the site (directory URLs)."""
    stem = uri.rsplit(".", 1)[0]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def url_link(page: str, target: str) -> str:
    """A link for raw HTML on the page `page` (a src_uri) to the page `target` (a src_uri)."""
    return posixpath.relpath(url_of(target) or ".", url_of(page) or ".") + "/"


def colab(kata: Kata, config: SiteConfig) -> str:
    return config.colab(f"{notebooks.SOURCE_FOLDER}/{notebooks.filename(kata)}")


def kata_page(page: KataPage) -> str:
    kata, course = page.kata, page.course
    uri = kata_uri(kata)
    item = categories.get(kata.checklist)
    item_link = f"[{item.title}]({link(uri, f'checklist.md#{item.id}')})"
    part = course.part(kata)
    error = page.executed.error if page.executed else None
    headline = page.tidy(key_line(error.evalue)) if error else ""
    description = (
        f"Kata {kata.number} ({item.title}): "
        + (f"{error.ename}: {headline}" if error and not kata.failure.silent else "a silent bug. ")
        + (" " if error and not kata.failure.silent else "")
        + " ".join(kata.summary.split())
    )
    lines = [
        front_matter(kata_title(kata), description_of(description)),
        f"# {kata_title(kata)}",
        "",
        " ".join(kata.summary.split()),
        "",
        "| | |",
        "| --- | --- |",
        f"| Part | [{part_title(part)}]({link(uri, f'katas/index.md#{part_anchor(part)}')}) |",
        f"| Checklist | {item_link}: {item.question} |",
        f"| Time | about {kata.minutes} minutes |",
        f"| Run the checker | `pytest katas/{kata.number}` |",
    ]
    if page.executed is None or error is None or page.shipped is None:
        return "\n".join(
            lines
            + [
                "",
                '!!! warning "Being written"',
                f"    `katas/{kata.number}/gan.py` or its solution is not in the repository "
                "yet; this page fills in when both are.",
                "",
            ]  # fmt: skip
        )
    lines += [
        f"| Notebook | [{notebook_title(kata)}]({link(uri, notebook_uri(kata))}) · "
        f"[Open in Colab]({colab(kata, page.config)}) |",
        "",
        "## The error",
        "",
        f"Run the checker and `{kata.failure.test}` fails first. "
        + (
            "TensorFlow raises nothing: this bug is silent, and the checker reports:"
            if kata.failure.silent
            else "TensorFlow raises:"
        ),
        "",
        f'!!! failure "{error.ename}"',
        fence(headline, indent=4),
        "",
        '??? failure "The whole message"',
        fence(page.tidy(error.evalue), indent=4),
        "",
    ]
    explanation = page.executed.stream("explanation")
    if explanation.startswith("ganerrors:"):
        lines += ["What `ganerrors` says about it:", "", fence(explanation), ""]
    lines += ["## Hints", ""]
    for number, hint in enumerate(kata.hints, start=1):
        lines += [f'??? tip "Hint {number}"', indented(hint), ""]
    why = page.why or (f"{item.question} The error above is what happens when the answer is no.")
    lines += [
        "## Broken, fixed, why",
        "",
        '=== "Broken"',
        "",
        fence(
            page.shipped.kata_file(kata).decode("utf-8").rstrip("\n"),
            f'python title="katas/{kata.number}/gan.py" linenums="1"',
            indent=4,
        ),
        "",
        '=== "Fixed"',
        "",
        fence(_diff(page.shipped, kata), "diff", indent=4),
        "",
        '=== "Why"',
        "",
        indented(f"**Checklist: {item_link}.** {item.question}"),
        "",
        indented(f'<div class="why" markdown>\n\n{why}\n\n</div>'),
        "",
    ]
    lines += _trained_section(page)
    return "\n".join(lines)


def _trained_section(page: KataPage) -> list[str]:
    kata = page.kata
    assert page.executed is not None
    lines = [
        "## The fixed GAN, trained",
        "",
        f"The [notebook]({link(kata_uri(kata), notebook_uri(kata))}) trains "
        f"`solutions/{kata.number}/gan.py` on the kata's data: "
        f"{page.executed.stream('training')}. How well its generator draws then:",
        "",
        page.executed.markdown("training") or "(the notebook measured nothing)",
        "",
        trained.EXPLANATION,
        "",
    ]
    if page.executed.image("samples") is not None:
        lines += [
            f"![Real images (top row) and images the fixed generator of kata {kata.number} drew "
            f"(bottom row)]({kata.name}.png){{ .samples }}",
            "",
        ]
    return lines


def katas_index(course: Course) -> str:
    sections = []
    for part, katas in parts(course):
        rows = []
        for kata in katas:
            item = categories.get(kata.checklist)
            seen = (
                "silent: only the checker notices"
                if kata.failure.silent
                else f"`{kata.failure.type}`"
            )
            rows.append(
                f"| [{kata.number}]({link('katas/index.md', kata_uri(kata))}) "
                f"| [{kata.title}]({link('katas/index.md', kata_uri(kata))}) "
                f"| [{item.title}](../checklist.md#{item.id}) | {seen} | {kata.minutes} min |"
            )
        minutes = sum(kata.minutes for kata in katas)
        sections.append(
            f"## {part_title(part)} {{ #{part_anchor(part)} }}\n\n"
            + (" ".join(part.summary.split()) + " " if part.summary else "")
            + f"{len(katas)} katas, about {minutes} minutes.\n\n"
            '<div class="cards katas" markdown>\n\n'
            "| Kata | Title | Checklist | What you see | Time |\n| --- | --- | --- | --- | --- |\n"
            + "\n".join(rows)
            + "\n\n</div>\n"
        )
    items = [
        categories.get(c).title.lower() for c in dict.fromkeys(k.checklist for k in course.katas)
    ]
    return (
        front_matter(
            "Katas: GAN bugs to fix, each from the checklist",
            f"{len(course.katas)} small TensorFlow/Keras GANs, each with one bug and a pytest "
            f"checker: {', '.join(items)}.",
        )
        + "# Katas\n\n"
        "Each kata is a small GAN with one bug from the [checklist](../checklist.md). Run its "
        "checker, read the error, fix `gan.py`, run it again:\n\n"
        "```bash\npytest katas/01\n```\n\n"
        "Each kata's page shows the real error it raises on the TensorFlow this site was built "
        "with, the explanation, the fix as a diff against `solutions/`, and the fixed GAN after "
        "training; its notebook runs all of it, on your machine or on Colab. Try the kata "
        "before you open the Fixed tab.\n\n" + "\n".join(sections)
    )


def notebook_buttons(kata: Kata, config: SiteConfig) -> str:
    """The buttons at the top of a notebook's page (HTML, after its title).

    Its URL is a folder (`katas/notebooks/NN-slug/`) where mkdocs-jupyter puts the `.ipynb`.
    """
    source = f"{notebooks.SOURCE_FOLDER}/{notebooks.filename(kata)}"
    buttons = [
        ("md-button md-button--primary", colab(kata, config), "Open in Colab", ""),
        ("md-button", notebooks.filename(kata), "Download .ipynb", " download"),
        ("md-button", config.blob(source), "View source", ""),
    ]
    anchors = "\n".join(
        f'<a class="{css}" href="{html.escape(href)}"{extra}>{html.escape(label)}</a>'
        for css, href, label, extra in buttons
    )
    back = url_link(notebook_uri(kata), kata_uri(kata))
    return (
        f'<p class="notebook-buttons">\n{anchors}\n</p>\n'
        f'<p>The kata itself, with its hints and the fix explained: <a href="{back}">'
        f"{html.escape(kata_title(kata))}</a>. The notebook below ran while this site was "
        "built; its traceback shows the notebook's own frames.</p>\n"
    )


def notebook_description(kata: Kata, executed: Executed, tidy: Tidy) -> str:
    error = executed.error
    shown = f"{error.ename}: {tidy(key_line(error.evalue))} " if error else ""
    return description_of(
        f"Notebook of kata {kata.number}: {shown}run, explained, fixed and trained. "
        "Open it in Colab or download it."
    )


# -- markers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every marker may read."""

    course: Course
    results: Sequence[Result]
    notebooks: dict[str, Executed]
    tidy: Tidy
    versions: str  # "TensorFlow 2.21.0, Keras 3.15.1"
    #: the explainer's held-out score and the address of its corpus, measured by the build
    explainer: tuple[ExplainerScore, str] | None = None

    def katas_of(self, category: str) -> list[Kata]:
        return [k for k in self.course.katas if k.checklist == category]


def render_markers(markdown: str, page: str, context: Context) -> str:
    def replace(match: re.Match[str]) -> str:
        name, argument = match.group(1), match.group(2)
        marker = MARKERS.get(name)
        if marker is None:
            raise ValueError(f"{page}: unknown marker {match.group(0)}")
        return marker(context, page, argument)

    return MARKER.sub(replace, markdown)


def _case_link(case: Case, page: str) -> str:
    return f"[{html.escape(case.title)}]({link(page, f'which-error-where.md#{case.id}')})"


def _kata_link(kata: Kata, page: str, label: str | None = None) -> str:
    return f"[{label or f'Kata {kata.number}'}]({link(page, kata_uri(kata))})"


def _cell(outcome: Outcome, tidy: Tidy) -> str:
    if outcome.raised is None:
        note = f" ({outcome.note})" if outcome.note else ""
        return "nothing raised" + html.escape(note, quote=False).replace("|", "&#124;")
    return f"**{outcome.raised}**<br>{code(tidy(outcome.key_line))}"


def _table(context: Context, page: str, results: Sequence[Result]) -> str:
    rows = [
        "| Case | " + " | ".join(MODE_TITLES[mode] for mode in MODES) + " |",
        "| --- | --- | --- | --- |",
    ]
    for result in results:
        name = _case_link(result.case, page)
        if result.case.kata:
            name += f"<br>{_kata_link(context.course.kata(result.case.kata), page)}"
        cells = [
            _cell(result.outcomes[mode], context.tidy)
            if mode in result.outcomes
            else "not measured"
            for mode in MODES
        ]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return '<div class="cards modes" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


def marker_versions(context: Context, page: str, argument: str | None) -> str:
    return context.versions


def marker_explainer_score(context: Context, page: str, argument: str | None) -> str:
    if context.explainer is None:
        raise ValueError(f"{page}: the explainer's score was not measured for this build")
    return explainer_score.sentence(*context.explainer)


def marker_which_error_where(context: Context, page: str, argument: str | None) -> str:
    main = [r for r in context.results if not r.case.detail]
    parts = [_table(context, page, main), ""]
    for result in context.results:
        case = result.case
        item = categories.get(case.category)
        where = f"Checklist: [{item.title}]({link(page, f'checklist.md#{item.id}')})."
        if case.kata:
            where += f" {_kata_link(context.course.kata(case.kata), page)}."
        if case.detail:
            where += " A detail of one mode, left out of the table above."
        parts += [f"### {html.escape(case.title)} {{ #{case.id} }}", "", where, ""]
        for mode, outcome in result.outcomes.items():
            if outcome.raised is None:
                values = f": {outcome.note}" if outcome.note else ""
                parts += [f"- **{MODE_TITLES[mode]}**: nothing raised{values}.", ""]
            else:
                title = f"{MODE_TITLES[mode]}: {outcome.raised}"
                whole = f"The whole message ({MODE_TITLES[mode]})"
                parts += [
                    message_box(title, context.tidy(outcome.key_line)),
                    "",
                    message_box(whole, context.tidy(outcome.message), collapsed=True),
                    "",
                ]
        if case.source:
            parts += ['??? example "The code"', fence(case.source.rstrip(), "python", indent=4), ""]
    return "\n".join(parts)


def marker_messages(context: Context, page: str, argument: str | None) -> str:
    if argument not in categories.CATEGORIES:
        raise ValueError(f"{page}: no category {argument!r}")
    results = [r for r in context.results if r.case.category == argument and not r.case.detail]
    if not results:
        raise ValueError(f"{page}: no case shows category {argument!r}")
    return _table(context, page, results)


def marker_errors_index(context: Context, page: str, argument: str | None) -> str:
    """Every message the site shows, with its checklist section, cases and katas."""
    entries: dict[tuple[str, str], tuple[str, set[str]]] = {}

    def add(kind: str, line: str, category: str, where: str) -> None:
        key = (kind, _fragment(context.tidy(line)))
        entries.setdefault(key, (category, set()))[1].add(where)

    for result in context.results:
        for outcome in result.outcomes.values():
            if outcome.raised:
                add(
                    outcome.raised,
                    outcome.key_line,
                    result.case.category,
                    _case_link(result.case, page),
                )
                if result.case.kata:
                    kata = context.course.kata(result.case.kata)
                    add(
                        outcome.raised,
                        outcome.key_line,
                        result.case.category,
                        _kata_link(kata, page),
                    )
    for number, executed in context.notebooks.items():
        error = executed.error
        if error is not None:
            kata = context.course.kata(number)
            add(error.ename, key_line(error.evalue), kata.checklist, _kata_link(kata, page))
    order = list(categories.CATEGORIES)
    rows = ["| Message | Type | Checklist | Where |", "| --- | --- | --- | --- |"]
    for (kind, fragment), (category, links) in sorted(
        entries.items(), key=lambda item: (order.index(item[1][0]), item[0])
    ):
        title = categories.get(category).title
        rows.append(
            f"| {code(fragment)} | `{kind}` | [{title}]({link(page, f'checklist.md#{category}')}) "
            f"| {', '.join(sorted(links))} |"
        )
    return '<div class="cards errors-index" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


def _fragment(line: str) -> str:
    """A message without what changes from run to run: node names, traced function ids."""
    line = re.sub(r"\s*\[Op:__inference_\w+\]", "", line)
    return normalise_names(line).strip()


def marker_kata_times(context: Context, page: str, argument: str | None) -> str:
    rows = ["| Kata | Checklist | Minutes |", "| --- | --- | --- |"]
    for part, katas in parts(context.course):
        total = sum(k.minutes for k in katas)
        rows.append(f"| **{html.escape(part_title(part))}** | | **{total}** |")
        for kata in katas:
            item = categories.get(kata.checklist)
            rows.append(
                f"| {_kata_link(kata, page)}: {kata.title} "
                f"| [{item.title}]({link(page, f'checklist.md#{item.id}')}) | {kata.minutes} |"
            )
    total = sum(k.minutes for k in context.course.katas)
    rows.append(f"| **All {len(context.course.katas)} katas** | | **{total}** |")
    return "\n".join(rows)


def _modes_by_type(result: Result) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for mode, outcome in result.outcomes.items():
        kinds.setdefault(outcome.raised or "nothing raised", []).append(MODE_WORDS[mode])
    return kinds


def marker_causes(context: Context, page: str, argument: str | None) -> str:
    """For each checklist item: one measured case, what it raised in which mode, its katas."""
    lines = []
    for item in categories.CATEGORIES.values():
        results = [r for r in context.results if r.case.category == item.id and not r.case.detail]
        if not results:
            continue

        def rank(result: Result) -> int:
            raised = {o.raised for o in result.outcomes.values()}
            return 0 if "InvalidArgumentError" in raised else 1 if raised - {None} else 2

        result = min(results, key=rank)
        kinds = _modes_by_type(result)
        said = "; ".join(
            f"`{kind}` ({', '.join(modes)})"
            if kind != "nothing raised"
            else f"nothing raised ({', '.join(modes)})"
            for kind, modes in kinds.items()
        )
        invalid = next(
            (o for o in result.outcomes.values() if o.raised == "InvalidArgumentError"), None
        )
        message = f": {code(context.tidy(invalid.key_line))}" if invalid else ""
        katas = ", ".join(_kata_link(k, page) for k in context.katas_of(item.id))
        lines.append(
            f"- **[{item.title}]({link(page, f'checklist.md#{item.id}')})**: "
            f"{_case_link(result.case, page)} → {said}{message}" + (f". {katas}" if katas else "")
        )
    return "\n".join(lines)


def marker_silent(context: Context, page: str, argument: str | None) -> str:
    """The katas whose bug raises nothing, as a sentence."""
    silent = [k for k in context.course.katas if k.failure.silent]
    return ", ".join(
        _kata_link(k, page, f"{in_sentence(k.title)} (kata {k.number})") for k in silent
    )


def marker_raises(context: Context, page: str, argument: str | None) -> str:
    """A claim in prose, checked and shown as nothing: `CASE-ID TYPE` says that some mode of
    the case raises TYPE (`nothing`: raises nothing), `CASE-ID TYPE everywhere` that every
    mode does. ValueError when TensorFlow says otherwise."""
    case_id, kind, *rest = (argument or "").split() + ["", ""]
    result = next((r for r in context.results if r.case.id == case_id), None)
    if result is None:
        raise ValueError(f"{page}: the claim {argument!r} names no case of the catalogue")
    raised = {outcome.raised or "nothing" for outcome in result.outcomes.values()}
    if kind not in raised or ("everywhere" in rest and raised != {kind}):
        raise ValueError(
            f"{page}: the page says {case_id} raises {kind}; TensorFlow gives {sorted(raised)}"
        )
    return ""


def marker_katas_raising(context: Context, page: str, argument: str | None) -> str:
    """The katas whose notebook raised the exception type `argument` as shipped, as links:
    what the notebooks measured, not what the registry says."""
    katas = [
        context.course.kata(number)
        for number, executed in sorted(context.notebooks.items())
        if executed.error is not None and executed.error.ename == argument
    ]
    if not katas:
        raise ValueError(f"{page}: no kata's notebook raised {argument!r}")
    return ", ".join(
        _kata_link(k, page, f"{in_sentence(k.title)} (kata {k.number})") for k in katas
    )


def marker_checklist_sheet(context: Context, page: str, argument: str | None) -> str:
    lines = []
    for item in categories.CATEGORIES.values():
        katas = ", ".join(_kata_link(k, page) for k in context.katas_of(item.id))
        lines.append(
            f"- [ ] **[{item.title}]({link(page, f'checklist.md#{item.id}')})**: {item.question}"
            + (f" <small>{katas}</small>" if katas else "")
        )
    return '<div class="sheet" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


MARKERS: dict[str, Callable[[Context, str, str | None], str]] = {
    "versions": marker_versions,
    "explainer-score": marker_explainer_score,
    "which-error-where": marker_which_error_where,
    "messages": marker_messages,
    "errors-index": marker_errors_index,
    "kata-times": marker_kata_times,
    "causes": marker_causes,
    "silent": marker_silent,
    "checklist-sheet": marker_checklist_sheet,
    "raises": marker_raises,
    "katas-raising": marker_katas_raising,
}
