"""End-to-end tests: the built site crawled over HTTP, driven in Chromium, and served live."""
