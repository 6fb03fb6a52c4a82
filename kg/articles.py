"""Read article files (saved page text or HTML) into ``Article`` records: the reading stage.

>>> article = read_text_article("米ロが会談\\n2021年6月17日\\n両首脳は16日、会談した。")
>>> article.title, article.text, article.published.isoformat()
('米ロが会談', '両首脳は16日、会談した。', '2021-06-17T00:00:00+09:00')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.blocks import Block
from kg.encoding import check_not_binary, declared_charset, decode_bytes
from kg.errors import InputError
from kg.furniture import Found, find_article
from kg.htmlpage import parse_page
from kg.model import Article, Paragraph

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
NO_ARTICLE = "no recognisable article: found no paragraphs of running text"
_LOOKS_HTML = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


def article_id(text: str) -> str:
    """A stable id for an article: 16 hex digits of the SHA-256 of its normalised content.

    The content is NFKC-normalised and its whitespace collapsed, so the same article
    read twice, or once as text and once as HTML, gets the same id.

    >>> a = article_id("米ロ首脳会談\\n両首脳は会談した。")
    >>> a == article_id(" 米ロ首脳会談  両首脳は会談した。")
    True
    """
    normalised = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and directories into the article files to read.

    Directories are walked recursively, in sorted order, keeping ``.txt``, ``.html`` and
    ``.htm`` files and skipping hidden files and directories.

    Args:
        paths: Files and directories.

    Yields:
        The article files.

    Raises:
        InputError: A path does not exist, or a file given by name has another extension.
    """
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if found.is_file() and not hidden and found.suffix.lower() in SUFFIXES:
                    yield found
        elif path.is_file():
            _check_suffix(path)
            yield path
        else:
            raise InputError(path, "no such file or directory")


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        shown = path.suffix or "no extension"
        expected = ", ".join(SUFFIXES)
        raise InputError(path, f"unsupported file type ({shown}); expected one of {expected}")


def read_article(path: str | Path) -> Article:
    """Read one ``.txt`` (saved page text) or ``.html``/``.htm`` file as an article.

    Args:
        path: The file.

    Returns:
        The article found in the file, page furniture removed.

    Raises:
        InputError: The file is missing, empty, binary, undecodable, of another type, or
            holds no recognisable article. The message names the file.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a directory, not an article file")
    if not path.is_file():
        raise InputError(path, "no such file")
    _check_suffix(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read the file: {e.strerror or e}") from e
    if not data.strip():
        raise InputError(path, "the file is empty")
    check_not_binary(data, path)
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_article(data, str(path))
    text = decode_bytes(data, path)
    if _LOOKS_HTML.match(text):  # a page saved as .txt with its markup
        return read_html_article(data, str(path))  # again, now trusting its declared charset
    return read_text_article(text, str(path))


def read_text_article(text: str, path: str = "<text>") -> Article:
    """Read saved page text (one paragraph or page element a line) as an article.

    Args:
        text: The page text.
        path: Where the text came from, for ``Article.path`` and errors.

    Returns:
        The article.

    Raises:
        InputError: The text is empty or holds no recognisable article.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InputError(path, "the text is empty")
    blocks = [Block(line.strip()) for line in text.split("\n") if line.strip()]
    found = find_article(blocks)
    if found is None:
        raise InputError(path, NO_ARTICLE)
    return _article(found, path)


def read_html_article(html: str | bytes, path: str = "<html>") -> Article:
    """Read an HTML page as an article.

    Args:
        html: The page, as text or as raw bytes (decoded by the declared or detected charset).
        path: Where the page came from, for ``Article.path`` and errors.

    Returns:
        The article, with ``url`` and ``publication`` when the page declares them.

    Raises:
        InputError: The page is empty, binary, undecodable or holds no recognisable article.
    """
    if isinstance(html, bytes):
        if not html.strip():
            raise InputError(path, "the page is empty")
        check_not_binary(html, path)
        html = decode_bytes(html, path, declared_charset(html))
    html = html.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not html.strip():
        raise InputError(path, "the page is empty")
    page = parse_page(html)
    found = find_article(page.blocks, page.title, page.published)
    if found is None:
        raise InputError(path, NO_ARTICLE)
    return _article(found, path, url=page.url, publication=page.publication, language=page.language)


def _article(found: Found, path: str, url: str | None = None, publication: str | None = None,
             language: str | None = None) -> Article:
    paragraphs: list[Paragraph] = []
    offset = 0
    for kind, text in found.paragraphs:
        paragraphs.append(Paragraph(kind=kind, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    text = "\n".join(text for _, text in found.paragraphs)
    return Article(
        id=article_id(found.title + "\n" + text),
        path=path,
        title=found.title,
        text=text,
        paragraphs=tuple(paragraphs),
        published=found.published,
        dateline=found.dateline,
        agency=found.agency,
        language=detect_language(found.title + text, language),
        url=url,
        publication=publication,
    )


def detect_language(text: str, declared: str | None = None) -> str:
    """``"ja"`` when the text is mostly Japanese script, else a best-effort language code.

    Args:
        text: The article text.
        declared: A language the page declares (``<html lang>``), used for Latin script.
    """
    counts = {"kana": 0, "han": 0, "hangul": 0, "cyrillic": 0, "arabic": 0, "latin": 0}
    for ch in text:
        code = ord(ch)
        if 0x3040 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9D:
            counts["kana"] += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            counts["han"] += 1
        elif 0xAC00 <= code <= 0xD7AF:
            counts["hangul"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x0600 <= code <= 0x06FF:
            counts["arabic"] += 1
        elif ch.isalpha() and code < 0x250:
            counts["latin"] += 1
    letters = sum(counts.values()) or 1
    if (counts["kana"] + counts["han"]) / letters >= 0.3 and counts["kana"] > 0.05 * counts["han"]:
        return "ja"
    script = max(counts, key=lambda k: counts[k])
    if script == "han":
        return "zh"
    other = {"hangul": "ko", "cyrillic": "ru", "arabic": "ar"}.get(script)
    if other:
        return other
    return declared.split("-")[0].lower() if declared else "en"
