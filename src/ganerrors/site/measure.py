"""Measure what the site shows, once per change: the catalogue's cases and the kata notebooks.

Both run in a subprocess, `python -m ganerrors.site.measure`, so that MkDocs never imports
TensorFlow, a `mkdocs serve` rebuild runs the code as it is now on disk, and TensorFlow's C++
log lines are filtered out of the build log (`quiet`).

The results are cached under `build/site/` (or `$GANERRORS_SITE_CACHE`):

- a case's outcome, by TensorFlow's and Keras' versions and the case's key: its `digest`
  (its module and the catalogue's model) and the code that runs every case (`run.py`,
  `_build.py`, the images it is fed);
- a kata's executed notebook, with a digest of every input of its outputs in its metadata
  (`notebooks.inputs_digest`); the copy the site shows is tidied from it at each build.

A notebook runs its kata as shipped (`as_shipped`: git HEAD's `gan.py` and fix, copied into
the cache folder), so a clone where the learner has solved katas builds the same site. A
notebook that fails is reported in one line that names it (`MeasureFailed`).

A build that finds everything cached starts no subprocess.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ganerrors import cases as catalogue
from ganerrors import course as course_mod
from ganerrors.cases import Case, Outcome, Result
from ganerrors.course import Course, Kata
from ganerrors.site import as_shipped, notebooks, quiet
from ganerrors.site.as_shipped import AsShipped
from ganerrors.site.notebooks import Executed
from ganerrors.site.tidy import Tidy
from ganerrors.site.trained import TRAINING_CPU_LIMIT

CACHE_ENV = "GANERRORS_SITE_CACHE"
#: Bump when what is stored changes shape.
FORMAT = 2
ROOT_KEY = notebooks.ROOT_KEY
#: How the subprocess starts a line of its output that says why something failed.
FAILED = "measuring failed: "


class MeasureFailed(RuntimeError):
    """Measuring failed; the message says what, one line per notebook or case that failed."""


def cache_folder(root: Path) -> Path:
    given = os.environ.get(CACHE_ENV)
    return Path(given) if given else root / "build" / "site"


def versions() -> str:
    """TensorFlow's and Keras' versions, read without importing them."""
    return f"tensorflow-{notebooks._version('tensorflow')}-keras-{notebooks._version('keras')}"


def _runner_digest() -> str:
    """The code every case runs through: a change re-measures them all."""
    package = Path(catalogue.__file__).parent
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in (package / "run.py", package / "_build.py", package.parent / "datasets.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def case_key(case: Case, runner: str | None = None) -> str:
    runner = _runner_digest() if runner is None else runner
    return hashlib.sha256((case.digest + runner).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Store:
    """The cache folder, with the versions and runner code of this build."""

    folder: Path
    runner: str = field(default_factory=_runner_digest)

    @property
    def cases(self) -> Path:
        return self.folder / "cases" / versions()

    def case_path(self, case: Case) -> Path:
        return self.cases / f"{case.id}-{case_key(case, self.runner)}.json"

    def load_case(self, case: Case) -> Result | None:
        try:
            data = json.loads(self.case_path(case).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        outcomes = [Outcome.from_json(item) for item in data["outcomes"]]
        return Result(case, {outcome.mode: outcome for outcome in outcomes})

    def save_case(self, result: Result) -> None:
        path = self.case_path(result.case)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "id": result.case.id,
            "versions": versions(),
            "outcomes": [outcome.to_json() for outcome in result.outcomes.values()],
        }
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
        temporary.replace(path)

    def executed(self, kata: Kata) -> Path:
        """The kata's notebook as executed, with every path as the build machine wrote it."""
        return self.folder / "notebooks" / notebooks.filename(kata)

    @property
    def pages(self) -> Path:
        """The folder MkDocs reads the tidied notebooks from (as if it were docs/)."""
        return self.folder / "pages"

    def page(self, kata: Kata) -> Path:
        return self.pages / notebooks.URL_FOLDER / notebooks.filename(kata)

    @property
    def course(self) -> Path:
        """The katas as shipped, as the notebooks run them (`as_shipped`)."""
        return self.folder / as_shipped.FOLDER


@dataclass(frozen=True)
class Measured:
    results: list[Result]
    notebooks: dict[str, Executed]  # kata number -> its tidied notebook
    problems: list[str]  # claims that TensorFlow contradicts, and other measured failures
    shipped: AsShipped  # each available kata's gan.py and fix, as the notebooks ran them


def prepare(
    root: Path,
    course: Course,
    repository: str,
    on_output: Callable[[str], None],
    cases: Sequence[Case] = catalogue.CASES,
) -> Measured:
    """Every case's result and every available kata's tidied notebook, measuring what the
    cache lacks in one subprocess. Raises MeasureFailed when that subprocess fails."""
    store = Store(cache_folder(root))
    missing = [case.id for case in cases if store.load_case(case) is None]
    katas = [kata for kata in course.katas if notebooks.available(course, kata)]
    shipped = as_shipped.read(course, katas)
    for path in shipped.differs:
        on_output(
            f"{path} differs from git HEAD (solved or edited): the site runs and shows it "
            "as committed"
        )
    stale = [
        kata.number
        for kata in katas
        if not notebooks.is_current(
            store.executed(kata),
            notebooks.inputs_digest(kata, notebooks.build(kata, repository), shipped),
        )
    ]
    if missing or stale:
        command = [sys.executable, "-m", "ganerrors.site.measure", "--root", str(root)]
        command += ["--repository", repository, "--cache", str(store.folder)]
        command += ["--cases", *missing] if missing else []
        command += ["--katas", *stale] if stale else []
        failures: list[str] = []

        def output(line: str) -> None:
            if line.startswith(FAILED):
                failures.append(line.removeprefix(FAILED))
            else:
                on_output(line)

        status = quiet.run(command, root, output)
        if status != 0:
            raise MeasureFailed(
                "\n".join(failures)
                or f"measuring the site's cases and notebooks failed ({status}): see its log above"
            )
    results = []
    for case in cases:
        result = store.load_case(case)
        if result is None:
            raise RuntimeError(f"case {case.id} was measured but its result is not cached")
        results.append(result)
    problems = [problem for result in results for problem in result.disagreements()]
    executed = {}
    tidy = Tidy(root)
    for kata in katas:
        page = _tidy_copy(store, kata, tidy)
        executed[kata.number] = Executed.read(page)
        problems += _notebook_problems(kata, executed[kata.number])
    return Measured(results, executed, problems, shipped)


def _tidy_copy(store: Store, kata: Kata, tidy: Tidy) -> Path:
    source = nbformat.read(store.executed(kata), as_version=4)
    executed_in = [source.metadata.get(key) for key in (ROOT_KEY, notebooks.COURSE_KEY)]
    tidy = Tidy(tidy.root, (*tidy.others, *(str(path) for path in executed_in if path)))
    learner = [f"katas/{kata.number}/gan.py", f"solutions/{kata.number}/gan.py"]
    text = nbformat.writes(notebooks.tidied(source, tidy, learner)) + "\n"
    page = store.page(kata)
    if not page.is_file() or page.read_text(encoding="utf-8") != text:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    return page


def _notebook_problems(kata: Kata, executed: Executed) -> list[str]:
    name = notebooks.filename(kata)
    found = executed.errors()
    if not found:
        return [f"{name}: no cell is tagged raises-exception"]
    problems = []
    for _, error in found:
        if error is None:
            problems.append(f"{name}: the cell tagged raises-exception raised nothing")
        elif not kata.failure.matches(error.ename, error.evalue):
            problems.append(
                f"{name}: the registry claims {kata.failure.type}: /{kata.failure.message}/, "
                f"the notebook raised {error.ename}: {error.evalue.splitlines()[-1:]}"
            )
    training = executed.stream("training")
    cpu = _cpu_seconds(training)
    if cpu is None:
        problems.append(f"{name}: the training cell did not report its time")
    elif cpu > TRAINING_CPU_LIMIT:
        problems.append(
            f"{name}: training took {cpu:.0f} s of CPU, over {TRAINING_CPU_LIMIT:.0f} s"
        )
    return problems


def _cpu_seconds(report: str) -> float | None:
    import re

    match = re.search(r"\(([\d.]+) s of CPU time\)", report)
    return float(match.group(1)) if match else None


# -- the subprocess --------------------------------------------------------------------------


def _relative(result: Result, root: Path) -> Result:
    """`result` with the checkout's paths made relative: a cache tells nothing of where it
    was made, and reads the same from any checkout."""
    prefixes = Tidy(root).prefixes
    outcomes = {}
    for mode, outcome in result.outcomes.items():
        message = outcome.message
        for prefix in prefixes:
            message = message.replace(prefix, "")
        outcomes[mode] = Outcome(outcome.mode, outcome.raised, message, outcome.values)
    return Result(result.case, outcomes)


def _measure_cases(store: Store, ids: Sequence[str], root: Path) -> None:
    from ganerrors.cases.run import run_case

    start = time.perf_counter()
    for case_id in ids:
        store.save_case(_relative(run_case(catalogue.get(case_id)), root))
    print(f"measured {len(ids)} case(s) in {time.perf_counter() - start:.1f} s", flush=True)


class NotebookFailed(Exception):
    """A kata's notebook did not run to its end; the message says why, in one line."""


async def _execute(
    store: Store, kata: Kata, repository: str, root: Path, shipped: AsShipped, katas: Path
) -> None:
    """Execute the notebook of `kata` on the katas as shipped in the folder `katas`."""
    from nbclient import NotebookClient

    notebook = notebooks.build(kata, repository)
    digest = notebooks.inputs_digest(kata, notebook, shipped)
    path = store.executed(kata)
    path.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        await client.async_execute(env={**os.environ, course_mod.KATAS_ENV: str(katas)})
    except Exception as exc:  # nbclient's: a cell that raised, a kernel that died, a timeout
        raise NotebookFailed(why_failed(kata, notebook, exc, shipped)) from None
    notebook.metadata[notebooks.DIGEST] = digest
    # its outputs' paths are made relative to these
    notebook.metadata[ROOT_KEY] = str(root)
    notebook.metadata[notebooks.COURSE_KEY] = str(katas.parent)
    nbformat.write(notebook, path)
    print(f"executed {path.name} in {time.perf_counter() - start:.1f} s", flush=True)


def why_failed(
    kata: Kata, notebook: nbformat.NotebookNode, error: BaseException, shipped: AsShipped
) -> str:
    """One line on why the notebook of `kata` stopped with `error`.

    A kata whose cell tagged raises-exception ran and raised nothing is a solved kata: the site
    shows it failing, so it names the file and what to do."""
    name = notebooks.filename(kata)
    for cell in notebook.cells:
        if "raises-exception" in cell.metadata.get("tags", []) and cell.get("execution_count"):
            if not any(output.output_type == "error" for output in cell.get("outputs", [])):
                return _solved(kata, shipped)
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        last = (str(evalue).strip().splitlines() or [""])[-1]
        return f"{name}: a cell raised {ename}: {last}"
    text = (str(error).strip().splitlines() or [""])[0]
    return f"{name}: {type(error).__name__}: {text}".rstrip(": ")


def _solved(kata: Kata, shipped: AsShipped) -> str:
    path = as_shipped.kata_path(kata)
    name = notebooks.filename(kata)
    if shipped.commit is None:
        return (
            f"{path} passes its checks (solved?), so {name} has no failure to show, and this "
            "copy of the course is not a git checkout, where the site would read the kata as "
            "shipped: build the site from a clean clone of the course"
        )
    if path in shipped.on_disk:
        return (
            f"{path} (not in git HEAD yet) passes its checks, so {name} has no failure to "
            "show: a kata must fail as shipped"
        )
    return (
        f"{path} at git HEAD ({shipped.commit[:10]}) passes its checks: a solved kata is "
        f"committed in this clone, so {name} has no failure to show (the site shows each kata "
        "failing as shipped). Build the site from a clean clone of the course"
    )


async def _execute_all(
    store: Store, course: Course, numbers: Sequence[str], repository: str, parallel: int
) -> list[str]:
    """Execute these katas' notebooks; returns why each one that failed did (one line each).

    A failing notebook lets the others run to their end: no kernel is killed mid-cell."""
    limit = asyncio.Semaphore(parallel)
    katas = [course.kata(number) for number in numbers]
    shipped = as_shipped.read(course, katas)
    folder = shipped.write(store.course, course.root / course_mod.REGISTRY_NAME)

    async def one(kata: Kata) -> None:
        async with limit:
            await _execute(store, kata, repository, course.root.parent, shipped, folder)

    outcomes = await asyncio.gather(*(one(kata) for kata in katas), return_exceptions=True)
    failures = []
    for outcome in outcomes:
        if isinstance(outcome, NotebookFailed):
            failures.append(str(outcome))
        elif isinstance(outcome, BaseException):
            raise outcome
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ganerrors.site.measure", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--repository", required=True)
    parser.add_argument("--cases", nargs="*", default=[])
    parser.add_argument("--katas", nargs="*", default=[])
    parser.add_argument("--parallel", type=int, default=2, help="notebooks run at once")
    options = parser.parse_args(argv)
    store = Store(options.cache)
    course = course_mod.load(options.root / "katas")
    failures: list[str] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        measuring = None
        if options.cases:
            from ganerrors._tf import import_tensorflow

            import_tensorflow()  # before any kernel starts: the quiet import redirects fd 2
            measuring = pool.submit(_measure_cases, store, options.cases, options.root.resolve())
        if options.katas:
            failures = asyncio.run(
                _execute_all(store, course, options.katas, options.repository, options.parallel)
            )
        if measuring is not None:
            measuring.result()
    for failure in failures:
        print(FAILED + failure, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
