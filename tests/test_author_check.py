"""The author check: every kata fails as shipped, with the error or symptom the registry
documents, on the installed TensorFlow; every solution passes the same checker; a correct fix
written another way passes; a "fix" that hides the bug does not; the registry and the folders
agree.

All kata runs happen in one pytest subprocess (TensorFlow is imported once), over a temporary
course laid out the way learners see it: katas.toml above one folder per run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ganerrors import course as course_mod

ROOT = Path(__file__).resolve().parents[1]
COURSE = course_mod.load(ROOT / "katas")
KATAS = {k.number: k for k in COURSE.katas}

# Other ways to write a correct fix: each must pass the checker like solutions/NN does.
# (kata, folder name, text in the shipped kata, replacement)
CORRECT_VARIANTS = [
    (
        "01",
        "01-labels-like-output",
        "keras.layers.Dense(2),",
        "keras.layers.Dense(1, name='verdict'),",
    ),
    (
        "02",
        "02-cast-to-float",
        "tf.cast(tf.round((x + 1.0) * 127.5), tf.int32)",
        "tf.cast(x, tf.float32)",
    ),
    (
        "03",
        "03-keras-mse",
        "return tf.reduce_mean(tf.square(labels - outputs))",
        "return keras.losses.MeanSquaredError()(labels, outputs)",
    ),
    (
        "04",
        "04-sigmoid-output",
        'keras.layers.Dense(1),\n        ],\n        name="discriminator"',
        'keras.layers.Dense(1, activation="sigmoid"),\n        ],\n        name="discriminator"',
    ),
]

# A train_step that calls the real one and swallows whatever it raises.
SWALLOW_ERRORS = (
    "def train_step(images):\n"
    "    try:\n"
    "        return _train_step(images)\n"
    "    except Exception:\n"
    "        return 0.0, 0.0\n\n\n"
    "@tf.function\n"
    "def _train_step(images):\n"
)

# "Fixes" that hide the bug instead of fixing it: each must still fail, with a checker
# message (not the TensorFlow error), at the named test.
# (kata, folder name, start from "shipped" or "solved", text, replacement, failing test)
HIDING_VARIANTS = [
    (
        "01",
        "01-swallow-the-error",
        "shipped",
        "@tf.function\ndef train_step(images):\n",
        SWALLOW_ERRORS,
        "test_discriminator_gives_one_score_per_image",
    ),
    (
        "02",
        "02-skip-the-generator-update",
        "shipped",
        "    generator_optimizer.apply_gradients(zip(gradients_of_generator, "
        "generator.trainable_variables))\n",
        "",
        "test_generator_makes_float32_images_shaped_like_the_data",
    ),
    (
        "02",
        "02-solved-but-generator-never-updated",
        "solved",
        "    generator_optimizer.apply_gradients(zip(gradients_of_generator, "
        "generator.trainable_variables))\n",
        "",
        "test_every_variable_of_both_models_learns",
    ),
    (
        "01",
        "01-solved-but-no-training",
        "solved",
        "@tf.function\ndef train_step(images):\n",
        "@tf.function\ndef train_step(images):\n    return tf.constant(0.0), tf.constant(0.0)\n",
        "test_every_variable_of_both_models_learns",
    ),
    (
        "04",
        "04-swallow-and-clip",
        "shipped",
        "@tf.function\ndef train_step(images):\n",
        SWALLOW_ERRORS,
        "test_every_example_sends_a_gradient",
    ),
]


def _copy_kata(number: str, dest: Path, solved: bool) -> None:
    shutil.copytree(ROOT / "katas" / number, dest)
    if solved:
        for file in (ROOT / "solutions" / number).iterdir():
            shutil.copy2(file, dest / file.name)


def _variant(number: str, dest: Path, old: str, new: str, solved: bool = False) -> None:
    _copy_kata(number, dest, solved=solved)
    source = (dest / "gan.py").read_text()
    assert old in source, f"variant of kata {number}: {old!r} is not in its gan.py"
    (dest / "gan.py").write_text(source.replace(old, new, 1))


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run every shipped kata, solution and variant once; return the plugin's JSON report."""
    base = tmp_path_factory.mktemp("author-check") / "katas"
    base.mkdir()
    shutil.copy2(ROOT / "katas" / "katas.toml", base / "katas.toml")
    for number in KATAS:
        _copy_kata(number, base / f"{number}-shipped", solved=False)
        _copy_kata(number, base / f"{number}-solved", solved=True)
    for number, name, old, new in CORRECT_VARIANTS:
        _variant(number, base / name, old, new)
    for number, name, start, old, new, _test in HIDING_VARIANTS:
        _variant(number, base / name, old, new, solved=start == "solved")
    report = base.parent / "report.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(base),  # the plugin imports the checkers by path: all are test_gan.py
            "-p",
            "no:cacheprovider",
            "-q",
            f"--ganerrors-report={report}",
        ],
        cwd=base.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert report.exists(), f"no report written:\n{result.stdout}\n{result.stderr}"
    data = json.loads(report.read_text())
    data["output"] = result.stdout + result.stderr
    return data


def test_registry_and_folders_agree() -> None:
    kata_dirs = {p.name for p in (ROOT / "katas").iterdir() if p.is_dir() and p.name.isdigit()}
    solution_dirs = {p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()}
    assert kata_dirs == set(KATAS), "katas/ folders and katas.toml list different katas"
    assert solution_dirs == set(KATAS), "solutions/ folders and katas.toml list different katas"
    for kata in COURSE.katas:
        folder, solution = ROOT / "katas" / kata.number, ROOT / "solutions" / kata.number
        assert (folder / "README.md").is_file(), f"kata {kata.number} has no README.md"
        assert (folder / "test_gan.py").is_file(), f"kata {kata.number} has no checker"
        for name in kata.files:
            assert (folder / name).is_file(), f"katas/{kata.number}/{name} is missing"
            assert (solution / name).is_file(), f"solutions/{kata.number}/{name} is missing"
        extra = {p.name for p in solution.iterdir()} - set(kata.files)
        assert not extra, f"solutions/{kata.number} has files the registry does not list: {extra}"
        shipped = {p.name for p in folder.iterdir() if p.name != "__pycache__"}
        extra = shipped - {*kata.files, "README.md", "test_gan.py"}
        assert not extra, f"katas/{kata.number} has files the registry does not list: {extra}"


def test_every_kata_marks_where_to_look_and_every_solution_says_what_it_fixed() -> None:
    for kata in COURSE.katas:
        for name in kata.files:
            shipped = (ROOT / "katas" / kata.number / name).read_text()
            fixed = (ROOT / "solutions" / kata.number / name).read_text()
            assert "TODO" in shipped, f"katas/{kata.number}/{name} has no TODO marker"
            assert "# Fixed:" in fixed, f"solutions/{kata.number}/{name} has no '# Fixed:' note"
            assert shipped != fixed


def test_every_failure_category_is_a_checklist_id() -> None:
    from ganerrors.categories import CATEGORIES

    for kata in COURSE.katas:
        assert kata.checklist in CATEGORIES and kata.failure.category in CATEGORIES


@pytest.mark.parametrize("number", sorted(KATAS))
def test_kata_fails_as_shipped_with_its_documented_error(runs: dict, number: str) -> None:
    kata = KATAS[number]
    result = runs["katas"][f"{number}-shipped"]
    assert result["outcome"] == "failed", f"kata {number} passes as shipped"
    failure = result["failure"]
    assert failure["test"] == kata.failure.test, (
        f"kata {number} first fails at {failure['test']}, the registry says {kata.failure.test}"
    )
    assert kata.failure.matches(failure["type"], failure["message"]), (
        f"kata {number} raised {failure['type']}: {failure['message']}\n"
        f"the registry documents {kata.failure.type} matching {kata.failure.message!r}"
    )
    assert failure["category"] == kata.failure.category


@pytest.mark.parametrize("number", sorted(KATAS))
def test_solution_passes_every_check(runs: dict, number: str) -> None:
    result = runs["katas"][f"{number}-solved"]
    assert result["outcome"] == "passed", f"solution {number} fails: {result['failure']}"
    assert len(result["tests"]) == 7 and all(t["outcome"] == "passed" for t in result["tests"])


@pytest.mark.parametrize("name", [v[1] for v in CORRECT_VARIANTS])
def test_a_fix_written_another_way_passes(runs: dict, name: str) -> None:
    result = runs["katas"][name]
    assert result["outcome"] == "passed", f"{name} fails: {result['failure']}"


@pytest.mark.parametrize("name, test", [(v[1], v[5]) for v in HIDING_VARIANTS])
def test_hiding_the_bug_does_not_pass(runs: dict, name: str, test: str) -> None:
    result = runs["katas"][name]
    assert result["outcome"] == "failed", f"{name} passes the checker"
    assert result["failure"]["test"] == test
    assert result["failure"]["type"] == "GANCheckFailed"


def test_learners_see_no_tensorflow_log_noise(runs: dict) -> None:
    for noise in ("oneDNN custom operations", "cuda drivers", "absl::InitializeLog", "cuInit"):
        assert noise not in runs["output"]


def test_a_failing_kata_stops_at_its_first_failure(runs: dict) -> None:
    tests = runs["katas"]["01-shipped"]["tests"]
    assert [t["outcome"] for t in tests][:1] == ["failed"]
    assert re.search(r"skipped", runs["output"]) or len(tests) == 1
