"""The privacy canary: every output the SDK has, per role, shows exactly what that role may see.

Reports whose every free-text field holds the canary reporter's name, NIK, phone number and
e-mail address (``canary.py``; full-width digits and ``KTP_Siti_Rahayu.jpg`` included) go
through every output: reprs, logs at DEBUG through the client and the sandbox, exceptions,
CLI output, monev HTML/CSV/JSON, published hoax text, and the sandbox's views per role. Each
row of :data:`OUTPUTS` says which canary kinds its audience may see; the test asserts the
output shows *exactly* those (so a row cannot pass because the canary never reached it).

Table-driven: a later module (sync, PPID, PDP) adds its outputs with :func:`output`, above
the test (its parameters are read when the test is defined).

What each role may see (DOMAIN.md, docs/privacy.md):

======================== ========== ======================= =========== ==============
report                   admin      liaison (handling unit)  public      other agency
======================== ========== ======================= =========== ==============
anonim                   everything nothing                  nothing     nothing (404)
public (no flags)        everything name, phone, e-mail      name        nothing (404)
======================== ========== ======================= =========== ==============

Every other output (reprs, logs, exceptions, monev, CLI, published hoax text) shows nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from hoax_clinic import ClaimTracker
from hoax_clinic.publish import (
    Publisher,
    atom_feed,
    claim_review_json,
    html_snippet,
    rss_feed,
    social_post,
    whatsapp_message,
)
from lapor_sdk import IllegalTransitionError, InvalidInputError, LaporError, lifecycle
from lapor_sdk.cli import app as lapor_app
from lapor_sdk.intake import ComplaintDraft
from lapor_sdk.models import Attachment, Complaint, Location, Privacy, Role, Satisfaction
from lapor_sdk.monev import compute_monev, render_html
from lapor_sdk.privacy import Audience, view_for
from lapor_sdk.sandbox import Sandbox

from .canary import ALL, EMAIL, KINDS, NAME, NIK, PHONE, PHONE_WIDE, canary_complaint, found_in
from .canary import reporter as canary_reporter

EVERYTHING = frozenset(KINDS)
NOTHING: frozenset[str] = frozenset()
NOW = dt.datetime(2025, 3, 31, 17, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@dataclass
class World:
    """What the outputs are rendered from: local reports, a sandbox that holds the same
    reports (filed through the API), and what was logged while building it."""

    local: dict[Privacy, Complaint]
    sandbox: Sandbox
    tracking_ids: dict[Privacy, str]
    tmp: Path
    log_text: str = ""
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Output:
    """One output of the SDK as one role sees it, and the canary kinds it may show."""

    name: str
    role: str
    allowed: frozenset[str]
    render: Callable[[World], str]

    @property
    def id(self) -> str:
        return f"{self.name}[{self.role}]"


#: Every output checked; later modules append theirs with :func:`output`.
OUTPUTS: list[Output] = []


def output(
    name: str, role: str, allowed: frozenset[str] = NOTHING
) -> Callable[[Callable[[World], str]], Callable[[World], str]]:
    """Register ``render`` as an output of ``role`` that may show ``allowed`` kinds."""

    def register(render: Callable[[World], str]) -> Callable[[World], str]:
        OUTPUTS.append(Output(name, role, allowed, render))
        return render

    return register


# -- building the world --------------------------------------------------------------------


def _file_through_the_api(sb: Sandbox, privacy: Privacy) -> str:
    """File, verify, follow up, relay a reply and a rating, attach files: canaries everywhere."""
    with sb.client() as admin:
        c = admin.complaints.create(
            title=f"Pungli {NAME} {NIK}",
            description=ALL,
            external_ref=f"wa:{PHONE}:{NAME.replace(' ', '_')}:{privacy.value}",
            reporter=canary_reporter(),
            privacy=privacy,
            tags=[NAME, NIK, EMAIL],
            location=Location(
                region_code="35.78",
                region_name=f"Kota Surabaya {NAME}",
                district=f"{NAME} {NIK}",
                village=f"Desa {EMAIL}",
                street=ALL,
                km_marker=f"{NIK} {PHONE}",
                description=ALL,
            ),
        )
        tid = c.tracking_id
        assert tid is not None
        admin.verification.verify(tid, unit="dsdabm", note=ALL)
        for name in ("KTP_Siti_Rahayu.jpg", "siti-rahayu.jpg", f"KTP_{NIK}_{PHONE}.jpg"):
            admin.attachments.upload(
                tid, file=b"\xff\xd8", filename=name, content_type="image/jpeg"
            )
        admin.follow_ups.create(
            tid,
            text=f"Terima kasih {NAME} ({NIK}, {PHONE_WIDE}, {EMAIL}), akan kami tindak lanjuti.",
            final=True,
        )
        admin.replies.create(tid, text=ALL)
        admin.follow_ups.create(tid, text=ALL, final=True)
        admin.ratings.create(tid, satisfaction=Satisfaction.SATISFIED, comment=ALL)
    return tid


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with Sandbox.running(log_level="debug") as sb:
            tids = {p: _file_through_the_api(sb, p) for p in (Privacy.ANONYMOUS, Privacy.PUBLIC)}
            local = {p: canary_complaint(p, tracking_id=tids[p]) for p in tids}
            w = World(local, sb, tids, tmp_path_factory.mktemp("canary"))
            w.log_text = buffer.getvalue()
            yield w
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


# -- the outputs ---------------------------------------------------------------------------


@output("repr and str of every model", "anyone")
def _reprs(w: World) -> str:
    parts: list[str] = []
    for c in w.local.values():
        parts += [repr(c), str(c), f"{c}", repr(c.reporter), str(c.reporter), repr(c.location)]
        for record in (*c.attachments, *c.dispositions, *c.follow_ups, *c.replies, *c.events):
            parts.append(repr(record))
        parts += [
            repr(c.rating),
            c.reference,
            repr(c.model_copy(update={"tracking_id": None}).reference),
        ]
    return "\n".join(parts)


@output("logs at DEBUG: client, httpx, sandbox (uvicorn)", "log reader")
def _logs(w: World) -> str:
    assert "lapor_sdk" in w.log_text or "httpx" in w.log_text or "httpcore" in w.log_text
    return w.log_text


@output("exceptions", "anyone")
def _exceptions(w: World) -> str:
    texts: list[str] = []
    c = w.local[Privacy.ANONYMOUS]
    with pytest.raises(IllegalTransitionError) as transition:
        lifecycle.verify(c, by=Role.AGENCY_ADMIN, at=NOW, agency="pemkot-surabaya")
    texts += [str(transition.value), repr(transition.value)]
    with pytest.raises(ValidationError) as invalid:
        Complaint.model_validate({**c.model_dump(), "title": ALL * 10})
    texts += [str(invalid.value), repr(invalid.value)]
    with w.sandbox.client(max_retries=0) as client:
        with pytest.raises(LaporError) as api:
            client.complaints.create(title=ALL * 10, description=ALL, external_ref="bad:1")
        texts += [str(api.value), repr(api.value), repr(getattr(api.value, "problem", None))]
        with pytest.raises(LaporError) as denied:
            client.verification.verify(w.tracking_ids[Privacy.ANONYMOUS], note=ALL)
        texts += [str(denied.value), repr(getattr(denied.value, "problem", None))]
    return "\n".join(texts)


def _cli(*args: str) -> str:
    result = CliRunner().invoke(lapor_app, list(args))
    assert "Traceback" not in result.output
    return result.output


def _complaints_file(w: World) -> Path:
    path = w.tmp / "complaints.json"
    if not path.exists():
        data = [c.model_dump(mode="json") for c in w.local.values()]
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@output("lapor validate (valid and invalid files)", "CLI user")
def _cli_validate(w: World) -> str:
    bad = w.tmp / "bad.json"
    broken = w.local[Privacy.PUBLIC].model_dump(mode="json")
    broken["reporter"]["phone"] = f"{PHONE}99999"
    broken["title"] = ALL * 10
    bad.write_text(json.dumps([broken], ensure_ascii=False), encoding="utf-8")
    return _cli("validate", str(_complaints_file(w))) + _cli("validate", str(bad))


@output("lapor report monev (stdout, HTML, CSV, JSON files)", "agency head / public")
def _cli_monev(w: World) -> str:
    out = w.tmp / "cli-monev"
    out.mkdir(exist_ok=True)
    html, js = out / "r.html", out / "r.json"
    text = _cli(
        "report", "monev", str(_complaints_file(w)), "--now", NOW.isoformat(),
        "--output", str(html), "--json", str(js), "--csv", str(out / "r.csv"),
    )  # fmt: skip
    files = [p.read_text(encoding="utf-8") for p in (html, js, out / "r.csv") if p.exists()]
    assert len(files) == 3, text
    return text + "\n".join(files)


@output("lapor sla check", "CLI user")
def _cli_sla(w: World) -> str:
    return _cli("sla", "check", str(_complaints_file(w)), "--now", NOW.isoformat())


@output("monev HTML, CSV and JSON (library)", "agency head / public")
def _monev(w: World) -> str:
    report = compute_monev(list(w.local.values()), now=NOW, evaluate_sla=False)
    assert report.flagged_follow_ups
    return "\n".join([render_html(report), report.to_csv(), report.to_json()])


@output("hoax similar (CLI: candidates, scores, reasons)", "CLI user")
def _hoax_similar(w: World) -> str:
    from hoax_clinic.cli import app as hoax_app

    db = f"sqlite:///{w.tmp / 'hoax-similar.db'}"
    with ClaimTracker.open(db) as tracker:
        tracker.log(
            f"SEBARKAN!! Bantuan tunai Rp600 ribu, daftar ke {PHONE} atau {EMAIL}, kirim NIK {NIK}",
            platform="whatsapp",
            seen_at=NOW - dt.timedelta(hours=2),
            reporter=canary_reporter(),
        )
    result = CliRunner().invoke(
        hoax_app, ["--db", db, "similar", f"bantuan tunai 600rb daftar ke {PHONE} kirim NIK"]
    )
    assert result.exit_code == 0, result.output
    assert "bantuan" in result.output.lower()  # the claim was found and shown
    return result.output


def _hoax_cli_world(w: World, name: str) -> str:
    """A clinic database whose claim, sightings and clarification all carry the canary."""
    db = f"sqlite:///{w.tmp / name}"
    with ClaimTracker.open(db) as tracker:
        seen = NOW - dt.timedelta(hours=2)
        claim = tracker.log(
            f"SEBARKAN!! Bantuan tunai Rp600 ribu dari {NAME}, daftar ke {PHONE} atau {EMAIL},"
            f" kirim NIK {NIK}",
            platform="whatsapp",
            seen_at=seen,
            reporter=canary_reporter(),
        ).claim
        tracker.log(
            f"bantuan tunai 600rb daftar ke {PHONE_WIDE}, kata Bu Siti_Rahayu, NIK {NIK}",
            platform="facebook",
            seen_at=seen + dt.timedelta(minutes=5),
            reporter=canary_reporter(),
        )
        if name.startswith("show"):
            tracker.clarify(
                claim.id,
                text=f"Tidak ada bantuan itu. Jangan kirim NIK ke {PHONE_WIDE} atau {EMAIL}.",
                sources=[f"Dinsos, konfirmasi ke {NAME} {PHONE}"],
                label="penipuan",
                at=NOW,
            )
    return db


@output("hoax list (CLI: open claims table)", "CLI user")
def _hoax_list(w: World) -> str:
    from hoax_clinic.cli import app as hoax_app

    db = _hoax_cli_world(w, "list.db")
    result = CliRunner().invoke(hoax_app, ["--db", db, "list"], terminal_width=400)
    assert result.exit_code == 0, result.output
    assert "bantuan" in result.output.lower()  # the claim is listed
    return result.output


@output("hoax show (CLI: claim, sightings, clarification)", "CLI user")
def _hoax_show(w: World) -> str:
    from hoax_clinic.cli import app as hoax_app

    db = _hoax_cli_world(w, "show.db")
    with ClaimTracker.open(db) as tracker:
        (claim,) = tracker.claims()
    result = CliRunner().invoke(hoax_app, ["--db", db, "show", claim.id], terminal_width=400)
    assert result.exit_code == 0, result.output
    # The claim, both sightings and the clarification were printed.
    assert "bantuan" in result.output.lower() and "Facebook" in result.output
    assert "Tidak ada bantuan" in result.output
    return result.output


@output("published hoax clarification (all formats)", "public")
def _hoax(w: World) -> str:
    tracker = ClaimTracker()
    seen = NOW - dt.timedelta(hours=2)
    claim = tracker.log(
        f"SEBARKAN!! Bantuan tunai, daftar ke {PHONE} atau {EMAIL}, kirim NIK {NIK}",
        platform="whatsapp",
        seen_at=seen,
        reporter=canary_reporter(),
    ).claim
    tracker.set_verdict(claim.id, "penipuan", summary=f"Penipuan; pelapor {NAME}", at=seen)
    claim = tracker.clarify(
        claim.id,
        text=f"Tidak ada bantuan itu. Jangan kirim NIK ke {PHONE_WIDE}.",
        url="https://kominfo.contoh.go.id/klarifikasi/1",
        at=NOW,
    )
    org = Publisher(name="Diskominfo Kota Contoh", url="https://kominfo.contoh.go.id")
    return "\n".join(
        [
            claim_review_json(claim, publisher=org),
            rss_feed([claim], publisher=org),
            atom_feed([claim], publisher=org),
            html_snippet(claim),
            social_post(claim),
            whatsapp_message(claim),
        ]
    )


def _api_get(w: World, key: str, path: str) -> str:
    with httpx.Client(base_url=w.sandbox.base_url, headers={"Authorization": f"Bearer {key}"}) as h:
        return h.get(path).text


def _sandbox_view(privacy: Privacy, account: tuple[str, str]) -> Callable[[World], str]:
    def render(w: World) -> str:
        key = Sandbox.api_key_for(*account)
        tid = w.tracking_ids[privacy]
        paths = [f"/complaints/{tid}"] + [
            f"/complaints/{tid}/{sub}"
            for sub in ("follow-ups", "replies", "attachments", "dispositions", "rating")
        ]
        texts = [_api_get(w, key, p) for p in paths]
        # The list holds every report the account sees: keep this report's entry only.
        listed = json.loads(_api_get(w, key, "/complaints?limit=200")).get("data", [])
        texts += [json.dumps(i, ensure_ascii=False) for i in listed if i["tracking_id"] == tid]
        return "\n".join(texts)

    return render


def _cli_live(privacy: Privacy) -> Callable[[World], str]:
    def render(w: World) -> str:
        env = {"LAPOR_BASE_URL": w.sandbox.base_url, "LAPOR_API_KEY": w.sandbox.api_key}
        tid = w.tracking_ids[privacy]
        texts = []
        for args in (["complaints", "get", tid], ["complaints", "list", "--limit", "200"]):
            result = CliRunner().invoke(lapor_app, args, env=env)
            assert result.exit_code == 0 and "Traceback" not in result.output
            texts.append(result.output)
        assert tid in texts[0]
        # The list shows every report of the agency: keep this report's lines only.
        return texts[0] + "\n".join(line for line in texts[1].splitlines() if tid in line)

    return render


def _sheet_export(privacy: Privacy) -> Callable[[World], str]:
    def render(w: World) -> str:
        from openpyxl import load_workbook

        from lapor_sdk.spreadsheet import write_complaints

        texts = []
        for suffix in (".csv", ".xlsx"):
            path = w.tmp / f"export-{privacy.value}{suffix}"
            assert write_complaints([w.local[privacy]], path) == 1
            if suffix == ".csv":
                texts.append(path.read_text(encoding="utf-8-sig"))
            else:
                sheet = load_workbook(path).active
                assert sheet is not None
                texts += [str(c.value) for row in sheet.iter_rows() for c in row]
        return "\n".join(texts)

    return render


def _open311_view(privacy: Privacy) -> Callable[[World], str]:
    def render(w: World) -> str:
        tid = w.tracking_ids[privacy]
        base = f"{w.sandbox.base_url}/open311/v2"
        texts = [
            httpx.get(f"{base}/requests.{fmt}", params={"service_request_id": tid}).text
            for fmt in ("json", "xml")
        ]
        texts += [httpx.get(f"{base}/requests/{tid}.{fmt}").text for fmt in ("json", "xml")]
        assert tid in texts[0] and tid in texts[3]  # the report is public: it is shown
        return "\n".join(texts)

    return render


for _privacy, _liaison_sees, _public_sees in (
    (Privacy.ANONYMOUS, NOTHING, NOTHING),
    (Privacy.PUBLIC, frozenset({"name", "phone", "email"}), frozenset({"name"})),
):
    _label = _privacy.value
    output(f"sandbox API, {_label} report", "admin of the filing agency", EVERYTHING)(
        _sandbox_view(_privacy, ("pemkot-surabaya", "admin"))
    )
    output(f"sandbox API, {_label} report", "liaison of the handling agency", _liaison_sees)(
        _sandbox_view(_privacy, ("pemkot-surabaya", "liaison"))
    )
    output(f"sandbox API, {_label} report", "admin of another agency", NOTHING)(
        _sandbox_view(_privacy, ("pemkab-malang", "admin"))
    )
    output(f"sandbox API, {_label} report", "liaison of another agency", NOTHING)(
        _sandbox_view(_privacy, ("pemkab-malang", "liaison"))
    )
    output(f"Open311 GET requests (JSON and XML), {_label} report", "public", _public_sees)(
        _open311_view(_privacy)
    )
    output(f"lapor complaints get/list tables, {_label} report", "CLI user", _public_sees)(
        _cli_live(_privacy)
    )
    output(f"spreadsheet export (CSV and XLSX), {_label} report", "public", _public_sees)(
        _sheet_export(_privacy)
    )
    output(f"view_for, {_label} report", "public", _public_sees)(
        lambda w, p=_privacy: view_for(w.local[p], Audience.PUBLIC).model_dump_json()
    )
    output(f"view_for, {_label} report", "handling unit", _liaison_sees)(
        lambda w, p=_privacy: view_for(w.local[p], Audience.HANDLING_UNIT).model_dump_json()
    )
    output(f"view_for, {_label} report", "admin", EVERYTHING)(
        lambda w, p=_privacy: view_for(w.local[p], Audience.ADMIN).model_dump_json()
    )


# -- the sync engine: outbox rows hold the reporter's data; nothing it prints may -------------


def _sync(w: World) -> dict[str, str]:
    """Run the sync engine and its CLI once over canary complaints; keep every output."""
    if "sync" in w.notes:
        return json.loads(w.notes["sync"])
    from lapor_sdk.sync import SyncEngine, SyncError

    db = f"sqlite:///{w.tmp / 'sync-canary.db'}"
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    texts: dict[str, str] = {}
    env = {"LAPOR_BASE_URL": w.sandbox.base_url, "LAPOR_API_KEY": w.sandbox.api_key}
    try:
        with w.sandbox.client() as client, SyncEngine(client, db, source="canary") as engine:
            for n, privacy in enumerate((Privacy.PUBLIC, Privacy.ANONYMOUS)):
                engine.enqueue_complaint(canary_complaint(privacy), local_id=f"c{n}")
                engine.enqueue_follow_up(f"c{n}", text=ALL, unit="dsdabm")
            dead = canary_complaint(Privacy.PUBLIC).model_copy(update={"category": "no-such"})
            engine.enqueue_complaint(dead, local_id="dead")
            w.sandbox.set_faults(drop_next=1)
            report = engine.run()
            w.sandbox.set_faults(fail_next=1, error_status=500)
            with w.sandbox.client(profile="lapor3") as national:
                unknown = SyncEngine(national, db, source="canary-lapor3")
                unknown.enqueue_complaint(canary_complaint(Privacy.PUBLIC), local_id="u1")
                texts["lapor3 report"] = repr(unknown.run())
                texts["lapor3 status"] = repr(unknown.status())
                unknown.close()
            w.sandbox.set_faults(fail_next=0)
            errors: list[str] = []
            for call in (
                lambda: engine.resolve("c0"),
                lambda: engine.resolve("c0", not_filed=True),
                lambda: engine.enqueue_complaint(canary_complaint(Privacy.PUBLIC), local_id=""),
                lambda: engine.enqueue_follow_up("c0", text=""),
            ):
                with pytest.raises(SyncError) as refused:
                    call()
                errors += [str(refused.value), repr(refused.value)]
            state = engine.national_state("c0")
            texts.update(
                {
                    "report": repr(report) + str(report) + report.model_dump_json(),
                    "status": repr(engine.status()) + engine.status().model_dump_json(),
                    "dead letters": repr(engine.dead_letters()),
                    "errors": "\n".join(errors),
                    "engine": repr(engine),
                    "mirror": "" if state is None else state.model_dump_json(),
                }
            )
        bad = w.tmp / "bad.jsonl"
        bad.write_text(
            json.dumps({"local_id": "x", "title": ALL[:150], "reporter": {"phone": PHONE + "9"}})
            + "\n",
            encoding="utf-8",
        )
        good = w.tmp / "good.jsonl"
        line = canary_complaint(Privacy.PUBLIC).model_dump(mode="json", exclude={"tracking_id"})
        good.write_text(json.dumps({**line, "local_id": "cli-1"}) + "\n", encoding="utf-8")
        runner = CliRunner()
        cli_parts = []
        for args in (
            ["enqueue", str(bad)],
            ["enqueue", str(good)],
            ["run"],
            ["status"],
            ["status", "--json"],
            ["retry-dead"],
            ["resolve", "cli-1", "--not-filed"],
        ):
            result = runner.invoke(
                lapor_app, ["sync", *args, "--db", db, "--source", "canary"], env=env
            )
            assert "Traceback" not in result.output
            cli_parts.append(result.output)
        texts["cli"] = "\n".join(cli_parts)
        texts["log"] = buffer.getvalue()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    w.notes["sync"] = json.dumps(texts)
    return texts


for _name in ("report", "status", "dead letters", "errors", "engine", "lapor3 report"):
    output(f"sync engine: {_name}", "anyone")(lambda w, _n=_name: _sync(w)[_n])
output("sync engine: logs at DEBUG while syncing", "log reader")(lambda w: _sync(w)["log"])
output("lapor sync enqueue|run|status [--json]|retry-dead|resolve", "CLI user")(
    lambda w: _sync(w)["cli"]
)
output("sync engine: national_state (the mirror, admin view)", "admin of the filing agency",
       EVERYTHING)(lambda w: _sync(w)["mirror"])  # fmt: skip


@output("sandbox triage suggestion (HTTP and Sandbox.suggestion)", "admin of the filing agency")
def _sandbox_suggestion(w: World) -> str:
    from lapor_sdk.triage import TriageModel

    history = {
        "infrastruktur": ["jalan rusak berlubang", "jembatan ambrol", "lampu jalan mati"],
        "kesehatan": ["puskesmas tutup", "obat habis", "antrean rumah sakit panjang"],
    }
    texts = [f"{t} di desa {i}" for label in history for t in history[label] for i in range(4)]
    labels = [label for label in history for _ in history[label] for _ in range(4)]
    w.sandbox.state.triage = TriageModel.fit(texts, labels, folds=2, tune=False)
    try:
        key = Sandbox.api_key_for("pemkot-surabaya")
        parts = []
        for tid in w.tracking_ids.values():
            parts.append(_api_get(w, key, f"/_sandbox/complaints/{tid}/suggestion"))
            parts.append(json.dumps(w.sandbox.suggestion(tid), ensure_ascii=False))
        assert all('"line"' in part for part in parts)
        return "\n".join(parts)
    finally:
        w.sandbox.state.triage = None


# -- PDP (UU 27/2022): every output of lapor_sdk.pdp, and every store after an erasure ----------

_BUDI_PHONE = "0813-9999-8888"
_PDP_TABLES = (
    "lapor_complaints", "lapor_complaints_meta", "pdp_requests", "pdp_restrictions",
    "sync_outbox", "sync_mirror", "sync_meta",
)  # fmt: skip


def _every_cell(engine: object) -> str:
    """Every value of every table of the database (the canary must be in none after erasure)."""
    import sqlalchemy as sa

    parts = []
    with engine.connect() as conn:  # type: ignore[attr-defined]
        for name in sa.inspect(conn).get_table_names():
            table = sa.Table(name, sa.MetaData(), autoload_with=conn)
            rows = conn.execute(sa.select(table))
            parts += [f"{name}: {' | '.join(map(str, row))}" for row in rows]
    return "\n".join(parts)


def _pdp(w: World, backend: str = "sqlite") -> dict[str, str]:
    """Stores holding the canary (complaint register, PDP register, sync outbox and mirror),
    every PDP output rendered from them, an erasure, and the stores afterwards."""
    key = f"pdp-{backend}"
    if key in w.notes:
        return json.loads(w.notes[key])
    import os

    import sqlalchemy as sa

    from lapor_sdk import pdp
    from lapor_sdk.models import Reporter
    from lapor_sdk.storage import ComplaintStore, create_engine
    from lapor_sdk.sync import SyncEngine

    if backend == "sqlite":
        path = w.tmp / "pdp-canary.db"
        db = create_engine(f"sqlite:///{path}")
    else:
        url = os.environ.get("LAPOR_TEST_DATABASE_URL")
        if not url:
            pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
        db = create_engine(url)
    with db.begin() as conn:
        for table in _PDP_TABLES:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    texts: dict[str, str] = {}
    wib = dt.timezone(dt.timedelta(hours=7))
    try:
        complaints = ComplaintStore(db)
        closed = lifecycle.close(
            canary_complaint(Privacy.PUBLIC, tracking_id="LAPOR-2025-000901"),
            at=dt.datetime(2025, 3, 20, 16, tzinfo=wib),
        )
        complaints.save(closed)
        budi = Reporter(name="Budi Santoso", phone=_BUDI_PHONE, email="budi@pasar.example")
        complaints.save(
            lifecycle.create(
                title="Parkir liar",
                description=f"Kata tetangga saya, {ALL}, ia juga melihatnya.",
                external_ref="app:budi",
                created_at=dt.datetime(2025, 3, 10, 9, tzinfo=wib),
                reporter=budi,
            )
        )
        register = pdp.PdpRegister(db)
        subject = pdp.DataSubject(nik=NIK)
        with w.sandbox.client() as client, SyncEngine(client, db, source="pdp") as engine:
            engine.enqueue_complaint(canary_complaint(Privacy.PUBLIC), local_id="k1")
            assert engine.run().pushed == 1
            engine.enqueue_complaint(canary_complaint(Privacy.ANONYMOUS), local_id="k2")
            engine.enqueue_follow_up("k2", text=ALL)
            stores = [pdp.open_store(k, db) for k in ("complaints", "pdp_requests", "outbox")]
            export = pdp.export_subject(subject, stores, now=NOW, request_id="PDP-A")
            assert {r.store for r in export.records} == {"complaints", "outbox"}
            texts["export"] = export.to_json() + pdp.render_export_html(export)
            his = pdp.export_subject(pdp.DataSubject(phone=_BUDI_PHONE), stores, now=NOW)
            assert [r.record_id for r in his.records] == ["app:budi"]
            texts["export other"] = his.to_json() + pdp.render_export_html(his)
            restriction = register.save(pdp.receive("restriction", subject, received_at=NOW))
            done, restricted = pdp.fulfil_restriction(restriction, stores, register, at=NOW)
            status = engine.status()
            assert status.restricted == 2
            lifted = pdp.lift_restriction(subject, stores, request_id=done.id, at=NOW)
            texts["restriction"] = "\n".join(
                [json.dumps(restricted.to_dict()), repr(restricted), repr(done),
                 json.dumps([e.model_dump(mode="json") for e in done.events]),
                 json.dumps(lifted.to_dict()), repr(status)]
            )  # fmt: skip
            incident = pdp.BreachIncident(
                discovered_at=NOW,
                how="Salinan basis data pengaduan terbuka di server cadangan",
                data_kinds=("nama", "NIK", "nomor telepon", "alamat surel"),
                measures="Server cadangan kami tutup dan kata sandi kami ganti",
                controller="Diskominfo Kota Surabaya",
                contact="petugas pelindungan data di nomor (031) 5312144",
            )
            notice = pdp.breach_notice(incident, stores)
            assert len(notice.affected) == 2  # she and Budi
            texts["breach"] = notice.subject_text + notice.authority_text + repr(notice)
            texts["affected"] = "\n".join(a.person.model_dump_json() for a in notice.affected)
            policy = pdp.RetentionPolicy.from_dict({"rules": [{"years": 1}]})
            later = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
            dry = pdp.apply_retention(stores, policy, now=later)
            assert dry.due
            texts["retention"] = json.dumps(dry.to_dict()) + repr(dry)
            if backend == "sqlite":
                texts.update(_pdp_cli(w, path))
            erasure = register.save(pdp.receive("erasure", subject, received_at=NOW))
            erased, report = pdp.fulfil_erasure(erasure, stores, register, at=NOW, force=True)
            assert erased.state is pdp.RequestState.DONE and report.anonymised >= 4
            texts["erasure"] = "\n".join(
                [json.dumps(report.to_dict()), repr(report), erased.model_dump_json()]
            )
            assert engine.run().pushed == 1  # k2, anonymised (its follow-up waits)
            national = engine.tracking_id("k2")
            assert national is not None
            texts["national k2"] = client.complaints.get(national).model_dump_json()
            applied = pdp.apply_retention(stores, policy, now=later, apply=True)
            texts["retention"] += json.dumps(applied.to_dict())
            texts["tables"] = _every_cell(db)
            assert "sync_mirror" in texts["tables"] and "sync_outbox" in texts["tables"]
            after = pdp.export_subject(
                pdp.DataSubject(nik=NIK, phone=PHONE, email=EMAIL), stores, now=NOW
            )
            texts["export after"] = json.dumps(after.to_dict()["records"]) + (
                pdp.render_export_html(after)
            )
        texts["log"] = buffer.getvalue()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        if backend != "sqlite":
            with db.begin() as conn:
                for table in _PDP_TABLES:
                    conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
        db.dispose()
    w.notes[key] = json.dumps(texts)
    return texts


def _pdp_cli(w: World, path: Path) -> dict[str, str]:
    """The ``lapor pdp`` commands on the same database (before the erasure)."""
    out = w.tmp / "pdp-cli"
    common = ["--db", str(path), "--store", f"outbox={path}"]
    parts = []
    for args in (
        ["request", "access", "--nik", NIK, "--id", "PDP-CLI-A"],
        ["request", "restriction", "--phone", PHONE, "--id", "PDP-CLI-R"],
        ["request", "--list"],
        ["export", "--request", "PDP-CLI-A", "--out", str(out)],
        ["restrict", "--request", "PDP-CLI-R"],
        ["restrict", "--request", "PDP-CLI-R", "--lift"],
        ["retention", "--dry-run", "--now", "2027-01-01T00:00+07:00"],
        ["retention", "--dry-run", "--json", "--now", "2027-01-01T00:00+07:00"],
        ["breach", "--discovered-at", "2025-06-01T22:00+09:00", "--how", "Server terbuka",
         "--data", "nama", "--measures", "Server kami tutup", "--controller", "Diskominfo",
         "--contact", "(031) 5312144", "--out", str(out / "breach")],
        ["request", "erasure", "--email", EMAIL, "--id", "PDP-CLI-E"],
        ["erase", "--request", "PDP-CLI-E"],
    ):  # fmt: skip
        extra = common if args[0] != "request" else common[:2]
        result = CliRunner().invoke(lapor_app, ["pdp", *args, *extra])
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        parts.append(result.output)
    files = [(out / f"PDP-CLI-A.{ext}").read_text(encoding="utf-8") for ext in ("json", "html")]
    notices = [(out / "breach" / f"pemberitahuan-{who}.txt").read_text(encoding="utf-8")
               for who in ("subjek", "lembaga")]  # fmt: skip
    return {
        "cli": "\n".join(parts),
        "cli export": "\n".join(files),
        "cli notices": "\n".join(notices),
        "cli affected": (out / "breach" / "subjek-terdampak.json").read_text(encoding="utf-8"),
    }


_SUBJECT = "the data subject (her own access export)"
for _key, _name, _role, _allowed in (
    ("export", "pdp access export, JSON and HTML (complaints, outbox, mirror)", _SUBJECT,
     EVERYTHING),
    ("export other", "pdp access export of another reporter whose complaint quotes her",
     "another data subject", NOTHING),
    ("restriction", "pdp restriction and lifting reports, the request, sync status",
     "anyone", NOTHING),
    ("breach", "pdp breach notice texts (Pasal 46) and repr", "subjects and the authority",
     NOTHING),
    ("affected", "pdp breach notice: the affected people", "the controller's staff",
     EVERYTHING),
    ("retention", "pdp retention reports (dry run and apply)", "anyone", NOTHING),
    ("erasure", "pdp erasure report and the finished request", "anyone", NOTHING),
    ("national k2", "national copy of a ticket erased before it was sent (outbox)",
     "admin of the filing agency", NOTHING),
    ("tables", "every table after erasure: complaints, register, outbox, mirror",
     "database reader", NOTHING),
    ("export after", "pdp access export after erasure, JSON and HTML", _SUBJECT, NOTHING),
    ("log", "logs at DEBUG while exporting, restricting, erasing (pdp)", "log reader",
     NOTHING),
):  # fmt: skip
    output(_name, _role, _allowed)(lambda w, _k=_key: _pdp(w)[_k])
    if _key in ("tables", "export after", "national k2", "export other"):
        output(f"{_name} (PostgreSQL)", _role, _allowed)(
            lambda w, _k=_key: _pdp(w, "postgresql")[_k]
        )
for _key, _name, _role, _allowed in (
    ("cli", "lapor pdp request|export|restrict|retention|breach|erase (stdout)", "CLI user",
     NOTHING),
    ("cli export", "lapor pdp export files", _SUBJECT, EVERYTHING),
    ("cli notices", "lapor pdp breach: the notice files", "subjects and the authority",
     NOTHING),
    ("cli affected", "lapor pdp breach: the affected-people file", "the controller's staff",
     frozenset({"name", "phone", "email"})),
):  # fmt: skip
    output(_name, _role, _allowed)(lambda w, _k=_key: _pdp(w)[_k])


@pytest.mark.parametrize("out", OUTPUTS, ids=[o.id for o in OUTPUTS])
def test_the_canary_shows_exactly_what_the_role_may_see(out: Output, world: World) -> None:
    text = out.render(world)
    assert found_in(text) == out.allowed, f"{out.id}: shows {sorted(found_in(text))}"


def test_the_canary_reached_the_sandbox_in_full(world: World) -> None:
    # Guards the table: the admin view really holds every kind in every text field.
    for privacy, tid in world.tracking_ids.items():
        view = json.loads(_api_get(world, world.sandbox.api_key, f"/complaints/{tid}"))
        for field_name in ("title", "description"):
            assert found_in(view[field_name]), (privacy, field_name)
        assert len(view["attachments"]) == 3 and view["rating"]["comment"]


def test_create_from_draft_refusals_never_name_the_files(lapor_sandbox: Sandbox) -> None:
    """A file name such as ``KTP_<NIK>.jpg`` stays out of the errors of a refused filing."""
    complaint = lifecycle.create(
        title="Pungli",
        description="Laporan pungli di kelurahan.",
        created_at=dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC),
        attachments=[
            Attachment(
                filename=f"KTP_{NAME}_{NIK}_{PHONE}.jpg",
                content_type="image/jpeg",
                size=3,
                sha256="0" * 64,
            )
        ],
    )
    draft = ComplaintDraft(complaint=complaint, location_match=None)
    with lapor_sandbox.client() as client:
        for files in ({}, {f"KTP_{NAME}_{NIK}_{PHONE}.jpg": b"abc"}):
            with pytest.raises(InvalidInputError) as info:
                client.complaints.create_from_draft(draft, external_ref=f"wa:{EMAIL}", files=files)
            assert found_in(str(info.value)) == set()
