"""The command line of build.py: build, serve, test, bench, first-paint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .assemble import build
from .config import BuildError, Config
from .runner import bench, first_paint, test
from .serve import serve


def main(argv: list[str] | None = None, description: str = "") -> int:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pyodide-release", type=Path, help="a Pyodide release folder or tarball to take wheels from")
    parser.add_argument(
        "--no-snapshot",
        dest="snapshots",
        action="store_false",
        help="build a site that never starts from a memory snapshot (build and serve)",
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build dist/ (the default)")
    serve_parser = commands.add_parser("serve", help="build dist/, then serve it")
    serve_parser.add_argument("--port", type=int, default=8000)
    test_parser = commands.add_parser("test", help="set up and run every test; extra arguments go to pytest")
    test_parser.add_argument("--quick", action="store_true", help="only the tests that need no build and no browser")
    commands.add_parser("bench", help="print the benchmark tables")
    commands.add_parser("first-paint", help="regenerate web/cards/first-paint.json from the bindings")
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in ("test", "bench"):
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    config = Config(release=args.pyodide_release, snapshots=args.snapshots)
    try:
        if args.command == "serve":
            serve(build(config), args.port)
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
