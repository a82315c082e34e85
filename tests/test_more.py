"""`--more` tells more, and the footer's count is what `--more` will add: who, topic and ask,
through the console harness and the real ingest of the seeds."""

from __future__ import annotations

import io
import re

from rich.console import Console

from bot.console import execute
from bot.router import Router

_MORE = re.compile(r"(\d+) more available: add --more\.")


def _shown(router: Router, line: str) -> str:
    out = io.StringIO()
    Console(file=out, width=400, color_system=None).print(execute(router, line))
    return out.getvalue()


def _claims(shown: str) -> int:
    # Each claim cites its sources as "[n]" at its end.
    return len(re.findall(r"\[\d+(?:, \d+)*\]\s*$", shown, re.MULTILINE))


def test_ask_more_tells_more_than_ask(router: Router) -> None:
    question = "What did Vietnam and Russia discuss?"
    plain = _shown(router, f"/ask {question}")
    more = _shown(router, f"/ask {question} --more")

    assert _MORE.search(plain) is not None
    assert _claims(more) > _claims(plain)


def test_the_count_offered_is_what_more_adds(router: Router) -> None:
    for line in ("/who Lavrov", "/topic ASEAN", "/ask What did Vietnam and Russia discuss?"):
        plain = _shown(router, line)
        offered = _MORE.search(plain)
        if offered is None:
            continue
        more = _shown(router, f"{line} --more")

        assert int(offered.group(1)) == _claims(more) - _claims(plain), line


def test_more_never_asks_for_more_again(router: Router) -> None:
    for line in ("/who Lavrov --more", "/topic ASEAN --more", "/ask Lavrov sanctions --more"):
        assert _MORE.search(_shown(router, line)) is None, line
