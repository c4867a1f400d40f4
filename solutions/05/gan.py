"""
Kata 05: The last batch
=======================

A GAN written the keras-io way: a `keras.Model` subclass whose `train_step` trains both
models, run by `model.fit`. It learns to draw 8x8 handwritten digits.
Setup -> Data -> Generator -> Discriminator -> Losses -> The GAN model -> Train.

Run the checker with `pytest katas/05`. Run this file to train for a while: `python gan.py`.
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


# Fixed: the labels are made for the batch at hand, from the scores' own batch size. Labels
# made once for BATCH_SIZE do not fit the last batch of an epoch (5 images, not 64).
def discriminator_loss(real_output, fake_output):
    batch_size = tf.shape(real_output)[0]
    real_labels = tf.ones((batch_size, 1))
    fake_labels = tf.zeros((batch_size, 1))
    return cross_entropy(real_labels, real_output) + cross_entropy(fake_labels, fake_output)


def generator_loss(fake_output):
    batch_size = tf.shape(fake_output)[0]
    return cross_entropy(tf.ones((batch_size, 1)), fake_output)


# The GAN model: fit() calls train_step once for every batch of the dataset.
class GAN(keras.Model):
    def __init__(self, discriminator, generator):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator

    def compile(self, d_optimizer, g_optimizer):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer

    def train_step(self, real_images):
        if isinstance(real_images, tuple):  # data given as (images, labels): keep the images
            real_images = real_images[0]
        batch_size = tf.shape(real_images)[0]

        # Train the discriminator on real images and fakes.
        noise = tf.random.normal((batch_size, NOISE_DIM))
        with tf.GradientTape() as tape:
            fake_images = self.generator(noise, training=True)
            real_output = self.discriminator(real_images, training=True)
            fake_output = self.discriminator(fake_images, training=True)
            d_loss = discriminator_loss(real_output, fake_output)
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(zip(grads, self.discriminator.trainable_weights))

        # Train the generator to make the discriminator call its fakes real.
        noise = tf.random.normal((batch_size, NOISE_DIM))
        with tf.GradientTape() as tape:
            fake_output = self.discriminator(self.generator(noise, training=True), training=True)
            g_loss = generator_loss(fake_output)
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_weights))
        return {"d_loss": d_loss, "g_loss": g_loss}


# beta_1=0.5: the DCGAN paper found Adam's default of 0.9 made training less stable.
generator_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)
discriminator_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)
gan = GAN(discriminator=discriminator, generator=generator)
gan.compile(d_optimizer=discriminator_optimizer, g_optimizer=generator_optimizer)


# One training step on one batch, traced into a graph the way fit() traces it: once, with
# the batch size left open (None), so that every batch of an epoch runs the same graph.
train_step = tf.function(
    gan.train_step, input_signature=[tf.TensorSpec([None, *IMAGE_SHAPE], tf.float32)]
)


# Train: fit() runs train_step over every batch of the dataset, epoch after epoch.
if __name__ == "__main__":
    # about 100 epochs (2,900 steps) draw digits; shuffle=False: the dataset shuffles itself
    gan.fit(dataset, epochs=100, shuffle=False, verbose=2)
    # 20 fakes (`#` and `@` are the bright strokes)
    print(as_text(generator(tf.random.normal((20, NOISE_DIM)), training=False)))
