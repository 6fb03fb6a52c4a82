"""Find the article among the blocks of a page and drop the page furniture around it.

A page (saved text, or the blocks of an HTML page) is a sequence of ``Block``s. The
article is the run of blocks with the most running text: sentences, photo captions
and subheadings, allowing a line or two of other text between them. A run ends at a
copyright line, an agency credit line, a date line, a section marker of the hard kind
(ranking, recommendations, magazine promotion) or three short non-sentence lines in a
row (link lists, navigation). Soft furniture inside an article (a 関連記事 box, a
numbered list of links, an ad label) is skipped when at least two paragraphs of running
text follow it. Nothing here knows any particular site: the rules rest on the shape of
the text and on a few section words that news sites share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from kg.blocks import (
    Block,
    fold,
    is_caption,
    is_copyright,
    is_heading,
    is_sentence,
    marker,
    numbered_run,
)
from kg.model import Dateline, ParagraphKind
from kg.published import credit_line, date_line, parse_dateline, split_trailing_credit


@dataclass(frozen=True)
class Found:
    """The article found in a page: headline, date, dateline, credit and paragraphs."""

    title: str
    paragraphs: tuple[tuple[ParagraphKind, str], ...]
    published: datetime | None = None
    dateline: Dateline | None = None
    agency: str | None = None


@dataclass
class _Run:
    start: int
    end: int = 0
    blocks: list[tuple[ParagraphKind, str]] = field(default_factory=list)
    agency: str | None = None

    @property
    def size(self) -> int:
        return sum(len(text) for kind, text in self.blocks if kind != "heading")


def _is_content(block: Block) -> bool:
    if block.link:
        return False
    if block.kind in ("caption", "heading"):
        return True
    text = block.text
    return is_sentence(text) or is_caption(text) or parse_dateline(text)[0] is not None


def _kind(block: Block) -> ParagraphKind:
    if block.kind:
        return block.kind
    if is_caption(block.text):
        return "caption"
    if is_heading(block.text):
        return "heading"
    return "body"


def _resumes(blocks: list[Block], i: int) -> int | None:
    """After soft furniture at ``i``: the index where running text resumes, if it does."""
    while i < len(blocks):
        block = blocks[i]
        if is_copyright(block.text) or marker(block.text) == "hard" or date_line(block.text):
            return None
        if is_sentence(block.text) and not block.link and not is_caption(block.text):
            follow = blocks[i + 1] if i + 1 < len(blocks) else None
            if follow and is_sentence(follow.text) and not follow.link and len(block.text) >= 20:
                before = blocks[i - 1]
                heading = before.kind == "heading" or is_heading(before.text)
                return i - 1 if heading and not before.link else i
            return None
        i += 1
    return None


def _walk(blocks: list[Block], start: int) -> _Run:
    """Collect the article run that starts at ``blocks[start]``."""
    run = _Run(start)
    pending: list[Block] = []
    i = start
    while i < len(blocks):
        block = blocks[i]
        text = block.text
        if is_copyright(text) or date_line(text):
            break
        agency = credit_line(text)
        if agency and run.blocks:
            run.agency = agency
            break
        kind_of_marker = marker(text)
        if kind_of_marker == "hard":
            break
        if kind_of_marker == "soft" or numbered_run(blocks, i):
            resume = _resumes(blocks, i + 1)
            if resume is None:
                break
            pending, i = [], resume
            continue
        if _is_content(block):
            run.blocks.extend((_kind(p), p.text) for p in pending)
            run.blocks.append((_kind(block), text))
            pending = []
        else:
            pending.append(block)
            if len(pending) >= 3:
                break
        i += 1
    run.end = i
    return run


def _best_run(blocks: list[Block]) -> _Run | None:
    best: _Run | None = None
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if _is_content(block) and _kind(block) != "heading" and not marker(block.text):
            run = _walk(blocks, i)
            if best is None or run.size > best.size:
                best = run
            i = max(run.end, i + 1)
        else:
            i += 1
    return best


def _title(header: list[Block], date_index: int | None) -> str:
    """The headline: the longest plain line just before the date line (or the run)."""
    def plain(block: Block) -> bool:
        text = block.text
        return not (marker(text) or date_line(text) or credit_line(text) or is_copyright(text)
                    or block.link or len(text) < 4 or " > " in text or "›" in text)

    if date_index is not None:
        candidates = [b for b in header[max(0, date_index - 3): date_index] if plain(b)]
        candidates = candidates or [b for b in header[date_index + 1:] if plain(b)]
    else:
        candidates = [b for b in header[-4:] if plain(b)]
    # Headlines do not end in 。; a sentence is a teaser or a lead, taken only if nothing else.
    candidates = [b for b in candidates if not b.text.endswith("。")] or candidates
    return max(candidates, key=lambda b: len(b.text)).text if candidates else ""


def find_article(blocks: list[Block], title: str | None = None,
                 published: datetime | None = None) -> Found | None:
    """Find the article in the blocks of a page.

    Args:
        blocks: Lines of saved page text, or blocks of an HTML page, in reading order.
        title: The headline when markup already gives it; its block is then dropped.
        published: The publication time when metadata already gives it.

    Returns:
        The article, or None when no run of running text is found.
    """
    if title:
        folded_title = fold(title)
        blocks = [b for b in blocks if fold(b.text) != folded_title]
    run = _best_run(blocks)
    if run is None or not any(kind != "heading" for kind, _ in run.blocks):
        return None
    header = blocks[: run.start]
    dated = [i for i, block in enumerate(header) if date_line(block.text)]
    date_index = dated[-1] if dated else None
    if published is None:
        if date_index is not None:
            published = date_line(header[date_index].text)
        else:  # some sites print the date under the article
            after = (date_line(b.text) for b in blocks[run.end: run.end + 4])
            published = next((d for d in after if d), None)
    if not title:
        title = _title(header, date_index)
    paragraphs, dateline, agency = _clean(run.blocks)
    agency = (dateline.agency if dateline else None) or agency or run.agency
    return Found(title=title.strip(), paragraphs=paragraphs, published=published,
                 dateline=dateline, agency=agency)


def _clean(blocks: list[tuple[ParagraphKind, str]]) -> tuple[
        tuple[tuple[ParagraphKind, str], ...], Dateline | None, str | None]:
    """Split the dateline off the first body paragraph and a trailing (共同) off the last."""
    out = [(kind, re.sub(r"\s+", " ", text).strip()) for kind, text in blocks]
    dateline = None
    for n, (kind, text) in enumerate(out[:4]):
        if kind == "body":
            dateline, rest = parse_dateline(text)
            if dateline:
                out[n] = (kind, rest.strip())
            break
    agency = None
    bodies = [n for n, (kind, _) in enumerate(out) if kind == "body"]
    if bodies:
        agency, rest = split_trailing_credit(out[bodies[-1]][1])
        out[bodies[-1]] = ("body", rest)
    return tuple((kind, text) for kind, text in out if text), dateline, agency
