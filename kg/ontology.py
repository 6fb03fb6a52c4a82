"""Where the ontology and the SHACL shapes live, and loading them as rdflib graphs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph

from kg.errors import OntologyError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_IRI = "https://kg.example.org/ontology"


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as e:
        raise OntologyError(f"{path}: not found (is the repository's ontology/ there?)") from e
    except Exception as e:  # rdflib raises bare Exceptions (e.g. unknown prefix)
        raise OntologyError(f"{path}: cannot parse Turtle: {e}") from e
    return graph


def load_ontology(path: Path | None = None) -> Graph:
    """The kg ontology (``ontology/kg.ttl``) as a new rdflib graph.

    Args:
        path: another Turtle file to load instead (for tests).

    Raises:
        OntologyError: the file is missing or not valid Turtle; the message names the file.
    """
    return _parse(path or ONTOLOGY_FILE)


def load_shapes(path: Path | None = None) -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``) as a new rdflib graph.

    Raises:
        OntologyError: the file is missing or not valid Turtle; the message names the file.
    """
    return _parse(path or SHAPES_FILE)


def file_digest(path: Path) -> str:
    """A short SHA-256 digest of a file's bytes (to tell whether a static graph changed)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError as e:
        raise OntologyError(f"{path}: cannot read: {e}") from e
