"""Bidirectional controls, which untrusted text must not carry into any view.

An override or isolate (U+202A–U+202E, U+2066–U+2069) reorders everything after it up to
the end of the line, so a name or a citation can be shown reversed or moved ("Trojan
Source", CVE-2021-42574); the marks (U+200E, U+200F, U+061C) flip the neutral characters
around them. Right-to-left scripts are laid out by the reader's own bidi algorithm without
them, so each surface's escaper drops them rather than showing a mark.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def without_bidi_controls(text: str) -> str:
    """`text` with every bidirectional embedding, override, isolate and mark taken out."""
    return _BIDI.sub("", text)
