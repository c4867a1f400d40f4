"""Messages of other TensorFlow and Keras versions, stored from public GitHub issues
(tests/samples/messages.toml names the source of each)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ganerrors.categories import CATEGORIES
from ganerrors.explainers import explain

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SAMPLES = tomllib.loads(
    (Path(__file__).parent / "samples" / "messages.toml").read_text(encoding="utf-8")
)["sample"]


def test_every_sample_names_its_public_source_and_a_real_category():
    for sample in SAMPLES:
        assert sample["source"].startswith("https://github.com/"), sample
        assert sample["category"] in CATEGORIES, sample
        assert sample["message"].strip() and sample["phrase"].strip(), sample


def test_samples_cover_every_category():
    assert {s["category"] for s in SAMPLES} == set(CATEGORIES)


@pytest.mark.parametrize(
    "sample", SAMPLES, ids=[s["source"].split("github.com/")[1] for s in SAMPLES]
)
def test_stored_message_is_explained_with_its_category(sample):
    diagnosis = explain(sample["message"])
    assert diagnosis is not None, sample["message"]
    assert diagnosis.category == sample["category"], diagnosis.render()
    assert sample["phrase"] in diagnosis.render(), diagnosis.render()


@pytest.mark.parametrize("sample", SAMPLES[:5], ids=[s["source"] for s in SAMPLES[:5]])
def test_stored_message_read_as_bytes_gets_the_same_category(sample):
    diagnosis = explain(sample["message"].encode("utf-8"))
    assert diagnosis is not None and diagnosis.category == sample["category"]
