"""Measuring for the site: the cache, the quiet log, the tidy text. No TensorFlow runs here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ganerrors import course
from ganerrors.cases import Outcome, Result, get
from ganerrors.site import measure, notebooks, quiet
from ganerrors.site.tidy import Tidy, normalise_names

ROOT = Path(__file__).resolve().parents[2]


# -- the cache -------------------------------------------------------------------------------


def test_a_stored_result_reads_back_as_it_was(tmp_path: Path) -> None:
    store = measure.Store(tmp_path)
    result = Result(
        get("two-scores-per-image"),
        {
            "eager": Outcome("eager", "ValueError", "message"),
            "tf.function": Outcome("tf.function", None, values={"loss": "0.7"}),
        },
    )
    store.save_case(result)
    assert store.load_case(result.case) == result
    assert store.case_path(result.case).parent.name == measure.versions()
    assert "tensorflow-" in measure.versions() and "keras-" in measure.versions()


def test_a_case_is_measured_again_when_its_source_changes(tmp_path: Path, monkeypatch) -> None:
    case = get("two-scores-per-image")
    before = measure.case_key(case)
    monkeypatch.setattr(type(case), "digest", property(lambda self: "changed"))
    assert measure.case_key(case) != before


def test_a_build_with_everything_cached_starts_no_subprocess(tmp_path: Path, monkeypatch) -> None:
    cases = [get("two-scores-per-image"), get("labels-for-a-fixed-batch")]
    monkeypatch.setenv(measure.CACHE_ENV, str(tmp_path))
    store = measure.Store(tmp_path)
    for case in cases:
        store.save_case(Result(case, {"eager": Outcome("eager", None)}))

    def no_subprocess(*args: object, **kwargs: object) -> int:
        raise AssertionError("measured again although everything is cached")

    monkeypatch.setattr(quiet, "run", no_subprocess)
    monkeypatch.setattr(notebooks, "available", lambda course, kata: False)
    measured = measure.prepare(ROOT, course.load(), "https://github.com/x/y", print, cases=cases)
    assert [r.case.id for r in measured.results] == [c.id for c in cases]
    assert measured.problems  # the made-up outcomes contradict the cases' claims


def test_a_claim_that_tensorflow_contradicts_is_a_problem_of_the_build(
    tmp_path, monkeypatch
) -> None:
    case = get("two-scores-per-image")
    monkeypatch.setenv(measure.CACHE_ENV, str(tmp_path))
    measure.Store(tmp_path).save_case(
        Result(case, {mode: Outcome(mode, None) for mode in case.modes})
    )
    monkeypatch.setattr(notebooks, "available", lambda course, kata: False)
    measured = measure.prepare(ROOT, course.load(), "https://github.com/x/y", print, cases=[case])
    assert any(
        "the project claims" in problem and case.id in problem for problem in measured.problems
    )


# -- the quiet log ---------------------------------------------------------------------------

NOISE = [
    "W0000 00:00:1795677342.054041   16750 local_rendezvous.cc:412] Local rendezvous is aborting "
    "with status: INVALID_ARGUMENT: Incompatible shapes: [32,1] vs. [16,1]",
    "\t [[{{node binary_crossentropy/logistic_loss/mul}}]]",
    "\t [[{{function_node __inference_one_step_on_data_6291}}"
    "{{node gradient_tape/binary_crossentropy/logistic_loss/mul/BroadcastGradientArgs}}]]",
    "W0000 00:00:1795677868.708565   30269 op_kernel.cc:1858] OP_REQUIRES failed at "
    "sparse_xent_op.cc:103 : INVALID_ARGUMENT: Received a label value of 11",
    "[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication",
    # seen once in a CI build's log (a model.fit case stopped mid-epoch by its error)
    "W0000 00:00:1795722957.036322    1074 root_dataset.cc:364] Optimization loop failed: "
    "CANCELLED: Operation was cancelled",
    # seen in every build on an AMD EPYC machine: the mixed_float16 case's first float16 op
    "E0000 00:00:1795766485.474846    5139 util.cc:131] oneDNN supports DT_HALF only on "
    "platforms with AVX-512. Falling back to the default Eigen-based implementation if present.",
]


@pytest.mark.parametrize("line", NOISE)
def test_tensorflow_and_kernel_noise_is_dropped(line: str) -> None:
    assert quiet.is_noise(line)


@pytest.mark.parametrize(
    "line",
    [
        "E0000 00:00:1.0  1 cuda_driver.cc:100] failed call to cuInit",
        "Traceback (most recent call last):",
        "UserWarning: something real",
    ],
)
def test_everything_else_in_the_log_is_kept(line: str) -> None:
    assert not quiet.is_noise(line)


def test_a_subprocess_log_loses_its_noise_and_keeps_the_rest(tmp_path: Path, capsys) -> None:
    script = (
        "import sys\n"
        + "".join(f"print({line!r}, file=sys.stderr)\n" for line in [*NOISE, "a real warning"])
        + "print('done')\n"
    )
    seen: list[str] = []
    status = quiet.run([sys.executable, "-c", script], tmp_path, seen.append)
    assert status == 0 and seen == ["done"]
    assert capsys.readouterr().err.strip() == "a real warning"


#: A kernel's shutdown race as it reached a build log (the middle of its traceback cut here).
KERNEL_SHUTDOWN = [
    "ERROR:tornado.general:Uncaught exception in ZMQStream callback",
    "Traceback (most recent call last):",
    '  File ".venv/lib/python3.11/site-packages/zmq/eventloop/zmqstream.py", line 585, in '
    "_log_error",
    "    f.result()",
    '  File "zmq/backend/cython/_zmq.py", line 190, in zmq.backend.cython._zmq._check_rc',
    "zmq.error.ZMQError: Socket operation on non-socket",
]


def test_a_kernels_shutdown_traceback_is_dropped_whole_and_only_whole() -> None:
    lines = ["a real warning", *KERNEL_SHUTDOWN, "another real line"]
    assert quiet.without_noise(lines) == ["a real warning", "another real line"]
    # without its last line it is not the known race: every line of it is kept
    cut = ["a real warning", *KERNEL_SHUTDOWN[:-1]]
    assert quiet.without_noise(cut) == cut
    # another error after the same first line is kept too
    other = [*KERNEL_SHUTDOWN[:-1], "RuntimeError: a kernel that really failed"]
    assert quiet.without_noise(other) == other


#: A NumPy error raised on purpose inside `tf.numpy_function` (the case
#: loader-scales-bytes-in-place), as TensorFlow 2.21's C++ runtime logged it while measuring
PY_FUNC_ERROR = [
    "W0000 00:00:1795773840.057703    4532 op_kernel.cc:1845] INVALID_ARGUMENT: UFuncTypeError: "
    "Cannot cast ufunc 'divide' output from dtype('float64') to dtype('uint8') with casting "
    "rule 'same_kind'",
    "Traceback (most recent call last):",
    "",
    '  File "tensorflow/python/ops/script_ops.py", line 269, in __call__',
    "    ret = func(*args)",
    "",
    '  File "src/ganerrors/cases/dtype.py", line 240, in load',
    "    image /= 127.5",
    "",
    "numpy._core._exceptions._UFuncOutputCastingError: Cannot cast ufunc 'divide' output from "
    "dtype('float64') to dtype('uint8') with casting rule 'same_kind'",
]


def test_a_python_error_logged_by_a_py_func_is_dropped_whole() -> None:
    rendezvous = [
        PY_FUNC_ERROR[0].replace(
            "op_kernel.cc:1845] ",
            "local_rendezvous.cc:412] Local rendezvous is aborting with status: ",
        ),
        *PY_FUNC_ERROR[1:],
    ]
    lines = ["a real warning", *PY_FUNC_ERROR, "", *rendezvous, "another real line"]
    assert quiet.without_noise(lines) == ["a real warning", "another real line"]
    # a log line of another status, or a traceback that never ends, is kept
    cut = ["a real warning", *PY_FUNC_ERROR[:-1]]
    assert quiet.without_noise(cut) == [line for line in cut if line.strip()]


# -- tidy text -------------------------------------------------------------------------------


def test_build_paths_become_relative_and_layer_names_numberless() -> None:
    tidy = Tidy(ROOT)
    text = (
        f'File "{ROOT}/katas/01/gan.py", line 3\n'
        'File "/home/u/.venv/lib/python3.11/site-packages/keras/src/losses/loss.py"\n'
        'File "/usr/lib/python3.11/contextlib.py"\n'
        "/tmp/__autograph_generated_filek2j3.py:15 in layer 'dense_55' of 'sequential_3' "
        "{{function_node __inference_train_step_1234}} embedding_2_1/GatherV2"
    )
    tidied = tidy(text)
    assert tidied == (
        'File "katas/01/gan.py", line 3\n'
        'File "keras/src/losses/loss.py"\n'
        'File "contextlib.py"\n'
        "__autograph_generated_file.py:15 in layer 'dense_N' of 'sequential_N' "
        "{{function_node __inference_train_step_N}} embedding_N/GatherV2"
    )
    assert not tidy.leaks(tidied)
    assert tidy.leaks(text)


def test_names_that_only_look_numbered_are_kept() -> None:
    text = "float32 conv2d_transpose_4 up_sampling2d Dense(1) loss_1 dense"
    assert normalise_names(text) == "float32 conv2d_transpose_N up_sampling2d Dense(1) loss_1 dense"


# -- how well a trained GAN draws ------------------------------------------------------------


def test_the_quality_table_shows_each_figure_next_to_a_perfect_generator() -> None:
    from ganerrors import datasets, quality
    from ganerrors.site import trained

    reals, labels = datasets.bars(with_labels=True)
    assert (trained._labels(reals) == labels).all()
    collapsed = quality.measure(reals[:1].repeat(50, 0), reals, labels, k=1)
    table = trained.Assessment(collapsed, quality.reference(reals, labels, fakes=100)).table()
    assert "| classes drawn | 1 of 16 | " in table and "| coverage (real images drawn) |" in table
    assert table.splitlines()[0] == "| | this generator | real images held out |"


def test_a_cached_result_holds_no_path_of_the_checkout_that_measured_it(tmp_path: Path) -> None:
    case = get("two-scores-per-image")
    message = f'File "{tmp_path}/src/ganerrors/cases/output_shape.py", line 36'
    result = measure._relative(
        Result(case, {"eager": Outcome("eager", "ValueError", message)}), tmp_path
    )
    assert result.outcomes["eager"].message == 'File "src/ganerrors/cases/output_shape.py", line 36'


def test_outputs_made_in_another_checkout_are_tidied_too() -> None:
    tidy = Tidy(ROOT, others=("/elsewhere/checkout/",))
    assert tidy('File "/elsewhere/checkout/katas/01/gan.py"') == 'File "katas/01/gan.py"'
