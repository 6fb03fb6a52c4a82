"""The ``kg`` options and commands for presets, focused views, timelines, stats and graph files.

``kg.cli`` calls these to add its arguments and to run them; like ``kg.cli`` this module
only parses, prints and sets exit codes — the work is in ``kg.presets``, ``kg.views``,
``kg.timeline``, ``kg.stats`` and ``kg.export_graph``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kg.errors import KGError, QueryError
from kg.remote_store import open_store
from kg.store import KGStore


def add_preset_options(query: argparse.ArgumentParser) -> None:
    """``kg query --preset NAME --param k=v …`` and ``kg query --list-presets``."""
    query.add_argument("--preset", metavar="NAME", help="run a canned query from queries/")
    query.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                       help="a preset parameter (repeatable); entities as IRI or label")
    query.add_argument("--list-presets", action="store_true",
                       help="list the canned queries and their parameters")


def add_view_options(viz: argparse.ArgumentParser) -> None:
    """``kg viz`` focus and filters."""
    viz.add_argument("--focus", metavar="ENTITY",
                     help="draw only around this entity (IRI or label)")
    viz.add_argument("--depth", type=int, default=1,
                     help="event hops from the focus (default 1)")
    viz.add_argument("--since", metavar="DATE", help="events from this date (YYYY[-MM[-DD]])")
    viz.add_argument("--until", metavar="DATE", help="events up to this date (YYYY[-MM[-DD]])")
    viz.add_argument("--category", action="append", default=[], metavar="CODE",
                     help="PLOVER categories to keep (repeatable or comma list)")
    viz.add_argument("--max-nodes", type=int, default=None, metavar="N",
                     help="draw at most N nodes, the most linked (default 1500)")


def add_commands(commands: argparse._SubParsersAction,
                 store_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """``kg timeline`` and ``kg stats``."""
    timeline = commands.add_parser("timeline", help="write an entity's or a treaty's timeline page")
    store_option(timeline)
    timeline.add_argument("entity", metavar="ENTITY", help="an entity or treaty (IRI or label)")
    timeline.add_argument("-o", "--output", type=Path, default=Path("timeline.html"))
    stats = commands.add_parser("stats", help="counts, central actors, communities, balances")
    store_option(stats)
    stats.add_argument("--format", choices=("text", "json"), default="text")
    stats.add_argument("--top", type=int, default=10, help="how many central actors to list")


def parse_params(items: list[str]) -> dict[str, str]:
    """``["actor=プーチン", "since=2021"]`` → a dict; a value may itself contain ``=``."""
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {item!r}: write KEY=VALUE")
        params[key.strip()] = value
    return params


def run_preset_command(args: argparse.Namespace) -> int:
    """``kg query --preset`` / ``--list-presets``."""
    from kg.presets import list_presets, run_preset
    from kg.query import format_result

    if args.list_presets:
        for preset in list_presets():
            print(f"{preset.name}: {preset.title}")
            for p in preset.params:
                extra = "optional" if p.optional and p.default is None else (
                    f"default {p.default}" if p.default is not None else "required")
                print(f"    {p.name} ({p.kind}, {extra}): {p.description}")
        return 0
    if args.sparql is not None or args.file is not None:
        raise KGError("give --preset NAME or a query (--file F.rq or text), not both")
    with open_store(args.store, read_only=True) as store:
        result = run_preset(store, args.preset, parse_params(args.param))
        print(format_result(result, args.format))
    return 0


def run_viz(args: argparse.Namespace) -> int:
    """``kg viz`` with its focus and filters; prints what was drawn and left out."""
    from kg.views import make_view
    from kg.viz import DEFAULT_MAX_NODES, write_graph_html

    max_nodes = DEFAULT_MAX_NODES if args.max_nodes is None else args.max_nodes
    if max_nodes < 1:
        raise KGError(f"--max-nodes must be at least 1, not {max_nodes}")
    with open_store(args.store, read_only=True) as store:
        view = make_view(store, focus=args.focus, depth=args.depth, since=args.since,
                         until=args.until, categories=args.category)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        summary = write_graph_html(store, args.output, max_nodes=max_nodes, view=view)
    print(f"wrote {args.output}: {summary.nodes} nodes, {summary.edges} edges, "
          f"{summary.events} events" + (f" ({summary.view})" if summary.view else ""))
    if summary.omitted_nodes:
        names = ", ".join(summary.omitted_nodes[:20])
        rest = len(summary.omitted_nodes) - 20
        more = f" and {rest} more" if rest > 0 else ""
        print(f"left out {len(summary.omitted_nodes)} less connected nodes and "
              f"{summary.omitted_edges} edges (--max-nodes {max_nodes}): {names}{more}")
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    """``kg timeline ENTITY -o FILE.html``."""
    from kg.timeline import write_timeline_html

    with open_store(args.store, read_only=True) as store:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        data = write_timeline_html(store, args.entity, args.output)
    print(f"wrote {args.output}: {data.label}, {len(data.dated)} dated and "
          f"{len(data.undated)} undated item(s)")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    """``kg stats [--format text|json]``."""
    from kg.stats import compute_stats

    with open_store(args.store, read_only=True) as store:
        stats = compute_stats(store, top=args.top)
    print(stats.to_json() if args.format == "json" else "\n".join(stats.lines()))
    return 0
