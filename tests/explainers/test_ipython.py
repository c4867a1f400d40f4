"""%load_ext ganerrors in a real IPython shell: the explanation under IPython's own traceback."""

from __future__ import annotations

import pytest

pytest.importorskip("IPython")
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402


@pytest.fixture
def shell():
    ip = InteractiveShell.instance()
    ip.run_line_magic("colors", "nocolor")
    ip.run_line_magic("load_ext", "ganerrors")
    yield ip
    ip.run_line_magic("unload_ext", "ganerrors")


def test_a_failing_cell_shows_the_traceback_then_the_explanation(shell, capsys):
    result = shell.run_cell("raise ValueError('No gradients provided for any variable.')")
    out = capsys.readouterr().out
    assert isinstance(result.error_in_exec, ValueError)
    assert "ValueError: No gradients provided for any variable." in out
    assert out.index("ValueError: No gradients") < out.index("ganerrors: No gradients")


def test_a_real_tensorflow_error_in_a_cell_is_explained(shell, capsys):
    shell.run_cell(
        "from ganerrors._tf import import_tensorflow\n"
        "tf = import_tensorflow()\n"
        "tf.ones((16, 1)) - tf.ones((32, 1))\n"
    )
    out = capsys.readouterr().out
    assert "InvalidArgumentError" in out and "Incompatible shapes" in out
    assert "ganerrors: Batch size (batch-size)" in out


def test_a_cell_that_succeeds_or_fails_unrecognised_shows_no_explanation(shell, capsys):
    shell.run_cell("1 + 1")
    shell.run_cell("{}['missing']")
    out = capsys.readouterr().out
    assert "KeyError" in out and "ganerrors:" not in out


def test_loading_twice_shows_the_explanation_once(shell, capsys):
    from ganerrors.ipython import load_ipython_extension

    load_ipython_extension(shell)
    shell.run_cell("raise ValueError('No gradients provided for any variable.')")
    assert capsys.readouterr().out.count("ganerrors: No gradients") == 1


def test_unloading_removes_the_explanation(capsys):
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "ganerrors")
    ip.run_line_magic("unload_ext", "ganerrors")
    ip.run_cell("raise ValueError('No gradients provided for any variable.')")
    out = capsys.readouterr().out
    assert "ValueError" in out and "ganerrors:" not in out


def test_a_pasted_ipython_traceback_gives_its_frames_and_lines(tmp_path, capsys, monkeypatch):
    """IPython writes frames as "Cell In[1], line 5" and "File /x/gan_step.py:2, in
    train_step(data)", each with its line behind an arrow: the explanation reads the line."""
    (tmp_path / "gan_step.py").write_text(
        "def train_step(data):\n    real_images, labels = data\n    return real_images\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    ip = InteractiveShell.instance()
    ip.run_line_magic("colors", "nocolor")
    ip.run_cell(
        "from ganerrors._tf import import_tensorflow\n"
        "tf = import_tensorflow()\n"
        "import gan_step\n"
        "gan_step.train_step(tf.zeros((8, 4)))  # a batch of images alone\n"
    )
    pasted = capsys.readouterr().out
    assert "----> 2     real_images, labels = data" in pasted, pasted
    from ganerrors.explainers import explain

    diagnosis = explain(pasted)
    assert diagnosis is not None and diagnosis.category == "model-io-shape", pasted
    assert (
        diagnosis.reader_confidence == "high"
        and "`real_images, labels = data`" in diagnosis.summary
    )
