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

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType


def import_tensorflow(discover_devices: bool = True) -> ModuleType:
    """Return the `tensorflow` module, importing it quietly the first time.

    `discover_devices=False` leaves device discovery (and CUDA's initialisation) to the first
    operation: `ganerrors watch`'s fork server imports TensorFlow that way, so that each
    check it forks initialises its own runtime (see :func:`discover_devices`).
    """
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    with _stderr_to_devnull(), _collector_paused():
        import tensorflow as tf
        from tensorflow import keras  # noqa: F401  (Keras 3 logs on first import too)

        if discover_devices:
            tf.config.list_physical_devices()  # device discovery logs (cuInit) happen here
    return tf


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the import, then freeze what it made.

    Importing TensorFlow and Keras creates about 270,000 objects that live as long as the
    process (modules, classes, functions). The collector walks them all several times while
    they are being created (five full collections, about 0.3 s on a 2-core machine), and
    again at every full collection afterwards (one during a kata's checks: 0.15 s), without
    finding garbage among them. `gc.freeze()` moves every object alive at that moment out of
    the collector's sight for good; collection of everything made later goes on as before.
    The one cost: a reference cycle that existed before the import and is dropped later
    (none of ours) is no longer freed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def discover_devices() -> None:
    """Look for devices now, quietly (after `import_tensorflow(discover_devices=False)`)."""
    tf = import_tensorflow()
    with _stderr_to_devnull():
        tf.config.list_physical_devices()


@contextmanager
def _stderr_to_devnull() -> Iterator[None]:
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no fd 2 (some embedded interpreters): nothing to keep quiet
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
