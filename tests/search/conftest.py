"""Helpers for the search tests: a searchable test project, a watch on what the browser
loads and logs, the Pagefind Component UI's controls, and axe-core."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.conftest import REPO, project

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
MULTI = REPO / "tests" / "sites" / "multi" / "content"
TIMEOUT = 15_000  # ms; generous for a loaded CI machine, never waited out when things work


def search_project(tmp: Path) -> Path:
    """tests/sites/multi plus the bundled seed, with the repo's archive.yml (search on)."""
    root = project(tmp, MULTI)
    shutil.copytree(REPO / "content", root / "content" / "seed")
    assert re.search(r"^search: true$", (root / "archive.yml").read_text(encoding="utf-8"), re.M), \
        "the repo's archive.yml must keep search on"
    return root


class Watch:
    """Records requests that leave the test server, failed or 4xx/5xx responses and console errors."""

    def __init__(self, page, base_url: str) -> None:
        self.origin = re.match(r"https?://[^/]+/", base_url).group(0)
        self.offsite: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _request(self, request) -> None:
        # data: and blob: URLs never leave the browser; everything else must go to the test server.
        if not request.url.startswith((self.origin, "data:", "blob:")):
            self.offsite.append(request.url)

    def assert_clean(self) -> None:
        assert self.offsite == [], f"requests left {self.origin}: {self.offsite}"
        assert self.failed == [], f"failed requests: {self.failed}"
        assert self.errors == [], f"console errors: {self.errors}"


def type_query(page, term: str) -> None:
    """Type into Pagefind's search box and wait for the first result to render."""
    page.locator("pagefind-input input").fill(term)
    page.locator(".pf-result-link").first.wait_for(timeout=TIMEOUT)


def filter_option(page, group: str, value: str):
    """Open a filter group of the filter pane (collapsed <details>) and return one checkbox."""
    details = page.locator(f'pagefind-filter-pane details[data-filter-name="{group}"]')
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details.locator(f'input[type="checkbox"][value="{value}"]')


def option_count(checkbox) -> int:
    """The result count Pagefind shows next to a filter option."""
    return int(checkbox.locator("xpath=..").locator(".pf-filter-checkbox-count").inner_text())


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def describe(violations: list[dict]) -> str:
    """One block per violated rule: what it is, where, and axe's own summary of the failure."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:160]}")
            lines.extend(f"       {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)
