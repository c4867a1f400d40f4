"""
Kata 09: NaN from the gradient penalty
======================================

A Wasserstein GAN with gradient penalty (WGAN-GP), written like keras-io's WGAN-GP example:
a `keras.Model` subclass whose `train_step` trains the critic twice, then the
generator once, run by `model.fit`. It learns to draw 8x8 handwritten digits.
Setup -> Data -> Generator -> Critic -> Losses -> The WGAN model -> Train.

Run the checker with `pytest katas/09`. Run this file to train for a while: `python gan.py`.
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

# Data: the 1,797 handwritten digits scikit-learn ships (UCI, CC BY 4.0), 8x8 pixels scaled
# to [-1, 1] like the generator's tanh output.
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
            keras.layers.Dense(256),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Dense(8 * 8 * 1, activation="tanh"),
            keras.layers.Reshape(IMAGE_SHAPE),
        ],
        name="generator",
    )


# Critic (the discriminator of a WGAN): an image in, one score out, any real number. Its last
# layer starts at zero, so every image starts with a score of 0, and has no bias: the
# Wasserstein loss ignores a shift of every score, so a bias would never learn.
def make_discriminator_model():
    return keras.Sequential(
        [
            keras.Input(shape=IMAGE_SHAPE),
            keras.layers.Flatten(),
            keras.layers.Dense(256),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Dense(256),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Dense(1, kernel_initializer="zeros", use_bias=False),
        ],
        name="critic",
    )


generator = make_generator_model()
discriminator = make_discriminator_model()


# Losses: the Wasserstein estimate. The critic scores real images high and fakes low.
def discriminator_loss(real_output, fake_output):
    return tf.reduce_mean(fake_output) - tf.reduce_mean(real_output)


def generator_loss(fake_output):
    return -tf.reduce_mean(fake_output)


# The WGAN model: fit() calls train_step once for every batch of the dataset.
class WGAN(keras.Model):
    def __init__(self, discriminator, generator, critic_steps=2, gp_weight=10.0):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.critic_steps = critic_steps
        self.gp_weight = gp_weight

    def compile(self, d_optimizer, g_optimizer):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer

    def gradient_penalty(self, batch_size, real_images, fake_images):
        """How far the critic's gradient, at images between real and fake ones, is from 1."""
        alpha = tf.random.uniform([batch_size, 1, 1, 1], 0.0, 1.0)
        interpolated = real_images + alpha * (fake_images - real_images)
        with tf.GradientTape() as gp_tape:
            gp_tape.watch(interpolated)
            pred = self.discriminator(interpolated, training=True)
        grads = gp_tape.gradient(pred, [interpolated])[0]
        # TODO: the checker fails around here. What is the gradient of a square root at 0?
        norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2, 3]))
        return tf.reduce_mean((norm - 1.0) ** 2)

    def train_step(self, real_images):
        if isinstance(real_images, tuple):  # data given as (images, labels): keep the images
            real_images = real_images[0]
        batch_size = tf.shape(real_images)[0]

        # Train the critic a few steps for every step of the generator.
        for _ in range(self.critic_steps):
            noise = tf.random.normal((batch_size, NOISE_DIM))
            with tf.GradientTape() as tape:
                fake_images = self.generator(noise, training=True)
                fake_output = self.discriminator(fake_images, training=True)
                real_output = self.discriminator(real_images, training=True)
                d_cost = discriminator_loss(real_output, fake_output)
                gp = self.gradient_penalty(batch_size, real_images, fake_images)
                d_loss = d_cost + gp * self.gp_weight
            grads = tape.gradient(d_loss, self.discriminator.trainable_variables)
            self.d_optimizer.apply_gradients(zip(grads, self.discriminator.trainable_variables))

        # Train the generator to make the critic score its fakes high.
        noise = tf.random.normal((batch_size, NOISE_DIM))
        with tf.GradientTape() as tape:
            fake_output = self.discriminator(self.generator(noise, training=True), training=True)
            g_loss = generator_loss(fake_output)
        grads = tape.gradient(g_loss, self.generator.trainable_variables)
        self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_variables))
        return {"d_loss": d_loss, "g_loss": g_loss}


# Adam with keras-io's WGAN-GP settings, beta_1=0.5 and beta_2=0.9, at a rate for small models.
generator_optimizer = keras.optimizers.Adam(5e-4, beta_1=0.5, beta_2=0.9)
discriminator_optimizer = keras.optimizers.Adam(5e-4, beta_1=0.5, beta_2=0.9)
wgan = WGAN(discriminator=discriminator, generator=generator)
wgan.compile(d_optimizer=discriminator_optimizer, g_optimizer=generator_optimizer)


# One training step on one batch, traced into a graph the way fit() traces it: once, with
# the batch size left open (None), so that every batch of an epoch runs the same graph.
train_step = tf.function(
    wgan.train_step, input_signature=[tf.TensorSpec([None, *IMAGE_SHAPE], tf.float32)]
)


# Train: fit() runs train_step over every batch of the dataset, epoch after epoch.
if __name__ == "__main__":
    # about 100 epochs (2,900 steps) draw digits; shuffle=False: the dataset shuffles itself
    wgan.fit(dataset, epochs=100, shuffle=False, verbose=2)
    # 20 fakes (`#` and `@` are the bright strokes)
    print(as_text(generator(tf.random.normal((20, NOISE_DIM)), training=False)))
