"""Fit the key-phrase background table (briefings/gazetteer/keyphrase_df.tsv).

    python benchmarks/fit_keyphrases.py [--check]

The table says in how many documents of a background corpus each candidate phrase (as stem
keys, `briefings.keyphrases.phrase_keys`) occurs, so that phrases every story of the field says
("strategic partnership", "trade agreement", "international law") rank below the matter of one
story. The
corpus is every article we have as text: the seeds, the texts of tests/articles, the pages of
the labelled sets (dev, heldout 1-4; only their file names are read from the labels) and
the written articles of the dev entity labels. Each is cleaned as ingest cleans it and
counted once per key. Only keys found in two documents or more are written: a key seen once
is as rare as an unseen one, and the article it came from must not find its own phrases rare
by having been counted. Words are counted too, as one-word keys: a phrase whose modifier every
story uses ("bilateral", "international") is less telling. The same English texts give the
verbs (`keyphrase_verbs.txt`).
`--check` compares with the shipped table instead of writing it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.cleaning import clean_text  # noqa: E402
from briefings.keyphrases import DF_FILE, VERBS_FILE, phrase_keys, verbs_in  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels"
SETS = ("", "heldout", "heldout2", "heldout3", "heldout4")  # never heldout5: scored blind
OUT = ROOT / "briefings" / DF_FILE
VERBS_OUT = ROOT / "briefings" / VERBS_FILE
MIN_DOCUMENTS = 2


def documents() -> Iterator[tuple[str, str | None]]:
    """(text, language) of each background document, each file once."""
    files: set[Path] = set(ROOT.glob("seeds/*.txt")) | set(ROOT.glob("tests/articles/*.txt"))
    written: list[str] = []
    for name in SETS:
        folder = LABELS / name if name else LABELS
        files |= set(folder.glob("articles/*"))
        for article in json.loads((folder / "entities.json").read_text("utf-8"))["articles"]:
            if "file" in article:
                files.add(ROOT / article["file"])
            else:
                written.append(article["text"])
    for path in sorted(files):
        yield _cleaned(path.read_text(encoding="utf-8"))
    for text in written:
        yield text, "en"


def _cleaned(raw: str) -> tuple[str, str | None]:
    cleaned = clean_text(raw)
    return "\n".join(p.text for p in cleaned.passages), cleaned.language


def fit() -> tuple[int, Counter[tuple[str, ...]], str]:
    counts: Counter[tuple[str, ...]] = Counter()
    english: list[str] = []
    total = 0
    for text, language in documents():
        total += 1
        counts.update(phrase_keys(text, language))
        if language == "en":
            english.append(text)
    return total, counts, "\n".join(english)


def verbs_text(english: str) -> str:
    head = "# Written by benchmarks/fit_keyphrases.py: English stems used as verbs in the corpus."
    return "\n".join([head, *sorted(verbs_in(english))]) + "\n"


def table_text(total: int, counts: Counter[tuple[str, ...]]) -> str:
    kept = sorted(
        (k for k, n in counts.items() if n >= MIN_DOCUMENTS), key=lambda k: (-counts[k], k)
    )
    head = [
        "# Written by benchmarks/fit_keyphrases.py: documents in the background corpus, then",
        "# each phrase's stem key (space-separated) and the documents it occurs in (>= 2).",
        f"documents\t{total}",
    ]
    return "\n".join(head + [f"{' '.join(k)}\t{counts[k]}" for k in kept]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped table")
    args = parser.parse_args()
    total, counts, english = fit()
    text = table_text(total, counts)
    verbs = verbs_text(english)
    kept = text.count("\n") - 3
    print(f"{total} documents, {len(counts)} keys, {kept} in two documents or more")
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        same = same and VERBS_OUT.read_text(encoding="utf-8") == verbs
        print("shipped table is up to date" if same else "shipped table differs: refit")
        sys.exit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    VERBS_OUT.write_text(verbs, encoding="utf-8")


if __name__ == "__main__":
    main()
