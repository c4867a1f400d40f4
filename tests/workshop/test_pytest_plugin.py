"""The pytest plugin, run on small test files with pytester (no TensorFlow needed)."""

from __future__ import annotations

import json

import pytest

from ganerrors.errors import ReportError
from ganerrors.report import KataResult, Report

pytest_plugins = ["pytester"]

KERAS_SHAPE_ERROR = (
    "Arguments `target` and `output` must have the same shape. "
    "Received: target.shape=(32, 1), output.shape=(32, 2)"
)


def _kata(pytester: pytest.Pytester, body: str) -> None:
    pytester.makefile(".toml", katas="")
    pytester.mkpydir("unused")  # a sibling package must not confuse kata detection
    folder = pytester.path / "07"
    folder.mkdir()
    (folder / "test_gan.py").write_text(body)


def test_a_recognised_error_in_any_test_gets_an_explanation_under_it(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(f"def test_loss():\n    raise ValueError({KERAS_SHAPE_ERROR!r})\n")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ValueError: Arguments `target` and `output`*", "*ganerrors*"])
    assert "output-shape" in result.stdout.str()


def test_an_unrecognised_error_gets_no_section(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x():\n    raise KeyError('nothing about tensors')\n")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    assert "- ganerrors -" not in result.stdout.str()


def test_a_kata_stops_at_its_first_failure_and_points_at_its_readme(
    pytester: pytest.Pytester,
) -> None:
    _kata(
        pytester,
        f"def test_first():\n    raise ValueError({KERAS_SHAPE_ERROR!r})\n\n"
        "def test_second():\n    pass\n",
    )
    result = pytester.runpytest("07")
    result.assert_outcomes(failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*README.md*ganerrors hint 07*"])


def test_a_kata_check_failure_shows_its_message_without_a_traceback(
    pytester: pytest.Pytester,
) -> None:
    _kata(
        pytester,
        "from ganerrors.errors import GANCheckFailed\n\n"
        "def helper():\n"
        "    raise GANCheckFailed('3 examples of 64 sent no gradient', 'numerics')\n\n"
        "def test_check():\n    helper()\n",
    )
    result = pytester.runpytest("07")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "3 examples of 64 sent no gradient" in out
    assert "def helper" not in out  # no source lines of a traceback
    assert "Checklist: Numerical stability" in out


def test_the_report_records_each_kata_outcome_and_first_failure(
    pytester: pytest.Pytester,
) -> None:
    _kata(
        pytester,
        f"def test_a():\n    pass\n\ndef test_b():\n    raise ValueError({KERAS_SHAPE_ERROR!r})\n",
    )
    report = pytester.path / "out" / "report.json"
    pytester.runpytest("07", f"--ganerrors-report={report}")
    data = json.loads(report.read_text())
    assert Report.from_json(data).katas["07"].failure is not None
    kata = data["katas"]["07"]
    assert kata["outcome"] == "failed"
    assert kata["tests"] == [
        {"test": "test_a", "outcome": "passed"},
        {"test": "test_b", "outcome": "failed"},
    ]
    assert kata["failure"]["type"] == "ValueError"
    assert kata["failure"]["message"] == KERAS_SHAPE_ERROR
    assert kata["failure"]["category"] == "output-shape"


def test_a_kata_whose_checks_all_skip_is_not_passed(pytester: pytest.Pytester) -> None:
    _kata(pytester, "import pytest\n\npytest.skip('nothing to see', allow_module_level=True)\n")
    report = pytester.path / "report.json"
    pytester.runpytest("07", f"--ganerrors-report={report}")
    assert not Report.read(report).katas.get("07", KataResult("07", "")).solved


def test_a_skip_inside_a_check_makes_the_kata_incomplete(pytester: pytest.Pytester) -> None:
    _kata(pytester, "import pytest\n\ndef test_a():\n    pass\n\ndef test_b():\n    pytest.skip()")
    report = pytester.path / "report.json"
    pytester.runpytest("07", f"--ganerrors-report={report}")
    result = Report.read(report).katas["07"]
    assert result.outcome == "incomplete" and not result.solved


def test_a_report_of_another_version_is_refused(tmp_path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"version": 1, "katas": {}}))
    with pytest.raises(ReportError, match="not a version"):
        Report.read(path)


def test_tests_outside_a_kata_folder_run_as_usual(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_a():\n    assert 0\n\ndef test_b():\n    pass\n")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1, passed=1)


def test_all_katas_run_together_though_every_checker_is_test_gan(
    pytester: pytest.Pytester,
) -> None:
    pytester.makefile(".toml", katas="")
    for number in ("01", "02"):
        (pytester.path / number).mkdir()
        (pytester.path / number / "test_gan.py").write_text("def test_a():\n    pass\n")
    result = pytester.runpytest(str(pytester.path))
    result.assert_outcomes(passed=2)
