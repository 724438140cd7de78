"""web/start/precompiled.py: modules compiled ahead (as the page's memory snapshot holds PyScript's)
run exactly as a normal import would run them, and only while their source is unchanged."""

from __future__ import annotations

import importlib
import sys

import pytest

from web.start import precompiled

PACKAGE = {
    "__init__.py": "from ahead.part import twice\nTITLE = 'ahead'\n",
    "part.py": "def twice(x):\n    return 2 * x\n",
    "sub/__init__.py": "",
    "sub/deep.py": "import sys\nNAME = __name__\n",
}


@pytest.fixture
def home(tmp_path):
    """A folder with the package ``ahead`` in it, on sys.path; everything put back afterwards."""
    for name, text in PACKAGE.items():
        (tmp_path / "ahead" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "ahead" / name).write_text(text)
    meta_path = list(sys.meta_path)
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    sys.meta_path[:] = meta_path
    for name in [name for name in sys.modules if name == "ahead" or name.startswith("ahead.")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def forget_ahead():
    for name in [name for name in sys.modules if name == "ahead" or name.startswith("ahead.")]:
        del sys.modules[name]


def test_every_module_of_the_package_is_compiled_and_its_finder_comes_first(home):
    finder = precompiled.install(home, "ahead")
    assert sys.meta_path[0] is finder
    assert sorted(finder.compiled) == ["ahead", "ahead.part", "ahead.sub", "ahead.sub.deep"]


def test_a_module_compiled_ahead_runs_the_code_compiled_ahead(home):
    finder = precompiled.install(home, "ahead")
    import ahead.part

    code = finder.compiled["ahead.part"][2]
    assert ahead.part.twice.__code__ in code.co_consts  # the function object was made from it
    assert ahead.twice(21) == 42 and ahead.TITLE == "ahead"


def test_modules_compiled_ahead_look_as_a_normal_import_makes_them(home):
    import ahead.sub.deep

    normal = {
        name: (module.__file__, getattr(module, "__path__", None), module.__package__)
        for name, module in sys.modules.items()
        if name.startswith("ahead")
    }
    forget_ahead()
    finder = precompiled.install(home, "ahead")
    import ahead.sub.deep  # noqa: F811 -- imported again, compiled ahead

    assert ahead.sub.deep.__spec__.loader is finder and ahead.sub.deep.NAME == "ahead.sub.deep"
    again = {
        name: (module.__file__, getattr(module, "__path__", None), module.__package__)
        for name, module in sys.modules.items()
        if name.startswith("ahead")
    }
    assert again == normal


def test_a_changed_source_is_compiled_anew_by_pythons_own_import(home):
    finder = precompiled.install(home, "ahead")
    (home / "ahead" / "part.py").write_text("def twice(x):\n    return x + x + 1\n")
    import ahead.part

    assert ahead.part.__spec__.loader is not finder
    assert ahead.part.twice(1) == 3
    assert ahead.__spec__.loader is finder  # the package itself is unchanged


def test_a_removed_source_is_not_imported_from_what_was_compiled(home):
    precompiled.install(home, "ahead")
    (home / "ahead" / "sub" / "deep.py").unlink()
    with pytest.raises(ModuleNotFoundError):
        import ahead.sub.deep  # noqa: F401


def test_other_modules_are_left_to_the_normal_import(home):
    finder = precompiled.install(home, "ahead")
    assert finder.find_spec("json") is None and finder.find_spec("ahead_not") is None
