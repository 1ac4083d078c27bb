"""A day at a klinik hoaks: log sightings, answer known hoaxes at once, clarify, publish.

Runs offline in a few seconds on a temporary SQLite file:

    python examples/hoax_comms_day.py

The day is simulated (a fixed clock in WIB) so the output is the same every time.
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hoax_clinic import ClaimTracker, Label, Priority
from hoax_clinic.feeds import ingest_bytes
from hoax_clinic.publish import Publisher, claim_review, rss_feed, social_post, whatsapp_message

WIB = ZoneInfo("Asia/Jakarta")
ORG = Publisher(name="Diskominfo Kota Contoh", url="https://kominfo.contoh.go.id")

# Yesterday's debunks from a fact-checker's feed (normally: ingest(tracker, DEFAULT_FEEDS[0])).
FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Cek fakta contoh</title><link>https://cekfakta.contoh.id</link>
<item><title>[PENIPUAN] Link Pendaftaran Bantuan Subsidi Upah Rp600 Ribu</title>
<link>https://cekfakta.contoh.id/articles/1-penipuan-link-bantuan-subsidi-upah</link>
<pubDate>Tue, 16 Jun 2026 03:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>[PENJELASAN]: Kementerian Ketenagakerjaan menegaskan pendaftaran
tidak melalui tautan berantai; tautan itu meminta data pribadi.</p>]]></content:encoded></item>
</channel></rss>"""


class SimulatedClock:
    """The team's wall clock, moved forward by the script."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


def main() -> None:
    """Walk through one working day of the comms team."""
    clock = SimulatedClock(datetime(2026, 6, 17, 7, 30, tzinfo=WIB))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'hoax.db'}"
        with ClaimTracker.open(url, clock=clock) as tracker:
            # 07:30 — load the fact-checkers' debunks.
            report = ingest_bytes(tracker, FEED, source="cekfakta.contoh.id")
            print(f"07:30 loaded {report.added} debunk(s) from the feed")

            # 08:10 — a citizen forwards a chain message seen in a WhatsApp group.
            r = tracker.log(
                "SEBARKAN!! link pendaftaran bantuan subsidi upah Rp600 ribu, buruan daftar",
                platform="whatsapp",
                seen_at=clock.advance(minutes=40),
                reach=250,
            )
            if r.clarification is not None and r.claim.label is not None:
                print(f"08:10 known hoax [{r.claim.label.value}] -> answer at once:")
                print(f"      {r.clarification.text.splitlines()[0]}")

            # 08:40 — a new, urgent claim: poisoned tap water (3-hour target).
            water = tracker.log(
                "Air PDAM Kota Contoh tercemar bakteri E. coli, jangan diminum! SEBARKAN",
                platform="facebook",
                seen_at=clock.advance(minutes=30),
                url="https://facebook.com/groups/warga-contoh/posts/1",
                reach=4_800,
                priority=Priority.URGENT,
            ).claim
            due = tracker.deadline(water)
            print(f"08:40 new urgent claim {water.id}, due {due:%H:%M %Z}")

            # 09:30 — the same claim again on X, reworded: attached, not a new claim.
            again = tracker.log(
                "air pdam kota contoh tercemar bakteri e coli jangan diminum!!",
                platform="x",
                seen_at=clock.advance(minutes=50),
                url="https://x.com/warga/status/2",
            )
            print(f"09:30 sighting attached to {again.claim.id}: {not again.is_new}")

            # 11:00 — it is at risk (75 % of 3 h used); verify with PDAM and clarify.
            clock.advance(minutes=90)
            print(f"11:00 at risk: {[c.id for c in tracker.at_risk()]}")
            tracker.start_verification(water.id, assignee="Dewi (humas)")
            tracker.set_verdict(water.id, Label.HOAKS, summary="Uji lab PDAM normal")
            clarified = tracker.clarify(
                water.id,
                text="PDAM Kota Contoh memastikan air aman diminum. Uji laboratorium 16 Juni "
                "menunjukkan kadar bakteri di bawah ambang batas.",
                sources=["PDAM Kota Contoh", "Dinas Kesehatan Kota Contoh"],
                url="https://kominfo.contoh.go.id/klarifikasi/air-pdam",
                at=clock.advance(minutes=10),
            )
            on_time = clarified.closed_at is not None and clarified.closed_at <= due
            print(f"11:10 {water.id} clarified on time: {on_time}")

            # Publish: ClaimReview for the website, a post for X, a WhatsApp broadcast.
            review = claim_review(clarified, publisher=ORG)
            print("ClaimReview:", json.dumps(review["reviewRating"], ensure_ascii=False))
            post = social_post(clarified)
            print(f"X ({len(post)} chars): {post}")
            print("WhatsApp:", whatsapp_message(clarified).splitlines()[0])
            ours = [c for c in tracker.claims() if not c.imported]  # not the imported debunks
            print("RSS items:", rss_feed(ours, publisher=ORG).count("<item>"))

            # 15:00 — a rumour that turns out to be two claims in one: split, then dismiss one.
            mixed = tracker.log(
                "Jembatan Kali Contoh ambruk, jalan ditutup total",
                platform="tiktok",
                seen_at=clock.advance(hours=4),
            )
            other = tracker.log(
                "Jembatan Kali Contoh ambruk jalan ditutup total, besok libur sekolah",
                platform="whatsapp",
                seen_at=clock.advance(minutes=5),
            )
            if not other.is_new:
                school = tracker.split(
                    mixed.claim.id, [other.sighting.id], text="Besok sekolah diliburkan"
                )
                print(f"15:05 split off {school.id}")
            tracker.dismiss(mixed.claim.id, reason="Diteruskan ke Dinas PU (bukan hoaks)")

            # 16:00 — end of day figures.
            stats = tracker.stats(now=clock.advance(minutes=55), tz=WIB)
            median = stats.median_time_to_clarify
            print(
                f"16:00 handled {stats.claims} claim(s), open {stats.open}, "
                f"median time to clarify {median}, on time {stats.clarified_on_time_share or 0:.0%}"
            )
            platforms = {p.value: n for p, n in stats.sightings_by_platform.items()}
            print(f"      sightings per platform: {platforms}")


if __name__ == "__main__":
    main()
