"""Practice mode's limits on learner code, inside the learner's interpreter: a time and a memory
limit traced on every frame that is not the standard library's or NumPy's, captured output, and an
error as Python shows it, trimmed to the learner's own lines.

These limits only make a check end early with a precise message. They are not what keeps the
grade honest: each check runs in a fresh interpreter that holds no expected value, and the page,
which compares, ends any check that outlives its hard limit (see PROTOCOL.md).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
import traceback
import tracemalloc

import numpy as np

FILENAME = "<your code>"  # the name the learner's code is compiled under
MAX_TEXT = 3000  # characters of one shown value
MAX_OUTPUT = 6000  # characters of captured print output per run

#: Where the code that runs untraced lives: the standard library and NumPy (not this folder's modules).
_LIBRARIES = (os.path.dirname(os.__file__) + os.sep, os.path.dirname(np.__file__) + os.sep, "<frozen ")


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[:limit] + f"\n… ({len(text) - limit} more characters)"


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


def _traced(code) -> bool:
    """Whether a frame's code is traced: anything but the standard library's and NumPy's (the
    learner's own, and code it compiled under any other name)."""
    filename = code.co_filename
    return not (type(filename) is str and filename.startswith(_LIBRARIES))


class Limits:
    """A trace function on every traced frame that enforces the time and memory limits."""

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
            raise OverLimit("your code stopped tracemalloc, which measures its memory for the limit", "tracemalloc")
        if tracemalloc.get_traced_memory()[0] > self.memory:
            raise OverLimit(
                f"your code used more than {self.memory // 2**20} MB", "limit", megabytes=self.memory // 2**20
            )

    def _global(self, frame, event, arg):
        if not _traced(frame.f_code):
            return None  # NumPy's and the standard library's frames run untraced
        self.check()
        return self._local

    def _local(self, frame, event, arg):
        if event in ("line", "return", "exception"):
            self.check()
        return self._local

    @contextlib.contextmanager
    def active(self):
        """Trace every traced frame (and measure memory) inside the block."""
        previous = sys.gettrace()
        tracing = not tracemalloc.is_tracing()
        if tracing:
            tracemalloc.start()
        sys.settrace(self._global)
        try:
            self.check()
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
        text = str.__str__(text) if isinstance(text, str) else "<not a str>"
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


def format_traceback(error: BaseException) -> str:
    """The error as Python shows it, with only the learner's own lines in the stack.

    The grader's own time limit (:class:`TimeUp`) is not Python's: its stack only, which the page
    labels as where the code stopped. Formatting runs the error's ``__str__``: call it inside the limits.
    """
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == FILENAME]
    lines = []
    if frames:
        lines.append("Traceback (most recent call last):\n")
        lines += traceback.StackSummary.from_list(frames).format()
    if not isinstance(error, TimeUp):
        lines += traceback.format_exception_only(type(error), error)
    return clip("".join(lines).rstrip("\n"), MAX_OUTPUT)


def one_line(error: BaseException) -> str:
    """The error's last line as Python prints it (``ValueError: ...``); runs its ``__str__``."""
    text = traceback.format_exception_only(type(error), error)[-1].strip()
    return clip(text, 500)
