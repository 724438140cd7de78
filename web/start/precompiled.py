"""Modules compiled ahead, held in the page's memory snapshot (start/snapshot-worker.js installs this).

PyScript writes its own Python package into the file system as its start-up begins and then imports
it; a memory snapshot cannot hold those modules imported (they bind the page's window), but it can
hold them compiled. :func:`install` compiles every ``.py`` file under a folder and puts a finder
first on ``sys.meta_path`` that, for those modules, executes the code compiled ahead -- only while
the file on disk is byte for byte the source it was compiled from; any other file is compiled
anew, as Python's own import does. Nothing else changes: the module, its ``__file__``, its package
and ``__path__`` are what the normal import makes.

>>> import pathlib, sys, tempfile
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> (home / "ahead").mkdir()
>>> _ = (home / "ahead" / "__init__.py").write_text("from ahead.part import word\\n")
>>> _ = (home / "ahead" / "part.py").write_text("word = 'compiled ahead'\\n")
>>> finder = install(home, "ahead")
>>> sorted(finder.compiled)
['ahead', 'ahead.part']
>>> sys.path.insert(0, str(home))
>>> import ahead
>>> ahead.word, ahead.__spec__.loader is finder, ahead.part.__file__ == str(home / "ahead" / "part.py")
('compiled ahead', True, True)
>>> sys.meta_path.remove(finder); sys.path.remove(str(home))
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import pathlib
import sys


class CompiledAhead(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds and loads the modules of :attr:`compiled`: ``{name: (path, source bytes, code)}``."""

    def __init__(self, compiled: dict[str, tuple[str, bytes, object]]):
        self.compiled = compiled

    def find_spec(self, fullname, path=None, target=None):
        entry = self.compiled.get(fullname)
        if entry is None:
            return None
        file, source, _ = entry
        try:
            if pathlib.Path(file).read_bytes() != source:
                return None  # another source now: the normal import compiles it
        except OSError:
            return None
        package = [str(pathlib.Path(file).parent)] if file.endswith("__init__.py") else None
        return importlib.util.spec_from_file_location(fullname, file, loader=self, submodule_search_locations=package)

    def create_module(self, spec):
        return None  # the default module

    def exec_module(self, module):
        exec(self.compiled[module.__spec__.name][2], module.__dict__)


def install(home: pathlib.Path | str, package: str) -> CompiledAhead:
    """Compile every module of ``package`` (a folder in ``home``) and put their finder first."""
    root = pathlib.Path(home)
    compiled = {}
    for file in sorted((root / package).rglob("*.py")):
        parts = file.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        source = file.read_bytes()
        compiled[name] = (str(file), source, compile(source, str(file), "exec", dont_inherit=True))
    finder = CompiledAhead(compiled)
    sys.meta_path.insert(0, finder)
    return finder
