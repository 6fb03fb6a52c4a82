"""Graph statistics (kg.stats, ``kg stats``) and the GraphML/GEXF export (kg.export_graph)."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from kg.cli import main
from kg.errors import KGError
from kg.export_graph import export_graph
from kg.namespace import entity_iri
from kg.stats import QUADS, compute_stats, pair_balances


@pytest.fixture(scope="module")
def seeds(nlp, seed_dir, tmp_path_factory):
    """The seed articles' store, built once for the module."""
    from kg.pipeline import build
    from kg.store import KGStore

    path = tmp_path_factory.mktemp("stats") / "store"
    with KGStore(path) as store:
        assert build([seed_dir], store, nlp=nlp).ok
    store = KGStore(path, read_only=True)
    yield store
    store.close()


def test_stats_counts(seeds):
    stats = compute_stats(seeds)
    assert stats.articles == 2
    assert stats.entities_by_class["Treaty"] >= 1 and stats.entities_by_class["Country"] >= 2
    assert "Agree" not in stats.entities_by_class  # PLOVER classes are counted as categories
    assert stats.events_by_category["AGREE"] >= 1 and stats.events_by_category["CONSULT"] >= 1
    assert sum(stats.events_by_category.values()) == sum(stats.events_by_quad.values())
    assert set(stats.events_by_quad) <= set(QUADS)


def test_stats_central_actors_and_communities(seeds):
    stats = compute_stats(seeds, top=3)
    assert len(stats.central_actors) == 3
    top = {a["iri"] for a in stats.central_actors}
    assert {str(entity_iri("joe-biden")), str(entity_iri("vladimir-putin"))} <= top
    ranks = [a["pagerank"] for a in stats.central_actors]
    assert ranks == sorted(ranks, reverse=True)
    assert all(a["cls"] in ("Person", "Country", "Organization", "Group")
               for a in stats.central_actors)
    assert stats.communities and all(len(c) > 1 for c in stats.communities)
    members = [m for c in stats.communities for m in c]
    assert len(members) == len(set(members))  # a partition
    assert compute_stats(seeds).communities == stats.communities  # seeded: stable


def test_pair_balances_us_russia(seeds):
    pairs = {(p.label_a, p.label_b): p for p in pair_balances(seeds)}
    us_ru = pairs[("ロシア", "米国")]
    assert us_ru.counts["verbal_cooperation"] >= 1 and us_ru.counts["material_conflict"] >= 1
    coop = us_ru.counts["verbal_cooperation"] + us_ru.counts["material_cooperation"]
    conflict = us_ru.counts["verbal_conflict"] + us_ru.counts["material_conflict"]
    assert us_ru.balance == coop - conflict
    assert us_ru.score != 0


def test_stats_agrees_with_the_state_relations_preset(seeds):
    from kg.presets import run_preset

    rows = run_preset(seeds, "state_relations", {}).rows
    for pair in pair_balances(seeds):
        months = [r for r in rows if (str(r["stateA"]), str(r["stateB"])) ==
                  (pair.state_a, pair.state_b)]
        for quad in QUADS:
            # the preset counts an event once per month, the same event once overall
            assert sum(int(r[quad]) for r in months) == pair.counts[quad]


def test_cli_stats_text_and_json(seeds, capsys):
    assert main(["stats", "--store", str(seeds.path)]) == 0
    text = capsys.readouterr().out
    assert "most central actors (PageRank):" in text and "ロシア – 米国" in text
    assert main(["stats", "--store", str(seeds.path), "--format", "json", "--top", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["central_actors"]) == 2 and data["articles"] == 2
    assert data["pairs"][0]["balance"] == sum(
        n if "cooperation" in q else -n for q, n in data["pairs"][0]["counts"].items())


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_graph_round_trips_through_networkx(seeds, tmp_path, fmt, read):
    from kg.api import to_networkx

    path = tmp_path / f"graph.{fmt}"
    written = export_graph(seeds, fmt, path)
    graph = read(path)
    expected = to_networkx(seeds)
    assert graph.is_multigraph() and graph.is_directed()
    assert graph.number_of_edges() == written == expected.number_of_edges()
    assert set(graph.nodes) == set(expected.nodes)
    putin = graph.nodes[str(entity_iri("vladimir-putin"))]
    assert putin["label"] == "ウラジーミル・プーチン" and putin["cls"] == "Person"
    assert float(putin["pagerank"]) > 0
    calls = [d for _, _, d in graph.edges(data=True)
             if d["category"] == "CONSULT" and d["date"].startswith("2021-01-26")]
    assert calls and all(d["quad"] == "verbal_cooperation" and d["sentence"] for d in calls)


def test_export_graph_to_streams_and_cli(seeds, tmp_path, capsys):
    text = io.StringIO()
    export_graph(seeds, "graphml", text)
    assert nx.parse_graphml(text.getvalue()).number_of_edges() > 0
    binary = io.BytesIO()
    export_graph(seeds, "gexf", binary)
    assert b"<gexf" in binary.getvalue()
    out = tmp_path / "g.gexf"
    assert main(["export", "--store", str(seeds.path), "--format", "gexf", "-o", str(out)]) == 0
    assert nx.read_gexf(out).number_of_nodes() > 0
    with pytest.raises(KGError, match="choose one of graphml, gexf"):
        export_graph(seeds, "dot", tmp_path / "g.dot")
