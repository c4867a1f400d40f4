"""
Kata 03: Labels that broadcast
==============================

A small least-squares GAN (LSGAN) that learns to draw 8x8 handwritten digits.
Setup -> Data -> Generator -> Discriminator -> Losses -> Train step -> Train.

Run the checker with `pytest katas/03`. Run this file to train for a while: `python gan.py`.
"""

import ganerrors.quiet  # noqa: F401  (first: TensorFlow then starts without its C++ log lines)
import tensorflow as tf
from tensorflow import keras

from ganerrors.datasets import digits
from ganerrors.quality import as_text

# Setup
BATCH_SIZE = 64
NOISE_DIM = 32
IMAGE_SHAPE = (8, 8, 1)

# Data: the 1,797 handwritten digits scikit-learn ships (UCI, CC BY 4.0), 8x8 pixels
# scaled to [-1, 1] like the generator's tanh output. The last batch holds 5 images.
real_images = digits()
dataset = (
    tf.data.Dataset.from_tensor_slices(real_images)
    .shuffle(len(real_images), seed=0)
    .batch(BATCH_SIZE)
)


# Generator: noise in, one image out.
def make_generator_model():
    return keras.Sequential(
        [
            keras.Input(shape=(NOISE_DIM,)),
            keras.layers.Dense(256),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Dense(8 * 8 * 1, activation="tanh"),
            keras.layers.Reshape(IMAGE_SHAPE),
        ],
        name="generator",
    )


# Discriminator: an image in, one real/fake score (a logit) out.
def make_discriminator_model():
    return keras.Sequential(
        [
            keras.Input(shape=IMAGE_SHAPE),
            keras.layers.Flatten(),
            keras.layers.Dense(256),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Dropout(0.2),  # keeps the generator from settling on a few digits
            keras.layers.Dense(1),
        ],
        name="discriminator",
    )


generator = make_generator_model()
discriminator = make_discriminator_model()


# Losses: least squares (LSGAN). The discriminator's score should be 1 for real images
# and 0 for fakes; the generator wants its fakes scored 1.
def discriminator_loss(real_output, fake_output):
    outputs = tf.concat([real_output, fake_output], axis=0)
    # TODO: the checker fails around here. Print the shapes of labels and outputs.
    labels = tf.concat([tf.ones(tf.shape(real_output)[0]), tf.zeros(tf.shape(fake_output)[0])], 0)
    return tf.reduce_mean(tf.square(labels - outputs))


def generator_loss(fake_output):
    return tf.reduce_mean(tf.square(1.0 - fake_output))


# beta_1=0.5: the DCGAN paper found Adam's default of 0.9 made training less stable.
generator_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)
discriminator_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)


# Train step
@tf.function
def train_step(images):
    noise = tf.random.normal([tf.shape(images)[0], NOISE_DIM])

    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        generated_images = generator(noise, training=True)

        real_output = discriminator(images, training=True)
        fake_output = discriminator(generated_images, training=True)

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
def train(epochs=1):  # use more in practice: about 200 epochs (6,000 steps) draw digits
    for epoch in range(epochs):
        for image_batch in dataset:
            gen_loss, disc_loss = train_step(image_batch)
        print(
            f"epoch {epoch + 1}: generator loss {tf.reduce_mean(gen_loss):.3f}, "
            f"discriminator loss {tf.reduce_mean(disc_loss):.3f}"
        )


if __name__ == "__main__":
    train(epochs=200)
    # 20 fakes (`#` and `@` are the bright strokes)
    print(as_text(generator(tf.random.normal((20, NOISE_DIM)), training=False)))
