"""Practice mode's sandbox, inside the practice worker: time and memory limits on the
learner's own lines, captured output, and the guard that puts back what learner code
replaced in NumPy, nnbasics, the standard library and the grader's modules.

These are a second line of defence only; the boundary is the browser's (see the README).
"""
from __future__ import annotations

import contextlib
import io
import sys
import time
import tracemalloc

from wording import FILENAME, MAX_OUTPUT

class TimeUp(BaseException):
    """The learner's code used up the check's time (a BaseException: `except Exception` misses it)."""


class Limits:
    """A trace function on the learner's own frames that enforces time and memory limits."""

    def __init__(self, seconds: float, memory: int):
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.memory = memory

    def expired(self) -> bool:
        return time.monotonic() > self.deadline

    def check(self):
        if time.monotonic() > self.deadline:
            raise TimeUp(f"your code ran for more than {self.seconds:g} s")
        if tracemalloc.is_tracing():
            if tracemalloc.get_traced_memory()[0] > self.memory:
                raise MemoryError(f"your code used more than {self.memory // 2**20} MB")

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != FILENAME:
            return None  # NumPy's and the standard library's frames run untraced
        self.check()
        return self._local

    def _local(self, frame, event, arg):
        if event in ("line", "return"):
            self.check()
        return self._local

    @contextlib.contextmanager
    def active(self):
        """Trace the learner's frames (and measure memory) inside the block."""
        previous = sys.gettrace()
        tracing = not tracemalloc.is_tracing()
        if tracing:
            tracemalloc.start()
        sys.settrace(self._global)
        try:
            yield
        finally:
            sys.settrace(previous)
            if tracing:
                tracemalloc.stop()


class Output(io.TextIOBase):
    """Collects what print() writes, up to a limit (an endless print loop cannot fill memory)."""

    def __init__(self, limit: int = MAX_OUTPUT):
        self.parts: list[str] = []
        self.size = 0
        self.dropped = 0
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def getvalue(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += f"\n… ({self.dropped} more characters not shown)"
        return text


@contextlib.contextmanager
def captured(output: Output):
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        yield


_HIDDEN = ("js", "pyodide", "pyodide_js", "_pyodide")  # the page's JavaScript, in Pyodide
#: The modules (and their submodules) put back after learner code: what computes and checks
#: the results. Not ``sys`` or ``warnings``, whose state the grader's caller owns.
_GUARDED = {"numpy", "nnbasics", "math", "builtins", "copy", "copyreg", "json", "traceback",
            "linecache", "contextlib", "contextvars", "io", "zlib", "time", "tracemalloc", "functools",
            "operator", "dataclasses",
            "catalogue", "exercises", "sandbox", "wording", "grader"}


class Guard:
    """Puts back what learner code may have replaced or deleted in the modules loaded so far.

    For every module imported before any learner code ran (NumPy with all its internals,
    nnbasics, the standard library the grader uses): the module's attributes, and for its
    Python functions and classes their code, defaults and class attributes. Learner code
    also runs with ``js`` and ``pyodide`` unimportable, so it cannot post to the page.
    """

    def __init__(self, owner: dict, attribute: str):
        """Take the snapshot; ``owner[attribute]`` is where the caller keeps this guard."""
        self.modules = {name: module for name, module in sys.modules.items()
                        if module is not None and name.split(".")[0] in _GUARDED}
        self.saved = []
        self.functions = []
        self.classes = []
        seen: set[int] = set()
        for module in self.modules.values():
            try:
                namespace = vars(module)
            except TypeError:
                continue
            saved = dict(namespace)
            if namespace is owner:
                saved[attribute] = self  # this guard itself, bound just after it is made
            self.saved.append((getattr(module, "__name__", ""), namespace, saved))
            for value in namespace.values():
                if id(value) in seen:
                    continue
                seen.add(id(value))
                if type(value) is _FUNCTION:
                    self.functions.append((value, value.__code__, value.__defaults__, value.__kwdefaults__))
                elif isinstance(value, type) and not value.__flags__ & _IMMUTABLE_TYPE:
                    self.classes.append((value, dict(vars(value))))
        self.recursion_limit = sys.getrecursionlimit()

    def restore(self):
        for module_name, namespace, saved in self.saved:
            if len(namespace) != len(saved):
                for key in [key for key in namespace if key not in saved]:
                    # a submodule imported since (numpy.testing) is the genuine one: it stays
                    if namespace[key] is not sys.modules.get(f"{module_name}.{key}", Guard):
                        del namespace[key]
            for key, value in saved.items():
                if namespace.get(key, Guard) is not value:
                    namespace[key] = value
        for function, code, defaults, kwdefaults in self.functions:
            if function.__code__ is not code:
                function.__code__ = code
            if function.__defaults__ is not defaults:
                function.__defaults__ = defaults
            if function.__kwdefaults__ is not kwdefaults:
                function.__kwdefaults__ = kwdefaults
        for cls, saved in self.classes:
            current = vars(cls)
            if len(current) != len(saved):
                for key in [key for key in current if key not in saved]:
                    with contextlib.suppress(AttributeError, TypeError):
                        delattr(cls, key)
            for key, value in saved.items():
                if current.get(key, Guard) is not value:
                    with contextlib.suppress(AttributeError, TypeError):
                        setattr(cls, key, value)
        for name, module in self.modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
        sys.setrecursionlimit(self.recursion_limit)

    @contextlib.contextmanager
    def hidden(self):
        """Inside the block, ``import js`` / ``import pyodide`` fail (sys.modules put back after)."""
        hidden = {name: module for name, module in sys.modules.items() if name.split(".")[0] in _HIDDEN}
        for name in (*_HIDDEN, *hidden):
            sys.modules[name] = None  # None in sys.modules: the import raises ImportError
        try:
            yield
        finally:
            for name in (*_HIDDEN, *hidden):
                if name in hidden:
                    sys.modules[name] = hidden[name]
                else:
                    sys.modules.pop(name, None)


_FUNCTION = type(lambda: None)
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: a built-in type, attributes fixed