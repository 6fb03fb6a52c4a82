"""kg: news articles about international politics → a knowledge graph of actors, treaties and PLOVER events.

Importing ``kg`` loads nothing heavy: the public functions below are imported on first use,
and GiNZA is loaded only when a build needs it.

    >>> import kg
    >>> store = kg.open_store("out/store")                     # doctest: +SKIP
    >>> kg.build("seeds", store)                                # doctest: +SKIP
    >>> kg.sparql(store, "SELECT ?c (COUNT(*) AS ?n) WHERE { ?e kg:category ?c } GROUP BY ?c")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "KGError",
    "KGStore",
    "build",
    "export_graph",
    "graph_stats",
    "list_presets",
    "load_nlp",
    "open_store",
    "preset_frame",
    "relation_matrix",
    "show_graph",
    "show_timeline",
    "show_view",
    "sparql",
    "sparql_frame",
    "summarise",
    "timeline_frame",
    "to_networkx",
]

_LAZY = {
    "KGError": "kg.errors",
    "KGStore": "kg.store",
    "build": "kg.api",
    "load_nlp": "kg.nlp",
    "open_store": "kg.api",
    "show_graph": "kg.api",
    "sparql": "kg.api",
    "sparql_frame": "kg.api",
    "summarise": "kg.summary",
    "to_networkx": "kg.api",
    "export_graph": "kg.api",
    "graph_stats": "kg.api",
    "list_presets": "kg.api",
    "preset_frame": "kg.api",
    "relation_matrix": "kg.api",
    "show_timeline": "kg.api",
    "show_view": "kg.api",
    "timeline_frame": "kg.api",
}


def __getattr__(name: str) -> Any:
    """Import public names on first use so ``import kg`` stays light."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
