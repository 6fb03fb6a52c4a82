"""Large stores without parsing: copies of real article graphs under new ids, for query benchmarks.

A template is the N-Quads of one article's named graph as ``kg.rdf`` wrote it. Copy ``i``
replaces the article id everywhere (graph name, article, mentions, events, evidence:
they all embed the id) and maps every non-gazetteer-bound entity key through a
per-copy permutation within its type, so copies talk about different actors, the way a
large archive does. Each copy keeps the template's triple count and shape.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

_ENTITY = re.compile(r"<https://kg\.example\.org/id/entity/([^>]+)>")
# Node IRIs minted from digests (events, evidence, treaty facts): made unique per copy.
_DIGESTED = re.compile(r"<https://kg\.example\.org/id/((?!entity/|article/|graph/|mention/)[^>]+)>")


def article_templates(store) -> list[tuple[str, str]]:
    """``(article id, N-Quads of its graph)`` for every article graph of ``store``."""
    import io

    import pyoxigraph as ox

    from kg.namespace import article_graph

    templates = []
    prefix = str(article_graph(""))
    for graph in store.graphs():
        name = str(graph)
        if not name.startswith(prefix):
            continue
        article_id = name[len(prefix):]
        lines = [
            f"{q.subject} {q.predicate} {q.object} {q.graph_name} ."
            for q in store._store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        ]
        buffer = io.StringIO("\n".join(lines) + "\n")
        templates.append((article_id, buffer.getvalue()))
    return templates


def _by_type() -> dict[str, list[str]]:
    from kg.gazetteer import load_gazetteer

    by_type: dict[str, list[str]] = {}
    for record in load_gazetteer().entities.values():
        by_type.setdefault(record.type, []).append(record.key)
    return by_type


def synthetic_nquads(templates: list[tuple[str, str]], n: int, seed: int = 0) -> Iterator[str]:
    """N-Quads text of ``n`` article graphs, one string per article."""
    from kg.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    kinds = _by_type()
    type_of = {k: r.type for k, r in gazetteer.entities.items()}
    rng = random.Random(seed)
    for i in range(n):
        old, text = templates[i % len(templates)]
        new = f"{i:016x}"
        mapping: dict[str, str] = {}

        def swap(match: re.Match[str]) -> str:
            key = match.group(1)
            kind = type_of.get(key)
            if kind is None:  # a minted entity: make it this copy's own
                return f"<https://kg.example.org/id/entity/{key}-{new}>"
            if key not in mapping:
                mapping[key] = rng.choice(kinds[kind])
            return f"<https://kg.example.org/id/entity/{mapping[key]}>"

        text = _DIGESTED.sub(lambda m: f"<https://kg.example.org/id/{m.group(1)}-{new}>",
                             text.replace(old, new))
        yield _ENTITY.sub(swap, text)


def write_nquads(path: Path, templates: list[tuple[str, str]], n: int, seed: int = 0) -> int:
    """Write ``n`` synthetic article graphs as one N-Quads file; returns the line count."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for chunk in synthetic_nquads(templates, n, seed):
            out.write(chunk)
            count += chunk.count("\n")
    return count
