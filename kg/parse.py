"""Parsing an article with GiNZA into sentences whose offsets index ``Article.text``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from kg.model import Article, Paragraph

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Sentence:
    """A parsed sentence; ``offset`` is where ``span``'s text starts in ``Article.text``."""

    index: int
    offset: int
    span: Span
    paragraph: Paragraph

    @cached_property
    def text(self) -> str:
        # Span.text joins the tokens' texts on every call; extraction asks for it often.
        return self.span.text

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    def char(self, token_or_span_start: int) -> int:
        """Article offset of a character offset within the paragraph's Doc."""
        return self.offset - self.span.start_char + token_or_span_start


def sentences_of(article: Article, docs: Iterable[Doc]) -> list[Sentence]:
    """Pair each paragraph's Doc with its paragraph and number the sentences article-wide."""
    out: list[Sentence] = []
    for paragraph, doc in zip(article.paragraphs, docs):
        for span in doc.sents:
            if not span.text.strip():
                continue
            out.append(
                Sentence(
                    index=len(out),
                    offset=paragraph.start + span.start_char,
                    span=span,
                    paragraph=paragraph,
                )
            )
    return out


def paragraph_texts(article: Article) -> Iterator[str]:
    """The text of each paragraph, in order, as handed to GiNZA."""
    for paragraph in article.paragraphs:
        yield article.text[paragraph.start : paragraph.end]


def parse_article(nlp: Language, article: Article) -> list[Sentence]:
    """Parse every paragraph of an article (one ``nlp.pipe`` call) into sentences."""
    return sentences_of(article, nlp.pipe(paragraph_texts(article)))
