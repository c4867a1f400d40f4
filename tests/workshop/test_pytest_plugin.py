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


def test_a_kata_stops_at_its_first_failure_and_points_at_its_readme_only(
    pytester: pytest.Pytester,
) -> None:
    _kata(
        pytester,
        f"def test_first():\n    raise ValueError({KERAS_SHAPE_ERROR!r})\n\n"
        "def test_second():\n    pass\n",
    )
    result = pytester.runpytest("07")
    result.assert_outcomes(failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*Read 07/README.md*"])
    # katas.toml is empty here, so no `ganerrors hint 07` could work: none is advertised.
    assert "ganerrors hint" not in result.stdout.str()


def test_a_kata_failure_says_to_rerun_pytest_or_under_watch_to_save(
    pytester: pytest.Pytester,
) -> None:
    _kata(pytester, f"def test_first():\n    raise ValueError({KERAS_SHAPE_ERROR!r})\n")
    plain = pytester.runpytest("07").stdout.str()
    assert "Edit the kata's code, then rerun `pytest 07`." in plain
    watched = pytester.runpytest("07", "--ganerrors-watch").stdout.str()
    assert "Edit the kata's code and save it: `ganerrors watch` checks it again." in watched
    assert "rerun `pytest" not in watched


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


# -- a kata of a course (a readable registry) ---------------------------------------------------
from ganerrors.workshop import progress  # noqa: E402

from .conftest import KATA_ENTRY, PART  # noqa: E402


def _course_kata(pytester: pytest.Pytester, body: str, timeout: float = 30) -> None:
    katas = pytester.mkdir("katas")
    (katas / "katas.toml").write_text(KATA_ENTRY.format(number="01", timeout=timeout) + PART)
    (katas / "01").mkdir()
    (katas / "01" / "test_gan.py").write_text(body)


SHAPE_FAILURE = f"def test_gan_is_ok():\n    raise ValueError({KERAS_SHAPE_ERROR!r})\n"


def test_a_kata_run_in_a_course_is_recorded_in_its_progress(pytester: pytest.Pytester) -> None:
    _course_kata(pytester, SHAPE_FAILURE + "\ndef test_b():\n    pass\n")
    pytester.runpytest("katas/01")
    kept = progress.load(pytester.path / ".ganerrors").kata("01")
    assert (kept.state, kept.attempts, kept.failure["type"]) == ("failing", 1, "ValueError")
    (pytester.path / "katas" / "01" / "test_gan.py").write_text("def test_a():\n    pass\n")
    result = pytester.runpytest("katas/01")
    result.stdout.fnmatch_lines(["*kata 01 solved (run 2), recorded in your progress*"])
    assert progress.load(pytester.path / ".ganerrors").solved("01")


def test_a_run_of_some_checks_only_is_not_a_solve(pytester: pytest.Pytester) -> None:
    _course_kata(pytester, "def test_a():\n    pass\n\ndef test_b():\n    pass\n")
    pytester.runpytest("katas/01", "-k", "test_a")
    pytester.runpytest("katas/01/test_gan.py::test_b")
    kept = progress.load(pytester.path / ".ganerrors").kata("01")
    assert kept.attempts == 2 and not kept.solved


def test_collect_only_records_nothing(pytester: pytest.Pytester) -> None:
    _course_kata(pytester, "def test_a():\n    pass\n")
    pytester.runpytest("katas/01", "--collect-only")
    assert not (pytester.path / ".ganerrors" / "progress.json").exists()


def test_the_fix_is_kept_back_until_the_last_hint(pytester: pytest.Pytester) -> None:
    _course_kata(pytester, SHAPE_FAILURE)
    first = pytester.runpytest("katas/01").stdout.str()
    assert "Likely causes" in first and "Fix:" not in first and "Dense(1)" not in first
    assert "hint 1 of 3" in first and "--spoilers" in first
    with progress.update(pytester.path / ".ganerrors") as kept:
        for _ in range(3):
            kept.count_hint("01")
    after = pytester.runpytest("katas/01").stdout.str()
    assert "Fix:" in after and "--spoilers" not in after


def test_spoilers_show_the_fix_from_the_first_failure(pytester: pytest.Pytester) -> None:
    _course_kata(pytester, SHAPE_FAILURE)
    assert "Fix:" in pytester.runpytest("katas/01", "--ganerrors-spoilers").stdout.str()
    (pytester.path / "ganerrors.toml").write_text("spoilers = true\n")
    assert "Fix:" in pytester.runpytest("katas/01").stdout.str()


def test_outside_a_kata_the_explanation_keeps_its_fix(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SHAPE_FAILURE)
    assert "Fix:" in pytester.runpytest().stdout.str()


def test_a_kata_that_runs_past_its_timeout_is_stopped_and_reported(
    pytester: pytest.Pytester,
) -> None:
    _course_kata(
        pytester,
        "import time\n\ndef test_a():\n    pass\n\ndef test_slow():\n    time.sleep(600)\n",
        timeout=1,
    )
    report = pytester.path / "report.json"
    result = pytester.runpytest_subprocess("katas/01", f"--ganerrors-report={report}")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*kata 01 was stopped after 1 s, still running: in test_slow*"])
    entry = Report.read(report).katas["01"]
    assert not entry.solved and entry.failure.type == "KataTimeout"
    assert progress.load(pytester.path / ".ganerrors").kata("01").failure["type"] == "KataTimeout"


def test_a_thread_left_running_ends_the_run_after_pytest(pytester: pytest.Pytester) -> None:
    _course_kata(
        pytester,
        "import threading, time\n\n"
        "def test_a():\n"
        "    threading.Thread(target=time.sleep, args=(600,), name='sleeper').start()\n",
    )
    result = pytester.runpytest_subprocess("katas/01", timeout=60)
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*1 thread(s) running (sleeper)*"])


def test_an_exception_whose_str_raises_keyboardinterrupt_is_reported(
    pytester: pytest.Pytester,
) -> None:
    body = (
        "class Odd(Exception):\n"
        "    def __str__(self):\n"
        "        raise KeyboardInterrupt\n\n"
        "def test_a():\n    raise Odd()\n"
    )
    _course_kata(pytester, body)
    result = pytester.runpytest("katas/01")
    result.assert_outcomes(failed=1)
    pytester.makepyfile(test_elsewhere=body)
    pytester.runpytest("test_elsewhere.py").assert_outcomes(failed=1)


def test_a_timeout_option_must_be_a_number_of_seconds(pytester: pytest.Pytester) -> None:
    _course_kata(pytester, "def test_a():\n    pass\n")
    result = pytester.runpytest("katas/01", "--ganerrors-timeout=nan")
    assert result.ret == pytest.ExitCode.USAGE_ERROR


FRAMED_KATA = """\
import sys
from pathlib import Path

import ganerrors.tidy

OWN = Path(ganerrors.tidy.__file__).parent / "kata" / "__init__.py"

LOG = (
    "W0000 00:00:1795677308.966031   16334 local_rendezvous.cc:412] Local rendezvous is "
    "aborting with status: INVALID_ARGUMENT\\n\\t [[{{node sub}}]]\\n"
)
ERROR = (
    "Graph execution error:\\n\\nDetected at node sub defined at (most recent call last):\\n"
    '  File "/v/lib/python3.11/site-packages/pluggy/_callers.py", line 1, in _multicall\\n\\n'
    '  File "/v/lib/python3.11/site-packages/_pytest/runner.py", line 2, in from_call\\n\\n'
    f'  File "{OWN}", line 3, in test_a_short_batch_trains\\n\\n'
    '  File "/home/me/katas/07/gan.py", line 4, in train_step\\n\\n'
    "Incompatible shapes: [16,1] vs. [32,1]"
)


def test_step():
    sys.stderr.write(LOG)
    sys.stderr.write("the learner printed this\\n")
    raise RuntimeError(ERROR)
"""


def test_a_kata_failure_folds_library_frames_and_drops_tensorflow_log_lines(
    pytester: pytest.Pytester,
) -> None:
    _kata(pytester, FRAMED_KATA)
    out = pytester.runpytest("07").stdout.str()
    assert "Incompatible shapes: [16,1] vs. [32,1]" in out
    assert "3 frames of ganerrors, pluggy, pytest hidden by ganerrors" in out
    assert "site-packages" not in out and "kata/__init__.py" not in out
    assert '  File "/home/me/katas/07/gan.py", line 4, in train_step' in out  # the learner's
    assert "Local rendezvous" not in out and "the learner printed this" in out


def test_outside_a_kata_a_low_confidence_guess_gets_no_section(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "def test_a():\n    raise ValueError('shapes (3, 4) and (5, 6) somewhere')\n"
    )
    result = pytester.runpytest()
    assert "probably" not in result.stdout.str()
