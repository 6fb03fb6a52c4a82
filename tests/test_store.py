"""The on-disk Oxigraph store: atomic replacement, union default graph, bound values, errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import QueryError, StoreError
from kg.namespace import ID, KG
from kg.store import STORE_FORMAT, STORE_GRAPH, STORE_NODE, KGStore

EX = "https://kg.example.org/id/test/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
A, B = URIRef(EX + "a"), URIRef(EX + "b")


def triples(n: int, subject: URIRef = A) -> list:
    return [(subject, RDFS.label, Literal(f"ラベル{i}", lang="ja")) for i in range(n)]


def test_replace_graph_replaces_the_content(store):
    store.replace_graph(G1, triples(5))
    store.replace_graph(G1, triples(2))
    assert len(store.graph(G1)) == 2
    assert set(store.graph(G1)) == set(triples(2))


def test_replace_graph_with_the_same_triples_changes_nothing(store):
    store.replace_graph(G1, triples(3))
    before = len(store)
    store.replace_graph(G1, triples(3))
    assert len(store) == before
    assert store.graph_matches(G1, triples(3))
    assert not store.graph_matches(G1, triples(2))


def test_replace_graph_with_nothing_empties_it(store):
    store.replace_graph(G1, triples(3))
    store.replace_graph(G1, [])
    assert len(store.graph(G1)) == 0


def test_replace_graph_keeps_the_old_graph_when_the_new_one_is_unstorable(store):
    store.replace_graph(G1, triples(3))
    bad = [*triples(1), (URIRef("not an iri with spaces"), RDFS.label, Literal("x"))]
    with pytest.raises(StoreError, match="not an iri with spaces"):
        store.replace_graph(G1, bad)
    assert set(store.graph(G1)) == set(triples(3))


def test_replace_graph_is_one_transaction(store, monkeypatch):
    """A new graph is one ``extend``; replacing a stored one is one update (drop + insert)."""
    calls = []
    inner = store._store
    monkeypatch.setattr(store, "_store", _Recorder(inner, calls))
    store.replace_graph(G1, triples(2))
    assert calls == [("extend", 2)]
    calls.clear()
    store.replace_graph(G1, triples(3))
    assert len(calls) == 1 and "DROP SILENT GRAPH" in calls[0] and "INSERT DATA" in calls[0]
    assert set(store.graph(G1)) == set(triples(3))


def test_new_and_replaced_graphs_store_the_same_terms(store):
    """The ``extend`` path and the SPARQL path write identical quads."""
    from rdflib.namespace import XSD

    odd = [(A, RDFS.label, Literal('a "quoted"\nline\\', lang="ja")),
           (A, RDFS.comment, Literal("2024-03", datatype=XSD.gYearMonth)),
           (A, RDFS.seeAlso, URIRef("https://example.org/a%20b?x=1#f")),
           (A, RDFS.isDefinedBy, Literal(True)), (A, KG.charStart, Literal(12))]
    store.replace_graph(G1, odd)
    store.replace_graph(G2, triples(1))
    store.replace_graph(G2, odd)
    assert store.graph_matches(G1, odd) and store.graph_matches(G2, odd)
    assert set(store.graph(G1)) == set(store.graph(G2)) == set(odd)


class _Recorder:
    def __init__(self, inner, calls):
        self.inner, self.calls = inner, calls

    def update(self, text):
        self.calls.append(text)
        return self.inner.update(text)

    def extend(self, quads):
        quads = list(quads)
        self.calls.append(("extend", len(quads)))
        return self.inner.extend(quads)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_queries_see_the_union_of_all_graphs(store):
    store.replace_graph(G1, [(A, RDFS.label, Literal("a"))])
    store.replace_graph(G2, [(B, RDFS.label, Literal("b"))])
    rows = store.select("SELECT ?s ?l WHERE { ?s <%s> ?l } ORDER BY ?l" % RDFS.label)
    assert [(r["s"], str(r["l"])) for r in rows] == [(A, "a"), (B, "b")]
    assert G1 in store.graphs() and G2 in store.graphs()


def test_bindings_are_values_not_query_text(store):
    hostile = 'ジュネーブ"} ; DROP ALL ; INSERT DATA { <x:a> <x:b> "c" } #'
    store.replace_graph(G1, [(A, RDFS.label, Literal(hostile, lang="ja"))])
    store.replace_graph(G2, triples(2, B))
    before = len(store)
    rows = store.select(
        "SELECT ?s ?label WHERE { ?s <%s> ?label }" % RDFS.label,
        {"label": Literal(hostile, lang="ja")},
    )
    assert [r["s"] for r in rows] == [A]
    assert str(rows[0]["label"]) == hostile
    assert store.ask("ASK { ?s <%s> ?label }" % RDFS.label, {"label": Literal(hostile)}) is False
    assert len(store) == before


def test_binding_a_variable_select_does_not_project_explains(store):
    with pytest.raises(QueryError, match="projects"):
        store.select("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("x")})


def test_malformed_sparql_is_a_query_error(store):
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.select("SELECT ?s WHERE { ?s ")


def test_construct_and_ask(store):
    store.replace_graph(G1, triples(2))
    store.replace_graph(G2, triples(1, B))
    graph = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": A})
    assert set(graph) == set(triples(2))
    assert store.ask("ASK { ?s ?p ?o }", {"s": A}) is True
    with pytest.raises(QueryError, match="expected a SELECT"):
        store.select("ASK { ?s ?p ?o }")


def test_remove_and_has_graph(store):
    store.replace_graph(G1, triples(1))
    assert store.has_graph(G1)
    store.remove_graph(G1)
    assert not store.has_graph(G1)
    store.remove_graph(G1)  # absent: no error


def test_dataset_keeps_graph_names(store):
    store.replace_graph(G1, triples(2))
    dataset = store.dataset()
    assert len(dataset.graph(G1)) == 2


def test_store_records_its_format_version(tmp_path):
    with KGStore(tmp_path / "s") as s:
        assert s.format_version == STORE_FORMAT
        assert (STORE_NODE, KG.formatVersion, Literal(STORE_FORMAT)) in set(s.graph(STORE_GRAPH))
    with KGStore(tmp_path / "s", read_only=True) as s:
        assert s.format_version == STORE_FORMAT


def test_store_of_another_format_is_refused(tmp_path):
    with KGStore(tmp_path / "s") as s:
        s.replace_graph(STORE_GRAPH, [(STORE_NODE, KG.formatVersion, Literal("0"))])
    with pytest.raises(StoreError, match=r"store format 0.*format 1.*kg build"):
        KGStore(tmp_path / "s")


def test_data_survives_reopening(tmp_path):
    with KGStore(tmp_path / "s") as s:
        s.replace_graph(G1, triples(3))
    with KGStore(tmp_path / "s", read_only=True) as s:
        assert len(s.graph(G1)) == 3


def test_read_only_store_refuses_writes(tmp_path):
    KGStore(tmp_path / "s").close()
    with KGStore(tmp_path / "s", read_only=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            s.replace_graph(G1, triples(1))


def test_read_only_without_a_store_says_to_build(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        KGStore(tmp_path / "nothing", read_only=True)


def test_a_file_is_not_a_store(tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        KGStore(path)


def test_a_store_locked_by_another_process_is_a_clear_error(tmp_path):
    path = tmp_path / "s"
    KGStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from kg.store import KGStore
            s = KGStore({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=r"in use by another process.*read-only"):
            KGStore(path)
        with KGStore(path, read_only=True) as reader:  # readers may run beside the writer
            assert reader.format_version == STORE_FORMAT
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_close_twice_is_harmless(tmp_path):
    s = KGStore(tmp_path / "s")
    s.close()
    s.close()


def test_store_graph_iri_is_under_id():
    assert str(STORE_GRAPH).startswith(str(ID))
