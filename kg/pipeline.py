"""The build: read articles, parse them with GiNZA, extract, and write one named graph each.

A file that cannot be read or extracted is reported and skipped; the rest of the batch
goes on and nothing already stored is touched by the failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.errors import InputError, KGError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.store import KGStore

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass
class BuildReport:
    """What one build did: articles written, unchanged, and the files that failed."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[KGError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


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
    on_error: Callable[[KGError], None] | None = None,
) -> BuildReport:
    """Build (or refresh) the graph of every article under ``paths`` into ``store``.

    Args:
        paths: files or directories of ``.txt``/``.html``/``.htm`` articles.
        store: the store to write to; each article replaces its own named graph.
        nlp: a loaded GiNZA pipeline (loaded once here when not given).
        gazetteer: the gazetteer (the packaged one when not given).
        strict: stop at the first error instead of reporting it and going on.
        on_error: called with each error as it happens (e.g. to print it).

    Returns:
        A ``BuildReport``; ``report.failed`` lists the errors of skipped files.
    """
    from kg.articles import read_article
    from kg.extract import extract
    from kg.nlp import load_nlp
    from kg.parse import parse_article
    from kg.rdf import ensure_static_graphs, write_article

    gazetteer = gazetteer or load_gazetteer()
    version = rules_version(gazetteer)
    report = BuildReport()

    def fail(error: KGError) -> None:
        report.failed.append(error)
        if on_error:
            on_error(error)
        if strict:
            raise error

    ensure_static_graphs(store, gazetteer)
    for path in _expand(paths, fail):
        try:
            article = read_article(path)
            nlp = nlp or load_nlp()
            extraction = extract(article, parse_article(nlp, article), gazetteer)
            changed = write_article(store, extraction, gazetteer, version)
        except KGError as error:
            fail(error)
            continue
        (report.written if changed else report.unchanged).append(article.id)
    return report


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
