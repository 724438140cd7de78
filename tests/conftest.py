"""The fixtures of the end-to-end tests (the built site on a plain static server, pages in headless
Chromium that fail the test on any console error, failed request or request to another host) and the
test tiers. What tests import by name lives in pages.py."""

from __future__ import annotations

import threading

import pytest

from pages import (
    CHROMIUM_FLAGS,
    READY_TIMEOUT_MS,
    PageWatch,
    chromium_executable,
    dist_dir,
    module_page_fixture,
    serve_directory,
)
from sitebuild.serve import site_server

# fixture modules, for every test: deploy (tests/offline/deploys.py), probe_site (tests/start/snapshots.py)
pytest_plugins = ("offline.deploys", "start.snapshots")


@pytest.fixture(scope="session")
def site_url():
    url, server = serve_directory(dist_dir())
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def served():
    """The built site served as ``build.py serve`` serves it (netlify.toml's headers); its URL."""
    server = site_server(dist_dir())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if chromium_executable():
        args["executable_path"] = chromium_executable()
    return args


shared_app = module_page_fixture("One ready page shared by a module's tests (each sets the inputs it needs).")


@pytest.fixture(scope="module")
def blank(browser, site_url):
    """A blank page on the site's origin (nothing of the app runs but shared.js, which every page
    script may use), so that a test can import the page's JavaScript modules and call their
    functions; fails on any page error."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.route(
        site_url + "/__blank__.html",
        lambda route: route.fulfill(
            body="<!doctype html><meta charset=utf-8><script src=/shared.js></script>"
            "<canvas style='width: 600px'></canvas>",
            content_type="text/html",
        ),
    )
    page.goto(site_url + "/__blank__.html")
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def watch(page, site_url):
    """Watch ``page``; at the end of the test, fail on anything it must not do."""
    watcher = PageWatch(page, site_url)
    yield watcher
    watcher.assert_clean()


@pytest.fixture
def app(page, site_url, watch):
    """The app's page, loaded and ready (``html.ready``)."""
    page.goto(site_url + "/")
    page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
    return page


def pytest_collection_modifyitems(items):
    """The tiers are pyproject.toml's markers, set by each module (``pytestmark``): a test that drives
    Chromium (a ``browser`` or ``page`` fixture) must be marked ``e2e``; one that runs the build or
    serves the built site without a browser (``warm_cache``, ``served``), ``build``. A test that lacks
    its mark is an error here, so ``python3 build.py test --quick`` never meets one."""
    needs = {"e2e": {"browser", "page"}, "build": {"warm_cache", "served"}}
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for marker, uses in needs.items():
            if uses & fixtures and item.get_closest_marker(marker) is None:
                raise pytest.UsageError(
                    f"{item.nodeid} uses {sorted(uses & fixtures)} but is not marked {marker}: "
                    f"add `pytestmark = pytest.mark.{marker}` to its module"
                )


# The benchmarks are scripts run by build.py bench, not tests: pytest does not collect them.
collect_ignore = [
    "bench_lighthouse.py",
    "bench_native.py",
    "bench_optimisations.py",
    "bench_site.py",
    "bench_sites.py",
    "benchmark.py",
]
