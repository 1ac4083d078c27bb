"""SLA policies: named stages driven by a complaint's event history."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from ..models import Complaint, Event, EventKind, Status
from ._calendar import WorkingCalendar
from ._clock import DEFAULT_AT_RISK, SlaClock, SlaResult, check_at_risk
from ._duration import Duration
from ._errors import InvalidDurationError, PolicyError, require_aware

__all__ = [
    "PPID_TARGETS",
    "SlaPolicy",
    "SlaStage",
    "StageTimeline",
    "StatutoryTarget",
    "clock_events",
    "response_window_deadline",
    "stage_timeline",
]

_MAX_STAGES = 50
_MAX_POLICY_BYTES = 1_048_576
_STAGE_KEYS = frozenset(
    {"name", "start", "stop", "target", "pause", "at_risk", "restart", "description"}
)
_POLICY_KEYS = frozenset({"name", "at_risk", "response_window_stage", "stages"})


class StatutoryTarget(NamedTuple):
    """A deadline set by law: its target and the article it comes from."""

    target: Duration
    """The time allowed (working days are counted like every preset: office close of the
    n-th working day after the day of the event, which does not count)."""
    source: str
    """Where the rule comes from, in Indonesian (``"UU 14/2008 Pasal 22 ayat (7)"``)."""


#: Deadlines of public information requests under UU 14/2008 (Keterbukaan Informasi Publik),
#: checked against the law's text; :mod:`lapor_sdk.ppid` counts every PPID clock with these.
PPID_TARGETS: Mapping[str, StatutoryTarget] = MappingProxyType(
    {
        # Art. 22(7): "Paling lambat 10 (sepuluh) hari kerja sejak diterimanya permintaan,
        # Badan Publik ... wajib menyampaikan pemberitahuan tertulis ..."
        "answer": StatutoryTarget(
            Duration.working_days(10),
            "Pemberitahuan tertulis ≤ 10 hari kerja sejak permintaan diterima "
            "(UU 14/2008 Pasal 22 ayat (7))",
        ),
        # Art. 22(8): "... dapat memperpanjang waktu untuk mengirimkan pemberitahuan ...
        # paling lambat 7 (tujuh) hari kerja berikutnya dengan memberikan alasan secara tertulis."
        "extension": StatutoryTarget(
            Duration.working_days(7),
            "Perpanjangan paling lama 7 hari kerja berikutnya, dengan alasan tertulis "
            "(UU 14/2008 Pasal 22 ayat (8))",
        ),
        # Art. 36(1): keberatan "dalam jangka waktu paling lambat 30 (tiga puluh) hari kerja
        # setelah ditemukannya alasan sebagaimana dimaksud dalam Pasal 35 ayat (1)".
        "objection_filing": StatutoryTarget(
            Duration.working_days(30),
            "Keberatan diajukan ≤ 30 hari kerja setelah alasannya ditemukan "
            "(UU 14/2008 Pasal 36 ayat (1))",
        ),
        # Art. 36(2): atasan PPID answers "dalam jangka waktu paling lambat 30 (tiga puluh) hari
        # kerja sejak diterimanya keberatan secara tertulis".
        "objection_answer": StatutoryTarget(
            Duration.working_days(30),
            "Tanggapan atasan PPID ≤ 30 hari kerja sejak keberatan diterima "
            "(UU 14/2008 Pasal 36 ayat (2))",
        ),
        # Art. 37(2): sengketa to the Komisi Informasi "paling lambat 14 (empat belas) hari kerja
        # setelah diterimanya tanggapan tertulis dari atasan" PPID.
        "dispute_filing": StatutoryTarget(
            Duration.working_days(14),
            "Sengketa ke Komisi Informasi ≤ 14 hari kerja setelah tanggapan atasan PPID "
            "diterima (UU 14/2008 Pasal 37 ayat (2))",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class SlaStage:
    """One stage of a policy: a clock from a start event to a stop event.

    The clock starts at the first event whose kind is in ``start_on`` and stops at the first
    later event whose kind is in ``stop_on``. While the complaint's status (``to_status`` of
    the latest event) is in ``pause_on`` the clock is paused. With ``restart``, a start event
    after the stop begins a new cycle, and the stage reports the latest cycle (e.g. the
    reporter's response window restarts at each final follow-up).
    """

    name: str
    """Stage name, unique in its policy."""
    start_on: frozenset[EventKind]
    """Events that start the clock."""
    stop_on: frozenset[EventKind]
    """Events that stop it."""
    target: Duration
    """Target duration."""
    pause_on: frozenset[Status] = frozenset()
    """Statuses during which the clock is paused."""
    at_risk: float = DEFAULT_AT_RISK
    """Share of the budget from which a running clock is AT_RISK."""
    restart: bool = False
    """Whether a start event after the stop begins a new cycle."""
    description: str = ""
    """What the stage measures and the rule it comes from."""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip() or len(self.name) > 64:
            raise PolicyError(f"stage name must be 1-64 characters, got {self.name!r}")
        where = f"stage {self.name!r}"
        if not isinstance(self.target, Duration):
            raise PolicyError(f"{where}: target must be a Duration, got {self.target!r}")
        object.__setattr__(self, "start_on", frozenset(self.start_on))
        object.__setattr__(self, "stop_on", frozenset(self.stop_on))
        object.__setattr__(self, "pause_on", frozenset(self.pause_on))
        if not self.start_on:
            raise PolicyError(f"{where}: needs at least one start event")
        if not self.stop_on:
            raise PolicyError(f"{where}: needs at least one stop event")
        both = self.start_on & self.stop_on
        if both:
            names = ", ".join(sorted(k.value for k in both))
            raise PolicyError(f"{where}: events {names} cannot both start and stop the clock")
        try:
            check_at_risk(self.at_risk, f"{where}: at_risk")
        except InvalidDurationError as exc:
            raise PolicyError(str(exc)) from None


@dataclass(frozen=True, slots=True)
class StageTimeline:
    """Start, pauses and stop of one stage, read from an event history."""

    started_at: dt.datetime
    """When the (latest) cycle started."""
    pauses: tuple[tuple[dt.datetime, dt.datetime | None], ...] = field(default=())
    """Pauses as (paused at, resumed at or ``None``)."""
    stopped_at: dt.datetime | None = None
    """When it stopped, or ``None``."""


def clock_events(complaint: Complaint) -> list[Event]:
    """Return the history SLA clocks read: its ``CREATED`` event at the receipt time.

    A report received on WhatsApp on 30 Nov and filed on 2 Dec has its ``CREATED`` event on
    2 Dec, but its clocks count from 30 Nov (:attr:`Complaint.clock_start`). The events
    themselves are not changed; only the copy handed to the clocks is.
    """
    events = list(complaint.events)
    start = complaint.clock_start
    if start >= complaint.created_at:
        return events
    for index, event in enumerate(events):
        if event.kind is EventKind.CREATED:
            if start < event.at:
                events[index] = event.model_copy(update={"at": start})
            break
    return events


def stage_timeline(stage: SlaStage, events: Iterable[Event]) -> StageTimeline | None:
    """Read one stage's start, pauses and stop from an event history.

    Args:
        stage: The stage.
        events: The history, any order (sorted by time here, ties keep their order).

    Returns:
        The timeline, or ``None`` when the stage has not started.
    """
    start: dt.datetime | None = None
    stop: dt.datetime | None = None
    pauses: list[tuple[dt.datetime, dt.datetime | None]] = []
    paused_since: dt.datetime | None = None
    # Sort by instant (UTC): aware datetimes sharing a tzinfo compare by wall time.
    for event in sorted(events, key=lambda e: e.at.astimezone(dt.UTC)):
        if start is None or (stage.restart and stop is not None and event.kind in stage.start_on):
            if event.kind in stage.start_on:
                start, stop, pauses = event.at, None, []
                paused_since = event.at if event.to_status in stage.pause_on else None
            continue
        if stop is not None:
            continue
        if event.kind in stage.stop_on:
            if paused_since is not None:
                pauses.append((paused_since, event.at))
                paused_since = None
            stop = event.at
        elif event.to_status in stage.pause_on:
            if paused_since is None:
                paused_since = event.at
        elif paused_since is not None:
            pauses.append((paused_since, event.at))
            paused_since = None
    if start is None:
        return None
    if paused_since is not None:
        pauses.append((paused_since, None))
    return StageTimeline(start, tuple(pauses), stop)


def _names(value: object, what: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"{where}: {what} must be a list of names, got {value!r}"[:300])
    if len(value) > 20:
        raise PolicyError(f"{where}: {what} lists {len(value)} names; at most 20")
    return [v.strip().lower() for v in value]


def _events(value: object, what: str, where: str) -> frozenset[EventKind]:
    allowed = {k.value: k for k in EventKind}
    kinds = []
    for name in _names(value, what, where):
        if name not in allowed:
            raise PolicyError(
                f"{where}: unknown event {name[:40]!r} in {what}; allowed: " + ", ".join(allowed)
            )
        kinds.append(allowed[name])
    return frozenset(kinds)


def _statuses(value: object, where: str) -> frozenset[Status]:
    allowed = {s.value: s for s in Status}
    found = []
    for name in _names(value, "pause", where):
        if name not in allowed:
            raise PolicyError(
                f"{where}: unknown status {name[:40]!r} in pause; allowed: " + ", ".join(allowed)
            )
        found.append(allowed[name])
    return frozenset(found)


class SlaPolicy:
    """A named set of SLA stages applied to complaints' event histories.

    Nothing is cached: :meth:`evaluate` reads the history each time, so a changed calendar or
    policy recomputes everything.

    Args:
        name: Policy name.
        stages: The stages, in display order; names must be unique.
        response_window_stage: The stage whose expiry closes a report (the reporter's
            response window), if any.

    Raises:
        PolicyError: Duplicate or unknown stage names.

    Example:
        >>> policy = SlaPolicy.sp4n_lapor()
        >>> [s.name for s in policy.stages][:2]
        ['verification', 'follow_up']
    """

    __slots__ = ("_stages", "name", "response_window_stage")

    def __init__(
        self,
        name: str,
        stages: Sequence[SlaStage],
        *,
        response_window_stage: str | None = None,
    ) -> None:
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            raise PolicyError(f"policy name must be 1-100 characters, got {name!r}"[:200])
        if not stages:
            raise PolicyError(f"policy {name!r} has no stages; add at least one")
        if len(stages) > _MAX_STAGES:
            raise PolicyError(f"policy {name!r} has {len(stages)} stages; at most {_MAX_STAGES}")
        seen: set[str] = set()
        for stage in stages:
            if not isinstance(stage, SlaStage):
                raise PolicyError(f"policy {name!r}: stages must be SlaStage, got {stage!r}")
            if stage.name in seen:
                raise PolicyError(f"policy {name!r}: stage name {stage.name!r} is used twice")
            seen.add(stage.name)
        if response_window_stage is not None and response_window_stage not in seen:
            raise PolicyError(
                f"policy {name!r}: response_window_stage {response_window_stage!r} is not a "
                "stage; stages: " + ", ".join(s.name for s in stages)
            )
        self.name: str = name
        self._stages: tuple[SlaStage, ...] = tuple(stages)
        self.response_window_stage: str | None = response_window_stage

    @property
    def stages(self) -> tuple[SlaStage, ...]:
        """The stages in display order."""
        return self._stages

    def stage(self, name: str) -> SlaStage:
        """Return the stage called ``name``.

        Raises:
            PolicyError: No such stage.
        """
        for stage in self._stages:
            if stage.name == name:
                return stage
        raise PolicyError(
            f"policy {self.name!r} has no stage {name!r}; stages: "
            + ", ".join(s.name for s in self._stages)
        )

    def __repr__(self) -> str:
        return f"SlaPolicy({self.name!r}, stages={[s.name for s in self._stages]})"

    # -- presets -------------------------------------------------------------------------

    @classmethod
    def sp4n_lapor(
        cls,
        *,
        statutory_unit: Literal["working_days", "days"] = "working_days",
        at_risk: float = DEFAULT_AT_RISK,
    ) -> SlaPolicy:
        """Return the SP4N-LAPOR! stages with their usual targets.

        - ``verification``: ≤ 3 working days from CREATED to VERIFIED/FORWARDED/ARCHIVED,
          paused while POSTPONED (waiting for the reporter's details).
        - ``follow_up``: ≤ 5 working days from the disposition (VERIFIED/FORWARDED/DISPOSED)
          to the first FOLLOWED_UP/COMPLETED.
        - ``answer``: UU 25/2009, answer within 14 days — CREATED to the first
          FOLLOWED_UP/COMPLETED/ARCHIVED, paused while POSTPONED (file incomplete).
        - ``completion``: UU 25/2009, decide within 60 days — CREATED to COMPLETED/ARCHIVED,
          paused while POSTPONED.
        - ``reporter_response``: 10 working days from COMPLETED to REPLIED or CLOSED; it
          restarts at each COMPLETED and its expiry closes the report. MET: the reporter
          replied in time or the report was closed when the window ended; BREACHED: the window
          ended and the report is still open (close it, see :meth:`response_window_deadline`);
          MISSED: closed (or replied) after the window.

        Args:
            statutory_unit: Unit of the UU 25/2009 counts: ``"working_days"`` (default, as
                agencies' service standards restate them) or ``"days"`` (calendar days).
            at_risk: Share of the budget from which a running stage is AT_RISK.
        """
        created = frozenset({EventKind.CREATED})
        postponed = frozenset({Status.POSTPONED})
        if statutory_unit == "working_days":
            answer, completion = Duration.working_days(14), Duration.working_days(60)
        elif statutory_unit == "days":
            answer, completion = Duration.days(14), Duration.days(60)
        else:
            raise PolicyError(
                f"statutory_unit must be 'working_days' or 'days', got {statutory_unit!r}"
            )
        stages = [
            SlaStage(
                "verification",
                created,
                frozenset({EventKind.VERIFIED, EventKind.FORWARDED, EventKind.ARCHIVED}),
                Duration.working_days(3),
                postponed,
                at_risk,
                description="Verifikasi dan disposisi ≤ 3 hari kerja (aturan LAPOR!)",
            ),
            SlaStage(
                "follow_up",
                frozenset({EventKind.VERIFIED, EventKind.FORWARDED, EventKind.DISPOSED}),
                frozenset({EventKind.FOLLOWED_UP, EventKind.COMPLETED}),
                Duration.working_days(5),
                frozenset(),
                at_risk,
                description="Tindak lanjut ≤ 5 hari kerja setelah disposisi (aturan LAPOR!)",
            ),
            SlaStage(
                "answer",
                created,
                frozenset({EventKind.FOLLOWED_UP, EventKind.COMPLETED, EventKind.ARCHIVED}),
                answer,
                postponed,
                at_risk,
                description="Jawaban pengaduan ≤ 14 hari (UU 25/2009)",
            ),
            SlaStage(
                "completion",
                created,
                frozenset({EventKind.COMPLETED, EventKind.ARCHIVED}),
                completion,
                postponed,
                at_risk,
                description="Penyelesaian pengaduan ≤ 60 hari (UU 25/2009)",
            ),
            SlaStage(
                "reporter_response",
                frozenset({EventKind.COMPLETED}),
                frozenset({EventKind.REPLIED, EventKind.CLOSED}),
                Duration.working_days(10),
                frozenset(),
                at_risk,
                restart=True,
                description="Tanggapan pelapor ≤ 10 hari kerja; lewat batas, laporan selesai",
            ),
        ]
        return cls("sp4n-lapor", stages, response_window_stage="reporter_response")

    @classmethod
    def laporgub(
        cls,
        *,
        first_response: Duration | str = "24h",
        target: Duration | str = "3h",
        at_risk: float = DEFAULT_AT_RISK,
    ) -> SlaPolicy:
        """Return LaporGub-style first-response stages (1x24 hours, and a stricter target).

        Both stages run from CREATED to the first admin reaction (VERIFIED, FORWARDED,
        ARCHIVED, POSTPONED, FOLLOWED_UP or COMPLETED), in clock hours by default.

        Args:
            first_response: The 1x24-hour rule (``first_response`` stage).
            target: The stricter aim (``first_response_target`` stage), 3 hours by default.
            at_risk: Share of the budget from which a running stage is AT_RISK.
        """
        reaction = frozenset(
            {
                EventKind.VERIFIED,
                EventKind.FORWARDED,
                EventKind.ARCHIVED,
                EventKind.POSTPONED,
                EventKind.FOLLOWED_UP,
                EventKind.COMPLETED,
            }
        )
        created = frozenset({EventKind.CREATED})
        first = (
            Duration.parse(first_response) if isinstance(first_response, str) else first_response
        )
        aim = Duration.parse(target) if isinstance(target, str) else target
        return cls(
            "laporgub",
            [
                SlaStage(
                    "first_response",
                    created,
                    reaction,
                    first,
                    at_risk=at_risk,
                    description="Respons pertama 1x24 jam (LaporGub)",
                ),
                SlaStage(
                    "first_response_target",
                    created,
                    reaction,
                    aim,
                    at_risk=at_risk,
                    description="Target respons cepat (LaporGub)",
                ),
            ],
        )

    @classmethod
    def ppid_uu14(cls, *, extended: bool = False, at_risk: float = DEFAULT_AT_RISK) -> SlaPolicy:
        """Return the answer stage of a LAPOR! report classified *Permintaan Informasi*.

        - ``information_answer``: UU 14/2008 Pasal 22 ayat (7), the written answer within
          10 working days of receipt — CREATED to the first FOLLOWED_UP/COMPLETED/ARCHIVED;
          with ``extended``, Pasal 22 ayat (8)'s 7 more working days (17 in all).

        The whole PPID regime (extension notices, objections, disputes) lives in
        :mod:`lapor_sdk.ppid`, whose clocks use the same :data:`PPID_TARGETS`.

        Args:
            extended: Whether the agency extended the answer time (once, by the full 7 days).
            at_risk: Share of the budget from which a running stage is AT_RISK.
        """
        days = PPID_TARGETS["answer"].target.amount
        if extended:
            days += PPID_TARGETS["extension"].target.amount
        article = "Pasal 22 ayat (7)–(8)" if extended else "Pasal 22 ayat (7)"
        return cls(
            "ppid-uu14",
            [
                SlaStage(
                    "information_answer",
                    frozenset({EventKind.CREATED}),
                    frozenset({EventKind.FOLLOWED_UP, EventKind.COMPLETED, EventKind.ARCHIVED}),
                    Duration.working_days(int(days)),
                    frozenset(),
                    at_risk,
                    description=(
                        f"Jawaban permintaan informasi ≤ {int(days)} hari kerja "
                        f"(UU 14/2008 {article})"
                    ),
                )
            ],
        )

    # -- custom policies -----------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SlaPolicy:
        """Build a policy from a dict (the shape of :meth:`from_toml` files).

        Example shape::

            {"name": "dinas-x", "at_risk": 0.8,
             "stages": [{"name": "verification", "start": ["created"],
                         "stop": ["verified", "forwarded", "archived"],
                         "target": "3wd", "pause": ["postponed"]}]}

        Raises:
            PolicyError: Unknown keys, events or statuses, bad durations or fractions.
        """
        if not isinstance(data, Mapping):
            raise PolicyError(f"policy must be a table/dict, got {type(data).__name__}")
        unknown = sorted(str(k) for k in set(data) - _POLICY_KEYS)
        if unknown:
            raise PolicyError(
                f"unknown policy key(s) {', '.join(unknown)[:100]}; allowed: "
                + ", ".join(sorted(_POLICY_KEYS))
            )
        name = data.get("name", "custom")
        default_risk = data.get("at_risk", DEFAULT_AT_RISK)
        raw_stages = data.get("stages")
        if not isinstance(raw_stages, list) or not raw_stages:
            raise PolicyError("policy needs a non-empty 'stages' list ([[stages]] in TOML)")
        if len(raw_stages) > _MAX_STAGES:
            raise PolicyError(f"policy has {len(raw_stages)} stages; at most {_MAX_STAGES}")
        stages = [cls._stage_from_dict(i, raw, default_risk) for i, raw in enumerate(raw_stages)]
        window = data.get("response_window_stage")
        if window is not None and not isinstance(window, str):
            raise PolicyError("response_window_stage must be a stage name")
        return cls(str(name), stages, response_window_stage=window)

    @staticmethod
    def _stage_from_dict(index: int, raw: object, default_risk: object) -> SlaStage:
        if not isinstance(raw, Mapping):
            raise PolicyError(f"stage #{index + 1} must be a table/dict")
        where = f"stage {str(raw.get('name', f'#{index + 1}'))[:64]!r}"
        unknown = sorted(str(k) for k in set(raw) - _STAGE_KEYS)
        if unknown:
            raise PolicyError(
                f"{where}: unknown key(s) {', '.join(unknown)[:100]}; allowed: "
                + ", ".join(sorted(_STAGE_KEYS))
            )
        for key in ("name", "start", "stop", "target"):
            if key not in raw:
                raise PolicyError(f"{where}: missing {key!r}")
        target = raw["target"]
        try:
            duration = Duration.parse(target) if isinstance(target, str) else None
        except InvalidDurationError as exc:
            raise PolicyError(f"{where}: {exc}") from None
        if duration is None:
            raise PolicyError(f"{where}: target must be a string such as '3wd', got {target!r}")
        restart = raw.get("restart", False)
        if not isinstance(restart, bool):
            raise PolicyError(f"{where}: restart must be true or false")
        at_risk = raw.get("at_risk", default_risk)
        if isinstance(at_risk, bool) or not isinstance(at_risk, int | float):
            raise PolicyError(f"{where}: at_risk must be a number in (0, 1], got {at_risk!r}")
        return SlaStage(
            name=str(raw["name"]),
            start_on=_events(raw["start"], "start", where),
            stop_on=_events(raw["stop"], "stop", where),
            target=duration,
            pause_on=_statuses(raw.get("pause", []), where),
            at_risk=float(at_risk),
            restart=restart,
            description=str(raw.get("description", ""))[:500],
        )

    @classmethod
    def from_toml(cls, path: str | Path) -> SlaPolicy:
        """Read a policy from a TOML file (top-level keys and ``[[stages]]`` tables).

        Raises:
            PolicyError: The file is not valid TOML or the policy is invalid.
            OSError: The file cannot be read.
        """
        file = Path(path)
        if file.stat().st_size > _MAX_POLICY_BYTES:
            raise PolicyError(f"{file} is larger than 1 MiB; a policy file is a few lines")
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise PolicyError(f"{file} is not valid TOML: {exc}") from None
        except UnicodeDecodeError:
            raise PolicyError(f"{file} is not UTF-8 text") from None
        try:
            return cls.from_dict(data)
        except PolicyError as exc:
            raise PolicyError(f"{file}: {exc}") from None

    def to_dict(self) -> dict[str, Any]:
        """Return the policy in the shape :meth:`from_dict` reads."""
        data: dict[str, Any] = {"name": self.name, "stages": []}
        if self.response_window_stage is not None:
            data["response_window_stage"] = self.response_window_stage
        for s in self._stages:
            data["stages"].append(
                {
                    "name": s.name,
                    "start": sorted(k.value for k in s.start_on),
                    "stop": sorted(k.value for k in s.stop_on),
                    "target": str(s.target),
                    "pause": sorted(p.value for p in s.pause_on),
                    "at_risk": s.at_risk,
                    "restart": s.restart,
                    "description": s.description,
                }
            )
        return data

    # -- evaluation ----------------------------------------------------------------------

    def clocks(
        self, complaint: Complaint, *, calendar: WorkingCalendar, now: dt.datetime
    ) -> dict[str, SlaClock]:
        """Build one :class:`SlaClock` per started stage from events up to ``now``."""
        now = require_aware(now, "now").astimezone(dt.UTC)
        events = [e for e in clock_events(complaint) if e.at.astimezone(dt.UTC) <= now]
        clocks: dict[str, SlaClock] = {}
        for stage in self._stages:
            timeline = stage_timeline(stage, events)
            if timeline is None:
                continue
            clock = SlaClock(
                calendar=calendar,
                target=stage.target,
                started_at=timeline.started_at,
                at_risk=stage.at_risk,
            )
            for paused_at, resumed_at in timeline.pauses:
                clock.pause(paused_at)
                if resumed_at is not None:
                    clock.resume(resumed_at)
            if timeline.stopped_at is not None:
                clock.stop(timeline.stopped_at)
            clocks[stage.name] = clock
        return clocks

    def evaluate(
        self, complaint: Complaint, *, calendar: WorkingCalendar, now: dt.datetime
    ) -> list[SlaResult]:
        """Return one :class:`SlaResult` per started stage, in the policy's stage order.

        Only events at or before ``now`` count. Stages that have not started (e.g. the
        follow-up of a report still unverified) are left out.

        Args:
            complaint: The complaint; its ``events`` are the source of truth.
            calendar: The working calendar.
            now: Aware evaluation instant.

        Raises:
            NaiveDatetimeError: ``now`` is naive.
            CalendarRangeError: A clock reaches a year without holiday data.
        """
        clocks = self.clocks(complaint, calendar=calendar, now=now)
        return [clock.result(now, stage=name) for name, clock in clocks.items()]

    def response_window_deadline(
        self, complaint: Complaint, *, calendar: WorkingCalendar
    ) -> dt.datetime | None:
        """Return when the reporter's response window of ``complaint`` expires.

        Feed it to ``lifecycle.close_if_due(c, now=..., deadline=...)``.

        Returns:
            The deadline of the running window, or ``None`` when no window runs (the report is
            not completed, or the reporter already replied, or it is closed).

        Raises:
            PolicyError: The policy has no response window stage.
        """
        if self.response_window_stage is None:
            raise PolicyError(
                f"policy {self.name!r} has no response window stage; use "
                "SlaPolicy.sp4n_lapor() or set response_window_stage"
            )
        stage = self.stage(self.response_window_stage)
        timeline = stage_timeline(stage, clock_events(complaint))
        if timeline is None or timeline.stopped_at is not None:
            return None
        clock = SlaClock(calendar=calendar, target=stage.target, started_at=timeline.started_at)
        for paused_at, resumed_at in timeline.pauses:
            clock.pause(paused_at)
            if resumed_at is not None:
                clock.resume(resumed_at)
        return clock.due_at


def response_window_deadline(
    complaint: Complaint, calendar: WorkingCalendar, *, policy: SlaPolicy | None = None
) -> dt.datetime | None:
    """Return when the reporter's response window expires (``None`` if none runs).

    Uses :meth:`SlaPolicy.sp4n_lapor` unless ``policy`` is given.

    Example:
        >>> # deadline = response_window_deadline(c, cal)
        >>> # c = lifecycle.close_if_due(c, now=now, deadline=deadline)
    """
    return (policy or SlaPolicy.sp4n_lapor()).response_window_deadline(complaint, calendar=calendar)
