"""
Kata 06: Bytes for pixels
=========================

A DCGAN-style GAN whose images come through a tf.data pipeline that reads them one by one
with a Python function, the way you read your own image files (PIL, imageio, OpenCV). It
learns to draw 8x8 handwritten digits.
Setup -> Data -> Generator -> Discriminator -> Losses -> Train step -> Train.

Run the checker with `pytest katas/06`. Run this file to train for a while: `python gan.py`.
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
IMAGE_SHAPE = (8, 8, 1)

# Data: the 1,797 handwritten digits scikit-learn ships (UCI, CC BY 4.0), 8x8 pixels, stored
# the way grey image files store them: one byte per pixel (uint8), 0 for black to 255 for white.
# Here they are in memory; yours would be files on disk.
image_files = np.round((digits() + 1.0) * 127.5).astype(np.uint8)


def load_image(index):
    """Read one image file, as `np.asarray(PIL.Image.open(path))` would."""
    # Fixed: float32 in [-1, 1], like the generator's tanh output and like the dtype the
    # pipeline declares. The bytes (uint8) are not float32, and scaling them the NumPy way,
    # `pixels / 127.5 - 1`, gives float64, which is not float32 either.
    pixels = image_files[index]
    return pixels.astype(np.float32) / 127.5 - 1.0


def read(index):
    image = tf.numpy_function(load_image, [index], tf.float32)
    return tf.ensure_shape(image, IMAGE_SHAPE)


# Each file is read once; cache() keeps the images for the following epochs.
dataset = (
    tf.data.Dataset.range(len(image_files))
    .map(read)
    .cache()
    .shuffle(len(image_files), seed=0)
    .batch(BATCH_SIZE)
)


# Generator: noise in, one image out, in [-1, 1] (tanh).
def make_generator_model():
    return keras.Sequential(
        [
            keras.Input(shape=(NOISE_DIM,)),
            keras.layers.Dense(256),
            keras.layers.LeakyReLU(negative_slope=0.2),
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
            keras.layers.Dense(256),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Dense(1),
        ],
        name="discriminator",
    )


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


generator_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)
discriminator_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)


# Train step
@tf.function
def train_step(images):
    batch_size = tf.shape(images)[0]

    # The discriminator judges real and generated images in one batch, as keras-io does.
    noise = tf.random.normal([batch_size, NOISE_DIM])
    generated_images = generator(noise, training=True)
    combined_images = tf.concat([images, generated_images], axis=0)
    with tf.GradientTape() as disc_tape:
        scores = discriminator(combined_images, training=True)
        disc_loss = discriminator_loss(scores[:batch_size], scores[batch_size:])
    gradients = disc_tape.gradient(disc_loss, discriminator.trainable_variables)
    discriminator_optimizer.apply_gradients(zip(gradients, discriminator.trainable_variables))

    # The generator learns to make the discriminator call its images real.
    noise = tf.random.normal([batch_size, NOISE_DIM])
    with tf.GradientTape() as gen_tape:
        gen_loss = generator_loss(discriminator(generator(noise, training=True), training=True))
    gradients = gen_tape.gradient(gen_loss, generator.trainable_variables)
    generator_optimizer.apply_gradients(zip(gradients, generator.trainable_variables))
    return gen_loss, disc_loss


# Train
def train(epochs=1):  # use more in practice: about 100 epochs (2,900 steps) draw digits
    for epoch in range(epochs):
        for image_batch in dataset:
            gen_loss, disc_loss = train_step(image_batch)
        print(
            f"epoch {epoch + 1}: generator loss {gen_loss:.3f}, discriminator loss {disc_loss:.3f}"
        )


if __name__ == "__main__":
    train(epochs=100)
    # 20 fakes (`#` and `@` are the bright strokes)
    print(as_text(generator(tf.random.normal((20, NOISE_DIM)), training=False)))
