"""A statement a sentence gives only to "he" or "she" is shown with its speaker, never
under someone who did not make it: English, Russian and French articles, through the real
ingest."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from bot.console import execute
from bot.router import Router
from briefings.attribution import pronoun_speaks, statement_shown
from briefings.compose import Limits, answer_question, brief_topic, brief_who
from store import Store

from .conftest import run_ingest

TRUTH = Path(__file__).parent / "articles" / "truth"


@pytest.fixture
def wires(store: Store) -> Store:
    run_ingest(store, [str(TRUTH)])
    return store


def test_the_seed_quote_after_meeting_son_is_lavrovs(seeded: Store) -> None:
    # Son's default briefing tells his own events first; --more reaches the quote.
    briefing = brief_who(seeded, "Bùi Thanh Sơn", Limits().more())

    quote = next(c for c in briefing.claims if c.text.startswith("“I expressed my appreciation"))
    assert "Sergey Lavrov" == quote.speaker


def test_he_underlined_after_son_said_is_sons(seeded: Store) -> None:
    briefing = brief_topic(seeded, "ASEAN", Limits().more())

    underlined = next(c for c in briefing.claims if c.text.startswith("He underlined"))
    assert "Bui Thanh Son" == underlined.speaker


def test_no_seed_briefing_leaves_a_he_said_without_its_speaker(seeded: Store) -> None:
    unattributed = []
    for entity in seeded.entities():
        build = brief_who if entity.kind == "person" else brief_topic
        for claim in build(seeded, entity.name).claims:
            if pronoun_speaks(claim.text) is not None and claim.speaker is None:
                unattributed.append((entity.name, claim.text))

    assert [] == unattributed


def test_a_quote_is_shown_under_the_speaker_not_the_person_met(wires: Store) -> None:
    briefing = brief_who(wires, "Prak Sokhonn", Limits().more())

    quote = next(c for c in briefing.claims if c.text.startswith('"Trade between our peoples'))
    assert "Maris Sangiampongsa" == quote.speaker


def test_a_sentence_that_names_its_speaker_needs_no_speaker(wires: Store) -> None:
    briefing = brief_who(wires, "Maris Sangiampongsa", Limits().more())

    said = next(c for c in briefing.claims if c.text.startswith("Maris said"))
    assert said.speaker is None


def test_a_russian_zayavil_on_is_the_minister_named_before(wires: Store) -> None:
    briefing = answer_question(wires, "О чем договорились Лавров и Коммасит?")

    quote = next(c for c in briefing.claims if "заявил он" in c.text)
    assert "Sergey Lavrov" == quote.speaker


def test_a_french_a_t_elle_ajoute_is_the_minister_who_spoke_before(wires: Store) -> None:
    # "s'est entretenue mardi" is now dated talks, which the default briefing tells first;
    # --more reaches the quote.
    briefing = brief_who(wires, "Yoko Kamikawa", Limits().more())

    quote = next(c for c in briefing.claims if "a-t-elle ajouté" in c.text)
    assert "Retno Marsudi" == quote.speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "“We will not join the sanctions,” he said.",
        "« Nous sommes prêts », a-t-il déclaré.",
        "Il a également souligné le rôle de l'ASEAN.",
        "He also underlined the role of ASEAN.",
        "«Мы договорились», — заявил он журналистам.",
        "Ông nói hai nước sẽ tăng cường hợp tác.",
        "“We are ready,” said she.",
    ],
)
def test_he_said_is_found_in_each_language(sentence: str) -> None:
    assert pronoun_speaks(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Lavrov said he would do his best to help.",
        "He visited Mongolia a day before arriving in Hanoi.",
        "The shepherds said nothing.",
        "Y a-t-il un accord ?",
    ],
)
def test_a_he_that_is_not_a_speaker_is_not_taken_for_one(sentence: str) -> None:
    assert pronoun_speaks(sentence) is None


def test_the_console_shows_who_spoke(router: Router) -> None:
    shown = io.StringIO()
    Console(file=shown, width=400, color_system=None).print(
        execute(router, "/who Bùi Thanh Sơn --more")
    )

    assert "Sergey Lavrov: “I expressed my appreciation" in shown.getvalue()


def test_lavrovs_own_he_said_quote_is_in_his_who_more(seeded: Store) -> None:
    # The AP quote names no one; "he" is Lavrov, named as speaker two sentences before.
    briefing = brief_who(seeded, "Lavrov", Limits().more())

    quote = next(c for c in briefing.claims if c.text.startswith("“I expressed my appreciation"))
    assert "Sergey Lavrov" == quote.speaker


def test_a_russian_zayavil_on_quote_is_in_lavrovs_who(seeded: Store) -> None:
    run_ingest(seeded, [str(TRUTH)])
    briefing = brief_who(seeded, "Lavrov")

    quote = next(c for c in briefing.claims if c.text.startswith("«Мы договорились"))
    assert "Sergey Lavrov" == quote.speaker


def test_a_french_a_t_elle_quote_is_in_retno_marsudis_who(wires: Store) -> None:
    briefing = brief_who(wires, "Retno Marsudi")

    quote = next(c for c in briefing.claims if c.text.startswith("« Nous ne pouvons pas"))
    assert "Retno Marsudi" == quote.speaker


def test_a_he_told_reporters_quote_is_in_maris_who_not_under_the_person_met(
    wires: Store,
) -> None:
    maris = brief_who(wires, "Maris", Limits().more())
    sokhonn = brief_who(wires, "Prak Sokhonn", Limits().more())

    quote = '"Trade between our peoples'
    own = next(c for c in maris.claims if c.text.startswith(quote))
    assert "Maris Sangiampongsa" == own.speaker
    told = [c for c in sokhonn.claims if c.text.startswith(quote)]
    assert ["Maris Sangiampongsa"] == [c.speaker for c in told]


def test_retnos_quote_naming_kamikawa_shows_its_speaker_under_kamikawa(wires: Store) -> None:
    briefing = brief_who(wires, "Yoko Kamikawa", Limits().more())

    quotes = [c.speaker for c in briefing.claims if c.text.startswith("« Nous ne pouvons")]
    assert ["Retno Marsudi"] == quotes


ANALYST = (
    "Chinese Foreign Minister Wang Yi met Philippine Foreign Secretary Maria Theresa Lazaro in "
    "Kuala Lumpur on Friday, their first meeting since a collision near Second Thomas Shoal.\n\n"
    "Wang told Lazaro that Manila should stop provocations at sea and return to dialogue, "
    "according to a statement from the Chinese foreign ministry.\n\n"
    "Zhang Mingliang, a researcher at Jinan University in Guangzhou, said the warning was "
    'aimed beyond the region. "Wang Yi was sending a message to Washington as much as to '
    'Manila," he said.\n\n'
    "Japan's new foreign minister Toshimitsu Motegi spoke to reporters in Tokyo the same day. "
    '"We will continue close communication with South Korea, an important neighbour, and I '
    'hope to meet Foreign Minister Cho Hyun at an early date," he said.\n'
)


def test_a_person_named_inside_the_quotation_is_not_its_speaker(
    store: Store, tmp_path: Path
) -> None:
    article = tmp_path / "wang-lazaro.txt"
    article.write_text("Wang Yi warns Manila in Kuala Lumpur talks\n\n" + ANALYST)
    run_ingest(store, [str(article)])

    def speakers(name: str, opening: str) -> list[str | None]:
        briefing = brief_who(store, name, Limits().more())
        return [c.speaker for c in briefing.claims if c.text.startswith(opening)]

    # The researcher is no person the store knows: under Wang Yi's name his words are shown
    # with no speaker, never as Wang Yi's or as Lazaro's (named two sentences before).
    assert speakers("Wang Yi", '"Wang Yi was sending') in ([], [None])
    assert speakers("Cho Hyun", '"We will continue') in ([], ["Toshimitsu Motegi"])
    assert speakers("Toshimitsu Motegi", '"We will continue') == ["Toshimitsu Motegi"]


ADDRESSED = (
    "Japanese Foreign Minister Kenji Arakawa held talks in Hanoi on Thursday with Vietnamese "
    "Foreign Minister Tran Quoc Binh.\n\n"
    "Binh, who took office in March, told Arakawa that Vietnam hoped Japanese companies would "
    'invest in semiconductors. "Japan has been a faithful partner of our development for '
    'three decades," he said.\n\n'
    "Mine clearance agency director general Sok Vannak welcomed the aid. He said the centre "
    'still had large areas to clear. "The help has been practical and quick," he added.\n'
)


def test_the_person_told_is_not_the_speaker_and_a_lower_case_role_names_one(
    store: Store, tmp_path: Path
) -> None:
    """'Binh … told Arakawa …; "…," he said' is Binh's; 'director general Sok Vannak' is a
    person, so his "he added" is not the minister's named further back."""
    article = tmp_path / "arakawa-binh.txt"
    article.write_text("Japan and Vietnam deepen ties\n\n" + ADDRESSED)
    run_ingest(store, [str(article)])

    quotes = [
        (c.text[:14], c.speaker)
        for name in ("Kenji Arakawa", "Tran Quoc Binh")
        for c in brief_who(store, name, Limits().more()).claims
        if c.text.startswith('"')
    ]

    assert ('"Japan has bee', "Tran Quoc Binh") in quotes
    assert all(speaker != "Kenji Arakawa" for _, speaker in quotes)
    assert brief_who(store, "Sok Vannak").subject is not None


def test_a_speaker_named_again_by_surname_alone_is_theirs(store: Store, tmp_path: Path) -> None:
    # The guest is named in full once («с … Тосимицу Мотэги»), then by surname alone, which
    # no mention links to him: the «— добавил он» after it is his, not the host's.
    (tmp_path / "ru.txt").write_text(
        "Лавров провел переговоры с главой МИД Японии\n\n"
        "Министр иностранных дел России Сергей Лавров провел в среду переговоры с министром "
        "иностранных дел Японии Тосимицу Мотэги, который находится в Москве с визитом.\n\n"
        'Открывая встречу, Лавров отметил, что диалог двух стран продолжается. "Мы '
        'ценим возможность обсудить все вопросы напрямую", — сказал российский министр.\n\n'
        'Мотэги, в свою очередь, поблагодарил российскую сторону за прием. "Мы хотим '
        'продолжить переговоры о мирном договоре", — добавил он.\n',
        encoding="utf-8",
    )
    run_ingest(store, [str(tmp_path)])

    briefing = brief_who(store, "Лавров", Limits().more())

    quoted = [c for c in briefing.claims if "продолжить переговоры" in c.text]
    assert [] == [c for c in quoted if c.speaker and "Lavrov" in c.speaker]
    said = answer_question(store, "Что сказал Мотэги о мирном договоре?")
    peace = next(c for c in said.claims if "продолжить переговоры" in c.text)
    assert peace.speaker is not None and "Mot" in peace.speaker


@pytest.mark.parametrize(
    "text",
    [
        "Сикорский ответил, что Варшава готова принять переговоры.",
        "Asked about the deal, the minister replied that talks would go on.",
        "Le ministre a répondu que le dialogue continuerait.",
        "Bộ trưởng trả lời rằng hai bên sẽ tiếp tục đối thoại.",
    ],
)
def test_a_reply_is_a_statement(text: str) -> None:
    # "What did X say" is answered by X's reply as by X's declaration.
    assert 0 < statement_shown(text)


def test_he_replied_names_no_one() -> None:
    assert pronoun_speaks("“We will see,” he replied.") is not None
