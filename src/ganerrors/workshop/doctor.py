"""`ganerrors doctor`: is this machine ready for the workshop?

Checks the interpreter and every installed requirement against the ranges in ganerrors' own
package metadata (pyproject.toml is the one place they are written), that the katas are
there as shipped (file by file, against the build's record), that the progress file can be
read and saved, and that a tiny GAN trains one step. Each problem comes with its fix.
"""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from ganerrors import course
from ganerrors.workshop import WorkshopError, place, progress, settings, shipped

DISTRIBUTION = "ganerrors"


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    fix: str = ""


def python_finding() -> Finding:
    wanted = SpecifierSet(metadata.metadata(DISTRIBUTION)["Requires-Python"] or "")
    have = platform.python_version()
    if Version(have) in wanted:
        return Finding(True, f"Python {have} (supported: {wanted})")
    return Finding(False, f"Python {have} is outside {wanted}", f"use a Python {wanted}")


def requirement_findings() -> list[Finding]:
    """One finding per requirement of the installed ganerrors that applies here (no extras)."""
    findings = []
    for text in metadata.requires(DISTRIBUTION) or ():
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name, wanted = requirement.name, requirement.specifier
        fix = f'pip install "{name}{wanted}"'
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            findings.append(Finding(False, f"{name} is not installed (needed: {wanted})", fix))
            continue
        try:
            inside = wanted.contains(Version(have), prereleases=True)
        except InvalidVersion:
            inside = False
        if inside:
            findings.append(Finding(True, f"{name} {have} (supported: {wanted})"))
        else:
            findings.append(Finding(False, f"{name} {have} is outside {wanted}", fix))
    return findings


def course_findings(start: Path | None, course_dir: str | None) -> list[Finding]:
    """The course shipped with ganerrors, and the course folder here (if any), checked
    against the build's record, file by file."""
    findings: list[Finding] = []
    source: shipped.Shipped | None
    try:
        source = shipped.load()
    except WorkshopError as exc:
        source = None
        findings.append(Finding(False, f"the shipped course: {exc}", "reinstall ganerrors"))
    if source is not None:
        findings.extend(_shipped_findings(source))
    try:
        where = place.find(start, course_dir)
    except place.BrokenCourse as exc:
        findings.append(
            Finding(
                False,
                str(exc),
                "make a fresh course with `ganerrors init DIR`, or put katas/katas.toml back",
            )
        )
        return findings
    except WorkshopError:
        findings.append(
            Finding(True, "no course folder here yet: learners start with `ganerrors init`")
        )
        return findings
    findings.extend(_folder_findings(where, source))
    return findings


def _shipped_findings(source: shipped.Shipped) -> list[Finding]:
    count = len(source.course.katas)
    if source.damaged:
        return [
            Finding(
                False,
                f"the course in {source.origin} differs from its build record: "
                f"{', '.join(source.damaged)}",
                "reinstall ganerrors: `pip install --force-reinstall --no-deps` the wheel",
            )
        ]
    findings = []
    record = "as recorded" if source.verified else "with no record to check"
    findings.append(Finding(True, f"{count} katas shipped, {record}: {source.origin}"))
    if source.modified:
        findings.append(
            Finding(
                False,
                "this ganerrors was built from course files that differed from git HEAD: "
                + ", ".join(source.modified),
                "unless that was on purpose, build the wheel again from a clean checkout",
            )
        )
    return findings


def _folder_findings(where: place.Place, source: shipped.Shipped | None) -> list[Finding]:
    findings = []
    missing = [
        where.relative(where.course.folder(k) / name)
        for k in where.course.katas
        for name in (course.KATA_FILE, course.CHECKER_FILE)
        if not (where.course.folder(k) / name).is_file()
    ]
    if missing:
        findings.append(
            Finding(
                False,
                f"the course in {where.folder} lacks {', '.join(missing)}",
                "`ganerrors reset NN` puts a kata back as shipped; or `ganerrors init` anew",
            )
        )
    else:
        findings.append(Finding(True, f"course in {where.folder}: {len(where.course.katas)} katas"))
    if source is not None:
        findings.extend(_integrity_findings(where, source))
    kept = progress.load(where.state)
    if kept.problem:
        findings.append(
            Finding(
                False,
                f"the progress file is broken: {kept.problem}",
                "the next command that saves progress sets it aside and starts afresh",
            )
        )
    problem = progress.problem_saving(where.state)
    if problem:
        findings.append(
            Finding(False, problem, "make the course folder writable, or `ganerrors init` anew")
        )
    found = settings.load(where.folder).problem
    if found:
        findings.append(Finding(False, found, f"fix or delete {settings.FILE}"))
    return findings


def _integrity_findings(where: place.Place, source: shipped.Shipped) -> list[Finding]:
    """Each file of the course folder against the course as shipped."""
    changed, edited, solved = [], [], []
    registry = where.folder / shipped.registry_path()
    if _digest(registry) != source.digest(shipped.registry_path()):
        changed.append(shipped.registry_path())
    for kata in where.course.katas:
        try:
            original = source.course.kata(kata.number)
        except KeyError:
            changed.append(f"kata {kata.number} (not in the course as shipped)")
            continue
        for path in shipped.kata_paths(original):
            digest = _digest(where.folder / path)
            if digest is None or digest == source.digest(path):
                continue  # missing files are reported above
            if not path.endswith("/" + course.KATA_FILE):
                changed.append(path)
            elif digest == source.digest(shipped.solution_path(original)):
                solved.append(path)
            else:
                edited.append(path)
    findings = []
    if changed:
        findings.append(
            Finding(
                False,
                f"differs from the course as shipped ({source.origin}): {', '.join(changed)}",
                "`ganerrors reset NN` puts a kata back; for katas.toml, `ganerrors init` anew",
            )
        )
    if solved:
        findings.append(
            Finding(
                False,
                f"already the solution, so the kata starts solved: {', '.join(solved)}",
                "`ganerrors reset NN --yes` before handing the course out",
            )
        )
    if edited:
        work = ", ".join(edited)
        findings.append(Finding(True, f"edited since init (the learner's work): {work}"))
    if not (changed or solved or edited):
        findings.append(Finding(True, "every kata file is as shipped"))
    return findings


def _digest(path: Path) -> str | None:
    try:
        return shipped.sha256(path.read_bytes())
    except OSError:
        return None


def training_finding() -> Finding:
    """Build a tiny GAN on `datasets.bars`, run the GAN checks and one optimizer step."""
    started = time.perf_counter()
    try:
        from ganerrors._tf import import_tensorflow

        tf = import_tensorflow()
        keras = tf.keras
        from ganerrors.checks import check_gan
        from ganerrors.datasets import bars

        tf.keras.utils.set_random_seed(0)
        images = tf.constant(bars(16))
        generator = keras.Sequential(
            [
                keras.Input((4,)),
                keras.layers.Dense(64, activation="tanh"),
                keras.layers.Reshape((8, 8, 1)),
            ]
        )
        discriminator = keras.Sequential(
            [keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(1)]
        )
        loss = keras.losses.BinaryCrossentropy(from_logits=True)

        def discriminator_loss(real, fake):
            return loss(tf.ones_like(real), real) + loss(tf.zeros_like(fake), fake)

        check_gan(generator, discriminator, images, discriminator_loss=discriminator_loss)
        optimizer = keras.optimizers.Adam(1e-3)
        with tf.GradientTape() as tape:
            fake = generator(tf.random.normal((16, 4)), training=True)
            value = discriminator_loss(discriminator(images), discriminator(fake))
        variables = discriminator.trainable_variables
        optimizer.apply_gradients(zip(tape.gradient(value, variables), variables, strict=True))
    except Exception as exc:
        return Finding(
            False,
            f"a tiny GAN cannot train: {type(exc).__name__}: {exc}",
            "reinstall TensorFlow in the supported range (see above) and run doctor again",
        )
    took = time.perf_counter() - started
    return Finding(True, f"a tiny GAN trains one step (TensorFlow {tf.__version__}, {took:.1f} s)")


def examine(
    start: Path | None = None,
    course_dir: str | None = None,
    say: Callable[[Finding], None] | None = None,
) -> list[Finding]:
    """Every finding, each passed to `say` as soon as it is known."""
    findings: list[Finding] = []

    def add(finding: Finding) -> None:
        findings.append(finding)
        if say is not None:
            say(finding)

    add(python_finding())
    requirements = requirement_findings()
    for finding in requirements:
        add(finding)
    for finding in course_findings(start, course_dir):
        add(finding)
    if all(f.ok for f in requirements):
        add(training_finding())
    else:
        add(Finding(False, "skipped the training step", "fix the packages above first"))
    return findings
