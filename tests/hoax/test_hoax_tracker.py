"""ClaimTracker: logging and matching, workflow, merge/split, deadlines in WIB/WITA/WIT, stats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hoax_helpers import WIB, WIT, WITA, Clock

from hoax_clinic import (
    ClaimNotFoundError,
    ClaimStatus,
    ClaimTracker,
    InvalidClaimInputError,
    InvalidClaimTransitionError,
    Label,
    Platform,
    Priority,
)
from lapor_sdk.models import Reporter
from lapor_sdk.sla import Duration

PDAM = "SEBARKAN!! Air PDAM Kota Contoh tercemar bakteri E. coli, jangan diminum"
PDAM_REWORDED = "air pdam kota contoh tercemar bakteri e coli jangan diminum!!"
VOLCANO = "Gunung Contoh akan meletus besar pekan depan, warga segera mengungsi"


def at(h: int, m: int = 0, *, day: int = 17, tz: object = WIB) -> datetime:
    return datetime(2026, 6, day, h, m, tzinfo=tz)  # type: ignore[arg-type]


# -- logging and matching ---------------------------------------------------------------------


def test_first_sighting_opens_a_claim(tracker: ClaimTracker) -> None:
    r = tracker.log(PDAM, platform="wa", seen_at=at(8), url="https://facebook.com/p/1", reach=120)
    assert r.is_new and r.score is None and r.clarification is None
    assert r.claim.status is ClaimStatus.RECEIVED
    assert r.claim.first_seen == at(8)
    assert r.sighting.platform is Platform.WHATSAPP
    assert [s.id for s in r.claim.sightings] == [r.sighting.id]


def test_reworded_sighting_attaches_with_its_score(tracker: ClaimTracker) -> None:
    first = tracker.log(PDAM, platform=Platform.WHATSAPP, seen_at=at(8))
    again = tracker.log(PDAM_REWORDED, platform=Platform.FACEBOOK, seen_at=at(9))
    other = tracker.log(VOLCANO, platform=Platform.X, seen_at=at(9))
    assert not again.is_new
    assert again.claim.id == first.claim.id
    assert again.score is not None and tracker.threshold <= again.score <= 1.0
    assert len(again.claim.sightings) == 2
    assert other.is_new and other.claim.id != first.claim.id


def test_earlier_sighting_moves_first_seen_back(tracker: ClaimTracker) -> None:
    first = tracker.log(PDAM, platform="wa", seen_at=at(10))
    tracker.log(PDAM_REWORDED, platform="fb", seen_at=at(7))
    assert tracker.get(first.claim.id).first_seen == at(7)


def test_sighting_of_clarified_claim_returns_the_clarification(tracker: ClaimTracker) -> None:
    r = tracker.log(PDAM, platform="wa", seen_at=at(8))
    tracker.set_verdict(r.claim.id, Label.HOAKS)
    tracker.clarify(r.claim.id, text="PDAM: air aman diminum.", sources=["PDAM Kota Contoh"])
    again = tracker.log(PDAM_REWORDED, platform="tiktok", seen_at=at(12))
    assert again.clarification is not None
    assert again.clarification.text == "PDAM: air aman diminum."
    assert again.claim.label is Label.HOAKS


def test_similar_returns_best_first_scores_in_unit_interval(tracker: ClaimTracker) -> None:
    a = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim
    tracker.log(VOLCANO, platform="wa", seen_at=at(8))
    found = tracker.similar(PDAM_REWORDED, limit=5)
    assert found[0].claim.id == a.id
    assert all(0.0 <= m.score <= 1.0 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seen_at": datetime(2026, 6, 17, 8, 0)}, "timezone-aware"),
        ({"platform": "myspace"}, "unknown platform 'myspace'"),
        ({"url": "javascript:alert(1)"}, "http:// or https://"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    tracker: ClaimTracker, kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {"platform": "wa", "seen_at": at(8), **kwargs}
    with pytest.raises(ValueError, match=message):
        tracker.log(PDAM, **args)  # type: ignore[arg-type]
    assert tracker.claims() == []


def test_empty_text_is_refused(tracker: ClaimTracker) -> None:
    with pytest.raises(InvalidClaimInputError, match="empty"):
        tracker.log("   ", platform="wa", seen_at=at(8))


def test_reporter_contact_never_shows_in_repr(tracker: ClaimTracker) -> None:
    reporter = Reporter(name="Siti Aminah", phone="0812-3456-7890")
    r = tracker.log(PDAM, platform="complaint", seen_at=at(8), reporter=reporter)
    stored = tracker.get(r.claim.id).sightings[0]
    assert stored.reporter is not None and stored.reporter.phone == "+6281234567890"
    for text in (repr(stored), str(stored), repr(tracker.get(r.claim.id))):
        assert "Siti" not in text and "3456" not in text


# -- workflow ---------------------------------------------------------------------------------


def test_status_path_received_verifying_clarified(tracker: ClaimTracker, clock: Clock) -> None:
    cid = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim.id
    assert tracker.start_verification(cid, assignee="Dewi").status is ClaimStatus.VERIFYING
    tracker.set_verdict(cid, "konten yang dimanipulasi", summary="foto lama")
    clock.now = at(15)
    c = tracker.clarify(cid, text="Foto itu dari 2019.", url="https://kominfo.contoh.go.id/k/1")
    assert c.status is ClaimStatus.CLARIFIED
    assert c.label is Label.MANIPULASI
    assert c.closed_at == at(15)
    assert c.assignee == "Dewi"


def test_clarify_without_verdict_is_refused(tracker: ClaimTracker) -> None:
    cid = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim.id
    with pytest.raises(InvalidClaimTransitionError, match="has no verdict"):
        tracker.clarify(cid, text="x")
    assert tracker.get(cid).status is ClaimStatus.RECEIVED


def test_closed_claims_refuse_further_moves(tracker: ClaimTracker) -> None:
    cid = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim.id
    tracker.dismiss(cid, reason="bukan informasi publik")
    with pytest.raises(
        InvalidClaimTransitionError,
        match=f"^cannot clarify claim {cid}: it is DISMISSED, and only a RECEIVED or VERIFYING "
        "claim allows that$",
    ):
        tracker.clarify(cid, text="x", label=Label.HOAKS)
    # The wording is pinned: it once read "set the verdict of is allowed from ...".
    with pytest.raises(InvalidClaimTransitionError) as info:
        tracker.set_verdict(cid, Label.SALAH)
    assert str(info.value) == (
        f"cannot set the verdict of claim {cid}: it is DISMISSED, and only a RECEIVED or "
        "VERIFYING claim allows that"
    )
    assert tracker.get(cid).dismissed_reason == "bukan informasi publik"


def test_clarification_before_first_sighting_is_refused(tracker: ClaimTracker) -> None:
    cid = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim.id
    with pytest.raises(InvalidClaimInputError, match="before the claim was first seen"):
        tracker.clarify(cid, text="x", label="hoaks", at=at(7))


def test_unknown_claim_id_names_the_fix(tracker: ClaimTracker) -> None:
    with pytest.raises(ClaimNotFoundError, match=r"no claim 'HX-0000' .* `hoax list`"):
        tracker.get("HX-0000")


def test_unknown_label_lists_the_allowed_ones(tracker: ClaimTracker) -> None:
    cid = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim.id
    with pytest.raises(ValueError, match="unknown label 'palsu banget'; use one of: HOAKS"):
        tracker.set_verdict(cid, "palsu banget")


# -- merge and split --------------------------------------------------------------------------


def test_merge_moves_sightings_keeps_earliest_and_updates_index(tracker: ClaimTracker) -> None:
    a = tracker.log(PDAM, platform="wa", seen_at=at(10)).claim
    b = tracker.log(VOLCANO, platform="fb", seen_at=at(6)).claim
    merged = tracker.merge(a.id, b.id)
    assert merged.id == a.id
    assert merged.first_seen == at(6)
    assert len(merged.sightings) == 2
    assert tracker.get(b.id).id == a.id  # the old id leads to the survivor
    assert [c.id for c in tracker.claims()] == [a.id]
    assert all(m.claim.id == a.id for m in tracker.similar(VOLCANO))


def test_merge_takes_the_clarification_of_the_merged_claim(tracker: ClaimTracker) -> None:
    a = tracker.log(PDAM, platform="wa", seen_at=at(10)).claim
    b = tracker.log(VOLCANO, platform="fb", seen_at=at(6)).claim
    tracker.clarify(b.id, text="Status Normal.", label=Label.SALAH)
    merged = tracker.merge(a.id, b.id)
    assert merged.status is ClaimStatus.CLARIFIED and merged.label is Label.SALAH


def test_merge_into_itself_is_refused(tracker: ClaimTracker) -> None:
    a = tracker.log(PDAM, platform="wa", seen_at=at(10)).claim
    with pytest.raises(InvalidClaimInputError, match="into itself"):
        tracker.merge(a.id, a.id)


def test_split_moves_chosen_sightings_to_a_new_claim(tracker: ClaimTracker) -> None:
    a = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim
    s2 = tracker.log(PDAM_REWORDED, platform="fb", seen_at=at(9)).sighting
    new = tracker.split(a.id, [s2.id], text="Air PDAM kota lain tercemar")
    assert new.id != a.id and [s.id for s in new.sightings] == [s2.id]
    assert new.first_seen == at(9) and new.status is ClaimStatus.RECEIVED
    assert len(tracker.get(a.id).sightings) == 1
    assert tracker.similar("Air PDAM kota lain tercemar", limit=1)[0].claim.id == new.id


def test_split_refuses_foreign_or_all_sightings(tracker: ClaimTracker) -> None:
    a = tracker.log(PDAM, platform="wa", seen_at=at(8))
    with pytest.raises(InvalidClaimInputError, match="leave at least one"):
        tracker.split(a.claim.id, [a.sighting.id])
    with pytest.raises(InvalidClaimInputError, match="SG-NOPE are not on claim"):
        tracker.split(a.claim.id, ["SG-NOPE"])


# -- deadlines in the three zones ------------------------------------------------------------


@pytest.mark.parametrize(
    ("seen", "priority", "due"),
    [
        pytest.param(at(8, tz=WIB), Priority.NORMAL, at(8, day=18, tz=WIB), id="wib-1x24h"),
        pytest.param(
            at(23, 30, tz=WIT), Priority.NORMAL, at(21, 30, day=18, tz=WIB), id="wit-late-night"
        ),
        pytest.param(at(22, tz=WITA), Priority.URGENT, at(1, day=18, tz=WITA), id="wita-urgent-3h"),
        pytest.param(
            datetime(2026, 3, 19, 20, 0, tzinfo=WIB),
            Priority.NORMAL,
            datetime(2026, 3, 20, 20, 0, tzinfo=WIB),
            id="wib-across-idul-fitri-holiday-clock-hours",
        ),
    ],
)
def test_deadline_is_clock_hours_from_first_sighting(
    tracker: ClaimTracker, seen: datetime, priority: Priority, due: datetime
) -> None:
    c = tracker.log(PDAM, platform="wa", seen_at=seen, priority=priority).claim
    assert tracker.deadline(c) == due


def test_configurable_targets(clock: Clock) -> None:
    t = ClaimTracker(clock=clock, targets={Priority.NORMAL: timedelta(hours=6)})
    c = t.log(PDAM, platform="wa", seen_at=at(8)).claim
    assert t.deadline(c) == at(14)
    with pytest.raises(ValueError, match="must be positive"):
        ClaimTracker(targets={Priority.LOW: timedelta(0)})


def test_working_hours_target_runs_on_the_office_calendar(clock: Clock) -> None:
    t = ClaimTracker(clock=clock, targets={Priority.LOW: Duration.working_hours(4)})
    friday = datetime(2026, 6, 19, 15, 0, tzinfo=WIB)  # office closes 16:30 on Fridays
    c = t.log(PDAM, platform="wa", seen_at=friday, priority=Priority.LOW).claim
    assert t.deadline(c) == datetime(2026, 6, 22, 10, 0, tzinfo=WIB)  # Monday 07:30 + 2.5 h


def test_due_overdue_at_risk_across_zones(tracker: ClaimTracker) -> None:
    # now = 2026-06-17 09:00 WIB = 10:00 WITA = 11:00 WIT
    late = tracker.log(PDAM, platform="wa", seen_at=at(10, day=16, tz=WIT)).claim  # due 08:00 WIB
    risky = tracker.log(VOLCANO, platform="wa", seen_at=at(12, day=16, tz=WITA)).claim  # 11:00 WIB
    fresh = tracker.log(
        "Beras plastik beredar di pasar", platform="fb", seen_at=at(8, tz=WIB)
    ).claim  # due tomorrow 08:00 WIB
    now = at(9, tz=WIB)
    assert [c.id for c in tracker.overdue(now=now)] == [late.id]
    assert [c.id for c in tracker.at_risk(now=now)] == [risky.id]
    assert [c.id for c in tracker.due(within=timedelta(hours=6), now=now)] == [late.id, risky.id]
    assert fresh.id in [c.id for c in tracker.due(within=timedelta(days=1), now=now)]
    tracker.clarify(late.id, text="Aman.", label="hoaks", at=now)
    assert tracker.overdue(now=now) == []


def test_naive_now_is_refused(tracker: ClaimTracker) -> None:
    with pytest.raises(ValueError, match="now must be timezone-aware"):
        tracker.overdue(now=datetime(2026, 6, 17, 9))


# -- figures ----------------------------------------------------------------------------------


def test_stats_median_on_time_share_and_sightings(tracker: ClaimTracker) -> None:
    a = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim
    tracker.log(PDAM_REWORDED, platform="fb", seen_at=at(23, 30))  # 17 Jun WIB
    tracker.log(PDAM, platform="wa", seen_at=at(0, 30, day=18))  # next WIB day
    b = tracker.log(VOLCANO, platform="x", seen_at=at(8)).claim
    c = tracker.log("Beras plastik beredar di pasar", platform="fb", seen_at=at(8)).claim
    tracker.clarify(a.id, text="Aman.", label="hoaks", at=at(10))  # 2 h, on time
    tracker.clarify(b.id, text="Normal.", label="salah", at=at(14, day=18))  # 30 h, late
    tracker.dismiss(c.id, reason="di luar wilayah", at=at(9))
    s = tracker.stats(now=at(12, day=18), tz=WIB)
    assert s.claims == 3 and s.open == 0 and s.overdue == 0
    assert s.by_status[ClaimStatus.CLARIFIED] == 2 and s.by_status[ClaimStatus.DISMISSED] == 1
    assert s.median_time_to_clarify == timedelta(hours=16)  # median of 2 h and 30 h
    assert s.clarified_on_time_share == 0.5
    assert s.sightings == 5
    assert s.sightings_by_platform == {Platform.WHATSAPP: 2, Platform.FACEBOOK: 2, Platform.X: 1}
    assert s.sightings_by_claim[a.id] == 3
    days = s.sightings_by_day[a.id]
    assert days == {at(8).date(): 2, at(8, day=18).date(): 1}


def test_stats_empty_tracker(tracker: ClaimTracker) -> None:
    s = tracker.stats()
    assert s.claims == 0 and s.median_time_to_clarify is None
    assert s.clarified_on_time_share is None


# -- persistence ------------------------------------------------------------------------------


def test_sqlite_file_persists_and_index_is_rebuilt(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/hoax.db"
    with ClaimTracker.open(url) as t:
        cid = t.log(PDAM, platform="wa", seen_at=at(8), url="https://facebook.com/p/1").claim.id
        t.set_verdict(cid, Label.HOAKS, by="Dewi")
    with ClaimTracker.open(url) as t:
        again = t.log(PDAM_REWORDED, platform="fb", seen_at=at(9))
        assert not again.is_new and again.claim.id == cid
        stored = t.get(cid)
        assert stored.verdict is not None and stored.verdict.by == "Dewi"
        assert stored.first_seen == at(8) and stored.first_seen.tzinfo is not None
        assert stored.sightings[0].url == "https://facebook.com/p/1"


def test_open_uses_hoax_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("HOAX_DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    with ClaimTracker.open() as t:
        t.log(PDAM, platform="wa", seen_at=datetime.now(UTC))
    assert (tmp_path / "env.db").exists()  # type: ignore[operator]


@pytest.mark.postgres
def test_tracker_on_postgresql_in_its_own_schema() -> None:
    import os
    import uuid

    import sqlalchemy as sa

    from lapor_sdk.storage import create_engine

    url = os.environ.get("LAPOR_TEST_DATABASE_URL")
    if not url:
        pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
    base = create_engine(url)
    schema = f"hoax_test_{uuid.uuid4().hex[:10]}"
    with base.begin() as conn:
        conn.execute(sa.schema.CreateSchema(schema))
    try:
        engine = base.execution_options(schema_translate_map={None: schema})
        t = ClaimTracker(engine=engine)
        cid = t.log(PDAM, platform="wa", seen_at=at(8, tz=WIT)).claim.id
        t.set_verdict(cid, Label.HOAKS)
        t.clarify(cid, text="Aman.", at=at(9, tz=WIT), url="https://kominfo.contoh.go.id/k/9")
        fresh = ClaimTracker(engine=engine)  # index rebuilt from the store
        again = fresh.log(PDAM_REWORDED, platform="fb", seen_at=at(10, tz=WIT))
        assert again.claim.id == cid and again.clarification is not None
        assert fresh.get(cid).first_seen == at(8, tz=WIT)
        assert fresh.stats().clarified_on_time_share == 1.0
        t.remember_feed_state("https://turnbackhoax.id/feed/", fresh.feed_state("x"))
    finally:
        with base.begin() as conn:
            conn.execute(sa.schema.DropSchema(schema, cascade=True))
        base.dispose()


def test_newer_schema_version_is_refused(tmp_path: object) -> None:
    import sqlalchemy as sa

    from hoax_clinic import HoaxClinicError
    from hoax_clinic.store import meta

    url = f"sqlite:///{tmp_path}/future.db"
    with ClaimTracker.open(url) as t, t.store.engine.begin() as conn:
        conn.execute(sa.update(meta).where(meta.c.key == "schema_version").values(value="99"))
    with pytest.raises(HoaxClinicError, match="schema version 99 is newer than this library"):
        ClaimTracker.open(url)


def test_merging_an_imported_debunk_keeps_import_idempotent(tracker: ClaimTracker) -> None:
    own = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim
    debunk, created = tracker.import_clarified(
        key="https://cekfakta.contoh.id/pdam",
        text="Air PDAM Kota Contoh tercemar bakteri",
        label=Label.HOAKS,
        clarification="PDAM: air aman.",
        published_at=at(9),
    )
    assert created
    tracker.merge(own.id, debunk.id)
    again, created_again = tracker.import_clarified(
        key="https://cekfakta.contoh.id/pdam",
        text="Air PDAM Kota Contoh tercemar bakteri",
        label=Label.HOAKS,
        clarification="PDAM: air aman.",
        published_at=at(9),
    )
    assert not created_again
    assert again.id == own.id
    assert len(tracker.claims()) == 1


@pytest.mark.parametrize(
    "seen",
    [datetime(9999, 12, 31, 23, 0, tzinfo=UTC), datetime(1, 1, 1, 0, 30, tzinfo=WIB)],
)
def test_log_refuses_times_without_a_representable_deadline(
    tracker: ClaimTracker, seen: datetime
) -> None:
    with pytest.raises(InvalidClaimInputError, match="seen_at"):
        tracker.log(PDAM, platform="wa", seen_at=seen)
    assert tracker.open_claims() == []
    assert tracker.stats(now=at(8)).claims == 0


def test_due_within_a_huge_span_lists_every_open_claim(tracker: ClaimTracker) -> None:
    c = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim
    assert [x.id for x in tracker.due(within=timedelta.max, now=at(8))] == [c.id]


def test_merge_of_a_claim_another_tracker_wrote(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/shared.db"
    with ClaimTracker.open(url) as web, ClaimTracker.open(url) as cli:
        keep = web.log(PDAM, platform="wa", seen_at=at(8)).claim
        other = cli.log(VOLCANO, platform="x", seen_at=at(7)).claim  # web's index lacks it
        merged = web.merge(keep.id, other.id)
        assert merged.first_seen == at(7) and len(merged.sightings) == 2
        assert web.get(other.id).id == keep.id
        assert web.similar(VOLCANO) == [] or web.similar(VOLCANO)[0].claim.id == keep.id


@pytest.mark.postgres
def test_concurrent_clarify_and_dismiss_on_postgresql_cannot_both_win() -> None:
    import os
    import threading
    import uuid

    import sqlalchemy as sa

    from lapor_sdk.storage import create_engine

    url = os.environ.get("LAPOR_TEST_DATABASE_URL")
    if not url:
        pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
    base = create_engine(url)
    schema = f"hoax_test_{uuid.uuid4().hex[:10]}"
    with base.begin() as conn:
        conn.execute(sa.schema.CreateSchema(schema))
    engines = [
        create_engine(url).execution_options(schema_translate_map={None: schema}) for _ in "ab"
    ]
    try:
        first, second = (ClaimTracker(engine=e) for e in engines)
        cid = first.log(PDAM, platform="wa", seen_at=at(8)).claim.id
        second_read = threading.Event()
        outcome: list[object] = []

        def dismiss() -> None:
            try:
                outcome.append(second.dismiss(cid, reason="bukan hoaks", at=at(9)))
            except InvalidClaimTransitionError as exc:
                outcome.append(exc)

        @sa.event.listens_for(engines[1], "after_cursor_execute")
        def _read(conn: object, cursor: object, statement: str, *args: object) -> None:
            if statement.lstrip().upper().startswith("SELECT") and "hoax_claims" in statement:
                second_read.set()

        worker = threading.Thread(target=dismiss)

        @sa.event.listens_for(engines[0], "before_cursor_execute")
        def _write(conn: object, cursor: object, statement: str, *args: object) -> None:
            if statement.lstrip().upper().startswith("UPDATE") and not worker.is_alive():
                worker.start()  # the dismissal reads while the clarification is not committed
                second_read.wait(timeout=1.0)

        first.clarify(cid, text="Aman.", label="hoaks", at=at(9))
        worker.join(timeout=10)
        assert isinstance(outcome[0], InvalidClaimTransitionError)
        assert first.get(cid).status is ClaimStatus.CLARIFIED
    finally:
        for e in engines:
            e.dispose()
        with base.begin() as conn:
            conn.execute(sa.schema.DropSchema(schema, cascade=True))
        base.dispose()


def test_merge_clarified_into_dismissed_drops_the_dismissal_reason(tracker: ClaimTracker) -> None:
    keep = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim
    other = tracker.log(VOLCANO, platform="wa", seen_at=at(8)).claim
    tracker.dismiss(keep.id, reason="di luar wilayah", at=at(9))
    tracker.clarify(other.id, text="Tidak ada aktivitas vulkanik.", label="hoaks", at=at(10))
    merged = tracker.merge(keep.id, other.id)
    assert merged.status is ClaimStatus.CLARIFIED
    assert merged.dismissed_reason is None
    assert merged.closed_at == at(10)


def test_dismiss_before_first_seen_is_refused(tracker: ClaimTracker) -> None:
    c = tracker.log(PDAM, platform="wa", seen_at=at(8)).claim
    with pytest.raises(InvalidClaimInputError, match="before the claim was first seen"):
        tracker.dismiss(c.id, reason="di luar wilayah", at=at(7))
    assert tracker.get(c.id).status is ClaimStatus.RECEIVED


def test_import_of_an_old_debunk_ignores_working_time_targets() -> None:
    t = ClaimTracker(targets={Priority.LOW: Duration.working_hours(8)})
    claim, created = t.import_clarified(
        key="https://cekfakta.contoh.id/lama",
        text="Hoaks lama tentang air PDAM",
        label=Label.HOAKS,
        clarification="Sudah dibantah.",
        published_at=datetime(1990, 1, 5, tzinfo=UTC),
    )
    assert created and claim.status is ClaimStatus.CLARIFIED
    with pytest.raises(InvalidClaimInputError, match="published_at"):
        t.import_clarified(
            key="https://cekfakta.contoh.id/awal",
            text="Hoaks dari tahun satu",
            label=Label.HOAKS,
            clarification="Tanggal rusak.",
            published_at=datetime(1, 1, 1, 0, 30, tzinfo=WIB),
        )


@pytest.mark.postgres
def test_merge_locks_both_claims_in_one_global_order_on_postgresql() -> None:
    # Two opposite merges at once (A into B, B into A) must lock rows in the same order, or
    # PostgreSQL aborts one of them as a deadlock.
    import os
    import uuid

    import sqlalchemy as sa

    from lapor_sdk.storage import create_engine

    url = os.environ.get("LAPOR_TEST_DATABASE_URL")
    if not url:
        pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
    base = create_engine(url)
    schema = f"hoax_test_{uuid.uuid4().hex[:10]}"
    with base.begin() as conn:
        conn.execute(sa.schema.CreateSchema(schema))
    engine = create_engine(url).execution_options(schema_translate_map={None: schema})
    try:
        tracker = ClaimTracker(engine=engine)
        ids = sorted(
            tracker.log(text, platform="wa", seen_at=at(8)).claim.id for text in (PDAM, VOLCANO)
        )
        locked: list[str] = []

        @sa.event.listens_for(engine, "before_cursor_execute")
        def _record(
            conn: object, cursor: object, statement: str, params: object, *args: object
        ) -> None:
            if "FOR UPDATE" in statement.upper() and "hoax_claims" in statement:
                locked.extend(v for v in dict(params).values() if v in ids)  # type: ignore[call-overload]

        tracker.merge(ids[1], ids[0])  # keep the later id: the earlier one is still locked first
        assert locked[:2] == ids
    finally:
        engine.dispose()
        with base.begin() as conn:
            conn.execute(sa.schema.DropSchema(schema, cascade=True))
        base.dispose()
