"""Extraction of one article: mentions (with coreference), minted entities and PLOVER events.

Captions give mentions but no events: on news pages they repeat the body's lead
sentence, so events from them would be duplicates. Headings give neither.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.coref import resolve
from kg.events import ArticleState, sentence_events
from kg.gazetteer import Gazetteer
from kg.lexicon import load_lexicon
from kg.mentions import ACTOR_TYPES, find_mentions
from kg.model import Article, EntityRecord, Extraction, Mention

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.parse import Sentence

EVENT_KINDS = frozenset({"body"})
MENTION_KINDS = frozenset({"body", "caption"})
SENTENCE_ENDS = ("。", "」", "！", "？", "!", "?", "』", ")", "）")
CREDIT = re.compile(r"^\s*[\[(（【][^\])）】]{0,30}[\])）】]\s*$")  # [ロイター], (共同)


def merge_fragments(sentences: list[Sentence]) -> list[Sentence]:
    """Join GiNZA sentence fragments: a "sentence" that does not end a sentence (``北朝鮮の
    金与`` | ``正朝鮮労働党副部長は…``, split where the parser found two roots) is glued to the
    next one of the same paragraph, and the sentences are renumbered."""
    from kg.parse import Sentence

    out: list[Sentence] = []
    for sentence in sentences:
        last = out[-1] if out else None
        if (last is not None and last.paragraph == sentence.paragraph
                and last.span.doc is sentence.span.doc
                and not last.text.rstrip().endswith(SENTENCE_ENDS)):
            span = last.span.doc[last.span.start : sentence.span.end]
            out[-1] = Sentence(index=last.index, offset=last.offset, span=span, paragraph=last.paragraph)
            continue
        out.append(Sentence(index=len(out), offset=sentence.offset, span=sentence.span, paragraph=sentence.paragraph))
    return out


def _merge_minted(records: list[EntityRecord]) -> list[EntityRecord]:
    """One record per minted key, labelled with the longest name written."""
    merged: dict[str, EntityRecord] = {}
    for record in records:
        known = merged.get(record.key)
        if known is None or len(record.label_ja) > len(known.label_ja):
            merged[record.key] = record
    return list(merged.values())


def extract(article: Article, sentences: list[Sentence], gazetteer: Gazetteer) -> Extraction:
    """Mentions, minted entities and events of one parsed article.

    Args:
        article: the article record (its ``text`` is what the sentences index).
        sentences: ``kg.parse.parse_article(nlp, article)``.
        gazetteer: the gazetteer to resolve names with.

    Returns:
        An ``Extraction``; events come from body sentences only.
    """
    sentences = merge_fragments(sentences)
    used = [s for s in sentences if s.paragraph.kind in MENTION_KINDS and not CREDIT.match(s.text)]
    found: list[Mention] = []
    minted: list[EntityRecord] = []
    for sentence in used:
        mentions, new = find_mentions(sentence, gazetteer)
        found += mentions
        minted += new
    minted = _merge_minted(minted)
    mentions = resolve(used, found, gazetteer, minted)
    records = {**gazetteer.entities, **{r.key: r for r in minted}}
    actors = frozenset(k for k, r in records.items() if r.type in ACTOR_TYPES)
    body = [s for s in used if s.paragraph.kind in EVENT_KINDS]
    state = ArticleState(
        article=article,
        lexicon=load_lexicon(),
        records=records,
        actors=actors,
        first_body=body[0].index if body else None,
        titles=frozenset(gazetteer.titles),
    )
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for sentence in body:
        sentence_events(sentence, by_sentence.get(sentence.index, []), state)
    return Extraction(article=article, mentions=tuple(mentions), events=tuple(state.events), minted=tuple(minted))


def extract_article(nlp: Language, article: Article, gazetteer: Gazetteer) -> Extraction:
    """Parse an article with GiNZA and extract from it (``extract`` after ``parse_article``)."""
    from kg.parse import parse_article

    return extract(article, parse_article(nlp, article), gazetteer)
