"""The curated gazetteer: known actors, places, treaties and initiatives, looked up by surface form.

The entries live in ``kg/data/gazetteer.json`` (versioned with the package). Surface
forms are compared after NFKC normalisation, so full-width and half-width forms match.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import OntologyError
from kg.model import EntityRecord

DATA_DIR = Path(__file__).parent / "data"
GAZETTEER_FILE = DATA_DIR / "gazetteer.json"


def normalise(text: str) -> str:
    """NFKC-normalise a surface form and drop inner spaces and middle dots' variants."""
    text = unicodedata.normalize("NFKC", text).strip()
    return text.replace(" ", "").replace("・", "・")


@dataclass
class Gazetteer:
    """Entities by key and by every surface form (labels and aliases)."""

    version: str
    entities: dict[str, EntityRecord]
    titles: tuple[str, ...]
    abbreviations: dict[str, str]
    by_surface: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_surface:
            for record in self.entities.values():
                for form in (record.label_ja, record.label_en, *record.aliases):
                    if form:
                        self.by_surface.setdefault(normalise(form), record.key)

    def get(self, key: str) -> EntityRecord:
        """The entity with this key; raises ``KeyError`` for an unknown key."""
        return self.entities[key]

    def lookup(self, surface: str) -> EntityRecord | None:
        """The entity a surface form names exactly (after normalisation), if any."""
        key = self.by_surface.get(normalise(surface))
        return self.entities[key] if key else None

    def strip_title(self, surface: str) -> tuple[str, str | None]:
        """Split a trailing title (``大統領``, ``氏`` …) from a name: ``("バイデン", "大統領")``."""
        form = normalise(surface)
        for title in self.titles:  # longest first
            if form.endswith(title) and len(form) > len(title):
                return form[: -len(title)], title
        return form, None

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        """Load a gazetteer data file; errors name the file and the faulty entry."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise OntologyError(f"{path}: cannot read gazetteer: {e}") from e
        entities: dict[str, EntityRecord] = {}
        for index, entry in enumerate(data.get("entities", [])):
            try:
                record = EntityRecord(
                    key=entry["key"],
                    type=entry["type"],
                    label_ja=entry["label_ja"],
                    label_en=entry["label_en"],
                    aliases=tuple(entry.get("aliases", ())),
                    wikidata=entry.get("wikidata"),
                    iso3=entry.get("iso3"),
                    country=entry.get("country"),
                    office=entry.get("office"),
                    members=tuple(entry.get("members", ())),
                )
            except KeyError as e:
                raise OntologyError(f"{path}: entity #{index} lacks field {e}") from e
            if record.key in entities:
                raise OntologyError(f"{path}: duplicate entity key {record.key!r}")
            entities[record.key] = record
        titles = tuple(sorted(data.get("titles", ()), key=len, reverse=True))
        return cls(
            version=str(data.get("version", "0")),
            entities=entities,
            titles=titles,
            abbreviations=dict(data.get("abbreviations", {})),
        )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return Gazetteer.from_file(GAZETTEER_FILE)
