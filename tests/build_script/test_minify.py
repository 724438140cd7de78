"""The page's own scripts and stylesheets ship minified by the pinned esbuild, each with a source
map that holds its original text; the practice frame's script, whose hash the CSP names, and every
vendored file are shipped as they are; no source map is precached."""

from __future__ import annotations

import json
import re

import pytest

from sitebuild.assemble import build
from sitebuild.config import ROOT
from sitebuild.minify import NOT_MINIFIED, minifiable

pytestmark = pytest.mark.build
WEB = ROOT / "web"


@pytest.fixture(scope="module")
def out(tmp_path_factory, warm_cache):
    from sitebuild.config import Config

    return build(Config(out=tmp_path_factory.mktemp("minify") / "dist", cache=warm_cache))


def own_files():
    return sorted(
        path.relative_to(WEB).as_posix()
        for path in WEB.rglob("*")
        if path.is_file() and minifiable(path.relative_to(WEB).as_posix())
    )


def shipped_as(out, relative):
    return out / {"offline/sw.js": "sw.js"}.get(relative, relative)


def test_every_script_and_stylesheet_of_the_page_ships_minified_with_its_source_map(out):
    shipped = [name for name in own_files() if shipped_as(out, name).exists()]
    assert len(shipped) >= 30, shipped
    for name in shipped:
        file = shipped_as(out, name)
        text = file.read_text("utf-8")
        comment = "/*# sourceMappingURL=%s.map */" if name.endswith(".css") else "//# sourceMappingURL=%s.map"
        assert text.rstrip().endswith(comment % file.name), name
        source_map = json.loads(file.with_name(file.name + ".map").read_text("utf-8"))
        assert source_map["version"] == 3 and source_map["mappings"]
        assert source_map["sourceRoot"] == "/web/" and source_map["sources"] == [name]
        assert len(text) < 0.9 * len(source_map["sourcesContent"][0]), name  # comments and spaces gone
        original = (WEB / name).read_text("utf-8")
        if "__" not in original:  # no placeholder of the build's: the very text of web/
            assert source_map["sourcesContent"] == [original], name


def test_the_practice_frames_script_and_the_vendored_files_ship_as_they_are(out):
    for name in NOT_MINIFIED:
        assert (out / name).read_bytes() == (WEB / name).read_bytes()
        assert not (out / (name + ".map")).exists()
    maps = {path.relative_to(out).as_posix() for path in out.rglob("*.map")}
    assert not [name for name in maps if name.startswith("vendor/")]
    assert len(maps) == len([name for name in own_files() if shipped_as(out, name).exists()])


def test_no_source_map_is_precached(out):
    sw = (out / "sw.js").read_text("utf-8")
    precached = re.findall(r'"\./[^"]*"', sw)
    assert len(precached) > 50
    assert not [name for name in precached if name.endswith('.map"')]
