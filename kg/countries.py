"""Country records generated from pycountry: every UN member state and the observers in the news.

pycountry gives each ISO 3166-1 country an English name (and often an official name) and,
through gettext, Japanese translations. Those names are not always the ones the news uses
(``ロシア連邦``, ``Korea, Republic of``), so the tables below give the common English and
Japanese names; pycountry's other names become aliases. The curated entries of
``kg/data/gazetteer.json`` win over these records (they are matched by ISO alpha-3 code,
see ``kg.gazetteer``). Import is cheap: pycountry is read only when
:func:`country_records` is first called.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache

from kg.model import EntityRecord

# The 193 member states of the United Nations (ISO 3166-1 alpha-3).
UN_MEMBERS: frozenset[str] = frozenset(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
    BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
    CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
    FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
    IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
    LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
    NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
    MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
    ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
    UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
    """.split()
)

# Non-member observer states of the UN General Assembly: the Holy See and Palestine.
OBSERVER_STATES: frozenset[str] = frozenset({"VAT", "PSE"})

# Polities with an ISO code that are not UN members or observers but act as states in
# international news (they sign agreements, their leaders meet others). Typed Country:
# in kg, Country means "acts as a state in the reports", not a statement on recognition.
OTHER_STATES: frozenset[str] = frozenset({"TWN"})

# Common names where pycountry's ``name`` is formal, inverted or dated: alpha-3 →
# (English, Japanese). pycountry's names stay as aliases unless listed in NOT_ALIASES.
COMMON_NAMES: dict[str, tuple[str, str]] = {
    "AUS": ("Australia", "オーストラリア"),
    "BOL": ("Bolivia", "ボリビア"),
    "BRN": ("Brunei", "ブルネイ"),
    "COD": ("Democratic Republic of the Congo", "コンゴ民主共和国"),
    "COG": ("Republic of the Congo", "コンゴ共和国"),
    "CPV": ("Cabo Verde", "カーボベルデ"),
    "DMA": ("Dominica", "ドミニカ国"),
    "ERI": ("Eritrea", "エリトリア"),
    "FSM": ("Micronesia", "ミクロネシア連邦"),
    "GEO": ("Georgia", "ジョージア"),
    "GRC": ("Greece", "ギリシャ"),
    "IRN": ("Iran", "イラン"),
    "KGZ": ("Kyrgyzstan", "キルギス"),
    "KOR": ("South Korea", "韓国"),
    "LAO": ("Laos", "ラオス"),
    "MDA": ("Moldova", "モルドバ"),
    "MNG": ("Mongolia", "モンゴル"),
    "PRK": ("North Korea", "北朝鮮"),
    "PSE": ("Palestine", "パレスチナ"),
    "RUS": ("Russia", "ロシア"),
    "SYR": ("Syria", "シリア"),
    "TUR": ("Turkey", "トルコ"),
    "TWN": ("Taiwan", "台湾"),
    "TZA": ("Tanzania", "タンザニア"),
    "VAT": ("Vatican City", "バチカン"),
    "VEN": ("Venezuela", "ベネズエラ"),
    "VNM": ("Vietnam", "ベトナム"),
}

# Keys that are not the slug of the English label (kept short and stable).
KEYS: dict[str, str] = {
    "COD": "dr-congo",
    "COG": "republic-of-the-congo",
    "VAT": "vatican",
}

# Common forms pycountry lacks (the curated file holds those of the major countries).
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "ARE": ("UAE",),
    "BIH": ("ボスニア・ヘルツェゴビナ", "ボスニア", "Bosnia"),
    "CIV": ("Ivory Coast", "Cote d'Ivoire"),
    "COD": ("DR Congo", "DRC"),
    "COG": ("Congo-Brazzaville",),
    "CPV": ("Cape Verde", "カーボヴェルデ"),
    "CZE": ("Czech Republic", "チェコ共和国"),
    "DOM": ("ドミニカ共和国",),
    "GRC": ("ギリシア",),
    "KGZ": ("キルギスタン", "Kyrgyz Republic"),
    "MKD": ("Macedonia", "マケドニア"),
    "MMR": ("Burma", "ビルマ"),
    "NLD": ("Holland",),
    "PHL": ("フィリピン共和国",),
    "SAU": ("サウジ",),
    "SWZ": ("Swaziland", "スワジランド"),
    "TLS": ("East Timor",),
    "VNM": ("Viet Nam", "ベトナム社会主義共和国"),
    "ZAF": ("南ア", "南アフリカ共和国"),
}

# pycountry forms that must not become surfaces: ambiguous between two states (the
# gazetteer's ``ambiguous`` table lists those), politically loaded, or misspelt.
NOT_ALIASES: frozenset[str] = frozenset(
    {
        "Congo",
        "コンゴ",
        "ドミニカ",
        "中国領・台湾",
        "Taiwan, Province of China",
        "タニザニア連合共和国",
        "ボスニアヘルツコビナ共和国",
        "聖庁",
        "パレスチナ自治区",  # the territories, not the state: see palestinian-territories
        "グルジア",  # the former Japanese name: kept on the curated entry, not generated twice
    }
)

# Wikidata items of states the curated file does not describe, only those known for
# certain (the curated entries carry their own QIDs).
WIKIDATA: dict[str, str] = {
    "ALB": "Q222", "AND": "Q228", "ARE": "Q878", "ARG": "Q414", "ARM": "Q399",
    "AUT": "Q40", "AZE": "Q227", "BEL": "Q31", "BGD": "Q902", "BGR": "Q219",
    "BHR": "Q398", "BIH": "Q225", "BRA": "Q155", "BRN": "Q921", "CHE": "Q39",
    "CHL": "Q298", "COL": "Q739", "CUB": "Q241", "CYP": "Q229", "CZE": "Q213",
    "DNK": "Q35", "DZA": "Q262", "EGY": "Q79", "ESP": "Q29", "EST": "Q191",
    "ETH": "Q115", "FIN": "Q33", "GRC": "Q41", "HRV": "Q224", "HUN": "Q28",
    "IDN": "Q252", "IRL": "Q27", "IRQ": "Q796", "ISL": "Q189", "JOR": "Q810",
    "KAZ": "Q232", "KEN": "Q114", "KGZ": "Q813", "KHM": "Q424", "KWT": "Q817",
    "LAO": "Q819", "LBN": "Q822", "LBY": "Q1016", "LIE": "Q347", "LKA": "Q854",
    "LTU": "Q37", "LUX": "Q32", "LVA": "Q211", "MAR": "Q1028", "MCO": "Q235",
    "MDA": "Q217", "MEX": "Q96", "MKD": "Q221", "MLT": "Q233", "MMR": "Q836",
    "MNE": "Q236", "MNG": "Q711", "MYS": "Q833", "NGA": "Q1033", "NLD": "Q55",
    "NOR": "Q20", "NPL": "Q837", "NZL": "Q664", "OMN": "Q842", "PAK": "Q843",
    "PER": "Q419", "PHL": "Q928", "POL": "Q36", "PRT": "Q45", "QAT": "Q846",
    "ROU": "Q218", "SAU": "Q851", "SDN": "Q1049", "SGP": "Q334", "SMR": "Q238",
    "SRB": "Q403", "SVK": "Q214", "SVN": "Q215", "SWE": "Q34", "THA": "Q869",
    "TJK": "Q863", "TKM": "Q874", "TUN": "Q948", "UZB": "Q265", "VEN": "Q717",
    "VNM": "Q881", "YEM": "Q805", "ZAF": "Q258",
}


def slug(name: str) -> str:
    """A lowercase ASCII key from an English name: ``"Côte d'Ivoire"`` → ``"cote-divoire"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = ascii_name.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def covered_codes() -> frozenset[str]:
    """The alpha-3 codes :func:`country_records` generates: members, observers, others."""
    return UN_MEMBERS | OBSERVER_STATES | OTHER_STATES


def _clean(form: str | None) -> str | None:
    """A usable surface form, or ``None``: drops inverted names (``Korea, Republic of``),
    parenthesised glosses (``大韓民国 (韓国)`` → ``大韓民国``) and a leading "the"."""
    if not form:
        return None
    form = re.split(r"\s*[((]", form, maxsplit=1)[0].strip()
    if form.startswith("the "):
        form = form[4:]
    if "," in form or "、" in form or form in NOT_ALIASES:
        return None
    return form or None


@lru_cache(maxsize=1)
def country_records() -> tuple[EntityRecord, ...]:
    """One ``Country`` record per covered ISO code, with English and Japanese names.

    Returns:
        Records sorted by key; ``iso3`` is set on each, ``wikidata`` where known.
    """
    import pycountry  # deferred: reading its database is the costly part

    try:
        japanese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
        translate = japanese.gettext
    except OSError:  # a pycountry build without locales: English names only
        translate = str
    records = []
    for code in sorted(covered_codes()):
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            continue
        english = [
            getattr(country, "common_name", None),
            country.name,
            getattr(country, "official_name", None),
        ]
        japanese_forms = [translate(form) for form in english if form]
        japanese_forms = [form for form in japanese_forms if form not in english]
        label_en, label_ja = COMMON_NAMES.get(
            code, (_clean(english[0]) or _clean(country.name) or country.name, "")
        )
        if not label_ja:
            label_ja = next((f for f in map(_clean, japanese_forms) if f), label_en)
        aliases: list[str] = []
        for form in (*english, *japanese_forms, *EXTRA_ALIASES.get(code, ())):
            cleaned = _clean(form)
            if cleaned and cleaned not in (label_en, label_ja) and cleaned not in aliases:
                aliases.append(cleaned)
        records.append(
            EntityRecord(
                key=KEYS.get(code, slug(label_en)),
                type="Country",
                label_ja=label_ja,
                label_en=label_en,
                aliases=tuple(aliases),
                wikidata=WIKIDATA.get(code),
                iso3=code,
            )
        )
    return tuple(sorted(records, key=lambda record: record.key))
