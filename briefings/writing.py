"""What a summary writer (the LLM) is given and gives back; free of any client library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from briefings.briefing import Claim, Command
from briefings.model import PartialDate


@dataclass(frozen=True)
class Evidence:
    """One retrieved passage and the number of the source it comes from."""

    source: int
    text: str
    date: PartialDate | None = None


@dataclass(frozen=True)
class Written:
    """The model's claims, or None with a one-line note saying why to fall back."""

    claims: tuple[Claim, ...] | None
    note: str | None
    cached: bool = False


class AnswerCache(Protocol):
    def cached_answer(self, key: str) -> str | None: ...

    def save_answer(self, key: str, model: str, answer: str) -> None: ...


class Writer(Protocol):
    """Writes claims from evidence (briefings.llm.write_claims with its client bound)."""

    def __call__(self, *, task: Command, query: str, evidence: Sequence[Evidence]) -> Written: ...
