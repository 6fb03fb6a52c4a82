"""What the SPARQL endpoint accepts and answers: query checks, content negotiation, serialisers.

Pure functions over text and pyoxigraph terms, shared by the HTTP layer (which checks a
query before any worker sees it) and the query workers (which pick the format once the
result's kind is known and serialise at most ``--max-rows`` rows).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

RESULTS = "results"  # SELECT and ASK
GRAPH = "graph"  # CONSTRUCT and DESCRIBE


@dataclass(frozen=True)
class Format:
    """One answer format: its short name (the ``format`` parameter) and media type."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()


# The first format of each kind is the default (no Accept header, or */*).
FORMATS: dict[str, tuple[Format, ...]] = {
    RESULTS: (
        Format("json", "application/sparql-results+json",
               ("application/json", "text/javascript", "application/javascript")),
        Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
        Format("csv", "text/csv"),
        Format("tsv", "text/tab-separated-values"),
    ),
    GRAPH: (
        Format("turtle", "text/turtle",
               ("ttl", "n3", "application/turtle", "application/x-turtle", "text/n3",
                "text/rdf+n3")),
        Format("ntriples", "application/n-triples", ("nt", "n-triples", "text/plain")),
        Format("jsonld", "application/ld+json",
               ("json-ld", "json", "application/json", "application/x-json+ld")),
        Format("rdfxml", "application/rdf+xml",
               ("rdf+xml", "xml", "application/xml", "text/xml")),
    ),
}
_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")

# Tokens that can hide a keyword: strings (long ones first), IRIs (SPARQL's IRIREF), comments.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                   r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*', re.DOTALL)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class NotAcceptable(ValueError):
    """No format the client accepts exists for this kind of result."""


def keywords(query: str) -> set[str]:
    """The upper-cased bare words of a query outside strings, IRIs and comments.

    Variables (``?service``), prefixed names (``kg:Drop``) and blank nodes are not words.
    """
    code = _SKIP.sub(" ", query)
    return {w.upper() for w in re.findall(r"(?<![A-Za-z_?$:])[A-Za-z]+(?![\w:\-])", code)}


def refusal(query: str) -> tuple[int, str] | None:
    """Why the read-only endpoint refuses ``query`` (HTTP status, message), or ``None``."""
    words = keywords(query)
    update = sorted(words & set(UPDATE_KEYWORDS))
    if update:
        return 403, (f"this endpoint is read-only: SPARQL Update ({', '.join(update)}) is "
                     "refused; rebuild the store with `kg build` to change it")
    if "SERVICE" in words:
        return 400, ("SERVICE (a federated query to another endpoint) is refused: "
                     "this endpoint answers only from its own store")
    return None


def _accepted(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped, stable for ties)."""
    ranges = []
    for n, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0] and q > 0:
            ranges.append((-q, n, fields[0].lower()))
    return [r for _, _, r in sorted(ranges)]


def choose_format(kind: str, accept: str | None, format_values: Sequence[str] = ()) -> Format:
    """The answer format for a result of ``kind``.

    A recognised ``format`` (or ``output``) parameter wins; otherwise the Accept header
    is negotiated; with neither, the kind's default (SPARQL JSON, Turtle).

    Raises:
        NotAcceptable: nothing the client asked for exists for this kind; the message
            lists the choices.
    """
    choices = FORMATS[kind]
    wanted = [v.strip().lower() for v in format_values if v.strip()]
    for value in wanted:
        for fmt in choices:
            if value in (fmt.name, fmt.media_type, *fmt.aliases):
                return fmt
    if not wanted and not accept:
        return choices[0]
    ranges = [] if wanted else _accepted(accept or "")
    for media in ranges:
        if media in ("*/*", "*"):
            return choices[0]
        for fmt in choices:
            if media == fmt.media_type or media in fmt.aliases:
                return fmt
            if media.endswith("/*") and fmt.media_type.startswith(media[:-1]):
                return fmt
    what = "SELECT/ASK results" if kind == RESULTS else "CONSTRUCT/DESCRIBE graphs"
    asked = f"format={','.join(wanted)}" if wanted else f"Accept: {accept}"
    raise NotAcceptable(
        f"cannot answer {asked}: {what} are available as "
        + ", ".join(f"{f.media_type} (format={f.name})" for f in choices))


def format_names(kind: str) -> list[str]:
    """The short names of the formats of ``kind``."""
    return [f.name for f in FORMATS[kind]]


# -- SELECT and ASK --------------------------------------------------------------------------
def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    item = {"type": "literal", "value": term.value}
    if term.language:
        item["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        item["datatype"] = term.datatype.value
    return item


def _xml_text(text: str) -> str:
    return escape(_XML_INVALID.sub("\ufffd", text))


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = zip(("subject", "predicate", "object"), (term.subject, term.predicate, term.object))
        return "<triple>" + "".join(f"<{n}>{_xml_term(t)}</{n}>" for n, t in parts) + "</triple>"
    attr = f" xml:lang={quoteattr(term.language)}" if term.language else ""
    if not term.language and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        attr = f" datatype={quoteattr(_XML_INVALID.sub('', term.datatype.value))}"
    return f"<literal{attr}>{_xml_text(term.value)}</literal>"


def _csv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv_term(term: Any) -> str:
    return "" if term is None else str(term)  # N-Triples form: tabs and newlines escaped


_XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def serialize_rows(variables: list[str], rows: Iterable[Sequence[Any]], fmt: Format) -> bytes:
    """SELECT rows (pyoxigraph terms, ``None`` when unbound) in ``fmt``."""
    if fmt.name == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None}
                    for row in rows]
        body = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(body, ensure_ascii=False).encode("utf-8")
    if fmt.name == "xml":
        out = [_XML_HEAD, "<head>"]
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n<results>\n")
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(variables, row) if t is not None)
            out.append(f"<result>{cells}</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    if fmt.name == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buffer.getvalue().encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize_boolean(value: bool, fmt: Format) -> bytes:
    """An ASK answer in ``fmt`` (CSV and TSV: one line, ``true`` or ``false``)."""
    word = "true" if value else "false"
    if fmt.name == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt.name == "xml":
        return f"{_XML_HEAD}<head/>\n<boolean>{word}</boolean>\n</sparql>\n".encode("utf-8")
    return f"{word}\n".encode("utf-8")


def serialize_triples(triples: list[Any], fmt: Format, prefixes: dict[str, str]) -> bytes:
    """CONSTRUCT/DESCRIBE triples in ``fmt``, with ``prefixes`` where the syntax has them."""
    rdf_format = _RDF_FORMATS[fmt.name]
    use = prefixes if fmt.name in ("turtle", "rdfxml") else None
    return ox.serialize(triples, format=rdf_format, prefixes=use)
