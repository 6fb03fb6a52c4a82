"""Score kg's output against the gold standard: entities, events, dates and treaty facts.

Each gold article is built alone into a fresh temporary store and read back through the
``plover`` and ``entities`` exports, so the evaluation sees exactly what users see.
Matching rules live in ``kg.scoring``; the gold format in ``kg.gold``. Negated events
(context ``negation``) are left out on both sides; so are negated treaty facts.

>>> report = evaluate(Path("tests/gold"))          # doctest: +SKIP
>>> print(format_report(report, "table"))           # doctest: +SKIP
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError
from kg.gold import GoldArticle, GoldEntity, GoldEvent, GoldTreatyFact, load_gold_dir
from kg.scoring import Counts, actor_matches, date_agrees, entity_matches, match

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.store import KGStore

METRICS = ("entities", "events_relaxed", "events_strict", "treaty_facts")
FORMATS = ("table", "json")
HEADINGS = ("entities", "events relaxed", "events strict", "treaty facts")

Record = dict[str, Any]  # one JSON Lines record of an export
Scorer = Callable[[GoldEvent, Record], float | None]


@dataclass
class ArticleScores:
    """Counts for one article (or, summed, the micro average), and what went unmatched."""

    name: str
    entities: Counts = field(default_factory=Counts)
    events_relaxed: Counts = field(default_factory=Counts)
    events_strict: Counts = field(default_factory=Counts)
    # tp = correct dates among relaxed-matched events whose gold has a date
    dates: Counts = field(default_factory=Counts)
    treaty_facts: Counts = field(default_factory=Counts)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def date_accuracy(self) -> float:
        return self.dates.tp / self.dates.gold if self.dates.gold else 0.0


@dataclass
class EvalReport:
    """Per-article scores and their micro average."""

    articles: list[ArticleScores]

    @property
    def micro(self) -> ArticleScores:
        total = ArticleScores("micro")
        for a in self.articles:
            for name in (*METRICS, "dates"):
                setattr(total, name, getattr(total, name) + getattr(a, name))
        return total


def _found(system: list[Record], golds: list[GoldEntity]) -> list[GoldEntity]:
    """The gold entities that some system actor matches."""
    return [g for g in golds if any(actor_matches(a, g) for a in system)]


def _event_scorer(gold: GoldArticle, strict: bool) -> Scorer:
    """How well a system event agrees with a gold event, or ``None`` when they cannot match.

    Relaxed: same category and a shared actor among sources and recipients. Strict: also
    every gold source among the system sources, and the date equal at the gold's precision
    when the gold has one. The score (used to prefer pairs) counts shared actors, the
    sources and date agreeing, and the same sentence.
    """
    def score(g: GoldEvent, s: Record) -> float | None:
        if g.category not in (s.get("event") or []):
            return None
        sources, recipients = s.get("source") or [], s.get("recipient") or []
        shared = _found(sources + recipients, [gold.entity(n) for n in g.sources + g.recipients])
        if not shared:
            return None
        dated = g.date is not None and date_agrees(g.date, g.date_precision, s.get("date"))
        all_sources = len(_found(sources, [gold.entity(n) for n in g.sources])) == len(g.sources)
        if strict and not (all_sources and (g.date is None or dated)):
            return None
        text = s.get("text") or ""
        same_sentence = bool(text) and (g.evidence in text or text in g.evidence)
        return len(shared) + 2 * all_sources + dated + 3 * same_sentence

    return score


def _actor_names(actors: list[Record] | None) -> str:
    return "+".join(a.get("actor_text") or "?" for a in actors or [])


def _describe_gold(g: GoldEvent) -> str:
    return f"{g.category} {'+'.join(g.sources)} -> {'+'.join(g.recipients)} | {g.evidence[:40]}"


def _describe_system(s: Record) -> str:
    who = f"{_actor_names(s.get('source'))} -> {_actor_names(s.get('recipient'))}"
    return f"{'/'.join(s.get('event') or [])} {who} | {(s.get('text') or '')[:40]}"


def _score_events(gold: GoldArticle, plover: list[Record], scores: ArticleScores) -> None:
    gold_events = [e for e in gold.events if not e.negated]
    system_events = [r for r in plover if "negation" not in (r.get("context") or [])]
    relaxed = match(gold_events, system_events, _event_scorer(gold, strict=False))
    strict = match(gold_events, system_events, _event_scorer(gold, strict=True))
    scores.events_relaxed = Counts(len(relaxed), len(gold_events), len(system_events))
    scores.events_strict = Counts(len(strict), len(gold_events), len(system_events))
    dated = [(gold_events[i], system_events[j]) for i, j in relaxed if gold_events[i].date]
    correct = sum(date_agrees(g.date or "", g.date_precision, s.get("date")) for g, s in dated)
    scores.dates = Counts(correct, len(dated), len(dated))
    scores.wrong_dates = [
        f"{g.date} ({g.date_precision}) but {s.get('date') or 'no date'} | {_describe_gold(g)}"
        for g, s in dated if not date_agrees(g.date or "", g.date_precision, s.get("date"))
    ]
    matched_gold, matched_system = {i for i, _ in relaxed}, {j for _, j in relaxed}
    scores.missed = [_describe_gold(g) for i, g in enumerate(gold_events) if i not in matched_gold]
    scores.spurious = [
        _describe_system(s) for j, s in enumerate(system_events) if j not in matched_system
    ]


def _system_treaty_facts(plover: list[Record]) -> list[tuple[str, list[Record]]]:
    """Distinct (status, treaties) facts: records with a ``treaty_status``, not negated."""
    facts: dict[tuple[str, tuple[str, ...]], list[Record]] = {}
    for record in plover:
        if record.get("treaty_status") and "negation" not in (record.get("context") or []):
            about = record.get("about") or []
            ids = tuple(sorted(
                a.get("identifier_id") or a.get("identifier_text") or a.get("actor_text") or ""
                for a in about
            ))
            facts.setdefault((record["treaty_status"], ids), about)
    return [(status, about) for (status, _), about in facts.items()]


def _score_treaty_facts(gold: GoldArticle, plover: list[Record]) -> Counts:
    unique = {(f.treaty, f.status): f for f in gold.treaty_facts if not f.negated}
    gold_facts = list(unique.values())
    system_facts = _system_treaty_facts(plover)

    def score(g: GoldTreatyFact, s: tuple[str, list[Record]]) -> float | None:
        treaty = gold.entity(g.treaty)
        return 1.0 if s[0] == g.status and any(actor_matches(a, treaty) for a in s[1]) else None

    return Counts(len(match(gold_facts, system_facts, score)), len(gold_facts), len(system_facts))


def score_article(gold: GoldArticle, plover: list[Record], entities: list[Record]) -> ArticleScores:
    """Score one article's system output (export records) against its gold.

    Args:
        gold: the gold annotation.
        plover: the article's ``plover`` export records.
        entities: the ``entities`` export records (those without mentions are ignored).

    Returns:
        The article's counts and its unmatched gold and system events.
    """
    scores = ArticleScores(gold.name)
    mentioned = [e for e in entities if e.get("mentions")]
    pairs = match(gold.entities, mentioned, lambda g, s: 1.0 if entity_matches(s, g) else None)
    scores.entities = Counts(len(pairs), len(gold.entities), len(mentioned))
    _score_events(gold, plover, scores)
    scores.treaty_facts = _score_treaty_facts(gold, plover)
    return scores


def _export(store: KGStore, kind: str) -> list[Record]:
    from kg.export import export

    buffer = io.StringIO()
    export(store, kind, buffer)
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def evaluate(gold_dir: Path, *, nlp: Language | None = None) -> EvalReport:
    """Build every gold article in its own temporary store and score it.

    Args:
        gold_dir: a directory of gold JSON files (``tests/gold``).
        nlp: a loaded GiNZA pipeline (loaded once here when not given).

    Returns:
        An ``EvalReport``; an article whose build failed scores zero and carries the error.

    Raises:
        InputError: the gold directory or one of its files is invalid.
    """
    from kg.nlp import load_nlp
    from kg.pipeline import build
    from kg.store import KGStore

    nlp = nlp or load_nlp()
    results: list[ArticleScores] = []
    for gold in load_gold_dir(gold_dir):
        plover: list[dict[str, Any]] = []
        entities: list[dict[str, Any]] = []
        error: str | None = None
        with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
            store = KGStore(Path(tmp) / "store")
            try:
                built = build([gold.article], store, nlp=nlp)
                if built.failed:
                    error = str(built.failed[0])
                else:
                    plover, entities = _export(store, "plover"), _export(store, "entities")
            finally:
                store.close()
        scores = score_article(gold, plover, entities)
        scores.error = error
        results.append(scores)
    return EvalReport(results)


def _prf(c: Counts) -> str:
    if not c.gold and not c.system:  # nothing to find and nothing found: no score, not zero
        return f"{'-':>5} {'-':>5} {'-':>5}"
    return f"{c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}"


def _row(a: ArticleScores, width: int) -> str:
    metrics = " | ".join(_prf(getattr(a, m)) for m in METRICS)
    accuracy = f"{a.date_accuracy:5.2f}" if a.dates.gold else f"{'-':>5}"
    return f"{a.name:<{width}} | {metrics} | {accuracy} ({a.dates.gold:>3})"


def _as_dict(a: ArticleScores, details: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"article": a.name}
    for name in (*METRICS, "dates"):
        c = getattr(a, name)
        out[name] = {
            "tp": c.tp, "gold": c.gold, "system": c.system,
            "precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
        }
    out["date_accuracy"] = round(a.date_accuracy, 4)
    if details:
        out.update(missed=a.missed, spurious=a.spurious, wrong_dates=a.wrong_dates, error=a.error)
    return out


def format_report(report: EvalReport, fmt: str = "table") -> str:
    """Render a report as a text table (per-article rows, then the micro average) or JSON.

    Raises:
        KGError: ``fmt`` is not one of ``table`` or ``json``.
    """
    if fmt == "json":
        body = {
            "articles": [_as_dict(a, True) for a in report.articles],
            "micro": _as_dict(report.micro, False),
        }
        return json.dumps(body, ensure_ascii=False, indent=2)
    if fmt != "table":
        raise KGError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}")
    width = max([len(a.name) for a in report.articles] + [7])
    blank = " " * width
    lines = [
        f"{blank} | " + " | ".join(f"{h:<17}" for h in HEADINGS) + " | dates",
        f"{'article':<{width}} | " + " | ".join(["    P     R    F1"] * 4) + " | acc   (n)",
    ]
    lines += [_row(a, width) for a in report.articles]
    lines.append("-" * len(lines[-1]))
    lines.append(_row(report.micro, width))
    lines += [f"{a.name}: build failed: {a.error}" for a in report.articles if a.error]
    return "\n".join(lines)
