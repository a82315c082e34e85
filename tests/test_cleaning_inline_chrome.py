"""Chrome standing inside the story or right around it: related-link boxes between
paragraphs, bylines and writers' notes, double time stamps, a caption that names one person."""

from __future__ import annotations

import pytest

from briefings.cleaning import clean_text

RUSSIAN_PAGE = "\n".join(
    [
        "Новости / Политика",
        "Оверчук и вице-премьер Вьетнама обсудили поставки удобрений и зерна",
        "12 ноября 2025, 09:15",
        "Автор: Мария Петрова",
        "ХАНОЙ, 12 ноября. Вице-премьер правительства России Алексей Оверчук провел в Ханое"
        " переговоры с вице-премьером Вьетнама о поставках российских удобрений и зерна.",
        "Стороны обсудили расширение расчетов в национальных валютах и открытие новых"
        " логистических маршрутов через порты Дальнего Востока, сообщила пресс-служба"
        " правительства.",
        "Читайте также:",
        "Вьетнамские авиакомпании увеличат число рейсов в Новосибирск",
        "В Хабаровске открылся центр вьетнамского языка",
        "По словам Оверчука, товарооборот двух стран за девять месяцев вырос почти на"
        " четверть, а интерес российских компаний к вьетнамскому рынку продолжает расти.",
        "Следующее заседание межправительственной комиссии пройдет в Москве весной"
        " следующего года, добавили в правительстве.",
    ]
)


def test_a_read_also_box_between_paragraphs_is_dropped_with_its_headlines() -> None:
    clean = clean_text(RUSSIAN_PAGE)
    related = [r.text for r in clean.removed if r.reason == "related-links"]
    assert "Читайте также:" in related
    assert "В Хабаровске открылся центр вьетнамского языка" in related
    assert 4 == len(clean.paragraphs)
    assert clean.paragraphs[2].startswith("По словам Оверчука")


def test_a_writer_credit_with_a_colon_is_a_byline() -> None:
    clean = clean_text(RUSSIAN_PAGE)
    assert "Автор: Мария Петрова" in [r.text for r in clean.removed if r.reason == "byline"]


@pytest.mark.parametrize(
    "link",
    [
        "Đọc thêm: Thủ tướng tiếp Bộ trưởng Ngoại giao Lào tại Hà Nội",
        "Pilihan Editor: Menlu Bertemu Dubes Australia Bahas Kerja Sama Maritim",
        "Lire également : Le Mali quitte une nouvelle organisation régionale",
        "Читайте также: Захарова прокомментировала итоги саммита",
    ],
)
def test_a_related_link_after_its_label_goes_in_any_language(link: str) -> None:
    page = "\n".join(
        [
            "The two ministers met in the capital on Monday and agreed to expand trade in rice,"
            " coffee and seafood over the next three years.",
            link,
            "They also discussed the situation in the South China Sea and the preparations for"
            " the regional summit to be held later this year.",
        ]
    )
    clean = clean_text(page)
    assert [link] == [r.text for r in clean.removed]
    assert 2 == len(clean.paragraphs)


def test_a_byline_naming_where_it_was_filed_is_dropped() -> None:
    page = "\n".join(
        [
            "Samoa and Japan sign grant for new Apia wharf",
            "By Losa Tavita in Tokyo",
            "Samoa and Japan have signed a grant agreement worth 40 million dollars for the"
            " reconstruction of the main wharf in Apia, officials said on Tuesday.",
            "The work is expected to start next year and to take three years to complete.",
        ]
    )
    clean = clean_text(page)
    assert "By Losa Tavita in Tokyo" in [r.text for r in clean.removed if r.reason == "byline"]
    assert "Samoa and Japan sign grant for new Apia wharf" == clean.title


ANALYSIS_PAGE = "\n".join(
    [
        "Мир",
        "Сеул ищет новый баланс",
        "Ирина Смирнова, Павел Орлов",
        "03.03.2025, 10:40",
        "Министр иностранных дел Республики Корея во вторник провел в Москве консультации с"
        " заместителем главы МИД России, первые за последние три года.",
        "Собеседники издания в дипломатических кругах говорят, что главной темой стали"
        " судьбы российских активов в корейских банках и прямое авиасообщение.",
        "Стороны договорились продолжить контакты на уровне заместителей министров до конца"
        " года и обсудить возможность визита министра в Сеул.",
        "Ирина Смирнова — обозреватель отдела международной политики",
        "© Издательский дом. Все права защищены.",
    ]
)


def test_two_writers_under_the_headline_are_a_byline() -> None:
    clean = clean_text(ANALYSIS_PAGE)
    assert "Ирина Смирнова, Павел Орлов" in [r.text for r in clean.removed]
    assert not any("Смирнова" in p for p in clean.paragraphs)


def test_a_writers_note_below_the_story_is_dropped() -> None:
    clean = clean_text(ANALYSIS_PAGE)
    removed = {r.text: r.reason for r in clean.removed}
    assert "author-bio" == removed["Ирина Смирнова — обозреватель отдела международной политики"]


def test_a_name_dashed_to_a_role_inside_the_story_is_kept() -> None:
    page = "\n".join(
        [
            "The ministers agreed to meet again in the spring, and three documents were"
            " signed after the talks in the capital on Friday.",
            "Nguyen Van Binh — the new ambassador, who arrived in Moscow last month",
            "He presented his credentials to the president on Thursday and met the foreign"
            " minister the following day.",
        ]
    )
    assert 3 == len(clean_text(page).paragraphs)


def test_a_published_and_modified_line_under_the_standfirst_is_the_dateline() -> None:
    page = "\n".join(
        [
            "Le ministre des Affaires étrangères reçoit son homologue ukrainien à Berne",
            "Le chef de la diplomatie suisse a reçu mardi son homologue pour parler de la"
            " conférence sur la reconstruction, prévue au printemps.",
            "Publié le 4 mars 2025 à 10:12 - Modifié le 4 mars 2025 à 12:30",
            "Les deux ministres ont évoqué la sécurité des centrales nucléaires et les"
            " échanges de prisonniers, selon un communiqué du département fédéral.",
        ]
    )
    clean = clean_text(page)
    assert (2025, 3, 4) == (
        (clean.published.year, clean.published.month, clean.published.day)
        if clean.published
        else None
    )
    assert not any(p.startswith("Publié") for p in clean.paragraphs)


def test_a_caption_naming_one_person_before_its_credit_is_a_caption() -> None:
    page = "\r\n".join(
        [
            "Foreign Minister of Uzbekistan met the Ambassador of Japan",
            "Minister of foreign affairs of the Republic of Uzbekistan received the Ambassador"
            " of Japan to discuss the agenda of the forthcoming visit of the delegation.",
            "Kamola Yusupova. Photo: Dunyo",
            "The sides noted the growth of mutual trade and the opening of new direct flights"
            " between the two capitals.",
        ]
    )
    clean = clean_text(page)
    assert ("Kamola Yusupova. Photo: Dunyo",) == clean.captions


POLISH_PAGE = "\n".join(
    [
        "Polityka / Świat",
        "Szef MSZ Wietnamu przyjechał do Warszawy. Rozmowy o handlu i energetyce",
        "Wicepremier i minister spraw zagranicznych Wietnamu rozpoczął we wtorek dwudniową"
        " wizytę w Warszawie, gdzie spotkał się z szefem polskiej dyplomacji.",
        "Ministrowie rozmawiali o zwiększeniu wymiany handlowej, współpracy w energetyce oraz"
        " o sytuacji na Morzu Południowochińskim, poinformowało ministerstwo.",
        "Czytaj także:",
        "Polska i Indonezja podpisały umowę o współpracy obronnej",
        "Rekordowy eksport polskiej żywności do Azji",
        "Według resortu, obroty handlowe obu krajów przekroczyły w ubiegłym roku cztery"
        " miliardy dolarów, a wietnamskie firmy chcą inwestować w polskie porty.",
        "Kolejne konsultacje polityczne zaplanowano na przyszły rok w Hanoi, dodało"
        " ministerstwo w komunikacie.",
    ]
)


def test_a_link_box_whose_label_no_table_knows_is_dropped_by_its_shape() -> None:
    clean = clean_text(POLISH_PAGE)
    related = [r.text for r in clean.removed if r.reason == "related-links"]
    assert ["Czytaj także:"] == related[:1]
    assert "Rekordowy eksport polskiej żywności do Azji" in related
    assert 4 == len(clean.paragraphs)  # the two paragraphs under the box are the story's


def test_a_list_under_a_sentence_ending_in_a_colon_is_the_storys() -> None:
    page = "\n".join(
        [
            "The two governments signed four documents after the talks in Hanoi on Tuesday,"
            " the foreign ministry said in a statement.",
            "The documents cover the following areas:",
            "Cooperation in the peaceful use of nuclear energy",
            "Mutual recognition of driving licences",
            "The ministers will meet again next year in Moscow to review how the agreements"
            " have been carried out.",
        ]
    )
    assert 5 == len(clean_text(page).paragraphs)


def test_a_caption_credited_to_a_press_service_in_lower_case_is_a_caption() -> None:
    caption = (
        "Губернатор края и генеральный консул Вьетнама во время встречи во Владивостоке."
        " Фото: пресс-служба губернатора"
    )
    page = "\n".join(
        [
            "Губернатор Приморского края встретился с генеральным консулом Вьетнама и обсудил"
            " открытие прямых рейсов и поставки морепродуктов.",
            caption,
            "Стороны договорились провести в следующем году дни Вьетнама в крае, сообщила"
            " пресс-служба администрации.",
        ]
    )
    assert (caption,) == clean_text(page).captions


def test_a_pictures_alternative_text_in_brackets_is_dropped() -> None:
    page = "\n".join(
        [
            "The two ministers met in the capital on Monday and agreed to expand trade in rice,"
            " coffee and seafood over the next three years.",
            "[Image: The two ministers shake hands in front of their flags]",
            "They also discussed the preparations for the regional summit later this year.",
        ]
    )
    clean = clean_text(page)
    assert ["[Image: The two ministers shake hands in front of their flags]"] == [
        r.text for r in clean.removed
    ]


VIETNAMESE_PAGE = "\n".join(
    [
        "Trang chủ > Thế giới",
        "Việt Nam và Lào ký kế hoạch hợp tác giáo dục giai đoạn mới",
        "Bộ trưởng Giáo dục hai nước đã ký kế hoạch hợp tác giai đoạn 2026-2030 tại Hà Nội"
        " sáng 5-3, theo đó Việt Nam sẽ tiếp nhận thêm sinh viên Lào sang học tập.",
        "Hai bên nhất trí tăng số học bổng dành cho học viên sau đại học và đẩy mạnh dạy"
        " tiếng Việt tại các trường phổ thông của Lào trong những năm tới.",
        "Kế hoạch cũng bao gồm việc xây dựng thêm ký túc xá cho sinh viên Lào tại Đà Nẵng"
        " và Cần Thơ, với kinh phí do Chính phủ Việt Nam hỗ trợ.",
        "THANH HÀ",
        "Bình luận (3)",
        "Báo điện tử - Cơ quan chủ quản: Hội Nhà báo. Giấy phép số 123/GP-BTTTT cấp ngày"
        " 12-1-2024.",
        "Địa chỉ: 15 Lý Thường Kiệt, phường Cửa Nam, Hà Nội. Điện thoại: 024 3825 1234.",
    ]
)


def test_sentences_below_the_comment_bar_close_the_page_not_the_story() -> None:
    clean = clean_text(VIETNAMESE_PAGE)
    # The story ends above the comment bar, so the writer's name under it is read as
    # the page's tail, not protected as a line of the story.
    assert "THANH HÀ" in [r.text for r in clean.removed]
    assert clean.paragraphs[2].startswith("Kế hoạch cũng bao gồm")


def test_a_key_to_press_is_chrome() -> None:
    clean = clean_text(
        "The ministers met in Vladivostok on Friday and agreed to open a second border"
        " crossing next year.\nНашли опечатку? Выделите её и нажмите Ctrl+Enter"
    )
    assert 1 == len(clean.paragraphs)


BROADSHEET_PAGE = "\n".join(
    [
        "World",
        "Manila, Hanoi agree to hold coast guard drills in the South China Sea",
        "Juan Dela Rosa - The Manila Chronicle",
        "March 3, 2025 | 12:00am",
        "MANILA, Philippines — The Philippines and Vietnam will hold their first joint coast"
        " guard exercise in the South China Sea this year, officials said on Monday.",
        "The two countries signed a memorandum on coast guard cooperation in January, during"
        " a state visit to Hanoi, and agreed to exchange information on incidents at sea.",
        "Juan Dela Rosa covers foreign affairs and defence for the Chronicle. He joined the"
        " paper in 2009 after ten years at a wire agency.",
        "Philippines, Vietnam, coast guard, South China Sea",
    ]
)


def test_a_writer_and_outlet_under_the_headline_and_the_writers_bio_are_dropped() -> None:
    clean = clean_text(BROADSHEET_PAGE)
    removed = {r.text: r.reason for r in clean.removed}
    assert "byline" == removed["Juan Dela Rosa - The Manila Chronicle"]
    assert "author-bio" == removed[BROADSHEET_PAGE.split("\n")[6]]
    assert 2 == len(clean.paragraphs)


def test_a_list_of_tags_below_the_story_is_dropped() -> None:
    clean = clean_text(BROADSHEET_PAGE)
    assert "Philippines, Vietnam, coast guard, South China Sea" in [r.text for r in clean.removed]


def test_a_pictures_text_over_the_caption_it_opens_is_dropped_and_the_caption_kept() -> None:
    caption = (
        "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại trụ sở Chính phủ, Hà Nội, chiều 4-3."
    )
    page = "\n".join(
        [
            "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản và đề nghị Nhật Bản tiếp tục hỗ"
            " trợ Việt Nam phát triển hạ tầng giao thông và đào tạo nguồn nhân lực.",
            "Ảnh: Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản",
            caption,
            "Đại sứ khẳng định Nhật Bản coi trọng quan hệ Đối tác chiến lược toàn diện với"
            " Việt Nam và sẵn sàng mở rộng hợp tác trong lĩnh vực bán dẫn.",
        ]
    )
    clean = clean_text(page)
    assert (caption,) == clean.captions
    assert ["Ảnh: Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản"] == [
        r.text for r in clean.removed
    ]
