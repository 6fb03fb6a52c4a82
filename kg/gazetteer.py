"""The curated gazetteer: known actors, places, treaties and initiatives, looked up by surface form.

The entries live in ``kg/data/gazetteer.json`` (versioned with the package); a file that
says ``"countries": "pycountry"`` also gets every UN member state from ``kg.countries``,
merged under the curated entries (curated wins, matched by ISO alpha-3 code). Surface
forms are compared after NFKC normalisation, so full-width and half-width forms match.
``docs/gazetteer.md`` describes the file format.

    >>> gazetteer = load_gazetteer()
    >>> gazetteer.lookup("バイデン").key
    'joe-biden'
    >>> gazetteer.strip_title("プーチン大統領")
    ('プーチン', '大統領')
    >>> gazetteer.resolve("習主席")[0].key
    'xi-jinping'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kg.errors import OntologyError
from kg.model import EntityRecord

DATA_DIR = Path(__file__).parent / "data"
GAZETTEER_FILE = DATA_DIR / "gazetteer.json"

ENTITY_TYPES = ("Person", "Country", "Organization", "Group", "Treaty", "Initiative", "Place")
QID_PATTERN = re.compile(r"^Q[1-9]\d*$")

# The brief written before a title (``中東担当上級顧問``): part of the title, not of the name.
CHARGED_BRIEF = re.compile(r"・?(?:[一-龥々]{1,8}|[ァ-ヶー]{2,8})担当$")

# Middle dots that NFKC leaves alone but writers use for the katakana one.
_MIDDLE_DOTS = str.maketrans({"·": "・", "‧": "・", "∙": "・", "⋅": "・"})


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """NFKC-normalise a surface form, drop spaces and unify middle-dot variants to ``・``.

    Cached: extraction asks for the same short forms tens of thousands of times per article.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    return text.replace(" ", "").translate(_MIDDLE_DOTS)


def surfaces_of(record: EntityRecord) -> tuple[str, ...]:
    """Every written form of an entity, normalised and without repeats: labels, then aliases."""
    forms: dict[str, None] = {}
    for form in (record.label_ja, record.label_en, *record.aliases):
        if form:
            forms.setdefault(normalise(form), None)
    return tuple(forms)


@dataclass
class Gazetteer:
    """Entities by key and by every surface form (labels and aliases).

    ``titles`` are offices and honorifics recorded on a mention (longest first);
    ``abbreviations`` map one-character country abbreviations used in compounds
    (``米ロ``) to keys; ``short_names`` map names that denote an entity only directly
    before a title (``習`` + ``主席``) to ``{title: key}``; ``ambiguous`` lists surfaces
    deliberately left out of ``by_surface`` with their candidate keys (``コンゴ``).
    """

    version: str
    entities: dict[str, EntityRecord]
    titles: tuple[str, ...]
    abbreviations: dict[str, str]
    by_surface: dict[str, str] = field(default_factory=dict)
    short_names: dict[str, dict[str, str]] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ambiguous = {normalise(s): tuple(keys) for s, keys in self.ambiguous.items()}
        if not self.by_surface:
            for record in self.entities.values():
                for form in surfaces_of(record):
                    if form not in self.ambiguous:
                        self.by_surface.setdefault(form, record.key)

    def prefixes(self) -> frozenset[str]:
        """Every prefix of every surface ``lookup`` knows (the empty one included).

        Lets a longest-match scan stop as soon as what it has read can no longer grow into
        a surface. Built on first use and again whenever ``by_surface`` changes size.
        """
        cached = self.__dict__.get("_prefixes")
        if cached is None or cached[0] != len(self.by_surface):
            found = {form[:k] for form in self.by_surface for k in range(len(form) + 1)}
            cached = self.__dict__["_prefixes"] = (len(self.by_surface), frozenset(found))
        return cached[1]

    def get(self, key: str) -> EntityRecord:
        """The entity with this key; raises ``KeyError`` for an unknown key."""
        return self.entities[key]

    def lookup(self, surface: str) -> EntityRecord | None:
        """The entity a surface form names exactly (after normalisation), if any."""
        key = self.by_surface.get(normalise(surface))
        return self.entities[key] if key else None

    def candidates(self, surface: str) -> tuple[EntityRecord, ...]:
        """Every entity a surface may name: one for a known surface, several for an
        ambiguous one (``コンゴ``), none for an unknown one."""
        form = normalise(surface)
        if form in self.ambiguous:
            return tuple(self.entities[key] for key in self.ambiguous[form])
        record = self.lookup(form)
        return (record,) if record else ()

    def strip_title(self, surface: str) -> tuple[str, str | None]:
        """Split a trailing title (``大統領``, ``氏`` …) from a name: ``("バイデン", "大統領")``."""
        form = normalise(surface)
        for title in self.titles:  # longest first
            if form.endswith(title) and len(form) > len(title):
                name, title = form[: -len(title)], title
                charged = CHARGED_BRIEF.search(name)  # ハンセン・中東担当|上級顧問
                if charged and charged.start() > 0:
                    return name[: charged.start()], name[charged.start():].lstrip("・") + title
                return name, title
        return form, None

    def resolve(self, surface: str) -> tuple[EntityRecord | None, str | None]:
        """The entity a name-with-title names, and the title: ``"習主席"`` → (Xi, ``"主席"``).

        Tries the whole surface first (so names that end like a title stay whole), then
        the name without its title, then ``short_names`` for that title.
        """
        record = self.lookup(surface)
        if record is not None:
            return record, None
        name, title = self.strip_title(surface)
        if title is None:
            return None, None
        record = self.lookup(name)
        if record is None and title in self.short_names.get(name, {}):
            record = self.entities[self.short_names[name][title]]
        return record, title

    def shared_surfaces(self) -> dict[str, tuple[str, ...]]:
        """Surfaces written on more than one entity and not declared ``ambiguous``."""
        owners: dict[str, list[str]] = {}
        for record in self.entities.values():
            for form in surfaces_of(record):
                owners.setdefault(form, []).append(record.key)
        return {
            form: tuple(keys)
            for form, keys in owners.items()
            if len(keys) > 1 and form not in self.ambiguous
        }

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        """Load a gazetteer data file; errors name the file and the faulty entry.

        Raises:
            OntologyError: the file cannot be read, an entry lacks a field or has an
                unknown type or a malformed QID, two curated entries share a key or a
                surface, or a reference (``country``, ``members``, tables) names no entity.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise OntologyError(f"{path}: cannot read gazetteer: {e}") from e
        entities: dict[str, EntityRecord] = {}
        for index, entry in enumerate(data.get("entities", [])):
            record = _record(path, index, entry)
            if record.key in entities:
                raise OntologyError(f"{path}: duplicate entity key {record.key!r}")
            entities[record.key] = record
        ambiguous = {s: tuple(keys) for s, keys in data.get("ambiguous", {}).items()}
        _check_curated_surfaces(path, entities.values(), {normalise(s) for s in ambiguous})
        source = data.get("countries")
        if source == "pycountry":
            from kg.countries import country_records

            entities = merge_countries(path, entities, country_records())
        elif source is not None:
            raise OntologyError(f"{path}: unknown countries source {source!r}; valid: 'pycountry'")
        gazetteer = cls(
            version=str(data.get("version", "0")),
            entities=entities,
            titles=tuple(sorted(data.get("titles", ()), key=len, reverse=True)),
            abbreviations=dict(data.get("abbreviations", {})),
            short_names={name: dict(t) for name, t in data.get("short_names", {}).items()},
            ambiguous=ambiguous,
        )
        _check_references(path, gazetteer)
        return gazetteer


def _record(path: Path, index: int, entry: dict) -> EntityRecord:
    """One entity of the file, checked; errors name the entry by index and key."""
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
    where = f"{path}: entity #{index} ({record.key!r})"
    if record.type not in ENTITY_TYPES:
        valid = ", ".join(ENTITY_TYPES)
        raise OntologyError(f"{where}: unknown type {record.type!r}; valid: {valid}")
    if record.wikidata is not None and not QID_PATTERN.match(record.wikidata):
        raise OntologyError(f"{where}: wikidata {record.wikidata!r} is not a QID like 'Q30'")
    return record


def _check_curated_surfaces(
    path: Path, records: Iterable[EntityRecord], ambiguous: set[str]
) -> None:
    """Two curated entries may share a surface only when it is declared ``ambiguous``."""
    owner: dict[str, str] = {}
    for record in records:
        for form in surfaces_of(record):
            other = owner.setdefault(form, record.key)
            if other != record.key and form not in ambiguous:
                raise OntologyError(
                    f"{path}: surface {form!r} is written on both {other!r} and "
                    f"{record.key!r}; remove one or list it under 'ambiguous'"
                )


def merge_countries(
    path: Path, curated: dict[str, EntityRecord], generated: Iterable[EntityRecord]
) -> dict[str, EntityRecord]:
    """Curated entries plus generated country records; curated wins.

    A generated record whose ISO code a curated entry carries only lends that entry the
    names it lacks (and a QID if it has none). Generated names already written on another
    entity are dropped, so generation never makes a surface ambiguous.
    """
    entities = dict(curated)
    by_iso3 = {record.iso3: record.key for record in curated.values() if record.iso3}
    owner = {form: record.key for record in curated.values() for form in surfaces_of(record)}
    for record in generated:
        key = by_iso3.get(record.iso3 or "", record.key)
        if key in curated and curated[key].iso3 != record.iso3:
            raise OntologyError(
                f"{path}: curated entity {key!r} is not country {record.iso3}; "
                f"give it iso3 {record.iso3!r} or another key"
            )
        base = entities.get(key, replace(record, aliases=()))
        known = set(surfaces_of(base))
        for form in known:
            owner.setdefault(form, key)
        extra = []
        for form in (record.label_ja, record.label_en, *record.aliases):
            norm = normalise(form)
            if norm not in known and owner.get(norm, key) == key:
                extra.append(form)
                known.add(norm)
                owner[norm] = key
        entities[key] = replace(
            base, aliases=(*base.aliases, *extra), wikidata=base.wikidata or record.wikidata
        )
    return entities


def _check_references(path: Path, gazetteer: Gazetteer) -> None:
    """Every key the entries and tables name exists."""
    keys = gazetteer.entities
    refs: list[tuple[str, str]] = []
    for record in keys.values():
        if record.country:
            refs.append((f"entity {record.key!r} field 'country'", record.country))
        refs.extend((f"entity {record.key!r} field 'members'", m) for m in record.members)
    refs.extend((f"abbreviation {a!r}", k) for a, k in gazetteer.abbreviations.items())
    for name, by_title in gazetteer.short_names.items():
        refs.extend((f"short name {name!r}+{t!r}", k) for t, k in by_title.items())
    for surface, candidates in gazetteer.ambiguous.items():
        refs.extend((f"ambiguous surface {surface!r}", k) for k in candidates)
    for where, key in refs:
        if key not in keys:
            raise OntologyError(f"{path}: {where} names unknown entity {key!r}")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return Gazetteer.from_file(GAZETTEER_FILE)
