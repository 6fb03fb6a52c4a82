"""Synthetic Japanese news articles for benchmarks: any number, offline, deterministic by seed.

Each article has the shape of a saved news page as text (section furniture, headline,
date line, an optional photo caption, a wire dateline opening the body, 800–3000
characters of body, a ranking box at the end). Actors, treaties and places are drawn
from kg's gazetteer; the sentences come from the templates below, written for this
benchmark, so extraction finds mentions and PLOVER events in them as in real reports.

    python bench/corpus.py OUT_DIR -n 1000 --seed 1
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

# Office (English, as in the gazetteer) → the title a Japanese report writes after the name.
TITLES: dict[str, str] = {
    "Spokes": "報道官",
    "Press Secretary": "報道官",
    "Vice President": "副大統領",
    "President": "大統領",
    "Prime Minister": "首相",
    "Premier": "首相",
    "Chancellor": "首相",
    "Deputy Secretary of State": "国務副長官",
    "Secretary of State": "国務長官",
    "Secretary of Defense": "国防長官",
    "Foreign Secretary": "外相",
    "Deputy Minister of Foreign": "外務次官",
    "Foreign Affairs": "外相",
    "General Secretary": "総書記",
    "Chief Cabinet Secretary": "官房長官",
}
# Country key → the short prefix written before a title (米大統領, ロシアの…).
SHORT: dict[str, str] = {
    "united-states": "米", "russia": "ロシアの", "china": "中国の", "japan": "",
    "united-kingdom": "英", "france": "仏", "germany": "独", "ukraine": "ウクライナの",
    "north-korea": "北朝鮮の", "south-korea": "韓国の",
}
TOPICS = (
    "サイバーセキュリティ", "核軍縮", "人権問題", "ウクライナ情勢", "エネルギー安全保障",
    "気候変動", "台湾海峡の安定", "北朝鮮の核・ミサイル開発", "食料危機", "難民問題",
    "経済制裁", "半導体の輸出規制", "海洋安全保障", "宇宙空間の利用",
)
WEEKDAYS = "月火水木金土日"

# One event each; {a} and {b} are actors, {t} a treaty, {p} a place, {d} a day, {x} a topic.
EVENT_SENTENCES = (
    "{a}と{b}は{d}、{p}で会談し、{x}について意見を交わした。",
    "{a}は{d}、{b}と{x}をめぐる協議を開始することで合意した。",
    "{a}は{d}、{t}の延長で{b}と合意したと発表した。",
    "{a}は{d}、{b}による{x}への対応を強く非難した。",
    "{a}は{b}に対し、{x}を理由とする追加制裁を科すと発表した。",
    "{a}は{d}、{t}からの脱退を表明した。",
    "{a}は{d}、{t}に署名した。",
    "{a}は{b}の{x}に関する取り組みを支持すると述べた。",
    "{a}は{d}、{b}が挑発を続ければ相応の措置を取ると警告した。",
    "{a}は{d}、{b}の提案を拒否したと明らかにした。",
    "{a}は{d}、{b}に{x}の分野で支援を行うと表明した。",
    "{a}は{d}、{b}を訪問し、{x}について協議した。",
    "{a}は{d}、{b}の外交官を国外追放すると発表した。",
    "{a}は{d}、{b}に対話の再開を呼びかけた。",
)
FILLER_SENTENCES = (
    "会談は約{n}時間に及んだ。",
    "関係者によると、協議は今後も続く見通しだ。",
    "専門家は{x}をめぐる緊張が当面続くとみている。",
    "両国の関係は近年、{x}をめぐって冷え込んでいた。",
    "市場では{x}への懸念から慎重な見方が広がった。",
    "記者会見では{x}に関する質問が相次いだ。",
    "今回の動きは{n}年ぶりとなる。",
    "同氏は詳細には触れなかった。",
)
FURNITURE_HEAD = ("ニュース速報", "ワールド")
FURNITURE_TAIL = ("ロイター", "", "人気ランキング", "1", "ある芸能人の話題", "2",
                  "株価が急落した理由", "3", "週末の天気")


@dataclass(frozen=True)
class Actor:
    """How an actor is written: the full form (with title) and a short form for headlines."""

    full: str
    short: str


def _actors() -> tuple[list[Actor], list[str], list[str]]:
    """Actors, treaties and places from the gazetteer, as a report would write them."""
    from kg.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    actors: list[Actor] = []
    treaties: list[str] = []
    places: list[str] = []
    for record in gazetteer.entities.values():
        if record.type == "Person" and record.country in SHORT and record.office:
            title = next((t for k, t in TITLES.items() if k in record.office), None)
            name = next((a for a in record.aliases if not a.isascii() and "・" not in a),
                        record.label_ja)
            if title:
                actors.append(Actor(f"{SHORT[record.country]}{name}{title}", name))
        elif record.type in ("Country", "Organization") and record.label_ja:
            short = next((a for a in record.aliases if not a.isascii()), record.label_ja)
            if record.type == "Organization" or record.key in SHORT:
                actors.append(Actor(record.label_ja, short))
        elif record.type == "Treaty":
            treaties.append(next((a for a in record.aliases if not a.isascii()),
                                 record.label_ja))
        elif record.type == "Place":
            places.append(record.label_ja)
    return actors, treaties, places


class CorpusWriter:
    """Writes synthetic articles; the same seed gives the same articles, byte for byte."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.actors, self.treaties, self.places = _actors()

    def article(self, index: int) -> str:
        """The text of article number ``index`` (independent of the others)."""
        rng = random.Random(f"{self.seed}:{index}")
        published = datetime(2019, 1, 1) + timedelta(minutes=rng.randrange(60 * 24 * 365 * 6))
        day = (published - timedelta(days=rng.choice((0, 1, 1, 1)))).day
        place = rng.choice(self.places)
        a, b = rng.sample(self.actors, 2)
        target = rng.randint(800, 3000)

        def sentence(pool: tuple[str, ...], a: Actor, b: Actor) -> str:
            when = rng.choice((f"{day}日", f"{day}日", f"{published.month}月{day}日", "同日"))
            return rng.choice(pool).format(
                a=a.full, b=b.full, t=rng.choice(self.treaties), p=rng.choice(self.places),
                d=when, x=rng.choice(TOPICS), n=rng.randint(2, 40))

        lead = sentence(EVENT_SENTENCES[:3], a, b)
        body: list[str] = []
        size = len(lead)
        paragraph: list[str] = []
        while size < target:
            if rng.random() < 0.6:
                x, y = (a, b) if rng.random() < 0.5 else tuple(rng.sample(self.actors, 2))
                text = sentence(EVENT_SENTENCES, x, y)
            else:
                text = sentence(FILLER_SENTENCES, a, b)
            paragraph.append(text)
            size += len(text)
            if len(paragraph) >= rng.randint(2, 4):
                body.append("".join(paragraph))
                paragraph = []
        if paragraph:
            body.append("".join(paragraph))
        headline = f"{a.short}と{b.short}、{rng.choice(TOPICS)}で{rng.choice(('協議', '対立', '合意', '応酬'))}"
        stamp = (f"{published:%Y年%m月%d日}({WEEKDAYS[published.weekday()]})"
                 f"{published:%H時%M分}")
        lines = [*FURNITURE_HEAD, headline, stamp]
        if rng.random() < 0.5:
            lines.append(f"{a.short}氏。{published.month}月{day}日撮影({published.year}年 ロイター)")
        lines.append(f"[{place} {day}日 ロイター] - {lead}")
        lines += body
        lines += FURNITURE_TAIL
        return "\n\n".join(lines) + "\n"

    def articles(self, n: int) -> Iterator[tuple[str, str]]:
        """``(file name, text)`` of articles 0 … n-1."""
        for index in range(n):
            yield f"bench_{self.seed}_{index:07d}.txt", self.article(index)

    def write(self, directory: str | Path, n: int) -> list[Path]:
        """Write ``n`` articles into ``directory`` (created if missing); returns the paths."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, text in self.articles(n):
            path = out / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths


def write_corpus(directory: str | Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` synthetic articles into ``directory``; the same seed gives the same files."""
    return CorpusWriter(seed).write(directory, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory to write the articles into")
    parser.add_argument("-n", type=int, default=100, help="number of articles (default 100)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.n, args.seed)
    print(f"wrote {len(paths)} articles into {args.out}")


if __name__ == "__main__":
    main()
