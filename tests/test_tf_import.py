"""How the package imports TensorFlow: quietly, and without the garbage collector walking
TensorFlow's objects again and again (see `ganerrors._tf`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.tensorflow

SCRIPT = """
import gc, sys
if sys.argv[1] == "disabled":
    gc.disable()
from ganerrors._tf import import_tensorflow
import_tensorflow()
print(gc.isenabled(), gc.get_freeze_count())
"""


@pytest.mark.parametrize("state", ["enabled", "disabled"])
def test_the_import_freezes_tensorflows_objects_and_leaves_the_collector_as_it_was(state):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, state], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    enabled, frozen = done.stdout.split()
    assert enabled == str(state == "enabled")
    assert int(frozen) > 100_000  # TensorFlow and Keras: about 270,000 objects
