"""Keep known noise out of the build log, and let everything else through.

Measuring runs in a subprocess (`python -m ganerrors.site.measure`). Its standard error
carries lines that read like errors and are not: TensorFlow's C++ runtime logs every op error
a case provokes on purpose ("W0000 ... local_rendezvous.cc:412] Local rendezvous is aborting
with status: INVALID_ARGUMENT ..." and the node line after it), and each Jupyter kernel warns
that it talks to its client over local TCP; now and then a kernel that shuts down logs a
traceback of a message it could no longer send. `run` drops exactly those and passes every
other line on unchanged, so a real warning still shows.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

#: Lines that are known noise, each with why it is safe to drop.
NOISE = (
    # TensorFlow's C++ log of an op error that the case raises on purpose, as a Python error.
    re.compile(r"^[WE]\d{4} [\d:.]+\s+\d+ local_rendezvous\.cc:\d+\] Local rendezvous is aborting"),
    # The same, from an op kernel: "OP_REQUIRES failed at sparse_xent_op.cc:103 : INVALID_ARGUMENT".
    re.compile(r"^[WE]\d{4} [\d:.]+\s+\d+ op_kernel\.cc:\d+\] OP_REQUIRES failed at "),
    # The node line that continues it: "\t [[{{node binary_crossentropy/logistic_loss/mul}}]]",
    # or, for a node of a function that another one calls (model.fit's step),
    # "\t [[{{function_node __inference_one_step_on_data_N}}{{node gradient_tape/...}}]]".
    re.compile(r"^\s+\[\[(?:\{\{function_node [^}]*\}\})?\{\{node [^}]*\}\}\]\]\s*$"),
    # tf.data, now and then, when model.fit stops mid-epoch on an error a case raises on
    # purpose: the dataset's background optimisation is cancelled with its iterator.
    re.compile(
        r"^[WE]\d{4} [\d:.]+\s+\d+ root_dataset\.cc:\d+\] Optimization loop failed: CANCELLED"
    ),
    # oneDNN, the first time a float16 op runs on a CPU whose float16 support it does not use
    # (the case of a generator in mixed_float16, on this project's AMD EPYC CI machine): a
    # notice that Eigen's kernel computes instead, logged at ERROR level.
    re.compile(r"^E\d{4} [\d:.]+\s+\d+ util\.cc:\d+\] oneDNN supports DT_HALF only on "),
    # ipykernel, when nbclient starts a kernel over localhost TCP (the default transport).
    re.compile(r"^\[IPKernelApp\] WARNING \| Kernel is running over TCP without encryption"),
    # absl's first-use notice before its logging is initialised.
    re.compile(r"^WARNING: All log messages before absl::InitializeLog\(\) is called"),
)


#: Blocks of lines that are known noise as a whole: (first line, last line). A block is dropped
#: only when both are there, in order; otherwise every line of it passes.
NOISE_BLOCKS = (
    # A Python function inside the graph (`tf.numpy_function` in a case's loader) that raises on
    # purpose: TensorFlow's C++ runtime logs the op's status, which is the Python exception,
    # with its traceback, once from the kernel and once from the rendezvous, before the same
    # error reaches the case as an InvalidArgumentError. Last line: the exception, by name.
    (
        re.compile(
            r"^[WE]\d{4} [\d:.]+\s+\d+ (?:op_kernel|local_rendezvous)\.cc:\d+\] "
            r"(?:Local rendezvous is aborting with status: )?INVALID_ARGUMENT: \w+: "
        ),
        re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Warning): "),
    ),
    # ipykernel at shutdown, a race between its I/O thread and the closing of its sockets
    # (now and then, not every build): tornado logs the traceback of a status message it could
    # no longer send. The notebook has run to its end by then; its outputs are complete.
    (
        re.compile(r"^ERROR:tornado\.general:Uncaught exception in ZMQStream callback$"),
        re.compile(r"^zmq\.error\.ZMQError: Socket operation on non-socket$"),
    ),
)


def is_noise(line: str) -> bool:
    return any(pattern.search(line) for pattern in NOISE)


def without_noise(lines: Sequence[str]) -> list[str]:
    """`lines` without the known noise: single lines (`NOISE`) and whole blocks
    (`NOISE_BLOCKS`), every other line unchanged and in order."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        end = _block_end(lines, index)
        if end is not None:
            index = end + 1
            continue
        if line.strip() and not is_noise(line):
            kept.append(line)
        index += 1
    return kept


def _block_end(lines: Sequence[str], start: int) -> int | None:
    """The index of the last line of a noise block that starts at `start`, if one does."""
    for first, last in NOISE_BLOCKS:
        if first.match(lines[start]):
            for index in range(start + 1, min(len(lines), start + 200)):
                if last.match(lines[index]):
                    return index
    return None


def run(
    command: Sequence[str],
    cwd: Path,
    on_output: Callable[[str], None],
    env: dict[str, str] | None = None,
) -> int:
    """Run `command`; each line of its stdout goes to `on_output`, stderr minus noise to ours.

    Returns the exit status. Standard error goes to a temporary file, read when the command
    ends (a pipe could fill up while we read stdout).
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as errors:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.PIPE, stderr=errors, text=True, env=env
        )
        assert process.stdout is not None
        for line in process.stdout:
            on_output(line.rstrip("\n"))
        status = process.wait()
        errors.seek(0)
        for line in without_noise(errors.read().splitlines()):
            print(line, file=sys.stderr)
    return status
