"""The command line of build.py: build, serve, test, bench, first-paint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .assemble import build
from .config import BuildError, Config
from .optimisations import NAMES, parse
from .runner import bench, first_paint, test
from .serve import serve


def off_names(text: str) -> frozenset[str]:
    """``--off NAME[,NAME]``: the optimisations named, or argparse's error listing them."""
    try:
        return parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def main(argv: list[str] | None = None, description: str = "") -> int:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pyodide-release", type=Path, help="a Pyodide release folder or tarball to take wheels from")
    parser.add_argument(
        "--off",
        type=off_names,
        default=frozenset(),
        metavar="NAME[,NAME]",
        help=f"build without these start-up optimisations (build and serve): {', '.join(NAMES)}",
    )
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="build a site that never starts from a memory snapshot (--off snapshot)",
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build dist/ (the default)")
    serve_parser = commands.add_parser("serve", help="build dist/, then serve it")
    serve_parser.add_argument("--port", type=int, default=8000)
    test_parser = commands.add_parser("test", help="set up and run every test; extra arguments go to pytest")
    test_parser.add_argument("--quick", action="store_true", help="only the tests that need no build and no browser")
    commands.add_parser(
        "bench",
        help="print the benchmark tables (--runs N; --optimisations: only each start-up optimisation on and off; "
        "--lighthouse: only Lighthouse's audit)",
    )
    commands.add_parser("first-paint", help="regenerate web/cards/first-paint.json from the bindings")
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in ("test", "bench"):
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    off = args.off | ({"snapshot"} if args.no_snapshot else set())
    config = Config(release=args.pyodide_release, off=frozenset(off))
    try:
        if args.command == "serve":
            serve(build(config), args.port, config)
        elif args.command == "test":
            return test(config, extra, quick=args.quick)
        elif args.command == "bench":
            return bench(config, extra)
        elif args.command == "first-paint":
            return first_paint(config)
        else:
            build(config)
    except BuildError as error:
        print(f"[build] FAILED: {error}", file=sys.stderr)
        return 1
    return 0
