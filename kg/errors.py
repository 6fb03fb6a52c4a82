"""The one error hierarchy of kg: every failure a user sees is a KGError.

    KGError
    ├── InputError        a file or directory cannot be read as an article
    ├── ExtractionError   the NLP stage failed on an article
    ├── OntologyError     the ontology or shapes are missing or inconsistent
    ├── QueryError        a SPARQL query is malformed or failed
    └── StoreError        the store cannot be opened, read or written

Messages name the file (or query) and say what is wrong, so a user can act on them.
"""

from __future__ import annotations

from pathlib import Path


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """A file or directory cannot be read as an article."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ExtractionError(KGError):
    """The NLP pipeline or the extraction rules failed on an article."""


class OntologyError(KGError):
    """The ontology or SHACL shapes are missing, unparsable or inconsistent."""


class QueryError(KGError):
    """A SPARQL query is malformed or failed to run."""


class StoreError(KGError):
    """The store cannot be opened, read or written."""
