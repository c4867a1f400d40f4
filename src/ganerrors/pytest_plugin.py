"""The pytest plugin, registered under the `pytest11` entry point.

For every test run with ganerrors installed, a failure whose exception the explainer
recognises gets a "ganerrors" section under it: the error is shown unchanged, then explained.

For a kata checker (a test file in a folder under a katas.toml), it also
- shows a short traceback of the learner's own frames, no library walls;
- stops the kata at its first failure: the rest of its checks are skipped until it is fixed;
- keeps the concrete fix out of the explanation until the learner has seen the kata's last
  hint (`--ganerrors-spoilers`, or `spoilers = true` in the course's ganerrors.toml, shows it);
- points at the kata's README and `ganerrors hint NN`;
- stops a kata that runs longer than its `timeout` (katas.toml, or `--ganerrors-timeout`),
  naming the step it was in;
- records the run in the course's progress (.ganerrors/progress.json): solved only when every
  check of the kata ran and passed;
- with `--ganerrors-report FILE`, writes each kata's outcome and first failure as JSON, which
  the author check and `ganerrors check` read;
- ends the process once it is done if gan.py left a thread running that pytest would wait for.

Importing this module must stay cheap and must not import TensorFlow: pytest loads it for
every run.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

import pytest

from ganerrors import course
from ganerrors.errors import GANCheckFailed
from ganerrors.report import Failure, KataResult, Report, TestOutcome
from ganerrors.tidy import fold_frames, strip_log_lines

TIMEOUT_TYPE = "KataTimeout"


class KataRun:
    """What the plugin knows of one kata in this session, beyond its KataResult."""

    def __init__(self, result: KataResult) -> None:
        self.result = result
        folder = Path(result.folder)
        self.root = folder.parent
        self.course_folder = self.root.parent
        self.expected: set[str] = set()  # the checker's tests, whether selected or not
        self.kata: course.Kata | None = None
        try:
            self.kata = course.load(self.root).kata(result.number)
        except (course.RegistryError, KeyError):
            pass  # not a registered kata: explained and reported, but not recorded
        self._show_fix: bool | None = None

    def show_fix(self, spoilers: bool) -> bool:
        """Whether the explanation may name the fix: spoilers asked for, or no hint left."""
        if self._show_fix is None:
            self._show_fix = spoilers or self._fix_allowed()
        return self._show_fix

    def _fix_allowed(self) -> bool:
        if self.kata is None:
            return False
        try:
            from ganerrors.workshop import progress, settings

            if settings.load(self.course_folder).spoilers:
                return True
            shown = progress.load(self.course_folder / ".ganerrors").hints_shown(self.kata.number)
        except Exception:  # noqa: BLE001 - a broken course file must not stop the kata
            return False
        return shown >= len(self.kata.hints)

    def hints_left(self) -> tuple[int, int] | None:
        """(hints seen, hints in all), when known."""
        if self.kata is None:
            return None
        try:
            from ganerrors.workshop import progress

            shown = progress.load(self.course_folder / ".ganerrors").hints_shown(self.kata.number)
        except Exception:  # noqa: BLE001
            shown = 0
        return min(shown, len(self.kata.hints)), len(self.kata.hints)


class GanErrorsPlugin:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.report_path: str | None = config.getoption("ganerrors_report")
        self.spoilers: bool = bool(config.getoption("ganerrors_spoilers"))
        self.timeout_override: float | None = config.getoption("ganerrors_timeout")
        self.clock_file: str | None = config.getoption("ganerrors_clock")
        self.watching: bool = bool(config.getoption("ganerrors_watch"))
        self.runs: dict[Path, KataRun] = {}
        self.notes: list[str] = []  # one-line messages for the end of the run
        self.exitstatus = 0
        self._lock = threading.Lock()
        self._finished = False
        self._current: tuple[KataRun, pytest.Item] | None = None
        self._deadline: float | None = None
        self._deadline_kata: KataRun | None = None
        self._watchdog: threading.Thread | None = None
        self._stop = threading.Event()
        self._test_thread: int | None = None
        self._threads_before: set[threading.Thread] = set()

    # -- which kata a test belongs to -------------------------------------------------
    def run_of(self, item: pytest.Item) -> KataRun | None:
        folder = Path(str(item.path)).resolve().parent
        if folder in self.runs:
            return self.runs[folder]
        root = course.find_root(folder.parent)
        if root is None or root != folder.parent:
            return None
        run = KataRun(KataResult(number=folder.name, folder=str(folder)))
        self.runs[folder] = run
        return run

    # -- hooks ---------------------------------------------------------------------
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self._threads_before = set(threading.enumerate())

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        # Deprecation warnings that TensorFlow and Keras raise about their own internals
        # are not the learner's to act on; warnings from the learner's code still show.
        for item in items:
            run = self.run_of(item)
            if run is None:
                continue
            for module in ("keras", "tensorflow", "numpy"):
                item.add_marker(pytest.mark.filterwarnings(f"ignore::DeprecationWarning:{module}"))
            run.expected.update(_checker_tests(item))
            self._short_failures(item, run)

    @staticmethod
    def _short_failures(item: pytest.Item, run: KataRun) -> None:
        """Make the kata's short failure text in place of pytest's own.

        pytest would first render its full traceback (about 1.2 s with TensorFlow loaded:
        it searches every module for each frame's source), only for the plugin to replace
        it. Both of pytest's methods are overridden on this item alone: `repr_failure` for
        a failing test, `_repr_failure_py` for an error in setup (gan.py that does not
        import); on a pytest without the second, only the speed changes.
        """

        def short(excinfo: pytest.ExceptionInfo[BaseException], *args: Any, **kw: Any) -> Any:
            exc = excinfo.value
            return _guarded(lambda: _kata_longrepr(excinfo, run.result, exc), exc)

        for name in ("repr_failure", "_repr_failure_py"):
            if hasattr(item, name):
                setattr(item, name, short)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        run = self.run_of(item)
        if run is None:
            return
        self._start_clock(run, item)
        if run.result.failure is not None:
            pytest.skip(f"fix the failure of {run.result.failure.test} first")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        try:
            report = yield
        except BaseException as problem:  # noqa: BLE001 - pytest could not make the report
            # e.g. an exception whose __str__ raises KeyboardInterrupt: pytest's own repr
            # fails, and the run would end as "no tests ran". Report it plainly instead.
            if isinstance(problem, pytest.exit.Exception) or call.excinfo is None:
                raise
            report = _plain_report(item, call)
        run = self.run_of(item)
        excinfo = call.excinfo
        if excinfo is None or report.skipped:
            # A skip counts wherever it happens (a skip in setup never reaches "call"), so a
            # kata whose checks were skipped is never taken for a solved one.
            if run is not None and (call.when == "call" or report.skipped):
                run.result.tests.append(
                    TestOutcome(item.name, "skipped" if report.skipped else "passed")
                )
            return report
        exc = excinfo.value
        diagnosis = _explain(exc)
        if run is not None:
            with self._lock:
                if run.result.failure is None:
                    run.result.failure = Failure(
                        test=item.name,
                        type=type(exc).__name__,
                        message=_safe_str(exc),
                        category=_category(exc, diagnosis),
                    )
                run.result.tests.append(
                    TestOutcome(item.name, "failed" if call.when == "call" else "error")
                )
        if run is None and getattr(diagnosis, "confidence", "high") != "high":
            diagnosis = None  # outside a kata, only a sure explanation is worth the space
        if run is not None:
            _quiet_captured_stderr(report)
        if diagnosis is not None:
            show_fix = run.show_fix(self.spoilers) if run is not None else True
            rendered = _guarded(lambda: _render(diagnosis, show_fix), None)
            if rendered:
                report.sections.append(("ganerrors", rendered))
        if run is not None:
            steps = _guarded(lambda: _next_steps(run, exc, self, diagnosis is not None), None)
            report.sections.append(("next", steps))
        return report

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        self._stop.set()
        if not self.runs:
            return
        # pytest's unraisableexception plugin runs a full gc.collect() when the session
        # ends, to report exceptions raised in finalizers. With TensorFlow loaded that costs
        # about 0.4 s of every kata run and reports nothing a learner can act on. This hook
        # runs before that plugin's (pluggy calls later plugins first); it only touches kata
        # runs, and on a pytest without that stash key, nothing changes.
        try:
            from _pytest.unraisableexception import gc_collect_iterations_key
        except ImportError:
            pass
        else:
            config.stash[gc_collect_iterations_key] = 0
        self._end_if_threads_are_left(config)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        with self._lock:
            if self._finished:
                return
            self._finished = True
            self._stop.set()
            self.exitstatus = int(exitstatus)
            self._complete_results()
            self._record_progress()
            self._write_report()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        for note in self.notes:
            terminalreporter.write_line(f"ganerrors: {note}")

    # -- the end of a run ----------------------------------------------------------------
    def _complete_results(self) -> None:
        """A check that never ran (deselected, not selected, interrupted) is no pass."""
        for run in self.runs.values():
            seen = {outcome.test.split("[", 1)[0] for outcome in run.result.tests}
            for name in sorted(run.expected - seen):
                run.result.tests.append(TestOutcome(name, "skipped"))

    def _record_progress(self) -> None:
        if self.config.option.collectonly:
            return
        for run in self.runs.values():
            if run.kata is None or not run.result.tests or _is_packaged(run.root):
                continue
            failure = run.result.failure
            try:
                from ganerrors.workshop import WorkshopError, progress
            except ImportError:  # pragma: no cover
                return
            try:
                with progress.update(run.course_folder / ".ganerrors") as kept:
                    entry = kept.record_run(
                        run.kata.number,
                        solved=run.result.solved,
                        failure=_failure_dict(failure) if failure else None,
                    )
            except WorkshopError as exc:
                self.notes.append(f"progress not saved: {exc}")
                continue
            if not self.report_path:  # a learner's own `pytest katas/NN`
                state = "solved" if run.result.solved else "not solved yet"
                self.notes.append(
                    f"kata {run.kata.number} {state} (run {entry.attempts}), "
                    "recorded in your progress: `ganerrors list` shows it."
                )

    def _write_report(self) -> None:
        if not self.report_path:
            return
        try:
            Report({run.result.number: run.result for run in self.runs.values()}).write(
                self.report_path
            )
        except OSError as exc:
            self.notes.append(f"could not write the report {self.report_path}: {exc.strerror}")

    def _end_if_threads_are_left(self, config: pytest.Config) -> None:
        left = [
            t
            for t in threading.enumerate()
            if t.is_alive() and not t.daemon and t not in self._threads_before
        ]
        if not left:
            return
        names = ", ".join(sorted({t.name for t in left}))
        _write_out(
            config,
            f"ganerrors: the kata left {len(left)} thread(s) running ({names}); "
            "pytest would wait for them forever, so the run ends here.",
        )
        os._exit(self.exitstatus)

    # -- the timeout -------------------------------------------------------------------
    def _limit(self, run: KataRun) -> float:
        if self.timeout_override is not None:
            return self.timeout_override
        return float(run.kata.timeout) if run.kata is not None else course.DEFAULT_TIMEOUT

    def _start_clock(self, run: KataRun, item: pytest.Item) -> None:
        with self._lock:
            self._current = (run, item)
            if self._deadline_kata is run:
                return
            limit = self._limit(run)
            if self.clock_file:  # a runner that stops us from outside starts its clock now
                try:
                    Path(self.clock_file).write_text(f"{limit:g}\n", encoding="utf-8")
                except OSError:
                    pass
            self._deadline_kata = run
            self._deadline = time.monotonic() + limit if limit > 0 else None
            self._test_thread = threading.get_ident()
            if self._deadline is not None and self._watchdog is None:
                self._watchdog = threading.Thread(
                    target=self._watch_clock, name="ganerrors-timeout", daemon=True
                )
                self._watchdog.start()

    def _watch_clock(self) -> None:
        while not self._stop.wait(0.1):
            deadline = self._deadline
            if deadline is not None and time.monotonic() >= deadline:
                self._time_out()
                return

    def _time_out(self) -> None:
        from ganerrors.workshop import stuck

        with self._lock:
            if self._finished or self._current is None:
                return
            self._finished = True
            run, item = self._current
            limit = self._limit(run)
            step = (
                stuck.describe([stuck.thread_frames(self._test_thread)], Path(run.result.folder))
                or f"in {item.name}"
            )
            message = (
                f"kata {run.result.number} was stopped after {limit:g} s, still running: {step}. "
                "Look for a loop that never ends, a sleep or a wait there."
            )
            if run.result.failure is None:
                run.result.failure = Failure(item.name, TIMEOUT_TYPE, message, None)
            run.result.tests.append(TestOutcome(item.name, "error"))
            self.exitstatus = int(pytest.ExitCode.TESTS_FAILED)
            self._complete_results()
            self._record_progress()
            self._write_report()
            _write_out(self.config, f"\nganerrors: {message}")
            for note in self.notes:
                _write_out(self.config, f"ganerrors: {note}")
        os._exit(self.exitstatus)


def _checker_tests(item: pytest.Item) -> set[str]:
    """The names of every test of the item's checker class (or module)."""
    owner = getattr(item, "cls", None) or getattr(item, "module", None)
    if owner is None:
        return set()
    names = set()
    for name in dir(owner):
        if name.startswith("test"):
            try:
                if callable(getattr(owner, name)):
                    names.add(name)
            except Exception:  # noqa: BLE001 - a property that raises is not a test
                continue
    return names


def _is_packaged(root: Path) -> bool:
    """The course inside the installed package: never written to."""
    return root.resolve() == (Path(__file__).resolve().parent / "_course" / "katas")


def _failure_dict(failure: Failure) -> dict[str, str | None]:
    return {
        "test": failure.test,
        "type": failure.type,
        "message": failure.message,
        "category": failure.category,
    }


def _write_out(config: pytest.Config, text: str) -> None:
    """Write to the terminal even while pytest captures output (from any thread)."""
    capture = config.pluginmanager.get_plugin("capturemanager")
    try:
        if capture is not None:
            capture.suspend_global_capture(in_=True)
    except Exception:  # noqa: BLE001
        pass
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    try:
        if reporter is not None:
            reporter.write_line(text)
        else:
            sys.stdout.write(text + "\n")
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _plain_report(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """A failed report with a message pytest did not have to format."""
    excinfo = call.excinfo
    assert excinfo is not None
    text = f"{excinfo.type.__name__}: {_safe_str(excinfo.value)}"
    return pytest.TestReport(
        item.nodeid,
        item.location,
        dict.fromkeys(item.keywords, 1),
        "failed",
        text,
        call.when,  # type: ignore[arg-type]
        duration=call.duration,
        start=call.start,
        stop=call.stop,
    )


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except BaseException:  # noqa: BLE001 - a broken __str__ must not stop the report
        return f"<{type(exc).__name__}: its message could not be read>"


def _guarded(make: Any, exc: BaseException | None) -> Any:
    """`make()`, or a plain text when it raises anything (a broken __str__ included)."""
    try:
        return make()
    except BaseException:  # noqa: BLE001
        if exc is None:
            return ""
        return f"{type(exc).__name__}: {_safe_str(exc)}"


def _category(exc: BaseException, diagnosis: Any) -> str | None:
    if isinstance(exc, GANCheckFailed):
        return exc.category
    return diagnosis.category if diagnosis is not None else None


def _explain(exc: BaseException) -> Any:
    if isinstance(exc, GANCheckFailed):
        return None  # the checker's message already names the symptom
    try:
        from ganerrors.explainers import explain

        return explain(exc)
    except BaseException:  # noqa: BLE001 - the explainer must never hide the real failure
        return None


def _render(diagnosis: Any, show_fix: bool) -> str:
    return str(diagnosis.render(fix=show_fix))


def _kata_longrepr(
    excinfo: pytest.ExceptionInfo[BaseException], state: KataResult, exc: BaseException
) -> Any:
    """The learner's frames and the error, unchanged; no library frames."""
    if isinstance(exc, GANCheckFailed):
        return _safe_str(exc)
    folder = Path(state.folder)
    own = excinfo.traceback.filter(lambda entry: folder in Path(str(entry.path)).parents)
    message = "".join(traceback.format_exception_only(type(exc), exc)).rstrip()
    # An op error of a tf.function lists every frame of the program in its message ("defined
    # at (most recent call last)"), pytest's, pluggy's and the checker's (ganerrors') included:
    # fold those, say so, and leave the statement of the error as TensorFlow wrote it.
    folded = fold_frames(message)
    if not len(own):
        # Raised while tracing or running a tf.function: TensorFlow puts the learner's
        # frames into the message itself ("in user code: ..."), so the message is enough.
        return folded
    if folded == message:
        excinfo.traceback = own
        return excinfo.getrepr(style="short", chain=False)
    lines = []
    for entry in own:
        try:
            where = os.path.relpath(str(entry.path))
        except ValueError:  # another drive on Windows
            where = str(entry.path)
        lines.append(f"{where}:{entry.lineno + 1}: in {entry.name}")
        lines.append(f"    {str(entry.statement).strip()}")
    lines += [f"E   {line}".rstrip() for line in folded.splitlines()]
    return "\n".join(lines)


def _quiet_captured_stderr(report: pytest.TestReport) -> None:
    """Drop TensorFlow's C++ log records from what pytest captured on stderr: a learner
    reads the error itself, not "Local rendezvous is aborting" lines about it."""
    sections = []
    for title, text in report.sections:
        if title.startswith("Captured stderr"):
            text = strip_log_lines(text)
            if not text.strip():
                continue
        sections.append((title, text))
    report.sections[:] = sections


def _next_steps(run: KataRun, exc: BaseException, plugin: GanErrorsPlugin, explained: bool) -> str:
    state = run.result
    readme = Path(state.folder) / "README.md"
    try:
        shown = os.path.relpath(readme)
        folder = os.path.relpath(state.folder)
    except ValueError:  # another drive on Windows
        shown, folder = str(readme), state.folder
    lines = []
    category = getattr(exc, "category", None)
    if isinstance(category, str) and category:
        from ganerrors.categories import CATEGORIES

        if category in CATEGORIES:
            item = CATEGORIES[category]
            lines.append(f"Checklist: {item.title}. {item.question}")
    hints = run.hints_left()
    if hints is not None and hints[0] < hints[1]:
        seen, total = hints
        lines.append(
            f"Read {shown}, or run `ganerrors hint {state.number}` for hint {seen + 1} of {total}."
        )
        if explained and not run.show_fix(plugin.spoilers):
            lines.append(
                "The concrete fix is shown after the last hint "
                f"(or now: `ganerrors check {state.number} --spoilers`)."
            )
    else:
        lines.append(f"Read {shown}; `ganerrors checklist` lists the questions to ask.")
    if plugin.watching:
        lines.append("Edit the kata's code and save it: `ganerrors watch` checks it again.")
    else:
        lines.append(f"Edit the kata's code, then rerun `pytest {folder}`.")
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
    group.addoption(
        "--ganerrors-spoilers",
        dest="ganerrors_spoilers",
        action="store_true",
        default=False,
        help="in kata runs, show the concrete fix in the explanation before the last hint",
    )
    group.addoption(
        "--ganerrors-timeout",
        dest="ganerrors_timeout",
        metavar="SECONDS",
        type=_seconds,
        default=None,
        help="stop a kata whose checks run longer than this (default: its timeout in "
        "katas.toml; 0: never)",
    )
    group.addoption(
        "--ganerrors-clock",
        dest="ganerrors_clock",
        metavar="FILE",
        default=None,
        help="write FILE when a kata's checks start (for a runner that enforces the timeout)",
    )
    group.addoption(
        "--ganerrors-watch",
        dest="ganerrors_watch",
        action="store_true",
        default=False,
        help="the run is a check of `ganerrors watch`: say that saving the kata checks it again",
    )


def _seconds(text: str) -> float:
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


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
