"""The ontology and shapes files: parse, declare exactly the KG terms, align to SEM/PROV/SKOS."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS

from kg.errors import OntologyError
from kg.namespace import KG, SCHEMA, SEM
from kg.ontology import ONTOLOGY_FILE, SHAPES_FILE, load_ontology, load_shapes
from kg.plover import CATEGORIES, CONTEXTS_GRAMMATICAL, TREATY_STATUSES, class_name, quad_class

DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


def namespace_terms() -> set[URIRef]:
    return {KG[name] for name in KG.__annotations__}


def test_ontology_files_live_in_the_repository_ontology_dir():
    assert ONTOLOGY_FILE.parent.name == "ontology"
    assert ONTOLOGY_FILE.is_file() and SHAPES_FILE.is_file()


def test_ontology_declares_exactly_the_namespace_terms(ontology):
    declared = {
        s
        for kind in DECLARATIONS
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(KG))
    }
    assert declared - namespace_terms() == set(), "declared in kg.ttl but not in KG"
    assert namespace_terms() - declared == set(), "in KG but not declared in kg.ttl"


def test_ontology_uses_no_undeclared_kg_term(ontology):
    used = {
        term
        for triple in ontology
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(str(KG))
    }
    assert used <= namespace_terms()


def test_ontology_header_has_a_version(ontology):
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    assert ontology.value(header, OWL.versionInfo) is not None


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_every_plover_category_has_its_class(ontology, category):
    cls = KG[class_name(category)]
    assert (cls, RDF.type, OWL.Class) in ontology
    assert (cls, RDFS.subClassOf, KG.Event) in ontology
    assert ontology.value(cls, SKOS.notation) == Literal(category)
    assert ontology.value(cls, KG.ploverQuadClass) == Literal(quad_class(category))


def test_every_term_has_an_english_label(ontology):
    for term in namespace_terms():
        labels = [l for l in ontology.objects(term, RDFS.label) if l.language == "en"]
        assert labels, f"{term} has no rdfs:label@en"


def test_every_property_has_a_comment(ontology):
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert ontology.value(prop, RDFS.comment) is not None, prop


@pytest.mark.parametrize(
    ("term", "relation", "target"),
    [
        (KG.Event, RDFS.subClassOf, SEM.Event),
        (KG.Actor, RDFS.subClassOf, SEM.Actor),
        (KG.Place, RDFS.subClassOf, SEM.Place),
        (KG.Article, RDFS.subClassOf, PROV.Entity),
        (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (KG.Person, RDFS.subClassOf, KG.Actor),
        (KG.Country, RDFS.subClassOf, KG.Actor),
        (KG.Organization, RDFS.subClassOf, KG.Actor),
        (KG.Group, RDFS.subClassOf, KG.Actor),
        (KG.source, RDFS.subPropertyOf, SEM.hasActor),
        (KG.recipient, RDFS.subPropertyOf, SEM.hasActor),
        (KG.place, RDFS.subPropertyOf, SEM.hasPlace),
        (KG.date, RDFS.subPropertyOf, SEM.hasTimeStamp),
        (KG.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KG.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo),
    ],
)
def test_ontology_is_aligned_to_standard_vocabularies(ontology, term, relation, target):
    assert (term, relation, target) in ontology


def test_actor_properties_range_over_actors(ontology):
    for prop in (KG.source, KG.recipient, KG.attributedTo, KG.party, KG.member):
        assert ontology.value(prop, RDFS.range) == KG.Actor


def test_load_ontology_names_the_file_on_a_parse_error(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix kg: <https://kg.example.org/ontology#> .\nkg:A a unknown:B .\n")
    with pytest.raises(OntologyError, match="broken.ttl"):
        load_ontology(bad)


def test_load_shapes_names_a_missing_file(tmp_path):
    with pytest.raises(OntologyError, match="missing.ttl"):
        load_shapes(tmp_path / "missing.ttl")


def _in_list(shapes, path: URIRef) -> set[str]:
    """The sh:in values of the property shape(s) on ``path``."""
    values: set[str] = set()
    for prop in shapes.subjects(SH.path, path):
        head = shapes.value(prop, SH["in"])
        if head is not None:
            values |= {str(v) for v in shapes.items(head)}
    return values


def test_shapes_allow_exactly_the_plover_categories(shapes):
    assert _in_list(shapes, KG.category) == set(CATEGORIES)


def test_shapes_allow_exactly_the_treaty_statuses(shapes):
    assert _in_list(shapes, KG.status) == set(TREATY_STATUSES)
    assert _in_list(shapes, KG.treatyStatus) == set(TREATY_STATUSES)


def test_shapes_allow_the_grammatical_contexts(shapes):
    assert set(CONTEXTS_GRAMMATICAL) <= _in_list(shapes, KG.context)
