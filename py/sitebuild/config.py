"""One build's settings (``Config``: where it reads and writes, what it may do), and what every step
shares: the error that stops a build, its log line, writing a file."""

from __future__ import annotations

import os
import platform
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .optimisations import effective, known
from .pins import ESBUILD, NpmPackage

ROOT = Path(__file__).resolve().parents[2]  # the checkout: py/sitebuild/ is two levels down


def http_download(url: str, timeout: float = 60) -> bytes:
    """The one way the build reaches the network."""
    request = urllib.request.Request(url, headers={"User-Agent": "nnbasics-build"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def default_cache() -> Path:
    return Path(os.environ.get("NNBASICS_CACHE", ROOT / ".cache"))


def this_machines_esbuild() -> NpmPackage | None:
    return ESBUILD.get((platform.system(), platform.machine()))


@dataclass(frozen=True)
class Config:
    """A build: the checkout it reads (``root``: web/, py/, netlify.toml), where it writes the site
    (``out``), the verified downloads it keeps (``cache``), a Pyodide release to take wheels from,
    the start-up optimisations left out (``off``: names of optimisations.OPTIMISATIONS; "snapshot"
    off: the page never starts from a memory snapshot), the esbuild that bundles the editor (None:
    the plain editor), and how it downloads (tests pass one that refuses)."""

    root: Path = ROOT
    out: Path = ROOT / "dist"
    cache: Path = field(default_factory=default_cache)
    release: Path | None = None
    off: frozenset[str] = frozenset()
    esbuild: NpmPackage | None = field(default_factory=this_machines_esbuild)
    download: Callable[..., bytes] = http_download

    def __post_init__(self) -> None:
        object.__setattr__(self, "off", effective(known(self.off)))  # frozen: set once, here

    @property
    def snapshots(self) -> bool:
        """Whether the page may start from a memory snapshot."""
        return "snapshot" not in self.off

    @property
    def web(self) -> Path:
        return self.root / "web"

    @property
    def py(self) -> Path:
        return self.root / "py"

    @property
    def netlify(self) -> Path:
        return self.root / "netlify.toml"

    @property
    def venv(self) -> Path:
        return self.root / ".venv"

    @property
    def requirements(self) -> Path:
        return self.root / "tests" / "requirements.txt"


class BuildError(Exception):
    """A build step failed; the message says what to do."""


def log(step: str, message: str = "") -> None:
    print(f"[build] {step}{': ' + message if message else ''}", flush=True)


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
