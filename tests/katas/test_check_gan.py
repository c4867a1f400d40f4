"""`ganerrors.check_gan`: the checks a GAN gets before training, on the katas' own models."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ganerrors import check_gan, kata
from ganerrors.checks import GANCheckFailed

ROOT = Path(__file__).resolve().parents[2]


def _models(folder: str, number: str):
    gan = kata.load(ROOT / folder / number / "gan.py")
    return gan, next(iter(gan.dataset))


@pytest.mark.parametrize("number", ["01", "02", "03", "04"])
def test_check_gan_passes_every_solution(number: str) -> None:
    gan, images = _models("solutions", number)
    check_gan(gan.generator, gan.discriminator, images, discriminator_loss=gan.discriminator_loss)


@pytest.mark.parametrize(
    "number, category, words",
    [
        ("01", "output-shape", "outputs (64, 2)"),
        ("02", "dtype", "the generator outputs int32"),
        ("03", "target-shape", "whether real images score 0.8 and fakes 0.2"),
        ("04", "numerics", "sent no gradient"),
    ],
)
def test_check_gan_names_the_bug_of_every_kata(number: str, category: str, words: str) -> None:
    gan, images = _models("katas", number)
    with pytest.raises(GANCheckFailed, match=re.escape(words)) as caught:
        check_gan(
            gan.generator, gan.discriminator, images, discriminator_loss=gan.discriminator_loss
        )
    assert caught.value.category == category


def test_check_gan_reads_the_noise_size_from_the_generator() -> None:
    gan, images = _models("solutions", "01")
    check_gan(gan.generator, gan.discriminator, images)  # no noise_dim given


def test_check_gan_asks_for_the_noise_size_when_it_cannot_tell() -> None:
    gan, images = _models("solutions", "01")

    def generator(noise, training=False):  # a plain function has no input shape
        return gan.generator(noise, training=training)

    with pytest.raises(ValueError, match="pass noise_dim"):
        check_gan(generator, gan.discriminator, images)
