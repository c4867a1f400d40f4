"""The kata contract: what a kata's `gan.py` must define for its checker to run.

This is the one statement of the contract; CONTRIBUTING.md and the kata READMEs point here.
The checks (`ganerrors.kata.GANChecks`) run `train_step` as written and watch what it passes
to `discriminator_loss` and `generator_loss` (looked up by those names in its module), so a
fix made inside `train_step`, such as a squeeze or a sigmoid before the loss, is checked as it
really runs.
`check(module, path)` runs when a checker loads a kata and raises KataContractError naming
every missing or malformed name at once, so a learner who renamed `train_step` reads
"gan.py does not define train_step(batch)", not an AttributeError deep in a check.

Nothing here imports TensorFlow.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ganerrors.errors import KataContractError


@runtime_checkable
class GANKata(Protocol):
    """A kata's `gan.py`, as the checker sees it (module-level names)."""

    #: a batched tf.data.Dataset of real data: images, or (images, labels) when NUM_CLASSES
    dataset: Any
    generator: Any  # keras.Model: noise (and labels) -> images
    discriminator: Any  # keras.Model: images (and labels) -> one score per image
    NOISE_DIM: int

    def train_step(self, batch: Any) -> Any: ...

    #: Called by train_step with the discriminator's scores for real images and for fakes,
    #: as train_step passes them: the model's outputs, (batch, 1) or (batch,), or those
    #: outputs transformed first (a squeeze, a sigmoid). A higher score means "more real".
    #: Returns the loss: a number, or a tensor whose sum is the loss.
    def discriminator_loss(self, real_output: Any, fake_output: Any) -> Any: ...

    #: Called by train_step with the discriminator's scores for fakes; lower when they
    #: score as real.
    def generator_loss(self, fake_output: Any) -> Any: ...


@dataclass(frozen=True)
class Name:
    name: str
    shown: str  # how the message writes it
    what: str  # what it is for
    arguments: int | None = None  # positional arguments a callable must accept; None: a value
    required: bool = True


CONTRACT: tuple[Name, ...] = (
    Name("dataset", "dataset", "the batched tf.data.Dataset of real images"),
    Name("generator", "generator", "the generator model"),
    Name("discriminator", "discriminator", "the discriminator model"),
    Name("NOISE_DIM", "NOISE_DIM", "the size of one noise vector"),
    Name("train_step", "train_step(batch)", "one training step of both models", 1),
    Name(
        "discriminator_loss",
        "discriminator_loss(real_output, fake_output)",
        "the discriminator's loss from its scores on real and generated images",
        2,
    ),
    Name(
        "generator_loss",
        "generator_loss(fake_output)",
        "the generator's loss from the discriminator's scores on generated images",
        1,
    ),
    # Optional: a conditional GAN's number of classes (dataset yields (images, labels), the
    # models take [noise, labels] and [images, labels]), the optimizers (built before the
    # first step to save a second trace), and train(epochs) for a whole run.
    Name("NUM_CLASSES", "NUM_CLASSES", "the number of classes of a conditional GAN", None, False),
    Name("generator_optimizer", "generator_optimizer", "the generator's optimizer", None, False),
    Name(
        "discriminator_optimizer",
        "discriminator_optimizer",
        "the discriminator's optimizer",
        None,
        False,
    ),
    Name("train", "train(epochs)", "a whole training run over the dataset", 1, False),
)


def problems(module: Any) -> list[str]:
    """One sentence per name of the contract that `module` lacks or has in the wrong form."""
    found = []
    for name in CONTRACT:
        value = getattr(module, name.name, None)
        if value is None:
            if name.required:
                found.append(f"it does not define {name.shown}: {name.what}")
            continue
        if name.name == "dataset" and _repeats_forever(value):
            found.append(
                "`dataset` repeats forever (`.repeat()` without a count), so one epoch never "
                "ends: the checker, like `train(epochs)`, goes through it once per epoch. "
                "Leave out the `.repeat()`"
            )
            continue
        if name.arguments is None:
            if name.name in ("NOISE_DIM", "NUM_CLASSES") and (
                isinstance(value, bool) or not isinstance(value, int) or value < 1
            ):
                found.append(f"{name.name} must be a positive int, not {value!r}")
            continue
        if not callable(value):
            found.append(f"{name.shown} must be a function, not {type(value).__name__}")
            continue
        if not _accepts(value, name.arguments):
            found.append(_arguments_problem(name, value))
    return found


def _arguments_problem(name: Name, value: Any) -> str:
    """What is wrong with a function that cannot be called as the contract calls it."""
    try:
        takes = f"{name.name}{inspect.signature(value)}"
    except (TypeError, ValueError):
        takes = name.name
    text = f"{name.shown} must accept {name.arguments} argument(s), and yours is {takes}"
    if name.name.endswith("_loss"):
        text += (
            ": the checker calls a loss with the scores alone to test it, so what else it needs "
            "(the labels) must be made inside it from the scores' shape, e.g. "
            "`tf.ones_like(real_output)`"
        )
    return text


def check(module: Any, path: str) -> None:
    """Raise KataContractError naming everything `module` (loaded from `path`) lacks."""
    found = problems(module)
    if found:
        raise KataContractError(
            f"{path} does not keep the kata contract, so the checker cannot run it: "
            + "; ".join(found)
            + ". Keep these names and the arguments they take (`ganerrors reset` restores the "
            "kata as shipped, after a backup)."
        )


def _repeats_forever(dataset: Any) -> bool:
    """Whether `dataset` (a tf.data.Dataset) declares that it never ends; False for anything
    that cannot tell (no `cardinality`, or an unknown one)."""
    try:
        return int(dataset.cardinality()) == -1  # tf.data.INFINITE_CARDINALITY
    except Exception:  # noqa: BLE001 - not a tf.data.Dataset: the checks say what is wrong
        return False


def _accepts(function: Any, count: int) -> bool:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # a builtin or a tf.function without a signature
        return True
    try:
        signature.bind(*([None] * count))
    except TypeError:
        return False
    return True
