"""Writing the store out: RDF (turtle, trig, nquads, jsonld) or JSON Lines (plover, entities)."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from kg.errors import KGError, StoreError
from kg.export_plover import entity_records, plover_records
from kg.rdf import PREFIXES
from kg.store import KGStore

FORMATS: tuple[str, ...] = ("turtle", "trig", "nquads", "jsonld", "plover", "entities")

# Shipped with every JSON-LD file: a remote @context cannot be fetched offline.
JSONLD_CONTEXT: dict[str, str] = {
    **PREFIXES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


class _Sink:
    """One output (a path, a text stream or a binary stream) written as UTF-8."""

    def __init__(self, out: TextIO | BinaryIO | IO[Any]) -> None:
        self.out = out
        self.binary = not isinstance(out, io.TextIOBase) and (
            isinstance(out, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(out, "mode", "")
        )

    def text(self, chunk: str) -> None:
        self.out.write(chunk.encode("utf-8") if self.binary else chunk)

    def bytes(self, chunk: bytes) -> None:
        self.out.write(chunk if self.binary else chunk.decode("utf-8"))


@contextmanager
def _sink(out: TextIO | BinaryIO | str | os.PathLike[str]) -> Iterator[_Sink]:
    if isinstance(out, (str, os.PathLike)):
        path = Path(out)
        try:
            with path.open("wb") as handle:
                yield _Sink(handle)
        except OSError as e:
            raise StoreError(f"{path}: cannot write export: {e}") from e
    else:
        yield _Sink(out)


def _json_lines(sink: _Sink, records: list[dict[str, Any]]) -> int:
    for record in records:
        sink.text(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


def export(store: KGStore, fmt: str, out: TextIO | BinaryIO | str | os.PathLike[str]) -> int:
    """Write the store's content to ``out`` in one of ``FORMATS``.

    Args:
        store: the store to read.
        fmt: ``turtle`` (the union of all graphs), ``trig`` / ``nquads`` (graphs kept),
            ``jsonld`` (graphs kept, inline ``@context``), ``plover`` (one event per
            line) or ``entities`` (one entity per line).
        out: a path, or a text or binary stream; everything is written as UTF-8.

    Returns:
        The number of records written (events, entities), or of quads/triples for RDF.

    Raises:
        KGError: an unknown format (the message lists the valid ones), or the output
            cannot be written.
    """
    if fmt not in FORMATS:
        raise KGError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with _sink(out) as sink:
        if fmt == "plover":
            return _json_lines(sink, plover_records(store))
        if fmt == "entities":
            return _json_lines(sink, entity_records(store))
        if fmt == "jsonld":
            dataset = store.dataset()
            sink.text(dataset.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=1))
            return len(store)
        buffer = io.BytesIO()
        store.dump(buffer, fmt, prefixes=PREFIXES)
        sink.bytes(buffer.getvalue())
        return len(store)
