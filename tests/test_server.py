"""`kg serve` over HTTP: the SPARQL 1.1 Protocol, formats, refusals, limits, pages and the CLI."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError

import httpx
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from kg.server import KGServer, is_loopback, make_server
from kg.server_entity import entity_data
from kg.server_formats import GRAPH, RESULTS, NotAcceptable, choose_format, refusal
from kg.server_pages import entity_page
from kg.store import KGStore

ROOT = Path(__file__).resolve().parent.parent
ENTITY = "https://kg.example.org/id/entity/"
ARTICLES = "SELECT ?article ?title WHERE { ?article a kg:Article ; dcterms:title ?title }"
# 5k triples cubed: ~10^11 rows to count, far beyond any test's timeout
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def build_seed_store(path: Path, nlp) -> Path:
    """A store built by the real pipeline from the two seed articles in seeds/."""
    from kg.pipeline import build

    with KGStore(path) as store:
        report = build([ROOT / "seeds"], store, nlp=nlp)
    assert report.ok and len(report.written) == 2
    return path


@contextmanager
def running_server(store_path: Path, **options) -> Iterator[KGServer]:
    """A server on a free loopback port, serving from a thread; stopped (workers too) at exit."""
    server = make_server(store_path, "127.0.0.1", 0, quiet=True, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, nlp) -> Path:
    return build_seed_store(tmp_path_factory.mktemp("server") / "store", nlp)


@pytest.fixture(scope="module")
def server(seed_store) -> Iterator[KGServer]:
    with running_server(seed_store, timeout=20, max_rows=1000, workers=2) as s:
        yield s


@pytest.fixture(scope="module")
def strict(seed_store) -> Iterator[KGServer]:
    """One worker, a 0.5 s timeout and 50 rows at most."""
    with running_server(seed_store, timeout=0.5, max_rows=50, workers=1) as s:
        yield s


@pytest.fixture(scope="module")
def client(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def sparql(client: httpx.Client, query: str, accept: str | None = None, **params) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return client.post("/sparql", data={"query": query, **params}, headers=headers)


# -- the protocol: three ways to send a query --------------------------------------------------
def test_sparql_get_returns_json_results(client):
    response = client.get("/sparql", params={"query": ARTICLES})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    body = response.json()
    assert body["head"]["vars"] == ["article", "title"]
    titles = {b["title"]["value"] for b in body["results"]["bindings"]}
    assert "米ロ首脳が初会談、核軍縮・サイバー問題で対話枠組み" in titles and len(titles) == 2
    assert {b["title"]["xml:lang"] for b in body["results"]["bindings"]} == {"ja"}


def test_sparql_post_form_and_post_body_agree_with_get(client):
    by_get = client.get("/sparql", params={"query": ARTICLES}).json()
    by_form = client.post("/sparql", data={"query": ARTICLES}).json()
    by_body = client.post("/sparql", content=ARTICLES.encode(),
                          headers={"Content-Type": "application/sparql-query"}).json()

    def rows(body):
        return sorted(json.dumps(b, sort_keys=True) for b in body["results"]["bindings"])

    assert rows(by_get) == rows(by_form) == rows(by_body) and len(rows(by_get)) == 2


def test_sparql_get_without_query_describes_the_service(client, server):
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, None, URIRef(sd + "SPARQL11Query")) in graph
    assert f"<{server.url}/sparql>" in response.text


def test_sparql_sees_union_default_graph_unless_graphs_named(client):
    gazetteer = "https://kg.example.org/id/graph/gazetteer"
    union = sparql(client, ARTICLES).json()["results"]["bindings"]
    only = sparql(client, ARTICLES, **{"default-graph-uri": gazetteer}).json()
    assert len(union) == 2 and only["results"]["bindings"] == []


# -- formats -----------------------------------------------------------------------------------
def parse_rows(media: str, text: str) -> list[dict[str, str]]:
    """Rows of ?article/?title from any of the four result formats, values as plain text."""
    if "json" in media:
        bindings = json.loads(text)["results"]["bindings"]
        return [{k: v["value"] for k, v in b.items()} for b in bindings]
    if "xml" in media:
        root = ET.fromstring(text)
        return [{b.get("name"): b[0].text for b in r} for r in root.iter(f"{SRX}result")]
    if "csv" in media:
        return list(csv.DictReader(io.StringIO(text)))
    header, *lines = text.rstrip("\n").split("\n")
    names = [h.lstrip("?") for h in header.split("\t")]
    plain = []
    for line in lines:
        cells = line.split("\t")
        plain.append({n: c[1:c.rindex('"')] if c.startswith('"') else c.strip("<>")
                      for n, c in zip(names, cells)})
    return plain


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, text/csv", "text/csv"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_formats_by_accept_header(client, accept, media):
    response = sparql(client, ARTICLES, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    rows = parse_rows(media, response.text)
    assert len(rows) == 2
    assert any(r["title"] == "バイデン=プーチン、初の電話会談 新START延長で合意" for r in rows)
    assert all(r["article"].startswith("https://kg.example.org/id/article/") for r in rows)


@pytest.mark.parametrize("fmt, media", [("json", "application/sparql-results+json"),
                                        ("xml", "application/sparql-results+xml"),
                                        ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_select_format_parameter_overrides_accept(client, fmt, media):
    response = client.get("/sparql", params={"query": ARTICLES, "format": fmt},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.headers["content-type"].split(";")[0] == media
    assert len(parse_rows(media, response.text)) == 2


def test_tsv_escapes_tabs_and_newlines_in_literals(client):
    query = 'SELECT ?x WHERE { BIND("a\\tb\\nc" AS ?x) }'
    lines = sparql(client, query, "text/tab-separated-values").text.split("\n")
    assert lines[:2] == ["?x", '"a\\tb\\nc"']


@pytest.mark.parametrize("accept, expected", [
    ("application/sparql-results+json", '"boolean": true'),
    ("application/sparql-results+xml", "<boolean>true</boolean>"),
    ("text/csv", "true"),
])
def test_ask_formats(client, accept, expected):
    response = sparql(client, "ASK { ?a a kg:Article }", accept)
    assert response.status_code == 200 and expected in response.text


CONSTRUCT = ("CONSTRUCT { ?a dcterms:title ?t ; a kg:Article } "
             "WHERE { ?a a kg:Article ; dcterms:title ?t }")


@pytest.mark.parametrize("accept, media, rdflib_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    (None, "text/turtle", "turtle"),
])
def test_construct_formats_by_accept_header(client, accept, media, rdflib_format):
    response = sparql(client, CONSTRUCT, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert len(graph) == 4
    assert "バイデン=プーチン、初の電話会談 新START延長で合意" in {str(o) for o in graph.objects()}


def test_describe_returns_the_entity_triples(client):
    response = sparql(client, f"DESCRIBE <{ENTITY}vladimir-putin>", "application/n-triples")
    graph = Graph().parse(data=response.text, format="nt")
    assert "Vladimir Putin" in {str(o) for o in graph.objects()}


@pytest.mark.parametrize("query, accept, params", [
    (ARTICLES, "image/png", {}),
    (CONSTRUCT, "text/csv", {}),
    (ARTICLES, None, {"format": "turtle"}),
])
def test_unavailable_format_is_406_listing_choices(client, query, accept, params):
    response = sparql(client, query, accept, **params)
    assert response.status_code == 406
    assert response.text.startswith("Error 406: cannot answer")
    choices = "(format=csv)" if query == ARTICLES else "(format=turtle)"
    assert choices in response.text


# -- an external client library --------------------------------------------------------------
def wrapper(server: KGServer, query: str, fmt: str) -> SPARQLWrapper:
    endpoint = SPARQLWrapper(f"{server.url}/sparql")
    endpoint.setQuery("PREFIX kg: <https://kg.example.org/ontology#>\n"
                      "PREFIX dcterms: <http://purl.org/dc/terms/>\n" + query)
    endpoint.setReturnFormat(fmt)
    return endpoint


def test_sparqlwrapper_select_json(server):
    result = wrapper(server, ARTICLES, JSON).queryAndConvert()
    assert len(result["results"]["bindings"]) == 2


def test_sparqlwrapper_select_xml(server):
    document = wrapper(server, ARTICLES, XML).queryAndConvert()
    assert len(document.getElementsByTagName("result")) == 2


def test_sparqlwrapper_ask(server):
    assert wrapper(server, "ASK { ?a a kg:Article }", JSON).queryAndConvert()["boolean"] is True
    assert wrapper(server, "ASK { ?a a kg:Nope }", XML).queryAndConvert().getElementsByTagName(
        "boolean")[0].firstChild.data == "false"


@pytest.mark.parametrize("fmt", [TURTLE, XML])
def test_sparqlwrapper_construct(server, fmt):
    graph = wrapper(server, CONSTRUCT, fmt).queryAndConvert()
    if isinstance(graph, bytes):  # SPARQLWrapper hands Turtle back as bytes
        graph = Graph().parse(data=graph.decode(), format="turtle")
    assert len(graph) == 4


def test_sparqlwrapper_update_is_refused(server):
    endpoint = SPARQLWrapper(f"{server.url}/sparql")
    endpoint.setMethod("POST")
    endpoint.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(HTTPError) as caught:  # SPARQLWrapper wraps 400 and 500, not 403
        endpoint.query()
    assert caught.value.code == 403 and "read-only" in caught.value.read().decode()


# -- refusals ------------------------------------------------------------------------------------
def count_triples(client) -> int:
    body = sparql(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
    return int(body["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("send", [
    lambda c: c.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    lambda c: c.post("/sparql", content=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                     headers={"Content-Type": "application/sparql-update"}),
    lambda c: c.post("/sparql", data={"query": "DELETE WHERE { ?s ?p ?o }"}),
    lambda c: c.get("/sparql", params={"query": "DROP ALL"}),
    lambda c: c.get("/sparql", params={"update": "CLEAR DEFAULT"}),
    lambda c: c.put("/sparql", content=b"<urn:a> <urn:b> <urn:c> ."),
], ids=["update-param", "update-body", "delete-as-query", "drop-get", "update-get", "put"])
def test_updates_are_refused_with_403(client, send):
    before = count_triples(client)
    response = send(client)
    assert response.status_code == 403
    assert "read-only" in response.text and response.text.startswith("Error 403:")
    assert count_triples(client) == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { ?x ?y ?z .service silent <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_service_is_refused_with_400(client, query):
    response = sparql(client, query)
    assert response.status_code == 400
    assert "SERVICE" in response.text and "federated" in response.text


def test_words_in_strings_iris_and_names_are_not_refused(client):
    query = ('SELECT ?service WHERE { BIND("SERVICE INSERT DROP" AS ?service) '
             'FILTER(?service != <http://example.org/service/delete>) } # SERVICE')
    response = sparql(client, query)
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["service"]["value"] == "SERVICE INSERT DROP"


@pytest.mark.parametrize("query, refused", [
    ("SELECT * { ?s ?p ?o }", None),
    ("INSERT DATA { <a:a> <a:b> <a:c> }", 403),
    ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", 403),
    ("SELECT * { ?s kg:drop ?load ; kg:Service ?o }", None),
    ("SELECT * { ?s ?p 'load copy move' }", None),
    ("SELECT * { ?s ?p ?o .SERVICE <x:y> {} }", 400),
    ("SELECT * { ?s ?p ?o FILTER(?a<?b) SERVICE<x:y>{} }", 400),
    ("SELECT * { ?s ?p '''a\nSERVICE''' }", None),
])
def test_refusal_reads_keywords_outside_strings_and_names(query, refused):
    result = refusal(query)
    assert (result[0] if result else None) == refused


def test_malformed_query_is_400_with_the_parser_position(client):
    response = sparql(client, "SELECT ?x WHERE { ?x ?y }")
    assert response.status_code == 400
    assert response.text.startswith("Error 400: malformed SPARQL query: error at 1:")


@pytest.mark.parametrize("send, status", [
    (lambda c: c.get("/nowhere"), 404),
    (lambda c: c.post("/", data={"query": "ASK {}"}), 405),
    (lambda c: c.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}), 415),
    (lambda c: c.post("/sparql", data={"query": ["ASK {}", "ASK {}"]}), 400),
    (lambda c: c.post("/sparql", data={"format": "json"}), 400),
    (lambda c: c.get("/sparql", params={"query": "ASK {}"}, headers={"Host": "evil.example"}), 403),
])
def test_bad_requests_get_clear_errors(client, send, status):
    response = send(client)
    assert response.status_code == status
    assert response.text.startswith(f"Error {status}: ")


# -- limits ----------------------------------------------------------------------------------------
def test_timeout_stops_the_query_and_the_server_answers_the_next(strict, seed_store):
    pids = strict.pool.pids()
    with httpx.Client(base_url=strict.url, timeout=30) as c:
        started = time.monotonic()
        response = sparql(c, CROSS_JOIN)
        elapsed = time.monotonic() - started
        assert response.status_code == 503
        assert "ran longer than 0.5 s" in response.text and response.text.startswith("Error 503:")
        assert elapsed < 5
        # the only worker was killed: the next query waits for its successor, then runs
        follow = sparql(c, ARTICLES)
        assert follow.status_code == 200 and len(follow.json()["results"]["bindings"]) == 2
    assert strict.pool.restarts >= 1
    for pid in pids:  # the overrunning process is gone, not left spinning
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
    assert not set(pids) & set(strict.pool.pids())


def test_a_slow_query_does_not_block_other_queries(seed_store):
    done = {}
    with running_server(seed_store, timeout=2, workers=2) as server:

        def slow():
            with httpx.Client(base_url=server.url, timeout=30) as c:
                done["slow"] = sparql(c, CROSS_JOIN).status_code

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.3)
        with httpx.Client(base_url=server.url, timeout=30) as c:
            started = time.monotonic()
            assert sparql(c, "ASK { ?a a kg:Article }").json()["boolean"] is True
            assert time.monotonic() - started < 1.5  # answered while the slow one still runs
        thread.join(30)
    assert done["slow"] == 503


def test_a_worker_that_dies_is_replaced(seed_store):
    with running_server(seed_store, timeout=5, workers=1) as server:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            (idle,) = server.pool.pids()
            os.kill(idle, signal.SIGKILL)  # dead while idle: the next query waits for its successor
            assert sparql(c, ARTICLES).status_code == 200
            assert server.pool.restarts == 1 and idle not in server.pool.pids()
            (busy,) = server.pool.pids()
            threading.Timer(0.5, os.kill, (busy, signal.SIGKILL)).start()
            crashed = sparql(c, CROSS_JOIN)  # dies while answering: reported, then replaced
            assert crashed.status_code == 500 and "restarted" in crashed.text
            assert sparql(c, ARTICLES).status_code == 200
        assert server.pool.restarts == 2 and busy not in server.pool.pids()


def test_result_size_limit_is_enforced(strict):
    with httpx.Client(base_url=strict.url, timeout=30) as c:
        too_many = sparql(c, "SELECT * WHERE { ?s ?p ?o }")
        assert too_many.status_code == 400
        assert "more than 50 rows" in too_many.text and "LIMIT 50" in too_many.text
        graph = sparql(c, "CONSTRUCT WHERE { ?s ?p ?o }")
        assert graph.status_code == 400 and "more than 50 triples" in graph.text
        fits = sparql(c, "SELECT * WHERE { ?s ?p ?o } LIMIT 50")
        assert fits.status_code == 200 and len(fits.json()["results"]["bindings"]) == 50


# -- presets through the endpoint ----------------------------------------------------------------
def test_preset_runs_with_bound_parameters(client):
    response = client.post("/sparql", data={"preset": "actor_events", "param.actor": "プーチン"},
                           headers={"Accept": "text/csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["actor"] for r in rows} == {ENTITY + "vladimir-putin"}


def test_preset_pages_through_the_endpoint(client):
    def rows(**page: str) -> list[dict[str, str]]:
        data = {"preset": "actor_events", "param.actor": "プーチン"}
        data.update({f"param.{k}": v for k, v in page.items()})
        response = client.post("/sparql", data=data, headers={"Accept": "text/csv"})
        assert response.status_code == 200, response.text
        return list(csv.DictReader(io.StringIO(response.text)))

    whole = rows()
    assert len(whole) >= 3
    assert rows(limit="2") == whole[:2]
    assert rows(limit="2", offset="1") == whole[1:3]


def test_unknown_preset_is_400_listing_the_presets(client):
    response = client.post("/sparql", data={"preset": "nope"})
    assert response.status_code == 400 and "actor_events" in response.text


# -- pages ---------------------------------------------------------------------------------------
def test_index_page_lists_the_presets_offline(client):
    from kg.presets import list_presets

    response = client.get("/")
    assert response.status_code == 200
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    assert all(p.name in response.text for p in list_presets())
    assert re.findall(r'(?:src|href)="(?:https?:)?//', response.text) == []


EVIDENCE = """SELECT DISTINCT ?sentence ?headline WHERE {
  VALUES ?role { kg:source kg:recipient kg:about kg:place kg:attributedTo }
  ?event a kg:Event ; ?role <%s> ; kg:evidence/kg:sentenceText ?sentence ;
         prov:wasDerivedFrom/dcterms:title ?headline .
}"""


def evidence_of(client, iri: str) -> list[tuple[str, str]]:
    """(sentence, headline) of every event of the entity, asked through the endpoint."""
    body = sparql(client, EVIDENCE % iri).json()
    return [(b["sentence"]["value"], b["headline"]["value"]) for b in body["results"]["bindings"]]


def test_entity_page_shows_labels_wikidata_and_evidence(client):
    response = client.get("/entity", params={"iri": ENTITY + "vladimir-putin"})
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert "ウラジーミル・プーチン" in page and "Vladimir Putin" in page and "プーチン" in page
    assert 'href="https://www.wikidata.org/wiki/Q7747"' in page
    assert "Person" in page and "President of Russia" in page
    assert ">ロシア</a>" in page  # kg:country, linked and labelled
    evidence = evidence_of(client, ENTITY + "vladimir-putin")
    assert evidence  # the seeds' summit and phone call: Putin takes part in events
    for sentence, headline in evidence:
        assert sentence in page and headline in page
    assert "<script" not in page


def test_entity_data_keeps_the_newest_events(seed_store):
    with KGStore(seed_store, read_only=True) as store:
        data = entity_data(store, ENTITY + "vladimir-putin", max_events=2)
    assert data is not None and data.events_total > 2 and len(data.events) == 2
    dates = [e.date for e in data.events]
    assert all(dates) and dates == sorted(dates, reverse=True)
    assert f"{data.events_total} events, the newest 2 shown" in entity_page(data)


def test_entity_page_of_unknown_entity_is_404(client):
    assert client.get("/entity", params={"iri": ENTITY + "nobody"}).status_code == 404
    assert client.get("/entity").status_code == 400
    assert client.get("/entity", params={"iri": "not an iri"}).status_code == 400


def test_graph_page_is_the_viz_page(client):
    response = client.get("/graph")
    assert response.status_code == 200
    assert 'id="kg-network"' in response.text and 'id="kg-data"' in response.text
    assert client.get("/favicon.ico").status_code == 204


# -- parts -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind, accept, formats, expected", [
    (RESULTS, None, (), "json"),
    (RESULTS, "application/sparql-results+xml;q=0.5, text/csv", (), "csv"),
    (RESULTS, "text/*", (), "csv"),
    (RESULTS, "text/csv", ("json",), "json"),
    (RESULTS, None, ("results", "tsv"), "tsv"),
    (GRAPH, "application/sparql-results+json, */*;q=0.1", (), "turtle"),
    (GRAPH, None, ("json-ld",), "jsonld"),
    (GRAPH, None, ("xml",), "rdfxml"),
])
def test_choose_format(kind, accept, formats, expected):
    assert choose_format(kind, accept, formats).name == expected


def test_choose_format_lists_choices_when_nothing_fits():
    with pytest.raises(NotAcceptable, match=r"text/turtle \(format=turtle\)"):
        choose_format(GRAPH, "text/csv", ())


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True),
                                            ("::1", True), ("0.0.0.0", False),
                                            ("192.168.1.5", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


# -- the command line ------------------------------------------------------------------------------
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_cli_serve_starts_answers_and_stops_its_workers(seed_store, stop):
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(seed_store), "--port", "0",
         "--timeout", "5", "--max-rows", "100"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stderr.readline()
        assert "SPARQL endpoint http://127.0.0.1:" in line, line
        url = line.split("SPARQL endpoint ")[1].split(")")[0]
        response = httpx.post(url, data={"query": ARTICLES}, timeout=30)
        assert len(response.json()["results"]["bindings"]) == 2
        workers = children(process.pid)
        assert len(workers) == 2
    finally:
        process.send_signal(stop)
        assert process.wait(15) == 0
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


def children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_cli_serve_warns_off_loopback_and_names_a_missing_store(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(tmp_path / "none"),
         "--host", "0.0.0.0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "warning: listening on 0.0.0.0" in result.stderr
    assert f"{tmp_path / 'none'}: no store here" in result.stderr


# -- articles written for the tests, not only the seeds ---------------------------------------------
def test_server_answers_on_articles_written_for_the_tests(tmp_path, nlp):
    """A store of our own wire-style articles: formats, a canned query and an entity page."""
    from kg.pipeline import build

    path = tmp_path / "store"
    with KGStore(path) as store:
        report = build([ROOT / "tests" / "data" / "articles"], store, nlp=nlp)
    assert report.ok and report.written
    with running_server(path, timeout=20, max_rows=1000, workers=1) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        rows = sparql(client, ARTICLES, "text/csv").text.splitlines()
        assert rows[0].strip() == "article,title" and len(rows) == 1 + len(report.written)
        assert any("日中外相が電話会談" in row for row in rows)
        calls = sparql(client, 'SELECT ?e WHERE { ?e kg:category "CONSULT" ; kg:mode "phone" ; '
                               'kg:source ?who . ?who skos:prefLabel "Wang Yi"@en }').json()
        assert calls["results"]["bindings"], "the Japan-China phone call has Wang Yi as a source"
        page = html.unescape(client.get("/entity", params={"iri": ENTITY + "wang-yi"}).text)
        assert "王毅" in page and "電話会談し" in page  # the evidence sentence behind the call
        preset = client.get("/sparql", params={"preset": "actor_events", "param.actor": "王毅"},
                            headers={"Accept": "application/sparql-results+json"}).json()
        assert preset["results"]["bindings"]
