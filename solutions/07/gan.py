"""
Kata 07: A label too many
=========================

A conditional GAN: the generator is told which digit to draw, and the discriminator which
digit it is looking at, each through an Embedding of the class label. It learns to draw the
8x8 handwritten digit it is asked for.
Setup -> Data -> Generator -> Discriminator -> Losses -> Train step -> Train.

Run the checker with `pytest katas/07`. Run this file to train for a while: `python gan.py`.
"""

import numpy as np
import ganerrors.quiet  # noqa: F401  (first: TensorFlow then starts without its C++ log lines)
import tensorflow as tf
from tensorflow import keras

from ganerrors.datasets import digits
from ganerrors.quality import as_text

# Setup
BATCH_SIZE = 64
NOISE_DIM = 32
NUM_CLASSES = 10  # the digits 0 to 9
IMAGE_SHAPE = (8, 8, 1)
EMBEDDING_DIM = 8


def load_labels(digit):
    """The class labels as the data set's label file gives them. Like SVHN's, it labels the
    digits 1 to 9 as 1 to 9, and the digit 0 as 10."""
    return np.where(digit == 0, 10, digit).astype(np.int32)


# Data: the 1,797 handwritten digits scikit-learn ships (UCI, CC BY 4.0), 8x8 pixels scaled
# to [-1, 1] like the generator's tanh output, each with its class label.
real_images, digit = digits(with_labels=True)
# Fixed: an Embedding(NUM_CLASSES, ...) has one row for each of the labels 0 to NUM_CLASSES - 1.
# The label file's 10 (the digit 0) is one past the last row: label it 0, like the digit.
labels = load_labels(digit) % NUM_CLASSES
dataset = (
    tf.data.Dataset.from_tensor_slices((real_images, labels))
    .shuffle(len(real_images), seed=0)
    .batch(BATCH_SIZE)
)


# Generator: noise and a class label in, one image of that class out.
def make_generator_model():
    noise = keras.Input(shape=(NOISE_DIM,), name="noise")
    label = keras.Input(shape=(), dtype="int32", name="label")
    label_vector = keras.layers.Embedding(NUM_CLASSES, EMBEDDING_DIM)(label)
    x = keras.layers.Concatenate()([noise, label_vector])
    x = keras.layers.Dense(256)(x)
    x = keras.layers.LeakyReLU(negative_slope=0.2)(x)
    x = keras.layers.Dense(256)(x)
    x = keras.layers.LeakyReLU(negative_slope=0.2)(x)
    x = keras.layers.Dense(8 * 8 * 1, activation="tanh")(x)
    image = keras.layers.Reshape(IMAGE_SHAPE)(x)
    return keras.Model([noise, label], image, name="generator")


# Discriminator: an image and its class label in, one real/fake score (a logit) out.
def make_discriminator_model():
    image = keras.Input(shape=IMAGE_SHAPE, name="image")
    label = keras.Input(shape=(), dtype="int32", name="label")
    label_vector = keras.layers.Embedding(NUM_CLASSES, EMBEDDING_DIM)(label)
    x = keras.layers.Concatenate()([keras.layers.Flatten()(image), label_vector])
    x = keras.layers.Dense(256)(x)
    x = keras.layers.LeakyReLU(negative_slope=0.2)(x)
    x = keras.layers.Dropout(0.2)(x)  # keeps the generator from settling on a few styles
    x = keras.layers.Dense(256)(x)
    x = keras.layers.LeakyReLU(negative_slope=0.2)(x)
    score = keras.layers.Dense(1)(x)
    return keras.Model([image, label], score, name="discriminator")


generator = make_generator_model()
discriminator = make_discriminator_model()

# Losses: the discriminator returns logits, so the loss is told so.
cross_entropy = keras.losses.BinaryCrossentropy(from_logits=True)


def discriminator_loss(real_output, fake_output):
    real_loss = cross_entropy(tf.ones_like(real_output), real_output)
    fake_loss = cross_entropy(tf.zeros_like(fake_output), fake_output)
    return real_loss + fake_loss


def generator_loss(fake_output):
    return cross_entropy(tf.ones_like(fake_output), fake_output)


# beta_1=0.5: the DCGAN paper found Adam's default of 0.9 made training less stable.
generator_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)
discriminator_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)


# Train step: the fakes are drawn for the same labels as the real batch. The input signature
# leaves the batch size open, so one trace serves every batch, the short last one too.
@tf.function(input_signature=[dataset.element_spec])
def train_step(batch):
    images, labels = batch
    noise = tf.random.normal([tf.shape(images)[0], NOISE_DIM])

    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        generated_images = generator([noise, labels], training=True)

        real_output = discriminator([images, labels], training=True)
        fake_output = discriminator([generated_images, labels], training=True)

        gen_loss = generator_loss(fake_output)
        disc_loss = discriminator_loss(real_output, fake_output)

    gradients_of_generator = gen_tape.gradient(gen_loss, generator.trainable_variables)
    gradients_of_discriminator = disc_tape.gradient(disc_loss, discriminator.trainable_variables)

    generator_optimizer.apply_gradients(zip(gradients_of_generator, generator.trainable_variables))
    discriminator_optimizer.apply_gradients(
        zip(gradients_of_discriminator, discriminator.trainable_variables)
    )
    return gen_loss, disc_loss


# Train
def train(epochs=1):  # use more in practice: about 100 epochs (2,900 steps) draw digits
    for epoch in range(epochs):
        for batch in dataset:
            gen_loss, disc_loss = train_step(batch)
        print(
            f"epoch {epoch + 1}: generator loss {gen_loss:.3f}, discriminator loss {disc_loss:.3f}"
        )


if __name__ == "__main__":
    train(epochs=100)
    # 20 fakes, two of each digit (`#` and `@` are the bright strokes)
    labels = tf.range(20) % NUM_CLASSES
    print(as_text(generator([tf.random.normal((20, NOISE_DIM)), labels], training=False)))
