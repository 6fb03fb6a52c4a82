"""Tests for the graph page's data (kg.viz.graph_data) and its HTML (kg.viz.render_html)."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.namespace import KG, article_graph, article_iri, entity_iri, event_iri, evidence_iri
from kg.page_assets import json_for_script
from kg.viz import (GraphData, GraphEdge, GraphNode, event_links, graph_data, render_html,
                    write_graph_html)

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1"> \' " href'

ENTITIES = {  # key: (class, ja label, en label)
    "joe-biden": (KG.Person, "ジョー・バイデン", "Joe Biden"),
    "vladimir-putin": (KG.Person, "ウラジーミル・プーチン", "Vladimir Putin"),
    "united-states": (KG.Country, "アメリカ合衆国", "United States"),
    "russia": (KG.Country, "ロシア", "Russia"),
    "new-start": (KG.Treaty, "新START", "New START"),
    "geneva": (KG.Place, "ジュネーブ", "Geneva"),
    "nato": (KG.Organization, None, "NATO"),
    "hostile": (KG.Person, HOSTILE, None),
}


def entity_triples(key: str) -> list[tuple]:
    cls, ja, en = ENTITIES[key]
    e = entity_iri(key)
    out = [(e, RDF.type, cls)]
    if cls in (KG.Person, KG.Country, KG.Organization):
        out.append((e, RDF.type, KG.Actor))
    if ja:
        out.append((e, SKOS.prefLabel, Literal(ja, lang="ja")))
    if en:
        out.append((e, SKOS.prefLabel, Literal(en, lang="en")))
    return out


def event_triples(article: str, n: int, category: str, quad: str, roles: dict[str, list[str]],
                  sentence: str = "両首脳は新STARTの延長で合意した。", date: str = "2021-06-16",
                  datatype: URIRef = rns.XSD.date, precision: str = "day") -> list[tuple]:
    ev = event_iri(article, n, 10 * n, category)
    evidence = evidence_iri(ev, article)
    out = [(ev, RDF.type, KG.Event), (ev, KG.category, Literal(category)),
           (ev, KG.quadClass, Literal(quad)),
           (ev, KG.date, Literal(date, datatype=datatype)),
           (ev, KG.datePrecision, Literal(precision)),
           (ev, KG.evidence, evidence), (ev, PROV.wasDerivedFrom, article_iri(article)),
           (evidence, RDF.type, KG.Evidence), (evidence, KG.article, article_iri(article)),
           (evidence, KG.sentenceIndex, Literal(n)), (evidence, KG.sentenceText, Literal(sentence))]
    for role, keys in roles.items():
        out += [(ev, KG[role], entity_iri(k)) for k in keys]
    return out


def article_triples(article: str, headline: str) -> list[tuple]:
    a = article_iri(article)
    return [(a, RDF.type, KG.Article), (a, DCTERMS.title, Literal(headline, lang="ja")),
            (a, KG.contentId, Literal(article))]


@pytest.fixture
def filled(store):
    """Two articles: a summit (multi-edges, co-sources, place) and a hostile one."""
    from kg.namespace import GAZETTEER_GRAPH

    store.replace_graph(GAZETTEER_GRAPH, [t for k in ENTITIES for t in entity_triples(k)])
    summit = article_triples("a1", "米ロ首脳がジュネーブで会談") + [
        *event_triples("a1", 1, "CONSULT", "verbal_cooperation",
                       {"source": ["joe-biden", "vladimir-putin"], "place": ["geneva"]}),
        *event_triples("a1", 2, "AGREE", "verbal_cooperation",
                       {"source": ["united-states"], "recipient": ["russia"],
                        "about": ["new-start"]}, date="2021-02", datatype=rns.XSD.gYearMonth,
                       precision="month"),
        *event_triples("a1", 3, "ACCUSE", "verbal_conflict",
                       {"source": ["united-states"], "recipient": ["russia"]}),
        *event_triples("a1", 4, "MOBILIZE", "material_conflict", {"source": ["russia"]}),
        *event_triples("a1", 5, "SANCTION", "material_conflict", {"recipient": ["russia"]}),
        (event_iri("a1", 2, 20, "AGREE"), KG.context, Literal("future")),
    ]
    store.replace_graph(article_graph("a1"), summit)
    hostile = article_triples("a2", HOSTILE) + event_triples(
        "a2", 1, "DEMAND", "verbal_conflict", {"source": ["hostile"], "recipient": ["nato"]},
        sentence=HOSTILE)
    store.replace_graph(article_graph("a2"), hostile)
    return store


@pytest.mark.parametrize(
    ("sources", "recipients", "abouts", "places", "expected"),
    [
        (["a"], ["b"], [], [], [("a", "b", "event")]),
        (["a", "c"], ["b"], [], [], [("a", "b", "event"), ("c", "b", "event")]),
        (["a"], [], ["t"], [], [("a", "t", "event")]),
        (["b", "a"], [], [], [], [("a", "b", "co-source")]),
        (["a"], [], [], [], [("a", "a", "self")]),
        (["a"], ["b"], ["t"], ["p"], [("a", "b", "event"), ("a", "t", "about"),
                                      ("a", "p", "place")]),
        ([], ["b"], ["t"], [], []),
        (["a"], ["a"], [], [], []),
    ],
)
def test_event_links_rules(sources, recipients, abouts, places, expected):
    assert event_links(sources, recipients, abouts, places) == expected


def test_graph_data_counts_nodes_and_edges(filled):
    data = graph_data(filled)
    ids = {n.id for n in data.nodes}
    expected = {str(entity_iri(k)) for k in ENTITIES}
    assert ids == expected
    assert data.events == 6
    assert data.unattached_events == 1  # the SANCTION with no source
    kinds = sorted(e.kind for e in data.edges)
    assert kinds == sorted(["co-source", "place", "place", "event", "about", "event", "self",
                            "event"])


def test_graph_data_keeps_multi_edges_distinct(filled):
    data = graph_data(filled)
    us, ru = str(entity_iri("united-states")), str(entity_iri("russia"))
    between = [e for e in data.edges if (e.source, e.target) == (us, ru)]
    assert sorted(e.category for e in between) == ["ACCUSE", "AGREE"]
    assert len({e.id for e in data.edges}) == len(data.edges)
    assert len({e.event for e in between}) == 2


def test_graph_data_labels_classes_and_tooltips(filled):
    nodes = {n.id: n for n in graph_data(filled).nodes}
    biden = nodes[str(entity_iri("joe-biden"))]
    assert (biden.label, biden.label_en, biden.cls) == ("ジョー・バイデン", "Joe Biden", "Person")
    assert nodes[str(entity_iri("nato"))].label == "NATO"  # English fallback
    assert nodes[str(entity_iri("new-start"))].cls == "Treaty"
    assert nodes[str(entity_iri("hostile"))].label == HOSTILE
    agree = next(e for e in graph_data(filled).edges if e.category == "AGREE")
    assert agree.date == "2021-02 (month)"
    assert agree.headline == "米ロ首脳がジュネーブで会談"
    assert "両首脳は新STARTの延長で合意した。" in agree.tooltip
    assert "新START" in agree.tooltip and "2021-02 (month)" in agree.tooltip
    assert "context: future" in agree.tooltip


def test_graph_data_max_nodes_reports_omitted(filled):
    data = graph_data(filled, max_nodes=3)
    assert len(data.nodes) == 3
    assert len(data.omitted_nodes) == len(ENTITIES) - 3
    assert "ロシア" not in data.omitted_nodes  # the most connected node stays
    kept = {n.id for n in data.nodes}
    assert all(e.source in kept and e.target in kept for e in data.edges)
    assert data.omitted_edges > 0


def test_render_html_has_no_remote_resource(filled):
    page = render_html(graph_data(filled))
    tags = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", page, re.IGNORECASE)
    assert tags, "the page should have script tags"
    for tag in tags:
        assert not re.search(r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", tag, re.I), tag
    for remote in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "googleapis"):
        assert remote not in page
    assert "vis.Network" in page  # vis-network is inlined
    assert "default-src 'none'" in page  # and a CSP forbids loading anything else


def test_render_html_escapes_data_json(filled):
    page = render_html(graph_data(filled))
    blob = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert blob is not None
    text = blob.group(1)
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert HOSTILE in [n["full_label"] for n in data["nodes"]]
    assert any(e["sentence"] == HOSTILE and e["headline"] == HOSTILE for e in data["edges"])
    assert "<script>window.pwned" not in page
    assert "<img src=x" not in page


def test_json_for_script_escapes_separators():
    text = json_for_script({"s": "a\u2028b\u2029c</script>&"})
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"s": "a\u2028b\u2029c</script>&"}


def test_render_html_big_graph_uses_fixed_positions():
    nodes = [GraphNode(f"n{i}", f"ノード{i}", "Country") for i in range(1200)]
    edges = [GraphEdge(f"e{i}", f"n{i}", f"n{(i * 7 + 1) % 1200}", "event", "CONSULT",
                       "verbal_cooperation", "", "", "", "", "") for i in range(1200)]
    page = render_html(GraphData(nodes=nodes, edges=edges))
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_write_graph_html_writes_utf8(filled, tmp_path):
    summary = write_graph_html(filled, tmp_path / "graph.html")
    page = (tmp_path / "graph.html").read_bytes().decode("utf-8")
    assert "<meta charset=\"utf-8\">" in page
    assert summary.nodes == len(ENTITIES) and summary.edges == 8
    assert summary.omitted_nodes == [] and summary.physics
