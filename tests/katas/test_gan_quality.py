"""`ganerrors.quality`: the figures that say how well a generator draws the data."""

from __future__ import annotations

import numpy as np
import pytest

from ganerrors import datasets, quality


@pytest.fixture(scope="module")
def digits():
    return datasets.digits(with_labels=True)


def test_held_out_real_digits_score_like_a_perfect_generator(digits) -> None:
    reals, labels = digits
    figures = quality.reference(reals, labels)
    assert 0.9 < figures.distance_ratio < 1.1
    assert figures.precision > 0.9 and figures.coverage > 0.7
    assert figures.modes == figures.classes == 10
    assert figures.in_range == 1.0


def test_noise_is_far_from_the_data_and_covers_none_of_it(digits) -> None:
    reals, labels = digits
    noise = np.random.default_rng(0).uniform(-1, 1, (300, 8, 8, 1))
    figures = quality.measure(noise, reals, labels)
    assert figures.distance_ratio > 3 and figures.precision == 0 and figures.coverage == 0


def test_a_collapsed_generator_covers_little_however_real_its_one_digit(digits) -> None:
    reals, labels = digits
    threes = reals[labels == 3][:100]
    figures = quality.measure(threes, reals, labels)
    assert figures.precision == 1.0 and figures.distance == 0.0  # copies of real threes
    assert figures.coverage < 0.15
    assert figures.modes == 1 and figures.shares[3] == 1.0
    average = quality.measure(np.repeat(reals.mean(0, keepdims=True), 50, 0), reals, labels)
    assert average.coverage < 0.01 and average.modes == 1


def test_fakes_outside_the_data_range_are_counted(digits) -> None:
    reals, _ = digits
    fakes = (reals[:100] + 1.0) * 127.5  # pixels 0..255
    assert quality.measure(fakes, reals).in_range < 0.5


def test_repeated_real_images_count_once() -> None:
    bars, labels = datasets.bars(512, with_labels=True)
    figures = quality.measure(bars[:64], bars, labels, k=1)
    assert figures.reals == 16 and figures.baseline > 0.5
    assert figures.classes == 16 and figures.distance == 0.0


@pytest.mark.parametrize(
    "fakes, labels, words",
    [
        (np.zeros((4, 7, 8, 1)), None, "56 pixels"),
        (np.full((4, 8, 8, 1), np.nan), None, "NaN"),
        (np.zeros((4, 8, 8, 1)), np.zeros(3), "3 labels"),
    ],
)
def test_what_cannot_be_measured_is_said(digits, fakes, labels, words) -> None:
    reals = digits[0][:50]
    with pytest.raises(ValueError, match=words):
        quality.measure(fakes, reals, labels)


def test_the_summary_names_every_figure(digits) -> None:
    reals, labels = digits
    text = quality.reference(reals, labels).summary()
    for words in ("distance to the nearest real image", "precision", "coverage", "10 of 10"):
        assert words in text
    assert quality.reference(reals, labels).to_json()["modes"] == 10


def test_digits_are_the_real_data_set_scaled_to_the_tanh_range(digits) -> None:
    reals, labels = digits
    assert reals.shape == (1797, 8, 8, 1) and reals.dtype == np.float32
    assert reals.min() == -1.0 and reals.max() == 1.0
    assert np.bincount(labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert datasets.digits((0, 1)).shape == (360, 8, 8, 1)
    with pytest.raises(ValueError, match="0..9"):
        datasets.digits((10,))


def test_bars_labels_name_each_bar() -> None:
    images, labels = datasets.bars(64, with_labels=True)
    for image, label in zip(images[..., 0], labels, strict=True):
        bright = image == 1.0
        if label < 8:
            assert bright[:, label].all() and bright.sum() == 8
        else:
            assert bright[label - 8, :].all() and bright.sum() == 8
