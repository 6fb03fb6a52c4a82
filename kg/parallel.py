"""Parallel extraction: worker processes that load GiNZA once and return Extraction records.

The parent reads nothing heavy: it hands chunks of article paths to a process pool
(stdlib ``ProcessPoolExecutor``; its initializer loads GiNZA and the gazetteer once per
worker), gets back picklable ``Outcome`` records — an ``Extraction`` (frozen dataclasses,
no spaCy objects) plus its triples, or the error — and writes them to the store, so only
one process ever holds the store's write lock. Within a chunk, every paragraph of every
article goes through one ``nlp.pipe`` call (``PIPE_BATCH`` texts per batch).

Articles already in the store with the same content id, source path and rules version
are skipped before parsing (``stored_articles``), so a rebuild parses only what changed.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import errors
from kg.errors import ExtractionError, InputError, KGError, StoreError
from kg.model import Extraction

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.gazetteer import Gazetteer
    from kg.pipeline import BuildReport

# Texts per nlp.pipe batch: larger batches pad short paragraphs to long ones (slower).
PIPE_BATCH = 32
# Articles per task sent to a worker: enough to amortise the round trip, small enough to
# balance the load at the end of a run.
CHUNK = 2
# Articles per ``nlp.pipe`` call when extracting in this process: no load to balance, and
# GiNZA's batches stay full (chunks of 2 articles end every ~45 paragraphs in a short
# batch: measured 2-4 % more parse CPU than one long stream).
LOCAL_CHUNK = 16
# GiNZA components extraction does not read (verified: dropping them leaves the output of
# the seeds and the gold articles unchanged). The parser, NER, morphologizer and the
# bunsetu recogniser are all needed: without the recogniser the dependency labels change.
UNUSED_COMPONENTS = ("compound_splitter",)

Triple = tuple[Any, Any, Any]
Limits = tuple[int | None, int | None]


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Outcome:
    """What a worker made of one article file: its extraction and triples, or an error.

    Errors travel as their class name and message (some ``KGError`` subclasses take
    several constructor arguments and do not pickle); ``error()`` rebuilds them.
    """

    path: str
    extraction: Extraction | None = None
    triples: tuple[Triple, ...] = ()
    error_type: str | None = None
    error_message: str | None = None

    def error(self) -> KGError | None:
        """The error as a ``KGError`` of the class the worker raised (``None`` if none)."""
        if self.error_type is None:
            return None
        cls = getattr(errors, self.error_type, KGError)
        message = self.error_message or ""
        if cls is InputError:
            prefix = f"{self.path}: "
            return InputError(self.path, message[len(prefix):] if message.startswith(prefix)
                              else message)
        return cls(message) if isinstance(cls, type) and issubclass(cls, KGError) else (
            KGError(message))


def load_pipeline() -> Language:
    """GiNZA without the components extraction does not use (cached per process)."""
    from kg.nlp import load_nlp

    nlp = load_nlp()
    for name in UNUSED_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    return nlp


def extract_files(
    nlp: Language, gazetteer: Gazetteer, paths: Sequence[str | Path], rules_version: str,
    limits: Limits = (None, None),
) -> list[Outcome]:
    """Read, parse (one ``nlp.pipe`` over every paragraph), extract and triple some files.

    A file that fails gives an ``Outcome`` with its error; the others go on. ``limits``
    is ``(max_bytes, max_chars)`` for reading (``None``: the defaults).
    """
    from kg.extract import extract
    from kg.parse import paragraph_texts, sentences_of
    from kg.rdf import article_triple_list

    outcomes: dict[int, Outcome] = {}
    articles = []
    for i, path in enumerate(paths):
        try:
            articles.append((i, _read(path, limits)))
        except KGError as error:
            outcomes[i] = _failed(path, error)
    texts = [text for _, article in articles for text in paragraph_texts(article)]
    try:
        docs = iter(list(nlp.pipe(texts, batch_size=PIPE_BATCH)))
    except Exception as e:  # a GiNZA failure fails the chunk's articles, not the build
        error = ExtractionError(f"GiNZA failed: {type(e).__name__}: {e}")
        for i, article in articles:
            outcomes[i] = _failed(paths[i], error)
        articles = []
        docs = iter(())
    for i, article in articles:
        mine = [next(docs) for _ in article.paragraphs]
        try:
            extraction = extract(article, sentences_of(article, mine), gazetteer)
            triples = tuple(article_triple_list(extraction, gazetteer, rules_version))
            outcomes[i] = Outcome(str(paths[i]), extraction, triples)
        except KGError as error:
            outcomes[i] = _failed(paths[i], error)
        except Exception as e:  # a rule crashing on one article must not stop the build
            from kg.pipeline import _internal_error

            outcomes[i] = _failed(paths[i], _internal_error(Path(paths[i]), e))
    return [outcomes[i] for i in range(len(paths))]


def _read(path: str | Path, limits: Limits = (None, None)) -> Any:
    """Read an article as the serial build does (size limits, language check)."""
    from kg import articles

    max_bytes, max_chars = limits
    if max_bytes is None and max_chars is None:
        article = articles.read_article(path)
    else:
        article = articles.read_article(path, max_bytes=max_bytes, max_chars=max_chars)
    check = getattr(articles, "check_language", None)
    if check is not None:
        check(article)
    return article


def _failed(path: str | Path, error: KGError) -> Outcome:
    return Outcome(str(path), error_type=type(error).__name__, error_message=str(error))


# -- worker processes -------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(rules_version: str, limits: Limits) -> None:
    """Runs once in each worker: load GiNZA and the gazetteer."""
    from kg.gazetteer import load_gazetteer

    _WORKER.update(nlp=load_pipeline(), gazetteer=load_gazetteer(), version=rules_version,
                   limits=limits)


def _work(paths: list[str]) -> list[Outcome]:
    return extract_files(_WORKER["nlp"], _WORKER["gazetteer"], paths, _WORKER["version"],
                         _WORKER["limits"])


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """Consecutive slices of ``items`` of at most ``size``."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def iter_outcomes(
    paths: Sequence[str | Path],
    rules_version: str,
    *,
    workers: int | None = None,
    chunk: int = CHUNK,
    limits: Limits = (None, None),
) -> Iterator[Outcome]:
    """Extract every file, in order, with ``workers`` processes (1: in this process).

    At most ``4 × workers`` chunks are in flight, so memory stays flat on any corpus.
    """
    workers = workers or default_workers()
    names = [str(p) for p in paths]
    if workers <= 1 or len(names) <= chunk:
        from kg.gazetteer import load_gazetteer

        nlp, gazetteer = load_pipeline(), load_gazetteer()
        for part in chunks(names, max(chunk, LOCAL_CHUNK)):
            yield from extract_files(nlp, gazetteer, part, rules_version, limits)
        return
    import multiprocessing

    # spawn, not fork: the parent may hold an open store (RocksDB threads) when it forks.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker,
        initargs=(rules_version, limits),
    ) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        parts = chunks(names, chunk)
        for part in parts:
            pending.append(pool.submit(_work, part))
            if len(pending) >= 4 * workers:
                break
        while pending:
            done = pending.popleft().result()
            part = next(parts, None)
            if part is not None:
                pending.append(pool.submit(_work, part))
            yield from done


# -- incremental builds -----------------------------------------------------------------
_STORED = """
SELECT ?id ?path ?version WHERE {
  ?article a kg:Article ; kg:contentId ?id .
  OPTIONAL { ?article kg:sourcePath ?path }
  OPTIONAL { ?article kg:rulesVersion ?version }
}
"""


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store records it: content id, source path and rules version."""

    id: str
    path: str | None
    version: str | None


def stored_articles(store: Any) -> dict[str, StoredArticle]:
    """Every article in the store by content id (one query, whatever the store's size)."""
    from kg.query import with_prologue

    found: dict[str, StoredArticle] = {}
    for row in store.select(with_prologue(_STORED)):
        key = str(row["id"])
        found[key] = StoredArticle(
            key,
            None if row.get("path") is None else str(row["path"]),
            None if row.get("version") is None else str(row["version"]),
        )
    return found


def stale_paths(store: Any, rules_version: str) -> list[Path]:
    """Source files of stored articles extracted with other rules (for ``kg build --stale``)."""
    return sorted(
        Path(a.path) for a in stored_articles(store).values()
        if a.version != rules_version and a.path
    )


def _current(
    path: Path, stored: dict[str, StoredArticle], version: str, limits: Limits = (None, None)
) -> str | None:
    """The content id if the file's article is stored with these rules (as ``is_current``)."""
    if not stored:
        return None
    try:
        article = _read(path, limits)
    except KGError:
        return None  # the worker reads it again and reports the error
    known = stored.get(article.id)
    return article.id if known is not None and known.version == version else None


def _merged(
    store: Any, triples: Sequence[Triple], article_id: str, cache: Any = None
) -> Sequence[Triple]:
    """The article's triples with its events merged into those already stored."""
    from kg.merge import merge_triples

    return merge_triples(store, triples, article_id, cache=cache)


def _skipped(report: BuildReport) -> list[str]:
    return getattr(report, "skipped", report.unchanged)


def build_parallel(
    paths: Iterable[str | Path],
    store: Any,
    *,
    workers: int | None = None,
    chunk: int = CHUNK,
    gazetteer: Gazetteer | None = None,
    strict: bool = False,
    replace: bool = False,
    merge: bool = True,
    max_bytes: int | None = None,
    max_chars: int | None = None,
    on_error: Callable[[KGError], None] | None = None,
    on_article: Callable[[str, Path, str], None] | None = None,
    outcomes: Callable[[Sequence[Path], str], Iterable[Outcome]] | None = None,
) -> BuildReport:
    """Build the graph of every article under ``paths`` with parallel workers.

    Args:
        paths: files or directories of articles.
        store: a ``KGStore`` or ``RemoteStore``; only this process writes to it.
        workers: worker processes (default: the number of cores; 1 runs in-process).
        chunk: articles per task sent to a worker.
        gazetteer: the gazetteer (the packaged one when not given).
        strict: stop at the first error.
        replace: re-extract articles already stored with the current rules.
        merge: merge events other articles already reported, as ``kg.pipeline.build``
            does (done here, in the writing process, in article order).
        max_bytes, max_chars: reading limits, as ``kg.pipeline.build`` takes them.
        on_error: called with each error as it happens.
        on_article: called as ``(status, path, article_id)`` after each article, status
            ``written``, ``unchanged`` or ``current`` (as ``kg.pipeline.build``).
        outcomes: how to extract a list of files (default: ``iter_outcomes`` with a
            local process pool; ``kg.distributed`` passes a Dask cluster here).

    Returns:
        A ``BuildReport``: ``skipped`` lists articles already stored with the current
        rules (not parsed), ``unchanged`` those re-extracted to the same triples.
    """
    from kg.gazetteer import load_gazetteer
    from kg.merge import MergeCache
    from kg.namespace import article_graph
    from kg.pipeline import BuildReport, _expand, error_handler, rules_version
    from kg.rdf import ensure_static_graphs

    gazetteer = gazetteer or load_gazetteer()
    version = rules_version(gazetteer)
    report = BuildReport()

    fail = error_handler(report, on_error, strict)

    ensure_static_graphs(store, gazetteer)
    files = _expand(paths, fail)
    stored = stored_articles(store)
    limits = (max_bytes, max_chars)
    todo: list[Path] = []
    for path in files:
        current = None if replace else _current(path, stored, version, limits)
        if current is None:
            todo.append(path)
        else:
            _skipped(report).append(current)
            if on_article:
                on_article("current", path, current)
    if not todo:
        return report
    source = outcomes or (
        lambda items, v: iter_outcomes(items, v, workers=workers, chunk=chunk, limits=limits)
    )
    cache = MergeCache()  # this process is the only writer: reads once, invalidates on writes
    for outcome in source(todo, version):
        error = outcome.error()
        if error is not None or outcome.extraction is None:
            fail(error or ExtractionError(f"{outcome.path}: no extraction"))
            continue
        article = outcome.extraction.article
        name = article_graph(article.id)
        triples: Sequence[Triple] = outcome.triples
        try:
            if merge:
                triples = _merged(store, triples, article.id, cache)
            # a graph the store did not hold needs no comparison (saves a read per article)
            if article.id in stored and store.graph_matches(name, triples):
                status = "unchanged"
            else:
                store.replace_graph(name, triples)
                cache.written(name, triples)
                status = "written"
        except StoreError:
            raise  # the store itself failed: every later article would fail the same way
        except KGError as error:
            fail(error)
            continue
        (report.written if status == "written" else report.unchanged).append(article.id)
        if on_article:
            on_article(status, Path(outcome.path), article.id)
    return report
