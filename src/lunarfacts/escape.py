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
            out.append(escaped(ch))
    return "".join(out)


def escaped(ch: str) -> str:
    """One character as an escape: \\x1b, \\u200b, and \\U000E0041 beyond the BMP (never \\ue0041,
    which reads as \\ue004 and a 1)."""
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08X}"


def ascii_shown(text: str) -> str:
    """Text that must be ASCII (an id), quoted with every other character escaped and named, so a
    look-alike shows as what it is: 'luna-1\\u0430' (\\u0430 CYRILLIC SMALL LETTER A)."""
    import unicodedata

    odd = list(dict.fromkeys(ch for ch in text if not (ch.isascii() and ch.isprintable())))
    body = ascii_body(text)
    names = "; ".join(f"{escaped(ch)} {unicodedata.name(ch, 'unnamed')}" for ch in odd[:3])
    return f"'{body}'" + (f" ({names})" if names else "")


def ascii_body(text: str) -> str:
    """Every character but printable ASCII escaped (see `escaped`)."""
    return "".join(ch if ch.isascii() and ch.isprintable() else escaped(ch) for ch in text)


def path_shown(path: str) -> str:
    """A path in a message, every control character (a newline too) escaped: a message is one line."""
    return escape_controls(path) if path else "(empty path)"


def safe(text: str, keep_newlines: bool = False) -> str:
    """Text with control and format characters (ESC, BEL, CR, bidi overrides...) written as escapes."""
    return escape_controls(text, "\n\t" if keep_newlines else "")
