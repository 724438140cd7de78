"""The site's build, one module per step (see py/README.md): pins, fetch (and verify), trim,
bytecode, editor, page, offline, assemble; then serve, and the runner of tests and benchmarks.
Every step takes one ``Config``."""
