"""ganerrors.tidy: log lines out, library frames folded, the statement untouched."""

from __future__ import annotations

from pathlib import Path

import ganerrors.tidy
from ganerrors.tidy import fold_frames, strip_log_lines

LOGGED = (
    "before\n"
    "W0000 00:00:1795677308.966031   16334 local_rendezvous.cc:412] Local rendezvous is "
    "aborting with status: INVALID_ARGUMENT: Incompatible shapes: [16,1] vs. [32,1]\n"
    "\t [[{{node sub}}]]\n"
    "I0000 00:00:1795677308.1   1 cpu_feature_guard.cc:210] This TensorFlow binary is optimized\n"
    "after\n"
    "\t [[{{node kept}}]] after a line that is not a log record\n"
)

MESSAGE = """Graph execution error:

Detected at node sub defined at (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main

  File "/v/lib/python3.11/site-packages/_pytest/config/__init__.py", line 286, in _console_main

  File "/v/lib/python3.11/site-packages/pluggy/_caller.py", line 197, in __call__

  File "/home/me/katas/05/gan.py", line 80, in train_step

  File "/v/lib/python3.11/site-packages/keras/src/losses/loss.py", line 60, in __call__

  File "/home/me/katas/05/gan.py", line 52, in discriminator_loss

Incompatible shapes: [16,1] vs. [32,1]
\t [[{{node sub}}]] [Op:__inference_train_step_15]"""


def test_log_records_and_their_continuation_lines_go_everything_else_stays() -> None:
    assert strip_log_lines(LOGGED) == (
        "before\nafter\n\t [[{{node kept}}]] after a line that is not a log record\n"
    )


def test_text_without_log_lines_is_unchanged() -> None:
    assert strip_log_lines("a\n\tb\nW0000 not a record\n") == "a\n\tb\nW0000 not a record\n"


def test_library_frames_fold_into_one_line_per_run_and_the_learners_frames_stay() -> None:
    folded = fold_frames(MESSAGE)
    assert '  File "/home/me/katas/05/gan.py", line 80, in train_step' in folded
    assert '  File "/home/me/katas/05/gan.py", line 52, in discriminator_loss' in folded
    assert "site-packages" not in folded and "<frozen" not in folded
    assert "  ... 3 frames of Python, pluggy, pytest hidden by ganerrors ..." in folded
    assert "  ... 1 frame of keras hidden by ganerrors ..." in folded


def test_the_statement_of_the_error_is_untouched() -> None:
    folded = fold_frames(MESSAGE)
    assert folded.startswith("Graph execution error:\n\nDetected at node sub defined at")
    assert folded.endswith(MESSAGE[MESSAGE.index("Incompatible shapes") :])


def test_a_message_without_frames_is_unchanged() -> None:
    text = "Arguments `target` and `output` must have the same shape.\n\nmore"
    assert fold_frames(text) == text


#: An error raised while tracing a tf.function: AutoGraph's "in user code" list, each frame
#: followed by its line of source.
IN_USER_CODE = """in user code:

    File "/home/me/katas/01/gan.py", line 95, in train_step  *
        gen_loss = generator_loss(fake_output)
    File "/home/me/katas/01/gan.py", line 76, in generator_loss  *
        return cross_entropy(tf.ones((batch_size, 1)), fake_output)
    File "/v/lib/python3.11/site-packages/keras/src/losses/loss.py", line 67, in __call__  **
        losses = self.call(y_true, y_pred)
    File "/v/lib/python3.11/site-packages/keras/src/losses/losses.py", line 34, in call
        return self.fn(y_true, y_pred, **self._fn_kwargs)
    File "/v/lib/python3.11/site-packages/keras/src/losses/losses.py", line 2415, in bce
        ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits),
    File "/v/lib/python3.11/site-packages/keras/src/ops/nn.py", line 2043, in bce
        return backend.nn.binary_crossentropy(
    File "/v/lib/python3.11/site-packages/keras/src/backend/tensorflow/nn.py", line 1468, in bce
        raise ValueError(

    ValueError: Arguments `target` and `output` must have the same shape. Received: \
target.shape=(64, 1), output.shape=(64, 2)
"""


def test_consecutive_hidden_frames_with_their_source_lines_fold_into_one_marker() -> None:
    assert fold_frames(IN_USER_CODE) == (
        "in user code:\n"
        "\n"
        '    File "/home/me/katas/01/gan.py", line 95, in train_step  *\n'
        "        gen_loss = generator_loss(fake_output)\n"
        '    File "/home/me/katas/01/gan.py", line 76, in generator_loss  *\n'
        "        return cross_entropy(tf.ones((batch_size, 1)), fake_output)\n"
        "    ... 5 frames of keras hidden by ganerrors ...\n"
        "\n"
        "    ValueError: Arguments `target` and `output` must have the same shape. Received: "
        "target.shape=(64, 1), output.shape=(64, 2)\n"
    )


def test_a_hidden_frame_between_kept_ones_adds_no_blank_line_of_its_own() -> None:
    text = (
        '    File "/home/me/gan.py", line 1, in a  *\n'
        "        b()\n"
        '    File "/v/lib/python3.11/site-packages/keras/src/x.py", line 2, in b\n'
        "        c()\n"
        '    File "/home/me/gan.py", line 3, in c  *\n'
        "        raise ValueError('x')\n"
    )
    assert fold_frames(text) == (
        '    File "/home/me/gan.py", line 1, in a  *\n'
        "        b()\n"
        "    ... 1 frame of keras hidden by ganerrors ...\n"
        '    File "/home/me/gan.py", line 3, in c  *\n'
        "        raise ValueError('x')\n"
    )


def test_text_after_the_blank_line_of_a_hidden_frame_stays_however_indented() -> None:
    text = (
        '  File "/v/lib/python3.11/site-packages/keras/src/x.py", line 2, in b\n'
        "\n"
        "      indented statement of the error\n"
    )
    assert fold_frames(text) == (
        "  ... 1 frame of keras hidden by ganerrors ...\n\n      indented statement of the error\n"
    )


def test_ganerrors_own_frames_fold_with_pytests_and_the_learners_and_the_statement_stay() -> None:
    own = Path(ganerrors.tidy.__file__).parent  # an editable install: no site-packages
    message = (
        "Graph execution error:\n\n"
        "Detected at node sub defined at (most recent call last):\n"
        '  File "/v/lib/python3.11/site-packages/_pytest/python.py", line 187, in call\n\n'
        f'  File "{own / "kata" / "__init__.py"}", line 685, in test_a_short_batch_trains\n\n'
        f'  File "{own / "checks.py"}", line 1365, in run_step\n\n'
        '  File "/home/me/katas/05/gan.py", line 108, in train_step\n\n'
        "Incompatible shapes: [5,1] vs. [64,1]\n"
        "\t [[{{node sub}}]] [Op:__inference_train_step_7004]"
    )
    assert fold_frames(message) == (
        "Graph execution error:\n\n"
        "Detected at node sub defined at (most recent call last):\n"
        "  ... 3 frames of ganerrors, pytest hidden by ganerrors ...\n\n"
        '  File "/home/me/katas/05/gan.py", line 108, in train_step\n\n'
        "Incompatible shapes: [5,1] vs. [64,1]\n"
        "\t [[{{node sub}}]] [Op:__inference_train_step_7004]"
    )
