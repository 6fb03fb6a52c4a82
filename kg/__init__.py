"""kg: news articles about international politics → a knowledge graph of actors, treaties and PLOVER events.

Importing ``kg`` loads nothing heavy; GiNZA is loaded on first use by ``kg.nlp.load_nlp``.
"""

from __future__ import annotations

__version__ = "0.1.0"
