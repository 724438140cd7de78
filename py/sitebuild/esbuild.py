"""The pinned esbuild for this machine (pins.ESBUILD, from its verified npm tarball), and running it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .config import Config, write
from .fetch import fetch_npm, tar_members


def esbuild_binary(config: Config, folder: Path) -> Path | None:
    """The pinned esbuild binary for this machine, written into ``folder``; None where none is pinned."""
    if config.esbuild is None:
        return None
    binary = folder / "esbuild"
    write(binary, tar_members(fetch_npm(config.esbuild, config))["bin/esbuild"])
    binary.chmod(0o755)
    return binary


def run_esbuild(binary: Path, arguments: list[str], cwd: Path) -> str:
    """Run esbuild; what went wrong ("" when nothing did)."""
    try:
        run = subprocess.run(
            [str(binary), *arguments, "--log-level=warning"], cwd=cwd, capture_output=True, text=True, timeout=300
        )
    except (OSError, subprocess.SubprocessError) as error:
        return str(error)
    return run.stderr.strip()[-500:] if run.returncode else ""
