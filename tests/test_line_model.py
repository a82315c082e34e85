"""The line classifier shipped in the package, and the script that fits it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from briefings.line_model import LABELS, WEIGHTS_PATH, shipped_model

ROOT = Path(__file__).parent.parent

# A page in each language: three menu items, a headline, two sentences of the story,
# a captioned photo, a third sentence, a share bar. Only English pages were labelled.
PAGES = {
    "en": [
        "Home", "World", "Asia",
        "Vietnam and Russia agree to expand energy cooperation",
        "Foreign Minister Bui Thanh Son met his Russian counterpart Sergey Lavrov in Hanoi on"
        " Monday, and the two sides agreed to expand trade in energy and farm produce.",
        "Lavrov said Moscow valued Vietnam's balanced position on international disputes and"
        " hoped to raise trade to new levels next year.",
        "Sergey Lavrov and Bui Thanh Son shake hands in Hanoi. Photo: VNA",
        "The ministers also discussed cooperation within ASEAN-led mechanisms, according to a"
        " statement from the ministry.",
        "Share | Tweet | Email",
    ],
    "ru": [
        "Главная", "Политика", "Экономика",
        "Лавров прибыл во Вьетнам с официальным визитом",
        "Министр иностранных дел России Сергей Лавров в понедельник провел переговоры со своим"
        " вьетнамским коллегой Буй Тхань Шоном в Ханое.",
        "По словам министра, стороны обсудили вопросы торговли, энергетики и сотрудничества в"
        " рамках АСЕАН, а также ситуацию на Украине.",
        "Сергей Лавров и Буй Тхань Шон. Фото: ТАСС",
        "Лавров отметил, что Москва высоко ценит сбалансированную позицию Вьетнама по"
        " международным вопросам и готова развивать связи.",
        "Поделиться | ВКонтакте | Telegram",
    ],
    "vi": [
        "Trang chủ", "Thời sự", "Thế giới",
        "Bộ trưởng Ngoại giao Nga thăm chính thức Việt Nam",
        "Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao Nga Sergey"
        " Lavrov tại Hà Nội vào sáng thứ Hai.",
        "Hai bên nhất trí tăng cường hợp tác trong các lĩnh vực năng lượng, thương mại và giáo"
        " dục, đồng thời phối hợp chặt chẽ tại các diễn đàn đa phương.",
        "Bộ trưởng Bùi Thanh Sơn và Bộ trưởng Sergey Lavrov. Ảnh: TTXVN",
        "Ông Lavrov cho biết Nga coi trọng quan hệ đối tác chiến lược toàn diện với Việt Nam và"
        " mong muốn mở rộng hợp tác.",
        "Chia sẻ | Facebook | Zalo",
    ],
    "fr": [
        "Accueil", "Monde", "Asie",
        "Sergueï Lavrov en visite officielle au Vietnam",
        "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré lundi à Hanoï"
        " son homologue vietnamien Bui Thanh Son pour discuter de la coopération.",
        "Les deux ministres ont évoqué le commerce, l'énergie et la situation en mer de Chine"
        " méridionale, selon un communiqué du ministère.",
        "Sergueï Lavrov et Bui Thanh Son à Hanoï. Photo : AFP",
        "Lavrov a déclaré que Moscou appréciait la position équilibrée du Vietnam sur les"
        " différends internationaux et souhaitait renforcer les liens.",
        "Partager | Facebook | Twitter",
    ],
}  # fmt: skip
EXPECTED = ["boilerplate"] * 3 + ["title", "body", "body", "caption", "body", "boilerplate"]


@pytest.mark.parametrize("language", PAGES)
def test_shipped_model_labels_an_obvious_page(language: str) -> None:
    lines = PAGES[language]
    scores = shipped_model().classify(lines, list(range(len(lines))), language)
    assert EXPECTED == [LABELS[int(i)] for i in scores.argmax(axis=1)]


def test_probabilities_sum_to_one_and_an_empty_page_has_none() -> None:
    lines = PAGES["en"]
    scores = shipped_model().classify(lines, [0] * len(lines), "en")
    assert np.allclose(scores.sum(axis=1), 1.0)
    assert (0, len(LABELS)) == shipped_model().classify([], [], "en").shape


def test_fit_lines_reproduces_the_shipped_weights() -> None:
    pytest.importorskip("sklearn")
    from benchmarks import fit_lines

    pages = [
        page for name in fit_lines.SHIPPED for page in fit_lines.read_pages(fit_lines.SETS[name])
    ]
    fitted = fit_lines.fit(pages).to_json()
    shipped = json.loads((ROOT / "briefings" / WEIGHTS_PATH).read_text(encoding="utf-8"))
    for key in ("mean", "scale", "coef", "intercept"):
        assert np.allclose(np.asarray(shipped[key]), np.asarray(fitted[key]), atol=1e-4), key
    assert shipped["thresholds"] == fitted["thresholds"]


def test_fit_lines_leaves_one_set_out() -> None:
    pytest.importorskip("sklearn")
    from benchmarks import fit_lines

    pages = {name: fit_lines.read_pages(fit_lines.SETS[name]) for name in ("heldout2", "heldout3")}
    report = fit_lines.leave_one_set_out(pages, cleaner=False)
    assert ["heldout2", "heldout3"] == list(report)
    for figures in report.values():
        assert figures["lines"]["body_kept"] >= 0.9


def test_blank_and_one_character_lines_are_classified() -> None:
    lines = ["", "-", "Lavrov said Moscow valued Vietnam's position on international disputes."]
    scores = shipped_model().classify(lines, [0, 0, 0], "ru")
    assert (3, len(LABELS)) == scores.shape
