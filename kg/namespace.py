"""Every ontology term and IRI pattern kg uses, declared in one place.

``KG`` is a closed ``DefinedNamespace``: a misspelt term fails where it is written.
A test checks that ``ontology/kg.ttl`` declares exactly these terms.
"""

from __future__ import annotations

import hashlib

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://kg.example.org/"
ID = Namespace(BASE + "id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")


class KG(DefinedNamespace):
    """The kg ontology (``ontology/kg.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes: things
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Group: URIRef
    Treaty: URIRef
    Initiative: URIRef
    Place: URIRef
    Topic: URIRef
    Article: URIRef
    Mention: URIRef
    Evidence: URIRef
    TreatyFact: URIRef
    # classes: events, one per PLOVER category
    Event: URIRef
    Agree: URIRef
    Consult: URIRef
    Support: URIRef
    Concede: URIRef
    Cooperate: URIRef
    Aid: URIRef
    Retreat: URIRef
    Request: URIRef
    Demand: URIRef
    Accuse: URIRef
    Reject: URIRef
    Threaten: URIRef
    Protest: URIRef
    Sanction: URIRef
    Mobilize: URIRef
    Coerce: URIRef
    Assault: URIRef
    # annotation on the PLOVER classes (the category code is their skos:notation)
    ploverQuadClass: URIRef

    # event properties
    category: URIRef
    quadClass: URIRef
    mode: URIRef
    context: URIRef
    source: URIRef
    recipient: URIRef
    about: URIRef
    topic: URIRef
    place: URIRef
    date: URIRef
    dateStart: URIRef
    datePrecision: URIRef
    trigger: URIRef
    attributedTo: URIRef
    notConfirmedBy: URIRef
    treatyStatus: URIRef
    duration: URIRef
    evidence: URIRef
    # evidence and mention properties
    article: URIRef
    sentenceIndex: URIRef
    sentenceText: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    charStart: URIRef
    charEnd: URIRef
    refersTo: URIRef
    surface: URIRef
    title: URIRef
    via: URIRef
    # treaty lifecycle
    lifecycle: URIRef
    treaty: URIRef
    status: URIRef
    party: URIRef
    reportedBy: URIRef
    # entity properties
    iso3: URIRef
    country: URIRef
    office: URIRef
    member: URIRef
    minted: URIRef
    # article properties
    contentId: URIRef
    sourcePath: URIRef
    datelinePlace: URIRef
    datelineDay: URIRef
    agency: URIRef
    publication: URIRef
    # merges of one real-world event reported by several articles (docs/merging.md)
    Merge: URIRef
    canonical: URIRef
    localEvent: URIRef
    matchedArticle: URIRef
    mergeReason: URIRef
    # store bookkeeping
    formatVersion: URIRef
    rulesVersion: URIRef


# Every term also as a plain class attribute (the object ``KG["x"]`` gives): otherwise each
# ``KG.x`` goes through rdflib's metaclass ``__getattr__``, a cost in the build's inner
# loops (some 250,000 lookups per 50 articles). Misspelt terms still fail: they are not set.
for _term in KG.__annotations__:
    type.__setattr__(KG, _term, KG[_term])
del _term


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def entity_iri(key: str) -> URIRef:
    """The IRI of a gazetteer or minted entity."""
    return ID[f"entity/{key}"]


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article (the node, not its graph)."""
    return ID[f"article/{article_id}"]


def article_graph(article_id: str) -> URIRef:
    """The named graph holding everything extracted from one article."""
    return ID[f"graph/article/{article_id}"]


ONTOLOGY_GRAPH = ID["graph/ontology"]
GAZETTEER_GRAPH = ID["graph/gazetteer"]


def event_iri(article_id: str, sentence: int, start: int, category: str,
              sides: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> URIRef:
    """A stable IRI for an event: the same article, trigger and category give the same IRI.

    One trigger can carry two events of one category (``それぞれ`` pairs, the two releases
    of an exchange); each after the first passes its ``sides`` (source and recipient keys)
    so that it gets a node of its own instead of pooling its actors with the first.
    """
    if sides is None:
        return ID[f"event/{_digest(article_id, sentence, start, category)}"]
    return ID[f"event/{_digest(article_id, sentence, start, category, *sides[0], '|', *sides[1])}"]


def merge_iri(local: URIRef, canonical: URIRef) -> URIRef:
    """The IRI of the record that an article's event ``local`` was written as ``canonical``."""
    return ID[f"merge/{_digest(local, canonical)}"]


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    """The IRI of an entity mention at a character span of an article."""
    return ID[f"mention/{article_id}/{start}-{end}"]


def evidence_iri(event: URIRef, article_id: str) -> URIRef:
    """The IRI of the evidence record linking an event to one article's sentence."""
    return ID[f"evidence/{_digest(event, article_id)}"]


def treaty_fact_iri(event: URIRef, treaty_key: str, status: str) -> URIRef:
    """The IRI of a treaty lifecycle fact reported by an event."""
    return ID[f"treaty-fact/{_digest(event, treaty_key, status)}"]
