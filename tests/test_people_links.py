"""People linked across articles whichever came first (issues 13 and 14): an initial or a
surname alone to the full name, a Russian transcription to the English spelling, a Chinese
name in its Hán-Việt reading to its pinyin; different people with alike names kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.compose import Limits, brief_who
from briefings.han_viet import pinyin_names, syllable_key
from briefings.ingest import linking
from briefings.model import EntityRef
from briefings.same_person import completes, misspelt, same_transcription
from store import Store
from store.records import PersonSeen

from .conftest import run_ingest

JAISHANKAR_INITIAL = """India and Brazil agree to widen farm trade

NEW DELHI, March 4 (Reuters) - External Affairs Minister S. Jaishankar held talks with \
Brazilian Foreign Minister Mauro Vieira in New Delhi on Tuesday, India's foreign ministry said.

Jaishankar said the two countries had agreed to widen trade in farm goods and to work together \
on biofuels.

"Brazil is a key partner for India in Latin America," Jaishankar told reporters after the talks.
"""
JAISHANKAR_FULL = """India's foreign minister visits Canberra

Indian External Affairs Minister Subrahmanyam Jaishankar met Australian Foreign Minister Penny \
Wong in Canberra on Monday for the annual foreign ministers' dialogue, the two governments said.

Jaishankar said India valued its partnership with Australia in the Indian Ocean, and the two \
ministers discussed critical minerals and education.

Wong said the relationship had never been stronger.
"""
JAISHANKAR_RUSSIAN = """Лавров и Джайшанкар обсудили поставки удобрений

МОСКВА, 8 июля. Министр иностранных дел России Сергей Лавров провел в Москве переговоры с \
министром иностранных дел Индии Субраманьямом Джайшанкаром.

Джайшанкар, в свою очередь, сообщил, что Индия заинтересована в долгосрочных поставках \
российских удобрений.
"""
WANG_YI_VIETNAMESE = """Bộ trưởng Ngoại giao Bùi Thanh Sơn điện đàm với Bộ trưởng Ngoại giao \
Trung Quốc Vương Nghị

Hà Nội, ngày 5/3 - Chiều 5/3, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Ủy viên Bộ \
Chính trị, Bộ trưởng Ngoại giao Trung Quốc Vương Nghị.

Hai bên nhất trí tăng cường trao đổi đoàn các cấp và thúc đẩy hợp tác thương mại, đầu tư giữa \
hai nước.

Bộ trưởng Vương Nghị cho biết Trung Quốc coi trọng quan hệ với Việt Nam.
"""
WANG_YI_ENGLISH = """Wang Yi holds phone talks with Vietnamese counterpart

BEIJING, March 5 (Xinhua) -- Chinese Foreign Minister Wang Yi held phone talks with Vietnamese \
Foreign Minister Bui Thanh Son on Tuesday, pledging to deepen practical cooperation.

Wang said China and Vietnam are good neighbours and partners, and that the two sides should \
push forward trade and investment.

Son said Vietnam attached importance to its relations with China.
"""
LI_QIANG_VIETNAMESE = """Việt Nam và Trung Quốc thúc đẩy kết nối đường sắt

Hà Nội, ngày 14/10 - Hai bên đánh giá cao kết quả chuyến thăm Việt Nam của Thủ tướng Quốc vụ \
viện Trung Quốc Lý Cường, trong đó có các thỏa thuận về kết nối đường sắt và thương mại biên \
giới.

Các bộ, ngành hai nước sẽ sớm triển khai các thỏa thuận đã ký.
"""
LI_QIANG_ENGLISH = """Chinese Premier visits Hanoi

HANOI (Reuters) - Chinese Premier Li Qiang arrived in Hanoi on Friday for a three-day visit, \
with rail links and border trade high on the agenda.

Li said China was ready to speed up work on a rail line linking the two countries.
"""
VIETNAMESE_NAMESAKE = """Thứ trưởng Ngoại giao tiếp Đại sứ Nhật Bản

Hà Nội, ngày 20/10 - Thứ trưởng Ngoại giao Lý Cường đã tiếp Đại sứ Nhật Bản tại Việt Nam, \
trao đổi về hợp tác lao động và du lịch.

Thứ trưởng Lý Cường đề nghị hai bên tăng cường các chuyến bay thẳng.
"""
LAVROV_RUSSIAN = """Глава МИД Вьетнама прибудет в Москву

МОСКВА, 12 апреля. Министр иностранных дел Вьетнама Буй Тхань Шон проведет в Москве переговоры \
с главой российского МИД, сообщили в министерстве.

Глава МИД России Лавров заявил, что Москва рассчитывает на расширение торговли с Ханоем.

По данным министерства, в ходе переговоров Лаврова и Буй Тхань Шона будут обсуждены вопросы \
торговли и энергетики.
"""
LAVROV_ENGLISH = """Lavrov meets Vietnamese foreign minister in Moscow

MOSCOW, April 15 (Reuters) - Russian Foreign Minister Sergey Lavrov held talks with Vietnamese \
Foreign Minister Bui Thanh Son in Moscow on Tuesday, discussing trade and energy.

Lavrov said Russia valued its comprehensive strategic partnership with Vietnam.
"""
SUGIONO_ENGLISH = """Indonesia's foreign minister heads to Moscow

JAKARTA - Foreign Minister Sugiono will travel to Moscow next week for talks on energy and \
food security, the foreign ministry said on Friday.

Sugiono said Indonesia kept a free and active foreign policy.
"""
SUGIONO_RUSSIAN = """Лавров провел переговоры с главой МИД Индонезии

МОСКВА, 15 апреля. Министр иностранных дел России Сергей Лавров провел переговоры с министром \
иностранных дел Индонезии.

Сугионо, в свою очередь, заявил, что Джакарта заинтересована в поставках российской пшеницы.
"""
RETNO = """Indonesia, Japan discuss maritime security

JAKARTA - Indonesian Foreign Minister Retno Marsudi met her Japanese counterpart in Jakarta on \
Monday to discuss maritime security and investment.

Marsudi said the two countries would hold a two-plus-two dialogue later this year.
"""
RETNO_AGAIN = """Indonesia calls for ceasefire in Gaza

JAKARTA - Indonesian Foreign Minister Retno Marsudi on Wednesday called for an immediate \
ceasefire in Gaza and more humanitarian aid.

Marsudi told reporters that Indonesia would send a second aid shipment next week.
"""
RETNO_MISSPELT = """ASEAN ministers meet in Vientiane

VIENTIANE - Indonesian Foreign Minister Retno Masudi urged ASEAN members on Thursday to keep \
the bloc united on Myanmar.

Masudi said the five-point consensus remained the bloc's main reference.
"""
TRADE_MINISTER = """Spain signs trade pact with Chile

MADRID - Spanish Trade Minister Maria Fernandes signed a trade facilitation agreement with \
Chile on Monday.

Fernandes said exports of olive oil and wine would benefit.
"""
FOREIGN_MINISTER = """Spain condemns attack on embassy

MADRID - Spanish Foreign Minister Maria Fernandez on Tuesday condemned an attack on the \
Spanish embassy in Khartoum.

Fernandez said no staff had been hurt.
"""
LAWRENCE_WONG = """Singapore's prime minister opens port terminal

SINGAPORE - Prime Minister Lawrence Wong opened the new Tuas port terminal on Friday, saying \
the country must stay open to trade.

Wong said Singapore would keep investing in its port and airport.
"""
KIM_YO_JONG = """North Korea warns South over leaflets

SEOUL (AP) - Kim Yo Jong, the powerful sister of North Korean leader Kim Jong Un, warned \
South Korea on Sunday over propaganda leaflets flown across the border.

Kim Yo Jong said the North would respond to what she called provocations.
"""
KIM_JONG_UN = """Kim Jong Un inspects missile factory

SEOUL (AP) - North Korean leader Kim Jong Un inspected a munitions factory and called for \
more missile launchers, state media said on Monday.

Kim Jong Un said the factory must raise its output.
"""


def ingest_in_order(store: Store, folder: Path, texts: list[tuple[str, str]]) -> None:
    """Each article ingested on its own, in this order: a run learns only from the ones before."""
    for name, text in texts:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        assert 1 == run_ingest(store, [str(path)]).counts["new"]


def cited(store: Store, name: str) -> set[str]:
    """The files a `who NAME` briefing cites."""
    briefing = brief_who(store, name, Limits().more())
    return {Path(source.path).name for source in briefing.sources if source.path}


def people(store: Store) -> set[str]:
    rows = store.db.execute("SELECT name FROM entities WHERE kind = 'person'")
    return {row[0] for row in rows}


BOTH_ORDERS = pytest.mark.parametrize("reverse", [False, True], ids=["in order", "reversed"])


@BOTH_ORDERS
def test_an_initial_form_and_the_full_name_are_one_person(
    store: Store, tmp_path: Path, reverse: bool
) -> None:
    texts = [("initial.txt", JAISHANKAR_INITIAL), ("full.txt", JAISHANKAR_FULL)]
    ingest_in_order(store, tmp_path, texts[::-1] if reverse else texts)
    assert {"initial.txt", "full.txt"} == cited(store, "Jaishankar")
    assert {"initial.txt", "full.txt"} == cited(store, "S. Jaishankar")
    assert {"Subrahmanyam Jaishankar"} == {p for p in people(store) if "Jaishankar" in p}


def test_a_russian_transcription_joins_the_english_spelling_and_its_initial_form(
    store: Store, tmp_path: Path
) -> None:
    # The worst order: the initial first, then the Russian transcription, then the English.
    ingest_in_order(
        store,
        tmp_path,
        [
            ("initial.txt", JAISHANKAR_INITIAL),
            ("russian.txt", JAISHANKAR_RUSSIAN),
            ("full.txt", JAISHANKAR_FULL),
        ],
    )
    assert {"initial.txt", "russian.txt", "full.txt"} == cited(store, "Jaishankar")
    assert {"Subrahmanyam Jaishankar"} == {p for p in people(store) if "shankar" in p}


@BOTH_ORDERS
def test_a_chinese_name_in_han_viet_is_its_pinyin_name(
    store: Store, tmp_path: Path, reverse: bool
) -> None:
    texts = [("vi.txt", WANG_YI_VIETNAMESE), ("en.txt", WANG_YI_ENGLISH)]
    ingest_in_order(store, tmp_path, texts[::-1] if reverse else texts)
    assert {"vi.txt", "en.txt"} == cited(store, "Wang Yi")
    assert {"vi.txt", "en.txt"} == cited(store, "Vương Nghị")
    assert "Vương Nghị" not in people(store)


@BOTH_ORDERS
def test_chinas_premier_in_han_viet_is_the_premier_in_pinyin(
    store: Store, tmp_path: Path, reverse: bool
) -> None:
    texts = [("vi.txt", LI_QIANG_VIETNAMESE), ("en.txt", LI_QIANG_ENGLISH)]
    ingest_in_order(store, tmp_path, texts[::-1] if reverse else texts)
    assert {"vi.txt", "en.txt"} == cited(store, "Li Qiang")


@BOTH_ORDERS
def test_a_vietnamese_namesake_of_a_chinese_leader_stays_apart(
    store: Store, tmp_path: Path, reverse: bool
) -> None:
    # Lý Cường is also a Vietnamese name: a Vietnamese official is not China's premier.
    texts = [("vi.txt", VIETNAMESE_NAMESAKE), ("en.txt", LI_QIANG_ENGLISH)]
    ingest_in_order(store, tmp_path, texts[::-1] if reverse else texts)
    assert {"en.txt"} == cited(store, "Li Qiang")
    assert {"vi.txt"} == cited(store, "Lý Cường")


@BOTH_ORDERS
def test_a_russian_surname_alone_joins_the_full_name(
    store: Store, tmp_path: Path, reverse: bool
) -> None:
    texts = [("ru.txt", LAVROV_RUSSIAN), ("en.txt", LAVROV_ENGLISH)]
    ingest_in_order(store, tmp_path, texts[::-1] if reverse else texts)
    assert {"ru.txt", "en.txt"} == cited(store, "Sergey Lavrov")
    assert "Lavrov" not in people(store)


def test_a_name_in_cyrillic_alone_is_the_person_an_earlier_article_named(
    store: Store, tmp_path: Path
) -> None:
    # "Сугионо" does not decline: read in Latin letters it is the Sugiono already known.
    ingest_in_order(store, tmp_path, [("en.txt", SUGIONO_ENGLISH), ("ru.txt", SUGIONO_RUSSIAN)])
    assert {"en.txt", "ru.txt"} == cited(store, "Sugiono")


@pytest.mark.parametrize(
    "order",
    [("1", "2", "typo"), ("typo", "1", "2"), ("1", "typo", "2")],
    ids=["misspelt last", "misspelt first", "misspelt between"],
)
def test_a_surname_misspelt_by_a_letter_is_the_person_in_the_same_office(
    store: Store, tmp_path: Path, order: tuple[str, ...]
) -> None:
    texts = {"1": RETNO, "2": RETNO_AGAIN, "typo": RETNO_MISSPELT}
    ingest_in_order(store, tmp_path, [(f"{name}.txt", texts[name]) for name in order])
    assert {"1.txt", "2.txt", "typo.txt"} == cited(store, "Retno Marsudi")
    # The spelling most articles write is the one shown, whichever came first.
    assert {"Retno Marsudi"} == people(store)


def test_alike_names_in_different_offices_stay_apart(store: Store, tmp_path: Path) -> None:
    ingest_in_order(
        store, tmp_path, [("trade.txt", TRADE_MINISTER), ("foreign.txt", FOREIGN_MINISTER)]
    )
    assert {"Maria Fernandes", "Maria Fernandez"} == people(store)


@BOTH_ORDERS
def test_two_people_of_one_surname_stay_apart(store: Store, tmp_path: Path, reverse: bool) -> None:
    texts = [("penny.txt", JAISHANKAR_FULL), ("lawrence.txt", LAWRENCE_WONG)]
    ingest_in_order(store, tmp_path, texts[::-1] if reverse else texts)
    assert {"Penny Wong", "Lawrence Wong"} <= people(store)
    assert {"lawrence.txt"} == cited(store, "Lawrence Wong")
    assert {"penny.txt"} == cited(store, "Penny Wong")


@BOTH_ORDERS
def test_a_leader_and_his_sister_stay_apart(store: Store, tmp_path: Path, reverse: bool) -> None:
    texts = [("sister.txt", KIM_YO_JONG), ("leader.txt", KIM_JONG_UN)]
    ingest_in_order(store, tmp_path, texts[::-1] if reverse else texts)
    assert {"Kim Yo Jong", "Kim Jong Un"} <= people(store)
    assert {"leader.txt", "sister.txt"} == cited(store, "Kim Jong Un")
    assert {"sister.txt"} == cited(store, "Kim Yo Jong")


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("S. Jaishankar", "Subrahmanyam Jaishankar", True),
        ("S Jaishankar", "Subrahmanyam Jaishankar", True),
        ("Lavrov", "Sergey Lavrov", True),
        ("A. K. Antony", "Arackaparambil Kurian Antony", True),
        ("J. Jaishankar", "Subrahmanyam Jaishankar", False),
        ("Marcos", "Ferdinand Marcos Jr", False),  # the son is no plain Marcos
        ("Wong", "Penny Wong", True),  # a fit; only one fit makes a link
        ("Kim", "Kim Jong Un", False),  # a Korean name ends with the given name
        ("Le", "Le Hoai Trung", False),  # too short a word to link by
    ],
)
def test_which_short_forms_a_full_name_completes(short: str, full: str, same: bool) -> None:
    assert same == completes(short, full)


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Subramanyam Dzhayshankar", "Subrahmanyam Jaishankar", True),
        ("Narendry Modi", "Narendra Modi", True),
        ("Penny Wong", "Lawrence Wong", False),
        ("Kim Jong Un", "Kim Jong Il", False),
        ("George W. Bush", "George H. W. Bush", False),
    ],
)
def test_which_full_names_are_transcriptions_of_one(one: str, other: str, same: bool) -> None:
    assert same == same_transcription(one, other)


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Retno Masudi", "Retno Marsudi", True),
        ("Ahmed Hasan", "Ahmed Hassan", False),  # too short a surname to call it a slip
        ("Penny Wong", "Penny Wang", False),
        ("Retno Marsudi", "Retno Marsudi", False),
        ("Retno Marsudi", "Retna Marsudi", False),  # the same surname: not this rule's
    ],
)
def test_which_surnames_are_misspelt(one: str, other: str, same: bool) -> None:
    assert same == misspelt(one, other)


@pytest.mark.parametrize(
    ("han_viet", "pinyin"),
    [
        ("Vương Nghị", "Wang Yi"),
        ("Tập Cận Bình", "Xi Jinping"),
        ("Lý Cường", "Li Qiang"),
        ("Tần Cương", "Qin Gang"),
        ("Đổng Quân", "Dong Jun"),
    ],
)
def test_han_viet_names_read_as_their_pinyin(han_viet: str, pinyin: str) -> None:
    assert pinyin in pinyin_names(han_viet)


@pytest.mark.parametrize("name", ["Bùi Thanh Sơn", "Nguyễn Minh Vũ", "Wang Yi", "Vuong Nghi"])
def test_vietnamese_and_plain_latin_names_give_no_pinyin(name: str) -> None:
    # Nguyễn reads as Ruan, no common Chinese surname; the plain forms are no Hán-Việt.
    assert () == pinyin_names(name)


def test_a_tone_mark_is_read_wherever_it_is_written() -> None:
    assert syllable_key("hoà") == syllable_key("hòa")
    assert syllable_key("thuỷ") == syllable_key("thủy")


def test_a_surname_too_many_people_share_links_nobody() -> None:
    known: dict[str, list[EntityRef]] = {}
    sunil = EntityRef("Sunil Kumar", "person")
    linking.file_person(known, sunil)
    short = EntityRef("S. Kumar", "person")
    linking.file_person(known, short)

    def unseen(person: EntityRef) -> PersonSeen:
        return PersonSeen(frozenset(), frozenset())

    # One Kumar whose given name starts with S: the initial stands for him.
    assert [linking.Link(short, sunil)] == linking.links(known, [short], unseen)
    for given in ("Anil", "Ajay", "Rajesh", "Vijay", "Manoj", "Deepak", "Ravi"):
        for middle in ("Prakash", "Mohan", "Lal", "Nath", "Dev", "Chand"):
            linking.file_person(known, EntityRef(f"{given} {middle} Kumar", "person"))
    # A surname shared by so many says nothing, even where the initial fits one of them.
    assert [] == linking.links(known, [short], unseen)


SON_EN = (
    "Vietnam, Singapore agree to deepen digital trade links\n\n"
    "HANOI - Vietnamese Foreign Minister Bui Thanh Son met Singapore's Foreign Minister Vivian "
    "Balakrishnan in Hanoi on Monday to discuss digital trade, undersea cables and energy.\n\n"
    "Son said the two countries would finish work on a green energy corridor next year.\n"
)
HOST_FR = (
    "Le Kazakhstan veut diversifier ses partenaires\n\n"
    "ASTANA - La ministre allemande des Affaires étrangères a été reçue mardi à Astana par son "
    "homologue kazakh, qui a plaidé pour davantage d'investissements européens.\n\n"
    "Son hôte a insisté sur la volonté d'Astana de diversifier ses partenaires sans rompre avec "
    "Moscou, son premier partenaire commercial. Sa délégation a visité une usine.\n"
)


def test_a_french_possessive_is_not_a_one_word_name_a_known_person_goes_by(
    store: Store, tmp_path: Path
) -> None:
    ingest_in_order(store, tmp_path, [("son-en.txt", SON_EN), ("hote-fr.txt", HOST_FR)])

    assert cited(store, "Bui Thanh Son") == {"son-en.txt"}
