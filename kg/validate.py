"""Checking the graph against the SHACL shapes (``ontology/shapes.ttl``) with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.errors import OntologyError
from kg.ontology import load_ontology, load_shapes
from kg.store import KGStore


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a SHACL check.

    Attributes:
        conforms: no violation was found (warnings and infos do not count).
        text: pyshacl's report, readable by a person; names each focus node.
        violations: how many results have severity ``sh:Violation``.
        focus_nodes: the nodes that have at least one violation, sorted.
    """

    conforms: bool
    text: str
    violations: int
    focus_nodes: tuple[URIRef, ...] = field(default=())


def validate_graph(data: Graph, *, shapes: Graph | None = None) -> ValidationReport:
    """Check one rdflib graph against the shapes, with the ontology for class hierarchy.

    The ontology is added to the data (not inferred over), so ``sh:class kg:Actor``
    accepts a ``kg:Person`` through ``rdfs:subClassOf``.

    Raises:
        OntologyError: the shapes or ontology cannot be loaded, or pyshacl fails.
    """
    shapes = shapes if shapes is not None else load_shapes()
    combined = Graph()
    for triple in data:
        combined.add(triple)
    for triple in load_ontology():
        combined.add(triple)
    try:
        _, results, text = shacl_validate(
            combined,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            advanced=True,
        )
    except Exception as e:  # pyshacl raises its own hierarchy and bare errors
        raise OntologyError(f"SHACL validation failed to run: {e}") from e
    violations = 0
    focus: set[URIRef] = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.resultSeverity) == SH.Violation:
            violations += 1
            node = results.value(result, SH.focusNode)
            if isinstance(node, URIRef):
                focus.add(node)
    return ValidationReport(
        conforms=violations == 0,
        text=str(text),
        violations=violations,
        focus_nodes=tuple(sorted(focus)),
    )


def validate_store(store: KGStore, *, shapes: Graph | None = None) -> ValidationReport:
    """Check everything in the store (the union of its graphs) against the SHACL shapes.

    Args:
        store: the store to check.
        shapes: other shapes to use instead of ``ontology/shapes.ttl`` (for tests).

    Returns:
        A ``ValidationReport``; ``report.conforms`` is ``False`` on any violation.
    """
    return validate_graph(store.union_graph(), shapes=shapes)
