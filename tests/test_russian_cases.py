"""Russian case endings: a foreign name in the instrumental links to the person it names, and
readers are shown names and phrases in the nominative while the store keeps every form."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.cleaning import clean_text
from briefings.entities import extract, normalise_role
from briefings.foreign_names import case_nominatives
from briefings.model import EntityRef, Extraction
from briefings.nominative import nominative, shown_aliases
from briefings.transliteration import fuzzy_alias

from .test_cli import attache

ROOT = Path(__file__).resolve().parent.parent
MOSCOW = ROOT / "tests" / "articles" / "truth" / "moscow-lavrov-kommasit-ru.txt"
KOMMASITH = EntityRef("Saleumxay Kommasith", "person", "Laos")


def people(path: Path, known: dict[str, list[EntityRef]] | None = None) -> set[str]:
    clean = clean_text(path.read_text(encoding="utf-8"))
    extraction: Extraction = extract(clean.passages, known, clean.language)
    return {m.entity.name for m in extraction.mentions if m.entity.kind == "person"}


def test_a_name_in_the_instrumental_links_to_the_person_the_store_knows() -> None:
    known = {fuzzy_alias(KOMMASITH.name): [KOMMASITH], "saleumxay kommasith": [KOMMASITH]}
    found = people(MOSCOW, known)
    assert "Saleumxay Kommasith" in found
    assert not any(name.endswith("om") for name in found)


def test_a_name_no_one_knows_loses_its_case_ending() -> None:
    found = people(MOSCOW)
    assert "Saleumsay Kommasit" in found
    assert "Saleumsayem Kommasitom" not in found


@pytest.mark.parametrize(
    ("written", "likeliest"),
    [
        ("Салеумсаем Коммаситом", "Салеумсай Коммасит"),
        ("Коммаситом", "Коммасит"),
        ("Кая Каллас", "Кая Каллас"),  # already nominative
        ("Ретно Марсуди", "Ретно Марсуди"),
        ("Сугиона", "Сугиона"),  # -а may end a nominative: as written first
    ],
)
def test_foreign_names_are_read_back_to_the_nominative(written: str, likeliest: str) -> None:
    assert likeliest == case_nominatives(written)[0]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Сергеем Лавровым", "Сергей Лавров"),
        ("Марии Захаровой", "Мария Захарова"),
        ("Буй Тхань Шоном", "Буй Тхань Шон"),
        # a foreign given name Russian declines, before a surname it cannot
        ("Аббасом Аракчи", "Аббас Аракчи"),
        ("стратегического партнерства", "стратегическое партнерство"),
        ("торгово-экономическому сотрудничеству", "торгово-экономическое сотрудничество"),
        ("саммиту АСЕАН", "саммит АСЕАН"),
        ("Sergueï Lavrov", "Sergueï Lavrov"),
    ],
)
def test_russian_forms_are_shown_in_the_nominative(written: str, shown: str) -> None:
    assert shown == nominative(written)


def test_aliases_are_shown_once_each_in_the_nominative() -> None:
    aliases = ["Lavrov", "Лаврова", "Лавровым", "Сергеем Лавровым", "Сергей Лавров", "Лавров"]
    assert ("Lavrov", "Лавров", "Сергей Лавров") == shown_aliases("Sergey Lavrov", aliases)


def test_who_and_show_speak_in_the_nominative(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    seed = ROOT / "seeds" / "002_1799cdd6cbda2bd1.txt"
    interfax = ROOT / "tests" / "articles" / "interfax-ru-lavrov-hanoi.txt"
    ingested = attache("ingest", str(seed), str(interfax), "--db", db, tmp=tmp_path)
    assert 0 == ingested.returncode, ingested.stderr
    ingested = attache("ingest", str(MOSCOW), "--db", db, tmp=tmp_path)
    assert 0 == ingested.returncode, ingested.stderr
    who = attache("who", "Sergey Lavrov", "--db", db, tmp=tmp_path).stdout
    also = next(line for line in who.splitlines() if line.startswith("Also:"))
    assert "Лавровым" not in also and "Сергеем" not in also and "Шоном" not in also
    assert "Сергей Лавров" in also
    listed = attache("entities", "--db", db, tmp=tmp_path).stdout
    assert "Saleumsayem" not in listed and "Kommasitom" not in listed
    shown = attache("who", "Saleumxay Kommasith", "--db", db, tmp=tmp_path).stdout
    assert shown.startswith("Saleumxay Kommasith")


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        (
            "Deputy Prime Minister and Minister of Foreign Affairs and International Cooperation",
            "Deputy Prime Minister and Foreign Minister",
        ),
        ("Minister of Trade and Industry", "Trade Minister"),
        ("Prime Minister and Minister of Defence", "Prime Minister and Defence Minister"),
    ],
)
def test_an_and_inside_a_portfolio_does_not_split_the_role(written: str, normal: str) -> None:
    assert normal == normalise_role(written)


def test_a_bare_title_folds_into_the_fuller_role_it_shortens(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    seed = ROOT / "seeds" / "003_74d1bcbf21ade748.txt"
    assert 0 == attache("ingest", str(seed), "--db", db, tmp=tmp_path).returncode
    who = attache("who", "Pham Binh Minh", "--db", db, tmp=tmp_path).stdout.splitlines()
    # The story's other party is qualified, so his offices are Vietnam's.
    assert "Foreign Minister, Vietnam [1]" in who
    assert "Minister, Vietnam [1]" not in who
    # "Minister Minh, who is also Deputy Prime Minister"
    assert "Deputy Prime Minister, Vietnam [1]" in who


def test_vietnamese_names_in_russian_are_read_whole_in_any_case() -> None:
    from briefings.model import Passage

    text = (
        "Володин провел переговоры с председателем Национального собрания Вьетнама Чан Тхань "
        "Маном. В делегацию вошли заместитель председателя Нгуен Кхак Динь и министр Нгуен Хонг "
        "Зиен. Ранее Путин встретился с генеральным секретарем ЦК Компартии Вьетнама То Ламом."
    )

    extraction = extract([Passage("body", text)], None, "ru")
    found = {m.surface: m.entity.name for m in extraction.mentions if m.entity.kind == "person"}

    assert "Tran Thanh Man" == found["Чан Тхань Маном"]
    assert "Nguyen Khac Dinh" == found["Нгуен Кхак Динь"]
    assert "Nguyen Hong Dien" == found["Нгуен Хонг Зиен"]
    assert "To Lam" == found["То Ламом"]


def test_a_surname_the_dictionary_knows_as_a_town_follows_a_given_name() -> None:
    from briefings.model import Passage

    text = (
        "Директор центра исследований ВШЭ Василий Кашин считает, что Пекин заинтересован. "
        "Делегация посетила Кашин и Тверь."
    )

    extraction = extract([Passage("body", text)], None, "ru")
    people = [(m.surface, m.entity.name) for m in extraction.mentions if m.entity.kind == "person"]

    assert [("Василий Кашин", "Vasily Kashin")] == people


def test_a_name_in_russian_quotes_is_no_person() -> None:
    from briefings.model import Passage

    text = (
        "Стороны договорились ускорить работу над проектом газопровода «Сила Сибири – 2», "
        "сообщил Сергей Лавров."
    )

    extraction = extract([Passage("body", text)], None, "ru")
    people = [m.surface for m in extraction.mentions if m.entity.kind == "person"]

    assert ["Сергей Лавров"] == people


def test_a_russian_name_ends_before_the_capitalised_word_after_it() -> None:
    from briefings.model import Passage

    text = (
        "По итогам переговоров председателя КНР Си Цзиньпина и президента России Владимира "
        "Путина Приморье получило право на транзит."
    )

    extraction = extract([Passage("body", text)], None, "ru")
    people = [(m.surface, m.entity.name) for m in extraction.mentions if m.entity.kind == "person"]

    assert [("Си Цзиньпина", "Xi Jinping"), ("Владимира Путина", "Vladimir Putin")] == people
