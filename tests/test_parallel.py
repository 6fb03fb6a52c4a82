"""Parallel and distributed extraction give what the serial build gives; rebuilds parse nothing."""

from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path

import pytest
from rdflib import BNode

from kg.parallel import Outcome, build_parallel, extract_files, stale_paths
from kg.store import KGStore

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _plain(store) -> set[str]:
    return {f"{s.n3()} {p.n3()} {o.n3()} {g}" for s, p, o, g in store.quads()
            if not isinstance(s, BNode) and not isinstance(o, BNode)}


@pytest.fixture(scope="module")
def serial(seed_dir, tmp_path_factory):
    """The seeds built by the serial pipeline."""
    from kg.pipeline import build

    store = KGStore(tmp_path_factory.mktemp("serial") / "store")
    assert build([seed_dir], store).ok
    yield store
    store.close()


def test_outcomes_pickle_with_their_errors(nlp, gazetteer, seed_dir, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("メニュー\n", encoding="utf-8")
    outcomes = extract_files(nlp, gazetteer, [*sorted(seed_dir.glob("*.txt")), bad], "v")
    back = pickle.loads(pickle.dumps(outcomes))
    assert back == outcomes
    assert [o.error() is None for o in back] == [True, True, False]
    error = back[-1].error()
    assert type(error).__name__ == outcomes[-1].error_type and str(bad) in str(error)


def test_two_workers_match_the_serial_build(serial, seed_dir, tmp_path):
    with KGStore(tmp_path / "s") as store:
        report = build_parallel([seed_dir], store, workers=2, chunk=1)
        assert report.ok and len(report.written) == 2
        assert _plain(store) == _plain(serial)


def test_rebuild_skips_current_articles_and_stale_finds_old_rules(seed_dir, tmp_path):
    from rdflib import Literal

    from kg.namespace import KG, article_graph

    with KGStore(tmp_path / "s") as store:
        build_parallel([seed_dir], store, workers=1)

        def no_parsing(items, version):
            raise AssertionError(f"parsed {items}")

        again = build_parallel([seed_dir], store, outcomes=no_parsing)
        assert again.written == [] and len(again.skipped) == 2
        # an article extracted by older rules is stale, and only it is re-extracted
        name = article_graph(again.skipped[0])
        triples = [(s, p, Literal("kg-0.0.1") if p == KG.rulesVersion else o)
                   for s, p, o in store.graph(name)]
        store.replace_graph(name, triples)
        stale = stale_paths(store, "irrelevant")
        assert len(stale) == 2  # both differ from a made-up version
        from kg.gazetteer import load_gazetteer
        from kg.pipeline import rules_version

        old = stale_paths(store, rules_version(load_gazetteer()))
        assert len(old) == 1
        report = build_parallel(old, store, workers=1)
        assert len(report.written) == 1 and report.skipped == []


def test_dask_cluster_matches_the_serial_build(serial, seed_dir, tmp_path):
    """A real two-process Dask cluster on loopback, reached by its scheduler address."""
    from distributed import LocalCluster

    from kg.distributed import build_on_dask

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster:
        with KGStore(tmp_path / "s") as store:
            report = build_on_dask([seed_dir], store, scheduler=cluster.scheduler_address,
                                   chunk=1)
            assert report.ok and len(report.written) == 2
            assert _plain(store) == _plain(serial)


def test_bench_corpus_is_deterministic_and_readable(tmp_path):
    from corpus import write_corpus

    from kg.articles import read_article

    first = write_corpus(tmp_path / "a", 3, seed=7)
    second = write_corpus(tmp_path / "b", 3, seed=7)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    articles = [read_article(p) for p in first]
    assert len({a.id for a in articles}) == 3
    for article in articles:
        assert 500 <= len(article.text) <= 4000
        assert article.published is not None and article.dateline is not None
        assert "人気ランキング" not in article.text  # furniture is left out


def test_bench_quick_store_section(serial, tmp_path, monkeypatch):
    """The benchmark's store section on a tiny store: templates, load, every preset."""
    import run
    from synth import article_templates

    monkeypatch.setattr(run, "RESULTS", tmp_path / "results")
    result = run.bench_store([20], [], 1, templates=article_templates(serial))
    point = result["points"][0]
    assert point["quads"] > 20 * 100 and point["load_s"] > 0
    assert point["oxigraph"] and all("p50_ms" in v or "error" in v for v in point["oxigraph"].values())
    assert not any("error" in v for v in point["oxigraph"].values())
    assert (tmp_path / "results" / "store.json").exists()
    shutil.rmtree(tmp_path / "results")


def test_outcome_error_rebuilds_the_class():
    outcome = Outcome("a.txt", error_type="InputError", error_message="a.txt: no article")
    error = outcome.error()
    assert type(error).__name__ == "InputError" and str(error) == "a.txt: no article"
