"""Before training: `ganerrors.check_gan` meets each bug of part two on small models.

Each case builds a generator and a discriminator with the bug of one kata of part two, and
runs `check_gan` on them with one batch, as a learner would before training. What it raises
is what a learner sees: TensorFlow's own error, unchanged, where the bug raises one on the
short batch `check_gan` feeds the step, and a GANCheckFailed naming the problem where nothing
would be raised until the GAN had trained for a while. Their category is the kata's; the
site's table leaves them out (`detail`), the kata pages show them.
"""

from __future__ import annotations

from typing import Any

from ganerrors.cases._build import discriminator, generator, keras, registrar, tf
from ganerrors.cases.model import BATCH, IMAGE_SHAPE, Case, Step

CASES: list[Case] = []
case = registrar(CASES)

NOISE = 4


def _checking(make: Any, judge: Any, prepare: Any = None, **given: Any) -> Step:
    """The step of a case: `check_gan(make, judge, images, **given)` on the batch (first
    passed through `prepare`, if given), which says "no problem found" when nothing raised."""
    from ganerrors.checks import check_gan

    def step(images: Any) -> Any:
        check_gan(make, judge, images if prepare is None else prepare(images), **given)
        return {"check_gan": "no problem found"}

    return step


def _discriminator_step(judge: Any, loss_of: Any) -> Any:
    """A traced train_step, its batch size left open, that trains only `judge` on
    `loss_of(images, noise)` (noise drawn for the batch): where each case's bug lives."""
    optimizer = keras().optimizers.Adam(1e-3)

    @tf().function(input_signature=[tf().TensorSpec([None, *IMAGE_SHAPE], tf().float32)])
    def train_step(images: Any) -> Any:
        noise = tf().random.normal((tf().shape(images)[0], NOISE))
        with tf().GradientTape() as tape:
            value = loss_of(images, noise)
        grads = tape.gradient(value, judge.trainable_variables)
        optimizer.apply_gradients(zip(grads, judge.trainable_variables, strict=True))
        return value

    return train_step


@case(
    "check-gan-finds-labels-made-for-one-batch-size",
    "check_gan with the train_step of kata 05: labels tf.ones((32, 1)) made once, the step "
    "traced with the batch size open",
    "batch-size",
    {"eager": r"InvalidArgumentError: (?s:.*)Incompatible shapes: \[5,1\] vs\. \[32,1\]"},
    kata="05",
    explained="drop_remainder",
    detail=True,
)
def check_gan_finds_labels_made_for_one_batch_size() -> Step:
    make, judge = generator(noise_dim=NOISE), discriminator()
    loss = keras().losses.BinaryCrossentropy(from_logits=True)
    real_labels, fake_labels = tf().ones((BATCH, 1)), tf().zeros((BATCH, 1))

    def discriminator_loss(real: Any, fake: Any) -> Any:
        return loss(real_labels, real) + loss(fake_labels, fake)

    def generator_loss(fake: Any) -> Any:
        return loss(real_labels, fake)

    def loss_of(images: Any, noise: Any) -> Any:
        return discriminator_loss(judge(images), judge(make(noise)))

    return _checking(
        make,
        judge,
        discriminator_loss=discriminator_loss,
        generator_loss=generator_loss,
        train_step=_discriminator_step(judge, loss_of),
    )


@case(
    "check-gan-finds-bytes-for-pixels",
    "check_gan with real images kept as uint8 bytes (0 to 255) and a tanh generator",
    "dtype",
    {"eager": r"GANCheckFailed: the real images are uint8, the generator's fakes float32"},
    kata="06",
    detail=True,
)
def check_gan_finds_bytes_for_pixels() -> Step:
    make, judge = generator(noise_dim=NOISE), discriminator()

    def as_bytes(images: Any) -> Any:
        return tf().cast(tf().round((images + 1.0) * 127.5), tf().uint8)

    return _checking(make, judge, as_bytes)


def _conditional(classes: int) -> tuple[Any, Any]:
    layers = keras().layers
    noise, label = keras().Input((NOISE,)), keras().Input((), dtype="int32")
    joined = layers.Concatenate()([noise, layers.Embedding(classes, 4)(label)])
    drawn = layers.Reshape(IMAGE_SHAPE)(layers.Dense(64, activation="tanh")(joined))
    make = keras().Model([noise, label], drawn, name="generator")
    image, label = keras().Input(IMAGE_SHAPE), keras().Input((), dtype="int32")
    joined = layers.Concatenate()([layers.Flatten()(image), layers.Embedding(classes, 4)(label)])
    judge = keras().Model([image, label], layers.Dense(1)(joined), name="discriminator")
    return make, judge


@case(
    "check-gan-finds-a-label-too-many",
    "check_gan with a conditional GAN of Embedding(10) layers and labels 1 to 10",
    "index-range",
    {"eager": r"GANCheckFailed: .*a label of 10 is one too many"},
    kata="07",
    detail=True,
)
def check_gan_finds_a_label_too_many() -> Step:
    make, judge = _conditional(10)

    labels = tf().range(BATCH) % 10 + 1  # 1..10, as SVHN numbers them
    return _checking(make, judge, labels=labels, num_classes=10)


@case(
    "check-gan-finds-a-generator-of-the-wrong-size",
    "check_gan with a generator that draws 7x7 images for 8x8 data",
    "model-io-shape",
    {"eager": r"GANCheckFailed: .*\(32, 7, 7, 1\)"},
    kata="08",
    detail=True,
)
def check_gan_finds_a_generator_of_the_wrong_size() -> Step:
    make, judge = generator((7, 7, 1), noise_dim=NOISE), discriminator()

    return _checking(make, judge)


@case(
    "check-gan-finds-nan-from-the-gradient-penalty",
    "check_gan with a WGAN-GP step whose penalty takes tf.sqrt of a squared norm that is 0 "
    "(a critic whose last layer starts at zero)",
    "numerics",
    {"eager": r"GANCheckFailed: .*(NaN|non-finite)"},
    kata="09",
    detail=True,
)
def check_gan_finds_nan_from_the_gradient_penalty() -> Step:
    layers = keras().layers
    make = generator(noise_dim=NOISE)
    critic = keras().Sequential(
        [
            keras().Input(IMAGE_SHAPE),
            layers.Flatten(),
            layers.Dense(16, activation="relu"),
            layers.Dense(1, kernel_initializer="zeros", use_bias=False),
        ],
        name="critic",
    )

    def critic_loss(real: Any, fake: Any) -> Any:
        return tf().reduce_mean(fake) - tf().reduce_mean(real)

    def generator_loss(fake: Any) -> Any:
        return -tf().reduce_mean(fake)

    def loss_of(images: Any, noise: Any) -> Any:
        fakes = make(noise)
        alpha = tf().random.uniform((tf().shape(images)[0], 1, 1, 1))
        between = images + alpha * (fakes - images)
        with tf().GradientTape() as inner:
            inner.watch(between)
            scores = critic(between)
        slope = inner.gradient(scores, between)
        norm = tf().sqrt(tf().reduce_sum(tf().square(slope), axis=[1, 2, 3]))  # no epsilon
        value = critic_loss(critic(images), critic(fakes))
        return value + 10.0 * tf().reduce_mean((norm - 1.0) ** 2)

    return _checking(
        make,
        critic,
        discriminator_loss=critic_loss,
        generator_loss=generator_loss,
        train_step=_discriminator_step(critic, loss_of),
    )
