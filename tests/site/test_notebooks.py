"""The kata notebooks as the template makes them (executing them is test_build.py's)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat

from ganerrors import course
from ganerrors.site import as_shipped, notebooks
from ganerrors.site.config import SiteConfig

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY = SiteConfig.read(ROOT).repo_url


def test_the_template_is_a_real_python_file_of_percent_cells() -> None:
    source = notebooks.TEMPLATE.read_text(encoding="utf-8")
    ast.parse(source)
    assert source.startswith("# %% [markdown]\n# # Kata {number}: {title}\n")
    assert notebooks.TEMPLATE_IN_REPOSITORY == notebooks.TEMPLATE.relative_to(ROOT).as_posix()


def test_every_written_kata_gets_a_notebook_claiming_its_registered_failure(tmp_path) -> None:
    katas = course.load()
    paths = notebooks.write(katas, tmp_path, REPOSITORY)
    written = [k.number for k in katas.katas if notebooks.available(katas, k)]
    assert "01" in written and sorted(paths) == written
    for number, path in paths.items():
        kata = katas.kata(number)
        notebook = nbformat.read(path, as_version=4)
        claims = [
            cell.metadata[notebooks.CLAIM]
            for cell in notebook.cells
            if "raises-exception" in cell.metadata.get("tags", [])
        ]
        assert claims == [{"ename": kata.failure.type, "evalue": kata.failure.message}]
        assert notebook.cells[0].source.startswith(f"# Kata {number}: {kata.title}\n")
        assert "{" not in notebook.cells[0].source  # every field filled in


def test_a_notebook_names_its_kata_and_the_repository_it_clones_on_colab() -> None:
    kata = course.load().katas[-1]
    notebook = notebooks.build(kata, "https://github.com/someone/fork")
    parameters = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    assert f'KATA = "{kata.number}"' in parameters.source
    assert 'REPOSITORY = "https://github.com/someone/fork"' in parameters.source
    first = next(c for c in notebook.cells if c.cell_type == "code")
    assert first is parameters  # on Colab, the first code cell installs the course
    assert '"google.colab" in sys.modules' in first.source
    assert "pip" in first.source and "clone" in first.source


def test_a_notebook_imports_tensorflow_quietly_before_the_kata() -> None:
    notebook = notebooks.build(course.load().katas[0], REPOSITORY)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert code.index("tf = import_tensorflow()") < code.index("kata.load(")


def test_the_same_kata_makes_the_same_notebook_byte_for_byte() -> None:
    kata = course.load().katas[0]
    assert notebooks.text(notebooks.build(kata, REPOSITORY)) == notebooks.text(
        notebooks.build(kata, REPOSITORY)
    )


def test_the_committed_notebooks_are_what_the_template_makes() -> None:
    problems = notebooks.problems(course.load(), ROOT / notebooks.SOURCE_FOLDER, REPOSITORY)
    assert not problems, "\n".join(problems)


def test_a_stale_missing_or_stray_notebook_is_reported(tmp_path) -> None:
    katas = course.load()
    paths = notebooks.write(katas, tmp_path, REPOSITORY)
    first, second = list(paths.values())[:2]
    first.write_text(first.read_text().replace("Kata", "Kata!"))
    second.unlink()
    (tmp_path / "99-gone.ipynb").write_text("{}")
    problems = "\n".join(notebooks.problems(katas, tmp_path, REPOSITORY))
    assert f"{first.name} is not what the template makes" in problems
    assert f"has no notebook {second.name}" in problems
    assert "99-gone.ipynb belongs to no kata" in problems
    assert "python -m ganerrors.site.notebooks" in problems


def test_the_inputs_digest_changes_with_the_kata_file_and_the_notebook(tmp_path) -> None:
    katas = course.load()
    kata = katas.katas[0]
    shipped = as_shipped.read(katas, [kata])
    notebook = notebooks.build(kata, REPOSITORY)
    digest = notebooks.inputs_digest(kata, notebook, shipped)
    assert digest == notebooks.inputs_digest(kata, notebooks.build(kata, REPOSITORY), shipped)
    notebook.cells[0].source += "!"
    assert digest != notebooks.inputs_digest(kata, notebook, shipped)
    edited = as_shipped.AsShipped(
        {**shipped.files, as_shipped.kata_path(kata): b"# solved\n"}, shipped.commit
    )
    assert notebooks.inputs_digest(kata, notebook, edited) != notebooks.inputs_digest(
        kata, notebook, shipped
    )


def test_a_tidied_notebook_keeps_the_learners_frames_and_no_build_path(tmp_path) -> None:
    from ganerrors.site.tidy import Tidy

    site_packages = "/venv/lib/python3.11/site-packages"
    traceback = [
        "\x1b[31m-----\x1b[39m",
        "\x1b[31mValueError\x1b[39m   Traceback (most recent call last)",
        "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[4]\x1b[39m, line 3\n----> 3 check()",
        f"\x1b[36mFile \x1b[39m\x1b[32m{ROOT}/src/ganerrors/kata/__init__.py:99\x1b[39m, in x",
        f"\x1b[36mFile \x1b[39m\x1b[32m{site_packages}/tensorflow/util.py:167\x1b[39m, in y",
        "\x1b[36mFile \x1b[39m\x1b[32m/tmp/__autograph_generated_filex1y2.py:15\x1b[39m, in z",
        f"\x1b[36mFile \x1b[39m\x1b[32m{ROOT}/katas/01/gan.py:90\x1b[39m, in train_step",
        f'\x1b[31mValueError\x1b[39m: File "{ROOT}/katas/01/gan.py", layer "dense_55"',
    ]
    output = nbformat.v4.new_output(
        "error", ename="ValueError", evalue=f'"{site_packages}/keras/x.py"', traceback=traceback
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[output])])
    tidied = notebooks.tidied(notebook, Tidy(ROOT), ["katas/01/gan.py"])
    error = tidied.cells[0].outputs[0]
    text = json.dumps(error)
    assert str(ROOT) not in text and "site-packages" not in text and "/tmp/" not in text
    assert error.evalue == '"keras/x.py"'
    assert len(error.traceback) == 6  # header 2, the cell, 3 frames left out, gan.py, message
    assert "3 frames inside TensorFlow, Keras and the checker left out" in error.traceback[3]
    assert "katas/01/gan.py:90" in error.traceback[4]
    assert 'layer "dense_N"' in error.traceback[5]


def test_a_tidied_op_error_keeps_its_statement_and_the_learners_lines_only(tmp_path) -> None:
    from ganerrors.site.tidy import Tidy

    evalue = (
        "Graph execution error:\n\nDetected at node discriminator_3/Reshape defined at (most "
        'recent call last):\n  File "<frozen runpy>", line 198, in _run_module_as_main\n\n'
        '  File "/tmp/ipykernel_18502/1303023905.py", line 6, in <module>\n\n'
        f'  File "{ROOT}/src/ganerrors/checks.py", line 708, in run_step\n\n'
        f'  File "{ROOT}/katas/08/gan.py", line 101, in train_step\n\n'
        "Input to reshape is a tensor with 1568 values, but the requested shape requires a "
        "multiple of 64\n\t [[{{node discriminator_3/Reshape}}]] [Op:__inference_train_step_9]"
    )
    log = (
        "W0000 00:00:1795688643.636500   13383 local_rendezvous.cc:412] Local rendezvous is "
        "aborting with status: INVALID_ARGUMENT: Input to reshape\n"
        "\t [[{{node discriminator_3/Reshape}}]]\n"
    )
    outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="test_one_training_step_runs ... "),
        nbformat.v4.new_output("stream", name="stderr", text=log),
        nbformat.v4.new_output(
            "error", ename="InvalidArgumentError", evalue=evalue, traceback=[evalue]
        ),
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=outputs)])
    tidied = notebooks.tidied(notebook, Tidy(ROOT), ["katas/08/gan.py"])
    kept = tidied.cells[0].outputs
    assert [o.output_type for o in kept] == ["stream", "error"]  # the log lines left out
    error = kept[1]
    for text in (error.evalue, error.traceback[0]):
        assert "/tmp/" not in text and "checks.py" not in text and "runpy" not in text
        assert "3 frames of Jupyter, the checker, TensorFlow and Keras left out" in text
        assert 'File "katas/08/gan.py", line 101, in train_step' in text
        assert text.endswith("[Op:__inference_train_step_N]")
        assert "Input to reshape is a tensor with 1568 values" in text
