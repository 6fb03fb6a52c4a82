"""The ``kg`` command line: a thin shell that parses arguments, prints, and sets exit codes.

Command names and options are a contract other tools depend on; keep them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KGError
from kg.store import DEFAULT_STORE, KGStore

EXPORT_FORMATS = ("turtle", "trig", "nquads", "jsonld", "plover", "entities")


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_STORE,
        help=f"store directory (default: $KG_STORE or ./{DEFAULT_STORE})",
    )


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``kg`` command."""
    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge graph of international politics from news articles."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="read articles and add them to the store")
    _store_option(build)
    build.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories")
    mode = build.add_mutually_exclusive_group()
    mode.add_argument("--keep-going", action="store_true", default=True,
                      help="report a bad file and go on with the batch (default)")
    mode.add_argument("--strict", action="store_true", help="stop at the first error")

    query = commands.add_parser("query", help="run a SPARQL query over the store")
    _store_option(query)
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("--file", type=Path, help="read the query from a .rq file")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")

    export = commands.add_parser("export", help="write the graph or its events to a file")
    _store_option(export)
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")

    viz = commands.add_parser("viz", help="write the interactive graph page")
    _store_option(viz)
    viz.add_argument("-o", "--output", type=Path, default=Path("graph.html"))

    validate = commands.add_parser("validate", help="check the store against the SHACL shapes")
    _store_option(validate)

    summary = commands.add_parser("summary", help="count articles, entities and events")
    _store_option(summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``kg`` command; returns the process exit code."""
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KGError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kg export … | head`: the reader left, which is not an error
        sys.stderr.close()
        return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import build
    from kg.summary import summarise

    def report(error: KGError) -> None:
        print(f"kg: skipped {error}", file=sys.stderr)

    with KGStore(args.store) as store:
        result = build(args.paths, store, strict=args.strict, on_error=report)
        print(f"built {len(result.written)} article(s), {len(result.unchanged)} unchanged, into {args.store}")
        for line in summarise(store).lines():
            print("  " + line)
    if result.failed:
        print(f"kg: {len(result.failed)} file(s) failed", file=sys.stderr)
        return 1
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_result, read_query_file, run_query

    if (args.sparql is None) == (args.file is None):
        raise KGError("give either a SPARQL query or --file F.rq (exactly one)")
    sparql = read_query_file(args.file) if args.file else args.sparql
    with KGStore(args.store, read_only=True) as store:
        print(format_result(run_query(store, sparql), args.format))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from kg.export import export

    with KGStore(args.store, read_only=True) as store:
        if args.output:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            export(store, args.format, args.output)
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            export(store, args.format, sys.stdout)
    return 0


def _cmd_viz(args: argparse.Namespace) -> int:
    from kg.viz import write_graph_html

    with KGStore(args.store, read_only=True) as store:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        write_graph_html(store, args.output)
    print(f"wrote {args.output}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_store

    with KGStore(args.store, read_only=True) as store:
        report = validate_store(store)
    if report.conforms:
        print("the graph conforms to the SHACL shapes")
        return 0
    print(report.text)
    return 1


def _cmd_summary(args: argparse.Namespace) -> int:
    from kg.summary import summarise

    with KGStore(args.store, read_only=True) as store:
        for line in summarise(store).lines():
            print(line)
    return 0


COMMANDS = {
    "build": _cmd_build,
    "query": _cmd_query,
    "export": _cmd_export,
    "viz": _cmd_viz,
    "validate": _cmd_validate,
    "summary": _cmd_summary,
}


if __name__ == "__main__":
    sys.exit(main())
