"""The kata registry: what a broken katas.toml says."""

from __future__ import annotations

from pathlib import Path

import pytest

from ganerrors import course

ROOT = Path(__file__).resolve().parents[2]
KATA = """
[[kata]]
number = "{number}"
slug = "{slug}"
title = "{title}"
checklist = "output-shape"
minutes = 5
summary = "s"
hints = ["h"]
[kata.failure]
type = "ValueError"
message = "m"
category = "output-shape"
test = "test_one_training_step_runs"
"""


def _registry(tmp_path: Path, text: str) -> Path:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "katas.toml").write_text(text)
    return tmp_path


def test_the_repository_registry_lists_its_katas_in_order() -> None:
    numbers = [k.number for k in course.load(ROOT / "katas").katas]
    assert numbers == sorted(numbers) and numbers[:4] == ["01", "02", "03", "04"]


def test_a_kata_number_can_be_given_as_1_01_or_an_int() -> None:
    loaded = course.load(ROOT / "katas")
    assert loaded.kata("1") is loaded.kata("01") is loaded.kata(1)


def test_an_unknown_kata_number_names_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="the katas are 01, 02, 03, 04"):
        course.load(ROOT / "katas").kata("99")


@pytest.mark.parametrize("odd", ["¹", "①", "٣", "1" * 5000, "-1", "1.0", "", " ", "001", None, 3.5])
def test_a_kata_number_is_one_or_two_ascii_digits(odd) -> None:
    with pytest.raises(KeyError, match="one or two digits") as info:
        course.normalise_number(odd)
    assert len(str(info.value)) < 120  # one line, even for 5,000 digits


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        (b"", "lists no katas"),
        (b"kata = 3", "must be a list of"),
    ],
)
def test_a_binary_empty_or_odd_registry_is_one_line_naming_the_file(
    tmp_path: Path, content: bytes, says: str
) -> None:
    (tmp_path / "katas.toml").write_bytes(content)
    with pytest.raises(course.RegistryError, match=says) as info:
        course.load(tmp_path)
    assert "katas.toml" in str(info.value) and "\n" not in str(info.value)


def test_an_unknown_field_is_refused_so_a_typo_does_not_pass_silently(tmp_path: Path) -> None:
    text = KATA.format(number="01", slug="a", title="A").replace("minutes = 5", "minuts = 5")
    with pytest.raises(course.RegistryError, match="unknown field.*minuts"):
        course.load(_registry(tmp_path, text))


@pytest.mark.parametrize("timeout", ["nan", "-1", "0", '"ten"', "true"])
def test_a_timeout_must_be_a_positive_number(tmp_path: Path, timeout: str) -> None:
    text = KATA.format(number="01", slug="a", title="A").replace(
        "minutes = 5", f"minutes = 5\ntimeout = {timeout}"
    )
    with pytest.raises(course.RegistryError, match="timeout"):
        course.load(_registry(tmp_path, text))


@pytest.mark.parametrize("key", ["timeout", "training_steps"])
def test_a_timeout_and_training_steps_default_when_left_out(tmp_path: Path, key: str) -> None:
    (kata,) = course.load(_registry(tmp_path, KATA.format(number="01", slug="a", title="A"))).katas
    assert getattr(kata, key) == {"timeout": 120, "training_steps": 6000}[key]
    text = KATA.format(number="01", slug="a", title="A").replace(
        "minutes = 5", f"minutes = 5\n{key} = 1500"
    )
    (kata,) = course.load(_registry(tmp_path / "set", text)).katas
    assert getattr(kata, key) == 1500


def test_a_bad_message_pattern_is_refused(tmp_path: Path) -> None:
    text = KATA.format(number="01", slug="a", title="A").replace('message = "m"', 'message = "(("')
    with pytest.raises(course.RegistryError, match="not a regular expression"):
        course.load(_registry(tmp_path, text))


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
