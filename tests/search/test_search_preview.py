"""``archive serve``'s search preview (``builder.preview.search_shard``, ``builder.write.replace_served_folder``):
after an edited statement's page is previewed, its year's shard is indexed again from the served pages, and a
search in Chromium finds the new wording before any build has run."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from builder.build import build
from builder.config import load_config
from builder.manifest import Manifests
from builder.preview import Model, preview, search_shard
from builder.search import FINGERPRINT
from builder.site import Site
from builder.write import patch_served, replace_served_folder
from tests.browser import chromium, serve_folder
from tests.conftest import project
from tests.search.conftest import SEED, TIMEOUT, summary

NEW_WORD = "zanzibarified"  # in no statement until the edit


def test_the_previewed_wording_is_found_by_search(tmp_path: Path) -> None:
    root = project(tmp_path)
    md = next((root / "content").rglob("*.md"))
    with serve_folder(root / "site", "/") as url:
        config = load_config(root / "archive.yml").with_overrides(base_url=url)
        kept: list[Site] = []
        build(config, root / "content", root / "site", cache_dir=root / "cache", workers=1, on_published=kept.append)
        shard = next(p for p in (root / "site" / "pagefind").iterdir() if p.is_dir())
        before = (shard / FINGERPRINT).read_bytes()
        text = md.read_text(encoding="utf-8")
        assert text.count("highlighted") == 1 and NEW_WORD not in text
        md.write_text(text.replace("highlighted", NEW_WORD), encoding="utf-8")
        model = Model(kept[0], root / "content", root / "templates")
        made = preview(model, md)
        assert made is not None and made.year == int(shard.name)
        manifests = Manifests(root / "cache")
        patch_served(root / "site", made.file, made.data, lambda token: manifests.without(token, made.file))
        replace_served_folder(root / "site", f"pagefind/{made.year}/", search_shard(model, root / "site", made.year))
        assert (shard / FINGERPRINT).read_bytes() != before, "the shard was indexed again"
        assert not [p for p in shard.parent.iterdir() if p.name.startswith(".")], "no scratch folder left"
        with chromium() as browser:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT)
            page.goto(url + f"search/?q={NEW_WORD}")
            expect(page.locator("#search-status")).to_have_text(summary(1, NEW_WORD))
            expect(page.locator("#results h2 a").first).to_have_text(re.compile("^" + re.escape(SEED)))
