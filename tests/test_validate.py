"""SHACL validation: a correct graph conforms; each kind of breakage is reported at its node."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from graph_samples import (
    LAVROV,
    RULES,
    extraction_new_start,
    extraction_un_request,
    sample_gazetteer,
)
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.namespace import KG, article_iri, entity_iri, event_iri, mention_iri, treaty_fact_iri
from kg.rdf import article_triples, ensure_static_graphs, gazetteer_triples, write_article
from kg.validate import ValidationReport, validate_graph, validate_store

# not rdflib's XSD itself: pytest's collector warns on a module-level DefinedNamespace
xsd = SimpleNamespace(**{n: rdfns.XSD[n] for n in ("date", "gYearMonth", "gYear", "dateTime")})
EXTRACTION = extraction_new_start()
ARTICLE = article_iri(EXTRACTION.article.id)


def _event(category: str, trigger: str) -> URIRef:
    e = next(e for e in EXTRACTION.events if e.category == category and e.trigger == trigger)
    return event_iri(e.article, e.sentence, e.start, e.category)


AGREE = _event("AGREE", "合意")
ACCUSE = _event("ACCUSE", "非難")
FACT = treaty_fact_iri(AGREE, "new-start", "extended")
BIDEN_MENTION = next(
    mention_iri(EXTRACTION.article.id, m.start, m.end)
    for m in EXTRACTION.mentions
    if m.entity == "joe-biden"
)


@pytest.fixture(scope="module")
def base() -> Graph:
    gaz = sample_gazetteer()
    graph = gazetteer_triples(gaz)
    graph += article_triples(EXTRACTION, gaz, RULES)
    graph += article_triples(extraction_un_request(), gaz, RULES)
    return graph


def evidence_of(g: Graph, event: URIRef) -> URIRef:
    return g.value(event, KG.evidence)


def _set(g, s, p, o):
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o))
    return s


def _add(g, s, p, o):
    g.add((s, p, o))
    return s


MERGE = URIRef("https://kg.example.org/id/merge/0123456789abcdef")


def _merge(g, *, canonical=AGREE, local=URIRef("https://kg.example.org/id/event/gone")):
    """A merge record (docs/merging.md) with one part possibly missing or wrong."""
    for p, o in ((RDF.type, KG.Merge), (KG.canonical, canonical), (KG.localEvent, local),
                 (KG.article, ARTICLE), (KG.mergeReason, Literal("AGREE; participants 2/2"))):
        if o is not None:
            g.add((MERGE, p, o))
    return MERGE


def _no_actor(g, event):
    _set(g, event, KG.source, None)
    _set(g, event, KG.recipient, None)
    return event


def _two_dates(g):
    evidence = evidence_of(g, AGREE)
    g.add((evidence, KG.date, Literal("2021-02", datatype=xsd.gYearMonth)))
    g.add((evidence, KG.date, Literal("2021-03", datatype=xsd.gYearMonth)))
    g.add((evidence, KG.datePrecision, Literal("month")))
    return evidence


def _shared_evidence(g):
    evidence = evidence_of(g, AGREE)
    g.add((ACCUSE, KG.evidence, evidence))
    return evidence


# each mutation breaks the graph and returns the focus node the report must name
MUTATIONS = {
    "event without source or recipient": lambda g: _no_actor(g, AGREE),
    "event with two categories": lambda g: _add(g, AGREE, KG.category, Literal("CONSULT")),
    "unknown category": lambda g: _set(g, AGREE, KG.category, Literal("PRAISE")),
    "class disagrees with category": lambda g: _set(g, ACCUSE, KG.category, Literal("REJECT")),
    "context not in the list": lambda g: _add(g, AGREE, KG.context, Literal("gossip")),
    "date datatype vs precision": lambda g: _set(
        g, AGREE, KG.date, Literal("2021", datatype=xsd.gYear)
    ),
    "date without precision": lambda g: _set(g, AGREE, KG.datePrecision, None),
    "precision without date": lambda g: _set(g, ACCUSE, KG.datePrecision, Literal("day")),
    "mode not a string": lambda g: _set(g, ACCUSE, KG.mode, Literal(3)),
    "source not an actor": lambda g: _add(g, ACCUSE, KG.source, entity_iri("new-start")),
    "event without evidence": lambda g: _set(g, ACCUSE, KG.evidence, None),
    "evidence without sentence text": lambda g: _set(
        g, evidence_of(g, AGREE), KG.sentenceText, None
    ),
    "evidence text untagged": lambda g: _set(
        g, evidence_of(g, AGREE), KG.sentenceText, Literal("米ロ両政府は合意した。")
    ),
    "trigger outside its sentence": lambda g: _set(
        g, evidence_of(g, AGREE), KG.charEnd, Literal(500)
    ),
    "merge without canonical event": lambda g: _merge(g, canonical=None),
    "merge whose canonical is no event": lambda g: _merge(g, canonical=ARTICLE),
    "merge whose local event still has triples": lambda g: _merge(g, local=ACCUSE),
    "merge without reason": lambda g: _set(g, _merge(g), KG.mergeReason, None),
    "evidence with two dates": lambda g: _two_dates(g),
    "evidence date without precision": lambda g: _add(
        g, evidence_of(g, AGREE), KG.date, Literal("2021-02", datatype=xsd.gYearMonth)
    ),
    "evidence of two events": lambda g: _shared_evidence(g),
    "treaty fact with unknown status": lambda g: _set(g, FACT, KG.status, Literal("renewed")),
    "treaty fact without treaty": lambda g: _set(g, FACT, KG.treaty, None),
    "article without title": lambda g: _set(g, ARTICLE, DCTERMS.title, None),
    "article without content id": lambda g: _set(g, ARTICLE, KG.contentId, None),
    "mention without entity": lambda g: _set(g, BIDEN_MENTION, KG.refersTo, None),
    "mention span reversed": lambda g: _set(g, BIDEN_MENTION, KG.charStart, Literal(1000)),
    "entity without label": lambda g: _set(g, entity_iri(LAVROV.key), SKOS.prefLabel, None),
    "entity label in another language": lambda g: _set(
        g, entity_iri(LAVROV.key), SKOS.prefLabel, Literal("Лавров", lang="ru")
    ),
    "actor of two kinds": lambda g: _add(g, entity_iri("russia"), RDF.type, KG.Person),
    "wikidata link not a QID": lambda g: _set(
        g, entity_iri("russia"), URIRef("http://www.w3.org/2002/07/owl#sameAs"),
        URIRef("https://en.wikipedia.org/wiki/Russia"),
    ),
}


def test_correct_graph_conforms(base):
    report = validate_graph(base)
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.text
    assert report.violations == 0 and report.focus_nodes == ()


def test_merged_event_with_two_triggers_and_an_evidence_date_conforms(base):
    graph = Graph()
    graph += base
    graph.add((AGREE, KG.trigger, Literal("延長合意")))  # a second article's wording
    evidence = evidence_of(graph, AGREE)
    graph.add((evidence, KG.date, Literal("2021-02", datatype=xsd.gYearMonth)))
    graph.add((evidence, KG.datePrecision, Literal("month")))
    graph.add((evidence, KG.dateStart, Literal("2021-02-01", datatype=xsd.date)))
    _merge(graph)
    report = validate_graph(graph)
    assert report.conforms, report.text


def test_event_with_a_recipient_and_no_source_conforms(base):
    """``武装集団が警察官を襲撃した``: an unnamed doer leaves the event with only a recipient."""
    graph = Graph()
    graph += base
    _set(graph, ACCUSE, KG.source, None)
    assert graph.value(ACCUSE, KG.recipient) is not None
    report = validate_graph(graph)
    assert report.conforms, report.text


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_broken_graph_reports_the_focus_node(base, name):
    graph = Graph()
    graph += base
    focus = MUTATIONS[name](graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert report.violations >= 1
    assert focus in report.focus_nodes, report.text
    assert str(focus) in report.text


def test_graph_broken_in_several_ways_reports_each(base):
    graph = Graph()
    graph += base
    names = ["event without source or recipient", "article without title", "treaty fact with unknown status",
             "entity without label"]
    foci = {MUTATIONS[name](graph) for name in names}
    report = validate_graph(graph)
    assert not report.conforms
    assert report.violations >= len(names)
    assert foci <= set(report.focus_nodes)


def test_validate_store_checks_everything_written(store):
    gaz = sample_gazetteer()
    ensure_static_graphs(store, gaz)
    write_article(store, EXTRACTION, gaz, RULES)
    write_article(store, extraction_un_request(), gaz, RULES)
    report = validate_store(store)
    assert report.conforms, report.text
    store.replace_graph(URIRef("https://kg.example.org/id/graph/broken"),
                        [(AGREE, KG.context, Literal("gossip"))])
    report = validate_store(store)
    assert not report.conforms and report.focus_nodes == (AGREE,)
