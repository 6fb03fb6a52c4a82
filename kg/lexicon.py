"""The predicate lexicon: Japanese event words mapped to PLOVER categories, read from data.

The table lives in ``kg/data/predicates.json``; this module only loads and indexes it.
Decisions recorded in the data and here:

* Core PLOVER has no REQUEST, so every demand or request is DEMAND: ``要求``/``迫る`` with
  no mode, the softer ``求める``/``要請``/``促す``/``呼びかける`` with mode ``request``.
* ``transparent_nouns`` (``離脱手続きを始める``), ``statement_nouns`` (``非難する声明を
  発表``), ``group_nouns`` (``韓国の市民団体が``) and ``document_nouns`` (a law is signed,
  not a treaty) are word lists the argument rules read.
* ``会見`` (press conference) is not an event: it has no counterpart. ``首脳会見`` is.
* ``併合``/``占領`` are ASSAULT with mode ``occupy`` (PLOVER folds CAMEO 19 "occupy
  territory" into ASSAULT); ``延長`` of a Treaty is AGREE with treaty status ``extended``.
* ``order_verbs`` make an expulsion of an order (``国外退去を命じた``, ``退去するよう
  通告``); bare ``退去`` is an expulsion only so ordered. ``listing_nouns``/``listing_verbs``:
  ``…を資産凍結の対象に加えた``, ``制裁対象に追加`` is the sanction's act.
* ``partner`` entries fire only with a counterpart actor (``モディ首相と会見した``; a bare
  ``会見`` is a press conference).
* ``accept_lemmas`` (``受け入れる``, ``応じる``) refused as a stance (``受け入れない考え``,
  ``応じない``) are REJECT, not a negated AGREE; ``threat_stances`` (``辞さない``) make a
  THREATEN of the act they govern (``制裁も辞さない構え``).
* ``claim_words`` (``主張``, ``指摘``, ``…との認識``) with a content naming another actor's
  misconduct (``allegation_cues`` or a hostile act) are ACCUSE; ``promise_verbs`` turn
  announced aid (``支援を表明``) into a promise (AGREE). ``visit_prefix`` and ``visit_hosts``
  read visits written as one word (``訪中``, ``来日``); ``target_prefix`` reads the target
  written into a noun (``対中輸出規制`` → China). ``suspicion_nouns`` (``…している疑いを
  指摘``) make a claim of another actor's act an allegation. ``object_required`` words
  are events only with an object (``米国の関与をけん制した`` is ACCUSE; ``「…措置を取る」と
  けん制した`` is the quoted threat alone). ``receive_verbs`` (``受ける``) make a received
  hostile act (``米国の攻撃を受けた``) the act of the noun's ``の``-owner; ``intent_verbs``
  (``表明``) make a material act they announce future (``関税の引き上げを表明``).
  ``address_verbs`` (``送る``, ``伝える``) lend the addressee of a message to the demand chained after it (``Xに書簡を送り、…を呼び掛けた``).
* ``light`` entries (``懸念``, ``対話``, ``措置`` …) are nouns that only make an event as
  the object of a light verb (``懸念を表明``, ``相応の措置を取る``).
* Joint exercises (``合同/共同`` + ``演習``/``訓練``) are COOPERATE, one side's MOBILIZE;
  summoning an envoy (``大使を呼び出した``, ``召致``) is ACCUSE; listing as a terrorist
  organisation (``テロ組織に指定``) is SANCTION; money mobilised, contributed or lent
  (``資金を動員``, ``拠出``, ``融資``) is AID, troops mobilised (``動員``) MOBILIZE.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import OntologyError
from kg.plover import CATEGORIES, TREATY_STATUSES

PREDICATES_FILE = Path(__file__).parent / "data" / "predicates.json"


@dataclass(frozen=True)
class Predicate:
    """One lexicon entry: a trigger lemma and the event it makes."""

    lemma: str
    category: str
    mode: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()  # the trigger does not fire with one of these as a modifier
    about_type: str | None = None
    treaty_status: str | None = None
    light: bool = False
    partner: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The predicate table and the word lists the event rules use."""

    version: str
    predicates: dict[str, tuple[Predicate, ...]]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    attribution_markers: tuple[str, ...]
    future_markers: frozenset[str]
    hypothetical_markers: frozenset[str]
    historical_markers: frozenset[str]
    negation_lemmas: frozenset[str]
    consult_modes: dict[str, str]
    treaty_status: dict[str, str]
    visit_prefix: str
    transparent_nouns: frozenset[str] = frozenset()
    statement_nouns: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    unnamed_doers: frozenset[str] = frozenset()  # 武装集団, 何者か: a doer written but not identified
    decision_verbs: frozenset[str] = frozenset()
    order_verbs: frozenset[str] = frozenset()
    listing_nouns: frozenset[str] = frozenset()
    listing_verbs: frozenset[str] = frozenset()
    accept_lemmas: frozenset[str] = frozenset()
    stance_nouns: frozenset[str] = frozenset()
    threat_stances: frozenset[str] = frozenset()
    claim_words: frozenset[str] = frozenset()
    allegation_cues: frozenset[str] = frozenset()
    promise_verbs: frozenset[str] = frozenset()
    address_verbs: frozenset[str] = frozenset()
    visit_hosts: dict[str, str] = field(default_factory=dict)
    suspicion_nouns: frozenset[str] = frozenset()
    target_prefix: str = "対"
    object_required: frozenset[str] = frozenset()
    receive_verbs: frozenset[str] = frozenset()
    intent_verbs: frozenset[str] = frozenset()

    def entries(self, lemma: str) -> tuple[Predicate, ...]:
        """The entries for a lemma (several when they differ by required modifiers)."""
        return self.predicates.get(lemma, ())

    def __len__(self) -> int:
        return sum(len(v) for v in self.predicates.values())


def _predicate(path: Path, index: int, entry: dict) -> Predicate:
    try:
        predicate = Predicate(
            lemma=entry["lemma"],
            category=entry["category"],
            mode=entry.get("mode"),
            with_=tuple(entry.get("with", ())),
            without=tuple(entry.get("without", ())),
            about_type=entry.get("about_type"),
            treaty_status=entry.get("treaty_status"),
            light=bool(entry.get("light", False)),
            partner=bool(entry.get("partner", False)),
        )
    except KeyError as e:
        raise OntologyError(f"{path}: predicate #{index} lacks field {e}") from e
    if predicate.category not in CATEGORIES:
        raise OntologyError(
            f"{path}: predicate #{index} ({predicate.lemma}) has unknown category "
            f"{predicate.category!r}; valid: {', '.join(CATEGORIES)}"
        )
    if predicate.treaty_status and predicate.treaty_status not in TREATY_STATUSES:
        raise OntologyError(
            f"{path}: predicate #{index} ({predicate.lemma}) has unknown treaty status "
            f"{predicate.treaty_status!r}; valid: {', '.join(TREATY_STATUSES)}"
        )
    return predicate


def load_lexicon_file(path: Path) -> Lexicon:
    """Load a predicate data file; errors name the file and the faulty entry.

    Raises:
        OntologyError: the file cannot be read or an entry is invalid.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise OntologyError(f"{path}: cannot read predicate lexicon: {e}") from e
    table: dict[str, list[Predicate]] = {}
    for index, entry in enumerate(data.get("predicates", [])):
        predicate = _predicate(path, index, entry)
        table.setdefault(predicate.lemma, []).append(predicate)
    # entries that require modifiers are tried before the unconditional one
    indexed = {k: tuple(sorted(v, key=lambda p: not p.with_)) for k, v in table.items()}
    return Lexicon(
        version=str(data.get("version", "0")),
        predicates=indexed,
        light_verbs=frozenset(data.get("light_verbs", ())),
        speech_verbs=frozenset(data.get("speech_verbs", ())),
        attribution_markers=tuple(data.get("attribution_markers", ())),
        future_markers=frozenset(data.get("future_markers", ())),
        hypothetical_markers=frozenset(data.get("hypothetical_markers", ())),
        historical_markers=frozenset(data.get("historical_markers", ())),
        negation_lemmas=frozenset(data.get("negation_lemmas", ())),
        consult_modes=dict(data.get("consult_modes", {})),
        treaty_status=dict(data.get("treaty_status", {})),
        visit_prefix=str(data.get("visit_prefix", "訪")),
        transparent_nouns=frozenset(data.get("transparent_nouns", ())),
        statement_nouns=frozenset(data.get("statement_nouns", ())),
        group_nouns=frozenset(data.get("group_nouns", ())),
        document_nouns=frozenset(data.get("document_nouns", ())),
        unnamed_doers=frozenset(data.get("unnamed_doers", ())),
        decision_verbs=frozenset(data.get("decision_verbs", ())),
        order_verbs=frozenset(data.get("order_verbs", ())),
        listing_nouns=frozenset(data.get("listing_nouns", ())),
        listing_verbs=frozenset(data.get("listing_verbs", ())),
        accept_lemmas=frozenset(data.get("accept_lemmas", ())),
        stance_nouns=frozenset(data.get("stance_nouns", ())),
        threat_stances=frozenset(data.get("threat_stances", ())),
        claim_words=frozenset(data.get("claim_words", ())),
        allegation_cues=frozenset(data.get("allegation_cues", ())),
        promise_verbs=frozenset(data.get("promise_verbs", ())),
        address_verbs=frozenset(data.get("address_verbs", ())),
        visit_hosts=dict(data.get("visit_hosts", {})),
        suspicion_nouns=frozenset(data.get("suspicion_nouns", ())),
        target_prefix=str(data.get("target_prefix", "対")),
        object_required=frozenset(data.get("object_required", ())),
        receive_verbs=frozenset(data.get("receive_verbs", ())),
        intent_verbs=frozenset(data.get("intent_verbs", ())),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged predicate lexicon, loaded once per process."""
    return load_lexicon_file(PREDICATES_FILE)


def _file_version() -> str:
    try:
        return str(json.loads(PREDICATES_FILE.read_text(encoding="utf-8")).get("version", "0"))
    except (OSError, json.JSONDecodeError):
        return "0"


LEXICON_VERSION: str = _file_version()
