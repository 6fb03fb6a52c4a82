"""Extraction records → RDF triples, and writing them to the store one named graph per article.

The shape of every triple written here is the contract in ``docs/graph-model.md``.
Article text (titles, sentences) carries the article's language tag; surface forms,
triggers, topics and codes are plain strings so queries can match them literally.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS, XSD

from kg.errors import ExtractionError, OntologyError
from kg.gazetteer import Gazetteer
from kg.model import DateValue, EntityRecord, Event, Extraction
from kg.namespace import (
    GAZETTEER_GRAPH,
    KG,
    ONTOLOGY_GRAPH,
    SCHEMA,
    SEM,
    WD,
    article_graph,
    article_iri,
    entity_iri,
    event_iri,
    evidence_iri,
    mention_iri,
    treaty_fact_iri,
)
from kg.ontology import ONTOLOGY_FILE, file_digest, load_ontology
from kg.plover import CATEGORIES, TREATY_STATUSES
from kg.store import KGStore

if TYPE_CHECKING:
    from kg.merge import MergeCache

Triple = tuple[Any, Any, Any]

ENTITY_CLASSES: dict[str, URIRef] = {
    "Person": KG.Person,
    "Country": KG.Country,
    "Organization": KG.Organization,
    "Group": KG.Group,
    "Treaty": KG.Treaty,
    "Initiative": KG.Initiative,
    "Place": KG.Place,
    "Topic": KG.Topic,
}
ACTOR_TYPES = frozenset({"Person", "Country", "Organization", "Group"})

DATE_TYPES: dict[str, URIRef] = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}

# Kana, CJK ideographs and full-width forms: an alias containing any of them is Japanese.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u3005\u3006]")

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "id": "https://kg.example.org/id/",
    "sem": str(SEM),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "owl": str(OWL),
    "xsd": str(XSD),
    "wd": str(WD),
}


# Literals made once and shared: an article repeats offsets, categories, surfaces and
# triggers, and the articles of a build repeat them again (Literal() parses its value).
_lit = lru_cache(maxsize=1 << 16, typed=True)(Literal)
# rdflib resolves ``RDF.x`` through a metaclass ``__getattr__`` on every access: the
# terms written once per mention or event are looked up once here.
_TYPE, _DERIVED_FROM = RDF.type, PROV.wasDerivedFrom


def _bind(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def label_language(text: str) -> str:
    """``ja`` for a label written with kana or kanji, else ``en`` (``USA``, ``US``)."""
    return "ja" if _JAPANESE.search(text) else "en"


def date_literals(date: DateValue) -> tuple[Literal, str, Literal]:
    """``(kg:date, kg:datePrecision, kg:dateStart)`` for a date value.

    The precision falls back to what the value actually holds (a "day" value without a
    day is written as a month), so the datatype always matches the precision.
    """
    precision = date.precision
    if precision == "day" and date.day is None:
        precision = "month"
    if precision in ("day", "month") and date.month is None:
        precision = "year"
    value = DateValue(date.year, date.month, date.day, precision)
    return (
        _lit(value.iso, datatype=DATE_TYPES[precision]),
        precision,
        _lit(value.first_day, datatype=XSD.date),
    )


def entity_triples(record: EntityRecord) -> list[tuple[URIRef, URIRef, Literal | URIRef]]:
    """The description of one entity: types, labels, Wikidata, code, affiliation, members.

    Raises:
        OntologyError: the entity's type is not one of ``ENTITY_CLASSES``.
    """
    cls = ENTITY_CLASSES.get(record.type)
    if cls is None:
        raise OntologyError(
            f"entity {record.key!r} has type {record.type!r}; "
            f"valid types: {', '.join(ENTITY_CLASSES)}"
        )
    node = entity_iri(record.key)
    triples: list[tuple[URIRef, URIRef, Literal | URIRef]] = [(node, RDF.type, cls)]
    if record.type in ACTOR_TYPES:
        triples.append((node, RDF.type, KG.Actor))
    if record.label_ja:
        triples.append((node, SKOS.prefLabel, Literal(record.label_ja, lang="ja")))
    if record.label_en:
        triples.append((node, SKOS.prefLabel, Literal(record.label_en, lang="en")))
    labels = {record.label_ja, record.label_en}
    for alias in record.aliases:
        if alias and alias not in labels:
            triples.append((node, SKOS.altLabel, Literal(alias, lang=label_language(alias))))
    if record.wikidata:
        triples.append((node, OWL.sameAs, WD[record.wikidata]))
    if record.iso3:
        triples.append((node, KG.iso3, Literal(record.iso3)))
    if record.country:
        triples.append((node, KG.country, entity_iri(record.country)))
    if record.office:
        triples.append((node, KG.office, Literal(record.office)))
    for member in record.members:
        triples.append((node, KG.member, entity_iri(member)))
    if record.minted:
        triples.append((node, KG.minted, Literal(True)))
    return triples


def gazetteer_triples(gazetteer: Gazetteer) -> Graph:
    """Every gazetteer entity's description, for the graph ``id:graph/gazetteer``."""
    graph = _bind(Graph())
    for triple in _gazetteer_triple_list(gazetteer):
        graph.add(triple)
    return graph


def _gazetteer_triple_list(gazetteer: Gazetteer) -> list[Triple]:
    return list(dict.fromkeys(
        t for record in gazetteer.entities.values() for t in entity_triples(record)))


class _Resolver:
    """Entity keys of one extraction → records (gazetteer first, then minted ones)."""

    def __init__(self, extraction: Extraction, gazetteer: Gazetteer) -> None:
        self.path = extraction.article.path
        self.gazetteer = gazetteer
        self.minted = {r.key: r for r in extraction.minted if r.key not in gazetteer.entities}

    def get(self, key: str, where: str) -> EntityRecord:
        record = self.gazetteer.entities.get(key) or self.minted.get(key)
        if record is None:
            raise ExtractionError(
                f"{self.path}: {where} refers to entity {key!r}, "
                "which is neither in the gazetteer nor minted"
            )
        return record

    def iri(self, key: str, where: str) -> URIRef:
        return entity_iri(self.get(key, where).key)


def _url(url: str) -> URIRef:
    """The article URL as an IRI, percent-encoding what an IRI may not contain."""
    try:
        ox.NamedNode(url)
        return URIRef(url)
    except ValueError:
        return URIRef(urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~"))


def _title(text: str, title: str) -> str:
    if title.strip():
        return title.strip()
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:60] or "(untitled)"


def article_triples(extraction: Extraction, gazetteer: Gazetteer, rules_version: str) -> Graph:
    """Everything extracted from one article, for its named graph.

    The article node, its mentions, events with their evidence, treaty lifecycle facts
    (linked from the treaty with ``kg:lifecycle``) and the descriptions of entities
    minted for this article.

    Args:
        extraction: what extraction found in the article.
        gazetteer: the gazetteer the entity keys refer to.
        rules_version: the version of the extraction rules (``kg:rulesVersion``).

    Returns:
        A new rdflib graph, prefixes bound (``article_triple_list`` gives the same
        triples as a list, without building an indexed graph).

    Raises:
        ExtractionError: a record refers to an unknown entity or PLOVER category, or
            an event's sentence span is empty.
    """
    graph = _bind(Graph())
    for triple in article_triple_list(extraction, gazetteer, rules_version):
        graph.add(triple)
    return graph


def article_triple_list(
    extraction: Extraction, gazetteer: Gazetteer, rules_version: str
) -> list[Triple]:
    """``article_triples`` as a list of distinct triples, in the order they are made.

    What the build writes: a list costs a fraction of an indexed rdflib graph, and the
    merge and the store need nothing more.
    """
    article = extraction.article
    lang = article.language or "ja"
    resolve = _Resolver(extraction, gazetteer)
    triples: list[Triple] = []
    add = triples.append
    node = article_iri(article.id)

    add((node, RDF.type, KG.Article))
    add((node, DCTERMS.title, Literal(_title(article.text, article.title), lang=lang)))
    add((node, KG.contentId, Literal(article.id)))
    add((node, KG.sourcePath, Literal(article.path)))
    add((node, DCTERMS.language, Literal(lang)))
    add((node, KG.rulesVersion, Literal(rules_version)))
    if article.published is not None:
        add((node, DCTERMS.issued, Literal(article.published)))
    if article.url:
        add((node, SCHEMA.url, _url(article.url)))
    if article.publication:
        add((node, KG.publication, Literal(article.publication)))
    agency = article.agency or (article.dateline.agency if article.dateline else None)
    if agency:
        add((node, KG.agency, Literal(agency)))
    if article.dateline is not None:
        if article.dateline.place:
            place = gazetteer.lookup(article.dateline.place)
            if place is not None and place.type in ("Place", "Country"):
                add((node, KG.datelinePlace, entity_iri(place.key)))
        if article.dateline.day is not None:
            add((node, KG.datelineDay, Literal(article.dateline.day)))

    for m in extraction.mentions:
        where = f"mention {m.text!r} at {m.start}-{m.end}"
        mention = mention_iri(article.id, m.start, m.end)
        add((mention, _TYPE, KG.Mention))
        add((mention, KG.article, node))
        add((mention, KG.refersTo, resolve.iri(m.entity, where)))
        add((mention, KG.surface, _lit(m.text)))
        if m.title:
            add((mention, KG.title, _lit(m.title)))
        add((mention, KG.sentenceIndex, _lit(m.sentence)))
        add((mention, KG.charStart, _lit(m.start)))
        add((mention, KG.charEnd, _lit(m.end)))
        add((mention, KG.via, _lit(m.via)))

    triggers: set[tuple[int, int, str]] = set()
    for event in extraction.events:
        trigger = (event.sentence, event.start, event.category)
        sides = (event.sources, event.recipients) if trigger in triggers else None
        triggers.add(trigger)
        triples.extend(_event_triples(event, extraction, resolve, node, lang, sides))

    for record in resolve.minted.values():
        triples.extend(entity_triples(record))
    return list(dict.fromkeys(triples))


def _event_triples(
    event: Event, extraction: Extraction, resolve: _Resolver, article: URIRef, lang: str,
    sides: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
) -> Iterable[tuple[URIRef, URIRef, Literal | URIRef]]:
    source = extraction.article
    where = f"{event.category} event {event.trigger!r} at {event.start}"
    if event.category not in CATEGORIES:
        raise ExtractionError(
            f"{source.path}: {where}: unknown PLOVER category; valid: {', '.join(CATEGORIES)}"
        )
    if event.treaty_status is not None and event.treaty_status not in TREATY_STATUSES:
        raise ExtractionError(
            f"{source.path}: {where}: unknown treaty status {event.treaty_status!r}; "
            f"valid: {', '.join(TREATY_STATUSES)}"
        )
    sentence = source.text[event.sentence_start : event.sentence_end]
    if not sentence:
        raise ExtractionError(
            f"{source.path}: {where}: empty sentence span "
            f"{event.sentence_start}-{event.sentence_end}"
        )
    quad, _, local = CATEGORIES[event.category]
    node = event_iri(source.id, event.sentence, event.start, event.category, sides)
    yield node, _TYPE, KG.Event
    yield node, _TYPE, KG[local]
    yield node, KG.category, _lit(event.category)
    yield node, KG.quadClass, _lit(quad)
    for key in event.sources:
        yield node, KG.source, resolve.iri(key, where)
    for key in event.recipients:
        yield node, KG.recipient, resolve.iri(key, where)
    for key in event.about:
        yield node, KG.about, resolve.iri(key, where)
    for key in event.attributed_to:
        yield node, KG.attributedTo, resolve.iri(key, where)
    for key in event.not_confirmed_by:
        yield node, KG.notConfirmedBy, resolve.iri(key, where)
    for topic in event.topics:
        yield node, KG.topic, _lit(topic)
    if event.mode:
        yield node, KG.mode, _lit(event.mode)
    for context in event.contexts:
        yield node, KG.context, _lit(context)
    if event.place:
        yield node, KG.place, resolve.iri(event.place, where)
    dates: tuple[Literal, str, Literal] | None = None
    if event.date is not None:
        dates = date_literals(event.date)
        yield node, KG.date, dates[0]
        yield node, KG.datePrecision, _lit(dates[1])
        yield node, KG.dateStart, dates[2]
    yield node, KG.trigger, _lit(event.trigger)
    if event.treaty_status:
        yield node, KG.treatyStatus, _lit(event.treaty_status)
    if event.duration:
        yield node, KG.duration, Literal(event.duration, datatype=XSD.duration)
    yield node, _DERIVED_FROM, article

    evidence = evidence_iri(node, source.id)
    yield node, KG.evidence, evidence
    yield evidence, _TYPE, KG.Evidence
    yield evidence, KG.article, article
    yield evidence, KG.sentenceIndex, _lit(event.sentence)
    yield evidence, KG.sentenceText, Literal(sentence, lang=lang)
    yield evidence, KG.sentenceStart, _lit(event.sentence_start)
    yield evidence, KG.sentenceEnd, _lit(event.sentence_end)
    yield evidence, KG.charStart, _lit(event.start)
    yield evidence, KG.charEnd, _lit(event.end)

    if not event.treaty_status:
        return
    parties = _parties(event, resolve, where)
    for key in event.about:
        record = resolve.get(key, where)
        if record.type != "Treaty":
            continue
        fact = treaty_fact_iri(node, record.key, event.treaty_status)
        treaty = entity_iri(record.key)
        yield fact, RDF.type, KG.TreatyFact
        yield fact, KG.treaty, treaty
        yield fact, KG.status, _lit(event.treaty_status)
        for party in parties:
            yield fact, KG.party, party
        if event.duration:
            yield fact, KG.duration, Literal(event.duration, datatype=XSD.duration)
        if dates is not None:
            yield fact, KG.date, dates[0]
            yield fact, KG.datePrecision, _lit(dates[1])
            yield fact, KG.dateStart, dates[2]
        yield fact, KG.reportedBy, node
        yield treaty, KG.lifecycle, fact


def _parties(event: Event, resolve: _Resolver, where: str) -> list[URIRef]:
    """The parties of a treaty change: the states (or organisations) behind the actors.

    A person stands for their country, a group for its members; countries and
    organisations stand for themselves.
    """
    parties: list[URIRef] = []

    def add(key: str) -> None:
        iri = entity_iri(key)
        if iri not in parties:
            parties.append(iri)

    for key in (*event.sources, *event.recipients):
        record = resolve.get(key, where)
        if record.type in ("Country", "Organization"):
            add(record.key)
        elif record.type == "Person" and record.country:
            add(record.country)
        elif record.type == "Group":
            for member in record.members:
                add(member)
    return parties


def write_article(
    store: KGStore,
    extraction: Extraction,
    gazetteer: Gazetteer,
    rules_version: str,
    *,
    merge: bool = True,
    cache: MergeCache | None = None,
) -> bool:
    """Replace the article's named graph with its extraction (atomically).

    Re-writing the same extraction leaves the store as it was: nothing duplicates.
    With ``merge``, an event other articles already reported is written under their
    event's IRI and a ``kg:Merge`` record says so (``kg/merge.py``, ``docs/merging.md``);
    without it every event keeps its own IRI. A build passes one ``cache`` for all its
    articles, so what merging reads from the whole store is read once.

    Returns:
        ``True`` if the graph was written, ``False`` if it already held exactly this.
    """
    from kg.merge import merge_triples

    triples = article_triple_list(extraction, gazetteer, rules_version)
    if merge:
        triples = merge_triples(store, triples, extraction.article.id, cache=cache)
    name = article_graph(extraction.article.id)
    if store.graph_matches(name, triples):
        return False
    store.replace_graph(name, triples)
    if cache is not None:
        cache.written(name, triples)
    return True


def _digest(graph: Iterable[Triple]) -> str:
    """A digest of distinct triples (a graph, or a list without repeats)."""
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def _stamped(store: KGStore, name: URIRef, stamp: str) -> bool:
    return store.ask(
        f"PREFIX kg: <{KG}>\nASK {{ GRAPH ?g {{ ?g kg:rulesVersion ?stamp }} }}",
        {"g": name, "stamp": Literal(stamp)},
    )


def ensure_static_graphs(store: KGStore, gazetteer: Gazetteer) -> bool:
    """Write the ontology graph and the gazetteer graph unless they are already current.

    Each graph carries a stamp, ``<graph> kg:rulesVersion "…"``: for the ontology the
    digest of ``ontology/kg.ttl``, for the gazetteer its version and a digest of its
    triples. A graph whose stamp matches is left alone; otherwise it is replaced.

    Returns:
        ``True`` if either graph was (re)written.
    """
    written = False
    stamp = f"kg.ttl sha256:{file_digest(ONTOLOGY_FILE)}"
    if not _stamped(store, ONTOLOGY_GRAPH, stamp):
        ontology = load_ontology()
        ontology.add((ONTOLOGY_GRAPH, KG.rulesVersion, Literal(stamp)))
        store.replace_graph(ONTOLOGY_GRAPH, ontology)
        written = True
    entities = _gazetteer_triple_list(gazetteer)
    stamp = f"gazetteer {gazetteer.version} sha256:{_digest(entities)}"
    if not _stamped(store, GAZETTEER_GRAPH, stamp):
        entities.append((GAZETTEER_GRAPH, KG.rulesVersion, Literal(stamp)))
        store.replace_graph(GAZETTEER_GRAPH, entities)
        written = True
    return written
