"""Bodies and places the press names by shape or by a name of its own: a foreign ministry in
lower case, armed forces and coast guards, shoals and regions, state companies and news
agencies in any script, and the places inside an event or a matter."""

from __future__ import annotations

from briefings.entities import extract
from briefings.model import Passage


def named(text: str, language: str | None = "en") -> dict[str, tuple[str, str]]:
    """Each surface → (entity name, kind), for a one-paragraph article."""
    extraction = extract([Passage("body", text)], None, language)
    return {m.surface: (m.entity.name, m.entity.kind) for m in extraction.mentions}


def test_a_foreign_ministry_in_lower_case_is_its_countrys() -> None:
    text = (
        "China's foreign ministry said on Tuesday the United States had no right to interfere. "
        "A readout from the Chinese foreign ministry said Asia-Pacific countries should not "
        "form closed circles, while Seoul's foreign ministry called for restraint."
    )

    extraction = extract([Passage("body", text)], None, "en")
    found = [(m.surface, m.entity.name) for m in extraction.mentions if m.entity.kind != "person"]

    # Said whole with its country ("China's foreign ministry"), the country kept inside.
    assert [
        ("China's foreign ministry", "Chinese Foreign Ministry"),
        ("China", "China"),
        ("United States", "United States"),
        ("Chinese foreign ministry", "Chinese Foreign Ministry"),
        ("Asia-Pacific", "Asia-Pacific"),
        ("Seoul's foreign ministry", "South Korean Foreign Ministry"),
        ("Seoul", "Seoul"),
    ] == found


def test_a_lower_case_ministry_before_its_spokesperson_only_describes_the_person() -> None:
    text = "Chinese foreign ministry spokesperson Mao Ning said on Wednesday that talks went well."

    kinds = {m.entity.kind for m in extract([Passage("body", text)], None, "en").mentions}

    assert "organization" not in kinds


def test_forces_guards_and_shoals_are_named_by_their_head() -> None:
    text = (
        "The pact lets the Armed Forces of the Philippines and the Japan Self-Defense Forces "
        "hold larger drills, after the China Coast Guard blocked a resupply mission to the "
        "Second Thomas Shoal and the Singapore Armed Forces trained near Whitsun Reef."
    )

    found = named(text)

    assert ("Japan Self-Defense Forces", "organization") == found["Japan Self-Defense Forces"]
    assert ("China Coast Guard", "organization") == found["China Coast Guard"]
    assert ("Second Thomas Shoal", "place") == found["Second Thomas Shoal"]
    assert ("Singapore Armed Forces", "organization") == found["Singapore Armed Forces"]
    assert ("Whitsun Reef", "place") == found["Whitsun Reef"]


def test_places_inside_a_war_or_an_issue_are_places_too() -> None:
    text = (
        "The ministers discussed Russia's war in Ukraine and the Cyprus issue, and urged "
        "progress on the Code of Conduct in the South China Sea."
    )

    places = {name for name, kind in named(text).values() if kind == "place"}

    assert {"Russia", "Ukraine", "Cyprus", "South China Sea"} <= places


def test_russian_state_companies_and_agencies_in_any_case() -> None:
    text = (
        "Министры обсудили строительство АЭС с участием «Росатома» и работу СП "
        "«Вьетсовпетро», сообщает Интерфакс."
    )

    found = named(text, "ru")

    assert ("Rosatom", "organization") == found["Росатома"]
    assert ("Vietsovpetro", "organization") == found["Вьетсовпетро"]
    assert ("Interfax", "organization") == found["Интерфакс"]


def test_a_body_inside_a_russian_meeting_is_kept() -> None:
    text = "Лавров принял участие в совещании Россия — АСЕАН во Вьентьяне."

    extraction = extract([Passage("body", text)], None, "ru")
    bodies = {m.entity.name for m in extraction.mentions if m.entity.kind == "organization"}

    assert "Association of Southeast Asian Nations" in bodies


def test_a_malay_article_reads_indonesian_names_and_five_is_no_city() -> None:
    text = (
        "Situasi di Laut China Selatan terus memanas, kata menteri itu, dan Konsensus Lima "
        "Poin tetap menjadi rujukan utama ASEAN."
    )

    found = named(text, "ms")

    assert ("South China Sea", "place") == found["Laut China Selatan"]
    assert "Lima" not in found


def test_french_shoal_and_coast_guard() -> None:
    text = (
        "Les Philippines ont dénoncé les manœuvres des garde-côtes chinois autour du récif de "
        "Second Thomas."
    )

    found = named(text, "fr")

    assert ("Second Thomas Shoal", "place") == found["récif de Second Thomas"]
    assert ("China Coast Guard", "organization") == found["garde-côtes chinois"]


def test_a_countrys_army_in_lower_case_is_a_body() -> None:
    text = "French troops handed the base to the Chadian army on Thursday."

    assert ("Chadian Army", "organization") == named(text)["Chadian army"]


def test_an_embassy_is_named_with_its_seat() -> None:
    text = "A spokesperson for the US Embassy in Hanoi said no country should give him a platform."

    found = named(text)

    assert ("US Embassy in Hanoi", "organization") == found["US Embassy in Hanoi"]


def test_indonesian_places_named_by_their_head_word() -> None:
    text = "Kedua menteri bertemu di Gedung Pancasila sebelum terbang ke Pulau Natuna."

    found = named(text, "id")

    assert ("Gedung Pancasila", "place") == found["Gedung Pancasila"]
    assert ("Pulau Natuna", "place") == found["Pulau Natuna"]


def test_two_countries_joint_commission_is_a_meeting_not_a_body() -> None:
    text = (
        "The Pakistan-Iran Joint Economic Commission met in Islamabad, while the Joint Working"
        " Group on Fisheries met separately."
    )
    sitting = "The ministers co-chaired the ninth session of the Pakistan-Iran Joint Economic"

    found = named(text)
    # A numbered sitting is the event itself, told apart by its number, not its place (a
    # commission sits in each country in turn; sets 7-9 name sittings so); the commission is
    # inside.
    found_sitting = named(sitting + " Commission in Islamabad.")

    assert "event" == found["Pakistan-Iran Joint Economic Commission"][1]
    assert (
        "ninth session of the Pakistan-Iran Joint Economic Commission",
        "event",
    ) == found_sitting["ninth session of the Pakistan-Iran Joint Economic Commission"]
    assert "Pakistan-Iran Joint Economic Commission" in found_sitting


def test_a_group_is_a_body() -> None:
    text = (
        "The allies held the Extended Deterrence Strategy and Consultation Group meeting and "
        "the Joint Working Group on Fisheries met in Delhi."
    )

    found = named(text)

    assert ("Joint Working Group on Fisheries", "organization") == found[
        "Joint Working Group on Fisheries"
    ]


def test_a_russian_company_in_guillemets_after_a_company_word() -> None:
    text = (
        "Соглашение подписали ПАО «Новатэк» и представители концерна «Калашникова», "
        "сообщает газета «Коммерсантъ»."
    )

    found = named(text, "ru")

    assert ("Новатэк", "organization") == found["Новатэк"]
    assert ("Калашников", "organization") == found["Калашникова"]
    assert "Коммерсантъ" not in found


def test_vietnamese_bodies_are_read_by_their_head_and_word_groups() -> None:
    text = (
        "Đại tướng Phan Văn Giang, Ủy viên Bộ Chính trị, Phó Bí thư Quân ủy Trung ương, "
        "Bộ trưởng Bộ Quốc phòng Việt Nam đã hội kiến Phó Chủ tịch Quân ủy Trung ương Trung Quốc "
        "Trương Thăng Dân. Hai bên nhất trí thúc đẩy Bộ Quy tắc ứng xử ở Biển Đông."
    )

    found = [s for s, (_, kind) in named(text, "vi").items() if kind == "organization"]

    assert [
        "Bộ Chính trị",
        "Quân ủy Trung ương",
        "Bộ Quốc phòng Việt Nam",
        "Quân ủy Trung ương Trung Quốc",
    ] == found


def test_a_vietnamese_body_stops_before_a_person_and_runs_to_a_country_pair() -> None:
    text = (
        "Tổng Bí thư sẽ có bài phát biểu tại trụ sở Ban Thư ký ASEAN và gặp Chủ tịch Quốc hội "
        "Indonesia Puan Maharani. Hai bên chủ trì phiên họp lần thứ 17 Ủy ban Chỉ đạo hợp tác "
        "song phương Việt Nam - Trung Quốc."
    )

    found = [s for s, (_, kind) in named(text, "vi").items() if kind == "organization"]

    assert [
        "Ban Thư ký ASEAN",
        "Quốc hội Indonesia",
        "Ủy ban Chỉ đạo hợp tác song phương Việt Nam - Trung Quốc",
    ] == found


def test_russian_bodies_are_a_head_noun_and_its_genitive_with_a_name() -> None:
    text = (
        "Член Политбюро ЦК КПК Ван И заявил, что Совета безопасности России и администрацией "
        "США обсуждался вопрос. Посол посетит Генеральное консульство Китая во Владивостоке "
        "и здание администрации Приморского края; правительство нового президента Индонезии "
        "ответило позже."
    )

    extraction = extract([Passage("body", text)], None, "ru")
    found = [(m.surface, m.entity.name) for m in extraction.mentions if m.entity.kind != "person"]

    assert [
        ("Политбюро ЦК КПК", "Политбюро ЦК КПК"),
        ("Совета безопасности России", "Совет безопасности России"),
        ("России", "Russia"),
        ("администрацией США", "администрация США"),
        ("США", "United States"),
        (
            "Генеральное консульство Китая во Владивостоке",
            "Генеральное консульство Китая во Владивостоке",
        ),
        ("Китая", "China"),
        ("Владивостоке", "Vladivostok"),
        ("администрации Приморского края", "администрация Приморского края"),
        ("Индонезии", "Indonesia"),
    ] == found


def test_the_bare_foreign_ministry_is_the_one_a_story_keeps_naming() -> None:
    text = (
        "Как сообщили в МИД России, в ходе переговоров стороны обсудили ситуацию на Украине. "
        "В МИД подчеркнули, что контакты продолжатся, сообщил МИД России."
    )
    once = "Лавров и глава МИД Индонезии провели переговоры в особняке МИД на Спиридоновке."

    named_twice = {m.entity.name for m in extract([Passage("body", text)], None, "ru").mentions}
    named_once = {m.entity.name for m in extract([Passage("body", once)], None, "ru").mentions}

    assert "Ministry of Foreign Affairs" not in named_twice
    assert "Russian Foreign Ministry" in named_twice
    assert {"Ministry of Foreign Affairs", "Indonesian Foreign Ministry"} <= named_once


def test_a_bodys_head_after_a_place_word_or_two_joined_modifiers_is_the_name() -> None:
    text = (
        "Prak Sokhonn briefed Wang on the work of the General Border Committee, and Uzbekistan "
        "backed Vietnam's bid for the UN Economic and Social Council."
    )

    found = {s: kind for s, (_, kind) in named(text).items()}

    assert "organization" == found["General Border Committee"]
    assert "organization" == found["UN Economic and Social Council"]
    assert "General Border" not in found


def test_indonesian_cina_is_china_and_no_part_of_the_ministers_name() -> None:
    text = (
        "Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri Cina Wang Yi di Beijing. "
        "Keduanya membahas situasi di Laut Cina Selatan."
    )

    found = named(text, "id")

    assert ("China", "place") == found["Cina"]
    assert ("Wang Yi", "person") == found["Wang Yi"]
    assert ("South China Sea", "place") == found["Laut Cina Selatan"]


def test_a_body_defined_by_its_acronym_in_french_is_an_organisation() -> None:
    text = (
        "Le conseiller fédéral Ignazio Cassis, chef du Département fédéral des affaires "
        "étrangères (DFAE), a reçu mardi à Berne son homologue. L'accord que l'Association "
        "européenne de libre-échange (AELE) négocie avance."
    )

    found = named(text, "fr")

    body = ("Département fédéral des affaires étrangères", "organization")
    assert body == found["Département fédéral des affaires étrangères"] == found["DFAE"]
    assert ("Association européenne de libre-échange", "organization") == found["AELE"]


def test_a_vietnamese_body_ends_before_its_party_and_takes_its_seat_and_pair() -> None:
    text = (
        "Thủ tướng tiếp Ủy viên Bộ Chính trị, Chủ nhiệm Văn phòng Ủy ban Công tác Đối ngoại "
        "Trung ương Đảng Cộng sản Trung Quốc Vương Nghị. Thứ trưởng đã làm việc với Đại sứ quán "
        "Việt Nam tại Nga và thăm Khu công nghiệp Việt Nam - Singapore."
    )

    found = {surface for surface, (_, kind) in named(text, "vi").items() if kind == "organization"}

    assert {
        "Văn phòng Ủy ban Công tác Đối ngoại Trung ương",
        "Đảng Cộng sản Trung Quốc",
        "Đại sứ quán Việt Nam tại Nga",
        "Khu công nghiệp Việt Nam - Singapore",
    } <= found


def test_a_russian_body_takes_its_adjectives_and_its_field() -> None:
    text = (
        "По данным Национального статистического комитета, товарооборот вырос, следует из данных "
        "Главного таможенного управления КНР. Стороны договорились создать Межправительственную "
        "кыргызско-вьетнамскую комиссию по торгово-экономическому сотрудничеству, а глава "
        "Комитета Госдумы по международным делам выступил в Государственной Думе."
    )

    found = {surface for surface, (_, kind) in named(text, "ru").items() if kind == "organization"}

    assert {
        "Национального статистического комитета",
        "Главного таможенного управления КНР",
        "Комитета Госдумы по международным делам",
        "Государственной Думе",
    } <= found


def test_a_russian_adjective_opening_a_sentence_makes_no_name() -> None:
    text = "Российское правительство заявило, что переговоры продолжатся."

    assert [] == [s for s, (_, kind) in named(text, "ru").items() if kind == "organization"]


def test_a_ministrys_portfolios_and_a_glued_en_dash_stay_in_its_name() -> None:
    text = (
        "according to a statement issued by Sri Lanka's Ministry of Foreign Affairs, Foreign "
        "Employment and Tourism. Bogdanov invited him to the next round of the Russia–Arab "
        "Cooperation Forum. The Ministry of Defence, Vietnam and Laos signed nothing."
    )

    found = {surface for surface, (_, kind) in named(text).items() if kind == "organization"}

    assert {
        "Ministry of Foreign Affairs, Foreign Employment and Tourism",
        "Russia–Arab Cooperation Forum",
        "Ministry of Defence",
    } == found


def test_a_body_inside_a_documents_title_of_another_language_is_not_listed() -> None:
    vietnamese = (
        "Hai bên tuân thủ luật pháp quốc tế, trong đó có Công ước Liên Hợp Quốc về Luật Biển "
        "năm 1982. Việt Nam ủng hộ vai trò của Liên Hợp Quốc."
    )
    french = "Il a rappelé la Charte des Nations unies."

    in_vietnamese = [s for s, (n, _) in named(vietnamese, "vi").items() if n == "United Nations"]

    # Named again on its own, the body stays: only its place in the title is dropped.
    assert ["Liên Hợp Quốc"] == in_vietnamese
    assert vietnamese.rindex("Liên Hợp Quốc") == _start_of(vietnamese, "vi", "United Nations")
    assert [] == [s for s, (n, _) in named(french, "fr").items() if n == "United Nations"]


def _start_of(text: str, language: str, name: str) -> int:
    extraction = extract([Passage("body", text)], None, language)
    return next(m.start for m in extraction.mentions if m.entity.name == name)


def test_governments_named_by_the_press_of_each_language() -> None:
    vietnamese = "Bộ trưởng chuyển lời thăm hỏi của Thủ tướng Quốc vụ viện Lý Cường."
    russian = "Делегация проведет встречи с руководством Минэкономразвития и Госдумы."
    indonesian = "Maris dijadwalkan bertemu Sekretaris Jenderal ASEAN di Sekretariat ASEAN."

    assert ("State Council of China", "organization") == named(vietnamese, "vi")["Quốc vụ viện"]
    found = named(russian, "ru")
    assert "Russian Ministry of Economic Development" == found["Минэкономразвития"][0]
    assert "State Duma" == found["Госдумы"][0]
    assert ("Sekretariat ASEAN", "organization") == named(indonesian, "id")["Sekretariat ASEAN"]


def test_an_acronym_said_as_a_word_may_carry_one_capital() -> None:
    text = (
        "Vietnam is one of Thailand's most important partners in Asean, the minister said, "
        "as Nato allies met and Unesco listed the site. Who will go is not yet known."
    )

    found = named(text)

    assert ("Association of Southeast Asian Nations", "organization") == found["Asean"]
    assert ("North Atlantic Treaty Organization", "organization") == found["Nato"]
    assert "United Nations Educational, Scientific and Cultural Organization" == found["Unesco"][0]
    # Only a spoken acronym of four letters or more: "Who" is no World Health Organization.
    assert "Who" not in found
