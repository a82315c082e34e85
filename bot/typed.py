"""What a user typed, made into text that every store and surface can take."""

from __future__ import annotations

import re

from bot.render.bidi import without_bidi_controls

# A str holds surrogates only when something let invalid text through: undecodable bytes
# from argv or a terminal (Python's surrogateescape turns 0xFF into U+DCFF) or a JSON
# payload's lone `\ud800`. SQLite and every UTF-8 writer refuse them.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def typed_text(text: str) -> str:
    """`text` with each lone surrogate as U+FFFD and no bidirectional controls."""
    return without_bidi_controls(_SURROGATE.sub(REPLACEMENT, text))
