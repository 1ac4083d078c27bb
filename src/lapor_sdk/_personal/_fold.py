"""Length-preserving folding of look-alike characters before personal data is searched for.

Reporters (and people trying to slip past a filter) write numbers with full-width digits
(``０８１２…``), other scripts' digits (``٠٨١٢…``), typographic dashes and invisible
separators. :func:`fold` maps each such character to the ASCII one it stands for, **one
character for one character**, so a match found in the folded text has the same position in
the original: the scrubber finds spans in the folded text and cuts them out of the original.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]

#: Dashes and minus signs that separate digit groups like "-" does.
_DASHES = frozenset("\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63")
#: The table caches this many characters at most (a hostile text may hold every code point).
_MAX_CACHED = 20_000


class _FoldTable(dict[int, int]):
    """``str.translate`` table computed on demand: code point -> folded code point."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        folded = code
        if code < 128:
            pass
        elif char.isdecimal():  # any script's decimal digit (Unicode category Nd)
            folded = ord(str(unicodedata.decimal(char)))
        elif char in _DASHES:
            folded = ord("-")
        elif unicodedata.category(char) in ("Zs", "Cf"):  # no-break, ideographic, zero-width
            folded = ord(" ")
        else:
            nfkc = unicodedata.normalize("NFKC", char)  # full-width "＋", "＠", "Ａ" ...
            if len(nfkc) == 1 and nfkc.isascii():
                folded = ord(nfkc)
        if len(self) < _MAX_CACHED:
            self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Return ``text`` with look-alike digits, dashes, spaces and full-width forms as ASCII.

    The result has exactly the length of ``text`` (one character for one).

    Example:
        >>> fold("０８１２－３４５６")
        '0812-3456'
    """
    if text.isascii():
        return text
    return text.translate(_TABLE)
