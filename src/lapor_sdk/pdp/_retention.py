"""Retention: anonymise what has been kept long enough after it was finished.

UU 27/2022 ends processing when the retention period is reached or the purpose achieved
(Pasal 42 (1)), and destroys data whose retention is over *and* which the archive retention
schedule (jadwal retensi arsip, UU 43/2009 on archives) marks for destruction (Pasal 44 (1)
huruf a). The periods are the agency's own (its JRA): :meth:`RetentionPolicy.default` is an
example to replace, not a number from the law. Anonymising keeps the statistics.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._exceptions import InvalidInputError
from .._personal._redact import scrub
from ..models import Reporter
from ._adapters import StoreAdapter, StoredRecord

__all__ = [
    "RetentionItem",
    "RetentionPolicy",
    "RetentionReport",
    "RetentionRule",
    "apply_retention",
]

_MAX_RULES = 100
_MAX_POLICY_BYTES = 1_048_576


@dataclass(frozen=True)
class RetentionRule:
    """Keep matching records ``years`` (+ ``days``) after they were finished."""

    years: int
    """Whole years after closing."""
    store: str = "*"
    """Store name, or ``*`` for any."""
    classification: str | None = None
    """Only records of this classification (``complaint``, ``aspiration``, …)."""
    status: str | None = None
    """Only records in this status (``closed``, ``archived``, …)."""
    days: int = 0
    """Extra days."""
    source: str = ""
    """Where the period comes from (the agency's JRA, a decree)."""

    def __post_init__(self) -> None:
        for name in ("years", "days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100 * 366:
                raise InvalidInputError(f"retention {name} must be a whole number 0-36600")
        if self.years == 0 and self.days == 0:
            raise InvalidInputError("a retention rule needs years or days greater than 0")

    def matches(self, record: StoredRecord) -> bool:
        """Tell whether the rule applies to ``record``."""
        return (
            self.store in ("*", record.store)
            and self.classification in (None, record.classification)
            and self.status in (None, record.status)
        )

    def due(self, closed_at: dt.datetime) -> dt.datetime:
        """Return the end of the retention period of a record closed at ``closed_at``."""
        year = min(closed_at.year + self.years, 9999)
        try:
            moved = closed_at.replace(year=year)
        except ValueError:  # 29 February into a common year
            moved = closed_at.replace(year=year, day=28)
        return moved + dt.timedelta(days=self.days)


@dataclass(frozen=True)
class RetentionPolicy:
    """Ordered rules; the first that matches a record decides (no match: kept)."""

    rules: tuple[RetentionRule, ...]
    """The rules, most specific first."""

    @classmethod
    def default(cls) -> RetentionPolicy:
        """An example policy to adapt: 2 years after closing for every store.

        Not a period set by UU 27/2022: replace it with the agency's archive retention
        schedule (JRA).
        """
        return cls((RetentionRule(years=2, source="contoh; ganti dengan JRA instansi"),))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RetentionPolicy:
        """Build from ``{"rules": [{"store": "complaints", "years": 5, …}, …]}``.

        Raises:
            InvalidInputError: Not that shape, unknown keys, bad numbers, too many rules.
        """
        raw = data.get("rules") if isinstance(data, Mapping) else None
        if not isinstance(raw, list) or not raw or len(raw) > _MAX_RULES:
            raise InvalidInputError(
                f"a retention policy needs a list 'rules' of 1-{_MAX_RULES} tables "
                "([[rules]] in TOML) with years, and optionally store, classification, status"
            )
        allowed = {"years", "days", "store", "classification", "status", "source"}
        rules = []
        for index, item in enumerate(raw, 1):
            if not isinstance(item, Mapping) or set(item) - allowed:
                extra = sorted(set(item) - allowed) if isinstance(item, Mapping) else []
                raise InvalidInputError(
                    f"retention rule {index}: unknown keys {extra}; allowed: {sorted(allowed)}"
                )
            for key in ("store", "classification", "status", "source"):
                if key in item and (not isinstance(item[key], str) or len(item[key]) > 200):
                    raise InvalidInputError(f"retention rule {index}: {key} must be short text")
            rules.append(
                RetentionRule(
                    years=item.get("years", 0),
                    days=item.get("days", 0),
                    store=item.get("store", "*"),
                    classification=item.get("classification"),
                    status=item.get("status"),
                    source=item.get("source", ""),
                )
            )
        return cls(tuple(rules))

    @classmethod
    def from_toml(cls, path: str | Path) -> RetentionPolicy:
        """Read a policy from a TOML file (at most 1 MiB).

        Raises:
            InvalidInputError: Too large, not TOML, or not a policy.
        """
        target = Path(path)
        data = target.read_bytes()[: _MAX_POLICY_BYTES + 1]
        if len(data) > _MAX_POLICY_BYTES:
            raise InvalidInputError(f"retention policy {target} is larger than 1 MiB")
        try:
            parsed = tomllib.loads(data.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInputError(f"retention policy {target} is not UTF-8 TOML: {exc}") from None
        return cls.from_dict(parsed)

    def rule_for(self, record: StoredRecord) -> RetentionRule | None:
        """Return the first rule matching ``record``."""
        return next((r for r in self.rules if r.matches(record)), None)


@dataclass(frozen=True)
class RetentionItem:
    """One record whose retention period is over."""

    store: str
    """Store name."""
    record_id: str
    """Record id."""
    kind: str
    """Record kind."""
    closed_at: dt.datetime
    """When it was finished."""
    due_at: dt.datetime
    """End of its retention period."""


@dataclass(frozen=True)
class RetentionReport:
    """What a retention run found (and did, with ``applied``); ids and counts only."""

    now: dt.datetime
    """The instant the periods were measured at."""
    applied: bool
    """Whether the due records were anonymised (``False``: dry run)."""
    due: tuple[RetentionItem, ...]
    """Records past their period."""
    open: int
    """Records still open (never due)."""
    not_due: int
    """Closed records still within their period."""
    no_rule: int
    """Closed records no rule covers (kept)."""
    anonymised: Mapping[str, int]
    """Per store, records anonymised (empty on a dry run)."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "now": self.now.isoformat(),
            "applied": self.applied,
            "due": [
                {
                    "store": i.store,
                    "record_id": i.record_id,
                    "kind": i.kind,
                    "closed_at": i.closed_at.isoformat(),
                    "due_at": i.due_at.isoformat(),
                }
                for i in self.due
            ],
            "open": self.open,
            "not_due": self.not_due,
            "no_rule": self.no_rule,
            "anonymised": dict(self.anonymised),
        }


def _known_of(person: Reporter | None) -> list[str]:
    """The strings of ``person`` to scrub from an id shown in a report."""
    if person is None:
        return []
    return [v for v in (person.name, person.phone, person.email, person.nik, person.address) if v]


def apply_retention(
    stores: Sequence[StoreAdapter],
    policy: RetentionPolicy,
    *,
    now: dt.datetime,
    apply: bool = False,
) -> RetentionReport:
    """Find the records whose retention period is over; anonymise them with ``apply``.

    Open records are never due (a law requires them). Each store anonymises in one
    transaction.

    Args:
        stores: Store adapters.
        policy: The retention rules.
        now: The instant to measure at (aware).
        apply: Anonymise the due records (default: dry run, nothing changes).
    """
    if now.tzinfo is None:
        raise InvalidInputError("now must be timezone-aware")
    due: list[RetentionItem] = []
    open_ = not_due = no_rule = 0
    done: dict[str, int] = {}
    for adapter in stores:
        ids: list[str] = []
        for record in adapter.records():
            if record.closed_at is None or record.hold is not None:
                open_ += 1
                continue
            rule = policy.rule_for(record)
            if rule is None:
                no_rule += 1
                continue
            end = rule.due(record.closed_at)
            if end > now:
                not_due += 1
                continue
            # A key can hold a phone number (``wa:0812…``): the report shows it scrubbed.
            shown = scrub(record.record_id, known=_known_of(record.person))
            due.append(RetentionItem(adapter.name, shown, record.kind, record.closed_at, end))
            ids.append(record.record_id)
        if apply and ids:
            done[adapter.name] = adapter.anonymise(ids, subject=None)
    return RetentionReport(now, apply, tuple(due), open_, not_due, no_rule, done)
