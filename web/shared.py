"""The facts the page's Python and its JavaScript both use, read from shared.json beside this file
(the JavaScript reads the same file as ``nn.shared``: shared.js, which the build fills in).

>>> HOME
'/home/pyodide'
>>> CHECKS[0], FAILURES[0]
('runs', 'time')
>>> PLACEHOLDER.findall("{count:one/many} of {name}")
[('count', 'one', 'many'), ('name', '', '')]
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: shared.json as it is: Pyodide's home folder, the browser storage keys, the grader's checks and
#: failures, the outcomes only the page decides, the patterns of the words' templates.
SHARED: dict = json.loads(Path(__file__).with_name("shared.json").read_text("utf-8"))

#: Pyodide's home folder, where the page's and the runner's Python files are placed.
HOME: str = SHARED["home"]
#: What the grader checks of each case, in order: the first that fails is the case's verdict.
CHECKS: tuple[str, ...] = tuple(SHARED["checks"])
#: How a whole check can fail before its cases are judged.
FAILURES: tuple[str, ...] = tuple(SHARED["failures"])
#: A template's placeholder: ``{name}``, or ``{name:one/many}`` (the word for 1, else for more).
PLACEHOLDER: re.Pattern = re.compile(SHARED["templates"]["placeholder"])
#: Inline markup in the words: `code`, **strong**, or <code>, <em>, <strong> elements.
MARKUP: re.Pattern = re.compile(SHARED["templates"]["markup"])
