"""The word and name tables shipped in the package (`gazetteer/`, `boilerplate/`).

One format for all of them: UTF-8 text, one entry a line, blank lines and lines
starting with `#` skipped; `.tsv` files split each line into tab-separated cells.
"""

from __future__ import annotations

from importlib import resources


def lines(path: str) -> list[str]:
    """The entries of the data file at `path` (inside `briefings/`), each trimmed."""
    text = (resources.files("briefings") / path).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def words(path: str) -> list[str]:
    """Every space-separated word of the data file at `path`."""
    return [word for line in lines(path) for word in line.split()]


def rows(path: str, width: int) -> list[list[str]]:
    """The tab-separated cells of each entry, trimmed, cut or padded with "" to `width`."""
    padded = ([cell.strip() for cell in line.split("\t")] + [""] * width for line in lines(path))
    return [cells[:width] for cells in padded]
