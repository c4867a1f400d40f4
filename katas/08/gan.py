"""
Kata 08: The generator draws the wrong size
===========================================

A DCGAN in the style of TensorFlow's DCGAN tutorial: a convolutional generator, and a
discriminator ported from a PyTorch GAN as a `keras.Model` subclass. It learns to draw 8x8
handwritten digits.
Setup -> Data -> Generator -> Discriminator -> Losses -> Train step -> Train.

Run the checker with `pytest katas/08`. Run this file to train for a while: `python gan.py`.
"""

import ganerrors.quiet  # noqa: F401  (first: TensorFlow then starts without its C++ log lines)
import tensorflow as tf
from tensorflow import keras

from ganerrors.datasets import digits
from ganerrors.quality import as_text

# Setup
BATCH_SIZE = 32
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


# Generator: noise in, one image out. Dense to 4x4, then up to 8x8, then one channel.
def make_generator_model():
    return keras.Sequential(
        [
            keras.Input(shape=(NOISE_DIM,)),
            keras.layers.Dense(4 * 4 * 64),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Reshape((4, 4, 64)),
            keras.layers.Conv2DTranspose(32, kernel_size=4, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            # TODO: the checker fails around here. What size are the images this layer draws?
            keras.layers.Conv2D(1, kernel_size=2, activation="tanh"),
        ],
        name="generator",
    )


# Discriminator: an image in, one real/fake score (a logit) out. Ported from PyTorch, where
# it flattened each image with `x.view(-1, 8 * 8 * 1)`.
class Discriminator(keras.Model):
    def __init__(self):
        super().__init__(name="discriminator")
        self.hidden1 = keras.layers.Dense(256)
        self.hidden2 = keras.layers.Dense(256)
        self.dropout = keras.layers.Dropout(0.2)  # keeps the generator off a few digits
        self.score = keras.layers.Dense(1)

    def call(self, images, training=False):
        x = tf.reshape(images, (-1, 8 * 8 * 1))
        x = tf.nn.leaky_relu(self.hidden1(x), alpha=0.2)
        x = self.dropout(x, training=training)
        x = tf.nn.leaky_relu(self.hidden2(x), alpha=0.2)
        return self.score(x)


generator = make_generator_model()
discriminator = Discriminator()
discriminator(tf.zeros((1, *IMAGE_SHAPE)))  # a subclassed model makes its weights when first called

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


# Train step. The input signature leaves the batch size open (None), so the step is traced
# once for every batch, the smaller last batch of an epoch included.
@tf.function(input_signature=[tf.TensorSpec([None, *IMAGE_SHAPE], tf.float32)])
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
def train(epochs=1):  # use more in practice: about 50 epochs (2,900 steps) draw digits
    for epoch in range(epochs):
        for image_batch in dataset:
            gen_loss, disc_loss = train_step(image_batch)
        print(
            f"epoch {epoch + 1}: generator loss {gen_loss:.3f}, discriminator loss {disc_loss:.3f}"
        )


if __name__ == "__main__":
    train(epochs=50)
    # 20 fakes (`#` and `@` are the bright strokes)
    print(as_text(generator(tf.random.normal((20, NOISE_DIM)), training=False)))
