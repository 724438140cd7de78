"""The site's start-up optimisations, each of which a build can leave out (``Config.off``, ``build.py
--off NAME``): their names, what each does, and what a build without it does not ship."""

from __future__ import annotations

# Each name with what it does. A build with a name in Config.off leaves that out: its files are not
# shipped and the site's own scripts, told through their ["__OFF__"] placeholder, never take its path.
# `python3 build.py bench --optimisations` measures each (web/README.md, "Start-up optimisations, measured").
OPTIMISATIONS = (
    ("snapshot", "a warm start restores Python from a memory snapshot made in the background"),
    ("stdlib-bytecode", "the standard library's start-up modules ship compiled to bytecode"),
    ("numpy-files", "NumPy's files are kept unpacked for a restore (no unzipping)"),
    ("preloads", "the page preloads the modules its modules import"),
)
NAMES = tuple(name for name, _ in OPTIMISATIONS)
# What the others need: without a snapshot there are no files to keep unpacked.
NEEDS_SNAPSHOT = frozenset({"numpy-files"})
# The files of web/ that only an optimisation uses: not shipped without it.
FILES = {
    "snapshot": ("start/snapshot-worker.js",),
}
PLACEHOLDER = '["__OFF__"]'  # in the site's scripts: the JSON list of what is off


def effective(off: frozenset[str]) -> frozenset[str]:
    """``off`` with what it implies: without the snapshot, everything that needs it is off too."""
    return off | NEEDS_SNAPSHOT if "snapshot" in off else off


def unshipped(off: frozenset[str]) -> set[str]:
    """The files of web/ (their paths there) that a build with ``off`` does not ship."""
    return {path for name in effective(off) for path in FILES.get(name, ())}


def known(names) -> frozenset[str]:
    """``names`` as a set, each the name of an optimisation; else a ValueError that lists them."""
    names = frozenset(names)
    unknown = sorted(names - set(NAMES))
    if unknown:
        raise ValueError(f"no start-up optimisation {', '.join(unknown)} (there are: {', '.join(NAMES)})")
    return names


def parse(text: str) -> frozenset[str]:
    """``--off``'s value, ``NAME[,NAME]``, as a set of known names."""
    return known(name.strip() for name in text.split(",") if name.strip())
