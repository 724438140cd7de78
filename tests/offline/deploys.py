"""What the offline tests share (and the practice and start-up tests): a watched page the service
worker controls, and a copy of the built site on its own server that a test can redeploy as a new
version."""

from __future__ import annotations

import shutil

import pytest

from pages import READY_TIMEOUT_MS, PageWatch, dist_dir, serve_directory
from sitebuild.offline import service_worker

CONTROLLED = "navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)"


def controlled_page(context, url: str, path: str = "/"):
    """A new page of ``context`` on the site at ``url``, ready and under the service worker;
    ``page.watch`` is its PageWatch, watching from before it was opened."""
    page = context.new_page()
    page.watch = PageWatch(page, url)
    page.goto(url + path)
    page.wait_for_selector("html.ready", timeout=READY_TIMEOUT_MS)
    page.wait_for_function(CONTROLLED, timeout=READY_TIMEOUT_MS)
    return page


@pytest.fixture
def deploy(tmp_path):
    """A copy of the built site on its own server, which a test can redeploy."""
    site = tmp_path / "site"
    shutil.copytree(dist_dir(), site)
    url, server = serve_directory(site)
    yield site, url
    server.shutdown()


def redeploy(site):
    """A new version of the site: one changed file, and the service worker that lists it."""
    with (site / "app.css").open("a") as css:
        css.write("\n/* deploy 2 */\n")
    (site / "sw.js").write_text(service_worker(site))
