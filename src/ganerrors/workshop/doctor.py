"""`ganerrors doctor`: is this machine ready for the workshop?

Checks the interpreter and every installed requirement against the ranges in ganerrors' own
package metadata (pyproject.toml is the one place they are written), that the katas are
there, and that a tiny GAN trains one step. Each problem comes with its fix.
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

from ganerrors import course as course_mod
from ganerrors.workshop import WorkshopError
from ganerrors.workshop import place as place_mod

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


def course_findings(start: Path | None, course: str | None) -> list[Finding]:
    """The course folder here (if any) and the course shipped with the package."""
    findings = []
    try:
        shipped = course_mod.load(course_mod.default_root())
        findings.append(
            Finding(True, f"{len(shipped.katas)} katas shipped with ganerrors in {shipped.root}")
        )
    except course_mod.RegistryError as exc:
        findings.append(
            Finding(False, f"the shipped course is broken: {exc}", "reinstall ganerrors")
        )
    try:
        place = place_mod.find(start, course)
    except WorkshopError:
        findings.append(
            Finding(True, "no course folder here yet: learners start with `ganerrors init`")
        )
        return findings
    missing = [
        f"{k.number}/{name}"
        for k in place.course.katas
        for name in (course_mod.KATA_FILE, course_mod.CHECKER_FILE)
        if not (place.course.folder(k) / name).is_file()
    ]
    if missing:
        findings.append(
            Finding(
                False,
                f"the course in {place.folder} lacks {', '.join(missing)}",
                "`ganerrors reset NN` puts a kata back as shipped; or `ganerrors init` anew",
            )
        )
    else:
        findings.append(Finding(True, f"course in {place.folder}: {len(place.course.katas)} katas"))
    return findings


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


def diagnose(
    start: Path | None = None,
    course: str | None = None,
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
    for finding in course_findings(start, course):
        add(finding)
    if all(f.ok for f in requirements):
        add(training_finding())
    else:
        add(Finding(False, "skipped the training step", "fix the packages above first"))
    return findings
