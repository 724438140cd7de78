"""Running the tests, the benchmarks and the first-paint regeneration in the pinned test venv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .assemble import build
from .config import BuildError, Config, log
from .fetch import sha256_hex


def venv_python(config: Config) -> Path:
    """A virtual environment with the pinned test dependencies (made once, reused)."""
    venv, requirements = config.venv, config.requirements
    python = venv / "bin" / "python"
    stamp = venv / ".requirements.sha256"
    wanted = sha256_hex(requirements.read_bytes())
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    log("test", f"setting up {venv} with {requirements.relative_to(config.root)}")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(requirements)],
        check=True,
    )
    stamp.write_text(wanted)
    return python


def find_chromium(python: Path) -> str:
    """Debian's Chromium, else Playwright's own (downloaded if possible), else say what to do."""
    for candidate in (os.environ.get("NNBASICS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    log("test", "no system Chromium; trying Playwright's own download")
    installed = subprocess.run([str(python), "-m", "playwright", "install", "chromium"])
    if installed.returncode == 0:
        return ""  # empty: Playwright uses its own browser
    raise BuildError(
        "no Chromium for the end-to-end tests. Install Debian's: sudo apt-get install chromium "
        "(or set NNBASICS_CHROMIUM to a Chromium binary)."
    )


def prepared_environment(config: Config) -> tuple[Path, dict[str, str]]:
    """The test venv's Python and the environment that points it at a browser and a fresh dist/."""
    python = venv_python(config)
    chromium = find_chromium(python)
    build(config)
    return python, {**os.environ, "NNBASICS_CHROMIUM": chromium, "NNBASICS_DIST": str(config.out)}


QUICK = ["-m", "not e2e and not build"]  # the tiers: markers registered in pyproject.toml
LINT = (["check"], ["format", "--check"])  # ruff, as pyproject.toml configures it, over py/ web/ tests/ build.py


def lint(config: Config, python: Path) -> int:
    """``ruff check`` and ``ruff format --check``: 0 when both are clean."""
    for command in LINT:
        log("lint", "ruff " + " ".join(command))
        run = subprocess.run([str(python), "-m", "ruff", *command, "--quiet"], cwd=config.root)
        if run.returncode:
            return run.returncode
    return 0


def test(config: Config, pytest_args: list[str], quick: bool = False) -> int:
    """The linter, then every test; with no arguments, also line coverage of nnbasics (pyproject sets
    the bar). ``quick``: only the tests that need neither a build nor a browser (no Chromium looked for)."""
    if quick:
        python, env = venv_python(config), {**os.environ, "NNBASICS_QUICK": "1"}
        pytest_args = [*QUICK, *pytest_args]
    else:
        python, env = prepared_environment(config)
        if not pytest_args:
            pytest_args = ["--cov=nnbasics", "--cov-report=term-missing"]
    linted = lint(config, python)
    if linted:
        return linted
    log("test", "pytest " + " ".join(pytest_args))
    return subprocess.run([str(python), "-m", "pytest", *pytest_args], cwd=config.root, env=env).returncode


def first_paint(config: Config, python: Path | None = None) -> int:
    """Write web/cards/first-paint.json: every card's example result, from the bindings themselves
    (run natively by ``python``, the test environment's by default), for the page to show before
    Python has loaded."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(path) for path in (config.root, config.py))}
    command = [str(python or venv_python(config)), "-m", "web.cards.first_paint"]
    return subprocess.run(command, cwd=config.root, env=env).returncode


def bench(config: Config, bench_args: list[str]) -> int:
    """The package against bare NumPy, the site in Chromium against its references, then each start-up
    optimisation on and off; ``--optimisations`` only that, ``--lighthouse`` only Lighthouse's audit of
    the site (where Node.js is present), both: both.

    Extra arguments go to tests/bench_site.py, tests/bench_optimisations.py and tests/bench_lighthouse.py
    (e.g. ``--runs 3``).
    """
    python, env = prepared_environment(config)
    scripts = [("bench_native.py", []), ("bench_site.py", bench_args), ("bench_optimisations.py", bench_args)]
    only = [name for name in ("optimisations", "lighthouse") if f"--{name}" in bench_args]
    if only:
        rest = [arg for arg in bench_args if arg.removeprefix("--") not in only]
        scripts = [(f"bench_{name}.py", rest) for name in only]
    for script, args in scripts:
        log("bench", script)
        run = subprocess.run([str(python), str(config.root / "tests" / script), *args], cwd=config.root, env=env)
        if run.returncode:
            return run.returncode
    return 0
