"""The ``hoax`` command line: a thin shell over :class:`hoax_clinic.ClaimTracker`.

Runs on the embedded SQLite store by default (``~/.lapor/hoax.db``); ``--db`` (a URL or a
SQLite file path) or ``HOAX_DATABASE_URL`` / ``LAPOR_DATABASE_URL`` choose another database.
Times are shown and naive inputs read in ``--tz`` (WIB, WITA, WIT or an IANA name; default
WIB). Options, errors and exit codes follow :mod:`lapor_sdk.cli._options`; ``hoax due`` exits
10 when claims are due (for a cron alert).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape

from lapor_sdk.cli import ErrorHandlingGroup
from lapor_sdk.cli._options import (
    CliError,
    ExitCode,
    database_errors,
    database_url,
    open_database,
    parse_instant,
    parse_tz,
)

from ._exceptions import HoaxClinicError, InvalidClaimInputError

if TYPE_CHECKING:
    from rich.table import Table

    from .feeds import IngestReport
    from .models import Claim
    from .publish import Publisher
    from .tracker import ClaimTracker

__all__ = ["HoaxErrorGroup", "app", "main", "parse_duration"]

out = Console(soft_wrap=True, highlight=False)


class HoaxErrorGroup(ErrorHandlingGroup):
    """Error handler of ``hoax``: one red line and the exit code of the failure's kind.

    As ``lapor``'s, plus: a feed that cannot be fetched is a network failure (exit 4).
    """

    def exit_code_for(self, exc: BaseException) -> ExitCode:
        """Return the exit code of ``exc``."""
        from ._exceptions import FeedFetchError

        if isinstance(exc, FeedFetchError):
            return ExitCode.NETWORK
        return super().exit_code_for(exc)


class PriorityChoice(StrEnum):
    """Priorities on the command line (the values of :class:`hoax_clinic.Priority`)."""

    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class StatusChoice(StrEnum):
    """Statuses on the command line (the values of :class:`hoax_clinic.ClaimStatus`)."""

    RECEIVED = "received"
    VERIFYING = "verifying"
    CLARIFIED = "clarified"
    DISMISSED = "dismissed"


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
    from .tracker import ClaimTracker

    url = database_url(_state.db, default_name="hoax.db")
    open_database(url).dispose()  # a bad --db fails here, on one line naming the fix
    with database_errors(url):
        tracker = ClaimTracker.open(url)
    try:
        with database_errors(url):
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
            help="Database: a URL (sqlite:///x.db, postgresql://user@host/db) or a SQLite file "
            "path (default: LAPOR_DATABASE_URL, else ~/.lapor/hoax.db).",
            show_default=False,
        ),
    ] = None,
    tz: Annotated[
        str,
        typer.Option(
            "--tz",
            envvar="HOAX_TZ",
            help="Time zone for display and naive input: WIB, WITA, WIT or an IANA name.",
        ),
    ] = "Asia/Jakarta",
) -> None:
    """Klinik hoaks: log circulating claims, clarify them within the deadline, publish."""
    _state.db = db
    _state.tz = parse_tz(tz)


def _utc_now() -> datetime:
    return datetime.now(dt.UTC)


def _parse_time(text: str | None, option: str = "--seen-at") -> datetime:
    if text is None:
        return _utc_now()
    return parse_instant(text, option, naive_tz=_state.tz)


def _parse_bound(text: str | None, option: str) -> datetime | None:
    """A ``--since``/``--until`` value: a date (midnight in --tz) or an ISO date-time."""
    if text is None:
        return None
    value = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise CliError(f"{option} {text[:40]!r} is not a date; write e.g. 2026-06-01") from None
        return datetime.combine(day, dt.time(0), tzinfo=_state.tz)
    return parse_instant(value, option, naive_tz=_state.tz)


def _check_url(value: str | None, option: str) -> str | None:
    """Refuse a link that is not http(s) on one line naming the option (no pydantic dump)."""
    if value is None:
        return None
    if not re.match(r"^https?://[^\s/]+", value.strip(), flags=re.IGNORECASE):
        raise CliError(
            f"{option} {value[:60]!r} is not a web link; give an address starting with "
            "http:// or https://"
        )
    return value.strip()


def _local(value: datetime) -> str:
    return value.astimezone(_state.tz).strftime("%Y-%m-%d %H:%M %Z")


def _known_identities(claim: Claim) -> list[str]:
    """The reporters' own values (name, phone, e-mail, NIK, address) of a claim's sightings."""
    fields = ("name", "phone", "email", "nik", "address")
    return [
        v
        for s in claim.sightings
        if s.reporter is not None
        for f in fields
        if isinstance(v := getattr(s.reporter, f), str)
    ]


def _safe(text: str | None, claim: Claim, width: int | None = None) -> str:
    """Claim, sighting or clarification text as the CLI shows it: personal data redacted.

    Claim texts are what reporters forwarded and often carry a phone number, a NIK or the
    reporter's own name; a terminal, a shared screen or a pasted log is no place for them.
    Redaction runs before the cut, so a cut never leaves a number half-recognised.
    """
    from lapor_sdk.privacy import excerpt, scrub

    if not text:
        return ""
    known = _known_identities(claim)
    clean = scrub(text, known=known) if width is None else excerpt(text, width, known=known)
    return escape(clean)


def _deadline_cell(tracker: ClaimTracker, claim: Claim, now: datetime) -> str:
    from ._deadline import format_remaining

    if not claim.status.is_open:
        return "—"
    phrase = format_remaining(tracker.deadline(claim), now)
    return f"[red]{phrase}[/]" if phrase.startswith("late") else phrase


def _claims_table(tracker: ClaimTracker, claims: list[Claim], now: datetime) -> Table:
    from rich.table import Table

    from .models import Priority

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
            _safe(c.text, c, 60),
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
        PriorityChoice, typer.Option("--priority", help="Priority of a new claim.")
    ] = PriorityChoice.NORMAL,
) -> None:
    """Log a sighting: attach it to a known claim or open a new one.

    A --seen-at later than now (beyond 5 minutes of clock skew) is refused.
    """
    from ._deadline import format_remaining
    from .models import Platform

    link = _check_url(url, "--url")
    chosen = Platform.parse(platform)
    when = None if seen_at is None else _parse_time(seen_at)
    with _tracker() as tracker:
        now = _utc_now()  # also the sighting time by default: a new claim shows its full target
        r = tracker.log(
            text,
            platform=chosen,
            seen_at=now if when is None else when,
            url=link,
            reach=reach,
            topic=topic,
            region=region,
            priority=priority.value,
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
        StatusChoice | None, typer.Option("--status", help="Only claims with this status.")
    ] = None,
    include_imported: Annotated[
        bool, typer.Option("--imported", help="Include debunks loaded from feeds.")
    ] = False,
) -> None:
    """List claims (open ones by default), soonest deadline first."""
    from .models import ClaimStatus

    now = _utc_now()
    within = None if due is None else parse_duration(due)
    with _tracker() as tracker:
        if overdue:
            claims = tracker.overdue(now=now)
        elif within is not None:
            claims = tracker.due(within=within, now=now)
        elif status is not None:
            claims = tracker.claims(status=ClaimStatus(status.value))
        else:
            claims = tracker.open_claims()
        if not include_imported:
            claims = [c for c in claims if not c.imported]
        out.print(_claims_table(tracker, claims, now))


@app.command("show")
def show_cmd(claim_id: Annotated[str, typer.Argument(help="Claim id (HX-…).")]) -> None:
    """Show one claim with its sightings, verdict and clarification."""
    from rich.table import Table

    now = _utc_now()
    with _tracker() as tracker:
        c = tracker.get(claim_id)
        out.print(
            f"[bold]{c.id}[/]  {c.status.value} ({c.status.label}), priority {c.priority.value}"
        )
        out.print(_safe(c.text, c))
        out.print(f"first seen {_local(c.first_seen)}; deadline {_local(tracker.deadline(c))}")
        if c.status.is_open:
            out.print(f"due {_deadline_cell(tracker, c, now)}")
        for name, value in (("topic", c.topic), ("region", c.region), ("assignee", c.assignee)):
            if value:
                out.print(f"{name}: {escape(value)}")
        if c.dismissed_reason:
            out.print(f"dismissed: {_safe(c.dismissed_reason, c)}")
        if c.verdict:
            out.print(f"verdict: [bold]{c.verdict.label.value}[/]")
        if c.clarification:
            out.print(f"clarification ({_local(c.clarification.published_at)}):")
            out.print(_safe(c.clarification.text, c))
            for src in c.clarification.sources:
                out.print(f"  source: {_safe(src, c)}")
            if c.clarification.url:
                out.print(f"  url: {_safe(c.clarification.url, c)}")
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
                    _safe(s.url, c),
                    _safe(s.text, c, 50),
                )
            out.print(table)


@app.command("verdict")
def verdict_cmd(
    claim_id: Annotated[str, typer.Argument(help="Claim id.")],
    label: Annotated[str, typer.Argument(help="HOAKS, SALAH, DISINFORMASI, PENIPUAN, …")],
    summary: Annotated[str | None, typer.Option("--summary", help="Short reason.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who decided.")] = None,
) -> None:
    """Set the verdict label of an open claim (a RECEIVED claim moves to VERIFYING)."""
    from .models import Label

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
    from .models import Label

    link = _check_url(url, "--url")
    proofs = [_check_url(e, "--evidence") or "" for e in evidence or ()]
    chosen = Label.parse(label) if label else None
    with _tracker() as tracker:
        c = tracker.clarify(
            claim_id,
            text=text,
            sources=source or (),
            evidence=proofs,
            url=link,
            label=chosen,
        )
        assert c.closed_at is not None  # noqa: S101 - clarify always sets it
        on_time = c.closed_at <= tracker.deadline(c)
        out.print(
            f"claim {c.id} clarified "
            + ("[green]within the deadline[/]" if on_time else "[red]after the deadline[/]")
        )


@app.command("assign")
def assign_cmd(
    claim_id: Annotated[str, typer.Argument(help="Claim id.")],
    assignee: Annotated[
        str | None, typer.Argument(help="Who handles it (name or team).", show_default=False)
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the assignee.")] = False,
) -> None:
    """Set who handles an open claim (or --clear it)."""
    if (assignee is None) == (not clear):
        raise CliError("give an ASSIGNEE, or --clear to remove the current one (not both)")
    name = None if clear else (assignee or "").strip()[:200]
    if name == "":
        raise CliError("ASSIGNEE is empty; give a name or team, or use --clear")
    with _tracker() as tracker:
        c = tracker.assign(claim_id, name)
        who = escape(c.assignee) if c.assignee else "nobody"
        out.print(f"claim {c.id}: assigned to {who}")


@app.command("start-verifying")
def start_verifying_cmd(
    claim_id: Annotated[str, typer.Argument(help="Claim id.")],
    assignee: Annotated[
        str | None, typer.Option("--assignee", help="Assign it at the same time.")
    ] = None,
) -> None:
    """Move a RECEIVED claim to VERIFYING (someone is checking it)."""
    with _tracker() as tracker:
        c = tracker.start_verification(claim_id, assignee=assignee)
        who = f", assigned to {escape(c.assignee)}" if c.assignee else ""
        out.print(f"claim {c.id}: {c.status.name}{who}")


@app.command("due")
def due_cmd(
    within: Annotated[
        float,
        typer.Option(
            "--within", min=0, max=24 * 366, help="Hours ahead: claims due before now + HOURS."
        ),
    ] = 6.0,
    include_imported: Annotated[
        bool, typer.Option("--imported", help="Include debunks loaded from feeds.")
    ] = False,
) -> None:
    """List open claims due within --within hours (overdue ones too), for a cron alert.

    Exit code 0: nothing is due; 10: at least one claim is due or late (the list is printed);
    other codes are failures (see docs/cli.md). Example crontab line:
    `*/30 * * * * hoax due --within 3 || notify-team`.
    """
    now = _utc_now()
    with _tracker() as tracker:
        claims = [
            c
            for c in tracker.due(within=timedelta(hours=within), now=now)
            if include_imported or not c.imported
        ]
        if not claims:
            out.print(f"no open claim is due within {within:g} h")
            return
        out.print(_claims_table(tracker, claims, now))
    raise typer.Exit(code=int(ExitCode.DUE))


@app.command("similar")
def similar_cmd(
    text: Annotated[str, typer.Argument(help="A forwarded message, caption or post (quote it).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=50, help="How many.")] = 5,
) -> None:
    """Show the known claims most similar to a text, with their score and why.

    "attach" marks the claims `hoax log` would attach the text to. The reasons name the
    guard conflicts (conflict:number, conflict:place, ...) and the signals that weighed most
    (rare_cover: share of the shorter text's rare words found in the other; cosine:
    character 3-grams; token_set: word overlap); "+" raised the score, "-" lowered it.
    """
    from rich.table import Table

    with _tracker() as tracker:
        matches = tracker.similar(text, limit=limit, explain=True)
        if not matches:
            out.print("no similar claim")
            return
        table = Table("claim", "score", "attach", "why", "text", title="similar claims")
        for m in matches:
            table.add_row(
                m.claim.id,
                f"{m.score:.2f}",
                "yes" if m.attach else "no",
                escape(", ".join(m.reasons)),
                # Claim texts can carry a reporter's number or NIK: shown redacted.
                _safe(m.claim.text, m.claim, 60),
            )
        out.print(table)


@app.command("refit-matcher")
def refit_matcher_cmd(
    output: Annotated[Path, typer.Option("--out", "-o", help="Model file to write (JSON).")],
) -> None:
    """Fit the attach model on this clinic's confirmed decisions and write it to a file.

    Positives are the sightings of claims with a verdict; negatives are checked claims kept
    apart. Use the file with HOAX_MATCH_MODEL=<file>. At least 20 pairs of both kinds needed.
    """
    from .matching import fit_attach_model

    with _tracker() as tracker:
        pairs = tracker.labelled_pairs()
    same = sum(1 for _, _, s in pairs if s)
    if same < 10 or len(pairs) - same < 10:
        raise InvalidClaimInputError(
            f"only {same} same-claim and {len(pairs) - same} different-claim pairs; set "
            "verdicts on more claims with their sightings (at least 10 of each) and try again"
        )
    model = fit_attach_model(pairs, meta={"fitted_by": "hoax refit-matcher"})
    output.write_text(model.to_json(), encoding="utf-8")
    out.print(
        f"fitted on {len(pairs)} pairs ({same} same, {len(pairs) - same} different); "
        f"threshold {model.threshold:.2f}; written to {escape(str(output))}"
    )
    out.print(f"use it with: HOAX_MATCH_MODEL={escape(str(output))}")


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
    from .feeds import DEFAULT_FEEDS, FeedSource, ingest

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
    from .publish import Publisher

    name = name or os.environ.get("HOAX_PUBLISHER_NAME")
    url = url or os.environ.get("HOAX_PUBLISHER_URL")
    if not name or not url:
        raise InvalidClaimInputError(
            "publisher name and URL are needed; pass --org-name and --org-url or set "
            "HOAX_PUBLISHER_NAME and HOAX_PUBLISHER_URL"
        )
    return Publisher(name=name, url=_check_url(url, "--org-url") or url)


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
    """Print a clarification as ClaimReview JSON-LD, RSS/Atom, social or WhatsApp text, HTML.

    HTML shows the publication time in --tz with its zone ("17 Juni 2026 08.30 WIB").
    """
    from .models import ClaimStatus
    from .publish import (
        atom_feed,
        claim_review_json,
        html_snippet,
        rss_feed,
        social_post,
        whatsapp_message,
    )

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
            typer.echo(html_snippet(claim, tz=_state.tz))


@app.command("stats")
def stats_cmd(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="From this date or time (2026-06-01, or ISO with offset; naive in --tz).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="Before this date or time (exclusive), same forms."),
    ] = None,
    csv_out: Annotated[
        Path | None,
        typer.Option("--csv", help="Also write the figures as CSV (figure,value) to this file."),
    ] = None,
) -> None:
    """Show the clinic's figures: time to clarify, on-time share, sightings per platform.

    With --since/--until the figures cover the claims first seen, and the sightings seen, in
    that period.
    """
    from rich.table import Table

    start = _parse_bound(since, "--since")
    end = _parse_bound(until, "--until")
    if start is not None and end is not None and end <= start:
        raise CliError(f"--until {until!r} is not after --since {since!r}; swap them")
    with _tracker() as tracker:
        s = tracker.stats(tz=_state.tz, since=start, until=end)
    if csv_out is not None:
        csv_out.write_text(s.to_csv(), encoding="utf-8")
    period = ""
    if start is not None or end is not None:
        period = f" ({_local(start) if start else '…'} – {_local(end) if end else 'now'})"
    table = Table(title=f"Klinik hoaks{period}", title_justify="left", show_header=False)
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
    from ._deadline import format_remaining

    now = _utc_now()  # one reading: two would shave a minute off whole spans
    return format_remaining(now + delta, now).removeprefix("in ")


def main() -> None:
    """Entry point of the ``hoax`` console script."""
    app()
