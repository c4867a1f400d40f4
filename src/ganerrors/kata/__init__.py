"""What a kata checker is made of: load the learner's `gan.py`, then run the GAN checks on it.

A checker (`katas/NN/test_gan.py`) is a subclass of :class:`GANChecks`; every test is a
behaviour that any working GAN of the course has. The tests share one loaded module per kata
and run in the order they are written: the first failure is the one to fix, and the pytest
plugin skips the rest.

How a run goes, and why it is quick:

- The first test runs the learner's `train_step` on the first batch. It runs a twin of their
  tf.function (`relaxed_step`: the same code, traced once for every batch size), with the
  losses watched (`checks.probe_step`: what `discriminator_loss` and `generator_loss` really
  receive, and how the step moved both models). Whenever the twin raises, the learner's own
  function runs instead and its error is the one shown.
- Later tests reuse that first step (the losses' inputs, the variables before and after it)
  instead of running steps of their own; then a short batch, one whole epoch and a few more
  steps train the GAN, and the fakes are measured against the real images
  (`ganerrors.quality`).

What a kata's `gan.py` must define is `ganerrors.kata.contract`; `load` checks it. The checks
support conditional katas (NUM_CLASSES defined: the data set yields (images, labels), the
generator takes [noise, labels], the discriminator [images, labels]).
"""

from __future__ import annotations

import atexit
import gc
import importlib.util
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from ganerrors import checks, quality
from ganerrors._tf import import_tensorflow
from ganerrors.course import KATA_FILE
from ganerrors.errors import GANCheckFailed, KataContractError
from ganerrors.kata import contract

tf = import_tensorflow()
Tensor = Any  # tf.Tensor: TensorFlow ships no type information

#: Seed set before a kata is loaded, so a checker run is the same every time.
SEED = 1234
#: Training steps the checker has run when it measures progress (at least one epoch).
PROGRESS_STEPS = 40
#: The progress check trains at least PROGRESS_SAMPLES * PROGRESS_EVERY more steps and
#: measures the fakes before them and every PROGRESS_EVERY steps: early GAN training can
#: swing, so it keeps the best of those measures.
PROGRESS_SAMPLES = 2
PROGRESS_EVERY = 5
#: Training steps in all that a GAN which has not got there by PROGRESS_STEPS may take: a
#: correct fix that learns more slowly (the TensorFlow tutorial's Adam(1e-4) in kata 04, a
#: transposed convolution in kata 02) gets there in 60 to 150.
PROGRESS_PATIENCE = 150
#: The best measure of the fakes' distance to the nearest real image must be at most this
#: share of the untrained generator's. On the course's variants (benchmarks/
#: label_variants.py), GANs that learn reach 0.57-0.65 here, and those that do not 0.99.
PROGRESS_DISTANCE = 0.9
#: Noise vectors the progress check draws fakes from.
PROGRESS_FAKES = 256
#: The size of the short batch when the data set's last batch is not shorter than the first.
SHORT_BATCH = 5


def _skip_the_last_collection() -> None:
    """Freeze the garbage collector as the interpreter exits.

    Python's shutdown ends with a full garbage collection, which in a process holding
    TensorFlow, Keras and a traced training step walks millions of objects: about a second,
    the learner's, after the checks have passed. Nothing a checker leaves needs collecting
    then (memory goes back to the system as the process ends; objects freed by their
    reference counts are still finalized), so the checker skips it. atexit handlers run before
    that collection; this one is registered when a checker imports this module.
    """
    gc.freeze()


atexit.register(_skip_the_last_collection)


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

    Only where `generator` and `discriminator` are the module's only models: with another one
    (an averaged copy of the generator, trained through the original), which model an
    optimizer updates is the step's choice, and a Keras optimizer built for one model refuses
    the other's variables: the optimisation would change the outcome.
    """
    models = [value for value in vars(module).values() if isinstance(value, tf.keras.Model)]
    if len({id(model) for model in models}) > 2:
        return
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


@contextmanager
def graphs_left_unoptimised() -> Iterator[None]:
    """Run the checks' traced steps as traced, without Grappler's graph optimisations.

    Grappler rewrites a tf.function's graph when it is first called: 0.07-0.13 s for a
    kata's step, about half its first call, for steps that then run no faster on these small
    models (katas 01, 06, 08: the same time per step to within 5%; kata 09, whose penalty
    nests a gradient, 0.5-1.5 ms a step slower). The checks call a step 50 to 100 times, so
    the rewrite does not pay for itself (`benchmarks/bench_kata.py`). The kernels, and so the
    errors they raise, are the same. The setting is TensorFlow's, for the whole process:
    it is put back as it was when the kata's checks end.
    """
    saved = tf.config.optimizer.get_experimental_options()
    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})
    try:
        yield
    finally:
        tf.config.optimizer.set_experimental_options(
            {"disable_meta_optimizer": saved.get("disable_meta_optimizer", False)}
        )


def relaxed_step(step: Any, batch: Any) -> Any:
    """The learner's tf.function again, with the same Python code and options, traced once
    for every batch size (an input signature whose batch dimension is unknown, or the
    learner's own signature when the step has one); None when `step` is not a tf.function.

    A plain tf.function traces again for every new batch shape, and a checker that trains on
    a short batch and a whole epoch would trace it twice, at about half a second each. The
    checks run this one instead, and run the learner's own function whenever it raises
    (`KataRun.learners_errors`), so an error is always the one their code raises. Its first
    step is watched (`KataRun.first_step`), which spares a step with a signature of its own
    one more step, run eagerly, for the checks that watch the losses.

    It is traced without AutoGraph (a quarter of the tracing time: rewriting the step's
    Python source), which computes the same graph for a step without Python control flow on
    tensors; a step that has some raises while it is traced, and the learner's own function
    runs instead.
    """
    python_function = getattr(step, "python_function", None)
    if python_function is None:
        return None
    try:
        signature = getattr(step, "input_signature", None)
        if signature is None:
            spec = tf.nest.map_structure(
                lambda t: tf.TensorSpec([None, *t.shape[1:]], t.dtype), batch
            )
            signature = [spec]
        return tf.function(
            python_function,
            input_signature=signature,
            autograph=False,
            jit_compile=getattr(step, "_jit_compile", None),
            experimental_autograph_options=getattr(step, "_experimental_autograph_options", None),
        )
    except Exception:  # noqa: BLE001 - an optimisation only
        return None


@dataclass
class KataRun:
    """One checker run of one kata: the loaded module and what the checks learn on the way."""

    gan: ModuleType
    batch: Any  # the data set's first batch, as it yields it
    images: Tensor
    labels: Tensor | None
    noise: Tensor  # one noise vector per image of the first batch
    models: dict[str, Any]
    log: list[checks.StepRecord] = field(default_factory=list)
    orientation: int = 1  # +1: a high score means real (what the discriminator loss showed)
    start_fakes: np.ndarray | None = None  # the untrained generator's fakes, for progress
    fresh: list[tuple[Any, np.ndarray]] = field(default_factory=list)  # the state as loaded
    original_step: Any = None  # the learner's train_step, when a relaxed one stands in
    _probe: checks.Probe | None = None
    _data: tuple[np.ndarray, np.ndarray | None, list[int]] | None = None
    _batches: list[Any] = field(default_factory=list)  # one pass over the data set (start)
    _nearest: quality.Nearest | None = None
    _calls: list[checks.ModelCall] | None = None
    _noise_watch: checks.NoiseWatch | None = None  # tapped into the relaxed step's graph
    _noise_calls: int = 0  # how many generator calls the first step made

    @classmethod
    def start(cls, gan: ModuleType) -> KataRun:
        """A run of the checks on `gan` (a loaded kata), before any of them.

        It goes through the data set once, here, and keeps every batch for the checks that
        train on them, so that a data set with no batches is named before any check runs."""
        batches = list(gan.dataset)
        if not batches:
            raise KataContractError(
                "`dataset` yields no batches: the checker needs at least one batch of real images"
            )
        batch = batches[0]
        images, labels = checks.split_batch(batch)
        noise = tf.random.stateless_normal((int(images.shape[0]), gan.NOISE_DIM), seed=(SEED, 1))
        run = cls(
            gan=gan,
            batch=batch,
            images=images,
            labels=labels,
            noise=noise,
            models={"generator": gan.generator, "discriminator": gan.discriminator},
            _batches=batches,
        )
        run.fresh = checks.snapshot(run.stateful())
        eval_noise, eval_labels = run.eval_noise()
        try:
            run.start_fakes = checks.make_fakes(gan.generator, eval_noise, eval_labels).numpy()
        except Exception:  # noqa: BLE001 - the checks below say what is wrong
            run.start_fakes = None
        return run

    @property
    def steps_run(self) -> int:
        return sum(record.steps for record in self.log)

    @property
    def conditional(self) -> bool:
        return getattr(self.gan, "NUM_CLASSES", None) is not None

    def step(
        self, batch: Any, what: str, check_finite: bool = False, variables: bool = True
    ) -> checks.StepRecord:
        return self.learners_errors(
            lambda: checks.run_step(
                self.gan.train_step, batch, self.models, self.log, what, check_finite, variables
            )
        )

    def learners_errors(self, action: Callable[[], Any]) -> Any:
        """Run `action`; if it raises while the relaxed step stands in for the learner's
        (see `relaxed_step`), put theirs back and run `action` again, so that what is raised
        is what their own code raises."""
        try:
            return action()
        except GANCheckFailed:
            raise
        except Exception:
            if self.original_step is None or self.gan.train_step is self.original_step:
                raise
            self.gan.__dict__["train_step"] = self.original_step
            return action()

    def first_step(self) -> None:
        """The first training step: the relaxed step, watched (see `checks.probe_step`), when
        it runs; else the learner's own, unwatched (the checks watch a step later)."""
        self.original_step = self.gan.train_step
        relaxed = relaxed_step(self.original_step, self.batch)
        if relaxed is not None:
            # the noise each run of the relaxed step gives the generator, tapped as it is traced
            watch = checks.NoiseWatch(self.gan.generator, traced_only=True)
            try:
                with watch:
                    probe = self._watched(relaxed)
            except Exception:  # noqa: BLE001 - the learner's own step says what is wrong
                checks.restore(self.fresh)
            else:
                self._probe = probe
                self._noise_watch, self._noise_calls = watch, len(watch.seen)
                self.gan.__dict__["train_step"] = relaxed
                self.log.append(
                    checks.StepRecord(
                        1,
                        "the first batch",
                        checks.returned_numbers(probe.returned),
                        checks.non_finite_variables(self.models),
                    )
                )
                return
        self.step(self.batch, "the first batch")

    def eager_calls(self) -> list[checks.ModelCall]:
        """What the models received and gave in one step on the first batch, run eagerly from
        the state as loaded, after which the state is put back: the values a traced step does
        not show. Empty when the step runs only traced."""
        if self._calls is None:
            step = self.original_step or self.gan.train_step
            plain = getattr(step, "python_function", step)
            current = checks.snapshot(self.stateful())
            checks.restore(self.fresh)
            watch = checks.ModelWatch(self.models)
            try:
                with watch:
                    plain(self.batch)
            except Exception:  # noqa: BLE001 - code that needs autograph: no values to see
                watch.calls.clear()
            finally:
                checks.restore(current)
            self._calls = watch.calls
        return self._calls

    def noise_of_two_steps(self) -> tuple[list[list[np.ndarray]], list[np.ndarray]] | None:
        """The noise of each generator call in two steps, on the first two batches, run one
        after the other as the learner's step runs them (a tf.function traced afresh, or
        eagerly), after which the state is put back; None with a single batch, or when the
        watch sees no noise. With it, the labels a conditional generator got in the first
        step's calls."""
        batches = self.batches()
        if len(batches) < 2:
            return None
        tapped = self._noise_watch
        count = self._noise_calls
        if tapped is not None and count and self.gan.train_step is not self.original_step:
            # the relaxed step, traced with taps, ran the first batch: run it on the second
            before = len(tapped.seen)
            current = checks.snapshot(self.stateful())
            try:
                self.gan.train_step(batches[1])
            except Exception:  # noqa: BLE001 - named by the checks that run the step
                return None
            finally:
                checks.restore(current)
            first, second = tapped.seen[:count], tapped.seen[before : before + count]
            if len(first) != len(second):
                return None
            return [first, second], tapped.labels[:count]
        step = self.original_step or self.gan.train_step
        plain = getattr(step, "python_function", None)
        run = tf.function(plain) if plain is not None else step
        current = checks.snapshot(self.stateful())
        watch = checks.NoiseWatch(self.gan.generator)
        try:
            with watch:
                run(batches[0])
                count, labelled = len(watch.seen), len(watch.labels)
                run(batches[1])
        except Exception:  # noqa: BLE001 - a step the watch cannot run: no values to see
            return None
        finally:
            checks.restore(current)
        first, second = watch.seen[:count], watch.seen[count:]
        if not first or len(first) != len(second):
            return None
        return [first, second], watch.labels[:labelled]

    def images_seen(self) -> np.ndarray | None:
        """The first batch's real images as the discriminator receives them, where a training
        step converts or scales them first (data of another dtype than float32, or float32
        data scaled inside the step); None where it receives the data as they are."""
        seen = checks.real_images_seen(self.eager_calls())
        if seen is None or self.images.dtype != tf.float32:
            return seen
        # float32 data count as converted only when the step scales them (a map a * x + b),
        # not when it leaves them as they are or adds to them what changes from step to step
        # (instance noise): then the data's whole range counts, not one batch's
        if seen.shape != tuple(self.images.shape):
            return None
        given = np.asarray(self.images, np.float64).ravel()
        if np.ptp(given) == 0.0:
            return None
        fitted = _affine_map(given, seen.astype(np.float64).ravel())
        if fitted is None:
            return None
        scale, shift = fitted
        if math.isclose(scale, 1.0, abs_tol=1e-4) and abs(shift) < 1e-4:
            return None
        return seen

    def check_critic_slope(self, min_steps: int = 30) -> None:
        """A WGAN-GP's critic keeps a slope near 1 once trained a little (see
        `checks.critic_slope`): trains up to `min_steps` steps first."""
        batches = self.batches()
        number = 0
        while self.steps_run < min_steps:
            self.step(batches[number % len(batches)], "training for the critic's slope")
            number += 1
        fakes = checks.make_fakes(self.gan.generator, self.noise, self.labels)
        slope = checks.critic_slope(self.gan.discriminator, self.images, fakes)
        checks.check_critic_slope(slope, self.steps_run)

    def _watched(self, run: Callable[[Any], Any]) -> checks.Probe:
        return checks.probe_step(
            run,
            self.batch,
            self.gan.generator,
            self.gan.discriminator,
            self.noise,
            self.gan.discriminator_loss,
            self.gan.generator_loss,
            namespace=vars(self.gan),
        )

    def data(self) -> tuple[np.ndarray, np.ndarray | None, list[int]]:
        """Every real image of one pass over the data set, their labels, and batch sizes."""
        if self._data is None:
            images, labels, sizes = [], [], []
            for batch in self._batches:
                part, part_labels = checks.split_batch(batch)
                images.append(np.asarray(part))
                sizes.append(int(part.shape[0]))
                if part_labels is not None:
                    labels.append(np.asarray(part_labels))
            self._data = (
                np.concatenate(images),
                np.concatenate(labels) if labels else None,
                sizes,
            )
        return self._data

    def batches(self) -> list[Any]:
        """The batches of one pass over the data set, as `start` kept them."""
        return self._batches

    def nearest(self) -> quality.Nearest:
        if self._nearest is None:
            self._nearest = quality.Nearest(self.as_seen(self.data()[0]))
        return self._nearest

    def as_seen(self, images: np.ndarray) -> np.ndarray:
        """`images` of the data set in the units the discriminator sees: unchanged, unless a
        training step converts the data (see `images_seen`) by a map a * x + b, which is then
        read off the first batch and applied."""
        seen = self.images_seen()
        if seen is None or seen.size != int(tf.size(self.images)):
            return images
        given = np.sort(np.asarray(self.images, np.float64).ravel())
        fitted = _affine_map(given, np.sort(seen.astype(np.float64).ravel()))
        if fitted is None:
            return images  # not an affine map: measure in the data's own units
        scale, shift = fitted
        return (scale * np.asarray(images, np.float64) + shift).astype(np.float32)

    def probe(self) -> checks.Probe:
        """The watched step: the first one, when the relaxed step ran it. Otherwise one more
        step, run eagerly from the state the kata was loaded in (so its one-step effects do
        not depend on the steps before it), after which that state is put back."""
        if self._probe is None:
            current = checks.snapshot(self.stateful())
            checks.restore(self.fresh)
            plain = getattr(self.gan.train_step, "python_function", self.gan.train_step)
            try:
                self._probe = self._watched(plain)
            except Exception:  # noqa: BLE001 - code that runs only traced: watch the step
                checks.restore(self.fresh)
                self._probe = self._watched(self.gan.train_step)
            self.log.append(
                checks.StepRecord(
                    len(self.log) + 1,
                    "the step whose losses the checks watch",
                    checks.returned_numbers(self._probe.returned),
                    checks.non_finite_variables(self.models),
                )
            )
            checks.restore(current)
        return self._probe

    def stateful(self) -> list[Any]:
        """The models and the optimizers the module names: what a training step changes."""
        found = list(self.models.values())
        for name in ("generator_optimizer", "discriminator_optimizer"):
            optimizer = getattr(self.gan, name, None)
            if optimizer is not None and hasattr(optimizer, "variables"):
                found.append(optimizer)
        return found

    def eval_noise(self) -> tuple[Tensor, Tensor | None]:
        noise = tf.random.stateless_normal((PROGRESS_FAKES, self.gan.NOISE_DIM), seed=(SEED, 2))
        if not self.conditional:
            return noise, None
        labels = tf.range(PROGRESS_FAKES) % int(self.gan.NUM_CLASSES)
        return noise, tf.cast(labels, self.labels.dtype if self.labels is not None else tf.int32)


def _affine_map(given: np.ndarray, wanted: np.ndarray) -> tuple[float, float] | None:
    """(a, b) such that a * given + b is `wanted`, to within a thousandth of its spread (a step
    that scales the data); None where no such map holds (the values changed otherwise)."""
    scale, shift = np.polyfit(given, wanted, 1)
    if np.abs(scale * given + shift - wanted).max() > 1e-3 * max(np.ptp(wanted), 1e-6):
        return None
    return float(scale), float(shift)


class GANChecks:
    """The behaviour every GAN of the course must have, one test per checklist question.

    The names of these tests are part of the course's interface: the registry and the
    variants name them, so rename none.
    """

    kata_file = KATA_FILE
    #: A kata whose GAN learns more slowly can ask for more steps or accept less progress.
    progress_steps = PROGRESS_STEPS
    progress_patience = PROGRESS_PATIENCE
    progress_distance = PROGRESS_DISTANCE

    # -- fixtures -------------------------------------------------------------------------
    @pytest.fixture(scope="class")
    @classmethod
    def gan(cls, request: pytest.FixtureRequest) -> Iterator[ModuleType]:
        module = load(Path(request.path).parent / cls.kata_file)
        _build_optimizers(module)
        with graphs_left_unoptimised():
            yield module

    @pytest.fixture(scope="class")
    @classmethod
    def kata(cls, gan: ModuleType) -> KataRun:
        return KataRun.start(gan)

    @pytest.fixture(scope="class")
    @classmethod
    def images(cls, kata: KataRun) -> Tensor:
        return kata.images

    @pytest.fixture(scope="class")
    @classmethod
    def noise(cls, kata: KataRun) -> Tensor:
        return kata.noise

    # -- the checks, in the order a learner meets them --------------------------------------
    def test_one_training_step_runs(self, kata: KataRun) -> None:
        kata.first_step()

    def test_discriminator_gives_one_score_per_image(self, kata: KataRun) -> None:
        if kata.conditional:
            # the checks call the models with the data set's own labels: labels that an
            # Embedding cannot take (mapped only inside train_step, say) are named as such,
            # not met as an error raised inside a check
            self._class_labels_fit(kata, range_only=True)
        checks.check_discriminator_output(kata.gan.discriminator, kata.images, kata.labels)

    def test_generator_makes_float32_images_shaped_like_the_data(self, kata: KataRun) -> None:
        checks.check_generator_output(kata.gan.generator, kata.noise, kata.images, kata.labels)
        checks.check_fakes_use_every_pixel(kata.gan.generator, *kata.eval_noise())
        watched = kata.noise_of_two_steps()
        if watched is not None:
            noises, labels = watched
            checks.check_noise_is_drawn_anew(noises)
            # labels of one class in the data itself are named by the label checks
            several = kata.labels is not None and np.unique(np.asarray(kata.labels)).size > 1
            if kata.conditional and labels and several:
                checks.check_fakes_asked_for_several_classes(labels[0], int(kata.gan.NUM_CLASSES))

    def test_fakes_share_the_data_dtype_and_range(self, kata: KataRun) -> None:
        images, _, _ = kata.data()
        checks.check_fakes_share_the_data_dtype_and_range(
            kata.gan.generator,
            kata.noise,
            kata.images,
            kata.labels,
            data_range=checks.value_range(images),
            seen_by_discriminator=kata.images_seen(),
        )

    @staticmethod
    def _class_labels_fit(kata: KataRun, range_only: bool = False) -> None:
        _, labels, _ = kata.data()
        checks.check_class_labels(
            kata.models,
            labels if labels is not None else kata.labels,
            getattr(kata.gan, "NUM_CLASSES", None),
            kata.conditional,
            range_only,
        )

    def test_class_labels_fit_the_embedding(self, kata: KataRun) -> None:
        self._class_labels_fit(kata)
        if kata.conditional:
            images, labels, _ = kata.data()
            if labels is not None:
                checks.check_labels_go_with_their_images(images, labels)
                checks.check_labels_reach_both_models(
                    kata.gan.generator,
                    kata.gan.discriminator,
                    images,
                    labels,
                    int(kata.gan.NOISE_DIM),
                    int(kata.gan.NUM_CLASSES),
                )
            checks.check_fakes_judged_with_their_labels(kata.eager_calls())

    def test_every_variable_of_both_models_learns(self, kata: KataRun) -> None:
        checks.check_variables_changed(kata.models, kata.fresh)
        seen = kata.images_seen()
        checks.check_every_unit_reaches_the_output(
            kata.gan.generator,
            kata.gan.discriminator,
            kata.noise,
            kata.images if seen is None or len(seen) != len(kata.images) else seen,
            kata.labels,
        )

    def test_losses_and_gradients_are_finite(self, kata: KataRun) -> None:
        probe = kata.probe()
        for record in kata.log:
            if not record.finite:
                raise GANCheckFailed(record.problem() + checks._NON_FINITE_ADVICE, "numerics")
        for name, function, scores in (
            ("discriminator loss", kata.gan.discriminator_loss, (probe.real, probe.fake)),
            ("generator loss", kata.gan.generator_loss, (probe.generated,)),
        ):
            if not checks.finite_gradients(function, *scores):
                raise GANCheckFailed(
                    f"the gradient of the {name} with respect to the scores it is given is not "
                    f"finite (step {len(kata.log)} of this check run){checks._NON_FINITE_ADVICE}",
                    "numerics",
                )

    def test_discriminator_loss_rewards_telling_real_from_fake(self, kata: KataRun) -> None:
        probe = kata.probe()
        kata.orientation = checks.check_loss_rewards_telling_real_from_fake(
            kata.gan.discriminator_loss,
            probe.real,
            "discriminator loss",
            probe.fake,
            kata.gan.generator_loss,
        )

    def test_generator_loss_rewards_fooling_the_discriminator(self, kata: KataRun) -> None:
        probe = kata.probe()
        checks.check_generator_loss_rewards_fooling_the_discriminator(
            kata.gan.generator_loss,
            probe.generated,
            kata.orientation,
            discriminator_loss=kata.gan.discriminator_loss,
            real_like=probe.real,
        )

    def test_every_example_sends_a_gradient(self, kata: KataRun) -> None:
        probe = kata.probe()
        if probe.via_step:
            # the discriminator's own scores, to compare with what each loss was given
            fakes = checks.make_fakes(kata.gan.generator, kata.noise, kata.labels)
            checks.check_scores_depend_on_the_images(
                kata.gan.discriminator, kata.images, fakes, kata.labels
            )
            own_fake = checks.score(kata.gan.discriminator, fakes, kata.labels)
            own_real = checks.score(kata.gan.discriminator, kata.images, kata.labels)
            bounded = checks.scores_stay_between_0_and_1(
                kata.gan.discriminator, kata.images, kata.labels
            )
            checks.check_scores_are_not_squashed_twice(
                kata.gan.discriminator_loss,
                probe.real,
                probe.fake,
                "discriminator loss",
                step_loss=probe.disc_loss,
                raw=checks.tf.concat([own_real, own_fake], 0),
                bounded=bounded,
            )
            checks.check_scores_are_not_squashed_twice(
                kata.gan.generator_loss,
                probe.generated,
                "generator loss",
                step_loss=probe.gen_loss,
                raw=own_fake,
                bounded=bounded,
            )
        checks.check_every_example_sends_a_gradient(
            kata.gan.discriminator_loss, probe.real, probe.fake, "discriminator loss"
        )
        checks.check_every_example_sends_a_gradient(
            kata.gan.generator_loss, probe.generated, "generator loss"
        )
        checks.check_each_example_is_judged_on_its_own(
            kata.gan.discriminator_loss, probe.real, probe.fake, "discriminator loss"
        )
        checks.check_each_example_is_judged_on_its_own(
            kata.gan.generator_loss, probe.generated, "generator loss"
        )

    def test_one_step_moves_both_models_the_right_way(self, kata: KataRun) -> None:
        probe = kata.probe()
        # The losses judge the step only when the step is what called them. A step with losses
        # of its own is judged in the orientation the named losses show: keras.io's DCGAN step,
        # which labels fakes 1 and real images 0, fails here though it learns (1.31x, coverage
        # 30%), but judged in either orientation, the same step with a loss of probabilities
        # given logits (kata 04's bug, 3.03x, precision 0%) would pass every check.
        checks.check_step_moves_both_models_the_right_way(
            probe,
            kata.orientation,
            kata.gan.discriminator_loss if probe.via_step else None,
            kata.gan.generator_loss if probe.via_step else None,
        )

    def test_a_short_batch_trains(self, kata: KataRun) -> None:
        _, _, sizes = kata.data()
        first = int(kata.images.shape[0])
        if sizes[-1] == first and checks.batch_size_is_fixed(kata.gan.dataset):
            # Batched with drop_remainder=True: the data set declares that every batch has
            # `first` images, and no batch of another size can reach the step.
            return
        size = sizes[-1] if sizes[-1] < first else min(SHORT_BATCH, max(1, first - 1))
        labels = None if kata.labels is None else kata.labels[:size]
        short = checks.join_batch(kata.images[:size], labels)
        before = checks.snapshot(kata.models.values())
        what = f"a short batch of {size} images"
        kata.step(short, what, check_finite=True)
        checks.check_the_step_trained(kata.models, before, what)
        probe = kata.probe()
        checks.check_loss_takes_any_batch_size(
            kata.gan.discriminator_loss, probe.real, probe.fake, "discriminator loss", size=size
        )
        checks.check_loss_takes_any_batch_size(
            kata.gan.generator_loss, probe.generated, "generator loss", size=size
        )

    def test_a_whole_epoch_trains(self, kata: KataRun) -> None:
        train = getattr(kata.gan, "train", None)
        if callable(train):
            kata.learners_errors(lambda: train(1))
            record = checks.StepRecord(
                len(kata.log) + 1,
                "train(1), one whole epoch",
                [],
                checks.non_finite_variables(kata.models),
                steps=len(kata.batches()),
            )
            kata.log.append(record)
            if not record.finite:
                raise GANCheckFailed(record.problem() + checks._NON_FINITE_ADVICE, "numerics")
            return
        batches = kata.batches()
        for number, batch in enumerate(batches, start=1):
            last = number == len(batches)
            kata.step(batch, f"batch {number} of an epoch", check_finite=True, variables=last)

    def test_training_makes_progress(self, kata: KataRun) -> None:
        if kata.start_fakes is None:
            raise GANCheckFailed("the untrained generator could not make fakes", "model-io-shape")
        noise, eval_labels = kata.eval_noise()
        nearest = kata.nearest()
        start = nearest.distance(kata.start_fakes)

        def distance() -> float:
            return nearest.distance(checks.make_fakes(kata.gan.generator, noise, eval_labels))

        distances = [distance()]
        more = max(PROGRESS_SAMPLES * PROGRESS_EVERY, self.progress_steps - kata.steps_run)
        # a GAN that learns more slowly (a smaller learning rate, another architecture) is
        # given up to `progress_patience` steps in all, measured as often, and stops as soon
        # as it gets there: a GAN that learns at the kata's pace trains no longer than before
        most = max(more, self.progress_patience - kata.steps_run)
        batches = kata.batches()
        number = 0
        while number < most:
            number += 1
            last = number == most or (number >= more and number % PROGRESS_EVERY == 0)
            batch = batches[(number - 1) % len(batches)]
            kata.step(batch, "the progress check", check_finite=True, variables=last)
            if number % PROGRESS_EVERY == 0:
                distances.append(distance())
                if number >= more and min(distances) <= self.progress_distance * start:
                    break
        best = min(distances)
        if best > self.progress_distance * start:
            raise GANCheckFailed(
                f"after {kata.steps_run} training steps the generator's fakes are no closer "
                f"to the real images: their mean distance to the nearest real image was "
                f"{start:.3f} untrained, and at best {best:.3f} in the last {number} steps "
                f"(measured {len(distances)} times); a working GAN brings it below "
                f"{self.progress_distance:.0%} of where it started (the check trains up to "
                f"{self.progress_patience} steps, for one that learns slowly). The generator does "
                "not learn to draw the data: look at what its gradient comes from",
                "numerics",
            )
