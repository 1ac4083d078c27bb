"""A light Indonesian stemmer: affix rules checked against the KBBI root-word list.

``stem("membagikan") == stem("dibagikan") == stem("pembagian") == "bagi"``. The rules strip
particles (``-lah``, ``-kah``, ``-pun``), possessives (``-ku``, ``-mu``, ``-nya``), one
derivational suffix (``-kan``, ``-an``, ``-i``) and up to two prefixes (``me-``, ``di-``,
``ber-``, ``ter-``, ``pe-``, ``ke-``, ``se-``, ``per-`` with the nasal changes ``meny-`` → ``s``,
``mem-`` → ``p``, ``men-`` → ``t``, ``meng-`` → ``k``). A candidate is accepted only when it is
a root word of the list PySastrawi ships (MIT; a core dependency), so names and unknown words
are left alone. Each word's answer is cached; this is far cheaper than PySastrawi's full
stemmer, which the index could not afford for every word of 100,000 claims.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

__all__ = ["is_root", "stem"]

_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
# (prefix, replacements for the first letter of the root); "" means "nothing added".
_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meng", ("", "k")),
    ("meny", ("s",)),
    ("mem", ("p", "")),
    ("men", ("t", "")),
    ("me", ("",)),
    ("peng", ("", "k")),
    ("peny", ("s",)),
    ("pem", ("p", "")),
    ("pen", ("t", "")),
    ("per", ("",)),
    ("pe", ("",)),
    ("ber", ("",)),
    ("be", ("",)),
    ("ter", ("",)),
    ("di", ("",)),
    ("ke", ("",)),
    ("se", ("",)),
)
_MIN_ROOT = 3


@cache
def _roots() -> frozenset[str]:
    """Indonesian root words (KBBI) from PySastrawi's data file; empty if it is missing."""
    try:
        data = resources.files("Sastrawi").joinpath("Stemmer", "data", "kata-dasar.txt")
        text = data.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover - core dep
        return frozenset()
    return frozenset(w.strip().lower() for w in text.split() if w.isalpha())


def _strip_suffixes(word: str) -> list[str]:
    """The word and its forms without particle, possessive and derivational suffix."""
    forms = [word]
    current = word
    for group in (_PARTICLES, _POSSESSIVES, _SUFFIXES):
        for suf in group:
            if current.endswith(suf) and len(current) - len(suf) >= _MIN_ROOT:
                current = current[: -len(suf)]
                forms.append(current)
                break
    return forms


def _strip_prefix(word: str, *, plain: bool | None = None) -> list[str]:
    """Forms of ``word`` without one prefix; ``plain`` True/False: only/no nasal changes."""
    out: list[str] = []
    for pre, replacements in _PREFIXES:
        if word.startswith(pre) and len(word) - len(pre) >= _MIN_ROOT - 1:
            rest = word[len(pre) :]
            out.extend(r + rest for r in replacements if plain is None or (r == "") == plain)
    return out


def is_root(word: str) -> bool:
    """Whether ``word`` is an Indonesian root word (KBBI list shipped with PySastrawi)."""
    return word in _roots()


@lru_cache(maxsize=131_072)
def stem(word: str) -> str:
    """Return the root of an Indonesian word, or the word itself when no root is found.

    Args:
        word: One lower-case token (as :func:`~hoax_clinic.matching.normalize` writes them).

    Returns:
        A KBBI root word ("bagi" for "dibagikan"), else ``word`` unchanged.

    Example:
        >>> stem("membagikan"), stem("penyebaran"), stem("jokowi")
        ('bagi', 'sebar', 'jokowi')
    """
    roots = _roots()
    if len(word) < 4 or not word.isalpha() or word in roots:
        return word
    # Fewer prefixes before more, so "penyebaran" gives "sebar" (via "penyebar"), not
    # "se-" + "baran" (via "sebaran"); "bersekolah" gives "sekolah", not "seko".
    forms = _strip_suffixes(word)
    for form in forms:
        if form in roots:
            return form
    # A plain prefix before a nasal change: "pengunduran" -> "undur", not "kunduran".
    for plain in (True, False):
        for form in forms:
            for once in _strip_prefix(form, plain=plain):
                if once in roots:
                    return once
    for form in forms:
        for once in _strip_prefix(form):
            for twice in _strip_prefix(once):
                if twice in roots:
                    return twice
    return word
