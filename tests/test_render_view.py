"""The view of a reply: worded once, then only marked up by each surface."""

from __future__ import annotations

import json
from dataclasses import replace

from rich.console import Console

from bot import messages
from bot.discord.embeds import reply_embeds
from bot.render.terminal import terminal_reply as terminal_view
from bot.render.view import Break, Cites, Line, Markup, Words, briefing_view, marked
from bot.router import Reply
from bot.slack.blocks import reply_payloads
from briefings.briefing import Briefing, Claim, Role, Source, Subject, TimelineEntry
from briefings.model import PartialDate

DAY = PartialDate(2021, 7, 6, "dateline")
LAVROV = Subject("Sergey Lavrov", "person", ("Lavrov",), (Role("FM", "Russia", DAY, DAY, (1,)),))
SOURCE = Source(1, 7, "Son and Lavrov hold talks", None, None, "https://example.org/1", None)


BRIEFING = Briefing(
    "who",
    "Lavrov",
    LAVROV,
    claims=(Claim("Lavrov met Son.", (1,), DAY),),
    sources=(SOURCE,),
    more=3,
)


def _terminal(reply: Reply) -> str:
    console = Console(width=200, record=True)
    console.print(terminal_view(reply))
    return console.export_text()


def test_every_surface_shows_the_words_of_the_view() -> None:
    reply = Reply(briefing=BRIEFING)
    shown = {
        "slack": json.dumps(reply_payloads(reply), ensure_ascii=False),
        "discord": json.dumps([[e.to_dict() for e in m] for m in reply_embeds(reply)]),
        "terminal": _terminal(reply),
    }

    for words in ["Sergey Lavrov", "FM, Russia", ", as reported July 2021", "Lavrov met Son."]:
        assert [] == [surface for surface, text in shown.items() if words not in text], words
    for words in ["outlet unknown, undated", messages.SUMMARY_MODE["extractive"]]:
        assert [] == [surface for surface, text in shown.items() if words not in text], words


def test_every_surface_says_what_a_date_is_and_who_spoke() -> None:
    published = PartialDate(2022, 7, 7, "text")
    quote = Claim(
        "“We thank Vietnam,” he said.", (1,), published, "reported", None, "Sergey Lavrov"
    )
    ahead = Claim(
        "Son backed the summit in November 2021.", (1,), DAY, "event", PartialDate(2021, 11)
    )
    reply = Reply(briefing=replace(BRIEFING, claims=(quote, ahead)))
    shown = {
        "slack": json.dumps(reply_payloads(reply), ensure_ascii=False),
        "discord": json.dumps([[e.to_dict() for e in m] for m in reply_embeds(reply)]),
        "terminal": _terminal(reply),
    }

    for words in [
        "reported 7 July 2022",
        "Sergey Lavrov:",
        "6 July 2021",
        "announced for November 2021",
    ]:
        assert [] == [surface for surface, text in shown.items() if words not in text], words


def test_the_footer_says_how_each_surface_asks_for_more() -> None:
    view = briefing_view(BRIEFING, messages.ASK_MORE_OPTION)

    expected = ("3 more available: run again with more: True.", "Summary quoted from the articles.")
    assert expected == view.footer


def test_titles_name_the_subject_or_else_the_query() -> None:
    entry = TimelineEntry(DAY, "talks", "They talked.", (1,))
    timeline = replace(BRIEFING, command="timeline", claims=(), timeline=(entry,))
    unknown = Briefing("who", "Lavorv", note="No exact match.", candidates=("Sergey Lavrov",))

    assert "Sergey Lavrov" == briefing_view(BRIEFING, "").title
    assert "Timeline: Sergey Lavrov" == briefing_view(timeline, "").title
    assert "Lavorv" == briefing_view(unknown, "").title
    assert "Attaché" == briefing_view(Briefing("ask", " "), "").title


def test_a_line_is_marked_up_part_by_part_and_every_text_escaped() -> None:
    markup = Markup(str.upper, strong="*{}*", emphasis="_{}_", between_cites=" ")
    line = Line((Words("6 July", "strong"), Words(": talks"), Break(), Words("so", "emphasis")))

    assert "*6 JULY*: TALKS\n_SO_ <1> <2>" == marked(
        Line((*line.parts, Words(" "), Cites((1, 2)))), markup, lambda n: f"<{n}>"
    )


def test_a_source_not_in_english_says_its_language_on_every_surface() -> None:
    russian = Source(
        1, 7, "Лавров и Буй Тхань Шон", "Interfax", PartialDate(2024, 7, 27), None, None, "ru"
    )
    reply = Reply(briefing=replace(BRIEFING, sources=(russian,)))
    shown = {
        "slack": json.dumps(reply_payloads(reply), ensure_ascii=False),
        "discord": json.dumps(
            [[e.to_dict() for e in m] for m in reply_embeds(reply)], ensure_ascii=False
        ),
        "terminal": _terminal(reply),
    }

    words = "Interfax, 27 July 2024 · Russian"
    assert [] == [surface for surface, text in shown.items() if words not in text]


def test_a_source_in_english_names_no_language() -> None:
    view = briefing_view(BRIEFING, messages.ASK_MORE_OPTION)

    assert "outlet unknown, undated" == view.sources[0].about
