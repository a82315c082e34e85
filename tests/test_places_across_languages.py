"""Places, organisations and people named in Russian, Vietnamese, French and Indonesian text
are the English gazetteer's entities (gazetteer/languages.py), so `who Vietnam` finds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.entities import extract
from briefings.gazetteer import load
from briefings.gazetteer.languages import for_language, names_for
from briefings.model import Extraction, Passage
from briefings.transliteration import name_key

from .test_cli import as_json, attache

RUSSIAN = Path(__file__).parent / "articles" / "interfax-ru-lavrov-hanoi.txt"


def named(text: str, language: str) -> dict[str, tuple[str, str]]:
    """Each surface → (entity name, kind), for a one-paragraph article."""
    extraction = extract([Passage("body", text)], None, language)
    return {m.surface: (m.entity.name, m.entity.kind) for m in extraction.mentions}


def people(extraction: Extraction) -> dict[str, tuple[str | None, str | None]]:
    """Each person → (role, country), the role from the mention that gives one."""
    found = sorted(
        (m for m in extraction.mentions if m.entity.kind == "person"), key=lambda m: bool(m.role)
    )
    return {m.entity.name: (m.role, m.entity.country) for m in found}


def test_russian_places_and_bodies_in_any_case_are_the_english_entities() -> None:
    text = (
        "В понедельник в Джакарте глава МИД России провёл переговоры с коллегами из АСЕАН. "
        "Стороны обсудили обстановку в Южно-Китайском море и на Ближнем Востоке, а также "
        "сотрудничество Вьетнама и Лаоса с Евросоюзом и роль ООН. Делегация затем вылетела "
        "в Пекин, а оттуда — в Ханой."
    )

    found = named(text, "ru")

    assert ("Jakarta", "place") == found["Джакарте"]
    assert ("Russian Foreign Ministry", "organization") == found["МИД России"]
    assert ("Association of Southeast Asian Nations", "organization") == found["АСЕАН"]
    assert ("South China Sea", "place") == found["Южно-Китайском море"]
    assert ("Middle East", "place") == found["Ближнем Востоке"]
    assert ("Vietnam", "place") == found["Вьетнама"]
    assert ("Laos", "place") == found["Лаоса"]
    assert ("European Union", "organization") == found["Евросоюзом"]
    assert ("United Nations", "organization") == found["ООН"]
    assert ("Beijing", "place") == found["Пекин"]
    assert ("Hanoi", "place") == found["Ханой"]


def test_an_unknown_russian_acronym_is_an_organisation_and_a_code_is_not() -> None:
    text = "Как сообщает агентство ИТАР, рост ВВП страны в прошлом году замедлился."

    found = named(text, "ru")

    assert ("ИТАР", "organization") == found["ИТАР"]
    assert "ВВП" not in found


def test_vietnamese_names_of_countries_and_bodies() -> None:
    text = (
        "Phát biểu tại Hà Nội, Bộ trưởng Bùi Thanh Sơn cho biết Việt Nam sẵn sàng phối hợp với "
        "Nga, Lào và Hàn Quốc trong khuôn khổ Liên Hợp Quốc. Bộ Ngoại giao Trung Quốc chưa "
        "bình luận về căng thẳng gần đây ở Biển Đông, trong khi Liên minh châu Âu kêu gọi kiềm chế."
    )

    found = named(text, "vi")

    assert ("Hanoi", "place") == found["Hà Nội"]
    assert ("Russia", "place") == found["Nga"]
    assert ("Laos", "place") == found["Lào"]
    assert ("South Korea", "place") == found["Hàn Quốc"]
    assert ("United Nations", "organization") == found["Liên Hợp Quốc"]
    assert ("Chinese Foreign Ministry", "organization") == found["Bộ Ngoại giao Trung Quốc"]
    assert ("European Union", "organization") == found["Liên minh châu Âu"]


def test_a_country_between_role_and_name_is_the_person_s_country() -> None:
    vietnamese = (
        "Hôm qua, Ngoại trưởng Nhật Bản Takeshi Iwaya đã gặp Ngoại trưởng Canada Anita Anand."
    )
    indonesian = "Menteri Luar Negeri Selandia Baru Winston Peters tiba di Jakarta pada Senin."

    in_vietnamese = people(extract([Passage("body", vietnamese)], None, "vi"))
    in_indonesian = people(extract([Passage("body", indonesian)], None, "id"))

    assert ("Foreign Minister", "Japan") == in_vietnamese["Takeshi Iwaya"]
    assert ("Foreign Minister", "Canada") == in_vietnamese["Anita Anand"]
    assert ("Foreign Minister", "New Zealand") == in_indonesian["Winston Peters"]


def test_french_places_bodies_and_speakers() -> None:
    text = (
        "À Bruxelles, la ministre australienne des Affaires étrangères, Penny Wong, a rencontré "
        "le secrétaire d'État américain Marco Rubio. « La liberté de navigation en mer de Chine "
        "méridionale n'est pas négociable », a déclaré Marco Rubio, avant de partir pour "
        "Moscou puis Pékin. L'Otan et l'Union européenne suivent de près la situation, selon "
        "Mark Rutte."
    )

    extraction = extract([Passage("body", text)], None, "fr")
    found = {m.surface: (m.entity.name, m.entity.kind) for m in extraction.mentions}

    assert ("Brussels", "place") == found["Bruxelles"]
    assert ("South China Sea", "place") == found["mer de Chine méridionale"]
    assert ("Moscow", "place") == found["Moscou"]
    assert ("Beijing", "place") == found["Pékin"]
    assert ("North Atlantic Treaty Organization", "organization") == found["Otan"]
    assert ("European Union", "organization") == found["Union européenne"]
    assert ("Foreign Minister", "Australia") == people(extraction)["Penny Wong"]
    assert ("Secretary of State", "United States") == people(extraction)["Marco Rubio"]
    assert ("Mark Rutte", "person") == found["Mark Rutte"]


def test_indonesian_places_bodies_and_speakers() -> None:
    text = (
        "Pemerintah Filipina dan Rusia sepakat menyelesaikan sengketa di Laut China Selatan "
        "melalui PBB, kata Theresa Lazaro di Jakarta. Kementerian Luar Negeri Tiongkok belum "
        "memberikan tanggapan, sementara Uni Eropa menyambut baik kesepakatan itu."
    )

    found = named(text, "id")

    assert ("Philippines", "place") == found["Filipina"]
    assert ("Russia", "place") == found["Rusia"]
    assert ("South China Sea", "place") == found["Laut China Selatan"]
    assert ("United Nations", "organization") == found["PBB"]
    assert ("Jakarta", "place") == found["Jakarta"]
    assert ("Chinese Foreign Ministry", "organization") == found["Kementerian Luar Negeri Tiongkok"]
    assert ("European Union", "organization") == found["Uni Eropa"]
    assert ("Theresa Lazaro", "person") == found["Theresa Lazaro"]


def test_english_text_keeps_the_english_gazetteer() -> None:
    assert load() is for_language("en")
    # Vietnamese "Nga" (Russia) is an English given name too: not a place in English text.
    assert "Nga" not in named("Nga Tran said the talks went well.", "en")


def test_every_translated_name_is_an_alias_of_an_existing_entry() -> None:
    assert {"nga", "bo ngoai giao nga"} <= {
        *names_for("vi", "Russia"),
        *names_for("vi", "Russian Foreign Ministry"),
    }
    assert "вьетнаме" in names_for("ru", "Vietnam")
    assert "laut china selatan" in names_for("id", "South China Sea")


def test_a_french_spelling_of_a_russian_name_shares_its_key() -> None:
    assert name_key("Vladimir Putin") == name_key("Vladimir Poutine")
    assert name_key("Владимир Путин") == name_key("Vladimir Poutine")


@pytest.fixture(scope="module")
def russian_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("places")
    as_json(attache("ingest", str(RUSSIAN), "--db", str(tmp / "r.db"), "--json", tmp=tmp))
    return tmp / "r.db"


def test_who_vietnam_finds_a_russian_article(russian_db: Path, tmp_path: Path) -> None:
    answer = as_json(attache("who", "Vietnam", "--db", str(russian_db), "--json", tmp=tmp_path))

    assert "Vietnam" == answer["subject"]["name"]
    assert "Вьетнам" in answer["subject"]["aliases"]
    assert answer["claims"]
    assert {"ru"} == {s["language"] for s in answer["sources"]}


def test_who_russian_foreign_ministry_finds_mid_rossii(russian_db: Path, tmp_path: Path) -> None:
    answer = as_json(
        attache("who", "Russian Foreign Ministry", "--db", str(russian_db), "--json", tmp=tmp_path)
    )

    assert {"МИД РФ", "МИД России"} <= set(answer["subject"]["aliases"])


def test_a_name_russian_grammar_does_not_know_is_taken_after_a_role() -> None:
    text = "В Москве министр иностранных дел Малайзии Мохамад Хасан провёл переговоры."

    extraction = extract([Passage("body", text)], None, "ru")

    assert ("Foreign Minister", "Malaysia") == people(extraction)["Mokhamad Khasan"]


def test_a_one_word_name_after_a_role_is_a_person() -> None:
    text = "Глава МИД России провёл переговоры со своим индонезийским коллегой Сугионо."

    assert ("Sugiono", "person") == named(text, "ru")["Сугионо"]


def test_a_body_between_role_and_name_is_passed_over() -> None:
    text = "Sekretaris Jenderal Partai Komunis Vietnam To Lam tiba di Jakarta pada Rabu."

    found = named(text, "id")

    assert ("To Lam", "person") == found["To Lam"]
    assert ("Communist Party of Vietnam", "organization") == found["Partai Komunis Vietnam"]


def test_a_name_stops_at_a_role_word_and_keeps_jr() -> None:
    headline = "Menlu Sugiono Bertemu Menlu Malaysia di Jakarta"
    body = "Chuyến thăm của Tổng thống Philippines Ferdinand Marcos Jr. diễn ra hồi tháng Một."

    found = named(headline, "id")

    assert "Sugiono Bertemu Menlu Malaysia" not in found
    assert ("Malaysia", "place") == found["Malaysia"]
    assert ("Ferdinand Marcos Jr.", "person") == named(body, "vi")["Ferdinand Marcos Jr."]


def test_a_vietnamese_country_syllable_inside_a_name_is_no_place() -> None:
    text = (
        "Nguyên Chủ tịch nước Trần Đức Lương và bà Nguyễn Thị Nga đã tiếp Đại sứ Đức. "
        "Tổng thống Nga Vladimir Putin gửi điện mừng."
    )

    found = named(text, "vi")

    assert ("Trần Đức Lương", "person") == found["Trần Đức Lương"]
    assert ("Nguyễn Thị Nga", "person") == found["Nguyễn Thị Nga"]
    assert ("Germany", "place") == found["Đức"]
    assert ("Russia", "place") == found["Nga"]
    unnamed = named("Trong cuộc họp, Nguyễn Minh Đức phát biểu ý kiến.", "vi")
    assert "Germany" not in {name for name, _ in unnamed.values()}


def test_indonesian_and_french_bodies_by_their_head_word() -> None:
    indonesian = (
        "Badan Intelijen Negara dan Kementerian Pertahanan menggelar rapat bersama "
        "Dewan Keamanan PBB."
    )
    french = (
        "Un rapport de l'Institut de Relations Internationales et Stratégiques cite la Banque "
        "de France, mais pas le Conseil de sécurité."
    )

    in_indonesian = named(indonesian, "id")
    in_french = named(french, "fr")

    assert ("Badan Intelijen Negara", "organization") == in_indonesian["Badan Intelijen Negara"]
    assert ("Kementerian Pertahanan", "organization") == in_indonesian["Kementerian Pertahanan"]
    assert ("United Nations Security Council", "organization") == in_indonesian[
        "Dewan Keamanan PBB"
    ]
    assert ("Banque de France", "organization") == in_french["Banque de France"]
    assert "Institut de Relations Internationales et Stratégiques" in in_french
    assert not any(surface.startswith("Conseil") for surface in in_french)
