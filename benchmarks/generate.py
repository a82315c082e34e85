"""A deterministic corpus of synthetic diplomatic news, in the shapes the ingester accepts.

    python benchmarks/generate.py --size 10000 --out benchmarks/out/corpus-10000 --seed 7

Most articles are plain text wrapped in site chrome like the seeds (menus, captions with
credits, "Other News" lists); some are HTML pages and some are RSS feeds of several entries.
People come from per-country name tables, so there are thousands of them, with diacritic,
ASCII and short-name variants; organisations are defined with their acronym in some articles
and used bare in others; a share of stories are retold, lightly reworded, by other outlets.
Files are written as they are made: memory stays flat whatever the size. Next to the
articles, `manifest.json` lists the people, acronyms and terms the benchmark queries.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from benchmarks.story_detail import Cast, detail, target_length
from briefings.folding import fold_diacritics

FEED_ENTRIES = 5
HTML_SHARE = 0.1
FEED_SHARE = 0.1
RETOLD_SHARE = 0.15
FIRST_DAY = date(2025, 1, 1)
DAYS = 365
_RECENT_STORIES = 64

# Family names, given-name syllables and the order a full name is written in, per country.
_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "Vietnam": (
        ("Nguyễn", "Trần", "Lê", "Phạm", "Bùi", "Đặng", "Vũ", "Hoàng", "Đỗ", "Ngô", "Dương"),
        (
            "Thanh",
            "Bình",
            "Minh",
            "Sơn",
            "Quốc",
            "Hải",
            "Văn",
            "Thị",
            "Hùng",
            "Long",
            "Đức",
            "Trọng",
            "Khánh",
            "Phúc",
            "Tuấn",
            "Lan",
            "Hương",
            "Chính",
            "Vượng",
            "Thắng",
        ),
        "family-first",
    ),
    "Russia": (
        ("Lav", "Shoi", "Zakha", "Rudn", "Naryshk", "Peskov", "Volod", "Kozl", "Gerasim"),
        ("Sergey", "Andrey", "Maria", "Dmitry", "Igor", "Oleg", "Yuri", "Anna", "Mikhail"),
        "russian",
    ),
    "China": (
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Zhao", "Sun", "Ma", "Hu", "Guo", "Xie"),
        ("Yi", "Qiang", "Wei", "Jun", "Ning", "Hua", "Ming", "Tao", "Lei", "Fang", "Jian"),
        "family-first-short",
    ),
    "Indonesia": (
        ("Marsudi", "Sugiono", "Widodo", "Prabowo", "Hartono", "Santoso", "Wibowo"),
        ("Retno", "Budi", "Sri", "Agus", "Dewi", "Teguh", "Rizal", "Ayu"),
        "given-first",
    ),
    "Japan": (
        ("Kamikawa", "Hayashi", "Motegi", "Iwaya", "Suzuki", "Takahashi", "Watanabe"),
        ("Yoko", "Yoshimasa", "Toshimitsu", "Takeshi", "Hiroshi", "Kenji", "Akiko"),
        "given-first",
    ),
    "India": (
        ("Jaishankar", "Sharma", "Singh", "Iyer", "Menon", "Gupta", "Rao", "Kapoor"),
        ("Subrahmanyam", "Vikram", "Priya", "Arjun", "Anil", "Kavita", "Rahul"),
        "given-first",
    ),
    "Philippines": (
        ("Manalo", "Lazaro", "Reyes", "Santos", "Cruz", "Bautista", "Garcia"),
        ("Enrique", "Maria", "Theresa", "Jose", "Ramon", "Carmela", "Paolo"),
        "given-first",
    ),
    "France": (
        ("Barrot", "Durand", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fournier"),
        ("Jean-Noël", "Hélène", "Émile", "Camille", "Étienne", "Chloé", "Rémi"),
        "given-first",
    ),
}
_RUSSIAN_ENDINGS = ("ov", "ev", "in", "enko", "sky", "ikov")
_COUNTRY_ADJECTIVE = {
    "Vietnam": "Vietnamese",
    "Russia": "Russian",
    "China": "Chinese",
    "Indonesia": "Indonesian",
    "Japan": "Japanese",
    "India": "Indian",
    "Philippines": "Philippine",
    "France": "French",
}
_CAPITALS = {
    "Vietnam": "Hà Nội",
    "Russia": "Moscow",
    "China": "Beijing",
    "Indonesia": "Jakarta",
    "Japan": "Tokyo",
    "India": "New Delhi",
    "Philippines": "Manila",
    "France": "Paris",
}
_ROLES = (
    "Foreign Minister",
    "Deputy Foreign Minister",
    "Prime Minister",
    "Minister of Defence",
    "Minister of Industry and Trade",
    "Ambassador",
    "Foreign Ministry spokesperson",
    "President",
)
_ORG_HEADS = ("Council", "Commission", "Forum", "Committee", "Centre", "Fund", "Initiative")
_ORG_TOPICS = (
    "Maritime Cooperation",
    "Trade Facilitation",
    "Energy Transition",
    "Digital Economy",
    "Food Security",
    "Disaster Relief",
    "Mekong Water Resources",
    "Customs Modernisation",
    "Public Health Preparedness",
    "Cyber Security",
    "Rice Export",
    "Labour Mobility",
)
_ORG_REGIONS = ("Asia-Pacific", "ASEAN", "Mekong", "Indo-Pacific", "East Asia", "Eurasian")
_TOPICS = (
    "the South China Sea",
    "the conflict in Ukraine",
    "rice exports",
    "the East Sea",
    "semiconductor supply chains",
    "visa exemptions",
    "the Mekong drought",
    "nuclear power cooperation",
    "climate finance",
    "fisheries disputes",
    "the code of conduct",
    "vaccine production",
)
_EVENTS = (
    ("held phone talks with", "phone call"),
    ("met with", "meeting"),
    ("held talks with", "talks"),
    ("received", "reception"),
)
_OUTLETS = (
    ("VNA", "Vietnam News Agency"),
    ("VNS", "Viet Nam News"),
    ("TTXVN", "Thông tấn xã Việt Nam"),
    ("AP", "The Associated Press"),
    ("Reuters", "Reuters"),
    ("TASS", "TASS"),
    ("Xinhua", "Xinhua"),
    ("Antara", "Antara"),
)
_REWORDING = {
    "stressed": "underlined",
    "affirmed": "reaffirmed",
    "agreed": "concurred",
    "said": "noted",
    "bolster": "strengthen",
    "cooperation": "collaboration",
    "expressed": "voiced",
    "proposed": "suggested",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True)
class Person:
    name: str
    family: str
    country: str
    role: str

    @property
    def short(self) -> str:
        """How follow-up sentences name them: the given name in Vietnam, else the family."""
        return self.name.split()[-1] if self.country == "Vietnam" else self.family


@dataclass(frozen=True)
class Organisation:
    name: str
    acronym: str


@dataclass(frozen=True)
class Story:
    """What one article reports; retold stories share it, with another outlet's wording."""

    seed: int
    host: Person
    guest: Person
    verb: str
    kind: str
    day: date
    topic: str
    organisation: Organisation


# -- people and organisations -----------------------------------------------------------


def people(rng: random.Random, count: int) -> list[Person]:
    """`count` distinct people spread over the countries, each with a role."""
    found: dict[str, Person] = {}
    countries = sorted(_NAMES)
    while len(found) < count:
        country = rng.choice(countries)
        name, family = _full_name(rng, country)
        found.setdefault(name, Person(name, family, country, rng.choice(_ROLES)))
    return list(found.values())


def _full_name(rng: random.Random, country: str) -> tuple[str, str]:
    families, givens, order = _NAMES[country]
    family = rng.choice(families)
    if order == "russian":
        family += rng.choice(_RUSSIAN_ENDINGS)
        return f"{rng.choice(givens)} {family}", family
    if order == "family-first":
        middle, given = rng.sample(givens, 2)
        return f"{family} {middle} {given}", family
    if order == "family-first-short":
        return f"{family} {''.join(rng.sample(givens, rng.choice((1, 2)))).capitalize()}", family
    return f"{rng.choice(givens)} {family}", family


def organisations(rng: random.Random, count: int) -> list[Organisation]:
    """Organisations whose acronym is the initials of their name's capitalised words."""
    found: dict[str, Organisation] = {}
    while len(found) < count:
        words = f"{rng.choice(_ORG_REGIONS)} {rng.choice(_ORG_TOPICS)} {rng.choice(_ORG_HEADS)}"
        acronym = "".join(w[0] for w in words.replace("-", " ").split() if w[0].isupper())
        found.setdefault(acronym, Organisation(words, acronym))
    return list(found.values())


# -- stories and their wording ------------------------------------------------------------


class Corpus:
    """Draws stories: popular people often, most people now and then (roughly Zipf)."""

    def __init__(self, seed: int, size: int) -> None:
        self.rng = random.Random(seed)
        self.people = people(self.rng, 2000 + size // 50)
        self.organisations = organisations(self.rng, 150)
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.people))]
        self.recent: list[Story] = []
        self.mentioned: Counter[str] = Counter()
        # Characters of article text (paragraphs joined, no chrome): how many articles had each.
        self.lengths: Counter[int] = Counter()

    def story(self) -> tuple[Story, bool]:
        """The next story, and whether it retells a recent one."""
        if self.recent and self.rng.random() < RETOLD_SHARE:
            return self.rng.choice(self.recent), True
        host, guest = self._pair()
        verb, kind = self.rng.choice(_EVENTS)
        day = FIRST_DAY + timedelta(days=self.rng.randrange(DAYS))
        topic, organisation = self.rng.choice(_TOPICS), self.rng.choice(self.organisations)
        story = Story(self.rng.getrandbits(32), host, guest, verb, kind, day, topic, organisation)
        self.recent = [*self.recent[-_RECENT_STORIES + 1 :], story]
        self.mentioned.update((host.name, guest.name))
        return story, False

    def _pair(self) -> tuple[Person, Person]:
        while True:
            host, guest = self.rng.choices(self.people, self.weights, k=2)
            if host.country != guest.country:
                return host, guest


def title(story: Story) -> str:
    return (
        f"{_COUNTRY_ADJECTIVE[story.host.country]}, {_COUNTRY_ADJECTIVE[story.guest.country]}"
        f" officials discuss {story.topic.removeprefix('the ')}"
    )


def body(story: Story, outlet: str, retold: bool, rng: random.Random) -> list[str]:
    """The story's paragraphs, as long as real news; a retelling rewords a few verbs and
    drops one paragraph."""
    host, guest, org = story.host, story.guest, story.organisation
    spelled = _spelling(host, outlet)
    when = f"{_MONTHS[story.day.month - 1]} {story.day.day}"
    opening = [
        f"{_dateline(story, outlet)}{_COUNTRY_ADJECTIVE[host.country]} {host.role} {spelled}"
        f" {story.verb} {_COUNTRY_ADJECTIVE[guest.country]} {guest.role} {guest.name}"
        f" in {_CAPITALS[host.country]} on {when}, {story.day.year}.",
        f"{host.short} stressed that both sides should bolster cooperation on {story.topic}"
        f" and affirmed that disputes must be settled by peaceful means.",
        f"For his part, {guest.short} said {guest.country} agreed to work with"
        f" {host.country} through the {org.name} ({org.acronym}).",
    ]
    closing = [
        f"The two sides also expressed support for the {org.acronym} work plan and proposed"
        f" a follow-up meeting on {_MONTH_NAMES[(story.day.month + 1) % 12]} {story.day.day}.",
        f"{host.short} invited {guest.short} to visit {host.country} at a convenient time,"
        f" and the invitation was accepted, the {host.country} ministry said.",
    ]
    paragraphs = [*opening, *_detail(story), *closing]
    if retold:
        paragraphs = [_reword(p) for p in paragraphs]
        del paragraphs[rng.randrange(1, len(paragraphs))]
    return paragraphs


def _detail(story: Story) -> list[str]:
    # Drawn from the story's own seed, so every retelling carries the same detail.
    rng = random.Random(story.seed)
    analyst, _ = _full_name(rng, rng.choice(sorted(_NAMES)))
    cast = Cast(
        host=story.host.short,
        guest=story.guest.short,
        host_country=story.host.country,
        guest_country=story.guest.country,
        host_adjective=_COUNTRY_ADJECTIVE[story.host.country],
        topic=story.topic,
        topics=_TOPICS,
        organisation=story.organisation.name,
        acronym=story.organisation.acronym,
        year=story.day.year,
        analyst=analyst,
    )
    # The opening and closing paragraphs hold about 730 characters between them.
    return detail(cast, rng, target_length(rng) - 730)


def _spelling(person: Person, outlet: str) -> str:
    # Vietnamese outlets keep the diacritics; foreign wires drop them, as the seeds show.
    return person.name if outlet in {"VNS", "TTXVN"} else fold_diacritics(person.name)


def _dateline(story: Story, outlet: str) -> str:
    city = _CAPITALS[story.host.country]
    if outlet == "VNA":
        return (
            f"{fold_diacritics(city)}, {_MONTH_NAMES[story.day.month - 1]} {story.day.day} (VNA) – "
        )
    return f"{city.upper()} — "


def _reword(paragraph: str) -> str:
    for word, other in _REWORDING.items():
        paragraph = paragraph.replace(f" {word} ", f" {other} ")
    return paragraph


# -- site chrome ---------------------------------------------------------------------------

# With --outlet-chrome, each outlet closes its stories with a line of its own, stamped with
# the article's figures, as real sites do (promos, newsletter boxes, desk notes); no rule of
# cleaning.py knows these wordings, so only their repetition across an outlet's stories
# tells them apart (briefings/repetition.py). `{outlet}`, `{n}`, `{m}`, `{day}` vary.
OUTLET_CHROME = (
    "{outlet} Plus members read this story {n} hours before everyone else; join from {m} dollars.",
    "Get the {outlet} morning brief: {n} stories in your inbox before {m}:00, every weekday.",
    "Translated by the {outlet} foreign desk and checked on {day}; {n} readers found it useful.",
    "The {outlet} app had {n} updates today, {m} of them from our regional bureaus.",
    "Tips for the {outlet} newsroom: call {n} {m} or write to us at any hour of the day.",
    "{outlet} archive: {n} related reports since {day}, {m} of them with photo galleries.",
    "Listen to this report: {m} minutes, read by the {outlet} audio team on {day}.",
    "This story is part of {outlet} coverage of regional diplomacy ({n} articles so far).",
)


def outlet_chrome(outlet: str, story: Story, number: int) -> str:
    """The closing line `outlet` stamps under article `number`."""
    index = next(i for i, (short, _) in enumerate(_OUTLETS) if short == outlet)
    return OUTLET_CHROME[index].format(
        outlet=outlet,
        n=100 + (story.seed * 7 + number * 13) % 900,
        m=2 + (story.seed + number) % 9,
        day=f"{_MONTH_NAMES[story.day.month - 1]} {story.day.day}, {story.day.year}",
    )


def chrome_text(story: Story, paragraphs: Sequence[str], outlet: str, others: Sequence[str]) -> str:
    """A plain-text page as copied from a news site: menu, caption, body, other news."""
    caption = (
        f"{fold_diacritics(story.host.name)} (R) and {story.guest.name} (L)"
        f" during the {story.kind}. Photo: {outlet} |"
    )
    lines = [
        "Home | Politics | Diplomacy | Business | Society | World",
        title(story),
        f"{story.day.isoformat()} 09:{story.seed % 60:02d} GMT+7",
        caption,
        *paragraphs,
        "Share on Facebook | Tweet | Print",
        "Other News",
        *(f"- {other}" for other in others),
        "Trending",
        f"© {story.day.year} {outlet}. All rights reserved.",
    ]
    return "\n".join(lines) + "\n"


def html_page(story: Story, paragraphs: Sequence[str], outlet: str, others: Sequence[str]) -> str:
    items = "".join(f"<li><a href='/news/{i}'>{escape(o)}</a></li>" for i, o in enumerate(others))
    text = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(title(story))} | {outlet}</title>"
        f'<meta property="article:published_time" content="{story.day.isoformat()}T08:00:00Z">'
        f'<meta property="og:site_name" content="{outlet}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/politics'>Politics</a></nav>"
        f"<article><h1>{escape(title(story))}</h1>"
        f"<figure><figcaption>{escape(story.guest.name)} arrives. (Photo: {outlet})</figcaption>"
        f"</figure>{text}</article><aside><h2>Other News</h2><ul>{items}</ul></aside>"
        f"<footer>© {story.day.year} {outlet}</footer></body></html>\n"
    )


def feed_item(story: Story, paragraphs: Sequence[str], outlet: str, number: int) -> str:
    published = datetime(story.day.year, story.day.month, story.day.day, 8, tzinfo=UTC)
    content = escape("".join(f"<p>{p}</p>" for p in paragraphs))
    return (
        f"<item><title>{escape(title(story))}</title>"
        f"<link>https://{outlet.lower()}.example/news/{number}</link>"
        f"<guid>https://{outlet.lower()}.example/news/{number}</guid>"
        f"<pubDate>{format_datetime(published)}</pubDate>"
        f"<description>{content}</description></item>"
    )


def feed(outlet: str, items: Sequence[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{outlet} diplomacy</title><link>https://{outlet.lower()}.example/</link>"
        f"{''.join(items)}</channel></rss>\n"
    )


# -- writing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    articles: int
    files: int


def generate(size: int, out: Path, seed: int, with_outlet_chrome: bool = False) -> Written:
    """Write `size` articles under `out` and the manifest of what they mention; with
    `with_outlet_chrome`, each story ends with its outlet's own line (OUTLET_CHROME)."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(seed, size)
    files = 0
    for name, text in _files(corpus, size, with_outlet_chrome):
        (out / name).write_text(text, encoding="utf-8")
        files += 1
    (out / "manifest.json").write_text(json.dumps(_manifest(corpus), ensure_ascii=False))
    return Written(size, files)


def _files(corpus: Corpus, size: int, with_outlet_chrome: bool) -> Iterator[tuple[str, str]]:
    rng, number, pending = corpus.rng, 0, []
    while number < size:
        story, retold = corpus.story()
        outlet = rng.choice(_OUTLETS)[0]
        paragraphs = body(story, outlet, retold, rng)
        corpus.lengths[len("\n\n".join(paragraphs))] += 1
        shape = rng.random()
        number += 1
        if with_outlet_chrome:
            paragraphs.append(outlet_chrome(outlet, story, number))
        if shape < FEED_SHARE:
            pending.append(feed_item(story, paragraphs, outlet, number))
            if len(pending) == FEED_ENTRIES:
                yield f"{number:07d}.xml", feed(outlet, pending)
                pending = []
            continue
        others = [title(s) for s in corpus.recent[-5:]]
        if shape < FEED_SHARE + HTML_SHARE:
            yield f"{number:07d}.html", html_page(story, paragraphs, outlet, others)
        else:
            yield f"{number:07d}.txt", chrome_text(story, paragraphs, outlet, others)
    if pending:
        yield f"{number:07d}.xml", feed("VNA", pending)


def _manifest(corpus: Corpus) -> dict[str, object]:
    frequent = [name for name, _ in corpus.mentioned.most_common(300)]
    by_name = {p.name: p for p in corpus.people}
    return {
        "people": [
            {
                "name": name,
                "ascii": fold_diacritics(name),
                "short": by_name[name].short,
                "country": by_name[name].country,
                "role": by_name[name].role,
            }
            for name in frequent
        ],
        "acronyms": [o.acronym for o in corpus.organisations],
        "organisations": [o.name for o in corpus.organisations],
        "topics": [t.removeprefix("the ") for t in _TOPICS],
        "first_day": FIRST_DAY.isoformat(),
        "days": DAYS,
        "article_chars": article_chars(corpus.lengths),
    }


def article_chars(lengths: Counter[int]) -> dict[str, int]:
    """The median, mean, shortest and longest article text, in characters."""
    count = lengths.total()
    seen, median = 0, 0
    for length in sorted(lengths):
        seen += lengths[length]
        if seen * 2 >= count:
            median = length
            break
    mean = sum(length * times for length, times in lengths.items()) / max(count, 1)
    return {"median": median, "mean": round(mean), "min": min(lengths), "max": max(lengths)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="articles to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--outlet-chrome", action="store_true", help="end each story with its outlet's own line"
    )
    args = parser.parse_args(argv)
    written = generate(args.size, args.out, args.seed, args.outlet_chrome)
    chars = json.loads((args.out / "manifest.json").read_text())["article_chars"]
    print(
        f"{written.articles} articles in {written.files} files under {args.out};"
        f" article text median {chars['median']:,} characters, mean {chars['mean']:,}"
    )


if __name__ == "__main__":
    main()
