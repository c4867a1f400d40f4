"""Import TensorFlow without its C++ log noise.

TensorFlow 2.21 prints absl log lines (oneDNN, CUDA drivers, cuInit) to file descriptor 2
while it is imported and when it first looks for devices; TF_CPP_MIN_LOG_LEVEL does not
reach the ones written before absl is initialised. Learners should see only real errors, so
the first import happens with fd 2 pointed at /dev/null. Python-level errors are not
affected: they are raised, not logged.

No environment variable is set: TF_CPP_MIN_LOG_LEVEL would also hide the C++ errors logged
later, and TF_ENABLE_ONEDNN_OPTS=0 would change the user's numerics and speed.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType


def import_tensorflow() -> ModuleType:
    """Return the `tensorflow` module, importing it quietly the first time."""
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no fd 2 (some embedded interpreters): import as usual
        import tensorflow

        return tensorflow
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import tensorflow as tf
        from tensorflow import keras  # noqa: F401  (Keras 3 logs on first import too)

        tf.config.list_physical_devices()  # device discovery logs (cuInit) happen here
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
    return tf
