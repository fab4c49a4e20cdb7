"""Atomic and deterministic output: a build killed at any moment leaves a whole site; same input, same bytes."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, make_corpus, project, tree

KILLS = 4  # seeded kills; each costs about two builds


def build_command(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "builder", "build", "--no-search", *extra]


def run_build(root: Path, env: dict[str, str] | None = None, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    result = subprocess.run(build_command(root, *extra), cwd=root, capture_output=True, text=True,
                            timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def leftovers(root: Path) -> list[str]:
    """Temporaries; the previous generation (.site.previous) is kept on purpose."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site.") and p.name != ".site.previous")


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("killed")
    return project(tmp, make_corpus(tmp / "corpus", 300))


def test_a_build_killed_at_any_moment_leaves_a_whole_site(big_project: Path) -> None:
    root = big_project
    extra = root / "extra.txt"
    shutil.move(root / "content" / "statement-299.txt", extra)  # toggled in and out between builds
    run_build(root)
    started = time.monotonic()
    run_build(root)  # a rebuild: what the kills interrupt is an incremental build, so time one
    duration = time.monotonic() - started
    sites = {False: tree(root / "site")}
    rng = random.Random(20240806)
    for kill in range(KILLS):
        with_extra = kill % 2 == 0
        if with_extra:
            shutil.copy(extra, root / "content" / "statement-299.txt")
        else:
            (root / "content" / "statement-299.txt").unlink()
        previous = tree(root / "site")
        delay = rng.uniform(0.05, duration * 1.1)
        proc = subprocess.Popen(build_command(root), cwd=root, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "PYTHONPATH": str(REPO)})
        try:
            proc.wait(timeout=delay)
            finished = proc.returncode == 0  # done before the kill came: the new site, whole
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            finished = False
        after = tree(root / "site")
        if finished:
            sites.setdefault(with_extra, after)
        new = sites.get(with_extra)
        # the old site byte for byte, or (killed after the swap) the new one complete
        assert after == previous or (new is not None and after == new), f"mixed site after kill {kill} at {delay:.2f}s"
        run_build(root)
        rebuilt = tree(root / "site")
        sites.setdefault(with_extra, rebuilt)
        assert rebuilt == sites[with_extra], f"the build after kill {kill} differs from a clean build"
        assert leftovers(root) == [], leftovers(root)
    assert len(sites[True]) > len(sites[False])


def test_failed_write_keeps_the_old_site_and_cleans_up(tmp_path: Path) -> None:
    from builder.errors import BuilderError
    from builder.write import write_site
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(BuilderError, match="both a file and a folder"):
        write_site({"a": b"1", "a/b.html": b"2"}, out)
    with pytest.raises(BuilderError, match="outside|unsafe"):
        write_site({"index.html": b"new", "../escape.html": b"x"}, out)
    assert tree(out) == {".archive-site": b"", "index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recover_puts_back_a_site_moved_away_by_a_killed_swap(tmp_path: Path) -> None:
    from builder.write import write_site
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    out.rename(tmp_path / ".site.old-99999")  # killed between the two renames
    (tmp_path / ".site.new-99998").mkdir()  # and a half-written build
    write_site({"index.html": b"new"}, out)
    assert (out / "index.html").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.previous", "site"]
    assert (tmp_path / ".site.previous" / "index.html").read_bytes() == b"old"


def test_updates_write_only_changed_files_and_never_touch_the_served_copy(tmp_path: Path) -> None:
    from builder.write import write_site
    out = tmp_path / "site"
    first = {"index.html": b"one", "a/b.html": b"same", "gone/x.html": b"x", "f": b"file"}
    assert write_site(first, out) == 4
    assert write_site(first, out) == 0  # the previous generation starts as hard links of the site
    second = {"index.html": b"two", "a/b.html": b"same", "f/now-a-folder.html": b"y"}
    assert write_site(second, out) == 2
    assert tree(out) == {".archive-site": b"", **second}
    previous = tmp_path / ".site.previous"
    assert tree(previous) == {".archive-site": b"", **first}  # the old site, intact
    assert write_site(second, out) == 2  # brings the previous generation up to date: index.html and f/…
    assert tree(out) == {".archive-site": b"", **second}
    assert write_site(second, out) == 0
    assert write_site(second, out, fresh=True) == 3


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path: Path) -> None:
    from builder.errors import BuilderError
    from builder.write import write_site
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_bytes(b"precious")
    with pytest.raises(BuilderError, match="did not build"):
        write_site({"index.html": b"x"}, tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.tex").read_bytes() == b"precious"


@pytest.mark.parametrize("path", ["../x", "a/../../x", "/etc/x", "a\\..\\x", "C:/x", "c:x", "a\x00b", "", "a//b", "./a"])
def test_writer_refuses_paths_outside_the_site(tmp_path: Path, path: str) -> None:
    from builder.errors import BuilderError
    from builder.write import write_site
    with pytest.raises(BuilderError):
        write_site({path: b"x"}, tmp_path / "site")
    assert not any(tmp_path.rglob("x"))


def test_two_builds_in_different_folders_at_different_times_are_identical(tmp_path: Path) -> None:
    content = make_corpus(tmp_path / "corpus", 40)
    shutil.copytree(REPO / "content", content / "seed")
    first = project(tmp_path / "first-folder-ä", content)
    second = project(tmp_path / "another" / "deeper", content)
    run_build(first, {"TZ": "Pacific/Kiritimati", "SOURCE_DATE_EPOCH": "1000000000", "LC_ALL": "C.UTF-8",
                      "PYTHONHASHSEED": "1"})
    # the second build: another folder, another zone, another hash seed, and the content files in another order
    for p in sorted((second / "content").rglob("*.txt"), reverse=True):
        p.write_bytes(p.read_bytes())
    os.utime(second / "content", (0, 0))
    run_build(second, {"TZ": "America/Adak", "SOURCE_DATE_EPOCH": "2000000000", "PYTHONHASHSEED": "2"},
              "--output", str(second / "elsewhere"))
    a, b = tree(first / "site"), tree(second / "elsewhere")
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []
    today = time.strftime("%Y-%m-%d").encode()
    inputs = b"".join(p.read_bytes() for p in content.rglob("*") if p.is_file())
    everything = b"".join(a.values())
    assert str(tmp_path).encode() not in everything
    assert b"first-folder" not in everything and b"deeper" not in everything
    dated = [name for name, data in a.items() if today in data and today not in inputs]
    assert dated == [], f"today's date in {dated[:5]}"


def test_a_file_is_compared_before_it_is_written_and_never_written_through_a_link(tmp_path: Path) -> None:
    from builder.write import Generation

    gen = Generation(tmp_path)
    big = b"x" * 3_000_000
    assert gen.put("data/all.jsonl", big) is True
    served = tmp_path / "served.jsonl"
    os.link(tmp_path / "data" / "all.jsonl", served)  # as the two generations share unchanged files
    assert gen.put("data/all.jsonl", big) is False
    assert gen.put("data/all.jsonl", big[:-1] + b"y") is True
    assert (tmp_path / "data" / "all.jsonl").read_bytes() == big[:-1] + b"y"
    assert served.read_bytes() == big  # the linked copy was not written through


@pytest.mark.parametrize("planted", ["pagefind", "pagefind/2021"], ids=["top folder", "the folder itself"])
def test_a_folder_replaced_whole_is_never_deleted_through_a_symlink(tmp_path: Path, planted: str) -> None:
    """``Generation.remove`` (a search shard's folder, replaced whole): a symlink planted where that folder or
    one above it goes is removed, and what it leads to, outside the site, is left as it is."""
    from builder.write import Generation

    site, outside = tmp_path / "site", tmp_path / "outside"
    (outside / "2021").mkdir(parents=True)
    (outside / "2021" / "keep.txt").write_bytes(b"not the site's")
    link = site / planted
    link.parent.mkdir(parents=True)
    link.symlink_to(outside if planted == "pagefind" else outside / "2021", target_is_directory=True)
    gen = Generation(site)
    gen.remove("pagefind/2021/")
    assert (outside / "2021" / "keep.txt").read_bytes() == b"not the site's"
    assert not link.is_symlink()
    assert gen.put("pagefind/2021/fingerprint.txt", b"ab\n") is True
    assert (site / "pagefind" / "2021" / "fingerprint.txt").read_bytes() == b"ab\n"
    assert sorted(p.name for p in outside.rglob("*")) == ["2021", "keep.txt"]


def test_a_prune_deletes_what_no_build_made_and_nothing_through_a_symlink(tmp_path: Path) -> None:
    """``Generation.prune`` (bottom-up, as it walks): files not kept go, and folders left empty with them; the
    folders it is told to spare are left whole; a symlink to a folder, at the top or deeper, is not followed."""
    from builder.write import Generation

    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_bytes(b"not the site's")
    for path in ("index.html", "statements/a/index.html", "statements/b/index.html", "s/x/y/index.html",
                 "pagefind/2021/stray.pf", "stray.txt"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(b"page")
    (site / "linked").symlink_to(outside, target_is_directory=True)
    (site / "statements" / "linked").symlink_to(outside, target_is_directory=True)
    removed = Generation(site).prune({"index.html", "statements/a/index.html"}, frozenset({"pagefind"}))
    assert removed == 3
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.is_symlink()) == [
        "index.html", "pagefind/2021/stray.pf", "statements/a/index.html"]
    assert not (site / "s").exists() and not (site / "statements" / "b").exists()
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("planted", ["pagefind", "pagefind/2021", "pagefind/2021/fragment"])
def test_a_folder_replaced_in_place_keeps_equal_files_and_never_writes_through_a_symlink(
        tmp_path: Path, planted: str) -> None:
    """``Generation.replace_folder`` (a search shard re-indexed): equal files are kept (the same inode), the others
    written anew, files no longer there deleted, its last file (the fingerprint) deleted first; a link where the
    folder, one above it or one within it goes is removed first, and nothing outside the site is touched."""
    from builder.write import Generation

    site, outside = tmp_path / "site", tmp_path / "outside"
    old = {"pagefind/2021/pagefind.js": b"js", "pagefind/2021/fragment/a.pf": b"a", "pagefind/2021/fragment/b.pf":
           b"b", "pagefind/2021/fingerprint.txt": b"old\n"}
    for path, data in old.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    gen = Generation(site)
    new = {"pagefind/2021/pagefind.js": b"js", "pagefind/2021/fragment/a.pf": b"a2", "pagefind/2021/fragment/c.pf": b"c",
           "pagefind/2021/fingerprint.txt": b"new\n"}
    order = sorted(new, key=lambda p: p.endswith("fingerprint.txt"))
    inode = (site / "pagefind/2021/pagefind.js").stat().st_ino
    assert gen.replace_folder("pagefind/2021/", new, order) == 3
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} == new
    assert (site / "pagefind/2021/pagefind.js").stat().st_ino == inode, "an equal file is left as it is"

    shutil.rmtree(site)
    (outside / "2021" / "fragment").mkdir(parents=True)
    for name in ("a.pf", "fingerprint.txt", "2021/fingerprint.txt", "2021/fragment/a.pf", "fragment/a.pf"):
        (outside / name).parent.mkdir(parents=True, exist_ok=True)
        (outside / name).write_bytes(b"not the site's")
    link = site / planted
    link.parent.mkdir(parents=True)
    link.symlink_to({"pagefind": outside, "pagefind/2021": outside / "2021",
                     "pagefind/2021/fragment": outside / "2021" / "fragment"}[planted], target_is_directory=True)
    before = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    assert gen.replace_folder("pagefind/2021/", new, order) == 4
    assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == before
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} == new
    assert not any(p.is_symlink() for p in site.rglob("*"))


def test_a_folder_replaced_in_place_is_not_marked_whole_until_its_last_file(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from builder.write import Generation

    site = tmp_path / "site"
    (site / "pagefind" / "2021").mkdir(parents=True)
    (site / "pagefind/2021/fingerprint.txt").write_bytes(b"old\n")
    gen = Generation(site)
    real = Generation.put

    def failing(self: Generation, path: str, data: bytes) -> bool:
        if path.endswith("b.pf"):
            raise OSError("disk full")
        return real(self, path, data)
    monkeypatch.setattr(Generation, "put", failing)
    with pytest.raises(OSError):
        gen.replace_folder("pagefind/2021/", {"pagefind/2021/a.pf": b"a", "pagefind/2021/b.pf": b"b",
                                              "pagefind/2021/fingerprint.txt": b"new\n"},
                           ["pagefind/2021/a.pf", "pagefind/2021/b.pf", "pagefind/2021/fingerprint.txt"])
    assert not (site / "pagefind/2021/fingerprint.txt").exists(), "a shard cut short has no fingerprint"
