"""The pytest plugin, registered under the `pytest11` entry point.

For every test run with ganerrors installed, a failure whose exception the explainer
recognises gets a "ganerrors" section under it: the error is shown unchanged, then explained.

For a kata checker (a test file in a folder under a katas.toml), it also
- shows a short traceback of the learner's own frames, no library walls;
- stops the kata at its first failure: the rest of its checks are skipped until it is fixed;
- points at the kata's README and `ganerrors hint NN`;
- with `--ganerrors-report FILE`, writes each kata's outcome and first failure as JSON, which
  the author check and `ganerrors check` read.

Importing this module must stay cheap and must not import TensorFlow: pytest loads it for
every run.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any

import pytest

from ganerrors import course
from ganerrors.errors import GANCheckFailed
from ganerrors.report import Failure, KataResult, Report, TestOutcome


class GanErrorsPlugin:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.report_path: str | None = config.getoption("ganerrors_report")
        self.katas: dict[Path, KataResult] = {}

    # -- which kata a test belongs to -------------------------------------------------
    def kata_of(self, item: pytest.Item) -> KataResult | None:
        folder = Path(str(item.path)).resolve().parent
        if folder in self.katas:
            return self.katas[folder]
        root = course.find_root(folder.parent)
        if root is None or root != folder.parent:
            return None
        state = KataResult(number=folder.name, folder=str(folder))
        self.katas[folder] = state
        return state

    # -- hooks ---------------------------------------------------------------------
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        # Deprecation warnings that TensorFlow and Keras raise about their own internals
        # are not the learner's to act on; warnings from the learner's code still show.
        for item in items:
            if self.kata_of(item) is not None:
                for module in ("keras", "tensorflow", "numpy"):
                    item.add_marker(
                        pytest.mark.filterwarnings(f"ignore::DeprecationWarning:{module}")
                    )

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        state = self.kata_of(item)
        if state is not None and state.failure is not None:
            pytest.skip(f"fix the failure of {state.failure.test} first")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        report = yield
        state = self.kata_of(item)
        excinfo = call.excinfo
        if excinfo is None or report.skipped:
            # A skip counts wherever it happens (a skip in setup never reaches "call"), so a
            # kata whose checks were skipped is never taken for a solved one.
            if state is not None and (call.when == "call" or report.skipped):
                state.tests.append(
                    TestOutcome(item.name, "skipped" if report.skipped else "passed")
                )
            return report
        exc = excinfo.value
        diagnosis = _explain(exc)
        if state is not None:
            report.longrepr = _kata_longrepr(excinfo, state, exc)
            if state.failure is None:
                state.failure = Failure(
                    test=item.name,
                    type=type(exc).__name__,
                    message=_safe_str(exc),
                    category=exc.category
                    if isinstance(exc, GANCheckFailed)
                    else (diagnosis.category if diagnosis else None),
                )
            state.tests.append(TestOutcome(item.name, "failed" if call.when == "call" else "error"))
        if diagnosis is not None:
            report.sections.append(("ganerrors", diagnosis.render()))
        if state is not None:
            report.sections.append(("next", _next_steps(state, exc)))
        return report

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        # pytest's unraisableexception plugin runs a full gc.collect() when the session ends,
        # to report exceptions raised in finalizers. With TensorFlow loaded that costs about
        # 0.4 s of every kata run and reports nothing a learner can act on. This hook runs
        # before that plugin's (pluggy calls later plugins first); it only touches kata runs,
        # and on a pytest without that stash key, nothing changes.
        if not self.katas:
            return
        try:
            from _pytest.unraisableexception import gc_collect_iterations_key
        except ImportError:
            return
        config.stash[gc_collect_iterations_key] = 0

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.report_path:
            return
        Report({state.number: state for state in self.katas.values()}).write(self.report_path)


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except BaseException:  # noqa: BLE001 - a broken __str__ must not stop the report
        return f"<{type(exc).__name__}: its message could not be read>"


def _explain(exc: BaseException) -> Any:
    if isinstance(exc, GANCheckFailed):
        return None  # the checker's message already names the symptom
    try:
        from ganerrors.explainers import explain

        return explain(exc)
    except Exception:  # the explainer must never hide the real failure
        return None


def _kata_longrepr(
    excinfo: pytest.ExceptionInfo[BaseException], state: KataResult, exc: BaseException
) -> Any:
    """The learner's frames and the error, unchanged; no library frames."""
    if isinstance(exc, GANCheckFailed):
        return _safe_str(exc)
    folder = Path(state.folder)
    own = excinfo.traceback.filter(lambda entry: folder in Path(str(entry.path)).parents)
    if not len(own):
        # Raised while tracing or running a tf.function: TensorFlow puts the learner's
        # frames into the message itself ("in user code: ..."), so the message is enough.
        return "".join(traceback.format_exception_only(type(exc), exc)).rstrip()
    excinfo.traceback = own
    return excinfo.getrepr(style="short", chain=False)


def _next_steps(state: KataResult, exc: BaseException) -> str:
    readme = Path(state.folder) / "README.md"
    try:
        shown = os.path.relpath(readme)
    except ValueError:  # another drive on Windows
        shown = str(readme)
    lines = []
    category = getattr(exc, "category", None)
    if category:
        from ganerrors.categories import get

        lines.append(f"Checklist: {get(category).title}. {get(category).question}")
    lines.append(f"Read {shown}, or run `ganerrors hint {state.number}` for a hint.")
    lines.append(f"Edit the kata's code, then rerun `pytest {os.path.relpath(state.folder)}`.")
    return "\n".join(lines)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ganerrors")
    group.addoption(
        "--ganerrors-report",
        dest="ganerrors_report",
        metavar="FILE",
        default=None,
        help="write each kata's outcome and first failure to FILE as JSON",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.option.importmode == "prepend" and _runs_katas(config.args):
        # Every kata's checker is test_gan.py: with the default import mode, `pytest katas`
        # would stop at "import file mismatch". importlib mode imports each by its path.
        config.option.importmode = "importlib"
    config.pluginmanager.register(GanErrorsPlugin(config), "ganerrors-plugin")


def _runs_katas(args: list[str]) -> bool:
    for arg in args:
        path = Path(arg.split("::", 1)[0])
        if path.exists() and course.find_root(path) is not None:
            return True
    return False
