"""`ganerrors dev check`: is this course folder one that learners can be given?

It checks, as rustlings' `dev check` does for its exercises:

- the registry loads, and it and the folders agree: every registered kata has its folder with
  exactly gan.py (with a TODO), test_gan.py and README.md, and every kata folder is registered;
- where the course has solutions/ (an author's checkout): each solution has a `# Fixed:` note;
- each kata fails as shipped with the failure the registry documents (test, exception type,
  message pattern, checklist category);
- each solution passes every check;
- each variant (solutions/NN/variants.toml) passes or fails as declared;
- no TensorFlow C++ log line reaches the learner's terminal.

The kata runs happen in pytest subprocesses over a temporary copy laid out as learners see it
(katas.toml above one folder per run), `jobs` of them at once. Nothing here imports TensorFlow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ganerrors import course
from ganerrors.dev import variants as variants_module
from ganerrors.errors import RegistryError, ReportError
from ganerrors.report import KataResult, Report

#: Lines TensorFlow's C++ side prints to stderr that a learner must never see.
LOG_NOISE = (
    "oneDNN custom operations",
    "cuda drivers",
    "absl::InitializeLog",
    "cuInit",
    "Local rendezvous is aborting",
)
_ALLOWED_IN_KATA = {course.KATA_FILE, course.CHECKER_FILE, course.README_FILE, "__pycache__"}
_ALLOWED_IN_SOLUTION = {course.KATA_FILE, course.VARIANTS_FILE, "__pycache__"}


@dataclass(frozen=True)
class Finding:
    subject: str  # "registry", "kata 01", "solution 01", "variant 01-sigmoid-output", ...
    ok: bool
    message: str


@dataclass
class Run:
    """One kata folder to run through its checker, and what must come of it."""

    folder: str  # the folder's name in the temporary course
    subject: str
    judge: Callable[[KataResult | None], tuple[bool, str]]
    source: str  # the gan.py to run
    kata: course.Kata


@dataclass
class CheckReport:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    results: dict[str, KataResult | None] = field(default_factory=dict)  # by run folder
    output: str = ""  # what the pytest runs printed

    @property
    def ok(self) -> bool:
        return bool(self.findings) and all(f.ok for f in self.findings)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok]

    def add(self, subject: str, ok: bool, message: str) -> None:
        self.findings.append(Finding(subject, ok, message))

    def render(self) -> str:
        lines = [f"ganerrors dev check: {self.root}"]
        for finding in self.findings:
            mark = "ok  " if finding.ok else "FAIL"
            lines.append(f"  {mark} {finding.subject}: {finding.message}")
        bad = len(self.problems)
        verdict = "the course is ready" if not bad else f"{bad} problem(s) to fix"
        lines.append(f"{len(self.findings)} checks, {verdict}.")
        return "\n".join(lines)


def find_katas(path: Path) -> Path:
    """The katas folder of `path`: `path` itself when it holds katas.toml, else path/katas."""
    path = Path(path)
    for candidate in (path, path / "katas"):
        if (candidate / course.REGISTRY_NAME).is_file():
            return candidate.resolve()
    raise RegistryError(f"{path} holds no {course.REGISTRY_NAME}, nor does {path / 'katas'}")


def check(path: Path, jobs: int | None = None, run_katas: bool = True) -> CheckReport:
    """Check the course at `path` (a checkout or a course folder). Never raises for a bad
    course: every problem becomes a finding."""
    report = CheckReport(root=Path(path))
    try:
        katas_root = find_katas(Path(path))
        loaded = course.reload(katas_root)
    except RegistryError as exc:
        report.add("registry", False, str(exc))
        return report
    report.add("registry", True, f"{len(loaded.katas)} katas in {course.REGISTRY_NAME}")
    runs = _static_checks(loaded, report)
    if run_katas and runs:
        _run_all(runs, loaded, report, jobs or min(2, os.cpu_count() or 1))
    return report


def _static_checks(loaded: course.Course, report: CheckReport) -> list[Run]:
    runs: list[Run] = []
    registered = {kata.number for kata in loaded.katas}
    on_disk = {p.name for p in loaded.root.iterdir() if p.is_dir() and p.name.isdigit()}
    for stray in sorted(on_disk - registered):
        report.add(f"kata {stray}", False, f"katas/{stray} is not in {course.REGISTRY_NAME}")
    solutions_root = loaded.root.parent / "solutions"
    has_solutions = solutions_root.is_dir()
    if has_solutions:
        listed = {p.name for p in solutions_root.iterdir() if p.is_dir()} - {"__pycache__"}
        for stray in sorted(listed - registered):
            report.add(f"solution {stray}", False, f"solutions/{stray} has no kata")
    for kata in loaded.katas:
        folder = loaded.folder(kata)
        missing = [
            name
            for name in (course.KATA_FILE, course.CHECKER_FILE, course.README_FILE)
            if not (folder / name).is_file()
        ]
        if missing:
            report.add(f"kata {kata.number}", False, f"katas/{kata.number} lacks {missing}")
            continue
        extra = sorted({p.name for p in folder.iterdir()} - _ALLOWED_IN_KATA)
        if extra:
            report.add(
                f"kata {kata.number}", False, f"katas/{kata.number} has unregistered {extra}"
            )
        shipped = loaded.kata_file(kata).read_text(encoding="utf-8")
        if "TODO" not in shipped:
            report.add(f"kata {kata.number}", False, "gan.py has no TODO marking where to look")
        runs.append(
            Run(f"{kata.number}-shipped", f"kata {kata.number}", _fails_as(kata), shipped, kata)
        )
        if not has_solutions:
            continue
        solution = solutions_root / kata.number
        fixed_file = solution / course.KATA_FILE
        if not fixed_file.is_file():
            report.add(f"solution {kata.number}", False, f"{fixed_file} is missing")
            continue
        extra = sorted({p.name for p in solution.iterdir()} - _ALLOWED_IN_SOLUTION)
        if extra:
            report.add(f"solution {kata.number}", False, f"solutions/{kata.number} has {extra}")
        fixed = fixed_file.read_text(encoding="utf-8")
        if "# Fixed:" not in fixed:
            report.add(f"solution {kata.number}", False, "gan.py has no '# Fixed:' note")
        runs.append(Run(f"{kata.number}-solution", f"solution {kata.number}", _passes, fixed, kata))
        try:
            declared = variants_module.load(solution, kata.number)
            for variant in declared:
                source = variant.source(loaded.kata_file(kata), fixed_file)
                runs.append(
                    Run(variant.id, f"variant {variant.id}", _as_declared(variant), source, kata)
                )
        except RegistryError as exc:
            report.add(f"variants {kata.number}", False, str(exc))
    return runs


def _fails_as(kata: course.Kata) -> Callable[[KataResult | None], tuple[bool, str]]:
    failure = kata.failure

    def judge(result: KataResult | None) -> tuple[bool, str]:
        if result is None or result.failure is None:
            return False, "passes as shipped: a kata must fail until it is fixed"
        got = result.failure
        said = f"{got.type} at {got.test}: {_short(got.message)}"
        if got.test != failure.test:
            return False, f"fails first at {got.test}, the registry says {failure.test} ({said})"
        if not failure.matches(got.type, got.message):
            return False, (
                f"raised {said}; the registry documents {failure.type} matching {failure.message!r}"
            )
        if got.category != failure.category:
            return False, f"{said} is explained as {got.category}, not {failure.category}"
        return True, f"fails as registered: {got.type} at {got.test}"

    return judge


def _passes(result: KataResult | None) -> tuple[bool, str]:
    if result is None:
        return False, "did not run: no report"
    if result.failure is not None:
        got = result.failure
        return False, f"fails at {got.test}: {got.type}: {_short(got.message)}"
    if not result.solved:
        return False, f"not every check ran and passed ({result.outcome})"
    return True, f"passes all {len(result.tests)} checks"


def _as_declared(
    variant: variants_module.Variant,
) -> Callable[[KataResult | None], tuple[bool, str]]:
    def judge(result: KataResult | None) -> tuple[bool, str]:
        if variant.expect == "pass":
            ok, message = _passes(result)
            return ok, message if ok else f"should pass ({variant.why}) but {message}"
        if result is None or result.failure is None:
            return False, f"should fail ({variant.why}) but passes every check"
        got = result.failure
        if got.test != variant.test or (variant.type and got.type != variant.type):
            return False, (
                f"should fail at {variant.test} but fails at {got.test} with {got.type}: "
                f"{_short(got.message)}"
            )
        return True, f"fails at {got.test}, as declared"

    return judge


def _short(message: str, width: int = 160) -> str:
    line = " ".join(message.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _run_all(runs: list[Run], loaded: course.Course, report: CheckReport, jobs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ganerrors-dev-check-") as tmp:
        base = Path(tmp) / "katas"
        base.mkdir()
        shutil.copy2(loaded.root / course.REGISTRY_NAME, base / course.REGISTRY_NAME)
        for run in runs:
            folder = base / run.folder
            shutil.copytree(loaded.folder(run.kata), folder, ignore=_ignore_cache)
            (folder / course.KATA_FILE).write_text(run.source, encoding="utf-8")
        groups = [runs[i::jobs] for i in range(jobs) if runs[i::jobs]]
        processes = []
        for index, group in enumerate(groups):
            path = Path(tmp) / f"report-{index}.json"
            timeout = sum(run.kata.timeout for run in group) + 60
            command = [
                sys.executable,
                "-m",
                "pytest",
                *[str(base / run.folder) for run in group],
                "-p",
                "no:cacheprovider",
                "-q",
                f"--ganerrors-report={path}",
            ]
            process = subprocess.Popen(
                command,
                cwd=tmp,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                errors="backslashreplace",
            )
            processes.append((process, path, timeout))
        results: dict[str, KataResult] = {}
        for process, path, timeout in processes:
            try:
                output, _ = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                output, _ = process.communicate()
                report.add("kata runs", False, f"a pytest run took over {timeout:.0f} s")
            report.output += output
            try:
                results.update(Report.read(path).katas)
            except ReportError as exc:
                report.add("kata runs", False, f"{exc}; pytest said:\n{output[-2000:]}")
    for run in runs:
        result = results.get(run.folder)
        report.results[run.folder] = result
        ok, message = run.judge(result)
        report.add(run.subject, ok, message)
    noise = [line for line in LOG_NOISE if line in report.output]
    report.add(
        "terminal",
        not noise,
        "no TensorFlow C++ log lines in the kata output"
        if not noise
        else f"TensorFlow log lines reach the learner: {noise}",
    )


def _ignore_cache(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__"]
