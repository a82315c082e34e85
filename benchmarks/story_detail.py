"""The paragraphs that make a generated story as long as real news, drawn from tables.

A wire story on a ministers' meeting is rarely five sentences: it quotes the people in it,
gives trade and aid figures with their years, recalls the background, says what the
organisation involved is, mentions other countries and topics, and ends on what comes next.
Each kind of paragraph here is written from a few sentence shapes whose slots are filled
from sizeable tables, so that stories share topic words the way news does while their
wording, and so their five-word shingles, mostly differ. Everything is drawn from one
`random.Random` seeded by the story, so a retelling carries the same detail.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Article text (the paragraphs, without chrome), in characters: real news pages have a
# median near 3,000 and a long tail; a log-normal around it, clipped, gives that spread.
MEDIAN_CHARS = 2900
SPREAD = 0.42
SHORTEST, LONGEST = 1200, 6500

OTHER_COUNTRIES = (
    "Thailand", "Malaysia", "Singapore", "Cambodia", "Laos", "Myanmar", "Brunei",
    "South Korea", "Australia", "New Zealand", "the United States", "Canada", "Germany",
    "the United Kingdom", "Italy", "Brazil", "Mexico", "Turkey", "Saudi Arabia",
    "the United Arab Emirates", "Egypt", "South Africa", "Nigeria", "Kazakhstan",
    "Mongolia", "Pakistan", "Bangladesh", "Sri Lanka", "Timor-Leste", "Chile",
)  # fmt: skip
CITIES = (
    "Geneva", "Vientiane", "Kuala Lumpur", "Bangkok", "Singapore", "Phnom Penh", "Seoul",
    "Canberra", "Brussels", "Vienna", "New York", "Doha", "Astana", "Dhaka", "Colombo",
    "Osaka", "Da Nang", "Hải Phòng", "Cần Thơ", "Surabaya", "Cebu", "Mumbai", "Chennai",
    "Vladivostok", "Kazan", "Shanghai", "Guangzhou", "Kunming", "Lyon", "Marseille",
)  # fmt: skip
GOODS = (
    ("rice", "tonnes"), ("coffee", "tonnes"), ("crude oil", "barrels"),
    ("liquefied natural gas", "tonnes"), ("fertiliser", "tonnes"), ("coal", "tonnes"),
    ("steel", "tonnes"), ("seafood", "tonnes"), ("cashew nuts", "tonnes"),
    ("wheat", "tonnes"), ("rubber", "tonnes"), ("timber", "cubic metres"),
    ("electronic components", "units"), ("textiles", "containers"), ("pepper", "tonnes"),
    ("palm oil", "tonnes"), ("garments", "containers"), ("solar panels", "units"),
)  # fmt: skip
SECTORS = (
    "agriculture", "renewable energy", "education", "health care", "infrastructure",
    "tourism", "logistics", "shipbuilding", "telecommunications", "defence industry",
    "aviation", "banking", "mining", "pharmaceuticals", "water management",
    "vocational training", "space technology", "forestry", "railways", "port development",
)  # fmt: skip
PROJECTS = (
    "a deep-water port", "a rail link", "a hydropower dam", "an offshore wind farm",
    "a cross-border economic zone", "a vaccine plant", "a satellite ground station",
    "a rice research centre", "a coastal highway", "a liquefied gas terminal",
    "an industrial park", "a submarine cable", "a flood warning network", "a metro line",
)  # fmt: skip
INSTITUTES = (
    "Institute of Southeast Asian Studies", "Centre for Strategic Studies",
    "Diplomatic Academy", "Institute of International Relations", "Lowy Institute",
    "Institute for Policy Research", "Maritime Studies Centre", "Asia Research Institute",
    "Foreign Policy Council", "Institute of World Economy", "Regional Security Forum",
)  # fmt: skip
SAYING = (
    "told reporters", "said at a press conference", "told state television",
    "said in a statement", "told the news agency", "said after the talks",
    "wrote on social media", "told a briefing", "said in an interview",
)  # fmt: skip
HOPES = (
    "We want this relationship to deliver results that ordinary people can see",
    "Our two countries have never been closer, and there is much more we can do",
    "Dialogue is the only way forward, and we will keep every channel open",
    "Trust is built step by step, through projects and not only through words",
    "We share an interest in a region that is stable, open and prosperous",
    "This visit opens a new chapter, and we intend to make full use of it",
    "Nobody gains from confrontation, least of all the countries of this region",
    "The agreements signed today will be carried out without delay",
    "We have been partners for decades and we will remain partners",
    "There were differences, but we discussed them frankly and respectfully",
    "Our businesses are ready, and governments must now remove the obstacles",
    "We will not let short-term difficulties overshadow a long friendship",
)  # fmt: skip
CONCERNS = (
    "rising tensions at sea", "the slowdown in global demand", "delays in disbursing aid",
    "the cost of shipping", "illegal fishing", "cyber attacks on public services",
    "the spread of disinformation", "volatile food prices", "drought in the delta",
    "sanctions on third countries", "the shortage of skilled workers", "currency swings",
)  # fmt: skip
ANALYSIS = (
    "the meeting signalled a cautious warming after a difficult year",
    "both governments were hedging against uncertainty in great-power relations",
    "the economic agenda was likely to move faster than the security one",
    "domestic politics on both sides would limit how far either could go",
    "the talks showed how middle powers were widening their circle of partners",
    "much would depend on whether the promised funding actually arrived",
    "the timing reflected pressure to show results before the regional summit",
    "the two sides had chosen to set aside their disagreements for now",
)  # fmt: skip
NEXT_STEPS = (
    "a joint working group will draft an action plan",
    "the two ministries will exchange lists of priority projects",
    "officials will meet to review progress on the agreements",
    "a business delegation is expected to follow",
    "the leaders are expected to sign a strategic partnership",
    "negotiators will resume talks on the outstanding issues",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Cast:
    """Who and what one story is about, as the paragraphs here need them."""

    host: str
    guest: str
    host_country: str
    guest_country: str
    host_adjective: str
    topic: str
    topics: Sequence[str]
    organisation: str
    acronym: str
    year: int
    analyst: str


Paragraph = Callable[[Cast, random.Random], str]


def target_length(rng: random.Random) -> int:
    """How many characters of article text this story should have."""
    drawn = math.exp(rng.gauss(math.log(MEDIAN_CHARS), SPREAD))
    return int(min(LONGEST, max(SHORTEST, drawn)))


def detail(cast: Cast, rng: random.Random, wanted: int) -> list[str]:
    """Paragraphs of detail until they hold about `wanted` characters."""
    found: list[str] = []
    size = 0
    while size < wanted:
        paragraph = rng.choice(_KINDS)(cast, rng)
        found.append(paragraph)
        size += len(paragraph) + 1
    return found


def quote(cast: Cast, rng: random.Random) -> str:
    speaker = rng.choice((cast.host, cast.guest))
    hope, other = rng.sample(HOPES, 2)
    return (
        f'"{hope}," {speaker} {rng.choice(SAYING)}. "{other}." {speaker} also pointed to'
        f" {rng.choice(CONCERNS)} and said both sides would consult closely on"
        f" {cast.topic}."
    )


def figures(cast: Cast, rng: random.Random) -> str:
    (good, unit), sector = rng.choice(GOODS), rng.choice(SECTORS)
    trade, growth, amount = rng.uniform(1.5, 180), rng.uniform(-12, 25), rng.randrange(2, 900)
    last = cast.year - 1
    return (
        f"Two-way trade between {cast.host_country} and {cast.guest_country} reached"
        f" US${trade:.1f} billion in {last}, {'up' if growth >= 0 else 'down'}"
        f" {abs(growth):.1f} per cent on {last - 1}. {cast.guest_country} shipped about"
        f" {rng.uniform(0.2, 40):.1f} million {unit} of {good} last year, and its investors"
        f" hold {rng.randrange(40, 3000)} projects worth US${amount} million, many of them in"
        f" {sector}."
    )


def aid(cast: Cast, rng: random.Random) -> str:
    since = rng.randrange(1975, cast.year - 3)
    return (
        f"Since {since}, {cast.guest_country} has provided {cast.host_country} with about"
        f" US${rng.uniform(0.1, 9.5):.2f} billion in development assistance, including"
        f" loans for {rng.choice(PROJECTS)} in {rng.choice(CITIES)} completed in"
        f" {rng.randrange(since + 1, cast.year)} and grants for {rng.choice(SECTORS)}."
    )


def background(cast: Cast, rng: random.Random) -> str:
    founded = rng.randrange(1950, 1996)
    upgraded = rng.randrange(founded + 10, cast.year)
    return (
        f"The two countries established diplomatic relations in {founded} and upgraded"
        f" their ties to a {rng.choice(('comprehensive', 'strategic', 'enhanced'))}"
        f" partnership in {upgraded}. Cooperation has since widened from"
        f" {rng.choice(SECTORS)} to {rng.choice(SECTORS)}, though {rng.choice(CONCERNS)}"
        f" and {rng.choice(cast.topics)} have at times strained relations."
    )


def organisation(cast: Cast, rng: random.Random) -> str:
    return (
        f"The {cast.organisation} was set up in {rng.randrange(1990, cast.year - 1)} by"
        f" {rng.randrange(5, 28)} member states and has its secretariat in"
        f" {rng.choice(CITIES)}. The {cast.acronym} meets {rng.choice(('twice', 'once'))} a"
        f" year at ministerial level and runs programmes on {rng.choice(SECTORS)} and"
        f" {rng.choice(SECTORS)}."
    )


def elsewhere(cast: Cast, rng: random.Random) -> str:
    first, second = rng.sample(OTHER_COUNTRIES, 2)
    return (
        f"The talks came a week after {first} and {second} held their own consultations on"
        f" {rng.choice(cast.topics)} in {rng.choice(CITIES)}. Diplomats there also discussed"
        f" {rng.choice(cast.topics)} and {rng.choice(CONCERNS)}, issues that regional"
        f" governments increasingly raise together."
    )


def analysis(cast: Cast, rng: random.Random) -> str:
    first, second = rng.sample(ANALYSIS, 2)
    return (
        f"{cast.analyst}, a researcher at the {rng.choice(INSTITUTES)} in"
        f' {rng.choice(CITIES)}, said {first}. "The real test is {cast.topic}," the'
        f" researcher said, adding that {second}."
    )


def agreements(cast: Cast, rng: random.Random) -> str:
    count = rng.randrange(2, 14)
    return (
        f"After the talks, officials signed {count} documents, among them a memorandum on"
        f" {rng.choice(SECTORS)} and a framework for {rng.choice(PROJECTS)} near"
        f" {rng.choice(CITIES)}. {cast.host_adjective} officials said the agreements were"
        f" worth a combined US${rng.randrange(50, 5000)} million."
    )


def what_next(cast: Cast, rng: random.Random) -> str:
    month = MONTHS[rng.randrange(12)]
    return (
        f"According to the ministry, {rng.choice(NEXT_STEPS)} before the {cast.acronym}"
        f" ministerial meeting in {rng.choice(CITIES)} in {month} {cast.year + 1}, where"
        f" {rng.choice(cast.topics)} is expected to top the agenda."
    )


_KINDS: tuple[Paragraph, ...] = (
    quote,
    quote,
    figures,
    aid,
    background,
    organisation,
    elsewhere,
    analysis,
    agreements,
    what_next,
)
