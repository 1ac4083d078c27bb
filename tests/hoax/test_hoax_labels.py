"""Label parsing from titles, categories and URL slugs; fuzzed with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoax_clinic import Label, UnknownLabelError
from hoax_clinic.feeds import label_from_categories, label_from_url, parse_label, split_title


@pytest.mark.parametrize(
    ("title", "label", "claim"),
    [
        ("[HOAKS] Video Banjir di Jakarta", Label.HOAKS, "Video Banjir di Jakarta"),
        ("[SALAH] Gunung Lawu Bakal Erupsi", Label.SALAH, "Gunung Lawu Bakal Erupsi"),
        ("[DISINFORMASI] Surat Edaran Palsu", Label.DISINFORMASI, "Surat Edaran Palsu"),
        ("[KONTEN YANG DIMANIPULASI] Foto Lama", Label.MANIPULASI, "Foto Lama"),
        ("[HOAKS] [DISINFORMASI] Dua Label", Label.HOAKS, "Dua Label"),
        ("HOAKS: Vaksin Berisi Chip", Label.HOAKS, "Vaksin Berisi Chip"),
        ("Disinformasi – Video Lama", Label.DISINFORMASI, "Video Lama"),
        ("Hoaks - Link Undian BRI", Label.HOAKS, "Link Undian BRI"),
        ("(SATIRE) Menteri Jadi Kucing", Label.SATIRE, "Menteri Jadi Kucing"),
        ("[FAKTA] Jalan Tol Dibuka", Label.BENAR, "Jalan Tol Dibuka"),
        ("[Cek Fakta] Benarkah Ada Pemadaman?", None, "[Cek Fakta] Benarkah Ada Pemadaman?"),
        ("Salah satu warga menemukan ular", None, "Salah satu warga menemukan ular"),
        ("Penipuan berkedok undian marak", None, "Penipuan berkedok undian marak"),
        ("  [hoaks]   spasi   berlebih ", Label.HOAKS, "spasi berlebih"),
        ("[HOAKS]", Label.HOAKS, ""),
    ],
)
def test_split_title(title: str, label: Label | None, claim: str) -> None:
    assert split_title(title) == (label, claim)


@pytest.mark.parametrize(
    ("url", "label"),
    [
        (
            "https://www.komdigi.go.id/berita/berita-hoaks/detail/hoaks-video-kuis-tebak-nama",
            Label.HOAKS,
        ),
        (
            "https://www.komdigi.go.id/berita/berita-hoaks/detail/disinformasi-20-orang-meninggal",
            Label.DISINFORMASI,
        ),
        (
            "https://www.komdigi.go.id/berita/berita-hoaks/detail/disnformasi]-typo",
            Label.DISINFORMASI,
        ),
        ("https://turnbackhoax.id/articles/35352-salah-gunung-lawu-bakal-erupsi", Label.SALAH),
        ("https://turnbackhoax.id/articles/35306-penipuan-tautan-loker", Label.PENIPUAN),
        ("https://turnbackhoax.id/2024/01/02/salah-filter-rokok/", Label.SALAH),
        ("https://turnbackhoax.id/articles/35000-parodi-menteri", Label.SATIRE),
        ("https://cekfakta.com/focus/90103", None),
        ("https://example.org/", None),
        ("not a url at all", None),
    ],
)
def test_label_from_url(url: str, label: Label | None) -> None:
    assert label_from_url(url) is label


def test_label_from_categories_takes_the_first_label() -> None:
    assert label_from_categories(["Bencana", "SALAH", "HOAKS"]) is Label.SALAH
    assert label_from_categories(["Politik", "Kesehatan"]) is None


def test_label_parse_rejects_unknown_text_with_the_allowed_list() -> None:
    with pytest.raises(UnknownLabelError, match=r"unknown label 'palsu'; use one of: HOAKS, "):
        Label.parse("palsu")


@given(st.text(max_size=300))
def test_split_title_never_crashes_and_is_idempotent(title: str) -> None:
    label, claim = split_title(title)
    assert label is None or isinstance(label, Label)
    assert split_title(claim) == (None, claim)


@given(st.sampled_from(list(Label)), st.text(max_size=100))
def test_a_bracketed_label_is_always_found(label: Label, rest: str) -> None:
    found, claim = split_title(f"[{label.value}] {rest}")
    assert found is label
    assert split_title(claim) == (None, claim)


@given(st.text(max_size=300))
def test_parse_label_and_url_never_crash(text: str) -> None:
    found = parse_label(text)
    assert found is None or parse_label(found.value) is found
    assert label_from_url(text) is None or isinstance(label_from_url(text), Label)
    assert label_from_url("https://x.id/" + text) in (None, *Label)


@given(st.sampled_from(list(Label)))
def test_every_label_parses_from_its_own_value_in_any_case(label: Label) -> None:
    assert Label.parse(label.value.lower()) is label
    assert parse_label(f"  {label.value.title()} ") is label
