"""What a kata checker is made of: load the learner's `gan.py`, then run the GAN checks on it.

A checker (`katas/NN/test_gan.py`) is a subclass of :class:`GANChecks`; every test is a
behaviour that any working GAN of the course has. The tests share one loaded module per kata,
so `train_step` is traced once, and run in the order they are written: the first failure is
the one to fix, and the pytest plugin skips the rest.

What a kata's `gan.py` must define is `ganerrors.kata.contract`; `load` checks it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ganerrors import checks
from ganerrors._tf import import_tensorflow
from ganerrors.course import KATA_FILE
from ganerrors.kata import contract

tf = import_tensorflow()
Tensor = Any  # tf.Tensor: TensorFlow ships no type information

#: Seed set before a kata is loaded, so a checker run is the same every time.
SEED = 1234
#: Training steps for the progress check, and the ranking accuracy they must reach.
PROGRESS_STEPS = 40
PROGRESS_ACCURACY = 0.8


def load(path: str | Path, seed: int = SEED) -> ModuleType:
    """Import the kata file at `path` under a name of its own, after seeding every RNG."""
    path = Path(path).resolve()
    name = f"ganerrors_kata_{path.parent.name}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    tf.keras.utils.set_random_seed(seed)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    contract.check(module, str(path))
    return module


def _build_optimizers(module: ModuleType) -> None:
    """Build the kata's optimizers for their models' variables before the first step.

    An optimizer that is still unbuilt creates its variables inside the first `train_step`,
    and tf.function then traces the step twice; building it first (exactly what its first
    `apply_gradients` would do) saves the learner that second trace, about 0.3 s a run.
    """
    for optimizer_name, model_name in (
        ("generator_optimizer", "generator"),
        ("discriminator_optimizer", "discriminator"),
    ):
        optimizer = getattr(module, optimizer_name, None)
        model = getattr(module, model_name, None)
        if optimizer is None or model is None or getattr(optimizer, "built", True):
            continue
        try:
            optimizer.build(model.trainable_variables)
        except Exception:  # noqa: BLE001 - an optimisation only; train_step will build it
            pass


class GANChecks:
    """The behaviour every GAN of the course must have, one test per checklist question."""

    kata_file = KATA_FILE

    @pytest.fixture(scope="class")
    @classmethod
    def gan(cls, request: pytest.FixtureRequest) -> ModuleType:
        module = load(Path(request.path).parent / cls.kata_file)
        _build_optimizers(module)
        return module

    @pytest.fixture(scope="class")
    @classmethod
    def images(cls, gan: ModuleType) -> Tensor:
        return next(iter(gan.dataset))

    @pytest.fixture(scope="class")
    @classmethod
    def noise(cls, gan: ModuleType, images: Tensor) -> Tensor:
        return tf.random.stateless_normal((int(images.shape[0]), gan.NOISE_DIM), seed=(SEED, 1))

    def test_one_training_step_runs(self, gan: ModuleType, images: Tensor) -> None:
        gan.train_step(images)

    def test_discriminator_gives_one_score_per_image(self, gan: ModuleType, images: Tensor) -> None:
        checks.check_discriminator_output(gan.discriminator, images)

    def test_generator_makes_float32_images_shaped_like_the_data(
        self, gan: ModuleType, images: Tensor, noise: Tensor
    ) -> None:
        checks.check_generator_output(gan.generator, noise, images)

    def test_every_variable_of_both_models_learns(self, gan: ModuleType, images: Tensor) -> None:
        models = {"generator": gan.generator, "discriminator": gan.discriminator}
        checks.check_every_variable_learns(models, gan.train_step, images)

    def test_discriminator_loss_rewards_telling_real_from_fake(
        self, gan: ModuleType, images: Tensor
    ) -> None:
        scores = gan.discriminator(images, training=False)
        checks.check_loss_rewards_telling_real_from_fake(
            gan.discriminator_loss, scores, "discriminator loss"
        )

    def test_every_example_sends_a_gradient(
        self, gan: ModuleType, images: Tensor, noise: Tensor
    ) -> None:
        real, fake = self._scores(gan, images, noise)
        checks.check_every_example_sends_a_gradient(
            gan.discriminator_loss, real, fake, "discriminator loss"
        )

    def test_training_makes_progress(self, gan: ModuleType, images: Tensor, noise: Tensor) -> None:
        for batch in gan.dataset.repeat().take(PROGRESS_STEPS):
            gan.train_step(batch)
        fakes = gan.generator(noise, training=False)
        accuracy = checks.ranking_accuracy(gan.discriminator, images, fakes)
        if accuracy < PROGRESS_ACCURACY:
            raise checks.GANCheckFailed(
                f"after {PROGRESS_STEPS} training steps the discriminator ranks a real image "
                f"above a fake one {accuracy:.0%} of the time (chance is 50%, a working GAN "
                f"reaches {PROGRESS_ACCURACY:.0%}): the losses do not teach it",
                "numerics",
            )

    @staticmethod
    def _scores(gan: ModuleType, images: Tensor, noise: Tensor) -> tuple:
        fakes = gan.generator(noise, training=False)
        return gan.discriminator(images, training=False), gan.discriminator(fakes, training=False)
