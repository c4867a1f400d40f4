"""Import this before TensorFlow, and TensorFlow starts without its C++ log lines.

    import ganerrors.quiet  # noqa: F401
    import tensorflow as tf

TensorFlow 2.21 prints absl log lines while it is imported and when it first looks for
devices (oneDNN, CUDA drivers, cuInit), before any setting can hide them. The katas' files
import this first, so that `python gan.py` shows the training and not those lines. Errors
are not affected: they are raised, and their messages reach you unchanged. See `_tf`.
"""

from ganerrors._tf import import_tensorflow

import_tensorflow()
