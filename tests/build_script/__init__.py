"""The build tests (a package, so that its conftest.py is build_script.conftest beside tests/conftest.py)."""
