"""The PLOVER event categories kg emits: quad class, Goldstein-like score, ontology class."""

from __future__ import annotations

from typing import Final

VERBAL_COOPERATION: Final = "verbal_cooperation"
MATERIAL_COOPERATION: Final = "material_cooperation"
VERBAL_CONFLICT: Final = "verbal_conflict"
MATERIAL_CONFLICT: Final = "material_conflict"

# category -> (quad class, score, ontology class local name)
CATEGORIES: Final[dict[str, tuple[str, float, str]]] = {
    "AGREE": (VERBAL_COOPERATION, 4.2, "Agree"),
    "CONSULT": (VERBAL_COOPERATION, 2.1, "Consult"),
    "SUPPORT": (VERBAL_COOPERATION, 4.6, "Support"),
    "CONCEDE": (VERBAL_COOPERATION, 5.0, "Concede"),
    "COOPERATE": (MATERIAL_COOPERATION, 6.8, "Cooperate"),
    "AID": (MATERIAL_COOPERATION, 7.4, "Aid"),
    "RETREAT": (MATERIAL_COOPERATION, 7.6, "Retreat"),
    "REQUEST": (VERBAL_CONFLICT, -3.0, "Request"),
    "DEMAND": (VERBAL_CONFLICT, -5.0, "Demand"),
    "ACCUSE": (VERBAL_CONFLICT, -2.0, "Accuse"),
    "REJECT": (VERBAL_CONFLICT, -4.2, "Reject"),
    "THREATEN": (VERBAL_CONFLICT, -5.1, "Threaten"),
    "PROTEST": (MATERIAL_CONFLICT, -6.6, "Protest"),
    "SANCTION": (MATERIAL_CONFLICT, -5.2, "Sanction"),
    "MOBILIZE": (MATERIAL_CONFLICT, -5.3, "Mobilize"),
    "COERCE": (MATERIAL_CONFLICT, -7.2, "Coerce"),
    "ASSAULT": (MATERIAL_CONFLICT, -9.3, "Assault"),
}

CONTEXTS_GRAMMATICAL: Final = ("future", "negation", "hypothetical", "historical")

TREATY_STATUSES: Final = (
    "signed",
    "ratified",
    "entered_into_force",
    "extended",
    "expired",
    "withdrawn",
    "suspended",
)


def quad_class(category: str) -> str:
    """The PLOVER quad class of a category (``verbal_cooperation`` …)."""
    return CATEGORIES[category][0]


def class_name(category: str) -> str:
    """The ontology class local name for a PLOVER category (``AGREE`` → ``Agree``)."""
    return CATEGORIES[category][2]
