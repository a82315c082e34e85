"""Chinese names written in Cyrillic (Palladius) read back to pinyin, linked across scripts."""

from __future__ import annotations

from pathlib import Path

from briefings.entities import extract
from briefings.model import Passage
from briefings.palladius import chinese_name, pinyin_of

from .test_cli import as_json, attache

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_syllables_back_to_pinyin() -> None:
    assert "Jinping" == pinyin_of("Цзиньпин")  # цз before i is j
    assert "Zhaoxu" == pinyin_of("Чжаосюй")
    assert "Yi" == pinyin_of("И")
    assert pinyin_of("Россия") is None  # Palladius has no р


def test_names_need_a_chinese_surname_and_a_parsed_given_name() -> None:
    assert "Wang Yi" == chinese_name("Ван", "И")
    assert "Xi Jinping" == chinese_name("Си", "Цзиньпином")  # case ending aside
    assert "Li Qiang" == chinese_name("Ли", "Цян")
    assert chinese_name("Ван", "Гог") is None
    assert chinese_name("Сергей", "И") is None


def test_a_russian_wire_names_wang_yi_after_his_role_and_alone() -> None:
    text = (
        "Министр иностранных дел РФ Сергей Лавров провел телефонный разговор с членом "
        "Политбюро ЦК КПК, министром иностранных дел КНР Ван И, сообщил МИД России. "
        "Лавров и Ван И подтвердили настрой на координацию. Председатель КНР Си Цзиньпин "
        "примет участие в саммите."
    )
    found = extract([Passage("body", text)], None, "ru")
    people = {
        (m.surface, m.entity.name, m.role) for m in found.mentions if m.entity.kind == "person"
    }

    assert {
        ("Сергей Лавров", "Sergey Lavrov", "Foreign Minister"),
        ("Ван И", "Wang Yi", "Foreign Minister"),
        ("Лавров", "Sergey Lavrov", None),
        ("Ван И", "Wang Yi", None),
        ("Си Цзиньпин", "Xi Jinping", None),
    } == people


RUSSIAN_WIRE = """Лавров и Ван И обсудили по телефону подготовку к саммиту ШОС

Москва. 3 июля. - Министр иностранных дел России Сергей Лавров провел в четверг телефонный
разговор с министром иностранных дел КНР Ван И, сообщили в МИД России.

Стороны обсудили подготовку к саммиту Шанхайской организации сотрудничества и ситуацию
вокруг Ирана. Лавров и Ван И подтвердили настрой на тесную координацию в ООН и БРИКС.
"""


def test_who_wang_yi_cites_the_russian_wire(tmp_path: Path) -> None:
    """Ingested after the English seeds, "Ван И" is the Wang Yi they name."""
    wire = tmp_path / "interfax-ru-wang-yi.txt"
    wire.write_text(RUSSIAN_WIRE, encoding="utf-8")
    db = str(tmp_path / "w.db")
    as_json(attache("ingest", str(SEEDS), "--db", db, "--json", tmp=tmp_path))
    as_json(attache("ingest", str(wire), "--db", db, "--json", tmp=tmp_path))
    answer = as_json(attache("who", "Wang Yi", "--more", "--db", db, "--json", tmp=tmp_path))

    cited = {n for claim in answer["claims"] for n in claim["sources"]}
    assert "ru" in {s["language"] for s in answer["sources"] if s["n"] in cited}
    assert "Ван И" in answer["subject"]["aliases"]
