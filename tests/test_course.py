"""The kata registry: what a broken katas.toml says."""

from __future__ import annotations

from pathlib import Path

import pytest

from ganerrors import course

ROOT = Path(__file__).resolve().parents[1]
KATA = """
[[kata]]
number = "{number}"
slug = "{slug}"
title = "{title}"
checklist = "output-shape"
minutes = 5
files = ["gan.py"]
summary = "s"
hints = ["h"]
[kata.failure]
type = "ValueError"
message = "m"
category = "output-shape"
test = "test_one_training_step_runs"
"""


def _registry(tmp_path: Path, text: str) -> Path:
    (tmp_path / "katas.toml").write_text(text)
    return tmp_path


def test_the_repository_registry_loads_with_its_four_katas() -> None:
    loaded = course.load(ROOT / "katas")
    assert [k.number for k in loaded.katas] == ["01", "02", "03", "04"]


def test_a_kata_number_can_be_given_as_1_01_or_an_int() -> None:
    loaded = course.load(ROOT / "katas")
    assert loaded.kata("1") is loaded.kata("01") is loaded.kata(1)


def test_an_unknown_kata_number_names_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="the katas are 01, 02, 03, 04"):
        course.load(ROOT / "katas").kata("9")


@pytest.mark.parametrize("field", ["number", "slug", "title"])
def test_duplicate_numbers_slugs_or_titles_are_refused(tmp_path: Path, field: str) -> None:
    first = {"number": "01", "slug": "a", "title": "A"}
    second = {"number": "02", "slug": "b", "title": "B", field: first[field]}
    root = _registry(tmp_path, KATA.format(**first) + KATA.format(**second))
    with pytest.raises(course.RegistryError, match=f"{field}s are not unique"):
        course.load(root)


def test_invalid_toml_is_a_registry_error_naming_the_file(tmp_path: Path) -> None:
    root = _registry(tmp_path, "[[kata]\n")
    with pytest.raises(course.RegistryError, match="katas.toml is not valid TOML"):
        course.load(root)


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    root = _registry(
        tmp_path, KATA.format(number="01", slug="a", title="A").replace("minutes = 5\n", "")
    )
    with pytest.raises(course.RegistryError, match="minutes"):
        course.load(root)


def test_an_unknown_category_is_refused(tmp_path: Path) -> None:
    text = KATA.format(number="01", slug="a", title="A").replace(
        'checklist = "output-shape"', 'checklist = "shapes"'
    )
    with pytest.raises(course.RegistryError, match="unknown category 'shapes'"):
        course.load(_registry(tmp_path, text))


def test_a_kata_without_hints_is_refused(tmp_path: Path) -> None:
    text = KATA.format(number="01", slug="a", title="A").replace('hints = ["h"]', "hints = []")
    with pytest.raises(course.RegistryError, match="needs hints"):
        course.load(_registry(tmp_path, text))
