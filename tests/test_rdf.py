"""Extraction records → triples (docs/graph-model.md), and writing them idempotently."""

from __future__ import annotations

from types import SimpleNamespace

import dataclasses

import pytest
from graph_samples import (
    LAVROV,
    RULES,
    TEXT_1,
    extraction_new_start,
    extraction_un_request,
    sample_gazetteer,
)
from rdflib import Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS

from kg.errors import ExtractionError, OntologyError
from kg.model import DateValue, EntityRecord
from kg.namespace import (
    GAZETTEER_GRAPH,
    KG,
    ONTOLOGY_GRAPH,
    SCHEMA,
    WD,
    article_graph,
    article_iri,
    entity_iri,
    event_iri,
    evidence_iri,
    mention_iri,
    treaty_fact_iri,
)
from kg.rdf import (
    article_triples,
    date_literals,
    ensure_static_graphs,
    entity_triples,
    gazetteer_triples,
    label_language,
    write_article,
)

E = entity_iri
# not rdflib's XSD itself: pytest's collector warns on a module-level DefinedNamespace
xsd = SimpleNamespace(**{n: rdfns.XSD[n] for n in ("date", "gYearMonth", "gYear", "dateTime")})


@pytest.fixture(scope="module")
def gaz():
    return sample_gazetteer()


@pytest.fixture(scope="module")
def extraction():
    return extraction_new_start()


@pytest.fixture(scope="module")
def graph(extraction, gaz):
    return article_triples(extraction, gaz, RULES)


def event_of(extraction, category, trigger):
    event = next(e for e in extraction.events if e.category == category and e.trigger == trigger)
    return event, event_iri(event.article, event.sentence, event.start, event.category)


def test_article_node_carries_its_metadata(graph, extraction):
    node = article_iri(extraction.article.id)
    assert (node, RDF.type, KG.Article) in graph
    assert graph.value(node, DCTERMS.title) == Literal("米ロ、新STARTの5年延長で合意", lang="ja")
    assert graph.value(node, KG.contentId) == Literal("a1f0c0ffee000001")
    assert graph.value(node, KG.sourcePath) == Literal("seeds/001.txt")
    issued = graph.value(node, DCTERMS.issued)
    assert issued.datatype == xsd.dateTime and str(issued) == "2021-02-03T18:30:00+09:00"
    assert graph.value(node, DCTERMS.language) == Literal("ja")
    assert graph.value(node, KG.datelinePlace) == E("geneva")
    assert graph.value(node, KG.datelineDay) == Literal(3)
    assert graph.value(node, KG.agency) == Literal("ロイター")
    assert graph.value(node, SCHEMA.url) == URIRef(
        "https://news.example.jp/world/2021/02/03/new-start"
    )
    assert graph.value(node, KG.publication) == Literal("テスト国際ニュース")
    assert graph.value(node, KG.rulesVersion) == Literal(RULES)


def test_article_without_headline_uses_its_first_line(gaz):
    x = extraction_un_request()
    x = dataclasses.replace(x, article=dataclasses.replace(x.article, title=" "))
    g = article_triples(x, gaz, RULES)
    title = g.value(article_iri(x.article.id), DCTERMS.title)
    assert str(title) == x.article.text.splitlines()[0][:60]


def test_mention_records_span_surface_title_and_via(graph, extraction):
    m = next(m for m in extraction.mentions if m.entity == "joe-biden")
    node = mention_iri(extraction.article.id, m.start, m.end)
    assert (node, RDF.type, KG.Mention) in graph
    assert graph.value(node, KG.article) == article_iri(extraction.article.id)
    assert graph.value(node, KG.refersTo) == E("joe-biden")
    assert graph.value(node, KG.surface) == Literal("バイデン米大統領")
    assert graph.value(node, KG.title) == Literal("大統領")
    assert graph.value(node, KG.sentenceIndex) == Literal(1)
    assert (graph.value(node, KG.charStart), graph.value(node, KG.charEnd)) == (
        Literal(m.start),
        Literal(m.end),
    )
    assert graph.value(node, KG.via) == Literal("gazetteer")


def test_a_compound_mention_refers_to_each_member(graph, extraction):
    node = mention_iri(extraction.article.id, 0, 2)
    assert set(graph.objects(node, KG.refersTo)) == {E("united-states"), E("russia")}
    assert graph.value(node, KG.via) == Literal("group")


def test_event_has_types_roles_and_provenance(graph, extraction):
    event, node = event_of(extraction, "AGREE", "合意")
    assert {KG.Event, KG.Agree} <= set(graph.objects(node, RDF.type))
    assert graph.value(node, KG.category) == Literal("AGREE")
    assert graph.value(node, KG.quadClass) == Literal("verbal_cooperation")
    assert set(graph.objects(node, KG.source)) == {E("united-states"), E("russia")}
    assert graph.value(node, KG.about) == E("new-start")
    assert graph.value(node, KG.topic) == Literal("核軍縮")
    assert graph.value(node, KG.context) == Literal("cbrn")
    assert graph.value(node, KG.trigger) == Literal("合意")
    assert graph.value(node, KG.treatyStatus) == Literal("extended")
    assert graph.value(node, PROV.wasDerivedFrom) == article_iri(extraction.article.id)


def test_event_optional_roles(graph, extraction):
    _, accuse = event_of(extraction, "ACCUSE", "非難")
    assert graph.value(accuse, KG.recipient) == E("united-states")
    assert graph.value(accuse, KG.attributedTo) == E("russian-foreign-ministry")
    _, visit = event_of(extraction, "CONSULT", "訪問")
    assert graph.value(visit, KG.place) == E("geneva")
    assert graph.value(visit, KG.mode) == Literal("visit")
    assert graph.value(visit, KG.source) == E(LAVROV.key)


def test_evidence_holds_the_sentence_and_spans(graph, extraction):
    event, node = event_of(extraction, "CONSULT", "会談")
    evidence = graph.value(node, KG.evidence)
    assert evidence == evidence_iri(node, extraction.article.id)
    assert (evidence, RDF.type, KG.Evidence) in graph
    assert graph.value(evidence, KG.article) == article_iri(extraction.article.id)
    assert graph.value(evidence, KG.sentenceText) == Literal(
        "バイデン米大統領は1月26日、プーチン大統領と電話で会談した。", lang="ja"
    )
    assert graph.value(evidence, KG.sentenceIndex) == Literal(1)
    start, end = (graph.value(evidence, p).toPython() for p in (KG.charStart, KG.charEnd))
    assert TEXT_1[start:end] == "会談"
    spans = (KG.sentenceStart, KG.sentenceEnd)
    s_start, s_end = (graph.value(evidence, p).toPython() for p in spans)
    assert (s_start, s_end) == (event.sentence_start, event.sentence_end)


@pytest.mark.parametrize(
    ("category", "trigger", "date", "datatype", "precision", "start"),
    [
        ("AGREE", "合意", "2021-02-03", xsd.date, "day", "2021-02-03"),
        ("CONSULT", "会談", "2021-01", xsd.gYearMonth, "month", "2021-01-01"),
        ("CONSULT", "訪問", "2022", xsd.gYear, "year", "2022-01-01"),
    ],
)
def test_event_date_datatype_follows_precision(
    graph, extraction, category, trigger, date, datatype, precision, start
):
    _, node = event_of(extraction, category, trigger)
    assert graph.value(node, KG.date) == Literal(date, datatype=datatype)
    assert graph.value(node, KG.datePrecision) == Literal(precision)
    assert graph.value(node, KG.dateStart) == Literal(start, datatype=xsd.date)


def test_event_without_date_has_no_date_triples(graph, extraction):
    _, node = event_of(extraction, "ACCUSE", "非難")
    for prop in (KG.date, KG.datePrecision, KG.dateStart):
        assert graph.value(node, prop) is None


def test_date_literals_fall_back_to_the_precision_held():
    date, precision, _ = date_literals(DateValue(2021, 6, None, "day"))
    assert (date, precision) == (Literal("2021-06", datatype=xsd.gYearMonth), "month")
    date, precision, _ = date_literals(DateValue(2021, None, None, "month"))
    assert (date, precision) == (Literal("2021", datatype=xsd.gYear), "year")


def test_treaty_status_event_writes_a_lifecycle_fact(graph, extraction):
    _, event = event_of(extraction, "AGREE", "合意")
    fact = treaty_fact_iri(event, "new-start", "extended")
    assert (fact, RDF.type, KG.TreatyFact) in graph
    assert graph.value(fact, KG.treaty) == E("new-start")
    assert graph.value(fact, KG.status) == Literal("extended")
    assert set(graph.objects(fact, KG.party)) == {E("united-states"), E("russia")}
    assert graph.value(fact, KG.reportedBy) == event
    assert graph.value(fact, KG.date) == Literal("2021-02-03", datatype=xsd.date)
    assert (E("new-start"), KG.lifecycle, fact) in graph


def test_treaty_parties_of_persons_are_their_countries(gaz, extraction):
    event = dataclasses.replace(
        extraction.events[0], sources=("joe-biden", "vladimir-putin"), treaty_status="signed"
    )
    g = article_triples(dataclasses.replace(extraction, events=(event,)), gaz, RULES)
    (fact,) = g.subjects(RDF.type, KG.TreatyFact)
    assert set(g.objects(fact, KG.party)) == {E("united-states"), E("russia")}


def test_minted_entities_are_described_in_the_article_graph(graph):
    node = E(LAVROV.key)
    assert {KG.Person, KG.Actor} <= set(graph.objects(node, RDF.type))
    assert graph.value(node, SKOS.prefLabel) == Literal("ラブロフ", lang="ja")
    assert graph.value(node, KG.minted) == Literal(True)


def test_gazetteer_entities_are_not_repeated_in_the_article_graph(graph):
    assert graph.value(E("joe-biden"), SKOS.prefLabel) is None
    assert (E("joe-biden"), RDF.type, KG.Person) not in graph


def test_gazetteer_triples_describe_every_entity(gaz):
    g = gazetteer_triples(gaz)
    for key in gaz.entities:
        assert g.value(E(key), SKOS.prefLabel) is not None, key
    biden = E("joe-biden")
    assert set(g.objects(biden, RDF.type)) == {KG.Person, KG.Actor}
    assert set(g.objects(biden, SKOS.prefLabel)) == {
        Literal("ジョー・バイデン", lang="ja"),
        Literal("Joe Biden", lang="en"),
    }
    assert g.value(biden, SKOS.altLabel) == Literal("バイデン", lang="ja")
    assert g.value(biden, OWL.sameAs) == WD.Q6279
    assert g.value(biden, KG.country) == E("united-states")
    assert g.value(biden, KG.office) == Literal("President of the United States")
    assert g.value(E("united-states"), KG.iso3) == Literal("USA")
    assert set(g.objects(E("us-russia"), KG.member)) == {E("united-states"), E("russia")}
    assert set(g.objects(E("new-start"), RDF.type)) == {KG.Treaty}  # not an actor


def test_alias_language_is_ja_for_kana_and_kanji_else_en():
    assert [label_language(a) for a in ("米国", "アメリカ", "新START", "USA", "US")] == [
        "ja", "ja", "ja", "en", "en",
    ]


def test_entity_of_unknown_type_names_the_entity_and_the_choices():
    with pytest.raises(OntologyError, match=r"'moon'.*'Satellite'.*Person"):
        entity_triples(EntityRecord("moon", "Satellite", "月", "Moon"))


def test_unknown_entity_key_names_the_file_and_the_key(gaz, extraction):
    event = dataclasses.replace(extraction.events[0], sources=("atlantis",))
    with pytest.raises(ExtractionError, match=r"seeds/001\.txt.*'atlantis'"):
        article_triples(dataclasses.replace(extraction, events=(event,)), gaz, RULES)


def test_unknown_category_lists_the_valid_ones(gaz, extraction):
    event = dataclasses.replace(extraction.events[0], category="PRAISE")
    with pytest.raises(ExtractionError, match=r"seeds/001\.txt.*PRAISE.*AGREE, CONSULT"):
        article_triples(dataclasses.replace(extraction, events=(event,)), gaz, RULES)


def test_write_article_twice_changes_nothing(store, gaz, extraction):
    ensure_static_graphs(store, gaz)
    assert write_article(store, extraction, gaz, RULES) is True
    count = len(store)
    assert write_article(store, extraction, gaz, RULES) is False
    assert len(store) == count
    assert len(store.graph(article_graph(extraction.article.id))) == len(
        article_triples(extraction, gaz, RULES)
    )


def test_write_article_replaces_what_was_there(store, gaz, extraction):
    write_article(store, extraction, gaz, RULES)
    fewer = dataclasses.replace(extraction, events=extraction.events[:1])
    assert write_article(store, fewer, gaz, RULES) is True
    events = store.select("SELECT ?e WHERE { ?e a <%s> }" % KG.Event)
    assert len(events) == 1
    stored = set(store.graph(article_graph(extraction.article.id)))
    assert stored == set(article_triples(fewer, gaz, RULES))
    assert write_article(store, fewer, gaz, "rules-2") is True  # a new rules version rewrites


def test_ensure_static_graphs_writes_once_and_again_on_change(store, gaz):
    assert ensure_static_graphs(store, gaz) is True
    assert store.has_graph(ONTOLOGY_GRAPH) and store.has_graph(GAZETTEER_GRAPH)
    count = len(store)
    assert ensure_static_graphs(store, gaz) is False
    assert len(store) == count
    changed = dataclasses.replace(gaz, entities={**gaz.entities}, by_surface={})
    changed.entities["japan"] = dataclasses.replace(gaz.entities["japan"], label_en="Nippon")
    assert ensure_static_graphs(store, changed) is True
    labels = store.select(
        "SELECT ?label WHERE { <%s> <%s> ?label FILTER(lang(?label) = 'en') }"
        % (E("japan"), SKOS.prefLabel)
    )
    assert [str(r["label"]) for r in labels] == ["Nippon"]


def test_two_events_on_one_trigger_keep_their_own_actors(extraction, gaz):
    """``AはXを、BはYをそれぞれ解放した``: one verb, two events of one category. Each is a
    node of its own with its own sides; the first keeps the IRI it always had."""
    first = next(e for e in extraction.events if e.sources and e.recipients)
    second = dataclasses.replace(first, sources=first.recipients, recipients=first.sources)
    paired = dataclasses.replace(extraction, events=[first, second])
    triples = article_triples(paired, gaz, RULES)
    iri = event_iri(first.article, first.sentence, first.start, first.category)
    nodes = {s for s, p, o in triples if p == RDF.type and o == KG.Event}
    assert len(nodes) == 2 and iri in nodes
    for node, event in ((iri, first), (next(iter(nodes - {iri})), second)):
        assert {o for o in triples.objects(node, KG.source)} == {E(k) for k in event.sources}
        assert {o for o in triples.objects(node, KG.recipient)} == {E(k) for k in event.recipients}
