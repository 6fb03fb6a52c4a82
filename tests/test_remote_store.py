"""kg against a real SPARQL server (``oxigraph serve``): build, query, export and viz."""

from __future__ import annotations

import http.server
import io
import json
import threading
import uuid

import pytest
from rdflib import BNode, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.namespace import KG, article_graph
from kg.remote_store import RemoteStore, bind_values, is_remote, open_store
from kg.store import KGStore

HOSTILE = 'a "quoted" } ; DROP ALL ; # \\ \n <http://x> \'single\' 語'


def _plain(quads) -> set[str]:
    return {f"{s.n3()} {p.n3()} {o.n3()} {g}" for s, p, o, g in quads
            if not isinstance(s, BNode) and not isinstance(o, BNode)}


@pytest.fixture(scope="module")
def built(sparql_server, seed_dir, tmp_path_factory):
    """The seeds built into the server and, for comparison, into a local store."""
    from kg.parallel import build_parallel

    remote = RemoteStore(sparql_server)
    remote_report = build_parallel([seed_dir], remote, workers=1)
    local = KGStore(tmp_path_factory.mktemp("local") / "store")
    build_parallel([seed_dir], local, workers=1)
    yield remote, local, remote_report
    local.close()


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { VALUES (?o) { (@V) } ?x ?p ?o }"),
    ("ASK { ?x ?p ?o }", "ASK { VALUES (?o) { (@V) } ?x ?p ?o }"),
    ('SELECT ?x WHERE { # a } comment\n ?x ?p ?o }',
     'SELECT ?x WHERE { VALUES (?o) { (@V) } # a } comment\n ?x ?p ?o }'),
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }",
     "CONSTRUCT { ?x ?p ?o } WHERE { VALUES (?o) { (@V) } ?x ?p ?o }"),
    ("PREFIX a: <http://x/#a> SELECT * WHERE { ?x a:p ?o }",
     "PREFIX a: <http://x/#a> SELECT * WHERE { VALUES (?o) { (@V) } ?x a:p ?o }"),
])
def test_bind_values_opens_the_outermost_group(query, expected):
    assert bind_values(query, {"o": Literal("v")}) == expected.replace("@V", '"v"')


def test_bind_values_escapes_hostile_text():
    query = bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal(HOSTILE, lang="ja")})
    assert "DROP ALL ; #" in query and '\\"quoted\\"' in query and "\\n" in query
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"o } DROP ALL": Literal("v")})
    with pytest.raises(QueryError, match="blank node"):
        bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": BNode()})


def test_remote_store_round_trips_hostile_values(sparql_server):
    store = RemoteStore(sparql_server)
    graph = article_graph(f"t{uuid.uuid4().hex[:8]}")
    node = URIRef(f"{graph}#n")
    store.replace_graph(graph, [(node, KG.surface, Literal(HOSTILE, lang="ja"))])
    rows = store.select("SELECT ?n ?v WHERE { ?n ?p ?v }", {"v": Literal(HOSTILE, lang="ja")})
    assert rows == [{"n": node, "v": Literal(HOSTILE, lang="ja")}]
    assert store.select("SELECT ?n WHERE { ?n ?p ?v }", {"v": Literal(HOSTILE)}) == []
    assert store.has_graph(graph) and graph in store.graphs()
    assert store.graph_matches(graph, [(node, KG.surface, Literal(HOSTILE, lang="ja"))])
    store.remove_graph(graph)
    store.remove_graph(graph)  # absent: no error
    assert not store.has_graph(graph)


def test_remote_build_matches_local_build(built):
    remote, local, report = built
    assert report.ok and len(report.written) == 2
    assert _plain(remote.quads()) == _plain(local.quads())
    assert set(remote.graphs()) >= set(local.graphs())


def test_remote_rebuild_parses_nothing(built, sparql_server, seed_dir):
    from kg.parallel import build_parallel

    def no_parsing(items, version):
        raise AssertionError(f"parsed {items}")

    report = build_parallel([seed_dir], RemoteStore(sparql_server), outcomes=no_parsing)
    assert report.written == [] and len(report.skipped) == 2


def test_remote_presets_answer_as_local(built):
    from kg.presets import list_presets, run_preset

    remote, local, _ = built
    params = {"actor_events": {"actor": "ロシア"}, "pair_events": {"a": "米国", "b": "ロシア"},
              "treaty_timeline": {"treaty": "新START"}, "entity_articles": {"entity": "NATO"}}
    checked = 0
    for preset in list_presets():
        given = params.get(preset.name, {})
        if any(not p.optional and p.name not in given for p in preset.params):
            continue
        here = run_preset(local, preset.name, given)
        there = run_preset(remote, preset.name, given)
        assert there.rows == here.rows, preset.name
        checked += 1
    assert checked >= 4


def test_remote_export_and_viz(built, tmp_path):
    from kg.export import export
    from kg.viz import write_graph_html

    remote, local, _ = built
    for fmt in ("trig", "plover"):
        there, here = io.BytesIO(), io.BytesIO()
        export(remote, fmt, there)
        export(local, fmt, here)
        if fmt == "plover":
            assert there.getvalue() == here.getvalue()
        else:
            assert len(there.getvalue()) > 1000
    summary = write_graph_html(remote, tmp_path / "remote.html")
    write_graph_html(local, tmp_path / "local.html")
    assert summary.path.read_text(encoding="utf-8") == (tmp_path / "local.html").read_text(
        encoding="utf-8")


def test_open_store_picks_by_location(sparql_server, tmp_path):
    assert is_remote(sparql_server) and not is_remote(tmp_path)
    assert isinstance(open_store(sparql_server, read_only=True), RemoteStore)
    with open_store(tmp_path / "s") as store:
        assert isinstance(store, KGStore)
    with pytest.raises(StoreError, match="read-only"):
        open_store(sparql_server, read_only=True).remove_graph(article_graph("x"))


def test_truncated_answer_is_an_error():
    """Oxigraph answers 200 with a cut body when its timeout fires: never half-read it."""
    body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
        {"x": {"type": "literal", "value": "v"}}] * 50}}).encode()[:300]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the stdlib's name)
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        with pytest.raises(QueryError, match="not complete JSON"):
            RemoteStore(url, read_only=True)
    finally:
        server.shutdown()


def test_unreachable_server_names_the_url():
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore("http://127.0.0.1:9", read_only=True, timeout=2)


def test_cli_commands_run_against_the_server(built, sparql_server, seed_dir, tmp_path, capsys):
    from kg.cli import main

    assert main(["build", "--store", sparql_server, "--workers", "1", str(seed_dir)]) == 0
    assert "0 article(s), 2 unchanged" in capsys.readouterr().out
    assert main(["query", "--store", sparql_server, "--format", "csv",
                 "SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Event }"]) == 0
    assert int(capsys.readouterr().out.split()[-1]) > 0
    assert main(["export", "--store", sparql_server, "--format", "plover",
                 "-o", str(tmp_path / "events.jsonl")]) == 0
    assert (tmp_path / "events.jsonl").read_text(encoding="utf-8").count("\n") > 0
    assert main(["viz", "--store", sparql_server, "-o", str(tmp_path / "g.html")]) == 0
    assert "kgReady" in (tmp_path / "g.html").read_text(encoding="utf-8")
