"""A plain `pytest` in a learner's install (no dev extras) skips what needs the dev tools."""

from __future__ import annotations

from pathlib import Path

import pytest

SUITE_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"

pytest_plugins = ["pytester"]


def test_a_module_that_needs_a_missing_dev_tool_is_skipped_with_the_reason(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('suite', {str(SUITE_CONFTEST)!r})\n"
        "suite = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(suite)\n"
        "suite.dev_extras_installed = lambda: False  # as in `pip install -e .`\n"
        "pytest_pycollect_makemodule = suite.pytest_pycollect_makemodule\n"
    )
    pytester.makepyfile(
        test_needs_tool="import hypothesis_is_not_here_xyz\n\ndef test_a():\n    pass\n",
        test_plain="import json\n\ndef test_b():\n    pass\n",
    )
    result = pytester.runpytest("-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(
        ["*needs hypothesis_is_not_here_xyz, a development tool*pip install -e*[dev]*"]
    )


def test_with_the_dev_extras_a_missing_module_is_an_error(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('suite', {str(SUITE_CONFTEST)!r})\n"
        "suite = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(suite)\n"
        "suite.dev_extras_installed = lambda: True\n"
        "pytest_pycollect_makemodule = suite.pytest_pycollect_makemodule\n"
    )
    pytester.makepyfile(test_needs_tool="import not_here_xyz\n\ndef test_a():\n    pass\n")
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
