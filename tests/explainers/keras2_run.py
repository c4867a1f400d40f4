"""Run every raising case of the catalogue on Keras 2 and write what each raised, as JSON.

Run by tests/explainers/test_keras2.py in a subprocess, with TF_USE_LEGACY_KERAS=1 so that
`tf.keras` is tf_keras (Keras 2) instead of Keras 3: the errors of the TensorFlow 2 + Keras 2
era, raised by the same bugs. The explanations of the exception objects are made here, where
the objects (and their tracebacks) are; the parent explains the pasted text itself.

    TF_USE_LEGACY_KERAS=1 python tests/explainers/keras2_run.py out.json
"""

from __future__ import annotations

import json
import sys


def main(path: str) -> None:
    from ganerrors._tf import import_tensorflow

    keras = import_tensorflow().keras
    if not keras.__name__.startswith("tf_keras"):
        raise SystemExit(f"tf.keras is {keras.__name__}, not tf_keras: set TF_USE_LEGACY_KERAS=1")
    import tf_keras

    version = tf_keras.__version__

    from ganerrors.cases import CASES
    from ganerrors.cases.run import _prepare, images
    from ganerrors.explainers import explain

    records = []
    for case in CASES:
        for mode in case.claims:
            batch = images()
            raised: BaseException | None = None
            try:
                step = _prepare(case, mode)
                for size in case.batches:
                    step(batch[:size])
            except Exception as exc:  # the point: record whatever Keras 2 raises
                raised = exc
            record: dict[str, object] = {"case": case.id, "mode": mode, "raised": None}
            if raised is not None:
                diagnosis = explain(raised)
                record.update(
                    raised=type(raised).__name__,
                    message=str(raised),
                    category=diagnosis.category if diagnosis else None,
                    confidence=diagnosis.reader_confidence if diagnosis else None,
                )
            records.append(record)
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"keras": version, "records": records}, out)


if __name__ == "__main__":
    main(sys.argv[1])
