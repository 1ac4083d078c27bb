"""Publishing: ClaimReview field by field, RSS/Atom well-formed, HTML safe, social text sizes."""

from __future__ import annotations

import json
from datetime import datetime
from xml.etree import ElementTree as ET

import nh3
import pytest
from hoax_helpers import FEEDS, WIB, WITA
from hypothesis import given
from hypothesis import strategies as st

from hoax_clinic import Claim, ClaimTracker, Label, NotPublishableError
from hoax_clinic.feeds import ingest
from hoax_clinic.publish import (
    X_MAX_CHARS,
    Publisher,
    atom_feed,
    claim_review,
    claim_review_json,
    html_snippet,
    rss_feed,
    social_post,
    whatsapp_message,
    x_length,
)
from lapor_sdk.models import Reporter

ORG = Publisher(name="Diskominfo Kota Contoh", url="https://kominfo.contoh.go.id")
HOSTILE = 'Air <script>alert("x")</script> & "PDAM" tercemar ]]> </title>'


def clarified(tracker: ClaimTracker, text: str = "Air PDAM Kota Contoh tercemar bakteri") -> Claim:
    first = tracker.log(
        text,
        platform="whatsapp",
        seen_at=datetime(2026, 6, 17, 7, 0, tzinfo=WITA),
        url="https://facebook.com/groups/warga/posts/1",
    )
    tracker.log(
        text,
        platform="x",
        seen_at=datetime(2026, 6, 17, 9, 0, tzinfo=WIB),
        url="https://x.com/akun/status/2",
    )
    tracker.set_verdict(first.claim.id, Label.HOAKS)
    return tracker.clarify(
        first.claim.id,
        text="PDAM Kota Contoh menyatakan air aman diminum. Hasil uji laboratorium normal.",
        sources=["PDAM Kota Contoh", "Dinas Kesehatan"],
        url="https://kominfo.contoh.go.id/klarifikasi/air-pdam",
        at=datetime(2026, 6, 17, 11, 30, tzinfo=WIB),
    )


def test_claimreview_every_required_and_recommended_field(tracker: ClaimTracker) -> None:
    claim = clarified(tracker)
    doc = claim_review(claim, publisher=ORG, claim_author="Akun anonim")
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "Air PDAM Kota Contoh tercemar bakteri"
    assert doc["url"] == "https://kominfo.contoh.go.id/klarifikasi/air-pdam"
    assert datetime.fromisoformat(doc["datePublished"]) == datetime(2026, 6, 17, 11, 30, tzinfo=WIB)
    assert doc["author"] == {
        "@type": "Organization",
        "name": "Diskominfo Kota Contoh",
        "url": "https://kominfo.contoh.go.id",
    }
    rating = doc["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == "HOAKS"
    assert (rating["worstRating"], rating["ratingValue"], rating["bestRating"]) == (1, 1, 5)
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Akun anonim"}
    assert datetime.fromisoformat(item["datePublished"]) == datetime(2026, 6, 17, 7, tzinfo=WITA)
    assert item["appearance"] == [
        {"@type": "CreativeWork", "url": "https://facebook.com/groups/warga/posts/1"},
        {"@type": "CreativeWork", "url": "https://x.com/akun/status/2"},
    ]
    first = item["firstAppearance"]
    assert first["@type"] == "CreativeWork"
    assert first["url"] == "https://facebook.com/groups/warga/posts/1"
    assert doc["inLanguage"] == "id"
    json.dumps(doc)  # serialisable


@pytest.mark.parametrize(
    ("label", "value"),
    [(Label.SALAH, 1), (Label.KONTEN_MENYESATKAN, 2), (Label.SATIRE, 3), (Label.BENAR, 5)],
)
def test_rating_scale_follows_the_label(tracker: ClaimTracker, label: Label, value: int) -> None:
    claim = clarified(tracker)
    relabelled = claim.model_copy(
        update={"verdict": claim.verdict.model_copy(update={"label": label})}  # type: ignore[union-attr]
    )
    rating = claim_review(relabelled, publisher=ORG)["reviewRating"]
    assert rating["ratingValue"] == value and rating["alternateName"] == label.value


def test_claimreview_json_cannot_break_out_of_a_script_tag(tracker: ClaimTracker) -> None:
    claim = clarified(tracker, HOSTILE)
    text = claim_review_json(claim, publisher=ORG)
    assert "</script" not in text.lower() and "<" not in text
    assert json.loads(text)["claimReviewed"] == HOSTILE


def test_unclarified_claims_cannot_be_published(tracker: ClaimTracker) -> None:
    r = tracker.log("Klaim baru", platform="wa", seen_at=datetime(2026, 6, 17, 7, tzinfo=WIB))
    with pytest.raises(NotPublishableError, match=f"claim {r.claim.id} is RECEIVED, not CLARIFIED"):
        claim_review(r.claim, publisher=ORG)
    with pytest.raises(NotPublishableError):
        social_post(r.claim)


def test_imported_debunks_get_no_claimreview_of_ours(tracker: ClaimTracker) -> None:
    report = ingest(tracker, FEEDS / "komdigi.xml")
    debunk = tracker.get(report.claim_ids[0])
    with pytest.raises(NotPublishableError, match="another fact-checker's debunk imported from"):
        claim_review(debunk, publisher=ORG)
    assert whatsapp_message(debunk).startswith("*[HOAKS]*")  # sharing their answer is fine


def test_claimreview_needs_a_url(tracker: ClaimTracker) -> None:
    r = tracker.log("Klaim tanpa URL", platform="wa", seen_at=datetime(2026, 6, 17, 7, tzinfo=WIB))
    claim = tracker.clarify(r.claim.id, text="Tidak benar.", label="salah")
    with pytest.raises(NotPublishableError, match="has no published URL; pass url="):
        claim_review(claim, publisher=ORG)
    assert claim_review(claim, publisher=ORG, url="https://k.go.id/1")["url"] == "https://k.go.id/1"


def test_rss_is_well_formed_escaped_and_skips_open_claims(tracker: ClaimTracker) -> None:
    claim = clarified(tracker, HOSTILE)
    open_claim = tracker.log("Masih diverifikasi", platform="wa", seen_at=claim.first_seen).claim
    xml = rss_feed([claim, open_claim], publisher=ORG, title="Klarifikasi & Hoaks")
    root = ET.fromstring(xml)  # noqa: S314 - our own output
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None and channel.findtext("title") == "Klarifikasi & Hoaks"
    items = channel.findall("item")
    assert len(items) == 1
    assert items[0].findtext("title") == f"[HOAKS] {HOSTILE}"
    assert items[0].findtext("link") == "https://kominfo.contoh.go.id/klarifikasi/air-pdam"
    assert items[0].findtext("pubDate") == "Wed, 17 Jun 2026 04:30:00 +0000"


def test_atom_is_well_formed(tracker: ClaimTracker) -> None:
    claim = clarified(tracker, HOSTILE)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(atom_feed([claim], publisher=ORG))  # noqa: S314 - our own output
    entry = root.find("a:entry", ns)
    assert entry is not None
    assert entry.findtext("a:title", namespaces=ns) == f"[HOAKS] {HOSTILE}"
    link = entry.find("a:link", ns)
    assert (
        link is not None and link.get("href") == "https://kominfo.contoh.go.id/klarifikasi/air-pdam"
    )
    assert root.findtext("a:updated", namespaces=ns) == "2026-06-17T11:30:00+07:00"
    # The language is declared, as RSS does with <language>id</language>.
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"


def test_html_snippet_is_escaped_and_nh3_clean(tracker: ClaimTracker) -> None:
    snippet = html_snippet(clarified(tracker, HOSTILE))
    assert "<script" not in snippet
    assert "&lt;script&gt;" in snippet
    assert snippet == nh3.clean(
        snippet,
        tags={"article", "h3", "p", "strong", "a", "ul", "li", "span", "time"},
        attributes={
            "a": {"href", "rel"},
            "time": {"datetime"},
            "article": {"class"},
            "strong": {"class"},
        },
        link_rel=None,
    )
    assert '<strong class="hoax-label">[HOAKS]</strong>' in snippet
    assert "<li>Dinas Kesehatan</li>" in snippet


def test_social_post_has_label_and_link_within_280(tracker: ClaimTracker) -> None:
    claim = clarified(tracker, "Air PDAM Kota Contoh tercemar bakteri " * 20)
    post = social_post(claim)
    assert len(post) <= X_MAX_CHARS
    assert post.startswith("[HOAKS] ")
    assert "https://kominfo.contoh.go.id/klarifikasi/air-pdam" in post
    assert "…" in post


def test_social_post_refuses_impossible_limits(tracker: ClaimTracker) -> None:
    with pytest.raises(ValueError, match="leaves no room for the claim"):
        social_post(clarified(tracker), max_chars=40)


def test_x_length_counts_links_and_emoji_like_x() -> None:
    assert x_length("abc") == 3
    assert x_length("lihat https://example.org/" + "a" * 100 + " ya") == 6 + 23 + 3
    assert x_length("🔥🔥") == 4  # two code points outside the light ranges
    assert x_length("— ’") == 3


def test_emoji_heavy_claim_fits_by_x_rules(tracker: ClaimTracker) -> None:
    post = social_post(clarified(tracker, "🔥🚨 VIRAL " * 60))
    assert x_length(post) <= X_MAX_CHARS and len(post) <= X_MAX_CHARS
    assert post.startswith("[HOAKS] 🔥🚨")


@given(st.text(min_size=1, max_size=2_000).filter(str.strip), st.integers(100, 400))
def test_social_post_always_fits(text: str, limit: int) -> None:
    with ClaimTracker() as tracker:
        post = social_post(clarified(tracker, text), max_chars=limit)
    assert len(post) <= limit and x_length(post) <= limit
    assert post.startswith("[HOAKS] ")
    assert post.endswith("https://kominfo.contoh.go.id/klarifikasi/air-pdam #CekFakta")


def test_whatsapp_message_bold_label_sources_and_link(tracker: ClaimTracker) -> None:
    msg = whatsapp_message(clarified(tracker))
    lines = msg.splitlines()
    assert lines[0] == "*[HOAKS]* Air PDAM Kota Contoh tercemar bakteri"
    assert "Sumber resmi: PDAM Kota Contoh; Dinas Kesehatan" in lines
    assert "Selengkapnya: https://kominfo.contoh.go.id/klarifikasi/air-pdam" in lines
    assert len(msg) > X_MAX_CHARS // 2


def test_reporter_contact_never_reaches_published_output(tracker: ClaimTracker) -> None:
    reporter = Reporter(name="Budi Santoso", phone="0812-9999-8888", nik="3578010101900001")
    r = tracker.log(
        "Klaim dari kanal pengaduan",
        platform="complaint",
        seen_at=datetime(2026, 6, 17, 7, tzinfo=WIB),
        reporter=reporter,
    )
    claim = tracker.clarify(
        r.claim.id, text="Tidak benar.", label="hoaks", url="https://kominfo.contoh.go.id/k/3"
    )
    outputs = [
        json.dumps(claim_review(claim, publisher=ORG)),
        rss_feed([claim], publisher=ORG),
        atom_feed([claim], publisher=ORG),
        html_snippet(claim),
        social_post(claim),
        whatsapp_message(claim),
        repr(claim),
        repr(tracker.stats()),
    ]
    for text in outputs:
        for secret in ("Budi", "9999", "8888", "3578010101900001"):
            assert secret not in text


def test_atom_entry_without_link_carries_content(tracker: ClaimTracker) -> None:
    # RFC 4287 §4.1.1.1: an entry with no atom:content must have a rel="alternate" link.
    first = tracker.log(
        "Air PDAM Kota Contoh tercemar bakteri",
        platform="wa",
        seen_at=datetime(2026, 6, 17, 8, 0, tzinfo=WIB),
    )
    claim = tracker.clarify(
        first.claim.id,
        text="PDAM: air aman diminum.",
        label="hoaks",
        at=datetime(2026, 6, 17, 9, 0, tzinfo=WIB),
    )
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(atom_feed([claim], publisher=ORG))  # noqa: S314 - our own output
    entry = root.find("a:entry", ns)
    assert entry is not None
    has_alternate = any(
        link.get("rel", "alternate") == "alternate" for link in entry.findall("a:link", ns)
    )
    content = entry.find("a:content", ns)
    assert has_alternate or (content is not None and content.text == "PDAM: air aman diminum.")


def test_atom_refuses_naive_updated() -> None:
    with pytest.raises(ValueError, match="updated must be timezone-aware"):
        atom_feed([], publisher=ORG, updated=datetime(2026, 6, 17, 8, 0))


@pytest.mark.parametrize("feed", [rss_feed, atom_feed])
def test_feeds_drop_characters_xml_forbids(tracker: ClaimTracker, feed: object) -> None:
    seen = datetime(2026, 6, 17, 8, 0, tzinfo=WIB)
    c = tracker.log("Air PDAM \ufffe tercemar bakteri", platform="wa", seen_at=seen).claim
    c = tracker.clarify(c.id, text="Air aman \uffff diminum.", label="hoaks", at=seen)
    text = feed([c], publisher=ORG)  # type: ignore[operator]
    ET.fromstring(text.encode("utf-8"))  # noqa: S314 - our own output
    assert "\ufffe" not in text and "\uffff" not in text
