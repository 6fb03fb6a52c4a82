"""Turn the bytes of a page or text file into str: reject binaries, find the encoding.

The order of trust is: a byte-order mark; valid UTF-8 (a multi-byte UTF-8 run is
almost never valid by chance); the charset the document declares, if it decodes
strictly *and* reads as well as the alternatives; the Japanese legacy encodings
scored on the whole document; finally charset-normalizer. Shift_JIS is always decoded
as cp932 (the Windows superset that real pages use: ①, 髙, ～).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import charset_normalizer

from kg.errors import InputError

# Magic numbers of formats that are certainly not an article.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

# Declared charset names → the Python codec we decode them with.
CODEC_ALIASES: dict[str, str] = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "ms932": "cp932",
    "cp932": "cp932",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "eucjp": "euc_jp",
    "iso-2022-jp": "iso2022_jp_ext",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}

# euc_jis_2004 also reads the ① and 髙 that some EUC-JP pages carry.
JAPANESE_CODECS = ("cp932", "euc_jp", "euc_jis_2004")

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""",
    re.IGNORECASE,
)


def check_not_binary(data: bytes, path: str | Path) -> None:
    """Raise if ``data`` is an image, archive, PDF or other binary file.

    Args:
        data: The raw file content.
        path: The file, named in the error.

    Raises:
        InputError: The content is binary.
    """
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary content ({what}), not a text or HTML page")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "binary content (NUL bytes), not a text or HTML page")


def declared_charset(data: bytes) -> str | None:
    """The codec an HTML/XML document declares in its first 4 KB (``cp932`` for Shift_JIS)."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    name = CODEC_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def text_quality(text: str) -> float:
    """How much ``text`` looks like correctly decoded (Japanese or Latin) text, from -2 to 1.

    Kana, common kanji, ASCII and CJK punctuation count as good; half-width katakana,
    private-use, C1 controls and stray Latin-1 letters (the marks of mojibake) count
    against.
    """
    if not text:
        return 0.0
    good = bad = 0.0
    for ch in text:
        code = ord(ch)
        if code < 0x80 or 0x3000 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF \
                or 0xFF01 <= code <= 0xFF5E:
            good += 1
        elif 0xFF61 <= code <= 0xFF9F or 0xE000 <= code <= 0xF8FF or 0x80 <= code <= 0x9F \
                or ch == "\ufffd":
            bad += 1
        elif 0xA0 <= code <= 0xFF:
            bad += 0.5
        elif unicodedata.category(ch).startswith("L") or ch.isspace():
            good += 0.5
    return (good - 2 * bad) / len(text)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, path: str | Path, declared: str | None = None) -> str:
    """Decode a page or text file to str with normalised line endings.

    Args:
        data: The raw bytes (already checked by :func:`check_not_binary`).
        path: The file, named in errors.
        declared: A codec the document declares (see :func:`declared_charset`).

    Returns:
        The text, with ``\\r\\n`` and ``\\r`` turned into ``\\n``; BOM removed.

    Raises:
        InputError: No encoding decodes the bytes.
    """
    text = _decode(data, declared)
    if text is None:
        raise InputError(
            path, "cannot decode the text: it is not UTF-8, Shift_JIS (cp932) or EUC-JP "
            "and no other encoding could be detected"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, codec)
    if data.isascii():
        # 7-bit ISO-2022-JP switches character sets with ESC $ B / ESC ( B.
        return _strict(data, "iso2022_jp_ext") if b"\x1b$" in data else data.decode("ascii")
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return utf8
    candidates: dict[str, str] = {}
    for name in (declared, *JAPANESE_CODECS):
        if name and name not in candidates and name != "utf-8":
            attempt = _strict(data, name)
            if attempt is not None:
                candidates[name] = attempt
    if candidates:
        scores = {codec: text_quality(decoded) for codec, decoded in candidates.items()}
        best = max(scores, key=lambda codec: scores[codec])
        # A declaration is trusted unless it reads clearly worse than an alternative.
        if declared in scores and scores[declared] >= scores[best] - 0.05:
            return candidates[declared]
        if scores[best] > 0.5:
            return candidates[best]
    match = charset_normalizer.from_bytes(data).best()
    if match is not None:
        return str(match)
    return None
