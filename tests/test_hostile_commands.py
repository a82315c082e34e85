"""Thousands of hostile commands through the router and every renderer: no crash, no limit
broken, no live mention or link, no terminal escape — on the terminal, in JSON, on Slack
and on Discord.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import messages
from bot.router import Context, Reply, Router, parse
from store import Store

from .conftest import RouterOptions, offline, run_ingest, seeded_database
from .hostile import BIDI_CONTROLS, FRAGMENTS, MENTIONS, VERBS, problems_everywhere

# Within a day of the seed articles, so digests have events to show.
NOW = datetime(2021, 7, 7, 8, tzinfo=UTC)
INGESTED = "2021-07-07T02:00:00+00:00"
CONTEXTS = [
    Context("slack", "T1", "C1", "U1", is_admin=True),
    Context("slack", "T1", "C1", "U2", is_admin=False),
    Context("discord", "G1", "D1", "U3", is_admin=True),
    Context("console", "", "", "", is_admin=True),
]
HOSTILE = settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

fragment = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)
argument = st.lists(fragment, max_size=8).map(" ".join) | st.lists(fragment, max_size=8).map(
    "".join
)
huge = st.sampled_from(FRAGMENTS).map(lambda piece: (piece + " ") * (40_000 // (len(piece) + 1)))
separator = st.sampled_from([" ", "  ", "\t", "\n", " \u200b"])
command = st.builds(
    lambda verb, sep, arg: f"{verb}{sep}{arg}",
    st.sampled_from(VERBS) | st.text(max_size=10),
    separator,
    argument | huge,
)


@pytest.fixture(scope="module")
def router_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _ = seeded_database(
        tmp_path_factory.mktemp("hostile_commands") / "a.db", ingested=INGESTED
    )
    subscriber = Router(str(path), offline, clock=lambda: NOW)
    # Something for `digest list`, `preview` and `now` to show, in every context.
    for context in CONTEXTS:
        subscriber.handle_text("digest subscribe Lavrov OR Vietnam daily 08:00", context)
    subscriber.close()
    return path


@pytest.fixture
def router_options() -> RouterOptions:
    return {"clock": lambda: NOW}


def assert_safe_everywhere(reply: Reply) -> None:
    # Hostile text is answered, never an internal error (the router would hide one).
    assert messages.SOMETHING_WENT_WRONG != reply.text
    assert [] == problems_everywhere(reply)


@HOSTILE
@given(text=command, context=st.sampled_from(CONTEXTS))
def test_a_typed_command_is_answered_safely_everywhere(
    router: Router, text: str, context: Context
) -> None:
    # As an app mention or the console sees it: unknown commands are a usage error.
    assert_safe_everywhere(router.handle_text(text, context))


@HOSTILE
@given(text=command, context=st.sampled_from(CONTEXTS))
def test_a_direct_message_is_answered_safely_everywhere(
    router: Router, text: str, context: Context
) -> None:
    # As a direct message: anything that is not a command is a question.
    assert_safe_everywhere(router.handle_text(text, context, default="ask"))


@HOSTILE
@given(
    verb=st.sampled_from(["who", "topic", "ask", "timeline", "digest preview"]),
    words=st.lists(st.sampled_from([*MENTIONS, "Lavrov", "Vietnam", "UNCLOS"]), max_size=5),
)
def test_names_that_are_found_and_mentions_together_are_safe(
    router: Router, verb: str, words: list[str]
) -> None:
    # Real names make briefings with claims and sources, not only "nothing found".
    reply = router.handle_text(f"{verb} {' '.join(words)}", CONTEXTS[0])

    assert_safe_everywhere(reply)


@pytest.mark.parametrize("piece", FRAGMENTS)
@pytest.mark.parametrize("verb", ["who", "topic", "ask", "timeline", "digest preview", "frob"])
def test_every_hostile_fragment_alone_and_beside_a_name(
    router: Router, verb: str, piece: str
) -> None:
    for text in (f"{verb} {piece}", f"{verb} Lavrov {piece}", f"{verb} {piece * 10_000}"):
        assert_safe_everywhere(router.handle_text(text, CONTEXTS[0]))


def test_the_router_still_answers_after_the_onslaught(router: Router) -> None:
    reply = router.handle(parse("who Lavrov"))

    assert reply.briefing is not None and reply.briefing.subject is not None
    assert "Sergey Lavrov" == reply.briefing.subject.name
    assert 5 == router.store().stats().articles


def test_a_huge_argument_is_cut_before_it_is_searched(router: Router) -> None:
    assert 500 >= len(parse("ask " + "😀" * 40_000).argument)


def test_an_unknown_command_quoting_markup_is_shown_as_text(tmp_path: Path) -> None:
    reply = Router(str(tmp_path / "a.db"), offline).handle_text(
        "[click](http://evil.example) <#323456789012345678>"
    )

    assert reply.failed
    assert [] == problems_everywhere(reply)


BIDI_ARTICLE = (
    "Lavrov visits Hanoi\n\n"
    "Sergey Lavrov said in Hanoi on 6 July 2021 that the \u202eevil\u202c talks were "
    "\u2067constructive\u2069, and Bui Thanh Son agreed \u200fwith \u061che\u200e.\n"
)
bidi_text = st.lists(
    st.sampled_from([*BIDI_CONTROLS, "\u202eevil", "Lavrov", "Hanoi", " ", "evil"]), max_size=8
).map("".join)


@pytest.fixture(scope="module")
def bidi_router(tmp_path_factory: pytest.TempPathFactory) -> Router:
    root = tmp_path_factory.mktemp("bidi")
    (root / "articles").mkdir()
    (root / "articles" / "lavrov.txt").write_text(BIDI_ARTICLE, encoding="utf-8")
    with Store.open(root / "a.db") as store:
        run_ingest(store, [str(root / "articles")])
    return Router(str(root / "a.db"), offline, clock=lambda: NOW)


@pytest.mark.parametrize(
    "text",
    [
        "who \u202eevil",
        "who Lavrov",
        "ask what did Lavrov say about the \u202eevil talks?",
        "topic \u2067constructive\u2069",
        "timeline Lavrov",
        "digest preview \u202eevil OR Lavrov",
        "\u202efrobnicate",
    ],
)
def test_bidi_controls_from_an_article_and_a_user_are_neutralised_everywhere(
    bidi_router: Router, text: str
) -> None:
    reply = bidi_router.handle_text(text, CONTEXTS[0])

    assert [] == problems_everywhere(reply)


@HOSTILE
@given(
    verb=st.sampled_from(["who", "topic", "ask", "timeline", "digest preview", "/"]), arg=bidi_text
)
def test_no_bidi_control_survives_on_any_surface(bidi_router: Router, verb: str, arg: str) -> None:
    assert [] == problems_everywhere(bidi_router.handle_text(f"{verb} {arg}", CONTEXTS[0]))
