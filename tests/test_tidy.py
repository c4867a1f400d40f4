"""ganerrors.tidy: log lines out, library frames folded, the statement untouched."""

from __future__ import annotations

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
