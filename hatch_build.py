"""The wheel's build hook: compile the snapshot of the bundled data into the wheel.

hatchling runs it for every wheel ``python -m build`` makes (and for a wheel built from the
sdist, which ships this file): a fresh interpreter imports the package from ``src`` and runs
``python -m defcoop.loading._compile``, which parses and checks the bundled TOML files as
``defcoop.load()`` does and writes what it read, keyed by a hash of the data files and the
package version, as ``defcoop/data/_snapshot.pickle`` in the wheel (never in the checkout).
Editable installs get none: their data files are the ones being edited (see
docs/architecture.md, "The snapshot of the bundled data").
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SNAPSHOT = "defcoop/data/_snapshot.pickle"


class SnapshotHook(BuildHookInterface):
    """Adds the compiled snapshot of the bundled data to a (non-editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        folder = Path(tempfile.mkdtemp(prefix="defcoop-snapshot-"))
        out = folder / "_snapshot.pickle"
        # src goes first, in front of whatever the build frontend put on the path: pip's
        # isolated build environment reaches its build requirements (attrs, cattrs) through
        # PYTHONPATH, so replacing it would leave the interpreter without them.
        paths = [str(Path(self.root) / "src"), os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
        subprocess.run(
            [sys.executable, "-m", "defcoop.loading._compile", str(out)],
            env=env,
            check=True,
            cwd=folder,
        )
        build_data["force_include"][str(out)] = SNAPSHOT
        self._folder = folder

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
