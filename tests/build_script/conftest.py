"""The build tests' fixtures: a verified cache filled once per session, a private copy of it to
tamper with, and a build Config from that copy with the network off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild.assemble import build
from sitebuild.config import Config


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """A cache filled by one real build (network on first use, the shared cache after)."""
    config = Config(out=tmp_path_factory.mktemp("warm") / "dist")
    build(config)
    return config.cache


@pytest.fixture
def cache(tmp_path, warm_cache) -> Path:
    """A private copy of the verified cache, so tests can tamper with it (without the big PyPI
    mirror wheel: offline, the wheels have no source but this cache)."""
    private = tmp_path / "cache"
    shutil.copytree(warm_cache, private, ignore=shutil.ignore_patterns("pypi"))
    return private


def refuse(url: str, timeout: float = 60) -> bytes:
    raise OSError(f"network is off ({url})")


@pytest.fixture
def offline(tmp_path, cache) -> Config:
    """A build into tmp_path/dist from the private cache, with no network: every download fails
    as it would with the cable pulled."""
    return Config(out=tmp_path / "dist", cache=cache, download=refuse)
