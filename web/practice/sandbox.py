"""Practice mode's sandbox, inside the practice worker: time and memory limits on the
learner's own lines, captured output, and the guard that puts back (and tells of) what learner
code replaced in NumPy, nnbasics, the standard library and the grader's modules.

These are a second line of defence only; the boundary is the browser's (see the README): the
worker runs in a sandboxed frame of its own, and one that was tampered with is replaced.
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

    def __init__(self, seconds: float):
        super().__init__(f"your code ran for more than {seconds:g} s")
        self.seconds = f"{seconds:g}"


class OverLimit(MemoryError):
    """The learner's code went over the memory limit, or stopped what measures it: ``reason``
    names which (``msg-memory-<reason>`` in practice.json), ``params`` fill it in."""

    def __init__(self, message: str, reason: str, **params):
        super().__init__(message)
        self.reason, self.params = reason, params


class Tampered(BaseException):
    """Learner code changed what the guard keeps, or brought back a hidden module (all put back)."""


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
            raise TimeUp(self.seconds)
        if not tracemalloc.is_tracing():  # the limit is measured by tracemalloc: it stays on
            raise OverLimit("your code stopped tracemalloc, which measures its memory for the limit",
                            "tracemalloc")
        if tracemalloc.get_traced_memory()[0] > self.memory:
            raise OverLimit(f"your code used more than {self.memory // 2**20} MB", "limit",
                            megabytes=self.memory // 2**20)

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


#: Modules learner code cannot import: the page's JavaScript (in Pyodide) and the grader itself.
_HIDDEN = ("js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core",
           "catalogue", "exercises", "sandbox", "wording", "grader", "export")
#: The modules (and their submodules) put back after learner code: what computes and checks
#: the results. Not ``sys`` or ``warnings``, whose state the grader's caller owns.
_GUARDED = {"numpy", "nnbasics", "math", "builtins", "copy", "copyreg", "json", "traceback",
            "linecache", "contextlib", "contextvars", "io", "zlib", "time", "tracemalloc", "functools",
            "operator", "dataclasses",
            "catalogue", "exercises", "sandbox", "wording", "grader"}


def _functions_of(value):
    """The Python functions whose code, defaults or keyword defaults run when ``value`` is used:
    a function (and the one it wraps, as a decorator's wrapper does), a method wrapper's or a
    property's functions, the implementation NumPy's array-function dispatchers (``np.allclose``) call."""
    if type(value) is _FUNCTION:
        yield value
        yield from _functions_of(vars(value).get("__wrapped__"))
    elif isinstance(value, (staticmethod, classmethod)):
        yield from _functions_of(value.__func__)
    elif isinstance(value, property):
        for accessor in (value.fget, value.fset, value.fdel):
            yield from _functions_of(accessor)
    elif hasattr(type(value), "_implementation"):
        yield from _functions_of(value._implementation)


class Guard:
    """Puts back, and tells of, what learner code replaced or deleted in the modules loaded so far.

    For every module imported before any learner code ran (NumPy with all its internals,
    nnbasics, the standard library the grader uses, the grader's own modules): the module's
    attributes, the dictionaries of its Python classes, and the code, defaults and keyword
    defaults of its Python functions -- methods and NumPy's dispatched implementations too.
    The snapshot is immutable (tuples); :data:`SEALED` names what the worker's JavaScript holds
    on to, before any learner code runs, to tell whether this guard itself was tampered with.
    Learner code also runs with ``js``, ``pyodide`` and the grader's modules unimportable.
    """

    __slots__ = ("modules", "saved", "functions", "classes", "recursion_limit")  # no attribute to add

    def __init__(self, owner: dict, attribute: str):
        """Take the snapshot; ``owner[attribute]`` is where the caller keeps this guard."""
        self.modules = tuple((name, module) for name, module in sys.modules.items()
                             if module is not None and name.split(".")[0] in _GUARDED)
        saved, functions, classes = [], {}, []
        seen: set[int] = set()
        for _, module in self.modules:
            try:
                namespace = vars(module)
            except TypeError:
                continue
            items = dict(namespace)
            if namespace is owner:
                items[attribute] = self  # this guard itself, bound just after it is made
            saved.append((getattr(module, "__name__", ""), namespace, tuple(items.items()), frozenset(items)))
            for value in namespace.values():
                if id(value) in seen:
                    continue
                seen.add(id(value))
                members = [value]
                if isinstance(value, type) and not value.__flags__ & _IMMUTABLE_TYPE:
                    classes.append((value, tuple(vars(value).items()), frozenset(vars(value))))
                    members += vars(value).values()
                for member in members:
                    for function in _functions_of(member):
                        functions[id(function)] = (function, function.__code__, function.__defaults__,
                                                   function.__kwdefaults__)
        self.saved, self.functions, self.classes = tuple(saved), tuple(functions.values()), tuple(classes)
        self.recursion_limit = sys.getrecursionlimit()

    def restore(self) -> bool:
        """Put everything back; True when learner code had changed something (beyond adding names)."""
        sys.setrecursionlimit(self.recursion_limit)
        return self._compare(True)

    def intact(self) -> bool:
        """Whether everything is as it was when the snapshot was taken (changes nothing)."""
        return not self._compare(False)

    def _compare(self, fix: bool) -> bool:
        changed = False
        for module_name, namespace, saved, names in self.saved:
            if fix and len(namespace) != len(names):
                for key in [key for key in namespace if key not in names]:
                    # a submodule imported since (numpy.testing) is the genuine one: it stays
                    if namespace[key] is not sys.modules.get(f"{module_name}.{key}", Guard):
                        del namespace[key]
            for key, value in saved:
                if namespace.get(key, Guard) is not value:
                    changed = True
                    if fix:
                        namespace[key] = value
        for function, code, defaults, kwdefaults in self.functions:
            if (function.__code__ is not code or function.__defaults__ is not defaults
                    or function.__kwdefaults__ is not kwdefaults):
                changed = True
                if fix:
                    function.__code__, function.__defaults__, function.__kwdefaults__ = code, defaults, kwdefaults
        for cls, saved, names in self.classes:
            current = vars(cls)
            for key in [key for key in current if key not in names]:
                changed = True
                if fix:
                    with contextlib.suppress(AttributeError, TypeError):
                        delattr(cls, key)
            for key, value in saved:
                if current.get(key, Guard) is not value:
                    changed = True
                    if fix:
                        with contextlib.suppress(AttributeError, TypeError):
                            setattr(cls, key, value)
        for name, module in self.modules:
            if sys.modules.get(name) is not module:
                changed = True
                if fix:
                    sys.modules[name] = module
        return changed

    @contextlib.contextmanager
    def running(self, limits: Limits, also_intact=lambda: True):
        """The block learner code runs in: its limits on, the hidden modules hidden. Afterwards
        everything is put back, and :class:`Tampered` is raised if learner code had changed
        anything, brought back a hidden module, or ``also_intact()`` (the caller's own) is false."""
        try:
            with self.hidden() as breaches, limits.active():
                yield
        finally:
            if self.restore() or breaches or not self.intact() or not also_intact():
                raise Tampered(breaches)

    @contextlib.contextmanager
    def hidden(self):
        """Inside the block, ``import js``, ``import pyodide`` or ``import grader`` fail.

        Yields a list that names, once the block is over, the hidden modules learner code
        brought back (by taking their ``None`` out of ``sys.modules``); sys.modules is put back.
        """
        hidden = {name: module for name, module in sys.modules.items() if name.split(".")[0] in _HIDDEN}
        breaches: list[str] = []
        for name in (*_HIDDEN, *hidden):
            sys.modules[name] = None  # None in sys.modules: the import raises ImportError
        try:
            yield breaches
        finally:
            for name in dict.fromkeys((*_HIDDEN, *hidden)):
                if sys.modules.get(name) is not None:
                    breaches.append(name)
                if name in hidden:
                    sys.modules[name] = hidden[name]
                else:
                    sys.modules.pop(name, None)


#: What the worker's JavaScript seals (worker.js): the methods that check and the snapshot.
SEALED = {"functions": ("restore", "intact", "_compare"), "slots": ("modules", "saved", "functions", "classes")}
_FUNCTION = type(lambda: None)
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: a built-in type, attributes fixed
