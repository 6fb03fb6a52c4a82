"""The ``kg`` command line: a thin shell that parses arguments, prints, and sets exit codes.

Command names and options are a contract other tools depend on; keep them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.cli_scale import add_scale_options, run_scaled_build
from kg.cli_views import (add_commands, add_preset_options, add_view_options,
                          run_preset_command, run_stats, run_timeline, run_viz)
from kg.errors import InputError, KGError
from kg.export_graph import GRAPH_FORMATS
from kg.remote_store import is_remote, open_store, store_location
from kg.store import DEFAULT_STORE, KGStore

EXPORT_FORMATS = ("turtle", "trig", "nquads", "jsonld", "plover", "entities", "graphml", "gexf")


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        type=store_location,
        default=DEFAULT_STORE,
        help=f"store directory, or the URL of a SPARQL 1.1 server such as "
             f"http://127.0.0.1:7878 (default: $KG_STORE or ./{DEFAULT_STORE})",
    )


def _whole(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be above 0: {text!r}")
    return value


def _wait_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait", type=float, default=0.0, metavar="SECONDS",
        help="if another kg process is writing the store, wait up to SECONDS (default: fail)",
    )


def _open_for_writing(args: argparse.Namespace) -> KGStore:
    if is_remote(args.store):
        return open_store(args.store)

    def waiting(holder: str) -> None:
        print(f"kg: waiting up to {args.wait:g} s for {args.store} (in use by kg {holder})",
              file=sys.stderr)

    return KGStore(args.store, wait=args.wait, on_wait=waiting)


def _one_line(error: KGError) -> str:
    return " ".join(str(error).split("\n"))


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``kg`` command."""
    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge graph of international politics from news articles."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="read articles and add them to the store")
    _store_option(build)
    build.add_argument("paths", nargs="*", metavar="PATH", help="article files or directories")
    mode = build.add_mutually_exclusive_group()
    mode.add_argument("--keep-going", action="store_true", default=True,
                      help="report a bad file and go on with the batch (default)")
    mode.add_argument("--strict", action="store_true", help="stop at the first error")
    build.add_argument("--replace", action="store_true",
                       help="re-extract articles already stored with the current rules")
    build.add_argument("--no-merge", action="store_true",
                       help="keep each article's events apart instead of merging reports of "
                            "the same event across articles")
    build.add_argument("--max-bytes", type=_whole, metavar="N",
                       help="refuse files larger than N bytes (default: $KG_MAX_BYTES or 5000000)")
    build.add_argument("--max-chars", type=_whole, metavar="N",
                       help="refuse articles of more than N characters "
                            "(default: $KG_MAX_CHARS or 100000)")
    _wait_option(build)
    build.add_argument("-v", "--verbose", action="store_true",
                       help="print a line for every article file")
    add_scale_options(build)

    remove = commands.add_parser("remove", help="remove articles (and what only they said)")
    _store_option(remove)
    remove.add_argument("articles", nargs="+", metavar="ARTICLE",
                        help="article id, article IRI, or the path the article was built from")
    _wait_option(remove)

    query = commands.add_parser("query", help="run a SPARQL query over the store")
    _store_option(query)
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("--file", type=Path, help="read the query from a .rq file")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_preset_options(query)

    export = commands.add_parser("export", help="write the graph or its events to a file")
    _store_option(export)
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")

    viz = commands.add_parser("viz", help="write the interactive graph page")
    _store_option(viz)
    viz.add_argument("-o", "--output", type=Path, default=Path("graph.html"))
    add_view_options(viz)

    validate = commands.add_parser("validate", help="check the store against the SHACL shapes")
    _store_option(validate)

    evaluate = commands.add_parser("eval", help="score extraction against gold annotations")
    evaluate.add_argument("gold_dir", type=Path, metavar="GOLD_DIR", help="directory of gold JSON files")
    evaluate.add_argument("--format", choices=("table", "json"), default="table")

    summary = commands.add_parser("summary", help="count articles, entities and events")
    _store_option(summary)

    serve = commands.add_parser("serve", help="serve a read-only SPARQL endpoint and query page")
    _store_option(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 = any)")
    serve.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                       help="stop a query after this long (default: 30)")
    serve.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                       help="refuse results of more than N rows or triples (default: 10000)")
    serve.add_argument("--workers", type=int, default=2, metavar="N",
                       help="query worker processes, i.e. queries at once (default: 2)")
    add_commands(commands, _store_option)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``kg`` command; returns the process exit code."""
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KGError as error:
        print(f"kg: error: {_one_line(error)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kg export … | head`: the reader left, which is not an error
        sys.stderr.close()
        return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import build
    from kg.summary import summarise

    def report(error: KGError) -> None:
        if not args.strict:  # with --strict, main prints the error that stops the build
            print(f"kg: skipped {_one_line(error)}", file=sys.stderr)

    def progress(status: str, path: Path, article_id: str) -> None:
        if args.verbose:
            print(f"kg: {status} {path} (article {article_id})", file=sys.stderr, flush=True)

    with _open_for_writing(args) as store:
        try:
            result = run_scaled_build(args, store, build, strict=args.strict,
                           replace=args.replace, merge=not args.no_merge,
                           max_bytes=args.max_bytes, max_chars=args.max_chars,
                           on_error=report, on_article=progress)
        except KGError:
            if args.strict:
                print("kg: stopped at the first error (--strict); articles written before "
                      "it are kept", file=sys.stderr)
            raise
        unchanged = len(result.unchanged) + len(result.skipped)
        print(f"built {len(result.written)} article(s), {unchanged} unchanged, into {args.store}")
        for line in summarise(store).lines():
            print("  " + line)
    if result.failed:
        print(f"kg: {len(result.failed)} file(s) failed and were skipped", file=sys.stderr)
        return 1
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from kg.pipeline import remove_and_reanchor

    failed = 0
    with _open_for_writing(args) as store:
        for ref in args.articles:
            try:
                for article_id in remove_and_reanchor(store, ref):
                    print(f"removed article {article_id}")
            except InputError as error:
                print(f"kg: {_one_line(error)}", file=sys.stderr)
                failed += 1
    return 1 if failed else 0


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_result, read_query_file, run_query

    if args.preset or args.list_presets:
        return run_preset_command(args)
    if (args.sparql is None) == (args.file is None):
        raise KGError("give either a SPARQL query or --file F.rq (exactly one)")
    sparql = read_query_file(args.file) if args.file else args.sparql
    with open_store(args.store, read_only=True) as store:
        print(format_result(run_query(store, sparql), args.format))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from kg.export import export
    from kg.export_graph import export_graph

    write = export_graph if args.format in GRAPH_FORMATS else export
    with open_store(args.store, read_only=True) as store:
        if args.output:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            write(store, args.format, args.output)
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            write(store, args.format, sys.stdout)
    return 0


def _cmd_viz(args: argparse.Namespace) -> int:
    return run_viz(args)


def _cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_store

    with open_store(args.store, read_only=True) as store:
        report = validate_store(store)
    if report.conforms:
        print("the graph conforms to the SHACL shapes")
        return 0
    print(report.text)
    return 1


def _cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_report

    print(format_report(evaluate(args.gold_dir), args.format))
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    from kg.summary import summarise

    with open_store(args.store, read_only=True) as store:
        for line in summarise(store).lines():
            print(line)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from kg.server import serve

    serve(args.store, args.host, args.port, timeout=args.timeout, max_rows=args.max_rows,
          workers=args.workers)
    return 0


COMMANDS = {
    "build": _cmd_build,
    "remove": _cmd_remove,
    "query": _cmd_query,
    "export": _cmd_export,
    "viz": _cmd_viz,
    "validate": _cmd_validate,
    "eval": _cmd_eval,
    "summary": _cmd_summary,
    "serve": _cmd_serve,
    "timeline": run_timeline,
    "stats": run_stats,
}


if __name__ == "__main__":
    sys.exit(main())
