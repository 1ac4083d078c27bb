"""A published clarification never republishes the scam's links, numbers or "SEBARKAN!!"."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st
from test_hoax_publish import ORG, clarified

from hoax_clinic import ClaimTracker
from hoax_clinic.publish import (
    atom_feed,
    claim_review,
    html_snippet,
    public_claim_text,
    rss_feed,
    social_post,
    whatsapp_message,
)

SCAM = (
    "SEBARKAN!! Bansos Rp 600 ribu cair hari ini, daftar di bit.ly/bansos-cair atau "
    "https://kemensos-bantuan.example.com/daftar, hubungi 0812-3456-7890. Info valid!!"
)
DANGEROUS = ("bit.ly", "kemensos-bantuan", "0812", "3456", "SEBARKAN", "Info valid")


def test_every_published_format_defangs_the_claim(tracker: ClaimTracker) -> None:
    claim = clarified(tracker, SCAM)
    outputs = {
        "claimreview": json.dumps(claim_review(claim, publisher=ORG)["claimReviewed"]),
        "social": social_post(claim),
        "whatsapp": whatsapp_message(claim),
        "html": html_snippet(claim),
        "rss-title": rss_feed([claim], publisher=ORG).split("<title>")[2].split("</title>")[0],
        "atom-title": atom_feed([claim], publisher=ORG).split("<title>")[2].split("</title>")[0],
    }
    for name, text in outputs.items():
        for fragment in DANGEROUS:
            assert fragment not in text, (name, fragment)
        assert "Bansos Rp 600 ribu cair hari ini" in text, name


def test_claim_wording_is_kept_and_placeholders_mark_what_was_removed() -> None:
    assert public_claim_text(SCAM) == (
        "Bansos Rp 600 ribu cair hari ini, daftar di [tautan dihapus] atau [tautan dihapus], "
        "hubungi [nomor dihapus]."
    )
    plain = "Gunung Lawu akan erupsi besar pada 17 Juni 2026, kata Dr. Budi (1.5 juta warga)."
    assert public_claim_text(plain) == plain


@given(st.text(max_size=300))
def test_defanging_is_idempotent_and_leaves_no_link(text: str) -> None:
    once = public_claim_text(text)
    assert public_claim_text(once) == once
    assert not re.search(r"https?://|www\.", once, re.IGNORECASE)
