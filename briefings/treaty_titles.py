"""Bodies named only inside the title of a treaty or charter of another language.

"Công ước Liên Hợp Quốc về Luật Biển", "Charte des Nations unies", "Konvensi Perserikatan
Bangsa-Bangsa tentang Hukum Laut": the United Nations there is part of the
document's name, as "UN" is in the English "UN Charter", and readers do not list the body
for it. English titles are read whole by the gazetteer and the head-word finders; these
languages put the document's word first, so the body follows it. Russian readers do list
the body of "Конвенция ООН" (set 5), which reads as the English "UN Convention" does.
"""

from __future__ import annotations

import re
from functools import cache

# The document words of each language, and what may stand between them and the body.
_TITLE_HEADS = {
    "fr": r"(?i:charte|convention|traité|résolution|déclaration|statuts?)[ \t]+"
    r"(?:des|de[ \t]+la|de[ \t]+l['’]|du|de)[ \t]*",
    "vi": r"(?i:công ước|hiến chương|nghị quyết|tuyên bố|hiệp ước)[ \t]+",
    "id": r"(?i:konvensi|piagam|resolusi|deklarasi|traktat|perjanjian)[ \t]+",
}
# How far before a body its document's word may stand.
_REACH = 30


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    heads = _TITLE_HEADS.get(language)
    return re.compile(rf"(?<![\w-])(?:{heads})$") if heads else None


def in_treaty_title(text: str, start: int, language: str | None) -> bool:
    """Whether the body named from `start` is the complement of a document's word."""
    pattern = _pattern(language or "")
    if pattern is None:
        return False
    return pattern.search(text, max(0, start - _REACH), start) is not None
