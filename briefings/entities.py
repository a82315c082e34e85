"""People, organisations, places, topics and events named in an article.

No statistical model: names come from the text's own cues (a role before a name, with its
complement or after a comma, "Kremlin aide", "his Russian counterpart", "…, X said", an
acronym defined in parentheses, a head word such as Ministry or Summit ending a capitalised
phrase, "one-China principle", "G7 summit") and from the built-in gazetteer.
Short references ("Lavrov", "Son’s tweet", "Minister Minh") are resolved to the
fullest name of the article only when exactly one person there carries them. Three finders
live in their own modules: summits and meetings of organisations (`summits.py`), other named
events such as joint commissions and state visits (`named_events.py`), and key-phrase topics
ranked by statistics (`keyphrases.py`), which yield to every other cue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from briefings import acronyms as acronym_finder
from briefings import visits
from briefings.acts import acts, matters_of_parties, measures, paired_matters, parties_after
from briefings.credits import (
    bracketed_tag,
    credit_start,
    credited_outlets,
    dateline_outlets,
    domain_outlets,
    opening_outlet,
)
from briefings.folding import fold
from briefings.foreign_bodies import bodies, russian_bodies, vietnamese_bodies
from briefings.foreign_names import (
    ForeignName,
    analyzer,
    is_russian_name,
    last_role,
    role_names,
    russian_names,
    said_names,
)
from briefings.gazetteer import TOKEN, Alias, Gazetteer, load, phrase_key
from briefings.gazetteer.languages import after_capitalised_word, for_language
from briefings.given_names import GivenName, names_from_given
from briefings.initiatives import initiatives
from briefings.keyphrases import SIBLINGS, is_function_word, is_matter, key_phrases, restates
from briefings.model import Acronym, EntityKind, EntityRef, Extraction, Mention, Passage
from briefings.named_events import VISIT_HEADS, VISIT_LINKS, VISITOR_GAP, named_events
from briefings.nominative import nominative
from briefings.receptions import hosting, may_hold, reception_name, reception_nouns
from briefings.russian_companies import quoted_companies
from briefings.summits import Gathering, Organisation, foreign_gatherings, gatherings
from briefings.talks import (
    call_name,
    calls_on,
    calls_received,
    meeting_nouns,
    talks_description,
    talks_name,
    urges,
    visit_kinds,
    visit_name,
)
from briefings.transliteration import (
    fuzzy_alias,
    is_cyrillic,
    is_vietnamese_syllable,
    latin_name,
    name_key,
)
from briefings.treaty_titles import in_treaty_title
from briefings.world_places import JOINERS, PLACE_WORDS, first_words, world_place


def _word_set(text: str) -> frozenset[str]:
    """The space-separated words of a literal, as a set."""
    return frozenset(text.split())


# Head words that make a capitalised phrase an entity of a kind: "Russian Foreign Ministry",
# "East Asia Summit", "Treaty of Friendship and Cooperation", "Ho Chi Minh Monument".
HEADS: dict[str, EntityKind] = {
    **dict.fromkeys(
        _word_set(
            "ministry union organization organisation association forum committee commission"
            " council bank fund agency assembly parliament party army navy office department"
            " institute"
            " university corporation company court senate secretariat bureau authority alliance"
            " federation community guard forces embassy group"
        ),
        "organization",
    ),
    **dict.fromkeys(
        _word_set("meeting summit conference consultations war games dialogue"), "event"
    ),
    **dict.fromkeys(
        _word_set(
            "treaty convention declaration agreement code charter protocol accord pact initiative"
            " plan strategy resolution principle consensus framework statute accords doctrine"
            " conventions treaties pipeline corridor package partnership"
        ),
        "topic",
    ),
    **dict.fromkeys(
        _word_set(
            "monument mausoleum square palace bridge port airport railway station gate border"
            " province city oblast island islands sea gulf bay strait river lake mountain"
            " mountains region"
            " district prefecture pagoda temple museum shoal reef atoll oblasts crossing"
        ),
        "place",
    ),
}
# Lower-case words a capitalised name may contain: "Ministry of Foreign Affairs", "Group of 20".
_CONNECTORS = frozenset({"of", "on", "for", "and", "the", "de"})
# Title-case words that begin a sentence or a role, never a name.
_ROLE_WORDS = _word_set(
    "minister premier president councilor councillor secretary chairman chairwoman ambassador"
    " spokesman spokeswoman spokesperson chancellor king queen prince governor mayor general"
    " deputy vice foreign state prime sheikh acting assistant under senior chief first permanent"
    " former interim"
)
# Words that make a role a different office of the same line: "Deputy Secretary of State".
_ROLE_MODIFIERS = "Deputy|Vice|Acting|Assistant|Under|Senior|Chief|First|Permanent|Former|Interim"
# Surnames that lead a name, so the short reference is the first token: "Wang" for Wang Yi.
_SURNAME_FIRST_COUNTRIES = frozenset({"China", "Taiwan", "South Korea", "North Korea"})
_SURNAMES_FIRST = _word_set(
    "wang li zhang liu chen yang zhao huang zhou wu xu sun ma zhu hu guo he lin luo gao qin xi"
    " kim lee park choi jung chung kang cho yoon moon jang lim han shin"
)
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "van", "von", "de", "da", "du", "di", "der", "den", "dos", "das"}
)
_VIETNAMESE_LETTERS = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

_PARTICLES = "|".join(sorted(_NAME_PARTICLES))
# One word of a name: "Sơn", "al-Safadi", "von der Leyen", "Jae-in", "O’Brien", not "Son’s".
_NAME_TEXT = (
    rf"(?<![\w.])[A-Z]\.(?=[ \t]+[A-Z][a-z])"  # an initial: "S. Jaishankar"
    rf"|(?:(?:{_PARTICLES})[- ])*[^\W\d_]+(?:(?:-|['’](?![sS]\b))[^\W\d_]+)*"
)
_NAME_WORD = re.compile(rf"[ \t]+({_NAME_TEXT})")
_PHRASE_WORD = re.compile(_NAME_TEXT)
_PARTICLES_BEFORE = re.compile(rf"^(?:(?:{_PARTICLES})[- ])+")
# Lower-case descriptors before a name: "Kremlin aide Yury Ushakov", "foreign minister, X".
_DESCRIPTOR = re.compile(
    r"(?<![\w-])((?:[a-z]+[ \t]+){0,2})(aide|adviser|advisor|envoy|spokesman|spokeswoman"
    r"|spokesperson|minister|leader|official|ambassador|president|premier|chief|negotiator"
    r"|secretary|representative|chairman|chairwoman|commander|diplomat|governor|mayor|senator"
    r"|lawmaker|prosecutor|director|general|head|commissioner|coordinator|chancellor|speaker"
    r"|researcher|analyst|professor)(?![\w-])"
)
_SAID = r"(?:said|says|told|added|stressed|noted|wrote|warned|insisted|announced|urged)"
# "…, Julie Bishop said": the whole stretch between a clause boundary and the verb is the name.
_SAID_BEFORE = re.compile(
    rf"(?:^|[,;:\"“”—–(][ \t]*|[.!?][ \t]+)((?:{_NAME_TEXT})(?:[ \t]+(?:{_NAME_TEXT})){{1,4}})"
    rf"[ \t]+{_SAID}\b"
)
_SAID_AFTER = re.compile(r"\b(?:said|says|according\s+to)\s")
# One name word that speaks, standing alone: "Wang said", "said Wang." — the surname (or
# given name) a report keeps using after naming the person in full once.
_ONE_WORD_SAYS = re.compile(rf"(?<![\w'’-][ \t])(?<![\w'’-])({_NAME_TEXT})[ \t]+{_SAID}\b")
_SAID_ONE_WORD = re.compile(rf"\b{_SAID}[ \t]+({_NAME_TEXT})(?=[ \t]*[,.;])")
_SAID_ANYWHERE = re.compile(_SAID)

_SAID_AFTER_END = re.compile(r"\s*(?:[,.;]|$)")
# What may follow a role to say of what or where it is: "Ambassador to", "Secretary of".
_COMPLEMENT_STARTS = frozenset({"of", "for", "to", "at"})
# Capitalised words of an office's complement: "Minister of State for Foreign Affairs".
_OFFICE_WORDS = (
    frozenset(HEADS)
    | _ROLE_WORDS
    | _word_set(
        "affairs security policy economic international cooperation relations development"
        " defence defense trade industry public national permanent mission republic people"
        " democratic socialist central political politburo standing federal european united"
        " nations communist global human rights climate change migration refugees peace"
        " justice home interior finance commerce information"
    )
)
# A lower-case head after a hyphenated, acronym or known modifier: "one-China principle",
# "G7 summit", "Mercosur summit", "Japan-Philippines-United States trilateral summit".
_LOWER_HEADED = re.compile(
    r"(?<![\w-])((?:[\w’']+-)+[\w’']+(?:[ \t]+[A-Z][\w’']*)*|[A-Z][\w]+)"
    r"(?:[ \t]+(?:trilateral|bilateral|ministerial|leaders[’']|annual|emergency|extraordinary))?"
    r"[ \t]+(?i:(summit|talks|principle|solution|consensus))(?![\w-])"
)
_LOWER_HEAD_KINDS: dict[str, EntityKind] = dict.fromkeys(("summit", "talks"), "event")
# "two-state solution", "six-party talks": a hyphenated modifier needs a number or a name.
_NUMBER_WORDS = _word_set("one two three four five six seven eight nine ten")
_FTA = re.compile(r"\s+free\s+trade\s+(?:agreement|deal|pact)\b", re.IGNORECASE)
# Words around an undefined upper-case word that show it names a body: "the X", "X said".
_ORGANISATION_BEFORE = _word_set("the by from")
_ORGANISATION_AFTER = _word_set(
    "said says has have had will would is was chief head officials spokesperson spokesman"
    " statement members member secretariat"
)
# "Cyprus issue", "Korean Peninsula question", "Act East policy": a named matter or policy.
_ISSUE = re.compile(
    r"(?<![\w-])((?:[A-Z][\w’'-]*[ \t]+){0,3}[A-Z][\w’'-]*)[ \t]+"
    r"(issue|question|problem|crisis|dispute|conflict|policy|doctrine)(?![\w-])"
)
# A country's body in lower case: "China's foreign ministry", "Chinese foreign ministry
# spokesperson", "Seoul's foreign ministry", "the Chadian army".
_LOWER_CASE_BODY = re.compile(
    r"(?<![\w-])((?:[A-Z][\w-]*[ \t]+){0,2}[A-Z][\w-]*?)(['’]s?)?[ \t]+"
    r"(foreign[ \t]+ministry|army|navy)(?![\w-])"
)
# Missions named with their seat: "US Embassy in Hanoi".
_SEATED_HEADS = _word_set("embassy")
_SEAT = re.compile(r"[ \t]+in[ \t]+([A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,3})")
_SPOKESPERSON_AFTER = re.compile(r"[ \t]+(?:spokesperson|spokesman|spokeswoman)[ \t]+[A-Z]")
_WATERS = _word_set("sea seas ocean strait straits gulf bay river lake")
_NAMED_ONLY_HEADS = frozenset({"policy", "doctrine"})  # "China policy" is no named policy
# "Russia's war in Ukraine", "Israel’s offensive in Gaza": a war named by its parties.
_WAR = re.compile(
    r"(?<![\w-])([A-Z][\w-]*)['’]s[ \t]+(?:full-scale[ \t]+)?(?:war|invasion|offensive)"
    r"[ \t]+(?:in|on|against)[ \t]+([A-Z][\w-]*)"
)
_ACRONYM_AFTER = re.compile(r"[ \t]*\([A-Z]{2,}\)")
# A byline the cleaner kept: "By Pacific affairs reporter Name", "Par Name", "Oleh Name".
# Compass points some people are named ("North", "West") but that open place names.
_COMPASS = frozenset({"north", "south", "east", "west", "central"})
_BYLINE = re.compile(r"(?:By|Par|Por|Von|Oleh)[ \t][^.!?]{0,60}$")
# What follows a photographer's name in a credit: "Name/AFP", "( Name - Anadolu Agency )".
_CREDIT = re.compile(r"[ \t]*/|[ \t]+[-–][ \t]+[^()]*\)")
# How far before a name its role may stand, and what ends the clause they share.
_ROLE_REACH = 120
_CLAUSE_END = re.compile(r"[.;:!?()\"«»“”]")
# What may stand between a role and its name: nothing but an apposition's comma, or a
# complement opened by a preposition ("по иностранным делам", "de l’Union européenne pour
# les affaires étrangères"), and a body's or country's name; never a verb ("a reçu").
_COMPLEMENT = re.compile(
    r"(?:[ \t]*[\w’'-]*[A-ZА-ЯЁ][\w’'-]*)*"
    r"(?:[ \t]*(?:по|для|de|du|des|d’|d'|pour|of|for|untuk|urusan)\b[^,]*)?[ \t]*,?[ \t]*"
)
_CAPITALISED_WORD = re.compile(r"(?<![\w-])[^\W\d_a-zа-яё][\w’'-]*")
# Languages written in one country only, whose press leaves its own offices unqualified.
_HOME_COUNTRIES = {
    "vi": "Vietnam", "id": "Indonesia", "th": "Thailand", "ja": "Japan", "ko": "South Korea",
    "km": "Cambodia", "lo": "Laos", "my": "Myanmar", "mn": "Mongolia",
}  # fmt: skip
# Offices of international bodies, which have no country ("Sekretaris Jenderal PBB" is
# read General Secretary, as a party's is).
_INTERNATIONAL = re.compile(
    r"Secretary-General|General Secretary|Representative|Commissioner|Envoy|Director"
)
_COUNTERPART = re.compile(r"\b(?:his|her|their|its)\s+([^\W\d_][\w-]*)\s+counterparts?\b")


# A named tuple, with its tests worked out once: an article has thousands of tokens and the
# finders ask each one these questions over and over.
class _Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str
    is_word: bool
    is_capitalised: bool


@dataclass(frozen=True)
class _Span:
    """A candidate mention; overlapping candidates are settled by `rank`, highest first."""

    passage: int
    start: int
    end: int
    target: str
    rank: tuple[int, int, int]
    role: str | None = None


@dataclass
class _Person:
    forms: list[str] = field(default_factory=list)
    countries: Counter[str] = field(default_factory=Counter)
    # Forms in another script than the name's ("Кая Каллас" of Kaya Kallas), whose surname
    # stands for the person too.
    written: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        # Fullest form; among equals the one with diacritics, which folds the same but says more.
        return max(self.forms, key=lambda f: (len(f.split()), sum(not c.isascii() for c in f)))


@dataclass
class _Article:
    """Working state of one extraction: passages, candidate spans and the entities they name."""

    texts: list[str]
    tokens: list[list[_Token]]
    gazetteer: Gazetteer
    known: Mapping[str, Sequence[EntityRef]]
    language: str | None = None
    people: dict[str, _Person] = field(default_factory=dict)
    entities: dict[str, EntityRef] = field(default_factory=dict)
    spans: list[_Span] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    used_acronyms: dict[str, str] = field(default_factory=dict)
    pending_short: list[tuple[int, int, int, str | None, str | None]] = field(default_factory=list)
    # One-word references in another script, resolved once every full name is known.
    foreign_short: list[tuple[int, ForeignName]] = field(default_factory=list)
    alternative_of: dict[tuple[int, int], EntityRef] = field(default_factory=dict)
    # Organisations' mentions kept inside their summit's: (the summit's span, the organisation's).
    nested: list[tuple[_Span, _Span]] = field(default_factory=list)
    # The party whose offices go unqualified (`_home_party`), once worked out.
    home_party: tuple[str | None] | None = None

    def __post_init__(self) -> None:
        self.english = [_is_english(text) for text in self.texts]
        # The folded token keys per passage, built once: name lookups slice them constantly.
        self.keys = [[t.key for t in tokens] for tokens in self.tokens]
        # Capitalised runs per passage: two finders walk them.
        self.runs = [list(_capitalised_runs(self, tokens)) for tokens in self.tokens]

    @cached_property
    def lower_case_words(self) -> frozenset[str]:
        """The folded words the article writes in lower case somewhere."""
        return frozenset(
            t.key for tokens in self.tokens for t in tokens if t.is_word and not t.is_capitalised
        )

    def add(
        self, entity: EntityRef, passage: int, start: int, end: int, rank: tuple[int, int, int]
    ) -> None:
        key = f"{entity.kind}:{fold(entity.name)}"
        self.entities.setdefault(key, entity)
        self.spans.append(_Span(passage, start, end, key, rank))


# Ranks: (cue class, length, preference). Cue classes: 3 a person named after a role or by full
# name, 2 an acronym defined in the article, 1 gazetteer, head-word phrases and short references,
# 0 guesses (the store's `known` names, unknown acronyms).
def extract(
    passages: Sequence[Passage],
    known: Mapping[str, Sequence[EntityRef]] | None = None,
    language: str | None = None,
) -> Extraction:
    """Mentions of people, organisations, places, topics and events, and the acronyms defined.

    `language` is the article's (ISO 639-1); role words of other languages are looked for
    only in an article that is not English, Russian names only in a Russian one.
    """
    article = _Article(
        texts=[p.text for p in passages],
        tokens=[_tokenise(p.text) for p in passages],
        gazetteer=for_language(language),
        known=known or {},
        language=language,
    )
    _find_definitions(article)
    _find_people(article)
    if language not in (None, "en"):
        _find_foreign_people(article, language)
    _find_people_by_given_name(article, language)
    _find_full_names(article)
    _find_short_references(article)
    _resolve_foreign_short(article)
    if language == "ru":
        _find_surnames_in_any_case(article)
    _find_gazetteer_names(article)
    if language in PLACE_WORDS:
        _find_world_places(article, PLACE_WORDS[language])
    _find_headed_phrases(article)
    _find_foreign_bodies(article, language)
    _find_credited_outlets(article, passages)
    _find_lower_case_bodies(article)
    _find_lower_headed_phrases(article)
    _find_issues(article)
    _find_bare_acronyms(article)
    _find_known_names(article)
    _find_gatherings(article, language)
    _find_named_events(article, language)
    _find_visits(article, language or "en")
    _find_talks(article, language or "en")
    _find_receptions(article, language or "en")
    if language in (None, "en"):
        _find_visits_to_places(article)
    _find_visits_by_kind(article, language or "en")
    _find_calls_on(article, language or "en")
    _name_events_by_place(article)
    if language in (None, "en"):
        _find_acts(article)
        _find_measures(article)
    _find_matters_of_parties(article, language or "en")
    _find_initiatives(article, language)
    _find_key_phrases(article, passages, language)
    if language in (None, "en"):
        _find_parties(article)
    if language not in (None, "en"):
        _find_roles_before(article)
    else:
        _find_roles_after(article)
    _generic_ministry_as_specific(article)
    _drop_photographers(article, passages)
    if language == "ru":
        _drop_quoted_people(article)
    mentions = _with_nested(article, _settle(article))
    mentions = _with_names_inside(article, mentions, english=language in (None, "en"))
    mentions = _without_bodies_in_titles(article, mentions)
    return Extraction(mentions, _acronyms(article))


_GENERIC_MINISTRY = "organization:" + fold("Ministry of Foreign Affairs")


def _generic_ministry_as_specific(article: _Article) -> None:
    """ "МИД" or "the ministry of foreign affairs" alone, in a story that keeps naming one
    country's foreign ministry ("МИД России", twice or more), is that ministry, not a second
    body; named once, the other may be a foreign one ("глава МИД Индонезии"). In a language
    of one country the bare ministry is that country's ("Kementerian Luar Negeri")."""
    if _GENERIC_MINISTRY not in article.entities or article.language in _HOME_COUNTRIES:
        return
    specific = Counter(
        s.target
        for s in article.spans
        if s.target.startswith("organization:") and s.target.endswith(" foreign ministry")
    )
    if len(specific) != 1 or sum(specific.values()) < 2:
        return
    target = next(iter(specific))
    article.spans = [
        replace(s, target=target) if s.target == _GENERIC_MINISTRY else s for s in article.spans
    ]


def normalise_role(role: str) -> str:
    """The role table's usual wording: `Minister of Foreign Affairs` → `Foreign Minister`."""
    table = load().roles
    # "Minister of Foreign Affairs and International Cooperation": an "and" joins two roles
    # only where the words after it name an office; else they extend the portfolio before.
    parts: list[str] = []
    for part in (p.strip() for p in role.split(" and ")):
        if parts and part not in table and not _role_heads() & set(part.split()):
            parts[-1] += " and " + part
        else:
            parts.append(part)
    return " and ".join(filter(None, (_table_role(table, part) for part in parts)))


def _table_role(table: Mapping[str, str], part: str) -> str:
    """The table's wording of one role; of its head where an extended portfolio is not in
    the table: "Minister of Foreign Affairs and International Cooperation" → Foreign Minister."""
    if part in table:
        return table[part]
    head, _, _ = part.partition(" and ")
    return table.get(head, part) if head != part else part


@cache
def _role_heads() -> frozenset[str]:
    """The nouns that end a role of the table (Minister, Secretary, President …), not the
    portfolio that ends "Minister of Foreign Affairs"."""
    roles = load().roles
    plain = [r for r in [*roles, *roles.values()] if r and not re.search(r" (?:of|for) ", r)]
    return frozenset(r.split()[-1] for r in plain if r[0].isupper())


def _tokenise(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), *_word(m.group())) for m in TOKEN.finditer(text)]


# Most tokens are words met before: sharing their strings, rather than holding a copy and a
# folded copy for each, halves what the tokens of a 10 MB file take.
@lru_cache(maxsize=1 << 16)
def _word(text: str) -> tuple[str, str, bool, bool]:
    return text, _fold_token(text), text[0].isalnum(), text[0].isupper()


def _fold_token(token: str) -> str:
    return token.lower() if token.isascii() else fold(token)


def _is_english(text: str) -> bool:
    """False for Vietnamese passages, where capitals and parentheses follow other conventions."""
    if text.isascii():  # the common case, and no Vietnamese mark is ASCII
        marked = 0
    else:
        lowered = text.lower()
        marked = sum(lowered.count(letter) for letter in _VIETNAMESE_LETTERS)
    return marked < 0.03 * len(text)


# --- acronyms defined in the article ---------------------------------------------------------


def _find_definitions(article: _Article) -> None:
    for index, text in enumerate(article.texts):
        for definition in acronym_finder.find_definition_spans(text):
            entity = _defined_entity(article, definition.short, definition.long)
            article.acronyms[definition.short] = entity.name
            article.used_acronyms[definition.short] = entity.name
            for start, end in (
                (definition.long_start, definition.long_end),
                (definition.short_start, definition.short_end),
            ):
                article.add(entity, index, start, end, (2, end - start, 0))


def _defined_entity(article: _Article, short: str, long: str) -> EntityRef:
    """The entity an acronym definition names, under a long form stable across articles."""
    gazetteer = article.gazetteer
    expanded = acronym_finder.expand(long, {**gazetteer.acronyms, **article.acronyms})
    known_long = gazetteer.acronyms.get(short)
    # "Code of Conduct (COC)" is the gazetteer's "Code of Conduct in the East Sea".
    if known_long and fold(known_long).startswith(fold(expanded)):
        expanded = known_long
    for alias in gazetteer.lookup(phrase_key(expanded)):
        return _entity_of(
            alias.entry.name,
            alias.entry.kind,
            alias.entry.country if alias.entry.kind == "place" else None,
        )
    return EntityRef(expanded, _kind_by_head(expanded) or "organization")


def _kind_by_head(name: str) -> EntityKind | None:
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", name)]
    heads = [HEADS[w] for w in words if w in HEADS]
    if not heads:
        return None
    # "Code of Conduct …" is a topic; "Asia-Pacific Economic Cooperation Forum" an organisation.
    return heads[0] if HEADS.get(words[0]) == "topic" else heads[-1]


def _entity_of(name: str, kind: EntityKind, country: str | None = None) -> EntityRef:
    return EntityRef(name, kind, country)


# --- people ----------------------------------------------------------------------------------


@cache
def _role_pattern() -> re.Pattern[str]:
    """Roles, longest first, chained by "and": "State Councilor and Foreign Minister".

    Modifiers stay in the role, since they name another office: "First Vice Foreign Minister".
    """
    roles = sorted(load().roles, key=len, reverse=True)
    one = "|".join(re.escape(role).replace(r"\ ", r"\s+") for role in roles)
    modified = rf"(?:(?:{_ROLE_MODIFIERS}|former)[\s-]+)*(?=[A-Z])(?:{one})"
    return re.compile(rf"(?<![\w-]){modified}(?:\s+and\s+{modified})*(?![\w-])")


def _honorifics() -> list[str]:
    """Titles that introduce a name but are no role (`Mr`, `Datuk Seri`), longest first."""
    roles = load().roles
    return sorted((written for written, normal in roles.items() if not normal), key=len)[::-1]


@cache
def _honorific_pattern() -> re.Pattern[str]:
    """One or more honorifics between a role and a name: "Prime Minister Datuk Seri Anwar"."""
    one = "|".join(re.escape(title).replace(r"\ ", r"[ \t]+") for title in _honorifics())
    return re.compile(rf"(?:[ \t]+(?:{one}))+(?=[ \t])")


@cache
def _leading_honorific() -> re.Pattern[str]:
    """Honorifics opening a name as written: "Tan Sri Muhyiddin Yassin", "Mr Albanese"."""
    one = "|".join(re.escape(title).replace(r"\ ", r"[ \t]+") for title in _honorifics())
    return re.compile(rf"(?:(?:{one})[ \t]+)+")


def _find_people(article: _Article) -> None:
    for index, text in enumerate(article.texts):
        roles: list[tuple[int, str]] = []
        for match in _role_pattern().finditer(text):
            # Titles such as "Mr." introduce a name but are no role.
            role = None if article.gazetteer.roles.get(match.group(0)) == "" else match.group(0)
            roles += [(match.end(), role)] if role else []
            _person_after_role(article, index, match.start(), match.end(), role, 1)
        for match in _DESCRIPTOR.finditer(text):
            role = _descriptor_role(article, match.group(1), match.group(2))
            _person_after_role(article, index, match.start(), match.end(), role, 2)
        for match in _COUNTERPART.finditer(text):
            country = article.gazetteer.demonyms.get(fold(match.group(1)))
            role = _counterparts_role(text, roles, match.start())
            _person_after(article, index, match.end(), role, country)
    for index in range(len(article.texts)):
        _find_attributed_people(article, index)
    _find_speakers_named_once(article)


_SENTENCE_BREAK = re.compile(r"[.!?;][\s\"”’]")


def _counterparts_role(text: str, roles: list[tuple[int, str]], position: int) -> str | None:
    """A counterpart holds the office of the one whose counterpart they are: the role last
    named before "his Chinese counterpart" in its sentence ("Foreign Minister Cho Hyun held
    talks with his Chinese counterpart Wang Yi")."""
    before = [role for end, role in roles if end <= position]
    end = max((end for end, _ in roles if end <= position), default=-1)
    if not before or _SENTENCE_BREAK.search(text, end, position):
        return None
    return before[-1]


def _find_foreign_people(article: _Article, language: str | None) -> None:
    """People after role words of the article's language; in Russian, every name."""
    for index, text in enumerate(article.texts):
        for found in role_names(text, article.gazetteer):
            _add_foreign_person(article, index, found, 2)
        for found in said_names(text, language, article.gazetteer):
            _add_foreign_person(article, index, found, 2)
        if language != "ru":
            continue
        for found in russian_names(text):
            if not _alone(text, found.start, found.end):
                _add_foreign_person(article, index, found, 1)


def _add_foreign_person(article: _Article, index: int, found: ForeignName, rank: int) -> None:
    """A name read in another script or language: its Latin, nominative form is the entity's."""
    if found.variants or " " not in found.name:
        article.foreign_short.append((index, found))
        return
    if len(found.nominatives) > 1:
        found = replace(found, name=_case_nominative(article, found))
    person = article.people.setdefault(fold(found.name), _Person())
    person.forms.append(found.name)
    if found.country:
        person.countries[found.country] += 1
    target = "person:" + fold(found.name)
    length = found.end - found.start
    article.spans.append(
        _Span(index, found.start, found.end, target, (3, length, rank), found.role)
    )


def _case_nominative(article: _Article, found: ForeignName) -> str:
    """ "Салеумсаем Коммаситом": the person of the article or the store whose name its
    nominative spells (Saleumxay Kommasith), else the nominative the article writes elsewhere
    ("Коммасит" in a headline), else the likeliest by the case ending."""
    latin = [latin_name(n) for n in found.nominatives]
    for name in latin:
        linked = _person_spelled(article, name)
        if linked is not None:
            return linked
    # The last reading keeps every word as written; a reading whose changed words the
    # article also writes alone is its nominative.
    words = {w for text in article.texts for w in _CYRILLIC_WORDS.findall(text)}
    as_written = found.nominatives[-1].split()

    def seen_elsewhere(n: int) -> int:
        parts = found.nominatives[n].split()
        return sum(w in words for w, was in zip(parts, as_written, strict=True) if w != was)

    return latin[max(range(len(latin)), key=lambda n: (seen_elsewhere(n), -n))]


_CYRILLIC_WORDS = re.compile(r"[А-ЯЁ][а-яё]+")
# How close two spelling-blind keys must be to name one person: one or two letters apart in
# a name of fifteen, as transcriptions differ (Saleumxay / Салеумсай, Kommasith / Коммасит).
_SAME_SPELLING = 88


def _person_spelled(article: _Article, name: str) -> str | None:
    """The one person the article or the store names so that `name` spells it too."""
    key = name_key(name)
    found = {p.name for p in article.people.values() if _same_name(name_key(p.name), key)}
    if not found:
        keys = [k for k in article.known if k.startswith("~") and _same_name(k[1:], key)]
        found = {e.name for k in keys for e in article.known[k] if e.kind == "person"}
    return found.pop() if len({fold(n) for n in found}) == 1 else None


def _same_name(one: str, other: str) -> bool:
    """Keys of as many words, each pair starting alike, all but a letter or two the same."""
    words, others = one.split(), other.split()
    return (
        len(words) == len(others)
        and all(a[0] == b[0] for a, b in zip(words, others, strict=True))
        and fuzz.ratio(one, other) >= _SAME_SPELLING
    )


def _find_people_by_given_name(article: _Article, language: str | None) -> None:
    """Names led by a given name with no cue around them: "Justin Trudeau vit …"."""
    # Names a role or a verb of saying already found need not be found twice.
    taken = {(s.passage, s.start, s.end) for s in article.spans}
    for index, text in enumerate(article.texts):
        for found in names_from_given(text, lambda word: _may_name(article, word, language)):
            if (index, found.start, found.end) in taken or (
                _credited(article, index, found)
                or _names_a_place(article, text, found, language)
                or any(_common_word(article, text[s:e]) for s, e in found.words)
            ):
                continue
            if is_cyrillic(text[found.start : found.end]):
                # "Сергея Лаврова" is Russian grammar's to find and put in the nominative, also
                # when a word follows it in the run ("Владимира Путина Приморье получило").
                words = [text[s:e] for s, e in found.words]
                if not is_russian_name(words) and not is_russian_name(words[:2]):
                    _add_cyrillic_person(article, index, text, found)
            else:
                _add_person(article, index, found.start, found.end, None, None)


def _common_word(article: _Article, word: str) -> bool:
    """A word the article also writes in lower case is a common word capitalised in a title
    or a body's name ("Zona Ekonomi Eksklusif" beside "ekonomi"), never a surname; so is
    a word in capitals ("JOHN" of a credit)."""
    return word.isupper() or fold(word) in article.lower_case_words


def _credited(article: _Article, index: int, found: GivenName) -> bool:
    """A name that is no mention of the story: a byline, a photo credit ("REUTERS/Yves
    Herman", "© Name, AFP", "Photo: Name"), a phrase defining an acronym, or the start of a
    longer name whose next word is a place or body ("Uni Ekonomi Eurasia")."""
    text = article.texts[index]
    if _alone(text, found.start, found.end) or _CREDIT.match(text, found.end):
        return True
    before, rest = text[: found.start].rstrip(), text[found.end :].strip()
    if before.endswith(("/", "(", "©")) or _BYLINE.match(text):
        return True
    if before.endswith(":") and rest in ("", ")"):  # "Photo: Name", "(ABC News: Name)"
        return True
    if _ACRONYM_AFTER.match(text, found.end):  # "Zona Ekonomi Eksklusif (ZEE)" is defined
        return True
    after = _NAME_WORD.match(text, found.end)
    return after is not None and bool(article.gazetteer.lookup((fold(after.group(1)),)))


def _names_a_place(article: _Article, text: str, found: GivenName, language: str | None) -> bool:
    """ "North Korea", "West African", "Tan Nam": a compass point, a known name, a people's
    adjective, or Vietnamese syllables, most of which are someone's given name somewhere.
    In Vietnamese text one syllable is enough ("Trung Quốc", "Duma Quốc")."""
    words = [text[s:e] for s, e in found.words]
    key = phrase_key(text[found.start : found.end])
    syllables = [is_vietnamese_syllable(w) for w in words]
    return (
        key[0] in _COMPASS
        or bool(article.gazetteer.lookup(key[:2]) or article.gazetteer.lookup(key))
        or " ".join(key) in article.gazetteer.demonyms
        or all(syllables)
        or (language == "vi" and any(syllables))
    )


def _find_roles_before(article: _Article) -> None:
    """A role of another language a few words before a name it did not reach, in the same
    clause: "верховный представитель ЕС по иностранным делам Кая Каллас", "La ministre des
    Affaires étrangères, Mélanie Joly"; the words between name no one else. (English roles
    are capitalised and reached by their own finder.)"""
    seen: dict[tuple[int, int], tuple[int, str, str | None] | None] = {}
    for n, span in enumerate(article.spans):
        if span.role or not span.target.startswith("person:"):
            continue
        text = article.texts[span.passage]
        if (span.passage, span.start) not in seen:
            clause = _CLAUSE_END.split(text[max(0, span.start - _ROLE_REACH) : span.start])[-1]
            role_found = last_role(clause)
            offset = span.start - len(clause)
            seen[span.passage, span.start] = (
                (offset + role_found[1], role_found[2], role_found[3]) if role_found else None
            )
        found = seen[span.passage, span.start]
        if found is None:
            continue
        end, role, country = found
        between = text[end : span.start]
        if not _COMPLEMENT.fullmatch(between) or any(
            _is_name_word(article, w) and not article.gazetteer.lookup((fold(w),))
            for w in _CAPITALISED_WORD.findall(between)
            if not w.isupper()
        ):
            continue
        article.spans[n] = replace(span, role=role)
        person = article.people.get(span.target.removeprefix("person:"))
        if person is not None and country and not person.countries:
            person.countries[country] += 1


# "Minister Minh, who is also Deputy Prime Minister, …": a relative clause giving a role.
_WHO_IS = re.compile(r",\s+who\s+is\s+(?:also\s+|now\s+|concurrently\s+)*(?:the\s+)?")
_APPOSITION = re.compile(r",[ \t]+(?:the[ \t]+)?")
_APPOSITION_END = re.compile(r"[ \t]*(?:[,.;)]|$)")


def _find_roles_after(article: _Article) -> None:
    """A role a relative clause gives a person with no role, or a bare one ("Minister"),
    where the clause names it: "Minister Minh, who is also Deputy Prime Minister"; or an
    apposition set off by commas, with the country its complement names: "Mohamad Hasan,
    Minister of Foreign Affairs of Malaysia, who is visiting …"."""
    for n, span in enumerate(article.spans):
        if not span.target.startswith("person:") or (span.role and " " in span.role):
            continue
        text = article.texts[span.passage]
        clause = _WHO_IS.match(text, span.end)
        role = _role_pattern().match(text, clause.end()) if clause else None
        if role is not None:
            article.spans[n] = replace(span, role=role.group(0))
            continue
        apposition = _APPOSITION.match(text, span.end)
        role = _role_pattern().match(text, apposition.end()) if apposition else None
        if role is None:
            continue
        end, country = _complement(article, span.passage, role.end())
        # Set off up to a comma or the sentence's end: "…, Foreign Minister Wang Yi said"
        # opens another name instead.
        if not _APPOSITION_END.match(text, end):
            continue
        article.spans[n] = replace(span, role=role.group(0))
        person = article.people.get(span.target.removeprefix("person:"))
        if person is not None and country and not person.countries:
            person.countries[country] += 1


def _alone(text: str, start: int, end: int) -> bool:
    """The name is the whole line: a byline the cleaner kept, not a mention of the story."""
    return not text[:start].strip() and not text[end:].strip(" \t.")


def _may_name(article: _Article, word: str, language: str | None) -> bool:
    return _is_name_word(article, word) and not is_function_word(word, language or "en")


def _add_cyrillic_person(article: _Article, index: int, text: str, found: GivenName) -> None:
    """ "Кая Каллас" is Kaya Kallas; its surname "Каллас" is found alone as well."""
    written = text[found.start : found.end]
    latin = latin_name(written)
    _add_foreign_person(article, index, ForeignName(found.start, found.end, latin, cued=True), 0)
    article.people[fold(latin)].written.append(written)


def _resolve_foreign_short(article: _Article) -> None:
    """ "Лаврова": the article's one person of that surname, else the one the store knows."""
    owners = _short_keys(article)
    for index, found in article.foreign_short:
        target = next(
            filter(None, (_short_target(article, owners, v) for v in found.variants)), None
        )
        if target is None and found.cued and found.variants:  # "министр Индонезии Сугионо"
            target = f"person:{fold(found.variants[0])}"
            entity = EntityRef(found.variants[0], "person", found.country)
            article.entities.setdefault(target, entity)
        if target is not None and not _initial_agrees(article, target, found.initial):
            target = None
        if target is not None:
            length = found.end - found.start
            span = _Span(index, found.start, found.end, target, (3, length, 1), found.role)
            article.spans.append(span)


# Endings Russian gives a foreign name it declines: Фомвихана, Фомвихану, Фомвиханом.
_RUSSIAN_CASE_ENDINGS = ("ом", "ем", "ым", "ой", "а", "у", "е", "ы", "я", "ю")
_SHORTEST_SURNAME = 4
# The same endings as the spelling-blind key writes them.
_LATIN_CASE_ENDINGS = ("om", "em", "im", "oi", "a", "u", "e", "i")


def _find_surnames_in_any_case(article: _Article) -> None:
    """A foreign person's surname alone ("Фомвихан", "Аракчи") or full name in another case
    ("Тхонгсавана Фомвихана"), when the article names them in full once ("с Тхонгсаваном
    Фомвиханом"): the one person of the article whose surname it spells. Russian names are
    read by their morphology; names it does not know are read here by their spelling."""
    owners: dict[str, list[str]] = {}
    for key, person in article.people.items():
        words = name_key(person.name).split()
        if len(words) >= 2 and len(words[-1]) >= _SHORTEST_SURNAME:
            owners.setdefault(words[-1], []).append(key)
    named = [(s.passage, s.start, s.end) for s in article.spans if s.target.startswith("person:")]
    for index, text in enumerate(article.texts if owners else ()):
        for match in _CYRILLIC_WORDS.finditer(text):
            owner = _declined_owner(owners, match.group())
            if owner is None or any(
                p == index and a < match.end() and match.start() < b for p, a, b in named
            ):
                continue
            start = _given_name_start(article, text, match.start(), owner)
            target = "person:" + owner
            article.spans.append(
                _Span(index, start, match.end(), target, (3, match.end() - start, 0))
            )


def _declined_owner(owners: dict[str, list[str]], word: str) -> str | None:
    # Most words open like no surname of the article: one key says so.
    if not any(name_key(word)[:3] == surname[:3] for surname in owners):
        return None
    if _known_place_word(word):  # "посетила Кашин": the town, not Vasily Kashin
        return None
    stems = [word[: -len(e)] for e in _RUSSIAN_CASE_ENDINGS if word.endswith(e)]
    for form in (word, *(s for s in stems if len(s) >= _SHORTEST_SURNAME)):
        found = owners.get(name_key(form), [])
        if found:
            return found[0] if len(found) == 1 else None
    return None


@lru_cache(maxsize=4096)
def _known_place_word(word: str) -> bool:
    """A word pymorphy3's dictionary (not its guesser) knows as a place name."""
    morph = analyzer()
    return bool(morph.word_is_known(word.lower())) and any(
        "Geox" in parse.tag for parse in morph.parse(word)
    )


def _given_name_start(article: _Article, text: str, start: int, owner: str) -> int:
    """Where the name whose surname starts at `start` begins: at its given name right before,
    in any case ("Тхонгсавана Фомвихана"), else at the surname."""
    before = _CYRILLIC_WORD_BEFORE.search(text[max(0, start - 40) : start])
    if before is None:
        return start
    # The given name as the article first declined it may keep its ending ("Аббасом" read
    # as Abbasom): the two agree when they do with the endings off.
    given = name_key(article.people[owner].name).split()[0]
    givens = {given, *(given[: -len(e)] for e in _LATIN_CASE_ENDINGS if given.endswith(e))}
    word = before.group(1)
    stems = [word[: -len(e)] for e in _RUSSIAN_CASE_ENDINGS if word.endswith(e)]
    if any(name_key(form) in givens for form in (word, *stems) if form):
        return start - len(before.group(0))
    return start


_CYRILLIC_WORD_BEFORE = re.compile(r"([А-ЯЁ][а-яё]+) $")


def _initial_agrees(article: _Article, target: str, initial: str | None) -> bool:
    """ "С.В.Лавров" is Sergey Lavrov, not a Lavrov whose given name starts otherwise."""
    if initial is None:
        return True
    entity = article.entities.get(target)
    person = article.people.get(target.removeprefix("person:"))
    name = entity.name if entity else person.forms[0] if person else ""
    words = fold(name).split()
    return len(words) < 2 or words[0].startswith(fold(initial))


def _short_target(article: _Article, owners: dict[str, list[str]], name: str) -> str | None:
    people = owners.get(fold(name), [])
    if people:
        return people[0] if len(people) == 1 else None
    known = _known_person(article, name)
    if known is None:
        return None
    target = f"person:{fold(known.name)}"
    article.entities.setdefault(target, known)
    return target


def _known_person(article: _Article, name: str) -> EntityRef | None:
    """The one person the store knows under `name` or a spelling of it (Sergueï, Sergej)."""
    exact = _known(article, name, {"person"})
    if exact is not None:
        return exact
    people = [e for e in article.known.get(fuzzy_alias(name), ()) if e.kind == "person"]
    return people[0] if len({fold(e.name) for e in people}) == 1 else None


def _person_after_role(
    article: _Article, index: int, start: int, end: int, role: str | None, least: int
) -> None:
    """The name after a role and its complement: "Ambassador to Viet Nam Andrew Goledzinowski"."""
    complement_end, of_country = _complement(article, index, end)
    honorific = _honorific_pattern().match(article.texts[index], complement_end)
    complement_end = honorific.end() if honorific else complement_end
    country = _country_before(article, index, start) or of_country
    # A comma turns the name into an apposition, which only a full name makes safe.
    if article.texts[index].startswith(",", complement_end):
        least = 2
    _person_after(article, index, complement_end, role, country, least)


def _descriptor_role(article: _Article, modifiers: str, noun: str) -> str:
    """ "foreign ministry spokesperson" → "Spokesperson"; "special envoy" → "Special Envoy"."""
    words = [*modifiers.split(), noun]
    for size in range(len(words), 0, -1):
        role = " ".join(w.capitalize() for w in words[-size:])
        if role in article.gazetteer.roles:
            return role
    return noun.capitalize()


def _complement(article: _Article, index: int, position: int) -> tuple[int, str | None]:
    """Where "of the Communist Party of Vietnam" after a role ends, and the country "of" names."""
    tokens = article.tokens[index]
    i = next((n for n, t in enumerate(tokens) if t.start >= position), len(tokens))
    country = None
    while i + 1 < len(tokens) and tokens[i].key in _COMPLEMENT_STARTS:
        j = i + 2 if tokens[i + 1].key == "the" else i + 1
        end, named = _complement_words(article, tokens, j)
        if end == j:
            break
        if tokens[i].key == "of" and country is None:
            country = named
        position, i = tokens[end - 1].end, end
    return position, country


def _complement_words(article: _Article, tokens: list[_Token], i: int) -> tuple[int, str | None]:
    """End of the capitalised phrase of known names and office words at `i`, and its country."""
    country = None
    while i < len(tokens) and tokens[i].is_capitalised and tokens[i].is_word:
        size = _known_name_size(article, tokens, i)
        if size:
            entry = article.gazetteer.lookup(tuple(t.key for t in tokens[i : i + size]))[0].entry
            country = country or (entry.name if entry.is_country else None)
            i += size
        elif tokens[i].key in _OFFICE_WORDS or tokens[i].text.isupper():
            i += 1
        else:
            break
        if i + 1 < len(tokens) and tokens[i].key in {"and", "of"} and tokens[i + 1].is_capitalised:
            i += 1
    return i, country


def _known_name_size(article: _Article, tokens: list[_Token], i: int) -> int:
    gazetteer = article.gazetteer
    reach = 0
    while i + reach < len(tokens) and (
        tuple(t.key for t in tokens[i : i + reach + 1]) in gazetteer.prefixes
    ):
        reach += 1
    for size in range(reach, 0, -1):
        if gazetteer.lookup(tuple(t.key for t in tokens[i : i + size])):
            return size
    return 0


def _country_before(article: _Article, index: int, position: int) -> str | None:
    """The country a role belongs to: "Russian Foreign Minister", "Vietnam’s", "Laos’"."""
    before = [t for t in article.tokens[index] if t.end <= position][-6:]
    demonyms = article.gazetteer.demonyms
    for size in (3, 2, 1):
        # "South Korean", "Sri Lankan", "New Zealand": demonyms of more than one word.
        demonym = " ".join(t.key for t in before[-size:]) if len(before) >= size else ""
        if demonym in demonyms:
            return demonyms[demonym]
    while before and before[-1].key in {"'", "s"}:
        before.pop()
    for size in range(min(4, len(before)), 0, -1):
        for alias in article.gazetteer.lookup(tuple(t.key for t in before[-size:])):
            if alias.entry.is_country:
                return alias.entry.name
    return None


def _find_attributed_people(article: _Article, index: int) -> None:
    """Full names that say or are said to: "…, Julie Bishop said" and "said Kaja Kallas, the"."""
    text = article.texts[index]
    for match in _SAID_BEFORE.finditer(text) if _says_anything(text) else ():
        words = _words_of(match.group(1), match.start(1))
        if (
            len(words) >= 2
            and all(_is_name_word(article, text[s:e]) for s, e in words)
            and not _is_short_form(article, text[words[0][0] : words[-1][1]])
        ):
            _add_person(article, index, words[0][0], words[-1][1], None, None)
    for match in _SAID_AFTER.finditer(text):
        honorific = _honorific_pattern().match(text, match.end() - 1)
        words = list(_name_words(article, text, honorific.end() if honorific else match.end() - 1))
        if len(words) >= 2 and _SAID_AFTER_END.match(text, words[-1][1]):
            _add_person(article, index, words[0][0], words[-1][1], None, None)


def _find_speakers_named_once(article: _Article) -> None:
    """A full name no cue marks, whose one word later speaks alone: "Wang Yi, a member of
    the Political Bureau, …" then "Wang said …" three times. Chinese, Korean and Vietnamese
    names keep the first word, most others the last; either end may be the one that speaks."""
    speaking = {
        fold(match.group(1))
        for text in article.texts
        if _says_anything(text)
        for pattern in (_ONE_WORD_SAYS, _SAID_ONE_WORD)
        for match in pattern.finditer(text)
        if _is_name_word(article, match.group(1))
    }
    if not speaking:
        return
    for index, text in enumerate(article.texts):
        for words in _capitalised_word_runs(text):
            if not 2 <= len(words) <= 3:
                continue
            start, end = words[0][0], words[-1][1]
            ends = {fold(text[s:e]) for s, e in (words[0], words[-1])}
            if (
                ends & speaking
                and all(_is_name_word(article, text[s:e]) for s, e in words)
                and not _holds_person(article, fold(text[start:end]))
                and not _is_short_form(article, text[start:end])
            ):
                _add_person(article, index, start, end, None, None)


def _says_anything(text: str) -> bool:
    """Whether a verb of _SAID stands in `text` at all: finding one is far cheaper than
    trying the name patterns at every word of a passage that has none."""
    return _SAID_ANYWHERE.search(text) is not None


def _holds_person(article: _Article, key: str) -> bool:
    """Whether a run is, or holds, a person already found ("Cooperation Ronald Lamola")."""
    padded = f" {key} "
    return any(f" {person} " in padded for person in article.people)


def _capitalised_word_runs(text: str) -> Iterable[list[tuple[int, int]]]:
    """Runs of capitalised words apart only by spaces: "Wang Yi", "Political Bureau"."""
    run: list[tuple[int, int]] = []
    for match in _PHRASE_WORD.finditer(text):
        joined = bool(run) and text[run[-1][1] : match.start()] in (" ", "\t")
        if match.group(0)[:1].isupper() and (joined or not run):
            run.append(match.span())
            continue
        if run:
            yield run
        run = [match.span()] if match.group(0)[:1].isupper() else []
    if run:
        yield run


def _is_short_form(article: _Article, surface: str) -> bool:
    """ "Von der Leyen said" refers to Ursula von der Leyen, found by her title."""
    suffix = " " + fold(surface)
    return any(key.endswith(suffix) for key in article.people)


def _words_of(phrase: str, offset: int) -> list[tuple[int, int]]:
    return [(offset + m.start(), offset + m.end()) for m in _PHRASE_WORD.finditer(phrase)]


def _person_after(
    article: _Article,
    index: int,
    position: int,
    role: str | None,
    country: str | None,
    least: int = 1,
) -> None:
    text = article.texts[index]
    if text.startswith(",", position):
        position += 1
    words = list(_name_words(article, text, position))
    if len(words) < least:
        return
    start, end = words[0][0], words[-1][1]
    if len(words) == 1:
        article.pending_short.append((index, start, end, role, country))
        return
    _add_person(article, index, start, end, role, country)


def _add_person(
    article: _Article, index: int, start: int, end: int, role: str | None, country: str | None
) -> None:
    honorific = _leading_honorific().match(article.texts[index], start, end)
    if honorific:
        start = honorific.end()
    surface = article.texts[index][start:end]
    if " " not in surface:  # "Mr Albanese said": a short reference, resolved with the others
        article.pending_short.append((index, start, end, role, country))
        return
    person = article.people.setdefault(fold(surface), _Person())
    person.forms.append(surface)
    if country:
        person.countries[country] += 1
    article.spans.append(
        _Span(index, start, end, "person:" + fold(surface), (3, end - start, 1), role)
    )


def _name_words(article: _Article, text: str, position: int) -> Iterable[tuple[int, int]]:
    """Offsets of the capitalised words of a name starting at `position`, at most five."""
    for count in range(5):
        match = _NAME_WORD.match(text, position)
        if match is None or not (
            _is_name_word(article, match.group(1))
            or (count == 0 and _leads_name(article, text, match))
        ):
            return
        yield match.start(1), match.end(1)
        position = match.end(1)


def _leads_name(article: _Article, text: str, match: re.Match[str]) -> bool:
    """A short given word that is also English leads a name after a title: "President To Lam"."""
    word, after = match.group(1), _NAME_WORD.match(text, match.end(1))
    return (
        word[:1].isupper()
        and len(word) <= 3
        and after is not None
        and _is_name_word(article, after.group(1))
    )


def _is_name_word(article: _Article, word: str) -> bool:
    bare = _PARTICLES_BEFORE.sub("", word)
    key = fold(bare)
    return (
        bare[:1].isupper()
        and key not in article.gazetteer.common_words
        and key not in _ROLE_WORDS
        and key not in HEADS
        and key not in article.gazetteer.demonyms
        and not any(a.entry.kind == "place" for a in article.gazetteer.lookup((key,)))
    )


def _find_full_names(article: _Article) -> None:
    """Every other occurrence of a person's full name, in any spelling that folds the same."""
    index_by_key = {phrase_key(p.name): "person:" + key for key, p in article.people.items()}
    longest = max((len(k) for k in index_by_key), default=0)
    first_words = {k[0] for k in index_by_key if k}
    for passage, tokens in enumerate(article.tokens):
        keys = article.keys[passage]
        for i in range(len(tokens)):
            if keys[i] not in first_words:
                continue
            for size in range(min(longest, len(tokens) - i), 1, -1):
                target = index_by_key.get(tuple(keys[i : i + size]))
                if target:
                    start, end = tokens[i].start, tokens[i + size - 1].end
                    article.spans.append(_Span(passage, start, end, target, (3, end - start, 0)))
                    break


def _short_keys(article: _Article) -> dict[str, list[str]]:
    """Short reference → people carrying it: the surname, which leads Chinese and Korean names.

    The other end of the name is a short reference too where no surname claims it: Malay,
    Thai and Indonesian names are shortened to the given name ("Anwar", "Paetongtarn").
    """
    owners: dict[str, list[str]] = {}
    given: dict[str, list[str]] = {}
    for key, person in article.people.items():
        tokens = [t for t in key.split() if not t.endswith(".")]  # initials: "S. Jaishankar"
        country = person.countries.most_common(1)[0][0] if person.countries else None
        leads = country in _SURNAME_FIRST_COUNTRIES or (
            country is None and tokens[0] in _SURNAMES_FIRST
        )
        short, other = (tokens[0], tokens[-1]) if leads else (tokens[-1], tokens[0])
        for variant in {short, short.split("-", 1)[-1]}:
            owners.setdefault(variant, []).append("person:" + key)
        if len(tokens) > 1 and other not in _NAME_PARTICLES:
            given.setdefault(other, []).append("person:" + key)
    return {**given, **owners}


def _find_short_references(article: _Article) -> None:
    owners = _short_keys(article)
    for passage, tokens in enumerate(article.tokens):
        for i, token in enumerate(tokens):
            people = owners.get(token.key, [])
            if len(people) == 1 and token.is_capitalised and _stands_alone(article, tokens, i):
                start = _with_particle(article.texts[passage], tokens, i)
                article.spans.append(
                    _Span(passage, start, token.end, people[0], (1, token.end - start, 3))
                )
    for passage, start, end, role, country in article.pending_short:
        _resolve_pending(article, owners, passage, start, end, role, country)


def _stands_alone(article: _Article, tokens: list[_Token], i: int) -> bool:
    """Not a word inside a longer name: "Minh" alone, not in "Ho Chi Minh Monument"."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    joined_before = before is not None and before.is_word and before.is_capitalised
    joined_after = after is not None and after.is_word and after.is_capitalised
    if joined_before and before is not None and before.key in _ROLE_WORDS:
        joined_before = False
    return not joined_before and not joined_after


def _with_particle(text: str, tokens: list[_Token], i: int) -> int:
    """Start of "al-Safadi" or "von der Leyen" when the short reference is "Safadi" or "Leyen"."""
    if i >= 2 and tokens[i - 1].text == "-" and tokens[i - 2].key in _NAME_PARTICLES:
        return tokens[i - 2].start
    start = tokens[i].start
    while i >= 1 and tokens[i - 1].key in _NAME_PARTICLES:
        i -= 1
        start = tokens[i].start
    return start


def _resolve_pending(
    article: _Article,
    owners: dict[str, list[str]],
    passage: int,
    start: int,
    end: int,
    role: str | None,
    country: str | None,
) -> None:
    """A role before one name, "Minister Minh": the article's person, a known one, or a new one."""
    surface = article.texts[passage][start:end]
    people = owners.get(fold(surface), [])
    if len(people) == 1:
        article.spans.append(_Span(passage, start, end, people[0], (3, end - start, 1), role))
        return
    if people:
        return
    entity = _known(article, surface, {"person"}) or EntityRef(surface, "person", country)
    key = f"person:{fold(entity.name)}"
    article.entities.setdefault(key, entity)
    article.spans.append(_Span(passage, start, end, key, (3, end - start, 1), role))


# --- gazetteer, head-word phrases, acronyms ---------------------------------------------------


def _find_gazetteer_names(article: _Article) -> None:
    first_words = article.gazetteer.first_words
    for passage, tokens in enumerate(article.tokens):
        keys = article.keys[passage]
        i = 0
        while i < len(tokens):
            # Most words start no name: the look-up is made here rather than in a call.
            size = _gazetteer_match(article, passage, tokens, i) if keys[i] in first_words else 0
            i += size or 1


def _gazetteer_match(article: _Article, passage: int, tokens: list[_Token], i: int) -> int:
    """Number of tokens of the longest gazetteer name starting at token `i` (0 if none)."""
    prefixes, keys = article.gazetteer.prefixes, article.keys[passage]
    if keys[i] not in article.gazetteer.first_words:
        return 0
    reach = 0
    while i + reach < len(tokens) and tuple(keys[i : i + reach + 1]) in prefixes:
        reach += 1
    for size in range(reach, 0, -1):
        window = tokens[i : i + size]
        if _gazetteer_name(article, passage, window):
            return size
    return 0


def _gazetteer_name(article: _Article, passage: int, window: list[_Token]) -> bool:
    text = article.texts[passage]
    start, end = window[0].start, window[-1].end
    aliases = article.gazetteer.lookup(tuple(t.key for t in window))
    alias = next((a for a in aliases if _written_as(a, text[start:end], window)), None)
    if alias is not None and alias.alone and after_capitalised_word(text, start):
        return False
    if alias is None or text.startswith("$", end):
        return False
    entry = alias.entry
    entity = EntityRef(entry.name, entry.kind, entry.country if entry.kind == "place" else None)
    article.add(entity, passage, start, end, (1, end - start, 2))
    if alias.exact and entry.name != alias.exact:
        article.used_acronyms[alias.exact] = entry.name
    return True


def _written_as(alias: Alias, surface: str, window: list[_Token]) -> bool:
    """Acronyms as written, or one said as a word with one capital as much of the press writes
    it ("Asean", "Nato", "Unesco"); capitalised names capitalised ("Chad", not "chad")."""
    if alias.exact is not None:
        written = surface.replace(" ", "")
        return written == alias.exact.replace(" ", "") or (
            len(written) >= 4 and written.isalpha() and written == alias.exact.capitalize()
        )
    return not alias.capitalised or not window[0].text[0].islower()


def _find_world_places(article: _Article, place_words: frozenset[str]) -> None:
    """Towns no list of ours names, where the sentence places something in them (see
    `world_places`): a guess, below every other cue."""
    starts = first_words()
    place_ends: dict[int, set[int]] = {}
    for span in article.spans:
        if span.target.startswith("place:"):
            place_ends.setdefault(span.passage, set()).add(span.end)
    for passage, tokens in enumerate(article.tokens):
        keys = article.keys[passage]
        found: list[tuple[int, int, str, str | None]] = []
        for i, token in enumerate(tokens):
            if i == 0 or not token.is_capitalised or token.key not in starts:
                continue
            place = world_place(keys, i)
            if place is None or _inside_a_name(article, tokens, i, i + place[0]):
                continue
            found.append((i, i + place[0], *place[1:]))
        ends = place_ends.get(passage, set())
        for i, j, name, country in found:
            before = keys[i - 1]
            joined = before in JOINERS and i >= 2 and tokens[i - 2].end in ends
            if before in place_words or joined:
                start, end = tokens[i].start, tokens[j - 1].end
                article.add(
                    EntityRef(name, "place", country), passage, start, end, (0, end - start, 0)
                )
                ends.add(end)


def _inside_a_name(article: _Article, tokens: list[_Token], i: int, j: int) -> bool:
    """A capitalised word right before or after, or the word written in lower case elsewhere
    ("Union", "union"): part of another name, or no name."""
    after = tokens[j] if j < len(tokens) else None
    if (
        after is not None
        and after.is_capitalised
        and after.is_word
        and after.start == tokens[j - 1].end + 1
    ):
        return True
    before = tokens[i - 1]
    if before.is_capitalised and before.is_word and before.end + 1 == tokens[i].start:
        return True
    return any(t.key in article.lower_case_words for t in tokens[i:j])


def _find_headed_phrases(article: _Article) -> None:
    for passage, runs in enumerate(article.runs):
        if not article.english[passage]:
            continue
        for run in runs:
            _classify_run(article, passage, run)


def _find_foreign_bodies(article: _Article, language: str | None) -> None:
    """Bodies headed by a word of the article's language: "Kementerian Kelautan dan Perikanan"."""
    for passage, text in enumerate(article.texts):
        for kind in ("organization", "place"):
            for start, end in bodies(text, language, kind):
                entity = _named_entity(article, text[start:end], kind)
                article.add(entity, passage, start, end, (1, end - start, 1))
        for start, end in _vietnamese_bodies(article, passage) if language == "vi" else ():
            entity = _named_entity(article, text[start:end], "organization")
            _add_body_with_places(article, entity, passage, start, end)
        for start, end in _russian_bodies(article, passage) if language == "ru" else ():
            entity = _named_entity(article, nominative(text[start:end]), "organization")
            _add_body_with_places(article, entity, passage, start, end)
        for company in quoted_companies(text) if language == "ru" else ():
            entity = _named_entity(article, company.name, "organization")
            article.add(entity, passage, company.start, company.end, (1, len(company.name), 1))


# The first paragraphs, where an outlet's tag may open the story ("VOV.VN - Chiều 6/3, …").
_OPENING_PASSAGES = 3


def _find_credited_outlets(article: _Article, passages: Sequence[Passage]) -> None:
    """Agencies and outlets signing a dateline, a photo credit or the story's opening."""
    common = article.gazetteer.common_words
    for index, passage in enumerate(passages):
        if passage.kind == "dateline":
            spans = list(dateline_outlets(passage.text, common))
        elif passage.kind == "caption":
            spans = list(credited_outlets(passage.text, common))
        elif passage.kind == "body" and index < _OPENING_PASSAGES:
            opening = opening_outlet(passage.text) or bracketed_tag(passage.text)
            spans = [span for span in [opening] if span is not None]
        else:
            spans = []
        if passage.kind in ("body", "caption"):
            spans += [span for span in domain_outlets(passage.text) if span not in spans]
        for start, end in spans:
            entity = _named_entity(article, passage.text[start:end], "organization")
            if entity.kind == "organization":
                article.add(entity, index, start, end, (1, end - start, 0))


def _drop_photographers(article: _Article, passages: Sequence[Passage]) -> None:
    """People named in a caption's credit took the photo: they are no one the story is about
    ("[Alessandro Crinari - Keystone-ATS]")."""
    credits = {
        index: start
        for index, passage in enumerate(passages)
        if passage.kind == "caption" and (start := credit_start(passage.text)) is not None
    }
    if credits:
        article.spans = [
            s
            for s in article.spans
            if not (s.target.startswith("person:") and s.start >= credits.get(s.passage, s.end))
        ]


def _drop_quoted_people(article: _Article) -> None:
    """«Сила Сибири», «Ведомости»: Russian quotes the names of projects, firms and papers,
    never of people."""
    article.spans = [
        s
        for s in article.spans
        if not (
            s.target.startswith("person:")
            and article.texts[s.passage][: s.start].endswith(("«", "„"))
        )
    ]


def _add_body_with_places(
    article: _Article, entity: EntityRef, passage: int, start: int, end: int
) -> None:
    """A body, and the places named in it kept there: "администрацией США" names the US too."""
    article.add(entity, passage, start, end, (1, end - start, 1))
    body = article.spans[-1]
    places = [
        s
        for s in article.spans
        if s.passage == passage and start <= s.start and s.end <= end and s.target[:6] == "place:"
    ]
    kept: list[_Span] = []
    for place in sorted(places, key=lambda s: s.rank, reverse=True):
        if not any(place.start < k.end and k.start < place.end for k in kept):
            kept.append(place)
            article.nested.append((body, place))


def _russian_bodies(article: _Article, passage: int) -> Iterator[tuple[int, int]]:
    text = article.texts[passage]

    def is_place(name: str) -> bool:
        return _is_place(article, nominative(name))

    return _cut_before_people(
        article, passage, russian_bodies(text[: credit_start(text)], is_place)
    )


def _vietnamese_bodies(article: _Article, passage: int) -> Iterator[tuple[int, int]]:
    text = article.texts[passage]
    found = vietnamese_bodies(
        text[: credit_start(text)],
        lambda name: _is_place(article, name),
        lambda word: is_function_word(word, "vi"),
    )
    # A head alone left by the cut ("Quốc hội" of "Chủ tịch Quốc hội Vương Đình Huệ") is the
    # gazetteer's to name.
    return (
        (start, end)
        for start, end in _cut_before_people(article, passage, found)
        if len(article.texts[passage][start:end].split()) > 2
    )


def _cut_before_people(
    article: _Article, passage: int, spans: Iterable[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """Each body cut before a person named inside it: "Quốc hội Indonesia" of "Chủ tịch Quốc
    hội Indonesia Puan Maharani", "Центр АСЕАН МГИМО" before its director's name."""
    people = [
        s.start for s in article.spans if s.passage == passage and s.target.startswith("person:")
    ]
    text = article.texts[passage]
    for start, end in spans:
        end = min([p for p in people if start < p < end], default=end)
        end = len(text[:end].rstrip(" ,-–"))
        if end > start:
            yield start, end


def _capitalised_runs(article: _Article, tokens: list[_Token]) -> Iterable[list[_Token]]:
    run: list[_Token] = []
    for i, token in enumerate(tokens):
        if run and _continues(article, tokens, i, run):
            run.append(token)
            continue
        if run:
            yield _trim(article, run)
        run = [token] if token.is_word and token.is_capitalised else []
    if run:
        yield _trim(article, run)


def _continues(article: _Article, tokens: list[_Token], i: int, run: list[_Token]) -> bool:
    token, last = tokens[i], run[-1]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    name_follows = nxt is not None and nxt.is_word and nxt.is_capitalised
    if token.is_word and token.is_capitalised:
        return True
    if token.text in "-‐‑–":
        # Glued en dashes join names as hyphens do: "Russia–Arab Cooperation Forum".
        return token.start == last.end and nxt is not None and nxt.start == token.end
    if token.text in "'’":
        return last.text.endswith("s") and token.start == last.end and name_follows
    if token.text == ",":
        # "Joint Committee on Economic, Cultural, Scientific, and Technological Cooperation"
        if any(t.key == "on" for t in run):
            return nxt is not None and (name_follows or nxt.key == "and")
        return _listed_portfolio(article, tokens, i, run)
    if token.key == "of" and nxt is not None and nxt.key == "the":
        # "Consultations of the High Representatives": the article joins the next connector.
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        return after is not None and after.is_word and after.is_capitalised
    return token.key in _CONNECTORS and name_follows and nxt is not None and _may_join(article, nxt)


def _listed_portfolio(article: _Article, tokens: list[_Token], i: int, run: list[_Token]) -> bool:
    """A ministry's list of portfolios goes on past a comma: "Ministry of Foreign Affairs,
    Foreign Employment and Tourism" (capitalised words, then "and" and a capitalised word)."""
    if HEADS.get(run[0].key) != "organization" or not any(t.key == "of" for t in run):
        return False
    j = i + 1
    while j < len(tokens) and tokens[j].is_word and tokens[j].is_capitalised:
        j += 1
    if j == i + 1 or _is_place(article, tokens[i + 1].text) or j + 1 >= len(tokens):
        return False
    return tokens[j].key == "and" and tokens[j + 1].is_word and tokens[j + 1].is_capitalised


def _may_join(article: _Article, token: _Token) -> bool:
    """Months and sentence words do not continue a name: "Border Gate on May 31"."""
    return token.key not in article.gazetteer.common_words


def _trim(article: _Article, run: list[_Token]) -> list[_Token]:
    while run and (_sentence_word(article, run[0]) or not run[0].is_word):
        run = run[1:]
    while run and (run[-1].key in _CONNECTORS or not run[-1].is_word):
        run = run[:-1]
    return run


def _sentence_word(article: _Article, token: _Token) -> bool:
    """A common word, unless written as a known acronym: "US" in "the US Embassy" is no "us"."""
    if token.key not in article.gazetteer.common_words:
        return False
    return not any(a.exact == token.text for a in article.gazetteer.lookup((token.key,)))


def _classify_run(article: _Article, passage: int, run: list[_Token]) -> None:
    head = next((i for i, t in enumerate(run) if t.key in HEADS and t.is_capitalised), None)
    if head is None or _free_trade_agreement(article, passage, run):
        return
    head = _gathering_of_named_body(run, _body_after_place_word(run, head))
    named = _around_head(run, head)
    rest = run[head + 1 :] if named[-1] is run[head] else []
    # "the Five-Point Consensus and the Rome Statute": the second name has its own head.
    if len(rest) > 1 and rest[0].key == "and":
        _classify_run(article, passage, _trim(article, rest[1:]))
    name_words = [t for t in named if t.is_word and t.key not in HEADS and t.key not in _CONNECTORS]
    national = all(t.key in article.gazetteer.demonyms for t in name_words)
    # "the Russian Parliament" names no body of its own; "the US Embassy in Hanoi" does.
    if not name_words or (national and run[head].key not in _SEATED_HEADS):
        return
    text = article.texts[passage]
    start, end = named[0].start, named[-1].end
    kind = HEADS[run[head].key]
    if kind != "topic" and named[-1] is not run[head]:
        kind = _kind_by_head(text[start:end]) or kind
    end = _seat_end(article, text, end) if run[head].key in _SEATED_HEADS else end
    name = _ministry_name(article, passage, start, text[start:end])
    entity = article.alternative_of.get((passage, start)) or _named_entity(article, name, kind)
    article.add(entity, passage, start, end, (1, end - start, 1))
    # "Lao-Viet International Port (Vung Ang Port)": a second name for the same place.
    if text.startswith(" (", end):
        article.alternative_of[(passage, end + 2)] = entity


def _body_after_place_word(run: list[_Token], head: int) -> int:
    """A body's head after a place's word is the name's: "General Border Committee", "Mekong
    River Commission" are bodies, not a border and a river."""
    if HEADS[run[head].key] != "place":
        return head
    for i in range(head + 1, len(run)):
        if run[i].key in {"of", "on", "for", "and", "the"}:
            break
        if HEADS.get(run[i].key) == "organization" and run[i].is_capitalised:
            return i
    return head


def _gathering_of_named_body(run: list[_Token], head: int) -> int:
    """A later event head when the first names a forum whose meeting it is: "East Asia Summit
    Foreign Ministers' Meeting". (An organisation's meetings are summits.py's, linked to it.)"""
    if HEADS[run[head].key] != "event":
        return head
    for i in range(head + 1, len(run)):
        if run[i].key in _CONNECTORS or run[i].key in {"of", "on", "for"}:
            break
        if HEADS.get(run[i].key) == "event" and run[i].is_capitalised:
            head = i
    return head


def _seat_end(article: _Article, text: str, end: int) -> int:
    """Past the city a mission sits in: "the US Embassy in Hanoi" is one body."""
    seat = _SEAT.match(text, end)
    return seat.end() if seat and _is_place(article, seat[1]) else end


def _cuts_name(run: list[_Token], i: int, head: int) -> bool:
    """A connector before the head cuts the name there ("Hanoi and Moscow Oblast"), but for
    an "and" joining two modifiers of one body: "UN Economic and Social Council"."""
    if run[i].key not in _CONNECTORS:
        return False
    if run[i].key != "and" or HEADS[run[head].key] != "organization":
        return True
    return i > 0 and run[i - 1].key in HEADS


def _around_head(run: list[_Token], head: int) -> list[_Token]:
    """The name around its head word, cut at an "and" joining two names."""
    cut = max((i + 1 for i in range(head) if _cuts_name(run, i, head)), default=0)
    after = run[head + 1 : head + 2]
    if after and after[0].key not in {"of", "on", "for"}:
        return run[cut : head + 1]
    return run[cut:]


def _find_lower_case_bodies(article: _Article) -> None:
    """A country's body in lower case, named as "Chinese Foreign Ministry", "Chadian Army"."""
    for passage, text in enumerate(article.texts):
        if not article.english[passage]:
            continue
        for match in _LOWER_CASE_BODY.finditer(text):
            country = _country_before(article, passage, match.end(1)) or (
                _country_of_city(article, match.group(1)) if match.group(2) else None
            )
            demonym = article.gazetteer.primary_demonym.get(country or "")
            if demonym and not _describes_a_person(text, match):
                # "Cambodia's foreign ministry" is said whole, as the press and the labels of
                # sets 1 and 6 write it; "Cambodia" stays a place inside it.
                start, end = match.start(1), match.end()
                body = " ".join(word.capitalize() for word in match.group(3).split())
                entity = _named_entity(article, f"{demonym} {body}", "organization")
                _add_body_with_places(article, entity, passage, start, end)


def _describes_a_person(text: str, match: re.Match[str]) -> bool:
    """ "Chinese foreign ministry spokesperson Mao Ning": in lower case, the body only says
    who the person is, as "Kremlin aide" does (dev's descriptor labels); "China's foreign
    ministry said" names the body itself."""
    return not match.group(2) and _SPOKESPERSON_AFTER.match(text, match.end()) is not None


def _country_of_city(article: _Article, name: str) -> str | None:
    """ "Seoul's foreign ministry" is South Korea's."""
    aliases = article.gazetteer.lookup(phrase_key(name))
    places = [a.entry for a in aliases if a.entry.kind == "place" and not a.entry.is_country]
    return places[0].country if places else None


def _find_lower_headed_phrases(article: _Article) -> None:
    for passage, text in enumerate(article.texts):
        for match in _LOWER_HEADED.finditer(text):
            if _modifies_a_name(article, match.group(1)):
                kind = _LOWER_HEAD_KINDS.get(match.group(2).lower(), "topic")
                start, end = match.span()
                entity = EntityRef(text[start:end], kind)
                article.add(entity, passage, start, end, (1, end - start, 1))


def _find_issues(article: _Article) -> None:
    for passage, text in enumerate(article.texts):
        if not article.english[passage]:
            continue
        for match in _ISSUE.finditer(text):
            name = _trim_words(article, match.group(1))
            if name and _names_an_issue(article, name, match.group(2)):
                start, end = match.end(1) - len(name), match.end()
                entity = EntityRef(text[start:end], "topic")
                article.add(entity, passage, start, end, (1, end - start, 1))
        for match in _WAR.finditer(text):
            if all(_is_place(article, match.group(g)) for g in (1, 2)):
                start, end = match.span()
                article.add(
                    EntityRef(text[start:end], "event"), passage, start, end, (1, end - start, 1)
                )
                _nest_parties(article, article.spans[-1], (match.span(1), match.span(2)))


def _nest_parties(article: _Article, war: _Span, parties: tuple[tuple[int, int], ...]) -> None:
    """ "Russia's war in Ukraine" is a mention of Russia and Ukraine too, its parties."""
    for span in article.spans:
        if span.passage == war.passage and (span.start, span.end) in parties:
            article.nested.append((war, span))


def _trim_words(article: _Article, phrase: str) -> str:
    """The phrase after any possessive and sentence word: "India's Act East" → "Act East"."""
    words = re.split(r"\S+['’]s\s+", phrase)[-1].split()
    while words and fold(words[0]) in article.gazetteer.common_words:
        words = words[1:]
    return " ".join(words)


def _names_an_issue(article: _Article, name: str, head: str) -> bool:
    """A land or people ("Cyprus", "Korean Peninsula") or, for a policy, a name of its own.

    Waters stay places: in the seeds "the East Sea issue" is about the East Sea.
    """
    words = name.split()
    if head in _NAMED_ONLY_HEADS:
        return len(words) >= 2 and not _is_place(article, name)
    if fold(words[-1]) in _WATERS:
        return False
    return _is_place(article, name) or fold(words[0]) in article.gazetteer.demonyms


def _is_place(article: _Article, name: str) -> bool:
    return any(a.entry.kind == "place" for a in article.gazetteer.lookup(phrase_key(name)))


def _modifies_a_name(article: _Article, modifier: str) -> bool:
    """ "one-China", "G7", "BRICS", "Mercosur"; not "win-win", "long-term" or "The"."""
    parts = modifier.replace(" ", "-").split("-")
    if len(parts) > 1:
        return parts[0].lower() in _NUMBER_WORDS or any(p[:1].isupper() for p in parts)
    if acronym_finder.is_acronym_shape(modifier):
        return modifier not in article.gazetteer.not_entities
    aliases = article.gazetteer.lookup(phrase_key(modifier))
    return any(a.entry.kind == "organization" for a in aliases)


def _ministry_name(article: _Article, passage: int, start: int, name: str) -> str:
    """ "Japan’s Foreign Ministry" → "Japanese Foreign Ministry", as "Russian Foreign Ministry"."""
    if not name.startswith("Foreign Ministry"):
        return name
    country = _country_before(article, passage, start)
    demonym = article.gazetteer.primary_demonym.get(country or "")
    return f"{demonym} {name}" if demonym else name


def _free_trade_agreement(article: _Article, passage: int, run: list[_Token]) -> bool:
    """ "the Vietnam-Eurasian Economic Union free trade agreement" is one topic."""
    text = article.texts[passage]
    tail = _FTA.match(text, run[-1].end) if run else None
    if tail is None:
        return False
    start, end = run[0].start, tail.end()
    article.add(EntityRef(text[start:end], "topic"), passage, start, end, (1, end - start, 1))
    return True


def _named_entity(article: _Article, name: str, kind: EntityKind) -> EntityRef:
    key = phrase_key(name)
    # "Tay Ninh Province" is the gazetteer's Tay Ninh.
    for candidate in (key, key[:-1] if key[-1:] == ("province",) else ()):
        aliases = article.gazetteer.lookup(candidate)
        if aliases:
            entry = aliases[0].entry
            return EntityRef(
                entry.name, entry.kind, entry.country if entry.kind == "place" else None
            )
    return EntityRef(name, kind)


def _find_bare_acronyms(article: _Article) -> None:
    for passage, tokens in enumerate(article.tokens):
        for i, token in enumerate(tokens):
            if (
                token.text[:2].isupper()
                and token.text.isalpha()
                and acronym_finder.is_acronym_shape(token.text)
            ):
                _bare_acronym(article, passage, tokens, i, article.english[passage])


def _bare_acronym(
    article: _Article, passage: int, tokens: list[_Token], i: int, english: bool
) -> None:
    token = tokens[i]
    short = token.text
    if short in article.acronyms:
        entity = _named_entity(
            article,
            article.acronyms[short],
            _kind_by_head(article.acronyms[short]) or "organization",
        )
        article.add(entity, passage, token.start, token.end, (2, len(short), 0))
        return
    known = _known(article, short, {"organization", "topic", "event", "place"})
    if known is not None:
        article.add(known, passage, token.start, token.end, (0, len(short), 1))
        article.used_acronyms[short] = known.name
        return
    neighbours = [tokens[j].text for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
    cyrillic = acronym_finder.is_cyrillic_body(short, neighbours, article.gazetteer.not_entities)
    if cyrillic or (english and _unknown_acronym(article, tokens, i)):
        article.add(
            EntityRef(short, "organization"), passage, token.start, token.end, (0, len(short), 0)
        )


def _unknown_acronym(article: _Article, tokens: list[_Token], i: int) -> bool:
    """An upper-case word that is not a unit, not an ordinary word, not part of a caps headline."""
    token = tokens[i]
    if not 2 <= len(token.text) <= 8 or not token.text.isupper():
        return False
    if token.text in article.gazetteer.not_entities or token.key in article.gazetteer.common_words:
        return False
    neighbours = [tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
    if any(n.text == "$" for n in neighbours):
        return False
    common = article.gazetteer.common_words
    if any(n.is_word and n.is_capitalised and n.key not in common for n in neighbours):
        return False
    return _used_as_organisation(tokens, i)


def _used_as_organisation(tokens: list[_Token], i: int) -> bool:
    """An undefined caps word names a body only when used like one: "the PSA", "PSA said".

    Without such use it is more often chrome or emphasis: "(LEAD)", "(END)", "NOT FOR SALE".
    """
    before = tokens[i - 1].key if i > 0 else ""
    after = [t.key for t in tokens[i + 1 : i + 3]]
    if before in _ORGANISATION_BEFORE or (bool(after) and after[0] in _ORGANISATION_AFTER):
        return True
    return after in (["'", "s"], ["’", "s"])


def _find_known_names(article: _Article) -> None:
    """Names only the store knows: an article that says just "Lavrov" or "UNCLOS"."""
    if not article.known:
        return
    for passage, runs in enumerate(article.runs):
        for run in runs:
            if not run:
                continue
            text = article.texts[passage]
            start, end = run[0].start, run[-1].end
            surface = text[start:end]
            if len(run) == 1 and _is_foreign_function_word(article, surface):
                continue  # French "Son hôte a insisté …" is his host, not Bui Thanh Son
            entity = _known(article, surface, {"person", "organization", "place", "topic", "event"})
            if entity is None and len(run) > 1:  # "Sergueï Lavrov", spelt as no article has
                entity = _known_person(article, surface)
            elif entity is None and is_cyrillic(surface):
                entity = _known_mononym(article, surface)
            if entity is not None:
                article.add(entity, passage, start, end, (0, end - start, 2))


def _is_foreign_function_word(article: _Article, word: str) -> bool:
    """A possessive or article of the text's own language that a known one-word name is
    spelt like. English keeps its own ("US" is no "us")."""
    return article.language not in (None, "en") and is_function_word(word, article.language)


def _known_mononym(article: _Article, word: str) -> EntityRef | None:
    """A Cyrillic word alone, read in Latin letters, naming a person known by one name
    ("Сугионо" is Sugiono: such names do not decline). A surname alone is Russian grammar's
    to read (foreign_names), which knows "А.Лавров" is no Sergey Lavrov."""
    person = _known_person(article, word)
    return person if person is not None and len(person.name.split()) == 1 else None


def _known(article: _Article, surface: str, kinds: set[str]) -> EntityRef | None:
    candidates = [e for e in article.known.get(fold(surface), ()) if e.kind in kinds]
    names = {fold(e.name) for e in candidates}
    return candidates[0] if len(names) == 1 else None


def _find_gatherings(article: _Article, language: str | None) -> None:
    """Summits and meetings of organisations (briefings/summits.py), above the organisation's
    own span, which is kept inside the summit's as the link between them."""
    found: list[tuple[int, Gathering, list[tuple[_Span, EntityRef]] | None]] = []
    if language not in (None, "en"):
        for passage, text in enumerate(article.texts):
            found += [(passage, g, None) for g in foreign_gatherings(text, language)]
    else:
        acronym_of = {long: short for short, long in article.used_acronyms.items()}
        for passage, spans in _organisation_spans(article).items():
            bodies = [
                Organisation(s.start, s.end, e.name, acronym_of.get(e.name)) for s, e in spans
            ]
            found += [(passage, g, spans) for g in gatherings(article.texts[passage], bodies)]
    # "саммите БРИКС", "саммита БРИКС": one event, under the first wording.
    names: dict[tuple[str, ...], str] = {}
    for passage, gathering, owners in found:
        # Russian names an event in the nominative whatever case the text says it in.
        written = nominative(gathering.name) if language == "ru" else gathering.name
        name = names.setdefault(_stem_key(gathering.name), written)
        _add_gathering(article, passage, gathering, name, owners)


def _name_events_by_place(article: _Article) -> None:
    """ "The SCO summit in Tianjin" names the one SCO summit the story is about, however often
    it is called "the SCO summit" alone. The mention stays "SCO summit", the place keeps its
    own (as with "state visit to Astana"). Two places ("in Kazan … in Rio") are two summits:
    no place names either."""
    placed: dict[str, set[str]] = {}
    for span in article.spans:
        if span.target.startswith("event:") and not _STANDING_BODY.search(span.target):
            place = _place_after(article, span.passage, span.end)
            if place is not None:
                written = article.texts[span.passage][span.end : place.end]
                placed.setdefault(span.target, set()).add(written)
    for key, wordings in placed.items():
        if len(wordings) == 1:
            entity = article.entities[key]
            article.entities[key] = replace(entity, name=entity.name + wordings.pop())


# A commission sits in each country in turn: its sittings are told apart by number, not place.
_STANDING_BODY = re.compile(r"commission|committee|комисси|комитет|uy ban|komisi")
# "summit in Tianjin", "саммит … в Казани", "sommet … à Kananaskis", "KTT … di Kuala Lumpur".
_IN_PLACE = re.compile(r"[ \t]+(?:in|в|во|à|en|di|tại|ở)[ \t]+")


def _place_after(article: _Article, passage: int, end: int) -> _Span | None:
    """The place named right after a gathering ("… summit in Tianjin"), if the story has one."""
    link = _IN_PLACE.match(article.texts[passage], end)
    if link is None:
        return None
    places = [
        s
        for s in article.spans
        if s.passage == passage
        and s.start == link.end()
        and article.entities.get(s.target, _NO_ENTITY).kind == "place"
    ]
    return max(places, key=lambda s: s.end, default=None)


def _find_named_events(article: _Article, language: str | None) -> None:
    """Joint commissions, state visits and "2+2" meetings (briefings/named_events.py), with the
    places, bodies and people named inside kept there as the event's link to them."""
    names: dict[tuple[str, ...], str] = {}
    for passage, text in enumerate(article.texts):
        if language in (None, "en") and not article.english[passage]:
            continue
        for event in named_events(text, language):
            # "межправительственной комиссии по … сотрудничеству", later "межправительственная
            # комиссия": one event, under the first wording.
            key = _stem_key(event.name)
            same = [k for k in names if k[: len(key)] == key or key[: len(k)] == k]
            name = (
                names[same[0]] if same else names.setdefault(key, _by_acronyms(article, event.name))
            )
            start, end = event.start, event.end
            # Above a person's full name inside it ("визита президента … Путина во Вьетнам"),
            # which stays inside as the event's link.
            article.add(EntityRef(name, "event"), passage, start, end, (3, end - start, 0))
            _nest_inside(article, article.spans[-1])
            _nest_in_sitting(article, article.spans[-1])


def _nest_in_sitting(article: _Article, event: _Span) -> None:
    """A commission named inside its sitting («заседание межправительственной комиссии по
    …») is kept there: the story names both events."""
    for outer in article.spans:
        if (
            outer.passage == event.passage
            and outer.target.startswith("event:")
            and outer.start < event.start
            and event.end <= outer.end
        ):
            article.nested.append((outer, event))
            return


def _by_acronyms(article: _Article, name: str) -> str:
    """An event's name with each body the article gives an acronym written by it, as its
    summits are ("Gulf Cooperation Council–ASEAN–China summit" → "GCC–ASEAN–China summit")."""
    for short, long in article.used_acronyms.items():
        if long in name and f"organization:{fold(long)}" in article.entities:
            name = name.replace(long, short)
    return name


def _find_visits(article: _Article, language: str) -> None:
    """A visit named by its visitor and destination ("state visit of President Sadyr Japarov
    to China", «визита Ван И в Москву», "chuyến thăm Trung Quốc của Thủ tướng Phạm Minh
    Chính"): an event written as it stands, the person and the place inside it."""
    head = VISIT_HEADS.get(SIBLINGS.get(language, language))
    if head is None:
        return
    link = VISIT_LINKS[SIBLINGS.get(language, language)]
    for passage, text in enumerate(article.texts):
        for match in head.finditer(text):
            end = _visit_end(article, passage, text, match.end(), link, language == "vi")
            if end is None:
                continue
            start = match.start()
            events = [
                s
                for s in article.spans
                if s.passage == passage
                and s.target.startswith("event:")
                and s.start < end
                and start < s.end
            ]
            # A visit named_events found that runs on past the visitor's name is that event
            # already; one that stops short ("chuyến thăm chính thức New Zealand" of "… của
            # Thủ tướng Phạm Minh Chính") is this visit cut short, and says it once more.
            if any(not (start <= s.start and s.end < end) for s in events):
                continue
            name = text[start:end]
            article.add(EntityRef(name, "event"), passage, start, end, (3, end - start, 0))
            visit = article.spans[-1]
            _nest_inside(article, visit)
            article.nested += [(visit, replace(s, target=visit.target)) for s in events]


def _find_talks(article: _Article, language: str) -> None:
    """The meeting or call of the two people a story names most, where it says it with a
    bare noun ("the talks", "переговоры", "hội đàm"; `talks.py`): one event, each saying of
    its noun a mention of it. Not where the story names fewer than two people."""
    language = SIBLINGS.get(language, language)
    said = [
        (passage, found)
        for passage, text in enumerate(article.texts)
        for found in meeting_nouns(text, language)
        if not _refers_back(article, passage, found.start, text[found.start : found.end])
    ]
    principals = _principals(article) if said else []
    if len(principals) < 2:
        return
    # The noun the story uses first is its encounter; another ("a phone call" in a story of
    # talks) may be another.
    head = min(said, key=lambda pf: (pf[0], pf[1].start))[1].head
    names = [article.people[key].name for key in principals]
    pressed = [_press_name(article, key, language) for key in principals]
    event = EntityRef(talks_name(language, head, pressed), "event", None, talks_description(names))
    for passage, found in said:
        if found.head == head:
            article.add(event, passage, found.start, found.end, (1, found.end - found.start, 0))


def _find_receptions(article: _Article, language: str) -> None:
    """A host receiving a visitor, said by a verb between their names ("Irakli Kobakhidze
    received Ararat Mirzoyan", «Ван И был принят президентом …»; `receptions.py`): an event
    from the first name to the second, both kept inside. The pair the story's talks are
    between is those talks, said once more."""
    language = SIBLINGS.get(language, language)
    found: list[EntityRef] = []
    for passage, text in enumerate(article.texts):
        if not may_hold(text, language):
            continue
        people = sorted(
            (
                s
                for s in article.spans
                if s.passage == passage and s.target.removeprefix("person:") in article.people
            ),
            key=lambda s: (s.start, -s.end),
        )
        for first in people:
            second = next((s for s in people if s.start >= first.end), None)
            if second is None or second.target == first.target:
                continue
            said = hosting(text, first.end, second.start, language)
            if said is None:
                continue
            host, visitor = (second, first) if said.passive else (first, second)
            event = _reception(article, language, host.target[7:], visitor.target[7:])
            article.add(event, passage, first.start, second.end, (3, second.end - first.start, 0))
            _nest_inside(article, article.spans[-1])
            found.append(event)
    if len(set(found)) == 1:
        # "tại buổi tiếp": the one reception the story tells.
        for passage, text in enumerate(article.texts):
            for start, end in reception_nouns(text, language):
                article.add(found[0], passage, start, end, (1, end - start, 0))


def _reception(article: _Article, language: str, host: str, visitor: str) -> EntityRef:
    """The event of `host` receiving `visitor` (keys of people): the story's talks when they
    are the pair its talks are between."""
    names = [article.people[host].name, article.people[visitor].name]
    described = {talks_description(names), talks_description(names[::-1])}
    talks = next(
        (e for e in article.entities.values() if e.kind == "event" and e.description in described),
        None,
    )
    if talks is not None:
        return talks
    return EntityRef(reception_name(language, *names), "event", None, talks_description(names))


def _find_visits_to_places(article: _Article) -> None:
    """A visit by one person to one place in English ("Mirzoyan's visit to Tbilisi", "a visit
    to Vietnam by President William Ruto", "Cho is expected to visit Beijing"; `visits.py`),
    where no other finder has named it: named "Cho's visit to Beijing", the visitor the
    sentence's subject where the words around the place name none."""
    for passage, text in enumerate(article.texts):
        if not article.english[passage] or not visits.may_hold(text):
            continue
        spans = [s for s in article.spans if s.passage == passage]
        people = sorted(
            (s for s in spans if s.target.removeprefix("person:") in article.people),
            key=_by_start,
        )
        places = [s for s in spans if s.target.startswith("place:")]
        for person in people:
            after = visits.after_visitor(text, person.end)
            place = _longest_at(places, after[0]) if after else None
            if after is not None and place is not None:
                written = text[person.start : person.end]
                _add_visit(article, passage, person.start, place.end, written, after[1], place)
        for place in places:
            before = visits.before_place(text, place.start)
            if before is None:
                continue
            start, kind, named_after = before
            by = next((p for p in people if p.start > place.end), None) if named_after else None
            visitor: _Span | None = by
            if by is not None and visits.by_visitor(text, place.end, by.start):
                end = by.end
            else:
                visitor, end = _subject(article, passage, start), place.end
            if visitor is not None:
                name = _press_name(article, visitor.target[7:], "en")
                _add_visit(article, passage, start, end, name, kind, place)


def _add_visit(
    article: _Article, passage: int, start: int, end: int, visitor: str, kind: str, place: _Span
) -> None:
    if any(
        s.passage == passage and s.target.startswith("event:") and s.start < end and start < s.end
        for s in article.spans
    ):
        return  # named already: "state visit to Astana", "visit of President … to China"
    name = visits.visit_name(visitor, kind, article.entities[place.target].name)
    article.add(EntityRef(name, "event"), passage, start, end, (3, end - start, 0))
    _nest_inside(article, article.spans[-1])


def _by_start(span: _Span) -> tuple[int, int]:
    return span.start, -span.end


def _longest_at(spans: list[_Span], start: int) -> _Span | None:
    return max((s for s in spans if s.start == start), key=lambda s: s.end, default=None)


# Where a sentence ends: a stop and a space before the next one's first word.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?[ \t]+(?=[\"“]?[A-Z])")


def _subject(article: _Article, passage: int, at: int) -> _Span | None:
    """The person a clause is about: the last its sentence names before `at` ("Polish
    President Andrzej Duda is expected to visit Kyiv"), else the first the sentence before
    names ("She said she looked forward to visiting Hanoi")."""
    text = article.texts[passage]
    ends = [0, *(m.end() for m in _SENTENCE_END.finditer(text, 0, at))]
    people = sorted(
        (
            s
            for s in article.spans
            if s.passage == passage and s.target.removeprefix("person:") in article.people
        ),
        key=_by_start,
    )
    nearest = [s for s in people if ends[-1] <= s.start and s.end <= at]
    if nearest:
        return nearest[-1]
    before = ends[-2] if len(ends) > 1 else 0
    return next((s for s in people if before <= s.start and s.end <= ends[-1]), None)


def _find_visits_by_kind(article: _Article, language: str) -> None:
    """A visit said by its kind ("a three-day official visit", "официальным визитом";
    `talks.visit_kinds`) is the visit of the person named last before it in its paragraph,
    where no other finder has named it: one event per visitor."""
    language = SIBLINGS.get(language, language)
    for passage, text in enumerate(article.texts):
        for start, end in visit_kinds(text, language):
            spans = [s for s in article.spans if s.passage == passage]
            if any(
                s.target.startswith("event:") and s.start < end and start < s.end for s in spans
            ):
                continue
            before = [
                s
                for s in spans
                if s.end <= start and s.target.removeprefix("person:") in article.people
            ]
            if not before:
                continue
            visitor = article.people[max(before, key=lambda s: s.end).target[len("person:") :]]
            name = visit_name(language, visitor.name, text[start:end])
            article.add(EntityRef(name, "event"), passage, start, end, (1, end - start, 0))


def _find_calls_on(article: _Article, language: str) -> None:
    """A courtesy call on a host ("paid a courtesy call on Hun Manet"; `talks.calls_on`): an
    event from the noun to the host's name, through the host's title, named after the person
    named before it (the visitor) and the host; both stay inside as its link."""
    for passage, text in enumerate(article.texts):
        for start, end in calls_on(text, language):
            people = [
                s
                for s in article.spans
                if s.passage == passage and s.target.removeprefix("person:") in article.people
            ]
            host = min((s for s in people if s.start >= end), key=lambda s: s.start, default=None)
            if host is None or not _TITLE_ONLY.fullmatch(text[end : host.start]):
                continue
            if urges(text, host.end):
                continue
            before = [s for s in people if s.end <= start]
            visitor = max(before, key=lambda s: s.end, default=None)
            name = call_name(
                _press_name(article, visitor.target[7:], "en") if visitor else None,
                _press_name(article, host.target[7:], "en"),
            )
            article.add(
                EntityRef(name, "event"), passage, start, host.end, (3, host.end - start, 0)
            )
            _nest_inside(article, article.spans[-1])
        for start, end, reach in calls_received(text, language):
            people = [
                s
                for s in article.spans
                if s.passage == passage and s.target.removeprefix("person:") in article.people
            ]
            host = max((s for s in people if s.end <= start), key=lambda s: s.end, default=None)
            guest = min(
                (s for s in people if end < s.start < reach), key=lambda s: s.start, default=None
            )
            if host is not None and guest is not None and guest.target != host.target:
                name = call_name(
                    _press_name(article, guest.target[7:], "en"),
                    _press_name(article, host.target[7:], "en"),
                )
                article.add(EntityRef(name, "event"), passage, start, end, (3, end - start, 0))


# The host's title between "call on" and the host's name: capitalised words only.
_TITLE_ONLY = re.compile(r"(?:[A-Z][\w.-]*[ \t]+){0,5}")


def _person_name(article: _Article, span: _Span) -> str:
    return article.people[span.target.removeprefix("person:")].name


def _principals(article: _Article) -> list[str]:
    """The two people a story names most, by key, in the order the story first names them
    (the press writes "Botchorishvili–Mirzoyan talks" after the host it names first)."""
    count: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for span in article.spans:
        key = span.target.removeprefix("person:")
        if key != span.target and key in article.people:
            count[key] += 1
            at = (span.passage, span.start)
            if at < first.get(key, at):
                first[key] = at
            first.setdefault(key, at)
    most = sorted(count, key=lambda key: (-count[key], first[key]))[:2]
    return sorted(most, key=lambda key: first[key])


# Languages whose press names a pair's talks by the surnames it refers to them by ("Lavrov–
# Wang Yi talks", "entretiens Raggi - Lavrov", "pertemuan Sugiono - Maris"). Russian declines
# them and Vietnamese writes names whole, so those keep the full names.
_SURNAMED_TALKS = frozenset({"en", "fr", "id"})


# Countries whose names end on a given name or a father's, not a family name: the press
# calls To Lam "Lam" and Mohamad Hasan "Mohamad", but a pair's talks keep the whole name.
_NO_SURNAME_LAST = frozenset({"Vietnam", "Malaysia", "Myanmar", "Indonesia", "Cambodia"})


def _press_name(article: _Article, key: str, language: str) -> str:
    """A principal as the story refers to them once named: the one word of a two-word name it
    uses alone most ("Mirzoyan", "Wang"), else the full name ("Nguyen Minh Hang")."""
    person = article.people[key]
    name, words = person.name, person.name.split()
    if language not in _SURNAMED_TALKS or len(words) != 2:
        return name
    if person.countries and person.countries.most_common(1)[0][0] in _NO_SURNAME_LAST:
        return name
    alone = Counter(
        surface
        for s in article.spans
        if s.target == f"person:{key}"
        and (surface := article.texts[s.passage][s.start : s.end]) in words
    )
    return alone.most_common(1)[0][0] if alone else name


def _refers_back(article: _Article, passage: int, start: int, noun: str) -> bool:
    """Whether a bare "the meeting" is a named one said before it ("the Special ASEAN-Russia
    Foreign Ministers' Meeting … during the meeting")."""
    said = fold(noun)
    return any(
        s.target.startswith("event:")
        and (s.passage, s.start) < (passage, start)
        and said in fold(article.texts[s.passage][s.start : s.end])
        for s in article.spans
    )


def _visit_end(
    article: _Article, passage: int, text: str, at: int, link: re.Pattern[str], vietnamese: bool
) -> int | None:
    """Where the visit that names its visitor (Vietnamese: its destination) from `at` ends."""
    first, second = ("place:", "person:") if vietnamese else ("person:", "place:")
    gap = 0 if vietnamese else _gap(text, at)
    spans = [s for s in article.spans if s.passage == passage]
    for span in spans:
        if span.target.startswith(first) and at <= span.start <= at + gap:
            joined = link.match(text, span.end)
            if joined is None:
                continue
            rest = _gap(text, joined.end()) if vietnamese else 0
            # The visitor may follow a long title ("Thủ tướng Quốc vụ viện Lý Cường"): the
            # furthest name that starts within it.
            ends = [
                other.end
                for other in spans
                if other.target.startswith(second)
                and joined.end() <= other.start <= joined.end() + rest
            ]
            # A name that runs on past the span ("Thủ tướng Quốc vụ viện …") was cut short.
            if ends and not _NAME_GOES_ON.match(text, max(ends)):
                return max(ends)
    return None


_NAME_GOES_ON = re.compile(r"[ \t]+[A-ZÀ-ÝĐ\u1ea0-\u1ef8]")


def _gap(text: str, at: int) -> int:
    """How far a visitor's title may run from `at` (`named_events.VISITOR_GAP`)."""
    found = VISITOR_GAP.match(text, at)
    return len(found.group()) if found else 0


def _nest_inside(article: _Article, event: _Span) -> None:
    """The best of the places, bodies and people named within `event`, kept inside it."""
    inner = [
        s
        for s in article.spans
        if s.passage == event.passage
        and event.start <= s.start
        and s.end <= event.end
        and (s.start, s.end) != (event.start, event.end)
        and s.target.startswith(_LINKS)
    ]
    kept: list[_Span] = []
    for span in sorted(inner, key=lambda s: s.rank, reverse=True):
        if not any(span.start < k.end and k.start < span.end for k in kept):
            kept.append(span)
            article.nested.append((event, span))


_LINKS = ("place:", "organization:", "person:")


def _organisation_spans(article: _Article) -> dict[int, list[tuple[_Span, EntityRef]]]:
    spans: dict[int, list[tuple[_Span, EntityRef]]] = {}
    for span in article.spans:
        entity = article.entities.get(span.target)
        # "Bay of Bengal Initiative … (BIMSTEC)" is a topic by its head, a body by its summits.
        if entity is not None and (
            entity.kind == "organization" or _is_acronym_span(article, span)
        ):
            spans.setdefault(span.passage, []).append((span, entity))
    return spans


def _is_acronym_span(article: _Article, span: _Span) -> bool:
    surface = article.texts[span.passage][span.start : span.end]
    return surface in article.used_acronyms and acronym_finder.is_acronym_shape(surface)


def _add_gathering(
    article: _Article,
    passage: int,
    gathering: Gathering,
    name: str,
    organisations: list[tuple[_Span, EntityRef]] | None,
) -> None:
    of = gathering.organisation
    entity = EntityRef(name, "event", description=f"a meeting of {of}" if of else None)
    start, end = gathering.start, gathering.end
    article.add(entity, passage, start, end, (2, end - start, 1))
    summit = article.spans[-1]
    for span, _ in organisations or ():
        if start <= span.start and span.end <= end:
            article.nested.append((summit, span))


def _stem_key(name: str) -> tuple[str, ...]:
    return tuple(fold(word)[:5] for word in name.split())


def _with_nested(article: _Article, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The settled mentions, plus each organisation named inside a summit, and each place
    inside a body, kept there."""
    if not article.nested:
        return mentions
    outer = ("event", "topic", "organization")
    chosen = {(m.passage, m.start, m.end) for m in mentions if m.entity.kind in outer}
    refs = _entity_refs(article)
    inner = {
        Mention(
            o.passage,
            o.start,
            o.end,
            article.texts[o.passage][o.start : o.end],
            refs[o.target],
            o.role,
        )
        for summit, o in article.nested
        if (summit.passage, summit.start, summit.end) in chosen and o.target in refs
    }
    if not inner:
        return mentions
    return tuple(sorted({*mentions, *inner}, key=lambda m: (m.passage, m.start, -m.end)))


def _find_acts(article: _Article) -> None:
    """ "the withdrawal of Mali, Burkina Faso and Niger from ECOWAS": one topic, its parties
    still named inside it (`acts.py`)."""
    demonyms = article.gazetteer.demonyms
    named: dict[tuple[str, str], EntityRef] = {}
    for passage, text in enumerate(article.texts):
        for act in acts(text, lambda words: " ".join(words.lower().split()) in demonyms):
            # The first wording names the act; a later, shorter one ("… from ECOWAS") is it too.
            entity = named.setdefault(act.key, EntityRef(text[act.start : act.end], "topic"))
            inner = [
                s
                for s in article.spans
                if s.passage == passage and act.start <= s.start and s.end <= act.end
            ]
            article.add(entity, passage, act.start, act.end, (2, act.end - act.start, 1))
            article.nested += [(article.spans[-1], s) for s in inner]


def _find_matters_of_parties(article: _Article, language: str) -> None:
    """ "guerre en Ukraine", "keketuaan ASEAN": a matter of a named party (`acts.py`)."""
    for passage, text in enumerate(article.texts):
        for start, end in matters_of_parties(text, language, lambda n: _is_party(article, n)):
            _add_with_parties(article, passage, start, end)


def _find_measures(article: _Article) -> None:
    """ "US sanctions on Tehran", "tariffs on Chinese electric vehicles" (`acts.py`)."""
    demonyms = article.gazetteer.demonyms
    for passage, text in enumerate(article.texts):
        for start, end in measures(
            text,
            lambda name: _is_party(article, name),
            lambda words: " ".join(words.lower().split()) in demonyms,
            is_function_word,
        ):
            _add_with_parties(article, passage, start, end)


def _find_parties(article: _Article) -> None:
    """ "the free-trade agreement between Mercosur and the European Union", "Treaty on Basic
    Relations between Japan and the Republic of Korea": a topic with its parties is one name.
    Listed topics keep their own name ("code of conduct … between ASEAN and China")."""
    matters: list[tuple[str, str]] = []  # a matter's words, the key of the topic with parties
    for passage, text in enumerate(article.texts):
        for start, end in paired_matters(
            text,
            lambda name: _is_party(article, name),
            lambda words: _unlisted_matter(article, words),
        ):
            target = _add_with_parties(article, passage, start, end)
            matters.append((_words(text[start:end]), target))
    for span in list(article.spans):
        entity = article.entities.get(span.target)
        text = article.texts[span.passage]
        after = parties_after(text, span.end) if entity and entity.kind == "topic" else None
        if after is None or article.gazetteer.lookup(phrase_key(text[span.start : span.end])):
            continue
        target = _add_with_parties(article, span.passage, span.start, after)
        matters.append((_words(text[span.start : span.end]), target))
    # Said again without its parties ("the trade agreement", "the gas pipeline"), a key phrase
    # is the one matter the article names with them that ends in its words ("free-trade
    # agreement"); "trilateral cooperation" is not "military cooperation between …".
    for i, span in enumerate(article.spans):
        if span.rank[0] < 0 and span.target.startswith("topic:") and matters:
            said = _words(article.texts[span.passage][span.start : span.end])
            same = {target for words, target in matters if (" " + words).endswith(" " + said)}
            if len(same) == 1:
                article.spans[i] = replace(span, target=same.pop())


def _words(text: str) -> str:
    """ "Free-trade agreement" → "free trade agreement", for comparing a matter's words."""
    return " ".join(fold(text).replace("-", " ").split())


_NO_ENTITY = EntityRef("", "topic")


def _add_with_parties(article: _Article, passage: int, start: int, end: int) -> str:
    """Adds the topic `texts[passage][start:end]`, its parties nested; returns its key."""
    # The parties stay named inside it; a shorter topic there ("treaty on basic relations") not.
    inner = [
        s
        for s in article.spans
        if s.passage == passage
        and start <= s.start
        and s.end <= end
        and article.entities.get(s.target, _NO_ENTITY).kind in ("place", "organization")
    ]
    # One name per place: the best of the candidates there, as settling would choose.
    best: dict[tuple[int, int], _Span] = {}
    for s in sorted(inner, key=lambda s: s.rank):
        best[(s.start, s.end)] = s
    topic = EntityRef(article.texts[passage][start:end], "topic")
    article.add(topic, passage, start, end, (2, end - start, 1))
    article.nested += [(article.spans[-1], s) for s in best.values()]
    return article.spans[-1].target


def _unlisted_matter(article: _Article, words: str) -> bool:
    """A matter no list names: "gas pipeline"; "strategic partnership" keeps its listed name."""
    return not article.gazetteer.lookup(phrase_key(words)) and is_matter(words, "en")


def _is_party(article: _Article, name: str) -> bool:
    """A country, place or body a matter may be between: "Iran", "EU", "North Korea"."""
    aliases = article.gazetteer.lookup(phrase_key(name))
    return any(a.entry.kind in ("place", "organization") for a in aliases)


def _with_names_inside(
    article: _Article, mentions: tuple[Mention, ...], *, english: bool
) -> tuple[Mention, ...]:
    """The mentions, plus each place named inside a matter and each body inside an event of
    another language: "the Cyprus issue" is about Cyprus too."""
    containers: dict[int, list[tuple[int, int, EntityKind]]] = {}
    for m in mentions:
        if m.entity.kind in ("event", "topic"):
            containers.setdefault(m.passage, []).append((m.start, m.end, m.entity.kind))
    inside = [
        s
        for s in article.spans
        if any(a <= s.start and s.end <= b for a, b, _ in containers.get(s.passage, ()))
    ]
    if not inside:
        return mentions
    # Names already chosen that a name inside may not cross: all but events and matters.
    taken = [
        (m.passage, m.start, m.end) for m in mentions if m.entity.kind not in ("event", "topic")
    ]
    refs = _entity_refs(article)
    added: list[Mention] = []
    for span in sorted(inside, key=lambda s: s.rank, reverse=True):
        entity = refs.get(span.target)
        if entity is None or not any(
            a <= span.start and span.end <= b and _named_inside(kind, entity, english)
            for a, b, kind in containers[span.passage]
        ):
            continue
        if any(p == span.passage and span.start < b and a < span.end for p, a, b in taken):
            continue
        taken.append((span.passage, span.start, span.end))
        text = article.texts[span.passage][span.start : span.end]
        added.append(Mention(span.passage, span.start, span.end, text, entity, span.role))
    return tuple(sorted({*mentions, *added}, key=lambda m: (m.passage, m.start, -m.end)))


def _without_bodies_in_titles(
    article: _Article, mentions: tuple[Mention, ...]
) -> tuple[Mention, ...]:
    """The mentions but a body named only as part of a document's title: "Charte des Nations
    unies", "Công ước Liên Hợp Quốc về Luật Biển"."""
    return tuple(
        m
        for m in mentions
        if m.entity.kind != "organization"
        or not in_treaty_title(article.texts[m.passage], m.start, article.language)
    )


def _named_inside(outer: EntityKind, inner: EntityRef, english: bool) -> bool:
    """Places inside matters, and bodies inside events of other languages ("совещании Россия —
    АСЕАН"). Inside an English event a name would become one of its participants: the summit
    finder and `_find_issues` nest the ones they link to themselves."""
    if inner.kind == "place":
        return outer == "topic"
    return inner.kind == "organization" and outer == "event" and not english


def _find_initiatives(article: _Article, language: str | None) -> None:
    """Initiatives named in quotation marks ("Crossroads of Peace" project): topics."""
    for passage, text in enumerate(article.texts):
        for found in initiatives(text, language):
            entity = EntityRef(found.name, "topic")
            article.add(entity, passage, found.start, found.end, (1, found.end - found.start, 1))


def _find_key_phrases(article: _Article, passages: Sequence[Passage], language: str | None) -> None:
    """Matters no list names ("energy security"), below every other cue where they overlap."""
    title = next((i for i, p in enumerate(passages) if p.kind == "title"), None)
    # Topics with a name of their own, not the lower-case ones of the lists ("sanctions").
    named = [
        e.name for e in article.entities.values() if e.kind == "topic" and not e.name.islower()
    ]
    for phrase in key_phrases(article.texts, language, title):
        if restates(phrase, named, language):
            continue
        entity = EntityRef(phrase.name, "topic")
        for o in phrase.occurrences:
            article.add(entity, o.passage, o.start, o.end, (-1, o.end - o.start, 0))


# --- settling overlaps and building the result -----------------------------------------------


def _settle(article: _Article) -> tuple[Mention, ...]:
    taken: dict[int, list[tuple[int, int]]] = {}
    chosen: list[_Span] = []
    for span in sorted(article.spans, key=lambda s: s.rank, reverse=True):
        spans = taken.setdefault(span.passage, [])
        if any(span.start < end and start < span.end for start, end in spans):
            continue
        spans.append((span.start, span.end))
        chosen.append(span)
    refs = _entity_refs(article)
    chosen.sort(key=lambda s: (s.passage, s.start))
    return tuple(
        Mention(
            s.passage,
            s.start,
            s.end,
            article.texts[s.passage][s.start : s.end],
            refs[s.target],
            s.role,
        )
        for s in chosen
        if s.target in refs
    )


def _entity_refs(article: _Article) -> dict[str, EntityRef]:
    refs = {key: _fuller_event(article, entity) for key, entity in article.entities.items()}
    for key, person in article.people.items():
        country = person.countries.most_common(1)[0][0] if person.countries else None
        # "Sergueï Lavrov" is the Sergey Lavrov the store knows, whose country it may not say;
        # the store files both spellings under one key and shows the commoner.
        known = _known_person(article, person.name) if article.known and not country else None
        country = known.country if known else country
        refs["person:" + key] = EntityRef(person.name, "person", country)
    _with_home_country(article, refs)
    return refs


def _with_home_country(article: _Article, refs: dict[str, EntityRef]) -> None:
    """A national office named with no country is the country whose language the article
    is in, where a language has one country: "Thủ tướng Phạm Minh Chính", "Menteri Luar
    Negeri Sugiono" (the press qualifies a foreign office: "Ngoại trưởng Nga"). In
    Vietnamese the name must be Vietnamese too: "Thủ tướng Narendra Modi" may stand alone."""
    home = _HOME_COUNTRIES.get(article.language or "")
    if home is None:
        # Worked out once: the refs are built again for each pass over the mentions.
        if article.home_party is None:
            article.home_party = (_home_party(article, refs),)
        home = article.home_party[0]
    if home is None:
        return
    roles = {span.target: span.role for span in article.spans if span.role}
    for key, ref in refs.items():
        role = roles.get(key)
        if ref.kind != "person" or ref.country or not role:
            continue
        native = all(is_vietnamese_syllable(w) for w in ref.name.split())
        # A Vietnamese-named General Secretary is the Party's, not the UN's.
        if _INTERNATIONAL.search(role) and not (native and role == "General Secretary"):
            continue
        if home != "Vietnam" or native:
            refs[key] = replace(ref, country=home)


def _home_party(article: _Article, refs: dict[str, EntityRef]) -> str | None:
    """In a story between two countries, the one whose people the press leaves unqualified:
    of its two most-named countries (places in them counted too), the other one's people are
    said to be theirs ("his Vietnamese counterpart", "Minister of Foreign Affairs of
    Malaysia"), so an unqualified "Foreign Minister Maris" is of the first. None when both
    or neither party is qualified."""
    seen: set[tuple[int, int]] = set()
    named: Counter[str] = Counter()
    for span in article.spans:
        if span.target.startswith("place:") and (span.passage, span.start) not in seen:
            seen.add((span.passage, span.start))
            country = article.entities[span.target].country
            named[country or ""] += 1
    del named[""]
    parties = [country for country, _ in named.most_common(2)]
    said = {ref.country for ref in refs.values() if ref.kind == "person" and ref.country}
    unsaid = [country for country in parties if country not in said]
    return unsaid[0] if len(parties) == 2 and len(unsaid) == 1 else None


def _fuller_event(article: _Article, entity: EntityRef) -> EntityRef:
    """ "ASEAN-China Foreign Ministers’ Meeting" after "Special ASEAN-China …" is that one."""
    if entity.kind != "event":
        return entity
    suffix = " " + fold(entity.name)
    fuller = [
        e for e in article.entities.values() if e.kind == "event" and fold(e.name).endswith(suffix)
    ]
    return fuller[0] if len(fuller) == 1 else entity


def _acronyms(article: _Article) -> tuple[Acronym, ...]:
    return tuple(Acronym(short, long) for short, long in sorted(article.used_acronyms.items()))
