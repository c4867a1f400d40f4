"""Wheel build hook: ship the course as committed, with a manifest of its files' hashes.

The logic lives in `ganerrors.workshop.shipped.build_plan` (typed, tested, and read back by
`ganerrors init` and `doctor`); this file only hands its plan to hatchling. A wheel gets
ganerrors/_course/katas/... (each registered kata's files), ganerrors/_course/solutions/NN/gan.py
and ganerrors/_course/manifest.json. A tree whose course files differ from git HEAD does not
build, unless GANERRORS_ALLOW_MODIFIED_KATAS=1, which builds it with a loud warning.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CourseBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the course from the clone (git HEAD)
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from ganerrors.workshop import shipped
        finally:
            sys.path.pop(0)
        try:
            plan = shipped.build_plan(Path(self.root))
        except shipped.BuildRefused as exc:
            raise SystemExit(f"ganerrors wheel build refused: {exc}") from None
        for warning in plan.warnings:
            self.app.display_warning(warning)
        target = f"ganerrors/{shipped.PACKAGE_FOLDER}"
        for path, source in plan.sources.items():
            build_data["force_include"][str(source)] = f"{target}/{path}"
        self._tmp = tempfile.mkdtemp(prefix="ganerrors-build-")
        manifest = Path(self._tmp) / shipped.MANIFEST
        manifest.write_text(json.dumps(plan.manifest, indent=2) + "\n", encoding="utf-8")
        build_data["force_include"][str(manifest)] = f"{target}/{shipped.MANIFEST}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
