"""kg's benchmark, in one command: ``python bench/run.py [--quick]``.

Measures (each the median of ``--repeats`` runs, interleaved so background load hits
both sides of a ratio alike):

- ``overhead``: ``kg build`` (one worker, in-process) against bare GiNZA (``nlp.pipe`` over
  the same paragraphs with the full pipeline), wall and CPU time, and where kg's time goes;
- ``workers``: ``kg build --workers 1`` and ``--workers 2`` in fresh processes (model
  loading included), speed-up and peak memory per process;
- ``scaling``: build time against corpus size;
- ``store``: bulk-load time and size on disk per 1,000 articles, and p50/p95 latency of
  every canned query (``queries/*.rq`` through ``kg.presets``) on Oxigraph, and on rdflib's
  in-memory store at the smaller sizes; the large stores hold copies of real article
  graphs (``bench/synth.py``), not parsed text;
- ``page``: graph-page build time and in-browser time to ``window.kgReady``.

Writes ``bench/results/*.json``, ``docs/performance.md`` and ``docs/img/build_time.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))

# The cases timed in the store section: (row label, preset, parameters). Bound values are
# the way analysts use the presets (one actor, one pair, one treaty); every value names
# an entity present in every synthetic store (gazetteer entities; bench/synth.py maps each
# template's entities onto random ones of the same type, so a country is in many
# articles, a person in fewer). "(all)" rows bind nothing: they list the whole store.
PRESET_CASES: list[tuple[str, str, dict[str, str]]] = [
    ("actor_events", "actor_events", {"actor": "ロシア"}),
    ("actor_events (person)", "actor_events", {"actor": "プーチン"}),
    ("entity_articles", "entity_articles", {"entity": "NATO"}),
    ("pair_events", "pair_events", {"a": "米国", "b": "ロシア"}),
    ("pair_events (people)", "pair_events", {"a": "バイデン", "b": "プーチン"}),
    ("state_relations", "state_relations", {"state": "日本"}),
    ("state_relations (all)", "state_relations", {}),
    ("treaty_timeline", "treaty_timeline", {"treaty": "新START"}),
    ("who_said_what", "who_said_what", {"claimant": "ロシア大統領府"}),
    ("who_said_what (subject)", "who_said_what", {"subject": "新START"}),
    ("who_said_what (all)", "who_said_what", {}),
    # the first page an analyst sees (kg query --preset … --param limit=50)
    ("actor_events (first 50)", "actor_events", {"actor": "ロシア", "limit": "50"}),
    ("pair_events (first 50)", "pair_events", {"a": "米国", "b": "ロシア", "limit": "50"}),
    ("who_said_what (all, first 50)", "who_said_what", {"limit": "50"}),
]
# Kept for callers of the old layout: the first case of each preset.
PRESET_PARAMS: dict[str, dict[str, str]] = {}
for _label, _name, _params in PRESET_CASES:
    PRESET_PARAMS.setdefault(_name, _params)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def save(name: str, data: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))
    print(f"[bench] {name}: {json.dumps(data, ensure_ascii=False)[:400]}", flush=True)


# -- overhead: kg build vs bare GiNZA ---------------------------------------------------
def bench_overhead(corpus: Path, repeats: int) -> dict:
    import spacy

    from kg.articles import read_article
    from kg.extract import extract
    from kg.gazetteer import load_gazetteer
    from kg.parallel import PIPE_BATCH, build_parallel, load_pipeline
    from kg.parse import paragraph_texts, sentences_of
    from kg.pipeline import rules_version
    from kg.merge import MergeCache, merge_triples
    from kg.rdf import article_triple_list, ensure_static_graphs
    from kg.store import KGStore

    paths = sorted(corpus.glob("*.txt"))
    bare_nlp = spacy.load("ja_ginza")
    load_pipeline()
    gazetteer = load_gazetteer()
    texts = [t for p in paths for t in paragraph_texts(read_article(p))]
    list(bare_nlp.pipe(texts[:8]))
    bare_w, bare_c, kg_w, kg_c = [], [], [], []

    def run_bare() -> None:
        w, c = time.perf_counter(), time.process_time()
        for _doc in bare_nlp.pipe(texts, batch_size=PIPE_BATCH):
            pass
        bare_w.append(time.perf_counter() - w)
        bare_c.append(time.process_time() - c)

    def run_kg() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            w, c = time.perf_counter(), time.process_time()
            with KGStore(Path(tmp) / "store") as store:
                report = build_parallel([corpus], store, workers=1)
            kg_w.append(time.perf_counter() - w)
            kg_c.append(time.process_time() - c)
            if report.failed:
                raise SystemExit(f"build failed: {report.failed[:3]}")

    for r in range(repeats):  # alternate which side runs first, so order effects cancel
        for run in ((run_bare, run_kg) if r % 2 == 0 else (run_kg, run_bare)):
            run()
    # Where kg's own time goes (CPU seconds, one pass, stages run one after the other, as
    # the build runs them: merge and write against the store the earlier articles filled).
    nlp, version = load_pipeline(), rules_version(gazetteer)
    parsed: dict[str, object] = {}  # paragraph text → its Doc, for the build without parse
    stages = dict.fromkeys(
        ("read", "parse", "extract", "triples", "merge", "write", "static graphs"), 0.0)
    with tempfile.TemporaryDirectory() as tmp, KGStore(Path(tmp) / "s") as store:
        from kg.namespace import article_graph

        c = time.process_time()
        ensure_static_graphs(store, gazetteer)
        stages["static graphs"] += time.process_time() - c
        cache = MergeCache()
        for path in paths:
            c = time.process_time()
            article = read_article(path)
            stages["read"] += time.process_time() - c
            c = time.process_time()
            docs = list(nlp.pipe(paragraph_texts(article), batch_size=PIPE_BATCH))
            stages["parse"] += time.process_time() - c
            parsed.update(zip(paragraph_texts(article), docs))
            c = time.process_time()
            extraction = extract(article, sentences_of(article, docs), gazetteer)
            stages["extract"] += time.process_time() - c
            c = time.process_time()
            triples = article_triple_list(extraction, gazetteer, version)
            stages["triples"] += time.process_time() - c
            c = time.process_time()
            triples = merge_triples(store, triples, article.id, cache=cache)
            stages["merge"] += time.process_time() - c
            c = time.process_time()
            store.replace_graph(article_graph(article.id), triples)
            cache.written(article_graph(article.id), triples)
            stages["write"] += time.process_time() - c
    own = _build_without_parse(corpus, parsed)
    chars = sum(len(read_article(p).text) for p in paths)
    result = {
        "articles": len(paths), "characters": chars, "repeats": repeats,
        "bare_wall_s": median(bare_w), "bare_cpu_s": median(bare_c),
        "kg_wall_s": median(kg_w), "kg_cpu_s": median(kg_c),
        "overhead_wall": median(kg_w) / median(bare_w) - 1,
        "overhead_cpu": median(kg_c) / median(bare_c) - 1,
        "runs": {"bare_wall": bare_w, "kg_wall": kg_w, "bare_cpu": bare_c, "kg_cpu": kg_c},
        "stages_cpu_s": stages,
        # the whole build with GiNZA's output served from the stage pass: everything kg
        # does itself (its share of the parse is kg's own overhead, free of parse noise)
        "kg_without_parse_cpu_s": own,
        "kg_own_share": own / stages["parse"],
        "load_average": os.getloadavg(),
    }
    save("overhead", result)
    return result


def _build_without_parse(corpus: Path, parsed: dict[str, object]) -> float:
    """CPU seconds of ``build_parallel`` (one worker) when the pipeline hands back Docs
    parsed earlier: reading, extraction, triples, merging, writing, store open and close,
    background store threads; everything but the parse."""
    import kg.parallel as parallel
    from kg.store import KGStore

    class Parsed:
        """Stands in for the GiNZA pipeline: ``pipe`` serves the stored Docs."""

        def pipe(self, texts, batch_size=None):  # noqa: ANN001, ANN201 - nlp.pipe's shape
            for text in texts:
                doc = parsed[text]
                doc.user_data.clear()  # extraction memoises on the Doc: start afresh
                yield doc

    real = parallel.load_pipeline
    parallel.load_pipeline = Parsed  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            c = time.process_time()
            with KGStore(Path(tmp) / "store") as store:
                report = parallel.build_parallel([corpus], store, workers=1)
            own = time.process_time() - c
    finally:
        parallel.load_pipeline = real
    if report.failed:
        raise SystemExit(f"build failed: {report.failed[:3]}")
    return own


# -- workers: fresh processes, model loading included ------------------------------------
_BUILD = """
import sys, time
from kg.parallel import build_parallel
from kg.store import KGStore
if __name__ == "__main__":
    t = time.perf_counter()
    with KGStore(sys.argv[1]) as store:
        report = build_parallel([sys.argv[2]], store, workers=int(sys.argv[3]))
    print(time.perf_counter() - t, len(report.written), len(report.failed))
"""


def build_process(corpus: Path, workers: int) -> dict:
    """Run a build in a new process; wall time and peak RSS of the parent and each worker."""
    import psutil

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", _BUILD, str(Path(tmp) / "store"), str(corpus), str(workers)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )
        peaks: dict[int, int] = {}
        root = psutil.Process(proc.pid)

        def sample() -> None:
            while proc.poll() is None:
                try:
                    for p in [root, *root.children(recursive=True)]:
                        peaks[p.pid] = max(peaks.get(p.pid, 0), p.memory_info().rss)
                except psutil.Error:
                    pass
                time.sleep(0.1)

        sampler = threading.Thread(target=sample)
        sampler.start()
        out, _ = proc.communicate()
        wall = time.perf_counter() - start
        sampler.join()
        if proc.returncode != 0:
            raise SystemExit(f"build process failed ({proc.returncode})")
        inner, written, failed = out.split()
        parent = peaks.pop(proc.pid, 0)
        children = sorted(peaks.values(), reverse=True)[:workers]
        return {"wall_s": wall, "build_s": float(inner), "written": int(written),
                "failed": int(failed), "parent_peak_mb": parent / 2**20,
                "worker_peak_mb": max(children) / 2**20 if children else parent / 2**20}


def bench_workers(corpus: Path, repeats: int) -> dict:
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(repeats):
        for workers in (1, 2):
            runs[workers].append(build_process(corpus, workers))
    one = median([r["wall_s"] for r in runs[1]])
    two = median([r["wall_s"] for r in runs[2]])
    result = {
        "articles": len(list(corpus.glob("*.txt"))), "repeats": repeats,
        "workers_1_s": one, "workers_2_s": two, "speedup": one / two,
        "worker_peak_mb": median([r["worker_peak_mb"] for r in runs[2]]),
        "single_process_peak_mb": median([r["parent_peak_mb"] for r in runs[1]]),
        "parent_peak_mb_with_2_workers": median([r["parent_peak_mb"] for r in runs[2]]),
        "runs": runs, "load_average": os.getloadavg(),
    }
    save("workers", result)
    return result


def bench_scaling(corpus: Path, sizes: list[int], repeats: int, workers: int) -> dict:
    paths = sorted(corpus.glob("*.txt"))
    points = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            sub = Path(tmp) / "corpus"
            sub.mkdir()
            for p in paths[:size]:
                shutil.copy(p, sub / p.name)
            walls = [build_process(sub, workers)["wall_s"] for _ in range(repeats)]
        points.append({"articles": size, "wall_s": median(walls), "runs": walls})
    result = {"workers": workers, "repeats": repeats, "points": points}
    save("scaling", result)
    return result


# -- store: load, size, query latency ----------------------------------------------------
class RdflibStore:
    """The query side of KGStore over rdflib's in-memory Dataset (union default graph)."""

    def __init__(self, nquads: Path) -> None:
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)
        self.dataset.parse(nquads, format="nquads")

    def select(self, query, bindings=None):
        result = self.dataset.query(query, initBindings=dict(bindings or {}))
        names = [str(v) for v in result.vars]
        return [{n: row[n] for n in names} for row in result]

    def ask(self, query, bindings=None):
        return bool(self.dataset.query(query, initBindings=dict(bindings or {})).askAnswer)

    def construct(self, query, bindings=None):
        return self.dataset.query(query, initBindings=dict(bindings or {})).graph


def _templates(work: Path, sources: list[Path] | None = None) -> list[tuple[str, str]]:
    """Article graphs of the seeds and the gold articles, built once, as templates."""
    from kg.parallel import build_parallel
    from kg.store import KGStore
    from synth import article_templates

    sources = sources or [ROOT / "seeds", ROOT / "tests" / "gold" / "articles"]
    with KGStore(work / "templates") as store:
        build_parallel([s for s in sources if s.exists()], store, workers=1)
        return article_templates(store)


def _static_nquads(path: Path) -> None:
    """The ontology and gazetteer graphs as N-Quads (queries need labels and kg:country)."""
    from kg.gazetteer import load_gazetteer
    from kg.rdf import ensure_static_graphs
    from kg.store import KGStore

    with tempfile.TemporaryDirectory() as tmp, KGStore(Path(tmp) / "s") as store:
        ensure_static_graphs(store, load_gazetteer())
        with path.open("wb") as out:
            store.dump(out, "nquads")


def _time_one(store, text: str, bindings: dict, repeats: int, slow: float = 5.0,
              very_slow: float = 30.0) -> dict:
    """Time a query ``repeats`` times (only once more after a run slower than ``slow`` s,
    and not again after one slower than ``very_slow`` s)."""
    from kg.query import run_query

    times, rows = [], 0
    for _ in range(repeats):
        if times and (times[-1] > very_slow or (len(times) >= 2 and times[-1] > slow)):
            break
        t = time.perf_counter()
        try:
            result = run_query(store, text, bindings)
        except Exception as e:  # rdflib's engine fails on some queries Oxigraph runs
            return {"error": f"{type(e).__name__}: {str(e)[:160]}"}
        times.append(time.perf_counter() - t)
        rows = len(result.rows)
    return {"p50_ms": percentile(times, 0.5) * 1000, "p95_ms": percentile(times, 0.95) * 1000,
            "rows": rows, "runs": len(times)}


def _time_in_fork(store, text: str, bindings: dict, repeats: int, timeout: float) -> dict:
    """``_time_one`` in a forked child killed after ``timeout`` s (rdflib can run for hours)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=lambda: send.send(_time_one(store, text, bindings, repeats)))
    child.start()
    answer = receive.recv() if receive.poll(timeout) else {"error": f"timeout after {timeout:g} s"}
    child.kill()
    child.join()
    return answer


_TIME_PRESET = """
import json, sys
sys.path.insert(0, sys.argv[1])
from run import _time_one
from run import preset_text
from kg.store import KGStore
with KGStore(sys.argv[2], read_only=True) as store:
    text = preset_text(store, sys.argv[3], json.loads(sys.argv[4]))
    print(json.dumps(_time_one(store, text, {}, int(sys.argv[5]))))
"""


def preset_text(store, name: str, params: dict[str, str]) -> str:
    """The query kg runs for a preset case: values bound, and one page when the case
    gives ``limit``/``offset`` (as ``kg query --param limit=50`` does)."""
    from kg.presets import preset_query

    return preset_query(store, name, params)


def _time_in_process(location: Path, name: str, params: dict, repeats: int,
                     timeout: float) -> dict:
    try:
        done = subprocess.run(
            [sys.executable, "-c", _TIME_PRESET, str(BENCH), str(location), name,
             json.dumps(params), str(repeats)],
            capture_output=True, text=True, timeout=timeout, cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:g} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1][:200] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def KGStoreType() -> type:  # noqa: N802
    from kg.store import KGStore

    return KGStore


def time_presets(store, repeats: int, cases: list[tuple[str, str, dict[str, str]]],
                 timeout: float | None = None) -> dict:
    """p50/p95 of every case; with ``timeout``, each case runs in a child process.

    Each runs as kg runs it: ``kg.presets.bound_query`` writes the bound values into the
    query as a VALUES block (the same text on Oxigraph and on rdflib).
    """
    from kg.presets import list_presets

    names = {p.name for p in list_presets()}
    covered = {name for _, name, _ in cases}
    cases = cases + [(name, name, {}) for name in sorted(names - covered)]
    out = {}
    for label, name, params in cases:
        if name not in names:
            continue
        try:
            text = preset_text(store, name, params)
        except Exception as e:  # a preset added later with a parameter we do not know
            out[label] = {"error": str(e)[:200]}
            continue
        if timeout is None:
            out[label] = _time_one(store, text, {}, repeats)
        elif isinstance(store, KGStoreType()):
            # Oxigraph cannot be interrupted in-process, and a fork would share its RocksDB
            # handles: a fresh process opens the store read-only and is killed on timeout.
            out[label] = _time_in_process(store.path, name, params, repeats, timeout)
        else:
            out[label] = _time_in_fork(store, text, {}, repeats, timeout)
        out[label]["params"] = params
        print(f"[bench] {label}: {out[label]}", flush=True)
    return out


def resolved_cases(store) -> list[tuple[str, str, dict[str, str]]]:
    """The cases with labels resolved to IRIs (so rdflib runs the same bindings)."""
    from kg.presets import get_preset, list_presets, resolve_entity

    names = {p.name for p in list_presets()}
    out = []
    for label, name, params in PRESET_CASES:
        if name not in names:
            continue
        kinds = {p.name: p.kind for p in get_preset(name).params}
        out.append((label, name, {k: (str(resolve_entity(store, v)) if kinds.get(k) == "iri"
                                      else v) for k, v in params.items()}))
    return out


def bench_store(sizes: list[int], rdflib_sizes: list[int], repeats: int,
                sources: list[Path] | None = None, rdflib_timeout: float = 120,
                templates: list[tuple[str, str]] | None = None,
                oxigraph_timeout: float | None = None) -> dict:
    import pyoxigraph as ox

    from kg.store import KGStore
    from synth import write_nquads

    points = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("KG_BENCH_TMP")) as tmp:
        work = Path(tmp)
        templates = templates or _templates(work, sources)
        static = work / "static.nq"
        _static_nquads(static)
        per_article = statistics.mean(t.count("\n") for _, t in templates)
        for size in sizes:
            data = work / f"{size}.nq"
            quads = write_nquads(data, templates, size)
            location = work / f"store-{size}"
            t = time.perf_counter()
            raw = ox.Store(str(location))
            raw.bulk_load(path=str(static), format=ox.RdfFormat.N_QUADS)
            raw.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            raw.flush()
            raw.optimize()
            load = time.perf_counter() - t
            del raw
            size_bytes = du(location)
            with KGStore(location) as store:
                cases = resolved_cases(store)
                oxi = time_presets(store, repeats, cases, timeout=oxigraph_timeout)
            point = {"articles": size, "quads": quads, "load_s": load,
                     "load_s_per_1000": load / size * 1000, "disk_mb": size_bytes / 2**20,
                     "disk_mb_per_1000": size_bytes / 2**20 / size * 1000, "oxigraph": oxi}
            if size in rdflib_sizes:
                t = time.perf_counter()
                both = work / f"both-{size}.nq"
                with both.open("wb") as out:
                    out.write(static.read_bytes())
                    out.write(data.read_bytes())
                memory = RdflibStore(both)
                point["rdflib_load_s"] = time.perf_counter() - t
                point["rdflib"] = time_presets(memory, max(2, repeats // 2), cases,
                                               timeout=rdflib_timeout)
                del memory
            shutil.rmtree(location, ignore_errors=True)
            data.unlink()
            points.append(point)
            save("store", {"templates": len(templates), "quads_per_article": per_article,
                           "repeats": repeats, "points": points})
    return {"templates": len(templates), "quads_per_article": per_article,
            "repeats": repeats, "points": points}


# -- page --------------------------------------------------------------------------------
def _page_store(location: Path, nodes: int):
    import random

    from rdflib import RDF, Literal
    from rdflib.namespace import DCTERMS, PROV, SKOS

    from kg.namespace import (GAZETTEER_GRAPH, KG, article_graph, article_iri, entity_iri,
                              event_iri, evidence_iri)
    from kg.store import KGStore

    rng = random.Random(nodes)
    store = KGStore(location)
    triples = []
    for i in range(nodes):
        triples += [(entity_iri(f"e{i}"), RDF.type, KG.Person),
                    (entity_iri(f"e{i}"), SKOS.prefLabel, Literal(f"人物{i}", lang="ja"))]
    store.replace_graph(GAZETTEER_GRAPH, triples)
    article = article_iri("p1")
    triples = [(article, RDF.type, KG.Article), (article, DCTERMS.title, Literal("記事", lang="ja"))]
    for n in range(int(nodes * 1.5)):
        a = n % nodes
        b = rng.randrange(nodes)
        ev = event_iri("p1", n, n, "CONSULT")
        evidence = evidence_iri(ev, "p1")
        triples += [(ev, RDF.type, KG.Event), (ev, KG.category, Literal("CONSULT")),
                    (ev, KG.quadClass, Literal("verbal_cooperation")), (ev, KG.evidence, evidence),
                    (ev, PROV.wasDerivedFrom, article), (evidence, RDF.type, KG.Evidence),
                    (evidence, KG.sentenceText, Literal(f"人物{a}は人物{b}と会談した。", lang="ja")),
                    (ev, KG.source, entity_iri(f"e{a}")), (ev, KG.recipient, entity_iri(f"e{b}"))]
    store.replace_graph(article_graph("p1"), triples)
    return store


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,900"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options,
                            service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))


def bench_page(sizes: list[int], repeats: int) -> dict:
    from kg.viz import write_graph_html

    points = []
    driver = _browser()
    try:
        for size in sizes:
            builds, readies, drawn = [], [], 0
            with tempfile.TemporaryDirectory() as tmp:
                store = _page_store(Path(tmp) / "s", size)
                page = Path(tmp) / "graph.html"
                for _ in range(repeats):
                    t = time.perf_counter()
                    summary = write_graph_html(store, page, max_nodes=size)
                    builds.append(time.perf_counter() - t)
                    drawn = getattr(summary, "nodes", drawn)
                    driver.get("about:blank")
                    t = time.perf_counter()
                    driver.get(page.as_uri())
                    while not driver.execute_script("return window.kgReady === true"):
                        if time.perf_counter() - t > 300:
                            break
                        time.sleep(0.05)
                    readies.append(time.perf_counter() - t)
                store.close()
            points.append({"nodes": size, "drawn": drawn, "build_s": median(builds),
                           "ready_s": median(readies), "runs": {"build": builds, "ready": readies}})
    finally:
        driver.quit()
    result = {"repeats": repeats, "points": points}
    save("page", result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat (a smoke run)")
    parser.add_argument("--repeats", type=int, help="runs per measurement (default 3, quick 1)")
    parser.add_argument("--only", help="comma-separated sections: overhead,workers,scaling,store,page")
    parser.add_argument("--store-sizes", help="article counts of the store section, e.g. 1000,10000")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/performance.md")
    args = parser.parse_args()
    quick = args.quick
    repeats = args.repeats or (1 if quick else 3)
    sections = set((args.only or "overhead,workers,scaling,store,page").split(","))
    from corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = 6 if quick else 48
        write_corpus(corpus, n, seed=1)
        if "overhead" in sections:
            bench_overhead(corpus, repeats)
        if "workers" in sections:
            bench_workers(corpus, repeats)
        if "scaling" in sections:
            big = Path(tmp) / "big"
            write_corpus(big, 4 if quick else 96, seed=2)
            bench_scaling(big, [2, 4] if quick else [12, 24, 48, 96], min(repeats, 2), 2)
    if "page" in sections:
        bench_page([100] if quick else [500, 2000, 5000], repeats)
    if "store" in sections:
        sizes = [int(x) for x in args.store_sizes.split(",")] if args.store_sizes else (
            [50] if quick else [100, 1000, 10000, 100000])
        bench_store(sizes,
                    [50] if quick else [100, 1000], 3 if quick else max(5, repeats * 2),
                    rdflib_timeout=20 if quick else 30,
                    oxigraph_timeout=None if quick else 300)
    if not args.no_docs:
        from report import write_report

        write_report(RESULTS, ROOT / "docs")


if __name__ == "__main__":
    main()
