"""Canned queries: the ``queries/*.rq`` files, their parameters, and running them safely.

Each ``.rq`` file starts with a machine-readable header of ``#`` lines::

    # title: Events of an actor
    # description: Every event in which the actor …
    # param: actor (iri) — the actor: an IRI, or a Japanese or English label or alias
    # param: since (date, optional) — keep events from this day on

A parameter's kind is ``literal``, ``iri``, ``date`` or ``category``; ``optional`` or
``default: X`` may follow it. Values are bound through Oxigraph substitutions, never pasted
into the query text, so a label holding quotes or SPARQL is just a label. An ``iri``
parameter may be given as an IRI (``https://…``, ``<https://…>``, ``id:entity/joe-biden``)
or as a label or alias in any language, resolved by a bound-value query.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.plover import CATEGORIES
from kg.query import PREFIXES, QueryResult, run_query
from kg.store import KGStore

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
KINDS = ("literal", "iri", "date", "category")

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\(([^)]*)\)\s*(?:[—–-]+\s*)?(.*)$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

# Labels and aliases, matched without regard to case; the text is a bound value.
_RESOLVE = """
SELECT DISTINCT ?entity ?property ?text WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel }
  ?entity ?property ?label .
  FILTER(LCASE(STR(?label)) = LCASE(STR(?text)))
}
"""
_EXISTS = "SELECT ?entity WHERE { ?entity ?p ?o } LIMIT 1"


@dataclass(frozen=True)
class PresetParam:
    """One parameter of a preset; ``default`` is ``None`` for a required or an optional one."""

    name: str
    description: str
    default: str | None
    kind: str
    optional: bool = False


@dataclass(frozen=True)
class Preset:
    """A canned query read from ``queries/{name}.rq``."""

    name: str
    title: str
    description: str
    params: list[PresetParam]
    text: str

    @property
    def variables(self) -> list[str]:
        """The variables the query projects, in order (the result's columns)."""
        return projected_variables(self.text)


def parse_preset(name: str, text: str, source: str = "") -> Preset:
    """Read a preset's header.

    Raises:
        QueryError: a header line is malformed (naming the file and line).
    """
    fields = {"title": "", "description": ""}
    params: list[PresetParam] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key != "param":
            fields[key] = value.strip()
            continue
        param = _PARAM.match(value.strip())
        options = [o.strip() for o in param.group(2).split(",")] if param else []
        if not param or options[0] not in KINDS:
            raise QueryError(f"{source or name}:{number}: malformed parameter line {line!r}; "
                             f"write '# param: NAME (KIND[, optional][, default: X]) — what "
                             f"it is' with KIND one of {', '.join(KINDS)}")
        default = next((o.split(":", 1)[1].strip() for o in options[1:]
                        if o.startswith("default:")), None)
        params.append(PresetParam(param.group(1), param.group(3).strip(), default, options[0],
                                  "optional" in options[1:] or default is not None))
    return Preset(name, fields["title"] or name, fields["description"], params, text)


def list_presets(directory: Path = QUERIES_DIR) -> list[Preset]:
    """Every preset in ``directory`` (``queries/``), sorted by name."""
    return [parse_preset(p.stem, p.read_text(encoding="utf-8"), str(p))
            for p in sorted(directory.glob("*.rq"))]


def get_preset(name: str, directory: Path = QUERIES_DIR) -> Preset:
    """The preset called ``name``.

    Raises:
        QueryError: no such preset (the message lists the valid names).
    """
    path = directory / f"{name}.rq"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        names = ", ".join(p.name for p in list_presets(directory))
        raise QueryError(f"no preset {name!r}; choose one of {names}")
    return parse_preset(name, path.read_text(encoding="utf-8"), str(path))


def run_preset(store: KGStore, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run a preset with its parameters bound as values.

    Args:
        store: the store to query.
        name: the preset's name (``actor_events`` …).
        params: parameter name → text; entities as IRIs or labels, dates as
            ``YYYY``/``YYYY-MM``/``YYYY-MM-DD``, categories as PLOVER codes.

    Raises:
        QueryError: unknown preset or parameter, a missing required parameter, or a
            value that is not of the parameter's kind (each message lists the choices).
    """
    preset = get_preset(name)
    bindings = bind_params(store, preset, params or {})
    result = run_query(store, preset.text, bindings)
    result.variables = preset.variables
    return result


def bind_params(store: KGStore, preset: Preset, params: dict[str, str]) -> dict[str, Node]:
    """Check ``params`` against the preset and turn them into RDF terms."""
    known = {p.name: p for p in preset.params}
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise QueryError(f"preset {preset.name!r} has no parameter {', '.join(unknown)}; "
                         f"its parameters: {', '.join(known) or 'none'}")
    bindings: dict[str, Node] = {}
    for param in preset.params:
        value = params.get(param.name)
        value = param.default if value is None or value == "" else value
        if value is None:
            if not param.optional:
                raise QueryError(f"preset {preset.name!r} needs --param {param.name}=… "
                                 f"({param.kind}: {param.description})")
            continue
        bindings[param.name] = to_term(store, param, str(value))
    return bindings


def to_term(store: KGStore, param: PresetParam, value: str) -> Node:
    """One parameter value as an RDF term of the parameter's kind."""
    if param.kind == "iri":
        return resolve_entity(store, value)
    if param.kind == "date":
        return Literal(parse_date(value, end=param.name.startswith("until")), datatype=XSD.date)
    if param.kind == "category":
        code = value.strip().upper()
        if code not in CATEGORIES:
            raise QueryError(f"{param.name}: {value!r} is not a PLOVER category; choose one "
                             f"of {', '.join(CATEGORIES)}")
        return Literal(code)
    return Literal(value)


def parse_date(value: str, *, end: bool = False) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as an ISO day: the first, or with ``end``
    the last, day of the period (``2021-02`` → ``2021-02-28``)."""
    match = _DATE.match(value.strip())
    try:
        if not match:
            raise ValueError(value)
        year, month, day = match.group(1), match.group(2), match.group(3)
        y = int(year)
        m = int(month) if month else (12 if end else 1)
        if not 1 <= m <= 12:
            raise ValueError(value)
        last = calendar.monthrange(y, m)[1]
        d = int(day) if day else (last if end else 1)
        if not 1 <= d <= last:
            raise ValueError(value)
    except ValueError:
        raise QueryError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD") from None
    return f"{y:04d}-{m:02d}-{d:02d}"


def as_iri(value: str) -> URIRef | None:
    """``value`` as an IRI when written as one (``<…>``, ``https://…``, ``id:…``), else None.

    Raises:
        QueryError: it looks like an IRI but is not a valid one.
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, _, rest = text.partition(":")
    if prefix in PREFIXES and not rest.startswith("//"):
        text = PREFIXES[prefix] + rest
    elif not re.match(r"^[a-zA-Z][\w+.-]*://", text):
        return None
    try:
        ox.NamedNode(text)
    except ValueError as e:
        raise QueryError(f"{value!r} is not a valid IRI: {e}") from e
    return URIRef(text)


def resolve_entity(store: KGStore, value: str) -> URIRef:
    """An entity given as an IRI, a label or alias (any language, any case), or a key.

    Raises:
        QueryError: no entity has that label, or several do (the message lists them).
    """
    iri = as_iri(value)
    if iri is not None:
        return iri
    rows = run_query(store, _RESOLVE, {"text": Literal(value.strip())}).rows
    preferred = sorted({str(r["entity"]) for r in rows if str(r["property"]).endswith("prefLabel")})
    found = preferred or sorted({str(r["entity"]) for r in rows})
    if len(found) == 1:
        return URIRef(found[0])
    if found:
        raise QueryError(f"{value!r} names several entities: {', '.join(found)}; "
                         "give one of these IRIs")
    key = PREFIXES["id"] + "entity/" + value.strip()
    if re.fullmatch(r"[a-z0-9-]+", value.strip()) and run_query(
            store, _EXISTS, {"entity": URIRef(key)}).rows:
        return URIRef(key)
    raise QueryError(f"no entity is labelled {value!r}; give an IRI, a key such as "
                     "joe-biden, or a Japanese or English label or alias")


def projected_variables(sparql: str) -> list[str]:
    """The variables a SELECT projects, in order, from its text (``AS ?x`` included)."""
    text = re.sub(r"#[^\n]*", "", sparql)
    match = re.search(r"\bSELECT\b(.*?)\bWHERE\b", text, re.IGNORECASE | re.DOTALL)
    if not match:
        return []
    names: list[str] = []
    depth = 0
    for token in re.finditer(r"\(|\)|\bAS\s+\?(\w+)|\?(\w+)", match.group(1), re.IGNORECASE):
        if token.group(0) == "(":
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
        elif token.group(1):
            names.append(token.group(1))
        elif depth == 0:
            names.append(token.group(2))
    return names
