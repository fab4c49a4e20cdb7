"""The benchmark report: summarised results (a dict) → Markdown text."""

from __future__ import annotations


def render_report(report: dict) -> str:
    """The whole report: command, machine, one section per N."""
    m = report["machine"]
    lines = ["# Build benchmark", "",
             f"- command: `{report['command']}` (started {report['started']})",
             f"- machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']}, {m['os']}, Python {m['python']}",
             f"- builder: commit {m['commit']}; "
             f"--no-cache {'used for cold builds' if report['features']['no_cache'] else 'not available'}; "
             f"--timings {'reported' if report['features']['timings'] else 'not available (TODO hook in measure.py)'}",
             f"- runs per case: {report['repeat']} (medians; peak RSS is the maximum over the runs)"]
    lines += [f"- {name}: {version}" for name, version in report["versions"].items()]
    lines += ["", "Cases, in the order they run (each rebuild sees exactly one change since the previous build):", ""]
    lines += [f"- `{case}`: {what}{' (with search)' if search else ' (--no-search)'}"
              for case, what, search in report["cases"]]
    for size in report["sizes"]:
        lines += ["", *size_section(size)]
    return "\n".join(lines) + "\n"


def size_section(size: dict) -> list[str]:
    n = size["n"]
    lines = [f"## N = {n:,}", "",
             "| case | median s | min s | max s | ms / statement | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|"]
    for case, s in size["ours"].items():
        lines.append(f"| {case} | {s['median_s']:.2f} | {s['min_s']:.2f} | {s['max_s']:.2f} | "
                     f"{1000 * s['median_s'] / n:.2f} | {s['max_rss_mb']:.0f} |")
    lines += stage_table(size["ours"])
    if size["peers"]:
        lines += ["", *peer_table(size)]
    return lines


def stage_table(cases: dict) -> list[str]:
    """Median seconds per stage for each case, when the builder reported them."""
    stages = sorted({k for s in cases.values() for k in s["stages"]})
    if not stages:
        return []
    lines = ["", "Stage timings (median s, as reported by `--timings`):", "",
             "| case | " + " | ".join(stages) + " |", "|---|" + "---:|" * len(stages)]
    for case, s in cases.items():
        lines.append(f"| {case} | " + " | ".join(f"{s['stages'].get(k, 0.0):.2f}" for k in stages) + " |")
    return lines


def peer_table(size: dict) -> list[str]:
    """Cold builds of ours (--no-search) and the peers, with ratios ours/theirs."""
    ours = size["ours"]["cold"]
    out = size["outputs"]
    lines = ["Cold builds, ours and the peers alternated (ours with --no-search):", "",
             "| generator | median s | peak RSS MB | HTML pages | files | MB written | ours / theirs (time) | ours / theirs (RSS) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    rows = [("ours", ours)] + list(size["peers"].items())
    for name, s in rows:
        o = out.get(name, {"html": 0, "files": 0, "bytes": 0})
        ratio = "—" if name == "ours" else f"{ours['median_s'] / s['median_s']:.2f}"
        rss = "—" if name == "ours" else f"{ours['max_rss_mb'] / s['max_rss_mb']:.2f}"
        lines.append(f"| {name} | {s['median_s']:.2f} | {s['max_rss_mb']:.0f} | {o['html']:,} | {o['files']:,} | "
                     f"{o['bytes'] / 1e6:.1f} | {ratio} | {rss} |")
    return lines
