"""The ``hoax`` command line: a thin shell over :class:`hoax_clinic.ClaimTracker`.

Runs on the embedded SQLite store by default (``~/.lapor/hoax.db``); ``--db URL`` or
``HOAX_DATABASE_URL`` / ``LAPOR_DATABASE_URL`` choose another database. Times are shown and
naive inputs read in ``--tz`` (default ``Asia/Jakarta``, WIB).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lapor_sdk.cli import ErrorHandlingGroup

from ._deadline import format_remaining, utc_now
from ._exceptions import HoaxClinicError, InvalidClaimInputError
from .feeds import DEFAULT_FEEDS, FeedSource, IngestReport, ingest
from .models import Claim, ClaimStatus, Label, Platform, Priority
from .publish import (
    Publisher,
    atom_feed,
    claim_review_json,
    html_snippet,
    rss_feed,
    social_post,
    whatsapp_message,
)
from .tracker import ClaimTracker

__all__ = ["HoaxErrorGroup", "app", "main", "parse_duration"]

out = Console(soft_wrap=True, highlight=False)


class HoaxErrorGroup(ErrorHandlingGroup):
    """Error handler of ``hoax``: clinic, value and OS errors become one red line, exit 1."""

    handled: ClassVar[tuple[type[BaseException], ...]] = (HoaxClinicError, ValueError, OSError)


app = typer.Typer(
    name="hoax",
    cls=HoaxErrorGroup,
    help="Klinik hoaks: log circulating claims, clarify them within the deadline, publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|min|m|s)", re.IGNORECASE)


def parse_duration(text: str) -> timedelta:
    """Read a duration such as ``6h``, ``90m``, ``1d``, ``2h30m``.

    Raises:
        InvalidClaimInputError: Not a duration.
    """
    compact = text.strip().lower().replace(" ", "")
    pos = 0
    total = timedelta(0)
    units = {"d": "days", "h": "hours", "m": "minutes", "min": "minutes", "s": "seconds"}
    for m in _DURATION.finditer(compact):
        if m.start() != pos:
            break
        try:
            total += timedelta(**{units[m.group(2)]: float(m.group(1))})
        except OverflowError:
            raise InvalidClaimInputError(
                f"duration {text!r} is too long; write e.g. 6h, 90m, 1d or 2h30m"
            ) from None
        pos = m.end()
    if pos != len(compact) or pos == 0:
        raise InvalidClaimInputError(
            f"cannot read duration {text!r}; write e.g. 6h, 90m, 1d or 2h30m"
        )
    return total


class _State:
    db: str | None = None
    tz: tzinfo = ZoneInfo("Asia/Jakarta")


_state = _State()


@contextmanager
def _tracker() -> Iterator[ClaimTracker]:
    tracker = ClaimTracker.open(_state.db)
    try:
        yield tracker
    finally:
        tracker.close()


@app.callback()
def _root(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="HOAX_DATABASE_URL",
            help="Database URL (default: LAPOR_DATABASE_URL, else ~/.lapor/hoax.db).",
            show_default=False,
        ),
    ] = None,
    tz: Annotated[
        str,
        typer.Option("--tz", envvar="HOAX_TZ", help="Time zone for display and naive input."),
    ] = "Asia/Jakarta",
) -> None:
    """Klinik hoaks: log circulating claims, clarify them within the deadline, publish."""
    _state.db = db
    try:
        _state.tz = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidClaimInputError(
            f"unknown time zone {tz!r}; use e.g. Asia/Jakarta (WIB), Asia/Makassar (WITA), "
            "Asia/Jayapura (WIT)"
        ) from None


def _parse_time(text: str | None) -> datetime:
    if text is None:
        return utc_now()
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidClaimInputError(
            f"cannot read time {text!r}; use ISO 8601, e.g. 2026-06-17T08:30 or "
            "2026-06-17T08:30+07:00"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=_state.tz)


def _local(value: datetime) -> str:
    return value.astimezone(_state.tz).strftime("%Y-%m-%d %H:%M %Z")


def _short(text: str, width: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _deadline_cell(tracker: ClaimTracker, claim: Claim, now: datetime) -> str:
    if not claim.status.is_open:
        return "—"
    phrase = format_remaining(tracker.deadline(claim), now)
    return f"[red]{phrase}[/]" if phrase.startswith("late") else phrase


def _claims_table(tracker: ClaimTracker, claims: list[Claim], now: datetime) -> Table:
    table = Table(title=f"{len(claims)} claim(s)", title_justify="left")
    table.add_column("ID", no_wrap=True, min_width=11)
    table.add_column("Status", overflow="fold")
    table.add_column("Label", overflow="fold")
    table.add_column("Deadline", overflow="fold", min_width=10)
    table.add_column("Seen", justify="right")
    table.add_column("Claim", overflow="fold", ratio=1)
    for c in claims:
        status = (
            c.status.value
            if c.priority is Priority.NORMAL
            else f"{c.status.value} ({c.priority.value})"
        )
        table.add_row(
            c.id,
            status,
            c.label.value if c.label else "",
            _deadline_cell(tracker, c, now),
            str(len(c.sightings)),
            escape(_short(c.text)),
        )
    return table


@app.command("log")
def log_cmd(
    text: Annotated[str, typer.Argument(help="The claim as seen (quote it).")],
    platform: Annotated[
        str, typer.Option("--platform", "-p", help="whatsapp, facebook, x, tiktok, … or wa/fb.")
    ] = "whatsapp",
    seen_at: Annotated[
        str | None, typer.Option("--seen-at", help="When it was seen (ISO 8601; default now).")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Link to the post.")] = None,
    reach: Annotated[int | None, typer.Option("--reach", min=0, help="Audience estimate.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Topic of a new claim.")] = None,
    region: Annotated[str | None, typer.Option("--region", help="Region of a new claim.")] = None,
    priority: Annotated[
        Priority, typer.Option("--priority", help="Priority of a new claim.")
    ] = Priority.NORMAL,
) -> None:
    """Log a sighting: attach it to a known claim or open a new one."""
    with _tracker() as tracker:
        now = utc_now()  # also the sighting time by default, so a new claim shows its full target
        r = tracker.log(
            text,
            platform=Platform.parse(platform),
            seen_at=now if seen_at is None else _parse_time(seen_at),
            url=url,
            reach=reach,
            topic=topic,
            region=region,
            priority=priority,
        )
        if r.is_new:
            due = format_remaining(tracker.deadline(r.claim), now)
            out.print(f"new claim [bold]{r.claim.id}[/] (deadline {due})")
        else:
            out.print(
                f"sighting {r.sighting.id} added to claim [bold]{r.claim.id}[/] "
                f"(score {r.score:.2f}, {len(r.claim.sightings)} sightings)"
            )
        if r.clarification is not None and r.claim.label is not None:
            tag = escape(f"[{r.claim.label.value}]")
            out.print(f"[bold]already clarified: {tag}[/] {escape(r.clarification.text)}")
            if r.clarification.url:
                out.print(f"link: {escape(r.clarification.url)}")


@app.command("list")
def list_cmd(
    due: Annotated[
        str | None, typer.Option("--due", help="Only open claims due within e.g. 6h.")
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open claims past due.")] = False,
    status: Annotated[
        ClaimStatus | None, typer.Option("--status", help="Only claims with this status.")
    ] = None,
    include_imported: Annotated[
        bool, typer.Option("--imported", help="Include debunks loaded from feeds.")
    ] = False,
) -> None:
    """List claims (open ones by default), soonest deadline first."""
    now = utc_now()
    with _tracker() as tracker:
        if overdue:
            claims = tracker.overdue(now=now)
        elif due is not None:
            claims = tracker.due(within=parse_duration(due), now=now)
        elif status is not None:
            claims = tracker.claims(status=status)
        else:
            claims = tracker.open_claims()
        if not include_imported:
            claims = [c for c in claims if not c.imported]
        out.print(_claims_table(tracker, claims, now))


@app.command("show")
def show_cmd(claim_id: Annotated[str, typer.Argument(help="Claim id (HX-…).")]) -> None:
    """Show one claim with its sightings, verdict and clarification."""
    now = utc_now()
    with _tracker() as tracker:
        c = tracker.get(claim_id)
        out.print(
            f"[bold]{c.id}[/]  {c.status.value} ({c.status.label}), priority {c.priority.value}"
        )
        out.print(escape(c.text))
        out.print(f"first seen {_local(c.first_seen)}; deadline {_local(tracker.deadline(c))}")
        if c.status.is_open:
            out.print(f"due {_deadline_cell(tracker, c, now)}")
        for name, value in (("topic", c.topic), ("region", c.region), ("assignee", c.assignee)):
            if value:
                out.print(f"{name}: {escape(value)}")
        if c.dismissed_reason:
            out.print(f"dismissed: {escape(c.dismissed_reason)}")
        if c.verdict:
            out.print(f"verdict: [bold]{c.verdict.label.value}[/]")
        if c.clarification:
            out.print(f"clarification ({_local(c.clarification.published_at)}):")
            out.print(escape(c.clarification.text))
            for src in c.clarification.sources:
                out.print(f"  source: {escape(src)}")
            if c.clarification.url:
                out.print(f"  url: {escape(c.clarification.url)}")
        if c.sightings:
            table = Table(title="Sightings", title_justify="left")
            for col in ("ID", "Platform", "Seen at", "Reach", "URL", "Text"):
                table.add_column(col)
            for s in c.sightings:
                table.add_row(
                    s.id,
                    s.platform.label,
                    _local(s.seen_at),
                    "" if s.reach is None else str(s.reach),
                    escape(s.url or ""),
                    escape(_short(s.text, 50)),
                )
            out.print(table)


@app.command("verdict")
def verdict_cmd(
    claim_id: Annotated[str, typer.Argument(help="Claim id.")],
    label: Annotated[str, typer.Argument(help="HOAKS, SALAH, DISINFORMASI, PENIPUAN, …")],
    summary: Annotated[str | None, typer.Option("--summary", help="Short reason.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who decided.")] = None,
) -> None:
    """Set the verdict label of an open claim."""
    with _tracker() as tracker:
        c = tracker.set_verdict(claim_id, Label.parse(label), summary=summary, by=by)
        out.print(f"claim {c.id}: verdict [bold]{c.label.value if c.label else ''}[/]")


@app.command("clarify")
def clarify_cmd(
    claim_id: Annotated[str, typer.Argument(help="Claim id.")],
    text: Annotated[str, typer.Option("--text", help="The clarification for the public.")],
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Official source (repeatable).")
    ] = None,
    evidence: Annotated[
        list[str] | None, typer.Option("--evidence", help="Evidence URL (repeatable).")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it is published.")] = None,
    label: Annotated[
        str | None, typer.Option("--label", help="Set the verdict at the same time.")
    ] = None,
) -> None:
    """Publish the clarification of a claim (it becomes CLARIFIED)."""
    with _tracker() as tracker:
        c = tracker.clarify(
            claim_id,
            text=text,
            sources=source or (),
            evidence=evidence or (),
            url=url,
            label=Label.parse(label) if label else None,
        )
        assert c.closed_at is not None  # noqa: S101 - clarify always sets it
        on_time = c.closed_at <= tracker.deadline(c)
        out.print(
            f"claim {c.id} clarified "
            + ("[green]within the deadline[/]" if on_time else "[red]after the deadline[/]")
        )


@app.command("dismiss")
def dismiss_cmd(
    claim_id: Annotated[str, typer.Argument(help="Claim id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is not handled.")],
) -> None:
    """Close an open claim without clarification."""
    with _tracker() as tracker:
        c = tracker.dismiss(claim_id, reason=reason)
        out.print(f"claim {c.id} dismissed")


@app.command("merge")
def merge_cmd(
    keep: Annotated[str, typer.Argument(help="Claim that survives.")],
    other: Annotated[str, typer.Argument(help="Claim merged into it.")],
) -> None:
    """Merge two claims that turned out to be the same."""
    with _tracker() as tracker:
        c = tracker.merge(keep, other)
        out.print(f"merged {other.upper()} into {c.id} ({len(c.sightings)} sightings)")


@app.command("split")
def split_cmd(
    claim_id: Annotated[str, typer.Argument(help="Claim id.")],
    sightings: Annotated[list[str], typer.Argument(help="Sighting ids to move (SG-…).")],
    text: Annotated[str | None, typer.Option("--text", help="Text of the new claim.")] = None,
) -> None:
    """Move sightings of a claim to a new claim."""
    with _tracker() as tracker:
        c = tracker.split(claim_id, sightings, text=text)
        out.print(f"new claim [bold]{c.id}[/] with {len(c.sightings)} sighting(s)")


def _print_report(report: IngestReport) -> None:
    if report.not_modified:
        out.print(f"{escape(report.source)}: not modified since last run")
        return
    out.print(
        f"{escape(report.source)}: {report.items} item(s), {report.added} added, "
        f"{report.existing} already known, {report.unlabelled} without label"
    )
    for open_id, debunk_id in report.answers:
        out.print(
            f"  open claim [bold]{open_id}[/] may be answered by debunk {debunk_id}: check "
            f"`hoax show {debunk_id}`, then clarify or `hoax merge {debunk_id} {open_id}`"
        )


@app.command("ingest")
def ingest_cmd(
    source: Annotated[
        str | None, typer.Argument(help="Feed URL or file (default: the built-in feed list).")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow private/loopback addresses (intranet)."),
    ] = False,
) -> None:
    """Load fact-checkers' debunks (RSS/Atom) as clarified claims.

    Without SOURCE: the feeds listed in HOAX_FEEDS (space or comma separated), else the
    built-in (unverified) defaults.
    """
    with _tracker() as tracker:
        if source is not None:
            path = Path(source)
            target: str | Path = path if path.exists() else source
            _print_report(ingest(tracker, target, allow_private=allow_private))
            return
        configured = os.environ.get("HOAX_FEEDS", "").replace(",", " ").split()
        feeds = [FeedSource(url, url) for url in configured] or list(DEFAULT_FEEDS)
        failed = 0
        for feed in feeds:
            try:
                _print_report(ingest(tracker, feed, allow_private=allow_private))
            except HoaxClinicError as exc:
                failed += 1
                out.print(f"[red]{escape(feed.url)}: {escape(str(exc))}[/]")
        if failed:
            raise HoaxClinicError(f"{failed} of {len(feeds)} feed(s) failed")


class PublishFormat(StrEnum):
    """Output formats of ``hoax publish``."""

    CLAIMREVIEW = "claimreview"
    RSS = "rss"
    ATOM = "atom"
    SOCIAL = "social"
    WHATSAPP = "whatsapp"
    HTML = "html"


def _publisher(name: str | None, url: str | None) -> Publisher:
    name = name or os.environ.get("HOAX_PUBLISHER_NAME")
    url = url or os.environ.get("HOAX_PUBLISHER_URL")
    if not name or not url:
        raise InvalidClaimInputError(
            "publisher name and URL are needed; pass --org-name and --org-url or set "
            "HOAX_PUBLISHER_NAME and HOAX_PUBLISHER_URL"
        )
    return Publisher(name=name, url=url)


@app.command("publish")
def publish_cmd(
    claim_id: Annotated[
        str | None, typer.Argument(help="Claim id (rss/atom: omit for every clarification).")
    ] = None,
    fmt: Annotated[
        PublishFormat, typer.Option("--format", "-f", help="Output format.")
    ] = PublishFormat.SOCIAL,
    org_name: Annotated[str | None, typer.Option("--org-name", help="Publisher name.")] = None,
    org_url: Annotated[str | None, typer.Option("--org-url", help="Publisher URL.")] = None,
) -> None:
    """Print a clarification as ClaimReview JSON-LD, RSS/Atom, social or WhatsApp text, HTML."""
    with _tracker() as tracker:
        if claim_id is None:
            if fmt not in (PublishFormat.RSS, PublishFormat.ATOM):
                raise InvalidClaimInputError(
                    f"--format {fmt.value} needs a claim id; only rss and atom work without one"
                )
            claims = [c for c in tracker.claims(status=ClaimStatus.CLARIFIED) if not c.imported]
        else:
            claims = [tracker.get(claim_id)]
        claim = claims[0] if claims else None
        if fmt is PublishFormat.RSS:
            typer.echo(rss_feed(claims, publisher=_publisher(org_name, org_url)))
        elif fmt is PublishFormat.ATOM:
            typer.echo(atom_feed(claims, publisher=_publisher(org_name, org_url)))
        elif claim is None:  # pragma: no cover - claim_id given means one claim
            return
        elif fmt is PublishFormat.CLAIMREVIEW:
            typer.echo(claim_review_json(claim, publisher=_publisher(org_name, org_url), indent=2))
        elif fmt is PublishFormat.SOCIAL:
            typer.echo(social_post(claim))
        elif fmt is PublishFormat.WHATSAPP:
            typer.echo(whatsapp_message(claim))
        else:
            typer.echo(html_snippet(claim))


@app.command("stats")
def stats_cmd() -> None:
    """Show the clinic's figures: time to clarify, on-time share, sightings per platform."""
    with _tracker() as tracker:
        s = tracker.stats(tz=_state.tz)
    table = Table(title="Klinik hoaks", title_justify="left", show_header=False)
    table.add_column("Figure")
    table.add_column("Value", justify="right")
    median = s.median_time_to_clarify
    share = s.clarified_on_time_share
    rows = [
        ("Claims handled", str(s.claims)),
        ("Open", str(s.open)),
        ("Overdue", str(s.overdue)),
        *((f"  {st.value}", str(n)) for st, n in s.by_status.items()),
        ("Median time to clarify", "—" if median is None else _span(median)),
        ("Clarified within deadline", "—" if share is None else f"{share:.0%}"),
        ("Debunks imported from feeds", str(s.imported)),
        ("Sightings", str(s.sightings)),
        *((f"  {p.label}", str(n)) for p, n in s.sightings_by_platform.items()),
    ]
    for name, value in rows:
        table.add_row(name, value)
    out.print(table)


def _span(delta: timedelta) -> str:
    now = utc_now()  # one reading: two would shave a minute off whole spans
    return format_remaining(now + delta, now).removeprefix("in ")


def main() -> None:
    """Entry point of the ``hoax`` console script."""
    app()
