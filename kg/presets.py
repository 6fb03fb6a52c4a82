"""Canned queries: the ``queries/*.rq`` files, their parameters, and running them safely.

Each ``.rq`` file starts with a machine-readable header of ``#`` lines::

    # title: Events of an actor
    # description: Every event in which the actor …
    # param: actor (iri) — the actor: an IRI, or a Japanese or English label or alias
    # param: since (date, optional) — keep events from this day on

A parameter's kind is ``literal``, ``iri``, ``date`` or ``category``; ``optional`` or
``default: X`` may follow it. An ``iri`` parameter may be given as an IRI (``https://…``,
``<https://…>``, ``id:entity/joe-biden``) or as a label or alias in any language, resolved
by a bound-value query.

Bound values reach the query as a ``VALUES`` block opening its WHERE group
(``bound_query``), never as free text: each value is first made an RDF term of its
parameter's kind (an entity an IRI, a date an ``xsd:date``, a category a PLOVER code),
then written by ``sparql_term``, which refuses an IRI holding any of ``<>"{}|^`\\`` or
whitespace and escapes a literal's quotes, backslashes and control characters. So a
label holding quotes or SPARQL is just a label. A one-row ``VALUES`` block is a join the
optimiser starts from: Oxigraph looks the bound actor up in its indexes, where with a
``substitutions`` binding (or a ``COALESCE`` filter on the parameter) it scanned every
event. An unbound optional parameter gets no ``VALUES`` column and stays unbound, which
the queries read as "no filter".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.plover import CATEGORIES
from kg.query import PREFIXES, QueryResult, run_query
from kg.store import KGStore, to_ox

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
_RESOLVE_EXACT = """
SELECT DISTINCT ?entity ?property WHERE {
  VALUES ?exact
  VALUES ?property { skos:prefLabel skos:altLabel }
  ?entity ?property ?label .
}
"""
# A sub-SELECT a page cuts (paged_query): "# page: ORDER BY …" on a line of its own.
_PAGE = re.compile(r"^([ \t]*)# page: (ORDER BY [^\n]*?)[ \t]*$", re.MULTILINE)
_SUBSELECT = re.compile(r"SELECT\b[^{]*?\bWHERE\s*(?=\{)", re.IGNORECASE | re.DOTALL)
_EXISTS = "SELECT ?entity WHERE { ?entity ?p ?o } LIMIT 1"

# Writing bound values into a query (bound_query, sparql_term).
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# What may hold a "{" that opens no group: a comment, a string (any quoting), an IRI.
_LEXEME = re.compile(
    r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|' r"'''(?:[^\\]|\\.)*?'''|"
    r'"(?:[^"\\\n]|\\.)*"|' r"'(?:[^'\\\n]|\\.)*'|" r'<[^<>"{}|^`\\\s]*>',
    re.DOTALL)


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


def run_preset(store: KGStore, name: str, params: dict[str, str] | None = None, *,
               limit: int | str | None = None, offset: int | str | None = None) -> QueryResult:
    """Run a preset with its parameters bound as values, optionally one page of it.

    Args:
        store: the store to query.
        name: the preset's name (``actor_events`` …).
        params: parameter name → text; entities as IRIs or labels, dates as
            ``YYYY``/``YYYY-MM``/``YYYY-MM-DD``, categories as PLOVER codes. ``limit``
            and ``offset`` may be given here too (``--param limit=50``): every preset
            takes them.
        limit, offset: a page: the rows the whole result has from ``offset`` (0 = the
            first row) on, at most ``limit`` of them, in the same order (``paged_query``).

    Raises:
        QueryError: unknown preset or parameter, a missing required parameter, or a
            value that is not of the parameter's kind (each message lists the choices).
    """
    result = run_query(store, preset_query(store, name, params, limit=limit, offset=offset))
    result.variables = get_preset(name).variables
    return result


def preset_query(store: KGStore, name: str, params: dict[str, str] | None = None, *,
                 limit: int | str | None = None, offset: int | str | None = None) -> str:
    """The SPARQL ``run_preset`` runs: values bound (``bound_query``), one page cut
    (``paged_query``); ``limit``/``offset`` may come in ``params``."""
    preset = get_preset(name)
    params = dict(params or {})
    limit = params.pop("limit", None) if limit is None else limit
    offset = params.pop("offset", None) if offset is None else offset
    text = bound_query(preset, bind_params(store, preset, params))
    return paged_query(text, _count("limit", limit), _count("offset", offset))


def paged_query(text: str, limit: int | None = None, offset: int = 0) -> str:
    """The query cut to one page: ``LIMIT``/``OFFSET`` at its end, same rows, same order.

    A preset whose costly columns (labels, sentences) are looked up outside a sub-SELECT
    marks that sub-SELECT with a line ``# page: ORDER BY …`` after its group; with a
    ``limit`` the line becomes ``ORDER BY … LIMIT offset+limit``, so only the rows that
    can reach the page are looked up. Each row of the sub-SELECT gives at least one row
    of the query and the query's ``ORDER BY`` starts with the sub-SELECT's, so the
    page's rows all come from the sub-SELECT's first ``offset+limit`` rows. Without a
    limit the mark stays a comment (a sub-SELECT is not sorted for nothing).
    """
    if limit is None and not offset:
        return text
    if limit is not None:
        text = _PAGE.sub(lambda m: f"{m.group(1)}{m.group(2)} LIMIT {offset + limit}", text)
    return (text.rstrip() + (f"\nLIMIT {limit}" if limit is not None else "")
            + (f"\nOFFSET {offset}" if offset else "") + "\n")


def _count(name: str, value: int | str | None) -> int | None:
    """A page's ``limit`` or ``offset`` as a whole number ≥ 0 (None: not given)."""
    if value is None or value == "":
        return None if name == "limit" else 0
    try:
        number = int(str(value).strip())
    except ValueError:
        number = -1
    if number < 0:
        raise QueryError(f"{name}: {value!r} is not a whole number ≥ 0")
    return number


def bound_query(preset: Preset | str, bindings: dict[str, Node]) -> str:
    """The query with ``bindings`` as a one-row ``VALUES`` block opening its WHERE group.

    Args:
        preset: a preset, or a SELECT or ASK query's text.
        bindings: variable name → RDF term (as ``bind_params`` makes them).

    Raises:
        QueryError: a name is not a SPARQL variable, a term cannot be written safely
            (``sparql_term``), or the query has no group.
    """
    text = preset.text if isinstance(preset, Preset) else preset
    if not bindings:
        return text
    names, terms = [], []
    for name, term in bindings.items():
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"cannot bind {name!r}: not a SPARQL variable name")
        names.append(f"?{name}")
        terms.append(sparql_term(term))
    position = _first_group(text)
    block = f"\n  VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    return text[: position + 1] + block + text[position + 1:]


def sparql_term(term: Node) -> str:
    """An IRI or a literal as SPARQL text that nothing in its value can end early.

    Written by pyoxigraph's N-Triples serialiser, the one ``kg.store.values_clause`` uses,
    which refuses invalid IRIs and language tags and escapes every literal.

    Raises:
        QueryError: not an IRI or a literal; an invalid IRI (one holding ``<>"{}|^`\\``,
            whitespace or a control character) or language tag.
    """
    if not isinstance(term, (URIRef, Literal)):
        raise QueryError(f"cannot bind {term!r}: a parameter is an IRI or a literal")
    try:
        return str(to_ox(term))
    except StoreError as e:
        what = "a valid IRI" if isinstance(term, URIRef) else "a literal with a valid language tag or datatype"
        raise QueryError(f"{str(term)!r} is not {what}: {e.__cause__ or e}") from e


def _first_group(text: str) -> int:
    """The index of the ``{`` opening the query's first group: the WHERE group, or the
    group the WHERE group starts with (``WHERE { { … } …``), and so on inward.
    Comments, strings and IRIs are skipped, so a ``{`` inside one is not taken."""
    i, found = 0, -1
    while i < len(text):
        match = _LEXEME.match(text, i)
        if match:
            i = match.end()
        elif text[i] == "{":
            found = i
            i += 1
        elif text[i].isspace():
            i += 1
        elif found >= 0 and _SUBSELECT.match(text, i):
            i = _SUBSELECT.match(text, i).end()  # a sub-SELECT: on to its WHERE group
        elif found >= 0:
            return found
        else:
            i += 1
    if found >= 0:
        return found
    raise QueryError("malformed SPARQL: no { … } group to bind values in")


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

    A label written exactly as stored (Japanese, English or plain) is found by index
    lookups; only when none is, the labels are compared without regard to case (a scan
    of every label).

    Raises:
        QueryError: no entity has that label, or several do (the message lists them).
    """
    iri = as_iri(value)
    if iri is not None:
        return iri
    text = value.strip()
    # The label as written, in each language labels use: index lookups. Only when none
    # matches, the case-insensitive scan over every label (it grows with the store).
    exact = " ".join(sparql_term(Literal(text, lang=lang) if lang else Literal(text))
                     for lang in ("ja", "en", None))
    rows = run_query(store, _RESOLVE_EXACT.replace("?exact", "?label { " + exact + " }")).rows
    rows = rows or run_query(store, _RESOLVE, {"text": Literal(text)}).rows
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
