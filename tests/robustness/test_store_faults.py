"""Faults at the store: builds killed mid-way, two writers, re-extraction, removal, old formats."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Literal

from kg.cli import main
from kg.errors import StoreError
from kg.namespace import KG, article_graph
from kg.pipeline import build, remove_article
from kg.query import with_prologue
from kg.store import STORE_GRAPH, STORE_NODE, KGStore
from kg.validate import validate_store

from .corpus import MINTED, article_graphs, article_text, snapshot, snapshot_at, write_corpus

ARTICLES = 24
KG_CLI = [sys.executable, "-m", "kg.cli"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """24 small articles: a build of them takes a few seconds."""
    directory = tmp_path_factory.mktemp("corpus") / "in"
    write_corpus(directory, ARTICLES)
    return directory


@pytest.fixture(scope="module")
def clean(corpus, nlp, gazetteer, tmp_path_factory) -> dict[str, frozenset[str]]:
    """The snapshot of an uninterrupted build of the corpus."""
    path = tmp_path_factory.mktemp("clean") / "store"
    with KGStore(path) as store:
        report = build([corpus], store, nlp=nlp, gazetteer=gazetteer)
        assert report.ok and len(report.written) == ARTICLES
        return snapshot(store)


def _start_build(store: Path, *paths: Path, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    return subprocess.Popen([*KG_CLI, "build", "-v", "--store", str(store), *extra,
                             *map(str, paths)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_written(process: subprocess.Popen, count: int) -> list[str]:
    """Read the build's progress lines until ``count`` articles were written."""
    lines: list[str] = []
    while sum(line.startswith("kg: written ") for line in lines) < count:
        line = process.stderr.readline()
        if not line:
            pytest.fail(f"the build ended early: {''.join(lines)}")
        lines.append(line)
    return lines


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _assert_consistent(store_path: Path, clean: dict[str, frozenset[str]]) -> int:
    """Every article graph present is exactly the clean build's graph; returns how many."""
    present = article_graphs(snapshot_at(store_path))
    for name, triples in present.items():
        assert triples == clean[name], f"{name} differs from a clean build"
    return len(present)


def test_killed_build_leaves_whole_articles_and_a_rerun_completes(
        corpus, clean, tmp_path):
    """Two builds are killed with SIGKILL mid-way; a second writer meanwhile is refused,
    naming the writer, and a third one waits for the lock the kill releases and completes."""
    store = tmp_path / "store"
    first = _start_build(store, corpus)
    _wait_for_written(first, 3)
    _kill(first)  # no cleanup, no flush, no lock release by the process itself
    after_first = _assert_consistent(store, clean)
    assert 3 <= after_first < ARTICLES
    with KGStore(store, read_only=True) as reader:
        report = validate_store(reader)
    assert report.conforms, report.text[:2000]

    second = _start_build(store, corpus)  # the kernel dropped the lock with the process
    lines = _wait_for_written(second, 1)
    assert sum(line.startswith("kg: current ") for line in lines) == after_first
    # While it writes: one writer without --wait (refused) and one with (waits).
    refused, waiting = (
        subprocess.Popen([*KG_CLI, "build", *wait, "--store", str(store), str(corpus)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for wait in ((), ("--wait", "120")))
    assert waiting.stderr.readline().startswith(
        f"kg: waiting up to 120 s for {store} (in use by kg pid {second.pid}")
    _, err = refused.communicate(timeout=60)
    assert refused.returncode == 1
    assert err.startswith(
        f"kg: error: {store}: the store is in use by another process (kg pid {second.pid}: ")
    assert "use --wait SECONDS to wait for it, or open the store read-only" in err
    assert second.poll() is None  # still writing
    _kill(second)
    after_second = _assert_consistent(store, clean)  # may already include the waiter's work
    assert after_first + 1 <= after_second

    out, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, err
    built, unchanged = (int(w) for w in re.findall(r"\d+", out.splitlines()[0])[:2])
    assert built + unchanged == ARTICLES and unchanged >= after_first + 1
    assert snapshot_at(store) == clean


def test_lock_names_this_process_and_wait_gets_it_when_released(tmp_path):
    path = tmp_path / "store"
    holder = KGStore(path)
    with pytest.raises(StoreError) as caught:
        KGStore(path)
    assert f"in use by another process (kg pid {os.getpid()}" in str(caught.value)
    with pytest.raises(StoreError, match=r"still held after waiting 0.3 s"):
        KGStore(path, wait=0.3)
    timer = threading.Timer(0.5, holder.close)
    timer.start()
    told: list[str] = []
    started = time.monotonic()
    with KGStore(path, wait=30, on_wait=told.append) as second:
        assert second.format_version == "1"
    assert 0.4 < time.monotonic() - started < 10
    assert told and told[0].startswith(f"pid {os.getpid()}")
    timer.join()


def test_unchanged_articles_are_skipped_and_replace_re_extracts(
        tmp_path, nlp, gazetteer, monkeypatch):
    import kg.pipeline

    paths = write_corpus(tmp_path / "in", 2, start=40)
    with KGStore(tmp_path / "store") as store:
        first = build(paths, store, nlp=nlp, gazetteer=gazetteer)
        clean = snapshot(store)
        name = article_graph(first.written[0])
        damaged = [t for t in store.graph(name) if t[1] != KG.trigger]  # stale extraction
        store.replace_graph(name, damaged)

        def no_parsing(*args, **kwargs):
            raise AssertionError("an article with current rules was parsed again")

        with monkeypatch.context() as patch:
            patch.setattr("kg.parse.parse_article", no_parsing)
            again = build(paths, store, nlp=nlp, gazetteer=gazetteer)
        assert again.skipped == first.written and not again.written
        assert set(store.graph(name)) == set(damaged)  # skipping touches nothing

        replaced = build(paths[:1], store, nlp=nlp, gazetteer=gazetteer, replace=True)
        assert replaced.written == first.written[:1]
        assert snapshot(store) == clean

        monkeypatch.setattr(kg.pipeline, "rules_version", lambda gaz: "kg-next")
        newer = build(paths, store, nlp=nlp, gazetteer=gazetteer)  # rules changed: re-extract
        assert newer.written == first.written
        assert store.ask(with_prologue("ASK { ?a kg:rulesVersion ?v }"), {"v": Literal("kg-next")})


def test_cli_replace_and_verbose(tmp_path, capsys):
    [path] = write_corpus(tmp_path / "in", 1, start=45)
    store = str(tmp_path / "store")
    assert main(["build", "--store", store, str(path)]) == 0
    assert main(["build", "-v", "--store", store, str(path)]) == 0
    assert "kg: current " in capsys.readouterr().err
    assert main(["build", "-v", "--replace", "--store", store, str(path)]) == 0
    assert "kg: unchanged " in capsys.readouterr().err  # re-extracted to the same triples


def test_remove_keeps_entities_other_articles_mention(tmp_path, nlp, gazetteer):
    source = tmp_path / "in"
    source.mkdir()
    first, second = source / "first.txt", source / "second.txt"
    first.write_text(article_text(50, minted=True), encoding="utf-8")
    second.write_text(article_text(51, minted=True), encoding="utf-8")
    with KGStore(tmp_path / "only-second") as store:
        build([second], store, nlp=nlp, gazetteer=gazetteer)
        only_second = snapshot(store)
    with KGStore(tmp_path / "store") as store:
        report = build([source], store, nlp=nlp, gazetteer=gazetteer)
        first_id, second_id = report.written
        minted = store.select(with_prologue(
            "SELECT DISTINCT ?e ?l WHERE { ?e kg:minted true ; skos:prefLabel ?l }"),
            {"l": Literal(MINTED, lang="ja")})
        assert len(minted) == 1  # one entity, described in both article graphs
        ask = with_prologue("ASK { ?e skos:prefLabel ?l }")

        assert remove_article(store, first) == [first_id]  # by path
        assert store.ask(ask, {"l": Literal(MINTED, lang="ja")})  # the other article keeps it
        assert snapshot(store) == only_second

        assert remove_article(store, f"https://kg.example.org/id/article/{second_id}") == \
            [second_id]
        assert not store.ask(ask, {"l": Literal(MINTED, lang="ja")})
        assert store.ask(ask, {"l": Literal("ジョー・バイデン", lang="ja")})  # gazetteer stays
        assert not article_graphs(snapshot(store))


def test_cli_remove_by_id_and_unknown_article(tmp_path, capsys):
    [path] = write_corpus(tmp_path / "in", 1, start=52)
    store = str(tmp_path / "store")
    assert main(["build", "--store", store, str(path)]) == 0
    with KGStore(store, read_only=True) as reader:
        [article_id] = [str(g).rsplit("/", 1)[1] for g in reader.graphs() if "/article/" in g]
    capsys.readouterr()
    assert main(["remove", "--store", store, article_id, "0123456789abcdef"]) == 1
    out, err = capsys.readouterr()
    assert out == f"removed article {article_id}\n"
    assert err == "kg: 0123456789abcdef: no such article in the store (give an article id, " \
        "its IRI, or the path it was built from; `kg query` can list them)\n"


def test_store_of_another_format_is_refused_with_how_to_rebuild(tmp_path, capsys):
    [path] = write_corpus(tmp_path / "in", 1, start=53)
    store = tmp_path / "store"
    assert main(["build", "--store", str(store), str(path)]) == 0
    with KGStore(store) as writer:
        writer.replace_graph(STORE_GRAPH, [(STORE_NODE, KG.formatVersion, Literal("0"))])
    before = snapshot_at_any(store)
    capsys.readouterr()
    for argv in (["build", "--store", str(store), str(path)], ["summary", "--store", str(store)]):
        assert main(argv) == 1
        assert capsys.readouterr().err == (
            f"kg: error: {store}: store format 0, this kg reads format 1; rebuild it: delete "
            f"the directory (rm -r {store}) and run `kg build --store {store} ARTICLES…` again\n")
    assert snapshot_at_any(store) == before  # refused before anything was written
    with pytest.raises(StoreError, match="store format 0"):  # not "in use": lock released
        KGStore(store)


def snapshot_at_any(path: Path) -> frozenset[str]:
    """Every quad as text, read by Oxigraph itself (bypassing kg's format check)."""
    import pyoxigraph as ox

    return frozenset(str(quad) for quad in ox.Store.read_only(str(path)))


def test_store_without_a_version_stamp_is_read_and_stamped(tmp_path, capsys):
    [path] = write_corpus(tmp_path / "in", 1, start=54)
    store = tmp_path / "store"
    assert main(["build", "--store", str(store), str(path)]) == 0
    with KGStore(store) as writer:
        writer.remove_graph(STORE_GRAPH)  # as written before kg recorded its format
    with KGStore(store, read_only=True) as reader:
        assert reader.format_version is None and reader.has_graph(STORE_GRAPH) is False
    assert main(["summary", "--store", str(store)]) == 0
    with KGStore(store) as writer:
        assert writer.format_version == "1"


def test_a_directory_of_other_files_is_not_taken_as_a_store(tmp_path, capsys):
    [path] = write_corpus(tmp_path / "in", 1, start=55)
    assert main(["build", "--store", str(tmp_path / "in"), str(path)]) == 1
    assert capsys.readouterr().err == (
        f"kg: error: {tmp_path / 'in'}: a directory holding other files (a055.txt) is not a kg "
        "store; give --store a new or empty directory\n")
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["a055.txt"]
