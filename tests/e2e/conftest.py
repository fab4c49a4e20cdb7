"""Fixtures for the end-to-end tests: the bundled project built and served two ways.

Both are built with ``python -m builder build`` (a subprocess, as a user would):

* ``root_site``: built with its real local URL as ``--base-url`` and served at ``/``.
* ``subpath_site``: built with ``--base-url https://example.github.io/archive/`` (GitHub
  Pages) and served on 127.0.0.1 under ``/archive/``, where nothing outside the prefix exists.

Both are read-only, so they are built once per session.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import serve_folder
from tests.conftest import project
from tests.e2e.support import PREFIX, PUBLIC_BASE, ServedSite, cli_build


@pytest.fixture(scope="session")
def root_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = project(tmp_path_factory.mktemp("e2e-root"))
    output = root / "site"
    with serve_folder(output, "/") as url:
        cli_build(root, output, base_url=url)
        yield ServedSite(url, output, url)


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = project(tmp_path_factory.mktemp("e2e-subpath"))
    output = root / "site"
    cli_build(root, output, base_url=PUBLIC_BASE)
    with serve_folder(output, PREFIX) as url:
        yield ServedSite(url, output, PUBLIC_BASE)
