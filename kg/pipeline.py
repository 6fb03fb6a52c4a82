"""The build: read articles, parse them with GiNZA, extract, and write one named graph each.

A file that cannot be read or extracted is reported and skipped; the rest of the batch
goes on and nothing already stored is touched by the failure. Each article is written
in one transaction, so a build killed at any moment leaves every article either fully
present or absent. An article whose graph already carries the current rules version is
skipped without being parsed, unless ``replace`` asks to re-extract it.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal

from kg import __version__
from kg.errors import ExtractionError, InputError, KGError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.namespace import KG, article_graph, article_iri
from kg.store import KGStore

if TYPE_CHECKING:
    from spacy.language import Language

# What ``on_article`` is told happened to an article file.
WRITTEN, UNCHANGED, CURRENT = "written", "unchanged", "current"
_ARTICLE_ID = re.compile(r"[0-9a-f]{16}")


@dataclass
class BuildReport:
    """What one build did: articles written, unchanged or skipped, and the files that failed.

    ``written`` holds articles (re)extracted and stored; ``skipped`` those already stored
    with the current rules version (not parsed again); ``unchanged`` those re-extracted
    to exactly the triples already stored.
    """

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[KGError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def error_handler(
    report: BuildReport, on_error: Callable[[KGError], None] | None, strict: bool
) -> Callable[[KGError], None]:
    """What a build does with a file's error: record it, tell the caller, stop if ``strict``."""

    def fail(error: KGError) -> None:
        report.failed.append(error)
        if on_error:
            on_error(error)
        if strict:
            raise error

    return fail


def rules_version(gazetteer: Gazetteer) -> str:
    """The version of everything that shapes extraction output (code, gazetteer, lexicon)."""
    from kg.lexicon import LEXICON_VERSION

    return f"kg-{__version__}+gaz-{gazetteer.version}+lex-{LEXICON_VERSION}"


def build(
    paths: Iterable[str | Path],
    store: KGStore,
    *,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    strict: bool = False,
    replace: bool = False,
    merge: bool = True,
    max_bytes: int | None = None,
    max_chars: int | None = None,
    on_error: Callable[[KGError], None] | None = None,
    on_article: Callable[[str, Path, str], None] | None = None,
) -> BuildReport:
    """Build (or refresh) the graph of every article under ``paths`` into ``store``.

    Args:
        paths: files or directories of ``.txt``/``.html``/``.htm`` articles.
        store: the store to write to; each article replaces its own named graph.
        nlp: a loaded GiNZA pipeline (loaded once here when not given).
        gazetteer: the gazetteer (the packaged one when not given).
        strict: stop at the first error instead of reporting it and going on.
        replace: re-extract articles already stored with the current rules version.
        merge: put an event reported by an earlier article on that article's event node
            (``docs/merging.md``); ``False`` keeps every event under its own article.
        max_bytes: size limit of one file (default ``$KG_MAX_BYTES`` or 5 MB).
        max_chars: limit on one article's text (default ``$KG_MAX_CHARS`` or 100,000).
        on_error: called with each error as it happens (e.g. to print it).
        on_article: called as ``(status, path, article_id)`` after each article, with
            status ``written``, ``unchanged`` or ``current`` (already stored, not parsed).

    Returns:
        A ``BuildReport``; ``report.failed`` lists the errors of skipped files.

    Raises:
        KGError: with ``strict``, the first error; otherwise only when the static graphs
            (ontology, gazetteer) cannot be written.
    """
    from kg.articles import check_language, max_bytes_limit, max_chars_limit, read_article
    from kg.extract import extract
    from kg.merge import MergeCache
    from kg.nlp import load_nlp
    from kg.parse import parse_article
    from kg.rdf import ensure_static_graphs, write_article

    gazetteer = gazetteer or load_gazetteer()
    version = rules_version(gazetteer)
    max_bytes, max_chars = max_bytes_limit(max_bytes), max_chars_limit(max_chars)
    report = BuildReport()

    fail = error_handler(report, on_error, strict)

    ensure_static_graphs(store, gazetteer)
    cache = MergeCache()  # what merging reads from the whole store, once per build
    for path in _expand(paths, fail):
        try:
            article = read_article(path, max_bytes=max_bytes, max_chars=max_chars)
            check_language(article)
            if not replace and is_current(store, article.id, version):
                report.skipped.append(article.id)
                status = CURRENT
            else:
                nlp = nlp or load_nlp()
                extraction = extract(article, parse_article(nlp, article), gazetteer)
                changed = write_article(store, extraction, gazetteer, version, merge=merge,
                                        cache=cache)
                (report.written if changed else report.unchanged).append(article.id)
                status = WRITTEN if changed else UNCHANGED
        except KGError as error:  # a store error too: e.g. a term of this article unstorable
            fail(error)
            continue
        except Exception as error:  # a bug in one stage must not cost the rest of the batch
            fail(_internal_error(path, error))
            continue
        if on_article:
            on_article(status, path, article.id)
    return report


def is_current(store: KGStore, article_id: str, version: str) -> bool:
    """Whether the article's graph is stored and was extracted with rules ``version``."""
    return store.ask(
        "ASK { GRAPH ?g { ?article ?p ?version } }",
        {"g": article_graph(article_id), "article": article_iri(article_id),
         "p": KG.rulesVersion, "version": Literal(version)},
    )


def _internal_error(path: Path, error: Exception) -> ExtractionError:
    """An unexpected exception as an ExtractionError naming the file and where it arose."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    message = str(error).splitlines()[0][:200] if str(error) else ""
    wrapped = ExtractionError(
        f"{path}: internal error ({type(error).__name__}{where}: {message}); "
        "the article was skipped, please report this"
    )
    wrapped.__cause__ = error
    return wrapped


def remove_article(store: KGStore, ref: str | Path) -> list[str]:
    """Remove an article's named graph from the store, each in one transaction.

    Entities minted for the article live in its graph and go with it; an entity other
    articles mention stays described in their graphs, and gazetteer entities live in the
    gazetteer graph, so nothing else needs updating.

    Args:
        store: a writable store.
        ref: the article id (16 hex digits), its IRI, or the path of its file: the
            article read from the file now, and every article stored from that path.

    Returns:
        The ids removed.

    Raises:
        InputError: no stored article matches ``ref``.
    """
    ids = _article_ids(store, str(ref))
    if not ids:
        raise InputError(
            str(ref), "no such article in the store (give an article id, its IRI, or the "
            "path it was built from; `kg query` can list them)"
        )
    for article_id in ids:
        store.remove_graph(article_graph(article_id))
    return ids


def _article_ids(store: KGStore, ref: str) -> list[str]:
    prefix = str(article_iri(""))
    candidates: list[str] = []
    if ref.startswith(prefix):
        ref = ref[len(prefix):]
    if _ARTICLE_ID.fullmatch(ref):
        candidates.append(ref)
    else:
        path = Path(ref)
        if path.is_file():
            from kg.articles import read_article

            try:
                candidates.append(read_article(path).id)
            except InputError:
                pass  # the file may have changed; its stored path still finds it
        for value in dict.fromkeys((ref, str(path))):
            candidates.extend(_ids_from_path(store, value))
    return [i for i in dict.fromkeys(candidates)
            if _ARTICLE_ID.fullmatch(i) and store.has_graph(article_graph(i))]


def _ids_from_path(store: KGStore, path: str) -> list[str]:
    rows = store.select(
        f"PREFIX kg: <{KG}>\n"
        "SELECT ?id ?path WHERE { ?article kg:sourcePath ?path ; kg:contentId ?id }",
        {"path": Literal(path)},
    )
    return [str(row["id"]) for row in rows if row["id"] is not None]


def _expand(paths: Iterable[str | Path], fail: Callable[[KGError], None]) -> list[Path]:
    """Expand each path on its own, so one missing directory does not stop the others."""
    from kg.articles import iter_article_paths

    found: list[Path] = []
    for path in paths:
        try:
            found.extend(iter_article_paths([path]))
        except InputError as error:
            fail(error)
    return found


def remove_and_reanchor(store: KGStore, ref: str | Path) -> list[str]:
    """``remove_article``, then re-match the articles that had merged into its events.

    Afterwards the store is what building the remaining articles would give
    (``kg.merge.reanchor``, ``docs/merging.md``). Takes the same ``ref`` and raises the same
    errors as ``remove_article``; returns the ids removed.
    """
    from kg.merge import reanchor

    ids = remove_article(store, ref)
    reanchor(store, ids)
    return ids
