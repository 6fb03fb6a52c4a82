"""Running SPARQL for people: query files, bound parameters, and table/CSV/JSON output."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.namespace import BASE, ID
from kg.store import KGStore

PREFIXES: dict[str, str] = {
    "kg": BASE + "ontology#",
    "id": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
}
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
FORMATS = ("table", "csv", "json")

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_COMMENT = re.compile(r"#[^\n]*")
_IRI = re.compile(r"<[^>\s]*>")


@dataclass
class QueryResult:
    """A SELECT's rows, an ASK's answer, or a CONSTRUCT/DESCRIBE graph."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


def query_form(sparql: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; raises QueryError if none is found."""
    stripped = _IRI.sub("<>", _COMMENT.sub("", sparql))
    match = _FORM.search(stripped)
    if not match:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    return match.group(1).upper()


def with_prologue(sparql: str) -> str:
    """Prepend kg's standard prefixes (a query may redeclare any of them)."""
    return PROLOGUE + sparql


def run_query(
    store: KGStore, sparql: str, bindings: Mapping[str, Node] | None = None
) -> QueryResult:
    """Run any SPARQL query form over the store, with values bound (never pasted).

    Args:
        store: the store to query (the union of its graphs is the default graph).
        sparql: the query; kg's standard prefixes (``kg:``, ``id:``, ``skos:`` …) are predeclared.
        bindings: variable name → value, substituted as values.
    """
    form = query_form(sparql)
    text = with_prologue(sparql)
    if form == "SELECT":
        rows = store.select(text, bindings)
        variables = _select_variables(rows, sparql)
        return QueryResult(form, variables=variables, rows=rows)
    if form == "ASK":
        return QueryResult(form, boolean=store.ask(text, bindings))
    return QueryResult(form, graph=store.construct(text, bindings))


def read_query_file(path: str | Path) -> str:
    """Read a ``.rq`` file, naming the file in the error if it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read query file: {e}") from e


def _select_variables(rows: list[dict[str, Node | None]], sparql: str) -> list[str]:
    if rows:
        return list(rows[0])
    head = sparql[: sparql.upper().find("WHERE")] if "WHERE" in sparql.upper() else sparql
    return re.findall(r"\?(\w+)", head)


def compact(term: Node | None) -> str:
    """A short human form of a term: ``id:entity/joe-biden``, plain literal text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        value = str(term)
        for prefix, iri in PREFIXES.items():
            if value.startswith(iri):
                return f"{prefix}:{value[len(iri):]}"
        return f"<{value}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as ``table``, ``csv`` or ``json`` (SPARQL 1.1 JSON results)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if result.graph is not None:
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        return json.dumps(_sparql_json(result), ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow(["" if row.get(v) is None else str(row[v]) for v in result.variables])
        return buffer.getvalue()
    return _table(result)


def _sparql_json(result: QueryResult) -> dict:
    bindings = []
    for row in result.rows:
        entry = {}
        for name, term in row.items():
            if term is None:
                continue
            if isinstance(term, URIRef):
                entry[name] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                entry[name] = {"type": "bnode", "value": str(term)}
            else:
                item = {"type": "literal", "value": str(term)}
                if isinstance(term, Literal) and term.language:
                    item["xml:lang"] = term.language
                elif isinstance(term, Literal) and term.datatype:
                    item["datatype"] = str(term.datatype)
                entry[name] = item
        bindings.append(entry)
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(result: QueryResult, max_cell: int = 60) -> str:
    cells = [[_clip(compact(row.get(v)), max_cell) for v in result.variables] for row in result.rows]
    widths = [
        max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(result.variables)
    ]

    def line(values: list[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(result.variables), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out)


def _clip(text: str, limit: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
