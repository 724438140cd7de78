"""The start-up optimisations' switch (py/sitebuild/optimisations.py, Config.off, build.py --off),
without a build: the names are the ones the site's scripts know, and the command line parses them.
(A build with them off: tests/build_script/test_build.py.)"""

from __future__ import annotations

import argparse
import re

import pytest

from sitebuild.cli import main, off_names
from sitebuild.config import ROOT, Config
from sitebuild.optimisations import FILES, NAMES, NEEDS_SNAPSHOT, OPTIMISATIONS, PLACEHOLDER

BUILD_ONLY = {"stdlib-bytecode", "preloads"}  # left out by the build alone: no script asks about them


def test_each_optimisation_has_one_name_and_a_one_line_description():
    assert len(set(NAMES)) == len(NAMES) == len(OPTIMISATIONS)
    for name, description in OPTIMISATIONS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name) and description and "\n" not in description
    assert NEEDS_SNAPSHOT | set(FILES) <= set(NAMES)
    for paths in FILES.values():
        for path in paths:
            assert (ROOT / "web" / path).is_file(), path


def test_the_sites_scripts_ask_about_known_optimisations_only_and_about_each_they_switch():
    asked = set()
    for path in (ROOT / "web" / "start").glob("*.*js"):
        text = path.read_text()
        found = set(re.findall(r'\b(?:OFF|off)\.has\("([^"]+)"\)', text))
        assert not found or PLACEHOLDER in text, f"{path.name} asks without the build's placeholder"
        asked |= found
    assert asked <= set(NAMES)
    assert asked == set(NAMES) - BUILD_ONLY


def test_the_command_line_parses_the_names_and_refuses_others(capsys):
    assert off_names("preloads") == {"preloads"}
    assert off_names(" preloads, stdlib-bytecode ") == {"preloads", "stdlib-bytecode"}
    with pytest.raises(argparse.ArgumentTypeError, match="no start-up optimisation bogus"):
        off_names("preloads,bogus")
    with pytest.raises(SystemExit):
        main(["--off", "bogus", "build"])
    assert "there are: " + ", ".join(NAMES) in capsys.readouterr().err


def test_config_off_knows_the_names_and_what_the_snapshot_takes_with_it():
    assert Config().off == frozenset() and Config().snapshots
    assert Config(off=frozenset({"preloads"})).off == {"preloads"}
    without_snapshot = Config(off=frozenset({"snapshot"}))
    assert not without_snapshot.snapshots and without_snapshot.off == {"snapshot"} | NEEDS_SNAPSHOT
    with pytest.raises(ValueError, match="no start-up optimisation"):
        Config(off=frozenset({"bogus"}))
