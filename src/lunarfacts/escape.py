"""Text from the data made safe for a terminal: control and format characters written as escapes.

Stdlib only. Used by the tables and cards (render), by every message on stderr, and by machine
formats when they go to a terminal, so an ESC, BEL, CR or bidi override in the data never acts on it.
"""

from __future__ import annotations

import unicodedata

_UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # control, format (bidi, zero-width), surrogate, line breaks


def escape_controls(text: str, keep: str = "") -> str:
    """`text` with every unsafe character but those in `keep` written as \\xNN or \\uNNNN."""
    if text.isprintable() and not any(unicodedata.category(ch) == "Cf" for ch in text):
        return text
    out = []
    for ch in text:
        if ch in keep or unicodedata.category(ch) not in _UNSAFE:
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


def safe(text: str, keep_newlines: bool = False) -> str:
    """Text with control and format characters (ESC, BEL, CR, bidi overrides...) written as escapes."""
    return escape_controls(text, "\n\t" if keep_newlines else "")
