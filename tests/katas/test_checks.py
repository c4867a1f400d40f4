"""The GAN checks one by one: each catches its problem with a message that names it, and
lets every correct form through. Small models and hand-written losses, on the installed
TensorFlow."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from ganerrors.errors import GANCheckFailed

pytestmark = pytest.mark.tensorflow

tf = pytest.importorskip("tensorflow")
keras = tf.keras
checks = pytest.importorskip("ganerrors.checks")
kata = pytest.importorskip("ganerrors.kata")

ROOT = Path(__file__).resolve().parents[2]
N = 8


def scores(value: float = 0.0, shape: tuple[int, ...] = (N, 1)):
    return tf.fill(shape, value)


bce = keras.losses.BinaryCrossentropy(from_logits=True)


def right(real, fake):
    return bce(tf.ones_like(real), real) + bce(tf.zeros_like(fake), fake)


def generator_right(fake):
    return bce(tf.ones_like(fake), fake)


def fails(words: str, category: str | None = None):
    """pytest.raises for a GANCheckFailed whose message contains `words`."""
    return pytest.raises(GANCheckFailed, match=re.escape(words))


# -- the discriminator loss ------------------------------------------------------------------


def test_a_right_loss_passes_and_says_a_high_score_means_real() -> None:
    assert checks.check_loss_rewards_telling_real_from_fake(right, scores()) == 1


def test_swapped_labels_are_named() -> None:
    def swapped(real, fake):
        return right(fake, real)

    with fails("the real and fake labels are swapped"):
        checks.check_loss_rewards_telling_real_from_fake(swapped, scores(), "d", scores(), None)


def test_labels_swapped_in_both_losses_train_as_a_mirror_and_pass() -> None:
    def swapped(real, fake):
        return right(fake, real)

    def generator_swapped(fake):
        return bce(tf.zeros_like(fake), fake)

    orientation = checks.check_loss_rewards_telling_real_from_fake(
        swapped, scores(), "discriminator loss", scores(), generator_swapped
    )
    assert orientation == -1
    checks.check_generator_loss_rewards_fooling_the_discriminator(
        generator_swapped, scores(), orientation
    )


def test_fakes_labelled_real_are_named() -> None:
    def all_ones(real, fake):
        return bce(tf.ones_like(real), real) + bce(tf.ones_like(fake), fake)

    with fails("it labels real images and fakes alike, as real (1)"):
        checks.check_loss_rewards_telling_real_from_fake(all_ones, scores())


def test_labels_with_no_column_are_named_with_their_shape() -> None:
    def no_column(real, fake):  # kata 03's bug: labels (2n,) against scores (2n, 1)
        outputs = tf.concat([real, fake], axis=0)
        labels = tf.concat([tf.ones(tf.shape(real)[0]), tf.zeros(tf.shape(fake)[0])], 0)
        return tf.reduce_mean(tf.square(labels - outputs))

    with fails("whether real images score 0.8 and fakes 0.2, or the other way round") as caught:
        checks.check_loss_rewards_telling_real_from_fake(no_column, scores())
    assert "labels with no column" in str(caught.value) and "(8,)" in str(caught.value)


def test_a_loss_that_is_nan_both_ways_round_is_not_a_right_verdict() -> None:
    def log_of_logits(real, fake):
        return -tf.reduce_mean(tf.math.log(real - 1.0) + tf.math.log(-fake))

    with fails("not a finite number") as caught:
        checks.check_loss_rewards_telling_real_from_fake(log_of_logits, scores())
    assert caught.value.category == "numerics"


def test_a_per_example_loss_counts_as_its_sum() -> None:
    def per_example(real, fake):
        return keras.losses.binary_crossentropy(
            tf.ones_like(real), real, from_logits=True
        ) + keras.losses.binary_crossentropy(tf.zeros_like(fake), fake, from_logits=True)

    assert checks.check_loss_rewards_telling_real_from_fake(per_example, scores()) == 1
    checks.check_every_example_sends_a_gradient(per_example, scores(), scores(), "loss")


@pytest.mark.parametrize(
    "loss, words",
    [
        (lambda real, fake: None, "returns NoneType"),
        (lambda real, fake: "0.5", "returns a string tensor"),
        (lambda real, fake: real[:, 5], "raised"),
    ],
    ids=["none", "text", "raises"],
)
def test_an_odd_loss_gets_a_message_not_a_crash(loss, words) -> None:
    with fails(words):
        checks.check_loss_rewards_telling_real_from_fake(loss, scores())


def test_scores_of_shape_batch_with_a_loss_written_for_them_pass() -> None:
    def flat(real, fake):
        return bce(tf.ones((N,)), real) + bce(tf.zeros((N,)), fake)

    assert checks.check_loss_rewards_telling_real_from_fake(flat, scores(shape=(N,))) == 1


# -- the generator loss ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "loss",
    [
        lambda fake: bce(tf.zeros_like(fake), fake),
        lambda fake: -bce(tf.ones_like(fake), fake),
    ],
    ids=["labels-zero", "negated"],
)
def test_a_generator_loss_that_rewards_looking_fake_is_named(loss) -> None:
    with fails("the generator learns to make its fakes look *more* fake"):
        checks.check_generator_loss_rewards_fooling_the_discriminator(loss, scores())


def test_a_generator_loss_blind_to_the_scores_is_named() -> None:
    with fails("it gives the generator no direction"):
        checks.check_generator_loss_rewards_fooling_the_discriminator(
            lambda fake: tf.reduce_mean(fake * 0.0), scores()
        )


def lsgan_discriminator(real, fake):
    """Least squares with the LSGAN paper's targets: -1 for fakes, 1 for real images."""
    return tf.reduce_mean(tf.square(real - 1.0)) + tf.reduce_mean(tf.square(fake + 1.0))


def test_a_least_squares_generator_aiming_at_the_boundary_passes() -> None:
    # the paper's third target, 0: lower for a fake scored 0.2 than 0.8, yet from the fakes'
    # target (-1) it pulls their scores towards the real images' (1)
    checks.check_generator_loss_rewards_fooling_the_discriminator(
        lambda fake: tf.reduce_mean(tf.square(fake)),
        scores(),
        discriminator_loss=lsgan_discriminator,
        real_like=scores(),
    )


@pytest.mark.parametrize("target", [-1.0, -2.0], ids=["the-fakes-target", "past-it"])
def test_a_least_squares_generator_aiming_at_the_fakes_target_is_named(target: float) -> None:
    with fails("the generator learns to make its fakes look *more* fake"):
        checks.check_generator_loss_rewards_fooling_the_discriminator(
            lambda fake: tf.reduce_mean(tf.square(fake - target)),
            scores(),
            discriminator_loss=lsgan_discriminator,
            real_like=scores(),
        )


# -- every example sends a gradient ----------------------------------------------------------


def test_logits_taken_for_probabilities_send_no_gradient() -> None:
    clipped = keras.losses.BinaryCrossentropy()  # from_logits=False
    logits = tf.constant([[-2.0], [0.5], [3.0], [-0.1]])
    with fails("examples of 4 sent no gradient through the generator loss"):
        checks.check_every_example_sends_a_gradient(
            lambda fake: clipped(tf.ones_like(fake), fake), logits, "generator loss"
        )
    checks.check_every_example_sends_a_gradient(generator_right, logits, "generator loss")


# -- shapes, ranges and units of the models ---------------------------------------------------


def model(*layers, shape=(N,)):
    return keras.Sequential([keras.Input(shape), *layers])


@pytest.fixture(scope="module")
def images():
    from ganerrors.datasets import digits

    return tf.constant(digits()[:N])


def generator_ending(*last):
    return model(keras.layers.Dense(64, *last), keras.layers.Reshape((8, 8, 1)), shape=(4,))


def test_fakes_in_range_and_able_to_reach_both_ends_pass(images) -> None:
    tf.keras.utils.set_random_seed(0)
    noise = tf.random.normal((N, 4))
    checks.check_fakes_share_the_data_dtype_and_range(
        generator_ending("tanh"), noise, images, None, (-1.0, 1.0)
    )


def test_a_sigmoid_generator_cannot_reach_the_background(images) -> None:
    noise = tf.random.normal((N, 4))
    with fails("the generator's output cannot reach -1"):
        checks.check_fakes_share_the_data_dtype_and_range(
            generator_ending("sigmoid"), noise, images, None, (-1.0, 1.0)
        )


def test_fakes_in_pixel_values_are_outside_the_data(images) -> None:
    pixels = model(
        keras.layers.Dense(64, activation="tanh"),
        keras.layers.Rescaling(127.5, offset=127.5),
        keras.layers.Reshape((8, 8, 1)),
        shape=(4,),
    )
    with fails("but the real images from -1 to 1"):
        checks.check_fakes_share_the_data_dtype_and_range(
            pixels, tf.random.normal((N, 4)), images, None, (-1.0, 1.0)
        )


def test_data_of_another_dtype_than_the_fakes_is_named(images) -> None:
    as_bytes = tf.cast((images + 1.0) * 8.0, tf.uint8)
    with fails("the real images are uint8, the generator's fakes float32"):
        checks.check_fakes_share_the_data_dtype_and_range(
            generator_ending("tanh"), tf.random.normal((N, 4)), as_bytes
        )


def test_one_score_per_image_of_either_shape_passes_and_two_fail(images) -> None:
    for end, ok in (((1,), True), ((1,), "flat"), ((2,), False)):
        layers = [keras.layers.Flatten(), keras.layers.Dense(*end)]
        if ok == "flat":
            layers.append(keras.layers.Reshape(()))
        discriminator = model(*layers, shape=(8, 8, 1))
        if ok:
            checks.check_discriminator_output(discriminator, images)
        else:
            with fails(f"outputs ({N}, 2)"):
                checks.check_discriminator_output(discriminator, images)


def test_a_unit_sliced_away_never_reaches_the_output(images) -> None:
    generator = generator_ending("tanh")
    noise = tf.random.normal((N, 4))
    whole = model(keras.layers.Flatten(), keras.layers.Dense(1), shape=(8, 8, 1))
    checks.check_every_unit_reaches_the_output(generator, whole, noise, images)
    sliced = model(
        keras.layers.Flatten(),
        keras.layers.Dense(2),
        keras.layers.Lambda(lambda x: x[:, :1]),
        shape=(8, 8, 1),
    )
    with fails("1 of the 2 units of the discriminator's variable") as caught:
        checks.check_every_unit_reaches_the_output(generator, sliced, noise, images)
    assert "(unit 2)" in str(caught.value)


# -- a conditional GAN's labels --------------------------------------------------------------


def conditional_discriminator(rows: int):
    image = keras.Input((8, 8, 1))
    label = keras.Input((), dtype="int32")
    joined = keras.layers.Concatenate()(
        [keras.layers.Flatten()(image), keras.layers.Embedding(rows, 4)(label)]
    )
    return keras.Model([image, label], keras.layers.Dense(1)(joined))


def test_labels_inside_every_embedding_pass() -> None:
    models = {"discriminator": conditional_discriminator(10)}
    checks.check_class_labels(models, np.arange(10), 10, conditional=True)


def test_labels_that_start_at_one_are_one_too_many() -> None:
    models = {"discriminator": conditional_discriminator(10)}
    with fails("a label of 10 is one too many (labels that start at 1?)") as caught:
        checks.check_class_labels(models, np.arange(1, 11), 10, conditional=True)
    assert caught.value.category == "index-range"


def test_an_embedding_smaller_than_num_classes_is_named_with_what_a_gpu_does() -> None:
    models = {"discriminator": conditional_discriminator(9)}
    with fails("has input_dim=9 rows") as caught:
        checks.check_class_labels(models, np.arange(10), 10, conditional=True)
    assert "on a GPU TensorFlow returns zeros" in str(caught.value)


@pytest.mark.parametrize(
    "labels, num_classes, conditional, words",
    [
        (np.arange(3), None, False, "defines no NUM_CLASSES"),
        (np.zeros((3, 8), "float32"), None, False, "Noise belongs in the step"),
        (None, 10, True, "yields images alone"),
        (np.linspace(0, 1, 3), 10, True, "not class numbers"),
    ],
)
def test_labels_and_num_classes_that_disagree_are_named(
    labels, num_classes, conditional, words
) -> None:
    with fails(words):
        checks.check_class_labels({}, labels, num_classes, conditional)


def test_float_labels_are_named_by_what_the_models_take() -> None:
    one_hot = np.eye(10, dtype="float32")
    # models with an Embedding: it looks labels up by index
    with fails("float32 ((10,) per image), not class numbers: an Embedding") as caught:
        checks.check_class_labels(
            {"discriminator": conditional_discriminator(10)}, one_hot, 10, conditional=True
        )
    assert caught.value.category == "dtype"
    # models without one (a one-hot input): no Embedding to name; one-hot inside the models
    with fails("make the one-hot vectors inside the models") as caught:
        checks.check_class_labels({}, one_hot, 10, conditional=True)
    assert "Embedding looks" not in str(caught.value)


# -- steps, finiteness, and check_gan --------------------------------------------------------


def test_a_non_finite_step_is_named_by_its_number() -> None:
    log = [checks.StepRecord(1, "the first batch", [0.7, 1.2])]
    weight = tf.Variable([1.0])
    holder = type("Holder", (), {"variables": [weight]})()

    def step(batch):
        weight.assign([math.nan])
        return tf.constant(math.nan), tf.constant(0.5)

    with fails("training step 2 of this check run (a short batch) went non-finite") as caught:
        checks.run_step(step, None, {"generator": holder}, log, "a short batch", True)
    assert "train_step returned (nan, 0.5)" in str(caught.value)
    assert "1 variables of the generator hold NaN" in str(caught.value)


def _solution(number: str):
    gan = kata.load(ROOT / "solutions" / number / "gan.py")
    return gan, next(iter(gan.dataset))


def test_check_gan_runs_a_short_batch_through_the_train_step() -> None:
    gan, images = _solution("03")
    before = [v.numpy().copy() for v in gan.generator.trainable_variables]
    checks.check_gan(
        gan.generator,
        gan.discriminator,
        images,
        discriminator_loss=gan.discriminator_loss,
        generator_loss=gan.generator_loss,
        train_step=gan.train_step,
    )
    after = gan.generator.trainable_variables
    assert any((a.numpy() != b).any() for a, b in zip(after, before, strict=True))


def test_check_gan_names_a_generator_loss_that_teaches_looking_fake() -> None:
    gan, images = _solution("01")
    with fails("look *more* fake"):
        checks.check_gan(
            gan.generator,
            gan.discriminator,
            images,
            discriminator_loss=gan.discriminator_loss,
            generator_loss=lambda fake: -gan.generator_loss(fake),
        )


def _solution_edited(tmp_path, number: str, old: str, new: str) -> Path:
    """solutions/<number>/gan.py with `old` replaced by `new` (once), written to tmp_path."""
    source = (ROOT / "solutions" / number / "gan.py").read_text(encoding="utf-8")
    changed = source.replace(old, new, 1)
    assert changed != source
    path = tmp_path / "gan.py"
    path.write_text(changed, encoding="utf-8")
    return path


NOISE_LINE = "    noise = tf.random.normal([tf.shape(images)[0], NOISE_DIM])\n"


def test_the_twin_step_gives_way_to_the_learners_when_it_needs_autograph(tmp_path) -> None:
    path = _solution_edited(
        tmp_path,
        "01",
        NOISE_LINE,
        NOISE_LINE + "    if tf.reduce_mean(images) > 10.0:  # Python control flow on a tensor\n"
        "        noise = noise * 0.0\n",
    )
    run = kata.KataRun.start(kata.load(path))
    learners = run.gan.train_step
    run.first_step()
    assert run.gan.train_step is learners  # the twin raised while traced; theirs ran
    run.step(run.images[:5], "a short batch", check_finite=True)
    assert run.steps_run == 2


def test_a_step_with_its_own_signature_is_twinned_with_that_signature() -> None:
    run = kata.KataRun.start(kata.load(ROOT / "solutions" / "08" / "gan.py"))
    learners = run.gan.train_step
    run.first_step()
    twin = run.gan.train_step
    assert twin is not learners and twin.input_signature == learners.input_signature
    run.probe()  # the first step was watched: no further step to watch
    assert run.steps_run == 1


def test_a_step_with_its_own_signature_gives_way_when_it_needs_autograph(tmp_path) -> None:
    path = _solution_edited(
        tmp_path,
        "08",
        NOISE_LINE,
        NOISE_LINE + "    for _ in tf.range(1):  # Python control flow on a tensor\n"
        "        noise = noise * 1.0\n",
    )
    run = kata.KataRun.start(kata.load(path))
    learners = run.gan.train_step
    run.first_step()
    assert run.gan.train_step is learners


def _with_dataset(tmp_path, line: str) -> Path:
    return _solution_edited(tmp_path, "01", "if __name__ ==", f"{line}\n\n\nif __name__ ==")


def test_a_data_set_that_repeats_forever_is_named_before_anything_runs(tmp_path) -> None:
    from ganerrors.errors import KataContractError

    path = _with_dataset(tmp_path, "dataset = dataset.repeat()")
    with pytest.raises(KataContractError, match=r"repeats forever.*Leave out the `\.repeat\(\)`"):
        kata.load(path)
    kata.load(_with_dataset(tmp_path, "dataset = dataset.repeat(2)"))  # a count ends


def test_a_loss_that_wants_the_labels_passed_in_is_told_to_make_them_itself(tmp_path) -> None:
    from ganerrors.errors import KataContractError

    path = _with_dataset(
        tmp_path,
        "def generator_loss(fake_output, real_labels):\n"
        "    return cross_entropy(real_labels, fake_output)",
    )
    with pytest.raises(KataContractError) as raised:
        kata.load(path)
    message = str(raised.value)
    assert "yours is generator_loss(fake_output, real_labels)" in message
    assert "made inside it from the scores' shape" in message
    assert "missing" not in message


def test_an_empty_data_set_is_named(tmp_path) -> None:
    from ganerrors.errors import KataContractError

    path = _with_dataset(tmp_path, "dataset = dataset.take(0)")
    with pytest.raises(KataContractError, match="yields no batches"):
        kata.KataRun.start(kata.load(path))


def test_quality_train_trains_a_kata_and_measures_its_fakes() -> None:
    from ganerrors import quality

    trained = quality.train(ROOT / "solutions" / "01" / "gan.py", 30, every=10, fakes=64)
    assert trained.steps == 30 and trained.quality is not None and not trained.error
    assert [step for step, _ in trained.history] == [10, 20, 30]
    assert trained.fakes.shape == (64, 8, 8, 1)
    assert trained.quality.classes == 10 and "after 30 steps" in trained.summary()
    broken = quality.train(ROOT / "katas" / "02" / "gan.py", 5)
    assert broken.quality is None and broken.error.startswith("ValueError: ")


def test_check_gan_checks_a_conditional_gan_and_its_labels() -> None:
    noise = keras.Input((4,))
    label = keras.Input((), dtype="int32")
    joined = keras.layers.Concatenate()([noise, keras.layers.Embedding(10, 4)(label)])
    drawn = keras.layers.Reshape((8, 8, 1))(keras.layers.Dense(64, activation="tanh")(joined))
    generator = keras.Model([noise, label], drawn)
    discriminator = conditional_discriminator(10)
    from ganerrors.datasets import digits

    images, labels = digits(with_labels=True)
    images, labels = images[:10], labels[:10]  # the digits 0 to 9
    checks.check_gan(generator, discriminator, images, labels=labels, num_classes=10)
    with fails("a label of 10 is one too many"):
        checks.check_gan(generator, discriminator, images, labels=labels + 1, num_classes=10)


# -- batch sizes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "fixed"),
    [
        (lambda d: d.batch(4, drop_remainder=True), True),
        (lambda d: d.batch(4), False),
        (lambda d: d.map(lambda x: (x, 0)).batch(4, drop_remainder=True), True),
        (lambda d: d.map(lambda x: (x, 0)).batch(4), False),
        (lambda d: d.batch(4).unbatch().batch(4), False),
    ],
)
def test_a_data_set_of_full_batches_is_known_by_its_element_spec(make, fixed) -> None:
    data = make(tf.data.Dataset.from_tensor_slices(tf.zeros((10, 8, 8, 1))))
    assert checks.batch_size_is_fixed(data) is fixed


def test_a_data_set_without_an_element_spec_promises_nothing() -> None:
    assert not checks.batch_size_is_fixed([np.zeros((4, 8, 8, 1))])


# -- each image judged on its own, every class present, fakes judged with their labels ------


def _mean_score_loss(real, fake):
    mean = lambda s: tf.reduce_mean(s, axis=0, keepdims=True)  # noqa: E731
    return bce(tf.ones((1, 1)), mean(real)) + bce(tf.zeros((1, 1)), mean(fake))


@pytest.mark.parametrize(
    "loss",
    [
        right,
        lambda r, f: tf.reduce_mean(tf.square(r - 1.0)) + tf.reduce_mean(tf.square(f)),
        lambda r, f: tf.reduce_mean(f) - tf.reduce_mean(r),  # a Wasserstein critic
        lambda r, f: tf.reduce_mean(tf.nn.relu(1 - r)) + tf.reduce_mean(tf.nn.relu(1 + f)),
    ],
)
def test_losses_that_judge_images_one_by_one_pass(loss) -> None:
    checks.check_each_example_is_judged_on_its_own(loss, scores(), scores(), "loss")


def test_a_loss_of_the_batchs_mean_score_is_named() -> None:
    with fails("judges the batch, not each image") as caught:
        checks.check_each_example_is_judged_on_its_own(
            _mean_score_loss, scores(), scores(), "discriminator loss"
        )
    assert caught.value.category == "target-shape"


def test_labels_from_one_fit_embeddings_with_a_row_for_the_last() -> None:
    models = {"discriminator": conditional_discriminator(11)}
    checks.check_class_labels(models, np.arange(1, 11), 10, conditional=True)


@pytest.mark.parametrize(
    "labels, missing",
    [
        (np.minimum(np.arange(1, 11), 9), "none is 0"),
        (np.arange(1, 10), "none is 0"),
        (np.zeros(10, dtype=int), "none is 1, 2, 3, 4, 5, ..."),
    ],
)
def test_labels_that_leave_a_class_out_are_named(labels, missing) -> None:
    models = {"discriminator": conditional_discriminator(10)}
    with fails(missing) as caught:
        checks.check_class_labels(models, labels, 10, conditional=True)
    assert caught.value.category == "index-range"


def test_one_hot_labels_past_num_classes_are_still_one_too_many() -> None:
    with fails("a label of 10 is one too many"):
        checks.check_class_labels({}, np.arange(1, 11), 10, conditional=True)


def _calls(generator_labels, discriminator_labels):
    fakes = np.arange(12, dtype=np.float32).reshape(3, 4)
    real = -np.ones((3, 4), dtype=np.float32)
    Call = checks.ModelCall
    return [
        Call("generator", np.zeros((3, 2), np.float32), np.array(generator_labels), fakes),
        Call("discriminator", np.concatenate([real, fakes]), np.array(discriminator_labels), None),
    ]


def test_fakes_judged_with_the_labels_they_were_drawn_for_pass() -> None:
    checks.check_fakes_judged_with_their_labels(_calls([1, 2, 3], [7, 8, 9, 1, 2, 3]))


def test_fakes_judged_with_other_labels_are_named() -> None:
    with fails("2 of them with another label"):
        checks.check_fakes_judged_with_their_labels(_calls([1, 2, 3], [7, 8, 9, 1, 8, 9]))


def test_the_model_watch_sees_a_model_called_by_any_name_and_lets_go_of_it() -> None:
    model = conditional_discriminator(10)
    holder = type("Holder", (), {})()
    holder.critic = model
    images, labels = tf.zeros((2, 8, 8, 1)), tf.constant([3, 4])
    original = type(model)
    with checks.ModelWatch({"discriminator": model}) as watch:
        assert type(model) is not original
        holder.critic([images, labels])
    assert type(model) is original
    (call,) = watch.calls
    assert call.model == "discriminator" and call.images.shape == (2, 8, 8, 1)
    assert call.labels.tolist() == [3, 4] and call.output.shape == (2, 1)


# -- a WGAN-GP's critic ------------------------------------------------------------------------


def test_the_critic_slope_is_the_input_gradient_norm() -> None:
    critic = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten()])
    critic.add(keras.layers.Dense(1, use_bias=False, kernel_initializer="ones"))
    real, fake = tf.zeros((4, 8, 8, 1)), tf.ones((4, 8, 8, 1))
    assert checks.critic_slope(critic, real, fake) == pytest.approx(8.0)  # sqrt(64) ones
    checks.check_critic_slope(1.1, 30)
    with fails("has a norm of 2.44"):
        checks.check_critic_slope(2.44, 40)
    with fails("below the 1 that the gradient penalty should hold it at"):
        checks.check_critic_slope(0.12, 40)  # one norm for a batch of 64: about 1/8 each


def test_the_checks_leave_grapplers_setting_as_they_found_it() -> None:
    def disabled() -> bool:
        return bool(tf.config.optimizer.get_experimental_options().get("disable_meta_optimizer"))

    before = disabled()
    with kata.graphs_left_unoptimised():
        assert disabled()
    assert disabled() == before


# -- a short batch ----------------------------------------------------------------------------


def _padded(loss):
    def padded(*outputs):
        return loss(*(tf.pad(o, [[0, N - tf.shape(o)[0]], [0, 0]]) for o in outputs))

    return padded


def _fixed_labels(real, fake):
    return bce(tf.ones((N, 1)), real) + bce(tf.zeros((N, 1)), fake)


def test_losses_that_judge_each_image_take_any_batch_size() -> None:
    summed = keras.losses.BinaryCrossentropy(from_logits=True, reduction="sum")
    for loss in (right, lambda r, f: summed(tf.ones_like(r), r) + summed(tf.zeros_like(f), f)):
        checks.check_loss_takes_any_batch_size(loss, scores(0.5), scores(-0.5), "d", size=3)
    checks.check_loss_takes_any_batch_size(generator_right, scores(0.5), "g", size=3)
    # a loss that cannot take a short batch at all: the step itself says so, not this check
    checks.check_loss_takes_any_batch_size(_fixed_labels, scores(0.5), scores(-0.5), "d", size=3)


def _flipped(labels, share=0.1):
    flips = tf.cast(tf.random.uniform(tf.shape(labels)) < share, labels.dtype)
    return labels * (1.0 - flips) + (1.0 - labels) * flips


def _noisy_labels(real, fake):
    """Label noise and flips, as in keras.io's DCGAN: another value at every call."""
    noise = 0.05 * tf.random.uniform(tf.shape(real))
    return bce(_flipped(tf.ones_like(real)) - noise, real) + bce(
        _flipped(tf.zeros_like(fake)), fake
    )


def test_a_loss_with_random_labels_takes_any_batch_size() -> None:
    keras.utils.set_random_seed(0)
    for size in (1, 3, 5):
        checks.check_loss_takes_any_batch_size(
            _noisy_labels, scores(0.5), scores(-0.5), "d", size=size
        )
    with fails("the discriminator loss of 3 images that all score 1"):
        checks.check_loss_takes_any_batch_size(
            _padded(_noisy_labels), scores(0.5), scores(-0.5), "discriminator loss", size=3
        )


def test_labels_that_broadcast_are_named_even_with_random_labels() -> None:
    keras.utils.set_random_seed(0)

    def broadcast(real, fake):  # (n,) labels against (n, 1) scores, the labels made noisy
        scores = tf.concat([real, fake], 0)
        labels = tf.concat([tf.ones(tf.shape(real)[0]), tf.zeros(tf.shape(fake)[0])], 0)
        labels += 0.3 * tf.random.uniform(tf.shape(labels)) - 0.15
        return tf.reduce_mean(tf.square(labels - scores))

    with fails("it cannot tell a right verdict from a wrong one"):
        checks.check_loss_rewards_telling_real_from_fake(broadcast, scores(), "d", scores())
    assert checks.check_loss_rewards_telling_real_from_fake(_noisy_labels, scores(), "d") == 1


def test_scores_padded_to_a_fixed_batch_size_are_named() -> None:
    with fails("the discriminator loss of 3 images that all score 1"):
        checks.check_loss_takes_any_batch_size(
            _padded(_fixed_labels), scores(0.5), scores(-0.5), "discriminator loss", size=3
        )


def test_a_frozen_layer_is_named_and_state_that_is_never_learned_is_not() -> None:
    def model(*layers):
        return keras.Sequential([keras.Input((4,)), *layers, keras.layers.Dense(1)])

    normalise = keras.layers.Normalization()
    normalise.adapt(np.random.default_rng(0).normal(size=(16, 4)))
    learning = model(
        keras.layers.Dense(8),
        keras.layers.BatchNormalization(),  # moving mean and variance: state, not weights
        keras.layers.Dropout(0.3),  # a seed generator's state
        normalise,  # the data's mean and variance
    )
    checks.check_no_frozen_weights({"discriminator": learning})
    frozen = model(keras.layers.Dense(8, trainable=False))
    with fails("2 of the 4 weights of the discriminator are not trainable"):
        checks.check_no_frozen_weights({"discriminator": frozen})
    table = keras.layers.Embedding(10, 4, trainable=False)
    labels = keras.Sequential([keras.Input((1,), dtype="int32"), table, keras.layers.Flatten()])
    with fails("embeddings): a layer built with `trainable=False`"):
        checks.check_no_frozen_weights({"generator": labels})
    # a one-hot encoding kept fixed loses nothing
    one_hot = keras.layers.Embedding(10, 10, embeddings_initializer="identity", trainable=False)
    encoded = keras.Sequential([keras.Input((1,), dtype="int32"), one_hot, keras.layers.Flatten()])
    checks.check_no_frozen_weights({"generator": encoded})
    # an averaged copy, not trainable but assigned at every step, is not frozen
    before = checks.snapshot([frozen])
    for weight in frozen.weights:
        weight.assign(weight * 0.99 + 0.01)
    checks.check_no_frozen_weights({"discriminator": frozen}, before)
    frozen.trainable = False
    checks.check_variables_changed({"generator": frozen}, before)


def test_a_step_that_does_not_train_on_a_batch_is_named() -> None:
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    before = checks.snapshot([model])
    with fails("the step returned without training the discriminator on a short batch"):
        checks.check_the_step_trained({"discriminator": model}, before, "a short batch of 5")
    model.layers[0].kernel.assign_add(tf.ones_like(model.layers[0].kernel))
    checks.check_the_step_trained({"discriminator": model}, before, "a short batch of 5")


# -- a sigmoid on a sigmoid --------------------------------------------------------------------


def _squashed(value_range=(-2.0, 2.0)):
    logits = tf.reshape(tf.linspace(*value_range, N), (N, 1))
    return logits, tf.sigmoid(logits)


def test_probabilities_given_to_a_loss_of_logits_are_named() -> None:
    logits, probabilities = _squashed()
    step_loss = float(right(probabilities, probabilities))  # an eager step: nothing unwraps
    with fails("the discriminator loss reads logits"):
        checks.check_scores_are_not_squashed_twice(
            right, probabilities, probabilities, "discriminator loss",
            step_loss=step_loss, raw=tf.concat([logits, logits], 0),
        )  # fmt: skip


def test_a_sigmoid_that_keras_takes_back_or_logits_in_0_to_1_pass() -> None:
    logits, probabilities = _squashed()
    # a traced step: Keras read the logits under the sigmoid, so the step's loss differs
    unwrapped = float(right(logits, logits))
    checks.check_scores_are_not_squashed_twice(
        right, probabilities, probabilities, "d", step_loss=unwrapped, raw=logits
    )
    # logits that all happen to lie in (0, 1), as the model's own scores do
    small = tf.reshape(tf.linspace(0.1, 0.3, N), (N, 1))
    checks.check_scores_are_not_squashed_twice(
        generator_right, small, "g", step_loss=float(generator_right(small)), raw=small
    )
    # probabilities given to a loss of probabilities
    probability_loss = keras.losses.BinaryCrossentropy()
    checks.check_scores_are_not_squashed_twice(
        lambda fake: probability_loss(tf.ones_like(fake), fake), probabilities, "g",
        step_loss=float(probability_loss(tf.ones_like(probabilities), probabilities)),
        raw=logits,
    )  # fmt: skip


def test_a_sigmoid_in_the_model_and_a_loss_of_logits_are_named() -> None:
    # the model's own scores are the probabilities: a sigmoid bounds them, and the loss of
    # logits squashes them again (an eager step: nothing takes the logits back)
    _, probabilities = _squashed()
    step_loss = float(right(probabilities, probabilities))
    with fails("the discriminator loss reads logits"):
        checks.check_scores_are_not_squashed_twice(
            right, probabilities, probabilities, "discriminator loss",
            step_loss=step_loss, raw=probabilities, bounded=True,
        )  # fmt: skip


def test_only_a_model_whose_scores_stay_in_0_to_1_counts_as_bounded() -> None:
    images = tf.random.stateless_normal((8, 8, 8, 1), seed=(0, 3))
    head = [keras.Input((8, 8, 1)), keras.layers.Flatten()]
    linear = keras.Sequential([*head, keras.layers.Dense(1)])
    sigmoid = keras.Sequential([*head, keras.layers.Dense(1, activation="sigmoid")])
    assert not checks.scores_stay_between_0_and_1(linear, images)
    assert checks.scores_stay_between_0_and_1(sigmoid, images)


def test_fakes_that_all_score_the_same_are_named_as_one_image_not_a_second_sigmoid() -> None:
    logits, _ = _squashed()
    same = tf.fill((N, 1), 0.285)  # one image drawn N times, scored by a model of logits
    with fails(f"the step's {N} fakes all got the same score (0.285): the generator made one"):
        checks.check_scores_are_not_squashed_twice(
            generator_right, same, "generator loss",
            step_loss=float(generator_right(same)), raw=logits,
        )  # fmt: skip


# -- labels that go with their images -----------------------------------------------------------


def _two_classes(count: int = 60):
    rng = np.random.default_rng(0)
    labels = np.arange(count) % 2
    images = rng.normal(0.0, 0.5, (count, 4, 4, 1)) + labels[:, None, None, None] * 2.0
    return images, labels


def test_labels_that_go_with_their_images_pass() -> None:
    images, labels = _two_classes()
    checks.check_labels_go_with_their_images(images, labels)


def test_labels_shuffled_apart_from_their_images_are_named() -> None:
    images, labels = _two_classes()
    shuffled = np.random.default_rng(1).permutation(labels)
    with fails("the data set's labels do not go with its images"):
        checks.check_labels_go_with_their_images(images, shuffled)


# -- scores that depend on their images ---------------------------------------------------------


def _discriminator(activation=None):
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input((4, 4, 1)),
            keras.layers.Flatten(),
            keras.layers.Dense(1, activation=activation),
        ]
    )


def test_a_relu_after_the_last_layer_is_named() -> None:
    images = tf.random.stateless_normal((64, 4, 4, 1), seed=(0, 1))
    checks.check_scores_depend_on_the_images(_discriminator(), images, -images)
    with fails("does not depend on the image at all"):
        checks.check_scores_depend_on_the_images(_discriminator("relu"), images, -images)


def test_scores_tiled_to_a_fixed_batch_size_are_named() -> None:
    def tiled(loss):
        def fit(o):
            return tf.tile(o, [N // tf.shape(o)[0] + 1, 1])[:N]

        return lambda *outputs: loss(*(fit(o) for o in outputs))

    with fails("their losses one by one average"):
        checks.check_loss_takes_any_batch_size(
            tiled(_fixed_labels), scores(0.5), scores(-0.5), "discriminator loss", size=3
        )


# -- fakes that use every pixel -----------------------------------------------------------------


def _generator(*last):
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(7 * 7 if last else 8 * 8, activation="tanh"),
            keras.layers.Reshape((7, 7, 1) if last else (8, 8, 1)),
            *last,
        ]
    )


def test_a_generator_that_draws_every_pixel_passes() -> None:
    noise = tf.random.stateless_normal((256, 4), seed=(0, 2))
    checks.check_fakes_use_every_pixel(_generator(), noise)


def test_a_smaller_drawing_stretched_to_the_datas_size_is_named() -> None:
    noise = tf.random.stateless_normal((256, 4), seed=(0, 2))
    with fails("the generator's 64 pixels vary in only 49 directions"):
        checks.check_fakes_use_every_pixel(_generator(keras.layers.Resizing(8, 8)), noise)


def test_a_first_step_from_a_critic_that_scores_everything_zero_is_not_judged() -> None:
    def probe(old_real, old_fake):
        return checks.Probe(
            via_step=True, real=scores(), fake=scores(), generated=scores(),
            old_d_real=old_real, old_d_fake=old_fake, new_d_real=-0.01, new_d_fake=0.0062,
            old_d_new_fakes=0.01, new_d_new_fakes=0.01,
        )  # fmt: skip

    checks.check_step_moves_both_models_the_right_way(probe(0.0, 0.0))
    with fails("tells the same real images from the same fakes worse than before"):
        checks.check_step_moves_both_models_the_right_way(probe(0.1, 0.0))


def test_a_mirrored_least_squares_step_is_judged_by_its_loss_when_its_margin_narrows() -> None:
    # Kata 03 mirrored (real scored 0, fakes 1), seed 42, measured: the first step raised the
    # real images' mean score from -0.893 to -0.475 and the fakes' from -0.127 to -0.047, so
    # the mirrored margin fell from 0.766 to 0.428 while both sides came nearer their targets.
    def mirrored(real, fake):
        return tf.reduce_mean(tf.square(real)) + tf.reduce_mean(tf.square(fake - 1.0))

    def fooled(fake):
        return tf.reduce_mean(tf.square(fake))

    def filled(value):
        return tf.fill((8, 1), value)

    def probe(new_real):
        return checks.Probe(
            via_step=True, real=scores(), fake=scores(), generated=scores(),
            old_d_real=-0.893, old_d_fake=-0.127, new_d_real=new_real, new_d_fake=-0.047,
            old_d_new_fakes=-0.12, new_d_new_fakes=-0.04,
            scores_before=(filled(-0.893), filled(-0.127), filled(-0.12)),
            scores_after=(filled(new_real), filled(-0.047), filled(-0.04)),
        )  # fmt: skip

    checks.check_step_moves_both_models_the_right_way(probe(-0.475), -1, mirrored, fooled)
    # The same scores, judged without the losses or in the usual orientation: backwards.
    with fails("tells the same real images from the same fakes worse than before"):
        checks.check_step_moves_both_models_the_right_way(probe(-0.475), -1)
    # Real images pushed past their target, so that the loss rose: backwards.
    with fails("tells the same real images from the same fakes worse than before"):
        checks.check_step_moves_both_models_the_right_way(probe(1.2), -1, mirrored, fooled)


def test_a_hinge_loss_that_lets_confident_verdicts_go_passes() -> None:
    def hinge(real, fake):
        return tf.reduce_mean(tf.nn.relu(1.0 - real)) + tf.reduce_mean(tf.nn.relu(1.0 + fake))

    spread = tf.reshape(tf.linspace(-2.0, 2.0, N), (N, 1))
    checks.check_every_example_sends_a_gradient(hinge, spread, spread, "discriminator loss")
    # clipping as probabilities kills scores on both sides: the wrong side's still count
    probabilities = keras.losses.BinaryCrossentropy()

    def clipped(real, fake):
        return probabilities(tf.ones_like(real), real) + probabilities(tf.zeros_like(fake), fake)

    with fails("sent no gradient through the discriminator loss"):
        checks.check_every_example_sends_a_gradient(clipped, spread, spread, "discriminator loss")


# -- the checker's own optimisations never change a verdict ---------------------------------------


def test_optimizers_are_built_ahead_only_when_the_two_models_are_the_only_ones() -> None:
    import types

    def module(*extra: str) -> types.ModuleType:
        built = types.ModuleType("gan")
        for name in ("generator", "discriminator", *extra):
            setattr(built, name, keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]))
        built.generator_optimizer = keras.optimizers.Adam()
        built.discriminator_optimizer = keras.optimizers.Adam()
        return built

    plain = module()
    kata._build_optimizers(plain)
    assert plain.generator_optimizer.built and plain.discriminator_optimizer.built
    # an averaged generator beside the one the step trains: which model each optimizer
    # updates is the step's choice, and a built optimizer would refuse the other's variables
    averaged = module("online_generator")
    kata._build_optimizers(averaged)
    assert not averaged.generator_optimizer.built
    averaged.generator_optimizer.apply(
        [tf.zeros_like(v) for v in averaged.online_generator.trainable_variables],
        averaged.online_generator.trainable_variables,
    )


def test_the_same_noise_at_every_step_is_named() -> None:
    rng = np.random.default_rng(0)
    first, second = rng.normal(size=(N, 4)), rng.normal(size=(N, 4))
    checks.check_noise_is_drawn_anew([[first], [second]])
    with fails(f"the step gives the generator the same {N} noise vectors every time"):
        checks.check_noise_is_drawn_anew([[first], [first.copy()]])
    # the same noise in the generator's own update only (its second call in the step)
    with fails(f"the same {N} noise vectors every time"):
        checks.check_noise_is_drawn_anew([[first, second], [rng.normal(size=(N, 4)), second]])
    # one number per image broadcast to the noise's size, or picks from a bank of 3 vectors
    broadcast = np.repeat(rng.normal(size=(N, 1)), 4, axis=1)
    with fails(f"the generator's {N} noise vectors span only 1 direction of 4"):
        checks.check_noise_is_drawn_anew([[broadcast], [broadcast + 1]])
    bank = rng.normal(size=(3, 4))[rng.integers(0, 3, N)]
    with fails(f"the generator's {N} noise vectors span only 3 directions of 4"):
        checks.check_noise_is_drawn_anew([[bank], [bank[::-1].copy()]])


def test_the_noise_watch_sees_noise_fixed_when_a_step_is_traced() -> None:
    generator = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])

    @tf.function
    def step(batch):
        return generator(tf.constant(np.random.normal(size=(N, 4)), tf.float32))  # drawn once

    watch = checks.NoiseWatch(generator)
    with watch:
        step(tf.zeros(1))
        step(tf.zeros(1))
    assert len(watch.seen) == 2 and np.array_equal(watch.seen[0], watch.seen[1])
    assert type(generator) is keras.Sequential  # the class is put back


def test_a_generator_asked_for_one_class_only_is_named() -> None:
    checks.check_fakes_asked_for_several_classes(np.arange(64) % 10, 10)
    checks.check_fakes_asked_for_several_classes(np.zeros(4, "int32"), 10)  # too few to tell
    with fails("the step asks the generator for class 0 only, in all 64 fakes"):
        checks.check_fakes_asked_for_several_classes(np.zeros(64, "int32"), 10)


def _conditional(uses_label: bool, image: bool) -> object:
    """A tiny conditional model: noise (or an 8x8 image) and a class label in; the label's
    Embedding joined to the rest, or left out."""
    first = keras.Input(shape=(8, 8, 1) if image else (4,))
    label = keras.Input(shape=(), dtype="int32")
    x = keras.layers.Flatten()(first) if image else first
    if uses_label:
        x = keras.layers.Concatenate()([x, keras.layers.Embedding(3, 2)(label)])
    out = (
        keras.layers.Dense(1)(x)
        if image
        else keras.layers.Reshape((8, 8, 1))(keras.layers.Dense(64, activation="tanh")(x))
    )
    return keras.Model([first, label], out)


def test_a_conditional_gan_whose_labels_reach_both_models_passes() -> None:
    keras.utils.set_random_seed(0)
    images, labels = tf.zeros((8, 8, 8, 1)), tf.range(8) % 3
    generator, discriminator = _conditional(True, False), _conditional(True, True)
    checks.check_labels_reach_both_models(generator, discriminator, images, labels, 4, 3)


def test_a_model_whose_label_goes_nowhere_is_named() -> None:
    keras.utils.set_random_seed(0)
    images, labels = tf.random.normal((8, 8, 8, 1)), tf.range(8) % 3
    with fails("the generator draws the same images for the same noise whatever class"):
        checks.check_labels_reach_both_models(
            _conditional(False, False), _conditional(True, True), images, labels, 4, 3
        )
    with fails("the discriminator gives an image the same score whatever label"):
        checks.check_labels_reach_both_models(
            _conditional(True, False), _conditional(False, True), images, labels, 4, 3
        )
